//! `etika checklist new`: a commented organisation checklist that extends
//! the built-in one, to edit rather than to write from nothing.

/// The scaffold, with `{PATH}` where it names its own file.
const SCAFFOLD: &str = include_str!("scaffold.yaml");

/// The scaffold for a checklist written at `path`.
pub(crate) fn text(path: &str) -> String {
    SCAFFOLD.replace("{PATH}", path)
}
