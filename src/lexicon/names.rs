//! Names: the pinyin of a Chinese name, as English spells it (习近平 → Xi Jinping, 叶文洁 →
//! Ye Wenjie, 白沐霖 → Bai Mulin).
//!
//! CC-CEDICT knows famous names only. A name is guessed where a common surname starts a word
//! the segmenter could not find in the dictionary (it fell back to single characters): the
//! surname and the one or two characters after it. Each guess offers three spellings — the
//! surname alone, the given name, and the whole name run together — since English text
//! writes "Ye", "Wenjie" and "Ye Wenjie". The English side needs nothing special: its words
//! are stemmed like any other, and so are these spellings.

use super::zh_words::ZhWord;
use pinyin::ToPinyin;
use std::sync::OnceLock;

/// The commonest Chinese surnames (about 85% of the population), simplified and traditional.
const SURNAMES: &str = "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖萧蕭田董袁潘于蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范金石廖贾賈夏韦韋付方白邹鄒孟熊秦邱江尹薛闫閻段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵万萬钱錢严嚴覃武戴莫孔向汤湯习習沙";

fn is_surname(word: &str) -> bool {
    // Asked of every one-character word: a binary search of the surnames, sorted once, rather
    // than a scan of the string.
    static SORTED: OnceLock<Vec<char>> = OnceLock::new();
    let sorted = SORTED.get_or_init(|| {
        let mut surnames: Vec<char> = SURNAMES.chars().collect();
        surnames.sort_unstable();
        surnames
    });
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if sorted.binary_search(&c).is_ok())
}

/// Plain pinyin of a string's characters, one syllable each (None for a character without).
fn syllables(text: &str) -> Option<Vec<&'static str>> {
    text.to_pinyin().map(|p| p.map(|p| p.plain())).collect()
}

/// A guessed name: its characters and its possible English spellings, lower case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    pub text: String,
    pub spellings: Vec<String>,
}

/// Names guessed in a segmented sentence: a surname standing alone followed by one or two
/// single characters the dictionary did not join into a word.
pub fn guess(words: &[ZhWord]) -> Vec<Name> {
    let mut names = Vec::new();
    for (k, w) in words.iter().enumerate() {
        if !is_surname(w.text) {
            continue;
        }
        let given: Vec<&str> = words[k + 1..]
            .iter()
            .take(2)
            .take_while(|g| g.text.chars().count() <= 2)
            .map(|g| g.text)
            .collect();
        let given = match given.as_slice() {
            [a, b] if a.chars().count() == 1 && b.chars().count() == 1 => format!("{a}{b}"),
            [a, ..] if a.chars().count() <= 2 => a.to_string(),
            _ => continue,
        };
        let (Some(sur), Some(giv)) = (syllables(w.text), syllables(&given)) else {
            continue;
        };
        let sur = sur.concat();
        let giv = giv.concat();
        names.push(Name {
            text: format!("{}{}", w.text, given),
            spellings: vec![sur.clone(), giv.clone(), format!("{sur}{giv}")],
        });
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::dictionary::dictionary;
    use crate::lexicon::zh_words::segment;

    fn names(text: &str) -> Vec<Name> {
        guess(&segment(dictionary(), text))
    }

    #[test]
    fn an_unknown_name_gets_its_pinyin_spellings() {
        let n = names("叶文洁说");
        assert!(
            n.iter()
                .any(|n| n.spellings == ["ye", "wenjie", "yewenjie"]),
            "{n:?}"
        );
    }

    #[test]
    fn traditional_characters_spell_the_same() {
        let n = names("葉文潔說");
        assert!(
            n.iter()
                .any(|n| n.spellings.contains(&"wenjie".to_string())),
            "{n:?}"
        );
    }

    #[test]
    fn a_surname_inside_a_word_is_not_a_name() {
        // 王国 "kingdom" is a dictionary word: 王 does not stand alone.
        assert!(names("这个王国很大").is_empty());
    }
}
