//! The hand-written facade, read from the lib root with syn: the
//! re-exports a manifest can hold, the bytes of the items that hold them,
//! and the re-exports that stay as written, each with why.
//!
//! An item is taken whole or not at all. A `pub use` is taken when it is
//! `pub`, every path in it starts at a dependency, and its attributes are
//! `#[cfg(…)]`, a one-line doc comment and `#[doc(inline)]`; a `pub mod`
//! written inline is a namespace when it holds only such re-exports and
//! namespaces, and no comment (its own doc comment gives way to the one the
//! macro writes). Nothing else is read: modules in files of their own are
//! the crate's code, and a `pub use` inside a function body or a macro is
//! only listed.

use super::dependencies::{Dependencies, Named};
use cratespace_manifest::Cfg;
use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens as _;
use std::ops::Range;
use syn::spanned::Spanned as _;
use syn::{Attribute, Item, ItemMod, ItemUse, UseTree, Visibility};

/// A re-export the manifest can hold: one member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reexport {
    /// The namespaces it is in, outermost first.
    pub namespace: Vec<String>,
    /// Its module name as written (`r#type` raw); `None` for a glob.
    pub name: Option<String>,
    /// The dependency's key in `Cargo.toml`.
    pub key: String,
    /// The module path inside the dependency.
    pub path: Vec<String>,
    /// Its `#[cfg]`s, joined with `all`; `None` when it has none.
    pub cfg: Option<Cfg>,
    /// Its doc comment.
    pub doc: Option<String>,
    /// Where its item starts, a byte offset in the lib root.
    pub at: usize,
}

impl Reexport {
    /// Its module path: `render::core`, `*`, `prelude::*`.
    pub fn module_path(&self) -> String {
        let mut segments = self.namespace.clone();
        segments.push(self.name.clone().unwrap_or_else(|| "*".to_owned()));
        segments.join("::")
    }
}

/// A re-export that stays as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Left {
    /// Where it starts, a byte offset in the lib root.
    pub at: usize,
    /// Why the manifest cannot hold it.
    pub why: String,
}

/// What the lib root holds for the manifest.
#[derive(Debug, Default)]
pub struct Facade {
    /// The members, in the order of the file.
    pub reexports: Vec<Reexport>,
    /// The byte ranges of the items they are written in, in order.
    pub replaced: Vec<Range<usize>>,
    /// The re-exports that stay.
    pub left: Vec<Left>,
    /// Where the doc comment of a namespace taken is, which the one the
    /// macro writes replaces, and the namespace's path.
    pub dropped_docs: Vec<(usize, String)>,
    /// The names of the items at the crate's root that stay.
    pub root_names: Vec<String>,
    /// Whether the crate has `#![no_implicit_prelude]`, where a macro is
    /// reached by a `::` path.
    pub no_implicit_prelude: bool,
}

/// Reads the facade of the lib root `text`, whose crates are `crates`; an
/// error when syn cannot read it.
pub fn read(text: &str, crates: &Dependencies) -> syn::Result<Facade> {
    // Spans count bytes from the first token syn sees; a byte-order mark is
    // not one.
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let offset = text.len() - body.len();
    let file = syn::parse_file(body)?;
    let mut reader = Reader {
        text: body,
        crates,
        facade: Facade::default(),
    };
    reader.facade.no_implicit_prelude = file
        .attrs
        .iter()
        .any(|attr| attr.path().is_ident("no_implicit_prelude"));
    let mut root = Scope::default();
    for item in &file.items {
        reader.root_item(item, &mut root);
    }
    let mut facade = reader.facade;
    for reexport in &mut facade.reexports {
        reexport.at += offset;
    }
    for range in &mut facade.replaced {
        *range = range.start + offset..range.end + offset;
    }
    for left in &mut facade.left {
        left.at += offset;
    }
    for (at, _) in &mut facade.dropped_docs {
        *at += offset;
    }
    Ok(facade)
}

struct Reader<'a> {
    text: &'a str,
    crates: &'a Dependencies,
    facade: Facade,
}

/// The names of one module taken so far, and where each was written, so
/// that a second member at one path stays as written.
#[derive(Default)]
struct Scope {
    names: Vec<(String, usize)>,
    globs: Vec<(String, usize)>,
}

