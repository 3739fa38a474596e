//! Bad input, end to end: the `silkroute` binary fed broken files, absurd
//! numbers, unknown names, contradictory constraints, huge and invalid
//! arguments. Every case must end with the documented exit code (1 no
//! result, 2 input error) and a message that says what is wrong, never a
//! panic (exit 101) and never a hang (each run has a deadline and is killed
//! when it passes it).
//!
//! Most tests are tables of [`Case`]s run by [`check`].

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{BIN, MINI, mini, path_str, scratch, trip};

/// Longest a single run may take (debug build, two cores, other tests
/// running alongside).
const DEADLINE: Duration = Duration::from_secs(120);

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// The arguments as a failure message shows them (long ones cut short).
fn shown<S: AsRef<OsStr>>(args: &[S]) -> Vec<String> {
    args.iter()
        .map(|a| a.as_ref().to_string_lossy().chars().take(60).collect())
        .collect()
}

/// Runs the binary with a deadline; kills it and fails the test on expiry.
fn run<S: AsRef<OsStr>>(args: &[S]) -> Run {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn silkroute");
    // Drain both pipes on threads so a chatty child cannot block on a full pipe.
    let mut out = child.stdout.take().expect("piped");
    let mut err = child.stderr.take().expect("piped");
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            let shown = shown(args);
            panic!("silkroute {shown:?} hung: killed after {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stdout = String::from_utf8_lossy(&t_out.join().expect("reader")).into_owned();
    let stderr = String::from_utf8_lossy(&t_err.join().expect("reader")).into_owned();
    let code = status.code().unwrap_or(-1);
    assert!(
        code != 101 && !stderr.contains("panicked"),
        "silkroute {:?} panicked (exit {code}):\n{stderr}",
        shown(args)
    );
    Run {
        code,
        stdout,
        stderr,
    }
}

/// A command line, the exit code it must end with, and the fragments its
/// message (stdout and stderr together) must contain.
type Case<'a, S> = (Vec<S>, i32, &'a [&'a str]);

/// Runs every case in order and checks its exit code and message; returns
/// the runs, in the same order, for the checks a table cannot express.
#[track_caller]
fn check<S: AsRef<OsStr>>(cases: &[Case<'_, S>]) -> Vec<Run> {
    let mut runs = Vec::with_capacity(cases.len());
    for (args, code, needles) in cases {
        let r = run(args);
        let all = format!("{}{}", r.stdout, r.stderr);
        let shown = shown(args);
        assert_eq!(
            r.code,
            *code,
            "silkroute {shown:?}: exit code\nstdout:\n{}\nstderr:\n{}",
            clip(&r.stdout),
            clip(&r.stderr)
        );
        for n in *needles {
            assert!(
                all.contains(n),
                "silkroute {shown:?}: message lacks {n:?}\nstdout:\n{}\nstderr:\n{}",
                clip(&r.stdout),
                clip(&r.stderr)
            );
        }
        runs.push(r);
    }
    runs
}

fn clip(s: &str) -> String {
    s.chars().take(2000).collect()
}

/// `route` on the fixture network from Almaty to Istanbul, then `tail`.
fn almaty_istanbul<'a>(tail: &[&'a str]) -> Vec<&'a str> {
    trip(&["route", "--network", MINI], "Almaty", "Istanbul", tail)
}

fn mini_text() -> String {
    std::fs::read_to_string(mini()).expect("fixture")
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write");
    p
}

/// The fixture with one text replacement (which must apply).
fn edited(dir: &Path, name: &str, from: &str, to: &str) -> PathBuf {
    let text = mini_text();
    assert!(text.contains(from), "fixture lacks {from}");
    write(dir, name, text.replacen(from, to, 1))
}

/// A gzip stream of `data`, made by the system `gzip` (the test crate has no
/// gzip dependency); `None` when `gzip` is not installed.
fn gzip(data: &[u8]) -> Option<Vec<u8>> {
    let mut child = Command::new("gzip")
        .arg("-c")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take()?;
    let data = data.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&data));
    let out = child.wait_with_output().ok()?;
    writer.join().ok()?.ok()?;
    out.status.success().then_some(out.stdout)
}

// --- broken files ----------------------------------------------------------------

