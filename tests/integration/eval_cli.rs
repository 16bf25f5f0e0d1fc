//! `zhen-align eval` end to end, on the small made-up sets under `tests/data/eval/`:
//!
//! * `set/`: two documents (`001` has a 2-1 link, `002` a 1-2 link and an n-0 omission);
//! * `verses/`: one document with verse files, whose gold has one link per verse.
//!
//! `--by-shape` adds the tables by link shape after the usual one.
//!
//! The aligner's figures on these are not tested (they change as the aligner does), only that
//! the metric and the command are wired right.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use zhen_align::eval::{count, Counts, Prf, Scores, Verses};
use zhen_align::export::links::{parse_links, IdLink};

fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/eval")
        .join(rel)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn gold(rel: &str) -> Vec<IdLink> {
    parse_links(&read(&data(rel))).unwrap()
}

fn eval(args: &[&Path]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_zhen-align"));
    cmd.arg("eval");
    for (flag, path) in ["--zh", "--en", "--gold"].iter().zip(args) {
        cmd.arg(flag).arg(path);
    }
    if args.len() == 5 {
        cmd.arg("--verses").arg(args[3]).arg(args[4]);
    }
    cmd.output().expect("run zhen-align")
}

fn set_args(set: &str) -> [PathBuf; 3] {
    [
        data(&format!("{set}/zh")),
        data(&format!("{set}/en")),
        data(&format!("{set}/gold")),
    ]
}

const PERFECT: Scores = Scores {
    strict: Prf {
        precision: 1.0,
        recall: 1.0,
        f1: 1.0,
    },
    lax: Prf {
        precision: 1.0,
        recall: 1.0,
        f1: 1.0,
    },
};

#[test]
fn every_gold_file_scored_against_itself_gives_one_everywhere() {
    let golds = [
        gold("set/gold/001"),
        gold("set/gold/002"),
        gold("verses/gold/001"),
    ];
    for g in &golds {
        assert_eq!(count(g, g).scores(), PERFECT);
    }
    assert_eq!(
        golds.iter().map(|g| count(g, g)).sum::<Counts>().scores(),
        PERFECT
    );
}

#[test]
fn links_split_inside_verses_score_one_once_merged() {
    // The gold links verses: [0,1]:[0] [2]:[1] [3,4]:[2]; an aligner that splits them finer,
    // with omissions inside a verse, is right once its links are merged by verse.
    let split = [
        IdLink::new([0], [0]),
        IdLink::new([1], []),
        IdLink::new([2], [1]),
        IdLink::new([3], [2]),
        IdLink::new([4], []),
    ];
    let verses = Verses::parse(
        &read(&data("verses/zh.verse")),
        &read(&data("verses/en.verse")),
    );
    let g = gold("verses/gold/001");
    assert_eq!(count(&g, &verses.merge(&split)).scores(), PERFECT);
    // Unmerged, only [2]:[1] is a strict hit among 5 links.
    assert_eq!(count(&g, &split).precision.strict, 1);
}

/// The F1 table (the first block of the output, up to a blank line): each data line a name then
/// six figures in [0, 1] with 3 decimals. The reliability table follows it.
fn assert_table(stdout: &str, docs: &[&str]) {
    let lines: Vec<&str> = stdout.lines().take_while(|l| !l.is_empty()).collect();
    assert!(
        lines[0].starts_with("doc")
            && lines[0].contains("strict_F1")
            && lines[0].contains("lax_F1"),
        "{stdout}"
    );
    let names: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    let expected: Vec<&str> = docs.iter().copied().chain(["all"]).collect();
    assert_eq!(names, expected, "{stdout}");
    for line in &lines[1..] {
        let cells: Vec<&str> = line.split_whitespace().skip(1).collect();
        assert_eq!(cells.len(), 6, "{line}");
        for cell in cells {
            let x: f64 = cell.parse().unwrap_or_else(|_| panic!("{cell} in {line}"));
            assert!(
                (0.0..=1.0).contains(&x) && cell.split('.').nth(1).map(str::len) == Some(3),
                "{line}"
            );
        }
    }
}

#[test]
fn the_command_prints_a_line_per_document_then_an_all_line() {
    let [zh, en, gold] = set_args("set");
    let out = eval(&[&zh, &en, &gold]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_table(&stdout, &["001", "002"]);
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("score") && l.contains("AUROC")),
        "no reliability table after the F1 table: {stdout}"
    );
}

