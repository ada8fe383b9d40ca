//! The walk: context first, then each section; only items that apply.
//! Stale and incomplete answers come first, then unanswered items in
//! checklist order; every answer is saved at once, merged with what others
//! saved meanwhile. "Done" is what `etika validate` says, computed by the
//! same code, never a notion of its own.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use crate::error::Result;

use super::hangup::Rescue;
use super::words::{Words, words};
use super::{Choice, Prompter, Reply};
use crate::assessment::Answer;
use crate::checklist::{Checklist, Item, ItemKind, NOT_APPLICABLE, UNKNOWN};
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Level, Rule};
use crate::evaluate::{Applicability, Checks, Evaluation, Stale, stale_answers};
use crate::messages::{Messages, messages};
use crate::record::{ActionChange, NewAnswer, record};
use crate::store::{self, OnConflict, Saved, Stored};
use crate::text::Lang;
use crate::value::Value;

#[derive(Debug, Clone)]
pub(crate) struct WalkOptions {
    /// Only this section (plus unanswered context questions, which decide what applies).
    pub(crate) section: Option<String>,
    /// Only this item (plus the unanswered context questions it depends on).
    pub(crate) item: Option<String>,
    /// Go through answered items too, starting from their current answers.
    pub(crate) review: bool,
    pub(crate) lang: Lang,
    pub(crate) by: Option<String>,
    pub(crate) today: Date,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct WalkOutcome {
    pub(crate) answered: usize,
    pub(crate) skipped: usize,
    pub(crate) interrupted: bool,
}

/// Where the walk stands, recomputed after every save (the file may hold
/// other people's answers too).
struct Plan {
    /// Items in scope that apply, in checklist order.
    applicable: Vec<String>,
    /// `applicable` plus the items in scope that wait on an unanswered context question.
    up_to: usize,
    answered: HashSet<String>,
    /// Items with a valid answer that `validate` still finds errors in.
    incomplete: BTreeMap<String, Vec<Rule>>,
    stale: HashMap<String, Stale>,
    open_actions: HashSet<String>,
    applies: HashSet<String>,
    findings: Vec<Diagnostic>,
}

/// Rules that say an answer is there but not finished.
const INCOMPLETE: [Rule; 7] = [
    Rule::MissingRationale,
    Rule::MissingEvidence,
    Rule::EvidenceNotFound,
    Rule::MissingAction,
    Rule::IncompleteAction,
    Rule::OverdueAction,
    Rule::InvalidDate,
];

fn plan(checklist: &Checklist, stored: &Stored, options: &WalkOptions, path: &Path) -> Plan {
    let assessment = &stored.assessment;
    // One evaluation for both the item states and validate's findings.
    let Evaluation {
        states,
        diagnostics: findings,
        ..
    } = Evaluation::new(checklist, assessment, &Checks::new(options.today, path));
    let target_waits_on = options
        .item
        .as_deref()
        .map(|id| depends_on(checklist, id))
        .unwrap_or_default();
    let in_scope = |item: &Item, answered: bool| {
        let section = checklist.section_of(&item.id).expect("item of this checklist");
        let open_context = section.is_context && !answered;
        match (&options.item, &options.section) {
            (Some(target), _) => {
                item.id == *target || (!answered && target_waits_on.contains(item.id.as_str()))
            }
            (None, Some(wanted)) => section.id == *wanted || open_context,
            (None, None) => true,
        }
    };
    let mut plan = Plan {
        applicable: Vec::new(),
        up_to: 0,
        answered: HashSet::new(),
        incomplete: BTreeMap::new(),
        stale: stale_answers(checklist, assessment)
            .into_iter()
            .map(|(id, why)| (id.to_string(), why))
            .collect(),
        open_actions: HashSet::new(),
        applies: HashSet::new(),
        findings: Vec::new(),
    };
    for state in &states {
        let answered = state.valid_value().is_some();
        if state.applicability == Applicability::Applies {
            plan.applies.insert(state.item.id.clone());
        }
        if !in_scope(state.item, answered) {
            continue;
        }
        match state.applicability {
            Applicability::Applies => {
                plan.applicable.push(state.item.id.clone());
                plan.up_to += 1;
            }
            Applicability::Pending => plan.up_to += 1,
            Applicability::DoesNotApply => {}
        }
        if answered {
            plan.answered.insert(state.item.id.clone());
        }
        if state.has_open_action() {
            plan.open_actions.insert(state.item.id.clone());
        }
    }
    for finding in &findings {
        if let Some(item) = &finding.item
            && finding.level == Level::Error
            && INCOMPLETE.contains(&finding.rule)
            && plan.answered.contains(item)
        {
            plan.incomplete
                .entry(item.clone())
                .or_default()
                .push(finding.rule);
        }
    }
    plan.findings = findings;
    plan
}

/// Every item whose answer decides whether `id` applies, directly or
/// through other conditions, in any section.
fn depends_on<'a>(checklist: &'a Checklist, id: &str) -> HashSet<&'a str> {
    let mut found: HashSet<&'a str> = HashSet::new();
    let mut todo: Vec<&'a str> = checklist
        .item(id)
        .and_then(|item| item.when.as_ref())
        .map(|when| when.items())
        .unwrap_or_default();
    while let Some(next) = todo.pop() {
        if found.insert(next)
            && let Some(when) = checklist.item(next).and_then(|item| item.when.as_ref())
        {
            todo.extend(when.items());
        }
    }
    found
}

