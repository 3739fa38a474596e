//! [`NetworkBuilder`]: a network's parts, validated and assembled on
//! [`build`](NetworkBuilder::build).

use super::Network;
use crate::error::{Error, Issue};
use crate::model::*;

/// Descriptive metadata of a network.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct NetworkMeta {
    /// Name of the network.
    pub name: Option<String>,
    /// Version of the dataset.
    pub dataset_version: Option<String>,
    /// Per-container assumptions.
    pub assumptions: Assumptions,
}

/// Builds a [`Network`] from parts, validating everything on [`build`](NetworkBuilder::build).
///
/// ```
/// use silkroute_core::*;
/// let kz: CountryCode = "KZ".parse()?;
/// let az: CountryCode = "AZ".parse()?;
/// let net = NetworkBuilder::new()
///     .source(Source::new("enc-2011", "Azerbaijan National Encyclopedia", "ANE", 2011, Grade::A))
///     .emission_factor(EmissionFactor::new("ropax", 124.8, EmissionUnit::GPerTkm, "enc-2011"))
///     .terminal(Terminal::new("aktau", "Aktau", kz, TerminalKind::SeaPort, 43.6, 51.2))
///     .terminal(Terminal::new("alat", "Alat", az, TerminalKind::SeaPort, 39.976, 49.441))
///     .leg(Leg::new("aktau-alat", "aktau", "alat", Mode::Ferry, Km(470.0), Hours(22.0))
///         .wait(Hours(48.0)).cost(Usd(900.0), Usd(1300.0)).emission_factor("ropax")
///         .border(kz, az).source("enc-2011"))
///     .build()?;
/// assert_eq!(net.find("Aktau")?.name, "Aktau");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct NetworkBuilder {
    pub(super) meta: NetworkMeta,
    pub(super) sources: Vec<Source>,
    pub(super) emission_factors: Vec<EmissionFactor>,
    pub(super) grid_intensities: Vec<GridIntensity>,
    pub(super) hub_factors: Vec<HubFactor>,
    pub(super) corridors: Vec<Corridor>,
    pub(super) terminals: Vec<Terminal>,
    pub(super) legs: Vec<Leg>,
    /// Feature index of each terminal and leg in the file it came from.
    pub(super) terminal_features: Vec<Option<usize>>,
    pub(super) leg_features: Vec<Option<usize>>,
    /// Issues found while parsing, reported together with validation ones.
    pub(crate) issues: Vec<Issue>,
}

impl NetworkBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the network's name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.meta.name = Some(name.into());
        self
    }

    /// Sets the dataset version.
    pub fn dataset_version(mut self, version: impl Into<String>) -> Self {
        self.meta.dataset_version = Some(version.into());
        self
    }

    /// Sets the per-container assumptions.
    pub fn assumptions(mut self, assumptions: Assumptions) -> Self {
        self.meta.assumptions = assumptions;
        self
    }

    /// Adds a source.
    pub fn source(mut self, source: Source) -> Self {
        self.sources.push(source);
        self
    }

    /// Adds an emission factor.
    pub fn emission_factor(mut self, factor: EmissionFactor) -> Self {
        self.emission_factors.push(factor);
        self
    }

    /// Adds a country's grid intensity, for electric traction there.
    pub fn grid_intensity(mut self, grid: GridIntensity) -> Self {
        self.grid_intensities.push(grid);
        self
    }

    /// Adds a hub operation emission factor.
    pub fn hub_factor(mut self, factor: HubFactor) -> Self {
        self.hub_factors.push(factor);
        self
    }

    /// Adds a corridor definition.
    pub fn corridor(mut self, corridor: Corridor) -> Self {
        self.corridors.push(corridor);
        self
    }

    /// Adds a terminal.
    pub fn terminal(mut self, terminal: Terminal) -> Self {
        self.push_terminal(terminal, None);
        self
    }

    /// Adds a leg.
    pub fn leg(mut self, leg: Leg) -> Self {
        self.push_leg(leg, None);
        self
    }

    pub(crate) fn push_terminal(&mut self, t: Terminal, feature: Option<usize>) {
        self.terminals.push(t);
        self.terminal_features.push(feature);
    }

    pub(crate) fn push_leg(&mut self, l: Leg, feature: Option<usize>) {
        self.legs.push(l);
        self.leg_features.push(feature);
    }

    pub(crate) fn meta_mut(&mut self) -> &mut NetworkMeta {
        &mut self.meta
    }

    pub(crate) fn sources_mut(&mut self) -> &mut Vec<Source> {
        &mut self.sources
    }

    pub(crate) fn emission_factors_mut(&mut self) -> &mut Vec<EmissionFactor> {
        &mut self.emission_factors
    }

    pub(crate) fn grid_intensities_mut(&mut self) -> &mut Vec<GridIntensity> {
        &mut self.grid_intensities
    }

    pub(crate) fn hub_factors_mut(&mut self) -> &mut Vec<HubFactor> {
        &mut self.hub_factors
    }

    pub(crate) fn corridors_mut(&mut self) -> &mut Vec<Corridor> {
        &mut self.corridors
    }

    /// Validates the parts and builds the network.
    ///
    /// # Errors
    /// [`Error::Invalid`] listing every problem found, each with its location.
    pub fn build(self) -> Result<Network, Error> {
        let issues = super::validate::validate(&self);
        if !issues.is_empty() {
            return Err(Error::Invalid { issues });
        }
        Ok(Network::from_data(super::assemble::assemble(self)))
    }
}
