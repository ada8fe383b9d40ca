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

/// An assessment of the test checklist that fills every list of the
/// context: a floor, an assumed answer, an open action with evidence,
/// references, findings, a case and a sign-off.
const FULL: &str = r#"etika: 1
checklist: {id: mini, version: "1.1.0"}
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
    let checklist = parse(
        include_str!("../../tests/fixtures/mini-checklist.yaml"),
        "mini.yaml",
        Origin::Builtin,
    )
    .unwrap();
    let assessment = Assessment::parse(FULL, "a.yaml").unwrap();
    let today = Date::parse("2026-12-15").unwrap();
    let evaluation = Evaluation::new(&checklist, &assessment, &Checks::new(today, "a.yaml".as_ref()));
    let context = build_context(&checklist, &assessment, &evaluation, Lang::En, today);
    let json = serde_json::to_value(&context).unwrap();
    let (mut found, mut lists) = (BTreeSet::new(), Lists::default());
    paths(&json, "", &mut found, &mut lists);
    // A sign-off's digests are keyed by watched path, not by field name.
    found.retain(|path| !path.starts_with("signoff[].digests."));
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
    for filter in ["md", "md_inline", "evidence", "url", "link"] {
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
