//! Verse merging, for sets whose gold comes from verse numbers (the Bible set).
//!
//! A verse-derived gold holds one link per verse, but a verse is often two or three sentences,
//! and an aligner that links them one by one is right, only finer than the gold. So, as in
//! Bertalign's `eval_bible.py` (`merge_test_alignments`, `find_beads_type`), consecutive test
//! links are merged before scoring when every sentence of each lies in the same verse:
//!
//! * a link's verse is the one verse all its sentences share, on both sides; a link whose one
//!   side is empty takes the other side's verse;
//! * a link spanning two verses, or whose sides lie in different verses, has no verse: it is
//!   kept as is and never merged with a neighbour;
//! * a link with a verse is appended to the previous (possibly already merged) link when that
//!   one has the same verse.
//!
//! Only test links are merged: the gold is left as it is, as Bertalign does.

use crate::model::IdLink;

/// The verse label of every sentence of a document, one list a side (`zh.verse`, `en.verse`:
/// one label a line, e.g. `Gen:1:2`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Verses {
    pub zh: Vec<String>,
    pub en: Vec<String>,
}

impl Verses {
    /// Read the two verse files' texts: one label a line, trimmed.
    pub fn parse(zh: &str, en: &str) -> Verses {
        let labels = |text: &str| text.lines().map(|l| l.trim().to_string()).collect();
        Verses {
            zh: labels(zh),
            en: labels(en),
        }
    }

    /// Merge consecutive links that lie in one verse.
    pub fn merge(&self, links: &[IdLink]) -> Vec<IdLink> {
        self.merge_grouped(links).0
    }

    /// [`Verses::merge`], also telling for each link which merged link it went into (so that
    /// a merged link's verdict can be carried back to the links it was made of).
    pub fn merge_grouped(&self, links: &[IdLink]) -> (Vec<IdLink>, Vec<usize>) {
        let mut merged: Vec<IdLink> = Vec::with_capacity(links.len());
        let mut groups = Vec::with_capacity(links.len());
        let mut last_verse = None;
        for link in links {
            let verse = self.verse_of(link);
            match merged.last_mut() {
                Some(prev) if verse.is_some() && verse == last_verse => {
                    prev.zh.extend(&link.zh);
                    prev.en.extend(&link.en);
                }
                _ => merged.push(link.clone()),
            }
            groups.push(merged.len() - 1);
            last_verse = verse;
        }
        (merged, groups)
    }

    /// The one verse the whole link lies in, if any.
    fn verse_of(&self, link: &IdLink) -> Option<&str> {
        match (
            side_verse(&link.zh, &self.zh),
            side_verse(&link.en, &self.en),
        ) {
            (Side::One(z), Side::One(e)) if z == e => Some(z),
            (Side::One(v), Side::Empty) | (Side::Empty, Side::One(v)) => Some(v),
            // Both sides empty: Bertalign gives such a link the pseudo-verse "NULL"; it is
            // dropped when scoring anyway, so treating it as verseless changes no figure.
            _ => None,
        }
    }
}

/// What one side of a link says about its verse.
enum Side<'a> {
    Empty,
    One(&'a str),
    /// Several verses, or an id beyond the verse file.
    Several,
}

fn side_verse<'a>(ids: &[usize], labels: &'a [String]) -> Side<'a> {
    let mut verses = ids.iter().map(|&i| labels.get(i).map(String::as_str));
    let Some(first) = verses.next() else {
        return Side::Empty;
    };
    match first {
        Some(v) if verses.all(|w| w == Some(v)) => Side::One(v),
        _ => Side::Several,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(zh: &[usize], en: &[usize]) -> IdLink {
        IdLink::new(zh, en)
    }

    /// zh sentences 0..5 lie in verses A A B B C; en sentences 0..4 in A B B C.
    fn verses() -> Verses {
        Verses::parse("A\nA\nB\nB\nC\n", "A\nB\nB\nC\n")
    }

    #[test]
    fn links_inside_one_verse_are_merged() {
        let merged = verses().merge(&[l(&[2], &[1]), l(&[3], &[2])]);
        assert_eq!(merged, vec![l(&[2, 3], &[1, 2])]);
    }

    #[test]
    fn an_omission_takes_the_verse_of_its_other_side() {
        // [1]:[] lies in A through its Chinese side, so it joins [0]:[0];
        // []:[3] and [4]:[] both lie in C.
        let merged = verses().merge(&[l(&[0], &[0]), l(&[1], &[]), l(&[], &[3]), l(&[4], &[])]);
        assert_eq!(merged, vec![l(&[0, 1], &[0]), l(&[4], &[3])]);
    }

    #[test]
    fn links_in_different_verses_stay_apart() {
        let links = vec![l(&[0, 1], &[0]), l(&[2, 3], &[1, 2]), l(&[4], &[3])];
        assert_eq!(verses().merge(&links), links);
    }

    #[test]
    fn a_link_whose_sides_lie_in_different_verses_is_never_merged() {
        // [1]:[1] is A on the Chinese side, B on the English side.
        let links = vec![l(&[0], &[0]), l(&[1], &[1]), l(&[2], &[2])];
        assert_eq!(verses().merge(&links), links);
    }

    #[test]
    fn a_link_spanning_two_verses_is_never_merged_and_breaks_the_run() {
        // [1,2]:[1] spans A and B; the B link after it starts afresh.
        let links = vec![l(&[0], &[0]), l(&[1, 2], &[1]), l(&[3], &[2])];
        assert_eq!(verses().merge(&links), links);
    }

    #[test]
    fn ids_beyond_the_verse_files_have_no_verse() {
        let links = vec![l(&[4], &[3]), l(&[9], &[])];
        assert_eq!(verses().merge(&links), links);
    }

    #[test]
    fn labels_are_trimmed() {
        assert_eq!(
            Verses::parse(" Gen:1:1 \r\n", "Gen:1:1\n").zh,
            vec!["Gen:1:1"]
        );
    }
}
