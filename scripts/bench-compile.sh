#!/usr/bin/env bash
# Compile time of #[derive(AuthScopes)] against the same scopes written by hand with strum and
# serde (benches/compile/*-fixture), for the seed spec and for generated specs of 100 and 1,000
# scopes. See BENCHMARKS.md.
#
#   scripts/bench-compile.sh                # RUNS=11 rebuilds of each fixture, `cargo build`
#   RUNS=21 MODE=check scripts/bench-compile.sh
#
# Dependencies are built once; then each round touches every fixture's src/lib.rs in turn and
# rebuilds that crate alone (the fixtures are interleaved, so that a change in machine load hits
# all of them alike). It prints the median time of rustc on the fixture crate (timed by
# scripts/bench-compile-rustc.sh) and of the whole `cargo build`, and the ratios. Only bash,
# coreutils and cargo are needed. The generated specs and enums come from the
# `gen-bench-fixtures` binary of benches/suite (the generator the benches' build script uses).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${RUNS:-11}
MODE=${MODE:-build}
SIZES=${SIZES:-15 100 1000}
WORK=${BENCH_COMPILE_DIR:-${CARGO_TARGET_DIR:-$ROOT/target}/bench-compile}

case "$MODE" in
build | check) ;;
*)
    echo "MODE must be build or check" >&2
    exit 2
    ;;
esac

mkdir -p "$WORK/fixtures"
FIXTURES=()

# A generated input: `gen spec N` or `gen strum-enum N NAME` (see benches/suite/fixtures.rs).
gen() {
    cargo run --quiet --manifest-path "$ROOT/Cargo.toml" -p authcode-benches \
        --bin gen-bench-fixtures -- "$@"
}

# A copy of a committed fixture under $WORK, renamed to NAME, its path dependency made absolute
# and the workspace's Cargo.lock as its starting lock file (same dependency versions).
copy_fixture() {
    local from=$1 name=$2 dir="$WORK/fixtures/$2"
    rm -rf "$dir"
    mkdir -p "$dir/src"
    sed -e "s|^name = \".*\"|name = \"$name\"|" \
        -e "s|path = \"../../../authcode-runtime\"|path = \"$ROOT/authcode-runtime\"|" \
        "$ROOT/benches/compile/$from/Cargo.toml" >"$dir/Cargo.toml"
    cp "$ROOT/Cargo.lock" "$dir/Cargo.lock"
    FIXTURES+=("$name")
}

# The cost of depending on authcode-runtime at all, without the derive: a crate that only
# names one of its types (rustc then loads the metadata of the runtime and its dependencies).
copy_fixture authcode-fixture authcode-fixture-runtime-only
cat >"$WORK/fixtures/authcode-fixture-runtime-only/src/lib.rs" <<'RUST'
//! Depends on authcode-runtime without using the derive.
pub use authcode_runtime::ScopeSet;
RUST

for size in $SIZES; do
    copy_fixture authcode-fixture "authcode-fixture-$size"
    copy_fixture strum-fixture "strum-fixture-$size"
    if [[ $size == 15 ]]; then
        sed "s|\"../../../spec/alipay-plus.json\"|\"$ROOT/spec/alipay-plus.json\"|" \
            "$ROOT/benches/compile/authcode-fixture/src/lib.rs" \
            >"$WORK/fixtures/authcode-fixture-$size/src/lib.rs"
        cp "$ROOT/benches/compile/strum-fixture/src/lib.rs" "$WORK/fixtures/strum-fixture-$size/src/lib.rs"
    else
        spec="$WORK/generated-$size.json"
        gen spec "$size" >"$spec"
        cat >"$WORK/fixtures/authcode-fixture-$size/src/lib.rs" <<RUST
//! $size generated scopes through the derive.

/// The generated wallet.
#[derive(authcode_runtime::AuthScopes)]
#[auth_scopes(spec = "$spec")]
pub struct Generated;
RUST
        {
            echo "//! $size generated scopes written by hand."
            echo "#![allow(deprecated)]"
            gen strum-enum "$size" GeneratedScope
        } >"$WORK/fixtures/strum-fixture-$size/src/lib.rs"
    fi
done

export CARGO_TARGET_DIR="$WORK/target"
export RUSTC_WRAPPER="$ROOT/scripts/bench-compile-rustc.sh"
export BENCH_COMPILE_LOG="$WORK/rustc.log"
cargo_run() {
    cargo "$MODE" --quiet --manifest-path "$WORK/fixtures/$1/Cargo.toml"
}

echo "building dependencies once ($MODE)..." >&2
for fixture in "${FIXTURES[@]}"; do
    cargo_run "$fixture"
done

: >"$BENCH_COMPILE_LOG"
: >"$WORK/cargo.log"
for ((run = 1; run <= RUNS; run++)); do
    echo "round $run/$RUNS" >&2
    for fixture in "${FIXTURES[@]}"; do
        touch "$WORK/fixtures/$fixture/src/lib.rs"
        start=$(date +%s%N)
        cargo_run "$fixture"
        end=$(date +%s%N)
        echo "${fixture//-/_} $(((end - start) / 1000000))" >>"$WORK/cargo.log"
    done
done

median() { # median of the times logged for crate $2 in file $1
    awk -v crate="$2" '$1 == crate { print $2 }' "$1" | sort -n |
        awk '{ v[NR] = $1 } END { if (NR == 0) print "NaN"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

echo
echo "cargo $MODE of the fixture crate alone, median of $RUNS rebuilds (ms)"
printf '%-7s %14s %14s %9s %14s %14s %9s\n' scopes "authcode rustc" "strum rustc" ratio "authcode cargo" "strum cargo" ratio
declare -A AUTHCODE
for size in $SIZES; do
    a=$(median "$BENCH_COMPILE_LOG" "authcode_fixture_$size")
    s=$(median "$BENCH_COMPILE_LOG" "strum_fixture_$size")
    ac=$(median "$WORK/cargo.log" "authcode_fixture_$size")
    sc=$(median "$WORK/cargo.log" "strum_fixture_$size")
    AUTHCODE[$size]=$a
    printf '%-7s %14s %14s %9s %14s %14s %9s\n' "$size" "$a" "$s" "$(ratio "$a" "$s")" "$ac" "$sc" "$(ratio "$ac" "$sc")"
done

base=$(median "$BENCH_COMPILE_LOG" authcode_fixture_runtime_only)
base_cargo=$(median "$WORK/cargo.log" authcode_fixture_runtime_only)
printf '%-7s %14s %14s %9s %14s\n' "none" "$base" "" "" "$base_cargo"
echo "(none: a crate that only names authcode_runtime::ScopeSet, without the derive)"

echo
echo "growth of the authcode fixture's rustc time with the number of scopes"
previous=""
for size in $SIZES; do
    if [[ -n $previous ]]; then
        echo "  $previous -> $size scopes ($(ratio "$size" "$previous")x): time x$(ratio "${AUTHCODE[$size]}" "${AUTHCODE[$previous]}")"
    fi
    previous=$size
done
