//! The TSV corpus: header `doc	zh	en	score	link`, one row per sentence pair.
//!
//! Written with the csv crate, tab-delimited and never quoted, so that every TSV reader
//! (pandas, awk, cut) sees the same fields; for that, no field may ever hold a tab or a line
//! break, which [`clean_field`] guarantees. The file is written under a temporary name in the
//! output folder and renamed into place when complete: a run killed midway leaves the previous
//! corpus intact and no partial file that could be taken for a result.

use super::record::Record;
use crate::pipeline::Pair;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

pub const HEADER: [&str; 5] = ["doc", "zh", "en", "score", "link"];

/// A field's text with every tab, line break and other control character turned into a
/// space.
pub fn clean_field(text: &str) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_string();
    }
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// The score as written: four decimals, always a finite number in [0, 1].
pub fn format_score(score: f64) -> String {
    let s = if score.is_finite() { score.clamp(0.0, 1.0) } else { 0.0 };
    format!("{s:.4}")
}

/// Writes rows to any `Write` (stdout for `align`, a file for `corpus`).
pub struct TsvWriter<W: Write> {
    inner: csv::Writer<W>,
}

impl<W: Write> TsvWriter<W> {
    pub fn new(out: W) -> io::Result<Self> {
        let mut inner = csv::WriterBuilder::new().delimiter(b'\t').quote_style(csv::QuoteStyle::Never).from_writer(out);
        inner.write_record(HEADER)?;
        Ok(TsvWriter { inner })
    }

    pub fn write_pairs(&mut self, doc: &str, pairs: &[Pair]) -> io::Result<()> {
        let doc = clean_field(doc);
        pairs.iter().try_for_each(|p| self.write_row(&doc, p))
    }

    /// The rows of records (pairs with their ids; the ids are not a TSV column).
    pub fn write_records(&mut self, doc: &str, records: &[Record]) -> io::Result<()> {
        let doc = clean_field(doc);
        records.iter().try_for_each(|r| self.write_row(&doc, &r.pair))
    }

    /// One row; `doc` already cleaned.
    fn write_row(&mut self, doc: &str, p: &Pair) -> io::Result<()> {
        self.inner.write_record([doc, &clean_field(&p.zh), &clean_field(&p.en), &format_score(p.score), &clean_field(&p.link)])?;
        Ok(())
    }

    /// Push buffered rows to the output now (`stream` flushes after every document).
    pub fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }

    pub fn finish(self) -> io::Result<W> {
        self.inner.into_inner().map_err(|e| e.into_error())
    }
}

/// A file written under a temporary name beside its destination and renamed into place by
/// [`AtomicFile::commit`]. Dropped without commit, the temporary file is removed.
pub struct AtomicFile {
    tmp: PathBuf,
    dest: PathBuf,
    file: Option<BufWriter<File>>,
}

impl AtomicFile {
    pub fn create(dest: &Path) -> io::Result<AtomicFile> {
        let dir = dest.parent().unwrap_or(Path::new("."));
        let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
        let file = File::create(&tmp)?;
        Ok(AtomicFile { tmp, dest: dest.to_path_buf(), file: Some(BufWriter::new(file)) })
    }

    pub fn writer(&mut self) -> &mut BufWriter<File> {
        self.file.as_mut().expect("writer used after commit")
    }

    /// Flush, sync and rename into place.
    pub fn commit(mut self) -> io::Result<()> {
        if let Some(w) = self.file.take() {
            let file = w.into_inner().map_err(|e| e.into_error())?;
            file.sync_all()?;
        }
        std::fs::rename(&self.tmp, &self.dest)
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer().write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.writer().flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.file.is_some() {
            self.file = None;
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_never_hold_tabs_or_line_breaks() {
        assert_eq!(clean_field("a\tb\nc\rd"), "a b c d");
    }

    #[test]
    fn scores_are_finite_and_bounded() {
        assert_eq!(format_score(f64::NAN), "0.0000");
        assert_eq!(format_score(1.5), "1.0000");
        assert_eq!(format_score(0.12345), "0.1235");
    }

    #[test]
    fn rows_follow_the_header() {
        let mut w = TsvWriter::new(Vec::new()).unwrap();
        let pair = Pair { zh: "你好。".into(), en: "Hello \"there\".".into(), score: 0.9, link: "1-1".into() };
        w.write_pairs("a/b.txt", &[pair]).unwrap();
        let out = String::from_utf8(w.finish().unwrap()).unwrap();
        assert_eq!(out, "doc\tzh\ten\tscore\tlink\na/b.txt\t你好。\tHello \"there\".\t0.9000\t1-1\n");
    }

    #[test]
    fn an_uncommitted_file_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("corpus.tsv");
        std::fs::write(&dest, "old").unwrap();
        {
            let mut f = AtomicFile::create(&dest).unwrap();
            f.write_all(b"partial").unwrap();
        }
        assert_eq!(std::fs::read_to_string(&dest).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        let mut f = AtomicFile::create(&dest).unwrap();
        f.write_all(b"new").unwrap();
        f.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&dest).unwrap(), "new");
    }
}
