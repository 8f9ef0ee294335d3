//! Hostile and unusual manifests: each gets a precise diagnostic or a
//! correct expansion, in bounded time, and never a panic.

use cratespace_manifest::{
    Diagnostic, Loaded, Request, Source, Sources, expand, load, load_sources,
};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

fn scratch(files: &[(&str, &[u8])]) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "cratespace-test-adversarial-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (path, bytes) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    dir
}

fn load_dir(dir: &Path, manifest: Option<&str>) -> Loaded {
    load(&Request {
        manifest_dir: dir.to_owned(),
        manifest: manifest.map(str::to_owned),
    })
}

/// The pipeline on a `cratespace.toml` alone (a build without Cargo).
fn load_manifest(text: &str) -> Loaded {
    load_sources(&Sources {
        manifest: Some(Source::new("cratespace.toml", text)),
        ..Sources::default()
    })
}

fn load_cargo(text: &str) -> Loaded {
    load_sources(&Sources {
        cargo: Some(Source::new("Cargo.toml", text)),
        ..Sources::default()
    })
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

fn paths(loaded: &Loaded) -> Vec<String> {
    let members = loaded.cratespace.root.members();
    members.into_iter().map(|(path, _)| path).collect()
}

fn rendered(loaded: &Loaded) -> Vec<String> {
    loaded
        .diagnostics
        .iter()
        .map(Diagnostic::to_string)
        .collect()
}

/// Runs `f` and fails if it took longer than `limit`; the limits are far
/// above the time taken, for slow and shared machines, but catch a blow-up.
fn within<T>(limit: Duration, what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let result = f();
    let took = start.elapsed();
    assert!(took < limit, "{what} took {took:?}, more than {limit:?}");
    result
}

#[test]
fn namespaces_nest_to_a_bound_and_deeper_is_a_diagnostic() {
    let path = |depth: usize| (0..depth).map(|i| format!("n{i}")).collect::<Vec<_>>();
    let deepest = path(32).join(".");
    let too_deep = path(33).join(".");
    let loaded = load_manifest(&format!(
        "[members]\n{deepest}.leaf = \"a\"\n{too_deep}.leaf = \"b\"\nshallow = \"c\"\n"
    ));
    assert_eq!(
        paths(&loaded),
        [
            format!("{}::leaf", path(32).join("::")),
            "shallow".to_owned()
        ]
    );
    let problems = rendered(&loaded);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].starts_with(&format!(
            "the namespace `{}` is nested too deeply",
            path(33).join("::")
        )) && problems[0].contains("namespaces nest at most 32 levels"),
        "{}",
        problems[0]
    );
    assert!(
        problems[0].contains("--> cratespace.toml:3:"),
        "{}",
        problems[0]
    );
    expansion(&loaded)
        .parse::<proc_macro2::TokenStream>()
        .unwrap();
}

/// The deepest document TOML allows: dotted keys of 79 segments inside 79
/// nested inline tables under a 79-segment header, some 6 000 levels.
/// It runs on a 1 MiB stack, in a debug build.
#[test]
fn the_deepest_toml_document_is_bounded_in_stack_and_time() {
    let key = (0..79)
        .map(|i| format!("k{i}"))
        .collect::<Vec<_>>()
        .join(".");
    let mut value = "\"dep\"".to_owned();
    for _ in 0..79 {
        value = format!("{{ {key} = {value} }}");
    }
    let text = format!("[members.{key}]\nm = {value}\n[members]\nok = \"dep\"\n");
    let small_stack = std::thread::Builder::new().stack_size(1 << 20);
    let loaded = within(Duration::from_secs(20), "the deepest document", || {
        let run = small_stack.spawn(move || {
            let loaded = load_manifest(&text);
            expansion(&loaded);
            loaded
        });
        run.unwrap().join().unwrap()
    });
    assert_eq!(paths(&loaded), ["ok"]);
    assert!(
        loaded.diagnostics.iter().all(|d| d.location.is_some()),
        "{:#?}",
        rendered(&loaded)
    );
    assert!(
        rendered(&loaded)
            .iter()
            .any(|d| d.contains("nested too deeply"))
    );

    let past_the_parser = format!(
        "[members]\nm = {}\"dep\"{}\n",
        "{ a = ".repeat(200),
        " }".repeat(200)
    );
    let loaded = load_manifest(&past_the_parser);
    assert!(paths(&loaded).is_empty());
    assert!(loaded.diagnostics[0].message.starts_with("invalid TOML: "));
}

