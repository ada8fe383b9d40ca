//! `etika diff OLD NEW`: files and git revisions, every format, findings
//! introduced and resolved, errors.

use crate::common::{Env, stderr, stdout};
use crate::tables::{assert_rows_fit, html};

/// `git ARGS` in the test folder, which must succeed.
fn git(env: &Env, args: &[&str]) {
    let output = std::process::Command::new("git")
        .current_dir(env.root())
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "tester")
        .env("GIT_AUTHOR_EMAIL", "tester@example.org")
        .env("GIT_COMMITTER_NAME", "tester")
        .env("GIT_COMMITTER_EMAIL", "tester@example.org")
        .output()
        .unwrap();
    assert!(output.status.success(), "git {args:?}: {}", stderr(&output));
}

/// `etika answer a.yaml ARGS --at 2026-12-01`: a change made after the sign-off.
fn answer_later(env: &Env, args: &[&str]) {
    env.etika()
        .args(["answer", "a.yaml"])
        .args(args)
        .args(["--at", "2026-12-01"])
        .assert()
        .success();
}

/// A repository whose commit has the complete mini assessment (signed
/// off, but with one adverse answer and no action for it), and a working
/// tree where answers changed since: the missing action is resolved,
/// another one introduced, an action closed and one opened.
fn repository() -> Env {
    let env = Env::mini();
    git(&env, &["init", "-q", "-b", "main"]);
    env.complete_mini();
    env.answer(&["people.explanation", "2"]);
    env.sign();
    git(&env, &["add", "-A"]);
    git(&env, &["commit", "-q", "-m", "assessment"]);
    answer_later(&env, &["context.data", "ordinary"]);
    answer_later(&env, &["people.explanation", "4"]);
    answer_later(&env, &["people.channel", "none"]);
    answer_later(&env, &["data.fairness", "yes"]);
    answer_later(
        &env,
        &[
            "data.card",
            "no",
            "--action",
            "Rewrite the data card",
            "--owner",
            "docs-team",
            "--due",
            "2027-04-01",
        ],
    );
    env
}

