//! Issue 12, items 7 and 9 to 11: decoding that must not guess quietly, gold files that must
//! not pass unchecked, stream lines with a BOM or big ids, and blank lines in presplit text.

use crate::util::{corpus, stderr_of, zhen, zhen_command};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

const SEED: &str = "seeds/001_5104d3bfebe09562.txt";

/// The `doc` and pair count of a one-article corpus run over `bytes`, with its stderr.
fn corpus_of_bytes(bytes: &[u8]) -> (Output, String) {
    let input = tempfile::tempdir().unwrap();
    fs::write(input.path().join("a.txt"), bytes).unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = corpus(&[input.path()], out.path(), &[]);
    let tsv = fs::read_to_string(out.path().join("corpus.tsv")).unwrap_or_default();
    (run, tsv)
}

// Item 7: valid UTF-8 but for a few bytes wins over guesses, and every replacement is reported.

#[test]
fn one_nul_byte_in_a_utf8_article_is_a_reported_replacement_not_utf16() {
    let mut bytes = fs::read(SEED).unwrap();
    if !bytes.len().is_multiple_of(2) {
        bytes.push(b'\n');
    }
    let at = bytes.iter().position(|&b| b == b'\n').unwrap();
    bytes.insert(at, 0);
    bytes.push(b'\n'); // still of even length
    let (run, tsv) = corpus_of_bytes(&bytes);
    let stderr = stderr_of(&run);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("a.txt: warning: 1 invalid byte sequence replaced (UTF-8)"),
        "{stderr}"
    );
    assert!(tsv.lines().count() > 10, "{stderr}");
}

#[test]
fn a_short_article_with_overlong_utf8_sequences_is_not_read_as_windows_1252() {
    let text = "我们期望中美关系回暖。从对抗到对话，美中关系是否将迎来转机？\n\n\
                We hope China-US relations warm up. From confrontation to dialogue, will relations turn a corner?\n";
    let mut bytes = Vec::new();
    for part in text.split_inclusive(". ") {
        bytes.extend_from_slice(part.as_bytes());
        if part.ends_with(". ") {
            bytes.extend_from_slice(b"\xC0\xAE"); // an overlong '.'
        }
    }
    let (run, tsv) = corpus_of_bytes(&bytes);
    let stderr = stderr_of(&run);
    assert!(
        stderr.contains("2 invalid byte sequences replaced (UTF-8)"),
        "{stderr}"
    );
    assert!(tsv.contains("我们期望中美关系回暖。"), "{stderr}");
}

#[test]
fn utf16_without_a_bom_holding_a_lone_surrogate_is_read_with_a_warning() {
    let text = fs::read_to_string(SEED).unwrap();
    let mut units: Vec<u16> = text.encode_utf16().collect();
    units.insert(100, 0xD83D); // a high surrogate with no low one after it
    let bytes: Vec<u8> = units.iter().flat_map(|u| u.to_le_bytes()).collect();
    let (run, tsv) = corpus_of_bytes(&bytes);
    let stderr = stderr_of(&run);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("1 invalid byte sequence replaced (UTF-16LE)"),
        "{stderr}"
    );
    assert!(tsv.lines().count() > 10);
}

// Item 9: eval validates the gold.

/// An eval set of one document, 3 Chinese and 3 English sentences, with `gold` as its gold.
fn eval_set(gold: &str) -> (tempfile::TempDir, [PathBuf; 3]) {
    let dir = tempfile::tempdir().unwrap();
    let folders = ["zh", "en", "gold"].map(|f| dir.path().join(f));
    for f in &folders {
        fs::create_dir(f).unwrap();
    }
    fs::write(folders[0].join("001"), "一。\n二。\n三。\n").unwrap();
    fs::write(folders[1].join("001"), "One.\nTwo.\nThree.\n").unwrap();
    fs::write(folders[2].join("001"), gold).unwrap();
    (dir, folders)
}

fn eval(folders: &[PathBuf; 3]) -> Output {
    zhen(&[
        "eval",
        "--zh",
        folders[0].to_str().unwrap(),
        "--en",
        folders[1].to_str().unwrap(),
        "--gold",
        folders[2].to_str().unwrap(),
    ])
}

