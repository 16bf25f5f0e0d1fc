//! `zhen-align stream`: JSON lines in on stdin, TSV rows out on stdout, a document at a time.
//!
//! This is what makes zhen-align a mapper for Spark (`rdd.pipe`) and Hadoop Streaming without
//! any code of ours on the cluster side: the engine feeds each partition's records to the
//! process as lines and reads its stdout back as lines.
//!
//! Each input line is one document, either `{"id": …, "text": …}` (a bilingual article, run
//! through exactly the pipeline `corpus` uses, so the rows are the same) or
//! `{"id": …, "zh": …, "en": …}` (the two sides already apart: each is cleaned and split as
//! `zhen-align align` does, then aligned). The id, a string or a number, is the `doc` column.
//!
//! Output is the corpus TSV: the header once, then the rows of each document in input order,
//! flushed after every document so that a consumer sees a document as soon as it is done.
//! Lines are read in batches of as many lines as there are worker threads and each batch is
//! aligned in parallel, then written in order: parallel enough to use the cores, while a
//! batch stays small so a document's rows are not held back for long (`--threads 1` writes
//! each document before reading the next line). A line that is not a valid request is named
//! on stderr by its line number and skipped; the run goes on and exits 1 at the end.

use super::align::sentences;
use super::corpus::FilterArgs;
use super::{shown, CliError, Common, Outcome};
use crate::align::doc_score::DocScore;
use crate::align::{align_scored, budget};
use crate::align::{params::PASSES, Evidence};
use crate::export::filters::Filter;
use crate::export::tsv::TsvWriter;
use crate::model::Lang;
use crate::pipeline::{pairs_of, process_article_within, Pair};
use clap::Args;
use rayon::prelude::*;
use serde_json::value::RawValue;
use serde_json::Value;
use std::io::{self, BufRead, Write};

#[derive(Args, Debug)]
pub struct StreamArgs {
    #[command(flatten)]
    pub filters: FilterArgs,
}

/// What one input line asks for.
#[derive(Debug, Clone, PartialEq)]
enum Request {
    Article { id: String, text: String },
    Sides { id: String, zh: String, en: String },
}

/// One document's result: its id, the pairs to write, the line for stderr.
struct Done {
    id: String,
    pairs: Vec<Pair>,
    summary: String,
    /// The document's score and what looks wrong with it (None when not aligned).
    doc_score: Option<DocScore>,
}

/// Read a request from one line of JSON. The error says what is wrong, for the user to fix.
///
/// A numeric id is kept as written (`123456789012345678901234567890`, `7.50`): read as a
/// float, large ids would round and collide. Its text is taken from the line itself, as a raw
/// JSON value.
fn parse_request(line: &str) -> Result<Request, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("not valid JSON ({e})"))?;
    let object = value.as_object().ok_or("expected a JSON object")?;
    let id = match object.get("id") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(_)) => raw_id(line)?,
        Some(_) => return Err("\"id\" must be a string or a number".into()),
        None => return Err("no \"id\"".into()),
    };
    let text = |key: &str| match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(format!("\"{key}\" must be a string")),
    };
    match (text("text")?, text("zh")?, text("en")?) {
        (Some(text), None, None) => Ok(Request::Article { id, text }),
        (None, Some(zh), Some(en)) => Ok(Request::Sides { id, zh, en }),
        _ => Err("expected either \"text\", or both \"zh\" and \"en\"".into()),
    }
}

/// The `id` member of a JSON object line as written (the last one, as `serde_json` keeps when
/// a key is repeated).
fn raw_id(line: &str) -> Result<String, String> {
    let members: Vec<(String, &RawValue)> = serde_json::from_str::<RawMembers>(line)
        .map_err(|e| format!("not valid JSON ({e})"))?
        .0;
    members
        .into_iter()
        .rev()
        .find(|(key, _)| key == "id")
        .map(|(_, raw)| raw.get().to_string())
        .ok_or_else(|| "no \"id\"".to_string())
}

/// A JSON object's members in order, each value as its raw text.
struct RawMembers<'a>(Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> serde::Deserialize<'de> for RawMembers<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Members<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Members<'a> {
            type Value = RawMembers<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                mut map: M,
            ) -> Result<Self::Value, M::Error> {
                let mut members = Vec::new();
                while let Some(entry) = map.next_entry::<String, &'de RawValue>()? {
                    members.push(entry);
                }
                Ok(RawMembers(members))
            }
        }
        d.deserialize_map(Members(std::marker::PhantomData))
    }
}

