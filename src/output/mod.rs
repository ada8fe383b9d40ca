//! How validation findings are printed: text for people, JSON for scripts,
//! GitHub workflow commands for annotations in pull requests.

mod step_summary;

use serde::Serialize;

use crate::assessment::ChecklistRef;
use crate::diagnostic::{Diagnostic, Level};
use crate::say::{Say, say};
use crate::text::Lang;

mod sarif;

pub(crate) use step_summary::append as append_step_summary;

/// The findings of one assessment file.
#[derive(Debug, Serialize)]
pub(crate) struct FileReport {
    pub(crate) file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) checklist: Option<ChecklistRef>,
    pub(crate) passed: bool,
    pub(crate) errors: usize,
    pub(crate) warnings: usize,
    pub(crate) findings: Vec<Diagnostic>,
}

impl FileReport {
    pub(crate) fn new(
        file: String,
        checklist: Option<ChecklistRef>,
        findings: Vec<Diagnostic>,
    ) -> FileReport {
        let errors = findings.iter().filter(|f| f.level == Level::Error).count();
        let warnings = findings.iter().filter(|f| f.level == Level::Warning).count();
        FileReport {
            file,
            checklist,
            passed: errors == 0,
            errors,
            warnings,
            findings,
        }
    }
}

/// A file that could not be validated at all (missing, malformed, unknown checklist).
#[derive(Debug, Serialize)]
pub(crate) struct Unreadable {
    pub(crate) file: String,
    pub(crate) message: String,
    /// Where the problem is (the assessment or its checklist), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) location: Option<Location>,
    /// For a checklist that fails its checks: each problem, located.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) problems: Vec<Problem>,
}

