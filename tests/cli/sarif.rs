//! `--format sarif`: a log the official SARIF 2.1.0 schema accepts, results
//! located where code scanning looks for them, and the usual exit codes.

use std::sync::OnceLock;

use serde_json::Value;

use crate::common::{Env, MINI, stderr, stdout};

const SCHEMA: &str = include_str!("../fixtures/schemas/sarif-schema-2.1.0.json");

/// The official schema (draft-04), compiled once. No retriever is enabled
/// (jsonschema without its default features), so nothing is fetched.
fn validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let schema: Value = serde_json::from_str(SCHEMA).expect("the schema is JSON");
        jsonschema::draft4::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("the SARIF schema compiles")
    })
}

/// Draft-04 knows no `uri-reference` format, so the schema cannot check the
/// uris; draft-07 can.
fn uri_reference() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        jsonschema::draft7::options()
            .should_validate_formats(true)
            .build(&serde_json::json!({"type": "string", "format": "uri-reference"}))
            .expect("the uri schema compiles")
    })
}

struct Run {
    code: Option<i32>,
    log: Value,
    stderr: String,
}

/// `etika ARGS` in `dir` (the env's root when `None`); its stdout must be a
/// SARIF log that the schema accepts.
fn sarif_in(env: &Env, dir: Option<&str>, args: &[&str]) -> Run {
    let mut command = env.etika();
    if let Some(dir) = dir {
        command.current_dir(env.path(dir));
    }
    let output = command.args(args).output().unwrap();
    let text = stdout(&output);
    let log: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"));
    let errors: Vec<String> = validator()
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "not valid SARIF:\n{}\n{text}",
        errors.join("\n")
    );
    for result in results(&log) {
        let uri = &result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
        assert!(uri_reference().is_valid(uri), "{uri} is no URI reference");
    }
    Run {
        code: output.status.code(),
        log,
        stderr: stderr(&output),
    }
}

fn sarif(env: &Env, args: &[&str]) -> Run {
    sarif_in(env, None, args)
}

fn results(log: &Value) -> &[Value] {
    log["runs"][0]["results"].as_array().expect("results")
}

fn uri(result: &Value) -> &str {
    result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .unwrap()
}

fn rule_ids(log: &Value) -> Vec<&str> {
    results(log)
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect()
}

/// The 1-based line and column (in characters) of byte `offset` of `text`.
fn position(text: &str, offset: usize) -> (u64, u64) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
    (line as u64, column as u64)
}

