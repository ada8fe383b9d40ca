//! Snapshots of the built-in checklist's Markdown report at both ends of the
//! risk scale: the level I meeting-notes example, complete and signed, and a
//! level IV credit scorer that is far from ready. A change to the template,
//! the wording or the scoring shows up here as a diff a reviewer can read.

use assert_cmd::Command;

const LOW_RISK: &str = "examples/meeting-notes/ethics-assessment.yaml";
const HIGH_RISK: &str = "tests/fixtures/high-risk-assessment.yaml";

/// `etika report FILE --today 2026-11-29` in English, from the repository
/// root so that evidence paths resolve as they do for a user.
fn report(file: &str) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_etika"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("ETIKA_LANG")
        .env("LANG", "C")
        .args(["report", file, "--today", "2026-11-29", "--lang", "en"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "etika report {file} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The report's first screen: everything before "What must happen next".
fn first_screen(report: &str) -> &str {
    report
        .split("\n## What must happen next")
        .next()
        .unwrap_or(report)
}

#[test]
fn report_low_risk() {
    let report = report(LOW_RISK);
    let top = first_screen(&report);
    for fact in [
        "| **Impact level** | **I** · Little or no impact (3 of 22 points, 14 %) |",
        "EU AI Act: **No specific duties found",
        "**General duties only (no DPIA or DPO trigger found)**",
        "| **Blocking gaps** | 0 |",
        "| **Open actions** | 5; next due 2027-01-29 |",
        "| **Validation** | passes `etika validate` |",
    ] {
        assert!(top.contains(fact), "first screen lacks {fact:?}:\n{top}");
    }
    assert!(!top.contains("overdue"), "{top}");
    insta::assert_snapshot!("report_low_risk", report);
}

#[test]
fn report_high_risk() {
    let report = report(HIGH_RISK);
    let top = first_screen(&report);
    for fact in [
        "| **Impact level** | **IV** · Very high impact",
        "**High-risk system (Art. 6, Annex III)**",
        "**Fundamental rights impact assessment required (Art. 27)**",
        "**Data protection impact assessment required (Pasal 34)**",
        "**Data protection officer required (Pasal 53)**",
        "| **Blocking gaps** | **7** |",
        "| **Open actions** | 7, **4 overdue**; next due 2027-01-31 |",
        "**not signed yet**",
        "**fails `etika validate`**",
    ] {
        assert!(top.contains(fact), "first screen lacks {fact:?}:\n{top}");
    }
    // The n/a given to an item the FRIA class requires is a finding.
    assert!(
        report
            .lines()
            .any(|line| line.contains("error[required-item]") && line.contains("`transparency.fria`")),
        "{report}"
    );
    insta::assert_snapshot!("report_high_risk", report);
}
