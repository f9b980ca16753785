# Helpers shared by scripts/bench-compile.sh and scripts/bench-compile-scale.sh; sourced, not
# run. Expects ROOT (the repository) to be set.

# A generated input: `gen spec N` or `gen strum-enum N NAME` (see benches/suite/fixtures.rs),
# from the `gen-bench-fixtures` binary of benches/suite (the generator the benches' build
# script uses).
gen() {
    cargo run --quiet --manifest-path "$ROOT/Cargo.toml" -p authcode-benches \
        --bin gen-bench-fixtures -- "$@"
}

# The median of the numbers in column $3 (default 2) of the lines of file $1 whose first
# column is $2.
median() {
    awk -v crate="$2" -v column="${3:-2}" '$1 == crate { print $column }' "$1" | sort -n |
        awk '{ v[NR] = $1 } END { if (NR == 0) print "NaN"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# $1 / $2 with two decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

# The machine's state, for the record: date, commit, 1-minute load average.
machine_state() {
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD || echo ' + uncommitted changes'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
}

# Builds each fixture named in the arguments (directories of $WORK/fixtures) once in every mode
# of $MODES, so that their dependencies are built, then runs $RUNS rounds that touch each
# fixture's src/lib.rs in turn and rebuild it with `cargo_run MODE FIXTURE` (the caller's),
# interleaved so that a change in machine load hits every fixture alike. rustc's time on the
# fixture (scripts/bench-compile-rustc.sh) goes to $WORK/rustc-MODE.log, the whole command's to
# $WORK/cargo-MODE.log, each line "<crate> <milliseconds>".
timed_rounds() {
    local mode fixture run start end
    echo "building dependencies once ($MODES)..." >&2
    for mode in $MODES; do
        for fixture in "$@"; do
            BENCH_COMPILE_LOG=/dev/null cargo_run "$mode" "$fixture"
        done
        : >"$WORK/rustc-$mode.log"
        : >"$WORK/cargo-$mode.log"
    done
    for ((run = 1; run <= RUNS; run++)); do
        echo "round $run/$RUNS: $(machine_state)" >&2
        for mode in $MODES; do
            for fixture in "$@"; do
                touch "$WORK/fixtures/$fixture/src/lib.rs"
                start=$(date +%s%N)
                BENCH_COMPILE_LOG="$WORK/rustc-$mode.log" cargo_run "$mode" "$fixture"
                end=$(date +%s%N)
                echo "${fixture//-/_} $(((end - start) / 1000000))" >>"$WORK/cargo-$mode.log"
            done
        done
    done
    echo
    echo "end: $(machine_state)"
}
