//! `silkroute batch`: shortest distances for many origin–destination pairs on
//! a large plain network (netgraph-v1 or a GeoJSON line network).
//!
//! Dependencies of this module (for `crates/cli/Cargo.toml`): `clap` (derive),
//! `csv = "1"`, `rayon`, `thiserror`, `silkroute-netgraph`.
//!
//! Output: CSV with header `o,d,distance_km,status`, one row per input pair
//! in input order; when the pairs are coordinates the snap columns
//! `o_node,d_node,o_snap_km,d_snap_km` follow. `status` is `ok`,
//! `unreachable` (empty distance) or `invalid: <reason>`; no row is dropped.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use clap::{Args, ValueEnum};
use silkroute_netgraph::{
    CacheOutcome, ChParams, EdgeClosure, LoadOptions, NetgraphError, NetgraphRouter, NodeIdx,
    NodeLocator, PlainGraph, PlainNetwork, SearchAlgorithm, load_cached,
};

/// Pairs at or above which `--algorithm auto` builds a contraction hierarchy
/// (its preprocessing pays for itself over this many A* queries on
/// continental networks; see BENCHMARKS.md).
pub const AUTO_CH_MIN_PAIRS: usize = 300;

/// Algorithm choice on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[non_exhaustive]
pub enum AlgorithmArg {
    /// A* for few pairs, contraction hierarchies for many (or with `--cache`).
    Auto,
    /// Dijkstra.
    Dijkstra,
    /// Bidirectional Dijkstra.
    Bidirectional,
    /// A* with a great-circle bound.
    Astar,
    /// Contraction hierarchies.
    Ch,
}

/// Arguments of `silkroute batch`.
#[derive(Debug, Clone, Args)]
#[non_exhaustive]
pub struct BatchArgs {
    /// Network file: netgraph-v1 (gzip or plain JSON) or a GeoJSON line network.
    #[arg(long, value_name = "FILE")]
    pub network: PathBuf,
    /// Pairs CSV: header `o,d` (node indices) or `o_lat,o_lon,d_lat,d_lon`
    /// (coordinates, snapped to the nearest node).
    #[arg(long, value_name = "PAIRS.csv")]
    pub pairs: PathBuf,
    /// Search algorithm.
    #[arg(long, value_enum, default_value_t = AlgorithmArg::Auto)]
    pub algorithm: AlgorithmArg,
    /// Objective; plain networks carry distance only.
    #[arg(long, default_value = "distance")]
    pub objective: String,
    /// Passages to avoid, comma separated (e.g. `suez,babalmandab`).
    #[arg(long, value_delimiter = ',', value_name = "NAMES")]
    pub avoid_passage: Vec<String>,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Binary cache of the network and its hierarchy: used when it matches
    /// the network file, written when missing; a stale or corrupt cache is
    /// an error.
    #[arg(long, value_name = "FILE")]
    pub cache: Option<PathBuf>,
    /// Print timings to stderr.
    #[arg(long)]
    pub timings: bool,
}

