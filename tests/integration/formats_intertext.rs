//! `--format intertext` and `eval --intertext`: InterText's files written, read back (hand-made
//! files with real-world variations in tests/data/intertext, see its README), and the round trip
//! export → eval scoring 1.000.

use crate::util::{stderr_of, zhen};
use std::path::Path;
use zhen_align::export::intertext::read::read_folder;
use zhen_align::model::IdLink;

fn decode(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| e.to_string())
}

/// The first table of eval's output: the documents and `all`, up to the first blank line.
fn first_table(output: Vec<u8>) -> String {
    let text = String::from_utf8(output).unwrap();
    text.split("\n\n").next().unwrap().to_string()
}

/// The `all` line's strict F1 of an eval table.
fn strict_f1_of_all(table: &str) -> String {
    let all = table
        .lines()
        .find(|l| l.starts_with("all "))
        .expect("all line");
    all.split_whitespace().nth(3).unwrap().to_string()
}

#[test]
fn hand_written_files_read_with_their_variations() {
    let folder = read_folder(Path::new("tests/data/intertext"), decode).unwrap();
    assert!(folder.errors.is_empty(), "{:?}", folder.errors);
    let names: Vec<&str> = folder.documents.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["opus/tale", "plain/story"]);

    let tale = &folder.documents[0];
    assert_eq!(tale.zh.len(), 4);
    assert_eq!(tale.en[2].text, "It could not reach them.");
    assert_eq!(
        tale.gold,
        [
            IdLink::new([0, 1], [0]),
            IdLink::new([2], [1, 2]),
            IdLink::new([3], [3])
        ]
    );

    // fromDoc is the English text here: the links are turned round, Chinese first.
    let story = &folder.documents[1];
    assert_eq!(story.zh[0].text, "老人住在河边。");
    assert_eq!(story.en[0].text, "The old man lived by the river.");
    assert_eq!(
        story.gold,
        [
            IdLink::new([0], [0]),
            IdLink::new([1], [1, 2]),
            IdLink::new([], [3]),
            IdLink::new([2], []),
            IdLink::new([3], [4]),
            IdLink::new([4], [5]),
            IdLink::new([5], [6]),
        ]
    );
    let paragraphs =
        |s: &[zhen_align::model::Sentence]| s.iter().map(|x| x.paragraph).collect::<Vec<_>>();
    assert_eq!(paragraphs(&story.zh), [0, 0, 0, 1, 1, 1]);
    assert_eq!(paragraphs(&story.en), [0, 0, 0, 0, 1, 1, 1]);
}

#[test]
fn eval_prints_the_eval_table_for_intertext_folders() {
    let run = zhen(&["eval", "--intertext", "tests/data/intertext", "-q"]);
    assert!(run.status.success(), "{}", stderr_of(&run));
    let table = first_table(run.stdout);
    let first: Vec<&str> = table
        .lines()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(first, ["doc", "opus/tale", "plain/story", "all"]);
    assert!(table.starts_with("doc "));
    assert!(table.contains("strict_F1"));
}

#[test]
fn exported_alignments_score_one_when_evaluated() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap();
    let run = zhen(&["corpus", "seeds", "-o", dir, "--format", "intertext", "-q"]);
    assert!(run.status.success(), "{}", stderr_of(&run));
    // The three bilingual seeds, three files each; monolingual ones have nothing to correct.
    assert_eq!(
        std::fs::read_dir(out.path().join("intertext"))
            .unwrap()
            .count(),
        9
    );
    let set = "tests/data/eval/set";
    for chapter in ["001", "002"] {
        let run = zhen(&[
            "align",
            "--presplit",
            "--zh",
            &format!("{set}/zh/{chapter}"),
            "--en",
            &format!("{set}/en/{chapter}"),
            "--format",
            "intertext",
            "-o",
            &format!("{dir}/intertext/set"),
        ]);
        assert!(run.status.success(), "{}", stderr_of(&run));
    }
    let run = zhen(&["eval", "--intertext", &format!("{dir}/intertext"), "-q"]);
    assert!(run.status.success(), "{}", stderr_of(&run));
    let table = first_table(run.stdout);
    assert_eq!(table.lines().count(), 1 + 5 + 1, "{table}");
    assert!(table.contains("\nset/001 "), "{table}");
    assert_eq!(strict_f1_of_all(&table), "1.000", "{table}");
}

#[test]
fn unreadable_files_are_named_by_file_and_line_and_the_rest_is_scored() {
    let dir = tempfile::tempdir().unwrap();
    let plain = Path::new("tests/data/intertext/plain");
    for entry in std::fs::read_dir(plain).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write(
        "broken.alignment.xml",
        "<linkGrp fromDoc='story.zh-00.xml' toDoc='story.en-00.xml'>\n<link xtargets='2:17;1:1'>\n</linkGrp>\n",
    );
    write(
        "wrong-id.alignment.xml",
        "<linkGrp fromDoc='story.zh-00.xml' toDoc='story.en-00.xml'>\n<link xtargets='2:17;1:1'/>\n<link xtargets='9:9;1:2'/>\n</linkGrp>\n",
    );
    write(
        "no-text.alignment.xml",
        "<linkGrp fromDoc='missing.xml' toDoc='story.en-00.xml'>\n</linkGrp>\n",
    );
    write(
        "same-language.alignment.xml",
        "\n<linkGrp fromDoc='story.en-00.xml' toDoc='story.en-00.xml'/>\n",
    );
    let run = zhen(&["eval", "--intertext", dir.path().to_str().unwrap(), "-q"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr_of(&run));
    let err = stderr_of(&run);
    for expected in [
        "broken.alignment.xml:3: not well-formed XML",
        "wrong-id.alignment.xml:3: link names '9:9', which",
        "no-text.alignment.xml:1: cannot read 'missing.xml'",
        "same-language.alignment.xml:2: cannot tell which text is Chinese",
    ] {
        assert!(err.contains(expected), "{expected} not in:\n{err}");
    }
    let table = first_table(run.stdout);
    assert!(table.contains("\nstory "), "{table}");
}

#[test]
fn intertext_from_align_needs_a_folder() {
    let run = zhen(&[
        "align",
        "--zh",
        "tests/data/seeds/000.zh",
        "--en",
        "tests/data/seeds/000.en",
        "--format",
        "intertext",
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr_of(&run).contains("--output DIR"),
        "{}",
        stderr_of(&run)
    );
}
