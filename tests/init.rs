//! `cargo cratespace init` on facades written by hand: the families of
//! `families/` (bevy-, gix-, futures- and icu-shaped) as their authors
//! would write them before cratespace, in `target/families-hand-written`,
//! migrated for real.
//!
//! Each top crate's `lib.rs` holds its members as `pub use` items, with
//! the `#[cfg]`s a person writes from `Cargo.toml` (some narrower than what
//! compiles the dependency, one on a target table, some on implicit
//! features), doc comments, `#[doc(inline)]` and `pub mod` namespaces, and
//! items of its own amid them (bevy's `pub mod prelude;` with its file, a
//! `pub(crate) use`, a macro holding a `pub use`); its `Cargo.toml` has no
//! manifest and no dependency on `cratespace`. The tests check that init
//! takes exactly the re-exports, writes the members the family's manifest
//! has (a `cfg` key only on those whose `#[cfg]` is not the derived gate),
//! leaves a manifest `check` has nothing to say of, and that the migrated
//! crates build under every selection tried and reach what cargo compiles;
//! on nightly, that each re-exports, under each selection, exactly the
//! paths it did by hand.

#[path = "families/mod.rs"]
mod generator;

#[path = "families/harness.rs"]
mod harness;

mod support;

use cratespace_manifest::{Request, Source, Sources, load, load_sources};
use generator::{Facade, Generated, Migration};
use harness::{cargo_cratespace, expanded, selections, test_downstream, write_workspace};
use std::collections::BTreeSet;
use std::fs;
use std::process::{Command, Output};
use support::{check, lock, report, run};

/// How many features of each family are tried alone.
const SINGLES: usize = 8;

/// The families' workspace, each top crate written by hand; written again
/// by each test, as init edits it.
fn hand_written() -> Generated {
    write_workspace("families-hand-written", Facade::HandWritten)
}

/// `cargo cratespace COMMAND` on every top crate of `generated`.
fn cratespace(generated: &Generated, command: &str) -> Output {
    let mut run_it = Command::new(cargo_cratespace());
    run_it
        .args(["cratespace", command, "--manifest-path"])
        .arg(generated.manifest())
        .current_dir(&generated.root)
        .env("CARGO", env!("CARGO"))
        .env("CARGO_TERM_COLOR", "never")
        .env("CARGO_NET_OFFLINE", "true");
    for downstream in &generated.downstream {
        run_it.args(["-p", &downstream.top]);
    }
    run(run_it)
}

fn migration(downstream: &generator::Downstream) -> &Migration {
    downstream
        .migration
        .as_ref()
        .expect("a facade written by hand")
}

/// Migrates every top crate, which must succeed, and returns what init
/// said on stderr.
fn migrate(generated: &Generated) -> String {
    let output = cratespace(generated, "init");
    check("cargo cratespace init", output.clone());
    support::stderr(&output)
}

#[test]
fn hand_written_facades_migrate_and_reach_what_cargo_compiles() {
    let _lock = lock();
    let generated = hand_written();
    let said = migrate(&generated);

    let mut left = 0;
    for downstream in &generated.downstream {
        let migration = migration(downstream);
        let lib = fs::read_to_string(&migration.lib).unwrap();
        assert!(
            lib == migration.expected,
            "`{}`: the lib root is not the hand-written one without its re-exports:\n--- expected:\n{}\n--- migrated:\n{lib}",
            downstream.top,
            migration.expected
        );
        let top = migration.lib.parent().unwrap().parent().unwrap();
        let migrated = load(&Request {
            manifest_dir: top.to_path_buf(),
            manifest: None,
        });
        assert_eq!(migrated.diagnostics, [], "`{}`", downstream.top);
        let family = load_sources(&Sources {
            cargo: Some(Source::new("Cargo.toml", migration.manifest.clone())),
            ..Sources::default()
        });
        let listed: BTreeSet<&str> = downstream
            .members
            .iter()
            .map(|member| member.path.as_str())
            .collect();
        let expected: Vec<_> = family
            .cratespace
            .root
            .members()
            .into_iter()
            .filter(|(path, _)| listed.contains(path.as_str()))
            .collect();
        let written = migrated.cratespace.root.members();
        assert_eq!(
            written.iter().map(|(path, _)| path).collect::<Vec<_>>(),
            expected.iter().map(|(path, _)| path).collect::<Vec<_>>(),
            "`{}`: init wrote other members than the family's manifest",
            downstream.top
        );
        for ((path, member), (_, wanted)) in written.iter().zip(&expected) {
            assert_eq!(
                member, wanted,
                "`{}`: init wrote `{path}` otherwise than the family's manifest",
                downstream.top
            );
        }
        let cargo_toml = fs::read_to_string(top.join("Cargo.toml")).unwrap();
        assert_eq!(
            with_cfg_key(&cargo_toml),
            migration.explicit.iter().cloned().collect::<BTreeSet<_>>(),
            "`{}`: a cfg key other than where the hand-written cfg is not the derived gate",
            downstream.top
        );
        for line in migration.left {
            assert!(
                said.contains(&format!("warning: left as written: `{line}`")),
                "`{line}` is not listed as left:\n{said}"
            );
        }
        left += migration.left.len();
    }
    assert_eq!(
        said.matches("left as written").count(),
        left,
        "more left as written than the families leave:\n{said}"
    );
    assert!(!said.contains("did not build"), "{said}");

    let checked = cratespace(&generated, "check");
    assert!(
        checked.status.success() && !support::stderr(&checked).contains("error"),
        "{}",
        report("check finds problems in the manifests init wrote", &checked)
    );

    test_downstream(&generated, &selections(&generated, SINGLES));
}

