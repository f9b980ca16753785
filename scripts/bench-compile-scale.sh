#!/usr/bin/env bash
# How compile time and compiler memory grow with the size of the spec: a consumer crate that
# derives one generated spec of N scopes (1,000 to 20,000 by default), rebuilt alone with its
# dependencies already built, in `cargo build --release` and in `cargo check`. See
# BENCHMARKS.md.
#
#   scripts/bench-compile-scale.sh                          # RUNS=3, SIZES="1000 5000 10000 20000"
#   RUNS=5 SIZES="1000 10000" MODES=build scripts/bench-compile-scale.sh
#
# Each fixture is `#[derive(AuthScopes)] #[auth_scopes(spec = "generated-N.json")] pub struct
# Generated;` and nothing else, depending on authcode-runtime by path (the dependencies are built
# once, before the timed rounds, so how they are found does not matter here). Each round
# touches every fixture's src/lib.rs in turn and rebuilds it (interleaved, so that a change in
# machine load hits every size alike). The rustc process that compiles the fixture is run under
# `/usr/bin/time -v` (by scripts/bench-compile-rustc.sh): its wall time and its peak resident
# memory, which includes the derive, since proc macros run inside rustc. The table gives the
# medians, and the time of each size against the smallest one's.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/bench-compile-lib.sh
source "$ROOT/scripts/bench-compile-lib.sh"
RUNS=${RUNS:-3}
MODES=${MODES:-build check}
SIZES=${SIZES:-1000 5000 10000 20000}
WORK=${BENCH_COMPILE_DIR:-${CARGO_TARGET_DIR:-$ROOT/target}/bench-compile-scale}

echo "start: $(machine_state)" >&2
mkdir -p "$WORK/fixtures"
for size in $SIZES; do
    dir="$WORK/fixtures/scale-fixture-$size"
    mkdir -p "$dir/src"
    gen spec "$size" >"$WORK/generated-$size.json"
    cat >"$dir/Cargo.toml" <<TOML
[package]
name = "scale-fixture-$size"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
authcode-runtime = { path = "$ROOT/authcode-runtime" }

[workspace]
TOML
    cat >"$dir/src/lib.rs" <<RUST
//! $size generated scopes through the derive.

/// The generated wallet.
#[derive(authcode_runtime::AuthScopes)]
#[auth_scopes(spec = "$WORK/generated-$size.json")]
pub struct Generated;
RUST
done
cp "$ROOT/rust-toolchain.toml" "$WORK/fixtures/"

export CARGO_TARGET_DIR="$WORK/target"
export RUSTC_WRAPPER="$ROOT/scripts/bench-compile-rustc.sh"
export BENCH_COMPILE_RSS=1
cargo_run() { # cargo_run MODE FIXTURE; `cargo build` in release mode
    local args=("$1" --quiet)
    [[ $1 == build ]] && args+=(--release)
    (cd "$WORK/fixtures/$2" && cargo "${args[@]}")
}

FIXTURES=()
for size in $SIZES; do FIXTURES+=("scale-fixture-$size"); done
timed_rounds "${FIXTURES[@]}"
for mode in $MODES; do
    label="cargo $mode"
    [[ $mode == build ]] && label="cargo build --release"
    echo
    echo "$label: rustc on the fixture crate, median of $RUNS rebuilds"
    printf '%-7s %10s %15s %14s %12s\n' scopes "rustc (ms)" "peak RSS (MiB)" "time vs $(echo "$SIZES" | cut -d' ' -f1)" "cargo (ms)"
    first=""
    for size in $SIZES; do
        wall=$(median "$WORK/rustc-$mode.log" "scale_fixture_$size")
        rss=$(median "$WORK/rustc-$mode.log" "scale_fixture_$size" 3)
        [[ -n $first ]] || first=$wall
        whole=$(median "$WORK/cargo-$mode.log" "scale_fixture_$size")
        printf '%-7s %10s %15s %14s %12s\n' "$size" "$wall" "$(awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }')" "$(ratio "$wall" "$first")" "$whole"
    done
done
