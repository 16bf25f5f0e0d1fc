//! Cleaning: from a web or markdown article to plain paragraphs.
//!
//! Scraped articles carry YAML front matter, HTML tags and comments, markdown syntax and
//! escapes. None of it is translated text, and all of it would disturb sentence lengths and
//! anchors, so it goes before anything else looks at the text.
//!
//! A whole web page (one that starts as a page does, see [`is_html_page`]) goes through an
//! HTML5 parser and the boilerplate classifier instead ([`super::html`],
//! [`super::boilerplate`]); markdown and text keep the line-based cleaning here, with inline
//! tags removed in linear time and every character reference decoded.

use super::{boilerplate, entities, html};

/// Remove a YAML front-matter block: a first non-empty line `---`, up to the next `---` line.
fn strip_front_matter(text: &str) -> &str {
    let trimmed = text.trim_start();
    let Some(rest) = trimmed.strip_prefix("---") else {
        return text;
    };
    let Some(rest) = rest
        .strip_prefix('\n')
        .or_else(|| rest.strip_prefix("\r\n"))
    else {
        return text;
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return &rest[offset + line.len()..];
        }
        offset += line.len();
    }
    text // unterminated: not front matter after all
}

/// Remove HTML comments and tags from markdown or text, in one pass whatever the markup (a
/// scan never goes back, and a search that fails ends the text). A `<` opens a tag only when
/// followed by a letter, `/`, `!` or `?`, and the tag ends at the first `>` outside a quoted
/// attribute value, however long; a `<` that opens no tag is text, so "a < b" survives. Block
/// tags become line breaks so that `<p>` paragraphs stay apart, and the content of elements
/// that are never text (`script`, `style`, …) goes with them.
fn strip_html(text: &str) -> String {
    let bytes = text.as_bytes();
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let (mut scan, mut copied) = (0, 0);
    while let Some(offset) = lower[scan..].find('<') {
        let lt = scan + offset;
        if lower[lt..].starts_with("<!--") {
            out.push_str(&text[copied..lt]);
            scan = lower[lt + 4..]
                .find("-->")
                .map_or(text.len(), |e| lt + 4 + e + 3);
            copied = scan;
            continue;
        }
        match tag_end(bytes, lt) {
            Ok(gt) => {
                out.push_str(&text[copied..lt]);
                let name = tag_name(&lower[lt + 1..gt]);
                let closing = lower[lt + 1..].starts_with('/');
                if is_block_tag(name) {
                    out.push('\n');
                }
                scan = gt + 1;
                if !closing && is_raw_content(name) {
                    let close = format!("</{name}");
                    scan = lower[scan..].find(&close).map_or(text.len(), |c| {
                        let at = scan + c;
                        lower[at..].find('>').map_or(text.len(), |e| at + e + 1)
                    });
                }
                copied = scan;
            }
            Err(stop) => scan = stop,
        }
    }
    out.push_str(&text[copied..]);
    entities::decode_references(&out).into_owned()
}

/// The tree builder's work on nesting, at most this much per byte of page. html5ever (like
/// the HTML standard it follows) looks through the open elements for a `<p>` to close at every
/// block start tag, so a page of 20,000 nested `<div>`s took 3 s, and time grows with the
/// square of the depth. Real pages are a few dozen elements deep, far below this bound.
const MAX_NESTING_WORK_PER_BYTE: usize = 16;

/// The depth of open block containers summed over every block start tag: what html5ever's
/// scope checks cost, estimated in one linear scan (see `MAX_NESTING_WORK_PER_BYTE`).
fn nesting_work(page: &str) -> usize {
    let (bytes, lower) = (page.as_bytes(), page.to_ascii_lowercase());
    let (mut scan, mut depth, mut work) = (0, 0usize, 0usize);
    while let Some(offset) = lower[scan..].find('<') {
        let lt = scan + offset;
        match tag_end(bytes, lt) {
            Ok(gt) => {
                if nests(tag_name(&lower[lt + 1..gt])) {
                    if lower[lt + 1..].starts_with('/') {
                        depth = depth.saturating_sub(1);
                    } else {
                        work = work.saturating_add(depth);
                        depth += 1;
                    }
                }
                scan = gt + 1;
            }
            Err(stop) => scan = stop,
        }
    }
    work
}

