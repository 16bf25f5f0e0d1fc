//! `zhen-align align --zh FILE --en FILE`: one document pair, aligned, to stdout.

use super::{read_text, shown_path, CliError, Common, Outcome};
use crate::align::doc_score::DocScore;
use crate::align::{align_scored, budget};
use crate::export::html::page;
use crate::export::intertext::triple;
use crate::export::links::{write_scored_links, LinkIds};
use crate::export::tsv::{AtomicFile, TsvWriter};
use crate::export::Document;
use crate::ingest::clean::paragraphs;
use crate::model::Link;
use crate::model::{Lang, Sentence};
use crate::pipeline::{align_presplit_scored, pairs_of, Presplit};
use crate::segment::split_paragraphs;
use clap::{Args, ValueEnum};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AlignFormat {
    /// The corpus TSV: doc, zh, en, score, link.
    Tsv,
    /// One link a line, `[0,1]:[0]`, every sentence in exactly one link.
    Links,
    /// A self-contained review page: both texts side by side per link, scores as colours, a
    /// plot of the alignment path.
    Html,
    /// InterText's three XML files (two texts, one alignment), written into --output DIR.
    Intertext,
}

#[derive(Args, Debug)]
pub struct AlignArgs {
    /// The Chinese document (`-` for standard input).
    #[arg(long)]
    pub zh: PathBuf,
    /// The English document (`-` for standard input).
    #[arg(long)]
    pub en: PathBuf,
    /// The documents are already split: one sentence a line, taken as is.
    #[arg(long)]
    pub presplit: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "tsv")]
    pub format: AlignFormat,
    /// Folder for the files of `--format intertext` (made if missing).
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// With `--format links`: each link's probability as a third field, `[0,1]:[0]:0.9312`
    /// (omissions included); `eval --gold` reads such files.
    #[arg(long)]
    pub link_scores: bool,
    /// Print the document's score and its parts on stderr (see the README's Score section).
    #[arg(long, short)]
    pub verbose: bool,
    #[command(flatten)]
    pub evidence: super::eval::EvidenceArg,
}

/// Sentences of a document, cleaned and split (`stream` splits its `zh`/`en` sides so too).
pub fn sentences(text: &str, lang: Lang) -> Vec<Sentence> {
    split_paragraphs(&paragraphs(text), lang)
}

pub fn run(args: &AlignArgs, common: &Common) -> Result<Outcome, CliError> {
    let intertext_dir = match (args.format, &args.output) {
        (AlignFormat::Intertext, None) => {
            return Err(CliError(
                "--format intertext writes three files: give the folder with --output DIR".into(),
            ))
        }
        (AlignFormat::Intertext, Some(dir)) => Some(dir),
        _ => None,
    };
    if args.link_scores && args.format != AlignFormat::Links {
        return Err(CliError(
            "--link-scores writes the links format's third field: use it with --format links"
                .into(),
        ));
    }
    if super::is_stdin(&args.zh) && super::is_stdin(&args.en) {
        return Err(CliError(
            "--zh and --en cannot both be - (standard input): give one of them as a file".into(),
        ));
    }
    // The two documents are read, decoded and split side by side.
    let (zh, en) = rayon::join(|| read_text(&args.zh), || read_text(&args.en));
    let (zh, en) = (zh?, en?);
    let (evidence, passes) = (args.evidence.evidence, args.evidence.passes);
    // Too large for the memory allowed: named, nothing written, exit 1 as for a corpus
    // document that fails.
    let over_budget = |n_zh: usize, n_en: usize| {
        let e = budget::check(n_zh, n_en, common.memory_budget()).err()?;
        note!("{} + {}: {e}", shown_path(&args.zh), shown_path(&args.en));
        Some(Outcome::SomeFailed)
    };
    let (zh, en, links, score) = if args.presplit {
        // Line k is sentence k, so that ids match line numbers; blank lines are no sentences
        // (see `Presplit`).
        let (zh, en) = rayon::join(|| Presplit::new(&zh), || Presplit::new(&en));
        if let Some(outcome) = over_budget(zh.len(), en.len()) {
            return Ok(outcome);
        }
        let (links, score) = align_presplit_scored(&zh, &en, evidence, passes);
        (zh.lines, en.lines, links, score)
    } else {
        let (zh, en) = rayon::join(|| sentences(&zh, Lang::Zh), || sentences(&en, Lang::En));
        if let Some(outcome) = over_budget(zh.len(), en.len()) {
            return Ok(outcome);
        }
        let (links, score) = align_scored(&zh, &en, evidence, passes);
        (zh, en, links, score)
    };
    say_doc_score(args, common, &score);
    if let Some(dir) = intertext_dir {
        return write_intertext(args, dir, document(args, zh, en, links, score));
    }
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = match args.format {
        AlignFormat::Links if args.link_scores => write_scored_links(&mut out, &links),
        AlignFormat::Links => links
            .iter()
            .try_for_each(|l| writeln!(out, "{}", LinkIds(l))),
        AlignFormat::Html | AlignFormat::Intertext => {
            let d = document(args, zh, en, links, score);
            out.write_all(page(&d, None).as_bytes())
        }
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

/// The document's line with `--verbose`, and a warning when the pair looks wrong (unless
/// `--quiet`), both naming the two files.
fn say_doc_score(args: &AlignArgs, common: &Common, score: &DocScore) {
    if common.quiet {
        return;
    }
    let name = format!("{} + {}", shown_path(&args.zh), shown_path(&args.en));
    if let Some(s) = score.suspicion {
        note!("{name}: warning: {}", s.describe());
    }
    if let Some(moved) = score.moved.describe() {
        note!("{name}: warning: {moved}");
    }
    if args.verbose {
        note!("{name}: document score {}", score.describe());
    }
}

/// The aligned pair as the whole-document formats take it, named as the TSV names it.
fn document(
    args: &AlignArgs,
    zh: Vec<Sentence>,
    en: Vec<Sentence>,
    links: Vec<Link>,
    score: DocScore,
) -> Document {
    let layout = if args.presplit {
        "two files, one sentence a line"
    } else {
        "two files"
    };
    Document {
        doc: args.zh.display().to_string(),
        links,
        zh,
        en,
        layout: layout.into(),
        doc_score: Some(score.score),
        doc_parts: Some(score),
        ..Document::default()
    }
}

/// InterText's three files in `dir`, named after the Chinese file, each written under a
/// temporary name and renamed into place.
fn write_intertext(args: &AlignArgs, dir: &Path, d: Document) -> Result<Outcome, CliError> {
    std::fs::create_dir_all(dir).map_err(|e| CliError::io(dir, &e))?;
    let base = args
        .zh
        .file_name()
        .map_or("document".into(), |n| n.to_string_lossy().into_owned());
    let t = triple(&base, &d.zh, &d.en, &d.links);
    for (name, text) in [
        (&t.zh_name, &t.zh),
        (&t.en_name, &t.en),
        (&t.alignment_name, &t.alignment),
    ] {
        let path = dir.join(name);
        let write = || -> std::io::Result<()> {
            let mut file = AtomicFile::create(&path)?;
            file.write_all(text.as_bytes())?;
            file.commit()
        };
        write().map_err(|e| CliError::io(&path, &e))?;
    }
    Ok(Outcome::Success)
}
