//! `--format tmx`: a TMX 1.4b file that a real XML parser reads, one unit per corpus row.

use crate::util::zhen;
use std::path::Path;

fn corpus(inputs: &str, out: &Path) {
    let run = zhen(&[
        "corpus",
        inputs,
        "-o",
        out.to_str().unwrap(),
        "--format",
        "tsv,tmx",
        "--quiet",
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

fn tsv_rows(out: &Path) -> Vec<Vec<String>> {
    let tsv = std::fs::read_to_string(out.join("corpus.tsv")).unwrap();
    tsv.lines()
        .skip(1)
        .map(|l| l.split('\t').map(String::from).collect())
        .collect()
}

/// (doc, zh, en, score) of every `<tu>`, read with roxmltree.
fn units(tmx: &str) -> Vec<[String; 4]> {
    let xml = roxmltree::Document::parse(tmx).expect("the TMX is well-formed XML");
    let root = xml.root_element();
    assert_eq!(root.tag_name().name(), "tmx");
    assert_eq!(root.attribute("version"), Some("1.4"));
    let header = root
        .children()
        .find(|n| n.has_tag_name("header"))
        .expect("a header");
    assert_eq!(header.attribute("srclang"), Some("zh"));
    let body = root
        .children()
        .find(|n| n.has_tag_name("body"))
        .expect("a body");
    body.children()
        .filter(|n| n.has_tag_name("tu"))
        .map(|tu| {
            let prop = |t: &str| {
                tu.children()
                    .find(|p| p.attribute("type") == Some(t))
                    .and_then(|p| p.text())
                    .unwrap_or("")
                    .to_string()
            };
            let seg = |lang: &str| {
                let tuv = tu
                    .children()
                    .find(|v| {
                        v.attribute(("http://www.w3.org/XML/1998/namespace", "lang")) == Some(lang)
                    })
                    .expect("a tuv per language");
                tuv.children()
                    .find(|s| s.has_tag_name("seg"))
                    .and_then(|s| s.text())
                    .unwrap_or("")
                    .to_string()
            };
            [prop("x-doc"), seg("zh"), seg("en"), prop("x-score")]
        })
        .collect()
}

#[test]
fn the_tmx_of_the_seeds_has_one_unit_per_corpus_row_with_the_same_texts() {
    let out = tempfile::tempdir().unwrap();
    corpus("seeds", out.path());
    let tmx = std::fs::read_to_string(out.path().join("corpus.tmx")).unwrap();
    let units = units(&tmx);
    let rows = tsv_rows(out.path());
    assert!(rows.len() > 50);
    assert_eq!(units.len(), rows.len());
    for (unit, row) in units.iter().zip(&rows) {
        assert_eq!(unit[..], row[..4]);
    }
}

#[test]
fn markup_and_control_characters_in_the_text_still_give_valid_xml() {
    let input = tempfile::tempdir().unwrap();
    let zh = "研发部门说：“A&B 公司的利润 < 10% 且 > 5%。”\n他们说“好的”，然后离开了\u{7}会场。\n";
    let en = "The R&D department said: \"A&B's profit is < 10% and > 5%.\"\nThey said 'fine' and left\u{7} the hall.\n";
    std::fs::write(input.path().join("markup.txt"), format!("{zh}\n{en}")).unwrap();
    let out = tempfile::tempdir().unwrap();
    corpus(input.path().to_str().unwrap(), out.path());
    let units = units(&std::fs::read_to_string(out.path().join("corpus.tmx")).unwrap());
    assert!(!units.is_empty());
    let all_en: String = units.iter().map(|u| u[2].as_str()).collect();
    assert!(
        all_en.contains("R&D") && all_en.contains("< 10%") && all_en.contains("A&B's"),
        "{all_en}"
    );
}

#[test]
fn a_corpus_with_no_pairs_is_an_empty_but_valid_memory() {
    let out = tempfile::tempdir().unwrap();
    corpus("seeds/002_f8878bec3937b126.txt", out.path());
    assert!(units(&std::fs::read_to_string(out.path().join("corpus.tmx")).unwrap()).is_empty());
}
