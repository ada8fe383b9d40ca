//! Answers that know when they are out of date: each answer records what it
//! was asked (`asked:`), and `validate` reports the answers whose item has
//! changed since, whatever the changelog says.

use crate::common::{Env, MINI, stderr, validate_findings, without_fingerprints};

/// A complete, signed mini assessment whose checklist then becomes `checklist`.
fn assessed_then_changed(change: impl Fn(&str) -> String) -> Env {
    let env = Env::mini();
    env.complete_mini();
    env.sign();
    env.write("mini.yaml", &change(MINI));
    env
}

/// A release 1.2.0 on top of the mini checklist's changelog.
fn release(checklist: &str, entry: &str) -> String {
    checklist
        .replace("version: \"1.1.0\"\n", "version: \"1.2.0\"\n")
        .replace(
            "changelog:\n",
            &format!("changelog:\n  - version: 1.2.0\n    date: 2026-12-01\n{entry}"),
        )
}

/// (rule, level, item, message, line) of a finding.
type Finding = (String, String, Option<String>, String, Option<u64>);

fn findings(env: &Env) -> (Option<i32>, Vec<Finding>) {
    let (code, findings) = validate_findings(env, "a.yaml", &[]);
    let found = findings
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["level"].as_str().unwrap().to_string(),
                f["item"].as_str().map(str::to_string),
                f["message"].as_str().unwrap().to_string(),
                f["line"].as_u64(),
            )
        })
        .collect();
    (code, found)
}

fn key_line(env: &Env, id: &str) -> u64 {
    let text = env.read("a.yaml");
    1 + text.lines().position(|l| l == format!("  {id}:")).unwrap() as u64
}

#[test]
fn a_reworded_question_is_found_without_the_changelog() {
    // The author forgot the changelog and the version: the fingerprint tells.
    let env = assessed_then_changed(|mini| {
        mini.replace(
            "{en: Is there a data card?,",
            "{en: Is there an up-to-date data card?,",
        )
    });
    let (code, found) = findings(&env);
    assert_eq!(code, Some(1), "{found:?}");
    assert_eq!(found.len(), 1, "{found:#?}");
    let (rule, level, item, message, line) = &found[0];
    assert_eq!((rule.as_str(), level.as_str()), ("stale-answer", "error"));
    assert_eq!(item.as_deref(), Some("data.card"));
    assert_eq!(*line, Some(key_line(&env, "data.card")));
    assert_eq!(
        message,
        "`data.card`: the question changed since this answer was given: review the answer \
         (`etika assess` asks it first, or `etika answer`)"
    );
}

#[test]
fn each_kind_of_change_is_named() {
    let cases: [(&str, &str, &str); 3] = [
        (
            "people.channel",
            "- {value: none, label: {en: No channel, id: Tidak ada saluran}, adverse: true}\n",
            "- {value: none, label: {en: No channel, id: Tidak ada saluran}, adverse: true}\n          - {value: ombudsman, label: {en: An ombudsman, id: Ombudsman}}\n",
        ),
        (
            "data.card",
            "        severity: medium\n        requires: [evidence]\n",
            "        severity: high\n        requires: [evidence]\n",
        ),
        (
            "people.notes",
            "question: {en: Anything else reviewers should know?, id: Hal lain yang perlu diketahui peninjau?}\n        type: text",
            "question: {en: Anything else reviewers should know?, id: Hal lain yang perlu diketahui peninjau?}\n        type: scale",
        ),
    ];
    let expected = ["options", "severity", "type"];
    for ((id, from, to), part) in cases.into_iter().zip(expected) {
        let env = assessed_then_changed(|mini| {
            assert!(mini.contains(from), "{from}");
            mini.replace(from, to)
        });
        let (code, found) = findings(&env);
        assert_eq!(code, Some(1), "{found:?}");
        let stale: Vec<_> = found.iter().filter(|f| f.0 == "stale-answer").collect();
        assert_eq!(stale.len(), 1, "{id}: {found:#?}");
        assert_eq!(stale[0].2.as_deref(), Some(id));
        assert!(
            stale[0].3.contains(&format!("the {part} changed since")),
            "{id}: {}",
            stale[0].3
        );
    }
}

#[test]
fn a_new_release_names_changed_added_and_removed_items() {
    let env = assessed_then_changed(|mini| {
        let mini = mini
            .replace("{en: Is there a data card?,", "{en: Is there an up-to-date data card?,")
            .replace(
                "      - id: data.fairness\n",
                "      - id: data.provenance\n        question: {en: Is the data's origin recorded?, id: Apakah asal data dicatat?}\n        type: yes-no\n        severity: low\n      - id: data.fairness\n",
            );
        let without_notes = mini.split("      - id: people.notes").next().unwrap().to_string();
        release(
            &without_notes,
            "    notes: Asks for an up-to-date card.\n    changed: [data.card]\n    added: [data.provenance]\n    removed: [people.notes]\n",
        )
    });
    let (code, found) = findings(&env);
    assert_eq!(code, Some(1));
    let rules: Vec<(&str, &str)> = found.iter().map(|f| (f.0.as_str(), f.1.as_str())).collect();
    assert_eq!(
        rules,
        [
            ("checklist-version", "warning"),
            ("stale-answer", "error"),
            ("missing-answer", "error"),
            ("unknown-item", "error"),
        ],
        "{found:#?}"
    );
    assert!(
        found[0]
            .3
            .contains("made against mini 1.1.0 but the checklist is now 1.2.0"),
        "{}",
        found[0].3
    );
    // The changelog is the human explanation, shown with the finding.
    assert!(
        found[1].3.contains(
            "the question changed since this answer was given (1.2.0: Asks for an up-to-date card.)"
        ),
        "{}",
        found[1].3
    );
    assert!(
        found[2]
            .3
            .contains("`data.provenance` is not answered (new in version 1.2.0"),
        "{}",
        found[2].3
    );
    assert!(
        found[3].3.contains("(removed in version 1.2.0)"),
        "{}",
        found[3].3
    );
}

