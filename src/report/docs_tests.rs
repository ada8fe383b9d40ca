//! docs/templates.md documents every variable of the template context, and
//! nothing that is not in it: a field added to the context without a line in
//! the document fails here.

use std::collections::BTreeSet;

use super::build_context;
use crate::assessment::Assessment;
use crate::checklist::{Origin, parse};
use crate::date::Date;
use crate::evaluate::{Checks, Evaluation};
use crate::text::Lang;

const DOC: &str = include_str!("../../docs/templates.md");

/// A checklist that declares every part the context shows: impact levels
/// with titles and obligations, a floor, a legal regime whose classes have
/// references, explanations and obligations, a residual table, items with
/// linked references, a condition that rules an item out, and a case.
const CHECKLIST: &str = r#"id: docs
version: "1.0.0"
title: Docs checklist
impact:
  levels:
    - {level: I, up_to: 25, title: Low}
    - {level: II, up_to: 50, title: Moderate}
    - level: III
      up_to: 75
      title: High
      obligations: {signoff: true, blocking: critical}
    - level: IV
      up_to: 100
      title: Very high
      obligations: {signoff: true, signoff_roles: [Ethics lead], blocking: high, items: [data.card, data.opt-out]}
  floors:
    - level: III
      when: {item: context.people, equals: decides}
      because: It decides about people
legal:
  - regime: demo-law
    title: Demo law
    classes:
      - class: banned
        title: Banned practice
        when: {item: context.people, equals: scores-social}
        exclusive: true
        blocks: true
      - class: health
        title: Health data duties
        when: {item: context.data, includes: health}
        explain: Health data needs consent and a named data protection officer.
        references:
          - {framework: Demo law, clause: Art. 3, url: "https://example.org/demo-law"}
        obligations: {signoff: true, signoff_roles: [DPO], blocking: critical, items: [data.consent]}
      - class: ordinary
        title: Ordinary duties
residual:
  ready_from: 80
  partly_from: 50
  ratings:
    - {level: I, ready: low, partly: low, not_ready: medium}
    - {level: II, ready: low, partly: medium, not_ready: high}
    - {level: III, ready: medium, partly: high, not_ready: critical}
    - {level: IV, ready: high, partly: critical, not_ready: critical}
sections:
  - id: context
    title: Context
    context: true
    items:
      - id: context.people
        question: Does the system make decisions about people?
        type: single
        options:
          - {value: "no", label: "No", risk: 0}
          - {value: decides, label: It decides, risk: 4}
          - {value: scores-social, label: It scores social behaviour, risk: 4}
      - id: context.data
        question: What personal data does it use?
        type: multi
        options:
          - {value: none, label: None, risk: 0}
          - {value: health, label: Health, risk: 3}
  - id: data
    title: Data
    items:
      - id: data.card
        question: Is there a data card?
        type: yes-no
        severity: high
        references:
          - {framework: Demo law, clause: Art. 4, url: "https://example.org/demo-law"}
      - id: data.consent
        question: Is there consent for health data?
        type: yes-no
        severity: critical
        when: {item: context.data, includes: health}
      - id: data.fairness
        question: Were outcomes compared across groups?
        type: yes-no
        severity: medium
        examples:
          - {text: A hiring tool that penalised women, url: "https://example.org/case"}
      - id: data.opt-out
        question: Can people opt out of the system?
        type: yes-no
        severity: low
        when: {item: context.people, equals: "no"}
"#;

