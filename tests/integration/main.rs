//! The integration tests: one test binary (as ripgrep and xsv have), one module per area, with
//! the helpers they share in [`util`]. One binary links the crate once instead of seventeen
//! times and lets the modules share helpers instead of copying them.

mod util;

mod cli_habits;
mod corpus_cli;
mod doc_score;
mod eval_cli;
mod exact_links;
mod formats_bitext;
mod formats_filters;
mod formats_html;
mod formats_intertext;
mod formats_jsonl;
mod formats_links;
mod formats_shard;
mod formats_tmx;
mod layers;
mod moved_passages;
mod prop_align;
mod prop_split;
mod prop_tsv;
mod robustness_decode;
mod robustness_inputs;
mod robustness_output;
mod robustness_paths;
mod robustness_repetitive;
mod robustness_runs;
mod robustness_text;
mod seed_quality;
mod split_cli;
mod stream_cli;
mod web_pages;
