//! What the built-in checklist says, held to the promises of its content:
//! references a reader can look up, options in one order, the topics an
//! LLM product needs, and a changelog that tells existing assessments
//! exactly which answers to review. Its structure is tested in `builtin.rs`.

use std::collections::{BTreeSet, HashMap};

use super::{Checklist, Item, Origin, parse};
use crate::text::Lang;

const CURRENT: &str = include_str!("../../checklists/ai-ethics.yaml");
/// The released 1.0.0, kept so that the changelog of 1.1.0 can be checked.
const V1_0_0: &str = include_str!("../../tests/fixtures/ai-ethics-1.0.0.yaml");

fn load(source: &str) -> Checklist {
    parse(&in_todays_format(source), "ai-ethics.yaml", Origin::Builtin).expect("the checklist loads")
}

/// 1.0.0 and 1.1.0 were written when the format had a `risk:` block of
/// tiers and option `floor`s (replaced by `impact:` and `legal:`); what
/// these tests compare is the items, so those parts are left out.
fn in_todays_format(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut in_risk_block = false;
    for line in source.lines() {
        if line == "risk:" {
            in_risk_block = true;
            continue;
        }
        if in_risk_block && (line.starts_with(' ') || line.starts_with('#')) {
            continue;
        }
        in_risk_block = false;
        if line.trim_start().starts_with("floor: ") {
            continue;
        }
        out.push_str(&line.replace(", floor: high", "").replace(", floor: medium", ""));
        out.push('\n');
    }
    out
}

/// The official text of each framework the checklist cites with a stable
/// address; a reference to one of them must link there.
const OFFICIAL: &[(&str, &str)] = &[
    ("GDPR", "https://eur-lex.europa.eu/eli/reg/2016/679/oj"),
    ("EU AI Act", "https://eur-lex.europa.eu/eli/reg/2024/1689/oj"),
    ("NIST AI RMF", "https://doi.org/10.6028/NIST.AI.100-1"),
    ("NIST AI 600-1", "https://doi.org/10.6028/NIST.AI.600-1"),
    ("deon", "https://deon.drivendata.org/"),
    (
        "Canada AIA",
        "https://www.canada.ca/en/government/system/digital-government/digital-government-innovations/responsible-use-ai/algorithmic-impact-assessment.html",
    ),
    (
        "Canada Directive on ADM",
        "https://www.tbs-sct.canada.ca/pol/doc-eng.aspx?id=32592",
    ),
    (
        "ALTAI",
        "https://digital-strategy.ec.europa.eu/en/library/assessment-list-trustworthy-artificial-intelligence-altai-self-assessment",
    ),
    (
        "OECD AI Principles",
        "https://legalinstruments.oecd.org/en/instruments/OECD-LEGAL-0449",
    ),
    ("ISO/IEC 42001", "https://www.iso.org/standard/81230.html"),
    (
        "UU PDP 27/2022",
        "https://peraturan.bpk.go.id/Details/229798/uu-no-27-tahun-2022",
    ),
    (
        "WP29 DPIA Guidelines (WP248 rev.01)",
        "https://ec.europa.eu/newsroom/article29/items/611236",
    ),
    (
        "UU ITE as amended by UU 1/2024",
        "https://peraturan.bpk.go.id/Details/274494/uu-no-1-tahun-2024",
    ),
    (
        "PP 71/2019",
        "https://peraturan.bpk.go.id/Details/122030/pp-no-71-tahun-2019",
    ),
    (
        "OWASP Top 10 for LLM Applications 2025",
        "https://genai.owasp.org/llm-top-10/",
    ),
];

#[test]
fn every_reference_names_a_framework_and_a_clause_and_links_to_known_texts() {
    let checklist = load(CURRENT);
    let official: HashMap<&str, &str> = OFFICIAL.iter().copied().collect();
    for item in checklist.items() {
        for reference in &item.references {
            assert!(
                !reference.framework.trim().is_empty(),
                "{}: a reference without framework",
                item.id
            );
            let clause = reference.clause.as_deref().unwrap_or_default();
            assert!(
                !clause.trim().is_empty(),
                "{}: {} has no clause",
                item.id,
                reference.framework
            );
            // Field names of the AIA survey (impact30) mean nothing to a reader.
            assert!(
                !clause.chars().any(|c| c.is_ascii_uppercase()) || reference.framework != "Canada AIA",
                "{}: Canada AIA clause `{clause}` looks like a survey field name",
                item.id
            );
            if let Some(url) = official.get(&*reference.framework) {
                assert_eq!(
                    reference.url.as_deref(),
                    Some(*url),
                    "{}: {} {clause} should link to its official text",
                    item.id,
                    reference.framework
                );
            }
        }
    }
    // Most references are to frameworks with an official text to link.
    let linked = checklist
        .items()
        .flat_map(|i| &i.references)
        .filter(|r| r.url.is_some())
        .count();
    let all = checklist.items().flat_map(|i| &i.references).count();
    assert!(
        linked * 10 >= all * 9,
        "{linked} of {all} references link to a text"
    );
}

