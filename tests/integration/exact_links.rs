//! Exact-link regression tests: the links of the three bilingual seeds and of one long document,
//! compared line for line with files committed under `tests/data/expected/`.
//!
//! The quality tests (`seed_quality`) allow some slack; these allow none, so "same links" in a
//! commit message is checked here, not by files kept outside the repository. When a change moves
//! links on purpose, refresh the files with
//!
//! ```sh
//! ZHEN_ALIGN_BLESS=1 cargo test --release --test integration exact_links
//! ```
//!
//! and state strict/lax F1 on MAC-Dev and the Bible before and after in the commit message.
//!
//! The long document is made here, deterministically, from the seeds' gold links: blocks of the
//! seed links in an order shuffled per block, some sentences numbered, some English sentences
//! left out. Its grid is over a million cells, so it is searched in the anchor band and cut into
//! segments, which the seeds and the property tests (at most 40 × 120 sentences) never reach.
//! A news-size document with untranslated blocks is searched in a trial band around its
//! anchors first, and pinned to the links the whole grid gives it.

use std::path::{Path, PathBuf};
use zhen_align::align::align;
use zhen_align::align::params::{ANCHOR_BAND, FULL_MATRIX_CELLS, SEGMENT_ROWS};
use zhen_align::export::links::{parse_links, write_links, IdLink};
use zhen_align::model::{alignment_fault, Link, Sentence};
use zhen_align::pipeline::article_sentences;

const SEEDS: &[(&str, &str)] = &[
    ("000", "seeds/000_7e17bcff3271070b.txt"),
    ("001", "seeds/001_5104d3bfebe09562.txt"),
    ("003", "seeds/003_1de13378f93a8aba.txt"),
];

/// Blocks of the long document: each holds every gold pair of the three seeds once.
const LONG_BLOCKS: usize = 9;

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn links_text(links: &[Link]) -> String {
    let mut out = Vec::new();
    write_links(&mut out, links).unwrap();
    String::from_utf8(out).unwrap()
}

/// Compare `links` with the committed file `name`, or rewrite the file when blessing.
fn assert_links_are(name: &str, links: &[Link]) {
    let path = repo(&format!("tests/data/expected/{name}.links"));
    let got = links_text(links);
    if std::env::var_os("ZHEN_ALIGN_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &got).unwrap();
        return;
    }
    let want = read(&path);
    if got != want {
        let first = got
            .lines()
            .zip(want.lines())
            .position(|(g, w)| g != w)
            .unwrap_or(got.lines().count().min(want.lines().count()));
        panic!(
            "{name}: links differ from {} from line {} on ({} links now, {} expected); if the \
             change is meant, refresh with ZHEN_ALIGN_BLESS=1 and report F1 before and after",
            path.display(),
            first + 1,
            got.lines().count(),
            want.lines().count()
        );
    }
}

#[test]
fn the_bilingual_seeds_keep_their_exact_links() {
    for (name, path) in SEEDS {
        let (_, zh, en) = article_sentences(&read(&repo(path)));
        let links = align(&zh, &en);
        assert_eq!(alignment_fault(&links, zh.len(), en.len()), None);
        assert_links_are(&format!("seed-{name}"), &links);
    }
}

/// A small linear congruential generator (Knuth's MMIX constants): the same sequence on every
/// machine, with no dependency.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// The gold pairs of the seeds (links with both sides), as sentence texts.
fn seed_pairs() -> Vec<(Vec<String>, Vec<String>)> {
    let mut pairs = Vec::new();
    for (name, _) in SEEDS {
        let lines = |side: &str| -> Vec<String> {
            read(&repo(&format!("tests/data/seeds/{name}.{side}")))
                .lines()
                .map(String::from)
                .collect()
        };
        let (zh, en) = (lines("zh"), lines("en"));
        let gold = parse_links(&read(&repo(&format!("tests/data/seeds/{name}.gold")))).unwrap();
        for IdLink { zh: z, en: e } in gold.into_iter().filter(IdLink::is_pair) {
            pairs.push((
                z.iter().map(|&i| zh[i].clone()).collect(),
                e.iter().map(|&i| en[i].clone()).collect(),
            ));
        }
    }
    pairs
}

