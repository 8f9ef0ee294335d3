//! A family shaped like futures': members that are modules of one crate
//! (`future`, `stream`, `sink`, `task` of `futures-like-util`, and deeper
//! ones such as `future::future_ext`), modules that exist only under a
//! feature of that crate and so carry an explicit `cfg`, a glob of
//! `futures-like-core` at the root whose own `future`, `stream` and `task`
//! modules lose to the explicit members, a `channel` namespace of modules of
//! `futures-like-channel`, and an optional executor crate.

use super::{Crate, Dependency, Family, Features, HandWritten, Member, items};

const VERSION: &str = "0.3.31";

/// A `pub mod` holding the items of `items()`, and more inside.
fn module(name: &str, ty: &str, inner: &str) -> String {
    format!("pub mod {name} {{\n{}{inner}}}\n", items("module", ty))
}

fn core() -> Crate {
    let mut lib = String::from(
        "//! `futures-like-core`: the core traits, globbed at the root of\n\
         //! `futures-like`.\n#![no_std]\n\n",
    );
    lib.push_str(&items("core_module", "FuturesCore"));
    lib.push_str("\n/// Loses to the member `future` in `futures_like`.\n");
    lib.push_str(&module("future", "CoreFuture", ""));
    lib.push_str("\n/// Loses to the member `stream` in `futures_like`.\n");
    lib.push_str(&module("stream", "CoreStream", ""));
    lib.push_str("\n/// Loses to the member `task` in `futures_like`.\n");
    lib.push_str(&module("task", "Poll", ""));
    lib.push_str(
        "\n/// On with `std`.\n#[cfg(feature = \"std\")]\npub const STD: bool = true;\n\n\
         /// On with `alloc`.\n#[cfg(feature = \"alloc\")]\npub const ALLOC: bool = true;\n",
    );
    Crate {
        package: "futures-like-core".to_owned(),
        version: VERSION.to_owned(),
        features: vec!["std = [\"alloc\"]".to_owned(), "alloc".to_owned()],
        lib,
    }
}

fn util() -> Crate {
    let mut lib = String::from(
        "//! `futures-like-util`: combinators, in modules that `futures-like`\n\
         //! re-exports one by one.\n#![no_std]\n\n/// Futures.\n",
    );
    lib.push_str(&module(
        "future",
        "Ready",
        &format!(
            "\n/// Extension methods.\n{}\n/// Joining.\n{}",
            module("future_ext", "Fuse", ""),
            module("join", "Join", "")
        ),
    ));
    lib.push_str("\n/// Streams.\n");
    lib.push_str(&module(
        "stream",
        "Iter",
        &format!(
            "\n/// Extension methods.\n{}\n/// Selecting.\n{}",
            module("stream_ext", "Next", ""),
            module("select", "Select", "")
        ),
    ));
    lib.push_str("\n/// Sinks.\n");
    lib.push_str(&module("sink", "Drain", ""));
    lib.push_str("\n/// Tasks.\n");
    lib.push_str(&module("task", "AtomicWaker", ""));
    lib.push_str("\n/// Input and output, with `std`.\n#[cfg(feature = \"std\")]\n");
    lib.push_str(&module("io", "Cursor", ""));
    lib.push_str("\n/// Compatibility, with `compat`.\n#[cfg(feature = \"compat\")]\n");
    lib.push_str(&module("compat", "Compat", ""));
    lib.push_str("\n/// A lock for two, with `bilock`.\n#[cfg(feature = \"bilock\")]\n");
    lib.push_str(&module("lock", "BiLock", ""));
    Crate {
        package: "futures-like-util".to_owned(),
        version: VERSION.to_owned(),
        features: [
            "std = [\"alloc\"]",
            "alloc",
            "async-await",
            "compat = [\"std\"]",
            "bilock",
            "sink",
        ]
        .map(str::to_owned)
        .to_vec(),
        lib,
    }
}

