//! The demo's top crate as it is published: `cargo package` rewrites its
//! `Cargo.toml` (comments gone, inline tables split into sub-tables,
//! inherited fields written out), and the macro must read that manifest the
//! same way. Built from the unpacked `.crate` files, and from a directory
//! laid out as `cargo vendor` lays one out.

use cratespace_manifest::{Request, load};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

mod support;
use support::{check, copy_dir, lock};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The crates the demo's top crate needs, with their versions.
const PACKAGES: &[(&str, &str)] = &[
    ("acme", "2.1.0"),
    ("acme-core", "2.1.0"),
    ("acme-derive", "2.1.0"),
    ("acme-json", "2.1.0"),
    ("cratespace", "0.1.0"),
    ("cratespace-macros", "0.1.0"),
    ("cratespace-manifest", "0.1.0"),
    ("cratespace-member", "0.1.0"),
    ("cratespace-runtime", "0.1.0"),
];

const APP: &str = r#"use acme::derive::Describe;
use acme::Describe as _;

#[derive(Describe)]
struct Parcel {
    weight: u32,
}

fn main() {
    println!("{}", Parcel { weight: 3 }.describe());
    println!("{}", acme::formats::json::json!({ "weight": 3 }));
    println!("{}", acme::CRATESPACE);
}
"#;

fn scratch() -> PathBuf {
    Path::new(ROOT).join("target").join("packaging")
}

fn cargo(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO"));
    command
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", scratch().join("target"))
        .env("CARGO_TERM_COLOR", "never")
        .env_remove("CRATESPACE_MANIFEST_DIR");
    command
}

/// Packages every crate of `PACKAGES` once and unpacks them side by side:
/// `(directory holding the unpacked crates, the .crate files)`.
fn packaged() -> &'static (PathBuf, Vec<PathBuf>) {
    static PACKAGED: OnceLock<(PathBuf, Vec<PathBuf>)> = OnceLock::new();
    PACKAGED.get_or_init(|| {
        let target = scratch().join("package-target");
        let mut command = cargo(Path::new(ROOT));
        command.args([
            "package",
            "--no-verify",
            "--allow-dirty",
            "--exclude-lockfile",
            "--quiet",
        ]);
        for (name, _) in PACKAGES {
            command.args(["-p", name]);
        }
        check(
            "cargo package",
            command.env("CARGO_TARGET_DIR", &target).output().unwrap(),
        );
        let unpacked = scratch().join("unpacked");
        let _ = fs::remove_dir_all(&unpacked);
        fs::create_dir_all(&unpacked).unwrap();
        let mut files = Vec::new();
        for (name, version) in PACKAGES {
            let file = target
                .join("package")
                .join(format!("{name}-{version}.crate"));
            // `--touch`: the files of a .crate carry fixed times, which would
            // make cargo take an earlier run's build of an older version of
            // these sources in the shared target directory as up to date.
            let output = Command::new("tar")
                .args(["--touch", "-xzf"])
                .arg(&file)
                .arg("-C")
                .arg(&unpacked)
                .output()
                .unwrap();
            check("tar", output);
            files.push(file);
        }
        (unpacked, files)
    })
}

fn write_app(dir: &Path, dependencies: &str) {
    fs::create_dir_all(dir.join("src")).unwrap();
    fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"packaged-app\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\nacme = \"=2.1.0\"\n\n{dependencies}\n[workspace]\n"
        ),
    )
    .unwrap();
    fs::write(dir.join("src/main.rs"), APP).unwrap();
}

fn assert_demo_output(printed: &str) {
    let expected = [
        "Parcel { weight }",
        r#"{"weight":3}"#,
        "acme 2.1.0 (versioning: lockstep)",
        "├── *         acme-core    =2.1.0  always                   on",
        "├── derive    acme-derive  =2.1.0  cfg(feature = \"derive\")  on",
        "└── formats",
        "    ├── json  acme-json    =2.1.0  cfg(feature = \"json\")    on",
        "    └── int   itoa         1.0.10  cfg(feature = \"int\")     on   vouched >=1.0.10, <2 by acme maintainers",
    ];
    assert_eq!(printed.lines().collect::<Vec<_>>(), expected, "{printed}");
}

