//! The edit `add` makes, in the parsed files: the member, and where they
//! are missing, the dependency and the feature that enables it. Only what
//! is added is new; every other key, comment and blank line stays where it
//! is, in the table style it is written in.

use toml_edit::{Array, DocumentMut, InlineTable, Item, RawString, Table, TableLike, Value};

/// What to add.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Request {
    /// The member's module path, one name a segment; a glob ends in `*`.
    pub module: Vec<String>,
    /// The dependency's key in `[dependencies]`: the existing entry's, or
    /// the one `new_dependency` is written under.
    pub dependency: String,
    /// What to write when `Cargo.toml` has no such dependency yet.
    pub new_dependency: Option<NewDependency>,
    /// Whether the dependency is to be optional (`--optional`, or implied
    /// by `--feature`).
    pub optional: bool,
    /// The feature that is to enable it (`--feature`).
    pub feature: Option<String>,
    /// The member's doc line.
    pub doc: Option<String>,
    /// The approval of a voucher member.
    pub voucher: Option<Voucher>,
}

/// A dependency entry to write, its keys in the order cargo writes them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewDependency {
    /// `version = "…"`.
    pub version: Option<String>,
    /// `path = "…"`, relative to the crate's directory.
    pub path: Option<String>,
    /// `package = "…"`, when the key is not the package's name.
    pub package: Option<String>,
    /// `workspace = true`: inherited from `[workspace.dependencies]`.
    pub workspace: bool,
}

/// A voucher's approval, as the manifest writes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Voucher {
    /// The versions vouched for.
    pub approved: String,
    /// Who vouches: one is written as a string, more as a list.
    pub by: Vec<String>,
    /// The cargo-vet criteria the resolved version must be audited for.
    pub vet: Option<String>,
}

/// One thing the edit added or changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The dependency, written under this key.
    Dependency(String),
    /// An existing dependency, made optional.
    Optional(String),
    /// An entry added to a feature's list, made when missing.
    Feature {
        /// The feature.
        feature: String,
        /// What it now enables: `dep:key`, or `key` when that is the
        /// dependency's implicit feature.
        enables: String,
        /// Whether `enables` is the implicit feature, kept because `dep:`
        /// would remove it.
        implicit: bool,
    },
    /// The member.
    Member {
        /// Its module path, `::`-separated.
        path: String,
    },
}

/// What stands in the way of the edit: another member at the module path,
/// or a table or feature written as something else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// What is in the way.
    pub message: String,
    /// What to do instead.
    pub help: String,
}

impl Conflict {
    fn new(message: impl Into<String>, help: impl Into<String>) -> Self {
        Conflict {
            message: message.into(),
            help: help.into(),
        }
    }
}

/// The key of the dependency `name` names in `[dependencies]` or a
/// `[target.*.dependencies]` table, as the manifest resolves a member's
/// `dependency`: the key itself, else the package name or the Rust name
/// (`-` as `_`) when exactly one entry has it.
pub fn dependency_key(cargo: &DocumentMut, name: &str) -> Option<String> {
    let entries = linked_entries(cargo);
    if entries.iter().any(|(key, _)| *key == name) {
        return Some(name.to_owned());
    }
    let mut keys: Vec<&str> = entries
        .iter()
        .filter(|(key, entry)| package_name(key, entry) == name || key.replace('-', "_") == name)
        .map(|(key, _)| *key)
        .collect();
    keys.dedup();
    match keys[..] {
        [key] => Some(key.to_owned()),
        _ => None,
    }
}

/// The first declaration of `key` among the linked dependencies.
pub fn declaration<'d>(cargo: &'d DocumentMut, key: &str) -> Option<&'d Item> {
    linked_entries(cargo)
        .into_iter()
        .find_map(|(found, item)| (found == key).then_some(item))
}

