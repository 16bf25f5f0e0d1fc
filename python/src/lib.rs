//! The `zhen_align` Python package's native module: the zhen-align library's sentence
//! splitter, aligner and corpus pipeline, with the command line's behaviour exactly (the
//! tests in `tests/` compare the two).
//!
//! Every function that aligns releases the GIL while it works, so other Python threads keep
//! running, and catches panics (see `args::guarded`) so that none reaches Python.

mod args;
mod rows;
mod types;

use args::{guarded, Settings, Side};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use rayon::prelude::*;
use rows::Corpus;
use types::{Article, Link, Row};
use zhen_align::cli::corpus::Shard;
use zhen_align::export::filters::FilterConfig;
use zhen_align::ingest::decode::decode;
use zhen_align::model::Lang;
use zhen_align::pipeline::{align_presplit, process_article_with};

/// Split a text into sentences, exactly as `zhen-align split --lang LANG`: every non-empty
/// line is a paragraph, each cut into sentences.
#[pyfunction]
fn split(py: Python<'_>, text: &Bound<'_, PyAny>, lang: &str) -> PyResult<Vec<String>> {
    let lang = args::lang(lang)?;
    let text = text
        .cast::<PyString>()
        .map_err(|_| {
            PyTypeError::new_err(format!("text must be a str, not {}", args::type_name(text)))
        })?
        .to_cow()?
        .into_owned();
    py.detach(|| {
        guarded(|| {
            zhen_align::segment::split_text(&text, lang)
                .into_iter()
                .map(|s| s.text)
                .collect()
        })
    })
}

/// Align one document pair: every link in order, omissions included, exactly those of
/// `zhen-align align`.
fn align_pair(zh: &Side, en: &Side, settings: Settings) -> Vec<Link> {
    let (zh, en) = (zh.sentences(Lang::Zh), en.sentences(Lang::En));
    let links = align_presplit(&zh, &en, settings.evidence, settings.passes);
    Link::all(&links, &zh.lines, &en.lines)
}

/// Align a Chinese document with an English one: every link in order, omissions (an empty
/// side) included, exactly the links of `zhen-align align`.
///
/// A `str` side is cleaned and split as `zhen-align align` does; a list of `str` (any iterable)
/// is taken one sentence an item, as `--presplit` (a blank item is no sentence, as a blank
/// line). `passes` (1 to 4) and `evidence` (a comma-separated subset of length, anchors,
/// paragraphs, dictionary, names, learned, or `all`) are the command line's `--passes` and
/// `--evidence`. The GIL is released meanwhile.
#[pyfunction]
#[pyo3(signature = (zh, en, *, passes = 2, evidence = "all"))]
fn align(
    py: Python<'_>,
    zh: &Bound<'_, PyAny>,
    en: &Bound<'_, PyAny>,
    passes: i64,
    evidence: &str,
) -> PyResult<Vec<Link>> {
    let settings = Settings::new(passes, evidence)?;
    let (zh, en) = (Side::extract(zh, "zh")?, Side::extract(en, "en")?);
    py.detach(|| guarded(|| align_pair(&zh, &en, settings)))
}

/// Align many `(zh, en)` pairs in parallel on all cores, the GIL released; results in input
/// order, each what `align(zh, en)` gives.
#[pyfunction]
#[pyo3(signature = (pairs, *, passes = 2, evidence = "all"))]
fn align_many(
    py: Python<'_>,
    pairs: &Bound<'_, PyAny>,
    passes: i64,
    evidence: &str,
) -> PyResult<Vec<Vec<Link>>> {
    let settings = Settings::new(passes, evidence)?;
    let not_pairs = |what: String| {
        PyTypeError::new_err(format!(
            "pairs must be a list of (zh, en) pairs, not {what}"
        ))
    };
    let items = pairs
        .try_iter()
        .map_err(|_| not_pairs(args::type_name(pairs)))?;
    let mut sides = Vec::new();
    for (i, item) in items.enumerate() {
        let item = item?;
        let pair: Vec<Bound<'_, PyAny>> = match item.extract() {
            Ok(pair) if !item.is_instance_of::<PyString>() => pair,
            _ => Vec::new(),
        };
        let [zh, en] = pair.as_slice() else {
            return Err(PyTypeError::new_err(format!(
                "pairs[{i}] must be a (zh, en) pair, not {}",
                describe_item(&item)
            )));
        };
        sides.push((
            Side::extract(zh, &format!("pairs[{i}][0]"))?,
            Side::extract(en, &format!("pairs[{i}][1]"))?,
        ));
    }
    let results: Vec<PyResult<Vec<Link>>> = py.detach(|| {
        sides
            .par_iter()
            .map(|(zh, en)| guarded(|| align_pair(zh, en, settings)))
            .collect()
    });
    results.into_iter().collect()
}

/// What a wrong item of `pairs` is, for the message: its type, and its length when it has one.
fn describe_item(item: &Bound<'_, PyAny>) -> String {
    match item.len() {
        Ok(n) if !item.is_instance_of::<PyString>() => {
            let items = if n == 1 { "item" } else { "items" };
            format!("a {} of {n} {items}", args::type_name(item))
        }
        _ => args::type_name(item),
    }
}

