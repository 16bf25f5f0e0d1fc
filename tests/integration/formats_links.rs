//! `--format links`: DIR/links/<doc>.links, every link of each document in the `[0,1]:[0]`
//! format that `zhen-align eval` and Vecalign's scorer read.

use std::collections::HashSet;
use std::path::Path;
use std::process::Command;
use zhen_align::eval::count;
use zhen_align::export::links::{parse_links, IdLink};
use zhen_align::pipeline::process_article;

fn corpus(inputs: &str, out: &Path) {
    let run = Command::new(env!("CARGO_BIN_EXE_zhen-align"))
        .args([
            "corpus",
            inputs,
            "-o",
            out.to_str().unwrap(),
            "--format",
            "links,jsonl",
            "-q",
        ])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

fn links_of(out: &Path, doc: &str) -> Vec<IdLink> {
    let path = out.join("links").join(format!("{doc}.links"));
    parse_links(
        &std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    )
    .unwrap()
}

const BILINGUAL: [&str; 3] = [
    "000_7e17bcff3271070b.txt",
    "001_5104d3bfebe09562.txt",
    "003_1de13378f93a8aba.txt",
];

#[test]
fn each_links_file_scores_one_against_itself() {
    let out = tempfile::tempdir().unwrap();
    corpus("seeds", out.path());
    for doc in BILINGUAL {
        let links = links_of(out.path(), doc);
        assert!(!links.is_empty());
        let scores = count(&links, &links).scores();
        assert_eq!((scores.strict.f1, scores.lax.f1), (1.0, 1.0), "{doc}");
    }
}

#[test]
fn every_sentence_is_in_exactly_one_link_omissions_included() {
    let out = tempfile::tempdir().unwrap();
    corpus("seeds", out.path());
    for doc in BILINGUAL {
        let article =
            process_article(&std::fs::read_to_string(Path::new("seeds").join(doc)).unwrap());
        let links = links_of(out.path(), doc);
        let zh: Vec<usize> = links.iter().flat_map(|l| l.zh.clone()).collect();
        let en: Vec<usize> = links.iter().flat_map(|l| l.en.clone()).collect();
        assert_eq!(zh, (0..article.zh_sentences).collect::<Vec<_>>(), "{doc}");
        assert_eq!(en, (0..article.en_sentences).collect::<Vec<_>>(), "{doc}");
        assert_eq!(
            links.iter().filter(|l| l.is_pair()).count(),
            article.pairs.len()
        );
    }
}

#[test]
fn the_pairs_of_the_jsonl_are_the_two_sided_links_of_the_links_files() {
    let out = tempfile::tempdir().unwrap();
    corpus("seeds", out.path());
    let jsonl = std::fs::read_to_string(out.path().join("corpus.jsonl")).unwrap();
    for doc in BILINGUAL {
        let ids = |v: &serde_json::Value, k: &str| {
            v[k].as_array()
                .unwrap()
                .iter()
                .map(|i| i.as_u64().unwrap() as usize)
                .collect::<Vec<_>>()
        };
        let from_jsonl: HashSet<IdLink> = jsonl
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .filter(|v| v["doc"] == doc)
            .map(|v| IdLink::new(ids(&v, "zh_ids"), ids(&v, "en_ids")))
            .collect();
        let from_links: HashSet<IdLink> = links_of(out.path(), doc)
            .into_iter()
            .filter(IdLink::is_pair)
            .collect();
        assert_eq!(from_jsonl, from_links, "{doc}");
    }
}

#[test]
fn documents_in_folders_keep_their_folders() {
    let input = tempfile::tempdir().unwrap();
    for folder in ["news/2025", "blog"] {
        std::fs::create_dir_all(input.path().join(folder)).unwrap();
        std::fs::copy(
            "seeds/001_5104d3bfebe09562.txt",
            input.path().join(folder).join("a.txt"),
        )
        .unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    corpus(input.path().to_str().unwrap(), out.path());
    assert_eq!(
        links_of(out.path(), "news/2025/a.txt"),
        links_of(out.path(), "blog/a.txt")
    );
}
