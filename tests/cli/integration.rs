//! etika in CI: the GitHub Action's script run with the built binary, the
//! action and example workflow files, and the pre-commit hook.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::common::{Env, stderr, stdout};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const SCRIPT: &str = include_str!("../../ci/etika-action.sh");
const ACTION: &str = include_str!("../../action.yml");
const WORKFLOW: &str = include_str!("../../examples/github-workflow.yml");
const HOOKS: &str = include_str!("../../.pre-commit-hooks.yaml");

fn yaml(name: &str, text: &str) -> Value {
    serde_saphyr::from_str(text).unwrap_or_else(|e| panic!("{name} is not YAML: {e}"))
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    /// What the script wrote to `GITHUB_OUTPUT`.
    outputs: String,
}

/// `ci/etika-action.sh` in the folder of `env`, with these `INPUT_*` values
/// and the built etika, as the action's step runs it.
fn action(env: &Env, inputs: &[(&str, &str)]) -> Run {
    action_with_summary(env, inputs, None)
}

/// [`action`], with `GITHUB_STEP_SUMMARY` set to `summary` if given.
fn action_with_summary(env: &Env, inputs: &[(&str, &str)], summary: Option<&Path>) -> Run {
    let runner = tempfile::tempdir().unwrap();
    let outputs = runner.path().join("output");
    let mut command = Command::new("bash");
    command
        .arg(format!("{ROOT}/ci/etika-action.sh"))
        .current_dir(env.root())
        .env("ETIKA", env!("CARGO_BIN_EXE_etika"))
        .env("GITHUB_OUTPUT", &outputs);
    crate::common::hermetic(&mut command);
    for (name, _) in std::env::vars() {
        if name.starts_with("INPUT_") {
            command.env_remove(name);
        }
    }
    for (name, value) in inputs {
        command.env(format!("INPUT_{name}"), value);
    }
    if let Some(summary) = summary {
        command.env("GITHUB_STEP_SUMMARY", summary);
    }
    let output = command.output().expect("bash runs");
    let run = Run {
        code: output.status.code(),
        stdout: stdout(&output),
        stderr: stderr(&output),
        outputs: fs::read_to_string(&outputs).unwrap_or_default(),
    };
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(!run.stderr.contains("unbound variable"), "{}", run.stderr);
    run
}

/// The mini assessment answered in full, its action due far ahead so that
/// it passes whatever the date; not signed off.
fn complete() -> Env {
    let env = Env::mini();
    env.complete_mini();
    let text = env.read("a.yaml");
    assert!(text.contains("2027-02-01"), "{text}");
    env.write("a.yaml", &text.replace("2027-02-01", "2999-12-31"));
    env
}

/// [`complete`], signed off: it passes without a warning.
fn passing() -> Env {
    let env = complete();
    env.sign();
    env
}

/// Copies `a.yaml` with its checklist and evidence into `folder`, where
/// they still pair up.
fn copy_to(env: &Env, folder: &str) {
    for name in ["a.yaml", "mini.yaml", "docs/data-card.md"] {
        if env.path(name).exists() {
            env.write(&format!("{folder}/{name}"), &env.read(name));
        }
    }
}

#[test]
fn a_passing_assessment_passes_the_step() {
    let env = passing();
    let run = action(&env, &[("PATHS", "a.yaml")]);
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    assert!(!run.stdout.contains("::error"), "{}", run.stdout);
    assert_eq!(run.outputs, "exit-code=0\n");
}

#[test]
fn a_failing_assessment_fails_the_step_with_annotations() {
    let env = Env::mini();
    let run = action(&env, &[("PATHS", "a.yaml")]);
    assert_eq!(run.code, Some(1), "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .lines()
            .any(|l| l.starts_with("::error file=a.yaml,line=") && l.contains("title=etika missing-answer::")),
        "{}",
        run.stdout
    );
    assert_eq!(run.outputs, "exit-code=1\n");
}

