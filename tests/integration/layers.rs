//! The layer order of `src/lib.rs`, checked: a module may use only modules of a lower layer
//! (and itself). Reads every source file and looks at each `crate::` path it names, in `use`
//! lines, groups and expressions alike, so an upward import fails here before it is merged.

use std::path::{Path, PathBuf};

/// Lowest first, as `src/lib.rs` lists them.
const LAYERS: &[&[&str]] = &[
    &["model", "hash"],
    &["segment", "lexicon"],
    &["align", "ingest"],
    &["pipeline"],
    &["export", "eval"],
    &["cli"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level modules a source text names through `crate::`, including those inside
/// `crate::{a, b::c}` groups.
fn named_modules(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    for (at, _) in text.match_indices("crate::") {
        let rest = &text[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let body = &group[..group.find('}').unwrap_or(group.len())];
            for part in body.split(',') {
                names.push(head(part.trim()));
            }
        } else {
            names.push(head(rest));
        }
    }
    names.retain(|n| !n.is_empty());
    names
}

fn head(path: &str) -> String {
    path.chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

#[test]
fn no_module_uses_a_module_of_its_own_layer_or_above() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut faults = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(&src).unwrap();
        let top = rel.iter().next().unwrap().to_string_lossy();
        let top = top.trim_end_matches(".rs");
        let Some(own) = layer_of(top) else { continue };
        let text = std::fs::read_to_string(file).unwrap();
        for name in named_modules(&text) {
            if name == top {
                continue;
            }
            match layer_of(&name) {
                Some(l) if l < own => {}
                _ => faults.push(format!("{} uses crate::{name}", rel.display())),
            }
        }
    }
    assert!(
        faults.is_empty(),
        "upward or sideways imports:\n{}",
        faults.join("\n")
    );
}

#[test]
fn the_check_sees_groups_and_paths() {
    assert_eq!(
        named_modules("use crate::{align::x, model};\nlet a = crate::hash::f();"),
        ["align", "model", "hash"]
    );
}
