//! English sentence splitting.
//!
//! We start from the Unicode sentence boundaries of UAX #29, which already get the hard parts
//! of punctuation right: decimals (3.5), a closing quote after the full stop (`“Go.” Then`),
//! `?”`, `U.S.-China`, and no break after an ellipsis followed by a lower-case word. UAX #29
//! knows nothing of abbreviations, though, so it breaks `Mr. Trump` in two. We therefore undo
//! the boundaries that the rules below judge false, and add one it misses (after `…`):
//!
//! * A sentence never starts with a lower-case letter, so a boundary before one is false
//!   (UAX #29 breaks `“Why?” he asked` after the question).
//! * Titles and Latin abbreviations (Mr. Dr. Gen. vs. e.g. …) come before a name or a phrase,
//!   never at a sentence end, so a boundary after one is always false.
//! * `No.` and month abbreviations (Jan. Sept. …) are followed by a number when they sit
//!   mid-sentence, so a boundary after one is false before a digit.
//! * Abbreviations that often do end a sentence — `Jr. Inc. Ltd. etc.`, initials (`J.`) and
//!   dotted acronyms (`U.S.`, `a.m.`) — are ambiguous: "the U.S. Senate" but "moved to the
//!   U.S. He". We keep it simple: the boundary is real only if the next word is a common
//!   sentence opener (The, He, But, …). A proper noun after `U.S.` therefore stays joined,
//!   which is the right call for news text, where "U.S. officials" far outnumbers a sentence
//!   ending in "U.S." followed by a name.
//! * An ellipsis `…` (U+2026, unlike `...`) is not a terminator in UAX #29; we end a sentence
//!   after it when a capital letter follows, matching what UAX #29 does for `...`.
//!
//! Over-long pieces are then bounded (see `bound_length`).

use super::bound_length;
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// The most characters an English sentence may hold before it is cut by force: about three
/// times the Chinese bound, the usual ratio of English to Chinese characters in translation.
pub const MAX_CHARS: usize = 3000;

/// Abbreviations that never end a sentence: titles before a name, Latin before a phrase.
const NEVER_FINAL: &[&str] = &[
    "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "St.", "Gen.", "Gov.", "Sen.", "Rep.", "Lt.", "Col.",
    "Capt.", "Sgt.", "Rev.", "Hon.", "vs.", "e.g.", "i.e.", "cf.",
];

/// Abbreviations that stand before a number mid-sentence: "No. 1", "Jan. 5", "p. 12".
const BEFORE_NUMBERS: &[&str] = &[
    "No.", "Nos.", "p.", "pp.", "Vol.", "vol.", "Fig.", "fig.", "Art.", "art.", "Ch.", "ch.",
    "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.",
    "Dec.",
];

/// Abbreviations that may or may not end a sentence (besides initials and dotted acronyms).
const AMBIGUOUS: &[&str] = &[
    "Jr.", "Sr.", "Co.", "Corp.", "Inc.", "Ltd.", "Bros.", "etc.", "Ph.D.",
];

/// Words that commonly open a sentence, used to settle the ambiguous abbreviations.
const OPENERS: &[&str] = &[
    "A",
    "After",
    "Also",
    "An",
    "And",
    "As",
    "At",
    "Before",
    "Both",
    "But",
    "By",
    "During",
    "Each",
    "For",
    "From",
    "He",
    "Her",
    "His",
    "How",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Last",
    "Many",
    "Meanwhile",
    "More",
    "Most",
    "Mr",
    "Mrs",
    "Ms",
    "My",
    "No",
    "Now",
    "On",
    "Our",
    "She",
    "Since",
    "So",
    "Some",
    "Still",
    "That",
    "The",
    "Their",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "To",
    "We",
    "What",
    "When",
    "Where",
    "While",
    "Who",
    "Why",
    "With",
    "Yet",
    "You",
];

/// Split one paragraph of English into sentences, trimmed, none empty.
pub fn split(text: &str) -> Vec<String> {
    let mut sentences = Vec::new();
    for chunk in split_after_ellipses(text) {
        for range in joined_boundaries(chunk) {
            let pieces = bound_length(
                &chunk[range],
                MAX_CHARS,
                &[is_clause_break, char::is_whitespace],
            );
            sentences.extend(pieces.into_iter().map(str::to_string));
        }
    }
    sentences
}

/// The UAX #29 sentences of `text`, with the false boundaries between them removed.
fn joined_boundaries(text: &str) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let mut previous: Option<&str> = None;
    for (start, segment) in text.split_sentence_bound_indices() {
        let end = start + segment.len();
        match (previous, ranges.last_mut()) {
            (Some(left), Some(last)) if is_false_boundary(left, segment) => last.end = end,
            _ => ranges.push(start..end),
        }
        previous = Some(segment);
    }
    ranges
}

