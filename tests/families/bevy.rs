//! A family shaped like bevy's facade: 60 members, most optional behind
//! features named unlike the crates (`bevy_like_gilrs` behind `gamepad`),
//! features that turn on several members (`2d`, `3d`, `ui`), a `default`
//! set, one member behind a target table and a feature, one behind its
//! implicit feature, two whose explicit `cfg` is narrower than the
//! features that compile them (`render::wireframe` only with `3d`,
//! `ui::debug` only with debug assertions), always-on core crates, a glob
//! at the root and one in `prelude`, and namespaces three levels deep
//! (`render::pipelines::core`). Lockstep versions, as bevy's.

use super::{Crate, Dependency, Family, Features, HandWritten, Member, camel};

/// The version of the whole family: lockstep.
const VERSION: &str = "0.16.0";

/// The target table of `bevy_like_dylib`, as bevy writes it.
const NOT_WASM: &str = "not(target_family = \"wasm\")";

/// The items of the hand-written facade besides its re-exports, as
/// bevy's has them: the prelude in a file of its own, a const, a module of
/// the crate's own code and a re-export only that code uses.
const HAND_WRITTEN_ITEMS: &str = "\
/// The most used items: `use bevy_like::prelude::*;`.
pub mod prelude;

/// The version of the family, for diagnostics.
pub const FAMILY_VERSION: &str = \"0.16.0\";

// Used by the crate's own code under a name of its own: init leaves it.
pub(crate) use bevy_like_app as app_internal;

/// Plugin groups, as bevy keeps them: code of the crate's own.
pub mod plugin_groups {
    /// The path of the app's module.
    pub fn app_module() -> &'static str {
        crate::app_internal::module()
    }
}
";

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
    ("render::occlusion", "occlusion", &["occlusion", "3d"]),
    // With an explicit `cfg`: only with `3d`.
    ("render::wireframe", "wireframe", &["wireframe", "3d"]),
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
    // With an explicit `cfg`: only with debug assertions.
    ("ui::debug", "ui_debug", &["ui_debug"]),
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
            "render::wireframe" => member = member.cfg("feature = \"3d\""),
            "ui::debug" => member = member.cfg("all(feature = \"ui_debug\", debug_assertions)"),
            _ => {}
        }
        members.push(member);
    }

    // Optional, and named by no feature: its implicit feature, which
    // edition 2024 keeps, turns it on.
    crates.push(Crate::plain(
        "bevy_like_settings",
        VERSION,
        "SettingsPlugin",
        &[],
        false,
    ));
    dependencies.push(Dependency::new("bevy_like_settings", "=0.16.0").optional(true));
    members.push(
        Member::new("settings", "bevy_like_settings", "SettingsPlugin")
            .doc("Settings, behind the implicit feature"),
    );

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
        tests: "bevy.rs",
        alone: &[
            "2d",
            "serialize",
            "trace",
            "dynamic_linking",
            "3d",
            "ui_debug",
            "bevy_like_settings",
            // Compiles `render::wireframe`'s crate, which only `3d` exports.
            "wireframe",
        ],
        implicit: &["bevy_like_settings"],
        hand_written: HandWritten {
            items: HAND_WRITTEN_ITEMS,
            out_of_line: Some("prelude"),
            inline: false,
            left: &["pub(crate) use bevy_like_app as app_internal;"],
        },
    }
}
