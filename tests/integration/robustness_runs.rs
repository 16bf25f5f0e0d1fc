//! Issue 12, items 4 to 6, 8 and 12: where a run writes, what it names its documents, how it
//! replaces its outputs, closed or full standard output, and unbounded inputs.

use crate::util::{stderr_of, zhen, zhen_command};
use std::fs;
use std::path::Path;
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

const SEED: &str = "seeds/001_5104d3bfebe09562.txt";

/// A one-pair article, different for each `i`.
fn tiny_article(i: usize) -> String {
    format!("第{i}号文件说明了中美贸易问题。\n\nFile number {i} explains the trade question.\n")
}

fn corpus(args: &[&Path], extra: &[&str]) -> Output {
    let mut all = vec!["corpus"];
    all.extend(args.iter().map(|p| p.to_str().unwrap()));
    all.extend(extra);
    zhen(&all)
}

/// The `doc` column of `DIR/corpus.tsv`.
fn docs_in(output: &Path) -> Vec<String> {
    let tsv = fs::read_to_string(output.join("corpus.tsv")).expect("corpus.tsv written");
    tsv.lines()
        .skip(1)
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect()
}

/// Every file under `dir`, relative, sorted.
fn files_under(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap();
                found.push(rel.to_string_lossy().into_owned());
            }
        }
    }
    found.sort();
    found
}

// Item 4: --rejects never overwrites an input or an output.

