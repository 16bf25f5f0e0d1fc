//! The command line: one module per command, sharing the options and error type defined here.
//!
//! The commands, options, TSV header and link format are a contract that users' scripts rely
//! on: extend them, never break them.

use clap::{Args, Parser, Subcommand};
use std::borrow::Cow;
use std::path::Path;

pub mod align;
pub mod balance;
pub mod corpus;
pub mod documents;
pub mod eval;
pub mod eval_intertext;
pub mod interrupt;
pub mod outputs;
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
        CliError(format!("{}: {}", shown_path(path), err))
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

/// At most this many worker threads per core. The work is CPU-bound, so threads beyond the
/// cores only take memory (a stack each) and scheduling; a few per core leave room for
/// waiting on slow disks. `--threads 5000` used to hang starting its threads.
const MAX_THREADS_PER_CORE: usize = 4;

/// Set up the rayon pool once, before any parallel work. A count above what the machine can
/// use is lowered, with a note.
pub fn init_threads(common: &Common) -> Result<(), CliError> {
    if let Some(asked) = common.threads {
        if asked == 0 {
            return Err(CliError("--threads must be at least 1".into()));
        }
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let most = cores * MAX_THREADS_PER_CORE;
        let n = asked.min(most);
        if n < asked && !common.quiet {
            note!(
                "zhen-align: note: --threads {asked} is more than this machine can use; \
                 using {n} ({MAX_THREADS_PER_CORE} per core)"
            );
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .map_err(|e| CliError(format!("cannot start {n} threads: {e}")))?;
    }
    Ok(())
}

/// `-` as a file name: standard input, as in most command-line tools.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The name a path is called by in messages: `<stdin>` for `-`, else [`shown_path`].
pub fn display_name(path: &Path) -> String {
    if is_stdin(path) {
        "<stdin>".into()
    } else {
        shown_path(path)
    }
}

/// The bytes of a file, or of standard input for `-`, naming it on error. Inputs over
/// `ingest::read::MAX_INPUT_BYTES` are refused, as `corpus` refuses them, standard input too.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, CliError> {
    let named = |e: String| CliError(format!("{}: {}", display_name(path), e));
    if is_stdin(path) {
        return crate::ingest::read::read_capped(std::io::stdin().lock(), 0).map_err(named);
    }
    crate::ingest::read::read_bounded(path).map_err(named)
}

/// Read a whole file (or standard input, for `-`) as text, decoded as `ingest::decode` does
/// (BOMs, UTF-16, legacy Chinese encodings), naming the file on error.
pub fn read_text(path: &Path) -> Result<String, CliError> {
    let bytes = read_bytes(path)?;
    crate::ingest::decode::decode(&bytes)
        .map_err(|e| CliError(format!("{}: {}", display_name(path), e)))
}

/// A name from the input (a stream id, a file name) fit for one line of stderr: control
/// characters (a newline, an escape sequence) and the Unicode line separators are written as
/// Rust escapes, so that a name cannot break a message in two or drive the terminal.
pub fn shown(name: &str) -> Cow<'_, str> {
    let special = |c: char| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}');
    if !name.chars().any(special) {
        return Cow::Borrowed(name);
    }
    let mut out = String::with_capacity(name.len() + 8);
    for c in name.chars() {
        if special(c) {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Longest path shown whole in a message; longer ones (a path past PATH_MAX runs to thousands
/// of bytes) keep their two ends.
const SHOWN_PATH_CHARS: usize = 200;

/// A path for a message: [`shown`], and shortened in the middle when very long.
pub fn shown_path(path: &Path) -> String {
    let text = path.display().to_string();
    let text = shown(&text);
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= SHOWN_PATH_CHARS {
        return text.into_owned();
    }
    let half = SHOWN_PATH_CHARS / 2;
    let head: String = chars[..half].iter().collect();
    let tail: String = chars[chars.len() - half..].iter().collect();
    format!("{head}…{tail}")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_with_control_characters_are_shown_escaped() {
        assert_eq!(shown("a\nb\u{1b}[31m\u{2028}"), "a\\nb\\u{1b}[31m\\u{2028}");
        assert!(matches!(shown("新闻 a.txt"), Cow::Borrowed(_)));
    }

    #[test]
    fn a_very_long_path_is_shown_by_its_two_ends() {
        let long = format!("start/{}/end.txt", "a/".repeat(3000));
        let shown = shown_path(Path::new(&long));
        assert!(
            shown.starts_with("start/a/") && shown.ends_with("a//end.txt"),
            "{shown}"
        );
        assert_eq!(shown.chars().count(), SHOWN_PATH_CHARS + 1);
    }
}
