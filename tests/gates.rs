//! Gates with cargo as the oracle: a member exists exactly when cargo
//! compiles its dependency for the top crate's library.
//!
//! The test writes one workspace into `target/gates`: top crates of many
//! shapes (implicit features, `dep:`, `x/feat`, weak `x?/feat`, features
//! named after a dependency, chains, target tables with `not`, `any`, `all`
//! and the cfgs cargo settles itself, one key in several tables, renamed
//! and `workspace = true` dependencies, dev- and build-dependencies, lookups
//! by package and Rust name), each in the editions 2015, 2018, 2021 and
//! 2024. For every feature selection and target triple it asks cargo which
//! direct dependencies of each top crate it compiles (`cargo tree -e normal
//! --depth 1`, which works for a target that is not installed), and checks
//! that the members whose gate holds, under the cfg values of `rustc
//! --print cfg --target <triple>` and the features cargo activated, are
//! exactly the members whose package cargo compiles. The only expectation
//! written here is which package each member re-exports.

mod support;

use cratespace_manifest::{Cfg, Request, load};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use support::{check, root, run};

/// The editions every shape is written in.
const EDITIONS: &[&str] = &["2015", "2018", "2021", "2024"];

/// Targets to ask cargo about; none needs to be installed.
const TRIPLES: &[&str] = &[
    "x86_64-unknown-linux-gnu",
    "x86_64-pc-windows-msvc",
    "aarch64-apple-darwin",
    "wasm32-unknown-unknown",
];

/// A top crate's `Cargo.toml` after `[package]`, with `{k}` for the
/// directory of the member crates, and the package each member reaches.
struct Shape {
    name: &'static str,
    manifest: &'static str,
    members: &'static [(&'static str, &'static str)],
}

