//! How an article is bilingual: which paragraphs are Chinese, which English, and in what order.
//!
//! Two layouts occur in practice: a Chinese block followed by an English block (or the
//! reverse), and interleaved paragraph pairs. Both keep each language in order, so the aligner
//! gets the Chinese paragraphs and the English paragraphs, each in document order, whatever
//! the layout; the layout itself is reported so users can see what was found. An article
//! whose smaller side is too small to be a translation of the larger is monolingual.

use crate::model::script::{classify, count_scripts, LATIN_PER_HAN};
use crate::model::Lang;

/// The layouts zhen-align recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayoutKind {
    /// All Chinese paragraphs, then all English ones.
    ZhThenEn,
    /// All English paragraphs, then all Chinese ones.
    EnThenZh,
    /// Chinese and English paragraphs alternate.
    Interleaved,
    /// Both languages, in blocks with stray paragraphs of the other language among them.
    Mixed,
    /// A Chinese file and an English file, paired by their names (see `ingest::pairs`).
    TwoFiles,
    /// Monolingual: nothing to align.
    Monolingual(Lang),
    /// No text at all after cleaning.
    Empty,
}

impl LayoutKind {
    pub fn describe(self) -> String {
        match self {
            LayoutKind::ZhThenEn => "Chinese block then English block".into(),
            LayoutKind::EnThenZh => "English block then Chinese block".into(),
            LayoutKind::Interleaved => "interleaved paragraphs".into(),
            LayoutKind::Mixed => "mixed blocks".into(),
            LayoutKind::TwoFiles => "two files".into(),
            LayoutKind::Monolingual(lang) => format!("monolingual: {} only", lang.name()),
            LayoutKind::Empty => "empty: no text after cleaning".into(),
        }
    }

    pub fn is_bilingual(self) -> bool {
        matches!(
            self,
            LayoutKind::ZhThenEn
                | LayoutKind::EnThenZh
                | LayoutKind::Interleaved
                | LayoutKind::Mixed
                | LayoutKind::TwoFiles
        )
    }
}

/// An article's paragraphs sorted by language, in document order.
#[derive(Debug, Clone)]
pub struct Layout {
    pub kind: LayoutKind,
    pub zh: Vec<String>,
    pub en: Vec<String>,
}

/// The smaller side must carry at least this share of the larger side's text (in English
/// letter units) to count as a translation of it. Translations run from about half to twice
/// the expected length; a fifth leaves room for partial translations while a Chinese page with
/// an English caption or two stays monolingual.
const MIN_SIDE_SHARE: f64 = 0.2;

/// Text amount of a paragraph in English-letter units.
fn weight(text: &str) -> f64 {
    let c = count_scripts(text);
    c.han as f64 * LATIN_PER_HAN + c.latin as f64
}

pub fn find_layout(paragraphs: &[String]) -> Layout {
    let mut zh = Vec::new();
    let mut en = Vec::new();
    let mut order = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for p in paragraphs {
        // A paragraph seen before is boilerplate (a title repeated by the page template, a
        // navigation line): it is not translated a second time.
        if !seen.insert(p.as_str()) {
            continue;
        }
        let lang = match classify(p) {
            Some(lang) => lang,
            None => continue,
        };
        if lang == Lang::En && order.last() == Some(&Lang::En) && continues(en.last(), p) {
            let previous = en.last_mut().expect("continues() saw it");
            previous.push(' ');
            previous.push_str(p);
            continue;
        }
        match lang {
            Lang::Zh => zh.push(p.clone()),
            Lang::En => en.push(p.clone()),
        }
        order.push(lang);
    }
    let kind = kind_of(&order, &zh, &en);
    if !kind.is_bilingual() {
        return Layout {
            kind,
            zh: if kind == LayoutKind::Monolingual(Lang::Zh) {
                zh
            } else {
                vec![]
            },
            en: if kind == LayoutKind::Monolingual(Lang::En) {
                en
            } else {
                vec![]
            },
        };
    }
    Layout { kind, zh, en }
}

/// The layout of a Chinese file and an English file: the Chinese paragraphs of the one and the
/// English paragraphs of the other, each found as in a single article.
pub fn pair_layout(zh_paragraphs: &[String], en_paragraphs: &[String]) -> Layout {
    let zh = side(zh_paragraphs).zh;
    let en = side(en_paragraphs).en;
    let kind = match (zh.is_empty(), en.is_empty()) {
        (true, true) => LayoutKind::Empty,
        (false, true) => LayoutKind::Monolingual(Lang::Zh),
        (true, false) => LayoutKind::Monolingual(Lang::En),
        (false, false) => LayoutKind::TwoFiles,
    };
    Layout { kind, zh, en }
}

