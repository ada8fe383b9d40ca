//! `etika checklist lint`: everything the loader checks, plus what makes a
//! checklist incomplete without making it unusable (missing translations).

use std::path::Path;

use anyhow::Result;

use super::{CheckError, Checklist, ItemKind, Origin, parse};
use crate::text::{Text, escape_controls};
use crate::{Outcome, exit};

/// Lints the checklist file at `path`. A file that cannot be read as a
/// checklist at all (missing, malformed YAML, unknown keys) is an error
/// (exit 2); a readable one with problems exits 1.
pub fn lint_file(path: &Path) -> Result<Outcome> {
    let name = path.display().to_string();
    let source = crate::fsutil::read_text_as(path, &format!("checklist {name}"))?;
    let checklist = match parse(&source, &name, Origin::File(path.to_path_buf())) {
        Ok(checklist) => checklist,
        Err(error) if error.downcast_ref::<CheckError>().is_some() => {
            return Ok(Outcome {
                code: exit::PROBLEMS,
                stderr: format!("{error:#}\n"),
                ..Outcome::default()
            });
        }
        Err(error) => return Err(error),
    };
    let mut warnings = missing_translations(&checklist);
    warnings.extend(unsafe_links(&checklist));
    warnings.sort_by_key(|(line, _)| *line);
    if warnings.is_empty() {
        return Ok(Outcome::success(format!(
            "{name}: ok: checklist {} {}, {} sections, {} items, languages: {}\n",
            checklist.id,
            checklist.version,
            checklist.sections.len(),
            checklist.items().count(),
            checklist.languages.join(", ")
        )));
    }
    let mut stderr = String::new();
    for (line, message) in &warnings {
        stderr.push_str(&format!("{name}:{line}: {message}\n"));
    }
    stderr.push_str(&format!("{name}: {} problem(s)\n", warnings.len()));
    Ok(Outcome {
        code: exit::PROBLEMS,
        stderr,
        ..Outcome::default()
    })
}

/// Texts that lack one of the languages the checklist declares.
pub fn missing_translations(checklist: &Checklist) -> Vec<(u64, String)> {
    let mut problems = Vec::new();
    let mut check = |line: u64, what: &str, text: &Text| {
        for language in &checklist.languages {
            if !text.has(language) {
                problems.push((line, format!("{what} has no `{language}` text")));
            }
        }
    };
    check(1, "the checklist title", &checklist.title);
    if let Some(description) = &checklist.description {
        check(1, "the checklist description", description);
    }
    for section in &checklist.sections {
        let line = section.items.first().map_or(1, |i| i.line);
        check(
            line,
            &format!("the title of section `{}`", section.id),
            &section.title,
        );
        if let Some(description) = &section.description {
            check(
                line,
                &format!("the description of section `{}`", section.id),
                description,
            );
        }
        for item in &section.items {
            let id = &item.id;
            check(item.line, &format!("the question of `{id}`"), &item.question);
            if let Some(summary) = &item.summary {
                check(item.line, &format!("the summary of `{id}`"), summary);
            }
            if let Some(help) = &item.help {
                check(item.line, &format!("the help of `{id}`"), help);
            }
            for choice in item.kind.choices() {
                check(
                    item.line,
                    &format!("the label of option `{}` of `{id}`", choice.value),
                    &choice.label,
                );
            }
            for example in &item.examples {
                check(item.line, &format!("a case of `{id}`"), &example.text);
            }
            if let ItemKind::Scale { low, high, .. } = &item.kind {
                for text in [low, high].into_iter().flatten() {
                    check(item.line, &format!("the scale labels of `{id}`"), text);
                }
            }
        }
    }
    problems
}

/// Links a report would make that a reader should not follow: anything but
/// http(s), mailto and relative paths (`javascript:`, `data:`, `file:`).
pub fn unsafe_links(checklist: &Checklist) -> Vec<(u64, String)> {
    let mut problems = Vec::new();
    for item in checklist.items() {
        let urls = item.examples.iter().map(|e| ("a case", e.url.as_str())).chain(
            item.references
                .iter()
                .filter_map(|r| Some(("a reference", r.url.as_deref()?))),
        );
        for (what, url) in urls {
            if crate::report::link_target(url).is_none() {
                problems.push((
                    item.line,
                    format!(
                        "{what} of `{}` links to `{}`; only http(s), mailto and relative links are allowed, \
                         and reports show this one as plain text",
                        item.id,
                        escape_controls(url)
                    ),
                ));
            }
        }
    }
    problems
}