#[test]
fn the_format_input_is_the_format_of_the_output() {
    let env = Env::mini();
    let run = action(&env, &[("PATHS", "a.yaml"), ("FORMAT", "json")]);
    assert_eq!(run.code, Some(1), "{}{}", run.stdout, run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).expect("JSON on stdout");
    assert_eq!(report["passed"], Value::Bool(false), "{report}");
    assert_eq!(report["files"][0]["file"], "a.yaml", "{report}");
}

#[test]
fn paths_are_one_per_line_and_may_contain_spaces() {
    let env = passing();
    copy_to(&env, "ok dir");
    let broken = Env::mini();
    env.write("bad dir/a.yaml", &broken.read("a.yaml"));
    env.write("bad dir/mini.yaml", &broken.read("mini.yaml"));

    let one = action(&env, &[("PATHS", "ok dir/a.yaml")]);
    assert_eq!(
        one.code,
        Some(0),
        "a path with a space is one path:\n{}{}",
        one.stdout,
        one.stderr
    );

    // As a YAML block scalar gives them: indented lines, a blank one, a final newline.
    let two = action(&env, &[("PATHS", "  ok dir/a.yaml  \n\n\tbad dir/a.yaml\n")]);
    assert_eq!(two.code, Some(1), "{}{}", two.stdout, two.stderr);
    assert_eq!(
        annotated_files(&two.stdout),
        BTreeSet::from(["bad dir/a.yaml"]),
        "{}",
        two.stdout
    );
}

#[test]
fn paths_are_not_options_globs_or_shell_code() {
    let env = passing();
    env.write("-odd.yaml", &env.read("a.yaml"));
    let run = action(&env, &[("PATHS", "-odd.yaml")]);
    assert_eq!(
        run.code,
        Some(0),
        "a path starting with `-`:\n{}{}",
        run.stdout,
        run.stderr
    );

    for path in ["*.yaml", "$(touch pwned).yaml", "a.yaml; touch pwned"] {
        let run = action(&env, &[("PATHS", path)]);
        assert_eq!(
            run.code,
            Some(2),
            "{path}: no such file\n{}{}",
            run.stdout,
            run.stderr
        );
        assert!(
            run.stdout.contains("title=etika unreadable"),
            "{path}: {}",
            run.stdout
        );
        assert!(!env.path("pwned").exists(), "{path} ran as shell code");
    }
}

#[test]
fn an_input_that_is_not_a_boolean_stops_the_step() {
    let env = passing();
    for input in ["SARIF", "DENY_WARNINGS", "REQUIRE_SIGNOFF"] {
        let run = action(&env, &[("PATHS", "a.yaml"), (input, "yes\n::warning::injected")]);
        assert_eq!(run.code, Some(2), "{input}: {}{}", run.stdout, run.stderr);
        let name = input.to_lowercase().replace('_', "-");
        assert_eq!(
            run.stdout,
            format!(
                "::error title=etika action::input {name} must be true or false, not 'yes%0A::warning::injected'\n"
            ),
        );
    }
    let run = action(
        &env,
        &[
            ("PATHS", "a.yaml"),
            ("SARIF", "False"),
            ("DENY_WARNINGS", "FALSE"),
        ],
    );
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
}

#[test]
fn without_the_sarif_input_no_sarif_is_written() {
    let env = Env::mini();
    let run = action(&env, &[("PATHS", "a.yaml")]);
    assert_eq!(run.code, Some(1), "{}{}", run.stdout, run.stderr);
    assert!(!env.path("etika.sarif").exists());
    assert!(!run.outputs.contains("sarif-file="), "{}", run.outputs);
}

/// Findings annotated in `stdout` (`::error file=…` / `::warning file=…`): their files.
fn annotated_files(stdout: &str) -> BTreeSet<&str> {
    stdout
        .lines()
        .filter_map(|l| {
            l.strip_prefix("::error file=")
                .or_else(|| l.strip_prefix("::warning file="))
        })
        .filter_map(|l| l.split([',', ':']).next())
        .collect()
}