fn assert_refused(gold: &str, expected: &str) {
    let (_dir, folders) = eval_set(gold);
    let run = eval(&folders);
    let stderr = stderr_of(&run);
    assert_eq!(run.status.code(), Some(2), "{gold:?}: {stderr}");
    assert!(stderr.contains(expected), "{gold:?}: {stderr}");
    assert!(
        stderr.contains("gold/001"),
        "the file is not named: {stderr}"
    );
}

#[test]
fn overlapping_duplicate_and_incomplete_gold_is_refused_naming_the_line() {
    assert_refused(
        "[0]:[0]\n[1]:[1]\n[1,2]:[2]\n",
        "line 3: Chinese sentence 1 is already in the link of line 2",
    );
    assert_refused(
        "[0]:[0]\n[1]:[1]\n[2]:[2]\n[2]:[2]\n",
        "line 4: Chinese sentence 2 is already in the link of line 3",
    );
    assert_refused(
        "[0]:[0]\n[2]:[2]\n",
        "Chinese sentence 1 (1 in all) in no link",
    );
    let (_dir, folders) = eval_set("[0]:[0]\n[1]:[1]\n[2]:[2]\n");
    assert_eq!(eval(&folders).status.code(), Some(0));
}

#[test]
fn a_huge_bad_gold_line_gives_a_short_message() {
    let huge = format!("[0]:[0]\n[{}x]:[1]\n", "1,".repeat(600_000));
    let (_dir, folders) = eval_set(&huge);
    let run = eval(&folders);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        run.stderr.len() < 400,
        "{} bytes of error",
        run.stderr.len()
    );
    assert!(stderr_of(&run).contains("line 2"));
}

#[test]
fn a_document_without_a_gold_file_is_named_and_the_exit_is_1() {
    let (_dir, folders) = eval_set("[0]:[0]\n[1]:[1]\n[2]:[2]\n");
    fs::write(folders[0].join("002"), "一。\n").unwrap();
    fs::write(folders[1].join("002"), "One.\n").unwrap();
    let run = eval(&folders);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr_of(&run).contains("002: no gold file"),
        "{}",
        stderr_of(&run)
    );
    assert!(String::from_utf8_lossy(&run.stdout).contains("all"));
}

#[test]
fn a_gold_path_that_is_a_file_says_so() {
    let (_dir, mut folders) = eval_set("[0]:[0]\n[1]:[1]\n[2]:[2]\n");
    folders[2] = folders[2].join("001");
    let run = eval(&folders);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr_of(&run).contains("001: not a folder"),
        "{}",
        stderr_of(&run)
    );
}

// Item 10: stream input.

