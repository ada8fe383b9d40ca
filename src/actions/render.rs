//! The action plan as a Markdown table, CSV and JSON.

use serde::Serialize;

use super::{ActionRow, ActionStatus};
use crate::report::escape_markdown;
use crate::text::{Lang, code_span, escape_controls_keep_lines};

/// The words of the Markdown table, per language. CSV and JSON are data:
/// their headers and status values stay English in every language.
struct Words {
    headers: [&'static str; 6],
    open: &'static str,
    overdue: &'static str,
    closed: &'static str,
    not_applicable: &'static str,
    pending: &'static str,
}

const EN: Words = Words {
    headers: ["Item", "Question", "Action", "Owner", "Due", "Status"],
    open: "open",
    overdue: "**overdue**",
    closed: "closed",
    not_applicable: "does not apply",
    pending: "pending",
};

const ID: Words = Words {
    headers: [
        "Butir",
        "Pertanyaan",
        "Tindakan",
        "Penanggung jawab",
        "Tenggat",
        "Status",
    ],
    open: "terbuka",
    overdue: "**lewat tenggat**",
    closed: "ditutup",
    not_applicable: "tidak berlaku",
    pending: "tertunda",
};

impl Words {
    fn of(lang: Lang) -> &'static Words {
        match lang {
            Lang::En => &EN,
            Lang::Id => &ID,
        }
    }

    fn status(&self, status: ActionStatus) -> &'static str {
        match status {
            ActionStatus::Open => self.open,
            ActionStatus::Overdue => self.overdue,
            ActionStatus::Closed => self.closed,
            ActionStatus::NotApplicable => self.not_applicable,
            ActionStatus::Pending => self.pending,
        }
    }
}

/// How long a question may be in the table before it is cut (at a word):
/// the table is for finding the row, the checklist has the whole question.
const SHORT_QUESTION: usize = 60;

/// One GitHub table, a row per action; every text from the file escaped
/// (`escape_markdown`), so no pipe, newline or HTML in it breaks a row.
pub(crate) fn markdown(rows: &[ActionRow], lang: Lang) -> String {
    let words = Words::of(lang);
    let mut out = format!("| {} |\n|{}\n", words.headers.join(" | "), "---|".repeat(6));
    for row in rows {
        let cells = [
            // An id is a slug, or for an unknown item any text: a code span holds it either way.
            crate::report::escape_inline(&code_span(&row.item)),
            escape_markdown(&short(row.question.as_deref().unwrap_or_default())),
            escape_markdown(row.action.as_deref().unwrap_or_default()),
            escape_markdown(row.owner.as_deref().unwrap_or_default()),
            escape_markdown(row.due.as_deref().unwrap_or_default()),
            words.status(row.status).to_string(),
        ];
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

/// `text` cut at a word boundary to about [`SHORT_QUESTION`] characters.
fn short(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= SHORT_QUESTION {
        return text.to_string();
    }
    let cut: String = text.chars().take(SHORT_QUESTION).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(at) if at > SHORT_QUESTION / 2 => &cut[..at],
        _ => &cut,
    };
    format!("{}…", cut.trim_end())
}

/// RFC 4180: a header row, CRLF line ends, fields quoted where they need
/// it (the `csv` crate). Two things are changed in a cell so that opening
/// the file is safe: a cell starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return gets a leading `'`, so a spreadsheet shows it as text
/// instead of running it as a formula (OWASP's advice against CSV
/// injection); and control characters other than line breaks and tabs are
/// written as escapes (`\u{1b}`), as everywhere etika prints.
pub(crate) fn csv(rows: &[ActionRow]) -> crate::error::Result<String> {
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let failed = |error: ::csv::Error| crate::error::Error::Input(format!("cannot write CSV: {error}"));
    writer
        .write_record(["item", "question", "action", "owner", "due", "status", "severity"])
        .map_err(failed)?;
    for row in rows {
        let cells = [
            row.item.as_str(),
            row.question.as_deref().unwrap_or_default(),
            row.action.as_deref().unwrap_or_default(),
            row.owner.as_deref().unwrap_or_default(),
            row.due.as_deref().unwrap_or_default(),
            row.status.as_str(),
            row.severity
                .map(crate::checklist::Severity::as_str)
                .unwrap_or_default(),
        ];
        writer.write_record(cells.map(csv_cell)).map_err(failed)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|error| crate::error::Error::Input(format!("cannot write CSV: {error}")))?;
    // Every cell came in as UTF-8 and the writer adds only ASCII.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// A cell's text, defused for spreadsheets and terminals.
pub(crate) fn csv_cell(text: &str) -> String {
    let starts_formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let text = escape_controls_keep_lines(text);
    if starts_formula {
        format!("'{text}")
    } else {
        text.into_owned()
    }
}

/// Version 1 of `etika actions --format json`; fields are only ever added.
#[derive(Serialize)]
struct Plan<'a> {
    version: u32,
    file: &'a str,
    today: String,
    actions: &'a [ActionRow],
}

pub(crate) fn json(rows: &[ActionRow], file: &str, today: crate::date::Date) -> crate::error::Result<String> {
    let plan = Plan {
        version: 1,
        file,
        today: today.to_string(),
        actions: rows,
    };
    Ok(serde_json::to_string_pretty(&plan)? + "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_plain_text_is_not() {
        assert_eq!(csv_cell("=cmd()"), "'=cmd()");
        assert_eq!(csv_cell("+1"), "'+1");
        assert_eq!(csv_cell("-1"), "'-1");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("\tx"), "'\tx");
        assert_eq!(csv_cell("\rx"), "'\\rx");
        assert_eq!(csv_cell("a = b"), "a = b");
        assert_eq!(csv_cell("2027-01-31"), "2027-01-31");
        assert_eq!(csv_cell("red\u{1b}[31m"), "red\\u{1b}[31m");
    }

    #[test]
    fn long_questions_are_cut_at_a_word() {
        assert_eq!(short("Short?"), "Short?");
        let long = "Were outcomes compared across the groups the system affects, such as age and sex?";
        let cut = short(long);
        assert!(
            cut.ends_with('…') && cut.chars().count() <= SHORT_QUESTION + 1,
            "{cut}"
        );
        assert!(long.starts_with(cut.trim_end_matches('…')), "{cut}");
    }
}