/// One article (both languages in one text) through the pipeline, as `zhen-align corpus`
/// processes each file: its layout, sentences, links and pairs.
///
/// `bytes` are decoded as `corpus` decodes files (BOMs, UTF-16, GB18030, Big5, ...).
#[pyfunction]
#[pyo3(signature = (text, *, passes = 2, evidence = "all"))]
fn article(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    passes: i64,
    evidence: &str,
) -> PyResult<Article> {
    let settings = Settings::new(passes, evidence)?;
    let text = if let Ok(s) = text.cast::<PyString>() {
        s.to_cow()?.into_owned()
    } else if let Ok(b) = text.cast::<PyBytes>() {
        decode(b.as_bytes()).map_err(|e| PyValueError::new_err(format!("text: {e}")))?
    } else {
        return Err(PyTypeError::new_err(format!(
            "text must be a str or bytes, not {}",
            args::type_name(text)
        )));
    };
    py.detach(|| {
        guarded(|| {
            let result = process_article_with(&text, settings.evidence, settings.passes);
            Article::new(&result)
        })
    })
}

/// `shard="K/N"` or `(K, N)`.
fn shard(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Shard>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    let text = if let Ok((k, n)) = obj.extract::<(i64, i64)>() {
        format!("{k}/{n}")
    } else if let Ok(s) = obj.extract::<String>() {
        s
    } else {
        return Err(PyTypeError::new_err(format!(
            "shard must be 'K/N' or a (K, N) tuple, not {}",
            args::type_name(obj)
        )));
    };
    text.parse::<Shard>()
        .map(Some)
        .map_err(|e| PyValueError::new_err(format!("shard: {e}")))
}

/// A length bound: a whole number of at least 0.
fn length_bound(name: &str, value: Option<i64>) -> PyResult<Option<usize>> {
    value
        .map(|v| {
            usize::try_from(v).map_err(|_| {
                PyValueError::new_err(format!("{name} must be a number of at least 0, not {v}"))
            })
        })
        .transpose()
}

/// The rows of `zhen-align corpus PATHS` with the same filters, streamed in input order.
///
/// `paths`: a file or folder (walked recursively), or a list of them. Files are aligned a
/// batch at a time in parallel, the GIL released. The keywords are the command line's options:
/// `passes`, `evidence`, `min_doc_score`, `min_score`, `min_ratio`, `max_ratio`, `min_len`, `max_len`,
/// `drop_identical`, `drop_wrong_lang`, `dedup`, `shard` (`"K/N"` or `(K, N)`). A missing path
/// raises `FileNotFoundError`; a file that cannot be read is named in a `RuntimeWarning` and in
/// the iterator's `failed`, and the rest is processed.
#[pyfunction]
#[pyo3(signature = (
    paths, *, passes = 2, evidence = "all", min_doc_score = None, min_score = None, min_ratio = None,
    max_ratio = None, min_len = None, max_len = None, drop_identical = false,
    drop_wrong_lang = false, dedup = false, shard = None,
))]
#[allow(clippy::too_many_arguments)] // the command line's options, one keyword each
fn corpus(
    py: Python<'_>,
    paths: &Bound<'_, PyAny>,
    passes: i64,
    evidence: &str,
    min_doc_score: Option<f64>,
    min_score: Option<f64>,
    min_ratio: Option<f64>,
    max_ratio: Option<f64>,
    min_len: Option<i64>,
    max_len: Option<i64>,
    drop_identical: bool,
    drop_wrong_lang: bool,
    dedup: bool,
    shard: Option<&Bound<'_, PyAny>>,
) -> PyResult<Corpus> {
    let settings = Settings::new(passes, evidence)?;
    let paths = args::paths(paths)?;
    let config = FilterConfig {
        min_doc_score,
        min_score,
        min_ratio,
        max_ratio,
        min_len: length_bound("min_len", min_len)?,
        max_len: length_bound("max_len", max_len)?,
        drop_identical,
        drop_wrong_lang,
        dedup,
    };
    // The command line's messages name its options; here they are keywords.
    let config_error = config
        .validate()
        .err()
        .map(|e| e.replace("--", "").replace('-', "_"));
    if let Some(e) = config_error {
        return Err(PyValueError::new_err(e));
    }
    Corpus::open(py, paths, config, self::shard(shard)?, settings)
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", zhen_align::VERSION)?;
    m.add_function(wrap_pyfunction!(split, m)?)?;
    m.add_function(wrap_pyfunction!(align, m)?)?;
    m.add_function(wrap_pyfunction!(align_many, m)?)?;
    m.add_function(wrap_pyfunction!(article, m)?)?;
    m.add_function(wrap_pyfunction!(corpus, m)?)?;
    m.add_class::<Link>()?;
    m.add_class::<Article>()?;
    m.add_class::<Row>()?;
    m.add_class::<Corpus>()?;
    Ok(())
}
