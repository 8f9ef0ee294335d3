//! The diagnostics catalogue: every error the manifest can give, with an
//! example of each as the compiler prints it.
//!
//! Each error is a compile error at the `cratespace!()` call (for an
//! argument, at the argument's token), and names the file, line and column,
//! shows the offending line, and says how to fix it. Every problem of a
//! manifest is reported in one build, and the valid members are still
//! emitted, so that one mistake does not bring down every path that uses
//! the family. `cargo cratespace check` reports the same errors, in the same
//! words, without compiling.
//!
//! Each example below is the compiler's output for a case of the repository's
//! `ui-tests`, copied from its snapshot (the `.stderr` file it is compared
//! with), and a test keeps each in step with its snapshot. Files are named as
//! rustc names its own: relative to the directory it runs in.
//!
//! ## 1. The manifest file is missing or cannot be read
//!
//! <!-- ui: manifest-missing -->
//! `cratespace!(manifest = "…")` names a file that is not there, or cannot be
//! read. The path is relative to the crate's directory (`CARGO_MANIFEST_DIR`),
//! never to the file that calls the macro; the error is reported at the
//! argument and names the directory it looked in.
//!
//! ```text
//! error: cannot read `cratespace.tolm`: no such file
//!        = note: the crate's directory is `/home/you/acme`
//!        = help: the path is relative to the crate's directory: check it, or
//!                leave the argument out to read [package.metadata.cratespace]
//!                from Cargo.toml
//! ```
//!
//! ## 2. A TOML syntax error
//!
//! <!-- ui: toml-syntax-error -->
//! The parser's reason at the place it stopped. A file's first syntax error
//! is its only one of that kind: the members written before it are checked
//! and emitted, those at or after it are read once it is fixed.
//!
//! ```text
//! error: invalid TOML: invalid basic string, expected `"`
//!         --> cratespace.toml:3:18
//!          |
//!        3 | yaml = "acme-yaml
//!          |                  ^
//! ```
//!
//! ## 3. No cratespace table
//!
//! <!-- ui: no-cratespace-table -->
//! The crate calls `cratespace!()` but its `Cargo.toml` has no
//! `[package.metadata.cratespace]`. The help shows the smallest table and the
//! other place the members may live.
//!
//! ```text
//! error: no [package.metadata.cratespace] table in Cargo.toml
//!         --> Cargo.toml:1:2
//!          |
//!        1 | [package]
//!          |  ^^^^^^^ the package whose members it lists
//!          |
//!          = help: list the members, each a module name and its dependency:
//!                  [package.metadata.cratespace.members]
//!                  json = "my-json-crate"
//!          = help: or keep the table in a file of its own:
//!                  `cratespace::cratespace!(manifest = "cratespace.toml");`
//! ```
//!
//! ## 4. An unknown key
//!
//! <!-- ui: unknown-key policy-unknown-key -->
//! A key that the table, a member, a voucher or the policy does not have:
//! the note lists those it has, and the closest is suggested.
//!
//! ```text
//! error: unknown key `versionig`
//!          --> Cargo.toml:11:1
//!           |
//!        11 | versionig = "pinned"
//!           | ^^^^^^^^^ not a key of `[package.metadata.cratespace]`
//!           |
//!           = note: the keys of `[package.metadata.cratespace]` are `members`,
//!                   `versioning`, `metadata`, `member-paths`, `policy`,
//!                   `generated`
//!           = help: did you mean `versioning`?
//! ```
//!
//! ## 5. A value of the wrong type
//!
//! <!-- ui: wrong-type policy-wrong-type -->
//! What was expected, and what was found. Each wrong value is reported;
//! the members around it are still read.
//!
//! ```text
//! error: `versioning` must be a string
//!          --> Cargo.toml:11:14
//!           |
//!        11 | versioning = 1
//!           |              ^ found an integer
//! ```
//!
//! ## 6. An invalid module name
//!
//! <!-- ui: invalid-module-name -->
//! A module name is a Rust identifier that is not a keyword (nor `_`,
//! `crate`, `self`, `super`, `Self`), in Unicode NFC. The help gives a legal
//! spelling: the raw identifier for a keyword, the composed form of a name
//! spelled with a combining accent.
//!
//! ```text
//! error: invalid module name
//!          --> Cargo.toml:11:1
//!           |
//!        11 | type = "acme-json"
//!           | ^^^^ `type` is a keyword
//!           |
//!           = note: a name is a Rust identifier that is not a keyword
//!           = help: write `r#type` or `type_` instead
//! ```
//!
//! ## 7. Two members at one path
//!
//! <!-- ui: duplicate-member -->
//! One name holds one member or one namespace, however the manifest spells
//! it (a dotted key, a sub-table, an inline table): both places are shown.
//!
//! ```text
//! error: the key `formats` is defined twice
//!         --> cratespace.toml:6:10
//!          |
//!        6 | [members.formats]
//!          |          ^^^^^^^ defined again here
//!         ::: cratespace.toml:4:1
//!          |
//!        4 | formats = "acme-core"
//!          | ------- first defined here
//!          |
//!          = note: one name holds one member or one namespace
//!          = help: rename one of them, or merge them into one
//! ```
//!
//! ## 8. A dependency that is not there
//!
//! <!-- ui: dependency-not-found many-problems -->
//! `dependency` names an entry of `[dependencies]` or of a
//! `[target.….dependencies]` table, by its key (or its package or Rust name
//! when exactly one entry has it). The closest key is suggested; a dev- or
//! build-dependency is named as such, since it cannot be re-exported. As
//! everywhere, every problem of the manifest is reported in one build.
//!
//! ```text
//! error: no dependency `acme-jsno` in Cargo.toml
//!          --> Cargo.toml:17:8
//!           |
//!        17 | json = "acme-jsno"
//!           |        ^^^^^^^^^^^ not in [dependencies] or a target's dependencies
//!           |
//!           = help: did you mean `acme-json`?
//! ```
//!
//! ## 9. A dependency that cargo never compiles
//!
//! <!-- ui: optional-never-enabled target-cfg-never-holds -->
//! Only where cargo accepts the manifest and still never compiles the
//! dependency: an optional dependency whose implicit feature another feature
//! of the same name shadows while nothing says `dep:…`, or a target table
//! whose `cfg` no platform satisfies (cargo evaluates it with `rustc --print
//! cfg`, where `test`, `doc` and features never hold). The help says what to
//! enable, or where the dependency belongs.
//!
//! ```text
//! error: the dependency `fx-feat` is never compiled
//!          --> Cargo.toml:17:8
//!           |
//!        17 | feat = "fx-feat"
//!           |        ^^^^^^^^^ this member would never exist
//!          ::: Cargo.toml:8:1
//!           |
//!         8 | fx-feat = { path = "../../../tests/fixtures/members/fx-feat", optional = true }
//!           | ------- optional, and no feature enables it
//!          ::: Cargo.toml:13:1
//!           |
//!        13 | fx-feat = []
//!           | ------- takes the place of the implicit feature
//!           |
//!           = note: a feature named `fx-feat` takes the place of the implicit
//!                   feature, and a weak `fx-feat?/…` enables nothing
//!           = help: enable it from that feature: `fx-feat = ["dep:fx-feat"]`
//! ```
//!
//! ## 10. A target triple without `cfg`
//!
//! <!-- ui: target-triple-without-cfg -->
//! `[target.x86_64-unknown-linux-gnu.dependencies]` names a target that
//! `#[cfg]` cannot: the member needs a `cfg` of its own that holds there.
//!
//! ```text
//! error: cannot derive when `acme-json` is compiled
//!          --> Cargo.toml:13:8
//!           |
//!        13 | json = "acme-json"
//!           |        ^^^^^^^^^^^ a dependency of one target
//!          ::: Cargo.toml:9:9
//!           |
//!         9 | [target.x86_64-unknown-linux-gnu.dependencies]
//!           |         ------------------------ a target triple, not `cfg(...)`
//!           |
//!           = note: `#[cfg]` cannot name the target `x86_64-unknown-linux-gnu`
//!           = help: give the member a `cfg` that holds on that target:
//!                   `json = { dependency = "acme-json", cfg = '…' }`,
//!                   or depend on it in [target.'cfg(…)'.dependencies]
//! ```
//!
//! ## 11. A `cfg` that does not parse
//!
//! <!-- ui: invalid-cfg -->
//! `cfg` takes what goes inside `#[cfg(…)]`, and is read as rustc reads it:
//! the reason, at the character.
//!
//! ```text
//! error: invalid `cfg`
//!          --> Cargo.toml:12:52
//!           |
//!        12 | json = { dependency = "acme-json", cfg = "all(unix feature = \"json\")" }
//!           |                                                    ^^^^^^^ expected `,` or `)`, found `feature`
//!           |
//!           = help: `cfg` takes what goes inside `#[cfg(...)]`, such as "unix"
//!                   or 'all(unix, feature = "tls")'
//! ```
//!
//! ## 12. Pinned or lockstep versioning violated
//!
//! <!-- ui: versioning-pinned-violated versioning-lockstep-violated -->
//! Under `pinned`, each child is required at one exact version; under
//! `lockstep`, at exactly the top crate's own. The dependency, its requirement
//! and the one expected; vouchers are not pinned.
//!
//! ```text
//! error: `acme-json` must be required at "=2.1.0"
//!         --> Cargo.toml:8:25
//!          |
//!        8 | acme-json = { version = "2.1", path = "../../../examples/acme-json" }
//!          |                         ^^^^^ found "2.1"
//!          |
//!          = note: pinned versioning requires one exact version of each member
//!          = help: write `version = "=2.1.0"`
//!          = help: or, for a crate that is not the family's own, make the
//!                  member a voucher: versioning does not pin vouchers
//! ```
//!
//! ## 13. An incomplete voucher, or a range that is not semver
//!
//! <!-- ui: voucher-incomplete -->
//! A voucher needs `approved` (the versions vouched for, a semver range)
//! and `by` (who vouches). The missing key, or the range's parse error.
//!
//! ```text
//! error: the voucher has no `approved`
//!          --> Cargo.toml:12:46
//!           |
//!        12 | json = { dependency = "acme-json", voucher = { by = "the acme-json maintainers" } }
//!           |                                              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ the voucher of `json`
//!           |
//!           = note: a voucher needs `approved`, the versions vouched for, and
//!                   `by`, who vouches
//!           = help: add `approved = ">=0.3.1, <0.4"`
//! ```
//!
//! ## 14. A requirement outside its voucher's approval
//!
//! <!-- ui: voucher-outside-approval -->
//! The dependency's requirement allows versions that `approved` does not:
//! both ranges, and a version allowed by one but not the other.
//!
//! ```text
//! error: `yaml` may resolve to a version its voucher does not approve
//!          --> Cargo.toml:8:20
//!           |
//!         8 | yaml = { version = "0.3", package = "acme-json", path = "../../../examples/acme-json" }
//!           |                    ^^^^^ allows 0.3.0
//!          ::: Cargo.toml:12:62
//!           |
//!        12 | formats.yaml = { dependency = "yaml", voucher = { approved = ">=0.3.1, <0.4", by = "yaml-fast maintainers" } }
//!           |                                                              --------------- the approved versions
//!           |
//!           = note: 0.3.0 is allowed by "0.3" but not by ">=0.3.1, <0.4"
//!           = help: narrow the requirement, as `version = ">=0.3.1, <0.4"`,
//!                   or widen `approved` once its new versions are vouched for
//! ```
//!
//! ## 15. A bad macro argument
//!
//! <!-- ui: argument-misspelt argument-absolute argument-byte-string argument-c-string argument-empty argument-escape argument-forwarded argument-missing-equals argument-not-a-string argument-suffix argument-trailing-token argument-twice argument-unknown -->
//! The one argument is `manifest = "…"`, a plain or raw string. Anything else
//! (a misspelt name, a byte or C string, an escape, a suffix, an absolute path,
//! a second argument) is reported at its own token, also when the call is
//! written inside another macro.
//!
//! ```text
//! error: unknown argument `manifst`
//!        = help: did you mean `manifest`?
//! ```
//!
//! ## 16. An invalid license in the policy
//!
//! <!-- ui: policy-invalid-license -->
//! Each entry of `licenses` is one SPDX license (possibly `WITH` an
//! exception), so that a member's expression can be evaluated against the
//! list; an expression, or a name that is not an identifier, is reported with
//! the spelling to use. Whether an identifier is on the SPDX list is
//! `cargo cratespace audit`'s to say.
//!
//! ```text
//! error: invalid license in `licenses`
//!          --> Cargo.toml:11:13
//!           |
//!        11 | licenses = ["MIT OR Apache-2.0", "Apache-2.0+", "Apache 2.0", "ISC"]
//!           |             ^^^^^^^^^^^^^^^^^^^ an expression: list each of its licenses on its own
//!           |
//!           = help: write each license as its SPDX identifier, such as "MIT"; a
//!                   license with an exception as "Apache-2.0 WITH LLVM-exception"
//! ```
//!
//! ## 17. A policy that allows no license
//!
//! <!-- ui: policy-no-license -->
//! `licenses = []` would fail every member: list the licenses allowed, or
//! leave the key out to allow any.
//!
//! ```text
//! error: `licenses` allows no license
//!          --> Cargo.toml:11:12
//!           |
//!        11 | licenses = []
//!           |            ^^ empty
//!           |
//!           = note: every member would fail the policy
//!           = help: list the licenses allowed, or remove `licenses` to allow any
//! ```
//!
//! ## 18. Invalid `vet` criteria
//!
//! <!-- ui: voucher-invalid-vet -->
//! `vet` names the one cargo-vet criteria the resolved version must be
//! audited for; an empty or malformed name is reported. The member is still
//! re-exported: only `cargo cratespace audit` reads `vet`.
//!
//! ```text
//! error: invalid `vet` criteria
//!          --> Cargo.toml:12:84
//!           |
//!        12 | json = { dependency = "acme-json", voucher = { approved = "^2.1", by = "us", vet = "" } }
//!           |                                                                                    ^^ empty
//!           |
//!           = note: an audit for a criteria also covers the criteria it implies:
//!                   "safe-to-deploy" implies "safe-to-run"
//!           = help: name the one cargo-vet criteria the resolved version must be
//!                   audited for, such as `vet = "safe-to-deploy"`
//! ```
//!
//! ## 19. The reserved module name
//!
//! <!-- ui: reserved-module-name -->
//! `cratespace!()` emits a hidden module `__cratespace` at the top crate's
//! root, through which proc-macro members' generated code reaches the member
//! crates; a member cannot take that name there.
//!
//! ```text
//! error: the module name `__cratespace` is reserved
//!          --> Cargo.toml:11:1
//!           |
//!        11 | __cratespace = "acme-json"
//!           | ^^^^^^^^^^^^ taken at the top crate's root
//!           |
//!           = note: `cratespace!()` emits `mod __cratespace` there: the code that
//!                   proc-macro members generate reaches the member crates by it
//!           = help: give the member another name
//! ```
//!
//! ## 20. A `generated` path that is not relative
//!
//! <!-- ui: generated-not-relative -->
//! `generated` says where `cargo cratespace generate` writes the facade,
//! relative to the crate's directory, so that the manifest means the same on
//! every machine.
//!
//! ```text
//! error: `generated` must be a path relative to the crate's directory
//!          --> Cargo.toml:11:13
//!           |
//!        11 | generated = "/src/cratespace.rs"
//!           |             ^^^^^^^^^^^^^^^^^^^^ not relative
//!           |
//!           = help: write where the file goes, such as "src/cratespace.rs"
//! ```
//!
//! ## 21. A member derive: the member crate under two keys
//!
//! <!-- ui: ambiguous -->
//! From a family's derive built on `cratespace-member`: the crate being
//! compiled depends on the member crate under two keys, and the generated
//! code cannot tell which to name. The help writes the derive's `crate = "…"`
//! override.
//!
//! ```text
//! error: `acme-core` is a dependency under 2 keys
//!          --> Cargo.toml:11:1
//!           |
//!        11 | kernel = { package = "acme-core", path = "../../../examples/acme-core" }
//!           | ^^^^^^ a second key
//!          ::: Cargo.toml:7:1
//!           |
//!         7 | acme-core = { path = "../../../examples/acme-core" }
//!           | --------- the first
//!           |
//!           = note: `acme-core` and `kernel` name one package:
//!                   the generated code cannot tell which of them to name
//!           = help: say which, such as `#[describe(crate = "::acme_core")]`
//! ```
//!
//! ## 22. A member derive: neither the member crate nor its facade
//!
//! <!-- ui: not-found -->
//! The crate being compiled reaches neither the member crate nor the
//! family's facade, so the derive has no path to name: depend on one of
//! them, or say where the crate is with `crate = "…"`.
//!
//! ```text
//! error: no dependency on `acme-core` nor on its facade `acme` in `Cargo.toml`
//!        = note: the generated code names items of `acme-core`, which a crate
//!                reaches directly or through `acme`
//!        = help: depend on `acme` or `acme-core`, or say where `acme_core` is:
//!                `#[describe(crate = "path::to::acme_core")]`
//! ```
