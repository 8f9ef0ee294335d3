// The `futures-like` family's own tests: `family.rs` of its
// downstream crate, included in a module of `lib.rs`.

use crate::gate;
use futures_like::CRATESPACE;

#[test]
fn modules_of_one_crate_are_members() {
    for (path, target) in [
        ("future", "futures_like_util::future"),
        ("stream", "futures_like_util::stream"),
        ("sink", "futures_like_util::sink"),
        ("task", "futures_like_util::task"),
    ] {
        let member = CRATESPACE.member(path).unwrap();
        assert_eq!(member.dependency(), "futures-like-util");
        assert_eq!(member.kind().to_string(), "child");
        assert_eq!(member.target(), target);
        assert_eq!(member.gate(), None);
        assert!(member.enabled());
    }
    assert_eq!(futures_like::future::module(), "futures_like_util::future");
    assert_eq!(futures_like::stream::module(), "futures_like_util::stream");
    assert_eq!(futures_like::sink::module(), "futures_like_util::sink");
    assert_eq!(futures_like::task::module(), "futures_like_util::task");
    // The modules inside a member come along.
    assert_eq!(
        futures_like::future::join::module(),
        "futures_like_util::future::join"
    );
    assert_eq!(
        futures_like::stream::select::module(),
        "futures_like_util::stream::select"
    );
    // A member deeper in the crate.
    assert_eq!(
        CRATESPACE.member("ext::future").unwrap().target(),
        "futures_like_util::future::future_ext"
    );
    assert_eq!(
        futures_like::ext::future::module(),
        "futures_like_util::future::future_ext"
    );
}

#[test]
fn explicit_members_win_over_the_glob() {
    // `futures-like-core` has modules `future`, `stream` and `task` too.
    let glob = CRATESPACE.member("*").unwrap();
    assert_eq!(glob.kind().to_string(), "glob");
    assert_eq!(glob.target(), "futures_like_core");
    assert_eq!(futures_like::core_module(), "futures_like_core");
    let _: futures_like::FuturesCore = futures_like::FuturesCore;
    let _: futures_like::task::AtomicWaker = futures_like::task::AtomicWaker;
    let _: futures_like::future::Ready = futures_like::future::Ready;
}

#[test]
fn modules_behind_the_crates_features_have_explicit_cfgs() {
    assert_eq!(gate("io"), Some(r#"feature = "std""#));
    assert_eq!(
        CRATESPACE.member("io").unwrap().enabled(),
        cfg!(feature = "std")
    );
    assert_eq!(gate("compat"), Some(r#"feature = "compat""#));
    assert_eq!(gate("lock"), Some(r#"feature = "bilock""#));
    assert_eq!(
        gate("executor"),
        Some(r#"any(feature = "executor", feature = "thread-pool")"#)
    );
    assert_eq!(gate("channel::mpsc"), None);
    assert_eq!(
        CRATESPACE.member("channel::mpsc").unwrap().target(),
        "futures_like_channel::mpsc"
    );
}

#[cfg(feature = "std")]
#[test]
fn std_reaches_io() {
    assert_eq!(futures_like::io::module(), "futures_like_util::io");
}