/// Align one request, or say why not: a document whose alignment could need more than
/// `budget` bytes is named and skipped.
fn process(request: Request, budget: usize) -> Result<Done, String> {
    Ok(match request {
        Request::Article { id, text } => {
            let article = process_article_within(&text, budget, Evidence::default(), PASSES)
                .map_err(|e| format!("{id}: {e}"))?;
            Done {
                id,
                summary: article.summary(),
                pairs: article.pairs,
                doc_score: article.doc_score,
            }
        }
        Request::Sides { id, zh, en } => {
            let (zh, en) = (sentences(&zh, Lang::Zh), sentences(&en, Lang::En));
            budget::check(zh.len(), en.len(), budget)
                .map_err(|e| format!("{}: {e}", shown(&id)))?;
            let (links, score) = align_scored(&zh, &en, Evidence::default(), PASSES);
            let pairs = pairs_of(&zh, &en, &links);
            let summary = format!(
                "{} zh / {} en sentences; {} pairs; document score {}",
                zh.len(),
                en.len(),
                pairs.len(),
                score.describe()
            );
            Done {
                id,
                pairs,
                summary,
                doc_score: Some(score),
            }
        }
    })
}

/// The UTF-8 byte-order mark, allowed before the first line.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The next batch of at most `size` lines, each with its 1-based number; empty at the end of
/// input. Lines that are not UTF-8 come back as errors so they can be reported by number.
fn read_batch(
    input: &mut impl BufRead,
    size: usize,
    line_no: &mut usize,
) -> io::Result<Vec<(usize, Result<String, String>)>> {
    let mut batch = Vec::with_capacity(size);
    let mut buf = Vec::new();
    while batch.len() < size {
        buf.clear();
        if input.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        *line_no += 1;
        if *line_no == 1 && buf.starts_with(UTF8_BOM) {
            buf.drain(..UTF8_BOM.len()); // Windows tools start a UTF-8 file with one
        }
        let line = String::from_utf8(std::mem::take(&mut buf)).map_err(|_| "not UTF-8".to_string());
        match line {
            Ok(l) if l.trim().is_empty() => continue, // a blank line is no request
            other => batch.push((*line_no, other)),
        }
    }
    Ok(batch)
}

/// Where stream output goes, and what has gone wrong so far.
struct Output<W: Write> {
    tsv: TsvWriter<W>,
    filter: Filter,
    bad_lines: usize,
    documents: usize,
    /// Documents under `--min-doc-score`.
    low_documents: usize,
    quiet: bool,
}

impl<W: Write> Output<W> {
    /// Write one line's outcome and flush: rows for a document, a message for a bad line.
    fn emit(&mut self, line_no: usize, outcome: Result<Done, String>) -> io::Result<()> {
        match outcome {
            Err(why) => {
                note!("line {line_no}: {why}");
                self.bad_lines += 1;
            }
            Ok(done) => {
                let score = done.doc_score.map(|d| d.score);
                let low = self.filter.drops_document(score);
                let (kept, _) = self.filter.apply_document(done.pairs, score);
                self.tsv.write_pairs(&done.id, &kept)?;
                self.tsv.flush()?;
                self.documents += 1;
                self.low_documents += usize::from(low);
                if !self.quiet {
                    let id = shown(&done.id);
                    if let Some(s) = done.doc_score.and_then(|d| d.suspicion) {
                        note!("{id}: warning: {}", s.describe());
                    }
                    if let Some(moved) = done.doc_score.and_then(|d| d.moved.describe()) {
                        note!("{id}: warning: {moved}");
                    }
                    let low = if low {
                        "; under --min-doc-score, no pair written"
                    } else {
                        ""
                    };
                    note!("{id}: {}{low}", done.summary);
                }
            }
        }
        Ok(())
    }
}

/// Why a stream stopped early: a usage or input error, or stdout failing (which may just mean
/// the reader went away).
#[derive(Debug)]
enum Stop {
    Cli(CliError),
    Write(io::Error),
}

impl From<CliError> for Stop {
    fn from(e: CliError) -> Stop {
        Stop::Cli(e)
    }
}

/// Run the stream over any input and output (stdin and stdout in the command, buffers in tests).
fn run_stream<R: BufRead, W: Write>(
    mut input: R,
    out: W,
    filters: &FilterArgs,
    quiet: bool,
    budget: usize,
) -> Result<Outcome, Stop> {
    let filter = Filter::new(filters.config()?);
    let mut tsv = TsvWriter::new(out).map_err(Stop::Write)?;
    tsv.flush().map_err(Stop::Write)?; // the header at once, even before the first document
    let mut output = Output {
        tsv,
        filter,
        bad_lines: 0,
        documents: 0,
        low_documents: 0,
        quiet,
    };
    let batch_size = rayon::current_num_threads().max(1);
    let mut line_no = 0;
    loop {
        let batch = read_batch(&mut input, batch_size, &mut line_no)
            .map_err(|e| CliError(format!("reading stdin: {e}")))?;
        if batch.is_empty() {
            break;
        }
        let results: Vec<(usize, Result<Done, String>)> = batch
            .into_par_iter()
            .map(|(n, line)| {
                let done = line
                    .and_then(|l| parse_request(&l))
                    .and_then(|r| process(r, budget));
                (n, done)
            })
            .collect();
        for (n, outcome) in results {
            output.emit(n, outcome).map_err(Stop::Write)?;
        }
    }
    if !quiet {
        let bad = if output.bad_lines > 0 {
            format!("; {} bad lines", output.bad_lines)
        } else {
            String::new()
        };
        let low = if output.low_documents > 0 {
            format!(
                "; {} under --min-doc-score, no pair written (named above)",
                output.low_documents
            )
        } else {
            String::new()
        };
        note!("{} documents{bad}{low}", output.documents);
        if output.filter.config().is_active() {
            note!("{}", output.filter.summary());
        }
    }
    Ok(if output.bad_lines > 0 {
        Outcome::SomeFailed
    } else {
        Outcome::Success
    })
}

