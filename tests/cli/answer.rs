//! `etika answer`: what each answer looks like in the file, how answers merge,
//! and that a refused answer leaves the file as it was.

use crate::common::{Env, stderr, stdout};

/// The lines of one answer in the assessment file, from `  ID:` to the next answer.
fn block(yaml: &str, id: &str) -> String {
    let start = format!("  {id}:\n");
    let from = yaml
        .find(&start)
        .unwrap_or_else(|| panic!("no answer to {id} in:\n{yaml}"));
    let rest = &yaml[from + start.len()..];
    let body: Vec<&str> = rest.lines().take_while(|l| l.starts_with("    ")).collect();
    format!("{start}{}\n", body.join("\n"))
}

/// The item ids under `answers:`, in file order.
fn answered_ids(yaml: &str) -> Vec<String> {
    yaml.lines()
        .skip_while(|l| *l != "answers:")
        .skip(1)
        .take_while(|l| l.starts_with(' '))
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .map(|l| l.trim().trim_end_matches(':').to_string())
        .collect()
}

/// Runs `etika answer a.yaml ARGS...` expecting exit 2, and checks that the
/// file is byte-for-byte what it was. Returns stderr.
fn refused(env: &Env, args: &[&str]) -> String {
    let before = std::fs::read(env.path("a.yaml")).unwrap();
    let output = env
        .etika()
        .arg("answer")
        .arg("a.yaml")
        .args(args)
        .output()
        .unwrap();
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{args:?}: {message}");
    assert!(message.starts_with("error: "), "{message}");
    assert_eq!(message.lines().count(), 1, "one message: {message}");
    assert!(!message.contains("panicked"), "{message}");
    assert_eq!(
        std::fs::read(env.path("a.yaml")).unwrap(),
        before,
        "{args:?} changed the file"
    );
    message
}

#[test]
fn yes_no_is_quoted() {
    let env = Env::mini();
    env.answer(&["data.card", "yes", "--evidence", "docs/data-card.md"]);
    assert_eq!(
        block(&env.read("a.yaml"), "data.card"),
        "  data.card:\n    value: \"yes\"\n    evidence:\n    - docs/data-card.md\n    by: tester\n    at: \"2026-11-29\"\n    asked: {version: \"1.1.0\", question: 66074d28, type: yes-no, severity: medium}\n"
    );
}

#[test]
fn single_choice() {
    let env = Env::mini();
    env.answer(&["context.people", "no"]);
    assert_eq!(
        block(&env.read("a.yaml"), "context.people"),
        "  context.people:\n    value: \"no\"\n    by: tester\n    at: \"2026-11-29\"\n    asked: {version: \"1.1.0\", question: 9f2011f4, type: single, options: e9ba98ac}\n"
    );
    env.answer(&["context.people", "recommends"]);
    assert_eq!(
        block(&env.read("a.yaml"), "context.people"),
        "  context.people:\n    value: recommends\n    by: tester\n    at: \"2026-11-29\"\n    asked: {version: \"1.1.0\", question: 9f2011f4, type: single, options: e9ba98ac}\n"
    );
}

#[test]
fn multi_is_a_flow_list_in_checklist_order() {
    let env = Env::mini();
    env.answer(&["context.data", "health,ordinary"]);
    assert_eq!(
        block(&env.read("a.yaml"), "context.data"),
        "  context.data:\n    value: [ordinary, health]\n    by: tester\n    at: \"2026-11-29\"\n    asked: {version: \"1.1.0\", question: d8257044, type: multi, options: bc6e4f01}\n"
    );
    // Spaces and repeats do not matter either.
    env.answer(&["context.data", " health , none,health "]);
    assert!(
        env.read("a.yaml")
            .contains("  context.data:\n    value: [none, health]\n")
    );
}

#[test]
fn scale_is_a_number() {
    let env = Env::mini();
    env.answer(&["people.explanation", "3"]);
    assert_eq!(
        block(&env.read("a.yaml"), "people.explanation"),
        "  people.explanation:\n    value: 3\n    by: tester\n    at: \"2026-11-29\"\n    asked: {version: \"1.1.0\", question: 2b23dbeb, type: scale, severity: high}\n"
    );
}

