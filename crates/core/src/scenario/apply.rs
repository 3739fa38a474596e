//! Applying a scenario: its changes, in order, to a copy of a network's
//! parts, then one network build whose problems are located at the changes
//! that caused them.

use super::Scenario;
use super::model::{AddDwell, Change, Close, Measure, Scale, Selector, SetGrid};
use super::parse::{change_loc, invalid};
use crate::country::CountryCode;
use crate::error::{Error, Issue, Location};
use crate::model::*;
use crate::names::{did_you_mean, did_you_mean_id, normalize_name, suggest};
use crate::network::{Issues, Network, NetworkBuilder};
use crate::units::{Hours, Usd};
use std::collections::{HashMap, HashSet};

/// Applies a scenario to a network (see [`Scenario::apply`]).
pub(super) fn apply(scenario: &Scenario, net: &Network) -> Result<Network, Error> {
    let mut w = Work::new(scenario, net);
    for (k, step) in scenario.changes.iter().enumerate() {
        w.apply(k, &step.change);
    }
    // A change with problems was skipped; the network built from the
    // others is still validated, so that every problem is reported.
    let mut issues = std::mem::take(&mut w.issues.0);
    match w.build(net) {
        Ok(n) if issues.is_empty() => Ok(n),
        Ok(_) => Err(invalid(issues)),
        Err(Error::InvalidScenario { issues: more }) => {
            issues.extend(more);
            Err(invalid(issues))
        }
        Err(other) => Err(other),
    }
}

/// Where an item of the network being built came from, to locate the
/// problems the final validation finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    Base,
    Added(usize),
    Changed(usize),
}

impl Origin {
    fn touch(&mut self, k: usize) {
        if !matches!(self, Origin::Added(_)) {
            *self = Origin::Changed(k);
        }
    }
}

struct Work<'a> {
    scenario: &'a Scenario,
    sources: Vec<Source>,
    efs: Vec<(EmissionFactor, Origin)>,
    grids: Vec<GridIntensity>,
    terminals: Vec<(Terminal, Origin)>,
    legs: Vec<(Leg, Origin)>,
    /// The last change to each field: (`leg:ID` or `terminal:ID`, field
    /// prefix) → change number, to blame the right change for a problem.
    touched: HashMap<(String, &'static str), usize>,
    issues: Issues,
}

impl<'a> Work<'a> {
    fn new(scenario: &'a Scenario, net: &Network) -> Self {
        let mut sources = net.sources().to_vec();
        for s in &scenario.sources {
            if !sources.iter().any(|x| x.id == s.id) {
                sources.push(s.clone());
            }
        }
        Work {
            scenario,
            sources,
            efs: net
                .emission_factors()
                .iter()
                .map(|e| (e.clone(), Origin::Base))
                .collect(),
            grids: net.grid_intensities().to_vec(),
            terminals: net
                .terminals()
                .iter()
                .map(|t| (t.clone(), Origin::Base))
                .collect(),
            legs: net
                .legs()
                .iter()
                .map(|l| (l.clone(), Origin::Base))
                .collect(),
            touched: HashMap::new(),
            issues: Issues::default(),
        }
    }

    fn note(&self, k: usize) -> String {
        format!("scenario {}, change {k}", self.scenario.id)
    }

    fn has_leg(&self, id: &str) -> bool {
        self.legs.iter().any(|(l, _)| l.id.as_str() == id)
    }

    fn has_terminal(&self, id: &str) -> bool {
        self.terminals.iter().any(|(t, _)| t.id.as_str() == id)
    }

    fn has_tag(&self, tag: &str) -> bool {
        self.legs.iter().any(|(l, _)| l.has_tag(tag))
    }

    fn unknown_leg(&mut self, loc: Location, id: &str) {
        let s = suggest(id, self.legs.iter().map(|(l, _)| l.id.as_str()));
        self.issues
            .push(loc, format!("unknown leg \"{id}\"{}", did_you_mean_id(&s)));
    }

