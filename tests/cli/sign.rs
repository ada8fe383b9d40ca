//! `etika sign`, watched paths (`system-changed`) and expiry (`review-due`).

use std::process::Command;

use crate::common::{Env, MINI, stderr, stdout};

fn git(env: &Env, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(env.root())
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

/// A git repository with a complete mini assessment that watches `models/`
/// and `prompts/*.txt`, committed.
fn watched() -> Env {
    let env = Env::mini();
    git(&env, &["init", "-q"]);
    env.complete_mini();
    env.write("models/model.bin", "weights v1\n");
    env.write("models/scratch.tmp", "ignored\n");
    env.write("prompts/system.txt", "You are a helpful assistant.\n");
    env.write("prompts/notes.md", "not matched by the glob\n");
    env.write(".gitignore", "*.tmp\n");
    let text =
        env.read("a.yaml")
            .replacen("answers:\n", "watch: [models/, \"prompts/*.txt\"]\nanswers:\n", 1);
    env.write("a.yaml", &text);
    git(&env, &["add", "-A"]);
    git(&env, &["commit", "-q", "-m", "First model"]);
    env
}

fn run(env: &Env, args: &[&str]) -> (Option<i32>, String, String) {
    let output = env.etika().args(args).output().unwrap();
    (output.status.code(), stdout(&output), stderr(&output))
}

/// `etika sign a.yaml --name Dewi --date DATE EXTRA...`.
fn sign(env: &Env, date: &str, extra: &[&str]) -> (Option<i32>, String, String) {
    let mut args = vec!["sign", "a.yaml", "--name", "Dewi", "--date", date];
    args.extend_from_slice(extra);
    run(env, &args)
}

fn validate(env: &Env, today: &str) -> (Option<i32>, String) {
    let (code, out, _) = run(env, &["validate", "a.yaml", "--today", today]);
    (code, out)
}

#[test]
fn sign_refuses_while_errors_remain_and_leaves_the_file_alone() {
    let env = Env::mini();
    env.answer(&["context.people", "no"]);
    let before = env.read("a.yaml");
    let (code, out, err) = run(
        &env,
        &["sign", "a.yaml", "--name", "rai-lead", "--date", "2026-11-30"],
    );
    assert_eq!(code, Some(1), "{out}{err}");
    assert!(out.contains("error[missing-answer]"), "{out}");
    assert!(
        err.starts_with("Not signed: a.yaml has errors to fix first"),
        "{err}"
    );
    assert_eq!(env.read("a.yaml"), before);
}

#[test]
fn a_sign_off_records_who_when_and_the_digests_and_passes() {
    let env = watched();
    let (code, out, err) = run(
        &env,
        &[
            "sign",
            "a.yaml",
            "--name",
            "Dewi",
            "--role",
            "Responsible AI lead",
            "--date",
            "2026-11-30",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        out,
        "Signed off a.yaml as Dewi on 2026-11-30, with digests of 2 watched paths.\n"
    );
    let text = env.read("a.yaml");
    let signoff = &text[text.find("signoff:\n").unwrap()..];
    assert!(
        signoff.starts_with(
            "signoff:\n- name: Dewi\n  role: Responsible AI lead\n  date: \"2026-11-30\"\n  commit: "
        ),
        "{signoff}"
    );
    assert!(signoff.contains("  digests:\n    models/: "), "{signoff}");
    assert!(signoff.contains("\n    prompts/*.txt: "), "{signoff}");
    assert_eq!(
        validate(&env, "2026-11-30"),
        (Some(0), "a.yaml: passed\n".to_string())
    );
}

#[test]
fn a_watched_file_changed_after_sign_off_fails_and_names_the_commit() {
    let env = watched();
    sign(&env, "2026-11-30", &[]);
    git(&env, &["commit", "-q", "-am", "Signed off"]);
    // What git ignores, and files outside the glob, are not the system.
    env.write("models/scratch.tmp", "still ignored\n");
    env.write("prompts/notes.md", "edited\n");
    assert_eq!(validate(&env, "2026-12-01").0, Some(0));

    env.write("models/model.bin", "weights v2\n");
    git(&env, &["commit", "-q", "-am", "Retrain on November data"]);
    let (code, out) = validate(&env, "2026-12-01");
    assert_eq!(code, Some(1), "{out}");
    let line = out.lines().next().unwrap();
    assert!(line.starts_with("a.yaml:8:3: error[system-changed]: watched `models/` changed since the sign-off by `Dewi` on 2026-11-30; 1 commit since: "), "{line}");
    assert!(
        line.contains(" Retrain on November data: re-check the answers it affects, then sign again"),
        "{line}"
    );
    // The glob's file too, uncommitted: no commit to name, still a change.
    env.write("prompts/system.txt", "You are a terse assistant.\n");
    let (_, out) = validate(&env, "2026-12-01");
    assert!(out.contains("error[system-changed]: watched `prompts/*.txt` changed since the sign-off by `Dewi` on 2026-11-30: re-check"), "{out}");
    // Signing again records the system as it is now.
    sign(&env, "2026-12-01", &[]);
    assert_eq!(validate(&env, "2026-12-01").0, Some(0));
}

#[test]
fn a_path_watched_after_sign_off_or_gone_is_a_change() {
    let env = watched();
    sign(&env, "2026-11-30", &[]);
    let text = env
        .read("a.yaml")
        .replace("- prompts/*.txt\n", "- prompts/*.txt\n- data/\n");
    env.write("a.yaml", &text);
    env.write("data/train.csv", "a,b\n");
    git(&env, &["add", "data/train.csv"]);
    let (_, out) = validate(&env, "2026-12-01");
    assert!(
        out.contains(
            "watched `data/` is watched, but the sign-off by `Dewi` on 2026-11-30 has no digest of it"
        ),
        "{out}"
    );
    // A tracked file deleted, committed or not, is a change; once git
    // tracks nothing there, the path names nothing.
    std::fs::remove_dir_all(env.path("models")).unwrap();
    let (_, out) = validate(&env, "2026-12-01");
    assert!(
        out.contains("watched `models/` changed since the sign-off by `Dewi`"),
        "{out}"
    );
    git(&env, &["rm", "-rq", "--cached", "models"]);
    let (_, out) = validate(&env, "2026-12-01");
    assert!(
        out.contains(
            "watched `models/` matches no file git tracks now (it was signed in the sign-off by `Dewi` on 2026-11-30)"
        ),
        "{out}"
    );
    // And a sign-off refuses a watched path that names nothing.
    let (code, _, err) = sign(&env, "2026-12-01", &[]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("watched `models/` matches no file git tracks; fix `watch:` before signing"),
        "{err}"
    );
}

#[test]
fn a_watched_path_outside_the_repository_is_refused() {
    let env = watched();
    let text = env
        .read("a.yaml")
        .replace("\"prompts/*.txt\"]", "\"prompts/*.txt\", ../../etc/]");
    env.write("a.yaml", &text);
    let (code, _, err) = sign(&env, "2026-11-30", &[]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("watched `../../etc/` leads outside its repository"),
        "{err}"
    );
}

#[test]
fn review_by_and_review_every_expire_a_sign_off() {
    let env = Env::mini();
    env.complete_mini();
    let (code, _, err) = sign(&env, "2026-11-30", &["--review-by", "2027-01-15"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(env.read("a.yaml").contains("review_by: \"2027-01-15\"\n"));
    assert_eq!(validate(&env, "2027-01-15").0, Some(0));
    let (code, out) = validate(&env, "2027-01-16");
    assert_eq!(code, Some(1));
    assert!(
        out.contains(
            "error[review-due]: the assessment was due for review on 2027-01-15 (`review_by` is 2027-01-15)"
        ),
        "{out}"
    );

    // Without review_by, the checklist's review_every counts from the sign-off.
    let text = env.read("a.yaml").replace("review_by: \"2027-01-15\"\n", "");
    env.write("a.yaml", &text);
    env.write(
        "mini.yaml",
        &MINI.replace("sections:\n", "review_every: 1 month\nsections:\n"),
    );
    assert_eq!(validate(&env, "2026-12-30").0, Some(0));
    let (code, out) = validate(&env, "2026-12-31");
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("due for review on 2026-12-30 (checklist mini asks for a review 1 month after each sign-off, and the last was by `Dewi` on 2026-11-30)"),
        "{out}"
    );
}

#[test]
fn a_sign_off_cannot_predate_the_answers_it_signs() {
    let env = Env::mini();
    env.complete_mini();
    let (code, _, err) = sign(&env, "2026-11-28", &[]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("would predate answers recorded on 2026-11-29"),
        "{err}"
    );
    let (code, _, err) = sign(&env, "2026-11-30", &["--review-by", "2026-11-01"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("must be after the sign-off date"), "{err}");
}

#[test]
fn what_git_tracks_is_watched_whatever_ignore_files_say() {
    let env = watched();
    let text = env
        .read("a.yaml")
        .replace("watch: [models/, \"prompts/*.txt\"]", "watch: [., models/]");
    env.write("a.yaml", &text);
    git(&env, &["add", "-A"]);
    git(&env, &["commit", "-q", "-m", "Watch everything"]);
    let (code, _, err) = sign(&env, "2026-11-30", &[]);
    assert_eq!(code, Some(0), "{err}");
    // Signing changes the assessment, never the digest of a folder holding it.
    assert_eq!(validate(&env, "2026-12-01").0, Some(0));
    // A tracked file hidden by name or by a `.ignore` file still counts.
    env.write("models/.hidden.py", "print('hidden')\n");
    env.write("models/.ignore", ".hidden.py\n");
    git(&env, &["add", "-f", "models/.hidden.py", "models/.ignore"]);
    let (code, out) = validate(&env, "2026-12-01");
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("watched `models/` changed since"), "{out}");
    assert!(out.contains("watched `.` changed since"), "{out}");
}

#[test]
fn a_watched_path_may_be_anywhere_in_the_repository() {
    let env = watched();
    std::fs::create_dir_all(env.path("docs")).unwrap();
    let text = env
        .read("a.yaml")
        .replace("path: mini.yaml", "path: ../mini.yaml")
        .replace("- docs/data-card.md", "- ../docs/data-card.md")
        .replace("watch: [models/, \"prompts/*.txt\"]", "watch: [../models/]");
    env.write("assessments/a.yaml", &text);
    git(&env, &["add", "-A"]);
    git(&env, &["commit", "-q", "-m", "Move the assessment"]);
    let (code, _, err) = run(
        &env,
        &[
            "sign",
            "assessments/a.yaml",
            "--name",
            "Dewi",
            "--date",
            "2026-11-30",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    let (code, out, _) = run(&env, &["validate", "assessments/a.yaml", "--today", "2026-12-01"]);
    assert_eq!(code, Some(0), "{out}");
    env.write("models/model.bin", "weights v2\n");
    let (code, out, _) = run(&env, &["validate", "assessments/a.yaml", "--today", "2026-12-01"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("watched `../models/` changed since"), "{out}");
}

#[test]
fn a_sign_off_by_etika_holds_only_for_the_answers_it_signed() {
    let env = Env::mini();
    env.complete_mini();
    let (code, _, err) = sign(&env, "2026-11-29", &[]);
    assert_eq!(code, Some(0), "{err}");
    assert!(env.read("a.yaml").contains("  answers_digest: "));
    let (code, _, _) = run(
        &env,
        &["validate", "a.yaml", "--today", "2026-11-29", "--require-signoff"],
    );
    assert_eq!(code, Some(0));
    // The same day, another answer: the date alone could not tell.
    env.answer(&["people.notes", "Model v4, retrained weekly."]);
    let (code, out, _) = run(
        &env,
        &["validate", "a.yaml", "--today", "2026-11-29", "--require-signoff"],
    );
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains(
            "error[missing-signoff]: the answers changed since the sign-off by `Dewi` on 2026-11-29"
        ),
        "{out}"
    );
    // Confirming an answer as it was changes nothing signed.
    env.answer(&["people.notes", "Model v3, retrained monthly."]);
    assert_eq!(
        run(
            &env,
            &["validate", "a.yaml", "--today", "2026-11-29", "--require-signoff"]
        )
        .0,
        Some(0)
    );
}

#[test]
fn a_sign_off_in_the_future_signs_nothing() {
    let env = Env::mini();
    env.complete_mini();
    let text = env.read("a.yaml");
    env.write(
        "a.yaml",
        &format!("{text}signoff:\n- {{name: Dewi, date: \"2099-01-01\"}}\n"),
    );
    let (code, out, _) = run(
        &env,
        &["validate", "a.yaml", "--today", "2026-11-29", "--require-signoff"],
    );
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("is dated after today (2026-11-29), so it signs nothing yet"),
        "{out}"
    );
    let (code, _, err) = sign(&env, "2099-01-01", &[]);
    assert_eq!(code, Some(2));
    assert!(err.contains("--date 2099-01-01 is after today"), "{err}");
}

#[test]
fn signing_past_review_by_needs_the_next_date() {
    let env = Env::mini();
    env.complete_mini();
    let text = env
        .read("a.yaml")
        .replacen("answers:\n", "review_by: \"2026-11-15\"\nanswers:\n", 1);
    env.write("a.yaml", &text);
    let (code, _, err) = sign(&env, "2026-11-29", &[]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("`review_by` 2026-11-15 has passed; give the next one with --review-by DATE"),
        "{err}"
    );
    let (code, _, err) = sign(&env, "2026-11-29", &["--review-by", "2027-11-29"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(validate(&env, "2026-11-29").0, Some(0));
}
