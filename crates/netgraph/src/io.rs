//! Bounded reading of a file, a reader or bytes, with gzip detection.
//!
//! Input files are read whole before parsing. [`ReadOptions`] bounds the
//! bytes read (after decompression, so a gzip bomb claims at most
//! `max_bytes + 1` bytes) and says whether gzip is recognised (by its magic
//! bytes `1f 8b`). Errors are [`ReadError`]s carrying the path (when there
//! is one) and the limit, for the caller to map into its own error type.
//!
//! # Example
//! ```
//! use silkroute_netgraph::io::{ReadError, ReadOptions, read_bytes};
//! let opts = ReadOptions::new(16);
//! assert_eq!(&*read_bytes(b"{\"a\": 1}", opts)?, b"{\"a\": 1}");
//! let err = read_bytes(&[b' '; 17], opts).unwrap_err();
//! assert!(matches!(err, ReadError::TooLarge { limit: 16, found: 17, .. }));
//! # Ok::<(), ReadError>(())
//! ```

use std::borrow::Cow;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The first two bytes of every gzip member.
pub const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Whether `bytes` start like a gzip stream.
#[must_use]
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&GZIP_MAGIC)
}

/// How to read an input: the byte limit and whether gzip is recognised.
/// Built with methods: `ReadOptions::new(1 << 20).gzip(false)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReadOptions {
    /// At most this many bytes are accepted, before and (for gzip) after
    /// decompression.
    pub max_bytes: u64,
    /// Whether input starting with [`GZIP_MAGIC`] is decompressed
    /// (multi-member streams included).
    pub gzip: bool,
}

impl ReadOptions {
    /// At most `max_bytes`, gzip recognised.
    #[must_use]
    pub const fn new(max_bytes: u64) -> Self {
        Self {
            max_bytes,
            gzip: true,
        }
    }
    /// Whether gzip input is decompressed (default `true`); with `false` the
    /// bytes are returned as they are.
    #[must_use]
    pub const fn gzip(mut self, on: bool) -> Self {
        self.gzip = on;
        self
    }
}

/// Which bytes went over the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Stage {
    /// The bytes as stored (the file, the reader's bytes or the slice).
    Stored,
    /// The bytes after gzip decompression.
    Decompressed,
}

/// Errors of bounded reading.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The file could not be opened or read.
    #[error("cannot read {}: {source}", PathOrInput(path.as_deref()))]
    Io {
        /// The path (`None` for a reader).
        path: Option<PathBuf>,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The input starts like gzip but does not decompress.
    #[error("{}: corrupt gzip stream: {source}", PathOrInput(path.as_deref()))]
    Gzip {
        /// The path (`None` for a reader or bytes).
        path: Option<PathBuf>,
        /// What the decompressor says.
        source: std::io::Error,
    },
    /// More bytes than [`ReadOptions::max_bytes`].
    #[error(
        "{}: more than {limit} bytes ({} {found}; raise the byte limit if the input is trusted)",
        PathOrInput(path.as_deref()),
        match stage { Stage::Stored => "read", Stage::Decompressed => "decompressed to" }
    )]
    TooLarge {
        /// The path (`None` for a reader or bytes).
        path: Option<PathBuf>,
        /// The limit ([`ReadOptions::max_bytes`]).
        limit: u64,
        /// Bytes seen: the length of a slice, otherwise `limit + 1` (reading
        /// stops there).
        found: u64,
        /// Stored or decompressed bytes.
        stage: Stage,
    },
}

impl ReadError {
    /// The path of the input, when it was a file.
    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        match self {
            ReadError::Io { path, .. }
            | ReadError::Gzip { path, .. }
            | ReadError::TooLarge { path, .. } => path.as_deref(),
        }
    }

    fn at(mut self, file: &Path) -> Self {
        let (ReadError::Io { path, .. }
        | ReadError::Gzip { path, .. }
        | ReadError::TooLarge { path, .. }) = &mut self;
        *path = Some(file.to_path_buf());
        self
    }
}

/// Displays a path, or "input" without one.
struct PathOrInput<'a>(Option<&'a Path>);

impl fmt::Display for PathOrInput<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(p) => p.display().fmt(f),
            None => f.write_str("input"),
        }
    }
}

fn check(len: usize, limit: u64, stage: Stage) -> Result<(), ReadError> {
    let found = len as u64;
    if found > limit {
        return Err(ReadError::TooLarge {
            path: None,
            limit,
            found,
            stage,
        });
    }
    Ok(())
}