impl Plan {
    /// Stale answers first (they are no longer answers), then unfinished
    /// ones, then what is unanswered (or everything, when reviewing).
    fn next(&self, passed: &HashSet<String>, options: &WalkOptions) -> Option<String> {
        let fresh = |id: &&String| !passed.contains(*id);
        let every = options.review || options.item.is_some();
        self.applicable
            .iter()
            .filter(fresh)
            .find(|id| self.stale.contains_key(*id))
            .or_else(|| {
                self.applicable
                    .iter()
                    .filter(fresh)
                    .find(|id| self.incomplete.contains_key(*id))
            })
            .or_else(|| {
                self.applicable
                    .iter()
                    .filter(fresh)
                    .find(|id| every || !self.answered.contains(*id))
            })
            .cloned()
    }

    fn section_counts(&self, checklist: &Checklist, section: &str) -> (usize, usize, usize, usize) {
        let ids: Vec<&String> = self
            .applicable
            .iter()
            .filter(|id| checklist.section_of(id).is_some_and(|s| s.id == section))
            .collect();
        (
            ids.iter().filter(|id| self.answered.contains(**id)).count(),
            ids.len(),
            ids.iter().filter(|id| self.open_actions.contains(**id)).count(),
            ids.iter().filter(|id| self.incomplete.contains_key(**id)).count(),
        )
    }
}

/// What the user did at an item's main question.
enum Asked {
    Value(Value),
    Skip,
    Back,
    Quit,
}

