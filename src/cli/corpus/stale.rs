//! Temporary files and folders left in the output by runs that were killed before committing.

use super::CorpusArgs;
use crate::cli::shown_path;
use crate::export::tsv::parse_temporary_name;
use std::path::{Path, PathBuf};

/// Remove the temporary files that runs killed before committing left in the places this run
/// writes to: `.corpus.*.tmp-PID` in the output folder (every format, asked for this time or
/// not), the temporary per-document folders beside `links/`, `review/` and `intertext/`, and
/// the rejects file's. (Files inside those folders need no search: a run replaces the folder
/// whole, so whatever an older version left inside goes with the old folder.)
///
/// A file is stale when the process named in it is not running: it can never be committed.
/// Only Linux can say so cheaply (`/proc/PID`); elsewhere, or without `/proc`, every process is
/// taken as running and nothing is removed, since removing a live run's file would make its
/// final rename fail. Our own id is always live. A reused process id only keeps a stale file a
/// little longer. Two machines writing to one output folder on a shared file system cannot see
/// each other's processes — that set-up is unsupported anyway, the last rename winning; shards
/// each get their own folder.
pub(super) fn remove_stale_temporaries(args: &CorpusArgs, quiet: bool) {
    let mut stale = stale_in(&args.output, |dest| dest.starts_with("corpus."));
    let stale_folders = stale_folders_in(&args.output);
    if let Some(rejects) = &args.rejects {
        let dir = rejects
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if let Some(name) = rejects.file_name().and_then(|n| n.to_str()) {
            stale.extend(stale_in(dir, |dest| dest == name));
        }
    }
    for path in stale_folders {
        let outcome = match std::fs::remove_dir_all(&path) {
            Ok(()) => "removed stale temporary folder of a run that did not finish".to_string(),
            Err(e) => format!("warning: cannot remove stale temporary folder: {e}"),
        };
        if !quiet {
            note!("{}: {outcome}", shown_path(&path));
        }
    }
    for path in stale {
        let outcome = match std::fs::remove_file(&path) {
            Ok(()) => "removed stale temporary file of a run that did not finish".to_string(),
            Err(e) => format!("warning: cannot remove stale temporary file: {e}"),
        };
        if !quiet {
            note!("{}: {outcome}", shown_path(&path));
        }
    }
}

/// The per-document folders (`.links.tmp-PID`, `.links.old.tmp-PID`, the same for `review`
/// and `intertext`; see `export::folder`) that runs no longer running left directly in `dir`.
fn stale_folders_in(dir: &Path) -> Vec<PathBuf> {
    stale_entries(dir, true, |dest| {
        let folder = dest.strip_suffix(".old").unwrap_or(dest);
        matches!(folder, "links" | "review" | "intertext")
    })
}

/// The regular files directly in `dir` named by the temporary-file scheme for a destination
/// `wanted`, whose process is not running. An unreadable folder has none.
fn stale_in(dir: &Path, wanted: impl Fn(&str) -> bool) -> Vec<PathBuf> {
    stale_entries(dir, false, wanted)
}

/// The folders (`folders`) or regular files directly in `dir` named by the temporary-file
/// scheme for a destination `wanted`, whose process is not running, in name order.
fn stale_entries(dir: &Path, folders: bool, wanted: impl Fn(&str) -> bool) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut stale: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_type()
                .is_ok_and(|t| if folders { t.is_dir() } else { t.is_file() })
        })
        .filter(|e| {
            let name = e.file_name();
            let parsed = name.to_str().and_then(parse_temporary_name);
            parsed.is_some_and(|(dest, pid)| wanted(dest) && !may_be_running(pid))
        })
        .map(|e| e.path())
        .collect();
    stale.sort();
    stale
}

/// Whether process `pid` may be running (see `remove_stale_temporaries`): certainly when it
/// is us, and whenever `/proc` cannot tell.
fn may_be_running(pid: u32) -> bool {
    let proc = Path::new("/proc");
    if pid == std::process::id() || !cfg!(target_os = "linux") || !proc.join("self").exists() {
        return true;
    }
    proc.join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn we_and_processes_we_cannot_judge_count_as_running() {
        assert!(may_be_running(std::process::id()));
        if cfg!(target_os = "linux") && Path::new("/proc/self").exists() {
            // Above PID_MAX_LIMIT (2^22), so no Linux process ever has it.
            assert!(!may_be_running(9_999_999));
        }
    }
}
