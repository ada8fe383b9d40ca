//! A `Prompter` that replays a script, so tests drive the real `walk` without
//! a terminal: it records every note and question in order, insists that the
//! walk asks the kind of prompt the script expects, and checks each scripted
//! text against the prompt's `validate` the way `InquirePrompter` does.

use std::collections::VecDeque;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::{Choice, Prompter, Reply};

/// An option of a choice prompt: by its label as shown, or by position.
#[derive(Debug, Clone)]
pub(crate) enum Pick {
    Label(String),
    Index(usize),
}

impl From<&str> for Pick {
    fn from(label: &str) -> Pick {
        Pick::Label(label.to_string())
    }
}

impl From<usize> for Pick {
    fn from(index: usize) -> Pick {
        Pick::Index(index)
    }
}

/// What the scripted user does at the next prompt.
#[derive(Debug, Clone)]
pub(crate) enum Step {
    /// Choose this option of a `select`.
    Select(Pick),
    /// Tick exactly these options of a `multi_select` and confirm.
    Multi(Vec<Pick>),
    /// Type this at a `text` prompt; its `validate` must accept it.
    Text(String),
    /// Type this at a `text` prompt; its `validate` must reject it, and the
    /// prompt is asked again (the next step answers it).
    Invalid(String),
    /// Enter without changing anything: the option under the cursor, the
    /// options already ticked, or the initial text.
    Enter,
    /// Esc, at any kind of prompt.
    Skip,
    /// Ctrl-C, at any kind of prompt.
    Quit,
}

pub(crate) fn select(pick: impl Into<Pick>) -> Step {
    Step::Select(pick.into())
}

pub(crate) fn multi(labels: &[&str]) -> Step {
    Step::Multi(labels.iter().map(|&label| Pick::from(label)).collect())
}

pub(crate) fn text(typed: &str) -> Step {
    Step::Text(typed.to_string())
}

pub(crate) fn invalid(typed: &str) -> Step {
    Step::Invalid(typed.to_string())
}

/// What the walk showed, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Shown {
    Note(String),
    Select {
        question: String,
        choices: Vec<String>,
        start: usize,
    },
    Multi {
        question: String,
        choices: Vec<String>,
        selected: Vec<usize>,
    },
    Text {
        question: String,
        initial: String,
    },
    Editor {
        question: String,
        initial: String,
    },
}

impl Shown {
    pub(crate) fn question(&self) -> Option<&str> {
        match self {
            Shown::Note(_) => None,
            Shown::Select { question, .. }
            | Shown::Multi { question, .. }
            | Shown::Text { question, .. }
            | Shown::Editor { question, .. } => Some(question),
        }
    }
}

pub(crate) struct ScriptedPrompter {
    script: VecDeque<Step>,
    pub(crate) shown: Vec<Shown>,
    /// With `watching`: the file's text (None if absent) when each question was asked.
    pub(crate) on_disk: Vec<(String, Option<String>)>,
    watched: Option<PathBuf>,
}

impl ScriptedPrompter {
    pub(crate) fn new(script: impl IntoIterator<Item = Step>) -> ScriptedPrompter {
        ScriptedPrompter {
            script: script.into_iter().collect(),
            shown: Vec::new(),
            on_disk: Vec::new(),
            watched: None,
        }
    }

    /// Also reads `path` each time a question is asked, to see what was saved by then.
    pub(crate) fn watching(mut self, path: &Path) -> ScriptedPrompter {
        self.watched = Some(path.to_path_buf());
        self
    }

    /// Every question asked, in order; a re-asked question appears again.
    pub(crate) fn questions(&self) -> Vec<&str> {
        self.shown.iter().filter_map(Shown::question).collect()
    }

    pub(crate) fn notes(&self) -> Vec<&str> {
        self.shown
            .iter()
            .filter_map(|shown| match shown {
                Shown::Note(note) => Some(note.as_str()),
                _ => None,
            })
            .collect()
    }

    /// The prompts shown for `question`, in order.
    pub(crate) fn prompts_for(&self, question: &str) -> Vec<&Shown> {
        self.shown
            .iter()
            .filter(|shown| shown.question() == Some(question))
            .collect()
    }

    /// The file as it was when `question` was first asked.
    pub(crate) fn disk_at(&self, question: &str) -> Option<&str> {
        let (_, text) = self
            .on_disk
            .iter()
            .find(|(asked, _)| asked == question)
            .unwrap_or_else(|| panic!("`{question}` was never asked\n{}", self.transcript()));
        text.as_deref()
    }

    /// Panics if the walk ended before the script did.
    pub(crate) fn assert_finished(&self) {
        assert!(
            self.script.is_empty(),
            "the walk ended with {} scripted step(s) unused: {:?}\n{}",
            self.script.len(),
            self.script,
            self.transcript()
        );
    }

    fn transcript(&self) -> String {
        let mut text = String::from("shown so far:");
        for shown in &self.shown {
            let _ = write!(text, "\n  {shown:?}");
        }
        text
    }

    fn ask(&mut self, shown: Shown) -> Step {
        let question = shown.question().unwrap_or_default().to_string();
        if let Some(path) = &self.watched {
            let text = std::fs::read_to_string(path).ok();
            self.on_disk.push((question.clone(), text));
        }
        let kind = match &shown {
            Shown::Select { .. } => "select",
            Shown::Multi { .. } => "multi-select",
            Shown::Editor { .. } => "editor",
            _ => "text",
        };
        self.shown.push(shown);
        match self.script.pop_front() {
            Some(step) => step,
            None => panic!(
                "the walk asked {kind} `{question}` after the script ended\n{}",
                self.transcript()
            ),
        }
    }

    fn unexpected(&self, kind: &str, question: &str, step: &Step) -> ! {
        panic!(
            "the walk asked {kind} `{question}` but the script's next step is {step:?}\n{}",
            self.transcript()
        )
    }

    fn index(&self, pick: &Pick, choices: &[Choice], question: &str) -> usize {
        let labels: Vec<&str> = choices.iter().map(|c| c.label.as_str()).collect();
        match pick {
            Pick::Label(label) => labels.iter().position(|l| l == label).unwrap_or_else(|| {
                panic!(
                    "`{question}` has no option `{label}`; its options: {labels:?}\n{}",
                    self.transcript()
                )
            }),
            Pick::Index(index) if *index < choices.len() => *index,
            Pick::Index(index) => panic!(
                "`{question}` has {} options, so none at index {index}: {labels:?}",
                choices.len()
            ),
        }
    }
}

fn labels(choices: &[Choice]) -> Vec<String> {
    choices.iter().map(|c| c.label.clone()).collect()
}

impl Prompter for ScriptedPrompter {
    fn note(&mut self, text: &str) {
        self.shown.push(Shown::Note(text.to_string()));
    }

    fn select(&mut self, question: &str, choices: &[Choice], start: usize, _help: &str) -> Reply<usize> {
        assert!(!choices.is_empty(), "`{question}` offers no choices");
        let step = self.ask(Shown::Select {
            question: question.to_string(),
            choices: labels(choices),
            start,
        });
        match step {
            Step::Select(pick) => Reply::Answer(self.index(&pick, choices, question)),
            // InquirePrompter clamps the cursor the same way.
            Step::Enter => Reply::Answer(start.min(choices.len() - 1)),
            Step::Skip => Reply::Skip,
            Step::Quit => Reply::Quit,
            other => self.unexpected("select", question, &other),
        }
    }

    fn multi_select(
        &mut self,
        question: &str,
        choices: &[Choice],
        selected: &[usize],
        _help: &str,
    ) -> Reply<Vec<usize>> {
        let step = self.ask(Shown::Multi {
            question: question.to_string(),
            choices: labels(choices),
            selected: selected.to_vec(),
        });
        let mut indexes = match step {
            Step::Multi(picks) => picks.iter().map(|p| self.index(p, choices, question)).collect(),
            Step::Enter => selected.to_vec(),
            Step::Skip => return Reply::Skip,
            Step::Quit => return Reply::Quit,
            other => self.unexpected("multi-select", question, &other),
        };
        // The terminal prompt refuses to confirm nothing, and returns options in their order.
        assert!(
            !indexes.is_empty(),
            "the script confirms `{question}` with nothing ticked, which the terminal prompt refuses"
        );
        assert!(
            indexes.iter().all(|&i| i < choices.len()),
            "`{question}`: ticked {indexes:?} of {} options",
            choices.len()
        );
        indexes.sort_unstable();
        indexes.dedup();
        Reply::Answer(indexes)
    }

