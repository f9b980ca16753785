#!/usr/bin/env bash
# Compile time of #[derive(AuthScopes)] against the same scopes written by hand with strum,
# serde and serde_json (benches/compile/*-fixture), each fixture also reading one
# `my.getAuthCode` callback, for the Alipay+ spec and for generated specs of 100 and 1,000
# scopes. See BENCHMARKS.md.
#
#   scripts/bench-compile.sh                       # RUNS=11 rebuilds, `cargo build` and `cargo check`
#   RUNS=21 MODES=check SIZES="15 1000" scripts/bench-compile.sh
#   FEATURES=flow scripts/bench-compile.sh     # authcode-runtime with its `flow` feature
#
# Both fixtures take every dependency from a registry, as a user's crate does: the authcode
# crates are packaged (`cargo package`, as they would be published) and, with the crates.io
# crates they need (`cargo vendor`), laid out as a directory source that replaces crates.io in
# a `.cargo/config.toml` of the fixtures' directory. So cargo treats authcode-runtime as it
# treats strum, not as a path dependency whose files it checks one by one.
#
# Dependencies are built once; then each round touches every fixture's src/lib.rs in turn and
# rebuilds that crate alone (the fixtures are interleaved, so that a change in machine load hits
# all of them alike). It prints the median time of rustc on the fixture crate (timed by
# scripts/bench-compile-rustc.sh) and of the whole cargo command, and the ratios. Only bash,
# coreutils, sha256sum, tar and cargo are needed.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/bench-compile-lib.sh
source "$ROOT/scripts/bench-compile-lib.sh"
RUNS=${RUNS:-11}
MODES=${MODES:-build check}
SIZES=${SIZES:-15 100 1000}
# Features of authcode-runtime for the authcode fixtures, comma-separated (`flow`: the in-process
# authorization server, which a crate that only reads callbacks does not need); none by default.
FEATURES=${FEATURES:-}
FEATURE_LIST=$(echo "$FEATURES" | sed -E 's/([^,]+)/"\1"/g')
WORK=${BENCH_COMPILE_DIR:-${CARGO_TARGET_DIR:-$ROOT/target}/bench-compile}
# The authcode crates authcode-runtime depends on (the optional ones too: a package names them
# all, though a crate with default features builds none of them).
PACKAGES=(authcode-names authcode-spec authcode-codegen authcode-macros authcode-wire authcode-signing
    authcode-core authcode-client authcode-server authcode-store-conformance authcode-redis
    authcode-runtime)

for mode in $MODES; do
    case "$mode" in
    build | check) ;;
    *)
        echo "MODES must list build and/or check" >&2
        exit 2
        ;;
    esac
done

echo "start: $(machine_state)" >&2
echo "authcode-runtime features: ${FEATURES:-(default)}"
rm -rf "$WORK/package" "$WORK/unpacked" "$WORK/registry" "$WORK/vendoring" "$WORK/fixtures"
mkdir -p "$WORK/unpacked" "$WORK/vendoring" "$WORK/fixtures"

echo "packaging ${PACKAGES[*]}..." >&2
CARGO_TARGET_DIR="$WORK/package" cargo package --quiet --manifest-path "$ROOT/Cargo.toml" \
    --no-verify --allow-dirty "${PACKAGES[@]/#/--package=}"
for crate in "$WORK"/package/package/*.crate; do
    tar -xzf "$crate" -C "$WORK/unpacked"
done
VERSION=$(sed -n '/^version = /{s/^version = "\(.*\)"$/\1/p;q}' "$WORK"/unpacked/authcode-runtime-*/Cargo.toml)

# The crates.io crates of both fixtures, vendored at the versions of the workspace's lock file:
# a manifest that depends on what the fixtures depend on, the authcode crates patched to their
# unpacked packages (which `cargo vendor` leaves out, as it does every path dependency).
{
    echo '[package]'
    echo 'name = "bench-compile-vendoring"'
    echo 'version = "0.0.0"'
    echo 'edition = "2024"'
    echo 'publish = false'
    echo '[lib]'
    echo 'path = "lib.rs"'
    echo '[dependencies]'
    # With every feature the fixtures may ask for, so that each of their builds finds its crates.
    echo "authcode-runtime = { version = \"=$VERSION\", features = [\"flow\"] }"
    sed -n '/^\[dependencies\]/,/^$/{/^\[/d;/^$/d;p}' "$ROOT/benches/compile/strum-fixture/Cargo.toml"
    echo '[patch.crates-io]'
    for package in "${PACKAGES[@]}"; do
        echo "$package = { path = \"$WORK/unpacked/$package-$VERSION\" }"
    done
    echo '[workspace]'
} >"$WORK/vendoring/Cargo.toml"
: >"$WORK/vendoring/lib.rs"
cp "$ROOT/Cargo.lock" "$WORK/vendoring/Cargo.lock"
echo "vendoring their crates.io dependencies..." >&2
cargo vendor --quiet --versioned-dirs --manifest-path "$WORK/vendoring/Cargo.toml" \
    "$WORK/registry" >/dev/null
