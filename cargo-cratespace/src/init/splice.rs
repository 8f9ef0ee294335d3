//! The lib root with its re-export items replaced by one call of the
//! macro, by byte ranges: every other byte stays.
//!
//! Items next to each other with only white space between them are one
//! block, so that the blank lines that separated them go with them; a line
//! left with nothing but white space goes whole. The call stands where the
//! first item started, indented as it was.

use std::ops::Range;

/// `text` with the items at `replaced` (in order, not overlapping) taken
/// out and `call` where the first one was.
pub fn splice(text: &str, replaced: &[Range<usize>], call: &str) -> String {
    let line_ending = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut out = String::with_capacity(text.len());
    let mut end = 0;
    let mut called = false;
    for block in blocks(text, replaced) {
        let lines = whole_lines(text, &block);
        let (start, stop) = match &lines {
            Some(lines) => (lines.start, lines.end),
            None => (block.start, block.end),
        };
        out.push_str(&text[end..start]);
        if !called {
            if lines.is_some() {
                // Indented as the first item was.
                out.push_str(&text[start..block.start]);
                out.push_str(call);
                out.push_str(line_ending);
            } else {
                out.push_str(call);
            }
            called = true;
        }
        end = stop;
    }
    out.push_str(&text[end..]);
    out
}

/// The ranges, with those that only white space separates joined.
fn blocks(text: &str, replaced: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut blocks: Vec<Range<usize>> = Vec::new();
    for range in replaced {
        match blocks.last_mut() {
            Some(last) if text[last.end..range.start].trim().is_empty() => last.end = range.end,
            _ => blocks.push(range.clone()),
        }
    }
    blocks
}

/// The whole lines `range` stands on, line ending included, when the rest
/// of those lines is white space.
fn whole_lines(text: &str, range: &Range<usize>) -> Option<Range<usize>> {
    let start = text[..range.start].rfind('\n').map_or(0, |at| at + 1);
    let end = text[range.end..]
        .find('\n')
        .map_or(text.len(), |at| range.end + at + 1);
    let blank = |part: &str| part.trim().is_empty();
    (blank(&text[start..range.start]) && blank(&text[range.end..end])).then_some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CALL: &str = "cratespace::cratespace!();";

    fn ranges(text: &str, items: &[&str]) -> Vec<Range<usize>> {
        items
            .iter()
            .map(|item| {
                let at = text.find(item).unwrap();
                at..at + item.len()
            })
            .collect()
    }

    #[test]
    fn the_block_goes_with_its_blank_lines_and_the_rest_stays() {
        let text = "//! Doc.\n\n// Core.\npub use a as b;\n\npub use c;\n\n// Kept.\nfn f() {}\n\n/// D.\npub use d as e;\n";
        let replaced = ranges(
            text,
            &["pub use a as b;", "pub use c;", "/// D.\npub use d as e;"],
        );
        assert_eq!(
            splice(text, &replaced, CALL),
            "//! Doc.\n\n// Core.\ncratespace::cratespace!();\n\n// Kept.\nfn f() {}\n\n"
        );
    }

    #[test]
    fn an_item_sharing_its_line_leaves_the_rest_of_it() {
        let text = "fn f() {} pub use a as b; // why\npub use c;\n";
        let replaced = ranges(text, &["pub use a as b;", "pub use c;"]);
        assert_eq!(
            splice(text, &replaced, CALL),
            "fn f() {} cratespace::cratespace!(); // why\n"
        );
    }

    #[test]
    fn indentation_and_line_endings_are_the_files() {
        let text = "mod m {}\r\n    pub use a as b;\r\npub use c;";
        let replaced = ranges(text, &["pub use a as b;", "pub use c;"]);
        assert_eq!(
            splice(text, &replaced, CALL),
            "mod m {}\r\n    cratespace::cratespace!();\r\n"
        );
    }
}
