//! Reading InterText alignments back: a folder of text files and alignment files, as
//! InterText writes them or as [`super`] does, into documents with gold links for `eval`.
//!
//! Real files vary, and all of these are read: namespaces (`<tei:s>`, a default namespace),
//! either quote and any attribute order, a `<!DOCTYPE>` (never fetched), `xml:id` as well as
//! `id`, any `status` (`man`, `auto`, …; it says who made a link, not whether it holds), empty
//! sides (`xtargets='1:4;'`), ids of any form (`2:17`, `s12`), a `<linkGrp>` as the root or
//! inside a `<cesAlign>` wrapper, and `fromDoc` being the English text as well as the Chinese.
//!
//! Which text is Chinese is decided by its own characters (Han against Latin letters, see
//! [`crate::model::script`]), never by a file or language name: those are often a project's
//! private codes. The sentences are the innermost elements carrying an id (`<s>` in InterText's
//! layout, but a title `<head id=…>` with no sentences inside counts too), and their parent
//! element is their paragraph, which the aligner uses as paragraph evidence.
//!
//! Anything unreadable is named by file and line: a file that is not XML, a link naming an id
//! its text lacks, a `linkGrp` whose texts are missing or in the same language.

use crate::model::script::classify;
use crate::model::{IdLink, Lang, Sentence};
use roxmltree::{Document as Xml, Node, ParsingOptions};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One aligned document read from InterText files: both sides' sentences and the links.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldDocument {
    /// The alignment's name: its folder under the read root, and the part its two texts' file
    /// names share (`Obama.cs-00.xml` and `Obama.no-00.xml` give `Obama`).
    pub name: String,
    pub zh: Vec<Sentence>,
    pub en: Vec<Sentence>,
    pub gold: Vec<IdLink>,
}

/// A problem, with the file and line it is at.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadError {
    pub path: PathBuf,
    pub line: u32,
    pub message: String,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.path.display(), self.line, self.message)
    }
}

fn error(path: &Path, line: u32, message: impl Into<String>) -> ReadError {
    ReadError {
        path: path.to_path_buf(),
        line,
        message: message.into(),
    }
}

/// A text file's sentences and where each id points.
#[derive(Debug)]
struct Text {
    path: PathBuf,
    sentences: Vec<Sentence>,
    ids: HashMap<String, usize>,
    lang: Option<Lang>,
}

/// Parse XML leniently as to its prologue: a DOCTYPE is allowed (InterCorp's texts declare
/// one) but never fetched, so reading stays offline.
fn parse<'a>(path: &Path, text: &'a str) -> Result<Xml<'a>, ReadError> {
    let options = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    Xml::parse_with_options(text, options).map_err(|e| {
        let pos = e.pos();
        error(path, pos.row, format!("not well-formed XML: {e}"))
    })
}

fn line_of(xml: &Xml, node: Node) -> u32 {
    xml.text_pos_at(node.range().start).row
}

/// An element's id: `id` or `xml:id`.
fn id_of<'a>(node: Node<'a, '_>) -> Option<&'a str> {
    node.attribute("id")
        .or_else(|| node.attribute(("http://www.w3.org/XML/1998/namespace", "id")))
}

/// An attribute by local name, whatever its namespace (`fromDoc`, `x:fromDoc`).
fn attribute<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attributes()
        .find(|a| a.name() == name)
        .map(|a| a.value())
}

/// Read a text file: its innermost id-bearing elements, in document order, as sentences.
fn read_text_file(path: &Path, source: &str) -> Result<Text, ReadError> {
    let xml = parse(path, source)?;
    let mut sentences = Vec::new();
    let mut ids = HashMap::new();
    let mut paragraphs: HashMap<roxmltree::NodeId, usize> = HashMap::new();
    for node in xml.descendants().filter(|n| n.is_element()) {
        let Some(id) = id_of(node) else { continue };
        let inner = node
            .descendants()
            .skip(1)
            .any(|d| d.is_element() && id_of(d).is_some());
        if inner {
            continue;
        }
        let text: String = node
            .descendants()
            .filter(|d| d.is_text())
            .filter_map(|d| d.text())
            .collect();
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let parent = node.parent().map_or(node.id(), |p| p.id());
        let next = paragraphs.len();
        let paragraph = *paragraphs.entry(parent).or_insert(next);
        if ids.insert(id.to_string(), sentences.len()).is_some() {
            return Err(error(
                path,
                line_of(&xml, node),
                format!("id '{id}' is used twice"),
            ));
        }
        sentences.push(Sentence::new(text, paragraph));
    }
    let lang = language_of(&sentences);
    Ok(Text {
        path: path.to_path_buf(),
        sentences,
        ids,
        lang,
    })
}

/// The language a text is written in, by its characters; none when it has no letters.
fn language_of(sentences: &[Sentence]) -> Option<Lang> {
    let sample: String = sentences
        .iter()
        .take(400)
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    classify(&sample)
}

/// One `<link>` as written: the ids of `fromDoc` and of `toDoc`, and its line.
struct RawLink {
    from: Vec<String>,
    to: Vec<String>,
    line: u32,
}

