//! SARIF 2.1.0, the log format GitHub code scanning reads: one run, every
//! rule described once in the driver, each finding a result located in its
//! file. Only the subset of SARIF that etika fills is typed here.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::{FileReport, Location as Place, Unreadable};
use crate::diagnostic::{Diagnostic, Level, Rule};

mod uri;

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The key of our fingerprint in `partialFingerprints`; a new way of
/// computing it needs a new key, or code scanning would see new alerts.
const FINGERPRINT: &str = "etikaFinding/v1";

/// A file that was not validated is not one of the rules of the README's
/// table (it is no finding about the assessment), but code scanning wants
/// every result to name a rule.
const UNREADABLE: PseudoRule = PseudoRule {
    id: "unreadable",
    when: "the file could not be read, parsed or matched with its checklist, so it was not validated",
    fix: "fix what the message says; the file's findings follow once it reads",
};

struct PseudoRule {
    id: &'static str,
    when: &'static str,
    fix: &'static str,
}

#[derive(Serialize)]
struct Log<'a> {
    version: &'static str,
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    /// Our columns count characters; SARIF readers could assume UTF-16.
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
struct Driver {
    name: &'static str,
    version: &'static str,
    rules: Vec<Descriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    id: &'static str,
    short_description: Text<'static>,
    help: Text<'static>,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text<'a>,
    locations: [ResultLocation; 1],
    partial_fingerprints: BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultLocation {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u64,
    start_column: u64,
    /// The parser's byte range, which is the file's: etika parses the bytes
    /// it read, unchanged. (SARIF's `charOffset` counts characters, which
    /// would need the text.)
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_offset: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_length: Option<u64>,
}

pub(super) fn sarif(reports: &[FileReport], unreadable: &[Unreadable]) -> String {
    let mut collector = Collector::default();
    for file in unreadable {
        collector.unreadable(file);
    }
    for report in reports {
        for finding in &report.findings {
            collector.finding(&report.file, finding);
        }
    }
    let mut rules: Vec<Descriptor> = Rule::ALL
        .iter()
        .map(|rule| Descriptor {
            id: rule.id(),
            short_description: Text { text: rule.when() },
            help: Text { text: rule.fix() },
            default_configuration: Configuration {
                level: level(rule.default_level()),
            },
        })
        .collect();
    rules.push(Descriptor {
        id: UNREADABLE.id,
        short_description: Text {
            text: UNREADABLE.when,
        },
        help: Text { text: UNREADABLE.fix },
        default_configuration: Configuration { level: "error" },
    });
    let log = Log {
        version: "2.1.0",
        schema: SCHEMA,
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "etika",
                    version: env!("CARGO_PKG_VERSION"),
                    rules,
                },
            },
            column_kind: "unicodeCodePoints",
            results: collector.results,
        }],
    };
    let mut text = serde_json::to_string_pretty(&log).expect("a SARIF log serialises");
    text.push('\n');
    text
}

fn level(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Note => "note",
    }
}

/// The rule a result names, as the driver lists it.
#[derive(Clone, Copy)]
struct RuleRef {
    id: &'static str,
    index: usize,
    level: &'static str,
}

impl RuleRef {
    fn of(rule: Rule, level: Level) -> RuleRef {
        RuleRef {
            id: rule.id(),
            index: Rule::ALL
                .iter()
                .position(|r| *r == rule)
                .expect("every rule is in Rule::ALL"),
            level: self::level(level),
        }
    }

    /// Listed after the rules of [`Rule::ALL`].
    fn unreadable() -> RuleRef {
        RuleRef {
            id: UNREADABLE.id,
            index: Rule::ALL.len(),
            level: "error",
        }
    }
}

#[derive(Default)]
struct Collector<'a> {
    results: Vec<SarifResult<'a>>,
    /// Artifact uris by file name as shown, so each file's repository is looked up once.
    uris: HashMap<String, String>,
    /// How often each fingerprint input has been seen.
    seen: HashMap<String, u32>,
}

