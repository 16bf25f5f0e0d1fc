//! `--format html`: the review page on `align` (stdout) and on `corpus` (DIR/review/, an index
//! and a page per aligned document, folders kept). What a browser makes of them is checked by
//! scripts/review_check.sh in headless Chromium; here, what the files hold.

use crate::util::{corpus, stderr_of, zhen};

#[test]
fn align_prints_one_page_with_a_row_and_a_point_per_link() {
    let args = |format: &str| {
        zhen(&[
            "align",
            "--presplit",
            "--zh",
            "tests/data/eval/set/zh/001",
            "--en",
            "tests/data/eval/set/en/001",
            "--format",
            format,
        ])
    };
    let html = String::from_utf8(args("html").stdout).unwrap();
    let links = String::from_utf8(args("links").stdout).unwrap();
    let n = links.lines().count();
    assert!(html.starts_with("<!DOCTYPE html>") && html.ends_with("</html>\n"));
    assert_eq!(html.matches("<div class=\"row ").count(), n);
    assert_eq!(html.matches("<circle ").count(), n);
    // Each row shows its link in the links format, in order.
    let first = links.lines().next().unwrap();
    assert!(html.contains("id=\"l0\" data-s="));
    assert!(html.contains(&format!("<div class=\"id\">{first}</div>")));
    let zh = std::fs::read_to_string("tests/data/eval/set/zh/001").unwrap();
    let spans = html.matches("<span class=\"s").count();
    let en = std::fs::read_to_string("tests/data/eval/set/en/001").unwrap();
    assert_eq!(spans, zh.lines().count() + en.lines().count());
    assert!(!html.contains("<script src") && !html.contains("<link rel"));
}

#[test]
fn corpus_writes_an_index_and_a_page_per_aligned_document() {
    let out = tempfile::tempdir().unwrap();
    let nested = out.path().join("in/news/2025");
    std::fs::create_dir_all(&nested).unwrap();
    std::fs::copy("seeds/003_1de13378f93a8aba.txt", nested.join("a.txt")).unwrap();
    std::fs::copy("seeds/002_f8878bec3937b126.txt", nested.join("mono.txt")).unwrap();
    let input = out.path().join("in");
    let dir = out.path().join("out");
    let run = corpus(&[&input], &dir, &["--format", "tsv,html"]);
    assert!(run.status.success(), "{}", stderr_of(&run));
    assert!(stderr_of(&run).contains("review/index.html"));
    let index = std::fs::read_to_string(dir.join("review/index.html")).unwrap();
    assert_eq!(index.matches("<tr><td>").count(), 2);
    assert!(index.contains("<a href=\"news/2025/a.txt.html\">news/2025/a.txt</a>"));
    assert!(index.contains("<td>news/2025/mono.txt</td>"));
    let page = std::fs::read_to_string(dir.join("review/news/2025/a.txt.html")).unwrap();
    assert!(page.contains("href=\"../../index.html\""));
    // As many pairs on the page as rows in the TSV.
    let tsv = std::fs::read_to_string(dir.join("corpus.tsv")).unwrap();
    let classes = page
        .split("<div class=\"row ")
        .skip(1)
        .map(|row| row.split('"').next().unwrap());
    let pairs = classes.filter(|c| !c.split(' ').any(|x| x == "om")).count();
    assert_eq!(pairs, tsv.lines().count() - 1);
    assert!(!dir.join("review/news/2025/mono.txt.html").exists());
}
