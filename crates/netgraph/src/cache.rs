//! A binary cache of a loaded network (and optionally its hierarchy).
//!
//! Layout (all integers little-endian):
//!
//! | bytes | content |
//! |---|---|
//! | 8 | magic `SRLGRAPH` |
//! | 4 | format version ([`CACHE_VERSION`]) |
//! | 4 | flags (bit 0: a contraction hierarchy follows the graph) |
//! | 8 | length of the source network file |
//! | 4 | CRC-32 of the source network file |
//! | 4 | reserved (0) |
//! | 8 | payload length |
//! | … | payload: length-prefixed arrays (u64 count, then elements) |
//! | 4 | CRC-32 of everything before it |
//!
//! Raw arrays rather than a serde format: the payload is a handful of large
//! numeric arrays, which read back at memory speed. Reading checks the magic,
//! version, source fingerprint and checksum, then every structural invariant
//! (offsets monotone, ids in range, ranks a permutation, shortcut middles
//! below both ends), so a corrupt or stale cache is an error, never a wrong
//! graph or a panic.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::bound::GreatCircleBound;
use crate::ch::{ChParams, ContractionHierarchy, Via};
use crate::error::NetgraphError;
use crate::graph::{Csr, PlainGraph};
use crate::network::{LoadOptions, PlainNetwork};
use crate::router::NetgraphRouter;

const MAGIC: &[u8; 8] = b"SRLGRAPH";
/// Version of the cache layout; a cache of another version is refused.
pub const CACHE_VERSION: u32 = 1;
const HEADER: usize = 40;

/// Identifies the network file a cache was built from: its length and CRC-32.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SourceFingerprint {
    len: u64,
    crc: u32,
}

impl SourceFingerprint {
    /// Fingerprint of a file's bytes.
    #[must_use]
    pub fn of_bytes(bytes: &[u8]) -> Self {
        Self {
            len: bytes.len() as u64,
            crc: crc32fast::hash(bytes),
        }
    }
    /// Fingerprint of a file.
    ///
    /// # Errors
    /// [`NetgraphError::File`].
    pub fn of_file(path: &Path) -> Result<Self, NetgraphError> {
        let bytes = std::fs::read(path).map_err(|e| NetgraphError::file(path, e))?;
        Ok(Self::of_bytes(&bytes))
    }
}

struct Enc(Vec<u8>);

impl Enc {
    fn u32s(&mut self, xs: &[u32]) {
        self.0.extend_from_slice(&(xs.len() as u64).to_le_bytes());
        for x in xs {
            self.0.extend_from_slice(&x.to_le_bytes());
        }
    }
    fn u64s(&mut self, xs: &[u64]) {
        self.0.extend_from_slice(&(xs.len() as u64).to_le_bytes());
        for x in xs {
            self.0.extend_from_slice(&x.to_le_bytes());
        }
    }
    fn f64s(&mut self, xs: impl ExactSizeIterator<Item = f64>) {
        self.0.extend_from_slice(&(xs.len() as u64).to_le_bytes());
        for x in xs {
            self.0.extend_from_slice(&x.to_le_bytes());
        }
    }
    fn bytes(&mut self, b: &[u8]) {
        self.0.extend_from_slice(&(b.len() as u64).to_le_bytes());
        self.0.extend_from_slice(b);
    }
}

struct Dec<'a> {
    b: &'a [u8],
}

impl<'a> Dec<'a> {
    fn take(&mut self, k: usize) -> Result<&'a [u8], NetgraphError> {
        if self.b.len() < k {
            return Err(NetgraphError::corrupt("truncated payload"));
        }
        let (h, t) = self.b.split_at(k);
        self.b = t;
        Ok(h)
    }
    fn count(&mut self, elem: usize) -> Result<usize, NetgraphError> {
        let raw = self.take(8)?;
        let n = u64::from_le_bytes(
            raw.try_into()
                .map_err(|_| NetgraphError::corrupt("length"))?,
        );
        let n = usize::try_from(n).map_err(|_| NetgraphError::corrupt("array length overflows"))?;
        if n.checked_mul(elem).is_none_or(|k| k > self.b.len()) {
            return Err(NetgraphError::corrupt("array longer than payload"));
        }
        Ok(n)
    }
    fn u32s(&mut self) -> Result<Vec<u32>, NetgraphError> {
        let n = self.count(4)?;
        Ok(self
            .take(n * 4)?
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    }
    fn u64s(&mut self) -> Result<Vec<u64>, NetgraphError> {
        let n = self.count(8)?;
        Ok(self
            .take(n * 8)?
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
            .collect())
    }
    fn f64s(&mut self) -> Result<Vec<f64>, NetgraphError> {
        Ok(self.u64s()?.into_iter().map(f64::from_bits).collect())
    }
    fn bytes(&mut self) -> Result<&'a [u8], NetgraphError> {
        let n = self.count(1)?;
        self.take(n)
    }
}

