//! What `eval` prints: the F1 table, the table by shape, the score's reliability on stdout;
//! the timing on stderr; and the `--calibration-data` file.

use super::{DocResult, EvalArgs};
use crate::align::calibration::FEATURES;
use crate::cli::CliError;
use crate::eval::{self, Counts, Prf, Reliability, ShapeCounts};
use std::io::Write;
use std::time::{Duration, Instant};

/// The tables of a scored set on stdout (per document and `all`, by shape when asked, the
/// score's reliability) and the timing on stderr.
///
/// Written whole at the end and without `print!`, which panics when stdout is closed or full: a
/// reader that went away (`| head`) wanted no more, which is no failure; a full disk is an error.
pub(crate) fn print_results(
    args: &EvalArgs,
    docs: &[DocResult],
    start: Instant,
    quiet: bool,
) -> Result<(), CliError> {
    let mut text = table(docs);
    if args.by_shape {
        let shapes = docs
            .iter()
            .fold(ShapeCounts::default(), |sum, d| sum + d.shapes.clone());
        text += &format!("\n{}", shapes.table());
    }
    text.push('\n');
    text += &reliability_table(docs);
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            return Err(CliError(format!("writing output: {e}")));
        }
        _ => {}
    }
    if !quiet {
        note!("{}", timing(docs, start.elapsed()));
    }
    Ok(())
}

const HEADER: [&str; 6] = [
    "strict_P",
    "strict_R",
    "strict_F1",
    "lax_P",
    "lax_R",
    "lax_F1",
];

/// The results table: a header, a line per document, then the `all` line.
fn table(docs: &[DocResult]) -> String {
    let width = docs
        .iter()
        .map(|d| d.name.len())
        .chain([3])
        .max()
        .unwrap_or(3);
    let mut out = format!("{:<width$}", "doc");
    for h in HEADER {
        out += &format!(" {h:>9}");
    }
    out.push('\n');
    for doc in docs {
        out += &row(&doc.name, &doc.counts, width);
    }
    out += &row("all", &docs.iter().map(|d| &d.counts).sum(), width);
    out
}

/// `001   0.712 0.690 …`: strict then lax precision, recall and F1, 3 decimals.
fn row(name: &str, counts: &Counts, width: usize) -> String {
    let s = counts.scores();
    let cells = |p: Prf| [p.precision, p.recall, p.f1];
    let mut out = format!("{name:<width$}");
    for x in cells(s.strict).into_iter().chain(cells(s.lax)) {
        out += &format!(" {x:>9.3}");
    }
    out.push('\n');
    out
}

/// How well the score tells right links from wrong (see [`crate::eval::reliability`]), over
/// all links and over pairs alone (the links a corpus keeps): the share right, AUROC, ECE and,
/// at each threshold, the precision and the share of links kept.
fn reliability_table(docs: &[DocResult]) -> String {
    let mut out = format!(
        "{:<11} {:>6} {:>6} {:>6} {:>6}",
        "score", "links", "right", "AUROC", "ECE"
    );
    for t in eval::reliability::THRESHOLDS {
        out += &format!(" {:>6} {:>8}", format!("P@{t}"), format!("kept@{t}"));
    }
    out.push('\n');
    let judged = || docs.iter().flat_map(|d| &d.judged);
    let lines: [(&str, Vec<(f64, bool)>); 2] = [
        ("all links", judged().map(|j| (j.score, j.right)).collect()),
        (
            "pairs",
            judged()
                .filter(|j| j.pair)
                .map(|j| (j.score, j.right))
                .collect(),
        ),
    ];
    for (name, set) in lines {
        let r = Reliability::of(&set);
        out += &format!(
            "{name:<11} {:>6} {:>6.3} {:>6.3} {:>6.3}",
            r.links, r.precision, r.auroc, r.ece
        );
        for k in &r.kept {
            out += &format!(" {:>6.3} {:>8.3}", k.precision, k.share);
        }
        out.push('\n');
    }
    out
}

/// The `--calibration-data` TSV: a header, then a line per link.
pub(super) fn calibration_data(docs: &[DocResult]) -> String {
    let mut out = format!("doc\tlink\tright\t{}\n", FEATURES.join("\t"));
    for doc in docs {
        for j in &doc.judged {
            let Some(features) = j.features else { continue };
            out += &format!("{}\t{}\t{}", doc.name, j.link, u8::from(j.right));
            for x in features {
                out += &format!("\t{x:.6}");
            }
            out.push('\n');
        }
    }
    out
}

/// The line printed on stderr: how much was aligned and how long it took.
fn timing(docs: &[DocResult], total: Duration) -> String {
    let zh: usize = docs.iter().map(|d| d.sentences.0).sum();
    let en: usize = docs.iter().map(|d| d.sentences.1).sum();
    let align: Duration = docs.iter().map(|d| d.align_time).sum();
    let plural = if docs.len() == 1 { "" } else { "s" };
    format!(
        "eval: {} document{plural}, {zh} zh + {en} en sentences, {:.3} s in all ({:.3} s aligning, summed over documents)",
        docs.len(),
        total.as_secs_f64(),
        align.as_secs_f64()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::links::IdLink;

    #[test]
    fn the_table_has_a_line_per_document_then_the_summed_all_line() {
        let counts = eval::count(
            &[IdLink::new([0], [0])],
            &[IdLink::new([0], [0]), IdLink::new([1], [])],
        );
        let doc = DocResult {
            name: "001".into(),
            counts,
            shapes: ShapeCounts::default(),
            sentences: (2, 1),
            align_time: Duration::ZERO,
            judged: Vec::new(),
        };
        let text = table(&[doc]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "doc  strict_P  strict_R strict_F1     lax_P     lax_R    lax_F1"
        );
        // P = 1/2, R = 1/1, F1 = 2/3, strict and lax alike.
        assert_eq!(
            lines[1],
            "001     0.500     1.000     0.667     0.500     1.000     0.667"
        );
        assert_eq!(
            lines[2],
            "all     0.500     1.000     0.667     0.500     1.000     0.667"
        );
    }
}