#[test]
fn text_is_kept_as_text() {
    let env = Env::mini();
    env.answer(&["people.notes", "Model v3, retrained monthly."]);
    assert_eq!(
        block(&env.read("a.yaml"), "people.notes"),
        "  people.notes:\n    value: Model v3, retrained monthly.\n    by: tester\n    at: \"2026-11-29\"\n    asked: {version: \"1.1.0\", question: e9e7bab5, type: text}\n"
    );
    // Text that YAML would read as a number or a boolean stays a string.
    env.answer(&["people.notes", "42"]);
    assert!(
        env.read("a.yaml")
            .contains("  people.notes:\n    value: \"42\"\n")
    );
    env.answer(&["people.notes", "true"]);
    assert!(
        env.read("a.yaml")
            .contains("  people.notes:\n    value: \"true\"\n")
    );
    env.complete_mini();
    env.answer(&["people.notes", "42"]);
    env.etika()
        .args(["validate", "a.yaml", "--today", "2026-11-29"])
        .assert()
        .success();
}

#[test]
fn unknown_and_not_applicable() {
    let env = Env::mini();
    env.answer(&[
        "people.explanation",
        "unknown",
        "--rationale",
        "Not measured yet.",
    ]);
    env.answer(&["people.channel", "n/a", "--rationale", "No decisions are made."]);
    env.answer(&["context.data", "unknown", "--rationale", "Ask the data team."]);
    let saved = env.read("a.yaml");
    assert_eq!(
        block(&saved, "people.explanation"),
        "  people.explanation:\n    value: unknown\n    rationale: Not measured yet.\n    by: tester\n    at: \"2026-11-29\"\n    asked: {version: \"1.1.0\", question: 2b23dbeb, type: scale, severity: high}\n"
    );
    assert_eq!(
        block(&saved, "people.channel"),
        "  people.channel:\n    value: n/a\n    rationale: No decisions are made.\n    by: tester\n    at: \"2026-11-29\"\n    asked: {version: \"1.1.0\", question: 7cd680c4, type: single, options: 2a8b6261, severity: medium}\n"
    );
    // `unknown` is a word even for a multi item, not a list.
    assert!(saved.contains("  context.data:\n    value: unknown\n"), "{saved}");
}

