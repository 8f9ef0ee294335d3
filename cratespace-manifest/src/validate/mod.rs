//! The cratespace table, checked against `Cargo.toml`, becomes the model.
//!
//! Every problem is recorded and validation goes on, so that one build shows
//! them all and the members that are valid are still emitted.

mod dependency;
mod policy;
mod versions;

use self::dependency::{Index, Resolved};
use self::versions::Approval;
use crate::cargo::Package;
use crate::cfg::{Cfg, CfgError};
use crate::diagnostic::Diagnostic;
use crate::document::{Key, Value, as_str, describe, entries, get};
use crate::model::{
    Cratespace, Item, Kind, Member, MemberCrate, Name, Namespace, Policy, RESERVED_MODULE,
    Versioning, Voucher,
};
use crate::name::{self, NameError};
use crate::source::Source;
use crate::suggest::closest;
use semver::Version;
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use toml::de::{DeTable, DeValue};

const TABLE_KEYS: &[&str] = &[
    "members",
    "versioning",
    "metadata",
    "member-paths",
    "policy",
    "generated",
];
const MEMBER_KEYS: &[&str] = &["dependency", "path", "doc", "cfg", "voucher"];
const VOUCHER_KEYS: &[&str] = &["approved", "by", "checksums", "vet"];
const POLICY_KEYS: &[&str] = &["licenses", "no-std"];
const VERSIONINGS: &[&str] = &["independent", "pinned", "lockstep"];

/// How deep namespaces may nest. Validation, the model and the expansion
/// recurse once per level, and TOML lets dotted keys inside nested inline
/// tables reach thousands of levels in a few kilobytes; a bound far above
/// any real family keeps a hostile manifest from exhausting the stack.
const MAX_NESTING: usize = 32;

/// Where the cratespace table was read from, and what `Cargo.toml` says.
pub struct Input<'a> {
    /// The file holding the cratespace table.
    pub source: &'a Source,
    /// How to name the table in messages: `[package.metadata.cratespace]`.
    pub table_name: &'a str,
    /// The cratespace table.
    pub table: &'a DeTable<'a>,
    /// Where the table is declared, for problems of the whole table: its
    /// key in `Cargo.toml`, the start of a file of its own.
    pub span: Range<usize>,
    /// `Cargo.toml` and what it declares; `None` in builds without Cargo.
    pub cargo: Option<(&'a Source, &'a Package<'a>)>,
    /// Where the first syntax error of `source` starts: what is written at
    /// or after it is not read, so that it produces no further problem.
    pub cut: Option<usize>,
}

/// `text` in lines of at most 60 characters, broken between words: a note
/// that lists keys fits a terminal whatever their number.
fn wrap(text: &str) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split(' ') {
        let width = word.chars().count();
        if line > 0 && line + 1 + width > 60 {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += width;
    }
    out
}

/// Whether `value` ends before `cut`: the whole of it, when it holds more.
fn ends_before(value: &Value<'_>, cut: usize) -> bool {
    match value.get_ref() {
        DeValue::Table(table) => table
            .iter()
            .all(|(key, value)| key.span().end < cut && ends_before(value, cut)),
        DeValue::Array(array) => array.iter().all(|value| ends_before(value, cut)),
        _ => value.span().end < cut,
    }
}

