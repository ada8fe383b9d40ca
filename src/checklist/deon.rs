//! deon's checklist format (drivendataorg/deon), both ways: a deon file
//! reads unchanged as a checklist of yes/no questions, and any checklist
//! can be written in deon's shape.
//!
//! The mapping (also in the README, "deon checklists"):
//! - the checklist id is the `title` in lowercase letters, digits and `-`
//!   (`Data Science Ethics Checklist` → `data-science-ethics-checklist`),
//!   its version `0.0.0` (deon files have none; changed questions are
//!   still found by the fingerprint each answer records);
//! - a section's id is its `section_id` in the same form (`A` → `a`);
//! - an item's id is the section id, `.`, and the `line_id` without the
//!   section's prefix in the same form (`A.1` → `a.1`); `line_summary` is
//!   its summary, `line` its question; every item is `yes-no` with
//!   severity `medium`, and refers to the checklist by title and `line_id`;
//! - `examples_of_ethical_issues.yml` beside the file (`line_id` →
//!   `links[].text/url`) gives the items' examples.

use serde::{Deserialize, Serialize};

use super::raw::{RawChecklist, RawExample, RawItem, RawReference, RawSection};
use super::{Checklist, ItemKind};
use crate::text::{Lang, Text};
use crate::yaml::{Location, Spanned};

/// The name of deon's companion file of real cases, looked for beside the checklist.
pub(crate) const EXAMPLES_FILE: &str = "examples_of_ethical_issues.yml";

/// What deon's files are made of. Unknown keys are errors here too: deon
/// would ignore them, but a misspelt `line_sumary` should not pass.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DeonChecklist {
    pub(crate) title: Spanned<String>,
    pub(crate) sections: Vec<DeonSection>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DeonSection {
    pub(crate) title: Spanned<String>,
    pub(crate) section_id: Spanned<String>,
    pub(crate) lines: Vec<DeonLine>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DeonLine {
    pub(crate) line_id: Spanned<String>,
    pub(crate) line_summary: Spanned<String>,
    pub(crate) line: Spanned<String>,
}

/// One entry of `examples_of_ethical_issues.yml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DeonCases {
    pub(crate) line_id: Spanned<String>,
    pub(crate) links: Vec<DeonLink>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DeonLink {
    pub(crate) text: Spanned<String>,
    pub(crate) url: Spanned<String>,
}

/// The version every deon checklist gets.
pub(crate) const VERSION: &str = "0.0.0";

/// Whether a file that did not read as an etika checklist is a deon one:
/// it failed at a key of deon's sections. Decided from that error, so
/// etika's own files are parsed once, and a hostile file no more than that.
pub(crate) fn is_deon_error(error: &crate::error::Error) -> bool {
    error
        .yaml()
        .and_then(|yaml| yaml.unknown_key.as_deref())
        .is_some_and(|key| key == "section_id" || key == "lines")
}

/// `text` in lowercase ASCII letters, digits and single `-`.
pub(crate) fn slug(text: &str) -> String {
    let mut out = String::new();
    for ch in text.trim().chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// The etika id of a deon line: `A.1` in section `A` → `a.1`.
pub(crate) fn item_id(section_id: &str, line_id: &str) -> String {
    let section = section_id.trim();
    let line = line_id.trim();
    let rest = line
        .get(..section.len())
        .filter(|head| !section.is_empty() && head.eq_ignore_ascii_case(section))
        .map_or(line, |_| &line[section.len()..]);
    let rest = rest.strip_prefix('.').unwrap_or(rest);
    format!("{}.{}", slug(section), slug(rest))
}

fn at<T>(value: T, from: &Spanned<String>) -> Spanned<T> {
    Spanned::new(value, from.referenced, from.defined)
}

/// A deon checklist as an etika checklist, every position kept in the deon
/// file; `cases` are the entries of its companion file, by `line_id`.
pub(crate) fn to_raw(deon: DeonChecklist, cases: &[DeonCases]) -> RawChecklist {
    let title = deon.title.value.trim().to_string();
    let id = match slug(&title) {
        empty if empty.is_empty() => "deon".to_string(),
        id => id,
    };
    let sections = deon
        .sections
        .into_iter()
        .map(|section| {
            let section_slug = slug(&section.section_id.value);
            let items = section
                .lines
                .into_iter()
                .map(|line| {
                    let examples = cases
                        .iter()
                        .filter(|c| same_line(&c.line_id.value, &line.line_id.value))
                        .flat_map(|c| &c.links)
                        .map(|link| RawExample {
                            text: at(Text::en(link.text.value.trim()), &link.text),
                            url: at(link.url.value.trim().to_string(), &link.url),
                        })
                        .collect();
                    RawItem {
                        id: at(
                            item_id(&section.section_id.value, &line.line_id.value),
                            &line.line_id,
                        ),
                        summary: Some(at(Text::en(line.line_summary.value.trim()), &line.line_summary)),
                        question: at(Text::en(line.line.value.trim()), &line.line),
                        help: None,
                        kind: at("yes-no".to_string(), &line.line_id),
                        options: None,
                        scale: None,
                        adverse_at_most: None,
                        severity: Some(at("medium".to_string(), &line.line_id)),
                        requires: Vec::new(),
                        when: None,
                        references: vec![RawReference {
                            framework: title.clone(),
                            clause: Some(line.line_id.value.trim().to_string()),
                            url: None,
                        }],
                        examples,
                    }
                })
                .collect();
            RawSection {
                id: at(section_slug, &section.section_id),
                title: Some(at(Text::en(section.title.value.trim()), &section.title)),
                description: None,
                context: false,
                items,
            }
        })
        .collect();
    RawChecklist {
        id: at(id, &deon.title),
        version: Spanned::new(VERSION.to_string(), Location::UNKNOWN, Location::UNKNOWN),
        title: at(Text::en(title.clone()), &deon.title),
        description: None,
        extends: None,
        languages: Vec::new(),
        changelog: Vec::new(),
        impact: None,
        legal: Vec::new(),
        residual: None,
        review_every: None,
        sections,
        overrides: Vec::new(),
        remove: Vec::new(),
    }
}

/// Whether a case's `line_id` names a line: as written, in any case (`A.1`
/// is `a.1`, so a checklist exported with etika's ids keeps its cases).
fn same_line(case: &str, line: &str) -> bool {
    case.trim().eq_ignore_ascii_case(line.trim())
}

/// `line_id`s of the companion file that no line of the checklist has.
pub(crate) fn unmatched_cases<'a>(deon: &DeonChecklist, cases: &'a [DeonCases]) -> Vec<&'a Spanned<String>> {
    cases
        .iter()
        .map(|c| &c.line_id)
        .filter(|id| {
            !deon
                .sections
                .iter()
                .flat_map(|s| &s.lines)
                .any(|l| same_line(&l.line_id.value, &id.value))
        })
        .collect()
}

