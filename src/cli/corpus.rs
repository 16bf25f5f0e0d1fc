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
//!   `remove_stale_temporaries`), so that crashed jobs do not pile up hidden copies of the
//!   corpus.

use super::documents::{describe_paths, partner_hint, process, Failure, Processed, Tally};
use super::interrupt::{interrupted, watch};
use super::outputs::check_rejects_path;
use super::progress::CorpusProgress;
use super::{count, is_stdin, shown_path, CliError, Common, Outcome};
use crate::export::filters::{Filter, FilterConfig, Reason};
use crate::export::rejects::RejectsWriter;
use crate::export::tsv::{parse_temporary_name, AtomicFile, TsvWriter};
use crate::export::{Document, Format, Sink};
use crate::hash::fnv1a_64;
use crate::ingest::files::{collect, missing_roots};
use crate::ingest::pairs::{documents, Source};
use crate::pipeline::{ArticleResult, Pair};
use clap::{Args, ValueEnum};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::str::FromStr;

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

/// `--shard K/N`: the files whose document name hashes to K-1 modulo N.
///
/// The document name (the path relative to the input root) is hashed with FNV-1a, which is the
/// same on every machine and every build, so N jobs given the same inputs and K = 1..N process
/// every file exactly once. Hashing the name rather than taking every N-th file keeps a file in
/// its shard when others are added or removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub k: u64,
    pub n: u64,
}

impl FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> Result<Shard, String> {
        let (k, n) = s.split_once('/').ok_or("expected K/N, e.g. 1/4")?;
        let k: u64 = k
            .trim()
            .parse()
            .map_err(|_| format!("shard number {k:?} is not a whole number"))?;
        let n: u64 = n
            .trim()
            .parse()
            .map_err(|_| format!("shard count {n:?} is not a whole number"))?;
        if n == 0 || k == 0 || k > n {
            return Err(format!("K must be between 1 and N in K/N, got {k}/{n}"));
        }
        Ok(Shard { k, n })
    }
}

impl Shard {
    pub fn contains(&self, doc: &str) -> bool {
        fnv1a_64(doc.as_bytes()) % self.n == self.k - 1
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

/// Remove the temporary files that runs killed before committing left in the places this run
/// writes to: `.corpus.*.tmp-PID` in the output folder (every format, asked for this time or
/// not), the per-document files' (`.<doc>.links.tmp-PID` under `links/`, pages under `review/`,
/// XML files under `intertext/`) when that format is written, and the rejects file's.
///
/// A file is stale when the process named in it is not running: it can never be committed.
/// Only Linux can say so cheaply (`/proc/PID`); elsewhere, or without `/proc`, every process is
/// taken as running and nothing is removed, since removing a live run's file would make its
/// final rename fail. Our own id is always live. A reused process id only keeps a stale file a
/// little longer. Two machines writing to one output folder on a shared file system cannot see
/// each other's processes — that set-up is unsupported anyway, the last rename winning; shards
/// each get their own folder.
fn remove_stale_temporaries(args: &CorpusArgs, quiet: bool) {
    let mut stale = stale_in(&args.output, |dest| dest.starts_with("corpus."));
    let stale_folders = stale_folders_in(&args.output);
    // The per-document folders, and the suffix of the files each holds.
    let per_document = [
        (Format::Links, "links", ".links"),
        (Format::Html, "review", ".html"),
        (Format::Intertext, "intertext", ".xml"),
    ];
    for (format, name, suffix) in per_document {
        let dir = args.output.join(name);
        if args.format.contains(&format) && dir.is_dir() {
            stale.extend(
                folders_under(&dir)
                    .iter()
                    .flat_map(|d| stale_in(d, |dest| dest.ends_with(suffix))),
            );
        }
    }
    if let Some(rejects) = &args.rejects {
        let dir = rejects
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if let Some(name) = rejects.file_name().and_then(|n| n.to_str()) {
            stale.extend(stale_in(dir, |dest| dest == name));
        }
    }
    for path in stale_folders {
        let outcome = match std::fs::remove_dir_all(&path) {
            Ok(()) => "removed stale temporary folder of a run that did not finish".to_string(),
            Err(e) => format!("warning: cannot remove stale temporary folder: {e}"),
        };
        if !quiet {
            eprintln!("{}: {outcome}", shown_path(&path));
        }
    }
    for path in stale {
        let outcome = match std::fs::remove_file(&path) {
            Ok(()) => "removed stale temporary file of a run that did not finish".to_string(),
            Err(e) => format!("warning: cannot remove stale temporary file: {e}"),
        };
        if !quiet {
            eprintln!("{}: {outcome}", shown_path(&path));
        }
    }
}

/// The links folders (`.links.tmp-PID`, `.links.old-PID`, see `export::links_dir`) that runs
/// no longer running left directly in `dir`.
fn stale_folders_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut stale: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter(|e| {
            let name = e.file_name();
            let parsed = name.to_str().and_then(parse_temporary_name);
            parsed.is_some_and(|(dest, pid)| {
                matches!(dest, "links" | "links.old") && !may_be_running(pid)
            })
        })
        .map(|e| e.path())
        .collect();
    stale.sort();
    stale
}

/// The regular files directly in `dir` named by the temporary-file scheme for a destination
/// `wanted`, whose process is not running. An unreadable folder has none.
fn stale_in(dir: &Path, wanted: impl Fn(&str) -> bool) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut stale: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| {
            let name = e.file_name();
            let parsed = name.to_str().and_then(parse_temporary_name);
            parsed.is_some_and(|(dest, pid)| wanted(dest) && !may_be_running(pid))
        })
        .map(|e| e.path())
        .collect();
    stale.sort();
    stale
}