    fn editor(&mut self, question: &str, initial: &str) -> Reply<String> {
        let step = self.ask(Shown::Editor {
            question: question.to_string(),
            initial: initial.to_string(),
        });
        match step {
            Step::Text(written) => Reply::Answer(written),
            Step::Enter => Reply::Answer(initial.to_string()),
            Step::Skip => Reply::Skip,
            Step::Quit => Reply::Quit,
            other => self.unexpected("editor", question, &other),
        }
    }

    fn text(
        &mut self,
        question: &str,
        initial: &str,
        _help: &str,
        validate: &dyn Fn(&str) -> Option<String>,
    ) -> Reply<String> {
        // Like InquirePrompter: ask until `validate` accepts, telling the user why not.
        loop {
            let step = self.ask(Shown::Text {
                question: question.to_string(),
                initial: initial.to_string(),
            });
            let typed = match step {
                Step::Text(typed) => typed,
                Step::Enter => initial.to_string(),
                Step::Invalid(typed) => match validate(&typed) {
                    Some(problem) => {
                        self.note(&problem);
                        continue;
                    }
                    None => panic!(
                        "`{question}` accepted {typed:?}, which the script expected it to reject\n{}",
                        self.transcript()
                    ),
                },
                Step::Skip => return Reply::Skip,
                Step::Quit => return Reply::Quit,
                other => self.unexpected("text", question, &other),
            };
            if let Some(problem) = validate(&typed) {
                panic!(
                    "`{question}` rejected {typed:?} ({problem}); script it as `invalid` if that is expected\n{}",
                    self.transcript()
                );
            }
            return Reply::Answer(typed);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::assess::walk::WalkOutcome;
    use crate::assess::words::Words;
    use crate::assess::{WalkOptions, walk};
    use crate::assessment::{Assessment, System};
    use crate::checklist::{Checklist, Origin, parse};
    use crate::date::Date;
    use crate::fsutil::Existing;
    use crate::messages::{EN, Messages};
    use crate::record::{ActionChange, NewAnswer, record};
    use crate::store::{self, OnConflict, Stored};
    use crate::text::Lang;
    use crate::value::Value;

    const M: &Messages = &EN;
    const W: &Words = &crate::assess::words::EN;
    const PEOPLE: &str = "Does the system make decisions about people?";
    const DATA: &str = "What personal data does it use?";
    const CARD: &str = "Is there a data card?";
    const FAIRNESS: &str = "Were outcomes compared across groups?";
    const HEALTH: &str = "Is there consent for health data?";
    const EXPLANATION: &str = "How well can a decision be explained?";
    const CHANNEL: &str = "How can people contest a decision?";
    const NOTES: &str = "Anything else reviewers should know?";
    const TODAY: &str = "2026-12-01";
    const EARLIER: &str = "2026-10-01";

    fn evidence(n: usize) -> String {
        format!("{} ({n})", M.evidence)
    }

    struct Fixture {
        _dir: tempfile::TempDir,
        path: PathBuf,
        checklist: Checklist,
    }

    impl Fixture {
        /// The mini checklist and a new, saved assessment with no answers.
        fn new() -> (Fixture, Stored) {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("a.yaml");
            let checklist = parse(
                include_str!("../../tests/fixtures/mini-checklist.yaml"),
                "mini.yaml",
                Origin::File(PathBuf::from("mini.yaml")),
            )
            .unwrap();
            let system = System {
                name: "Loan triage".to_string(),
                ..System::default()
            };
            let assessment = Assessment::new(&checklist, Some("mini.yaml".to_string()), system);
            let stored = store::create(&path, &assessment, &checklist, Existing::Refuse).unwrap();
            let fixture = Fixture {
                _dir: dir,
                path,
                checklist,
            };
            (fixture, stored)
        }

        /// Records an answer as `etika answer` would, on an earlier day, and saves it.
        fn answer(&self, stored: &mut Stored, id: &str, value: &str, new: NewAnswer) {
            let item = self.checklist.item(id).unwrap();
            let value = Value::parse_cli(item, value).unwrap();
            let earlier = Date::parse(EARLIER).unwrap();
            let answer = record(&self.checklist, &stored.assessment, id, &value, new, earlier).unwrap();
            let saved = store::save_answer(
                &self.path,
                &self.checklist,
                stored,
                id,
                answer,
                OnConflict::Refuse,
            );
            let store::Saved::Written(saved) = saved.unwrap() else {
                panic!("a conflict while setting up the test")
            };
            *stored = saved;
        }

        /// Runs the walk on `assessment` with `script`; every step must be used.
        fn walk(
            &self,
            stored: &mut Stored,
            options: &WalkOptions,
            script: Vec<Step>,
        ) -> (WalkOutcome, ScriptedPrompter) {
            let mut prompter = ScriptedPrompter::new(script).watching(&self.path);
            let rescue = crate::assess::Rescue::default();
            let outcome = walk(
                &mut prompter,
                &self.checklist,
                stored,
                &self.path,
                options,
                &rescue,
            )
            .unwrap();
            prompter.assert_finished();
            (outcome, prompter)
        }

        /// A file beside the assessment, for evidence to point at.
        fn create(&self, relative: &str) {
            let path = fx_folder(&self.path).join(relative);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "evidence").unwrap();
        }

        fn read(&self) -> String {
            std::fs::read_to_string(&self.path).unwrap()
        }

        /// The assessment as saved, read back from disk.
        fn load(&self) -> Stored {
            store::load(&self.path).unwrap()
        }
    }

    fn fx_folder(path: &std::path::Path) -> PathBuf {
        path.parent().unwrap().to_path_buf()
    }

    fn options() -> WalkOptions {
        WalkOptions {
            section: None,
            item: None,
            review: false,
            lang: Lang::En,
            by: Some("tester".to_string()),
            today: Date::parse(TODAY).unwrap(),
        }
    }

    /// Item id → saved value, by id.
    fn values(text: &str) -> Vec<(String, String)> {
        let assessment = Assessment::parse(text, "a.yaml").unwrap();
        assessment
            .answers
            .iter()
            .map(|(id, answer)| (id.clone(), answer.value.to_string()))
            .collect()
    }

    fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut pairs: Vec<(String, String)> = expected
            .iter()
            .map(|(id, value)| (id.to_string(), value.to_string()))
            .collect();
        pairs.sort();
        pairs
    }

    fn note(prompter: &ScriptedPrompter, starting: &str) -> bool {
        prompter.notes().iter().any(|n| n.starts_with(starting))
    }

    const HEADER: &str = "# AI-ethics assessment, recorded with etika: edit with `etika assess` / `etika answer` or by hand; check with `etika validate`.\n\
        # yaml-language-server: $schema=.etika/assessment.schema.json\n\
        etika: 1\n\
        checklist: {id: mini, version: \"1.1.0\", path: mini.yaml}\n\
        system:\n  name: Loan triage\n";