#[test]
fn the_command_merges_by_verse_when_given_verse_files() {
    let [zh, en, gold] = set_args("verses");
    let out = eval(&[
        &zh,
        &en,
        &gold,
        &data("verses/zh.verse"),
        &data("verses/en.verse"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_table(&String::from_utf8_lossy(&out.stdout), &["001"]);
}

fn assert_fails_naming(out: &Output, what: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(what),
        "stderr does not name {what}: {stderr}"
    );
}

#[test]
fn a_missing_folder_is_an_error_naming_it() {
    let [zh, _, gold] = set_args("set");
    let missing = data("set/no-such-folder");
    let out = eval(&[&zh, &missing, &gold]);
    assert_fails_naming(&out, "no-such-folder");
}

#[test]
fn verse_files_that_do_not_fit_the_document_are_an_error_naming_them() {
    // The set's zh.verse labels 5 sentences; set/zh/001 has 5, but set/en/001 has 4, not 3.
    let [zh, en, gold] = set_args("set");
    let out = eval(&[
        &zh,
        &en,
        &gold,
        &data("verses/zh.verse"),
        &data("verses/en.verse"),
    ]);
    assert_fails_naming(&out, "en.verse");
}

#[test]
fn a_bad_gold_line_is_an_error_naming_the_file_and_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let gold_dir = dir.path().join("gold");
    std::fs::create_dir(&gold_dir).unwrap();
    std::fs::write(gold_dir.join("001"), "[0]:[0]\n[1] [1]\n").unwrap();
    let [zh, en, _] = set_args("set");
    let out = eval(&[&zh, &en, &gold_dir]);
    assert_fails_naming(&out, "001: line 2");
    assert_fails_naming(&out, "[1] [1]");
}

#[test]
fn a_gold_id_beyond_the_document_is_an_error_naming_the_link() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("002"), "[0]:[0]\n[1]:[9]\n").unwrap();
    let [zh, en, _] = set_args("set");
    let out = eval(&[&zh, &en, dir.path()]);
    assert_fails_naming(&out, "[1]:[9]");
}

fn eval_with_evidence(list: &str) -> Output {
    eval_with(&["--evidence", list])
}

fn eval_with(options: &[&str]) -> Output {
    let [zh, en, gold] = set_args("set");
    Command::new(env!("CARGO_BIN_EXE_zhen-align"))
        .arg("eval")
        .arg("--zh")
        .arg(&zh)
        .arg("--en")
        .arg(&en)
        .arg("--gold")
        .arg(&gold)
        .args(options)
        .output()
        .expect("run zhen-align")
}

#[test]
fn evidence_length_alone_and_all_both_run_and_print_an_all_line() {
    for list in ["length", "all", "length,anchors,paragraphs"] {
        let out = eval_with_evidence(list);
        assert!(
            out.status.success(),
            "--evidence {list}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_table(&String::from_utf8_lossy(&out.stdout), &["001", "002"]);
    }
}

#[test]
fn an_unknown_evidence_name_is_a_usage_error_naming_it() {
    let out = eval_with_evidence("length,lenght");
    assert_fails_naming(&out, "lenght");
}

#[test]
fn one_to_four_passes_all_run_and_print_an_all_line() {
    for passes in ["1", "2", "3", "4"] {
        let out = eval_with(&["--passes", passes]);
        assert!(
            out.status.success(),
            "--passes {passes}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout)
            .lines()
            .any(|l| l.starts_with("all")));
    }
}

#[test]
fn a_number_of_passes_out_of_range_is_a_usage_error_naming_it() {
    assert_fails_naming(&eval_with(&["--passes", "0"]), "'0'");
    assert_fails_naming(&eval_with(&["--passes", "9"]), "'9'");
}

/// The rows of one section of the `--by-shape` output: shape, count, then two figures.
fn shape_rows<'a>(stdout: &'a str, title: &str) -> Vec<(&'a str, usize, f64, f64)> {
    stdout
        .lines()
        .skip_while(|l| !l.starts_with(title))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            assert_eq!(f.len(), 4, "{l}");
            let x = |s: &str| s.parse::<f64>().unwrap_or_else(|_| panic!("{s} in {l}"));
            (f[0], f[1].parse().unwrap(), x(f[2]), x(f[3]))
        })
        .collect()
}

#[test]
fn by_shape_counts_the_gold_shapes_and_every_predicted_link_after_the_table() {
    let out = eval_with(&["--by-shape"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The usual table comes first, unchanged.
    let table: String = stdout
        .lines()
        .take_while(|l| !l.is_empty())
        .map(|l| format!("{l}\n"))
        .collect();
    assert_table(&table, &["001", "002"]);
    // The gold of set/: 001 has three 1-1 links and a 2-1; 002 two 1-1, a 1-2 and a 1-0.
    let gold = shape_rows(&stdout, "gold shape");
    let counts: Vec<(&str, usize)> = gold.iter().map(|r| (r.0, r.1)).collect();
    assert_eq!(counts, vec![("1-0", 1), ("1-1", 5), ("1-2", 1), ("2-1", 1)]);
    // Every predicted link is counted under its shape, and every figure is a share.
    let predicted = shape_rows(&stdout, "predicted shape");
    let links: usize = predicted.iter().map(|r| r.1).sum();
    let [zh, en, _] = set_args("set");
    let mut expected = 0;
    for doc in ["001", "002"] {
        let align = Command::new(env!("CARGO_BIN_EXE_zhen-align"))
            .args(["align", "--presplit", "--format", "links", "--zh"])
            .arg(zh.join(doc))
            .arg("--en")
            .arg(en.join(doc))
            .output()
            .expect("run zhen-align");
        expected += String::from_utf8_lossy(&align.stdout).lines().count();
    }
    assert_eq!(links, expected, "{stdout}");
    for (shape, _, strict, lax) in gold.iter().chain(&predicted) {
        assert!(
            (0.0..=1.0).contains(strict) && strict <= lax && *lax <= 1.0,
            "{shape}"
        );
    }
}
