//! The member table as `cratespace-runtime` reads it back: every member of
//! every fixture, example and ui-test manifest in this repository, encoded
//! by `table` and decoded by the runtime, matches the model field by field.

use cratespace_manifest::encoding::{Gates, encode};
use cratespace_manifest::model::{self, Kind};
use cratespace_manifest::{Request, load};
use cratespace_runtime::{Cratespace, Versioning};
use std::path::{Path, PathBuf};

/// Every directory here whose `Cargo.toml` or own files hold a cratespace.
fn manifest_dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut dirs = vec![root.join("examples/acme")];
    for parent in ["tests/fixtures", "ui-tests/ui"] {
        for entry in std::fs::read_dir(root.join(parent)).unwrap() {
            let dir = entry.unwrap().path();
            for candidate in [dir.join("top"), dir.clone()] {
                if candidate.join("Cargo.toml").is_file() {
                    dirs.push(candidate);
                }
            }
        }
    }
    dirs.sort();
    dirs
}

/// A cratespace `top` 1.0.0 whose root holds `items`.
fn top(items: Vec<model::Item>) -> model::Cratespace {
    model::Cratespace {
        name: "top".to_owned(),
        version: "1.0.0".to_owned(),
        versioning: model::Versioning::Independent,
        metadata: Some("CRATESPACE".to_owned()),
        generated: None,
        policy: model::Policy::default(),
        root: model::Namespace { items },
        crates: Some(Vec::new()),
    }
}

#[test]
fn test_every_member_reads_back() {
    let mut members = 0;
    let mut gated = 0;
    for dir in manifest_dirs() {
        let loaded = load(&Request {
            manifest_dir: dir.clone(),
            manifest: None,
        });
        let model = &loaded.cratespace;
        let mut gates = Gates::default();
        let table = encode(model, &mut gates);
        let expected = model.root.members();
        assert_eq!(table.members, expected.len());
        assert_eq!(model.root.count(), expected.len(), "{}", dir.display());
        // Each gate holds when its index is even, so both states are read.
        let holds: Vec<bool> = (0..gates.texts.len()).map(|i| i % 2 == 0).collect();
        let runtime = Cratespace::__new(
            "top",
            "1.0.0",
            table.members,
            Box::leak(table.text.clone().into_boxed_str()),
            Box::leak(holds.clone().into_boxed_slice()),
        );
        assert_eq!(runtime.members().len(), expected.len(), "{}", dir.display());
        let versioning = match model.versioning {
            model::Versioning::Independent => Versioning::Independent,
            model::Versioning::Pinned => Versioning::Pinned,
            model::Versioning::Lockstep => Versioning::Lockstep,
        };
        assert_eq!(runtime.versioning(), versioning, "{}", dir.display());
        let mut read = 0;
        for (member, (path, original)) in runtime.members().zip(&expected) {
            read += 1;
            let context = format!("{}: {path}", dir.display());
            assert_eq!(member.path(), path, "{context}");
            assert_eq!(member.dependency(), original.dependency, "{context}");
            assert_eq!(member.package(), original.package, "{context}");
            assert_eq!(member.target(), original.target(), "{context}");
            assert_eq!(
                member.requirement(),
                original.requirement.as_deref(),
                "{context}"
            );
            let kind = match original.kind {
                Kind::Child => cratespace_runtime::Kind::Child,
                Kind::Voucher => cratespace_runtime::Kind::Voucher,
                Kind::Glob => cratespace_runtime::Kind::Glob,
            };
            assert_eq!(member.kind(), kind, "{context}");
            let gate = original.gate.as_ref().map(ToString::to_string);
            assert_eq!(member.gate(), gate.as_deref(), "{context}");
            let index = gate
                .as_deref()
                .map(|text| gates.texts.iter().position(|t| t == text).unwrap());
            assert_eq!(
                member.enabled(),
                index.is_none_or(|i| holds[i]),
                "{context}"
            );
            assert_eq!(member.doc(), original.doc.as_deref(), "{context}");
            match (member.voucher(), &original.voucher) {
                (None, None) => {}
                (
                    Some(voucher),
                    Some(model::Voucher {
                        approved,
                        by,
                        checksums,
                        ..
                    }),
                ) => {
                    assert_eq!(voucher.approved(), approved, "{context}");
                    assert!(voucher.by().eq(by.iter().map(String::as_str)), "{context}");
                    assert!(
                        voucher.checksums().eq(checksums.iter().map(String::as_str)),
                        "{context}"
                    );
                }
                (read, original) => panic!("{context}: {read:?} read back for {original:?}"),
            }
            gated += usize::from(original.gate.is_some());
        }
        assert_eq!(read, expected.len(), "{}", dir.display());
        members += read;
        // Distinct gates only: no two entries print the same.
        let mut texts = gates.texts.clone();
        texts.sort();
        texts.dedup();
        assert_eq!(texts.len(), gates.texts.len(), "{}", dir.display());
    }
    // The manifests hold enough of each sort for the test to mean something.
    assert!(
        members > 50 && gated > 15,
        "{members} members, {gated} gated"
    );
}

