//! Any text through both splitters: no panic, and nothing lost or repeated (the invariant the
//! segment module promises: only whitespace is ever dropped).
#![no_main]

use libfuzzer_sys::fuzz_target;
use zhen_align::model::Lang;
use zhen_align::segment::split_text;

fn non_whitespace(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fuzz_target!(|text: &str| {
    for lang in [Lang::Zh, Lang::En] {
        let sentences = split_text(text, lang);
        let joined: String = sentences.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(non_whitespace(&joined), non_whitespace(text), "{lang:?} splitting lost or repeated text");
        assert!(sentences.iter().all(|s| !s.text.is_empty() && s.text.trim() == s.text));
        assert!(sentences.windows(2).all(|w| w[0].paragraph <= w[1].paragraph));
    }
});