#[test]
fn a_folder_path_checks_the_assessments_in_it() {
    let env = passing();
    copy_to(&env, "team a");
    let broken = Env::mini();
    for folder in ["team b", ".hidden"] {
        env.write(&format!("{folder}/a.yaml"), &broken.read("a.yaml"));
        env.write(&format!("{folder}/mini.yaml"), &broken.read("mini.yaml"));
    }
    let run = action(&env, &[("PATHS", "team a")]);
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    let run = action(&env, &[("PATHS", ".")]);
    assert_eq!(run.code, Some(1), "{}{}", run.stdout, run.stderr);
    let files = annotated_files(&run.stdout);
    assert!(
        files.iter().all(|f| f.ends_with("team b/a.yaml")) && !files.is_empty(),
        "only team b fails, .hidden is skipped: {}",
        run.stdout
    );
}

#[test]
fn no_paths_check_ethics_assessment_yaml() {
    let env = passing();
    let run = action(&env, &[("PATHS", "\n")]);
    assert_eq!(
        run.code,
        Some(2),
        "no ethics-assessment.yaml: {}{}",
        run.stdout,
        run.stderr
    );
    assert!(run.stdout.contains("ethics-assessment.yaml"), "{}", run.stdout);
    env.write("ethics-assessment.yaml", &env.read("a.yaml"));
    let run = action(&env, &[("PATHS", "")]);
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
}

#[test]
fn sarif_is_written_even_when_validation_fails() {
    let env = Env::mini();
    let sarif_file = "reports/etika out.sarif";
    let run = action(
        &env,
        &[("PATHS", "a.yaml"), ("SARIF", "true"), ("SARIF_FILE", sarif_file)],
    );
    assert_eq!(run.code, Some(1), "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("::error file=a.yaml,"),
        "annotations too: {}",
        run.stdout
    );
    assert_eq!(run.outputs, format!("sarif-file={sarif_file}\nexit-code=1\n"));
    let sarif: Value = serde_json::from_str(&env.read(sarif_file)).expect("SARIF is JSON");
    assert_eq!(sarif["version"], "2.1.0", "{sarif}");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    assert!(results.iter().any(|r| r["ruleId"] == "missing-answer"), "{sarif}");

    // A passing run writes one too: the upload then closes earlier alerts.
    let env = passing();
    let run = action(&env, &[("PATHS", "a.yaml"), ("SARIF", "true")]);
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    let sarif: Value = serde_json::from_str(&env.read("etika.sarif")).expect("SARIF is JSON");
    assert_eq!(sarif["runs"][0]["results"], Value::Array(Vec::new()), "{sarif}");
}

#[test]
fn the_step_summary_is_written_once() {
    let env = Env::mini();
    let runner = tempfile::tempdir().unwrap();
    let alone = runner.path().join("alone.md");
    let output = env
        .etika()
        .args(["validate", "a.yaml", "--format", "github"])
        .env("GITHUB_STEP_SUMMARY", &alone)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let expected = fs::read_to_string(&alone).expect("validate writes a summary");
    assert!(expected.contains("a.yaml"), "{expected}");

    let summary = runner.path().join("summary.md");
    let run = action_with_summary(&env, &[("PATHS", "a.yaml"), ("SARIF", "true")], Some(&summary));
    assert_eq!(run.code, Some(1), "{}{}", run.stdout, run.stderr);
    assert_eq!(
        fs::read_to_string(&summary).unwrap(),
        expected,
        "once, not once per run"
    );
}

