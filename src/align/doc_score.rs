//! The document score: whether a document's two sides are a translation of each other at all,
//! and how many of its links are right.
//!
//! A link's score says whether the link is right *given* that the two sides translate each
//! other; two unrelated articles still get a best path, and its links can look confident. The
//! document score asks the question the link scores cannot: do the words of the linked
//! sentences find their translations more often than they would between unrelated sentences?
//!
//! Its parts, all read from what the aligner worked out anyway (no second search):
//! - **word evidence** ([`WordTally`]): over the final pairs, the words that can say anything
//!   (a dictionary, name or learned translation somewhere near in the document), how many
//!   found their translation on the other side of their link (`hits`), and how many would have
//!   by chance (`chance`, the sum of each word's chance rate for a side of that many
//!   sentences: the rates the lexical model itself uses, counted over the whole document);
//! - **expected share of right links**: the mean of the links' calibrated probabilities,
//!   omissions included.
//!
//! The score is the expected share of right links times the share of the word hits that
//! chance does not explain, `1 − chance / hits` (0 when hits do not exceed chance): a real
//! translation has hits several times chance (the factor near 1) and unrelated articles about
//! as many hits as chance (near 0). Without word evidence (lexical evidence switched off, or no
//! word with a possible translation) the score is the expected share of right links alone.
//! A document whose sides are not Chinese and English ([`Suspicion`]: the same text twice, one
//! language on both sides, languages swapped) scores 0.

use super::lexical::{Lexical, MAX_SIDE};
use super::moved::Moved;
use crate::model::script::classify;
use crate::model::{Lang, Link, Sentence};

/// Word evidence of a document's pairs against chance (see the module's doc).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct WordTally {
    /// Words (both sides) of the pairs with a possible translation near them.
    pub words: u32,
    /// Those that found their translation on the other side of their link.
    pub hits: u32,
    /// How many would find it there by chance.
    pub chance: f64,
}

impl WordTally {
    /// The share of the hits that chance does not explain, in [0, 1].
    pub fn beyond_chance(&self) -> f64 {
        if self.hits == 0 {
            return 0.0;
        }
        (1.0 - self.chance / self.hits as f64).clamp(0.0, 1.0)
    }

    /// Hits over chance hits: 1 for unrelated sentences.
    pub fn lift(&self) -> f64 {
        if self.chance > 0.0 {
            self.hits as f64 / self.chance
        } else {
            0.0
        }
    }
}

/// What the document score is made of, and the score.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct DocScore {
    /// In [0, 1]; see the module's doc.
    pub score: f64,
    /// The mean probability of the links (omissions included): the expected share of right
    /// links if the sides translate each other.
    pub expected_right: f64,
    /// Word evidence against chance, when the lexical model ran.
    pub words: Option<WordTally>,
    /// What looks wrong with the document, if anything (see [`suspicion`]).
    pub suspicion: Option<Suspicion>,
    /// Passages translated out of order, which the links leave out (see [`super::moved`]).
    pub moved: Moved,
}

impl DocScore {
    /// The score once the languages are checked: 0 when the sides are not Chinese and English
    /// (the same text twice, one language on both sides, languages swapped), whose pairs are
    /// not Chinese–English pairs whatever their links; the score as it is otherwise (an
    /// unrelated document already scores low).
    pub fn score_given_suspicion(&self) -> f64 {
        match self.suspicion {
            Some(Suspicion::Unrelated) | None => self.score,
            Some(_) => 0.0,
        }
    }

    /// `0.8123 (expected right 0.912, word hits 1234 of 5678, 8.3 times chance)`: the score and
    /// its parts, as the per-document lines print them.
    pub fn describe(&self) -> String {
        let words = match self.words {
            Some(w) => format!(
                ", word hits {} of {}, {:.1} times chance",
                w.hits,
                w.words,
                w.lift()
            ),
            None => ", no word evidence".into(),
        };
        format!(
            "{:.4} (expected right {:.3}{words})",
            self.score, self.expected_right
        )
    }

