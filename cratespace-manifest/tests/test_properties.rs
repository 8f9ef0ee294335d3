//! Random structured manifests — names valid and not, nesting, globs,
//! gates, versions, vouchers — written in each TOML style, against a model
//! of what they must become: the expansion is deterministic and never
//! panics, every valid member appears once at its path with its target and
//! gate, and a manifest with a mistake in it gets diagnostics that point
//! inside its files.

use cratespace_manifest::{Loaded, Source, Sources, expand, load_sources};
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::fmt::Write;

/// A module name, and whether `module_name` accepts it.
#[derive(Debug, Clone)]
struct Key {
    text: &'static str,
    valid: bool,
}

/// Leaf names. `r#alpha` and `alpha` are the same Rust name, so the second
/// one written is a duplicate.
const LEAF_KEYS: &[(&str, bool)] = &[
    ("alpha", true),
    ("r#alpha", true),
    ("beta", true),
    ("gamma_2", true),
    ("r#type", true),
    ("données", true),
    ("Café", true),
    ("_under", true),
    ("type", false),
    ("self", false),
    ("r#crate", false),
    ("json-ld", false),
    ("2d", false),
    ("_", false),
    ("", false),
    ("Cafe\u{301}", false),
    ("a b", false),
];

/// Namespace names, disjoint from leaf names so that a leaf and a
/// namespace never collide.
const NAMESPACE_KEYS: &[(&str, bool)] = &[
    ("formats", true),
    ("r#match", true),
    ("ns_日本", true),
    ("deep", true),
    ("super", false),
    ("bad-ns", false),
];

const TOP_VERSION: &str = "1.0.0";

#[derive(Debug, Clone)]
struct Dependency {
    key: &'static str,
    /// The extern crate name, as the target shows it.
    krate: &'static str,
    optional: bool,
    /// An optional dependency some feature enables; when not, a feature of
    /// its name hides its implicit feature, so that nothing does.
    enabled: bool,
    /// In `[target.'cfg(unix)'.dependencies]` rather than `[dependencies]`.
    unix: bool,
    /// Required at `=1.0.0` rather than `^1.2`.
    exact: bool,
}

const DEPENDENCY_KEYS: &[(&str, &str)] = &[
    ("core-x", "core_x"),
    ("json", "json"),
    ("async", "r#async"),
    ("données-y", "données_y"),
    ("ext", "ext"),
];

#[derive(Debug, Clone)]
enum Target {
    /// An index into the dependencies.
    Known(usize),
    /// A key that is not in `Cargo.toml`.
    Missing,
}

#[derive(Debug, Clone)]
struct Options {
    /// `path = "…"`: the text and whether it is a module path.
    path: Option<(&'static str, bool)>,
    /// `cfg = "…"`: the text, and its canonical form when it parses.
    cfg: Option<(&'static str, Option<&'static str>)>,
    doc: Option<&'static str>,
    /// `voucher = { approved = …, by = … }`: whether `approved` holds `^1.2`.
    voucher: Option<bool>,
}

#[derive(Debug, Clone)]
enum Node {
    Member {
        key: Key,
        target: Target,
        /// `None` for the short form, `key = "dependency"`.
        options: Option<Options>,
    },
    Namespace {
        key: Key,
        children: Vec<Node>,
    },
}

#[derive(Debug, Clone)]
struct Manifest {
    dependencies: Vec<Dependency>,
    versioning: Option<&'static str>,
    /// The root namespace's members and namespaces.
    root: Vec<Node>,
    /// Globs of the root namespace.
    globs: Vec<Target>,
}

fn key(pool: &'static [(&'static str, bool)]) -> impl Strategy<Value = Key> {
    prop::sample::select(pool).prop_map(|(text, valid)| Key { text, valid })
}

fn dependencies() -> impl Strategy<Value = Vec<Dependency>> {
    let flags = (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>());
    prop::collection::vec(flags, DEPENDENCY_KEYS.len()).prop_map(|flags| {
        flags
            .into_iter()
            .zip(DEPENDENCY_KEYS)
            .map(
                |((optional, enabled, unix, exact), (key, krate))| Dependency {
                    key,
                    krate,
                    optional,
                    enabled,
                    unix,
                    exact,
                },
            )
            .collect()
    })
}

fn target() -> impl Strategy<Value = Target> {
    prop_oneof![
        6 => (0..DEPENDENCY_KEYS.len()).prop_map(Target::Known),
        1 => Just(Target::Missing),
    ]
}

