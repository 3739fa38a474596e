//! Helpers shared by the commands: the `--network` option, the error type
//! and its exit codes, and plain-text tables (laid out by `comfy-table`).

use clap::Args;
use silkroute_core::{Limits, Network};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit code of a "no result" failure: no terminal matches, the file checked
/// is not a valid network, no route exists.
pub const EXIT_NO_RESULT: u8 = 1;
/// Exit code of a usage or input error: a bad option (clap's own code), a
/// file that cannot be read or written, a `--network` that does not load.
pub const EXIT_INPUT: u8 = 2;

/// The error of a command. `main` prints it as `error: <message>` and exits
/// with [`CliError::exit_code`].
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The network given with `--network` (or the embedded one) could not be
    /// loaded.
    #[error("cannot load the network {}: {source}", display_path(path))]
    Network {
        /// The file; `-` for standard input.
        path: PathBuf,
        /// What went wrong, with every problem found.
        #[source]
        source: silkroute_core::Error,
    },
    /// A file named on the command line could not be read or written.
    #[error("{}: {source}", path.display())]
    File {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: io::Error,
    },
    /// Writing to standard output failed. A closed pipe is not an error: see
    /// [`CliError::is_broken_pipe`].
    #[error("cannot write to standard output: {0}")]
    Stdout(#[source] io::Error),
    /// The arguments make no sense together (beyond what clap checks).
    #[error("{0}")]
    Usage(String),
    /// The command ran but found nothing: no match, an invalid file, no route.
    #[error("{0}")]
    NoResult(String),
}

impl CliError {
    /// The process exit code for the error.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::NoResult(_) => EXIT_NO_RESULT,
            CliError::Network { .. }
            | CliError::File { .. }
            | CliError::Stdout(_)
            | CliError::Usage(_) => EXIT_INPUT,
        }
    }

    /// Whether the error is standard output being closed by its reader
    /// (`silkroute export | head`), which ends the program quietly.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, CliError::Stdout(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

impl From<io::Error> for CliError {
    /// I/O errors without a path are errors writing standard output.
    fn from(e: io::Error) -> Self {
        CliError::Stdout(e)
    }
}

/// Turns an error of `silkroute_core` raised while writing to standard
/// output into [`CliError::Stdout`].
pub fn stdout_error(e: silkroute_core::Error) -> CliError {
    match e {
        silkroute_core::Error::Io { source, .. } => CliError::Stdout(source),
        other => CliError::Usage(other.to_string()),
    }
}

/// Where the result of a command goes.
pub type Out<'a> = &'a mut dyn Write;

