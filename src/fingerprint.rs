//! Short fingerprints of what a checklist asks, so that an answer knows
//! when the question it answered has changed, without the old checklist.

use sha2::{Digest, Sha256};

/// Hex digits kept of a SHA-256: 32 bits tell a changed text from an
/// unchanged one with a chance of one in four billion of missing it.
const SHORT: usize = 8;

/// The short fingerprint of `text`: the first hex digits of its SHA-256.
pub(crate) fn short(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    hex(&digest)[..SHORT].to_string()
}

/// Lower-case hex of `bytes`.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_stable_and_short() {
        // Pinned: a change here would make every recorded answer look stale.
        assert_eq!(short("Is there a data card?"), short("Is there a data card?"));
        assert_eq!(short(""), "e3b0c442");
        assert_ne!(short("Is there a data card?"), short("Is there a data card ?"));
        assert_eq!(short("x").len(), 8);
    }
}
