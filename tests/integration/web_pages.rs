//! Web pages in five site templates (tests/data/web/pages, written by make_pages.py from
//! article.md) and the same article as two one-language files in every naming form: the rows
//! that are not article text stay under 2%, and the article's pairs are found as in its
//! markdown form.

use crate::util::{corpus, zhen};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const WEB: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/web");

/// The (zh, en, link) of every row a corpus run over `input` writes.
fn rows(input: &Path) -> Vec<(String, String, String)> {
    let out = tempfile::tempdir().unwrap();
    let run = zhen(&[
        "-q",
        "corpus",
        input.to_str().unwrap(),
        "-o",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", input.display());
    let tsv = std::fs::read_to_string(out.path().join("corpus.tsv")).unwrap();
    tsv.lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f[1].to_string(), f[2].to_string(), f[4].to_string())
        })
        .collect()
}

fn without_space(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The markdown article's rows, and its text without markup or spaces.
fn article() -> (BTreeSet<(String, String, String)>, String) {
    let md = Path::new(WEB).join("article.md");
    let text = std::fs::read_to_string(&md).unwrap().replace('#', "");
    (rows(&md).into_iter().collect(), without_space(&text))
}

#[test]
fn pages_in_five_templates_give_the_article_and_no_boilerplate() {
    let (expected, text) = article();
    assert_eq!(expected.len(), 17);
    let mut pages: Vec<PathBuf> = std::fs::read_dir(Path::new(WEB).join("pages"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    pages.sort();
    assert_eq!(pages.len(), 5);
    for page in pages {
        let found = rows(&page);
        let junk = found
            .iter()
            .filter(|(zh, en, _)| {
                !text.contains(&without_space(zh)) || !text.contains(&without_space(en))
            })
            .count();
        let total = found.len();
        assert!(
            (junk as f64) < 0.02 * total as f64,
            "{}: {junk} of {total} rows are not article text",
            page.display()
        );
        let found: BTreeSet<_> = found.into_iter().collect();
        assert_eq!(found, expected, "{}", page.display());
    }
}

#[test]
fn two_one_language_files_in_every_form_give_the_rows_of_the_one_file_article() {
    let (expected, _) = article();
    let two = Path::new(WEB).join("two_files");
    let mut forms: Vec<PathBuf> = std::fs::read_dir(&two)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    forms.sort();
    assert_eq!(forms.len(), 12);
    for form in forms {
        let found: BTreeSet<_> = rows(&form).into_iter().collect();
        assert_eq!(found, expected, "{}", form.display());
    }
}

#[test]
fn the_summary_counts_pairs_lone_files_and_files_that_are_not_text() {
    let input = tempfile::tempdir().unwrap();
    let two = Path::new(WEB).join("two_files/dot");
    for name in ["library.zh.md", "library.en.md"] {
        std::fs::copy(two.join(name), input.path().join(name)).unwrap();
    }
    std::fs::copy(two.join("library.zh.md"), input.path().join("alone.zh.md")).unwrap();
    std::fs::write(
        input.path().join("photo.jpg"),
        b"\xFF\xD8\xFF\xE0\0\x10JFIF",
    )
    .unwrap();
    std::fs::write(input.path().join("paper.pdf"), b"%PDF-1.4\n%\xE2\xE3").unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = corpus(&[input.path()], out.path(), &[]);
    let err = crate::util::stderr_of(&run);
    assert_eq!(run.status.code(), Some(0), "{err}");
    assert!(
        err.contains("library.zh+en.md: two files; 17 zh / 17 en sentences; 17 pairs"),
        "{err}"
    );
    assert!(
        err.contains("alone.zh.md: skipped (monolingual: Chinese only); no partner file found"),
        "{err}"
    );
    assert!(
        err.contains("photo.jpg: skipped (not text: image (JPEG))"),
        "{err}"
    );
    assert!(
        err.contains("4 documents: 1 bilingual (1 paired from two files), 1 monolingual without a partner, 0 empty, 2 not text, 0 failed"),
        "{err}"
    );
}