/// Whether the boundary between two neighbouring UAX #29 segments should be undone.
fn is_false_boundary(left: &str, right: &str) -> bool {
    if ends_with_line_break(left) {
        return false;
    }
    let right = right.trim_start();
    if starts_lower_case(right) {
        return true;
    }
    let left = left.trim_end();
    if !left.ends_with('.') {
        return false;
    }
    let word = last_word(left);
    if NEVER_FINAL.contains(&word) {
        true
    } else if BEFORE_NUMBERS.contains(&word) {
        right.starts_with(|c: char| c.is_ascii_digit())
    } else if AMBIGUOUS.contains(&word) || is_initial(word) || is_dotted_acronym(word) {
        !OPENERS.contains(&first_word(right))
    } else {
        false
    }
}

/// A line break is a paragraph break: never join across one.
fn ends_with_line_break(segment: &str) -> bool {
    segment
        .trim_end_matches([' ', '\t'])
        .ends_with(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}'])
}

/// Whether the first letter, past any opening quotes or brackets, is lower case.
fn starts_lower_case(text: &str) -> bool {
    text.trim_start_matches(is_opener)
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

fn is_opener(c: char) -> bool {
    matches!(c, '“' | '‘' | '"' | '\'' | '(' | '[')
}

/// The last whitespace-separated word of `text`, without opening quotes or brackets.
fn last_word(text: &str) -> &str {
    let word = text.rsplit(char::is_whitespace).next().unwrap_or(text);
    word.trim_start_matches(is_opener)
}

/// The leading letters of `text`, past opening quotes: "He's" gives "He".
fn first_word(text: &str) -> &str {
    let text = text.trim_start_matches(is_opener);
    let end = text
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(text.len());
    &text[..end]
}

/// A single capital letter and a full stop, as in "Donald J. Trump".
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next(), chars.next()), (Some(c), Some('.'), None) if c.is_uppercase())
}

/// Two or more single letters each followed by a full stop: U.S., U.K., a.m., D.C.
fn is_dotted_acronym(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    chars.len() >= 4
        && chars.len().is_multiple_of(2)
        && chars
            .chunks(2)
            .all(|pair| pair[0].is_alphabetic() && pair[1] == '.')
}

/// Cut `text` after each `…` (with any closing quotes) that is followed by a capital letter.
fn split_after_ellipses(text: &str) -> Vec<&str> {
    let mut chunks = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices('…') {
        let after = &text[i + '…'.len_utf8()..];
        let closers = after.len() - after.trim_start_matches(is_closer).len();
        let rest = after[closers..].trim_start();
        if rest.starts_with(char::is_uppercase) {
            let cut = i + '…'.len_utf8() + closers;
            chunks.push(&text[start..cut]);
            start = cut;
        }
    }
    chunks.push(&text[start..]);
    chunks
}

fn is_closer(c: char) -> bool {
    matches!(c, '”' | '’' | '"' | '\'' | ')' | ']')
}

