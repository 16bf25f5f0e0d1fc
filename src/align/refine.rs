//! Refinement after the main search: omissions decided with their neighbours.
//!
//! The dynamic programme leaves a sentence unlinked when every link that would hold it costs
//! more than an omission. In literary translation that is nearly always wrong: the sentence
//! is a short speech tag or exclamation the translator folded into a neighbouring sentence, and
//! the link that should hold it is either longer than the programme's shapes (1-5, 1-6) or
//! loses by a little on length. On news, by contrast, a sentence left out is usually a real
//! omission (an untranslated aside), whose words find nothing next door.
//!
//! So each run of unlinked sentences on one side is looked at together with the links before
//! and after it, by the sentence's own words ([`Lexical::zh_sentence_ratio`],
//! [`Lexical::en_sentence_ratio`]): the naive-Bayes evidence that its words found their
//! translation in the neighbour rather than by chance, the same evidence a link's cost counts.
//! A first part of the run joins the link before, a last part the link after, when their words
//! say so (a positive log-likelihood ratio in all); what is left stays unlinked. No constant
//! is involved: the line between "translated there" and "by chance" is the model's own.
//!
//! Then [`join_past_shapes`]: an unlinked sentence whose neighbour grown by it would be of a
//! shape the search does not hold (1-5, 2-4, …) joins it when the grown link costs less, by
//! the search's own cost, than the two apart; the search could not weigh that link itself.

use super::dp::Step;
use super::lexical::Lexical;
use super::params::{shape_prior, MAX_LINK_SIDE, SHAPES};
use super::score::{LinkScorer, ShapePriors};
use std::ops::Range;

/// Which side a run of omissions lies on.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Side {
    Zh,
    En,
}

/// A step's one non-empty side, when it is an omission.
fn omission_side(step: &Step) -> Option<Side> {
    match (step.zh.is_empty(), step.en.is_empty()) {
        (false, true) => Some(Side::Zh),
        (true, false) => Some(Side::En),
        _ => None,
    }
}

fn is_pair(step: &Step) -> bool {
    !step.zh.is_empty() && !step.en.is_empty()
}

/// Attach unlinked sentences to the neighbouring link their words point to (see the module
/// comment). The path stays a path: every sentence in exactly one step, in order.
pub fn attach_omissions(path: Vec<Step>, scorer: &LinkScorer) -> Vec<Step> {
    let Some(lexical) = scorer.lexical else {
        return path;
    };
    let mut out: Vec<Step> = Vec::with_capacity(path.len());
    let mut k = 0;
    while k < path.len() {
        let Some(side) = omission_side(&path[k]) else {
            out.push(path[k].clone());
            k += 1;
            continue;
        };
        let end = (k..path.len())
            .find(|&e| omission_side(&path[e]) != Some(side))
            .unwrap_or(path.len());
        let run = &path[k..end];
        let before = out.last().filter(|s| is_pair(s)).cloned();
        let after = path.get(end).filter(|s| is_pair(s)).cloned();
        let (first, last) = split_run(run, side, before.as_ref(), after.as_ref(), lexical, scorer);
        let sentences = |s: &Step| match side {
            Side::Zh => s.zh.clone(),
            Side::En => s.en.clone(),
        };
        let all: Range<usize> = sentences(&run[0]).start..sentences(&run[run.len() - 1]).end;
        if first > all.start {
            let link = out.last_mut().expect("a run joins a link before it");
            grow(link, side, all.start..first);
        }
        out.extend(
            run.iter()
                .filter(|s| sentences(s).start >= first && sentences(s).end <= last)
                .cloned(),
        );
        if last < all.end {
            let mut link = path[end].clone();
            grow(&mut link, side, last..all.end);
            out.push(link);
            k = end + 1;
        } else {
            k = end;
        }
    }
    out
}

