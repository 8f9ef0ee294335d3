//! Generated crate families for the benchmarks of SPEC §8.
//!
//! [`Family::new`] writes the `Cargo.toml` of a top crate with `n` members in
//! a realistic mix, the same facade written by hand, and the source of each
//! member crate, so that the expansion benchmark and the compile-cost
//! harness measure the same manifests.

use cratespace_manifest::expand::Piece;
use cratespace_manifest::{Loaded, Request, Source, Sources, expand, load, load_sources};
use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};
#[cfg(all(unix, feature = "jemalloc"))]
use tikv_jemallocator::Jemalloc;
use toml::de::DeTable;

/// The allocator of every benchmark program: jemalloc, as in rustc, whose
/// binary provides `malloc` to the proc macros it loads on Linux, so that the
/// macro's allocations and the floor's are served as they are in a build.
#[cfg(all(unix, feature = "jemalloc"))]
#[global_allocator]
static ALLOCATOR: Jemalloc = Jemalloc;

/// The allocator the benchmarks run with, for their reports.
pub const ALLOCATOR_NAME: &str = if cfg!(all(unix, feature = "jemalloc")) {
    "jemalloc (as in rustc)"
} else {
    "the system allocator"
};

/// One generated crate family: the top crate's manifest, its hand-written
/// equivalent, and the member crates.
pub struct Family {
    /// The top crate's `Cargo.toml`, the cratespace table included.
    pub cargo_toml: String,
    /// The `lib.rs` of a top crate that writes the facade by hand: the
    /// `pub use` lines `cratespace!()` stands for, with the attributes that
    /// give the same documentation (`#[doc(inline)]`, a doc line per
    /// namespace), and no metadata const.
    pub hand_written: String,
    /// The member crates.
    pub members: Vec<MemberCrate>,
}

/// A member crate of a generated family.
pub struct MemberCrate {
    /// Its package name, also its directory under `members/`.
    pub package: String,
    /// Its `Cargo.toml`.
    pub cargo_toml: String,
    /// Its `src/lib.rs`.
    pub lib_rs: String,
}

/// How a generated member joins the family; every tenth member cycles
/// through these, so each size holds the same mix.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// `"*" = "dep"`: a glob at the namespace's level.
    Glob,
    /// An optional dependency turned on by a feature.
    Optional,
    /// A dependency of `[target.'cfg(unix)'.dependencies]`.
    Target,
    /// An optional dependency of a target table.
    OptionalTarget,
    /// An external crate with a voucher.
    Voucher,
    /// A member table with `path` and `doc`.
    Options,
    /// `name = "dep"`.
    Plain,
}

impl Shape {
    fn of(index: usize) -> Shape {
        match index % 10 {
            0 => Shape::Glob,
            1 | 2 => Shape::Optional,
            3 => Shape::Target,
            4 => Shape::OptionalTarget,
            5 => Shape::Voucher,
            6 => Shape::Options,
            _ => Shape::Plain,
        }
    }

    fn optional(self) -> bool {
        matches!(self, Shape::Optional | Shape::OptionalTarget)
    }

    fn target(self) -> bool {
        matches!(self, Shape::Target | Shape::OptionalTarget)
    }
}

