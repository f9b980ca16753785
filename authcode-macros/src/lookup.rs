//! The body of the generated `from_wire_name`: a decision tree over the bytes of the name.
//!
//! A `match` on string literals compiles to one string comparison per arm, tried in order, so a
//! lookup's cost grows with the spec: a miss in a 1,000-scope spec compared 1,000+ strings and
//! ran 20x slower than a `HashMap`. The tree switches on the length first, then on the byte
//! position that best tells the remaining names apart, until one candidate is left, which is
//! compared whole. Each switch is a jump table, so a lookup costs a few branches and one
//! comparison whatever the size of the spec, with no hashing and no allocation, and the
//! expansion stays linear in the number of names.

use std::collections::BTreeMap;

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use syn::Ident;

/// A name the lookup accepts (a wire name or an alias) and the variant it yields.
pub(crate) struct WireName<'a> {
    pub name: &'a str,
    pub variant: &'a Ident,
}

/// `from_wire_name`'s body over `name: &str`. The spec reader has rejected duplicate names, so
/// every name reaches its own leaf.
pub(crate) fn lookup(names: &[WireName<'_>]) -> TokenStream {
    if names.is_empty() {
        return quote! {
            let _ = name;
            ::core::option::Option::None
        };
    }
    let mut by_length: BTreeMap<usize, Vec<&WireName<'_>>> = BTreeMap::new();
    for wire in names {
        by_length.entry(wire.name.len()).or_default().push(wire);
    }
    let arms = by_length.iter().map(|(length, group)| {
        let tree = tree(group, *length);
        quote! { #length => #tree, }
    });
    quote! {
        let bytes = name.as_bytes();
        match bytes.len() {
            #(#arms)*
            _ => ::core::option::Option::None,
        }
    }
}

/// Groups this small are compared name by name: the compiler inlines a comparison with a
/// short constant as a few word compares, which is cheaper than one more jump table (an
/// indirect branch the CPU often mispredicts when consecutive names differ).
const COMPARE_IN_TURN: usize = 4;

/// The tree for names of one length.
fn tree(group: &[&WireName<'_>], length: usize) -> TokenStream {
    let split = if group.len() > COMPARE_IN_TURN {
        split_position(group, length)
    } else {
        None
    };
    let Some(position) = split else {
        // A few names left (or, should the reader ever let a duplicate through, names that no
        // byte tells apart): compare in full; the first one wins, as in a `match`.
        let miss = quote! { ::core::option::Option::None };
        return group
            .iter()
            .rev()
            .fold(miss, |otherwise, WireName { name, variant }| {
                quote! {
                    if name == #name {
                        ::core::option::Option::Some(Self::#variant)
                    } else {
                        #otherwise
                    }
                }
            });
    };
    let mut by_byte: BTreeMap<u8, Vec<&WireName<'_>>> = BTreeMap::new();
    for wire in group {
        by_byte
            .entry(wire.name.as_bytes()[position])
            .or_default()
            .push(wire);
    }
    let arms = by_byte.iter().map(|(byte, subgroup)| {
        let byte = Literal::byte_character(*byte);
        let subtree = tree(subgroup, length);
        quote! { ::core::option::Option::Some(#byte) => #subtree, }
    });
    // `get` rather than indexing: the length is already known to be `length`, so the optimiser
    // drops the check, and the code cannot panic even in principle.
    quote! {
        match bytes.get(#position).copied() {
            #(#arms)*
            _ => ::core::option::Option::None,
        }
    }
}

/// The byte position that splits `group` into the most parts (then the most even ones); `None`
/// when the group is down to one name.
fn split_position(group: &[&WireName<'_>], length: usize) -> Option<usize> {
    if group.len() < 2 {
        return None;
    }
    let mut best: Option<(usize, usize, usize)> = None; // (parts, largest part, position)
    for position in 0..length {
        let mut counts = [0usize; 256];
        for wire in group {
            counts[usize::from(wire.name.as_bytes()[position])] += 1;
        }
        let parts = counts.iter().filter(|&&count| count > 0).count();
        let largest = counts.iter().copied().max().unwrap_or(0);
        let better = best.is_none_or(|(best_parts, best_largest, _)| {
            parts > best_parts || (parts == best_parts && largest < best_largest)
        });
        if parts > 1 && better {
            best = Some((parts, largest, position));
        }
    }
    best.map(|(_, _, position)| position)
}

#[cfg(test)]
mod tests {
    use super::{WireName, split_position};

    fn wire_names<'a>(names: &[&'a str], variant: &'a syn::Ident) -> Vec<WireName<'a>> {
        names
            .iter()
            .map(|&name| WireName { name, variant })
            .collect()
    }

    #[test]
    fn splits_on_the_most_telling_byte() {
        let variant = syn::parse_quote!(V);
        let names = wire_names(&["SCOPE_10", "SCOPE_11", "SCOPE_20", "SCOPE_31"], &variant);
        let group: Vec<_> = names.iter().collect();
        // Position 6 has three values (1, 2, 3), position 7 two (0, 1).
        assert_eq!(split_position(&group, 8), Some(6));
        assert_eq!(split_position(&group[..1], 8), None);
    }

    #[test]
    fn identical_names_have_no_split() {
        let variant = syn::parse_quote!(V);
        let names = wire_names(&["SAME", "SAME"], &variant);
        let group: Vec<_> = names.iter().collect();
        assert_eq!(split_position(&group, 4), None);
    }
}
