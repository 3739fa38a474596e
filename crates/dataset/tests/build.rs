//! The dataset build: the committed network is what the tables build, a
//! table edit changes the network, and broken tables are reported at the
//! file, line and column at fault.

use silkroute_dataset::{Error, build, check, default_geojson_path, default_tables_dir};
use std::fs;
use std::path::{Path, PathBuf};

/// A copy of the tables in a fresh directory, with one file edited.
fn tables_with(name: &str, file: &str, edit: impl FnOnce(String) -> String) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("silkroute-dataset-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("temp dir");
    for entry in fs::read_dir(default_tables_dir()).expect("tables") {
        let path = entry.expect("entry").path();
        fs::copy(&path, dir.join(path.file_name().expect("name"))).expect("copy");
    }
    let path = dir.join(file);
    let text = fs::read_to_string(&path).expect("table");
    let edited = edit(text.clone());
    assert_ne!(edited, text, "the edit of {file} changed nothing");
    fs::write(&path, edited).expect("write");
    dir
}

/// Replaces the one occurrence of `from`.
fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "{from:?} is not unique");
    text.replacen(from, to, 1)
}

fn line_of(dir: &Path, file: &str, needle: &str) -> usize {
    let text = fs::read_to_string(dir.join(file)).expect("table");
    text.lines()
        .position(|l| l.contains(needle))
        .map(|i| i + 1)
        .expect("needle")
}

fn table_error(dir: &Path) -> (String, Option<usize>, Option<String>, String) {
    match build(dir) {
        Err(Error::Table { at, message }) => (at.file, at.line, at.field, message),
        Err(other) => panic!("expected a table error, got {other}"),
        Ok(_) => panic!("the broken tables built"),
    }
}

