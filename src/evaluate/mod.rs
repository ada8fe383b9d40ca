//! What an assessment means against its checklist: which items apply, which
//! answers are valid, what is missing (`validate`), how much the system can
//! harm people (`impact`), which legal classes it falls in (`legal`), what
//! that obliges (`obligations`) and how far the team has got (`readiness`).

mod condition;
mod evidence;
mod impact;
mod legal;
pub(crate) mod obligations;
mod readiness;
#[cfg(test)]
mod scenarios;

/// For unit tests: `f` of the evaluation of `answers` (the lines under
/// `answers:`) against `checklist`, on 2026-12-01.
#[cfg(test)]
pub(crate) fn evaluated<R>(checklist: &Checklist, answers: &str, f: impl FnOnce(&Evaluation<'_>) -> R) -> R {
    let text = format!(
        "etika: 1\nchecklist: {{id: {}, version: \"{}\"}}\nsystem: {{name: x}}\nanswers:\n{answers}",
        checklist.id, checklist.version
    );
    let assessment = Assessment::parse(&text, "a.yaml").unwrap();
    let checks = Checks::new(Date::parse("2026-12-01").unwrap(), "a.yaml".as_ref());
    f(&Evaluation::new(checklist, &assessment, &checks))
}
mod stale;
mod suggest;
mod summary;
mod validate;

pub(crate) use impact::Impact;
pub(crate) use legal::RegimeResult;
pub(crate) use obligations::{Combined, Source, owed};
pub(crate) use readiness::Readiness;
pub(crate) use stale::{Stale, can_move_to_current, stale_answers};
pub(crate) use summary::{SectionSummary, Status, Summary};
pub(crate) use validate::{answers_digest, latest_signoff, unsigned_because, validate};

use std::path::PathBuf;

use crate::checklist::Section;
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::text::Lang;

use crate::assessment::{Answer, Assessment};
use crate::checklist::{Checklist, Item};
use crate::value::Value;
use condition::{Known, Truth};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Applicability {
    Applies,
    DoesNotApply,
    /// Depends on an earlier item that has no valid answer yet.
    Pending,
}

#[derive(Debug)]
pub(crate) struct ItemState<'a> {
    pub(crate) item: &'a Item,
    pub(crate) applicability: Applicability,
    pub(crate) answer: Option<&'a Answer>,
    /// The answer checked against the item: `Err` holds why it is invalid.
    pub(crate) value: Option<Result<Value, crate::value::Invalid>>,
}

/// What a context `n/a` counts as: a context question describes the system,
/// and "does not apply" is no reason to ask less or score lower.
const CONTEXT_NOT_APPLICABLE: &Value = &Value::Unknown;

impl ItemState<'_> {
    pub(crate) fn valid_value(&self) -> Option<&Value> {
        self.value.as_ref().and_then(|v| v.as_ref().ok())
    }

    /// The answer as conditions and the risk score read it.
    pub(crate) fn effective_value(&self) -> Option<&Value> {
        match self.valid_value() {
            Some(Value::NotApplicable) if self.item.is_context => Some(CONTEXT_NOT_APPLICABLE),
            other => other,
        }
    }

    /// An answer that needs an action: it admits a gap (adverse) or a blind
    /// spot (`unknown`, for context items too).
    pub(crate) fn is_gap(&self) -> bool {
        self.valid_value().is_some_and(|v| v.needs_action(self.item))
    }

    pub(crate) fn is_adverse(&self) -> bool {
        self.valid_value().is_some_and(|v| v.is_adverse(self.item))
    }

    /// An applicable answer that admits a gap (adverse) or a blind spot
    /// (`unknown`): its action, if any, is still open.
    pub(crate) fn has_open_action(&self) -> bool {
        self.applicability == Applicability::Applies
            && self.answer.is_some_and(|a| a.action.is_some())
            && self.is_gap()
    }
}

/// What a command checks beyond the two files: the date, where evidence
/// paths are found, and how strict the gate is.
#[derive(Debug, Clone)]
pub(crate) struct Checks {
    pub(crate) today: Date,
    /// The assessment file, whose folder evidence paths are relative to;
    /// `None` skips `evidence-not-found` (an assessment in no file).
    pub(crate) file: Option<PathBuf>,
    /// `--require-signoff`: an unsigned assessment is an error, not a warning.
    pub(crate) require_signoff: bool,
    /// The language of the findings' messages.
    pub(crate) lang: Lang,
}

impl Checks {
    /// Checks whose messages are in English, as reports and prompts quote them.
    pub(crate) fn new(today: Date, file: &std::path::Path) -> Checks {
        Checks {
            today,
            file: Some(file.to_path_buf()),
            require_signoff: false,
            lang: Lang::En,
        }
    }
}

/// What an assessment means against its checklist, computed once per
/// command: every item's state, the diagnostics, impact, legal classes,
/// readiness.
pub(crate) struct Evaluation<'a> {
    pub(crate) states: Vec<ItemState<'a>>,
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) standing: Standing,
    pub(crate) readiness: Readiness,
}

/// Where the system stands before any answer outside the context is read:
/// its impact level and legal classes, which decide what it owes.
#[derive(Debug, Clone)]
pub(crate) struct Standing {
    pub(crate) impact: Impact,
    pub(crate) legal: Vec<RegimeResult>,
}

