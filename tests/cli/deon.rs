//! deon's checklist format: a deon file loads unchanged (init → answer →
//! validate → report), its companion file of cases gives the items'
//! examples, and `checklist show --format deon` writes deon's shape.

use serde::Deserialize;

use crate::common::{Env, stderr, stdout};

const CHECKLIST: &str = include_str!("../fixtures/deon/checklist.yml");
const CASES: &str = include_str!("../fixtures/deon/examples_of_ethical_issues.yml");

/// The item ids the fixture's `line_id`s become.
const IDS: [&str; 12] = [
    "a.1", "a.2", "a.3", "b.1", "b.2", "c.1", "c.2", "d.1", "d.2", "d.3", "e.1", "e.2",
];

fn run(env: &Env, args: &[&str]) -> (Option<i32>, String, String) {
    let output = env.etika().args(args).output().unwrap();
    let err = stderr(&output);
    assert!(!err.contains("panicked"), "{err}");
    (output.status.code(), stdout(&output), err)
}

/// A folder with the deon fixture and, when `cases`, its companion file.
fn deon_env(cases: bool) -> Env {
    let env = Env::new();
    env.write("checklist.yml", CHECKLIST);
    if cases {
        env.write("examples_of_ethical_issues.yml", CASES);
    }
    env
}