/// Errors of `silkroute batch`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BatchError {
    /// An objective other than `distance`.
    #[error(
        "objective {0:?} is not available on plain networks, which carry distance only (use --objective distance)"
    )]
    UnsupportedObjective(String),
    /// The network could not be loaded.
    #[error("network {path}: {source}")]
    Network {
        /// The network path.
        path: PathBuf,
        /// What went wrong.
        source: NetgraphError,
    },
    /// Search setup failed (unknown passage, cache errors, …).
    #[error(transparent)]
    Routing(#[from] NetgraphError),
    /// The pairs file could not be read.
    #[error("pairs {path}: {source}")]
    Pairs {
        /// The pairs path.
        path: PathBuf,
        /// The CSV error.
        source: csv::Error,
    },
    /// The pairs header is neither `o,d` nor `o_lat,o_lon,d_lat,d_lon`.
    #[error("pairs {path}: header must be `o,d` or `o_lat,o_lon,d_lat,d_lon`, found `{found}`")]
    PairsHeader {
        /// The pairs path.
        path: PathBuf,
        /// The header found.
        found: String,
    },
    /// `--threads` could not be honoured.
    #[error("cannot start {threads} worker threads: {reason}")]
    Threads {
        /// Threads asked for.
        threads: usize,
        /// Why.
        reason: String,
    },
    /// Writing the output failed.
    #[error("writing output: {0}")]
    Output(#[from] csv::Error),
    /// Writing the output failed.
    #[error("writing output: {0}")]
    Io(#[from] std::io::Error),
}

/// One input row, parsed.
enum Pair {
    Nodes {
        o: String,
        d: String,
        ids: Result<(u32, u32), String>,
    },
    Coords {
        o: String,
        d: String,
        snapped: Result<[(u32, f64); 2], String>,
    },
}

fn parse_id(s: &str, n: usize) -> Result<u32, String> {
    let id: u32 = s
        .trim()
        .parse()
        .map_err(|_| format!("node id {s:?} is not a non-negative integer"))?;
    if (id as usize) < n {
        Ok(id)
    } else {
        Err(format!("node {id} out of range (network has {n} nodes)"))
    }
}

fn parse_coord(lat: &str, lon: &str, which: &str) -> Result<(f64, f64), String> {
    let (la, lo) = (lat.trim().parse::<f64>(), lon.trim().parse::<f64>());
    match (la, lo) {
        (Ok(la), Ok(lo)) if (-90.0..=90.0).contains(&la) && (-180.0..=180.0).contains(&lo) => {
            Ok((la, lo))
        }
        _ => Err(format!(
            "{which} coordinate ({lat}, {lon}) is not a valid lat, lon"
        )),
    }
}

/// Runs the batch and writes CSV to `out`.
///
/// # Errors
/// [`BatchError`]: bad objective, network, cache, pairs header, threads or
/// output. Bad rows are not errors: they get an `invalid: …` status.
pub fn run(args: &BatchArgs, out: &mut dyn Write) -> Result<(), BatchError> {
    if args.objective != "distance" {
        return Err(BatchError::UnsupportedObjective(args.objective.clone()));
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .map_err(|e| BatchError::Threads {
            threads: args.threads.unwrap_or(0),
            reason: e.to_string(),
        })?;
    let (header, records) = pool.install(|| compute(args))?;
    let mut w = csv::Writer::from_writer(out);
    w.write_record(header)?;
    for rec in &records {
        w.write_record(rec)?;
    }
    w.flush()?;
    Ok(())
}

const HEADER: [&str; 4] = ["o", "d", "distance_km", "status"];
const SNAP_HEADER: [&str; 8] = [
    "o",
    "d",
    "distance_km",
    "status",
    "o_node",
    "d_node",
    "o_snap_km",
    "d_snap_km",
];

#[allow(clippy::print_stderr)] // opt-in timings of a command-line tool
fn compute(args: &BatchArgs) -> Result<(&'static [&'static str], Vec<Vec<String>>), BatchError> {
    let t0 = Instant::now();
    let pairs_path = &args.pairs;
    let pairs_err = |source| BatchError::Pairs {
        path: pairs_path.clone(),
        source,
    };
    let mut rdr = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_path(pairs_path)
        .map_err(pairs_err)?;
    let header: Vec<String> = rdr
        .headers()
        .map_err(pairs_err)?
        .iter()
        .map(str::to_owned)
        .collect();
    let coords = match header
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["o", "d", ..] => false,
        ["o_lat", "o_lon", "d_lat", "d_lon", ..] => true,
        _ => {
            return Err(BatchError::PairsHeader {
                path: pairs_path.clone(),
                found: header.join(","),
            });
        }
    };
    let records: Vec<csv::StringRecord> =
        rdr.records().collect::<Result<_, _>>().map_err(pairs_err)?;

    let want_ch = match args.algorithm {
        AlgorithmArg::Ch => true,
        AlgorithmArg::Auto => records.len() >= AUTO_CH_MIN_PAIRS || args.cache.is_some(),
        _ => false,
    };
    let router = match &args.cache {
        Some(cache) => {
            let params = ChParams::default();
            let (router, outcome) = load_cached(
                &args.network,
                cache,
                &LoadOptions::default(),
                want_ch.then_some(&params),
            )?;
            if args.timings {
                let what = if outcome == CacheOutcome::Hit {
                    "read"
                } else {
                    "built"
                };
                eprintln!("cache {what}: {:.3} s", t0.elapsed().as_secs_f64());
            }
            router
        }
        None => {
            let net = PlainNetwork::from_path(&args.network, &LoadOptions::default()).map_err(
                |source| BatchError::Network {
                    path: args.network.clone(),
                    source,
                },
            )?;
            let mut router = NetgraphRouter::new(PlainGraph::from_network(&net)?);
            if args.timings {
                eprintln!("load: {:.3} s", t0.elapsed().as_secs_f64());
            }
            if want_ch {
                let t = Instant::now();
                router.prepare(&ChParams::default());
                if args.timings {
                    eprintln!("contraction: {:.3} s", t.elapsed().as_secs_f64());
                }
            }
            router
        }
    };
    let g = router.graph();
    let closure: Option<EdgeClosure> = if args.avoid_passage.is_empty() {
        None
    } else {
        Some(g.closure(&args.avoid_passage)?)
    };
    let locator = coords.then(|| NodeLocator::new(g.coords()));
    let n = g.node_count();
    let field = |r: &csv::StringRecord, i: usize| r.get(i).unwrap_or("").to_owned();
    let rows: Vec<Pair> = records
        .iter()
        .map(|r| {
            if let Some(loc) = &locator {
                let snapped = (|| {
                    let (ola, olo) =
                        parse_coord(r.get(0).unwrap_or(""), r.get(1).unwrap_or(""), "origin")?;
                    let (dla, dlo) = parse_coord(
                        r.get(2).unwrap_or(""),
                        r.get(3).unwrap_or(""),
                        "destination",
                    )?;
                    let so = loc.nearest(ola, olo).ok_or("empty network")?;
                    let sd = loc.nearest(dla, dlo).ok_or("empty network")?;
                    Ok::<_, String>([(so.node, so.distance_km), (sd.node, sd.distance_km)])
                })();
                let o = format!("{};{}", field(r, 0), field(r, 1));
                let d = format!("{};{}", field(r, 2), field(r, 3));
                Pair::Coords { o, d, snapped }
            } else {
                let (o, d) = (field(r, 0), field(r, 1));
                let ids = parse_id(&o, n).and_then(|a| Ok((a, parse_id(&d, n)?)));
                Pair::Nodes { o, d, ids }
            }
        })
        .collect();
    let queries: Vec<(NodeIdx, NodeIdx)> = rows
        .iter()
        .filter_map(|p| match p {
            Pair::Nodes {
                ids: Ok((a, b)), ..
            } => Some((NodeIdx::new(*a), NodeIdx::new(*b))),
            Pair::Coords {
                snapped: Ok([(a, _), (b, _)]),
                ..
            } => Some((NodeIdx::new(*a), NodeIdx::new(*b))),
            _ => None,
        })
        .collect();
    let algorithm = match args.algorithm {
        AlgorithmArg::Dijkstra => SearchAlgorithm::Dijkstra,
        AlgorithmArg::Bidirectional => SearchAlgorithm::Bidirectional,
        AlgorithmArg::Astar => SearchAlgorithm::AStar,
        _ if router.hierarchy().is_some() => SearchAlgorithm::Ch,
        _ => SearchAlgorithm::AStar,
    };
    let t = Instant::now();
    let results = router.batch(&queries, algorithm, closure.as_ref())?;
    if args.timings {
        eprintln!(
            "{} queries ({algorithm:?}): {:.3} s",
            queries.len(),
            t.elapsed().as_secs_f64()
        );
    }

    let header: &'static [&'static str] = if coords { &SNAP_HEADER } else { &HEADER };
    let mut records = Vec::with_capacity(rows.len());
    let mut results = results.into_iter();
    for p in &rows {
        let (o, d, ok) = match p {
            Pair::Nodes { o, d, ids } => (o, d, ids.as_ref().map(|_| ()).map_err(Clone::clone)),
            Pair::Coords { o, d, snapped } => {
                (o, d, snapped.as_ref().map(|_| ()).map_err(Clone::clone))
            }
        };
        let (dist, status) = match ok {
            Err(reason) => (String::new(), format!("invalid: {reason}")),
            Ok(()) => match results.next() {
                Some(Ok(Some(km))) => (format!("{:.6}", km.km()), "ok".to_owned()),
                Some(Ok(None)) => (String::new(), "unreachable".to_owned()),
                Some(Err(e)) => (String::new(), format!("invalid: {e}")),
                None => (
                    String::new(),
                    "invalid: internal: missing result".to_owned(),
                ),
            },
        };
        let mut rec = vec![o.clone(), d.clone(), dist, status];
        if let Pair::Coords { snapped, .. } = p {
            match snapped {
                Ok([(a, sa), (b, sb)]) => {
                    rec.extend([
                        a.to_string(),
                        b.to_string(),
                        format!("{sa:.6}"),
                        format!("{sb:.6}"),
                    ]);
                }
                Err(_) => rec.extend([String::new(), String::new(), String::new(), String::new()]),
            }
        }
        records.push(rec);
    }
    Ok((header, records))
}
