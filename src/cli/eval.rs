//! `zhen-align eval`: align a gold-annotated set and print strict and lax precision, recall and
//! F1, per document and for the whole set.
//!
//! The set's layout is that of `../shared/eval` (and of Bertalign's corpora): three folders
//! holding files of the same names, the documents already split one sentence a line, so the
//! gold's ids are line numbers. We therefore read the documents as they are, without our own
//! sentence splitter: the figures measure the aligner alone, as the published ones do.
//!
//! Documents are aligned in parallel; the table keeps the gold folder's name order. The `all`
//! line sums the counts of every document before dividing (see [`crate::eval::metric`]), so it
//! is not the mean of the lines above it.
//!
//! `--by-shape` then prints the counts by link shape ([`crate::eval::shapes`]), summed over
//! the documents: where the links are lost (many-to-many links split, omissions invented).

use super::{read_text, shown_path, CliError, Common, Outcome};
use crate::align::calibration::FEATURES;
use crate::align::Evidence;
use crate::eval::{self, Counts, ShapeCounts, Verses};
use crate::export::links::{parse_numbered_links, IdLink};
use crate::model::{Link, Sentence};
use crate::pipeline::{align_presplit, Presplit};
use clap::Args;
use rayon::prelude::*;
use report::calibration_data;
pub(super) use report::print_results;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

mod report;

#[derive(Args, Debug)]
pub struct EvalArgs {
    /// Folder of Chinese documents, one sentence a line.
    #[arg(long, required_unless_present = "intertext")]
    pub zh: Option<PathBuf>,
    /// Folder of English documents, one sentence a line.
    #[arg(long, required_unless_present = "intertext")]
    pub en: Option<PathBuf>,
    /// Folder of gold alignments, one `[zh]:[en]` link a line; named as the documents, or as
    /// `corpus --format links` writes them (NAME.links for document NAME).
    #[arg(long, required_unless_present = "intertext")]
    pub gold: Option<PathBuf>,
    /// Folder of InterText alignments (each with its two text files) to score against
    /// instead: the texts' sentences and paragraphs are aligned, the alignments are the gold.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["zh", "en", "gold", "verses"])]
    pub intertext: Option<PathBuf>,
    /// Verse files (one verse label a line) for the Chinese and English side: links inside one
    /// verse are merged before scoring, as for the Bible set.
    #[arg(long, num_args = 2, value_names = ["ZH", "EN"])]
    pub verses: Option<Vec<PathBuf>>,
    /// After the table, per gold link shape its count and recall, and per predicted shape its
    /// count and precision (strict and lax), summed over the documents.
    #[arg(long)]
    pub by_shape: bool,
    /// Write every link's calibration features and verdict to FILE (TSV: doc, link, right,
    /// then the features of `align/calibration.rs`), for `scripts/calibrate.sh` to refit the
    /// score's weights.
    #[arg(long, value_name = "FILE")]
    pub calibration_data: Option<PathBuf>,
    #[command(flatten)]
    pub evidence: EvidenceArg,
}

/// `--evidence LIST`, shared by `eval` and `align`.
#[derive(Args, Debug, Clone)]
pub struct EvidenceArg {
    /// Which evidence the aligner uses, for ablation studies: a comma-separated subset of
    /// length, anchors, paragraphs, dictionary, names, learned, or `all` (the default). Length
    /// is always used, so `length` alone is Gale–Church alone; `length,anchors` adds anchors.
    #[arg(long = "evidence", value_name = "LIST", default_value = "all", value_parser = parse_evidence)]
    pub evidence: Evidence,
    /// Alignment passes, 1 to 4: the first uses the dictionary and default models, each further
    /// pass learns from the one before (lexicon, length, shapes, dialogue). One pass is about a
    /// third faster than the default two and less accurate; three gained little where measured.
    #[arg(long, value_name = "N", default_value_t = crate::align::params::PASSES, value_parser = parse_passes)]
    pub passes: usize,
}

/// Parse `--passes`: a whole number from 1 to `MAX_PASSES`.
pub fn parse_passes(text: &str) -> Result<usize, String> {
    let most = crate::align::params::MAX_PASSES;
    match text.trim().parse::<usize>() {
        Ok(n) if (1..=most).contains(&n) => Ok(n),
        _ => Err(format!(
            "'{text}' is not a number of passes from 1 to {most}"
        )),
    }
}

