//! HTML pages → text blocks, through an HTML5 parser (html5ever, by way of `scraper`).
//!
//! A page is parsed as a browser parses it: character references are decoded, `<script>` and
//! `<style>` bodies are raw text that never opens a tag, unclosed elements are closed where the
//! standard closes them. The tree is then read in document order into blocks — the text between
//! two block boundaries (a block element opening or closing, a `<br>`) — each with what the
//! boilerplate classifier ([`super::boilerplate`]) needs: its text, how much of it is link text,
//! and whether it is a heading.
//!
//! Two kinds of subtree are not read at all:
//! - what is never text: `script`, `style`, `noscript`, `template`, `svg`, `iframe`, `button`,
//!   form controls, `head` (except `title`), and forms that hold no paragraph (search boxes,
//!   logins, comment forms; ASP.NET pages wrap the whole page in one form, which is read);
//! - what a page marks as not the article, the signals of Mozilla's Readability: the elements
//!   `nav`, `aside`, `footer`, `figcaption`, `address`, `time`; ARIA roles of navigation,
//!   menus, banners, dialogs and complementary content; and `class`/`id` names of the
//!   "unlikely candidate" kind (menu, sidebar, footer, related, comment, share, cookie, …)
//!   unless they also name the content (article, content, main, body, column).

use crate::model::script::is_han;
use ego_tree::iter::Edge;
use ego_tree::NodeRef;
use scraper::{Html, Node};

/// A run of text between two block boundaries.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Block {
    /// The text, whitespace collapsed to single spaces.
    pub text: String,
    /// Characters of `text` that are inside links.
    pub link_chars: usize,
    /// Inside `h1`–`h6` or the page `title`.
    pub heading: bool,
}

/// Elements whose content is never article text.
fn never_text(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "audio"
            | "video"
            | "map"
            | "button"
            | "select"
            | "textarea"
            | "datalist"
    )
}

/// Elements that a page uses for what is not its article (Readability removes the same).
fn marked_not_article(name: &str) -> bool {
    matches!(
        name,
        "nav" | "aside" | "footer" | "figcaption" | "address" | "time" | "dialog"
    )
}

/// Elements that end a block when they open or close.
pub(crate) fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "legend"
            | "li"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "option"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "title"
            | "tr"
            | "ul"
    )
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "title")
}

/// Parts of `class` and `id` names that Readability takes as "unlikely candidates" for the
/// article, with the few this crate adds for what its issue saw paired (cookie and consent
/// banners, share bars, bylines, captions, copyright lines, breadcrumbs, newsletters).
/// Readability's "header" is left out: it takes the title from the page's metadata, while here
/// the title is article text, and blogs keep it in an `entry-header`; the site's own header is
/// named by "masthead", "site-header" or `role="banner"`.
const UNLIKELY_NAMES: &[&str] = &[
    "-ad-",
    "ad-break",
    "agegate",
    "banner",
    "breadcrumb",
    "byline",
    "caption",
    "combx",
    "comment",
    "community",
    "consent",
    "cookie",
    "copyright",
    "cover-wrap",
    "disqus",
    "extra",
    "footer",
    "gdpr",
    "legends",
    "masthead",
    "menu",
    "nav",
    "newsletter",
    "pager",
    "pagination",
    "popup",
    "related",
    "remark",
    "replies",
    "rss",
    "share",
    "shoutbox",
    "sidebar",
    "site-header",
    "skyscraper",
    "social",
    "sponsor",
    "subscribe",
    "supplemental",
    "author",
];

/// Names that mark the content itself: an element named by one of these is kept even when
/// another part of its name is unlikely ("article-header", "content-nav").
const CONTENT_NAMES: &[&str] = &[
    "and", "article", "body", "column", "content", "main", "shadow",
];

/// ARIA roles of what is not the article.
const UNLIKELY_ROLES: &[&str] = &[
    "alert",
    "alertdialog",
    "banner",
    "complementary",
    "contentinfo",
    "dialog",
    "menu",
    "menubar",
    "navigation",
    "search",
];

