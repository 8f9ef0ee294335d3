//! The no-std policy: each member's crate root (its lib target's
//! `src_path` in `cargo metadata`, a custom `[lib] path` included) declares
//! `#![no_std]`, directly or under `cfg_attr(P, no_std)` with `P` holding
//! in the build audited: the member's features as cargo turns them on for
//! the top crate's (`cargo tree --edges features`), and rustc's cfg values
//! for the target. Only the root's inner attributes are read, so any Rust
//! after them may be newer than this tool's parser.

use super::{Check, Origin, Problem, shown};
use cargo_platform::{Cfg, CfgExpr};
use proc_macro2::{Delimiter, TokenStream, TokenTree};
use std::collections::VecDeque;
use std::path::Path;
use syn::parse::{ParseStream, Parser};
use syn::{Attribute, Meta};

/// How a crate root declares `#![no_std]`.
pub enum Declared {
    /// `#![no_std]`, whatever the build.
    Always,
    /// Only under `cfg_attr`: these conditions, any of which makes it so.
    Under(Vec<CfgExpr>),
    /// Not at all.
    Nowhere,
}

/// How the crate root at `path` declares `#![no_std]`, or a problem when
/// it cannot be read.
pub fn declared(path: &Path) -> Result<Declared, Problem> {
    let unreadable = |why: String| Problem {
        check: Check::NoStd,
        message: format!("its crate root {} cannot be read: {why}", shown(path)),
        help: "make it a file rustc compiles, then audit".to_owned(),
    };
    let text = std::fs::read_to_string(path).map_err(|error| unreadable(error.to_string()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    // A shebang line is not Rust; `#![` starts an attribute, not a shebang.
    let text = match text.strip_prefix("#!") {
        Some(rest) if !rest.trim_start().starts_with('[') => {
            rest.split_once('\n').map_or("", |(_, after)| after)
        }
        _ => text,
    };
    let attributes = (|input: ParseStream| {
        let attributes = Attribute::parse_inner(input)?;
        input.parse::<TokenStream>()?;
        Ok(attributes)
    })
    .parse_str(text)
    .map_err(|error| unreadable(error.to_string()))?;
    let mut conditions = Vec::new();
    for attribute in &attributes {
        match &attribute.meta {
            Meta::Path(path) if path.is_ident("no_std") => return Ok(Declared::Always),
            Meta::List(list) if list.path.is_ident("cfg_attr") => {
                under_cfg_attr(list.tokens.clone(), &[], &mut conditions);
            }
            _ => {}
        }
    }
    Ok(if conditions.is_empty() {
        Declared::Nowhere
    } else {
        Declared::Under(conditions)
    })
}

/// The conditions under which `cfg_attr(TOKENS)`, itself inside the
/// `cfg_attr`s whose predicates are `outer`, applies `no_std`.
fn under_cfg_attr(tokens: TokenStream, outer: &[String], conditions: &mut Vec<CfgExpr>) {
    let mut parts = split_at_commas(tokens).into_iter();
    let Some(predicate) = parts.next() else {
        return;
    };
    let mut predicates = outer.to_vec();
    predicates.push(predicate.to_string());
    for attribute in parts {
        let trees: Vec<TokenTree> = attribute.into_iter().collect();
        match &trees[..] {
            [TokenTree::Ident(ident)] if ident == "no_std" => {
                let text = match &predicates[..] {
                    [one] => one.clone(),
                    all => format!("all({})", all.join(", ")),
                };
                // A predicate cargo's cfg grammar cannot read never holds here.
                if let Ok(condition) = text.parse() {
                    conditions.push(condition);
                }
            }
            [TokenTree::Ident(ident), TokenTree::Group(group)]
                if ident == "cfg_attr" && group.delimiter() == Delimiter::Parenthesis =>
            {
                under_cfg_attr(group.stream(), &predicates, conditions);
            }
            _ => {}
        }
    }
}

/// The comma-separated parts of `tokens`, commas inside groups kept.
fn split_at_commas(tokens: TokenStream) -> Vec<TokenStream> {
    let mut parts = vec![Vec::new()];
    for tree in tokens {
        match &tree {
            TokenTree::Punct(punct) if punct.as_char() == ',' => parts.push(Vec::new()),
            _ => parts.last_mut().map_or((), |part| part.push(tree)),
        }
    }
    parts
        .into_iter()
        .filter(|part| !part.is_empty())
        .map(|part| part.into_iter().collect())
        .collect()
}

/// The feature graph `cargo tree --edges features --invert PACKAGE` prints:
/// the package, its features, and under each node what turns it on.
pub struct FeatureTree {
    nodes: Vec<Node>,
}

struct Node {
    /// `gadget-io feature "std"`, or a package: `acme v2.1.0 (/path)`.
    text: String,
    /// What turns it on: the nodes listed under it.
    causes: Vec<usize>,
    /// Turned on by the feature flags (`(command-line)`).
    command_line: bool,
}

impl FeatureTree {
    /// Reads `cargo tree --prefix depth` output: each line its depth, then
    /// the node, marked ` (*)` where its causes were listed before.
    pub fn parse(output: &str) -> FeatureTree {
        let mut tree = FeatureTree { nodes: Vec::new() };
        let mut stack: Vec<usize> = Vec::new();
        for line in output.lines() {
            let digits = line.bytes().take_while(u8::is_ascii_digit).count();
            let Ok(depth) = line[..digits].parse::<usize>() else {
                continue;
            };
            let mut text = &line[digits..];
            let mut command_line = false;
            loop {
                if let Some(rest) = text.strip_suffix(" (*)") {
                    text = rest;
                } else if let Some(rest) = text.strip_suffix(" (command-line)") {
                    text = rest;
                    command_line = true;
                } else if let Some(rest) = text.strip_suffix(" (proc-macro)") {
                    text = rest;
                } else {
                    break;
                }
            }
            let index = tree.node(text);
            tree.nodes[index].command_line |= command_line;
            stack.truncate(depth);
            if let Some(&effect) = stack.last() {
                if !tree.nodes[effect].causes.contains(&index) {
                    tree.nodes[effect].causes.push(index);
                }
            }
            stack.push(index);
        }
        tree
    }

    fn node(&mut self, text: &str) -> usize {
        if let Some(index) = self.nodes.iter().position(|node| node.text == text) {
            return index;
        }
        self.nodes.push(Node {
            text: text.to_owned(),
            causes: Vec::new(),
            command_line: false,
        });
        self.nodes.len() - 1
    }

    /// The features the package is built with: the feature nodes under it.
    pub fn features(&self) -> Vec<&str> {
        let Some(root) = self.nodes.first() else {
            return Vec::new();
        };
        root.causes
            .iter()
            .filter_map(|&cause| feature_of(&self.nodes[cause].text).map(|(_, feature)| feature))
            .collect()
    }

    /// The shortest chain of what turns `feature` of the package on, from
    /// a feature flag (or whatever turns it on unconditionally) to it.
    pub fn chain(&self, feature: &str) -> Vec<Link<'_>> {
        let Some(root) = self.nodes.first() else {
            return Vec::new();
        };
        let Some(start) = root.causes.iter().copied().find(|&cause| {
            feature_of(&self.nodes[cause].text).is_some_and(|(_, name)| name == feature)
        }) else {
            return Vec::new();
        };
        let mut came_from = vec![None; self.nodes.len()];
        let mut seen = vec![false; self.nodes.len()];
        seen[start] = true;
        let mut queue = VecDeque::from([start]);
        let mut end = start;
        while let Some(index) = queue.pop_front() {
            let node = &self.nodes[index];
            end = index;
            if node.command_line || node.causes.is_empty() {
                break;
            }
            for &cause in &node.causes {
                if !seen[cause] {
                    seen[cause] = true;
                    came_from[cause] = Some(index);
                    queue.push_back(cause);
                }
            }
        }
        let mut chain = Vec::new();
        let mut at = Some(end);
        while let Some(index) = at {
            let node = &self.nodes[index];
            chain.push(Link {
                feature: feature_of(&node.text),
                package: node.text.split(' ').next().unwrap_or_default(),
                command_line: node.command_line,
            });
            at = came_from[index];
        }
        chain
    }
}

/// One step of what turns a feature on: a feature of a package, or a
/// package's dependency declaration.
#[derive(Debug, Clone, Copy)]
pub struct Link<'t> {
    /// The package and feature, for a feature node.
    pub feature: Option<(&'t str, &'t str)>,
    /// The package's name.
    pub package: &'t str,
    /// Turned on by the feature flags.
    pub command_line: bool,
}