#[test]
fn every_field_is_stored() {
    let env = Env::mini();
    env.answer(&[
        "data.card",
        "partial",
        "--rationale",
        "Half written.",
        "--evidence",
        "docs/data-card.md",
        "--evidence",
        "https://example.org/card",
        "--action",
        "Finish the data card",
        "--owner",
        "data-team",
        "--due",
        "2027-01-15",
        "--by",
        "ml-lead",
    ]);
    assert_eq!(
        block(&env.read("a.yaml"), "data.card"),
        "  data.card:
    value: partial
    rationale: Half written.
    evidence:
    - docs/data-card.md
    - https://example.org/card
    action:
      text: Finish the data card
      owner: data-team
      due: \"2027-01-15\"
    by: ml-lead
    at: \"2026-11-29\"
    asked: {version: \"1.1.0\", question: 66074d28, type: yes-no, severity: medium}
"
    );
}

#[test]
fn the_date_defaults_to_today_and_at_overrides_it() {
    let env = Env::mini();
    env.etika()
        .args(["answer", "a.yaml", "people.notes", "hello", "--at", "2025-01-31"])
        .assert()
        .success();
    assert!(
        env.read("a.yaml")
            .contains("    value: hello\n    by: tester\n    at: \"2025-01-31\"\n")
    );

    env.etika()
        .args(["answer", "a.yaml", "people.notes", "again"])
        .assert()
        .success();
    let saved = env.read("a.yaml");
    let at = block(&saved, "people.notes")
        .lines()
        .find_map(|l| l.strip_prefix("    at: "))
        .map(|s| s.trim_matches('"').to_string())
        .expect("an at: line");
    assert_eq!(at.len(), 10, "{at}");
    assert!(at.as_str() > "2025-01-31", "{at}");
}

#[test]
fn by_defaults_to_etika_user() {
    let env = Env::mini();
    env.etika()
        .args(["answer", "a.yaml", "people.notes", "Hello.", "--at", "2026-11-29"])
        .env("ETIKA_USER", "alice")
        .assert()
        .success();
    env.etika()
        .args([
            "answer",
            "a.yaml",
            "people.explanation",
            "4",
            "--by",
            "bob",
            "--at",
            "2026-11-29",
        ])
        .env("ETIKA_USER", "alice")
        .assert()
        .success();
    let saved = env.read("a.yaml");
    assert!(
        block(&saved, "people.notes").contains("    by: alice\n"),
        "{saved}"
    );
    assert!(
        block(&saved, "people.explanation").contains("    by: bob\n"),
        "{saved}"
    );
}

/// Who answered is always recorded: git's user.name for the assessment's
/// repository when neither `--by` nor `ETIKA_USER` says, else the login name.
#[test]
fn by_defaults_to_git_user_name_then_the_login_name() {
    let env = Env::mini();
    env.answer(&["people.notes", "outside a repository"]);
    assert!(block(&env.read("a.yaml"), "people.notes").contains("    by: tester\n"));
    let git = |args: &[&str]| {
        let status = std::process::Command::new("git")
            .current_dir(env.root())
            .args(args)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .status()
            .unwrap();
        assert!(status.success());
    };
    git(&["init", "-q"]);
    git(&["config", "user.name", "Sari Wulandari"]);
    env.answer(&["people.notes", "inside one"]);
    assert!(
        block(&env.read("a.yaml"), "people.notes").contains("    by: Sari Wulandari\n"),
        "{}",
        env.read("a.yaml")
    );
    env.etika()
        .args(["answer", "a.yaml", "people.notes", "env", "--at", "2026-11-29"])
        .env("ETIKA_USER", "budi")
        .assert()
        .success();
    assert!(block(&env.read("a.yaml"), "people.notes").contains("    by: budi\n"));
}

#[test]
fn answering_again_keeps_rationale_and_evidence() {
    let env = Env::mini();
    env.answer(&[
        "data.card",
        "yes",
        "--rationale",
        "Reviewed by the data team.",
        "--evidence",
        "docs/card.md",
        "--by",
        "alice",
    ]);
    env.etika()
        .args(["answer", "a.yaml", "data.card", "partial", "--at", "2026-12-01"])
        .assert()
        .success();
    assert_eq!(
        block(&env.read("a.yaml"), "data.card"),
        "  data.card:\n    value: partial\n    rationale: Reviewed by the data team.\n    evidence:\n    - docs/card.md\n    by: tester\n    at: \"2026-12-01\"\n    asked: {version: \"1.1.0\", question: 66074d28, type: yes-no, severity: medium}\n"
    );

    // Given again, they replace what was there.
    env.answer(&[
        "data.card",
        "yes",
        "--rationale",
        "Rewritten.",
        "--evidence",
        "docs/card-v2.md",
    ]);
    let saved = block(&env.read("a.yaml"), "data.card");
    assert!(saved.contains("    rationale: Rewritten.\n"), "{saved}");
    assert!(
        saved.contains("    evidence:\n    - docs/card-v2.md\n"),
        "{saved}"
    );
    assert!(!saved.contains("docs/card.md"), "{saved}");
}

#[test]
fn blank_rationale_or_evidence_is_not_stored() {
    let env = Env::mini();
    env.answer(&[
        "data.card",
        "yes",
        "--rationale",
        "Reviewed.",
        "--evidence",
        "docs/card.md",
    ]);
    // A blank rationale clears it.
    env.answer(&["data.card", "yes", "--rationale", " "]);
    let saved = block(&env.read("a.yaml"), "data.card");
    assert!(!saved.contains("rationale"), "{saved}");

    // A blank evidence entry clears the evidence; it is never written as `- ""`.
    env.answer(&["data.card", "yes", "--evidence", ""]);
    let saved = block(&env.read("a.yaml"), "data.card");
    assert!(!saved.contains("evidence"), "{saved}");
    assert!(!saved.contains("\"\""), "{saved}");
}

#[test]
fn due_alone_changes_only_the_due_date() {
    let env = Env::mini();
    env.answer(&[
        "data.card",
        "no",
        "--rationale",
        "Nobody wrote one.",
        "--action",
        "Write the data card",
        "--owner",
        "data-team",
        "--due",
        "2027-01-15",
    ]);
    let before = block(&env.read("a.yaml"), "data.card");
    env.answer(&["data.card", "no", "--due", "2027-03-01"]);
    let after = block(&env.read("a.yaml"), "data.card");
    assert_eq!(after, before.replace("2027-01-15", "2027-03-01"));
    assert!(
        after.contains("      text: Write the data card\n      owner: data-team\n"),
        "{after}"
    );

    // `--owner` alone likewise.
    env.answer(&["data.card", "no", "--owner", "ml-team"]);
    let after_owner = block(&env.read("a.yaml"), "data.card");
    assert_eq!(after_owner, after.replace("owner: data-team", "owner: ml-team"));
}

#[test]
fn answers_are_written_in_checklist_order() {
    let env = Env::mini();
    env.answer(&["people.notes", "Notes first."]);
    env.answer(&["people.explanation", "4"]);
    env.answer(&["context.data", "ordinary"]);
    env.answer(&["data.card", "yes", "--evidence", "card.md"]);
    env.answer(&["context.people", "decides"]);
    env.answer(&["data.fairness", "yes"]);
    assert_eq!(
        answered_ids(&env.read("a.yaml")),
        [
            "context.people",
            "context.data",
            "data.card",
            "data.fairness",
            "people.explanation",
            "people.notes"
        ]
    );
}

#[test]
fn prints_what_was_recorded() {
    let env = Env::mini();
    let output = env
        .etika()
        .args([
            "answer",
            "a.yaml",
            "context.data",
            "health,none",
            "--at",
            "2026-11-29",
        ])
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.contains("context.data"), "{text}");
    assert!(text.contains("a.yaml"), "{text}");
    assert!(text.contains("none, health"), "{text}");
    assert_eq!(stderr(&output), "", "nothing more is needed for this answer");
}

