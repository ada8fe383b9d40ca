//! How a checklist reads to people (`etika checklist list` and `show`):
//! Markdown checkboxes with options, conditions and references. A rendering
//! layer above the checklist model, like the report.

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

/// The checklist as Markdown: checkboxes with options, conditions and
/// references. Checklist text is the author's Markdown, and may hold a
/// terminal escape: the caller prints it as [`crate::StdoutKind::Text`],
/// which escapes every control character but line breaks and tabs.
pub(crate) fn markdown(checklist: &Checklist, lang: Lang) -> String {
    let m = messages(lang);
    // Written straight into one buffer, sized for the whole text, piece by
    // piece: each line built as a string of its own and copied over cost as
    // much as loading the checklist, and `write!` a third of the rest. The
    // built-in checklist takes about 1 KB an item in English, a little more
    // in Indonesian.
    let mut out = String::with_capacity(1280 * checklist.items().count() + 4096);
    // A reference's name, written here before it is escaped: one buffer
    // for the hundreds the built-in checklist cites.
    let mut name = String::new();
    let title = checklist.title.get(lang);
    push(
        &mut out,
        &[
            "# ",
            title,
            "\n\n`",
            &checklist.id,
            "` ",
            &checklist.version,
            "\n",
        ],
    );
    if let Some(description) = &checklist.description {
        push(&mut out, &["\n", description.get(lang).trim(), "\n"]);
    }
    for section in &checklist.sections {
        let title = section.title.get(lang);
        push(&mut out, &["\n## ", title, " (`", &section.id, "`)\n\n"]);
        if let Some(description) = &section.description {
            push(&mut out, &[description.get(lang).trim(), "\n\n"]);
        }
        for item in &section.items {
            let question = item.question.get(lang).trim();
            push(&mut out, &["- [ ] **", &item.id, "** ", question, "\n"]);
            if let Some(help) = &item.help {
                // One line: a line break would end the list item.
                let help = help.get(lang).trim();
                out.push_str("  - ");
                if help.contains('\n') {
                    out.push_str(&help.replace('\n', " "));
                } else {
                    out.push_str(help);
                }
                out.push('\n');
            }
            match &item.kind {
                ItemKind::Single(choices) | ItemKind::Multi(choices) => {
                    let heading = if matches!(item.kind, ItemKind::Multi(_)) {
                        m.options_any
                    } else {
                        m.options
                    };
                    push(&mut out, &["  - ", heading, ": "]);
                    for (at, c) in choices.iter().enumerate() {
                        if at > 0 {
                            out.push_str(" · ");
                        }
                        push(&mut out, &["`", &c.value, "` ", c.label.get(lang)]);
                    }
                    out.push('\n');
                }
                ItemKind::Scale { .. } => out.push_str("  - 1–5\n"),
                _ => {}
            }
            if let Some(when) = &item.when {
                push(&mut out, &["  - ", m.applies_when, " "]);
                push_condition(&mut out, when, m);
                out.push('\n');
            }
            if let Some(severity) = item.severity {
                push(&mut out, &["  - ", m.severity, ": ", m.severity(severity), "\n"]);
            }
            if !item.references.is_empty() {
                push(&mut out, &["  - ", m.references, ": "]);
                for (at, reference) in item.references.iter().enumerate() {
                    if at > 0 {
                        out.push_str("; ");
                    }
                    push_reference(&mut out, reference, &mut name);
                }
                out.push('\n');
            }
        }
    }
    out
}

/// Writes `parts` one after the other onto `out`.
fn push(out: &mut String, parts: &[&str]) {
    for part in parts {
        out.push_str(part);
    }
}

/// A reference as the reader looks it up: a link to the official text when
/// the checklist gives one, else the name and clause alone. `name` is
/// room to write the link's text in.
fn push_reference(out: &mut String, reference: &Reference, name: &mut String) {
    match &reference.url {
        Some(url) => {
            name.clear();
            reference.push_name(name);
            crate::report::push_link_markdown(out, url, name);
        }
        None => reference.push_name(out),
    }
}

/// A condition in words, e.g. "`context.personal-data` is answered and is not `none`".
pub(crate) fn describe_condition(condition: &Condition, m: &Messages) -> String {
    let mut out = String::new();
    push_condition(&mut out, condition, m);
    out
}

/// [`describe_condition`] written onto `out`.
fn push_condition(out: &mut String, condition: &Condition, m: &Messages) {
    let code = |out: &mut String, text: &str| push(out, &["`", text, "`"]);
    let list = |out: &mut String, values: &[String]| {
        for (at, value) in values.iter().enumerate() {
            if at > 0 {
                out.push_str(", ");
            }
            code(out, value);
        }
    };
    let join = |out: &mut String, conditions: &[Condition], word: &str| {
        for (at, condition) in conditions.iter().enumerate() {
            if at > 0 {
                push(out, &[" ", word, " "]);
            }
            push_wrapped(out, condition, m);
        }
    };
    match condition {
        Condition::All(cs) => join(out, cs, m.cond_and),
        Condition::Any(cs) => join(out, cs, m.cond_or),
        Condition::Not(c) => {
            push(out, &[m.cond_not, " "]);
            push_wrapped(out, c, m);
        }
        Condition::Equals { item, value } => {
            code(out, item);
            push(out, &[" ", m.cond_is, " "]);
            code(out, value);
        }
        Condition::In { item, values } => {
            code(out, item);
            push(out, &[" ", m.cond_one_of, " "]);
            list(out, values);
        }
        Condition::NotIn { item, values } => {
            code(out, item);
            push(out, &[" ", m.cond_not_in, " "]);
            list(out, values);
        }
        Condition::Includes { item, value } => {
            code(out, item);
            push(out, &[" ", m.cond_includes, " "]);
            code(out, value);
        }
    }
}

/// A condition as part of a larger one: `all` and `any` in parentheses.
fn push_wrapped(out: &mut String, condition: &Condition, m: &Messages) {
    match condition {
        Condition::All(_) | Condition::Any(_) => {
            out.push('(');
            push_condition(out, condition, m);
            out.push(')');
        }
        _ => push_condition(out, condition, m),
    }
}