/// Builds the model, appending every problem to `diagnostics`.
pub fn validate(input: &Input<'_>, diagnostics: &mut Vec<Diagnostic>) -> Cratespace {
    let index = match input.cargo {
        Some((_, package)) => Index::new(package),
        None => Index::default(),
    };
    let mut cx = Context {
        input,
        diagnostics,
        versioning: Versioning::Independent,
        checked: vec![false; index.keys()],
        pins: HashMap::new(),
        crate_at: vec![None; index.keys()],
        index,
        crates: Vec::new(),
        unlisted: HashMap::new(),
        member_paths: true,
    };
    let package = input.cargo.map(|(_, package)| package);
    let mut cratespace = Cratespace {
        name: package.and_then(|p| p.name).unwrap_or_default().to_owned(),
        version: package
            .and_then(|p| p.version)
            .unwrap_or_default()
            .to_owned(),
        versioning: Versioning::Independent,
        metadata: Some("CRATESPACE".to_owned()),
        generated: None,
        policy: Policy::default(),
        root: Namespace::default(),
        crates: None,
    };
    if let Some((_, value)) = get(input.table, "versioning") {
        cx.versioning = cx.versioning(value);
        cratespace.versioning = cx.versioning;
    }
    let mut members = None;
    for (key, value) in entries(input.table) {
        let name: &str = key.get_ref();
        if name != "members" && !cx.written_before_the_error(key, value) {
            continue;
        }
        match name {
            "members" => members = Some(value),
            "versioning" => {}
            "metadata" => cratespace.metadata = cx.metadata(value),
            "member-paths" => cx.member_paths = cx.boolean(value, "`member-paths`", true),
            "generated" => cratespace.generated = cx.generated(value),
            "policy" => cratespace.policy = cx.policy(value),
            _ => cx.unknown_key(key, TABLE_KEYS, input.table_name),
        }
    }
    match members {
        Some(value) => match value.get_ref() {
            DeValue::Table(table) => cratespace.root = cx.namespace(table, "", 0),
            other => cx.wrong_type(value, other, "`members`", "a table of members"),
        },
        None if input.cut.is_some() => {}
        None => {
            // In a file of its own the table is the whole file.
            let header = match input.table_name.strip_prefix("`[") {
                Some(name) => format!("[{}.members]", name.trim_end_matches("]`")),
                None => "[members]".to_owned(),
            };
            let diagnostic = Diagnostic::at(
                input.source,
                input.span.clone(),
                format!("no `members` in {}", input.table_name),
            )
            .help(format!(
                "list the members, for example:\n{header}\njson = \"my-json-crate\""
            ));
            cx.diagnostics.push(diagnostic);
        }
    }
    if cx.member_paths {
        cratespace.crates = Some(member_crates(cx.crates));
    }
    cratespace
}

/// A crate some member re-exports from, by the member that first named it.
struct CrateRecord {
    /// Its package name as a Rust name; `None` when it is not one.
    name: Option<Name>,
    krate: Name,
    /// When cargo compiles it; `None` when that cannot be derived (a plain
    /// target triple, a dependency never compiled), so that the reserved
    /// module leaves it out rather than guess.
    gate: Option<Option<Cfg>>,
}

/// The entries of the reserved module, in the order the members first name
/// their crates. A package name two dependencies share (two versions of one
/// package) names neither: the entry would be a guess.
fn member_crates(records: Vec<CrateRecord>) -> Vec<MemberCrate> {
    let mut crates: Vec<MemberCrate> = Vec::with_capacity(records.len());
    let mut names = std::collections::HashSet::with_capacity(records.len());
    let mut shared = std::collections::HashSet::new();
    for record in records {
        let (Some(gate), Some(name)) = (record.gate, record.name) else {
            continue;
        };
        if !names.insert(name.ident.clone()) {
            shared.insert(name.ident);
            continue;
        }
        crates.push(MemberCrate {
            name,
            krate: record.krate,
            gate,
        });
    }
    crates.retain(|known| !shared.contains(&known.name.ident));
    crates
}

struct Context<'a, 'd> {
    input: &'a Input<'a>,
    diagnostics: &'d mut Vec<Diagnostic>,
    versioning: Versioning,
    /// Dependencies whose requirement was checked against the versioning,
    /// by the first position of their key in the index (`Resolved::listed`).
    checked: Vec<bool>,
    /// The version each requirement text pins, once read.
    pins: HashMap<String, Option<Version>>,
    index: Index<'a>,
    /// The crates the members re-export from, each once.
    crates: Vec<CrateRecord>,
    /// Where each dependency stands in `crates`, by the first position of
    /// its key in the index.
    crate_at: Vec<Option<usize>>,
    /// Where each dependency stands in `crates` without `Cargo.toml`, by key.
    unlisted: HashMap<String, Option<usize>>,
    /// Whether the reserved module is emitted, and `crates` recorded.
    member_paths: bool,
}

impl Context<'_, '_> {
    fn source(&self) -> &Source {
        self.input.source
    }

