//! The terminal prompter, built on inquire: Ctrl-C comes back as an error
//! value rather than killing the process, so the walk can save and exit 130.
//! Text is wrapped at word boundaries to the terminal's width, lists fit its
//! height, and `NO_COLOR` turns colour off.

use std::io::Write;

use inquire::error::InquireError;
use inquire::ui::{RenderConfig, Styled};
use inquire::validator::Validation;
use inquire::{Editor, MultiSelect, Select, Text};

use super::words::Words;
use super::{Choice, Prompter, Reply};

pub(crate) struct InquirePrompter {
    /// Set once a prompt failed for a reason other than Esc/Ctrl-C (a
    /// closed terminal, say).
    pub(crate) failure: Option<InquireError>,
    words: &'static Words,
}

impl InquirePrompter {
    pub(crate) fn new(words: &'static Words) -> InquirePrompter {
        let colour = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            && std::env::var("TERM").map_or(true, |term| term != "dumb");
        let config = if colour {
            RenderConfig::default_colored()
        } else {
            RenderConfig::empty()
        };
        inquire::set_global_render_config(config.with_canceled_prompt_indicator(Styled::new(words.canceled)));
        InquirePrompter { failure: None, words }
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

    /// Prints all but the last line of a question that is too wide and
    /// returns that last line for the prompt itself, which inquire keeps on
    /// one line (the terminal would break it mid-word).
    fn fit_question(&mut self, question: &str) -> String {
        let shown = shown(question);
        let (width, _) = size();
        let lines = wrap(&shown, width.saturating_sub(4));
        match lines.split_last() {
            Some((last, first)) if !first.is_empty() => {
                self.note(&first.join("\n"));
                last.clone()
            }
            _ => shown.into_owned(),
        }
    }

    /// The entries of a list; when some had to be shortened, the full texts
    /// are printed above it, so nothing of an option is hidden.
    fn entries(&mut self, choices: &[Choice]) -> Vec<Indexed> {
        let (entries, shortened) = indexed(choices);
        if shortened {
            let full: Vec<String> = choices.iter().map(|c| format!("- {}", c.label)).collect();
            self.note(&full.join("\n"));
        }
        entries
    }

    /// The key help, or none when it would not fit on a line.
    fn fit_help(help: &str) -> Option<String> {
        let (width, _) = size();
        (help.chars().count() + 4 <= width).then(|| shown(help).into_owned())
    }
}

/// The terminal's columns and rows (80x24 when it cannot tell).
fn size() -> (usize, usize) {
    terminal_size::terminal_size_of(std::io::stderr()).map_or((80, 24), |(w, h)| {
        (usize::from(w.0).max(20), usize::from(h.0).max(8))
    })
}

/// Lines of a list that fit on the screen with the question, the help and
/// a few lines of what came before.
fn page_size(choices: usize) -> usize {
    let (_, rows) = size();
    choices.min(rows.saturating_sub(8).max(3))
}

fn wrap(text: &str, width: usize) -> Vec<String> {
    text.lines()
        .flat_map(|line| {
            let indent: String = line.chars().take_while(|c| *c == ' ').collect();
            // Ids and paths have hyphens: break only at spaces.
            let options = textwrap::Options::new(width.max(10))
                .subsequent_indent(&indent)
                .word_splitter(textwrap::WordSplitter::NoHyphenation)
                .break_words(true);
            let wrapped: Vec<String> = textwrap::wrap(line, options)
                .into_iter()
                .map(std::borrow::Cow::into_owned)
                .collect();
            if wrapped.is_empty() {
                vec![String::new()]
            } else {
                wrapped
            }
        })
        .collect()
}

/// Labels carry their index so equal labels stay distinct.
#[derive(Clone)]
struct Indexed(usize, String);

impl std::fmt::Display for Indexed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.1)
    }
}