/// Converts a result into the process exit code, printing the error.
pub fn finish(result: Result<(), CliError>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            // If standard error is closed too there is nobody left to tell.
            let _ = writeln!(io::stderr().lock(), "error: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}

/// The network options of every command that works on a network.
#[derive(Debug, Clone, Args)]
pub struct NetworkArgs {
    /// Network file (silkroute-network GeoJSON, plain or gzip; `-` reads
    /// standard input). Default: the embedded Eurasian dataset.
    #[arg(long, value_name = "FILE")]
    pub network: Option<PathBuf>,
    /// Largest network file accepted, in MiB after decompression.
    #[arg(long, value_name = "MIB", default_value_t = 256)]
    pub max_file_mb: u64,
}

impl NetworkArgs {
    /// The size limits the options ask for.
    pub fn limits(&self) -> Limits {
        limits(self.max_file_mb)
    }

    /// Loads the network: the file given, or the embedded dataset.
    ///
    /// # Errors
    /// [`CliError::Network`] with every problem found in the file.
    pub fn load(&self) -> Result<Network, CliError> {
        match &self.network {
            None => Ok(Network::eurasia()),
            Some(path) => read_network(path, self.limits()).map_err(|source| CliError::Network {
                path: path.clone(),
                source,
            }),
        }
    }
}

/// Limits for a file-size option in MiB.
pub fn limits(max_file_mb: u64) -> Limits {
    Limits::default().max_bytes(max_file_mb.saturating_mul(1024 * 1024))
}

/// Reads a network from a path, `-` being standard input.
pub fn read_network(path: &Path, limits: Limits) -> Result<Network, silkroute_core::Error> {
    let read = if path.as_os_str() == "-" {
        Network::from_reader_with(io::stdin().lock(), limits)
    } else {
        Network::from_path_with(path, limits)
    };
    read.map_err(|e| match e {
        // The library names its own setting; here the fix is the flag.
        silkroute_core::Error::TooLarge {
            what, found, limit, ..
        } => silkroute_core::Error::TooLarge {
            what,
            found,
            limit,
            how: "--max-file-mb",
        },
        other => other,
    })
}

/// A figure with `decimals` decimals, halves rounded away from zero (as a
/// freight quote is: 124.5 h shows as 125, not as the 124 of `{:.0}`, which
/// rounds halves to even). Route figures are whole thousandths, so exact
/// halves are common.
pub fn fig(x: f64, decimals: usize) -> String {
    let scale = 10f64.powi(decimals as i32);
    format!("{:.*}", decimals, (x * scale).round() / scale)
}

/// A path as shown in messages (`-` is standard input).
pub fn display_path(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "(standard input)".to_string()
    } else {
        path.display().to_string()
    }
}

/// Writes rows as a left-aligned table with a header, columns separated by
/// two spaces, trailing blanks trimmed. Widths are display widths (a CJK
/// character or an emoji takes two columns, a combining accent none), so
/// accented and wide names line up; cells past the header's columns are
/// left out.
pub fn write_table(out: Out<'_>, header: &[&str], rows: &[Vec<String>]) -> io::Result<()> {
    let mut table = comfy_table::Table::new();
    table.load_preset(comfy_table::presets::NOTHING);
    table.set_header(header.to_vec());
    for row in rows {
        table.add_row(row.iter().take(header.len()));
    }
    let columns = table.column_count();
    for (i, column) in table.column_iter_mut().enumerate() {
        column.set_padding((0, if i + 1 == columns { 0 } else { 2 }));
    }
    for line in table.lines() {
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_aligns_by_characters() {
        let mut out = Vec::new();
        let rows = vec![
            vec![
                "boyuk-kesik".to_string(),
                "Böyük Kəsik".to_string(),
                "AZ".to_string(),
            ],
            vec!["alat".to_string(), "Alat".to_string(), "AZ".to_string()],
        ];
        write_table(&mut out, &["ID", "NAME", "COUNTRY"], &rows).expect("in memory");
        let text = String::from_utf8(out).expect("UTF-8");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "ID           NAME         COUNTRY");
        assert_eq!(lines[1], "boyuk-kesik  Böyük Kəsik  AZ");
        assert_eq!(lines[2], "alat         Alat         AZ");
    }

    #[test]
    fn table_aligns_wide_characters_by_display_width() {
        let row = |id: &str, name: &str| vec![id.to_string(), name.to_string(), "CN".to_string()];
        let rows = vec![
            row("shanghai", "上海"),
            row("urumqi", "乌鲁木齐"),
            row("ship", "🚢 Port"),
            row("x", "Ürümqi"),
        ];
        let mut out = Vec::new();
        write_table(&mut out, &["ID", "NAME", "COUNTRY"], &rows).expect("in memory");
        let text = String::from_utf8(out).expect("UTF-8");
        // 乌鲁木齐 is 8 columns wide (4 characters), so COUNTRY starts at
        // column 10 + 8 + 2 = 20 on every line; 上海 takes 4 columns, 🚢 two.
        let want = [
            "ID        NAME      COUNTRY",
            "shanghai  上海      CN",
            "urumqi    乌鲁木齐  CN",
            "ship      🚢 Port   CN",
            "x         Ürümqi    CN",
        ];
        assert_eq!(text.lines().collect::<Vec<_>>(), want);
    }

    #[test]
    fn table_cells_past_the_header_are_left_out_and_short_rows_trimmed() {
        let rows = vec![
            vec!["a".to_string(), "b".to_string(), "extra".to_string()],
            vec!["long-id".to_string()],
        ];
        let mut out = Vec::new();
        write_table(&mut out, &["ID", "NAME"], &rows).expect("in memory");
        let text = String::from_utf8(out).expect("UTF-8");
        assert_eq!(text, "ID       NAME\na        b\nlong-id\n");
    }

    #[test]
    fn exit_codes() {
        assert_eq!(CliError::NoResult("x".into()).exit_code(), 1);
        assert_eq!(CliError::Usage("x".into()).exit_code(), 2);
        let pipe = CliError::Stdout(io::Error::from(io::ErrorKind::BrokenPipe));
        assert!(pipe.is_broken_pipe());
        assert!(!CliError::Stdout(io::Error::from(io::ErrorKind::Other)).is_broken_pipe());
    }

    #[test]
    fn figures_round_halves_away_from_zero() {
        for (x, d, want) in [
            (124.5, 0, "125"),
            (123.5, 0, "124"),
            (124.49, 0, "124"),
            (0.25, 1, "0.3"),
            (7.125, 2, "7.13"),
            (6139.0, 0, "6139"),
            (-2.5, 0, "-3"),
            (0.0, 2, "0.00"),
        ] {
            assert_eq!(fig(x, d), want, "{x} to {d} decimals");
        }
    }
}
