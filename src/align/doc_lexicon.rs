//! The lexical side of one document across passes: its words, their chance rates, and the
//! lexical model over the cells the searches read.

use super::dp::{Band, Step};
use super::lexical::{DocumentRates, HitRates, Lexical};
use super::one_to_one;
use super::params::HIT_RATE_PRIOR;
use super::stopwatch::Stopwatch;
use super::words::DocumentWords;

/// The lexical side of a document across passes: its words (the learned lexicon adds senses),
/// their chance rates, and the model built from them over `band`.
pub(super) struct Lexicon {
    pub(super) words: DocumentWords,
    pub(super) chance: DocumentRates,
    /// The cells the model covers: the first pass's band, grown wherever a search widened its
    /// own. A later pass searches a narrower band, but which words count as evidence is
    /// judged as in the first.
    pub(super) band: Band,
    pub(super) model: Lexical,
    /// The model is that of the whole grid (a document searched whole, tried in a narrower
    /// band first): which words count is judged over the grid, and `band` is only where its
    /// masks are worked out so far, grown to every band a search or the refinement reads.
    pub(super) whole: bool,
}

impl Lexicon {
    /// The first pass's lexicon: the words' senses as the dictionary and names give them,
    /// default hit rates, the model over `band`.
    ///
    /// With `whole`, the model is the whole grid's, its masks worked out in `band` only.
    pub(super) fn new(words: DocumentWords, band: &Band, whole: bool) -> Lexicon {
        let chance = DocumentRates::count(&words.bags);
        let hit_rates = HitRates {
            zh: HIT_RATE_PRIOR,
            en: HIT_RATE_PRIOR,
        };
        let window = |i| band.window(i);
        let model = if whole {
            Lexical::over_grid(&words.bags, &chance, window, hit_rates)
        } else {
            Lexical::new(&words.bags, &chance, window, hit_rates)
        };
        Lexicon {
            words,
            chance,
            band: band.clone(),
            model,
            whole,
        }
    }

    /// Grow the model's band to cover `band`, rebuilding the model if it did not (only its
    /// masks, for the whole grid's model). Whether it did.
    pub(super) fn cover(&mut self, band: &Band) -> bool {
        let grows = !self.band.covers(band);
        if grows {
            self.band = self.band.union(band);
            let window = |i| self.band.window(i);
            if self.whole {
                self.model.remask(&self.words.bags, window);
            } else {
                self.model = Lexical::new(
                    &self.words.bags,
                    &self.chance,
                    window,
                    self.model.hit_rates(),
                );
            }
        }
        grows
    }

    /// Make the whole grid's model ready to be read in `band`: its masks cover every cell
    /// of the grid that is read, as if they covered the grid. (A model over a band is read
    /// as it is, outside its band too.) Whether the masks grew: the pairs they covered keep
    /// theirs, but a pair outside them, where a search found nothing, may match now.
    pub(super) fn ready_for(&mut self, band: &Band) -> bool {
        self.whole && self.cover(band)
    }

    /// The cells the model holds masks for once grown to `band`. For the whole grid's model
    /// too these are its band's cells only: its masks are worked out there and nowhere else.
    pub(super) fn cells_with(&self, band: &Band) -> usize {
        self.band.union(band).cells()
    }

    /// Learn from a pass's path: when `learn` is on, train the learned lexicon on the links
    /// `trust` accepts and add the senses it finds; then measure the hit rates on the path's
    /// 1-1 links. The model keeps its band and the masks already worked out.
    pub(super) fn learn_from(
        &mut self,
        path: &[Step],
        learn: bool,
        trust: impl Fn(usize) -> bool + Sync,
        watch: &mut Stopwatch,
    ) {
        let mut learned = Vec::new();
        if learn {
            learned = self.words.learn_from(path, trust);
            watch.lap(|| format!("learned lexicon: {} words", learned.len()));
            self.chance.add_senses(&self.words.bags, &learned);
            watch.lap(|| "chance rates".into());
        }
        self.model
            .add_senses(&self.words.bags, &learned, &self.chance, one_to_one(path));
        watch.lap(|| "lexical model".into());
    }
}
