//! What a report template sees: the evaluation in words of the chosen
//! language, every optional field present (as none), nothing escaped yet
//! (templates escape user text with the `md` filters). docs/templates.md
//! lists every variable.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::assessment::Assessment;
use crate::checklist::{Checklist, ImpactLevel, Item, ItemKind, Obligations, Reference, Severity};
use crate::checklist_markdown::describe_condition;
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Level, Rule};
use crate::evaluate::{Applicability, Evaluation, ItemState, Source, Status};
use crate::messages::{Messages, messages};
use crate::text::Lang;
use crate::value::Value;

use super::words::{Words, words};

#[derive(Serialize)]
pub(crate) struct ReportContext {
    t: &'static Words,
    lang: &'static str,
    date: String,
    /// The most recent answer date, if any.
    last_answer: Option<String>,
    /// Who gave the answers, most answers first.
    answered_by: Vec<PersonInfo>,
    system: SystemInfo,
    checklist: ChecklistInfo,
    validation: ValidationInfo,
    legal: Vec<RegimeInfo>,
    impact: ImpactInfo,
    obligations: ObligationsInfo,
    readiness: ReadinessInfo,
    /// Gaps that block under the obligations in force, in checklist order.
    blocking_gaps: Vec<GapInfo>,
    /// Items that apply and are answered "don't know".
    unknowns: Vec<GapInfo>,
    /// Items that apply and have no answer yet.
    unanswered: Vec<GapInfo>,
    /// Items a level or class requires, answered `n/a` or ruled out.
    required_missing: Vec<GapInfo>,
    sections: Vec<SectionInfo>,
    actions: Vec<ActionInfo>,
    overdue_actions: usize,
    next_due: Option<String>,
    crosswalk: Vec<FrameworkInfo>,
    not_applying: Vec<NotApplyingInfo>,
    signoff: SignoffInfo,
    findings: Vec<FindingInfo>,
    cases: Vec<CaseInfo>,
}

/// The assessment's `system`, with the fields it leaves out present as none:
/// templates are strict about undefined variables, and `{% if system.owner %}`
/// must work when there is no owner.
#[derive(Serialize)]
struct SystemInfo {
    name: String,
    owner: Option<String>,
    description: Option<String>,
}

#[derive(Serialize)]
struct PersonInfo {
    name: String,
    answers: usize,
}

#[derive(Serialize)]
struct ChecklistInfo {
    id: String,
    version: String,
    title: String,
    assessed_version: String,
}

#[derive(Serialize)]
struct ValidationInfo {
    passed: bool,
    errors: usize,
    warnings: usize,
    notes: usize,
    /// Errors other than those the first screen lists on their own
    /// (blocking gaps, required items, unanswered items, the sign-off,
    /// overdue actions).
    other_errors: usize,
    /// `missing-answer` findings, which the report lists once, not each.
    missing_answers: usize,
}

/// A finding as in `validate --format json`, every field present (none where
/// unknown); the byte span and translation fingerprint are for tools, not reports.
#[derive(Serialize)]
struct FindingInfo {
    rule: Rule,
    level: Level,
    item: Option<String>,
    message: String,
    help: &'static str,
    line: Option<u64>,
    column: Option<u64>,
}

impl From<&Diagnostic> for FindingInfo {
    fn from(diagnostic: &Diagnostic) -> FindingInfo {
        FindingInfo {
            rule: diagnostic.rule,
            level: diagnostic.level,
            item: diagnostic.item.clone(),
            message: diagnostic.message.clone(),
            help: diagnostic.help,
            line: diagnostic.line,
            column: diagnostic.column,
        }
    }
}

/// A context answer that put the system in a class or on a floor.
#[derive(Serialize)]
struct TriggerInfo {
    item: String,
    question: String,
    answer: String,
}

#[derive(Serialize)]
struct RegimeInfo {
    id: String,
    title: String,
    classes: Vec<ClassInfo>,
    /// False while a context question it depends on is unanswered.
    complete: bool,
}

