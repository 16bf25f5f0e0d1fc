//! Tests of the lexical model: hit rates never certain, the bound the search reads never below a link's log-ratio.

use super::*;

#[test]
fn a_hit_rate_is_never_certain() {
    assert_eq!(share(30, 60), 0.5);
    assert_eq!(share(59, 60), 59.0 / 60.0);
    assert!((share(60, 60) - 60.5 / 61.0).abs() < 1e-6);
    assert!((share(0, 60) - 0.5 / 61.0).abs() < 1e-6);
    // Every term of a word's evidence stays finite at such rates.
    for p1 in [share(60, 60), share(0, 60)] {
        let mut terms = WordTerms::new(p1);
        for f in [0.0, 1e-6, 0.3, 0.999, 1.0] {
            let (gain, miss) = terms.of(f);
            assert!(gain.iter().chain(&miss).all(|x| x.is_finite()), "{p1} {f}");
        }
    }
}

/// A small document of random bags and senses, the same for the same seed.
fn random_words(seed: u64) -> WordBags {
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = |below: u64| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) % below
    };
    let mut bag = |vocabulary: u64| {
        let len = next(8) as usize;
        let tokens: Vec<u32> = (0..len).map(|_| next(vocabulary) as u32).collect();
        Bag {
            words: distinct(&tokens),
        }
    };
    let zh: Vec<Bag> = (0..14).map(|_| bag(20)).collect();
    let en: Vec<Bag> = (0..16).map(|_| bag(25)).collect();
    let senses: Senses = (0..20)
        .map(|_| {
            (0..next(4))
                .map(|_| {
                    let mut sense: Vec<u32> = (0..1 + next(3)).map(|_| next(25) as u32).collect();
                    sense.sort_unstable();
                    sense.dedup();
                    sense
                })
                .collect()
        })
        .collect();
    WordBags {
        en_postings: postings(&en),
        en_positions: positions(&en),
        zh,
        en,
        senses,
    }
}

#[test]
fn the_bound_on_a_link_is_never_below_its_log_ratio() {
    for seed in 0..20 {
        let words = random_words(seed);
        let (n, m) = (words.zh.len(), words.en.len());
        let rates = DocumentRates::count(&words);
        let full = |_: usize| 0..m;
        let band = |i: usize| i.saturating_sub(3)..i + 4;
        for p1 in [0.2, 0.5, 0.9] {
            let hit_rates = HitRates {
                zh: p1,
                en: 1.0 - p1 / 2.0,
            };
            for lexical in [
                Lexical::new(&words, &rates, full, hit_rates),
                Lexical::new(&words, &rates, band, hit_rates),
            ] {
                let mut checked = 0;
                for (a, b) in
                    (0..n).flat_map(|a| (a + 1..=(a + MAX_SIDE + 2).min(n)).map(move |b| (a, b)))
                {
                    for (c, d) in (0..m)
                        .flat_map(|c| (c + 1..=(c + MAX_SIDE + 2).min(m)).map(move |d| (c, d)))
                    {
                        let ratio = lexical.log_ratio(a..b, c..d);
                        let bound = lexical.log_ratio_bound(a..b, c..d);
                        // The link's ratio is its sentences' shares, every one of them
                        // (past the shapes' longest side too).
                        let shares: f64 = (a..b)
                            .map(|i| lexical.zh_sentence_ratio(i, c..d))
                            .chain((c..d).map(|j| lexical.en_sentence_ratio(j, a..b)))
                            .sum();
                        assert!(
                            (shares - ratio).abs() < 1e-3,
                            "seed {seed}: shares {shares} != ratio {ratio} for {a}..{b} × {c}..{d}"
                        );
                        assert!(
                            bound >= ratio,
                            "seed {seed}, p1 {p1}: bound {bound} < ratio {ratio} for {a}..{b} × {c}..{d}"
                        );
                        checked += usize::from(ratio != 0.0);
                    }
                }
                assert!(
                    checked > 1000,
                    "seed {seed}: only {checked} links with evidence"
                );
            }
        }
    }
}