/// Any checklist in deon's shape, in `lang`: each item a line whose
/// `line_id` is the item's id, so the file reads back to the same ids.
/// deon knows only questions: options are named in the line, and
/// conditions, help and references are left out.
pub(crate) fn export(checklist: &Checklist, lang: Lang) -> DeonExport {
    let plain = |text: &str| Spanned::new(text.trim().to_string(), Location::UNKNOWN, Location::UNKNOWN);
    DeonExport(DeonChecklist {
        title: plain(checklist.title.get(lang)),
        sections: checklist
            .sections
            .iter()
            .map(|section| DeonSection {
                title: plain(section.title.get(lang)),
                section_id: plain(&section.id),
                lines: section
                    .items
                    .iter()
                    .map(|item| {
                        let summary = item
                            .summary
                            .as_ref()
                            .map_or_else(|| humanise(&item.id), |s| s.get(lang).trim().to_string());
                        DeonLine {
                            line_id: plain(&item.id),
                            line_summary: plain(&summary),
                            line: plain(&line(item, lang)),
                        }
                    })
                    .collect(),
            })
            .collect(),
    })
}

/// What deon's parser reads: a deon checklist, written.
pub(crate) struct DeonExport(DeonChecklist);

impl DeonExport {
    pub(crate) fn to_yaml(&self) -> crate::error::Result<String> {
        crate::yaml::to_string(&self.0)
    }

    pub(crate) fn to_json(&self) -> crate::error::Result<String> {
        Ok(serde_json::to_string_pretty(&self.0)? + "\n")
    }
}

/// The question, with what can be answered when it is not yes or no.
fn line(item: &super::Item, lang: Lang) -> String {
    let question = item.question.get(lang).trim().to_string();
    let labels = |choices: &[super::Choice]| {
        choices
            .iter()
            .map(|c| c.label.get(lang).trim().to_string())
            .collect::<Vec<_>>()
            .join("; ")
    };
    match &item.kind {
        ItemKind::YesNo | ItemKind::Text => question,
        ItemKind::Single(choices) => format!("{question} (one of: {})", labels(choices)),
        ItemKind::Multi(choices) => format!("{question} (any of: {})", labels(choices)),
        ItemKind::Scale { .. } => format!("{question} (1 to 5)"),
    }
}

/// `bias.training-data` → `Training data`.
fn humanise(id: &str) -> String {
    let slug = id.split_once('.').map_or(id, |(_, slug)| slug);
    let words = slug.replace('-', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_come_from_line_ids() {
        assert_eq!(item_id("A", "A.1"), "a.1");
        assert_eq!(item_id("A", "a.12"), "a.12");
        assert_eq!(item_id("Data", "Consent form"), "data.consent-form");
        assert_eq!(item_id("B", "B.2b"), "b.2b");
        assert_eq!(
            slug("Data Science Ethics Checklist"),
            "data-science-ethics-checklist"
        );
        assert_eq!(slug("  --Éthique!  "), "thique");
        assert_eq!(humanise("bias.training-data"), "Training data");
    }

    #[test]
    fn the_shape_is_recognised() {
        let deon = |text: &str| is_deon_error(&super::super::parse_raw(text, "x").unwrap_err());
        assert!(deon(
            "title: T\nsections:\n  - title: S\n    section_id: A\n    lines: []\n"
        ));
        assert!(deon("sections:\n  - lines: []\n"));
        assert!(!deon(
            "id: t\nversion: 1.0.0\ntitle: T\nsections:\n  - id: s\n    item: []\n"
        ));
        assert!(!deon("- a\n- b\n"));
    }
}
