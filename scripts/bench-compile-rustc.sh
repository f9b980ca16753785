#!/usr/bin/env bash
# The rustc wrapper of scripts/bench-compile.sh: runs rustc unchanged and, when it compiles one
# of the benchmark's fixture crates, appends "<crate> <milliseconds>" to $BENCH_COMPILE_LOG.
# Timing rustc itself leaves out cargo's own start-up and fingerprinting, which is the same for
# every fixture and would only dilute the ratios.
set -euo pipefail
rustc=$1
shift
crate=""
previous=""
for arg in "$@"; do
    if [[ $previous == --crate-name ]]; then crate=$arg; fi
    previous=$arg
done
case "$crate" in
*_fixture*)
    start=$(date +%s%N)
    status=0
    "$rustc" "$@" || status=$?
    end=$(date +%s%N)
    if [[ -n ${BENCH_COMPILE_LOG:-} ]]; then
        echo "$crate $(((end - start) / 1000000))" >>"$BENCH_COMPILE_LOG"
    fi
    exit "$status"
    ;;
*) exec "$rustc" "$@" ;;
esac
