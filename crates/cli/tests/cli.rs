//! Tests of the `silkroute` binary, run as a user would run it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_silkroute");

/// The core crate's small fixture network.
const MINI: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../core/tests/data/mini.geojson"
);

/// [`MINI`] as a path.
fn mini() -> PathBuf {
    PathBuf::from(MINI)
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("silkroute-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn silkroute(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run silkroute")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 stderr")
}

#[track_caller]
fn assert_code(o: &Output, code: i32) {
    assert_eq!(
        o.status.code(),
        Some(code),
        "exit status {:?}\nstdout:\n{}\nstderr:\n{}",
        o.status,
        stdout(o),
        stderr(o)
    );
    assert!(!stderr(o).contains("panicked"), "{}", stderr(o));
}

/// Asserts that standard output contains `needle`.
#[track_caller]
fn assert_stdout_has(o: &Output, needle: &str) {
    let out = stdout(o);
    assert!(out.contains(needle), "stdout lacks {needle:?}:\n{out}");
}

/// Asserts that standard error contains `needle`.
#[track_caller]
fn assert_stderr_has(o: &Output, needle: &str) {
    let err = stderr(o);
    assert!(err.contains(needle), "stderr lacks {needle:?}:\n{err}");
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// The arguments `head`, then `--from from --to to`, then `tail`.
fn trip<'a>(head: &[&'a str], from: &'a str, to: &'a str, tail: &[&'a str]) -> Vec<&'a str> {
    [head, &["--from", from, "--to", to], tail].concat()
}

/// Writes a broken copy of the fixture and returns its path.
fn broken(dir: &Path, name: &str, edit: impl FnOnce(&mut serde_json::Value)) -> PathBuf {
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(mini()).expect("fixture")).expect("JSON");
    edit(&mut v);
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_vec_pretty(&v).expect("JSON")).expect("write");
    path
}

fn leg_props<'a>(v: &'a mut serde_json::Value, id: &str) -> &'a mut serde_json::Value {
    let features = v["features"].as_array_mut().expect("features");
    let f = features
        .iter_mut()
        .find(|f| f["properties"]["id"] == id)
        .expect("feature");
    &mut f["properties"]
}

// --- terminals -------------------------------------------------------------------

#[test]
fn terminals_table() {
    let o = silkroute(&["terminals", "--network", path_str(&mini())]);
    assert_code(&o, 0);
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 10, "{text}");
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["ID", "NAME", "COUNTRY", "KIND", "GAUGES"]
    );
    assert!(
        lines.iter().any(|l| l
            .split("  ")
            .filter(|c| !c.is_empty())
            .map(str::trim)
            .collect::<Vec<_>>()
            == ["boyuk-kesik", "Böyük Kəsik", "AZ", "border_station", "1520"]),
        "{text}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("akhalkalaki") && l.ends_with("1435/1520")),
        "{text}"
    );
    // Columns line up by characters, accented names included.
    let name_col = lines[0].find("NAME").expect("NAME");
    for l in &lines[1..] {
        let chars: Vec<char> = l.chars().collect();
        assert_ne!(chars[name_col], ' ', "{l}");
        assert_eq!(chars[name_col - 1], ' ', "{l}");
    }
}

#[test]
fn terminals_default_network_is_the_embedded_one() {
    let o = silkroute(&["terminals"]);
    assert_code(&o, 0);
    assert!(
        stdout(&o).lines().any(|l| l.starts_with("alat ")),
        "{}",
        stdout(&o)
    );
}

#[test]
fn terminals_json() {
    let o = silkroute(&["terminals", "--json", "--network", path_str(&mini())]);
    assert_code(&o, 0);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("stdout is JSON");
    let items = v.as_array().expect("an array");
    assert_eq!(items.len(), 9);
    let alat = items.iter().find(|t| t["id"] == "alat").expect("alat");
    assert_eq!(alat["name"], "Alat");
    assert_eq!(alat["country"], "AZ");
    assert_eq!(alat["kind"], "sea_port");
    assert_eq!(alat["aliases"][0], "Port of Baku");
    assert_eq!(alat["lat"], 39.976);
    assert_eq!(alat["lon"], 49.441);
    for t in items {
        let mut keys: Vec<&str> = t
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            ["aliases", "country", "id", "kind", "lat", "lon", "name"]
        );
    }
}

