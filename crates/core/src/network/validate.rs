//! The validation pass of a [`NetworkBuilder`]: every problem of every
//! table, each with its location. Also the checks that scenarios share
//! (numbers, table ids, sources).

use super::builder::NetworkBuilder;
use crate::country::CountryCode;
use crate::error::{Issue, Location};
use crate::model::*;
use crate::names::{NameIndex, did_you_mean_id};
use crate::units::great_circle;
use std::collections::{HashMap, HashSet};

/// Longest leg accepted, km.
const MAX_KM: f64 = 40_000.0;
/// Longest time or wait accepted, hours (a year).
pub(crate) const MAX_HOURS: f64 = 24.0 * 365.0;
/// Largest cost accepted, USD per container.
pub(crate) const MAX_USD: f64 = 1_000_000.0;
/// Largest emission factor accepted, g CO2e per unit.
const MAX_EF_G: f64 = 5_000.0;
/// Largest electricity use accepted, kWh per unit (t-km or TEU-km).
const MAX_KWH: f64 = 10.0;
/// Largest grid intensity accepted, g CO2e per kWh (coal plants emit
/// about 1,000; the worst national grids about 1,300).
pub(crate) const MAX_GRID_G: f64 = 2_000.0;
/// Largest hub emission accepted, kg CO2e per TEU.
const MAX_HUB_KG: f64 = 1_000.0;
/// How much shorter than the great-circle distance a leg may claim to be.
pub const GREAT_CIRCLE_TOLERANCE: f64 = 0.02;
/// The message for a malformed table id.
const ID_RULE: &str = "ids use lowercase ASCII letters, digits and '-'";

/// The problems found by one pass, in the order found.
#[derive(Debug, Default)]
pub(crate) struct Issues(pub(crate) Vec<Issue>);

impl Issues {
    pub(crate) fn push(&mut self, location: Location, message: impl Into<String>) {
        self.0.push(Issue {
            location,
            message: message.into(),
        });
    }

    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }

    /// Checks a number: finite, not negative, not zero when `positive`, at
    /// most `max`. Reports the problem at `field` and says whether it passed.
    pub(crate) fn number(
        &mut self,
        loc: &Location,
        field: &str,
        value: f64,
        positive: bool,
        max: f64,
    ) -> bool {
        let problem = if value.is_nan() {
            Some("is NaN".to_string())
        } else if value.is_infinite() {
            Some("is infinite".to_string())
        } else if value < 0.0 {
            Some(format!("is negative ({value})"))
        } else if positive && value == 0.0 {
            Some("must be greater than zero".to_string())
        } else if value > max {
            Some(format!("is {value}, implausibly large (limit {max})"))
        } else {
            None
        };
        match problem {
            Some(p) => {
                self.push(loc.clone().field(field), format!("`{field}` {p}"));
                false
            }
            None => true,
        }
    }

    /// Checks the id of a row of a table (`what`: "source", "corridor"):
    /// well formed, and not seen before in `seen`.
    fn table_id(&mut self, loc: &Location, what: &str, id: &str, seen: &mut HashSet<String>) {
        if !is_valid_id(id) {
            self.push(loc.clone().field("id"), ID_RULE);
        }
        if !seen.insert(id.to_string()) {
            self.push(
                loc.clone().field("id"),
                format!("duplicate {what} id \"{id}\""),
            );
        }
    }

    /// Checks a row of a `sources` table (a network's or a scenario's);
    /// `seen` collects the ids.
    pub(crate) fn source(&mut self, loc: Location, s: &Source, seen: &mut HashSet<String>) {
        self.table_id(&loc, "source", s.id.as_str(), seen);
        if s.title.trim().is_empty() {
            self.push(loc.clone().field("title"), "empty title");
        }
        if !(1800..=2100).contains(&s.year) {
            self.push(loc.field("year"), format!("implausible year {}", s.year));
        }
    }
}

/// Every problem of a builder: those found while parsing it, then those of
/// its tables in order (sources, emission factors, terminals, legs,
/// corridors).
pub(super) fn validate(b: &NetworkBuilder) -> Vec<Issue> {
    let mut v = Validator {
        b,
        issues: Issues(b.issues.clone()),
        source_ids: HashSet::new(),
        ef_ids: HashSet::new(),
        hub_ids: HashSet::new(),
        terminal_ids: HashMap::new(),
        names: NameIndex::default(),
    };
    v.size();
    v.sources();
    v.emission_factors();
    v.grid_intensities();
    v.hub_factors();
    v.terminals();
    v.legs();
    v.corridors();
    v.issues.0
}

