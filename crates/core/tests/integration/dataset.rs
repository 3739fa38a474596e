//! Invariants of the embedded Eurasian dataset (`Network::eurasia()`).

use silkroute_core::*;

/// Places every study of the corridors names, and spellings of them in other
/// transliterations; each must resolve by `find`.
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
    // other spellings
    "Xian",
    "Ürümqi",
    "Constanța",
    "Böyük Kəsik",
    "Małaszewicze",
    "Sankt-Peterburg",
    "Port of Baku",
    "Khorgos Gateway",
    "Qazvin",
    "Astara (Iran)",
];

/// Names that two places could claim, and the terminal each must find.
const EXPECTED_TERMINALS: &[(&str, &str)] = &[
    ("Astara", "astara-az"),
    ("Astara (Iran)", "astara-ir"),
    ("Brest", "brest"),
    ("Baku", "baku"),
    ("Alat", "alat"),
    ("Port of Baku", "alat"),
    ("Khorgos", "khorgos"),
    ("Khorgos Gateway", "altynkol"),
    ("Malaszewicze", "malaszewicze"),
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
fn ambiguous_names_find_the_intended_terminal() {
    let net = Network::eurasia();
    for (name, id) in EXPECTED_TERMINALS {
        let found = net.find(name).map(|t| t.id.to_string());
        assert_eq!(found.as_deref().ok(), Some(*id), "{name}: {found:?}");
    }
}

/// The dataset's size; update with the tables (crates/core/data/tables).
#[test]
fn size() {
    let net = Network::eurasia();
    assert_eq!(net.terminals().len(), 102);
    assert_eq!(net.legs().len(), 175);
    assert_eq!(net.sources().len(), 90);
    assert_eq!(net.emission_factors().len(), 11);
    assert_eq!(net.grid_intensities().len(), 26);
    assert_eq!(net.hub_factors().len(), 2);
    assert_eq!(net.corridors().len(), 8);
    let with_handling = net.terminals().iter().filter(|t| t.handling.is_some());
    assert_eq!(with_handling.count(), 42);
    let count = |m: Mode| net.legs().iter().filter(|l| l.mode == m).count();
    let modes = [Mode::Rail, Mode::Sea, Mode::Road, Mode::Ferry].map(count);
    assert_eq!(modes, [110, 46, 11, 8], "rail, sea, road, ferry legs");
}

/// How the figures were made (crates/core/data/README.md, Statistics);
/// update with the tables.
#[test]
fn provenance_methods() {
    let net = Network::eurasia();
    let entries = net
        .legs()
        .iter()
        .flat_map(|l| l.provenance.values())
        .chain(net.terminals().iter().flat_map(|t| t.provenance.values()));
    let mut counts = [0usize; 4];
    for p in entries {
        let i = match p.method {
            Method::Published => 0,
            Method::Derived => 1,
            Method::Network => 2,
            _ => 3,
        };
        counts[i] += 1;
    }
    assert_eq!(
        counts,
        [38, 224, 116, 420],
        "published, derived, network, estimate"
    );
}

#[test]
fn handling_wherever_modes_or_gauges_meet() {
    let net = Network::eurasia();
    for (i, t) in net.terminal_indices().zip(net.terminals()) {
        let layers = net.places_of(i).len();
        assert!(layers > 0, "no leg touches {}", t.id);
        assert!(
            layers == 1 || t.handling.is_some(),
            "{} joins {layers} modes or gauges but has no handling",
            t.id
        );
    }
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
            l.distance.get() >= (1.0 - GREAT_CIRCLE_TOLERANCE) * gc.get(),
            "leg {}: {} < (1 - {GREAT_CIRCLE_TOLERANCE}) × {gc:.1}",
            l.id,
            l.distance
        );
    }
}

#[test]
fn every_number_has_provenance_with_a_source() {
    let net = Network::eurasia();
    let leg_fields = net.legs().iter().flat_map(|l| {
        let optional = [
            ("capacity", l.capacity.is_some()),
            ("sailings_per_week", l.sailings_per_week.is_some()),
        ];
        ["distance_km", "time_h", "wait_h", "cost_usd"]
            .into_iter()
            .chain(optional.into_iter().filter(|(_, on)| *on).map(|(f, _)| f))
            .map(move |f| (l.id.to_string(), f, l.provenance.get(f)))
    });
    let handling_fields = net
        .terminals()
        .iter()
        .filter(|t| t.handling.is_some())
        .flat_map(|t| {
            ["handling.cost_usd", "handling.time_h"]
                .into_iter()
                .map(move |f| (t.id.to_string(), f, t.provenance.get(f)))
        });
    let missing: Vec<String> = leg_fields
        .chain(handling_fields)
        .filter(|(_, _, p)| p.is_none_or(|p| p.source.is_none()))
        .map(|(id, f, _)| format!("{id}.{f}"))
        .collect();
    assert!(
        missing.is_empty(),
        "{} figures without a sourced provenance, e.g. {:?}",
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
