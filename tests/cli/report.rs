//! `etika report`: the rendered Markdown, escaping, languages, templates.

use crate::common::{Env, stderr, stdout};

fn report(env: &Env, args: &[&str]) -> String {
    let mut full = vec!["report", "a.yaml", "--today", "2026-11-29"];
    full.extend_from_slice(args);
    let output = env.etika().args(&full).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    stdout(&output)
}

#[test]
fn report_of_a_complete_assessment() {
    let env = Env::mini();
    env.complete_mini();
    env.sign();
    insta::assert_snapshot!("report_complete_en", report(&env, &[]));
}

#[test]
fn report_in_indonesian() {
    let env = Env::mini();
    env.complete_mini();
    env.sign();
    let text = report(&env, &["--lang", "id"]);
    assert!(text.contains("# Penilaian etika AI: Loan model"), "{text}");
    assert!(text.contains("Daftar periksa mini"), "{text}");
    insta::assert_snapshot!("report_complete_id", text);
}

#[test]
fn user_text_cannot_break_tables_or_inject_html() {
    let env = Env::mini();
    env.answer(&["context.people", "no"]);
    env.answer(&["context.data", "none"]);
    env.answer(&[
        "data.card",
        "no",
        "--rationale",
        "a | b\n| c | d |\n<script>alert(1)</script>",
        "--action",
        "Fix | it",
        "--owner",
        "<b>me</b>",
        "--due",
        "2027-01-01",
    ]);
    let text = report(&env, &[]);
    assert!(!text.contains("<script>"), "{text}");
    assert!(!text.contains("<b>"), "{text}");
    assert!(
        text.contains("a \\| b<br>\\| c \\| d \\|<br>&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{text}"
    );
    // The action's row in the table of open actions still has exactly 5 cells.
    let row = text
        .lines()
        .find(|l| l.contains("| `data.card` | Fix"))
        .expect(&text);
    let cells = row.replace("\\|", "").matches('|').count();
    assert_eq!(cells, 6, "{row}");
}

#[test]
fn open_actions_are_sorted_by_due_date_and_overdue_is_marked() {
    let env = Env::mini();
    env.answer(&["context.people", "decides"]);
    env.answer(&["context.data", "none"]);
    for (item, due) in [("data.card", "2027-03-01"), ("data.fairness", "2026-10-01")] {
        env.answer(&[item, "no", "--action", "Do it", "--owner", "team", "--due", due]);
    }
    let text = report(&env, &[]);
    let first = text
        .find("| 2026-10-01 **(overdue)** | `data.fairness`")
        .expect(&text);
    let second = text.find("| 2027-03-01 | `data.card`").expect(&text);
    assert!(first < second);
}

#[test]
fn the_impact_level_shows_its_points_floors_and_obligations() {
    let env = Env::mini();
    env.answer(&["context.people", "decides"]);
    env.answer(&["context.data", "none"]);
    let text = report(&env, &[]);
    // 4 of 7 points is 58 %: level III by points; the `decides` floor is III too.
    assert!(
        text.contains("| It decides about people? (`context.people`) | It decides | 4 of 4 |")
            || text.contains("(`context.people`) | It decides | 4 of 4 |"),
        "{text}"
    );
    assert!(text.contains("| **Total** | | **4 of 7 (58 %)** |"), "{text}");
    assert!(text.contains("The points give level **III**"), "{text}");
    assert!(
        text.contains("- **at least III**: It decides about people (`context.people` = It decides)"),
        "{text}"
    );
    assert!(
        text.contains("| **Impact level** | **III** · High (4 of 7 points, 58 %) |"),
        "{text}"
    );
    assert!(
        text.contains("This level obliges nothing beyond the items that apply."),
        "{text}"
    );
}

#[test]
fn the_legal_class_names_the_answers_behind_it() {
    let env = Env::mini();
    // Before the context is answered, no class is claimed, not even the fallback.
    env.answer(&["context.people", "recommends"]);
    let text = report(&env, &[]);
    assert!(
        text.contains("| **Legal class** | Demo law: _open until the context questions are answered_ |"),
        "{text}"
    );
    assert!(
        text.contains("_provisional: context questions are unanswered, the level may rise_"),
        "{text}"
    );
    env.answer(&["context.data", "ordinary,health"]);
    let text = report(&env, &[]);
    assert!(
        text.contains("**Health data duties**, because `context.data` = Ordinary; Health."),
        "{text}"
    );
    assert!(
        text.contains("| **Legal class** | Demo law: **Health data duties** |"),
        "{text}"
    );
    env.answer(&["context.data", "ordinary"]);
    let text = report(&env, &[]);
    assert!(
        text.contains("**Ordinary duties** (no other class applies)."),
        "{text}"
    );
}

#[test]
fn a_template_from_disk_replaces_the_built_in_one() {
    let env = Env::mini();
    env.complete_mini();
    env.write(
        "brief.md.j2",
        "{{ system.name|md }}: {{ impact.level }} {{ impact.title }} ({{ actions|length }} open)\n{% for s in sections %}{{ s.id }}={{ s.answered }}/{{ s.applicable }} {% endfor %}\n",
    );
    let text = report(&env, &["--template", "brief.md.j2"]);
    assert_eq!(
        text,
        "Loan model: IV Very high (1 open)\ncontext=2/2 data=3/3 people=3/3\n"
    );
}

#[test]
fn a_template_can_link_references_to_their_official_text() {
    let env = Env::mini();
    env.complete_mini();
    // The same checklist, one reference with the address of its text.
    let linked = crate::common::MINI.replace(
        "{framework: deon, clause: C.5}",
        "{framework: deon, clause: C.5, url: \"https://deon.drivendata.org/\"}",
    );
    assert_ne!(linked, crate::common::MINI);
    env.write("mini.yaml", &linked);
    env.write(
        "refs.md.j2",
        "{% for s in sections %}{% for i in s.items %}{% for r in i.reference_links %}{{ i.id }}: {{ r.url|link(r.text) }} ({{ i.references|join(\", \") }})\n{% endfor %}{% endfor %}{% endfor %}",
    );
    let text = report(&env, &["--template", "refs.md.j2"]);
    assert_eq!(
        text,
        "data.card: [deon C.5](https://deon.drivendata.org/) (deon C.5)\n"
    );
}

#[test]
fn output_file_is_written() {
    let env = Env::mini();
    env.complete_mini();
    env.etika()
        .args(["report", "a.yaml", "--today", "2026-11-29", "-o", "out.md"])
        .assert()
        .success()
        .stdout("")
        .stderr("Wrote out.md\n");
    assert!(
        env.read("out.md")
            .starts_with("# AI ethics assessment: Loan model\n")
    );
}

#[test]
fn a_checklist_without_the_language_falls_back_to_english_with_one_warning() {
    let env = Env::mini();
    let english_only = crate::common::MINI.replace("languages: [en, id]\n", "");
    let english_only = english_only.replace(
        "title: {en: Mini checklist, id: Daftar periksa mini}",
        "title: Mini checklist",
    );
    env.write("mini.yaml", &english_only);
    let output = env
        .etika()
        .args(["report", "a.yaml", "--today", "2026-11-29", "--lang", "id"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stderr(&output),
        "warning: checklist mini tidak memiliki teks dalam bahasa ini; ditampilkan dalam bahasa Inggris\n"
    );
    assert!(stdout(&output).contains("(`mini` 1.1.0)"));
}

#[test]
fn report_refuses_to_overwrite_its_own_assessment() {
    let env = Env::mini();
    let before = env.read("a.yaml");
    let output = env
        .etika()
        .args(["report", "a.yaml", "-o", "a.yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("would overwrite the assessment;"),
        "{}",
        stderr(&output)
    );
    assert_eq!(env.read("a.yaml"), before);
}

#[test]
fn unknown_context_answers_count_at_their_highest_points() {
    let env = Env::mini();
    env.answer(&["context.people", "unknown", "--rationale", "Not decided yet"]);
    env.answer(&["context.data", "none"]);
    let text = report(&env, &[]);
    // `decides` (4 points) is assumed, and so is its floor: 4 of 7, level III.
    assert!(text.contains("**4 of 7 (58 %)**"), "{text}");
    assert!(
        text.contains("Answered \"don't know\", so counted at their maximum: `context.people`."),
        "{text}"
    );
    assert!(
        text.contains(
            "- **at least III**: It decides about people (`context.people` = Don't know yet); _assumed"
        ),
        "{text}"
    );
    // The banned class may apply: the report says it is assumed, and validate fails.
    assert!(text.contains("**Banned practice** (?)"), "{text}");
    // Unsure whether it decides about people: the fairness item is asked.
    assert!(text.contains("`data.fairness` | _not answered_"), "{text}");
}

#[test]
fn the_evaluation_as_json_is_language_neutral() {
    let env = Env::mini();
    env.complete_mini();
    let json = report(&env, &["--format", "json"]);
    assert_eq!(json, report(&env, &["--format", "json", "--lang", "id"]));
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["version"], 2);
    assert_eq!(value["impact"]["level"], "IV");
    assert_eq!(value["legal"][0]["classes"][0]["class"], "health");
    assert_eq!(value["readiness"]["residual"], "critical");
    assert_eq!(value["passed"], true);
    // The numbers behind the Markdown report's summary table.
    let data = &value["sections"][1];
    assert_eq!(data["id"], "data");
    assert_eq!(
        (
            data["applicable"].as_u64(),
            data["adverse"].as_u64(),
            data["open_actions"].as_u64()
        ),
        (Some(3), Some(1), Some(1))
    );
    insta::assert_snapshot!("report_json", json);
}

#[test]
fn a_template_does_not_apply_to_json() {
    let env = Env::mini();
    env.write("t.j2", "x\n");
    let output = env
        .etika()
        .args(["report", "a.yaml", "--format", "json", "--template", "t.j2"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("--template applies to the Markdown report"),
        "{}",
        stderr(&output)
    );
}