# The packaged crates join them, each with the checksum file a directory source requires (no
# per-file checksums: nothing was vendored from elsewhere that could be checked).
for package in "${PACKAGES[@]}"; do
    cp -r "$WORK/unpacked/$package-$VERSION" "$WORK/registry/"
    sum=$(sha256sum "$WORK/package/package/$package-$VERSION.crate" | cut -d' ' -f1)
    echo "{\"files\":{},\"package\":\"$sum\"}" >"$WORK/registry/$package-$VERSION/.cargo-checksum.json"
done
mkdir -p "$WORK/fixtures/.cargo"
cat >"$WORK/fixtures/.cargo/config.toml" <<TOML
# Every crate comes from the directory source written by scripts/bench-compile.sh.
[source.crates-io]
replace-with = "bench-registry"

[source.bench-registry]
directory = "$WORK/registry"
TOML
cp "$ROOT/rust-toolchain.toml" "$WORK/fixtures/"

FIXTURES=()
# A copy of a committed fixture under $WORK, renamed to NAME, depending on authcode-runtime by
# version (from the registry above) instead of by path.
copy_fixture() {
    local from=$1 name=$2 dir="$WORK/fixtures/$2"
    mkdir -p "$dir/src"
    sed -e "s|^name = \".*\"|name = \"$name\"|" \
        -e "s|^authcode-runtime = { path = \"../../../authcode-runtime\" }|authcode-runtime = { version = \"=$VERSION\", features = [$FEATURE_LIST] }|" \
        "$ROOT/benches/compile/$from/Cargo.toml" >"$dir/Cargo.toml"
    cp "$ROOT/benches/compile/$from/src/callback.rs" "$dir/src/"
    FIXTURES+=("$name")
}

# The cost of depending on authcode-runtime at all, without the derive: a crate that only
# names one of its types (rustc then loads the metadata of the runtime and its dependencies).
copy_fixture authcode-fixture authcode-fixture-runtime-only
rm "$WORK/fixtures/authcode-fixture-runtime-only/src/callback.rs"
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
//! $size generated scopes through the derive, and the callback read with them.

mod callback;

pub use callback::granted;

/// The generated wallet.
#[derive(authcode_runtime::AuthScopes)]
#[auth_scopes(spec = "$spec")]
pub struct Generated;

/// The scope type \`callback.rs\` reads.
type Scope = GeneratedScope;
RUST
        {
            echo "//! $size generated scopes written by hand, and the callback read with them."
            echo "#![allow(deprecated)]"
            echo "mod callback;"
            echo "pub use callback::{AuthCodeResponse, granted};"
            echo "/// The scope type \`callback.rs\` reads."
            echo "type Scope = GeneratedScope;"
            gen strum-enum "$size" GeneratedScope
        } >"$WORK/fixtures/strum-fixture-$size/src/lib.rs"
    fi
done

export CARGO_TARGET_DIR="$WORK/target"
export RUSTC_WRAPPER="$ROOT/scripts/bench-compile-rustc.sh"
cargo_run() { # cargo_run MODE FIXTURE; from the fixture's directory, where the config applies
    (cd "$WORK/fixtures/$2" && cargo "$1" --quiet --offline)
}

timed_rounds "${FIXTURES[@]}"
for mode in $MODES; do
    rustc_log="$WORK/rustc-$mode.log" cargo_log="$WORK/cargo-$mode.log"
    echo
    echo "cargo $mode of the fixture crate alone, median of $RUNS rebuilds (ms)"
    printf '%-7s %14s %14s %9s %14s %14s %9s\n' scopes "authcode rustc" "strum rustc" ratio "authcode cargo" "strum cargo" ratio
    declare -A AUTHCODE=()
    for size in $SIZES; do
        a=$(median "$rustc_log" "authcode_fixture_$size")
        s=$(median "$rustc_log" "strum_fixture_$size")
        ac=$(median "$cargo_log" "authcode_fixture_$size")
        sc=$(median "$cargo_log" "strum_fixture_$size")
        AUTHCODE[$size]=$a
        printf '%-7s %14s %14s %9s %14s %14s %9s\n' "$size" "$a" "$s" "$(ratio "$a" "$s")" "$ac" "$sc" "$(ratio "$ac" "$sc")"
    done
    base=$(median "$rustc_log" authcode_fixture_runtime_only)
    base_cargo=$(median "$cargo_log" authcode_fixture_runtime_only)
    printf '%-7s %14s %14s %9s %14s\n' "none" "$base" "" "" "$base_cargo"
    echo "(none: a crate that only names authcode_runtime::ScopeSet, without the derive)"
    echo "growth of the authcode fixture's rustc time with the number of scopes:"
    previous=""
    for size in $SIZES; do
        if [[ -n $previous ]]; then
            echo "  $previous -> $size scopes ($(ratio "$size" "$previous")x): time x$(ratio "${AUTHCODE[$size]}" "${AUTHCODE[$previous]}")"
        fi
        previous=$size
    done
done
