//! What the impact level and the legal classes oblige a team to do, and
//! where each obligation comes from, so that findings can say why.

use serde::Serialize;

use crate::checklist::{Checklist, ImpactLevel, Obligations, Severity};
use crate::diagnostic::{Diagnostic, Rule};
use crate::say::say;
use crate::text::{Lang, code_span};
use crate::value::Value;

use super::impact::Impact;
use super::legal::RegimeResult;
use super::{Applicability, Checks, ItemState};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    Level(ImpactLevel),
    /// Indexes into the checklist's regimes and that regime's classes.
    Class {
        regime: usize,
        class: usize,
    },
}

impl Source {
    /// How a message names it: `impact level IV`, `EU AI Act: high-risk system (Annex III)`.
    pub(crate) fn label(self, checklist: &Checklist, lang: Lang) -> String {
        match self {
            Source::Level(level) => (crate::say::say(lang).impact_level)(level.as_str()),
            Source::Class { regime, class } => {
                let regime = &checklist.legal[regime];
                format!(
                    "{}: {}",
                    regime.title.get(lang),
                    regime.classes[class].title.get(lang)
                )
            }
        }
    }
}

pub(crate) struct Owed<'c> {
    pub(crate) source: Source,
    pub(crate) obligations: std::borrow::Cow<'c, Obligations>,
}

/// The obligations in force: those of the impact level and the levels
/// below it (as one, under the level), then each applying class's.
pub(crate) fn owed<'c>(checklist: &'c Checklist, impact: &Impact, legal: &[RegimeResult]) -> Vec<Owed<'c>> {
    let mut owed = Vec::new();
    // A level's obligations hold from that level up.
    let levels: Vec<&Obligations> = checklist
        .impact
        .bands
        .iter()
        .filter(|b| b.level <= impact.level && !b.obligations.is_empty())
        .map(|b| &b.obligations)
        .collect();
    if !levels.is_empty() {
        owed.push(Owed {
            source: Source::Level(impact.level),
            obligations: std::borrow::Cow::Owned(merge(levels.into_iter())),
        });
    }
    for result in legal {
        for hit in &result.classes {
            let class = &checklist.legal[result.index].classes[hit.index];
            if !class.obligations.is_empty() {
                owed.push(Owed {
                    source: Source::Class {
                        regime: result.index,
                        class: hit.index,
                    },
                    obligations: std::borrow::Cow::Borrowed(&class.obligations),
                });
            }
        }
    }
    owed
}

/// Several obligations as one: a sign-off if any wants one, every role any
/// lists, the lowest blocking severity, every required item.
pub(crate) fn merge<'a>(all: impl Iterator<Item = &'a Obligations>) -> Obligations {
    let mut merged = Obligations::default();
    for o in all {
        merged.signoff |= o.signoff;
        for role in &o.signoff_roles {
            if !merged.signoff_roles.contains(role) {
                merged.signoff_roles.push(role.clone());
            }
        }
        merged.blocking = match (merged.blocking, o.blocking) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        for item in &o.items {
            if !merged.items.contains(item) {
                merged.items.push(item.clone());
            }
        }
    }
    merged
}

/// The obligations in force, together, as data (`report --format json`).
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Combined {
    pub(crate) signoff: bool,
    /// Any of these may sign; empty with `signoff`: any named role.
    pub(crate) signoff_roles: Vec<String>,
    /// Gaps at this severity and above block.
    pub(crate) blocking: Option<Severity>,
    pub(crate) items: Vec<String>,
    /// Where they come from: `level:IV`, `class:eu-ai-act/high-risk`.
    pub(crate) sources: Vec<String>,
}

pub(crate) fn combine(checklist: &Checklist, owed: &[Owed<'_>]) -> Combined {
    let merged = merge(owed.iter().map(|o| o.obligations.as_ref()));
    let sources = owed
        .iter()
        .map(|o| match o.source {
            Source::Level(level) => format!("level:{}", level.as_str()),
            Source::Class { regime, class } => {
                let regime = &checklist.legal[regime];
                format!("class:{}/{}", regime.id, regime.classes[class].id)
            }
        })
        .collect();
    Combined {
        signoff: merged.signoff,
        signoff_roles: merged.signoff_roles,
        blocking: merged.blocking,
        items: merged.items,
        sources,
    }
}

/// `blocking-gap` and `required-item`: what the obligations in force
/// demand of the answers.
pub(crate) fn check(
    checklist: &Checklist,
    states: &[ItemState<'_>],
    owed: &[Owed<'_>],
    checks: &Checks,
) -> Vec<Diagnostic> {
    let t = say(checks.lang);
    let mut findings = Vec::new();
    let blocking: Vec<(Severity, &Owed<'_>)> = owed
        .iter()
        .filter_map(|o| o.obligations.blocking.map(|b| (b, o)))
        .collect();
    if !blocking.is_empty() {
        for state in states {
            let Some(severity) = state.item.severity else {
                continue;
            };
            if state.applicability != Applicability::Applies || !state.is_gap() {
                continue;
            }
            let sources: Vec<String> = blocking
                .iter()
                .filter(|(from, _)| severity >= *from)
                .map(|(_, o)| o.source.label(checklist, checks.lang))
                .collect();
            if sources.is_empty() {
                continue;
            }
            findings.push(Diagnostic::new(
                Rule::BlockingGap,
                Some(&state.item.id),
                state.answer.and_then(|a| a.spans.value),
                (t.blocking_gap)(&code_span(&state.item.id), severity.as_str(), &sources.join("; ")),
            ));
        }
    }
    let mut required: Vec<(&str, Vec<String>)> = Vec::new();
    for o in owed {
        for id in &o.obligations.items {
            let label = o.source.label(checklist, checks.lang);
            match required.iter_mut().find(|(item, _)| item == id) {
                Some((_, sources)) => sources.push(label),
                None => required.push((id, vec![label])),
            }
        }
    }
    for (id, sources) in required {
        let Some(state) = checklist.position(id).and_then(|p| states.get(p)) else {
            continue;
        };
        let sources = sources.join("; ");
        let shown = code_span(id);
        let (message, span) = match (state.applicability, state.valid_value(), state.answer) {
            (Applicability::DoesNotApply, _, answer) => (
                (t.required_ruled_out)(&shown, &sources),
                answer.and_then(|a| a.spans.key),
            ),
            (Applicability::Applies, Some(Value::NotApplicable), Some(answer)) => {
                ((t.required_not_applicable)(&shown, &sources), answer.spans.value)
            }
            // Unanswered or pending: `missing-answer` already says so.
            _ => continue,
        };
        findings.push(Diagnostic::new(Rule::RequiredItem, Some(id), span, message));
    }
    findings
}
