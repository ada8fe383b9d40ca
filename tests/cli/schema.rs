//! `etika schema`: the committed copies are current, every file etika
//! accepts validates against its schema, and what etika refuses the schema
//! refuses too.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::common::{Env, stderr, stdout};

fn repository() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `etika schema KIND` as JSON.
fn schema(kind: &str) -> Value {
    let output = Env::new().etika().args(["schema", kind]).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    serde_json::from_str(&stdout(&output)).expect("the schema is JSON")
}

fn validator(kind: &str) -> jsonschema::Validator {
    let schema = schema(kind);
    jsonschema::meta::validate(&schema)
        .unwrap_or_else(|e| panic!("the {kind} schema is no JSON Schema: {e}"));
    jsonschema::draft7::new(&schema).unwrap()
}

/// A YAML document as JSON, read as etika and yaml-language-server read
/// YAML (1.2: `yes` is a word, not a boolean).
fn json_of(yaml: &str) -> Value {
    let mut options = serde_saphyr::Options::default();
    options.strict_booleans = true;
    serde_saphyr::from_str_with_options(yaml, options).expect("YAML")
}

/// Every problem the schema finds in `document`, one line each.
fn problems(validator: &jsonschema::Validator, document: &Value) -> Vec<String> {
    validator
        .iter_errors(document)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn the_committed_schemas_are_what_etika_prints() {
    let copies = [
        ("checklist", "schema/checklist.schema.json"),
        ("assessment", "schema/assessment.schema.json"),
        // The one the example's modeline names, as `etika init` writes it.
        (
            "assessment",
            "examples/loan-approval/.etika/assessment.schema.json",
        ),
    ];
    for (kind, file) in copies {
        let output = Env::new().etika().args(["schema", kind]).output().unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
        let committed = fs::read_to_string(repository().join(file)).unwrap_or_default();
        assert!(
            committed == stdout(&output),
            "{file} is not what `etika schema {kind}` prints; regenerate it with \
             `cargo run -- schema {kind} -o {file}`"
        );
    }
}

#[test]
fn o_writes_the_schema_to_a_file() {
    let env = Env::new();
    let output = env
        .etika()
        .args(["schema", "assessment", "-o", "out/assessment.schema.json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output), "");
    let written: Value = serde_json::from_str(&env.read("out/assessment.schema.json")).unwrap();
    assert_eq!(written, schema("assessment"));
}

/// The YAML files of the repository, by what they are (an assessment
/// starts with `etika:`; a checklist has `sections:`).
fn files() -> (Vec<PathBuf>, Vec<PathBuf>) {
    fn walk(folder: &Path, found: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                found.push(path);
            }
        }
    }
    let mut found = Vec::new();
    for folder in ["checklists", "examples", "tests/fixtures"] {
        walk(&repository().join(folder), &mut found);
    }
    found.sort();
    let has_key = |path: &Path, key: &str| {
        fs::read_to_string(path)
            .unwrap_or_default()
            .lines()
            .any(|line| line.starts_with(key))
    };
    let checklists = found
        .iter()
        .filter(|p| has_key(p, "sections:"))
        .cloned()
        .collect();
    let assessments = found.iter().filter(|p| has_key(p, "etika:")).cloned().collect();
    (checklists, assessments)
}

/// Whether etika reads the file: a checklist passes its checks (`checklist
/// show`), an assessment can be validated (findings or not). Assessments
/// are read beside the mini checklist, as `mini.yaml`, which the position
/// fixtures name; the others use the built-in one.
fn etika_reads(kind: &str, path: &Path) -> bool {
    let env = Env::new();
    env.write("mini.yaml", crate::common::MINI);
    env.write("case.yaml", &fs::read_to_string(path).unwrap());
    matches!(etika_code(&env, kind, "case.yaml"), Some(0 | 1))
}

fn relative(path: &Path) -> String {
    path.strip_prefix(repository())
        .unwrap_or(path)
        .display()
        .to_string()
}

#[test]
fn every_file_etika_reads_validates_against_its_schema() {
    let (checklists, assessments) = files();
    for (kind, paths) in [("checklist", checklists), ("assessment", assessments)] {
        let validator = validator(kind);
        let mut read = Vec::new();
        for path in paths.iter().filter(|p| etika_reads(kind, p)) {
            let document = json_of(&fs::read_to_string(path).unwrap());
            let problems = problems(&validator, &document);
            assert!(
                problems.is_empty(),
                "{} is read by etika but not valid against the {kind} schema:\n{}",
                relative(path),
                problems.join("\n")
            );
            read.push(relative(path));
        }
        // The files every kind must have been checked against, so the test
        // cannot pass by skipping them.
        let expected: &[&str] = match kind {
            "checklist" => &[
                "checklists/ai-ethics.yaml",
                "tests/fixtures/mini-checklist.yaml",
                "tests/fixtures/lint-missing-translation.yaml",
            ],
            _ => &[
                "examples/loan-approval/ethics-assessment.yaml",
                "tests/fixtures/positions/clean.yaml",
                "tests/fixtures/positions/invalid-value-empty.yaml",
                "tests/fixtures/positions/missing-evidence-flow.yaml",
            ],
        };
        for file in expected {
            assert!(
                read.iter().any(|r| r == file),
                "{file} was not checked; checked: {read:?}"
            );
        }
    }
}

/// Files etika refuses for a key it does not know or a value of the wrong
/// type: the schema refuses them too.
#[test]
fn files_etika_refuses_for_a_key_or_a_type_the_schema_refuses() {
    let (checklists, assessments) = files();
    let mut refused = Vec::new();
    for (kind, paths) in [("checklist", checklists), ("assessment", assessments)] {
        let validator = validator(kind);
        for path in &paths {
            let name = relative(path);
            if !(name.contains("unknown-field")
                || name.contains("unknown-key")
                || name.contains("wrong-type"))
            {
                continue;
            }
            assert!(!etika_reads(kind, path), "etika reads {name}");
            let document = json_of(&fs::read_to_string(path).unwrap());
            assert!(
                !problems(&validator, &document).is_empty(),
                "{name} is refused by etika but valid against the {kind} schema"
            );
            refused.push(name);
        }
    }
    assert!(refused.len() >= 4, "too few such fixtures: {refused:?}");
}

/// A valid document with one change, and what the change is.
struct Case {
    what: &'static str,
    document: Value,
}

/// etika's exit code for the checklist or assessment `name` in `env`.
fn etika_code(env: &Env, kind: &str, name: &str) -> Option<i32> {
    let output = match kind {
        "checklist" => env
            .etika()
            .args(["checklist", "show", "--format", "json", name])
            .output(),
        _ => env
            .etika()
            .args(["validate", "--today", "2026-12-01", name])
            .output(),
    }
    .unwrap();
    output.status.code()
}

/// The schema and etika both accept `valid`, and both refuse every case.
fn assert_both_refuse(kind: &str, env: &Env, valid: &Value, cases: Vec<Case>) {
    let validator = validator(kind);
    assert_eq!(problems(&validator, valid), Vec::<String>::new());
    env.write("case.yaml", &serde_json::to_string_pretty(valid).unwrap());
    assert!(matches!(etika_code(env, kind, "case.yaml"), Some(0 | 1)));
    for case in cases {
        assert!(
            !problems(&validator, &case.document).is_empty(),
            "the {kind} schema accepts {}",
            case.what
        );
        // JSON is YAML: etika reads the same document.
        env.write(
            "case.yaml",
            &serde_json::to_string_pretty(&case.document).unwrap(),
        );
        assert_eq!(
            etika_code(env, kind, "case.yaml"),
            Some(2),
            "etika accepts {}",
            case.what
        );
    }
}

#[test]
fn the_assessment_schema_refuses_unknown_keys_and_wrong_types() {
    let env = Env::mini();
    env.complete_mini();
    let valid = json_of(&env.read("a.yaml"));
    let case = |what, change: &dyn Fn(&mut Value)| {
        let mut document = valid.clone();
        change(&mut document);
        Case { what, document }
    };
    let cases = vec![
        case("an unknown top-level key", &|d| d["comments"] = json!("x")),
        case("an unknown key in an answer", &|d| {
            d["answers"]["data.card"]["note"] = json!("x");
        }),
        case("an unknown key in an action", &|d| {
            d["answers"]["data.fairness"]["action"]["priority"] = json!("high");
        }),
        case("an unknown key in system", &|d| d["system"]["team"] = json!("x")),
        case("etika: \"x\"", &|d| d["etika"] = json!("x")),
        case("etika: 2", &|d| d["etika"] = json!(2)),
        case("an answer that is a string", &|d| {
            d["answers"]["data.card"] = json!("yes");
        }),
        case("a value that is a map", &|d| {
            d["answers"]["data.card"]["value"] = json!({"a": 1});
        }),
        case("an answer without a value", &|d| {
            d["answers"]["data.card"].as_object_mut().unwrap().remove("value");
        }),
        case("a system without a name", &|d| d["system"] = json!({})),
    ];
    assert_both_refuse("assessment", &env, &valid, cases);
}

#[test]
fn the_checklist_schema_refuses_unknown_keys_and_wrong_types() {
    let env = Env::new();
    let valid = json_of(crate::common::MINI);
    let case = |what, change: &dyn Fn(&mut Value)| {
        let mut document = valid.clone();
        change(&mut document);
        Case { what, document }
    };
    let cases = vec![
        case("an unknown top-level key", &|d| d["author"] = json!("x")),
        case("an unknown key in a section", &|d| {
            d["sections"][0]["order"] = json!(1);
        }),
        case("an unknown key in an item", &|d| {
            d["sections"][1]["items"][0]["qestion"] = json!("x");
        }),
        case("an unknown key in an option", &|d| {
            d["sections"][0]["items"][0]["options"][0]["weight"] = json!(1);
        }),
        case("a title that is a number", &|d| d["title"] = json!(3)),
        case("a text without English", &|d| {
            d["title"] = json!({"id": "Daftar"});
        }),
        case("an unknown item type", &|d| {
            d["sections"][1]["items"][0]["type"] = json!("boolean");
        }),
        case("an unknown severity", &|d| {
            d["sections"][1]["items"][0]["severity"] = json!("huge");
        }),
        case("items that are not a list", &|d| {
            d["sections"][1]["items"] = json!("x");
        }),
    ];
    assert_both_refuse("checklist", &env, &valid, cases);
}

/// The modeline etika writes as the second line of every assessment.
const MODELINE: &str = "# yaml-language-server: $schema=.etika/assessment.schema.json";

#[test]
fn init_writes_the_schema_its_modeline_names_beside_the_file() {
    let env = Env::new();
    env.make_repository();
    env.write("mini.yaml", crate::common::MINI);
    let expected = serde_json::to_string_pretty(&schema("assessment")).unwrap() + "\n";
    for (file, folder) in [("a.yaml", ""), ("sub/dir/b.yaml", "sub/dir/")] {
        env.init(file, "mini.yaml", "Loan model");
        let text = env.read(file);
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("# AI-ethics assessment"), "{text}");
        assert_eq!(lines[1], MODELINE, "{text}");
        assert_eq!(lines[2], "etika: 1", "{text}");
        assert_eq!(
            env.read(&format!("{folder}.etika/assessment.schema.json")),
            expected
        );
    }
}

