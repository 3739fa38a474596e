//! Bad input, end to end: the `silkroute` binary fed broken files, absurd
//! numbers, unknown names, contradictory constraints, huge and invalid
//! arguments. Every case must end with the documented exit code (1 no
//! result, 2 input error) and a message that says what is wrong, never a
//! panic (exit 101) and never a hang (each run has a deadline and is killed
//! when it passes it).

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_silkroute");

/// Longest a single run may take (debug build, two cores, other tests
/// running alongside).
const DEADLINE: Duration = Duration::from_secs(120);

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
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
            let shown: Vec<String> = args
                .iter()
                .map(|a| a.as_ref().to_string_lossy().chars().take(60).collect())
                .collect();
            panic!("silkroute {shown:?} hung: killed after {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stdout = String::from_utf8_lossy(&t_out.join().expect("reader")).into_owned();
    let stderr = String::from_utf8_lossy(&t_err.join().expect("reader")).into_owned();
    let code = status.code().unwrap_or(-1);
    assert!(
        code != 101 && !stderr.contains("panicked"),
        "silkroute panicked (exit {code}):\n{stderr}"
    );
    Run {
        code,
        stdout,
        stderr,
    }
}

/// Asserts the exit code and that the message (stdout + stderr) contains
/// every one of `needles`.
#[track_caller]
fn expect(r: &Run, code: i32, needles: &[&str]) {
    let all = format!("{}{}", r.stdout, r.stderr);
    assert_eq!(
        r.code,
        code,
        "exit code\nstdout:\n{}\nstderr:\n{}",
        clip(&r.stdout),
        clip(&r.stderr)
    );
    for n in needles {
        assert!(
            all.contains(n),
            "message lacks {n:?}\nstdout:\n{}\nstderr:\n{}",
            clip(&r.stdout),
            clip(&r.stderr)
        );
    }
}

fn clip(s: &str) -> String {
    s.chars().take(2000).collect()
}

fn mini() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/data/mini.geojson")
}

