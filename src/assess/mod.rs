//! The interactive walk through a checklist (`etika assess`). The walk logic
//! talks to a `Prompter`; `InquirePrompter` is the terminal one.

mod hangup;
mod inquire_prompter;
#[cfg(test)]
mod scripted;
mod walk;
mod words;

pub(crate) use hangup::{Rescue, watched};
pub(crate) use inquire_prompter::InquirePrompter;
pub(crate) use walk::{WalkOptions, walk};
pub(crate) use words::words;

/// What the user did at a prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Reply<T> {
    Answer(T),
    /// Esc: leave this question for now.
    Skip,
    /// Ctrl-C: stop; everything answered so far is already saved.
    Quit,
}

impl<T> Reply<T> {
    pub(crate) fn map<U>(self, f: impl FnOnce(T) -> U) -> Reply<U> {
        match self {
            Reply::Answer(value) => Reply::Answer(f(value)),
            Reply::Skip => Reply::Skip,
            Reply::Quit => Reply::Quit,
        }
    }
}

/// One option of a choice prompt.
#[derive(Debug, Clone)]
pub(crate) struct Choice {
    pub(crate) label: String,
}

pub(crate) trait Prompter {
    /// Prints information (a heading, help text) to the user.
    fn note(&mut self, text: &str);
    /// One choice out of `choices`; returns its index.
    fn select(&mut self, question: &str, choices: &[Choice], start: usize, help: &str) -> Reply<usize>;
    /// Any number of `choices` (at least one); returns their indexes.
    fn multi_select(
        &mut self,
        question: &str,
        choices: &[Choice],
        selected: &[usize],
        help: &str,
    ) -> Reply<Vec<usize>>;
    /// Long text in the user's `$VISUAL`/`$EDITOR`, starting from `initial`.
    fn editor(&mut self, question: &str, initial: &str) -> Reply<String>;
    /// Free text. `validate` returns an error message for unacceptable input.
    fn text(
        &mut self,
        question: &str,
        initial: &str,
        help: &str,
        validate: &dyn Fn(&str) -> Option<String>,
    ) -> Reply<String>;
}
