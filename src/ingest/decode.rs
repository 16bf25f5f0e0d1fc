//! Bytes → text.
//!
//! Scraped corpora are not all UTF-8: Chinese sites still serve GB18030/GBK and Big5, Windows
//! tools write UTF-16 with a byte-order mark, and a crawl always holds a few binary files and a
//! few UTF-8 files with a stray bad byte. A corpus run over 100,000 files must give each of
//! them a clear answer instead of dying, so decoding goes in this order:
//!
//! 1. A byte-order mark is trusted (UTF-8, UTF-16 LE, UTF-16 BE): it is the one unambiguous
//!    signal a file carries.
//! 2. Valid UTF-8 is UTF-8 (the common case, checked first because it is cheap and certain).
//! 3. Valid UTF-8 but for a few bytes is UTF-8 with some damage: decoded with U+FFFD for each bad
//!    sequence (a NUL byte counts as one), and the count reported. Asking a detector instead
//!    would read the whole file as mojibake because of one bad byte. "A few" is judged by damage
//!    spots (a run of adjacent bad bytes, such as an overlong sequence, is one spot), in a way
//!    that depends on what else the bytes could be:
//!    - with NUL bytes, the other candidate is UTF-16 without a BOM, which has a NUL in every
//!      ASCII character and is no UTF-8 at all otherwise: UTF-8 wins when its damage spots are
//!      under `MAX_REPLACED_SHARE` of its characters;
//!    - without NULs, the other candidates are legacy encodings. Read as UTF-8, GBK or Big5
//!      gives almost no well-formed multi-byte characters, so UTF-8 wins when it has at least
//!      `UTF8_GOOD_PER_BAD` of them per damage spot — or, when the detector's guess is a
//!      single-byte encoding (windows-1252 and the like, which would turn every Chinese
//!      character into mojibake), when it has more of them than damage spots.
//! 4. NUL bytes never occur in text of any 8-bit encoding. They do occur in UTF-16 without a
//!    BOM (the high byte of every ASCII character), so a file with NULs is tried as UTF-16 of
//!    the byte order its NULs mostly point to, and accepted when it decodes with few errors (a
//!    lone surrogate is replaced and counted) and no control characters; anything else with
//!    NULs is a binary file.
//! 5. A charset the file declares (`<meta charset>`, `http-equiv`, the XML declaration) is
//!    used when the file has no NUL byte, unless it is valid UTF-8 or the declared encoding
//!    replaces more sequences than steps 2 to 6 would.
//! 6. Everything else goes to chardetng (Firefox's detector for legacy web content) and is
//!    decoded by encoding_rs, again counting the sequences replaced.
//!
//! A decoding that replaced a large share of the text, or that is full of control characters,
//! did not find text: it is refused with the reason, because aligning garbage only puts garbage
//! rows into the corpus.

use crate::model::script::count_bytes;
use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{DecoderResult, Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

/// A file's text and how it was obtained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The encoding's WHATWG name, e.g. "UTF-8", "GBK", "Big5", "UTF-16LE".
    pub encoding: &'static str,
    /// Invalid byte sequences replaced by U+FFFD; worth a warning when above zero.
    pub replaced: usize,
}

/// A decoding that replaced more than this share of its characters found no text. A file
/// with a handful of bad bytes stays far below it; a wrongly guessed or binary file is far
/// above it.
const MAX_REPLACED_SHARE: f64 = 0.05;

/// More than this share of control characters (other than tab, line breaks and form feed)
/// marks a binary file that happened to contain no NUL byte.
const MAX_CONTROL_SHARE: f64 = 0.05;

/// Mostly-valid UTF-8 needs at least this many well-formed non-ASCII characters per invalid
/// sequence. Legacy Chinese encodings read as UTF-8 give almost no well-formed multi-byte
/// characters, so the two cases are far apart.
const UTF8_GOOD_PER_BAD: usize = 10;

/// How much of a file the encoding detector looks at: plenty for a confident guess, and it
/// keeps a 100 MB file from being scanned twice.
const DETECTOR_PREFIX: usize = 1 << 20;

/// Decode a file's bytes to text, or say why it is not text.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    decode_report(bytes).map(|d| d.text)
}