/// The long document: `LONG_BLOCKS` blocks, each the seed pairs in a shuffled order, one
/// paragraph per pair; every fifth pair carries its number on both sides (anchors), and about
/// one English sentence in thirty is left out (omissions for the search to find).
fn long_document() -> (Vec<Sentence>, Vec<Sentence>) {
    let pairs = seed_pairs();
    let mut rng = Lcg(20261202);
    let (mut zh, mut en) = (Vec::new(), Vec::new());
    let mut paragraph = 0;
    for block in 0..LONG_BLOCKS {
        let mut order: Vec<usize> = (0..pairs.len()).collect();
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        for (k, &p) in order.iter().enumerate() {
            let (z, e) = &pairs[p];
            let numbered = k % 5 == 0;
            for (i, s) in z.iter().enumerate() {
                let mut text = s.clone();
                if numbered && i == 0 {
                    text.push_str(&format!("（第{block}卷第{k}条）"));
                }
                zh.push(Sentence::new(text, paragraph));
            }
            for (i, s) in e.iter().enumerate() {
                if rng.below(30) == 0 {
                    continue;
                }
                let mut text = s.clone();
                if numbered && i == 0 {
                    text.push_str(&format!(" (Volume {block}, item {k}.)"));
                }
                en.push(Sentence::new(text, paragraph));
            }
            paragraph += 1;
        }
    }
    (zh, en)
}

#[test]
fn a_long_document_searched_in_the_band_keeps_its_exact_links() {
    let (zh, en) = long_document();
    assert!(
        zh.len() * en.len() > FULL_MATRIX_CELLS && zh.len() > 2 * SEGMENT_ROWS,
        "the long document ({} × {}) must reach the band and the segment cuts",
        zh.len(),
        en.len()
    );
    let links = align(&zh, &en);
    assert_eq!(alignment_fault(&links, zh.len(), en.len()), None);
    assert_links_are("long", &links);
}

/// A news-size document: three quarters of the seed pairs in a shuffled order, one paragraph
/// each; with `blocks`, an untranslated block on each side (Chinese sentences of the other
/// pairs, with no English, and English sentences with no Chinese), the kind of passage a band
/// around the anchors could jump over: the search then presses on the trial band's edge and
/// goes to the whole grid.
fn news_document(blocks: bool) -> (Vec<Sentence>, Vec<Sentence>) {
    let pairs = seed_pairs();
    let mut rng = Lcg(18);
    let mut order: Vec<usize> = (0..pairs.len()).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i + 1));
    }
    let (kept, donors) = order.split_at(order.len() * 3 / 4);
    let (zh_block_at, en_block_at) = (kept.len() / 3, kept.len() * 2 / 3);
    let (mut zh, mut en) = (Vec::new(), Vec::new());
    for (k, &p) in kept.iter().enumerate() {
        if blocks && k == zh_block_at {
            for &d in &donors[..donors.len() / 2] {
                zh.extend(pairs[d].0.iter().map(|s| Sentence::new(s.clone(), k)));
            }
        }
        if blocks && k == en_block_at {
            for &d in &donors[donors.len() / 2..] {
                en.extend(pairs[d].1.iter().map(|s| Sentence::new(s.clone(), k)));
            }
        }
        let (z, e) = &pairs[p];
        zh.extend(z.iter().map(|s| Sentence::new(s.clone(), k)));
        en.extend(e.iter().map(|s| Sentence::new(s.clone(), k)));
    }
    (zh, en)
}

#[test]
fn news_size_documents_tried_in_a_trial_band_keep_their_exact_links() {
    for (blocks, name) in [(false, "news"), (true, "news-untranslated")] {
        let (zh, en) = news_document(blocks);
        assert!(
            en.len() > 4 * ANCHOR_BAND && zh.len() * en.len() <= FULL_MATRIX_CELLS,
            "{name} ({} × {}) must be a document tried in a trial band",
            zh.len(),
            en.len()
        );
        let links = align(&zh, &en);
        assert_eq!(alignment_fault(&links, zh.len(), en.len()), None);
        assert_links_are(name, &links);
    }
}

#[test]
fn a_changed_link_is_caught() {
    if std::env::var_os("ZHEN_ALIGN_BLESS").is_some() {
        return; // blessing would write the changed links
    }
    let (_, zh, en) = article_sentences(&read(&repo(SEEDS[0].1)));
    let mut links = align(&zh, &en);
    let k = links.iter().position(Link::is_pair).unwrap();
    let other = links.iter().skip(k + 1).position(Link::is_pair).unwrap() + k + 1;
    links.swap(k, other);
    let moved = std::panic::catch_unwind(|| assert_links_are("seed-000", &links));
    assert!(moved.is_err(), "a swapped pair of links went unnoticed");
}
