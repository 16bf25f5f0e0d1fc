//! Paragraphs made article text: lines that are not article text go, and a paragraph that
//! changes language is cut where it does.
//!
//! - **End marks and symbol lines**: ■, ●, ★ and the like at either end of a paragraph are
//!   dropped, and a paragraph of nothing else goes (`■ | ■` was paired with itself).
//! - **Vocabulary lines** of learner pages — an English headword of a few words, perhaps a part
//!   of speech or a pronunciation, then a short Chinese gloss (`stopgap 权宜之计`,
//!   `stopgap n. 权宜之计`) — go: they are a glossary, not the article's sentences.
//! - **Banners**: a line wholly in 【】, 〖〗, ［］ or [ ], or framed by rules (`—— 完 ——`,
//!   `=== Vocabulary ===`), goes.
//! - **Language changes**: a paragraph whose pieces (sentences, a bracketed part, the parts of a
//!   title split by `|`) are each plainly in one language, with both languages present, is cut
//!   where the language changes, each part a paragraph of its own: alternating sentences, and
//!   title lines such as 「领导者 | 核威慑 (Leaders | Nuclear deterrence)」. A piece that mixes the
//!   scripts (a Chinese sentence naming TikTok, an English one naming 习近平) changes nothing.

use crate::model::script::{classify, count_scripts, is_han, LATIN_PER_HAN};
use crate::model::Lang;

/// The article text of cleaned paragraphs.
pub fn article_lines(paragraphs: Vec<String>) -> Vec<String> {
    let mut out = Vec::with_capacity(paragraphs.len());
    for paragraph in paragraphs {
        let line = strip_symbols(&paragraph);
        if line.is_empty() || is_vocabulary(line) || is_banner(line) {
            continue;
        }
        out.extend(by_language(line));
    }
    out
}

/// Geometric shapes, dingbats, stars and other pictographs that mark ends and bullets.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x2190..=0x21FF | 0x2500..=0x27BF | 0x2B00..=0x2BFF | 0x1F300..=0x1FAFF)
        || matches!(c, '※' | '〇' | '◎' | '•' | '·')
}

fn strip_symbols(text: &str) -> &str {
    text.trim_matches(|c: char| is_mark(c) || c.is_whitespace())
}

/// `stopgap 权宜之计`: English first (at most four words, besides a part of speech or a
/// pronunciation, starting in lower case as dictionary headwords do, so that a heading such
/// as "TikTok 问题释放善意" stays), then at most twelve Chinese characters with no sentence
/// punctuation.
fn is_vocabulary(line: &str) -> bool {
    let Some(han_at) = line.find(is_han) else {
        return false;
    };
    let (english, chinese) = line.split_at(han_at);
    let gloss_ok = count_scripts(chinese).latin == 0
        && chinese.chars().filter(|&c| is_han(c)).count() <= 12
        && !chinese.contains(['。', '！', '？', '!', '?', '|', '｜']);
    let words: Vec<&str> = english
        .split_whitespace()
        .filter(|w| !is_part_of_speech(w) && !w.starts_with(['/', '[']))
        .collect();
    let headword_ok = (1..=4).contains(&words.len())
        && words[0].starts_with(|c: char| c.is_ascii_lowercase())
        && words.iter().all(|w| {
            w.chars()
                .all(|c| c.is_ascii_alphabetic() || "'-:,;".contains(c))
        });
    gloss_ok && headword_ok
}

fn is_part_of_speech(word: &str) -> bool {
    matches!(
        word,
        "n." | "v."
            | "vt."
            | "vi."
            | "adj."
            | "adv."
            | "prep."
            | "conj."
            | "pron."
            | "phr."
            | "abbr."
    )
}

fn is_banner(line: &str) -> bool {
    let framed = [('【', '】'), ('〖', '〗'), ('［', '］'), ('[', ']')]
        .iter()
        .any(|&(open, close)| {
            line.starts_with(open)
                && line.ends_with(close)
                && line[open.len_utf8()..line.len() - close.len_utf8()]
                    .chars()
                    .all(|c| c != open && c != close)
        });
    let rule = |s: &str| s.chars().take_while(|c| "—-=~*_·•".contains(*c)).count() >= 2;
    let ruled = rule(line) && rule(&line.chars().rev().collect::<String>());
    framed || ruled
}

/// The language of a piece when it is plainly one: the other script at most a quarter of it.
fn plain_language(piece: &str) -> Option<Lang> {
    let counts = count_scripts(piece);
    let (han, latin) = (counts.han as f64 * LATIN_PER_HAN, counts.latin as f64);
    let lang = classify(piece)?;
    let (major, minor) = if lang == Lang::Zh {
        (han, latin)
    } else {
        (latin, han)
    };
    (minor <= major / 4.0).then_some(lang)
}

