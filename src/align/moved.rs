//! Moved passages: a block of sentences the translation put elsewhere.
//!
//! The search is monotone: when a translator (or an editor of the file) moved a paragraph, the
//! best path cannot follow it. It leaves the block unlinked on one side where it stands in the
//! source, and on the other side where it stands in the translation, or forces its sentences
//! into links with neighbours they do not translate (links more likely wrong than right). So
//! after the final search, this stage looks for a run of such loose Chinese sentences and a
//! run of loose English sentences elsewhere in the document whose words translate each other
//! far more often than chance, and reports the pair of runs as a moved passage.
//!
//! The word evidence is that of the document score ([`super::doc_score`]): which words of a
//! Chinese and an English sentence translate each other (the lexical model's masks, worked out
//! here for the cells of the two runs, which lie far off any band the search read), and each
//! word's chance of finding a translation in an unrelated sentence (the rates the lexical
//! model counted over this document). A moved block keeps its own order, so each sentence is
//! looked for only in a fixed window of the other run, where its counterpart would stand if
//! the two runs translated each other in order; chosen before looking at the words, the
//! window cannot pick lucky partners, so unrelated runs score at chance. Aligning the two runs
//! with each other and judging them by the document score was tried: on a dozen sentences
//! aligned alone the calibrated link probabilities are low, and runs longer than the block
//! drag the score down; it found 4 of the 7 test blocks where the windows find 5.
//!
//! Only reported: the links stay monotone (every sentence in one link, in order), which the
//! links files, the presplit line numbering (blank lines) and InterText rely on.

use super::doc_lexicon::Lexicon;
use super::lexical::PairMasks;
use crate::model::Link;
use std::collections::BTreeMap;
use std::ops::Range;

/// A sentence is loose when its link is an omission or more likely wrong than right.
const LOOSE_BELOW: f64 = 0.5;

/// A run must leave at least this many sentences of each side wholly unlinked. Ordinary
/// omissions come one or two together (MAC-Dev and the Bible: never more than two in a run),
/// and a block this small would give the word test too few words to tell anything.
const MIN_OMITTED: usize = 4;

/// The words found must exceed chance by this many standard deviations (each word a Bernoulli
/// trial at its chance rate): a one-sided p of about 3e-7 if that held, so that the few pairs
/// of runs a document offers never pass by luck. It holds only roughly (words are not
/// independent): measured, every pair of loose runs on MAC-Dev, the Bible and the seeds,
/// however few sentences they omit, lies under 0, and the untranslated blocks of
/// `scripts/inserted_blocks.py` (44 pairs of runs) from -6.4 to 3.5, the highest two passages
/// of one novel about the same people; blocks of ten English sentences moved in MAC-Dev
/// chapters and the Bible, when both runs are left loose, score 5.5 to 14.5.
const MIN_Z: f64 = 5.0;

/// A moved passage: Chinese sentences `zh` translated by English sentences `en` elsewhere in
/// the document (half-open ranges of sentence ids, or line numbers once made so).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Passage {
    pub zh: (usize, usize),
    pub en: (usize, usize),
}

/// How many passages a document's warning names: the document score stays `Copy` (it is
/// passed by value everywhere); more than this many moved blocks are counted, not named.
const NAMED: usize = 3;

/// The moved passages of a document, in Chinese order: the first few named, all counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Moved {
    pub count: usize,
    named: [Passage; NAMED],
}

impl Moved {
    fn from_passages(passages: &[Passage]) -> Moved {
        let mut moved = Moved {
            count: passages.len(),
            ..Moved::default()
        };
        for (slot, p) in moved.named.iter_mut().zip(passages) {
            *slot = *p;
        }
        moved
    }

    /// The passages named, at most `NAMED`.
    pub fn named(&self) -> &[Passage] {
        &self.named[..self.count.min(NAMED)]
    }

