#!/usr/bin/env bash
# Refit the score's calibration (src/align/calibration.rs, WEIGHTS) on the reference sets:
# build a release binary, write every link's features and verdict on MAC-Dev and the Bible
# (`zhen-align eval --calibration-data`), and fit them with scripts/calibrate.py: logistic
# regression on MAC-Dev, cross-validated chapter by chapter (leave one chapter out), the Bible
# scored by the weights fitted on all of MAC-Dev. Prints the reliability of each and the
# weights as Rust, to paste into calibration.rs (then `cargo build` and `scripts/eval.sh`).
#
# The sets live beside the project, never in it ($EVAL_DIR, by default ../shared/eval); when
# they are missing the script says "evaluation data not found at …" and exits 0. The feature
# files go to a temporary folder, removed at the end.
#
# Usage: scripts/calibrate.sh

set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
require_eval_data
cd "$repo"
build_release

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
d="$eval_dir/mac-dev"
"$bin" --quiet eval --zh "$d/zh" --en "$d/en" --gold "$d/gold" \
    --calibration-data "$work/mac-dev.tsv" > /dev/null
d="$eval_dir/bible"
"$bin" --quiet eval --zh "$d/zh" --en "$d/en" --gold "$d/gold" \
    --verses "$d/zh.verse" "$d/en.verse" --calibration-data "$work/bible.tsv" > /dev/null
python3 "$repo/scripts/calibrate.py" "$work/mac-dev.tsv" "$work/bible.tsv"
