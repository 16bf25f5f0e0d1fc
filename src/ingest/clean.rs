//! Cleaning: from a web or markdown article to plain paragraphs.
//!
//! Scraped articles carry YAML front matter, HTML tags and comments, markdown syntax and
//! escapes. None of it is translated text, and all of it would disturb sentence lengths and
//! anchors, so it goes before anything else looks at the text.

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

/// Remove HTML comments and tags. A `<` opens a tag only when followed by a letter, `/` or
/// `!`, so "a < b" in running text survives. Block-level tags become line breaks so that
/// `<p>` paragraphs stay apart.
fn strip_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find('<') {
        out.push_str(&rest[..pos]);
        let after = &rest[pos..];
        if let Some(body) = after.strip_prefix("<!--") {
            rest = match body.find("-->") {
                Some(end) => &body[end + 3..],
                None => "",
            };
            continue;
        }
        let opens_tag = after[1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        match (opens_tag, after.find('>')) {
            // A real tag closes soon and holds no other '<'.
            (true, Some(end)) if end < 1000 && !after[1..end].contains('<') => {
                let name: String = after[1..end]
                    .trim_start_matches('/')
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect();
                if is_block_tag(&name.to_ascii_lowercase()) {
                    out.push('\n');
                }
                rest = &after[end + 1..];
            }
            _ => {
                out.push('<');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    decode_entities(&out)
}

fn is_block_tag(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "br"
            | "li"
            | "ul"
            | "ol"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "tr"
            | "table"
            | "blockquote"
            | "section"
            | "article"
            | "hr"
    )
}

/// The handful of HTML entities that occur in scraped text.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    text.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
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

/// `[text](url)` → `text`; `![alt](url)` → `alt`; `[text](#)` → `text`.
fn strip_links(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        let (before, after) = rest.split_at(open);
        out.push_str(before.strip_suffix('!').unwrap_or(before));
        match after.find("](") {
            Some(mid) if !after[1..mid].contains('[') => match after[mid + 2..].find(')') {
                Some(close) => {
                    out.push_str(&after[1..mid]);
                    rest = &after[mid + 2 + close + 1..];
                }
                None => {
                    out.push('[');
                    rest = &after[1..];
                }
            },
            _ => {
                out.push('[');
                rest = &after[1..];
            }
        }
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

/// Clean an article and cut it into paragraphs: every non-empty line is one. Whitespace
/// inside a paragraph is collapsed to single spaces.
pub fn paragraphs(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let body = strip_front_matter(&text);
    let html = strip_html(body);
    html.lines()
        .map(strip_markdown_line)
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect()
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
    fn images_keep_their_alt_text_and_rules_vanish() {
        assert_eq!(paragraphs("![图片](a.png)\n------\n正文"), ["图片", "正文"]);
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        assert_eq!(paragraphs("一\r\n二\rthree"), ["一", "二", "three"]);
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(paragraphs("AT&amp;T &lt;3"), ["AT&T <3"]);
    }
}
