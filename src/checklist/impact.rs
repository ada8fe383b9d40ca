//! The checklist's risk model as data: impact levels I–IV with their floors,
//! what each level obliges a team to do, and the residual rating.

use serde::Serialize;

use super::{Condition, Severity};
use crate::text::Text;

/// How much a system can harm people, after the four levels of Canada's
/// Algorithmic Impact Assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[allow(clippy::upper_case_acronyms)] // Roman numerals, as the levels are written
pub(crate) enum ImpactLevel {
    I,
    II,
    III,
    IV,
}

impl ImpactLevel {
    pub(crate) const ALL: [ImpactLevel; 4] =
        [ImpactLevel::I, ImpactLevel::II, ImpactLevel::III, ImpactLevel::IV];

    pub(crate) fn parse(text: &str) -> Option<ImpactLevel> {
        ImpactLevel::ALL.into_iter().find(|l| l.as_str() == text)
    }

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            ImpactLevel::I => "I",
            ImpactLevel::II => "II",
            ImpactLevel::III => "III",
            ImpactLevel::IV => "IV",
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

/// What a level or a legal class demands before `etika validate` passes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Obligations {
    pub(crate) signoff: bool,
    /// Lowercase; empty: any named role.
    pub(crate) signoff_roles: Vec<String>,
    pub(crate) blocking: Option<Severity>,
    pub(crate) items: Vec<String>,
}

impl Obligations {
    pub(crate) fn is_empty(&self) -> bool {
        *self == Obligations::default()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LevelBand {
    pub(crate) level: ImpactLevel,
    /// Scores up to this share of the maximum (percent) fall in the band.
    pub(crate) up_to: u32,
    pub(crate) title: Option<Text>,
    pub(crate) obligations: Obligations,
}

/// A minimum level whatever the points, when a condition on context answers holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Floor {
    pub(crate) level: ImpactLevel,
    pub(crate) when: Condition,
    pub(crate) because: Text,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ImpactModel {
    /// One band per level, lowest first; the last ends at 100.
    pub(crate) bands: Vec<LevelBand>,
    pub(crate) floors: Vec<Floor>,
}

impl Default for ImpactModel {
    /// The thresholds of Canada's Algorithmic Impact Assessment (25/50/75 %),
    /// with no floors and no obligations.
    fn default() -> ImpactModel {
        let band = |level, up_to| LevelBand {
            level,
            up_to,
            title: None,
            obligations: Obligations::default(),
        };
        ImpactModel {
            bands: vec![
                band(ImpactLevel::I, 25),
                band(ImpactLevel::II, 50),
                band(ImpactLevel::III, 75),
                band(ImpactLevel::IV, 100),
            ],
            floors: Vec::new(),
        }
    }
}

impl ImpactModel {
    /// The level a score of `percent` of the maximum falls in.
    pub(crate) fn level(&self, percent: u32) -> ImpactLevel {
        self.bands
            .iter()
            .find(|band| percent <= band.up_to)
            .or(self.bands.last())
            .map_or(ImpactLevel::I, |band| band.level)
    }

    pub(crate) fn band(&self, level: ImpactLevel) -> Option<&LevelBand> {
        self.bands.iter().find(|band| band.level == level)
    }
}

/// How much risk is left once readiness is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Rating {
    Low,
    Medium,
    High,
    Critical,
}

impl Rating {
    pub(crate) const ALL: [Rating; 4] = [Rating::Low, Rating::Medium, Rating::High, Rating::Critical];

    pub(crate) fn parse(text: &str) -> Option<Rating> {
        Rating::ALL.into_iter().find(|r| r.as_str() == text)
    }

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Rating::Low => "low",
            Rating::Medium => "medium",
            Rating::High => "high",
            Rating::Critical => "critical",
        }
    }
}

/// How far a team has got, banded for the residual rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum ReadinessBand {
    Ready,
    Partly,
    NotReady,
}

impl ReadinessBand {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            ReadinessBand::Ready => "ready",
            ReadinessBand::Partly => "partly",
            ReadinessBand::NotReady => "not-ready",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ResidualModel {
    pub(crate) ready_from: u32,
    pub(crate) partly_from: u32,
    /// Indexed by level: the rating when ready, partly ready, not ready.
    pub(crate) ratings: [[Rating; 3]; 4],
}

impl Default for ResidualModel {
    fn default() -> ResidualModel {
        use Rating::{Critical, High, Low, Medium};
        ResidualModel {
            ready_from: 90,
            partly_from: 60,
            ratings: [
                [Low, Low, Medium],
                [Low, Medium, High],
                [Medium, High, Critical],
                [High, Critical, Critical],
            ],
        }
    }
}

impl ResidualModel {
    pub(crate) fn band(&self, readiness: u32) -> ReadinessBand {
        if readiness >= self.ready_from {
            ReadinessBand::Ready
        } else if readiness >= self.partly_from {
            ReadinessBand::Partly
        } else {
            ReadinessBand::NotReady
        }
    }

    pub(crate) fn rating(&self, level: ImpactLevel, band: ReadinessBand) -> Rating {
        let row = &self.ratings[level.index()];
        match band {
            ReadinessBand::Ready => row[0],
            ReadinessBand::Partly => row[1],
            ReadinessBand::NotReady => row[2],
        }
    }
}