    /// The same passages with each range's ends moved by `zh` and `en` (sentence ids to line
    /// numbers, for presplit text with blank lines).
    pub fn map(&self, zh: impl Fn(usize) -> usize, en: impl Fn(usize) -> usize) -> Moved {
        let mut moved = *self;
        for p in moved.named.iter_mut().take(self.count.min(NAMED)) {
            p.zh = (zh(p.zh.0), zh(p.zh.1 - 1) + 1);
            p.en = (en(p.en.0), en(p.en.1 - 1) + 1);
        }
        moved
    }

    /// The warning's text, after the document's name, or None when nothing moved: ids as in
    /// the links files (0-based, Chinese first), ranges inclusive.
    pub fn describe(&self) -> Option<String> {
        if self.count == 0 {
            return None;
        }
        let shown: Vec<String> = self
            .named()
            .iter()
            .map(|p| {
                format!(
                    "zh {}-{} / en {}-{}",
                    p.zh.0,
                    p.zh.1 - 1,
                    p.en.0,
                    p.en.1 - 1
                )
            })
            .collect();
        let more = match self.count - self.named().len() {
            0 => String::new(),
            k => format!(" and {k} more"),
        };
        let what = if self.count == 1 {
            "a passage seems moved"
        } else {
            "passages seem moved"
        };
        Some(format!(
            "{what}: {}{more} (0-based sentence ids) translate each other out of order; \
             the monotone alignment leaves them unlinked or in wrong links",
            shown.join(", ")
        ))
    }
}

/// A maximal run of loose sentences of one side.
#[derive(Debug, Clone, PartialEq)]
struct Run {
    /// Its sentences.
    ids: Range<usize>,
    /// The links it spans (indices into the links).
    links: Range<usize>,
    /// How many of its sentences are wholly unlinked.
    omitted: usize,
}

/// The runs of loose sentences of one side (`side` gives a link's sentences of that side,
/// `other` those of the other) with at least [`MIN_OMITTED`] omitted.
fn runs(
    links: &[Link],
    side: impl Fn(&Link) -> Range<usize>,
    other: impl Fn(&Link) -> Range<usize>,
) -> Vec<Run> {
    let mut found = Vec::new();
    let mut open: Option<Run> = None;
    for (k, link) in links.iter().enumerate() {
        let ids = side(link);
        if ids.is_empty() {
            continue; // an omission of the other side: neither breaks nor extends a run
        }
        let omitted = other(link).is_empty();
        if !omitted && link.score >= LOOSE_BELOW {
            found.extend(open.take());
            continue;
        }
        let run = open.get_or_insert(Run {
            ids: ids.start..ids.start,
            links: k..k,
            omitted: 0,
        });
        run.ids.end = ids.end;
        run.links.end = k + 1;
        run.omitted += if omitted { ids.len() } else { 0 };
    }
    found.extend(open);
    found.retain(|r| r.omitted >= MIN_OMITTED);
    found
}

/// Whether a confident pair lies between the links of two runs: otherwise the two runs face
/// each other in the path (a stretch the search found hard), and any link between them was
/// the monotone search's to find.
fn apart(links: &[Link], a: &Range<usize>, b: &Range<usize>) -> bool {
    let gap = if a.end <= b.start {
        a.end..b.start
    } else if b.end <= a.start {
        b.end..a.start
    } else {
        return false;
    };
    links[gap]
        .iter()
        .any(|l| l.is_pair() && l.score >= LOOSE_BELOW)
}

/// Word hits of two runs read in order, against chance, word by word: a word that recurs
/// through a run (a name, the topic's words) is one piece of evidence, not one per sentence,
/// since its hits hang together (two unrelated passages about the same people share names in
/// every sentence, not by chance each time).
#[derive(Debug, Clone, Default, PartialEq)]
struct Tally {
    /// Per word (whether it is Chinese, its id): whether any of its occurrences found a
    /// translation, and the chance that none would.
    words: BTreeMap<(bool, u32), (bool, f64)>,
}