/// `root` and every folder under it, symbolic links not followed (the links tree is ours and
/// holds none; following them could loop). Iterative, so depth cannot overflow the stack.
fn folders_under(root: &Path) -> Vec<PathBuf> {
    let (mut found, mut todo) = (Vec::new(), vec![root.to_path_buf()]);
    while let Some(dir) = todo.pop() {
        if let Ok(entries) = std::fs::read_dir(&dir) {
            let subfolders = entries
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()));
            todo.extend(subfolders.map(|e| e.path()));
        }
        found.push(dir);
    }
    found
}

/// Whether process `pid` may be running (see `remove_stale_temporaries`): certainly when it
/// is us, and whenever `/proc` cannot tell.
fn may_be_running(pid: u32) -> bool {
    let proc = Path::new("/proc");
    if pid == std::process::id() || !cfg!(target_os = "linux") || !proc.join("self").exists() {
        return true;
    }
    proc.join(pid.to_string()).exists()
}

/// Formats asked for, each once, in a fixed order.
fn formats(asked: &[Format]) -> Vec<Format> {
    let mut formats = asked.to_vec();
    formats.sort();
    formats.dedup();
    formats
}

/// Where the rows go: the files of every format asked for, or (`-o -`) the TSV on stdout,
/// flushed article by article so that a reader downstream gets them as they come.
enum Output {
    Files(Box<Sink>),
    Stdout(Box<TsvWriter<std::io::BufWriter<std::io::Stdout>>>),
}

/// Where the run writes: the outputs, the filters and the rejects file, with the counts.
struct Writer {
    output: Output,
    filter: Filter,
    rejects: Option<(RejectsWriter<AtomicFile>, PathBuf)>,
    articles: usize,
    rows: usize,
    /// Articles skipped (not bilingual), by the reason printed for them.
    skipped: BTreeMap<String, usize>,
}

fn io_err(e: std::io::Error) -> CliError {
    CliError(e.to_string())
}

fn stdout_err(e: std::io::Error) -> CliError {
    CliError(format!("<stdout>: {e}"))
}

impl Writer {
    fn open(args: &CorpusArgs, config: FilterConfig) -> Result<Writer, CliError> {
        let output = if is_stdin(&args.output) {
            let out = std::io::BufWriter::new(std::io::stdout());
            Output::Stdout(Box::new(TsvWriter::new(out).map_err(stdout_err)?))
        } else {
            Output::Files(Box::new(
                Sink::create(&args.output, &formats(&args.format)).map_err(io_err)?,
            ))
        };
        let rejects = match &args.rejects {
            None => None,
            Some(path) => {
                let file = AtomicFile::create(path).map_err(|e| CliError::io(path, &e))?;
                Some((
                    RejectsWriter::new(file).map_err(|e| CliError::io(path, &e))?,
                    path.clone(),
                ))
            }
        };
        Ok(Writer {
            output,
            filter: Filter::new(config),
            rejects,
            articles: 0,
            rows: 0,
            skipped: BTreeMap::new(),
        })
    }

    fn write(&mut self, doc: &str, article: &ArticleResult) -> Result<(), CliError> {
        let mut document = Document::of_article(doc, article);
        let pairs = std::mem::take(&mut document.pairs);
        let (kept, dropped) = self.filter.apply(pairs);
        document.pairs = kept;
        match &mut self.output {
            Output::Files(sink) => sink.write(&document).map_err(io_err)?,
            Output::Stdout(tsv) => tsv
                .write_pairs(doc, &document.pairs)
                .and_then(|()| tsv.flush())
                .map_err(stdout_err)?,
        }
        self.write_rejects(doc, &dropped)?;
        self.articles += 1;
        self.rows += document.pairs.len();
        if !article.layout.is_bilingual() {
            *self.skipped.entry(article.layout.describe()).or_default() += 1;
        }
        Ok(())
    }

    fn write_rejects(&mut self, doc: &str, dropped: &[(Pair, Reason)]) -> Result<(), CliError> {
        match &mut self.rejects {
            Some((w, path)) => w.write(doc, dropped).map_err(|e| CliError::io(path, &e)),
            None => Ok(()),
        }
    }

