//! Documents of very different sizes shared among threads: largest first.
//!
//! A corpus mixes one-paragraph pages with book chapters. Handed out in input order (or split
//! in halves, as a parallel iterator does), a long document met last keeps one thread busy
//! while the others wait at the end of the batch. Started in order of decreasing size, each
//! thread taking the next document as soon as it is free (Graham's "longest processing time
//! first" rule), the last to finish are the small ones and the threads end together, within
//! about one small document. The results come back in the input order, so what is written
//! does not depend on the number of threads or on which thread did what.

use crate::ingest::pairs::Source;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// A document's size for [`largest_first`]: the bytes of its file or files (0 for one that
/// cannot be read now; reading it will say why). Bytes stand for the work closely enough: the
/// time to align grows with the sentences, and those with the bytes.
pub fn source_bytes(source: &Source) -> u64 {
    let bytes = |path: &std::path::Path| std::fs::metadata(path).map_or(0, |m| m.len());
    match source {
        Source::One(file) => bytes(&file.path),
        Source::Two { zh, en, .. } => bytes(&zh.path) + bytes(&en.path),
    }
}

/// `work` applied to every item, the items taken largest first (by `size`, ties in input
/// order) by the threads of the current rayon pool; the results in the items' order.
pub fn largest_first<T, R>(
    items: &[T],
    size: impl Fn(&T) -> u64,
    work: impl Fn(&T) -> R + Sync,
) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    let mut order: Vec<usize> = (0..items.len()).collect();
    let sizes: Vec<u64> = items.iter().map(size).collect();
    // Stable: documents of the same size keep their input order.
    order.sort_by_key(|&k| std::cmp::Reverse(sizes[k]));
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<(usize, R)>> = Mutex::new(Vec::with_capacity(items.len()));
    let threads = rayon::current_num_threads().min(items.len()).max(1);
    let take = || {
        let mut mine = Vec::new();
        loop {
            let at = next.fetch_add(1, Ordering::Relaxed);
            let Some(&k) = order.get(at) else { break };
            mine.push((k, work(&items[k])));
        }
        done.lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .extend(mine);
    };
    rayon::scope(|s| {
        for _ in 1..threads {
            s.spawn(|_| take());
        }
        take();
    });
    let mut done = done
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    done.sort_unstable_by_key(|&(k, _)| k);
    done.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_input_order_whatever_the_threads() {
        let items: Vec<u64> = (0..200).map(|k| (k * 7919) % 101).collect();
        let want: Vec<u64> = items.iter().map(|x| x * 2).collect();
        for threads in [1, 2, 3] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let got = pool.install(|| largest_first(&items, |&x| x, |&x| x * 2));
            assert_eq!(got, want, "{threads} threads");
        }
        assert!(largest_first(&[] as &[u64], |&x| x, |&x| x).is_empty());
    }

    #[test]
    fn on_one_thread_the_largest_are_worked_on_first() {
        let items = [3u64, 9, 1, 9, 5];
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let seen = Mutex::new(Vec::new());
        pool.install(|| {
            largest_first(&items, |&x| x, |&x| seen.lock().unwrap().push(x));
        });
        assert_eq!(seen.into_inner().unwrap(), [9, 9, 5, 3, 1]);
    }
}