/// Decode a file's bytes, reporting the encoding found and how many byte sequences were
/// replaced. The error is a short reason meant to follow the file's name on stderr.
pub fn decode_report(bytes: &[u8]) -> Result<Decoded, String> {
    let decoded = match Encoding::for_bom(bytes) {
        Some((encoding, bom_len)) => decode_with(encoding, &bytes[bom_len..]).decoded,
        None => match declared_encoding(bytes) {
            Some(declared) if !bytes.contains(&0) => decode_declared(declared, bytes)?,
            _ => decode_unmarked(bytes)?,
        },
    };
    check_is_text(decoded)
}

/// How far into a file a declared charset is looked for. The HTML standard's prescan reads
/// 1,024 bytes; Chinese portals put long comments and scripts before their `<meta>`, so a few
/// times that is read, still only the head of any page.
const DECLARATION_PREFIX: usize = 4096;

/// The encoding a page or XML file declares: `<meta charset=…>`, `<meta http-equiv=
/// "Content-Type" content="…; charset=…">`, or `<?xml … encoding="…"?>`. A declared UTF-16 is
/// ignored, as browsers ignore it: a file that could be read this far as ASCII is not UTF-16.
pub fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes[..bytes.len().min(DECLARATION_PREFIX)].to_ascii_lowercase();
    let label = if head.starts_with(b"<?xml") {
        let end = find(&head, b"?>").unwrap_or(head.len());
        value_after(&head[..end], b"encoding")
    } else {
        meta_charset(&head)
    }?;
    let encoding = Encoding::for_label(label)?;
    if encoding == UTF_16LE || encoding == UTF_16BE {
        return Some(UTF_8);
    }
    // GBK pages use GB18030's extra characters freely; GB18030 decodes every GBK byte the same.
    Some(if encoding == encoding_rs::GBK {
        GB18030
    } else {
        encoding
    })
}

/// The charset named in the first `<meta>` tag that names one.
fn meta_charset(head: &[u8]) -> Option<&[u8]> {
    let mut rest = head;
    while let Some(start) = find(rest, b"<meta") {
        let tag = &rest[start..];
        let end = tag.iter().position(|&b| b == b'>').unwrap_or(tag.len());
        if let Some(label) = value_after(&tag[..end], b"charset") {
            return Some(label);
        }
        rest = &tag[end..];
    }
    None
}

/// The value following `name=` (quoted or not) in a tag, if the tag has one.
fn value_after<'a>(tag: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    let at = find(tag, name)? + name.len();
    let rest = tag[at..]
        .trim_ascii_start()
        .strip_prefix(b"=")?
        .trim_ascii_start();
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|&b| matches!(b, b'"' | b'\'' | b';' | b'>' | b'/') || b.is_ascii_whitespace())
        .unwrap_or(rest.len());
    (end > 0).then_some(&rest[..end])
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A file that declares its encoding. Valid UTF-8 stays UTF-8 whatever the declaration says
/// (a page saved again by an editor keeps its old `<meta>`, and GBK text is almost never valid
/// UTF-8); otherwise the declared encoding is used, unless it replaces more sequences than the
/// undeclared decoding (the declaration is then wrong).
fn decode_declared(declared: &'static Encoding, bytes: &[u8]) -> Result<Decoded, String> {
    if declared == UTF_8 || std::str::from_utf8(bytes).is_ok() {
        return decode_unmarked(bytes);
    }
    let by_declaration = decode_with(declared, bytes).decoded;
    if by_declaration.replaced == 0 {
        return Ok(by_declaration);
    }
    let guessed = decode_unmarked(bytes)?;
    Ok(if guessed.replaced < by_declaration.replaced {
        guessed
    } else {
        by_declaration
    })
}

/// Steps 2 to 4 and 6 of the module doc: bytes without a BOM.
fn decode_unmarked(bytes: &[u8]) -> Result<Decoded, String> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        if !text.contains('\0') {
            return Ok(Decoded {
                text: text.to_string(),
                encoding: UTF_8.name(),
                replaced: 0,
            });
        }
    }
    let as_utf8 = utf8_reading(bytes);
    if bytes.contains(&0) {
        if as_utf8.spots as f64 <= MAX_REPLACED_SHARE * as_utf8.chars() as f64 {
            return Ok(as_utf8.decoded);
        }
        return bomless_utf16(bytes).ok_or_else(|| "binary file (NUL bytes)".to_string());
    }
    if as_utf8.well_formed >= as_utf8.spots.saturating_mul(UTF8_GOOD_PER_BAD) {
        return Ok(as_utf8.decoded);
    }
    let guess = detect(bytes);
    if guess.is_single_byte() && as_utf8.well_formed > as_utf8.spots {
        return Ok(as_utf8.decoded);
    }
    Ok(decode_with(guess, bytes).decoded)
}

