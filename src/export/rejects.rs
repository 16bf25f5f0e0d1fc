//! The rejects file: every pair a filter dropped, with the reason, so that filtering can be
//! audited (is `--min-score 0.3` throwing away good pairs?) and undone without a re-run.
//!
//! The corpus TSV's columns plus `reason`, in the same cleaned, never-quoted TSV, so the two
//! files load with the same reader and a rejects row minus its last column is a corpus row.

use super::filters::Reason;
use super::tsv::{clean_field, format_score, io_error, HEADER};
use crate::pipeline::Pair;
use std::io::{self, Write};

/// Writes the header on creation and one row per dropped pair.
pub struct RejectsWriter<W: Write> {
    inner: csv::Writer<W>,
}

impl<W: Write> RejectsWriter<W> {
    pub fn new(out: W) -> io::Result<Self> {
        let mut inner = csv::WriterBuilder::new()
            .delimiter(b'\t')
            .quote_style(csv::QuoteStyle::Never)
            .from_writer(out);
        let mut header: Vec<&str> = HEADER.to_vec();
        header.push("reason");
        inner.write_record(header).map_err(io_error)?;
        Ok(RejectsWriter { inner })
    }

    pub fn write(&mut self, doc: &str, dropped: &[(Pair, Reason)]) -> io::Result<()> {
        let doc = clean_field(doc);
        for (pair, reason) in dropped {
            let p = pair;
            self.inner
                .write_record([
                    &doc,
                    &clean_field(&p.zh),
                    &clean_field(&p.en),
                    &format_score(p.score),
                    &clean_field(&p.shape()),
                    reason.name(),
                ])
                .map_err(io_error)?;
        }
        Ok(())
    }

    pub fn finish(self) -> io::Result<W> {
        self.inner.into_inner().map_err(|e| e.into_error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::Pair;

    #[test]
    fn a_rejects_row_is_a_corpus_row_and_its_reason() {
        let pair = Pair {
            zh: "好。".into(),
            en: "Good.".into(),
            score: 0.1,
            zh_ids: 0..1,
            en_ids: 0..1,
        };
        let mut w = RejectsWriter::new(Vec::new()).unwrap();
        w.write(
            "a.txt",
            &[(
                Pair {
                    zh_ids: 0..1,
                    en_ids: 0..1,
                    ..pair
                },
                Reason::Score,
            )],
        )
        .unwrap();
        let out = String::from_utf8(w.finish().unwrap()).unwrap();
        assert_eq!(
            out,
            "doc\tzh\ten\tscore\tlink\treason\na.txt\t好。\tGood.\t0.1000\t1-1\tscore\n"
        );
    }
}
