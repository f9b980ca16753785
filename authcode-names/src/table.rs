//! A perfect hash table from scope names to their positions, built at compile time.
//!
//! The derive's decision tree (`from_wire_name` for small specs) costs a few well-predicted
//! branches on a spec of 15 names, but on a spec of 1,000 names its jumps go a different way for
//! almost every name in a row, and the mispredictions made it slower than a `HashMap`. For large
//! specs the derive builds this table instead: one hash of the name, two small table reads and
//! one string comparison, with no branch that depends on which name came before.
//!
//! The layout is "hash and displace": the hash's high bits pick a bucket of a few names, and each
//! bucket has a *pilot*, found at build time, that moves its names to free slots. Lookups then
//! never probe: a name can only be in one slot, and that slot's name is compared with it.
//!
//! The hash function lives here, in one place, because the table built inside the compiler and
//! the lookup run by the program must agree on it bit for bit.

/// A multiplier with well-spread bits (2^64 divided by the golden ratio, made odd).
const SPREAD: u64 = 0x9E37_79B9_7F4A_7C15;
/// A second odd multiplier, unrelated to the first, for pilots and long names.
const PILOT_SPREAD: u64 = 0xD6E8_FEB8_6659_FD93;
/// The value of an empty slot.
const EMPTY: u16 = u16::MAX;
/// How many global seeds the builder tries before giving up on a set of names.
const SEED_ATTEMPTS: u64 = 64;

/// The high and low halves of a 128-bit product folded together: every output bit depends on
/// every input bit, at the cost of one multiplication.
#[inline(always)]
fn fold_multiply(a: u64, b: u64) -> u64 {
    let product = u128::from(a) * u128::from(b);
    // Truncation is the point: the two halves are folded together.
    #[allow(clippy::cast_possible_truncation)]
    let (low, high) = (product as u64, (product >> 64) as u64);
    low ^ high
}

/// Eight bytes of `bytes` from `at`, little-endian (`0` past the end, which callers never ask).
#[inline(always)]
fn word(bytes: &[u8], at: usize) -> u64 {
    bytes
        .get(at..)
        .and_then(<[u8]>::first_chunk::<8>)
        .map_or(0, |chunk| u64::from_le_bytes(*chunk))
}

/// Four bytes of `bytes` from `at`, little-endian (`0` past the end, which callers never ask).
#[inline(always)]
fn half_word(bytes: &[u8], at: usize) -> u64 {
    bytes
        .get(at..)
        .and_then(<[u8]>::first_chunk::<4>)
        .map_or(0, |chunk| u64::from(u32::from_le_bytes(*chunk)))
}

/// The hash of a name under `seed`.
///
/// Scope names are short (most under 24 bytes), so the hash reads whole words instead of
/// feeding bytes one at a time: a name of up to 16 bytes is its first and last eight bytes
/// (overlapping when shorter), which with the length determine it completely, mixed by a single
/// multiplication. Longer names add one multiplication per further eight bytes.
#[inline]
pub fn hash(name: &[u8], seed: u64) -> u64 {
    let length = name.len();
    let (first, last) = if length >= 8 {
        (word(name, 0), word(name, length - 8))
    } else if length >= 4 {
        (half_word(name, 0), half_word(name, length - 4))
    } else if let (Some(&a), Some(&b), Some(&c)) = (name.first(), name.get(length / 2), name.last())
    {
        // 1 to 3 bytes: these three positions cover every byte.
        (u64::from(a) | u64::from(b) << 8 | u64::from(c) << 16, 0)
    } else {
        (0, 0)
    };
    let mut hash = fold_multiply(first ^ seed, last ^ SPREAD ^ length as u64);
    let mut at = 8;
    while at + 8 < length {
        hash = fold_multiply(hash ^ word(name, at), PILOT_SPREAD);
        at += 8;
    }
    hash
}

/// `a == b`, compared a word at a time in line. Scope names are short, and the call to `memcmp`
/// that `==` on slices makes took half the time of a whole lookup.
#[inline(always)]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let length = a.len();
    if length != b.len() {
        return false;
    }
    if length >= 8 {
        let mut at = 0;
        while at + 8 < length {
            if word(a, at) != word(b, at) {
                return false;
            }
            at += 8;
        }
        // The last word, overlapping the one before when the length is not a multiple of 8.
        word(a, length - 8) == word(b, length - 8)
    } else if length >= 4 {
        half_word(a, 0) == half_word(b, 0) && half_word(a, length - 4) == half_word(b, length - 4)
    } else {
        a.iter().zip(b).all(|(x, y)| x == y)
    }
}

/// The slot of a name with hash `hash` in a bucket with pilot `pilot`, among `mask + 1` slots.
/// The pilot is mixed in before a multiplication, so each pilot sends the names of a bucket to
/// unrelated slots: two names that one pilot puts in the same slot, another separates. (A pilot
/// XOR-ed in after mixing could never separate names whose low bits are equal, and on small
/// tables such pairs are common.)
#[inline(always)]
fn slot_of(hash: u64, pilot: u16, mask: u64) -> u64 {
    fold_multiply(hash ^ u64::from(pilot).wrapping_mul(PILOT_SPREAD), SPREAD) & mask
}