pub(crate) fn walk(
    prompter: &mut dyn Prompter,
    checklist: &Checklist,
    stored: &mut Stored,
    path: &Path,
    options: &WalkOptions,
    rescue: &Rescue,
) -> Result<WalkOutcome> {
    let (t, m, lang) = (words(options.lang), messages(options.lang), options.lang);
    let mut outcome = WalkOutcome::default();
    let mut passed: HashSet<String> = HashSet::new();
    let mut skipped: Vec<String> = Vec::new();
    let mut history: Vec<String> = Vec::new();
    let mut back_to: Option<String> = None;
    let mut asked_skipped_again = false;
    let mut current_section: Option<String> = None;
    let start = plan(checklist, stored, options, path);
    prompter.note(&(t.start)(
        &stored.assessment.system.name,
        &checklist.id,
        &checklist.version,
        &path.display().to_string(),
    ));
    prompter.note(&(t.counts)(
        start.applicable.len(),
        start.up_to,
        start.answered.len(),
        start.incomplete.len(),
    ));
    prompter.note(t.legend);
    loop {
        let plan = plan(checklist, stored, options, path);
        let Some(id) = back_to.take().or_else(|| plan.next(&passed, options)) else {
            if skipped.is_empty() || asked_skipped_again {
                break;
            }
            asked_skipped_again = true;
            let choices = [t.now, t.later].map(|label| Choice { label: label.into() });
            match prompter.select(&(t.skipped_question)(skipped.len()), &choices, 0, t.keys_select) {
                Reply::Answer(0) => {
                    for id in skipped.drain(..) {
                        passed.remove(&id);
                    }
                    continue;
                }
                Reply::Quit => {
                    outcome.interrupted = true;
                    return Ok(outcome);
                }
                _ => break,
            }
        };
        let item = checklist.item(&id).expect("item of this checklist");
        let section = checklist.section_of(&id).expect("item of this checklist");
        if current_section.as_deref() != Some(section.id.as_str()) {
            if let Some(previous) = current_section.as_deref() {
                section_done(prompter, checklist, &plan, previous, t, lang);
            }
            prompter.note(&format!("\n## {}", section.title.get(lang)));
            if let Some(description) = &section.description {
                prompter.note(description.get(lang));
            }
            current_section = Some(section.id.clone());
        }
        introduce(prompter, checklist, &plan, item, stored, t, m, lang);
        passed.insert(id.clone());
        let current = stored
            .assessment
            .answers
            .get(&id)
            .and_then(|a| Value::interpret(item, &a.value).ok());
        let value = match ask_value(prompter, item, current.as_ref(), !history.is_empty(), t, m, lang) {
            Asked::Value(value) => value,
            Asked::Skip => {
                outcome.skipped += 1;
                skipped.push(id);
                continue;
            }
            Asked::Back => {
                passed.remove(&id);
                skipped.retain(|s| *s != id);
                // An item a context answer has ruled out since is no longer asked.
                while let Some(previous) = history.pop() {
                    if plan.applicable.contains(&previous) {
                        back_to = Some(previous);
                        break;
                    }
                }
                continue;
            }
            Asked::Quit => {
                outcome.interrupted = true;
                return Ok(outcome);
            }
        };
        skipped.retain(|s| *s != id);
        history.push(id.clone());
        let previous = stored.assessment.answers.get(&id).cloned();
        // What is given so far, kept for a closed terminal to save.
        let mut progress = |new: &NewAnswer| {
            let new = NewAnswer {
                by: options.by.clone(),
                ..new.clone()
            };
            if let Ok(answer) = record(checklist, &stored.assessment, &id, &value, new, options.today) {
                rescue.keep(stored, &id, answer);
            }
        };
        progress(&NewAnswer::default());
        let (mut new, quit) = ask_follow_ups(
            prompter,
            item,
            &value,
            previous.as_ref(),
            options.today,
            t,
            m,
            &mut progress,
        );
        new.by.clone_from(&options.by);
        let answer = record(checklist, &stored.assessment, &id, &value, new, options.today)?;
        rescue.clear();
        let applied_before = plan.applies.clone();
        let version = stored.assessment.checklist.version.clone();
        // Enter on an answer as it was: nothing to save, and it stays theirs.
        if previous
            .as_ref()
            .is_some_and(|p| p.same_answer(&answer) && p.asked == answer.asked)
        {
            rescue.clear();
            if quit {
                outcome.interrupted = true;
                return Ok(outcome);
            }
            if options.item.as_deref() == Some(id.as_str()) {
                break;
            }
            continue;
        }
        let saved = save(prompter, checklist, stored, path, &id, &answer, t)?;
        rescue.clear();
        match saved {
            SaveResult::Saved => outcome.answered += 1,
            SaveResult::KeptTheirs => {}
            SaveResult::Quit => {
                outcome.interrupted = true;
                return Ok(outcome);
            }
        }
        if stored.assessment.checklist.version != version {
            prompter.note(&(t.moved_to_version)(&checklist.id, &checklist.version));
        }
        let after = self::plan(checklist, stored, options, path);
        let in_scope_before = if options.item.as_deref() == Some(id.as_str()) {
            after.applicable.clone()
        } else {
            plan.applicable.clone()
        };
        report_context_change(prompter, stored, &applied_before, &in_scope_before, &after, t);
        if let Some(rules) = after.incomplete.get(&id) {
            let needed: Vec<&str> = rules.iter().map(|rule| (t.finding)(*rule)).collect();
            prompter.note(&format!(
                "{} {}. {}",
                t.still_needed,
                needed.join("; "),
                t.saved_incomplete
            ));
        }
        if quit {
            outcome.interrupted = true;
            return Ok(outcome);
        }
        // One item asked for: done once it is answered.
        if options.item.as_deref() == Some(id.as_str()) {
            break;
        }
    }
    let end = plan(checklist, stored, options, path);
    if let Some(previous) = current_section.as_deref() {
        section_done(prompter, checklist, &end, previous, t, lang);
    }
    finish(prompter, checklist, stored, &end, path, options, t);
    Ok(outcome)
}

fn section_done(
    prompter: &mut dyn Prompter,
    checklist: &Checklist,
    plan: &Plan,
    section_id: &str,
    t: &Words,
    lang: Lang,
) {
    let Some(section) = checklist.section(section_id) else {
        return;
    };
    let (answered, applies, actions, incomplete) = plan.section_counts(checklist, section_id);
    if applies > 0 {
        prompter.note(&format!(
            "── {}",
            (t.section_done)(section.title.get(lang), answered, applies, actions, incomplete)
        ));
    }
}