#[test]
fn unknown_item_is_refused() {
    let env = Env::mini();
    let message = refused(&env, &["data.crad", "yes"]);
    assert!(message.contains("a.yaml"), "{message}");
    assert!(message.contains("`data.crad`"), "{message}");
    assert!(message.contains("etika checklist show"), "{message}");
}

#[test]
fn wrong_value_for_the_type_is_refused_with_the_accepted_values() {
    let env = Env::mini();
    let message = refused(&env, &["data.card", "maybe"]);
    assert!(message.contains("`maybe`"), "{message}");
    assert!(message.contains("yes, partial, no, unknown, n/a"), "{message}");

    let message = refused(&env, &["context.people", "sometimes"]);
    assert!(message.contains("no, recommends, decides"), "{message}");

    let message = refused(&env, &["context.data", "ordinary,genetic"]);
    assert!(message.contains("`genetic`"), "{message}");
    assert!(message.contains("none, ordinary, health"), "{message}");

    let message = refused(&env, &["people.explanation", "good"]);
    assert!(message.contains("1 to 5"), "{message}");

    let message = refused(&env, &["people.notes", "  "]);
    assert!(message.contains("people.notes"), "{message}");
}

#[test]
fn scale_out_of_range_is_refused() {
    let env = Env::mini();
    for value in ["7", "0", "-1", "2.5"] {
        let message = refused(&env, &["people.explanation", value]);
        assert!(message.contains("1 to 5"), "{value}: {message}");
    }
}

#[test]
fn empty_multi_is_refused() {
    let env = Env::mini();
    for value in ["", ",", " , "] {
        let message = refused(&env, &["context.data", value]);
        assert!(message.contains("context.data"), "{message}");
        assert!(message.contains("none, ordinary, health"), "{message}");
        // The accepted values are introduced once, not as "one of: a list of: ...".
        assert!(!message.contains("one of: a list of"), "{message}");
    }
}

#[test]
fn an_item_that_does_not_apply_is_refused() {
    let env = Env::mini();
    env.answer(&["context.people", "no"]);
    let message = refused(&env, &["data.fairness", "yes"]);
    assert!(message.contains("`data.fairness`"), "{message}");
    assert!(message.contains("does not apply"), "{message}");
    assert!(message.contains("`context.people`"), "{message}");

    // Once the context says it applies, the same answer is accepted.
    env.answer(&["context.people", "recommends"]);
    env.answer(&["data.fairness", "yes"]);
}

#[test]
fn an_item_pending_on_an_unanswered_context_question_is_refused() {
    let env = Env::mini();
    let message = refused(&env, &["data.health-consent", "yes"]);
    assert!(message.contains("`data.health-consent`"), "{message}");
    assert!(message.contains("`context.data`"), "{message}");
    assert!(message.contains("answered first"), "{message}");

    let message = refused(&env, &["data.fairness", "yes"]);
    assert!(message.contains("`context.people`"), "{message}");
}

#[test]
fn invalid_dates_are_refused() {
    let env = Env::mini();
    let message = refused(
        &env,
        &[
            "data.card",
            "no",
            "--action",
            "Write it",
            "--owner",
            "me",
            "--due",
            "next week",
        ],
    );
    assert!(message.contains("--due"), "{message}");
    assert!(message.contains("YYYY-MM-DD"), "{message}");
    let message = refused(&env, &["data.card", "no", "--due", "2027-02-30"]);
    assert!(message.contains("2027-02-30"), "{message}");
    let message = refused(&env, &["data.card", "yes", "--at", "29/11/2026"]);
    assert!(message.contains("--at"), "{message}");
}

