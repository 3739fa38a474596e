//! Export then load gives back the same network: on the fixture, on the
//! embedded dataset and on random valid networks.

use crate::common::*;
use proptest::prelude::*;
use silkroute_core::*;

/// Fixed seed, so a failure reproduces on every machine.
const SEED: u64 = 0x5117_2026;

/// Modest case count: each case builds and parses two networks.
const CASES: u32 = 48;

#[track_caller]
fn assert_same(a: &Network, b: &Network) {
    assert_eq!(a.meta(), b.meta());
    assert_eq!(a.sources(), b.sources());
    assert_eq!(a.emission_factors(), b.emission_factors());
    assert_eq!(a.corridors(), b.corridors());
    assert_eq!(a.terminals(), b.terminals());
    assert_eq!(a.legs(), b.legs());
    assert_eq!(a.place_count(), b.place_count());
    assert_eq!(a.link_count(), b.link_count());
}

/// Both exports, the compact value and the line-per-feature writer.
fn reload_both(net: &Network) -> (Network, Network, Vec<u8>) {
    let value = net.to_geojson();
    let a = Network::from_slice(&serde_json::to_vec(&value).expect("serialise"))
        .expect("to_geojson reloads");
    let mut text = Vec::new();
    net.write_geojson(&mut text).expect("write to memory");
    let b = Network::from_slice(&text).expect("write_geojson reloads");
    (a, b, text)
}

#[test]
fn fixture_round_trips() {
    let net = mini();
    let (a, b, text) = reload_both(&net);
    assert_same(&net, &a);
    assert_same(&net, &b);
    // The writer is deterministic and a fixpoint.
    let mut again = Vec::new();
    b.write_geojson(&mut again).expect("write");
    assert_eq!(text, again);
    // One feature per line, so changes diff well.
    let s = String::from_utf8(text).expect("UTF-8");
    let feature_lines = s
        .lines()
        .filter(|l| {
            l.trim_start().starts_with("{\"geometry\"") || l.contains("\"type\":\"Feature\"")
        })
        .count();
    assert_eq!(
        feature_lines,
        net.terminals().len() + net.legs().len(),
        "{s}"
    );
}

#[test]
fn fixture_round_trip_keeps_optional_fields() {
    let net = mini();
    let (_, b, _) = reload_both(&net);
    let ferry = b.leg("aktau-alat-ferry").expect("ferry");
    assert_eq!(ferry.sailings_per_week, Some(2.0));
    assert_eq!(
        ferry.capacity,
        Some(Capacity::new(89000.0, CapacityUnit::TeuPerYear))
    );
    assert_eq!(ferry.provenance["wait_h"].range, Some([48.0, 168.0]));
    assert!(!b.leg("poti-istanbul-sea").expect("sea").bidirectional);
    assert_eq!(b.leg("almaty-aktau-rail").expect("rail").geometry.len(), 3);
    assert_eq!(b.find("boyuk kesik").expect("found").name, "Böyük Kəsik");
    assert_eq!(b.meta().dataset_version.as_deref(), Some("test-1"));
}

#[test]
fn eurasia_round_trips() {
    let net = Network::eurasia();
    let (a, b, _) = reload_both(&net);
    assert_same(&net, &a);
    assert_same(&net, &b);
    // The shipped text loads to the same network as the embedded one.
    let shipped = Network::from_json_str(eurasia_geojson()).expect("shipped text");
    assert_same(&net, &shipped);
}

#[test]
fn builder_networks_without_geometry_get_straight_lines() {
    let kz: CountryCode = "KZ".parse().expect("KZ");
    let net = NetworkBuilder::new()
        .source(Source::new("s", "Title", "Publisher", 2024, Grade::A))
        .emission_factor(EmissionFactor::new("ef", 20.0, EmissionUnit::GPerTkm, "s"))
        .terminal(Terminal::new(
            "a",
            "A",
            kz,
            TerminalKind::DryPort,
            43.0,
            76.0,
        ))
        .terminal(Terminal::new(
            "b",
            "B",
            kz,
            TerminalKind::DryPort,
            44.0,
            77.0,
        ))
        .leg(
            Leg::new("ab", "a", "b", Mode::Road, Km(150.0), Hours(3.0))
                .emission_factor("ef")
                .source("s"),
        )
        .build()
        .expect("valid");
    assert_eq!(
        net.leg("ab").expect("leg").geometry,
        vec![(43.0, 76.0), (44.0, 77.0)]
    );
    // 20 g/tkm × 150 km × 20 t / 1000 = 60 kg for a 40ft box.
    assert!((net.leg("ab").expect("leg").co2e.forty.get() - 60.0).abs() < 1e-9);
    let (a, _, _) = reload_both(&net);
    assert_same(&net, &a);
}

