//! A [`Diff`] as text for a terminal, Markdown for a pull-request comment,
//! and JSON for tools.

use super::{ActionRow, AnswerChange, ChangeKind, Diff, SignoffState};
use crate::diagnostic::Diagnostic;
use crate::report::{escape_inline, escape_markdown};
use crate::text::{code_span, escape_controls};
use crate::value::RawValue;

/// One line saying what changed, for the top of text and Markdown.
fn tally(diff: &Diff) -> String {
    let mut parts = Vec::new();
    let mut count = |n: usize, one: &str, many: &str| {
        if n > 0 {
            parts.push(format!("{n} {}", if n == 1 { one } else { many }));
        }
    };
    count(diff.answers.len(), "answer changed", "answers changed");
    count(diff.actions.opened.len(), "action opened", "actions opened");
    count(diff.actions.closed.len(), "action closed", "actions closed");
    count(diff.actions.changed.len(), "action changed", "actions changed");
    count(
        diff.findings.introduced.len(),
        "finding introduced",
        "findings introduced",
    );
    count(
        diff.findings.resolved.len(),
        "finding resolved",
        "findings resolved",
    );
    if parts.is_empty() {
        "no answer, action or finding changed".to_string()
    } else {
        parts.join(", ")
    }
}

fn value(value: Option<&RawValue>) -> String {
    value.map_or_else(|| "—".to_string(), ToString::to_string)
}

fn who(change: &AnswerChange) -> String {
    match (&change.by, &change.at) {
        (Some(by), Some(at)) => format!("{by}, {at}"),
        (Some(one), None) | (None, Some(one)) => one.clone(),
        (None, None) => String::new(),
    }
}

fn action_words(row: &ActionRow) -> String {
    let mut line = row.action.clone().unwrap_or_default();
    if let Some(owner) = &row.owner {
        line.push_str(&format!(" · {owner}"));
    }
    if let Some(due) = &row.due {
        line.push_str(&format!(" · due {due}"));
    }
    line
}

fn signoff_words(state: Option<&SignoffState>) -> String {
    let Some(state) = state else {
        return "none".to_string();
    };
    let mut line = state.name.clone();
    if let Some(role) = &state.role {
        line.push_str(&format!(" ({role})"));
    }
    line.push_str(&format!(", {}", state.date));
    match &state.because {
        None => line.push_str(", holds"),
        Some(because) => line.push_str(&format!(", does not hold: {because}")),
    }
    line
}

fn system_words(diff: &Diff) -> String {
    let of = |info: &super::SideInfo| match &info.owner {
        Some(owner) => format!("{} ({owner})", info.system),
        None => info.system.clone(),
    };
    let (before, after) = (of(&diff.old), of(&diff.new));
    if before == after {
        before
    } else {
        format!("{before} → {after}")
    }
}

/// Text for a terminal: what differs, section by section; facts that did
/// not change are listed with their one value.
pub(crate) fn text(diff: &Diff) -> String {
    let e = |text: &str| escape_controls(text).into_owned();
    let mut out = format!("{} → {}\n", e(&diff.old.name), e(&diff.new.name));
    if !diff.differs {
        out.push_str("No differences.\n");
        return out;
    }
    out.push_str(&format!("{}\n", tally(diff)));
    out.push_str(&format!("\nSystem: {}\n", e(&system_words(diff))));
    let width = diff.facts.iter().map(|f| f.key.len()).max().unwrap_or(0);
    out.push_str("\nFacts:\n");
    for fact in &diff.facts {
        let label = fact.key.replace('-', " ");
        if fact.changed {
            out.push_str(&format!(
                "  {label:width$}  {} → {}\n",
                e(&fact.before.to_string()),
                e(&fact.after.to_string())
            ));
        } else {
            out.push_str(&format!("  {label:width$}  {}\n", e(&fact.after.to_string())));
        }
    }
    if !diff.answers.is_empty() {
        out.push_str("\nAnswers:\n");
        for change in &diff.answers {
            let mark = match change.kind {
                ChangeKind::Added => '+',
                ChangeKind::Removed => '-',
                ChangeKind::Changed => '~',
            };
            let mut line = format!(
                "  {mark} {}: {} → {}",
                e(&change.item),
                e(&value(change.before.as_ref())),
                e(&value(change.after.as_ref()))
            );
            let mut notes = vec![change.parts.join(", ")];
            let who = who(change);
            if !who.is_empty() {
                notes.push(format!("by {}", e(&who)));
            }
            line.push_str(&format!(" ({})\n", notes.join("; ")));
            out.push_str(&line);
        }
    }
    let actions = [
        (
            "Actions opened",
            diff.actions.opened.iter().map(|r| (r, None)).collect::<Vec<_>>(),
        ),
        (
            "Actions closed",
            diff.actions
                .closed
                .iter()
                .map(|c| (&c.action, Some(c.now.map_or("removed", |s| s.as_str()))))
                .collect(),
        ),
    ];
    for (title, rows) in actions {
        if rows.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{title}:\n"));
        for (row, now) in rows {
            let status = now.unwrap_or(row.status.as_str());
            out.push_str(&format!(
                "  {}: {} [{status}]\n",
                e(&row.item),
                e(&action_words(row))
            ));
        }
    }
    if !diff.actions.changed.is_empty() {
        out.push_str("\nActions changed:\n");
        for change in &diff.actions.changed {
            out.push_str(&format!(
                "  {}: {} → {}\n",
                e(&change.item),
                e(&action_words(&change.before)),
                e(&action_words(&change.after))
            ));
        }
    }
    for (title, findings) in [
        ("Findings introduced", &diff.findings.introduced),
        ("Findings resolved", &diff.findings.resolved),
    ] {
        if findings.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{title}:\n"));
        for finding in findings {
            out.push_str(&format!("  {}\n", finding_line(finding)));
        }
    }
    if diff.signoff.changed {
        out.push_str(&format!(
            "\nSign-off: {} → {}\n",
            e(&signoff_words(diff.signoff.before.as_ref())),
            e(&signoff_words(diff.signoff.after.as_ref()))
        ));
    }
    out
}