#[test]
fn the_packaged_manifest_gives_the_same_members() {
    let _guard = lock();
    let (unpacked, _) = packaged();
    let packaged_dir = unpacked.join("acme-2.1.0");
    let normalized = fs::read_to_string(packaged_dir.join("Cargo.toml")).unwrap();
    assert!(
        normalized.contains("[package.metadata.cratespace.members.formats.int.voucher]"),
        "cargo package no longer splits inline tables; this test is moot:\n{normalized}"
    );
    let original = load(&Request {
        manifest_dir: Path::new(ROOT).join("examples/acme"),
        manifest: None,
    });
    let packaged = load(&Request {
        manifest_dir: packaged_dir,
        manifest: None,
    });
    assert!(original.diagnostics.is_empty() && packaged.diagnostics.is_empty());
    assert_eq!(packaged.cratespace, original.cratespace);
}

#[test]
fn the_packaged_demo_builds_from_its_crate_files() {
    let _guard = lock();
    let (unpacked, _) = packaged();
    let app = unpacked.join("app");
    let patches: String = PACKAGES
        .iter()
        .map(|(name, version)| {
            let dir = unpacked.join(format!("{name}-{version}"));
            format!("{name} = {{ path = {:?} }}\n", dir.to_str().unwrap())
        })
        .collect();
    write_app(&app, &format!("[patch.crates-io]\n{patches}"));
    let printed = check(
        "cargo run (packaged)",
        cargo(&app).args(["run", "--quiet"]).output().unwrap(),
    );
    assert_demo_output(&printed);
}

#[test]
fn the_demo_builds_from_a_vendored_directory() {
    let _guard = lock();
    let (unpacked, files) = packaged();
    let base = unpacked.join("vendored");
    let _ = fs::remove_dir_all(&base);

    // The registry dependencies, vendored by cargo from the unpacked crates.
    let resolve = base.join("resolve");
    let patches: String = PACKAGES
        .iter()
        .map(|(name, version)| {
            let dir = unpacked.join(format!("{name}-{version}"));
            format!("{name} = {{ path = {:?} }}\n", dir.to_str().unwrap())
        })
        .collect();
    write_app(&resolve, &format!("[patch.crates-io]\n{patches}"));
    let vendor = base.join("vendor");
    check(
        "cargo vendor",
        cargo(&resolve)
            .args(["vendor", "--quiet"])
            .arg(&vendor)
            .output()
            .unwrap(),
    );
    // This project's crates, as `cargo vendor` lays a crate out: the
    // published sources and a checksum file.
    for ((name, version), file) in PACKAGES.iter().zip(files) {
        let to = vendor.join(name);
        let _ = fs::remove_dir_all(&to);
        copy_dir(&unpacked.join(format!("{name}-{version}")), &to);
        let sum = check(
            "sha256sum",
            Command::new("sha256sum").arg(file).output().unwrap(),
        );
        let sum = sum.split_whitespace().next().unwrap();
        fs::write(
            to.join(".cargo-checksum.json"),
            format!("{{\"files\":{{}},\"package\":\"{sum}\"}}"),
        )
        .unwrap();
    }

    let app = base.join("app");
    write_app(&app, "");
    fs::create_dir_all(app.join(".cargo")).unwrap();
    fs::write(
        app.join(".cargo/config.toml"),
        format!(
            "[source.crates-io]\nreplace-with = \"vendored-sources\"\n\n[source.vendored-sources]\ndirectory = {:?}\n",
            vendor.to_str().unwrap()
        ),
    )
    .unwrap();
    // A vendored crate is fingerprinted by its name and version, not its
    // files: drop what an earlier run built from older sources of the same
    // versions in the shared target directory.
    let mut clean = cargo(&app);
    clean.args(["clean", "--offline"]);
    for (name, _) in PACKAGES {
        clean.args(["-p", name]);
    }
    check("cargo clean (vendored)", clean.output().unwrap());
    let printed = check(
        "cargo run (vendored, offline)",
        cargo(&app)
            .args(["run", "--quiet", "--offline"])
            .output()
            .unwrap(),
    );
    assert_demo_output(&printed);
}