impl Scope {
    fn name(&self, name: &str) -> Option<usize> {
        let bare = name.strip_prefix("r#").unwrap_or(name);
        self.names
            .iter()
            .find(|(known, _)| known == bare)
            .map(|&(_, at)| at)
    }

    fn glob(&self, target: &str) -> Option<usize> {
        self.globs
            .iter()
            .find(|(known, _)| known == target)
            .map(|&(_, at)| at)
    }
}

/// What one item is to the manifest.
enum Reading {
    /// Members, which replace the item, and the namespaces in it whose doc
    /// comment gives way to the macro's.
    Members(Vec<Reexport>, Vec<(usize, String)>),
    /// Not a re-export: an import, or an item of the crate's own.
    Own,
    /// A re-export of a dependency that the manifest cannot hold, and why.
    Left(String),
    /// A re-export of something else than a dependency, and what: a
    /// facade's to list, code's own business inside a module of the crate.
    Elsewhere(String),
}

impl Reader<'_> {
    fn root_item(&mut self, item: &Item, scope: &mut Scope) {
        match self.item(item, &[], scope) {
            Reading::Members(members, dropped_docs) => {
                self.facade.reexports.extend(members);
                self.facade.dropped_docs.extend(dropped_docs);
                self.facade.replaced.push(item.span().byte_range());
            }
            Reading::Left(why) | Reading::Elsewhere(why) => self.left(start_of(item), why),
            Reading::Own => {
                if let Some(name) = item_name(item) {
                    self.facade.root_names.push(name);
                }
                self.nested(item);
            }
        }
    }

    fn left(&mut self, at: usize, why: String) {
        self.facade.left.push(Left { at, why });
    }

    /// What `item`, in `namespace`, is to the manifest.
    fn item(&mut self, item: &Item, namespace: &[String], scope: &mut Scope) -> Reading {
        match item {
            Item::Use(item) => self.reexport(item, namespace, scope),
            Item::Mod(module) => self.namespace(module, namespace, scope),
            _ => Reading::Own,
        }
    }

    /// A `use` item: members, an import, or a re-export left.
    fn reexport(&mut self, item: &ItemUse, namespace: &[String], scope: &mut Scope) -> Reading {
        let mut leaves = Vec::new();
        flatten(&item.tree, &mut Vec::new(), &mut leaves);
        let mut targets = Vec::new();
        let mut refused = None;
        for leaf in &leaves {
            match self.target(leaf) {
                Ok(target) => targets.push(target),
                Err(refusal) => refused = refused.or(Some(refusal)),
            }
        }
        let of_dependency = !targets.is_empty() || matches!(refused, Some(Refusal::Dependency(_)));
        match &item.vis {
            Visibility::Public(_) => {}
            Visibility::Restricted(restricted) if of_dependency => {
                let written = self.slice(restricted.span().byte_range());
                return Reading::Left(format!(
                    "its visibility is `{written}`, and a member is `pub`"
                ));
            }
            // An import, or a re-export of the crate's own items to itself.
            Visibility::Restricted(_) | Visibility::Inherited => return Reading::Own,
        }
        match refused {
            Some(Refusal::Dependency(why)) => return Reading::Left(why),
            Some(Refusal::Elsewhere(why)) => return Reading::Elsewhere(why),
            None => {}
        }
        let options = match self.options(&item.attrs) {
            Ok(options) => options,
            Err(why) => return Reading::Left(why),
        };
        if holds_comment(self.slice(item.span().byte_range())) {
            return Reading::Left("it holds a comment, which the manifest cannot keep".to_owned());
        }
        // After the attributes: at `pub`.
        let at = item.vis.span().byte_range().start;
        let mut members = Vec::new();
        for (key, path, name) in targets {
            let name = match name {
                Name::Glob => None,
                Name::Underscore => {
                    return Reading::Left(
                        "`as _` imports without a name, and a member has one".to_owned(),
                    );
                }
                Name::Named(name) => Some(name),
            };
            members.push(Reexport {
                namespace: namespace.to_vec(),
                name,
                key,
                path,
                cfg: options.cfg.clone(),
                doc: options.doc.clone(),
                at,
            });
        }
        if members.is_empty() {
            return Reading::Own;
        }
        if let Some(why) = self.taken(scope, &members) {
            return Reading::Left(why);
        }
        for member in &members {
            match &member.name {
                Some(name) => scope.names.push((bare(name).to_owned(), at)),
                None => scope.globs.push((glob_target(member), at)),
            }
        }
        Reading::Members(members, Vec::new())
    }

    /// The dependency `leaf` starts at, by its key, the path inside it and
    /// the name it is given; or why the manifest cannot reach it.
    fn target(&self, leaf: &Leaf) -> Result<(String, Vec<String>, Name), Refusal> {
        let root = bare(&leaf.path[0]);
        match self.crates.named(root) {
            Named::Dependency(dependency) => Ok((
                dependency.key.clone(),
                leaf.path[1..].to_vec(),
                leaf.name.clone(),
            )),
            Named::OtherLibraryName(dependency) => Err(Refusal::Dependency(format!(
                "`{root}` is the library of the dependency `{}`, which the manifest reaches as `{}`: rename the dependency to `{root} = {{ package = \"{}\", … }}` to make it a member",
                dependency.key,
                dependency.key.replace('-', "_"),
                dependency.package,
            ))),
            Named::Standard => Err(Refusal::Elsewhere(format!(
                "`{root}` is a crate of the standard library, not a dependency"
            ))),
            Named::Unknown if ["crate", "self", "super"].contains(&root) => {
                Err(Refusal::Elsewhere(format!(
                    "`{root}::…` is a path of this crate, not of a dependency"
                )))
            }
            Named::Unknown => Err(Refusal::Elsewhere(format!(
                "`{root}` is not a dependency of the library"
            ))),
        }
    }

    /// Why `members` cannot join `scope`: a name or glob it already holds.
    fn taken(&self, scope: &Scope, members: &[Reexport]) -> Option<String> {
        for member in members {
            let (first, what) = match &member.name {
                Some(name) => (scope.name(name), format!("a member named `{}`", bare(name))),
                None => (scope.glob(&glob_target(member)), "the same glob".to_owned()),
            };
            if let Some(first) = first {
                return Some(format!(
                    "{what} comes before it, on line {}: the manifest holds one member at a path",
                    self.line(first)
                ));
            }
        }
        None
    }

    /// The `cfg`, `doc` and `doc(inline)` of a re-export, or why it has an
    /// attribute the manifest has no key for.
    fn options(&self, attrs: &[Attribute]) -> Result<Options, String> {
        let mut cfgs = Vec::new();
        let mut docs = Vec::new();
        for attr in attrs {
            match self.attribute(attr)? {
                Attr::Cfg(cfg) => cfgs.push(cfg),
                Attr::Doc(doc) => docs.push(doc),
                Attr::Inline => {}
            }
        }
        let doc = match &docs[..] {
            [] => None,
            [doc] if !doc.trim().contains('\n') => {
                let line = doc.strip_prefix(' ').unwrap_or(doc).trim_end();
                (!line.is_empty()).then(|| line.to_owned())
            }
            _ => {
                return Err(
                    "its doc comment has more than one line, and a member's `doc` is one"
                        .to_owned(),
                );
            }
        };
        let cfg = match cfgs.len() {
            0 => None,
            _ => Some(Cfg::all(cfgs)),
        };
        Ok(Options { cfg, doc })
    }

    fn attribute(&self, attr: &Attribute) -> Result<Attr, String> {
        let written = || self.slice(attr.span().byte_range()).to_owned();
        let unknown = || {
            format!(
                "it has the attribute `{}`, for which the manifest has no key",
                written()
            )
        };
        match &attr.meta {
            syn::Meta::List(list) if list.path.is_ident("cfg") => {
                let predicate = list.tokens.to_string();
                Cfg::parse(&predicate).map(Attr::Cfg).map_err(|error| {
                    format!(
                        "its `{}` is not a predicate the manifest can hold: {error}",
                        written()
                    )
                })
            }
            syn::Meta::List(list) if list.path.is_ident("doc") => {
                if list.tokens.to_string() == "inline" {
                    Ok(Attr::Inline)
                } else {
                    Err(unknown())
                }
            }
            syn::Meta::NameValue(pair) if pair.path.is_ident("doc") => match &pair.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(text),
                    ..
                }) => Ok(Attr::Doc(text.value())),
                _ => Err(unknown()),
            },
            _ => Err(unknown()),
        }
    }

    /// An inline `pub mod`: a namespace when all it holds are members, or
    /// a module of the crate, whose re-exports are left.
    fn namespace(&mut self, module: &ItemMod, namespace: &[String], scope: &mut Scope) -> Reading {
        let Some((_, items)) = &module.content else {
            // In a file of its own: the crate's code.
            return Reading::Own;
        };
        let name = module.ident.to_string();
        let mut path = namespace.to_vec();
        path.push(name.clone());
        let at = module.span().byte_range().start;
        let mut inner = Scope::default();
        let mut members = Vec::new();
        let mut dropped_docs = Vec::new();
        let mut holds_other = false;
        // The re-exports the manifest cannot hold, and whether each is of
        // a dependency.
        let mut refused = Vec::new();
        for item in items {
            let at = start_of(item);
            match self.item(item, &path, &mut inner) {
                Reading::Members(found, docs) => {
                    members.extend(found);
                    dropped_docs.extend(docs);
                }
                Reading::Own => holds_other = true,
                Reading::Left(why) => refused.push((at, why, true)),
                Reading::Elsewhere(why) => refused.push((at, why, false)),
            }
        }
        if members.is_empty() && refused.iter().all(|(.., of_dependency)| !of_dependency) {
            // An empty module, or one of the crate's own code.
            self.nested_in(items);
            return Reading::Own;
        }
        let why = self.not_a_namespace(module, scope).or_else(|| {
            if holds_other {
                Some("holds items other than re-exports".to_owned())
            } else if !refused.is_empty() {
                Some("holds a re-export the manifest cannot hold".to_owned())
            } else if holds_comment(self.slice(module.span().byte_range())) {
                Some("holds a comment the manifest cannot keep".to_owned())
            } else {
                None
            }
        });
        let Some(why) = why else {
            if module.attrs.iter().any(is_doc) {
                dropped_docs.insert(0, (at, path.join("::")));
            }
            scope.names.push((bare(&name).to_owned(), at));
            return Reading::Members(members, dropped_docs);
        };
        // The module stays, and with it every re-export it holds.
        self.nested_in(items);
        let module = path.join("::");
        for member in &members {
            self.left(
                member.at,
                format!("it is inside the module `{module}`, which {why}"),
            );
        }
        for (at, why, _) in refused {
            self.left(at, why);
        }
        Reading::Own
    }

    /// Why `module` cannot be a namespace whatever it holds, if it cannot.
    fn not_a_namespace(&self, module: &ItemMod, scope: &Scope) -> Option<String> {
        if !matches!(module.vis, Visibility::Public(_)) {
            return Some("is not `pub`".to_owned());
        }
        if let Some(attr) = module.attrs.iter().find(|attr| !is_doc(attr)) {
            let written = self.slice(attr.span().byte_range());
            return Some(if attr.path().is_ident("cfg") {
                format!("has `{written}`, and a namespace of the manifest is always there")
            } else {
                format!("has the attribute `{written}`, for which the manifest has no key")
            });
        }
        if let Some(first) = scope.name(&module.ident.to_string()) {
            return Some(format!(
                "comes after a member of that name, on line {}: the manifest holds one member at a path",
                self.line(first)
            ));
        }
        None
    }

    /// Lists each `pub use` inside the items of a module that stays, other
    /// than its modules and `use` items, which are read as items.
    fn nested_in(&mut self, items: &[Item]) {
        for item in items {
            if !matches!(item, Item::Mod(_) | Item::Use(_)) {
                self.nested(item);
            }
        }
    }

    /// Lists each `pub use` inside a function, a macro or another item
    /// whose body is not a module.
    fn nested(&mut self, item: &Item) {
        let Some(container) = container(item) else {
            return;
        };
        let mut found = Vec::new();
        find_pub_use(item.to_token_stream(), &mut found);
        for at in found {
            self.left(
                at,
                format!("it is inside {container}, and a member is an item of a module"),
            );
        }
    }

    fn slice(&self, range: Range<usize>) -> &str {
        self.text.get(range).unwrap_or_default()
    }

    fn line(&self, at: usize) -> usize {
        self.text[..at.min(self.text.len())].matches('\n').count() + 1
    }
}

