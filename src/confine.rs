//! Which checklist file an assessment may use.
//!
//! An assessment is untrusted input: CI validates the files a pull request
//! changes, often as root. Its `checklist.path` is therefore relative and,
//! after every link is resolved, stays inside the assessment's repository
//! (the nearest folder above it with a `.git`), or inside the assessment's
//! own folder when it is in no repository. Refusals never show the content of
//! the file the path pointed at.

use std::path::{Component, Path, PathBuf};

use crate::error::{Context, Result, input_error, refuse};

use crate::fsutil::folder_of;
use crate::text::escape_controls;

/// Why a path recorded in an assessment may not be used.
#[derive(Debug)]
pub(crate) enum Refused {
    /// Absolute, or empty.
    NotRelative,
    /// Leads outside the repository (or the folder, when in none); `scope` says which.
    Outside { scope: Scope },
    /// Leads into the repository's `.git` folder.
    InGit,
    /// The assessment's own folder cannot be resolved.
    Io(std::io::Error),
}

/// What a recorded path must stay inside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    Repository,
    /// The assessment's own folder, when it is in no git repository.
    Folder,
}

impl std::fmt::Display for Scope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Scope::Repository => "its repository",
            Scope::Folder => "its own folder (it is in no git repository)",
        })
    }
}

/// A path recorded in the assessment at `assessment_path` (`checklist.path`,
/// an evidence entry), resolved and checked to stay inside the assessment's
/// repository and outside `.git`. A missing file is judged by its folder, so
/// the answer never tells whether a file outside exists.
pub(crate) fn recorded_path(assessment_path: &Path, recorded: &str) -> std::result::Result<PathBuf, Refused> {
    relative(recorded)?;
    Recorded::base(assessment_path)?.resolve(recorded)
}

/// `recorded` as a relative path, or why not.
fn relative(recorded: &str) -> std::result::Result<&Path, Refused> {
    let relative = Path::new(recorded);
    if recorded.is_empty() || relative.has_root() || relative.is_absolute() {
        return Err(Refused::NotRelative);
    }
    Ok(relative)
}

/// What every path recorded in one assessment is resolved against: its
/// folder and repository, found once for all of them (an assessment names
/// dozens of evidence files, and finding these took some thirty system
/// calls a path).
pub(crate) struct Recorded {
    /// The folder as the assessment's place names it, for a missing file.
    named: PathBuf,
    /// The same folder, absolute and resolved.
    folder: PathBuf,
    root: PathBuf,
    scope: Scope,
}

impl Recorded {
    pub(crate) fn base(assessment_path: &Path) -> std::result::Result<Recorded, Refused> {
        let named = assessment_folder(assessment_path);
        let folder = canonical_folder(&named).map_err(Refused::Io)?;
        let (root, scope) = match repository_root(&folder) {
            Some(root) => (root, Scope::Repository),
            None => (folder.clone(), Scope::Folder),
        };
        Ok(Recorded {
            named,
            folder,
            root,
            scope,
        })
    }

    /// [`recorded_path`] from this base.
    pub(crate) fn resolve(&self, recorded: &str) -> std::result::Result<PathBuf, Refused> {
        let relative = relative(recorded)?;
        let (folder, root) = (&self.folder, &self.root);
        let outside = || Refused::Outside { scope: self.scope };
        // `..` is judged by name first, so a path that climbs out is refused
        // without touching the file system outside.
        if !normal(&folder.join(relative)).starts_with(root) {
            return Err(outside());
        }
        let Ok(resolved) = std::fs::canonicalize(folder.join(relative)) else {
            // A link that cannot be followed to its end counts as leading out.
            if std::fs::symlink_metadata(folder.join(relative)).is_ok() {
                return Err(outside());
            }
            let parent = canonical_folder(&folder_of(&folder.join(relative))).map_err(Refused::Io)?;
            if !parent.starts_with(root) {
                return Err(outside());
            }
            return Ok(self.named.join(relative));
        };
        if !resolved.starts_with(root) {
            return Err(outside());
        }
        // Git's own files (credentials in `.git/config`) are never an input.
        if resolved
            .strip_prefix(root)
            .is_ok_and(|inside| inside.components().any(|c| c.as_os_str() == ".git"))
        {
            return Err(Refused::InGit);
        }
        Ok(resolved)
    }
}

