//! Sentence alignment: orchestration.
//!
//! Following Bertalign's split, this module only orchestrates; [`dp`] is the dynamic
//! programme, [`score`] the cost of one link, [`features`] and [`numbers`] what each sentence
//! brings, [`params`] every constant.
//!
//! Two passes by default (`params::PASSES`): the first uses the dictionary, the document's raw
//! length ratio and default priors; the second re-measures the length model, shape priors, hit
//! rates and utterance model on the first pass's links and trains the learned lexicon on its
//! confident ones, so that the model follows the translator of this document rather than a
//! global guess. After the last pass, [`refine`] lets sentences the search left unlinked join
//! the neighbouring link their words point to.

pub mod anchors;
mod band;
pub mod budget;
pub mod calibration;
pub mod costing;
mod doc_lexicon;
pub mod doc_score;
pub mod dp;
pub mod features;
pub mod lexical;
pub mod moved;
pub mod numbers;
pub mod params;
pub mod posterior;
pub mod refine;
pub mod score;
mod search;
pub mod stopwatch;
mod trial;
pub mod words;

use crate::model::{Link, Sentence};
use band::{choose_band, sure_corners, trial_band};
use costing::LinkCosts;
use doc_lexicon::Lexicon;
use dp::{Band, Step};
use features::{document_features, Features, Totals};
use lexical::Lexical;
use params::{
    FIRST_PASS_BEAM, LEARN_MIN_CONFIDENCE, LENGTH_VARIANCE_RANGE, PASSES, PATH_BAND, PATH_BEAM,
    REESTIMATE_MAX_DELTA, REESTIMATE_MIN_LINKS, SEGMENT_ROWS,
};
use rayon::prelude::*;
use score::{ClauseModel, LengthModel, LinkScorer, ShapePriors, UtteranceModel};
use stopwatch::Stopwatch;
use words::DocumentWords;

/// Which kinds of evidence the aligner uses. All on by default; switching them off one by one
/// gives the ablation in the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Evidence {
    pub anchors: bool,
    pub paragraphs: bool,
    pub dictionary: bool,
    pub names: bool,
    pub learned: bool,
}

impl Default for Evidence {
    fn default() -> Self {
        Evidence {
            anchors: true,
            paragraphs: true,
            dictionary: true,
            names: true,
            learned: true,
        }
    }
}

impl Evidence {
    /// Gale–Church alone.
    pub fn length_only() -> Self {
        Evidence {
            anchors: false,
            paragraphs: false,
            dictionary: false,
            names: false,
            learned: false,
        }
    }

    fn lexical(&self) -> bool {
        self.dictionary || self.names || self.learned
    }
}

/// Align two sentence lists with all evidence. Every sentence ends up in exactly one link, in
/// order; links with an empty side are omissions.
pub fn align(zh: &[Sentence], en: &[Sentence]) -> Vec<Link> {
    align_with(zh, en, Evidence::default())
}

/// Align with the chosen evidence, in the default number of passes.
pub fn align_with(zh: &[Sentence], en: &[Sentence], evidence: Evidence) -> Vec<Link> {
    align_in_passes(zh, en, evidence, PASSES)
}

/// Align with the chosen evidence in `passes` passes (at least one).
///
/// The first pass runs on the document's raw length ratio, default shape priors and hit
/// rates, and the dictionary alone. Its links then teach the next pass: the length ratio and
/// variance, the shape priors, the hit rates and the utterance model are measured on them, and
/// the learned lexicon is trained on its confident links; and so on.
pub fn align_in_passes(
    zh: &[Sentence],
    en: &[Sentence],
    evidence: Evidence,
    passes: usize,
) -> Vec<Link> {
    align_explained(zh, en, evidence, passes).links
}

/// [`align_in_passes`], with the document's score (see [`doc_score`]).
pub fn align_scored(
    zh: &[Sentence],
    en: &[Sentence],
    evidence: Evidence,
    passes: usize,
) -> (Vec<Link>, doc_score::DocScore) {
    let explained = align_explained(zh, en, evidence, passes);
    let mut score = explained.doc_score;
    score.suspicion = doc_score::suspicion(zh, en, &explained.links, &score);
    score.score = score.score_given_suspicion();
    (explained.links, score)
}

