//! One article through the whole pipeline: text → layout → sentences → links → rows.
//!
//! Pure and deterministic: the same text always gives the same result, so the corpus command
//! can run articles on any number of threads and still write byte-identical output.

use crate::align::doc_score::DocScore;
use crate::align::{align_scored, params::PASSES, Evidence};
use crate::ingest::{layout_of, layout_of_pair, Layout, LayoutKind};
use crate::model::{Lang, Link, Sentence};
use crate::segment::split_paragraphs;
use std::ops::Range;

/// A sentence pair ready to be written: a link with both sides, its texts joined, with the
/// 0-based sentence ids it covers. Every export format writes these, so that the JSONL ids,
/// the TSV row and the TMX unit of a pair can never disagree.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub zh: String,
    pub en: String,
    pub score: f64,
    pub zh_ids: Range<usize>,
    pub en_ids: Range<usize>,
}

impl Pair {
    /// The pair's shape as written in the `link` column: `2-1` is two Chinese sentences
    /// matched to one English sentence.
    pub fn shape(&self) -> String {
        format!("{}-{}", self.zh_ids.len(), self.en_ids.len())
    }
}

/// What became of one article.
#[derive(Debug, Clone)]
pub struct ArticleResult {
    pub layout: LayoutKind,
    pub zh_sentences: usize,
    pub en_sentences: usize,
    pub pairs: Vec<Pair>,
    /// Every link of the alignment, in order, omissions (an empty side) included: the sentence
    /// ids that the links and JSONL exports need. `pairs` are the links with both sides.
    pub links: Vec<Link>,
    /// The sentences of each side, with their paragraphs: the review page and InterText show
    /// whole documents, omitted sentences and paragraph breaks included.
    pub zh: Vec<Sentence>,
    pub en: Vec<Sentence>,
    /// The document's score and what looks wrong with it (see
    /// [`crate::align::doc_score`]); None for an article that was not aligned.
    pub doc_score: Option<DocScore>,
}

impl ArticleResult {
    /// The one-line summary printed on stderr for this article.
    pub fn summary(&self) -> String {
        if self.layout.is_bilingual() {
            let score = self
                .doc_score
                .map(|d| format!("; document score {}", d.describe()))
                .unwrap_or_default();
            format!(
                "{}; {} zh / {} en sentences; {} pairs{score}",
                self.layout.describe(),
                self.zh_sentences,
                self.en_sentences,
                self.pairs.len()
            )
        } else {
            format!("skipped ({})", self.layout.describe())
        }
    }
}

/// Join the sentences of one side of a link into one field: Chinese sentences run on, English
/// ones are separated by a space. Blank sentences (the blank lines of presplit text a link
/// spans) add nothing, not even a space.
pub fn join(sentences: &[Sentence], lang: Lang) -> String {
    let sep = match lang {
        Lang::Zh => "",
        Lang::En => " ",
    };
    sentences
        .iter()
        .map(|s| s.text.as_str())
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(sep)
}

/// The written pairs of an alignment: links with both sides, texts joined.
pub fn pairs_of(zh: &[Sentence], en: &[Sentence], links: &[Link]) -> Vec<Pair> {
    links
        .iter()
        .filter(|l| l.is_pair())
        .map(|l| Pair {
            zh: join(&zh[l.zh.clone()], Lang::Zh),
            en: join(&en[l.en.clone()], Lang::En),
            score: l.score,
            zh_ids: l.zh.clone(),
            en_ids: l.en.clone(),
        })
        .collect()
}

/// The layout of an article and, when bilingual, the sentences of each side.
pub fn article_sentences(text: &str) -> (LayoutKind, Vec<Sentence>, Vec<Sentence>) {
    sentences_of(layout_of(text))
}

fn sentences_of(layout: Layout) -> (LayoutKind, Vec<Sentence>, Vec<Sentence>) {
    if !layout.kind.is_bilingual() {
        return (layout.kind, Vec::new(), Vec::new());
    }
    (
        layout.kind,
        split_paragraphs(&layout.zh, Lang::Zh),
        split_paragraphs(&layout.en, Lang::En),
    )
}

