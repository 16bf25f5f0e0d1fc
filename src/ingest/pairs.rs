//! Two files, one document: one-language files paired by their names.
//!
//! Crawled and downloaded parallel text is most often kept as one file per language, named
//! after the language (`NAME.zh.html` + `NAME.en.html`) or kept in parallel folders
//! (`zh/NAME.txt` + `en/NAME.txt`). Such files are paired here, before anything is read:
//! - **a language tag at the end of the name**, before the extension, after `.`, `_` or `-`:
//!   Chinese `zh`, `cn`, `zh-CN`, `zh-TW`, `zh-Hans`, `zh-Hant` (also with `_`), English `en`,
//!   `en-US`, `en-GB`; the rest of the name and the extension must be the same;
//! - **parallel folders**: a folder named `zh`, `cn`, `chinese` (or one of the tags above) and
//!   one named `en` or `english` at the same place, holding files of the same relative name.
//!
//! The pair's document name (the `doc` column, the links file's name) is the name with the two
//! tags joined by `+`: `NAME.zh+en.html`, `NAME_zh-CN+en.txt`, `zh+en/NAME.txt`,
//! `chinese+english/2025/NAME.md`. A tagged file without its partner is read alone, as any file.

use super::files::InputFile;
use std::collections::HashMap;
use std::path::PathBuf;

/// Chinese and English tags, longest first so that `zh-hans` is not read as `hans` after `-`.
const ZH_TAGS: &[&str] = &[
    "zh-hans", "zh_hans", "zh-hant", "zh_hant", "zh-cn", "zh_cn", "zh-tw", "zh_tw", "chinese",
    "zh", "cn",
];
const EN_TAGS: &[&str] = &["english", "en-us", "en_us", "en-gb", "en_gb", "en"];

/// Where a document of the corpus comes from: one file, or a Chinese and an English file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    One(InputFile),
    Two {
        doc: String,
        zh: InputFile,
        en: InputFile,
    },
}