/// Where the item stands: position, what changed, the current answer and
/// who gave it, what is missing, and the help.
#[allow(clippy::too_many_arguments)]
fn introduce(
    prompter: &mut dyn Prompter,
    checklist: &Checklist,
    plan: &Plan,
    item: &Item,
    stored: &Stored,
    t: &Words,
    m: &Messages,
    lang: Lang,
) {
    let section = checklist.section_of(&item.id).expect("item of this checklist");
    let in_section: Vec<&String> = plan
        .applicable
        .iter()
        .filter(|id| checklist.section_of(id).is_some_and(|s| s.id == section.id))
        .collect();
    let at = in_section
        .iter()
        .position(|id| **id == item.id)
        .map_or(0, |i| i + 1);
    let overall = plan
        .applicable
        .iter()
        .position(|id| *id == item.id)
        .map_or(0, |i| i + 1);
    prompter.note(&format!(
        "\n[{}] {}",
        (t.position)(
            section.title.get(lang),
            at,
            in_section.len(),
            overall,
            plan.applicable.len(),
            plan.up_to
        ),
        item.id
    ));
    if let Some(why) = plan.stale.get(&item.id) {
        prompter.note(&stale_note(why, stored.assessment.answers.get(&item.id), m));
    } else if let Some(answer) = stored.assessment.answers.get(&item.id) {
        prompter.note(&format!("{} {}", t.current, answer.summary()));
    }
    if let Some(rules) = plan.incomplete.get(&item.id) {
        let missing: Vec<&str> = rules.iter().map(|rule| (t.finding)(*rule)).collect();
        prompter.note(&format!("{} {}", t.incomplete, missing.join("; ")));
    }
    if let Some(help) = &item.help {
        prompter.note(help.get(lang).trim());
    }
}

/// What changed in a stale item, and the answer given before.
fn stale_note(why: &Stale, answer: Option<&Answer>, m: &Messages) -> String {
    let parts = match why {
        Stale::Changed(parts) => parts
            .iter()
            .map(|part| match *part {
                "question" => m.part_question,
                "type" => m.part_type,
                "options" => m.part_options,
                _ => m.part_severity,
            })
            .collect::<Vec<_>>()
            .join(", "),
        Stale::InChangelog(version) => format!("{} ({version})", m.part_question),
    };
    let earlier = answer.map(Answer::summary).unwrap_or_default();
    format!("{} {parts}. {} {earlier}", m.stale_changed, m.stale_earlier)
}

/// References and cases of real harm, shown on request.
fn info(item: &Item, t: &Words, m: &Messages, lang: Lang) -> String {
    if item.references.is_empty() && item.examples.is_empty() {
        return t.no_info.to_string();
    }
    let mut text = String::new();
    if !item.references.is_empty() {
        text.push_str(&format!("{}: {}", m.references, item.reference_list()));
    }
    if !item.examples.is_empty() {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&format!("{}:", m.cases));
        for example in &item.examples {
            text.push_str(&format!("\n  - {} <{}>", example.text.get(lang), example.url));
        }
    }
    text
}

/// The choices offered for an item, with the value each stands for.
fn choices_for(item: &Item, m: &Messages, lang: Lang) -> Vec<(Choice, String)> {
    let label = |text: &str| Choice {
        label: text.to_string(),
    };
    let mut choices: Vec<(Choice, String)> = match &item.kind {
        ItemKind::YesNo => item
            .yes_no_values()
            .iter()
            .map(|v| (label(m.value_label(v).unwrap_or(v)), v.to_string()))
            .collect(),
        ItemKind::Single(options) | ItemKind::Multi(options) => options
            .iter()
            .map(|o| (label(o.label.get(lang)), o.value.clone()))
            .collect(),
        ItemKind::Scale { low, high, .. } => (1..=5)
            .map(|n| {
                let meaning = match n {
                    1 => low.as_ref().map_or(m.scale_low, |t| t.get(lang)),
                    5 => high.as_ref().map_or(m.scale_high, |t| t.get(lang)),
                    _ => "",
                };
                let text = if meaning.is_empty() {
                    n.to_string()
                } else {
                    format!("{n} — {meaning}")
                };
                (label(&text), n.to_string())
            })
            .collect(),
        ItemKind::Text => Vec::new(),
    };
    choices.push((label(m.unknown), UNKNOWN.to_string()));
    choices.push((label(m.not_applicable), NOT_APPLICABLE.to_string()));
    choices
}

