//! The first search of a document searched whole: in the band around its anchors first (see
//! `band::trial_band`), opened to whole rows where the path presses on the band's edge.

use super::doc_lexicon::Lexicon;
use super::dp::{best_path_resumed, Band, Filled, Step};
use super::lexical::Lexical;
use super::params::{
    BAND_WIDEN_REACH, FIRST_PASS_BEAM, TRIAL_EDGE_MARGIN, TRIAL_MAX_SHARE, TRIAL_OPENINGS,
};
use super::stopwatch::Stopwatch;
use super::{Document, Models};

/// The path the whole grid (`grid`) would give, looked for in the trial band: None when the
/// path still presses on the band's edge after `TRIAL_OPENINGS` rounds of opening, or when the
/// band opened no longer saves much, and the whole grid is to be searched.
pub(super) fn search(
    document: &Document,
    models: Models,
    mut trial: Band,
    grid: &Band,
    mut lexicon: Option<&mut Lexicon>,
    watch: &mut Stopwatch,
) -> Option<Vec<Step>> {
    let m = document.en.len();
    // Each round's search starts at the first row the band opened: the rows before it are
    // those of the round before.
    let mut filled = None;
    for round in 0..=TRIAL_OPENINGS {
        // Searched without the cells no path from the start to the end goes through (the
        // far side of rows opened whole, past where the band's later rows end): they can
        // never be on the path found.
        let searched = trial.trimmed();
        if let Some(lexicon) = lexicon.as_deref_mut() {
            lexicon.ready_for(&searched);
        }
        let lexical = lexicon.as_deref().map(|l| &l.model);
        let (path, table, from) = resumed(document, models, &searched, lexical, filled);
        filled = Some(table);
        let pressed = trial.pressed_rows(&path, TRIAL_EDGE_MARGIN, m);
        watch.lap(|| {
            format!(
                "search of {} cells in the trial band from row {from}, pressed on {} rows",
                searched.cells(),
                pressed.len()
            )
        });
        if pressed.is_empty() {
            return Some(path);
        }
        // Where the path presses, the band opens to whole rows (the grid there), as far
        // either side as a band is widened (`BAND_WIDEN_REACH`); once that no longer saves
        // much, or after `TRIAL_OPENINGS` rounds, the whole grid is searched.
        trial.widen(&pressed, BAND_WIDEN_REACH, m, m);
        if round == TRIAL_OPENINGS || trial.cells().saturating_mul(TRIAL_MAX_SHARE) > grid.cells() {
            return None;
        }
    }
    None
}

/// `Document::search_once` without cuts, given the table of the round before (see
/// [`best_path_resumed`]): also this search's table and the row it was filled from.
fn resumed(
    document: &Document,
    models: Models,
    band: &Band,
    lexical: Option<&Lexical>,
    previous: Option<Filled>,
) -> (Vec<Step>, Filled, usize) {
    let (n, m) = (document.zh.len(), document.en.len());
    let scorer = document.scorer(models, lexical);
    // As `best_path_segmented` searches its single segment.
    let band = band.slice((0, 0), (n, m));
    best_path_resumed(n, m, &band, FIRST_PASS_BEAM, &scorer, previous)
}