fn stream(input: &[u8]) -> Output {
    let mut child = zhen_command(&["stream"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn docs_of(out: &Output) -> Vec<String> {
    let stdout = String::from_utf8_lossy(&out.stdout);
    let mut docs: Vec<String> = stdout
        .lines()
        .skip(1)
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect();
    docs.dedup();
    docs
}

#[test]
fn a_bom_on_the_first_line_and_big_numeric_ids_are_read_as_written() {
    let line = |id: &str| format!("{{\"id\": {id}, \"zh\": \"你好。\", \"en\": \"Hello.\"}}\n");
    let input = format!(
        "\u{FEFF}{}{}{}",
        line("123456789012345678901234567890"),
        line("123456789012345678901234567891"),
        line("\"x\"")
    );
    let run = stream(input.as_bytes());
    assert_eq!(run.status.code(), Some(0), "{}", stderr_of(&run));
    assert_eq!(
        docs_of(&run),
        [
            "123456789012345678901234567890",
            "123456789012345678901234567891",
            "x"
        ]
    );
}

#[test]
fn ids_with_line_breaks_or_control_characters_are_escaped_on_stderr() {
    let input = "{\"id\": \"a\\nb\\u001b[31m\", \"zh\": \"你好。\", \"en\": \"Hello.\"}\n";
    let run = stream(input.as_bytes());
    let stderr = stderr_of(&run);
    assert!(stderr.contains("a\\nb\\u{1b}[31m: "), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "{stderr}");
}

// Item 11: presplit input.

fn align_presplit(zh: &str, en: &str, format: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let (z, e) = (dir.path().join("zh"), dir.path().join("en"));
    fs::write(&z, zh).unwrap();
    fs::write(&e, en).unwrap();
    let run = zhen(&[
        "align",
        "--presplit",
        "--zh",
        z.to_str().unwrap(),
        "--en",
        e.to_str().unwrap(),
        "--format",
        format,
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr_of(&run));
    String::from_utf8(run.stdout).unwrap()
}

const ZH: [&str; 3] = [
    "我们期望中美关系回暖。",
    "从对抗到对话。",
    "美中关系是否将迎来转机？",
];
const EN: [&str; 3] = [
    "We hope relations warm up.",
    "From confrontation to dialogue.",
    "Will relations turn a corner?",
];

#[test]
fn blank_presplit_lines_are_never_pairs_with_an_empty_side() {
    let zh = format!("\n{}\n\n{}\n{}\n\n", ZH[0], ZH[1], ZH[2]);
    let en = format!("{}\n\n\n{}\n{}\n", EN[0], EN[1], EN[2]);
    let tsv = align_presplit(&zh, &en, "tsv");
    for row in tsv.lines().skip(1) {
        let fields: Vec<&str> = row.split('\t').collect();
        assert!(
            !fields[1].trim().is_empty() && !fields[2].trim().is_empty(),
            "{row}"
        );
    }
    assert_eq!(tsv.lines().count(), 4, "{tsv}");
    // Links still name line numbers, every line once.
    let links = align_presplit(&zh, &en, "links");
    let parsed = zhen_align::export::links::parse_links(&links).unwrap();
    let mut zh_ids: Vec<usize> = parsed.iter().flat_map(|l| l.zh.clone()).collect();
    let mut en_ids: Vec<usize> = parsed.iter().flat_map(|l| l.en.clone()).collect();
    zh_ids.sort();
    en_ids.sort();
    assert_eq!(zh_ids, (0..6).collect::<Vec<_>>(), "{links}");
    assert_eq!(en_ids, (0..5).collect::<Vec<_>>(), "{links}");
    for link in ["[1]:[0]", "[3]:[3]", "[4]:[4]"] {
        assert!(links.lines().any(|l| l == link), "{link} missing: {links}");
    }
}

#[test]
fn a_lone_cr_ends_a_presplit_line_as_lf_does() {
    let lf = (ZH.join("\n"), EN.join("\n"));
    let cr = (ZH.join("\r"), EN.join("\r"));
    let crlf = (ZH.join("\r\n"), EN.join("\r\n"));
    let expected = align_presplit(&lf.0, &lf.1, "links");
    assert_eq!(expected.lines().count(), 3, "{expected}");
    assert_eq!(align_presplit(&cr.0, &cr.1, "links"), expected);
    assert_eq!(align_presplit(&crlf.0, &crlf.1, "links"), expected);
}

#[test]
fn eval_reads_presplit_documents_the_same_way() {
    let dir = tempfile::tempdir().unwrap();
    let folders = ["zh", "en", "gold"].map(|f| dir.path().join(f));
    for f in &folders {
        fs::create_dir(f).unwrap();
    }
    fs::write(folders[0].join("001"), ZH.join("\r")).unwrap();
    fs::write(
        folders[1].join("001"),
        format!("{}\n\n{}\n{}", EN[0], EN[1], EN[2]),
    )
    .unwrap();
    fs::write(
        folders[2].join("001"),
        "[0]:[0]\n[]:[1]\n[1]:[2]\n[2]:[3]\n",
    )
    .unwrap();
    let run = zhen(&[
        "eval",
        "--zh",
        folders[0].to_str().unwrap(),
        "--en",
        folders[1].to_str().unwrap(),
        "--gold",
        folders[2].to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr_of(&run));
    let stdout = String::from_utf8_lossy(&run.stdout);
    let all = stdout.lines().find(|l| l.starts_with("all ")).unwrap();
    assert!(all.starts_with("all") && all.contains("1.000"), "{stdout}");
    assert!(!Path::new(&folders[2]).join("002").exists());
}