// --- Random valid networks ------------------------------------------------------

const COUNTRIES: [&str; 5] = ["KZ", "AZ", "GE", "TR", "CN"];
const KINDS: [TerminalKind; 6] = [
    TerminalKind::SeaPort,
    TerminalKind::RiverPort,
    TerminalKind::RailTerminal,
    TerminalKind::DryPort,
    TerminalKind::BorderStation,
    TerminalKind::LogisticsCentre,
];
const GAUGES: [Gauge; 2] = [Gauge::STANDARD, Gauge::RUSSIAN];
const SOURCES: [&str; 3] = ["src-a", "src-b", "src-c"];
const TAGS: [&str; 3] = ["middle-corridor", "trans-caspian", "btk"];

#[derive(Debug, Clone)]
struct TerminalSpec {
    lat: f64,
    lon: f64,
    country: usize,
    kind: usize,
    gauges: u8,
    handling: Option<(f64, f64, f64)>,
    alias: bool,
}

#[derive(Debug, Clone)]
struct LegSpec {
    from: usize,
    to_offset: usize,
    mode: usize,
    detour: f64,
    speed_share: f64,
    wait: f64,
    cost: (f64, f64),
    one_way: bool,
    capacity: Option<f64>,
    sailings: Option<f64>,
    tags: u8,
    passages: u8,
    sources: u8,
    provenance: Option<(usize, f64, f64)>,
}

fn terminal_spec() -> impl Strategy<Value = TerminalSpec> {
    (
        -89.9f64..89.9,
        -179.9f64..179.9,
        0..COUNTRIES.len(),
        0..KINDS.len(),
        0u8..4,
        proptest::option::of((0.0f64..500.0, 0.0f64..500.0, 0.0f64..72.0)),
        any::<bool>(),
    )
        .prop_map(
            |(lat, lon, country, kind, gauges, handling, alias)| TerminalSpec {
                lat,
                lon,
                country,
                kind,
                gauges,
                handling,
                alias,
            },
        )
}

fn leg_spec() -> impl Strategy<Value = LegSpec> {
    (
        (
            0usize..64,
            1usize..64,
            0usize..4,
            1.0f64..1.9,
            0.3f64..0.95,
            0.0f64..200.0,
        ),
        (
            (0.0f64..5000.0, 0.0f64..8000.0),
            any::<bool>(),
            proptest::option::of(1.0f64..1e6),
        ),
        (proptest::option::of(0.5f64..21.0), 0u8..8, 0u8..4, 0u8..8),
        proptest::option::of((0usize..4, 1.0f64..100.0, 100.0f64..200.0)),
    )
        .prop_map(
            |(
                (from, to_offset, mode, detour, speed_share, wait),
                (cost, one_way, capacity),
                (sailings, tags, passages, sources),
                provenance,
            )| {
                LegSpec {
                    from,
                    to_offset,
                    mode,
                    detour,
                    speed_share,
                    wait,
                    cost,
                    one_way,
                    capacity,
                    sailings,
                    tags,
                    passages,
                    sources,
                    provenance,
                }
            },
        )
}

