//! Numbers as anchors: the values written in a sentence, whatever the script.
//!
//! A number is the most reliable evidence two sentences are translations: 2025年6月5日 and
//! "June 5, 2025" share 2025, 6 and 5; 2000亿美元 and "$200 billion" share 2×10¹¹; 10% and
//! "10 percent" share 10. Values are kept as integers in hundredths so that 3.5 matches 3.5
//! exactly without comparing floats.

/// A numeric value in hundredths (3.5 → 350).
pub type Number = i64;

fn to_number(v: f64) -> Option<Number> {
    let scaled = (v * 100.0).round();
    (scaled.is_finite() && scaled.abs() < 9.0e18).then_some(scaled as i64)
}

/// The value of one Chinese numeral digit, or None.
fn zh_digit(c: char) -> Option<u64> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' | '兩' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn zh_unit(c: char) -> Option<u64> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        _ => return None,
    })
}

/// Multipliers that follow a number in Chinese: 50万 = 500,000, 2000亿 = 200,000,000,000.
fn zh_big_unit(c: char) -> Option<f64> {
    Some(match c {
        '万' | '萬' => 1e4,
        '亿' | '億' => 1e8,
        _ => return None,
    })
}

fn is_zh_numeral(c: char) -> bool {
    zh_digit(c).is_some() || zh_unit(c).is_some() || zh_big_unit(c).is_some()
}

/// Parse a run of Chinese numerals such as 二十一, 一百零五, 三千五百万, 二〇二五.
fn parse_zh_numeral(run: &[char]) -> Option<f64> {
    // Digit-by-digit years such as 二〇二五 have no unit characters.
    if run.len() > 1 && run.iter().all(|&c| zh_digit(c).is_some()) {
        let mut v = 0u64;
        for &c in run {
            v = v.checked_mul(10)?.checked_add(zh_digit(c)?)?;
        }
        return Some(v as f64);
    }
    let mut total = 0f64; // completed 万/亿 groups
    let mut section = 0u64; // below 万
    let mut digit: Option<u64> = None;
    for &c in run {
        if let Some(d) = zh_digit(c) {
            digit = Some(d);
        } else if let Some(u) = zh_unit(c) {
            section += digit.unwrap_or(1) * u; // 十 alone means 10
            digit = None;
        } else if let Some(b) = zh_big_unit(c) {
            let group = section + digit.unwrap_or(0);
            total = (total + group.max(1) as f64) * b;
            section = 0;
            digit = None;
        }
    }
    Some(total + (section + digit.unwrap_or(0)) as f64)
}

/// Parse an Arabic number starting at `i` ("2,000", "3.5"); returns the value and the index
/// after it.
fn parse_arabic(chars: &[char], mut i: usize) -> (f64, usize) {
    let mut text = String::new();
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            text.push(c);
        } else if let Some(d) = fullwidth_digit(c) {
            text.push(d);
        } else if (c == ',' || c == '.') && i + 1 < chars.len() && chars[i + 1].is_ascii_digit() {
            // A comma followed by exactly three digits groups thousands; a point is decimal.
            if c == '.' {
                if text.contains('.') {
                    break;
                }
                text.push('.');
            } else if i + 4 > chars.len() || !chars[i + 1..i + 4].iter().all(|c| c.is_ascii_digit())
            {
                break;
            }
            // else: a thousands separator, skipped
        } else {
            break;
        }
        i += 1;
    }
    (text.parse().unwrap_or(0.0), i)
}

fn fullwidth_digit(c: char) -> Option<char> {
    ('０'..='９')
        .contains(&c)
        .then(|| (b'0' + (c as u32 - '０' as u32) as u8) as char)
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || fullwidth_digit(c).is_some()
}

