//! How validation findings are printed: text for people, JSON for scripts,
//! GitHub workflow commands for annotations in pull requests.

use serde::Serialize;

use crate::assessment::ChecklistRef;
use crate::evaluate::{Finding, Level};

/// The findings of one assessment file.
#[derive(Debug, Serialize)]
pub struct FileReport {
    pub file: String,
    pub checklist: ChecklistRef,
    pub passed: bool,
    pub errors: usize,
    pub warnings: usize,
    pub findings: Vec<Finding>,
}

impl FileReport {
    pub fn new(file: String, checklist: ChecklistRef, findings: Vec<Finding>) -> FileReport {
        let errors = findings.iter().filter(|f| f.level == Level::Error).count();
        let warnings = findings.len() - errors;
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
pub struct Unreadable {
    pub file: String,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One line per finding, `FILE:LINE: level[rule]: message`
    Text,
    /// A stable JSON document (see README)
    Json,
    /// GitHub Actions workflow commands (annotations on the pull request)
    Github,
}

/// Findings on stdout. Unreadable files are on stderr too; JSON and GitHub
/// output carry them as well, so a consumer of stdout alone never sees success.
pub fn render(format: Format, reports: &[FileReport], unreadable: &[Unreadable]) -> String {
    match format {
        Format::Text => text(reports),
        Format::Json => json(reports, unreadable),
        Format::Github => github(reports, unreadable),
    }
}

fn text(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for report in reports {
        for finding in &report.findings {
            let file = one_line(&report.file);
            let location = match finding.line {
                Some(line) => format!("{file}:{line}"),
                None => file.into_owned(),
            };
            let level = match finding.level {
                Level::Error => "error",
                Level::Warning => "warning",
            };
            out.push_str(&format!(
                "{location}: {level}[{}]: {}\n",
                finding.rule.as_str(),
                one_line(&finding.message)
            ));
        }
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        if report.passed {
            let warnings = if report.warnings > 0 {
                format!(" ({})", plural(report.warnings, "warning"))
            } else {
                String::new()
            };
            out.push_str(&format!("{}: passed{warnings}\n", one_line(&report.file)));
        } else {
            out.push_str(&format!(
                "{}: failed: {}, {}\n",
                one_line(&report.file),
                plural(report.errors, "error"),
                plural(report.warnings, "warning")
            ));
        }
    }
    out
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

fn github(reports: &[FileReport], unreadable: &[Unreadable]) -> String {
    let mut out = String::new();
    for file in unreadable {
        out.push_str(&format!(
            "::error file={},title={}::{}\n",
            escape_property(&file.file),
            escape_property("etika unreadable"),
            // The first line says what and where; the snippet below it is for terminals.
            escape_data(file.message.lines().next().unwrap_or_default())
        ));
    }
    for report in reports {
        for finding in &report.findings {
            let command = match finding.level {
                Level::Error => "error",
                Level::Warning => "warning",
            };
            let mut properties = vec![format!("file={}", escape_property(&report.file))];
            if let Some(line) = finding.line {
                properties.push(format!("line={line}"));
            }
            properties.push(format!(
                "title={}",
                escape_property(&format!("etika {}", finding.rule.as_str()))
            ));
            out.push_str(&format!(
                "::{command} {}::{}\n",
                properties.join(","),
                escape_data(&finding.message)
            ));
        }
    }
    out
}

/// GitHub workflow-command escaping for the message part.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// GitHub workflow-command escaping for property values.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
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