    fn unknown_terminal(&mut self, loc: Location, id: &str) {
        // A name or alias given for an id: point at the id it stands for.
        let key = normalize_name(id);
        let by_name = self
            .terminals
            .iter()
            .find(|(t, _)| t.names().any(|n| normalize_name(n) == key));
        let hint = match by_name {
            Some((t, _)) => did_you_mean(&[format!("\"{}\" ({})", t.id, t.name)]),
            None => did_you_mean_id(&suggest(
                id,
                self.terminals.iter().map(|(t, _)| t.id.as_str()),
            )),
        };
        self.issues
            .push(loc, format!("unknown terminal id \"{id}\"{hint}"));
    }

    fn unknown_tag(&mut self, loc: Location, tag: &str) {
        let tags = self
            .legs
            .iter()
            .flat_map(|(l, _)| l.corridors.iter().map(String::as_str));
        let s = suggest(tag, tags);
        self.issues.push(
            loc,
            format!(
                "no leg carries the corridor tag \"{tag}\"{}",
                did_you_mean_id(&s)
            ),
        );
    }

    /// Reports every leg id the network lacks, at `field[j]`.
    fn known_legs(&mut self, loc: &Location, field: &str, ids: &[String]) {
        for (j, id) in ids.iter().enumerate() {
            if !self.has_leg(id) {
                self.unknown_leg(loc.clone().field(format!("{field}[{j}]")), id);
            }
        }
    }

    /// Reports every corridor tag no leg carries, at `field[j]`.
    fn known_tags(&mut self, loc: &Location, field: &str, tags: &[String]) {
        for (j, tag) in tags.iter().enumerate() {
            if !self.has_tag(tag) {
                self.unknown_tag(loc.clone().field(format!("{field}[{j}]")), tag);
            }
        }
    }

    /// Reports every country without a terminal, at `field[j]`.
    fn known_countries(&mut self, loc: &Location, field: &str, countries: &[CountryCode]) {
        for (j, &cc) in countries.iter().enumerate() {
            if !self.terminals.iter().any(|(t, _)| t.country == cc) {
                self.issues.push(
                    loc.clone().field(format!("{field}[{j}]")),
                    format!("no terminal of the network is in {cc}"),
                );
            }
        }
    }

    fn apply(&mut self, k: usize, change: &Change) {
        match change {
            Change::Close(c) => self.close(k, c),
            Change::Scale(s) => self.scale(k, s),
            Change::AddDwell(d) => self.add_dwell(k, d),
            Change::AddTerminal(t) => {
                if self.has_terminal(t.id.as_str()) {
                    self.issues.push(
                        change_loc(k)
                            .id(t.id.as_str())
                            .field("terminal.properties.id"),
                        format!("terminal id \"{}\" already exists in the network", t.id),
                    );
                } else {
                    self.terminals.push(((**t).clone(), Origin::Added(k)));
                }
            }
            Change::AddLeg(l) => {
                if self.has_leg(l.id.as_str()) {
                    self.issues.push(
                        change_loc(k).id(l.id.as_str()).field("leg.properties.id"),
                        format!("leg id \"{}\" already exists in the network", l.id),
                    );
                } else {
                    self.legs.push(((**l).clone(), Origin::Added(k)));
                }
            }
            Change::SetGrid(g) => self.set_grid(k, g),
            Change::AddGauges { terminal, gauges } => {
                match self
                    .terminals
                    .iter_mut()
                    .find(|(t, _)| t.id.as_str() == terminal)
                {
                    Some((t, origin)) => {
                        for g in gauges {
                            if !t.gauges.contains(g) {
                                t.gauges.push(*g);
                            }
                        }
                        origin.touch(k);
                        self.touched
                            .insert((format!("terminal:{}", t.id), "gauges"), k);
                    }
                    None => self.unknown_terminal(change_loc(k).field("terminal"), terminal),
                }
            }
        }
    }

    fn set_grid(&mut self, k: usize, g: &SetGrid) {
        if !self.sources.iter().any(|s| s.id.as_str() == g.source) {
            self.issues.push(
                change_loc(k).field("source"),
                format!(
                    "unknown source \"{}\": add it to the scenario's `sources`",
                    g.source
                ),
            );
            return;
        }
        let note = format!("{}: set by the scenario", self.note(k));
        for &c in &g.countries {
            let mut row = GridIntensity::new(c, g.g_per_kwh, g.year, g.source.as_str());
            row.note = Some(note.clone());
            match self.grids.iter_mut().find(|x| x.country == c) {
                Some(x) => *x = row,
                None => self.grids.push(row),
            }
        }
    }

