//! `etika checklist list / show / lint`.

use crate::common::{Env, MINI, stderr, stdout};

const BUILTIN_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/checklists/ai-ethics.yaml");

const MINI_IDS: [&str; 8] = [
    "context.people",
    "context.data",
    "data.card",
    "data.fairness",
    "data.health-consent",
    "people.explanation",
    "people.channel",
    "people.notes",
];

fn run(env: &Env, args: &[&str]) -> (Option<i32>, String, String) {
    let output = env.etika().args(args).output().unwrap();
    let err = stderr(&output);
    assert!(!err.contains("panicked"), "{err}");
    (output.status.code(), stdout(&output), err)
}

/// `checklist show ARGS...`, which must succeed; its stdout.
fn show(env: &Env, args: &[&str]) -> String {
    let mut full = vec!["checklist", "show"];
    full.extend_from_slice(args);
    let (code, out, err) = run(env, &full);
    assert_eq!(code, Some(0), "{err}");
    out
}

/// Item ids of a checklist exported as JSON, in order.
fn json_item_ids(json: &serde_json::Value) -> Vec<String> {
    json["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .flat_map(|s| s["items"].as_array().expect("items").iter())
        .map(|i| i["id"].as_str().expect("an id").to_string())
        .collect()
}

/// Item ids of a checklist in YAML, in order (`- id: X` under `items:`,
/// whatever the key order of the export).
fn yaml_item_ids(yaml: &str) -> Vec<String> {
    yaml.lines()
        .filter_map(|l| l.trim_start().trim_start_matches("- ").strip_prefix("id: "))
        .map(|id| id.trim().trim_matches('"').to_string())
        .filter(|id| {
            id.split_once('.').is_some_and(|(section, slug)| {
                [section, slug]
                    .iter()
                    .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
            })
        })
        .collect()
}

#[test]
fn list_shows_the_builtin_checklist_and_its_version() {
    let env = Env::new();
    let (code, out, _) = run(&env, &["checklist", "list"]);
    assert_eq!(code, Some(0));
    let source = std::fs::read_to_string(BUILTIN_FILE).unwrap();
    let version = source
        .lines()
        .find_map(|l| l.strip_prefix("version:"))
        .unwrap()
        .trim()
        .trim_matches('"');
    let line = out
        .lines()
        .find(|l| l.starts_with("ai-ethics"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(line.contains(version), "{line}");
    assert!(line.contains("AI ethics assessment"), "{line}");
    // The ids `assess --section` takes, on the line below.
    assert!(
        out.contains(&format!(
            "{line}\n\tsections: context, bias, transparency, privacy, jobs, safety\n"
        )),
        "{out}"
    );
}

#[test]
fn show_builtin_as_markdown_has_every_section_and_item() {
    let env = Env::new();
    let markdown = show(&env, &["ai-ethics", "--lang", "en"]);
    assert!(markdown.starts_with("# AI ethics assessment\n"), "{markdown}");
    let headings: Vec<&str> = markdown.lines().filter(|l| l.starts_with("## ")).collect();
    for area in [
        "## Context",
        "## Bias",
        "## Explainability",
        "## Privacy",
        "## Job impact",
        "## Safety",
    ] {
        assert!(
            headings.iter().any(|h| h.starts_with(area)),
            "{area} in {headings:?}"
        );
    }
    // Context, the four areas, and safety (added in 1.1.0).
    assert_eq!(headings.len(), 6, "{headings:?}");

    let json: serde_json::Value =
        serde_json::from_str(&show(&env, &["ai-ethics", "--format", "json"])).unwrap();
    let ids = json_item_ids(&json);
    assert!(ids.len() > 50, "{ids:?}");
    for id in &ids {
        assert!(
            markdown.contains(&format!("- [ ] **{id}** ")),
            "{id} in the Markdown"
        );
    }
}

#[test]
fn show_a_file_in_indonesian() {
    let env = Env::new();
    env.write("mini.yaml", MINI);
    let markdown = show(&env, &["mini.yaml", "--lang", "id"]);
    assert!(markdown.starts_with("# Daftar periksa mini\n"), "{markdown}");
    for text in [
        "## Konteks",
        "## Orang",
        "Apakah sistem membuat keputusan tentang orang?",
        "`recommends` Memberi rekomendasi",
        "Bagaimana orang dapat menggugat keputusan?",
    ] {
        assert!(markdown.contains(text), "{text} in {markdown}");
    }
    assert!(!markdown.contains("Does the system make decisions"), "{markdown}");
    assert!(!markdown.contains("## People"), "{markdown}");
}

#[test]
fn show_markdown_snapshots() {
    let env = Env::new();
    env.write("mini.yaml", MINI);
    insta::assert_snapshot!("show_mini_en", show(&env, &["mini.yaml", "--lang", "en"]));
    insta::assert_snapshot!("show_mini_id", show(&env, &["mini.yaml", "--lang", "id"]));
}

#[test]
fn the_language_comes_from_the_environment_without_lang() {
    let env = Env::new();
    env.write("mini.yaml", MINI);
    let (code, out, _) = {
        let output = env
            .etika()
            .args(["checklist", "show", "mini.yaml"])
            .env("ETIKA_LANG", "id")
            .output()
            .unwrap();
        (output.status.code(), stdout(&output), stderr(&output))
    };
    assert_eq!(code, Some(0));
    assert!(out.starts_with("# Daftar periksa mini\n"), "{out}");
    // With LANG=C and nothing else, English.
    assert!(show(&env, &["mini.yaml"]).starts_with("# Mini checklist\n"));
}

#[test]
fn yaml_export_is_a_valid_checklist_with_the_same_items() {
    let env = Env::new();
    env.write("mini.yaml", MINI);
    let yaml = show(&env, &["mini.yaml", "--format", "yaml"]);
    env.write("exported.yaml", &yaml);
    let (code, out, err) = run(&env, &["checklist", "lint", "exported.yaml"]);
    assert_eq!(code, Some(0), "{err}\n{yaml}");
    assert!(out.contains("exported.yaml: passed"), "{out}");
    assert_eq!(yaml_item_ids(&yaml), MINI_IDS, "{yaml}");

    // It exports to the same JSON as the original: nothing was lost.
    let original = show(&env, &["mini.yaml", "--format", "json"]);
    let again = show(&env, &["exported.yaml", "--format", "json"]);
    assert_eq!(again, original);

    // And it can be used for an assessment.
    env.init("a.yaml", "exported.yaml", "S");
    env.etika()
        .args(["answer", "a.yaml", "context.data", "health", "--at", "2026-11-29"])
        .assert()
        .success();
    env.etika()
        .args([
            "answer",
            "a.yaml",
            "data.health-consent",
            "yes",
            "--at",
            "2026-11-29",
        ])
        .assert()
        .success();
}

#[test]
fn json_export_is_a_valid_checklist_with_the_same_items() {
    let env = Env::new();
    env.write("mini.yaml", MINI);
    let text = show(&env, &["mini.yaml", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["id"], "mini");
    assert_eq!(json["version"], "1.1.0");
    assert_eq!(json["languages"], serde_json::json!(["en", "id"]));
    assert_eq!(json_item_ids(&json), MINI_IDS);
    let items: Vec<&serde_json::Value> = json["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["items"].as_array().unwrap())
        .collect();
    assert_eq!(items[2]["requires"], serde_json::json!(["evidence"]));
    assert_eq!(
        items[3]["when"],
        serde_json::json!({"item": "context.people", "in": ["recommends", "decides"]})
    );
    assert_eq!(items[5]["adverse_at_most"], 2);

    // JSON is YAML: the export lints as a checklist too.
    env.write("exported.json", &text);
    let (code, _, err) = run(&env, &["checklist", "lint", "exported.json"]);
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn the_builtin_export_lints_clean() {
    let env = Env::new();
    for format in ["yaml", "json"] {
        let text = show(&env, &["ai-ethics", "--format", format]);
        let name = format!("exported.{format}");
        env.write(&name, &text);
        let (code, _, err) = run(&env, &["checklist", "lint", &name]);
        assert_eq!(code, Some(0), "{format}: {err}");
    }
}

#[test]
fn lint_the_builtin_file() {
    let env = Env::new();
    let (code, out, err) = run(&env, &["checklist", "lint", BUILTIN_FILE]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("ok: checklist ai-ethics"), "{out}");
    assert!(out.contains("languages: en, id"), "{out}");
}

#[test]
fn lint_the_mini_checklist() {
    let env = Env::new();
    env.write("mini.yaml", MINI);
    let (code, out, err) = run(&env, &["checklist", "lint", "mini.yaml"]);
    assert_eq!(code, Some(0), "{err}");
    // Its items without references are warned about, nothing else.
    let (findings, result) = out.trim_end().rsplit_once('\n').unwrap();
    assert_eq!(result, "mini.yaml: passed (5 warnings)");
    assert!(
        findings
            .lines()
            .all(|l| l.contains(": warning[missing-reference]: ")),
        "{out}"
    );
    // --deny-warnings fails on what is only a warning.
    let (code, _, _) = run(&env, &["checklist", "lint", "mini.yaml", "--deny-warnings"]);
    assert_eq!(code, Some(1));
    // With references on every item, the summary line.
    let referenced = MINI.replace(
        "        type: yes-no\n        severity: high\n",
        "        type: yes-no\n        severity: high\n        references: [{framework: F}]\n",
    );
    let referenced = referenced
        .replace(
            "        type: yes-no\n        severity: critical\n",
            "        type: yes-no\n        severity: critical\n        references: [{framework: F}]\n",
        )
        .replace(
            "        adverse_at_most: 2\n",
            "        adverse_at_most: 2\n        references: [{framework: F}]\n",
        )
        .replace(
            "        requires: [rationale]\n",
            "        requires: [rationale]\n        references: [{framework: F}]\n",
        )
        .replace(
            "        type: text\n",
            "        type: text\n        references: [{framework: F}]\n",
        );
    env.write("referenced.yaml", &referenced);
    let (code, out, err) = run(&env, &["checklist", "lint", "referenced.yaml"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        out,
        "referenced.yaml: ok: checklist mini 1.1.0, 3 sections, 8 items, languages: en, id\n"
    );
}

/// The 1-based line of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle} not found"))
        + 1
}

#[test]
fn lint_names_every_problem_with_its_line() {
    let env = Env::new();
    let source = include_str!("../fixtures/lint-broken.yaml");
    env.write("broken.yaml", source);
    let (code, out, err) = run(&env, &["checklist", "lint", "broken.yaml"]);
    assert_eq!(code, Some(1), "{out}{err}");
    assert_eq!(err, "");
    assert!(
        out.ends_with("broken.yaml: failed: 6 errors, 8 warnings\n"),
        "{out}"
    );

    let second_card = source
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("- id: data.card"))
        .nth(1)
        .unwrap()
        .0
        + 1;
    let expected = [
        (second_card, "duplicate-id", "item id `data.card` is used twice"),
        (
            line_of(source, "when: {item: data.late"),
            "invalid-condition",
            "condition of `data.early` refers to `data.late`",
        ),
        (
            line_of(source, "equals: maybe"),
            "invalid-condition",
            "tests `context.people` for `maybe`",
        ),
        (
            line_of(source, "type: rating"),
            "unknown-type",
            "unknown item type `rating`",
        ),
        (
            line_of(source, "- id: fairness"),
            "invalid-checklist",
            "item id `fairness` must be `data.`",
        ),
        (
            line_of(source, "- id: data.no-severity"),
            "invalid-checklist",
            "`data.no-severity` can be answered adversely and needs a `severity`",
        ),
    ];
    for (line, rule, message) in expected {
        let found = out
            .lines()
            .find(|l| l.contains(message))
            .unwrap_or_else(|| panic!("{message} in\n{out}"));
        assert!(
            found.starts_with(&format!("broken.yaml:{line}:"))
                && found.contains(&format!(": error[{rule}]: ")),
            "line {line}: {found}"
        );
    }
}

#[test]
fn lint_reports_a_missing_translation() {
    let env = Env::new();
    let source = include_str!("../fixtures/lint-missing-translation.yaml");
    env.write("half.yaml", source);
    let (code, out, err) = run(&env, &["checklist", "lint", "half.yaml"]);
    // A warning: the checklist is usable, in English.
    assert_eq!(code, Some(0), "{out}{err}");
    let problems: Vec<&str> = out.lines().filter(|l| l.contains("has no `id` text")).collect();
    assert_eq!(problems.len(), 1, "{out}");
    // The question's own position: `        question: {en: ...}`.
    let question = line_of(source, "question: {en: Does the data have an owner?}");
    assert_eq!(
        problems[0],
        format!(
            "half.yaml:{question}:19: warning[missing-translation]: the question of `data.owner` has no `id` text"
        )
    );
    assert!(!out.contains("`data.card` has"), "{out}");
    let (code, _, _) = run(&env, &["checklist", "lint", "half.yaml", "--deny-warnings"]);
    assert_eq!(code, Some(1));
}

#[test]
fn lint_a_missing_file() {
    let env = Env::new();
    let (code, out, err) = run(&env, &["checklist", "lint", "nothere.yaml"]);
    assert_eq!(code, Some(2));
    assert_eq!(out, "");
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains("nothere.yaml"), "{err}");
}

#[test]
fn lint_a_misspelt_key_names_line_and_column() {
    let env = Env::new();
    let source = MINI.replace(
        "        question: {en: Is there a data card?",
        "        qestion: {en: Is there a data card?",
    );
    assert_ne!(source, MINI);
    env.write("typo.yaml", &source);
    let (code, out, err) = run(&env, &["checklist", "lint", "typo.yaml"]);
    // A finding like any other, so that one run names every such key.
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(err, "");
    let line = line_of(&source, "qestion:");
    assert!(
        out.starts_with(&format!(
            "typo.yaml:{line}:9: error[unknown-key]: unknown key `qestion`; did you mean `question`? (read as that here); this place takes: id, summary, question,"
        )),
        "{out}"
    );
    // Every other command refuses the file, at the same place.
    let (code, _, err) = run(&env, &["checklist", "show", "typo.yaml"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.starts_with(&format!("error: typo.yaml:{line}:9: unknown field `qestion`")),
        "{err}"
    );
}

#[test]
fn show_an_unknown_checklist() {
    let env = Env::new();
    let (code, out, err) = run(&env, &["checklist", "show", "nope"]);
    assert_eq!(code, Some(2));
    assert_eq!(out, "");
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains("`nope`"), "{err}");
    assert!(err.contains("ai-ethics"), "{err}");
}