fn options() -> impl Strategy<Value = Options> {
    let path = prop::option::of(prop::sample::select(
        &[
            ("stream", true),
            ("de::value", true),
            ("r#fn::x", true),
            ("de::2x", false),
            ("a::", false),
        ][..],
    ));
    let cfg = prop::option::of(prop::sample::select(
        &[
            ("unix", Some("unix")),
            (
                "all(unix,feature=\"x\")",
                Some("all(unix, feature = \"x\")"),
            ),
            ("not(windows)", Some("not(windows)")),
            ("all(", None),
            ("feature = 1", None),
        ][..],
    ));
    let doc = prop::option::of(prop::sample::select(
        &["A member.", "Émoji 🦀 and \"quotes\"", ""][..],
    ));
    let voucher = prop::option::of(any::<bool>());
    (path, cfg, doc, voucher).prop_map(|(path, cfg, doc, voucher)| Options {
        path,
        cfg,
        doc,
        voucher,
    })
}

fn node() -> impl Strategy<Value = Node> {
    let member = (key(LEAF_KEYS), target(), prop::option::of(options())).prop_map(
        |(key, target, options)| Node::Member {
            key,
            target,
            options,
        },
    );
    member.prop_recursive(4, 24, 4, |inner| {
        (key(NAMESPACE_KEYS), prop::collection::vec(inner, 0..4))
            .prop_map(|(key, children)| Node::Namespace { key, children })
    })
}

fn manifest() -> impl Strategy<Value = Manifest> {
    (
        dependencies(),
        prop::option::of(prop::sample::select(
            &["independent", "pinned", "lockstep"][..],
        )),
        prop::collection::vec(node(), 0..6),
        prop::collection::vec(target(), 0..3),
    )
        .prop_map(|(dependencies, versioning, root, globs)| Manifest {
            dependencies,
            versioning,
            root: unique_keys(root),
            globs,
        })
}

/// Keys must differ as TOML keys within one table; `r#alpha` and `alpha`
/// still collide as Rust names, which is what the duplicate check is for.
fn unique_keys(nodes: Vec<Node>) -> Vec<Node> {
    let mut seen = BTreeSet::new();
    nodes
        .into_iter()
        .filter(|node| seen.insert(node_key(node).text))
        .map(|node| match node {
            Node::Namespace { key, children } => Node::Namespace {
                key,
                children: unique_keys(children),
            },
            member => member,
        })
        .collect()
}

fn node_key(node: &Node) -> &Key {
    match node {
        Node::Member { key, .. } | Node::Namespace { key, .. } => key,
    }
}

/// How the members table is written: the same data, three TOML shapes.
#[derive(Debug, Clone, Copy)]
enum Style {
    /// `formats.json = "…"` under one `[…members]` header.
    Dotted,
    /// A `[…members.formats]` header per namespace.
    Headers,
    /// `members = { formats = { json = "…" } }` on one line.
    Inline,
}

#[derive(Debug, Clone, Copy)]
struct Layout {
    style: Style,
    /// The cratespace table in `cratespace.toml` rather than `Cargo.toml`.
    own_file: bool,
    crlf: bool,
    bom: bool,
}

fn layout() -> impl Strategy<Value = Layout> {
    let style = prop::sample::select(&[Style::Dotted, Style::Headers, Style::Inline][..]);
    (style, any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(style, own_file, crlf, bom)| {
        Layout {
            style,
            own_file,
            crlf,
            bom,
        }
    })
}

fn quote(text: &str) -> String {
    let mut out = String::from("\"");
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ch => out.push(ch),
        }
    }
    out.push('"');
    out
}

fn toml_key(text: &str) -> String {
    let bare = !text.is_empty()
        && text
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_');
    if bare { text.to_owned() } else { quote(text) }
}

