//! The `[zh ids]:[en ids]` link format: what `zhen-align align --format links` prints and what
//! the gold files of `../shared/eval` hold.
//!
//! The format is the one of Vecalign and Bertalign (one link a line, 0-based sentence ids,
//! Chinese first): `[0,1]:[0]` links Chinese sentences 0 and 1 to English sentence 0, `[]:[3]`
//! says English sentence 3 has no counterpart. Using their format lets their gold files and
//! scoring scripts be used unchanged.
//!
//! Our own links are contiguous ([`Link`] holds ranges), but gold files are written by hand and
//! a few cross over, so gold is read into [`IdLink`], which holds any list of ids.

use super::tsv::format_score;
use crate::model::excerpt;
use crate::model::Link;
pub use crate::model::{IdLink, LinkIds};
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

/// `[0,1]:[0]`: a link in the link format (no spaces, Chinese first).
pub fn format_link(link: &Link) -> String {
    LinkIds(link).to_string()
}

/// Write a whole links file: one link a line, every link in order, omissions included.
pub fn write_links<W: Write>(mut out: W, links: &[Link]) -> io::Result<()> {
    for link in links {
        writeln!(out, "{}", LinkIds(link))?;
    }
    out.flush()
}

/// [`write_links`] with each link's probability as a third field, four decimals as in the TSV
/// (`[0,1]:[0]:0.9312`; `--link-scores`): omissions get theirs too.
pub fn write_scored_links<W: Write>(mut out: W, links: &[Link]) -> io::Result<()> {
    for link in links {
        writeln!(out, "{}:{}", LinkIds(link), format_score(link.score))?;
    }
    out.flush()
}

/// Where the links file of `doc` goes under `dir`: `dir/<doc>.links`, keeping the folders of the
/// document's name so that two articles of the same name in different folders do not collide.
/// Only plain path components are kept (no `..`, no root), so a document name can never place
/// a file outside `dir`.
pub fn links_path(dir: &Path, doc: &str) -> PathBuf {
    doc_path(dir, doc, ".links")
}

/// `dir/<doc><suffix>`, the folders of the document's name kept and only its plain components
/// used (see [`links_path`]); every per-document format names its files this way.
pub fn doc_path(dir: &Path, doc: &str, suffix: &str) -> PathBuf {
    let mut path = dir.to_path_buf();
    let mut any = false;
    for component in Path::new(doc).components() {
        if let Component::Normal(part) = component {
            path.push(part);
            any = true;
        }
    }
    if !any {
        path.push("_");
    }
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(suffix);
    path.set_file_name(name);
    path
}

/// Read a whole links file. Blank lines are skipped and spaces are allowed anywhere between
/// tokens (Vecalign reads the lists as Python literals, so `[0, 1] : [2]` is valid there too).
/// The error names the 1-based line number and the offending line (its beginning, if long).
pub fn parse_links(text: &str) -> Result<Vec<IdLink>, String> {
    Ok(parse_numbered_links(text)?
        .into_iter()
        .map(|(_, link)| link)
        .collect())
}

/// [`parse_links`], each link with the 1-based number of its line, for messages about it.
pub fn parse_numbered_links(text: &str) -> Result<Vec<(usize, IdLink)>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            parse_link(line)
                .map(|link| (i + 1, link))
                .map_err(|why| format!("line {}: {} in {:?}", i + 1, why, excerpt(line.trim())))
        })
        .collect()
}

/// One `[zh]:[en]` link.
pub fn parse_link(line: &str) -> Result<IdLink, String> {
    let (zh, en) = line
        .split_once(':')
        .ok_or("no ':' between the two id lists")?;
    // A third field, as Vecalign writes a cost and `--link-scores` a probability, is read
    // and left aside: the links are the first two.
    let en = match en.split_once(':') {
        Some((en, score)) => {
            score
                .trim()
                .parse::<f64>()
                .map_err(|_| format!("{:?} is not a number", excerpt(score.trim())))?;
            en
        }
        None => en,
    };
    Ok(IdLink {
        zh: parse_id_list(zh)?,
        en: parse_id_list(en)?,
    })
}