/// Text the format itself uses (digits, `:`, `_`, the kind letters) and
/// text that is not ASCII reads back unchanged: lengths are in bytes.
#[test]
fn test_awkward_text_reads_back() {
    let awkward = ["12:ab", "_", "", "ünïcödé ✓", "c1:x", "\"quoted\"\n\0"];
    for text in awkward {
        let member = model::Member {
            name: None,
            kind: Kind::Voucher,
            dependency: text.to_owned(),
            package: text.to_owned(),
            krate: model::Name {
                ident: "k".to_owned(),
                raw: false,
            },
            path: Vec::new(),
            requirement: Some(text.to_owned()),
            gate: None,
            doc: Some(text.to_owned()),
            voucher: Some(model::Voucher {
                approved: text.to_owned(),
                by: vec![text.to_owned(), text.to_owned()],
                checksums: vec![text.to_owned()],
                vet: Some(text.to_owned()),
            }),
        };
        let model = top(vec![
            model::Item::Glob(member.clone()),
            model::Item::Glob(member),
        ]);
        let table = encode(&model, &mut Gates::default());
        let runtime = Cratespace::__new(
            "top",
            "1.0.0",
            table.members,
            Box::leak(table.text.into_boxed_str()),
            &[],
        );
        assert_eq!(runtime.members().count(), 2, "{text:?}");
        for member in runtime.members() {
            assert_eq!(member.dependency(), text);
            assert_eq!(member.requirement(), Some(text));
            assert_eq!(member.doc(), Some(text));
            let voucher = member.voucher().unwrap();
            assert_eq!(voucher.approved(), text);
            assert!(voucher.by().eq([text, text]));
            assert!(voucher.checksums().eq([text]));
        }
    }
}

/// The table reaches the compiler as one literal holding exactly its text:
/// raw with enough `#`s when the text holds `"#`, escaped when it holds a
/// carriage return (which no raw string can).
#[test]
fn test_table_literal_holds_the_text() {
    use cratespace_manifest::expand::{expand, text};
    use proc_macro2::{TokenStream, TokenTree};

    fn literals(stream: TokenStream, out: &mut Vec<String>) {
        for tree in stream {
            match tree {
                TokenTree::Literal(literal) => out.push(literal.to_string()),
                TokenTree::Group(group) => literals(group.stream(), out),
                _ => {}
            }
        }
    }

    // A raw string takes at most 255 `#`s.
    let longest_raw = format!("a \"{}", "#".repeat(254));
    let too_many = format!("a \"{}", "#".repeat(255));
    let longest_prefix = format!("r{}\"", "#".repeat(255));
    for (doc, expected_prefix) in [
        ("plain", "r#\""),
        ("a \"# b", "r##\""),
        ("a \"## b \"# c", "r###\""),
        ("carriage\rreturn", "\""),
        (longest_raw.as_str(), longest_prefix.as_str()),
        (too_many.as_str(), "\""),
    ] {
        let member = model::Member {
            name: Some(model::Name {
                ident: "m".to_owned(),
                raw: false,
            }),
            kind: Kind::Child,
            dependency: "dep".to_owned(),
            package: "dep".to_owned(),
            krate: model::Name {
                ident: "dep".to_owned(),
                raw: false,
            },
            path: Vec::new(),
            requirement: None,
            gate: None,
            doc: Some(doc.to_owned()),
            voucher: None,
        };
        let doc = &doc[..doc.len().min(20)];
        let model = top(vec![model::Item::Member(member)]);
        let table = encode(&model, &mut Gates::default());
        let pieces = expand(&model, &[], "CARGO_MANIFEST_DIR");
        let expansion: TokenStream = text(&pieces, "::cratespace").parse().unwrap();
        let mut found = Vec::new();
        literals(expansion, &mut found);
        let literal = found
            .iter()
            .find(|literal| literal.contains("1:m3:dep"))
            .unwrap_or_else(|| panic!("no table literal in {found:?}"));
        assert!(literal.starts_with(expected_prefix), "{doc:?}: {literal}");
        if expected_prefix.starts_with('r') {
            let inner = &literal[expected_prefix.len()..literal.len() - expected_prefix.len() + 1];
            assert_eq!(inner, table.text, "{doc:?}");
        }
    }
}

/// The writer and the reader agree on the format they name, and a table in
/// another format is refused, not misread.
#[test]
fn test_the_format_is_the_one_the_runtime_reads() {
    assert_eq!(
        cratespace_manifest::encoding::FORMAT,
        cratespace_runtime::ENCODING_FORMAT
    );
    let model = top(Vec::new());
    let text = encode(&model, &mut Gates::default()).text;
    let other = text.replacen(
        &format!("{}:", cratespace_manifest::encoding::FORMAT),
        "0:",
        1,
    );
    let refused = std::panic::catch_unwind(|| {
        Cratespace::__new("top", "1.0.0", 0, Box::leak(other.into_boxed_str()), &[])
    });
    assert!(refused.is_err());
}