/// The validation pass of a builder, with the ids seen so far.
struct Validator<'a> {
    b: &'a NetworkBuilder,
    issues: Issues,
    source_ids: HashSet<String>,
    ef_ids: HashSet<String>,
    hub_ids: HashSet<String>,
    terminal_ids: HashMap<&'a str, usize>,
    names: NameIndex,
}

impl<'a> Validator<'a> {
    fn push(&mut self, location: Location, message: impl Into<String>) {
        self.issues.push(location, message);
    }

    fn number(
        &mut self,
        loc: &Location,
        field: &str,
        value: f64,
        positive: bool,
        max: f64,
    ) -> bool {
        self.issues.number(loc, field, value, positive, max)
    }

    fn terminal_loc(&self, i: usize) -> Location {
        match self.b.terminal_features.get(i).copied().flatten() {
            Some(f) => Location::new("features", Some(f)),
            None => Location::new("terminals", Some(i)),
        }
        .id(self.b.terminals[i].id.as_str())
    }

    fn leg_loc(&self, i: usize) -> Location {
        match self.b.leg_features.get(i).copied().flatten() {
            Some(f) => Location::new("features", Some(f)),
            None => Location::new("legs", Some(i)),
        }
        .id(self.b.legs[i].id.as_str())
    }

    /// Checks the id of a terminal or leg (`what`), already found
    /// `duplicate` or not.
    fn feature_id(&mut self, loc: &Location, what: &str, id: &str, duplicate: bool) {
        if !is_valid_id(id) {
            self.push(
                loc.clone().field("id"),
                format!("invalid id \"{id}\": use lowercase ASCII letters, digits and '-'"),
            );
        }
        if duplicate {
            self.push(
                loc.clone().field("id"),
                format!("duplicate {what} id \"{id}\""),
            );
        }
    }

    fn check_source(&mut self, loc: &Location, field: &str, id: &SourceId) {
        if !self.source_ids.contains(id.as_str()) {
            self.push(
                loc.clone().field(field),
                format!("unknown source \"{id}\": add it to the `sources` table"),
            );
        }
    }

    /// The sources of a terminal or leg and of its provenance records.
    fn check_sources(&mut self, loc: &Location, sources: &[SourceId], provenance: &ProvenanceMap) {
        for s in sources {
            self.check_source(loc, "sources", s);
        }
        for (field, p) in provenance {
            if let Some(s) = &p.source {
                self.check_source(loc, &format!("provenance.{field}.source"), s);
            }
        }
    }

    /// Positions are 32-bit: a network must fit them (a leg makes at most
    /// two places and four links besides transfers).
    fn size(&mut self) {
        let limit = u32::MAX as usize / 8;
        for (what, n) in [
            ("terminals", self.b.terminals.len()),
            ("legs", self.b.legs.len()),
        ] {
            if n > limit {
                self.push(
                    Location::new("document", None),
                    format!("{n} {what} are more than a network holds ({limit})"),
                );
            }
        }
    }

    fn sources(&mut self) {
        for (i, s) in self.b.sources.iter().enumerate() {
            let loc = Location::new("sources", Some(i)).id(s.id.as_str());
            self.issues.source(loc, s, &mut self.source_ids);
        }
    }

