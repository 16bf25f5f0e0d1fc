//! Issue 5, property: the TSV corpus reads back with a standard CSV reader to the same rows.
//!
//! Users load the corpus with pandas, awk or the csv crate; every one of them must see exactly
//! five fields per row, whatever the article text held. The writer cleans text fields
//! ([`clean_field`]) and formats the score ([`format_score`]); reading back must give exactly
//! those cleaned values, with nothing split, merged or unquoted.

use proptest::prelude::*;
use zhen_align::export::tsv::{clean_field, format_score, TsvWriter, HEADER};
use zhen_align::pipeline::Pair;

fn pair() -> impl Strategy<Value = Pair> {
    let score = prop_oneof![
        any::<f64>(),
        0.0..=1.0f64,
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(-0.0)
    ];
    let text = prop_oneof![any::<String>(), "[\"'\t\r\n\\\\ a中]{0,20}".boxed()];
    (text.clone(), text, score, 0usize..4, 0usize..4).prop_map(|(zh, en, score, z, e)| Pair {
        zh,
        en,
        score,
        zh_ids: 0..z,
        en_ids: 0..e,
    })
}

fn write(docs: &[(String, Vec<Pair>)]) -> Vec<u8> {
    let mut w = TsvWriter::new(Vec::new()).unwrap();
    for (doc, pairs) in docs {
        w.write_pairs(doc, pairs).unwrap();
    }
    w.finish().unwrap()
}

fn read(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .quoting(false)
        .from_reader(bytes);
    let header = reader
        .headers()
        .expect("a header")
        .iter()
        .map(String::from)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            r.expect("a well-formed row")
                .iter()
                .map(String::from)
                .collect()
        })
        .collect();
    (header, rows)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_tsv_reads_back_to_the_cleaned_rows(docs in prop::collection::vec((any::<String>(), prop::collection::vec(pair(), 0..6)), 0..6)) {
        let (header, rows) = read(&write(&docs));
        prop_assert_eq!(header, HEADER.to_vec());
        let expected: Vec<Vec<String>> = docs
            .iter()
            .flat_map(|(doc, pairs)| {
                pairs.iter().map(move |p| vec![clean_field(doc), clean_field(&p.zh), clean_field(&p.en), format_score(p.score), p.shape()])
            })
            .collect();
        prop_assert_eq!(&rows, &expected);
        for row in &rows {
            let score: f64 = row[3].parse().unwrap();
            prop_assert!(score.is_finite() && (0.0..=1.0).contains(&score));
            prop_assert!(row.iter().all(|f| !f.contains(['\t', '\n', '\r'])));
        }
    }

    #[test]
    fn cleaning_is_idempotent_and_keeps_the_length_in_characters(text in any::<String>()) {
        let once = clean_field(&text);
        prop_assert_eq!(clean_field(&once), once.clone());
        prop_assert_eq!(once.chars().count(), text.chars().count());
    }
}
