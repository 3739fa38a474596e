//! What-if scenarios: versioned JSON overlays that close, scale and add parts
//! of a network without editing it. See `docs/SCENARIOS.md`.
//!
//! `parse` reads a document into the typed changes of `model`, `apply`
//! applies them to a network, `display` says what each does and `registry`
//! holds the built-ins and resolves names.
//!
//! ```
//! use silkroute_core::{Network, Passage, Scenario};
//!
//! let base = Network::eurasia();
//! let closed = Scenario::builtin("red-sea-closure").expect("built in").apply(&base)?;
//! assert!(base.legs().iter().any(|l| l.passages.contains(&Passage::Suez)));
//! assert!(!closed.legs().iter().any(|l| l.passages.contains(&Passage::Suez)));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod apply;
mod display;
mod model;
mod parse;
mod registry;

use crate::error::Error;
use crate::model::Source;
use crate::network::Network;
use model::Step;
use parse::MAX_SCENARIO_BYTES;
use std::path::Path;

/// The value of a scenario file's `format` member.
pub const SCENARIO_FORMAT_NAME: &str = "silkroute-scenario";
/// The scenario format version this library reads.
pub const SCENARIO_FORMAT_VERSION: u64 = 1;

/// A what-if scenario: an ordered list of changes to a network (closures,
/// scalings, dwell, new legs and terminals), with the sources that justify
/// them.
///
/// A scenario is read from a `silkroute-scenario` v1 JSON file (see
/// `docs/SCENARIOS.md`) or taken from the built-ins, and
/// [applied](Scenario::apply) to a network to give a new, validated network;
/// the original is left untouched.
///
/// ```
/// use silkroute_core::{Network, Scenario};
///
/// let base = Network::eurasia();
/// let storms = Scenario::builtin("caspian-winter-storms").expect("built in");
/// let net = storms.apply(&base)?;
/// let wait = |n: &Network| n.leg("aktau-alat-ferry").map(|l| l.wait.get());
/// assert_eq!(wait(&base), Some(60.0));
/// assert_eq!(wait(&net), Some(168.0)); // the top of the reported 2-7 day range
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    id: String,
    name: String,
    description: String,
    sources: Vec<Source>,
    changes: Vec<Step>,
}

impl Scenario {
    /// Reads a scenario from a JSON string.
    ///
    /// # Errors
    /// [`Error::InvalidScenario`] listing every problem found, each with its
    /// location (`changes[3]`, field `factor`).
    pub fn from_json_str(s: &str) -> Result<Scenario, Error> {
        Self::from_slice(s.as_bytes())
    }

    /// Reads a scenario from JSON bytes.
    ///
    /// # Errors
    /// As [`from_json_str`](Self::from_json_str); [`Error::TooLarge`] over 16 MiB.
    pub fn from_slice(bytes: &[u8]) -> Result<Scenario, Error> {
        parse::from_slice(bytes)
    }

    /// Reads a scenario file.
    ///
    /// # Errors
    /// [`Error::Io`] when the file cannot be read; otherwise as
    /// [`from_json_str`](Self::from_json_str).
    pub fn from_path(path: impl AsRef<Path>) -> Result<Scenario, Error> {
        let path = path.as_ref();
        let io = |source| Error::Io {
            path: Some(path.to_path_buf()),
            source,
        };
        // Read at most one byte over the limit, so a huge file is refused by
        // `from_slice` without being read whole.
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(
            &mut std::io::Read::take(
                std::fs::File::open(path).map_err(io)?,
                MAX_SCENARIO_BYTES + 1,
            ),
            &mut bytes,
        )
        .map_err(io)?;
        Self::from_slice(&bytes)
    }
}

impl Scenario {
    /// The scenario's stable id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Its display name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// What it assumes and why.
    pub fn description(&self) -> &str {
        &self.description
    }

    /// The publications its changes rest on.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// One line per change, in order, saying what it does.
    pub fn summaries(&self) -> Vec<String> {
        self.changes
            .iter()
            .map(|s| match &s.note {
                Some(n) => format!("{}: {n}", s.change),
                None => s.change.to_string(),
            })
            .collect()
    }

    /// Applies the changes, in order, to a network and returns the new,
    /// validated network; `net` is not modified.
    ///
    /// Closing removes: legs closed by id, passage or corridor tag, and
    /// terminals closed by id or country together with every leg touching
    /// them. Corridor definitions whose required tags no longer exist on any
    /// leg are dropped (no route could satisfy them). Scaled figures keep
    /// their provenance entry with a note naming the scenario; scaled
    /// emissions use a derived emission factor (`rail-diesel-x0.5`). The
    /// scenario's sources are added to the network's, except ids the network
    /// already has (its record stands).
    ///
    /// # Errors
    /// [`Error::InvalidScenario`] with every problem found, each located at
    /// the change that causes it: unknown leg, terminal or tag names (with
    /// suggestions), a selection that matches nothing, and anything that
    /// makes the resulting network invalid (a new leg faster than its mode
    /// allows, an unknown source, a gauge missing at an end, …).
    ///
    /// # Complexity
    /// O(changes × (legs + terminals)) plus one network build.
    pub fn apply(&self, net: &Network) -> Result<Network, Error> {
        apply::apply(self, net)
    }
}