/// One `<linkGrp>`: the two texts it names and its links.
struct Group {
    from_doc: String,
    to_doc: String,
    line: u32,
    links: Vec<RawLink>,
}

/// `1:3;1:4 1:5` → (`["1:3"]`, `["1:4", "1:5"]`); either side may be empty.
fn parse_xtargets(value: &str) -> Result<(Vec<String>, Vec<String>), String> {
    let (from, to) = value
        .split_once(';')
        .ok_or_else(|| format!("xtargets '{value}' has no ';' between its two sides"))?;
    if to.contains(';') {
        return Err(format!("xtargets '{value}' has more than two sides"));
    }
    let ids = |side: &str| side.split_whitespace().map(str::to_string).collect();
    Ok((ids(from), ids(to)))
}

/// The link groups of an alignment file; none when it is not one (a text file).
fn read_groups(path: &Path, source: &str) -> Result<Vec<Group>, ReadError> {
    let xml = parse(path, source)?;
    let mut groups = Vec::new();
    for g in xml
        .descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == "linkGrp")
    {
        let line = line_of(&xml, g);
        let doc = |name: &str| {
            attribute(g, name)
                .map(str::to_string)
                .ok_or_else(|| error(path, line, format!("linkGrp has no {name}")))
        };
        let (from_doc, to_doc) = (doc("fromDoc")?, doc("toDoc")?);
        let mut links = Vec::new();
        for l in g
            .children()
            .filter(|n| n.is_element() && n.tag_name().name() == "link")
        {
            let line = line_of(&xml, l);
            let value = attribute(l, "xtargets")
                .ok_or_else(|| error(path, line, "link has no xtargets"))?;
            let (from, to) = parse_xtargets(value).map_err(|m| error(path, line, m))?;
            links.push(RawLink { from, to, line });
        }
        groups.push(Group {
            from_doc,
            to_doc,
            line,
            links,
        });
    }
    Ok(groups)
}

/// Every `.xml` file under `dir`, sorted, hidden ones skipped.
fn xml_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), ReadError> {
    let entries = std::fs::read_dir(dir).map_err(|e| error(dir, 0, e.to_string()))?;
    let mut paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            xml_files(&path, out)?;
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xml"))
        {
            out.push(path);
        }
    }
    Ok(())
}

/// What reading a folder gave: the documents read, and a problem for each one that was not.
pub struct Folder {
    pub documents: Vec<GoldDocument>,
    pub errors: Vec<ReadError>,
}

/// Read every alignment under `dir` (recursively) with its two texts. `decode` turns a file's
/// bytes into text (the caller's choice of encodings); a document that cannot be read is
/// reported and the others are read all the same.
pub fn read_folder(
    dir: &Path,
    decode: impl Fn(&Path) -> Result<String, String>,
) -> Result<Folder, ReadError> {
    let mut files = Vec::new();
    xml_files(dir, &mut files)?;
    let mut folder = Folder {
        documents: Vec::new(),
        errors: Vec::new(),
    };
    for path in &files {
        let source = match decode(path) {
            Ok(s) => s,
            Err(m) => {
                folder.errors.push(error(path, 0, m));
                continue;
            }
        };
        // Only alignment files are read here; text files are read when an alignment names them.
        if !source.contains("linkGrp") {
            continue;
        }
        let groups = match read_groups(path, &source) {
            Ok(g) => g,
            Err(e) => {
                folder.errors.push(e);
                continue;
            }
        };
        for group in groups {
            match document(dir, path, &group, &decode) {
                Ok(d) => folder.documents.push(d),
                Err(e) => folder.errors.push(e),
            }
        }
    }
    Ok(folder)
}

/// A text named by an alignment: beside the alignment file, or, when the name carries folders
/// that are not there, by its file name alone beside it.
fn text_path(alignment: &Path, name: &str) -> PathBuf {
    let dir = alignment.parent().unwrap_or(Path::new("."));
    let direct = dir.join(name);
    if direct.is_file() {
        return direct;
    }
    Path::new(name)
        .file_name()
        .map_or(direct.clone(), |file| dir.join(file))
}