#[test]
fn fifty_thousand_members_expand_in_bounded_time() {
    const COUNT: usize = 50_000;
    let mut cargo =
        String::from("[package]\nname = \"big\"\nversion = \"1.0.0\"\n\n[dependencies]\n");
    for i in 0..COUNT {
        cargo.push_str(&format!("member-{i} = \"=1.0.0\"\n"));
    }
    cargo.push_str("\n[package.metadata.cratespace]\nversioning = \"pinned\"\n\n[package.metadata.cratespace.members]\n");
    for i in 0..COUNT {
        cargo.push_str(&format!("group{}.m{i} = \"member-{i}\"\n", i % 100));
    }
    let (loaded, output) = within(Duration::from_secs(60), "50 000 members", || {
        let loaded = load_cargo(&cargo);
        let output = expansion(&loaded);
        (loaded, output)
    });
    assert!(
        loaded.diagnostics.is_empty(),
        "{:#?}",
        &rendered(&loaded)[..1]
    );
    let found = paths(&loaded);
    assert_eq!(found.len(), COUNT);
    let mut unique = found.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), COUNT, "a member appears twice");
    assert_eq!(found[0], "group0::m0");
    assert_eq!(found[COUNT - 1], format!("group{}::m{}", 99, COUNT - 1));
    assert_eq!(output.matches("#[doc(inline)] pub use").count(), COUNT);
    // And each member's crate once in the reserved module.
    let reserved = output.split("pub mod __cratespace {").nth(1).unwrap();
    assert_eq!(reserved.matches("pub use ::member_").count(), COUNT);
}

#[test]
fn thousands_of_problems_are_located_in_bounded_time() {
    let mut names = String::from("[members]\n");
    let mut duplicates = String::from("[members]\n");
    let mut one_line = String::from("members = { ");
    for i in 0..20_000 {
        names.push_str(&format!("bad-{i} = \"dep\"\n"));
        duplicates.push_str("twice = \"dep\"\n");
        one_line.push_str(&format!("bad-{i} = \"dep\", "));
    }
    one_line.push_str("good = \"dep\" }\n");
    let (names, duplicates, one_line) = within(
        Duration::from_secs(30),
        "20 000 problems, three ways",
        || {
            let loaded = [&names, &duplicates, &one_line].map(|text| load_manifest(text));
            for loaded in &loaded {
                rendered(loaded);
            }
            let [names, duplicates, one_line] = loaded;
            (names, duplicates, one_line)
        },
    );

    assert_eq!(names.diagnostics.len(), 20_000);
    let last = names.diagnostics[19_999].location.as_ref().unwrap();
    assert_eq!(
        (last.line, last.line_text.as_str()),
        (20_001, "bad-19999 = \"dep\"")
    );

    // A key defined again is a syntax error: the first is the only one.
    assert_eq!(duplicates.diagnostics.len(), 1);
    let first = &duplicates.diagnostics[0];
    assert_eq!(first.location.as_ref().unwrap().line, 3);
    assert_eq!(first.related[0].0.line, 2, "the definition just before");

    assert_eq!(paths(&one_line), ["good"]);
    assert_eq!(one_line.diagnostics.len(), 20_000);
    let middle = one_line.diagnostics[10_000].to_string();
    assert!(
        middle.starts_with("invalid module name") && middle.contains("bad-10000"),
        "{middle}"
    );
    assert!(
        middle.contains("1 | …p\", bad-9998"),
        "a part of the line: {middle}"
    );
    assert!(middle.len() < 1_000, "{middle}");
}