/// deon's checklist file as deon's parser reads it (`deon/parser.py`):
/// `title`, then `sections[].title/section_id/lines[]`, each line with
/// `line_id`, `line_summary` and `line`, all required. Unknown keys are
/// refused here so that an export carries nothing deon does not know.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Deon {
    title: String,
    sections: Vec<DeonSection>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DeonSection {
    title: String,
    section_id: String,
    lines: Vec<DeonLine>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DeonLine {
    line_id: String,
    line_summary: String,
    line: String,
}

/// `(id, question)` of every item of `checklist`, in order, as `checklist
/// show --format json` gives them.
fn questions(env: &Env, checklist: &str) -> Vec<(String, String)> {
    let (code, out, err) = run(env, &["checklist", "show", checklist, "--format", "json"]);
    assert_eq!(code, Some(0), "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    json["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["items"].as_array().unwrap())
        .map(|i| {
            let question = match &i["question"] {
                serde_json::Value::String(text) => text.clone(),
                text => text["en"].as_str().unwrap().to_string(),
            };
            (i["id"].as_str().unwrap().to_string(), question)
        })
        .collect()
}

/// The 1-based line of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn a_deon_checklist_goes_from_init_to_a_report() {
    let env = deon_env(true);
    let (code, out, err) = run(
        &env,
        &[
            "init",
            "-o",
            "a.yaml",
            "--checklist",
            "checklist.yml",
            "--system",
            "Churn model",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.starts_with(
            "Created a.yaml for checklist model-project-review-checklist 0.0.0 (12 questions).\n"
        ),
        "{out}"
    );
    assert!(
        env.read("a.yaml").contains(
            "checklist: {id: model-project-review-checklist, version: \"0.0.0\", path: checklist.yml}"
        ),
        "{}",
        env.read("a.yaml")
    );
    // Items are yes/no questions with ids from `line_id`.
    let ids: Vec<String> = questions(&env, "checklist.yml")
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    assert_eq!(ids, IDS);
    let (code, _, err) = run(&env, &["answer", "a.yaml", "a.1", "maybe"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("yes, partial, no"), "{err}");

    for id in IDS.iter().filter(|id| **id != "d.2") {
        env.answer(&[id, "yes"]);
    }
    let (code, out, _) = run(&env, &["validate", "a.yaml", "--today", "2026-11-29"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("error[missing-answer]: `d.2` is not answered"),
        "{out}"
    );
    env.answer(&[
        "d.2",
        "no",
        "--rationale",
        "Not compared yet",
        "--action",
        "Compare error rates by region",
        "--owner",
        "ml-team",
        "--due",
        "2027-01-31",
    ]);
    let (code, out, err) = run(&env, &["validate", "a.yaml", "--today", "2026-11-29"]);
    assert_eq!(code, Some(0), "{out}{err}");

    let (code, report, err) = run(&env, &["report", "a.yaml", "--today", "2026-11-29"]);
    assert_eq!(code, Some(0), "{err}");
    for text in [
        "Model Project Review Checklist (`model-project-review-checklist` 0.0.0)",
        "Have we compared the model's errors across the groups it affects?",
        "Compare error rates by region",
        // The companion file's cases, for the adverse answer.
        "- `d.2`: [An automated grading system lowered marks most for pupils at schools with small classes in poorer areas.](https://example.org/cases/exam-grades)",
        "- `d.2`: [A speech recogniser made far more errors for some accents than others.](https://example.org/cases/speech-accents)",
    ] {
        assert!(report.contains(text), "{text} in\n{report}");
    }
}

#[test]
fn the_items_keep_deon_summaries_references_and_cases() {
    let env = deon_env(true);
    let (code, out, err) = run(&env, &["checklist", "show", "checklist.yml", "--format", "yaml"]);
    assert_eq!(code, Some(0), "{err}");
    // The etika form of the deon file: a starting point for moving over.
    for text in [
        "id: model-project-review-checklist\nversion: \"0.0.0\"\ntitle: Model Project Review Checklist\n",
        "- id: a\n  title: Gathering Data\n  items:\n  - id: a.1\n    summary: Permission\n",
        "    type: yes-no\n    severity: medium\n    references:\n    - framework: Model Project Review Checklist\n      clause: A.1\n    examples:\n    - text: >-\n        A fitness app shared",
    ] {
        assert!(out.contains(text), "{text} in\n{out}");
    }
    // It lints clean, and its etika form reads back to the same questions.
    let (code, out, _) = run(&env, &["checklist", "lint", "checklist.yml"]);
    assert_eq!(code, Some(0), "{out}");
    assert_eq!(
        out,
        "checklist.yml: ok: checklist model-project-review-checklist 0.0.0, 5 sections, 12 items, languages: en\n"
    );
    let (_, yaml, _) = run(&env, &["checklist", "show", "checklist.yml", "--format", "yaml"]);
    env.write("etika-form.yaml", &yaml);
    assert_eq!(
        questions(&env, "etika-form.yaml"),
        questions(&env, "checklist.yml")
    );
}

#[test]
fn the_companion_file_is_optional_and_checked() {
    let env = deon_env(false);
    let (code, _, err) = run(&env, &["init", "--checklist", "checklist.yml", "--system", "S"]);
    assert_eq!(code, Some(0), "{err}");
    let (_, out, _) = run(&env, &["checklist", "show", "checklist.yml", "--format", "json"]);
    assert!(!out.contains("examples"), "{out}");

    // A case for a line the checklist does not have: an error in that file, at the id.
    let env = deon_env(false);
    env.write(
        "examples_of_ethical_issues.yml",
        &CASES.replace("- line_id: D.2", "- line_id: D.9"),
    );
    let (code, _, err) = run(&env, &["init", "--checklist", "checklist.yml", "--system", "S"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains(
            "examples_of_ethical_issues.yml:5:12: cases for `line_id: D.9`, which the checklist beside it does not have"
        ),
        "{err}"
    );
    let (code, out, _) = run(&env, &["checklist", "lint", "checklist.yml"]);
    assert_eq!(code, Some(1));
    assert!(
        out.contains(
            "examples_of_ethical_issues.yml:5:12: error[invalid-checklist]: cases for `line_id: D.9`"
        ),
        "{out}"
    );
}

#[test]
fn errors_in_a_deon_file_name_file_line_and_column() {
    let env = Env::new();
    let broken = CHECKLIST
        .replace("line_summary: Sampling gaps", "line_sumary: Sampling gaps")
        .replace(
            "line_summary: Stand-in features",
            "line_summry: Stand-in features",
        );
    env.write("checklist.yml", &broken);
    let (code, _, err) = run(&env, &["init", "--checklist", "checklist.yml", "--system", "S"]);
    assert_eq!(code, Some(2));
    let first = line_of(&broken, "line_sumary");
    let second = line_of(&broken, "line_summry");
    assert!(
        err.starts_with(&format!(
            "error: checklist.yml:{first}:11: unknown field `line_sumary`"
        )),
        "{err}"
    );
    // Lint names both, and reads them as the key they are a typo of.
    let (code, out, _) = run(&env, &["checklist", "lint", "checklist.yml"]);
    assert_eq!(code, Some(1), "{out}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(
        lines[0].starts_with(&format!(
            "checklist.yml:{first}:11: error[unknown-key]: unknown key `line_sumary`; did you mean `line_summary`?"
        )),
        "{out}"
    );
    assert!(
        lines[1].starts_with(&format!(
            "checklist.yml:{second}:11: error[unknown-key]: unknown key `line_summry`"
        )),
        "{out}"
    );

    // Two lines with one id: the second, at its `line_id`.
    let twice = CHECKLIST.replace("line_id: A.3", "line_id: A.2");
    env.write("twice.yml", &twice);
    let (code, out, _) = run(&env, &["checklist", "lint", "twice.yml"]);
    assert_eq!(code, Some(1));
    let line = line_of(CHECKLIST, "line_id: A.3");
    assert!(
        out.starts_with(&format!(
            "twice.yml:{line}:20: error[duplicate-id]: item id `a.2` is used twice\n"
        )),
        "{out}"
    );
}

#[test]
fn the_deon_export_is_deon_shaped_and_loads_back_to_the_same_questions() {
    let env = Env::new();
    let (code, yaml, err) = run(
        &env,
        &[
            "checklist",
            "show",
            "ai-ethics",
            "--format",
            "deon",
            "--lang",
            "en",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    let deon: Deon = serde_saphyr::from_str(&yaml).unwrap_or_else(|e| panic!("{e}\n{yaml}"));
    assert_eq!(deon.title, "AI ethics assessment");
    let (_, json, _) = run(&env, &["checklist", "show", "ai-ethics", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let section_ids: Vec<&str> = json["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    let exported: Vec<&str> = deon.sections.iter().map(|s| s.section_id.as_str()).collect();
    assert_eq!(exported, section_ids);
    assert!(deon.sections.iter().all(|s| !s.title.is_empty()));
    let lines: Vec<&DeonLine> = deon.sections.iter().flat_map(|s| &s.lines).collect();
    assert!(lines.iter().all(|l| !l.line_summary.is_empty()));

    env.write("exported.yml", &yaml);
    let original = questions(&env, "ai-ethics");
    let again = questions(&env, "exported.yml");
    assert_eq!(
        again.iter().map(|(id, _)| id).collect::<Vec<_>>(),
        original.iter().map(|(id, _)| id).collect::<Vec<_>>()
    );
    for ((id, question), (_, back)) in original.iter().zip(&again) {
        // Choices are named after the question: deon knows only questions.
        assert!(back.starts_with(question.trim()), "{id}: {back}");
    }
    let line = lines
        .iter()
        .find(|l| l.line_id == "bias.affected-groups")
        .unwrap();
    assert_eq!(line.line_summary, "Affected groups");
    assert_eq!(
        line.line,
        original
            .iter()
            .find(|(id, _)| id == "bias.affected-groups")
            .unwrap()
            .1
    );
    let choice = lines
        .iter()
        .find(|l| l.line_id == "context.lifecycle-stage")
        .unwrap();
    assert!(choice.line.contains("(one of: "), "{}", choice.line);

    // In Indonesian too.
    let (_, yaml, _) = run(
        &env,
        &[
            "checklist",
            "show",
            "ai-ethics",
            "--format",
            "deon",
            "--lang",
            "id",
        ],
    );
    let deon: Deon = serde_saphyr::from_str(&yaml).unwrap();
    assert_eq!(deon.title, "Penilaian etika AI");

    // A deon file exports to itself, its ids now etika's.
    let env = deon_env(true);
    let (_, yaml, _) = run(&env, &["checklist", "show", "checklist.yml", "--format", "deon"]);
    let deon: Deon = serde_saphyr::from_str(&yaml).unwrap();
    assert_eq!(deon.sections[0].section_id, "a");
    assert_eq!(deon.sections[0].lines[0].line_id, "a.1");
    assert_eq!(deon.sections[0].lines[0].line_summary, "Permission");
    env.write("again.yml", &yaml);
    assert_eq!(questions(&env, "again.yml"), questions(&env, "checklist.yml"));
}