impl Source {
    /// The name in the `doc` column.
    pub fn doc(&self) -> &str {
        match self {
            Source::One(file) => &file.doc,
            Source::Two { doc, .. } => doc,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Side {
    Zh,
    En,
}

/// Where a file's language tag is, and what the document is called without it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    /// The document name with the tag cut out (a NUL marks where), the same for both files.
    stem: String,
}

/// The documents of a run, in the order of the files: a pair stands where its first file did.
pub fn documents(files: Vec<InputFile>) -> Vec<Source> {
    let tagged: Vec<Option<(Key, Side, String)>> = files.iter().map(|f| tag_of(&f.doc)).collect();
    let mut by_key: HashMap<(Key, Side), Vec<usize>> = HashMap::new();
    for (i, t) in tagged.iter().enumerate() {
        if let Some((key, side, _)) = t {
            by_key.entry((key.clone(), *side)).or_default().push(i);
        }
    }
    let mut partner: Vec<Option<usize>> = vec![None; files.len()];
    for (i, t) in tagged.iter().enumerate() {
        let Some((key, Side::Zh, _)) = t else {
            continue;
        };
        let zh = &by_key[&(key.clone(), Side::Zh)];
        // One file of each language under a name; anything else is ambiguous and read alone.
        if let (1, Some([en])) = (
            zh.len(),
            by_key.get(&(key.clone(), Side::En)).map(Vec::as_slice),
        ) {
            partner[i] = Some(*en);
            partner[*en] = Some(i);
        }
    }
    let mut documents = Vec::with_capacity(files.len());
    let mut done = vec![false; files.len()];
    for i in 0..files.len() {
        if done[i] {
            continue;
        }
        done[i] = true;
        match partner[i] {
            None => documents.push(Source::One(files[i].clone())),
            Some(j) => {
                done[j] = true;
                let (z, e) = match tagged[i] {
                    Some((_, Side::Zh, _)) => (i, j),
                    _ => (j, i),
                };
                let doc = pair_name(&files[z].doc, &tagged[z], &tagged[e]);
                documents.push(Source::Two {
                    doc,
                    zh: files[z].clone(),
                    en: files[e].clone(),
                });
            }
        }
    }
    documents
}

/// `NAME.zh+en.EXT`, `zh+en/NAME.EXT`: the Chinese file's name with the English tag added.
fn pair_name(
    zh_doc: &str,
    zh: &Option<(Key, Side, String)>,
    en: &Option<(Key, Side, String)>,
) -> String {
    match (zh, en) {
        (Some((key, _, zh_tag)), Some((_, _, en_tag))) => {
            key.stem.replacen('\0', &format!("{zh_tag}+{en_tag}"), 1)
        }
        _ => zh_doc.to_string(),
    }
}

/// The language tag of a document name, if it has one: at the end of the file name first (so
/// that `cn/a.zh.txt` and `cn/a.en.txt` are a pair), else in a folder name. The tag is
/// returned as written.
fn tag_of(doc: &str) -> Option<(Key, Side, String)> {
    let parts: Vec<&str> = doc.split('/').collect();
    let (folders, name) = parts.split_at(parts.len() - 1);
    let name = name[0];
    let (base, ext) = match name.rfind('.') {
        Some(dot) if dot > 0 => (&name[..dot], &name[dot..]),
        _ => (name, ""),
    };
    let lower = base.to_ascii_lowercase();
    for (tags, side) in [(ZH_TAGS, Side::Zh), (EN_TAGS, Side::En)] {
        for tag in tags
            .iter()
            .filter(|t| !matches!(**t, "chinese" | "english"))
        {
            let Some(head) = lower.strip_suffix(tag) else {
                continue;
            };
            if head.len() < 2 || !head.ends_with(['.', '_', '-']) {
                continue;
            }
            let prefix = &doc[..doc.len() - name.len()];
            let stem = format!("{prefix}{}\0{ext}", &base[..head.len()]);
            return Some((Key { stem }, side, base[head.len()..].to_string()));
        }
    }
    for (i, folder) in folders.iter().enumerate() {
        if let Some(side) = side_of(folder) {
            let mut stem_parts: Vec<&str> = parts.clone();
            stem_parts[i] = "\0";
            let stem = stem_parts.join("/");
            return Some((Key { stem }, side, folder.to_string()));
        }
    }
    None
}

fn side_of(folder: &str) -> Option<Side> {
    let lower = folder.to_ascii_lowercase();
    if ZH_TAGS.contains(&lower.as_str()) {
        Some(Side::Zh)
    } else if EN_TAGS.contains(&lower.as_str()) {
        Some(Side::En)
    } else {
        None
    }
}

/// The paths of a document's files.
pub fn paths(document: &Source) -> Vec<&PathBuf> {
    match document {
        Source::One(file) => vec![&file.path],
        Source::Two { zh, en, .. } => vec![&zh.path, &en.path],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(doc: &str) -> InputFile {
        InputFile {
            path: PathBuf::from("/in").join(doc),
            doc: doc.into(),
        }
    }

    fn docs(names: &[&str]) -> Vec<String> {
        documents(names.iter().map(|n| file(n)).collect())
            .iter()
            .map(|d| match d {
                Source::One(f) => f.doc.clone(),
                Source::Two { doc, zh, en } => format!("{doc} = {} + {}", zh.doc, en.doc),
            })
            .collect()
    }

    #[test]
    fn names_with_language_tags_are_paired() {
        assert_eq!(
            docs(&[
                "a.en.html",
                "a.zh.html",
                "b_zh-CN.txt",
                "b_en.txt",
                "c-cn.md",
                "c-en.md"
            ]),
            [
                "a.zh+en.html = a.zh.html + a.en.html",
                "b_zh-CN+en.txt = b_zh-CN.txt + b_en.txt",
                "c-cn+en.md = c-cn.md + c-en.md"
            ]
        );
        assert_eq!(
            docs(&[
                "x.zh-Hant.txt",
                "x.en.txt",
                "y.zh-TW.txt",
                "y.EN.txt",
                "z.zh-Hans.md",
                "z.en.md"
            ]),
            [
                "x.zh-Hant+en.txt = x.zh-Hant.txt + x.en.txt",
                "y.zh-TW+EN.txt = y.zh-TW.txt + y.EN.txt",
                "z.zh-Hans+en.md = z.zh-Hans.md + z.en.md"
            ]
        );
    }

    #[test]
    fn parallel_folders_are_paired() {
        assert_eq!(
            docs(&[
                "en/2025/a.txt",
                "zh/2025/a.txt",
                "chinese/b.md",
                "english/b.md",
                "cn/c.md",
                "en/c.md"
            ]),
            [
                "zh+en/2025/a.txt = zh/2025/a.txt + en/2025/a.txt",
                "chinese+english/b.md = chinese/b.md + english/b.md",
                "cn+en/c.md = cn/c.md + en/c.md"
            ]
        );
    }

    #[test]
    fn files_without_a_partner_or_tag_stay_alone() {
        assert_eq!(
            docs(&[
                "a.zh.txt",
                "b.en.txt",
                "token.txt",
                "zh.txt",
                "a.zh.md",
                "often.txt"
            ]),
            [
                "a.zh.txt",
                "b.en.txt",
                "token.txt",
                "zh.txt",
                "a.zh.md",
                "often.txt"
            ]
        );
        // A tag in the name goes before a folder's.
        assert_eq!(
            docs(&["cn/a.zh.txt", "cn/a.en.txt"]),
            ["cn/a.zh+en.txt = cn/a.zh.txt + cn/a.en.txt"]
        );
        // Two Chinese files for one English one: ambiguous, each read alone.
        assert_eq!(
            docs(&["zh/a.txt", "a.zh.txt", "a.en.txt", "cn/a.txt", "en/a.txt"]).len(),
            4
        );
    }
}
