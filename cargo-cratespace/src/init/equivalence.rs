//! How a hand-written `#[cfg]` relates to the gate cratespace derives for
//! its dependency, decided by logic rather than by text: both predicates
//! are evaluated under every assignment of the names and `key = "value"`
//! pairs they hold, each taken as free to hold or not.
//!
//! `any(feature = "3d", feature = "2d")` and `any(feature = "2d", feature =
//! "3d")` are the same gate; `unix` and `target_family = "unix"` are two,
//! since nothing here knows how rustc sets them: a difference found where
//! there is none in practice keeps a `cfg` the member did not need, which
//! changes nothing it re-exports.

use cratespace_manifest::Cfg;

/// The most distinct names and pairs compared: 2^16 evaluations of each
/// predicate, far beyond what a facade writes on one re-export.
const MOST_ATOMS: usize = 16;

/// How the written predicate relates to the derived one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// They hold under the same builds.
    Equivalent,
    /// The written one holds only where the derived one does, not always
    /// there: the facade leaves the member out of some builds that compile
    /// its dependency.
    Narrower,
    /// The written one holds somewhere the derived one does not: there the
    /// facade re-exports a crate cargo does not compile, and did not build.
    Wider,
    /// Too many names and pairs to compare.
    Undecided,
}

/// How `written` relates to `derived`.
pub fn compare(written: &Cfg, derived: &Cfg) -> Relation {
    let mut atoms: Vec<&Cfg> = Vec::new();
    collect_atoms(written, &mut atoms);
    collect_atoms(derived, &mut atoms);
    if atoms.len() > MOST_ATOMS {
        return Relation::Undecided;
    }
    let mut only_written = false;
    let mut only_derived = false;
    for assignment in 0u32..1 << atoms.len() {
        let holds = |atom: &Cfg| {
            let index = atoms.iter().position(|known| *known == atom);
            index.is_some_and(|index| assignment & (1 << index) != 0)
        };
        match (written.holds(&holds), derived.holds(&holds)) {
            (true, false) => only_written = true,
            (false, true) => only_derived = true,
            _ => {}
        }
    }
    match (only_written, only_derived) {
        (false, false) => Relation::Equivalent,
        (false, true) => Relation::Narrower,
        (true, _) => Relation::Wider,
    }
}

/// Each name and pair of `cfg`, once.
fn collect_atoms<'a>(cfg: &'a Cfg, atoms: &mut Vec<&'a Cfg>) {
    match cfg {
        Cfg::Name(_) | Cfg::KeyValue(..) => {
            if !atoms.contains(&cfg) {
                atoms.push(cfg);
            }
        }
        Cfg::All(list) | Cfg::Any(list) => {
            for cfg in list {
                collect_atoms(cfg, atoms);
            }
        }
        Cfg::Not(inner) => collect_atoms(inner, atoms),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relation(written: &str, derived: &str) -> Relation {
        compare(&Cfg::parse(written).unwrap(), &Cfg::parse(derived).unwrap())
    }

    #[test]
    fn equivalent_forms_are_one_gate() {
        let cases = [
            (
                r#"any(feature = "3d", feature = "2d")"#,
                r#"any(feature = "2d", feature = "3d")"#,
            ),
            (
                r#"all(feature = "dynamic_linking", not(target_family = "wasm"))"#,
                r#"all(not(target_family = "wasm"), feature = "dynamic_linking")"#,
            ),
            (r#"not(not(feature = "x"))"#, r#"feature = "x""#),
            (r#"all(feature = "x")"#, r#"feature = "x""#),
            (
                r#"any(feature = "x", all(feature = "x", unix))"#,
                r#"feature = "x""#,
            ),
            ("all()", "not(any())"),
        ];
        for (written, derived) in cases {
            assert_eq!(
                relation(written, derived),
                Relation::Equivalent,
                "{written} against {derived}"
            );
        }
    }

    #[test]
    fn a_narrower_or_wider_cfg_is_another_gate() {
        assert_eq!(
            relation(
                r#"feature = "3d""#,
                r#"any(feature = "3d", feature = "pbr")"#
            ),
            Relation::Narrower
        );
        assert_eq!(
            relation(
                r#"all(feature = "x", debug_assertions)"#,
                r#"feature = "x""#
            ),
            Relation::Narrower
        );
        assert_eq!(relation("all()", r#"feature = "x""#), Relation::Wider);
        assert_eq!(
            relation(r#"feature = "y""#, r#"feature = "x""#),
            Relation::Wider
        );
        // Names rustc relates are taken as free.
        assert_eq!(
            relation("unix", r#"target_family = "unix""#),
            Relation::Wider
        );
    }

    #[test]
    fn too_many_names_are_not_compared() {
        let many: Vec<String> = (0..17).map(|i| format!("feature = \"f{i}\"")).collect();
        let written = format!("any({})", many.join(", "));
        assert_eq!(relation(&written, &written), Relation::Undecided);
        let sixteen = format!("any({})", many[..16].join(", "));
        assert_eq!(relation(&sixteen, &sixteen), Relation::Equivalent);
    }
}