/// A decoding with what judging it needs: its damage spots (runs of adjacent replaced
/// sequences) and its well-formed non-ASCII characters.
struct Reading {
    decoded: Decoded,
    spots: usize,
    well_formed: usize,
}

impl Reading {
    fn chars(&self) -> usize {
        self.decoded.text.chars().count().max(1)
    }
}

/// The bytes read as UTF-8, every invalid sequence and every NUL replaced by U+FFFD and counted
/// (a NUL is valid UTF-8, but no text holds one: it is damage).
fn utf8_reading(bytes: &[u8]) -> Reading {
    let mut reading = decode_with(UTF_8, bytes);
    let text = &reading.decoded.text;
    if text.contains('\0') {
        let nuls = text.bytes().filter(|&b| b == 0).count();
        let runs = text
            .as_bytes()
            .windows(2)
            .filter(|w| w[0] != 0 && w[1] == 0)
            .count()
            + usize::from(text.starts_with('\0'));
        reading.decoded.text = text.replace('\0', "\u{FFFD}");
        reading.decoded.replaced += nuls;
        reading.spots += runs;
    }
    reading.well_formed = reading
        .decoded
        .text
        .chars()
        .filter(|&c| !c.is_ascii() && c != '\u{FFFD}')
        .count();
    reading
}

/// The encoding of bytes that are not UTF-8. Chinese sites serve GBK (decoded as its superset
/// GB18030, which also covers the characters GBK lacks) and Big5.
///
/// chardetng rules out an encoding at its first invalid sequence, so a GBK file with one bad
/// byte would come back as windows-1252 mojibake. When the guess is not a multi-byte encoding,
/// the detector is therefore asked again about the bytes with the sequences invalid in
/// GB18030 cut out (GB18030 accepts every well-formed GBK and Big5 pair, so this only removes
/// the damage), and its answer is taken if it now finds a multi-byte encoding.
fn detect(bytes: &[u8]) -> &'static Encoding {
    let guess = guess_encoding(bytes);
    if is_multibyte(guess) {
        return guess;
    }
    let repaired = guess_encoding(&without_invalid_sequences(GB18030, bytes));
    if is_multibyte(repaired) {
        repaired
    } else {
        guess
    }
}

fn guess_encoding(bytes: &[u8]) -> &'static Encoding {
    let prefix = &bytes[..bytes.len().min(DETECTOR_PREFIX)];
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(prefix, prefix.len() == bytes.len());
    let guess = detector.guess(None, Utf8Detection::Allow);
    if guess == encoding_rs::GBK {
        GB18030
    } else {
        guess
    }
}

fn is_multibyte(encoding: &'static Encoding) -> bool {
    !encoding.is_single_byte() && encoding != UTF_8
}

/// `bytes` with every sequence that is invalid in `encoding` removed: decoded, the
/// replacement characters dropped, and encoded again.
fn without_invalid_sequences(encoding: &'static Encoding, bytes: &[u8]) -> Vec<u8> {
    let prefix = &bytes[..bytes.len().min(DETECTOR_PREFIX)];
    let decoded = decode_with(encoding, prefix).decoded;
    let valid: String = decoded.text.chars().filter(|&c| c != '\u{FFFD}').collect();
    encoding.encode(&valid).0.into_owned()
}

/// UTF-16 without a byte-order mark, recognised by its NUL bytes sitting mostly on one parity
/// (the high byte of ASCII characters; a Chinese character such as U+4E00 puts a few on the
/// other). Accepted when it gives real text: no control characters (binary data decodes to
/// U+0000 and the like), and few replaced sequences (a lone surrogate, a truncated last byte),
/// which are counted like any other; otherwise the NULs mean a binary file.
fn bomless_utf16(bytes: &[u8]) -> Option<Decoded> {
    let nuls_at = |parity: usize| {
        bytes
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let encoding = if nuls_at(0) > nuls_at(1) {
        UTF_16BE
    } else {
        UTF_16LE
    };
    let reading = decode_with(encoding, bytes);
    let few_errors = reading.spots as f64 <= MAX_REPLACED_SHARE * reading.chars() as f64;
    let clean = few_errors && control_share(&reading.decoded.text) == 0.0;
    clean.then_some(reading.decoded)
}

/// Decode with one encoding (no BOM sniffing), replacing each invalid sequence by U+FFFD and
/// counting them and their spots. encoding_rs's one-shot API only says whether there were
/// errors; the count is what the user is told, so the streaming decoder is driven by hand.
fn decode_with(encoding: &'static Encoding, bytes: &[u8]) -> Reading {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len());
    let mut text = String::with_capacity(capacity);
    let (mut replaced, mut spots) = (0, 0);
    // Where the last replacement character ended: a sequence replaced right there is the same
    // damage spot.
    let mut spot_end = usize::MAX;
    let mut rest = bytes;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut text, true);
        rest = &rest[read..];
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::Malformed(_, _) => {
                replaced += 1;
                if text.len() != spot_end {
                    spots += 1;
                }
                text.push('\u{FFFD}');
                spot_end = text.len();
            }
            // Only when `text` is full: make room and go on. Each replacement needs three bytes.
            DecoderResult::OutputFull => text.reserve(rest.len().saturating_mul(3).max(16)),
        }
    }
    Reading {
        decoded: Decoded {
            text,
            encoding: encoding.name(),
            replaced,
        },
        spots,
        well_formed: 0,
    }
}