impl std::fmt::Display for Link<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self.feature {
            Some((package, feature)) => write!(f, "{package}/{feature}"),
            None => write!(f, "{}'s dependency declaration", self.package),
        }
    }
}

/// `("gadget-io", "std")` of `gadget-io feature "std"`.
fn feature_of(text: &str) -> Option<(&str, &str)> {
    let (package, feature) = text.split_once(" feature \"")?;
    Some((package, feature.strip_suffix('"')?))
}

/// What the policy finds in a member built with `features` for `cfg` (the
/// target's values), when its root declares `no_std` only under
/// `conditions`: `None` when one holds.
pub fn conditional(
    conditions: &[CfgExpr],
    tree: &FeatureTree,
    cfg: &[Cfg],
    top: &str,
    target: &str,
    root: &Path,
    package: &cargo_metadata::Package,
) -> Option<Problem> {
    let features = tree.features();
    let mut with_features = cfg.to_vec();
    with_features.extend(
        features
            .iter()
            .map(|feature| Cfg::KeyPair("feature".to_owned(), (*feature).to_owned())),
    );
    if conditions
        .iter()
        .any(|condition| condition.matches(&with_features))
    {
        return None;
    }
    let shown_conditions: Vec<String> = conditions.iter().map(|c| format!("`{c}`")).collect();
    let under = shown_conditions.join(" or ");
    let mut named = Vec::new();
    for condition in conditions {
        named_features(condition, &mut named);
    }
    let on: Vec<&str> = named
        .iter()
        .map(String::as_str)
        .filter(|name| features.contains(name))
        .collect();
    let shown_root = shown(root);
    let chains: Vec<String> = on
        .iter()
        .map(|feature| {
            let chain: Vec<String> = tree
                .chain(feature)
                .iter()
                .map(ToString::to_string)
                .collect();
            format!("`{feature}` ({})", chain.join(" → "))
        })
        .collect();
    let (Some(&feature), Some((last, rest))) = (on.first(), chains.split_last()) else {
        let (why, help) = if named.is_empty() {
            (
                format!("which does not hold for {target}"),
                format!("declare `#![no_std]` for {target} too"),
            )
        } else {
            (
                "which the features of the build audited do not make hold".to_owned(),
                "turn on the features it needs, or declare `#![no_std]` whatever the features"
                    .to_owned(),
            )
        };
        return Some(Problem {
            check: Check::NoStd,
            message: format!(
                "its crate root {shown_root} declares `#![no_std]` only under {under}, {why}"
            ),
            help,
        });
    };
    let on = if rest.is_empty() {
        format!("feature {last} is on")
    } else {
        format!("features {} and {last} are on", rest.join(", "))
    };
    let help = match tree.chain(feature).first() {
        Some(Link {
            feature: Some((owner, "default")),
            command_line: true,
            ..
        }) if *owner == top => format!(
            "{top}'s default features turn `{feature}` on: take it out of them, or audit the build that is no_std (`--no-default-features` and the `-F` it keeps)"
        ),
        Some(Link {
            feature: Some((owner, given)),
            command_line: true,
            ..
        }) if *owner == top => {
            format!("`-F {given}` turns `{feature}` on: audit the build without it")
        }
        _ => match Origin::of(package) {
            Origin::Path => format!(
                "`{feature}` is on in every build of {top}: stop turning it on, or declare `#![no_std]` in {shown_root} whatever the features"
            ),
            _ => format!(
                "`{feature}` is on in every build of {top}: stop turning it on, or take the member out"
            ),
        },
    };
    Some(Problem {
        check: Check::NoStd,
        message: format!(
            "its crate root {shown_root} declares `#![no_std]` only under {under}, and {on}"
        ),
        help,
    })
}