#[test]
fn a_very_long_key_is_a_name_or_a_diagnostic() {
    let long = "a".repeat(100_000);
    let loaded = within(Duration::from_secs(10), "a long key", || {
        load_manifest(&format!("[members]\n{long} = \"dep\"\n"))
    });
    assert!(loaded.diagnostics.is_empty());
    assert_eq!(paths(&loaded), [long.as_str()]);
    assert!(expansion(&loaded).contains(&long));

    let dashed = format!("{long}-b");
    let loaded = load_manifest(&format!("[members]\n\"{dashed}\" = \"dep\"\n"));
    let problem = loaded.diagnostics[0].to_string();
    assert!(problem.starts_with("invalid module name"), "{problem}");
    assert!(
        problem.contains("`-` cannot appear in an identifier"),
        "{problem}"
    );
    assert!(problem.contains(&format!("write `{long}_b` instead")));

    let long_dependency = format!("dep-{long}");
    let loaded = load_cargo(&format!(
        "[package]\nname = \"top\"\n\n[dependencies]\n{long_dependency} = \"1\"\n\n[package.metadata.cratespace.members]\nx = \"{long_dependency}\"\n"
    ));
    assert!(loaded.diagnostics.is_empty(), "{:#?}", rendered(&loaded));
    assert_eq!(
        loaded.cratespace.root.members()[0].1.target(),
        format!("dep_{long}")
    );
}

#[test]
fn unicode_names_raw_keywords_and_normalisation() {
    let loaded = load_manifest(
        "[members]\n\"données\" = \"dep\"\n\"r#type\" = \"dep\"\n\"r#match\".inner = \"dep\"\n\"日本\" = \"dep\"\n",
    );
    assert!(loaded.diagnostics.is_empty(), "{:#?}", rendered(&loaded));
    assert_eq!(
        paths(&loaded),
        ["données", "r#type", "r#match::inner", "日本"]
    );
    let output = expansion(&loaded);
    assert!(output.contains("as données"), "{output}");
    assert!(output.contains("as r#type"), "{output}");
    assert!(output.contains("pub mod r#match"), "{output}");

    for (key, reason) in [
        ("r#self", "`self` cannot be a raw identifier"),
        ("r#_", "not a Rust identifier"),
        ("r#", "not a Rust identifier"),
        ("a\u{200b}b", "not a Rust identifier"),
    ] {
        let loaded = load_manifest(&format!("[members]\n\"{key}\" = \"dep\"\n"));
        assert!(paths(&loaded).is_empty(), "{key}");
        let problem = loaded.diagnostics[0].to_string();
        assert!(problem.contains(reason), "{key}: {problem}");
        assert!(problem.contains("--> cratespace.toml:2:1"), "{problem}");
    }

    // Decomposed and precomposed, the same identifier to rustc: the
    // decomposed one is refused, with the composed spelling.
    let loaded = load_manifest("[members]\n\"Café\" = \"a\"\n\"Cafe\u{301}\" = \"b\"\n");
    assert_eq!(paths(&loaded), ["Café"]);
    let problems = rendered(&loaded);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].starts_with("invalid module name")
            && problems[0].contains("not in Unicode normal form C (NFC)")
            && problems[0].contains("U+0301 is a combining mark after `e`"),
        "{}",
        problems[0]
    );
    assert!(
        problems[0].contains("write `Café` instead"),
        "{}",
        problems[0]
    );
    assert!(
        problems[0].contains("--> cratespace.toml:3:1"),
        "{}",
        problems[0]
    );

    let loaded =
        load_manifest("[members]\nm = { dependency = \"dep\", path = \"se\u{301}rie\" }\n");
    assert!(paths(&loaded).is_empty());
    assert!(loaded.diagnostics[0].to_string().contains("U+0301"));
}

#[test]
fn crlf_line_endings_read_as_lf() {
    let lf = "[members]\njson = \"json\"\nbad-name = \"json\"\nnested.x = \"y\"\n";
    let crlf = lf.replace('\n', "\r\n");
    let (from_lf, from_crlf) = (load_manifest(lf), load_manifest(&crlf));
    assert_eq!(from_lf.cratespace, from_crlf.cratespace);
    // As shown: the byte spans differ by the `\r`s.
    let shown = |loaded: &Loaded| -> Vec<String> {
        loaded.diagnostics.iter().map(ToString::to_string).collect()
    };
    assert_eq!(shown(&from_lf), shown(&from_crlf));
    assert_eq!(expansion(&from_lf), expansion(&from_crlf));
    let location = from_crlf.diagnostics[0].location.as_ref().unwrap();
    assert_eq!((location.line, location.column), (3, 1));
    assert_eq!(location.line_text, "bad-name = \"json\"");

    // A syntax error at the end of a line is shown just past its text, as
    // with `\n` alone.
    let unterminated = "[members]\njson = \"json\n";
    let lf = load_manifest(unterminated).diagnostics[0].clone();
    let crlf = load_manifest(&unterminated.replace('\n', "\r\n")).diagnostics[0].clone();
    assert_eq!(lf.to_string(), crlf.to_string());
    assert_eq!(lf.location.unwrap().column, 13);
}

