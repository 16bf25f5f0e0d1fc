//! `zhen-align stream`: JSON lines in, corpus TSV rows out, in input order, a document at a time.

use crate::util::zhen_command;
use serde_json::json;
use std::io::{BufRead, BufReader, Write};
use std::process::{Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// Run `stream` with `input` on stdin.
fn stream(input: &str, extra: &[&str]) -> Output {
    let mut child = zhen_command(&["stream"])
        .args(extra)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    out
}

fn seeds() -> Vec<(String, String)> {
    let mut names: Vec<String> = std::fs::read_dir("seeds")
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let text = std::fs::read_to_string(format!("seeds/{n}")).unwrap();
            (n, text)
        })
        .collect()
}

fn articles_as_json_lines() -> String {
    seeds()
        .iter()
        .map(|(id, text)| json!({"id": id, "text": text}).to_string() + "\n")
        .collect()
}

#[test]
fn stream_and_corpus_give_the_same_rows_for_the_same_articles() {
    let out = tempfile::tempdir().unwrap();
    assert!(
        zhen_command(&["corpus", "seeds", "-o", out.path().to_str().unwrap(), "-q"])
            .status()
            .unwrap()
            .success()
    );
    let corpus = std::fs::read_to_string(out.path().join("corpus.tsv")).unwrap();
    for threads in ["1", "2"] {
        let run = stream(&articles_as_json_lines(), &["--threads", threads]);
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert_eq!(
            String::from_utf8(run.stdout).unwrap(),
            corpus,
            "threads {threads}"
        );
    }
}

#[test]
fn two_sides_give_the_rows_of_the_align_command() {
    let (zh, en) = ("tests/data/seeds/000.zh", "tests/data/seeds/000.en");
    let aligned = zhen_command(&["align", "--zh", zh, "--en", en])
        .output()
        .unwrap();
    assert!(aligned.status.success());
    let line = json!({"id": 42, "zh": std::fs::read_to_string(zh).unwrap(), "en": std::fs::read_to_string(en).unwrap()});
    let run = stream(&format!("{line}\n"), &["-q"]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let without_doc = |tsv: &str| {
        tsv.lines()
            .skip(1)
            .map(|l| l.split_once('\t').unwrap().1.to_string())
            .collect::<Vec<_>>()
    };
    let streamed = String::from_utf8(run.stdout).unwrap();
    assert!(
        streamed.lines().skip(1).all(|l| l.starts_with("42\t")),
        "the id is the doc column"
    );
    assert_eq!(
        without_doc(&streamed),
        without_doc(&String::from_utf8(aligned.stdout).unwrap())
    );
    assert!(without_doc(&streamed).len() > 15);
}

#[test]
fn a_bad_line_is_named_by_number_the_others_still_written_and_the_exit_is_1() {
    let good =
        json!({"id": "ok", "zh": "双方同意会面。", "en": "Both sides agreed to meet."}).to_string();
    let input = format!("{good}\n{{\"id\": 1\n[]\n{{\"text\": \"no id\"}}\n{good}\n");
    let run = stream(&input, &[]);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    for n in [2, 3, 4] {
        assert!(
            stderr.contains(&format!("line {n}:")),
            "line {n} not named: {stderr}"
        );
    }
    let stdout = String::from_utf8(run.stdout).unwrap();
    assert_eq!(
        stdout.lines().filter(|l| l.starts_with("doc\t")).count(),
        1,
        "the header once"
    );
    assert_eq!(stdout.lines().filter(|l| l.starts_with("ok\t")).count(), 2);
}

#[test]
fn each_document_is_written_before_the_next_line_is_read() {
    let mut child = zhen_command(&["stream", "--threads", "1", "-q"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut line = String::new();
        while stdout.read_line(&mut line).unwrap_or(0) > 0 {
            let _ = tx.send(std::mem::take(&mut line));
        }
    });
    let request = json!({"id": "first", "zh": "你好。", "en": "Hello."});
    writeln!(stdin, "{request}").unwrap();
    stdin.flush().unwrap();
    let wait = Duration::from_secs(30);
    assert_eq!(
        rx.recv_timeout(wait)
            .expect("the header before any input ends"),
        "doc\tzh\ten\tscore\tlink\n"
    );
    let row = rx
        .recv_timeout(wait)
        .expect("the first document's row while stdin is still open");
    assert!(row.starts_with("first\t你好。\tHello.\t"), "{row}");
    drop(stdin);
    assert!(child.wait().unwrap().success());
    reader.join().unwrap();
}

#[test]
fn filters_apply_to_the_stream_too() {
    let run = stream(&articles_as_json_lines(), &["--min-score", "0.99"]);
    assert!(run.status.success());
    let stdout = String::from_utf8(run.stdout).unwrap();
    assert!(stdout
        .lines()
        .skip(1)
        .all(|l| l.split('\t').nth(3).unwrap().parse::<f64>().unwrap() >= 0.99));
    assert!(String::from_utf8_lossy(&run.stderr).contains("filters kept"));
}
