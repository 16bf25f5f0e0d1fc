//! Main content only: jusText's block classification (Pomikálek, *Removing Boilerplate and
//! Duplicate Content from Web Corpora*, 2011), with a Chinese notion of length and stop words.
//!
//! Each block of a page ([`super::html::Block`]) is first classified on its own:
//! - **bad** when more than a fifth of its text is link text (menus, related lists, tag
//!   clouds, breadcrumbs) or it carries a copyright sign;
//! - **short** (undecided) when it is under `LENGTH_LOW` long, or **bad** if such a short block
//!   has any link in it;
//! - otherwise by its stop-word density, the share of its words that are function words: prose
//!   is full of them, lists of names, labels and headlines are not — **good** (dense and longer
//!   than `LENGTH_HIGH`), **near-good** (dense), or **bad**.
//!
//! Then by context: a short or near-good block between good ones is good, between bad ones bad;
//! a heading shortly before good text is good. So short article paragraphs ("Yes, he said.")
//! and headings are kept inside the article, and short lines of the template around it go.
//!
//! Length counts a Chinese character as `CHARS_PER_HAN` characters, so the thresholds mean the
//! same amount of text in both languages. Chinese has no spaces to
//! find words by, so its stop-word density is the share of Han characters that are function
//! characters (的, 了, 是, 在, 和, 这, 也, …, in both scripts): a menu of 首页 新闻 财经 has none, news
//! prose about a fifth.

use super::html::Block;
use crate::lexicon::en_words::is_stop_word;
use crate::model::script::{classify, is_han};
use crate::model::Lang;

/// English characters, spaces and punctuation included, per Chinese character of the same
/// text: measured 4.0 on the test article (tests/data/web), 4.7 on MAC-Dev and on the Bible.
/// The lower, news figure is taken, so that news paragraphs are not made to look longer than
/// they are. (`LATIN_PER_HAN`, 3, counts letters only.)
const CHARS_PER_HAN: f64 = 4.0;

/// jusText's defaults, in characters (a Chinese character counting `CHARS_PER_HAN`).
const LENGTH_LOW: f64 = 70.0;
const LENGTH_HIGH: f64 = 200.0;
const MAX_LINK_DENSITY: f64 = 0.2;
/// How far (in characters of its own language) a heading may stand before good text and
/// still be kept.
const MAX_HEADING_DISTANCE: f64 = 200.0;

/// Stop-word densities (low: near-good, high: good). jusText uses 0.30 and 0.32 with its own
/// English list of about 300 words; this crate's list (`lexicon/stopwords.txt`) is shorter,
/// so the bounds are set below where its densities put English prose: on the seeds' English
/// paragraphs over 200 characters the fifth percentile is 0.31, on MAC-Dev's and the Bible's
/// text 0.37 and 0.41.
const EN_STOPWORDS_LOW: f64 = 0.25;
const EN_STOPWORDS_HIGH: f64 = 0.28;
/// The same for Chinese function characters: the fifth percentile is 0.16 on the seeds' Chinese
/// paragraphs over 200 characters (a Han character counted 3), 0.22 on MAC-Dev, 0.26 on the
/// Bible.
const ZH_STOPWORDS_LOW: f64 = 0.10;
const ZH_STOPWORDS_HIGH: f64 = 0.12;

/// Function characters of Chinese, simplified and traditional: particles, pronouns,
/// prepositions, conjunctions, auxiliaries and the commonest adverbs and measure words.
const ZH_FUNCTION_CHARS: &str = "的了是在不和有这這也就都而与與着著或及其之为為以于於被把将將从從对對但所们們\
我你他她它个個一上中到说說要会會能可还還又很没沒那么麼什如因由此已并並则則却卻更最让讓使向给給等地得过過来來去后後时時";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Good,
    NearGood,
    Short,
    Bad,
}

/// The article's blocks, in order: what jusText classifies as good.
pub fn article(blocks: &[Block]) -> Vec<&Block> {
    let own: Vec<Class> = blocks.iter().map(context_free).collect();
    let lengths: Vec<f64> = blocks.iter().map(|b| length(&b.text)).collect();
    let classes = revise(blocks, &own, &lengths);
    blocks
        .iter()
        .zip(classes)
        .filter(|(_, c)| *c == Class::Good)
        .map(|(b, _)| b)
        .collect()
}

/// Characters, a Chinese one counting `CHARS_PER_HAN`.
fn length(text: &str) -> f64 {
    text.chars()
        .map(|c| if is_han(c) { CHARS_PER_HAN } else { 1.0 })
        .sum()
}

fn context_free(block: &Block) -> Class {
    let chars = block.text.chars().count().max(1);
    let link_density = block.link_chars as f64 / chars as f64;
    if link_density > MAX_LINK_DENSITY || block.text.contains('©') {
        return Class::Bad;
    }
    let length = length(&block.text);
    if length < LENGTH_LOW {
        return if block.link_chars > 0 {
            Class::Bad
        } else {
            Class::Short
        };
    }
    let (density, low, high) = match classify(&block.text) {
        Some(Lang::Zh) => (
            zh_stop_density(&block.text),
            ZH_STOPWORDS_LOW,
            ZH_STOPWORDS_HIGH,
        ),
        _ => (
            en_stop_density(&block.text),
            EN_STOPWORDS_LOW,
            EN_STOPWORDS_HIGH,
        ),
    };
    if density >= high {
        if length > LENGTH_HIGH {
            Class::Good
        } else {
            Class::NearGood
        }
    } else if density >= low {
        Class::NearGood
    } else {
        Class::Bad
    }
}