fn diff(env: &Env, args: &[&str]) -> String {
    let output = env
        .etika()
        .arg("diff")
        .args(args)
        .args(["--today", "2026-12-02"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    stdout(&output)
}

#[test]
fn a_file_against_its_last_commit_as_text() {
    let env = repository();
    let text = diff(&env, &["HEAD:a.yaml", "a.yaml"]);
    assert!(text.contains("~ people.explanation: 2 → 4"), "{text}");
    insta::assert_snapshot!("diff_git_text", text);
}

#[test]
fn a_file_against_its_last_commit_as_markdown() {
    let env = repository();
    let text = diff(&env, &["HEAD:a.yaml", "a.yaml", "--format", "markdown"]);
    assert_rows_fit(&text);
    insta::assert_snapshot!("diff_git_markdown", text);
}

#[test]
fn a_file_against_its_last_commit_as_json() {
    let env = repository();
    let text = diff(&env, &["HEAD:a.yaml", "a.yaml", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["differs"], true);
    let ids = |list: &serde_json::Value| -> Vec<(String, String)> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().to_string(),
                    f["item"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect()
    };
    // Matched by rule and item: the line of each finding moved, and does not count.
    let missing = |item: &str| ("missing-action".to_string(), item.to_string());
    let note = (
        "not-applicable-answered".to_string(),
        "data.health-consent".to_string(),
    );
    assert_eq!(
        ids(&json["findings"]["introduced"]),
        [note, missing("people.channel")],
        "{text}"
    );
    assert_eq!(
        ids(&json["findings"]["resolved"]),
        [missing("people.explanation")],
        "{text}"
    );
    let items = |list: &serde_json::Value| -> Vec<String> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|a| a["item"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(items(&json["actions"]["opened"]), ["data.card"]);
    assert_eq!(items(&json["actions"]["closed"]), ["data.fairness"]);
    assert_eq!(json["actions"]["closed"][0]["now"], "closed");
    assert_eq!(json["signoff"]["before"]["holds"], true);
    assert_eq!(json["signoff"]["after"]["holds"], false);
    insta::assert_snapshot!("diff_git_json", text);
}

#[test]
fn exit_code_says_whether_they_differ() {
    let env = repository();
    let code = |args: &[&str]| env.etika().arg("diff").args(args).output().unwrap().status.code();
    assert_eq!(code(&["HEAD:a.yaml", "a.yaml"]), Some(0));
    assert_eq!(code(&["HEAD:a.yaml", "a.yaml", "--exit-code"]), Some(1));
    assert_eq!(code(&["a.yaml", "a.yaml", "--exit-code"]), Some(0));
    let same = diff(&env, &["a.yaml", "a.yaml"]);
    assert_eq!(same, "a.yaml → a.yaml\nNo differences.\n");
}

#[test]
fn two_files_with_added_and_removed_answers() {
    let env = Env::mini();
    env.answer(&["context.people", "no"]);
    env.answer(&["people.notes", "First notes."]);
    let before = env.read("a.yaml");
    env.write("old.yaml", &before);
    // A removed answer: written out of the file by hand.
    let text: String = env
        .read("a.yaml")
        .split_inclusive('\n')
        .scan(false, |inside, line| {
            if line.starts_with("  people.notes:") {
                *inside = true;
            } else if !line.starts_with("    ") {
                *inside = false;
            }
            Some(if *inside { String::new() } else { line.to_string() })
        })
        .collect();
    env.write("a.yaml", &text);
    env.answer(&["context.data", "none"]);
    let json: serde_json::Value =
        serde_json::from_str(&diff(&env, &["old.yaml", "a.yaml", "--format", "json"])).unwrap();
    let changes: Vec<(&str, &str)> = json["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["item"].as_str().unwrap(), a["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(changes, [("context.data", "added"), ("people.notes", "removed")]);
}

/// PATH after the revision is relative to the current folder, as on the
/// command line, not to the top of the repository.
#[test]
fn a_revision_path_is_relative_to_the_current_folder() {
    let env = Env::new();
    env.write("mini.yaml", crate::common::MINI);
    git(&env, &["init", "-q", "-b", "main"]);
    env.init("team/a.yaml", "mini.yaml", "Team model");
    git(&env, &["add", "-A"]);
    git(&env, &["commit", "-q", "-m", "start"]);
    env.etika()
        .args([
            "answer",
            "team/a.yaml",
            "context.people",
            "no",
            "--at",
            "2026-12-01",
        ])
        .assert()
        .success();
    let absolute = format!("HEAD:{}", env.path("team/a.yaml").display());
    for (folder, old, new) in [
        ("team", "HEAD:a.yaml", "a.yaml"),
        ("team", "HEAD:./a.yaml", "./a.yaml"),
        (".", "HEAD:team/a.yaml", "team/a.yaml"),
        ("team", "HEAD:../team/a.yaml", "a.yaml"),
        (".", absolute.as_str(), "team/a.yaml"),
    ] {
        let output = env
            .etika()
            .current_dir(env.path(folder))
            .args(["diff", old, new, "--format", "json"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{old}: {}", stderr(&output));
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(json["answers"][0]["item"], "context.people", "{old}");
    }
}

#[test]
fn an_existing_file_wins_over_a_revision() {
    let env = Env::mini();
    env.answer(&["context.people", "no"]);
    // No repository here: read as a revision it would fail.
    env.write("HEAD:a.yaml", &env.read("a.yaml"));
    let text = diff(&env, &["HEAD:a.yaml", "a.yaml"]);
    assert_eq!(text, "HEAD:a.yaml → a.yaml\nNo differences.\n");
}

#[test]
fn a_bad_revision_is_an_error_naming_it() {
    let env = repository();
    let output = env
        .etika()
        .args(["diff", "no-such-branch:a.yaml", "a.yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.starts_with("error: cannot read `no-such-branch:a.yaml`: git cannot show `a.yaml` at revision `no-such-branch`: "),
        "{message}"
    );
    assert!(stdout(&output).is_empty());
    let output = env
        .etika()
        .args(["diff", "HEAD:gone.yaml", "a.yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("`gone.yaml`"), "{}", stderr(&output));
    let output = env
        .etika()
        .args(["diff", "HEAD:docs", "a.yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: cannot read `HEAD:docs`: `docs` is a folder at revision `HEAD`, not an assessment file\n"
    );
    // Never an option to git (`git show --output=FILE` writes a file).
    let output = env
        .etika()
        .args(["diff", "--", "--output=x:a.yaml", "a.yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(!env.path("x").exists());
}

#[test]
fn a_revision_without_git_says_git_is_needed() {
    let env = repository();
    let empty = tempfile::tempdir().unwrap();
    let output = env
        .etika()
        .env("PATH", empty.path())
        .args(["diff", "HEAD:a.yaml", "a.yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: cannot read `HEAD:a.yaml`: git is not installed (or not on PATH), and reading revision `HEAD` \
         needs it; name a file instead\n"
    );
}

#[test]
fn hostile_text_keeps_the_markdown_tables_whole() {
    let env = repository();
    answer_later(
        &env,
        &[
            "data.card",
            "no",
            "--action",
            "Fix | it\n| c | d |\n<script>alert(1)</script> `x | y` =cmd()",
            "--owner",
            "<b>me</b> | you",
        ],
    );
    answer_later(
        &env,
        &["people.notes", "a | b\n\n# heading <img src=x onerror=alert(1)>"],
    );
    let text = diff(&env, &["HEAD:a.yaml", "a.yaml", "--format", "markdown"]);
    assert_rows_fit(&text);
    assert_eq!(html(&text), Vec::<String>::new(), "{text}");
    assert!(
        text.contains("Fix \\| it<br>\\| c \\| d \\|<br>&lt;script&gt;"),
        "{text}"
    );
}

#[test]
fn unreadable_sides_exit_2() {
    let env = Env::mini();
    let output = env
        .etika()
        .args(["diff", "a.yaml", "missing.yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("missing.yaml"), "{}", stderr(&output));
    env.write("broken.yaml", "etika: 1\nchecklist: [\n");
    let output = env
        .etika()
        .args(["diff", "broken.yaml", "a.yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("broken.yaml"), "{}", stderr(&output));
}
