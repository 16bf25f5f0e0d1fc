//! The dynamic programme on hand-made costs: shapes, bands, beams and segments.

use super::*;

/// A cost that wants the links given (cost 0) and charges 5 for anything else.
/// Links as ((zh start, zh end), (en start, en end)).
type Wanted = [((usize, usize), (usize, usize))];

fn wanting(links: &'static Wanted) -> impl Fn(Range<usize>, Range<usize>) -> f64 {
    move |z, e| {
        if links
            .iter()
            .any(|&((z0, z1), (e0, e1))| z == (z0..z1) && e == (e0..e1))
        {
            0.0
        } else {
            5.0
        }
    }
}

#[test]
fn finds_a_path_of_mixed_shapes() {
    const WANT: &Wanted = &[((0, 2), (0, 1)), ((2, 3), (1, 3)), ((3, 4), (3, 3))];
    let steps = best_path(4, 3, &Band::full(4, 3), wanting(WANT));
    let got: Vec<_> = steps
        .iter()
        .map(|s| ((s.zh.start, s.zh.end), (s.en.start, s.en.end)))
        .collect();
    assert_eq!(got, WANT);
}

#[test]
fn every_sentence_is_in_exactly_one_link_in_order() {
    let steps = best_path(7, 5, &Band::diagonal(7, 5, 2), |z, e| {
        (z.len() as f64 - e.len() as f64).abs()
    });
    let (mut i, mut j) = (0, 0);
    for s in &steps {
        assert_eq!((s.zh.start, s.en.start), (i, j));
        i = s.zh.end;
        j = s.en.end;
    }
    assert_eq!((i, j), (7, 5));
}

#[test]
fn empty_sides_give_only_omissions() {
    let steps = best_path(0, 3, &Band::full(0, 3), |_, _| 1.0);
    assert_eq!(steps.len(), 3);
    assert!(steps.iter().all(|s| s.zh.is_empty() && s.en.len() == 1));
    assert!(best_path(0, 0, &Band::full(0, 0), |_, _| 1.0).is_empty());
}

#[test]
fn a_band_around_anchors_follows_them() {
    let band = Band::around(&[(10, 40), (20, 45)], 30, 60, 2, 0.0, 2);
    assert!(band.contains(10, 40) && !band.contains(10, 10));
    assert!(band.contains(15, 42) || band.contains(15, 43));
    assert!(band.contains(30, 60) && band.contains(0, 0));
    let steps = best_path(30, 60, &band, |z, e| {
        (z.len() as f64 - e.len() as f64).abs()
    });
    assert_eq!(steps.last().map(|s| (s.zh.end, s.en.end)), Some((30, 60)));
}

#[test]
fn a_band_around_a_steep_chain_still_connects() {
    // From row 5 to row 6 the chain jumps 200 English sentences.
    let band = Band::around(&[(5, 5), (6, 205)], 10, 210, 2, 0.0, 2);
    let steps = best_path(10, 210, &band, |z, e| {
        (z.len() as f64 - e.len() as f64).abs()
    });
    assert_eq!(steps.iter().map(|s| s.zh.len()).sum::<usize>(), 10);
    assert_eq!(steps.iter().map(|s| s.en.len()).sum::<usize>(), 210);
    assert!(steps.iter().all(|s| s.cost.is_finite()));
}

