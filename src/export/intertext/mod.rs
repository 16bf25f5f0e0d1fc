//! InterText's files (`--format intertext`), so that a researcher opens an alignment in the
//! InterText editor (the one the MAC gold was made with), corrects it, and measures the result
//! with `zhen-align eval --intertext` ([`read`]).
//!
//! Per document, three XML files in InterText's published layout (its editor's `examples/`):
//! - `<doc>.zh.xml` and `<doc>.en.xml`: a `<doc>` of `<p id="P">` paragraphs holding
//!   `<s id="P:S">` sentences, both numbers counted from 1 (InterText's two-level numbering);
//! - `<doc>.zh.en.alignment.xml`: a `<linkGrp fromDoc=… toDoc=…>` of
//!   `<link type='2-1' xtargets='1:1 1:2;1:1' status='auto' score='0.9123'/>`, every link in
//!   order, omissions included (`xtargets='3:2;'`). `status='auto'` is InterText's mark for a
//!   link no person has confirmed yet; `score` is ours, which InterText does not use.
//!
//! Sentences keep their paragraphs: a new `<p>` starts wherever the sentence's paragraph
//! changes, so a presplit document (no paragraphs) is a single `<p>`. The alignment file names
//! the two texts by file name alone, as InterText does: the three files stay together.

pub mod read;

use super::tmx::escape;
use super::tsv::format_score;
use crate::model::{Lang, Link, Sentence};
use std::fmt::Write;

/// The three files of a document, by the name InterText knows each under.
#[derive(Debug, Clone, PartialEq)]
pub struct Triple {
    pub zh_name: String,
    pub en_name: String,
    pub alignment_name: String,
    pub zh: String,
    pub en: String,
    pub alignment: String,
}

/// The file names of a document whose own file name is `base` (`a.txt` → `a.txt.zh.xml`,
/// `a.txt.en.xml`, `a.txt.zh.en.alignment.xml`): InterText's `TEXT.VERSION.xml` and
/// `TEXT.V1.V2.alignment.xml`, the language as the version.
pub fn file_names(base: &str) -> [String; 3] {
    [
        format!("{base}.zh.xml"),
        format!("{base}.en.xml"),
        format!("{base}.zh.en.alignment.xml"),
    ]
}

/// The three files of one aligned document.
pub fn triple(base: &str, zh: &[Sentence], en: &[Sentence], links: &[Link]) -> Triple {
    let [zh_name, en_name, alignment_name] = file_names(base);
    let (zh_xml, zh_ids) = text_xml(base, Lang::Zh, zh);
    let (en_xml, en_ids) = text_xml(base, Lang::En, en);
    let alignment = alignment_xml(&zh_name, &en_name, links, &zh_ids, &en_ids);
    Triple {
        zh_name,
        en_name,
        alignment_name,
        zh: zh_xml,
        en: en_xml,
        alignment,
    }
}

/// A text file, and the `P:S` id given to each sentence.
fn text_xml(base: &str, lang: Lang, sentences: &[Sentence]) -> (String, Vec<String>) {
    let code = match lang {
        Lang::Zh => "zh",
        Lang::En => "en",
    };
    let mut out = format!(
        "<?xml version='1.0' encoding='utf-8'?>\n<doc id=\"{}\" language=\"{code}\">\n",
        escape(base)
    );
    let mut ids = Vec::with_capacity(sentences.len());
    let (mut p, mut s) = (0, 0);
    for (i, sentence) in sentences.iter().enumerate() {
        if i == 0 || sentence.paragraph != sentences[i - 1].paragraph {
            if i > 0 {
                out.push_str("</p>\n");
            }
            p += 1;
            s = 0;
            let _ = writeln!(out, "<p id=\"{p}\">");
        }
        s += 1;
        let id = format!("{p}:{s}");
        let _ = writeln!(out, "<s id=\"{id}\">{}</s>", escape(&sentence.text));
        ids.push(id);
    }
    if !sentences.is_empty() {
        out.push_str("</p>\n");
    }
    out.push_str("</doc>\n");
    (out, ids)
}

/// The alignment file: Chinese is `fromDoc`, as it comes first everywhere in zhen-align.
fn alignment_xml(
    zh_name: &str,
    en_name: &str,
    links: &[Link],
    zh_ids: &[String],
    en_ids: &[String],
) -> String {
    let mut out = format!(
        "<?xml version='1.0' encoding='utf-8'?>\n<linkGrp toDoc='{}' fromDoc='{}'>\n",
        escape(en_name),
        escape(zh_name)
    );
    for l in links {
        let _ = writeln!(
            out,
            "<link type='{}' xtargets='{};{}' status='auto' score='{}'/>",
            l.shape(),
            zh_ids[l.zh.clone()].join(" "),
            en_ids[l.en.clone()].join(" "),
            format_score(l.score)
        );
    }
    out.push_str("</linkGrp>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(zh: std::ops::Range<usize>, en: std::ops::Range<usize>) -> Link {
        Link {
            zh,
            en,
            score: 0.25,
        }
    }

    #[test]
    fn sentences_are_numbered_within_their_paragraphs() {
        let (xml, ids) = text_xml(
            "a",
            Lang::Zh,
            &[
                Sentence::new("一。", 3),
                Sentence::new("二 <&>。", 3),
                Sentence::new("三。", 5),
            ],
        );
        assert_eq!(ids, ["1:1", "1:2", "2:1"]);
        assert!(xml.contains("<p id=\"1\">\n<s id=\"1:1\">一。</s>\n<s id=\"1:2\">二 &lt;&amp;&gt;。</s>\n</p>\n<p id=\"2\">"));
        assert!(xml.ends_with("</p>\n</doc>\n"));
    }

    #[test]
    fn links_name_sentences_by_id_omissions_with_an_empty_side() {
        let t = triple(
            "b.txt",
            &[Sentence::new("一。", 0), Sentence::new("二。", 0)],
            &[Sentence::new("One.", 0), Sentence::new("Two.", 1)],
            &[link(0..2, 0..1), link(2..2, 1..2)],
        );
        assert_eq!(t.alignment_name, "b.txt.zh.en.alignment.xml");
        assert!(t
            .alignment
            .contains("<linkGrp toDoc='b.txt.en.xml' fromDoc='b.txt.zh.xml'>"));
        assert!(t
            .alignment
            .contains("<link type='2-1' xtargets='1:1 1:2;1:1' status='auto' score='0.2500'/>"));
        assert!(t.alignment.contains("xtargets=';2:1'"));
    }
}