/// Where a very long piece may preferably be cut, before falling back to any space.
fn is_clause_break(c: char) -> bool {
    matches!(c, ',' | ';' | ':')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::assert_keeps_every_character;

    fn check(text: &str, expected: &[&str]) {
        let got = split(text);
        assert_eq!(got, expected, "splitting {text:?}");
        assert_keeps_every_character(text, &got);
    }

    #[test]
    fn full_stops_end_sentences() {
        check(
            "On June 5, 2025, Trump held a 90-minute call with Chinese President Xi Jinping. They discussed trade.",
            &["On June 5, 2025, Trump held a 90-minute call with Chinese President Xi Jinping.", "They discussed trade."],
        );
    }

    #[test]
    fn titles_never_end_a_sentence() {
        check(
            "Mr. Trump met Dr. Smith and Gen. Milley. Sen. Warren objected.",
            &[
                "Mr. Trump met Dr. Smith and Gen. Milley.",
                "Sen. Warren objected.",
            ],
        );
    }

    #[test]
    fn a_closing_quote_after_the_full_stop_belongs_to_the_sentence() {
        check(
            "Mr. Trump would castigate “stupid people.” He said it twice.",
            &[
                "Mr. Trump would castigate “stupid people.”",
                "He said it twice.",
            ],
        );
    }

    #[test]
    fn a_question_inside_quotes_ends_with_its_quote() {
        check(
            "She asked, “Why?” Nobody answered.",
            &["She asked, “Why?”", "Nobody answered."],
        );
    }

    #[test]
    fn a_quoted_question_followed_by_lower_case_is_not_an_end() {
        check(
            "“Why?” he asked. Nobody answered.",
            &["“Why?” he asked.", "Nobody answered."],
        );
    }

    #[test]
    fn middle_initials_do_not_end_a_sentence() {
        check(
            "Donald J. Trump spoke. J.K. Rowling wrote.",
            &["Donald J. Trump spoke.", "J.K. Rowling wrote."],
        );
    }

    #[test]
    fn decimals_do_not_end_a_sentence() {
        check(
            "Growth slowed to 3.5 percent. Prices rose.",
            &["Growth slowed to 3.5 percent.", "Prices rose."],
        );
    }

    #[test]
    fn a_hyphen_after_a_dotted_acronym_is_not_an_end() {
        check(
            "U.S.-China talks resumed. Both sides attended.",
            &["U.S.-China talks resumed.", "Both sides attended."],
        );
    }

    #[test]
    fn a_dotted_acronym_before_a_proper_noun_stays_joined() {
        check(
            "The U.S. Senate voted at 9 a.m. Eastern time.",
            &["The U.S. Senate voted at 9 a.m. Eastern time."],
        );
    }

    #[test]
    fn a_dotted_acronym_before_a_sentence_opener_ends_the_sentence() {
        check(
            "He moved to the U.S. He never left.",
            &["He moved to the U.S.", "He never left."],
        );
        check(
            "They met at 5 p.m. The talks ran late.",
            &["They met at 5 p.m.", "The talks ran late."],
        );
    }

    #[test]
    fn company_suffixes_end_a_sentence_only_before_an_opener() {
        check(
            "Apple Inc. The company grew.",
            &["Apple Inc.", "The company grew."],
        );
        check(
            "Sony Corp. Chairman Yoshida spoke.",
            &["Sony Corp. Chairman Yoshida spoke."],
        );
    }

    #[test]
    fn number_and_month_abbreviations_do_not_end_before_a_number() {
        check(
            "It ranked No. 1 on Jan. 5, 2025, in Asia. It fell in Sept. The rebound came later.",
            &[
                "It ranked No. 1 on Jan. 5, 2025, in Asia.",
                "It fell in Sept.",
                "The rebound came later.",
            ],
        );
        check(
            "See p. 5 and Fig. 2. They agree.",
            &["See p. 5 and Fig. 2.", "They agree."],
        );
    }

    #[test]
    fn latin_abbreviations_do_not_end_a_sentence() {
        check(
            "Some nations, e.g. China, agreed. Others did not.",
            &["Some nations, e.g. China, agreed.", "Others did not."],
        );
    }

    #[test]
    fn an_ascii_ellipsis_ends_a_sentence_only_before_a_capital() {
        check(
            "Wait... what happened? Well... He left.",
            &["Wait... what happened?", "Well...", "He left."],
        );
    }

    #[test]
    fn a_unicode_ellipsis_ends_a_sentence_only_before_a_capital() {
        check(
            "Wait… what happened? Well… He left.",
            &["Wait… what happened?", "Well…", "He left."],
        );
        check("“So…” She paused.", &["“So…”", "She paused."]);
    }

    #[test]
    fn a_heading_without_punctuation_is_one_sentence() {
        check("  Trump and Xi Talk Trade ", &["Trump and Xi Talk Trade"]);
        check("   ", &[]);
    }

    #[test]
    fn a_line_break_is_never_undone() {
        check("Meet Mr.\nsmith arrived.", &["Meet Mr.", "smith arrived."]);
    }

    #[test]
    fn a_long_unpunctuated_run_is_cut_at_clauses_into_bounded_pieces() {
        let text = "one two three four five six seven eight nine, ".repeat(200);
        let got = split(&text);
        assert!(got.len() >= 3);
        assert!(got
            .iter()
            .all(|s| s.chars().count() <= MAX_CHARS && s.ends_with(',')));
        assert_keeps_every_character(&text, &got);
    }

    #[test]
    fn a_huge_paragraph_is_split_in_linear_time() {
        let text = format!(
            "{} {}",
            "word ".repeat(400_000),
            "Mr. Smith left. It rained. ".repeat(20_000)
        );
        let started = std::time::Instant::now();
        let got = split(&text);
        assert!(got.len() > 40_000);
        assert!(
            started.elapsed().as_secs() < 10,
            "took {:?}",
            started.elapsed()
        );
    }

    #[test]
    fn splitting_never_loses_or_repeats_text() {
        for text in [
            "On June 5, 2025, Trump held a 90-minute call with Chinese President Xi Jinping. Mr. Xi agreed.",
            "Mr. Trump would castigate “stupid people.” He said... what? “No!” U.S.-China ties… Fine.",
            "  Donald J. Trump, 3.5 percent, U.S. Sen. Smith etc. The end.  ",
            "...",
            "",
        ] {
            assert_keeps_every_character(text, &split(text));
        }
    }
}
