//! The headline facts of an assessment, side by side: what a reviewer
//! reads first in a diff. Each fact is one line of [`facts`]; a new field
//! of the summary is compared by adding its line.

use serde::Serialize;

use crate::diagnostic::Level;
use crate::evaluate::Summary;

/// A fact's value, written in JSON as its own type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub(crate) enum FactValue {
    Flag(bool),
    Count(u64),
    Text(String),
}

impl std::fmt::Display for FactValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FactValue::Flag(true) => f.write_str("yes"),
            FactValue::Flag(false) => f.write_str("no"),
            FactValue::Count(n) => write!(f, "{n}"),
            FactValue::Text(text) => f.write_str(text),
        }
    }
}

/// One fact before and after.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Fact {
    pub(crate) key: &'static str,
    pub(crate) before: FactValue,
    pub(crate) after: FactValue,
    pub(crate) changed: bool,
}

/// The facts of one summary, in the order a reader wants them.
pub(crate) fn facts(summary: &Summary<'_>) -> Vec<(&'static str, FactValue)> {
    use FactValue::{Count, Flag, Text};
    let sum = |part: fn(&crate::evaluate::SectionSummary) -> usize| {
        Count(summary.sections.iter().map(part).sum::<usize>() as u64)
    };
    let level = |level: Level| Count(summary.diagnostics.iter().filter(|d| d.level == level).count() as u64);
    let impact = summary.impact;
    let classes: Vec<String> = summary
        .legal
        .iter()
        .flat_map(|r| r.classes.iter().map(move |c| format!("{}/{}", r.regime, c.class)))
        .collect();
    let readiness = summary.readiness;
    vec![
        ("impact-level", Text(impact.level.as_str().to_string())),
        ("impact-points", Count(u64::from(impact.points))),
        ("impact-percent", Count(u64::from(impact.percent))),
        ("legal-classes", Text(classes.join(", "))),
        (
            "readiness",
            Text(
                readiness
                    .percent
                    .map_or_else(|| "-".to_string(), |p| format!("{p}%")),
            ),
        ),
        ("residual", Text(readiness.residual.as_str().to_string())),
        ("passed", Flag(summary.passed)),
        ("errors", level(Level::Error)),
        ("warnings", level(Level::Warning)),
        ("applicable", sum(|s| s.applicable)),
        ("answered", sum(|s| s.answered)),
        ("adverse", sum(|s| s.adverse)),
        ("unknown", sum(|s| s.unknown)),
        ("open-actions", sum(|s| s.open_actions)),
        (
            "checklist",
            Text(format!("{} {}", summary.checklist.id, summary.checklist.version)),
        ),
        (
            "assessed-version",
            Text(summary.checklist.assessed_version.to_string()),
        ),
    ]
}

/// The facts of both sides, paired by key (a fact only one side has is
/// compared with nothing, which reads as empty text).
pub(crate) fn compare(old: &Summary<'_>, new: &Summary<'_>) -> Vec<Fact> {
    let before = facts(old);
    let mut after = facts(new);
    let mut paired: Vec<Fact> = before
        .into_iter()
        .map(|(key, before)| {
            let after = after
                .iter()
                .position(|(k, _)| *k == key)
                .map_or_else(|| FactValue::Text(String::new()), |at| after.remove(at).1);
            Fact {
                key,
                changed: before != after,
                before,
                after,
            }
        })
        .collect();
    paired.extend(after.into_iter().map(|(key, after)| Fact {
        key,
        before: FactValue::Text(String::new()),
        changed: true,
        after,
    }));
    paired
}
