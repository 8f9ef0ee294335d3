//! A family shaped like bevy's facade: 56 members, most optional behind
//! features named unlike the crates (`bevy_like_gilrs` behind `gamepad`),
//! features that turn on several members (`2d`, `3d`, `ui`), a `default`
//! set, one member behind a target table and a feature, always-on core
//! crates, a glob at the root and one in `prelude`, and namespaces three
//! levels deep (`render::pipelines::core`). Lockstep versions, as bevy's.

use super::{Crate, Dependency, Family, Features, Member, camel};

/// The version of the whole family: lockstep.
const VERSION: &str = "0.16.0";

/// The target table of `bevy_like_dylib`, as bevy writes it.
const NOT_WASM: &str = "not(target_family = \"wasm\")";

/// Members: module path, crate (after `bevy_like_`), the features that
/// enable it with `dep:` (none: always compiled in).
const MEMBERS: &[(&str, &str, &[&str])] = &[
    ("app", "app", &[]),
    ("ecs", "ecs", &[]),
    ("math", "math", &[]),
    ("reflect", "reflect", &[]),
    ("utils", "utils", &[]),
    ("ptr", "ptr", &[]),
    ("tasks", "tasks", &[]),
    ("time", "time", &[]),
    ("transform", "transform", &[]),
    ("log", "log", &[]),
    ("diagnostic", "diagnostic", &[]),
    ("platform", "platform", &[]),
    ("derive", "derive", &[]),
    ("macro_utils", "macro_utils", &[]),
    ("audio", "audio", &["audio"]),
    ("animation", "animation", &["animation", "3d"]),
    ("asset", "asset", &["assets", "2d", "3d", "ui"]),
    ("scene", "scene", &["scene"]),
    ("gltf", "gltf", &["gltf_loader", "3d"]),
    ("gizmos", "gizmos", &["gizmos"]),
    ("state", "state", &["states"]),
    ("text", "text", &["text", "2d", "ui"]),
    ("a11y", "a11y", &["accessibility"]),
    ("remote", "remote", &["remote_protocol"]),
    ("dev_tools", "dev_tools", &["dev"]),
    ("camera_controller", "camera_controller", &["dev"]),
    ("color", "color", &["colors", "2d", "3d", "ui"]),
    ("window", "window", &["windowing"]),
    ("winit", "winit", &["windowing"]),
    ("clipboard", "clipboard", &["clipboard"]),
    ("solari", "solari", &["raytracing"]),
    // In `[target.'cfg(not(target_family = "wasm"))'.dependencies]`.
    ("dylib", "dylib", &["dynamic_linking"]),
    ("input::core", "input", &[]),
    ("input::gamepad", "gilrs", &["gamepad"]),
    ("input::focus", "input_focus", &["focus"]),
    ("input::picking", "picking", &["picking_backend"]),
    ("render::core", "render", &["render", "2d", "3d"]),
    ("render::camera", "camera", &["render", "2d", "3d"]),
    ("render::mesh", "mesh", &["meshes", "3d"]),
    ("render::image", "image", &["images", "2d", "3d"]),
    ("render::shader", "shader", &["render"]),
    ("render::light", "light", &["lighting", "3d"]),
    ("render::pbr", "pbr", &["pbr", "3d"]),
    ("render::sprite", "sprite", &["sprites", "2d"]),
    ("render::mikktspace", "mikktspace", &["tangents"]),
    ("render::encase", "encase_derive", &["render"]),
    (
        "render::pipelines::core",
        "core_pipeline",
        &["core_pipeline", "2d", "3d"],
    ),
    (
        "render::pipelines::post_process",
        "post_process",
        &["post_processing"],
    ),
    (
        "render::pipelines::anti_aliasing",
        "anti_aliasing",
        &["anti_aliasing"],
    ),
    (
        "render::pipelines::sprite",
        "sprite_render",
        &["sprites", "2d"],
    ),
    ("render::pipelines::ui", "ui_render", &["ui"]),
    ("ui::core", "ui", &["ui"]),
    ("ui::widgets", "ui_widgets", &["widgets"]),
    ("ui::feathers", "feathers", &["widgets", "dev"]),
];

/// Own features of some member crates, which the top crate's features name.
fn own_features(suffix: &str) -> &'static [&'static str] {
    match suffix {
        "app" | "ecs" | "render" => &["trace"],
        "scene" | "math" | "transform" => &["serialize"],
        _ => &[],
    }
}

