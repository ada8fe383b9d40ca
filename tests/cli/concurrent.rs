//! Several writers on one assessment: nothing they save is lost.

use std::process::Stdio;

use crate::common::{Env, stderr};

/// Items of the mini checklist that always apply, one per writer.
const ITEMS: [&str; 4] = [
    "people.notes",
    "data.card",
    "people.explanation",
    "context.people",
];
const VALUES: [&str; 4] = ["notes", "yes", "4", "decides"];

/// Four `etika answer` runs at once on different items, round after round;
/// an answer is lost when the file does not hold it once all four are done.
#[test]
fn concurrent_answers_to_different_items_are_all_kept() {
    let env = Env::mini();
    let rounds = 100;
    let mut lost = Vec::new();
    let started = std::time::Instant::now();
    for round in 0..rounds {
        let children: Vec<_> = ITEMS
            .iter()
            .zip(VALUES)
            .map(|(item, value)| {
                env.process()
                    .args(["answer", "a.yaml", item, value, "--rationale"])
                    .arg(format!("{item} round {round}"))
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let output = child.wait_with_output().unwrap();
            assert!(output.status.success(), "round {round}: {}", stderr(&output));
        }
        let saved = env.read("a.yaml");
        for item in ITEMS {
            if !saved.contains(&format!("rationale: {item} round {round}\n")) {
                lost.push(format!("round {round}: {item}"));
            }
        }
    }
    eprintln!(
        "concurrency loop: {rounds} rounds x {} writers in {:.1?}, {} answers lost",
        ITEMS.len(),
        started.elapsed(),
        lost.len()
    );
    assert_eq!(lost, Vec::<String>::new(), "answers lost");
    assert!(!env.path(".a.yaml.lock").exists(), "the lock file is removed");
}

#[test]
fn an_answer_changed_by_someone_else_meanwhile_is_not_overwritten() {
    let env = Env::mini();
    // Two writers on the same item at once: one wins, the other is told; the
    // file holds one whole answer, never a mix.
    for round in 0..10 {
        let children: Vec<_> = ["first", "second"]
            .iter()
            .map(|who| {
                env.process()
                    .args(["answer", "a.yaml", "people.notes", &format!("{who} {round}")])
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let outputs: Vec<_> = children
            .into_iter()
            .map(|c| c.wait_with_output().unwrap())
            .collect();
        assert!(outputs.iter().any(|o| o.status.success()), "round {round}");
        for output in outputs.iter().filter(|o| !o.status.success()) {
            assert_eq!(output.status.code(), Some(2));
            let message = stderr(output);
            assert!(
                message.contains(
                    "the answer to `people.notes` was changed by someone else while etika had the file open"
                ) && message.contains("--overwrite"),
                "{message}"
            );
        }
        let saved = env.read("a.yaml");
        assert!(
            saved.contains(&format!("value: first {round}\n"))
                || saved.contains(&format!("value: second {round}\n")),
            "{saved}"
        );
    }
}

/// Holds the assessment's save lock, as a save in another etika would.
fn hold_lock(env: &Env) -> std::fs::File {
    let lock = std::fs::File::create(env.path(".a.yaml.lock")).unwrap();
    lock.lock().unwrap();
    std::fs::write(
        env.path(".a.yaml.lock"),
        format!("{} etika answer\n", std::process::id()),
    )
    .unwrap();
    lock
}

/// A hand edit (or `git pull`) between etika's read and its save is merged
/// like another etika's: a different item is kept; the same item is refused,
/// naming their answer, unless `--overwrite`. The test holds the lock so the
/// edit lands after etika read the file and before it saves.
#[test]
fn an_edit_between_read_and_save_is_merged_and_a_conflict_refused_unless_overwrite() {
    let env = Env::mini();
    env.answer(&["people.notes", "ours", "--by", "ana"]);
    let text = env.read("a.yaml");
    let theirs = text
        .replace("value: ours\n", "value: theirs\n")
        .replace("by: ana\n", "by: budi\n");
    let run_while_edited = |args: &[&str], edited: &str| {
        let lock = hold_lock(&env);
        let child = env
            .process()
            .args(["answer", "a.yaml"])
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // etika has read the file by now and waits for the lock.
        std::thread::sleep(std::time::Duration::from_millis(500));
        env.write("a.yaml", edited);
        drop(lock);
        child.wait_with_output().unwrap()
    };

    let output = run_while_edited(&["people.notes", "mine"], &theirs);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(message.contains("(now: `theirs` (budi, "), "{message}");
    assert!(message.contains("--overwrite"), "{message}");
    assert!(env.read("a.yaml").contains("value: theirs\n"));

    let output = run_while_edited(&["people.notes", "mine", "--overwrite"], &text);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(env.read("a.yaml").contains("value: mine\n"));

    // Another item edited meanwhile: both kept.
    let before = env.read("a.yaml");
    let edited = before.replace("value: mine\n", "value: edited by hand\n");
    let output = run_while_edited(
        &[
            "data.card",
            "no",
            "--rationale",
            "r",
            "--action",
            "a",
            "--owner",
            "o",
            "--due",
            "2027-01-01",
        ],
        &edited,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let saved = env.read("a.yaml");
    assert!(
        saved.contains("value: edited by hand\n") && saved.contains("value: \"no\"\n"),
        "{saved}"
    );
}

#[test]
fn a_held_lock_makes_a_save_wait_then_fail_naming_the_holder() {
    let env = Env::mini();
    let before = env.read("a.yaml");
    let _lock = hold_lock(&env);
    let output = env
        .etika()
        .args(["answer", "a.yaml", "people.notes", "x"])
        .env("ETIKA_LOCK_WAIT", "0.3")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains(&format!(
            "is being saved by pid {} (`etika answer`)",
            std::process::id()
        )) && message.contains("wrote nothing"),
        "{message}"
    );
    assert_eq!(env.read("a.yaml"), before);
}

#[test]
fn a_huge_lock_wait_is_no_panic() {
    let env = Env::mini();
    let output = env
        .etika()
        .env("ETIKA_LOCK_WAIT", "1e300")
        .args(["answer", "a.yaml", "people.notes", "x"])
        .output()
        .unwrap();
    assert_ne!(output.status.code(), Some(101), "{}", stderr(&output));
}
