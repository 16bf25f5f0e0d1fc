//! Sentences made from any text: the first line is the Chinese side, the rest the English side,
//! one sentence per `|`-separated piece, a new paragraph at each `#`. The aligner must cover
//! every sentence exactly once, in order, with finite scores in [0, 1].
#![no_main]

use libfuzzer_sys::fuzz_target;
use zhen_align::align::align;
use zhen_align::model::{alignment_fault, Sentence};

/// Sentences of one side; at most 300 so that one input stays fast.
fn side(text: &str) -> Vec<Sentence> {
    text.split('#')
        .enumerate()
        .flat_map(|(p, para)| para.split('|').map(move |s| Sentence::new(s, p)))
        .take(300)
        .collect()
}

fuzz_target!(|text: &str| {
    let (zh, en) = text.split_once('\n').unwrap_or((text, ""));
    let (zh, en) = (side(zh), side(en));
    let links = align(&zh, &en);
    if let Some(fault) = alignment_fault(&links, zh.len(), en.len()) {
        panic!("{fault}: {links:?}");
    }
    for l in &links {
        assert!(l.score.is_finite() && (0.0..=1.0).contains(&l.score), "score {}", l.score);
    }
});