#[test]
fn findings_are_results_located_at_their_answer() {
    let env = Env::mini();
    env.answer(&["context.people", "decides"]);
    env.answer(&["data.card", "no"]);
    let run = sarif(
        &env,
        &["validate", "--format", "sarif", "a.yaml", "--today", "2026-11-29"],
    );
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let log = &run.log;
    assert_eq!(log["version"], "2.1.0");
    let driver = &log["runs"][0]["tool"]["driver"];
    assert_eq!(driver["name"], "etika");
    assert_eq!(log["runs"][0]["columnKind"], "unicodeCodePoints");

    // Every rule of the README's table is described, then `unreadable`.
    let rules = driver["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids[0], "missing-answer");
    assert_eq!(ids.last(), Some(&"unreadable"));
    assert!(
        ids.contains(&"stale-answer") && ids.contains(&"unsafe-link"),
        "{ids:?}"
    );
    let overdue = rules
        .iter()
        .find(|r| r["id"] == "not-applicable-answered")
        .unwrap();
    assert_eq!(overdue["defaultConfiguration"]["level"], "note");
    assert_eq!(
        overdue["shortDescription"]["text"],
        "an answer to an item that does not apply given the context answers (kept, so that it is there again if the context changes back)"
    );

    let action = results(log)
        .iter()
        .find(|r| r["ruleId"] == "missing-action")
        .expect("a missing-action result");
    let text = env.read("a.yaml");
    let line = 1 + text.lines().position(|l| l == "    value: \"no\"").unwrap() as u64;
    let region = &action["locations"][0]["physicalLocation"]["region"];
    assert_eq!(line, 14, "{text}");
    assert_eq!(region["startLine"], 14);
    assert_eq!(region["startColumn"], 12);
    assert_eq!(action["level"], "error");
    assert_eq!(uri(action), "a.yaml");
    assert_eq!(
        action["message"]["text"],
        "`data.card`: the answer `no` needs an action with text, owner and due date"
    );
    // The rule index points at the rule of that id.
    let index = usize::try_from(action["ruleIndex"].as_u64().unwrap()).unwrap();
    assert_eq!(rules[index]["id"], "missing-action");
    // The byte range is the value's, and agrees with the line and column.
    let offset = usize::try_from(region["byteOffset"].as_u64().unwrap()).unwrap();
    let length = usize::try_from(region["byteLength"].as_u64().unwrap()).unwrap();
    assert_eq!(&text[offset..offset + length], "\"no\"");
    assert_eq!(position(&text, offset), (14, 12));

    // Every result has a location and a fingerprint, all of them different.
    let mut fingerprints: Vec<&str> = results(log)
        .iter()
        .map(|r| r["partialFingerprints"]["etikaFinding/v1"].as_str().unwrap())
        .collect();
    assert!(fingerprints.len() > 3, "{fingerprints:?}");
    fingerprints.sort_unstable();
    fingerprints.dedup();
    assert_eq!(fingerprints.len(), results(log).len());
}

#[test]
fn fingerprints_do_not_move_with_lines() {
    let env = Env::mini();
    env.answer(&["data.card", "no"]);
    let fingerprint = |env: &Env| {
        let run = sarif(
            env,
            &["validate", "--format", "sarif", "a.yaml", "--today", "2026-11-29"],
        );
        let action = results(&run.log)
            .iter()
            .find(|r| r["ruleId"] == "missing-action")
            .unwrap()
            .clone();
        (
            action["partialFingerprints"].clone(),
            action["locations"][0]["physicalLocation"]["region"]["startLine"].clone(),
        )
    };
    let (before, line_before) = fingerprint(&env);
    env.write("a.yaml", &format!("# A comment above.\n\n{}", env.read("a.yaml")));
    let (after, line_after) = fingerprint(&env);
    assert_eq!(line_after, line_before.as_u64().unwrap() + 2);
    assert_eq!(before, after);
}

#[test]
fn a_passing_assessment_is_a_log_without_results() {
    let env = Env::mini();
    env.complete_mini();
    env.sign();
    let run = sarif(
        &env,
        &["validate", "--format", "sarif", "a.yaml", "--today", "2026-11-29"],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(results(&run.log), &[] as &[Value]);
    assert!(
        !run.log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn an_unreadable_file_is_a_result_and_exit_2() {
    let env = Env::mini();
    env.write(
        "a.yaml",
        &env.read("a.yaml").replace(
            "answers: {}",
            "answers:\n  context.data:\n    value: [ordinary, health\n",
        ),
    );
    let run = sarif(&env, &["validate", "--format", "sarif", "a.yaml"]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.starts_with("error: a.yaml:"), "{}", run.stderr);
    assert_eq!(rule_ids(&run.log), ["unreadable"]);
    let result = &results(&run.log)[0];
    assert_eq!(result["level"], "error");
    assert_eq!(uri(result), "a.yaml");
    let rules = run.log["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    let index = usize::try_from(result["ruleIndex"].as_u64().unwrap()).unwrap();
    assert_eq!(rules[index]["id"], "unreadable");
    let message = result["message"]["text"].as_str().unwrap();
    assert!(message.starts_with("a.yaml:"), "{message}");
    assert!(
        !message.contains('\n'),
        "the terminal snippet stays out: {message}"
    );
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert!(region["startLine"].as_u64().unwrap() >= 8, "{result}");
}

#[test]
fn a_missing_file_is_located_in_that_file_without_a_region() {
    let env = Env::mini();
    let run = sarif(&env, &["validate", "--format", "sarif", "a.yaml", "gone.yaml"]);
    assert_eq!(run.code, Some(2));
    let gone = results(&run.log)
        .iter()
        .find(|r| r["ruleId"] == "unreadable")
        .expect("an unreadable result");
    assert_eq!(uri(gone), "gone.yaml");
    let physical = &gone["locations"][0]["physicalLocation"];
    assert!(physical.get("region").is_none(), "{physical}");
    // The readable file's findings are there too.
    assert!(rule_ids(&run.log).contains(&"missing-answer"));
}

#[test]
fn checklist_problems_are_located_in_the_checklist() {
    let env = Env::mini();
    env.write("broken.yaml", include_str!("../fixtures/lint-broken.yaml"));
    env.write(
        "a.yaml",
        &env.read("a.yaml").replace("path: mini.yaml", "path: broken.yaml"),
    );
    let run = sarif(&env, &["validate", "--format", "sarif", "a.yaml"]);
    assert_eq!(run.code, Some(2));
    let ids = rule_ids(&run.log);
    assert_eq!(ids[0], "unreadable");
    let problems: Vec<&Value> = results(&run.log)
        .iter()
        .filter(|r| r["ruleId"] != "unreadable")
        .collect();
    assert_eq!(problems.len(), 6, "{ids:?}");
    for problem in &problems {
        assert_eq!(uri(problem), "broken.yaml");
        assert!(
            problem["locations"][0]["physicalLocation"]["region"]["startLine"]
                .as_u64()
                .unwrap()
                > 1
        );
    }
    let twice = problems
        .iter()
        .find(|p| p["message"]["text"].as_str().unwrap().contains("is used twice"))
        .expect("the duplicate id");
    let region = &twice["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 23);
}

#[test]
fn lint_findings_are_results() {
    let env = Env::new();
    env.write("lint-broken.yaml", include_str!("../fixtures/lint-broken.yaml"));
    let run = sarif(
        &env,
        &["checklist", "lint", "--format", "sarif", "lint-broken.yaml"],
    );
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let ids = rule_ids(&run.log);
    let errors = results(&run.log).iter().filter(|r| r["level"] == "error").count();
    assert_eq!(errors, 6, "{ids:?}");
    assert!(results(&run.log).iter().all(|r| uri(r) == "lint-broken.yaml"));

    // A clean checklist: no results, exit 0.
    env.write(
        "clean.yaml",
        include_str!("../fixtures/positions/checklists/clean.yaml"),
    );
    let run = sarif(&env, &["checklist", "lint", "--format", "sarif", "clean.yaml"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(results(&run.log), &[] as &[Value]);

    // A checklist that is not YAML: an unreadable result, exit 2.
    env.write("bad.yaml", "id: x\nsections: [\n");
    let run = sarif(&env, &["checklist", "lint", "--format", "sarif", "bad.yaml"]);
    assert_eq!(run.code, Some(2));
    assert_eq!(rule_ids(&run.log), ["unreadable"]);
    assert_eq!(uri(&results(&run.log)[0]), "bad.yaml");
}

#[test]
fn same_translation_problems_of_one_item_stay_distinct() {
    let env = Env::new();
    env.write(
        "c.yaml",
        "id: c\nversion: 1.0.0\ntitle: {en: C, id: C}\nlanguages: [id]\nsections:\n  - id: s\n    title: {en: S, id: S}\n    items:\n      - id: s.a\n        question: Only English\n        help: Only English too\n        type: text\n        references: [{framework: F}]\n",
    );
    let run = sarif(&env, &["checklist", "lint", "--format", "sarif", "c.yaml"]);
    // Warnings: the checklist is usable, in English.
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(rule_ids(&run.log), ["missing-translation", "missing-translation"]);
    let fingerprints: Vec<&Value> = results(&run.log)
        .iter()
        .map(|r| &r["partialFingerprints"]["etikaFinding/v1"])
        .collect();
    assert_ne!(fingerprints[0], fingerprints[1]);
}

#[test]
fn uris_are_relative_to_the_repository() {
    let env = Env::new();
    env.make_repository();
    env.write("sub/dir/mini.yaml", MINI);
    env.init("sub/dir/a.yaml", "sub/dir/mini.yaml", "S");
    let args = |file| ["validate", "--format", "sarif", file];
    // From the top, from a folder inside, and from the file's own folder.
    for (dir, file) in [
        (None, "sub/dir/a.yaml"),
        (Some("sub"), "dir/a.yaml"),
        (Some("sub/dir"), "../dir/a.yaml"),
    ] {
        let run = sarif_in(&env, dir, &args(file));
        assert_eq!(run.code, Some(1), "{}", run.stderr);
        assert!(!results(&run.log).is_empty());
        for result in results(&run.log) {
            assert_eq!(uri(result), "sub/dir/a.yaml", "{dir:?} {file}");
        }
    }
    // An absolute path names the same file.
    let absolute = env.path("sub/dir/a.yaml").display().to_string();
    let run = sarif_in(&env, Some("sub"), &args(&absolute));
    assert_eq!(uri(&results(&run.log)[0]), "sub/dir/a.yaml");
}

#[test]
fn outside_a_repository_uris_are_relative_to_the_current_folder() {
    let env = Env::new();
    env.write("dir/mini.yaml", MINI);
    env.init("dir/a.yaml", "dir/mini.yaml", "S");
    let run = sarif_in(&env, Some("dir"), &["validate", "--format", "sarif", "a.yaml"]);
    assert_eq!(uri(&results(&run.log)[0]), "a.yaml");
    let run = sarif(&env, &["validate", "--format", "sarif", "dir/a.yaml"]);
    assert_eq!(uri(&results(&run.log)[0]), "dir/a.yaml");
    // A file above the current folder keeps its `..`.
    env.write("other/.keep", "");
    let run = sarif_in(
        &env,
        Some("other"),
        &["validate", "--format", "sarif", "../dir/a.yaml"],
    );
    assert_eq!(uri(&results(&run.log)[0]), "../dir/a.yaml");
}

#[test]
fn file_names_are_percent_encoded() {
    let env = Env::new();
    env.make_repository();
    env.write("mini.yaml", MINI);
    env.init("my ethics #1 (ü).yaml", "mini.yaml", "S");
    let run = sarif(&env, &["validate", "--format", "sarif", "my ethics #1 (ü).yaml"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(uri(&results(&run.log)[0]), "my%20ethics%20%231%20(%C3%BC).yaml");
}

#[test]
fn snapshot_of_a_whole_log() {
    let env = Env::mini();
    env.make_repository();
    env.answer(&["context.people", "decides"]);
    env.answer(&["data.card", "no"]);
    let run = sarif(
        &env,
        &["validate", "--format", "sarif", "a.yaml", "--today", "2026-11-29"],
    );
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let mut log = run.log;
    // The version changes with every release; the rest must not.
    log["runs"][0]["tool"]["driver"]["version"] = Value::from("[version]");
    insta::assert_json_snapshot!("sarif_log", log);
}

/// The checks above would pass anything if the validators did: they do not.
#[test]
fn the_validators_refuse_what_sarif_forbids() {
    let env = Env::mini();
    let valid = sarif(&env, &["validate", "--format", "sarif", "a.yaml"]).log;
    let mut bad_level = valid.clone();
    bad_level["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator().is_valid(&bad_level));
    let mut no_uri_kind = valid.clone();
    no_uri_kind["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] =
        Value::from(1);
    assert!(!validator().is_valid(&no_uri_kind));
    let mut unknown_field = valid;
    unknown_field["runs"][0]["results"][0]["region"] = Value::from("here");
    assert!(!validator().is_valid(&unknown_field));
    assert!(!uri_reference().is_valid(&Value::from("my file.yaml")));
    assert!(!uri_reference().is_valid(&Value::from("100%.yaml")));
    assert!(uri_reference().is_valid(&Value::from("my%20file.yaml")));
}
