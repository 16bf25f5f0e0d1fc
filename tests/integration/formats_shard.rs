//! `corpus --shard K/N`: N jobs over the same inputs cover the corpus exactly once.

use std::path::Path;
use std::process::Command;

fn corpus(input: &Path, out: &Path, extra: &[&str]) -> Vec<String> {
    let run = Command::new(env!("CARGO_BIN_EXE_zhen-align"))
        .args([
            "corpus",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "-q",
        ])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    std::fs::read_to_string(out.join("corpus.tsv"))
        .unwrap()
        .lines()
        .skip(1)
        .map(String::from)
        .collect()
}

/// The seeds, several times over under different names, so that shards have several files each.
fn many_articles() -> tempfile::TempDir {
    let input = tempfile::tempdir().unwrap();
    for copy in 0..4 {
        let folder = input.path().join(format!("copy{copy}"));
        std::fs::create_dir_all(&folder).unwrap();
        for seed in std::fs::read_dir("seeds").unwrap() {
            let seed = seed.unwrap().path();
            std::fs::copy(&seed, folder.join(seed.file_name().unwrap())).unwrap();
        }
    }
    input
}

#[test]
fn the_union_of_the_shards_is_the_whole_corpus_and_no_document_is_in_two() {
    let input = many_articles();
    let whole_out = tempfile::tempdir().unwrap();
    let whole = corpus(input.path(), whole_out.path(), &[]);
    let n = 3;
    let mut union = Vec::new();
    let mut docs_per_shard = Vec::new();
    for k in 1..=n {
        let out = tempfile::tempdir().unwrap();
        let rows = corpus(input.path(), out.path(), &["--shard", &format!("{k}/{n}")]);
        let docs: std::collections::BTreeSet<String> = rows
            .iter()
            .map(|r| r.split('\t').next().unwrap().to_string())
            .collect();
        docs_per_shard.push(docs);
        union.extend(rows);
    }
    for (i, a) in docs_per_shard.iter().enumerate() {
        assert!(!a.is_empty(), "shard {} got no bilingual document", i + 1);
        for b in &docs_per_shard[i + 1..] {
            assert!(a.is_disjoint(b));
        }
    }
    let (mut union, mut whole) = (union, whole);
    union.sort();
    whole.sort();
    assert_eq!(union, whole);
}

#[test]
fn a_shard_is_the_same_on_every_run() {
    let input = many_articles();
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    assert_eq!(
        corpus(
            input.path(),
            a.path(),
            &["--shard", "2/3", "--threads", "1"]
        ),
        corpus(input.path(), b.path(), &["--shard", "2/3"])
    );
}

#[test]
fn a_shard_outside_one_to_n_is_a_usage_error() {
    for bad in ["0/3", "4/3", "3", "1/0"] {
        let run = Command::new(env!("CARGO_BIN_EXE_zhen-align"))
            .args(["corpus", "seeds", "--shard", bad])
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(2), "{bad}");
    }
}