pub fn run(args: &StreamArgs, common: &Common) -> Result<Outcome, CliError> {
    match run_stream(
        io::stdin().lock(),
        io::stdout().lock(),
        &args.filters,
        common.quiet,
        common.memory_budget(),
    ) {
        Ok(outcome) => Ok(outcome),
        Err(Stop::Cli(e)) => Err(e),
        // The reader went away (`| head`): nothing more is wanted, which is no failure.
        Err(Stop::Write(e)) if e.kind() == io::ErrorKind::BrokenPipe => Ok(Outcome::Success),
        Err(Stop::Write(e)) => Err(CliError(format!("writing output: {e}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_an_article_or_two_sides() {
        assert_eq!(
            parse_request(r#"{"id": "a", "text": "x"}"#),
            Ok(Request::Article {
                id: "a".into(),
                text: "x".into()
            })
        );
        assert_eq!(
            parse_request(r#"{"id": 7, "zh": "甲", "en": "A"}"#),
            Ok(Request::Sides {
                id: "7".into(),
                zh: "甲".into(),
                en: "A".into()
            })
        );
    }

    #[test]
    fn a_bad_request_says_what_is_wrong() {
        assert!(parse_request("{").unwrap_err().contains("not valid JSON"));
        assert!(parse_request("[1]").unwrap_err().contains("object"));
        assert!(parse_request(r#"{"text": "x"}"#)
            .unwrap_err()
            .contains("\"id\""));
        assert!(parse_request(r#"{"id": [1], "text": "x"}"#)
            .unwrap_err()
            .contains("\"id\""));
        assert!(parse_request(r#"{"id": 1, "zh": "甲"}"#)
            .unwrap_err()
            .contains("both"));
        assert!(parse_request(r#"{"id": 1, "text": "x", "zh": "甲", "en": "A"}"#).is_err());
        assert!(parse_request(r#"{"id": 1, "text": 3}"#)
            .unwrap_err()
            .contains("string"));
    }

    #[test]
    fn bad_lines_are_named_and_the_rest_still_written() {
        let mut input = "{\"id\":\"a\",\"zh\":\"你好。\",\"en\":\"Hello.\"}\nnot json\n\n"
            .as_bytes()
            .to_vec();
        input.extend_from_slice(b"\xff\n"); // not UTF-8
        input
            .extend_from_slice("{\"id\":\"b\",\"zh\":\"再见。\",\"en\":\"Goodbye.\"}\n".as_bytes());
        let mut out = Vec::new();
        let outcome = run_stream(
            &input[..],
            &mut out,
            &FilterArgs::default(),
            true,
            usize::MAX,
        )
        .unwrap();
        assert_eq!(outcome, Outcome::SomeFailed);
        let out = String::from_utf8(out).unwrap();
        let docs: Vec<&str> = out.lines().map(|l| l.split('\t').next().unwrap()).collect();
        assert_eq!(docs, ["doc", "a", "b"]);
    }

    #[test]
    fn a_numeric_id_is_kept_as_written() {
        let id = |line: &str| match parse_request(line).unwrap() {
            Request::Article { id, .. } | Request::Sides { id, .. } => id,
        };
        assert_eq!(
            id(r#"{"id": 123456789012345678901234567890, "text": "x"}"#),
            "123456789012345678901234567890"
        );
        assert_eq!(id(r#"{"text": "x", "id" : 7.50}"#), "7.50");
        assert_eq!(id(r#"{"id": 1, "id": -2e3, "text": "x"}"#), "-2e3");
        assert_eq!(id(r#"{"id": "a\nb", "text": "x"}"#), "a\nb");
    }

    #[test]
    fn a_bom_before_the_first_line_is_no_part_of_it() {
        let input = "\u{FEFF}{\"id\":\"a\",\"zh\":\"你好。\",\"en\":\"Hello.\"}\n";
        let mut out = Vec::new();
        let outcome = run_stream(
            input.as_bytes(),
            &mut out,
            &FilterArgs::default(),
            true,
            usize::MAX,
        )
        .unwrap();
        assert_eq!(outcome, Outcome::Success);
        assert!(String::from_utf8(out).unwrap().contains("\na\t"));
    }

    #[test]
    fn no_input_is_just_the_header() {
        let mut out = Vec::new();
        assert_eq!(
            run_stream(&b""[..], &mut out, &FilterArgs::default(), true, usize::MAX).unwrap(),
            Outcome::Success
        );
        assert_eq!(out, b"doc\tzh\ten\tscore\tlink\n");
    }
}