/// Applies `request` to `cargo` and, when the cratespace table is a file
/// of its own, to `table_file`; what changed, in the order made.
///
/// Where a conflict stops it, the documents are half edited: they are to
/// be dropped, not written.
pub fn apply(
    cargo: &mut DocumentMut,
    table_file: Option<&mut DocumentMut>,
    request: &Request,
) -> Result<Vec<Change>, Conflict> {
    let key = request.dependency.as_str();
    let mut changes = Vec::new();
    let wants_optional = request.optional || request.feature.is_some();
    let was_optional = is_optional(cargo, key);
    // Cargo gives an optional dependency a feature of its own name unless
    // some feature names it as `dep:key`: writing that would remove a
    // feature users may enable.
    let has_implicit_feature = was_optional && !named_with_dep_prefix(cargo, key);
    let names = member_names(cargo, request);

    let became_optional = match &request.new_dependency {
        Some(new) => {
            insert_dependency(cargo, key, new, wants_optional);
            changes.push(Change::Dependency(key.to_owned()));
            wants_optional
        }
        None if wants_optional && !was_optional => {
            make_optional(cargo, key);
            changes.push(Change::Optional(key.to_owned()));
            true
        }
        None => false,
    };
    // `--optional` alone names the feature after the dependency, as `cargo
    // add --optional` does.
    let feature = request
        .feature
        .clone()
        .or_else(|| became_optional.then(|| key.to_owned()));
    if let Some(feature) = feature {
        let implicit = has_implicit_feature;
        let enables = if implicit {
            key.to_owned()
        } else {
            format!("dep:{key}")
        };
        let is_the_implicit_feature = implicit && feature == key;
        if !is_the_implicit_feature && enable(cargo, &feature, key, &enables)? {
            changes.push(Change::Feature {
                feature,
                enables,
                implicit,
            });
        }
    }

    let members = match table_file {
        Some(file) => table_in(
            file.as_item_mut(),
            "members",
            Style::Header,
            "the file's root",
        )?,
        None => cargo_members(cargo)?,
    };
    if add_member(members, request, &names)? {
        changes.push(Change::Member {
            path: request.module.join("::"),
        });
    }
    Ok(changes)
}

/// How a table is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// `formats.json = …`, in its parent's table.
    Dotted,
    /// `[….formats]`.
    Header,
    /// `formats = { json = … }`.
    Inline,
}

fn style_of(item: &Item) -> Option<Style> {
    match item {
        Item::Table(table) if table.is_dotted() => Some(Style::Dotted),
        Item::Table(_) => Some(Style::Header),
        Item::Value(Value::InlineTable(_)) => Some(Style::Inline),
        _ => None,
    }
}

/// An empty table in `style`; a header table stays unwritten until it
/// holds a key of its own, so that a namespace that only holds namespaces
/// adds no empty header.
fn new_table(style: Style) -> Item {
    match style {
        Style::Dotted => {
            let mut table = Table::new();
            table.set_dotted(true);
            Item::Table(table)
        }
        Style::Header => {
            let mut table = Table::new();
            table.set_implicit(true);
            Item::Table(table)
        }
        Style::Inline => Item::Value(Value::InlineTable(InlineTable::new())),
    }
}

/// The table at `key` in `parent`, made when missing: a dotted key in a
/// dotted table, inline in an inline one, else in the style `preferred`.
fn table_in<'a>(
    parent: &'a mut Item,
    key: &str,
    preferred: Style,
    parent_name: &str,
) -> Result<&'a mut Item, Conflict> {
    let style = match style_of(parent) {
        Some(Style::Header) => preferred,
        Some(style) => style,
        None => return Err(not_a_table(parent_name)),
    };
    let missing = parent.get(key).is_none();
    if missing {
        insert(parent, key, new_table(style));
    }
    match entry_mut(parent, key) {
        Some(child) if child.is_table_like() => Ok(child),
        _ => Err(not_a_table(key)),
    }
}

