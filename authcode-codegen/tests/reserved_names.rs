//! Every associated item the expansion gives the scope enum is a reserved variant name, so no
//! spec can make a variant that clashes with one (or is shadowed by it): the list the spec
//! reader refuses is checked against what the generator really writes.

use proc_macro2::{Delimiter, TokenStream, TokenTree};

/// The expansion of a shipped wallet's derive.
fn expansion() -> TokenStream {
    authcode_codegen::rust::derive(quote::quote! {
        #[auth_scopes(wallet = "alipay-plus")]
        pub struct AlipayPlus;
    })
}

/// The `impl` blocks of the expansion (at any depth) whose self type is `ty`: the trait they
/// implement, if any (its last path segment), and the names of their items.
fn impls_of(tokens: TokenStream, ty: &str, found: &mut Vec<(Option<String>, Vec<String>)>) {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut index = 0;
    while index < trees.len() {
        if matches!(&trees[index], TokenTree::Ident(ident) if ident == "impl") {
            // The header runs to the first brace group: `impl<...> Path for Ty { ... }`.
            let start = index + 1;
            let Some(body) = (start..trees.len()).find(|&at| {
                matches!(&trees[at], TokenTree::Group(g) if g.delimiter() == Delimiter::Brace)
            }) else {
                break;
            };
            // Identifiers of the header, lifetimes (`'de`) left out.
            let header: Vec<String> = trees[start..body]
                .iter()
                .enumerate()
                .filter_map(|(at, tree)| match tree {
                    TokenTree::Ident(ident)
                        if !matches!(trees.get(start + at - 1), Some(TokenTree::Punct(p)) if p.as_char() == '\'') =>
                    {
                        Some(ident.to_string())
                    }
                    _ => None,
                })
                .collect();
            if header.last().map(String::as_str) == Some(ty) {
                let trait_name = header
                    .iter()
                    .position(|word| word == "for")
                    .and_then(|at| header[..at].last().cloned());
                let TokenTree::Group(group) = &trees[body] else {
                    unreachable!()
                };
                found.push((trait_name, item_names(group.stream())));
            }
            index = body + 1;
            continue;
        }
        if let TokenTree::Group(group) = &trees[index] {
            impls_of(group.stream(), ty, found);
        }
        index += 1;
    }
}

/// The names after `fn`, `const` and `type` at the top level of an impl block.
fn item_names(body: TokenStream) -> Vec<String> {
    let trees: Vec<TokenTree> = body.into_iter().collect();
    trees
        .windows(2)
        .filter_map(|pair| match pair {
            [TokenTree::Ident(keyword), TokenTree::Ident(name)]
                if (keyword == "fn" || keyword == "const" || keyword == "type") && name != "fn" =>
            {
                Some(name.to_string())
            }
            _ => None,
        })
        .collect()
}

/// The traits named in the `#[derive(...)]` attributes of `enum ty`.
fn derived_traits(tokens: TokenStream, ty: &str, found: &mut Vec<String>) {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let enum_at = trees.windows(2).position(|pair| {
        matches!(pair, [TokenTree::Ident(keyword), TokenTree::Ident(name)]
            if keyword == "enum" && name == ty)
    });
    let Some(enum_at) = enum_at else {
        for tree in &trees {
            if let TokenTree::Group(group) = tree {
                derived_traits(group.stream(), ty, found);
            }
        }
        return;
    };
    // Back from `enum` over its attributes, to the end of the item before it.
    for tree in trees[..enum_at].iter().rev() {
        match tree {
            TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => break,
            TokenTree::Punct(punct) if punct.as_char() == ';' => break,
            TokenTree::Group(group) if group.delimiter() == Delimiter::Bracket => {
                let attr: Vec<TokenTree> = group.stream().into_iter().collect();
                let [TokenTree::Ident(name), TokenTree::Group(list)] = attr.as_slice() else {
                    continue;
                };
                if name != "derive" {
                    continue;
                }
                let paths: Vec<TokenTree> = list.stream().into_iter().collect();
                for (at, tree) in paths.iter().enumerate() {
                    let ends_a_path = paths.get(at + 1).is_none_or(
                        |next| matches!(next, TokenTree::Punct(p) if p.as_char() == ','),
                    );
                    if let (TokenTree::Ident(ident), true) = (tree, ends_a_path) {
                        found.push(ident.to_string());
                    }
                }
            }
            _ => {}
        }
    }
}

#[test]
fn every_item_of_the_scope_enum_is_a_reserved_variant_name() {
    let mut impls = Vec::new();
    impls_of(expansion(), "AlipayPlusScope", &mut impls);
    let names: Vec<&String> = impls.iter().flat_map(|(_, names)| names).collect();
    assert!(names.len() > 15, "the walk found too little: {impls:?}");
    for name in names {
        // FromStr's error type: reached only as `<S as FromStr>::Err`, and `ERR` is a
        // plausible scope name, so a variant `Err` is allowed (the expansion names its own by
        // full path).
        if name == "Err" {
            continue;
        }
        assert!(
            authcode_spec::RESERVED_VARIANTS.contains(&name.as_str()),
            "the expansion gives the scope enum `{name}`, which a spec may use as a variant \
             name: add it to RESERVED_VARIANTS"
        );
    }
}

#[test]
fn every_trait_the_scope_enum_gets_has_its_items_reserved() {
    // The traits whose items RESERVED_VARIANTS covers; a new one must have its items added.
    const COVERED: &[&str] = &[
        "Scope",
        "Debug",
        "Display",
        "FromStr",
        "Serialize",
        "Deserialize",
        "Clone",
        "Copy",
        "PartialEq",
        "Eq",
        "PartialOrd",
        "Ord",
        "Hash",
    ];
    let mut impls = Vec::new();
    impls_of(expansion(), "AlipayPlusScope", &mut impls);
    let mut traits: Vec<String> = impls.into_iter().filter_map(|(name, _)| name).collect();
    derived_traits(expansion(), "AlipayPlusScope", &mut traits);
    assert!(traits.iter().any(|name| name == "Hash"), "{traits:?}");
    for name in &traits {
        assert!(
            COVERED.contains(&name.as_str()),
            "the scope enum implements `{name}`: reserve its items in RESERVED_VARIANTS"
        );
    }
}

#[test]
fn a_spec_naming_a_reserved_item_is_refused_at_the_rust_name() {
    for name in authcode_spec::RESERVED_VARIANTS {
        let spec = format!(
            r#"{{"spec_version": 1, "scopes": [{{"name": "A_B", "authorization": "silent",
                "description": "x", "rust_name": "{name}"}}]}}"#
        );
        let errors = authcode_spec::parse(&spec).expect_err(name);
        assert!(
            errors.iter().any(|err| err.message.contains("is reserved")
                && err.message.contains(name)
                && err.location.is_some()),
            "{name}: {errors:?}"
        );
    }
}
