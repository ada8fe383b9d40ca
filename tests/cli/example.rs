//! The committed example must stay valid and its rendered reports current.

use std::path::Path;

use assert_cmd::Command;

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/loan-approval");

fn etika() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_etika"));
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("ETIKA_LANG")
        .env("LANG", "C");
    command
}

#[test]
fn the_example_assessment_validates() {
    etika()
        .args([
            "validate",
            "examples/loan-approval/ethics-assessment.yaml",
            "--today",
            "2026-11-29",
        ])
        .assert()
        .success();
}

#[test]
fn the_committed_reports_are_up_to_date() {
    for (file, lang) in [("report.md", "en"), ("report.id.md", "id")] {
        // From the example's folder, as a report written there links its evidence.
        let output = etika()
            .current_dir(EXAMPLE)
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
        assert!(output.status.success());
        let committed = std::fs::read_to_string(Path::new(EXAMPLE).join(file)).unwrap();
        assert!(
            String::from_utf8_lossy(&output.stdout) == committed,
            "examples/loan-approval/{file} is stale; regenerate it with\n  \
             cargo run -- report examples/loan-approval/ethics-assessment.yaml --today 2026-11-29 --lang {lang} -o examples/loan-approval/{file}"
        );
    }
}
