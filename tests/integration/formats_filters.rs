//! The training-data filters on `corpus`: off by default, each drop counted in the summary and
//! written to the rejects file, and deterministic for any thread count.

use crate::util::zhen;
use std::path::Path;

fn run_ok(args: &[&str]) -> String {
    let run = zhen(args);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    String::from_utf8(run.stderr).unwrap()
}

fn rows(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .skip(1)
        .map(String::from)
        .collect()
}

#[test]
fn kept_and_rejected_pairs_together_are_the_unfiltered_corpus() {
    let (all, some) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    run_ok(&["corpus", "seeds", "-o", all.path().to_str().unwrap(), "-q"]);
    let full = rows(&all.path().join("corpus.tsv"));
    // The median score as the bound, so that about half the pairs go whatever the aligner's scale.
    let score = |r: &String| r.split('\t').nth(3).unwrap().parse::<f64>().unwrap();
    let mut scores: Vec<f64> = full.iter().map(score).collect();
    scores.sort_by(f64::total_cmp);
    let bound = scores[scores.len() / 2].to_string();
    let rejects = some.path().join("rejects.tsv");
    let stderr = run_ok(&[
        "corpus",
        "seeds",
        "-o",
        some.path().to_str().unwrap(),
        "--min-score",
        &bound,
        "--rejects",
        rejects.to_str().unwrap(),
    ]);
    let (kept, dropped) = (rows(&some.path().join("corpus.tsv")), rows(&rejects));
    assert!(!dropped.is_empty() && !kept.is_empty(), "bound {bound}");
    assert_eq!(kept.len() + dropped.len(), full.len());
    assert!(kept.iter().all(|r| score(r) >= scores[scores.len() / 2]));
    for r in &dropped {
        let (row, reason) = r.rsplit_once('\t').unwrap();
        assert_eq!(reason, "score");
        assert!(
            full.iter().any(|f| f == row),
            "a rejects row minus its reason is a corpus row"
        );
    }
    let summary = format!(
        "filters kept {} of {} pairs; dropped: score {}",
        kept.len(),
        full.len(),
        dropped.len()
    );
    assert!(stderr.contains(&summary), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&rejects).unwrap().lines().next(),
        Some("doc\tzh\ten\tscore\tlink\treason")
    );
}

#[test]
fn without_filters_nothing_is_dropped_and_no_filter_summary_is_printed() {
    let out = tempfile::tempdir().unwrap();
    let stderr = run_ok(&["corpus", "seeds", "-o", out.path().to_str().unwrap()]);
    assert!(!stderr.contains("filters kept"), "{stderr}");
}

/// Three copies of one article and one other: duplicates across files.
fn duplicated_input() -> tempfile::TempDir {
    let input = tempfile::tempdir().unwrap();
    for name in ["a.txt", "b.txt", "c/d.txt"] {
        std::fs::create_dir_all(input.path().join(name).parent().unwrap()).unwrap();
        std::fs::copy("seeds/001_5104d3bfebe09562.txt", input.path().join(name)).unwrap();
    }
    std::fs::copy("seeds/003_1de13378f93a8aba.txt", input.path().join("e.txt")).unwrap();
    input
}

#[test]
fn dedup_keeps_the_first_copy_across_the_whole_corpus_for_any_thread_count() {
    let input = duplicated_input();
    let mut outputs = Vec::new();
    for threads in ["1", "2"] {
        let out = tempfile::tempdir().unwrap();
        let rejects = out.path().join("rejects.tsv");
        let stderr = run_ok(&[
            "corpus",
            input.path().to_str().unwrap(),
            "-o",
            out.path().to_str().unwrap(),
            "--dedup",
            "--threads",
            threads,
            "--rejects",
            rejects.to_str().unwrap(),
        ]);
        assert!(stderr.contains("duplicate"), "{stderr}");
        let kept = rows(&out.path().join("corpus.tsv"));
        assert!(kept.iter().any(|r| r.starts_with("a.txt\t")));
        assert!(
            !kept
                .iter()
                .any(|r| r.starts_with("b.txt\t") || r.starts_with("c/d.txt\t")),
            "later copies dropped"
        );
        assert!(kept.iter().any(|r| r.starts_with("e.txt\t")));
        assert!(rows(&rejects).iter().all(|r| r.ends_with("\tduplicate")));
        outputs.push((
            std::fs::read(out.path().join("corpus.tsv")).unwrap(),
            std::fs::read(&rejects).unwrap(),
        ));
    }
    assert_eq!(outputs[0], outputs[1]);
}

#[test]
fn every_filter_can_be_combined_and_the_counts_add_up() {
    let out = tempfile::tempdir().unwrap();
    let args = [
        "corpus",
        "seeds",
        "-o",
        out.path().to_str().unwrap(),
        "--min-score",
        "0.2",
        "--min-ratio",
        "1.5",
        "--max-ratio",
        "5",
        "--min-len",
        "3",
        "--max-len",
        "400",
        "--drop-identical",
        "--drop-wrong-lang",
        "--dedup",
    ];
    let stderr = run_ok(&args);
    let line = stderr
        .lines()
        .find(|l| l.starts_with("filters kept"))
        .expect("a filter summary");
    let numbers: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    let (kept, seen, dropped) = (numbers[0], numbers[1], numbers[2..].iter().sum::<usize>());
    assert_eq!(kept + dropped, seen, "{line}");
    assert_eq!(rows(&out.path().join("corpus.tsv")).len(), kept);
}

#[test]
fn impossible_bounds_are_usage_errors() {
    let out = tempfile::tempdir().unwrap();
    let o = out.path().to_str().unwrap();
    assert_eq!(
        zhen(&[
            "corpus",
            "seeds",
            "-o",
            o,
            "--min-ratio",
            "3",
            "--max-ratio",
            "2"
        ])
        .status
        .code(),
        Some(2)
    );
    assert_eq!(
        zhen(&["corpus", "seeds", "-o", o, "--min-score", "high"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        zhen(&["corpus", "seeds", "-o", o, "--format", "docx"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        zhen(&[
            "corpus",
            "seeds",
            "-o",
            o,
            "--rejects",
            "/no/such/folder/r.tsv"
        ])
        .status
        .code(),
        Some(2)
    );
}
