//! `silkroute`: multimodal freight routing across the Eurasian corridors,
//! from the command line.
//!
//! ```text
//! silkroute terminals --search baku
//! silkroute validate my-network.geojson
//! silkroute export --format geojson --output eurasia.geojson
//! silkroute route --from "Xi'an" --to Duisburg --objective time --avoid-country RU,BY
//! silkroute compare --from "Xi'an" --to Duisburg
//! silkroute pareto --from Shanghai --to Rotterdam
//! silkroute scenarios
//! silkroute diff --scenario red-sea-closure --from Shanghai --to Rotterdam
//! silkroute matrix --from "Xi'an,Chongqing" --to Duisburg,Hamburg --objective time
//! silkroute map --from "Xi'an" --to Duisburg --avoid-country RU,BY --output route.png
//! silkroute serve --port 8080 --open
//! ```
//!
//! Exit codes: 0 success, 1 no result (nothing matches, the file checked is
//! invalid, no route), 2 usage or input error. Errors go to standard error
//! as `error: <message>`; a closed standard output ends the program quietly.
//!
//! Each command group is a module with an `Args` struct and a
//! `run(&Args, &mut dyn Write) -> Result<(), E>` function; adding a command
//! is a variant of [`Command`] and an arm in [`run`].

mod batch;
mod map;
mod matrix;
mod network_cmds;
mod output;
mod route_cmds;
mod scenario_cmds;
mod serve;
mod terminals;

use clap::{Parser, Subcommand};
use output::CliError;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

/// Multimodal freight routing across the Eurasian corridors.
#[derive(Debug, Parser)]
#[command(name = "silkroute", version, about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
enum Command {
    /// List or search the terminals of a network.
    Terminals(terminals::TerminalsArgs),
    /// Check a network file and report every problem with its location.
    Validate(network_cmds::ValidateArgs),
    /// Write the whole network to standard output or a file.
    Export(network_cmds::ExportArgs),
    /// The best route (and alternatives) for a container from A to B.
    Route(route_cmds::RouteArgs),
    /// The best route of every corridor, side by side.
    Compare(route_cmds::CompareArgs),
    /// The routes no other route beats on cost, time and CO2e at once.
    Pareto(route_cmds::ParetoArgs),
    /// The best route's emissions leg by leg and hub by hub (ISO 14083: activity, factor, WTT, TTW).
    Emissions(route_cmds::CompareArgs),
    /// The best route for every origin–destination pair, as CSV, JSON or GeoJSON.
    Matrix(matrix::MatrixArgs),
    /// Draw the network (and a route) on a map, as SVG or PNG.
    Map(map::MapArgs),
    /// List the built-in what-if scenarios, or show and check scenario files.
    Scenarios(scenario_cmds::ScenariosArgs),
    /// Corridors of a trip side by side: the baseline and with scenarios applied.
    Diff(scenario_cmds::DiffArgs),
    /// Shortest distances for many pairs on a large plain network (netgraph-v1 or GeoJSON lines).
    Batch(batch::BatchArgs),
    /// Serve API v1 over HTTP, with its OpenAPI document and a web map.
    Serve(serve::ServeArgs),
}

/// Runs a parsed command, writing its result to `out`.
fn run(command: &Command, out: &mut dyn Write) -> Result<(), CliError> {
    match command {
        Command::Terminals(args) => terminals::run(args, out),
        Command::Validate(args) => network_cmds::validate(args, out),
        Command::Export(args) => network_cmds::export(args, out),
        Command::Route(args) => route_cmds::route(args, out),
        Command::Compare(args) => route_cmds::compare(args, out),
        Command::Pareto(args) => route_cmds::pareto(args, out),
        Command::Emissions(args) => route_cmds::emissions(args, out),
        Command::Matrix(args) => matrix::run(args, out),
        Command::Map(args) => map::run(args, out),
        Command::Scenarios(args) => scenario_cmds::list(args, out),
        Command::Diff(args) => scenario_cmds::diff(args, out),
        Command::Batch(args) => batch::run(args, out).map_err(|e| match e {
            batch::BatchError::Io(e) => CliError::Stdout(e),
            other => CliError::Usage(other.to_string()),
        }),
        Command::Serve(args) => serve::run(args, out),
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout (exit 0), usage errors to stderr
            // (exit 2); a closed stream is not worth a panic.
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(output::EXIT_INPUT));
        }
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = run(&cli.command, &mut out);
    // Flush what was written even when the command failed part way, so the
    // problems listed before an error are not lost.
    let flushed = out.flush().map_err(CliError::Stdout);
    output::finish(result.and(flushed))
}