    /// Whether the entry is written before the file's first syntax error,
    /// and so is read.
    fn written_before_the_error(&self, key: &Key<'_>, value: &Value<'_>) -> bool {
        self.input
            .cut
            .is_none_or(|cut| key.span().start < cut && ends_before(value, cut))
    }

    fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    fn unknown_key(&mut self, key: &Key<'_>, known: &[&str], place: &str) {
        let text = key.get_ref();
        let list: Vec<String> = known.iter().map(|key| format!("`{key}`")).collect();
        let mut diagnostic =
            Diagnostic::at(self.source(), key.span(), format!("unknown key `{text}`"))
                .label(format!("not a key of {place}"))
                .note(wrap(&format!(
                    "the keys of {place} are {}",
                    list.join(", ")
                )));
        if let Some(best) = closest(text, known) {
            diagnostic = diagnostic.help(format!("did you mean `{best}`?"));
        }
        self.push(diagnostic);
    }

    fn wrong_type(&mut self, value: &Value<'_>, found: &DeValue<'_>, what: &str, expected: &str) {
        let diagnostic = Diagnostic::at(
            self.source(),
            value.span(),
            format!("{what} must be {expected}"),
        )
        .label(format!("found {}", describe(found)));
        self.push(diagnostic);
    }

    fn expect_str<'v>(&mut self, value: &'v Value<'_>, what: &str) -> Option<&'v str> {
        let text = as_str(value);
        if text.is_none() {
            self.wrong_type(value, value.get_ref(), what, "a string");
        }
        text
    }

    fn versioning(&mut self, value: &Value<'_>) -> Versioning {
        let Some(text) = self.expect_str(value, "`versioning`") else {
            return Versioning::Independent;
        };
        match text {
            "independent" => Versioning::Independent,
            "pinned" => Versioning::Pinned,
            "lockstep" => Versioning::Lockstep,
            _ => {
                let mut diagnostic = Diagnostic::at(
                    self.source(),
                    value.span(),
                    format!("unknown versioning \"{text}\""),
                )
                .label("not a versioning")
                .note("the versionings are \"independent\" (the default), \"pinned\"\nand \"lockstep\"");
                if let Some(best) = closest(text, VERSIONINGS) {
                    diagnostic = diagnostic.help(format!("did you mean \"{best}\"?"));
                }
                self.push(diagnostic);
                Versioning::Independent
            }
        }
    }

    fn metadata(&mut self, value: &Value<'_>) -> Option<String> {
        match value.get_ref() {
            DeValue::Boolean(true) => Some("CRATESPACE".to_owned()),
            DeValue::Boolean(false) => None,
            DeValue::String(text) => match name::module_name(text) {
                Ok(name) => Some(name.to_rust()),
                Err(error) => {
                    self.invalid_name(value.span(), "`metadata`", &error);
                    Some("CRATESPACE".to_owned())
                }
            },
            other => {
                self.wrong_type(
                    value,
                    other,
                    "`metadata`",
                    "a boolean or the name of the const",
                );
                Some("CRATESPACE".to_owned())
            }
        }
    }

    /// A boolean key; `default` when it holds something else.
    fn boolean(&mut self, value: &Value<'_>, what: &str, default: bool) -> bool {
        match value.get_ref() {
            DeValue::Boolean(value) => *value,
            other => {
                self.wrong_type(value, other, what, "a boolean");
                default
            }
        }
    }

    /// `generated = "src/cratespace.rs"`: a path relative to the crate.
    fn generated(&mut self, value: &Value<'_>) -> Option<String> {
        let path = self.expect_str(value, "`generated`")?;
        if path.is_empty() || Path::new(path).is_absolute() || path.starts_with(['/', '\\']) {
            let diagnostic = Diagnostic::at(
                self.source(),
                value.span(),
                "`generated` must be a path relative to the crate's directory",
            )
            .label(if path.is_empty() {
                "an empty path"
            } else {
                "not relative"
            })
            .help("write where the file goes, such as \"src/cratespace.rs\"");
            self.push(diagnostic);
            return None;
        }
        Some(path.to_owned())
    }

