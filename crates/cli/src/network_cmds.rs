//! `silkroute validate` and `silkroute export`: check and write network files.

use crate::output::{CliError, NetworkArgs, Out, display_path, limits, read_network, stdout_error};
use clap::{Args, ValueEnum};
use silkroute_core::Error;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

/// Arguments of `silkroute validate`.
#[derive(Debug, Clone, Args)]
pub struct ValidateArgs {
    /// The network file to check (plain or gzip JSON; `-` reads standard input).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Largest file accepted, in MiB after decompression.
    #[arg(long, value_name = "MIB", default_value_t = 256)]
    pub max_file_mb: u64,
}

/// Checks a file. Prints `ok: N terminals, M legs, K sources` when it is a
/// valid network; otherwise prints every problem, one per line with its
/// location, and fails with exit code 1. A file that cannot be read (or is
/// over the size limit) is exit code 2.
///
/// # Errors
/// [`CliError::NoResult`] when the file is not a valid network,
/// [`CliError::File`] or [`CliError::Network`] when it cannot be checked.
pub fn validate(args: &ValidateArgs, out: Out<'_>) -> Result<(), CliError> {
    let name = display_path(&args.file);
    match read_network(&args.file, limits(args.max_file_mb)) {
        Ok(net) => {
            writeln!(
                out,
                "ok: {} terminals, {} legs, {} sources",
                net.terminals().len(),
                net.legs().len(),
                net.sources().len()
            )?;
            Ok(())
        }
        Err(Error::Invalid { issues }) => {
            for issue in &issues {
                writeln!(out, "{name}: {issue}")?;
            }
            let s = if issues.len() == 1 { "" } else { "s" };
            Err(CliError::NoResult(format!(
                "{} problem{s} in {name}",
                issues.len()
            )))
        }
        Err(e @ (Error::Json { .. } | Error::UnsupportedFormat { .. })) => {
            writeln!(out, "{name}: {e}")?;
            Err(CliError::NoResult(format!("1 problem in {name}")))
        }
        Err(Error::Io { source, .. }) => Err(CliError::File {
            path: args.file.clone(),
            source,
        }),
        Err(source) => Err(CliError::Network {
            path: args.file.clone(),
            source,
        }),
    }
}

/// Output formats of `silkroute export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[non_exhaustive]
pub enum ExportFormat {
    /// The silkroute-network GeoJSON format (docs/FORMAT.md), one feature per line.
    Geojson,
}

/// Arguments of `silkroute export`.
#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Geojson)]
    pub format: ExportFormat,
    /// Write to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub network: NetworkArgs,
}

/// Writes the whole network; the result loads again with `--network` and
/// passes `validate`.
///
/// # Errors
/// [`CliError::Network`] if the network does not load, [`CliError::File`]
/// if the output file cannot be written.
pub fn export(args: &ExportArgs, out: Out<'_>) -> Result<(), CliError> {
    let net = args.network.load()?;
    match args.format {
        ExportFormat::Geojson => match &args.output {
            None => net.write_geojson(out).map_err(stdout_error),
            Some(path) => {
                let file_error = |source| CliError::File {
                    path: path.clone(),
                    source,
                };
                let file = std::fs::File::create(path).map_err(file_error)?;
                let mut w = BufWriter::new(file);
                net.write_geojson(&mut w).map_err(|e| match e {
                    Error::Io { source, .. } => file_error(source),
                    other => CliError::Usage(other.to_string()),
                })?;
                w.flush().map_err(file_error)?;
                w.into_inner()
                    .map_err(|e| file_error(e.into_error()))?
                    .sync_all()
                    .map_err(file_error)
            }
        },
    }
}
