//! JSON lines: one object per pair with the document, both texts, the score, the link shape
//! and the sentence ids of each side, for training scripts that want metadata with the text
//! (and the ids to go back to the source sentences).
//!
//! Written with serde_json, so any text is escaped correctly and every line parses. Texts are
//! written as they are (JSON can hold any character); the score is rounded to four decimals
//! like the TSV's, so the two formats carry the same number.

use super::tsv::format_score;
use crate::pipeline::Pair;
use serde::Serialize;
use std::io::{self, Write};

/// The object written for one pair. Field order is the order in the file.
#[derive(Debug, Serialize)]
struct Line<'a> {
    doc: &'a str,
    zh: &'a str,
    en: &'a str,
    score: f64,
    link: &'a str,
    zh_ids: Vec<usize>,
    en_ids: Vec<usize>,
}

/// The score as a JSON number equal to the TSV's four-decimal text.
fn rounded(score: f64) -> f64 {
    format_score(score).parse().unwrap_or(0.0)
}

/// Writes one JSON object a line.
pub struct JsonlWriter<W: Write> {
    out: W,
}

impl<W: Write> JsonlWriter<W> {
    pub fn new(out: W) -> Self {
        JsonlWriter { out }
    }

    pub fn write_pairs(&mut self, doc: &str, pairs: &[Pair]) -> io::Result<()> {
        for r in pairs {
            let line = Line {
                doc,
                zh: &r.zh,
                en: &r.en,
                score: rounded(r.score),
                link: &r.shape(),
                zh_ids: r.zh_ids.clone().collect(),
                en_ids: r.en_ids.clone().collect(),
            };
            serde_json::to_writer(&mut self.out, &line)?;
            self.out.write_all(b"\n")?;
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
}
