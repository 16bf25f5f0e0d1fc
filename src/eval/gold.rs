//! Checking a gold alignment before scoring against it.
//!
//! The metric counts links as sets, so bad gold does not fail it: it quietly gives wrong
//! figures. Overlapping or repeated links (a sentence in two links), ids beyond the document
//! and sentences in no link at all are therefore refused, each named by the line of the gold
//! file it is on. Messages stay short whatever the file holds: a link is quoted by its first
//! ids only, and a list of missing sentences by its first few.

use crate::model::{excerpt, IdLink};

/// How many missing sentence ids a message lists before saying how many there are in all.
const LISTED_IDS: usize = 5;

/// Check `links` (with the 1-based line each was read from) against a document of `n_zh`
/// Chinese and `n_en` English sentences. The error names the first problem found.
pub fn check_gold(links: &[(usize, IdLink)], n_zh: usize, n_en: usize) -> Result<(), String> {
    // For each sentence, the line of the link holding it (0: none yet).
    let mut zh_line = vec![0usize; n_zh];
    let mut en_line = vec![0usize; n_en];
    for (line, link) in links {
        let quoted = excerpt(&link.to_string());
        let sides = [
            ("Chinese", &link.zh, &mut zh_line),
            ("English", &link.en, &mut en_line),
        ];
        for (lang, ids, holder) in sides {
            for &id in ids {
                let n = holder.len();
                let Some(seen) = holder.get_mut(id) else {
                    return Err(format!(
                        "line {line}: link {quoted} names {lang} sentence {id}, but there are {n}"
                    ));
                };
                if *seen == *line {
                    return Err(format!(
                        "line {line}: link {quoted} names {lang} sentence {id} twice"
                    ));
                }
                if *seen != 0 {
                    return Err(format!(
                        "line {line}: {lang} sentence {id} is already in the link of line {seen}"
                    ));
                }
                *seen = *line;
            }
        }
    }
    missing("Chinese", &zh_line)?;
    missing("English", &en_line)
}

/// The sentences no link holds, as an error listing the first few.
fn missing(lang: &str, holder: &[usize]) -> Result<(), String> {
    let ids: Vec<usize> = (0..holder.len()).filter(|&i| holder[i] == 0).collect();
    if ids.is_empty() {
        return Ok(());
    }
    let listed: Vec<String> = ids.iter().take(LISTED_IDS).map(|i| i.to_string()).collect();
    let more = if ids.len() > LISTED_IDS { ", …" } else { "" };
    let plural = if ids.len() == 1 { "" } else { "s" };
    Err(format!(
        "{lang} sentence{plural} {}{more} ({} in all) in no link; a gold alignment links \
         every sentence, `[3]:[]` for one left out",
        listed.join(", "),
        ids.len()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbered(links: &[IdLink]) -> Vec<(usize, IdLink)> {
        links
            .iter()
            .cloned()
            .enumerate()
            .map(|(i, l)| (i + 1, l))
            .collect()
    }

    #[test]
    fn a_partition_of_both_documents_passes() {
        let gold = [
            IdLink::new([0, 1], [0]),
            IdLink::new([], [1]),
            IdLink::new([2], [2]),
        ];
        assert_eq!(check_gold(&numbered(&gold), 3, 3), Ok(()));
    }

    #[test]
    fn overlapping_and_repeated_links_are_named_by_line() {
        let gold = [IdLink::new([0, 1], [0]), IdLink::new([1], [1])];
        let err = check_gold(&numbered(&gold), 2, 2).unwrap_err();
        assert_eq!(
            err,
            "line 2: Chinese sentence 1 is already in the link of line 1"
        );
        let gold = [IdLink::new([0], [0]), IdLink::new([0], [0])];
        assert!(check_gold(&numbered(&gold), 1, 1)
            .unwrap_err()
            .starts_with("line 2:"));
        let gold = [IdLink::new([0], [0, 0])];
        assert!(check_gold(&numbered(&gold), 1, 1)
            .unwrap_err()
            .contains("twice"));
    }

    #[test]
    fn ids_beyond_the_document_are_named() {
        let gold = [IdLink::new([0], [0]), IdLink::new([1], [5])];
        let err = check_gold(&numbered(&gold), 2, 5).unwrap_err();
        assert_eq!(
            err,
            "line 2: link [1]:[5] names English sentence 5, but there are 5"
        );
    }

    #[test]
    fn sentences_in_no_link_are_listed_briefly() {
        let gold = [IdLink::new([0], [0])];
        let err = check_gold(&numbered(&gold), 100, 1).unwrap_err();
        assert!(
            err.starts_with("Chinese sentences 1, 2, 3, 4, 5, … (99 in all) in no link"),
            "{err}"
        );
    }

    #[test]
    fn a_huge_link_is_quoted_by_its_beginning() {
        let gold = [IdLink::new((0..100_000).collect::<Vec<_>>(), [7])];
        let err = check_gold(&numbered(&gold), 100_000, 1).unwrap_err();
        assert!(err.len() < 200, "{} bytes", err.len());
    }
}
