//! The validation rules (README "Validation rules").

use crate::assessment::{Action, Answer, Assessment, Signoff};
use crate::checklist::{Checklist, parse_version};
use crate::date::Date;
use crate::value::Value;

use super::obligations::{self, Owed, owed};
use super::stale::Stale;
use super::suggest::Suggester;
use super::{Applicability, Checks, ItemState, Standing, evaluate};
use crate::diagnostic::{Diagnostic, Level, Rule, Span};
use crate::say::{ActionPart, Say, say};
use crate::text::code_span;

/// Every problem with `assessment`: file-level first, then in checklist order,
/// answers to unknown ids last.
pub(crate) fn validate(checklist: &Checklist, assessment: &Assessment, checks: &Checks) -> Vec<Diagnostic> {
    let states = evaluate(checklist, assessment);
    let standing = Standing::of(checklist, &states);
    diagnostics(checklist, assessment, &states, &standing, checks)
}

/// The diagnostics of an assessment whose item states and standing are already known.
pub(crate) fn diagnostics(
    checklist: &Checklist,
    assessment: &Assessment,
    states: &[ItemState<'_>],
    standing: &Standing,
    checks: &Checks,
) -> Vec<Diagnostic> {
    let t = say(checks.lang);
    let owed = owed(checklist, &standing.impact, &standing.legal);
    let mut findings = Vec::new();
    findings.extend(stale(checklist, assessment, checks.lang));
    let evidence_root = checks.file.as_deref();
    let releases = checklist.releases_since(&assessment.checklist.version);
    let mut evidence_base = None;
    for state in states {
        let added_in = releases
            .iter()
            .rev()
            .find(|r| r.added.iter().any(|a| a == &state.item.id))
            .map(|r| r.version.as_str());
        let context = Context {
            answers_key: assessment.spans.answers,
            added_in,
            today: checks.today,
            say: t,
        };
        check_item(state, &context, &mut findings);
        if let (Some(file), Some(answer)) = (evidence_root, state.answer)
            && state.applicability != Applicability::DoesNotApply
        {
            super::evidence::check(file, &mut evidence_base, &state.item.id, answer, t, &mut findings);
        }
    }
    let mut suggester = Suggester::new(checklist);
    for (id, answer) in &assessment.answers {
        if checklist.item(id).is_none() {
            let close = suggester.closest(id);
            let removed = checklist
                .changelog
                .iter()
                .find(|r| r.removed.contains(id))
                .map(|r| r.version.as_str());
            findings.push(Diagnostic::new(
                Rule::UnknownItem,
                Some(id),
                answer.spans.key,
                (t.unknown_item)(&code_span(id), &checklist.id, &checklist.version, removed, close),
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
                (t.signoff_not_a_date)(&code_span(&signoff.name), &code_span(date)),
            ));
        }
    }
    findings.extend(blocking_classes(checklist, states, standing, checks));
    findings.extend(obligations::check(checklist, states, &owed, checks));
    findings.extend(signoff(checklist, assessment, &owed, checks, &findings));
    if let Some(file) = checks.file.as_deref() {
        findings.extend(system_changed(assessment, file, t));
    }
    findings.extend(review_due(checklist, assessment, checks.today, t));
    // Checklist order, as a reader goes through the file; file-level findings
    // first, answers to unknown ids last.
    let position = |f: &Diagnostic| match &f.item {
        None => (0, None),
        Some(id) => (checklist.position(id).map_or(usize::MAX, |p| p + 1), f.span),
    };
    findings.sort_by_key(|f| (position(f), f.rule));
    findings
}

/// `prohibited-practice`: a legal class that `blocks` applies, or may
/// (an answer it tests is `unknown` or `n/a`), at the answer that puts the
/// system in it.
fn blocking_classes(
    checklist: &Checklist,
    states: &[ItemState<'_>],
    standing: &Standing,
    checks: &Checks,
) -> Vec<Diagnostic> {
    let t = say(checks.lang);
    let mut findings = Vec::new();
    for result in &standing.legal {
        for hit in &result.classes {
            let class = &checklist.legal[result.index].classes[hit.index];
            if !class.blocks {
                continue;
            }
            let name = super::Source::Class {
                regime: result.index,
                class: hit.index,
            }
            .label(checklist, checks.lang);
            let because = because(checklist, states, &hit.items);
            let message = if hit.assumed {
                (t.class_blocks_open)(&name, &because)
            } else {
                (t.class_blocks)(&name, &because)
            };
            let first = hit
                .items
                .first()
                .and_then(|id| checklist.position(id))
                .and_then(|p| states.get(p));
            let (item, span) = match first {
                Some(state) => (
                    Some(state.item.id.as_str()),
                    state.answer.and_then(|a| a.spans.value),
                ),
                None => (None, None),
            };
            findings.push(Diagnostic::new(Rule::ProhibitedPractice, item, span, message));
        }
    }
    findings
}

/// The answers that put the system in a class or on a floor:
/// `` `context.domain` = credit-insurance, `context.eu-reach` = yes ``.
fn because(checklist: &Checklist, states: &[ItemState<'_>], items: &[String]) -> String {
    items
        .iter()
        .map(|id| {
            let answer = checklist
                .position(id)
                .and_then(|p| states.get(p))
                .and_then(|s| s.answer)
                .map_or_else(|| "?".to_string(), |a| a.value.to_string());
            format!("{} = {}", code_span(id), code_span(&answer))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `missing-signoff`: once complete (or when the impact level or a legal
/// class obliges it, or with `--require-signoff`), someone accountable must
/// sign, and a sign-off older than the latest answer signed something else.
/// Where a sign-off is obliged, it must name a role (one the obligation
/// accepts, if it lists them).
fn signoff(
    checklist: &Checklist,
    assessment: &Assessment,
    owed: &[Owed<'_>],
    checks: &Checks,
    findings: &[Diagnostic],
) -> Option<Diagnostic> {
    let t = say(checks.lang);
    let why = unsigned_because(assessment, checks.today, t);
    let obliged: Vec<&Owed<'_>> = owed.iter().filter(|o| o.obligations.signoff).collect();
    let sources = obliged
        .iter()
        .map(|o| o.source.label(checklist, checks.lang))
        .collect::<Vec<_>>()
        .join("; ");
    let Some(why) = why else {
        return signoff_role(assessment, &obliged, &sources, t);
    };
    // The last step: asked for once nothing else is left to fix.
    let complete = !findings.iter().any(|f| f.level == Level::Error);
    if obliged.is_empty() && !checks.require_signoff && !complete {
        return None;
    }
    let message = if obliged.is_empty() {
        (t.signoff_add)(&why)
    } else {
        (t.signoff_required_by)(&why, &sources)
    };
    let mut diagnostic = Diagnostic::new(Rule::MissingSignoff, None, assessment.spans.signoff, message);
    if !obliged.is_empty() || checks.require_signoff {
        diagnostic.level = Level::Error;
    }
    Some(diagnostic)
}

/// What makes the latest sign-off not hold, if anything: there is none, it
/// is dated after `today`, or answers changed since it was given. `None`
/// when it holds (`etika diff` shows that too).
pub(crate) fn unsigned_because(assessment: &Assessment, today: Date, t: &Say) -> Option<String> {
    let latest_answer = assessment.latest_answer_date();
    match latest_signoff(assessment) {
        None => Some(t.no_signoff.to_string()),
        Some((signoff, date)) if date > today => Some((t.signoff_after_today)(
            &code_span(&signoff.name),
            &date.to_string(),
            &today.to_string(),
        )),
        // `etika sign` recorded what it signed: any change since is unsigned.
        Some((signoff, date)) => match &signoff.answers_digest {
            Some(digest) if *digest != answers_digest(assessment) => Some((t.signoff_answers_changed)(
                &code_span(&signoff.name),
                &date.to_string(),
            )),
            Some(_) => None,
            // A sign-off written by hand: judged by its date.
            None => latest_answer.filter(|latest| date < *latest).map(|latest| {
                (t.signoff_older)(&code_span(&signoff.name), &date.to_string(), &latest.to_string())
            }),
        },
    }
}

/// A sign-off that holds, where one is obliged: it must name a role, and
/// where obligations list roles, one of them (any list's: a system a level
/// and a class oblige can be signed by a role either accepts).
fn signoff_role(
    assessment: &Assessment,
    obliged: &[&Owed<'_>],
    sources: &str,
    t: &Say,
) -> Option<Diagnostic> {
    if obliged.is_empty() {
        return None;
    }
    let (signed, _) = latest_signoff(assessment)?;
    let role = signed.role.as_deref().unwrap_or_default().trim().to_lowercase();
    let mut accepted: Vec<&str> = Vec::new();
    for o in obliged {
        for listed in &o.obligations.signoff_roles {
            if !accepted.contains(&listed.as_str()) {
                accepted.push(listed);
            }
        }
    }
    let holds = !role.is_empty() && (accepted.is_empty() || accepted.contains(&role.as_str()));
    if holds {
        return None;
    }
    let mut diagnostic = Diagnostic::new(
        Rule::MissingSignoff,
        None,
        assessment.spans.signoff,
        (t.signoff_role_missing)(&code_span(&signed.name), sources, &accepted.join(", ")),
    );
    diagnostic.level = Level::Error;
    Some(diagnostic)
}

/// What a sign-off by `etika sign` signs: the checklist version and every
/// answer's content (not who gave it or when, nor what was asked).
pub(crate) fn answers_digest(assessment: &Assessment) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    let mut field = |text: &str| {
        hasher.update(text.as_bytes());
        hasher.update([0]);
    };
    field(&assessment.checklist.id);
    field(&assessment.checklist.version);
    for (id, answer) in &assessment.answers {
        field(id);
        field(&answer.value.to_string());
        field(answer.rationale.as_deref().unwrap_or_default());
        field(&answer.evidence.join("\n"));
        let action = answer.action.clone().unwrap_or_default();
        for part in [action.text, action.owner, action.due] {
            field(part.as_deref().unwrap_or_default());
        }
    }
    crate::fingerprint::hex(&hasher.finalize())
}

/// The latest sign-off with a name and a valid date (the last one written, of equal dates).
pub(crate) fn latest_signoff(assessment: &Assessment) -> Option<(&Signoff, Date)> {
    assessment
        .signoff
        .iter()
        .filter(|s| !s.name.trim().is_empty())
        .filter_map(|s| s.date.as_deref().and_then(Date::parse).map(|date| (s, date)))
        .max_by_key(|(_, date)| *date)
}

/// `system-changed`: each watched path against its digest at the latest sign-off.
fn system_changed(assessment: &Assessment, file: &std::path::Path, t: &Say) -> Vec<Diagnostic> {
    let Some((signed, date)) = latest_signoff(assessment) else {
        // Nothing was signed yet: `missing-signoff` says so.
        return Vec::new();
    };
    let by = (t.signed_by)(&code_span(&signed.name), &date.to_string());
    let mut findings = Vec::new();
    for (index, entry) in assessment.watch.iter().enumerate() {
        let span = assessment.spans.watch.get(index).copied().flatten();
        let now = crate::watch::digest(file, entry);
        let problem = match (signed.digests.get(entry), now) {
            (Some(then), Ok(now)) if *then == now => continue,
            (None, _) => (t.watch_no_digest)(&by),
            (Some(_), Ok(_)) => {
                let commits = signed
                    .commit
                    .as_deref()
                    .map(|commit| crate::watch::commits_since(file, commit, &[entry.as_str()]))
                    .unwrap_or_default();
                let since = match commits.len() {
                    0 => String::new(),
                    n => (t.watch_commits)(
                        n,
                        &commits.iter().take(5).cloned().collect::<Vec<_>>().join("; "),
                        n > 5,
                    ),
                };
                (t.watch_changed)(&by, &since)
            }
            (Some(_), Err(why)) => (t.watch_unreadable)(&(t.unwatchable)(&why), &by),
        };
        findings.push(Diagnostic::new(
            Rule::SystemChanged,
            None,
            span,
            (t.watched)(&code_span(entry), &problem),
        ));
    }
    findings
}

/// `review-due`: past `review_by`, or past the latest sign-off plus the
/// checklist's `review_every`.
fn review_due(checklist: &Checklist, assessment: &Assessment, today: Date, t: &Say) -> Option<Diagnostic> {
    let (due, why) = if let Some(text) = &assessment.review_by {
        let Some(due) = Date::parse(text) else {
            return Some(Diagnostic::new(
                Rule::InvalidDate,
                None,
                assessment.spans.review_by,
                (t.review_by_not_a_date)(&code_span(text)),
            ));
        };
        (due, (t.review_by_is)(&due.to_string()))
    } else {
        let every = checklist.review_every?;
        let (signed, date) = latest_signoff(assessment)?;
        (
            date.after(every),
            (t.review_every)(&checklist.id, every, &code_span(&signed.name), &date.to_string()),
        )
    };
    (today > due).then(|| {
        Diagnostic::new(
            Rule::ReviewDue,
            None,
            assessment.spans.review_by.or(assessment.spans.signoff),
            (t.review_due)(&due.to_string(), &why),
        )
    })
}

fn stale(checklist: &Checklist, assessment: &Assessment, lang: crate::text::Lang) -> Vec<Diagnostic> {
    let t = say(lang);
    let made_with = &assessment.checklist.version;
    if made_with != &checklist.version && parse_version(made_with) > parse_version(&checklist.version) {
        let mut newer = Diagnostic::new(
            Rule::ChecklistVersion,
            None,
            assessment.spans.checklist_version,
            (t.checklist_newer)(&checklist.id, made_with, &checklist.version),
        );
        // Nothing here can be checked against questions etika does not know.
        newer.level = Level::Error;
        return vec![newer];
    }
    if parse_version(made_with).is_none() {
        let mut invalid = Diagnostic::new(
            Rule::ChecklistVersion,
            None,
            assessment.spans.checklist_version,
            (t.version_invalid)(&code_span(made_with)),
        );
        invalid.level = Level::Error;
        return vec![invalid];
    }
    let stale = super::stale::stale_answers(checklist, assessment);
    let mut findings = Vec::new();
    for (id, why) in &stale {
        let what = match why {
            Stale::Changed(parts) => (t.stale_changed)(parts),
            Stale::InChangelog(version) => {
                let source = checklist
                    .item(id)
                    .map_or(checklist.id.as_str(), |i| checklist.source_of(i).0);
                (t.stale_in_changelog)(source, version)
            }
        };
        // The changelog is the human explanation; show it where it has one.
        let (source_id, _, changelog) = match checklist.item(id) {
            Some(item) => checklist.source_of(item),
            None => (
                checklist.id.as_str(),
                checklist.version.as_str(),
                checklist.changelog.as_slice(),
            ),
        };
        let since = assessment.checklist.version_of(source_id).unwrap_or(made_with);
        let note = crate::checklist::releases_since(changelog, since)
            .into_iter()
            .rev()
            .find(|r| r.changed.iter().any(|c| c == id))
            .and_then(|r| {
                r.notes
                    .as_ref()
                    .map(|n| format!(" ({}: {})", r.version, n.get(lang).trim()))
            })
            .unwrap_or_default();
        findings.push(Diagnostic::new(
            Rule::StaleAnswer,
            Some(id),
            assessment.answers.get(*id).and_then(|a| a.spans.key),
            (t.stale_answer)(id, &what, &note),
        ));
    }
    for base in &checklist.bases {
        let recorded = assessment.checklist.version_of(&base.id);
        if recorded == Some(base.version.as_str()) {
            continue;
        }
        findings.push(Diagnostic::new(
            Rule::ChecklistVersion,
            None,
            assessment.spans.checklist_version,
            (t.base_moved)(&base.id, recorded, &checklist.id, &base.version),
        ));
    }
    if made_with != &checklist.version {
        let next = if stale.is_empty() {
            (t.version_moves_now)(&checklist.version)
        } else {
            (t.version_moves_after)(stale.len(), &checklist.version)
        };
        findings.insert(
            0,
            Diagnostic::new(
                Rule::ChecklistVersion,
                None,
                assessment.spans.checklist_version,
                (t.version_other)(&checklist.id, made_with, &checklist.version, &next),
            ),
        );
    }
    findings
}

/// Where an item stands in the assessment's history: the release that
/// added it since the assessed version, if one did.
struct Context<'a> {
    answers_key: Option<Span>,
    added_in: Option<&'a str>,
    today: Date,
    say: &'static Say,
}

fn check_item(state: &ItemState<'_>, context: &Context<'_>, findings: &mut Vec<Diagnostic>) {
    let item = state.item;
    let id = Some(item.id.as_str());
    let today = context.today;
    let t = context.say;
    let Some(answer) = state.answer else {
        if state.applicability == Applicability::Applies {
            findings.push(Diagnostic::new(
                Rule::MissingAnswer,
                id,
                context.answers_key,
                (t.missing_answer)(&item.id, context.added_in),
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
            (t.not_applicable_answered)(&item.id),
        ));
    }
    check_dates(
        item.id.as_str(),
        answer,
        state.has_open_action(),
        today,
        t,
        findings,
    );
    let value = match &state.value {
        Some(Ok(value)) => value,
        Some(Err(why)) => {
            findings.push(Diagnostic::new(
                Rule::InvalidValue,
                id,
                line,
                format!("`{}`: {}", item.id, (t.invalid)(why)),
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
            Value::Unknown => t.rationale_unknown,
            Value::NotApplicable => t.rationale_not_applicable,
            _ => t.rationale_required,
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
            format!("`{}`: {}", item.id, t.evidence_needed),
        ));
    }
    if value.needs_action(item) {
        match &answer.action {
            None => findings.push(Diagnostic::new(
                Rule::MissingAction,
                id,
                line,
                if adverse {
                    format!(
                        "`{}`: {}",
                        item.id,
                        (t.action_adverse)(&code_span(&answer.value.to_string()))
                    )
                } else if value == &Value::NotApplicable {
                    format!("`{}`: {}", item.id, t.action_context_not_applicable)
                } else {
                    format!("`{}`: {}", item.id, t.action_unknown)
                },
            )),
            Some(action) => {
                let missing = missing_action_parts(action);
                if !missing.is_empty() {
                    findings.push(Diagnostic::new(
                        Rule::IncompleteAction,
                        id,
                        answer.spans.action,
                        format!("`{}`: {}", item.id, (t.action_lacks)(&missing)),
                    ));
                }
            }
        }
    }
}

/// `open`: the answer still admits a gap, so its action's deadline counts; an
/// action kept on an answer that no longer has a gap is history.
fn check_dates(id: &str, answer: &Answer, open: bool, today: Date, t: &Say, findings: &mut Vec<Diagnostic>) {
    if let Some(at) = &answer.at
        && Date::parse(at).is_none()
    {
        findings.push(Diagnostic::new(
            Rule::InvalidDate,
            Some(id),
            answer.spans.at,
            format!("`{id}`: {}", (t.not_a_date)(&code_span(&format!("at: {at}")))),
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
            format!("`{id}`: {}", (t.due_not_a_date)(&code_span(due))),
        )),
        Some(date) if open && date < today => findings.push(Diagnostic::new(
            Rule::OverdueAction,
            Some(id),
            line,
            format!(
                "`{id}`: {}",
                (t.overdue)(due, answer.action.as_ref().and_then(|a| a.owner.as_deref()))
            ),
        )),
        Some(_) => {}
    }
}

fn missing_action_parts(action: &Action) -> Vec<ActionPart> {
    let mut missing = Vec::new();
    if is_blank(action.text.as_ref()) {
        missing.push(ActionPart::Text);
    }
    if is_blank(action.owner.as_ref()) {
        missing.push(ActionPart::Owner);
    }
    if is_blank(action.due.as_ref()) {
        missing.push(ActionPart::Due);
    }
    missing
}

fn is_blank(text: Option<&String>) -> bool {
    text.is_none_or(|t| t.trim().is_empty())
}
