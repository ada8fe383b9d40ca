//! `etika assess` driven through a pseudo-terminal, as a person would use it.

use std::process::Command;
use std::time::Duration;

use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};

use crate::common::Env;

const ENTER: &str = "\r";
const SPACE: &str = " ";
const TIMEOUT_MS: u64 = 20_000;

fn spawn_assess(env: &Env) -> PtySession {
    spawn_assess_with(env, &["a.yaml"])
}

fn spawn_assess_with(env: &Env, args: &[&str]) -> PtySession {
    let mut command = Command::new(env!("CARGO_BIN_EXE_etika"));
    command
        .current_dir(env.root())
        .arg("assess")
        .args(args)
        .env("TERM", "xterm")
        .env("LANG", "C")
        .env_remove("ETIKA_LANG")
        .env_remove("ETIKA_USER")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("USER", "tester")
        .env("LOGNAME", "tester")
        .env_remove("LC_ALL");
    spawn_command(command, Some(TIMEOUT_MS)).expect("spawn etika assess in a pty")
}

/// Waits for a prompt to be drawn; keys sent earlier could be dropped when the
/// prompt switches the terminal to raw mode.
fn expect_prompt(session: &mut PtySession, question: &str) -> String {
    let before = session.exp_string(question).unwrap();
    session.exp_string("Ctrl-C").unwrap();
    before
}

/// Types keys; rexpect buffers them until flushed.
fn press(session: &mut PtySession, keys: &str) {
    session.send(keys).unwrap();
    session.flush().unwrap();
}

fn exit_code(session: &mut PtySession) -> i32 {
    for _ in 0..100 {
        match session.process().status() {
            Some(WaitStatus::Exited(_, code)) => return code,
            Some(WaitStatus::StillAlive) | None => std::thread::sleep(Duration::from_millis(100)),
            Some(other) => panic!("etika assess ended with {other:?}"),
        }
    }
    panic!("etika assess did not exit");
}

#[test]
fn answers_are_saved_on_ctrl_c_and_the_walk_resumes() {
    let env = Env::mini();

    let mut session = spawn_assess(&env);
    expect_prompt(&mut session, "Does the system make decisions about people?");
    // Second option: "It recommends".
    press(&mut session, "\x1b[B");
    press(&mut session, ENTER);
    expect_prompt(&mut session, "What personal data does it use?");
    // Tick the first option ("None") and confirm.
    press(&mut session, SPACE);
    press(&mut session, ENTER);
    expect_prompt(&mut session, "Is there a data card?");
    session.send_control('c').unwrap();
    session.exp_string("Interrupted").unwrap();
    assert_eq!(exit_code(&mut session), 130);

    let saved = env.read("a.yaml");
    assert!(
        saved.contains("context.people:\n    value: recommends"),
        "{saved}"
    );
    assert!(saved.contains("context.data:\n    value: [none]"), "{saved}");
    assert!(!saved.contains("data.card"), "{saved}");

    // Second run starts at the third item, not at the beginning.
    let mut session = spawn_assess(&env);
    let before = expect_prompt(&mut session, "Is there a data card?");
    assert!(
        !before.contains("Does the system make decisions"),
        "asked again: {before}"
    );
    session.send_control('c').unwrap();
    assert_eq!(exit_code(&mut session), 130);
}

#[test]
fn an_adverse_answer_asks_for_an_action_and_conditions_skip_items() {
    let env = Env::mini();
    env.answer(&["context.people", "no"]);
    env.answer(&["context.data", "none"]);

    let mut session = spawn_assess(&env);
    expect_prompt(&mut session, "Is there a data card?");
    // Yes / Partly / No: choose "No".
    press(&mut session, "\x1b[B\x1b[B");
    press(&mut session, ENTER);
    expect_prompt(&mut session, "Rationale");
    press(&mut session, "No one wrote one yet");
    press(&mut session, ENTER);
    expect_prompt(&mut session, "Action");
    press(&mut session, "Write the data card");
    press(&mut session, ENTER);
    expect_prompt(&mut session, "Owner");
    press(&mut session, "data-team");
    press(&mut session, ENTER);
    expect_prompt(&mut session, "Due date");
    press(&mut session, "soon");
    press(&mut session, ENTER);
    session.exp_string("YYYY-MM-DD").unwrap();
    // The date prompt asks again after an invalid date.
    expect_prompt(&mut session, "Due date");
    press(&mut session, "2027-01-15");
    press(&mut session, ENTER);
    // data.fairness and data.health-consent do not apply: next is the scale.
    let skipped = expect_prompt(&mut session, "How well can a decision be explained?");
    assert!(!skipped.contains("compared across groups"), "{skipped}");
    session.send_control('c').unwrap();
    assert_eq!(exit_code(&mut session), 130);

    let saved = env.read("a.yaml");
    assert!(
        saved.contains(
            "data.card:\n    value: \"no\"\n    rationale: No one wrote one yet\n    action:\n      text: Write the data card\n      owner: data-team\n      due: \"2027-01-15\""
        ),
        "{saved}"
    );
}