/// An assessment of that checklist that fills every list of the context:
/// a floor and a class applying on an answer (one of them assumed, as an
/// answer it tests is `unknown`), a blocking gap with an open action,
/// evidence and references, an `unknown`, an unanswered item with a case,
/// an item ruled out, findings and a sign-off.
const FULL: &str = r#"etika: 1
checklist: {id: docs, version: "1.0.0"}
system: {name: Loan model, owner: Credit team, description: Scores loans.}
answers:
  context.people: {value: decides, by: lead, at: "2026-11-01"}
  context.data: {value: unknown, rationale: Not yet known., by: lead, at: "2026-11-01"}
  data.card:
    value: "no"
    rationale: Not written yet.
    evidence: [https://wiki.example/card]
    action: {text: Write the data card, owner: ml-team, due: "2026-12-01"}
    by: lead
    at: "2026-11-02"
  data.consent:
    value: unknown
    rationale: Legal is checking.
    action: {text: Ask legal, owner: dpo, due: "2027-01-10"}
    by: dewi
    at: "2026-11-02"
signoff:
- {name: Dewi, role: Responsible AI lead, date: "2026-11-03"}
"#;

#[derive(Default)]
struct Lists {
    all: BTreeSet<String>,
    filled: BTreeSet<String>,
}

/// Every key path of `value`: `a.b` for a field, `a[]` for the elements of a list.
/// `lists` gets every list's path, `filled` those of lists with an element somewhere.
fn paths(value: &serde_json::Value, prefix: &str, out: &mut BTreeSet<String>, lists: &mut Lists) {
    match value {
        serde_json::Value::Object(fields) => {
            for (key, field) in fields {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                out.insert(path.clone());
                paths(field, &path, out, lists);
            }
        }
        serde_json::Value::Array(elements) => {
            lists.all.insert(prefix.to_string());
            if !elements.is_empty() {
                lists.filled.insert(prefix.to_string());
            }
            let path = format!("{prefix}[]");
            for element in elements {
                paths(element, &path, out, lists);
            }
        }
        _ => {}
    }
}

/// The paths the document's variable tables name: the first code span of
/// each table row under "## Variables".
fn documented() -> BTreeSet<String> {
    let variables = DOC
        .split("\n## ")
        .find(|part| part.starts_with("Variables"))
        .expect("docs/templates.md has a `## Variables` section");
    variables
        .lines()
        .filter_map(|line| line.strip_prefix("| `"))
        .filter_map(|rest| rest.split('`').next())
        .map(String::from)
        .collect()
}

#[test]
fn every_variable_of_the_context_is_documented_and_every_documented_one_exists() {
    let checklist = parse(CHECKLIST, "docs.yaml", Origin::Builtin).unwrap();
    let assessment = Assessment::parse(FULL, "a.yaml").unwrap();
    let today = Date::parse("2026-12-15").unwrap();
    let evaluation = Evaluation::new(&checklist, &assessment, &Checks::new(today, "a.yaml".as_ref()));
    let mut context = build_context(&checklist, &assessment, &evaluation, Lang::En, today);
    context.link_evidence_from("");
    let json = serde_json::to_value(&context).unwrap();
    let (mut found, mut lists) = (BTreeSet::new(), Lists::default());
    paths(&json, "", &mut found, &mut lists);
    let empty: Vec<_> = lists.all.difference(&lists.filled).collect();
    assert!(
        empty.is_empty(),
        "lists the fixture leaves empty, whose fields would go unchecked: fill them in FULL: {empty:?}"
    );
    let documented = documented();
    let missing: Vec<_> = found.difference(&documented).collect();
    assert!(
        missing.is_empty(),
        "variables of the template context missing from docs/templates.md (a row `| `PATH` | type | meaning |` \
         under ## Variables): {missing:#?}"
    );
    let stale: Vec<_> = documented.difference(&found).collect();
    assert!(
        stale.is_empty(),
        "docs/templates.md documents variables the context does not have: {stale:#?}"
    );
}

#[test]
fn every_filter_and_block_is_documented() {
    for filter in [
        "md",
        "md_inline",
        "evidence",
        "chart_label",
        "mark",
        "percent",
        "url",
        "link",
    ] {
        assert!(DOC.contains(&format!("| `{filter}")), "filter {filter}");
    }
    let template = include_str!("../../templates/report.md.j2");
    let blocks: Vec<&str> = template
        .split("{% block ")
        .skip(1)
        .filter_map(|rest| rest.split_whitespace().next())
        .collect();
    assert!(blocks.len() > 10, "{blocks:?}");
    for block in blocks {
        assert!(
            DOC.contains(&format!("| `{block}` |")),
            "block {block} is not in docs/templates.md"
        );
    }
}
