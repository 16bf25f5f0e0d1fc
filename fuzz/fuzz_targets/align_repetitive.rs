//! Repetitive and templated documents (issue 12): one paragraph repeated with a number that
//! changes (第3段 / Paragraph 3), as lists, tables, legal clauses and templated pages are. The
//! input picks the template (translated pairs built in, or text taken from the input itself),
//! how often it repeats (up to 395 paragraphs, past the size where the band replaces the whole
//! grid), how the numbers are written or whether there are any, and paragraphs dropped or
//! doubled on one side.
//!
//! Whatever the input: every sentence in exactly one link, in order, finite scores in [0, 1],
//! and the memory bound of `align::budget` holds for the sizes made. For a clean repetition of a
//! built-in template with distinct numbers (nothing dropped or doubled), at least nine in ten
//! sentences must be linked to something: such documents once lost every pair.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zhen_align::align::{align, budget};
use zhen_align::model::{alignment_fault, Sentence};

/// Translated paragraphs of one to three sentences: (Chinese, English).
const TEMPLATES: &[(&[&str], &[&str])] = &[
    (
        &["我们期望中美关系回暖。", "从对抗到对话，美中关系是否将迎来转机？"],
        &["We hope China-US relations warm up.", "From confrontation to dialogue, will relations turn a corner?"],
    ),
    (
        &["本合同自双方签字之日起生效。"],
        &["This contract takes effect on the date both parties sign it."],
    ),
    (
        &["价格：", "每吨人民币五百元。", "交货期限为三十天。"],
        &["Price:", "500 yuan per tonne.", "Delivery within 30 days."],
    ),
    (
        &["返回首页", "版权所有，不得转载。"],
        &["Back to home page", "All rights reserved; no reproduction."],
    ),
];

/// A number in Chinese numerals (up to 9999), as 第二十一条 writes it.
fn chinese_numeral(mut k: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    if k == 0 {
        return DIGITS[0].into();
    }
    let mut out = String::new();
    let mut zero = false;
    for (unit, name) in [(1000, "千"), (100, "百"), (10, "十"), (1, "")] {
        let d = k / unit;
        k %= unit;
        if d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push_str(DIGITS[0]);
            zero = false;
        }
        if !(unit == 10 && d == 1 && out.is_empty()) {
            out.push_str(DIGITS[d]);
        }
        out.push_str(name);
    }
    out
}

/// Reads the fuzzer's bytes as choices, then as text.
struct Choices<'a>(&'a [u8]);

impl Choices<'_> {
    fn byte(&mut self) -> u8 {
        let (&b, rest) = self.0.split_first().unwrap_or((&0, &[]));
        self.0 = rest;
        b
    }
}

/// The number line of paragraph `k` on each side, by the style chosen (None: no numbers).
fn numbers(style: u8, k: usize) -> Option<(String, String)> {
    Some(match style % 5 {
        0 => return None,
        1 => (format!("（第{k}段）"), format!("(Paragraph {k}.)")),
        2 => (format!("第{}条", chinese_numeral(k)), format!("Article {k}")),
        3 => (format!("{k}."), format!("{k}.")),
        // Numbering that restarts: the same numbers recur every ten paragraphs.
        _ => (format!("第{}页", k % 10), format!("Page {}", k % 10)),
    })
}

fuzz_target!(|data: &[u8]| {
    let mut c = Choices(data);
    let template = c.byte();
    // Mostly short documents, searched whole and fast; a fifth past 1,000 sentences a side,
    // where the anchor band, its widening and its bound are used.
    let count = match c.byte() {
        b @ 0..=199 => b as usize % 50,
        b => 340 + (b as usize - 200),
    };
    let style = c.byte();
    let number_first = c.byte() % 2 == 0;
    let edits: Vec<u8> = (0..4).map(|_| c.byte()).collect();
    let text = String::from_utf8_lossy(c.0);
    // A built-in template, or the input's own text: Chinese before a newline, English after,
    // sentences split at '|'.
    let own;
    let (zh_t, en_t): (Vec<&str>, Vec<&str>) = match TEMPLATES.get(template as usize % 8) {
        Some((zh, en)) => (zh.to_vec(), en.to_vec()),
        None => {
            own = text.split_once('\n').unwrap_or((&text, ""));
            (own.0.split('|').take(4).collect(), own.1.split('|').take(4).collect())
        }
    };
    let built_in = (template as usize % 8) < TEMPLATES.len();
    // Edits: a paragraph dropped from (even byte) or doubled on (odd) one side.
    let edited = |k: usize, side: u8| -> usize {
        let mut copies = 1;
        for pair in edits.chunks(2) {
            if pair[0] as usize % count.max(1) == k && pair[1] % 2 == side {
                copies = if pair[1] % 4 < 2 { 0 } else { 2 };
            }
        }
        copies
    };
    let mut zh = Vec::new();
    let mut en = Vec::new();
    let mut changed = false;
    for k in 0..count {
        let number = numbers(style, k);
        for (side, (out, template)) in [(&mut zh, &zh_t), (&mut en, &en_t)].into_iter().enumerate() {
            let copies = edited(k, side as u8);
            changed |= copies != 1;
            for _ in 0..copies {
                let paragraph = out.last().map_or(0, |s: &Sentence| s.paragraph + 1);
                let mut sentences: Vec<String> = template.iter().map(|s| s.to_string()).collect();
                if let Some((z, e)) = &number {
                    let line = if side == 0 { z.clone() } else { e.clone() };
                    if number_first {
                        sentences.insert(0, line);
                    } else {
                        sentences.push(line);
                    }
                }
                out.extend(sentences.into_iter().map(|s| Sentence::new(s, paragraph)));
            }
        }
    }
    assert!(budget::memory_bound(zh.len(), en.len()) < 1 << 30);
    let links = align(&zh, &en);
    if let Some(fault) = alignment_fault(&links, zh.len(), en.len()) {
        panic!("{fault}");
    }
    for l in &links {
        assert!(l.score.is_finite() && (0.0..=1.0).contains(&l.score), "score {}", l.score);
    }
    let clean = built_in && style % 5 != 4 && !changed;
    if clean && count > 0 {
        let linked: usize = links
            .iter()
            .filter(|l| !l.zh.is_empty() && !l.en.is_empty())
            .map(|l| l.zh.len() + l.en.len())
            .sum();
        assert!(
            linked * 10 >= (zh.len() + en.len()) * 9,
            "{linked} of {} sentences linked",
            zh.len() + en.len()
        );
    }
});
