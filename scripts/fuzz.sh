#!/usr/bin/env bash
# Runs every cargo-fuzz target for a bounded time (default 30 s each), seeded from the spec
# files, the malformed-spec corpus and the committed regression inputs.
#
#   scripts/fuzz.sh            # 30 s per target
#   scripts/fuzz.sh 600        # 10 min per target
#
# Needs the nightly toolchain (for the sanitizer flags) and cargo-fuzz:
#   cargo install cargo-fuzz --locked
set -euo pipefail
seconds="${1:-30}"
cd "$(dirname "$0")/../fuzz"

targets=$(cargo +nightly fuzz list)
for target in $targets; do
    corpus="corpus/$target"
    mkdir -p "$corpus"
    seeds=()
    for dir in "seeds/$target" "regressions/$target"; do
        [ -d "$dir" ] && seeds+=("$dir")
    done
    echo "== $target: ${seconds}s"
    cargo +nightly fuzz run "$target" "$corpus" "${seeds[@]}" -- \
        -max_total_time="$seconds" -max_len=65536 -print_final_stats=1 2>&1 |
        grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY)' || true
    # libFuzzer leaves crash-* files in artifacts/ on failure; any of them fails the run.
    if compgen -G "artifacts/$target/crash-*" > /dev/null; then
        echo "fuzz target $target found a crash: see fuzz/artifacts/$target" >&2
        exit 1
    fi
done
