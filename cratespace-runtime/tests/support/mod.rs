//! Cratespaces for the tests, written from a `Cargo.toml` by the writer that
//! `cratespace!()` uses, so that the tests read what the macro writes.

#![allow(dead_code)]

use cratespace_manifest::encoding::{self, Gates};
use cratespace_manifest::{Cfg, Source, Sources, load_sources, model};
use cratespace_runtime::Cratespace;

/// The model of the crate whose `Cargo.toml` is `cargo`, which must be valid.
pub fn load(cargo: &str) -> model::Cratespace {
    let loaded = load_sources(&Sources {
        cargo: Some(Source::new("Cargo.toml", cargo)),
        ..Sources::default()
    });
    let problems: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    loaded.cratespace
}

/// The `CRATESPACE` of the crate whose `Cargo.toml` is `cargo`, in a build
/// where the cfg names and pairs in `build` hold, such as `unix` and
/// `feature = "derive"`, and no others.
pub fn cratespace(cargo: &str, build: &[&str]) -> Cratespace {
    write(&load(cargo), build)
}

/// The `CRATESPACE` that `cratespace!()` writes for `model`, in a build
/// where the cfg names and pairs in `build` hold.
pub fn write(model: &model::Cratespace, build: &[&str]) -> Cratespace {
    let mut gates = Gates::default();
    let table = encoding::encode(model, &mut gates);
    let build: Vec<Cfg> = build.iter().map(|atom| parse(atom)).collect();
    let holds: Vec<bool> = gates
        .texts
        .iter()
        .map(|gate| parse(gate).holds(&|atom| build.contains(atom)))
        .collect();
    Cratespace::__new(
        model.name.clone().leak(),
        model.version.clone().leak(),
        table.members,
        table.text.leak(),
        holds.leak(),
    )
}

fn parse(cfg: &str) -> Cfg {
    Cfg::parse(cfg).unwrap_or_else(|error| panic!("{cfg}: {error}"))
}
