//! `zhen-align eval --intertext DIR`: score the aligner against alignments made or corrected in
//! InterText. Every alignment file under DIR is read with the two texts it names (see
//! [`crate::export::intertext::read`]); the texts' sentences, with their `<p>` paragraphs, are
//! aligned and the result is scored against the file's links, in the same tables as `eval`.
//!
//! A document whose files cannot be read is named on stderr with the file and line of the
//! problem, and the others are scored all the same (exit 1); nothing readable at all is an
//! error (exit 2).

use super::eval::{print_results, score_document, DocResult, EvalArgs};
use super::{read_text, CliError, Common, Outcome};
use crate::export::intertext::read::read_folder;
use rayon::prelude::*;
use std::path::Path;
use std::time::Instant;

pub fn run(args: &EvalArgs, dir: &Path, common: &Common) -> Result<Outcome, CliError> {
    let start = Instant::now();
    if !dir.is_dir() {
        return Err(CliError(format!("{}: no such folder", dir.display())));
    }
    let decode = |path: &Path| read_text(path).map_err(|e| e.0);
    let folder = read_folder(dir, decode).map_err(|e| CliError(e.to_string()))?;
    for e in &folder.errors {
        note!("{e}");
    }
    if folder.documents.is_empty() {
        return Err(CliError(format!(
            "{}: no readable InterText alignment (a file with a <linkGrp fromDoc toDoc>)",
            dir.display()
        )));
    }
    let docs: Vec<DocResult> = folder
        .documents
        .par_iter()
        .map(|d| score_document(args, &d.name, &d.zh, &d.en, &d.gold, None))
        .collect();
    print_results(args, &docs, start, common.quiet)?;
    Ok(if folder.errors.is_empty() {
        Outcome::Success
    } else {
        Outcome::SomeFailed
    })
}
