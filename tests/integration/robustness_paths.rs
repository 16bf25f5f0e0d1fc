//! Issue 5, paths and files through the `corpus` command: a run over a messy crawl names each
//! file it cannot use, with the reason, processes all the others, and says so in its exit
//! status (0 all well, 1 some files failed, 2 nothing could run).

use std::fs;
use std::path::Path;
use std::process::Output;

fn corpus(inputs: &[&Path], output: &Path) -> Output {
    crate::util::corpus(inputs, output, &[])
}

fn stderr(run: &Output) -> String {
    String::from_utf8_lossy(&run.stderr).into_owned()
}

/// The `doc` column of every row of `DIR/corpus.tsv`.
fn docs_in(output: &Path) -> Vec<String> {
    let tsv = fs::read_to_string(output.join("corpus.tsv")).expect("corpus.tsv written");
    tsv.lines()
        .skip(1)
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect()
}

/// A one-pair article, different for each `i`.
fn tiny_article(i: usize) -> String {
    format!("第{i}号文件说明了中美贸易问题。\n\nFile number {i} explains the trade question.\n")
}

const SEED: &str = "seeds/001_5104d3bfebe09562.txt";

/// Whether this process can read files whatever their permissions (root, CAP_DAC_OVERRIDE):
/// then chmod 000 locks nothing, and the tests check instead that the "locked" path is read
/// like any other (root-proof unreadable paths are in
/// `paths_no_one_can_read_are_named_and_the_rest_processed`).
fn permissions_are_ignored(locked: &Path) -> bool {
    fs::read_dir(locked).is_ok() || fs::read(locked).is_ok()
}

#[test]
fn thousands_of_tiny_files_each_give_their_row_in_order() {
    let input = tempfile::tempdir().unwrap();
    for folder in 0..30 {
        let dir = input.path().join(format!("f{folder:02}"));
        fs::create_dir(&dir).unwrap();
        for i in 0..100 {
            fs::write(
                dir.join(format!("{i:03}.txt")),
                tiny_article(folder * 100 + i),
            )
            .unwrap();
        }
    }
    let out = tempfile::tempdir().unwrap();
    let run = corpus(&[input.path()], out.path());
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let docs = docs_in(out.path());
    assert_eq!(docs.len(), 3000);
    assert_eq!(docs.first().map(String::as_str), Some("f00/000.txt"));
    assert_eq!(docs.last().map(String::as_str), Some("f29/099.txt"));
    assert!(
        docs.windows(2).all(|w| w[0] < w[1]),
        "rows out of input order"
    );
}

#[test]
fn a_missing_path_among_good_ones_stops_the_run_before_anything_is_written() {
    let out = tempfile::tempdir().unwrap();
    let run = corpus(
        &[Path::new("seeds"), Path::new("no/such/place")],
        out.path(),
    );
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("no/such/place"), "{}", stderr(&run));
    assert!(!out.path().join("corpus.tsv").exists());
}

#[test]
fn binary_and_empty_files_are_named_with_the_reason_and_the_rest_processed() {
    let input = tempfile::tempdir().unwrap();
    fs::copy(SEED, input.path().join("good.txt")).unwrap();
    fs::write(
        input.path().join("image.png"),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    )
    .unwrap();
    fs::write(
        input.path().join("unknown.bin"),
        b"\x01\x00\x02\x00\x00abc\x00",
    )
    .unwrap();
    fs::write(input.path().join("empty.txt"), b"").unwrap();
    fs::write(input.path().join("blank.txt"), b" \r\n\n").unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = corpus(&[input.path()], out.path());
    assert_eq!(
        run.status.code(),
        Some(1),
        "a binary file of no known format is a failed document"
    );
    let err = stderr(&run);
    assert!(
        err.contains("image.png: skipped (not text: image (PNG))"),
        "{err}"
    );
    assert!(
        err.contains("unknown.bin: binary file (NUL bytes)"),
        "{err}"
    );
    assert!(err.contains("empty.txt: skipped (empty"), "{err}");
    assert!(err.contains("blank.txt: skipped (empty"), "{err}");
    let docs = docs_in(out.path());
    assert!(docs.len() > 10 && docs.iter().all(|d| d == "good.txt"));
}

