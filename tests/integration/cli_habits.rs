//! The command-line habits of issue 16: `-` for standard input and output, `-j`, `corpus
//! --passes/--evidence`, help that sets the shared options apart, plurals, JSONL scores with
//! four decimals, warnings and messages a user can act on, and Ctrl-C.

use crate::util::{corpus, stderr_of, zhen, zhen_command, BIN};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn seeds() -> String {
    repo("seeds").display().to_string()
}

fn stdout_of(run: &std::process::Output) -> String {
    String::from_utf8_lossy(&run.stdout).into_owned()
}

/// Run with `stdin` as standard input.
fn zhen_with_stdin(args: &[&str], stdin: &[u8]) -> std::process::Output {
    let mut child = zhen_command(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn a_dash_reads_standard_input() {
    let path = repo("seeds/000_7e17bcff3271070b.txt");
    let text = std::fs::read(&path).unwrap();
    let from_file = zhen(&["split", "--lang", "en", path.to_str().unwrap()]);
    let from_dash = zhen_with_stdin(&["split", "--lang", "en", "-"], &text);
    assert!(from_file.status.success() && from_dash.status.success());
    assert!(!from_file.stdout.is_empty());
    assert_eq!(from_dash.stdout, from_file.stdout);

    let (zh, en) = (
        repo("tests/data/seeds/000.zh"),
        repo("tests/data/seeds/000.en"),
    );
    let (zh, en) = (zh.to_str().unwrap(), en.to_str().unwrap());
    let args = |z: &'static str| {
        [
            "align",
            "--zh",
            z,
            "--en",
            en,
            "--presplit",
            "--format",
            "links",
        ]
    };
    let file = zhen(&[
        "align",
        "--zh",
        zh,
        "--en",
        en,
        "--presplit",
        "--format",
        "links",
    ]);
    let dash = zhen_with_stdin(&args("-"), &std::fs::read(zh).unwrap());
    assert!(
        file.status.success() && dash.status.success(),
        "{}",
        stderr_of(&dash)
    );
    assert_eq!(dash.stdout, file.stdout);

    let both = zhen(&["align", "--zh", "-", "--en", "-"]);
    assert_eq!(both.status.code(), Some(2));
    assert!(stderr_of(&both).contains("cannot both be -"));
}

#[test]
fn corpus_writes_the_tsv_to_standard_output_with_a_dash() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let files = zhen(&["corpus", &seeds(), "-o", out.to_str().unwrap(), "-j", "1"]);
    assert!(files.status.success());
    let piped = zhen(&["corpus", &seeds(), "-o", "-", "-j", "2"]);
    assert!(piped.status.success(), "{}", stderr_of(&piped));
    let written = std::fs::read_to_string(out.join("corpus.tsv")).unwrap();
    assert_eq!(stdout_of(&piped), written);
    assert!(written.lines().count() > 50);
    assert!(stderr_of(&piped).contains("pairs written to standard output"));
    assert!(!Path::new("-").exists(), "a folder named - was created");

    let jsonl = zhen(&["corpus", &seeds(), "-o", "-", "--format", "tsv,jsonl"]);
    assert_eq!(jsonl.status.code(), Some(2));
    assert!(stderr_of(&jsonl).contains("--format jsonl needs an output folder"));
}

