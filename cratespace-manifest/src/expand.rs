//! The model as Rust tokens: the `pub use` tree, the metadata const and the
//! tracking of every file read. A pure function of its input, so it is
//! tested and benchmarked without a compiler.

use crate::cfg::Cfg;
use crate::model::{Cratespace, Item, Member, Name, Namespace, Versioning};
use crate::table::table;
use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};

/// Everything `cratespace!()` emits for `cratespace`.
///
/// `tracked` lists the files read, relative to the directory in the
/// environment variable `base_env` (normally `CARGO_MANIFEST_DIR`); each is
/// included as bytes so that editing it re-expands the macro, and the output
/// holds no absolute path. `runtime` is the path to the `cratespace` crate's
/// types (`$crate` of the `cratespace!` macro, or `::cratespace`).
pub fn expand(
    cratespace: &Cratespace,
    tracked: &[String],
    base_env: &str,
    runtime: &TokenStream,
) -> TokenStream {
    let mut out = Tokens::default();
    let words = Words::new(runtime);
    namespace(&mut out, &words, &cratespace.root);
    if let Some(name) = &cratespace.metadata {
        metadata(&mut out, &words, cratespace, name);
    }
    track_into(&mut out, tracked, base_env);
    out.into_stream()
}

/// The tokens that every member repeats, made once per expansion and cloned
/// where they are written: a clone costs less than making an identifier
/// again (in the compiler, a copy instead of a call across the bridge).
struct Words {
    runtime: Vec<TokenTree>,
    /// `::core::cfg!`
    cfg_macro: Vec<TokenTree>,
    /// `#[doc(inline)] pub use ::`
    reexport: Vec<TokenTree>,
    cfg: TokenTree,
    as_: TokenTree,
}

impl Words {
    fn new(runtime: &TokenStream) -> Self {
        let runtime: Vec<TokenTree> = runtime.clone().into_iter().collect();
        let build = |write: &dyn Fn(&mut Tokens)| {
            let mut out = Tokens::default();
            write(&mut out);
            out.0
        };
        let ident = |text: &str| TokenTree::from(Ident::new(text, Span::call_site()));
        Words {
            cfg_macro: build(&|out| {
                out.path(&["core", "cfg"]);
                out.punct('!');
            }),
            reexport: build(&|out| {
                out.attribute(|out| {
                    out.ident("doc");
                    out.group(Delimiter::Parenthesis, |out| out.ident("inline"));
                });
                out.ident("pub");
                out.ident("use");
                out.punct2(':', ':');
            }),
            cfg: ident("cfg"),
            as_: ident("as"),
            runtime,
        }
    }
}

/// `include_bytes!` of each file read: cargo re-runs the expansion when one
/// changes, which it would not do for an edit of `[package.metadata]` alone.
pub fn track(tracked: &[String], base_env: &str) -> TokenStream {
    let mut out = Tokens::default();
    track_into(&mut out, tracked, base_env);
    out.into_stream()
}

/// `const _: &[u8] = ::core::include_bytes!(::core::concat!(::core::env!("BASE"), "/file"));`
fn track_into(out: &mut Tokens, tracked: &[String], base_env: &str) {
    for file in tracked {
        out.ident("const");
        out.ident("_");
        out.punct(':');
        out.punct('&');
        out.group(Delimiter::Bracket, |out| out.ident("u8"));
        out.punct('=');
        out.path(&["core", "include_bytes"]);
        out.punct('!');
        out.group(Delimiter::Parenthesis, |out| {
            out.path(&["core", "concat"]);
            out.punct('!');
            out.group(Delimiter::Parenthesis, |out| {
                out.path(&["core", "env"]);
                out.punct('!');
                out.group(Delimiter::Parenthesis, |out| out.string(base_env));
                out.punct(',');
                out.string(&format!("/{file}"));
            });
        });
        out.punct(';');
    }
}

/// Tokens being written: a flat list per group, made a stream once, so that
/// nothing is copied from stream to stream on the way (as nested `quote!`
/// would, a cost paid per member).
#[derive(Default)]
struct Tokens(Vec<TokenTree>);

impl Tokens {
    fn into_stream(self) -> TokenStream {
        self.0.into_iter().collect()
    }

    fn ident(&mut self, text: &str) {
        self.0.push(Ident::new(text, Span::call_site()).into());
    }