#[test]
fn a_rejects_path_on_an_input_or_an_output_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let (input, out) = (dir.path().join("in"), dir.path().join("o"));
    fs::create_dir(&input).unwrap();
    fs::write(input.join("000.txt"), tiny_article(0)).unwrap();
    let in_arg = input.to_str().unwrap();
    let out_arg = out.to_str().unwrap();
    let article = input.join("000.txt");
    let run = zhen(&[
        "corpus",
        in_arg,
        "-o",
        out_arg,
        "--min-score",
        "0.99",
        "--rejects",
        article.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr_of(&run));
    assert!(
        stderr_of(&run).contains("inside the input folder"),
        "{}",
        stderr_of(&run)
    );
    assert_eq!(fs::read_to_string(&article).unwrap(), tiny_article(0));
    assert!(!out.exists(), "the output folder was created");

    fs::create_dir(&out).unwrap();
    fs::write(out.join("corpus.tsv"), "previous corpus\n").unwrap();
    let spelled_otherwise = out.join("../o/corpus.tsv");
    let run = zhen(&[
        "corpus",
        in_arg,
        "-o",
        out_arg,
        "--rejects",
        spelled_otherwise.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr_of(&run));
    assert!(
        stderr_of(&run).contains("is an output of this run"),
        "{}",
        stderr_of(&run)
    );
    assert_eq!(
        fs::read_to_string(out.join("corpus.tsv")).unwrap(),
        "previous corpus\n"
    );
    // Inside a folder the run replaces whole (links/, review/), a file would be lost too.
    for (format, inside) in [("links", "links/r.tsv"), ("html", "review/r.tsv")] {
        let rejects = out.join(inside);
        let args = ["corpus", in_arg, "-o", out_arg, "--format", format];
        let run = zhen(&[&args[..], &["--rejects", rejects.to_str().unwrap()]].concat());
        assert_eq!(run.status.code(), Some(2), "{format}: {}", stderr_of(&run));
    }

    // Beside the outputs is fine.
    let run = zhen(&[
        "corpus",
        in_arg,
        "-o",
        out_arg,
        "--min-score",
        "0.99",
        "--rejects",
        out.join("rejects.tsv").to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr_of(&run));
    assert!(out.join("rejects.tsv").is_file());
}

// Item 5: every document of a run has a distinct name.

#[test]
fn two_roots_holding_the_same_names_give_distinct_documents_and_links_files() {
    let dir = tempfile::tempdir().unwrap();
    for (i, root) in ["r1", "r2"].iter().enumerate() {
        fs::create_dir(dir.path().join(root)).unwrap();
        fs::write(dir.path().join(root).join("a.txt"), tiny_article(i)).unwrap();
    }
    let out = dir.path().join("o");
    let (r1, r2) = (dir.path().join("r1"), dir.path().join("r2"));
    let run = corpus(
        &[&r1, &r2],
        &["-o", out.to_str().unwrap(), "--format", "tsv,links"],
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr_of(&run));
    assert_eq!(docs_in(&out), ["r1/a.txt", "r2/a.txt"]);
    assert_eq!(
        files_under(&out.join("links")),
        ["r1/a.txt.links", "r2/a.txt.links"]
    );

    // Two files of the same name given as inputs: the second is numbered.
    let run = corpus(
        &[&r1.join("a.txt"), &r2.join("a.txt")],
        &["-o", out.to_str().unwrap()],
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr_of(&run));
    assert_eq!(docs_in(&out), ["a.txt", "a.txt#2"]);

    // One root: names are as they always were.
    let run = corpus(&[&r1], &["-o", out.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(0));
    assert_eq!(docs_in(&out), ["a.txt"]);
}

#[cfg(target_os = "linux")]
#[test]
fn names_differing_only_in_bytes_that_are_not_utf8_stay_distinct() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    fs::write(input.join(OsStr::from_bytes(b"a\xff.txt")), tiny_article(1)).unwrap();
    fs::write(input.join(OsStr::from_bytes(b"a\xfe.txt")), tiny_article(2)).unwrap();
    fs::write(input.join("b\nc.txt"), tiny_article(3)).unwrap();
    let out = dir.path().join("o");
    let run = corpus(
        &[&input],
        &["-o", out.to_str().unwrap(), "--format", "tsv,links"],
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr_of(&run));
    assert_eq!(docs_in(&out), ["a\\xFE.txt", "a\\xFF.txt", "b\\nc.txt"]);
    assert_eq!(files_under(&out.join("links")).len(), 3);
    // Stderr names each on one line.
    assert!(
        stderr_of(&run).contains("b\\nc.txt: "),
        "{}",
        stderr_of(&run)
    );
}

// Item 6: the formats of a run are replaced together or not at all.

#[test]
fn a_run_that_cannot_put_one_format_in_place_replaces_none() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    fs::copy(SEED, input.join("a.txt")).unwrap();
    let out = dir.path().join("o");
    fs::create_dir_all(out.join("links")).unwrap();
    fs::write(out.join("corpus.tsv"), "old tsv\n").unwrap();
    fs::write(out.join("corpus.jsonl"), "old jsonl\n").unwrap();
    fs::write(out.join("links/old.txt.links"), "[0]:[0]\n").unwrap();
    // A non-empty folder where the last file should go: its rename would fail, for root too.
    fs::create_dir_all(out.join("corpus.tmx/keep")).unwrap();
    let o = out.to_str().unwrap();
    let run = corpus(&[&input], &["-o", o, "--format", "tsv,jsonl,tmx,links"]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr_of(&run));
    assert!(
        stderr_of(&run).contains("corpus.tmx"),
        "{}",
        stderr_of(&run)
    );
    assert_eq!(
        fs::read_to_string(out.join("corpus.tsv")).unwrap(),
        "old tsv\n"
    );
    assert_eq!(
        fs::read_to_string(out.join("corpus.jsonl")).unwrap(),
        "old jsonl\n"
    );
    assert_eq!(files_under(&out.join("links")), ["old.txt.links"]);
    let mut left: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    left.sort();
    assert_eq!(
        left,
        ["corpus.jsonl", "corpus.tmx", "corpus.tsv", "links"],
        "leftovers"
    );
}

#[test]
fn links_files_of_documents_no_longer_in_the_input_are_removed_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir_all(input.join("sub")).unwrap();
    fs::write(input.join("a.txt"), tiny_article(1)).unwrap();
    fs::write(input.join("sub/b.txt"), tiny_article(2)).unwrap();
    let out = dir.path().join("o");
    let args = ["-o", out.to_str().unwrap(), "--format", "links"];
    assert_eq!(corpus(&[&input], &args).status.code(), Some(0));
    assert_eq!(
        files_under(&out.join("links")),
        ["a.txt.links", "sub/b.txt.links"]
    );
    fs::remove_file(input.join("sub/b.txt")).unwrap();
    let run = corpus(&[&input], &args);
    assert_eq!(run.status.code(), Some(0));
    assert_eq!(files_under(&out.join("links")), ["a.txt.links"]);
    assert!(
        stderr_of(&run).contains("1 links files of documents no longer in the input removed"),
        "{}",
        stderr_of(&run)
    );
}

