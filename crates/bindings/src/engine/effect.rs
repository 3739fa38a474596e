//! What a scenario does to a network, counted by id.

use super::Engine;
use silkroute_core::{Network, Scenario};
use std::collections::BTreeMap;

/// What a scenario does to a network: legs, terminals and corridor
/// definitions closed, added or changed, counted by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[non_exhaustive]
pub struct ScenarioEffect {
    /// Legs of the network the scenario removes.
    pub legs_closed: usize,
    /// Legs the scenario adds.
    pub legs_added: usize,
    /// Legs whose figures the scenario changes.
    pub legs_changed: usize,
    /// Terminals the scenario removes.
    pub terminals_closed: usize,
    /// Terminals the scenario adds.
    pub terminals_added: usize,
    /// Terminals the scenario changes.
    pub terminals_changed: usize,
    /// Corridor definitions left without the legs they require.
    pub corridors_dropped: usize,
}

fn effect(before: &Network, after: &Network) -> ScenarioEffect {
    let legs_b: BTreeMap<&str, _> = before.legs().iter().map(|l| (l.id.as_str(), l)).collect();
    let legs_a: BTreeMap<&str, _> = after.legs().iter().map(|l| (l.id.as_str(), l)).collect();
    let terms_b: BTreeMap<&str, _> = before
        .terminals()
        .iter()
        .map(|t| (t.id.as_str(), t))
        .collect();
    let terms_a: BTreeMap<&str, _> = after
        .terminals()
        .iter()
        .map(|t| (t.id.as_str(), t))
        .collect();
    ScenarioEffect {
        legs_closed: legs_b.keys().filter(|k| !legs_a.contains_key(*k)).count(),
        legs_added: legs_a.keys().filter(|k| !legs_b.contains_key(*k)).count(),
        legs_changed: legs_b
            .iter()
            .filter(|(k, l)| legs_a.get(*k).is_some_and(|a| a != *l))
            .count(),
        terminals_closed: terms_b.keys().filter(|k| !terms_a.contains_key(*k)).count(),
        terminals_added: terms_a.keys().filter(|k| !terms_b.contains_key(*k)).count(),
        terminals_changed: terms_b
            .iter()
            .filter(|(k, t)| terms_a.get(*k).is_some_and(|a| a != *t))
            .count(),
        corridors_dropped: before
            .corridors()
            .len()
            .saturating_sub(after.corridors().len()),
    }
}

impl Engine {
    /// What `scenario` does to the engine's network.
    ///
    /// # Errors
    /// The scenario does not apply to the network (the error lists why).
    pub fn scenario_effect(
        &self,
        scenario: &Scenario,
    ) -> Result<ScenarioEffect, silkroute_core::Error> {
        let after = scenario.apply(self.network())?;
        Ok(effect(self.network(), &after))
    }
}
