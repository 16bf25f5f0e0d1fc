//! Finding the articles under the input paths.
//!
//! Folders are walked in name order, so the corpus comes out in the same order on every
//! machine. Hidden files are skipped, symlink loops are cut by remembering every folder visited
//! (by its device and inode, or its canonical path where there are none), and the output folder
//! is never read as input even when it lies inside an input folder. When the output folder *is*
//! an input folder, skipping it would silently make an empty corpus; its articles are read
//! instead, and only the outputs of earlier runs lying directly in it (`.tsv` files; temporary
//! files are hidden) are left out.
//!
//! A root or an entry that is neither a folder nor a regular file (a FIFO, a socket, a device)
//! is reported, not read.
//!
//! The walk is linear in the number of entries whatever the depth: each entry's type comes from
//! its folder listing and each folder's identity from a stat relative to its parent, so no call
//! resolves a long path component by component (`canonicalize` on every folder made a tree of
//! depth 1,000 take seconds). It is iterative, so depth cannot overflow the stack, and a folder
//! whose path exceeds the system's limit (PATH_MAX) is named with that reason. Names are given
//! by [`super::doc_names`].

use super::doc_names::{component_text, make_distinct};
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

/// One article to process: where it is, and the name it has in the corpus (see
/// [`super::doc_names`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    pub path: PathBuf,
    pub doc: String,
}

/// Something that could not be read while walking: reported, the walk goes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkError {
    pub path: PathBuf,
    pub message: String,
}

/// What tells a folder apart from every other: device and inode on Unix.
#[cfg(unix)]
type Identity = (u64, u64);
#[cfg(not(unix))]
type Identity = PathBuf;

#[cfg(unix)]
fn identity(metadata: &fs::Metadata, _path: &Path) -> Option<Identity> {
    use std::os::unix::fs::MetadataExt;
    Some((metadata.dev(), metadata.ino()))
}

#[cfg(not(unix))]
fn identity(_metadata: &fs::Metadata, path: &Path) -> Option<Identity> {
    fs::canonicalize(path).ok()
}

/// The files under `roots`, in order, with distinct names, and what could not be read. A root
/// that does not exist is an error for the caller to report before anything runs (see
/// [`missing_roots`]).
pub fn collect(roots: &[PathBuf], exclude: Option<&Path>) -> (Vec<InputFile>, Vec<WalkError>) {
    let exclude = exclude.and_then(|p| identity(&fs::metadata(p).ok()?, p));
    let mut walker = Walker {
        exclude,
        seen: HashSet::new(),
        files: Vec::new(),
        errors: Vec::new(),
    };
    // Only folders hold relative paths that can repeat from one root to the next.
    let several = roots.iter().filter(|r| r.is_dir()).count() > 1;
    for root in roots {
        if root.is_dir() {
            let prefix = if several {
                format!("{}/", root_name(root))
            } else {
                String::new()
            };
            walker.walk(root, prefix);
        } else if let Some(message) = not_a_regular_file(root) {
            walker.errors.push(WalkError {
                path: root.clone(),
                message,
            });
        } else {
            let doc = root
                .file_name()
                .map(component_text)
                .unwrap_or_else(|| root.display().to_string());
            walker.files.push(InputFile {
                path: root.clone(),
                doc,
            });
        }
    }
    let Walker {
        mut files, errors, ..
    } = walker;
    let mut docs: Vec<String> = files
        .iter_mut()
        .map(|f| std::mem::take(&mut f.doc))
        .collect();
    make_distinct(&mut docs);
    for (file, doc) in files.iter_mut().zip(docs) {
        file.doc = doc;
    }
    (files, errors)
}

/// The name a folder given as input puts in front of its documents' names: its last component
/// (that of its canonical path for `.` or `..`).
fn root_name(root: &Path) -> String {
    let canonical;
    let named = match root.file_name() {
        Some(_) => root,
        None => {
            canonical = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
            &canonical
        }
    };
    named
        .file_name()
        .map(component_text)
        .unwrap_or_else(|| "_".to_string())
}