struct Options {
    cfg: Option<Cfg>,
    doc: Option<String>,
}

/// Why a path of a `use` item is not one the manifest reaches.
enum Refusal {
    /// It starts at a dependency the manifest cannot name.
    Dependency(String),
    /// It starts elsewhere: the crate itself, the standard library, a
    /// module.
    Elsewhere(String),
}

enum Attr {
    Cfg(Cfg),
    Doc(String),
    Inline,
}

/// What a path of a `use` tree ends in.
#[derive(Clone)]
enum Name {
    Named(String),
    Underscore,
    Glob,
}

/// One path of a `use` tree: `a::b::{c, d as e}` is `a::b::c` named `c`
/// and `a::b::d` named `e`.
struct Leaf {
    path: Vec<String>,
    name: Name,
}

fn flatten(tree: &UseTree, prefix: &mut Vec<String>, leaves: &mut Vec<Leaf>) {
    match tree {
        UseTree::Path(path) => {
            prefix.push(path.ident.to_string());
            flatten(&path.tree, prefix, leaves);
            prefix.pop();
        }
        UseTree::Name(name) if name.ident == "self" && !prefix.is_empty() => leaves.push(Leaf {
            path: prefix.clone(),
            name: Name::Named(prefix[prefix.len() - 1].clone()),
        }),
        UseTree::Name(name) => {
            let mut path = prefix.clone();
            path.push(name.ident.to_string());
            leaves.push(Leaf {
                path,
                name: Name::Named(name.ident.to_string()),
            });
        }
        UseTree::Rename(rename) => {
            let mut path = prefix.clone();
            if rename.ident != "self" || prefix.is_empty() {
                path.push(rename.ident.to_string());
            }
            let name = if rename.rename == "_" {
                Name::Underscore
            } else {
                Name::Named(rename.rename.to_string())
            };
            leaves.push(Leaf { path, name });
        }
        UseTree::Glob(_) => {
            if !prefix.is_empty() {
                leaves.push(Leaf {
                    path: prefix.clone(),
                    name: Name::Glob,
                });
            }
        }
        UseTree::Group(group) => {
            for tree in &group.items {
                flatten(tree, prefix, leaves);
            }
        }
    }
}

