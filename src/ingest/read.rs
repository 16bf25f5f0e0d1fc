//! Reading an input's bytes with a size cap, whatever the input: a file, standard input, a
//! device. Every command reads through here, so that `split /dev/zero` or `align --zh
//! /dev/zero` stops at the cap instead of running until memory is gone.

use std::io::Read;
use std::path::Path;

/// Inputs larger than this are not read. Articles are a few kilobytes to a few hundred; a
/// file of 64 MiB is a dump, an archive or a log that slipped into the input, and reading it
/// would cost its size several times over in memory (bytes, text, paragraphs, sentences) on
/// each of the worker threads at once. It is reported like an unreadable file — named, not
/// processed — because the corpus lacks whatever it held: a user who wants it should split
/// it, not find out later that it was silently dropped.
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// A file's bytes, or why not: unreadable, or larger than `MAX_INPUT_BYTES`. The size is
/// checked before reading when the file says it (a device or a pipe says 0), and the read is
/// capped as well, so neither a file growing meanwhile nor an endless device gets past it.
pub fn read_bounded(path: &Path) -> Result<Vec<u8>, String> {
    let cannot_read = |e: std::io::Error| format!("cannot read: {e}");
    let file = std::fs::File::open(path).map_err(cannot_read)?;
    let len = file.metadata().map_err(cannot_read)?.len();
    if len > MAX_INPUT_BYTES {
        return Err(too_large(len));
    }
    read_capped(file, len as usize)
}

/// Everything `input` holds, up to `MAX_INPUT_BYTES` (standard input, for `split`).
pub fn read_capped(input: impl Read, expected: usize) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::with_capacity(expected);
    input
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The size in whole MiB rounded up, so that a file just over the limit does not read as
/// "too large (64 MiB)".
fn too_large(bytes: u64) -> String {
    format!("too large ({} MiB)", bytes.div_ceil(1024 * 1024))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_size_is_told_in_mib_rounded_up() {
        assert_eq!(too_large(MAX_INPUT_BYTES + 1), "too large (65 MiB)");
        assert_eq!(too_large(100 * 1024 * 1024), "too large (100 MiB)");
    }

    #[test]
    fn a_file_over_the_limit_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dump.txt");
        // Sparse: no disk space is used, and the limit must hold before any byte is read.
        std::fs::File::create(&path)
            .unwrap()
            .set_len(MAX_INPUT_BYTES + 1)
            .unwrap();
        assert_eq!(read_bounded(&path).unwrap_err(), "too large (65 MiB)");
        std::fs::File::create(&path)
            .unwrap()
            .set_len(MAX_INPUT_BYTES)
            .unwrap();
        assert_eq!(read_bounded(&path).unwrap().len() as u64, MAX_INPUT_BYTES);
    }

    #[test]
    fn an_endless_input_stops_at_the_cap() {
        let err = read_capped(std::io::repeat(0), 0).unwrap_err();
        assert_eq!(err, "too large (65 MiB)");
    }

    #[cfg(unix)]
    #[test]
    fn an_endless_device_stops_at_the_cap() {
        let err = read_bounded(Path::new("/dev/zero")).unwrap_err();
        assert_eq!(err, "too large (65 MiB)");
    }
}
