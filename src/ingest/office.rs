//! The text of .docx documents and .epub books: ZIP archives of XML.
//!
//! Translation researchers keep novels and their translations as Word files and e-books. A
//! .docx holds its body in `word/document.xml`, one `w:p` element a paragraph; an .epub lists
//! its chapters (XHTML) in reading order in the spine of its package file, found through
//! `META-INF/container.xml`. Both become plain paragraphs separated by blank lines, which the
//! rest of ingest reads as it reads text. An e-book's chapters are books, not web pages: all
//! their blocks are kept, with no boilerplate classification.

use super::html;
use std::io::{Cursor, Read};

/// Uncompressed bytes read from one archive at most: as much as a text file may hold, so that
/// a small archive that inflates enormously (a "zip bomb") cannot exhaust memory.
const MAX_UNPACKED: u64 = 64 * 1024 * 1024;

type Archive<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// The text of a .docx or .epub, `None` for any other ZIP archive, or why it cannot be read.
pub fn zip_text(bytes: &[u8]) -> Option<Result<String, String>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut budget = MAX_UNPACKED;
    if archive.by_name("word/document.xml").is_ok() {
        return Some(docx_text(&mut archive, &mut budget));
    }
    let mimetype = entry(&mut archive, "mimetype", &mut budget).ok()?;
    if mimetype.trim() != "application/epub+zip" {
        return None;
    }
    Some(epub_text(&mut archive, &mut budget))
}

fn entry(archive: &mut Archive<'_>, name: &str, budget: &mut u64) -> Result<String, String> {
    let file = archive.by_name(name).map_err(|e| format!("{name}: {e}"))?;
    let mut text = String::new();
    file.take(*budget + 1)
        .read_to_string(&mut text)
        .map_err(|e| format!("{name}: {e}"))?;
    if text.len() as u64 > *budget {
        return Err("archive unpacks to more than 64 MiB".into());
    }
    *budget -= text.len() as u64;
    Ok(text)
}

fn xml(text: &str) -> Result<roxmltree::Document<'_>, String> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(text, options).map_err(|e| format!("bad XML: {e}"))
}

fn docx_text(archive: &mut Archive<'_>, budget: &mut u64) -> Result<String, String> {
    let body = entry(archive, "word/document.xml", budget)?;
    let doc = xml(&body)?;
    let mut paragraphs = Vec::new();
    for p in doc.descendants().filter(|n| {
        n.has_tag_name((
            "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
            "p",
        ))
    }) {
        let mut text = String::new();
        for n in p.descendants() {
            match n.tag_name().name() {
                "t" => text.push_str(n.text().unwrap_or("")),
                "tab" => text.push(' '),
                "br" | "cr" => text.push('\n'),
                _ => {}
            }
        }
        paragraphs.push(text);
    }
    Ok(paragraphs.join("\n\n"))
}

fn epub_text(archive: &mut Archive<'_>, budget: &mut u64) -> Result<String, String> {
    let container = entry(archive, "META-INF/container.xml", budget)?;
    let package_path = xml(&container)?
        .descendants()
        .find(|n| n.tag_name().name() == "rootfile")
        .and_then(|n| n.attribute("full-path"))
        .ok_or("no package file in META-INF/container.xml")?
        .to_string();
    let package = entry(archive, &package_path, budget)?;
    let package = xml(&package)?;
    let base = package_path.rsplit_once('/').map_or("", |(dir, _)| dir);
    let href_of = |id: &str| {
        package
            .descendants()
            .find(|n| n.tag_name().name() == "item" && n.attribute("id") == Some(id))
            .and_then(|n| n.attribute("href"))
    };
    let mut paragraphs = Vec::new();
    for itemref in package
        .descendants()
        .filter(|n| n.tag_name().name() == "itemref")
    {
        let Some(href) = itemref.attribute("idref").and_then(href_of) else {
            continue;
        };
        let path = if base.is_empty() {
            href.to_string()
        } else {
            format!("{base}/{href}")
        };
        let chapter = entry(archive, &path, budget)?;
        paragraphs.extend(html::blocks(&chapter).into_iter().map(|b| b.text));
    }
    Ok(paragraphs.join("\n\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(files: &[(&str, &str)]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let mut writer = zip::ZipWriter::new(&mut out);
        for (name, text) in files {
            writer
                .start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            writer.write_all(text.as_bytes()).unwrap();
        }
        writer.finish().unwrap();
        out.into_inner()
    }

    #[test]
    fn a_docx_gives_its_paragraphs() {
        let body = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
            <w:p><w:r><w:t>第一段。</w:t></w:r></w:p><w:p><w:r><w:t>First </w:t></w:r><w:r><w:t>paragraph.</w:t></w:r></w:p>
            </w:body></w:document>"#;
        let bytes = zip_of(&[
            ("[Content_Types].xml", "<Types/>"),
            ("word/document.xml", body),
        ]);
        assert_eq!(
            zip_text(&bytes).unwrap().unwrap(),
            "第一段。\n\nFirst paragraph."
        );
    }

    #[test]
    fn an_epub_gives_its_chapters_in_spine_order() {
        let bytes = zip_of(&[
            ("mimetype", "application/epub+zip"),
            (
                "META-INF/container.xml",
                r#"<container><rootfiles><rootfile full-path="OEBPS/book.opf"/></rootfiles></container>"#,
            ),
            (
                "OEBPS/book.opf",
                r#"<package><manifest><item id="a" href="a.xhtml"/><item id="b" href="b.xhtml"/></manifest><spine><itemref idref="b"/><itemref idref="a"/></spine></package>"#,
            ),
            ("OEBPS/a.xhtml", "<html><body><p>Second.</p></body></html>"),
            ("OEBPS/b.xhtml", "<html><body><p>第一章。</p></body></html>"),
        ]);
        assert_eq!(zip_text(&bytes).unwrap().unwrap(), "第一章。\n\nSecond.");
    }

    #[test]
    fn other_archives_are_not_read() {
        assert!(zip_text(&zip_of(&[("a.txt", "x")])).is_none());
        assert!(zip_text(b"PK\x03\x04 broken").is_none());
    }
}
