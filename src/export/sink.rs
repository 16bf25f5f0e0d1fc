//! The files of one corpus run, in every format asked for, written together.
//!
//! Each document goes to every open format in turn, in input order, so the files agree line
//! for line with each other and are byte-identical for any thread count. Every file is written
//! under a temporary name and put in place by [`Sink::finish`] (see [`AtomicFile`]), the links
//! files, review pages and InterText files (one per document) in temporary folders that
//! replace `links/`, `review/` and `intertext/` whole (see [`ReplacedFolder`]). `finish` syncs
//! every corpus file before it renames any, so a run failing for want of space (or killed)
//! leaves the previous corpus in every one of these formats, never some new and some old.
//!
//! Errors carry the path of the file concerned, so the command can report them as they are.

use super::bitext::BitextWriter;
use super::folder::ReplacedFolder;
use super::html::{self, IndexRow};
use super::intertext;
use super::jsonl::JsonlWriter;
use super::links::{doc_path, links_path, write_links, write_scored_links};
use super::record::Document;
use super::tmx::TmxWriter;
use super::tsv::{AtomicFile, TsvWriter};
use clap::ValueEnum;
use std::io;
use std::path::{Path, PathBuf};

/// An output format of the `corpus` command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, ValueEnum)]
pub enum Format {
    /// DIR/corpus.tsv: doc, zh, en, score, link.
    Tsv,
    /// DIR/corpus.zh and DIR/corpus.en, line i of one the translation of line i of the other.
    Bitext,
    /// DIR/corpus.jsonl: one object per pair with the sentence ids.
    Jsonl,
    /// DIR/corpus.tmx: TMX 1.4b for CAT tools.
    Tmx,
    /// `DIR/links/<doc>.links`: every link of each document, `[0,1]:[0]`.
    Links,
    /// `DIR/review/index.html` and `DIR/review/<doc>.html`: pages to look at each alignment.
    Html,
    /// `DIR/intertext/<doc>.{zh,en,zh.en.alignment}.xml`: InterText's three files.
    Intertext,
}

impl Format {
    /// What a run in this format replaces under `dir`: its files, or its whole folder for the
    /// per-document formats (see [`ReplacedFolder`]). Nothing else may be written there.
    pub fn replaces(self, dir: &Path) -> Vec<PathBuf> {
        match self {
            Format::Html => vec![dir.join("review")],
            _ => self.paths(dir),
        }
    }

    /// The files (or, for links and InterText, the folder; for the review pages, their index)
    /// this format writes under `dir`: what the run's summary names.
    pub fn paths(self, dir: &Path) -> Vec<PathBuf> {
        match self {
            Format::Tsv => vec![dir.join("corpus.tsv")],
            Format::Bitext => vec![dir.join("corpus.zh"), dir.join("corpus.en")],
            Format::Jsonl => vec![dir.join("corpus.jsonl")],
            Format::Tmx => vec![dir.join("corpus.tmx")],
            Format::Links => vec![dir.join("links")],
            Format::Html => vec![dir.join("review").join("index.html")],
            Format::Intertext => vec![dir.join("intertext")],
        }
    }
}

/// An I/O error naming the file it happened on.
fn at(path: &Path) -> impl Fn(io::Error) -> io::Error + '_ {
    move |e| io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

fn create(path: &Path) -> io::Result<AtomicFile> {
    AtomicFile::create(path).map_err(at(path))
}

/// Rename a finished file into place.
fn commit(file: AtomicFile, path: &Path) -> io::Result<()> {
    file.commit().map_err(at(path))
}

/// The open outputs of a run. A format not asked for is `None`.
pub struct Sink {
    dir: PathBuf,
    tsv: Option<TsvWriter<AtomicFile>>,
    bitext: Option<BitextWriter<AtomicFile, AtomicFile>>,
    jsonl: Option<JsonlWriter<AtomicFile>>,
    tmx: Option<TmxWriter<AtomicFile>>,
    links: Option<ReplacedFolder>,
    /// The review folder and the index rows gathered so far (the index is written last).
    review: Option<(ReplacedFolder, Vec<IndexRow>)>,
    intertext: Option<ReplacedFolder>,
    /// Links files carry each link's probability as a third field (`--link-scores`).
    pub link_scores: bool,
    /// JSONL carries omissions too, each with its probability (`--omissions`).
    pub omissions: bool,
}

