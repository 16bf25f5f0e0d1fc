//! Large vectors whose first touch is shared between the threads.
//!
//! A fresh allocation of megabytes is backed by pages the kernel maps and zeroes the first time
//! each is written, and on a virtual machine that first write can cost as much as the work that
//! fills the vector afterwards. `vec![x; n]` writes every element on the calling thread, so
//! that cost lands on one thread while the others wait; written by the pool in parallel
//! chunks, it is spread over all of them. The contents are the same either way.

use rayon::prelude::*;

/// Below this many bytes a vector is filled on the calling thread: splitting the work costs
/// more than the pages it would share.
const PARALLEL_BYTES: usize = 1 << 18;

/// `vec![value; len]`, written by the thread pool when it is large.
pub fn filled<T: Clone + Send + Sync>(value: T, len: usize) -> Vec<T> {
    if len.saturating_mul(std::mem::size_of::<T>()) < PARALLEL_BYTES {
        return vec![value; len];
    }
    let mut v = Vec::with_capacity(len);
    v.par_extend(rayon::iter::repeat_n(value, len));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filled_vector_holds_len_copies_of_the_value_whatever_its_size() {
        for len in [0, 1, 1000, PARALLEL_BYTES, 3 * PARALLEL_BYTES + 7] {
            let v = filled((1u32, 2u64), len);
            assert_eq!(v.len(), len);
            assert!(v.iter().all(|&x| x == (1, 2)));
        }
    }
}
