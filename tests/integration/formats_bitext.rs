//! `--format bitext`: Moses-style corpus.zh / corpus.en, line i of one the translation of line i
//! of the other.

use std::path::Path;
use std::process::Command;

fn read(out: &Path, name: &str) -> String {
    std::fs::read_to_string(out.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn the_two_files_have_as_many_lines_as_the_corpus_has_rows_and_the_same_texts() {
    let out = tempfile::tempdir().unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_zhen-align"))
        .args([
            "corpus",
            "seeds",
            "-o",
            out.path().to_str().unwrap(),
            "--format",
            "bitext",
            "--format",
            "tsv",
            "-q",
        ])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let (zh, en, tsv) = (
        read(out.path(), "corpus.zh"),
        read(out.path(), "corpus.en"),
        read(out.path(), "corpus.tsv"),
    );
    let rows: Vec<Vec<&str>> = tsv
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect())
        .collect();
    assert_eq!(zh.lines().count(), en.lines().count());
    assert_eq!(zh.lines().count(), rows.len());
    for ((z, e), row) in zh.lines().zip(en.lines()).zip(&rows) {
        assert_eq!((z, e), (row[1], row[2]));
        assert!(
            !z.trim().is_empty() && !e.trim().is_empty(),
            "an empty line would mean an empty side"
        );
    }
}

#[test]
fn bitext_alone_writes_no_tsv() {
    let out = tempfile::tempdir().unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_zhen-align"))
        .args([
            "corpus",
            "seeds",
            "-o",
            out.path().to_str().unwrap(),
            "--format",
            "bitext",
            "-q",
        ])
        .output()
        .unwrap();
    assert!(run.status.success());
    assert!(!out.path().join("corpus.tsv").exists());
    assert!(out.path().join("corpus.zh").exists() && out.path().join("corpus.en").exists());
}