/// The entry at `key` of the table `item`: unlike `Item::get_mut`, which
/// adds an empty entry where there is none, it leaves the table as it is.
fn entry_mut<'a>(item: &'a mut Item, key: &str) -> Option<&'a mut Item> {
    item.as_table_like_mut()?.get_mut(key)
}

fn not_a_table(name: &str) -> Conflict {
    Conflict::new(
        format!("`{name}` is not a table"),
        "`cargo cratespace check` says what it should be",
    )
}

/// Inserts `item` at `key` of the table `parent`: after its last key, and
/// in an inline table with the spacing its last value has.
fn insert(parent: &mut Item, key: &str, item: Item) {
    match parent {
        Item::Table(table) => {
            if item.is_value() && table.is_implicit() {
                // A header table that held only tables gets its header,
                // right above them.
                let first = table
                    .iter()
                    .filter_map(|(_, child)| first_position(child))
                    .min();
                if first.is_some() {
                    table.set_position(first);
                }
                table.set_implicit(false);
            }
            table.insert(key, item);
        }
        Item::Value(Value::InlineTable(table)) => {
            if let Ok(value) = item.into_value() {
                push_inline(table, key, value);
            }
        }
        _ => {}
    }
}

fn push_inline(table: &mut InlineTable, key: &str, mut value: Value) {
    // `{ version = "1" }` keeps its space before `}` after the new value.
    if let Some((_, last)) = table.iter_mut().last() {
        let suffix = raw(last.decor().suffix()).to_owned();
        if !suffix.is_empty() {
            last.decor_mut().set_suffix("");
            value.decor_mut().set_prefix(" ");
            value.decor_mut().set_suffix(suffix);
        }
    }
    table.insert(key, value);
}

/// Appends `value` to `array`, laid out as its last element is: on a line
/// of its own in a list written one a line.
fn push(array: &mut Array, mut value: Value) {
    if let Some(last) = array.iter_mut().last() {
        let prefix = match raw(last.decor().prefix()) {
            "" => " ".to_owned(),
            prefix => prefix.to_owned(),
        };
        let suffix = raw(last.decor().suffix()).to_owned();
        last.decor_mut().set_suffix("");
        // A comment after the last element's comma stays on its line.
        let trailing = raw(Some(array.trailing())).to_owned();
        let (comment, rest) = match trailing.split_once('\n') {
            Some((comment, rest)) if comment.contains('#') => (comment, format!("\n{rest}")),
            _ => ("", trailing.clone()),
        };
        value.decor_mut().set_prefix(format!("{comment}{prefix}"));
        value.decor_mut().set_suffix(suffix);
        array.set_trailing(rest);
    }
    array.push_formatted(value);
}

fn raw(text: Option<&RawString>) -> &str {
    text.and_then(RawString::as_str).unwrap_or_default()
}

/// The members table of `Cargo.toml`, `[package.metadata.cratespace.members]`,
/// made when missing: after the cratespace table when that is written, else
/// at the end of the file, where such tables usually stand.
fn cargo_members(cargo: &mut DocumentMut) -> Result<&mut Item, Conflict> {
    let end = last_position(cargo.as_item()).map_or(0, |last| last + 1);
    let package = table_in(cargo.as_item_mut(), "package", Style::Header, "the root")?;
    let metadata = table_in(package, "metadata", Style::Header, "package")?;
    let cratespace = table_in(metadata, "cratespace", Style::Header, "package.metadata")?;
    let written =
        matches!(cratespace, Item::Table(table) if !table.is_implicit() && !table.is_dotted());
    let missing = cratespace.get("members").is_none();
    let members = table_in(
        cratespace,
        "members",
        Style::Header,
        "package.metadata.cratespace",
    )?;
    if let Item::Table(table) = members {
        if missing && !written && !table.is_dotted() {
            table.set_position(Some(end));
        }
    }
    Ok(members)
}

