//! Golden files of the generated code for every shipped wallet: the derive's expansion (as
//! rustfmt lays it out) and the TypeScript module, in `tests/snapshots/`. A change to the
//! generators shows as a diff of these files; after an intended one, rewrite them with
//! `INSTA_UPDATE=always cargo test -p authcode-codegen --test golden` and review the diff.

use std::io::Write as _;
use std::process::{Command, Stdio};

use heck::ToUpperCamelCase;

/// `code` laid out by rustfmt, as `cargo expand` shows an expansion.
fn formatted(code: &str) -> String {
    let mut rustfmt = Command::new("rustfmt")
        .args(["--edition", "2024", "--emit", "stdout"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("rustfmt (a component of the pinned toolchain) runs");
    rustfmt
        .stdin
        .take()
        .unwrap()
        .write_all(code.as_bytes())
        .unwrap();
    let output = rustfmt.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "rustfmt refused the expansion: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_derive_expansion_of_every_shipped_wallet() {
    for wallet in authcode_spec::wallets::SHIPPED {
        let ident = syn::Ident::new(
            &wallet.name.to_upper_camel_case(),
            proc_macro2::Span::call_site(),
        );
        let name = wallet.name;
        let expansion = authcode_codegen::rust::derive(quote::quote! {
            #[auth_scopes(wallet = #name)]
            pub struct #ident;
        });
        insta::assert_snapshot!(format!("rust-{name}"), formatted(&expansion.to_string()));
    }
}

#[test]
fn the_typescript_module_of_every_shipped_wallet() {
    for wallet in authcode_spec::wallets::SHIPPED {
        let module = authcode_codegen::typescript::module(
            &wallet.spec(),
            &wallet.name.to_upper_camel_case(),
            wallet.path,
        )
        .unwrap();
        insta::assert_snapshot!(format!("ts-{}", wallet.name), module);
    }
}
