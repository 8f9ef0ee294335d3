//! Every `help:` and `note:` of the macro's diagnostics fits a terminal of
//! 80 columns, as rustc's own do: each line of one, its continuation lines
//! included, as the snapshots under `ui/` show them.

use std::path::Path;

/// The compiler's own note under a macro's error (a function-like or a
/// derive macro's), which says where the error comes from: not the
/// macro's text.
const COMPILER_NOTE: &str = "= note: this error originates in the ";

#[test]
fn help_and_note_lines_fit_80_columns() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut snapshots = 0;
    let mut too_long = Vec::new();
    let cases = ["ui", "derive"]
        .into_iter()
        .flat_map(|dir| std::fs::read_dir(root.join(dir)).unwrap());
    for entry in cases {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|ext| ext != "stderr") {
            continue;
        }
        snapshots += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        // The indentation of the text after `= help: `, while in one.
        let mut continued: Option<usize> = None;
        for (number, line) in text.lines().enumerate() {
            let start = line.find("= help: ").or_else(|| line.find("= note: "));
            let in_block = match (start, continued) {
                (Some(at), _) => {
                    continued = Some(at + "= help: ".len());
                    !line.contains(COMPILER_NOTE)
                }
                (None, Some(indent)) => {
                    let continues = line.len() > indent && line[..indent].trim().is_empty();
                    if !continues {
                        continued = None;
                    }
                    continues
                }
                (None, None) => false,
            };
            if in_block && line.chars().count() > 80 {
                let name = path.strip_prefix(root).unwrap().display();
                too_long.push(format!("{name}:{}: {line}", number + 1));
            }
        }
    }
    assert!(snapshots >= 20, "the snapshots are missing");
    assert!(
        too_long.is_empty(),
        "lines over 80 columns:\n{}",
        too_long.join("\n")
    );
}
