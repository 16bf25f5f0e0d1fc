//! Python arguments turned into the library's types, with a `TypeError` or `ValueError` that
//! names the argument when they cannot be; and the guard that keeps a panic from reaching
//! Python.

use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use zhen_align::align::params::MAX_PASSES;
use zhen_align::align::Evidence;
use zhen_align::cli::align::sentences;
use zhen_align::cli::eval::parse_evidence;
use zhen_align::model::Lang;
use zhen_align::pipeline::Presplit;

/// One side of a document as Python gave it: a text to clean and split, or sentences.
pub enum Side {
    Text(String),
    Sentences(Vec<String>),
}

impl Side {
    /// `obj` as a side: a `str`, or an iterable of `str` (a list, a tuple, a pandas column).
    pub fn extract(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Side> {
        if let Ok(text) = obj.cast::<PyString>() {
            return Ok(Side::Text(text.to_cow()?.into_owned()));
        }
        if obj.is_instance_of::<PyBytes>() {
            return Err(PyTypeError::new_err(format!(
                "{name} must be a str or a list of str, not bytes (decode it first)"
            )));
        }
        let items = obj.try_iter().map_err(|_| {
            PyTypeError::new_err(format!(
                "{name} must be a str or a list of str, not {}",
                type_name(obj)
            ))
        })?;
        let mut sentences = Vec::new();
        for (i, item) in items.enumerate() {
            let item = item?;
            let text = item.cast::<PyString>().map_err(|_| {
                PyTypeError::new_err(format!(
                    "{name}[{i}] must be a str, not {}",
                    type_name(&item)
                ))
            })?;
            sentences.push(text.to_cow()?.into_owned());
        }
        Ok(Side::Sentences(sentences))
    }

    /// The sentences, as `zhen-align align` makes them: a text cleaned and split, sentences
    /// taken as `--presplit` takes lines (a blank one is no sentence, see [`Presplit`]).
    pub fn sentences(&self, lang: Lang) -> Presplit {
        match self {
            Side::Text(text) => Presplit::from_sentences(sentences(text, lang)),
            Side::Sentences(items) => Presplit::from_lines(items),
        }
    }
}

/// The name of an object's type, for messages.
pub fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "this type".into())
}

/// `lang="zh"` or `"en"`.
pub fn lang(name: &str) -> PyResult<Lang> {
    match name {
        "zh" => Ok(Lang::Zh),
        "en" => Ok(Lang::En),
        other => Err(PyValueError::new_err(format!(
            "lang must be 'zh' or 'en', not {other:?}"
        ))),
    }
}

/// `passes=N`, 1 to `MAX_PASSES`, as `--passes`.
pub fn passes(n: i64) -> PyResult<usize> {
    match usize::try_from(n) {
        Ok(p) if (1..=MAX_PASSES).contains(&p) => Ok(p),
        _ => Err(PyValueError::new_err(format!(
            "passes must be from 1 to {MAX_PASSES}, not {n}"
        ))),
    }
}

/// `evidence="…"`, as `--evidence`.
pub fn evidence(list: &str) -> PyResult<Evidence> {
    parse_evidence(list).map_err(PyValueError::new_err)
}

/// The aligner's settings every aligning function takes.
#[derive(Clone, Copy)]
pub struct Settings {
    pub evidence: Evidence,
    pub passes: usize,
}

impl Settings {
    pub fn new(passes_: i64, evidence_: &str) -> PyResult<Settings> {
        Ok(Settings {
            evidence: evidence(evidence_)?,
            passes: passes(passes_)?,
        })
    }
}

/// `paths`: one path (`str` or `os.PathLike`) or an iterable of them.
pub fn paths(obj: &Bound<'_, PyAny>) -> PyResult<Vec<PathBuf>> {
    if let Ok(one) = obj.extract::<PathBuf>() {
        return Ok(vec![one]);
    }
    let not_paths = || {
        PyTypeError::new_err(format!(
            "paths must be a path (str or os.PathLike) or a list of paths, not {}",
            type_name(obj)
        ))
    };
    if obj.is_instance_of::<PyBytes>() {
        return Err(not_paths());
    }
    let items = obj.try_iter().map_err(|_| not_paths())?;
    let mut paths = Vec::new();
    for (i, item) in items.enumerate() {
        let item = item?;
        paths.push(item.extract::<PathBuf>().map_err(|_| {
            PyTypeError::new_err(format!(
                "paths[{i}] must be a str or os.PathLike, not {}",
                type_name(&item)
            ))
        })?);
    }
    if paths.is_empty() {
        return Err(PyValueError::new_err("paths is empty: no input given"));
    }
    Ok(paths)
}

/// Run `work`, turning a panic (a bug) into a `RuntimeError` instead of letting it unwind into
/// Python, which would abort or raise PyO3's `PanicException`, a `BaseException` that ordinary
/// `except Exception` code does not catch.
pub fn guarded<T>(work: impl FnOnce() -> T) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(work)).map_err(|payload| internal_error(&*payload))
}

/// The `RuntimeError` for a caught panic, with its message.
pub fn internal_error(payload: &(dyn std::any::Any + Send)) -> PyErr {
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into());
    PyRuntimeError::new_err(format!(
        "internal error in zhen-align (please report it): {message}"
    ))
}