/// The numbers written in a Chinese sentence, in order.
pub fn zh_numbers(text: &str) -> Vec<Number> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_digit(c) {
            let (mut v, mut next) = parse_arabic(&chars, i);
            // "2000亿", also written "2000 亿" with a space.
            loop {
                let mut k = next;
                while chars.get(k) == Some(&' ') {
                    k += 1;
                }
                match chars.get(k).copied().and_then(zh_big_unit) {
                    Some(b) => {
                        v *= b;
                        next = k + 1;
                    }
                    None => break,
                }
            }
            out.extend(to_number(v));
            i = next;
        } else if is_zh_numeral(c) {
            let start = i;
            while i < chars.len() && is_zh_numeral(chars[i]) {
                i += 1;
            }
            // A lone numeral character (一, 十, 万) is mostly part of a word (统一, 万一):
            // only runs of two or more count, or one after 百分之 ("per hundred": 百分之十 = 10%).
            let percent = start >= 3 && chars[start - 3..start] == ['百', '分', '之'];
            if i - start >= 2 && !(chars[start] == '百' && chars.get(start + 1) == Some(&'分'))
                || percent
            {
                out.extend(parse_zh_numeral(&chars[start..i]).and_then(to_number));
            }
        } else {
            i += 1;
        }
    }
    out
}

const EN_SMALL: &[(&str, u64)] = &[
    ("zero", 0),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("hundred", 100),
    ("thousand", 1000),
    ("dozen", 12),
];

const EN_SCALE: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
];

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const MONTH_ABBR: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// The words [`en_numbers`] reads (number, scale, unit and month words), lower case.
struct NumberWords {
    /// Each word by its [`key`], sorted for a binary search.
    words: Vec<(u128, &'static str)>,
    /// For each length up to 16 and first letter, a bit for each letter a list word of that
    /// length and first letter ends with: most words ("the", "and", "people") are told from
    /// every list word by these three alone, before any key is made.
    ends: [[u32; 26]; 17],
}

/// The index of an ASCII letter in the alphabet, whatever its case.
fn letter(b: u8) -> Option<usize> {
    b.is_ascii_alphabetic()
        .then(|| usize::from(b.to_ascii_lowercase() - b'a'))
}

impl NumberWords {
    fn get() -> &'static NumberWords {
        static WORDS: std::sync::OnceLock<NumberWords> = std::sync::OnceLock::new();
        WORDS.get_or_init(|| {
            let small = EN_SMALL.iter().map(|(w, _)| *w);
            let scale = EN_SCALE.iter().map(|(w, _)| *w);
            let mut words: Vec<(u128, &'static str)> = small
                .chain(scale)
                .chain(MONTHS.iter().copied())
                .chain(MONTH_ABBR.iter().copied())
                .chain(UNITS.iter().copied())
                .chain(["sept", "hundred"])
                .filter_map(|w| Some((key(w.as_bytes())?, w)))
                .collect();
            words.sort_unstable();
            words.dedup();
            let mut ends = [[0u32; 26]; 17];
            for (_, w) in &words {
                if let Some((first, last)) = Self::ends(w.as_bytes()) {
                    ends[w.len()][first] |= 1 << last;
                }
            }
            NumberWords { words, ends }
        })
    }

    /// A word's first and last letters, if it starts and ends with one.
    fn ends(word: &[u8]) -> Option<(usize, usize)> {
        Some((letter(*word.first()?)?, letter(*word.last()?)?))
    }

    /// The list word `word` is once lower-cased (`word`'s ASCII letters in either case).
    fn find(&self, word: &[u8]) -> Option<&'static str> {
        let (first, last) = Self::ends(word)?;
        let ends = self.ends.get(word.len())?[first];
        if ends & 1 << last == 0 {
            return None;
        }
        let at = self
            .words
            .binary_search_by_key(&key(word)?, |&(k, _)| k)
            .ok()?;
        Some(self.words[at].1)
    }
}

/// The word of the lists above (number, scale, unit and month words) that a word is once
/// lower-cased, or None for the many words that are none of them. `en_numbers` compares words
/// only with these lists, so each word is lower-cased and looked up once, here, and compared
/// as the list's own `&'static str` after that.
fn number_word(word: &str) -> Option<&'static str> {
    let words = NumberWords::get();
    // `find` lower-cases ASCII letters; a word with other capitals is lower-cased first.
    if !word.is_ascii() && word.chars().any(char::is_uppercase) {
        words.find(word.to_lowercase().as_bytes())
    } else {
        words.find(word.as_bytes())
    }
}

