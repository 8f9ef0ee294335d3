//! One process, as rust-analyzer's: manifests are read once while they stay
//! the same, and read again when an edit keeps their length and the second
//! of their modification time.

mod support;

use std::fs::{File, FileTimes};
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use support::{locate_from, scratch};

/// A moment with a whole second and a part of one, so that a second moment
/// in the same second differs only below the second.
fn at(nanos: u32) -> SystemTime {
    UNIX_EPOCH + Duration::new(1_767_225_600, nanos)
}

fn touch(path: &Path, time: SystemTime) {
    let file = File::options().write(true).open(path).unwrap();
    file.set_times(FileTimes::new().set_modified(time)).unwrap();
    assert_eq!(std::fs::metadata(path).unwrap().modified().unwrap(), time);
}

const A: &str =
    "[package]\nname = \"a\"\n\n[dependencies]\nfam = { package = \"acme\", version = \"2\" }\n";
const B: &str = "[package]\nname = \"b\"\n\n[dependencies]\nkernel = { package = \"acme-core\", version = \"2\" }\n";

#[test]
fn an_edit_within_the_same_second_and_length_is_seen() {
    let a = scratch("cache-a", &[("Cargo.toml", A)]);
    let b = scratch("cache-b", &[("Cargo.toml", B)]);
    let a_toml = a.join("Cargo.toml");
    touch(&a_toml, at(100_000_000));

    assert_eq!(
        locate_from(&a).unwrap().as_str(),
        "::fam::__cratespace::acme_core"
    );
    assert_eq!(locate_from(&b).unwrap().as_str(), "::kernel");

    let edited = A.replace("fam =", "mab =");
    assert_eq!(edited.len(), A.len());
    std::fs::write(&a_toml, &edited).unwrap();
    touch(&a_toml, at(600_000_000));
    assert_eq!(
        locate_from(&a).unwrap().as_str(),
        "::mab::__cratespace::acme_core"
    );
    assert_eq!(locate_from(&b).unwrap().as_str(), "::kernel");
}

#[test]
fn an_edit_of_the_workspace_root_is_seen() {
    let root = "[workspace]\nmembers = [\"app\"]\n\n[workspace.dependencies]\nfam = { package = \"acme\", version = \"2\" }\n";
    let app = "[package]\nname = \"app\"\n\n[dependencies]\nfam = { workspace = true }\n";
    let dir = scratch(
        "cache-root",
        &[("Cargo.toml", root), ("app/Cargo.toml", app)],
    );
    assert_eq!(
        locate_from(&dir.join("app")).unwrap().as_str(),
        "::fam::__cratespace::acme_core"
    );
    // The root now makes `fam` the member itself; the app's file is untouched.
    let edited = root.replace(
        "\"acme\", version = \"2\"",
        "\"acme-core\", version = \"2\"",
    );
    std::fs::write(dir.join("Cargo.toml"), edited).unwrap();
    assert_eq!(locate_from(&dir.join("app")).unwrap().as_str(), "::fam");
}

#[test]
fn an_unchanged_manifest_is_not_read_again() {
    // The cache's one blind spot, which shows that it answers: an edit that
    // keeps the length and the modification time to the nanosecond.
    let a = scratch("cache-same", &[("Cargo.toml", A)]);
    let a_toml = a.join("Cargo.toml");
    touch(&a_toml, at(250_000_000));
    assert_eq!(
        locate_from(&a).unwrap().as_str(),
        "::fam::__cratespace::acme_core"
    );
    std::fs::write(&a_toml, A.replace("fam =", "mab =")).unwrap();
    touch(&a_toml, at(250_000_000));
    assert_eq!(
        locate_from(&a).unwrap().as_str(),
        "::fam::__cratespace::acme_core"
    );
}