#[test]
fn a_missing_assessment_is_not_created() {
    let env = Env::mini();
    let output = env
        .etika()
        .args(["answer", "missing.yaml", "data.card", "yes"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.starts_with("error: "), "{message}");
    assert!(message.contains("missing.yaml"), "{message}");
    assert!(!env.path("missing.yaml").exists());
}

#[test]
fn hints_say_what_is_still_needed() {
    let env = Env::mini();
    let output = env
        .etika()
        .args(["answer", "a.yaml", "data.card", "yes", "--at", "2026-11-29"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let hints = stderr(&output);
    assert!(hints.contains("still needed"), "{hints}");
    assert!(hints.contains("evidence"), "{hints}");
    assert!(env.read("a.yaml").contains("  data.card:\n    value: \"yes\"\n"));

    let output = env
        .etika()
        .args([
            "answer",
            "a.yaml",
            "people.explanation",
            "unknown",
            "--at",
            "2026-11-29",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let hints = stderr(&output);
    assert!(hints.contains("still needed"), "{hints}");
    assert!(hints.contains("rationale"), "{hints}");

    let output = env
        .etika()
        .args(["answer", "a.yaml", "people.channel", "none", "--at", "2026-11-29"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let hints = stderr(&output);
    assert!(hints.contains("rationale"), "{hints}");
    assert!(hints.contains("action"), "{hints}");

    // Complete answers get no hint.
    env.write("card.md", "# Data card\n");
    let output = env
        .etika()
        .args([
            "answer",
            "a.yaml",
            "data.card",
            "yes",
            "--evidence",
            "card.md",
            "--at",
            "2026-11-29",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stderr(&output), "");
}

#[test]
fn unknown_answers_and_signoff_written_by_hand_survive_an_answer() {
    let env = Env::mini();
    env.complete_mini();
    let mut text = env.read("a.yaml");
    text.push_str("  data.cards:\n    value: \"yes\"\n");
    text.push_str("signoff:\n- {name: rai-lead, role: Responsible AI lead, date: \"2026-12-03\"}\n");
    env.write("a.yaml", &text);
    env.answer(&["people.notes", "Changed."]);
    let saved = env.read("a.yaml");
    assert!(saved.contains("  data.cards:\n    value: \"yes\"\n"), "{saved}");
    assert!(saved.contains("name: rai-lead"), "{saved}");
    assert!(saved.contains("    value: Changed.\n"), "{saved}");
}

#[test]
fn a_comment_written_by_hand_is_announced_before_it_is_lost() {
    let env = Env::mini();
    let text = env
        .read("a.yaml")
        .replace("answers:", "# Reviewed with legal on 2026-11-20.\nanswers:");
    env.write("a.yaml", &text);
    let output = env
        .etika()
        .args(["answer", "a.yaml", "people.notes", "Hello.", "--at", "2026-11-29"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let note = stderr(&output);
    assert!(note.contains("comments"), "{note}");
    assert!(note.contains("a.yaml"), "{note}");
}

#[test]
fn a_hash_inside_a_multi_line_answer_is_not_a_comment() {
    let env = Env::mini();
    env.answer(&["people.notes", "Two issues:\n#1 drift, #2 bias"]);
    let saved = env.read("a.yaml");
    assert!(saved.contains("#1 drift, #2 bias"), "{saved}");
    // The next write must not claim that the file has comments it would drop.
    let output = env
        .etika()
        .args([
            "answer",
            "a.yaml",
            "people.explanation",
            "4",
            "--at",
            "2026-11-29",
        ])
        .output()
        .unwrap();
    assert!(output.status.success());
    let note = stderr(&output);
    assert!(!note.contains("comments"), "{note}");
    assert!(env.read("a.yaml").contains("#1 drift, #2 bias"));
}

#[test]
fn a_repeated_exclusive_option_is_one_choice() {
    let env = Env::mini();
    env.write(
        "mini.yaml",
        &crate::common::MINI.replace(
            "- {value: none, label: {en: None, id: Tidak ada}, risk: 0}",
            "- {value: none, label: {en: None, id: Tidak ada}, risk: 0, exclusive: true}",
        ),
    );
    env.answer(&["context.data", "none,none"]);
    assert!(env.read("a.yaml").contains("context.data:\n    value: [none]"));
    let output = env
        .etika()
        .args(["answer", "a.yaml", "context.data", "none,health"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(crate::common::stderr(&output).contains("`none` cannot be combined with other options"));
}
