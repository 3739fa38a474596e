//! Whole-process benchmark of the large-network searches, the silkroute side
//! of `scripts/bench-peers.sh`.
//!
//! ```text
//! cargo run --release --example large_bench -- NETWORK.json.gz OD.csv [MATRIX_NODES.csv]
//! ```
//! Prints one `key=value` line per measurement: load, CSR build, per-query
//! median/mean for Dijkstra, bidirectional, A* and CH (one thread, the OD
//! pairs in order), CH preprocessing, cache write/read, the batch on all
//! cores, and (with MATRIX_NODES.csv, one node id per line after a header) a
//! square distance matrix. Every distance is checked against the OD file's
//! reference `km` within 1e-6 relative; a mismatch exits with status 1.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::time::Instant;

use silkroute::netgraph::{
    ChParams, ChSearcher, Distance, LoadOptions, NetgraphError, NetgraphRouter, NodeIdx,
    PlainGraph, PlainNetwork, SearchAlgorithm, Searcher, SourceFingerprint, decode_cache,
    encode_cache,
};

fn median_ms(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    if xs.is_empty() {
        0.0
    } else {
        xs[xs.len() / 2] * 1e3
    }
}

fn mean_ms(xs: &[f64]) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let n = xs.len().max(1) as f64;
    xs.iter().sum::<f64>() / n * 1e3
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(net_path), Some(od_path)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: large_bench NETWORK OD.csv [MATRIX_NODES.csv]");
        std::process::exit(2);
    };
    let t = Instant::now();
    let net = PlainNetwork::from_path(net_path, &LoadOptions::default())?;
    println!("load_s={:.3}", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let graph = PlainGraph::from_network(&net)?;
    println!("csr_build_s={:.3}", t.elapsed().as_secs_f64());
    println!("nodes={} edges={}", graph.node_count(), graph.edge_count());
    let (kept, chains) = graph.reduced_size();
    println!("reduced_nodes={kept} reduced_chains={chains}");
    drop(net);

    let od: Vec<(u32, u32, f64)> = std::fs::read_to_string(od_path)?
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut it = l.split(',');
            Some((
                it.next()?.trim().parse().ok()?,
                it.next()?.trim().parse().ok()?,
                it.next()?.trim().parse().ok()?,
            ))
        })
        .collect();
    println!("pairs={}", od.len());
    let mut bad = 0usize;
    let mut check = |name: &str, got: Option<Distance>, want: f64| {
        let ok = got.is_some_and(|d| (d.km() - want).abs() <= 1e-6 * want.max(1e-3));
        if !ok {
            bad += 1;
            eprintln!(
                "MISMATCH {name}: got {:?} want {want}",
                got.map(Distance::km)
            );
        }
    };

    let mut s = Searcher::new(&graph);
    type Run<'a> =
        fn(&mut Searcher<'a>, NodeIdx, NodeIdx) -> Result<Option<Distance>, NetgraphError>;
    let runs: [(&str, Run<'_>); 3] = [
        ("dijkstra", |s, a, b| s.dijkstra(a, b, None)),
        ("bidirectional", |s, a, b| s.bidirectional(a, b, None)),
        ("astar", |s, a, b| s.astar(a, b, None)),
    ];
    for (name, run) in runs {
        let mut times = Vec::with_capacity(od.len());
        for &(o, d, km) in &od {
            let t = Instant::now();
            let got = run(&mut s, NodeIdx::new(o), NodeIdx::new(d))?;
            times.push(t.elapsed().as_secs_f64());
            check(name, got, km);
        }
        println!(
            "{name}_median_ms={:.4} {name}_mean_ms={:.4}",
            median_ms(times.clone()),
            mean_ms(&times)
        );
    }

    let t = Instant::now();
    let mut router = NetgraphRouter::new(graph);
    router.prepare(&ChParams::default());
    let ch = router.hierarchy().ok_or("hierarchy")?;
    println!(
        "ch_prep_s={:.3} ch_arcs={}",
        t.elapsed().as_secs_f64(),
        ch.arc_count()
    );
    let mut q = ChSearcher::new(ch, router.graph())?;
    let mut times = Vec::with_capacity(od.len());
    for _ in 0..5 {
        times.clear();
        for &(o, d, km) in &od {
            let t = Instant::now();
            let got = q.query(NodeIdx::new(o), NodeIdx::new(d), None)?;
            times.push(t.elapsed().as_secs_f64());
            check("ch", got, km);
        }
    }
    println!(
        "ch_median_ms={:.4} ch_mean_ms={:.4}",
        median_ms(times.clone()),
        mean_ms(&times)
    );

    let pairs: Vec<(NodeIdx, NodeIdx)> = od
        .iter()
        .map(|&(o, d, _)| (NodeIdx::new(o), NodeIdx::new(d)))
        .collect();
    for alg in [SearchAlgorithm::AStar, SearchAlgorithm::Ch] {
        let t = Instant::now();
        let out = router.batch(&pairs, alg, None)?;
        println!("batch_{alg:?}_all_cores_s={:.4}", t.elapsed().as_secs_f64());
        for (r, &(_, _, km)) in out.into_iter().zip(&od) {
            check("batch", r?, km);
        }
    }

    let t = Instant::now();
    let bytes = encode_cache(
        SourceFingerprint::of_bytes(b""),
        router.graph(),
        router.hierarchy(),
    );
    println!(
        "cache_encode_s={:.3} cache_bytes={}",
        t.elapsed().as_secs_f64(),
        bytes.len()
    );
    let t = Instant::now();
    let (g2, h2) = decode_cache(&bytes, None)?;
    println!("cache_decode_s={:.3}", t.elapsed().as_secs_f64());
    if &g2 != router.graph() || h2.as_ref() != router.hierarchy() {
        eprintln!("MISMATCH cache round trip");
        bad += 1;
    }

    if let Some(path) = args.get(3) {
        let nodes: Vec<NodeIdx> = std::fs::read_to_string(path)?
            .lines()
            .skip(1)
            .filter_map(|l| l.split(',').next()?.trim().parse().ok().map(NodeIdx::new))
            .collect();
        let t = Instant::now();
        let m = router.matrix(&nodes, &nodes, None)?;
        println!(
            "matrix_{}x{}_s={:.3}",
            m.rows(),
            m.cols(),
            t.elapsed().as_secs_f64()
        );
        let reachable = (0..m.rows())
            .flat_map(|i| m.row(i).iter())
            .filter(|d| d.is_some())
            .count();
        println!("matrix_reachable={reachable}");
        // Spot-check 200 cells against Dijkstra.
        let mut s = Searcher::new(router.graph());
        for k in 0..200usize {
            let (i, j) = ((k * 7919) % nodes.len(), (k * 104_729) % nodes.len());
            let want = s.dijkstra(nodes[i], nodes[j], None)?;
            if m.get(i, j) != want {
                eprintln!("MISMATCH matrix {i},{j}");
                bad += 1;
            }
        }
    }
    println!("mismatches={bad}");
    if bad > 0 {
        std::process::exit(1);
    }
    Ok(())
}