/// The names `--evidence` accepts.
pub const EVIDENCE_NAMES: [&str; 7] = [
    "length",
    "anchors",
    "paragraphs",
    "dictionary",
    "names",
    "learned",
    "all",
];

/// Parse `--evidence`: start from length alone and switch on each kind named; `all` switches
/// on everything. An unknown or empty name is an error naming it.
pub fn parse_evidence(list: &str) -> Result<Evidence, String> {
    let mut evidence = Evidence::length_only();
    for word in list.split(',').map(str::trim) {
        match word {
            "length" => {}
            "anchors" => evidence.anchors = true,
            "paragraphs" => evidence.paragraphs = true,
            "dictionary" => evidence.dictionary = true,
            "names" => evidence.names = true,
            "learned" => evidence.learned = true,
            "all" => evidence = Evidence::default(),
            _ => {
                return Err(format!(
                    "unknown evidence '{word}' (expected a comma-separated subset of {})",
                    EVIDENCE_NAMES.join(", ")
                ))
            }
        }
    }
    Ok(evidence)
}

/// What one document gave.
pub(super) struct DocResult {
    name: String,
    counts: Counts,
    shapes: ShapeCounts,
    sentences: (usize, usize),
    align_time: Duration,
    /// Every link's score, whether it is right (strictly), and whether it has both sides.
    judged: Vec<Judged>,
}

/// One link as the reliability table sees it.
#[derive(Debug, Clone)]
struct Judged {
    score: f64,
    right: bool,
    pair: bool,
    /// The calibration model's inputs, when the alignment was explained.
    features: Option<[f64; FEATURES.len()]>,
    link: String,
}

/// The three folders of a set in the layout of `../shared/eval`.
struct Folders<'a> {
    zh: &'a Path,
    en: &'a Path,
    gold: &'a Path,
}

pub fn run(args: &EvalArgs, common: &Common) -> Result<Outcome, CliError> {
    let start = Instant::now();
    if let Some(dir) = &args.intertext {
        return super::eval_intertext::run(args, dir, common);
    }
    let (Some(zh), Some(en), Some(gold)) = (&args.zh, &args.en, &args.gold) else {
        return Err(CliError(
            "eval needs --zh, --en and --gold, or --intertext".into(),
        ));
    };
    let folders = Folders { zh, en, gold };
    for dir in [zh, en, gold] {
        check_folder(dir)?;
    }
    let names = document_names(gold)?;
    // The documents the gold files are about (`NAME.links` grades NAME), sorted for the search.
    let mut graded = names
        .iter()
        .map(|name| document_of(&folders, name).map(str::to_string))
        .collect::<Result<Vec<_>, _>>()?;
    graded.sort();
    let ungraded = documents_without_gold(zh, &graded)?;
    for name in &ungraded {
        note!(
            "{}: no gold file in {}: not scored",
            shown_path(&zh.join(name)),
            shown_path(gold)
        );
    }
    let verses = args.verses.as_deref().map(read_verses).transpose()?;
    let results: Vec<Result<DocResult, CliError>> = names
        .par_iter()
        .map(|name| {
            eval_document(
                args,
                &folders,
                name,
                verses.as_ref(),
                common.memory_budget(),
            )
        })
        .collect();
    let docs = results.into_iter().collect::<Result<Vec<_>, _>>()?;
    print_results(args, &docs, start, common.quiet)?;
    if let Some(path) = &args.calibration_data {
        std::fs::write(path, calibration_data(&docs)).map_err(|e| CliError::io(path, &e))?;
    }
    Ok(if ungraded.is_empty() {
        Outcome::Success
    } else {
        Outcome::SomeFailed
    })
}

/// A folder argument must be a folder: missing, or a file, is said as such.
fn check_folder(dir: &Path) -> Result<(), CliError> {
    match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(CliError(format!("{}: not a folder", shown_path(dir)))),
        Err(_) => Err(CliError(format!("{}: no such folder", shown_path(dir)))),
    }
}

