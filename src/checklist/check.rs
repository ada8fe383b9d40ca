//! The one place raw checklist data becomes the domain model. Every problem is
//! collected (not just the first), each with its line and column.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::fmt;

use super::raw::{RawChecklist, RawCondition, RawItem, RawOption, RawSection};
use super::{
    Checklist, Choice, Condition, Example, Item, ItemKind, NOT_APPLICABLE, Origin, Reference, Release,
    Section, Severity, UNKNOWN, parse_version,
};
use crate::diagnostic::Rule;
use crate::yaml::Spanned;

mod model;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CheckProblem {
    pub(crate) rule: Rule,
    pub(crate) line: u64,
    pub(crate) column: u64,
    pub(crate) message: String,
}

/// A checklist that parsed as YAML but does not hold together.
#[derive(Debug)]
pub struct CheckError {
    pub(crate) source_name: String,
    pub(crate) problems: Vec<CheckProblem>,
}

impl fmt::Display for CheckError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.problems.len();
        write!(
            f,
            "{}: checklist has {count} problem{}:",
            self.source_name,
            if count == 1 { "" } else { "s" }
        )?;
        for problem in &self.problems {
            write!(
                f,
                "\n  {}:{}:{}: {}",
                self.source_name, problem.line, problem.column, problem.message
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for CheckError {}

pub(super) struct Checker {
    problems: Vec<CheckProblem>,
}

impl Checker {
    pub(super) fn at<T>(&mut self, spanned: &Spanned<T>, message: impl Into<String>) {
        self.rule(Rule::InvalidChecklist, spanned, message);
    }

    pub(super) fn rule<T>(&mut self, rule: Rule, spanned: &Spanned<T>, message: impl Into<String>) {
        self.problems.push(CheckProblem {
            rule,
            line: spanned.referenced.line(),
            column: spanned.referenced.column(),
            // A problem is one line; ids and values quoted from the file may hold anything.
            message: crate::text::escape_controls(&message.into()).into_owned(),
        });
    }
}

/// Risk points of one option; a bound keeps sums far from overflow and the
/// scheme readable (the built-in checklist uses 0–4).
const MAX_RISK: u32 = 100;

pub(super) fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !text.starts_with('-')
        && !text.ends_with('-')
}

/// Checks a parsed checklist and builds the domain model.
pub(crate) fn check(raw: RawChecklist, source_name: &str, origin: Origin) -> Result<Checklist, CheckError> {
    check_on(raw, None, source_name, origin)
}

/// [`check`] for a checklist that `extends` another: `base` is that
/// checklist, loaded and checked (with its own bases) by the caller.
pub(crate) fn check_on(
    raw: RawChecklist,
    base: Option<Checklist>,
    source_name: &str,
    origin: Origin,
) -> Result<Checklist, CheckError> {
    let mut c = Checker { problems: Vec::new() };

    if !is_slug(&raw.id.value) {
        c.at(
            &raw.id,
            format!(
                "checklist id `{}` must use lowercase letters, digits and `-`",
                raw.id.value
            ),
        );
    }
    if parse_version(&raw.version.value).is_none() {
        c.at(
            &raw.version,
            format!(
                "version `{}` is not MAJOR.MINOR.PATCH (e.g. \"1.0.0\")",
                raw.version.value
            ),
        );
    }
    let mut languages = vec!["en".to_string()];
    for language in &raw.languages {
        let code = &language.value;
        if !crate::text::is_language_code(code) {
            c.at(
                language,
                format!("`{code}` is not a language code (two lowercase letters, e.g. en, id)"),
            );
        } else if !languages.contains(code) {
            languages.push(code.clone());
        }
    }
    if let Some(base) = &base
        && raw.languages.is_empty()
    {
        languages.clone_from(&base.languages);
    }
    if base.is_none() {
        if raw.sections.is_empty() {
            c.at(&raw.id, "a checklist needs at least one section");
        }
        if let Some(first) = raw.overrides.first() {
            c.rule(
                Rule::InvalidExtension,
                &first.item,
                "`override` changes items of the checklist this one extends; add `extends:`",
            );
        }
        if let Some(first) = raw.remove.first() {
            c.rule(
                Rule::InvalidExtension,
                first,
                "`remove` leaves out items of the checklist this one extends; add `extends:`",
            );
        }
    }

    let (sections, bases, base_model, base_review) = if let Some(base) = base {
        let merged = merge(&mut c, base, raw.sections, raw.overrides, &raw.remove);
        (
            merged.sections,
            merged.bases,
            Some(merged.model),
            merged.review_every,
        )
    } else {
        (plain_sections(&mut c, raw.sections), Vec::new(), None, None)
    };
    let items_seen: HashSet<&str> = sections
        .iter()
        .flat_map(|s| s.items.iter().map(|i| i.id.as_str()))
        .collect();

    let mut changelog = Vec::new();
    for release in raw.changelog {
        match parse_version(&release.version.value) {
            None => c.at(
                &release.version,
                format!(
                    "changelog version `{}` is not MAJOR.MINOR.PATCH",
                    release.version.value
                ),
            ),
            Some(v) if parse_version(&raw.version.value).is_some_and(|current| v > current) => c.at(
                &release.version,
                format!(
                    "changelog names version {} but the checklist is {}",
                    release.version.value, raw.version.value
                ),
            ),
            Some(_) => {}
        }
        if let Some(date) = &release.date
            && crate::date::Date::parse(&date.value).is_none()
        {
            c.at(date, format!("`{}` is not a date (YYYY-MM-DD)", date.value));
        }
        for id in release.changed.iter().chain(&release.added) {
            if !items_seen.contains(id.value.as_str()) {
                c.at(
                    id,
                    format!(
                        "changelog names item `{}`, which the checklist does not have",
                        id.value
                    ),
                );
            }
        }
        for id in &release.removed {
            if items_seen.contains(id.value.as_str()) {
                c.at(
                    id,
                    format!(
                        "item `{}` was removed and its id must not be reused for another question",
                        id.value
                    ),
                );
            }
        }
        let ids = |list: Vec<Spanned<String>>| list.into_iter().map(|s| s.value).collect();
        changelog.push(Release {
            version: release.version.value,
            date: release.date.map(|d| d.value),
            notes: release.notes,
            changed: ids(release.changed),
            added: ids(release.added),
            removed: ids(release.removed),
        });
    }
    drop(items_seen);

    let model = model::check(
        &mut c,
        model::RawModel {
            impact: raw.impact,
            legal: raw.legal,
            residual: raw.residual,
            extends: raw.extends.as_ref(),
        },
        base_model,
        &sections,
    );
    let review_every = match raw.review_every {
        None => base_review,
        Some(every) => {
            let period = crate::date::Period::parse(&every.value);
            if period.is_none() {
                c.at(
                    &every,
                    format!(
                        "`review_every: {}` is not a period; write e.g. `12 months`, `1 year`, `90 days`",
                        every.value
                    ),
                );
            }
            period
        }
    };
    if !c.problems.is_empty() {
        return Err(c.into_error(source_name));
    }
    Ok(Checklist::assemble(
        raw.id.value,
        raw.version.value,
        raw.title.value,
        raw.description.map(|d| d.value),
        languages,
        changelog,
        sections,
        model.impact,
        model.legal,
        model.residual,
        review_every,
        origin,
        bases,
    ))
}

/// The sections of a checklist that extends none.
fn plain_sections(c: &mut Checker, raw_sections: Vec<RawSection>) -> Vec<Section> {
    let mut section_ids = HashSet::new();
    let mut items_seen: HashMap<String, ItemShape> = HashMap::new();
    let mut sections = Vec::new();
    for (index, raw_section) in raw_sections.into_iter().enumerate() {
        if raw_section.context && index != 0 {
            c.at(
                &raw_section.id,
                "the context section (`context: true`) must be the first section",
            );
        }
        if !section_ids.insert(raw_section.id.value.clone()) {
            c.rule(
                Rule::DuplicateId,
                &raw_section.id,
                format!("section id `{}` is used twice", raw_section.id.value),
            );
        }
        sections.push(check_section(c, raw_section, &mut items_seen, &HashSet::new()));
    }
    sections
}

/// A base checklist with an extension's sections, overrides and removals applied.
struct Merged {
    sections: Vec<Section>,
    bases: Vec<super::Base>,
    model: model::Model,
    review_every: Option<crate::date::Period>,
}

/// Applies an extension to `base`: removals first, then overrides, then
/// the items added to the base's sections and the new sections, in the
/// order the checklist will ask them, so that every condition is checked
/// against the items asked before it.
fn merge(
    c: &mut Checker,
    base: Checklist,
    raw_sections: Vec<RawSection>,
    overrides: Vec<super::raw::RawOverride>,
    remove: &[Spanned<String>],
) -> Merged {
    let base_name = format!("{} {}", base.id, base.version);
    let base_ids: HashSet<String> = base.items().map(|i| i.id.clone()).collect();
    let mut bases = vec![super::Base {
        id: base.id.clone(),
        version: base.version.clone(),
        changelog: base.changelog.clone(),
    }];
    bases.extend(base.bases.iter().cloned());
    let mut sections = base.sections;
    for item in sections.iter_mut().flat_map(|s| s.items.iter_mut()) {
        item.source = Some(item.source.map_or(0, |s| s + 1));
    }

    // Removals, remembered by id so that a condition on a removed item can
    // point at the `remove` entry.
    let mut removed: HashMap<String, &Spanned<String>> = HashMap::new();
    for id in remove {
        if removed.contains_key(&id.value) {
            c.rule(
                Rule::DuplicateId,
                id,
                format!("`remove` names `{}` twice", id.value),
            );
            continue;
        }
        if !base_ids.contains(&id.value) {
            c.rule(
                Rule::InvalidExtension,
                id,
                format!("`remove` names `{}`, which {base_name} does not have", id.value),
            );
            continue;
        }
        removed.insert(id.value.clone(), id);
    }
    for section in &mut sections {
        section.items.retain(|item| !removed.contains_key(&item.id));
    }

    let mut overridden: HashMap<String, super::raw::RawOverride> = HashMap::new();
    for change in overrides {
        let id = change.item.value.clone();
        if removed.contains_key(&id) {
            c.rule(
                Rule::InvalidExtension,
                &change.item,
                format!("`override` names `{id}`, which this checklist removes"),
            );
        } else if !base_ids.contains(&id) {
            c.rule(
                Rule::InvalidExtension,
                &change.item,
                format!(
                    "`override` names `{id}`, which {base_name} does not have; add new items under `sections`"
                ),
            );
        } else if let std::collections::hash_map::Entry::Vacant(entry) = overridden.entry(id.clone()) {
            entry.insert(change);
        } else {
            c.rule(
                Rule::DuplicateId,
                &change.item,
                format!("`override` names `{id}` twice"),
            );
        }
    }

    // Sections of this file: items for a base section, or a new section.
    let mut additions: HashMap<usize, RawSection> = HashMap::new();
    let mut new_sections = Vec::new();
    let mut section_ids = HashSet::new();
    for raw in raw_sections {
        if !section_ids.insert(raw.id.value.clone()) {
            c.rule(
                Rule::DuplicateId,
                &raw.id,
                format!("section id `{}` is used twice", raw.id.value),
            );
            continue;
        }
        if let Some(index) = sections.iter().position(|s| s.id == raw.id.value) {
            if raw.context && !sections[index].is_context {
                c.at(
                    &raw.id,
                    format!(
                        "section `{}` of {base_name} is not its context section",
                        raw.id.value
                    ),
                );
            }
            additions.insert(index, raw);
        } else {
            if raw.context {
                c.at(
                    &raw.id,
                    "a checklist that extends another cannot add a context section; add context \
                     questions to the base's context section (by its id)",
                );
            }
            new_sections.push(raw);
        }
    }

    let mut seen: HashMap<String, ItemShape> = HashMap::new();
    let mut dependents: HashMap<String, Vec<String>> = HashMap::new();
    for (index, section) in sections.iter_mut().enumerate() {
        for item in &mut section.items {
            if let Some(change) = overridden.remove(&item.id) {
                apply_override(c, item, change, &seen);
            }
            // A condition on an item this file removes would never be decided.
            for target in item.when.iter().flat_map(super::Condition::items) {
                if removed.contains_key(target) {
                    dependents
                        .entry(target.to_string())
                        .or_default()
                        .push(item.id.clone());
                }
            }
            seen.insert(item.id.clone(), ItemShape::of(item));
        }
        if let Some(raw) = additions.remove(&index) {
            if let Some(title) = raw.title {
                section.title = title.value;
            }
            if let Some(description) = raw.description {
                section.description = Some(description.value);
            }
            let added = check_items(
                c,
                raw.items,
                &section.id,
                section.is_context,
                &mut seen,
                &base_ids,
            );
            section.items.extend(added);
        }
    }
    // A base section whose items are all removed is left out with them.
    sections.retain(|section| !section.items.is_empty());
    for raw in new_sections {
        sections.push(check_section(c, raw, &mut seen, &base_ids));
    }
    for (target, mut items) in dependents {
        items.dedup();
        let Some(entry) = removed.get(&target) else {
            continue;
        };
        let shown: Vec<String> = items.iter().map(|id| format!("`{id}`")).collect();
        c.rule(
            Rule::InvalidExtension,
            *entry,
            format!(
                "`{target}` cannot be removed: the condition of {} tests it; override their `when`, or remove them too",
                shown.join(", ")
            ),
        );
    }
    Merged {
        sections,
        bases,
        model: model::Model {
            impact: base.impact,
            legal: base.legal,
            residual: base.residual,
        },
        review_every: base.review_every,
    }
}

/// Replaces the fields an `override` entry gives.
/// A severity as written, or `None` with an `unknown-severity` finding.
pub(super) fn parse_severity(c: &mut Checker, severity: &Spanned<String>) -> Option<Severity> {
    let parsed = Severity::parse(&severity.value);
    if parsed.is_none() {
        c.rule(
            Rule::UnknownSeverity,
            severity,
            format!(
                "unknown severity `{}`; expected low, medium, high or critical",
                severity.value
            ),
        );
    }
    parsed
}

fn apply_override(
    c: &mut Checker,
    item: &mut Item,
    change: super::raw::RawOverride,
    seen: &HashMap<String, ItemShape>,
) {
    let id = item.id.clone();
    if let Some(severity) = &change.severity {
        if item.is_context {
            c.at(severity, format!("context item `{id}` cannot have a severity"));
        } else if let Some(parsed) = parse_severity(c, severity) {
            item.severity = Some(parsed);
        }
    }
    if let Some(help) = change.help {
        item.help = Some(help.value);
    }
    if let Some(when) = &change.when {
        item.when = check_condition(c, when, &id, seen);
    }
    if let Some(requires) = &change.requires {
        (item.requires_evidence, item.requires_rationale) = requirements(c, requires);
    }
    // What the item asks may have changed (its severity).
    item.asked = std::sync::OnceLock::new();
}

/// `requires:` as (evidence, rationale).
fn requirements(c: &mut Checker, requires: &[Spanned<String>]) -> (bool, bool) {
    let mut evidence = false;
    let mut rationale = false;
    for requirement in requires {
        match requirement.value.as_str() {
            "evidence" => evidence = true,
            "rationale" => rationale = true,
            other => c.at(
                requirement,
                format!("unknown requirement `{other}`; expected evidence or rationale"),
            ),
        }
    }
    (evidence, rationale)
}

impl Checker {
    fn into_error(mut self, source_name: &str) -> CheckError {
        self.problems.sort_by_key(|p| (p.line, p.column));
        CheckError {
            source_name: source_name.to_string(),
            problems: self.problems,
        }
    }
}

/// What a condition needs to know about an earlier item.
pub(super) struct ItemShape {
    kind: &'static str,
    values: Vec<String>,
}

fn check_section(
    c: &mut Checker,
    raw: RawSection,
    seen: &mut HashMap<String, ItemShape>,
    base_ids: &HashSet<String>,
) -> Section {
    if !is_slug(&raw.id.value) {
        c.at(
            &raw.id,
            format!(
                "section id `{}` must use lowercase letters, digits and `-`",
                raw.id.value
            ),
        );
    }
    if raw.items.is_empty() {
        c.at(&raw.id, format!("section `{}` has no items", raw.id.value));
    }
    let title = if let Some(title) = raw.title {
        title.value
    } else {
        c.at(&raw.id, format!("section `{}` needs a `title`", raw.id.value));
        crate::text::Text::en("")
    };
    let items = check_items(c, raw.items, &raw.id.value, raw.context, seen, base_ids);
    Section {
        id: raw.id.value,
        title,
        description: raw.description.map(|d| d.value),
        is_context: raw.context,
        items,
    }
}

/// The items of one section; `seen` holds the items asked before them and
/// `base_ids` every item of the checklist extended, whose ids are taken.
fn check_items(
    c: &mut Checker,
    raw_items: Vec<RawItem>,
    section: &str,
    is_context: bool,
    seen: &mut HashMap<String, ItemShape>,
    base_ids: &HashSet<String>,
) -> Vec<Item> {
    // An item is half a kilobyte: grown by doubling, a section of 2,000
    // items held room for 4,096.
    let mut items = Vec::with_capacity(raw_items.len());
    for raw_item in raw_items {
        let item = check_item(c, raw_item, section, is_context, seen);
        let message = if base_ids.contains(&item.id) {
            Some(format!(
                "item id `{}` is already in the checklist this one extends; change it with `override`",
                item.id
            ))
        } else if seen.contains_key(&item.id) {
            Some(format!("item id `{}` is used twice", item.id))
        } else {
            None
        };
        if let Some(message) = message {
            c.problems.push(CheckProblem {
                rule: Rule::DuplicateId,
                line: item.line,
                column: item.column,
                message,
            });
        }
        seen.insert(item.id.clone(), ItemShape::of(&item));
        items.push(item);
    }
    items
}

impl ItemShape {
    pub(super) fn of(item: &Item) -> ItemShape {
        let values = match &item.kind {
            ItemKind::YesNo => item
                .yes_no_values()
                .iter()
                .map(std::string::ToString::to_string)
                .collect(),
            ItemKind::Single(choices) | ItemKind::Multi(choices) => {
                choices.iter().map(|c| c.value.clone()).collect()
            }
            ItemKind::Scale { .. } => (1..=5).map(|n| n.to_string()).collect(),
            ItemKind::Text => Vec::new(),
        };
        ItemShape {
            kind: item.kind.name(),
            values,
        }
    }
}

fn check_item(
    c: &mut Checker,
    raw: RawItem,
    section: &str,
    is_context: bool,
    seen: &HashMap<String, ItemShape>,
) -> Item {
    let id = raw.id.value.clone();
    match id.split_once('.') {
        Some((prefix, slug)) if prefix == section && is_slug(slug) => {}
        _ => c.at(
            &raw.id,
            format!("item id `{id}` must be `{section}.` followed by lowercase letters, digits and `-`"),
        ),
    }
    let choices = |c: &mut Checker, options: Option<Vec<RawOption>>| -> Vec<Choice> {
        let Some(options) = options else {
            c.rule(
                Rule::MissingOptions,
                &raw.kind,
                format!("item `{id}` of type `{}` needs `options`", raw.kind.value),
            );
            return Vec::new();
        };
        if options.len() < 2 {
            c.rule(
                Rule::MissingOptions,
                &raw.kind,
                format!("item `{id}` needs at least two options"),
            );
        }
        let mut values = HashSet::new();
        options
            .into_iter()
            .map(|option| check_option(c, option, &id, is_context, &mut values))
            .collect()
    };
    let had_options = raw.options.is_some();
    let had_scale = raw.scale.is_some();
    let kind = match raw.kind.value.as_str() {
        "yes-no" => ItemKind::YesNo,
        "single" => ItemKind::Single(choices(c, raw.options)),
        "multi" => ItemKind::Multi(choices(c, raw.options)),
        "text" => ItemKind::Text,
        "scale" => {
            let adverse_at_most = raw.adverse_at_most.as_ref().map(|limit| {
                if !(1..=4).contains(&limit.value) {
                    c.at(limit, "`adverse_at_most` must be a number from 1 to 4");
                }
                limit.value
            });
            let (low, high) = raw.scale.map_or((None, None), |s| (s.low, s.high));
            ItemKind::Scale {
                low: low.map(|t| t.value),
                high: high.map(|t| t.value),
                adverse_at_most,
            }
        }
        other => {
            c.rule(
                Rule::UnknownType,
                &raw.kind,
                format!("unknown item type `{other}`; expected yes-no, single, multi, text or scale"),
            );
            ItemKind::Text
        }
    };
    if had_options && !matches!(kind, ItemKind::Single(_) | ItemKind::Multi(_)) {
        c.at(
            &raw.kind,
            format!("`options` only apply to `single` and `multi` items (item `{id}`)"),
        );
    }
    if had_scale && raw.kind.value != "scale" {
        c.at(
            &raw.kind,
            format!("`scale` only applies to `scale` items (item `{id}`)"),
        );
    }
    if raw.kind.value != "scale" && raw.adverse_at_most.is_some() {
        c.at(
            &raw.kind,
            format!("`adverse_at_most` only applies to `scale` items (item `{id}`)"),
        );
    }

    let can_be_adverse = match &kind {
        ItemKind::YesNo => true,
        ItemKind::Single(choices) | ItemKind::Multi(choices) => choices.iter().any(|c| c.adverse),
        ItemKind::Scale { adverse_at_most, .. } => adverse_at_most.is_some(),
        ItemKind::Text => false,
    };
    let severity = match &raw.severity {
        Some(severity) if is_context => {
            c.at(severity, format!("context item `{id}` cannot have a severity; context answers set the impact level through option `risk` points and `impact.floors`"));
            None
        }
        Some(severity) => parse_severity(c, severity),
        None if can_be_adverse && !is_context => {
            c.at(&raw.id, format!("item `{id}` can be answered adversely and needs a `severity` (low, medium, high, critical)"));
            None
        }
        None => None,
    };

    let (requires_evidence, requires_rationale) = requirements(c, &raw.requires);
    if raw.question.value.get(crate::text::Lang::En).trim().is_empty() {
        c.rule(
            Rule::EmptyQuestion,
            &raw.question,
            format!("item `{id}` has an empty question"),
        );
    }

    let when = raw
        .when
        .as_ref()
        .and_then(|when| check_condition(c, when, &id, seen));

    let references = references(raw.references);
    let examples = raw
        .examples
        .into_iter()
        .map(|e| Example {
            text: e.text.value,
            url: e.url.value,
        })
        .collect();

    Item {
        asked: std::sync::OnceLock::new(),
        line: raw.id.referenced.line(),
        column: raw.id.referenced.column(),
        id,
        summary: raw.summary.map(|t| t.value),
        question: raw.question.value,
        help: raw.help.map(|t| t.value),
        kind,
        severity,
        requires_evidence,
        requires_rationale,
        when,
        is_context,
        references,
        examples,
        source: None,
    }
}

fn check_option(
    c: &mut Checker,
    raw: RawOption,
    item: &str,
    is_context: bool,
    values: &mut HashSet<String>,
) -> Choice {
    let value = raw.value.value.clone();
    if value == UNKNOWN || value == NOT_APPLICABLE {
        c.at(
            &raw.value,
            format!("`{value}` is reserved (every item accepts it) and cannot be an option of `{item}`"),
        );
    } else if !is_slug(&value) {
        c.at(
            &raw.value,
            format!("option value `{value}` must use lowercase letters, digits and `-`"),
        );
    }
    if !values.insert(value.clone()) {
        c.rule(
            Rule::DuplicateId,
            &raw.value,
            format!("option `{value}` appears twice in `{item}`"),
        );
    }
    if let Some(risk) = raw.risk
        && risk > MAX_RISK
    {
        c.at(
            &raw.value,
            format!("`risk: {risk}` of option `{value}` is over {MAX_RISK}"),
        );
    }
    if !is_context && raw.risk.is_some() {
        c.at(
            &raw.value,
            format!("`risk` points only apply to context items (option `{value}` of `{item}`)"),
        );
    }
    if is_context && raw.adverse {
        c.at(
            &raw.value,
            format!(
                "context options cannot be `adverse` (option `{value}` of `{item}`); give them impact points (`risk`) or an impact floor"
            ),
        );
    }
    Choice {
        value,
        label: raw.label.value,
        risk: raw.risk.unwrap_or(0),
        adverse: raw.adverse,
        exclusive: raw.exclusive,
    }
}

/// References as written, without their positions.
pub(super) fn references(raw: Vec<super::raw::RawReference>) -> Vec<Reference> {
    raw.into_iter()
        .map(|r| Reference {
            framework: r.framework.into(),
            clause: r.clause.map(Into::into),
            url: r.url.map(|u| u.value.into()),
        })
        .collect()
}

pub(super) fn check_condition(
    c: &mut Checker,
    raw: &Spanned<RawCondition>,
    item: &str,
    seen: &HashMap<String, ItemShape>,
) -> Option<Condition> {
    let node = &raw.value;
    let forms = [
        node.all.is_some(),
        node.any.is_some(),
        node.not.is_some(),
        node.item.is_some(),
    ]
    .iter()
    .filter(|&&b| b)
    .count();
    let tests = [
        node.equals.is_some(),
        node.in_.is_some(),
        node.not_in.is_some(),
        node.includes.is_some(),
    ]
    .iter()
    .filter(|&&b| b)
    .count();
    if forms != 1 || (node.item.is_some() && tests != 1) || (node.item.is_none() && tests != 0) {
        c.rule(
            Rule::InvalidCondition,
            raw,
            format!(
                "condition of `{item}` must be exactly one of: {{all: [...]}}, {{any: [...]}}, {{not: ...}}, \
                 or {{item: ID}} with one of equals, in, not_in, includes"
            ),
        );
        return None;
    }
    let list = |c: &mut Checker, list: &Vec<Spanned<RawCondition>>| -> Option<Vec<Condition>> {
        if list.is_empty() {
            c.rule(
                Rule::InvalidCondition,
                raw,
                format!("condition of `{item}` has an empty list"),
            );
        }
        let checked: Vec<Option<Condition>> =
            list.iter().map(|n| check_condition(c, n, item, seen)).collect();
        checked.into_iter().collect()
    };
    if let Some(all) = &node.all {
        return list(c, all).map(Condition::All);
    }
    if let Some(any) = &node.any {
        return list(c, any).map(Condition::Any);
    }
    if let Some(not) = &node.not {
        return check_condition(c, not, item, seen).map(|n| Condition::Not(Box::new(n)));
    }
    let target = node.item.clone().unwrap_or_default();
    let Some(shape) = seen.get(&target) else {
        c.rule(
            Rule::InvalidCondition,
            raw,
            format!("condition of `{item}` refers to `{target}`, which is not an item asked before it"),
        );
        return None;
    };
    let check_values = |c: &mut Checker, values: &[String]| {
        for value in values {
            if !shape.values.contains(value) {
                c.rule(Rule::InvalidCondition,
                    raw,
                    format!(
                        "condition of `{item}` tests `{target}` for `{value}`, which it cannot take (it takes: {})",
                        shape.values.join(", ")
                    ),
                );
            }
        }
    };
    if shape.kind == "text" {
        c.rule(
            Rule::InvalidCondition,
            raw,
            format!("condition of `{item}` refers to free-text item `{target}`; only choices can be tested"),
        );
        return None;
    }
    if let Some(value) = &node.includes {
        if shape.kind != "multi" {
            c.rule(
                Rule::InvalidCondition,
                raw,
                format!(
                    "`includes` needs a multi-choice item, but `{target}` is {}; use equals or in",
                    shape.kind
                ),
            );
        }
        check_values(c, std::slice::from_ref(value));
        return Some(Condition::Includes {
            item: target,
            value: value.clone(),
        });
    }
    if shape.kind == "multi" {
        c.rule(
            Rule::InvalidCondition,
            raw,
            format!("`{target}` is a multi-choice item: test it with `includes`"),
        );
        return None;
    }
    if let Some(value) = &node.equals {
        check_values(c, std::slice::from_ref(value));
        return Some(Condition::Equals {
            item: target,
            value: value.clone(),
        });
    }
    if let Some(values) = &node.in_ {
        check_values(c, values);
        return Some(Condition::In {
            item: target,
            values: values.clone(),
        });
    }
    let values = node.not_in.clone().unwrap_or_default();
    check_values(c, &values);
    Some(Condition::NotIn { item: target, values })
}

#[cfg(test)]
mod tests {
    use super::super::{ImpactLevel, ImpactModel, Origin, parse};

    /// The problems `text` has, as "line: message".
    fn problems(text: &str) -> Vec<String> {
        match parse(text, "c.yaml", Origin::Builtin) {
            Ok(_) => Vec::new(),
            Err(crate::error::Error::Checklist(error)) => error
                .problems
                .iter()
                .map(|p| format!("{}: {}", p.line, p.message))
                .collect(),
            Err(other) => vec![format!("not a check error: {other}")],
        }
    }

    const HEAD: &str = "id: t\nversion: \"1.0.0\"\ntitle: T\nsections:\n";

    fn with_items(items: &str) -> String {
        format!(
            "{HEAD}  - id: context\n    title: C\n    context: true\n    items:\n      - {{id: context.a, question: A?, type: yes-no}}\n      - id: context.m\n        question: M?\n        type: multi\n        options: [{{value: x, label: X}}, {{value: y, label: Y}}]\n  - id: s\n    title: S\n    items:\n{items}"
        )
    }

    #[test]
    fn a_valid_checklist_has_no_problems() {
        let text = with_items(
            "      - {id: s.one, question: One?, type: yes-no, severity: low, when: {item: context.a, equals: \"yes\"}}\n      - {id: s.two, question: Two?, type: text, when: {all: [{item: context.m, includes: x}, {not: {item: s.one, in: [\"no\", partial]}}]}}\n",
        );
        assert_eq!(problems(&text), Vec::<String>::new());
    }

    #[test]
    fn ids_must_be_unique_and_prefixed() {
        let text = with_items(
            "      - {id: s.one, question: One?, type: text}\n      - {id: s.one, question: Again?, type: text}\n      - {id: other.x, question: X?, type: text}\n",
        );
        assert_eq!(
            problems(&text),
            vec![
                "18: item id `s.one` is used twice",
                "19: item id `other.x` must be `s.` followed by lowercase letters, digits and `-`"
            ]
        );
    }

    #[test]
    fn conditions_refer_to_earlier_items_and_their_values() {
        let text = with_items(
            "      - {id: s.one, question: One?, type: text, when: {item: s.two, equals: \"yes\"}}\n      - {id: s.two, question: Two?, type: yes-no, severity: low, when: {item: context.a, equals: partial}}\n      - {id: s.three, question: Three?, type: text, when: {item: context.m, equals: x}}\n      - {id: s.four, question: Four?, type: text, when: {item: context.a, equals: \"yes\", in: [\"no\"]}}\n",
        );
        let found = problems(&text);
        assert_eq!(found.len(), 4, "{found:#?}");
        assert!(
            found[0].contains("refers to `s.two`, which is not an item asked before it"),
            "{found:#?}"
        );
        assert!(
            found[1].contains("tests `context.a` for `partial`, which it cannot take (it takes: yes, no)"),
            "{found:#?}"
        );
        assert!(
            found[2].contains("`context.m` is a multi-choice item: test it with `includes`"),
            "{found:#?}"
        );
        assert!(found[3].contains("must be exactly one of"), "{found:#?}");
    }

    #[test]
    fn types_severities_and_options_are_checked() {
        let text = with_items(
            "      - {id: s.one, question: One?, type: boolean}\n      - {id: s.two, question: Two?, type: yes-no}\n      - {id: s.three, question: Three?, type: single, severity: huge, options: [{value: a, label: A, adverse: true}]}\n      - {id: s.four, question: Four?, type: single, options: [{value: n/a, label: NA}, {value: b, label: B, risk: 2}]}\n",
        );
        let found = problems(&text);
        assert!(
            found.iter().any(|p| p.contains("unknown item type `boolean`")),
            "{found:#?}"
        );
        assert!(
            found
                .iter()
                .any(|p| p.contains("`s.two` can be answered adversely and needs a `severity`")),
            "{found:#?}"
        );
        assert!(
            found.iter().any(|p| p.contains("unknown severity `huge`")),
            "{found:#?}"
        );
        assert!(
            found
                .iter()
                .any(|p| p.contains("`s.three` needs at least two options")),
            "{found:#?}"
        );
        assert!(
            found.iter().any(|p| p.contains("`n/a` is reserved")),
            "{found:#?}"
        );
        assert!(
            found
                .iter()
                .any(|p| p.contains("`risk` points only apply to context items")),
            "{found:#?}"
        );
    }

    #[test]
    fn risk_points_are_bounded() {
        let text = format!(
            "{HEAD}  - id: context\n    title: C\n    context: true\n    items:\n      - id: context.a\n        question: A?\n        type: single\n        options: [{{value: x, label: X, risk: 101}}, {{value: y, label: Y, risk: 100}}]\n"
        );
        let found = problems(&text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].contains("`risk: 101` of option `x` is over 100"),
            "{found:#?}"
        );
    }

    #[test]
    fn changelog_cannot_name_missing_items_or_reuse_removed_ids() {
        let text = format!(
            "{}changelog:\n  - {{version: 1.0.0, changed: [s.gone], removed: [s.one]}}\n  - {{version: 2.0.0}}\n",
            with_items("      - {id: s.one, question: One?, type: text}\n")
        );
        let found = problems(&text);
        assert!(
            found
                .iter()
                .any(|p| p.contains("names item `s.gone`, which the checklist does not have")),
            "{found:#?}"
        );
        assert!(
            found
                .iter()
                .any(|p| p.contains("item `s.one` was removed and its id must not be reused")),
            "{found:#?}"
        );
        assert!(
            found
                .iter()
                .any(|p| p.contains("changelog names version 2.0.0 but the checklist is 1.0.0")),
            "{found:#?}"
        );
    }

    const CONTEXT: &str = "  - id: context\n    title: C\n    context: true\n    items:\n      - id: context.a\n        question: A?\n        type: single\n        options: [{value: x, label: X, risk: 0}, {value: y, label: Y, risk: 6}, {value: z, label: Z, risk: 10}]\n";

    #[test]
    fn a_checklist_sets_its_own_impact_levels() {
        let text = format!(
            "id: t\nversion: \"1.0.0\"\ntitle: T\nimpact:\n  levels:\n    - {{level: I, up_to: 50}}\n    - {{level: IV, up_to: 100}}\nsections:\n{CONTEXT}"
        );
        let checklist = parse(&text, "t.yaml", Origin::Builtin).unwrap();
        assert_eq!(checklist.impact.level(50), ImpactLevel::I);
        assert_eq!(checklist.impact.level(60), ImpactLevel::IV);
        // Without an `impact:` block, the default levels at 25/50/75 %.
        let default = parse(&format!("{HEAD}{CONTEXT}"), "t.yaml", Origin::Builtin).unwrap();
        assert_eq!(default.impact, ImpactModel::default());
        assert_eq!(default.impact.level(60), ImpactLevel::III);
        assert_eq!(default.impact.level(25), ImpactLevel::I);
        assert_eq!(default.impact.level(26), ImpactLevel::II);
        assert_eq!(default.impact.level(100), ImpactLevel::IV);
    }

    #[test]
    fn impact_levels_must_rise_and_end_at_100() {
        let text = format!(
            "id: t\nversion: \"1.0.0\"\ntitle: T\nimpact:\n  levels:\n    - {{level: II, up_to: 40}}\n    - {{level: I, up_to: 30}}\n    - {{level: V, up_to: 90}}\nsections:\n{CONTEXT}"
        );
        assert_eq!(
            problems(&text),
            [
                "6: the last impact level must have `up_to: 100`, so every score has a level",
                "7: impact levels must rise: each a higher level with a higher `up_to`, at most 100",
                "8: unknown impact level `V`; expected I, II, III or IV",
            ]
        );
    }

    #[test]
    fn floors_classes_and_obligations_are_checked() {
        let text = format!(
            "id: t\nversion: \"1.0.0\"\ntitle: T\nimpact:\n  levels:\n    - {{level: IV, up_to: 100, obligations: {{blocking: huge, items: [s.missing]}}}}\n  floors:\n    - {{level: III, when: {{item: context.a, equals: w}}, because: B}}\nlegal:\n  - regime: r\n    title: R\n    classes:\n      - {{class: a, title: A}}\n      - {{class: b, title: B}}\n      - {{class: a, title: C, when: {{item: s.later, equals: x}}}}\nsections:\n{CONTEXT}"
        );
        let found = problems(&text);
        let expect = [
            "unknown severity `huge`",
            "name item `s.missing`, which the checklist does not have",
            "tests `context.a` for `w`, which it cannot take",
            "more than one class without `when`",
            "class `a` appears twice in regime `r`",
            "refers to `s.later`, which is not an item asked before it",
        ];
        for e in expect {
            assert!(found.iter().any(|p| p.contains(e)), "{e}: {found:#?}");
        }
        assert_eq!(found.len(), expect.len(), "{found:#?}");
    }
}
