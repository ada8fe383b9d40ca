//! The Markdown report: a template context built from the evaluation, rendered
//! by minijinja. Where the templates come from: `template.rs`; every variable,
//! filter and block: docs/templates.md.

mod context;
#[cfg(test)]
mod docs_tests;
mod words;

use std::path::PathBuf;

use crate::error::Result;

use crate::assessment::Assessment;
use crate::checklist::Checklist;
use crate::date::Date;
use crate::evaluate::Evaluation;
use crate::template::Templates;
use crate::text::{Lang, escape_controls, escape_url, is_hazard, link_target};
pub(crate) use context::ReportContext;
use context::build_context;

/// The rendered report, and the template files it read from disk.
pub(crate) struct Rendered {
    pub(crate) text: String,
    pub(crate) templates_read: Vec<PathBuf>,
}

/// Renders the report with `templates`.
/// Everything the report's template sees, in the report's language, with
/// evidence linked from where the report goes (`evidence_base`, see
/// [`evidence_base`]). It owns its data: the checklist, the answers and
/// their evaluation may be freed before [`render`] runs the template.
pub(crate) fn context(
    checklist: &Checklist,
    assessment: &Assessment,
    evaluation: &Evaluation<'_>,
    lang: Lang,
    today: Date,
    evidence_base: &str,
) -> ReportContext {
    let mut context = build_context(checklist, assessment, evaluation, lang, today);
    context.link_evidence_from(evidence_base);
    context
}

/// The report: `context` written by the template.
pub(crate) fn render(context: ReportContext, templates: Templates<'_>) -> Result<Rendered> {
    let mut loaded = crate::template::load(templates)?;
    add_filters(&mut loaded.env);
    let template = loaded
        .env
        .get_template(&loaded.entry)
        .map_err(|e| loaded.error(&e))?;
    let value = context.into_value();
    let mut tidy = Tidy::default();
    template
        .render_captured_to(value, &mut tidy)
        .map_err(|e| loaded.error(&e))?;
    Ok(Rendered {
        text: tidy.finish(),
        templates_read: loaded.files_read(),
    })
}

/// How the report reaches the assessment's folder, where evidence paths
/// start: from the folder the report is written to (`-o`, else the current
/// one), e.g. `../examples/loan-approval/`; empty when they are the same,
/// or when either cannot be resolved (links then assume the same folder).
pub(crate) fn evidence_base(report_dir: &std::path::Path, assessment: &std::path::Path) -> String {
    let resolve = |path: &std::path::Path| {
        std::fs::canonicalize(if path.as_os_str().is_empty() {
            ".".as_ref()
        } else {
            path
        })
        .ok()
    };
    let assessment_dir = assessment.parent().unwrap_or("".as_ref());
    let (Some(from), Some(to)) = (resolve(report_dir), resolve(assessment_dir)) else {
        return String::new();
    };
    let from: Vec<_> = from.components().collect();
    let to: Vec<_> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut base = String::new();
    for _ in common..from.len() {
        base.push_str("../");
    }
    for part in &to[common..] {
        let Some(part) = part.as_os_str().to_str() else {
            return String::new();
        };
        base.push_str(part);
        base.push('/');
    }
    base
}

/// The filters templates escape user text with (docs/templates.md).
fn add_filters(env: &mut minijinja::Environment<'_>) {
    use minijinja::{Error, State, Value};
    env.add_filter("md", |state: &State, text: &Value| {
        Ok::<_, Error>(escape_markdown(&filter_text(state, text)?))
    });
    env.add_filter("md_inline", |state: &State, text: &Value| {
        Ok::<_, Error>(escape_inline(&filter_text(state, text)?))
    });
    env.add_filter("evidence", |state: &State, text: &Value| {
        Ok::<_, Error>(evidence_markdown(&filter_text(state, text)?))
    });
    // Filters rather than template macros: a macro call runs the template
    // machine again, and these run once per item (a third of the report's
    // rendering, as macros).
    env.add_filter("mark", |state: &State, outcome: &Value| {
        Ok::<_, Error>(outcome_mark(&filter_text(state, outcome)?))
    });
    env.add_filter("percent", |value: &Value| {
        if value.is_none() {
            "–".to_string()
        } else {
            format!("{value} %")
        }
    });
    env.add_filter("chart_label", |state: &State, text: &Value| {
        Ok::<_, Error>(chart_label(&filter_text(state, text)?))
    });
    env.add_filter("url", |state: &State, url: &Value| {
        Ok::<_, Error>(
            link_target(&filter_text(state, url)?)
                .map(std::borrow::Cow::into_owned)
                .unwrap_or_default(),
        )
    });
    env.add_filter("link", |state: &State, url: &Value, text: &Value| {
        Ok::<_, Error>(link_markdown(
            &filter_text(state, url)?,
            &filter_text(state, text)?,
        ))
    });
}

