//! Which script a character is in, and which language a text is in by its script.
//!
//! Chinese news text carries English words (TikTok, APEC, a quoted English title) and English
//! text carries the odd Chinese name, so a paragraph is not classified by its first character
//! or by any character at all, but by weighing Han characters against Latin letters: one Han
//! character carries about as much text as `LATIN_PER_HAN` Latin letters.
//!
//! Also how many clauses a sentence holds, in either script.

use super::Lang;

/// English characters per Chinese character, used only to weigh Latin letters and digits that
/// occur inside Chinese text before the document's own ratio is known. About 3 in news text
/// (e.g. 中美关系 ↔ "U.S.-China relations"). It lives here, below every stage, because the
/// ingest (which paragraph is which language) and the aligner (sentence lengths) both use it.
pub const LATIN_PER_HAN: f64 = 3.0;

/// Counts of the scripts in a text.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ScriptCounts {
    pub han: usize,
    pub latin: usize,
}

/// True for a Han character (the CJK unified ideographs, their extensions and compatibility
/// ideographs).
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

pub fn count_scripts(text: &str) -> ScriptCounts {
    // ASCII text (most English) has neither Han characters nor Latin letters beyond ASCII:
    // its letters are counted byte by byte, without decoding characters.
    if text.is_ascii() {
        return ScriptCounts {
            han: 0,
            latin: count_bytes(text.as_bytes(), |b| b.is_ascii_alphabetic()),
        };
    }
    let mut counts = ScriptCounts::default();
    for c in text.chars() {
        if is_han(c) {
            counts.han += 1;
        } else if c.is_ascii_alphabetic() || matches!(c, 'À'..='ɏ') {
            counts.latin += 1;
        }
    }
    counts
}

/// How many of `bytes` pass `test`. Counted in blocks of 255 into a byte-sized count, which
/// the compiler turns into vector code (many bytes an instruction), where a count kept in a
/// `usize` is read a byte at a time.
pub fn count_bytes(bytes: &[u8], test: impl Fn(u8) -> bool) -> usize {
    bytes
        .chunks(255)
        .map(|block| usize::from(block.iter().map(|&b| u8::from(test(b))).sum::<u8>()))
        .sum()
}

/// The language of a paragraph, or None when it has too little text of either script to say
/// (a date, a rule of dashes, a lone number).
pub fn classify(text: &str) -> Option<Lang> {
    let ScriptCounts { han, latin } = count_scripts(text);
    let han_weight = han as f64 * LATIN_PER_HAN;
    let latin_weight = latin as f64;
    // Fewer than two letters' worth of either script: nothing to classify.
    if han_weight + latin_weight < 2.0 {
        return None;
    }
    // Half the Latin weight is enough for Chinese: Chinese text with English names and terms
    // in it is common, English text with Chinese characters in it is rare.
    if han_weight >= latin_weight * 0.5 {
        Some(Lang::Zh)
    } else {
        Some(Lang::En)
    }
}

/// How many clauses a sentence holds, up to 255: stretches between commas, semicolons and
/// colons (Chinese or Latin) holding a letter, digit or Han character. A Latin comma or
/// colon between digits (1,000; 10:30) separates nothing.
pub fn clauses(text: &str) -> u8 {
    let bytes = text.as_bytes();
    let digit = |k: usize| bytes.get(k).is_some_and(u8::is_ascii_digit);
    let (mut count, mut open) = (0u32, false);
    for (k, c) in text.char_indices() {
        let separates = match c {
            '，' | '；' | '：' => true,
            ',' | ';' | ':' => !(k > 0 && digit(k - 1) && digit(k + 1)),
            _ => false,
        };
        if separates {
            open = false;
        } else if !open && c.is_alphanumeric() {
            open = true;
            count += 1;
        }
    }
    u8::try_from(count).unwrap_or(u8::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clauses_are_counted_between_commas_semicolons_and_colons() {
        assert_eq!(clauses("韦小宝笑道：“呸，你不会摔交！”"), 3);
        assert_eq!(clauses("Grandma gasped."), 1);
        assert_eq!(clauses("'I won a dozen taels,' replied Trinket."), 2);
        // Digits' separators, and separators with nothing between, separate nothing.
        assert_eq!(clauses("At 10:30 he paid 1,000 taels; then, , left."), 3);
        assert_eq!(clauses("……"), 0);
        assert_eq!(clauses(""), 0);
    }

    #[test]
    fn bytes_are_counted_across_blocks() {
        // 1,000 bytes: several blocks of 255, the last one short.
        let bytes: Vec<u8> = (0..1000u32).map(|k| (k * 7 % 256) as u8).collect();
        let test = |b: u8| b < 0x20 || b.is_ascii_alphabetic();
        let expected = bytes.iter().filter(|&&b| test(b)).count();
        assert_eq!(count_bytes(&bytes, test), expected);
        assert_eq!(count_bytes(&[b'a'; 600], |b| b == b'a'), 600);
        assert_eq!(count_bytes(&[], |_| true), 0);
    }

    #[test]
    fn ascii_text_is_counted_as_any_text_is() {
        let text = "In the beginning God created the heaven and the earth (1:1).";
        assert_eq!(count_scripts(text).latin, 44);
        assert_eq!(count_scripts(text).han, 0);
        // The same with one character that is not ASCII, which takes the other path.
        let counts = count_scripts(&format!("{text}中"));
        assert_eq!((counts.latin, counts.han), (44, 1));
    }

    #[test]
    fn chinese_with_english_words_is_chinese() {
        assert_eq!(classify("TikTok 问题释放善意"), Some(Lang::Zh));
        assert_eq!(
            classify("將於今年11月南韩举行的 APEC 峰会期间举行会面"),
            Some(Lang::Zh)
        );
        assert_eq!(
            classify("曾在奧巴馬政府任職、現為美國互聯資本(Interconnected Capital)創始人的科技投資人許凱文(Kevin Xu)表示"),
            Some(Lang::Zh)
        );
    }

    #[test]
    fn english_with_a_chinese_name_is_english() {
        assert_eq!(
            classify("Chinese President Xi Jinping (习近平) held a phone call with Donald Trump."),
            Some(Lang::En)
        );
    }

    #[test]
    fn numbers_and_rules_are_neither() {
        assert_eq!(classify("2025-07-17"), None);
        assert_eq!(classify("------"), None);
    }

    #[test]
    fn plain_text_of_each_language() {
        assert_eq!(classify("我們期望中美關係回暖"), Some(Lang::Zh));
        assert_eq!(
            classify("Trump’s Attempts To Mend Ties With Mainland China"),
            Some(Lang::En)
        );
    }
}
