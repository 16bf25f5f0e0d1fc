//! The TSV corpus: header `doc`, `zh`, `en`, `score`, `link` (tab-separated), one row per sentence pair.
//!
//! Written with the csv crate, tab-delimited and never quoted, so that every TSV reader
//! (pandas, awk, cut) sees the same fields; for that, no field may ever hold a tab or a line
//! break, which [`clean_field`] guarantees. The file is written under a temporary name in the
//! output folder and renamed into place when complete: a run killed midway leaves the previous
//! corpus intact and no partial file that could be taken for a result.

use crate::pipeline::Pair;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

pub const HEADER: [&str; 5] = ["doc", "zh", "en", "score", "link"];

/// A field's text with every tab, line break and other control character turned into a
/// space.
///
/// "Line break" is meant as broadly as the corpus's readers mean it: Python's
/// `str.splitlines` (and so many training scripts) also breaks at U+2028 LINE SEPARATOR and
/// U+2029 PARAGRAPH SEPARATOR, which are not control characters, and at U+0085 NEXT LINE,
/// which is. Left in a field, any of them would split one row (or one bitext line) in two and
/// shift every later line against its translation.
pub fn clean_field(text: &str) -> String {
    if !text.chars().any(breaks_a_line) {
        return text.to_string();
    }
    text.chars()
        .map(|c| if breaks_a_line(c) { ' ' } else { c })
        .collect()
}

/// Control characters (tab, CR, LF, U+0085 among them) and the two Unicode line separators.
fn breaks_a_line(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')
}

/// The score as written: four decimals, always a finite number in [0, 1].
pub fn format_score(score: f64) -> String {
    format!("{:.4}", written_score(score))
}

