//! `evidence-not-found`: an evidence entry that names a file must name one
//! that is there, inside the assessment's repository. URLs are left alone:
//! checking them would need the network and would make CI flaky.

use std::path::Path;

use crate::assessment::Answer;
use crate::confine::{Refused, recorded_path};
use crate::diagnostic::{Diagnostic, Rule};
use crate::text::code_span;

/// Schemes that need no `//` to be a link (`mailto:x@y`, `doi:10.1/x`).
const OPAQUE_SCHEMES: [&str; 4] = ["mailto", "urn", "doi", "tel"];

pub(super) fn check(assessment_file: &Path, id: &str, answer: &Answer, findings: &mut Vec<Diagnostic>) {
    for (index, entry) in answer.evidence.iter().enumerate() {
        let entry = entry.trim();
        if entry.is_empty() || is_url(entry) {
            continue;
        }
        // `docs/model-card.md#limitations` names a part of a file.
        let path = entry.split_once('#').map_or(entry, |(path, _)| path);
        let problem = match recorded_path(assessment_file, path) {
            Ok(resolved) if resolved.exists() => continue,
            Ok(_) => "names no file or folder (paths are relative to the assessment's folder)".to_string(),
            Err(Refused::NotRelative) => {
                "is an absolute path; write it relative to the assessment's folder, or give a URL".to_string()
            }
            Err(Refused::Outside { scope }) => format!("leads outside {scope}"),
            Err(Refused::InGit) => "leads into the repository's `.git` folder".to_string(),
            Err(Refused::Io(error)) => format!("cannot be checked: {error}"),
        };
        findings.push(Diagnostic::new(
            Rule::EvidenceNotFound,
            Some(id),
            answer.spans.evidence.get(index).copied().flatten(),
            format!("`{id}`: evidence {} {problem}", code_span(entry)),
        ));
    }
}

/// `scheme://…`, or one of the schemes that are links without `//`.
fn is_url(entry: &str) -> bool {
    let Some((scheme, rest)) = entry.split_once(':') else {
        return false;
    };
    let is_scheme = scheme.len() > 1
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    is_scheme && (rest.starts_with("//") || OPAQUE_SCHEMES.contains(&scheme.to_ascii_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::is_url;

    #[test]
    fn urls_and_paths() {
        for url in [
            "https://example.org/card",
            "http://x",
            "mailto:dpo@example.org",
            "doi:10.1145/3287560",
            "URN:isbn:1",
            "s3://bucket/key",
        ] {
            assert!(is_url(url), "{url}");
        }
        for path in [
            "docs/card.md",
            "C:\\docs\\card.md",
            "Reviewed: see minutes",
            "docs/a:b.md",
            "./x",
        ] {
            assert!(!is_url(path), "{path}");
        }
    }
}
