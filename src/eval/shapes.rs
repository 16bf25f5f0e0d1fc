//! Scores by link shape (`eval --by-shape`): for each shape of gold link (`1-1`, `2-1`, `0-1`…)
//! how many there are and how many the aligner found, and for each shape of link the aligner
//! made how many are right. This is where an aligner's errors show: a low recall of 2-2 links
//! says many-to-many links are split, a low precision of 0-1 links says omissions are invented.
//!
//! The hits are those of [`crate::eval::metric`] (strict: the identical link; lax: a sentence
//! pair in common), taken link by link. For gold links with both sides, the recall of a shape is
//! the metric's recall restricted to it; gold omissions (`0-1`, `1-0`), which the metric's
//! recall leaves out, are counted here too: found when the aligner made the identical omission.

use super::metric::Tally;
use crate::model::IdLink;
// Fx hashing, several times faster than the default SipHash on links: the sets are only
// probed and counted, never read in order, so the hasher changes no figure.
use rustc_hash::FxHashSet;
use std::collections::BTreeMap;
use std::ops::{Add, AddAssign};

/// A link's shape: its number of Chinese then English sentences.
pub type Shape = (usize, usize);

/// Per shape, gold links against the test (recall) and test links against the gold (precision).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShapeCounts {
    pub gold: BTreeMap<Shape, Tally>,
    pub test: BTreeMap<Shape, Tally>,
}

/// Count one document by shape.
pub fn count_by_shape(gold: &[IdLink], test: &[IdLink]) -> ShapeCounts {
    ShapeCounts {
        gold: tally_by_shape(test, gold),
        test: tally_by_shape(gold, test),
    }
}

/// Each distinct, non-void candidate judged against the reference, summed by its shape.
fn tally_by_shape(reference: &[IdLink], candidates: &[IdLink]) -> BTreeMap<Shape, Tally> {
    let reference: FxHashSet<&IdLink> = reference.iter().filter(|l| !is_void(l)).collect();
    let pairs: FxHashSet<(usize, usize)> = reference
        .iter()
        .flat_map(|l| l.zh.iter().flat_map(|&z| l.en.iter().map(move |&e| (z, e))))
        .collect();
    let candidates: FxHashSet<&IdLink> = candidates.iter().filter(|l| !is_void(l)).collect();
    let mut by_shape: BTreeMap<Shape, Tally> = BTreeMap::new();
    for link in candidates {
        let strict = reference.contains(link);
        let lax = strict
            || link
                .zh
                .iter()
                .any(|&z| link.en.iter().any(|&e| pairs.contains(&(z, e))));
        *by_shape.entry(shape(link)).or_default() += Tally {
            links: 1,
            strict: usize::from(strict),
            lax: usize::from(lax),
        };
    }
    by_shape
}

fn shape(link: &IdLink) -> Shape {
    (link.zh.len(), link.en.len())
}

fn is_void(link: &IdLink) -> bool {
    link.zh.is_empty() && link.en.is_empty()
}

impl AddAssign for Tally {
    fn add_assign(&mut self, o: Tally) {
        *self = *self + o;
    }
}

impl Add for ShapeCounts {
    type Output = ShapeCounts;
    fn add(mut self, o: ShapeCounts) -> ShapeCounts {
        self += o;
        self
    }
}

impl AddAssign for ShapeCounts {
    fn add_assign(&mut self, o: ShapeCounts) {
        for (mine, theirs) in [(&mut self.gold, o.gold), (&mut self.test, o.test)] {
            for (shape, tally) in theirs {
                *mine.entry(shape).or_default() += tally;
            }
        }
    }
}

impl ShapeCounts {
    /// The two tables as text: gold shapes with their count and strict and lax recall, then
    /// predicted shapes with their count and strict and lax precision; shapes in order of
    /// size (`0-1`, `1-0`, `1-1`, `1-2`, `2-1`…).
    pub fn table(&self) -> String {
        let mut out = section("gold", "recall", &self.gold);
        out.push('\n');
        out += &section("predicted", "precision", &self.test);
        out
    }
}

fn section(title: &str, measure: &str, tallies: &BTreeMap<Shape, Tally>) -> String {
    let mut shapes: Vec<(&Shape, &Tally)> = tallies.iter().collect();
    shapes.sort_by_key(|((z, e), _)| (z + e, *z));
    let header = format!("{title} shape");
    let mut out = format!(
        "{header:<16} {:>6} {:>10} {:>10}\n",
        "count",
        format!("strict_{}", &measure[..1].to_uppercase()),
        format!("lax_{}", &measure[..1].to_uppercase()),
    );
    for ((z, e), t) in shapes {
        let ratio = |hits: usize| hits as f64 / t.links.max(1) as f64;
        out += &format!(
            "{:<16} {:>6} {:>10.3} {:>10.3}\n",
            format!("{z}-{e}"),
            t.links,
            ratio(t.strict),
            ratio(t.lax)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::metric::count;
    // The metric's own example (gold and test links with strict, lax and missed hits of every
    // kind), so that the shape counts are checked against the same links as the counts.
    use crate::eval::metric::tests::{gold, test};

    fn t(links: usize, strict: usize, lax: usize) -> Tally {
        Tally { links, strict, lax }
    }

    #[test]
    fn gold_shapes_count_what_the_aligner_found_of_them() {
        let by = count_by_shape(&gold(), &test());
        let expected: BTreeMap<Shape, Tally> = [
            ((1, 1), t(1, 1, 1)),
            ((2, 1), t(1, 0, 1)),
            ((1, 2), t(1, 0, 1)),
            ((0, 1), t(1, 1, 1)),
        ]
        .into();
        assert_eq!(by.gold, expected);
    }

    #[test]
    fn predicted_shapes_count_what_is_right_of_them() {
        let by = count_by_shape(&gold(), &test());
        let expected: BTreeMap<Shape, Tally> = [
            ((1, 1), t(3, 1, 3)),
            ((1, 0), t(1, 0, 0)),
            ((0, 1), t(2, 1, 1)),
        ]
        .into();
        assert_eq!(by.test, expected);
    }

    #[test]
    fn shapes_with_both_sides_add_up_to_the_metric() {
        let by = count_by_shape(&gold(), &test());
        let counts = count(&gold(), &test());
        let sum = |m: &BTreeMap<Shape, Tally>, pairs_only: bool| {
            m.iter()
                .filter(|((z, e), _)| !pairs_only || (*z > 0 && *e > 0))
                .fold(Tally::default(), |a, (_, &t)| a + t)
        };
        assert_eq!(sum(&by.test, false), counts.precision);
        assert_eq!(sum(&by.gold, true), counts.recall);
    }

    #[test]
    fn documents_add_up_shape_by_shape() {
        let a = count_by_shape(&gold(), &test());
        let both = a.clone() + a;
        assert_eq!(both.gold[&(2, 1)], t(2, 0, 2));
        assert_eq!(both.test[&(1, 1)], t(6, 2, 6));
    }

    #[test]
    fn the_table_lists_shapes_by_size_with_three_decimals() {
        let text = count_by_shape(&gold(), &test()).table();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "gold shape        count   strict_R      lax_R");
        assert_eq!(lines[1], "0-1                   1      1.000      1.000");
        assert_eq!(lines[2], "1-1                   1      1.000      1.000");
        assert!(lines[3].starts_with("1-2") && lines[4].starts_with("2-1"));
        assert_eq!(lines[5], "");
        assert!(lines[6].starts_with("predicted shape") && lines[6].contains("strict_P"));
        assert!(lines[7].starts_with("0-1") && lines[7].contains("0.500"));
    }
}