/// The file-reading commands, each given `file` as its network.
fn file_commands(file: &str) -> Vec<Vec<&str>> {
    let mut commands = vec![
        vec!["terminals", "--network", file],
        vec!["export", "--network", file],
    ];
    for cmd in ["route", "compare", "pareto", "matrix"] {
        commands.push(trip(&[cmd, "--network", file], "Almaty", "Istanbul", &[]));
    }
    commands
}

/// `validate` reports the problem (exit 1); every other command refuses to
/// load the network (exit 2) with the same explanation.
#[track_caller]
fn rejected_everywhere(file: &Path, needle: &str) {
    let f = path_str(file);
    let reported = [needle];
    let refused = ["cannot load the network", needle];
    let mut cases: Vec<Case<'_, &str>> = vec![(vec!["validate", f], 1, &reported)];
    for args in file_commands(f) {
        cases.push((args, 2, &refused));
    }
    check(&cases);
}

#[test]
fn empty_file() {
    let d = scratch("empty");
    rejected_everywhere(&write(&d, "empty.geojson", ""), "EOF while parsing");
}

#[test]
fn binary_file() {
    let d = scratch("binary");
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let f = write(&d, "binary.geojson", bytes);
    let f = path_str(&f);
    check(&[
        (vec!["validate", f], 1, &["not a valid network file"]),
        (
            vec!["terminals", "--network", f],
            2,
            &["not a valid network file"],
        ),
    ]);
}

#[test]
fn truncated_file() {
    let d = scratch("truncated");
    let text = mini_text();
    let f = write(&d, "truncated.geojson", &text[..text.len() / 2]);
    rejected_everywhere(&f, "EOF while parsing");
}

#[test]
fn corrupt_gzip() {
    let d = scratch("gzip");
    // The gzip magic followed by garbage.
    let f = write(
        &d,
        "garbage.geojson.gz",
        [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xde, 0xad, 0xbe, 0xef],
    );
    rejected_everywhere(&f, "corrupt gzip");
    if let Some(gz) = gzip(mini_text().as_bytes()) {
        let f = write(&d, "cut.geojson.gz", &gz[..gz.len() / 2]);
        rejected_everywhere(&f, "corrupt gzip");
    }
}

#[test]
fn enormous_file_is_refused_by_the_size_limit() {
    let d = scratch("enormous");
    // Valid JSON (whitespace, then the fixture) just over 1 MiB.
    let mut big = vec![b' '; 1024 * 1024];
    big.extend_from_slice(mini_text().as_bytes());
    let f = write(&d, "big.geojson", &big);
    let f = path_str(&f);
    check(&[
        (
            vec!["validate", "--max-file-mb", "1", f],
            2,
            &["over the limit of 1048576", "--max-file-mb"],
        ),
        (
            trip(
                &["route", "--network", f, "--max-file-mb", "1"],
                "Almaty",
                "Istanbul",
                &[],
            ),
            2,
            &["over the limit", "--max-file-mb"],
        ),
        // The limit can be raised.
        (
            vec!["validate", "--max-file-mb", "2", f],
            0,
            &["ok: 9 terminals"],
        ),
    ]);
    // A gzip bomb: small on disk, over the limit once decompressed.
    if let Some(gz) = gzip(&vec![b' '; 3 * 1024 * 1024]) {
        assert!(gz.len() < 100_000);
        let f = write(&d, "bomb.geojson.gz", gz);
        check(&[(
            vec!["validate", "--max-file-mb", "1", path_str(&f)],
            2,
            &["over the limit", "--max-file-mb"],
        )]);
    }
}

#[test]
fn deeply_nested_json_is_an_error_not_a_stack_overflow() {
    let d = scratch("nested");
    let deep_array = write(&d, "deep.geojson", "[".repeat(200_000));
    let deep_object = format!("{}{}", "{\"a\":".repeat(100_000), "1");
    let deep_object = write(&d, "deep2.geojson", deep_object);
    let deep_scenario = "{\"a\":".repeat(20_000);
    let nesting = &["recursion limit exceeded"][..];
    let runs = check(&[
        (vec!["validate", path_str(&deep_array)], 1, nesting),
        (vec!["validate", path_str(&deep_object)], 1, nesting),
        // An inline scenario nested as deep.
        (
            trip(
                &["route"],
                "Almaty",
                "Istanbul",
                &["--scenario", &deep_scenario],
            ),
            2,
            nesting,
        ),
    ]);
    assert!(
        runs[2].stderr.len() < 10_000,
        "the message repeats the whole input"
    );
}