    /// The score of `links`, with the word evidence of `lexical` when there is one.
    pub fn of(links: &[Link], lexical: Option<&Lexical>) -> DocScore {
        let expected_right = if links.is_empty() {
            0.0
        } else {
            links.iter().map(|l| l.score).sum::<f64>() / links.len() as f64
        };
        let words = lexical
            .map(|lexical| tally(links, lexical))
            .filter(|t| t.words > 0);
        let score = expected_right * words.map_or(1.0, |w| w.beyond_chance());
        DocScore {
            score,
            expected_right,
            words,
            suspicion: None,
            moved: Moved::default(),
        }
    }
}

/// Words with evidence in the pairs of `links`, their hits, and the hits expected by chance.
fn tally(links: &[Link], lexical: &Lexical) -> WordTally {
    let mut t = WordTally::default();
    let mut count = |chance: &[Option<f32>], found: u64, other_side: usize| {
        let k = other_side.clamp(1, MAX_SIDE) as i32;
        for (bit, rate) in chance.iter().enumerate() {
            if let Some(p0) = rate {
                t.words += 1;
                t.hits += (found >> bit & 1) as u32;
                t.chance += 1.0 - (1.0 - *p0 as f64).powi(k);
            }
        }
    };
    for link in links
        .iter()
        .filter(|l| !l.zh.is_empty() && !l.en.is_empty())
    {
        for i in link.zh.clone() {
            let found = link.en.clone().fold(0, |m, j| m | lexical.found(i, j).0);
            count(lexical.zh_chance(i), found, link.en.len());
        }
        for j in link.en.clone() {
            let found = link.zh.clone().fold(0, |m, i| m | lexical.found(i, j).1);
            count(lexical.en_chance(j), found, link.zh.len());
        }
    }
    t
}

/// Why a document looks wrong, for a warning naming it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suspicion {
    /// Most linked pairs have the same text on both sides.
    SameText,
    /// Both sides are mostly in one language.
    SameLanguage(Lang),
    /// The Chinese side is mostly English and the English side mostly Chinese.
    Swapped,
    /// The words find their translations hardly more often than between unrelated sentences:
    /// the score is under [`UNRELATED_SCORE`].
    Unrelated,
}

impl Suspicion {
    /// The warning's text, after the document's name.
    pub fn describe(&self) -> String {
        match self {
            Suspicion::SameText => "the same text on both sides".into(),
            Suspicion::SameLanguage(Lang::En) => "both sides are English".into(),
            Suspicion::SameLanguage(Lang::Zh) => "both sides are Chinese".into(),
            Suspicion::Swapped => {
                "languages swapped: the Chinese side is English and the English side Chinese".into()
            }
            Suspicion::Unrelated => {
                "the two sides look unrelated: their words find translations hardly more \
                 often than between unrelated sentences"
                    .into()
            }
        }
    }
}

/// A side is taken to be in a language when more than this share of its sentences that have a
/// language are in it: a Chinese side quoting a few English lines stays Chinese.
const SIDE_LANGUAGE_SHARE: f64 = 0.5;

/// The pairs are "the same text twice" when at least this share of them have the same text on
/// both sides (spacing and case aside): a real translation keeps identical only numbers, names
/// and the odd title.
const SAME_TEXT_SHARE: f64 = 0.5;

/// A document with word evidence scoring below this is taken as unrelated articles. Measured
/// (README, Score section): translations 0.55 to 0.75 (MAC-Dev chapters, the Bible, the
/// seeds), unrelated pairs of chapters or seeds 0.01 to 0.22; a threshold on the score rather
/// than on the hits' lift alone, since unrelated articles still show hits at up to twice
/// chance (the search picks for each sentence the partner its words agree with best) and
/// short translations only about three times. Also the threshold the README recommends for
/// `--min-doc-score`.
pub const UNRELATED_SCORE: f64 = 0.4;

/// The language most of a side's sentences are in, if more than `SIDE_LANGUAGE_SHARE` of them.
pub fn side_language(sentences: &[Sentence]) -> Option<Lang> {
    let (mut zh, mut en) = (0usize, 0usize);
    for s in sentences {
        match classify(&s.text) {
            Some(Lang::Zh) => zh += 1,
            Some(Lang::En) => en += 1,
            None => {}
        }
    }
    let all = (zh + en) as f64;
    if all == 0.0 {
        None
    } else if zh as f64 / all > SIDE_LANGUAGE_SHARE {
        Some(Lang::Zh)
    } else if en as f64 / all > SIDE_LANGUAGE_SHARE {
        Some(Lang::En)
    } else {
        None
    }
}