    #[test]
    fn a_full_walk_asks_every_applicable_item_in_order_and_saves_after_each_answer() {
        let (fx, mut assessment) = Fixture::new();
        fx.create("docs/card.md");
        let script = vec![
            select("It decides"),
            multi(&["Ordinary", "Health"]),
            select("Yes"),
            text("docs/card.md"),
            text(""),
            // References and cases are there on request, and the question is asked again.
            select(W.info),
            select("Yes"),
            select("Yes"),
            select("4"),
            select("Human review"),
            // people.channel requires a rationale: blank is refused.
            invalid("   "),
            text("Appeals go to a case worker"),
            text("Pilot in one region"),
        ];
        let (outcome, prompter) = fx.walk(&mut assessment, &options(), script);

        assert_eq!(
            outcome,
            WalkOutcome {
                answered: 8,
                skipped: 0,
                interrupted: false
            }
        );
        let evidence_1 = evidence(1);
        let evidence_2 = evidence(2);
        assert_eq!(
            prompter.questions(),
            [
                PEOPLE,
                DATA,
                CARD,
                &evidence_1,
                &evidence_2,
                FAIRNESS,
                FAIRNESS,
                HEALTH,
                EXPLANATION,
                CHANNEL,
                M.rationale,
                M.rationale,
                NOTES
            ]
        );
        // The options offered, and where the cursor starts.
        assert_eq!(
            prompter.prompts_for(PEOPLE)[0],
            &Shown::Select {
                question: PEOPLE.to_string(),
                choices: [
                    "No",
                    "It recommends",
                    "It decides",
                    "It scores people's social behaviour",
                    M.unknown,
                    M.not_applicable,
                    W.info
                ]
                .map(String::from)
                .to_vec(),
                start: 0
            }
        );
        assert_eq!(
            prompter.prompts_for(FAIRNESS),
            [
                &Shown::Select {
                    question: FAIRNESS.to_string(),
                    choices: ["Yes", "Partly", "No", M.unknown, M.not_applicable, W.info, W.back]
                        .map(String::from)
                        .to_vec(),
                    start: 0
                },
                // Asked again with the cursor left on the references.
                &Shown::Select {
                    question: FAIRNESS.to_string(),
                    choices: ["Yes", "Partly", "No", M.unknown, M.not_applicable, W.info, W.back]
                        .map(String::from)
                        .to_vec(),
                    start: 5
                },
            ]
        );
        assert!(
            prompter
                .notes()
                .iter()
                .any(|n| n
                    .ends_with("Cases:\n  - A hiring tool that penalised women <https://example.org/case>")),
            "{:#?}",
            prompter.notes()
        );
        assert!(prompter.notes().contains(&M.rationale_required));
        let file = fx.path.display().to_string();
        // Where the walk starts, and what `validate` says at the end.
        assert_eq!(
            prompter.notes()[..3],
            [
                format!(
                    "Assessing Loan triage with checklist mini 1.1.0; every answer is saved to {file} at once."
                ),
                "6 items apply so far (up to 8 once the context questions are answered); 0 answered."
                    .to_string(),
                W.legend.to_string(),
            ]
        );
        assert_eq!(
            prompter.notes()[prompter.notes().len() - 4..],
            [
                "\nImpact level IV (Very high); Demo law: Health data duties.".to_string(),
                "\n`etika validate` finds no errors, 1 warning:".to_string(),
                format!("  {file}: a sign-off (`etika sign`) [missing-signoff]"),
                format!("Next: etika sign {file} --name NAME --role ROLE · etika report {file}"),
            ]
        );
        // Section headings once each, then the item with its place in the walk.
        let headings: Vec<&str> = prompter
            .notes()
            .into_iter()
            .filter(|n| n.starts_with("\n## ") || n.starts_with("\n[") || n.starts_with("── "))
            .collect();
        assert_eq!(
            headings,
            [
                "\n## Context",
                "\n[Context 1/2 · overall 1/6 (up to 8)] context.people",
                "\n[Context 2/2 · overall 2/7 (up to 8)] context.data",
                "── Context: 2 of 2 answered",
                "\n## Data",
                "\n[Data 1/3 · overall 3/8] data.card",
                "\n[Data 2/3 · overall 4/8] data.fairness",
                "\n[Data 3/3 · overall 5/8] data.health-consent",
                "── Data: 3 of 3 answered",
                "\n## People",
                "\n[People 1/3 · overall 6/8] people.explanation",
                "\n[People 2/3 · overall 7/8] people.channel",
                "\n[People 3/3 · overall 8/8] people.notes",
                "── People: 3 of 3 answered",
            ]
        );

        // When each item was asked, the file already held every earlier answer
        // and nothing of the item being answered.
        let saved_before = [
            (PEOPLE, vec![]),
            (DATA, vec![("context.people", "decides")]),
            (
                CARD,
                vec![
                    ("context.people", "decides"),
                    ("context.data", "[ordinary, health]"),
                ],
            ),
            (
                evidence_2.as_str(),
                vec![
                    ("context.people", "decides"),
                    ("context.data", "[ordinary, health]"),
                ],
            ),
            (
                FAIRNESS,
                vec![
                    ("context.people", "decides"),
                    ("context.data", "[ordinary, health]"),
                    ("data.card", "yes"),
                ],
            ),
            (
                HEALTH,
                vec![
                    ("context.people", "decides"),
                    ("context.data", "[ordinary, health]"),
                    ("data.card", "yes"),
                    ("data.fairness", "yes"),
                ],
            ),
            (
                EXPLANATION,
                vec![
                    ("context.people", "decides"),
                    ("context.data", "[ordinary, health]"),
                    ("data.card", "yes"),
                    ("data.fairness", "yes"),
                    ("data.health-consent", "yes"),
                ],
            ),
            (
                CHANNEL,
                vec![
                    ("context.people", "decides"),
                    ("context.data", "[ordinary, health]"),
                    ("data.card", "yes"),
                    ("data.fairness", "yes"),
                    ("data.health-consent", "yes"),
                    ("people.explanation", "4"),
                ],
            ),
            (
                NOTES,
                vec![
                    ("context.people", "decides"),
                    ("context.data", "[ordinary, health]"),
                    ("data.card", "yes"),
                    ("data.fairness", "yes"),
                    ("data.health-consent", "yes"),
                    ("people.explanation", "4"),
                    ("people.channel", "human-review"),
                ],
            ),
        ];
        for (question, expected) in saved_before {
            let text = prompter.disk_at(question).expect("the file exists");
            assert_eq!(
                values(text),
                pairs(&expected),
                "on disk when `{question}` was asked"
            );
        }

        let expected = format!(
            "{HEADER}answers:\n\
            \x20 context.people:\n    value: decides\n    by: tester\n    at: \"{TODAY}\"\n    asked: {{version: \"1.1.0\", question: 9f2011f4, type: single, options: e9ba98ac}}\n\
            \x20 context.data:\n    value: [ordinary, health]\n    by: tester\n    at: \"{TODAY}\"\n    asked: {{version: \"1.1.0\", question: d8257044, type: multi, options: bc6e4f01}}\n\
            \x20 data.card:\n    value: \"yes\"\n    evidence:\n    - docs/card.md\n    by: tester\n    at: \"{TODAY}\"\n    asked: {{version: \"1.1.0\", question: 66074d28, type: yes-no, severity: medium}}\n\
            \x20 data.fairness:\n    value: \"yes\"\n    by: tester\n    at: \"{TODAY}\"\n    asked: {{version: \"1.1.0\", question: facbebce, type: yes-no, severity: high}}\n\
            \x20 data.health-consent:\n    value: \"yes\"\n    by: tester\n    at: \"{TODAY}\"\n    asked: {{version: \"1.1.0\", question: bb0a5e36, type: yes-no, severity: critical}}\n\
            \x20 people.explanation:\n    value: 4\n    by: tester\n    at: \"{TODAY}\"\n    asked: {{version: \"1.1.0\", question: 2b23dbeb, type: scale, severity: high}}\n\
            \x20 people.channel:\n    value: human-review\n    rationale: Appeals go to a case worker\n    by: tester\n    at: \"{TODAY}\"\n    asked: {{version: \"1.1.0\", question: 7cd680c4, type: single, options: 2a8b6261, severity: medium}}\n\
            \x20 people.notes:\n    value: Pilot in one region\n    by: tester\n    at: \"{TODAY}\"\n    asked: {{version: \"1.1.0\", question: e9e7bab5, type: text}}\n"
        );
        assert_eq!(fx.read(), expected);
    }

    #[test]
    fn an_unknown_answer_asks_who_finds_out_by_when() {
        let (fx, mut assessment) = Fixture::new();
        fx.answer(&mut assessment, "context.people", "no", NewAnswer::default());
        fx.answer(&mut assessment, "context.data", "none", NewAnswer::default());
        let script = vec![
            select(M.unknown),
            text("The data team has not said"),
            text("Ask the data team for the card"),
            text("data-team"),
            text("2027-01-15"),
            Step::Quit,
        ];
        let (_, prompter) = fx.walk(&mut assessment, &options(), script);
        assert_eq!(
            prompter.questions(),
            [
                CARD,
                M.rationale,
                M.action_text,
                M.action_owner,
                M.action_due,
                EXPLANATION
            ]
        );
        let saved = fx.load().assessment;
        let action = saved.answers["data.card"].action.clone().unwrap();
        assert_eq!(action.owner.as_deref(), Some("data-team"));
        assert_eq!(action.due.as_deref(), Some("2027-01-15"));
        // What `assess` saved is what `validate` accepts for that item.
        let checks = crate::evaluate::Checks {
            today: Date::parse(TODAY).unwrap(),
            file: None,
            require_signoff: false,
            lang: crate::text::Lang::En,
        };
        let findings = crate::evaluate::validate(&fx.checklist, &saved, &checks);
        assert!(
            findings.iter().all(|f| f.item.as_deref() != Some("data.card")),
            "{findings:#?}"
        );
    }