/// The main question of an item. Besides the answers, a list offers the
/// references and cases, and "back" once there is a question to go back to.
fn ask_value(
    prompter: &mut dyn Prompter,
    item: &Item,
    current: Option<&Value>,
    can_go_back: bool,
    t: &Words,
    m: &Messages,
    lang: Lang,
) -> Asked {
    let question = item.question.get(lang);
    if let ItemKind::Text = item.kind {
        let mut initial = match current {
            Some(Value::Text(text)) => text.clone(),
            Some(other) => other.to_raw().to_string(),
            None => String::new(),
        };
        loop {
            let typed = prompter.text(question, &initial, t.keys_item_text, &|text| {
                text.trim().is_empty().then(|| m.required.to_string())
            });
            let text = match typed {
                Reply::Answer(text) => text,
                Reply::Skip => return Asked::Skip,
                Reply::Quit => return Asked::Quit,
            };
            match text.trim() {
                "<" if can_go_back => return Asked::Back,
                "<" => prompter.note(t.nothing_before),
                "?" => prompter.note(&info(item, t, m, lang)),
                ":e" => match prompter.editor(question, &initial) {
                    Reply::Answer(text) if !text.trim().is_empty() => initial = text.trim().to_string(),
                    Reply::Quit => return Asked::Quit,
                    _ => {}
                },
                text => {
                    return Asked::Value(
                        Value::parse_cli(item, text).unwrap_or_else(|_| Value::Text(text.to_string())),
                    );
                }
            }
        }
    }
    let choices = choices_for(item, m, lang);
    let mut labels: Vec<Choice> = choices.iter().map(|(c, _)| c.clone()).collect();
    let info_choice = labels.len();
    labels.push(Choice {
        label: t.info.to_string(),
    });
    let back_choice = can_go_back.then(|| {
        labels.push(Choice {
            label: t.back.to_string(),
        });
        labels.len() - 1
    });
    let position = |value: &str| choices.iter().position(|(_, v)| v == value);
    if let ItemKind::Multi(options) = &item.kind {
        let mut selected: Vec<usize> = match current {
            Some(Value::Choices(values)) => values.iter().filter_map(|v| position(v)).collect(),
            Some(Value::Unknown) => position(UNKNOWN).into_iter().collect(),
            Some(Value::NotApplicable) => position(NOT_APPLICABLE).into_iter().collect(),
            _ => Vec::new(),
        };
        loop {
            let indexes = match prompter.multi_select(question, &labels, &selected, t.keys_multi) {
                Reply::Answer(indexes) => indexes,
                Reply::Skip => return Asked::Skip,
                Reply::Quit => return Asked::Quit,
            };
            if back_choice.is_some_and(|back| indexes.contains(&back)) {
                return Asked::Back;
            }
            selected = indexes.iter().copied().filter(|i| *i < choices.len()).collect();
            if indexes.contains(&info_choice) {
                prompter.note(&info(item, t, m, lang));
                continue;
            }
            let values: Vec<&str> = selected.iter().map(|&i| choices[i].1.as_str()).collect();
            // The same rule as `etika answer`: an escape or an exclusive option stands alone.
            if values.len() > 1 {
                if let Some(&escape) = values.iter().find(|v| **v == UNKNOWN || **v == NOT_APPLICABLE) {
                    let label = m.value_label(escape).unwrap_or(escape);
                    prompter.note(&(t.escape_alone)(label));
                    continue;
                }
                if let Some(exclusive) = options
                    .iter()
                    .find(|o| o.exclusive && values.contains(&o.value.as_str()))
                {
                    prompter.note(&(t.exclusive_alone)(exclusive.label.get(lang)));
                    continue;
                }
            }
            match Value::parse_cli(item, &values.join(",")) {
                Ok(value) => return Asked::Value(value),
                Err(why) => prompter.note(&(crate::say::say(lang).invalid)(&why)),
            }
        }
    }
    let mut start = current
        .and_then(|v| position(&v.to_raw().to_string()))
        .unwrap_or(0);
    loop {
        match prompter.select(question, &labels, start, t.keys_select) {
            Reply::Answer(index) if index == info_choice => {
                prompter.note(&info(item, t, m, lang));
                start = index;
            }
            Reply::Answer(index) if Some(index) == back_choice => return Asked::Back,
            Reply::Answer(index) => {
                return match choices.get(index).map(|(_, value)| Value::parse_cli(item, value)) {
                    Some(Ok(value)) => Asked::Value(value),
                    _ => Asked::Skip,
                };
            }
            Reply::Skip => return Asked::Skip,
            Reply::Quit => return Asked::Quit,
        }
    }
}

