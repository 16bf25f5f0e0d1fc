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
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
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
    assert!(
        output.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone())
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn chinese_on_stdin_prints_one_sentence_a_line() {
    let input = "中美元首通电话\n特朗普说“我当然会”亲赴中国。双方同意继续磋商！\n\n“会谈取得进展吗？”记者问道。\n";
    let output = split_stdin("zh", input);
    assert_eq!(
        lines(&output),
        [
            "中美元首通电话",
            "特朗普说“我当然会”亲赴中国。",
            "双方同意继续磋商！",
            "“会谈取得进展吗？”",
            "记者问道。"
        ]
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
    std::fs::write(
        &path,
        "\u{FEFF}Donald J. Trump spoke. Growth hit 3.5 percent.\n",
    )
    .unwrap();
    assert_eq!(
        lines(&split_file("en", &path)),
        ["Donald J. Trump spoke.", "Growth hit 3.5 percent."]
    );
}

#[test]
fn a_chinese_file_is_split() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("文章.txt");
    std::fs::write(&path, "经济增长3.5%。U.S. President特朗普表示满意！\n").unwrap();
    assert_eq!(
        lines(&split_file("zh", &path)),
        ["经济增长3.5%。", "U.S. President特朗普表示满意！"]
    );
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

fn split_stdin_bytes(lang: &str, input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhen-align"))
        .args(["split", "--lang", lang])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start zhen-align");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

// Not UTF-8 is not an error: scraped text comes in legacy encodings (issue 5), and `split`
// decodes them as `corpus` does, so that it shows the sentences `corpus` would align.

#[test]
fn latin1_on_stdin_is_decoded() {
    assert_eq!(lines(&split_stdin_bytes("en", b"caf\xE9\n")), ["café"]);
    let output = split_stdin_bytes("en", b"Le caf\xE9 co\xFBte deux euros. Tr\xE8s bon!\n");
    assert_eq!(lines(&output), ["Le café coûte deux euros.", "Très bon!"]);
    assert!(
        output.stderr.is_empty(),
        "a clean decoding is not worth a warning"
    );
}

#[test]
fn gbk_on_stdin_is_decoded() {
    let gbk = encoding_rs::GBK
        .encode("中美元首通电话。双方同意继续磋商！\n")
        .0;
    assert_eq!(
        lines(&split_stdin_bytes("zh", &gbk)),
        ["中美元首通电话。", "双方同意继续磋商！"]
    );
}

#[test]
fn damaged_utf8_on_stdin_is_split_with_a_warning_naming_stdin() {
    let mut input = "这是一个很长的中文句子，里面有一个坏字节。第二句话也在这里。\n"
        .as_bytes()
        .to_vec();
    input.insert(6, 0xFF);
    let output = split_stdin_bytes("zh", &input);
    assert_eq!(
        lines(&output),
        [
            "这是\u{FFFD}一个很长的中文句子，里面有一个坏字节。",
            "第二句话也在这里。"
        ]
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr,
        "<stdin>: warning: 1 invalid byte sequence replaced (UTF-8)\n"
    );
}

#[test]
fn binary_input_on_stdin_exits_2_naming_stdin() {
    let output = split_stdin_bytes("en", b"PK\x03\x04\x00\x00\x08\x00abc\x00\x00");
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("<stdin>: binary file"), "stderr: {stderr}");
}

#[test]
fn an_undecodable_file_exits_2_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("garbage.bin");
    std::fs::write(&path, [0xff, 0xfe, 0x00, 0x41, 0xc3]).unwrap();
    let output = split_file("en", &path);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("garbage.bin: not text"), "stderr: {stderr}");
}

#[test]
fn an_unknown_language_is_a_usage_error() {
    let output = Command::new(env!("CARGO_BIN_EXE_zhen-align"))
        .args(["split", "--lang", "fr"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}
