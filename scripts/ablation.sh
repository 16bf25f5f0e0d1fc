#!/usr/bin/env bash
# Ablation study: build a release binary, run `zhen-align eval --evidence LIST` on MAC-Dev and
# on the Bible (merged by verse) for evidence added one kind at a time, and print a markdown
# table of the `all` line's strict and lax F1 for each configuration.
#
# The sets live beside the project, in $EVAL_DIR (default "$(dirname repo)/shared/eval", i.e.
# ../shared/eval from the repository root), as for scripts/eval.sh.
#
# Exit status: 0 when every configuration was scored, and also 0 when the data is missing (it
# then says "evaluation data not found at …" on stderr and does nothing). Any other failure
# (build, a malformed set, an eval error) exits non-zero.
#
# Usage: scripts/ablation.sh [extra zhen-align options, e.g. --threads 4]

set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
require_eval_data
cd "$repo"
build_release

configs=(
    "length"
    "length,anchors,paragraphs"
    "length,anchors,paragraphs,dictionary"
    "length,anchors,paragraphs,dictionary,names"
    "all"
)

# The strict and lax F1 of eval's `all` line (columns: doc strict_P strict_R strict_F1 lax_P
# lax_R lax_F1), as "STRICT LAX"; fails when there is no such line.
all_f1() {
    awk '$1 == "all" { print $4, $7; found = 1 } END { exit !found }'
}

run_set() {
    local set="$1" evidence="$2" d="$eval_dir/$1" out
    local extra=()
    if [[ "$set" == bible ]]; then
        extra=(--verses "$d/zh.verse" "$d/en.verse")
    fi
    if ! out="$("$bin" "${opts[@]}" --quiet eval --zh "$d/zh" --en "$d/en" --gold "$d/gold" "${extra[@]}" --evidence "$evidence")"; then
        echo "eval failed on $set with --evidence $evidence" >&2
        return 1
    fi
    if ! all_f1 <<<"$out"; then
        echo "no 'all' line in eval's output on $set with --evidence $evidence:" >&2
        echo "$out" >&2
        return 1
    fi
}

opts=("$@")
echo "| configuration | MAC-Dev strict F1 | MAC-Dev lax F1 | Bible strict F1 | Bible lax F1 |"
echo "|---|---|---|---|---|"
for c in "${configs[@]}"; do
    mac="$(run_set mac-dev "$c")"
    bible="$(run_set bible "$c")"
    read -r mac_strict mac_lax <<<"$mac"
    read -r bible_strict bible_lax <<<"$bible"
    label="$c"
    [[ "$c" == all ]] && label="all (+ learned)"
    echo "| \`$label\` | $mac_strict | $mac_lax | $bible_strict | $bible_lax |"
done
