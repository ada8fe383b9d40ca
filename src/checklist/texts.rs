//! Every text of a checklist file, each with a name a finding can give it
//! ("`context.scale` question"), for rules that look at all of them alike.

use std::fmt;

use super::raw::RawChecklist;
use crate::text::Text;

/// Which text of the checklist, of its section or of its item.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Place<'a> {
    Title,
    Description,
    ReleaseNotes(&'a str),
    SectionTitle(&'a str),
    SectionDescription(&'a str),
    Question,
    Summary,
    Help,
    OptionLabel(&'a str),
    ScaleLow,
    ScaleHigh,
    /// 1-based, in the order of `examples:`.
    Case(usize),
    LevelTitle(&'a str),
    /// 1-based, in the order of `impact.floors`.
    FloorBecause(usize),
    RegimeTitle(&'a str),
    ClassTitle(&'a str, &'a str),
    ClassExplain(&'a str, &'a str),
}

/// A text and where it belongs; `item` is none for the checklist's and the
/// sections' own texts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Named<'a> {
    pub(crate) item: Option<&'a str>,
    pub(crate) place: Place<'a>,
    pub(crate) text: &'a Text,
}

impl fmt::Display for Named<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(item) = self.item {
            write!(f, "`{item}` ")?;
        }
        match self.place {
            Place::Title => f.write_str("checklist title"),
            Place::Description => f.write_str("checklist description"),
            Place::ReleaseNotes(version) => write!(f, "release {version} notes"),
            Place::SectionTitle(section) => write!(f, "section `{section}` title"),
            Place::SectionDescription(section) => write!(f, "section `{section}` description"),
            Place::Question => f.write_str("question"),
            Place::Summary => f.write_str("summary"),
            Place::Help => f.write_str("help"),
            Place::OptionLabel(value) => write!(f, "option `{value}` label"),
            Place::ScaleLow => f.write_str("scale low"),
            Place::ScaleHigh => f.write_str("scale high"),
            Place::Case(n) => write!(f, "case {n}"),
            Place::LevelTitle(level) => write!(f, "impact level {level} title"),
            Place::FloorBecause(n) => write!(f, "impact floor {n} `because`"),
            Place::RegimeTitle(regime) => write!(f, "regime `{regime}` title"),
            Place::ClassTitle(regime, class) => write!(f, "class `{regime}/{class}` title"),
            Place::ClassExplain(regime, class) => write!(f, "class `{regime}/{class}` explanation"),
        }
    }
}

/// Every text of `raw`: the checklist's, then section by section, item by item.
pub(crate) fn all(raw: &RawChecklist) -> Vec<Named<'_>> {
    let mut texts = Vec::new();
    let mut push = |item, place, text| texts.push(Named { item, place, text });
    push(None, Place::Title, &raw.title.value);
    if let Some(description) = &raw.description {
        push(None, Place::Description, &description.value);
    }
    for release in &raw.changelog {
        if let Some(notes) = &release.notes {
            push(None, Place::ReleaseNotes(&release.version.value), notes);
        }
    }
    if let Some(impact) = &raw.impact {
        for level in &impact.levels.value {
            if let Some(title) = &level.title {
                push(None, Place::LevelTitle(&level.level.value), &title.value);
            }
        }
        for (n, floor) in impact.floors.iter().enumerate() {
            push(None, Place::FloorBecause(n + 1), &floor.because.value);
        }
    }
    for regime in &raw.legal {
        let id = regime.regime.value.as_str();
        push(None, Place::RegimeTitle(id), &regime.title.value);
        for class in &regime.classes {
            push(
                None,
                Place::ClassTitle(id, &class.class.value),
                &class.title.value,
            );
            if let Some(explain) = &class.explain {
                push(None, Place::ClassExplain(id, &class.class.value), &explain.value);
            }
        }
    }
    for section in &raw.sections {
        let id = section.id.value.as_str();
        if let Some(title) = &section.title {
            push(None, Place::SectionTitle(id), &title.value);
        }
        if let Some(description) = &section.description {
            push(None, Place::SectionDescription(id), &description.value);
        }
        for item in &section.items {
            let id = Some(item.id.value.as_str());
            if let Some(summary) = &item.summary {
                push(id, Place::Summary, &summary.value);
            }
            push(id, Place::Question, &item.question.value);
            if let Some(help) = &item.help {
                push(id, Place::Help, &help.value);
            }
            for option in item.options.iter().flatten() {
                push(id, Place::OptionLabel(&option.value.value), &option.label.value);
            }
            if let Some(scale) = &item.scale {
                if let Some(low) = &scale.low {
                    push(id, Place::ScaleLow, &low.value);
                }
                if let Some(high) = &scale.high {
                    push(id, Place::ScaleHigh, &high.value);
                }
            }
            for (n, example) in item.examples.iter().enumerate() {
                push(id, Place::Case(n + 1), &example.text.value);
            }
        }
    }
    texts
}