/// Decompresses `bytes` when they are gzip and `opts` allows it, else
/// returns them. `bytes` must already be within the limit.
fn inflate<'a>(bytes: Cow<'a, [u8]>, opts: ReadOptions) -> Result<Cow<'a, [u8]>, ReadError> {
    if !(opts.gzip && is_gzip(&bytes)) {
        return Ok(bytes);
    }
    let cap = bytes
        .len()
        .saturating_mul(4)
        .min(usize::try_from(opts.max_bytes).unwrap_or(usize::MAX));
    let mut out = Vec::with_capacity(cap);
    flate2::read::MultiGzDecoder::new(&bytes[..])
        .take(opts.max_bytes.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|source| ReadError::Gzip { path: None, source })?;
    check(out.len(), opts.max_bytes, Stage::Decompressed)?;
    Ok(Cow::Owned(out))
}

/// Checks `bytes` against the limit and decompresses gzip; plain input
/// within the limit is borrowed, not copied.
///
/// # Errors
/// [`ReadError::TooLarge`] (stored or decompressed), [`ReadError::Gzip`].
pub fn read_bytes(bytes: &[u8], opts: ReadOptions) -> Result<Cow<'_, [u8]>, ReadError> {
    check(bytes.len(), opts.max_bytes, Stage::Stored)?;
    inflate(Cow::Borrowed(bytes), opts)
}

/// Reads a reader to its end, stopping one byte past the limit, then
/// decompresses gzip.
///
/// # Errors
/// [`ReadError::Io`] (without a path), [`ReadError::TooLarge`],
/// [`ReadError::Gzip`].
pub fn read_from(reader: impl Read, opts: ReadOptions) -> Result<Vec<u8>, ReadError> {
    let mut raw = Vec::new();
    reader
        .take(opts.max_bytes.saturating_add(1))
        .read_to_end(&mut raw)
        .map_err(|source| ReadError::Io { path: None, source })?;
    check(raw.len(), opts.max_bytes, Stage::Stored)?;
    Ok(inflate(Cow::Owned(raw), opts)?.into_owned())
}

/// Reads a file (at most one byte past the limit is read), then decompresses
/// gzip. Every error carries `path`.
///
/// # Errors
/// As [`read_from`], with the path.
pub fn read_path(path: &Path, opts: ReadOptions) -> Result<Vec<u8>, ReadError> {
    let file = std::fs::File::open(path).map_err(|source| ReadError::Io {
        path: Some(path.to_path_buf()),
        source,
    })?;
    read_from(file, opts).map_err(|e| e.at(path))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(data).expect("in memory");
        e.finish().expect("in memory")
    }

    #[test]
    fn plain_bytes_are_borrowed_and_bounded() {
        let opts = ReadOptions::new(5);
        assert!(matches!(
            read_bytes(b"12345", opts),
            Ok(Cow::Borrowed(b"12345"))
        ));
        let e = read_bytes(b"123456", opts).unwrap_err();
        assert!(matches!(
            e,
            ReadError::TooLarge {
                limit: 5,
                found: 6,
                stage: Stage::Stored,
                path: None
            }
        ));
        assert_eq!(
            e.to_string(),
            "input: more than 5 bytes (read 6; raise the byte limit if the input is trusted)"
        );
    }

    #[test]
    fn gzip_is_inflated_and_the_limit_applies_after_inflation() {
        let data = vec![b'x'; 10_000];
        let gz = gzip(&data);
        let opts = ReadOptions::new(10_000);
        assert_eq!(&*read_bytes(&gz, opts).unwrap(), &data[..]);
        assert_eq!(read_from(&gz[..], opts).unwrap(), data);
        let e = read_bytes(&gz, ReadOptions::new(9_999)).unwrap_err();
        assert!(matches!(
            e,
            ReadError::TooLarge {
                found: 10_000,
                stage: Stage::Decompressed,
                ..
            }
        ));
        // Sniffing off: the compressed bytes come back as they are.
        assert_eq!(&*read_bytes(&gz, opts.gzip(false)).unwrap(), &gz[..]);
        let e = read_bytes(&gz[..gz.len() / 2], opts).unwrap_err();
        assert!(matches!(e, ReadError::Gzip { path: None, .. }), "{e}");
        assert!(
            e.to_string().starts_with("input: corrupt gzip stream"),
            "{e}"
        );
    }

    #[test]
    fn files_carry_their_path() {
        let dir = std::env::temp_dir().join(format!("silkroute-io-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("big.json.gz");
        std::fs::write(&p, gzip(&[b' '; 4096])).unwrap();
        assert_eq!(read_path(&p, ReadOptions::new(4096)).unwrap().len(), 4096);
        let e = read_path(&p, ReadOptions::new(100)).unwrap_err();
        assert_eq!(e.path(), Some(p.as_path()));
        assert!(matches!(e, ReadError::TooLarge { limit: 100, .. }));
        assert!(
            e.to_string().contains("big.json.gz: more than 100 bytes"),
            "{e}"
        );
        let missing = dir.join("missing.json");
        let e = read_path(&missing, ReadOptions::new(100)).unwrap_err();
        assert!(matches!(e, ReadError::Io { .. }));
        assert!(e.to_string().starts_with("cannot read "), "{e}");
        assert_eq!(e.path(), Some(missing.as_path()));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
