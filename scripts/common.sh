# Shared by the evaluation scripts (sourced, not run): where the repository and the evaluation
# data are, the check that the data is there, and the release build.
#
#   repo      the repository root
#   eval_dir  $EVAL_DIR, by default ../shared/eval beside the repository
#   require_eval_data   exits 0 with "evaluation data not found at …" when a set is missing,
#                       so that machines without the data do not fail
#   build_release       builds the release binary and sets $bin to it (honours CARGO_TARGET_DIR)

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
eval_dir="${EVAL_DIR:-$(dirname "$repo")/shared/eval}"

require_eval_data() {
    local set
    for set in mac-dev bible; do
        if [[ ! -d "$eval_dir/$set/gold" ]]; then
            echo "evaluation data not found at $eval_dir/$set (set EVAL_DIR to its folder); skipping" >&2
            exit 0
        fi
    done
}

build_release() {
    (cd "$repo" && cargo build --release --quiet)
    bin="${CARGO_TARGET_DIR:-$repo/target}/release/zhen-align"
}
