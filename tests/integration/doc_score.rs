//! The document score and the warnings about documents that look wrong: unrelated articles,
//! the same text twice, one language on both sides, languages swapped; `--min-doc-score`
//! dropping a document whole and naming it; the score and omissions in JSONL; links files
//! with scores, read back by `eval`.

use crate::util::{stderr_of, zhen};
use std::path::{Path, PathBuf};

fn seed(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/seeds")
        .join(name)
        .display()
        .to_string()
}

/// `align -v --presplit` of two seed files: its stderr, and the document score it printed.
fn check(zh: &str, en: &str) -> (String, f64) {
    let run = zhen(&[
        "align",
        "-v",
        "--presplit",
        "--zh",
        &seed(zh),
        "--en",
        &seed(en),
        "--format",
        "links",
    ]);
    assert!(run.status.success(), "{}", stderr_of(&run));
    let err = stderr_of(&run);
    let score = err
        .split("document score ")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no document score in {err:?}"));
    (err, score)
}

#[test]
fn a_translation_gets_no_warning_and_a_score_above_the_recommended_threshold() {
    for n in ["000", "001", "003"] {
        let (err, score) = check(&format!("{n}.zh"), &format!("{n}.en"));
        assert!(!err.contains("warning"), "{n}: {err}");
        assert!(score >= 0.4, "{n}: {score}");
    }
}

#[test]
fn unrelated_articles_are_named_and_score_low() {
    let (err, score) = check("000.zh", "003.en");
    assert!(
        err.contains("warning: the two sides look unrelated"),
        "{err}"
    );
    assert!(
        err.contains("000.zh + "),
        "the warning names the files: {err}"
    );
    assert!(score < 0.4, "{score}");
}

#[test]
fn the_same_file_twice_one_language_and_swapped_sides_are_named_and_score_zero() {
    let cases = [
        ("001.en", "001.en", "the same text on both sides"),
        ("000.en", "003.en", "both sides are English"),
        ("001.zh", "003.zh", "both sides are Chinese"),
        ("001.en", "001.zh", "languages swapped"),
    ];
    for (zh, en, warning) in cases {
        let (err, score) = check(zh, en);
        assert!(
            err.contains(&format!("warning: {warning}")),
            "{zh} {en}: {err}"
        );
        assert_eq!(score, 0.0, "{zh} {en}");
    }
}

/// A folder with two two-file documents: `good` (seed 001) and `bad` (001's Chinese with 003's
/// English).
fn two_documents() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let copy = |from: &str, to: &str| std::fs::copy(seed(from), dir.path().join(to)).unwrap();
    copy("001.zh", "good.zh.txt");
    copy("001.en", "good.en.txt");
    copy("001.zh", "bad.zh.txt");
    copy("003.en", "bad.en.txt");
    dir
}

fn lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(String::from)
        .collect()
}

#[test]
fn a_document_under_min_doc_score_writes_no_pair_and_is_named_with_its_rejects() {
    let input = two_documents();
    let out = tempfile::tempdir().unwrap();
    let rejects: PathBuf = out.path().join("rejects.tsv");
    let output = out.path().join("corpus");
    let run = zhen(&[
        "corpus",
        &input.path().display().to_string(),
        "-o",
        &output.display().to_string(),
        "--min-doc-score",
        "0.4",
        "--rejects",
        &rejects.display().to_string(),
    ]);
    assert!(run.status.success(), "{}", stderr_of(&run));
    let err = stderr_of(&run);
    assert!(
        err.contains("bad.zh+en.txt: warning: the two sides look unrelated"),
        "{err}"
    );
    assert!(
        err.contains("1 document under --min-doc-score 0.4, no pair written: bad.zh+en.txt"),
        "{err}"
    );
    let rows = lines(&output.join("corpus.tsv"));
    assert!(rows.len() > 1, "the good document is written");
    assert!(rows[1..].iter().all(|r| r.starts_with("good.zh+en.txt\t")));
    let rejected = lines(&rejects);
    assert!(
        rejected.len() > 1,
        "the bad document's pairs are in the rejects file"
    );
    for row in &rejected[1..] {
        assert!(row.starts_with("bad.zh+en.txt\t"), "{row}");
        assert!(row.ends_with("\tdoc-score"), "{row}");
    }
    // Without the option, both documents are written: the warning alone drops nothing.
    let run = zhen(
        &["corpus", "-q", &input.path().display().to_string(), "-o"]
            .into_iter()
            .chain([output.to_str().unwrap()])
            .collect::<Vec<_>>(),
    );
    assert!(run.status.success());
    let rows = lines(&output.join("corpus.tsv"));
    assert!(rows.iter().any(|r| r.starts_with("bad.zh+en.txt\t")));
}