/// A word of up to 16 bytes with its ASCII letters lower-cased, packed into an integer (None
/// for a longer word: no list word is one). A word ends with a letter or digit, never a NUL
/// byte, so the zero bytes that pad a shorter word keep two words from sharing a key; a word
/// that is not ASCII never has the key of one that is. Lower-casing on the stack spares a
/// `String` per word.
fn key(word: &[u8]) -> Option<u128> {
    let mut buffer = [0u8; 16];
    buffer.get_mut(..word.len())?.copy_from_slice(word);
    buffer.make_ascii_lowercase();
    Some(u128::from_le_bytes(buffer))
}

/// The month a word names; `lower` is the word as [`number_word`] gives it.
fn month(word: &str, lower: &str) -> Option<u64> {
    MONTHS
        .iter()
        .position(|m| *m == lower)
        .or_else(|| {
            MONTH_ABBR
                .iter()
                .position(|m| *m == lower)
                .filter(|_| lower != "may" || word == "May")
        })
        .or_else(|| (lower == "sept").then_some(8))
        .map(|p| p as u64 + 1)
}

/// The words of an English sentence as [`en_numbers`] reads them: split at spaces, hyphens,
/// dashes and slashes, trimmed of anything but letters and digits at either end.
fn words_of(text: &str) -> Vec<&str> {
    if !text.is_ascii() {
        return text
            .split(|c: char| c.is_whitespace() || c == '-' || c == '–' || c == '/')
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .collect();
    }
    // Most English text is ASCII: the same split byte by byte, without decoding characters
    // (ASCII whitespace is U+0009 to U+000D and the space, as `char::is_whitespace` has it;
    // the en dash is not ASCII).
    let bytes = text.as_bytes();
    // A word takes a byte and a separator at least: the vector never grows.
    let mut words = Vec::with_capacity(text.len() / 2 + 1);
    let mut start = 0;
    // Pieces come in order, one separator byte apart: `start` is where each begins.
    for piece in bytes.split(|b| matches!(b, b'\t'..=b'\r' | b' ' | b'-' | b'/')) {
        let first = piece.iter().position(u8::is_ascii_alphanumeric);
        let last = piece.iter().rposition(u8::is_ascii_alphanumeric);
        if let (Some(first), Some(last)) = (first, last) {
            words.push(&text[start + first..start + last + 1]);
        }
        start += piece.len() + 1;
    }
    words
}

/// The numbers written in an English sentence: digits ("2,000", "3.5", "19th"), number words
/// ("twenty-one", "two hundred"), scales ("$200 billion"), and the month of a date ("June 5"
/// gives 6 and 5). A lone "one" is left out: it is a pronoun far more often than a count.
pub fn en_numbers(text: &str) -> Vec<Number> {
    let words = words_of(text);
    let lower: Vec<Option<&'static str>> = words.iter().map(|w| number_word(w)).collect();
    let lower_at = |k: usize| lower.get(k).copied().flatten();
    let word_value = |k: usize| -> Option<f64> {
        let w = lower_at(k)?;
        EN_SMALL
            .iter()
            .find(|(s, _)| *s == w)
            .map(|(_, v)| *v as f64)
    };
    let scale_at = |k: usize| -> Option<f64> {
        let w = lower_at(k)?;
        EN_SCALE.iter().find(|(s, _)| *s == w).map(|(_, v)| *v)
    };
    let mut out = Vec::new();
    let mut k = 0;
    while k < words.len() {
        let w = words[k];
        let value = if w.starts_with(|c: char| c.is_ascii_digit()) {
            let chars: Vec<char> = w.chars().collect();
            Some(parse_arabic(&chars, 0).0)
        } else if let Some(m) = lower[k].and_then(|lw| month(w, lw)) {
            let dated = words
                .get(k + 1)
                .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()));
            if dated {
                out.extend(to_number(m as f64));
            }
            None
        } else if let Some(v) = word_value(k) {
            // "twenty-one": tens followed by a unit ("one" included here).
            let unit = lower_at(k + 1).and_then(|n| UNITS.iter().position(|u| *u == n));
            match unit {
                Some(u) if (20.0..=90.0).contains(&v) && v % 10.0 == 0.0 => {
                    k += 1;
                    Some(v + u as f64 + 1.0)
                }
                _ => Some(v),
            }
        } else {
            None
        };
        if let Some(mut v) = value {
            // "two hundred", "200 billion": a multiplier word right after the number.
            while let Some(m) =
                scale_at(k + 1).or_else(|| (lower_at(k + 1) == Some("hundred")).then_some(100.0))
            {
                v *= m;
                k += 1;
            }
            out.extend(to_number(v));
        }
        k += 1;
    }
    out
}