/// One file's paragraphs by language, whatever its balance of languages.
fn side(paragraphs: &[String]) -> Layout {
    let layout = find_layout(paragraphs);
    if layout.kind.is_bilingual() {
        return layout;
    }
    // A monolingual file keeps only its language; read the sides without the share test.
    let mut zh = Vec::new();
    let mut en = Vec::new();
    for p in paragraphs {
        match classify(p) {
            Some(Lang::Zh) => zh.push(p.clone()),
            Some(Lang::En) => en.push(p.clone()),
            None => {}
        }
    }
    let one = |list: Vec<String>| find_layout(&list);
    Layout {
        kind: layout.kind,
        zh: one(zh).zh,
        en: one(en).en,
    }
}

/// An English paragraph broken in two by a stray blank line: the first part ends without
/// sentence-final punctuation and the next begins in lower case.
fn continues(previous: Option<&String>, next: &str) -> bool {
    let open_end = previous
        .and_then(|p| p.chars().last())
        .is_some_and(|c| c.is_alphanumeric() || c == ',');
    open_end && next.chars().next().is_some_and(|c| c.is_lowercase())
}

fn kind_of(order: &[Lang], zh: &[String], en: &[String]) -> LayoutKind {
    let wz: f64 = zh.iter().map(|p| weight(p)).sum();
    let we: f64 = en.iter().map(|p| weight(p)).sum();
    if wz == 0.0 && we == 0.0 {
        return LayoutKind::Empty;
    }
    if we < wz * MIN_SIDE_SHARE {
        return LayoutKind::Monolingual(Lang::Zh);
    }
    if wz < we * MIN_SIDE_SHARE {
        return LayoutKind::Monolingual(Lang::En);
    }
    let runs = 1 + order.windows(2).filter(|w| w[0] != w[1]).count();
    match runs {
        2 if order[0] == Lang::Zh => LayoutKind::ZhThenEn,
        2 => LayoutKind::EnThenZh,
        // Interleaved when most paragraphs have a neighbour of the other language.
        r if r >= zh.len().min(en.len()) => LayoutKind::Interleaved,
        _ => LayoutKind::Mixed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|s| s.to_string()).collect()
    }

    const ZH1: &str = "川普与习近平通话，讨论了贸易问题。";
    const ZH2: &str = "双方同意继续磋商。";
    const EN1: &str = "Trump and Xi held a phone call and discussed trade.";
    const EN2: &str = "Both sides agreed to keep talking.";

    #[test]
    fn a_chinese_block_then_an_english_block() {
        let l = find_layout(&paras(&[ZH1, ZH2, EN1, EN2]));
        assert_eq!(l.kind, LayoutKind::ZhThenEn);
        assert_eq!(l.zh, [ZH1, ZH2]);
        assert_eq!(l.en, [EN1, EN2]);
    }

    #[test]
    fn interleaved_pairs_keep_each_language_in_order() {
        let l = find_layout(&paras(&[EN1, ZH1, EN2, ZH2]));
        assert_eq!(l.kind, LayoutKind::Interleaved);
        assert_eq!(l.zh, [ZH1, ZH2]);
        assert_eq!(l.en, [EN1, EN2]);
    }

    #[test]
    fn chinese_with_a_short_english_caption_is_monolingual() {
        let l = find_layout(&paras(&[ZH1, ZH2, ZH1, ZH2, "(Reuters)"]));
        assert_eq!(l.kind, LayoutKind::Monolingual(Lang::Zh));
        assert_eq!(l.kind.describe(), "monolingual: Chinese only");
    }

    #[test]
    fn an_english_paragraph_broken_by_a_blank_line_is_joined() {
        let l = find_layout(&paras(&[
            ZH1,
            "negotiate with him based on",
            "his fundamental political goals.",
            "A heading",
            "New paragraph.",
        ]));
        assert_eq!(
            l.en,
            [
                "negotiate with him based on his fundamental political goals.",
                "A heading",
                "New paragraph."
            ]
        );
    }

    #[test]
    fn repeated_paragraphs_count_once() {
        let l = find_layout(&paras(&[ZH1, ZH1, ZH2, EN1, EN2]));
        assert_eq!(l.zh, [ZH1, ZH2]);
    }

    #[test]
    fn nothing_but_numbers_is_empty() {
        assert_eq!(
            find_layout(&paras(&["2025", "---"])).kind,
            LayoutKind::Empty
        );
    }
}