/// Block containers that nest (a `<p>`, `<li>` or cell closes the one before it instead).
fn nests(name: &str) -> bool {
    matches!(
        name,
        "div"
            | "section"
            | "article"
            | "aside"
            | "blockquote"
            | "center"
            | "details"
            | "dialog"
            | "dir"
            | "dl"
            | "fieldset"
            | "figure"
            | "footer"
            | "header"
            | "hgroup"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "ul"
            | "form"
            | "table"
    )
}

/// Where the tag opened at `lt` ends (its `>`), or, when no tag opens there, where to look for
/// the next one: the next `<` the scan met, or the end.
fn tag_end(bytes: &[u8], lt: usize) -> Result<usize, usize> {
    let opens = bytes
        .get(lt + 1)
        .is_some_and(|&b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?'));
    if !opens {
        return Err(lt + 1);
    }
    let mut i = lt + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'>' => return Ok(i),
            b'<' => return Err(i),
            b'=' => {
                let mut v = i + 1;
                while v < bytes.len() && bytes[v].is_ascii_whitespace() {
                    v += 1;
                }
                if let Some(&quote @ (b'"' | b'\'')) = bytes.get(v) {
                    // A quoted value may hold `<` and `>`; an unclosed one makes no tag.
                    match bytes[v + 1..].iter().position(|&b| b == quote) {
                        Some(q) => i = v + 1 + q,
                        None => return Err(v + 1),
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    Err(bytes.len())
}

/// The element name of a tag's inside (`/p class=x` → `p`).
fn tag_name(inside: &str) -> &str {
    let inside = inside.trim_start_matches('/');
    let end = inside
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(inside.len());
    &inside[..end]
}

/// Elements whose content is skipped up to their closing tag: HTML's raw-text elements and the
/// others that never hold article text and always have a closing tag. `html.rs` skips more (void
/// elements such as `<embed>` among them), but here an element without its closing tag would
/// take the rest of the file with it; `title` is skipped because inline HTML in a text file has
/// no page title to keep.
fn is_raw_content(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "noscript" | "template" | "svg" | "iframe" | "textarea" | "title"
    )
}

/// Tags that end a line of text: the same block elements as for HTML pages (`html.rs`), so a
/// page's inline HTML and a web page split at the same places, and `<br>`.
fn is_block_tag(name: &str) -> bool {
    name == "br" || html::is_block(name)
}

/// Markdown of one line: heading marks, rules, emphasis, links, images, escapes.
fn strip_markdown_line(line: &str) -> String {
    let mut line = line.trim();
    // Headings: "## Title" → "Title".
    let hashes = line.chars().take_while(|&c| c == '#').count();
    if hashes > 0 && hashes <= 6 && line[hashes..].starts_with(' ') {
        line = line[hashes..].trim();
    }
    // Quote marks and list bullets.
    line = line.trim_start_matches('>').trim_start();
    if let Some(rest) = line
        .strip_prefix("- ")
        .or_else(|| line.strip_prefix("* "))
        .or_else(|| line.strip_prefix("+ "))
    {
        line = rest;
    }
    // Horizontal rules: a line of only -, *, _ or = (three or more).
    if line.len() >= 3
        && line
            .chars()
            .all(|c| matches!(c, '-' | '*' | '_' | '=' | ' '))
    {
        return String::new();
    }
    let linked = strip_links(line);
    strip_emphasis_and_escapes(&linked)
}

/// `[text](url)` → `text`; `[text](#)` → `text`; `![alt](url)` goes: alt text describes an
/// image and is not translated as the article is.
fn strip_links(line: &str) -> String {
    // Each step finds the next `](` and the last `[` before it, so no part of the line is
    // searched twice: linear however many brackets a line holds.
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(mid) = rest.find("](") {
        let Some(open) = rest[..mid].rfind('[') else {
            out.push_str(&rest[..mid + 2]);
            rest = &rest[mid + 2..];
            continue;
        };
        let Some(close) = rest[mid + 2..].find(')') else {
            break;
        };
        let before = &rest[..open];
        match before.strip_suffix('!') {
            Some(before) => out.push_str(before),
            None => {
                out.push_str(before);
                out.push_str(&rest[open + 1..mid]);
            }
        }
        rest = &rest[mid + 2 + close + 1..];
    }
    out.push_str(rest);
    out
}

/// `**bold**`, `__bold__`, `*em*` marks go; `\$` becomes `$`. A single `_` stays (it occurs in
/// names and URLs); a single `*` is dropped only when it touches a word on one side.
fn strip_emphasis_and_escapes(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '\\' && next.is_some_and(|n| n.is_ascii_punctuation()) {
            out.push(next.unwrap_or(c));
            i += 2;
        } else if (c == '*' && next == Some('*')) || (c == '_' && next == Some('_')) {
            i += 2;
        } else if c == '*' {
            let prev_space = i == 0 || chars[i - 1].is_whitespace();
            let next_space = next.is_none_or(char::is_whitespace);
            if prev_space && next_space {
                out.push(c);
            }
            i += 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Clean an article and cut it into paragraphs: a web page's article blocks, or every
/// non-empty line of markdown and text outside code fences. Whitespace inside a paragraph is
/// collapsed to single spaces.
pub fn paragraphs(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    if is_html_page(&text) {
        return page_paragraphs(&text);
    }
    let body = strip_front_matter(&text);
    let html = strip_html(body);
    outside_code_fences(&html)
        .map(strip_markdown_line)
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect()
}

/// The article of a web page: its blocks that the boilerplate classifier keeps. A page nested
/// so deep that the parser would take more than linear time (see `nesting_work`) is cleaned
/// line by line as markdown is instead: no page a person reads is nested so deep.
pub fn page_paragraphs(page: &str) -> Vec<String> {
    if nesting_work(page) > MAX_NESTING_WORK_PER_BYTE * page.len() {
        return outside_code_fences(&strip_html(page))
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect();
    }
    let blocks = html::blocks(page);
    boilerplate::article(&blocks)
        .into_iter()
        .map(|b| b.text.clone())
        .collect()
}

/// Whether a text is a web page rather than markdown with some inline HTML: after blank space
/// and comments, it starts with a doctype, an `<html>`, `<head>` or `<body>` tag, a `<meta>` or
/// `<title>`, or an XML declaration (XHTML).
pub fn is_html_page(text: &str) -> bool {
    let mut rest = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    while let Some(comment) = rest.strip_prefix("<!--") {
        rest = comment
            .find("-->")
            .map_or("", |e| &comment[e + 3..])
            .trim_start();
    }
    let mut end = rest.len().min(16);
    while !rest.is_char_boundary(end) {
        end -= 1;
    }
    let start = rest[..end].to_ascii_lowercase();
    [
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<meta",
        "<title",
        "<?xml",
    ]
    .iter()
    .any(|p| {
        // The whole tag name: `<header>` or `<bodytext>` starts no page.
        start.strip_prefix(p).is_some_and(|after| {
            !after.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '-')
        })
    })
}

/// The lines of a markdown text outside its code fences (``` or ~~~): code is not article
/// text. An unclosed fence runs to the end, as in CommonMark.
fn outside_code_fences(text: &str) -> impl Iterator<Item = &str> {
    let mut fence: Option<&str> = None;
    text.lines().filter(move |line| {
        let trimmed = line.trim_start();
        let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
        match (fence, marker) {
            (None, Some(m)) => {
                fence = Some(m);
                false
            }
            (Some(open), Some(m))
                if open == m && trimmed.trim_end().chars().all(|c| m.starts_with(c)) =>
            {
                fence = None;
                false
            }
            (Some(_), _) => false,
            (None, None) => true,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_removed() {
        let p = paragraphs("---\nlayout: post\ntitle: \"标题\"\n---\n正文。\n");
        assert_eq!(p, ["正文。"]);
    }

    #[test]
    fn a_leading_rule_without_a_closing_one_is_not_front_matter() {
        assert_eq!(paragraphs("---\n正文。\n"), ["正文。"]);
    }

    #[test]
    fn html_tags_and_comments_are_removed_but_less_than_signs_stay() {
        let p = paragraphs("<!--1738677611000-->\n<div>第一段<br>第二段</div>\na < b");
        assert_eq!(p, ["第一段", "第二段", "a < b"]);
    }

    #[test]
    fn inline_html_splits_lines_where_a_web_page_splits_blocks() {
        let p = paragraphs("<header>标题</header><dl><dt>词</dt><dd>释义</dd></dl><pre>代码</pre>");
        assert_eq!(p, ["标题", "词", "释义", "代码"]);
        assert!(!is_html_page("<header>标题</header>"));
        assert!(!is_html_page("<bodytext>x</bodytext>"));
        assert!(is_html_page("<head><meta charset=utf-8>"));
        assert!(is_html_page("<!DOCTYPE html>"));
        assert!(is_html_page("<html lang=zh>"));
    }

    #[test]
    fn markdown_headings_links_emphasis_and_escapes_go() {
        let p = paragraphs("## 特朗普希望\n\nbuy an additional \\$200 billion under [the trade agreement](#) and **more**");
        assert_eq!(
            p,
            [
                "特朗普希望",
                "buy an additional $200 billion under the trade agreement and more"
            ]
        );
    }

    #[test]
    fn images_and_their_alt_text_and_rules_vanish() {
        assert_eq!(paragraphs("![图片](a.png)\n------\n正文"), ["正文"]);
        assert_eq!(paragraphs("[a] [b](c) x![i](j)y"), ["[a] b xy"]);
    }

    #[test]
    fn tags_of_any_length_go_and_scripts_with_their_content() {
        let long = format!(
            "<img alt=\"{}\">正文<script>var a = '<p>';</script>。",
            "x".repeat(2_000_000)
        );
        assert_eq!(paragraphs(&long), ["正文。"]);
        assert_eq!(
            paragraphs("<a title=\"1 > 0\">链接</a> a <b"),
            ["链接 a <b"]
        );
    }

    #[test]
    fn markup_cleaning_is_linear() {
        // 400,000 unclosed tags and brackets took 5.6 s when each `<` searched to the end.
        for text in [
            "<a".repeat(400_000),
            "[x".repeat(400_000) + "](",
            "<a x='".repeat(100_000),
        ] {
            let start = std::time::Instant::now();
            paragraphs(&text);
            assert!(start.elapsed().as_secs_f64() < 2.0, "{:?}", start.elapsed());
        }
    }

    #[test]
    fn deeply_nested_pages_are_cleaned_in_linear_time() {
        let page = "<html><body>".to_string() + &"<div>".repeat(100_000) + "深</body></html>";
        let start = std::time::Instant::now();
        assert_eq!(paragraphs(&page), ["深"]);
        assert!(start.elapsed().as_secs_f64() < 2.0, "{:?}", start.elapsed());
    }

    #[test]
    fn code_fences_are_not_text() {
        assert_eq!(
            paragraphs("正文\n```rust\nlet x = 1;\n```\nmore"),
            ["正文", "more"]
        );
    }

    #[test]
    fn whole_pages_go_through_the_html_parser() {
        assert!(is_html_page(
            "\u{FEFF}<!-- saved -->\n<!DOCTYPE html><html>"
        ));
        assert!(!is_html_page("<!--1738677611000-->\n<div>第一段</div>"));
        assert!(!is_html_page("# Title\n<p>x</p>"));
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        assert_eq!(paragraphs("一\r\n二\rthree"), ["一", "二", "three"]);
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(paragraphs("AT&amp;T &lt;3"), ["AT&T <3"]);
        assert_eq!(paragraphs("It&rsquo;s &#20013;&#x6587;"), ["It’s 中文"]);
    }
}
