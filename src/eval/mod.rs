//! Alignment quality: strict and lax precision, recall and F1 against gold alignments.
//!
//! We measure the aligner with the metric of Sennrich & Volk (2010) as Vecalign and Bertalign
//! compute it, on the sets they published figures for (MAC-Dev, the Bible; see
//! `../shared/eval/README.md`), so that a change to the aligner can be judged against theirs.
//! [`metric`] holds the counting, [`verses`] the merging the verse-derived Bible gold calls for.
//!
//! Scoring a set is: for every document, turn the aligner's links into [`IdLink`]s, merge them
//! by verse if the set needs it, [`count`] them against the gold; sum the [`Counts`]; take
//! [`Counts::scores`].

pub mod gold;
pub mod metric;
pub mod reliability;
pub mod shapes;
pub mod verses;

pub use gold::check_gold;
pub use metric::{count, Counts, Prf, Scores, Tally};
pub use reliability::{strict_verdicts, Reliability};
pub use shapes::{count_by_shape, ShapeCounts};
pub use verses::Verses;

use crate::model::IdLink;
use crate::model::Link;

/// Count one document: the aligner's `links` against `gold`, merged by verse first when
/// `verses` is given.
pub fn score_document(gold: &[IdLink], links: &[Link], verses: Option<&Verses>) -> Counts {
    count(gold, &scored_links(links, verses))
}

/// The aligner's `links` as the metric sees them: id links, merged by verse when `verses` is
/// given (for [`count`] and [`count_by_shape`] alike).
pub fn scored_links(links: &[Link], verses: Option<&Verses>) -> Vec<IdLink> {
    let test: Vec<IdLink> = links.iter().map(IdLink::from).collect();
    match verses {
        Some(v) => v.merge(&test),
        None => test,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(zh: std::ops::Range<usize>, en: std::ops::Range<usize>) -> Link {
        Link { zh, en, score: 0.5 }
    }

    #[test]
    fn aligner_links_are_scored_as_id_links() {
        let gold = vec![IdLink::new([0, 1], [0]), IdLink::new([2], [1])];
        let counts = score_document(&gold, &[link(0..2, 0..1), link(2..3, 1..2)], None);
        assert_eq!(counts.scores().strict.f1, 1.0);
    }

    #[test]
    fn with_verses_the_aligner_links_are_merged_before_counting() {
        // Verses: zh A A B, en A B. Split 1-1 links inside verse A merge into the gold's 2-1 link.
        let gold = vec![IdLink::new([0, 1], [0]), IdLink::new([2], [1])];
        let verses = Verses::parse("A\nA\nB\n", "A\nB\n");
        let links = [link(0..1, 0..1), link(1..2, 1..1), link(2..3, 1..2)];
        assert_eq!(score_document(&gold, &links, None).precision.strict, 1);
        assert_eq!(
            score_document(&gold, &links, Some(&verses))
                .precision
                .strict,
            2
        );
    }
}
