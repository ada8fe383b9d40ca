//! Watched paths: the files, folders and globs that make up the system an
//! assessment describes. A sign-off records a digest of each; a different
//! digest later means the system changed since it was signed.

use std::io::Read;
use std::path::{Path, PathBuf};

use globset::GlobBuilder;
use ignore::WalkBuilder;
use sha2::{Digest, Sha256};

use crate::confine::{Refused, assessment_folder, recorded_path};
use crate::fingerprint::hex;

/// Why a watched path cannot be digested.
#[derive(Debug)]
pub(crate) enum Unwatchable {
    /// It names no file (or a glob that matches none).
    Nothing,
    /// It is not inside the assessment's repository (or folder).
    Refused(Refused),
    /// A glob that does not parse.
    BadGlob(String),
    Io(std::io::Error),
}

impl std::fmt::Display for Unwatchable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unwatchable::Nothing => f.write_str("matches no file"),
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
/// `assessment_file`): SHA-256 over each matched file's path (relative to
/// the assessment's folder, `/`-separated) and content, in path order.
/// Files git ignores and hidden files are left out, links are not followed.
pub(crate) fn digest(assessment_file: &Path, entry: &str) -> Result<String, Unwatchable> {
    let folder = assessment_folder(assessment_file);
    let glob_at = entry.find(['*', '?', '[', '{']);
    // A glob is walked from the folder before its first wildcard.
    let literal = match glob_at {
        Some(at) => entry[..at].rsplit_once('/').map_or("", |(dir, _)| dir),
        None => entry.trim_end_matches('/'),
    };
    let base = if literal.is_empty() { "." } else { literal };
    let root = recorded_path(assessment_file, base).map_err(Unwatchable::Refused)?;
    if !root.exists() {
        return Err(Unwatchable::Nothing);
    }
    let matcher = match glob_at {
        Some(_) => Some(
            // As in .gitignore: `*` stays within one folder, `**` crosses them.
            GlobBuilder::new(entry)
                .literal_separator(true)
                .build()
                .map_err(|e| Unwatchable::BadGlob(e.kind().to_string()))?
                .compile_matcher(),
        ),
        None => None,
    };
    let canonical_folder = std::fs::canonicalize(&folder).map_err(Unwatchable::Io)?;
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    for found in WalkBuilder::new(&root).follow_links(false).build() {
        let found = found.map_err(|e| Unwatchable::Io(std::io::Error::other(e.to_string())))?;
        if !found.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let path = found.into_path();
        let Ok(relative) = path
            .strip_prefix(&canonical_folder)
            .or_else(|_| path.strip_prefix(&folder))
        else {
            continue;
        };
        let shown = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if matcher.as_ref().is_none_or(|m| m.is_match(&shown)) {
            files.push((shown, path));
        }
    }
    if files.is_empty() {
        return Err(Unwatchable::Nothing);
    }
    files.sort();
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; 64 * 1024];
    for (shown, path) in &files {
        hasher.update(shown.as_bytes());
        hasher.update([0]);
        let mut file = std::fs::File::open(path).map_err(Unwatchable::Io)?;
        let mut content = Sha256::new();
        loop {
            let read = file.read(&mut buffer).map_err(Unwatchable::Io)?;
            if read == 0 {
                break;
            }
            content.update(&buffer[..read]);
        }
        hasher.update(content.finalize());
    }
    Ok(hex(&hasher.finalize()))
}

/// The commits since `commit` that touched `paths` (relative to the
/// assessment's folder), newest first, as `abc1234 subject` lines; empty when
/// git is not there or cannot tell.
pub(crate) fn commits_since(assessment_file: &Path, commit: &str, paths: &[&str]) -> Vec<String> {
    let folder = assessment_folder(assessment_file);
    if !commit.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Vec::new();
    }
    let output = std::process::Command::new("git")
        .arg("-C")
        .arg(&folder)
        // A repository's own config must not make `git log` run anything.
        .args([
            "-c",
            "core.fsmonitor=false",
            "-c",
            "core.pager=cat",
            "log",
            "--no-color",
        ])
        .args(["--format=%h %s", &format!("{commit}..HEAD"), "--"])
        .args(paths.iter().map(|p| p.trim_end_matches('/')))
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
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
    let output = std::process::Command::new("git")
        .arg("-C")
        .arg(assessment_folder(assessment_file))
        .args(["-c", "core.fsmonitor=false", "rev-parse", "HEAD"])
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    let commit = String::from_utf8_lossy(&output.stdout).trim().to_string();
    (output.status.success() && commit.len() >= 7 && commit.bytes().all(|b| b.is_ascii_hexdigit()))
        .then_some(commit)
}