    fn invalid_name(&mut self, span: Range<usize>, what: &str, error: &NameError) {
        let mut diagnostic =
            Diagnostic::at(self.source(), span, format!("invalid {what}"))
                .label(error.reason.clone())
                .note(error.why.clone().unwrap_or_else(|| {
                    "a name is a Rust identifier that is not a keyword".to_owned()
                }));
        diagnostic = match &error.suggestion {
            Some(suggestion) => diagnostic.help(format!("write `{suggestion}` instead")),
            None => diagnostic.help("write a name such as `json`"),
        };
        self.push(diagnostic);
    }

    /// The namespace `table`, at `prefix` (`formats::`), `depth` levels
    /// below the root.
    fn namespace(&mut self, table: &DeTable<'_>, prefix: &str, depth: usize) -> Namespace {
        let entries = entries(table);
        let mut namespace = Namespace {
            items: Vec::with_capacity(entries.len()),
        };
        // The first entry of each Rust name (`r#x` and `x` are one name).
        let mut first_of: HashMap<&str, &Key<'_>> = HashMap::with_capacity(entries.len());
        for &(key, value) in &entries {
            let text = key.get_ref();
            let namespace_table = matches!(value.get_ref(), DeValue::Table(inner) if get(inner, "dependency").is_none());
            // A namespace is read entry by entry: those before the error are.
            let read =
                (namespace_table && text != "*") || self.written_before_the_error(key, value);
            if !read {
                continue;
            }
            if text == "*" {
                self.globs(value, &mut namespace, &format!("{prefix}*"));
                continue;
            }
            let name = match name::module_name(text) {
                Ok(name) => name,
                Err(error) => {
                    self.invalid_name(key.span(), "module name", &error);
                    continue;
                }
            };
            if prefix.is_empty() && name.ident == RESERVED_MODULE {
                self.reserved(key);
                continue;
            }
            let path = [prefix, &name.ident].concat();
            let rust_name = text.strip_prefix("r#").unwrap_or(text);
            if let Some(first_key) = first_of.get(rust_name) {
                let first_text = first_key.get_ref();
                let diagnostic = Diagnostic::at(
                    self.source(),
                    key.span(),
                    format!("two members at `{path}`"),
                )
                .label("defined again here")
                .related(self.source(), first_key.span(), "first defined here")
                .note(format!("`{text}` and `{first_text}` are one name in Rust"))
                .help("give each member a name of its own, or remove one");
                self.push(diagnostic);
                continue;
            }
            first_of.insert(rust_name, key);
            match value.get_ref() {
                DeValue::String(dependency) => {
                    if let Some(member) =
                        self.member(Some(name), dependency, value.span(), None, &path)
                    {
                        namespace.items.push(Item::Member(member));
                    }
                }
                DeValue::Table(options) if get(options, "dependency").is_some() => {
                    if let Some(member) = self.member_table(Some(name), options, &path) {
                        namespace.items.push(Item::Member(member));
                    }
                }
                DeValue::Table(_) if depth >= MAX_NESTING => {
                    let diagnostic = Diagnostic::at(
                        self.source(),
                        key.span(),
                        format!("the namespace `{path}` is nested too deeply"),
                    )
                    .label(format!("level {}", depth + 1))
                    .note(format!(
                        "namespaces nest at most {MAX_NESTING} levels, so that no manifest\ncan exhaust the compiler's stack"
                    ))
                    .help("flatten the namespaces");
                    self.push(diagnostic);
                }
                DeValue::Table(inner) => {
                    let inner = self.namespace(inner, &format!("{path}::"), depth + 1);
                    namespace.items.push(Item::Namespace {
                        name,
                        namespace: inner,
                    });
                }
                other => {
                    let diagnostic = Diagnostic::at(
                        self.source(),
                        value.span(),
                        "a member must be a string or a table",
                    )
                    .label(format!("found {}", describe(other)))
                    .help("write a dependency (`json = \"acme-json\"`), a member table\n(`json = { dependency = \"acme-json\" }`) or a namespace table");
                    self.push(diagnostic);
                }
            }
        }
        namespace
    }

    fn reserved(&mut self, key: &Key<'_>) {
        let diagnostic = Diagnostic::at(
            self.source(),
            key.span(),
            format!("the module name `{RESERVED_MODULE}` is reserved"),
        )
        .label("taken at the top crate's root")
        .note(format!(
            "`cratespace!()` emits `mod {RESERVED_MODULE}` there: the code that\nproc-macro members generate reaches the member crates by it"
        ))
        .help("give the member another name");
        self.push(diagnostic);
    }

