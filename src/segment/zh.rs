//! Chinese sentence splitting.
//!
//! Chinese marks sentence ends with dedicated full-width punctuation (。！？；…), so a scan for
//! those is both simple and accurate; there is no abbreviation problem as in English. The rules:
//!
//! * A sentence ends after a run of terminators (`。！？；…`, `｡`, and ASCII `! ? ;`), so that
//!   `……`, `！？` and `?!` each end one sentence rather than making empty ones.
//! * Closing quotes and brackets that directly follow the run belong to the sentence they close
//!   (`“我当然会。”` stays whole). As in Bertalign's splitter, we cut after 。！？ even inside a
//!   quotation: novels and news quote several sentences at once, and those need aligning too.
//! * ASCII `.` never ends a Chinese sentence: in Chinese text it appears in decimals (3.5),
//!   URLs and embedded English ("U.S. President"), not as a full stop.
//! * ASCII `! ? ;` end a sentence only when followed by the end, whitespace or Chinese text, so
//!   that "Yahoo!Japan", `a.php?id=3` and `&amp;` stay whole.
//!
//! Over-long pieces are then bounded (see `bound_length`), cut after a comma or space.

use super::bound_length;

/// The most characters a Chinese sentence may hold before it is cut by force.
pub const MAX_CHARS: usize = 1000;

/// Split one paragraph of Chinese into sentences, trimmed, none empty.
pub fn split(text: &str) -> Vec<String> {
    let mut sentences = Vec::new();
    let mut start = 0;
    for end in sentence_ends(text)
        .into_iter()
        .chain(std::iter::once(text.len()))
    {
        let pieces = bound_length(&text[start..end], MAX_CHARS, &[is_soft_break]);
        sentences.extend(pieces.into_iter().map(str::to_string));
        start = end;
    }
    sentences
}

/// Byte offsets at which `text` should be cut, in increasing order (the end is not included).
fn sentence_ends(text: &str) -> Vec<usize> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut quotes = AsciiQuotes::default();
    let mut ends = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_terminator(chars[i].1) {
            quotes.see(chars[i].1);
            i += 1;
            continue;
        }
        let run_end = end_of_terminator_run(&chars, i);
        let close_end = end_of_closers(&chars, run_end, &mut quotes);
        let only_ascii = chars[i..run_end].iter().all(|&(_, c)| c.is_ascii());
        let next = chars.get(close_end).map(|&(_, c)| c);
        if !only_ascii || ascii_end_is_real(next) {
            ends.push(chars.get(close_end).map_or(text.len(), |&(b, _)| b));
        }
        i = close_end;
    }
    ends
}

/// Index just past the run of terminators starting at `i`.
fn end_of_terminator_run(chars: &[(usize, char)], mut i: usize) -> usize {
    while i < chars.len() && is_terminator(chars[i].1) {
        i += 1;
    }
    i
}

/// Index just past the closing quotes and brackets starting at `i`.
fn end_of_closers(chars: &[(usize, char)], mut i: usize, quotes: &mut AsciiQuotes) -> usize {
    while i < chars.len() && (is_closer(chars[i].1) || quotes.closes(chars[i].1)) {
        quotes.see(chars[i].1);
        i += 1;
    }
    i
}

/// ASCII `! ? ;` end a sentence only before the end, whitespace or Chinese text.
fn ascii_end_is_real(next: Option<char>) -> bool {
    next.is_none_or(|c| c.is_whitespace() || is_cjk(c))
}

fn is_terminator(c: char) -> bool {
    matches!(c, '。' | '｡' | '！' | '？' | '；' | '…' | '!' | '?' | ';')
}

/// Closers that are never openers. ASCII quotes are handled by [`AsciiQuotes`].
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '》' | '】' | '〉' | '〕' | '］' | ']'
    )
}

/// Where a very long piece may preferably be cut: after a comma or enumeration comma, or at a
/// space.
fn is_soft_break(c: char) -> bool {
    matches!(c, '，' | '、' | ',') || c.is_whitespace()
}

/// Chinese text (and the full-width punctuation and curly quotes that go with it).
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2FDF}'      // radicals
        | '\u{3000}'..='\u{303F}'    // CJK symbols and punctuation
        | '\u{3400}'..='\u{4DBF}'    // extension A
        | '\u{4E00}'..='\u{9FFF}'    // unified ideographs
        | '\u{F900}'..='\u{FAFF}'    // compatibility ideographs
        | '\u{FF00}'..='\u{FFEF}'    // full-width forms
        | '\u{20000}'..='\u{2FA1F}'  // supplementary ideographs
        | '“' | '‘')
}

/// ASCII `"` and `'` both open and close, so whether one after a terminator closes the
/// sentence depends on whether a quote of that kind is open. We track that by parity; an
/// apostrophe in embedded English ("don't") can flip the parity of `'`, which at worst leaves a
/// stray `'` at the start of the next sentence.
#[derive(Default)]
struct AsciiQuotes {
    double: usize,
    single: usize,
}