pub fn family() -> Family {
    let mut crates = Vec::new();
    let mut dependencies = Vec::new();
    let mut features = Features::default();
    // As bevy's manifest: the default set, the high-level features, then
    // the granular ones.
    features.declare(&["default", "2d", "3d", "ui"]);
    let mut members = Vec::new();

    crates.push(Crate::globbed(
        "bevy_like_internal",
        VERSION,
        "internal",
        "DefaultPlugins",
    ));
    dependencies.push(Dependency::new("bevy_like_internal", "=0.16.0"));
    members.push(Member::glob(
        "*",
        "bevy_like_internal",
        "internal",
        "DefaultPlugins",
    ));

    for &(path, suffix, enabling) in MEMBERS {
        let package = format!("bevy_like_{suffix}");
        let ty = format!("{}Plugin", camel(suffix));
        crates.push(Crate::plain(
            &package,
            VERSION,
            &ty,
            own_features(suffix),
            false,
        ));
        let mut dependency = Dependency::new(&package, "=0.16.0").optional(!enabling.is_empty());
        if suffix == "dylib" {
            dependency = dependency.target(NOT_WASM);
        }
        dependencies.push(dependency);
        for feature in enabling {
            features.enable(feature, &format!("dep:{package}"));
        }
        let mut member = Member::new(path, &package, &ty);
        match path {
            "audio" => member = member.doc("Audio playback"),
            "input::gamepad" => member = member.doc("Gamepads, through gilrs"),
            "dylib" => member = member.doc("Forces dynamic linking"),
            _ => {}
        }
        members.push(member);
    }

    crates.push(Crate::globbed(
        "bevy_like_prelude",
        VERSION,
        "prelude",
        "Commands",
    ));
    dependencies.push(Dependency::new("bevy_like_prelude", "=0.16.0"));
    members.push(Member::glob(
        "prelude::*",
        "bevy_like_prelude",
        "prelude",
        "Commands",
    ));

    // A feature of member crates: `scene` also through `x/feature`.
    for item in [
        "bevy_like_scene/serialize",
        "bevy_like_math/serialize",
        "bevy_like_transform/serialize",
    ] {
        features.enable("serialize", item);
    }
    // A weak feature turns on no member.
    for item in [
        "bevy_like_app/trace",
        "bevy_like_ecs/trace",
        "bevy_like_render?/trace",
    ] {
        features.enable("trace", item);
    }
    for feature in [
        "2d",
        "3d",
        "ui",
        "audio",
        "animation",
        "assets",
        "scene",
        "gltf_loader",
        "render",
        "windowing",
        "gamepad",
        "states",
        "colors",
        "gizmos",
        "focus",
        "picking_backend",
        "text",
    ] {
        features.enable("default", feature);
    }

    Family {
        name: "bevy-like",
        version: VERSION,
        description: "A generated crate family shaped like bevy's facade",
        versioning: Some("lockstep"),
        attributes: "#![forbid(unsafe_code)]\n#![deny(missing_docs)]\n",
        crates,
        dependencies,
        features,
        members,
        table: None,
        tests: TESTS,
    }
}

const TESTS: &str = r##"
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
        assert!(CRATESPACE.members().filter_map(|m| m.gate()).all(|g| !g.contains("default")));
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
    fn the_target_member_is_gated_by_its_table_and_its_feature() {
        let dylib = CRATESPACE.member("dylib").unwrap();
        assert_eq!(
            dylib.gate(),
            Some(r#"all(not(target_family = "wasm"), feature = "dynamic_linking")"#)
        );
        assert_eq!(
            dylib.enabled(),
            cfg!(all(not(target_family = "wasm"), feature = "dynamic_linking"))
        );
        assert_eq!(dylib.doc(), Some("Forces dynamic linking"));
    }

    #[test]
    fn globs_namespaces_and_lockstep() {
        assert_eq!(CRATESPACE.versioning().to_string(), "lockstep");
        assert!(CRATESPACE.members().all(|m| m.requirement() == Some("=0.16.0")));
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
        assert_eq!(under_render, 15);
        assert!(CRATESPACE.member("render").is_none());
        assert!(CRATESPACE.member("render::pipelines").is_none());
    }

    #[cfg(feature = "3d")]
    #[test]
    fn three_d_reaches_its_members() {
        assert_eq!(bevy_like::render::pbr::module(), "bevy_like_pbr");
        assert_eq!(bevy_like::render::pipelines::core::module(), "bevy_like_core_pipeline");
        assert_eq!(bevy_like::gltf::module(), "bevy_like_gltf");
    }

    #[test]
    fn the_tree_shows_every_member() {
        let tree = CRATESPACE.to_string();
        assert!(tree.starts_with("bevy-like 0.16.0"), "{tree}");
        for member in CRATESPACE.members() {
            assert!(tree.contains(member.name()), "{} not in\n{tree}", member.name());
        }
        assert!(tree.contains(r#"cfg(all(not(target_family = "wasm"), feature = "dynamic_linking"))"#), "{tree}");
    }
"##;
