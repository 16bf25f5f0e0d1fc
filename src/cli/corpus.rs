//! `zhen-align corpus [INPUT]... [-o DIR]`: every article under the inputs, aligned, into
//! `DIR/corpus.tsv`.
//!
//! Articles are processed in parallel in chunks and written in input order, so memory stays
//! bounded on huge inputs and the output is byte-identical for any thread count. A file that
//! cannot be read or decoded is named on stderr and the run goes on (exit 1); a missing input
//! path or an unwritable output stops the run before anything is written (exit 2).

use super::progress::bar;
use super::{CliError, Common, Outcome};
use crate::export::tsv::{AtomicFile, TsvWriter};
use crate::ingest::decode::decode;
use crate::ingest::files::{collect, missing_roots, InputFile};
use crate::pipeline::{process_article, ArticleResult};
use clap::Args;
use rayon::prelude::*;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct CorpusArgs {
    /// Article files or folders (walked recursively).
    #[arg(default_value = "seeds")]
    pub inputs: Vec<PathBuf>,
    /// Output folder; the corpus is written to DIR/corpus.tsv.
    #[arg(short, long, default_value = "output")]
    pub output: PathBuf,
}

/// Articles aligned in parallel before their rows are written: enough to keep every core
/// busy, few enough that memory does not grow with the corpus.
const CHUNK: usize = 512;

fn process_file(file: &InputFile) -> Result<ArticleResult, String> {
    let bytes = std::fs::read(&file.path).map_err(|e| format!("cannot read: {e}"))?;
    let text = decode(&bytes)?;
    Ok(process_article(&text))
}

pub fn run(args: &CorpusArgs, common: &Common) -> Result<Outcome, CliError> {
    if let Some(missing) = missing_roots(&args.inputs).first() {
        return Err(CliError(format!("{}: no such file or folder", missing.display())));
    }
    std::fs::create_dir_all(&args.output).map_err(|e| CliError::io(&args.output, &e))?;
    let (files, walk_errors) = collect(&args.inputs, Some(&args.output));
    let mut failed = walk_errors.len();
    for e in &walk_errors {
        eprintln!("{}: {}", e.path.display(), e.message);
    }

    let dest = args.output.join("corpus.tsv");
    let mut out = AtomicFile::create(&dest).map_err(|e| CliError::io(&dest, &e))?;
    let mut writer = TsvWriter::new(&mut out).map_err(|e| CliError::io(&dest, &e))?;
    let progress = bar(files.len() as u64, "articles", common.quiet);
    let (mut articles, mut rows) = (0usize, 0usize);
    for chunk in files.chunks(CHUNK) {
        let results: Vec<_> = chunk
            .par_iter()
            .map(|f| {
                let r = process_file(f);
                progress.inc(1);
                r
            })
            .collect();
        for (file, result) in chunk.iter().zip(results) {
            match result {
                Ok(article) => {
                    writer.write_pairs(&file.doc, &article.pairs).map_err(|e| CliError::io(&dest, &e))?;
                    if !common.quiet {
                        progress.suspend(|| eprintln!("{}: {}", file.doc, article.summary()));
                    }
                    articles += 1;
                    rows += article.pairs.len();
                }
                Err(message) => {
                    progress.suspend(|| eprintln!("{}: {}", file.path.display(), message));
                    failed += 1;
                }
            }
        }
    }
    progress.finish_and_clear();
    writer.finish().map_err(|e| CliError::io(&dest, &e))?;
    out.commit().map_err(|e| CliError::io(&dest, &e))?;
    if !common.quiet {
        eprintln!("{} articles, {} pairs written to {}{}", articles, rows, dest.display(), if failed > 0 { format!("; {failed} failed") } else { String::new() });
    }
    Ok(if failed > 0 { Outcome::SomeFailed } else { Outcome::Success })
}