#[test]
fn jsonl_carries_the_document_score_and_omissions_when_asked() {
    let input = two_documents();
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().display().to_string();
    let corpus = |extra: &[&str]| {
        let mut args = vec!["corpus", "-q", input.path().to_str().unwrap(), "-o", &dir];
        args.extend_from_slice(&["--format", "jsonl,tsv"]);
        args.extend_from_slice(extra);
        let run = zhen(&args);
        assert!(run.status.success(), "{}", stderr_of(&run));
        let jsonl = lines(&out.path().join("corpus.jsonl"));
        let values: Vec<serde_json::Value> = jsonl
            .iter()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        (values, lines(&out.path().join("corpus.tsv")).len() - 1)
    };
    let (plain, tsv_rows) = corpus(&[]);
    assert_eq!(
        plain.len(),
        tsv_rows,
        "one JSONL line a pair without --omissions"
    );
    for v in &plain {
        let score = v["doc_score"].as_f64().expect("doc_score on every line");
        assert!((0.0..=1.0).contains(&score));
        assert!(v["doc_expected_right"].is_number());
        assert!(v["doc_word_lift"].is_number());
    }
    let (with, _) = corpus(&["--omissions"]);
    let omissions: Vec<&serde_json::Value> = with
        .iter()
        .filter(|v| v["link"] == "1-0" || v["link"] == "0-1")
        .collect();
    assert_eq!(with.len(), plain.len() + omissions.len());
    assert!(
        !omissions.is_empty(),
        "the unrelated document leaves omissions"
    );
    for v in omissions {
        assert!((0.0..=1.0).contains(&v["score"].as_f64().unwrap()));
        let empty = if v["link"] == "1-0" { "en" } else { "zh" };
        assert_eq!(v[empty], "");
    }
}

#[test]
fn links_with_scores_are_opt_in_and_eval_reads_them() {
    let base = [
        "align",
        "--presplit",
        "--zh",
        &seed("001.zh"),
        "--en",
        &seed("001.en"),
        "--format",
        "links",
    ];
    let plain = zhen(&base);
    let scored = zhen(
        &base
            .iter()
            .copied()
            .chain(["--link-scores"])
            .collect::<Vec<_>>(),
    );
    let (plain, scored) = (
        String::from_utf8(plain.stdout).unwrap(),
        String::from_utf8(scored.stdout).unwrap(),
    );
    assert!(plain.lines().all(|l| l.matches(':').count() == 1));
    assert_eq!(plain.lines().count(), scored.lines().count());
    for (p, s) in plain.lines().zip(scored.lines()) {
        let (link, score) = s.rsplit_once(':').unwrap();
        assert_eq!(link, p);
        assert!((0.0..=1.0).contains(&score.parse::<f64>().unwrap()), "{s}");
    }
    // The scored file as gold for the same pair: every link found.
    let dir = tempfile::tempdir().unwrap();
    for (side, file) in [("zh", "001.zh"), ("en", "001.en")] {
        std::fs::create_dir(dir.path().join(side)).unwrap();
        std::fs::copy(seed(file), dir.path().join(side).join("001")).unwrap();
    }
    std::fs::create_dir(dir.path().join("gold")).unwrap();
    std::fs::write(dir.path().join("gold/001"), &scored).unwrap();
    let at = |d: &str| dir.path().join(d).display().to_string();
    let run = zhen(&[
        "eval",
        "--zh",
        &at("zh"),
        "--en",
        &at("en"),
        "--gold",
        &at("gold"),
    ]);
    assert!(run.status.success(), "{}", stderr_of(&run));
    let out = String::from_utf8(run.stdout).unwrap();
    assert!(out.contains("1.000"), "{out}");
}

#[test]
fn the_new_options_refuse_what_they_cannot_do() {
    let pair = ["--zh", "a", "--en", "b"];
    let cases: [Vec<&str>; 4] = [
        [&["align", "--link-scores"][..], &pair[..]].concat(),
        vec!["corpus", "seeds", "--link-scores"],
        vec!["corpus", "seeds", "--omissions", "--format", "tsv"],
        vec!["corpus", "seeds", "--min-doc-score", "-1"],
    ];
    for args in cases {
        let run = zhen(&args);
        assert_eq!(run.status.code(), Some(2), "{args:?}: {}", stderr_of(&run));
        assert!(
            stderr_of(&run).contains("--"),
            "{args:?}: the message names the option"
        );
    }
}