fn unlikely_by_name(element: &scraper::node::Element) -> bool {
    if let Some(role) = element.attr("role") {
        if UNLIKELY_ROLES.contains(&role.trim().to_ascii_lowercase().as_str()) {
            return true;
        }
    }
    let names = format!(
        "{} {}",
        element.attr("class").unwrap_or(""),
        element.id().unwrap_or("")
    )
    .to_ascii_lowercase();
    if names.trim().is_empty() {
        return false;
    }
    UNLIKELY_NAMES.iter().any(|n| names.contains(n))
        && !CONTENT_NAMES.iter().any(|n| names.contains(n))
}

/// Whether the subtree of this element is left out (see the module doc).
fn skipped(node: NodeRef<'_, Node>, element: &scraper::node::Element) -> bool {
    let name = element.name();
    if never_text(name) || marked_not_article(name) {
        return true;
    }
    if name == "form" {
        return !node.descendants().any(|d| {
            d.value()
                .as_element()
                .is_some_and(|e| matches!(e.name(), "p" | "h1" | "h2" | "h3" | "article"))
        });
    }
    if matches!(name, "html" | "body" | "a") {
        return false;
    }
    unlikely_by_name(element)
}

/// Two Chinese characters (or a Chinese character and full-width punctuation) meet.
fn joins(before: &str, word: &str) -> bool {
    let wide = |c: char| is_han(c) || matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFFEF);
    before.chars().next_back().is_some_and(wide) && word.chars().next().is_some_and(wide)
}

/// The blocks of an HTML page, in document order.
pub fn blocks(page: &str) -> Vec<Block> {
    let document = Html::parse_document(page);
    let mut reader = BlockReader::default();
    let mut skipping: Option<ego_tree::NodeId> = None;
    for edge in document.tree.root().traverse() {
        match edge {
            Edge::Open(node) if skipping.is_none() => reader.open(node, &mut skipping),
            Edge::Close(node) if skipping == Some(node.id()) => skipping = None,
            Edge::Close(node) if skipping.is_none() => reader.close(node),
            _ => {}
        }
    }
    reader.flush();
    reader.blocks
}

/// The reading state: blocks so far and the one being filled.
#[derive(Default)]
struct BlockReader {
    blocks: Vec<Block>,
    current: Block,
    /// Whitespace came since the last word, and whether it held a line break.
    gap: bool,
    gap_breaks: bool,
    /// Inside `pre`, where `code` is a listing.
    pre: usize,
    links: usize,
    headings: usize,
    /// Inside `head`, where only `title` is text.
    head: usize,
    title: usize,
}

impl BlockReader {
    fn open(&mut self, node: NodeRef<'_, Node>, skipping: &mut Option<ego_tree::NodeId>) {
        match node.value() {
            Node::Text(text) if self.head == 0 || self.title > 0 => self.push_text(text),
            Node::Element(element) => {
                let name = element.name();
                // A code listing inside `pre` is not prose.
                if skipped(node, element) || (name == "code" && self.pre > 0) {
                    *skipping = Some(node.id());
                    return;
                }
                if is_block(name) || name == "br" {
                    self.flush();
                }
                self.count(name, 1);
            }
            _ => {}
        }
    }

    fn close(&mut self, node: NodeRef<'_, Node>) {
        if let Node::Element(element) = node.value() {
            let name = element.name();
            if is_block(name) {
                self.flush();
            }
            self.count(name, -1);
        }
    }

    fn count(&mut self, name: &str, step: isize) {
        let counter = match name {
            "a" => &mut self.links,
            "head" => &mut self.head,
            "title" => &mut self.title,
            "pre" => &mut self.pre,
            n if is_heading(n) => &mut self.headings,
            _ => return,
        };
        *counter = counter.saturating_add_signed(step);
        if name == "title" {
            self.headings = self.headings.saturating_add_signed(step);
        }
    }