/// The features a condition names (`feature = "std"`), in order, once each.
fn named_features(condition: &CfgExpr, out: &mut Vec<String>) {
    match condition {
        CfgExpr::Value(Cfg::KeyPair(key, value)) if key == "feature" => {
            if !out.contains(value) {
                out.push(value.clone());
            }
        }
        CfgExpr::Value(_) => {}
        CfgExpr::Not(inner) => named_features(inner, out),
        CfgExpr::All(list) | CfgExpr::Any(list) => {
            for inner in list {
                named_features(inner, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conditions(root: &str) -> Vec<String> {
        let dir = std::env::temp_dir().join(format!("cratespace-no-std-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("lib.rs");
        std::fs::write(&path, root).unwrap();
        match declared(&path).unwrap_or_else(|problem| panic!("{}", problem.message)) {
            Declared::Always => vec!["always".to_owned()],
            Declared::Nowhere => Vec::new(),
            Declared::Under(list) => list.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn declarations_direct_conditional_and_nested() {
        assert_eq!(conditions("//! Docs.\n#![no_std]\n"), ["always"]);
        assert_eq!(
            conditions("#!/usr/bin/env run\n#![forbid(unsafe_code)]\n#![no_std]\n"),
            ["always"]
        );
        assert_eq!(
            conditions("#![cfg_attr(not(feature = \"std\"), no_std)]\nfn f() {}\n"),
            ["not(feature = \"std\")"]
        );
        assert_eq!(
            conditions("#![cfg_attr(docsrs, feature(doc_cfg), cfg_attr(not(test), no_std))]\n"),
            ["all(docsrs, not(test))"]
        );
        assert!(conditions("#![doc = \"x\"]\n//! no_std\nuse std::fmt;\n").is_empty());
        // An outer attribute is not the crate's.
        assert!(conditions("#[no_std]\nfn f() {}\n").is_empty());
    }

    #[test]
    fn chains_lead_from_the_feature_flags() {
        let tree = FeatureTree::parse(
            "0gadget-io v0.1.0 (/f/io)\n1gadget-io feature \"alloc\"\n2top v0.1.0 (/f/top)\n3top feature \"default\" (command-line)\n3top feature \"std\"\n4top feature \"default\" (command-line)\n2gadget-io feature \"std\"\n3top feature \"std\" (*)\n1gadget-io feature \"default\"\n2top v0.1.0 (/f/top) (*)\n1gadget-io feature \"std\" (*)\n",
        );
        assert_eq!(tree.features(), ["alloc", "default", "std"]);
        let chain: Vec<String> = tree.chain("std").iter().map(ToString::to_string).collect();
        assert_eq!(chain, ["top/default", "top/std", "gadget-io/std"]);
        let chain: Vec<String> = tree
            .chain("alloc")
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            chain,
            [
                "top/default",
                "top's dependency declaration",
                "gadget-io/alloc"
            ]
        );
    }

    #[test]
    fn a_condition_no_feature_of_the_build_breaks_is_said_so() {
        let tree = FeatureTree::parse("0member v1.0.0\n1member feature \"alloc\"\n");
        let package = crate::audit::test_package("member", "1.0.0", None, None);
        let cfg = [Cfg::Name("unix".to_owned())];
        let target = "x86_64-unknown-linux-gnu";
        let check = |condition: &str| {
            let condition: CfgExpr = condition.parse().unwrap();
            let root = Path::new("/member/src/lib.rs");
            conditional(&[condition], &tree, &cfg, "top", target, root, &package)
                .map(|problem| problem.message)
        };
        assert_eq!(check("all(unix, feature = \"alloc\")"), None);
        let message = check("target_os = \"none\"").unwrap();
        assert!(
            message.ends_with("which does not hold for x86_64-unknown-linux-gnu"),
            "{message}"
        );
        let message = check("feature = \"bare-metal\"").unwrap();
        assert!(
            message.ends_with("the features of the build audited do not make hold"),
            "{message}"
        );
    }
}