/// A text follow-up; `:e` opens the editor on what is there so far.
fn ask_text(
    prompter: &mut dyn Prompter,
    question: &str,
    initial: &str,
    t: &Words,
    validate: &dyn Fn(&str) -> Option<String>,
) -> Reply<String> {
    let mut initial = initial.to_string();
    loop {
        match prompter.text(question, &initial, t.keys_text, validate) {
            Reply::Answer(text) if text.trim() == ":e" => match prompter.editor(question, &initial) {
                Reply::Answer(edited) => {
                    let edited = edited.trim().to_string();
                    if validate(&edited).is_none() && !edited.is_empty() {
                        return Reply::Answer(edited);
                    }
                    initial = edited;
                }
                Reply::Quit => return Reply::Quit,
                Reply::Skip => {}
            },
            other => return other,
        }
    }
}

/// Asks for what the answer must carry: rationale, evidence, action. The
/// flag says the user quit; what was given up to then is still returned,
/// to be saved as an incomplete answer.
#[allow(clippy::too_many_arguments)]
fn ask_follow_ups(
    prompter: &mut dyn Prompter,
    item: &Item,
    value: &Value,
    previous: Option<&Answer>,
    today: Date,
    t: &Words,
    m: &Messages,
    progress: &mut dyn FnMut(&NewAnswer),
) -> (NewAnswer, bool) {
    let mut new = NewAnswer::default();
    let mut earlier = previous.cloned();
    // A changed answer: what was written for the old one may no longer hold.
    if let Some(old) = previous
        && old.value != value.to_raw()
        && (old.rationale.is_some() || old.action.is_some())
    {
        let choices = [t.keep_earlier, t.start_afresh].map(|label| Choice { label: label.into() });
        let old_value = format!("`{}`", crate::text::escape_controls(&old.value.to_string()));
        let reply = prompter.select(&(t.earlier_hold)(&old_value), &choices, 0, t.keys_select);
        // Quitting here must not pass the old texts off as reasons for the new answer.
        if matches!(reply, Reply::Answer(1) | Reply::Quit) {
            new.rationale = Some(String::new());
            new.action = ActionChange {
                text: Some(String::new()),
                owner: Some(String::new()),
                due: Some(String::new()),
            };
            earlier = None;
        }
        if reply == Reply::Quit {
            return (new, true);
        }
    }
    let rationale_required = value.needs_rationale(item);
    if rationale_required || value.is_adverse(item) {
        let required = |text: &str| {
            (rationale_required && text.trim().is_empty()).then(|| m.rationale_required.to_string())
        };
        let initial = earlier
            .as_ref()
            .and_then(|p| p.rationale.clone())
            .unwrap_or_default();
        progress(&new);
        match ask_text(prompter, m.rationale, &initial, t, &required) {
            Reply::Answer(text) => new.rationale = Some(text.trim().to_string()),
            Reply::Skip => {}
            Reply::Quit => return (new, true),
        }
    }
    if value.needs_evidence(item) {
        // One entry per prompt: paths and URLs may contain commas.
        let old = earlier.as_ref().map(|p| p.evidence.clone()).unwrap_or_default();
        let mut evidence: Vec<String> = Vec::new();
        let mut quit = false;
        loop {
            let initial = old.get(evidence.len()).map_or("", String::as_str);
            let question = format!("{} ({})", m.evidence, evidence.len() + 1);
            if !evidence.is_empty() {
                progress(&NewAnswer {
                    evidence: Some(evidence.clone()),
                    ..new.clone()
                });
            }
            match prompter.text(&question, initial, t.keys_plain, &|_| None) {
                Reply::Answer(text)
                    if text.trim().is_empty() && evidence.is_empty() && item.requires_evidence =>
                {
                    prompter.note(t.evidence_required);
                }
                Reply::Answer(text) if text.trim().is_empty() => break,
                Reply::Answer(text) => evidence.push(text.trim().to_string()),
                // Esc keeps the earlier entries not yet gone through.
                Reply::Skip => {
                    if !evidence.is_empty() {
                        evidence.extend(old.iter().skip(evidence.len()).cloned());
                    }
                    break;
                }
                Reply::Quit => {
                    quit = true;
                    break;
                }
            }
        }
        // Esc before any entry keeps what the file had.
        if !evidence.is_empty() {
            new.evidence = Some(evidence);
        }
        if quit {
            return (new, true);
        }
    }
    if value.needs_action(item) {
        let old = earlier
            .as_ref()
            .and_then(|p| p.action.clone())
            .unwrap_or_default();
        let not_blank = |text: &str| text.trim().is_empty().then(|| m.required.to_string());
        progress(&new);
        match ask_text(
            prompter,
            m.action_text,
            old.text.as_deref().unwrap_or(""),
            t,
            &not_blank,
        ) {
            Reply::Answer(text) => new.action.text = Some(text.trim().to_string()),
            // No action to own or date: the item stays visibly incomplete.
            Reply::Skip if old.text.is_none() => return (new, false),
            Reply::Skip => {}
            Reply::Quit => return (new, true),
        }
        progress(&new);
        match prompter.text(
            m.action_owner,
            old.owner.as_deref().unwrap_or(""),
            t.keys_plain,
            &not_blank,
        ) {
            Reply::Answer(text) => new.action.owner = Some(text.trim().to_string()),
            Reply::Skip => {}
            Reply::Quit => return (new, true),
        }
        let real_date = |text: &str| match Date::parse(text.trim()) {
            None => Some(m.not_a_date.to_string()),
            Some(date) if date < today => Some(t.due_past.to_string()),
            Some(_) => None,
        };
        progress(&new);
        match prompter.text(
            m.action_due,
            old.due.as_deref().unwrap_or(""),
            t.keys_plain,
            &real_date,
        ) {
            Reply::Answer(text) => new.action.due = Some(text.trim().to_string()),
            Reply::Skip => {}
            Reply::Quit => return (new, true),
        }
    } else if let Some(action) = earlier.as_ref().and_then(|p| p.action.as_ref()) {
        let choices = [t.keep_action, t.remove_action].map(|label| Choice { label: label.into() });
        let shown = crate::text::escape_controls(action.text.as_deref().unwrap_or("")).into_owned();
        match prompter.select(&(t.action_still_open)(&shown), &choices, 0, t.keys_select) {
            Reply::Answer(1) => {
                new.action = ActionChange {
                    text: Some(String::new()),
                    owner: Some(String::new()),
                    due: Some(String::new()),
                };
            }
            Reply::Quit => return (new, true),
            _ => {}
        }
    }
    (new, false)
}

