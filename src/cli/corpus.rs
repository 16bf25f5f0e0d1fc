//! `zhen-align corpus [INPUT]... [-o DIR]`: every article under the inputs, aligned, filtered and
//! written in every format asked for (`DIR/corpus.tsv` by default).
//!
//! Articles are processed in parallel in chunks and written in input order, so memory stays
//! bounded on huge inputs and the output is byte-identical for any thread count. Filters run
//! in the sequential writing loop for the same reason: which copy of a duplicate survives
//! must not depend on scheduling. A file that cannot be read or decoded is named on stderr and
//! the run goes on (exit 1); a missing input path, a bad option or an unwritable output stops
//! the run before anything is written (exit 2).
//!
//! Everything said on stderr about an article (a decoding warning, its summary, why it failed)
//! is printed from the writing loop, never from a worker thread, so stderr too comes in input
//! order whatever the thread count.
//!
//! Three guards keep a long unattended run healthy:
//! - a file above `ingest::read::MAX_INPUT_BYTES` is not read at all (see there);
//! - a file decoded with replaced byte sequences gets a warning naming it, the count and the
//!   encoding, so that damaged sources can be found and fetched again;
//! - temporary files left in the output folder by killed runs are removed before writing (see
//!   `stale::remove_stale_temporaries`), so that crashed jobs do not pile up hidden copies of the
//!   corpus.

use super::balance::{largest_first, source_bytes};
use super::documents::{describe_paths, partner_hint, process, Failure, Processed, Tally};
use super::interrupt::{interrupted, watch};
use super::outputs::check_rejects_path;
use super::progress::CorpusProgress;
use super::{count, is_stdin, shown_path, CliError, Common, Outcome};
use crate::export::filters::FilterConfig;
use crate::export::Format;
use crate::ingest::files::{collect, missing_roots};
use crate::ingest::pairs::{documents, Source};
use crate::pipeline::ArticleResult;
use clap::{Args, ValueEnum};
use stale::remove_stale_temporaries;
use std::io::IsTerminal;
use std::path::PathBuf;
use writer::{formats, Writer, Written};

mod shard;
mod stale;
mod writer;

pub use shard::Shard;

#[derive(Args, Debug)]
pub struct CorpusArgs {
    /// Article files or folders (walked recursively) [default: seeds, when there is such a
    /// folder here].
    pub inputs: Vec<PathBuf>,
    /// Output folder; the corpus is written to DIR/corpus.tsv (and the other formats beside it).
    /// `-o -` writes the TSV to standard output instead.
    #[arg(short, long, default_value = "output")]
    pub output: PathBuf,
    /// A line per article on stderr (layout, sentences, pairs, or why it was skipped) even on a
    /// terminal, where the progress bar replaces them otherwise. Logs and pipes always get them.
    #[arg(long, short)]
    pub verbose: bool,
    /// Output formats, comma-separated or repeated: tsv, bitext, jsonl, tmx, links, html,
    /// intertext.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "tsv")]
    pub format: Vec<Format>,
    /// Links files (`--format links`) give each link's probability as a third field,
    /// `[0,1]:[0]:0.9312`, omissions included; `eval --gold` reads such files.
    #[arg(long)]
    pub link_scores: bool,
    /// JSONL (`--format jsonl`) also gets a line for each omission (link `1-0` or `0-1`, the
    /// missing side "" with no ids) with the probability that it has no counterpart.
    #[arg(long)]
    pub omissions: bool,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Write every pair a filter dropped, with the reason, to this TSV file.
    #[arg(long, value_name = "FILE")]
    pub rejects: Option<PathBuf>,
    /// Process only the K-th of N deterministic shards of the input files (K from 1 to N).
    #[arg(long, value_name = "K/N")]
    pub shard: Option<Shard>,
    #[command(flatten)]
    pub evidence: super::eval::EvidenceArg,
}

