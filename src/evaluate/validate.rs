//! The validation rules (README "Validation rules").

use crate::assessment::{Action, Answer, Assessment};
use crate::checklist::{Checklist, parse_version};
use crate::date::Date;
use crate::value::Value;

use super::suggest::Suggester;
use super::{Applicability, ItemState, evaluate};
use crate::diagnostic::{Diagnostic, Rule, Span};
use crate::text::code_span;

/// Every problem with `assessment`: file-level first, then in checklist order,
/// answers to unknown ids last.
pub(crate) fn validate(checklist: &Checklist, assessment: &Assessment, today: Date) -> Vec<Diagnostic> {
    diagnostics(checklist, assessment, &evaluate(checklist, assessment), today)
}

/// The diagnostics of an assessment whose item states are already known.
pub(crate) fn diagnostics(
    checklist: &Checklist,
    assessment: &Assessment,
    states: &[ItemState<'_>],
    today: Date,
) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    findings.extend(stale(checklist, assessment));
    for state in states {
        check_item(state, assessment.spans.answers, today, &mut findings);
    }
    let mut suggester = Suggester::new(checklist);
    for (id, answer) in &assessment.answers {
        if checklist.item(id).is_none() {
            let hint = match suggester.closest(id) {
                Some(close) => format!("; did you mean `{close}`?"),
                None => String::new(),
            };
            let removed = checklist
                .changelog
                .iter()
                .find(|r| r.removed.contains(id))
                .map(|r| format!(" (removed in version {})", r.version))
                .unwrap_or_default();
            findings.push(Diagnostic::new(
                Rule::UnknownItem,
                Some(id),
                answer.spans.key,
                format!(
                    "answer to {}, which checklist {} {} does not have{removed}{hint}",
                    crate::text::code_span(id),
                    checklist.id,
                    checklist.version
                ),
            ));
        }
    }
    for (signoff, span) in assessment.signoff.iter().zip(&assessment.spans.signoff_dates) {
        if let Some(date) = &signoff.date
            && Date::parse(date).is_none()
        {
            findings.push(Diagnostic::new(
                Rule::InvalidDate,
                None,
                *span,
                format!(
                    "sign-off by {}: {} is not a date (YYYY-MM-DD)",
                    code_span(&signoff.name),
                    code_span(date)
                ),
            ));
        }
    }
    // Checklist order, as a reader goes through the file; file-level findings
    // first, answers to unknown ids last.
    let position = |f: &Diagnostic| match &f.item {
        None => (0, None),
        Some(id) => (checklist.position(id).map_or(usize::MAX, |p| p + 1), f.span),
    };
    findings.sort_by_key(|f| (position(f), f.rule));
    findings
}

fn stale(checklist: &Checklist, assessment: &Assessment) -> Vec<Diagnostic> {
    let made_with = &assessment.checklist.version;
    if made_with == &checklist.version {
        return Vec::new();
    }
    let mut findings = Vec::new();
    if parse_version(made_with) > parse_version(&checklist.version) {
        findings.push(Diagnostic::new(
            Rule::ChecklistVersion,
            None,
            assessment.spans.checklist_version,
            format!(
                "the assessment was made against {} {made_with}, newer than the {} this etika knows; upgrade etika",
                checklist.id, checklist.version
            ),
        ));
        return findings;
    }
    // Releases oldest first, so an item changed twice names the latest change.
    let mut changed: Vec<(&str, &str)> = Vec::new();
    for release in checklist.releases_since(made_with) {
        for id in &release.changed {
            changed.retain(|(seen, _)| seen != id);
            changed.push((id.as_str(), release.version.as_str()));
        }
    }
    let mut changed_answered = Vec::new();
    for (id, version) in changed {
        if let Some(answer) = assessment.answers.get(id) {
            changed_answered.push(id);
            findings.push(Diagnostic::new(
                Rule::StaleAnswer,
                Some(id),
                answer.spans.key,
                format!(
                    "`{id}`: the question changed in {} {version}: review this answer",
                    checklist.id
                ),
            ));
        }
    }
    findings.insert(
        0,
        Diagnostic::new(
            Rule::ChecklistVersion,
            None,
            assessment.spans.checklist_version,
            format!(
                "the assessment was made against {} {made_with} but the checklist is now {}; {}then set `checklist.version` to \"{}\"",
                checklist.id,
                checklist.version,
                if changed_answered.is_empty() {
                    "review the answers (the changelog names no changed item you answered), ".to_string()
                } else {
                    format!("review the {} answer(s) listed, ", changed_answered.len())
                },
                checklist.version
            ),
        ),
    );
    findings
}