#[derive(Serialize)]
struct ClassInfo {
    id: String,
    title: String,
    explain: Option<String>,
    because: Vec<TriggerInfo>,
    assumed: bool,
    /// Taken because no other class of the regime applies.
    fallback: bool,
    blocks: bool,
    references: Vec<LinkInfo>,
    obliges: ObligesInfo,
}

/// One level's or one class's obligations, in words.
#[derive(Serialize)]
struct ObligesInfo {
    any: bool,
    signoff: bool,
    signoff_roles: Vec<String>,
    /// The severity label from which gaps block.
    blocking: Option<&'static str>,
    items: Vec<String>,
}

#[derive(Serialize)]
struct ImpactInfo {
    level: &'static str,
    title: String,
    score_level: &'static str,
    points: u32,
    max_points: u32,
    percent: u32,
    contributions: Vec<ContributionInfo>,
    floors: Vec<FloorInfo>,
    /// Context items answered `unknown`, counted at their maximum.
    assumed: Vec<String>,
    complete: bool,
    /// The checklist's levels, lowest first.
    bands: Vec<BandInfo>,
    obliges: ObligesInfo,
}

#[derive(Serialize)]
struct ContributionInfo {
    item: String,
    question: String,
    answer: String,
    points: u32,
    max: u32,
    assumed: bool,
}

#[derive(Serialize)]
struct BandInfo {
    level: &'static str,
    title: String,
    up_to: u32,
}

#[derive(Serialize)]
struct FloorInfo {
    level: &'static str,
    because: String,
    answers: Vec<TriggerInfo>,
    assumed: bool,
}

/// The obligations in force together, and where they come from.
#[derive(Serialize)]
struct ObligationsInfo {
    signoff: bool,
    signoff_roles: Vec<String>,
    blocking: Option<&'static str>,
    items: Vec<String>,
    /// Each source in words: `impact level IV`, `EU AI Act: High-risk system`.
    sources: Vec<String>,
    /// The sources that oblige a sign-off.
    signoff_sources: Vec<String>,
}

#[derive(Serialize)]
struct ReadinessInfo {
    percent: Option<u32>,
    band: &'static str,
    band_label: &'static str,
    residual: &'static str,
    residual_label: &'static str,
    ready_from: u32,
    partly_from: u32,
    sections: Vec<SectionReadinessInfo>,
}

#[derive(Serialize)]
struct SectionReadinessInfo {
    id: String,
    title: String,
    percent: Option<u32>,
    /// Items counted (applicable, not n/a).
    items: usize,
}

#[derive(Serialize)]
struct GapInfo {
    item: String,
    question: String,
    answer: String,
    severity: Option<&'static str>,
}

#[derive(Serialize)]
struct SectionInfo {
    id: String,
    title: String,
    is_context: bool,
    applicable: usize,
    answered: usize,
    adverse: usize,
    unknown: usize,
    open_actions: usize,
    readiness: Option<u32>,
    items: Vec<ItemInfo>,
}

#[derive(Serialize)]
struct ItemInfo {
    id: String,
    question: String,
    /// answered, unanswered, invalid, does-not-apply, pending
    status: &'static str,
    /// in-place, partial, gap, unknown, not-applicable (answered n/a),
    /// unanswered, invalid, pending, does-not-apply
    outcome: &'static str,
    answer: String,
    adverse: bool,
    unknown: bool,
    /// Only for items that apply.
    severity: Option<&'static str>,
    blocking: bool,
    /// The levels and classes that require this item, in words.
    required_by: Vec<String>,
    rationale: Option<String>,
    evidence: Vec<String>,
    /// The evidence as links: a URL, or a path from the report to the
    /// document; `url` is empty for an entry that cannot be linked.
    evidence_links: Vec<LinkInfo>,
    by: Option<String>,
    at: Option<String>,
    action: Option<ActionInfo>,
    references: Vec<String>,
    /// The same references with the official text's address, where the
    /// checklist gives one (`url` is empty otherwise).
    reference_links: Vec<LinkInfo>,
}