/// The checklist file `recorded` (an assessment's `checklist.path`) names,
/// checked to be one the assessment at `assessment_path` may read. Returns
/// the resolved path to read.
pub(crate) fn checklist_path(assessment_path: &Path, recorded: &str) -> Result<PathBuf> {
    let shown = escape_controls(recorded);
    let file = assessment_path.display();
    match recorded_path(assessment_path, recorded) {
        Ok(path) => Ok(path),
        Err(Refused::NotRelative) => {
            refuse!("{file}: `checklist.path` `{shown}` must be a path relative to the assessment's folder")
        }
        Err(Refused::Outside { scope }) => refuse!(
            "{file}: `checklist.path` `{shown}` leads outside {scope}; an assessment may only use a checklist \
             inside its repository, or inside its own folder when it is in none"
        ),
        Err(Refused::InGit) => {
            refuse!("{file}: `checklist.path` `{shown}` leads into the repository's `.git` folder")
        }
        Err(Refused::Io(error)) => Err(error).with_context(|| format!("cannot find the folder of {file}")),
    }
}

/// The folder an assessment's `checklist.path` is relative to: the folder of
/// the file itself, also when the path named is a link to it (the path was
/// recorded from the file's own place).
pub(crate) fn assessment_folder(assessment_path: &Path) -> PathBuf {
    let is_link = std::fs::symlink_metadata(assessment_path).is_ok_and(|m| m.file_type().is_symlink());
    match std::fs::canonicalize(assessment_path) {
        Ok(real) if is_link => folder_of(&real),
        _ => folder_of(assessment_path),
    }
}

/// The file to read for a path named on the command line. Inside a git
/// repository (found from the path as written, without following links), a
/// path that goes through a symbolic link must end inside that repository
/// and outside its `.git`: in CI a pull request can turn a file the workflow
/// names into a link to a secret. Outside any repository the user's own
/// links are followed as they are.
pub(crate) fn named_file(path: &Path) -> Result<PathBuf> {
    Ok(within_repository(path)?.unwrap_or_else(|| path.to_path_buf()))
}

/// The same rule for a file etika writes (`report -o`): a link a pull request
/// planted must not make a save land outside the repository, in `.git`, or
/// on a device.
pub(crate) fn output_file(path: &Path) -> Result<()> {
    within_repository(path).map(|_| ())
}

/// Where `path` leads when it is inside a repository as written: `None`
/// outside any repository. A path that does not exist is judged by its
/// folder, and a link that cannot be followed to its end (a dangling link,
/// a resolution too long for the system) counts as leading outside, so a
/// refusal never tells whether something outside exists.
fn within_repository(path: &Path) -> Result<Option<PathBuf>> {
    let written = normal(&std::path::absolute(path)?);
    // The outermost repository: a nearer `.git` may be one that a planted
    // folder link points into (`link -> /another/checkout`).
    let Some(root) = written.parent().and_then(outermost_repository) else {
        return Ok(None);
    };
    let root = std::fs::canonicalize(&root).unwrap_or(root);
    let shown = escape_controls(&path.display().to_string()).into_owned();
    let outside = || {
        input_error!(
            "{shown} goes through a symbolic link that leads outside its repository, or that etika cannot \
             follow to its end; etika does not follow links out of a repository (name the file itself if \
             you mean it)"
        )
    };
    let resolved = match std::fs::canonicalize(path) {
        Ok(resolved) => resolved,
        Err(error)
            if error.kind() == std::io::ErrorKind::NotFound
                && std::fs::symlink_metadata(path)
                    .is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound) =>
        {
            // Nothing there yet: its folder decides, and no link hides in the missing part.
            let name = written
                .file_name()
                .map(std::ffi::OsStr::to_os_string)
                .unwrap_or_default();
            canonical_folder(&folder_of(path))?.join(name)
        }
        Err(_) => return Err(outside()),
    };
    if !resolved.starts_with(&root) {
        return Err(outside());
    }
    if resolved
        .strip_prefix(&root)
        .is_ok_and(|inside| inside.components().any(|c| c.as_os_str() == ".git"))
    {
        refuse!("{shown} leads into the repository's `.git` folder");
    }
    Ok(Some(resolved))
}