#[test]
fn corpus_takes_passes_and_evidence_like_align() {
    let run = |extra: &[&str]| {
        let mut args = vec!["--quiet", "corpus", "-o", "-"];
        args.extend_from_slice(extra);
        let seed = repo("seeds/003_1de13378f93a8aba.txt");
        args.push(seed.to_str().unwrap());
        let out = zhen(&args);
        assert!(out.status.success(), "{}", stderr_of(&out));
        stdout_of(&out)
    };
    let default = run(&[]);
    assert_eq!(run(&["--passes", "2", "--evidence", "all"]), default);
    assert_ne!(run(&["--passes", "1", "--evidence", "length"]), default);
    let bad = zhen(&["corpus", &seeds(), "-o", "-", "--passes", "9"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn help_lists_shared_options_apart_and_split_offers_none_it_ignores() {
    let help = stdout_of(&zhen(&["corpus", "--help"]));
    let (own, shared) = help
        .split_once("Shared options:")
        .expect("a shared heading");
    assert!(own.contains("--min-score") && own.contains("--passes"));
    assert!(shared.contains("--threads") && shared.contains("-j") && shared.contains("--quiet"));
    assert!(!shared.contains("--min-score"));

    let split = stdout_of(&zhen(&["split", "--help"]));
    assert!(
        !split.contains("--threads") && !split.contains("-j,") && !split.contains("--max-memory"),
        "{split}"
    );
    assert!(split.contains("--quiet"));
    // Still accepted, so that scripts passing it to every command keep working.
    let run = zhen_with_stdin(&["split", "--lang", "en", "--threads", "2"], b"One. Two.");
    assert_eq!(stdout_of(&run), "One.\nTwo.\n");
    let run = zhen_with_stdin(&["-j", "2", "split", "--lang", "en"], b"One. Two.");
    assert_eq!(stdout_of(&run), "One.\nTwo.\n");
}

#[test]
fn counts_are_in_the_singular_for_one() {
    let dir = tempfile::tempdir().unwrap();
    let seed = repo("seeds/002_f8878bec3937b126.txt");
    let out = dir.path().join("out");
    let run = corpus(&[&seed], &out, &[]);
    let stderr = stderr_of(&run);
    assert!(stderr.contains("1 article, 0 pairs written to"), "{stderr}");
    assert!(
        stderr.contains("; 1 skipped (1 monolingual: Chinese only)"),
        "{stderr}"
    );
}

#[test]
fn jsonl_scores_have_four_decimals() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let run = zhen(&[
        "--quiet",
        "corpus",
        &seeds(),
        "-o",
        out.to_str().unwrap(),
        "--format",
        "jsonl",
    ]);
    assert!(run.status.success());
    let jsonl = std::fs::read_to_string(out.join("corpus.jsonl")).unwrap();
    for line in jsonl.lines() {
        let score = line
            .split("\"score\":")
            .nth(1)
            .unwrap()
            .split(',')
            .next()
            .unwrap();
        let (units, decimals) = score.split_once('.').expect(score);
        assert!(units == "0" || units == "1", "{score}");
        assert_eq!(decimals.len(), 4, "{score}");
    }
}

#[test]
fn an_empty_input_folder_and_filters_dropping_everything_are_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let out = dir.path().join("out");
    let run = corpus(&[&empty], &out, &[]);
    assert!(stderr_of(&run).contains("empty: warning: no articles in this folder"));

    let run = zhen(&["corpus", &seeds(), "-o", "-", "--min-len", "100000"]);
    assert!(run.status.success());
    assert!(stderr_of(&run).contains("warning: the filters dropped every pair"));
    let kept = zhen(&["corpus", &seeds(), "-o", "-", "--min-len", "2"]);
    assert!(!stderr_of(&kept).contains("dropped every pair"));
}

#[test]
fn an_output_folder_that_is_a_file_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("afile");
    std::fs::write(&file, "keep me").unwrap();
    let run = zhen(&["corpus", &seeds(), "-o", file.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = stderr_of(&run);
    assert!(
        stderr.contains(&format!("output folder {} is a file", file.display())),
        "{stderr}"
    );
    assert!(!stderr.contains("os error"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep me");
}

#[test]
fn without_input_or_seeds_corpus_says_so_with_the_usage() {
    let dir = tempfile::tempdir().unwrap();
    let run = Command::new(BIN)
        .arg("corpus")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let stderr = stderr_of(&run);
    assert!(
        stderr.contains("no input given, and no seeds/ folder here"),
        "{stderr}"
    );
    assert!(stderr.contains("Usage: zhen-align corpus"), "{stderr}");
    assert!(!dir.path().join("output").exists());

    std::fs::create_dir(dir.path().join("seeds")).unwrap();
    std::fs::copy(
        repo("seeds/000_7e17bcff3271070b.txt"),
        dir.path().join("seeds/a.txt"),
    )
    .unwrap();
    let run = Command::new(BIN)
        .arg("corpus")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr_of(&run));
    assert!(dir.path().join("output/corpus.tsv").is_file());
}

#[test]
fn eval_accepts_gold_named_as_corpus_writes_links() {
    let set = repo("tests/data/eval/set");
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold");
    std::fs::create_dir(&gold).unwrap();
    for entry in std::fs::read_dir(set.join("gold")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        std::fs::copy(
            set.join("gold").join(&name),
            gold.join(format!("{name}.links")),
        )
        .unwrap();
    }
    let eval = |gold: &Path| {
        let (zh, en) = (set.join("zh"), set.join("en"));
        zhen(&[
            "eval",
            "--zh",
            zh.to_str().unwrap(),
            "--en",
            en.to_str().unwrap(),
            "--gold",
            gold.to_str().unwrap(),
        ])
    };
    let plain = eval(&set.join("gold"));
    let links = eval(&gold);
    assert!(links.status.success(), "{}", stderr_of(&links));
    assert_eq!(stdout_of(&links), stdout_of(&plain));

    std::fs::write(gold.join("999.links"), "[0]:[0]\n").unwrap();
    let missing = eval(&gold);
    assert_eq!(missing.status.code(), Some(2));
    let stderr = stderr_of(&missing);
    assert!(
        stderr.contains("999.links: no document of the same name (or 999"),
        "{stderr}"
    );
    assert!(stderr.contains("needs ZH/NAME and EN/NAME"), "{stderr}");
}

/// Copies of the seeds, enough that a corpus run lasts while the test interrupts it.
fn many_articles(dir: &Path, copies: usize) -> PathBuf {
    let input = dir.join("in");
    std::fs::create_dir(&input).unwrap();
    let seed = std::fs::read(repo("seeds/003_1de13378f93a8aba.txt")).unwrap();
    for i in 0..copies {
        std::fs::write(input.join(format!("{i:04}.txt")), &seed).unwrap();
    }
    input
}

#[test]
fn ctrl_c_keeps_the_previous_output_and_exits_130() {
    let dir = tempfile::tempdir().unwrap();
    let input = many_articles(dir.path(), 3000);
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("corpus.tsv"), "previous\n").unwrap();
    let child = zhen_command(&[
        "corpus",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "-j",
        "1",
    ])
    .stderr(Stdio::piped())
    .spawn()
    .unwrap();
    // The handler is installed before the temporary file is created: wait for it.
    let start = Instant::now();
    let temporary = || {
        std::fs::read_dir(&out).unwrap().any(|e| {
            e.unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(".corpus.tsv")
        })
    };
    while !temporary() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no temporary file appeared"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    let kill = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let run = child.wait_with_output().unwrap();
    let stderr = stderr_of(&run);
    assert_eq!(run.status.code(), Some(130), "{stderr}");
    assert!(
        stderr.contains("interrupted; the previous output is kept"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("corpus.tsv")).unwrap(),
        "previous\n"
    );
    assert!(!temporary(), "a temporary file was left behind");
}
