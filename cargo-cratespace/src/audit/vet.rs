//! cargo-vet's store, read offline and never written: whether the audits
//! recorded cover a voucher's resolved version for the criteria its `vet`
//! names, as cargo-vet decides it.
//!
//! - The store is `supply-chain/` at the workspace root, or the
//!   `store.path` of `[workspace.metadata.vet]` (or the root package's
//!   `[package.metadata.vet]`), relative to the workspace root.
//! - A version is covered when a chain of audits leads to it from nothing:
//!   a full audit of it, or a full audit of another version and `delta`
//!   audits from there to it, each certifying the criteria or one that
//!   implies it (`safe-to-deploy` implies `safe-to-run`; a custom
//!   criteria's `implies`, transitively). The audits of `audits.toml` and
//!   those `imports.lock` holds for each import of `config.toml` (less its
//!   `exclude`) count, imported criteria being already mapped to local ones.
//! - A `violation` whose range holds the version, for the criteria or one
//!   it implies, is a finding whatever audits exist.
//! - Exemptions, trusted publishers and wildcard audits are not audits of
//!   the version: the finding says which of them the store has.

use super::{Check, Origin, Problem, shown};
use crate::document;
use crate::error::Error;
use cargo_metadata::semver::{Version, VersionReq};
use cargo_metadata::{Metadata, Package};
use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use toml::de::DeTable;

const SAFE_TO_DEPLOY: &str = "safe-to-deploy";
const SAFE_TO_RUN: &str = "safe-to-run";

/// The store, as far as audit reads it.
pub struct Store {
    /// Its directory, as shown: `supply-chain`.
    shown: String,
    /// Whether it has a `config.toml` or an `audits.toml`.
    found: bool,
    /// The criteria `audits.toml` defines, with those each implies.
    criteria: HashMap<String, Vec<String>>,
    /// Every entry about a crate, local and imported.
    entries: Vec<Entry>,
}

/// A version as cargo-vet writes one: semver, and a git revision for a git
/// dependency (`1.0.0@git:<40 hex digits>`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct VetVersion {
    semver: Version,
    git: Option<String>,
}

impl std::fmt::Display for VetVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match &self.git {
            Some(revision) => write!(f, "{}@git:{revision}", self.semver),
            None => write!(f, "{}", self.semver),
        }
    }
}

fn vet_version(text: &str) -> Option<VetVersion> {
    let (semver, git) = match text.split_once('@') {
        Some((semver, revision)) => (semver, Some(revision.trim().strip_prefix("git:")?)),
        None => (text, None),
    };
    Some(VetVersion {
        semver: semver.trim().parse().ok()?,
        git: git.map(str::to_owned),
    })
}

/// One entry of the store about a crate.
struct Entry {
    package: String,
    kind: Kind,
    criteria: Vec<String>,
    /// Where it is written: `supply-chain/imports.lock (from mozilla)`.
    place: String,
}

enum Kind {
    Full(VetVersion),
    Delta(VetVersion, VetVersion),
    Violation(VersionReq),
    Exemption(VetVersion),
    Trusted,
    Wildcard,
}

impl Store {
    /// The store of the workspace `metadata` describes.
    pub fn read(metadata: &Metadata) -> Result<Store, Error> {
        let root = metadata.workspace_root.as_std_path();
        let configured = [
            Some(&metadata.workspace_metadata),
            metadata.root_package().map(|package| &package.metadata),
        ]
        .into_iter()
        .flatten()
        .find_map(|metadata| metadata.pointer("/vet/store/path")?.as_str());
        let dir = match configured {
            Some(path) => root.join(path),
            None => root.join("supply-chain"),
        };
        Store::read_dir(&dir)
    }

