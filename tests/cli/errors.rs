//! Unusable input: exit 2 and one clear message on stderr, naming the file and,
//! for YAML problems, `file:line:col` with a snippet. Messages are pinned with
//! snapshots; commands run in the scratch folder with relative names, so no
//! temporary path ends up in them.

use crate::common::{Env, MINI, stderr, stdout};

/// Runs etika with `args`, expecting exit 2 and an error message; returns stderr.
fn fails(env: &Env, args: &[&str]) -> String {
    let (message, out) = fails_with_stdout(env, args);
    assert_eq!(out, "", "{args:?}");
    message
}

/// Like `fails`, also returning stdout.
fn fails_with_stdout(env: &Env, args: &[&str]) -> (String, String) {
    let output = env.etika().args(args).output().unwrap();
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{args:?}: {message}");
    assert_clean(env, &message);
    (message, stdout(&output))
}

/// No panic, no backtrace hint, no temporary path.
fn assert_clean(env: &Env, message: &str) {
    assert!(!message.contains("panicked"), "{message}");
    assert!(!message.contains("RUST_BACKTRACE"), "{message}");
    assert!(!message.contains("Backtrace"), "{message}");
    let root = env.root().to_string_lossy();
    assert!(!message.contains(&*root), "{message}");
}

/// `a.yaml` holds `text`; every command that reads it must refuse it the same
/// way and leave it alone. Returns the message of `etika validate`.
fn unusable_assessment(env: &Env, text: &str) -> String {
    env.write("a.yaml", text);
    let message = fails(env, &["validate", "a.yaml"]);
    assert!(message.starts_with("error: a.yaml"), "{message}");
    let first_line = message.lines().next().unwrap().to_string();
    for args in [
        &["answer", "a.yaml", "people.notes", "hello"][..],
        &["report", "a.yaml"][..],
    ] {
        let other = fails(env, args);
        assert_eq!(other.lines().next().unwrap(), first_line, "{args:?}");
    }
    // In CI the file gets an annotation too.
    let (other, annotations) = fails_with_stdout(env, &["validate", "a.yaml", "--format", "github"]);
    assert_eq!(other.lines().next().unwrap(), first_line);
    assert!(annotations.starts_with("::error file=a.yaml"), "{annotations}");
    assert_eq!(annotations.lines().count(), 1, "one escaped line: {annotations}");
    assert_eq!(env.read("a.yaml"), text, "the file was changed");
    message
}

/// `a.yaml` with a valid header and the given `answers:` body.
fn with_answers(answers: &str) -> String {
    format!(
        "etika: 1\nchecklist: {{id: mini, version: \"1.1.0\", path: mini.yaml}}\nsystem:\n  name: Loan model\nanswers:\n{answers}"
    )
}

#[test]
fn malformed_yaml() {
    let env = Env::mini();
    let message = unusable_assessment(
        &env,
        &with_answers(
            "  context.people:\n    value: decides\n  context.data:\n    value: [ordinary, health\n",
        ),
    );
    assert!(message.starts_with("error: a.yaml:9:12: "), "{message}");
    // A snippet shows the line.
    assert!(message.contains(" |     value: [ordinary, health"), "{message}");
    insta::assert_snapshot!("malformed_yaml", message);
}

#[test]
fn duplicate_answer() {
    let env = Env::mini();
    let message = unusable_assessment(
        &env,
        &with_answers("  context.people:\n    value: decides\n  context.people:\n    value: \"no\"\n"),
    );
    assert!(message.starts_with("error: a.yaml:8:3: "), "{message}");
    assert!(message.contains("duplicate"), "{message}");
    assert!(message.contains("`context.people`"), "{message}");
    insta::assert_snapshot!("duplicate_answer", message);
}

#[test]
fn unknown_field() {
    let env = Env::mini();
    let message = unusable_assessment(
        &env,
        &with_answers("  context.people:\n    value: decides\n    rationle: Typo.\n"),
    );
    assert!(message.starts_with("error: a.yaml:8:5: "), "{message}");
    assert!(message.contains("`rationle`"), "{message}");
    for field in ["value", "rationale", "evidence", "action", "by", "at"] {
        assert!(message.contains(field), "lists {field}: {message}");
    }
    insta::assert_snapshot!("unknown_field", message);
}

#[test]
fn wrong_type() {
    let env = Env::mini();
    let text = with_answers("  context.people:\n    value: decides\n").replace("etika: 1", "etika: one");
    let message = unusable_assessment(&env, &text);
    assert!(message.starts_with("error: a.yaml:1:8: "), "{message}");
    // Says what is wrong in the user's terms, not in Rust's.
    assert!(!message.contains("u32"), "{message}");
    insta::assert_snapshot!("wrong_type", message);
}

