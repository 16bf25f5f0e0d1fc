//! The `corpus` and `align` commands end to end: the contract users' scripts rely on.

use crate::util::{corpus, stderr_of, zhen};
use std::path::Path;

fn corpus_of(output: &Path) -> String {
    std::fs::read_to_string(output.join("corpus.tsv")).expect("corpus.tsv written")
}

#[test]
fn the_seeds_give_pairs_for_the_bilingual_articles_only() {
    let out = tempfile::tempdir().unwrap();
    let run = zhen(&["corpus", "seeds", "-o", out.path().to_str().unwrap()]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let tsv = corpus_of(out.path());
    let mut lines = tsv.lines();
    assert_eq!(lines.next(), Some("doc\tzh\ten\tscore\tlink"));
    let docs: Vec<&str> = lines
        .clone()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    for bilingual in [
        "000_7e17bcff3271070b.txt",
        "001_5104d3bfebe09562.txt",
        "003_1de13378f93a8aba.txt",
    ] {
        assert!(
            docs.iter().filter(|d| **d == bilingual).count() >= 15,
            "{bilingual} has too few pairs"
        );
    }
    assert!(!docs
        .iter()
        .any(|d| d.starts_with("002") || d.starts_with("004")));
    // Rows in input order.
    let mut sorted = docs.clone();
    sorted.sort();
    assert_eq!(docs, sorted);
    for line in lines {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 5, "{line}");
        assert!(!fields[1].is_empty() && !fields[2].is_empty());
        let score: f64 = fields[3].parse().unwrap();
        assert!((0.0..=1.0).contains(&score));
        let (z, e) = fields[4].split_once('-').unwrap();
        assert!(z.parse::<usize>().unwrap() >= 1 && e.parse::<usize>().unwrap() >= 1);
    }
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("002_f8878bec3937b126.txt: skipped (monolingual: Chinese only)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("004_35ec17c2890a1578.txt: skipped (monolingual: Chinese only)"),
        "{stderr}"
    );
    assert!(stderr.contains("interleaved"), "{stderr}");
}

#[test]
fn output_is_byte_identical_for_any_thread_count() {
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    assert!(zhen(&[
        "corpus",
        "seeds",
        "-o",
        one.path().to_str().unwrap(),
        "--threads",
        "1",
        "--quiet"
    ])
    .status
    .success());
    assert!(zhen(&[
        "--threads",
        "2",
        "corpus",
        "seeds",
        "-o",
        two.path().to_str().unwrap()
    ])
    .status
    .success());
    assert_eq!(corpus_of(one.path()), corpus_of(two.path()));
}

#[test]
fn a_missing_input_is_a_usage_error_naming_it() {
    let out = tempfile::tempdir().unwrap();
    let run = zhen(&[
        "corpus",
        "no/such/folder",
        "-o",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("no/such/folder"));
}

#[test]
fn a_bad_file_is_named_and_the_rest_still_processed() {
    let input = tempfile::tempdir().unwrap();
    std::fs::copy(
        "seeds/001_5104d3bfebe09562.txt",
        input.path().join("good.txt"),
    )
    .unwrap();
    std::fs::write(input.path().join("bad.txt"), [0xff, 0xfe, 0x00, 0x41, 0xc3]).unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = corpus(&[input.path()], out.path(), &[]);
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("bad.txt"));
    assert!(corpus_of(out.path())
        .lines()
        .skip(1)
        .all(|l| l.starts_with("good.txt\t")));
    assert!(corpus_of(out.path()).lines().count() > 10);
}

#[test]
fn an_output_folder_inside_the_input_is_not_read_back() {
    let input = tempfile::tempdir().unwrap();
    std::fs::copy("seeds/001_5104d3bfebe09562.txt", input.path().join("a.txt")).unwrap();
    let out = input.path().join("output");
    for _ in 0..2 {
        let run = corpus(&[input.path()], &out, &[]);
        assert!(run.status.success());
    }
    assert!(corpus_of(&out)
        .lines()
        .skip(1)
        .all(|l| l.starts_with("a.txt\t")));
}