impl Sink {
    /// Open a temporary file for each format under `dir` (which must exist).
    pub fn create(dir: &Path, formats: &[Format]) -> io::Result<Sink> {
        let wants = |f: Format| formats.contains(&f);
        let path = |name: &str| dir.join(name);
        let mut sink = Sink {
            dir: dir.to_path_buf(),
            tsv: None,
            bitext: None,
            jsonl: None,
            tmx: None,
            links: None,
            review: None,
            intertext: None,
            link_scores: false,
            omissions: false,
        };
        if wants(Format::Tsv) {
            let p = path("corpus.tsv");
            sink.tsv = Some(TsvWriter::new(create(&p)?).map_err(at(&p))?);
        }
        if wants(Format::Bitext) {
            sink.bitext = Some(BitextWriter::new(
                create(&path("corpus.zh"))?,
                create(&path("corpus.en"))?,
            ));
        }
        if wants(Format::Jsonl) {
            sink.jsonl = Some(JsonlWriter::new(create(&path("corpus.jsonl"))?));
        }
        if wants(Format::Tmx) {
            let p = path("corpus.tmx");
            sink.tmx = Some(TmxWriter::new(create(&p)?).map_err(at(&p))?);
        }
        if wants(Format::Links) {
            sink.links = Some(ReplacedFolder::create(&path("links"))?);
        }
        if wants(Format::Html) {
            sink.review = Some((ReplacedFolder::create(&path("review"))?, Vec::new()));
        }
        if wants(Format::Intertext) {
            sink.intertext = Some(ReplacedFolder::create(&path("intertext"))?);
        }
        Ok(sink)
    }

    /// Write one document to every format.
    pub fn write(&mut self, d: &Document) -> io::Result<()> {
        if let Some(w) = &mut self.tsv {
            w.write_pairs(&d.doc, &d.pairs)
                .map_err(at(&self.dir.join("corpus.tsv")))?;
        }
        if let Some(w) = &mut self.bitext {
            w.write_pairs(&d.pairs)
                .map_err(at(&self.dir.join("corpus.zh")))?;
        }
        if let Some(w) = &mut self.jsonl {
            w.write_document(d, self.omissions)
                .map_err(at(&self.dir.join("corpus.jsonl")))?;
        }
        if let Some(w) = &mut self.tmx {
            w.write_pairs(&d.doc, &d.pairs)
                .map_err(at(&self.dir.join("corpus.tmx")))?;
        }
        if let Some(folder) = &self.links {
            let mut text = Vec::new();
            if self.link_scores {
                write_scored_links(&mut text, &d.links)?;
            } else {
                write_links(&mut text, &d.links)?;
            }
            folder.write(&links_path(folder.root(), &d.doc), &text)?;
        }
        // A document with no sentences (monolingual, empty) has no alignment to look at or
        // correct: it gets an index row but no page and no InterText files.
        let aligned = !(d.zh.is_empty() && d.en.is_empty());
        if let Some((folder, rows)) = &mut self.review {
            if aligned {
                let page = html::page(d, Some(&html::index_href_from(&d.doc)));
                let path = doc_path(folder.root(), &d.doc, html::page_suffix(&d.doc));
                folder.write(&path, page.as_bytes())?;
            }
            rows.push(IndexRow::of(d, aligned));
        }
        if let (Some(folder), true) = (&self.intertext, aligned) {
            write_intertext(folder, d)?;
        }
        Ok(())
    }

    /// Close every format and put its files in place: all synced first, then all renamed, the
    /// per-document folders last. Returns how many links files of documents no longer in the
    /// input were removed with the old links folder.
    pub fn finish(self) -> io::Result<usize> {
        let path = |name: &str| self.dir.join(name);
        let mut files: Vec<(AtomicFile, PathBuf)> = Vec::new();
        if let Some(w) = self.tsv {
            let p = path("corpus.tsv");
            files.push((w.finish().map_err(at(&p))?, p));
        }
        if let Some(w) = self.bitext {
            let (zh, en) = w.finish().map_err(at(&path("corpus.zh")))?;
            files.push((zh, path("corpus.zh")));
            files.push((en, path("corpus.en")));
        }
        if let Some(w) = self.jsonl {
            let p = path("corpus.jsonl");
            files.push((w.finish().map_err(at(&p))?, p));
        }
        if let Some(w) = self.tmx {
            let p = path("corpus.tmx");
            files.push((w.finish().map_err(at(&p))?, p));
        }
        if let Some((folder, rows)) = &self.review {
            let index = folder.root().join("index.html");
            folder.write(&index, html::index_page(rows).as_bytes())?;
        }
        for (file, p) in &mut files {
            file.sync().map_err(at(p))?;
        }
        // A folder where a file should go would make its rename fail after others succeeded.
        if let Some((_, p)) = files.iter().find(|(_, p)| p.is_dir()) {
            let e = io::Error::new(io::ErrorKind::IsADirectory, "a folder is in the way");
            return Err(at(p)(e));
        }
        for (file, p) in files {
            commit(file, &p)?;
        }
        if let Some((folder, _)) = self.review {
            folder.commit()?;
        }
        if let Some(folder) = self.intertext {
            folder.commit()?;
        }
        match self.links {
            Some(links) => links.commit(),
            None => Ok(0),
        }
    }
}