/// Serialises a graph (and hierarchy) into cache bytes.
#[must_use]
pub fn encode_cache(
    source: SourceFingerprint,
    g: &PlainGraph,
    ch: Option<&ContractionHierarchy>,
) -> Vec<u8> {
    let mut e = Enc(Vec::with_capacity(
        HEADER + 16 * g.csr.head.len() + 12 * g.coords.len(),
    ));
    e.0.extend_from_slice(MAGIC);
    e.0.extend_from_slice(&CACHE_VERSION.to_le_bytes());
    e.0.extend_from_slice(&u32::from(ch.is_some()).to_le_bytes());
    e.0.extend_from_slice(&source.len.to_le_bytes());
    e.0.extend_from_slice(&source.crc.to_le_bytes());
    e.0.extend_from_slice(&0u32.to_le_bytes());
    e.0.extend_from_slice(&0u64.to_le_bytes()); // payload length, patched below
    e.f64s(
        g.coords
            .iter()
            .flat_map(|c| [c[0], c[1]])
            .collect::<Vec<_>>()
            .into_iter(),
    );
    e.u32s(&g.csr.first_out);
    e.u32s(&g.csr.head);
    e.u64s(&g.csr.weight);
    e.u32s(&g.csr.arc_edge);
    e.u32s(&[g.edge_count]);
    e.f64s([g.bound.factor].into_iter());
    e.u64s(&[g.bound.slack]);
    e.u64s(&[g.passages.len() as u64]);
    for (name, edges) in &g.passages {
        e.bytes(name.as_bytes());
        e.u32s(edges);
    }
    if let Some(ch) = ch {
        e.u32s(&ch.rank);
        e.u32s(&ch.first_up);
        e.u32s(&ch.up_head);
        e.u64s(&ch.up_weight);
        let (kind, val): (Vec<u32>, Vec<u32>) = ch
            .up_via
            .iter()
            .map(|v| match *v {
                Via::Edge(x) => (0, x),
                Via::Node(x) => (1, x),
            })
            .unzip();
        e.u32s(&kind);
        e.u32s(&val);
    }
    let payload = (e.0.len() - HEADER) as u64;
    e.0[32..40].copy_from_slice(&payload.to_le_bytes());
    let crc = crc32fast::hash(&e.0);
    e.0.extend_from_slice(&crc.to_le_bytes());
    e.0
}

fn check_csr(first: &[u32], len: usize, n: usize, what: &str) -> Result<(), NetgraphError> {
    if first.len() != n + 1 || first[0] != 0 || first[n] as usize != len {
        return Err(NetgraphError::corrupt(format!(
            "{what}: offsets do not match arrays"
        )));
    }
    if first.windows(2).any(|w| w[0] > w[1]) {
        return Err(NetgraphError::corrupt(format!(
            "{what}: offsets not monotone"
        )));
    }
    Ok(())
}

/// Every edge is exactly two arcs, one each way, of equal weight (the chain
/// bypass relies on it).
fn check_symmetric(
    first_out: &[u32],
    head: &[u32],
    weight: &[u64],
    arc_edge: &[u32],
    edge_count: u32,
) -> Result<(), NetgraphError> {
    // Per edge: the first arc seen (its tail, head and weight) and the count.
    let mut seen: Vec<(u32, u32, u64, u8)> = vec![(0, 0, 0, 0); edge_count as usize];
    for (tail, w) in (0u32..).zip(first_out.windows(2)) {
        for a in w[0] as usize..w[1] as usize {
            let slot = &mut seen[arc_edge[a] as usize];
            match slot.3 {
                0 => *slot = (tail, head[a], weight[a], 1),
                1 if slot.0 == head[a] && slot.1 == tail && slot.2 == weight[a] => slot.3 = 2,
                _ => {
                    return Err(NetgraphError::corrupt(
                        "graph: arcs of an edge do not match",
                    ));
                }
            }
        }
    }
    if seen.iter().any(|s| s.3 != 2) {
        return Err(NetgraphError::corrupt(
            "graph: an edge does not have two arcs",
        ));
    }
    Ok(())
}

