//! Checklists compiled into the binary, so `etika` works with nothing beside it.

use crate::error::Result;

use super::compiled::{self, Tree};
use super::prebuilt;
use super::{Checklist, Origin};

pub(crate) struct Builtin {
    pub(crate) id: &'static str,
    pub(crate) file_name: &'static str,
    /// The file as written: what lint, `checklist show --format yaml` and
    /// messages quoting the file read.
    pub(crate) source: &'static str,
    /// The same file as build.rs compiled it: what every run loads.
    compiled: &'static Tree,
    /// The checked checklist's generated code, when it is this file's.
    prebuilt: fn() -> Option<Checklist>,
}

pub(crate) const BUILTIN: &[Builtin] = &[Builtin {
    id: "ai-ethics",
    file_name: "checklists/ai-ethics.yaml",
    source: include_str!("../../checklists/ai-ethics.yaml"),
    compiled: &compiled::AI_ETHICS,
    prebuilt: prebuilt::ai_ethics,
}];

impl Builtin {
    /// The checklist, built by its generated code; from the compiled tree
    /// when that code is not this file's (see `prebuilt`).
    pub(crate) fn load(&self) -> Result<Checklist> {
        match (self.prebuilt)() {
            Some(checklist) => Ok(checklist),
            None => self.load_compiled(),
        }
    }

    /// The checklist, from the compiled tree, through the same serde types
    /// and checks as any file: about a millisecond, where parsing the YAML
    /// took several.
    pub(crate) fn load_compiled(&self) -> Result<Checklist> {
        match compiled::read(self.compiled) {
            Ok(raw) => super::check(raw, self.file_name, Origin::Builtin).map_err(crate::error::Error::from),
            // Cannot happen for a tree the tests read; the file says why in
            // the words every checklist's errors use.
            Err(_) => self.parse(),
        }
    }

    /// The checklist, parsed from its YAML text as any file is.
    pub(crate) fn parse(&self) -> Result<Checklist> {
        super::parse(self.source, self.file_name, Origin::Builtin)
    }
}

/// `text` as a `'static` string, when a built-in checklist's compiled tree
/// holds it (see `Tree::borrow`).
pub(crate) fn builtin_str(text: &str) -> Option<&'static str> {
    BUILTIN.iter().find_map(|builtin| builtin.compiled.borrow(text))
}

pub(crate) fn find(id: &str) -> Option<&'static Builtin> {
    BUILTIN.iter().find(|b| b.id == id)
}

pub(crate) fn ids() -> Vec<&'static str> {
    BUILTIN.iter().map(|b| b.id).collect()
}

