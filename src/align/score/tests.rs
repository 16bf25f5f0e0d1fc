//! Tests of the link costs: the length table, overlaps, omissions against paragraphs, the confidence.

use super::*;

#[test]
fn an_omitted_paragraph_opener_costs_a_mismatch_only_inside_the_other_sides_paragraph() {
    // Both sides: paragraphs of two sentences (starts at 2, 4); English 3 is inside one.
    let side = |n: usize| -> Vec<Features> {
        (0..n)
            .map(|i| Features {
                starts_paragraph: i > 0 && i % 2 == 0,
                len: 10.0,
                ..Features::default()
            })
            .collect()
    };
    let (zh, en) = (side(6), side(6));
    let (zt, et) = (Totals::new(&zh), Totals::new(&en));
    let scorer = |evidence: Evidence| LinkScorer {
        zh: &zh,
        en: &en,
        zh_totals: &zt,
        en_totals: &et,
        length: LengthModel {
            ratio: 1.0,
            variance: 1.0,
        },
        lexical: None,
        evidence,
        priors: ShapePriors::default(),
        utterances: UtteranceModel::default(),
        clauses: ClauseModel::default(),
    };
    let s = scorer(Evidence::default());
    let plain = s.cost(1..2, 3..3);
    // Chinese 2 opens a paragraph: left between English paragraphs (at 2, or either end),
    // it costs what any omission does; inside one (at 3), a paragraph mismatch more.
    for at in [0, 2, 4, 6] {
        assert_eq!(s.cost(2..3, at..at), plain, "at {at}");
    }
    assert_eq!(s.cost(2..3, 3..3), plain + PARAGRAPH_MISMATCH_COST);
    // Both ways round, and the bounded costing agrees.
    assert_eq!(s.cost(3..3, 4..5), plain + PARAGRAPH_MISMATCH_COST);
    assert_eq!(s.cost_below(2..3, 3..3, f64::INFINITY), s.cost(2..3, 3..3));
    // A sentence inside its own paragraph is not a boundary: no mismatch anywhere.
    assert_eq!(s.cost(3..4, 3..3), plain);
    // Without paragraph evidence, nothing is read.
    let off = Evidence {
        paragraphs: false,
        ..Evidence::default()
    };
    assert_eq!(scorer(off).cost(2..3, 3..3), plain);
}

#[test]
fn two_tailed_cost_matches_the_normal_table() {
    // P(|Z| > 1.96) = 0.05
    assert!((neg_log_two_tailed(1.96) - (-(0.05f64).ln())).abs() < 1e-3);
    assert!(neg_log_two_tailed(0.0).abs() < 1e-6);
    assert!(neg_log_two_tailed(40.0).is_finite());
}

#[test]
fn the_length_table_follows_the_exact_cost() {
    for k in 0..20_000 {
        let z = k as f64 / 1000.0;
        assert!(
            (length_cost(z) - neg_log_two_tailed(z)).abs() < 1e-5,
            "at {z}"
        );
    }
    assert_eq!(length_cost(30.0), neg_log_two_tailed(30.0));
}

#[test]
fn lengths_at_the_document_ratio_cost_least() {
    let m = LengthModel {
        ratio: 3.0,
        variance: 10.0,
    };
    assert!(m.cost(20.0, 60.0) < m.cost(20.0, 30.0));
    assert!(m.cost(20.0, 60.0) < m.cost(20.0, 120.0));
}

#[test]
fn overlap_counts_multiset_matches() {
    let with = |numbers: Vec<i64>| Features {
        numbers,
        ..Features::default()
    };
    let zh = [with(vec![1, 5]), with(vec![5])];
    let en = [with(vec![5, 7])];
    // {1, 5, 5} against {5, 7}: one 5 matches; 1, the second 5 and 7 do not.
    assert_eq!(overlap(&zh, &en, |f| f.numbers.as_slice()), (1, 3));
    assert_eq!(overlap(&zh[1..], &en, |f| f.numbers.as_slice()), (1, 1));
    // Pairing one by one and pooling agree, whatever the sizes.
    let mut state = 7u64;
    let mut next = |below: u64| {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
        (state >> 33) % below
    };
    for _ in 0..2000 {
        let mut side = |sentences: u64| -> Vec<Features> {
            (0..1 + next(sentences))
                .map(|_| with((0..next(FEW as u64)).map(|_| next(4) as i64).collect()))
                .collect()
        };
        let (zh, en) = (side(3), side(3));
        let pooled = |s: &[Features]| {
            let mut v: Vec<i64> = s.iter().flat_map(|f| f.numbers.iter().copied()).collect();
            v.sort_unstable();
            v
        };
        assert_eq!(
            few_matches(&zh, &en, &|f: &Features| f.numbers.as_slice()),
            sorted_matches(&pooled(&zh), &pooled(&en))
        );
    }
}

#[test]
fn confidence_is_high_for_cheap_links_and_low_for_dear_ones() {
    assert!(confidence(0.5) > 0.9);
    assert!(confidence(8.0) < 0.05);
    assert!((0.0..=1.0).contains(&confidence(f64::NAN)));
}