impl<'a> Collector<'a> {
    fn location(&mut self, file: &str, region: Option<Region>) -> PhysicalLocation {
        let uri = self
            .uris
            .entry(file.to_string())
            .or_insert_with(|| uri::artifact_uri(file))
            .clone();
        PhysicalLocation {
            artifact_location: ArtifactLocation { uri },
            region,
        }
    }

    fn finding(&mut self, file: &str, finding: &'a Diagnostic) {
        let region = finding.span.map(|span| {
            let bytes = span.offset.zip(span.length);
            Region {
                start_line: span.line,
                start_column: span.column,
                byte_offset: bytes.map(|(offset, _)| offset),
                byte_length: bytes.map(|(_, length)| length),
            }
        });
        let location = self.location(file, region);
        let uri = &location.artifact_location.uri;
        // Line, column and message stay out: an alert is the same one when
        // lines above it move, or when its message names a new date or
        // commit. File-level findings of one rule are told apart by their
        // order (the ordinal `push` adds), as `watch:` entries keep theirs.
        let identity = [
            finding.rule.id(),
            finding.item.as_deref().unwrap_or_default(),
            uri,
        ]
        .join("\0");
        self.push(
            RuleRef::of(finding.rule, finding.level),
            &finding.message,
            location,
            &identity,
        );
    }

    fn unreadable(&mut self, file: &'a Unreadable) {
        let location = match &file.location {
            Some(place) => self.location(&place.file, Some(region_at(place))),
            None => self.location(&file.file, None),
        };
        // The first line says what and where; the snippet below it is for terminals.
        let message = file.message.lines().next().unwrap_or_default();
        let identity = [
            UNREADABLE.id,
            "",
            &location.artifact_location.uri,
            without_place(message, file.location.as_ref()),
        ]
        .join("\0");
        self.push(RuleRef::unreadable(), message, location, &identity);
        for problem in &file.problems {
            let location = self.location(&problem.location.file, Some(region_at(&problem.location)));
            let identity = [
                problem.rule.id(),
                "",
                &location.artifact_location.uri,
                &problem.message,
            ]
            .join("\0");
            self.push(
                RuleRef::of(problem.rule, problem.rule.default_level()),
                &problem.message,
                location,
                &identity,
            );
        }
    }

    fn push(&mut self, rule: RuleRef, message: &'a str, location: PhysicalLocation, identity: &str) {
        // Two findings alike (one item missing two translations) stay two
        // alerts: the second of a kind is told apart by its ordinal.
        let seen = self.seen.entry(identity.to_string()).or_default();
        *seen += 1;
        let fingerprint = format!("{:016x}:{seen}", crate::fsutil::fnv1a(identity.as_bytes()));
        self.results.push(SarifResult {
            rule_id: rule.id,
            rule_index: rule.index,
            level: rule.level,
            message: Text { text: message },
            locations: [ResultLocation {
                physical_location: location,
            }],
            partial_fingerprints: BTreeMap::from([(FINGERPRINT, fingerprint)]),
        });
    }
}

fn region_at(place: &Place) -> Region {
    Region {
        start_line: place.line,
        start_column: place.column,
        byte_offset: None,
        byte_length: None,
    }
}

/// A message without its leading `FILE:LINE:COLUMN: `, so that the
/// fingerprint of an unreadable file does not change when lines move.
fn without_place<'m>(message: &'m str, place: Option<&Place>) -> &'m str {
    place
        .and_then(|at| message.strip_prefix(&format!("{}:{}:{}: ", at.file, at.line, at.column)))
        .unwrap_or(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_place_leaves_the_fingerprint() {
        let at = Place {
            file: "a.yaml".to_string(),
            line: 3,
            column: 5,
        };
        assert_eq!(without_place("a.yaml:3:5: bad indent", Some(&at)), "bad indent");
        assert_eq!(
            without_place("b.yaml:3:5: bad indent", Some(&at)),
            "b.yaml:3:5: bad indent"
        );
        assert_eq!(without_place("bad indent", None), "bad indent");
    }
}
