//! `etika actions`: the action plan as Markdown, CSV and JSON; statuses,
//! order, languages, hostile text.

use crate::common::{Env, stderr, stdout};
use crate::tables::{assert_rows_fit, html, tables};

fn actions(env: &Env, args: &[&str]) -> String {
    let mut full = vec!["actions", "a.yaml", "--today", "2026-11-29"];
    full.extend_from_slice(args);
    let output = env.etika().args(&full).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    stdout(&output)
}

/// An assessment with an action in every status but `pending`: open (one
/// dated, one not), overdue, closed (the answer is `yes` now) and one whose
/// item no longer applies (the context changed).
fn plan_env() -> Env {
    let env = Env::mini();
    env.write("docs/data-card.md", "# Data card\n");
    env.answer(&["context.people", "decides"]);
    env.answer(&["context.data", "ordinary,health"]);
    env.answer(&[
        "data.health-consent",
        "no",
        "--action",
        "Collect consent for health data",
        "--owner",
        "legal",
        "--due",
        "2027-01-15",
    ]);
    env.answer(&["context.data", "ordinary"]);
    env.answer(&[
        "data.card",
        "no",
        "--action",
        "Write the data card",
        "--owner",
        "docs-team",
        "--due",
        "2026-12-15",
    ]);
    env.answer(&["data.card", "yes", "--evidence", "docs/data-card.md"]);
    env.answer(&[
        "data.fairness",
        "partial",
        "--rationale",
        "Only age bands were compared.",
        "--action",
        "Compare outcomes by sex and region",
        "--owner",
        "ml-team",
        "--due",
        "2027-02-01",
    ]);
    env.answer(&[
        "people.explanation",
        "2",
        "--action",
        "Add reason codes to every decision",
        "--owner",
        "ml-team",
        "--due",
        "2026-11-01",
    ]);
    env.answer(&[
        "people.channel",
        "none",
        "--rationale",
        "No appeal yet.",
        "--action",
        "Open an appeal channel",
        "--owner",
        "ops",
    ]);
    env
}

#[test]
fn the_plan_as_markdown() {
    let env = plan_env();
    let text = actions(&env, &[]);
    assert_rows_fit(&text);
    let rows = &tables(&text)[0];
    // Header, then by due date (overdue first), the undated last.
    let order: Vec<(&str, &str)> = rows[1..].iter().map(|r| (r[0].as_str(), r[5].as_str())).collect();
    assert_eq!(
        order,
        [
            ("people.explanation", "overdue"),
            ("data.card", "closed"),
            ("data.health-consent", "does not apply"),
            ("data.fairness", "open"),
            ("people.channel", "open"),
        ],
        "{text}"
    );
    insta::assert_snapshot!("actions_markdown_en", text);
}

#[test]
fn the_plan_in_indonesian() {
    let env = plan_env();
    let text = actions(&env, &["--lang", "id"]);
    assert!(text.starts_with("| Butir | Pertanyaan | Tindakan |"), "{text}");
    assert!(
        text.contains("Apakah hasil dibandingkan antarkelompok?"),
        "{text}"
    );
    insta::assert_snapshot!("actions_markdown_id", text);
}

#[test]
fn the_plan_as_csv() {
    let env = plan_env();
    let text = actions(&env, &["--format", "csv"]);
    assert!(
        text.contains("\r\n") && !text.replace("\r\n", "").contains('\n'),
        "{text:?}"
    );
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().unwrap(),
        vec!["item", "question", "action", "owner", "due", "status", "severity"]
    );
    let statuses: Vec<String> = reader.records().map(|r| r.unwrap()[5].to_string()).collect();
    assert_eq!(statuses, ["overdue", "closed", "not-applicable", "open", "open"]);
    insta::assert_snapshot!("actions_csv", text);
}

