//! The terminal prompter, built on inquire: Ctrl-C comes back as an error
//! value rather than killing the process, so the walk can exit 130 cleanly.

use std::io::Write;

use inquire::error::InquireError;
use inquire::validator::Validation;
use inquire::{MultiSelect, Select, Text};

use super::{Choice, Prompter, Reply};

pub(crate) struct InquirePrompter {
    /// Set once a prompt failed for a reason other than Esc/Ctrl-C.
    pub(crate) failure: Option<InquireError>,
}

impl InquirePrompter {
    pub(crate) fn new() -> InquirePrompter {
        InquirePrompter { failure: None }
    }

    fn reply<T>(&mut self, result: Result<T, InquireError>) -> Reply<T> {
        match result {
            Ok(value) => Reply::Answer(value),
            Err(InquireError::OperationCanceled) => Reply::Skip,
            Err(InquireError::OperationInterrupted) => Reply::Quit,
            Err(other) => {
                self.failure = Some(other);
                Reply::Quit
            }
        }
    }
}

impl Default for InquirePrompter {
    fn default() -> Self {
        Self::new()
    }
}

/// Labels carry their index so equal labels stay distinct.
#[derive(Clone)]
struct Indexed(usize, String);

impl std::fmt::Display for Indexed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.1)
    }
}

fn indexed(choices: &[Choice]) -> Vec<Indexed> {
    choices
        .iter()
        .enumerate()
        .map(|(i, c)| Indexed(i, shown(&c.label).into_owned()))
        .collect()
}

/// Checklist and assessment text as the terminal may show it: no escape
/// sequences, no bidirectional overrides.
fn shown(text: &str) -> std::borrow::Cow<'_, str> {
    crate::text::escape_controls_keep_lines(text)
}

impl Prompter for InquirePrompter {
    fn note(&mut self, text: &str) {
        // A terminal that went away leaves nobody to tell.
        let _ = writeln!(std::io::stderr(), "{}", shown(text));
    }

    fn select(&mut self, question: &str, choices: &[Choice], start: usize, help: &str) -> Reply<usize> {
        let (question, help) = (shown(question), shown(help));
        let result = Select::new(&question, indexed(choices))
            .with_starting_cursor(start.min(choices.len().saturating_sub(1)))
            .with_help_message(&help)
            .with_page_size(10)
            .prompt();
        self.reply(result).map(|choice| choice.0)
    }

    fn multi_select(
        &mut self,
        question: &str,
        choices: &[Choice],
        selected: &[usize],
        help: &str,
    ) -> Reply<Vec<usize>> {
        let (question, help) = (shown(question), shown(help));
        let result = MultiSelect::new(&question, indexed(choices))
            .with_default(selected)
            .with_help_message(&help)
            .with_page_size(12)
            .with_validator(|chosen: &[inquire::list_option::ListOption<&Indexed>]| {
                Ok(if chosen.is_empty() {
                    Validation::Invalid("Select at least one (Space), or Esc to skip.".into())
                } else {
                    Validation::Valid
                })
            })
            .prompt();
        self.reply(result)
            .map(|chosen| chosen.into_iter().map(|c| c.0).collect())
    }

    fn text(
        &mut self,
        question: &str,
        initial: &str,
        help: &str,
        validate: &dyn Fn(&str) -> Option<String>,
    ) -> Reply<String> {
        let (question, help) = (shown(question), shown(help));
        // inquire wants a 'static validator; re-prompt here instead.
        loop {
            let result = Text::new(&question)
                .with_initial_value(&shown(initial))
                .with_help_message(&help)
                .prompt();
            match self.reply(result) {
                Reply::Answer(text) => match validate(&text) {
                    Some(problem) => self.note(&problem),
                    None => return Reply::Answer(text),
                },
                other => return other,
            }
        }
    }
}
