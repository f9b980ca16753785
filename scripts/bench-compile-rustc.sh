#!/usr/bin/env bash
# The rustc wrapper of scripts/bench-compile.sh and scripts/bench-compile-scale.sh: runs rustc
# unchanged and, when it compiles one of the benchmarks' fixture crates, appends
# "<crate> <milliseconds>" to $BENCH_COMPILE_LOG, and with BENCH_COMPILE_RSS=1 also the peak
# resident memory of that rustc process in kilobytes, as `/usr/bin/time -v` reports it:
# "<crate> <milliseconds> <kilobytes>". Timing rustc itself leaves out cargo's own start-up and
# fingerprinting, which is the same for every fixture and would only dilute the ratios.
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
    rss=""
    status=0
    start=$(date +%s%N)
    if [[ -n ${BENCH_COMPILE_RSS:-} ]]; then
        report=$(mktemp)
        /usr/bin/time -v -o "$report" "$rustc" "$@" || status=$?
        rss=" $(awk -F': ' '/Maximum resident set size/ { print $2 }' "$report")"
        rm -f "$report"
    else
        "$rustc" "$@" || status=$?
    fi
    end=$(date +%s%N)
    if [[ -n ${BENCH_COMPILE_LOG:-} ]]; then
        echo "$crate $(((end - start) / 1000000))$rss" >>"$BENCH_COMPILE_LOG"
    fi
    exit "$status"
    ;;
*) exec "$rustc" "$@" ;;
esac