/// Where an item starts after its attributes and doc comment: where a
/// message about it points.
fn start_of(item: &Item) -> usize {
    let full = item.span().byte_range();
    let attrs = match item {
        Item::Use(item) => &item.attrs,
        Item::Mod(item) => &item.attrs,
        _ => return full.start,
    };
    let after = attrs
        .iter()
        .filter(|attr| matches!(attr.style, syn::AttrStyle::Outer))
        .map(|attr| attr.span().byte_range().end)
        .max();
    match after {
        Some(end) if end < full.end => {
            // The first token after the attributes: the visibility, or
            // the keyword.
            let rest = item.to_token_stream().into_iter();
            rest.map(|tree| tree.span().byte_range().start)
                .find(|&start| start >= end)
                .unwrap_or(full.start)
        }
        _ => full.start,
    }
}

/// What a glob re-exports: its dependency and the path inside.
fn glob_target(member: &Reexport) -> String {
    let mut target = member.key.clone();
    for segment in &member.path {
        target.push_str("::");
        target.push_str(segment);
    }
    target
}

fn bare(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

fn is_doc(attr: &Attribute) -> bool {
    matches!(&attr.meta, syn::Meta::NameValue(pair) if pair.path.is_ident("doc"))
}

/// Whether `text` holds a comment that is not a doc comment: text the
/// lexer skips that is not white space.
fn holds_comment(text: &str) -> bool {
    let Ok(tokens) = text.parse::<TokenStream>() else {
        return true;
    };
    let mut covered = Vec::new();
    cover(tokens, &mut covered);
    covered.sort_unstable_by_key(|range| range.start);
    let mut end = 0;
    for range in covered {
        if range.start > end && !text[end..range.start].trim().is_empty() {
            return true;
        }
        end = end.max(range.end);
    }
    !text[end.min(text.len())..].trim().is_empty()
}

/// The byte ranges of every token of `tokens`, delimiters included.
fn cover(tokens: TokenStream, covered: &mut Vec<Range<usize>>) {
    for tree in tokens {
        match tree {
            TokenTree::Group(group) => {
                covered.push(group.span_open().byte_range());
                covered.push(group.span_close().byte_range());
                cover(group.stream(), covered);
            }
            other => covered.push(other.span().byte_range()),
        }
    }
}

/// The byte offsets of each `pub use` (or `pub(…) use`) in `tokens`, at
/// any depth.
fn find_pub_use(tokens: TokenStream, found: &mut Vec<usize>) {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    for (index, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Ident(ident) if ident == "pub" => {
                let next = match trees.get(index + 1) {
                    Some(TokenTree::Group(group))
                        if group.delimiter() == proc_macro2::Delimiter::Parenthesis =>
                    {
                        trees.get(index + 2)
                    }
                    other => other,
                };
                if matches!(next, Some(TokenTree::Ident(ident)) if ident == "use") {
                    found.push(ident.span().byte_range().start);
                }
            }
            TokenTree::Group(group) => find_pub_use(group.stream(), found),
            _ => {}
        }
    }
}

