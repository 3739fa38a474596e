//! `silkroute-dataset`: builds, checks and measures the embedded Eurasia
//! network from its tables.

use clap::{Parser, Subcommand};
use silkroute_dataset::{Built, Error, default_geojson_path, default_tables_dir};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "silkroute-dataset",
    about = "Build silkroute's embedded Eurasia network from its sourced tables"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the network from the tables and write eurasia.geojson.
    Build {
        /// Directory of the tables.
        #[arg(long, value_name = "DIR")]
        tables: Option<PathBuf>,
        /// Where to write the network.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Build the network in memory and fail if the committed file differs.
    Check {
        /// Directory of the tables.
        #[arg(long, value_name = "DIR")]
        tables: Option<PathBuf>,
        /// The committed network file.
        #[arg(long, value_name = "FILE")]
        file: Option<PathBuf>,
    },
    /// Measure distances on the shared networks and rewrite
    /// measured_distances.csv (then run `build`).
    Measure {
        /// Directory holding railways_world.json.gz and marnet.json.gz.
        #[arg(long, value_name = "DIR")]
        shared: PathBuf,
        /// Directory of the tables.
        #[arg(long, value_name = "DIR")]
        tables: Option<PathBuf>,
    },
}

fn summary(built: &Built) -> String {
    let net = &built.network;
    let total: usize = built.methods.values().sum();
    let methods: Vec<String> = built
        .methods
        .iter()
        .map(|(m, n)| format!("{m} {n}"))
        .collect();
    format!(
        "terminals {}, legs {}, sources {}, emission factors {}, corridors {}; {total} provenance entries: {}",
        net.terminals().len(),
        net.legs().len(),
        net.sources().len(),
        net.emission_factors().len(),
        net.corridors().len(),
        methods.join(", ")
    )
}

fn run(cli: Cli) -> Result<String, Error> {
    match cli.command {
        Command::Build { tables, out } => {
            let built = silkroute_dataset::build(&tables.unwrap_or_else(default_tables_dir))?;
            let out = out.unwrap_or_else(default_geojson_path);
            std::fs::write(&out, built.geojson()?).map_err(|source| Error::Io {
                path: out.clone(),
                source,
            })?;
            Ok(format!("{}\nwrote {}", summary(&built), out.display()))
        }
        Command::Check { tables, file } => {
            let file = file.unwrap_or_else(default_geojson_path);
            let built =
                silkroute_dataset::check(&tables.unwrap_or_else(default_tables_dir), &file)?;
            Ok(format!(
                "{}\n{} is up to date",
                summary(&built),
                file.display()
            ))
        }
        Command::Measure { shared, tables } => {
            let dir = tables.unwrap_or_else(default_tables_dir);
            let report = silkroute_dataset::measure::measure_tables(&dir, &shared)?;
            Ok(report)
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(report) => {
            let _ = writeln!(std::io::stdout(), "{report}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "error: {e}");
            ExitCode::FAILURE
        }
    }
}
