//! The command line: one module per command, sharing the options and error type defined here.
//!
//! The commands, options, TSV header and link format are a contract that users' scripts rely
//! on: extend them, never break them.

use clap::{Args, Parser, Subcommand};

pub mod align;
pub mod corpus;
pub mod eval;
pub mod eval_intertext;
pub mod interrupt;
pub mod progress;
pub mod split;
pub mod stream;

#[derive(Parser, Debug)]
#[command(
    name = "zhen-align",
    version,
    about = "Sentence-aligned Chinese–English parallel corpora from bilingual articles"
)]
pub struct Cli {
    #[command(flatten)]
    pub common: Common,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Align every article under the inputs and write DIR/corpus.tsv (and other formats).
    Corpus(corpus::CorpusArgs),
    /// Align one Chinese document with one English document and print the result.
    Align(align::AlignArgs),
    /// Split a text into sentences, one a line.
    Split(split::SplitArgs),
    /// Align a gold-annotated set and print strict and lax precision, recall and F1.
    Eval(eval::EvalArgs),
    /// Read JSON lines ({"id","text"} or {"id","zh","en"}) on stdin, write TSV rows to stdout.
    Stream(stream::StreamArgs),
}

/// The heading under which `--help` lists the options every command shares, apart from the
/// command's own.
pub const SHARED: &str = "Shared options";

/// Options every command takes (`split`, single-threaded, accepts `--threads` without
/// offering it: see `split::SplitArgs`).
#[derive(Args, Debug, Clone)]
pub struct Common {
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j', global = true, value_name = "N", help_heading = SHARED)]
    pub threads: Option<usize>,
    /// Print nothing on stderr but errors.
    #[arg(long, short, global = true, help_heading = SHARED)]
    pub quiet: bool,
    /// Memory one document's alignment may take, in MiB. A document that could need more
    /// (judged from its sentence counts before anything is allocated) is skipped and named
    /// (exit 1), and the others are processed. With several threads, that many documents may
    /// each take this much at once.
    #[arg(long, global = true, value_name = "MIB", default_value_t = DEFAULT_MAX_MEMORY_MIB, help_heading = SHARED)]
    pub max_memory: usize,
}

/// The default of `--max-memory`: 4 GiB. The bound (`align::budget`) of the 200k × 160k
/// sentence benchmark pair is 2.0 GiB (it takes 0.7), of a 20 MB article repeating one
/// paragraph, 279k sentences a side, 2.9 GiB (it takes 0.7); two threads with such documents
/// fit in 8 GiB.
pub const DEFAULT_MAX_MEMORY_MIB: usize = 4096;

impl Common {
    /// `--max-memory` in bytes.
    pub fn memory_budget(&self) -> usize {
        self.max_memory.saturating_mul(1 << 20)
    }
}

/// How a command ended, mapped to the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything went well: exit 0.
    Success,
    /// Some documents failed and were named on stderr; the rest were processed: exit 1.
    SomeFailed,
    /// Stopped by Ctrl-C before anything was renamed into place: exit 130, as a shell reports
    /// a process ended by SIGINT.
    Interrupted,
}

/// A usage or I/O error that stops the command: exit 2.
#[derive(Debug)]
pub struct CliError(pub String);

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl CliError {
    pub fn io(path: &std::path::Path, err: &std::io::Error) -> Self {
        CliError(format!("{}: {}", path.display(), err))
    }
}

/// `1 article`, `2 articles`.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Set up the rayon pool once, before any parallel work.
pub fn init_threads(common: &Common) -> Result<(), CliError> {
    if let Some(n) = common.threads {
        if n == 0 {
            return Err(CliError("--threads must be at least 1".into()));
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .map_err(|e| CliError(format!("cannot start {n} threads: {e}")))?;
    }
    Ok(())
}

/// `-` as a file name: standard input, as in most command-line tools.
pub fn is_stdin(path: &std::path::Path) -> bool {
    path.as_os_str() == "-"
}

/// The name a path is called by in messages: `<stdin>` for `-`.
pub fn display_name(path: &std::path::Path) -> String {
    if is_stdin(path) {
        "<stdin>".into()
    } else {
        path.display().to_string()
    }
}

/// The bytes of a file, or of standard input for `-`, naming it on error.
pub fn read_bytes(path: &std::path::Path) -> Result<Vec<u8>, CliError> {
    if is_stdin(path) {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes)
            .map_err(|e| CliError(format!("<stdin>: {e}")))?;
        return Ok(bytes);
    }
    std::fs::read(path).map_err(|e| CliError::io(path, &e))
}

/// Read a whole file (or standard input, for `-`) as text, decoded as `ingest::decode` does
/// (BOMs, UTF-16, legacy Chinese encodings), naming the file on error.
pub fn read_text(path: &std::path::Path) -> Result<String, CliError> {
    let bytes = read_bytes(path)?;
    crate::ingest::decode::decode(&bytes)
        .map_err(|e| CliError(format!("{}: {}", display_name(path), e)))
}

pub fn run(cli: Cli) -> Result<Outcome, CliError> {
    init_threads(&cli.common)?;
    interrupt::install();
    let common = &cli.common;
    match &cli.command {
        Command::Corpus(args) => corpus::run(args, common),
        Command::Align(args) => align::run(args, common),
        Command::Split(args) => split::run(args, common),
        Command::Eval(args) => eval::run(args, common),
        Command::Stream(args) => stream::run(args, common),
    }
}
