//! Decoding alone, many times faster than the whole pipeline, so that the encoding detection
//! and the invalid-sequence counting see far more inputs: any bytes give Ok or a reason, and
//! valid UTF-8 without NUL or control characters always comes back unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zhen_align::ingest::decode::decode_report;

fuzz_target!(|bytes: &[u8]| {
    match decode_report(bytes) {
        Ok(d) => {
            assert!(!d.text.contains('\0'), "NUL in decoded text");
            assert!(d.replaced <= d.text.chars().count(), "more replacements than characters");
            if let Ok(utf8) = std::str::from_utf8(bytes) {
                let plain = !utf8.starts_with('\u{FEFF}') && !utf8.chars().any(|c| c.is_control() && !c.is_whitespace());
                if plain && !utf8.trim().is_empty() {
                    assert_eq!(d.text, utf8, "valid UTF-8 changed by decoding");
                }
            }
        }
        Err(reason) => assert!(!reason.is_empty()),
    }
});
