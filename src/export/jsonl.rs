//! JSON lines: one object per pair with the document, both texts, the score, the link shape
//! and the sentence ids of each side, for training scripts that want metadata with the text
//! (and the ids to go back to the source sentences).
//!
//! Written with serde_json, so any text is escaped correctly and every line parses. Texts are
//! written as they are (JSON can hold any character); the score is rounded to four decimals
//! like the TSV's, so the two formats carry the same number.

use super::tsv::format_score;
use crate::pipeline::Pair;
use std::io::{self, Write};

/// Writes one JSON object a line.
pub struct JsonlWriter<W: Write> {
    out: W,
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
            let zh_ids: Vec<usize> = p.zh_ids.clone().collect();
            let en_ids: Vec<usize> = p.en_ids.clone().collect();
            writeln!(
                self.out,
                "{{\"doc\":{doc},\"zh\":{},\"en\":{},\"score\":{},\"link\":{},\"zh_ids\":{},\"en_ids\":{}}}",
                json(&p.zh)?,
                json(&p.en)?,
                format_score(p.score),
                json(&p.shape())?,
                json(&zh_ids)?,
                json(&en_ids)?,
            )?;
        }
        Ok(())
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
