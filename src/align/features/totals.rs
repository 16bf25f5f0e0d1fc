//! Running totals of one side's features: what a candidate link's cost reads at each end of
//! its ranges.

#[cfg(test)]
use super::PUNCT_CLASSES;
use super::{Features, PUNCT_LANES};
use crate::align::params::CLAUSE_BUCKETS;

/// Running totals of one side's features, so that the sum over any range of sentences — what
/// a candidate link needs — is one subtraction instead of a loop. Everything a link's cost
/// reads at one end of its range is kept together ([`Mark`]): the two ends of each side are
/// all it touches.
#[derive(Debug, Clone, Default)]
pub struct Totals {
    marks: Vec<Mark>,
    structure: bool,
}

/// The totals over the sentences before one position, and what is known of the sentences on
/// either side of it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Mark {
    pub len: f64,
    pub numbers: u32,
    pub latin: u32,
    /// Running counts per punctuation class, wrapping: the difference over a range is exact
    /// while the range holds fewer than 65,536 marks of a class, as any range of up to 257
    /// sentences does (a sentence counts at most 255; a searched link holds at most
    /// `MAX_LINK_SIDE`), and past that `anchor_bonus` reads no more than two a class anyway,
    /// so a wrapped count can only move one capped term. Sixteen bits and eight lanes (the
    /// last ones always 0) fill one vector register, so that `anchor_bonus` works out all
    /// classes at once.
    pub punct: [u16; PUNCT_LANES],
    pub quote: i32,
    pub headings: u32,
    pub paragraph_starts: u32,
    pub utterances: u32,
    /// Of the sentence at this position (false, plain at the end): how it opens
    /// ([`Opening::index`](super::Opening::index)), whether it opens an utterance, whether it
    /// starts a paragraph, its clauses' bucket (`clause_bucket`).
    pub opening: u8,
    pub opens: bool,
    pub starts_paragraph: bool,
    pub clauses: u8,
    /// The sentence before this position closes an utterance.
    pub closes_before: bool,
}

/// The bucket of a sentence of so many clauses, 1 to `CLAUSE_BUCKETS` (a sentence without
/// one, "……", counts as one clause).
pub fn clause_bucket(clauses: u8) -> u8 {
    clauses.clamp(1, CLAUSE_BUCKETS as u8)
}

impl Totals {
    pub fn new(features: &[Features]) -> Totals {
        let mut marks = Vec::with_capacity(features.len() + 1);
        let mut at = Mark::default();
        for f in features {
            at.opening = f.opening.index() as u8;
            at.opens = f.opens_utterance();
            at.starts_paragraph = f.starts_paragraph;
            at.clauses = clause_bucket(f.clauses);
            marks.push(at);
            at.len += f.len;
            at.numbers += f.numbers.len() as u32;
            at.latin += f.latin.len() as u32;
            for (p, &c) in at.punct.iter_mut().zip(&f.punct) {
                *p = p.wrapping_add(u16::from(c));
            }
            at.quote += f.quote_balance as i32;
            at.paragraph_starts += u32::from(f.starts_paragraph);
            at.headings += u32::from(f.heading);
            at.utterances += u32::from(f.opens_utterance());
            at.closes_before = f.closes_utterance;
        }
        (at.opening, at.opens, at.starts_paragraph, at.clauses) = (0, false, false, 0);
        marks.push(at);
        Totals {
            structure: at.paragraph_starts > 0 || at.headings > 0,
            marks,
        }
    }

    /// The marks at the start and at the end of the range.
    pub fn ends(&self, r: &std::ops::Range<usize>) -> (&Mark, &Mark) {
        (&self.marks[r.start], &self.marks[r.end])
    }

    pub fn len(&self, r: &std::ops::Range<usize>) -> f64 {
        let (s, e) = self.ends(r);
        e.len - s.len
    }

    /// Counts of every punctuation class in the range (of at most 257 sentences: see
    /// [`Mark::punct`]). The costings read the marks themselves; this is for tests.
    #[cfg(test)]
    pub fn puncts(&self, r: &std::ops::Range<usize>) -> [u32; PUNCT_CLASSES] {
        let (s, e) = self.ends(r);
        std::array::from_fn(|k| u32::from(e.punct[k].wrapping_sub(s.punct[k])))
    }

    pub fn quote_balance(&self, r: &std::ops::Range<usize>) -> i32 {
        let (s, e) = self.ends(r);
        e.quote - s.quote
    }

    /// Numbers and Latin tokens in the range.
    pub fn anchor_tokens(&self, r: &std::ops::Range<usize>) -> u32 {
        let (s, e) = self.ends(r);
        e.numbers + e.latin - s.numbers - s.latin
    }

    /// Headings in the range.
    pub fn headings(&self, r: &std::ops::Range<usize>) -> u32 {
        let (s, e) = self.ends(r);
        e.headings - s.headings
    }

    /// Whether the side has any paragraph start or heading at all.
    pub fn has_structure(&self) -> bool {
        self.structure
    }

    /// Whether the sentence at `i` opens a paragraph (other than the document's first).
    pub fn starts_paragraph(&self, i: usize) -> bool {
        self.marks[i].starts_paragraph
    }

    /// Whether position `j` (before sentence `j`) falls inside a paragraph: neither an end of
    /// the side nor a paragraph start.
    pub fn inside_paragraph(&self, j: usize) -> bool {
        j > 0 && j + 1 < self.marks.len() && !self.marks[j].starts_paragraph
    }

    /// Paragraph starts strictly inside the range (after its first sentence).
    pub fn inner_paragraph_starts(&self, r: &std::ops::Range<usize>) -> u32 {
        if r.is_empty() {
            0
        } else {
            let (s, e) = self.ends(r);
            e.paragraph_starts - s.paragraph_starts - u32::from(s.starts_paragraph)
        }
    }

    /// Sentences opening an utterance strictly inside the range (after its first sentence).
    pub fn inner_utterances(&self, r: &std::ops::Range<usize>) -> u32 {
        if r.is_empty() {
            0
        } else {
            let (s, e) = self.ends(r);
            e.utterances - s.utterances - u32::from(s.opens)
        }
    }
}