impl Family {
    /// A family of `n` members named `fam-m0` … under namespaces of ten,
    /// the last three of each nested one level deeper:
    /// `n3::m31`, `n3::deep::m38`, a glob in each namespace.
    ///
    /// `cratespace` is the path of the `cratespace` crate and `members` the
    /// directory of the member crates, both as the top crate's `Cargo.toml`
    /// writes them.
    pub fn new(n: usize, cratespace: &str, members: &str) -> Family {
        let mut dependencies = String::new();
        let mut targets = String::new();
        let mut features = String::new();
        let mut defaults = Vec::new();
        for index in 0..n {
            let shape = Shape::of(index);
            let key = format!("fam-m{index}");
            let requirement = if shape == Shape::Voucher {
                "0.1"
            } else {
                "=0.1.0"
            };
            let optional = if shape.optional() {
                ", optional = true"
            } else {
                ""
            };
            let line = format!(
                "{key} = {{ version = \"{requirement}\", path = \"{members}/{key}\"{optional} }}\n"
            );
            if shape.target() {
                targets.push_str(&line);
            } else {
                dependencies.push_str(&line);
            }
            if shape.optional() {
                let _ = writeln!(features, "m{index} = [\"dep:{key}\"]");
                defaults.push(format!("\"m{index}\""));
            }
        }

        let mut cargo_toml = String::new();
        let _ = write!(
            cargo_toml,
            "[package]\nname = \"fam\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\ncratespace = {{ path = \"{cratespace}\" }}\n{dependencies}\n\
             [target.'cfg(unix)'.dependencies]\n{targets}\n\
             [features]\ndefault = [{}]\n{features}\n\
             [package.metadata.cratespace]\nversioning = \"pinned\"\n",
            defaults.join(", ")
        );

        let mut hand_written = String::from("//! The facade written by hand.\n\n");
        let groups = n.div_ceil(10);
        for group in 0..groups {
            let range = group * 10..((group + 1) * 10).min(n);
            let _ = writeln!(
                cargo_toml,
                "\n[package.metadata.cratespace.members.n{group}]"
            );
            let _ = writeln!(
                hand_written,
                "/// The `n{group}` namespace.\npub mod n{group} {{"
            );
            let mut deep = Vec::new();
            for index in range {
                if index % 10 >= 8 {
                    deep.push(index);
                    continue;
                }
                member_entry(&mut cargo_toml, &mut hand_written, index, "    ");
            }
            if !deep.is_empty() {
                let _ = writeln!(
                    cargo_toml,
                    "\n[package.metadata.cratespace.members.n{group}.deep]"
                );
                let _ = writeln!(
                    hand_written,
                    "    /// The `deep` namespace.\n    pub mod deep {{"
                );
                for index in deep {
                    member_entry(&mut cargo_toml, &mut hand_written, index, "        ");
                }
                let _ = writeln!(hand_written, "    }}");
            }
            let _ = writeln!(hand_written, "}}");
        }

        let members = (0..n)
            .map(|index| MemberCrate {
                package: format!("fam-m{index}"),
                cargo_toml: format!(
                    "[package]\nname = \"fam-m{index}\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n"
                ),
                lib_rs: format!(
                    "//! Member {index}.\n\n\
                     pub struct Thing{index};\n\n\
                     pub fn value{index}() -> u32 {{\n    {index}\n}}\n\n\
                     pub mod inner {{\n    pub struct Inner;\n}}\n"
                ),
            })
            .collect();
        Family {
            cargo_toml,
            hand_written,
            members,
        }
    }
}

/// The manifest line of member `index` and its hand-written `pub use`.
fn member_entry(cargo_toml: &mut String, hand_written: &mut String, index: usize, indent: &str) {
    let shape = Shape::of(index);
    let key = format!("fam-m{index}");
    let krate = format!("fam_m{index}");
    let name = format!("m{index}");
    let _ = match shape {
        Shape::Glob => writeln!(cargo_toml, "\"*\" = \"{key}\""),
        Shape::Voucher => writeln!(
            cargo_toml,
            "{name} = {{ dependency = \"{key}\", voucher = {{ approved = \">=0.1.0, <0.2\", by = \"fam maintainers\" }} }}"
        ),
        Shape::Options => writeln!(
            cargo_toml,
            "{name} = {{ dependency = \"{key}\", path = \"inner\", doc = \"The inner module of member {index}.\" }}"
        ),
        _ => writeln!(cargo_toml, "{name} = \"{key}\""),
    };
    let cfg = match (shape.optional(), shape.target()) {
        (true, true) => format!("#[cfg(all(unix, feature = \"{name}\"))] "),
        (true, false) => format!("#[cfg(feature = \"{name}\")] "),
        (false, true) => "#[cfg(unix)] ".to_owned(),
        (false, false) => String::new(),
    };
    let _ = match shape {
        Shape::Glob => writeln!(hand_written, "{indent}#[doc(inline)] pub use ::{krate}::*;"),
        Shape::Options => writeln!(
            hand_written,
            "{indent}/// The inner module of member {index}.\n{indent}#[doc(inline)] pub use ::{krate}::inner as {name};"
        ),
        _ => writeln!(
            hand_written,
            "{indent}{cfg}#[doc(inline)] pub use ::{krate} as {name};"
        ),
    };
}