impl Standing {
    pub(crate) fn of(checklist: &Checklist, states: &[ItemState<'_>]) -> Standing {
        let known = |id: &str| known(checklist, states, id);
        Standing {
            impact: impact::impact(states, &checklist.impact, &known),
            legal: legal::classify(&checklist.legal, &known),
        }
    }
}

/// What a condition may know of item `id`, from the states computed so far.
fn known<'s>(checklist: &Checklist, states: &'s [ItemState<'_>], id: &str) -> Known<'s> {
    // States are in checklist order: an item's position is its state's index.
    match checklist.position(id).and_then(|p| states.get(p)) {
        Some(state) if state.applicability == Applicability::DoesNotApply => Known::Absent,
        // An answer to an item that may not apply yet settles nothing.
        Some(state) if state.applicability == Applicability::Pending => Known::Pending,
        Some(state) => match state.effective_value() {
            Some(value) => Known::Answered(value),
            None => Known::Pending,
        },
        None => Known::Pending,
    }
}

impl<'a> Evaluation<'a> {
    pub(crate) fn new(
        checklist: &'a Checklist,
        assessment: &'a Assessment,
        checks: &Checks,
    ) -> Evaluation<'a> {
        let states = evaluate(checklist, assessment);
        let standing = Standing::of(checklist, &states);
        let diagnostics = validate::diagnostics(checklist, assessment, &states, &standing, checks);
        let readiness = readiness::readiness(checklist, &states, standing.impact.level);
        Evaluation {
            states,
            diagnostics,
            standing,
            readiness,
        }
    }

    /// Each section with the states of its items (states are in checklist order).
    pub(crate) fn sections(
        &self,
        checklist: &'a Checklist,
    ) -> impl Iterator<Item = (&'a Section, &[ItemState<'a>])> + '_ {
        let mut start = 0;
        checklist.sections.iter().map(move |section| {
            let end = start + section.items.len();
            let states = &self.states[start..end];
            start = end;
            (section, states)
        })
    }
}

/// Every item of the checklist, in order, with its applicability and answer.
pub(crate) fn evaluate<'a>(checklist: &'a Checklist, assessment: &'a Assessment) -> Vec<ItemState<'a>> {
    let mut states: Vec<ItemState<'a>> = Vec::new();
    for item in checklist.items() {
        let applicability = match &item.when {
            None => Applicability::Applies,
            Some(when) => {
                // Conditions only refer to earlier items (checked on load), so
                // their states are already known.
                let known = |id: &str| known(checklist, &states, id);
                match condition::truth(when, &known) {
                    Truth::Pending => Applicability::Pending,
                    truth if truth.applies() => Applicability::Applies,
                    _ => Applicability::DoesNotApply,
                }
            }
        };
        let answer = assessment.answers.get(&item.id);
        let value = answer.map(|a| Value::interpret(item, &a.value));
        states.push(ItemState {
            item,
            applicability,
            answer,
            value,
        });
    }
    states
}

/// Applicability of one item given the assessment (used by `answer` and `assess`).
pub(crate) fn applicability_of(
    checklist: &Checklist,
    assessment: &Assessment,
    id: &str,
) -> Option<Applicability> {
    evaluate(checklist, assessment)
        .into_iter()
        .find(|s| s.item.id == id)
        .map(|s| s.applicability)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklist::{Origin, parse};
    use crate::date::Date;

    const CHECKLIST: &str = r#"
id: chain
version: "1.2.0"
title: Chain
changelog:
  - {version: 1.2.0, changed: [s.one]}
  - {version: 1.1.0, changed: [s.one]}
sections:
  - id: context
    title: Context
    context: true
    items:
      - {id: context.a, question: A?, type: yes-no}
  - id: s
    title: S
    items:
      - {id: s.one, question: One?, type: yes-no, severity: low, when: {item: context.a, equals: "yes"}}
      - {id: s.two, question: Two?, type: yes-no, severity: low, when: {item: s.one, equals: "yes"}}
"#;

    fn assessment(answers: &str) -> Assessment {
        let text = format!(
            "etika: 1\nchecklist: {{id: chain, version: \"1.0.0\"}}\nsystem: {{name: x}}\nanswers:\n{answers}"
        );
        Assessment::parse(&text, "a.yaml").unwrap()
    }

    #[test]
    fn an_answer_under_a_pending_condition_settles_nothing() {
        let checklist = parse(CHECKLIST, "c.yaml", Origin::Builtin).unwrap();
        let assessment = assessment("  s.one: {value: \"yes\"}\n");
        let states = evaluate(&checklist, &assessment);
        let applicability: Vec<_> = states.iter().map(|s| s.applicability).collect();
        assert_eq!(
            applicability,
            [
                Applicability::Applies,
                Applicability::Pending,
                Applicability::Pending
            ]
        );
    }

    #[test]
    fn an_item_changed_in_two_releases_is_stale_once() {
        let checklist = parse(CHECKLIST, "c.yaml", Origin::Builtin).unwrap();
        let assessment = assessment("  context.a: {value: \"yes\"}\n  s.one: {value: \"yes\"}\n");
        let stale: Vec<_> = validate(
            &checklist,
            &assessment,
            &Checks {
                today: Date::parse("2026-11-29").unwrap(),
                file: None,
                require_signoff: false,
                lang: Lang::En,
            },
        )
        .into_iter()
        .filter(|f| {
            matches!(
                f.rule,
                crate::diagnostic::Rule::ChecklistVersion | crate::diagnostic::Rule::StaleAnswer
            )
        })
        .map(|f| f.message)
        .collect();
        assert_eq!(stale.len(), 2, "{stale:#?}");
        assert!(
            stale[0].contains("once the 1 answer(s) reported as `stale-answer` are reviewed"),
            "{stale:#?}"
        );
        assert!(stale[1].contains("changed in chain 1.2.0"), "{stale:#?}");
    }
}
