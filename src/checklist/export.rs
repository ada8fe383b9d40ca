//! `etika checklist list` and `show`: a checklist as Markdown for people, or
//! in its own file format (YAML/JSON) for tools.

use anyhow::Result;
use serde::Serialize;
use serde_json::{Value as Json, json};

use super::{BUILTIN, Checklist, Condition, Item, ItemKind, Release};
use crate::messages::{Messages, messages};
use crate::text::{Lang, Text};

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
    }
    Ok(out)
}

/// The checklist as Markdown: checkboxes with options, conditions and references.
pub(crate) fn markdown(checklist: &Checklist, lang: Lang) -> String {
    // Checklist text is the author's Markdown, but never a terminal escape.
    crate::text::escape_controls_keep_lines(&markdown_text(checklist, lang)).into_owned()
}

pub(crate) fn json(checklist: &Checklist) -> Result<String> {
    Ok(format!("{}\n", serde_json::to_string_pretty(&export(checklist))?))
}

pub(crate) fn yaml(checklist: &Checklist) -> Result<String> {
    crate::yaml::to_string(&export(checklist))
}

fn markdown_text(checklist: &Checklist, lang: Lang) -> String {
    let m = messages(lang);
    let mut out = format!(
        "# {}\n\n`{}` {}\n",
        checklist.title.get(lang),
        checklist.id,
        checklist.version
    );
    if let Some(description) = &checklist.description {
        out.push_str(&format!("\n{}\n", description.get(lang).trim()));
    }
    for section in &checklist.sections {
        out.push_str(&format!("\n## {}\n\n", section.title.get(lang)));
        if let Some(description) = &section.description {
            out.push_str(&format!("{}\n\n", description.get(lang).trim()));
        }
        for item in &section.items {
            out.push_str(&format!(
                "- [ ] **{}** {}\n",
                item.id,
                item.question.get(lang).trim()
            ));
            let mut details = Vec::new();
            if let Some(help) = &item.help {
                details.push(help.get(lang).trim().replace('\n', " "));
            }
            match &item.kind {
                ItemKind::Single(choices) | ItemKind::Multi(choices) => {
                    let heading = if matches!(item.kind, ItemKind::Multi(_)) {
                        m.options_any
                    } else {
                        m.options
                    };
                    let options: Vec<String> = choices
                        .iter()
                        .map(|c| format!("`{}` {}", c.value, c.label.get(lang)))
                        .collect();
                    details.push(format!("{heading}: {}", options.join(" · ")));
                }
                ItemKind::Scale { .. } => details.push("1–5".to_string()),
                _ => {}
            }
            if let Some(when) = &item.when {
                details.push(format!("{} {}", m.applies_when, describe_condition(when, m)));
            }
            if let Some(severity) = item.severity {
                details.push(format!("{}: {}", m.severity, m.severity(severity)));
            }
            if !item.references.is_empty() {
                let references: Vec<String> = item
                    .references
                    .iter()
                    .map(std::string::ToString::to_string)
                    .collect();
                details.push(format!("{}: {}", m.references, references.join("; ")));
            }
            for detail in details {
                out.push_str(&format!("  - {detail}\n"));
            }
        }
    }
    out
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

#[derive(Serialize)]
struct ExportChecklist<'a> {
    id: &'a str,
    version: &'a str,
    title: &'a Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a Text>,
    languages: &'a [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    changelog: &'a [Release],
    sections: Vec<Json>,
}

fn export(checklist: &Checklist) -> ExportChecklist<'_> {
    let sections = checklist
        .sections
        .iter()
        .map(|section| {
            let mut out = json!({"id": section.id, "title": section.title});
            if let Some(description) = &section.description {
                out["description"] = json!(description);
            }
            if section.is_context {
                out["context"] = json!(true);
            }
            out["items"] = Json::Array(section.items.iter().map(export_item).collect());
            out
        })
        .collect();
    ExportChecklist {
        id: &checklist.id,
        version: &checklist.version,
        title: &checklist.title,
        description: checklist.description.as_ref(),
        languages: &checklist.languages,
        changelog: &checklist.changelog,
        sections,
    }
}

fn export_item(item: &Item) -> Json {
    let mut out = json!({"id": item.id});
    if let Some(summary) = &item.summary {
        out["summary"] = json!(summary);
    }
    out["question"] = json!(item.question);
    if let Some(help) = &item.help {
        out["help"] = json!(help);
    }
    out["type"] = json!(item.kind.name());
    match &item.kind {
        ItemKind::Single(choices) | ItemKind::Multi(choices) => {
            out["options"] = choices
                .iter()
                .map(|c| {
                    let mut option = json!({"value": c.value, "label": c.label});
                    if c.risk > 0 {
                        option["risk"] = json!(c.risk);
                    }
                    if let Some(floor) = c.floor {
                        option["floor"] = json!(floor);
                    }
                    if c.adverse {
                        option["adverse"] = json!(true);
                    }
                    if c.exclusive {
                        option["exclusive"] = json!(true);
                    }
                    option
                })
                .collect();
        }
        ItemKind::Scale {
            low,
            high,
            adverse_at_most,
        } => {
            if low.is_some() || high.is_some() {
                out["scale"] = json!({"low": low, "high": high});
            }
            if let Some(limit) = adverse_at_most {
                out["adverse_at_most"] = json!(limit);
            }
        }
        ItemKind::YesNo | ItemKind::Text => {}
    }
    if let Some(severity) = item.severity {
        out["severity"] = json!(severity);
    }
    let mut requires = Vec::new();
    if item.requires_evidence {
        requires.push("evidence");
    }
    if item.requires_rationale {
        requires.push("rationale");
    }
    if !requires.is_empty() {
        out["requires"] = json!(requires);
    }
    if let Some(when) = &item.when {
        out["when"] = export_condition(when);
    }
    if !item.references.is_empty() {
        out["references"] = json!(item.references);
    }
    if !item.examples.is_empty() {
        out["examples"] = json!(item.examples);
    }
    out
}

/// A condition in the file's own shape (`{item: ..., equals: ...}`).
fn export_condition(condition: &Condition) -> Json {
    match condition {
        Condition::All(cs) => json!({"all": cs.iter().map(export_condition).collect::<Vec<_>>()}),
        Condition::Any(cs) => json!({"any": cs.iter().map(export_condition).collect::<Vec<_>>()}),
        Condition::Not(c) => json!({"not": export_condition(c)}),
        Condition::Equals { item, value } => json!({"item": item, "equals": value}),
        Condition::In { item, values } => json!({"item": item, "in": values}),
        Condition::NotIn { item, values } => json!({"item": item, "not_in": values}),
        Condition::Includes { item, value } => json!({"item": item, "includes": value}),
    }
}