/// The training-data filters, shared by `corpus` and `stream`; all off by default. Units are
/// explained in [`crate::export::filters`].
#[derive(Args, Debug, Clone, Default)]
pub struct FilterArgs {
    /// Drop every pair of a document whose document score is below X (0 to 1; see the
    /// README's Score section: 0.4 keeps every translation measured, drops unrelated,
    /// one-language and swapped documents). Such documents are named in the summary.
    #[arg(long, value_name = "X")]
    pub min_doc_score: Option<f64>,
    /// Drop pairs whose score is below X.
    #[arg(long, value_name = "X")]
    pub min_score: Option<f64>,
    /// Drop pairs whose length ratio (English characters / Chinese characters) is below X.
    #[arg(long, value_name = "X")]
    pub min_ratio: Option<f64>,
    /// Drop pairs whose length ratio (English characters / Chinese characters) is above X.
    #[arg(long, value_name = "X")]
    pub max_ratio: Option<f64>,
    /// Drop pairs with a side of fewer than N characters (whitespace not counted).
    #[arg(long, value_name = "N")]
    pub min_len: Option<usize>,
    /// Drop pairs with a side of more than N characters (whitespace not counted).
    #[arg(long, value_name = "N")]
    pub max_len: Option<usize>,
    /// Drop pairs whose two sides are the same text.
    #[arg(long)]
    pub drop_identical: bool,
    /// Drop pairs with English on the Chinese side or Chinese on the English side.
    #[arg(long)]
    pub drop_wrong_lang: bool,
    /// Drop exact duplicates (after normalising case and spacing) across the whole run.
    #[arg(long)]
    pub dedup: bool,
}

impl FilterArgs {
    /// The filter configuration, or a usage error for impossible bounds.
    pub fn config(&self) -> Result<FilterConfig, CliError> {
        let config = FilterConfig {
            min_doc_score: self.min_doc_score,
            min_score: self.min_score,
            min_ratio: self.min_ratio,
            max_ratio: self.max_ratio,
            min_len: self.min_len,
            max_len: self.max_len,
            drop_identical: self.drop_identical,
            drop_wrong_lang: self.drop_wrong_lang,
            dedup: self.dedup,
        };
        config.validate().map_err(CliError)?;
        Ok(config)
    }
}

/// Articles aligned in parallel before their rows are written: enough to keep every core
/// busy, few enough that memory does not grow with the corpus.
const CHUNK: usize = 512;

/// The sentences the progress bar counts as aligned: both sides of a bilingual article, none
/// of a skipped one.
fn sentences_aligned(article: &ArticleResult) -> u64 {
    if article.layout.is_bilingual() {
        (article.zh_sentences + article.en_sentences) as u64
    } else {
        0
    }
}

/// The inputs named, or `seeds` when none is and there is such a folder here; else a usage
/// error that says so, with the usage.
fn input_roots(args: &CorpusArgs) -> Result<Vec<PathBuf>, CliError> {
    if !args.inputs.is_empty() {
        return Ok(args.inputs.clone());
    }
    let seeds = PathBuf::from("seeds");
    if seeds.is_dir() {
        return Ok(vec![seeds]);
    }
    Err(CliError(format!(
        "no input given, and no seeds/ folder here to read by default: name the article files \
         or folders to align\n\n{}\n\nFor more information, try 'zhen-align corpus --help'.",
        usage()
    )))
}

/// `Usage: zhen-align corpus [OPTIONS] [INPUTS]...`, as clap writes it.
fn usage() -> String {
    use clap::CommandFactory;
    let mut cli = super::Cli::command();
    cli.build();
    cli.find_subcommand_mut("corpus")
        .map(|c| c.render_usage().to_string())
        .unwrap_or_default()
}

/// Where the rows go, checked before anything is read: `-` (stdout) takes the TSV only; a
/// folder is created if need be, and an existing file in its place is named as such rather
/// than left to the system's "File exists".
fn prepare_output(args: &CorpusArgs) -> Result<(), CliError> {
    let out = &args.output;
    if is_stdin(out) {
        return match formats(&args.format).iter().find(|f| **f != Format::Tsv) {
            Some(f) => Err(CliError(format!(
                "-o - writes the TSV to standard output; --format {} needs an output folder",
                f.to_possible_value()
                    .map(|v| v.get_name().to_string())
                    .unwrap_or_default()
            ))),
            None => Ok(()),
        };
    }
    if out.exists() && !out.is_dir() {
        return Err(CliError(format!(
            "output folder {} is a file: give a folder with -o (it is created if need be)",
            out.display()
        )));
    }
    std::fs::create_dir_all(out).map_err(|e| {
        CliError(format!(
            "cannot create output folder {}: {e}",
            out.display()
        ))
    })
}