#[test]
fn a_new_assessment_refreshes_a_schema_of_another_etika() {
    let env = Env::new();
    env.write(
        ".etika/assessment.schema.json",
        "{\"title\": \"from an older etika\"}\n",
    );
    env.etika().args(["init", "--system", "S"]).assert().success();
    let expected = serde_json::to_string_pretty(&schema("assessment")).unwrap() + "\n";
    assert_eq!(env.read(".etika/assessment.schema.json"), expected);
    // `--force` replaces the assessment, and the schema stays current.
    env.write(".etika/assessment.schema.json", "{}\n");
    env.etika()
        .args(["init", "--system", "S", "--force"])
        .assert()
        .success();
    assert_eq!(env.read(".etika/assessment.schema.json"), expected);
}

#[test]
fn a_schema_that_cannot_be_written_is_an_error_that_says_the_assessment_is_there() {
    let env = Env::new();
    // `.etika` is a file, so no schema can go in it.
    env.write(".etika", "not a folder\n");
    let output = env.etika().args(["init", "--system", "S"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.starts_with(
            "error: ethics-assessment.yaml was created, but not the schema editors check it with"
        ),
        "{message}"
    );
    assert!(
        message.contains("`etika schema assessment -o .etika/assessment.schema.json`"),
        "{message}"
    );
    // The assessment itself is whole and usable.
    env.etika()
        .args([
            "answer",
            "ethics-assessment.yaml",
            "context.decision-role",
            "recommends",
        ])
        .assert()
        .success();
    assert_eq!(env.read(".etika"), "not a folder\n");
}

#[test]
fn a_file_with_an_older_header_or_none_still_reads_and_gets_the_modeline_when_saved() {
    let env = Env::mini();
    let written = env.read("a.yaml");
    let body = written.splitn(3, '\n').nth(2).unwrap();
    let older = "# AI-ethics assessment, recorded with etika.\n\
                 # Edit with `etika assess` / `etika answer`, or by hand; check with `etika validate`.\n";
    for header in [older, ""] {
        env.write("a.yaml", &format!("{header}{body}"));
        let output = env
            .etika()
            .args(["answer", "a.yaml", "context.people", "no", "--at", "2026-11-29"])
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
        // The header is etika's own, not a comment the user would lose.
        assert!(!stderr(&output).contains("comments"), "{}", stderr(&output));
        let saved = env.read("a.yaml");
        assert_eq!(saved.lines().nth(1), Some(MODELINE), "{saved}");
    }
}