    /// Append a text node. Whitespace becomes one space, except a line break between two
    /// Chinese characters, which is dropped as browsers drop it (CSS Text 3, segment breaks):
    /// Chinese source text is wrapped anywhere, and a space would split words.
    fn push_text(&mut self, text: &str) {
        let mut gap = self.gap || text.starts_with(char::is_whitespace);
        let mut gap_breaks = self.gap_breaks;
        let mut rest = text;
        while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
            let (white, tail) = rest.split_at(start);
            gap |= !white.is_empty();
            gap_breaks |= white.contains('\n');
            let end = tail.find(char::is_whitespace).unwrap_or(tail.len());
            let word = &tail[..end];
            if gap
                && !self.current.text.is_empty()
                && !(gap_breaks && joins(&self.current.text, word))
            {
                self.current.text.push(' ');
            }
            self.current.text.push_str(word);
            if self.links > 0 {
                self.current.link_chars += word.chars().count();
            }
            if self.headings > 0 {
                self.current.heading = true;
            }
            (gap, gap_breaks) = (false, false);
            rest = &tail[end..];
        }
        self.gap = gap || !rest.is_empty();
        self.gap_breaks = gap_breaks || rest.contains('\n');
    }

    fn flush(&mut self) {
        let block = std::mem::take(&mut self.current);
        (self.gap, self.gap_breaks) = (false, false);
        if !block.text.is_empty() {
            self.blocks.push(block);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(page: &str) -> Vec<String> {
        blocks(page).into_iter().map(|b| b.text).collect()
    }

    #[test]
    fn scripts_styles_and_the_head_are_not_text_but_the_title_is() {
        let page = r#"<html><head><title>标题</title><style>:root{--ink:#33302e}</style>
            <script type="application/ld+json">{"a":1}</script></head>
            <body><script>window.dataLayer = [];</script><p>正文&rsquo;s</p>
            <noscript>Enable JS</noscript><template><p>x</p></template></body></html>"#;
        assert_eq!(texts(page), ["标题", "正文’s"]);
    }

    #[test]
    fn block_elements_and_br_end_blocks_and_inline_ones_do_not() {
        let page = "<div>一<b>二</b>三<br>four <i>five</i><p>six</p>seven</div>";
        assert_eq!(texts(page), ["一二三", "four five", "six", "seven"]);
    }

    #[test]
    fn table_cells_are_blocks() {
        let page = "<table><tr><td>中文。</td><td>English.</td></tr></table>";
        assert_eq!(texts(page), ["中文。", "English."]);
    }

    #[test]
    fn link_text_is_counted_and_headings_marked() {
        let b = blocks("<h2>Title</h2><p>See <a href=x>this page</a> now</p>");
        assert!(b[0].heading && !b[1].heading);
        assert_eq!(b[1].link_chars, 8);
    }

    #[test]
    fn navigation_and_unlikely_names_are_left_out_but_content_names_stay() {
        let page = r#"<nav>Home</nav><div class="cookie-banner">We use cookies</div>
            <div class="article-header"><h1>Kept</h1></div><div id="related">Other</div>
            <div role="navigation">Menu</div><form><input>Search</form>
            <form id="aspnetForm"><p>Body text</p></form>"#;
        assert_eq!(texts(page), ["Kept", "Body text"]);
    }

    #[test]
    fn a_line_break_between_chinese_characters_is_no_space() {
        assert_eq!(
            texts("<p>中美\n  关系 and\nmore</p>"),
            ["中美关系 and more"]
        );
    }

    #[test]
    fn code_listings_are_not_text() {
        assert_eq!(texts("<pre><code>let x = 1;</code></pre><p>文</p>"), ["文"]);
    }

    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        let page = "<span>".repeat(50_000) + "深" + &"</span>".repeat(50_000);
        assert_eq!(texts(&page), ["深"]);
    }
}