#[test]
fn a_byte_order_mark_is_skipped() {
    let text = "\u{feff}[members]\njson = \"json\"\n";
    let loaded = load_manifest(text);
    assert!(loaded.diagnostics.is_empty(), "{:#?}", rendered(&loaded));
    assert_eq!(paths(&loaded), ["json"]);

    let loaded = load_manifest("\u{feff}[membres]\n");
    let location = loaded.diagnostics[0].location.as_ref().unwrap();
    assert_eq!((location.line, location.column), (1, 2));
    assert_eq!(location.line_text, "[membres]");

    let dir = scratch(&[(
        "Cargo.toml",
        b"\xef\xbb\xbf[package]\r\nname = \"top\"\r\n\r\n[dependencies]\r\njson = \"1\"\r\n\r\n[package.metadata.cratespace.members]\r\njson = \"json\"\r\n",
    )]);
    let loaded = load_dir(&dir, None);
    assert!(loaded.diagnostics.is_empty(), "{:#?}", rendered(&loaded));
    assert_eq!(paths(&loaded), ["json"]);
}

#[test]
fn bytes_that_are_not_utf8_are_located() {
    let dir = scratch(&[
        ("Cargo.toml", b"[package]\nname = \"t\xc3\xa9st\xff\"\n"),
        ("cratespace.toml", b"[members]\n\n  x = \"\xc0\xafdep\"\n"),
    ]);
    let loaded = load_dir(&dir, None);
    let problem = loaded.diagnostics[0].to_string();
    assert!(
        problem.contains("it is not UTF-8: the byte 0xFF at line 2, column 13 (offset 23)"),
        "{problem}"
    );
    assert!(paths(&loaded).is_empty());

    std::fs::write(dir.join("Cargo.toml"), "[package]\nname = \"top\"\n").unwrap();
    let loaded = load_dir(&dir, Some("cratespace.toml"));
    let problem = loaded.diagnostics[0].to_string();
    assert!(problem.contains("cratespace.toml"), "{problem}");
    assert!(
        problem.contains("the byte 0xC0 at line 3, column 8"),
        "{problem}"
    );
    assert!(!problem.contains("check it"), "not a wrong path: {problem}");
}

#[test]
fn a_manifest_that_is_a_directory_is_a_diagnostic() {
    let dir = scratch(&[
        ("Cargo.toml", b"[package]\nname = \"top\"\n"),
        ("cratespace.toml/inner", b""),
    ]);
    let loaded = load_dir(&dir, Some("cratespace.toml"));
    assert_eq!(loaded.diagnostics.len(), 1, "{:#?}", rendered(&loaded));
    let problem = loaded.diagnostics[0].to_string();
    assert!(
        problem.contains("cratespace.toml`: it is a directory"),
        "{problem}"
    );
    assert!(!problem.contains("check it"), "not a wrong path: {problem}");
    assert_eq!(loaded.tracked, ["Cargo.toml"]);

    let dir = scratch(&[("Cargo.toml/inner", b"")]);
    let problem = load_dir(&dir, None).diagnostics[0].to_string();
    assert!(
        problem.contains("Cargo.toml`: it is a directory"),
        "{problem}"
    );
}

const WORKSPACE_ROOT: &[u8] =
    b"[workspace]\nmembers = [\"*\"]\n\n[workspace.dependencies]\njson = \"=3.1.4\"\n";
const INHERITING: &[u8] = b"[package]\nname = \"top\"\n\n[dependencies]\njson = { workspace = true }\n\n[package.metadata.cratespace.members]\njson = \"json\"\n";

/// The inherited requirement, or the diagnostics.
fn inherited(loaded: &Loaded) -> Result<Option<String>, Vec<String>> {
    if !loaded.diagnostics.is_empty() {
        return Err(rendered(loaded));
    }
    Ok(loaded.cratespace.root.members()[0].1.requirement.clone())
}