#[derive(Debug, Serialize)]
pub(crate) struct Problem {
    pub(crate) rule: crate::diagnostic::Rule,
    #[serde(flatten)]
    pub(crate) location: Location,
    pub(crate) message: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Location {
    pub(crate) file: String,
    pub(crate) line: u64,
    pub(crate) column: u64,
}

impl Unreadable {
    pub(crate) fn new(file: String, error: &crate::error::Error) -> Unreadable {
        let location = error.yaml().and_then(|yaml| {
            let span = yaml.span?;
            Some(Location {
                file: yaml.source_name.clone(),
                line: span.line,
                column: span.column,
            })
        });
        let problems: Vec<Problem> = error
            .checklist()
            .map(|checklist| {
                checklist
                    .problems
                    .iter()
                    .map(|problem| Problem {
                        rule: problem.rule,
                        location: Location {
                            file: checklist.source_name.clone(),
                            line: problem.line,
                            column: problem.column,
                        },
                        message: problem.message.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let location = location.or_else(|| problems.first().map(|p| p.location.clone()));
        Unreadable {
            file,
            message: crate::text::escape_controls_keep_lines(&format!("{error}")).into_owned(),
            location,
            problems,
        }
    }
}

pub(crate) use crate::cli::Format;

/// How output looks.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Style {
    /// ANSI colours (a terminal that asked for them).
    pub(crate) color: bool,
    /// The language of the summary lines (the findings carry their own messages).
    pub(crate) lang: Lang,
}

impl Style {
    fn paint(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn level(self, level: Level) -> String {
        match level {
            Level::Error => self.paint("1;31", level.as_str()),
            Level::Warning => self.paint("1;33", level.as_str()),
            Level::Note => self.paint("1;36", level.as_str()),
        }
    }
}

/// What a validate or lint format puts on stdout.
pub(crate) fn stdout_kind(format: Format, style: Style) -> crate::StdoutKind {
    match format {
        Format::Text if style.color => crate::StdoutKind::Styled,
        Format::Text => crate::StdoutKind::Text,
        Format::Json | Format::Sarif => crate::StdoutKind::Json,
        Format::Github => crate::StdoutKind::Annotations,
    }
}

/// Findings on stdout. Unreadable files are on stderr too; JSON and GitHub
/// output carry them as well, so a consumer of stdout alone never sees success.
pub(crate) fn render(
    format: Format,
    reports: &[FileReport],
    unreadable: &[Unreadable],
    style: Style,
) -> String {
    match format {
        Format::Text => text(reports, unreadable, style),
        Format::Json => json(reports, unreadable),
        Format::Github => github(reports, unreadable, say(style.lang)),
        Format::Sarif => sarif::sarif(reports, unreadable),
    }
}

/// Each file's findings, then its result; a summary line when several files
/// were checked. Unreadable files are on stderr.
fn text(reports: &[FileReport], unreadable: &[Unreadable], style: Style) -> String {
    let t = say(style.lang);
    let mut out = String::new();
    for report in reports {
        for finding in &report.findings {
            let file = one_line(&report.file);
            let location = match finding.span {
                Some(span) => format!("{file}:{}:{}", span.line, span.column),
                None => file.into_owned(),
            };
            out.push_str(&format!(
                "{location}: {}[{}]: {}\n",
                style.level(finding.level),
                finding.rule.id(),
                one_line(&finding.message)
            ));
        }
        if report.passed {
            let warnings = if report.warnings > 0 {
                format!(" ({})", (t.warnings)(report.warnings))
            } else {
                String::new()
            };
            out.push_str(&format!(
                "{}: {}{warnings}\n",
                one_line(&report.file),
                style.paint("32", t.passed)
            ));
        } else {
            out.push_str(&format!(
                "{}: {}: {}, {}\n",
                one_line(&report.file),
                style.paint("1;31", t.failed),
                (t.errors)(report.errors),
                (t.warnings)(report.warnings)
            ));
        }
    }
    if reports.len() + unreadable.len() > 1 {
        out.push_str(&summary_line(reports, unreadable, t));
        out.push('\n');
    }
    out
}

/// `checked 3 files: 2 passed, 1 failed, 0 unreadable (4 errors, 1 warning)`.
pub(crate) fn summary_line(reports: &[FileReport], unreadable: &[Unreadable], t: &Say) -> String {
    let passed = reports.iter().filter(|r| r.passed).count();
    (t.checked)(
        reports.len() + unreadable.len(),
        passed,
        reports.len() - passed,
        unreadable.len(),
        &(t.errors)(reports.iter().map(|r| r.errors).sum()),
        &(t.warnings)(reports.iter().map(|r| r.warnings).sum()),
    )
}

/// Control characters and bidirectional overrides (from hand-written ids or
/// values) shown escaped, so a finding stays on one line and reads as it is.
fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    crate::text::escape_controls(text)
}

/// Version 1 of the JSON output; fields are only ever added.
#[derive(Serialize)]
struct JsonOutput<'a> {
    version: u32,
    passed: bool,
    files: &'a [FileReport],
    unreadable: &'a [Unreadable],
}

fn json(reports: &[FileReport], unreadable: &[Unreadable]) -> String {
    let output = JsonOutput {
        version: 1,
        passed: unreadable.is_empty() && reports.iter().all(|r| r.passed),
        files: reports,
        unreadable,
    };
    let mut text = serde_json::to_string_pretty(&output).expect("findings serialise");
    text.push('\n');
    text
}

fn github(reports: &[FileReport], unreadable: &[Unreadable], t: &Say) -> String {
    let mut out = String::new();
    for file in unreadable {
        let place = match &file.location {
            Some(at) => format!(
                "file={},line={},col={}",
                escape_property(&at.file),
                at.line,
                at.column
            ),
            None => format!("file={}", escape_property(&file.file)),
        };
        out.push_str(&format!(
            "::error {place},title={}::{}\n",
            escape_property("etika unreadable"),
            // The first line says what and where; the snippet below it is for terminals.
            escape_data(file.message.lines().next().unwrap_or_default())
        ));
        // A checklist that fails its checks: each problem on its own line of the checklist.
        for problem in &file.problems {
            out.push_str(&format!(
                "::error file={},line={},col={},title={}::{}\n",
                escape_property(&problem.location.file),
                problem.location.line,
                problem.location.column,
                escape_property(&format!("etika {}", problem.rule.id())),
                escape_data(&problem.message)
            ));
        }
    }
    for report in reports {
        for finding in &report.findings {
            let command = match finding.level {
                Level::Note => "notice",
                other => other.as_str(),
            };
            let mut properties = vec![format!("file={}", escape_property(&report.file))];
            if let Some(span) = finding.span {
                properties.push(format!("line={},col={}", span.line, span.column));
            }
            properties.push(format!(
                "title={}",
                escape_property(&format!("etika {}", finding.rule.id()))
            ));
            out.push_str(&format!(
                "::{command} {}::{}\n",
                properties.join(","),
                escape_data(&finding.message)
            ));
        }
    }
    // A green run says so in the log, not only by its exit code.
    if unreadable.is_empty() && !reports.is_empty() && reports.iter().all(|r| r.passed) {
        out.push_str(&format!(
            "::notice title={}::{}\n",
            escape_property("etika validate"),
            escape_data(&summary_line(reports, unreadable, t))
        ));
    }
    out
}

/// GitHub workflow-command escaping for the message part.
pub(crate) fn escape_data(text: &str) -> String {
    // `##[` is the runner's legacy command syntax; it is never etika's.
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
        .replace("##[", "##\\[")
}

/// GitHub workflow-command escaping for property values; other control
/// characters (from file names) are shown escaped, as everywhere.
pub(crate) fn escape_property(text: &str) -> String {
    let shown: String = text
        .chars()
        .map(|ch| match ch {
            '\r' | '\n' => ch.to_string(),
            _ if crate::text::is_hazard(ch) => {
                crate::text::escape_controls(ch.encode_utf8(&mut [0; 4])).into_owned()
            }
            _ => ch.to_string(),
        })
        .collect();
    escape_data(&shown).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_escaping() {
        assert_eq!(escape_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