    fn globs(&mut self, value: &Value<'_>, namespace: &mut Namespace, path: &str) {
        let what = "the glob `\"*\"`";
        match value.get_ref() {
            DeValue::String(dependency) => {
                if let Some(member) = self.member(None, dependency, value.span(), None, path) {
                    namespace.items.push(Item::Glob(member));
                }
            }
            DeValue::Table(options) => {
                if let Some(member) = self.member_table(None, options, path) {
                    namespace.items.push(Item::Glob(member));
                }
            }
            DeValue::Array(array) => {
                for element in array {
                    match element.get_ref() {
                        DeValue::String(dependency) => {
                            if let Some(member) =
                                self.member(None, dependency, element.span(), None, path)
                            {
                                namespace.items.push(Item::Glob(member));
                            }
                        }
                        DeValue::Table(options) => {
                            if let Some(member) = self.member_table(None, options, path) {
                                namespace.items.push(Item::Glob(member));
                            }
                        }
                        other => {
                            self.wrong_type(element, other, what, "a dependency name (a string)")
                        }
                    }
                }
            }
            other => self.wrong_type(value, other, what, "a dependency name or a list of them"),
        }
    }

    fn member_table(
        &mut self,
        name: Option<Name>,
        options: &DeTable<'_>,
        path: &str,
    ) -> Option<Member> {
        let mut parsed = Options::default();
        let mut emittable = true;
        let mut dependency = None;
        for (key, value) in entries(options) {
            match key.get_ref().as_ref() {
                "dependency" => {
                    dependency = self
                        .expect_str(value, "`dependency`")
                        .map(|d| (d, value.span()));
                }
                "path" => {
                    parsed.path = self
                        .expect_str(value, "`path`")
                        .and_then(|text| self.module_path(text, value.span()));
                    emittable &= parsed.path.is_some();
                }
                "doc" => parsed.doc = self.expect_str(value, "`doc`").map(str::to_owned),
                "cfg" => {
                    parsed.cfg = self
                        .expect_str(value, "`cfg`")
                        .and_then(|text| self.cfg(text, value.span()));
                    parsed.has_cfg = true;
                    emittable &= parsed.cfg.is_some();
                }
                "voucher" => {
                    let voucher = self.voucher(value, path);
                    emittable &= voucher.is_some();
                    (parsed.voucher, parsed.approval) =
                        voucher.map(|(v, a)| (Some(v), Some(a))).unwrap_or_default();
                }
                _ => self.unknown_key(key, MEMBER_KEYS, &format!("member `{path}`")),
            }
        }
        let (dependency, span) = dependency?;
        let member = self.member(name, dependency, span, Some(parsed), path);
        // A member whose `path`, `cfg` or `voucher` is invalid is left out
        // rather than emitted with a wrong target, gate or approval.
        member.filter(|_| emittable)
    }

    fn module_path(&mut self, text: &str, span: Range<usize>) -> Option<Vec<Name>> {
        let mut segments = Vec::new();
        for segment in text.split("::") {
            match name::module_name(segment.trim()) {
                Ok(name) => segments.push(name),
                Err(error) => {
                    let mut diagnostic =
                        Diagnostic::at(self.source(), span, "invalid `path`").label(error.reason);
                    if let Some(why) = error.why {
                        diagnostic = diagnostic.note(why);
                    }
                    let diagnostic = diagnostic
                        .help("`path` is a module path inside the dependency, such as\n\"stream\" or \"de::value\"");
                    self.push(diagnostic);
                    return None;
                }
            }
        }
        Some(segments)
    }

    fn cfg(&mut self, text: &str, span: Range<usize>) -> Option<Cfg> {
        let error = match Cfg::parse(text) {
            Ok(cfg) => match unusable_name(&cfg) {
                None => return Some(cfg),
                Some(bad) => CfgError {
                    span: text
                        .find(&bad)
                        .map_or(0..text.len(), |at| at..at + bad.len()),
                    message: format!("`{bad}` is not an identifier"),
                },
            },
            Err(error) => error,
        };
        let place = self.inside_string(span, text, error.span.clone());
        let diagnostic = Diagnostic::at(self.source(), place, "invalid `cfg`")
            .label(error.message)
            .help("`cfg` takes what goes inside `#[cfg(...)]`, such as \"unix\"\nor 'all(unix, feature = \"tls\")'");
        self.push(diagnostic);
        None
    }

