//! Stage timings of one alignment, printed to stderr when `ZHEN_ALIGN_TIMINGS` is set: where
//! the time of a long document goes (segmentation, anchors, lexical masks, each search, the
//! learned lexicon), without a profiler. Off by default, and then costs one branch per stage.

use std::time::Instant;

pub struct Stopwatch {
    start: Instant,
    last: Instant,
    on: bool,
}

impl Stopwatch {
    pub fn start() -> Stopwatch {
        let now = Instant::now();
        Stopwatch {
            start: now,
            last: now,
            on: std::env::var_os("ZHEN_ALIGN_TIMINGS").is_some(),
        }
    }

    /// Print the time since the previous lap and since the start, with what was done.
    pub fn lap(&mut self, stage: impl FnOnce() -> String) {
        if self.on {
            let now = Instant::now();
            let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
            note!(
                "timing: {:>8.1} ms {:>8.1} ms  {}",
                ms(now - self.last),
                ms(now - self.start),
                stage()
            );
            self.last = now;
        }
    }
}