/// The Chinese documents that have no gold file: named on stderr and left out of `all`, which
/// would otherwise quietly measure fewer documents than the set holds. `graded` (sorted) are the documents some gold file is about.
fn documents_without_gold(zh: &Path, graded: &[String]) -> Result<Vec<String>, CliError> {
    let entries = std::fs::read_dir(zh).map_err(|e| CliError::io(zh, &e))?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| CliError::io(zh, &e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let graded = graded.binary_search(&name).is_ok();
        if !graded && !name.starts_with('.') && entry.path().is_file() {
            names.push(name);
        }
    }
    names.sort();
    Ok(names)
}

/// The names of the gold files, sorted; hidden files (`.DS_Store`…) and folders are skipped.
fn document_names(gold: &Path) -> Result<Vec<String>, CliError> {
    let entries = std::fs::read_dir(gold).map_err(|e| CliError::io(gold, &e))?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| CliError::io(gold, &e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with('.') && entry.path().is_file() {
            names.push(name);
        }
    }
    if names.is_empty() {
        return Err(CliError(format!("{}: no gold files", gold.display())));
    }
    names.sort();
    Ok(names)
}

/// The document a gold file is about: the file of the same name in `--zh` and `--en` (as in
/// Bertalign's sets), or, for a gold file named as `corpus --format links` writes them
/// (`NAME.links`), the document NAME. Neither found is an error saying what was expected.
fn document_of<'a>(folders: &Folders, gold_name: &'a str) -> Result<&'a str, CliError> {
    let exists = |doc: &str| folders.zh.join(doc).is_file() && folders.en.join(doc).is_file();
    if exists(gold_name) {
        return Ok(gold_name);
    }
    let stem = gold_name.strip_suffix(".links").filter(|s| !s.is_empty());
    if let Some(doc) = stem.filter(|doc| exists(doc)) {
        return Ok(doc);
    }
    let also = stem
        .map(|doc| format!(" (or {doc}, the gold file being named NAME.links)"))
        .unwrap_or_default();
    Err(CliError(format!(
        "{}: no document of the same name{also} in both {} and {}: each gold file GOLD/NAME or \
         GOLD/NAME.links needs ZH/NAME and EN/NAME",
        folders.gold.join(gold_name).display(),
        folders.zh.display(),
        folders.en.display()
    )))
}

/// Read the `--verses ZH EN` pair.
fn read_verses(paths: &[PathBuf]) -> Result<Verses, CliError> {
    let [zh, en] = paths else {
        return Err(CliError("--verses takes two files: ZH EN".into()));
    };
    Ok(Verses::parse(&read_text(zh)?, &read_text(en)?))
}

/// Read, align and score one document.
fn eval_document(
    args: &EvalArgs,
    folders: &Folders,
    name: &str,
    verses: Option<&Verses>,
    budget: usize,
) -> Result<DocResult, CliError> {
    let gold_path = folders.gold.join(name);
    let doc = document_of(folders, name)?;
    let zh = Presplit::new(&read_text(&folders.zh.join(doc))?);
    let en = Presplit::new(&read_text(&folders.en.join(doc))?);
    let gold = read_gold(&gold_path, zh.len(), en.len())?;
    if let Some(v) = verses {
        check_verse_counts(args, v, zh.len(), en.len())?;
    }
    crate::align::budget::check(zh.len(), en.len(), budget)
        .map_err(|e| CliError(format!("{name}: {e}")))?;
    if let (Some(zh), Some(en)) = (zh.without_blanks(), en.without_blanks()) {
        // No blank line: ids are line numbers, and the links can be explained for calibration.
        return Ok(score_document(args, doc, zh, en, &gold, verses));
    }
    let started = Instant::now();
    let links = align_presplit(&zh, &en, args.evidence.evidence, args.evidence.passes);
    let aligned = Aligned {
        links,
        sentences: (zh.len(), en.len()),
        align_time: started.elapsed(),
    };
    Ok(score_links(doc, aligned, None, &gold, verses))
}