    fn close(&mut self, k: usize, c: &Close) {
        let before = self.issues.len();
        let loc = change_loc(k);
        self.known_legs(&loc, "legs", &c.legs);
        for (j, id) in c.terminals.iter().enumerate() {
            if !self.has_terminal(id) {
                self.unknown_terminal(loc.clone().field(format!("terminals[{j}]")), id);
            }
        }
        self.known_countries(&loc, "countries", &c.countries);
        for (j, p) in c.passages.iter().enumerate() {
            if !self.legs.iter().any(|(l, _)| l.passages.contains(p)) {
                self.issues.push(
                    loc.clone().field(format!("passages[{j}]")),
                    format!("no leg passes {p}"),
                );
            }
        }
        self.known_tags(&loc, "corridors", &c.corridors);
        if self.issues.len() > before {
            return;
        }
        let closed: HashSet<String> = self
            .terminals
            .iter()
            .filter(|(t, _)| {
                c.terminals.iter().any(|id| id == t.id.as_str()) || c.countries.contains(&t.country)
            })
            .map(|(t, _)| t.id.to_string())
            .collect();
        self.terminals
            .retain(|(t, _)| !closed.contains(t.id.as_str()));
        self.legs.retain(|(l, _)| {
            !(c.legs.iter().any(|id| id == l.id.as_str())
                || l.passages.iter().any(|p| c.passages.contains(p))
                || l.corridors.iter().any(|t| c.corridors.contains(t))
                || closed.contains(l.from.as_str())
                || closed.contains(l.to.as_str()))
        });
    }

    /// The positions of the legs a selector matches; `None` (with issues)
    /// when it names something unknown or matches nothing.
    fn select(&mut self, k: usize, sel: &Selector) -> Option<Vec<usize>> {
        let before = self.issues.len();
        let loc = change_loc(k);
        self.known_legs(&loc, "where.legs", &sel.legs);
        self.known_tags(&loc, "where.tags", &sel.tags);
        self.known_countries(&loc, "where.countries", &sel.countries);
        if self.issues.len() > before {
            return None;
        }
        let country: HashMap<&str, CountryCode> = self
            .terminals
            .iter()
            .map(|(t, _)| (t.id.as_str(), t.country))
            .collect();
        let touches = |l: &Leg| {
            [&l.from, &l.to].iter().any(|id| {
                country
                    .get(id.as_str())
                    .is_some_and(|c| sel.countries.contains(c))
            })
        };
        let matched: Vec<usize> = self
            .legs
            .iter()
            .enumerate()
            .filter(|(_, (l, _))| {
                (sel.modes.is_empty() || sel.modes.contains(&l.mode))
                    && (sel.tags.is_empty() || l.corridors.iter().any(|t| sel.tags.contains(t)))
                    && (sel.countries.is_empty() || touches(l))
                    && (sel.legs.is_empty() || sel.legs.iter().any(|id| id == l.id.as_str()))
            })
            .map(|(i, _)| i)
            .collect();
        if matched.is_empty() {
            self.issues.push(
                loc.field("where"),
                "selects no leg of the network (every list given must match)",
            );
            return None;
        }
        Some(matched)
    }

