//! The walk: context first, then each section; only items that apply; resumes
//! at the first unanswered one; saves after every answer.

use std::collections::HashSet;
use std::path::Path;

use crate::error::{Error, Result};

use super::{Choice, Prompter, Reply};
use crate::checklist::{Checklist, Item, ItemKind, NOT_APPLICABLE, UNKNOWN};
use crate::date::Date;
use crate::evaluate::{Applicability, ItemState, Stale, evaluate, stale_answers};
use crate::messages::{Messages, messages};
use crate::record::{ActionChange, NewAnswer, record};
use crate::store::{self, Stored};
use crate::text::Lang;
use crate::value::Value;

#[derive(Debug, Clone)]
pub(crate) struct WalkOptions {
    /// Only this section (plus unanswered context questions, which decide what applies).
    pub(crate) section: Option<String>,
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

pub(crate) fn walk(
    prompter: &mut dyn Prompter,
    checklist: &Checklist,
    stored: &mut Stored,
    path: &Path,
    options: &WalkOptions,
) -> Result<WalkOutcome> {
    let m = messages(options.lang);
    let lang = options.lang;
    let mut outcome = WalkOutcome::default();
    let mut passed: HashSet<String> = HashSet::new();
    let mut current_section: Option<String> = None;
    prompter.note(m.intro);
    loop {
        let states = evaluate(checklist, &stored.assessment);
        let in_scope = |state: &&ItemState<'_>| {
            let section = checklist
                .section_of(&state.item.id)
                .expect("item of this checklist");
            match &options.section {
                None => true,
                Some(wanted) => {
                    &section.id == wanted || (section.is_context && state.valid_value().is_none())
                }
            }
        };
        let applicable: Vec<&ItemState<'_>> = states
            .iter()
            .filter(in_scope)
            .filter(|s| s.applicability == Applicability::Applies)
            .collect();
        let done = applicable.iter().filter(|s| s.valid_value().is_some()).count();
        let stale = stale_answers(checklist, &stored.assessment);
        let stale_parts = |id: &str| stale.iter().find(|(stale, _)| *stale == id).map(|(_, why)| why);
        // Answers to questions that changed come first: they are no longer answers.
        let next = applicable
            .iter()
            .find(|s| !passed.contains(&s.item.id) && stale_parts(&s.item.id).is_some())
            .or_else(|| {
                applicable
                    .iter()
                    .find(|s| !passed.contains(&s.item.id) && (options.review || s.valid_value().is_none()))
            });
        let Some(state) = next else { break };
        let changed = stale_parts(&state.item.id).map(|why| stale_note(why, state, m));
        let (item_id, current, total) = (
            state.item.id.clone(),
            state.valid_value().cloned(),
            applicable.len(),
        );
        let item = checklist.item(&item_id).expect("item of this checklist");
        let section = checklist.section_of(&item.id).expect("item of this checklist");
        if current_section.as_deref() != Some(section.id.as_str()) {
            prompter.note(&format!("\n## {}", section.title.get(lang)));
            if let Some(description) = &section.description {
                prompter.note(description.get(lang));
            }
            current_section = Some(section.id.clone());
        }
        prompter.note(&describe(item, done, total, m, lang));
        if let Some(changed) = &changed {
            prompter.note(changed);
        }
        passed.insert(item.id.clone());
        let value = match ask_value(prompter, item, current.as_ref(), m, lang) {
            Reply::Answer(value) => value,
            Reply::Skip => {
                outcome.skipped += 1;
                continue;
            }
            Reply::Quit => {
                outcome.interrupted = true;
                return Ok(outcome);
            }
        };
        let previous = stored.assessment.answers.get(&item.id).cloned();
        let Reply::Answer(mut new) = ask_follow_ups(prompter, item, &value, previous.as_ref(), m) else {
            outcome.interrupted = true;
            return Ok(outcome);
        };
        new.by.clone_from(&options.by);
        let answer = record(
            checklist,
            &stored.assessment,
            &item.id,
            &value,
            new,
            options.today,
        )?;
        // The saved file may hold other people's answers too: continue from it.
        let version = stored.assessment.checklist.version.clone();
        match store::save_answer(path, checklist, stored, &item.id, answer) {
            Ok(saved) => {
                *stored = saved;
                if stored.assessment.checklist.version != version {
                    prompter.note(&format!(
                        "{} {} {}.",
                        m.moved_to_version, checklist.id, checklist.version
                    ));
                }
            }
            // Their answer stands; the walk goes on from the file as it is now.
            Err(Error::Conflict(why)) => {
                prompter.note(&why);
                *stored = store::load(path)?;
                outcome.skipped += 1;
                continue;
            }
            Err(other) => return Err(other),
        }
        outcome.answered += 1;
    }
    if outcome.skipped > 0 {
        prompter.note(m.skipped_some);
    } else {
        prompter.note(m.all_answered);
    }
    Ok(outcome)
}