/// Run one article's text through the pipeline, with all evidence in the default passes.
pub fn process_article(text: &str) -> ArticleResult {
    process_article_with(text, Evidence::default(), PASSES)
}

/// Run one article's text through the pipeline with the chosen evidence and passes (what
/// `corpus --evidence --passes` asks for).
pub fn process_article_with(text: &str, evidence: Evidence, passes: usize) -> ArticleResult {
    let (layout, zh, en) = article_sentences(text);
    aligned(layout, zh, en, evidence, passes)
}

/// [`process_article_with`] within a memory budget (bytes): an article whose alignment could
/// need more is not aligned, and the reason says so with the figures (see `align::budget`).
pub fn process_article_within(
    text: &str,
    budget: usize,
    evidence: Evidence,
    passes: usize,
) -> Result<ArticleResult, String> {
    within(layout_of(text), budget, evidence, passes)
}

/// A document kept as two files, a Chinese and an English one, through the pipeline within a
/// memory budget, as [`process_article_within`].
pub fn process_pair_within(
    zh_text: &str,
    en_text: &str,
    budget: usize,
    evidence: Evidence,
    passes: usize,
) -> Result<ArticleResult, String> {
    within(layout_of_pair(zh_text, en_text), budget, evidence, passes)
}

fn within(
    layout: Layout,
    budget: usize,
    evidence: Evidence,
    passes: usize,
) -> Result<ArticleResult, String> {
    let (layout, zh, en) = sentences_of(layout);
    if layout.is_bilingual() {
        crate::align::budget::check(zh.len(), en.len(), budget).map_err(|e| e.to_string())?;
    }
    Ok(aligned(layout, zh, en, evidence, passes))
}

