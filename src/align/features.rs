//! Per-sentence features, computed once per sentence so that scoring a candidate link only
//! adds up what its sentences already carry.

use super::numbers::{en_numbers, zh_numbers, Number};
use super::params::LATIN_PER_HAN;
use crate::model::script::{count_bytes, is_han};
use crate::model::Sentence;
use rayon::prelude::*;
use std::collections::HashMap;

mod totals;
pub use totals::{clause_bucket, Mark, Totals};

/// Punctuation classes that translators usually keep: question marks, exclamation marks,
/// quotation marks, parentheses and colons (a heading "领导人通话:互动升温的信号" keeps its
/// colon in "Leadership Dialogue: A Sign of Thawing Relations").
pub const PUNCT_CLASSES: usize = 5;
/// Lanes of the running punctuation counts ([`Mark::punct`]): the classes, padded to a power
/// of two.
pub const PUNCT_LANES: usize = 8;
/// The class of quotation marks.
const QUOTE_CLASS: usize = 2;

fn punct_class(c: char) -> Option<usize> {
    Some(match c {
        '?' | '？' => 0,
        '!' | '！' => 1,
        '«' | '»' => 2,
        '(' | ')' | '（' | '）' => 3,
        ':' | '：' => 4,
        _ => return None,
    })
}

/// What the aligner knows about one sentence.
#[derive(Debug, Clone, Default)]
pub struct Features {
    /// Length in characters. For Chinese: Han characters plus Latin letters and digits weighed
    /// by `LATIN_PER_HAN`; for English: characters other than spaces.
    pub len: f64,
    /// Numbers written in the sentence, sorted.
    pub numbers: Vec<Number>,
    /// Latin tokens (ids into the document's vocabulary), sorted and deduplicated. On the
    /// Chinese side: Latin words inside Chinese text (TikTok, APEC, H20). On the English side:
    /// only the words that also occur as Latin tokens somewhere on the Chinese side.
    pub latin: Vec<u32>,
    /// Counts per punctuation class.
    pub punct: [u8; PUNCT_CLASSES],
    /// Quotations opened minus quotations closed. Translators split and join quoted speech
    /// differently ("'I can see,' laughed Misty. 'But…'" for one Chinese quotation), but a
    /// link should open as many quotations as it closes on both sides alike.
    pub quote_balance: i8,
    /// True for the first sentence of a paragraph (other than the document's first).
    pub starts_paragraph: bool,
    /// How the sentence opens an utterance, if it does (see [`Opening`]): it begins with a
    /// quotation mark or introduces one after a colon ("韦小宝道：“…", "He said: 'Come in.'").
    /// In dialogue every turn is its own paragraph, so on presplit text (no paragraphs) this is
    /// the boundary that is left.
    pub opening: Opening,
    /// The sentence closes an utterance: it ends with a closing quotation mark. A link's last
    /// sentences usually close one on both sides or on neither, as its first sentences open
    /// one together.
    pub closes_utterance: bool,
    /// A heading: a paragraph of one sentence without final punctuation ("領導人通話:互動升溫的
    /// 信號", "Leadership Dialogue: A Sign of Thawing Relations"). Headings translate headings.
    pub heading: bool,
    /// Clauses: stretches between commas, semicolons and colons (Chinese or Latin) holding a
    /// letter, digit or Han character. A translator who splits a Chinese sentence splits it
    /// at its clauses, so a one-clause sentence is rarely several English sentences.
    pub clauses: u8,
}

impl Features {
    /// The sentence opens an utterance, one way or the other.
    pub fn opens_utterance(&self) -> bool {
        self.opening != Opening::Plain
    }
}

/// How a sentence opens. A Chinese sentence that introduces a quotation is often translated as
/// a narration sentence followed by the speech, one that is a quotation as speech alone: the
/// utterance model tells them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Opening {
    /// Not with an utterance.
    #[default]
    Plain,
    /// With a quotation mark ("“明天再来。", "'Surrender?'").
    Quotation,
    /// With narration that introduces a quotation after a colon ("韦小宝道：“…", "He said:
    /// 'Come in.'").
    Introduction,
}

