//! The links folder of a run, replaced as a whole.
//!
//! Links files are one per document, thousands in a run. Renaming each into place as it was
//! written left a failed run (a full disk, a kill) with some new links files beside old ones
//! and the old corpus, and kept the links files of documents no longer in the input forever.
//! Instead every links file of a run goes into a hidden temporary folder beside `links/`
//! (`.links.tmp-PID`, the scheme of [`super::tsv::temporary_name`]), and the finished folder
//! replaces `links/` in two renames: the old folder aside (`.links.old-PID`), the new one into
//! place; then the old one is removed. Between the two renames `links/` is missing for an
//! instant; should the second rename fail, the old folder is put back. A run that does not
//! finish leaves `links/` as it was, and the next run removes its temporary folder.

use super::links::{links_path, write_links};
use super::tsv::temporary_name;
use crate::model::Link;
use std::fs::File;
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};

/// An I/O error naming the path it happened on.
fn at(path: &Path) -> impl Fn(io::Error) -> io::Error + '_ {
    move |e| io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

/// A links folder being written: removed unless committed.
pub struct LinksDir {
    tmp: PathBuf,
    dest: PathBuf,
    committed: bool,
}

impl LinksDir {
    /// Start writing the links folder `dest` (`DIR/links`) under its temporary name.
    pub fn create(dest: &Path) -> io::Result<LinksDir> {
        let tmp = sibling(dest, "links");
        if tmp.exists() {
            // Only a process with our id wrote it, and it is not running: we are.
            std::fs::remove_dir_all(&tmp).map_err(at(&tmp))?;
        }
        std::fs::create_dir_all(&tmp).map_err(at(&tmp))?;
        Ok(LinksDir {
            tmp,
            dest: dest.to_path_buf(),
            committed: false,
        })
    }

    /// Write one document's links file, synced, so that committing needs no space.
    pub fn write(&self, doc: &str, links: &[Link]) -> io::Result<()> {
        let path = links_path(&self.tmp, doc);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(at(parent))?;
        }
        let mut out = BufWriter::new(File::create(&path).map_err(at(&path))?);
        write_links(&mut out, links).map_err(at(&path))?;
        let file = out.into_inner().map_err(|e| at(&path)(e.into_error()))?;
        file.sync_all().map_err(at(&path))
    }

    /// Put the finished folder in place of the old one and remove the old one. Returns how
    /// many links files the old folder held that the new one has not: those of documents no
    /// longer in the input.
    pub fn commit(mut self) -> io::Result<usize> {
        let old = sibling(&self.dest, "links.old");
        let had_old = self.dest.exists();
        if had_old {
            if old.exists() {
                std::fs::remove_dir_all(&old).map_err(at(&old))?;
            }
            std::fs::rename(&self.dest, &old).map_err(at(&self.dest))?;
        }
        if let Err(e) = std::fs::rename(&self.tmp, &self.dest) {
            if had_old {
                let _ = std::fs::rename(&old, &self.dest);
            }
            return Err(at(&self.dest)(e));
        }
        self.committed = true;
        if !had_old {
            return Ok(0);
        }
        let gone = files_missing_from(&old, &self.dest);
        std::fs::remove_dir_all(&old).map_err(at(&old))?;
        Ok(gone)
    }
}

impl Drop for LinksDir {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

/// `DIR/.NAME.tmp-PID` for `DIR/links`.
fn sibling(dest: &Path, name: &str) -> PathBuf {
    let dir = dest.parent().unwrap_or(Path::new("."));
    dir.join(temporary_name(name, std::process::id()))
}

/// How many files under `old` have no counterpart under `new` (iterative: depth cannot
/// overflow the stack; symbolic links are not followed, the folder being ours).
fn files_missing_from(old: &Path, new: &Path) -> usize {
    let mut missing = 0;
    let mut todo = vec![PathBuf::new()];
    while let Some(rel) = todo.pop() {
        let Ok(entries) = std::fs::read_dir(old.join(&rel)) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let rel = rel.join(entry.file_name());
            match entry.file_type() {
                Ok(t) if t.is_dir() => todo.push(rel),
                Ok(_) if !new.join(&rel).exists() => missing += 1,
                _ => {}
            }
        }
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link() -> Vec<Link> {
        vec![Link {
            zh: 0..1,
            en: 0..1,
            score: 1.0,
        }]
    }

    #[test]
    fn the_new_folder_replaces_the_old_one_whole() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("links");
        std::fs::create_dir_all(dest.join("gone")).unwrap();
        std::fs::write(dest.join("gone/old.txt.links"), "[0]:[0]\n").unwrap();
        std::fs::write(dest.join("a.txt.links"), "stale\n").unwrap();
        let links = LinksDir::create(&dest).unwrap();
        links.write("a.txt", &link()).unwrap();
        assert_eq!(
            std::fs::read_to_string(dest.join("a.txt.links")).unwrap(),
            "stale\n"
        );
        assert_eq!(links.commit().unwrap(), 1);
        assert_eq!(
            std::fs::read_to_string(dest.join("a.txt.links")).unwrap(),
            "[0]:[0]\n"
        );
        assert!(!dest.join("gone").exists());
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "leftovers"
        );
    }

    #[test]
    fn an_unfinished_folder_leaves_the_old_one_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("links");
        std::fs::create_dir_all(&dest).unwrap();
        std::fs::write(dest.join("a.txt.links"), "old\n").unwrap();
        let links = LinksDir::create(&dest).unwrap();
        links.write("b.txt", &link()).unwrap();
        drop(links);
        assert_eq!(
            std::fs::read_to_string(dest.join("a.txt.links")).unwrap(),
            "old\n"
        );
        assert!(!dest.join("b.txt.links").exists());
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "leftovers"
        );
    }
}