    #[test]
    fn an_adverse_answer_asks_for_rationale_and_action_and_refuses_a_bad_due_date() {
        let (fx, mut assessment) = Fixture::new();
        fx.answer(&mut assessment, "context.people", "no", NewAnswer::default());
        fx.answer(&mut assessment, "context.data", "none", NewAnswer::default());
        let script = vec![
            select("Partly"),
            // A rationale is asked for but not required for a definite answer.
            text("Only the training set is described"),
            invalid("  "),
            text("Describe the evaluation set"),
            text("data-team"),
            invalid("soon"),
            invalid("2027-02-30"),
            // A deadline already passed is no plan.
            invalid("2026-11-30"),
            text("2027-03-31"),
            Step::Quit,
        ];
        let (outcome, prompter) = fx.walk(&mut assessment, &options(), script);

        assert_eq!(
            outcome,
            WalkOutcome {
                answered: 1,
                skipped: 0,
                interrupted: true
            }
        );
        // data.fairness and data.health-consent do not apply: next is the scale.
        assert_eq!(
            prompter.questions(),
            [
                CARD,
                M.rationale,
                M.action_text,
                M.action_text,
                M.action_owner,
                M.action_due,
                M.action_due,
                M.action_due,
                M.action_due,
                EXPLANATION
            ]
        );
        // Each refusal is explained before the prompt is asked again.
        let after_card: Vec<&Shown> = prompter
            .shown
            .iter()
            .skip_while(|s| s.question() != Some(CARD))
            .skip(1)
            .take_while(|s| s.question() != Some(EXPLANATION))
            .filter(|s| !matches!(s, Shown::Note(n) if n.starts_with('\n')))
            .collect();
        let text_prompt = |question: &str| Shown::Text {
            question: question.to_string(),
            initial: String::new(),
        };
        assert_eq!(
            after_card,
            [
                &text_prompt(M.rationale),
                &text_prompt(M.action_text),
                &Shown::Note(M.required.to_string()),
                &text_prompt(M.action_text),
                &text_prompt(M.action_owner),
                &text_prompt(M.action_due),
                &Shown::Note(M.not_a_date.to_string()),
                &text_prompt(M.action_due),
                &Shown::Note(M.not_a_date.to_string()),
                &text_prompt(M.action_due),
                &Shown::Note(W.due_past.to_string()),
                &text_prompt(M.action_due),
                &Shown::Note("── Data: 1 of 1 answered · 1 open action".to_string()),
            ]
        );
        assert_eq!(
            fx.read(),
            format!(
                "{HEADER}answers:\n\
                \x20 context.people:\n    value: \"no\"\n    at: \"{EARLIER}\"\n    \
                asked: {{version: \"1.1.0\", question: 9f2011f4, type: single, options: e9ba98ac}}\n\
                \x20 context.data:\n    value: [none]\n    at: \"{EARLIER}\"\n    \
                asked: {{version: \"1.1.0\", question: d8257044, type: multi, options: bc6e4f01}}\n\
                \x20 data.card:\n    value: partial\n    rationale: Only the training set is described\n    \
                action:\n      text: Describe the evaluation set\n      owner: data-team\n      due: \"2027-03-31\"\n    \
                by: tester\n    at: \"{TODAY}\"\n    asked: {{version: \"1.1.0\", question: 66074d28, type: yes-no, severity: medium}}\n"
            )
        );
    }

    #[test]
    fn esc_leaves_an_item_unanswered_and_the_walk_goes_on() {
        let (fx, mut assessment) = Fixture::new();
        fx.answer(&mut assessment, "context.people", "no", NewAnswer::default());
        fx.answer(&mut assessment, "context.data", "none", NewAnswer::default());
        let script = vec![
            Step::Skip,
            select("3"),
            Step::Skip,
            text("Pilot in one region"),
            // Offered again at the end; not now.
            select(W.later),
        ];
        let (outcome, prompter) = fx.walk(&mut assessment, &options(), script);

        assert_eq!(
            outcome,
            WalkOutcome {
                answered: 2,
                skipped: 2,
                interrupted: false
            }
        );
        // Each skipped item is asked once, the walk moves on, and the end offers them again.
        let again = (W.skipped_question)(2);
        assert_eq!(
            prompter.questions(),
            [CARD, EXPLANATION, CHANNEL, NOTES, again.as_str()]
        );
        // The end says what is missing, as `validate` would.
        let notes = prompter.notes();
        assert!(
            notes.contains(&"\n`etika validate` still finds 2 problems:"),
            "{notes:#?}"
        );
        assert!(
            notes
                .iter()
                .any(|n| n.ends_with("data.card: no answer yet [missing-answer]"))
        );
        assert!(
            notes.last().unwrap().starts_with("Next: etika assess"),
            "{notes:#?}"
        );
        let saved = fx.load();
        assert!(!saved.assessment.answers.contains_key("data.card"));
        assert!(!saved.assessment.answers.contains_key("people.channel"));
        assert_eq!(
            values(&fx.read()),
            pairs(&[
                ("context.people", "no"),
                ("context.data", "[none]"),
                ("people.explanation", "3"),
                ("people.notes", "Pilot in one region"),
            ])
        );
    }

    #[test]
    fn ctrl_c_stops_the_walk_and_keeps_what_was_answered() {
        let (fx, mut assessment) = Fixture::new();
        let script = vec![
            select("It recommends"),
            multi(&["None"]),
            select("No"),
            text("Nobody wrote one"),
            text("Write the data card"),
            // Ctrl-C in the middle of the follow-ups.
            Step::Quit,
        ];
        let (outcome, prompter) = fx.walk(&mut assessment, &options(), script);

        assert_eq!(
            outcome,
            WalkOutcome {
                answered: 3,
                skipped: 0,
                interrupted: true
            }
        );
        assert_eq!(
            prompter.questions(),
            [PEOPLE, DATA, CARD, M.rationale, M.action_text, M.action_owner]
        );
        // After Ctrl-C only what is still missing is said, and nothing asked.
        let after: Vec<&Shown> = prompter
            .shown
            .iter()
            .skip_while(|s| s.question() != Some(M.action_owner))
            .skip(1)
            .collect();
        assert_eq!(
            after,
            [&Shown::Note(format!(
                "{} {}. {}",
                W.still_needed,
                (W.finding)(crate::diagnostic::Rule::IncompleteAction),
                W.saved_incomplete
            ))]
        );
        // What was typed before Ctrl-C is saved, visibly incomplete.
        assert_eq!(
            values(&fx.read()),
            pairs(&[
                ("context.people", "recommends"),
                ("context.data", "[none]"),
                ("data.card", "no")
            ])
        );
        let card = &fx.load().assessment.answers["data.card"];
        assert_eq!(card.rationale.as_deref(), Some("Nobody wrote one"));
        let action = card.action.as_ref().unwrap();
        assert_eq!(action.text.as_deref(), Some("Write the data card"));
        assert_eq!(action.owner, None);
    }

    #[test]
    fn a_second_walk_resumes_at_the_first_unanswered_item() {
        let (fx, mut assessment) = Fixture::new();
        let script = vec![
            select("No"),
            multi(&["None"]),
            Step::Skip,
            select("5 — Fully"),
            Step::Quit,
        ];
        let (first, prompter) = fx.walk(&mut assessment, &options(), script);
        assert_eq!(prompter.questions(), [PEOPLE, DATA, CARD, EXPLANATION, CHANNEL]);
        assert_eq!(
            first,
            WalkOutcome {
                answered: 3,
                skipped: 1,
                interrupted: true
            }
        );

        // As `etika assess` would: from the file.
        let mut again = fx.load();
        let script = vec![select("Yes"), text("docs/card.md"), text(""), Step::Quit];
        let (second, prompter) = fx.walk(&mut again, &options(), script);
        // It starts at the item skipped before, then goes on past the answered scale.
        assert_eq!(prompter.questions()[0], CARD);
        assert_eq!(
            prompter.questions(),
            [CARD, evidence(1).as_str(), evidence(2).as_str(), CHANNEL]
        );
        assert!(!note(&prompter, "\n## Context"), "{:#?}", prompter.notes());
        assert_eq!(
            second,
            WalkOutcome {
                answered: 1,
                skipped: 0,
                interrupted: true
            }
        );
        assert_eq!(
            values(&fx.read()),
            pairs(&[
                ("context.people", "no"),
                ("context.data", "[none]"),
                ("data.card", "yes"),
                ("people.explanation", "5"),
            ])
        );
    }