impl Opening {
    /// How many kinds there are: the size of tables indexed by [`Opening::index`].
    pub const KINDS: usize = 3;

    /// The kind's row or column in a table of `KINDS` entries.
    pub fn index(self) -> usize {
        match self {
            Opening::Plain => 0,
            Opening::Quotation => 1,
            Opening::Introduction => 2,
        }
    }
}

/// Latin words of a text, lower-cased: maximal runs of ASCII letters and digits that contain
/// at least one letter and have at least two characters ("H20", "tiktok", "apec").
fn latin_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.len() >= 2 && w.chars().any(|c| c.is_ascii_alphabetic()))
        .map(|w| w.to_ascii_lowercase())
}

/// The quotation marks of a text, +1 for each that opens and −1 for each that closes. Curly
/// and corner quotes say which they are; for straight quotes and ’ the neighbours decide: a
/// mark between two letters is an apostrophe (you've, don’t) and is left out, one before a word
/// opens, one after a word or punctuation closes.
fn quote_marks(text: &str) -> impl Iterator<Item = i32> + '_ {
    // Only a quotation mark needs its neighbours: each is read from the text around the mark
    // (this runs on every sentence, and few characters are quotation marks).
    text.char_indices()
        .filter(|&(_, c)| is_quotation_mark(c))
        .filter_map(move |(k, c)| {
            let before = text[..k].chars().next_back();
            let after = text[k + c.len_utf8()..].chars().next();
            quote_mark(before, c, after)
        })
}

/// The characters `quote_mark` gives a role, whatever their neighbours: curly, corner and
/// straight quotes and ’ (a test checks the two agree).
fn is_quotation_mark(c: char) -> bool {
    matches!(
        c,
        '“' | '「' | '『' | '‘' | '”' | '」' | '』' | '"' | '\'' | '’'
    )
}