const UNITS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn h(v: &[f64]) -> Vec<Number> {
        v.iter().map(|&x| (x * 100.0) as i64).collect()
    }

    #[test]
    fn dates_in_both_languages_give_the_same_values() {
        let mut zh = zh_numbers("2025年6月5日,川普與習近平通話");
        let mut en = en_numbers("On June 5, 2025, Trump held a call");
        zh.sort();
        en.sort();
        assert_eq!(zh, en);
        assert_eq!(zh, h(&[5.0, 6.0, 2025.0]));
    }

    #[test]
    fn chinese_scales_match_english_scales() {
        assert_eq!(zh_numbers("额外购买 2000 亿美元的商品"), h(&[2e11]));
        assert_eq!(
            en_numbers("buy an additional \\$200 billion of goods"),
            h(&[2e11])
        );
        assert_eq!(zh_numbers("50万人"), h(&[5e5]));
    }

    #[test]
    fn chinese_numerals_are_parsed() {
        assert_eq!(zh_numbers("他二十一岁"), h(&[21.0]));
        assert_eq!(zh_numbers("一百零五个"), h(&[105.0]));
        assert_eq!(zh_numbers("二〇二五年"), h(&[2025.0]));
        assert_eq!(zh_numbers("三千五百万"), h(&[3.5e7]));
        assert_eq!(zh_numbers("百分之十"), h(&[10.0]));
        assert_eq!(zh_numbers("百分之二十五"), h(&[25.0]));
    }

    #[test]
    fn a_lone_numeral_character_is_not_a_number() {
        assert!(zh_numbers("统一是一种选择").is_empty());
    }

    #[test]
    fn percentages_decimals_and_thousands() {
        assert_eq!(zh_numbers("加徵10%基礎關稅"), h(&[10.0]));
        assert_eq!(en_numbers("a 10% baseline duty"), h(&[10.0]));
        assert_eq!(en_numbers("grew 3.5 percent"), h(&[3.5]));
        assert_eq!(en_numbers("2,000 people"), h(&[2000.0]));
        assert_eq!(zh_numbers("145%的關稅"), h(&[145.0]));
    }

    #[test]
    fn ascii_text_is_split_into_words_as_any_text_is() {
        let text = "On June 5, 2025 -- the \"twenty-one\" U.S. envoys/aides (\t3.5%) met.\u{b}Then";
        let by_chars: Vec<&str> = text
            .split(|c: char| c.is_whitespace() || c == '-' || c == '–' || c == '/')
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .collect();
        assert_eq!(words_of(text), by_chars);
        assert_eq!(words_of("  -- / "), Vec::<&str>::new());
    }

    #[test]
    fn number_words_are_found_in_any_case_and_no_other_word_is() {
        let naive = |w: &str| {
            let lower = w.to_lowercase();
            let small = EN_SMALL.iter().map(|(w, _)| *w);
            let scale = EN_SCALE.iter().map(|(w, _)| *w);
            small
                .chain(scale)
                .chain(MONTHS.iter().copied())
                .chain(MONTH_ABBR.iter().copied())
                .chain(UNITS.iter().copied())
                .chain(["sept", "hundred"])
                .find(|l| *l == lower)
        };
        let words = [
            "one",
            "One",
            "ONE",
            "SePtember",
            "Sept",
            "hundred",
            "dozen",
            "trillion",
            "the",
            "and",
            "ones",
            "o",
            "",
            "2025",
            "Tên",
            "ÓNE",
            "septembers",
            "aaaaaaaaaaaaaaaaaa",
        ];
        for w in words {
            assert_eq!(number_word(w), naive(w), "{w:?}");
        }
        assert_eq!(number_word("Twelve"), Some("twelve"));
    }

    #[test]
    fn english_number_words() {
        assert_eq!(en_numbers("twenty-one years"), h(&[21.0]));
        assert_eq!(en_numbers("two hundred soldiers"), h(&[200.0]));
        assert_eq!(
            en_numbers("a 90-minute call with sixty countries"),
            h(&[90.0, 60.0])
        );
        assert!(en_numbers("No one may come in May").is_empty());
    }
}