    #[test]
    fn review_asks_answered_items_again_starting_from_their_answers() {
        let (fx, mut assessment) = Fixture::new();
        fx.create("docs/card.md");
        fx.answer(
            &mut assessment,
            "context.people",
            "recommends",
            NewAnswer::default(),
        );
        fx.answer(&mut assessment, "context.data", "ordinary", NewAnswer::default());
        let with_evidence = NewAnswer {
            evidence: Some(vec!["docs/card.md".to_string()]),
            ..NewAnswer::default()
        };
        fx.answer(&mut assessment, "data.card", "yes", with_evidence);
        fx.answer(&mut assessment, "data.fairness", "yes", NewAnswer::default());
        fx.answer(&mut assessment, "people.explanation", "4", NewAnswer::default());
        let with_rationale = NewAnswer {
            rationale: Some("Appeals go to a case worker".to_string()),
            ..NewAnswer::default()
        };
        fx.answer(&mut assessment, "people.channel", "human-review", with_rationale);
        fx.answer(&mut assessment, "people.notes", "Pilot", NewAnswer::default());

        // Without --review there is nothing left to ask.
        let (outcome, prompter) = fx.walk(&mut assessment, &options(), vec![]);
        assert_eq!(outcome, WalkOutcome::default());
        assert!(note(&prompter, "Next: etika sign"), "{:#?}", prompter.notes());

        let review = WalkOptions {
            review: true,
            ..options()
        };
        let script = vec![
            Step::Enter,
            Step::Enter,
            Step::Enter,
            Step::Enter,
            Step::Enter,
            // Change one answer: the follow-ups of an adverse answer are asked.
            select("No"),
            text("Never measured"),
            text("Compare error rates by group"),
            text("ml-team"),
            text("2027-01-31"),
            Step::Enter,
            Step::Enter,
            Step::Enter,
            Step::Enter,
        ];
        let (outcome, prompter) = fx.walk(&mut assessment, &review, script);
        assert_eq!(
            outcome,
            WalkOutcome {
                answered: 1,
                skipped: 0,
                interrupted: false
            }
        );
        assert_eq!(
            prompter.questions(),
            [
                PEOPLE,
                DATA,
                CARD,
                evidence(1).as_str(),
                evidence(2).as_str(),
                FAIRNESS,
                M.rationale,
                M.action_text,
                M.action_owner,
                M.action_due,
                EXPLANATION,
                CHANNEL,
                M.rationale,
                NOTES
            ]
        );
        // Each prompt starts from the current answer.
        let start = |question: &str| match prompter.prompts_for(question)[0] {
            Shown::Select { start, .. } => *start,
            other => panic!("{other:?}"),
        };
        assert_eq!(start(PEOPLE), 1, "recommends");
        assert_eq!(start(CARD), 0, "yes");
        assert_eq!(start(FAIRNESS), 0, "yes");
        assert_eq!(start(EXPLANATION), 3, "4");
        assert_eq!(start(CHANNEL), 0, "human-review");
        assert!(matches!(
            prompter.prompts_for(DATA)[0],
            Shown::Multi { selected, .. } if selected == &[1]
        ));
        let initial = |question: &str| -> Vec<&str> {
            prompter
                .prompts_for(question)
                .into_iter()
                .map(|shown| match shown {
                    Shown::Text { initial, .. } => initial.as_str(),
                    other => panic!("{other:?}"),
                })
                .collect()
        };
        assert_eq!(initial(&evidence(1)), ["docs/card.md"]);
        assert_eq!(initial(&evidence(2)), [""]);
        assert_eq!(initial(M.rationale), ["", "Appeals go to a case worker"]);
        assert_eq!(initial(NOTES), ["Pilot"]);

        let saved = fx.load();
        assert_eq!(
            values(&fx.read()),
            pairs(&[
                ("context.people", "recommends"),
                ("context.data", "[ordinary]"),
                ("data.card", "yes"),
                ("data.fairness", "no"),
                ("people.explanation", "4"),
                ("people.channel", "human-review"),
                ("people.notes", "Pilot"),
            ])
        );
        assert_eq!(saved.assessment.answers["data.card"].evidence, ["docs/card.md"]);
        assert_eq!(
            saved.assessment.answers["people.channel"].rationale.as_deref(),
            Some("Appeals go to a case worker")
        );
        let fairness = &saved.assessment.answers["data.fairness"];
        assert_eq!(fairness.rationale.as_deref(), Some("Never measured"));
        let action = fairness.action.as_ref().unwrap();
        assert_eq!(action.text.as_deref(), Some("Compare error rates by group"));
        assert_eq!(action.owner.as_deref(), Some("ml-team"));
        assert_eq!(action.due.as_deref(), Some("2027-01-31"));
        // Enter on an answer as it was saves nothing: it stays who gave it, and when.
        for (id, answer) in &saved.assessment.answers {
            let expected = if id == "data.fairness" {
                (Some(TODAY), Some("tester"))
            } else {
                (Some(EARLIER), None)
            };
            assert_eq!((answer.at.as_deref(), answer.by.as_deref()), expected, "{id}");
        }
    }

    #[test]
    fn a_section_walk_asks_only_that_section_and_unanswered_context() {
        let (fx, mut assessment) = Fixture::new();
        fx.answer(
            &mut assessment,
            "context.people",
            "recommends",
            NewAnswer::default(),
        );
        let people = WalkOptions {
            section: Some("people".to_string()),
            ..options()
        };
        let script = vec![
            // context.data is unanswered, so it is asked first; context.people is not.
            multi(&["None"]),
            select("3"),
            Step::Skip,
            text("Pilot"),
            select(W.later),
        ];
        let (outcome, prompter) = fx.walk(&mut assessment, &people, script);
        let again = (W.skipped_question)(1);
        assert_eq!(
            prompter.questions(),
            [DATA, EXPLANATION, CHANNEL, NOTES, again.as_str()]
        );
        // The section is done for now, and the end says what is open elsewhere.
        assert!(
            prompter
                .notes()
                .contains(&"Still open in other sections: Data (2), People (1)."),
            "{:#?}",
            prompter.notes()
        );
        assert!(note(&prompter, "\n## Context"));
        assert!(!note(&prompter, "\n## Data"), "{:#?}", prompter.notes());
        assert_eq!(
            outcome,
            WalkOutcome {
                answered: 3,
                skipped: 1,
                interrupted: false
            }
        );
        // The data section (data.card, and data.fairness which now applies) is untouched.
        assert_eq!(
            values(&fx.read()),
            pairs(&[
                ("context.people", "recommends"),
                ("context.data", "[none]"),
                ("people.explanation", "3"),
                ("people.notes", "Pilot"),
            ])
        );

        // With --review, a section walk does not go back over answered context.
        let data = WalkOptions {
            section: Some("data".to_string()),
            review: true,
            ..options()
        };
        let script = vec![Step::Skip, Step::Skip, select(W.later)];
        let (outcome, prompter) = fx.walk(&mut assessment, &data, script);
        let again = (W.skipped_question)(2);
        assert_eq!(prompter.questions(), [CARD, FAIRNESS, again.as_str()]);
        assert_eq!(outcome.skipped, 2);
    }

    #[test]
    fn an_item_whose_condition_is_false_is_never_asked() {
        let (fx, mut assessment) = Fixture::new();
        fx.create("docs/card.md");
        let script = vec![
            select("No"),
            multi(&["Ordinary"]),
            select("Yes"),
            text("docs/card.md"),
            text(""),
            select("3"),
            select("Human review"),
            text("Appeals go to a case worker"),
            text("Pilot"),
        ];
        let (outcome, prompter) = fx.walk(&mut assessment, &options(), script);
        let questions = prompter.questions();
        assert!(!questions.contains(&FAIRNESS), "{questions:#?}");
        assert!(!questions.contains(&HEALTH), "{questions:#?}");
        assert_eq!(questions[5], EXPLANATION, "{questions:#?}");
        assert_eq!(outcome.answered, 6);
        // They do not count as applicable, so the walk ends with everything answered.
        assert!(
            note(&prompter, "\n[Data 1/1 · overall 3/6] data.card"),
            "{:#?}",
            prompter.notes()
        );
        assert!(note(&prompter, "Next: etika sign"), "{:#?}", prompter.notes());

        // A review of the data section alone: context stays as it is, so still no data.fairness.
        let review = WalkOptions {
            review: true,
            section: Some("data".to_string()),
            ..options()
        };
        let script = vec![Step::Enter, Step::Enter, Step::Enter];
        let (_, prompter) = fx.walk(&mut assessment, &review, script);
        assert_eq!(
            prompter.questions(),
            [CARD, evidence(1).as_str(), evidence(2).as_str()]
        );

        // A review that makes the condition true asks the item in the same walk.
        let full_review = WalkOptions {
            review: true,
            ..options()
        };
        let script = vec![
            select("It recommends"),
            Step::Enter,
            Step::Enter,
            Step::Enter,
            Step::Enter,
            Step::Quit,
        ];
        let (_, prompter) = fx.walk(&mut assessment, &full_review, script);
        assert_eq!(
            prompter.questions(),
            [
                PEOPLE,
                DATA,
                CARD,
                evidence(1).as_str(),
                evidence(2).as_str(),
                FAIRNESS
            ]
        );
    }

