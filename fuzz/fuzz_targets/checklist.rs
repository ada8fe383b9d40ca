//! Any bytes, read as etika reads a checklist file: invalid UTF-8 is
//! refused before the loader, so only text reaches it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = etika::fuzz::parse_checklist(text);
    }
});