#[test]
fn wrong_types_name_the_field() {
    let d = scratch("types");
    let field = edited(
        &d,
        "t.geojson",
        "\"distance_km\": 470",
        "\"distance_km\": \"far\"",
    );
    let features = edited(
        &d,
        "t2.geojson",
        "\"features\": [",
        "\"features\": {\"oops\": 1}, \"x\": [",
    );
    let array = write(&d, "t3.geojson", "[1, 2, 3]");
    check(&[
        (
            vec!["validate", path_str(&field)],
            1,
            &["aktau-alat-ferry", "properties.distance_km", "invalid type"],
        ),
        (
            vec!["validate", path_str(&features)],
            1,
            &["expected an array"],
        ),
        (vec!["validate", path_str(&array)], 1, &["not an object"]),
    ]);
}

#[test]
fn non_finite_negative_and_absurd_numbers() {
    let d = scratch("numbers");
    let distance = |name, to| edited(&d, name, "\"distance_km\": 470", to);
    let inf = distance("inf.geojson", "\"distance_km\": 1e999");
    let nan = distance("nan.geojson", "\"distance_km\": NaN");
    let neg = distance("neg.geojson", "\"distance_km\": -470");
    let absurd = edited(
        &d,
        "absurd.geojson",
        "\"20\": 900, \"40\": 1300",
        "\"20\": 1e300, \"40\": 1300",
    );
    let lat = edited(&d, "lat.geojson", "[51.17, 43.65]}", "[51.17, 95.0]}");
    check(&[
        (
            vec!["validate", path_str(&inf)],
            1,
            &["number out of range"],
        ),
        (
            vec!["validate", path_str(&nan)],
            1,
            &["not a valid network file"],
        ),
        (
            vec!["validate", path_str(&neg)],
            1,
            &["aktau-alat-ferry", "negative"],
        ),
        (
            vec!["validate", path_str(&absurd)],
            1,
            &["aktau-alat-ferry", "implausibly large"],
        ),
        (vec!["validate", path_str(&lat)], 1, &["aktau"]),
    ]);
}

#[test]
fn unknown_and_duplicate_ids() {
    let d = scratch("ids");
    let unknown = edited(
        &d,
        "unknown.geojson",
        "\"from\": \"aktau\", \"to\": \"alat\"",
        "\"from\": \"nowhere\", \"to\": \"alat\"",
    );
    let dup = edited(
        &d,
        "dup.geojson",
        "\"id\": \"aktau\", \"name\"",
        "\"id\": \"almaty\", \"name\"",
    );
    let country = edited(
        &d,
        "country.geojson",
        "\"country\": \"TR\"",
        "\"country\": \"XX\"",
    );
    check(&[
        (
            vec!["validate", path_str(&unknown)],
            1,
            &["aktau-alat-ferry", "unknown terminal \"nowhere\""],
        ),
        (
            vec!["validate", path_str(&dup)],
            1,
            &["duplicate terminal id \"almaty\""],
        ),
        (
            vec!["validate", path_str(&country)],
            1,
            &["unknown country code \"XX\""],
        ),
    ]);
}

// --- networks that load but are awkward to route on -------------------------------

/// A valid network whose legs and handling cost nothing, both ways.
fn zero_cost_network(d: &Path) -> PathBuf {
    let mut v: serde_json::Value = serde_json::from_str(&mini_text()).expect("JSON");
    for f in v["features"].as_array_mut().expect("features") {
        let p = &mut f["properties"];
        if p["kind"] == "leg" {
            p["cost_usd"] = serde_json::json!({"20": 0, "40": 0});
            p["wait_h"] = serde_json::json!(0);
        } else if let Some(h) = p.get_mut("handling") {
            h["cost_usd"] = serde_json::json!({"20": 0, "40": 0});
        }
    }
    write(d, "zero.geojson", serde_json::to_vec(&v).expect("JSON"))
}