/// The entries of a list, each on one line: a label too wide for the
/// terminal is shortened (a wrapped entry would run into the next one).
/// The second value says whether any was.
fn indexed(choices: &[Choice]) -> (Vec<Indexed>, bool) {
    let (width, _) = size();
    let room = width.saturating_sub(6);
    let mut shortened = false;
    let entries = choices
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let label = shown(&c.label);
            let label = if label.chars().count() > room {
                shortened = true;
                let short: String = label.chars().take(room.saturating_sub(1)).collect();
                format!("{short}…")
            } else {
                label.into_owned()
            };
            Indexed(i, label)
        })
        .collect();
    (entries, shortened)
}

/// Checklist and assessment text as the terminal may show it: no escape
/// sequences, no bidirectional overrides.
fn shown(text: &str) -> std::borrow::Cow<'_, str> {
    crate::text::escape_controls_keep_lines(text)
}

impl Prompter for InquirePrompter {
    fn note(&mut self, text: &str) {
        let (width, _) = size();
        let lines = wrap(&shown(text), width.saturating_sub(1));
        // A terminal that went away leaves nobody to tell.
        let _ = writeln!(std::io::stderr(), "{}", lines.join("\n"));
    }

    fn select(&mut self, question: &str, choices: &[Choice], start: usize, help: &str) -> Reply<usize> {
        let entries = self.entries(choices);
        let question = self.fit_question(question);
        let mut prompt = Select::new(&question, entries)
            .with_starting_cursor(start.min(choices.len().saturating_sub(1)))
            .with_page_size(page_size(choices.len()));
        let help = Self::fit_help(help);
        if let Some(help) = &help {
            prompt = prompt.with_help_message(help);
        }
        let result = prompt.prompt();
        self.reply(result).map(|choice| choice.0)
    }

    fn multi_select(
        &mut self,
        question: &str,
        choices: &[Choice],
        selected: &[usize],
        help: &str,
    ) -> Reply<Vec<usize>> {
        let at_least_one = self.words.select_one;
        let entries = self.entries(choices);
        let question = self.fit_question(question);
        let mut prompt = MultiSelect::new(&question, entries)
            .with_default(selected)
            .with_page_size(page_size(choices.len()))
            .with_validator(move |chosen: &[inquire::list_option::ListOption<&Indexed>]| {
                Ok(if chosen.is_empty() {
                    Validation::Invalid(at_least_one.into())
                } else {
                    Validation::Valid
                })
            });
        let help = Self::fit_help(help);
        if let Some(help) = &help {
            prompt = prompt.with_help_message(help);
        }
        let result = prompt.prompt();
        self.reply(result)
            .map(|chosen| chosen.into_iter().map(|c| c.0).collect())
    }

    fn editor(&mut self, question: &str, initial: &str) -> Reply<String> {
        let question = self.fit_question(question);
        let result = Editor::new(&question)
            .with_predefined_text(initial)
            .with_file_extension(".md")
            .prompt();
        match result {
            Ok(text) => Reply::Answer(text),
            Err(InquireError::OperationCanceled) => Reply::Skip,
            Err(InquireError::OperationInterrupted) => Reply::Quit,
            // No editor: say so and let the user type instead.
            Err(_) => {
                self.note(self.words.editor_failed);
                Reply::Skip
            }
        }
    }

    fn text(
        &mut self,
        question: &str,
        initial: &str,
        help: &str,
        validate: &dyn Fn(&str) -> Option<String>,
    ) -> Reply<String> {
        let question = self.fit_question(question);
        let help = Self::fit_help(help);
        // inquire wants a 'static validator; re-prompt here instead, from what was typed.
        let mut typed = shown(initial).into_owned();
        loop {
            let mut prompt = Text::new(&question).with_initial_value(&typed);
            if let Some(help) = &help {
                prompt = prompt.with_help_message(help);
            }
            let result = prompt.prompt();
            match self.reply(result) {
                Reply::Answer(text) => match validate(&text) {
                    Some(problem) => {
                        self.note(&problem);
                        typed = text;
                    }
                    None => return Reply::Answer(text),
                },
                other => return other,
            }
        }
    }
}
