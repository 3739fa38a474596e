//! How legs and the route are drawn: `(lat, lon)` polylines, a sea leg
//! that would cross land following the sea lanes.

use super::basemap::Land;
use super::lanes::Lanes;
use silkroute_core::{Mode, Network};
use silkroute_routing::Route;

/// Approximate km between two (lat, lon) points, for lane lengths.
pub(super) fn km(a: (f64, f64), b: (f64, f64)) -> f64 {
    silkroute_core::great_circle(a.0, a.1, b.0, b.1).get()
}

fn polyline_km(p: &[(f64, f64)]) -> f64 {
    p.windows(2).map(|w| km(w[0], w[1])).sum()
}

/// How each leg is drawn, `(lat, lon)` points from its `from` to its `to`
/// end, by leg index: its geometry, or for a sea or ferry leg whose
/// straight line crosses land, its lane path.
pub(super) fn leg_lines(net: &Network, land: &Land) -> Vec<Vec<(f64, f64)>> {
    let lanes = Lanes::load();
    net.legs()
        .iter()
        .map(|l| {
            let g = l.geometry.clone();
            if !matches!(l.mode, Mode::Sea | Mode::Ferry)
                || g.len() != 2
                || !land.crosses(g[0], g[1], 0.6)
            {
                return g;
            }
            match lanes.path(land, g[0], g[1], &l.passages) {
                // A lane drawing far longer than the leg is a worse lie than a straight line.
                Some(p) if polyline_km(&p) <= 2.0 * l.distance.get().max(km(g[0], g[1])) => p,
                _ => g,
            }
        })
        .collect()
}

