// The `bevy-like` family's own tests: `family.rs` of its
// downstream crate, included in a module of `lib.rs`.

use crate::gate;
use bevy_like::CRATESPACE;

#[test]
fn features_named_unlike_the_crates_gate_the_members() {
    let gamepad = CRATESPACE.member("input::gamepad").unwrap();
    assert_eq!(gamepad.package(), "bevy_like_gilrs");
    assert_eq!(gamepad.gate(), Some(r#"feature = "gamepad""#));
    assert_eq!(gate("audio"), Some(r#"feature = "audio""#));
    assert_eq!(gate("a11y"), Some(r#"feature = "accessibility""#));
    // One feature, two members.
    assert_eq!(gate("window"), Some(r#"feature = "windowing""#));
    assert_eq!(gate("winit"), Some(r#"feature = "windowing""#));
    // Several features, one member, in the order of `[features]`.
    assert_eq!(
        gate("render::pipelines::core"),
        Some(r#"any(feature = "2d", feature = "3d", feature = "core_pipeline")"#)
    );
    assert_eq!(
        gate("ui::feathers"),
        Some(r#"any(feature = "dev", feature = "widgets")"#)
    );
    // `serialize = ["bevy_like_scene/serialize", …]` turns `scene` on too.
    assert_eq!(
        gate("scene"),
        Some(r#"any(feature = "scene", feature = "serialize")"#)
    );
    // `trace = ["bevy_like_render?/trace", …]` is weak: not a gate.
    assert_eq!(
        gate("render::core"),
        Some(r#"any(feature = "2d", feature = "3d", feature = "render")"#)
    );
    // `default` turns features on, not dependencies.
    assert!(
        CRATESPACE
            .members()
            .filter_map(|m| m.gate())
            .all(|g| !g.contains("default"))
    );
}

#[test]
fn always_on_members_have_no_gate() {
    for path in ["app", "ecs", "math", "input::core", "*", "prelude::*"] {
        assert_eq!(gate(path), None, "{path}");
        assert!(CRATESPACE.member(path).unwrap().enabled(), "{path}");
    }
    let always = CRATESPACE.members().filter(|m| m.gate().is_none()).count();
    assert_eq!(always, 17);
}

#[test]
fn an_implicit_feature_and_narrower_cfgs_gate_their_members() {
    // Edition 2024 keeps the implicit feature of an optional dependency.
    assert_eq!(gate("settings"), Some(r#"feature = "bevy_like_settings""#));
    // Explicit cfgs, narrower than what compiles the dependency.
    assert_eq!(gate("render::wireframe"), Some(r#"feature = "3d""#));
    let debug = CRATESPACE.member("ui::debug").unwrap();
    assert_eq!(
        debug.gate(),
        Some(r#"all(feature = "ui_debug", debug_assertions)"#)
    );
    assert_eq!(
        debug.enabled(),
        cfg!(all(feature = "ui_debug", debug_assertions))
    );
}

#[test]
fn the_target_member_is_gated_by_its_table_and_its_feature() {
    let dylib = CRATESPACE.member("dylib").unwrap();
    assert_eq!(
        dylib.gate(),
        Some(r#"all(not(target_family = "wasm"), feature = "dynamic_linking")"#)
    );
    assert_eq!(
        dylib.enabled(),
        cfg!(all(
            not(target_family = "wasm"),
            feature = "dynamic_linking"
        ))
    );
    assert_eq!(dylib.doc(), Some("Forces dynamic linking"));
}

#[test]
fn globs_namespaces_and_lockstep() {
    assert_eq!(CRATESPACE.versioning().to_string(), "lockstep");
    assert!(
        CRATESPACE
            .members()
            .all(|m| m.requirement() == Some("=0.16.0"))
    );
    let globs: Vec<&str> = CRATESPACE
        .members()
        .filter(|m| m.kind().to_string() == "glob")
        .map(|m| m.path())
        .collect();
    assert_eq!(globs, ["*", "prelude::*"]);
    let _: bevy_like::DefaultPlugins = bevy_like::DefaultPlugins;
    let _: bevy_like::prelude::Commands = bevy_like::prelude::Commands;
    assert_eq!(bevy_like::internal_module(), "bevy_like_internal");
    assert_eq!(bevy_like::prelude::prelude_module(), "bevy_like_prelude");
    let under_render = CRATESPACE
        .members()
        .filter(|m| m.path().starts_with("render::"))
        .count();
    assert_eq!(under_render, 17);
    assert!(CRATESPACE.member("render").is_none());
    assert!(CRATESPACE.member("render::pipelines").is_none());
}

#[cfg(feature = "3d")]
#[test]
fn three_d_reaches_its_members() {
    assert_eq!(bevy_like::render::pbr::module(), "bevy_like_pbr");
    assert_eq!(
        bevy_like::render::pipelines::core::module(),
        "bevy_like_core_pipeline"
    );
    assert_eq!(bevy_like::gltf::module(), "bevy_like_gltf");
}

#[test]
fn the_tree_shows_every_member() {
    let tree = CRATESPACE.to_string();
    assert!(tree.starts_with("bevy-like 0.16.0"), "{tree}");
    for member in CRATESPACE.members() {
        assert!(
            tree.contains(member.name()),
            "{} not in\n{tree}",
            member.name()
        );
    }
    assert!(
        tree.contains(r#"cfg(all(not(target_family = "wasm"), feature = "dynamic_linking"))"#),
        "{tree}"
    );
}
