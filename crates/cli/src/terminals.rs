//! `silkroute terminals`: list or search the terminals of a network.

use crate::output::{CliError, NetworkArgs, Out, write_table};
use clap::Args;
use silkroute_bindings::v1;
use silkroute_core::Terminal;

/// Arguments of `silkroute terminals`.
#[derive(Debug, Clone, Args)]
pub struct TerminalsArgs {
    /// Only terminals whose name, alias or id contains this text (case,
    /// accents and punctuation ignored).
    #[arg(long, short = 's', value_name = "QUERY")]
    pub search: Option<String>,
    /// Print a JSON array of objects (id, name, aliases, country, kind, lat,
    /// lon) instead of a table.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub network: NetworkArgs,
}

/// Runs the command.
///
/// # Errors
/// [`CliError::Network`] if the network does not load; [`CliError::NoResult`]
/// if a search matches nothing (the JSON output is then `[]`).
pub fn run(args: &TerminalsArgs, out: Out<'_>) -> Result<(), CliError> {
    let engine = silkroute_bindings::Engine::new(args.network.load()?);
    let terminals: Vec<&Terminal> = engine.terminals(args.search.as_deref());
    if args.json {
        // The same text as the API's `terminals` operation (C, Python).
        let items: Vec<v1::TerminalInfo> = terminals
            .iter()
            .map(|&t| v1::TerminalInfo::from(t))
            .collect();
        writeln!(out, "{}", silkroute_bindings::to_json(&items))?;
    } else if !terminals.is_empty() {
        let rows: Vec<Vec<String>> = terminals
            .iter()
            .map(|t| {
                let gauges = if t.gauges.is_empty() {
                    "-".to_string()
                } else {
                    t.gauges
                        .iter()
                        .map(|g| g.0.to_string())
                        .collect::<Vec<_>>()
                        .join("/")
                };
                vec![
                    t.id.to_string(),
                    t.name.clone(),
                    t.country.to_string(),
                    t.kind.to_string(),
                    gauges,
                ]
            })
            .collect();
        write_table(out, &["ID", "NAME", "COUNTRY", "KIND", "GAUGES"], &rows)?;
    }
    match &args.search {
        Some(q) if terminals.is_empty() => {
            let mut message = format!("no terminal matches \"{q}\"");
            if let Err(e) = engine.network().find(q)
                && !e.suggestions().is_empty()
            {
                message.push_str(&format!("; did you mean {}?", e.suggestions().join(", ")));
            }
            Err(CliError::NoResult(message))
        }
        _ => Ok(()),
    }
}