/// The module paths of the members with a `cfg` key in `cargo_toml`, whose
/// members table init writes one member a line, from its header to the end.
fn with_cfg_key(cargo_toml: &str) -> BTreeSet<String> {
    let table = cargo_toml
        .split_once("[package.metadata.cratespace.members]\n")
        .expect("a members table")
        .1;
    table
        .lines()
        .filter(|line| line.contains(" cfg = "))
        .map(|line| {
            let key = line.split(" = ").next().unwrap();
            key.replace('"', "").replace('.', "::")
        })
        .collect()
}

/// Only nightly rustc prints a crate as expanded; `.ci/run` installs it.
#[test]
#[ignore = "needs a nightly toolchain: rustup toolchain install nightly"]
fn migrated_facades_reexport_exactly_what_they_did_by_hand() {
    let _lock = lock();
    let generated = hand_written();
    let before = public_reexports(&generated);
    migrate(&generated);
    let after = public_reexports(&generated);
    assert_eq!(before.len(), after.len());
    for ((what, by_hand), (_, migrated)) in before.iter().zip(&after) {
        assert!(!by_hand.is_empty(), "{what}: no re-export found");
        let lost: Vec<_> = by_hand.difference(migrated).collect();
        let gained: Vec<_> = migrated.difference(by_hand).collect();
        assert!(
            lost.is_empty() && gained.is_empty(),
            "{what}: the migrated facade re-exports otherwise\n--- only by hand: {lost:#?}\n--- only migrated: {gained:#?}"
        );
    }
}

/// For each top crate of `generated` and each selection tried (none, the
/// defaults, all, and each feature alone), the public `pub use` items of
/// its expansion.
fn public_reexports(generated: &Generated) -> Vec<(String, BTreeSet<String>)> {
    let mut found = Vec::new();
    let families = generator::families();
    for downstream in &generated.downstream {
        let family = families
            .iter()
            .find(|family| family.name == downstream.top)
            .unwrap();
        let mut selections = vec![
            vec!["--no-default-features".to_owned()],
            Vec::new(),
            vec!["--all-features".to_owned()],
        ];
        for feature in family.alone.iter().take(SINGLES) {
            selections.push(
                ["--no-default-features", "--features", feature]
                    .map(str::to_owned)
                    .to_vec(),
            );
        }
        for selection in selections {
            let text = expanded(generated, &downstream.top, &selection);
            let what = format!("`{}` with [{}]", downstream.top, selection.join(" "));
            found.push((what, reexports(&text)));
        }
    }
    found
}

/// The public re-exports of an expanded crate, `module::name = path` (a
/// glob as `module::* = path::*`), in the modules that are public and not
/// hidden from the documentation.
fn reexports(expanded: &str) -> BTreeSet<String> {
    let file = syn::parse_file(expanded).expect("the expansion parses");
    let mut found = BTreeSet::new();
    collect(&file.items, "", &mut found);
    found
}

fn collect(items: &[syn::Item], module: &str, found: &mut BTreeSet<String>) {
    for item in items {
        match item {
            syn::Item::Use(item) if is_public(&item.vis) && !is_hidden(&item.attrs) => {
                leaves(&item.tree, String::new(), module, found);
            }
            syn::Item::Mod(item) if is_public(&item.vis) && !is_hidden(&item.attrs) => {
                if let Some((_, inner)) = &item.content {
                    collect(inner, &format!("{module}{}::", item.ident), found);
                }
            }
            _ => {}
        }
    }
}

fn leaves(tree: &syn::UseTree, prefix: String, module: &str, found: &mut BTreeSet<String>) {
    match tree {
        syn::UseTree::Path(path) => {
            leaves(
                &path.tree,
                format!("{prefix}{}::", path.ident),
                module,
                found,
            );
        }
        syn::UseTree::Name(name) => {
            found.insert(format!("{module}{} = {prefix}{}", name.ident, name.ident));
        }
        syn::UseTree::Rename(rename) => {
            found.insert(format!(
                "{module}{} = {prefix}{}",
                rename.rename, rename.ident
            ));
        }
        syn::UseTree::Glob(_) => {
            found.insert(format!("{module}* = {prefix}*"));
        }
        syn::UseTree::Group(group) => {
            for tree in &group.items {
                leaves(tree, prefix.clone(), module, found);
            }
        }
    }
}

fn is_public(vis: &syn::Visibility) -> bool {
    matches!(vis, syn::Visibility::Public(_))
}

fn is_hidden(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        attr.path().is_ident("doc")
            && matches!(&attr.meta, syn::Meta::List(list) if list.tokens.to_string() == "hidden")
    })
}
