//! Moses-style bitext: `corpus.zh` and `corpus.en`, line i of one the translation of line i of
//! the other — what MT toolkits (Moses, fairseq-preprocess, Marian, OpenNMT) read.
//!
//! The only thing such a format can get wrong is the line count: a line break inside a
//! sentence would shift every later line of one file against the other. Each line therefore
//! goes through [`clean_field`], which turns every control character (line breaks included)
//! into a space, and each record writes exactly one line to each file.

use super::tsv::clean_field;
use crate::pipeline::Pair;
use std::io::{self, Write};

/// Writes the two sides of each record to two parallel outputs.
pub struct BitextWriter<Z: Write, E: Write> {
    zh: Z,
    en: E,
}

impl<Z: Write, E: Write> BitextWriter<Z, E> {
    pub fn new(zh: Z, en: E) -> Self {
        BitextWriter { zh, en }
    }

    pub fn write_pairs(&mut self, pairs: &[Pair]) -> io::Result<()> {
        for r in pairs {
            writeln!(self.zh, "{}", clean_field(&r.zh))?;
            writeln!(self.en, "{}", clean_field(&r.en))?;
        }
        Ok(())
    }

    pub fn finish(mut self) -> io::Result<(Z, E)> {
        self.zh.flush()?;
        self.en.flush()?;
        Ok((self.zh, self.en))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::Pair;

    #[test]
    fn a_line_break_inside_a_sentence_does_not_shift_the_lines() {
        let pair = Pair {
            zh: "第一行\n第二行".into(),
            en: "one\r\ntwo".into(),
            score: 1.0,
            zh_ids: 0..1,
            en_ids: 0..1,
        };
        let mut w = BitextWriter::new(Vec::new(), Vec::new());
        w.write_pairs(&[Pair {
            zh_ids: 0..1,
            en_ids: 0..1,
            ..pair
        }])
        .unwrap();
        let (zh, en) = w.finish().unwrap();
        assert_eq!(String::from_utf8(zh).unwrap(), "第一行 第二行\n");
        assert_eq!(String::from_utf8(en).unwrap(), "one  two\n");
    }
}