/// Let unlinked sentences join a neighbouring link when the joined link is of a shape the
/// search does not hold (1-5, 2-4, 3-3, …) and costs less, by the search's own measure, than
/// the link and the omission apart. The search compared the two wherever the joined shape is
/// one of its own, and found the omission cheaper; past its shapes it could not compare, and a
/// gold 1-5 link came out as a 1-4 link and an omission. The path stays a path.
pub fn join_past_shapes(path: Vec<Step>, scorer: &LinkScorer) -> Vec<Step> {
    let mut out: Vec<Step> = Vec::with_capacity(path.len());
    let mut k = 0;
    while k < path.len() {
        let step = &path[k];
        let Some(side) = omission_side(step) else {
            out.push(step.clone());
            k += 1;
            continue;
        };
        let ids = match side {
            Side::Zh => step.zh.clone(),
            Side::En => step.en.clone(),
        };
        let alone = scorer.cost(step.zh.clone(), step.en.clone());
        let gain = |link: &Step| join_gain(link, side, &ids, alone, scorer);
        let before = out.last().filter(|s| is_pair(s)).and_then(gain);
        let after = path.get(k + 1).filter(|s| is_pair(s)).and_then(gain);
        match (before, after) {
            (Some(b), a) if a.is_none_or(|a| b >= a) => {
                let link = out.last_mut().expect("a link before");
                grow(link, side, ids);
                k += 1;
            }
            (_, Some(_)) => {
                let mut link = path[k + 1].clone();
                grow(&mut link, side, ids);
                out.push(link);
                k += 2;
            }
            _ => {
                out.push(step.clone());
                k += 1;
            }
        }
    }
    out
}

/// The most sentences a side of a joined link may hold: twice the search's longest side.
/// MAC-Dev's gold holds none longer than 6 (1-6, 3-5); and a link's cost is worked out over
/// all its sentences, so without a bound a long run of unlinked short lines joining one by one
/// would make refinement quadratic in the run's length.
const MAX_JOINED_SIDE: usize = 2 * MAX_LINK_SIDE;

/// How much cheaper `link` grown by the omitted `ids` (on `side`, costing `alone` unlinked) is
/// than the two apart, when the grown shape is past the search's shapes and it is cheaper.
fn join_gain(
    link: &Step,
    side: Side,
    ids: &Range<usize>,
    alone: f64,
    scorer: &LinkScorer,
) -> Option<f64> {
    let mut grown = link.clone();
    grow(&mut grown, side, ids.clone());
    let (own, shape) = (
        (link.zh.len(), link.en.len()),
        (grown.zh.len(), grown.en.len()),
    );
    if SHAPES.contains(&shape) || shape.0.max(shape.1) > MAX_JOINED_SIDE {
        return None;
    }
    let joined = prior_past_shapes(&scorer.priors, own, shape)
        + scorer.evidence_cost(grown.zh.clone(), grown.en.clone());
    let apart = scorer.cost(link.zh.clone(), link.en.clone()) + alone;
    (joined < apart).then_some(apart - joined)
}

/// −ln P(`shape`) for a shape past the search's, grown from `own`, one of them: the document's
/// prior of `own` (measured on its first pass), falling as the default priors fall from `own`
/// to `shape` ([`shape_prior`]: a quarter a sentence from 1-4 to 1-5). A document's counts
/// never hold such a shape, and its default prior alone would ignore that a translator who
/// writes many 1-4 links writes more 1-5 links too (MAC-Dev 002, 1-4 links at P = 0.06 against
/// the default 0.005).
fn prior_past_shapes(priors: &ShapePriors, own: (usize, usize), shape: (usize, usize)) -> f64 {
    priors.cost(own.0, own.1) + (shape_prior(own.0, own.1) / shape_prior(shape.0, shape.1)).ln()
}

