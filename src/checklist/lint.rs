//! `etika checklist lint`: everything the loader checks, plus what makes a
//! checklist incomplete or unsafe without making it unusable (missing or
//! stale translations, links a reader should not follow). It reads the file's raw
//! form, so every diagnostic points at the text it is about.

use super::raw::RawChecklist;
use super::{Checklist, Origin};
use crate::diagnostic::{Diagnostic, Rule, Span};
use crate::text::{Text, escape_controls};
use crate::yaml::Spanned;

/// What lint found; `checklist` is the checked checklist when it held together.
pub(crate) struct Lint {
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) checklist: Option<Checklist>,
}

/// Lints checklist YAML that has been read as a [`RawChecklist`].
#[cfg(test)]
pub(crate) fn lint(raw: RawChecklist, source_name: &str, origin: Origin) -> Lint {
    lint_on(raw, Ok(None), source_name, origin)
}

/// [`lint`] for a checklist whose base (`extends:`) is `base`: `Ok(None)`
/// when it extends none, `Err` when the base cannot be used, which leaves
/// only the checks of this file's own text (the caller reports why).
pub(crate) fn lint_on(
    raw: RawChecklist,
    base: Result<Option<Checklist>, ()>,
    source_name: &str,
    origin: Origin,
) -> Lint {
    let mut diagnostics = missing_translations(&raw);
    diagnostics.extend(unsafe_links(&raw));
    diagnostics.extend(stale_translations(&raw));
    diagnostics.extend(missing_references(
        &raw,
        base.as_ref().ok().and_then(Option::as_ref),
    ));
    let Ok(base) = base else {
        diagnostics.sort_by_key(|d| (d.span, d.rule));
        return Lint {
            diagnostics,
            checklist: None,
        };
    };
    let checklist = match super::check_on(raw, base, source_name, origin) {
        Ok(checklist) => Some(checklist),
        Err(error) => {
            diagnostics.extend(error.problems.into_iter().map(|problem| {
                Diagnostic::new(
                    problem.rule,
                    None,
                    Some(Span::at(problem.line, problem.column)),
                    problem.message,
                )
            }));
            None
        }
    };
    diagnostics.sort_by_key(|d| (d.span, d.rule));
    Lint {
        diagnostics,
        checklist,
    }
}

/// Items that name no framework they come from; context questions, which
/// describe the system, need none.
fn missing_references(raw: &RawChecklist, base: Option<&Checklist>) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for section in &raw.sections {
        let base_context = base
            .and_then(|b| b.section(&section.id.value))
            .is_some_and(|s| s.is_context);
        if section.context || base_context {
            continue;
        }
        for item in section.items.iter().filter(|i| i.references.is_empty()) {
            let id = item.id.value.as_str();
            problems.push(Diagnostic::new(
                Rule::MissingReference,
                Some(id),
                Span::of(&item.id.referenced),
                format!("`{id}` names no framework it comes from (`references:`)"),
            ));
        }
    }
    problems
}

/// Texts that lack one of the languages the checklist declares.
fn missing_translations(raw: &RawChecklist) -> Vec<Diagnostic> {
    let mut languages = vec!["en"];
    for language in &raw.languages {
        if crate::text::is_language_code(&language.value) && !languages.contains(&language.value.as_str()) {
            languages.push(&language.value);
        }
    }
    let mut problems = Vec::new();
    let mut check = |item: Option<&str>, what: &str, text: &Spanned<Text>| {
        for language in &languages {
            if !text.value.has(language) {
                problems.push(Diagnostic::new(
                    Rule::MissingTranslation,
                    item,
                    Span::of(&text.referenced),
                    format!("{what} has no `{language}` text"),
                ));
            }
        }
    };
    check(None, "the checklist title", &raw.title);
    if let Some(description) = &raw.description {
        check(None, "the checklist description", description);
    }
    for section in &raw.sections {
        let id = &section.id.value;
        if let Some(title) = &section.title {
            check(None, &format!("the title of section `{id}`"), title);
        }
        if let Some(description) = &section.description {
            check(None, &format!("the description of section `{id}`"), description);
        }
        for item in &section.items {
            let id = item.id.value.as_str();
            // An empty question is `empty-question`, in every language.
            if item.question.value.has("en") {
                check(Some(id), &format!("the question of `{id}`"), &item.question);
            }
            if let Some(summary) = &item.summary {
                check(Some(id), &format!("the summary of `{id}`"), summary);
            }
            if let Some(help) = &item.help {
                check(Some(id), &format!("the help of `{id}`"), help);
            }
            for option in item.options.iter().flatten() {
                let what = format!("the label of option `{}` of `{id}`", option.value.value);
                check(Some(id), &what, &option.label);
            }
            for example in &item.examples {
                check(Some(id), &format!("a case of `{id}`"), &example.text);
            }
            if let Some(scale) = &item.scale {
                for text in [&scale.low, &scale.high].into_iter().flatten() {
                    check(Some(id), &format!("the scale labels of `{id}`"), text);
                }
            }
        }
    }
    problems
}