/// The text of a side compared for sameness: whitespace left out, lower-cased. An iterator, so
/// that two sides are compared without building either's text: a Chinese side and its English
/// counterpart differ at their first character.
fn plain(sentences: &[Sentence]) -> impl Iterator<Item = char> + '_ {
    sentences
        .iter()
        .flat_map(|s| s.text.chars())
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
}

/// What looks wrong with an aligned document, the most specific finding first, or None.
pub fn suspicion(
    zh: &[Sentence],
    en: &[Sentence],
    links: &[Link],
    score: &DocScore,
) -> Option<Suspicion> {
    let pairs: Vec<&Link> = links
        .iter()
        .filter(|l| !l.zh.is_empty() && !l.en.is_empty())
        .collect();
    let same = pairs
        .iter()
        .filter(|l| plain(&zh[l.zh.clone()]).eq(plain(&en[l.en.clone()])))
        .count();
    if !pairs.is_empty() && same as f64 >= SAME_TEXT_SHARE * pairs.len() as f64 {
        return Some(Suspicion::SameText);
    }
    // The two sides are classified side by side: each reads every character of its side.
    match rayon::join(|| side_language(zh), || side_language(en)) {
        (Some(Lang::En), Some(Lang::Zh)) => return Some(Suspicion::Swapped),
        (Some(a), Some(b)) if a == b => return Some(Suspicion::SameLanguage(a)),
        _ => {}
    }
    match score.words {
        Some(_) if score.score < UNRELATED_SCORE => Some(Suspicion::Unrelated),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(zh: std::ops::Range<usize>, en: std::ops::Range<usize>, score: f64) -> Link {
        Link { zh, en, score }
    }

    fn sentences(texts: &[&str]) -> Vec<Sentence> {
        texts.iter().map(|t| Sentence::new(*t, 0)).collect()
    }

    #[test]
    fn hits_at_chance_explain_nothing_and_many_times_chance_nearly_all() {
        let at_chance = WordTally {
            words: 100,
            hits: 10,
            chance: 10.0,
        };
        assert_eq!(at_chance.beyond_chance(), 0.0);
        let translation = WordTally {
            words: 100,
            hits: 40,
            chance: 4.0,
        };
        assert!((translation.beyond_chance() - 0.9).abs() < 1e-12);
        assert!((translation.lift() - 10.0).abs() < 1e-12);
        assert_eq!(WordTally::default().beyond_chance(), 0.0);
    }

    #[test]
    fn without_word_evidence_the_score_is_the_mean_link_probability() {
        let links = [link(0..1, 0..1, 0.9), link(1..1, 1..2, 0.5)];
        let score = DocScore::of(&links, None);
        assert!((score.score - 0.7).abs() < 1e-12);
        assert_eq!(score.words, None);
        assert_eq!(DocScore::of(&[], None).score, 0.0);
    }

    #[test]
    fn identical_swapped_and_one_language_sides_are_told_apart() {
        let zh = sentences(&["我们明天见面。", "他很喜欢读书。"]);
        let en = sentences(&["We meet tomorrow.", "He likes reading."]);
        let links = [link(0..1, 0..1, 0.9), link(1..2, 1..2, 0.9)];
        let fine = DocScore {
            score: 0.9,
            expected_right: 0.9,
            words: None,
            suspicion: None,
            moved: Moved::default(),
        };
        assert_eq!(suspicion(&zh, &en, &links, &fine), None);
        assert_eq!(
            suspicion(&en, &en, &links, &fine),
            Some(Suspicion::SameText)
        );
        assert_eq!(suspicion(&en, &zh, &links, &fine), Some(Suspicion::Swapped));
        let other = sentences(&["Nothing alike here.", "Another line."]);
        assert_eq!(
            suspicion(&en, &other, &links, &fine),
            Some(Suspicion::SameLanguage(Lang::En))
        );
        let unrelated = DocScore {
            score: 0.1,
            words: Some(WordTally {
                words: 50,
                hits: 3,
                chance: 2.5,
            }),
            ..fine
        };
        assert_eq!(
            suspicion(&zh, &en, &links, &unrelated),
            Some(Suspicion::Unrelated)
        );
    }
}