/// [`align_in_passes`], with what each link's score was worked out from.
pub fn align_explained(
    zh: &[Sentence],
    en: &[Sentence],
    evidence: Evidence,
    passes: usize,
) -> calibration::Explained {
    let mut watch = stopwatch::Stopwatch::start();
    let (document, words) = Document::read(zh, en, evidence, &mut watch);
    let (mut pass, mut lexicon) = first_pass(&document, words, &mut watch);
    for number in 1..passes.max(1) {
        let last = number + 1 == passes;
        pass = next_pass(&document, &pass, lexicon.as_mut(), number, last, &mut watch);
    }
    if let Some(lexicon) = lexicon.as_mut().filter(|l| l.whole) {
        // What the refinement and the scores read: the band the posteriors sum over, and
        // around each run of unlinked sentences, the links it may join.
        let (n, m) = (document.zh.len(), document.en.len());
        if lexicon.ready_for(&pass.band.union(&band::refinement_band(&pass.path, n, m))) {
            // A pair the final search read outside the masks (where nothing matched) may
            // match now: its costs are not handed over.
            pass.costs = LinkCosts::default();
        }
    }
    let mut explained = final_links(&document, pass, lexicon.as_ref());
    watch.lap(|| "refinement, posteriors and calibration".into());
    if let Some(lexicon) = lexicon.as_ref() {
        explained.doc_score.moved = moved::find(&explained.links, lexicon);
    }
    explained
}

/// A document's sentences as the scorer sees them: fixed across passes.
struct Document {
    zh: Vec<Features>,
    en: Vec<Features>,
    zh_totals: Totals,
    en_totals: Totals,
    evidence: Evidence,
}

/// The models a pass scores links with, learned from the pass before (defaults for the
/// first).
#[derive(Debug, Clone, Copy)]
struct Models {
    length: LengthModel,
    priors: ShapePriors,
    utterances: UtteranceModel,
    clauses: ClauseModel,
}

/// One pass: the models it searched with and the path it found.
struct Pass {
    models: Models,
    /// Corners where the search was cut into segments aligned in parallel.
    cuts: Vec<(usize, usize)>,
    /// The band the search ended with (widened where the path pressed against it).
    band: Band,
    path: Vec<Step>,
    /// The links the search costed in full, for the last pass's posteriors (else empty).
    costs: LinkCosts,
}

impl Document {
    /// Each sentence's features, and (when lexical evidence is on) the document's words.
    fn read(
        zh: &[Sentence],
        en: &[Sentence],
        evidence: Evidence,
        watch: &mut Stopwatch,
    ) -> (Document, Option<DocumentWords>) {
        // Features and words are independent of each other: worked out side by side, so that
        // the sequential parts of each (numbering Latin words, interning words) overlap.
        let ((zf, ef), words) = rayon::join(
            || document_features(zh, en),
            || {
                evidence
                    .lexical()
                    .then(|| DocumentWords::new(zh, en, evidence.dictionary, evidence.names))
            },
        );
        let document = Document {
            zh_totals: Totals::new(&zf),
            en_totals: Totals::new(&ef),
            zh: zf,
            en: ef,
            evidence,
        };
        watch.lap(|| {
            format!(
                "features and words of {} × {} sentences",
                zh.len(),
                en.len()
            )
        });
        (document, words)
    }

    /// The scorer of links with these models and lexical model.
    fn scorer<'a>(&'a self, models: Models, lexical: Option<&'a Lexical>) -> LinkScorer<'a> {
        LinkScorer {
            zh: &self.zh,
            en: &self.en,
            zh_totals: &self.zh_totals,
            en_totals: &self.en_totals,
            length: models.length,
            lexical,
            evidence: self.evidence,
            priors: models.priors,
            utterances: models.utterances,
            clauses: models.clauses,
        }
    }
}