#[test]
fn the_committed_network_is_what_the_tables_build() {
    let built =
        check(&default_tables_dir(), &default_geojson_path()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(built.network.legs().len(), 175);
    let total: usize = built.methods.values().sum();
    assert_eq!(total, 798);
}

#[test]
fn a_table_edit_changes_the_network_and_check_names_it() {
    let dir = tables_with("edit", "leg_values.csv", |t| {
        replace_once(
            &t,
            "lanzhou-urumqi-rail,distance_km,1904,",
            "lanzhou-urumqi-rail,distance_km,1910,",
        )
    });
    let built = build(&dir).unwrap_or_else(|e| panic!("{e}"));
    let leg = built.network.leg("lanzhou-urumqi-rail").expect("leg");
    assert_eq!(leg.distance.get(), 1910.0);
    // the Chinese speed is derived from this distance, so every CN leg moves
    let speed_note = &built
        .network
        .leg("xian-lanzhou-rail")
        .expect("leg")
        .provenance["time_h"];
    assert!(
        speed_note
            .note
            .as_deref()
            .is_some_and(|n| n.contains("+ Lanxin 1,904")),
        "{speed_note:?}"
    );
    match check(&dir, &default_geojson_path()) {
        Err(Error::Differs { summary, .. }) => {
            // the first twelve changed legs, by id, then a count
            assert!(
                summary.contains("changed (36): leg basel-duisburg-rail;"),
                "{summary}"
            );
            assert!(summary.contains("leg chengdu-lanzhou-rail"), "{summary}");
            assert!(summary.contains("... and 24 more"), "{summary}");
        }
        other => panic!("expected a difference, got {other:?}"),
    }
}

#[test]
fn a_bad_value_is_located_at_its_row_and_column() {
    let dir = tables_with("value", "leg_values.csv", |t| {
        replace_once(
            &t,
            "jinghe-khorgos-rail,distance_km,286,",
            "jinghe-khorgos-rail,distance_km,midpoint(286),",
        )
    });
    let (file, line, field, message) = table_error(&dir);
    assert_eq!(file, "leg_values.csv");
    assert_eq!(
        line,
        Some(line_of(&dir, &file, "jinghe-khorgos-rail,distance_km"))
    );
    assert_eq!(field.as_deref(), Some("value"));
    assert!(
        message.contains("midpoint takes 2 argument(s)"),
        "{message}"
    );
}

#[test]
fn a_malformed_cell_is_located() {
    let dir = tables_with("cell", "terminals.csv", |t| {
        replace_once(
            &t,
            "aktogay,Aktogay,KZ,rail_terminal,",
            "aktogay,Aktogay,KZ,rail_station,",
        )
    });
    let (file, line, field, message) = table_error(&dir);
    assert_eq!(file, "terminals.csv");
    assert_eq!(line, Some(line_of(&dir, &file, "aktogay,Aktogay")));
    assert_eq!(field.as_deref(), Some("kind"));
    assert!(message.contains("rail_station"), "{message}");
}

#[test]
fn unknown_references_are_located() {
    let dir = tables_with("speed", "legs.csv", |t| {
        replace_once(
            &t,
            "xian-lanzhou-rail,xian,lanzhou,rail,1435,rail-cn,china-feeder,measured-rail,,cn,",
            "xian-lanzhou-rail,xian,lanzhou,rail,1435,rail-cn,china-feeder,measured-rail,,cnn,",
        )
    });
    let (file, _, field, message) = table_error(&dir);
    assert_eq!(
        (file.as_str(), field.as_deref()),
        ("legs.csv", Some("speed"))
    );
    assert!(message.contains("unknown speed \"cnn\""), "{message}");

    let dir = tables_with("terminal", "aliases.csv", |t| {
        t.replacen("xian,Xian", "xiann,Xian", 1)
    });
    let (file, line, field, message) = table_error(&dir);
    assert_eq!(
        (file.as_str(), line, field.as_deref()),
        ("aliases.csv", Some(2), Some("terminal"))
    );
    assert!(message.contains("unknown terminal \"xiann\""), "{message}");

    let dir = tables_with("rate", "costs.toml", |t| {
        replace_once(&t, "forty = \"per_km(erai)\"", "forty = \"per_km(eria)\"")
    });
    let (file, _, field, message) = table_error(&dir);
    assert_eq!(file, "costs.toml");
    assert!(field.is_some_and(|f| f.ends_with(".forty")));
    assert!(message.contains("unknown rate \"eria\""), "{message}");
}

#[test]
fn distances_that_refer_to_each_other_are_a_cycle() {
    let dir = tables_with("cycle", "leg_values.csv", |t| {
        let t = replace_once(
            &t,
            "lanzhou-urumqi-rail,distance_km,1904,",
            "lanzhou-urumqi-rail,distance_km,\"difference(2000, distance(urumqi-alashankou-rail))\",",
        );
        replace_once(
            &t,
            "urumqi-alashankou-rail,distance_km,460,",
            "urumqi-alashankou-rail,distance_km,\"difference(2000, distance(lanzhou-urumqi-rail))\",",
        )
    });
    let (file, _, _, message) = table_error(&dir);
    assert_eq!(file, "legs.csv");
    assert!(message.contains("refer to each other"), "{message}");
}

#[test]
fn a_toml_syntax_error_gives_its_line() {
    let dir = tables_with("toml", "rules.toml", |t| {
        replace_once(&t, "[speed.kz]", "[speed.kz")
    });
    let (file, line, _, _) = table_error(&dir);
    assert_eq!(file, "rules.toml");
    assert_eq!(line, Some(line_of(&dir, &file, "[speed.kz")));
}

#[test]
fn the_validator_s_problems_name_the_table_row() {
    let dir = tables_with("validator", "terminals.csv", |t| {
        replace_once(
            &t,
            "tashkent,Tashkent,UZ,rail_terminal,41.33,",
            "tashkent,Tashkent,UZ,rail_terminal,41.33e3,",
        )
    });
    match build(&dir) {
        Err(Error::Network { issues }) => {
            let row = line_of(&dir, "terminals.csv", "tashkent,Tashkent");
            let located = issues
                .iter()
                .find(|i| i.issue.location.id.as_deref() == Some("tashkent"));
            let located = located.unwrap_or_else(|| panic!("{issues:?}"));
            assert_eq!(located.row.as_ref().and_then(|r| r.line), Some(row));
            assert!(located.to_string().contains("latitude"), "{located}");
        }
        other => panic!("expected validation problems, got {other:?}"),
    }
}