    /// Put every file in place; what the run summary tells.
    fn finish(self) -> Result<Written, CliError> {
        let rejects = match self.rejects {
            Some((w, path)) => {
                let mut file = w.finish().map_err(|e| CliError::io(&path, &e))?;
                file.sync().map_err(|e| CliError::io(&path, &e))?;
                Some((file, path))
            }
            None => None,
        };
        let links_gone = match self.output {
            Output::Files(sink) => sink.finish().map_err(io_err)?,
            Output::Stdout(tsv) => tsv.finish().map(|_| 0).map_err(stdout_err)?,
        };
        if let Some((file, path)) = rejects {
            file.commit().map_err(|e| CliError::io(&path, &e))?;
        }
        Ok(Written {
            articles: self.articles,
            rows: self.rows,
            skipped: self.skipped,
            filter: self.filter,
            links_gone,
        })
    }
}

/// What a finished run wrote, for its summary.
struct Written {
    articles: usize,
    rows: usize,
    /// Articles skipped (not bilingual), by the reason printed for them.
    skipped: BTreeMap<String, usize>,
    filter: Filter,
    /// Links files of documents no longer in the input, removed with the old links folder.
    links_gone: usize,
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
        eprintln!("{}: {}", shown_path(&e.path), e.message);
    }
    for root in roots.iter().filter(|r| r.is_dir()) {
        if !quiet && !files.iter().any(|f| f.path.starts_with(root)) {
            eprintln!("{}: warning: no articles in this folder", shown_path(root));
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
    if let Some(rejects) = &args.rejects {
        let outputs: Vec<PathBuf> = formats(&args.format)
            .iter()
            .flat_map(|f| f.paths(&args.output))
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
        let results: Vec<_> = chunk
            .par_iter()
            .map(|f| {
                // After Ctrl-C the rest of the chunk is not worked on: nothing more is written.
                if interrupted() {
                    return Err(Failure::Error(String::new()));
                }
                let r = process(f, budget, evidence, passes);
                progress.article_done(r.as_ref().map_or(0, |p| sentences_aligned(&p.article)));
                r
            })
            .collect();
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
        eprintln!("{}", tally.summary());
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
            if warn || verbose {
                progress.suspend(|| {
                    if warn {
                        eprintln!(
                            "{doc}: warning: {} replaced ({})",
                            count(p.replaced, "invalid byte sequence"),
                            p.encoding
                        );
                    }
                    if verbose {
                        let hint = partner_hint(file, &p.article);
                        eprintln!("{doc}: {}{hint}", p.article.summary());
                    }
                });
            }
        }
        Err(Failure::NotText(kind)) => {
            tally.not_text += 1;
            if !quiet {
                progress
                    .suspend(|| eprintln!("{}: skipped (not text: {kind})", describe_paths(file)));
            }
        }
        Err(Failure::Error(message)) => {
            tally.failed += 1;
            progress.suspend(|| eprintln!("{}: {}", describe_paths(file), message));
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
    eprintln!(
        "{}{shard}, {} written to {}{skipped}{failed}",
        count(counts.articles, "article"),
        count(counts.rows, "pair"),
        written.join(", ")
    );
    let filter = &counts.filter;
    if filter.config().is_active() {
        eprintln!("{}", filter.summary());
        if filter.summary().seen > 0 && filter.summary().kept == 0 {
            eprintln!("warning: the filters dropped every pair; the corpus is empty");
        }
    }
    if let Some(path) = &args.rejects {
        eprintln!("rejected pairs written to {}", shown_path(path));
    }
    let links_gone = counts.links_gone;
    if links_gone > 0 {
        eprintln!(
            "{links_gone} links files of documents no longer in the input removed from {}",
            shown_path(&args.output.join("links"))
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn we_and_processes_we_cannot_judge_count_as_running() {
        assert!(may_be_running(std::process::id()));
        if cfg!(target_os = "linux") && Path::new("/proc/self").exists() {
            // Above PID_MAX_LIMIT (2^22), so no Linux process ever has it.
            assert!(!may_be_running(9_999_999));
        }
    }

    #[test]
    fn a_shard_is_k_of_n_counted_from_one() {
        assert_eq!("2/4".parse::<Shard>(), Ok(Shard { k: 2, n: 4 }));
        for bad in ["0/4", "5/4", "1/0", "1", "a/b", "-1/2"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }

    #[test]
    fn every_document_is_in_exactly_one_shard() {
        let docs: Vec<String> = (0..200).map(|i| format!("folder/{i}.txt")).collect();
        for n in 1..6 {
            for doc in &docs {
                let owners = (1..=n).filter(|&k| Shard { k, n }.contains(doc)).count();
                assert_eq!(owners, 1, "{doc} in {owners} of {n} shards");
            }
        }
    }

    #[test]
    fn shards_do_not_depend_on_the_machine() {
        // FNV-1a of "a.txt" is 0x7ed582b5571bbd5a, fixed by its constants: 2 modulo 4, so shard
        // 3/4 everywhere. A change here would reshuffle every job array.
        assert!(Shard { k: 3, n: 4 }.contains("a.txt"));
        assert!(Shard { k: 1, n: 1 }.contains("anything"));
    }
}