#[test]
fn without_a_terminal_assess_points_to_answer() {
    let env = Env::mini();
    let output = env.etika().args(["assess", "a.yaml"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = crate::common::stderr(&output);
    assert!(stderr.contains("needs a terminal"), "{stderr}");
    assert!(stderr.contains("etika answer a.yaml ITEM VALUE"), "{stderr}");
}

#[test]
fn review_keeps_an_answer_on_enter_and_section_limits_the_walk() {
    let env = Env::mini();
    env.answer(&["context.people", "recommends"]);
    env.answer(&["context.data", "none"]);
    env.answer(&["data.card", "yes", "--evidence", "docs/card.md"]);

    // --section people: context is answered, so the walk starts in the people section.
    let mut session = spawn_assess_with(&env, &["a.yaml", "--section", "people"]);
    let before = expect_prompt(&mut session, "How well can a decision be explained?");
    assert!(!before.contains("Is there a data card?"), "{before}");
    session.send_control('c').unwrap();
    assert_eq!(exit_code(&mut session), 130);

    // --review starts at the first item with its current answer selected.
    let mut session = spawn_assess_with(&env, &["a.yaml", "--review"]);
    expect_prompt(&mut session, "Does the system make decisions about people?");
    press(&mut session, ENTER);
    expect_prompt(&mut session, "What personal data does it use?");
    session.send_control('c').unwrap();
    assert_eq!(exit_code(&mut session), 130);
    let saved = env.read("a.yaml");
    assert!(
        saved.contains("context.people:\n    value: recommends"),
        "{saved}"
    );
}

#[test]
fn assess_creates_a_missing_file_after_asking_the_system_name() {
    let env = Env::new();
    env.write("mini.yaml", crate::common::MINI);
    let mut session = spawn_assess_with(&env, &["--checklist", "mini.yaml", "new.yaml"]);
    expect_prompt(&mut session, "Name of the AI system being assessed");
    press(&mut session, "Fraud screening");
    press(&mut session, ENTER);
    expect_prompt(&mut session, "Does the system make decisions about people?");
    session.send_control('c').unwrap();
    assert_eq!(exit_code(&mut session), 130);
    let saved = env.read("new.yaml");
    assert!(
        saved.contains("checklist: {id: mini, version: \"1.1.0\", path: mini.yaml}"),
        "{saved}"
    );
    assert!(saved.contains("name: Fraud screening"), "{saved}");
    // The schema the new file's modeline names, for editors.
    let schema = env.etika().args(["schema", "assessment"]).output().unwrap();
    assert_eq!(
        env.read(".etika/assessment.schema.json").as_bytes(),
        schema.stdout
    );
}

#[test]
fn esc_at_an_action_prompt_keeps_the_earlier_value() {
    let env = Env::mini();
    env.answer(&["context.people", "no"]);
    env.answer(&["context.data", "none"]);
    env.answer(&[
        "data.card",
        "no",
        "--rationale",
        "Not written yet",
        "--action",
        "Write it",
        "--owner",
        "alice",
        "--due",
        "2030-01-01",
    ]);
    let mut session = spawn_assess_with(&env, &["a.yaml", "--review", "--section", "data"]);
    expect_prompt(&mut session, "Is there a data card?");
    press(&mut session, ENTER);
    expect_prompt(&mut session, "Rationale");
    press(&mut session, ENTER);
    expect_prompt(&mut session, "Action");
    press(&mut session, ENTER);
    expect_prompt(&mut session, "Owner");
    press(&mut session, "\x1b");
    expect_prompt(&mut session, "Due date");
    press(&mut session, ENTER);
    // The review covers only the data section; data.fairness does not apply.
    session.exp_string("1 answer(s) saved in a.yaml.").unwrap();
    assert_eq!(exit_code(&mut session), 0);
    let saved = env.read("a.yaml");
    assert!(saved.contains("      owner: alice\n"), "{saved}");
}

#[test]
fn an_unknown_section_is_refused_before_a_new_file_is_created() {
    let env = Env::new();
    let mut session = spawn_assess_with(&env, &["new.yaml", "--section", "nope"]);
    session.exp_string("has no section `nope`").unwrap();
    assert_eq!(exit_code(&mut session), 2);
    assert!(!env.path("new.yaml").exists());
    assert!(!env.path(".etika").exists());
}

#[test]
fn a_stale_answer_is_asked_first_from_its_earlier_answer_and_clears() {
    let env = Env::mini();
    env.complete_mini();
    // The data-card question is reworded after the assessment was done.
    env.write(
        "mini.yaml",
        &crate::common::MINI.replace(
            "{en: Is there a data card?,",
            "{en: Is there an up-to-date data card?,",
        ),
    );
    let before = env
        .etika()
        .args(["validate", "a.yaml", "--today", "2026-11-29"])
        .output()
        .unwrap();
    assert_eq!(before.status.code(), Some(1));

    let mut session = spawn_assess(&env);
    // Asked first, though every item is answered, saying what changed.
    let shown = expect_prompt(&mut session, "Is there an up-to-date data card?");
    assert!(
        shown.contains("This item changed since it was answered: the question."),
        "{shown}"
    );
    assert!(
        shown.contains("Earlier answer (kept if you choose it again): yes"),
        "{shown}"
    );
    // The cursor starts at the earlier answer: Enter confirms it.
    press(&mut session, ENTER);
    // The evidence given before is offered again; an empty line finishes.
    expect_prompt(&mut session, "an empty line finishes (1)");
    press(&mut session, ENTER);
    expect_prompt(&mut session, "an empty line finishes (2)");
    press(&mut session, ENTER);
    session.exp_string("answer(s) saved").unwrap();
    assert_eq!(exit_code(&mut session), 0);

    let after = env
        .etika()
        .args(["validate", "a.yaml", "--today", "2026-11-29", "--format", "json"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&after.stdout);
    assert!(!text.contains("stale-answer"), "{text}");
    assert!(
        env.read("a.yaml").contains("    - docs/data-card.md\n"),
        "the evidence is kept"
    );
}