    fn name(&mut self, name: &Name) {
        self.0.push(ident(name).into());
    }

    fn punct(&mut self, ch: char) {
        self.0.push(Punct::new(ch, Spacing::Alone).into());
    }

    /// `::` or `=>`: a joint punctuation, then an alone one, as `quote!` writes them.
    fn punct2(&mut self, first: char, second: char) {
        self.0.push(Punct::new(first, Spacing::Joint).into());
        self.punct(second);
    }

    /// `::a::b`
    fn path(&mut self, segments: &[&str]) {
        for segment in segments {
            self.punct2(':', ':');
            self.ident(segment);
        }
    }

    /// `runtime::a::b`
    fn runtime_path(&mut self, runtime: &[TokenTree], segments: &[&str]) {
        self.0.extend_from_slice(runtime);
        self.path(segments);
    }

    fn string(&mut self, text: &str) {
        self.0.push(Literal::string(text).into());
    }

    /// Each item written by `write`, separated by commas.
    fn separated<T>(
        &mut self,
        items: impl IntoIterator<Item = T>,
        mut write: impl FnMut(&mut Self, T),
    ) {
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                self.punct(',');
            }
            write(self, item);
        }
    }

    fn group(&mut self, delimiter: Delimiter, body: impl FnOnce(&mut Tokens)) {
        let mut inner = Tokens::default();
        body(&mut inner);
        self.0
            .push(Group::new(delimiter, inner.into_stream()).into());
    }

    /// `#[…]`
    fn attribute(&mut self, body: impl FnOnce(&mut Tokens)) {
        self.punct('#');
        self.group(Delimiter::Bracket, body);
    }

    /// `#[doc = "text"]`
    fn doc(&mut self, text: &str) {
        self.attribute(|out| {
            out.ident("doc");
            out.punct('=');
            out.string(text);
        });
    }

    /// `::core::option::Option::Some` or `::core::option::Option::None`
    fn option_variant(&mut self, variant: &str) {
        self.path(&["core", "option", "Option", variant]);
    }
}

/// The `pub use` tree.
fn namespace(out: &mut Tokens, words: &Words, namespace: &Namespace) {
    for item in &namespace.items {
        match item {
            Item::Member(member) | Item::Glob(member) => reexport(out, words, member),
            Item::Namespace {
                name,
                namespace: inner,
            } => {
                out.doc(&namespace_doc(name, inner));
                out.ident("pub");
                out.ident("mod");
                out.name(name);
                out.group(Delimiter::Brace, |out| {
                    self::namespace(out, words, inner);
                });
            }
        }
    }
}

/// `#[cfg(gate)] #[doc = " doc"] #[doc(inline)] pub use ::krate::path as name;`
fn reexport(out: &mut Tokens, words: &Words, member: &Member) {
    if let Some(gate) = &member.gate {
        out.attribute(|out| {
            out.0.push(words.cfg.clone());
            out.group(Delimiter::Parenthesis, |out| cfg_into(out, gate));
        });
    }
    if let Some(doc) = &member.doc {
        out.doc(&format!(" {doc}"));
    }
    out.0.extend_from_slice(&words.reexport);
    out.name(&member.krate);
    for segment in &member.path {
        out.punct2(':', ':');
        out.name(segment);
    }
    match &member.name {
        Some(name) => {
            out.0.push(words.as_.clone());
            out.name(name);
        }
        None => {
            out.punct2(':', ':');
            out.punct('*');
        }
    }
    out.punct(';');
}