/// The documents of this run: all of them, or this shard's. Files are paired by name first
/// ([`crate::ingest::pairs`]), so a pair is always in one shard. An input folder holding no
/// article is worth a warning: a wrong path is the likely cause.
fn inputs(args: &CorpusArgs, roots: &[PathBuf], quiet: bool) -> (Vec<Source>, usize) {
    let exclude = (!is_stdin(&args.output)).then_some(args.output.as_path());
    let (files, walk_errors) = collect(roots, exclude);
    for e in &walk_errors {
        note!("{}: {}", shown_path(&e.path), e.message);
    }
    for root in roots.iter().filter(|r| r.is_dir()) {
        if !quiet && !files.iter().any(|f| f.path.starts_with(root)) {
            note!("{}: warning: no articles in this folder", shown_path(root));
        }
    }
    let mut docs = documents(files);
    if let Some(shard) = args.shard {
        docs.retain(|d| shard.contains(d.doc()));
    }
    (docs, walk_errors.len())
}

pub fn run(args: &CorpusArgs, common: &Common) -> Result<Outcome, CliError> {
    let roots = input_roots(args)?;
    if let Some(missing) = missing_roots(&roots).first() {
        return Err(CliError(format!(
            "{}: no such file or folder",
            missing.display()
        )));
    }
    let config = args.filters.config()?;
    let wants = |f: Format| args.format.contains(&f);
    if args.link_scores && !wants(Format::Links) {
        return Err(CliError(
            "--link-scores adds a field to links files: use it with --format links".into(),
        ));
    }
    if args.omissions && !wants(Format::Jsonl) {
        return Err(CliError(
            "--omissions adds lines to the JSONL file: use it with --format jsonl".into(),
        ));
    }
    if let Some(rejects) = &args.rejects {
        let outputs: Vec<PathBuf> = formats(&args.format)
            .iter()
            .flat_map(|f| f.replaces(&args.output))
            .collect();
        check_rejects_path(rejects, &roots, &outputs)?;
    }
    prepare_output(args)?;
    let (files, walk_failed) = inputs(args, &roots, common.quiet);
    let mut tally = Tally {
        failed: walk_failed,
        ..Tally::default()
    };
    if !is_stdin(&args.output) {
        remove_stale_temporaries(args, common.quiet);
    }
    let mut writer = Writer::open(args, config)?;
    watch();
    let progress = CorpusProgress::new(files.len() as u64, common.quiet);
    // On a terminal the bar shows the progress; a line per article would scroll it away.
    let verbose = !common.quiet && (args.verbose || !std::io::stderr().is_terminal());
    let (evidence, passes) = (args.evidence.evidence, args.evidence.passes);
    let budget = common.memory_budget();
    for chunk in files.chunks(CHUNK) {
        let results = largest_first(chunk, source_bytes, |f| {
            // After Ctrl-C the rest of the chunk is not worked on: nothing more is written.
            if interrupted() {
                return Err(Failure::Error(String::new()));
            }
            let r = process(f, budget, evidence, passes);
            progress.article_done(r.as_ref().map_or(0, |p| sentences_aligned(&p.article)));
            r
        });
        if interrupted() {
            break;
        }
        for (file, result) in chunk.iter().zip(results) {
            let say = (common.quiet, verbose);
            write_one(&mut writer, file, result, &progress, say, &mut tally)?;
        }
    }
    progress.finish();
    if interrupted() {
        // Dropping the writer removes every temporary file: the previous output stays.
        drop(writer);
        return Ok(Outcome::Interrupted);
    }
    let written = writer.finish()?;
    if !common.quiet {
        report(args, &written, tally.failed);
        note!("{}", tally.summary());
    }
    Ok(if tally.failed > 0 {
        Outcome::SomeFailed
    } else {
        Outcome::Success
    })
}