    fn emission_factors(&mut self) {
        for (i, e) in self.b.emission_factors.iter().enumerate() {
            let loc = Location::new("emission_factors", Some(i)).id(e.id.as_str());
            if !self.ef_ids.insert(e.id.to_string()) {
                self.push(
                    loc.clone().field("id"),
                    format!("duplicate emission factor id \"{}\"", e.id),
                );
            }
            let share_ok = self.number(&loc, "electric_share", e.electric_share, false, 1.0);
            // A wholly electric factor has no fuel part.
            let wholly_electric = share_ok && e.electric_share == 1.0;
            self.number(&loc, "value", e.value, !wholly_electric, MAX_EF_G);
            match (e.ttw, e.wtt) {
                (Some(t), Some(w)) => {
                    let ok = self.number(&loc, "ttw", t, false, MAX_EF_G)
                        & self.number(&loc, "wtt", w, false, MAX_EF_G);
                    if ok && (t + w - e.value).abs() > 1e-9 * e.value.max(1.0) {
                        self.push(
                            loc.clone().field("value"),
                            format!(
                                "`ttw` {t} + `wtt` {w} = {} but `value` is {}: well-to-wheel \
                                 is their sum",
                                t + w,
                                e.value
                            ),
                        );
                    }
                }
                (None, None) => {}
                (t, _) => self.push(
                    loc.clone().field(if t.is_some() { "wtt" } else { "ttw" }),
                    "give both `ttw` and `wtt`, or neither",
                ),
            }
            if share_ok && e.electric_share > 0.0 {
                match e.kwh_per_unit {
                    Some(k) => {
                        self.number(&loc, "kwh_per_unit", k, true, MAX_KWH);
                    }
                    None => self.push(
                        loc.clone().field("kwh_per_unit"),
                        "an `electric_share` above 0 needs `kwh_per_unit`, the electricity per unit",
                    ),
                }
            }
            if let Some([lo, hi]) = e.range {
                self.range(&loc, lo, hi, MAX_EF_G);
            }
            self.check_source(&loc, "source", &e.source);
        }
    }

    /// Checks a `[low, high]` range.
    fn range(&mut self, loc: &Location, lo: f64, hi: f64, max: f64) {
        if self.number(loc, "range", lo, false, max)
            && self.number(loc, "range", hi, false, max)
            && lo > hi
        {
            self.push(
                loc.clone().field("range"),
                format!("range [{lo}, {hi}] has its low end above its high end"),
            );
        }
    }

    fn grid_intensities(&mut self) {
        let mut seen = HashSet::new();
        for (i, g) in self.b.grid_intensities.iter().enumerate() {
            let loc = Location::new("grid_intensities", Some(i)).id(g.country.as_str());
            if !seen.insert(g.country) {
                self.push(
                    loc.clone().field("country"),
                    format!("duplicate grid intensity for {}", g.country),
                );
            }
            self.number(&loc, "g_per_kwh", g.g_per_kwh, false, MAX_GRID_G);
            if !(1990..=2100).contains(&g.year) {
                self.push(
                    loc.clone().field("year"),
                    format!("implausible year {}", g.year),
                );
            }
            self.check_source(&loc, "source", &g.source);
        }
    }

    fn hub_factors(&mut self) {
        let mut seen = std::mem::take(&mut self.hub_ids);
        for (i, h) in self.b.hub_factors.iter().enumerate() {
            let loc = Location::new("hub_factors", Some(i)).id(h.id.as_str());
            self.issues
                .table_id(&loc, "hub factor", h.id.as_str(), &mut seen);
            self.number(&loc, "ttw_kg_per_teu", h.ttw_kg_per_teu, false, MAX_HUB_KG);
            self.number(&loc, "wtt_kg_per_teu", h.wtt_kg_per_teu, false, MAX_HUB_KG);
            if let Some([lo, hi]) = h.range {
                self.range(&loc, lo, hi, MAX_HUB_KG);
            }
            self.check_source(&loc, "source", &h.source);
        }
        self.hub_ids = seen;
    }

    fn terminals(&mut self) {
        let b = self.b;
        for (i, t) in b.terminals.iter().enumerate() {
            let loc = self.terminal_loc(i);
            let duplicate = self.terminal_ids.insert(t.id.as_str(), i).is_some();
            self.feature_id(&loc, "terminal", t.id.as_str(), duplicate);
            if t.name.trim().is_empty() {
                self.push(loc.clone().field("name"), "empty name");
            }
            if let Some(h) = &t.hub_factor
                && !self.hub_ids.contains(h.as_str())
            {
                self.push(
                    loc.clone().field("hub_factor"),
                    format!("unknown hub factor \"{h}\""),
                );
            }
            for n in t.names() {
                if let Some(other) = self.names.insert(n, i) {
                    self.push(
                        loc.clone().field("aliases"),
                        format!(
                            "name \"{n}\" also names terminal \"{}\": names must be unambiguous",
                            b.terminals[other].id
                        ),
                    );
                }
            }
            if !(t.lat.is_finite() && (-90.0..=90.0).contains(&t.lat)) {
                self.push(
                    loc.clone().field("coordinates"),
                    format!("latitude {} is outside [-90, 90]", t.lat),
                );
            }
            if !(t.lon.is_finite() && (-180.0..=180.0).contains(&t.lon)) {
                self.push(
                    loc.clone().field("coordinates"),
                    format!("longitude {} is outside [-180, 180]", t.lon),
                );
            }
            for g in &t.gauges {
                if !g.is_plausible() {
                    self.push(
                        loc.clone().field("gauges"),
                        format!("implausible gauge {} mm", g.0),
                    );
                }
            }
            if let Some(h) = &t.handling {
                let cost = h.cost_usd;
                self.number(&loc, "handling.cost_usd.20", cost.twenty.0, false, MAX_USD);
                self.number(&loc, "handling.cost_usd.40", cost.forty.0, false, MAX_USD);
                self.number(&loc, "handling.time_h", h.time_h.0, false, MAX_HOURS);
                if t.sources.is_empty() {
                    self.push(
                        loc.clone().field("sources"),
                        "handling figures without a source",
                    );
                }
            }
            self.check_sources(&loc, &t.sources, &t.provenance);
        }
    }