/// Where to cut a run of omissions: sentences before `first` join the link before, sentences
/// from `last` on join the link after; between them they stay unlinked. Chosen to maximise
/// the summed evidence of the sentences that join, so a sentence joins only when, with
/// whatever else must join along with it, its words say so.
fn split_run(
    run: &[Step],
    side: Side,
    before: Option<&Step>,
    after: Option<&Step>,
    lexical: &Lexical,
    scorer: &LinkScorer,
) -> (usize, usize) {
    let ids: Vec<usize> = run
        .iter()
        .flat_map(|s| match side {
            Side::Zh => s.zh.clone(),
            Side::En => s.en.clone(),
        })
        .collect();
    let ratio = |id: usize, link: Option<&Step>| -> Option<f64> {
        link.map(|l| match side {
            Side::Zh => lexical.zh_sentence_ratio(id, l.en.clone()),
            Side::En => lexical.en_sentence_ratio(id, l.zh.clone()),
        })
    };
    // A link grown by the sentence must not cross a paragraph boundary or take in a heading
    // that it did not before: layout is evidence the words do not outweigh.
    let fits = |id: usize, link: Option<&Step>| -> bool {
        link.is_some_and(|l| {
            let mut grown = l.clone();
            grow(&mut grown, side, id..id + 1);
            scorer.layout_cost(&grown.zh, &grown.en) <= scorer.layout_cost(&l.zh, &l.en)
        })
    };
    let evidence = |link: Option<&Step>| -> Vec<Option<f64>> {
        ids.iter()
            .map(|&id| ratio(id, link).filter(|_| fits(id, link)))
            .collect()
    };
    let cut = best_cut(&evidence(before), &evidence(after));
    let start = ids.first().copied().unwrap_or(0);
    (start + cut.0, start + cut.1)
}

/// The cut (a, b), a ≤ b, that maximises the evidence of the sentences that join: those
/// before a join the link before (`left`, each sentence's evidence for it), those from b on
/// the link after (`right`); None where a sentence cannot join that link. On ties the fewest
/// sentences join, so one joins only when that is strictly better; (0, n) joins none.
fn best_cut(left: &[Option<f64>], right: &[Option<f64>]) -> (usize, usize) {
    let n = left.len();
    // joined_left[a]: the evidence of the first a sentences; joined_right[b]: of those from b.
    let mut joined_left = vec![0.0; n + 1];
    for a in 0..n {
        joined_left[a + 1] = left[a].map_or(f64::NEG_INFINITY, |r| joined_left[a] + r);
    }
    let mut joined_right = vec![0.0; n + 1];
    for b in (0..n).rev() {
        joined_right[b] = right[b].map_or(f64::NEG_INFINITY, |r| joined_right[b + 1] + r);
    }
    // For each b, the best a ≤ b (the smallest on ties); then the best b (the largest).
    let mut best_left = vec![(0.0, 0); n + 1];
    for b in 1..=n {
        best_left[b] = if joined_left[b] > best_left[b - 1].0 {
            (joined_left[b], b)
        } else {
            best_left[b - 1]
        };
    }
    let (mut best, mut cut) = (0.0, (0, n));
    for b in (0..=n).rev() {
        let total = best_left[b].0 + joined_right[b];
        if total > best {
            (best, cut) = (total, (best_left[b].1, b));
        }
    }
    cut
}