const SHAPES: &[Shape] = &[
    Shape {
        name: "features",
        manifest: r#"
[dependencies]
imp = { package = "k-imp", path = "{k}/imp", optional = true }
slash = { package = "k-slash", path = "{k}/slash", optional = true }
k-dep = { path = "{k}/dep", optional = true }
mixed = { package = "k-mixed", path = "{k}/mixed", optional = true }
weak = { package = "k-weak", path = "{k}/weak", optional = true }
chained = { package = "k-chained", path = "{k}/chained", optional = true }
plain = { package = "k-plain", path = "{k}/plain" }

[features]
default = ["top"]
top = ["middle"]
middle = ["dep:chained", "weak?/std"]
other = ["slash/std"]
with-dep = ["dep:k-dep"]
m1 = ["dep:mixed"]
m2 = ["mixed/std", "imp"]

[package.metadata.cratespace.members]
imp = "imp"
slash = "slash"
dep = "k-dep"
mixed = "mixed"
weak = "weak"
chained = "chained"
plain = "plain"
"#,
        members: &[
            ("imp", "k-imp"),
            ("slash", "k-slash"),
            ("dep", "k-dep"),
            ("mixed", "k-mixed"),
            ("weak", "k-weak"),
            ("chained", "k-chained"),
            ("plain", "k-plain"),
        ],
    },
    Shape {
        name: "named-after",
        manifest: r#"
[dependencies]
same = { package = "k-same", path = "{k}/same", optional = true }
samedep = { package = "k-samedep", path = "{k}/samedep", optional = true }
shadow = { package = "k-shadow", path = "{k}/shadow", optional = true }
shadow-slash = { package = "k-shadow-slash", path = "{k}/shadow-slash", optional = true }

[features]
same = ["same/std"]
samedep = ["dep:samedep"]
shadow = []
s = ["shadow?/std"]
shadow-slash = []
t = ["shadow-slash/std"]

[package.metadata.cratespace.members]
same = "same"
samedep = "samedep"
shadow = "shadow"
shadow_slash = "shadow-slash"
"#,
        members: &[
            ("same", "k-same"),
            ("samedep", "k-samedep"),
            ("shadow", "k-shadow"),
            ("shadow_slash", "k-shadow-slash"),
        ],
    },
    Shape {
        name: "targets",
        manifest: r#"
[target.'cfg(unix)'.dependencies]
unix = { package = "k-unix", path = "{k}/unix" }

[target.'cfg(windows)'.dependencies]
windows = { package = "k-windows", path = "{k}/windows" }

[target.'cfg(not(windows))'.dependencies]
not-windows = { package = "k-not-windows", path = "{k}/not-windows" }

[target.'cfg(any(target_os = "macos", target_arch = "wasm32"))'.dependencies]
mac-or-wasm = { package = "k-mac-or-wasm", path = "{k}/mac-or-wasm" }

[target.'cfg(all(unix, target_pointer_width = "64"))'.dependencies]
unix64 = { package = "k-unix64", path = "{k}/unix64" }

[target.'cfg(debug_assertions)'.dependencies]
debug = { package = "k-debug", path = "{k}/debug" }

[target.'cfg(not(debug_assertions))'.dependencies]
release = { package = "k-release", path = "{k}/release" }

[target.'cfg(not(test))'.dependencies]
not-test = { package = "k-not-test", path = "{k}/not-test" }

[target.'cfg(test)'.dependencies]
testing = { package = "k-testing", path = "{k}/testing" }

[target.'cfg(doc)'.dependencies]
docs = { package = "k-docs", path = "{k}/docs" }

[target.'cfg(any(unix, feature = "f"))'.dependencies]
unix-or-feature = { package = "k-unix-or-feature", path = "{k}/unix-or-feature" }

[target.'cfg(not(feature = "f"))'.dependencies]
not-feature = { package = "k-not-feature", path = "{k}/not-feature" }

[target.'cfg(all())'.dependencies]
empty-all = { package = "k-empty-all", path = "{k}/empty-all" }

[target.'cfg(target_os = "linux")'.dependencies]
linux = { package = "k-linux", path = "{k}/linux", optional = true }

[features]
f = []
l = ["dep:linux"]

[package.metadata.cratespace.members]
unix = "unix"
windows = "windows"
not_windows = "not-windows"
mac_or_wasm = "mac-or-wasm"
unix64 = "unix64"
debug = "debug"
release = "release"
not_test = "not-test"
testing = "testing"
docs = "docs"
unix_or_feature = "unix-or-feature"
not_feature = "not-feature"
empty_all = "empty-all"
linux = "linux"
"#,
        members: &[
            ("unix", "k-unix"),
            ("windows", "k-windows"),
            ("not_windows", "k-not-windows"),
            ("mac_or_wasm", "k-mac-or-wasm"),
            ("unix64", "k-unix64"),
            ("debug", "k-debug"),
            ("release", "k-release"),
            ("not_test", "k-not-test"),
            ("testing", "k-testing"),
            ("docs", "k-docs"),
            ("unix_or_feature", "k-unix-or-feature"),
            ("not_feature", "k-not-feature"),
            ("empty_all", "k-empty-all"),
            ("linux", "k-linux"),
        ],
    },
    Shape {
        name: "tables",
        manifest: r#"
[dependencies]
a = { package = "k-a", path = "{k}/a", optional = true }
b = { package = "k-b", path = "{k}/b" }

[target.'cfg(windows)'.dependencies]
a = { package = "k-a", path = "{k}/a" }
c = { package = "k-c", path = "{k}/c", optional = true }

[target.'cfg(unix)'.dependencies]
b = { package = "k-b", path = "{k}/b", optional = true }
c = { package = "k-c", path = "{k}/c", optional = true }
d = { package = "k-d", path = "{k}/d", optional = true }

[target.'cfg(target_os = "macos")'.dependencies]
d = { package = "k-d", path = "{k}/d" }

[features]
fa = ["dep:a"]
fc = ["c/std"]

[package.metadata.cratespace.members]
a = "a"
b = "b"
c = "c"
d = "d"
"#,
        members: &[("a", "k-a"), ("b", "k-b"), ("c", "k-c"), ("d", "k-d")],
    },
    Shape {
        name: "workspace",
        manifest: r#"
[dependencies]
wk = { workspace = true, optional = true }
k-wp = { workspace = true, optional = true, features = ["std"] }

[target.'cfg(unix)'.dependencies]
wt = { workspace = true }

[features]
w = ["dep:wk"]

[package.metadata.cratespace.members]
wk = "wk"
wp = "k-wp"
wt = "wt"
"#,
        members: &[("wk", "k-wk"), ("wp", "k-wp"), ("wt", "k-wt")],
    },
    Shape {
        name: "dev-build",
        manifest: r#"
[dependencies]
both = { package = "k-both", path = "{k}/both", optional = true }

[dev-dependencies]
both = { package = "k-both", path = "{k}/both" }
dev-only = { package = "k-dev-only", path = "{k}/dev-only" }

[build-dependencies]
build-only = { package = "k-build-only", path = "{k}/build-only" }

[features]
fb = ["dep:both"]

[package.metadata.cratespace.members]
both = "both"
dev = "dev-only"
build = "build-only"
"#,
        members: &[
            ("both", "k-both"),
            ("dev", "k-dev-only"),
            ("build", "k-build-only"),
        ],
    },
    Shape {
        name: "names",
        manifest: r#"
[dependencies]
by-key = { package = "k-by-key", path = "{k}/by-key", optional = true }
pk = { package = "k-by-package", path = "{k}/by-package", optional = true }
under-score = { package = "k-under", path = "{k}/under" }

[features]
on = ["dep:pk"]

[package.metadata.cratespace.members]
a = "by-key"
b = "k-by-package"
c = "under_score"
"#,
        members: &[("a", "k-by-key"), ("b", "k-by-package"), ("c", "k-under")],
    },
];

