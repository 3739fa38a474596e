//! Finding terminals by name: `find`, `search`, `nearest`.

use crate::common::*;
use silkroute_core::*;

#[test]
fn find_ignores_case_accents_and_punctuation() {
    let net = mini();
    for q in [
        "Böyük Kəsik",
        "boyuk kesik",
        "BOYUK-KESIK",
        "böyük-kəsik",
        "boyuk-kesik",
        "  Boyuk   Kesik ",
    ] {
        assert_eq!(
            net.find(q).map(|t| t.id.as_str()).ok(),
            Some("boyuk-kesik"),
            "{q}"
        );
    }
    assert_eq!(net.find("İstanbul").expect("found").id.as_str(), "istanbul");
    assert_eq!(net.find("port of baku").expect("alias").id.as_str(), "alat");
    assert_eq!(net.find("AQTAU").expect("alias").id.as_str(), "aktau");
    assert_eq!(
        net.find_idx("kars").expect("id"),
        net.terminal_idx("kars").expect("id")
    );
}

#[test]
fn find_xian_in_the_dataset() {
    let net = Network::eurasia();
    let id = net.find("Xi'an").expect("Xi'an").id.clone();
    for q in ["XI'AN", "xian", "Xi an", "xi-an"] {
        assert_eq!(net.find(q).expect(q).id, id, "{q}");
    }
    assert_eq!(
        net.find("Böyük Kəsik")
            .expect("Böyük Kəsik")
            .country
            .as_str(),
        "AZ"
    );
}

#[test]
fn typos_get_suggestions_best_first() {
    for net in [mini(), Network::eurasia()] {
        let err = net.find("Aktao").expect_err("no such terminal");
        assert_eq!(
            err.suggestions().first().map(String::as_str),
            Some("Aktau"),
            "{err}"
        );
        assert!(err.suggestions().len() <= 3);
        assert!(
            err.to_string()
                .starts_with("unknown terminal \"Aktao\": did you mean Aktau"),
            "{err}"
        );
    }
    let net = mini();
    let err = net.find("Tblisi").expect_err("typo");
    assert_eq!(
        err.suggestions().first().map(String::as_str),
        Some("Tbilisi")
    );
    let err = net.find("Akhalk").expect_err("prefix");
    assert_eq!(
        err.suggestions().first().map(String::as_str),
        Some("Akhalkalaki")
    );
    // Nothing close: no suggestions, and the message says so plainly.
    let err = net.find("Zzyzx Qwv").expect_err("nothing close");
    assert!(err.suggestions().is_empty());
    assert_eq!(err.to_string(), "unknown terminal \"Zzyzx Qwv\"");
    assert!(matches!(err, Error::UnknownTerminal { ref query, .. } if query == "Zzyzx Qwv"));
}

#[test]
fn empty_query_finds_nothing_and_suggests_nothing() {
    let net = mini();
    for q in ["", "   ", "'-.", "\u{200b}"] {
        let err = net.find(q).expect_err("empty query");
        assert!(err.suggestions().is_empty(), "{q:?}: {err}");
    }
}

#[test]
fn search_matches_substrings_of_any_name() {
    let net = mini();
    let ids = |q: &str| {
        net.search(q)
            .iter()
            .map(|t| t.id.as_str())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids("bak"), ["alat"]);
    assert_eq!(ids("ISTANBUL"), ["istanbul"]);
    assert_eq!(ids("kesik"), ["boyuk-kesik"]);
    // "Baku International Sea Trade Port" is an alias of Alat.
    assert_eq!(ids("ak"), ["aktau", "alat", "akhalkalaki"]);
    assert_eq!(ids("").len(), net.terminals().len());
    assert!(ids("no such place").is_empty());
}

#[test]
fn nearest_with_a_filter() {
    let net = mini();
    // Central Baku is 50 km from Alat.
    let (t, d) = net.nearest(40.41, 49.87, |_| true).expect("a terminal");
    assert_eq!(t.id.as_str(), "alat");
    assert!((d.get() - great_circle(40.41, 49.87, t.lat, t.lon).get()).abs() < 1e-9);
    assert!(d.get() < 70.0, "{d}");
    // The nearest border station to Baku.
    let (t, _) = net
        .nearest(40.41, 49.87, |t| t.kind == TerminalKind::BorderStation)
        .expect("one");
    assert_eq!(t.id.as_str(), "boyuk-kesik");
    // The nearest terminal with transfers to Kars is Akhalkalaki, not Kars itself.
    let (t, _) = net
        .nearest(40.603, 43.095, |t| t.handling.is_some())
        .expect("one");
    assert_eq!(t.id.as_str(), "akhalkalaki");
    // At the exact spot the distance is zero.
    let (t, d) = net.nearest(40.603, 43.095, |_| true).expect("one");
    assert_eq!((t.id.as_str(), d.get()), ("kars", 0.0));
    // Nothing passes, or the position is not a number: None.
    assert!(net.nearest(40.0, 45.0, |_| false).is_none());
    assert!(net.nearest(f64::NAN, 45.0, |_| true).is_none());
    assert!(net.nearest(40.0, f64::INFINITY, |_| true).is_none());
}

#[test]
fn nearest_follows_the_great_circle_across_the_antimeridian() {
    let net = mini();
    // From the Bering Strait the nearest terminal is Almaty (the most
    // easterly); Euclidean distance on raw degrees would get this wrong only
    // across the date line, so check a point just east of it too.
    let (t, _) = net.nearest(65.0, -170.0, |_| true).expect("one");
    assert_eq!(t.id.as_str(), "almaty");
    let (t, _) = net.nearest(0.0, 179.9, |_| true).expect("one");
    assert_eq!(t.id.as_str(), "almaty");
}
