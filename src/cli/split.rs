//! `zhen-align split`: one sentence a line.
//!
//! This exposes the segmenter on its own, so that users can check (and fix by hand) how a text
//! will be cut before aligning it, and so that its output can feed other tools.
//!
//! Input is decoded as the corpus command decodes articles (`ingest::decode`): legacy
//! encodings such as GBK, Big5 or Latin-1 are detected and decoded, and a few damaged bytes are
//! replaced with a warning, so that `split` shows exactly the sentences `corpus` would align.
//! Input that is not text at all (a binary file) is an error naming it (exit 2).

use super::{count, display_name, read_bytes, CliError, Common, Outcome};
use crate::ingest::decode::decode_report;
use crate::model::Lang;
use crate::segment;
use clap::Args;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct SplitArgs {
    /// Language of the text: zh or en.
    #[arg(long, value_parser = ["zh", "en"])]
    pub lang: String,
    /// File to split; `-` or none for standard input.
    pub file: Option<PathBuf>,
    /// Splitting is sequential: `--threads` (`-j`) is accepted, as by every command, but not
    /// offered in `split --help`. Declared here so that it replaces the shared option for
    /// this command (clap does not copy a global option over one of the same name).
    #[arg(long, short = 'j', hide = true)]
    pub threads: Option<usize>,
    /// Likewise `--max-memory`: splitting aligns nothing.
    #[arg(long, value_name = "MIB", hide = true)]
    pub max_memory: Option<usize>,
}

pub fn run(args: &SplitArgs, common: &Common) -> Result<Outcome, CliError> {
    let lang = parse_lang(&args.lang)?;
    let stdin = PathBuf::from("-");
    let path = args.file.as_ref().unwrap_or(&stdin);
    let (name, bytes) = (display_name(path), read_bytes(path)?);
    let text = decode(&name, &bytes, common.quiet)?;
    let sentences = segment::split_text(&text, lang);
    write_lines(sentences.iter().map(|s| s.text.as_str()))?;
    Ok(Outcome::Success)
}

fn parse_lang(name: &str) -> Result<Lang, CliError> {
    match name {
        "zh" => Ok(Lang::Zh),
        "en" => Ok(Lang::En),
        other => Err(CliError(format!(
            "unknown language {other:?} (expected zh or en)"
        ))),
    }
}

/// The input's text, or an error naming it when it is not text. Replaced byte sequences are
/// worth a warning (the same words as `corpus` uses), unless `--quiet`.
fn decode(name: &str, bytes: &[u8], quiet: bool) -> Result<String, CliError> {
    let decoded = decode_report(bytes).map_err(|e| CliError(format!("{name}: {e}")))?;
    if decoded.replaced > 0 && !quiet {
        note!(
            "{name}: warning: {} replaced ({})",
            count(decoded.replaced, "invalid byte sequence"),
            decoded.encoding
        );
    }
    Ok(decoded.text)
}

/// Print one line per item. A closed pipe (`zhen-align split … | head`) is not an error: the
/// reader simply wanted no more.
fn write_lines<'a>(mut lines: impl Iterator<Item = &'a str>) -> Result<(), CliError> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = lines
        .try_for_each(|line| writeln!(out, "{line}"))
        .and_then(|()| out.flush());
    match result {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(CliError(format!("<stdout>: {e}"))),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_language_names_are_understood() {
        assert_eq!(parse_lang("zh").unwrap(), Lang::Zh);
        assert_eq!(parse_lang("en").unwrap(), Lang::En);
    }

    #[test]
    fn an_unknown_language_is_an_error_naming_it() {
        assert!(parse_lang("fr").unwrap_err().0.contains("\"fr\""));
    }
}