fn check_item(state: &ItemState<'_>, answers_key: Option<Span>, today: Date, findings: &mut Vec<Diagnostic>) {
    let item = state.item;
    let id = Some(item.id.as_str());
    let Some(answer) = state.answer else {
        if state.applicability == Applicability::Applies {
            findings.push(Diagnostic::new(
                Rule::MissingAnswer,
                id,
                answers_key,
                format!("`{}` is not answered", item.id),
            ));
        }
        return;
    };
    let line = answer.spans.value;
    if state.applicability == Applicability::DoesNotApply {
        findings.push(Diagnostic::new(
            Rule::NotApplicableAnswered,
            id,
            answer.spans.key,
            format!("`{}` is answered but does not apply given the context answers; remove it or check the context", item.id),
        ));
    }
    check_dates(item.id.as_str(), answer, state.has_open_action(), today, findings);
    let value = match &state.value {
        Some(Ok(value)) => value,
        Some(Err(why)) => {
            findings.push(Diagnostic::new(
                Rule::InvalidValue,
                id,
                line,
                format!("`{}`: {why}", item.id),
            ));
            return;
        }
        None => return,
    };
    if state.applicability == Applicability::DoesNotApply {
        return;
    }
    if value.needs_rationale(item) && is_blank(answer.rationale.as_ref()) {
        let why = match value {
            Value::Unknown => {
                "an `unknown` answer needs a rationale: what is missing to answer it?".to_string()
            }
            Value::NotApplicable => "an `n/a` answer needs a rationale: why does it not apply?".to_string(),
            _ => "this item needs a rationale".to_string(),
        };
        findings.push(Diagnostic::new(
            Rule::MissingRationale,
            id,
            line,
            format!("`{}`: {why}", item.id),
        ));
    }
    let adverse = value.is_adverse(item);
    if value.needs_evidence(item) && answer.evidence.iter().all(|e| e.trim().is_empty()) {
        findings.push(Diagnostic::new(
            Rule::MissingEvidence,
            id,
            line,
            format!(
                "`{}`: this answer needs evidence (a document path or URL)",
                item.id
            ),
        ));
    }
    if adverse {
        match &answer.action {
            None => findings.push(Diagnostic::new(
                Rule::MissingAction,
                id,
                line,
                format!(
                    "`{}`: the answer {} needs an action with text, owner and due date",
                    item.id,
                    code_span(&answer.value.to_string())
                ),
            )),
            Some(action) => {
                let missing = missing_action_parts(action);
                if !missing.is_empty() {
                    findings.push(Diagnostic::new(
                        Rule::IncompleteAction,
                        id,
                        answer.spans.action,
                        format!("`{}`: the action has no {}", item.id, missing.join(" and no ")),
                    ));
                }
            }
        }
    }
}

/// `open`: the answer still admits a gap, so its action's deadline counts; an
/// action kept on an answer that no longer has a gap is history.
fn check_dates(id: &str, answer: &Answer, open: bool, today: Date, findings: &mut Vec<Diagnostic>) {
    if let Some(at) = &answer.at
        && Date::parse(at).is_none()
    {
        findings.push(Diagnostic::new(
            Rule::InvalidDate,
            Some(id),
            answer.spans.at,
            format!(
                "`{id}`: {} is not a date (YYYY-MM-DD)",
                code_span(&format!("at: {at}"))
            ),
        ));
    }
    let Some(due) = answer.action.as_ref().and_then(|a| a.due.as_deref()) else {
        return;
    };
    let line = answer.spans.due;
    match Date::parse(due) {
        None => findings.push(Diagnostic::new(
            Rule::InvalidDate,
            Some(id),
            line,
            format!("`{id}`: due date {} is not a date (YYYY-MM-DD)", code_span(due)),
        )),
        Some(date) if open && date < today => findings.push(Diagnostic::new(
            Rule::OverdueAction,
            Some(id),
            line,
            format!(
                "`{id}`: action was due {due}{}",
                answer
                    .action
                    .as_ref()
                    .and_then(|a| a.owner.as_deref())
                    .map(|owner| format!(" (owner: {owner})"))
                    .unwrap_or_default()
            ),
        )),
        Some(_) => {}
    }
}

fn missing_action_parts(action: &Action) -> Vec<&'static str> {
    let mut missing = Vec::new();
    if is_blank(action.text.as_ref()) {
        missing.push("text");
    }
    if is_blank(action.owner.as_ref()) {
        missing.push("owner");
    }
    if is_blank(action.due.as_ref()) {
        missing.push("due date");
    }
    missing
}

fn is_blank(text: Option<&String>) -> bool {
    text.is_none_or(|t| t.trim().is_empty())
}
