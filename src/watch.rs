//! Watched paths: the files, folders and globs that make up the system an
//! assessment describes. A sign-off records a digest of each; a different
//! digest later means the system changed since it was signed.

use std::io::Read;
use std::path::Path;

use globset::GlobBuilder;
use ignore::WalkBuilder;
use sha2::{Digest, Sha256};

use crate::confine::{Refused, assessment_folder, recorded_path};
use crate::fingerprint::hex;

/// Why a watched path cannot be digested.
#[derive(Debug)]
pub(crate) enum Unwatchable {
    /// It names no file (or a glob that matches none); `true` in a git
    /// repository, where only tracked files count.
    Nothing(bool),
    /// It is not inside the assessment's repository (or folder).
    Refused(Refused),
    /// A glob that does not parse.
    BadGlob(String),
    Io(std::io::Error),
}

impl std::fmt::Display for Unwatchable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unwatchable::Nothing(false) => f.write_str("matches no file"),
            Unwatchable::Nothing(true) => f.write_str("matches no file git tracks"),
            Unwatchable::Refused(Refused::NotRelative) => {
                f.write_str("must be relative to the assessment's folder")
            }
            Unwatchable::Refused(Refused::Outside { scope }) => write!(f, "leads outside {scope}"),
            Unwatchable::Refused(Refused::InGit) => f.write_str("leads into the repository's `.git` folder"),
            Unwatchable::Refused(Refused::Io(error)) | Unwatchable::Io(error) => {
                write!(f, "cannot be read: {error}")
            }
            Unwatchable::BadGlob(why) => write!(f, "is not a valid glob: {why}"),
        }
    }
}

/// The digest of `entry` (a path or glob relative to the assessment at
/// `assessment_file`): SHA-256 over each matched file's path (from the top
/// of the repository, `/`-separated) and content (a link's target, for a
/// link), in path order. In a git repository the files are the ones git
/// tracks, so every machine and CI see the same set, hidden files
/// included; outside one, every file. The assessment itself and its
/// `.etika/` folder are never part of it: signing would change the digest.
pub(crate) fn digest(assessment_file: &Path, entry: &str) -> Result<String, Unwatchable> {
    let folder = std::fs::canonicalize(assessment_folder(assessment_file)).map_err(Unwatchable::Io)?;
    let glob_at = entry.find(['*', '?', '[']);
    // A glob is checked from the folder before its first wildcard.
    let literal = match glob_at {
        Some(at) => entry[..at].rsplit_once('/').map_or("", |(dir, _)| dir),
        None => entry.trim_end_matches('/'),
    };
    let literal = if literal.is_empty() { "." } else { literal };
    // Checked like any path an assessment names; then taken as written, so a
    // path that is gone still names what it was.
    recorded_path(assessment_file, literal).map_err(Unwatchable::Refused)?;
    let base = folder.join(literal);
    let repository = crate::confine::repository_of(assessment_file);
    let top = repository.clone().unwrap_or_else(|| folder.clone());
    let from_top = |path: &Path| -> Option<String> {
        let relative = crate::confine::normal(path)
            .strip_prefix(&top)
            .ok()?
            .to_path_buf();
        Some(slashed(&relative))
    };
    let base = from_top(&base).ok_or(Unwatchable::Refused(Refused::Outside {
        scope: crate::confine::Scope::Repository,
    }))?;
    let matcher = match glob_at {
        Some(_) => {
            let pattern = from_top(&folder.join(entry)).ok_or(Unwatchable::Refused(Refused::Outside {
                scope: crate::confine::Scope::Repository,
            }))?;
            // As in .gitignore: `*` stays within one folder, `**` crosses them.
            Some(
                GlobBuilder::new(&pattern)
                    .literal_separator(true)
                    .build()
                    .map_err(|e| Unwatchable::BadGlob(e.kind().to_string()))?
                    .compile_matcher(),
            )
        }
        None => None,
    };
    let own = [
        from_top(&folder.join(assessment_file.file_name().unwrap_or_default())).unwrap_or_default(),
        from_top(&folder.join(".etika")).unwrap_or_default(),
    ];
    let candidates = match &repository {
        Some(root) => tracked_files(root)?,
        None => every_file(&top)?,
    };
    let inside = |path: &str| base.is_empty() || path == base || path.starts_with(&format!("{base}/"));
    let mut files: Vec<String> = candidates
        .into_iter()
        .filter(|path| inside(path))
        .filter(|path| {
            !own.iter()
                .any(|own| path == own || path.starts_with(&format!("{own}/")))
        })
        .filter(|path| matcher.as_ref().is_none_or(|m| m.is_match(path)))
        .collect();
    if files.is_empty() {
        return Err(Unwatchable::Nothing(repository.is_some()));
    }
    files.sort();
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; 64 * 1024];
    for shown in &files {
        let path = top.join(shown);
        hasher.update(shown.as_bytes());
        hasher.update([0]);
        let mut content = Sha256::new();
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = std::fs::read_link(&path).map_err(Unwatchable::Io)?;
                content.update(b"link:");
                content.update(target.to_string_lossy().as_bytes());
            }
            // A tracked file deleted from the working tree is a change too.
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => content.update(b"deleted"),
            _ => {
                let mut file = std::fs::File::open(&path).map_err(Unwatchable::Io)?;
                loop {
                    let read = file.read(&mut buffer).map_err(Unwatchable::Io)?;
                    if read == 0 {
                        break;
                    }
                    content.update(&buffer[..read]);
                }
            }
        }
        hasher.update(content.finalize());
    }
    Ok(hex(&hasher.finalize()))
}