/// Clauses a review of 1.0.0 found wrong, and what replaced them.
#[test]
fn the_references_found_wrong_in_1_0_0_are_corrected() {
    let checklist = load(CURRENT);
    let cites = |id: &str, framework: &str, clause: &str| {
        checklist
            .item(id)
            .unwrap_or_else(|| panic!("{id}"))
            .references
            .iter()
            .any(|r| r.framework == framework && r.clause.as_deref() == Some(clause))
    };
    let pdp = "UU PDP 27/2022";
    assert!(cites("privacy.data-inventory", pdp, "Pasal 31"));
    assert!(!cites("privacy.data-inventory", pdp, "Pasal 4"));
    assert!(!cites("bias.protected-attributes", pdp, "Pasal 4"));
    assert!(cites("privacy.data-accuracy", pdp, "Pasal 29"));
    assert!(!cites("privacy.data-accuracy", pdp, "Pasal 6"));
    assert!(!cites("context.scale", "GDPR", "Art. 35(3)(b)"));
    assert!(!cites("context.monitors-people", "GDPR", "Art. 35(3)(c)"));
    assert!(!cites(
        "privacy.monitoring-proportionality",
        "GDPR",
        "Art. 35(3)(c)"
    ));
    assert!(!cites("context.lifecycle-stage", "ISO/IEC 42001", "A.6.2.5"));
    assert!(cites("jobs.alternatives", "NIST AI RMF", "MANAGE 2.1"));
    assert!(!cites("transparency.third-party-model", "EU AI Act", "Art. 13"));
    assert!(!cites(
        "transparency.change-communication",
        "EU AI Act",
        "Art. 73"
    ));
    assert!(
        checklist
            .item("context.techniques")
            .unwrap()
            .references
            .iter()
            .all(|r| r.framework != "Canada AIA")
    );
}

fn labels(item: &Item, lang: Lang) -> Vec<&str> {
    item.kind.choices().iter().map(|c| c.label.get(lang)).collect()
}

#[test]
fn no_two_options_of_an_item_share_a_label() {
    let checklist = load(CURRENT);
    for item in checklist.items() {
        for lang in [Lang::En, Lang::Id] {
            let labels = labels(item, lang);
            let unique: BTreeSet<&str> = labels.iter().copied().collect();
            assert_eq!(unique.len(), labels.len(), "{} ({lang:?}): {labels:?}", item.id);
        }
    }
}

/// One order everywhere: an item's acceptable answers come before its
/// adverse ones, and context answers run from the lowest risk to the highest.
#[test]
fn options_come_best_first() {
    let checklist = load(CURRENT);
    let mut graded = 0;
    for item in checklist.items() {
        let choices = item.kind.choices();
        if item.is_context {
            let risks: Vec<u32> = choices.iter().map(|c| c.risk).collect();
            assert!(
                risks.is_sorted(),
                "{}: risk points {risks:?} are not in rising order",
                item.id
            );
            continue;
        }
        if choices.iter().any(|c| c.adverse) {
            graded += 1;
            let first_adverse = choices.iter().position(|c| c.adverse).unwrap_or(choices.len());
            assert!(
                choices[first_adverse..].iter().all(|c| c.adverse),
                "{}: an acceptable answer follows an adverse one: {:?}",
                item.id,
                labels(item, Lang::En)
            );
            assert!(first_adverse > 0, "{}: no acceptable answer", item.id);
        }
    }
    assert!(graded >= 25, "{graded} items with graded options");
}

/// "Not sure" beside `unknown` ("Don't know yet") splits one answer in two
/// and, scored lower, rewards not knowing.
#[test]
fn no_option_duplicates_dont_know_yet() {
    let checklist = load(CURRENT);
    for item in checklist.items() {
        for choice in item.kind.choices() {
            let label = choice.label.get(Lang::En).to_lowercase();
            assert!(
                !["not sure", "unsure", "don't know"]
                    .iter()
                    .any(|w| label.starts_with(w)),
                "{}: option `{}` duplicates `unknown`",
                item.id,
                choice.value
            );
        }
    }
}

