//! Finding the articles under the input paths.
//!
//! Folders are walked recursively in name order, so the corpus comes out in the same order on
//! every machine. Hidden files are skipped, symlink loops are cut by remembering every folder
//! visited (by its canonical path), and the output folder is never read as input even when it
//! lies inside an input folder. When the output folder *is* an input folder, skipping it would
//! silently make an empty corpus; its articles are read instead, and only the outputs of
//! earlier runs lying directly in it (`.tsv` files; temporary files are hidden) are left out.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

/// One article to process: where it is, and the name it has in the corpus (its path relative
/// to the input root it was found under).
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

/// The files under `roots`, in order, and what could not be read. A root that does not exist
/// is an error for the caller to report before anything runs (see [`missing_roots`]); a root
/// that is neither a folder nor a regular file (a FIFO, a socket, a device) is reported, not
/// read: reading a FIFO would wait for a writer forever.
pub fn collect(roots: &[PathBuf], exclude: Option<&Path>) -> (Vec<InputFile>, Vec<WalkError>) {
    let exclude = exclude.and_then(|p| fs::canonicalize(p).ok());
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    for root in roots {
        if root.is_dir() {
            walk(
                root,
                root,
                exclude.as_deref(),
                &mut seen,
                &mut files,
                &mut errors,
            );
        } else if let Some(message) = not_a_regular_file(root) {
            errors.push(WalkError {
                path: root.clone(),
                message,
            });
        } else {
            let doc = root
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| root.display().to_string());
            files.push(InputFile {
                path: root.clone(),
                doc,
            });
        }
    }
    (files, errors)
}

/// The roots that do not exist.
pub fn missing_roots(roots: &[PathBuf]) -> Vec<&PathBuf> {
    roots.iter().filter(|r| fs::metadata(r).is_err()).collect()
}

fn walk(
    root: &Path,
    dir: &Path,
    exclude: Option<&Path>,
    seen: &mut HashSet<PathBuf>,
    files: &mut Vec<InputFile>,
    errors: &mut Vec<WalkError>,
) {
    let canonical = match fs::canonicalize(dir) {
        Ok(c) => c,
        Err(e) => {
            return errors.push(WalkError {
                path: dir.to_path_buf(),
                message: e.to_string(),
            })
        }
    };
    let is_output = Some(canonical.as_path()) == exclude;
    if (is_output && dir != root) || !seen.insert(canonical) {
        return; // the output folder, or a folder already walked (a symlink loop)
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            return errors.push(WalkError {
                path: dir.to_path_buf(),
                message: format!("cannot read folder: {e}"),
            })
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(root, &path, exclude, seen, files, errors);
        } else if path.is_file() {
            if is_output && is_output_file(&path) {
                continue;
            }
            let doc = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            files.push(InputFile { path, doc });
        } else if let Some(message) = bad_symlink(&path).or_else(|| not_a_regular_file(&path)) {
            errors.push(WalkError { path, message });
        }
    }
}

/// Why an existing path that is no folder is not an article either: it is not a regular file
/// (after following links) but a FIFO, a socket or a device.
fn not_a_regular_file(path: &Path) -> Option<String> {
    let kind = fs::metadata(path).ok()?.file_type();
    (!kind.is_file() && !kind.is_dir())
        .then(|| "not a regular file (FIFO, socket or device)".into())
}

/// A corpus written by an earlier run into the output folder, which is also an input folder.
fn is_output_file(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("tsv"))
}

/// Why a symbolic link cannot be followed, if it is one that cannot: a dangling link, or a
/// link that points (through others) back to itself.
fn bad_symlink(path: &Path) -> Option<String> {
    fs::symlink_metadata(path).ok()?;
    let error = fs::metadata(path).err()?;
    Some(match error.kind() {
        std::io::ErrorKind::NotFound => "broken symbolic link".into(),
        _ => format!("unusable symbolic link: {error}"),
    })
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