/// `level[rule] item: message`, as `validate` words a finding (messages are escaped already).
fn finding_line(finding: &Diagnostic) -> String {
    let item = finding
        .item
        .as_deref()
        .map_or_else(String::new, |item| format!(" {item}"));
    format!(
        "{}[{}]{item}: {}",
        finding.level.as_str(),
        finding.rule.id(),
        finding.message
    )
}

const ACTION_HEAD: &str = "| Item | Action | Owner | Due | Status |\n|---|---|---|---|---|\n";

/// An item id as a code span, safe in a table cell.
fn item_cell(item: &str) -> String {
    escape_inline(&code_span(item))
}

/// Markdown for a pull-request comment: a heading, the facts as a table,
/// then a table for each kind of change. Every text from the files is
/// escaped, so no pipe or newline in it breaks a row.
pub(crate) fn markdown(diff: &Diff) -> String {
    let mut out = format!(
        "### etika diff: {} → {}\n\n",
        escape_inline(&code_span(&diff.old.name)),
        escape_inline(&code_span(&diff.new.name))
    );
    if !diff.differs {
        out.push_str("No differences.\n");
        return out;
    }
    out.push_str(&format!(
        "{}.\n\n**System:** {}\n\n",
        capitalised(&tally(diff)),
        escape_markdown(&system_words(diff))
    ));
    // What changed, as a table; the rest on one line, for reference.
    let (changed, unchanged): (Vec<_>, Vec<_>) = diff.facts.iter().partition(|f| f.changed);
    if !changed.is_empty() {
        out.push_str("| Fact | Before | After |\n|---|---|---|\n");
        for fact in changed {
            out.push_str(&format!(
                "| {} | {} | {} |\n",
                fact.key.replace('-', " "),
                escape_markdown(&fact.before.to_string()),
                escape_markdown(&fact.after.to_string())
            ));
        }
        out.push('\n');
    }
    if !unchanged.is_empty() {
        let facts: Vec<String> = unchanged
            .iter()
            .map(|f| format!("{} {}", f.key.replace('-', " "), f.after))
            .collect();
        out.push_str(&format!("Unchanged: {}.\n", escape_markdown(&facts.join(" · "))));
    }
    if !diff.answers.is_empty() {
        out.push_str("\n#### Answers\n\n| Item | Change | Before | After | Changed | By |\n|---|---|---|---|---|---|\n");
        for change in &diff.answers {
            let kind = match change.kind {
                ChangeKind::Added => "added",
                ChangeKind::Removed => "removed",
                ChangeKind::Changed => "changed",
            };
            out.push_str(&format!(
                "| {} | {kind} | {} | {} | {} | {} |\n",
                item_cell(&change.item),
                escape_markdown(&value(change.before.as_ref())),
                escape_markdown(&value(change.after.as_ref())),
                change.parts.join(", "),
                escape_markdown(&who(change))
            ));
        }
    }
    let action_row = |row: &ActionRow, status: &str| {
        format!(
            "| {} | {} | {} | {} | {status} |\n",
            item_cell(&row.item),
            escape_markdown(row.action.as_deref().unwrap_or_default()),
            escape_markdown(row.owner.as_deref().unwrap_or_default()),
            escape_markdown(row.due.as_deref().unwrap_or_default()),
        )
    };
    if !diff.actions.opened.is_empty() {
        out.push_str(&format!("\n#### Actions opened\n\n{ACTION_HEAD}"));
        for row in &diff.actions.opened {
            out.push_str(&action_row(row, row.status.as_str()));
        }
    }
    if !diff.actions.closed.is_empty() {
        out.push_str(&format!("\n#### Actions closed\n\n{ACTION_HEAD}"));
        for closed in &diff.actions.closed {
            out.push_str(&action_row(
                &closed.action,
                closed.now.map_or("removed", |s| s.as_str()),
            ));
        }
    }
    if !diff.actions.changed.is_empty() {
        out.push_str("\n#### Actions changed\n\n| Item | Before | After |\n|---|---|---|\n");
        for change in &diff.actions.changed {
            out.push_str(&format!(
                "| {} | {} | {} |\n",
                item_cell(&change.item),
                escape_markdown(&action_words(&change.before)),
                escape_markdown(&action_words(&change.after))
            ));
        }
    }
    for (title, findings) in [
        ("Findings introduced", &diff.findings.introduced),
        ("Findings resolved", &diff.findings.resolved),
    ] {
        if findings.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "\n#### {title}\n\n| Level | Rule | Item | Message |\n|---|---|---|---|\n"
        ));
        for finding in findings {
            out.push_str(&format!(
                "| {} | `{}` | {} | {} |\n",
                finding.level.as_str(),
                finding.rule.id(),
                finding.item.as_deref().map(item_cell).unwrap_or_default(),
                escape_inline(&finding.message)
            ));
        }
    }
    if diff.signoff.changed {
        out.push_str(&format!(
            "\n#### Sign-off\n\n| Before | After |\n|---|---|\n| {} | {} |\n",
            escape_inline(&signoff_words(diff.signoff.before.as_ref())),
            escape_inline(&signoff_words(diff.signoff.after.as_ref()))
        ));
    }
    out
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

pub(crate) fn json(diff: &Diff) -> crate::error::Result<String> {
    Ok(serde_json::to_string_pretty(diff)? + "\n")
}