/// How to name the item a nested `pub use` is inside, for the items that
/// can hold one.
fn container(item: &Item) -> Option<String> {
    Some(match item {
        Item::Fn(function) => format!("the function `{}`", function.sig.ident),
        Item::Macro(call) => match &call.ident {
            Some(name) => format!("the macro `{name}`"),
            None => {
                let name = call
                    .mac
                    .path
                    .segments
                    .last()
                    .map(|segment| segment.ident.to_string())
                    .unwrap_or_default();
                format!("a call of `{name}!`")
            }
        },
        Item::Impl(_) => "an `impl` block".to_owned(),
        Item::Trait(item) => format!("the trait `{}`", item.ident),
        Item::Const(item) => format!("the const `{}`", item.ident),
        Item::Static(item) => format!("the static `{}`", item.ident),
        _ => return None,
    })
}

/// The name an item of the crate's root takes, for the names the
/// expansion must not take.
fn item_name(item: &Item) -> Option<String> {
    let ident = match item {
        Item::Const(item) => &item.ident,
        Item::Enum(item) => &item.ident,
        Item::ExternCrate(item) => item.rename.as_ref().map_or(&item.ident, |(_, name)| name),
        Item::Fn(item) => &item.sig.ident,
        Item::Macro(item) => item.ident.as_ref()?,
        Item::Mod(item) => &item.ident,
        Item::Static(item) => &item.ident,
        Item::Struct(item) => &item.ident,
        Item::Trait(item) => &item.ident,
        Item::Type(item) => &item.ident,
        Item::Union(item) => &item.ident,
        _ => return None,
    };
    Some(ident.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crates() -> Dependencies {
        Dependencies::from_list(&[
            ("acme_core", "acme-core", "acme-core"),
            ("json", "json", "acme-json"),
            ("futures_util", "futures-util", "futures-util"),
            ("libfoo", "foo", "foo"),
        ])
    }

    fn facade(text: &str) -> Facade {
        read(text, &crates()).unwrap()
    }

    /// Each member as `path = key[::inside] [cfg] [doc]`.
    fn members(facade: &Facade) -> Vec<String> {
        facade
            .reexports
            .iter()
            .map(|member| {
                let mut line = format!("{} = {}", member.module_path(), member.key);
                for segment in &member.path {
                    line.push_str("::");
                    line.push_str(segment);
                }
                if let Some(cfg) = &member.cfg {
                    line.push_str(&format!(" cfg({cfg})"));
                }
                if let Some(doc) = &member.doc {
                    line.push_str(&format!(" doc({doc})"));
                }
                line
            })
            .collect()
    }

    fn left(text: &str, facade: &Facade) -> Vec<(String, String)> {
        facade
            .left
            .iter()
            .map(|left| {
                let line = text[left.at..].lines().next().unwrap().to_owned();
                (line, left.why.clone())
            })
            .collect()
    }

    #[test]
    fn every_accepted_form_is_a_member() {
        let text = r#"
pub use acme_core::*;
#[cfg(feature = "json")]
#[cfg(unix)]
/// JSON values.
#[doc(inline)]
pub use json as formats_json;
pub use ::json;
pub use futures_util::stream;
pub use futures_util::future::ext as future_ext;
pub use futures_util::{sink, io as r#io, task::{self as tasks}};
/// Namespaces.
pub mod formats {
    //! Inner doc.
    pub use json::*;
    pub mod deep {
        pub use json::value as v;
    }
}
"#;
        let facade = facade(text);
        assert_eq!(
            members(&facade),
            [
                "* = acme-core",
                r#"formats_json = json cfg(all(feature = "json", unix)) doc(JSON values.)"#,
                "json = json",
                "stream = futures-util::stream",
                "future_ext = futures-util::future::ext",
                "sink = futures-util::sink",
                "r#io = futures-util::io",
                "tasks = futures-util::task",
                "formats::* = json",
                "formats::deep::v = json::value",
            ]
        );
        assert_eq!(facade.left, []);
        assert_eq!(facade.replaced.len(), 7);
        assert_eq!(
            facade
                .dropped_docs
                .iter()
                .map(|(_, path)| path.as_str())
                .collect::<Vec<_>>(),
            ["formats"]
        );
    }

    #[test]
    fn each_refused_form_stays_with_its_reason() {
        let text = r#"pub use acme_core as core_again;
pub(crate) use json as private_json;
pub use crate::inner::Thing;
pub use core::fmt;
pub use libfoo as foo;
pub use unknown_crate as unknown;
pub use json::Trait as _;
#[allow(deprecated)]
pub use json as allowed;
/// Two
/// lines.
pub use json as two_lines;
pub use json as // here
    commented;
pub use futures_util as core_again;
#[cfg(feature = "x")]
pub mod gated {
    pub use json as j;
}
pub mod mixed {
    pub use json as j;
    pub fn f() {}
}
mod private {
    pub use json as j;
}
pub mod commented {
    // Why.
    pub use json as j;
}
fn body() {
    pub use json as inner;
}
cfg_if::cfg_if! {
    if #[cfg(unix)] {
        pub(crate) use json as in_macro;
    }
}
mod own_code {
    pub use super::inner::Thing;
    pub fn g() {}
}
"#;
        let facade = facade(text);
        assert_eq!(members(&facade), ["core_again = acme-core"]);
        let left = left(text, &facade);
        let expected = [
            (
                "pub(crate) use json as private_json;",
                "its visibility is `pub(crate)`, and a member is `pub`",
            ),
            (
                "pub use crate::inner::Thing;",
                "`crate::…` is a path of this crate, not of a dependency",
            ),
            (
                "pub use core::fmt;",
                "`core` is a crate of the standard library, not a dependency",
            ),
            (
                "pub use libfoo as foo;",
                "`libfoo` is the library of the dependency `foo`, which the manifest reaches as `foo`: rename the dependency to `libfoo = { package = \"foo\", … }` to make it a member",
            ),
            (
                "pub use unknown_crate as unknown;",
                "`unknown_crate` is not a dependency of the library",
            ),
            (
                "pub use json::Trait as _;",
                "`as _` imports without a name, and a member has one",
            ),
            (
                "pub use json as allowed;",
                "it has the attribute `#[allow(deprecated)]`, for which the manifest has no key",
            ),
            (
                "pub use json as two_lines;",
                "its doc comment has more than one line, and a member's `doc` is one",
            ),
            (
                "pub use json as // here",
                "it holds a comment, which the manifest cannot keep",
            ),
            (
                "pub use futures_util as core_again;",
                "a member named `core_again` comes before it, on line 1: the manifest holds one member at a path",
            ),
            (
                "pub use json as j;",
                "it is inside the module `gated`, which has `#[cfg(feature = \"x\")]`, and a namespace of the manifest is always there",
            ),
            (
                "pub use json as j;",
                "it is inside the module `mixed`, which holds items other than re-exports",
            ),
            (
                "pub use json as j;",
                "it is inside the module `private`, which is not `pub`",
            ),
            (
                "pub use json as j;",
                "it is inside the module `commented`, which holds a comment the manifest cannot keep",
            ),
            (
                "pub use json as inner;",
                "it is inside the function `body`, and a member is an item of a module",
            ),
            (
                "pub(crate) use json as in_macro;",
                "it is inside a call of `cfg_if!`, and a member is an item of a module",
            ),
        ];
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(line, why)| ((*line).to_owned(), (*why).to_owned()))
            .collect();
        assert_eq!(left, expected);
    }
}