/// Extend a link's `side` by the adjacent `sentences`.
fn grow(link: &mut Step, side: Side, sentences: Range<usize>) {
    let r = match side {
        Side::Zh => &mut link.zh,
        Side::En => &mut link.en,
    };
    *r = r.start.min(sentences.start)..r.end.max(sentences.end);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_join_only_where_their_words_say_so() {
        // Nothing for either neighbour: all stay unlinked.
        assert_eq!(
            best_cut(&[Some(-1.0), Some(-2.0)], &[Some(-1.0), Some(-0.5)]),
            (0, 2)
        );
        // The first belongs before, the last after, the middle nowhere.
        let left = [Some(2.0), Some(-3.0), Some(-1.0)];
        let right = [Some(-1.0), Some(-3.0), Some(1.5)];
        assert_eq!(best_cut(&left, &right), (1, 2));
        // A weak sentence joins along with a strong one beyond it.
        assert_eq!(best_cut(&[Some(-0.5), Some(3.0)], &[None, None]), (2, 2));
        // No evidence either way (0) is no reason to join.
        assert_eq!(best_cut(&[Some(0.0)], &[Some(0.0)]), (0, 1));
    }

    #[test]
    fn a_sentence_that_cannot_join_a_link_keeps_those_beyond_it_out_too() {
        // The second sentence may not join the link before (a paragraph boundary), so the
        // third cannot either, however strong its evidence.
        let left = [Some(1.0), None, Some(5.0)];
        assert_eq!(best_cut(&left, &[None, None, None]), (1, 3));
        // Without a neighbour (the run starts the document), nothing joins that side.
        assert_eq!(best_cut(&[None], &[Some(2.0)]), (0, 0));
    }

    /// One long Chinese sentence translated as five English ones among 1-1 links: the search
    /// holds links of at most four sentences a side and left the fifth unlinked.
    #[test]
    fn a_sentence_translated_as_five_makes_one_link() {
        use crate::align::align;
        use crate::model::Sentence;
        let zh = [
            "老师在学校工作了二十年。",
            "他很喜欢读书。",
            "我们明天早上见面吧。",
            "晚饭以后大家一起去散步。",
            "她不喜欢喝咖啡。",
            "他西瓜大的字识不了一担，要分辨什么书，可真杀了头也办不到，待得听说书名叫做《四十二章经》，不由得心花怒放，“章经”是什么东西不得而知，“四十二”三字却是识得的，五个字中居然识得三个，不禁大为得意。",
            "他终于回家了。",
            "妹妹住在上海。",
            "天气很好。",
            "我买了一本新书。",
        ];
        let en = [
            "The teacher worked at the school for twenty years.",
            "He likes reading books very much.",
            "Let us meet tomorrow morning.",
            "After dinner everyone went for a walk together.",
            "She does not like drinking coffee.",
            "The trouble was that Trinket could barely read.",
            "He couldn't decipher more than a word or two, let alone book titles.",
            "Then he heard the eunuch say that the book was the Sutra in Forty-Two Sections, and his heart leapt: what the word Sutra looked like he had not the foggiest notion, but numbers were something he could read.",
            "So the second part of the title was a walk-over!",
            "Wasn't that sufficient reason to be pleased?",
            "He finally went home.",
            "His younger sister lives in Shanghai.",
            "The weather is fine.",
            "I bought a new book.",
        ];
        let zh: Vec<Sentence> = zh.iter().map(|&t| Sentence::new(t, 0)).collect();
        let en: Vec<Sentence> = en.iter().map(|&t| Sentence::new(t, 0)).collect();
        let links: Vec<(Range<usize>, Range<usize>)> =
            align(&zh, &en).into_iter().map(|l| (l.zh, l.en)).collect();
        assert!(links.contains(&(5..6, 5..10)), "{links:?}");
        assert!(links.iter().all(|(z, e)| !z.is_empty() && !e.is_empty()));
    }

    #[test]
    fn a_shape_past_the_search_falls_from_the_link_it_grows() {
        // With the default priors, the grown shape's prior is its default one.
        let defaults = ShapePriors::default();
        let p = prior_past_shapes(&defaults, (1, 4), (1, 5));
        assert!((p + shape_prior(1, 5).ln()).abs() < 1e-9);
        // A document whose 1-4 links are ten times as frequent makes 1-5 links ten times as
        // likely too.
        let steps: Vec<Step> = (0..100)
            .map(|k| Step {
                zh: k..k + 1,
                en: 5 * k..5 * k + if k < 10 { 4 } else { 1 },
                cost: 0.0,
            })
            .collect();
        let learned = ShapePriors::from_path(&steps);
        let fall = prior_past_shapes(&learned, (1, 4), (1, 5)) - learned.cost(1, 4);
        assert!((fall - 4f64.ln()).abs() < 1e-9);
        assert!(prior_past_shapes(&learned, (1, 4), (1, 5)) < p);
    }

    #[test]
    fn growing_a_link_keeps_it_a_range() {
        let mut link = Step {
            zh: 3..4,
            en: 5..7,
            cost: 0.0,
        };
        grow(&mut link, Side::En, 7..9);
        grow(&mut link, Side::Zh, 2..3);
        assert_eq!((link.zh, link.en), (2..4, 5..9));
    }
}