fn write_pair(dir: &Path) -> (String, String) {
    let zh = dir.join("zh.txt");
    let en = dir.join("en.txt");
    std::fs::write(
        &zh,
        "2025年6月5日，川普与习近平通话。\n双方同意在11月的APEC峰会期间会面。\n",
    )
    .unwrap();
    std::fs::write(&en, "On June 5, 2025, Trump held a phone call with Xi Jinping.\nBoth sides agreed to meet during the APEC summit in November.\n").unwrap();
    (
        zh.to_str().unwrap().to_string(),
        en.to_str().unwrap().to_string(),
    )
}

#[test]
fn align_prints_links_covering_every_sentence_once() {
    let dir = tempfile::tempdir().unwrap();
    let (zh, en) = write_pair(dir.path());
    let run = zhen(&[
        "align",
        "--zh",
        &zh,
        "--en",
        &en,
        "--presplit",
        "--format",
        "links",
    ]);
    assert!(run.status.success());
    let out = String::from_utf8(run.stdout).unwrap();
    assert_eq!(out, "[0]:[0]\n[1]:[1]\n");
}

#[test]
fn align_prints_the_corpus_tsv_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let (zh, en) = write_pair(dir.path());
    let run = zhen(&["align", "--zh", &zh, "--en", &en]);
    assert!(run.status.success());
    let out = String::from_utf8(run.stdout).unwrap();
    let rows: Vec<&str> = out.lines().collect();
    assert_eq!(rows[0], "doc\tzh\ten\tscore\tlink");
    assert_eq!(rows.len(), 3);
    assert!(
        rows[1].contains("2025年6月5日")
            && rows[1].contains("June 5, 2025")
            && rows[1].ends_with("\t1-1")
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(zhen(&["align", "--zh", "x"]).status.code(), Some(2));
    assert_eq!(zhen(&["corpus", "--threads", "0"]).status.code(), Some(2));
    assert_eq!(
        zhen(&["align", "--zh", "no-such.txt", "--en", "no-such.txt"])
            .status
            .code(),
        Some(2)
    );
}

// Decoding: a damaged source is aligned anyway, and named so that it can be fetched again.

/// A seed with an invalid byte (0xFF, never valid in UTF-8) before each of its first
/// `damage` Chinese full stops.
fn damaged_seed(seed: &str, damage: usize) -> Vec<u8> {
    let text = std::fs::read_to_string(seed).unwrap();
    let mut bytes = Vec::new();
    let mut pieces = text.split('。');
    bytes.extend_from_slice(pieces.next().unwrap().as_bytes());
    for (i, piece) in pieces.enumerate() {
        if i < damage {
            bytes.push(0xFF);
        }
        bytes.extend_from_slice("。".as_bytes());
        bytes.extend_from_slice(piece.as_bytes());
    }
    bytes
}

fn damaged_input() -> tempfile::TempDir {
    let input = tempfile::tempdir().unwrap();
    std::fs::write(
        input.path().join("a.txt"),
        damaged_seed("seeds/001_5104d3bfebe09562.txt", 1),
    )
    .unwrap();
    std::fs::write(
        input.path().join("b.txt"),
        damaged_seed("seeds/000_7e17bcff3271070b.txt", 2),
    )
    .unwrap();
    std::fs::copy("seeds/003_1de13378f93a8aba.txt", input.path().join("c.txt")).unwrap();
    input
}