#[test]
fn terminals_search() {
    let net = mini();
    let o = silkroute(&["terminals", "--search", "BAKU", "--network", path_str(&net)]);
    assert_code(&o, 0);
    let rows: Vec<String> = stdout(&o).lines().skip(1).map(str::to_string).collect();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].starts_with("alat "));

    let o = silkroute(&[
        "terminals",
        "--json",
        "-s",
        "boyuk kesik",
        "--network",
        path_str(&net),
    ]);
    assert_code(&o, 0);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v[0]["name"], "Böyük Kəsik");

    // Nothing matches: exit 1, with a suggestion; JSON is an empty array.
    let o = silkroute(&[
        "terminals",
        "--search",
        "Aktao",
        "--network",
        path_str(&net),
    ]);
    assert_code(&o, 1);
    assert!(o.stdout.is_empty());
    assert_eq!(
        stderr(&o),
        "error: no terminal matches \"Aktao\"; did you mean Aktau?\n"
    );
    let o = silkroute(&[
        "terminals",
        "--json",
        "--search",
        "zzzz",
        "--network",
        path_str(&net),
    ]);
    assert_code(&o, 1);
    assert_eq!(stdout(&o).trim(), "[]");
}

// --- validate --------------------------------------------------------------------

#[test]
fn validate_a_good_file() {
    let o = silkroute(&["validate", path_str(&mini())]);
    assert_code(&o, 0);
    assert_eq!(stdout(&o), "ok: 9 terminals, 11 legs, 5 sources\n");
    assert!(o.stderr.is_empty());
}