enum SaveResult {
    Saved,
    KeptTheirs,
    Quit,
}

/// Saves one answer; when someone else changed the same answer meanwhile,
/// shows both and lets the user choose.
fn save(
    prompter: &mut dyn Prompter,
    checklist: &Checklist,
    stored: &mut Stored,
    path: &Path,
    id: &str,
    answer: &Answer,
    t: &Words,
) -> Result<SaveResult> {
    loop {
        let saved = match store::save_answer(path, checklist, stored, id, answer.clone(), OnConflict::Refuse)
        {
            Ok(saved) => saved,
            // A file being edited, a long lock, a full disk: the typed answer is not thrown away.
            Err(error) => {
                let choices = [t.try_again, t.quit].map(|label| Choice { label: label.into() });
                let failed = (t.save_failed)(&format!("{error:#}"));
                match prompter.select(&failed, &choices, 0, t.keys_select) {
                    Reply::Answer(0) => continue,
                    // The reason is said; quitting is the user's choice, like Ctrl-C.
                    _ => return Ok(SaveResult::Quit),
                }
            }
        };
        let (theirs, current) = match saved {
            Saved::Written(saved) => {
                *stored = saved;
                return Ok(SaveResult::Saved);
            }
            Saved::Conflict { theirs, current } => (theirs, current),
        };
        prompter.note(&(t.conflict)(id));
        let removed = "—".to_string();
        prompter.note(&format!(
            "  {} {}",
            t.theirs,
            theirs.as_ref().map_or(removed, |a| a.summary())
        ));
        prompter.note(&format!("  {} {}", t.yours, answer.summary()));
        let choices = [t.keep_theirs, t.keep_mine].map(|label| Choice { label: label.into() });
        let choice = prompter.select(t.which_to_keep, &choices, 0, t.keys_select);
        // Mine goes on top of the file as it is now; a change made while the
        // user chose is a conflict again, shown again.
        *stored = current;
        match choice {
            Reply::Answer(1) => {}
            Reply::Quit => return Ok(SaveResult::Quit),
            _ => return Ok(SaveResult::KeptTheirs),
        }
    }
}