/// `path` with `/` between its parts, as git names files.
fn slashed(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The files git tracks in the repository at `root`, `/`-separated.
fn tracked_files(root: &Path) -> Result<Vec<String>, Unwatchable> {
    let output = git(root)
        .args(["ls-files", "-z", "--cached"])
        .output()
        .map_err(Unwatchable::Io)?;
    if !output.status.success() {
        return Err(Unwatchable::Io(std::io::Error::other(
            "`git ls-files` failed (is git installed, and the repository readable?)",
        )));
    }
    Ok(output
        .stdout
        .split(|b| *b == 0)
        .filter(|p| !p.is_empty())
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect())
}

/// Every file under `top`, links included as links, none followed.
fn every_file(top: &Path) -> Result<Vec<String>, Unwatchable> {
    let mut files = Vec::new();
    let walk = WalkBuilder::new(top)
        .standard_filters(false)
        .follow_links(false)
        .build();
    for found in walk {
        let found = found.map_err(|e| Unwatchable::Io(std::io::Error::other(e.to_string())))?;
        if found.file_type().is_some_and(|t| t.is_file() || t.is_symlink())
            && let Ok(relative) = found.path().strip_prefix(top)
        {
            files.push(slashed(relative));
        }
    }
    Ok(files)
}

/// `git` in `dir`, with the repository's own configuration kept from
/// running anything: no fsmonitor, no pager, no signature checks (whose
/// `gpg.program` the repository could set).
pub(crate) fn git(dir: &Path) -> std::process::Command {
    let mut command = std::process::Command::new("git");
    command
        .arg("-C")
        .arg(dir)
        .args([
            "--no-pager",
            "-c",
            "core.fsmonitor=false",
            "-c",
            "log.showSignature=false",
        ])
        .args(["-c", "gpg.program=false", "-c", "core.hooksPath=/dev/null"])
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    command
}

/// The commits since `commit` that touched `paths` (relative to the
/// assessment's folder), newest first, as `abc1234 subject` lines; empty when
/// git is not there or cannot tell.
pub(crate) fn commits_since(assessment_file: &Path, commit: &str, paths: &[&str]) -> Vec<String> {
    let folder = assessment_folder(assessment_file);
    if !commit.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Vec::new();
    }
    let output = git(&folder)
        .args([
            "log",
            "--no-color",
            "--no-show-signature",
            "--format=%h %s",
            &format!("{commit}..HEAD"),
            "--",
        ])
        .args(paths.iter().map(|p| p.trim_end_matches('/')))
        .output();
    match output {
        Ok(output) if output.status.success() => String::from_utf8_lossy(&output.stdout)
            .lines()
            .map(|l| crate::text::escape_controls(l).into_owned())
            .collect(),
        _ => Vec::new(),
    }
}

/// The commit the assessment's repository is at, if git can tell.
pub(crate) fn head_commit(assessment_file: &Path) -> Option<String> {
    let output = git(&assessment_folder(assessment_file))
        .args(["rev-parse", "HEAD"])
        .output()
        .ok()?;
    let commit = String::from_utf8_lossy(&output.stdout).trim().to_string();
    (output.status.success() && commit.len() >= 7 && commit.bytes().all(|b| b.is_ascii_hexdigit()))
        .then_some(commit)
}