/// Align a document's sentences and score the links against its gold.
pub(super) fn score_document(
    args: &EvalArgs,
    name: &str,
    zh: &[Sentence],
    en: &[Sentence],
    gold: &[IdLink],
    verses: Option<&Verses>,
) -> DocResult {
    let started = Instant::now();
    let explained =
        crate::align::align_explained(zh, en, args.evidence.evidence, args.evidence.passes);
    let aligned = Aligned {
        links: explained.links,
        sentences: (zh.len(), en.len()),
        align_time: started.elapsed(),
    };
    let features = explained.signals.iter().map(|s| s.features()).collect();
    score_links(name, aligned, Some(features), gold, verses)
}

/// A document's alignment, with its sentence counts and how long it took.
struct Aligned {
    links: Vec<Link>,
    sentences: (usize, usize),
    align_time: Duration,
}

/// Score an alignment against its gold; `features` are the calibration model's inputs per link,
/// when the alignment was explained (not for presplit text with blank lines, whose links are
/// renumbered around the blank lines).
fn score_links(
    name: &str,
    aligned: Aligned,
    features: Option<Vec<[f64; FEATURES.len()]>>,
    gold: &[IdLink],
    verses: Option<&Verses>,
) -> DocResult {
    let Aligned {
        links,
        sentences,
        align_time,
    } = aligned;
    let test = eval::scored_links(&links, verses);
    let ids: Vec<IdLink> = links.iter().map(IdLink::from).collect();
    let judged = eval::strict_verdicts(gold, &ids, verses)
        .into_iter()
        .zip(&links)
        .enumerate()
        .map(|(k, (right, l))| Judged {
            score: l.score,
            right,
            pair: l.is_pair(),
            features: features.as_ref().map(|f| f[k]),
            link: IdLink::from(l).to_string(),
        })
        .collect();
    DocResult {
        name: name.to_string(),
        counts: eval::count(gold, &test),
        shapes: eval::count_by_shape(gold, &test),
        sentences,
        align_time,
        judged,
    }
}

/// Parse a gold file and check it against the document (see [`eval::check_gold`]), naming
/// the file.
fn read_gold(path: &Path, n_zh: usize, n_en: usize) -> Result<Vec<IdLink>, CliError> {
    let named = |why: String| CliError(format!("{}: {}", shown_path(path), why));
    let numbered = parse_numbered_links(&read_text(path)?).map_err(named)?;
    eval::check_gold(&numbered, n_zh, n_en).map_err(named)?;
    Ok(numbered.into_iter().map(|(_, link)| link).collect())
}

/// The verse files must label every sentence of the document, no more, no less.
fn check_verse_counts(
    args: &EvalArgs,
    verses: &Verses,
    n_zh: usize,
    n_en: usize,
) -> Result<(), CliError> {
    let paths = args.verses.as_deref().unwrap_or_default();
    for ((labels, n), path) in [(verses.zh.len(), n_zh), (verses.en.len(), n_en)]
        .into_iter()
        .zip(paths)
    {
        if labels != n {
            return Err(CliError(format!(
                "{}: {labels} verse labels for a document of {n} sentences",
                path.display()
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_lists_switch_on_what_they_name_over_length() {
        assert_eq!(parse_evidence("all"), Ok(Evidence::default()));
        assert_eq!(parse_evidence("length"), Ok(Evidence::length_only()));
        let e = parse_evidence("length, anchors,paragraphs").unwrap();
        assert_eq!(
            e,
            Evidence {
                anchors: true,
                paragraphs: true,
                ..Evidence::length_only()
            }
        );
        assert_eq!(
            parse_evidence("names"),
            Ok(Evidence {
                names: true,
                ..Evidence::length_only()
            })
        );
        assert_eq!(
            parse_evidence("length,anchors,paragraphs,dictionary,names,learned"),
            Ok(Evidence::default())
        );
        assert!(parse_evidence("length,lenght")
            .unwrap_err()
            .contains("'lenght'"));
        assert!(parse_evidence("").unwrap_err().contains("''"));
    }

    #[test]
    fn passes_are_one_to_the_most() {
        assert_eq!(parse_passes("1"), Ok(1));
        assert_eq!(parse_passes("3"), Ok(3));
        assert!(parse_passes("0").unwrap_err().contains("'0'"));
        assert!(parse_passes("99").is_err());
        assert!(parse_passes("two").is_err());
    }
}
