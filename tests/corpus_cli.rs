//! The `corpus` and `align` commands end to end: the contract users' scripts rely on.

use std::path::Path;
use std::process::{Command, Output};

fn zhen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhen-align")).args(args).output().expect("binary runs")
}

fn corpus_of(output: &Path) -> String {
    std::fs::read_to_string(output.join("corpus.tsv")).expect("corpus.tsv written")
}

#[test]
fn the_seeds_give_pairs_for_the_bilingual_articles_only() {
    let out = tempfile::tempdir().unwrap();
    let run = zhen(&["corpus", "seeds", "-o", out.path().to_str().unwrap()]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let tsv = corpus_of(out.path());
    let mut lines = tsv.lines();
    assert_eq!(lines.next(), Some("doc\tzh\ten\tscore\tlink"));
    let docs: Vec<&str> = lines.clone().map(|l| l.split('\t').next().unwrap()).collect();
    for bilingual in ["000_7e17bcff3271070b.txt", "001_5104d3bfebe09562.txt", "003_1de13378f93a8aba.txt"] {
        assert!(docs.iter().filter(|d| **d == bilingual).count() >= 15, "{bilingual} has too few pairs");
    }
    assert!(!docs.iter().any(|d| d.starts_with("002") || d.starts_with("004")));
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
    assert!(stderr.contains("002_f8878bec3937b126.txt: skipped (monolingual: Chinese only)"), "{stderr}");
    assert!(stderr.contains("004_35ec17c2890a1578.txt: skipped (monolingual: Chinese only)"), "{stderr}");
    assert!(stderr.contains("interleaved"), "{stderr}");
}

#[test]
fn output_is_byte_identical_for_any_thread_count() {
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    assert!(zhen(&["corpus", "seeds", "-o", one.path().to_str().unwrap(), "--threads", "1", "--quiet"]).status.success());
    assert!(zhen(&["--threads", "2", "corpus", "seeds", "-o", two.path().to_str().unwrap()]).status.success());
    assert_eq!(corpus_of(one.path()), corpus_of(two.path()));
}

#[test]
fn a_missing_input_is_a_usage_error_naming_it() {
    let out = tempfile::tempdir().unwrap();
    let run = zhen(&["corpus", "no/such/folder", "-o", out.path().to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("no/such/folder"));
}

#[test]
fn a_bad_file_is_named_and_the_rest_still_processed() {
    let input = tempfile::tempdir().unwrap();
    std::fs::copy("seeds/001_5104d3bfebe09562.txt", input.path().join("good.txt")).unwrap();
    std::fs::write(input.path().join("bad.txt"), [0xff, 0xfe, 0x00, 0x41, 0xc3]).unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = zhen(&["corpus", input.path().to_str().unwrap(), "-o", out.path().to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("bad.txt"));
    assert!(corpus_of(out.path()).lines().skip(1).all(|l| l.starts_with("good.txt\t")));
    assert!(corpus_of(out.path()).lines().count() > 10);
}

#[test]
fn an_output_folder_inside_the_input_is_not_read_back() {
    let input = tempfile::tempdir().unwrap();
    std::fs::copy("seeds/001_5104d3bfebe09562.txt", input.path().join("a.txt")).unwrap();
    let out = input.path().join("output");
    for _ in 0..2 {
        let run = zhen(&["corpus", input.path().to_str().unwrap(), "-o", out.to_str().unwrap()]);
        assert!(run.status.success());
    }
    assert!(corpus_of(&out).lines().skip(1).all(|l| l.starts_with("a.txt\t")));
}

fn write_pair(dir: &Path) -> (String, String) {
    let zh = dir.join("zh.txt");
    let en = dir.join("en.txt");
    std::fs::write(&zh, "2025年6月5日，川普与习近平通话。\n双方同意在11月的APEC峰会期间会面。\n").unwrap();
    std::fs::write(&en, "On June 5, 2025, Trump held a phone call with Xi Jinping.\nBoth sides agreed to meet during the APEC summit in November.\n").unwrap();
    (zh.to_str().unwrap().to_string(), en.to_str().unwrap().to_string())
}

#[test]
fn align_prints_links_covering_every_sentence_once() {
    let dir = tempfile::tempdir().unwrap();
    let (zh, en) = write_pair(dir.path());
    let run = zhen(&["align", "--zh", &zh, "--en", &en, "--presplit", "--format", "links"]);
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
    assert!(rows[1].contains("2025年6月5日") && rows[1].contains("June 5, 2025") && rows[1].ends_with("\t1-1"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(zhen(&["align", "--zh", "x"]).status.code(), Some(2));
    assert_eq!(zhen(&["corpus", "--threads", "0"]).status.code(), Some(2));
    assert_eq!(zhen(&["align", "--zh", "no-such.txt", "--en", "no-such.txt"]).status.code(), Some(2));
}
