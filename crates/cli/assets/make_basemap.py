#!/usr/bin/env python3
"""Builds ne_110m_countries.geojson, the base map of `silkroute map`.

Input: countries-110m.json from the npm package world-atlas 2.0.2
(Natural Earth 1:110m Admin 0 countries as TopoJSON):

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python3 make_basemap.py /tmp/package/countries-110m.json > ne_110m_countries.geojson

Decodes the TopoJSON arcs, unwraps rings that cross the antimeridian,
clips every ring to the bounding box below
(Sutherland-Hodgman against a rectangle), rounds to 0.01 degree and writes
one Feature per country with its name. Standard library only.
"""

import json
import sys

# lon_min, lat_min, lon_max, lat_max: Europe, Africa, the Middle East and Asia.
BBOX = (-25.0, -40.0, 150.0, 75.0)
DIGITS = 2


def decode_arcs(topo):
    tr = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        pts, x, y = [], 0, 0
        for p in arc:
            if tr:
                x, y = x + p[0], y + p[1]
                pts.append((x * tr["scale"][0] + tr["translate"][0], y * tr["scale"][1] + tr["translate"][1]))
            else:
                pts.append((p[0], p[1]))
        arcs.append(pts)
    return arcs


def ring(arcs, indexes):
    pts = []
    for i in indexes:
        a = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        pts.extend(a if not pts else a[1:])
    return pts


def unwrap(pts):
    """Shifts longitudes by 360 where a ring crosses the antimeridian, so no
    segment jumps across the whole map (Fiji, Chukotka)."""
    out, shift = [], 0.0
    for i, (x, y) in enumerate(pts):
        if i:
            dx = x + shift - out[-1][0]
            if dx > 180:
                shift -= 360
            elif dx < -180:
                shift += 360
        out.append((x + shift, y))
    return out


def clip(pts):
    """Sutherland-Hodgman clip of a closed ring to BBOX."""
    x0, y0, x1, y1 = BBOX
    edges = [
        (lambda p: p[0] >= x0, lambda a, b: (x0, a[1] + (b[1] - a[1]) * (x0 - a[0]) / (b[0] - a[0]))),
        (lambda p: p[0] <= x1, lambda a, b: (x1, a[1] + (b[1] - a[1]) * (x1 - a[0]) / (b[0] - a[0]))),
        (lambda p: p[1] >= y0, lambda a, b: (a[0] + (b[0] - a[0]) * (y0 - a[1]) / (b[1] - a[1]), y0)),
        (lambda p: p[1] <= y1, lambda a, b: (a[0] + (b[0] - a[0]) * (y1 - a[1]) / (b[1] - a[1]), y1)),
    ]
    for inside, cut in edges:
        if not pts:
            break
        out = []
        prev = pts[-1]
        for cur in pts:
            if inside(cur):
                if not inside(prev):
                    out.append(cut(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cut(prev, cur))
            prev = cur
        pts = out
    return pts


def tidy(pts):
    out = []
    for x, y in pts:
        p = [round(x, DIGITS), round(y, DIGITS)]
        if not out or out[-1] != p:
            out.append(p)
    if len(out) >= 2 and out[0] == out[-1]:
        out.pop()
    if len(out) < 3:
        return None
    out.append(out[0])
    return out


def main(path):
    topo = json.load(open(path, encoding="utf-8"))
    arcs = decode_arcs(topo)
    features = []
    for g in topo["objects"]["countries"]["geometries"]:
        if g.get("type") == "Polygon":
            polys = [g["arcs"]]
        elif g.get("type") == "MultiPolygon":
            polys = g["arcs"]
        else:
            continue
        out = []
        for poly in polys:
            rings = [tidy(clip(unwrap(ring(arcs, r)))) for r in poly]
            if rings and rings[0]:
                out.append([r for r in rings if r])
        if out:
            features.append({
                "type": "Feature",
                "properties": {"name": g.get("properties", {}).get("name", "")},
                "geometry": {"type": "MultiPolygon", "coordinates": out},
            })
    fc = {
        "type": "FeatureCollection",
        "source": "Natural Earth 1:110m Admin 0 countries (public domain), via world-atlas 2.0.2",
        "bbox": list(BBOX),
        "features": features,
    }
    json.dump(fc, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "countries-110m.json")
