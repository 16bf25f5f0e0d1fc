//! The review page (`--format html`): one self-contained HTML page per document, for a person
//! to look at an alignment rather than read a TSV, and an index page listing the documents.
//!
//! A page shows every link as a row, Chinese and English side by side, with its ids, shape and
//! score; the score is also a colour band (the legend says which), omitted sentences sit in a
//! hatched row of their own and paragraph breaks are marked, so nothing of either text is
//! hidden. A sticky header holds the doubt threshold, a switch hiding confident links and
//! "next doubtful link" navigation; beside the rows, an SVG plot of the alignment path (Chinese
//! sentence index across, English down, one point per link coloured by score) shows a skipped
//! block as a flat run and a moved passage as a jump, and a click on it selects that row.
//!
//! Everything is inline (CSS and script from the asset files beside this one, no fonts, no
//! network), so a page opens from `file://` or an e-mail attachment alike. The rows are plain
//! HTML, readable without script; the script only toggles `hidden` and scrolls. Rows use
//! `content-visibility: auto`, so the browser lays out only those near the screen: the
//! Bible's 5,000 links open as fast as a chapter's hundred.

mod index;

pub use index::{index_href_from, index_page, page_href, page_suffix, IndexRow};

use super::record::Document;
use super::tmx::escape;
use super::tsv::format_score;
use crate::model::{Link, LinkIds, Sentence};
use std::fmt::Write;

const CSS: &str = include_str!("review.css");
const SCRIPT: &str = include_str!("review.js");

/// The upper bounds of the colour bands of scores, red to green: fifths of the score's range,
/// which is a probability, and what a reader reads off a legend.
pub const BAND_BOUNDS: [f64; 4] = [0.2, 0.4, 0.6, 0.8];

/// The colour band of a score: 0 (below 0.2, red) to 4 (0.8 and above, green). The band is
/// that of the score as the page writes it (four decimals), so that a row showing 0.8000 is
/// green whatever the decimals after the fourth (a Bible link written 0.8000 was drawn in the
/// band below, and the review check caught it).
pub fn band(score: f64) -> usize {
    let shown: f64 = format_score(score).parse().unwrap_or(score);
    BAND_BOUNDS.iter().take_while(|&&b| shown >= b).count()
}

/// The doubt threshold a page opens with: links scoring under it are doubtful, more likely
/// wrong than right.
const DEFAULT_THRESHOLD: f64 = 0.5;

/// What a page says about its document in its header and the index in its row.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub links: usize,
    pub pairs: usize,
    pub omitted_zh: usize,
    pub omitted_en: usize,
    /// The mean score of the links with both sides; none without such links.
    pub mean: Option<f64>,
}

impl Summary {
    pub fn of(links: &[Link]) -> Summary {
        let pairs: Vec<f64> = links
            .iter()
            .filter(|l| l.is_pair())
            .map(|l| l.score)
            .collect();
        let count = |f: fn(&Link) -> bool| links.iter().filter(|l| f(l)).count();
        Summary {
            links: links.len(),
            pairs: pairs.len(),
            omitted_zh: count(|l| l.en.is_empty()),
            omitted_en: count(|l| l.zh.is_empty()),
            mean: (!pairs.is_empty()).then(|| pairs.iter().sum::<f64>() / pairs.len() as f64),
        }
    }
}

/// The whole review page of one document. `index` is the relative address of the index page
/// when there is one (corpus runs), to link back to it.
pub fn page(d: &Document, index: Option<&str>) -> String {
    let mut out = String::with_capacity(4096 + 400 * d.links.len());
    let title = escape(&d.doc);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"generator\" content=\"zhen-align {}\">\n\
         <title>{title} · zhen-align review</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION")
    );
    header(&mut out, d, &title, index);
    out.push_str("<main>\n<div id=\"rows\">\n<div class=\"head\"><div>link</div><div>中文</div><div>English</div><div>shape</div><div>score</div></div>\n");
    for (k, link) in d.links.iter().enumerate() {
        row(&mut out, k, link, &d.zh, &d.en);
    }
    out.push_str("</div>\n");
    plot(&mut out, &d.links, d.zh.len(), d.en.len());
    let _ = write!(
        out,
        "</main>\n<script>\n{SCRIPT}</script>\n</body>\n</html>\n"
    );
    out
}

