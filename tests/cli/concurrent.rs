//! Several writers on one assessment: nothing they save is lost.

use std::process::{Command, Stdio};

use crate::common::{Env, stderr};

/// Items of the mini checklist that always apply, one per writer.
const ITEMS: [&str; 4] = [
    "people.notes",
    "data.card",
    "people.explanation",
    "context.people",
];
const VALUES: [&str; 4] = ["notes", "yes", "4", "decides"];

#[test]
fn concurrent_answers_to_different_items_are_all_kept() {
    let env = Env::mini();
    let rounds = 15;
    for round in 0..rounds {
        let children: Vec<_> = ITEMS
            .iter()
            .zip(VALUES)
            .map(|(item, value)| {
                Command::new(env!("CARGO_BIN_EXE_etika"))
                    .current_dir(env.root())
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
            assert!(
                saved.contains(&format!("rationale: {item} round {round}\n")),
                "round {round}: the answer to {item} was lost:\n{saved}"
            );
        }
    }
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
                Command::new(env!("CARGO_BIN_EXE_etika"))
                    .current_dir(env.root())
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
            assert!(
                stderr(output).contains("was changed by someone else while etika had it open, including the answer to `people.notes`"),
                "{}",
                stderr(output)
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