/// The outermost folder at or above `folder` that has a `.git`.
fn outermost_repository(folder: &Path) -> Option<PathBuf> {
    folder
        .ancestors()
        .filter(|dir| std::fs::symlink_metadata(dir.join(".git")).is_ok())
        .last()
        .map(Path::to_path_buf)
}

/// The repository the assessment at `assessment_path` is in, resolved.
pub(crate) fn repository_of(assessment_path: &Path) -> Option<PathBuf> {
    repository_root(&canonical_folder(&assessment_folder(assessment_path)).ok()?)
}

/// The repository `folder` (absolute, resolved) is in: the nearest folder at
/// or above it that has a `.git` (a folder, or a file in a worktree).
fn repository_root(folder: &Path) -> Option<PathBuf> {
    folder
        .ancestors()
        .find(|dir| std::fs::symlink_metadata(dir.join(".git")).is_ok())
        .map(Path::to_path_buf)
}

/// `folder` made absolute with links resolved, also when its last parts do
/// not exist yet (`init -o new/folder/a.yaml`).
fn canonical_folder(folder: &Path) -> std::io::Result<PathBuf> {
    let absolute = std::path::absolute(folder)?;
    // A folder that exists resolves at once, as the walk below would end.
    if let Ok(resolved) = std::fs::canonicalize(&absolute) {
        return Ok(resolved);
    }
    let mut resolved = PathBuf::new();
    let mut components = absolute.components();
    for component in components.by_ref() {
        let next = resolved.join(component);
        if let Ok(path) = std::fs::canonicalize(&next) {
            resolved = path;
        } else {
            // The rest does not exist yet, so no link can hide in it.
            resolved = normal(&next.join(components.as_path()));
            break;
        }
    }
    Ok(resolved)
}

/// `path` with `.` and `..` resolved by name.
pub(crate) fn normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                // `/..` is `/`; a relative path keeps its leading `..`.
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(".."),
            },
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_repository() {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path().join("repo");
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        std::fs::create_dir_all(repo.join("docs")).unwrap();
        std::fs::write(repo.join("list.yaml"), "x").unwrap();
        std::fs::write(dir.path().join("outside.yaml"), "x").unwrap();
        let assessment = repo.join("docs/a.yaml");
        assert!(checklist_path(&assessment, "../list.yaml").is_ok());
        assert!(checklist_path(&assessment, "missing.yaml").is_ok());
        for bad in [
            "../../outside.yaml",
            "/etc/passwd",
            "",
            "../../repo/../outside.yaml",
        ] {
            let error = checklist_path(&assessment, bad).unwrap_err();
            assert!(
                format!("{error:#}").contains("`checklist.path`"),
                "{bad}: {error:#}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn links_are_resolved_before_the_check() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("secret"), "x").unwrap();
        let folder = dir.path().join("work");
        std::fs::create_dir_all(&folder).unwrap();
        std::os::unix::fs::symlink("../secret", folder.join("list.yaml")).unwrap();
        let error = checklist_path(&folder.join("a.yaml"), "list.yaml").unwrap_err();
        assert!(
            format!("{error:#}").contains("leads outside its own folder"),
            "{error:#}"
        );
    }

    #[test]
    fn folders_that_do_not_exist_yet_resolve() {
        let dir = tempfile::tempdir().unwrap();
        let folder = canonical_folder(&dir.path().join("new/deeper/../x")).unwrap();
        assert_eq!(folder, std::fs::canonicalize(dir.path()).unwrap().join("new/x"));
    }

    #[test]
    fn normal_resolves_dots_by_name_and_keeps_leading_parents() {
        assert_eq!(
            normal(Path::new("svc/a/../../lists/x.yaml")),
            Path::new("lists/x.yaml")
        );
        assert_eq!(normal(Path::new("./lists/x.yaml")), Path::new("lists/x.yaml"));
        assert_eq!(normal(Path::new("../../x.yaml")), Path::new("../../x.yaml"));
        assert_eq!(normal(Path::new("/../x")), Path::new("/x"));
    }
}
