//! `silkroute matrix`: the best route for every origin–destination pair,
//! as CSV, JSON or GeoJSON.
//!
//! Every pair is a row, in input order (origins major), whatever the number
//! of threads; pairs without a route keep their row with a `status` saying
//! why (`no_route`, `same_origin_destination`, …).

use crate::output::{CliError, Out};
use crate::route_cmds::RouteOptions;
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::{Value, json};
use silkroute_bindings::{Engine, v1};
use silkroute_routing::{Endpoint, MatrixRow, MatrixTable, RouteRequest};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// The CSV header of a matrix.
pub const CSV_HEADER: [&str; 9] = [
    "origin",
    "destination",
    "corridor",
    "distance_km",
    "time_h",
    "cost_usd",
    "co2e_kg",
    "transfers",
    "status",
];

/// Output format of `silkroute matrix`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MatrixFormat {
    /// One row per pair: origin, destination, corridor, totals, status.
    Csv,
    /// `{"api_version":1,"rows":[...]}` with the CSV's fields (and the error message).
    Json,
    /// A FeatureCollection: one LineString per pair with the row's
    /// properties (no geometry for pairs without a route).
    Geojson,
}

/// Arguments of `silkroute matrix`.
#[derive(Debug, Clone, Args)]
pub struct MatrixArgs {
    /// Origins, comma-separated (terminal names, aliases or ids).
    #[arg(
        long,
        value_name = "A,B,...",
        value_delimiter = ',',
        required_unless_present = "from_file"
    )]
    pub from: Vec<String>,
    /// Origins from a file: one terminal (or LAT,LON) per line; `#` comments
    /// and blank lines are ignored.
    #[arg(long, value_name = "FILE", conflicts_with = "from")]
    pub from_file: Option<PathBuf>,
    /// Destinations, comma-separated.
    #[arg(
        long,
        value_name = "C,D,...",
        value_delimiter = ',',
        required_unless_present = "to_file"
    )]
    pub to: Vec<String>,
    /// Destinations from a file, like --from-file.
    #[arg(long, value_name = "FILE", conflicts_with = "to")]
    pub to_file: Option<PathBuf>,
    #[command(flatten)]
    pub options: RouteOptions,
    /// Output format.
    #[arg(long, value_enum, default_value = "csv")]
    pub format: MatrixFormat,
    /// Write to a file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Worker threads [default: one per core].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// Most origin–destination pairs (origins × destinations) accepted.
    #[arg(long, value_name = "N", default_value_t = 100_000)]
    pub max_pairs: usize,
}