    /// The span in the file of `inner`, a byte range of the string value
    /// `text` written at `value`; the whole value when it cannot be mapped.
    fn inside_string(&self, value: Range<usize>, text: &str, inner: Range<usize>) -> Range<usize> {
        let written = self.source().slice(value.clone());
        let end = inner.end.max(inner.start + 1).min(text.len().max(1));
        match (
            source_offset(written, inner.start),
            source_offset(written, end),
        ) {
            (Some(from), Some(to)) if from < to => value.start + from..value.start + to,
            (Some(from), _) => value.start + from..value.start + from + 1,
            _ => value,
        }
    }

    fn strings(&mut self, value: &Value<'_>, what: &str) -> Option<Vec<String>> {
        match value.get_ref() {
            DeValue::String(text) => Some(vec![text.to_string()]),
            DeValue::Array(array) => {
                let mut out = Vec::new();
                for element in array {
                    out.push(self.expect_str(element, what)?.to_owned());
                }
                Some(out)
            }
            other => {
                self.wrong_type(value, other, what, "a string or a list of strings");
                None
            }
        }
    }

    fn member(
        &mut self,
        name: Option<Name>,
        dependency: &str,
        span: Range<usize>,
        options: Option<Options>,
        path: &str,
    ) -> Option<Member> {
        let options = options.unwrap_or_default();
        let resolved = self.resolve(dependency, span.clone())?;
        let gate = match options.has_cfg {
            true => options.cfg,
            false => self.gate(&resolved, span.clone(), path)?,
        };
        let krate = match name::crate_name(resolved.key) {
            Ok(krate) => krate,
            Err(error) => {
                let diagnostic = Diagnostic::at(
                    self.source(),
                    span,
                    format!("the dependency key `{}` is not a crate name", resolved.key),
                )
                .label(error.reason)
                .help("rename the dependency in Cargo.toml, as\n`new-name = { package = \"…\" }`, and name it by its new key");
                self.push(diagnostic);
                return None;
            }
        };
        let problems = self.diagnostics.len();
        match &options.approval {
            Some(approval) => self.check_voucher(&resolved, approval),
            None => self.check_versioning(&resolved),
        }
        if options.approval.is_some() && self.diagnostics.len() > problems {
            // A voucher whose requirement reaches past its approval does
            // not join the namespace.
            return None;
        }
        if self.member_paths {
            self.record_crate(&resolved, &krate, &gate, options.has_cfg, span, path);
        }
        let kind = match (&name, &options.voucher) {
            (None, _) => Kind::Glob,
            (Some(_), Some(_)) => Kind::Voucher,
            (Some(_), None) => Kind::Child,
        };
        Some(Member {
            name,
            kind,
            dependency: resolved.key.to_owned(),
            package: resolved.package.to_owned(),
            krate,
            path: options.path.unwrap_or_default(),
            requirement: resolved.requirement.map(str::to_owned),
            gate,
            doc: options.doc,
            voucher: options.voucher,
        })
    }

    /// Notes the crate of a member for the reserved module: once a
    /// dependency key, with cargo's gate, which is the member's own unless
    /// the member gives a `cfg`. Without `Cargo.toml` the gate is the
    /// members' own: any of theirs, always if one has none.
    fn record_crate(
        &mut self,
        resolved: &Resolved<'_>,
        krate: &Name,
        member_gate: &Option<Cfg>,
        has_cfg: bool,
        span: Range<usize>,
        path: &str,
    ) {
        match (*self.crate_slot(resolved), self.input.cargo) {
            (Some(at), None) => {
                let known = &mut self.crates[at];
                known.gate = match (known.gate.take(), member_gate) {
                    (Some(Some(a)), Some(b)) => Some(Some(Cfg::any(vec![a, b.clone()]))),
                    _ => Some(None),
                };
            }
            (Some(_), Some(_)) => {}
            (None, cargo) => {
                let gate = match (has_cfg, cargo) {
                    (true, Some(_)) => {
                        // The crate's own gate is still cargo's; what cannot
                        // be derived is no problem of the member, whose
                        // `cfg` stands in for it.
                        let problems = self.diagnostics.len();
                        let derived = self.gate(resolved, span, path);
                        self.diagnostics.truncate(problems);
                        derived
                    }
                    _ => Some(member_gate.clone()),
                };
                *self.crate_slot(resolved) = Some(self.crates.len());
                // Most dependencies are not renamed: the key's Rust name is
                // the package's.
                let name = match resolved.package == resolved.key {
                    true => Some(krate.clone()),
                    false => name::crate_name(resolved.package).ok(),
                };
                self.crates.push(CrateRecord {
                    name,
                    krate: krate.clone(),
                    gate,
                });
            }
        }
    }

