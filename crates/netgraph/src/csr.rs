//! Building compressed sparse row (CSR) offsets: count the entries of each
//! row, take prefix sums, then hand out the slots of each row in order.

/// Offsets of a CSR array under construction.
pub(crate) struct CsrBuilder {
    first: Vec<u32>,
    next: Vec<u32>,
}

impl CsrBuilder {
    /// Offsets for `rows` rows holding one entry per item of `entry_rows`
    /// (the row of each entry, in any order).
    ///
    /// Entry counts fit `u32`: every caller holds fewer than 2^32 entries
    /// (ids are checked against `u32` when a graph is built).
    pub(crate) fn new(rows: usize, entry_rows: impl IntoIterator<Item = usize>) -> Self {
        let mut first = vec![0u32; rows + 1];
        for r in entry_rows {
            first[r + 1] += 1;
        }
        for i in 0..rows {
            first[i + 1] += first[i];
        }
        Self {
            next: first.clone(),
            first,
        }
    }

    /// Number of entries.
    pub(crate) fn len(&self) -> usize {
        self.first.last().map_or(0, |&x| x as usize)
    }

    /// The next free slot of row `r` (slots of a row are handed out in
    /// order; call exactly once per entry counted in [`CsrBuilder::new`]).
    #[inline]
    pub(crate) fn slot(&mut self, r: usize) -> usize {
        let p = self.next[r];
        self.next[r] += 1;
        p as usize
    }

    /// The offsets (`rows + 1` values, starting at 0).
    pub(crate) fn finish(self) -> Vec<u32> {
        self.first
    }
}

/// The index range of row `r` under CSR offsets `first`.
#[inline]
pub(crate) fn row(first: &[u32], r: usize) -> std::ops::Range<usize> {
    first[r] as usize..first[r + 1] as usize
}
