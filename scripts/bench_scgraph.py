#!/usr/bin/env python3
"""scgraph 3.6.0 side of scripts/bench-peers.sh.

  bench_scgraph.py NETWORK.json.gz OD.csv [MATRIX_NODES.csv]
  bench_scgraph.py --matrix-nodes NETWORK.json.gz OD.csv OUT.csv [COUNT]

Loads the same netgraph-v1 file into scgraph's Graph (the C++ backend when
available), then times per query (median over the OD pairs in order):
dijkstra, bidirectional_buckets, and contraction_hierarchy (after
create_contraction_hierarchy, timed separately). With MATRIX_NODES.csv it
times GeoGraph.distance_matrix over those nodes (their own coordinates, so
snapping is exact). Prints key=value lines like the silkroute example, and
checks every length against the OD file's reference km (1e-6 relative).

--matrix-nodes writes COUNT (default 1000) node ids drawn with a fixed seed
from the connected component of the first OD origin.
"""
import csv
import gzip
import json
import random
import statistics
import sys
import time


def load(path):
    opener = gzip.open if open(path, "rb").read(2) == b"\x1f\x8b" else open
    with opener(path, "rt", encoding="utf-8") as f:
        d = json.load(f)
    graph = [dict() for _ in d["nodes"]]
    for u, v, w in d["edges"]:
        for a, b in ((u, v), (v, u)):
            if b not in graph[a] or w < graph[a][b]:
                graph[a][b] = w
    return d["nodes"], graph


def od_pairs(path):
    with open(path) as f:
        return [(int(r["o"]), int(r["d"]), float(r["km"])) for r in csv.DictReader(f)]


def matrix_nodes(net, od, out, count):
    _, graph = load(net)
    start = od_pairs(od)[0][0]
    seen, stack = {start}, [start]
    while stack:
        u = stack.pop()
        for v in graph[u]:
            if v not in seen:
                seen.add(v)
                stack.append(v)
    picked = random.Random(20251129).sample(sorted(seen), count)
    with open(out, "w") as f:
        f.write("node\n" + "".join(f"{n}\n" for n in picked))


def main():
    if sys.argv[1] == "--matrix-nodes":
        count = int(sys.argv[5]) if len(sys.argv) > 5 else 1000
        return matrix_nodes(sys.argv[2], sys.argv[3], sys.argv[4], count)
    import scgraph
    from scgraph import Graph, GeoGraph
    from scgraph.utils import has_cpp
    print(f"scgraph_cpp={has_cpp()}")
    t = time.perf_counter()
    nodes, adj = load(sys.argv[1])
    print(f"load_s={time.perf_counter() - t:.3f}")
    t = time.perf_counter()
    g = Graph(adj)
    print(f"graph_build_s={time.perf_counter() - t:.3f}")
    od = od_pairs(sys.argv[2])
    bad = 0
    for name in ("dijkstra", "bidirectional_buckets"):
        times = []
        for o, d, km in od:
            t = time.perf_counter()
            r = getattr(g, name)(origin_id=o, destination_id=d)
            times.append(time.perf_counter() - t)
            if abs(r["length"] - km) > 1e-6 * max(km, 1e-3):
                bad += 1
        print(f"{name}_median_ms={statistics.median(times) * 1e3:.4f} {name}_mean_ms={statistics.mean(times) * 1e3:.4f}")
    t = time.perf_counter()
    g.create_contraction_hierarchy()
    print(f"ch_prep_s={time.perf_counter() - t:.3f}")
    times = []
    for _ in range(5):
        times = []
        for o, d, km in od:
            t = time.perf_counter()
            r = g.contraction_hierarchy(origin_id=o, destination_id=d, length_only=True)
            times.append(time.perf_counter() - t)
            if abs(r["length"] - km) > 1e-6 * max(km, 1e-3):
                bad += 1
    print(f"ch_median_ms={statistics.median(times) * 1e3:.4f} ch_mean_ms={statistics.mean(times) * 1e3:.4f}")
    if len(sys.argv) > 3:
        with open(sys.argv[3]) as f:
            ids = [int(r["node"]) for r in csv.DictReader(f)]
        geo = GeoGraph(graph=adj, nodes=nodes)
        pts = [{"latitude": nodes[i][0], "longitude": nodes[i][1]} for i in ids]
        t = time.perf_counter()
        m = geo.distance_matrix(pts, off_graph_circuity=0, silent=True)
        print(f"matrix_{len(ids)}x{len(ids)}_s={time.perf_counter() - t:.3f}")
        print(f"matrix_reachable={sum(x is not None for row in m for x in row)}")
    print(f"mismatches={bad}")


if __name__ == "__main__":
    main()