impl Manifest {
    fn dependency_key(&self, target: &Target) -> &'static str {
        match target {
            Target::Known(index) => self.dependencies[*index].key,
            Target::Missing => "no-such-dependency",
        }
    }

    fn member_value(&self, target: &Target, options: &Option<Options>) -> String {
        let dependency = quote(self.dependency_key(target));
        let Some(options) = options else {
            return dependency;
        };
        let mut value = format!("{{ dependency = {dependency}");
        if let Some((path, _)) = options.path {
            write!(value, ", path = {}", quote(path)).unwrap();
        }
        if let Some((cfg, _)) = options.cfg {
            write!(value, ", cfg = {}", quote(cfg)).unwrap();
        }
        if let Some(doc) = options.doc {
            write!(value, ", doc = {}", quote(doc)).unwrap();
        }
        if let Some(inside) = options.voucher {
            let approved = if inside { ">=1.2, <2" } else { ">=1.5, <2" };
            write!(
                value,
                ", voucher = {{ approved = {}, by = \"them\" }}",
                quote(approved)
            )
            .unwrap();
        }
        value.push_str(" }");
        value
    }

    fn globs_value(&self) -> Option<String> {
        match self.globs.as_slice() {
            [] => None,
            [one] => Some(quote(self.dependency_key(one))),
            many => Some(format!(
                "[{}]",
                many.iter()
                    .map(|t| quote(self.dependency_key(t)))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }

    fn cargo_toml(&self) -> String {
        let mut out = format!(
            "[package]\nname = \"top\"\nversion = \"{TOP_VERSION}\"\nedition = \"2024\"\n\n[features]\n"
        );
        for (index, dependency) in self.dependencies.iter().enumerate() {
            if dependency.optional && dependency.enabled {
                writeln!(out, "f{index} = [\"dep:{}\"]", dependency.key).unwrap();
            } else if dependency.optional {
                writeln!(out, "{} = []", toml_key(dependency.key)).unwrap();
            }
        }
        let entry = |dependency: &Dependency| {
            let version = if dependency.exact { "=1.0.0" } else { "^1.2" };
            format!(
                "{} = {{ version = \"{version}\", optional = {} }}\n",
                toml_key(dependency.key),
                dependency.optional
            )
        };
        out.push_str("\n[dependencies]\n");
        for dependency in self.dependencies.iter().filter(|d| !d.unix) {
            out.push_str(&entry(dependency));
        }
        out.push_str("\n[target.'cfg(unix)'.dependencies]\n");
        for dependency in self.dependencies.iter().filter(|d| d.unix) {
            out.push_str(&entry(dependency));
        }
        out
    }

    /// The cratespace table under the header `table`, or as a whole file
    /// when `table` is empty.
    fn cratespace_table(&self, table: &str, style: Style) -> String {
        let mut out = String::new();
        if !table.is_empty() {
            writeln!(out, "[{table}]").unwrap();
        }
        let table = if table.is_empty() {
            String::new()
        } else {
            format!("{table}.")
        };
        if let Some(versioning) = self.versioning {
            writeln!(out, "versioning = \"{versioning}\"").unwrap();
        }
        match style {
            Style::Inline => {
                writeln!(
                    out,
                    "members = {}",
                    self.inline(&self.root, self.globs_value())
                )
                .unwrap();
            }
            Style::Dotted => {
                writeln!(out, "\n[{table}members]").unwrap();
                if let Some(globs) = self.globs_value() {
                    writeln!(out, "\"*\" = {globs}").unwrap();
                }
                self.dotted(&self.root, "", &mut out);
            }
            Style::Headers => {
                let header = format!("{table}members");
                self.headers(&self.root, &header, self.globs_value(), &mut out);
            }
        }
        out
    }

    fn inline(&self, nodes: &[Node], globs: Option<String>) -> String {
        let mut entries: Vec<String> = globs.map(|g| format!("\"*\" = {g}")).into_iter().collect();
        for node in nodes {
            match node {
                Node::Member {
                    key,
                    target,
                    options,
                } => entries.push(format!(
                    "{} = {}",
                    toml_key(key.text),
                    self.member_value(target, options)
                )),
                Node::Namespace { key, children } => entries.push(format!(
                    "{} = {}",
                    toml_key(key.text),
                    self.inline(children, None)
                )),
            }
        }
        format!("{{ {} }}", entries.join(", "))
    }

    fn dotted(&self, nodes: &[Node], prefix: &str, out: &mut String) {
        for node in nodes {
            match node {
                Node::Member {
                    key,
                    target,
                    options,
                } => {
                    writeln!(
                        out,
                        "{prefix}{} = {}",
                        toml_key(key.text),
                        self.member_value(target, options)
                    )
                    .unwrap();
                }
                Node::Namespace { key, children } if children.is_empty() => {
                    writeln!(out, "{prefix}{} = {{}}", toml_key(key.text)).unwrap();
                }
                Node::Namespace { key, children } => {
                    self.dotted(children, &format!("{prefix}{}.", toml_key(key.text)), out);
                }
            }
        }
    }

    /// The members of a namespace under its header, then each namespace
    /// under its own.
    fn headers(&self, nodes: &[Node], header: &str, globs: Option<String>, out: &mut String) {
        writeln!(out, "\n[{header}]").unwrap();
        if let Some(globs) = globs {
            writeln!(out, "\"*\" = {globs}").unwrap();
        }
        for node in nodes {
            if let Node::Member {
                key,
                target,
                options,
            } = node
            {
                writeln!(
                    out,
                    "{} = {}",
                    toml_key(key.text),
                    self.member_value(target, options)
                )
                .unwrap();
            }
        }
        for node in nodes {
            if let Node::Namespace { key, children } = node {
                self.headers(
                    children,
                    &format!("{header}.{}", toml_key(key.text)),
                    None,
                    out,
                );
            }
        }
    }

    fn sources(&self, layout: Layout) -> Sources {
        let finish = |text: String| {
            let text = if layout.crlf {
                text.replace('\n', "\r\n")
            } else {
                text
            };
            if layout.bom {
                format!("\u{feff}{text}")
            } else {
                text
            }
        };
        let mut cargo = self.cargo_toml();
        if layout.own_file {
            Sources {
                cargo: Some(Source::new("Cargo.toml", finish(cargo))),
                workspace: None,
                manifest: Some(Source::new(
                    "cratespace.toml",
                    finish(self.cratespace_table("", layout.style)),
                )),
            }
        } else {
            cargo.push('\n');
            cargo.push_str(&self.cratespace_table("package.metadata.cratespace", layout.style));
            Sources {
                cargo: Some(Source::new("Cargo.toml", finish(cargo))),
                ..Sources::default()
            }
        }
    }
}

/// What the manifest must become.
#[derive(Debug, Default)]
struct Expected {
    /// `(path, target, gate)` of every member that must be emitted, in
    /// manifest order (globs first in each namespace, as they are written
    /// first).
    members: Vec<(String, String, Option<String>)>,
    /// Whether something is wrong, so that there must be a diagnostic.
    problems: bool,
}

impl Manifest {
    fn expected(&self) -> Expected {
        let mut expected = Expected::default();
        let mut versioned = BTreeSet::new();
        for target in &self.globs {
            self.expect_member("*".to_owned(), target, &None, &mut expected, &mut versioned);
        }
        self.expect_namespace(&self.root, "", &mut expected, &mut versioned);
        expected
    }

    fn expect_namespace(
        &self,
        nodes: &[Node],
        prefix: &str,
        expected: &mut Expected,
        versioned: &mut BTreeSet<&'static str>,
    ) {
        let mut names = BTreeSet::new();
        for node in nodes {
            let key = node_key(node);
            if !key.valid {
                expected.problems = true;
                continue;
            }
            let name = key.text.trim_start_matches("r#");
            if !names.insert(name) {
                expected.problems = true;
                continue;
            }
            let path = format!("{prefix}{}", key.text);
            match node {
                Node::Member {
                    target, options, ..
                } => {
                    self.expect_member(path, target, options, expected, versioned);
                }
                Node::Namespace { children, .. } => {
                    self.expect_namespace(children, &format!("{path}::"), expected, versioned);
                }
            }
        }
    }

    fn expect_member(
        &self,
        path: String,
        target: &Target,
        options: &Option<Options>,
        expected: &mut Expected,
        versioned: &mut BTreeSet<&'static str>,
    ) {
        let options = options.clone().unwrap_or(Options {
            path: None,
            cfg: None,
            doc: None,
            voucher: None,
        });
        let mut emitted = true;
        if let Some((_, valid)) = options.path {
            emitted &= valid;
        }
        if let Some((_, canonical)) = options.cfg {
            emitted &= canonical.is_some();
        }
        if let Some(inside) = options.voucher {
            emitted &= inside;
        }
        expected.problems |= !emitted;
        let Target::Known(index) = target else {
            expected.problems = true;
            return;
        };
        let dependency = &self.dependencies[*index];
        let gate = match options.cfg {
            Some((_, canonical)) => canonical.map(str::to_owned),
            None if dependency.optional && !dependency.enabled => {
                expected.problems = true;
                return;
            }
            None => match (dependency.unix, dependency.optional) {
                (false, false) => None,
                (true, false) => Some("unix".to_owned()),
                (false, true) => Some(format!("feature = \"f{index}\"")),
                (true, true) => Some(format!("all(unix, feature = \"f{index}\")")),
            },
        };
        match options.voucher {
            // `^1.2` reaches past `>=1.5, <2`; `=1.0.0` past both.
            Some(_) if dependency.exact => {
                expected.problems = true;
                emitted = false;
            }
            Some(_) => {}
            None => {
                let pinned = matches!(self.versioning, Some("pinned" | "lockstep"));
                if pinned && !dependency.exact && versioned.insert(dependency.key) {
                    expected.problems = true;
                }
            }
        }
        if emitted {
            let mut target = dependency.krate.to_owned();
            if let Some((path, _)) = options.path {
                target = format!("{target}::{path}");
            }
            expected.members.push((path, target, gate));
        }
    }
}

/// The expansion as one text, each of its pieces checked to lex on its
/// own, as the macro lexes them.
fn expansion(loaded: &Loaded) -> String {
    let pieces = expand::expand(&loaded.cratespace, &loaded.tracked, "CARGO_MANIFEST_DIR");
    for piece in &pieces {
        if let expand::Piece::Text(text) = piece {
            assert!(
                text.parse::<proc_macro2::TokenStream>().is_ok(),
                "a piece of the expansion does not lex: {text}"
            );
        }
    }
    expand::text(&pieces, "::cratespace")
}

fn found(loaded: &Loaded) -> Vec<(String, String, Option<String>)> {
    loaded
        .cratespace
        .root
        .members()
        .into_iter()
        .map(|(path, member)| {
            (
                path,
                member.target(),
                member.gate.as_ref().map(ToString::to_string),
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn manifests_become_what_they_say(manifest in manifest(), layout in layout()) {
        let sources = manifest.sources(layout);
        let loaded = load_sources(&sources);
        let expected = manifest.expected();
        let shown = || {
            let text = sources.manifest.as_ref().or(sources.cargo.as_ref()).unwrap().text.clone();
            let problems: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
            format!("{text}\n{}", problems.join("\n\n"))
        };

        // Every valid member once, at its path, with its target and gate;
        // nothing else. Globs come first in their namespace in every style.
        let mut members = found(&loaded);
        let mut wanted = expected.members.clone();
        members.sort();
        wanted.sort();
        prop_assert_eq!(&members, &wanted, "{}", shown());

        // A mistake gives a diagnostic; a manifest without one, none.
        prop_assert_eq!(!loaded.diagnostics.is_empty(), expected.problems, "{}", shown());
        for diagnostic in &loaded.diagnostics {
            let location = diagnostic.location.as_ref();
            prop_assert!(location.is_some(), "no place: {}", diagnostic);
            let location = location.unwrap();
            let file = [&sources.cargo, &sources.manifest]
                .into_iter()
                .flatten()
                .find(|source| source.name == location.file);
            prop_assert!(file.is_some(), "{}", diagnostic);
            let lines: Vec<&str> = file.unwrap().text.split('\n').collect();
            prop_assert!(location.line >= 1 && location.line <= lines.len(), "{}", diagnostic);
            let line = lines[location.line - 1].trim_end_matches('\r').trim_start_matches('\u{feff}');
            // The line, or for a long one the part around the problem.
            let shown = location.line_text.trim_start_matches('…').trim_end_matches('…');
            prop_assert!(line.contains(shown), "{:?} is not part of {:?}", shown, line);
            let cut = usize::from(location.line_text.starts_with('…'));
            let from: String = line.chars().skip(location.line_text_start - 1 + cut).collect();
            prop_assert!(from.starts_with(shown), "{:?} does not start at {}", shown, location.line_text_start);
            prop_assert!(location.line_text_start <= location.column);
            prop_assert!(location.column <= line.chars().count() + 1, "{}", diagnostic);
        }

        // Deterministic: the same input gives the same model, diagnostics and tokens.
        let again = load_sources(&sources);
        prop_assert_eq!(&again.cratespace, &loaded.cratespace);
        prop_assert_eq!(&again.diagnostics, &loaded.diagnostics);
        let output = expansion(&loaded);
        prop_assert_eq!(&expansion(&again), &output);
        prop_assert!(output.parse::<proc_macro2::TokenStream>().is_ok());
    }

    #[test]
    fn every_style_of_writing_means_the_same(manifest in manifest(), layout in layout()) {
        let reference = load_sources(&manifest.sources(Layout {
            style: Style::Dotted,
            own_file: layout.own_file,
            crlf: false,
            bom: false,
        }));
        let other = load_sources(&manifest.sources(layout));
        // The same members; their order is the order of the file.
        let sorted = |loaded: &Loaded| {
            let mut members = found(loaded);
            members.sort();
            members
        };
        prop_assert_eq!(sorted(&other), sorted(&reference));
        prop_assert_eq!(other.diagnostics.len(), reference.diagnostics.len());
        // A versioning problem is reported once per dependency, naming the
        // member met first, which depends on the order of the file.
        let messages = |loaded: &Loaded| {
            loaded
                .diagnostics
                .iter()
                .map(|d| match (d.message.find(" (member `"), d.message.find("`) must")) {
                    (Some(from), Some(to)) => format!("{}{}", &d.message[..from], &d.message[to + 1..]),
                    _ => d.message.clone(),
                })
                .collect::<BTreeSet<_>>()
        };
        prop_assert_eq!(messages(&other), messages(&reference));
    }
}
