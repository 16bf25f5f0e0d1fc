//! Issue 5, property: splitting neither loses nor repeats text.
//!
//! The aligner pairs sentences, and the corpus is made of their text, so a splitter that drops
//! or doubles a character silently corrupts rows. Both splitters promise to only cut, trim and
//! drop whitespace; here that promise is checked on arbitrary strings (any Unicode, and
//! strings dense in the characters the rules look at: terminators, quotes, brackets, digits,
//! abbreviations, mixed Han and Latin).

use proptest::prelude::*;
use zhen_align::model::Lang;
use zhen_align::segment::{split, split_text};

fn non_whitespace(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Text dense in what the splitting rules react to, in both scripts.
fn tricky_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("。"),
        Just("！"),
        Just("？"),
        Just("；"),
        Just("…"),
        Just("……"),
        Just("."),
        Just("..."),
        Just("!"),
        Just("?"),
        Just(";"),
        Just("?!"),
        Just("”"),
        Just("“"),
        Just("」"),
        Just("「"),
        Just("\""),
        Just("'"),
        Just(")"),
        Just("（"),
        Just("）"),
        Just(" "),
        Just("\n"),
        Just("\r"),
        Just("\t"),
        Just("\u{3000}"),
        Just("Mr."),
        Just("U.S."),
        Just("3.5"),
        Just("e.g."),
        Just("J."),
        Just("习近平"),
        Just("中国"),
        Just("说"),
        Just("Trump"),
        Just("said"),
        Just("the"),
        Just("A"),
        Just("2025年"),
        Just("200亿"),
        Just("，"),
        Just(","),
        Just("a.php?id=3"),
        Just("&amp;"),
    ];
    prop::collection::vec(piece, 0..80).prop_map(|pieces| pieces.concat())
}

fn assert_keeps_every_character(input: &str, sentences: &[String]) -> Result<(), TestCaseError> {
    prop_assert_eq!(non_whitespace(&sentences.concat()), non_whitespace(input));
    for s in sentences {
        prop_assert!(
            !s.is_empty() && s.trim() == s,
            "sentence empty or untrimmed: {:?}",
            s
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn chinese_splitting_keeps_every_character_of_any_string(text in any::<String>()) {
        assert_keeps_every_character(&text, &split(&text, Lang::Zh))?;
    }

    #[test]
    fn english_splitting_keeps_every_character_of_any_string(text in any::<String>()) {
        assert_keeps_every_character(&text, &split(&text, Lang::En))?;
    }

    #[test]
    fn chinese_splitting_keeps_every_character_of_mixed_script_text(text in tricky_text()) {
        assert_keeps_every_character(&text, &split(&text, Lang::Zh))?;
    }

    #[test]
    fn english_splitting_keeps_every_character_of_mixed_script_text(text in tricky_text()) {
        assert_keeps_every_character(&text, &split(&text, Lang::En))?;
    }

    #[test]
    fn splitting_a_whole_text_keeps_every_character_and_paragraph_order(text in tricky_text(), zh in any::<bool>()) {
        let lang = if zh { Lang::Zh } else { Lang::En };
        let sentences = split_text(&text, lang);
        let texts: Vec<String> = sentences.iter().map(|s| s.text.clone()).collect();
        assert_keeps_every_character(&text, &texts)?;
        prop_assert!(sentences.windows(2).all(|w| w[0].paragraph <= w[1].paragraph));
    }
}
