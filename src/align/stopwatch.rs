//! Stage timings of one alignment, printed to stderr when `ZHEN_ALIGN_TIMINGS` is set: where
//! the time of a long document goes (segmentation, anchors, lexical masks, each search, the
//! learned lexicon), without a profiler. Off by default, and then costs one branch per stage.

use std::time::Instant;

pub struct Stopwatch {
    start: Instant,
    last: Instant,
    on: bool,
    /// Each thread's CPU time at the last lap (ns by thread id), see [`thread_cpu`].
    cpu: Vec<(u64, f64)>,
}

impl Stopwatch {
    pub fn start() -> Stopwatch {
        let now = Instant::now();
        let on = std::env::var_os("ZHEN_ALIGN_TIMINGS").is_some();
        Stopwatch {
            start: now,
            last: now,
            cpu: if on { thread_cpu() } else { Vec::new() },
            on,
        }
    }

    /// Print the time since the previous lap and since the start, with what was done: also
    /// the CPU time the stage took on all threads, and on the main thread plus the busiest
    /// other thread, the stage's critical path.
    pub fn lap(&mut self, stage: impl FnOnce() -> String) {
        if self.on {
            let now = Instant::now();
            let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
            let cpu = thread_cpu();
            let (total, path) = spent(&self.cpu, &cpu);
            note!(
                "timing: {:>8.1} ms {:>8.1} ms  cpu {:>7.1} ms  path {:>7.1} ms  {}",
                ms(now - self.last),
                ms(now - self.start),
                total / 1e6,
                path / 1e6,
                stage()
            );
            self.last = now;
            self.cpu = cpu;
        }
    }
}

/// The CPU time (ns) threads spent between two readings of [`thread_cpu`]: all of them
/// together, and the main thread's plus the busiest other thread's. On an idle machine the
/// second is about the stage's wall time, since the main thread waits while the pool works
/// and the busiest worker finishes last; on a shared machine, where the wall clock also counts
/// the time other guests take, it is what the stage would take alone. Threads' counts exclude
/// the time they were made to wait, so it is read from them and not from the wall clock.
fn spent(before: &[(u64, f64)], after: &[(u64, f64)]) -> (f64, f64) {
    let main = u64::from(std::process::id());
    let (mut total, mut main_ns, mut busiest) = (0.0, 0.0, 0.0f64);
    for &(tid, ns) in after {
        let was = before.iter().find(|b| b.0 == tid).map_or(0.0, |b| b.1);
        let d = ns - was;
        total += d;
        if tid == main {
            main_ns = d;
        } else {
            busiest = busiest.max(d);
        }
    }
    (total, main_ns + busiest)
}

/// The CPU time each of the process's threads has run (thread id, ns), from Linux's per-thread
/// schedstat (empty elsewhere). The kernel updates a running thread's count at its ticks, so
/// short stages read roughly. It counts every thread, so while other documents are aligned
/// alongside (`corpus`), their work is in it too.
fn thread_cpu() -> Vec<(u64, f64)> {
    let mut threads = Vec::new();
    if let Ok(dir) = std::fs::read_dir("/proc/self/task") {
        for e in dir.flatten() {
            let tid = e.file_name().to_str().and_then(|t| t.parse::<u64>().ok());
            let ns = std::fs::read_to_string(e.path().join("schedstat"))
                .ok()
                .and_then(|t| t.split_whitespace().next()?.parse::<f64>().ok());
            if let (Some(tid), Some(ns)) = (tid, ns) {
                threads.push((tid, ns));
            }
        }
    }
    threads
}

#[cfg(test)]
mod tests {
    use super::spent;

    #[test]
    fn the_critical_path_is_the_main_thread_and_the_busiest_other() {
        let main = u64::from(std::process::id());
        let before = [(main, 10.0), (7, 100.0), (8, 50.0)];
        // A thread new since the last lap counts from nothing.
        let after = [(main, 15.0), (7, 130.0), (8, 90.0), (9, 20.0)];
        assert_eq!(
            spent(&before, &after),
            (5.0 + 30.0 + 40.0 + 20.0, 5.0 + 40.0)
        );
    }
}