fn mini_text() -> String {
    std::fs::read_to_string(mini()).expect("fixture")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("silkroute-bad-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write");
    p
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
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
fn file_commands(file: &str) -> Vec<Vec<String>> {
    let f = file.to_string();
    vec![
        vec!["terminals".into(), "--network".into(), f.clone()],
        vec!["export".into(), "--network".into(), f.clone()],
        vec![
            "route".into(),
            "--network".into(),
            f.clone(),
            "--from".into(),
            "Almaty".into(),
            "--to".into(),
            "Istanbul".into(),
        ],
        vec![
            "compare".into(),
            "--network".into(),
            f.clone(),
            "--from".into(),
            "Almaty".into(),
            "--to".into(),
            "Istanbul".into(),
        ],
        vec![
            "pareto".into(),
            "--network".into(),
            f.clone(),
            "--from".into(),
            "Almaty".into(),
            "--to".into(),
            "Istanbul".into(),
        ],
        vec![
            "matrix".into(),
            "--network".into(),
            f,
            "--from".into(),
            "Almaty".into(),
            "--to".into(),
            "Istanbul".into(),
        ],
    ]
}

/// `validate` reports the problem (exit 1); every other command refuses to
/// load the network (exit 2) with the same explanation.
#[track_caller]
fn rejected_everywhere(file: &Path, needle: &str) {
    expect(&run(&["validate", s(file)]), 1, &[needle]);
    for args in file_commands(s(file)) {
        let r = run(&args);
        expect(&r, 2, &["cannot load the network", needle]);
    }
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
    expect(&run(&["validate", s(&f)]), 1, &["not a valid network file"]);
    expect(
        &run(&["terminals", "--network", s(&f)]),
        2,
        &["not a valid network file"],
    );
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
    let r = run(&["validate", "--max-file-mb", "1", s(&f)]);
    expect(&r, 2, &["over the limit of 1048576", "--max-file-mb"]);
    let r = run(&[
        "route",
        "--network",
        s(&f),
        "--max-file-mb",
        "1",
        "--from",
        "Almaty",
        "--to",
        "Istanbul",
    ]);
    expect(&r, 2, &["over the limit", "--max-file-mb"]);
    // The limit can be raised.
    expect(
        &run(&["validate", "--max-file-mb", "2", s(&f)]),
        0,
        &["ok: 9 terminals"],
    );
    // A gzip bomb: small on disk, over the limit once decompressed.
    if let Some(gz) = gzip(&vec![b' '; 3 * 1024 * 1024]) {
        assert!(gz.len() < 100_000);
        let f = write(&d, "bomb.geojson.gz", gz);
        expect(
            &run(&["validate", "--max-file-mb", "1", s(&f)]),
            2,
            &["over the limit", "--max-file-mb"],
        );
    }
}

#[test]
fn deeply_nested_json_is_an_error_not_a_stack_overflow() {
    let d = scratch("nested");
    let f = write(&d, "deep.geojson", "[".repeat(200_000));
    expect(&run(&["validate", s(&f)]), 1, &["recursion limit exceeded"]);
    let deep_object = format!("{}{}", "{\"a\":".repeat(100_000), "1");
    let f = write(&d, "deep2.geojson", deep_object);
    expect(&run(&["validate", s(&f)]), 1, &["recursion limit exceeded"]);
    // An inline scenario nested as deep.
    let r = run(&[
        "route",
        "--from",
        "Almaty",
        "--to",
        "Istanbul",
        "--scenario",
        &"{\"a\":".repeat(20_000),
    ]);
    expect(&r, 2, &["recursion limit exceeded"]);
    assert!(
        r.stderr.len() < 10_000,
        "the message repeats the whole input"
    );
}

#[test]
fn wrong_types_name_the_field() {
    let d = scratch("types");
    let f = edited(
        &d,
        "t.geojson",
        "\"distance_km\": 470",
        "\"distance_km\": \"far\"",
    );
    expect(
        &run(&["validate", s(&f)]),
        1,
        &["aktau-alat-ferry", "properties.distance_km", "invalid type"],
    );
    let f = edited(
        &d,
        "t2.geojson",
        "\"features\": [",
        "\"features\": {\"oops\": 1}, \"x\": [",
    );
    expect(&run(&["validate", s(&f)]), 1, &["expected an array"]);
    let f = write(&d, "t3.geojson", "[1, 2, 3]");
    expect(&run(&["validate", s(&f)]), 1, &["not an object"]);
}

#[test]
fn non_finite_negative_and_absurd_numbers() {
    let d = scratch("numbers");
    let f = edited(
        &d,
        "inf.geojson",
        "\"distance_km\": 470",
        "\"distance_km\": 1e999",
    );
    expect(&run(&["validate", s(&f)]), 1, &["number out of range"]);
    let f = edited(
        &d,
        "nan.geojson",
        "\"distance_km\": 470",
        "\"distance_km\": NaN",
    );
    expect(&run(&["validate", s(&f)]), 1, &["not a valid network file"]);
    let f = edited(
        &d,
        "neg.geojson",
        "\"distance_km\": 470",
        "\"distance_km\": -470",
    );
    expect(
        &run(&["validate", s(&f)]),
        1,
        &["aktau-alat-ferry", "negative"],
    );
    let f = edited(
        &d,
        "absurd.geojson",
        "\"20\": 900, \"40\": 1300",
        "\"20\": 1e300, \"40\": 1300",
    );
    expect(
        &run(&["validate", s(&f)]),
        1,
        &["aktau-alat-ferry", "implausibly large"],
    );
    let f = edited(&d, "lat.geojson", "[51.17, 43.65]}", "[51.17, 95.0]}");
    expect(&run(&["validate", s(&f)]), 1, &["aktau"]);
}

#[test]
fn unknown_and_duplicate_ids() {
    let d = scratch("ids");
    let f = edited(
        &d,
        "unknown.geojson",
        "\"from\": \"aktau\", \"to\": \"alat\"",
        "\"from\": \"nowhere\", \"to\": \"alat\"",
    );
    expect(
        &run(&["validate", s(&f)]),
        1,
        &["aktau-alat-ferry", "unknown terminal \"nowhere\""],
    );
    let f = edited(
        &d,
        "dup.geojson",
        "\"id\": \"aktau\", \"name\"",
        "\"id\": \"almaty\", \"name\"",
    );
    expect(
        &run(&["validate", s(&f)]),
        1,
        &["duplicate terminal id \"almaty\""],
    );
    let f = edited(
        &d,
        "country.geojson",
        "\"country\": \"TR\"",
        "\"country\": \"XX\"",
    );
    expect(
        &run(&["validate", s(&f)]),
        1,
        &["unknown country code \"XX\""],
    );
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
    let f = zero_cost_network(&d);
    expect(&run(&["validate", s(&f)]), 0, &["ok"]);
    for cmd in ["route", "pareto", "compare"] {
        let r = run(&[
            cmd,
            "--network",
            s(&f),
            "--from",
            "Almaty",
            "--to",
            "Istanbul",
            "--json",
        ]);
        expect(&r, 0, &["\"api_version\":1"]);
    }
    let r = run(&[
        "route",
        "--network",
        s(&f),
        "--from",
        "Almaty",
        "--to",
        "Istanbul",
        "--json",
        "--alternatives",
        "5",
    ]);
    expect(&r, 0, &[]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
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
    let f = write(&d, "cut.geojson", serde_json::to_vec(&v).expect("JSON"));
    expect(&run(&["validate", s(&f)]), 0, &["ok"]);
    let r = run(&[
        "route",
        "--network",
        s(&f),
        "--from",
        "Almaty",
        "--to",
        "Istanbul",
    ]);
    expect(
        &r,
        1,
        &["no route from Almaty to Istanbul", "cannot be reached"],
    );
    let r = run(&[
        "route",
        "--network",
        s(&f),
        "--from",
        "Almaty",
        "--to",
        "Istanbul",
        "--json",
    ]);
    expect(&r, 1, &["\"kind\":\"no_route\""]);
    let r = run(&[
        "pareto",
        "--network",
        s(&f),
        "--from",
        "Almaty",
        "--to",
        "Istanbul",
    ]);
    expect(&r, 1, &["no route"]);
    let r = run(&[
        "matrix",
        "--network",
        s(&f),
        "--from",
        "Almaty",
        "--to",
        "Istanbul,Poti",
    ]);
    expect(&r, 0, &["no_route"]);
}

// --- bad requests -----------------------------------------------------------------

#[test]
fn unknown_names_get_suggestions() {
    let m = mini();
    let net = s(&m);
    for cmd in ["route", "compare", "pareto"] {
        let r = run(&[
            cmd,
            "--network",
            net,
            "--from",
            "Almaty",
            "--to",
            "Istambul",
        ]);
        expect(
            &r,
            2,
            &["unknown terminal \"Istambul\"", "did you mean Istanbul"],
        );
    }
    let r = run(&[
        "route",
        "--network",
        net,
        "--from",
        "Almaty",
        "--to",
        "Istanbul",
        "--avoid-country",
        "XX",
    ]);
    expect(&r, 2, &["unknown country code \"XX\""]);
    let r = run(&[
        "route",
        "--network",
        net,
        "--from",
        "Almaty",
        "--to",
        "Istanbul",
        "--avoid-passage",
        "atlantis",
    ]);
    expect(&r, 2, &["unknown passage \"atlantis\""]);
    let r = run(&[
        "route",
        "--network",
        net,
        "--from",
        "Almaty",
        "--to",
        "Istanbul",
        "--modes",
        "teleport",
    ]);
    expect(
        &r,
        2,
        &[
            "invalid value 'teleport' for '--modes",
            "rail, road, sea, ferry",
        ],
    );
    let r = run(&[
        "route",
        "--network",
        net,
        "--from",
        "Almaty",
        "--to",
        "Istanbul",
        "--avoid-leg",
        "aktau-alat-ferri",
    ]);
    expect(&r, 2, &["unknown leg", "aktau-alat-ferry"]);
    let r = run(&[
        "matrix",
        "--network",
        net,
        "--from",
        "Almaty",
        "--to",
        "Istambul",
    ]);
    expect(&r, 2, &["unknown terminal \"Istambul\""]);
    let r = run(&["terminals", "--network", net, "--search", "Atlantis"]);
    expect(&r, 1, &["no terminal matches"]);
}

#[test]
fn unknown_objectives_and_scenarios() {
    let m = mini();
    let net = s(&m);
    let r = run(&[
        "route",
        "--network",
        net,
        "--from",
        "Almaty",
        "--to",
        "Istanbul",
        "--objective",
        "fastest",
    ]);
    expect(&r, 2, &["invalid value 'fastest'", "possible values"]);
    let r = run(&[
        "route",
        "--network",
        net,
        "--from",
        "Almaty",
        "--to",
        "Istanbul",
        "--scenario",
        "atlantis",
    ]);
    expect(&r, 2, &["unknown scenario \"atlantis\""]);
    let r = run(&[
        "diff",
        "--network",
        net,
        "--from",
        "Almaty",
        "--to",
        "Istanbul",
        "--scenario",
        "atlantis",
    ]);
    expect(&r, 2, &["unknown scenario"]);
    let d = scratch("scenarios");
    let f = write(&d, "empty.json", "");
    let r = run(&["scenarios", s(&f)]);
    expect(&r, 1, &["not valid JSON"]);
    let r = run(&[
        "route",
        "--from",
        "Almaty",
        "--to",
        "Istanbul",
        "--scenario",
        s(&f),
    ]);
    expect(&r, 2, &["not valid JSON"]);
}

#[test]
fn contradictory_constraints() {
    let m = mini();
    let net = s(&m);
    let r = run(&[
        "route",
        "--network",
        net,
        "--from",
        "Almaty",
        "--to",
        "Istanbul",
        "--avoid-terminal",
        "Almaty",
    ]);
    expect(&r, 2, &["contradictory", "origin and also avoided"]);
    let r = run(&[
        "route",
        "--network",
        net,
        "--from",
        "Almaty",
        "--to",
        "Istanbul",
        "--avoid-country",
        "TR",
    ]);
    expect(&r, 2, &["contradictory", "country TR is avoided"]);
    let r = run(&[
        "route",
        "--network",
        net,
        "--from",
        "Almaty",
        "--to",
        "Almaty",
    ]);
    expect(&r, 2, &["nothing to route"]);
    // Found by fuzzing: through itself to itself was an empty "route".
    let r = run(&[
        "route",
        "--network",
        net,
        "--from",
        "Almaty",
        "--to",
        "Almaty",
        "--via",
        "Almaty",
    ]);
    expect(&r, 2, &["nothing to route"]);
    // Consistent but unsatisfiable: exit 1 with the constraint that cuts it off.
    let r = run(&[
        "route",
        "--network",
        net,
        "--from",
        "Almaty",
        "--to",
        "Istanbul",
        "--modes",
        "rail",
    ]);
    expect(&r, 1, &["no route", "rail only"]);
    let r = run(&[
        "route",
        "--network",
        net,
        "--from",
        "Almaty",
        "--to",
        "Istanbul",
        "--max-transfers",
        "0",
    ]);
    expect(&r, 1, &["no route", "transfer"]);
}

#[test]
fn absurd_request_numbers() {
    let m = mini();
    let net = s(&m);
    let base = [
        "route",
        "--network",
        net,
        "--from",
        "Almaty",
        "--to",
        "Istanbul",
        "--objective",
        "generalized",
    ];
    for v in ["NaN", "inf", "1e999", "-5", "1e300"] {
        let mut args = base.to_vec();
        args.extend(["--value-of-time", v]);
        expect(&run(&args), 2, &["invalid value of time"]);
        let mut args = base.to_vec();
        args.extend(["--carbon-price", v]);
        expect(&run(&args), 2, &["invalid carbon price"]);
    }
    let r = run(&[
        "pareto",
        "--network",
        net,
        "--from",
        "Almaty",
        "--to",
        "Istanbul",
        "--epsilon",
        "NaN",
    ]);
    expect(&r, 2, &["invalid epsilon"]);
    let r = run(&[
        "route",
        "--network",
        net,
        "--from",
        "91,0",
        "--to",
        "Istanbul",
    ]);
    expect(&r, 2, &["latitude must be within"]);
    let r = run(&[
        "route",
        "--network",
        net,
        "--from",
        "Almaty",
        "--to",
        "Istanbul",
        "--max-transfers",
        "99999999999",
    ]);
    expect(&r, 2, &["--max-transfers"]);
    // A huge transfer limit that fits is the same as no limit.
    let r = run(&[
        "route",
        "--network",
        net,
        "--from",
        "Almaty",
        "--to",
        "Istanbul",
        "--max-transfers",
        "4294967295",
    ]);
    expect(&r, 0, &["Best route"]);
}

#[test]
fn request_limits_name_the_limit() {
    let m = mini();
    let net = s(&m);
    let r = run(&[
        "route",
        "--network",
        net,
        "--from",
        "Almaty",
        "--to",
        "Istanbul",
        "--alternatives",
        "1000",
    ]);
    expect(
        &r,
        2,
        &[
            "alternatives is 1000, over the limit of 20",
            "max_alternatives",
        ],
    );
    let mut args = vec![
        "route",
        "--network",
        net,
        "--from",
        "Almaty",
        "--to",
        "Istanbul",
    ];
    for _ in 0..17 {
        args.extend(["--via", "Alat"]);
    }
    expect(
        &run(&args),
        2,
        &["waypoints is 17, over the limit of 16", "max_via"],
    );
    let r = run(&[
        "matrix",
        "--network",
        net,
        "--from",
        "Almaty,Aktau",
        "--to",
        "Istanbul,Poti",
        "--max-pairs",
        "3",
    ]);
    expect(
        &r,
        2,
        &["matrix pairs", "over the limit of 3", "--max-pairs"],
    );
    let r = run(&[
        "matrix",
        "--network",
        net,
        "--from",
        "Almaty,Aktau",
        "--to",
        "Istanbul,Poti",
        "--max-pairs",
        "4",
    ]);
    expect(&r, 0, &["Almaty,Istanbul"]);
}

#[test]
fn very_long_arguments() {
    // Linux caps one argument at 128 KiB (MAX_ARG_STRLEN), so a 1 MB name
    // cannot be passed; 120 KB is the longest the kernel allows.
    let long = "Almaty".repeat(20_000);
    let m = mini();
    let net = s(&m);
    let start = Instant::now();
    let r = run(&[
        "route",
        "--network",
        net,
        "--from",
        &long,
        "--to",
        "Istanbul",
    ]);
    expect(&r, 2, &["unknown terminal"]);
    let r = run(&[
        "route",
        "--from",
        "Xi'an",
        "--to",
        "Duisburg",
        "--avoid-leg",
        &long,
    ]);
    expect(&r, 2, &["unknown leg"]);
    let r = run(&[
        "route",
        "--from",
        "Xi'an",
        "--to",
        "Duisburg",
        "--avoid-corridor",
        &long,
    ]);
    expect(&r, 2, &["unknown corridor"]);
    let r = run(&["terminals", "--search", &long]);
    expect(&r, 1, &["no terminal matches"]);
    let r = run(&[
        "route",
        "--from",
        "Xi'an",
        "--to",
        "Duisburg",
        "--scenario",
        &long,
    ]);
    expect(&r, 2, &["unknown scenario"]);
    assert!(
        r.stderr.len() < 10_000,
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
    let r = run(&[
        OsStr::new("route"),
        OsStr::new("--network"),
        m.as_os_str(),
        OsStr::new("--from"),
        bad,
        OsStr::new("--to"),
        OsStr::new("Istanbul"),
    ]);
    expect(&r, 2, &["invalid UTF-8"]);
    let r = run(&[OsStr::new("terminals"), OsStr::new("--search"), bad]);
    expect(&r, 2, &["invalid UTF-8"]);
    // A path that is not UTF-8 is a file that does not exist, not a crash.
    let r = run(&[
        OsStr::new("validate"),
        OsStr::from_bytes(b"/nonexistent/\xff.geojson"),
    ]);
    expect(&r, 2, &["No such file"]);
    let r = run(&[
        OsStr::new("terminals"),
        OsStr::new("--network"),
        OsStr::from_bytes(b"/nonexistent/\xff.geojson"),
    ]);
    expect(&r, 2, &["cannot load the network"]);
}

#[test]
fn missing_and_unreadable_files() {
    let r = run(&["validate", "/nonexistent/net.geojson"]);
    expect(&r, 2, &["No such file"]);
    let r = run(&[
        "route",
        "--network",
        "/nonexistent/net.geojson",
        "--from",
        "a",
        "--to",
        "b",
    ]);
    expect(&r, 2, &["cannot load the network", "No such file"]);
    // A directory is not a file.
    let d = scratch("dir");
    expect(&run(&["validate", s(&d)]), 2, &[]);
    let r = run(&["export", "--output", "/nonexistent/dir/out.geojson"]);
    expect(&r, 2, &["/nonexistent/dir/out.geojson"]);
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
    // Bad pairs keep their row, with the reason.
    let r = run(&["batch", "--network", s(&net), "--pairs", s(&pairs)]);
    expect(
        &r,
        0,
        &[
            "0,2,300",
            "node 7 out of range",
            "is not a non-negative integer",
        ],
    );
    assert_eq!(r.stdout.lines().count(), 5, "{}", r.stdout);
    let bad_header = write(&d, "header.csv", "x,y\n1,2\n");
    let r = run(&["batch", "--network", s(&net), "--pairs", s(&bad_header)]);
    expect(&r, 2, &["header must be `o,d`"]);
    let r = run(&[
        "batch",
        "--network",
        s(&net),
        "--pairs",
        s(&pairs),
        "--objective",
        "time",
    ]);
    expect(&r, 2, &["carry distance only"]);
    for (name, text, needle) in [
        ("empty.json", String::new(), "EOF while parsing"),
        (
            "invalid.json",
            r#"{"meta":{"format":"netgraph-v1"},"nodes":[[0,0],[100,1]],"edges":[[0,5,"NaN"]]}"#
                .to_string(),
            "out of range",
        ),
        ("deep.json", "[".repeat(100_000), "malformed JSON"),
        (
            "wrong.json",
            r#"{"meta":{"format":"netgraph-v9"},"nodes":[],"edges":[]}"#.to_string(),
            "wrong format tag",
        ),
    ] {
        let f = write(&d, name, text);
        let r = run(&["batch", "--network", s(&f), "--pairs", s(&pairs)]);
        expect(&r, 2, &[needle]);
    }
    let r = run(&[
        "batch",
        "--network",
        "/nonexistent/ng.json",
        "--pairs",
        s(&pairs),
    ]);
    expect(&r, 2, &["/nonexistent/ng.json"]);
}