/// The roots that do not exist.
pub fn missing_roots(roots: &[PathBuf]) -> Vec<&PathBuf> {
    roots.iter().filter(|r| fs::metadata(r).is_err()).collect()
}

/// The state of one collection: what was found, what failed, which folders were walked.
struct Walker {
    exclude: Option<Identity>,
    seen: HashSet<Identity>,
    files: Vec<InputFile>,
    errors: Vec<WalkError>,
}

/// A folder waiting to be listed, with the name prefix of its documents and, when its listing
/// already told, its identity.
struct Pending {
    dir: PathBuf,
    prefix: String,
    is_root: bool,
    identity: Option<Identity>,
}

impl Walker {
    fn error(&mut self, path: &Path, message: String) {
        self.errors.push(WalkError {
            path: path.to_path_buf(),
            message,
        });
    }

    /// Walk `root` depth-first, entries in name order (a stack of folders, each pushed with
    /// its entries in reverse so that they come off in order).
    fn walk(&mut self, root: &Path, prefix: String) {
        let mut stack = vec![Pending {
            dir: root.to_path_buf(),
            prefix,
            is_root: true,
            identity: None,
        }];
        while let Some(mut pending) = stack.pop() {
            let id = match pending.identity.take() {
                Some(id) => Some(id),
                None => match fs::metadata(&pending.dir) {
                    Ok(m) => identity(&m, &pending.dir),
                    Err(e) => {
                        self.error(&pending.dir, cannot_read(&pending.dir, &e));
                        continue;
                    }
                },
            };
            let Some(id) = id else {
                continue;
            };
            let is_output = Some(&id) == self.exclude.as_ref();
            if (is_output && !pending.is_root) || !self.seen.insert(id) {
                continue; // the output folder, or a folder already walked (a symlink loop)
            }
            let folders = self.list(&pending, is_output);
            stack.extend(folders.into_iter().rev());
        }
    }

    /// Take the files of one folder and return its subfolders, both in name order.
    fn list(&mut self, pending: &Pending, is_output: bool) -> Vec<Pending> {
        let entries = match fs::read_dir(&pending.dir) {
            Ok(entries) => entries,
            Err(e) => {
                let message = cannot_read(&pending.dir, &e);
                self.error(&pending.dir, message);
                return Vec::new();
            }
        };
        let mut entries: Vec<fs::DirEntry> = entries.filter_map(Result::ok).collect();
        entries.sort_by_key(|e| e.file_name());
        let mut folders = Vec::new();
        for entry in entries {
            let name = entry.file_name();
            if name.as_encoded_bytes().starts_with(b".") {
                continue;
            }
            let path = entry.path();
            let Some(metadata) = self.kind(&entry, &path) else {
                continue;
            };
            let doc = format!("{}{}", pending.prefix, component_text(&name));
            if metadata.is_dir() {
                let identity = identity(&metadata, &path);
                folders.push(Pending {
                    dir: path,
                    prefix: doc + "/",
                    is_root: false,
                    identity,
                });
            } else if !(is_output && is_output_file(&path)) {
                self.files.push(InputFile { path, doc });
            }
        }
        folders
    }

    /// The metadata of an entry that is a folder or a file, `None` for anything else.
    /// Symbolic links are followed; one that cannot be is reported. An entry's own metadata is
    /// read relative to its folder (`fstatat` on Unix), not through its whole path.
    fn kind(&mut self, entry: &fs::DirEntry, path: &Path) -> Option<fs::Metadata> {
        let file_type = entry.file_type().ok()?;
        if !file_type.is_symlink() {
            if !(file_type.is_dir() || file_type.is_file()) {
                self.error(path, NOT_REGULAR.into());
                return None;
            }
            return match entry.metadata() {
                Ok(m) => Some(m),
                Err(e) => {
                    self.error(path, format!("cannot read: {e}"));
                    None
                }
            };
        }
        match fs::metadata(path) {
            Ok(m) if m.is_dir() || m.is_file() => Some(m),
            Ok(_) => {
                self.error(path, NOT_REGULAR.into());
                None
            }
            Err(e) => {
                let message = match e.kind() {
                    std::io::ErrorKind::NotFound => "broken symbolic link".to_string(),
                    _ => format!("unusable symbolic link: {e}"),
                };
                self.error(path, message);
                None
            }
        }
    }
}

