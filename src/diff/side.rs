//! One side of `etika diff`: an assessment file, or the file at a git
//! revision (`REV:PATH`, read with `git show`).

use std::path::{Path, PathBuf};
use std::process::Stdio;

use crate::assessment::Assessment;
use crate::error::{Result, refuse};
use crate::text::{code_span, escape_controls};

/// An assessment to compare, with where it stands.
pub(crate) struct Side {
    /// As the user named it, for headings and errors.
    pub(crate) name: String,
    /// Where the file is, or would be, in the working tree: its checklist
    /// path, evidence and watched paths are resolved from here, for a
    /// revision too.
    pub(crate) path: PathBuf,
    pub(crate) assessment: Assessment,
}

/// Reads `spec`: a file when one is there by that name (so `C:x` or a file
/// whose name has a colon is never taken for a revision), else `REV:PATH`
/// when it has a colon, else a file (whose absence is then the error).
pub(crate) fn load(spec: &Path) -> Result<Side> {
    let name = spec.display().to_string();
    let exists = std::fs::symlink_metadata(spec).is_ok();
    if !exists && let Some((revision, path)) = spec.to_str().and_then(|s| s.split_once(':')) {
        return at_revision(&name, revision, path);
    }
    let stored = crate::store::load(spec)?;
    Ok(Side {
        name,
        path: spec.to_path_buf(),
        assessment: stored.assessment,
    })
}

/// `git show REV:./PATH`, run in the current folder: PATH is relative to
/// it, as on the command line, not to the repository's top as git reads a
/// bare `REV:PATH`.
fn at_revision(name: &str, revision: &str, path: &str) -> Result<Side> {
    let shown = code_span(name);
    // `git show --output=FILE` would write a file: no option reaches git.
    if revision.starts_with('-') {
        refuse!("{shown}: a revision cannot start with `-`");
    }
    if path.is_empty() {
        refuse!(
            "{shown} names no file after the revision; write REV:PATH, e.g. `HEAD:ethics-assessment.yaml`"
        );
    }
    let here = std::env::current_dir()?;
    let in_git = if Path::new(path).is_absolute() {
        from_top(name, path, &here)?
    } else if path.starts_with("./") || path.starts_with("../") {
        path.to_string()
    } else {
        format!("./{path}")
    };
    let object = format!("{revision}:{in_git}");
    let output = crate::watch::git(&here)
        .args(["show", "--no-textconv", "--end-of-options", &object])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output();
    let output = match output {
        Ok(output) => output,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => refuse!(
            "cannot read {shown}: git is not installed (or not on PATH), and reading revision {} needs it; \
             name a file instead",
            code_span(revision)
        ),
        Err(error) => refuse!("cannot read {shown}: cannot run git: {error}"),
    };
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stderr);
        let said = said
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("no reason given");
        refuse!(
            "cannot read {shown}: git cannot show {} at revision {}: {}",
            code_span(path),
            code_span(revision),
            escape_controls(said.trim().trim_start_matches("fatal: "))
        );
    }
    // For a folder, `git show` lists it under this line.
    if output.stdout.starts_with(format!("tree {object}\n\n").as_bytes()) {
        refuse!(
            "cannot read {shown}: {} is a folder at revision {}, not an assessment file",
            code_span(path),
            code_span(revision)
        );
    }
    if output.stdout.len() as u64 > crate::fsutil::MAX_FILE_BYTES {
        refuse!(
            "{shown} is larger than {} MiB; an assessment never is",
            crate::fsutil::MAX_FILE_BYTES / (1024 * 1024)
        );
    }
    let Ok(text) = String::from_utf8(output.stdout) else {
        refuse!("{shown} is not UTF-8 text");
    };
    Ok(Side {
        name: name.to_string(),
        path: PathBuf::from(path),
        assessment: Assessment::parse(&text, name)?,
    })
}

/// An absolute PATH as git names it in a tree: relative to the top of the
/// repository the current folder is in.
fn from_top(name: &str, path: &str, here: &Path) -> Result<String> {
    let top = crate::watch::git(here)
        .args(["rev-parse", "--show-toplevel"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim_end_matches(['\n', '\r'])));
    let Some(top) = top else {
        refuse!(
            "cannot read {}: the current folder is in no git repository (or git is not installed)",
            code_span(name)
        );
    };
    let top = std::fs::canonicalize(&top).unwrap_or(top);
    let path = crate::confine::normal(Path::new(path));
    let path = match path.parent().and_then(|p| std::fs::canonicalize(p).ok()) {
        Some(parent) => parent.join(path.file_name().unwrap_or_default()),
        None => path,
    };
    match path.strip_prefix(&top) {
        Ok(inside) => Ok(inside.to_string_lossy().replace('\\', "/")),
        Err(_) => refuse!(
            "cannot read {}: {} is outside the repository at {}",
            code_span(name),
            code_span(&path.display().to_string()),
            escape_controls(&top.display().to_string())
        ),
    }
}