/// Write one document's result, count it, and say on stderr what became of it. A failure is
/// an error and always named; a decoding warning or a skipped file is silenced by `--quiet`
/// only; the document's line is printed when `verbose` (see `run`).
fn write_one(
    writer: &mut Writer,
    file: &Source,
    result: Result<Processed, Failure>,
    progress: &CorpusProgress,
    (quiet, verbose): (bool, bool),
    tally: &mut Tally,
) -> Result<(), CliError> {
    let doc = file.doc();
    match result {
        Ok(p) => {
            writer.write(doc, &p.article)?;
            tally.article(file, &p.article);
            let warn = p.replaced > 0 && !quiet;
            let suspicion = p.article.doc_score.and_then(|d| d.suspicion);
            let suspicion = suspicion.filter(|_| !quiet);
            let moved = p.article.doc_score.and_then(|d| d.moved.describe());
            let moved = moved.filter(|_| !quiet);
            if warn || verbose || suspicion.is_some() || moved.is_some() {
                progress.suspend(|| {
                    if warn {
                        note!(
                            "{doc}: warning: {} replaced ({})",
                            count(p.replaced, "invalid byte sequence"),
                            p.encoding
                        );
                    }
                    if let Some(s) = suspicion {
                        note!("{doc}: warning: {}", s.describe());
                    }
                    if let Some(m) = &moved {
                        note!("{doc}: warning: {m}");
                    }
                    if verbose {
                        let hint = partner_hint(file, &p.article);
                        note!("{doc}: {}{hint}", p.article.summary());
                    }
                });
            }
        }
        Err(Failure::NotText(kind)) => {
            tally.not_text += 1;
            if !quiet {
                progress.suspend(|| note!("{}: skipped (not text: {kind})", describe_paths(file)));
            }
        }
        Err(Failure::Error(message)) => {
            tally.failed += 1;
            progress.suspend(|| note!("{}: {}", describe_paths(file), message));
        }
    }
    Ok(())
}

/// The run summary on stderr: what was written where, what was skipped and why, what failed,
/// and what the filters dropped (with a warning when they dropped everything).
fn report(args: &CorpusArgs, written: &Written, failed: usize) {
    let counts = written;
    let written: Vec<String> = if is_stdin(&args.output) {
        vec!["standard output".into()]
    } else {
        formats(&args.format)
            .iter()
            .flat_map(|f| f.paths(&args.output))
            .map(|p| p.display().to_string())
            .collect()
    };
    let skipped: usize = counts.skipped.values().sum();
    let skipped = if skipped > 0 {
        let why: Vec<String> = counts
            .skipped
            .iter()
            .map(|(reason, n)| format!("{n} {reason}"))
            .collect();
        format!("; {skipped} skipped ({})", why.join(", "))
    } else {
        String::new()
    };
    let failed = if failed > 0 {
        format!("; {failed} failed")
    } else {
        String::new()
    };
    let shard = args
        .shard
        .map(|s| format!(" (shard {}/{})", s.k, s.n))
        .unwrap_or_default();
    note!(
        "{}{shard}, {} written to {}{skipped}{failed}",
        count(counts.articles, "article"),
        count(counts.rows, "pair"),
        written.join(", ")
    );
    let filter = &counts.filter;
    if let Some(min) = filter.config().min_doc_score {
        if !counts.low_documents.is_empty() {
            note!(
                "{} under --min-doc-score {min}, no pair written: {}",
                count(counts.low_documents.len(), "document"),
                named(&counts.low_documents)
            );
        }
    }
    if filter.config().is_active() {
        note!("{}", filter.summary());
        if filter.summary().seen > 0 && filter.summary().kept == 0 {
            note!("warning: the filters dropped every pair; the corpus is empty");
        }
    }
    if let Some(path) = &args.rejects {
        note!("rejected pairs written to {}", shown_path(path));
    }
    let links_gone = counts.links_gone;
    if links_gone > 0 {
        note!(
            "{links_gone} links files of documents no longer in the input removed from {}",
            shown_path(&args.output.join("links"))
        );
    }
}

/// Names for the summary: all of them up to ten, then how many more.
fn named(docs: &[String]) -> String {
    const SHOWN: usize = 10;
    let mut list = docs
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if docs.len() > SHOWN {
        list.push_str(&format!(" and {} more", docs.len() - SHOWN));
    }
    list
}
