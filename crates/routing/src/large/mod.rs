//! Search on large plain networks (netgraph-v1, GeoJSON line networks).