#[derive(Serialize, Clone)]
struct LinkInfo {
    text: String,
    url: String,
}

#[derive(Serialize, Clone)]
struct ActionInfo {
    item: String,
    text: String,
    owner: String,
    due: String,
    overdue: bool,
    /// Still open: the answer is a gap.
    open: bool,
    severity: Option<&'static str>,
}

#[derive(Serialize)]
struct FrameworkInfo {
    framework: String,
    clauses: Vec<ClauseInfo>,
}

#[derive(Serialize)]
struct ClauseInfo {
    /// Empty for a reference to the framework as a whole.
    clause: String,
    url: String,
    items: Vec<CrossItemInfo>,
    in_place: usize,
    total: usize,
}

/// A clause being collected: its link, and the items that cite it.
type Clause = (String, Vec<CrossItemInfo>);

#[derive(Serialize)]
struct CrossItemInfo {
    id: String,
    outcome: &'static str,
}

#[derive(Serialize)]
struct NotApplyingInfo {
    item: String,
    question: String,
    /// The item's condition in words (Markdown with code spans of ids and values).
    applies_when: String,
    /// The answers the condition tests, as they are now.
    answers: Vec<TriggerInfo>,
}

#[derive(Serialize)]
struct SignoffInfo {
    required: bool,
    /// The latest sign-off holds (dated, not older than the answers it signed).
    holds: bool,
    /// The sign-offs of the latest date, whether or not they hold.
    latest: Vec<SignoffEntryInfo>,
    entries: Vec<SignoffEntryInfo>,
}

#[derive(Serialize)]
struct SignoffEntryInfo {
    name: String,
    role: Option<String>,
    date: Option<String>,
}

impl From<&crate::assessment::Signoff> for SignoffEntryInfo {
    fn from(signoff: &crate::assessment::Signoff) -> SignoffEntryInfo {
        SignoffEntryInfo {
            name: signoff.name.clone(),
            role: signoff.role.clone(),
            date: signoff.date.clone(),
        }
    }
}

#[derive(Serialize)]
struct CaseInfo {
    item: String,
    text: String,
    url: String,
}

/// The status as templates know it.
fn status_word(status: Status) -> &'static str {
    match status {
        Status::Answered => "answered",
        Status::Unanswered => "unanswered",
        Status::Invalid => "invalid",
        Status::DoesNotApply => "does-not-apply",
        Status::Pending => "pending",
    }
}