/// Reads a list of endpoints: one per line, `#` comments and blank lines ignored.
fn read_list(path: &Path) -> Result<Vec<String>, CliError> {
    let text = std::fs::read_to_string(path).map_err(|source| CliError::File {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(parse_list(&text))
}

fn parse_list(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.split_once('#').map_or(l, |(before, _)| before).trim())
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn endpoints(list: &[String], file: Option<&Path>, what: &str) -> Result<Vec<String>, CliError> {
    let list: Vec<String> = match file {
        Some(path) => read_list(path)?,
        None => list
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
    };
    if list.is_empty() {
        return Err(CliError::Usage(format!("no {what} given")));
    }
    Ok(list)
}

/// Error kinds that concern the request as a whole rather than one pair.
const REQUEST_ERRORS: [&str; 6] = [
    "unknown_country",
    "unknown_name",
    "unknown_corridor",
    "unknown_leg",
    "invalid_number",
    "too_large",
];

/// Runs `silkroute matrix`.
///
/// # Errors
/// A usage error for an unknown terminal (with suggestions) or an invalid
/// option; a file error when a list or the output cannot be read or written.
pub fn run(args: &MatrixArgs, out: Out<'_>) -> Result<(), CliError> {
    let origins = endpoints(&args.from, args.from_file.as_deref(), "origins")?;
    let destinations = endpoints(&args.to, args.to_file.as_deref(), "destinations")?;
    let limits = silkroute_routing::RouterLimits::default().max_matrix_pairs(args.max_pairs);
    let engine = args.options.engine(limits)?;
    engine
        .router()
        .check_matrix_size(origins.len(), destinations.len())
        .map_err(|e| CliError::Usage(e.to_string()))?;
    // Unknown names are input errors, reported before any search.
    for q in origins.iter().chain(&destinations) {
        if let Endpoint::Terminal(name) = Endpoint::parse(q) {
            engine.find(&name).map_err(|e| CliError::Usage(e.message))?;
        }
    }
    let template = args
        .options
        .routing_request(&engine, &origins[0], &destinations[0])?;
    // Options that no pair can satisfy (an unknown country, a bad number)
    // fail the first pair: report them once instead of in every row.
    if let Err(e) = engine.router().best(&template) {
        if REQUEST_ERRORS.contains(&e.kind()) {
            return Err(CliError::Usage(e.to_string()));
        }
    }
    let table = compute(&engine, &origins, &destinations, &template, args.threads)?;
    let mut buf = Vec::new();
    match args.format {
        MatrixFormat::Csv => write_csv(&mut buf, &table)?,
        MatrixFormat::Json => writeln!(buf, "{}", to_json(&table))?,
        MatrixFormat::Geojson => writeln!(buf, "{}", to_geojson(&table))?,
    }
    match &args.output {
        Some(path) => std::fs::write(path, &buf).map_err(|source| CliError::File {
            path: path.clone(),
            source,
        }),
        None => Ok(out.write_all(&buf)?),
    }
}

/// Computes the matrix on `threads` threads, with a progress bar on a terminal.
fn compute(
    engine: &Engine,
    origins: &[String],
    destinations: &[String],
    template: &RouteRequest,
    threads: Option<u16>,
) -> Result<MatrixTable, CliError> {
    let n = (origins.len() * destinations.len()) as u64;
    let bar = if std::io::stderr().is_terminal() && n > 1 {
        let bar = ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr());
        if let Ok(style) =
            ProgressStyle::with_template("{bar:40} {pos}/{len} pairs  {elapsed} (about {eta} left)")
        {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let work = || {
        engine
            .router()
            .try_matrix_with(origins, destinations, template, |_| bar.inc(1))
            .map_err(|e| CliError::Usage(e.to_string()))
    };
    let table = match threads {
        None => work()?,
        Some(t) => rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(t))
            .build()
            .map_err(|e| CliError::Usage(format!("cannot start {t} threads: {e}")))?
            .install(work)?,
    };
    bar.finish_and_clear();
    Ok(table)
}

fn fmt(v: Option<f64>, decimals: usize) -> String {
    v.map(|v| format!("{v:.decimals$}")).unwrap_or_default()
}

/// Writes the matrix as CSV with [`CSV_HEADER`].
fn write_csv(out: &mut Vec<u8>, table: &MatrixTable) -> Result<(), CliError> {
    let mut w = csv::Writer::from_writer(out);
    let csv_err = |e: csv::Error| CliError::Usage(format!("cannot write CSV: {e}"));
    w.write_record(CSV_HEADER).map_err(csv_err)?;
    for r in table.rows() {
        w.write_record([
            r.origin.as_str(),
            r.destination.as_str(),
            r.corridor.as_deref().unwrap_or(""),
            &fmt(r.distance_km, 1),
            &fmt(r.time_h, 1),
            &fmt(r.cost_usd, 0),
            &fmt(r.co2e_kg, 1),
            &r.transfers.map(|t| t.to_string()).unwrap_or_default(),
            r.status,
        ])
        .map_err(csv_err)?;
    }
    w.flush()?;
    Ok(())
}

fn row_json(r: &MatrixRow) -> Value {
    json!({
        "origin": r.origin,
        "destination": r.destination,
        "corridor": r.corridor,
        "distance_km": r.distance_km,
        "time_h": r.time_h,
        "cost_usd": r.cost_usd,
        "co2e_kg": r.co2e_kg,
        "transfers": r.transfers,
        "status": r.status,
        "message": r.message,
    })
}

/// The matrix as `{"api_version":1,"rows":[...]}`.
pub fn to_json(table: &MatrixTable) -> Value {
    let rows: Vec<Value> = table.rows().map(|r| row_json(&r)).collect();
    json!({"api_version": v1::API_VERSION, "rows": rows})
}

/// The matrix as a GeoJSON FeatureCollection: one LineString per pair with
/// the row as properties; pairs without a route have a `null` geometry.
pub fn to_geojson(table: &MatrixTable) -> Value {
    let features: Vec<Value> = table
        .cells
        .iter()
        .map(|c| {
            let geometry = c.route().map(|r| {
                let coords: Vec<[f64; 2]> =
                    r.geometry().iter().map(|&(lat, lon)| [lon, lat]).collect();
                json!({"type": "LineString", "coordinates": coords})
            });
            json!({"type": "Feature", "geometry": geometry, "properties": row_json(&c.row())})
        })
        .collect();
    json!({"type": "FeatureCollection", "features": features})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_skip_comments_and_blank_lines() {
        let text = "# origins\nXi'an\n\n  Chongqing  # the big one\n#Alat\n40.41,49.87\n";
        assert_eq!(parse_list(text), ["Xi'an", "Chongqing", "40.41,49.87"]);
    }

    #[test]
    fn missing_figures_are_empty_cells() {
        assert_eq!(fmt(None, 1), "");
        assert_eq!(fmt(Some(1234.56), 1), "1234.6");
    }
}
