//! Progress bars on stderr, only when a person is watching (stderr is a terminal) and
//! `--quiet` was not given; otherwise a hidden bar that costs nothing, so that logs and pipes
//! never receive bar redraws.
//!
//! A corpus run over many articles can take hours, and articles differ in size by orders of
//! magnitude, so its bar (issue 4) shows articles done of the total for "how far", and the
//! sentences aligned so far with their rate for "how fast": articles per second alone swings
//! with the mix of short and long articles.

use indicatif::{ProgressBar, ProgressState, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Whether bars may be drawn at all.
fn wanted(quiet: bool) -> bool {
    !quiet && std::io::stderr().is_terminal()
}

/// A plain bar over `len` items called `what`.
pub fn bar(len: u64, what: &str, quiet: bool) -> ProgressBar {
    if !wanted(quiet) {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    let template = format!(
        "{{elapsed_precise}} [{{bar:40}}] {{pos}}/{{len}} {what} ({{per_sec}}, eta {{eta}})"
    );
    if let Ok(style) = ProgressStyle::with_template(&template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// The corpus run's bar: articles done of the total, sentences aligned so far and their rate.
///
/// Worker threads report each article as they finish it: the counter is atomic and the bar is
/// thread-safe, so the bar moves smoothly instead of in jumps of one chunk.
pub struct CorpusProgress {
    bar: ProgressBar,
    sentences: Arc<AtomicU64>,
}

/// The text first and the bar filling what is left of the line (`wide_bar`), so that the line
/// never wraps on a narrow terminal, which would make every redraw scroll.
const CORPUS_TEMPLATE: &str =
    "{elapsed_precise} {pos}/{len} articles, {sentences} sentences aligned ({sentence_rate}/s), eta {eta} [{wide_bar}]";

impl CorpusProgress {
    pub fn new(articles: u64, quiet: bool) -> CorpusProgress {
        let sentences = Arc::new(AtomicU64::new(0));
        if !wanted(quiet) {
            return CorpusProgress {
                bar: ProgressBar::hidden(),
                sentences,
            };
        }
        let bar = ProgressBar::new(articles);
        let (count, rate) = (Arc::clone(&sentences), Arc::clone(&sentences));
        if let Ok(style) = ProgressStyle::with_template(CORPUS_TEMPLATE) {
            let style = style
                .with_key(
                    "sentences",
                    move |_: &ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = write!(w, "{}", count.load(Ordering::Relaxed));
                    },
                )
                .with_key(
                    "sentence_rate",
                    move |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = write!(
                            w,
                            "{}",
                            per_second(rate.load(Ordering::Relaxed), state.elapsed())
                        );
                    },
                )
                .progress_chars("=> ");
            bar.set_style(style);
        }
        CorpusProgress { bar, sentences }
    }

    /// One article done, with the sentences it aligned (zero for a skipped one).
    pub fn article_done(&self, sentences: u64) {
        self.sentences.fetch_add(sentences, Ordering::Relaxed);
        self.bar.inc(1);
    }

    /// Run `f` (which prints to stderr) with the bar out of the way.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        self.bar.suspend(f)
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// A whole-number rate; 0 before any time has passed rather than infinity.
fn per_second(count: u64, elapsed: Duration) -> u64 {
    let secs = elapsed.as_secs_f64();
    if secs > 0.0 {
        (count as f64 / secs).round() as u64
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rate_is_a_whole_number_per_second() {
        assert_eq!(per_second(1000, Duration::from_millis(400)), 2500);
        assert_eq!(per_second(7, Duration::from_secs(2)), 4);
    }

    #[test]
    fn the_rate_before_any_time_has_passed_is_zero() {
        assert_eq!(per_second(1000, Duration::ZERO), 0);
    }

    #[test]
    fn the_corpus_template_is_valid() {
        assert!(ProgressStyle::with_template(CORPUS_TEMPLATE).is_ok());
    }

    #[test]
    fn a_quiet_run_has_a_hidden_bar_that_still_counts() {
        let progress = CorpusProgress::new(3, true);
        assert!(progress.bar.is_hidden());
        progress.article_done(10);
        progress.article_done(5);
        assert_eq!(
            (
                progress.bar.position(),
                progress.sentences.load(Ordering::Relaxed)
            ),
            (2, 15)
        );
    }
}