    fn read_dir(dir: &Path) -> Result<Store, Error> {
        let mut store = Store {
            shown: shown(dir),
            found: false,
            criteria: HashMap::new(),
            entries: Vec::new(),
        };
        let file = |name: &str| -> Result<Option<(String, String)>, Error> {
            let path: PathBuf = dir.join(name);
            if !path.is_file() {
                return Ok(None);
            }
            let shown = shown(&path);
            Ok(Some((document::read(&path, &shown)?, shown)))
        };
        let config = file("config.toml")?;
        let audits = file("audits.toml")?;
        let imports = file("imports.lock")?;
        store.found = config.is_some() || audits.is_some();
        let mut imported: HashMap<String, Vec<String>> = HashMap::new();
        if let Some((text, shown)) = &config {
            let config = document::parse(text, shown)?;
            if let Some(imports) = document::table(&config, "imports") {
                imported.extend(document::strings_of_each(imports, "exclude"));
            }
            if let Some(exemptions) = document::table(&config, "exemptions") {
                for (package, entries) in document::tables_by_key(exemptions) {
                    for entry in entries {
                        let version = version_at(entry, "version", shown, package)?;
                        store.push(package, Kind::Exemption(version), entry, shown);
                    }
                }
            }
        }
        if let Some((text, shown)) = &audits {
            let audits = document::parse(text, shown)?;
            if let Some(criteria) = document::table(&audits, "criteria") {
                store
                    .criteria
                    .extend(document::strings_of_each(criteria, "implies"));
            }
            store.read_audits(&audits, shown, &|_| true)?;
        }
        if let Some((text, shown)) = &imports {
            let imports = document::parse(text, shown)?;
            if let Some(peers) = document::table(&imports, "audits") {
                for (peer, _) in peers.iter() {
                    let peer = peer.get_ref().as_ref();
                    // An import `config.toml` no longer lists is not read.
                    let (Some(exclude), Some(audits)) =
                        (imported.get(peer), document::table(peers, peer))
                    else {
                        continue;
                    };
                    let place = format!("{shown} (from {peer})");
                    store.read_audits(audits, &place, &|package| {
                        !exclude.iter().any(|excluded| excluded == package)
                    })?;
                }
            }
        }
        Ok(store)
    }

    /// The `audits`, `wildcard-audits` and `trusted` tables of an audits
    /// file, for the crates `wanted` keeps.
    fn read_audits(
        &mut self,
        file: &DeTable<'_>,
        place: &str,
        wanted: &dyn Fn(&str) -> bool,
    ) -> Result<(), Error> {
        let by_crate = |key| {
            document::table(file, key)
                .map(document::tables_by_key)
                .unwrap_or_default()
        };
        for (package, entries) in by_crate("audits") {
            if !wanted(package) {
                continue;
            }
            for entry in entries {
                let kind = if let Some(text) = document::string(entry, "violation") {
                    let range = VersionReq::parse(text).map_err(|error| {
                        Error::new(format!(
                            "`{place}`: a violation of `{package}` has the range `{text}`: {error}"
                        ))
                    })?;
                    Kind::Violation(range)
                } else if let Some(text) = document::string(entry, "delta") {
                    let versions = text.split_once("->").and_then(|(from, to)| {
                        Some((vet_version(from.trim())?, vet_version(to.trim())?))
                    });
                    let (from, to) = versions.ok_or_else(|| {
                        Error::new(format!(
                            "`{place}`: an audit of `{package}` has the delta `{text}`, not `VERSION -> VERSION`"
                        ))
                    })?;
                    Kind::Delta(from, to)
                } else {
                    Kind::Full(version_at(entry, "version", place, package)?)
                };
                self.push(package, kind, entry, place);
            }
        }
        for (key, kind) in [("wildcard-audits", 0), ("trusted", 1)] {
            for (package, entries) in by_crate(key) {
                if !wanted(package) {
                    continue;
                }
                for entry in entries {
                    let kind = if kind == 0 {
                        Kind::Wildcard
                    } else {
                        Kind::Trusted
                    };
                    self.push(package, kind, entry, place);
                }
            }
        }
        Ok(())
    }

    fn push(&mut self, package: &str, kind: Kind, entry: &DeTable<'_>, place: &str) {
        self.entries.push(Entry {
            package: package.to_owned(),
            kind,
            criteria: document::strings(entry, "criteria")
                .into_iter()
                .map(str::to_owned)
                .collect(),
            place: place.to_owned(),
        });
    }

    /// `criteria` and every criteria it implies, transitively.
    fn implied<'s>(&'s self, criteria: &'s str) -> HashSet<&'s str> {
        let mut found = HashSet::from([criteria]);
        let mut queue = vec![criteria];
        while let Some(next) = queue.pop() {
            let builtin = (next == SAFE_TO_DEPLOY).then_some(SAFE_TO_RUN);
            let custom = self
                .criteria
                .get(next)
                .into_iter()
                .flatten()
                .map(String::as_str);
            for implied in builtin.into_iter().chain(custom) {
                if found.insert(implied) {
                    queue.push(implied);
                }
            }
        }
        found
    }