    fn legs(&mut self) {
        let b = self.b;
        let mut leg_ids = HashSet::new();
        for (i, l) in b.legs.iter().enumerate() {
            let loc = self.leg_loc(i);
            let duplicate = !leg_ids.insert(l.id.as_str());
            self.feature_id(&loc, "leg", l.id.as_str(), duplicate);
            let end =
                |id: &TerminalId| self.terminal_ids.get(id.as_str()).map(|&j| &b.terminals[j]);
            let (from, to) = (end(&l.from), end(&l.to));
            for (field, id, t) in [("from", &l.from, from), ("to", &l.to, to)] {
                if t.is_none() {
                    let s = self
                        .names
                        .suggest(id.as_str(), 1, |j| b.terminals[j].id.to_string());
                    self.push(
                        loc.clone().field(field),
                        format!("unknown terminal \"{id}\"{}", did_you_mean_id(&s)),
                    );
                }
            }
            if l.from == l.to {
                self.push(
                    loc.clone().field("to"),
                    "self-loop: `from` and `to` are the same terminal",
                );
            }
            self.leg_numbers(&loc, l);
            if let (Some(f), Some(t)) = (from, to) {
                self.leg_ends(&loc, l, f, t);
            }
            if !self.ef_ids.contains(l.emission_factor.as_str()) {
                self.push(
                    loc.clone().field("emission_factor"),
                    format!("unknown emission factor \"{}\"", l.emission_factor),
                );
            } else if let (Some(f), Some(t)) = (from, to) {
                self.leg_grid(&loc, l, f, t);
            }
            if let Some(c) = &l.capacity {
                self.number(&loc, "capacity.value", c.value, true, 1e12);
            }
            if let Some(s) = l.sailings_per_week {
                self.number(&loc, "sailings_per_week", s, true, 1000.0);
            }
            if l.sources.is_empty() {
                self.push(
                    loc.clone().field("sources"),
                    "leg without a source: every figure needs one",
                );
            }
            self.check_sources(&loc, &l.sources, &l.provenance);
            for (k, (lat, lon)) in l.geometry.iter().enumerate() {
                if !(lat.is_finite() && lon.is_finite() && lat.abs() <= 90.0 && lon.abs() <= 180.0)
                {
                    self.push(
                        loc.clone().field("geometry"),
                        format!("point {k} ({lat}, {lon}) is not a valid WGS84 coordinate"),
                    );
                }
            }
        }
    }

    /// A leg's figures, and its speed.
    fn leg_numbers(&mut self, loc: &Location, l: &Leg) {
        self.number(loc, "distance_km", l.distance.0, true, MAX_KM);
        self.number(loc, "time_h", l.time.0, true, MAX_HOURS);
        self.number(loc, "wait_h", l.wait.0, false, MAX_HOURS);
        self.number(loc, "cost_usd.20", l.cost.twenty.0, false, MAX_USD);
        self.number(loc, "cost_usd.40", l.cost.forty.0, false, MAX_USD);
        if l.distance.0.is_finite() && l.time.0.is_finite() && l.time.0 > 0.0 {
            let speed = l.distance.0 / l.time.0;
            if speed > l.mode.max_speed_kmh() {
                self.push(
                    loc.clone().field("time_h"),
                    format!(
                        "average speed {speed:.0} km/h is implausible for {} (limit {} km/h): check `distance_km` and `time_h`",
                        l.mode,
                        l.mode.max_speed_kmh()
                    ),
                );
            }
        }
    }

