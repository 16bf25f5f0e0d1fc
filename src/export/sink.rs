//! The files of one corpus run, in every format asked for, written together.
//!
//! Each document goes to every open format in turn, in input order, so the files agree line
//! for line with each other and are byte-identical for any thread count. Every file is written
//! under a temporary name and renamed into place by [`Sink::finish`] (see
//! [`AtomicFile`]), so an interrupted run leaves the previous corpus, not a half-written one.
//! Links files are small and one per document: each is renamed into place as soon as its
//! document is written.
//!
//! Errors carry the path of the file concerned, so the command can report them as they are.

use super::bitext::BitextWriter;
use super::jsonl::JsonlWriter;
use super::links::{links_path, write_links};
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
}

impl Format {
    /// The files (or, for links, the folder) this format writes under `dir`.
    pub fn paths(self, dir: &Path) -> Vec<PathBuf> {
        match self {
            Format::Tsv => vec![dir.join("corpus.tsv")],
            Format::Bitext => vec![dir.join("corpus.zh"), dir.join("corpus.en")],
            Format::Jsonl => vec![dir.join("corpus.jsonl")],
            Format::Tmx => vec![dir.join("corpus.tmx")],
            Format::Links => vec![dir.join("links")],
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
    links: Option<PathBuf>,
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
            let p = path("links");
            std::fs::create_dir_all(&p).map_err(at(&p))?;
            sink.links = Some(p);
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
            w.write_pairs(&d.doc, &d.pairs)
                .map_err(at(&self.dir.join("corpus.jsonl")))?;
        }
        if let Some(w) = &mut self.tmx {
            w.write_pairs(&d.doc, &d.pairs)
                .map_err(at(&self.dir.join("corpus.tmx")))?;
        }
        if let Some(dir) = &self.links {
            write_links_file(&links_path(dir, &d.doc), d)?;
        }
        Ok(())
    }

    /// Close every format and rename its files into place.
    pub fn finish(self) -> io::Result<()> {
        let path = |name: &str| self.dir.join(name);
        if let Some(w) = self.tsv {
            let p = path("corpus.tsv");
            commit(w.finish().map_err(at(&p))?, &p)?;
        }
        if let Some(w) = self.bitext {
            let (zh, en) = w.finish().map_err(at(&path("corpus.zh")))?;
            commit(zh, &path("corpus.zh"))?;
            commit(en, &path("corpus.en"))?;
        }
        if let Some(w) = self.jsonl {
            let p = path("corpus.jsonl");
            commit(w.finish().map_err(at(&p))?, &p)?;
        }
        if let Some(w) = self.tmx {
            let p = path("corpus.tmx");
            commit(w.finish().map_err(at(&p))?, &p)?;
        }
        Ok(())
    }
}

/// One document's links file, written under a temporary name and renamed into place.
fn write_links_file(path: &Path, d: &Document) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(at(parent))?;
    }
    let mut file = create(path)?;
    write_links(&mut file, &d.links).map_err(at(path))?;
    commit(file, path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Link;
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
    fn an_unfinished_run_leaves_no_corpus() {
        let dir = tempfile::tempdir().unwrap();
        let mut sink = Sink::create(dir.path(), &[Format::Tsv, Format::Jsonl]).unwrap();
        sink.write(&document("a.txt")).unwrap();
        drop(sink);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
