//! Issue 5, encodings: every encoding a scraped Chinese–English corpus holds is read back to the
//! same text, bad bytes are counted rather than fatal, and non-text is refused with a reason.
//!
//! Fixture bytes are made here with encoding_rs rather than stored as binary files, so each
//! test shows exactly what the input is.

use encoding_rs::{Encoding, BIG5, GB18030, GBK, UTF_16BE, UTF_16LE};
use zhen_align::ingest::clean::paragraphs;
use zhen_align::ingest::decode::{decode, decode_report};
use zhen_align::pipeline::process_article;

/// Simplified Chinese news text, as served by mainland sites in GBK or GB18030.
const SIMPLIFIED: &str = "2025年9月19日，中国国家主席习近平与美国总统通话，围绕中美关系及国际热点议题进行坦诚、深入交流。\
这次高层互动不仅展现出双方维护战略沟通的意愿，也为年底在亚太经合组织峰会上的会晤铺路。\
习近平在通话中明确指出，中美应避免采取单方面贸易限制措施，以免对全球产业链和供应链造成冲击。\n\
China and the United States agreed to keep talking about trade.\n";

/// Traditional Chinese, as served by Taiwanese and Hong Kong sites in Big5.
const TRADITIONAL: &str = "中華民國總統今日在臺北發表談話，表示政府將持續推動經濟發展與區域和平。\
他強調，臺灣願意與國際社會合作，共同面對氣候變遷與供應鏈重組帶來的挑戰。\
行政院也宣布，明年將增加教育與醫療預算，以照顧更多家庭。\n\
The president spoke in Taipei today about the economy.\n";

/// `text` in `encoding`, asserting that every character could be encoded (encoding_rs would
/// otherwise silently write HTML numeric references).
fn encode(text: &str, encoding: &'static Encoding) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(
        !unmappable,
        "fixture text not representable in {}",
        encoding.name()
    );
    bytes.into_owned()
}

fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut bytes = if little_endian {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        bytes.extend(if little_endian {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    bytes
}

fn assert_decodes_to(bytes: &[u8], text: &str, encoding: &str) {
    let d = decode_report(bytes).unwrap_or_else(|e| panic!("{encoding} refused: {e}"));
    assert_eq!(d.text, text, "{encoding} decoded wrongly");
    assert_eq!(d.encoding, encoding);
    assert_eq!(d.replaced, 0);
}

#[test]
fn utf8_without_a_bom_is_read_as_is() {
    assert_decodes_to(SIMPLIFIED.as_bytes(), SIMPLIFIED, "UTF-8");
}

#[test]
fn utf8_with_a_bom_is_read_without_the_bom() {
    let bytes = [b"\xEF\xBB\xBF".as_slice(), SIMPLIFIED.as_bytes()].concat();
    assert_decodes_to(&bytes, SIMPLIFIED, "UTF-8");
}

#[test]
fn utf16_little_endian_with_a_bom_is_decoded() {
    assert_decodes_to(&utf16(SIMPLIFIED, true), SIMPLIFIED, UTF_16LE.name());
}

#[test]
fn utf16_big_endian_with_a_bom_is_decoded() {
    assert_decodes_to(&utf16(TRADITIONAL, false), TRADITIONAL, UTF_16BE.name());
}

#[test]
fn gbk_is_detected_and_decoded() {
    // GBK is decoded as its superset GB18030, which reads every GBK byte sequence the same.
    assert_decodes_to(&encode(SIMPLIFIED, GBK), SIMPLIFIED, GB18030.name());
}

#[test]
fn gb18030_is_detected_and_decoded() {
    assert_decodes_to(&encode(SIMPLIFIED, GB18030), SIMPLIFIED, GB18030.name());
}

#[test]
fn big5_is_detected_and_decoded() {
    assert_decodes_to(&encode(TRADITIONAL, BIG5), TRADITIONAL, BIG5.name());
}

#[test]
fn a_gbk_article_aligns_exactly_like_its_utf8_original() {
    let article = std::fs::read_to_string("seeds/000_7e17bcff3271070b.txt").unwrap();
    let (gbk, _, unmappable) = GB18030.encode(&article);
    assert!(!unmappable);
    let decoded = decode(&gbk).unwrap();
    assert_eq!(decoded, article);
    assert_eq!(
        process_article(&decoded).pairs,
        process_article(&article).pairs
    );
}

#[test]
fn a_few_invalid_bytes_in_utf8_are_replaced_and_counted_not_fatal() {
    // Inserted between characters, so that each makes exactly one invalid sequence.
    let (a, b) = (
        SIMPLIFIED.find('中').unwrap(),
        SIMPLIFIED.find('美').unwrap(),
    );
    let mut bytes = SIMPLIFIED.as_bytes().to_vec();
    bytes.insert(b, 0xFF); // a byte that never occurs in UTF-8
    bytes.insert(a, 0xE4); // a lead byte without its continuations
    let d = decode_report(&bytes).unwrap();
    assert_eq!((d.encoding, d.replaced), ("UTF-8", 2));
    assert_eq!(d.text.matches('\u{FFFD}').count(), 2);
}

#[test]
fn invalid_sequences_in_a_legacy_encoding_are_counted_too() {
    let mut bytes = encode(SIMPLIFIED, GBK);
    bytes.insert(bytes.len() / 2, 0xFF); // never valid in GBK
    bytes.push(0x81); // a lead byte cut off by the end of the file
    let d = decode_report(&bytes).unwrap();
    assert_eq!((d.encoding, d.replaced), ("gb18030", 2));
    assert!(d.text.starts_with("2025年9月19日，中国国家主席"));
}

#[test]
fn a_damaged_big5_file_is_still_read_as_big5() {
    let mut bytes = encode(TRADITIONAL, BIG5);
    bytes.push(0xA4); // a lead byte cut off by the end of the file
    let d = decode_report(&bytes).unwrap();
    assert_eq!((d.encoding, d.replaced), ("Big5", 1));
    assert!(d.text.starts_with("中華民國總統"));
}

#[test]
fn a_truncated_utf16_file_loses_only_its_last_byte() {
    let mut bytes = utf16(SIMPLIFIED, true);
    bytes.pop();
    let d = decode_report(&bytes).unwrap();
    assert_eq!(d.replaced, 1);
    assert!(d.text.starts_with("2025年"));
}

#[test]
fn nul_bytes_outside_text_mean_a_binary_file_skipped_with_that_reason() {
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00";
    assert_eq!(decode(png).unwrap_err(), "binary file (NUL bytes)");
    // A stray NUL in UTF-8 text is damage, replaced and counted like a bad byte (issue 12).
    let text_with_a_nul = [SIMPLIFIED.as_bytes(), b"\x00", SIMPLIFIED.as_bytes()].concat();
    let d = decode_report(&text_with_a_nul).unwrap();
    assert_eq!((d.encoding, d.replaced), ("UTF-8", 1));
    assert_eq!(d.text, format!("{SIMPLIFIED}\u{FFFD}{SIMPLIFIED}"));
}

#[test]
fn random_binary_without_nul_is_refused_not_decoded_into_garbage_rows() {
    // Bytes below 0x20 dominate: an executable header or a compressed stream, not text.
    let bytes: Vec<u8> = (0u32..4000).map(|i| ((i * 7919) % 31 + 1) as u8).collect();
    let err = decode(&bytes).unwrap_err();
    assert!(err.starts_with("binary file"), "{err}");
}

#[test]
fn empty_and_whitespace_only_files_are_the_empty_text() {
    assert_eq!(decode(b"").unwrap(), "");
    assert_eq!(decode(b"  \n\r\n\t\n").unwrap(), "");
    assert_eq!(decode("\u{FEFF}".as_bytes()).unwrap(), "");
    assert_eq!(decode(&utf16(" \r\n", true)).unwrap(), "");
    assert!(process_article("").summary().contains("empty"));
}

#[test]
fn crlf_and_lone_cr_line_endings_give_the_same_paragraphs_as_lf() {
    let lf = std::fs::read_to_string("seeds/001_5104d3bfebe09562.txt").unwrap();
    let crlf = lf.replace('\n', "\r\n");
    let cr = lf.replace('\n', "\r");
    assert_eq!(paragraphs(&crlf), paragraphs(&lf));
    assert_eq!(paragraphs(&cr), paragraphs(&lf));
    let pairs = process_article(&lf).pairs;
    assert!(!pairs.is_empty());
    assert_eq!(process_article(&crlf).pairs, pairs);
    assert_eq!(process_article(&cr).pairs, pairs);
}
