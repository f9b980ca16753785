#!/usr/bin/env bash
# Proves that what a user installs works: every publishable crate is packaged and verified
# (`cargo package` builds each from its .crate file), then the packages are
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
# The publishable members: `cargo package --workspace` would also package the ones marked
# `publish = false` (the tests and benches), which are never installed.
mapfile -t PUBLISHABLE < <(cargo metadata --no-deps --format-version 1 --locked | python3 -c '
import json, sys
for package in json.load(sys.stdin)["packages"]:
    if package["publish"] != []:
        print(package["name"])
')
echo "== cargo package (verified): ${PUBLISHABLE[*]}" >&2
rm -f "$TARGET"/package/*.crate
# ALLOW_DIRTY=1 packages a checkout with uncommitted changes (CI runs on a clean clone).
cargo package --locked ${ALLOW_DIRTY:+--allow-dirty} "${PUBLISHABLE[@]/#/--package=}"

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
    # A proc-macro crate has no doctests to run, and the binaries have no library.
    authcode-macros | authcode-cli | authcode-wallet) continue ;;
    esac
    cargo test --doc -p "$name" --all-features
done
# The default features leave the flow out: the doctests must pass without it too.
cargo test --doc -p authcode-runtime
cargo test --doc -p authcode-core
echo "== the runtime's examples (the flow in process, the wallet server and the client)" >&2
for example in "$WORK"/crates/authcode-runtime-*/examples/*.rs; do
    cargo run -q -p authcode-runtime --features flow,client,server \
        --example "$(basename "$example" .rs)" >/dev/null
done
echo "== the binaries" >&2
cargo run -q -p authcode-wallet --bin authcode-wallet -- --help >/dev/null
cargo run -q -p authcode-cli --bin authcode -- --help >/dev/null
cargo run -q -p authcode-cli --bin authcode -- check "$WORK"/crates/authcode-spec-*/spec/alipay-plus.json

[[ -n ${KEEP:-} ]] || rm -rf "$WORK"
echo "packages ok" >&2
