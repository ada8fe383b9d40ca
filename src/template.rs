//! Where the report's templates come from, and how their errors read.
//!
//! The built-in templates are embedded and always reachable as `etika/NAME`,
//! so a template of one's own can `{% extends "etika/report.md.j2" %}` and
//! override one block. `--template PATH` renders one file instead of
//! `report.md.j2`; `--template-dir DIR` looks every name up in DIR first and
//! falls back to the embedded template of that name. A name never leads out
//! of DIR: no `..`, no part starting with a dot (`.git`), no link whose
//! target is outside DIR. Undefined variables are errors that name the
//! template, the line and the expression.

use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use minijinja::{Environment, ErrorKind, UndefinedBehavior};

use crate::error::{Result, input_error, refuse};
use crate::text::escape_controls;

/// The name the report is rendered from, in DIR or embedded.
pub(crate) const ENTRY: &str = "report.md.j2";

/// The prefix under which the embedded templates stay reachable whatever DIR holds.
const BUILT_IN: &str = "etika/";

/// The embedded templates, by name.
const EMBEDDED: &[(&str, &str)] = &[(ENTRY, include_str!("../templates/report.md.j2"))];

/// Which templates a report is rendered with.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Templates<'a> {
    BuiltIn,
    /// `--template PATH`: one file replaces `report.md.j2`.
    File(&'a Path),
    /// `--template-dir DIR`: files in DIR override the embedded ones of the same name.
    Dir(&'a Path),
}

/// An environment ready to render, and the name of the template to render.
pub(crate) struct Loaded {
    pub(crate) env: Environment<'static>,
    pub(crate) entry: String,
    /// The files read from disk so far (`report -o` must not overwrite one).
    read: Arc<Mutex<Vec<PathBuf>>>,
    /// DIR as named, to show where a template came from.
    dir: Option<PathBuf>,
    /// `entry` is the `--template` file (shown as named, not as built in).
    entry_is_file: bool,
}

impl Loaded {
    /// The template files read from disk while rendering.
    pub(crate) fn files_read(&self) -> Vec<PathBuf> {
        self.read.lock().map(|files| files.clone()).unwrap_or_default()
    }

    /// `error` as one message naming the template (as a path for a file in
    /// DIR, with `(built in)` for an embedded one), the line and what minijinja
    /// says, e.g. `` `sytem.name` is undefined ``.
    pub(crate) fn error(&self, error: &minijinja::Error) -> crate::error::Error {
        // An error inside an included template comes wrapped in one at the
        // `include`: the innermost says what went wrong, the others where from.
        let mut chain = vec![error];
        let mut source = std::error::Error::source(error);
        while let Some(inner) = source {
            match inner.downcast_ref::<minijinja::Error>() {
                Some(inner) => chain.push(inner),
                None => break,
            }
            source = inner.source();
        }
        let innermost = chain.pop().unwrap_or(error);
        let mut message = format!("{}: template error: ", self.place(innermost));
        match innermost.detail() {
            Some(detail) => message.push_str(detail),
            None => message.push_str(&innermost.kind().to_string()),
        }
        if let Some(source) = source {
            message.push_str(&format!(": {source}"));
        }
        for outer in chain.iter().rev() {
            message.push_str(&format!(" (included from {})", self.place(outer)));
        }
        input_error!("{}", escape_controls(&message))
    }

    /// `NAME:LINE` of an error, or `NAME` when minijinja knows no line.
    fn place(&self, error: &minijinja::Error) -> String {
        let shown = self.shown(error.name().unwrap_or(&self.entry));
        match error.line() {
            Some(line) => format!("{shown}:{line}"),
            None => shown,
        }
    }

    fn shown(&self, name: &str) -> String {
        if let Some(dir) = self.dir.as_ref().filter(|_| self.in_dir(name)) {
            return dir.join(name).display().to_string();
        }
        if self.entry_is_file && name == self.entry {
            return name.to_string();
        }
        let built_in = name.strip_prefix(BUILT_IN).unwrap_or(name);
        match embedded(built_in) {
            Some(_) => format!("{BUILT_IN}{built_in} (built in)"),
            None => name.to_string(),
        }
    }

    /// Whether `name` was read from DIR.
    fn in_dir(&self, name: &str) -> bool {
        self.dir.as_ref().is_some_and(|dir| {
            let path = dir.join(name);
            self.files_read().contains(&path)
        })
    }
}

/// An environment for `templates`: the built-in templates embedded, strict
/// about undefined variables, with debug information so that an error can
/// name the expression that was undefined. Filters are the caller's.
pub(crate) fn load(templates: Templates<'_>) -> Result<Loaded> {
    let mut env = Environment::new();
    // Strict: `{% if sytem.owner %}` is an error too, not silently false.
    // Optional fields are in the context as none, so `{% if system.owner %}` works.
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    // Debug information is what lets an error say which variable was undefined;
    // it costs nothing until an error happens.
    env.set_debug(true);
    // The report is Markdown whatever a template file is called (`x.html`
    // would turn on HTML escaping on top of the filters' own).
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
    let read = Arc::new(Mutex::new(Vec::new()));
    let mut loaded = match templates {
        Templates::BuiltIn | Templates::File(_) => {
            env.set_loader(|name| Ok(embedded(name.strip_prefix(BUILT_IN).unwrap_or(name))));
            let (entry, entry_is_file) = match templates {
                Templates::File(path) => (path.display().to_string(), true),
                _ => (ENTRY.to_string(), false),
            };
            Loaded {
                env,
                entry,
                read,
                dir: None,
                entry_is_file,
            }
        }
        Templates::Dir(dir) => {
            let resolved = std::fs::canonicalize(crate::confine::named_file(dir)?)
                .map_err(|e| input_error!("cannot read --template-dir {}: {e}", shown_path(dir)))?;
            if !resolved.is_dir() {
                refuse!("--template-dir {} is not a folder", shown_path(dir));
            }
            let folder = Folder {
                named: dir.to_path_buf(),
                resolved,
                read: Arc::clone(&read),
            };
            env.set_loader(move |name| folder.load(name));
            Loaded {
                env,
                entry: ENTRY.to_string(),
                read,
                dir: Some(dir.to_path_buf()),
                entry_is_file: false,
            }
        }
    };
    if let Templates::File(path) = templates {
        let source = crate::fsutil::read_text_as(
            &crate::confine::named_file(path)?,
            &format!("template {}", path.display()),
        )?;
        push(&loaded.read, path.to_path_buf());
        let name = loaded.entry.clone();
        if let Err(error) = loaded.env.add_template_owned(name, source) {
            return Err(loaded.error(&error));
        }
    }
    Ok(loaded)
}

fn push(read: &Mutex<Vec<PathBuf>>, path: PathBuf) {
    if let Ok(mut files) = read.lock() {
        files.push(path);
    }
}

fn shown_path(path: &Path) -> String {
    escape_controls(&path.display().to_string()).into_owned()
}

/// The embedded template `name` (without the `etika/` prefix).
fn embedded(name: &str) -> Option<String> {
    EMBEDDED
        .iter()
        .find(|(embedded, _)| *embedded == name)
        .map(|(_, source)| (*source).to_string())
}

/// `--template-dir`: DIR as named and as resolved, and what was read from it.
struct Folder {
    named: PathBuf,
    resolved: PathBuf,
    read: Arc<Mutex<Vec<PathBuf>>>,
}

impl Folder {
    /// The template `name`: `etika/NAME` embedded; otherwise DIR's file,
    /// else the embedded one of that name, else none (minijinja then says
    /// the template does not exist).
    fn load(&self, name: &str) -> std::result::Result<Option<String>, minijinja::Error> {
        if let Some(built_in) = name.strip_prefix(BUILT_IN) {
            return Ok(embedded(built_in));
        }
        let refused = |why: String| minijinja::Error::new(ErrorKind::InvalidOperation, why);
        let relative = template_path(name).ok_or_else(|| {
            refused(format!(
                "template name `{}` is not a path inside --template-dir: names are relative, with `/` \
                 between folders, and no part may be empty or start with a dot",
                escape_controls(name)
            ))
        })?;
        let path = self.resolved.join(&relative);
        let shown = shown_path(&self.named.join(&relative));
        match std::fs::symlink_metadata(&path) {
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(embedded(name)),
            Err(error) => return Err(refused(format!("cannot read template {shown}: {error}"))),
            Ok(_) => {}
        }
        // A link is followed only while it stays inside DIR: a template
        // folder in a pull request must not render a file from elsewhere.
        let inside = std::fs::canonicalize(&path)
            .ok()
            .filter(|real| real.starts_with(&self.resolved));
        let Some(real) = inside else {
            return Err(refused(format!(
                "template {shown} is a symbolic link (or goes through one) that leads outside \
                 --template-dir, or that cannot be followed; etika reads templates only from inside the folder"
            )));
        };
        let source = crate::fsutil::read_text_as(&real, &format!("template {shown}"))
            .map_err(|error| refused(error.to_string()))?;
        push(&self.read, self.named.join(&relative));
        Ok(Some(source))
    }
}

/// `name` as a relative path of plain parts, or `None` when a part is
/// empty, `.`, `..`, hidden, or not a plain name on this system.
fn template_path(name: &str) -> Option<PathBuf> {
    let mut path = PathBuf::new();
    for part in name.split('/') {
        if part.is_empty() || part.starts_with('.') || part.contains(['\\', '\0']) {
            return None;
        }
        let mut components = Path::new(part).components();
        match (components.next(), components.next()) {
            (Some(Component::Normal(plain)), None) if plain == part => path.push(part),
            _ => return None,
        }
    }
    Some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_names_stay_plain_relative_paths() {
        assert_eq!(template_path("report.md.j2"), Some(PathBuf::from("report.md.j2")));
        assert_eq!(template_path("parts/row.j2"), Some(PathBuf::from("parts/row.j2")));
        for bad in [
            "../secret",
            "parts/../../x",
            "/etc/passwd",
            "",
            "a//b",
            "./x",
            ".git/config",
            "a\\..\\b",
            "a\0b",
        ] {
            assert_eq!(template_path(bad), None, "{bad:?}");
        }
    }
}