/// The mark of an item's outcome, as the built-in report shows it.
fn outcome_mark(outcome: &str) -> &'static str {
    match outcome {
        "in-place" => "✅",
        "partial" => "◐",
        "gap" => "⚠️",
        "unknown" => "❔",
        "not-applicable" => "➖",
        _ => "○",
    }
}

/// A label inside a Mermaid chart's quoted string: no quote, backtick,
/// line break or markup can end the string, the chart or the code fence.
pub(crate) fn chart_label(text: &str) -> String {
    let label: String = text
        .chars()
        .map(|ch| match ch {
            '"' | '`' | '\\' | '<' | '>' | '&' | '#' | ';' | '[' | ']' | '{' | '}' => ' ',
            ch if ch.is_control() || is_hazard(ch) => ' ',
            ch => ch,
        })
        .collect();
    label.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text a filter works on: none is no text, a number its digits, and an
/// undefined variable an error that names it (`` `sytem.name` is undefined ``,
/// which minijinja says only when it checks the value itself).
fn filter_text(state: &minijinja::State, value: &minijinja::Value) -> Result<String, minijinja::Error> {
    if value.is_none() {
        return Ok(String::new());
    }
    Ok(minijinja::value::StringInput::new(state, value)?
        .as_str()
        .to_string())
}

/// Collapses the runs of blank lines that template control blocks leave, and
/// ends the text with exactly one newline, line by line as the template
/// writes it: a report of 20,000 items is megabytes, never held twice.
#[derive(Default)]
struct Tidy {
    out: String,
    /// The line being written, up to its line break.
    line: Vec<u8>,
    blank_run: usize,
}

impl Tidy {
    fn end_line(&mut self) {
        // The template writes `str`s and a line break never splits a
        // character, so the line is UTF-8 and borrowed as it is.
        let line = String::from_utf8_lossy(&self.line);
        let line = line.trim_end();
        if line.is_empty() {
            self.blank_run += 1;
            // Blank lines open nothing at the start, and collapse elsewhere.
            if self.out.is_empty() || self.blank_run > 1 {
                self.line.clear();
                return;
            }
        } else {
            self.blank_run = 0;
        }
        self.out.push_str(line);
        self.out.push('\n');
        self.line.clear();
    }

    fn finish(mut self) -> String {
        if !self.line.is_empty() {
            self.end_line();
        }
        self.out.truncate(self.out.trim_end().len());
        self.out.push('\n');
        self.out
    }
}

impl std::io::Write for Tidy {
    fn write(&mut self, mut buf: &[u8]) -> std::io::Result<usize> {
        let written = buf.len();
        while let Some(at) = memchr::memchr(b'\n', buf) {
            self.line.extend_from_slice(&buf[..at]);
            self.end_line();
            buf = &buf[at + 1..];
        }
        self.line.extend_from_slice(buf);
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Escapes user text for Markdown: it cannot break a table (`|`, newlines),
/// inject HTML (`<`, `>`, `&`), start emphasis, code or links, or carry
/// terminal escapes and bidirectional overrides (shown as `\u{1b}`).
pub(crate) fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped_markdown(&mut out, text);
    out
}

/// [`escape_markdown`] written onto `out`.
pub(crate) fn push_escaped_markdown(out: &mut String, text: &str) {
    // Most texts are one line of plain words (a reference's name, a
    // label): written as they are, without splitting them into lines.
    if !text.bytes().any(|b| MARKDOWN_SUSPECT[usize::from(b)]) {
        out.push_str(text.trim());
        return;
    }
    let text = line_breaks(text);
    let mut lines = text.trim().lines().peekable();
    while let Some(line) = lines.next() {
        // Most lines are plain words: copied whole, not char by char.
        if line.bytes().any(|b| MARKDOWN_SUSPECT[usize::from(b)]) {
            escape_markdown_line(out, line);
        } else {
            out.push_str(line);
        }
        if lines.peek().is_some() {
            out.push_str("<br>");
        }
    }
}

/// `text` with every line break as `\n`: a lone CR (old Mac files, some
/// pasted text) is a break too, not a character to drop between two words.
fn line_breaks(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        text.into()
    }
}

/// Bytes [`escape_markdown_line`] may write otherwise than as they are:
/// those it escapes, and every byte a hazard can start with. A table, one
/// load a byte: `checklist show` passes every reference through here.
const MARKDOWN_SUSPECT: [bool; 256] = {
    let mut table = crate::text::HAZARD_LEAD;
    let escaped = b"\\`*_[]#~&<>|\r\n";
    let mut at = 0;
    while at < escaped.len() {
        table[escaped[at] as usize] = true;
        at += 1;
    }
    table
};

fn escape_markdown_line(out: &mut String, line: &str) {
    for ch in line.chars() {
        match ch {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '~' => {
                out.push('\\');
                out.push(ch);
            }
            _ => push_prose_char(out, ch),
        }
    }
}

/// One character of text outside code spans, safe in a table cell.
fn push_prose_char(out: &mut String, ch: char) {
    match ch {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '|' => out.push_str("\\|"),
        '\r' => {}
        '\n' => out.push_str("<br>"),
        _ if is_hazard(ch) => out.push_str(&escape_controls(ch.encode_utf8(&mut [0; 4]))),
        _ => out.push(ch),
    }
}

/// Escapes text that may contain code spans of our own (validation
/// messages): it cannot break a table, inject HTML or make links, and its
/// code spans, however many backticks they are fenced with, stay code.
pub(crate) fn escape_inline(text: &str) -> String {
    let text = line_breaks(text);
    let mut out = String::with_capacity(text.len());
    let mut rest = text.trim();
    while let Some(start) = rest.find('`') {
        escape_prose_into(&mut out, &rest[..start]);
        let from = &rest[start..];
        let fence = from.bytes().take_while(|&b| b == b'`').count();
        let inside = &from[fence..];
        if let Some(end) = closing_fence(inside, fence) {
            out.push_str(&from[..fence]);
            for ch in inside[..end].chars() {
                match ch {
                    // GitHub reads `\|` as a pipe even inside code in a table.
                    '|' => out.push_str("\\|"),
                    '\r' | '\n' => out.push(' '),
                    _ if is_hazard(ch) => out.push_str(&escape_controls(ch.encode_utf8(&mut [0; 4]))),
                    _ => out.push(ch),
                }
            }
            out.push_str(&from[..fence]);
            rest = &inside[end + fence..];
        } else {
            out.push_str(&"\\`".repeat(fence));
            rest = inside;
        }
    }
    escape_prose_into(&mut out, rest);
    out
}

fn escape_prose_into(out: &mut String, text: &str) {
    let mut prose = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            // A backslash would escape what follows: etika's own backtick, or a bracket.
            '\\' | '[' | ']' | '*' | '_' | '!' => {
                prose.push('\\');
                prose.push(ch);
            }
            _ => push_prose_char(&mut prose, ch),
        }
    }
    out.push_str(&defuse_autolinks(&prose));
}