#[cfg(unix)]
#[test]
fn symbolic_link_loops_do_not_trap_the_walk_to_the_root() {
    use std::os::unix::fs::symlink;

    let root = scratch(&[("Cargo.toml", WORKSPACE_ROOT)]);
    std::fs::create_dir_all(root.join("loop/a")).unwrap();
    symlink("../a", root.join("loop/a/b")).unwrap();
    let deep = root.join("loop/a/b/b/b/b/b/b/crate");
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(deep.join("Cargo.toml"), INHERITING).unwrap();
    let loaded = within(Duration::from_secs(10), "a walk through a loop", || {
        load_dir(&deep, None)
    });
    assert_eq!(inherited(&loaded), Ok(Some("=3.1.4".to_owned())));

    // A `Cargo.toml` above that is a link to itself cannot be read; the walk
    // goes past it and says so when it finds no root.
    let lone = scratch(&[("crate/Cargo.toml", INHERITING)]);
    symlink("Cargo.toml", lone.join("Cargo.toml")).unwrap();
    let problems = inherited(&load_dir(&lone.join("crate"), None)).unwrap_err();
    assert!(problems[0].starts_with("Cargo.toml inherits from its workspace"));
    assert!(
        problems[0].contains("note: `../Cargo.toml` (relative to the crate) could not be read: "),
        "{}",
        problems[0]
    );
    // and one further up is still found
    std::fs::create_dir_all(lone.join("outer")).unwrap();
    let nested = scratch(&[
        ("Cargo.toml", WORKSPACE_ROOT),
        ("mid/crate/Cargo.toml", INHERITING),
    ]);
    symlink("Cargo.toml", nested.join("mid/Cargo.toml")).unwrap();
    assert_eq!(
        inherited(&load_dir(&nested.join("mid/crate"), None)),
        Ok(Some("=3.1.4".to_owned()))
    );

    // The crate's own `Cargo.toml` a loop: the manifest cannot be read.
    let own = scratch(&[]);
    symlink("Cargo.toml", own.join("Cargo.toml")).unwrap();
    let problem = load_dir(&own, None).diagnostics[0].to_string();
    assert!(problem.starts_with("cannot read `Cargo.toml`"), "{problem}");
}

#[test]
fn an_unreadable_workspace_root_is_named() {
    // A directory where the root's `Cargo.toml` should be: unreadable for
    // everyone, root included.
    let root = scratch(&[("Cargo.toml/inner", b""), ("crate/Cargo.toml", INHERITING)]);
    let problems = inherited(&load_dir(&root.join("crate"), None)).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].contains(
            "note: `../Cargo.toml` (relative to the crate) could not be read: it is a directory"
        ),
        "{}",
        problems[0]
    );

    // `package.workspace` naming a root that is not there.
    let explicit = scratch(&[(
        "crate/Cargo.toml",
        b"[package]\nname = \"top\"\nworkspace = \"../elsewhere\"\n\n[dependencies]\njson = { workspace = true }\n\n[package.metadata.cratespace.members]\njson = \"json\"\n",
    )]);
    let problems = inherited(&load_dir(&explicit.join("crate"), None)).unwrap_err();
    assert!(
        problems[0].contains(
            "`../elsewhere/Cargo.toml` (relative to the crate) could not be read: no such file"
        ),
        "{}",
        problems[0]
    );
}

#[cfg(unix)]
#[test]
fn a_workspace_root_without_read_permission_is_named() {
    use std::os::unix::fs::PermissionsExt;

    let root = scratch(&[
        ("Cargo.toml", WORKSPACE_ROOT),
        ("crate/Cargo.toml", INHERITING),
    ]);
    let manifest = root.join("Cargo.toml");
    std::fs::set_permissions(&manifest, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&manifest).is_ok() {
        // Running as root: permissions are not enforced, the file is read
        // like any other. The directory case above covers the diagnostic.
        eprintln!("permissions are not enforced for this user (root?): the root is read as usual");
        assert_eq!(
            inherited(&load_dir(&root.join("crate"), None)),
            Ok(Some("=3.1.4".to_owned()))
        );
        return;
    }
    let problems = inherited(&load_dir(&root.join("crate"), None)).unwrap_err();
    assert!(
        problems[0].contains(
            "`../Cargo.toml` (relative to the crate) could not be read: permission denied"
        ),
        "{}",
        problems[0]
    );
}