/// `[workspace.dependencies]` of the generated workspace, for the
/// `workspace` shape: a rename made only here, and a plain entry.
const WORKSPACE_DEPENDENCIES: &str = r#"
[workspace.dependencies]
wk = { package = "k-wk", path = "k/wk" }
k-wp = { path = "k/wp" }
wt = { package = "k-wt", path = "k/wt" }
"#;

/// A top crate of the generated workspace.
struct Top {
    package: String,
    dir: PathBuf,
    shape: &'static Shape,
    /// Its own features, sorted.
    features: Vec<String>,
}

/// Writes the workspace into `target/gates` and returns its top crates.
fn generate(dir: &Path) -> Vec<Top> {
    let mut files = BTreeMap::new();
    let mut members = Vec::new();
    let mut packages = BTreeSet::new();
    let mut tops = Vec::new();
    for shape in SHAPES {
        for (_, package) in shape.members {
            packages.insert(*package);
        }
        for edition in EDITIONS {
            let package = format!("g-{}-{edition}", shape.name);
            let relative = format!("{}/{edition}", shape.name);
            let manifest = format!(
                "[package]\nname = \"{package}\"\nversion = \"0.1.0\"\nedition = \"{edition}\"\npublish = false\n{}",
                shape.manifest.replace("{k}", "../../k")
            );
            let features = features_of(&manifest);
            files.insert(PathBuf::from(&relative).join("Cargo.toml"), manifest);
            files.insert(PathBuf::from(&relative).join("src/lib.rs"), String::new());
            members.push(relative.clone());
            tops.push(Top {
                package,
                dir: dir.join(&relative),
                shape,
                features,
            });
        }
    }
    for package in packages {
        let name = package.strip_prefix("k-").unwrap();
        let relative = PathBuf::from("k").join(name);
        files.insert(
            relative.join("Cargo.toml"),
            format!(
                "[package]\nname = \"{package}\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n[features]\nstd = []\n"
            ),
        );
        files.insert(relative.join("src/lib.rs"), String::new());
        members.push(format!("k/{name}"));
    }
    let list: Vec<String> = members.iter().map(|m| format!("    \"{m}\",\n")).collect();
    files.insert(
        PathBuf::from("Cargo.toml"),
        format!(
            "# Generated by tests/gates.rs of the `cratespace` package.\n[workspace]\nresolver = \"2\"\nmembers = [\n{}]\n{WORKSPACE_DEPENDENCIES}",
            list.concat()
        ),
    );
    support::write_tree(dir, &files);
    tops
}