#[test]
fn deny_warnings_and_require_signoff_reach_validate() {
    let env = complete();
    let run = action(&env, &[("PATHS", "a.yaml")]);
    assert_eq!(
        run.code,
        Some(0),
        "not signed off is a warning: {}{}",
        run.stdout,
        run.stderr
    );
    let run = action(&env, &[("PATHS", "a.yaml"), ("REQUIRE_SIGNOFF", "true")]);
    assert_eq!(run.code, Some(1), "not signed off: {}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("title=etika missing-signoff::"),
        "{}",
        run.stdout
    );
    // Not signed off is a warning, which deny-warnings turns into a failure.
    let run = action(&env, &[("PATHS", "a.yaml"), ("DENY_WARNINGS", "true")]);
    assert_eq!(run.code, Some(1), "{}{}", run.stdout, run.stderr);
    env.sign();

    // data.fairness applies only when the system recommends or decides: its
    // kept answer is a note, which not even deny-warnings fails.
    let text = env.read("a.yaml");
    assert_eq!(text.matches("    value: decides\n").count(), 1, "{text}");
    env.write(
        "a.yaml",
        &text.replace("    value: decides\n", "    value: \"no\"\n"),
    );
    let run = action(&env, &[("PATHS", "a.yaml"), ("DENY_WARNINGS", "true")]);
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("::notice file=a.yaml,")
            && run.stdout.contains("title=etika not-applicable-answered::"),
        "{}",
        run.stdout
    );
}

/// The run step of action.yml: the one that runs the script.
fn validate_step(action: &Value) -> &Value {
    let steps = action["runs"]["steps"].as_array().expect("runs.steps");
    let mut matching = steps.iter().filter(|s| {
        s["run"]
            .as_str()
            .is_some_and(|r| r.contains("/ci/etika-action.sh"))
    });
    let step = matching.next().expect("a step runs ci/etika-action.sh");
    assert!(matching.next().is_none(), "one step runs the script");
    step
}