#[cfg(target_os = "linux")]
#[test]
fn the_links_folder_of_a_killed_run_is_removed_by_the_next_run() {
    let out = tempfile::tempdir().unwrap();
    let stale = out.path().join(".links.tmp-9999999");
    fs::create_dir_all(stale.join("news")).unwrap();
    fs::write(stale.join("news/x.txt.links"), "[0]:[0]\n").unwrap();
    let input = tempfile::tempdir().unwrap();
    fs::write(input.path().join("a.txt"), tiny_article(1)).unwrap();
    let run = corpus(
        &[input.path()],
        &["-o", out.path().to_str().unwrap(), "--format", "links"],
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr_of(&run));
    assert!(!stale.exists());
    assert!(
        stderr_of(&run).contains("removed stale temporary folder"),
        "{}",
        stderr_of(&run)
    );
}

// Item 8: closed or full standard output.

/// Run with stdout closed at once by its reader; the exit status and stderr.
fn with_closed_stdout(args: &[&str], stdin: &[u8]) -> (Option<i32>, String) {
    let mut child = zhen_command(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away, as `| head -0` does
    let mut input = child.stdin.take().unwrap();
    let _ = std::io::Write::write_all(&mut input, stdin);
    drop(input);
    let out = child.wait_with_output().unwrap();
    (out.status.code(), stderr_of(&out))
}

/// Run with stdout on /dev/full.
#[cfg(target_os = "linux")]
fn with_full_stdout(args: &[&str], stdin: &[u8]) -> (Option<i32>, String) {
    let mut child = zhen_command(args)
        .stdin(Stdio::piped())
        .stdout(
            fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .unwrap(),
        )
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let _ = std::io::Write::write_all(&mut input, stdin);
    drop(input);
    let out = child.wait_with_output().unwrap();
    (out.status.code(), stderr_of(&out))
}

const STREAM_LINE: &[u8] = "{\"id\":\"a\",\"zh\":\"你好。\",\"en\":\"Hello.\"}\n".as_bytes();

fn every_stdout_command() -> Vec<(Vec<&'static str>, &'static [u8])> {
    vec![
        (
            vec![
                "eval",
                "--zh",
                "tests/data/eval/set/zh",
                "--en",
                "tests/data/eval/set/en",
                "--gold",
                "tests/data/eval/set/gold",
            ],
            b"",
        ),
        (vec!["align", "--zh", SEED, "--en", SEED], b""),
        (vec!["split", "--lang", "en", SEED], b""),
        (vec!["stream"], STREAM_LINE),
    ]
}

#[test]
fn a_closed_stdout_ends_every_command_quietly() {
    for (args, stdin) in every_stdout_command() {
        let (code, stderr) = with_closed_stdout(&args, stdin);
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
        assert!(
            !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
            "{args:?}: {stderr}"
        );
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_stdout_is_an_error_not_a_panic() {
    for (args, stdin) in every_stdout_command() {
        let (code, stderr) = with_full_stdout(&args, stdin);
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("No space left on device"),
            "{args:?}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

/// Run with stderr a pipe whose reader has gone; the exit status.
fn with_closed_stderr(args: &[&str]) -> Option<i32> {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = zhen_command(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(writer)
        .output()
        .unwrap();
    out.status.code()
}

#[test]
fn a_closed_stderr_changes_no_exit_code() {
    // A panic on the lost message would give 101 in both cases.
    let missing = ["align", "--zh", "no/such.txt", "--en", "no/such.txt"];
    assert_eq!(with_closed_stderr(&missing), Some(2));
    let out = tempfile::tempdir().unwrap();
    let summary = ["corpus", "seeds", "-o", out.path().to_str().unwrap()];
    assert_eq!(with_closed_stderr(&summary), Some(0));
    assert!(out.path().join("corpus.tsv").is_file());
}

// Item 12: unbounded resources.

#[cfg(target_os = "linux")]
#[test]
fn endless_inputs_stop_at_the_size_cap() {
    for args in [
        vec!["split", "--lang", "zh", "/dev/zero"],
        vec!["align", "--zh", "/dev/zero", "--en", SEED],
    ] {
        let run = zhen(&args);
        assert_eq!(run.status.code(), Some(2), "{args:?}");
        assert!(
            stderr_of(&run).contains("/dev/zero: too large (65 MiB)"),
            "{}",
            stderr_of(&run)
        );
    }
    let run = zhen_command(&["split", "--lang", "en"])
        .stdin(fs::File::open("/dev/zero").unwrap())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr_of(&run).contains("<stdin>: too large (65 MiB)"),
        "{}",
        stderr_of(&run)
    );
}

#[test]
fn thousands_of_threads_are_lowered_with_a_note() {
    let mut child = zhen_command(&["--threads", "5000", "split", "--lang", "en", SEED])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("--threads 5000 did not finish in a minute");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr_of(&out).contains("--threads 5000 is more than this machine can use"));
}

/// `depth` nested folders `d/d/…` under `root`, an article at the bottom. Paths past PATH_MAX
/// cannot be made from the top, so the tree is made in segments of at most 1,000 folders
/// (2,000 bytes), each from its own short path, then each segment is moved under the bottom
/// of the one before: no call ever names a path longer than two segments.
#[cfg(unix)]
fn nested(root: &Path, depth: usize) {
    const SEGMENT: usize = 1_000;
    let segments = depth.div_ceil(SEGMENT);
    let bottom = |k: usize| {
        let levels = SEGMENT.min(depth - k * SEGMENT);
        root.join(format!("s{k}")).join("d/".repeat(levels - 1))
    };
    for k in 0..segments {
        fs::create_dir_all(bottom(k)).unwrap();
    }
    fs::write(bottom(segments - 1).join("a.txt"), tiny_article(7)).unwrap();
    for k in (1..segments).rev() {
        fs::rename(root.join(format!("s{k}")), bottom(k - 1).join("d")).unwrap();
    }
    fs::rename(root.join("s0"), root.join("d")).unwrap();
}

#[cfg(unix)]
#[test]
fn deep_folders_are_walked_and_paths_past_the_limit_named() {
    let dir = tempfile::tempdir().unwrap();
    let (shallow, deep) = (dir.path().join("shallow"), dir.path().join("deep"));
    fs::create_dir(&shallow).unwrap();
    fs::create_dir(&deep).unwrap();
    nested(&shallow, 1_000);
    nested(&deep, 2_100); // 4,200 bytes of "d/": past Linux's PATH_MAX of 4,096
    let out = dir.path().join("o");
    let run = corpus(&[&shallow], &["-o", out.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr_of(&run));
    assert_eq!(docs_in(&out), [format!("{}a.txt", "d/".repeat(1_000))]);
    let run = corpus(&[&deep], &["-o", out.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr_of(&run));
    let stderr = stderr_of(&run);
    assert!(stderr.contains("path too long"), "{stderr}");
    assert!(
        stderr.lines().all(|l| l.len() < 400),
        "long lines: {stderr}"
    );
}
