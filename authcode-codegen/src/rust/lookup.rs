//! The body of the generated `from_wire_name`: a decision tree over the bytes of the name for
//! small specs, a perfect hash table for large ones.
//!
//! A `match` on string literals compiles to one string comparison per arm, tried in order, so a
//! lookup's cost grows with the spec: a miss in a 1,000-scope spec compared 1,000+ strings and
//! ran 20x slower than a `HashMap`. The tree switches on the length first, then on the byte
//! position that best tells the remaining names apart, until one candidate is left, which is
//! compared whole. Each switch is a jump table, so a lookup costs a few branches and one
//! comparison, with no hashing and no allocation, and the expansion stays linear in the number
//! of names.
//!
//! On large specs the tree's jumps go a different way for almost every name in a row, and the
//! branch mispredictions cost more than hashing: past [`TABLE_FROM_NAMES`] names the lookup is
//! `authcode_names::table` instead, whose cost does not depend on the previous name.

use std::collections::BTreeMap;

use authcode_names::table::NameTableData;
use proc_macro2::{Literal, TokenStream};
use quote::quote;
use syn::Ident;

/// A name the lookup accepts (a wire name or an alias) and the variant it yields.
pub(crate) struct WireName<'a> {
    pub name: &'a str,
    pub variant: &'a Ident,
    /// The variant's position in the spec (and in the generated `ALL_SCOPES`).
    pub position: usize,
}

/// From this many names (wire names and aliases) on, the lookup is a perfect hash table. Chosen
/// by measurement (`cargo bench -p authcode-runtime --bench scope_parse`, BENCHMARKS.md).
pub(crate) const TABLE_FROM_NAMES: usize = 128;

/// `from_wire_name`'s body over `name: &str`. The spec reader has rejected duplicate names, so
/// every name reaches its own leaf. `private` is the path of the runtime's module for generated
/// code.
pub(crate) fn lookup(names: &[WireName<'_>], private: &TokenStream) -> TokenStream {
    if names.is_empty() {
        return quote! {
            let _ = name;
            ::core::option::Option::None
        };
    }
    if names.len() >= TABLE_FROM_NAMES
        && let Some(table) = table(names, private)
    {
        return table;
    }
    decision_tree(names)
}

/// The lookup through a perfect hash table: `static` data and one call, whose slot gives the
/// scope's position in `ALL_SCOPES` (a table of variants, not a second list of them: every
/// variant the code names costs the compiler a search of the enum's variants, so a
/// 10,000-scope enum named 20,000 times was quadratic). `None` if the builder finds no table
/// (it always has for distinct names; the tree is the fallback regardless).
fn table(names: &[WireName<'_>], private: &TokenStream) -> Option<TokenStream> {
    let strings: Vec<&str> = names.iter().map(|wire| wire.name).collect();
    let NameTableData {
        seed,
        bucket_shift,
        pilots,
        slots,
    } = NameTableData::build(&strings)?;
    let positions = names
        .iter()
        .map(|wire| u16::try_from(wire.position).ok())
        .collect::<Option<Vec<u16>>>()?;
    let count = names.len();
    let pilot_count = pilots.len();
    let slot_count = slots.len();
    Some(quote! {
        static POSITIONS: [u16; #count] = [#(#positions),*];
        static PILOTS: [u16; #pilot_count] = [#(#pilots),*];
        static SLOTS: [u16; #slot_count] = [#(#slots),*];
        static TABLE: #private::NameTable<'static> = #private::NameTable {
            seed: #seed,
            bucket_shift: #bucket_shift,
            pilots: &PILOTS,
            slots: &SLOTS,
            names: &NAMES,
        };
        match TABLE.find(name) {
            ::core::option::Option::Some(slot) => POSITIONS
                .get(slot)
                .and_then(|&position| ALL_SCOPES.get(usize::from(position)))
                .copied(),
            ::core::option::Option::None => ::core::option::Option::None,
        }
    })
}

/// The lookup as a decision tree: a `match` on the length, then on telling bytes.
fn decision_tree(names: &[WireName<'_>]) -> TokenStream {
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
            .fold(miss, |otherwise, WireName { name, variant, .. }| {
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
            .map(|&name| WireName {
                name,
                variant,
                position: 0,
            })
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