/// The document of one link group.
fn document(
    root: &Path,
    path: &Path,
    group: &Group,
    decode: &impl Fn(&Path) -> Result<String, String>,
) -> Result<GoldDocument, ReadError> {
    let read = |name: &str| {
        let text = text_path(path, name);
        let source = decode(&text).map_err(|m| {
            error(
                path,
                group.line,
                format!("cannot read '{name}' ({}): {m}", text.display()),
            )
        })?;
        read_text_file(&text, &source)
    };
    let (from, to) = (read(&group.from_doc)?, read(&group.to_doc)?);
    let from_is_zh = match (from.lang, to.lang) {
        (Some(Lang::Zh), Some(Lang::En)) => true,
        (Some(Lang::En), Some(Lang::Zh)) => false,
        (a, b) => {
            let name = |l: Option<Lang>| l.map_or("neither", Lang::name);
            return Err(error(
                path,
                group.line,
                format!(
                    "cannot tell which text is Chinese: {} reads as {}, {} as {}",
                    group.from_doc,
                    name(a),
                    group.to_doc,
                    name(b)
                ),
            ));
        }
    };
    let mut gold = Vec::with_capacity(group.links.len());
    for l in &group.links {
        if l.from.is_empty() && l.to.is_empty() {
            continue;
        }
        let (f, t) = (
            resolve(path, l, &from, &l.from)?,
            resolve(path, l, &to, &l.to)?,
        );
        gold.push(if from_is_zh {
            IdLink { zh: f, en: t }
        } else {
            IdLink { zh: t, en: f }
        });
    }
    let (zh, en) = if from_is_zh { (from, to) } else { (to, from) };
    Ok(GoldDocument {
        name: document_name(root, path, &group.from_doc, &group.to_doc),
        zh: zh.sentences,
        en: en.sentences,
        gold,
    })
}

/// A link's ids as sentence numbers of `text`.
fn resolve(
    path: &Path,
    link: &RawLink,
    text: &Text,
    ids: &[String],
) -> Result<Vec<usize>, ReadError> {
    ids.iter()
        .map(|id| {
            text.ids.get(id).copied().ok_or_else(|| {
                error(
                    path,
                    link.line,
                    format!(
                        "link names '{id}', which {} does not have",
                        text.path.display()
                    ),
                )
            })
        })
        .collect()
}

/// The document's name (see [`GoldDocument::name`]); the alignment file's own name when the
/// texts' names share nothing.
fn document_name(root: &Path, path: &Path, from_doc: &str, to_doc: &str) -> String {
    let file = |n: &str| {
        Path::new(n)
            .file_name()
            .map_or(n.to_string(), |f| f.to_string_lossy().into_owned())
    };
    let (a, b) = (file(from_doc), file(to_doc));
    let shared = a
        .char_indices()
        .zip(b.chars())
        .take_while(|((_, x), y)| x == y)
        .filter(|((_, x), _)| *x == '.')
        .last()
        .map(|((i, _), _)| &a[..i]);
    let own = path
        .file_name()
        .map_or(String::new(), |f| f.to_string_lossy().into_owned());
    let own = own.strip_suffix(".xml").unwrap_or(&own).to_string();
    let base = shared.filter(|s| !s.is_empty()).map_or(own, str::to_string);
    let folder = path
        .parent()
        .and_then(|p| p.strip_prefix(root).ok())
        .filter(|p| !p.as_os_str().is_empty());
    match folder {
        Some(f) => format!("{}/{base}", f.to_string_lossy()),
        None => base,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xtargets_have_two_sides_either_of_which_may_be_empty() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            parse_xtargets("1:3;1:4 1:5"),
            Ok((s(&["1:3"]), s(&["1:4", "1:5"])))
        );
        assert_eq!(parse_xtargets("1:4;"), Ok((s(&["1:4"]), s(&[]))));
        assert_eq!(parse_xtargets(" ; s2 "), Ok((s(&[]), s(&["s2"]))));
        assert!(parse_xtargets("1:4").is_err());
        assert!(parse_xtargets("1;2;3").is_err());
    }

    #[test]
    fn a_document_is_named_by_what_its_texts_share() {
        let root = Path::new("/r");
        assert_eq!(
            document_name(
                root,
                Path::new("/r/x.alignment.xml"),
                "Obama.cs-00.xml",
                "Obama.no-00.xml"
            ),
            "Obama"
        );
        assert_eq!(
            document_name(
                root,
                Path::new("/r/news/a.txt.zh.en.alignment.xml"),
                "a.txt.zh.xml",
                "a.txt.en.xml"
            ),
            "news/a.txt"
        );
        assert_eq!(
            document_name(root, Path::new("/r/pair.xml"), "zh.xml", "en.xml"),
            "pair"
        );
    }

    #[test]
    fn sentences_are_the_innermost_elements_with_ids_paragraphs_their_parents() {
        let source = r#"<doc xmlns="urn:x"><head id="h">标题</head><p id="1"><s id="1:1">一 <i>二</i></s>
            <s xml:id="1:2">三</s></p><p id="2"><s id="2:1">四</s></p></doc>"#;
        let text = read_text_file(Path::new("t.xml"), source).unwrap();
        let got: Vec<(&str, usize)> = text
            .sentences
            .iter()
            .map(|s| (s.text.as_str(), s.paragraph))
            .collect();
        assert_eq!(got, [("标题", 0), ("一 二", 1), ("三", 1), ("四", 2)]);
        assert_eq!(text.ids["1:2"], 2);
        assert_eq!(text.lang, Some(Lang::Zh));
    }

    #[test]
    fn a_repeated_id_is_named_with_its_line() {
        let err = read_text_file(
            Path::new("t.xml"),
            "<doc>\n<s id='1'>a</s>\n<s id='1'>b</s></doc>",
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "t.xml:3: id '1' is used twice");
    }
}