/// `[0, 1]` → `vec![0, 1]`; `[]` → empty.
fn parse_id_list(text: &str) -> Result<Vec<usize>, String> {
    let inner = text
        .trim()
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .ok_or_else(|| format!("{:?} is not a [..] list", excerpt(text.trim())))?;
    if inner.trim().is_empty() {
        return Ok(Vec::new());
    }
    inner
        .split(',')
        .map(|id| {
            id.trim()
                .parse::<usize>()
                .map_err(|_| format!("{:?} is not a sentence id", excerpt(id.trim())))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(zh: std::ops::Range<usize>, en: std::ops::Range<usize>) -> Link {
        Link { zh, en, score: 0.5 }
    }

    #[test]
    fn a_third_field_is_read_past_and_written_only_when_asked() {
        let links = [link(0..2, 0..1), link(2..3, 1..1)];
        let mut plain = Vec::new();
        write_links(&mut plain, &links).unwrap();
        assert_eq!(String::from_utf8(plain).unwrap(), "[0,1]:[0]\n[2]:[]\n");
        let mut scored = Vec::new();
        write_scored_links(&mut scored, &links).unwrap();
        let scored = String::from_utf8(scored).unwrap();
        assert_eq!(scored, "[0,1]:[0]:0.5000\n[2]:[]:0.5000\n");
        let read: Vec<String> = parse_links(&scored)
            .unwrap()
            .iter()
            .map(|l| l.to_string())
            .collect();
        assert_eq!(read, ["[0,1]:[0]", "[2]:[]"]);
        assert!(parse_link("[0]:[1]:high").is_err());
    }

    #[test]
    fn a_link_is_written_chinese_first_without_spaces() {
        assert_eq!(format_link(&link(0..2, 0..1)), "[0,1]:[0]");
    }

    #[test]
    fn an_omission_is_written_with_an_empty_list() {
        assert_eq!(format_link(&link(4..4, 3..4)), "[]:[3]");
        assert_eq!(format_link(&link(2..3, 7..7)), "[2]:[]");
    }

    #[test]
    fn a_written_link_reads_back_the_same() {
        let written = format_link(&link(5..8, 6..7));
        assert_eq!(parse_link(&written), Ok(IdLink::new([5, 6, 7], [6])));
    }

    #[test]
    fn spaces_and_blank_lines_are_tolerated() {
        let links = parse_links("[0, 1] : [0]\n\n  []:[ 1 ]  \r\n[2]:[]\n").unwrap();
        assert_eq!(
            links,
            vec![
                IdLink::new([0, 1], [0]),
                IdLink::new([], [1]),
                IdLink::new([2], [])
            ]
        );
    }

    #[test]
    fn gold_links_may_be_non_contiguous_and_out_of_order() {
        assert_eq!(parse_link("[3,1]:[0,2]"), Ok(IdLink::new([3, 1], [0, 2])));
    }

    #[test]
    fn an_error_names_the_line_number_and_the_line() {
        let err = parse_links("[0]:[0]\n\n[1]:[x]\n").unwrap_err();
        assert!(err.starts_with("line 3:"), "{err}");
        assert!(err.contains("[1]:[x]"), "{err}");
    }

    #[test]
    fn an_error_about_a_huge_line_stays_short() {
        let line = format!("[0]:[{}x]", "1,".repeat(500_000));
        let err = parse_links(&line).unwrap_err();
        assert!(err.len() < 300, "{} bytes", err.len());
    }

    #[test]
    fn malformed_lines_are_rejected() {
        assert!(parse_link("[0] [1]").is_err(), "no colon");
        assert!(parse_link("0:[1]").is_err(), "no brackets");
        assert!(parse_link("[-1]:[1]").is_err(), "negative id");
        assert!(parse_link("[0,]:[1]").is_err(), "empty id");
    }

    #[test]
    fn a_links_file_holds_every_link_omissions_included() {
        let mut out = Vec::new();
        write_links(
            &mut out,
            &[link(0..2, 0..1), link(2..2, 1..2), link(2..3, 2..3)],
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "[0,1]:[0]\n[]:[1]\n[2]:[2]\n"
        );
    }

    #[test]
    fn links_files_keep_the_folders_of_the_document_and_stay_inside_the_folder() {
        let dir = Path::new("out/links");
        assert_eq!(
            links_path(dir, "news/2025/a.txt"),
            Path::new("out/links/news/2025/a.txt.links")
        );
        assert_eq!(
            links_path(dir, "../../etc/passwd"),
            Path::new("out/links/etc/passwd.links")
        );
        assert_eq!(
            links_path(dir, "/abs/b"),
            Path::new("out/links/abs/b.links")
        );
        assert_eq!(links_path(dir, ".."), Path::new("out/links/_.links"));
    }

    #[test]
    fn a_pair_has_both_sides() {
        assert!(IdLink::new([0], [0]).is_pair());
        assert!(!IdLink::new([], [0]).is_pair());
        assert!(!IdLink::new([0], []).is_pair());
    }
}