/// Refuse decodings that found no text (see the module doc); anything else passes, with a
/// whitespace-only file turned into the empty text so that the pipeline calls it empty.
fn check_is_text(decoded: Decoded) -> Result<Decoded, String> {
    let chars = decoded.text.chars().count().max(1);
    if decoded.text.contains('\0') {
        return Err("binary file (NUL bytes)".into());
    }
    if decoded.replaced as f64 > MAX_REPLACED_SHARE * chars as f64 {
        return Err(format!(
            "not text: {} of {} characters are invalid byte sequences in {}",
            decoded.replaced, chars, decoded.encoding
        ));
    }
    if control_share(&decoded.text) > MAX_CONTROL_SHARE {
        return Err("binary file (control characters)".into());
    }
    if decoded.text.trim().is_empty() {
        return Ok(Decoded {
            text: String::new(),
            ..decoded
        });
    }
    Ok(decoded)
}

/// The share of characters that are control characters no text file holds.
fn control_share(text: &str) -> f64 {
    // The control characters (`char::is_control`) are U+0000 to U+001F, U+007F and U+0080 to
    // U+009F: a byte below 0x20 or 0x7F, or 0xC2 followed by 0x80 to 0x9F in UTF-8 (0xC2 only
    // ever starts a character). Counted on the bytes, without decoding characters; the second
    // kind only in the rare text that holds a 0xC2 at all.
    let bytes = text.as_bytes();
    let is_control = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f;
    let ascii = count_bytes(bytes, is_control);
    let latin1 = if bytes.contains(&0xc2) {
        bytes
            .iter()
            .zip(bytes.iter().skip(1))
            .filter(|&(&lead, &next)| lead == 0xc2 && (0x80..=0x9f).contains(&next))
            .count()
    } else {
        0
    };
    let (total, control) = (text.chars().count(), ascii + latin1);
    if total == 0 {
        0.0
    } else {
        control as f64 / total as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_counted_on_the_bytes_as_on_the_characters() {
        for text in [
            "",
            "a\tb\n",
            "\x01\x7f\u{80}\u{9f}\u{a0}é中\x0c",
            "\u{85}文\u{1b}",
        ] {
            let chars = text.chars().count();
            let control = text
                .chars()
                .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c'))
                .count();
            let expected = if chars == 0 {
                0.0
            } else {
                control as f64 / chars as f64
            };
            assert_eq!(control_share(text), expected, "{text:?}");
        }
    }

    #[test]
    fn utf8_with_a_bom_loses_the_bom() {
        let d = decode_report("\u{FEFF}你好".as_bytes()).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding, d.replaced),
            ("你好", "UTF-8", 0)
        );
    }

    #[test]
    fn a_few_bad_bytes_in_utf8_are_replaced_and_counted() {
        let mut bytes = "这是一个很长的中文句子，里面有一个坏字节。"
            .as_bytes()
            .to_vec();
        bytes.insert(6, 0xff);
        let d = decode_report(&bytes).unwrap();
        assert_eq!((d.encoding, d.replaced), ("UTF-8", 1));
        assert!(d.text.contains('\u{FFFD}'));
    }

    #[test]
    fn a_file_of_bad_sequences_is_refused_with_a_count() {
        let err = decode_report(&[0xff, 0xfe, 0x00, 0x41, 0xc3]).unwrap_err();
        assert!(err.starts_with("not text: 1 of 2 characters"), "{err}");
    }

    #[test]
    fn nul_bytes_outside_utf16_mean_a_binary_file() {
        assert_eq!(
            decode(b"PK\x03\x04\x00\x00\x08\x00abc\x00\x00").unwrap_err(),
            "binary file (NUL bytes)"
        );
    }

    #[test]
    fn utf16_without_a_bom_is_recognised_by_its_nul_bytes() {
        let bytes: Vec<u8> = "Hi 你好\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let d = decode_report(&bytes).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("Hi 你好\n", "UTF-16LE"));
    }

    fn utf16le(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    #[test]
    fn one_nul_in_an_even_length_utf8_article_is_a_replaced_byte_not_utf16() {
        let mut text = "中美关系回暖。We hope relations warm up.\n".to_string();
        if text.len().is_multiple_of(2) {
            text.push('\n'); // with the NUL, an even length, as UTF-16 has
        }
        let mut bytes = text.as_bytes().to_vec();
        bytes.insert(9, 0);
        let d = decode_report(&bytes).unwrap();
        assert_eq!((d.encoding, d.replaced), ("UTF-8", 1));
        assert_eq!(d.text.replace('\u{FFFD}', ""), text);
    }

    #[test]
    fn a_short_article_with_overlong_sequences_stays_utf8() {
        let text = "我们期望中美关系回暖。从对抗到对话，美中关系是否将迎来转机？\n\n\
                    We hope relations warm up. From confrontation to dialogue.\n";
        let damaged = text.replace(". ", ".\u{1}").into_bytes();
        let damaged: Vec<u8> = damaged
            .iter()
            .flat_map(|&b| if b == 1 { vec![0xC0, 0xAE] } else { vec![b] })
            .collect();
        let d = decode_report(&damaged).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.replaced, 2, "each overlong sequence is two bad bytes");
        assert!(d.text.starts_with("我们期望中美关系回暖。"));
    }

    #[test]
    fn utf16_without_a_bom_with_a_lone_surrogate_is_decoded_and_counted() {
        let text = "一二三 Hi 你好\n".repeat(30) + "万";
        let mut bytes = utf16le(&text);
        bytes.extend([0x3D, 0xD8]); // a high surrogate with nothing after it
        bytes.extend(utf16le("\n"));
        let d = decode_report(&bytes).unwrap();
        assert_eq!((d.encoding, d.replaced), ("UTF-16LE", 1));
        assert!(d.text.starts_with("一二三 Hi 你好"));
    }

    #[test]
    fn chinese_utf16_with_nuls_on_both_parities_is_still_utf16() {
        // U+4E00 is 00 4E in UTF-16LE: a NUL on the other parity than ASCII's.
        let d = decode_report(&utf16le("一丁七万丈三上下\n")).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("一丁七万丈三上下\n", "UTF-16LE")
        );
    }

    #[test]
    fn control_characters_without_nul_mean_a_binary_file() {
        assert_eq!(
            decode(b"\x01\x02\x03\x04abc").unwrap_err(),
            "binary file (control characters)"
        );
    }

    #[test]
    fn a_declared_charset_is_honoured_before_guessing() {
        let (gbk, _, _) = encoding_rs::GBK.encode("<p>中美关系</p>");
        for head in [
            "<meta charset=\"gb2312\">",
            "<META http-equiv=Content-Type content='text/html; charset=GBK'>",
        ] {
            let mut bytes = head.as_bytes().to_vec();
            bytes.extend_from_slice(&gbk);
            let d = decode_report(&bytes).unwrap();
            assert_eq!((d.encoding, d.replaced), ("gb18030", 0), "{head}");
            assert!(d.text.ends_with("<p>中美关系</p>"));
        }
        let (big5, _, _) =
            encoding_rs::BIG5.encode("<?xml version='1.0' encoding='big5'?><p>關係</p>");
        assert_eq!(decode_report(&big5).unwrap().encoding, "Big5");
    }

    #[test]
    fn valid_utf8_wins_over_a_wrong_declaration() {
        let d = decode_report("<meta charset=gbk><p>中美关系</p>".as_bytes()).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(declared_encoding(b"<meta charset=utf-16>"), Some(UTF_8));
        assert_eq!(declared_encoding(b"<p>charset=gbk</p>"), None);
    }

    #[test]
    fn whitespace_only_is_the_empty_text() {
        assert_eq!(decode(b" \r\n\t \n").unwrap(), "");
        assert_eq!(decode(b"").unwrap(), "");
    }
}
