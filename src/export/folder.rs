//! A per-document output folder (`links/`, `review/`, `intertext/`), replaced as a whole.
//!
//! These formats write one file per document, thousands in a run. Renaming each into place as
//! it was written left a failed run (a full disk, a kill) with some new files beside old ones
//! and the old corpus, and kept the files of documents no longer in the input forever.
//! Instead every file of a run goes into a hidden temporary folder beside the destination
//! (`.links.tmp-PID`, the scheme of [`super::tsv::temporary_name`]), and the finished folder
//! replaces the old one in two renames: the old folder aside (`.links.old-PID`), the new one
//! into place; then the old one is removed. Between the two renames the folder is missing for
//! an instant; should the second rename fail, the old folder is put back. A run that does not
//! finish leaves the folder as it was, and the next run removes its temporary folder.

use super::tsv::temporary_name;
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// An I/O error naming the path it happened on.
fn at(path: &Path) -> impl Fn(io::Error) -> io::Error + '_ {
    move |e| io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

/// A folder being written: removed unless committed.
pub struct ReplacedFolder {
    tmp: PathBuf,
    dest: PathBuf,
    committed: bool,
}

impl ReplacedFolder {
    /// Start writing the folder `dest` (`DIR/links`, …) under its temporary name.
    pub fn create(dest: &Path) -> io::Result<ReplacedFolder> {
        let tmp = sibling(dest, "tmp");
        if tmp.exists() {
            // Only a process with our id wrote it, and it is not running: we are.
            std::fs::remove_dir_all(&tmp).map_err(at(&tmp))?;
        }
        std::fs::create_dir_all(&tmp).map_err(at(&tmp))?;
        Ok(ReplacedFolder {
            tmp,
            dest: dest.to_path_buf(),
            committed: false,
        })
    }

    /// Where the folder's files go until it is committed: paths of its files are made under
    /// this root and given to [`ReplacedFolder::write`].
    pub fn root(&self) -> &Path {
        &self.tmp
    }

    /// Write a whole file at `path` (under [`ReplacedFolder::root`]), its folders made, synced
    /// so that committing needs no space.
    pub fn write(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        debug_assert!(path.starts_with(&self.tmp));
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(at(parent))?;
        }
        let mut file = File::create(path).map_err(at(path))?;
        file.write_all(bytes).map_err(at(path))?;
        file.sync_all().map_err(at(path))
    }

    /// Put the finished folder in place of the old one and remove the old one. Returns how
    /// many files the old folder held that the new one has not: those of documents no longer
    /// in the input.
    pub fn commit(mut self) -> io::Result<usize> {
        let old = sibling(&self.dest, "old");
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

impl Drop for ReplacedFolder {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

/// `DIR/.links.tmp-PID` (`role` "tmp") or `DIR/.links.old.tmp-PID` (`role` "old") for
/// `DIR/links`: hidden, and named by the temporary-file scheme so that a later run can tell a
/// killed run's leftover.
fn sibling(dest: &Path, role: &str) -> PathBuf {
    let dir = dest.parent().unwrap_or(Path::new("."));
    let name = dest
        .file_name()
        .map_or("folder".into(), |n| n.to_string_lossy().into_owned());
    let name = if role == "old" {
        format!("{name}.old")
    } else {
        name
    };
    dir.join(temporary_name(&name, std::process::id()))
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

    fn write(folder: &ReplacedFolder, name: &str, text: &str) {
        folder
            .write(&folder.root().join(name), text.as_bytes())
            .unwrap();
    }

    #[test]
    fn the_new_folder_replaces_the_old_one_whole() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("links");
        std::fs::create_dir_all(dest.join("gone")).unwrap();
        std::fs::write(dest.join("gone/old.txt.links"), "[0]:[0]\n").unwrap();
        std::fs::write(dest.join("a.txt.links"), "stale\n").unwrap();
        let links = ReplacedFolder::create(&dest).unwrap();
        write(&links, "a.txt.links", "[0]:[0]\n");
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
        let links = ReplacedFolder::create(&dest).unwrap();
        write(&links, "sub/b.txt.links", "[0]:[0]\n");
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
