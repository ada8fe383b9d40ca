//! The committed examples must stay valid and their rendered reports current.

use std::path::Path;

use assert_cmd::Command;

/// The worked examples, one folder each under `examples/`: a level III credit
/// pre-screening model and a level I meeting-notes assistant.
const EXAMPLES: [&str; 2] = ["examples/loan-approval", "examples/meeting-notes"];

fn etika() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_etika"));
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("ETIKA_LANG")
        .env("LANG", "C");
    command
}

fn validates(folder: &str) {
    etika()
        .args([
            "validate",
            &format!("{folder}/ethics-assessment.yaml"),
            "--today",
            "2026-11-29",
        ])
        .assert()
        .success();
}

#[test]
fn the_loan_approval_example_validates() {
    validates("examples/loan-approval");
}

#[test]
fn the_meeting_notes_example_validates() {
    validates("examples/meeting-notes");
}

#[test]
fn the_committed_reports_are_up_to_date() {
    for folder in EXAMPLES {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
        for (file, lang) in [("report.md", "en"), ("report.id.md", "id")] {
            // From the example's folder, as a report written there links its evidence.
            let output = etika()
                .current_dir(&dir)
                .args([
                    "report",
                    "ethics-assessment.yaml",
                    "--today",
                    "2026-11-29",
                    "--lang",
                    lang,
                ])
                .output()
                .unwrap();
            assert!(output.status.success(), "etika report failed in {folder}");
            let committed = std::fs::read_to_string(dir.join(file)).unwrap();
            assert!(
                String::from_utf8_lossy(&output.stdout) == committed,
                "{folder}/{file} is stale; regenerate it with\n  \
                 cargo run -- report {folder}/ethics-assessment.yaml --today 2026-11-29 --lang {lang} -o {folder}/{file}"
            );
        }
    }
}