impl Tally {
    /// Add the words of one sentence (`words`, Chinese when `zh`): their chance rates in one
    /// sentence (`rates`), which of them found a translation (`found`, bit k the k-th word),
    /// in a window of `window` sentences.
    fn count(&mut self, zh: bool, words: &[u32], rates: &[Option<f32>], found: u64, window: usize) {
        for (bit, (&word, rate)) in words.iter().zip(rates).enumerate() {
            if let Some(p0) = rate {
                let miss = (1.0 - *p0 as f64).powi(window as i32);
                let entry = self.words.entry((zh, word)).or_insert((false, 1.0));
                entry.0 |= found >> bit & 1 == 1;
                entry.1 *= miss;
            }
        }
    }

    /// How many standard deviations the words found lie above chance (0 without words).
    fn z(&self) -> f64 {
        let (mut hits, mut chance, mut variance) = (0.0, 0.0, 0.0);
        for &(hit, miss) in self.words.values() {
            let p = 1.0 - miss;
            hits += f64::from(u8::from(hit));
            chance += p;
            variance += p * (1.0 - p);
        }
        if variance > 0.0 {
            (hits - chance) / variance.sqrt()
        } else {
            0.0
        }
    }
}

/// Where sentence `k` of run `from` would find its counterpart in run `to` if the two
/// translated each other in order: the proportional position, with as many sentences either
/// side as one sentence can take (the ratio of the runs' lengths, rounded up), plus one.
fn window(k: usize, from: &Range<usize>, to: &Range<usize>) -> Range<usize> {
    let (nf, nt) = (from.len() as f64, to.len() as f64);
    let centre = to.start as f64 + ((k - from.start) as f64 + 0.5) * nt / nf;
    let reach = (nt / nf).ceil() + 1.0;
    let lo = (centre - reach).floor().max(to.start as f64) as usize;
    let hi = ((centre + reach).ceil() as usize).min(to.end);
    lo..hi.max(lo)
}

/// The word hits of Chinese run `zh` and English run `en`, each sentence looked for in its
/// window of the other run, with the document's chance rates and masks worked out for the
/// runs' cells (which lie off any band the search read).
fn tally(lexicon: &Lexicon, zh: &Range<usize>, en: &Range<usize>) -> Tally {
    let window_of = |i| if zh.contains(&i) { en.clone() } else { 0..0 };
    let bags = &lexicon.words.bags;
    let masks = PairMasks::build(bags, &window_of);
    let model = &lexicon.model;
    let mut t = Tally::default();
    for i in zh.clone() {
        let w = window(i, zh, en);
        let found = w.clone().fold(0, |m, j| m | masks.get(i, j).0);
        t.count(true, &bags.zh[i].words, model.zh_chance(i), found, w.len());
    }
    for j in en.clone() {
        let w = window(j, en, zh);
        let found = w.clone().fold(0, |m, i| m | masks.get(i, j).1);
        t.count(false, &bags.en[j].words, model.en_chance(j), found, w.len());
    }
    t
}