/// The feature names of a shape's `Cargo.toml`, sorted: the keys of the
/// lines under `[features]`, which the shapes write one a line.
fn features_of(manifest: &str) -> Vec<String> {
    let mut features: Vec<String> = manifest
        .lines()
        .skip_while(|line| *line != "[features]")
        .skip(1)
        .take_while(|line| !line.starts_with('['))
        .filter_map(|line| Some(line.split_once(" = ")?.0.to_owned()))
        .collect();
    features.sort();
    features
}

/// What cargo says of each top crate: its activated features and the
/// packages of its direct normal dependencies that it compiles.
#[derive(Debug, Default)]
struct Compiled {
    features: BTreeSet<String>,
    packages: BTreeSet<String>,
}

fn cargo_tree(dir: &Path, triple: &str, selection: &[String]) -> BTreeMap<String, Compiled> {
    let mut command = support::cargo("gates-target");
    command
        .current_dir(dir)
        .args([
            "tree",
            "--workspace",
            "--offline",
            "-e",
            "normal",
            "--depth",
            "1",
        ])
        .args(support::TREE_FORMAT)
        .args(["--target", triple])
        .args(selection);
    let out = check(&format!("cargo tree {}", selection.join(" ")), run(command));
    let mut found: BTreeMap<String, Compiled> = BTreeMap::new();
    let mut current = String::new();
    for line in support::tree_lines(&out) {
        if line.depth == 0 {
            current = line.package.clone();
            found.entry(line.package).or_default().features = line.features;
        } else {
            found
                .get_mut(&current)
                .unwrap()
                .packages
                .insert(line.package);
        }
    }
    found
}

/// The feature selections to try: defaults, none, all, and each top
/// crate's `n`-th feature alone, for every `n`.
fn selections(tops: &[Top]) -> Vec<Vec<String>> {
    let mut selections = vec![
        Vec::new(),
        vec!["--no-default-features".to_owned()],
        vec!["--all-features".to_owned()],
    ];
    let most = tops.iter().map(|top| top.features.len()).max().unwrap_or(0);
    for n in 0..most {
        let chosen: Vec<String> = tops
            .iter()
            .filter_map(|top| Some(format!("{}/{}", top.package, top.features.get(n)?)))
            .collect();
        selections.push(vec![
            "--no-default-features".to_owned(),
            "--features".to_owned(),
            chosen.join(","),
        ]);
    }
    selections
}

