#!/usr/bin/env bash
# Proves that what a user installs works: every publishable crate is packaged and verified
# (`cargo package --workspace` builds each from its .crate file), then the packages are
# unpacked into a workspace of their own, outside this checkout, where their doctests run,
# the runtime's examples run, and the binaries build and answer `--help`. Nothing there can
# reach a file of the checkout: a spec or fixture that is not inside its package fails here.
#
#   scripts/check-packages.sh            # what CI runs
#   KEEP=1 scripts/check-packages.sh     # keep the unpacked workspace to look at
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${CHECK_PACKAGES_DIR:-${CARGO_TARGET_DIR:-$ROOT/target}/check-packages}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}

cd "$ROOT"
echo "== cargo package --workspace (verified)" >&2
cargo package --workspace --locked

rm -rf "$WORK"
mkdir -p "$WORK/crates"
for crate in "$TARGET"/package/*.crate; do
    tar -xzf "$crate" -C "$WORK/crates"
done
mapfile -t CRATES < <(find "$WORK/crates" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort)
echo "packaged: ${CRATES[*]}" >&2

# A workspace of the unpacked crates: each depends on the others by version, so the
# `[patch.crates-io]` table points those versions at the unpacked directories.
{
    echo '[workspace]'
    echo 'resolver = "3"'
    printf 'members = ['
    for dir in "${CRATES[@]}"; do printf '"crates/%s", ' "$dir"; done
    echo ']'
    echo
    echo '[patch.crates-io]'
    for dir in "${CRATES[@]}"; do
        echo "${dir%-*} = { path = \"crates/$dir\" }"
    done
} >"$WORK/Cargo.toml"
cp "$ROOT/Cargo.lock" "$WORK/Cargo.lock"
cp "$ROOT/rust-toolchain.toml" "$WORK/"

export CARGO_TARGET_DIR="$WORK/target"
cd "$WORK"
echo "== doctests of every package, from the packages" >&2
for dir in "${CRATES[@]}"; do
    name=${dir%-*}
    case "$name" in
    authcode-macros) continue ;; # a proc-macro crate has no doctests to run
    esac
    cargo test --doc -p "$name" --all-features
done
echo "== the runtime's examples" >&2
for example in "$WORK"/crates/authcode-runtime-*/examples/*.rs; do
    cargo run -q -p authcode-runtime --example "$(basename "$example" .rs)" >/dev/null
done
echo "== the binaries" >&2
cargo run -q -p authcode-wallet --bin authcode-wallet -- --help >/dev/null
cargo run -q -p authcode-cli --bin authcode -- --help >/dev/null
cargo run -q -p authcode-cli --bin authcode -- check "$WORK"/crates/authcode-runtime-*/spec/alipay-plus.json

[[ -n ${KEEP:-} ]] || rm -rf "$WORK"
echo "packages ok" >&2