/// The route's drawing, leg by leg in travel order, from the legs'
/// drawings (`lines`, by leg index).
pub(super) fn route_points(net: &Network, r: &Route, lines: &[Vec<(f64, f64)>]) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::new();
    for rl in &r.legs {
        let Some(idx) = net.leg_idx(rl.leg.as_str()) else {
            continue;
        };
        let mut pts = lines[idx.index()].clone();
        if net
            .leg_ends(idx)
            .is_some_and(|(from, _)| from != rl.from.idx)
        {
            pts.reverse();
        }
        for p in pts {
            if out.last() != Some(&p) {
                out.push(p);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The legs of the embedded network drawn along the lanes, as the map
    /// drew them before its shortest lane path moved to petgraph: leg id,
    /// then the points (`FROM` and `TO` are the leg's ends).
    const LANE_DRAWINGS: &[&str] = &[
        "kuryk-alat-ferry FROM absheron TO",
        "anzali-astrakhan-sea FROM absheron TO",
        "anzali-olya-sea FROM absheron TO",
        "anzali-makhachkala-sea FROM absheron TO",
        "amirabad-makhachkala-sea FROM absheron TO",
        "batumi-burgas-ferry FROM black-c TO",
        "istanbul-burgas-sea FROM bosporus TO",
        "istanbul-poti-sea FROM bosporus black-sw black-c TO",
        "istanbul-batumi-sea FROM bosporus black-sw black-c TO",
        "shanghai-singapore-sea FROM ecs twn scs-n scs-s sgp-e TO",
        "lianyungang-singapore-sea FROM yel ecs twn scs-n scs-s sgp-e TO",
        "lianyungang-shanghai-sea FROM yel ecs TO",
        "singapore-colombo-sea FROM sgp-w malacca andaman dondra TO",
        "colombo-port-said-sea FROM comorin arab-c socotra aden bab red-s red-c red-n gulf-suez suez ps-n TO",
        "nhava-sheva-port-said-sea FROM arab-e socotra aden bab red-s red-c red-n gulf-suez suez ps-n TO",
        "port-said-rotterdam-sea FROM ps-n crete-s crete-sw ionian sicily-ch sardinia-s balearic-s alboran gibraltar st-vincent finisterre ushant channel-w channel-c TO",
        "port-said-hamburg-sea FROM ps-n crete-s crete-sw ionian sicily-ch sardinia-s balearic-s alboran gibraltar st-vincent finisterre ushant channel-w channel-c dover north-sea-s german-bight TO",
        "port-said-genoa-sea FROM ps-n crete-s crete-sw ionian sicily-ch sardinia-s w-sardinia TO",
        "port-said-istanbul-sea FROM crete-e aegean dardanelles TO",
        "port-said-mersin-sea FROM cyprus-e TO",
        "port-said-novorossiysk-sea FROM crete-e aegean dardanelles marmara bosporus black-sw TO",
        "port-said-constanta-sea FROM crete-e aegean dardanelles marmara bosporus TO",
        "colombo-rotterdam-sea-cape FROM io-w sw-io s-madagascar agulhas cape se-atl cape-verde canaries finisterre ushant channel-w channel-c TO",
        "colombo-genoa-sea-cape FROM io-w sw-io s-madagascar agulhas cape se-atl cape-verde canaries st-vincent gibraltar alboran balearic-s w-sardinia TO",
        "singapore-rotterdam-sea-cape FROM sgp-e karimata java-w sunda io-s sw-io s-madagascar agulhas cape se-atl cape-verde canaries finisterre ushant channel-w channel-c TO",
        "singapore-genoa-sea-cape FROM sgp-e karimata java-w sunda io-s sw-io s-madagascar agulhas cape se-atl cape-verde canaries st-vincent gibraltar alboran balearic-s w-sardinia TO",
        "nhava-sheva-colombo-sea FROM arab-e comorin TO",
        "mumbai-colombo-sea FROM arab-e comorin TO",
        "mumbai-bandar-abbas-sea FROM ras-hadd gulf-oman hormuz TO",
        "nhava-sheva-bandar-abbas-sea FROM ras-hadd gulf-oman hormuz TO",
        "piraeus-genoa-sea FROM malea ionian sicily-ch sardinia-s w-sardinia TO",
        "piraeus-istanbul-sea FROM aegean dardanelles TO",
        "mersin-piraeus-sea FROM cyprus-e ps-n crete-e saronic TO",
        "genoa-rotterdam-sea FROM w-sardinia balearic-s alboran gibraltar st-vincent finisterre ushant channel-w channel-c TO",
        "rotterdam-hamburg-sea FROM north-sea-s german-bight TO",
        "hamburg-st-petersburg-sea FROM german-bight north-sea-n skagen kattegat sound baltic-sw baltic-c baltic-n gulf-fin-w gulf-fin-e TO",
        "rotterdam-st-petersburg-sea FROM north-sea-s north-sea-n skagen kattegat sound baltic-sw baltic-c baltic-n gulf-fin-w gulf-fin-e TO",
    ];

    #[test]
    fn the_lane_drawings_of_the_embedded_network_are_unchanged() {
        let net = Network::eurasia();
        let lines = leg_lines(&net, &Land::load());
        let mut along_lanes = 0;
        for (leg, line) in net.legs().iter().zip(&lines) {
            let id = leg.id.as_str();
            let g = &leg.geometry;
            let Some(want) = LANE_DRAWINGS
                .iter()
                .find_map(|d| d.strip_prefix(id)?.strip_prefix(' '))
            else {
                assert_eq!(line, g, "{id} is drawn along its own geometry");
                continue;
            };
            along_lanes += 1;
            let want: Vec<(f64, f64)> = want
                .split(' ')
                .map(|p| match p {
                    "FROM" => g[0],
                    "TO" => g[g.len() - 1],
                    lane => Lanes::point(lane).unwrap_or_else(|| panic!("no lane point {lane}")),
                })
                .collect();
            assert_eq!(line, &want, "{id}");
        }
        assert_eq!(along_lanes, LANE_DRAWINGS.len(), "a leg listed is missing");
    }

    #[test]
    fn a_route_is_drawn_in_travel_order() {
        let net = Network::eurasia();
        let lines = leg_lines(&net, &Land::load());
        let router = silkroute_routing::Router::new(net.clone());
        // Westbound, so legs stored eastbound are reversed.
        let req = silkroute_routing::RouteRequest::new("Duisburg", "Xi'an");
        let route = router.best(&req).expect("a route");
        let pts = route_points(&net, &route, &lines);
        let start = (route.origin.lat, route.origin.lon);
        let end = (route.destination.lat, route.destination.lon);
        assert_eq!(pts.first(), Some(&start));
        assert_eq!(pts.last(), Some(&end));
        assert!(pts.windows(2).all(|w| w[0] != w[1]), "no repeated points");
        // Every stop of the route is on the line, in order.
        let mut at = 0;
        for l in &route.legs {
            let stop = (l.to.lat, l.to.lon);
            let k = pts[at..]
                .iter()
                .position(|p| *p == stop)
                .expect("stop drawn");
            at += k;
        }
    }
}