/// The first position among the header tables in `item`.
fn first_position(item: &Item) -> Option<isize> {
    match item {
        Item::Table(table) => table
            .iter()
            .filter_map(|(_, child)| first_position(child))
            .chain(table.position())
            .min(),
        Item::ArrayOfTables(tables) => tables.iter().filter_map(Table::position).min(),
        _ => None,
    }
}

/// The last position among the header tables in `item`.
fn last_position(item: &Item) -> Option<isize> {
    match item {
        Item::Table(table) => table
            .iter()
            .filter_map(|(_, child)| last_position(child))
            .chain(table.position())
            .max(),
        Item::ArrayOfTables(tables) => tables.iter().filter_map(Table::position).max(),
        _ => None,
    }
}

/// Adds the member at `request.module` under `members`; whether it was
/// not there already.
fn add_member(members: &mut Item, request: &Request, names: &[String]) -> Result<bool, Conflict> {
    let Some((leaf, namespaces)) = request.module.split_last() else {
        return Ok(false);
    };
    let tree_style = first_namespace_style(members).unwrap_or(Style::Dotted);
    let mut parent = members;
    for (depth, segment) in namespaces.iter().enumerate() {
        let path = request.module[..=depth].join("::");
        if parent.get(segment).is_some_and(is_member) {
            return Err(Conflict::new(
                format!(
                    "`{path}` is a member, not a namespace that can hold `{}`",
                    request.module.join("::")
                ),
                "choose a module path that does not pass through a member",
            ));
        }
        let style = namespace_styles(parent).next().unwrap_or(tree_style);
        parent = table_in(parent, segment, style, &path)?;
    }
    let path = request.module.join("::");
    if leaf == "*" {
        return add_glob(parent, request, names);
    }
    match parent.get(leaf) {
        None => {
            insert(parent, leaf, Item::Value(member_value(request)));
            Ok(true)
        }
        Some(item) if !is_member(item) => Err(Conflict::new(
            format!("`{path}` is a namespace, so it cannot be a member"),
            format!("name the member inside it, as `{path}::NAME`, or choose another module name"),
        )),
        Some(item) if is_same_member(item, request, names) => Ok(false),
        Some(item) => Err(Conflict::new(
            format!("`{path}` is already a member, {}", describe_member(item)),
            "remove it from the cratespace table first, or choose another module name",
        )),
    }
}

/// `"*"`: a dependency or a list of them; another dependency joins the list.
fn add_glob(parent: &mut Item, request: &Request, names: &[String]) -> Result<bool, Conflict> {
    let Some(existing) = entry_mut(parent, "*") else {
        insert(parent, "*", Item::Value(member_value(request)));
        return Ok(true);
    };
    if let Some(array) = existing.as_array_mut() {
        if array
            .iter()
            .any(|value| is_same_value(value, request, names))
        {
            return Ok(false);
        }
        push(array, member_value(request));
        return Ok(true);
    }
    if is_same_member(existing, request, names) {
        return Ok(false);
    }
    let Some(mut first) = existing.clone().into_value().ok() else {
        return Err(not_a_table("*"));
    };
    let decor = first.decor().clone();
    first.decor_mut().clear();
    let mut list = Array::new();
    list.push_formatted(first);
    push(&mut list, member_value(request));
    let mut list = Value::Array(list);
    *list.decor_mut() = decor;
    *existing = Item::Value(list);
    Ok(true)
}

/// A string or a table with a `dependency` key; a namespace is a table
/// without one.
fn is_member(item: &Item) -> bool {
    match item.as_table_like() {
        Some(table) => table.contains_key("dependency"),
        None => true,
    }
}

/// The styles of the namespaces directly in `parent`, in order.
fn namespace_styles(parent: &Item) -> impl Iterator<Item = Style> + '_ {
    parent
        .as_table_like()
        .into_iter()
        .flat_map(|table| table.iter())
        .filter(|(key, item)| *key != "*" && !is_member(item))
        .filter_map(|(_, item)| style_of(item))
}

