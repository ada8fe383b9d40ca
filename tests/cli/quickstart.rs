//! The README's quick start, run as a new user would: each line of the
//! `sh` code block under `## Quick start`, in order, in an empty folder.

use std::process::Command as Process;

use crate::common::Env;

const README: &str = include_str!("../../README.md");

/// The exit code each quick-start line gives when the lines run in order;
/// `None` for a line the test cannot run. Matched on the start of the
/// line, and every line must match one, so a new line in the README needs
/// its code here.
const EXPECTED: &[(&str, Option<i32>)] = &[
    ("etika init ", Some(0)),
    // Interactive: without a terminal it exits 2 by design (errors.rs tests that).
    ("etika assess", None),
    (
        "etika answer ethics-assessment.yaml context.decision-role ",
        Some(0),
    ),
    (
        "etika answer ethics-assessment.yaml bias.group-evaluation ",
        Some(0),
    ),
    // Most items are still unanswered: findings, exit 1.
    ("etika validate ", Some(1)),
    // Refused while errors remain, as its comment says.
    ("etika sign ", Some(1)),
    ("etika report ", Some(0)),
    ("etika actions ", Some(0)),
    // Needs a git repository with a `main` branch; diff.rs tests revisions.
    ("etika diff ", None),
    ("etika checklist list", Some(0)),
    ("etika checklist show ", Some(0)),
    // The scaffold of a checklist of the reader's own, which lints clean.
    ("etika checklist new my-checklist.yaml", Some(0)),
    ("etika checklist lint my-checklist.yaml", Some(0)),
];

/// The commands of the quick-start block, with `\` continuations joined.
fn quick_start() -> Vec<String> {
    let section = README
        .split_once("\n## Quick start\n")
        .expect("README has a Quick start section")
        .1;
    let block = section
        .split_once("```sh\n")
        .and_then(|(_, rest)| rest.split_once("\n```"))
        .expect("the Quick start has a sh code block")
        .0;
    let mut commands = Vec::new();
    let mut pending = String::new();
    for line in block.lines() {
        if let Some(start) = line.strip_suffix('\\') {
            pending.push_str(start);
        } else {
            pending.push_str(line);
            commands.push(std::mem::take(&mut pending));
        }
    }
    commands
}

fn expected(command: &str) -> Option<i32> {
    EXPECTED
        .iter()
        .find(|(start, _)| command.starts_with(start))
        .unwrap_or_else(|| panic!("no expected exit code for the README line `{command}`"))
        .1
}

#[test]
fn the_readme_quick_start_runs_in_an_empty_folder() {
    let env = Env::new();
    let binary = env!("CARGO_BIN_EXE_etika");
    let commands = quick_start();
    assert!(commands.len() >= 10, "{commands:#?}");
    let mut ran = 0;
    for command in &commands {
        let Some(code) = expected(command) else {
            continue;
        };
        let rest = command.strip_prefix("etika ").expect("a line starts with etika");
        // The shell reads the line as the reader's would, quotes and comments included.
        let line = format!("'{binary}' {rest}");
        let output = crate::common::hermetic(Process::new("sh").args(["-c", &line]).current_dir(env.root()))
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(code),
            "`{command}`:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        // Exit 2 is never what the README means.
        assert!(
            !String::from_utf8_lossy(&output.stderr).contains("error:"),
            "`{command}`: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        ran += 1;
    }
    assert!(ran >= 10, "ran {ran} of {}", commands.len());

    // What the lines promise, beyond their exit codes.
    let assessment = env.read("ethics-assessment.yaml");
    let answer = assessment
        .split_once("  bias.group-evaluation:\n")
        .expect("the answer was recorded")
        .1;
    // The `--due` line moved the deadline and kept the rest.
    assert!(answer.contains("Re-weight training data by region"), "{answer}");
    assert!(answer.contains("owner: ml-team"), "{answer}");
    assert!(answer.contains("due: \"2027-06-30\""), "{answer}");
    assert!(env.read("assessment.md").contains("Loan approval model"));
}