/// The moved passages of a document aligned into `links`: each run of loose Chinese
/// sentences paired with the run of loose English sentences apart from it whose words it
/// translates far beyond chance (the most significant one; each run used once).
pub(super) fn find(links: &[Link], lexicon: &Lexicon) -> Moved {
    let zh_runs = runs(links, |l| l.zh.clone(), |l| l.en.clone());
    if zh_runs.is_empty() {
        return Moved::default();
    }
    let mut en_runs = runs(links, |l| l.en.clone(), |l| l.zh.clone());
    let mut passages = Vec::new();
    for z in &zh_runs {
        let best = en_runs
            .iter()
            .enumerate()
            .filter(|(_, e)| apart(links, &z.links, &e.links))
            .map(|(k, e)| (k, tally(lexicon, &z.ids, &e.ids).z()))
            .filter(|&(_, z)| z >= MIN_Z)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((k, _)) = best {
            let e = en_runs.remove(k);
            passages.push(Passage {
                zh: (z.ids.start, z.ids.end),
                en: (e.ids.start, e.ids.end),
            });
        }
    }
    Moved::from_passages(&passages)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(zh: Range<usize>, en: Range<usize>, score: f64) -> Link {
        Link { zh, en, score }
    }

    #[test]
    fn a_run_is_loose_sentences_together_and_needs_enough_of_them_omitted() {
        let mut links = vec![link(0..1, 0..1, 0.9), link(1..3, 1..2, 0.3)];
        links.extend((3..7).map(|i| link(i..i + 1, 2..2, 0.2)));
        links.push(link(7..7, 2..3, 0.1)); // an English omission inside: no break
        links.push(link(7..8, 3..4, 0.9));
        let zh = runs(&links, |l| l.zh.clone(), |l| l.en.clone());
        assert_eq!(
            zh,
            [Run {
                ids: 1..7,
                links: 1..6,
                omitted: 4
            }]
        );
        // Sentence 4 linked with confidence: two runs, neither with enough omitted.
        links[3] = link(4..5, 2..3, 0.9);
        let zh = runs(&links, |l| l.zh.clone(), |l| l.en.clone());
        assert!(zh.is_empty(), "{zh:?}");
    }

    #[test]
    fn two_runs_are_apart_only_across_a_confident_pair() {
        let links = [
            link(0..1, 0..0, 0.1),
            link(1..2, 0..1, 0.3),
            link(2..2, 1..2, 0.1),
            link(2..3, 2..3, 0.9),
            link(3..3, 3..4, 0.1),
        ];
        assert!(!apart(&links, &(0..2), &(2..3)));
        assert!(apart(&links, &(0..2), &(4..5)));
        assert!(apart(&links, &(4..5), &(0..2)));
        assert!(!apart(&links, &(0..3), &(2..5)));
    }

    #[test]
    fn the_warning_names_inclusive_ranges_and_counts_the_rest() {
        assert_eq!(Moved::default().describe(), None);
        let p = Passage {
            zh: (72, 80),
            en: (226, 237),
        };
        let one = Moved::from_passages(&[p]);
        let text = one.describe().expect("one passage");
        assert!(text.contains("zh 72-79 / en 226-236"), "{text}");
        let lines = one.map(|i| i + 1, |j| 2 * j);
        assert_eq!(lines.named()[0].zh, (73, 81));
        assert_eq!(lines.named()[0].en, (452, 473));
        let five = Moved::from_passages(&[p; 5]);
        assert_eq!(five.named().len(), NAMED);
        assert!(five.describe().expect("five").contains("and 2 more"));
    }

    #[test]
    fn windows_follow_the_proportional_position_inside_the_other_run() {
        let (z, e) = (10..15, 100..110);
        assert_eq!(window(10, &z, &e), 100..104);
        assert_eq!(window(14, &z, &e), 106..110);
        assert_eq!(window(12, &z, &e), 102..108);
        assert_eq!(window(105, &e, &z), 10..15);
    }

    #[test]
    fn hits_at_chance_are_not_beyond_it_and_many_more_are() {
        let (words, rates): (Vec<u32>, _) = ((0..40).collect(), vec![Some(0.1f32); 40]);
        let mut t = Tally::default();
        // p = 0.1 a word in a one-sentence window: 4 hits of 40 is chance exactly.
        t.count(true, &words, &rates, 0b1111, 1);
        assert!(t.z().abs() < 1e-6, "{t:?}");
        let mut t = Tally::default();
        t.count(true, &words, &rates, (1u64 << 20) - 1, 1);
        assert!(t.z() >= MIN_Z, "{t:?}");
        assert_eq!(Tally::default().z(), 0.0);
    }

    #[test]
    fn a_word_found_again_and_again_counts_once() {
        let rates = vec![Some(0.1f32); 4];
        let mut once = Tally::default();
        once.count(false, &[1, 2, 3, 4], &rates, 0b1, 1);
        let mut again = once.clone();
        for _ in 0..10 {
            again.count(false, &[1], &rates, 0b1, 1);
        }
        // The same word found in ten more sentences: still one hit, its chance now higher.
        assert!(again.z() < once.z(), "{again:?} {once:?}");
    }
}