/// The role of character `c` between `before` and `after` (see `quote_marks`).
fn quote_mark(before: Option<char>, c: char, after: Option<char>) -> Option<i32> {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    match c {
        '“' | '「' | '『' | '‘' => Some(1),
        '”' | '」' | '』' => Some(-1),
        '"' | '\'' | '’' => {
            if word(before) && word(after) {
                None
            } else if before.is_none_or(char::is_whitespace)
                && after.is_some_and(|a| !a.is_whitespace())
            {
                Some(1)
            } else if before.is_some_and(|b| !b.is_whitespace()) {
                Some(-1)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// Opening minus closing quotation marks (see `quote_marks`).
pub fn quote_balance(text: &str) -> i8 {
    balance(&quote_marks(text).collect::<Vec<_>>())
}

fn balance(marks: &[i32]) -> i8 {
    marks.iter().sum::<i32>().clamp(-8, 8) as i8
}

/// Whether a sentence opens an utterance: its first character (after spaces) is an opening
/// quotation mark, or a colon is followed by one. Straight quotes open when a non-space
/// follows them, as in [`quote_balance`].
pub fn opens_utterance(text: &str) -> bool {
    opening(text) != Opening::Plain
}

/// How a sentence opens (see [`Opening`]).
pub fn opening(text: &str) -> Opening {
    let quotation_at = |rest: &str| {
        let mut chars = rest.trim_start().chars();
        match (chars.next(), chars.next()) {
            (Some('“' | '「' | '『' | '‘'), _) => true,
            (Some('"' | '\''), Some(next)) => !next.is_whitespace(),
            _ => false,
        }
    };
    // Most sentences hold no colon: two quick searches tell so before the walk through the
    // text that finds each one.
    let has_colon = || text.contains(':') || text.contains('：');
    if quotation_at(text) {
        Opening::Quotation
    } else if has_colon()
        && text
            .match_indices([':', '：'])
            .any(|(k, c)| quotation_at(&text[k + c.len()..]))
    {
        Opening::Introduction
    } else {
        Opening::Plain
    }
}

/// Whether a sentence closes an utterance: it ends (but for spaces) with a quotation mark that
/// closes, as in `quote_marks` ("…是怎么了？”", "…come from?'").
pub fn closes_utterance(text: &str) -> bool {
    closes(text, &quote_marks(text).collect::<Vec<_>>())
}

/// [`closes_utterance`] from the text's quotation marks. Trailing spaces change neither which
/// mark is last nor how it reads (a mark before a space or the end closes alike).
fn closes(text: &str, marks: &[i32]) -> bool {
    text.trim_end().ends_with(['”', '」', '』', '"', '\'', '’']) && marks.last() == Some(&-1)
}

/// Counts per class. Quotation marks are counted by role (see `quote_marks`), so that the
/// single straight quotes many English translations use for dialogue ('Come in!') count as
/// quotation marks, as Chinese “” do, and apostrophes do not.
fn punct_counts(text: &str, quote_marks: usize) -> [u8; PUNCT_CLASSES] {
    let mut counts = [0u8; PUNCT_CLASSES];
    for k in text.chars().filter_map(punct_class) {
        counts[k] = counts[k].saturating_add(1);
    }
    let quotes = quote_marks.min(u8::MAX as usize) as u8;
    counts[QUOTE_CLASS] = counts[QUOTE_CLASS].saturating_add(quotes);
    counts
}

fn starts_paragraph(sentences: &[Sentence], i: usize) -> bool {
    i > 0 && sentences[i].paragraph != sentences[i - 1].paragraph
}

fn is_heading(sentences: &[Sentence], i: usize) -> bool {
    let alone = (i == 0 || sentences[i - 1].paragraph != sentences[i].paragraph)
        && sentences
            .get(i + 1)
            .is_none_or(|next| next.paragraph != sentences[i].paragraph);
    // Presplit documents carry no paragraphs (all sentences in paragraph 0): nothing is alone.
    let has_paragraphs =
        sentences.first().map(|f| f.paragraph) != sentences.last().map(|l| l.paragraph);
    let unpunctuated = sentences[i]
        .text
        .trim_end()
        .chars()
        .last()
        .is_some_and(|c| c.is_alphanumeric() || is_han(c));
    alone && has_paragraphs && unpunctuated
}

fn zh_len(text: &str) -> f64 {
    let (mut han, mut latin) = (0usize, 0usize);
    for c in text.chars() {
        if is_han(c) {
            han += 1;
        } else if c.is_alphanumeric() {
            latin += 1;
        }
    }
    han as f64 + latin as f64 / LATIN_PER_HAN
}

fn en_len(text: &str) -> f64 {
    // Most English text is ASCII: counted byte by byte (the ASCII whitespace is U+0009 to
    // U+000D and the space, as `char::is_whitespace` has it).
    if text.is_ascii() {
        return count_bytes(text.as_bytes(), |b| !matches!(b, b'\t'..=b'\r' | b' ')) as f64;
    }
    text.chars().filter(|c| !c.is_whitespace()).count() as f64
}

/// Features of both sides of a document. The Latin vocabulary is built from the Chinese side
/// so that English words are kept only when they could match something. Sentences are
/// independent of each other: each side is worked out in parallel, and only the Latin
/// vocabulary (ids in order of first occurrence) is built in order.
pub fn document_features(zh: &[Sentence], en: &[Sentence]) -> (Vec<Features>, Vec<Features>) {
    let (mut zh_features, zh_latin): (Vec<Features>, Vec<Vec<String>>) = (0..zh.len())
        .into_par_iter()
        .map(|i| {
            (
                sentence_features(zh, i, zh_len, zh_numbers),
                latin_words(&zh[i].text).collect(),
            )
        })
        .unzip();
    let mut vocab: HashMap<String, u32> = HashMap::new();
    for (f, words) in zh_features.iter_mut().zip(zh_latin) {
        f.latin = sorted_ids(words.into_iter().map(|w| {
            let next = vocab.len() as u32;
            *vocab.entry(w).or_insert(next)
        }));
    }
    // Most Chinese text holds no Latin word, and then no English word needs looking up.
    let en_features = (0..en.len())
        .into_par_iter()
        .map(|i| {
            let latin = if vocab.is_empty() {
                Vec::new()
            } else {
                sorted_ids(latin_words(&en[i].text).filter_map(|w| vocab.get(&w).copied()))
            };
            Features {
                latin,
                ..sentence_features(en, i, en_len, en_numbers)
            }
        })
        .collect();
    (zh_features, en_features)
}

fn sorted_ids(ids: impl Iterator<Item = u32>) -> Vec<u32> {
    let mut ids: Vec<u32> = ids.collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// The features of sentence i of one side, but for its Latin tokens.
fn sentence_features(
    sentences: &[Sentence],
    i: usize,
    len: fn(&str) -> f64,
    numbers: fn(&str) -> Vec<Number>,
) -> Features {
    let text = &sentences[i].text;
    let mut numbers = numbers(text);
    numbers.sort_unstable();
    // Read once, for the punctuation counts, the balance and the utterance's end.
    let marks: Vec<i32> = quote_marks(text).collect();
    Features {
        len: len(text),
        numbers,
        latin: Vec::new(),
        punct: punct_counts(text, marks.len()),
        quote_balance: balance(&marks),
        starts_paragraph: starts_paragraph(sentences, i),
        opening: opening(text),
        closes_utterance: closes(text, &marks),
        heading: is_heading(sentences, i),
        clauses: crate::model::script::clauses(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(texts: &[&str]) -> Vec<Sentence> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Sentence::new(*t, i))
            .collect()
    }

    #[test]
    fn latin_tokens_in_chinese_are_found_in_english() {
        let (zh, en) = document_features(
            &sents(&["针对外界关注的 TikTok 争议", "APEC 峰会"]),
            &sents(&[
                "On the much-watched TikTok dispute",
                "the APEC Summit in South Korea",
            ]),
        );
        assert_eq!(zh[0].latin, en[0].latin);
        assert_eq!(zh[1].latin, en[1].latin);
        assert_ne!(zh[0].latin, zh[1].latin);
    }

    #[test]
    fn english_words_absent_from_the_chinese_side_are_not_kept() {
        let (_, en) =
            document_features(&sents(&["没有拉丁字母"]), &sents(&["Nothing matches here"]));
        assert!(en[0].latin.is_empty());
    }

    #[test]
    fn chinese_length_counts_han_and_weighs_latin() {
        let (zh, _) = document_features(&sents(&["中美关系 APEC"]), &[]);
        assert!((zh[0].len - (4.0 + 4.0 / LATIN_PER_HAN)).abs() < 1e-9);
    }

    #[test]
    fn punctuation_is_counted_by_class() {
        let (zh, en) = document_features(
            &sents(&["他问：“你来吗？”"]),
            &sents(&["He asked: “Are you coming?”"]),
        );
        assert_eq!(zh[0].punct, en[0].punct);
        assert_eq!(zh[0].punct, [1, 0, 2, 0, 1]);
    }

    #[test]
    fn single_straight_quotes_count_as_quotation_marks_and_apostrophes_do_not() {
        let (zh, en) = document_features(
            &sents(&["小玄子道：“你没学过摔交。”"]),
            &sents(&["'You've never done any wrestling,' said Misty."]),
        );
        assert_eq!(zh[0].punct[QUOTE_CLASS], 2);
        assert_eq!(en[0].punct[QUOTE_CLASS], 2);
    }

    #[test]
    fn utterances_close_with_a_closing_quotation_mark() {
        assert!(closes_utterance("问：“是怎么了？”"));
        assert!(closes_utterance("'Where did that stuff come from?' "));
        assert!(closes_utterance("我来跟你玩。”"));
        assert!(!closes_utterance("'Why fight a dummy!' he cried."));
        assert!(!closes_utterance("“明天再来。"));
        assert!(!closes_utterance("It was 'the end"));
    }

    #[test]
    fn only_the_listed_quotation_marks_have_a_role() {
        let neighbours = [None, Some(' '), Some('a'), Some('。')];
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            let has_role = neighbours
                .iter()
                .any(|&b| neighbours.iter().any(|&a| quote_mark(b, c, a).is_some()));
            assert_eq!(has_role, is_quotation_mark(c), "{c:?}");
        }
    }

    #[test]
    fn quotations_opened_and_closed_balance() {
        assert_eq!(quote_balance("小玄子笑了笑，道：“你没学过摔交。”"), 0);
        assert_eq!(
            quote_balance("'I can see you've never done any wrestling,' laughed Misty."),
            0
        );
        assert_eq!(quote_balance("'But you're a quick mover all the same!"), 1);
        assert_eq!(
            quote_balance("A few more goes and I'd have had you, though—'"),
            -1
        );
        assert_eq!(quote_balance("“明天再来。"), 1);
        // A known limit: a plural possessive reads as a closing quotation mark.
        assert_eq!(quote_balance("the leaders’ meeting"), -1);
    }

    #[test]
    fn an_utterance_opens_with_its_quotation_or_after_narration() {
        assert_eq!(opening("“明天再来。"), Opening::Quotation);
        assert_eq!(opening("'Surrender?'"), Opening::Quotation);
        assert_eq!(
            opening("小玄子笑道：“你没学过摔交。”"),
            Opening::Introduction
        );
        assert_eq!(opening("He said: 'Come in.'"), Opening::Introduction);
        assert_eq!(opening("Trinket chuckled to himself."), Opening::Plain);
    }

    #[test]
    fn utterances_open_with_a_quotation_or_after_a_colon() {
        assert!(opens_utterance("小玄子笑道：“你没学过摔交。”"));
        assert!(opens_utterance("“明天再来。"));
        assert!(opens_utterance("'Surrender?'"));
        assert!(opens_utterance("He said: 'Come in.'"));
        assert!(!opens_utterance("我来跟你玩。”"));
        assert!(!opens_utterance("Trinket chuckled to himself."));
        assert!(!opens_utterance("' he said"));
    }

    #[test]
    fn a_lone_unpunctuated_paragraph_is_a_heading() {
        let s = vec![
            Sentence::new("領導人通話:互動升溫的信號", 0),
            Sentence::new("川普與習近平通話。", 1),
            Sentence::new("雙方同意", 1),
        ];
        let (zh, _) = document_features(&s, &[]);
        assert_eq!(
            zh.iter().map(|f| f.heading).collect::<Vec<_>>(),
            [true, false, false]
        );
        // Presplit text has no paragraphs: no headings.
        let flat = vec![Sentence::new("標題", 0), Sentence::new("正文", 0)];
        assert!(document_features(&flat, &[]).0.iter().all(|f| !f.heading));
    }

    #[test]
    fn totals_sum_any_range() {
        let (zh, _) =
            document_features(&sents(&["他问：“你来吗？”", "APEC 峰会", "中美关系"]), &[]);
        let t = Totals::new(&zh);
        assert!((t.len(&(0..3)) - zh.iter().map(|f| f.len).sum::<f64>()).abs() < 1e-9);
        assert_eq!(t.puncts(&(0..1))[0], 1);
        assert_eq!(t.anchor_tokens(&(1..2)), 1);
        assert_eq!(t.inner_paragraph_starts(&(0..3)), 2);
        assert_eq!(t.len(&(2..2)), 0.0);
    }

    #[test]
    fn paragraph_starts_are_marked_after_the_first_sentence() {
        let s = vec![
            Sentence::new("a", 0),
            Sentence::new("b", 0),
            Sentence::new("c", 1),
        ];
        let (zh, _) = document_features(&s, &[]);
        assert_eq!(
            zh.iter().map(|f| f.starts_paragraph).collect::<Vec<_>>(),
            [false, false, true]
        );
    }
}