    /// What a leg must agree on with its ends: distance, gauge and border.
    /// A leg with electric traction needs the grid intensity of both its
    /// end countries.
    fn leg_grid(&mut self, loc: &Location, l: &Leg, f: &Terminal, t: &Terminal) {
        let electric = self
            .b
            .emission_factors
            .iter()
            .find(|e| e.id == l.emission_factor)
            .is_some_and(|e| e.electric_share > 0.0);
        if !electric {
            return;
        }
        let mut missing: Vec<CountryCode> = [f.country, t.country]
            .into_iter()
            .filter(|c| !self.b.grid_intensities.iter().any(|g| g.country == *c))
            .collect();
        missing.dedup();
        for c in missing {
            self.push(
                loc.clone().field("emission_factor"),
                format!(
                    "factor \"{}\" has electric traction but the network has no grid \
                     intensity for {c}: add one to `grid_intensities`",
                    l.emission_factor
                ),
            );
        }
    }

    fn leg_ends(&mut self, loc: &Location, l: &Leg, f: &Terminal, t: &Terminal) {
        let gc = great_circle(f.lat, f.lon, t.lat, t.lon).0;
        if gc.is_finite() && l.distance.0 < gc * (1.0 - GREAT_CIRCLE_TOLERANCE) {
            self.push(
                loc.clone().field("distance_km"),
                format!(
                    "{} km is shorter than the great-circle distance between its ends ({gc:.1} km)",
                    l.distance.0
                ),
            );
        }
        if l.mode == Mode::Rail {
            match l.gauge {
                None => self.push(loc.clone().field("gauge"), "rail leg without a `gauge`"),
                Some(g) => {
                    for (end, t) in [("from", f), ("to", t)] {
                        if !t.gauges.contains(&g) {
                            self.push(
                                loc.clone().field("gauge"),
                                format!(
                                    "gauge {} mm is not among the gauges of its `{end}` terminal \"{}\"",
                                    g.0, t.id
                                ),
                            );
                        }
                    }
                }
            }
        } else if l.gauge.is_some() {
            self.push(
                loc.clone().field("gauge"),
                format!("a {} leg has no gauge", l.mode),
            );
        }
        match l.border {
            Some((a, c)) => {
                if a != f.country || c != t.country {
                    self.push(
                        loc.clone().field("border"),
                        format!(
                            "border [{a}, {c}] does not match the countries of its ends [{}, {}]",
                            f.country, t.country
                        ),
                    );
                } else if a == c {
                    self.push(
                        loc.clone().field("border"),
                        format!("border [{a}, {c}] is not a border"),
                    );
                }
            }
            None if f.country != t.country => self.push(
                loc.clone().field("border"),
                format!(
                    "the leg goes from {} to {} but has no `border`: add \"border\": [\"{}\", \"{}\"]",
                    f.country, t.country, f.country, t.country
                ),
            ),
            None => {}
        }
    }

    fn corridors(&mut self) {
        let b = self.b;
        let tags: HashSet<&str> = b
            .legs
            .iter()
            .flat_map(|l| l.corridors.iter().map(String::as_str))
            .collect();
        let mut corridor_ids = HashSet::new();
        for (i, c) in b.corridors.iter().enumerate() {
            let loc = Location::new("corridors", Some(i)).id(c.id.as_str());
            self.issues
                .table_id(&loc, "corridor", c.id.as_str(), &mut corridor_ids);
            for t in &c.rule.require_tags {
                if !tags.contains(t.as_str()) {
                    self.push(
                        loc.clone().field("rule.require_tags"),
                        format!("no leg carries the tag \"{t}\""),
                    );
                }
            }
            let rule = &c.rule;
            if let Some(p) = rule
                .require_passages
                .iter()
                .find(|p| rule.avoid_passages.contains(p))
            {
                self.push(
                    loc.clone().field("rule"),
                    format!("passage {p} is both required and avoided"),
                );
            }
            if let Some(k) = rule
                .require_countries
                .iter()
                .find(|k| rule.avoid_countries.contains(k))
            {
                self.push(
                    loc.field("rule"),
                    format!("country {k} is both required and avoided"),
                );
            }
        }
    }
}
