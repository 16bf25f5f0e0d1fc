//! Where the dynamic programme searches: the band of cells around a chain of anchors for long
//! documents, a trial band for documents searched whole, and the corners where a pass may be
//! cut into segments aligned in parallel.

use super::anchors;
use super::budget;
use super::dp::{Band, Step};
use super::features::Features;
use super::params::{
    ANCHOR_BAND, ANCHOR_BAND_MAX, ANCHOR_BAND_SLACK, ANCHOR_REACH, ANCHOR_REACH_SHRINK, BAND_MIN,
    BAND_SHARE, CUT_MIN_CONFIDENCE, FULL_MATRIX_CELLS, SEGMENT_ROWS, TRIAL_MAX_SHARE,
};
use super::words::DocumentWords;

/// Corners of a path, at least `spacing` Chinese sentences apart, where the links on both
/// sides are 1-1 links the model is sure of (`scores`, one per link): a later pass, searching near this path, can be
/// cut there into segments aligned in parallel at little risk (a wrong cut costs a link or
/// two), as the first pass is cut at anchors.
pub(super) fn sure_corners(path: &[Step], scores: &[f64], spacing: usize) -> Vec<(usize, usize)> {
    let sure = |k: usize| {
        path[k].zh.len() == 1 && path[k].en.len() == 1 && scores[k] >= CUT_MIN_CONFIDENCE
    };
    let n = path.last().map_or(0, |s| s.zh.end);
    let mut corners: Vec<(usize, usize)> = Vec::new();
    for k in 1..path.len() {
        let (i, j) = (path[k - 1].zh.end, path[k - 1].en.end);
        if i >= corners.last().map_or(0, |c| c.0) + spacing
            && i + spacing / 2 <= n
            && sure(k - 1)
            && sure(k)
        {
            corners.push((i, j));
        }
    }
    corners
}

/// The cells the refinement and the links' scores may read around a path: a run of unlinked
/// sentences may join the link before or after it (and those links may have grown by earlier
/// runs), so each stretch of links held together by unlinked sentences counts as one
/// rectangle, whose rows (and the row after, which a row's window reaches) span its columns.
pub(super) fn refinement_band(path: &[Step], n: usize, m: usize) -> Band {
    let mut lo = vec![m; n + 1];
    let mut hi = vec![0; n + 1];
    let omission = |s: &Step| s.zh.is_empty() || s.en.is_empty();
    let mut k = 0;
    while k < path.len() {
        // A stretch: links joined through omissions (an omission glues both its neighbours).
        let mut end = k + 1;
        while end < path.len() && (omission(&path[end - 1]) || omission(&path[end])) {
            end += 1;
        }
        let (z0, e0) = (path[k].zh.start, path[k].en.start);
        let (z1, e1) = (path[end - 1].zh.end, path[end - 1].en.end);
        for i in z0..=z1.min(n) {
            lo[i] = lo[i].min(e0);
            hi[i] = hi[i].max(e1);
        }
        k = end;
    }
    Band::from_rows(lo, hi, m)
}

/// For a document searched whole (see [`choose_band`]), a band around its anchors to try first:
/// the whole grid's path is looked for there, and taken when it keeps clear of the band's
/// edges (by `TRIAL_EDGE_MARGIN`); a path pressing somewhere means the band may have cut off a
/// better one there (an untranslated block the anchors jump over, a stretch without anchors),
/// and the band opens to whole rows around those rows, or in the end to the whole grid. The
/// lexical model stays that of the whole grid, so a path found in the trial band is costed
/// exactly as in the grid.
///
/// None when the grid is not searched whole, without words to find anchors by, or when the
/// band would not hold at most `1 / TRIAL_MAX_SHARE` of the grid's cells. An English side of at
/// most `4 * ANCHOR_BAND` sentences is not even tried: a row of the band is at least
/// `2 * ANCHOR_BAND + 1` wide, half such a grid's, so finding the anchors would be wasted.
/// News-size documents (a hundred or so sentences a side) are tried: their first search was
/// most of their time. (An earlier floor, `2 * ANCHOR_BAND_MAX`, left them out; lowering it
/// kept the links of MAC-Dev, the Bible and the seeds, and of news-size documents with
/// untranslated blocks inserted, as the README's Performance section says.)
pub(super) fn trial_band(
    n: usize,
    m: usize,
    words: Option<&DocumentWords>,
    numbers: Option<(&[Features], &[Features])>,
) -> Option<Band> {
    let grid = (n + 1).saturating_mul(m + 1);
    if grid > FULL_MATRIX_CELLS || m <= 4 * ANCHOR_BAND {
        return None;
    }
    let (band, _) = anchor_band(n, m, Some(words?), numbers);
    (band.cells().saturating_mul(TRIAL_MAX_SHARE) <= grid).then_some(band)
}

