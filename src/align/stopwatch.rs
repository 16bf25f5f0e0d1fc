//! Stage timings of one alignment, printed to stderr when `ZHEN_ALIGN_TIMINGS` is set: where
//! the time of a long document goes (segmentation, anchors, lexical masks, each search, the
//! learned lexicon), without a profiler. Off by default, and then costs one branch per stage.

use std::time::Instant;

pub struct Stopwatch {
    start: Instant,
    last: Instant,
    on: bool,
    /// CPU time of the process's threads at the last lap (ms), see [`cpu_ms`].
    cpu: f64,
}

impl Stopwatch {
    pub fn start() -> Stopwatch {
        let now = Instant::now();
        let on = std::env::var_os("ZHEN_ALIGN_TIMINGS").is_some();
        Stopwatch {
            start: now,
            last: now,
            cpu: if on { cpu_ms() } else { 0.0 },
            on,
        }
    }

    /// Print the time since the previous lap and since the start, with what was done.
    pub fn lap(&mut self, stage: impl FnOnce() -> String) {
        if self.on {
            let now = Instant::now();
            let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
            let cpu = cpu_ms();
            note!(
                "timing: {:>8.1} ms {:>8.1} ms  cpu {:>7.1} ms  {}",
                ms(now - self.last),
                ms(now - self.start),
                cpu - self.cpu,
                stage()
            );
            self.last = now;
            self.cpu = cpu;
        }
    }
}

/// The CPU time all the process's threads have run (ms), from Linux's per-thread schedstat (0
/// elsewhere): set against a stage's wall time it shows how well the stage used the threads.
/// The kernel updates a running thread's count at its ticks, so short stages read roughly.
/// It counts every thread, so while other documents are aligned alongside (`corpus`), their
/// work is in it too.
fn cpu_ms() -> f64 {
    let mut total = 0.0;
    if let Ok(dir) = std::fs::read_dir("/proc/self/task") {
        for e in dir.flatten() {
            if let Ok(t) = std::fs::read_to_string(e.path().join("schedstat")) {
                total += t
                    .split_whitespace()
                    .next()
                    .and_then(|x| x.parse::<f64>().ok())
                    .unwrap_or(0.0);
            }
        }
    }
    total / 1e6
}