#[test]
fn zero_cost_cycles_terminate_with_a_correct_route() {
    let d = scratch("zero");
    let zero = zero_cost_network(&d);
    let f = path_str(&zero);
    let mut cases: Vec<Case<'_, &str>> = vec![(vec!["validate", f], 0, &["ok"])];
    for cmd in ["route", "pareto", "compare"] {
        cases.push((
            trip(&[cmd, "--network", f], "Almaty", "Istanbul", &["--json"]),
            0,
            &["\"api_version\":1"],
        ));
    }
    cases.push((
        trip(
            &["route", "--network", f],
            "Almaty",
            "Istanbul",
            &["--json", "--alternatives", "5"],
        ),
        0,
        &[],
    ));
    let runs = check(&cases);
    let v: serde_json::Value = serde_json::from_str(&runs[4].stdout).expect("JSON");
    let routes = v["routes"].as_array().expect("routes");
    for route in routes {
        assert_eq!(
            route["totals"]["cost_usd"], 0.0,
            "every route costs nothing"
        );
        let legs = route["legs"].as_array().expect("legs");
        assert_eq!(legs[0]["from"]["name"], "Almaty");
        assert_eq!(legs[legs.len() - 1]["to"]["name"], "Istanbul");
        // Loopless: no terminal twice.
        let mut seen: Vec<&str> = legs
            .iter()
            .filter_map(|l| l["to"]["name"].as_str())
            .collect();
        seen.push("Almaty");
        let n = seen.len();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), n, "a route visits a terminal twice");
    }
}

#[test]
fn disconnected_network_says_there_is_no_route_and_why() {
    let d = scratch("disconnected");
    // Drop the Caspian ferry: Almaty and Aktau are cut off from the rest.
    let mut v: serde_json::Value = serde_json::from_str(&mini_text()).expect("JSON");
    v["features"]
        .as_array_mut()
        .expect("features")
        .retain(|f| f["properties"]["id"] != "aktau-alat-ferry");
    v["corridors"] = serde_json::json!([]);
    let cut = write(&d, "cut.geojson", serde_json::to_vec(&v).expect("JSON"));
    let f = path_str(&cut);
    check(&[
        (vec!["validate", f], 0, &["ok"]),
        (
            trip(&["route", "--network", f], "Almaty", "Istanbul", &[]),
            1,
            &["no route from Almaty to Istanbul", "cannot be reached"],
        ),
        (
            trip(
                &["route", "--network", f],
                "Almaty",
                "Istanbul",
                &["--json"],
            ),
            1,
            &["\"kind\":\"no_route\""],
        ),
        (
            trip(&["pareto", "--network", f], "Almaty", "Istanbul", &[]),
            1,
            &["no route"],
        ),
        (
            trip(&["matrix", "--network", f], "Almaty", "Istanbul,Poti", &[]),
            0,
            &["no_route"],
        ),
    ]);
}

// --- bad requests -----------------------------------------------------------------

#[test]
fn unknown_names_get_suggestions() {
    let mut cases: Vec<Case<'_, &str>> = Vec::new();
    for cmd in ["route", "compare", "pareto"] {
        cases.push((
            trip(&[cmd, "--network", MINI], "Almaty", "Istambul", &[]),
            2,
            &["unknown terminal \"Istambul\"", "did you mean Istanbul"],
        ));
    }
    cases.extend([
        (
            almaty_istanbul(&["--avoid-country", "XX"]),
            2,
            &["unknown country code \"XX\""][..],
        ),
        (
            almaty_istanbul(&["--avoid-passage", "atlantis"]),
            2,
            &["unknown passage \"atlantis\""],
        ),
        (
            almaty_istanbul(&["--modes", "teleport"]),
            2,
            &[
                "invalid value 'teleport' for '--modes",
                "rail, road, sea, ferry",
            ],
        ),
        (
            almaty_istanbul(&["--avoid-leg", "aktau-alat-ferri"]),
            2,
            &["unknown leg", "aktau-alat-ferry"],
        ),
        (
            trip(&["matrix", "--network", MINI], "Almaty", "Istambul", &[]),
            2,
            &["unknown terminal \"Istambul\""],
        ),
        (
            vec!["terminals", "--network", MINI, "--search", "Atlantis"],
            1,
            &["no terminal matches"],
        ),
    ]);
    check(&cases);
}

#[test]
fn unknown_objectives_and_scenarios() {
    let d = scratch("scenarios");
    let empty = write(&d, "empty.json", "");
    let f = path_str(&empty);
    check(&[
        (
            almaty_istanbul(&["--objective", "fastest"]),
            2,
            &["invalid value 'fastest'", "possible values"],
        ),
        (
            almaty_istanbul(&["--scenario", "atlantis"]),
            2,
            &["unknown scenario \"atlantis\""],
        ),
        (
            trip(
                &["diff", "--network", MINI],
                "Almaty",
                "Istanbul",
                &["--scenario", "atlantis"],
            ),
            2,
            &["unknown scenario"],
        ),
        (vec!["scenarios", f], 1, &["not valid JSON"]),
        (
            trip(&["route"], "Almaty", "Istanbul", &["--scenario", f]),
            2,
            &["not valid JSON"],
        ),
    ]);
}

