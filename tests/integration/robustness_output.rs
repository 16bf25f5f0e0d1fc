//! Issue 5, output safety: the corpus is replaced only by a complete new corpus, every row has
//! the header's shape, and the bytes do not depend on the thread count.
//!
//! A run writes `DIR/.corpus.tsv.tmp-PID` and renames it to `DIR/corpus.tsv` when complete. A
//! killed process cannot remove its temporary file, so one may be left behind; it is hidden and
//! never named `corpus.tsv`, so no tool or later run takes it for a result (the walk skips
//! hidden files, and rows are only ever read from `corpus.tsv`), and the next run removes it
//! once that process is gone (on Linux, where `/proc` says so).

use crate::util::{corpus, zhen, BIN};
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const OLD: &str = "doc\tzh\ten\tscore\tlink\nold.txt\t旧的。\tOld.\t0.5000\t1-1\n";

fn temporary_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with(".corpus.tsv.tmp-"))
        .collect()
}

/// An input folder of `n` articles (symbolic links to the largest seed, so the folder costs
/// no disk space).
#[cfg(unix)]
fn slow_input(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let seed = fs::canonicalize("seeds/003_1de13378f93a8aba.txt").unwrap();
    for i in 0..n {
        std::os::unix::fs::symlink(&seed, dir.path().join(format!("{i:05}.txt"))).unwrap();
    }
    dir
}

#[cfg(unix)]
#[test]
fn a_run_killed_midway_leaves_the_previous_corpus_intact() {
    let input = slow_input(20_000);
    let out = tempfile::tempdir().unwrap();
    fs::write(out.path().join("corpus.tsv"), OLD).unwrap();
    // The run says one line per article on stderr, into a pipe this test never reads: once
    // the pipe is full (a few hundred articles, far fewer than 20,000) the run blocks, so it
    // cannot finish before the kill, however fast or slow the machine.
    let mut child = Command::new(BIN)
        .args([
            "corpus",
            input.path().to_str().unwrap(),
            "-o",
            out.path().to_str().unwrap(),
        ])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Kill once rows have reached the temporary file (its header alone is 24 bytes).
    let start = Instant::now();
    let written = |dir: &Path| {
        temporary_files(dir)
            .iter()
            .any(|n| fs::metadata(dir.join(n)).is_ok_and(|m| m.len() > 1000))
    };
    while !written(out.path()) {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run ended before writing rows"
        );
        assert!(
            start.elapsed() < Duration::from_secs(300),
            "no rows written in five minutes"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(child.try_wait().unwrap().is_none());
    child.kill().unwrap();
    child.wait().unwrap();

    assert_eq!(
        fs::read_to_string(out.path().join("corpus.tsv")).unwrap(),
        OLD
    );
    // What a kill can leave: at most the hidden temporary file of that process, nothing else.
    let leftovers = temporary_files(out.path());
    assert!(
        leftovers
            .iter()
            .all(|n| *n == format!(".corpus.tsv.tmp-{}", child.id())),
        "{leftovers:?}"
    );
    assert_eq!(
        fs::read_dir(out.path()).unwrap().count(),
        1 + leftovers.len()
    );

    // The next run is not confused by the leftover and replaces the corpus completely.
    let small = tempfile::tempdir().unwrap();
    fs::copy("seeds/001_5104d3bfebe09562.txt", small.path().join("a.txt")).unwrap();
    let run = corpus(&[small.path()], out.path(), &[]);
    assert_eq!(run.status.code(), Some(0));
    let tsv = fs::read_to_string(out.path().join("corpus.tsv")).unwrap();
    assert!(tsv.lines().skip(1).all(|l| l.starts_with("a.txt\t")) && tsv.lines().count() > 10);
    // ... and, the killed process being gone, removes its leftover (Linux can tell).
    if cfg!(target_os = "linux") {
        assert_eq!(temporary_files(out.path()), Vec::<String>::new());
        assert_eq!(fs::read_dir(out.path()).unwrap().count(), 1);
    }
}

#[test]
fn a_corpus_that_cannot_be_put_in_place_fails_without_leaving_a_temporary_file() {
    let out = tempfile::tempdir().unwrap();
    // A non-empty folder where corpus.tsv should go: the final rename fails, for root too.
    fs::create_dir_all(out.path().join("corpus.tsv/keep")).unwrap();
    let run = zhen(&["corpus", "seeds", "-o", out.path().to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("corpus.tsv"));
    assert!(out.path().join("corpus.tsv/keep").is_dir());
    assert_eq!(temporary_files(out.path()), Vec::<String>::new());
}

/// A folder holding one of every awkward kind of input.
fn messy_input() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    for seed in fs::read_dir("seeds").unwrap() {
        let seed = seed.unwrap().path();
        fs::copy(&seed, p.join(seed.file_name().unwrap())).unwrap();
    }
    let article = fs::read_to_string("seeds/000_7e17bcff3271070b.txt").unwrap();
    fs::write(p.join("gbk.txt"), encoding_rs::GBK.encode(&article).0).unwrap();
    fs::write(p.join("crlf.txt"), article.replace('\n', "\r\n")).unwrap();
    fs::write(
        p.join("tabs.txt"),
        article.replace("，", "\t，").replace(". ", ".\u{0b} "),
    )
    .unwrap();
    fs::write(p.join("binary.bin"), [0u8, 1, 2, 3, 255, 254]).unwrap();
    fs::write(p.join("empty.txt"), "").unwrap();
    dir
}

#[test]
fn rows_have_five_clean_fields_and_a_bounded_score_whatever_the_input() {
    let input = messy_input();
    let out = tempfile::tempdir().unwrap();
    let run = corpus(&[input.path()], out.path(), &["--quiet"]);
    assert_eq!(run.status.code(), Some(1), "the binary file fails");
    let tsv = fs::read_to_string(out.path().join("corpus.tsv")).unwrap();
    assert!(tsv.lines().count() > 50);
    for line in tsv.lines().skip(1) {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 5, "{line:?}");
        assert!(
            fields.iter().all(|f| !f.chars().any(char::is_control)),
            "{line:?}"
        );
        let score: f64 = fields[3].parse().unwrap();
        assert!(
            score.is_finite() && (0.0..=1.0).contains(&score),
            "{line:?}"
        );
    }
}

#[test]
fn the_corpus_is_byte_identical_for_one_and_many_threads_on_messy_input() {
    let input = messy_input();
    let corpus_with = |threads: &str| {
        let out = tempfile::tempdir().unwrap();
        corpus(
            &[input.path()],
            out.path(),
            &["--threads", threads, "--quiet"],
        );
        fs::read(out.path().join("corpus.tsv")).unwrap()
    };
    let one = corpus_with("1");
    assert_eq!(corpus_with("4"), one);
    assert_eq!(corpus_with("16"), one);
}