/// The crates published, each with every field crates.io and docs.rs show.
const PUBLISHED: &[&str] = &[
    "cargo-cratespace",
    "cratespace",
    "cratespace-macros",
    "cratespace-manifest",
    "cratespace-member",
    "cratespace-runtime",
];

#[test]
fn every_published_crate_carries_its_metadata() {
    let mut metadata = cargo(Path::new(ROOT));
    metadata.args(["metadata", "--no-deps", "--format-version", "1", "--quiet"]);
    let metadata: serde_json::Value =
        serde_json::from_str(&check("cargo metadata", metadata.output().unwrap())).unwrap();
    let mut published: Vec<&str> = Vec::new();
    for package in metadata["packages"].as_array().unwrap() {
        let name = package["name"].as_str().unwrap();
        // `publish = false` is an empty list of registries.
        if package["publish"].as_array().is_some_and(Vec::is_empty) {
            continue;
        }
        published.push(name);
        for field in [
            "description",
            "license",
            "repository",
            "readme",
            "rust_version",
        ] {
            assert!(
                package[field]
                    .as_str()
                    .is_some_and(|value| !value.is_empty()),
                "`{name}` has no `{field}`"
            );
        }
        for field in ["keywords", "categories"] {
            assert!(
                package[field]
                    .as_array()
                    .is_some_and(|values| !values.is_empty()),
                "`{name}` has no `{field}`"
            );
        }
        assert_eq!(package["rust_version"], "1.85", "`{name}`'s MSRV");
    }
    published.sort_unstable();
    assert_eq!(
        published, PUBLISHED,
        "the published crates changed: give each the metadata above"
    );
}

#[test]
fn the_published_crates_ship_their_sources_and_licenses_only() {
    for package in PUBLISHED {
        let mut list = cargo(Path::new(ROOT));
        list.args([
            "package",
            "--list",
            "--allow-dirty",
            "--quiet",
            "-p",
            package,
        ]);
        let listing = check("cargo package --list", list.output().unwrap());
        let files: Vec<&str> = listing.lines().collect();
        for file in &files {
            let shipped = matches!(
                *file,
                ".cargo_vcs_info.json"
                    | "Cargo.lock"
                    | "Cargo.toml"
                    | "Cargo.toml.orig"
                    | "README.md"
                    | "CHANGELOG.md"
                    | "LICENSE-APACHE"
                    | "LICENSE-MIT"
            ) || (file.starts_with("src/") && file.ends_with(".rs"));
            assert!(shipped, "`{package}` would ship `{file}`:\n{listing}");
        }
        for needed in ["README.md", "LICENSE-APACHE", "LICENSE-MIT"] {
            assert!(
                files.contains(&needed),
                "`{package}` would not ship `{needed}`:\n{listing}"
            );
        }
        assert!(
            files.contains(&"src/lib.rs") || files.contains(&"src/main.rs"),
            "`{package}` would ship no crate root:\n{listing}"
        );
    }
}

#[test]
fn every_published_crate_denies_missing_docs() {
    let mut metadata = cargo(Path::new(ROOT));
    metadata.args(["metadata", "--no-deps", "--format-version", "1", "--quiet"]);
    let metadata: serde_json::Value =
        serde_json::from_str(&check("cargo metadata", metadata.output().unwrap())).unwrap();
    let mut roots = 0;
    for package in metadata["packages"].as_array().unwrap() {
        let name = package["name"].as_str().unwrap();
        if !PUBLISHED.contains(&name) {
            continue;
        }
        // The crate root that is published: the lib, or the binary of a
        // cargo subcommand.
        let targets = package["targets"].as_array().unwrap();
        let root = targets
            .iter()
            .find(|target| {
                target["kind"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|kind| kind != "test" && kind != "bench" && kind != "example")
            })
            .unwrap_or_else(|| panic!("`{name}` has no crate root"));
        let path = root["src_path"].as_str().unwrap();
        let source = fs::read_to_string(path).unwrap();
        assert!(
            source
                .lines()
                .any(|line| line.trim() == "#![deny(missing_docs)]"),
            "`{name}`'s crate root {path} does not deny missing docs"
        );
        roots += 1;
    }
    assert_eq!(roots, PUBLISHED.len());
}
