//! Links as lists of sentence ids, and how a link is written: `[0,1]:[0]`.
//!
//! The notation is the one of Vecalign and Bertalign (0-based ids, Chinese first). It lives here
//! rather than with the exporters because evaluation reads and prints gold links in it too, and
//! evaluation sits beside export, not above it.

use super::Link;
use std::fmt;

/// A link as a list of sentence ids on each side, in the order written. Unlike [`Link`], the
/// ids need not be contiguous: this is the general form gold files may take.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IdLink {
    pub zh: Vec<usize>,
    pub en: Vec<usize>,
}

impl IdLink {
    pub fn new(zh: impl Into<Vec<usize>>, en: impl Into<Vec<usize>>) -> Self {
        IdLink {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// True when both sides hold at least one sentence (not a 0-n or n-0 link).
    pub fn is_pair(&self) -> bool {
        !self.zh.is_empty() && !self.en.is_empty()
    }
}

impl From<&Link> for IdLink {
    fn from(link: &Link) -> Self {
        IdLink {
            zh: link.zh.clone().collect(),
            en: link.en.clone().collect(),
        }
    }
}

impl fmt::Display for IdLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_link(f, self.zh.iter().copied(), self.en.iter().copied())
    }
}

/// A [`Link`] displayed in the link format, written straight from its ranges.
pub struct LinkIds<'l>(pub &'l Link);

impl fmt::Display for LinkIds<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_link(f, self.0.zh.clone(), self.0.en.clone())
    }
}

/// `[0,1]:[0]`: both sides' ids, Chinese first.
fn write_link(
    f: &mut fmt::Formatter<'_>,
    zh: impl Iterator<Item = usize>,
    en: impl Iterator<Item = usize>,
) -> fmt::Result {
    write_ids(f, zh)?;
    f.write_str(":")?;
    write_ids(f, en)
}

/// `[0,1]`, `[]`: a side's ids, comma-separated in brackets.
fn write_ids(f: &mut fmt::Formatter<'_>, ids: impl Iterator<Item = usize>) -> fmt::Result {
    f.write_str("[")?;
    for (k, id) in ids.enumerate() {
        if k > 0 {
            f.write_str(",")?;
        }
        write!(f, "{id}")?;
    }
    f.write_str("]")
}

/// Longest quotation of a link or of a links-file line in a message, in characters: a gold
/// file with one bad line of a megabyte must not make a megabyte of error.
pub const QUOTE_CHARS: usize = 60;

/// `text` cut to `QUOTE_CHARS` characters, `…` marking the cut.
pub fn excerpt(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(QUOTE_CHARS).collect();
    if chars.next().is_some() {
        head + "…"
    } else {
        head
    }
}
