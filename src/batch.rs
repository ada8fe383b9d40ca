//! `etika validate` over many files: which files a folder holds, each
//! checklist loaded once per run, files checked in parallel.

use std::io::Read;
use std::num::NonZero;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::diagnostic::Level;
use crate::error::{Result, input_error, refuse};
use crate::evaluate::{Checks, Evaluation};
use crate::output::{FileReport, Unreadable};
use crate::source::Cache;
use crate::store;
use crate::text::escape_controls;

/// How much of a file is read to tell whether it is an assessment.
const SNIFF_BYTES: u64 = 8192;

/// How strict the gate is.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Options {
    pub(crate) today: crate::date::Date,
    pub(crate) require_signoff: bool,
    pub(crate) deny_warnings: bool,
}

/// One file's result.
pub(crate) enum Checked {
    Report(FileReport),
    Unreadable(Unreadable),
}

/// The assessment files `paths` name: a file as given (whatever its name),
/// a folder searched for assessments (README "Validating many files").
/// A folder that holds none is an error: a gate that checked nothing must
/// not pass.
pub(crate) fn assessment_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        // A folder named in CI may be a link a pull request planted.
        crate::confine::named_file(path)?;
        let before = files.len();
        walk(path, &mut files)?;
        if files.len() == before {
            refuse!(
                "{} holds no assessment file (a .yaml or .yml file with a top-level `etika:` key; \
                 hidden folders and links are not searched)",
                escape_controls(&path.display().to_string())
            );
        }
    }
    Ok(files)
}

/// Every assessment under `folder`, in name order; hidden entries and
/// symbolic links are skipped, so the search stays inside the tree as it is.
fn walk(folder: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
    let mut entries = std::fs::read_dir(folder)
        .map_err(|error| input_error!("cannot read the folder {}: {error}", folder.display()))?
        .collect::<std::io::Result<Vec<_>>>()
        .map_err(|error| input_error!("cannot read the folder {}: {error}", folder.display()))?;
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let Ok(kind) = entry.file_type() else { continue };
        let path = entry.path();
        if kind.is_dir() {
            walk(&path, files)?;
        } else if kind.is_file() && has_yaml_extension(&path) && looks_like_assessment(&path) {
            files.push(path);
        }
    }
    Ok(())
}

fn has_yaml_extension(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("yaml") || ext.eq_ignore_ascii_case("yml"))
}

/// An assessment has the top-level key `etika:` (its format version); a
/// checklist or any other YAML file has not.
fn looks_like_assessment(path: &Path) -> bool {
    let mut head = Vec::new();
    let read = std::fs::File::open(path).and_then(|file| file.take(SNIFF_BYTES).read_to_end(&mut head));
    read.is_ok()
        && String::from_utf8_lossy(&head)
            .lines()
            .any(|line| line.starts_with("etika:"))
}

/// Checks every file, in parallel, loading each checklist once; results in
/// the order of `files`.
pub(crate) fn check_all(files: &[PathBuf], options: Options) -> Vec<Checked> {
    let cache = Cache::default();
    let workers = std::thread::available_parallelism()
        .map_or(1, NonZero::get)
        .min(files.len());
    if workers <= 1 {
        return files.iter().map(|file| check(file, &cache, options)).collect();
    }
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<Checked>> = files.iter().map(|_| None).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(file) = files.get(index) else { break };
                        done.push((index, check(file, &cache, options)));
                    }
                    done
                })
            })
            .collect();
        for handle in handles {
            let done = handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            for (index, checked) in done {
                results[index] = Some(checked);
            }
        }
    });
    results.into_iter().flatten().collect()
}

fn check(path: &Path, cache: &Cache, options: Options) -> Checked {
    let shown = path.display().to_string();
    let loaded = store::load(path).and_then(|stored| {
        let checklist = cache.for_assessment(&stored.assessment.checklist, path)?;
        Ok((stored.assessment, checklist))
    });
    let (assessment, checklist) = match loaded {
        Ok(loaded) => loaded,
        Err(error) => return Checked::Unreadable(Unreadable::new(shown, &error)),
    };
    let checks = Checks {
        today: options.today,
        file: Some(path.to_path_buf()),
        require_signoff: options.require_signoff,
    };
    let mut findings = Evaluation::new(&checklist, &assessment, &checks).diagnostics;
    if options.deny_warnings {
        for finding in &mut findings {
            finding.level = Level::Error;
        }
    }
    Checked::Report(FileReport::new(
        shown,
        Some(assessment.checklist.clone()),
        findings,
    ))
}
