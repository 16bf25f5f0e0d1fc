//! `zhen_align.corpus(paths, **options)`: the rows of `zhen-align corpus`, streamed.
//!
//! Files are read and aligned a chunk at a time, in parallel with the GIL released, and their
//! rows handed out one by one in input order; the filters run in that order too, as in the
//! command line's writing loop, so the same options give the same rows as `corpus.tsv`.

use crate::args::{guarded, Settings};
use crate::types::Row;
use pyo3::exceptions::{PyFileNotFoundError, PyRuntimeWarning, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use rayon::prelude::*;
use std::collections::VecDeque;
use std::ffi::CString;
use std::path::PathBuf;
use zhen_align::cli::corpus::Shard;
use zhen_align::cli::count;
use zhen_align::cli::documents::{describe_paths, process, Failure, Processed};
use zhen_align::cli::DEFAULT_MAX_MEMORY_MIB;
use zhen_align::export::filters::{Filter, FilterConfig, Reason};
use zhen_align::export::tsv::{clean_field, written_score};
use zhen_align::ingest::files::{collect, missing_roots};
use zhen_align::ingest::pairs::{documents, Source};

/// Articles aligned per batch: enough to keep every core busy, few enough that the first row
/// comes quickly and memory stays small.
const PER_THREAD: usize = 4;

/// Memory one article's alignment may take: the command line's default `--max-memory`, so that
/// the same articles are aligned or reported as too large.
const BUDGET: usize = DEFAULT_MAX_MEMORY_MIB << 20;

/// An iterator over the rows of a corpus (see `zhen_align.corpus`).
#[pyclass(module = "zhen_align")]
pub struct Corpus {
    /// The documents: a file, or two paired by name, as `corpus` pairs them.
    files: Vec<Source>,
    next_file: usize,
    rows: VecDeque<Row>,
    filter: Filter,
    settings: Settings,
    articles: usize,
    failed: Vec<(String, String)>,
    skipped: Vec<(String, String)>,
}

impl Corpus {
    /// The files under `paths` (a missing one is a `FileNotFoundError` before anything runs),
    /// this shard's only when one is given.
    pub fn open(
        py: Python<'_>,
        paths: Vec<PathBuf>,
        config: FilterConfig,
        shard: Option<Shard>,
        settings: Settings,
    ) -> PyResult<Corpus> {
        if let Some(missing) = missing_roots(&paths).first() {
            return Err(PyFileNotFoundError::new_err(format!(
                "{}: no such file or folder",
                missing.display()
            )));
        }
        config.validate().map_err(PyValueError::new_err)?;
        let (files, walk_errors) = collect(&paths, None);
        let mut files = documents(files);
        if let Some(shard) = shard {
            files.retain(|d| shard.contains(d.doc()));
        }
        let mut corpus = Corpus {
            files,
            next_file: 0,
            rows: VecDeque::new(),
            filter: Filter::new(config),
            settings,
            articles: 0,
            failed: Vec::new(),
            skipped: Vec::new(),
        };
        for e in walk_errors {
            corpus.fail(py, e.path.display().to_string(), e.message)?;
        }
        Ok(corpus)
    }

    /// Record a file that could not be processed and say so as a `RuntimeWarning`, as the
    /// command line names it on stderr.
    fn fail(&mut self, py: Python<'_>, path: String, message: String) -> PyResult<()> {
        warn(py, &format!("{path}: {message}"))?;
        self.failed.push((path, message));
        Ok(())
    }

    /// Align the next batch of files and queue their rows; false when no file is left.
    fn refill(&mut self, py: Python<'_>) -> PyResult<bool> {
        if self.next_file >= self.files.len() {
            return Ok(false);
        }
        let batch = (rayon::current_num_threads() * PER_THREAD).max(1);
        let end = (self.next_file + batch).min(self.files.len());
        let chunk = &self.files[self.next_file..end];
        let settings = self.settings;
        let results: Vec<PyResult<Result<Processed, Failure>>> = py.detach(|| {
            chunk
                .par_iter()
                .map(|f| guarded(|| process(f, BUDGET, settings.evidence, settings.passes)))
                .collect()
        });
        let chunk: Vec<Source> = chunk.to_vec();
        self.next_file = end;
        for (file, result) in chunk.into_iter().zip(results) {
            match result? {
                Ok(p) => self.queue(py, &file, &p)?,
                // Not a failure, as for `corpus`: skipped and said why.
                Err(Failure::NotText(kind)) => self
                    .skipped
                    .push((file.doc().to_string(), format!("not text: {kind}"))),
                Err(Failure::Error(message)) => self.fail(py, describe_paths(&file), message)?,
            }
        }
        Ok(true)
    }

    /// One processed article: its kept rows queued, a skip or a decoding problem recorded.
    fn queue(&mut self, py: Python<'_>, file: &Source, p: &Processed) -> PyResult<()> {
        self.articles += 1;
        if p.replaced > 0 {
            let message = format!(
                "{}: {} replaced ({})",
                file.doc(),
                count(p.replaced, "invalid byte sequence"),
                p.encoding
            );
            warn(py, &message)?;
        }
        if !p.article.layout.is_bilingual() {
            self.skipped
                .push((file.doc().to_string(), p.article.layout.describe()));
            return Ok(());
        }
        let doc_score = p.article.doc_score.map(|d| d.score);
        let (kept, _dropped) = self
            .filter
            .apply_document(p.article.pairs.clone(), doc_score);
        let doc = clean_field(file.doc());
        self.rows.extend(kept.into_iter().map(|pair| Row {
            doc: doc.clone(),
            zh: clean_field(&pair.zh),
            en: clean_field(&pair.en),
            score: written_score(pair.score),
            shape: pair.shape(),
            zh_ids: pair.zh_ids.collect(),
            en_ids: pair.en_ids.collect(),
        }));
        Ok(())
    }
}

/// A `RuntimeWarning` from the caller's line.
fn warn(py: Python<'_>, message: &str) -> PyResult<()> {
    let category = py.get_type::<PyRuntimeWarning>();
    let message = CString::new(message.replace('\0', " ")).expect("NULs replaced");
    PyErr::warn(py, &category, &message, 1)
}

#[pymethods]
impl Corpus {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Row>> {
        loop {
            if let Some(row) = self.rows.pop_front() {
                return Ok(Some(row));
            }
            if !self.refill(py)? {
                return Ok(None);
            }
        }
    }

    /// Documents found: a file, or two paired by name as `corpus` pairs them (this shard's,
    /// when one was asked for).
    #[getter]
    fn files(&self) -> usize {
        self.files.len()
    }

    /// Articles read and processed so far (skipped ones included, failed ones not).
    #[getter]
    fn articles(&self) -> usize {
        self.articles
    }

    /// `(path, reason)` of each file that could not be read or decoded so far.
    #[getter]
    fn failed(&self) -> Vec<(String, String)> {
        self.failed.clone()
    }

    /// `(doc, reason)` of each document skipped so far: not bilingual, or not text at all.
    #[getter]
    fn skipped(&self) -> Vec<(String, String)> {
        self.skipped.clone()
    }

    /// Pairs the filters dropped so far, by reason (`"score"`, `"length"`, `"ratio"`,
    /// `"identical"`, `"wrong-language"`, `"duplicate"`).
    #[getter]
    fn dropped<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        let summary = self.filter.summary();
        for (reason, n) in Reason::ALL.iter().zip(summary.dropped) {
            d.set_item(reason.name(), n)?;
        }
        Ok(d)
    }

    /// The filters' line of the command line's summary: `filters kept 290 of 300 pairs; …`.
    #[getter]
    fn filter_summary(&self) -> String {
        self.filter.summary().to_string()
    }

    fn __repr__(&self) -> String {
        format!(
            "<zhen_align.Corpus: {} of {} files read, {} failed>",
            self.next_file,
            self.files.len(),
            self.failed.len()
        )
    }
}