/// The style of the first namespace anywhere under `members`.
fn first_namespace_style(members: &Item) -> Option<Style> {
    namespace_styles(members).next().or_else(|| {
        members
            .as_table_like()?
            .iter()
            .filter(|(_, item)| !is_member(item))
            .find_map(|(_, item)| first_namespace_style(item))
    })
}

/// A plain string without options, as the manifest's own examples write a
/// member; an inline table with them.
fn member_value(request: &Request) -> Value {
    if request.doc.is_none() && request.voucher.is_none() {
        return Value::from(request.dependency.as_str());
    }
    let mut member = InlineTable::new();
    member.insert("dependency", Value::from(request.dependency.as_str()));
    if let Some(doc) = &request.doc {
        member.insert("doc", Value::from(doc.as_str()));
    }
    if let Some(voucher) = &request.voucher {
        let mut approval = InlineTable::new();
        approval.insert("approved", Value::from(voucher.approved.as_str()));
        let by = match &voucher.by[..] {
            [one] => Value::from(one.as_str()),
            many => Value::Array(many.iter().map(String::as_str).collect()),
        };
        approval.insert("by", by);
        if let Some(vet) = &voucher.vet {
            approval.insert("vet", Value::from(vet.as_str()));
        }
        member.insert("voucher", Value::InlineTable(approval));
    }
    Value::InlineTable(member)
}

/// Whether the member `item` re-exports the requested dependency with
/// every option the request gives.
fn is_same_member(item: &Item, request: &Request, names: &[String]) -> bool {
    match item {
        Item::Value(value) => is_same_value(value, request, names),
        _ => item
            .as_table_like()
            .is_some_and(|table| has_options(table, request, names)),
    }
}

fn is_same_value(value: &Value, request: &Request, names: &[String]) -> bool {
    match value {
        Value::String(dependency) => {
            request.doc.is_none()
                && request.voucher.is_none()
                && names_dependency(dependency.value(), names)
        }
        Value::InlineTable(table) => has_options(table, request, names),
        _ => false,
    }
}

fn text(table: &dyn TableLike, key: &str) -> Option<String> {
    table.get(key).and_then(Item::as_str).map(str::to_owned)
}

fn has_options(table: &dyn TableLike, request: &Request, names: &[String]) -> bool {
    if !text(table, "dependency").is_some_and(|dependency| names_dependency(&dependency, names)) {
        return false;
    }
    if request.doc.is_some() && text(table, "doc") != request.doc {
        return false;
    }
    let Some(voucher) = &request.voucher else {
        return true;
    };
    let Some(approval) = table.get("voucher").and_then(Item::as_table_like) else {
        return false;
    };
    let by: Vec<String> = match approval.get("by") {
        Some(item) => match item.as_array() {
            Some(list) => list
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect(),
            None => item.as_str().map(str::to_owned).into_iter().collect(),
        },
        None => Vec::new(),
    };
    text(approval, "approved").as_deref() == Some(voucher.approved.as_str())
        && by == voucher.by
        && (voucher.vet.is_none() || text(approval, "vet") == voucher.vet)
}

/// `for \`acme-json\``, or what the member is when it is not readable.
fn describe_member(item: &Item) -> String {
    let dependency = match item.as_table_like() {
        Some(table) => table.get("dependency").and_then(Item::as_str),
        None => item.as_str(),
    };
    match dependency {
        Some(dependency) => format!("for `{dependency}`"),
        None => "written otherwise".to_owned(),
    }
}

/// Whether a member's `dependency` value names the dependency: by any of
/// `names`, with `-` and `_` one.
fn names_dependency(written: &str, names: &[String]) -> bool {
    let written = written.replace('-', "_");
    names.iter().any(|name| name.replace('-', "_") == written)
}