    /// Whether an entry's criteria certify `wanted`.
    fn certifies(&self, entry: &Entry, wanted: &str) -> bool {
        entry
            .criteria
            .iter()
            .any(|criteria| self.implied(criteria).contains(wanted))
    }

    /// What the store lacks for `package`, at its resolved version, to be
    /// covered for `criteria`; `None` when it is covered.
    pub fn check(&self, package: &Package, criteria: &str) -> Option<Problem> {
        let name = &package.name;
        let certify =
            |version: &str| format!("`cargo vet certify {name} {version} --criteria {criteria}`");
        let version = match Origin::of(package) {
            Origin::Path => {
                return Some(Problem {
                    check: Check::Vet,
                    message: "is a path dependency: cargo-vet audits published crates, and no audit covers a local copy".to_owned(),
                    help: "depend on the published crate, or take `vet` out of the voucher".to_owned(),
                });
            }
            Origin::Git => VetVersion {
                semver: package.version.clone(),
                git: package
                    .source
                    .as_ref()
                    .and_then(|source| source.repr.rsplit_once('#'))
                    .map(|(_, revision)| revision.to_owned()),
            },
            Origin::Registry => VetVersion {
                semver: package.version.clone(),
                git: None,
            },
        };
        if !self.found {
            return Some(Problem {
                check: Check::Vet,
                message: format!(
                    "its voucher asks for a cargo-vet audit, and there is no cargo-vet store at {}",
                    self.shown
                ),
                help: format!(
                    "set one up (`cargo vet init`), audit {name} {version} and record it: {}",
                    certify(&version.to_string())
                ),
            });
        }
        let known = criteria == SAFE_TO_DEPLOY
            || criteria == SAFE_TO_RUN
            || self.criteria.contains_key(criteria);
        if !known {
            let mut names: Vec<&str> = self.criteria.keys().map(String::as_str).collect();
            names.extend([SAFE_TO_DEPLOY, SAFE_TO_RUN]);
            let help = match cratespace_manifest::closest(criteria, &names) {
                Some(best) => format!("did you mean `vet = \"{best}\"`?"),
                None => format!(
                    "define it under `[criteria.{criteria}]` in {}/audits.toml, or name a criteria cargo-vet has",
                    self.shown
                ),
            };
            return Some(Problem {
                check: Check::Vet,
                message: format!(
                    "its voucher asks for the cargo-vet criteria `{criteria}`, which {}/audits.toml does not define",
                    self.shown
                ),
                help,
            });
        }
        let entries: Vec<&Entry> = self
            .entries
            .iter()
            .filter(|entry| entry.package == *name)
            .collect();
        let wanted = self.implied(criteria);
        let violation = entries.iter().find_map(|entry| match &entry.kind {
            Kind::Violation(range)
                if range.matches(&version.semver)
                    && entry.criteria.iter().any(|c| wanted.contains(c.as_str())) =>
            {
                Some((entry, range))
            }
            _ => None,
        });
        if let Some((entry, range)) = violation {
            return Some(Problem {
                check: Check::Vet,
                message: format!(
                    "{} records that {name} \"{range}\" violates `{}`, and {version} is in that range",
                    entry.place,
                    entry.criteria.join("`, `")
                ),
                help: format!(
                    "require a version outside \"{range}\", or take the member out: no audit outweighs a violation"
                ),
            });
        }
        let audited = self.reachable(&entries, criteria);
        if audited.contains(&version) {
            return None;
        }
        let mut found: Vec<String> = Vec::new();
        for entry in &entries {
            let what = match &entry.kind {
                Kind::Exemption(exempted) if *exempted == version => "an exemption",
                Kind::Trusted => "a trusted publisher",
                Kind::Wildcard => "a wildcard audit",
                _ => continue,
            };
            let text = format!("{what} in {}", entry.place);
            if !found.contains(&text) {
                found.push(text);
            }
        }
        let mut message = format!("no cargo-vet audit covers {name} {version} for `{criteria}`");
        if !found.is_empty() {
            let not_audits = if found.len() == 1 {
                "is not an audit"
            } else {
                "are not audits"
            };
            message += &format!(
                ": the store has only {}, which {not_audits} of it",
                found.join(" and ")
            );
        }
        // Audits that end at the version, for criteria that do not imply the one asked for.
        let mut other: Vec<&str> = Vec::new();
        for entry in &entries {
            let ends_here = match &entry.kind {
                Kind::Full(to) | Kind::Delta(_, to) => *to == version,
                _ => false,
            };
            if ends_here {
                other.extend(entry.criteria.iter().map(String::as_str));
            }
        }
        other.sort_unstable();
        other.dedup();
        if !other.is_empty() {
            let does = if other.len() == 1 { "does" } else { "do" };
            message += &format!(
                " (it is audited for `{}`, which {does} not imply `{criteria}`)",
                other.join("`, `")
            );
        }
        // The audited version nearest below, else above: a delta from it
        // is the smaller review.
        let below = audited.iter().filter(|other| **other < version).max();
        let above = audited.iter().filter(|other| **other > version).min();
        let help = match below.or(above) {
            Some(from) => format!(
                "audit it and record the audit: {} (or the delta from the audited {from}: `cargo vet certify {name} {from} {version} --criteria {criteria}`)",
                certify(&version.to_string())
            ),
            None => format!(
                "audit it and record the audit: {}",
                certify(&version.to_string())
            ),
        };
        Some(Problem {
            check: Check::Vet,
            message,
            help,
        })
    }

