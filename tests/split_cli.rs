//! End to end: `zhen-align split` run as a process, on stdin and on files.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn split_stdin(lang: &str, input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhen-align"))
        .args(["split", "--lang", lang])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start zhen-align");
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn split_file(lang: &str, path: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhen-align"))
        .args(["split", "--lang", lang])
        .arg(path)
        .output()
        .expect("run zhen-align")
}

fn lines(output: &Output) -> Vec<String> {
    assert!(output.status.success(), "failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout.clone()).unwrap().lines().map(str::to_string).collect()
}

#[test]
fn chinese_on_stdin_prints_one_sentence_a_line() {
    let input = "中美元首通电话\n特朗普说“我当然会”亲赴中国。双方同意继续磋商！\n\n“会谈取得进展吗？”记者问道。\n";
    let output = split_stdin("zh", input);
    assert_eq!(
        lines(&output),
        ["中美元首通电话", "特朗普说“我当然会”亲赴中国。", "双方同意继续磋商！", "“会谈取得进展吗？”", "记者问道。"]
    );
}

#[test]
fn english_on_stdin_prints_one_sentence_a_line() {
    let input = "Trump and Xi Talk Trade\r\nOn June 5, 2025, Trump held a 90-minute call with Chinese President Xi Jinping. \
                 Mr. Trump would castigate “stupid people.” He said U.S.-China ties were good.\r\n";
    let output = split_stdin("en", input);
    assert_eq!(
        lines(&output),
        [
            "Trump and Xi Talk Trade",
            "On June 5, 2025, Trump held a 90-minute call with Chinese President Xi Jinping.",
            "Mr. Trump would castigate “stupid people.”",
            "He said U.S.-China ties were good.",
        ]
    );
}

#[test]
fn a_file_with_a_byte_order_mark_is_split() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("article.txt");
    std::fs::write(&path, "\u{FEFF}Donald J. Trump spoke. Growth hit 3.5 percent.\n").unwrap();
    assert_eq!(lines(&split_file("en", &path)), ["Donald J. Trump spoke.", "Growth hit 3.5 percent."]);
}

#[test]
fn a_chinese_file_is_split() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("文章.txt");
    std::fs::write(&path, "经济增长3.5%。U.S. President特朗普表示满意！\n").unwrap();
    assert_eq!(lines(&split_file("zh", &path)), ["经济增长3.5%。", "U.S. President特朗普表示满意！"]);
}

#[test]
fn empty_input_prints_nothing() {
    assert!(lines(&split_stdin("en", "\n  \n")).is_empty());
}

#[test]
fn a_missing_file_exits_2_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-article.txt");
    let output = split_file("zh", &path);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no-such-article.txt"), "stderr: {stderr}");
}

#[test]
fn invalid_utf8_on_stdin_exits_2() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhen-align"))
        .args(["split", "--lang", "en"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"caf\xE9\n").unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("<stdin>"));
}

#[test]
fn an_unknown_language_is_a_usage_error() {
    let output = Command::new(env!("CARGO_BIN_EXE_zhen-align")).args(["split", "--lang", "fr"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
}