/// A valid network from the specs: distances at least the great circle,
/// speeds within the mode's limit, gauges present at both ends of rail legs.
fn build(terminals: &[TerminalSpec], legs: &[LegSpec], named: bool) -> Network {
    let mut b = NetworkBuilder::new()
        .assumptions(Assumptions::default())
        .source(
            Source::new("src-a", "A title", "Publisher A", 2020, Grade::A)
                .url("https://example.org/a"),
        )
        .source(Source::new(
            "src-b",
            "B title",
            "Publisher B",
            1999,
            Grade::C,
        ))
        .source(Source::new("src-c", "C title", "silkroute", 2026, Grade::D))
        .emission_factor(EmissionFactor::new(
            "ef-tkm",
            20.0,
            EmissionUnit::GPerTkm,
            "src-a",
        ))
        .emission_factor(EmissionFactor::new(
            "ef-teu",
            150.0,
            EmissionUnit::GPerTeuKm,
            "src-b",
        ));
    if named {
        b = b.name("random network").dataset_version("0.0.1");
    }
    let countries: Vec<CountryCode> = COUNTRIES
        .iter()
        .map(|c| c.parse().expect("valid code"))
        .collect();
    for (i, t) in terminals.iter().enumerate() {
        let mut term = Terminal::new(
            format!("t-{i}"),
            format!("Terminal {i}"),
            countries[t.country],
            KINDS[t.kind],
            t.lat,
            t.lon,
        );
        for g in bits(t.gauges, &GAUGES) {
            term = term.gauge(g);
        }
        if t.alias {
            term = term.alias(format!("Términal Ålias {i}"));
        }
        if let Some((c20, c40, h)) = t.handling {
            term = term
                .handling(Handling::new(
                    PerContainer::new(Usd(c20), Usd(c40)),
                    Hours(h),
                ))
                .source("src-c");
            term.provenance.insert(
                "handling.cost_usd".into(),
                Provenance::new(Method::Estimate, Some(SourceId::new("src-c"))),
            );
        }
        b = b.terminal(term);
    }
    for (i, l) in legs.iter().enumerate() {
        let n = terminals.len();
        let (fi, ti) = (l.from % n, (l.from + 1 + l.to_offset % (n - 1)) % n);
        let (f, t) = (&terminals[fi], &terminals[ti]);
        let common: Vec<Gauge> = bits(f.gauges & t.gauges, &GAUGES);
        let mode = match Mode::ALL[l.mode] {
            Mode::Rail if common.is_empty() => Mode::Road,
            m => m,
        };
        let gc = great_circle(f.lat, f.lon, t.lat, t.lon).get();
        let distance = gc * l.detour + 1.0;
        let time = distance / (mode.max_speed_kmh() * l.speed_share);
        let mut leg = Leg::new(
            format!("l-{i}"),
            format!("t-{fi}"),
            format!("t-{ti}"),
            mode,
            Km(distance),
            Hours(time),
        )
        .wait(Hours(l.wait))
        .cost(Usd(l.cost.0), Usd(l.cost.1))
        .emission_factor(if mode == Mode::Sea {
            "ef-teu"
        } else {
            "ef-tkm"
        });
        if mode == Mode::Rail {
            leg = leg.gauge(common[i % common.len()]);
        }
        if l.one_way {
            leg = leg.one_way();
        }
        leg.capacity = l
            .capacity
            .map(|c| Capacity::new(c, CapacityUnit::TeuPerYear));
        leg.sailings_per_week = l.sailings;
        for tag in bits(l.tags, &TAGS) {
            leg = leg.corridor(tag);
        }
        for p in bits(l.passages, &[Passage::Suez, Passage::Bosporus]) {
            leg = leg.passage(p);
        }
        if f.country != t.country {
            leg = leg.border(countries[f.country], countries[t.country]);
        }
        let mut srcs = bits(l.sources, &SOURCES);
        if srcs.is_empty() {
            srcs.push(SOURCES[i % SOURCES.len()]);
        }
        for s in srcs {
            leg = leg.source(s);
        }
        if let Some((field, lo, hi)) = l.provenance {
            let field = ["distance_km", "time_h", "wait_h", "cost_usd"][field];
            let mut p = Provenance::new(Method::Derived, Some(SourceId::new("src-a")));
            p.note = Some(format!("note on {field}: ünïcode \"quoted\""));
            p.range = Some([lo, hi]);
            leg.provenance.insert(field.into(), p);
        }
        b = b.leg(leg);
    }
    let tags_used: std::collections::BTreeSet<&str> =
        legs.iter().flat_map(|l| bits(l.tags, &TAGS)).collect();
    let mut rule = CorridorRule::default();
    rule.modes = vec![Mode::Rail, Mode::Ferry];
    rule.avoid_countries = vec![countries[0]];
    rule.require_passages = vec![Passage::Bosporus];
    rule.require_tags = tags_used.iter().take(1).map(|t| t.to_string()).collect();
    let mut corridor = Corridor::new("random-corridor", "Random corridor", rule);
    corridor.description = named.then(|| "described".to_string());
    b = b.corridor(corridor);
    b.build()
        .unwrap_or_else(|e| panic!("generated network is invalid: {e}"))
}

proptest! {
    #![proptest_config(proptest_config(SEED, CASES))]

    #[test]
    fn random_networks_round_trip(
        terminals in proptest::collection::vec(terminal_spec(), 2..10),
        legs in proptest::collection::vec(leg_spec(), 0..16),
        named in any::<bool>(),
    ) {
        let net = build(&terminals, &legs, named);
        let (a, b, _) = reload_both(&net);
        assert_same(&net, &a);
        assert_same(&net, &b);
    }
}
