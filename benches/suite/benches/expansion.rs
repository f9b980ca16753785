//! Time spent inside `#[derive(AuthScopes)]`, measured outside the compiler.
//!
//! A proc-macro crate cannot be linked into a bench, so the derive is a thin shell over
//! `authcode-codegen`, which the bench calls with the tokens the compiler would hand over. What
//! it times is attribute parsing, reading and validating the spec file, and writing the token
//! stream; the compiler's own work on the expanded code is measured by
//! `scripts/bench-compile.sh`.
//!
//! Run with `cargo bench -p authcode-benches --bench expansion`.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use proc_macro2::TokenStream;

/// The Alipay+ spec and the generated specs the other benches also use (written by build.rs), by
/// scope count.
fn specs() -> [(usize, PathBuf); 3] {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let generated = PathBuf::from(env!("OUT_DIR"));
    [
        (15, manifest.join("spec/alipay-plus.json")),
        (100, generated.join("generated-100.json")),
        (1000, generated.join("generated-1000.json")),
    ]
}

/// The item as the compiler passes it to the derive. The spec path is absolute, so it does not
/// depend on the directory the bench runs in (the derive joins it onto `CARGO_MANIFEST_DIR`,
/// and joining an absolute path replaces the base).
fn derive_input(spec: &std::path::Path) -> TokenStream {
    let spec = spec.to_str().expect("the workspace path is UTF-8");
    quote::quote! {
        #[auth_scopes(spec = #spec)]
        pub struct AlipayPlus;
    }
}

fn expansion(c: &mut Criterion) {
    let mut group = c.benchmark_group("derive_expansion");
    group.measurement_time(Duration::from_secs(4));
    for (scopes, path) in specs() {
        let input = derive_input(&path);
        // A bench of the error path would be meaningless: check the spec expands cleanly.
        let expanded = authcode_codegen::rust::derive(input.clone()).to_string();
        assert!(
            !expanded.contains("compile_error"),
            "{} does not expand cleanly: {expanded:.400}",
            path.display()
        );
        eprintln!(
            "derive_expansion/{scopes}: {} bytes of expanded code",
            expanded.len()
        );
        group.throughput(Throughput::Elements(scopes as u64));
        group.bench_with_input(BenchmarkId::from_parameter(scopes), &input, |b, input| {
            b.iter(|| authcode_codegen::rust::derive(black_box(input.clone())));
        });
    }
    group.finish();
}

criterion_group!(benches, expansion);
criterion_main!(benches);