#[test]
fn replaced_byte_sequences_are_a_warning_just_before_the_article_summary() {
    let input = damaged_input();
    let out = tempfile::tempdir().unwrap();
    let run = corpus(&[input.path()], out.path(), &[]);
    assert_eq!(run.status.code(), Some(0), "a warning is not a failure");
    let stderr = stderr_of(&run);
    let lines: Vec<&str> = stderr.lines().collect();
    let at = |prefix: &str| {
        lines
            .iter()
            .position(|l| l.starts_with(prefix))
            .unwrap_or_else(|| panic!("no {prefix:?} in {stderr}"))
    };
    let a = at("a.txt: warning: 1 invalid byte sequence replaced (UTF-8)");
    let b = at("b.txt: warning: 2 invalid byte sequences replaced (UTF-8)");
    let is_summary_of =
        |line: &str, doc: &str| line.starts_with(&format!("{doc}: ")) && line.contains(" pairs");
    assert!(
        is_summary_of(lines[a + 1], "a.txt") && is_summary_of(lines[b + 1], "b.txt"),
        "{stderr}"
    );
    assert!(a < b && b < at("c.txt: "), "input order: {stderr}");
    assert!(
        !stderr.contains("c.txt: warning"),
        "a clean file is not worth a warning"
    );
    let rows = corpus_of(out.path());
    assert!(rows.lines().filter(|l| l.starts_with("a.txt\t")).count() > 10);
}

#[test]
fn stderr_is_the_same_for_any_thread_count() {
    let input = damaged_input();
    let stderr_with = |threads: &str| {
        let out = tempfile::tempdir().unwrap();
        let run = corpus(&[input.path()], out.path(), &["--threads", threads]);
        stderr_of(&run).replace(out.path().to_str().unwrap(), "OUT")
    };
    let one = stderr_with("1");
    assert_eq!(stderr_with("8"), one);
}

#[test]
fn quiet_silences_decoding_warnings() {
    let input = damaged_input();
    let out = tempfile::tempdir().unwrap();
    let run = corpus(&[input.path()], out.path(), &["--quiet"]);
    assert_eq!(run.status.code(), Some(0));
    assert_eq!(stderr_of(&run), "");
}