/// Where a paragraph may change language: after a sentence end, before an opening bracket that
/// follows a space or a Chinese sentence end, and around ` | `.
fn cut_points(text: &str) -> Vec<usize> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut cuts = Vec::new();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let next = chars.get(k + 1).map(|&(_, n)| n);
        let end = i + c.len_utf8();
        match c {
            '。' | '！' | '？' | '；' if !next.is_some_and(|n| "”」』）)\"'".contains(n)) => {
                cuts.push(end)
            }
            '”' | '」' | '』' if k > 0 && "。！？".contains(chars[k - 1].1) => {
                cuts.push(end)
            }
            '.' | '!' | '?' if next.is_some_and(char::is_whitespace) => cuts.push(end),
            '(' | '（'
                if k > 0
                    && (chars[k - 1].1.is_whitespace() || "。！？".contains(chars[k - 1].1)) =>
            {
                cuts.push(i)
            }
            '|' | '｜' => {
                cuts.push(i);
                cuts.push(end);
            }
            _ => {}
        }
    }
    cuts
}

/// The paragraph cut where its language changes (see the module doc), or the paragraph.
fn by_language(text: &str) -> Vec<String> {
    let mut bounds = cut_points(text);
    bounds.insert(0, 0);
    bounds.push(text.len());
    bounds.dedup();
    // Runs of pieces in one language: (start, end, language).
    let mut runs: Vec<(usize, usize, Lang)> = Vec::new();
    let mut pending_start = None;
    for w in bounds.windows(2) {
        let (start, end) = (w[0], w[1]);
        match (plain_language(&text[start..end]), runs.last_mut()) {
            (Some(lang), Some(last)) if last.2 == lang => last.1 = end,
            (Some(lang), _) => {
                runs.push((pending_start.take().unwrap_or(start), end, lang));
            }
            (None, Some(last)) => last.1 = end,
            (None, None) => {
                pending_start.get_or_insert(start);
            }
        }
    }
    let substantial = |&(s, e, _): &(usize, usize, Lang)| {
        let c = count_scripts(&text[s..e]);
        c.han as f64 * LATIN_PER_HAN + c.latin as f64 >= 6.0
    };
    let langs = runs.iter().filter(|r| substantial(r)).map(|r| r.2);
    let both = langs.clone().any(|l| l == Lang::Zh) && langs.clone().any(|l| l == Lang::En);
    if runs.len() < 2 || !both || !runs.iter().all(substantial) {
        return vec![text.to_string()];
    }
    runs.iter()
        .map(|&(s, e, _)| {
            unbracket(text[s..e].trim_matches(|c: char| c.is_whitespace() || c == '|' || c == '｜'))
        })
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// `(Leaders | Nuclear deterrence)` → `Leaders | Nuclear deterrence`: a part wholly in
/// brackets was only set apart from the other language.
fn unbracket(part: &str) -> &str {
    for (open, close) in [('(', ')'), ('（', '）')] {
        if let Some(inner) = part.strip_prefix(open).and_then(|p| p.strip_suffix(close)) {
            if !inner.contains([open, close]) {
                return inner.trim();
            }
        }
    }
    part
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(texts: &[&str]) -> Vec<String> {
        article_lines(texts.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn bilingual_title_lines_are_cut_where_the_language_changes() {
        assert_eq!(
            lines(&["领导者 | 核威慑 (Leaders | Nuclear deterrence)"]),
            ["领导者 | 核威慑", "Leaders | Nuclear deterrence"]
        );
        assert_eq!(
            lines(&["阿尔迪超市能征服美国吗？ (Could Aldi's conquer America?)"]),
            ["阿尔迪超市能征服美国吗？", "Could Aldi's conquer America?"]
        );
    }

    #[test]
    fn alternating_sentences_are_cut() {
        assert_eq!(
            lines(&["我们期望中美关系回暖。We hope relations warm up. 双方同意继续磋商。Both sides agreed to keep talking."]),
            ["我们期望中美关系回暖。", "We hope relations warm up.", "双方同意继续磋商。", "Both sides agreed to keep talking."]
        );
    }

    #[test]
    fn mixed_sentences_stay_whole() {
        for text in [
            "TikTok 问题释放善意。特朗普说他喜欢这个应用。",
            "Chinese President Xi Jinping (习近平) held a phone call with Donald Trump.",
            "曾在奧巴馬政府任職的科技投資人許凱文(Kevin Xu)表示，這是好事。",
        ] {
            assert_eq!(lines(&[text]), [text]);
        }
    }

    #[test]
    fn marks_vocabulary_and_banners_are_not_article_text() {
        assert_eq!(
            lines(&[
                "■",
                "全文完。■",
                "stopgap 权宜之计",
                "deterrence n. 威慑",
                "【双语新闻】",
                "—— 完 ——",
                "=== Vocabulary ==="
            ]),
            ["全文完。"]
        );
        // A sentence with a Chinese gloss, or a gloss with a sentence, is no vocabulary line.
        assert_eq!(
            lines(&["The stopgap measure 权宜之计 was adopted."]).len(),
            1
        );
    }
}