/// GitHub turns `https://…`, `www.…` and `name@host` in plain text into
/// links; escaped, they read the same and link nowhere.
pub(crate) fn defuse_autolinks(escaped: &str) -> String {
    escaped
        .replace("://", ":\\/\\/")
        .replace("www.", "www\\.")
        .replace("WWW.", "WWW\\.")
        .replace('@', "\\@")
}

/// Where the run of exactly `fence` backticks that closes a code span starts.
fn closing_fence(text: &str, fence: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'`' {
            let run = bytes[at..].iter().take_while(|&&b| b == b'`').count();
            if run == fence {
                return Some(at);
            }
            at += run;
        } else {
            at += 1;
        }
    }
    None
}

/// An evidence entry: a URL becomes a link (escaping `_` or `#` inside a bare
/// URL would end up in the link GitHub makes of it), anything else is text.
pub(crate) fn evidence_markdown(text: &str) -> String {
    let text = text.trim();
    if (text.starts_with("https://") || text.starts_with("http://")) && !text.contains(char::is_whitespace) {
        format!("[{}]({})", escape_markdown(text), escape_url(text))
    } else {
        escape_markdown(text)
    }
}

/// A link to `url` with the words `text`; a URL that is not safe to follow
/// (see [`link_target`]) is shown as plain text after the words instead.
pub(crate) fn link_markdown(url: &str, text: &str) -> String {
    let mut out = String::with_capacity(url.len() + text.len() + 4);
    push_link_markdown(&mut out, url, text);
    out
}

