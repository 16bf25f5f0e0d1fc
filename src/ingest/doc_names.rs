//! Document names: the `doc` column, the links file's path, the shard a file falls in.
//!
//! Every document of a run gets a distinct name, because two documents sharing one would
//! share a links file (one silently overwriting the other) and make the `doc` column
//! ambiguous. The rule:
//!
//! 1. A file's name is its path relative to its input root, folders joined by `/`; a file
//!    given as an input itself is named by its file name.
//! 2. When several folders are given as inputs, each one's name goes in front (`corpus r1 r2`
//!    names `r1/a.txt` and `r2/a.txt`), since each may hold the same relative paths. With one
//!    folder, names are as before, so that shard assignment and existing links files do not
//!    move.
//! 3. Bytes of a file name that are not UTF-8 are written `\xNN`, and control characters
//!    (a newline in a file name) as Rust escapes (`\n`, `\u{1b}`): names stay one line of
//!    text, and names differing only there stay different.
//! 4. A name already taken by an earlier document of the run gets `#2` (then `#3`…) after it,
//!    never a name another document has by rule 1 to 3. Documents come in a fixed order, so
//!    the same inputs always give the same names.

use std::collections::HashSet;
use std::ffi::OsStr;

/// A file name (one path component) as text, by rule 3 of the module doc.
pub fn component_text(name: &OsStr) -> String {
    let mut out = String::new();
    for chunk in name.as_encoded_bytes().utf8_chunks() {
        for c in chunk.valid().chars() {
            push_escaped(&mut out, c);
        }
        for byte in chunk.invalid() {
            out.push_str(&format!("\\x{byte:02X}"));
        }
    }
    out
}

/// `c`, escaped when it is a control character or one of the Unicode line separators (which
/// Python's `splitlines` breaks at).
fn push_escaped(out: &mut String, c: char) {
    if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') {
        out.extend(c.escape_debug());
    } else {
        out.push(c);
    }
}

/// Make every name of `docs` distinct, in order, by rule 4 of the module doc.
pub fn make_distinct(docs: &mut [String]) {
    let original: HashSet<String> = docs.iter().cloned().collect();
    let mut taken: HashSet<String> = HashSet::with_capacity(docs.len());
    for doc in docs.iter_mut() {
        if taken.insert(doc.clone()) {
            continue;
        }
        let free = (2..)
            .map(|n| format!("{doc}#{n}"))
            .find(|name| !taken.contains(name) && !original.contains(name))
            .expect("some number is free");
        taken.insert(free.clone());
        *doc = free;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_differing_only_in_bytes_that_are_not_utf8_stay_different() {
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let a = component_text(OsStr::from_bytes(b"a\xff.txt"));
            let b = component_text(OsStr::from_bytes(b"a\xfe.txt"));
            assert_eq!((a.as_str(), b.as_str()), ("a\\xFF.txt", "a\\xFE.txt"));
        }
        assert_eq!(component_text(OsStr::new("新闻.txt")), "新闻.txt");
    }

    #[test]
    fn control_characters_in_names_are_escaped() {
        assert_eq!(
            component_text(OsStr::new("a\nb\t\u{1b}.txt")),
            "a\\nb\\t\\u{1b}.txt"
        );
    }

    #[test]
    fn a_taken_name_gets_the_first_free_number() {
        let mut docs: Vec<String> = ["a.txt", "a.txt", "a.txt#2", "b", "a.txt"]
            .map(String::from)
            .to_vec();
        make_distinct(&mut docs);
        assert_eq!(docs, ["a.txt", "a.txt#3", "a.txt#2", "b", "a.txt#4"]);
    }
}