/// What changed in a stale item, and the answer given before.
fn stale_note(why: &Stale, state: &ItemState<'_>, m: &Messages) -> String {
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
    let earlier = state
        .answer
        .map(|a| crate::text::escape_controls(&a.value.to_string()).into_owned())
        .unwrap_or_default();
    format!("{} {parts}. {} {earlier}", m.stale_changed, m.stale_earlier)
}

fn describe(item: &Item, done: usize, total: usize, m: &Messages, lang: Lang) -> String {
    let mut text = format!("\n[{}/{}] {}", (done + 1).min(total), total, item.id);
    if let Some(help) = &item.help {
        text.push_str(&format!("\n{}", help.get(lang).trim()));
    }
    if !item.references.is_empty() {
        text.push_str(&format!("\n{}: {}", m.references, item.reference_list()));
    }
    if !item.examples.is_empty() {
        text.push_str(&format!("\n{} ({})", m.cases_hint, item.examples.len()));
    }
    text
}

fn cases(item: &Item, m: &Messages, lang: Lang) -> String {
    let mut text = format!("{}:", m.cases);
    for example in &item.examples {
        text.push_str(&format!("\n  - {} <{}>", example.text.get(lang), example.url));
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

fn ask_value(
    prompter: &mut dyn Prompter,
    item: &Item,
    current: Option<&Value>,
    m: &Messages,
    lang: Lang,
) -> Reply<Value> {
    let question = item.question.get(lang);
    if let ItemKind::Text = item.kind {
        let initial = match current {
            Some(Value::Text(text)) => text.clone(),
            Some(other) => other.to_raw().to_string(),
            None => String::new(),
        };
        let reply = prompter.text(question, &initial, m.keys_text, &|text| {
            text.trim().is_empty().then(|| m.required.to_string())
        });
        return reply.map(|text| {
            Value::parse_cli(item, &text).unwrap_or_else(|_| Value::Text(text.trim().to_string()))
        });
    }
    let choices = choices_for(item, m, lang);
    let labels: Vec<Choice> = choices.iter().map(|(c, _)| c.clone()).collect();
    let value_at = |index: usize| choices[index].1.clone();
    let position = |value: &str| choices.iter().position(|(_, v)| v == value);
    if let ItemKind::Multi(_) = item.kind {
        let mut selected: Vec<usize> = match current {
            Some(Value::Choices(values)) => values.iter().filter_map(|v| position(v)).collect(),
            Some(Value::Unknown) => position(UNKNOWN).into_iter().collect(),
            Some(Value::NotApplicable) => position(NOT_APPLICABLE).into_iter().collect(),
            _ => Vec::new(),
        };
        loop {
            let indexes = match prompter.multi_select(question, &labels, &selected, m.keys_multi) {
                Reply::Answer(indexes) => indexes,
                Reply::Skip => return Reply::Skip,
                Reply::Quit => return Reply::Quit,
            };
            let values: Vec<String> = indexes.iter().map(|&i| value_at(i)).collect();
            // An escape wins over options chosen with it: "don't know" cannot be half-known.
            if values.iter().any(|v| v == UNKNOWN) {
                return Reply::Answer(Value::Unknown);
            }
            if values.iter().any(|v| v == NOT_APPLICABLE) {
                return Reply::Answer(Value::NotApplicable);
            }
            match Value::parse_cli(item, &values.join(",")) {
                Ok(value) => return Reply::Answer(value),
                // E.g. an exclusive "none of these" chosen with other options: say so, ask again.
                Err(why) => {
                    prompter.note(&why);
                    selected = indexes;
                }
            }
        }
    }
    let mut start = current
        .and_then(|v| position(&v.to_raw().to_string()))
        .unwrap_or(0);
    let mut labels = labels;
    // Cases of real harm are there on request: a last choice that shows them and asks again.
    let cases_choice = (!item.examples.is_empty()).then(|| {
        labels.push(Choice {
            label: format!("{} ({})", m.show_cases, item.examples.len()),
        });
        labels.len() - 1
    });
    loop {
        match prompter.select(question, &labels, start, m.keys_select) {
            Reply::Answer(index) if Some(index) == cases_choice => {
                prompter.note(&cases(item, m, lang));
                start = index;
            }
            Reply::Answer(index) => {
                return match Value::parse_cli(item, &value_at(index)) {
                    Ok(value) => Reply::Answer(value),
                    Err(_) => Reply::Skip,
                };
            }
            Reply::Skip => return Reply::Skip,
            Reply::Quit => return Reply::Quit,
        }
    }
}

/// Asks for what the answer must carry: rationale, evidence, action.
fn ask_follow_ups(
    prompter: &mut dyn Prompter,
    item: &Item,
    value: &Value,
    previous: Option<&crate::assessment::Answer>,
    m: &Messages,
) -> Reply<NewAnswer> {
    let mut new = NewAnswer::default();
    let adverse = value.is_adverse(item);
    let rationale_required = value.needs_rationale(item);
    let previous_rationale = previous.and_then(|p| p.rationale.clone()).unwrap_or_default();
    if rationale_required || adverse {
        let required = |text: &str| {
            (rationale_required && text.trim().is_empty()).then(|| m.rationale_required.to_string())
        };
        match prompter.text(m.rationale, &previous_rationale, m.keys_text, &required) {
            Reply::Answer(text) => new.rationale = Some(text.trim().to_string()),
            Reply::Skip => {}
            Reply::Quit => return Reply::Quit,
        }
    }
    if value.needs_evidence(item) {
        // One entry per prompt: paths and URLs may contain commas.
        let old = previous.map(|p| p.evidence.clone()).unwrap_or_default();
        let mut evidence = Vec::new();
        loop {
            let initial = old.get(evidence.len()).map_or("", String::as_str);
            let question = format!("{} ({})", m.evidence, evidence.len() + 1);
            match prompter.text(&question, initial, m.keys_text, &|_| None) {
                Reply::Answer(text) if text.trim().is_empty() => break,
                Reply::Answer(text) => evidence.push(text.trim().to_string()),
                Reply::Skip => break,
                Reply::Quit => return Reply::Quit,
            }
        }
        // Esc before any entry keeps what the file had.
        if !evidence.is_empty() || old.is_empty() {
            new.evidence = Some(evidence);
        }
    }
    if value.needs_action(item) {
        let old = previous.and_then(|p| p.action.clone()).unwrap_or_default();
        // Esc keeps what was there: start from the earlier action.
        let mut action = old.clone();
        let not_blank = |text: &str| text.trim().is_empty().then(|| m.required.to_string());
        let fields: [(&str, &Option<String>, &mut Option<String>); 2] = [
            (m.action_text, &old.text, &mut action.text),
            (m.action_owner, &old.owner, &mut action.owner),
        ];
        for (question, initial, slot) in fields {
            match prompter.text(
                question,
                initial.as_deref().unwrap_or(""),
                m.keys_text,
                &not_blank,
            ) {
                Reply::Answer(text) => *slot = Some(text.trim().to_string()),
                Reply::Skip => {}
                Reply::Quit => return Reply::Quit,
            }
        }
        let is_date = |text: &str| Date::parse(text).is_none().then(|| m.not_a_date.to_string());
        match prompter.text(
            m.action_due,
            old.due.as_deref().unwrap_or(""),
            m.keys_text,
            &is_date,
        ) {
            Reply::Answer(text) => action.due = Some(text.trim().to_string()),
            Reply::Skip => {}
            Reply::Quit => return Reply::Quit,
        }
        new.action = ActionChange {
            text: action.text,
            owner: action.owner,
            due: action.due,
        };
    }
    Reply::Answer(new)
}
