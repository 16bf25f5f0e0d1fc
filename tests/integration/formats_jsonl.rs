//! `--format jsonl`: one JSON object per pair, carrying the sentence ids.

use serde_json::Value;
use std::process::Command;

fn corpus_jsonl() -> (Vec<Value>, Vec<Vec<String>>) {
    let out = tempfile::tempdir().unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_zhen-align"))
        .args([
            "corpus",
            "seeds",
            "-o",
            out.path().to_str().unwrap(),
            "--format=jsonl,tsv",
            "-q",
        ])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let jsonl = std::fs::read_to_string(out.path().join("corpus.jsonl")).unwrap();
    let values = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let tsv = std::fs::read_to_string(out.path().join("corpus.tsv")).unwrap();
    let rows = tsv
        .lines()
        .skip(1)
        .map(|l| l.split('\t').map(String::from).collect())
        .collect();
    (values, rows)
}

#[test]
fn every_line_parses_and_matches_its_corpus_row() {
    let (values, rows) = corpus_jsonl();
    assert_eq!(values.len(), rows.len());
    for (v, row) in values.iter().zip(&rows) {
        assert_eq!(v["doc"], row[0].as_str());
        assert_eq!(v["zh"], row[1].as_str());
        assert_eq!(v["en"], row[2].as_str());
        assert_eq!(v["score"].as_f64().unwrap(), row[3].parse::<f64>().unwrap());
        assert_eq!(v["link"], row[4].as_str());
    }
}

#[test]
fn the_ids_are_consecutive_and_agree_with_the_link_shape() {
    let (values, _) = corpus_jsonl();
    for v in &values {
        let ids = |k: &str| {
            v[k].as_array()
                .unwrap()
                .iter()
                .map(|i| i.as_u64().unwrap())
                .collect::<Vec<_>>()
        };
        let (zh, en) = (ids("zh_ids"), ids("en_ids"));
        assert_eq!(
            v["link"].as_str().unwrap(),
            format!("{}-{}", zh.len(), en.len())
        );
        for side in [&zh, &en] {
            assert!(side.windows(2).all(|w| w[1] == w[0] + 1), "{v}");
        }
    }
    // Within a document the pairs go forward.
    for w in values.windows(2) {
        if w[0]["doc"] == w[1]["doc"] {
            assert!(w[1]["zh_ids"][0].as_u64() > w[0]["zh_ids"][0].as_u64());
        }
    }
}