    #[test]
    fn an_answer_saved_by_someone_else_during_the_walk_is_kept() {
        let (fx, mut walking) = Fixture::new();
        // Another terminal (`etika answer`) saves an answer after the walk loaded the file.
        let mut other = fx.load();
        fx.answer(
            &mut other,
            "people.notes",
            "From the other terminal",
            NewAnswer::default(),
        );
        let script = vec![select("No"), Step::Quit];
        let (outcome, _) = fx.walk(&mut walking, &options(), script);
        assert_eq!(outcome.answered, 1);
        assert_eq!(
            values(&fx.read()),
            pairs(&[
                ("context.people", "no"),
                ("people.notes", "From the other terminal")
            ])
        );
        // The walk goes on from the merged file, not from its own old copy.
        assert!(walking.assessment.answers.contains_key("people.notes"));
    }

    #[test]
    fn a_conflict_on_the_same_item_keeps_their_answer_and_the_walk_goes_on() {
        let (fx, mut walking) = Fixture::new();
        let mut other = fx.load();
        fx.answer(&mut other, "context.people", "no", NewAnswer::default());
        // The walk's copy still has no answer to context.people, so it asks it.
        let script = vec![select("It decides"), select(W.keep_theirs), Step::Quit];
        let (outcome, prompter) = fx.walk(&mut walking, &options(), script);
        // Both answers are shown, with who gave them and when.
        let conflict = (W.conflict)("context.people");
        let notes = prompter.notes();
        let at = notes
            .iter()
            .position(|n| *n == conflict)
            .expect("the conflict is shown");
        assert_eq!(
            notes[at + 1..at + 3],
            [
                format!("  {} `no` ({EARLIER})", W.theirs),
                format!("  {} `decides` (tester, {TODAY})", W.yours)
            ]
        );
        assert_eq!(outcome.answered, 0);
        assert_eq!(values(&fx.read()), pairs(&[("context.people", "no")]));
        // It went on to the next question rather than ending.
        assert_eq!(prompter.questions(), [PEOPLE, W.which_to_keep, DATA]);
    }

    #[test]
    fn a_conflict_resolved_as_mine_saves_mine_over_theirs() {
        let (fx, mut walking) = Fixture::new();
        let mut other = fx.load();
        fx.answer(&mut other, "context.people", "no", NewAnswer::default());
        fx.answer(&mut other, "context.data", "none", NewAnswer::default());
        let script = vec![select("It decides"), select(W.keep_mine), Step::Quit];
        let (outcome, _) = fx.walk(&mut walking, &options(), script);
        assert_eq!(outcome.answered, 1);
        // Mine replaces theirs for that item; their other answer stays.
        assert_eq!(
            values(&fx.read()),
            pairs(&[("context.people", "decides"), ("context.data", "[none]")])
        );
    }

    #[test]
    fn the_same_answer_from_both_sides_is_no_conflict() {
        let (fx, mut walking) = Fixture::new();
        let mut other = fx.load();
        fx.answer(&mut other, "context.people", "no", NewAnswer::default());
        let (outcome, _) = fx.walk(&mut walking, &options(), vec![select("No"), Step::Quit]);
        assert_eq!(outcome.answered, 1);
        assert_eq!(values(&fx.read()), pairs(&[("context.people", "no")]));
    }

    /// The mini checklist with both context questions answered (no people
    /// decided about, ordinary data): five items apply.
    fn with_context() -> (Fixture, Stored) {
        let (fx, mut stored) = Fixture::new();
        fx.answer(&mut stored, "context.people", "recommends", NewAnswer::default());
        fx.answer(&mut stored, "context.data", "ordinary", NewAnswer::default());
        (fx, stored)
    }

    #[test]
    fn not_applicable_ticked_with_a_real_option_is_refused_and_asked_again() {
        let (fx, mut stored) = Fixture::new();
        fx.answer(&mut stored, "context.people", "no", NewAnswer::default());
        let script = vec![
            // The risk of "Health" must not vanish behind "Not applicable".
            multi(&["Health", M.not_applicable]),
            multi(&["Health"]),
            Step::Quit,
        ];
        let (_, prompter) = fx.walk(&mut stored, &options(), script);
        assert!(
            prompter
                .notes()
                .contains(&(W.escape_alone)(M.not_applicable).as_str())
        );
        assert_eq!(prompter.questions()[..2], [DATA, DATA]);
        assert_eq!(
            values(&fx.read()),
            pairs(&[("context.people", "no"), ("context.data", "[health]")])
        );
    }

    #[test]
    fn esc_at_a_required_rationale_saves_the_item_as_incomplete_and_the_next_walk_asks_it_first() {
        let (fx, mut stored) = with_context();
        fx.create("docs/card.md");
        let script = vec![
            // data.card: unknown needs a rationale; Esc leaves it out.
            select(M.unknown),
            Step::Skip,
            Step::Skip,
            Step::Quit,
        ];
        let (outcome, prompter) = fx.walk(&mut stored, &options(), script);
        assert_eq!(outcome.answered, 1);
        assert_eq!(prompter.questions(), [CARD, M.rationale, M.action_text, FAIRNESS]);
        let needed = format!(
            "{} {}; {}. {}",
            W.still_needed,
            (W.finding)(crate::diagnostic::Rule::MissingRationale),
            (W.finding)(crate::diagnostic::Rule::MissingAction),
            W.saved_incomplete
        );
        assert!(
            prompter.notes().contains(&needed.as_str()),
            "{:#?}",
            prompter.notes()
        );
        // Esc at the action's text asks for no owner or date, and writes no empty action.
        assert!(!fx.read().contains("action"), "{}", fx.read());

        // data.fairness is unanswered and comes first in the checklist, yet the
        // unfinished answer is asked before it.
        let script = vec![Step::Quit];
        let (_, prompter) = fx.walk(&mut stored, &options(), script);
        assert_eq!(prompter.questions(), [CARD]);
        assert!(
            prompter
                .notes()
                .contains(&"7 items apply; 3 answered, 1 of them incomplete (asked first)."),
            "{:#?}",
            prompter.notes()
        );
        let incomplete = format!(
            "{} {}; {}",
            W.incomplete,
            (W.finding)(crate::diagnostic::Rule::MissingRationale),
            (W.finding)(crate::diagnostic::Rule::MissingAction)
        );
        assert!(
            prompter.notes().contains(&incomplete.as_str()),
            "{:#?}",
            prompter.notes()
        );
    }

    #[test]
    fn an_item_that_requires_evidence_refuses_an_empty_first_entry() {
        let (fx, mut stored) = with_context();
        fx.create("docs/card.md");
        let script = vec![
            select("Yes"),
            text(""),
            text("docs/card.md"),
            text(""),
            Step::Quit,
        ];
        let (_, prompter) = fx.walk(&mut stored, &options(), script);
        assert!(prompter.notes().contains(&W.evidence_required));
        assert_eq!(
            fx.load().assessment.answers["data.card"].evidence,
            ["docs/card.md"]
        );
    }

