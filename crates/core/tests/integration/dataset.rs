//! Invariants of the embedded Eurasian dataset (`Network::eurasia()`).

use silkroute_core::*;

/// Places every study of the corridors names; each must resolve by `find`.
const REQUIRED_PLACES: &[&str] = &[
    "Xi'an",
    "Chongqing",
    "Chengdu",
    "Lianyungang",
    "Urumqi",
    "Shanghai",
    "Alashankou",
    "Dostyk",
    "Khorgos",
    "Altynkol",
    "Almaty",
    "Aktau",
    "Kuryk",
    "Turkmenbashi",
    "Tashkent",
    "Alat",
    "Baku",
    "Astara",
    "Yalama",
    "Boyuk Kesik",
    "Gardabani",
    "Tbilisi",
    "Poti",
    "Batumi",
    "Akhalkalaki",
    "Kars",
    "Ankara",
    "Istanbul",
    "Derince",
    "Mersin",
    "Kapikule",
    "Constanta",
    "Burgas",
    "Varna",
    "Budapest",
    "Vienna",
    "Malaszewicze",
    "Brest",
    "Minsk",
    "Moscow",
    "St Petersburg",
    "Astrakhan",
    "Makhachkala",
    "Anzali",
    "Amirabad",
    "Rasht",
    "Tehran",
    "Bandar Abbas",
    "Sarakhs",
    "Mumbai",
    "Nhava Sheva",
    "Singapore",
    "Colombo",
    "Port Said",
    "Piraeus",
    "Genoa",
    "Rotterdam",
    "Hamburg",
    "Duisburg",
    "Warsaw",
];

#[test]
fn every_required_place_resolves() {
    let net = Network::eurasia();
    let missing: Vec<String> = REQUIRED_PLACES
        .iter()
        .filter_map(|q| net.find(q).err().map(|e| e.to_string()))
        .collect();
    assert!(
        missing.is_empty(),
        "{} places do not resolve:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

#[test]
fn size() {
    let net = Network::eurasia();
    assert!(
        net.terminals().len() >= 80,
        "{} terminals",
        net.terminals().len()
    );
    assert!(net.legs().len() >= 150, "{} legs", net.legs().len());
}

#[test]
fn strongly_connected_around_alat() {
    let net = Network::eurasia();
    let alat = net.find_idx("Alat").expect("Alat is in the dataset");
    let name = |i: usize| net.terminals()[i].id.to_string();
    let unreachable: Vec<String> = net
        .reachable_from(alat)
        .iter()
        .enumerate()
        .filter(|(_, r)| !**r)
        .map(|(i, _)| name(i))
        .collect();
    assert!(
        unreachable.is_empty(),
        "not reachable from Alat: {unreachable:?}"
    );
    let cannot_reach: Vec<String> = (0..net.terminals().len())
        .filter(|&i| {
            !net.reachable_from(TerminalIdx::try_from(i).expect("index from this network"))
                [alat.index()]
        })
        .map(name)
        .collect();
    assert!(
        cannot_reach.is_empty(),
        "cannot reach Alat: {cannot_reach:?}"
    );
}

#[test]
fn every_leg_is_sourced_and_every_reference_resolves() {
    let net = Network::eurasia();
    let resolves = |s: &SourceId| net.source(s).is_some();
    for l in net.legs() {
        assert!(!l.sources.is_empty(), "leg {} has no source", l.id);
        assert!(
            l.sources.iter().all(resolves),
            "leg {}: {:?}",
            l.id,
            l.sources
        );
        for (field, p) in &l.provenance {
            assert!(
                p.source.as_ref().is_none_or(resolves),
                "leg {} provenance {field}",
                l.id
            );
        }
    }
    for t in net.terminals() {
        assert!(
            t.sources.iter().all(resolves),
            "terminal {}: {:?}",
            t.id,
            t.sources
        );
        for (field, p) in &t.provenance {
            assert!(
                p.source.as_ref().is_none_or(resolves),
                "terminal {} provenance {field}",
                t.id
            );
        }
    }
    for e in net.emission_factors() {
        assert!(resolves(&e.source), "emission factor {}", e.id);
    }
}

#[test]
fn distances_are_at_least_the_great_circle() {
    let net = Network::eurasia();
    for (i, l) in net.legs().iter().enumerate() {
        let (f, t) = net
            .leg_ends(LegIdx::try_from(i).expect("index from this network"))
            .expect("index from this network");
        let (f, t) = (
            net.terminal_at(f).expect("index from this network"),
            net.terminal_at(t).expect("index from this network"),
        );
        let gc = great_circle(f.lat, f.lon, t.lat, t.lon);
        assert!(
            l.distance.get() >= 0.98 * gc.get(),
            "leg {}: {} < 0.98 × {gc:.1}",
            l.id,
            l.distance
        );
    }
}

#[test]
fn every_numeric_leg_field_has_provenance() {
    let net = Network::eurasia();
    let missing: Vec<String> = net
        .legs()
        .iter()
        .flat_map(|l| {
            ["distance_km", "time_h", "wait_h", "cost_usd"]
                .into_iter()
                .filter(|f| !l.provenance.contains_key(*f))
                .map(move |f| format!("{}.{f}", l.id))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "{} fields without provenance, e.g. {:?}",
        missing.len(),
        &missing[..missing.len().min(10)]
    );
}

#[test]
fn corridor_definitions_exist() {
    let net = Network::eurasia();
    let ids: Vec<&str> = net.corridors().iter().map(|c| c.id.as_str()).collect();
    for id in ["middle-corridor", "northern", "sea-suez", "sea-cape"] {
        assert!(ids.contains(&id), "no corridor {id:?} in {ids:?}");
    }
    let instc = ids.iter().filter(|id| id.starts_with("instc")).count();
    assert!(
        instc >= 2,
        "the INSTC branches (ids starting with \"instc\"): {ids:?}"
    );
}