/// The topics a team shipping an LLM product in Indonesia must find asked.
#[test]
fn the_topics_added_in_1_1_0_are_present() {
    let checklist = load(CURRENT);
    for id in [
        "context.children",
        "context.genai-capabilities",
        "context.eu-reach",
        "safety.prompt-injection",
        "safety.output-handling",
        "safety.tool-permissions",
        "safety.harmful-content",
        "safety.crisis-response",
        "safety.red-teaming",
        "safety.incident-response",
        "safety.vendor-model-changes",
        "safety.misuse",
        "safety.children",
        "privacy.children-data",
        "transparency.genai-data-provenance",
        "transparency.eu-provider-status",
        "transparency.human-override",
        "transparency.human-handoff",
        "transparency.fria",
    ] {
        let item = checklist.item(id).unwrap_or_else(|| panic!("{id} is missing"));
        assert!(item.help.is_some(), "{id} has no help");
        assert!(
            item.is_context
                || item
                    .help
                    .as_ref()
                    .is_some_and(|h| h.get(Lang::En).contains("Good evidence")),
            "{id}: help does not say what good evidence is"
        );
    }
    let misuse = checklist.item("safety.misuse").unwrap();
    assert!(
        misuse
            .references
            .iter()
            .any(|r| r.framework == "deon" && r.clause.as_deref() == Some("E.4"))
    );
    // Conditional where they should be: LLM items only for generative systems,
    // the FRIA only where the EU AI Act reaches the system.
    for id in [
        "safety.prompt-injection",
        "safety.harmful-content",
        "safety.red-teaming",
    ] {
        let when = checklist.item(id).unwrap().when.as_ref().expect("a condition");
        assert!(when.items().contains(&"context.generative-ai"), "{id}");
    }
    let fria = checklist
        .item("transparency.fria")
        .unwrap()
        .when
        .as_ref()
        .expect("a condition");
    assert!(fria.items().contains(&"context.eu-reach"));
}

/// What an item means to an answer given before: what the fingerprint
/// sees (question, type, option values, severity) and what it cannot
/// (English option labels, which options are adverse).
fn meaning(item: &Item) -> (crate::fingerprint::Asked, Vec<(String, String, bool)>) {
    let mut options: Vec<(String, String, bool)> = item
        .kind
        .choices()
        .iter()
        .map(|c| (c.value.clone(), c.label.get(Lang::En).to_string(), c.adverse))
        .collect();
    options.sort();
    (item.asked().clone(), options)
}

fn listed(list: &[String]) -> BTreeSet<&str> {
    list.iter().map(String::as_str).collect()
}

fn ids(checklist: &Checklist) -> BTreeSet<&str> {
    checklist.items().map(|i| i.id.as_str()).collect()
}

/// The 1.1.0 release names exactly the items whose meaning changed since
/// 1.0.0, and exactly those added and removed: `etika validate` relies on
/// it to tell an assessment made against 1.0.0 what to review.
#[test]
fn the_changelog_of_1_1_0_matches_the_differences_from_1_0_0() {
    let old = load(V1_0_0);
    let new = load(CURRENT);
    assert_eq!(old.version, "1.0.0");
    let release = new
        .changelog
        .iter()
        .find(|r| r.version == "1.1.0")
        .expect("a 1.1.0 release");
    let (old_ids, new_ids) = (ids(&old), ids(&new));
    // Items added by later releases are theirs, not 1.1.0's.
    let later: BTreeSet<&str> = new
        .changelog
        .iter()
        .filter(|r| r.version != "1.1.0" && r.version != "1.0.0")
        .flat_map(|r| r.added.iter().map(String::as_str))
        .collect();
    let added: BTreeSet<&str> = new_ids
        .difference(&old_ids)
        .copied()
        .filter(|id| !later.contains(id))
        .collect();
    let removed: BTreeSet<&str> = old_ids.difference(&new_ids).copied().collect();
    let changed: BTreeSet<&str> = old_ids
        .intersection(&new_ids)
        .copied()
        .filter(|id| meaning(old.item(id).unwrap()) != meaning(new.item(id).unwrap()))
        .collect();
    assert_eq!(listed(&release.added), added, "added");
    assert_eq!(listed(&release.removed), removed, "removed");
    assert_eq!(listed(&release.changed), changed, "changed");
    // The new version keeps the history it was made from.
    assert!(new.changelog.iter().any(|r| r.version == "1.0.0"));
    // A minor release: most items keep their meaning.
    let unchanged = old_ids
        .intersection(&new_ids)
        .filter(|id| !changed.contains(*id))
        .count();
    assert!(unchanged >= 40, "{unchanged} items unchanged");
}

#[test]
fn the_1_0_0_fixture_is_the_released_file() {
    // Pinned: the fixture must stay what 1.0.0 was, or the test above proves nothing.
    assert_eq!(crate::fingerprint::short(V1_0_0), "59c52e79");
}