/// Where an item stands, in one word (the crosswalk's marks).
fn outcome(state: &ItemState<'_>) -> &'static str {
    match state.status() {
        Status::DoesNotApply => "does-not-apply",
        Status::Pending => "pending",
        Status::Unanswered => "unanswered",
        Status::Invalid => "invalid",
        Status::Answered => match state.valid_value() {
            Some(Value::NotApplicable) => "not-applicable",
            Some(Value::Unknown) => "unknown",
            Some(Value::Choice(choice))
                if matches!(state.item.kind, ItemKind::YesNo) && choice == "partial" =>
            {
                "partial"
            }
            Some(_) if state.is_adverse() => "gap",
            _ => "in-place",
        },
    }
}

fn answer_label(state: &ItemState<'_>, m: &Messages, lang: Lang) -> String {
    let Some(value) = state.valid_value() else {
        return state.answer.map(|a| a.value.to_string()).unwrap_or_default();
    };
    value_label(state.item, value, m, lang)
}

fn value_label(item: &Item, value: &Value, m: &Messages, lang: Lang) -> String {
    let choice_label = |v: &str| {
        item.kind
            .choices()
            .iter()
            .find(|c| c.value == v)
            .map(|c| c.label.get(lang).to_string())
            .or_else(|| m.value_label(v).map(String::from))
            .unwrap_or_else(|| v.to_string())
    };
    match value {
        Value::Choice(v) => choice_label(v),
        // Labels may contain commas themselves.
        Value::Choices(vs) => vs.iter().map(|v| choice_label(v)).collect::<Vec<_>>().join("; "),
        Value::Text(text) => text.clone(),
        Value::Scale(n) => match &item.kind {
            ItemKind::Scale { .. } => format!("{n} / 5"),
            _ => n.to_string(),
        },
        Value::Unknown => m.unknown.to_string(),
        Value::NotApplicable => m.not_applicable.to_string(),
    }
}

fn links(references: &[Reference]) -> Vec<LinkInfo> {
    references
        .iter()
        .map(|r| LinkInfo {
            text: r.to_string(),
            url: r.url.as_deref().unwrap_or_default().to_owned(),
        })
        .collect()
}

impl ReportContext {
    /// Links each evidence entry: URLs as they are, paths (relative to the
    /// assessment's folder) through `base`, the way from the report there.
    /// The context as minijinja reads it, a copy of its own. The sections
    /// (every item in words: nearly all of a large report's context) are
    /// copied one at a time, each freed once copied, so that the whole
    /// context and its whole copy are never in memory together.
    pub(crate) fn into_value(mut self) -> minijinja::Value {
        use minijinja::Value;
        let sections: Value = std::mem::take(&mut self.sections)
            .into_iter()
            .map(|section| Value::from(minijinja::value::Serde(&section)))
            .collect();
        let rest = Value::from(minijinja::value::Serde(&self));
        drop(self);
        // One map, rebuilt: minijinja's lazy `merge_maps` would do the same
        // in two lines but changes what templates see (the report snapshots
        // differ with it).
        let keys: Vec<Value> = rest.try_iter().map_or_else(|_| Vec::new(), Iterator::collect);
        Value::from_pairs(keys.into_iter().map(|key| {
            let value = if key.as_str() == Some("sections") {
                sections.clone()
            } else {
                rest.get_item(&key).unwrap_or_default()
            };
            (key, value)
        }))
    }

    pub(crate) fn link_evidence_from(&mut self, base: &str) {
        for item in self.sections.iter_mut().flat_map(|s| s.items.iter_mut()) {
            item.evidence_links = item
                .evidence
                .iter()
                .map(|entry| {
                    let entry = entry.trim();
                    let url = if crate::text::has_scheme(entry) {
                        entry.to_string()
                    } else if entry.starts_with('/') || entry.contains(char::is_whitespace) {
                        String::new()
                    } else {
                        format!("{base}{entry}")
                    };
                    LinkInfo {
                        text: entry.to_string(),
                        url: if crate::text::link_target(&url).is_some() {
                            url
                        } else {
                            String::new()
                        },
                    }
                })
                .collect();
        }
    }
}

/// Builds everything a template sees.
pub(crate) fn build_context(
    checklist: &Checklist,
    assessment: &Assessment,
    evaluation: &Evaluation<'_>,
    lang: Lang,
    today: Date,
) -> ReportContext {
    let m = messages(lang);
    let w = words(lang);
    let state_of = |id: &str| checklist.position(id).and_then(|p| evaluation.states.get(p));
    let question_of = |id: &str| {
        checklist
            .item(id)
            .map(|i| i.question.get(lang).to_string())
            .unwrap_or_default()
    };
    let trigger = |id: &String| TriggerInfo {
        item: id.clone(),
        question: question_of(id),
        answer: match state_of(id) {
            Some(s) if s.applicability == Applicability::DoesNotApply => w.not_asked.to_string(),
            Some(s) if s.answer.is_none() => w.not_answered.to_string(),
            Some(s) => answer_label(s, m, lang),
            None => String::new(),
        },
    };
    let severity_label = |s: Severity| m.severity(s);
    let obliges = |o: &Obligations| ObligesInfo {
        any: !o.is_empty(),
        signoff: o.signoff,
        signoff_roles: o.signoff_roles.clone(),
        blocking: o.blocking.map(severity_label),
        items: o.items.clone(),
    };

    // The legal classes.
    let legal: Vec<RegimeInfo> = evaluation
        .standing
        .legal
        .iter()
        .map(|result| {
            let regime = &checklist.legal[result.index];
            RegimeInfo {
                id: regime.id.clone(),
                title: regime.title.get(lang).to_string(),
                complete: result.complete,
                classes: result
                    .classes
                    .iter()
                    .map(|hit| {
                        let class = &regime.classes[hit.index];
                        ClassInfo {
                            id: class.id.clone(),
                            title: class.title.get(lang).to_string(),
                            explain: class.explain.as_ref().map(|e| e.get(lang).to_string()),
                            because: hit.items.iter().map(trigger).collect(),
                            assumed: hit.assumed,
                            fallback: hit.fallback,
                            blocks: class.blocks,
                            references: links(&class.references),
                            obliges: obliges(&class.obligations),
                        }
                    })
                    .collect(),
            }
        })
        .collect();

    // The impact level and how it came about.
    let impact = &evaluation.standing.impact;
    let band_title = |level: ImpactLevel| {
        checklist
            .impact
            .band(level)
            .and_then(|b| b.title.as_ref())
            .map(|t| t.get(lang).to_string())
            .unwrap_or_default()
    };
    // What this level obliges: its own and the lower levels' obligations.
    let level_obligations = crate::evaluate::owed(checklist, impact, &[])
        .into_iter()
        .next()
        .map(|o| o.obligations.into_owned())
        .unwrap_or_default();
    let impact_info = ImpactInfo {
        level: impact.level.as_str(),
        title: band_title(impact.level),
        score_level: impact.score_level.as_str(),
        points: impact.points,
        max_points: impact.max_points,
        percent: impact.percent,
        contributions: impact
            .contributions
            .iter()
            .map(|c| ContributionInfo {
                item: c.item.clone(),
                question: question_of(&c.item),
                answer: state_of(&c.item)
                    .filter(|s| s.answer.is_some())
                    .map_or_else(|| w.not_answered.to_string(), |s| answer_label(s, m, lang)),
                points: c.points,
                max: c.max,
                assumed: c.assumed,
            })
            .collect(),
        floors: impact
            .floors
            .iter()
            .map(|hit| FloorInfo {
                level: hit.level.as_str(),
                because: checklist.impact.floors[hit.floor].because.get(lang).to_string(),
                answers: hit.items.iter().map(trigger).collect(),
                assumed: hit.assumed,
            })
            .collect(),
        assumed: impact.assumed.clone(),
        complete: impact.complete,
        bands: checklist
            .impact
            .bands
            .iter()
            .map(|b| BandInfo {
                level: b.level.as_str(),
                title: b
                    .title
                    .as_ref()
                    .map(|t| t.get(lang).to_string())
                    .unwrap_or_default(),
                up_to: b.up_to,
            })
            .collect(),
        obliges: obliges(&level_obligations),
    };

    // The obligations in force, together.
    let owed = crate::evaluate::owed(checklist, impact, &evaluation.standing.legal);
    let combined = evaluation.obligations(checklist);
    let label = |source: Source| source.label(checklist, lang);
    let obligations = ObligationsInfo {
        signoff: combined.signoff,
        signoff_roles: combined.signoff_roles.clone(),
        blocking: combined.blocking.map(severity_label),
        items: combined.items.clone(),
        sources: unique(owed.iter().map(|o| label(o.source))),
        signoff_sources: unique(
            owed.iter()
                .filter(|o| o.obligations.signoff)
                .map(|o| label(o.source)),
        ),
    };

    // Readiness.
    let readiness = &evaluation.readiness;
    let section_title = |id: &str| {
        checklist
            .sections
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.title.get(lang).to_string())
            .unwrap_or_default()
    };
    let readiness_info = ReadinessInfo {
        percent: readiness.percent,
        band: readiness.band.as_str(),
        band_label: match readiness.band {
            crate::checklist::ReadinessBand::Ready => w.band_ready,
            crate::checklist::ReadinessBand::Partly => w.band_partly,
            crate::checklist::ReadinessBand::NotReady => w.band_not_ready,
        },
        residual: readiness.residual.as_str(),
        residual_label: m.rating(readiness.residual),
        ready_from: checklist.residual.ready_from,
        partly_from: checklist.residual.partly_from,
        sections: readiness
            .sections
            .iter()
            .map(|s| SectionReadinessInfo {
                id: s.section.clone(),
                title: section_title(&s.section),
                percent: s.percent,
                items: s.items,
            })
            .collect(),
    };

    // Sections, items, actions, cases, and what the first screen counts.
    let required_ids: Vec<&str> = evaluation
        .diagnostics
        .iter()
        .filter(|d| d.rule == Rule::RequiredItem)
        .filter_map(|d| d.item.as_deref())
        .collect();
    let mut required_missing = Vec::new();
    let blocking_ids: Vec<&str> = evaluation
        .diagnostics
        .iter()
        .filter(|d| d.rule == Rule::BlockingGap)
        .filter_map(|d| d.item.as_deref())
        .collect();
    let mut sections = Vec::new();
    let mut actions = Vec::new();
    let mut cases = Vec::new();
    let mut blocking_gaps = Vec::new();
    let mut unknowns = Vec::new();
    let mut unanswered = Vec::new();
    let mut not_applying = Vec::new();
    let mut people: BTreeMap<String, usize> = BTreeMap::new();
    let mut last_answer: Option<Date> = None;
    let summary = evaluation.summary(checklist, &assessment.checklist.version);
    let mut crosswalk: BTreeMap<(usize, String), BTreeMap<String, Clause>> = BTreeMap::new();
    // The neutral summary gives the numbers and states; this adds the words.
    for ((section, section_states), neutral) in evaluation.sections(checklist).zip(&summary.sections) {
        let mut info = SectionInfo {
            id: section.id.clone(),
            title: section.title.get(lang).to_string(),
            is_context: section.is_context,
            applicable: neutral.applicable,
            answered: neutral.answered,
            adverse: neutral.adverse,
            unknown: neutral.unknown,
            open_actions: neutral.open_actions,
            readiness: readiness
                .sections
                .iter()
                .find(|s| s.section == section.id)
                .and_then(|s| s.percent),
            items: Vec::new(),
        };
        for (state, facts) in section_states.iter().zip(&neutral.items) {
            let item = state.item;
            let applies = state.applicability == Applicability::Applies;
            let status = status_word(facts.status);
            let (adverse, unknown) = (facts.adverse, facts.unknown);
            let severity = facts.severity.map(severity_label);
            let answer = answer_label(state, m, lang);
            let gap = || GapInfo {
                item: item.id.clone(),
                question: item.question.get(lang).to_string(),
                answer: answer.clone(),
                severity,
            };
            let blocking = blocking_ids.contains(&item.id.as_str());
            if blocking {
                blocking_gaps.push(gap());
            }
            if required_ids.contains(&item.id.as_str()) {
                required_missing.push(gap());
            }
            let required_by = unique(
                owed.iter()
                    .filter(|o| o.obligations.items.contains(&item.id))
                    .map(|o| label(o.source)),
            );
            if applies && unknown && !item.is_context {
                unknowns.push(gap());
            }
            if applies && facts.status == Status::Unanswered {
                unanswered.push(gap());
            }
            let action = state
                .answer
                .and_then(|a| a.action.as_ref())
                .map(|action| ActionInfo {
                    item: item.id.clone(),
                    text: action.text.clone().unwrap_or_default(),
                    owner: action.owner.clone().unwrap_or_default(),
                    due: action.due.clone().unwrap_or_default(),
                    overdue: facts.open_action && action.is_overdue(today),
                    open: facts.open_action,
                    severity,
                });
            if let Some(action) = action.as_ref().filter(|a| a.open) {
                actions.push(action.clone());
            }
            // Cases of real harm where they teach something: items with a gap or no answer yet.
            if applies && (adverse || unknown || status != "answered") {
                for example in &item.examples {
                    cases.push(CaseInfo {
                        item: item.id.clone(),
                        text: example.text.get(lang).to_string(),
                        url: example.url.clone(),
                    });
                }
            }
            if let Some(answer) = state.answer {
                if let Some(at) = answer.at.as_deref().and_then(Date::parse) {
                    last_answer = last_answer.max(Some(at));
                }
                if let Some(by) = answer.by.as_deref().map(str::trim).filter(|b| !b.is_empty()) {
                    *people.entry(by.to_string()).or_default() += 1;
                }
            }
            let outcome = outcome(state);
            if applies && !item.is_context {
                for reference in &item.references {
                    let order = framework_order(&reference.framework);
                    let clauses = crosswalk
                        .entry((order, reference.framework.to_string()))
                        .or_default();
                    let clause = reference.clause.as_deref().unwrap_or_default().to_owned();
                    let entry = clauses.entry(clause).or_insert_with(|| {
                        (
                            reference.url.as_deref().unwrap_or_default().to_owned(),
                            Vec::new(),
                        )
                    });
                    if entry.0.is_empty()
                        && let Some(url) = &reference.url
                    {
                        url.as_ref().clone_into(&mut entry.0);
                    }
                    if !entry.1.iter().any(|i| i.id == item.id) {
                        entry.1.push(CrossItemInfo {
                            id: item.id.clone(),
                            outcome,
                        });
                    }
                }
            }
            if state.applicability == Applicability::DoesNotApply
                && let Some(when) = &item.when
            {
                let mut tested: Vec<String> = when.items().into_iter().map(String::from).collect();
                tested.dedup();
                not_applying.push(NotApplyingInfo {
                    item: item.id.clone(),
                    question: item.question.get(lang).to_string(),
                    applies_when: describe_condition(when, m),
                    answers: tested.iter().map(trigger).collect(),
                });
            }
            info.items.push(ItemInfo {
                id: item.id.clone(),
                question: item.question.get(lang).to_string(),
                status,
                outcome,
                answer,
                adverse,
                unknown,
                severity,
                blocking,
                required_by,
                rationale: state.answer.and_then(|a| a.rationale.clone()),
                evidence: state.answer.map(|a| a.evidence.clone()).unwrap_or_default(),
                evidence_links: Vec::new(),
                by: state.answer.and_then(|a| a.by.clone()),
                at: state.answer.and_then(|a| a.at.clone()),
                action,
                references: item
                    .references
                    .iter()
                    .map(std::string::ToString::to_string)
                    .collect(),
                reference_links: links(&item.references),
            });
        }
        sections.push(info);
    }
    // Sorted by due date; actions without a valid date last, so they stand out.
    actions.sort_by(|a, b| {
        let key = |x: &ActionInfo| (Date::parse(&x.due).is_none(), x.due.clone());
        key(a).cmp(&key(b))
    });
    let overdue_actions = actions.iter().filter(|a| a.overdue).count();
    let next_due = actions
        .iter()
        .find(|a| !a.overdue && Date::parse(&a.due).is_some())
        .map(|a| a.due.clone());
    let mut answered_by: Vec<PersonInfo> = people
        .into_iter()
        .map(|(name, answers)| PersonInfo { name, answers })
        .collect();
    answered_by.sort_by(|a, b| b.answers.cmp(&a.answers).then_with(|| a.name.cmp(&b.name)));

    let crosswalk = crosswalk
        .into_iter()
        .map(|((_, framework), clauses)| {
            let mut clauses: Vec<ClauseInfo> = clauses
                .into_iter()
                .map(|(clause, (url, items))| ClauseInfo {
                    in_place: items.iter().filter(|i| i.outcome == "in-place").count(),
                    total: items.iter().filter(|i| i.outcome != "not-applicable").count(),
                    clause,
                    url,
                    items,
                })
                .collect();
            clauses.sort_by_cached_key(|c| natural_key(&c.clause));
            FrameworkInfo { framework, clauses }
        })
        .collect();

    let count = |level: Level| evaluation.diagnostics.iter().filter(|d| d.level == level).count();
    let listed = [
        Rule::BlockingGap,
        Rule::RequiredItem,
        Rule::MissingAnswer,
        Rule::MissingSignoff,
        Rule::OverdueAction,
    ];
    let validation = ValidationInfo {
        passed: count(Level::Error) == 0,
        errors: count(Level::Error),
        warnings: count(Level::Warning),
        notes: count(Level::Note),
        other_errors: evaluation
            .diagnostics
            .iter()
            .filter(|d| d.level == Level::Error && !listed.contains(&d.rule))
            .count(),
        missing_answers: evaluation
            .diagnostics
            .iter()
            .filter(|d| d.rule == Rule::MissingAnswer)
            .count(),
    };
    let signoff_holds = !evaluation
        .diagnostics
        .iter()
        .any(|d| d.rule == Rule::MissingSignoff)
        && crate::evaluate::latest_signoff(assessment).is_some();

    ReportContext {
        t: w,
        lang: lang.code(),
        date: today.to_string(),
        last_answer: last_answer.map(|d| d.to_string()),
        answered_by,
        system: SystemInfo {
            name: assessment.system.name.clone(),
            owner: assessment.system.owner.clone(),
            description: assessment.system.description.clone(),
        },
        checklist: ChecklistInfo {
            id: checklist.id.clone(),
            version: checklist.version.clone(),
            title: checklist.title.get(lang).to_string(),
            assessed_version: assessment.checklist.version.clone(),
        },
        validation,
        legal,
        impact: impact_info,
        obligations,
        readiness: readiness_info,
        blocking_gaps,
        unknowns,
        unanswered,
        required_missing,
        sections,
        actions,
        overdue_actions,
        next_due,
        crosswalk,
        not_applying,
        signoff: SignoffInfo {
            required: combined.signoff,
            holds: signoff_holds,
            latest: {
                let latest = crate::evaluate::latest_signoff(assessment).and_then(|(s, _)| s.date.as_deref());
                assessment
                    .signoff
                    .iter()
                    .filter(|s| latest.is_some() && s.date.as_deref() == latest && !s.name.trim().is_empty())
                    .map(SignoffEntryInfo::from)
                    .collect()
            },
            entries: assessment.signoff.iter().map(SignoffEntryInfo::from).collect(),
        },
        findings: evaluation.diagnostics.iter().map(FindingInfo::from).collect(),
        cases,
    }
}