#[test]
fn contradictory_constraints() {
    let almaty_almaty = |tail| trip(&["route", "--network", MINI], "Almaty", "Almaty", tail);
    check(&[
        (
            almaty_istanbul(&["--avoid-terminal", "Almaty"]),
            2,
            &["contradictory", "origin and also avoided"],
        ),
        (
            almaty_istanbul(&["--avoid-country", "TR"]),
            2,
            &["contradictory", "country TR is avoided"],
        ),
        (almaty_almaty(&[]), 2, &["nothing to route"]),
        // Found by fuzzing: through itself to itself was an empty "route".
        (
            almaty_almaty(&["--via", "Almaty"]),
            2,
            &["nothing to route"],
        ),
        // Consistent but unsatisfiable: exit 1 with the constraint that cuts it off.
        (
            almaty_istanbul(&["--modes", "rail"]),
            1,
            &["no route", "rail only"],
        ),
        (
            almaty_istanbul(&["--max-transfers", "0"]),
            1,
            &["no route", "transfer"],
        ),
    ]);
}

#[test]
fn absurd_request_numbers() {
    let mut cases: Vec<Case<'_, &str>> = Vec::new();
    for v in ["NaN", "inf", "1e999", "-5", "1e300"] {
        let generalized = ["--objective", "generalized"];
        cases.push((
            almaty_istanbul(&[&generalized[..], &["--value-of-time", v]].concat()),
            2,
            &["invalid value of time"],
        ));
        cases.push((
            almaty_istanbul(&[&generalized[..], &["--carbon-price", v]].concat()),
            2,
            &["invalid carbon price"],
        ));
    }
    cases.extend([
        (
            trip(
                &["pareto", "--network", MINI],
                "Almaty",
                "Istanbul",
                &["--epsilon", "NaN"],
            ),
            2,
            &["invalid epsilon"][..],
        ),
        (
            trip(&["route", "--network", MINI], "91,0", "Istanbul", &[]),
            2,
            &["latitude must be within"],
        ),
        (
            almaty_istanbul(&["--max-transfers", "99999999999"]),
            2,
            &["--max-transfers"],
        ),
        // A huge transfer limit that fits is the same as no limit.
        (
            almaty_istanbul(&["--max-transfers", "4294967295"]),
            0,
            &["Best route"],
        ),
    ]);
    check(&cases);
}

#[test]
fn request_limits_name_the_limit() {
    let vias: Vec<&str> = (0..17).flat_map(|_| ["--via", "Alat"]).collect();
    let matrix = |max_pairs| {
        trip(
            &["matrix", "--network", MINI],
            "Almaty,Aktau",
            "Istanbul,Poti",
            &["--max-pairs", max_pairs],
        )
    };
    check(&[
        (
            almaty_istanbul(&["--alternatives", "1000"]),
            2,
            &[
                "alternatives is 1000, over the limit of 20",
                "max_alternatives",
            ],
        ),
        (
            almaty_istanbul(&vias),
            2,
            &["waypoints is 17, over the limit of 16", "max_via"],
        ),
        (
            matrix("3"),
            2,
            &["matrix pairs", "over the limit of 3", "--max-pairs"],
        ),
        (matrix("4"), 0, &["Almaty,Istanbul"]),
    ]);
}

