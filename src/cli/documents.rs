//! The documents of a `corpus` run: files paired by name ([`crate::ingest::pairs`]), read,
//! told apart from files that are not text, decoded and aligned; and the run's counts of what
//! became of them.

use crate::align::Evidence;
use crate::ingest::decode::decode_report;
use crate::ingest::office::zip_text;
use crate::ingest::pairs::{self, Source};
use crate::ingest::read::read_bounded;
use crate::ingest::sniff::not_text;
use crate::ingest::LayoutKind;
use crate::pipeline::{process_article_within, process_pair_within, ArticleResult};

/// A document aligned, with what its decoding replaced.
pub struct Processed {
    pub article: ArticleResult,
    pub encoding: &'static str,
    pub replaced: usize,
}

/// Why a document gave no article.
pub enum Failure {
    /// A file that is not text (an image, a PDF, an archive…), by its first bytes: skipped and
    /// counted, not a failure of the run.
    NotText(String),
    /// A file that could not be read or decoded: named, and the run ends with exit 1.
    Error(String),
}

/// A file's text, or why there is none.
fn text_of(path: &std::path::Path) -> Result<(String, &'static str, usize), Failure> {
    let bytes = read_bounded(path).map_err(Failure::Error)?;
    if bytes.starts_with(b"PK\x03\x04") {
        if let Some(text) = zip_text(&bytes) {
            return text.map(|t| (t, "UTF-8", 0)).map_err(Failure::Error);
        }
    }
    if let Some(kind) = not_text(&bytes) {
        return Err(Failure::NotText(kind.to_string()));
    }
    let decoded = decode_report(&bytes).map_err(Failure::Error)?;
    Ok((decoded.text, decoded.encoding, decoded.replaced))
}

/// One document through the pipeline; one whose alignment could need more than `budget`
/// bytes fails with the reason, as an unreadable file does.
pub fn process(
    document: &Source,
    budget: usize,
    evidence: Evidence,
    passes: usize,
) -> Result<Processed, Failure> {
    match document {
        Source::One(file) => {
            let (text, encoding, replaced) = text_of(&file.path)?;
            Ok(Processed {
                article: process_article_within(&text, budget, evidence, passes)
                    .map_err(Failure::Error)?,
                encoding,
                replaced,
            })
        }
        Source::Two { zh, en, .. } => {
            let (zh_text, zh_encoding, zh_replaced) = text_of(&zh.path)?;
            let (en_text, en_encoding, en_replaced) = text_of(&en.path)?;
            Ok(Processed {
                article: process_pair_within(&zh_text, &en_text, budget, evidence, passes)
                    .map_err(Failure::Error)?,
                encoding: if zh_replaced > 0 {
                    zh_encoding
                } else {
                    en_encoding
                },
                replaced: zh_replaced + en_replaced,
            })
        }
    }
}

/// The files of a document, as named on stderr when it fails.
pub fn describe_paths(document: &Source) -> String {
    pairs::paths(document)
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(" + ")
}

/// What became of the documents of a run, for its summary.
#[derive(Debug, Default)]
pub struct Tally {
    pub bilingual: usize,
    pub two_files: usize,
    pub without_partner: usize,
    pub other_skipped: usize,
    pub not_text: usize,
    pub failed: usize,
    /// Passages found moved (see `align::moved`), over all documents.
    pub moved: usize,
}

impl Tally {
    pub fn article(&mut self, document: &Source, article: &ArticleResult) {
        self.moved += article.doc_score.map_or(0, |d| d.moved.count);
        match (article.layout, document) {
            (LayoutKind::TwoFiles, _) => {
                self.bilingual += 1;
                self.two_files += 1;
            }
            (kind, _) if kind.is_bilingual() => self.bilingual += 1,
            (LayoutKind::Monolingual(_), Source::One(_)) => self.without_partner += 1,
            _ => self.other_skipped += 1,
        }
    }

    /// The summary line: `N documents: B bilingual (P from two files), M monolingual without a
    /// partner, S empty or one-sided, T not text, F failed`.
    pub fn summary(&self) -> String {
        let total = self.bilingual
            + self.without_partner
            + self.other_skipped
            + self.not_text
            + self.failed;
        format!(
            "{}: {} bilingual ({} paired from two files), {} monolingual without a partner, {} empty, {} not text, {} failed",
            super::count(total, "document"),
            self.bilingual,
            self.two_files,
            self.without_partner,
            self.other_skipped,
            self.not_text,
            self.failed
        ) + &self.moved_summary()
    }

    /// `; 2 moved passages` when some were found (see `align::moved`), nothing otherwise: a
    /// run without any prints the summary it always did.
    fn moved_summary(&self) -> String {
        match self.moved {
            0 => String::new(),
            k => format!("; {}", super::count(k, "moved passage")),
        }
    }
}

/// The hint after a one-language file's summary: where a partner would have been looked for.
pub fn partner_hint(document: &Source, article: &ArticleResult) -> &'static str {
    match (article.layout, document) {
        (LayoutKind::Monolingual(_), Source::One(_)) => {
            "; no partner file found (NAME.zh.EXT + NAME.en.EXT, or zh/… + en/…)"
        }
        _ => "",
    }
}
