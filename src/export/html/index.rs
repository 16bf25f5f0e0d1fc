//! The review index, `DIR/review/index.html`: one row per document of the run, with its
//! layout, sentence counts, pairs, mean score and document score when the aligner gives one,
//! sortable by any column, each document's name linking to its page.

use super::super::links::doc_path;
use super::super::record::Document;
use super::super::tmx::escape;
use super::super::tsv::format_score;
use super::Summary;
use std::fmt::Write;
use std::path::{Component, Path};

const SCRIPT: &str = include_str!("index.js");

/// One document's line in the index.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexRow {
    pub doc: String,
    /// The page's address relative to the index; none for a document without a page
    /// (monolingual or empty: nothing aligned to look at).
    pub href: Option<String>,
    pub layout: String,
    pub zh: usize,
    pub en: usize,
    pub summary: Summary,
    pub doc_score: Option<f64>,
}

impl IndexRow {
    pub fn of(d: &Document, has_page: bool) -> IndexRow {
        IndexRow {
            doc: d.doc.clone(),
            href: has_page.then(|| page_href(&d.doc)),
            layout: d.layout.clone(),
            zh: d.zh.len(),
            en: d.en.len(),
            summary: Summary::of(&d.links),
            doc_score: d.doc_score,
        }
    }
}

/// The name under which a document's page is written, relative to the review folder: the
/// document's name (folders kept, as [`doc_path`] makes it) and `.html`, percent-encoded for
/// use as a link. A document named `index` would take the index's place, so it gets
/// `index.doc.html`.
pub fn page_href(doc: &str) -> String {
    let path = doc_path(Path::new(""), doc, page_suffix(doc));
    let parts: Vec<String> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(p) => Some(percent_encode(&p.to_string_lossy())),
            _ => None,
        })
        .collect();
    parts.join("/")
}

/// The suffix of a document's page name (see [`page_href`]).
pub fn page_suffix(doc: &str) -> &'static str {
    if doc_path(Path::new(""), doc, "") == Path::new("index") {
        ".doc.html"
    } else {
        ".html"
    }
}

/// How deep a page sits under the review folder, for its link back to the index.
pub fn index_href_from(doc: &str) -> String {
    let depth = page_href(doc).matches('/').count();
    "../".repeat(depth) + "index.html"
}

/// Every byte outside the characters a URL path may hold as they are, as `%XX`.
fn percent_encode(part: &str) -> String {
    let mut out = String::with_capacity(part.len());
    for b in part.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// A number cell, sortable by its value; an absent value sorts first and shows a dash.
fn number_cell(value: Option<f64>, shown: String) -> String {
    match value {
        Some(v) => format!("<td data-v=\"{v}\">{shown}</td>"),
        None => "<td data-v=\"\">–</td>".to_string(),
    }
}

/// The whole index page.
pub fn index_page(rows: &[IndexRow]) -> String {
    let mut out = String::with_capacity(2048 + 300 * rows.len());
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>zhen-align review: {} documents</title>\n<style>\n{}</style>\n</head>\n<body>\n\
         <h1>zhen-align review: {} documents</h1>\n<p>Click a heading to sort by it; a document's \
         name opens its page.</p>\n<table id=\"docs\">\n<thead><tr><th>document</th><th>layout</th>\
         <th>Chinese sentences</th><th>English sentences</th><th>pairs</th><th>mean pair score</th>\
         <th>document score</th></tr></thead>\n<tbody>\n",
        rows.len(),
        INDEX_CSS,
        rows.len()
    );
    for r in rows {
        let name = escape(&r.doc);
        let doc = match &r.href {
            Some(href) => format!("<a href=\"{}\">{name}</a>", escape(href)),
            None => name,
        };
        let _ = writeln!(
            out,
            "<tr><td>{doc}</td><td>{}</td><td data-v=\"{}\">{}</td><td data-v=\"{}\">{}</td>\
             <td data-v=\"{}\">{}</td>{}{}</tr>",
            escape(&r.layout),
            r.zh,
            r.zh,
            r.en,
            r.en,
            r.summary.pairs,
            r.summary.pairs,
            number_cell(
                r.summary.mean,
                r.summary.mean.map(format_score).unwrap_or_default()
            ),
            number_cell(
                r.doc_score,
                r.doc_score.map(format_score).unwrap_or_default()
            ),
        );
    }
    let _ = write!(
        out,
        "</tbody>\n</table>\n<script>\n{SCRIPT}</script>\n</body>\n</html>\n"
    );
    out
}

const INDEX_CSS: &str = "body { font: 15px/1.45 system-ui, sans-serif; margin: 1em; color: #222; }\n\
table { border-collapse: collapse; }\n\
th, td { padding: .25em .6em; border-bottom: 1px solid #ddd; text-align: left; }\n\
td[data-v] { text-align: right; font-family: ui-monospace, monospace; }\n\
th { cursor: pointer; background: #eee; position: sticky; top: 0; }\n\
th[aria-sort=ascending]::after { content: \" ▲\"; } th[aria-sort=descending]::after { content: \" ▼\"; }\n";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_addresses_keep_folders_and_encode_the_rest() {
        assert_eq!(page_href("news/2025/a b.txt"), "news/2025/a%20b.txt.html");
        assert_eq!(page_href("../x/新闻.txt"), "x/%E6%96%B0%E9%97%BB.txt.html");
        assert_eq!(page_href("index"), "index.doc.html");
        assert_eq!(index_href_from("news/2025/a.txt"), "../../index.html");
        assert_eq!(index_href_from("a.txt"), "index.html");
    }

    #[test]
    fn a_row_per_document_with_a_dash_for_what_is_missing() {
        let d = Document {
            doc: "a.txt".into(),
            layout: "monolingual: Chinese only".into(),
            ..Document::default()
        };
        let mut scored = IndexRow::of(&d, true);
        scored.doc_score = Some(0.75);
        let html = index_page(&[IndexRow::of(&d, false), scored]);
        assert_eq!(html.matches("<tr><td>").count(), 2);
        assert_eq!(html.matches("<a href=\"a.txt.html\">").count(), 1);
        assert!(html.contains("<td data-v=\"0.75\">0.7500</td>"));
        assert_eq!(html.matches("<td data-v=\"\">–</td>").count(), 3);
    }
}
