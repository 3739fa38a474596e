#!/usr/bin/env python3
"""Convert the public rail and sea networks to netgraph-v1 (gzip JSON).

Inputs come from PyPI packages installed in the running interpreter:
  - scgraph-data 2.0.0 (MIT; OpenStreetMap railways, ODbL 1.0):  world_railways
  - searoute 1.6.0 (Apache-2.0; Eurostat/ORNL maritime network): marnet

Usage: convert_networks.py OUT_DIR
Writes OUT_DIR/railways_world.json.gz and OUT_DIR/marnet.json.gz.

The format (see docs of silkroute's netgraph loader):
  {"meta": {...,"format": "netgraph-v1"}, "nodes": [[lat, lon], ...],
   "edges": [[u, v, km], ...], "passages": {"suez": [edge index, ...]}}
Undirected, no self-loops, no duplicate pairs.
"""
import gzip
import json
import math
import os
import sys

R_SEAROUTE = 6371.0088


def haversine(a, b, r=R_SEAROUTE):
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(h)))


def write(path, meta, nodes, edges, passages=None):
    meta = dict(meta, format="netgraph-v1", directed=False, coord_order="lat_lon",
                weight_unit="km", node_count=len(nodes), edge_count=len(edges))
    doc = {"meta": meta, "nodes": nodes, "edges": edges}
    if passages is not None:
        doc["passages"] = passages
    with gzip.open(path, "wt", encoding="utf-8") as f:
        json.dump(doc, f, separators=(",", ":"))
    print(f"{path}: {len(nodes)} nodes, {len(edges)} edges")


def railways(out):
    # scgraph_data's module builds a GeoGraph on import; a stub stands in for
    # scgraph.core so any scgraph version (or none) works for conversion.
    import types
    stub = types.ModuleType("scgraph.core")

    class GeoGraph:
        def __init__(self, graph, nodes, **_):
            self.graph, self.nodes = graph, nodes

    stub.GeoGraph = GeoGraph
    sys.modules["scgraph.core"] = stub
    from scgraph_data.world_railways import world_railways_geograph as g
    nodes = [[float(lat), float(lon)] for lat, lon in g.nodes]
    edges, dropped = [], 0
    for u, nbrs in enumerate(g.graph):
        for v, w in nbrs.items():
            if u == v:
                dropped += 1
            elif u < v:
                edges.append([u, v, float(w)])
    write(out, {
        "name": "world_railways",
        "source": "scgraph_data 2.0.0 (PyPI) world_railways.py; OpenStreetMap railways via scgraph",
        "license": "scgraph_data: MIT (Connor Makowski); underlying data (c) OpenStreetMap contributors, ODbL 1.0",
        "notes": f"edge weights copied verbatim (km); {dropped} self-loop arcs dropped",
    }, nodes, edges)


def marnet(out):
    from searoute.data.marnet_dict import edge_list, node_list
    keys = list(node_list)
    index = {k: i for i, k in enumerate(keys)}
    norm = lambda lon: lon - 360.0 if lon > 180 else (lon + 360.0 if lon < -180 else lon)
    nodes = [[float(lat), float(norm(lon))] for lon, lat in keys]
    edges, passages, seen = [], {}, set()
    for a, nbrs in edge_list.items():
        for b, attrs in nbrs.items():
            u, v = index[a], index[b]
            if u == v or (min(u, v), max(u, v)) in seen:
                continue
            seen.add((min(u, v), max(u, v)))
            km = round(haversine(nodes[u], nodes[v]), 3)
            p = attrs.get("passage")
            if p:
                passages.setdefault(p, []).append(len(edges))
            edges.append([u, v, km])
    write(out, {
        "name": "marnet_searoute",
        "source": "searoute 1.6.0 (PyPI) searoute/data/marnet_dict.py",
        "license": "searoute-py: Apache-2.0 (Gent Halili); network credited to Eurostat searoute (EUPL), "
                   "based on the ORNL CTA Global Shipping Lane Network",
        "notes": "weights = haversine(R=6371.0088 km) rounded to 3 dp; longitudes normalised to [-180, 180]; "
                 "antimeridian twins kept as separate nodes joined by zero-length pacific_ocean edges; "
                 "searoute's default restriction is ['northwest']",
        "passage_names": sorted(passages),
    }, nodes, edges, passages)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    os.makedirs(out, exist_ok=True)
    railways(os.path.join(out, "railways_world.json.gz"))
    marnet(os.path.join(out, "marnet.json.gz"))


if __name__ == "__main__":
    main()
