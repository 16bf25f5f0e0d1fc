//! TMX 1.4b, the translation-memory exchange format CAT tools (OmegaT, Trados, memoQ) import.
//!
//! One `<tu>` per pair with a `zh` and an `en` `<tuv>`; `srclang="zh"` because Chinese is the
//! side listed first everywhere in zhen-align. The document, score and link shape go into
//! `<prop type="x-…">` elements (TMX's place for user data: the `x-` prefix marks them as ours),
//! written before the `<tuv>`s as the DTD requires.
//!
//! Escaping is done here rather than with an XML library because it is small and total:
//! `& < > " '` become entities, and characters XML 1.0 forbids (control characters other than
//! tab and line breaks, U+FFFE, U+FFFF) become spaces, since no entity can carry them. Tabs
//! and line breaks also become spaces, so a segment is always one line of text. No creation
//! date is written, so the file is byte-identical from run to run. No `<!DOCTYPE>` either:
//! validating parsers (Java's among them) would try to fetch `tmx14.dtd` and fail offline.

use super::tsv::format_score;
use crate::pipeline::Pair;
use std::io::{self, Write};

const HEADER: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
    "<tmx version=\"1.4\">\n",
    "  <header creationtool=\"zhen-align\" creationtoolversion=\"",
    env!("CARGO_PKG_VERSION"),
    "\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" srclang=\"zh\" o-tmf=\"zhen-align\"/>\n",
    "  <body>\n",
);
const FOOTER: &str = "  </body>\n</tmx>\n";

/// Text made safe for XML character data and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Writes a TMX document: the header on creation, one `<tu>` per record, the footer on finish.
pub struct TmxWriter<W: Write> {
    out: W,
}

impl<W: Write> TmxWriter<W> {
    pub fn new(mut out: W) -> io::Result<Self> {
        out.write_all(HEADER.as_bytes())?;
        Ok(TmxWriter { out })
    }

    pub fn write_pairs(&mut self, doc: &str, pairs: &[Pair]) -> io::Result<()> {
        let doc = escape(doc);
        for r in pairs {
            let p = r;
            writeln!(self.out, "    <tu>")?;
            writeln!(self.out, "      <prop type=\"x-doc\">{doc}</prop>")?;
            writeln!(
                self.out,
                "      <prop type=\"x-score\">{}</prop>",
                format_score(p.score)
            )?;
            writeln!(
                self.out,
                "      <prop type=\"x-link\">{}</prop>",
                escape(&p.shape())
            )?;
            writeln!(
                self.out,
                "      <tuv xml:lang=\"zh\"><seg>{}</seg></tuv>",
                escape(&p.zh)
            )?;
            writeln!(
                self.out,
                "      <tuv xml:lang=\"en\"><seg>{}</seg></tuv>",
                escape(&p.en)
            )?;
            writeln!(self.out, "    </tu>")?;
        }
        Ok(())
    }

    pub fn finish(mut self) -> io::Result<W> {
        self.out.write_all(FOOTER.as_bytes())?;
        self.out.flush()?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_become_entities() {
        assert_eq!(
            escape("a<b & \"c\" 'd'>"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;"
        );
    }

    #[test]
    fn characters_xml_cannot_hold_become_spaces() {
        assert_eq!(escape("a\u{0}b\u{1b}c\u{FFFF}d\te\nf"), "a b c d e f");
    }

    #[test]
    fn an_empty_memory_is_still_a_whole_document() {
        let out = TmxWriter::new(Vec::new()).unwrap().finish().unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("<?xml") && text.ends_with("</tmx>\n"));
        assert!(text.contains("srclang=\"zh\""));
    }
}