/// Share of the words that are stop words.
pub fn en_stop_density(text: &str) -> f64 {
    let (mut words, mut stops) = (0usize, 0usize);
    for word in text.split(|c: char| !c.is_alphabetic() && c != '\'') {
        if word.is_empty() || word.chars().any(is_han) {
            continue;
        }
        words += 1;
        if is_stop_word(&word.to_lowercase()) {
            stops += 1;
        }
    }
    stops as f64 / words.max(1) as f64
}

/// Share of the Han characters that are function characters.
pub fn zh_stop_density(text: &str) -> f64 {
    let (mut han, mut stops) = (0usize, 0usize);
    for c in text.chars().filter(|&c| is_han(c)) {
        han += 1;
        if ZH_FUNCTION_CHARS.contains(c) {
            stops += 1;
        }
    }
    stops as f64 / han.max(1) as f64
}

/// jusText's context-sensitive pass: headings before good text, short blocks by their
/// neighbours, near-good ones unless both neighbours are bad.
fn revise(blocks: &[Block], own: &[Class], lengths: &[f64]) -> Vec<Class> {
    let mut classes = own.to_vec();
    // The distance counts only text in the heading's language: on a bilingual page every
    // paragraph between a heading and the article is there twice, once translated.
    let langs: Vec<Option<Lang>> = blocks.iter().map(|b| classify(&b.text)).collect();
    let good_follows = |classes: &[Class], i: usize| {
        let mut distance = 0.0;
        for j in i + 1..classes.len() {
            if distance > MAX_HEADING_DISTANCE {
                break;
            }
            if classes[j] == Class::Good {
                return true;
            }
            if langs[j] == langs[i] {
                distance += lengths[j];
            }
        }
        false
    };
    for i in 0..blocks.len() {
        if blocks[i].heading && classes[i] == Class::Short && good_follows(&classes, i) {
            classes[i] = Class::NearGood;
        }
    }
    let mut revised = classes.clone();
    for i in 0..blocks.len() {
        if classes[i] != Class::Short {
            continue;
        }
        let prev = neighbour(&classes, i, Step::Back, true);
        let next = neighbour(&classes, i, Step::On, true);
        revised[i] = match (prev, next) {
            (Class::Good, Class::Good) => Class::Good,
            (Class::Bad, Class::Bad) => Class::Bad,
            _ if (prev == Class::Bad
                && neighbour(&classes, i, Step::Back, false) == Class::NearGood)
                || (next == Class::Bad
                    && neighbour(&classes, i, Step::On, false) == Class::NearGood) =>
            {
                Class::Good
            }
            _ => Class::Bad,
        };
    }
    for i in 0..blocks.len() {
        if classes[i] != Class::NearGood {
            continue;
        }
        let prev = neighbour(&classes, i, Step::Back, true);
        let next = neighbour(&classes, i, Step::On, true);
        revised[i] = if (prev, next) == (Class::Bad, Class::Bad) {
            Class::Bad
        } else {
            Class::Good
        };
    }
    for i in 0..blocks.len() {
        if blocks[i].heading
            && revised[i] == Class::Bad
            && own[i] != Class::Bad
            && good_follows(&revised, i)
        {
            revised[i] = Class::Good;
        }
    }
    revised
}

#[derive(Clone, Copy)]
enum Step {
    Back,
    On,
}

/// The class of the nearest block before or after `i` that is not short (nor near-good, when
/// `skip_near_good`); beyond the page's edge is bad.
fn neighbour(classes: &[Class], i: usize, step: Step, skip_near_good: bool) -> Class {
    let skip = |c: Class| c == Class::Short || (skip_near_good && c == Class::NearGood);
    let found = match step {
        Step::Back => classes[..i].iter().rev().find(|&&c| !skip(c)),
        Step::On => classes[i + 1..].iter().find(|&&c| !skip(c)),
    };
    found.copied().unwrap_or(Class::Bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str, link_chars: usize, heading: bool) -> Block {
        Block {
            text: text.into(),
            link_chars,
            heading,
        }
    }

    const PROSE_EN: &str = "The two leaders agreed that their teams would meet again in Geneva next month, and that they would work towards an agreement on the tariffs that both of them had raised over the past year. Neither side has said what it would give up.";
    const PROSE_ZH: &str = "两国领导人同意，双方团队将于下个月在日内瓦再次会面，并就过去一年中彼此提高的关税努力达成协议。这是他们在这个问题上的第一次正式接触。";

    #[test]
    fn prose_is_kept_and_menus_and_copyright_go() {
        let blocks = [
            block("Home News World", 15, false),
            block("Talks resume", 0, true),
            block(PROSE_EN, 0, false),
            block("Yes.", 0, false),
            block(PROSE_ZH, 0, false),
            block("© 2025 Daily", 0, false),
            block("Related: more talks in Geneva", 24, false),
        ];
        let kept: Vec<_> = article(&blocks).iter().map(|b| b.text.as_str()).collect();
        assert_eq!(kept, ["Talks resume", PROSE_EN, "Yes.", PROSE_ZH]);
    }

    #[test]
    fn chinese_function_characters_make_prose_dense() {
        assert!(zh_stop_density(PROSE_ZH) >= ZH_STOPWORDS_HIGH);
        assert!(zh_stop_density("首页 新闻 财经 体育 科技 娱乐 汽车 房产") < ZH_STOPWORDS_LOW);
        assert!(en_stop_density(PROSE_EN) >= EN_STOPWORDS_HIGH);
    }
}
