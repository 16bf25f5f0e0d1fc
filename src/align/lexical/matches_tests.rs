//! Tests of the per-pair match masks.

use super::*;

#[test]
fn a_word_rate_counts_the_sentences_where_any_sense_is_found() {
    // English sentences as stem bags; word 0 has senses {1}, {2, 3} (both needed) and
    // {4, 5, 6} (any two needed).
    let en: Vec<Bag> = [
        vec![1],
        vec![2],
        vec![2, 3],
        vec![4],
        vec![5, 6],
        vec![4, 6, 9],
        vec![1, 2, 3],
        vec![9],
    ]
    .into_iter()
    .map(|words| Bag { words })
    .collect();
    let senses: Senses = vec![vec![vec![1], vec![2, 3], vec![4, 5, 6]], vec![]];
    let p = postings(&en);
    // Found in 0 ({1}), 2 ({2, 3}), 4 and 5 (two of {4, 5, 6}), 6 (both): five sentences.
    let by_bags = (0..en.len())
        .filter(|&j| {
            senses[0]
                .iter()
                .any(|s| sense_found(s, &en[j].words).is_some())
        })
        .count();
    assert_eq!(by_bags, 5);
    let mut seen = vec![u32::MAX; en.len()];
    assert_eq!(zh_word_rate(0, &p, &senses, &mut seen), 5);
    assert_eq!(zh_word_rate(1, &p, &senses, &mut seen), 0);
}

/// Read off the postings, where an anchor stem stands finds a sense in a sentence exactly as
/// searching the sentence's words does, for senses of one, two and three stems.
#[test]
fn a_sense_is_found_from_where_its_anchor_stem_stands_as_by_search() {
    let en: Vec<Bag> = [
        vec![1],
        vec![7, 2],
        vec![2, 3],
        vec![3, 8, 2],
        vec![4],
        vec![9, 5, 6],
        vec![6, 4, 9],
        vec![1, 2, 3, 4, 5, 6],
    ]
    .into_iter()
    .map(|words| Bag { words })
    .collect();
    let (p, at) = (postings(&en), positions(&en));
    let senses = [
        vec![1],
        vec![2],
        vec![2, 3],
        vec![3, 2],
        vec![4, 5, 6],
        vec![9, 4],
    ];
    let mut checked = 0;
    for sense in &senses {
        for &stem in anchor_stems(sense) {
            for (&j, &k) in p[&stem].iter().zip(&at[&stem]) {
                let words = &en[j as usize].words;
                assert_eq!(words[usize::from(k)], stem);
                assert_eq!(
                    sense_found_at(sense, stem, k, words),
                    sense_found(sense, words),
                    "sense {sense:?} by stem {stem} in sentence {j}"
                );
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 23);
}

/// The beam and the exact search skip a link's word evidence when its bound cannot beat
/// the best cost so far: the links are exact only if the bound is never below the ratio.
#[test]
fn intersecting_sorted_lists_finds_the_common_values() {
    let mut got = Vec::new();
    intersect(&[1, 4, 9, 12], &[0, 1, 2, 3, 9, 10, 12, 40], &mut |x| {
        got.push(x)
    });
    assert_eq!(got, [1, 9, 12]);
}
