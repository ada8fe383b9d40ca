//! The rendered report read as GitHub reads it (pulldown-cmark, tables on):
//! hostile user text in every field the report shows changes nothing of
//! its structure, adds no HTML of its own, and makes no unsafe link.

use pulldown_cmark::{Event, Options, Parser, Tag};

use crate::common::{Env, stderr, stdout};

/// Texts that would break Markdown if copied as they are.
const HOSTILE: &[&str] = &[
    "a | b || c \\| d |",
    "`tick` ``double`` ```triple```",
    "```\nfenced\n```",
    "one\ntwo\r\nthree\rfour",
    "<script>alert(1)</script> <b>bold</b> <!-- c --> &amp; &#60;",
    "[x](javascript:alert(1)) ![i](https://evil.example/i.png) <https://evil.example> www.evil.example a@b.example",
    "مرحبا \u{202e}עברית\u{202c} \u{2066}x\u{2069}",
    "👩\u{200d}👩\u{200d}👧\u{200d}👦 👨🏽\u{200d}💻 🏳️\u{200d}🌈",
    "# x\n## y\n- item\n* item\n+ item\n1. item\n> quote\n---\n***\n===",
    "|---|---|\n| fake | row |",
    "*em* _em_ **strong** ~~del~~ [ref]: https://evil.example",
    "\\",
];

fn hostile() -> String {
    let long = "w".repeat(5000);
    let mut parts: Vec<&str> = HOSTILE.to_vec();
    parts.push(&long);
    parts.join("\n")
}

/// `text` as a YAML double-quoted scalar (a JSON string is one).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

/// An assessment of the test checklist with `text(field)` in every field
/// the report shows.
fn assessment(text: &dyn Fn(&str) -> String) -> String {
    let q = |field: &str| quoted(&text(field));
    let evidence: Vec<String> = (0..HOSTILE.len())
        .map(|i| quoted(&text(&format!("evidence {i}"))))
        .chain([quoted("https://wiki.example/card")])
        .collect();
    format!(
        "etika: 1
checklist: {{id: mini, version: \"1.1.0\", path: mini.yaml}}
system: {{name: {name}, owner: {owner}, description: {description}}}
answers:
  context.people: {{value: decides, rationale: {people}, by: {by}, at: \"2026-11-01\"}}
  context.data: {{value: [ordinary], by: {by}, at: \"2026-11-01\"}}
  data.card:
    value: \"no\"
    rationale: {rationale}
    evidence: [{evidence}]
    action: {{text: {action}, owner: {action_owner}, due: \"2026-12-01\"}}
    by: {by}
    at: \"2026-11-02\"
  data.fairness:
    value: \"yes\"
    rationale: {rationale}
    by: {by}
    at: \"2026-11-02\"
  people.notes: {{value: {notes}, by: {by}, at: \"2026-11-02\"}}
signoff:
- {{name: {signer}, role: {role}, date: \"2026-11-03\"}}
",
        name = q("system name"),
        owner = q("system owner"),
        description = q("description"),
        people = q("context rationale"),
        by = q("by"),
        rationale = q("rationale"),
        evidence = evidence.join(", "),
        action = q("action"),
        action_owner = q("action owner"),
        notes = q("notes"),
        signer = q("sign-off name"),
        role = q("sign-off role"),
    )
}

fn render(env: &Env, yaml: &str) -> String {
    env.write("a.yaml", yaml);
    let output = env
        .etika()
        .args(["report", "a.yaml", "--today", "2026-11-29"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    stdout(&output)
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS | Options::ENABLE_GFM
}

/// The blocks of `markdown`, in order: what a reader sees as its structure.
fn skeleton(markdown: &str) -> Vec<String> {
    Parser::new_ext(markdown, options())
        .filter_map(|event| match event {
            Event::Start(
                tag @ (Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::HtmlBlock
                | Tag::List(_)
                | Tag::Item
                | Tag::Table(_)
                | Tag::TableHead
                | Tag::TableRow
                | Tag::TableCell
                | Tag::FootnoteDefinition(_)),
            ) => Some(format!("{tag:?}").chars().take(40).collect()),
            Event::Rule => Some("Rule".to_string()),
            _ => None,
        })
        .collect()
}

/// The cells of one table row as written: `|` not escaped by a backslash
/// separates them (GitHub reads `\|` as a pipe even inside code spans).
fn cells_written(row: &str) -> usize {
    let (mut pipes, mut escaped) = (0, false);
    for ch in row.trim().chars() {
        match ch {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => pipes += 1,
            _ => escaped = false,
        }
        if ch != '\\' {
            escaped = false;
        }
    }
    pipes - 1
}

#[test]
fn hostile_text_changes_nothing_of_the_report_s_structure() {
    let env = Env::mini();
    let hostile_text = hostile();
    let plain = render(&env, &assessment(&|field| format!("plain {field}")));
    let report = render(&env, &assessment(&|field| format!("{field}: {hostile_text}")));

    // The same blocks, tables, rows and cells as with plain text.
    assert_eq!(skeleton(&report), skeleton(&plain), "{report}");

    let mut tables = 0;
    let mut header_cells = 0;
    let mut rows = 0;
    for (event, range) in Parser::new_ext(&report, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Table(alignments)) => {
                tables += 1;
                header_cells = alignments.len();
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                rows += 1;
                let row = &report[range];
                assert!(!row.trim_end().contains('\n'), "a row spans lines: {row}");
                assert_eq!(cells_written(row), header_cells, "{row}");
            }
            // Only the HTML the template writes itself.
            Event::Html(html) | Event::InlineHtml(html) => {
                assert!(
                    ["<br>", "<sub>", "</sub>"].contains(&html.as_ref()),
                    "raw HTML {html:?}"
                );
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                assert!(
                    dest_url.starts_with("https://wiki.example/")
                        || dest_url.starts_with("https://example.org/"),
                    "a link the template did not make: {dest_url}"
                );
            }
            _ => {}
        }
    }
    // Facts, summary, three sections, actions, sign-off.
    assert!(tables >= 7, "{tables} tables");
    assert!(rows > 15, "{rows} rows");

    // Every field's text the report shows is in it (context rationales are not shown yet), escaped, and the long word whole.
    for field in [
        "system name",
        "system owner",
        "description",
        "rationale",
        "evidence 0",
        "action",
        "action owner",
        "notes",
        "sign-off name",
        "sign-off role",
    ] {
        assert!(report.contains(&format!("{field}: a \\| b")), "{field}");
    }
    assert!(report.contains(&"w".repeat(5000)));
    assert!(report.contains("👩\u{200d}👩\u{200d}👧\u{200d}👦"));
    assert!(!report.contains('\u{202e}') && report.contains("\\u{202e}"));
    assert!(!report.contains('\r') && report.contains("three<br>four"));
}

#[test]
fn cells_are_counted_as_github_counts_them() {
    assert_eq!(cells_written("| a | b |"), 2);
    assert_eq!(cells_written("| a \\| b | `c\\|d` |"), 2);
    assert_eq!(cells_written("| a \\\\| b |"), 2);
}
