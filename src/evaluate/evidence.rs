//! `evidence-not-found`: an evidence entry that names a file must name one
//! that is there, inside the assessment's repository. URLs are left alone:
//! checking them would need the network and would make CI flaky.

use std::path::Path;

use crate::assessment::Answer;
use crate::confine::{Recorded, Refused, recorded_path};
use crate::diagnostic::{Diagnostic, Rule};
use crate::say::{EvidenceProblem, Say};
use crate::text::code_span;

/// Links evidence may be: what a reader can open (`file:` is a path in
/// disguise, and `todo://later` names nothing).
const LINK_SCHEMES: [&str; 5] = ["http", "https", "mailto", "urn", "doi"];

pub(super) fn check(
    assessment_file: &Path,
    base: &mut Option<Result<Recorded, Refused>>,
    id: &str,
    answer: &Answer,
    t: &Say,
    findings: &mut Vec<Diagnostic>,
) {
    for (index, entry) in answer.evidence.iter().enumerate() {
        let entry = entry.trim();
        if entry.is_empty() || is_url(entry) {
            continue;
        }
        // `docs/model-card.md#limitations` names a part of a file.
        let path = entry.split_once('#').map_or(entry, |(path, _)| path);
        let problem = if let Some(scheme) = crate::text::url_scheme(entry).filter(|_| entry.contains("://")) {
            EvidenceProblem::Scheme(scheme)
        } else if path.is_empty() {
            EvidenceProblem::OnlyPart
        } else {
            // Found for the first path of the file, then kept for the others;
            // a base that cannot be found is said per path, as it always was.
            let resolved = match base.get_or_insert_with(|| Recorded::base(assessment_file)) {
                Ok(base) => base.resolve(path),
                Err(_) => recorded_path(assessment_file, path),
            };
            match resolved {
                Ok(resolved) if resolved.exists() => continue,
                Ok(_) => EvidenceProblem::NoFile,
                Err(refused) => EvidenceProblem::Refused(refused),
            }
        };
        findings.push(Diagnostic::new(
            Rule::EvidenceNotFound,
            Some(id),
            answer.spans.evidence.get(index).copied().flatten(),
            format!("`{id}`: {}", (t.evidence)(&code_span(entry), &problem)),
        ));
    }
}

/// A link a reader can open (`https://…`, `mailto:…`, `urn:…`, `doi:…`).
fn is_url(entry: &str) -> bool {
    crate::text::url_scheme(entry).is_some_and(|s| LINK_SCHEMES.contains(&s.as_str()))
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
        ] {
            assert!(is_url(url), "{url}");
        }
        for path in [
            "docs/card.md",
            "C:\\docs\\card.md",
            "Reviewed: see minutes",
            "docs/a:b.md",
            "./x",
            "file:///etc/passwd",
            "todo://later",
            "s3://bucket/key",
        ] {
            assert!(!is_url(path), "{path}");
        }
    }
}