/// Answered items that a changed context answer ruled out, and items it
/// brought in.
fn report_context_change(
    prompter: &mut dyn Prompter,
    stored: &Stored,
    applied_before: &HashSet<String>,
    in_scope_before: &[String],
    after: &Plan,
    t: &Words,
) {
    let mut ruled_out: Vec<&str> = applied_before
        .iter()
        .filter(|id| !after.applies.contains(*id) && stored.assessment.answers.contains_key(*id))
        .map(String::as_str)
        .collect();
    ruled_out.sort_unstable();
    if !ruled_out.is_empty() {
        prompter.note(&format!("{} {}", t.no_longer_apply, ruled_out.join(", ")));
    }
    // Only what this walk will ask: in its section, and none after a lone --item.
    let brought_in = after
        .applicable
        .iter()
        .filter(|id| !in_scope_before.contains(*id) && !after.answered.contains(*id))
        .count();
    if brought_in > 0 {
        prompter.note(&(t.now_apply)(brought_in));
    }
}

/// Where the system stands once the session ends: its impact level and the
/// legal classes its context answers put it in (`etika report` explains both).
fn standing_line(checklist: &Checklist, stored: &Stored, t: &Words, lang: crate::text::Lang) -> String {
    let states = crate::evaluate::evaluate(checklist, &stored.assessment);
    let standing = crate::evaluate::Standing::of(checklist, &states);
    let level = standing.impact.level;
    let title = checklist
        .impact
        .band(level)
        .and_then(|b| b.title.as_ref())
        .map(|title| title.get(lang).to_string())
        .unwrap_or_default();
    let classes: Vec<String> = standing
        .legal
        .iter()
        .map(|result| {
            let regime = &checklist.legal[result.index];
            let names: Vec<&str> = result
                .classes
                .iter()
                .map(|hit| regime.classes[hit.index].title.get(lang))
                .collect();
            format!("{}: {}", regime.title.get(lang), names.join(", "))
        })
        .collect();
    (t.standing)(level.as_str(), &title, &classes.join("; "))
}

/// Findings listed at the end of a session; `etika validate` has them all.
const SHOWN: usize = 8;

/// The end of a session: what `validate` still finds, and what to run next.
fn finish(
    prompter: &mut dyn Prompter,
    checklist: &Checklist,
    stored: &Stored,
    plan: &Plan,
    path: &Path,
    options: &WalkOptions,
    t: &Words,
) {
    let file = shell_word(&path.display().to_string());
    let lang = options.lang;
    if options.section.is_some() || options.item.is_some() {
        let everything = WalkOptions {
            section: None,
            item: None,
            ..options.clone()
        };
        let whole = self::plan(checklist, stored, &everything, path);
        let open: Vec<String> = checklist
            .sections
            .iter()
            .filter_map(|section| {
                let (answered, applies, _, incomplete) = whole.section_counts(checklist, &section.id);
                let open = applies - answered + incomplete;
                (open > 0).then(|| format!("{} ({open})", section.title.get(lang)))
            })
            .collect();
        if !open.is_empty() {
            prompter.note(&(t.open_elsewhere)(&open.join(", ")));
        }
    }
    prompter.note(&format!("\n{}", standing_line(checklist, stored, t, lang)));
    let errors: Vec<&Diagnostic> = plan.findings.iter().filter(|f| f.level == Level::Error).collect();
    let warnings = plan.findings.iter().filter(|f| f.level == Level::Warning).count();
    let only_signoff = errors.iter().all(|f| f.rule == Rule::MissingSignoff);
    if plan.findings.iter().all(|f| f.level == Level::Note) {
        prompter.note(&format!("\n{}", t.validate_clean));
    } else {
        prompter.note(&format!("\n{}", (t.validate_found)(errors.len(), warnings)));
        let listed: Vec<&Diagnostic> = plan.findings.iter().filter(|f| f.level != Level::Note).collect();
        for finding in listed.iter().take(SHOWN) {
            let what = (t.finding)(finding.rule);
            match &finding.item {
                Some(item) => prompter.note(&format!("  {item}: {what} [{}]", finding.rule.id())),
                None => prompter.note(&format!("  {file}: {what} [{}]", finding.rule.id())),
            }
        }
        if listed.len() > SHOWN {
            prompter.note(&format!("  {}", (t.more_findings)(listed.len() - SHOWN)));
        }
    }
    let next = if errors.is_empty() || only_signoff {
        format!("etika sign {file} --name NAME --role ROLE · etika report {file}")
    } else if path == Path::new(crate::assessment::DEFAULT_FILE) {
        "etika assess · etika validate".to_string()
    } else {
        format!("etika assess {file} · etika validate {file}")
    };
    prompter.note(&format!("{} {next}", t.next));
}

/// A file name as one would type it in a shell.
fn shell_word(name: &str) -> String {
    if name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c))
    {
        name.to_string()
    } else {
        format!("'{}'", name.replace('\'', r"'\''"))
    }
}
