//! `etika validate` over many files: which files a folder holds, each
//! checklist loaded once per run, files checked in parallel.

use std::io::Read;
use std::num::NonZero;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::diagnostic::Level;
use crate::error::{Result, input_error};
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
    /// The language of the findings' messages.
    pub(crate) lang: crate::text::Lang,
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
pub(crate) fn assessment_files(paths: &[PathBuf], t: &crate::say::Say) -> Vec<Found> {
    let mut files: Vec<Found> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    // A file named twice, or found in two folders named, is checked once.
    let mut add = |files: &mut Vec<Found>, path: PathBuf| {
        let identity = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if seen.insert(identity) {
            files.push(Found::File(path));
        }
    };
    for path in paths {
        if !path.is_dir() {
            add(&mut files, path.clone());
            continue;
        }
        let mut found = Vec::new();
        // A folder named in CI may be a link a pull request planted.
        let searched = crate::confine::named_file(path).and_then(|_| walk(path, &mut found));
        let error = match searched {
            Err(error) => Some(error),
            Ok(()) if found.is_empty() => Some(input_error!(
                "{}",
                (t.no_assessment_in)(&escape_controls(&path.display().to_string()))
            )),
            Ok(()) => None,
        };
        if let Some(error) = error {
            files.push(Found::Unsearchable {
                folder: path.clone(),
                error,
            });
        }
        for file in found {
            add(&mut files, file);
        }
    }
    files
}

/// What a path named on the command line gives.
pub(crate) enum Found {
    File(PathBuf),
    /// A folder that cannot be searched, or that holds no assessment.
    Unsearchable {
        folder: PathBuf,
        error: crate::error::Error,
    },
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

/// An assessment has the top-level key `etika` (its format version),
/// however it is quoted or spaced; a checklist or any other YAML file has not.
fn looks_like_assessment(path: &Path) -> bool {
    let mut head = Vec::new();
    let read = std::fs::File::open(path).and_then(|file| file.take(SNIFF_BYTES).read_to_end(&mut head));
    read.is_ok()
        && String::from_utf8_lossy(&head)
            .lines()
            .any(|line| is_format_key(line.trim_start_matches('\u{feff}')))
}

/// `etika:`, `"etika":`, `'etika' :` at the start of a line.
fn is_format_key(line: &str) -> bool {
    ["etika", "\"etika\"", "'etika'"].iter().any(|key| {
        line.strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
    })
}

/// Checks every file, in parallel, loading each checklist once; results in
/// the order of `files`.
pub(crate) fn check_all(files: &[PathBuf], options: Options) -> Vec<Checked> {
    if files.is_empty() {
        return Vec::new();
    }
    let cache = Cache::default();
    let workers = std::thread::available_parallelism()
        .map_or(1, NonZero::get)
        .min(files.len());
    if workers <= 1 {
        let checked = files.iter().map(|file| check(file, &cache, options)).collect();
        // The process ends soon after: the checklists are not freed piece by piece.
        std::mem::forget(cache);
        return checked;
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
    std::mem::forget(cache);
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
        lang: options.lang,
    };
    let mut findings = Evaluation::new(&checklist, &assessment, &checks).diagnostics;
    if options.deny_warnings {
        for finding in findings.iter_mut().filter(|f| f.level == Level::Warning) {
            finding.level = Level::Error;
        }
    }
    Checked::Report(FileReport::new(
        shown,
        Some(assessment.checklist.clone()),
        findings,
    ))
}