/// The built-in checklist is the product's knowledge: these tests hold it to
/// the depth, languages and structure it promises.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklist::{ItemKind, lint};

    const GENERATIVE_AI: &str = "context.generative-ai";

    fn builtin() -> Checklist {
        BUILTIN[0]
            .load()
            .expect("the built-in checklist loads and passes its checks")
    }

    fn is_generative_ai_item(item: &crate::checklist::Item) -> bool {
        item.when
            .as_ref()
            .is_some_and(|when| when.items().contains(&GENERATIVE_AI))
    }

    #[test]
    fn it_speaks_english_and_indonesian_everywhere() {
        let checklist = builtin();
        assert_eq!(checklist.languages, ["en", "id"]);
        let raw = crate::checklist::parse_raw(BUILTIN[0].source, "ai-ethics.yaml").unwrap();
        let lint = lint::lint(raw, "ai-ethics.yaml", crate::checklist::Origin::Builtin);
        assert_eq!(lint.diagnostics, Vec::new());
    }

    /// What keeps the Indonesian texts of `source` from being known to be
    /// up to date: a translation without `from`, or one made from another
    /// English text than today's; and how many Indonesian texts there are.
    fn untracked_translations(source: &str) -> (usize, Vec<String>) {
        let raw = crate::checklist::parse_raw(source, "ai-ethics.yaml").unwrap();
        let mut translated = 0;
        let mut problems = Vec::new();
        for named in crate::checklist::texts::all(&raw) {
            if !named.text.has("id") {
                continue;
            }
            translated += 1;
            let now = named.text.fingerprint();
            match named.text.made_from("id") {
                Some(from) if from == now => {}
                Some(from) => problems.push(format!(
                    "{named}: the Indonesian was made from English {from}, which is now {now}: \
                     update it, then record `from: {{id: {now}}}`"
                )),
                None => problems.push(format!("{named}: no `from: {{id: {now}}}`")),
            }
        }
        (translated, problems)
    }

    /// Every Indonesian text records the English text it was translated
    /// from, and that is today's: an English edit without a translation
    /// update fails here, naming the text.
    #[test]
    fn every_indonesian_text_was_made_from_todays_english() {
        let (translated, problems) = untracked_translations(BUILTIN[0].source);
        assert!(translated >= 400, "{translated} Indonesian texts");
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn the_risk_models_texts_are_tracked_too() {
        let title = "en: \"Data protection officer required (Pasal 53)\"";
        assert!(BUILTIN[0].source.contains(title));
        let edited = BUILTIN[0]
            .source
            .replace(title, "en: \"A data protection officer is required (Pasal 53)\"");
        let (_, problems) = untracked_translations(&edited);
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert!(
            problems[0].starts_with("class `uu-pdp/dpo` title: the Indonesian was made from English"),
            "{problems:#?}"
        );
    }

    #[test]
    fn an_english_edit_without_its_translation_is_caught() {
        let question = "en: \"In which areas is the system used?\"";
        assert!(BUILTIN[0].source.contains(question));
        let edited = BUILTIN[0]
            .source
            .replace(question, "en: \"In which areas is the system used today?\"");
        let (_, problems) = untracked_translations(&edited);
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert!(
            problems[0]
                .starts_with("`context.domain` question: the Indonesian was made from English 44d40f98"),
            "{problems:#?}"
        );
    }

    /// The compiled tree is the file: read through the same types, every
    /// value equals a parse of the YAML text (positions aside: the tree
    /// has none), and so does the checked checklist.
    #[test]
    fn the_compiled_checklist_is_the_file() {
        for builtin in BUILTIN {
            let compiled: crate::checklist::raw::RawChecklist =
                compiled::read(builtin.compiled).expect("the compiled tree reads");
            let parsed = crate::checklist::parse_raw(builtin.source, builtin.file_name).unwrap();
            let json = |raw| serde_json::to_string_pretty(raw).unwrap();
            assert_eq!(json(&compiled), json(&parsed), "{}", builtin.id);

            let compiled = super::super::check(compiled, builtin.file_name, Origin::Builtin).unwrap();
            let parsed = builtin.parse().unwrap();
            assert_eq!(comparable(&compiled), comparable(&parsed), "{}", builtin.id);
            assert_eq!(comparable(&builtin.load().unwrap()), comparable(&parsed));
            assert!(comparable(&parsed).contains("At what stage of its life cycle is the system?"));
        }
    }

    /// `text` with every position written as `_`: a `Location { .. }`, and
    /// an item's `line` and `column`.
    fn without_positions(text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(at) = rest.find("Location {") {
            out.push_str(&rest[..at]);
            out.push_str("Location _");
            let mut depth = 0;
            let mut end = at;
            for (i, ch) in rest[at..].char_indices() {
                match ch {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            end = at + i + 1;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            rest = &rest[end..];
        }
        out.push_str(rest);
        let mut scrubbed = String::new();
        for (i, part) in out.split(" line: ").enumerate() {
            if i > 0 {
                scrubbed.push_str(" line: _");
                scrubbed.push_str(part.trim_start_matches(|c: char| c.is_ascii_digit()));
            } else {
                scrubbed.push_str(part);
            }
        }
        let mut out = String::new();
        for (i, part) in scrubbed.split(" column: ").enumerate() {
            if i > 0 {
                out.push_str(" column: _");
                out.push_str(part.trim_start_matches(|c: char| c.is_ascii_digit()));
            } else {
                out.push_str(part);
            }
        }
        out
    }

    /// Everything a checklist holds, in a form that compares (the index is
    /// a `HashMap`, whose `Debug` order differs between two maps). The
    /// pattern names every field, so a new one must be added here.
    fn comparable(checklist: &Checklist) -> String {
        let Checklist {
            id,
            version,
            title,
            description,
            languages,
            changelog,
            sections,
            impact,
            legal,
            residual,
            review_every,
            origin,
            bases,
            index,
        } = checklist;
        let mut index: Vec<_> = index.iter().collect();
        index.sort();
        without_positions(&format!(
            "{:?}",
            (
                id,
                version,
                title,
                description,
                languages,
                changelog,
                sections,
                (impact, legal, residual),
                review_every,
                origin,
                bases,
                index
            )
        ))
    }

    #[test]
    fn context_comes_first_with_at_least_twelve_questions() {
        let checklist = builtin();
        let context = &checklist.sections[0];
        assert!(context.is_context);
        assert!(
            context.items.len() >= 12,
            "{} context questions",
            context.items.len()
        );
        let generative = checklist
            .item(GENERATIVE_AI)
            .expect("a generative-AI context question");
        assert!(matches!(generative.kind, ItemKind::YesNo));
    }

    #[test]
    fn every_area_has_twelve_items_plus_generative_ai_items() {
        let checklist = builtin();
        for area in ["bias", "transparency", "privacy", "jobs"] {
            let section = checklist
                .section(area)
                .unwrap_or_else(|| panic!("section {area}"));
            let generative = section.items.iter().filter(|i| is_generative_ai_item(i)).count();
            let general = section.items.len() - generative;
            assert!(general >= 12, "{area}: {general} items besides generative AI");
            assert!(generative >= 2, "{area}: {generative} generative-AI items");
        }
    }

    #[test]
    fn every_item_has_help_references_and_a_declared_adverse_answer() {
        let checklist = builtin();
        for section in checklist.sections.iter().filter(|s| !s.is_context) {
            for item in &section.items {
                assert!(item.help.is_some(), "{} has no help", item.id);
                assert!(!item.references.is_empty(), "{} has no references", item.id);
                for reference in &item.references {
                    assert!(
                        reference.clause.is_some(),
                        "{}: {} has no clause",
                        item.id,
                        reference.framework
                    );
                }
                let can_be_adverse = match &item.kind {
                    ItemKind::YesNo => true,
                    ItemKind::Single(choices) | ItemKind::Multi(choices) => choices.iter().any(|c| c.adverse),
                    ItemKind::Scale { adverse_at_most, .. } => adverse_at_most.is_some(),
                    ItemKind::Text => false,
                };
                assert!(can_be_adverse, "{} has no adverse answer", item.id);
            }
        }
    }

    #[test]
    fn cases_of_real_harm_link_to_public_pages() {
        let checklist = builtin();
        let with_cases: Vec<_> = checklist.items().filter(|i| !i.examples.is_empty()).collect();
        assert!(with_cases.len() >= 8, "{} items with cases", with_cases.len());
        for item in with_cases {
            for example in &item.examples {
                assert!(
                    example.url.starts_with("https://") || example.url.starts_with("http://"),
                    "{}: {}",
                    item.id,
                    example.url
                );
            }
        }
    }

    #[test]
    fn the_changelog_describes_the_current_version() {
        let checklist = builtin();
        assert!(crate::checklist::parse_version(&checklist.version).is_some());
        assert_eq!(
            checklist.changelog.first().map(|r| r.version.as_str()),
            Some(checklist.version.as_str())
        );
    }

    #[test]
    fn every_builtin_checklist_loads_and_has_its_id() {
        for builtin in BUILTIN {
            let checklist = builtin.load().unwrap_or_else(|e| panic!("{e:#}"));
            assert_eq!(checklist.id, builtin.id);
        }
    }

    /// The raw types are the format: what they write reads back the same.
    #[test]
    fn the_file_format_round_trips_through_the_raw_types() {
        let sources = [
            (BUILTIN[0].source, "ai-ethics.yaml"),
            (
                include_str!("../../tests/fixtures/mini-checklist.yaml"),
                "mini.yaml",
            ),
        ];
        for (source, name) in sources {
            let first = crate::yaml::to_string(&crate::checklist::parse_raw(source, name).unwrap()).unwrap();
            let second = crate::yaml::to_string(&crate::checklist::parse_raw(&first, name).unwrap()).unwrap();
            assert_eq!(first, second, "{name}");
            let original = crate::checklist::parse(source, name, crate::checklist::Origin::Builtin).unwrap();
            let again = crate::checklist::parse(&first, name, crate::checklist::Origin::Builtin).unwrap();
            let ids = |c: &Checklist| c.items().map(|i| i.id.clone()).collect::<Vec<_>>();
            assert_eq!(ids(&original), ids(&again), "{name}");
            assert_eq!(original.impact, again.impact, "{name}");
            assert_eq!(original.legal, again.legal, "{name}");
            assert_eq!(original.residual, again.residual, "{name}");
            // And JSON, which is YAML too.
            let json = serde_json::to_string(&crate::checklist::parse_raw(source, name).unwrap()).unwrap();
            let from_json =
                crate::yaml::to_string(&crate::checklist::parse_raw(&json, name).unwrap()).unwrap();
            assert_eq!(first, from_json, "{name}");
        }
    }
}
