//! Issue 5, property: an alignment accounts for every sentence exactly once, in order.
//!
//! Downstream tools (the TSV, the links format, the metric) all assume the links partition
//! both sides into consecutive runs. Checked here on arbitrary sentence lists: any text, any
//! lengths (including empty-looking sentences), any paragraph numbering, either side empty.

use proptest::prelude::*;
use zhen_align::align::align;
use zhen_align::model::{alignment_fault, Link, Sentence};

/// Sentences with arbitrary text and non-decreasing paragraph numbers, as the splitters give.
fn sentences(max: usize) -> impl Strategy<Value = Vec<Sentence>> {
    let text = prop_oneof![
        any::<String>(),
        "[a-zA-Z0-9 ,.%$]{0,80}",
        "[\u{4e00}-\u{4e80}0-9，。％]{0,40}",
        Just(String::new()),
    ];
    prop::collection::vec((text, 0usize..3), 0..max).prop_map(|items| {
        let mut paragraph = 0;
        items
            .into_iter()
            .map(|(text, step)| {
                paragraph += step / 2; // a new paragraph one time in three
                Sentence::new(text, paragraph)
            })
            .collect()
    })
}

fn check(links: &[Link], n: usize, m: usize) -> Result<(), TestCaseError> {
    let fault = alignment_fault(links, n, m);
    prop_assert!(
        fault.is_none(),
        "{}: {:?}",
        fault.unwrap_or_default(),
        links
    );
    for l in links {
        prop_assert!(
            l.score.is_finite() && (0.0..=1.0).contains(&l.score),
            "score {} out of [0, 1]",
            l.score
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn links_cover_every_sentence_exactly_once_and_in_order(zh in sentences(40), en in sentences(40)) {
        check(&align(&zh, &en), zh.len(), en.len())?;
    }

    #[test]
    fn very_unequal_sides_are_covered_too(zh in sentences(4), en in sentences(120)) {
        check(&align(&zh, &en), zh.len(), en.len())?;
        check(&align(&en, &zh), en.len(), zh.len())?;
    }
}