/// In first-seen order, each once.
fn unique(labels: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for label in labels {
        if !out.contains(&label) {
            out.push(label);
        }
    }
    out
}

/// The frameworks auditors ask about first come first; the rest by name.
fn framework_order(framework: &str) -> usize {
    const FIRST: [&str; 5] = ["EU AI Act", "UU PDP", "GDPR", "NIST AI RMF", "ISO/IEC 42001"];
    FIRST
        .iter()
        .position(|f| framework.starts_with(f))
        .unwrap_or(FIRST.len())
}

/// `Art. 9` before `Art. 10`: runs of digits compare as numbers.
fn natural_key(text: &str) -> Vec<(u64, String)> {
    let mut key = Vec::new();
    let mut digits = String::new();
    let mut other = String::new();
    for ch in text.chars() {
        if ch.is_ascii_digit() {
            if !other.is_empty() {
                key.push((u64::MAX, std::mem::take(&mut other)));
            }
            digits.push(ch);
        } else {
            if !digits.is_empty() {
                key.push((digits.parse().unwrap_or(u64::MAX), String::new()));
                digits.clear();
            }
            other.push(ch);
        }
    }
    if !digits.is_empty() {
        key.push((digits.parse().unwrap_or(u64::MAX), String::new()));
    }
    if !other.is_empty() {
        key.push((u64::MAX, other));
    }
    key
}

#[cfg(test)]
mod tests {
    use super::natural_key;

    #[test]
    fn clauses_sort_by_their_numbers() {
        let mut clauses = vec!["Art. 10(2)", "Art. 9", "Art. 10", "Pasal 34", "Art. 9(9)"];
        clauses.sort_by_key(|c| natural_key(c));
        assert_eq!(
            clauses,
            ["Art. 9", "Art. 9(9)", "Art. 10", "Art. 10(2)", "Pasal 34"]
        );
    }
}
