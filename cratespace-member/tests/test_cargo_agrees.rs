//! Cargo is the authority on the name under which a crate sees its
//! dependency: for each way of declaring one, the path `locate` gives is
//! the extern name `cargo metadata` reports.

mod support;

use cratespace_member::{Crate, Lookup, Route, locate_with};
use serde_json::Value;
use std::path::Path;
use std::process::Command;
use support::{cargo_env, scratch};

/// Consumers of the members `acme-core` and `acme-kit` (whose library is
/// called `kit`), one way of depending on them each.
const CONSUMERS: &[(&str, &str)] = &[
    ("plain", "acme-core = { path = \"../acme-core\" }"),
    (
        "renamed",
        "kernel = { package = \"acme-core\", path = \"../acme-core\" }",
    ),
    ("lib-name", "acme-kit = { path = \"../acme-kit\" }"),
    (
        "lib-name-renamed",
        "k = { package = \"acme-kit\", path = \"../acme-kit\" }",
    ),
    (
        "package-as-key",
        "acme-kit = { package = \"acme-kit\", path = \"../acme-kit\" }",
    ),
    ("inherited-rename", "wk = { workspace = true }"),
    ("inherited-dotted", "acme-kit.workspace = true"),
    (
        "target",
        "[target.'cfg(all())'.dependencies]\nt = { package = \"acme-core\", path = \"../acme-core\" }",
    ),
    (
        "dev",
        "[dev-dependencies]\nd = { package = \"acme-core\", path = \"../acme-core\" }",
    ),
    ("dev-inherited", "[dev-dependencies]\nwk.workspace = true"),
];

#[test]
fn locate_names_each_dependency_as_cargo_does() {
    let mut files = vec![
        (
            "Cargo.toml".to_owned(),
            format!(
                "[workspace]\nresolver = \"2\"\nmembers = [\"acme-core\", \"acme-kit\", {}]\n\n\
                 [workspace.dependencies]\nwk = {{ package = \"acme-core\", path = \"acme-core\" }}\n\
                 acme-kit = {{ path = \"acme-kit\" }}\n",
                CONSUMERS
                    .iter()
                    .map(|(name, _)| format!("\"{name}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
        package("acme-core", ""),
        package("acme-kit", "[lib]\nname = \"kit\"\n"),
    ];
    for (name, dependency) in CONSUMERS {
        let table = match dependency.starts_with('[') {
            true => String::new(),
            false => "[dependencies]\n".to_owned(),
        };
        files.push(package(name, &format!("{table}{dependency}\n")));
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let dir = scratch("cargo-agrees", &files);

    let names = extern_names(&dir);
    for (name, _) in CONSUMERS {
        let (package, cargo_name) = names
            .iter()
            .find(|(consumer, ..)| consumer == name)
            .map(|(_, package, extern_name)| (package.as_str(), extern_name.as_str()))
            .unwrap_or_else(|| panic!("cargo metadata shows no member dependency of `{name}`"));
        let member = match package {
            "acme-kit" => Crate::new("acme-kit", "kit"),
            _ => Crate::new("acme-core", "acme_core"),
        };
        let lookup = Lookup::new(member, Crate::new("acme", "acme"), "describe");
        let env = cargo_env(&dir.join(name));
        let path = locate_with(&lookup, &|variable| env.get(variable).cloned())
            .unwrap_or_else(|error| panic!("{name}: {error}"));
        assert_eq!(path.route(), Route::Dependency, "{name}");
        assert_eq!(path.as_str(), format!("::{cargo_name}"), "{name}");
    }
}

fn package(name: &str, rest: &str) -> (String, String) {
    (
        format!("{name}/Cargo.toml"),
        format!("[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n{rest}"),
    )
}

/// `(consumer, member package, extern name)` of every dependency of a
/// consumer on a member, from `cargo metadata`'s resolve graph.
fn extern_names(workspace: &Path) -> Vec<(String, String, String)> {
    for (name, text) in [("acme-core", ""), ("acme-kit", "")] {
        std::fs::create_dir_all(workspace.join(name).join("src")).unwrap();
        std::fs::write(workspace.join(name).join("src/lib.rs"), text).unwrap();
    }
    for (name, _) in CONSUMERS {
        std::fs::create_dir_all(workspace.join(name).join("src")).unwrap();
        std::fs::write(workspace.join(name).join("src/lib.rs"), "").unwrap();
    }
    let output = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--offline",
            "--manifest-path",
        ])
        .arg(workspace.join("Cargo.toml"))
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo metadata failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: Value = serde_json::from_slice(&output.stdout).unwrap();
    let package_of = |id: &str| -> String {
        metadata["packages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|package| package["id"] == id)
            .and_then(|package| package["name"].as_str())
            .unwrap()
            .to_owned()
    };
    let mut names = Vec::new();
    for node in metadata["resolve"]["nodes"].as_array().unwrap() {
        let consumer = package_of(node["id"].as_str().unwrap());
        for dependency in node["deps"].as_array().unwrap() {
            let package = package_of(dependency["pkg"].as_str().unwrap());
            let extern_name = dependency["name"].as_str().unwrap().to_owned();
            names.push((consumer.clone(), package, extern_name));
        }
    }
    names
}