#[test]
fn the_plan_as_json() {
    let env = plan_env();
    let text = actions(&env, &["--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["actions"].as_array().unwrap().len(), 5);
    insta::assert_snapshot!("actions_json", text);
}

#[test]
fn an_assessment_without_actions_is_an_empty_table() {
    let env = Env::mini();
    let text = actions(&env, &[]);
    assert_eq!(
        tables(&text),
        [vec![vec!["Item", "Question", "Action", "Owner", "Due", "Status"]]]
    );
    let csv = actions(&env, &["--format", "csv"]);
    assert_eq!(csv, "item,question,action,owner,due,status,severity\r\n");
}

/// Written by hand: an item waiting on an unanswered context question, an
/// answer that fits no option, and an answer to an id the checklist lacks.
#[test]
fn unsettled_and_unknown_answers_keep_their_actions() {
    let env = Env::mini();
    let text = env.read("a.yaml").replace(
        "answers: {}\n",
        "answers:\n  data.card:\n    value: maybe\n    action: {text: Write it, owner: docs, due: \"2027-02-01\"}\n  \
         data.fairness:\n    value: \"no\"\n    action: {text: Compare, owner: ml, due: \"2027-01-01\"}\n  \
         old.item:\n    value: \"no\"\n    action: {text: Gone, owner: x}\n",
    );
    env.write("a.yaml", &text);
    let json: serde_json::Value = serde_json::from_str(&actions(&env, &["--format", "json"])).unwrap();
    let rows: Vec<(&str, &str, bool)> = json["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["item"].as_str().unwrap(),
                a["status"].as_str().unwrap(),
                a["question"].is_null(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("data.fairness", "pending", false),
            ("data.card", "pending", false),
            ("old.item", "not-applicable", true),
        ]
    );
}

const HOSTILE_ACTION: &str = "Fix | it\n| c | d |\n<script>alert(1)</script> `code | span` ``x";
const HOSTILE_OWNER: &str = "=cmd()|' /C calc'!A0";

fn hostile_env() -> Env {
    let env = Env::mini();
    env.answer(&["context.people", "no"]);
    env.answer(&["context.data", "none"]);
    env.answer(&[
        "data.card",
        "no",
        "--action",
        HOSTILE_ACTION,
        "--owner",
        HOSTILE_OWNER,
        "--due",
        "2027-01-01",
    ]);
    env.answer(&[
        "people.explanation",
        "1",
        "--action",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "--owner",
        "+1 -2",
        "--due",
        "2027-02-01",
    ]);
    env.answer(&[
        "people.channel",
        "none",
        "--rationale",
        "r",
        "--action=-2+3",
        "--owner",
        "team",
        "--due",
        "2027-03-01",
    ]);
    // `answer` trims what it is given; a hand-written file may hold anything.
    let text = env.read("a.yaml");
    let tabbed = text.replace("owner: team\n", "owner: \"\\tteam\"\n");
    assert_ne!(tabbed, text);
    env.write("a.yaml", &tabbed);
    env
}

#[test]
fn hostile_text_keeps_the_markdown_table_whole() {
    let env = hostile_env();
    let text = actions(&env, &[]);
    assert_rows_fit(&text);
    assert_eq!(html(&text), Vec::<String>::new(), "{text}");
    let rows = &tables(&text)[0];
    assert_eq!(rows.len(), 4, "{text}");
    // The cell holds the text as written, its line breaks as <br>.
    assert_eq!(
        rows[1][2], "Fix | it<br>| c | d |<br><script>alert(1)</script> `code | span` ``x",
        "{text}"
    );
    assert_eq!(rows[1][3], HOSTILE_OWNER);
}

#[test]
fn hostile_text_keeps_csv_cells_and_defuses_formulas() {
    let env = hostile_env();
    let text = actions(&env, &["--format", "csv"]);
    let records: Vec<csv::StringRecord> = csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect();
    assert_eq!(records.len(), 3, "{text}");
    assert!(records.iter().all(|r| r.len() == 7), "{text}");
    assert_eq!(&records[0][2], HOSTILE_ACTION);
    assert_eq!(&records[0][3], format!("'{HOSTILE_OWNER}"));
    assert_eq!(&records[1][2], "'@SUM(1+1)*cmd|' /C calc'!A0");
    assert_eq!(&records[1][3], "'+1 -2");
    assert_eq!(&records[2][2], "'-2+3");
    assert_eq!(&records[2][3], "'\tteam");
    // No cell a spreadsheet would run.
    for cell in records
        .iter()
        .flat_map(|r| r.iter().map(str::to_string).collect::<Vec<_>>())
    {
        assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{cell:?}");
    }
}

#[test]
fn unusable_input_exits_2() {
    let env = Env::mini();
    let output = env.etika().args(["actions", "missing.yaml"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("missing.yaml"), "{}", stderr(&output));
    let output = env
        .etika()
        .args(["actions", "a.yaml", "--today", "tomorrow"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--today"), "{}", stderr(&output));
}