/// The names a member may give the dependency by: its key, its package
/// and the name given on the command line.
fn member_names(cargo: &DocumentMut, request: &Request) -> Vec<String> {
    let key = &request.dependency;
    let mut names = vec![key.clone()];
    if let Some(item) = declaration(cargo, key) {
        names.push(package_name(key, item).to_owned());
    }
    if let Some(package) = request
        .new_dependency
        .as_ref()
        .and_then(|new| new.package.clone())
    {
        names.push(package);
    }
    names
}

/// Every entry of `[dependencies]` and of the `[target.*.dependencies]`
/// tables, the ones a member can re-export.
fn linked_entries(cargo: &DocumentMut) -> Vec<(&str, &Item)> {
    let mut tables: Vec<&Item> = cargo.get("dependencies").into_iter().collect();
    if let Some(targets) = cargo.get("target").and_then(Item::as_table_like) {
        tables.extend(
            targets
                .iter()
                .filter_map(|(_, target)| target.get("dependencies")),
        );
    }
    tables
        .into_iter()
        .filter_map(Item::as_table_like)
        .flat_map(|table| table.iter())
        .collect()
}

fn package_name<'a>(key: &'a str, entry: &'a Item) -> &'a str {
    entry
        .as_table_like()
        .and_then(|table| table.get("package"))
        .and_then(Item::as_str)
        .unwrap_or(key)
}

fn is_optional(cargo: &DocumentMut, key: &str) -> bool {
    linked_entries(cargo).into_iter().any(|(found, entry)| {
        found == key
            && entry
                .as_table_like()
                .and_then(|table| table.get("optional"))
                .and_then(Item::as_bool)
                == Some(true)
    })
}

/// Whether a feature lists `dep:key`.
fn named_with_dep_prefix(cargo: &DocumentMut, key: &str) -> bool {
    let named = format!("dep:{key}");
    cargo
        .get("features")
        .and_then(Item::as_table_like)
        .into_iter()
        .flat_map(|features| features.iter())
        .filter_map(|(_, list)| list.as_array())
        .flat_map(Array::iter)
        .any(|entry| entry.as_str() == Some(named.as_str()))
}

/// Writes the dependency: a requirement alone as a string, more as an
/// inline table, or as a `[dependencies.key]` table where the file writes
/// its dependencies so.
fn insert_dependency(cargo: &mut DocumentMut, key: &str, new: &NewDependency, optional: bool) {
    if cargo.get("dependencies").is_none() {
        // Right after [package], where cargo writes it.
        let mut table = Table::new();
        table.set_position(cargo.get("package").and_then(position_of));
        cargo.insert("dependencies", Item::Table(table));
    }
    let Some(dependencies) = cargo.get_mut("dependencies") else {
        return;
    };
    let mut fields: Vec<(&str, Value)> = Vec::new();
    if let Some(version) = &new.version {
        fields.push(("version", Value::from(version.as_str())));
    }
    if let Some(path) = &new.path {
        fields.push(("path", Value::from(path.as_str())));
    }
    if let Some(package) = &new.package {
        fields.push(("package", Value::from(package.as_str())));
    }
    if new.workspace {
        fields.push(("workspace", Value::from(true)));
    }
    if optional {
        fields.push(("optional", Value::from(true)));
    }
    let entry = match (&fields[..], dependencies) {
        ([("version", version)], _) => Item::Value(version.clone()),
        (_, Item::Table(table)) if is_written_as_tables(table) => {
            let mut entry = Table::new();
            for (name, value) in fields {
                entry.insert(name, Item::Value(value));
            }
            Item::Table(entry)
        }
        _ => Item::Value(Value::InlineTable(fields.into_iter().collect())),
    };
    if let Some(dependencies) = cargo.get_mut("dependencies") {
        insert(dependencies, key, entry);
    }
}

fn position_of(item: &Item) -> Option<isize> {
    item.as_table().and_then(Table::position)
}