/// The result of an article whose layout and sentences are known.
fn aligned(
    layout: LayoutKind,
    zh: Vec<Sentence>,
    en: Vec<Sentence>,
    evidence: Evidence,
    passes: usize,
) -> ArticleResult {
    if !layout.is_bilingual() {
        return ArticleResult {
            layout,
            zh_sentences: 0,
            en_sentences: 0,
            pairs: Vec::new(),
            links: Vec::new(),
            zh: Vec::new(),
            en: Vec::new(),
            doc_score: None,
        };
    }
    let (links, doc_score) = align_scored(&zh, &en, evidence, passes);
    let pairs = pairs_of(&zh, &en, &links);
    ArticleResult {
        layout,
        zh_sentences: zh.len(),
        en_sentences: en.len(),
        pairs,
        links,
        zh,
        en,
        doc_score: Some(doc_score),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_pair_takes_the_ids_and_shape_of_its_link_skipping_omissions() {
        let zh: Vec<Sentence> = ["甲。", "乙。", "丙。"].map(|t| Sentence::new(t, 0)).into();
        let en: Vec<Sentence> = ["A.", "B.", "C."].map(|t| Sentence::new(t, 0)).into();
        let link = |zh, en| Link { zh, en, score: 0.5 };
        let links = [link(0..1, 0..1), link(1..1, 1..2), link(1..3, 2..3)];
        let pairs = pairs_of(&zh, &en, &links);
        assert_eq!(pairs.len(), 2);
        assert_eq!(
            (pairs[1].zh.as_str(), pairs[1].en.as_str()),
            ("乙。丙。", "C.")
        );
        assert_eq!(
            (pairs[1].zh_ids.clone(), pairs[1].en_ids.clone()),
            (1..3, 2..3)
        );
        assert_eq!(pairs[1].shape(), "2-1");
    }
}

/// The lines of a text, ended by LF, CRLF or a lone CR (as `corpus` reads articles); a last
/// line without an ending counts, an ending at the very end starts no further line.
pub fn text_lines(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let (mut lines, mut start, mut i) = (Vec::new(), 0, 0);
    while i < bytes.len() {
        let ending = match bytes[i] {
            b'\n' => 1,
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => 2,
            b'\r' => 1,
            _ => 0,
        };
        if ending == 0 {
            i += 1;
            continue;
        }
        lines.push(&text[start..i]);
        i += ending;
        start = i;
    }
    if start < bytes.len() {
        lines.push(&text[start..]);
    }
    lines
}

/// Presplit text (`align --presplit`, `eval`): one sentence a line, line k sentence k, so that
/// links name line numbers as Vecalign's and Bertalign's files do.
///
/// A blank line is no sentence: it is left out of the alignment and put back afterwards (see
/// [`align_presplit`]), so it never becomes a pair with an empty side, and a text without blank
/// lines aligns exactly as it did when every line was a sentence.
#[derive(Debug, Clone)]
pub struct Presplit {
    /// Every line, trimmed, blank ones included: what ids name.
    pub lines: Vec<Sentence>,
    /// The lines that are not blank, to align.
    sentences: Vec<Sentence>,
    /// For each of `sentences`, its line number.
    line_of: Vec<usize>,
}

impl Presplit {
    pub fn new(text: &str) -> Presplit {
        Presplit::from_lines(text_lines(text))
    }

    /// Presplit text given as its lines (the Python package's list of sentences, one an item):
    /// each trimmed, a blank one no sentence, exactly as [`Presplit::new`] takes the lines of a
    /// text.
    pub fn from_lines<S: AsRef<str>>(lines: impl IntoIterator<Item = S>) -> Presplit {
        let lines = lines
            .into_iter()
            .map(|line| Sentence::new(line.as_ref().trim(), 0))
            .collect();
        Presplit::from_sentences(lines)
    }

    /// Sentences already made (split from a text, say), with their paragraphs; an empty one is
    /// a blank line. Sentences none of which is empty align exactly as `align_in_passes` aligns
    /// them.
    pub fn from_sentences(lines: Vec<Sentence>) -> Presplit {
        let line_of: Vec<usize> = (0..lines.len())
            .filter(|&k| !lines[k].text.is_empty())
            .collect();
        let sentences = line_of.iter().map(|&k| lines[k].clone()).collect();
        Presplit {
            lines,
            sentences,
            line_of,
        }
    }

    /// Lines in all, blank ones included.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The lines that are not blank, or None when there is a blank line (then ids and line
    /// numbers differ, and links must go through [`align_presplit`]).
    pub fn without_blanks(&self) -> Option<&[Sentence]> {
        (self.sentences.len() == self.lines.len()).then_some(&self.lines[..])
    }

    /// The line range of sentences `ids` (a link's side), starting at line `cursor` when the
    /// side is empty. Blank lines between two of its sentences are inside the range.
    fn line_range(&self, ids: &std::ops::Range<usize>, cursor: usize) -> std::ops::Range<usize> {
        if ids.is_empty() {
            return cursor..cursor;
        }
        self.line_of[ids.start]..self.line_of[ids.end - 1] + 1
    }
}

/// Align two presplit texts; the links name line numbers. Every line is in exactly one link, in
/// order: a blank line between two sentences of a link is inside it (its text adds nothing to
/// the pair), any other blank line is an omission of its own (`[3]:[]`), never written as a
/// pair.
pub fn align_presplit(
    zh: &Presplit,
    en: &Presplit,
    evidence: Evidence,
    passes: usize,
) -> Vec<Link> {
    align_presplit_scored(zh, en, evidence, passes).0
}

/// [`align_presplit`], with the document's score (worked out on the sentences, blank lines
/// left out).
pub fn align_presplit_scored(
    zh: &Presplit,
    en: &Presplit,
    evidence: Evidence,
    passes: usize,
) -> (Vec<Link>, DocScore) {
    let (links, mut score) = align_scored(&zh.sentences, &en.sentences, evidence, passes);
    score.moved = score.moved.map(|i| zh.line_of[i], |j| en.line_of[j]);
    (line_links(zh, en, links), score)
}

/// Links between sentences as links between lines: ids moved past blank lines, and each blank
/// line an omission of its own.
fn line_links(zh: &Presplit, en: &Presplit, links: Vec<Link>) -> Vec<Link> {
    if zh.sentences.len() == zh.len() && en.sentences.len() == en.len() {
        return links; // no blank line: the ids are the line numbers already
    }
    let mut out = Vec::with_capacity(links.len());
    let (mut zl, mut el) = (0, 0);
    for link in &links {
        let z = zh.line_range(&link.zh, zl);
        let e = en.line_range(&link.en, el);
        blank_omissions(&mut out, zl..z.start, el..e.start);
        (zl, el) = (z.end.max(zl), e.end.max(el));
        out.push(Link {
            zh: z,
            en: e,
            score: link.score,
        });
    }
    blank_omissions(&mut out, zl..zh.len(), el..en.len());
    out
}

/// An omission link for each blank line left between two links: Chinese first, then English.
/// Their probability is 1: a blank line has nothing to link, so leaving it out is certainly
/// right (a score of 0 would put every blank line among the doubtful links of the review page
/// and of any filter on omissions).
fn blank_omissions(out: &mut Vec<Link>, zh: std::ops::Range<usize>, en: std::ops::Range<usize>) {
    let (z_at, e_at) = (zh.end, en.start);
    out.extend(zh.map(|k| Link {
        zh: k..k + 1,
        en: e_at..e_at,
        score: 1.0,
    }));
    out.extend(en.map(|k| Link {
        zh: z_at..z_at,
        en: k..k + 1,
        score: 1.0,
    }));
}

#[cfg(test)]
mod presplit_tests {
    use super::*;
    use crate::model::IdLink;

    #[test]
    fn lf_crlf_and_a_lone_cr_all_end_a_line() {
        assert_eq!(text_lines("a\nb\r\nc\rd"), ["a", "b", "c", "d"]);
        assert_eq!(text_lines("a\n\nb\n"), ["a", "", "b"]);
        assert_eq!(text_lines("a\r\r\n"), ["a", ""]);
        assert!(text_lines("").is_empty());
    }

    fn ids(links: &[Link]) -> Vec<String> {
        links.iter().map(|l| IdLink::from(l).to_string()).collect()
    }

    #[test]
    fn blank_lines_are_omissions_or_inside_a_link_never_sentences() {
        let zh = Presplit::new("\n我们期望中美关系回暖。\n\n从对抗到对话。\n\n");
        let en = Presplit::new("We hope relations warm up.\n\nFrom confrontation to dialogue.\n");
        assert_eq!((zh.len(), en.len()), (5, 3));
        let links = align_presplit(&zh, &en, Evidence::default(), 2);
        // Every line once, in order.
        let zh_ids: Vec<usize> = links.iter().flat_map(|l| l.zh.clone()).collect();
        let en_ids: Vec<usize> = links.iter().flat_map(|l| l.en.clone()).collect();
        assert_eq!(zh_ids, (0..5).collect::<Vec<_>>());
        assert_eq!(en_ids, (0..3).collect::<Vec<_>>());
        let pairs = pairs_of(&zh.lines, &en.lines, &links);
        assert!(
            pairs.iter().all(|p| !p.zh.is_empty() && !p.en.is_empty()),
            "{pairs:?}"
        );
        assert!(
            ids(&links).contains(&"[0]:[]".to_string()),
            "{:?}",
            ids(&links)
        );
        // A blank line's omission is certainly right: probability 1, never a doubtful link.
        let blank = |l: &Link| {
            l.zh.clone().chain(l.en.clone()).all(|k| {
                let line = if l.zh.is_empty() {
                    &en.lines[k]
                } else {
                    &zh.lines[k]
                };
                line.text.is_empty()
            })
        };
        let blanks: Vec<&Link> = links.iter().filter(|l| !l.is_pair() && blank(l)).collect();
        assert_eq!(blanks.len(), 4, "{:?}", ids(&links));
        assert!(blanks.iter().all(|l| l.score == 1.0), "{blanks:?}");
    }

    #[test]
    fn without_blank_lines_the_links_are_those_of_the_lines_as_sentences() {
        let text_zh = "我们期望中美关系回暖。\n从对抗到对话。\n";
        let text_en = "We hope relations warm up.\nFrom confrontation to dialogue.\n";
        let (zh, en) = (Presplit::new(text_zh), Presplit::new(text_en));
        let plain =
            |t: &str| -> Vec<Sentence> { t.lines().map(|l| Sentence::new(l.trim(), 0)).collect() };
        assert_eq!(
            align_presplit(&zh, &en, Evidence::default(), 2),
            crate::align::align_in_passes(&plain(text_zh), &plain(text_en), Evidence::default(), 2)
        );
    }
}
