//! Any bytes, as a file read from disk: decoding must answer Ok or a reason, and whatever text
//! comes out must go through the whole pipeline without panicking, with rows the TSV can hold.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zhen_align::ingest::decode::decode_report;
use zhen_align::pipeline::process_article;

fuzz_target!(|bytes: &[u8]| {
    let Ok(decoded) = decode_report(bytes) else { return };
    assert!(decoded.replaced <= decoded.text.chars().count());
    let result = process_article(&decoded.text);
    let _ = result.summary();
    for pair in &result.pairs {
        assert!(!pair.zh.is_empty() && !pair.en.is_empty(), "a written pair with an empty side");
        assert!(pair.score.is_finite() && (0.0..=1.0).contains(&pair.score), "score {}", pair.score);
    }
});
