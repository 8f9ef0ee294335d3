use crate::{Cratespace, Kind, Member, Members};
use core::fmt::{self, Display, Write};

// The tree is printed from the flat member list: a member at "a::b::c" is
// preceded by header lines for the namespaces "a" and "a::b" unless the
// member before it already opened them. Everything is recomputed from the
// members on demand, as there is nowhere to store a tree without allocating.
impl Display for Cratespace {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        write!(
            formatter,
            "{} {} (versioning: {})",
            self.name(),
            self.version(),
            self.versioning(),
        )?;
        let widths = Widths::of(self.members());
        let mut previous = None;
        let mut members = self.members();
        while let Some(member) = members.next() {
            let depth = depth(&member);
            for level in first_level(previous.as_ref(), &member)..=depth {
                formatter.write_char('\n')?;
                branches(formatter, &member, &members, level)?;
                if level < depth {
                    formatter.write_str(segment(&member, level))?;
                } else {
                    row(formatter, &member, &widths)?;
                }
            }
            previous = Some(member);
        }
        Ok(())
    }
}

fn row(formatter: &mut fmt::Formatter, member: &Member, widths: &Widths) -> fmt::Result {
    cell(formatter, member.name(), widths.name - indent(member))?;
    formatter.write_str("  ")?;
    cell(formatter, Source(member), widths.source)?;
    if widths.requirement > 0 {
        formatter.write_str("  ")?;
        cell(
            formatter,
            member.requirement().unwrap_or(""),
            widths.requirement,
        )?;
    }
    formatter.write_str("  ")?;
    cell(formatter, Gate(member.gate()), widths.gate)?;
    formatter.write_str("  ")?;
    let compiled = if member.enabled() { "on" } else { "off" };
    match (member.voucher(), member.kind()) {
        (Some(voucher), _) => {
            cell(formatter, compiled, 3)?;
            write!(formatter, "  vouched {}", voucher.approved())?;
            for (i, by) in voucher.by().enumerate() {
                formatter.write_str(if i == 0 { " by " } else { ", " })?;
                formatter.write_str(by)?;
            }
            Ok(())
        }
        (None, Kind::Voucher) => {
            cell(formatter, compiled, 3)?;
            formatter.write_str("  voucher")
        }
        (None, Kind::Child | Kind::Glob) => formatter.write_str(compiled),
    }
}

struct Widths {
    name: usize,
    source: usize,
    requirement: usize,
    gate: usize,
}

impl Widths {
    fn of(members: Members) -> Self {
        let mut widths = Widths {
            name: 0,
            source: 0,
            requirement: 0,
            gate: 0,
        };
        for member in members {
            let member = &member;
            let name = indent(member) + columns(member.name());
            widths.name = widths.name.max(name);
            widths.source = widths.source.max(columns(Source(member)));
            let requirement = member.requirement().map_or(0, columns);
            widths.requirement = widths.requirement.max(requirement);
            widths.gate = widths.gate.max(columns(Gate(member.gate())));
        }
        widths
    }
}

// Where the member comes from: its package, the dependency key when that is
// a rename, and the re-exported path when it is not the crate itself.
struct Source<'a>(&'a Member);

impl Display for Source<'_> {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        let member = self.0;
        formatter.write_str(member.package())?;
        if member.dependency() != member.package() {
            write!(formatter, " as {}", member.dependency())?;
        }
        if !is_crate_name(member.target(), member.dependency()) {
            write!(formatter, " → {}", member.target())?;
        }
        Ok(())
    }
}

// A dependency key is used in Rust with `-` turned into `_`.
fn is_crate_name(target: &str, dependency: &str) -> bool {
    target.len() == dependency.len()
        && target
            .bytes()
            .zip(dependency.bytes())
            .all(|(t, d)| t == d || (t, d) == (b'_', b'-'))
}

struct Gate(Option<&'static str>);

impl Display for Gate {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        match self.0 {
            Some(predicate) => write!(formatter, "cfg({predicate})"),
            None => formatter.write_str("always"),
        }
    }
}

// Each level of the tree takes 4 columns: "│   ", "    ", "├── " or "└── ".
// `after` holds the members that follow `member`.
fn branches(
    formatter: &mut fmt::Formatter,
    member: &Member,
    after: &Members,
    level: usize,
) -> fmt::Result {
    for ancestor in 0..level {
        let open = has_next_sibling(member, after, ancestor);
        formatter.write_str(if open { "│   " } else { "    " })?;
    }
    let last = !has_next_sibling(member, after, level);
    formatter.write_str(if last { "└── " } else { "├── " })
}

// Whether a line at `level` printed for `member` is followed by a sibling:
// the next line at `level` or shallower must be at `level`. The member's own
// later lines are deeper, and the first line of each member is its
// shallowest, so only those need looking at.
fn has_next_sibling(member: &Member, after: &Members, level: usize) -> bool {
    let mut previous = *member;
    for next in after.clone() {
        let first = first_level(Some(&previous), &next);
        if first <= level {
            return first == level;
        }
        previous = next;
    }
    false
}

// The level of the first line printed for `member`: the namespaces it
// shares with the member before it are already open.
fn first_level(previous: Option<&Member>, member: &Member) -> usize {
    let Some(previous) = previous else {
        return 0;
    };
    previous
        .path()
        .split("::")
        .zip(member.path().split("::"))
        .take(depth(member))
        .take_while(|(a, b)| a == b)
        .count()
}

fn depth(member: &Member) -> usize {
    member.path().matches("::").count()
}

fn indent(member: &Member) -> usize {
    4 * (depth(member) + 1)
}

fn segment(member: &Member, level: usize) -> &'static str {
    member.path().split("::").nth(level).unwrap_or_default()
}

fn cell(formatter: &mut fmt::Formatter, value: impl Display, width: usize) -> fmt::Result {
    let padding = width.saturating_sub(columns(&value));
    write!(formatter, "{value}{:padding$}", "")
}

// Columns are counted in chars: the only non-ASCII text printed is the tree
// and the arrow, each one column wide.
fn columns(value: impl Display) -> usize {
    struct Counter(usize);

    impl Write for Counter {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            self.0 += s.chars().count();
            Ok(())
        }
    }

    let mut counter = Counter(0);
    let _ = write!(counter, "{value}");
    counter.0
}