/// The score every export gives: clamped to [0, 1], and 0 for a score that is not a number.
pub fn written_score(score: f64) -> f64 {
    if score.is_finite() {
        score.clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// The I/O error under a csv error, so that its kind survives: a closed pipe must still read
/// as `BrokenPipe` (which ends `align … | head` quietly), a full disk as `StorageFull`.
pub fn io_error(e: csv::Error) -> io::Error {
    if !matches!(e.kind(), csv::ErrorKind::Io(_)) {
        return io::Error::other(e);
    }
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Writes rows to any `Write` (stdout for `align`, a file for `corpus`).
pub struct TsvWriter<W: Write> {
    inner: csv::Writer<W>,
}

impl<W: Write> TsvWriter<W> {
    pub fn new(out: W) -> io::Result<Self> {
        let mut inner = csv::WriterBuilder::new()
            .delimiter(b'\t')
            .quote_style(csv::QuoteStyle::Never)
            .from_writer(out);
        inner.write_record(HEADER).map_err(io_error)?;
        Ok(TsvWriter { inner })
    }

    /// The rows of a document's pairs (their ids are not a TSV column).
    pub fn write_pairs(&mut self, doc: &str, pairs: &[Pair]) -> io::Result<()> {
        let doc = clean_field(doc);
        pairs.iter().try_for_each(|p| self.write_row(&doc, p))
    }

    /// One row; `doc` already cleaned.
    fn write_row(&mut self, doc: &str, p: &Pair) -> io::Result<()> {
        self.inner
            .write_record([
                doc,
                &clean_field(&p.zh),
                &clean_field(&p.en),
                &format_score(p.score),
                &clean_field(&p.shape()),
            ])
            .map_err(io_error)
    }

    /// Push buffered rows to the output now (`stream` flushes after every document).
    pub fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }

    pub fn finish(self) -> io::Result<W> {
        self.inner.into_inner().map_err(|e| e.into_error())
    }
}

/// The hidden name under which [`AtomicFile`] writes `dest_name` for process `pid`:
/// `.corpus.tsv.tmp-4242` for `corpus.tsv`. Hidden, so the input walk and users' globs skip it;
/// never the destination's name, so it cannot be taken for a result; carrying the process id,
/// so that concurrent runs do not collide and a later run can tell a killed run's leftover
/// (see [`parse_temporary_name`]).
pub fn temporary_name(dest_name: &str, pid: u32) -> String {
    format!(".{dest_name}.tmp-{pid}")
}

/// The destination name and process id of a file name made by [`temporary_name`], or `None`
/// for any other name.
pub fn parse_temporary_name(name: &str) -> Option<(&str, u32)> {
    let (dest, pid) = name.strip_prefix('.')?.rsplit_once(".tmp-")?;
    // `u32::from_str` would also take "+12"; the scheme only ever writes digits.
    if dest.is_empty() || pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((dest, pid.parse().ok()?))
}

/// A file written under a temporary name beside its destination and renamed into place by
/// [`AtomicFile::commit`]. Whenever it is not committed — dropped early, or `commit` failing
/// at the flush, the sync or the rename — the temporary file is removed: the only leftover
/// possible is that of a killed process, which nothing can clean up but a later run.
pub struct AtomicFile {
    tmp: PathBuf,
    dest: PathBuf,
    file: Option<BufWriter<File>>,
    committed: bool,
}

impl AtomicFile {
    pub fn create(dest: &Path) -> io::Result<AtomicFile> {
        let dir = dest.parent().unwrap_or(Path::new("."));
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = dir.join(temporary_name(&name, std::process::id()));
        let file = File::create(&tmp)?;
        Ok(AtomicFile {
            tmp,
            dest: dest.to_path_buf(),
            file: Some(BufWriter::new(file)),
            committed: false,
        })
    }

    /// The buffered file. It is only taken by `commit`, which consumes `self`, so it is always
    /// there; should it not be, writes fail instead of panicking.
    fn writer(&mut self) -> io::Result<&mut BufWriter<File>> {
        self.file
            .as_mut()
            .ok_or_else(|| io::Error::other("temporary file already closed"))
    }

    /// Flush and sync: after this, only the rename is left, which needs no space. A run
    /// writing several files syncs them all before renaming any, so that a full disk leaves
    /// every destination as it was.
    pub fn sync(&mut self) -> io::Result<()> {
        if let Some(w) = self.file.take() {
            let file = w.into_inner().map_err(|e| e.into_error())?;
            file.sync_all()?;
        }
        Ok(())
    }

    /// Flush, sync and rename into place. On failure the temporary file is removed (by
    /// `Drop`) and the destination is left as it was.
    pub fn commit(mut self) -> io::Result<()> {
        self.sync()?;
        std::fs::rename(&self.tmp, &self.dest)?;
        self.committed = true;
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer()?.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.writer()?.flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if !self.committed {
            // Close before removing: some systems refuse to remove an open file.
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
    fn fields_never_hold_a_break_that_python_splitlines_would_split_at() {
        let field = clean_field("a\u{2028}b\u{2029}c\u{85}d\u{0b}e\u{0c}f\u{1c}g\u{1d}h\u{1e}i");
        assert_eq!(field, "a b c d e f g h i");
        // What `str.splitlines` splits at, per the Python documentation.
        let python_breaks = [
            '\n', '\r', '\u{0b}', '\u{0c}', '\u{1c}', '\u{1d}', '\u{1e}', '\u{85}', '\u{2028}',
            '\u{2029}',
        ];
        assert!(python_breaks
            .iter()
            .all(|&c| clean_field(&c.to_string()) == " "));
    }

    #[test]
    fn other_characters_are_kept_as_they_are() {
        assert_eq!(
            clean_field("中文, English\u{00A0}and\u{200B}more"),
            "中文, English\u{00A0}and\u{200B}more"
        );
    }

    #[test]
    fn a_temporary_name_carries_the_destination_and_the_process() {
        assert_eq!(temporary_name("corpus.tsv", 4242), ".corpus.tsv.tmp-4242");
        assert_eq!(
            parse_temporary_name(".corpus.tsv.tmp-4242"),
            Some(("corpus.tsv", 4242))
        );
        assert_eq!(
            parse_temporary_name(".a.tmp-1.links.tmp-7"),
            Some(("a.tmp-1.links", 7))
        );
        for other in [
            "corpus.tsv",
            ".corpus.tsv",
            ".corpus.tsv.tmp-",
            ".corpus.tsv.tmp-+12",
            ".corpus.tsv.tmp-12x",
            "..tmp-12",
            ".x.tmp-99999999999",
        ] {
            assert_eq!(parse_temporary_name(other), None, "{other}");
        }
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
        let pair = Pair {
            zh: "你好。".into(),
            en: "Hello \"there\".".into(),
            score: 0.9,
            zh_ids: 0..1,
            en_ids: 0..1,
        };
        w.write_pairs("a/b.txt", &[pair]).unwrap();
        let out = String::from_utf8(w.finish().unwrap()).unwrap();
        assert_eq!(
            out,
            "doc\tzh\ten\tscore\tlink\na/b.txt\t你好。\tHello \"there\".\t0.9000\t1-1\n"
        );
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

    #[test]
    fn a_commit_whose_rename_fails_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        // A non-empty folder in the way: renaming a file onto it fails, even for root.
        let dest = dir.path().join("corpus.tsv");
        std::fs::create_dir_all(dest.join("keep")).unwrap();
        let mut f = AtomicFile::create(&dest).unwrap();
        f.write_all(b"rows").unwrap();
        assert!(f.commit().is_err());
        assert!(dest.join("keep").is_dir());
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "temporary file left behind"
        );
    }
}