fn channel() -> Crate {
    let mut lib = String::from(
        "//! `futures-like-channel`: channels, in modules.\n#![no_std]\n\n/// Many to one.\n",
    );
    lib.push_str(&module("mpsc", "Sender", ""));
    lib.push_str("\n/// One value, once.\n");
    lib.push_str(&module("oneshot", "Receiver", ""));
    Crate {
        package: "futures-like-channel".to_owned(),
        version: VERSION.to_owned(),
        features: ["std = [\"alloc\"]", "alloc", "sink"]
            .map(str::to_owned)
            .to_vec(),
        lib,
    }
}

pub fn family() -> Family {
    let crates = vec![
        core(),
        util(),
        channel(),
        Crate::plain(
            "futures-like-executor",
            VERSION,
            "LocalPool",
            &["std", "thread-pool"],
            false,
        ),
    ];
    let dependencies = vec![
        Dependency::new("futures-like-core", VERSION).extra("default-features = false"),
        Dependency::new("futures-like-util", VERSION)
            .extra("default-features = false, features = [\"sink\"]"),
        Dependency::new("futures-like-channel", VERSION)
            .extra("default-features = false, features = [\"sink\"]"),
        Dependency::new("futures-like-executor", VERSION)
            .optional(true)
            .extra("default-features = false"),
    ];
    let mut features = Features::default();
    let table: &[(&str, &[&str])] = &[
        ("default", &["std", "async-await", "executor"]),
        (
            "std",
            &[
                "alloc",
                "futures-like-core/std",
                "futures-like-util/std",
                "futures-like-channel/std",
            ],
        ),
        (
            "alloc",
            &[
                "futures-like-core/alloc",
                "futures-like-util/alloc",
                "futures-like-channel/alloc",
            ],
        ),
        ("async-await", &["futures-like-util/async-await"]),
        (
            "executor",
            &[
                "std",
                "dep:futures-like-executor",
                "futures-like-executor/std",
            ],
        ),
        (
            "thread-pool",
            &["executor", "futures-like-executor/thread-pool"],
        ),
        ("compat", &["std", "futures-like-util/compat"]),
        ("bilock", &["futures-like-util/bilock"]),
    ];
    for (name, items) in table {
        features.declare(&[*name]);
        for item in *items {
            features.enable(name, item);
        }
    }
    let util = "futures-like-util";
    let members = vec![
        Member::glob("*", "futures-like-core", "core", "FuturesCore"),
        Member::new("future", util, "Ready")
            .inside("future")
            .doc("Futures: adapters and combinators"),
        Member::new("stream", util, "Iter").inside("stream"),
        Member::new("sink", util, "Drain").inside("sink"),
        Member::new("task", util, "AtomicWaker").inside("task"),
        Member::new("io", util, "Cursor")
            .inside("io")
            .cfg("feature = \"std\""),
        Member::new("compat", util, "Compat")
            .inside("compat")
            .cfg("feature = \"compat\""),
        Member::new("lock", util, "BiLock")
            .inside("lock")
            .cfg("feature = \"bilock\""),
        Member::new("channel::mpsc", "futures-like-channel", "Sender").inside("mpsc"),
        Member::new("channel::oneshot", "futures-like-channel", "Receiver").inside("oneshot"),
        Member::new("ext::future", util, "Fuse").inside("future::future_ext"),
        Member::new("ext::stream", util, "Next").inside("stream::stream_ext"),
        Member::new("executor", "futures-like-executor", "LocalPool"),
    ];
    Family {
        name: "futures-like",
        version: VERSION,
        description: "A generated crate family shaped like futures: members that are modules of one crate",
        versioning: None,
        attributes: "#![no_std]\n#![deny(missing_docs)]\n",
        crates,
        dependencies,
        features,
        members,
        table: None,
        tests: "futures.rs",
        alone: &[
            "std",
            "executor",
            "compat",
            "thread-pool",
            "alloc",
            "bilock",
            "async-await",
        ],
        implicit: &[],
        hand_written: HandWritten {
            items: "\
/// A type without values, of the crate's own.
pub enum Never {}

/// Re-exports the sinks under a name of the caller's.
#[macro_export]
macro_rules! reexport_sinks {
    ($name:ident) => {
        pub use $crate::sink as $name;
    };
}
",
            out_of_line: None,
            inline: false,
            left: &["pub use $crate::sink as $name;"],
        },
    }
}
