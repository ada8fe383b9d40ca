//! The validation rules (README "Validation rules").

use crate::assessment::{Action, Answer, Assessment, Signoff};
use crate::checklist::{Checklist, parse_version};
use crate::date::Date;
use crate::value::Value;

use super::stale::Stale;
use super::suggest::Suggester;
use super::{Applicability, Checks, ItemState, Risk, evaluate, score};
use crate::checklist::Tier;
use crate::diagnostic::{Diagnostic, Level, Rule, Span};
use crate::text::code_span;

/// Every problem with `assessment`: file-level first, then in checklist order,
/// answers to unknown ids last.
pub(crate) fn validate(checklist: &Checklist, assessment: &Assessment, checks: &Checks) -> Vec<Diagnostic> {
    let states = evaluate(checklist, assessment);
    let risk = score::risk(&states, &checklist.risk);
    diagnostics(checklist, assessment, &states, &risk, checks)
}

/// The diagnostics of an assessment whose item states and risk are already known.
pub(crate) fn diagnostics(
    checklist: &Checklist,
    assessment: &Assessment,
    states: &[ItemState<'_>],
    risk: &Risk,
    checks: &Checks,
) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    findings.extend(stale(checklist, assessment));
    let evidence_root = checks.file.as_deref();
    let releases = checklist.releases_since(&assessment.checklist.version);
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
        };
        check_item(state, &context, &mut findings);
        if let (Some(file), Some(answer)) = (evidence_root, state.answer)
            && state.applicability != Applicability::DoesNotApply
        {
            super::evidence::check(file, &state.item.id, answer, &mut findings);
        }
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
    findings.extend(signoff(checklist, assessment, risk, checks, &findings));
    if let Some(file) = checks.file.as_deref() {
        findings.extend(system_changed(assessment, file));
    }
    findings.extend(review_due(checklist, assessment, checks.today));
    // Checklist order, as a reader goes through the file; file-level findings
    // first, answers to unknown ids last.
    let position = |f: &Diagnostic| match &f.item {
        None => (0, None),
        Some(id) => (checklist.position(id).map_or(usize::MAX, |p| p + 1), f.span),
    };
    findings.sort_by_key(|f| (position(f), f.rule));
    findings
}

/// Why a context answer fails as a prohibited practice: it chose an option
/// the checklist marks as one (its floor is `unacceptable`), or it leaves
/// open (`unknown`, `n/a`) whether the system does one.
fn prohibited(state: &ItemState<'_>) -> Option<String> {
    let choices = state.item.kind.choices();
    let marks = |c: &&crate::checklist::Choice| c.floor == Some(Tier::Unacceptable);
    if !state.item.is_context || !choices.iter().any(|c| marks(&c)) {
        return None;
    }
    let chosen: Vec<&str> = match state.valid_value()? {
        Value::Choice(value) => vec![value.as_str()],
        Value::Choices(values) => values.iter().map(String::as_str).collect(),
        open @ (Value::Unknown | Value::NotApplicable) => {
            return Some(format!(
                "{} leaves open whether the system does a prohibited practice; find out before going \
                 further, and answer with what it does (or the option for none)",
                code_span(&open.to_raw().to_string())
            ));
        }
        _ => return None,
    };
    choices
        .iter()
        .filter(marks)
        .find(|c| chosen.contains(&c.value.as_str()))
        .map(|c| {
            format!(
                "{} is a prohibited practice (unacceptable risk); no safeguard elsewhere offsets it",
                code_span(&c.value)
            )
        })
}

