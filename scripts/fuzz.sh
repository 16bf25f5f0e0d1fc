#!/usr/bin/env bash
# Run the cargo-fuzz targets in fuzz/ for a given time each.
#
#   scripts/fuzz.sh [TARGET|all] [SECONDS]     (defaults: all, 180)
#
# Targets: decode (bytes → text alone, fast), decode_ingest (bytes → decode → whole pipeline), split (both splitters), align (the
# aligner on sentences made from the input). Crashes are written to fuzz/artifacts/TARGET/ and
# make the script exit non-zero; replay one with
#   RUSTC_BOOTSTRAP=1 cargo fuzz run TARGET fuzz/artifacts/TARGET/crash-...
#
# cargo-fuzz passes nightly-only flags (-Zsanitizer=address) to rustc. RUSTC_BOOTSTRAP=1 lets
# a stable toolchain accept them, so no nightly toolchain is needed (set FUZZ_TOOLCHAIN=nightly
# to use one anyway). Needs `cargo install cargo-fuzz`.
set -euo pipefail

target="${1:-all}"
seconds="${2:-180}"
cd "$(dirname "$0")/../fuzz"

if ! command -v cargo-fuzz >/dev/null; then
    echo "cargo-fuzz is not installed: cargo install cargo-fuzz" >&2
    exit 2
fi

all_targets=(decode decode_ingest split align align_repetitive)
if [[ "$target" == all ]]; then
    targets=("${all_targets[@]}")
elif [[ " ${all_targets[*]} " == *" $target "* ]]; then
    targets=("$target")
else
    echo "unknown target '$target'; one of: all ${all_targets[*]}" >&2
    exit 2
fi

toolchain=()
if [[ -n "${FUZZ_TOOLCHAIN:-}" ]]; then
    toolchain=("+$FUZZ_TOOLCHAIN")
else
    export RUSTC_BOOTSTRAP=1
fi

# Seed each corpus with the repository's articles, so that fuzzing starts from real text.
seed_corpus() {
    local dir="corpus/$1"
    mkdir -p "$dir"
    if [[ -z "$(ls -A "$dir")" ]]; then
        cp ../seeds/*.txt "$dir"/ 2>/dev/null || true
    fi
}

status=0
for t in "${targets[@]}"; do
    seed_corpus "$t"
    echo "== fuzzing $t for ${seconds}s"
    # -max_len: long enough for whole articles; -rss_limit_mb: a 4 kB input must never need
    # gigabytes, so running out is a finding.
    # -timeout: 10 s for a 64 kB input, except align_repetitive, whose inputs make documents
    # of up to 1,580 sentences a side (a repetitive grid of a million cells is searched whole,
    # about a second in a release build and several times that under the address sanitizer).
    # FUZZ_TIMEOUT overrides both, for a loaded machine where a niced fuzzer waits for the CPU
    # (units that replay in 0.3 s were reported as 12 s timeouts at load average 19).
    timeout=10
    [[ $t == align_repetitive ]] && timeout=60
    timeout="${FUZZ_TIMEOUT:-$timeout}"
    if ! cargo "${toolchain[@]}" fuzz run -O "$t" "corpus/$t" -- \
        -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout="$timeout" -print_final_stats=1; then
        echo "!! $t found a problem: see fuzz/artifacts/$t/" >&2
        status=1
    fi
done
exit "$status"