#[test]
fn the_action_gives_the_script_every_input_it_reads() {
    let action = yaml("action.yml", ACTION);
    assert_eq!(action["runs"]["using"], "composite");
    let inputs = action["inputs"].as_object().expect("inputs");
    for (name, input) in inputs {
        assert!(
            input["description"].is_string(),
            "input {name} has no description"
        );
    }

    let step = validate_step(&action);
    assert_eq!(step["shell"], "bash");
    assert_eq!(step["run"], r#"bash "$GITHUB_ACTION_PATH/ci/etika-action.sh""#);
    let env = step["env"].as_object().expect("the step's env");
    assert_eq!(env["ETIKA"], "etika");

    let mut read: BTreeSet<String> = BTreeSet::new();
    for (at, _) in SCRIPT.match_indices("INPUT_") {
        let name: String = SCRIPT[at + "INPUT_".len()..]
            .chars()
            .take_while(|c| c.is_ascii_uppercase() || *c == '_')
            .collect();
        if !name.is_empty() {
            read.insert(name);
        }
    }
    assert!(read.contains("PATHS") && read.contains("SARIF_FILE"), "{read:?}");
    for name in &read {
        let input = name.to_lowercase().replace('_', "-");
        assert!(
            inputs.contains_key(&input),
            "the script reads INPUT_{name}; action.yml has no input {input}"
        );
        assert_eq!(
            env.get(&format!("INPUT_{name}")),
            Some(&Value::String(format!("${{{{ inputs.{input} }}}}"))),
            "the step passes input {input} as INPUT_{name}"
        );
    }

    // No input is declared and then ignored.
    for name in inputs.keys() {
        assert!(
            ACTION.contains(&format!("inputs.{name} ")),
            "input {name} is never used"
        );
    }
}

#[test]
fn the_action_installs_etika_from_its_own_checkout() {
    let action = yaml("action.yml", ACTION);
    let steps = action["runs"]["steps"].as_array().unwrap();
    let install = steps
        .iter()
        .find(|s| s["run"].as_str().is_some_and(|r| r.contains("cargo install")))
        .expect("an install step");
    assert_eq!(install["if"], "inputs.install == 'true'");
    assert!(
        install["run"]
            .as_str()
            .unwrap()
            .contains(r#"cargo install --locked --quiet --path "$GITHUB_ACTION_PATH""#),
        "{install}"
    );
    let position = |step: &Value| steps.iter().position(|s| s == step).unwrap();
    assert!(position(install) < position(validate_step(&action)));
}

#[test]
fn the_action_uploads_sarif_even_when_validation_fails() {
    let action = yaml("action.yml", ACTION);
    assert_eq!(validate_step(&action)["id"], "validate");
    let steps = action["runs"]["steps"].as_array().unwrap();
    let upload = steps
        .iter()
        .find(|s| s["uses"] == "github/codeql-action/upload-sarif@v3")
        .expect("an upload-sarif step");
    let condition = upload["if"].as_str().expect("a condition");
    assert!(
        condition.starts_with("always() && inputs.sarif == 'true'"),
        "{condition}"
    );
    assert_eq!(
        upload["with"]["sarif_file"],
        "${{ steps.validate.outputs.sarif-file }}"
    );
    assert!(SCRIPT.contains(r#"echo "sarif-file=$sarif_file" >>"$GITHUB_OUTPUT""#));
}

#[test]
fn the_example_workflow_uses_the_action_as_it_is() {
    let workflow = yaml("examples/github-workflow.yml", WORKFLOW);
    let action = yaml("action.yml", ACTION);
    let on = workflow["on"].as_object().expect("on:");
    assert!(
        on.contains_key("pull_request") && on.contains_key("push"),
        "{on:?}"
    );
    assert_eq!(workflow["permissions"]["contents"], "read");

    let jobs = workflow["jobs"].as_object().expect("jobs");
    let steps: Vec<&Value> = jobs
        .values()
        .flat_map(|job| job["steps"].as_array().expect("steps"))
        .collect();
    let uses = steps
        .iter()
        .find(|s| s["uses"] == "./")
        .expect("a step with uses: ./");
    let inputs = action["inputs"].as_object().unwrap();
    let with = uses["with"].as_object().expect("with:");
    for name in with.keys() {
        assert!(
            inputs.contains_key(name),
            "the workflow passes {name}, which action.yml lacks"
        );
    }
    if with.get("sarif") == Some(&Value::Bool(true)) {
        assert_eq!(workflow["permissions"]["security-events"], "write");
    }
    for path in with["paths"].as_str().expect("paths").lines().map(str::trim) {
        assert!(
            path.is_empty() || Path::new(ROOT).join(path).exists(),
            "the workflow checks {path}, which is not in the repository"
        );
    }
    // The action needs the repository checked out before it runs.
    let checkout = steps.iter().position(|s| {
        s["uses"]
            .as_str()
            .is_some_and(|u| u.starts_with("actions/checkout@"))
    });
    let ours = steps.iter().position(|s| s["uses"] == "./");
    assert!(checkout.is_some() && checkout < ours, "checkout first");
}

/// check-jsonschema, which `.ci/run` installs; `None` outside CI without it.
fn check_jsonschema() -> Option<String> {
    let program = std::env::var("ETIKA_CHECK_JSONSCHEMA").unwrap_or_else(|_| "check-jsonschema".into());
    let found = Command::new(&program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if found {
        return Some(program);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{program} does not run: .ci/run installs check-jsonschema from PyPI (was PyPI reachable?)"
    );
    eprintln!("check-jsonschema not installed; the schema checks are skipped outside CI");
    None
}

/// Whether check-jsonschema finds `files` valid under a schema it bundles; its report.
fn schema_check(program: &str, schema: &str, files: &[&Path]) -> (bool, String) {
    let output = Command::new(program)
        .args(["--builtin-schema", schema])
        .args(files)
        .output()
        .unwrap();
    (
        output.status.success(),
        format!("{}{}", stdout(&output), stderr(&output)),
    )
}

#[test]
fn the_action_and_the_workflows_fit_github_schemas() {
    let Some(program) = check_jsonschema() else {
        return;
    };
    let (valid, report) = schema_check(
        &program,
        "vendor.github-actions",
        &[&Path::new(ROOT).join("action.yml")],
    );
    assert!(valid, "action.yml: {report}");

    // Every input and output of the action, as another repository would use it.
    let scratch = tempfile::tempdir().unwrap();
    let uses = scratch.path().join("uses.yml");
    fs::write(
        &uses,
        r#"name: ethics
on: [pull_request]
permissions: {contents: read, security-events: write}
jobs:
  ethics:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - id: etika
        uses: OWNER/etika@v0
        with:
          paths: |
            docs/ethics
            model card/ethics-assessment.yaml
          format: github
          deny-warnings: true
          require-signoff: false
          sarif: true
          sarif-file: reports/etika.sarif
          install: true
      - if: always()
        run: echo "etika exited with $CODE, SARIF in $SARIF"
        env:
          CODE: ${{ steps.etika.outputs.exit-code }}
          SARIF: ${{ steps.etika.outputs.sarif-file }}
"#,
    )
    .unwrap();
    let example = Path::new(ROOT).join("examples/github-workflow.yml");
    let (valid, report) = schema_check(&program, "vendor.github-workflows", &[&example, &uses]);
    assert!(valid, "{report}");

    // The checker is not a no-op: a run step without a shell is no composite action.
    let broken = scratch.path().join("action.yml");
    let without_shell = ACTION.replacen("      shell: bash\n", "", 2);
    assert_ne!(without_shell, ACTION);
    fs::write(&broken, without_shell).unwrap();
    let (valid, report) = schema_check(&program, "vendor.github-actions", &[&broken]);
    assert!(!valid, "{report}");
}

/// The hook of `.pre-commit-hooks.yaml`, and the command line pre-commit runs
/// for it (with `pass_filenames: false`, no file names are added).
fn hook_command() -> (Value, Vec<String>) {
    let hooks = yaml(".pre-commit-hooks.yaml", HOOKS);
    let hook = hooks
        .as_array()
        .expect("a list of hooks")
        .iter()
        .find(|h| h["id"] == "etika-validate")
        .expect("hook etika-validate")
        .clone();
    let mut words: Vec<String> = hook["entry"]
        .as_str()
        .expect("entry")
        .split_whitespace()
        .map(str::to_string)
        .collect();
    for arg in hook["args"].as_array().expect("args") {
        words.push(arg.as_str().expect("args are strings").to_string());
    }
    (hook, words)
}

#[test]
fn the_pre_commit_hook_is_a_rust_hook_without_file_names() {
    let (hook, words) = hook_command();
    for field in ["id", "name", "entry", "language"] {
        assert!(hook[field].is_string(), "pre-commit requires {field}");
    }
    assert_eq!(hook["language"], "rust");
    assert_eq!(hook["pass_filenames"], Value::Bool(false));
    assert_eq!(words[0], "etika", "pre-commit runs the binary cargo installs");
}

#[test]
fn the_pre_commit_hook_checks_the_assessments_of_the_repository() {
    let (_, words) = hook_command();
    let env = passing();
    env.make_repository();
    copy_to(&env, "docs/ethics");
    fs::remove_file(env.path("a.yaml")).unwrap();
    fs::remove_file(env.path("mini.yaml")).unwrap();

    let run = |env: &Env| {
        let output = Command::new(env!("CARGO_BIN_EXE_etika"))
            .args(&words[1..])
            .current_dir(env.root())
            .env("LANG", "C")
            .env_remove("GITHUB_STEP_SUMMARY")
            .output()
            .unwrap();
        (output.status.code(), stdout(&output), stderr(&output))
    };
    let (code, out, err) = run(&env);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("docs/ethics/a.yaml: passed"), "{out}");

    let broken = Env::mini();
    env.write("docs/ethics/a.yaml", &broken.read("a.yaml"));
    let (code, out, err) = run(&env);
    assert_eq!(code, Some(1), "{out}{err}");
    assert!(out.contains("docs/ethics/a.yaml: failed"), "{out}");
}
