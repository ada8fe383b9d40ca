//! How a checklist reads to people (`etika checklist list` and `show`):
//! Markdown checkboxes with options, conditions and references. A rendering
//! layer above the checklist model, like the report.

use std::fmt::Write as _;

use crate::checklist::{BUILTIN, Checklist, Condition, ItemKind, Reference};
use crate::error::Result;
use crate::messages::{Messages, messages};
use crate::text::Lang;

pub(crate) fn list() -> Result<String> {
    let mut out = String::new();
    for builtin in BUILTIN {
        let checklist = builtin.load()?;
        out.push_str(&format!(
            "{}\t{}\t{} ({} sections, {} items)\n",
            checklist.id,
            checklist.version,
            checklist.title.get(Lang::En),
            checklist.sections.len(),
            checklist.items().count()
        ));
        // What `etika assess --section ID` takes, where a newcomer looks first.
        let sections: Vec<&str> = checklist.sections.iter().map(|s| s.id.as_str()).collect();
        out.push_str(&format!("\tsections: {}\n", sections.join(", ")));
    }
    Ok(out)
}

/// The checklist as Markdown: checkboxes with options, conditions and references.
pub(crate) fn markdown(checklist: &Checklist, lang: Lang) -> String {
    // Checklist text is the author's Markdown, but never a terminal escape.
    // Output without any (the usual case) is not copied.
    let text = markdown_text(checklist, lang);
    let escaped = match crate::text::escape_controls_keep_lines(&text) {
        std::borrow::Cow::Borrowed(_) => None,
        std::borrow::Cow::Owned(escaped) => Some(escaped),
    };
    escaped.unwrap_or(text)
}

fn markdown_text(checklist: &Checklist, lang: Lang) -> String {
    let m = messages(lang);
    // Written straight into one buffer, sized for the whole text: each
    // line built as a string of its own and copied over cost as much as
    // loading the checklist. The built-in checklist takes about 1 KB an
    // item in English, a little more in Indonesian.
    let mut out = String::with_capacity(1280 * checklist.items().count() + 4096);
    let _ = write!(
        out,
        "# {}\n\n`{}` {}\n",
        checklist.title.get(lang),
        checklist.id,
        checklist.version
    );
    if let Some(description) = &checklist.description {
        let _ = write!(out, "\n{}\n", description.get(lang).trim());
    }
    for section in &checklist.sections {
        let _ = write!(out, "\n## {} (`{}`)\n\n", section.title.get(lang), section.id);
        if let Some(description) = &section.description {
            let _ = write!(out, "{}\n\n", description.get(lang).trim());
        }
        for item in &section.items {
            let _ = writeln!(out, "- [ ] **{}** {}", item.id, item.question.get(lang).trim());
            if let Some(help) = &item.help {
                // One line: a line break would end the list item.
                let _ = writeln!(out, "  - {}", help.get(lang).trim().replace('\n', " "));
            }
            match &item.kind {
                ItemKind::Single(choices) | ItemKind::Multi(choices) => {
                    let heading = if matches!(item.kind, ItemKind::Multi(_)) {
                        m.options_any
                    } else {
                        m.options
                    };
                    let _ = write!(out, "  - {heading}: ");
                    for (at, c) in choices.iter().enumerate() {
                        if at > 0 {
                            out.push_str(" · ");
                        }
                        let _ = write!(out, "`{}` {}", c.value, c.label.get(lang));
                    }
                    out.push('\n');
                }
                ItemKind::Scale { .. } => out.push_str("  - 1–5\n"),
                _ => {}
            }
            if let Some(when) = &item.when {
                let _ = writeln!(out, "  - {} {}", m.applies_when, describe_condition(when, m));
            }
            if let Some(severity) = item.severity {
                let _ = writeln!(out, "  - {}: {}", m.severity, m.severity(severity));
            }
            if !item.references.is_empty() {
                let _ = write!(out, "  - {}: ", m.references);
                for (at, reference) in item.references.iter().enumerate() {
                    if at > 0 {
                        out.push_str("; ");
                    }
                    push_reference(&mut out, reference);
                }
                out.push('\n');
            }
        }
    }
    out
}

/// A reference as the reader looks it up: a link to the official text when
/// the checklist gives one, else the name and clause alone.
fn push_reference(out: &mut String, reference: &Reference) {
    match &reference.url {
        Some(url) => crate::report::push_link_markdown(out, url, &reference.to_string()),
        None => {
            let _ = write!(out, "{reference}");
        }
    }
}

/// A condition in words, e.g. "`context.personal-data` is answered and is not `none`".
pub(crate) fn describe_condition(condition: &Condition, m: &Messages) -> String {
    let list = |values: &[String]| {
        values
            .iter()
            .map(|v| format!("`{v}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let join = |conditions: &[Condition], word: &str| {
        conditions
            .iter()
            .map(|c| wrap(c, m))
            .collect::<Vec<_>>()
            .join(&format!(" {word} "))
    };
    match condition {
        Condition::All(cs) => join(cs, m.cond_and),
        Condition::Any(cs) => join(cs, m.cond_or),
        Condition::Not(c) => format!("{} {}", m.cond_not, wrap(c, m)),
        Condition::Equals { item, value } => format!("`{item}` {} `{value}`", m.cond_is),
        Condition::In { item, values } => format!("`{item}` {} {}", m.cond_one_of, list(values)),
        Condition::NotIn { item, values } => format!("`{item}` {} {}", m.cond_not_in, list(values)),
        Condition::Includes { item, value } => format!("`{item}` {} `{value}`", m.cond_includes),
    }
}

fn wrap(condition: &Condition, m: &Messages) -> String {
    match condition {
        Condition::All(_) | Condition::Any(_) => format!("({})", describe_condition(condition, m)),
        _ => describe_condition(condition, m),
    }
}