#[test]
fn a_legacy_encoding_is_decoded_without_a_warning() {
    let input = tempfile::tempdir().unwrap();
    let article = std::fs::read_to_string("seeds/001_5104d3bfebe09562.txt").unwrap();
    std::fs::write(
        input.path().join("gbk.txt"),
        encoding_rs::GBK.encode(&article).0,
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = corpus(&[input.path()], out.path(), &[]);
    assert_eq!(run.status.code(), Some(0));
    assert!(!stderr_of(&run).contains("warning"), "{}", stderr_of(&run));
    assert!(
        corpus_of(out.path())
            .lines()
            .filter(|l| l.starts_with("gbk.txt\t"))
            .count()
            > 10
    );
}

#[test]
fn no_progress_bar_is_drawn_when_stderr_is_not_a_terminal() {
    let out = tempfile::tempdir().unwrap();
    let run = zhen(&["corpus", "seeds", "-o", out.path().to_str().unwrap()]);
    assert!(run.status.success());
    let stderr = stderr_of(&run);
    assert!(
        !stderr.contains('\r') && !stderr.contains('\u{1b}'),
        "bar redraws in {stderr:?}"
    );
    assert!(!stderr.contains("sentences aligned"), "{stderr}");
}

// Size: a file far larger than any article is not read.

#[test]
fn a_file_too_large_to_be_an_article_is_named_and_the_rest_still_processed() {
    let input = tempfile::tempdir().unwrap();
    std::fs::copy(
        "seeds/001_5104d3bfebe09562.txt",
        input.path().join("good.txt"),
    )
    .unwrap();
    // Sparse: 65 MiB that take no disk space (and would read as binary, were they read).
    std::fs::File::create(input.path().join("dump.txt"))
        .unwrap()
        .set_len(65 * 1024 * 1024)
        .unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = corpus(&[input.path()], out.path(), &[]);
    assert_eq!(
        run.status.code(),
        Some(1),
        "the large file was not processed"
    );
    let stderr = stderr_of(&run);
    assert!(
        stderr.contains("dump.txt: too large (65 MiB)\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 article, ") && stderr.contains("; 1 failed"),
        "{stderr}"
    );
    assert!(corpus_of(out.path())
        .lines()
        .skip(1)
        .all(|l| l.starts_with("good.txt\t")));
    assert!(corpus_of(out.path()).lines().count() > 10);
}

// Leftovers: temporary files of runs killed before committing are removed by the next run.

/// Above Linux's PID_MAX_LIMIT (2^22): no process ever has these ids.
#[cfg(target_os = "linux")]
const DEAD: [u32; 2] = [9_999_999, 8_888_888];

#[cfg(target_os = "linux")]
#[test]
fn temporary_files_of_runs_no_longer_running_are_removed_for_every_format() {
    let input = tempfile::tempdir().unwrap();
    std::fs::copy("seeds/001_5104d3bfebe09562.txt", input.path().join("a.txt")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = out.path();
    std::fs::create_dir_all(o.join("links/news")).unwrap();
    let stale = [
        format!(".corpus.tsv.tmp-{}", DEAD[0]),
        format!(".corpus.zh.tmp-{}", DEAD[1]),
        format!(".corpus.tmx.tmp-{}", DEAD[0]), // a format not asked for this time
        format!(".rejects.tsv.tmp-{}", DEAD[1]),
    ];
    // Per-document folders: replaced whole, their temporaries are folders beside them.
    let stale_folders = [
        format!(".links.tmp-{}", DEAD[0]),
        format!(".review.old.tmp-{}", DEAD[1]),
        format!(".intertext.tmp-{}", DEAD[0]),
    ];
    // What an older version left inside the links folder goes with the folder.
    let inside = format!("links/news/.b.txt.links.tmp-{}", DEAD[0]);
    std::fs::write(o.join(&inside), "partial").unwrap();
    for name in &stale_folders {
        std::fs::create_dir_all(o.join(name).join("news")).unwrap();
        std::fs::write(o.join(name).join("news/b.txt.links"), "partial").unwrap();
    }
    let kept = [
        format!(".corpus.tsv.tmp-{}", std::process::id()), // a live process: this test
        format!(".notes.tmp-{}", DEAD[0]),                 // not a file this command writes
        format!("corpus.tsv.tmp-{}", DEAD[0]),             // not hidden: not the scheme
        ".corpus.tsv.tmp-backup".to_string(),
    ];
    for name in stale.iter().chain(&kept) {
        std::fs::write(o.join(name), "partial").unwrap();
    }
    let rejects = o.join("rejects.tsv");
    let run = corpus(
        &[input.path()],
        o,
        &[
            "--format",
            "tsv,links",
            "--rejects",
            rejects.to_str().unwrap(),
        ],
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr_of(&run));
    let stderr = stderr_of(&run);
    for name in &stale {
        assert!(!o.join(name).exists(), "{name} left behind");
        assert!(
            stderr.contains(&format!(
                "{}: removed stale temporary file",
                o.join(name).display()
            )),
            "{name} not named: {stderr}"
        );
    }
    for name in &stale_folders {
        assert!(!o.join(name).exists(), "{name} left behind");
        assert!(
            stderr.contains(&format!(
                "{}: removed stale temporary folder",
                o.join(name).display()
            )),
            "{name} not named: {stderr}"
        );
    }
    assert!(!o.join(&inside).exists(), "{inside} left behind");
    for name in &kept {
        assert!(o.join(name).exists(), "{name} removed");
    }
    assert!(
        o.join("corpus.tsv").is_file()
            && o.join("links/a.txt.links").is_file()
            && rejects.is_file()
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_folder_named_like_a_temporary_file_is_left_alone() {
    let out = tempfile::tempdir().unwrap();
    let folder = out.path().join(format!(".corpus.tsv.tmp-{}", DEAD[0]));
    std::fs::create_dir(&folder).unwrap();
    let run = zhen(&[
        "corpus",
        "seeds",
        "-o",
        out.path().to_str().unwrap(),
        "--quiet",
    ]);
    assert_eq!(run.status.code(), Some(0));
    assert!(folder.is_dir());
}