    fn scale(&mut self, k: usize, s: &Scale) {
        let Some(selected) = self.select(k, &s.select) else {
            return;
        };
        let who = self.note(k);
        let text = |old: String| {
            let add = if s.add_h != 0.0 {
                format!(" + {} h", s.add_h)
            } else {
                String::new()
            };
            format!("{who}: {} ×{}{add} (was {old})", s.what.as_str(), s.factor)
        };
        for i in selected {
            let (leg, origin) = &mut self.legs[i];
            origin.touch(k);
            let note = match s.what {
                Measure::Cost => {
                    let old = format!("{}/{} USD", leg.cost.twenty.get(), leg.cost.forty.get());
                    leg.cost =
                        PerContainer::new(leg.cost.twenty * s.factor, leg.cost.forty * s.factor);
                    text(old)
                }
                Measure::Time => {
                    let old = format!("{} h", leg.time.get());
                    leg.time = leg.time * s.factor;
                    text(old)
                }
                Measure::Wait => {
                    let old = format!("{} h", leg.wait.get());
                    leg.wait = leg.wait * s.factor + Hours(s.add_h);
                    text(old)
                }
                Measure::Emissions => {
                    let old = leg.emission_factor.to_string();
                    let derived = EmissionFactorId::new(format!("{old}-x{}", s.factor));
                    leg.emission_factor = derived.clone();
                    if !self.efs.iter().any(|(e, _)| e.id == derived)
                        && let Some((base, _)) = self.efs.iter().find(|(e, _)| e.id.as_str() == old)
                    {
                        let mut e = base.clone();
                        e.id = derived;
                        e.value = base.value * s.factor;
                        e.ttw = base.ttw.map(|x| x * s.factor);
                        e.wtt = base.wtt.map(|x| x * s.factor);
                        e.kwh_per_unit = base.kwh_per_unit.map(|x| x * s.factor);
                        e.note = Some(format!(
                            "{}{who}: factor \"{old}\" ×{}",
                            e.note
                                .as_deref()
                                .map(|n| format!("{n}; "))
                                .unwrap_or_default(),
                            s.factor
                        ));
                        self.efs.push((e, Origin::Added(k)));
                    }
                    text(format!("emission factor \"{old}\""))
                }
            };
            let (leg, _) = &mut self.legs[i];
            note_provenance(&mut leg.provenance, s.what.field(), note);
            self.touched
                .insert((format!("leg:{}", leg.id), s.what.field()), k);
        }
    }

    fn add_dwell(&mut self, k: usize, d: &AddDwell) {
        let before = self.issues.len();
        let loc = change_loc(k);
        for (j, id) in d.terminals.iter().enumerate() {
            match self.terminals.iter().find(|(t, _)| t.id.as_str() == id) {
                None => self.unknown_terminal(loc.clone().field(format!("terminals[{j}]")), id),
                Some((t, _)) if t.handling.is_none() => self.issues.push(
                    loc.clone().field(format!("terminals[{j}]")),
                    format!(
                        "terminal \"{id}\" has no `handling`: containers cannot change mode there, so a dwell would never apply"
                    ),
                ),
                Some(_) => {}
            }
        }
        for (j, &cc) in d.countries.iter().enumerate() {
            if !self
                .terminals
                .iter()
                .any(|(t, _)| t.country == cc && t.handling.is_some())
            {
                self.issues.push(
                    loc.clone().field(format!("countries[{j}]")),
                    format!("no terminal with `handling` in {cc}"),
                );
            }
        }
        if self.issues.len() > before {
            return;
        }
        let who = self.note(k);
        for (t, origin) in &mut self.terminals {
            let chosen = d.terminals.iter().any(|id| id == t.id.as_str())
                || d.countries.contains(&t.country);
            let Some(h) = t.handling.as_mut().filter(|_| chosen) else {
                continue;
            };
            let old = *h;
            h.time_h += Hours(d.hours);
            h.cost_usd = PerContainer::new(
                h.cost_usd.twenty + Usd(d.cost.twenty),
                h.cost_usd.forty + Usd(d.cost.forty),
            );
            origin.touch(k);
            self.touched
                .insert((format!("terminal:{}", t.id), "handling"), k);
            if d.hours != 0.0 {
                note_provenance(
                    &mut t.provenance,
                    "handling.time_h",
                    format!("{who}: + {} h dwell (was {} h)", d.hours, old.time_h.get()),
                );
            }
            if d.cost.twenty != 0.0 || d.cost.forty != 0.0 {
                note_provenance(
                    &mut t.provenance,
                    "handling.cost_usd",
                    format!(
                        "{who}: + {}/{} USD dwell (was {}/{} USD)",
                        d.cost.twenty,
                        d.cost.forty,
                        old.cost_usd.twenty.get(),
                        old.cost_usd.forty.get()
                    ),
                );
            }
        }
    }

