//! `silkroute matrix` and `silkroute map`, run as a user would run them.

use super::{assert_code, assert_stderr_has, path_str, scratch, silkroute, stdout, trip};

#[test]
fn matrix_csv_has_a_header_and_one_row_per_pair_in_order() {
    let o = silkroute(&trip(
        &["matrix"],
        "Xi'an,Chongqing",
        "Duisburg,Hamburg,Xi'an",
        &["--objective", "time"],
    ));
    assert_code(&o, 0);
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "origin,destination,corridor,distance_km,time_h,cost_usd,co2e_kg,transfers,status"
    );
    assert_eq!(lines.len(), 1 + 6, "{text}");
    let pairs: Vec<(String, String, String)> = lines[1..]
        .iter()
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0].to_string(), f[1].to_string(), f[8].to_string())
        })
        .collect();
    assert_eq!(pairs[0], ("Xi'an".into(), "Duisburg".into(), "ok".into()));
    assert_eq!(
        pairs[2],
        (
            "Xi'an".into(),
            "Xi'an".into(),
            "same_origin_destination".into()
        )
    );
    assert_eq!(pairs[3].0, "Chongqing");
    assert_eq!(pairs[5], ("Chongqing".into(), "Xi'an".into(), "ok".into()));
    // An ok row has every figure; the others have empty cells.
    let first: Vec<&str> = lines[1].split(',').collect();
    assert!(first[3..8].iter().all(|c| !c.is_empty()), "{}", lines[1]);
    assert!(lines[3].contains(",,,,,,"), "{}", lines[3]);
}

#[test]
fn matrix_keeps_unreachable_pairs() {
    let o = silkroute(&trip(
        &["matrix"],
        "Mumbai,Xi'an",
        "Duisburg",
        &["--modes", "rail", "--threads", "2"],
    ));
    assert_code(&o, 0);
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(
        lines[1].starts_with("Mumbai,Duisburg,") && lines[1].ends_with(",no_route"),
        "{text}"
    );
    assert!(
        lines[2].starts_with("Xi'an,Duisburg,") && lines[2].ends_with(",ok"),
        "{text}"
    );
}

#[test]
fn matrix_reads_lists_from_files_and_writes_a_file() {
    let dir = scratch("matrix-files");
    let from = dir.join("origins.txt");
    let to = dir.join("destinations.txt");
    let out = dir.join("matrix.csv");
    std::fs::write(
        &from,
        "# Chinese terminals\nXi'an\n\nChongqing   # Yuxinou\n",
    )
    .expect("write");
    std::fs::write(&to, "Duisburg\n# Hamburg\n").expect("write");
    let o = silkroute(&[
        "matrix",
        "--from-file",
        path_str(&from),
        "--to-file",
        path_str(&to),
        "--output",
        path_str(&out),
    ]);
    assert_code(&o, 0);
    assert!(stdout(&o).is_empty());
    let text = std::fs::read_to_string(&out).expect("output file");
    let origins: Vec<&str> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap_or(""))
        .collect();
    assert_eq!(origins, ["Xi'an", "Chongqing"]);
}

#[test]
fn matrix_json_and_geojson_parse() {
    let o = silkroute(&trip(
        &["matrix"],
        "Xi'an,Almaty",
        "Duisburg,Almaty",
        &["--format", "json"],
    ));
    assert_code(&o, 0);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v["api_version"], 1);
    let rows = v["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0]["status"], "ok");
    assert!(rows[0]["cost_usd"].as_f64().is_some_and(|c| c > 0.0));
    assert_eq!(rows[3]["status"], "same_origin_destination");
    assert!(rows[3]["cost_usd"].is_null());

    let o = silkroute(&trip(
        &["matrix"],
        "Xi'an,Almaty",
        "Duisburg,Almaty",
        &["--format", "geojson"],
    ));
    assert_code(&o, 0);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("GeoJSON");
    assert_eq!(v["type"], "FeatureCollection");
    let features = v["features"].as_array().expect("features");
    assert_eq!(features.len(), 4);
    assert_eq!(features[0]["geometry"]["type"], "LineString");
    assert_eq!(features[0]["properties"]["origin"], "Xi'an");
    assert!(features[3]["geometry"].is_null());
}

#[test]
fn matrix_input_errors_exit_2_with_a_suggestion() {
    let o = silkroute(&["matrix", "--from", "Xian,Aktao", "--to", "Duisburg"]);
    assert_code(&o, 2);
    assert_stderr_has(&o, "unknown terminal \"Aktao\"");
    assert_stderr_has(&o, "Aktau");
    let o = silkroute(&trip(
        &["matrix"],
        "Xi'an",
        "Duisburg",
        &["--avoid-country", "XX"],
    ));
    assert_code(&o, 2);
    assert_stderr_has(&o, "XX");
    let o = silkroute(&["matrix", "--to", "Duisburg"]);
    assert_code(&o, 2);
    let o = silkroute(&[
        "matrix",
        "--from-file",
        "/nonexistent/origins.txt",
        "--to",
        "Duisburg",
    ]);
    assert_code(&o, 2);
}

#[test]
fn map_writes_an_svg_with_the_route_and_a_png() {
    let dir = scratch("map");
    let svg = dir.join("route.svg");
    let o = silkroute(&trip(
        &["map"],
        "Xi'an",
        "Duisburg",
        &["--avoid-country", "RU,BY", "--output", path_str(&svg)],
    ));
    assert_code(&o, 0);
    let text = std::fs::read_to_string(&svg).expect("SVG");
    assert!(text.starts_with("<svg"), "{}", &text[..100.min(text.len())]);
    assert!(text.contains(r#"<polyline id="route""#));
    assert!(text.contains("Duisburg") && text.contains("Natural Earth"));
    assert!(text.trim_end().ends_with("</svg>"));

    let png = dir.join("network.png");
    let o = silkroute(&[
        "map",
        "--color-by",
        "corridor",
        "--width",
        "600",
        "--output",
        path_str(&png),
    ]);
    assert_code(&o, 0);
    let bytes = std::fs::read(&png).expect("PNG");
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));

    let o = silkroute(&["map", "--output", path_str(&dir.join("map.gif"))]);
    assert_code(&o, 2);
    let o = silkroute(&trip(
        &["map"],
        "Mumbai",
        "Duisburg",
        &["--modes", "rail", "--output", path_str(&svg)],
    ));
    assert_code(&o, 1);
}
