//! The classes Python sees: `Link`, `Article` and `Row`. Immutable (`frozen`), so they can be
//! shared between threads freely, and their fields are plain Python values.

use pyo3::prelude::*;
use pyo3::types::PyDict;
use zhen_align::export::tsv::{clean_field, written_score};
use zhen_align::ingest::LayoutKind;
use zhen_align::model::{Lang, Link as IdsLink, Sentence};
use zhen_align::pipeline::{join, ArticleResult};

/// One link of an alignment: consecutive Chinese sentences matched to consecutive English
/// ones. Either side may be empty (an omission: a sentence with no translation).
#[pyclass(frozen, get_all, eq, module = "zhen_align")]
#[derive(Clone, PartialEq)]
pub struct Link {
    /// 0-based ids of the Chinese sentences.
    pub zh_ids: Vec<usize>,
    /// 0-based ids of the English sentences.
    pub en_ids: Vec<usize>,
    /// The Chinese sentences joined, as in the TSV's `zh` column.
    pub zh: String,
    /// The English sentences joined with spaces, as in the TSV's `en` column.
    pub en: String,
    /// Confidence in [0, 1].
    pub score: f64,
    /// `"2-1"`: two Chinese sentences, one English sentence.
    pub shape: String,
}

impl Link {
    /// A link of the aligner with the texts of its sentences, joined and cleaned as the TSV
    /// writes them.
    pub fn new(link: &IdsLink, zh: &[Sentence], en: &[Sentence]) -> Link {
        Link {
            zh_ids: link.zh.clone().collect(),
            en_ids: link.en.clone().collect(),
            zh: clean_field(&join(&zh[link.zh.clone()], Lang::Zh)),
            en: clean_field(&join(&en[link.en.clone()], Lang::En)),
            score: written_score(link.score),
            shape: link.shape(),
        }
    }

    /// Every link of an alignment, in order.
    pub fn all(links: &[IdsLink], zh: &[Sentence], en: &[Sentence]) -> Vec<Link> {
        links.iter().map(|l| Link::new(l, zh, en)).collect()
    }

    fn is_pair(&self) -> bool {
        !self.zh_ids.is_empty() && !self.en_ids.is_empty()
    }
}

/// `[0, 1]` as the link notation writes it: `[0,1]`.
fn ids(ids: &[usize]) -> String {
    let ids: Vec<String> = ids.iter().map(usize::to_string).collect();
    format!("[{}]", ids.join(","))
}

/// A text cut to `max` characters for a `repr`.
fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}

#[pymethods]
impl Link {
    /// The link in the notation of links files and `zhen-align align --format links`:
    /// `[0,1]:[0]`.
    fn __str__(&self) -> String {
        format!("{}:{}", ids(&self.zh_ids), ids(&self.en_ids))
    }

    fn __repr__(&self) -> String {
        format!(
            "Link({} {} score={:.4} zh={:?} en={:?})",
            self.__str__(),
            self.shape,
            self.score,
            short(&self.zh, 24),
            short(&self.en, 48)
        )
    }

    /// The fields as a dict (for `pandas.DataFrame` or `datasets.Dataset.from_list`).
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("zh_ids", self.zh_ids.clone())?;
        d.set_item("en_ids", self.en_ids.clone())?;
        d.set_item("zh", &self.zh)?;
        d.set_item("en", &self.en)?;
        d.set_item("score", self.score)?;
        d.set_item("shape", &self.shape)?;
        Ok(d)
    }
}

/// The short name of a layout, for code to compare against.
fn layout_name(kind: LayoutKind) -> &'static str {
    match kind {
        LayoutKind::ZhThenEn => "zh-then-en",
        LayoutKind::EnThenZh => "en-then-zh",
        LayoutKind::Interleaved => "interleaved",
        LayoutKind::Mixed => "mixed",
        // Not the layout of one text: `corpus` gives it to a document kept as two files.
        LayoutKind::TwoFiles => "two-files",
        LayoutKind::Monolingual(Lang::Zh) => "monolingual-zh",
        LayoutKind::Monolingual(Lang::En) => "monolingual-en",
        LayoutKind::Empty => "empty",
    }
}