impl AsciiQuotes {
    fn see(&mut self, c: char) {
        match c {
            '"' => self.double += 1,
            '\'' => self.single += 1,
            _ => {}
        }
    }

    fn closes(&self, c: char) -> bool {
        match c {
            '"' => self.double % 2 == 1,
            '\'' => self.single % 2 == 1,
            _ => false,
        }
    }
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
    fn full_stops_exclamations_and_questions_end_sentences() {
        check(
            "他来了。她走了！你呢？",
            &["他来了。", "她走了！", "你呢？"],
        );
    }

    #[test]
    fn semicolons_end_sentences() {
        check(
            "一是降低关税；二是扩大进口。",
            &["一是降低关税；", "二是扩大进口。"],
        );
    }

    #[test]
    fn an_ellipsis_pair_is_one_end() {
        check("我……我不知道。", &["我……", "我不知道。"]);
    }

    #[test]
    fn mixed_runs_of_terminators_are_one_end() {
        check(
            "真的吗？！不会吧?!好吧。",
            &["真的吗？！", "不会吧?!", "好吧。"],
        );
    }

    #[test]
    fn a_closing_quote_stays_with_the_sentence_it_closes() {
        check(
            "他说：“我当然会。”随后亲赴中国。",
            &["他说：“我当然会。”", "随后亲赴中国。"],
        );
    }

    #[test]
    fn a_quote_mid_sentence_is_not_an_end() {
        check(
            "特朗普说“我当然会”亲赴中国。",
            &["特朗普说“我当然会”亲赴中国。"],
        );
    }

    #[test]
    fn quoted_dialogue_of_several_sentences_is_split_inside_the_quotes() {
        check(
            "“你来了。他们都在等你。快进去吧！”她说。",
            &["“你来了。", "他们都在等你。", "快进去吧！”", "她说。"],
        );
    }

    #[test]
    fn question_and_corner_quotes_close_together() {
        check(
            "「你去哪？」『回家。』他答。",
            &["「你去哪？」", "『回家。』", "他答。"],
        );
    }

    #[test]
    fn brackets_and_title_marks_stay_with_the_sentence() {
        check(
            "（全文完。）见《人民日报。》下一句。",
            &["（全文完。）", "见《人民日报。》", "下一句。"],
        );
    }

    #[test]
    fn an_ascii_double_quote_closes_only_when_one_is_open() {
        check("他说:\"好。\"然后走了。", &["他说:\"好。\"", "然后走了。"]);
        check(
            "第一句。\"第二句\"很短。",
            &["第一句。", "\"第二句\"很短。"],
        );
    }

    #[test]
    fn ascii_full_stop_is_never_an_end() {
        check(
            "经济增长3.5%，U.S. President特朗普表示满意。",
            &["经济增长3.5%，U.S. President特朗普表示满意。"],
        );
    }

    #[test]
    fn ascii_exclamation_and_question_end_before_chinese_space_or_end() {
        check("他喊Go!大家都跑了。", &["他喊Go!", "大家都跑了。"]);
        check("真的? 是的!", &["真的?", "是的!"]);
    }

    #[test]
    fn ascii_exclamation_and_question_inside_latin_text_are_not_ends() {
        check(
            "访问Yahoo!Japan或a.php?id=3查看。",
            &["访问Yahoo!Japan或a.php?id=3查看。"],
        );
    }

    #[test]
    fn a_heading_without_punctuation_is_one_sentence() {
        check("  中美元首通电话  ", &["中美元首通电话"]);
    }

    #[test]
    fn whitespace_between_sentences_is_trimmed_and_empty_input_gives_nothing() {
        check("第一句。   第二句。  ", &["第一句。", "第二句。"]);
        check("   ", &[]);
    }

    #[test]
    fn a_long_unpunctuated_run_is_cut_after_commas_into_bounded_pieces() {
        let clause = format!("{}，", "字".repeat(99));
        let text = clause.repeat(25);
        let got = split(&text);
        assert_eq!(got.len(), 3);
        assert!(got
            .iter()
            .all(|s| s.chars().count() <= MAX_CHARS && s.ends_with('，')));
        assert_keeps_every_character(&text, &got);
    }

    #[test]
    fn a_huge_run_without_any_break_is_cut_in_linear_time() {
        let text = "字".repeat(2_000_000);
        let started = std::time::Instant::now();
        let got = split(&text);
        assert_eq!(got.len(), 2000);
        assert!(
            started.elapsed().as_secs() < 5,
            "took {:?}",
            started.elapsed()
        );
    }

    #[test]
    fn splitting_never_loses_or_repeats_text() {
        for text in [
            "2025年6月5日，特朗普与习近平通电话。双方同意继续磋商！“会谈取得进展吗？”记者问道。",
            "“我当然会”亲赴中国……他说；随后？！",
            "  U.S.-China 贸易额增长3.5%。 Mr. Trump said “yes!”他笑了 ",
            "」」。。！",
            "",
        ] {
            assert_keeps_every_character(text, &split(text));
        }
    }
}