/// `pub const NAME: runtime::Cratespace = runtime::Cratespace::__new(name,
/// version, runtime::Versioning::…, members, "table", &[::core::cfg!(gate), …],);`
fn metadata(out: &mut Tokens, words: &Words, cratespace: &Cratespace, name: &str) {
    let runtime = &words.runtime;
    let package = &cratespace.name;
    let subject = if package.is_empty() {
        "this cratespace".to_owned()
    } else {
        format!("the `{package}` cratespace")
    };
    out.doc(&format!(
        " What {subject} holds: its members, their gates and versions (a `cratespace::Cratespace`)."
    ));
    out.ident("pub");
    out.ident("const");
    out.0.push(
        match name.strip_prefix("r#") {
            Some(raw) => Ident::new_raw(raw, Span::call_site()),
            None => Ident::new(name, Span::call_site()),
        }
        .into(),
    );
    out.punct(':');
    out.runtime_path(runtime, &["Cratespace"]);
    out.punct('=');
    out.runtime_path(runtime, &["Cratespace", "__new"]);
    let table = table(cratespace);
    out.group(Delimiter::Parenthesis, |out| {
        or_build_env(out, package, "CARGO_PKG_NAME");
        out.punct(',');
        or_build_env(out, &cratespace.version, "CARGO_PKG_VERSION");
        out.punct(',');
        let versioning = match cratespace.versioning {
            Versioning::Independent => "Independent",
            Versioning::Pinned => "Pinned",
            Versioning::Lockstep => "Lockstep",
        };
        out.runtime_path(runtime, &["Versioning", versioning]);
        out.punct(',');
        out.0.push(Literal::usize_unsuffixed(table.members).into());
        out.punct(',');
        out.string(&table.text);
        out.punct(',');
        out.punct('&');
        out.group(Delimiter::Bracket, |out| {
            out.separated(&table.gates, |out, gate| {
                out.0.extend_from_slice(&words.cfg_macro);
                out.group(Delimiter::Parenthesis, |out| cfg_into(out, gate));
            });
        });
        out.punct(',');
    });
    out.punct(';');
}

/// `value`, or when the manifest does not say (a build without Cargo), the
/// variable the build system may set, read by the compiler so that the
/// expansion stays the same text.
fn or_build_env(out: &mut Tokens, value: &str, variable: &str) {
    if !value.is_empty() {
        out.string(value);
        return;
    }
    // In a `const` of its own, so that the member array stays promotable:
    // `{ const VALUE: &str = match ::core::option_env!("VAR") {
    //     ::core::option::Option::Some(value) => value,
    //     ::core::option::Option::None => "",
    // }; VALUE }`
    out.group(Delimiter::Brace, |out| {
        out.ident("const");
        out.ident("VALUE");
        out.punct(':');
        out.punct('&');
        out.ident("str");
        out.punct('=');
        out.ident("match");
        out.path(&["core", "option_env"]);
        out.punct('!');
        out.group(Delimiter::Parenthesis, |out| out.string(variable));
        out.group(Delimiter::Brace, |out| {
            out.option_variant("Some");
            out.group(Delimiter::Parenthesis, |out| out.ident("value"));
            out.punct2('=', '>');
            out.ident("value");
            out.punct(',');
            out.option_variant("None");
            out.punct2('=', '>');
            out.string("");
            out.punct(',');
        });
        out.punct(';');
        out.ident("VALUE");
    });
}

/// A cfg predicate as tokens. The names were checked to be identifiers when
/// the model was built, so `Ident::new` cannot fail here.
pub fn cfg_tokens(cfg: &Cfg) -> TokenStream {
    let mut out = Tokens::default();
    cfg_into(&mut out, cfg);
    out.into_stream()
}

fn cfg_into(out: &mut Tokens, cfg: &Cfg) {
    match cfg {
        Cfg::Name(name) => out.ident(name),
        Cfg::KeyValue(key, value) => {
            out.ident(key);
            out.punct('=');
            out.string(value);
        }
        Cfg::All(list) | Cfg::Any(list) => {
            out.ident(if matches!(cfg, Cfg::All(_)) {
                "all"
            } else {
                "any"
            });
            out.group(Delimiter::Parenthesis, |out| out.separated(list, cfg_into));
        }
        Cfg::Not(inner) => {
            out.ident("not");
            out.group(Delimiter::Parenthesis, |out| cfg_into(out, inner));
        }
    }
}

fn ident(name: &Name) -> Ident {
    if name.raw {
        Ident::new_raw(&name.ident, Span::call_site())
    } else {
        Ident::new(&name.ident, Span::call_site())
    }
}

fn namespace_doc(name: &Name, namespace: &Namespace) -> String {
    let members: Vec<String> = namespace
        .items
        .iter()
        .map(|item| match item {
            Item::Member(member) => format!(
                "`{}`",
                member.name.as_ref().map_or(String::new(), Name::to_rust)
            ),
            Item::Glob(member) => format!("everything of `{}`", member.target()),
            Item::Namespace { name, .. } => format!("`{}`", name.to_rust()),
        })
        .collect();
    if members.is_empty() {
        format!(" The `{}` namespace.", name.to_rust())
    } else {
        format!(
            " The `{}` namespace: {}.",
            name.to_rust(),
            members.join(", ")
        )
    }
}
