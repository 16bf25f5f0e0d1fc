//! The `zhen-align` binary: parse the command line, run the command, map the outcome to an
//! exit code (0 all well, 1 some documents failed, 2 usage or I/O error).
//!
//! The binary allocates with mimalloc (its v2 series): the aligner builds and frees many small
//! vectors per document (words, bags, postings, Model 1's per-word lists), which the system
//! allocator serves more slowly; the README's crate table has the measured time and memory,
//! and why not its v3 series.

use clap::Parser;
use std::io::Write;
use std::process::ExitCode;
use zhen_align::cli::{self, Cli, Outcome};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli::run(cli) {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::SomeFailed) => ExitCode::from(1),
        Ok(Outcome::Interrupted) => {
            // A stderr whose reader has gone must not turn the exit code into a panic's.
            let _ = writeln!(std::io::stderr(), "zhen-align: {}", cli::interrupt::MESSAGE);
            ExitCode::from(130)
        }
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "zhen-align: {e}");
            ExitCode::from(2)
        }
    }
}