/// `[dependencies.a]`, `[dependencies.b]`, and no `[dependencies]` of its own.
fn is_written_as_tables(table: &Table) -> bool {
    table.is_implicit()
        && !table.is_empty()
        && table
            .iter()
            .all(|(_, entry)| matches!(entry, Item::Table(entry) if !entry.is_dotted()))
}

/// Sets `optional = true` on every declaration of `key`.
fn make_optional(cargo: &mut DocumentMut, key: &str) {
    let mut tables: Vec<&mut Item> = Vec::new();
    for (name, item) in cargo.as_table_mut().iter_mut() {
        match name.get() {
            "dependencies" => tables.push(item),
            "target" => {
                if let Some(targets) = item.as_table_like_mut() {
                    tables.extend(
                        targets
                            .iter_mut()
                            .filter_map(|(_, target)| entry_mut(target, "dependencies")),
                    );
                }
            }
            _ => {}
        }
    }
    for entry in tables.into_iter().filter_map(|table| entry_mut(table, key)) {
        match entry {
            Item::Value(Value::String(requirement)) => {
                let mut table = InlineTable::new();
                table.insert("version", Value::from(requirement.value().as_str()));
                table.insert("optional", Value::from(true));
                *table.decor_mut() = requirement.decor().clone();
                *entry = Item::Value(Value::InlineTable(table));
            }
            Item::Value(Value::InlineTable(table)) => match table.get_mut("optional") {
                Some(optional) => {
                    let decor = optional.decor().clone();
                    *optional = Value::from(true);
                    *optional.decor_mut() = decor;
                }
                None => push_inline(table, "optional", Value::from(true)),
            },
            Item::Table(table) => {
                table.insert("optional", toml_edit::value(true));
            }
            _ => {}
        }
    }
}

