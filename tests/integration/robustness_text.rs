//! Issue 5, awkward texts: huge unpunctuated paragraphs are cut into bounded pieces (and fast:
//! these tests would not finish if anything were quadratic), and articles that are not a
//! Chinese–English pair get a clear answer instead of garbage rows.
//!
//! There are no timing asserts, which would be flaky on a loaded CI machine; a quadratic step
//! on 10 MB would take hours, which the test harness reports as a hang.

use zhen_align::ingest::LayoutKind;
use zhen_align::model::Lang;
use zhen_align::pipeline::process_article;
use zhen_align::segment::{en, split_text, zh};

const TEN_MB: usize = 10 * 1024 * 1024;

/// About `bytes` bytes of Chinese without a single punctuation mark or space.
fn chinese_run(bytes: usize) -> String {
    "中国和美国的经济贸易关系持续发展"
        .chars()
        .cycle()
        .take(bytes / 3)
        .collect()
}

/// About `bytes` bytes of English words without punctuation.
fn english_run(bytes: usize) -> String {
    let words = [
        "trade",
        "talks",
        "between",
        "the",
        "two",
        "countries",
        "continued",
        "today",
    ];
    let mut text = String::with_capacity(bytes + 16);
    for w in words.iter().cycle() {
        if text.len() >= bytes {
            break;
        }
        text.push_str(w);
        text.push(' ');
    }
    text
}

fn non_whitespace(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

#[test]
fn a_ten_megabyte_chinese_paragraph_is_cut_into_bounded_pieces() {
    let text = chinese_run(TEN_MB);
    let sentences = split_text(&text, Lang::Zh);
    assert!(sentences.len() >= text.chars().count() / zh::MAX_CHARS);
    assert!(sentences
        .iter()
        .all(|s| s.text.chars().count() <= zh::MAX_CHARS));
    assert_eq!(
        sentences
            .iter()
            .map(|s| non_whitespace(&s.text))
            .sum::<usize>(),
        non_whitespace(&text)
    );
}

#[test]
fn a_ten_megabyte_english_paragraph_is_cut_into_bounded_pieces() {
    let text = english_run(TEN_MB);
    let sentences = split_text(&text, Lang::En);
    assert!(sentences
        .iter()
        .all(|s| s.text.chars().count() <= en::MAX_CHARS));
    assert_eq!(
        sentences
            .iter()
            .map(|s| non_whitespace(&s.text))
            .sum::<usize>(),
        non_whitespace(&text)
    );
}

#[test]
fn a_ten_megabyte_run_without_any_space_is_cut_hard() {
    let text = "x".repeat(TEN_MB);
    let sentences = split_text(&text, Lang::En);
    assert!(sentences
        .iter()
        .all(|s| s.text.chars().count() <= en::MAX_CHARS));
    assert_eq!(
        sentences.iter().map(|s| s.text.len()).sum::<usize>(),
        TEN_MB
    );
}

#[test]
fn a_ten_megabyte_bilingual_article_goes_through_the_whole_pipeline() {
    // Half Chinese, half English, each one unpunctuated paragraph: the worst case for the
    // splitters and, with thousands of pieces per side, for the aligner's band.
    let article = format!(
        "{}\n\n{}\n",
        chinese_run(TEN_MB / 2),
        english_run(TEN_MB / 2)
    );
    let result = process_article(&article);
    assert!(result.layout.is_bilingual(), "{}", result.summary());
    assert!(
        result.zh_sentences > 1000 && result.en_sentences > 1000,
        "{}",
        result.summary()
    );
    for pair in &result.pairs {
        assert!(pair.score.is_finite() && (0.0..=1.0).contains(&pair.score));
        assert!(
            pair.zh.chars().count() <= 3 * zh::MAX_CHARS,
            "a link joins at most three pieces"
        );
        assert!(pair.en.chars().count() <= 3 * en::MAX_CHARS + 2);
    }
}

#[test]
fn a_chinese_only_article_is_skipped_as_monolingual() {
    let article = "中美元首通话。\n\n双方谈了贸易问题，气氛良好。\n\n下次会面定在十一月。\n";
    let result = process_article(article);
    assert_eq!(result.layout, LayoutKind::Monolingual(Lang::Zh));
    assert!(result.pairs.is_empty());
    assert_eq!(result.summary(), "skipped (monolingual: Chinese only)");
}

#[test]
fn an_english_only_article_is_skipped_as_monolingual() {
    let article = "Leaders spoke by phone.\n\nThey discussed trade. The mood was good.\n";
    let result = process_article(article);
    assert_eq!(result.layout, LayoutKind::Monolingual(Lang::En));
    assert!(result.pairs.is_empty());
}

#[test]
fn english_with_a_few_chinese_names_is_still_english_only() {
    let article = "President Xi Jinping (习近平) spoke with the US president.\n\n\
        The call, reported by Xinhua (新华社), covered trade and TikTok.\n\n\
        Officials in Beijing (北京) called it candid and constructive.\n";
    let result = process_article(article);
    assert_eq!(
        result.layout,
        LayoutKind::Monolingual(Lang::En),
        "{}",
        result.summary()
    );
    assert!(result.pairs.is_empty());
}

#[test]
fn a_chinese_block_without_an_english_block_gives_no_pairs() {
    // A bilingual site's page whose English half was not scraped: only a title in English.
    let chinese = "中美元首通话，释放合作讯号，为双边关系定调。".repeat(20);
    let article = format!("Xi and Trump talk\n\n{chinese}\n\n{chinese}\n");
    let result = process_article(&article);
    assert!(!result.layout.is_bilingual(), "{}", result.summary());
    assert!(result.pairs.is_empty());
}

#[test]
fn text_made_only_of_markup_or_punctuation_is_empty_or_skipped_never_a_pair() {
    for article in [
        "<p></p><br/>",
        "---\ntitle: x\n---\n",
        "。。。！！！\n...!!!",
        "\u{FEFF}\u{200B}",
    ] {
        let result = process_article(article);
        assert!(
            result.pairs.is_empty(),
            "{article:?} gave {:?}",
            result.pairs
        );
    }
}