/// The whole pipeline `cratespace!()` runs: read, parse, validate and model
/// the crate at `dir`, then expand the model to tokens (outside a compiler,
/// `proc_macro2` lexes the expansion's pieces: slower than the compiler's
/// lexer).
///
/// Panics if the manifest has a diagnostic: a benchmark of an invalid
/// manifest would measure the wrong thing.
#[inline(never)]
pub fn expand_crate(dir: &Path) -> TokenStream {
    let loaded = load(&Request {
        manifest_dir: dir.to_path_buf(),
        manifest: None,
    });
    expand_loaded(&loaded)
}

/// The macro's own work on the crate at `dir`: [`expand_crate`] up to the
/// source text the macro hands the compiler to lex, which is where the
/// macro's work ends (the compiler's lexer is measured by `compile-cost`).
/// Returns the length of that text.
#[inline(never)]
pub fn expand_crate_to_text(dir: &Path) -> usize {
    let loaded = load(&Request {
        manifest_dir: dir.to_path_buf(),
        manifest: None,
    });
    check(&loaded);
    let pieces = expand::expand(&loaded.cratespace, &loaded.tracked, "CARGO_MANIFEST_DIR");
    black_box(&pieces)
        .iter()
        .map(|piece| match piece {
            Piece::Text(text) => text.len(),
            Piece::Runtime => 0,
        })
        .sum()
}

/// The expansion of a manifest that must have loaded without a diagnostic,
/// as the tokens the macro returns.
fn expand_loaded(loaded: &Loaded) -> TokenStream {
    check(loaded);
    let mut tokens = TokenStream::new();
    for piece in expand::expand(&loaded.cratespace, &loaded.tracked, "CARGO_MANIFEST_DIR") {
        match piece {
            Piece::Text(text) => tokens.extend(
                text.parse::<TokenStream>()
                    .expect("the expansion is valid Rust tokens"),
            ),
            Piece::Runtime => tokens.extend(runtime()),
        }
    }
    tokens
}

fn check(loaded: &Loaded) {
    assert!(
        loaded.diagnostics.is_empty(),
        "the generated manifest has diagnostics:\n{}",
        loaded.diagnostics[0]
    );
}

/// The floor: what `toml` alone takes to read and parse the same file.
#[inline(never)]
pub fn parse_crate(dir: &Path) -> usize {
    let text = std::fs::read_to_string(dir.join("Cargo.toml")).expect("Cargo.toml is readable");
    let table = DeTable::parse(&text).expect("Cargo.toml is valid TOML");
    table.get_ref().len()
}

/// [`expand_crate`] on files already in memory: parse, validate, model and
/// expand, without reading the disk.
pub fn expand_text(cargo_toml: &str) -> TokenStream {
    let loaded = load_sources(&Sources {
        cargo: Some(Source::new("Cargo.toml", cargo_toml)),
        ..Sources::default()
    });
    expand_loaded(&loaded)
}

/// The floor of [`expand_text`]: `toml` parsing the same text.
pub fn parse_text(cargo_toml: &str) -> usize {
    DeTable::parse(cargo_toml)
        .expect("Cargo.toml is valid TOML")
        .get_ref()
        .len()
}

/// `$crate` as the `cratespace!` macro passes it: one path segment.
fn runtime() -> TokenStream {
    TokenStream::from(TokenTree::Ident(Ident::new(
        "cratespace",
        Span::call_site(),
    )))
}

/// Writes the top crate of a family of `n` members to `dir` (its
/// `Cargo.toml` only: enough for the expansion) and checks that it is valid
/// and holds every member.
pub fn write_top(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir).expect("the scratch directory can be created");
    let family = Family::new(n, "../cratespace", "../members");
    std::fs::write(dir.join("Cargo.toml"), family.cargo_toml).expect("Cargo.toml can be written");
    let loaded = load(&Request {
        manifest_dir: dir.to_path_buf(),
        manifest: None,
    });
    assert!(
        loaded.diagnostics.is_empty(),
        "the generated manifest has diagnostics:\n{}",
        loaded.diagnostics[0]
    );
    assert_eq!(loaded.cratespace.root.members().len(), n);
}

/// A scratch directory for the top crate of `n` members, under the
/// workspace's target directory.
pub fn scratch(n: usize) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../target/bench-expansion")
        .join(format!("n{n}"))
}
