//! Writes the generated inputs of the benchmarks into `OUT_DIR` (none is committed): the specs
//! of 32 to 10,000 generated scopes, for each an item deriving its scopes (the derive takes its
//! spec path as a literal, so the benches `include!` the item rather than name the path), and
//! the 1,000 scopes written by hand with strum, the baseline of `scope_parse`.

mod fixtures;

use std::path::{Path, PathBuf};

/// The spec sizes the benches use.
const SIZES: [usize; 6] = [32, 64, 100, 256, 1000, 10_000];

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=fixtures.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for count in SIZES {
        let spec = out.join(format!("generated-{count}.json"));
        write(&spec, &fixtures::spec(count));
        let spec = spec.to_str().expect("OUT_DIR is UTF-8");
        let item = fixtures::derive_item(
            &format!("Generated{count}"),
            &format!(" A wallet of {count} generated scopes (`fixtures::spec({count})`)."),
            spec,
        );
        write(&out.join(format!("generated_{count}.rs")), &item);
    }
    write(
        &out.join("strum_1000.rs"),
        &fixtures::strum_enum(1000, "Strum1000Scope"),
    );
}

/// Writes `text` to `path` unless it is there already, so that the benches' spec files keep
/// their modification times (the derive tracks them) when nothing changed.
fn write(path: &Path, text: &str) {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return;
    }
    std::fs::write(path, text)
        .unwrap_or_else(|err| panic!("cannot write {}: {err}", path.display()));
}
