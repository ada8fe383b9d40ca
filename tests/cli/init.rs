//! `etika init`: the new assessment file, where it points, and when it refuses.

use crate::common::{Env, MINI, stderr, stdout};

/// The version line of the built-in checklist file, e.g. `1.0.0`.
fn builtin_version() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/checklists/ai-ethics.yaml");
    let text = std::fs::read_to_string(path).unwrap();
    let line = text
        .lines()
        .find(|line| line.starts_with("version:"))
        .expect("the built-in checklist has a version");
    line["version:".len()..].trim().trim_matches('"').to_string()
}

#[test]
fn creates_the_default_file_for_the_builtin_checklist() {
    let env = Env::new();
    let output = env
        .etika()
        .args(["init", "--system", "Loan approval model"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));

    let saved = env.read("ethics-assessment.yaml");
    let lines: Vec<&str> = saved.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(
        lines,
        [
            "etika: 1",
            &format!("checklist: {{id: ai-ethics, version: \"{}\"}}", builtin_version()),
            "system:",
            "  name: Loan approval model",
            "answers: {}",
        ],
        "{saved}"
    );
}

#[test]
fn output_names_the_file_the_checklist_and_the_next_command() {
    let env = Env::new();
    let output = env.etika().args(["init", "--system", "S"]).output().unwrap();
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.contains("ethics-assessment.yaml"), "{text}");
    assert!(
        text.contains(&format!("ai-ethics {}", builtin_version())),
        "{text}"
    );
    // The default file needs no name in the next command.
    assert!(text.contains("Next: etika assess\n"), "{text}");

    let output = env
        .etika()
        .args(["init", "-o", "b.yaml", "--system", "S"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.contains("Created b.yaml"), "{text}");
    assert!(text.contains("Next: etika assess b.yaml"), "{text}");
}

#[test]
fn the_system_name_defaults_to_the_folder_name() {
    let env = Env::new();
    env.write("loan-model/.keep", "");
    env.etika()
        .arg("init")
        .current_dir(env.path("loan-model"))
        .assert()
        .success();
    let saved = env.read("loan-model/ethics-assessment.yaml");
    assert!(saved.contains("system:\n  name: loan-model\n"), "{saved}");
}

#[test]
fn output_file_and_owner() {
    let env = Env::new();
    env.etika()
        .args([
            "init",
            "-o",
            "loan.yaml",
            "--system",
            "Loan model",
            "--owner",
            "Credit Risk Team",
        ])
        .assert()
        .success();
    assert!(!env.path("ethics-assessment.yaml").exists());
    let saved = env.read("loan.yaml");
    assert!(
        saved.contains("system:\n  name: Loan model\n  owner: Credit Risk Team\n"),
        "{saved}"
    );

    env.etika()
        .args(["init", "--output", "long.yaml", "--system", "X"])
        .assert()
        .success();
    assert!(env.read("long.yaml").contains("  name: X\n"));
}

#[test]
fn refuses_to_overwrite_without_force() {
    let env = Env::mini();
    env.answer(&["context.people", "decides"]);
    let before = std::fs::read(env.path("a.yaml")).unwrap();

    let output = env
        .etika()
        .args(["init", "-o", "a.yaml", "--system", "Other"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.starts_with("error: "), "{message}");
    assert!(message.contains("a.yaml already exists"), "{message}");
    assert!(message.contains("--force"), "{message}");
    assert_eq!(
        std::fs::read(env.path("a.yaml")).unwrap(),
        before,
        "the file changed"
    );
}

#[test]
fn force_replaces_the_file() {
    let env = Env::mini();
    env.answer(&["context.people", "decides"]);
    assert!(env.read("a.yaml").contains("context.people"));

    env.etika()
        .args(["init", "-o", "a.yaml", "--system", "Replacement", "--force"])
        .assert()
        .success();
    let saved = env.read("a.yaml");
    assert!(!saved.contains("context.people"), "{saved}");
    assert!(!saved.contains("Loan model"), "{saved}");
    assert!(saved.contains("  name: Replacement\n"), "{saved}");
    assert!(saved.contains("checklist: {id: ai-ethics, version: "), "{saved}");
    assert!(saved.contains("answers: {}"), "{saved}");
}

#[test]
fn a_checklist_file_is_stored_relative_to_the_assessment() {
    let env = Env::new();
    env.write("mini.yaml", MINI);
    env.init("a.yaml", "mini.yaml", "S");
    assert!(
        env.read("a.yaml")
            .contains("checklist: {id: mini, version: \"1.1.0\", path: mini.yaml}\n")
    );
}

#[test]
fn a_checklist_path_is_relative_to_an_assessment_in_a_subfolder() {
    let env = Env::new();
    env.make_repository();
    env.write("mini.yaml", MINI);
    env.write("sub/.keep", "");
    env.init("sub/a.yaml", "mini.yaml", "S");
    let saved = env.read("sub/a.yaml");
    assert!(
        saved.contains("checklist: {id: mini, version: \"1.1.0\", path: ../mini.yaml}\n"),
        "{saved}"
    );
    // The stored path works from the assessment's own folder and from elsewhere.
    env.etika()
        .args([
            "answer",
            "sub/a.yaml",
            "context.people",
            "no",
            "--at",
            "2026-11-29",
        ])
        .assert()
        .success();
    env.etika()
        .args(["answer", "a.yaml", "context.data", "none", "--at", "2026-11-29"])
        .current_dir(env.path("sub"))
        .assert()
        .success();
}

#[test]
fn missing_folders_are_created() {
    let env = Env::new();
    env.make_repository();
    env.write("mini.yaml", MINI);
    env.init("new/deeper/a.yaml", "mini.yaml", "S");
    let saved = env.read("new/deeper/a.yaml");
    assert!(saved.contains("path: ../../mini.yaml}"), "{saved}");
}

#[test]
fn an_absolute_checklist_path_is_stored_relative_too() {
    let env = Env::new();
    env.write("lists/mini.yaml", MINI);
    let absolute = env.path("lists/mini.yaml");
    env.etika()
        .args(["init", "-o", "a.yaml", "--system", "S", "--checklist"])
        .arg(&absolute)
        .assert()
        .success();
    let saved = env.read("a.yaml");
    assert!(saved.contains("path: lists/mini.yaml}"), "{saved}");
    assert!(!saved.contains(&*env.root().to_string_lossy()), "{saved}");
}

#[test]
fn an_unknown_checklist_id_is_refused() {
    let env = Env::new();
    let output = env
        .etika()
        .args(["init", "--checklist", "nope", "--system", "S"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.starts_with("error: "), "{message}");
    assert!(message.contains("`nope`"), "{message}");
    assert!(message.contains("ai-ethics"), "lists the built-in ids: {message}");
    assert!(!env.path("ethics-assessment.yaml").exists());
}

#[test]
fn an_output_path_with_dot_dot_records_a_checklist_path_that_works() {
    let env = Env::new();
    env.make_repository();
    env.write("work/c.yaml", crate::common::MINI);
    let mut command = env.etika();
    command
        .current_dir(env.path("work"))
        .args([
            "init",
            "--checklist",
            "c.yaml",
            "-o",
            "../out/a.yaml",
            "--system",
            "X",
        ])
        .assert()
        .success();
    let written = env.read("out/a.yaml");
    assert!(written.contains("path: ../work/c.yaml}"), "{written}");
    env.etika().args(["validate", "out/a.yaml"]).assert().code(1);
}