    #[test]
    fn an_overdue_action_is_asked_first_and_a_past_date_is_refused() {
        let (fx, mut stored) = with_context();
        let overdue = NewAnswer {
            rationale: Some("Never measured".into()),
            action: ActionChange {
                text: Some("Compare error rates".into()),
                owner: Some("ml-team".into()),
                due: Some("2026-11-01".into()),
            },
            ..NewAnswer::default()
        };
        fx.answer(&mut stored, "data.fairness", "no", overdue);
        let script = vec![
            Step::Enter,
            Step::Enter,
            Step::Enter,
            Step::Enter,
            // The due date shown is the old one, which has passed.
            Step::Invalid("2026-11-01".into()),
            text("2027-01-15"),
            Step::Quit,
        ];
        let (_, prompter) = fx.walk(&mut stored, &options(), script);
        assert_eq!(
            prompter.questions(),
            [
                FAIRNESS,
                M.rationale,
                M.action_text,
                M.action_owner,
                M.action_due,
                M.action_due,
                CARD
            ]
        );
        assert!(prompter.notes().contains(&W.due_past));
        let action = fx.load().assessment.answers["data.fairness"]
            .action
            .clone()
            .unwrap();
        assert_eq!(action.due.as_deref(), Some("2027-01-15"));
    }

    #[test]
    fn a_changed_answer_asks_whether_the_earlier_rationale_and_action_still_hold() {
        let (fx, mut stored) = with_context();
        let adverse = NewAnswer {
            rationale: Some("Never measured".into()),
            action: ActionChange {
                text: Some("Compare error rates".into()),
                owner: Some("ml-team".into()),
                due: Some("2027-01-01".into()),
            },
            ..NewAnswer::default()
        };
        fx.answer(&mut stored, "data.fairness", "no", adverse);
        let item = WalkOptions {
            item: Some("data.fairness".into()),
            ..options()
        };
        let hold = (W.earlier_hold)("`no`");
        // Now "partly": start afresh, so the old texts are not offered.
        let script = vec![
            select("Partly"),
            select(W.start_afresh),
            text("Measured for age only"),
            text("Measure by gender too"),
            text("ml-team"),
            text("2027-02-01"),
        ];
        let (_, prompter) = fx.walk(&mut stored, &item, script);
        assert_eq!(prompter.questions()[..2], [FAIRNESS, hold.as_str()]);
        assert!(matches!(
            prompter.prompts_for(M.rationale)[0],
            Shown::Text { initial, .. } if initial.is_empty()
        ));
        let answer = &fx.load().assessment.answers["data.fairness"];
        assert_eq!(answer.rationale.as_deref(), Some("Measured for age only"));
        assert_eq!(
            answer.action.as_ref().unwrap().text.as_deref(),
            Some("Measure by gender too")
        );

        // Now "yes": no action is needed, and the earlier one can be closed.
        let script = vec![select("Yes"), select(W.keep_earlier), select(W.remove_action)];
        let (_, prompter) = fx.walk(&mut stored, &item, script);
        let close = (W.action_still_open)("Measure by gender too");
        assert_eq!(prompter.questions()[2], close.as_str());
        let answer = &fx.load().assessment.answers["data.fairness"];
        assert_eq!(answer.value.to_string(), "yes");
        assert_eq!(answer.action, None);
        assert_eq!(answer.rationale.as_deref(), Some("Measured for age only"));
    }

    #[test]
    fn back_returns_to_the_previous_question_with_its_answer() {
        let (fx, mut stored) = with_context();
        fx.create("docs/card.md");
        let script = vec![
            select("Yes"),
            text("docs/card.md"),
            text(""),
            // At data.fairness: back to data.card, which starts from "Yes".
            select(W.back),
            select("No"),
            text(""),
            text("Write one"),
            text("data-team"),
            text("2027-03-01"),
            // Forward again to data.fairness.
            select("Yes"),
            Step::Quit,
        ];
        let (_, prompter) = fx.walk(&mut stored, &options(), script);
        let questions = prompter.questions();
        assert_eq!(
            questions[..4],
            [CARD, evidence(1).as_str(), evidence(2).as_str(), FAIRNESS]
        );
        assert_eq!(questions[4], CARD);
        assert!(matches!(
            prompter.prompts_for(CARD)[1],
            Shown::Select { start: 0, .. }
        ));
        assert_eq!(questions[9], FAIRNESS);
        assert_eq!(
            values(&fx.read()),
            pairs(&[
                ("context.people", "recommends"),
                ("context.data", "[ordinary]"),
                ("data.card", "no"),
                ("data.fairness", "yes"),
            ])
        );
        // The first question of a walk has nothing to go back to.
        let first = prompter.prompts_for(CARD)[0];
        assert!(matches!(first, Shown::Select { choices, .. } if !choices.contains(&W.back.to_string())));
    }

    #[test]
    fn a_text_answer_goes_back_with_a_lone_angle_bracket() {
        let (fx, mut stored) = with_context();
        fx.answer(&mut stored, "people.explanation", "4", NewAnswer::default());
        for (id, value) in [("data.card", "no"), ("data.fairness", "no")] {
            let new = NewAnswer {
                rationale: Some("r".into()),
                action: ActionChange {
                    text: Some("a".into()),
                    owner: Some("o".into()),
                    due: Some("2027-01-01".into()),
                },
                ..NewAnswer::default()
            };
            fx.answer(&mut stored, id, value, new);
        }
        let channel = NewAnswer {
            rationale: Some("Appeals".into()),
            ..NewAnswer::default()
        };
        fx.answer(&mut stored, "people.channel", "human-review", channel);
        let review = WalkOptions {
            section: Some("people".into()),
            review: true,
            ..options()
        };
        let script = vec![
            Step::Enter,
            Step::Enter,
            Step::Enter,
            // people.notes (text): `<` goes back to people.channel.
            text("<"),
            Step::Enter,
            Step::Enter,
            text("Pilot"),
        ];
        let (_, prompter) = fx.walk(&mut stored, &review, script);
        assert_eq!(
            prompter.questions(),
            [
                EXPLANATION,
                CHANNEL,
                M.rationale,
                NOTES,
                CHANNEL,
                M.rationale,
                NOTES
            ]
        );
        assert_eq!(
            fx.load().assessment.answers["people.notes"].value.to_string(),
            "Pilot"
        );
    }

    #[test]
    fn item_asks_that_item_alone_even_when_answered() {
        let (fx, mut stored) = with_context();
        fx.answer(&mut stored, "people.explanation", "4", NewAnswer::default());
        let item = WalkOptions {
            item: Some("people.explanation".into()),
            ..options()
        };
        let (outcome, prompter) = fx.walk(&mut stored, &item, vec![select("5 — Fully")]);
        assert_eq!(prompter.questions(), [EXPLANATION]);
        assert!(matches!(
            prompter.prompts_for(EXPLANATION)[0],
            Shown::Select { start: 3, .. }
        ));
        assert_eq!(outcome.answered, 1);
        assert_eq!(
            fx.load().assessment.answers["people.explanation"]
                .value
                .to_string(),
            "5"
        );
        // The rest is still open, and the end says so.
        assert!(
            prompter
                .notes()
                .iter()
                .any(|n| n.starts_with("Still open in other sections: Data (2)")),
            "{:#?}",
            prompter.notes()
        );
    }

    #[test]
    fn item_waiting_on_context_asks_that_context_first() {
        let (fx, mut stored) = Fixture::new();
        let item = WalkOptions {
            item: Some("data.health-consent".into()),
            ..options()
        };
        let script = vec![multi(&["Health"]), select("Yes")];
        let (_, prompter) = fx.walk(&mut stored, &item, script);
        assert_eq!(prompter.questions(), [DATA, HEALTH]);
    }

    #[test]
    fn the_counter_moves_in_a_review() {
        let (fx, mut stored) = with_context();
        let review = WalkOptions {
            review: true,
            ..options()
        };
        let script = vec![Step::Enter, Step::Enter, Step::Quit];
        let (_, prompter) = fx.walk(&mut stored, &review, script);
        let positions: Vec<&str> = prompter
            .notes()
            .into_iter()
            .filter(|n| n.starts_with("\n["))
            .collect();
        assert_eq!(
            positions,
            [
                "\n[Context 1/2 · overall 1/7] context.people",
                "\n[Context 2/2 · overall 2/7] context.data",
                "\n[Data 1/2 · overall 3/7] data.card",
            ]
        );
    }