    /// The versions a chain of full and delta audits certifying `criteria`
    /// leads to.
    fn reachable(&self, entries: &[&Entry], criteria: &str) -> HashSet<VetVersion> {
        let mut edges: HashMap<Option<&VetVersion>, Vec<&VetVersion>> = HashMap::new();
        for entry in entries {
            if !self.certifies(entry, criteria) {
                continue;
            }
            match &entry.kind {
                Kind::Full(version) => edges.entry(None).or_default().push(version),
                Kind::Delta(from, to) => edges.entry(Some(from)).or_default().push(to),
                _ => {}
            }
        }
        let mut reached = HashSet::new();
        let mut queue: VecDeque<Option<&VetVersion>> = VecDeque::from([None]);
        while let Some(from) = queue.pop_front() {
            for &to in edges.get(&from).into_iter().flatten() {
                if reached.insert(to.clone()) {
                    queue.push_back(Some(to));
                }
            }
        }
        reached
    }
}

/// The version at `key` of an entry of `package` in `place`.
fn version_at(
    entry: &DeTable<'_>,
    key: &str,
    place: &str,
    package: &str,
) -> Result<VetVersion, Error> {
    let text = document::string(entry, key).unwrap_or_default();
    vet_version(text).ok_or_else(|| {
        Error::new(format!(
            "`{place}`: an entry of `{package}` has the {key} `{text}`, which is not a version"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{CRATES_IO, test_package};

    fn package(name: &str, version: &str, source: Option<&str>) -> Package {
        test_package(name, version, source, None)
    }

    /// A store in a directory of its own, with `files`.
    fn store(name: &str, files: &[(&str, &str)]) -> Store {
        let dir = std::env::temp_dir()
            .join(format!("cratespace-vet-{}", std::process::id()))
            .join(name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for (file, text) in files {
            std::fs::write(dir.join(file), text).unwrap();
        }
        Store::read_dir(&dir).unwrap()
    }

    fn message(store: &Store, package: &Package, criteria: &str) -> Option<String> {
        store
            .check(package, criteria)
            .map(|problem| problem.message)
    }

    #[test]
    fn trusted_publishers_and_wildcard_audits_are_named_not_counted() {
        let store = store(
            "trusted",
            &[(
                "audits.toml",
                "[[wildcard-audits.itoa]]\ncriteria = \"safe-to-deploy\"\nuser-id = 1\nstart = 2020-01-01\nend = 2030-01-01\n\n[[trusted.itoa]]\ncriteria = \"safe-to-deploy\"\nuser-id = 1\nstart = 2020-01-01\nend = 2030-01-01\n",
            )],
        );
        let found = message(
            &store,
            &package("itoa", "1.0.18", CRATES_IO),
            SAFE_TO_DEPLOY,
        );
        let file = store.shown.clone() + "/audits.toml";
        assert_eq!(
            found.unwrap(),
            format!(
                "no cargo-vet audit covers itoa 1.0.18 for `safe-to-deploy`: the store has only a wildcard audit in {file} and a trusted publisher in {file}, which are not audits of it"
            )
        );
    }

    #[test]
    fn an_import_counts_unless_excluded_or_no_longer_imported() {
        let lock =
            "[[audits.peer.audits.itoa]]\ncriteria = \"safe-to-deploy\"\nversion = \"1.0.18\"\n";
        let imported =
            |name, config: &str| store(name, &[("config.toml", config), ("imports.lock", lock)]);
        let itoa = package("itoa", "1.0.18", CRATES_IO);
        let peer = "[imports.peer]\nurl = \"https://example.com/audits.toml\"\n";
        assert_eq!(
            message(&imported("imported", peer), &itoa, SAFE_TO_RUN),
            None
        );
        let excluded = format!("{peer}exclude = [\"itoa\"]\n");
        assert!(message(&imported("excluded", &excluded), &itoa, SAFE_TO_RUN).is_some());
        assert!(
            message(
                &imported("dropped", "[cargo-vet]\nversion = \"0.10\"\n"),
                &itoa,
                SAFE_TO_RUN
            )
            .is_some()
        );
    }

    #[test]
    fn custom_criteria_imply_transitively_and_unknown_ones_are_named() {
        let store = store(
            "criteria",
            &[(
                "audits.toml",
                "[criteria.crypto]\ndescription = \"x\"\nimplies = [\"reviewed\"]\n\n[criteria.reviewed]\ndescription = \"y\"\nimplies = \"safe-to-deploy\"\n\n[[audits.itoa]]\ncriteria = \"crypto\"\nversion = \"1.0.18\"\n",
            )],
        );
        let itoa = package("itoa", "1.0.18", CRATES_IO);
        for covered in ["crypto", "reviewed", SAFE_TO_DEPLOY, SAFE_TO_RUN] {
            assert_eq!(message(&store, &itoa, covered), None, "{covered}");
        }
        let problem = store.check(&itoa, "reviwed").unwrap();
        assert!(
            problem.message.contains("the cargo-vet criteria `reviwed`"),
            "{}",
            problem.message
        );
        assert_eq!(problem.help, "did you mean `vet = \"reviewed\"`?");
    }

    #[test]
    fn a_delta_from_the_nearest_audited_version_is_suggested() {
        let store = store(
            "delta",
            &[(
                "audits.toml",
                "[[audits.itoa]]\ncriteria = \"safe-to-run\"\nversion = \"1.0.9\"\n\n[[audits.itoa]]\ncriteria = \"safe-to-run\"\ndelta = \"1.0.9 -> 1.0.15\"\n\n[[audits.itoa]]\ncriteria = \"safe-to-run\"\nversion = \"1.0.20\"\n",
            )],
        );
        let problem = store
            .check(&package("itoa", "1.0.18", CRATES_IO), SAFE_TO_RUN)
            .unwrap();
        assert!(
            problem.help.ends_with("(or the delta from the audited 1.0.15: `cargo vet certify itoa 1.0.15 1.0.18 --criteria safe-to-run`)"),
            "{}",
            problem.help
        );
    }

    #[test]
    fn a_git_dependency_is_audited_at_its_revision() {
        let revision = "0123456789abcdef0123456789abcdef01234567";
        let audits = format!(
            "[[audits.itoa]]\ncriteria = \"safe-to-run\"\nversion = \"1.0.18@git:{revision}\"\n"
        );
        let store = store("git", &[("audits.toml", &audits)]);
        let source = format!("git+https://example.com/itoa?rev=0123456#{revision}");
        assert_eq!(
            message(
                &store,
                &package("itoa", "1.0.18", Some(&source)),
                SAFE_TO_RUN
            ),
            None
        );
        // The published 1.0.18 is another crate than the revision.
        assert!(message(&store, &package("itoa", "1.0.18", CRATES_IO), SAFE_TO_RUN).is_some());
    }

    #[test]
    fn no_store_says_how_to_start_one() {
        let problem = store("empty", &[])
            .check(&package("itoa", "1.0.18", CRATES_IO), SAFE_TO_RUN)
            .unwrap();
        assert!(
            problem.message.contains("there is no cargo-vet store at "),
            "{}",
            problem.message
        );
        assert!(
            problem.help.starts_with("set one up (`cargo vet init`)"),
            "{}",
            problem.help
        );
        assert!(
            problem
                .help
                .ends_with("`cargo vet certify itoa 1.0.18 --criteria safe-to-run`")
        );
    }
}
