//! Where a run may write: the checks made before anything is written.
//!
//! `--rejects FILE` is a path of the user's choosing beside the run's own outputs, so it can
//! name a file the run reads or writes anyway: `--rejects in/000.txt` overwrote an article,
//! `--rejects o/corpus.tsv` replaced the corpus and then failed. Both are refused (exit 2)
//! before the output folder is even created.

use super::{shown_path, CliError};
use std::path::{Path, PathBuf};

/// Refuse, before anything is written, a rejects file that would overwrite an input or one of
/// the run's own outputs: an input file, anything inside an input folder (it would be read as
/// an article by the next run, or be one now), or a file or folder of the output formats.
pub fn check_rejects_path(
    rejects: &Path,
    inputs: &[PathBuf],
    outputs: &[PathBuf],
) -> Result<(), CliError> {
    let target = resolved(rejects);
    let refuse = |why: String| {
        Err(CliError(format!(
            "--rejects {}: {why}; choose another file",
            shown_path(rejects)
        )))
    };
    for input in inputs {
        let input_path = resolved(input);
        if target == input_path {
            return refuse(format!("is the input {}", shown_path(input)));
        }
        if input.is_dir() && target.starts_with(&input_path) {
            return refuse(format!(
                "lies inside the input folder {}",
                shown_path(input)
            ));
        }
    }
    for output in outputs {
        let output_path = resolved(output);
        if target == output_path || target.starts_with(&output_path) {
            return refuse(format!("is an output of this run ({})", shown_path(output)));
        }
    }
    Ok(())
}

/// `path` made absolute with its symbolic links resolved, as far as it exists: the canonical
/// form of its deepest existing ancestor, with the rest appended. Two spellings of one place
/// (`o/corpus.tsv`, `./o/../o/corpus.tsv`, a link to `o`) come out equal.
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(canonical) = std::fs::canonicalize(existing) {
            return rest.iter().rev().fold(canonical, |p, part| p.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_spellings_of_one_place_resolve_alike() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("o")).unwrap();
        let plain = resolved(&dir.path().join("o/corpus.tsv"));
        assert_eq!(resolved(&dir.path().join("o/../o/./corpus.tsv")), plain);
        assert_eq!(plain.file_name().unwrap(), "corpus.tsv");
    }

    #[test]
    fn a_rejects_file_on_an_input_or_an_output_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (input, out) = (dir.path().join("in"), dir.path().join("o"));
        std::fs::create_dir_all(&input).unwrap();
        std::fs::write(input.join("000.txt"), "x").unwrap();
        let inputs = [input.clone()];
        let outputs = [out.join("corpus.tsv"), out.join("links")];
        let check = |p: PathBuf| check_rejects_path(&p, &inputs, &outputs);
        assert!(check(input.join("000.txt"))
            .unwrap_err()
            .0
            .contains("inside the input"));
        assert!(check(input.join("new.tsv")).is_err());
        assert!(check(out.join("corpus.tsv"))
            .unwrap_err()
            .0
            .contains("output"));
        assert!(check(out.join("links/x.tsv")).is_err());
        assert!(check(out.join("rejects.tsv")).is_ok());
        assert!(check(dir.path().join("rejects.tsv")).is_ok());
    }
}
