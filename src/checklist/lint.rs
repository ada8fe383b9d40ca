//! `etika checklist lint`: everything the loader checks, plus what makes a
//! checklist incomplete without making it unusable (missing translations).

use std::path::Path;

use anyhow::{Context, Result};

use super::{Checklist, ItemKind, Origin, parse};
use crate::text::Text;
use crate::{Outcome, exit};

pub fn lint_file(path: &Path) -> Result<Outcome> {
    let source =
        std::fs::read_to_string(path).with_context(|| format!("cannot read checklist {}", path.display()))?;
    let name = path.display().to_string();
    let checklist = match parse(&source, &name, Origin::File(path.to_path_buf())) {
        Ok(checklist) => checklist,
        Err(error) => {
            return Ok(Outcome {
                code: exit::PROBLEMS,
                stderr: format!("{error:#}\n"),
                ..Outcome::default()
            });
        }
    };
    let warnings = missing_translations(&checklist);
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
