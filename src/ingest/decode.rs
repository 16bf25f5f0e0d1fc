//! Bytes → text.

/// Decode a file's bytes as UTF-8, dropping a byte-order mark.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8(bytes.to_vec()).map_err(|e| format!("not valid UTF-8 ({e})"))
}