/// The sticky header: title, figures, controls and legend.
fn header(out: &mut String, d: &Document, title: &str, index: Option<&str>) {
    let s = Summary::of(&d.links);
    out.push_str("<header>\n");
    if let Some(href) = index {
        let _ = writeln!(out, "<a href=\"{}\">← all documents</a>", escape(href));
    }
    let mean = s.mean.map_or("–".to_string(), format_score);
    let _ = writeln!(
        out,
        "<h1>{title}</h1>\n<p class=\"stats\">{} · {} Chinese / {} English sentences · {} links: \
         {} pairs, {} Chinese and {} English sentences without counterpart · mean pair score {mean}</p>",
        escape(&d.layout),
        d.zh.len(),
        d.en.len(),
        s.links,
        s.pairs,
        s.omitted_zh,
        s.omitted_en,
    );
    let _ = writeln!(
        out,
        "<div class=\"controls\"><label>doubtful below <input type=\"range\" id=\"thr\" min=\"0\" \
         max=\"1\" step=\"0.01\" value=\"{DEFAULT_THRESHOLD}\"> <output id=\"thrv\">{DEFAULT_THRESHOLD:.2}</output></label>\
         <label><input type=\"checkbox\" id=\"hide\"> hide confident links</label>\
         <button id=\"prev\" title=\"p\">◀ previous doubtful</button>\
         <button id=\"next\" title=\"n\">next doubtful link ▶</button><span id=\"pos\"></span></div>"
    );
    out.push_str("<p class=\"legend\">score:");
    let mut low = 0.0;
    for (b, high) in BAND_BOUNDS.iter().chain([&1.0]).enumerate() {
        let _ = write!(out, "<i class=\"lg{b}\"></i>{low:.1}–{high:.1}");
        low = *high;
    }
    out.push_str(
        "<i class=\"lgom\"></i>no counterpart · shapes other than 1-1 in bold · ¶ paragraph \
         break · keys n / p step through doubtful links</p>\n</header>\n",
    );
}

/// One link's row.
fn row(out: &mut String, k: usize, link: &Link, zh: &[Sentence], en: &[Sentence]) {
    let mut class = format!("row b{}", band(link.score));
    if !link.is_pair() {
        class.push_str(" om");
    }
    if link.zh.len() != 1 || link.en.len() != 1 {
        class.push_str(" x");
    }
    let _ = write!(
        out,
        "<div class=\"{class}\" id=\"l{k}\" data-s=\"{}\"><div class=\"id\">{}</div>",
        format_score(link.score),
        LinkIds(link)
    );
    side(out, "zh", "no Chinese sentence", zh, link.zh.clone());
    side(out, "en", "no English sentence", en, link.en.clone());
    let _ = writeln!(
        out,
        "<div class=\"k\">{}</div><div class=\"sc\">{}</div></div>",
        link.shape(),
        format_score(link.score)
    );
}

/// One side of a row: its sentences, each in a `span.s`, one starting a new paragraph marked
/// `np`, and the cell marked `pb` when the link itself starts a paragraph.
fn side(
    out: &mut String,
    lang: &str,
    none: &str,
    sentences: &[Sentence],
    ids: std::ops::Range<usize>,
) {
    if ids.is_empty() {
        let _ = write!(out, "<div class=\"{lang} none\">{none}</div>");
        return;
    }
    let starts = |i: usize| i > 0 && sentences[i].paragraph != sentences[i - 1].paragraph;
    let pb = if starts(ids.start) { " pb" } else { "" };
    let _ = write!(out, "<div class=\"{lang}{pb}\">");
    for i in ids.clone() {
        let np = if i > ids.start && starts(i) {
            " np"
        } else {
            ""
        };
        let _ = write!(
            out,
            "<span class=\"s{np}\">{}</span> ",
            escape(&sentences[i].text)
        );
    }
    out.push_str("</div>");
}

/// The plot's drawing size in SVG units, and the margin that keeps points on its edge whole.
const PLOT: f64 = 300.0;
const MARGIN: f64 = 4.0;