/// Reads cache bytes back.
///
/// # Errors
/// [`NetgraphError::CacheNotACache`] (wrong magic), [`NetgraphError::CacheVersion`],
/// [`NetgraphError::CacheStale`] when `expected` is given and differs from the
/// fingerprint stored, [`NetgraphError::CacheCorrupt`] for a bad checksum or any
/// broken invariant.
#[allow(clippy::too_many_lines)]
pub fn decode_cache(
    bytes: &[u8],
    expected: Option<SourceFingerprint>,
) -> Result<(PlainGraph, Option<ContractionHierarchy>), NetgraphError> {
    if bytes.len() < HEADER + 4 || &bytes[..8] != MAGIC {
        return Err(NetgraphError::CacheNotACache);
    }
    let u32_at =
        |i: usize| u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    let u64_at = |i: usize| u64::from(u32_at(i)) | (u64::from(u32_at(i + 4)) << 32);
    let version = u32_at(8);
    if version != CACHE_VERSION {
        return Err(NetgraphError::CacheVersion {
            found: version,
            expected: CACHE_VERSION,
        });
    }
    let (body, tail) = bytes.split_at(bytes.len() - 4);
    let stored_crc = u32::from_le_bytes([tail[0], tail[1], tail[2], tail[3]]);
    if crc32fast::hash(body) != stored_crc {
        return Err(NetgraphError::corrupt("checksum mismatch"));
    }
    if u64_at(32) != (body.len() - HEADER) as u64 {
        return Err(NetgraphError::corrupt("payload length mismatch"));
    }
    let found = SourceFingerprint {
        len: u64_at(16),
        crc: u32_at(24),
    };
    if let Some(exp) = expected
        && exp != found
    {
        return Err(NetgraphError::CacheStale);
    }
    let flags = u32_at(12);
    let mut d = Dec { b: &body[HEADER..] };
    let flat = d.f64s()?;
    if flat.len() % 2 != 0 {
        return Err(NetgraphError::corrupt("odd coordinate array"));
    }
    let coords: Vec<[f64; 2]> = flat.chunks_exact(2).map(|c| [c[0], c[1]]).collect();
    let n = coords.len();
    let first_out = d.u32s()?;
    let head = d.u32s()?;
    let weight = d.u64s()?;
    let arc_edge = d.u32s()?;
    let edge_count = *d
        .u32s()?
        .first()
        .ok_or_else(|| NetgraphError::corrupt("edge count"))?;
    let factor = *d
        .f64s()?
        .first()
        .ok_or_else(|| NetgraphError::corrupt("bound factor"))?;
    let slack = *d
        .u64s()?
        .first()
        .ok_or_else(|| NetgraphError::corrupt("bound slack"))?;
    check_csr(&first_out, head.len(), n, "graph")?;
    if weight.len() != head.len() || arc_edge.len() != head.len() {
        return Err(NetgraphError::corrupt("graph: arc arrays differ in length"));
    }
    if head.iter().any(|&h| h as usize >= n) || arc_edge.iter().any(|&e| e >= edge_count) {
        return Err(NetgraphError::corrupt(
            "graph: arc refers to a missing node or edge",
        ));
    }
    if head.len() != 2 * edge_count as usize {
        return Err(NetgraphError::corrupt(
            "graph: arc count is not twice the edge count",
        ));
    }
    check_symmetric(&first_out, &head, &weight, &arc_edge, edge_count)?;
    if !(0.0..=1.0).contains(&factor) {
        return Err(NetgraphError::corrupt("graph: bad A* bound"));
    }
    let passage_count = *d
        .u64s()?
        .first()
        .ok_or_else(|| NetgraphError::corrupt("passage count"))?;
    let mut passages = BTreeMap::new();
    for _ in 0..passage_count {
        let name = std::str::from_utf8(d.bytes()?)
            .map_err(|_| NetgraphError::corrupt("passage name not UTF-8"))?;
        let edges = d.u32s()?;
        if edges.iter().any(|&e| e >= edge_count) {
            return Err(NetgraphError::corrupt(format!(
                "passage {name}: edge out of range"
            )));
        }
        passages.insert(name.to_owned(), edges);
    }
    let csr = Csr {
        first_out,
        head,
        weight,
        arc_edge,
    };
    let g = PlainGraph::assemble(
        coords,
        csr,
        edge_count,
        passages,
        GreatCircleBound { factor, slack },
    );
    let ch = if flags & 1 == 1 {
        let rank = d.u32s()?;
        let first_up = d.u32s()?;
        let up_head = d.u32s()?;
        let up_weight = d.u64s()?;
        let kind = d.u32s()?;
        let val = d.u32s()?;
        if rank.len() != n {
            return Err(NetgraphError::corrupt("hierarchy: rank array length"));
        }
        let mut seen = vec![false; n];
        for &r in &rank {
            let slot = seen
                .get_mut(r as usize)
                .ok_or_else(|| NetgraphError::corrupt("hierarchy: rank out of range"))?;
            if std::mem::replace(slot, true) {
                return Err(NetgraphError::corrupt(
                    "hierarchy: ranks are not a permutation",
                ));
            }
        }
        check_csr(&first_up, up_head.len(), n, "hierarchy")?;
        let m = up_head.len();
        if up_weight.len() != m || kind.len() != m || val.len() != m {
            return Err(NetgraphError::corrupt(
                "hierarchy: arc arrays differ in length",
            ));
        }
        let mut up_via = Vec::with_capacity(m);
        for r in 0..n {
            for i in first_up[r] as usize..first_up[r + 1] as usize {
                let h = up_head[i] as usize;
                if h <= r || h >= n {
                    return Err(NetgraphError::corrupt("hierarchy: arc does not go upward"));
                }
                up_via.push(match (kind[i], val[i]) {
                    (0, e) if e < edge_count => Via::Edge(e),
                    (1, x) if (x as usize) < r => Via::Node(x),
                    _ => return Err(NetgraphError::corrupt("hierarchy: bad shortcut")),
                });
            }
        }
        Some(ContractionHierarchy {
            rank,
            first_up,
            up_head,
            up_weight,
            up_via,
        })
    } else {
        None
    };
    if !d.b.is_empty() {
        return Err(NetgraphError::corrupt("trailing bytes in payload"));
    }
    Ok((g, ch))
}