#[test]
fn legacy_encodings_and_line_endings_give_the_same_rows_as_utf8() {
    let article = fs::read_to_string(SEED).unwrap();
    let input = tempfile::tempdir().unwrap();
    fs::write(input.path().join("a_utf8.txt"), &article).unwrap();
    fs::write(
        input.path().join("b_gb18030.txt"),
        encoding_rs::GB18030.encode(&article).0,
    )
    .unwrap();
    fs::write(
        input.path().join("c_crlf.txt"),
        article.replace('\n', "\r\n"),
    )
    .unwrap();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(article.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    fs::write(input.path().join("d_utf16.txt"), utf16).unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = corpus(&[input.path()], out.path());
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let tsv = fs::read_to_string(out.path().join("corpus.tsv")).unwrap();
    let rows_of = |doc: &str| -> Vec<String> {
        tsv.lines()
            .filter_map(|l| l.strip_prefix(&format!("{doc}\t")).map(String::from))
            .collect()
    };
    let utf8 = rows_of("a_utf8.txt");
    assert!(utf8.len() > 10);
    for doc in ["b_gb18030.txt", "c_crlf.txt", "d_utf16.txt"] {
        assert_eq!(rows_of(doc), utf8, "{doc} aligned differently");
    }
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_named_and_the_rest_processed() {
    use std::os::unix::fs::PermissionsExt;
    let input = tempfile::tempdir().unwrap();
    fs::copy(SEED, input.path().join("good.txt")).unwrap();
    let locked = input.path().join("locked.txt");
    fs::copy(SEED, &locked).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = corpus(&[input.path()], out.path());
    if permissions_are_ignored(&locked) {
        // Root reads it: both files are aligned, nothing fails.
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
        let docs = docs_in(out.path());
        assert!(docs.contains(&"good.txt".to_string()) && docs.contains(&"locked.txt".to_string()));
        return;
    }
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("locked.txt: cannot read"),
        "{}",
        stderr(&run)
    );
    assert!(docs_in(out.path()).iter().all(|d| d == "good.txt"));
}

#[cfg(unix)]
#[test]
fn an_unreadable_folder_is_named_and_the_rest_processed() {
    use std::os::unix::fs::PermissionsExt;
    let input = tempfile::tempdir().unwrap();
    fs::copy(SEED, input.path().join("good.txt")).unwrap();
    let locked = input.path().join("locked");
    fs::create_dir(&locked).unwrap();
    fs::copy(SEED, locked.join("hidden_from_us.txt")).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let ignored = permissions_are_ignored(&locked);
    let out = tempfile::tempdir().unwrap();
    let run = corpus(&[input.path()], out.path());
    let docs = docs_in(out.path());
    // Unlocked again so that the temporary folder can be removed.
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
    if ignored {
        // Root reads it: the file inside is aligned too, nothing fails.
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
        assert!(
            docs.contains(&"locked/hidden_from_us.txt".to_string()),
            "{docs:?}"
        );
        return;
    }
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("locked: cannot read folder"),
        "{}",
        stderr(&run)
    );
    assert!(!docs.is_empty() && docs.iter().all(|d| d == "good.txt"));
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_walked_once_and_self_links_reported() {
    use std::os::unix::fs::symlink;
    let input = tempfile::tempdir().unwrap();
    let sub = input.path().join("sub");
    fs::create_dir(&sub).unwrap();
    fs::copy(SEED, sub.join("a.txt")).unwrap();
    symlink(input.path(), sub.join("up")).unwrap(); // sub/up → the root: a cycle
    symlink(&sub, sub.join("here")).unwrap(); // sub/here → sub: a shorter cycle
    symlink(sub.join("self"), sub.join("self")).unwrap(); // a link to itself
    let out = tempfile::tempdir().unwrap();
    let run = corpus(&[input.path()], out.path());
    assert_eq!(
        run.status.code(),
        Some(1),
        "the self-link is a failed entry"
    );
    assert!(
        stderr(&run).contains("self: unusable symbolic link"),
        "{}",
        stderr(&run)
    );
    let docs = docs_in(out.path());
    assert!(
        !docs.is_empty() && docs.iter().all(|d| d == "sub/a.txt"),
        "{docs:?}"
    );
}

#[test]
fn an_output_folder_inside_an_input_is_never_read_back() {
    let input = tempfile::tempdir().unwrap();
    fs::copy(SEED, input.path().join("a.txt")).unwrap();
    let out = input.path().join("results/run1");
    for _ in 0..2 {
        let run = corpus(&[input.path()], &out);
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
        let docs = docs_in(&out);
        assert!(
            !docs.is_empty() && docs.iter().all(|d| d == "a.txt"),
            "{docs:?}"
        );
    }
}

#[test]
fn an_output_folder_equal_to_the_input_reads_the_articles_but_not_the_corpus() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(SEED, dir.path().join("a.txt")).unwrap();
    let mut previous = None;
    for _ in 0..2 {
        let run = corpus(&[dir.path()], dir.path());
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
        let tsv = fs::read_to_string(dir.path().join("corpus.tsv")).unwrap();
        assert!(tsv.lines().skip(1).all(|l| l.starts_with("a.txt\t")) && tsv.lines().count() > 10);
        // The second run must not have read the first run's corpus as an article.
        assert!(previous.as_ref().is_none_or(|p| *p == tsv));
        previous = Some(tsv);
    }
}

/// Paths that no one can read, root included: a link through a regular file (as if it were a
/// folder), a FIFO (reading would wait for a writer forever) and a dangling link. Each is
/// named with its reason, the run goes on, and the status says some input failed.
#[cfg(unix)]
#[test]
fn paths_no_one_can_read_are_named_and_the_rest_processed() {
    use std::os::unix::fs::symlink;
    let input = tempfile::tempdir().unwrap();
    let good = input.path().join("good.txt");
    fs::copy(SEED, &good).unwrap();
    symlink(
        good.join("inside.txt"),
        input.path().join("through_a_file.txt"),
    )
    .unwrap();
    symlink(
        input.path().join("gone.txt"),
        input.path().join("dangling.txt"),
    )
    .unwrap();
    let fifo = input.path().join("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let out = tempfile::tempdir().unwrap();
    // The FIFO also as an input of its own: named, not read (the run would hang).
    let run = corpus(&[input.path(), &fifo], out.path());
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let err = stderr(&run);
    assert!(
        err.contains("through_a_file.txt: unusable symbolic link"),
        "{err}"
    );
    assert!(err.contains("dangling.txt: broken symbolic link"), "{err}");
    assert_eq!(
        err.matches("pipe.txt: not a regular file").count(),
        2,
        "{err}"
    );
    let docs = docs_in(out.path());
    assert!(
        docs.len() > 10 && docs.iter().all(|d| d == "good.txt"),
        "{docs:?}"
    );
}