/// The cells the dynamic programme searches: all of them for documents of ordinary size; for
/// long ones a narrow band around a chain of anchors (or, without lexical evidence to find
/// anchors, around the diagonal), so that time and memory grow linearly. Also the corners
/// where a long document is cut into segments aligned in parallel: anchors at least
/// `SEGMENT_ROWS` apart.
///
/// Numbers (`numbers`, the two sides' features, when they are evidence) anchor as rare words
/// do. Whatever the anchors, the band holds at most [`budget::max_band_cells`].
pub(super) fn choose_band(
    n: usize,
    m: usize,
    words: Option<&DocumentWords>,
    numbers: Option<(&[Features], &[Features])>,
) -> (Band, Vec<(usize, usize)>) {
    if (n + 1).saturating_mul(m + 1) <= FULL_MATRIX_CELLS {
        return (Band::full(n, m), Vec::new());
    }
    anchor_band(n, m, words, numbers)
}

/// The band around the chain of anchors (see [`choose_band`]), whatever the document's size,
/// and the corners where it may be cut.
pub(super) fn anchor_band(
    n: usize,
    m: usize,
    words: Option<&DocumentWords>,
    numbers: Option<(&[Features], &[Features])>,
) -> (Band, Vec<(usize, usize)>) {
    let index = numbers.map(|(_, en)| anchors::number_index(en));
    // The numbers' postings are listed sentence by sentence: beside the words' postings.
    let (numbers, stems) = rayon::join(
        || match (numbers, &index) {
            (Some((zh, _)), Some(index)) => anchors::number_postings(zh, index),
            _ => Vec::new(),
        },
        || words.map(|w| anchors::stem_postings(&w.zh_tokens, &w.bags.en_postings, &w.bags.senses)),
    );
    match stems {
        Some(stems) => {
            // Rounds of shrinking reach: near the diagonal first, for a rough chain; then
            // nearer and nearer the previous chain, where more words are rare enough to anchor
            // and passages repeated elsewhere in the document are out of reach.
            let find = |center: &(dyn Fn(usize) -> usize + Sync), reach: usize| {
                anchors::prune(
                    anchors::chain(anchors::candidates(&stems, &numbers, m, center, reach), m),
                    n,
                    m,
                )
            };
            let mut reach =
                ((n.max(m) as f64 * BAND_SHARE) as usize).max(BAND_MIN) + n.abs_diff(m) / 10;
            let mut chain = find(&|i| i * m / n.max(1), reach);
            // A round that would narrow the reach by less than half finds nearly the same
            // anchors as the last: the rounds stop there.
            while reach >= 2 * ANCHOR_REACH {
                reach = (reach / ANCHOR_REACH_SHRINK).max(ANCHOR_REACH);
                let centers = anchors::interpolate(&chain, n, m);
                chain = find(&|i| centers[i], reach);
            }
            let points: Vec<(usize, usize)> = chain.iter().map(|a| (a.zh, a.en)).collect();
            // A cut between two anchors on consecutive sentences of both sides: the first is then
            // a 1-1 link, and the corner after it lies on the path.
            let mut cuts: Vec<(usize, usize)> = Vec::new();
            for w in points.windows(2) {
                let (i, j) = w[1];
                if w[0].0 + 1 == i
                    && w[0].1 + 1 == j
                    && i >= cuts.last().map_or(0, |c| c.0) + SEGMENT_ROWS
                    && i + SEGMENT_ROWS / 2 <= n
                {
                    cuts.push((i, j));
                }
            }
            (
                Band::around(
                    &points,
                    n,
                    m,
                    ANCHOR_BAND,
                    ANCHOR_BAND_SLACK,
                    ANCHOR_BAND_MAX,
                ),
                cuts,
            )
        }
        None => {
            let width =
                ((n.max(m) as f64 * BAND_SHARE) as usize).max(BAND_MIN) + n.abs_diff(m) / 10;
            // A share of the length is a quadratic band: no wider than the most cells allow.
            let widest = budget::max_band_cells(n, m).saturating_sub(m + 1) / (2 * (n + 1));
            (Band::diagonal(n, m, width.min(widest.max(1))), Vec::new())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sure_corners_lie_between_two_confident_one_to_one_links() {
        let step = |z: usize, e: usize, dz: usize, de: usize| Step {
            zh: z..z + dz,
            en: e..e + de,
            cost: 0.0,
        };
        let path = vec![
            step(0, 0, 1, 1),
            step(1, 1, 1, 1),
            step(2, 2, 2, 1),
            step(4, 3, 1, 1),
            step(5, 4, 1, 1),
            step(6, 5, 1, 1),
        ];
        let scores = [0.95, 0.95, 0.95, 0.95, 0.5, 0.95];
        // (1,1): links 0 and 1 are sure; (2,2) and (4,3) touch the 2-1 link; (5,4) and
        // (6,5) touch the unsure link 4.
        assert_eq!(sure_corners(&path, &scores, 1), [(1, 1)]);
        // Corners closer than `spacing` to the start are skipped.
        assert!(sure_corners(&path, &scores, 2).is_empty());
    }
}
