//! The Markdown summary a GitHub Actions job shows on its page: appended to
//! the file `$GITHUB_STEP_SUMMARY` names, whatever the output format.

use std::io::Write;
use std::path::Path;

use super::{FileReport, Unreadable, summary_line};
use crate::report::{defuse_autolinks, escape_inline};
use crate::say::Say;

/// Plain text in a table cell: no markup, no HTML, no link.
fn escape_markdown(text: &str) -> String {
    defuse_autolinks(&crate::report::escape_markdown(text))
}

/// GitHub shows at most 1 MiB of a step's summary; a thousand rows stay far below.
const MAX_FINDINGS: usize = 1000;

pub(crate) fn markdown(reports: &[FileReport], unreadable: &[Unreadable], t: &Say) -> String {
    let mut out = String::from("### etika validate\n\n");
    out.push_str(&escape_markdown(&summary_line(reports, unreadable, t)));
    out.push_str(&format!("\n\n{}\n|---|---|---|---|\n", t.files_table));
    for report in reports {
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            escape_markdown(&report.file),
            if report.passed {
                format!("✅ {}", t.passed)
            } else {
                format!("❌ {}", t.failed)
            },
            report.errors,
            report.warnings
        ));
    }
    for file in unreadable {
        out.push_str(&format!(
            "| {} | ⛔ {}: {} | | |\n",
            escape_markdown(&file.file),
            t.unreadable,
            escape_markdown(file.message.lines().next().unwrap_or_default())
        ));
    }
    let findings: Vec<_> = reports
        .iter()
        .flat_map(|r| r.findings.iter().map(move |f| (r, f)))
        .collect();
    if !findings.is_empty() {
        out.push_str(&format!("\n{}\n|---|---|---|---|\n", t.findings_table));
        for (report, finding) in findings.iter().take(MAX_FINDINGS) {
            let place = match finding.span {
                Some(span) => format!("{}:{}:{}", report.file, span.line, span.column),
                None => report.file.clone(),
            };
            out.push_str(&format!(
                "| {} | {} | `{}` | {} |\n",
                escape_markdown(&place),
                finding.level.as_str(),
                finding.rule.id(),
                escape_inline(&finding.message)
            ));
        }
        if findings.len() > MAX_FINDINGS {
            out.push_str(&format!(
                "\n{}\n",
                (t.more_in_validate)(findings.len() - MAX_FINDINGS)
            ));
        }
    }
    out.push('\n');
    out
}

/// Appends the summary to `path` (the runner creates the file).
pub(crate) fn append(
    path: &Path,
    reports: &[FileReport],
    unreadable: &[Unreadable],
    t: &Say,
) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new().append(true).create(true).open(path)?;
    file.write_all(markdown(reports, unreadable, t).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Diagnostic, Rule};

    #[test]
    fn text_from_files_makes_no_link_in_the_summary() {
        let finding = Diagnostic::new(
            Rule::OverdueAction,
            Some("bias.x"),
            None,
            "`bias.x`: action was due 2026-01-01 (owner: see https://evil.example/login, www.evil.example or boss@evil.example)",
        );
        let report = FileReport::new("https://evil.example/a.yaml".to_string(), None, vec![finding]);
        let markdown = markdown(&[report], &[], &crate::say::EN);
        for link in ["https://", "www.evil", "boss@"] {
            assert!(!markdown.contains(link), "{link} in {markdown}");
        }
        assert!(markdown.contains("https:\\/\\/evil.example/login"), "{markdown}");
        assert!(
            markdown.contains("www\\.evil.example or boss\\@evil.example"),
            "{markdown}"
        );
    }
}