/// The first pass: the band (and cuts) chosen from the document alone, default models, the
/// dictionary and names as lexicon.
fn first_pass(
    document: &Document,
    words: Option<DocumentWords>,
    watch: &mut Stopwatch,
) -> (Pass, Option<Lexicon>) {
    let (n, m) = (document.zh.len(), document.en.len());
    let numbers = document
        .evidence
        .anchors
        .then_some((&document.zh[..], &document.en[..]));
    let (band, cuts) = choose_band(n, m, words.as_ref(), numbers);
    watch.lap(|| format!("band of {} cells, {} cuts", band.cells(), cuts.len()));
    let trial = trial_band(n, m, words.as_ref(), numbers);
    if let Some(trial) = &trial {
        watch.lap(|| format!("trial band of {} cells", trial.cells()));
    }
    // A document tried in a narrower band first keeps the whole grid's model, its masks
    // worked out where a search reads them.
    let mut lexicon =
        words.map(|w| Lexicon::new(w, trial.as_ref().unwrap_or(&band), trial.is_some()));
    watch.lap(|| "lexical model, pass 0".into());
    let models = Models {
        length: LengthModel::from_totals(&document.zh, &document.en),
        priors: ShapePriors::default(),
        utterances: UtteranceModel::default(),
        clauses: ClauseModel::default(),
    };
    if let Some(trial) = trial {
        debug_assert!(cuts.is_empty(), "a document searched whole has no cuts");
        if let Some(path) = trial::search(document, models, trial, &band, lexicon.as_mut(), watch) {
            // The path the whole grid would have found: recorded with the whole grid as its
            // band, which is what a posterior over this pass would sum over.
            let pass = Pass {
                models,
                cuts,
                band,
                path,
                costs: LinkCosts::default(),
            };
            return (pass, lexicon);
        }
    }
    let beam = FIRST_PASS_BEAM;
    let (path, band, costs) =
        document.search(models, band, (&cuts, beam), false, lexicon.as_mut(), watch);
    let pass = Pass {
        models,
        cuts,
        band,
        path,
        costs,
    };
    (pass, lexicon)
}

/// What a pass teaches the next: its models measured on its links, the cuts moved to the
/// corners it is sure of, the lexicon trained on its confident links.
fn learn_from_pass(
    document: &Document,
    previous: &Pass,
    lexicon: Option<&mut Lexicon>,
    watch: &mut Stopwatch,
) -> (Models, Vec<(usize, usize)>) {
    let path = &previous.path;
    let scorer = document.scorer(previous.models, lexicon.as_deref().map(|l| &l.model));
    let length = reestimate(&scorer, path).unwrap_or(previous.models.length);
    // The previous path's scores, read by the cuts, the utterance model and the learned
    // lexicon.
    let scores: Vec<f64> = path
        .par_iter()
        .map(|s| scorer.score(s.zh.clone(), s.en.clone()))
        .collect();
    let cuts = if previous.cuts.is_empty() {
        Vec::new()
    } else {
        sure_corners(path, &scores, SEGMENT_ROWS)
    };
    // Measured on the links the pass is sure of: where it merged a new utterance into the
    // previous link, it was usually wrong, and should not teach that.
    let confident: Vec<Step> = path
        .iter()
        .zip(&scores)
        .filter(|(_, &score)| score >= LEARN_MIN_CONFIDENCE)
        .map(|(s, _)| s.clone())
        .collect();
    let mut models = Models {
        length,
        priors: ShapePriors::from_path(path),
        utterances: UtteranceModel::from_path(&confident, &document.zh, &document.en),
        // Read off the punctuation, as the utterance boundaries are.
        clauses: if document.evidence.paragraphs {
            ClauseModel::from_path(&confident, &document.zh, &document.en)
        } else {
            ClauseModel::default()
        },
    };
    if let Some(lexicon) = lexicon {
        let trust = |k: usize| scores[k] >= LEARN_MIN_CONFIDENCE;
        lexicon.learn_from(path, document.evidence.learned, trust, watch);
        // After the learning: the names it learns are what openers are most often.
        models
            .utterances
            .measure_openers(&confident, &lexicon.model.masks);
    }
    (models, cuts)
}

