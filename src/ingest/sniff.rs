//! Files that are not text, told by their first bytes.
//!
//! A crawl folder holds images, PDFs, audio, video and archives beside the articles. They are
//! not articles that failed: each is named by its kind, counted and skipped, so a run over such
//! a folder ends well (exit 0). The signatures are the formats' own magic numbers, which no text
//! file starts with (a few need more than two bytes to be sure: "BM" alone could open a text).

/// What kind of non-text file `bytes` is, if their first bytes say so.
pub fn not_text(bytes: &[u8]) -> Option<&'static str> {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    let at = |offset: usize, magic: &[u8]| bytes.get(offset..offset + magic.len()) == Some(magic);
    Some(match () {
        _ if starts(b"\x89PNG\r\n\x1a\n") => "image (PNG)",
        _ if starts(b"\xFF\xD8\xFF") => "image (JPEG)",
        _ if starts(b"GIF87a") || starts(b"GIF89a") => "image (GIF)",
        _ if starts(b"RIFF") && at(8, b"WEBP") => "image (WebP)",
        _ if starts(b"II*\0") || starts(b"MM\0*") => "image (TIFF)",
        _ if starts(b"BM") && bytes.len() > 14 && at(6, b"\0\0\0\0") => "image (BMP)",
        _ if starts(b"\0\0\x01\0") => "image (ICO)",
        _ if at(4, b"ftypavif") || at(4, b"ftypheic") => "image (AVIF/HEIC)",
        _ if starts(b"%PDF-") => "PDF",
        _ if (starts(b"ID3") && bytes.get(3).is_some_and(|v| (2..=4).contains(v)))
            || starts(b"\xFF\xFB")
            || starts(b"\xFF\xF3") =>
        {
            "audio (MP3)"
        }
        _ if starts(b"fLaC") => "audio (FLAC)",
        _ if starts(b"OggS\0") => "audio/video (Ogg)",
        _ if starts(b"RIFF") && at(8, b"WAVE") => "audio (WAV)",
        _ if starts(b"RIFF") && at(8, b"AVI ") => "video (AVI)",
        _ if at(4, b"ftyp") => "video (MP4/QuickTime)",
        _ if starts(b"\x1A\x45\xDF\xA3") => "video (Matroska/WebM)",
        _ if starts(b"PK\x03\x04") || starts(b"PK\x05\x06") => "archive (ZIP)",
        _ if starts(b"\x1F\x8B") => "archive (gzip)",
        _ if starts(b"BZh") && bytes.get(3).is_some_and(u8::is_ascii_digit) => "archive (bzip2)",
        _ if starts(b"\xFD7zXZ\0") => "archive (xz)",
        _ if starts(b"7z\xBC\xAF\x27\x1C") => "archive (7z)",
        _ if starts(b"Rar!\x1A\x07") => "archive (RAR)",
        _ if starts(b"\x28\xB5\x2F\xFD") => "archive (zstd)",
        _ if at(257, b"ustar") => "archive (tar)",
        _ if starts(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") => "Office document (OLE2: .doc, .xls)",
        _ if starts(b"SQLite format 3\0") => "database (SQLite)",
        _ if starts(b"\x7FELF") => "program (ELF)",
        _ if starts(b"wOFF") || starts(b"wOF2") => "font (WOFF)",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_formats_are_named() {
        assert_eq!(not_text(b"\x89PNG\r\n\x1a\n...."), Some("image (PNG)"));
        assert_eq!(not_text(b"%PDF-1.7\n"), Some("PDF"));
        assert_eq!(
            not_text(b"\0\0\0\x18ftypmp42"),
            Some("video (MP4/QuickTime)")
        );
        assert_eq!(not_text(b"PK\x03\x04\x14\0"), Some("archive (ZIP)"));
    }

    #[test]
    fn text_is_not_taken_for_a_format() {
        for text in [
            "BMW 与中国",
            "ID3 tags",
            "OggSomething",
            "<html>",
            "7z",
            "PK is",
        ] {
            assert_eq!(not_text(text.as_bytes()), None, "{text}");
        }
    }
}