/// One article through the pipeline, as `zhen-align corpus` processes each file.
#[pyclass(frozen, get_all, module = "zhen_align")]
pub struct Article {
    /// `"zh-then-en"`, `"en-then-zh"`, `"interleaved"`, `"mixed"`, `"monolingual-zh"`,
    /// `"monolingual-en"` or `"empty"`.
    pub layout: String,
    /// The layout in words, as the command line prints it.
    pub description: String,
    /// The Chinese sentences (empty unless the article is bilingual).
    pub zh: Vec<String>,
    /// The English sentences (empty unless the article is bilingual).
    pub en: Vec<String>,
    /// Every link, in order, omissions included.
    pub links: Vec<Link>,
    /// The line `zhen-align corpus` prints for the article.
    pub summary: String,
    /// The document score (0 to 1; see the README's Score section), None unless bilingual.
    pub doc_score: Option<f64>,
    /// What looks wrong with the document, as `corpus` warns (`"the same text on both
    /// sides"`), or None.
    pub warning: Option<String>,
}

impl Article {
    /// An article's result, its sentences with it.
    pub fn new(result: &ArticleResult) -> Self {
        let (zh, en) = (&result.zh, &result.en);
        Article {
            layout: layout_name(result.layout).into(),
            description: result.layout.describe(),
            zh: zh.iter().map(|s| s.text.clone()).collect(),
            en: en.iter().map(|s| s.text.clone()).collect(),
            links: Link::all(&result.links, zh, en),
            summary: result.summary(),
            doc_score: result.doc_score.map(|d| d.score),
            warning: result.doc_score.and_then(|d| {
                d.suspicion
                    .map(|s| s.describe())
                    .or_else(|| d.moved.describe())
            }),
        }
    }
}

#[pymethods]
impl Article {
    /// The links with a sentence on both sides: the rows `corpus` writes for this article.
    #[getter]
    fn pairs(&self) -> Vec<Link> {
        self.links.iter().filter(|l| l.is_pair()).cloned().collect()
    }

    /// True when the article holds both languages (and so has links).
    #[getter]
    fn bilingual(&self) -> bool {
        !matches!(
            self.layout.as_str(),
            "monolingual-zh" | "monolingual-en" | "empty"
        )
    }

    fn __repr__(&self) -> String {
        format!(
            "Article({}, {} zh / {} en sentences, {} links)",
            self.layout,
            self.zh.len(),
            self.en.len(),
            self.links.len()
        )
    }
}

/// One row of the corpus: a TSV row (`doc zh en score link`) with the sentence ids.
#[pyclass(frozen, get_all, eq, module = "zhen_align")]
#[derive(Clone, PartialEq)]
pub struct Row {
    /// The article's path relative to its input root.
    pub doc: String,
    pub zh: String,
    pub en: String,
    /// Confidence in [0, 1]; the TSV writes it with four decimals.
    pub score: f64,
    /// The TSV's `link` column: `"1-2"`.
    pub shape: String,
    /// 0-based ids of the Chinese sentences in the article.
    pub zh_ids: Vec<usize>,
    /// 0-based ids of the English sentences in the article.
    pub en_ids: Vec<usize>,
}

#[pymethods]
impl Row {
    fn __repr__(&self) -> String {
        format!(
            "Row(doc={:?} {} score={:.4} zh={:?} en={:?})",
            self.doc,
            self.shape,
            self.score,
            short(&self.zh, 24),
            short(&self.en, 48)
        )
    }

    /// The fields as a dict (for `pandas.DataFrame` or `datasets.Dataset.from_list`).
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("doc", &self.doc)?;
        d.set_item("zh", &self.zh)?;
        d.set_item("en", &self.en)?;
        d.set_item("score", self.score)?;
        d.set_item("shape", &self.shape)?;
        d.set_item("zh_ids", self.zh_ids.clone())?;
        d.set_item("en_ids", self.en_ids.clone())?;
        Ok(d)
    }
}