#[test]
fn members_exist_exactly_when_cargo_compiles_their_dependency() {
    let dir = root().join("target").join("gates");
    let tops = generate(&dir);
    let models: Vec<_> = tops
        .iter()
        .map(|top| {
            load(&Request {
                manifest_dir: top.dir.clone(),
                manifest: None,
            })
        })
        .collect();

    let mut mismatches = Vec::new();
    let mut compiled_ever: BTreeSet<(String, &str)> = BTreeSet::new();
    for triple in TRIPLES {
        let cfg = support::rustc_cfg(Some(triple));
        for selection in selections(&tops) {
            let tree = cargo_tree(&dir, triple, &selection);
            for (top, loaded) in tops.iter().zip(&models) {
                let compiled = &tree[&top.package];
                let holds = |atom: &Cfg| {
                    cfg.contains(atom)
                        || matches!(atom, Cfg::KeyValue(key, value)
                            if key == "feature" && compiled.features.contains(value))
                };
                let members = loaded.cratespace.root.members();
                for &(path, package) in top.shape.members {
                    let by_cargo = compiled.packages.contains(package);
                    if by_cargo {
                        compiled_ever.insert((top.package.clone(), path));
                    }
                    let member = members.iter().find(|(at, _)| at == path).map(|(_, m)| m);
                    if let Some(member) = member {
                        assert_eq!(member.package, package, "{}: `{path}`", top.package);
                    }
                    let gate = member.map(|m| m.gate.as_ref().map(ToString::to_string));
                    let enabled = member.is_some_and(|member| {
                        member.gate.as_ref().is_none_or(|gate| gate.holds(&holds))
                    });
                    if enabled != by_cargo {
                        mismatches.push(format!(
                            "{} `{path}` on {triple} with [{}] (features on: {:?}): cargo {} `{package}`, the member's gate {gate:?} {}",
                            top.package,
                            selection.join(" "),
                            compiled.features,
                            if by_cargo { "compiles" } else { "does not compile" },
                            if enabled { "holds" } else { "does not hold" },
                        ));
                    }
                }
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} mismatches with cargo:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );

    // A member left out of the model is one cargo never compiles, and the
    // manifest says why.
    for (top, loaded) in tops.iter().zip(&models) {
        let members = loaded.cratespace.root.members();
        for &(path, _) in top.shape.members {
            if !members.iter().any(|(at, _)| at == path) {
                assert!(!compiled_ever.contains(&(top.package.clone(), path)));
                assert!(
                    !loaded.diagnostics.is_empty(),
                    "{}: `{path}` is left out without a diagnostic",
                    top.package
                );
            }
        }
    }
}

/// Directory layouts of workspaces: each file's path and text. The crate
/// in `top/` (under some directory) inherits its version and a dependency
/// from the root cargo uses.
const LAYOUTS: &[(&str, &[(&str, &str)])] = &[
    (
        "nearest",
        &[
            (
                "Cargo.toml",
                "[workspace]\nmembers = [\"crates/top\"]\n[workspace.package]\nversion = \"1.0.1\"\n[workspace.dependencies]\nk = { package = \"k-real\", version = \"1.5\" }\n",
            ),
            ("crates/top/Cargo.toml", INHERITING),
        ],
    ),
    (
        "skips-a-root-that-excludes-it",
        &[
            (
                "Cargo.toml",
                "[workspace]\nmembers = [\"mid/x/top\"]\n[workspace.package]\nversion = \"1.0.2\"\n[workspace.dependencies]\nk = { package = \"k-real\", version = \"1.5\" }\n",
            ),
            (
                "mid/Cargo.toml",
                "[workspace]\nmembers = []\nexclude = [\"x\"]\n[workspace.package]\nversion = \"9.9.9\"\n",
            ),
            ("mid/x/top/Cargo.toml", INHERITING),
        ],
    ),
    (
        "excluded-everywhere",
        &[
            (
                "Cargo.toml",
                "[workspace]\nmembers = []\nexclude = [\"x\"]\n[workspace.package]\nversion = \"1.0.3\"\n",
            ),
            ("x/top/Cargo.toml", INHERITING),
        ],
    ),
    (
        "listed-member-wins-over-exclude",
        &[
            (
                "Cargo.toml",
                "[workspace]\nmembers = [\"ex/top\"]\nexclude = [\"ex\"]\n[workspace.package]\nversion = \"1.0.4\"\n[workspace.dependencies]\nk = { package = \"k-real\", version = \"1.5\" }\n",
            ),
            ("ex/top/Cargo.toml", INHERITING),
        ],
    ),
    (
        "package-workspace",
        &[
            (
                "ws/Cargo.toml",
                "[workspace]\nmembers = [\"../elsewhere/top\"]\n[workspace.package]\nversion = \"1.0.5\"\n[workspace.dependencies]\nk = { package = \"k-real\", version = \"1.5\" }\n",
            ),
            (
                "Cargo.toml",
                "[workspace]\nmembers = []\nexclude = [\"elsewhere\", \"ws\"]\n[workspace.package]\nversion = \"9.9.9\"\n",
            ),
            ("elsewhere/top/Cargo.toml", POINTING),
        ],
    ),
    (
        "through-a-package",
        &[
            (
                "Cargo.toml",
                "[workspace]\nmembers = [\"mid\", \"mid/top\"]\n[workspace.package]\nversion = \"1.0.6\"\n[workspace.dependencies]\nk = { package = \"k-real\", version = \"1.5\" }\n",
            ),
            (
                "mid/Cargo.toml",
                "[package]\nname = \"mid\"\nversion = \"0.1.0\"\n",
            ),
            ("mid/src/lib.rs", ""),
            ("mid/top/Cargo.toml", INHERITING),
        ],
    ),
    (
        "an-ancestor-points-to-the-root",
        &[
            (
                "ws/Cargo.toml",
                "[workspace]\nmembers = [\"../mid\", \"../mid/top\"]\n[workspace.package]\nversion = \"1.0.7\"\n[workspace.dependencies]\nk = { package = \"k-real\", version = \"1.5\" }\n",
            ),
            (
                "mid/Cargo.toml",
                "[package]\nname = \"mid\"\nversion = \"0.1.0\"\nworkspace = \"../ws\"\n",
            ),
            ("mid/src/lib.rs", ""),
            ("mid/top/Cargo.toml", INHERITING),
        ],
    ),
];

/// A top crate that inherits its version and its one member's dependency.
const INHERITING: &str = "[package]\nname = \"top\"\nversion.workspace = true\nedition = \"2021\"\n\n[dependencies]\nk = { workspace = true, optional = true }\n\n[package.metadata.cratespace.members]\nk = \"k\"\n";

/// The same, naming its root with `package.workspace`.
const POINTING: &str = "[package]\nname = \"top\"\nversion.workspace = true\nedition = \"2021\"\nworkspace = \"../../ws\"\n\n[dependencies]\nk = { workspace = true, optional = true }\n\n[package.metadata.cratespace.members]\nk = \"k\"\n";

#[test]
fn the_workspace_root_is_the_one_cargo_uses() {
    // Outside the repository, whose own workspace root would be found
    // above a layout that has none.
    let base = std::env::temp_dir().join(format!("cratespace-gates-roots-{}", std::process::id()));
    for (layout, files) in LAYOUTS {
        let dir = base.join(layout);
        let mut tree = BTreeMap::new();
        for (path, text) in *files {
            tree.insert(PathBuf::from(path), (*text).to_owned());
            if path.ends_with("top/Cargo.toml") {
                tree.insert(
                    PathBuf::from(path).with_file_name("src/lib.rs"),
                    String::new(),
                );
            }
        }
        support::write_tree(&dir, &tree);
        let top = files
            .iter()
            .find(|(path, _)| path.ends_with("top/Cargo.toml"))
            .map(|(path, _)| dir.join(path).parent().unwrap().to_owned())
            .unwrap();

        let mut command = support::cargo("gates-target");
        command.current_dir(&top).args([
            "metadata",
            "--no-deps",
            "--offline",
            "--format-version",
            "1",
        ]);
        let output = run(command);
        let loaded = load(&Request {
            manifest_dir: top.clone(),
            manifest: None,
        });
        if !output.status.success() {
            let problems: Vec<String> =
                loaded.diagnostics.iter().map(ToString::to_string).collect();
            assert!(
                problems.len() == 1 && problems[0].contains("no workspace root was found"),
                "{layout}: cargo finds no workspace root, and cratespace says {problems:#?}\n{}",
                support::stderr(&output)
            );
            continue;
        }
        let metadata: serde_json::Value =
            serde_json::from_slice(&output.stdout).expect("cargo metadata prints JSON");
        let cargo_root = PathBuf::from(metadata["workspace_root"].as_str().unwrap());
        assert!(
            loaded.diagnostics.is_empty(),
            "{layout}: {:#?}",
            loaded.diagnostics
        );
        let root_file = loaded
            .tracked
            .iter()
            .find(|file| file.starts_with(".."))
            .unwrap_or_else(|| panic!("{layout}: no workspace root read: {:?}", loaded.tracked));
        let ours = top
            .join(root_file)
            .parent()
            .unwrap()
            .canonicalize()
            .unwrap();
        assert_eq!(ours, cargo_root.canonicalize().unwrap(), "{layout}");

        let package = metadata["packages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|package| package["name"] == "top")
            .unwrap();
        assert_eq!(loaded.cratespace.version, package["version"], "{layout}");
        let dependency = &package["dependencies"][0];
        let member = &loaded.cratespace.root.members()[0].1;
        assert_eq!(member.package, dependency["name"], "{layout}");
        assert_eq!(
            format!("^{}", member.requirement.as_deref().unwrap()),
            dependency["req"],
            "{layout}"
        );
    }
    std::fs::remove_dir_all(&base).unwrap();
}