/// The alignment path as an SVG plot: Chinese sentence index across, English down, the
/// diagonal a translation of even pace would follow, the path through every link's end, and a
/// point per link at its middle, coloured by its score's band (omissions drawn last, then the
/// lower bands, so that nothing doubtful hides under a confident point).
fn plot(out: &mut String, links: &[Link], n_zh: usize, n_en: usize) {
    let span = PLOT - 2.0 * MARGIN;
    let sx = span / n_zh.max(1) as f64;
    let sy = span / n_en.max(1) as f64;
    let at = |zh: f64, en: f64| (MARGIN + zh * sx, MARGIN + en * sy);
    // Points shrink as they crowd, so that a long document's path stays a line.
    let r = if links.len() > 400 { 1.6 } else { 2.6 };
    let _ = write!(
        out,
        "<aside id=\"plot\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {PLOT} {PLOT}\" \
         role=\"img\" aria-label=\"alignment path\">\n\
         <line x1=\"{MARGIN}\" y1=\"{MARGIN}\" x2=\"{e}\" y2=\"{e}\" stroke=\"#ddd\"/>\n<path d=\"M{MARGIN} {MARGIN}",
        e = PLOT - MARGIN
    );
    for l in links {
        let (x, y) = at(l.zh.end as f64, l.en.end as f64);
        let _ = write!(out, " L{x:.1} {y:.1}");
    }
    out.push_str("\" fill=\"none\" stroke=\"#888\" stroke-width=\"0.8\"/>\n");
    // Confident points first, so that the doubtful ones are drawn over them and stand out
    // among thousands of green ones; each keeps its link's number in `data-l`.
    let mut order: Vec<usize> = (0..links.len()).collect();
    order.sort_by_key(|&k| {
        std::cmp::Reverse(band(links[k].score) + 5 * links[k].is_pair() as usize)
    });
    for k in order {
        let l = &links[k];
        let mid = |r: &std::ops::Range<usize>| (r.start + r.end) as f64 / 2.0;
        let (x, y) = at(mid(&l.zh), mid(&l.en));
        let class = if l.is_pair() {
            format!("b{}", band(l.score))
        } else {
            "om".to_string()
        };
        let _ = writeln!(
            out,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r}\" class=\"{class}\" data-l=\"{k}\"/>"
        );
    }
    let _ = writeln!(
        out,
        "</svg>\n<p>Chinese sentence 0–{n_zh} across, English 0–{n_en} down: a flat or steep run is \
         a passage one side lacks, a jump a passage moved. Click a point to go to its link.</p>\n</aside>"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(zh: std::ops::Range<usize>, en: std::ops::Range<usize>, score: f64) -> Link {
        Link { zh, en, score }
    }

    fn document() -> Document {
        Document {
            doc: "news/<a>.txt".into(),
            links: vec![
                link(0..2, 0..1, 0.9),
                link(2..2, 1..2, 0.0),
                link(2..3, 2..3, 0.3),
            ],
            zh: vec![
                Sentence::new("甲。", 0),
                Sentence::new("乙。", 0),
                Sentence::new("丙 & 丁。", 1),
            ],
            en: vec![
                Sentence::new("A.", 0),
                Sentence::new("Left out.", 0),
                Sentence::new("C <b>.", 1),
            ],
            layout: "interleaved paragraphs".into(),
            ..Document::default()
        }
    }

    #[test]
    fn bands_split_the_scores_in_fifths() {
        assert_eq!(band(0.0), 0);
        assert_eq!(band(0.19), 0);
        assert_eq!(band(0.2), 1);
        assert_eq!(band(0.5), 2);
        assert_eq!(band(0.79), 3);
        assert_eq!(band(0.79996), 4, "the band of the score as written, 0.8000");
        assert_eq!(band(1.0), 4);
    }

    #[test]
    fn every_sentence_is_on_the_page_escaped_and_omissions_are_rows() {
        let html = page(&document(), None);
        assert_eq!(html.matches("<span class=\"s").count(), 6);
        assert!(html.contains("丙 &amp; 丁。") && html.contains("C &lt;b&gt;."));
        assert!(!html.contains("<b>."));
        assert!(html.contains("class=\"row b0 om x\" id=\"l1\""));
        assert!(html.contains("no Chinese sentence"));
        assert_eq!(html.matches("<div class=\"row ").count(), 3);
    }

    #[test]
    fn paragraph_breaks_are_marked_where_a_link_starts_one() {
        let html = page(&document(), None);
        // Link 2 starts paragraph 1 on both sides.
        let row = &html[html.find("id=\"l2\"").unwrap()..];
        let row = &row[..row.find("</div></div>").unwrap()];
        assert_eq!(row.matches(" pb\"").count(), 2, "{row}");
    }

    #[test]
    fn the_plot_has_a_point_per_link_and_the_page_needs_no_network() {
        let html = page(&document(), Some("../index.html"));
        assert_eq!(html.matches("<circle ").count(), 3);
        // Drawn confident first: link 0 (0.9), link 2 (0.3), then the omission, link 1.
        let svg = &html[html.find("<svg").unwrap()..html.find("</svg>").unwrap()];
        let order: Vec<&str> = svg
            .split("data-l=\"")
            .skip(1)
            .map(|rest| &rest[..1])
            .collect();
        assert_eq!(order, ["0", "2", "1"]);
        assert!(html.contains("<svg ") && html.contains("href=\"../index.html\""));
        for remote in ["http://", "https://", "src=", "@import", "url("] {
            let outside_svg_ns = html.replace("http://www.w3.org/2000/svg", "");
            assert!(!outside_svg_ns.contains(remote), "{remote}");
        }
    }

    #[test]
    fn the_summary_counts_pairs_and_omissions() {
        let s = Summary::of(&document().links);
        assert_eq!((s.links, s.pairs, s.omitted_zh, s.omitted_en), (3, 2, 0, 1));
        assert!((s.mean.unwrap() - 0.6).abs() < 1e-12);
        assert_eq!(Summary::of(&[]).mean, None);
    }
}