#[test]
fn very_long_arguments() {
    // Linux caps one argument at 128 KiB (MAX_ARG_STRLEN), so a 1 MB name
    // cannot be passed; 120 KB is the longest the kernel allows.
    let long = "Almaty".repeat(20_000);
    let xian_duisburg = |option| trip(&["route"], "Xi'an", "Duisburg", &[option, &long]);
    let start = Instant::now();
    let runs = check(&[
        (
            trip(&["route", "--network", MINI], &long, "Istanbul", &[]),
            2,
            &["unknown terminal"],
        ),
        (xian_duisburg("--avoid-leg"), 2, &["unknown leg"]),
        (xian_duisburg("--avoid-corridor"), 2, &["unknown corridor"]),
        (
            vec!["terminals", "--search", &long],
            1,
            &["no terminal matches"],
        ),
        (xian_duisburg("--scenario"), 2, &["unknown scenario"]),
    ]);
    assert!(
        runs[4].stderr.len() < 10_000,
        "the message repeats the whole argument"
    );
    // Suggestions are skipped for absurd names, so this is quick even in a
    // debug build (it took tens of seconds before).
    assert!(
        start.elapsed() < Duration::from_secs(60),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn invalid_utf8_arguments() {
    let bad = OsStr::from_bytes(b"Alm\xffaty");
    let m = mini();
    let word = OsStr::new;
    let missing = OsStr::from_bytes(b"/nonexistent/\xff.geojson");
    check(&[
        (
            vec![
                word("route"),
                word("--network"),
                m.as_os_str(),
                word("--from"),
                bad,
                word("--to"),
                word("Istanbul"),
            ],
            2,
            &["invalid UTF-8"],
        ),
        (
            vec![word("terminals"), word("--search"), bad],
            2,
            &["invalid UTF-8"],
        ),
        // A path that is not UTF-8 is a file that does not exist, not a crash.
        (vec![word("validate"), missing], 2, &["No such file"]),
        (
            vec![word("terminals"), word("--network"), missing],
            2,
            &["cannot load the network"],
        ),
    ]);
}

#[test]
fn missing_and_unreadable_files() {
    let d = scratch("dir");
    check(&[
        (
            vec!["validate", "/nonexistent/net.geojson"],
            2,
            &["No such file"],
        ),
        (
            trip(
                &["route", "--network", "/nonexistent/net.geojson"],
                "a",
                "b",
                &[],
            ),
            2,
            &["cannot load the network", "No such file"],
        ),
        // A directory is not a file.
        (vec!["validate", path_str(&d)], 2, &[]),
        (
            vec!["export", "--output", "/nonexistent/dir/out.geojson"],
            2,
            &["/nonexistent/dir/out.geojson"],
        ),
    ]);
}

// --- batch (plain networks) ---------------------------------------------------------

#[test]
fn batch_with_broken_networks_and_pairs() {
    let d = scratch("batch");
    let net = write(
        &d,
        "ng.json",
        r#"{"meta":{"format":"netgraph-v1"},"nodes":[[0,0],[1,1],[2,2]],"edges":[[0,1,150],[1,2,150]]}"#,
    );
    let pairs = write(&d, "pairs.csv", "o,d\n0,2\n0,7\nabc,1\n-1,2\n");
    let bad_header = write(&d, "header.csv", "x,y\n1,2\n");
    let pairs = path_str(&pairs);
    let batch = |net, pairs| vec!["batch", "--network", net, "--pairs", pairs];
    let mut cases: Vec<Case<'_, &str>> = vec![
        // Bad pairs keep their row, with the reason.
        (
            batch(path_str(&net), pairs),
            0,
            &[
                "0,2,300",
                "node 7 out of range",
                "is not a non-negative integer",
            ],
        ),
        (
            batch(path_str(&net), path_str(&bad_header)),
            2,
            &["header must be `o,d`"],
        ),
        (
            [batch(path_str(&net), pairs), vec!["--objective", "time"]].concat(),
            2,
            &["carry distance only"],
        ),
    ];
    let broken: Vec<(PathBuf, &[&str])> = [
        ("empty.json", String::new(), &["EOF while parsing"]),
        (
            "invalid.json",
            r#"{"meta":{"format":"netgraph-v1"},"nodes":[[0,0],[100,1]],"edges":[[0,5,"NaN"]]}"#
                .to_string(),
            &["out of range"],
        ),
        ("deep.json", "[".repeat(100_000), &["malformed JSON"]),
        (
            "wrong.json",
            r#"{"meta":{"format":"netgraph-v9"},"nodes":[],"edges":[]}"#.to_string(),
            &["wrong format tag"],
        ),
    ]
    .into_iter()
    .map(|(name, text, needles)| (write(&d, name, text), needles as &[&str]))
    .collect();
    for (f, needles) in &broken {
        cases.push((batch(path_str(f), pairs), 2, needles));
    }
    cases.push((
        batch("/nonexistent/ng.json", pairs),
        2,
        &["/nonexistent/ng.json"],
    ));
    let runs = check(&cases);
    assert_eq!(runs[0].stdout.lines().count(), 5, "{}", runs[0].stdout);
}
