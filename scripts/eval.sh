#!/usr/bin/env bash
# Measure the aligner on the reference sets: build a release binary, run `zhen-align eval` on
# MAC-Dev and on the Bible (merged by verse), print both tables (timings on stderr).
#
# The sets live beside the project, never in it (they hold excerpts of published books; see
# their README.md). Their folder is $EVAL_DIR, by default "$(dirname repo)/shared/eval", i.e.
# ../shared/eval from the repository root.
#
# Exit status: 0 when both sets were scored, and also 0 when the data is not there: the script
# then prints "evaluation data not found at …" on stderr and does nothing, so that CI machines
# without the data do not fail. Any other failure (build, a malformed set) exits non-zero.
#
# Usage: scripts/eval.sh [extra zhen-align options, e.g. --threads 4]

set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
require_eval_data
cd "$repo"
build_release

echo "== MAC-Dev ($eval_dir/mac-dev)"
d="$eval_dir/mac-dev"
"$bin" "$@" eval --zh "$d/zh" --en "$d/en" --gold "$d/gold"

echo
echo "== Bible, merged by verse ($eval_dir/bible)"
d="$eval_dir/bible"
"$bin" "$@" eval --zh "$d/zh" --en "$d/en" --gold "$d/gold" --verses "$d/zh.verse" "$d/en.verse"
