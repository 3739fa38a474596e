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
use silkroute_bindings::Engine;
use silkroute_bindings::format::{matrix_csv, matrix_geojson, matrix_json};
use silkroute_bindings::v1::{ErrorBody, ErrorKind, Request};
use silkroute_routing::{MatrixTable, RouterLimits};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

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

/// Runs `silkroute matrix`.
///
/// # Errors
/// A usage error for bad lists, an unknown terminal, options that no pair
/// can satisfy, too many pairs (`--max-pairs`), or an unwritable output.
pub fn run(args: &MatrixArgs, out: Out<'_>) -> Result<(), CliError> {
    let origins = endpoints(&args.from, args.from_file.as_deref(), "origins")?;
    let destinations = endpoints(&args.to, args.to_file.as_deref(), "destinations")?;
    let limits = RouterLimits::default().max_matrix_pairs(args.max_pairs);
    let engine = args.options.engine(limits)?;
    engine
        .router()
        .check_matrix_size(origins.len(), destinations.len())
        .map_err(|e| usage(ErrorBody::from(&e)))?;
    // Unknown names are input errors, reported before any search.
    engine.check_terminals(&origins).map_err(usage)?;
    engine.check_terminals(&destinations).map_err(usage)?;
    let request = args
        .options
        .request(&origins[0], &destinations[0], &[])
        .map_err(usage)?;
    let table = compute(&engine, &request, &origins, &destinations, args.threads)?;
    let buf = match args.format {
        MatrixFormat::Csv => {
            matrix_csv(&table).map_err(|e| CliError::Usage(format!("cannot write CSV: {e}")))?
        }
        MatrixFormat::Json => format!("{}\n", matrix_json(&table)).into_bytes(),
        MatrixFormat::Geojson => format!("{}\n", matrix_geojson(&table)).into_bytes(),
    };
    match &args.output {
        Some(path) => std::fs::write(path, &buf).map_err(|source| CliError::File {
            path: path.clone(),
            source,
        }),
        None => Ok(out.write_all(&buf)?),
    }
}

/// A library error as a usage error, naming the flag where one is the fix.
fn usage(e: ErrorBody) -> CliError {
    if e.kind == ErrorKind::TooLarge && e.message.contains("matrix pairs") {
        return CliError::Usage(format!("{} (--max-pairs)", e.message));
    }
    CliError::Usage(e.message)
}

fn compute(
    engine: &Engine,
    request: &Request,
    origins: &[String],
    destinations: &[String],
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
            .matrix(request, origins, destinations, |_| bar.inc(1))
            .map_err(usage)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_skip_comments_and_blank_lines() {
        let text = "# origins\nXi'an\n\n  Chongqing  # the big one\n#Alat\n40.41,49.87\n";
        assert_eq!(parse_list(text), ["Xi'an", "Chongqing", "40.41,49.87"]);
    }
}