/// A built table, borrowed: the form the derive writes into generated code as `static` data.
///
/// Its fields are public so that generated code can build it in a `static`; they are meant to
/// come from [`NameTableData::build`], and [`NameTable::find`] is correct whatever they hold (a
/// wrong table finds nothing, it never finds a wrong name).
#[derive(Debug, Clone, Copy)]
pub struct NameTable<'a> {
    /// The seed of [`hash`].
    pub seed: u64,
    /// `64 - log2(number of buckets)`: the hash's high bits select the bucket.
    pub bucket_shift: u32,
    /// One pilot per bucket.
    pub pilots: &'a [u16],
    /// For each slot, the position of the name in it in `names`, or `u16::MAX` when empty. The
    /// number of slots is a power of two.
    pub slots: &'a [u16],
    /// The names, in the order positions refer to.
    pub names: &'a [&'a str],
}

impl NameTable<'_> {
    /// The position of `name` in the table's names, or `None`.
    ///
    /// ```
    /// use authcode_names::table::NameTableData;
    ///
    /// let names = ["USER_ID", "USER_NAME", "auth_base"];
    /// let data = NameTableData::build(&names).unwrap();
    /// let table = data.table(&names);
    /// assert_eq!(table.find("USER_NAME"), Some(1));
    /// assert_eq!(table.find("USER_NAM"), None);
    /// ```
    #[inline]
    pub fn find(&self, name: &str) -> Option<usize> {
        let hash = hash(name.as_bytes(), self.seed);
        let bucket = hash.checked_shr(self.bucket_shift).unwrap_or(0);
        let pilot = *self.pilots.get(usize::try_from(bucket).ok()?)?;
        // `slots.len()` is a power of two, so the mask keeps the low bits.
        let mask = self.slots.len().wrapping_sub(1) as u64;
        let slot = usize::try_from(slot_of(hash, pilot, mask)).ok()?;
        let position = usize::from(*self.slots.get(slot)?);
        let candidate = self.names.get(position)?;
        same_bytes(candidate.as_bytes(), name.as_bytes()).then_some(position)
    }
}

/// The tables of a [`NameTable`], owned: what the builder computes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameTableData {
    /// See [`NameTable::seed`].
    pub seed: u64,
    /// See [`NameTable::bucket_shift`].
    pub bucket_shift: u32,
    /// See [`NameTable::pilots`].
    pub pilots: Vec<u16>,
    /// See [`NameTable::slots`].
    pub slots: Vec<u16>,
}

impl NameTableData {
    /// Builds the tables for `names`, which must be distinct.
    ///
    /// Returns `None` when there are no names, more than 65,534 of them, duplicates, or (never
    /// seen in practice) no seed among those tried works. The build is deterministic: the same
    /// names give the same tables, so the derive's output is reproducible.
    pub fn build(names: &[&str]) -> Option<Self> {
        if names.is_empty() || names.len() >= usize::from(EMPTY) {
            return None;
        }
        // About four names per bucket, and slots for at least 1.25 times the names: placing the
        // last buckets stays quick, and the tables stay a few kilobytes for 1,000 names.
        let bucket_count = (names.len() / 4).next_power_of_two().max(2);
        let slot_count = (names.len() + names.len() / 4).next_power_of_two().max(2);
        let bucket_shift = 64 - bucket_count.trailing_zeros();
        (1..=SEED_ATTEMPTS).find_map(|attempt| {
            let seed = fold_multiply(attempt, SPREAD) ^ attempt.wrapping_mul(PILOT_SPREAD);
            place(names, seed, bucket_shift, bucket_count, slot_count)
        })
    }

    /// The table over these tables and `names` (the same names, in the same order, as built).
    pub fn table<'a>(&'a self, names: &'a [&'a str]) -> NameTable<'a> {
        NameTable {
            seed: self.seed,
            bucket_shift: self.bucket_shift,
            pilots: &self.pilots,
            slots: &self.slots,
            names,
        }
    }
}