/// `missing-signoff`: once complete (or from the checklist's `signoff_from`
/// tier, or with `--require-signoff`), someone accountable must sign, and a
/// sign-off older than the latest answer signed something else.
fn signoff(
    checklist: &Checklist,
    assessment: &Assessment,
    risk: &Risk,
    checks: &Checks,
    findings: &[Diagnostic],
) -> Option<Diagnostic> {
    let latest_answer = assessment.latest_answer_date();
    let signed = latest_signoff(assessment);
    // What makes the latest sign-off not hold, if anything.
    let why = match signed {
        None => Some("no sign-off is recorded".to_string()),
        Some((signoff, date)) if date > checks.today => Some(format!(
            "the latest sign-off ({} on {date}) is dated after today ({}), so it signs nothing yet",
            code_span(&signoff.name),
            checks.today
        )),
        // `etika sign` recorded what it signed: any change since is unsigned.
        Some((signoff, date)) => match &signoff.answers_digest {
            Some(digest) if *digest != answers_digest(assessment) => Some(format!(
                "the answers changed since the sign-off by {} on {date}; review them and sign again",
                code_span(&signoff.name)
            )),
            Some(_) => None,
            // A sign-off written by hand: judged by its date.
            None => latest_answer.filter(|latest| date < *latest).map(|latest| {
                format!(
                    "the latest sign-off ({} on {date}) is older than answers recorded on {latest}; review and sign again",
                    code_span(&signoff.name)
                )
            }),
        },
    };
    let why = why?;
    let required_from = checklist.risk.signoff_from.filter(|from| risk.tier >= *from);
    // The last step: asked for once nothing else is left to fix.
    let complete = !findings.iter().any(|f| f.level == Level::Error);
    if required_from.is_none() && !checks.require_signoff && !complete {
        return None;
    }
    let message = match required_from {
        Some(from) => format!(
            "{why}: the risk tier is {}, and checklist {} requires a sign-off from {} up",
            risk.tier.as_str(),
            checklist.id,
            from.as_str()
        ),
        None => format!("{why}: add `signoff:` with name, role and date once the assessment is reviewed"),
    };
    let mut diagnostic = Diagnostic::new(Rule::MissingSignoff, None, assessment.spans.signoff, message);
    if required_from.is_some() || checks.require_signoff {
        diagnostic.level = Level::Error;
    }
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
fn latest_signoff(assessment: &Assessment) -> Option<(&Signoff, Date)> {
    assessment
        .signoff
        .iter()
        .filter(|s| !s.name.trim().is_empty())
        .filter_map(|s| s.date.as_deref().and_then(Date::parse).map(|date| (s, date)))
        .max_by_key(|(_, date)| *date)
}

/// `system-changed`: each watched path against its digest at the latest sign-off.
fn system_changed(assessment: &Assessment, file: &std::path::Path) -> Vec<Diagnostic> {
    let Some((signed, date)) = latest_signoff(assessment) else {
        // Nothing was signed yet: `missing-signoff` says so.
        return Vec::new();
    };
    let by = format!("the sign-off by {} on {date}", code_span(&signed.name));
    let mut findings = Vec::new();
    for (index, entry) in assessment.watch.iter().enumerate() {
        let span = assessment.spans.watch.get(index).copied().flatten();
        let now = crate::watch::digest(file, entry);
        let problem = match (signed.digests.get(entry), now) {
            (Some(then), Ok(now)) if *then == now => continue,
            (None, _) => format!("is watched, but {by} has no digest of it: review it and sign again"),
            (Some(_), Ok(_)) => {
                let commits = signed
                    .commit
                    .as_deref()
                    .map(|commit| crate::watch::commits_since(file, commit, &[entry.as_str()]))
                    .unwrap_or_default();
                let since = match commits.len() {
                    0 => String::new(),
                    n => {
                        format!(
                            "; {} since: {}",
                            if n == 1 { "1 commit" } else { "commits" },
                            commits.iter().take(5).cloned().collect::<Vec<_>>().join("; ")
                        ) + if n > 5 { "; …" } else { "" }
                    }
                };
                format!("changed since {by}{since}: re-check the answers it affects, then sign again")
            }
            (Some(_), Err(why)) => format!("{why} now (it was signed in {by})"),
        };
        findings.push(Diagnostic::new(
            Rule::SystemChanged,
            None,
            span,
            format!("watched {} {problem}", code_span(entry)),
        ));
    }
    findings
}

/// `review-due`: past `review_by`, or past the latest sign-off plus the
/// checklist's `review_every`.
fn review_due(checklist: &Checklist, assessment: &Assessment, today: Date) -> Option<Diagnostic> {
    let (due, why) = if let Some(text) = &assessment.review_by {
        let Some(due) = Date::parse(text) else {
            return Some(Diagnostic::new(
                Rule::InvalidDate,
                None,
                assessment.spans.review_by,
                format!("`review_by`: {} is not a date (YYYY-MM-DD)", code_span(text)),
            ));
        };
        (due, format!("`review_by` is {due}"))
    } else {
        let every = checklist.review_every?;
        let (signed, date) = latest_signoff(assessment)?;
        (
            date.after(every),
            format!(
                "checklist {} asks for a review {every} after each sign-off, and the last was by {} on {date}",
                checklist.id,
                code_span(&signed.name)
            ),
        )
    };
    (today > due).then(|| {
        Diagnostic::new(
            Rule::ReviewDue,
            None,
            assessment.spans.review_by.or(assessment.spans.signoff),
            format!("the assessment was due for review on {due} ({why}): review it, then sign again"),
        )
    })
}

fn stale(checklist: &Checklist, assessment: &Assessment) -> Vec<Diagnostic> {
    let made_with = &assessment.checklist.version;
    if made_with != &checklist.version && parse_version(made_with) > parse_version(&checklist.version) {
        let mut newer = Diagnostic::new(
            Rule::ChecklistVersion,
            None,
            assessment.spans.checklist_version,
            format!(
                "the assessment was made against {} {made_with}, newer than the {} this etika knows; upgrade etika",
                checklist.id, checklist.version
            ),
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
            format!(
                "`checklist.version` {} is not a version (MAJOR.MINOR.PATCH), so etika cannot tell which \
                 answers changed since; set it to the version the assessment was made against",
                code_span(made_with)
            ),
        );
        invalid.level = Level::Error;
        return vec![invalid];
    }
    let stale = super::stale::stale_answers(checklist, assessment);
    let mut findings = Vec::new();
    for (id, why) in &stale {
        let what = match why {
            Stale::Changed(parts) => {
                format!("the {} changed since this answer was given", parts.join(" and "))
            }
            Stale::InChangelog(version) => {
                let source = checklist
                    .item(id)
                    .map_or(checklist.id.as_str(), |i| checklist.source_of(i).0);
                format!("the question changed in {source} {version}")
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
                    .map(|n| format!(" ({}: {})", r.version, n.get(crate::text::Lang::En).trim()))
            })
            .unwrap_or_default();
        findings.push(Diagnostic::new(
            Rule::StaleAnswer,
            Some(id),
            assessment.answers.get(*id).and_then(|a| a.spans.key),
            format!(
                "`{id}`: {what}{note}: review the answer (`etika assess` asks it first, or `etika answer`)"
            ),
        ));
    }
    for base in &checklist.bases {
        let recorded = assessment.checklist.version_of(&base.id);
        if recorded == Some(base.version.as_str()) {
            continue;
        }
        let was = match recorded {
            Some(version) => format!("{} {version}", base.id),
            None => format!("no version of {}", base.id),
        };
        findings.push(Diagnostic::new(
            Rule::ChecklistVersion,
            None,
            assessment.spans.checklist_version,
            format!(
                "the assessment records {was}, which {} extends, but it is now {}; the answers to its changed \
                 items are reported as `stale-answer`, and once they are reviewed the next save records {}",
                checklist.id, base.version, base.version
            ),
        ));
    }
    if made_with != &checklist.version {
        let next = if stale.is_empty() {
            format!(
                "no answered item changed, so the next save (`etika answer`, `etika assess`) moves it to {}",
                checklist.version
            )
        } else {
            format!(
                "once the {} answer(s) reported as `stale-answer` are reviewed, it moves to {} by itself",
                stale.len(),
                checklist.version
            )
        };
        findings.insert(
            0,
            Diagnostic::new(
                Rule::ChecklistVersion,
                None,
                assessment.spans.checklist_version,
                format!(
                    "the assessment was made against {} {made_with} but the checklist is now {}; {next}",
                    checklist.id, checklist.version
                ),
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
}

fn check_item(state: &ItemState<'_>, context: &Context<'_>, findings: &mut Vec<Diagnostic>) {
    let item = state.item;
    let id = Some(item.id.as_str());
    let today = context.today;
    let Some(answer) = state.answer else {
        if state.applicability == Applicability::Applies {
            let added = context
                .added_in
                .map(|version| format!(" (new in version {version} of the checklist)"))
                .unwrap_or_default();
            findings.push(Diagnostic::new(
                Rule::MissingAnswer,
                id,
                context.answers_key,
                format!("`{}` is not answered{added}", item.id),
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
            format!(
                "`{}` does not apply given the context answers; its answer is kept in case the context changes back",
                item.id
            ),
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
    if let Some(why) = prohibited(state) {
        findings.push(Diagnostic::new(
            Rule::ProhibitedPractice,
            id,
            line,
            format!("`{}`: {why}", item.id),
        ));
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
    if value.needs_action(item) {
        match &answer.action {
            None => findings.push(Diagnostic::new(
                Rule::MissingAction,
                id,
                line,
                if adverse {
                    format!(
                        "`{}`: the answer {} needs an action with text, owner and due date",
                        item.id,
                        code_span(&answer.value.to_string())
                    )
                } else if value == &Value::NotApplicable {
                    format!(
                        "`{}`: `n/a` on a context question counts as `unknown`, a gap: add an action saying \
                         who finds out, and by when",
                        item.id
                    )
                } else {
                    format!(
                        "`{}`: `unknown` is a gap too: add an action saying who finds out, and by when",
                        item.id
                    )
                },
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