    /// Where the crate of `resolved` stands in `crates`, once recorded: by
    /// the first position of its key in the index, as `checked`, or by its
    /// key where there is no `Cargo.toml` to index.
    fn crate_slot(&mut self, resolved: &Resolved<'_>) -> &mut Option<usize> {
        match self.input.cargo {
            Some(_) => &mut self.crate_at[resolved.listed.start],
            None => self.unlisted.entry(resolved.key.to_owned()).or_default(),
        }
    }
}

/// The member options of a member table.
#[derive(Default)]
struct Options {
    approval: Option<Approval>,
    path: Option<Vec<Name>>,
    doc: Option<String>,
    cfg: Option<Cfg>,
    has_cfg: bool,
    voucher: Option<Voucher>,
}

/// A cfg name the compiler would not take as an identifier.
fn unusable_name(cfg: &Cfg) -> Option<String> {
    match cfg {
        Cfg::Name(name) | Cfg::KeyValue(name, _) if !name::is_identifier(name) => {
            Some(name.clone())
        }
        Cfg::Name(_) | Cfg::KeyValue(..) => None,
        Cfg::All(list) | Cfg::Any(list) => list.iter().find_map(unusable_name),
        Cfg::Not(inner) => unusable_name(inner),
    }
}

/// Where the byte `index` of a one-line TOML string's value stands in its
/// source text `written` (quotes included), following escapes.
fn source_offset(written: &str, index: usize) -> Option<usize> {
    if written.starts_with("'''") || written.starts_with("\"\"\"") {
        return None;
    }
    if written.starts_with('\'') {
        return Some(1 + index);
    }
    let body = written.strip_prefix('"')?;
    let mut decoded = 0;
    let mut chars = body.char_indices();
    while let Some((at, ch)) = chars.next() {
        if decoded >= index {
            return Some(1 + at);
        }
        if ch == '"' {
            return if decoded == index { Some(1 + at) } else { None };
        }
        if ch != '\\' {
            decoded += ch.len_utf8();
            continue;
        }
        let (_, kind) = chars.next()?;
        let digits = match kind {
            'u' => 4,
            'U' => 8,
            'x' => 2,
            _ => 0,
        };
        let mut code = String::new();
        let mut read = 0;
        while read < digits {
            code.push(chars.next()?.1);
            read += 1;
        }
        decoded += match digits {
            0 => 1,
            _ => char::from_u32(u32::from_str_radix(&code, 16).ok()?)?.len_utf8(),
        };
    }
    None
}

#[cfg(test)]
mod tests {
    use super::source_offset;

    #[test]
    fn maps_string_offsets_through_escapes() {
        let written = r#""all(unix feature = \"json\")""#;
        let text = r#"all(unix feature = "json")"#;
        let at = text.find("feature").unwrap();
        assert_eq!(
            &written[source_offset(written, at).unwrap()..][..7],
            "feature"
        );
        let close = text.rfind(')').unwrap();
        assert_eq!(&written[source_offset(written, close).unwrap()..][..1], ")");
        assert_eq!(source_offset(written, text.len()), Some(written.len() - 1));
        assert_eq!(source_offset("'x y'", 2), Some(3));
        assert_eq!(source_offset(r#""\u00e9x""#, 2), Some(7));
        assert_eq!(source_offset(r#""""a""""#, 0), None);
    }
}