/// [`link_markdown`] written onto `out`: `checklist show` writes hundreds.
pub(crate) fn push_link_markdown(out: &mut String, url: &str, text: &str) {
    if let Some(target) = link_target(url) {
        out.push('[');
        push_escaped_markdown(out, text);
        out.push_str("](");
        out.push_str(&target);
        out.push(')');
    } else {
        push_escaped_markdown(out, text);
        out.push_str(" (");
        push_escaped_markdown(out, url);
        out.push(')');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` tidied as the template would write it, in pieces of `piece` bytes.
    fn tidy(text: &str, piece: usize) -> String {
        use std::io::Write as _;
        let mut tidy = Tidy::default();
        for chunk in text.as_bytes().chunks(piece) {
            tidy.write_all(chunk).unwrap();
        }
        tidy.finish()
    }

    #[test]
    fn tidy_collapses_blank_runs_and_ends_with_one_newline() {
        for piece in [1, 2, 3, 7, 1000] {
            assert_eq!(tidy("", piece), "\n");
            assert_eq!(tidy("\n\n  \n# A  \n\n\n\nb\n\n", piece), "# A\n\nb\n");
            assert_eq!(tidy("a\r\n\r\n\r\nb", piece), "a\n\nb\n");
            assert_eq!(tidy("a\u{a0}\n\u{3000}\n\n€ b", piece), "a\n\n€ b\n", "{piece}");
        }
    }

    #[test]
    fn escaping_keeps_tables_and_html_intact() {
        assert_eq!(escape_markdown("a | b"), "a \\| b");
        assert_eq!(
            escape_markdown("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(escape_markdown("line one\nline two"), "line one<br>line two");
        assert_eq!(
            escape_markdown("[x](javascript:1) *b* `c`"),
            "\\[x\\](javascript:1) \\*b\\* \\`c\\`"
        );
        assert_eq!(escape_inline("`a.b`: x | <y>\nz"), "`a.b`: x \\| &lt;y&gt;<br>z");
        assert_eq!(
            evidence_markdown("https://wiki.example/Model_Card#Fairness"),
            "[https://wiki.example/Model\\_Card\\#Fairness](https://wiki.example/Model_Card#Fairness)"
        );
        assert_eq!(evidence_markdown("docs/model_card.md"), "docs/model\\_card.md");
        assert_eq!(
            escape_url("https://x.example/a|b (c)"),
            "https://x.example/a%7Cb%20%28c%29"
        );
    }

    #[test]
    fn only_safe_links_are_links() {
        for safe in [
            "https://x.example/a",
            "HTTP://x",
            "mailto:a@b.example",
            "docs/card.md",
            "../x#y",
            "#top",
        ] {
            assert!(link_target(safe).is_some(), "{safe}");
        }
        for unsafe_url in [
            "javascript:alert(1)",
            "//evil.example/x",
            " JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "javascript&#58;alert(1)",
            "javascript\\:alert(1)",
            "data:text/html;base64,PHNjcmlwdD4=",
            "file:///etc/passwd",
            "vbscript:x",
            "",
        ] {
            assert_eq!(link_target(unsafe_url), None, "{unsafe_url:?}");
        }
        assert_eq!(link_markdown("javascript:x()", "case"), "case (javascript:x())");
    }

    #[test]
    fn inline_code_spans_stay_code_and_prose_stays_escaped() {
        assert_eq!(
            escape_inline("answer to ``a`b``: <b>"),
            "answer to ``a`b``: &lt;b&gt;"
        );
        assert_eq!(escape_inline("`a<b>|c`"), "`a<b>\\|c`");
        assert_eq!(escape_inline("stray ` tick"), "stray \\` tick");
        assert_eq!(escape_markdown("a\u{1b}[31m\u{202e}"), "a\\u{1b}\\[31m\\u{202e}");
    }

    #[test]
    fn every_kind_of_line_break_is_a_break() {
        assert_eq!(
            escape_markdown("one\ntwo\r\nthree\rfour"),
            "one<br>two<br>three<br>four"
        );
        assert_eq!(
            escape_inline("one\r\ntwo\rthree `a\rb`"),
            "one<br>two<br>three `a b`"
        );
    }
}
