/// Fixed-size bit storage for [`ScopeSet`](crate::ScopeSet): `[u64; N]` with one bit per scope.
///
/// The derive picks `N` from the number of scopes, so a set of a 15-scope spec is 8 bytes, one
/// of a 128-scope spec 16 bytes, and one of a 1,000-scope spec 128 bytes, all `Copy` and never
/// allocating. It is implemented for every `[u64; N]` and for nothing else.
pub trait ScopeBits:
    Copy + Eq + Ord + std::hash::Hash + Send + Sync + 'static + sealed::Sealed
{
    /// All bits clear.
    const EMPTY: Self;
    /// The 64-bit words, lowest scope index first.
    fn words(&self) -> &[u64];
    /// The 64-bit words, mutably.
    fn words_mut(&mut self) -> &mut [u64];
}

impl<const N: usize> ScopeBits for [u64; N] {
    const EMPTY: Self = [0; N];

    fn words(&self) -> &[u64] {
        self
    }

    fn words_mut(&mut self) -> &mut [u64] {
        self
    }
}

mod sealed {
    pub trait Sealed {}
    impl<const N: usize> Sealed for [u64; N] {}
}
