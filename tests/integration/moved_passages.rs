//! Moved passages: a block of English sentences cut out and put back elsewhere is reported
//! (a warning naming the document and both sides' sentence ranges, and a count in the corpus
//! summary); an ordinary translation and untranslated blocks inserted on both sides are not.

use crate::util::{corpus, seed_lines, stderr_of, write_lines, zhen};
use std::ops::Range;
use std::path::Path;

/// Seed 003 with its English sentences `block` cut out and put back before sentence `before`.
fn moved_english(block: Range<usize>, before: usize) -> (Vec<String>, Vec<String>) {
    let en = seed_lines("003.en");
    let order = (0..block.start)
        .chain(block.end..before)
        .chain(block.clone())
        .chain(before..en.len());
    (seed_lines("003.zh"), order.map(|k| en[k].clone()).collect())
}

/// `align --presplit` of the two sides written into `dir`: the links printed and stderr.
fn align(dir: &Path, zh: &[String], en: &[String]) -> (String, String) {
    let (zp, ep) = (dir.join("doc.zh"), dir.join("doc.en"));
    write_lines(&zp, zh);
    write_lines(&ep, en);
    let args = ["align", "--presplit", "--format", "links", "--zh"];
    let mut args: Vec<&str> = args.to_vec();
    args.extend([zp.to_str().unwrap(), "--en", ep.to_str().unwrap()]);
    let run = zhen(&args);
    assert!(run.status.success(), "{}", stderr_of(&run));
    (String::from_utf8_lossy(&run.stdout).into(), stderr_of(&run))
}

/// The ranges `zh A-B / en C-D` of the first passage the warning names, as half-open ranges.
fn named_passage(err: &str) -> Option<(Range<usize>, Range<usize>)> {
    let text = err.split("seems moved: zh ").nth(1)?;
    let number = |s: &str| s.trim().parse::<usize>().ok();
    let (zh, rest) = text.split_once(" / en ")?;
    let en = rest.split_whitespace().next()?;
    let (a, b) = zh.split_once('-')?;
    let (c, d) = en.split_once('-')?;
    Some((number(a)?..number(b)? + 1, number(c)?..number(d)? + 1))
}

/// The Chinese ids the gold of seed 003 links to English sentences `en`.
fn gold_zh_of(en: Range<usize>) -> Vec<usize> {
    let ids = |s: &str| -> Vec<usize> {
        let s = s.trim_matches(|c| c == '[' || c == ']');
        s.split(',').filter_map(|x| x.trim().parse().ok()).collect()
    };
    let mut zh = Vec::new();
    for line in seed_lines("003.gold") {
        let mut sides = line.split(':');
        let (z, e) = (ids(sides.next().unwrap()), ids(sides.next().unwrap_or("")));
        if e.iter().any(|j| en.contains(j)) {
            zh.extend(z);
        }
    }
    zh
}

#[test]
fn a_moved_block_of_english_sentences_is_named_with_both_sides_ranges() {
    let dir = tempfile::tempdir().unwrap();
    // Ten English sentences moved thirty sentences on: they now stand at 45..55.
    let (zh, en) = moved_english(15..25, 55);
    let (links, err) = align(dir.path(), &zh, &en);
    assert!(
        err.contains("doc.zh + "),
        "the warning names the files: {err}"
    );
    let (z, e) = named_passage(&err).unwrap_or_else(|| panic!("no moved passage: {err}"));
    // The English range is where the block now stands, give or take a loose neighbour.
    assert!(e.start >= 43 && e.end <= 57 && e.len() >= 8, "{e:?}: {err}");
    // The Chinese range holds most of what the gold links to the block.
    let gold = gold_zh_of(15..25);
    let inside = gold.iter().filter(|i| z.contains(i)).count();
    assert!(2 * inside > gold.len(), "{z:?} against {gold:?}: {err}");
    // Only reported: the links stay one per sentence, in order.
    assert!(links.lines().count() > 40, "{links}");
}

#[test]
fn the_corpus_summary_counts_moved_passages() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let (zh, en) = moved_english(15..25, 55);
    write_lines(&input.join("doc.zh.txt"), &zh);
    write_lines(&input.join("doc.en.txt"), &en);
    let run = corpus(&[&input], &dir.path().join("out"), &[]);
    let err = stderr_of(&run);
    assert!(run.status.success(), "{err}");
    assert!(err.contains("warning: a passage seems moved"), "{err}");
    assert!(err.contains("; 1 moved passage"), "{err}");
}

#[test]
fn an_ordinary_translation_and_untranslated_inserted_blocks_are_no_moved_passage() {
    let dir = tempfile::tempdir().unwrap();
    let (zh, en) = (seed_lines("003.zh"), seed_lines("003.en"));
    let (_, err) = align(dir.path(), &zh, &en);
    assert!(!err.contains("moved"), "{err}");
    // Ten English sentences of another seed early on, ten Chinese ones of a third late: two
    // runs of omissions far apart, which translate nothing of each other.
    let mut en_inserted = en[..15].to_vec();
    en_inserted.extend(seed_lines("001.en").into_iter().take(10));
    en_inserted.extend_from_slice(&en[15..]);
    let mut zh_inserted = zh[..50].to_vec();
    zh_inserted.extend(seed_lines("000.zh").into_iter().take(10));
    zh_inserted.extend_from_slice(&zh[50..]);
    let (links, err) = align(dir.path(), &zh_inserted, &en_inserted);
    assert!(!err.contains("moved"), "{err}");
    // The inserted sentences are left out on both sides: the runs the test weighed.
    let omitted = |side: &str| links.lines().filter(|l| l.contains(side)).count();
    assert!(omitted(":[]") >= 4 && omitted("[]:") >= 4, "{links}");
}