/// A later pass: models learned from the previous one, searched near its path; the `last`
/// keeps the links its search costed in full.
fn next_pass(
    document: &Document,
    previous: &Pass,
    mut lexicon: Option<&mut Lexicon>,
    number: usize,
    last: bool,
    watch: &mut Stopwatch,
) -> Pass {
    let (models, cuts) = learn_from_pass(document, previous, lexicon.as_deref_mut(), watch);
    watch.lap(|| format!("learned from pass {}", number - 1));
    let (n, m) = (document.zh.len(), document.en.len());
    let band = Band::along(&previous.path, n, m, PATH_BAND);
    let searched = (&cuts[..], PATH_BEAM);
    let (path, band, costs) =
        document.search(models, band, searched, last, lexicon.as_deref_mut(), watch);
    let scorer = document.scorer(models, lexicon.as_deref().map(|l| &l.model));
    // The search's costs stand whichever path: they are the links' under these models.
    let path = no_worse(path, &previous.path, &scorer);
    Pass {
        models,
        cuts,
        band,
        path,
        costs,
    }
}

/// The later pass's path, unless the path it learned from costs less under the later pass's
/// own models (or the later path's cost is not a number): a later pass searches a band around
/// the previous path, cut at corners of it, so the previous path is always among those it
/// could find, and a dearer result means the beam pruned the better one away. A later pass
/// then never ends worse, by its own measure, than the pass it learned from.
fn no_worse(path: Vec<Step>, previous: &[Step], scorer: &LinkScorer) -> Vec<Step> {
    let total = |p: &[Step]| -> f64 {
        p.par_iter()
            .map(|s| scorer.cost(s.zh.clone(), s.en.clone()))
            .sum()
    };
    let (new, old) = rayon::join(|| total(&path), || total(previous));
    // A relative tolerance: the two sums add the same kind of costs in other orders.
    if new <= old + 1e-9 * old.abs().max(1.0) {
        path
    } else {
        previous.to_vec()
    }
}

/// The last pass's path, refined, as links, each scored with the probability that it is right
/// (see [`calibration`]), from the lattice the last pass searched and the models it was found
/// with.
fn final_links(
    document: &Document,
    pass: Pass,
    lexicon: Option<&Lexicon>,
) -> calibration::Explained {
    let scorer = document.scorer(pass.models, lexicon.map(|l| &l.model));
    let refined = refine::attach_omissions(pass.path.clone(), &scorer);
    let refined = refine::join_past_shapes(refined, &scorer);
    let (band, cuts, costs) = (&pass.band, &pass.cuts, &pass.costs);
    let mut explained = calibration::scored_links(&scorer, band, cuts, costs, &pass.path, refined);
    explained.doc_score = doc_score::DocScore::of(&explained.links, lexicon.map(|l| &l.model));
    explained
}

/// The sentence pairs of a path's 1-1 links.
fn one_to_one(path: &[Step]) -> impl Iterator<Item = (usize, usize)> + '_ {
    path.iter()
        .filter(|s| s.zh.len() == 1 && s.en.len() == 1)
        .map(|s| (s.zh.start, s.en.start))
}

/// Ratio and variance measured on the 1-1 links of a first pass. Links whose length is far off
/// (|δ| > `REESTIMATE_MAX_DELTA` under the first model) are left out, so that misalignments do
/// not inflate the variance. Needs `REESTIMATE_MIN_LINKS` links to say anything.
fn reestimate(scorer: &LinkScorer, path: &[Step]) -> Option<LengthModel> {
    let pairs: Vec<(f64, f64)> = path
        .iter()
        .filter(|s| s.zh.len() == 1 && s.en.len() == 1)
        .map(|s| (scorer.zh[s.zh.start].len, scorer.en[s.en.start].len))
        .filter(|&(lz, le)| {
            lz > 0.0 && le > 0.0 && scorer.length.delta(lz, le).abs() <= REESTIMATE_MAX_DELTA
        })
        .collect();
    if pairs.len() < REESTIMATE_MIN_LINKS {
        return None;
    }
    let ratio = pairs.iter().map(|p| p.1).sum::<f64>() / pairs.iter().map(|p| p.0).sum::<f64>();
    let variance = pairs
        .iter()
        .map(|&(lz, le)| {
            let expected = ratio * lz;
            (le - expected).powi(2) / ((expected + le) / 2.0).max(1.0)
        })
        .sum::<f64>()
        / pairs.len() as f64;
    let (lo, hi) = LENGTH_VARIANCE_RANGE;
    Some(LengthModel {
        ratio,
        variance: variance.clamp(lo, hi),
    })
}

