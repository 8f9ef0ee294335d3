//! A family shaped like gix's: 49 members, every one a renamed dependency
//! (`hash = { package = "gix-like-hash", … }`) reached by its key, some keys
//! with a `-` (`config-value`), one whose package name would be a keyword
//! (`refs` for `gix-like-ref`), optional members behind features that turn
//! on one or several of them, features of the members' own (`x/feature` on
//! a renamed dependency, and a weak `x?/feature`), optional members reached
//! through their implicit features, a `net` namespace, and independent
//! versions.

use super::{Crate, Dependency, Family, Features, HandWritten, Member, camel};

/// Members: module path, dependency key, package (after `gix-like-`), the
/// features that enable it with `dep:` (none: always compiled in).
const MEMBERS: &[(&str, &str, &str, &[&str])] = &[
    ("actor", "actor", "actor", &[]),
    ("attrs", "attributes", "attributes", &["attributes"]),
    ("bitmap", "bitmap", "bitmap", &[]),
    ("chunk", "chunk", "chunk", &[]),
    ("commitgraph", "commit-graph", "commitgraph", &[]),
    ("config", "config", "config", &[]),
    ("config_value", "config-value", "config-value", &[]),
    ("date", "date", "date", &[]),
    ("diff", "diff", "diff", &["blob-diff"]),
    ("dir", "dir", "dir", &["status"]),
    ("discover", "discover", "discover", &[]),
    ("features", "features", "features", &[]),
    ("filter", "filter", "filter", &["attributes"]),
    ("fs", "fs", "fs", &[]),
    ("glob", "glob", "glob", &[]),
    ("hash", "hash", "hash", &[]),
    ("hashtable", "hashtable", "hashtable", &[]),
    ("ignore", "ignore", "ignore", &["excludes"]),
    ("index", "index", "index", &[]),
    ("lock", "lock", "lock", &[]),
    ("mailmap", "mailmap", "mailmap", &["mailmap"]),
    ("object", "object", "object", &[]),
    ("odb", "odb", "odb", &[]),
    ("pack", "pack", "pack", &[]),
    ("path", "path", "path", &[]),
    ("pathspec", "pathspec", "pathspec", &[]),
    ("refs", "refs", "ref", &[]),
    ("refspec", "refspec", "refspec", &[]),
    ("revision", "revision", "revision", &["revision"]),
    ("revwalk", "revwalk", "revwalk", &[]),
    ("sec", "sec", "sec", &[]),
    ("shallow", "shallow", "shallow", &[]),
    ("status", "status", "status", &["status"]),
    ("tempfile", "tempfile", "tempfile", &[]),
    ("trace", "trace", "trace", &[]),
    ("traverse", "traverse", "traverse", &[]),
    ("utils", "utils", "utils", &[]),
    ("validate", "validate", "validate", &[]),
    ("worktree", "worktree", "worktree", &[]),
    ("blame", "blame", "blame", &["blame"]),
    ("merge", "merge", "merge", &["merge"]),
    ("net::url", "url", "url", &[]),
    (
        "net::protocol",
        "protocol",
        "protocol",
        &["blocking-network-client", "async-network-client"],
    ),
    (
        "net::transport",
        "transport",
        "transport",
        &["blocking-network-client", "async-network-client"],
    ),
    (
        "net::packetline",
        "packetline",
        "packetline",
        &["blocking-network-client", "async-network-client"],
    ),
    (
        "net::credentials",
        "credentials",
        "credentials",
        &["credentials"],
    ),
    ("net::prompt", "prompt", "prompt", &["credentials"]),
];

/// Own features of some member crates, which the top crate's features name.
fn own_features(suffix: &str) -> &'static [&'static str] {
    match suffix {
        "hash" | "object" | "mailmap" => &["serde"],
        "pack" => &["parallel", "pack-cache-lru-static"],
        "utils" => &["parallel"],
        _ => &[],
    }
}

pub fn family() -> Family {
    let mut crates = Vec::new();
    let mut dependencies = Vec::new();
    let mut features = Features::default();
    features.declare(&["default"]);
    let mut members = Vec::new();
    for (index, &(path, key, suffix, enabling)) in MEMBERS.iter().enumerate() {
        let package = format!("gix-like-{suffix}");
        // Independent versions, as gix's.
        let version = format!("0.{}.{}", 10 + index, index % 3);
        let ty = camel(suffix);
        crates.push(Crate::plain(
            &package,
            &version,
            &ty,
            own_features(suffix),
            false,
        ));
        dependencies.push(
            Dependency::new(&package, &format!("^{version}"))
                .renamed(key)
                .optional(!enabling.is_empty()),
        );
        for feature in enabling {
            features.enable(feature, &format!("dep:{key}"));
        }
        let mut member = Member::new(path, key, &ty);
        if path == "hash" {
            member = member.doc("Object ids, SHA-1 and SHA-256");
        }
        members.push(member);
    }
    // Optional members that no feature names with `dep:`, reached through
    // their implicit features as large edition-2024 facades do; `fsck` also
    // through `fsck-full = ["fsck/full"]`, which turns that feature on.
    for (index, (suffix, own)) in [("archive", &[][..]), ("fsck", &["full"][..])]
        .into_iter()
        .enumerate()
    {
        let package = format!("gix-like-{suffix}");
        let version = format!("0.{}.0", 60 + index);
        let ty = camel(suffix);
        crates.push(Crate::plain(&package, &version, &ty, own, false));
        dependencies.push(
            Dependency::new(&package, &format!("^{version}"))
                .renamed(suffix)
                .optional(true),
        );
        members.push(Member::new(suffix, suffix, &ty));
    }
    features.enable("fsck-full", "fsck/full");
    for item in ["utils/parallel", "pack/parallel"] {
        features.enable("parallel", item);
    }
    for item in ["pack/pack-cache-lru-static", "parallel"] {
        features.enable("max-performance-safe", item);
    }
    // Weak on an optional member: turns on no member.
    for item in ["hash/serde", "object/serde", "mailmap?/serde"] {
        features.enable("serde", item);
    }
    // A feature that turns on only other features.
    features.enable("worktree-mutation", "attributes");
    for feature in [
        "max-performance-safe",
        "revision",
        "status",
        "blob-diff",
        "excludes",
        "attributes",
        "mailmap",
        "credentials",
        "blocking-network-client",
    ] {
        features.enable("default", feature);
    }
    Family {
        name: "gix-like",
        version: "0.70.0",
        description: "A generated crate family shaped like gix: renamed members, reached by key",
        versioning: None,
        attributes: "#![deny(missing_docs, rust_2018_idioms)]\n",
        crates,
        dependencies,
        features,
        members,
        table: None,
        tests: "gix.rs",
        alone: &[
            "status",
            "serde",
            "archive",
            "fsck-full",
            "blame",
            "credentials",
            "async-network-client",
            "worktree-mutation",
        ],
        implicit: &["archive", "fsck"],
        hand_written: HandWritten {
            items: "\
/// Opens the repository at `path`: code of the crate's own.
pub fn open(path: &str) -> &str {
    path
}

// A re-export of the crate's own: init leaves it.
pub use self::open as open_repository;
",
            out_of_line: None,
            inline: false,
            left: &["pub use self::open as open_repository;"],
        },
    }
}