/// Translations that record (`from:`) an English text other than today's:
/// English changed and the translation stayed behind. Texts without `from`
/// are not checked.
fn stale_translations(raw: &RawChecklist) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for named in super::texts::all(raw) {
        for stale in named.text.stale() {
            let message = format!(
                "{named}: the `{}` translation was made from an earlier English text (from: {}, now: {})",
                stale.language, stale.recorded, stale.current
            );
            problems.push(
                Diagnostic::new(Rule::StaleTranslation, named.item, Span::of(stale.at), message)
                    .with_fingerprint(stale.current),
            );
        }
    }
    problems
}

/// Links a report would make that a reader should not follow: anything but
/// http(s), mailto and relative paths (`javascript:`, `data:`, `file:`).
fn unsafe_links(raw: &RawChecklist) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for item in raw.sections.iter().flat_map(|s| &s.items) {
        let id = item.id.value.as_str();
        let urls = item.examples.iter().map(|e| ("a case", &e.url)).chain(
            item.references
                .iter()
                .filter_map(|r| Some(("a reference", r.url.as_ref()?))),
        );
        for (what, url) in urls {
            if crate::text::link_target(&url.value).is_none() {
                problems.push(Diagnostic::new(
                    Rule::UnsafeLink,
                    Some(id),
                    Span::of(&url.referenced),
                    format!(
                        "{what} of `{id}` links to `{}`; only http(s), mailto and relative links are allowed, \
                         and reports show this one as plain text",
                        escape_controls(&url.value)
                    ),
                ));
            }
        }
    }
    // A legal class's references are shown in the report as links too.
    for regime in &raw.legal {
        for class in &regime.classes {
            for url in class.references.iter().filter_map(|r| r.url.as_ref()) {
                if crate::text::link_target(&url.value).is_none() {
                    problems.push(Diagnostic::new(
                        Rule::UnsafeLink,
                        None,
                        Span::of(&url.referenced),
                        format!(
                            "a reference of class `{}/{}` links to `{}`; only http(s), mailto and relative links \
                             are allowed, and reports show this one as plain text",
                            regime.regime.value,
                            class.class.value,
                            escape_controls(&url.value)
                        ),
                    ));
                }
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lint_text(text: &str) -> Vec<(String, u64, u64)> {
        let raw = crate::yaml::from_str::<RawChecklist>(text, "c.yaml").unwrap();
        lint(raw, "c.yaml", Origin::Builtin)
            .diagnostics
            .into_iter()
            .map(|d| (d.rule.id().to_string(), d.line.unwrap(), d.column.unwrap()))
            .collect()
    }

    #[test]
    fn section_titles_are_reported_at_their_own_line() {
        let text = "id: c\nversion: 1.0.0\ntitle: {en: C, id: C}\nlanguages: [id]\nsections:\n  - id: s\n    title: Only English\n    items:\n      - id: s.a\n        question: {en: A?, id: A?}\n        type: text\n        references: [{framework: F}]\n";
        assert_eq!(lint_text(text), [("missing-translation".to_string(), 7, 12)]);
    }
}
