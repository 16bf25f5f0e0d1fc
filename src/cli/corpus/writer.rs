//! Where a corpus run writes: the outputs of every format, the filters in front of them and
//! the rejects file, with the counts its summary tells.

use super::CorpusArgs;
use crate::cli::{is_stdin, CliError};
use crate::export::filters::{Filter, FilterConfig, Reason};
use crate::export::rejects::RejectsWriter;
use crate::export::tsv::{AtomicFile, TsvWriter};
use crate::export::{Document, Format, Sink};
use crate::pipeline::{ArticleResult, Pair};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Formats asked for, each once, in a fixed order.
pub(super) fn formats(asked: &[Format]) -> Vec<Format> {
    let mut formats = asked.to_vec();
    formats.sort();
    formats.dedup();
    formats
}

/// Where the rows go: the files of every format asked for, or (`-o -`) the TSV on stdout,
/// flushed article by article so that a reader downstream gets them as they come.
enum Output {
    Files(Box<Sink>),
    Stdout(Box<TsvWriter<std::io::BufWriter<std::io::Stdout>>>),
}

/// Where the run writes: the outputs, the filters and the rejects file, with the counts.
pub(super) struct Writer {
    output: Output,
    filter: Filter,
    rejects: Option<(RejectsWriter<AtomicFile>, PathBuf)>,
    articles: usize,
    rows: usize,
    /// Articles skipped (not bilingual), by the reason printed for them.
    skipped: BTreeMap<String, usize>,
    /// Documents under `--min-doc-score`, in input order.
    low_documents: Vec<String>,
}

fn io_err(e: std::io::Error) -> CliError {
    CliError(e.to_string())
}

fn stdout_err(e: std::io::Error) -> CliError {
    CliError(format!("<stdout>: {e}"))
}

impl Writer {
    pub(super) fn open(args: &CorpusArgs, config: FilterConfig) -> Result<Writer, CliError> {
        let output = if is_stdin(&args.output) {
            let out = std::io::BufWriter::new(std::io::stdout());
            Output::Stdout(Box::new(TsvWriter::new(out).map_err(stdout_err)?))
        } else {
            let mut sink = Sink::create(&args.output, &formats(&args.format)).map_err(io_err)?;
            sink.link_scores = args.link_scores;
            sink.omissions = args.omissions;
            Output::Files(Box::new(sink))
        };
        let rejects = match &args.rejects {
            None => None,
            Some(path) => {
                let file = AtomicFile::create(path).map_err(|e| CliError::io(path, &e))?;
                Some((
                    RejectsWriter::new(file).map_err(|e| CliError::io(path, &e))?,
                    path.clone(),
                ))
            }
        };
        Ok(Writer {
            output,
            filter: Filter::new(config),
            rejects,
            articles: 0,
            rows: 0,
            skipped: BTreeMap::new(),
            low_documents: Vec::new(),
        })
    }

    pub(super) fn write(&mut self, doc: &str, article: &ArticleResult) -> Result<(), CliError> {
        let mut document = Document::of_article(doc, article);
        let pairs = std::mem::take(&mut document.pairs);
        let doc_score = article.doc_score.map(|d| d.score);
        if self.filter.drops_document(doc_score) {
            self.low_documents.push(doc.to_string());
        }
        let (kept, dropped) = self.filter.apply_document(pairs, doc_score);
        document.pairs = kept;
        match &mut self.output {
            Output::Files(sink) => sink.write(&document).map_err(io_err)?,
            Output::Stdout(tsv) => tsv
                .write_pairs(doc, &document.pairs)
                .and_then(|()| tsv.flush())
                .map_err(stdout_err)?,
        }
        self.write_rejects(doc, &dropped)?;
        self.articles += 1;
        self.rows += document.pairs.len();
        if !article.layout.is_bilingual() {
            *self.skipped.entry(article.layout.describe()).or_default() += 1;
        }
        Ok(())
    }

    fn write_rejects(&mut self, doc: &str, dropped: &[(Pair, Reason)]) -> Result<(), CliError> {
        match &mut self.rejects {
            Some((w, path)) => w.write(doc, dropped).map_err(|e| CliError::io(path, &e)),
            None => Ok(()),
        }
    }

    /// Put every file in place; what the run summary tells.
    pub(super) fn finish(self) -> Result<Written, CliError> {
        let rejects = match self.rejects {
            Some((w, path)) => {
                let mut file = w.finish().map_err(|e| CliError::io(&path, &e))?;
                file.sync().map_err(|e| CliError::io(&path, &e))?;
                Some((file, path))
            }
            None => None,
        };
        let links_gone = match self.output {
            Output::Files(sink) => sink.finish().map_err(io_err)?,
            Output::Stdout(tsv) => tsv.finish().map(|_| 0).map_err(stdout_err)?,
        };
        if let Some((file, path)) = rejects {
            file.commit().map_err(|e| CliError::io(&path, &e))?;
        }
        Ok(Written {
            articles: self.articles,
            rows: self.rows,
            skipped: self.skipped,
            low_documents: self.low_documents,
            filter: self.filter,
            links_gone,
        })
    }
}

/// What a finished run wrote, for its summary.
pub(super) struct Written {
    pub(super) articles: usize,
    pub(super) rows: usize,
    /// Articles skipped (not bilingual), by the reason printed for them.
    pub(super) skipped: BTreeMap<String, usize>,
    pub(super) filter: Filter,
    /// Documents under `--min-doc-score`, in input order.
    pub(super) low_documents: Vec<String>,
    /// Links files of documents no longer in the input, removed with the old links folder.
    pub(super) links_gone: usize,
}