#[test]
fn segments_joined_at_a_true_corner_give_the_whole_path() {
    let cost =
        |z: Range<usize>, e: Range<usize>| (z.len() as f64 * 2.0 - e.len() as f64).abs() + 0.1;
    let band = Band::full(40, 80);
    let whole = best_path(40, 80, &band, cost);
    let cut = whole
        .iter()
        .map(|s| (s.zh.end, s.en.end))
        .find(|&(i, _)| i >= 20)
        .unwrap();
    let (pieces, _) =
        best_path_segmented(40, 80, &band, &[cut], EXACT, &|z, e, _| cost(z, e), false);
    let links = |p: &[Step]| {
        p.iter()
            .map(|s| (s.zh.clone(), s.en.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(links(&whole), links(&pieces));
}

#[test]
fn a_row_keeps_the_cells_within_the_beam_of_a_cheaper_cell_to_their_right() {
    let mut row = [30.0, 1.0, 20.0, 3.0, f64::INFINITY];
    prune_row(&mut row, 10.0);
    // 30 is more than 10 above the 1 to its right, 20 above the 3; 1 and 3 have nothing
    // cheaper to their right.
    assert_eq!(row, [f64::INFINITY, 1.0, f64::INFINITY, 3.0, f64::INFINITY]);
    let mut row = [5.0, 1.0];
    prune_row(&mut row, 10.0);
    assert_eq!(row, [5.0, 1.0]);
}

/// Sentence i of a 20-sentence Chinese side translates English i, but for an untranslated
/// English block of 12 after Chinese 9: 1-1 links cost 0 when right and 4 when wrong,
/// skips 5.6, anything else 20.
fn english_block_cost(z: Range<usize>, e: Range<usize>) -> f64 {
    let counterpart = |i: usize| if i < 10 { i } else { i + 12 };
    match (z.len(), e.len()) {
        (1, 1) if counterpart(z.start) == e.start => 0.0,
        (1, 1) => 4.0,
        (0, 1) | (1, 0) => 5.6,
        _ => 20.0,
    }
}

#[test]
fn a_beam_keeps_a_long_untranslated_english_block() {
    // Skipping the block costs 67 by the time it ends, far above the wrong paths' cells of
    // the same row, but no cell to its right is cheaper: the narrow beam keeps it.
    let band = Band::full(20, 32);
    let exact = best_path(20, 32, &band, english_block_cost);
    let beamed = best_path_bounded(20, 32, &band, 10.0, &|z, e, _| english_block_cost(z, e));
    assert_eq!(exact, beamed);
    assert!(exact.iter().filter(|s| s.zh.is_empty()).count() == 12);
}

#[test]
fn even_a_beam_of_zero_links_every_sentence_once_in_order() {
    let length =
        |z: Range<usize>, e: Range<usize>| (z.len() as f64 * 1.5 - e.len() as f64).abs() + 0.5;
    type Cost<'c> = &'c dyn Fn(Range<usize>, Range<usize>) -> f64;
    let cases: [(usize, usize, Band, Cost); 2] = [
        (20, 32, Band::full(20, 32), &english_block_cost),
        (30, 45, Band::diagonal(30, 45, 3), &length),
    ];
    for (n, m, band, cost) in cases {
        let steps = best_path_bounded(n, m, &band, 0.0, &|z, e, _| cost(z, e));
        let (mut i, mut j) = (0, 0);
        for s in &steps {
            assert_eq!((s.zh.start, s.en.start), (i, j));
            assert!(s.cost.is_finite());
            (i, j) = (s.zh.end, s.en.end);
        }
        assert_eq!((i, j), (n, m));
    }
}

#[test]
fn a_trimmed_band_loses_only_cells_that_lead_nowhere() {
    // Rows opened whole in a narrow band: their far side cannot reach the end.
    let (n, m) = (30, 30);
    let mut band = Band::diagonal(n, m, 2);
    band.widen(&[10], 3, m, m);
    let trimmed = band.trimmed();
    assert!(trimmed.cells() < band.cells());
    let cost = |z: Range<usize>, e: Range<usize>| {
        ((z.start * 7 + e.start * 3 + z.len() * 5 + e.len()) % 11) as f64
    };
    assert_eq!(
        best_path(n, m, &band, cost),
        best_path(n, m, &trimmed, cost)
    );
    // A band with nothing to trim is kept whole.
    let full = Band::full(n, m);
    assert_eq!(full.trimmed().cells(), full.cells());
}

#[test]
fn a_narrow_band_holds_fewer_cells() {
    assert!(Band::diagonal(1000, 1000, 10).cells() < Band::full(1000, 1000).cells() / 20);
}
