//! The filters, one rule at a time.

use super::*;

fn pair(zh: &str, en: &str, score: f64) -> Pair {
    Pair {
        zh: zh.into(),
        en: en.into(),
        score,
        zh_ids: 0..1,
        en_ids: 0..1,
    }
}

fn good() -> Pair {
    pair(
        "双方同意在峰会期间会面。",
        "Both sides agreed to meet during the summit.",
        0.9,
    )
}

fn only(config: FilterConfig) -> Filter {
    Filter::new(config)
}

#[test]
fn by_default_every_pair_is_kept() {
    let mut f = Filter::new(FilterConfig::default());
    assert!(!f.config().is_active());
    for p in [
        good(),
        good(),
        pair("a", "a", 0.0),
        pair("English here.", "中文在这里", f64::NAN),
    ] {
        assert_eq!(f.check(&p), None);
    }
    assert_eq!(f.summary().kept, 4);
}

#[test]
fn a_score_below_the_minimum_is_dropped_and_a_nan_score_too() {
    let mut f = only(FilterConfig {
        min_score: Some(0.5),
        ..Default::default()
    });
    assert_eq!(f.check(&good()), None);
    assert_eq!(f.check(&pair("好。", "Good.", 0.49)), Some(Reason::Score));
    assert_eq!(
        f.check(&pair("好。", "Good.", f64::NAN)),
        Some(Reason::Score)
    );
    assert_eq!(
        f.check(&pair("好。", "Good.", 0.5)),
        None,
        "the bound itself is kept"
    );
}

#[test]
fn length_counts_characters_without_whitespace_on_each_side() {
    assert_eq!(length("一切 正常"), 4);
    assert_eq!(length(" All is well. "), 10);
    let mut f = only(FilterConfig {
        min_len: Some(3),
        max_len: Some(20),
        ..Default::default()
    });
    assert_eq!(f.check(&pair("一切正常。", "All is well.", 0.9)), None);
    assert_eq!(
        f.check(&pair("好", "Good, very good.", 0.9)),
        Some(Reason::Length),
        "Chinese side too short"
    );
    assert_eq!(
        f.check(&pair("好得很", "It is a very good thing indeed.", 0.9)),
        Some(Reason::Length),
        "English side too long"
    );
}

#[test]
fn ratio_is_english_characters_over_chinese_characters() {
    assert_eq!(ratio(&pair("一二", "abcdef", 1.0)), 3.0);
    assert_eq!(ratio(&pair(" ", "abc", 1.0)), f64::INFINITY);
    let mut f = only(FilterConfig {
        min_ratio: Some(1.0),
        max_ratio: Some(6.0),
        ..Default::default()
    });
    assert_eq!(f.check(&good()), None);
    assert_eq!(
        f.check(&pair("这是一个很长的中文句子但英文很短", "Short.", 0.9)),
        Some(Reason::Ratio)
    );
    assert_eq!(
        f.check(&pair(
            "好",
            "A much longer English sentence than the Chinese.",
            0.9
        )),
        Some(Reason::Ratio)
    );
}

#[test]
fn identical_sides_are_compared_after_normalising() {
    let mut f = only(FilterConfig {
        drop_identical: true,
        ..Default::default()
    });
    assert_eq!(
        f.check(&pair("ＡＰＥＣ  2025", "apec 2025", 0.9)),
        Some(Reason::Identical)
    );
    assert_eq!(f.check(&good()), None);
}

#[test]
fn a_side_in_the_other_language_is_dropped_but_a_number_is_not() {
    let mut f = only(FilterConfig {
        drop_wrong_lang: true,
        ..Default::default()
    });
    assert_eq!(
        f.check(&pair("The talks went well.", "The talks went well.", 0.9)),
        Some(Reason::WrongLanguage)
    );
    assert_eq!(
        f.check(&pair("会谈进展顺利。", "会谈进展顺利。", 0.9)),
        Some(Reason::WrongLanguage)
    );
    assert_eq!(
        f.check(&pair(
            "TikTok 问题释放善意",
            "TikTok issue signals goodwill",
            0.9
        )),
        None
    );
    assert_eq!(f.check(&pair("2025-07-17", "2025-07-17", 0.9)), None);
}

#[test]
fn only_the_first_copy_of_a_pair_survives_deduplication() {
    let mut f = only(FilterConfig {
        dedup: true,
        ..Default::default()
    });
    assert_eq!(f.check(&good()), None);
    assert_eq!(f.check(&good()), Some(Reason::Duplicate));
    let retyped = pair(
        "双方同意在峰会期间会面。",
        "  both sides agreed to meet during the SUMMIT. ",
        0.1,
    );
    assert_eq!(
        f.check(&retyped),
        Some(Reason::Duplicate),
        "case, spacing and score do not matter"
    );
    assert_eq!(f.check(&pair("ab", "c", 1.0)), None);
    assert_eq!(
        f.check(&pair("a", "bc", 1.0)),
        None,
        "the boundary between the sides counts"
    );
}

#[test]
fn a_pair_dropped_for_another_reason_does_not_count_as_seen() {
    let mut f = only(FilterConfig {
        min_score: Some(0.5),
        dedup: true,
        ..Default::default()
    });
    let low = Pair {
        score: 0.1,
        ..good()
    };
    assert_eq!(f.check(&low), Some(Reason::Score));
    assert_eq!(f.check(&good()), None);
}

#[test]
fn the_summary_counts_each_reason_and_adds_up() {
    let mut f = only(FilterConfig {
        min_score: Some(0.5),
        dedup: true,
        ..Default::default()
    });
    for p in [
        good(),
        good(),
        good(),
        Pair {
            score: 0.2,
            ..good()
        },
    ] {
        f.check(&p);
    }
    let s = f.summary();
    assert_eq!(s.kept + s.dropped.iter().sum::<usize>(), s.seen);
    assert_eq!(
        s.to_string(),
        "filters kept 1 of 4 pairs; dropped: score 1, duplicate 2"
    );
}

#[test]
fn impossible_bounds_are_usage_errors() {
    assert!(FilterConfig {
        min_ratio: Some(3.0),
        max_ratio: Some(2.0),
        ..Default::default()
    }
    .validate()
    .is_err());
    assert!(FilterConfig {
        min_len: Some(5),
        max_len: Some(4),
        ..Default::default()
    }
    .validate()
    .is_err());
    assert!(FilterConfig {
        min_score: Some(f64::NAN),
        ..Default::default()
    }
    .validate()
    .is_err());
    assert!(FilterConfig {
        min_score: Some(0.3),
        max_ratio: Some(9.0),
        ..Default::default()
    }
    .validate()
    .is_ok());
}
