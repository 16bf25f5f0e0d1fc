//! In-process benchmarks of the hot paths (criterion).
//!
//! * `align/bible_presplit` — the Bible pair (6,301 zh × 5,000 en sentences, one a line) through
//!   `align::align`, the long-document case of issue 4.
//! * `align/mac_dev_001`   — one MAC-Dev chapter (about 300 × 300 sentences, literary).
//! * `segment/split_text_*` — the Chinese and the English splitter on a seed article.
//! * `pipeline/process_article_seed_003` — one whole article: layout, splitting, alignment, pairs.
//!
//! The reference sets live beside the project, never in it: they are read from `$EVAL_DIR`, by
//! default `../shared/eval` from the repository root. When a set is missing its benchmark is
//! skipped with a message on stderr; the seed benchmarks need only the repository.
//!
//! Dictionary start-up is not measured here: there is none left to measure in-process (its
//! index is built at compile time and read in place). `scripts/bench.sh` measures start-up as
//! the wall time of a whole `zhen-align align` run on a 1×1 pair.
//!
//! These benchmarks run with the system allocator; the `zhen-align` binary uses mimalloc (see
//! `src/main.rs`), so whole-process times from `scripts/bench.sh` are the ones to compare with
//! the targets.
//!
//! The Bible and MAC-Dev benchmarks use flat sampling (every sample the same number of
//! iterations, at least one), 10 samples, so the whole file runs in well under two minutes once
//! the aligner meets its target (Bible ≤ 0.15 s). With a slow aligner a sample is one iteration:
//! 10 × the time of one alignment, plus one warm-up run. Run a subset with a filter, e.g.
//! `cargo bench --bench align -- 'mac|segment|pipeline'`.

use std::fs;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{
    criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput,
};
use zhen_align::model::{Lang, Sentence};

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `$EVAL_DIR`, else `../shared/eval` beside the repository.
fn eval_dir() -> PathBuf {
    match std::env::var_os("EVAL_DIR") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => repo_root().join("..").join("shared").join("eval"),
    }
}

/// One sentence a line, as `zhen-align align --presplit` reads it (empty lines kept so ids match
/// line numbers).
fn presplit(path: &Path) -> Option<Vec<Sentence>> {
    let text = fs::read_to_string(path).ok()?;
    Some(text.lines().map(|l| Sentence::new(l.trim(), 0)).collect())
}

/// The zh and en sides of document `doc` of an eval set, or a message saying what is missing.
fn eval_pair(set: &str, doc: &str) -> Result<(Vec<Sentence>, Vec<Sentence>), String> {
    let dir = eval_dir().join(set);
    let zh_path = dir.join("zh").join(doc);
    let en_path = dir.join("en").join(doc);
    match (presplit(&zh_path), presplit(&en_path)) {
        (Some(zh), Some(en)) => Ok((zh, en)),
        _ => Err(format!(
            "evaluation data not found at {} (set EVAL_DIR to the eval folder)",
            dir.display()
        )),
    }
}

/// The seed article whose file name starts with `prefix` (e.g. `003_`).
fn seed(prefix: &str) -> String {
    let dir = repo_root().join("seeds");
    let mut names: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix) && n.ends_with(".txt"))
        })
        .collect();
    names.sort();
    let path = names
        .first()
        .unwrap_or_else(|| panic!("no seeds/{prefix}*.txt"));
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn bench_align(c: &mut Criterion) {
    let mut group = c.benchmark_group("align");
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(6));

    for (name, set, doc) in [
        ("bible_presplit", "bible", "001"),
        ("mac_dev_001", "mac-dev", "001"),
    ] {
        match eval_pair(set, doc) {
            Ok((zh, en)) => {
                group.throughput(Throughput::Elements((zh.len() + en.len()) as u64));
                let id = BenchmarkId::new(name, format!("{}x{}", zh.len(), en.len()));
                group.bench_function(id, |b| {
                    b.iter(|| zhen_align::align::align(black_box(&zh), black_box(&en)))
                });
            }
            // A benchmark run writes to a terminal; the lint is for the tool.
            #[allow(clippy::disallowed_macros)]
            Err(msg) => eprintln!("skipping align/{name}: {msg}"),
        }
    }
    group.finish();
}

fn bench_segment(c: &mut Criterion) {
    // Seed 003 is a Chinese block then an English block: split each side of its layout as a
    // whole text (every non-empty line a paragraph), which is what the splitters see.
    let text = seed("003_");
    let (zh_text, en_text): (Vec<&str>, Vec<&str>) = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .partition(|l| is_chinese(l));
    let zh_text = zh_text.join("\n");
    let en_text = en_text.join("\n");

    let mut group = c.benchmark_group("segment");
    group.sample_size(50);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    group.throughput(Throughput::Bytes(zh_text.len() as u64));
    group.bench_function("split_text_zh_seed_003", |b| {
        b.iter(|| zhen_align::segment::split_text(black_box(&zh_text), Lang::Zh))
    });
    group.throughput(Throughput::Bytes(en_text.len() as u64));
    group.bench_function("split_text_en_seed_003", |b| {
        b.iter(|| zhen_align::segment::split_text(black_box(&en_text), Lang::En))
    });
    group.finish();
}

/// A rough paragraph classifier for the benchmark input only: more Han characters than Latin
/// letters / 3 (a Han character carries about as much as three letters).
fn is_chinese(line: &str) -> bool {
    let han = line
        .chars()
        .filter(|c| matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}'))
        .count();
    let latin = line.chars().filter(|c| c.is_ascii_alphabetic()).count();
    han * 3 > latin
}

fn bench_pipeline(c: &mut Criterion) {
    let text = seed("003_");
    let mut group = c.benchmark_group("pipeline");
    group.sample_size(20);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(6));
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("process_article_seed_003", |b| {
        b.iter(|| zhen_align::pipeline::process_article(black_box(&text)))
    });
    group.finish();
}

criterion_group!(benches, bench_align, bench_segment, bench_pipeline);
criterion_main!(benches);