/// Writes a cache file atomically (temporary file, then rename).
///
/// # Errors
/// [`NetgraphError::File`].
pub fn write_cache(
    path: &Path,
    source: SourceFingerprint,
    g: &PlainGraph,
    ch: Option<&ContractionHierarchy>,
) -> Result<(), NetgraphError> {
    let bytes = encode_cache(source, g, ch);
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    let mut f = std::fs::File::create(&tmp).map_err(|e| NetgraphError::file(&tmp, e))?;
    f.write_all(&bytes)
        .map_err(|e| NetgraphError::file(&tmp, e))?;
    f.sync_all().map_err(|e| NetgraphError::file(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| NetgraphError::file(path, e))
}

/// Reads a cache file.
///
/// # Errors
/// [`NetgraphError::File`] and every error of [`decode_cache`].
pub fn read_cache(
    path: &Path,
    expected: Option<SourceFingerprint>,
) -> Result<(PlainGraph, Option<ContractionHierarchy>), NetgraphError> {
    let bytes = std::fs::read(path).map_err(|e| NetgraphError::file(path, e))?;
    decode_cache(&bytes, expected)
}

/// What [`load_cached`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum CacheOutcome {
    /// The cache was valid and used.
    Hit,
    /// There was no cache; it was built and written.
    Built,
}

/// Loads `network` through the cache at `cache`: uses the cache when it
/// matches the network file, otherwise parses the network, builds the graph
/// (and the hierarchy when `ch` is given) and writes the cache.
///
/// A cache that exists but is corrupt, of another version or built from
/// another network file is an error (remove it to rebuild): it is never
/// silently replaced or trusted.
///
/// # Errors
/// The errors of [`PlainNetwork::from_slice`] for the network file, the
/// cache errors of [`decode_cache`], [`NetgraphError::File`] when a file
/// cannot be read or written.
pub fn load_cached(
    network: &Path,
    cache: &Path,
    opts: &LoadOptions,
    ch: Option<&ChParams>,
) -> Result<(NetgraphRouter, CacheOutcome), NetgraphError> {
    let src = std::fs::read(network).map_err(|e| NetgraphError::file(network, e))?;
    let fp = SourceFingerprint::of_bytes(&src);
    if cache.exists() {
        let (g, h) = read_cache(cache, Some(fp))?;
        let router = match (h, ch) {
            (Some(h), _) => NetgraphRouter::with_hierarchy(g, h)?,
            (None, Some(_)) => {
                return Err(NetgraphError::corrupt(
                    "cache holds no hierarchy but one was requested",
                ));
            }
            (None, None) => NetgraphRouter::new(g),
        };
        return Ok((router, CacheOutcome::Hit));
    }
    let net = PlainNetwork::from_slice(&src, opts)?;
    let mut router = NetgraphRouter::new(PlainGraph::from_network(&net)?);
    if let Some(p) = ch {
        router.prepare(p);
    }
    write_cache(cache, fp, router.graph(), router.hierarchy())?;
    Ok((router, CacheOutcome::Built))
}
