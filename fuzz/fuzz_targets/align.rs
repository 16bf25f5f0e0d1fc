//! Sentences made from any text: the first line is the Chinese side, the rest the English side,
//! one sentence per `|`-separated piece, a new paragraph at each `#`. The aligner must cover
//! every sentence exactly once, in order, with finite scores in [0, 1].
#![no_main]

use libfuzzer_sys::fuzz_target;
use zhen_align::align::align;
use zhen_align::model::Sentence;

/// Sentences of one side; at most 300 so that one input stays fast.
fn side(text: &str) -> Vec<Sentence> {
    text.split('#')
        .enumerate()
        .flat_map(|(p, para)| para.split('|').map(move |s| Sentence::new(s, p)))
        .take(300)
        .collect()
}

fn covered_in_order(ranges: impl Iterator<Item = std::ops::Range<usize>>, n: usize) -> bool {
    let mut next = 0;
    for r in ranges {
        if r.start != next || r.end < r.start {
            return false;
        }
        next = r.end;
    }
    next == n
}

fuzz_target!(|text: &str| {
    let (zh, en) = text.split_once('\n').unwrap_or((text, ""));
    let (zh, en) = (side(zh), side(en));
    let links = align(&zh, &en);
    assert!(covered_in_order(links.iter().map(|l| l.zh.clone()), zh.len()), "{links:?}");
    assert!(covered_in_order(links.iter().map(|l| l.en.clone()), en.len()), "{links:?}");
    for l in &links {
        assert!(!l.zh.is_empty() || !l.en.is_empty(), "an empty link");
        assert!(l.score.is_finite() && (0.0..=1.0).contains(&l.score), "score {}", l.score);
    }
});
