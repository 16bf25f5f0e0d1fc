//! JSON lines: one object per pair with the document, both texts, the score, the link shape
//! and the sentence ids of each side, for training scripts that want metadata with the text
//! (and the ids to go back to the source sentences).
//!
//! Written with serde_json, so any text is escaped correctly and every line parses. Texts are
//! written as they are (JSON can hold any character); the score is rounded to four decimals
//! like the TSV's, so the two formats carry the same number.

use super::tsv::format_score;
use super::Document;
use crate::model::{Lang, Link, Sentence};
use crate::pipeline::{join, Pair};
use std::io::{self, Write};

/// Writes one JSON object a line.
pub struct JsonlWriter<W: Write> {
    out: W,
}

/// A link with an empty side: a sentence (or more) with no counterpart.
fn is_omission(link: &Link) -> bool {
    link.zh.is_empty() || link.en.is_empty()
}

/// A JSON string or array, as serde_json writes it (any text escaped correctly).
fn json<T: serde::Serialize + ?Sized>(value: &T) -> io::Result<String> {
    serde_json::to_string(value).map_err(io::Error::other)
}

impl<W: Write> JsonlWriter<W> {
    pub fn new(out: W) -> Self {
        JsonlWriter { out }
    }

    /// One object a pair, its fields in this order: doc, zh, en, score, link, zh_ids, en_ids.
    /// The score is written as the TSV writes it, with exactly four decimals (`0.9980`,
    /// `1.0000`): serde would write the shortest form of the number (`0.998`, `1.0`), and the
    /// two formats would not read alike.
    pub fn write_pairs(&mut self, doc: &str, pairs: &[Pair]) -> io::Result<()> {
        let doc = json(doc)?;
        for p in pairs {
            self.pair_line(&doc, p, "")?;
        }
        Ok(())
    }

    /// A document's pairs as [`JsonlWriter::write_pairs`] writes them, each followed by the
    /// document's score and its parts when there is one (`doc_score`, `doc_expected_right`,
    /// `doc_word_lift`: hits over chance hits, absent without word evidence); with `omissions`,
    /// also a line for each omission (link `1-0` or `0-1`, the other side `""` and no ids),
    /// with the probability that the sentence has no counterpart, in document order.
    pub fn write_document(&mut self, d: &Document, omissions: bool) -> io::Result<()> {
        let doc = json(&d.doc)?;
        let extra = d.doc_parts.map(|p| {
            let lift = p
                .words
                .map(|w| format!(",\"doc_word_lift\":{:.2}", w.lift()))
                .unwrap_or_default();
            format!(
                ",\"doc_score\":{},\"doc_expected_right\":{}{lift}",
                format_score(p.score),
                format_score(p.expected_right)
            )
        });
        let extra = extra.unwrap_or_default();
        let mut pairs = d.pairs.iter().peekable();
        for link in d.links.iter().filter(|l| omissions || !is_omission(l)) {
            if is_omission(link) {
                let text = |s: &[Sentence], r: &std::ops::Range<usize>, lang| {
                    s.get(r.clone()).map(|s| join(s, lang)).unwrap_or_default()
                };
                let zh = text(&d.zh, &link.zh, Lang::Zh);
                let en = text(&d.en, &link.en, Lang::En);
                let (zh_ids, en_ids): (Vec<usize>, Vec<usize>) =
                    (link.zh.clone().collect(), link.en.clone().collect());
                let shape = format!("{}-{}", link.zh.len(), link.en.len());
                self.line(&doc, &zh, &en, link.score, &shape, &zh_ids, &en_ids, &extra)?;
            } else if let Some(p) = pairs.next_if(|p| p.zh_ids == link.zh && p.en_ids == link.en) {
                self.pair_line(&doc, p, &extra)?;
            }
        }
        // Pairs without links (a document built from pairs alone) are written all the same.
        for p in pairs {
            self.pair_line(&doc, p, &extra)?;
        }
        Ok(())
    }

    /// A pair's line (see [`JsonlWriter::line`]).
    fn pair_line(&mut self, doc: &str, p: &Pair, extra: &str) -> io::Result<()> {
        let zh_ids: Vec<usize> = p.zh_ids.clone().collect();
        let en_ids: Vec<usize> = p.en_ids.clone().collect();
        let shape = p.shape();
        self.line(doc, &p.zh, &p.en, p.score, &shape, &zh_ids, &en_ids, extra)
    }

    /// One line: the fields of [`JsonlWriter::write_pairs`], then `extra` (already JSON).
    #[allow(clippy::too_many_arguments)]
    fn line(
        &mut self,
        doc: &str,
        zh: &str,
        en: &str,
        score: f64,
        shape: &str,
        zh_ids: &[usize],
        en_ids: &[usize],
        extra: &str,
    ) -> io::Result<()> {
        writeln!(
            self.out,
            "{{\"doc\":{doc},\"zh\":{},\"en\":{},\"score\":{},\"link\":{},\"zh_ids\":{},\"en_ids\":{}{extra}}}",
            json(zh)?,
            json(en)?,
            format_score(score),
            json(shape)?,
            json(zh_ids)?,
            json(en_ids)?,
        )
    }

    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::Pair;

    #[test]
    fn a_pair_is_one_line_with_its_ids_and_escaped_text() {
        let pair = Pair {
            zh: "他说：“好”\n".into(),
            en: "He said \"yes\"\t".into(),
            score: 0.123456,
            zh_ids: 0..2,
            en_ids: 0..1,
        };
        let mut w = JsonlWriter::new(Vec::new());
        w.write_pairs(
            "a/b.txt",
            &[Pair {
                zh_ids: 3..5,
                en_ids: 2..3,
                ..pair
            }],
        )
        .unwrap();
        let out = String::from_utf8(w.finish().unwrap()).unwrap();
        assert_eq!(out.lines().count(), 1);
        let v: serde_json::Value = serde_json::from_str(out.trim_end()).unwrap();
        assert_eq!(v["doc"], "a/b.txt");
        assert_eq!(v["zh"], "他说：“好”\n");
        assert_eq!(v["en"], "He said \"yes\"\t");
        assert_eq!(v["score"], 0.1235);
        assert_eq!(v["link"], "2-1");
        assert_eq!(v["zh_ids"], serde_json::json!([3, 4]));
        assert_eq!(v["en_ids"], serde_json::json!([2]));
    }

    #[test]
    fn scores_have_four_decimals_as_in_the_tsv() {
        let mut w = JsonlWriter::new(Vec::new());
        let pair = |score| Pair {
            zh: "好。".into(),
            en: "Good.".into(),
            score,
            zh_ids: 0..1,
            en_ids: 0..1,
        };
        w.write_pairs("d", &[pair(0.998), pair(1.0), pair(0.0)])
            .unwrap();
        let out = String::from_utf8(w.finish().unwrap()).unwrap();
        let scores: Vec<&str> = out
            .lines()
            .map(|l| {
                l.split("\"score\":")
                    .nth(1)
                    .unwrap()
                    .split(',')
                    .next()
                    .unwrap()
            })
            .collect();
        assert_eq!(scores, ["0.9980", "1.0000", "0.0000"]);
    }
}
