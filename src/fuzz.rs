//! The two loaders of untrusted YAML, for the fuzz targets in `fuzz/`
//! (which, as a crate of their own, cannot reach crate-private items).
//! Not an API: it may change with any release.
//!
//! Each function parses the text as etika parses a file's contents and says
//! whether it was accepted; what matters to a fuzzer is that it returns at
//! all (no panic, no hang, bounded memory), whatever the text.

/// Whether `text` is an assessment etika accepts (`etika validate` would
/// go on to check its answers).
pub fn parse_assessment(text: &str) -> bool {
    crate::assessment::Assessment::parse(text, "fuzz.yaml").is_ok()
}

/// Whether `text` is a checklist etika accepts, checks included (as
/// `etika checklist lint` reads it).
pub fn parse_checklist(text: &str) -> bool {
    crate::checklist::parse(
        text,
        "fuzz.yaml",
        crate::checklist::Origin::File("fuzz.yaml".into()),
    )
    .is_ok()
}

/// Arbitrary YAML-like text, built from YAML's tokens and both formats' own
/// keys so that most cases get past the first line, fed to both loaders: they
/// must return, never panic. `PROPTEST_CASES` raises the count of cases.
#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    /// Tokens of YAML and of etika's two formats.
    const TOKENS: &[&str] = &[
        // Structure.
        ":",
        ": ",
        "-",
        "- ",
        "[",
        "]",
        "{",
        "}",
        ",",
        "?",
        "|",
        ">",
        "|-",
        ">+",
        "---",
        "...",
        "\n",
        "\r\n",
        "\n  ",
        "\n    ",
        "\n\t",
        " ",
        "  ",
        "#",
        " # note",
        // Scalars and quoting.
        "\"",
        "'",
        "\\",
        "\"x\"",
        "'y'",
        "yes",
        "no",
        "true",
        "~",
        "null",
        "1",
        "-1",
        "4.5",
        "99999999999999999999",
        "0x1F",
        ".nan",
        "2026-11-29",
        "\u{feff}",
        "\u{0}",
        "é",
        // Anchors, aliases, tags, merge keys.
        "&a ",
        "*a",
        "&b ",
        "*b",
        "<<: *a",
        "!!binary ",
        "!!str ",
        "!custom ",
        "!!map ",
        "%YAML 1.2\n",
        // Assessment keys.
        "etika: 1",
        "checklist:",
        "id:",
        "version:",
        "\"1.1.0\"",
        "path:",
        "system:",
        "name:",
        "owner:",
        "watch:",
        "review_by:",
        "answers:",
        "value:",
        "rationale:",
        "evidence:",
        "action:",
        "by:",
        "at:",
        "asked:",
        "signoff:",
        "role:",
        "date:",
        "due:",
        // Checklist keys.
        "title:",
        "description:",
        "languages:",
        "changelog:",
        "impact:",
        "legal:",
        "residual:",
        "review_every:",
        "sections:",
        "items:",
        "question:",
        "type:",
        "single",
        "multi",
        "scale",
        "text",
        "yes-no",
        "options:",
        "severity:",
        "high",
        "when:",
        "help:",
        "references:",
        "points:",
        "levels:",
        "level: IV",
        "floors:",
        "classes:",
        "obligations:",
        "blocking:",
        "up_to:",
        "low:",
    ];

    fn yaml_like() -> impl Strategy<Value = String> {
        let token = prop_oneof![
            8 => proptest::sample::select(TOKENS).prop_map(str::to_string),
            1 => "[a-z.]{1,8}",
            1 => any::<String>(),
        ];
        proptest::collection::vec(token, 0..80).prop_map(|tokens| tokens.concat())
    }

    /// Arbitrary bytes, read as etika reads a file (invalid UTF-8 never
    /// gets this far: `read_text` refuses it).
    fn bytes_as_text() -> impl Strategy<Value = String> {
        proptest::collection::vec(any::<u8>(), 0..400)
            .prop_map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
    }

    proptest! {
        #[test]
        fn yaml_like_text_never_panics_a_loader(text in yaml_like()) {
            let _ = super::parse_assessment(&text);
            let _ = super::parse_checklist(&text);
        }

        #[test]
        fn arbitrary_bytes_never_panic_a_loader(text in bytes_as_text()) {
            let _ = super::parse_assessment(&text);
            let _ = super::parse_checklist(&text);
        }

        #[test]
        fn a_real_file_with_tokens_spliced_in_never_panics_a_loader(
            at in any::<prop::sample::Index>(),
            insert in yaml_like(),
        ) {
            // Small files, so that 256 cases stay fast in a debug build.
            for base in [
                include_str!("../tests/fixtures/mini-checklist.yaml"),
                "etika: 1\nchecklist: {id: mini, version: \"1.1.0\"}\nsystem: {name: x}\nanswers:\n  a: {value: yes, evidence: [x.md]}\n",
            ] {
                let mut cut = at.index(base.len() + 1);
                while !base.is_char_boundary(cut) {
                    cut -= 1;
                }
                let text = format!("{}{insert}{}", &base[..cut], &base[cut..]);
                let _ = super::parse_assessment(&text);
                let _ = super::parse_checklist(&text);
            }
        }
    }

    #[test]
    fn the_loaders_accept_real_files() {
        assert!(super::parse_assessment(include_str!(
            "../examples/loan-approval/ethics-assessment.yaml"
        )));
        assert!(super::parse_checklist(crate::checklist::BUILTIN[0].source));
    }
}
