//! Sentence segmentation: one splitter per language, both working on one paragraph at a time.
//!
//! The aligner links sentences, so a wrong cut here becomes a wrong link later. Both splitters
//! therefore keep to one invariant: they only cut, trim and drop whitespace. The non-whitespace
//! characters of the output, concatenated, are exactly those of the input, so nothing is ever
//! lost or repeated.
//!
//! Paragraphs are the outer unit: a line is never joined to the next one, which is what keeps a
//! heading without final punctuation a sentence of its own.
//!
//! Both splitters also bound sentence length (`bound_length`): scraped pages sometimes hold a
//! huge paragraph without punctuation (a table flattened to a line, a list of names), and the
//! aligner's cost grows with sentence length, so such a run is cut into bounded pieces.

pub mod en;
pub mod zh;

use crate::model::{Lang, Sentence};

/// Split one paragraph (a line of running text) into sentences, trimmed, none empty.
pub fn split(text: &str, lang: Lang) -> Vec<String> {
    match lang {
        Lang::Zh => zh::split(text),
        Lang::En => en::split(text),
    }
}

/// Split every paragraph, remembering which paragraph each sentence came from.
pub fn split_paragraphs<S: AsRef<str>>(paragraphs: &[S], lang: Lang) -> Vec<Sentence> {
    paragraphs
        .iter()
        .enumerate()
        .flat_map(|(p, text)| {
            split(text.as_ref(), lang)
                .into_iter()
                .map(move |s| Sentence::new(s, p))
        })
        .collect()
}

/// Split a whole text: every non-empty line is a paragraph.
pub fn split_text(text: &str, lang: Lang) -> Vec<Sentence> {
    let paragraphs: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    split_paragraphs(&paragraphs, lang)
}

/// Cut `sentence` into trimmed, non-empty pieces of at most `max_chars` characters.
///
/// Each piece is cut, if possible, just after a character accepted by one of the `preferred`
/// predicates, tried in order (e.g. commas first, then spaces), looking only in the second half
/// of the window so that a piece is never needlessly short. Failing that, the cut is hard, at
/// exactly `max_chars`. Every piece advances at least half a window and each window is scanned
/// at most once per predicate, so the whole cut is linear in the length of `sentence`.
pub(crate) fn bound_length<'a>(
    sentence: &'a str,
    max_chars: usize,
    preferred: &[fn(char) -> bool],
) -> Vec<&'a str> {
    assert!(
        max_chars >= 2,
        "a bound below two characters cannot make progress"
    );
    let chars: Vec<(usize, char)> = sentence.char_indices().collect();
    let byte_at = |k: usize| chars.get(k).map_or(sentence.len(), |&(b, _)| b);
    let mut pieces = Vec::new();
    let mut start = 0;
    while chars.len() - start > max_chars {
        let limit = start + max_chars;
        let cut = preferred_cut(&chars, start + max_chars / 2, limit, preferred).unwrap_or(limit);
        pieces.push(&sentence[byte_at(start)..byte_at(cut)]);
        start = cut;
    }
    pieces.push(&sentence[byte_at(start)..]);
    pieces
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// The character index just after the last character in `from..to` that a predicate accepts,
/// trying the predicates in order of preference.
fn preferred_cut(
    chars: &[(usize, char)],
    from: usize,
    to: usize,
    preferred: &[fn(char) -> bool],
) -> Option<usize> {
    preferred.iter().find_map(|accepts| {
        (from..to)
            .rev()
            .find(|&k| accepts(chars[k].1))
            .map(|k| k + 1)
    })
}

/// Test helper shared by both splitters: the invariant of this module.
#[cfg(test)]
pub(crate) fn assert_keeps_every_character(input: &str, sentences: &[String]) {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    assert_eq!(
        squeeze(&sentences.concat()),
        squeeze(input),
        "splitting lost or repeated text"
    );
    for s in sentences {
        assert!(
            !s.is_empty() && s.trim() == s,
            "sentence not trimmed or empty: {s:?}"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comma(c: char) -> bool {
        c == ','
    }

    #[test]
    fn a_short_sentence_is_left_alone() {
        assert_eq!(
            bound_length("  short one ", 100, &[comma]),
            vec!["short one"]
        );
    }

    #[test]
    fn a_long_run_is_cut_after_the_last_preferred_character_in_the_window() {
        assert_eq!(
            bound_length("aaa,bbb,cccc", 8, &[comma]),
            vec!["aaa,bbb,", "cccc"]
        );
    }

    #[test]
    fn a_preferred_character_too_early_in_the_window_is_ignored() {
        // Cutting after "a," would make a needlessly short piece.
        assert_eq!(
            bound_length("a,bbbbbbbbbb", 8, &[comma]),
            vec!["a,bbbbbb", "bbbb"]
        );
    }

    #[test]
    fn without_any_preferred_character_the_cut_is_hard() {
        assert_eq!(
            bound_length("一二三四五六七八九十", 4, &[comma]),
            vec!["一二三四", "五六七八", "九十"]
        );
    }

    #[test]
    fn earlier_predicates_win_over_later_ones() {
        let pieces = bound_length("aaaaa b,c dd", 10, &[comma, char::is_whitespace]);
        assert_eq!(pieces, vec!["aaaaa b,", "c dd"]);
    }

    #[test]
    fn every_piece_is_bounded_and_nothing_is_lost() {
        let text = "词".repeat(10_001);
        let pieces = bound_length(&text, 1000, &[comma]);
        assert!(pieces.iter().all(|p| p.chars().count() <= 1000));
        assert_eq!(pieces.concat(), text);
    }

    #[test]
    fn split_text_keeps_a_heading_without_punctuation_as_its_own_sentence() {
        let sentences = split_text(
            "Trump and Xi Talk Trade\nThey spoke. It went well.\n",
            Lang::En,
        );
        let texts: Vec<&str> = sentences.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            vec!["Trump and Xi Talk Trade", "They spoke.", "It went well."]
        );
        assert_eq!(
            sentences.iter().map(|s| s.paragraph).collect::<Vec<_>>(),
            vec![0, 1, 1]
        );
    }

    #[test]
    fn split_text_keeps_a_chinese_heading_as_its_own_sentence() {
        let sentences = split_text("特朗普与习近平通话\n双方谈了贸易。气氛良好。", Lang::Zh);
        let texts: Vec<&str> = sentences.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            vec!["特朗普与习近平通话", "双方谈了贸易。", "气氛良好。"]
        );
    }
}