/// A document's three InterText files beside each other, in the document's folders.
fn write_intertext(folder: &ReplacedFolder, d: &Document) -> io::Result<()> {
    let dir = folder.root();
    let base_path = doc_path(dir, &d.doc, "");
    let parent = base_path.parent().unwrap_or(dir);
    let base = base_path
        .file_name()
        .map_or("_".into(), |n| n.to_string_lossy().into_owned());
    let t = intertext::triple(&base, &d.zh, &d.en, &d.links);
    for (name, text) in [
        (&t.zh_name, &t.zh),
        (&t.en_name, &t.en),
        (&t.alignment_name, &t.alignment),
    ] {
        folder.write(&parent.join(name), text.as_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Link, Sentence};
    use crate::pipeline::Pair;

    fn document(doc: &str) -> Document {
        let pair = Pair {
            zh: "你好。".into(),
            en: "Hello.".into(),
            score: 0.8,
            zh_ids: 0..1,
            en_ids: 0..1,
        };
        let links = vec![
            Link {
                zh: 0..1,
                en: 0..1,
                score: 0.8,
            },
            Link {
                zh: 1..1,
                en: 1..2,
                score: 0.0,
            },
        ];
        Document {
            doc: doc.into(),
            pairs: vec![Pair {
                zh_ids: 0..1,
                en_ids: 0..1,
                ..pair
            }],
            links,
            zh: vec![Sentence::new("你好。", 0)],
            en: vec![Sentence::new("Hello.", 0), Sentence::new("Hi.", 0)],
            layout: "interleaved paragraphs".into(),
            doc_score: None,
            doc_parts: None,
        }
    }

    #[test]
    fn every_format_is_written_and_nothing_is_left_behind() {
        let dir = tempfile::tempdir().unwrap();
        let all = [
            Format::Tsv,
            Format::Bitext,
            Format::Jsonl,
            Format::Tmx,
            Format::Links,
            Format::Html,
            Format::Intertext,
        ];
        let mut sink = Sink::create(dir.path(), &all).unwrap();
        sink.write(&document("news/a.txt")).unwrap();
        sink.finish().unwrap();
        for name in [
            "corpus.tsv",
            "corpus.zh",
            "corpus.en",
            "corpus.jsonl",
            "corpus.tmx",
            "links/news/a.txt.links",
            "review/index.html",
            "review/news/a.txt.html",
            "intertext/news/a.txt.zh.xml",
            "intertext/news/a.txt.en.xml",
            "intertext/news/a.txt.zh.en.alignment.xml",
        ] {
            assert!(dir.path().join(name).is_file(), "{name} missing");
        }
        let stray = std::fs::read_dir(dir.path()).unwrap().filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with('.')
        });
        assert_eq!(stray.count(), 0, "temporary files left behind");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("links/news/a.txt.links")).unwrap(),
            "[0]:[0]\n[]:[1]\n"
        );
    }

    #[test]
    fn a_document_without_sentences_gets_an_index_row_but_no_page() {
        let dir = tempfile::tempdir().unwrap();
        let mut sink = Sink::create(dir.path(), &[Format::Html, Format::Intertext]).unwrap();
        let monolingual = Document {
            doc: "mono.txt".into(),
            layout: "monolingual: Chinese only".into(),
            ..Document::default()
        };
        sink.write(&monolingual).unwrap();
        sink.finish().unwrap();
        let index = std::fs::read_to_string(dir.path().join("review/index.html")).unwrap();
        assert!(index.contains("<td>mono.txt</td><td>monolingual: Chinese only</td>"));
        assert!(!dir.path().join("review/mono.txt.html").exists());
        assert_eq!(
            std::fs::read_dir(dir.path().join("intertext"))
                .unwrap()
                .count(),
            0
        );
    }

    #[test]
    fn review_and_intertext_folders_are_replaced_whole() {
        let dir = tempfile::tempdir().unwrap();
        let formats = [Format::Html, Format::Intertext];
        let mut sink = Sink::create(dir.path(), &formats).unwrap();
        sink.write(&document("old.txt")).unwrap();
        sink.finish().unwrap();
        let old_page = dir.path().join("review/old.txt.html");
        assert!(old_page.is_file());
        // An unfinished run changes nothing.
        let mut sink = Sink::create(dir.path(), &formats).unwrap();
        sink.write(&document("new.txt")).unwrap();
        drop(sink);
        assert!(old_page.is_file());
        assert!(!dir.path().join("review/new.txt.html").exists());
        assert!(!dir.path().join("intertext/new.txt.zh.xml").exists());
        // A finished one leaves only its own documents' files.
        let mut sink = Sink::create(dir.path(), &formats).unwrap();
        sink.write(&document("new.txt")).unwrap();
        sink.finish().unwrap();
        assert!(!old_page.exists());
        assert!(!dir.path().join("intertext/old.txt.zh.xml").exists());
        assert!(dir.path().join("review/new.txt.html").is_file());
        assert!(dir
            .path()
            .join("intertext/new.txt.zh.en.alignment.xml")
            .is_file());
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "leftovers: {names:?}");
    }

    #[test]
    fn an_unfinished_run_leaves_no_corpus() {
        let dir = tempfile::tempdir().unwrap();
        let mut sink = Sink::create(dir.path(), &[Format::Tsv, Format::Jsonl]).unwrap();
        sink.write(&document("a.txt")).unwrap();
        drop(sink);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