#[test]
fn confirming_a_stale_answer_clears_it_and_moves_the_version() {
    let env = assessed_then_changed(|mini| {
        release(
            &mini.replace(
                "{en: Is there a data card?,",
                "{en: Is there an up-to-date data card?,",
            ),
            "    changed: [data.card]\n",
        )
    });
    assert_eq!(findings(&env).0, Some(1));
    let output = env
        .etika()
        .args(["answer", "a.yaml", "data.card", "yes", "--at", "2026-11-29"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("no answer is left to review: a.yaml now follows checklist mini 1.2.0"),
        "{}",
        stderr(&output)
    );
    assert!(env.read("a.yaml").contains("version: \"1.2.0\""));
    assert_eq!(findings(&env), (Some(0), Vec::new()));
}

#[test]
fn a_version_change_with_no_changed_item_is_a_warning_and_the_next_save_moves_it() {
    let env = assessed_then_changed(|mini| release(mini, "    notes: Typo fixes in help texts.\n"));
    let (code, found) = findings(&env);
    assert_eq!(code, Some(0), "{found:?}");
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].0.as_str(), found[0].1.as_str()),
        ("checklist-version", "warning")
    );
    env.answer(&["people.notes", "Model v3, retrained monthly."]);
    assert!(env.read("a.yaml").contains("version: \"1.2.0\""));
    assert_eq!(findings(&env), (Some(0), Vec::new()));
}

#[test]
fn files_from_before_fingerprints_are_read_and_get_them_on_the_next_save() {
    let env = Env::mini();
    env.complete_mini();
    env.sign();
    let old = without_fingerprints(&env.read("a.yaml"));
    env.write("a.yaml", &old);
    assert_eq!(findings(&env), (Some(0), Vec::new()));
    env.answer(&["people.notes", "Retrained monthly."]);
    let saved = env.read("a.yaml");
    // Every answer, not only the one given.
    assert_eq!(saved.matches("    asked: {").count(), 8, "{saved}");
    assert!(saved.contains("  data.card:\n    value: \"yes\"\n    evidence:\n    - docs/data-card.md\n    by: tester\n    at: \"2026-11-29\"\n    asked: {version: \"1.1.0\", question: 66074d28, type: yes-no, severity: medium}\n"), "{saved}");
}

#[test]
fn an_old_file_made_against_an_older_version_keeps_no_fingerprint_it_did_not_earn() {
    let env = Env::mini();
    env.complete_mini();
    let old = without_fingerprints(&env.read("a.yaml"));
    env.write("a.yaml", &old.replace("version: \"1.1.0\"", "version: \"1.0.0\""));
    // data.card changed in 1.1.0 (changelog); answering another item must not hide it.
    env.answer(&["people.notes", "Retrained monthly."]);
    let (_, found) = findings(&env);
    assert!(
        found
            .iter()
            .any(|f| f.0 == "stale-answer" && f.2.as_deref() == Some("data.card")),
        "{found:#?}"
    );
    let saved = env.read("a.yaml");
    assert!(saved.contains("version: \"1.0.0\""), "{saved}");
    assert!(
        !saved.contains("  data.card:\n    value: \"yes\"\n    evidence:\n    - docs/data-card.md\n    at: \"2026-11-29\"\n    asked:"),
        "{saved}"
    );
}

#[test]
fn the_changelog_still_counts_for_what_a_fingerprint_cannot_see() {
    // An option's label changes meaning; values, question and type stay.
    let env = assessed_then_changed(|mini| {
        release(
            &mini.replace(
                "{value: human-review, label: {en: Human review, id: Peninjauan manusia}}",
                "{value: human-review, label: {en: Human review within 24 hours, id: Peninjauan manusia dalam 24 jam}}",
            ),
            "    notes: Human review must now happen within 24 hours.\n    changed: [people.channel]\n",
        )
    });
    let (code, found) = findings(&env);
    assert_eq!(code, Some(1), "{found:#?}");
    let stale: Vec<_> = found.iter().filter(|f| f.0 == "stale-answer").collect();
    assert_eq!(stale.len(), 1, "{found:#?}");
    assert_eq!(stale[0].2.as_deref(), Some("people.channel"));
    assert!(
        stale[0].3.contains("the question changed in mini 1.2.0"),
        "{}",
        stale[0].3
    );
    // Confirming it records the new version with the answer and clears it.
    env.answer(&[
        "people.channel",
        "human-review",
        "--rationale",
        "Appeals go to a credit officer.",
    ]);
    assert_eq!(findings(&env), (Some(0), Vec::new()));
    assert!(
        env.read("a.yaml")
            .contains("checklist: {id: mini, version: \"1.2.0\"")
    );
}

#[test]
fn a_checklist_version_that_is_not_one_is_an_error_and_never_moved() {
    let env = Env::mini();
    env.complete_mini();
    env.sign();
    let text = without_fingerprints(&env.read("a.yaml"))
        .replace("mini, version: \"1.1.0\"", "mini, version: \"v1\"");
    env.write("a.yaml", &text);
    let (code, found) = findings(&env);
    assert_eq!(code, Some(1));
    assert_eq!(found[0].0, "checklist-version");
    assert!(found[0].3.contains("`v1` is not a version"), "{}", found[0].3);
    env.answer(&["people.notes", "Again."]);
    assert!(
        env.read("a.yaml").contains("mini, version: v1"),
        "{}",
        env.read("a.yaml")
    );
}