/// Adds `enables` to `feature`'s list, made when missing; whether anything
/// changed: not when the list enables `key` already, by `dep:key`, `key`
/// or `key/feature`.
fn enable(
    cargo: &mut DocumentMut,
    feature: &str,
    key: &str,
    enables: &str,
) -> Result<bool, Conflict> {
    if cargo.get("features").is_none() {
        // After the dependencies it enables.
        let after = ["dependencies", "target"]
            .iter()
            .filter_map(|name| cargo.get(name).and_then(last_position))
            .max()
            .or_else(|| cargo.get("package").and_then(position_of));
        let mut table = Table::new();
        table.set_position(after);
        cargo.insert("features", Item::Table(table));
    }
    let Some(features) = cargo.get_mut("features") else {
        return Ok(false);
    };
    let Some(list) = entry_mut(features, feature) else {
        let list: Array = [enables].into_iter().collect();
        insert(features, feature, Item::Value(Value::Array(list)));
        return Ok(true);
    };
    let Some(list) = list.as_array_mut() else {
        return Err(Conflict::new(
            format!("the feature `{feature}` is not a list"),
            "write it as a list, as `feature = [\"dep:name\"]`",
        ));
    };
    let with_features = format!("{key}/");
    let named = format!("dep:{key}");
    let enabled = list
        .iter()
        .filter_map(Value::as_str)
        .any(|entry| entry == named || entry == key || entry.starts_with(&with_features));
    if enabled {
        return Ok(false);
    }
    push(list, Value::from(enables));
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` with `request` applied, which must not conflict.
    fn edited(text: &str, request: &Request) -> String {
        let mut cargo: DocumentMut = text.parse().unwrap();
        apply(&mut cargo, None, request).unwrap();
        cargo.to_string()
    }

    fn member(module: &str, dependency: &str) -> Request {
        Request {
            module: module.split("::").map(str::to_owned).collect(),
            dependency: dependency.to_owned(),
            ..Request::default()
        }
    }

    #[test]
    fn a_members_table_of_namespaces_alone_gets_its_header_above_them() {
        let text = "\
[package]
name = \"top\"

[dependencies]
a = \"1\"
b = \"1\"

[package.metadata.cratespace.members.formats]
json = \"a\"
";
        assert_eq!(
            edited(text, &member("core", "b")),
            "\
[package]
name = \"top\"

[dependencies]
a = \"1\"
b = \"1\"

[package.metadata.cratespace.members]
core = \"b\"

[package.metadata.cratespace.members.formats]
json = \"a\"
"
        );
    }

    #[test]
    fn a_list_written_one_a_line_takes_the_entry_on_a_line_of_its_own() {
        let text = "\
[dependencies]
a = { version = \"1\", optional = true }
b = { version = \"1\" }

[features]
all = [
    \"dep:a\", # the first
]
";
        let request = Request {
            feature: Some("all".to_owned()),
            ..member("b", "b")
        };
        assert_eq!(
            edited(text, &request),
            "\
[dependencies]
a = { version = \"1\", optional = true }
b = { version = \"1\", optional = true }

[features]
all = [
    \"dep:a\", # the first
    \"dep:b\",
]

[package.metadata.cratespace.members]
b = \"b\"
"
        );
    }

    #[test]
    fn dependencies_written_as_tables_get_one_more() {
        let text = "\
[package]
name = \"top\"

[dependencies.a]
version = \"1\"

[package.metadata.cratespace.members]
a = \"a\"
";
        let request = Request {
            new_dependency: Some(NewDependency {
                version: Some("2".to_owned()),
                path: Some("../b".to_owned()),
                ..NewDependency::default()
            }),
            optional: true,
            ..member("b", "b")
        };
        assert_eq!(
            edited(text, &request),
            "\
[package]
name = \"top\"

[dependencies.a]
version = \"1\"

[dependencies.b]
version = \"2\"
path = \"../b\"
optional = true

[features]
b = [\"dep:b\"]

[package.metadata.cratespace.members]
a = \"a\"
b = \"b\"
"
        );
    }

    #[test]
    fn a_requirement_alone_becomes_a_table_when_made_optional() {
        let text = "\
[dependencies]
a = \"1.2\" # why a is here
";
        let request = Request {
            optional: true,
            ..member("a", "a")
        };
        let edited = edited(text, &request);
        assert!(
            edited.starts_with(
                "[dependencies]\na = { version = \"1.2\", optional = true } # why a is here\n"
            ),
            "{edited}"
        );
    }

    #[test]
    fn a_glob_gathers_its_dependencies_in_a_list() {
        let text = "\
[package.metadata.cratespace.members]
\"*\" = \"a\" # everything of a
";
        let edited = edited(text, &member("*", "b"));
        assert_eq!(
            edited,
            "[package.metadata.cratespace.members]\n\"*\" = [\"a\", \"b\"] # everything of a\n"
        );
        assert_eq!(
            self::edited(&edited, &member("*", "c")),
            "[package.metadata.cratespace.members]\n\"*\" = [\"a\", \"b\", \"c\"] # everything of a\n"
        );
    }

    #[test]
    fn the_same_member_again_changes_nothing_and_another_conflicts() {
        let text = "\
[dependencies]
a-json = \"1\"

[package.metadata.cratespace.members]
json = { dependency = \"a_json\", doc = \"JSON\" }
";
        let mut cargo: DocumentMut = text.parse().unwrap();
        assert_eq!(
            apply(&mut cargo, None, &member("json", "a-json")),
            Ok(vec![])
        );
        assert_eq!(cargo.to_string(), text);
        let other_doc = Request {
            doc: Some("Other".to_owned()),
            ..member("json", "a-json")
        };
        let conflict = apply(&mut cargo, None, &other_doc).unwrap_err();
        assert_eq!(conflict.message, "`json` is already a member, for `a_json`");
        let through = apply(&mut cargo, None, &member("json::x", "a-json")).unwrap_err();
        assert_eq!(
            through.message,
            "`json` is a member, not a namespace that can hold `json::x`"
        );
    }
}