/// Places every name under one seed: the fullest buckets first, each with the first pilot that
/// sends all its names to distinct free slots. `None` when two names hash alike under this seed
/// (no pilot separates them), or a bucket finds no pilot.
fn place(
    names: &[&str],
    seed: u64,
    bucket_shift: u32,
    bucket_count: usize,
    slot_count: usize,
) -> Option<NameTableData> {
    let mask = slot_count as u64 - 1;
    let mut buckets: Vec<Vec<(u64, u16)>> = vec![Vec::new(); bucket_count];
    for (position, name) in names.iter().enumerate() {
        let hash = hash(name.as_bytes(), seed);
        let bucket = usize::try_from(hash.checked_shr(bucket_shift).unwrap_or(0)).ok()?;
        buckets
            .get_mut(bucket)?
            .push((hash, u16::try_from(position).ok()?));
    }
    let mut order: Vec<usize> = (0..bucket_count).collect();
    order.sort_by_key(|&bucket| std::cmp::Reverse(buckets[bucket].len()));

    let mut slots = vec![EMPTY; slot_count];
    let mut pilots = vec![0u16; bucket_count];
    let mut taken: Vec<usize> = Vec::new();
    for bucket in order {
        let members = &buckets[bucket];
        if members.is_empty() {
            break;
        }
        let mut hashes: Vec<u64> = members.iter().map(|(hash, _)| *hash).collect();
        hashes.sort_unstable();
        if hashes.windows(2).any(|pair| pair[0] == pair[1]) {
            return None;
        }
        let pilot = (0..=EMPTY).find(|&pilot| {
            taken.clear();
            for (hash, _) in members {
                let slot = slot_of(*hash, pilot, mask) as usize;
                if slots[slot] != EMPTY || taken.contains(&slot) {
                    return false;
                }
                taken.push(slot);
            }
            true
        })?;
        for (hash, position) in members {
            slots[slot_of(*hash, pilot, mask) as usize] = *position;
        }
        pilots[bucket] = pilot;
    }
    Some(NameTableData {
        seed,
        bucket_shift,
        pilots,
        slots,
    })
}

#[cfg(test)]
mod tests {
    use super::{NameTableData, hash, same_bytes};

    #[test]
    fn every_name_is_found_at_its_position_and_near_misses_are_not() {
        let owned: Vec<String> = (0..1000).map(|i| format!("SCOPE_{i}")).collect();
        let names: Vec<&str> = owned.iter().map(String::as_str).collect();
        let data = NameTableData::build(&names).unwrap();
        let table = data.table(&names);
        for (position, name) in names.iter().enumerate() {
            assert_eq!(table.find(name), Some(position), "{name}");
        }
        for miss in [
            "SCOPE_1000",
            "SCOPE_",
            "scope_1",
            "",
            "SCOPE_0 ",
            "SCOPE_-1",
        ] {
            assert_eq!(table.find(miss), None, "{miss}");
        }
    }

    #[test]
    fn same_bytes_is_slice_equality() {
        let text = "abcdefghijklmnopqrstuvwxyz0123456789";
        for length in 0..text.len() {
            let a = &text.as_bytes()[..length];
            assert!(same_bytes(a, a));
            for position in 0..length {
                let mut b = a.to_vec();
                b[position] = b'!';
                assert!(!same_bytes(a, &b), "{length} {position}");
            }
            assert!(!same_bytes(a, &text.as_bytes()[..length + 1]));
        }
    }

    #[test]
    fn small_sets_get_a_table_too() {
        // The names of a spec the fuzzer found (11 of them) once got no table: the pilot was
        // XOR-ed in after mixing and could not separate names whose low bits were equal.
        let fuzzed = [
            "USER_ID",
            "UER_NAME",
            "USER_LOGIN_ID",
            "PLAINTEXT_USER_LOGIN_ID",
            "HASH_LOGIN_ID",
            "USER_AVATAR",
            "USER_GEN&DER",
            "USER_BIRTHDAY",
            "USER_NATIONAMESSAGE",
            "auth_base",
            "au1h_user",
        ];
        for count in 1..=fuzzed.len() {
            assert!(NameTableData::build(&fuzzed[..count]).is_some(), "{count}");
        }
        let owned: Vec<String> = (0..300).map(|i| format!("S{i}")).collect();
        let names: Vec<&str> = owned.iter().map(String::as_str).collect();
        for count in 1..=names.len() {
            let data = NameTableData::build(&names[..count]).expect("a table");
            let table = data.table(&names[..count]);
            assert!(
                names[..count]
                    .iter()
                    .enumerate()
                    .all(|(at, name)| table.find(name) == Some(at))
            );
        }
    }

    #[test]
    fn the_build_is_deterministic() {
        let names = ["USER_ID", "USER_NAME", "auth_base", "auth_user"];
        assert_eq!(NameTableData::build(&names), NameTableData::build(&names));
    }

    #[test]
    fn duplicates_and_empty_sets_are_refused() {
        assert_eq!(NameTableData::build(&[]), None);
        assert_eq!(NameTableData::build(&["SAME", "SAME"]), None);
    }

    #[test]
    fn short_names_differ_in_every_byte_position() {
        // 1 to 16 bytes: the hash reads every byte, so changing any one changes the hash
        // (under a fixed seed; a collision here would be a bug, not bad luck).
        for length in 1..=16usize {
            let base = vec![b'a'; length];
            for position in 0..length {
                let mut changed = base.clone();
                changed[position] = b'b';
                assert_ne!(hash(&base, 7), hash(&changed, 7), "{length} {position}");
            }
        }
    }

    #[test]
    fn long_names_differ_in_every_byte_position() {
        let base = vec![b'x'; 41];
        for position in 0..base.len() {
            let mut changed = base.clone();
            changed[position] = b'y';
            assert_ne!(hash(&base, 7), hash(&changed, 7), "{position}");
        }
    }
}