#[cfg(test)]
mod tests {
    use super::params::HIT_RATE_PRIOR;
    use super::*;

    /// Ten sentence pairs, 1-1, where the Chinese word 嘭嗒 (not in the dictionary) and
    /// "zorblax" come together in six of them.
    fn document() -> (Vec<Sentence>, Vec<Sentence>) {
        let pairs = [
            ("嘭嗒今天去了北京。", "Zorblax went to Beijing today."),
            ("他很喜欢读书。", "He likes reading books very much."),
            ("嘭嗒说天气很好。", "Zorblax said the weather was fine."),
            ("我们明天早上见面吧。", "Let us meet tomorrow morning."),
            ("嘭嗒买了一本新书。", "Zorblax bought a new book."),
            (
                "老师在学校工作了二十年。",
                "The teacher worked at the school for twenty years.",
            ),
            (
                "嘭嗒的妹妹住在上海。",
                "Zorblax's younger sister lives in Shanghai.",
            ),
            (
                "晚饭以后大家一起去散步。",
                "After dinner everyone went for a walk together.",
            ),
            (
                "嘭嗒不喜欢喝咖啡。",
                "Zorblax does not like drinking coffee.",
            ),
            ("嘭嗒终于回家了。", "Zorblax finally went home."),
        ];
        let zh = pairs.iter().map(|p| Sentence::new(p.0, 0)).collect();
        let en = pairs.iter().map(|p| Sentence::new(p.1, 0)).collect();
        (zh, en)
    }

    fn senses_count(lexicon: &Lexicon) -> usize {
        lexicon.words.bags.senses.iter().map(Vec::len).sum()
    }

    fn is_cover(path: &[Step], n: usize, m: usize) -> bool {
        let mut at = (0, 0);
        for s in path {
            if (s.zh.start, s.en.start) != at {
                return false;
            }
            at = (s.zh.end, s.en.end);
        }
        at == (n, m)
    }

    #[test]
    fn the_first_pass_links_every_sentence_once_with_default_models() {
        let (zh, en) = document();
        let mut watch = Stopwatch::start();
        let (document, words) = Document::read(&zh, &en, Evidence::default(), &mut watch);
        let (pass, lexicon) = first_pass(&document, words, &mut watch);
        assert!(is_cover(&pass.path, zh.len(), en.len()));
        assert!(pass.path.iter().all(|s| s.zh.len() == 1 && s.en.len() == 1));
        assert!(pass.cuts.is_empty(), "a short document is not cut");
        let hit_rates = lexicon.expect("lexical evidence is on").model.hit_rates();
        assert_eq!(hit_rates.zh, HIT_RATE_PRIOR);
    }

    #[test]
    fn learning_from_a_pass_adds_senses_only_when_the_learned_lexicon_is_on() {
        let (zh, en) = document();
        for learned in [true, false] {
            let evidence = Evidence {
                learned,
                ..Evidence::default()
            };
            let mut watch = Stopwatch::start();
            let (document, words) = Document::read(&zh, &en, evidence, &mut watch);
            let (pass, lexicon) = first_pass(&document, words, &mut watch);
            let mut lexicon = lexicon.expect("lexical evidence is on");
            let before = senses_count(&lexicon);
            let (models, cuts) = learn_from_pass(&document, &pass, Some(&mut lexicon), &mut watch);
            assert_eq!(senses_count(&lexicon) > before, learned);
            assert!(cuts.is_empty());
            // The length ratio is re-measured on the path's 1-1 links: all ten here.
            let (lz, le) = pass.path.iter().fold((0.0, 0.0), |(a, b), s| {
                (
                    a + document.zh[s.zh.start].len,
                    b + document.en[s.en.start].len,
                )
            });
            assert!((models.length.ratio - le / lz).abs() < 1e-9);
            // The next pass searches with what was learned and still links everything.
            let next = next_pass(&document, &pass, Some(&mut lexicon), 1, true, &mut watch);
            assert!(is_cover(&next.path, zh.len(), en.len()));
        }
    }
}