    #[test]
    fn a_context_change_that_rules_items_out_keeps_their_answers_and_says_so() {
        let (fx, mut stored) = with_context();
        fx.answer(&mut stored, "data.fairness", "yes", NewAnswer::default());
        let review = WalkOptions {
            section: Some("context".into()),
            review: true,
            ..options()
        };
        let script = vec![select("No"), Step::Enter];
        let (_, prompter) = fx.walk(&mut stored, &review, script);
        assert!(
            prompter
                .notes()
                .contains(&format!("{} data.fairness", W.no_longer_apply).as_str()),
            "{:#?}",
            prompter.notes()
        );
        let saved = fx.load().assessment;
        assert_eq!(saved.answers["data.fairness"].value.to_string(), "yes");
        // validate calls it a note, not a problem.
        let checks = crate::evaluate::Checks::new(Date::parse(TODAY).unwrap(), &fx.path);
        let findings = crate::evaluate::validate(&fx.checklist, &saved, &checks);
        let fairness: Vec<_> = findings
            .iter()
            .filter(|f| f.item.as_deref() == Some("data.fairness"))
            .map(|f| (f.rule, f.level))
            .collect();
        assert_eq!(
            fairness,
            [(
                crate::diagnostic::Rule::NotApplicableAnswered,
                crate::diagnostic::Level::Note
            )]
        );

        // Back to "recommends": the item applies again, with its answer.
        let script = vec![select("It recommends"), Step::Enter];
        let (_, prompter) = fx.walk(&mut stored, &review, script);
        assert!(!prompter.notes().iter().any(|n| n.starts_with(W.no_longer_apply)));
    }

    #[test]
    fn assess_speaks_indonesian_throughout() {
        let (fx, mut stored) = with_context();
        let id = WalkOptions {
            lang: Lang::Id,
            ..options()
        };
        let (_, prompter) = fx.walk(&mut stored, &id, vec![Step::Skip, Step::Quit]);
        let notes = prompter.notes();
        let id_words = &crate::assess::words::ID;
        assert!(
            notes[0].starts_with("Menilai Loan triage dengan daftar periksa mini 1.1.0"),
            "{notes:#?}"
        );
        assert_eq!(notes[2], id_words.legend);
        assert_eq!(prompter.questions()[0], "Apakah ada kartu data?");
        assert!(matches!(
            prompter.prompts_for("Apakah ada kartu data?")[0],
            Shown::Select { choices, .. } if choices.contains(&id_words.info.to_string())
        ));
    }

    #[test]
    fn colon_e_opens_the_editor_for_a_long_text() {
        let (fx, mut stored) = with_context();
        let script = vec![
            select(M.unknown),
            text(":e"),
            text("Nobody knows yet.\nThe vendor was asked on 1 December."),
            text("Ask the vendor"),
            text("ana"),
            text("2027-01-31"),
            Step::Quit,
        ];
        let (_, prompter) = fx.walk(&mut stored, &options(), script);
        assert!(matches!(
            prompter.shown.iter().find(|s| matches!(s, Shown::Editor { .. })),
            Some(Shown::Editor { question, .. }) if question == M.rationale
        ));
        assert_eq!(
            fx.load().assessment.answers["data.card"].rationale.as_deref(),
            Some("Nobody knows yet.\nThe vendor was asked on 1 December.")
        );
    }

    // Review findings (issue 8): each of these fails on the reviewed change.

    #[test]
    fn back_into_an_item_that_no_longer_applies_does_not_abort_the_walk() {
        let (fx, mut stored) = with_context();
        // data.fairness applies (people: recommends) and is incomplete: asked first.
        fx.answer(&mut stored, "data.fairness", "no", NewAnswer::default());
        let review = WalkOptions {
            review: true,
            ..options()
        };
        let script = vec![
            // data.fairness (incomplete, first): Yes.
            select("Yes"),
            // context.people: No, so data.fairness no longer applies.
            select("No"),
            // context.data: back to context.people ...
            multi(&[W.back]),
            // ... and back again, to data.fairness, which no longer applies:
            // there is nothing to go back to, so context.people is asked again.
            select(W.back),
            Step::Quit,
        ];
        let mut prompter = ScriptedPrompter::new(script).watching(&fx.path);
        let rescue = crate::assess::Rescue::default();
        let result = walk(
            &mut prompter,
            &fx.checklist,
            &mut stored,
            &fx.path,
            &review,
            &rescue,
        );
        assert!(
            result.is_ok(),
            "the walk ended with an error, the answer typed lost: {:#}\n{}",
            result.err().unwrap(),
            prompter.transcript()
        );
    }

    #[test]
    fn a_lone_angle_bracket_with_nothing_to_go_back_to_is_not_saved_as_the_answer() {
        let (fx, mut stored) = Fixture::new();
        let item = WalkOptions {
            item: Some("people.notes".into()),
            ..options()
        };
        let (_, prompter) = fx.walk(&mut stored, &item, vec![text("<"), Step::Quit]);
        assert!(prompter.notes().contains(&W.nothing_before));
        let saved = fx.load();
        assert_eq!(
            saved
                .assessment
                .answers
                .get("people.notes")
                .map(|a| a.value.to_string()),
            None,
            "`<` was saved as the text answer"
        );
    }

    #[test]
    fn comments_written_by_hand_during_the_walk_are_not_dropped_silently() {
        let (fx, mut walking) = Fixture::new();
        // Someone adds a comment by hand after the walk loaded the file.
        let text = fx
            .read()
            .replace("system:\n", "# Ask Dana before signing.\nsystem:\n");
        std::fs::write(&fx.path, text).unwrap();
        let (_, prompter) = fx.walk(&mut walking, &options(), vec![select("No"), Step::Quit]);
        let kept = fx.read().contains("# Ask Dana before signing.");
        let told = prompter.questions().iter().any(|q| q.contains("comments"));
        assert!(
            kept || told,
            "the hand-written comment vanished and nobody was told:\n{}",
            fx.read()
        );
    }
    #[test]
    fn esc_at_the_second_evidence_prompt_keeps_the_earlier_entries() {
        let (fx, mut stored) = with_context();
        fx.create("docs/card.md");
        fx.create("docs/sheet.md");
        let new = NewAnswer {
            evidence: Some(vec!["docs/card.md".into(), "docs/sheet.md".into()]),
            ..NewAnswer::default()
        };
        fx.answer(&mut stored, "data.card", "yes", new);
        let item = WalkOptions {
            item: Some("data.card".into()),
            ..options()
        };
        // Keep "Yes", keep the first entry, Esc at the second ("skip").
        let script = vec![Step::Enter, Step::Enter, Step::Skip];
        let (_, _prompter) = fx.walk(&mut stored, &item, script);
        assert_eq!(
            fx.load().assessment.answers["data.card"].evidence,
            ["docs/card.md", "docs/sheet.md"],
            "Esc dropped evidence the file had"
        );
    }
    #[test]
    fn ctrl_c_at_the_still_hold_question_does_not_pass_off_the_old_rationale_as_the_new_ones() {
        let (fx, mut stored) = with_context();
        let new = NewAnswer {
            rationale: Some("Never compared".into()),
            action: ActionChange {
                text: Some("Compare them".into()),
                owner: Some("data-team".into()),
                due: Some("2027-03-01".into()),
            },
            ..NewAnswer::default()
        };
        fx.answer(&mut stored, "data.fairness", "no", new);
        let item = WalkOptions {
            item: Some("data.fairness".into()),
            ..options()
        };
        // Changes No to Yes, then Ctrl-C at "do the earlier rationale and action still hold?".
        let script = vec![select("Yes"), Step::Quit];
        let (_, prompter) = fx.walk(&mut stored, &item, script);
        assert_eq!(prompter.questions()[1], (W.earlier_hold)("`no`"));
        let saved = &fx.load().assessment.answers["data.fairness"];
        assert!(
            saved.value.to_string() == "no" || saved.rationale.as_deref() != Some("Never compared"),
            "saved `{}` with the rationale given for `no`: {saved:?}",
            saved.value
        );
    }
    #[test]
    fn colon_e_is_offered_only_where_it_opens_the_editor() {
        // Evidence, owner and due date take `:e` as text: their help does not offer it.
        assert!(W.keys_text.contains(":e editor") && W.keys_item_text.contains(":e editor"));
        assert!(!W.keys_plain.contains(":e"));
        let (fx, mut stored) = with_context();
        let item = WalkOptions {
            item: Some("data.card".into()),
            ..options()
        };
        let script = vec![select(M.unknown), text(":e"), Step::Skip, Step::Skip, Step::Quit];
        let (_, prompter) = fx.walk(&mut stored, &item, script);
        assert!(prompter.shown.iter().any(|s| matches!(s, Shown::Editor { .. })));
    }
}