#[test]
fn validate_reads_standard_input() {
    let mut child = Command::new(BIN)
        .args(["validate", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let bytes = std::fs::read(mini()).expect("fixture");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(&bytes)
        .expect("write stdin");
    let o = child.wait_with_output().expect("wait");
    assert_code(&o, 0);
    assert!(stdout(&o).starts_with("ok: 9 terminals"));
}

#[test]
fn validate_lists_every_problem_with_its_location() {
    let dir = scratch("validate-broken");
    let file = broken(&dir, "three.geojson", |v| {
        leg_props(v, "tbilisi-poti-rail")["sources"] = serde_json::json!(["nope"]);
        leg_props(v, "kars-istanbul-rail")["time_h"] = serde_json::json!(5);
        leg_props(v, "aktau-alat-ferry")["emission_factor"] = serde_json::json!("glec-nope");
    });
    let o = silkroute(&["validate", path_str(&file)]);
    assert_code(&o, 1);
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    let name = path_str(&file);
    assert!(
        lines
            .iter()
            .all(|l| l.starts_with(&format!("{name}: features["))),
        "{text}"
    );
    assert!(
        text.contains("(id \"tbilisi-poti-rail\"), field `sources`: unknown source \"nope\""),
        "{text}"
    );
    assert!(
        text.contains("(id \"kars-istanbul-rail\"), field `time_h`: average speed"),
        "{text}"
    );
    assert!(
        text.contains(
            "(id \"aktau-alat-ferry\"), field `emission_factor`: unknown emission factor"
        ),
        "{text}"
    );
    assert_eq!(stderr(&o), format!("error: 3 problems in {name}\n"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn validate_files_that_are_not_networks() {
    let dir = scratch("validate-garbage");
    let fixture = std::fs::read(mini()).expect("fixture");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.geojson", Vec::new(), "EOF while parsing"),
        (
            "truncated.geojson",
            fixture[..fixture.len() / 3].to_vec(),
            "EOF while parsing",
        ),
        (
            "binary.bin",
            (0u32..5000)
                .map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8)
                .collect(),
            "not a valid network file",
        ),
        (
            "corrupt.gz",
            vec![0x1f, 0x8b, 0x08, 0x00, 1, 2, 3, 4, 5, 6, 7, 8],
            "corrupt gzip",
        ),
        (
            "malformed.geojson",
            b"{\n\"type\": \"FeatureCollection\",\n\"format\" \"x\"\n}".to_vec(),
            "(line 3, column 10)",
        ),
        (
            "other.json",
            br#"{"type": "FeatureCollection", "features": []}"#.to_vec(),
            "unsupported network format",
        ),
        (
            "utf16.json",
            vec![0xff, 0xfe, b'{', 0, b'}', 0],
            "not a valid network file",
        ),
    ];
    for (name, bytes, fragment) in cases {
        let path = dir.join(name);
        std::fs::write(&path, bytes).expect("write");
        let o = silkroute(&["validate", path_str(&path)]);
        assert_code(&o, 1);
        let out = stdout(&o);
        assert!(
            out.starts_with(path_str(&path)) && out.contains(fragment),
            "{name}: {out}"
        );
        // The same files given as --network are input errors.
        let o = silkroute(&["terminals", "--network", path_str(&path)]);
        assert_code(&o, 2);
        assert!(
            stderr(&o).starts_with("error: cannot load the network "),
            "{name}: {}",
            stderr(&o)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn missing_or_unreadable_files_are_input_errors() {
    let dir = scratch("missing");
    let missing = dir.join("no-such-file.geojson");
    for args in [
        vec!["validate", path_str(&missing)],
        vec!["terminals", "--network", path_str(&missing)],
        vec!["export", "--network", path_str(&missing)],
        // A directory cannot be read as a file.
        vec!["validate", path_str(&dir)],
        vec!["terminals", "--network", path_str(&dir)],
    ] {
        let o = silkroute(&args);
        assert_code(&o, 2);
        let err = stderr(&o);
        assert!(
            err.starts_with("error: ") && err.contains(args.last().copied().unwrap_or_default()),
            "{args:?}: {err}"
        );
        assert!(o.stdout.is_empty(), "{args:?}");
    }
    // An output file in a directory that does not exist.
    let o = silkroute(&[
        "export",
        "--network",
        path_str(&mini()),
        "--output",
        path_str(&dir.join("nope/out.geojson")),
    ]);
    assert_code(&o, 2);
    assert_stderr_has(&o, "nope/out.geojson");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn size_limit_is_an_input_error() {
    let o = silkroute(&["validate", "--max-file-mb", "0", path_str(&mini())]);
    assert_code(&o, 2);
    assert_stderr_has(&o, "over the limit");
    let o = silkroute(&[
        "terminals",
        "--max-file-mb",
        "0",
        "--network",
        path_str(&mini()),
    ]);
    assert_code(&o, 2);
}

// --- export ----------------------------------------------------------------------

#[test]
fn export_validate_and_load_again() {
    let dir = scratch("export");
    let file = dir.join("out.geojson");
    let o = silkroute(&[
        "export",
        "--format",
        "geojson",
        "--network",
        path_str(&mini()),
        "--output",
        path_str(&file),
    ]);
    assert_code(&o, 0);
    assert!(o.stdout.is_empty());
    let o = silkroute(&["validate", path_str(&file)]);
    assert_code(&o, 0);
    assert_eq!(stdout(&o), "ok: 9 terminals, 11 legs, 5 sources\n");
    // The exported file lists the same terminals as the original.
    let a = silkroute(&["terminals", "--json", "--network", path_str(&mini())]);
    let b = silkroute(&["terminals", "--json", "--network", path_str(&file)]);
    assert_code(&b, 0);
    assert_eq!(a.stdout, b.stdout);
    // Standard output gets the same bytes as the file, and exporting the
    // export changes nothing.
    let o = silkroute(&["export", "--network", path_str(&file)]);
    assert_code(&o, 0);
    assert_eq!(o.stdout, std::fs::read(&file).expect("read export"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn export_the_embedded_network() {
    let dir = scratch("export-embedded");
    let o = silkroute(&["export"]);
    assert_code(&o, 0);
    let file = dir.join("eurasia.geojson");
    std::fs::write(&file, &o.stdout).expect("write");
    let v = silkroute(&["validate", path_str(&file)]);
    assert_code(&v, 0);
    let a = silkroute(&["terminals"]);
    let b = silkroute(&["terminals", "--network", path_str(&file)]);
    assert_eq!(a.stdout, b.stdout);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_closed_stdout_ends_quietly() {
    for args in [
        vec!["export"],
        vec!["terminals"],
        vec!["terminals", "--json"],
    ] {
        let mut child = Command::new(BIN)
            .args(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        // Close the reading end before the program writes.
        drop(child.stdout.take());
        let o = child.wait_with_output().expect("wait");
        assert_code(&o, 0);
        assert!(o.stderr.is_empty(), "{args:?}: {}", stderr(&o));
    }
}

// --- usage -----------------------------------------------------------------------

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec!["no-such-command"],
        vec!["export", "--format", "kml"],
        vec!["validate"],
        vec!["terminals", "--max-file-mb", "lots"],
        vec![],
    ] {
        let o = silkroute(&args);
        assert_code(&o, 2);
        assert!(
            stderr(&o).contains("error") || stderr(&o).contains("Usage"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
    let o = silkroute(&["--help"]);
    assert_code(&o, 0);
    for command in ["terminals", "validate", "export"] {
        assert_stdout_has(&o, command);
    }
    let o = silkroute(&["--version"]);
    assert_code(&o, 0);
    assert!(stdout(&o).starts_with("silkroute "));
}

#[test]
fn non_utf8_arguments_do_not_panic() {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bad = std::ffi::OsStr::from_bytes(b"\xff\xfe.geojson");
        let o = Command::new(BIN)
            .arg("validate")
            .arg(bad)
            .output()
            .expect("run");
        assert_code(&o, 2);
        let o = Command::new(BIN)
            .args(["terminals", "--search"])
            .arg(bad)
            .output()
            .expect("run");
        assert!(
            o.status.code() == Some(2) || o.status.code() == Some(1),
            "{:?}",
            o.status
        );
        assert!(!stderr(&o).contains("panicked"));
    }
}

#[path = "route_cli.rs"]
mod route_cli;

#[path = "api_identity.rs"]
mod api_identity;

#[path = "scenarios_cli.rs"]
mod scenarios_cli;

#[path = "matrix_cli.rs"]
mod matrix_cli;

#[path = "bad_input.rs"]
mod bad_input;

#[path = "serve_cli.rs"]
mod serve_cli;

#[path = "corpus.rs"]
mod corpus;
#[path = "map_cli.rs"]
mod map_cli;
#[path = "readme.rs"]
mod readme;
