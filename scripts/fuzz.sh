#!/usr/bin/env bash
# Runs every cargo-fuzz target for a bounded time (default 30 s each), seeded from
# fuzz/seeds/<target> and the committed regression inputs in fuzz/regressions/<target>.
#
#   scripts/fuzz.sh            # 30 s per target
#   scripts/fuzz.sh 600        # 10 min per target
#   scripts/fuzz.sh 60 http_bodies response_parser   # only these targets
#
# Exits non-zero when the targets do not build, and when any target crashes, panics, leaks,
# runs out of memory or hangs on an input (libFuzzer's own exit status, and any artifact it
# wrote during this run); the end of the fuzzer's log is printed then. The new inputs the
# fuzzer finds go to fuzz/corpus/<target> (not committed). FUZZ_TARGET_DIR, when set, is the
# cargo target directory of the fuzz build.
#
# Needs the nightly toolchain (for the sanitizer flags) and cargo-fuzz:
#   cargo install cargo-fuzz --locked
set -euo pipefail
seconds="${1:-30}"
shift || true
cd "$(dirname "$0")/../fuzz"

target_dir=()
if [ -n "${FUZZ_TARGET_DIR:-}" ]; then
    target_dir=(--target-dir "$FUZZ_TARGET_DIR")
fi

# A build failure stops the run here (set -e), before any target runs.
started=$(date +%s)
cargo +nightly fuzz build "${target_dir[@]}"
echo "== fuzz build: $(($(date +%s) - started)) s"

if [ "$#" -gt 0 ]; then
    targets="$*"
else
    targets=$(cargo +nightly fuzz list)
fi
log_dir=$(mktemp -d)
trap 'rm -rf "$log_dir"' EXIT
for target in $targets; do
    corpus="corpus/$target"
    mkdir -p "$corpus" "artifacts/$target"
    seeds=()
    for dir in "seeds/$target" "regressions/$target"; do
        [ -d "$dir" ] && seeds+=("$dir")
    done
    echo "== $target: ${seconds}s"
    stamp="$log_dir/$target.stamp"
    touch "$stamp"
    log="$log_dir/$target.log"
    set +e
    # -timeout: an input taking 20 s is a hang, reported like a crash.
    cargo +nightly fuzz run "${target_dir[@]}" "$target" "$corpus" "${seeds[@]}" -- \
        -max_total_time="$seconds" -max_len=65536 -timeout=20 -print_final_stats=1 \
        >"$log" 2>&1
    status=$?
    set -e
    grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ +DONE)' "$log" || true
    new_artifacts=$(find "artifacts/$target" -newer "$stamp" -type f \
        \( -name 'crash-*' -o -name 'leak-*' -o -name 'oom-*' -o -name 'timeout-*' \) | sort)
    if [ "$status" -ne 0 ] || [ -n "$new_artifacts" ]; then
        tail -n 60 "$log" >&2
        echo "fuzz target $target failed (exit $status); inputs kept: ${new_artifacts:-none}" >&2
        echo "reproduce: cd fuzz && cargo +nightly fuzz run $target <input>" >&2
        exit 1
    fi
done