#[test]
fn missing_file() {
    let env = Env::mini();
    let message = fails(&env, &["validate", "nothere.yaml"]);
    assert!(message.starts_with("error: "), "{message}");
    assert!(message.contains("nothere.yaml"), "{message}");
    assert_eq!(message.lines().count(), 1, "{message}");
    insta::assert_snapshot!("missing_file", message);

    let message = fails(&env, &["report", "nothere.yaml"]);
    assert!(message.contains("nothere.yaml"), "{message}");
    assert!(!env.path("nothere.yaml").exists());
}

#[test]
fn unknown_checklist_in_an_assessment() {
    let env = Env::mini();
    let text =
        "etika: 1\nchecklist: {id: nope, version: \"1.0.0\"}\nsystem:\n  name: Loan model\nanswers: {}\n";
    let message = unusable_assessment(&env, text);
    assert!(message.contains("`nope`"), "{message}");
    assert!(message.contains("ai-ethics"), "lists the built-in ids: {message}");
    insta::assert_snapshot!("unknown_checklist_in_assessment", message);
}

#[test]
fn a_checklist_path_that_does_not_exist() {
    let env = Env::mini();
    let text =
        with_answers("  context.people:\n    value: decides\n").replace("path: mini.yaml", "path: gone.yaml");
    let message = unusable_assessment(&env, &text);
    assert!(message.contains("gone.yaml"), "{message}");
}

#[test]
fn unsupported_format_version() {
    let env = Env::mini();
    let text = with_answers("  context.people:\n    value: decides\n").replace("etika: 1", "etika: 2");
    let message = unusable_assessment(&env, &text);
    assert!(message.starts_with("error: a.yaml:1:8: "), "{message}");
    assert!(message.contains("etika: 2"), "{message}");
    insta::assert_snapshot!("format_version_2", message);
}

#[test]
fn init_with_a_checklist_that_has_problems() {
    let env = Env::new();
    env.write("broken.yaml", include_str!("../fixtures/lint-broken.yaml"));
    let message = fails(
        &env,
        &[
            "init",
            "-o",
            "a.yaml",
            "--checklist",
            "broken.yaml",
            "--system",
            "S",
        ],
    );
    assert!(message.starts_with("error: broken.yaml: "), "{message}");
    assert!(!env.path("a.yaml").exists(), "no assessment is created");
    // Every problem, each with its line.
    let problems: Vec<&str> = message
        .lines()
        .filter(|l| l.starts_with("  broken.yaml:"))
        .collect();
    assert_eq!(problems.len(), 6, "{message}");
    insta::assert_snapshot!("init_with_broken_checklist", message);

    // The same checklist behind an assessment makes it unusable too.
    env.write("mini.yaml", MINI);
    env.init("a.yaml", "mini.yaml", "S");
    env.write(
        "a.yaml",
        &env.read("a.yaml").replace("path: mini.yaml", "path: broken.yaml"),
    );
    let message = fails(&env, &["validate", "a.yaml"]);
    assert!(message.contains("broken.yaml"), "{message}");
    assert!(message.contains("is used twice"), "{message}");
}

#[test]
fn report_template_with_a_syntax_error() {
    let env = Env::mini();
    env.complete_mini();
    env.write(
        "bad.md.j2",
        "# {{ system.name }}\n\n{% for section in sections %}\n## {{ section.title }\n{% endfor %}\n",
    );
    let message = fails(&env, &["report", "a.yaml", "--template", "bad.md.j2"]);
    assert!(message.starts_with("error: bad.md.j2:4"), "{message}");
    insta::assert_snapshot!("report_template_syntax_error", message);

    let message = fails(
        &env,
        &["report", "a.yaml", "--template", "missing.md.j2", "-o", "r.md"],
    );
    assert!(message.contains("missing.md.j2"), "{message}");
    assert!(!env.path("r.md").exists());
}

#[test]
fn no_command() {
    let env = Env::new();
    let output = env.etika().output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert_clean(&env, &message);
    assert!(message.contains("Usage: etika <COMMAND>"), "{message}");
}

#[test]
fn unknown_flag_and_subcommand() {
    let env = Env::mini();
    for args in [
        &["validate", "--bogus", "a.yaml"][..],
        &["init", "--sytem", "S"][..],
        &["frobnicate"][..],
        &["validate", "a.yaml", "--format", "xml"][..],
        &["validate"][..],
    ] {
        let output = env.etika().args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let message = stderr(&output);
        assert!(message.starts_with("error: "), "{args:?}: {message}");
        assert_clean(&env, &message);
    }
    let message = stderr(
        &env.etika()
            .args(["validate", "--bogus", "a.yaml"])
            .output()
            .unwrap(),
    );
    assert!(message.contains("'--bogus'"), "{message}");
    assert!(!env.path("ethics-assessment.yaml").exists());
}

#[test]
fn an_empty_file() {
    let env = Env::mini();
    let message = unusable_assessment(&env, "");
    assert!(message.starts_with("error: a.yaml"), "{message}");
}
