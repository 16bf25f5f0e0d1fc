//! A pass's search: the best path in its band, the band widened where the path presses on it.

use super::budget;
use super::costing::LinkCosts;
use super::doc_lexicon::Lexicon;
use super::dp::{best_path_segmented, Band, Step};
use super::lexical::Lexical;
use super::params::{BAND_EDGE_MARGIN, BAND_WIDENINGS, BAND_WIDEN_BY, BAND_WIDEN_REACH};
use super::stopwatch::Stopwatch;
use super::{Document, Models};

impl Document {
    /// The best path in `band` as it is, and with `keep` the links it costed in full.
    fn search_once(
        &self,
        models: Models,
        band: &Band,
        (cuts, beam): (&[(usize, usize)], f64),
        lexical: Option<&Lexical>,
        keep: bool,
    ) -> (Vec<Step>, LinkCosts) {
        let (n, m) = (self.zh.len(), self.en.len());
        let scorer = self.scorer(models, lexical);
        best_path_segmented(n, m, band, cuts, beam, &scorer, keep)
    }

    /// The best path in `band`, widened where the path presses against its edge. The
    /// lexicon's model is rebuilt wherever the band grows past it. With `keep`, also the links
    /// the search that found the path costed in full (for the posterior lattice).
    pub(super) fn search(
        &self,
        models: Models,
        mut band: Band,
        (cuts, beam): (&[(usize, usize)], f64),
        keep: bool,
        mut lexicon: Option<&mut Lexicon>,
        watch: &mut Stopwatch,
    ) -> (Vec<Step>, Band, LinkCosts) {
        let (n, m) = (self.zh.len(), self.en.len());
        if let Some(lexicon) = lexicon.as_deref_mut() {
            lexicon.ready_for(&band);
        }
        let search = |band: &Band, lexical: Option<&Lexical>| {
            self.search_once(models, band, (cuts, beam), lexical, keep)
        };
        let (mut path, mut costs) = search(&band, lexicon.as_deref().map(|l| &l.model));
        watch.lap(|| format!("search of {} cells", band.cells()));
        // Where the path runs along the band's edge, the band was too narrow: widen it there
        // and search again (the band only ever grows, so this ends). Past the most cells a
        // band may hold, the path found stands: time and memory stay linear whatever the
        // document (a repetitive one can press everywhere).
        let most_cells = budget::max_band_cells(n, m);
        for _ in 0..BAND_WIDENINGS {
            let pressed = band.pressed_rows(&path, BAND_EDGE_MARGIN, m);
            if pressed.is_empty() {
                break;
            }
            let mut wider = band.clone();
            wider.widen(&pressed, BAND_WIDEN_REACH, BAND_WIDEN_BY, m);
            let lexical_cells = lexicon.as_deref().map_or(0, |l| l.cells_with(&wider));
            if wider.cells().max(lexical_cells) > most_cells {
                break;
            }
            band = wider;
            if let Some(lexicon) = lexicon.as_deref_mut() {
                lexicon.cover(&band);
            }
            // The narrower search's costs go before the wider one keeps its own.
            drop(std::mem::take(&mut costs));
            (path, costs) = search(&band, lexicon.as_deref().map(|l| &l.model));
            watch.lap(|| format!("search of {} cells after widening", band.cells()));
        }
        (path, band, costs)
    }
}
