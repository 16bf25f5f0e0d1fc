//! `zhen-align align --zh FILE --en FILE`: one document pair, aligned, to stdout.

use super::{read_text, CliError, Common, Outcome};
use crate::align::align_in_passes;
use crate::export::links::LinkIds;
use crate::export::tsv::TsvWriter;
use crate::ingest::clean::paragraphs;
use crate::model::{Lang, Sentence};
use crate::pipeline::pairs_of;
use crate::segment::split_paragraphs;
use clap::{Args, ValueEnum};
use std::io::{BufWriter, Write};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AlignFormat {
    /// The corpus TSV: doc, zh, en, score, link.
    Tsv,
    /// One link a line, `[0,1]:[0]`, every sentence in exactly one link.
    Links,
}

#[derive(Args, Debug)]
pub struct AlignArgs {
    /// The Chinese document.
    #[arg(long)]
    pub zh: PathBuf,
    /// The English document.
    #[arg(long)]
    pub en: PathBuf,
    /// The documents are already split: one sentence a line, taken as is.
    #[arg(long)]
    pub presplit: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "tsv")]
    pub format: AlignFormat,
    #[command(flatten)]
    pub evidence: super::eval::EvidenceArg,
}

/// Sentences of a document: each line as it is when presplit (line k is sentence k, empty
/// lines included, so ids match line numbers), else cleaned and split.
pub fn sentences(text: &str, lang: Lang, presplit: bool) -> Vec<Sentence> {
    if presplit {
        text.lines().map(|l| Sentence::new(l.trim(), 0)).collect()
    } else {
        split_paragraphs(&paragraphs(text), lang)
    }
}

pub fn run(args: &AlignArgs, _common: &Common) -> Result<Outcome, CliError> {
    // The two documents are read, decoded and split side by side.
    let read = |path: &PathBuf, lang: Lang| {
        read_text(path).map(|text| sentences(&text, lang, args.presplit))
    };
    let (zh, en) = rayon::join(|| read(&args.zh, Lang::Zh), || read(&args.en, Lang::En));
    let (zh, en) = (zh?, en?);
    let links = align_in_passes(&zh, &en, args.evidence.evidence, args.evidence.passes);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = match args.format {
        AlignFormat::Links => links
            .iter()
            .try_for_each(|l| writeln!(out, "{}", LinkIds(l))),
        AlignFormat::Tsv => {
            let doc = args.zh.display().to_string();
            TsvWriter::new(&mut out).and_then(|mut w| {
                w.write_pairs(&doc, &pairs_of(&zh, &en, &links))?;
                w.finish().map(|_| ())
            })
        }
    };
    match result.and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(Outcome::Success),
        Err(e) => Err(CliError(format!("writing output: {e}"))),
        Ok(()) => Ok(Outcome::Success),
    }
}
