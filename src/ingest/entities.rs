//! Character references (`&rsquo;`, `&#8217;`, `&#x2019;`) in markdown and plain text.
//!
//! Scraped markdown and text keep the references of the page they came from: a quarter of the
//! rows of a test crawl kept `&#8217;` or `&ldquo;`, and Big5 pages write every simplified
//! character outside Big5 as `&#NNNNN;`, whose `;` the Chinese splitter then took for a
//! sentence end. Every reference of the HTML standard is decoded, by the table html5ever uses
//! (so HTML pages and text files agree), in one pass over the text.
//!
//! Only references closed by `;` are decoded: in plain text "AT&T" or "R&D" must stay, and
//! the legacy unterminated forms (`&copy`) are an HTML parser's business, not a text file's.

use markup5ever::data::{C1_REPLACEMENTS, NAMED_ENTITIES};
use std::borrow::Cow;

/// The longest named reference of the standard (`&CounterClockwiseContourIntegral;`) has 31
/// characters between `&` and `;`; a numeric one needs far fewer. Looking no further keeps
/// the pass linear however many `&` a text holds.
const MAX_REFERENCE_LEN: usize = 32;

/// `text` with every character reference closed by `;` decoded.
pub fn decode_references(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        match reference_at(after) {
            Some((decoded, len)) => {
                out.push_str(&decoded);
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The reference at the start of `after` (the text following a `&`): what it stands for and
/// how many bytes it takes, `;` included.
fn reference_at(after: &str) -> Option<(String, usize)> {
    let window = &after[..floor_char_boundary(after, MAX_REFERENCE_LEN + 1)];
    let semi = window.find(';')?;
    let body = &window[..semi];
    let decoded = match body.strip_prefix('#') {
        Some(number) => numeric(number)?.to_string(),
        None => named(body)?,
    };
    Some((decoded, semi + 1))
}

/// A numeric reference's character, as HTML parsers decode it: C1 controls are the
/// windows-1252 characters pages meant by them, NUL, surrogates and numbers beyond Unicode
/// are U+FFFD.
fn numeric(number: &str) -> Option<char> {
    let value = match number.strip_prefix(['x', 'X']) {
        Some(hex) if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
            u32::from_str_radix(hex, 16).unwrap_or(u32::MAX)
        }
        Some(_) => return None,
        None if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) => {
            number.parse().unwrap_or(u32::MAX)
        }
        None => return None,
    };
    if (0x80..=0x9F).contains(&value) {
        if let Some(c) = C1_REPLACEMENTS[(value - 0x80) as usize] {
            return Some(c);
        }
    }
    Some(match value {
        0 => '\u{FFFD}',
        v => char::from_u32(v).unwrap_or('\u{FFFD}'),
    })
}

fn named(name: &str) -> Option<String> {
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let key = format!("{name};");
    let &(first, second) = NAMED_ENTITIES.get(key.as_str())?;
    let mut decoded = String::new();
    decoded.extend(char::from_u32(first));
    if second != 0 {
        decoded.extend(char::from_u32(second));
    }
    Some(decoded)
}

/// The largest char boundary of `s` at or below `index`.
fn floor_char_boundary(s: &str, index: usize) -> usize {
    let mut i = index.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_and_numeric_references_are_decoded() {
        assert_eq!(
            decode_references("It&rsquo;s &ldquo;A&rdquo; &mdash; &#8217;&#x2019;&#X2019; &amp;"),
            "It’s “A” — ’’’ &"
        );
    }

    #[test]
    fn big5_pages_write_simplified_characters_as_numbers() {
        assert_eq!(decode_references("&#20013;&#22269;&#26159;"), "中国是");
    }

    #[test]
    fn ampersands_that_are_no_reference_stay() {
        for text in [
            "AT&T",
            "R&D; more",
            "a & b",
            "&nosuchname;",
            "&#;",
            "&#xZZ;",
            "&",
        ] {
            assert_eq!(decode_references(text), text);
        }
    }

    #[test]
    fn bad_numbers_become_the_replacement_character() {
        assert_eq!(
            decode_references("&#0;&#xD800;&#99999999999;"),
            "\u{FFFD}\u{FFFD}\u{FFFD}"
        );
        assert_eq!(decode_references("&#150;"), "–");
    }

    #[test]
    fn many_ampersands_take_linear_time() {
        let text = "&".repeat(200_000) + "amp;";
        let decoded = decode_references(&text);
        assert_eq!(decoded.len(), 200_000);
    }
}