    /// Builds the network, locating its validation problems at the changes
    /// that caused them.
    fn build(self, net: &Network) -> Result<Network, Error> {
        let meta = net.meta();
        let mut b = NetworkBuilder::new().assumptions(meta.assumptions);
        let id = &self.scenario.id;
        b = b.name(match &meta.name {
            Some(n) => format!("{n} + {id}"),
            None => id.clone(),
        });
        if let Some(v) = &meta.dataset_version {
            b = b.dataset_version(v.clone());
        }
        for s in &self.sources {
            b = b.source(s.clone());
        }
        for (e, _) in &self.efs {
            b = b.emission_factor(e.clone());
        }
        for g in &self.grids {
            b = b.grid_intensity(g.clone());
        }
        for h in net.hub_factors() {
            b = b.hub_factor(h.clone());
        }
        // Corridor rules keep only tags that still exist; a rule left with
        // none could never be satisfied and is dropped.
        let tags: HashSet<&str> = self
            .legs
            .iter()
            .flat_map(|(l, _)| l.corridors.iter().map(String::as_str))
            .collect();
        for c in net.corridors() {
            let mut c = c.clone();
            if !c.rule.require_tags.is_empty() {
                c.rule.require_tags.retain(|t| tags.contains(t.as_str()));
                if c.rule.require_tags.is_empty() {
                    continue;
                }
            }
            b = b.corridor(c);
        }
        for (t, _) in &self.terminals {
            b = b.terminal(t.clone());
        }
        for (l, _) in &self.legs {
            b = b.leg(l.clone());
        }
        match b.build() {
            Ok(n) => Ok(n),
            Err(Error::Invalid { issues }) => Err(invalid(
                issues.into_iter().map(|i| self.locate(i)).collect(),
            )),
            Err(other) => Err(other),
        }
    }

    /// Moves an issue of the built network to the change that caused it.
    fn locate(&self, issue: Issue) -> Issue {
        let loc = &issue.location;
        let (origin, kind) = match (loc.table, loc.index) {
            ("legs", Some(i)) => (self.legs.get(i).map(|x| x.1), "leg"),
            ("terminals", Some(i)) => (self.terminals.get(i).map(|x| x.1), "terminal"),
            ("emission_factors", Some(i)) => (self.efs.get(i).map(|x| x.1), "emission factor"),
            _ => (None, ""),
        };
        let id = loc.id.clone().unwrap_or_default();
        match origin {
            Some(Origin::Added(k)) => {
                let mut l = change_loc(k).id(id);
                if let Some(f) = &loc.field {
                    l = l.field(match (kind, f.as_str()) {
                        ("leg", "geometry") => "leg.geometry".to_string(),
                        ("terminal", "coordinates") => "terminal.geometry".to_string(),
                        ("leg" | "terminal", f) => format!("{kind}.properties.{f}"),
                        (_, f) => f.to_string(),
                    });
                }
                Issue {
                    location: l,
                    message: issue.message,
                }
            }
            Some(Origin::Changed(last)) => {
                let kind_key = if kind == "leg" { "leg" } else { "terminal" };
                let k = loc
                    .field
                    .as_deref()
                    .and_then(|f| {
                        self.touched
                            .iter()
                            .filter(|((item, prefix), _)| {
                                *item == format!("{kind_key}:{id}") && f.starts_with(prefix)
                            })
                            .map(|(_, &k)| k)
                            .max()
                    })
                    .unwrap_or(last);
                let mut l = change_loc(k).id(id.clone());
                if let Some(f) = &loc.field {
                    l = l.field(f.clone());
                }
                Issue {
                    location: l,
                    message: format!("{} \"{id}\" after this change: {}", kind, issue.message),
                }
            }
            _ => issue,
        }
    }
}

/// Records a scenario change in a field's provenance: the method becomes
/// `estimate` (the value is now an assumption), the source stays, and the
/// note says what was done.
fn note_provenance(p: &mut ProvenanceMap, field: &str, text: String) {
    match p.get_mut(field) {
        Some(entry) => {
            entry.note = Some(match entry.note.take() {
                Some(n) => format!("{text}; before: {n}"),
                None => text,
            });
            entry.method = Method::Estimate;
        }
        None => {
            let mut entry = Provenance::new(Method::Estimate, None);
            entry.note = Some(text);
            p.insert(field.to_string(), entry);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provenance_notes_accumulate() {
        let mut p = ProvenanceMap::new();
        note_provenance(&mut p, "wait_h", "first".into());
        note_provenance(&mut p, "wait_h", "second".into());
        assert_eq!(p["wait_h"].note.as_deref(), Some("second; before: first"));
        assert_eq!(p["wait_h"].method, Method::Estimate);
    }
}