/// Why a folder cannot be read, told plainly when its path is over the system's limit.
fn cannot_read(dir: &Path, e: &std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::InvalidFilename {
        let bytes = dir.as_os_str().len();
        return format!("path too long ({bytes} bytes, over the system's limit): folder not read");
    }
    format!("cannot read folder: {e}")
}

/// Why an entry that is neither a folder nor a regular file is not read: reading a FIFO would
/// wait for a writer forever, a device may never end.
const NOT_REGULAR: &str = "not a regular file (FIFO, socket or device)";

/// Why `path` is not read, when it exists and is neither a folder nor a regular file.
fn not_a_regular_file(path: &Path) -> Option<String> {
    let kind = fs::metadata(path).ok()?.file_type();
    (!kind.is_file() && !kind.is_dir()).then(|| NOT_REGULAR.into())
}

/// A corpus written by an earlier run into the output folder, which is also an input folder.
fn is_output_file(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("tsv"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_walked_in_name_order_with_relative_names() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("b")).unwrap();
        fs::write(dir.path().join("b/2.txt"), "x").unwrap();
        fs::write(dir.path().join("a.txt"), "x").unwrap();
        fs::write(dir.path().join(".hidden"), "x").unwrap();
        let (files, errors) = collect(&[dir.path().to_path_buf()], None);
        assert!(errors.is_empty());
        let docs: Vec<_> = files.iter().map(|f| f.doc.as_str()).collect();
        assert_eq!(docs, ["a.txt", "b/2.txt"]);
    }

    #[test]
    fn the_output_folder_is_not_input() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("output")).unwrap();
        fs::write(dir.path().join("output/corpus.tsv"), "x").unwrap();
        fs::write(dir.path().join("a.txt"), "x").unwrap();
        let (files, _) = collect(
            &[dir.path().to_path_buf()],
            Some(&dir.path().join("output")),
        );
        assert_eq!(files.len(), 1);
    }

    #[test]
    fn an_output_folder_that_is_the_input_is_read_without_its_corpus() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("corpus.tsv"), "x").unwrap();
        fs::write(dir.path().join("a.txt"), "x").unwrap();
        fs::create_dir(dir.path().join("sub")).unwrap();
        fs::write(dir.path().join("sub/b.tsv"), "x").unwrap();
        let (files, _) = collect(&[dir.path().to_path_buf()], Some(dir.path()));
        let docs: Vec<_> = files.iter().map(|f| f.doc.as_str()).collect();
        assert_eq!(docs, ["a.txt", "sub/b.tsv"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_itself_is_reported_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(dir.path().join("self"), dir.path().join("self")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("nowhere"), dir.path().join("dangling"))
            .unwrap();
        let (files, errors) = collect(&[dir.path().to_path_buf()], None);
        assert!(files.is_empty());
        let messages: Vec<_> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(messages[0], "broken symbolic link");
        assert!(
            messages[1].starts_with("unusable symbolic link"),
            "{}",
            messages[1]
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_reported_not_read_in_a_folder_or_as_a_root() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.txt");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        fs::write(dir.path().join("a.txt"), "x").unwrap();
        for roots in [vec![dir.path().to_path_buf()], vec![fifo.clone()]] {
            let (files, errors) = collect(&roots, None);
            assert!(files.iter().all(|f| f.path != fifo));
            assert_eq!(errors.len(), 1);
            assert_eq!(errors[0].path, fifo);
            assert!(errors[0].message.starts_with("not a regular file"));
        }
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_end() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("a")).unwrap();
        fs::write(dir.path().join("a/x.txt"), "x").unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("a/loop")).unwrap();
        let (files, _) = collect(&[dir.path().to_path_buf()], None);
        assert_eq!(files.len(), 1);
    }
}
