//! Look-ups over the tables (ids to rows) and the evaluation scope of the
//! formulas, built once and checked for unknown or repeated references.

use crate::error::{Error, Location};
use crate::expr::{Env, Rate, Value};
use crate::tables::{LegField, LegValueRow, MeasuredRow, Row, Tables, TerminalValueRow};
use silkroute_core::{Method, Provenance, SourceId};
use std::collections::{BTreeMap, HashMap};

/// Ids of the tables mapped to their rows.
pub(crate) struct Index<'a> {
    pub t: &'a Tables,
    pub terminal: HashMap<&'a str, usize>,
    pub leg: HashMap<&'a str, usize>,
    pub values: HashMap<(usize, LegField), &'a Row<LegValueRow>>,
    pub terminal_values: HashMap<usize, &'a Row<TerminalValueRow>>,
    pub measured: HashMap<&'a str, &'a Row<MeasuredRow>>,
}

fn unique<'a>(
    ids: impl Iterator<Item = (&'a str, Location)>,
    what: &str,
) -> Result<HashMap<&'a str, usize>, Error> {
    let mut map = HashMap::new();
    for (i, (id, at)) in ids.enumerate() {
        if map.insert(id, i).is_some() {
            return Err(Error::table(at, format!("duplicate {what} id \"{id}\"")));
        }
    }
    Ok(map)
}

impl<'a> Index<'a> {
    pub fn new(t: &'a Tables) -> Result<Index<'a>, Error> {
        let terminal = unique(
            t.terminals.iter().map(|r| (r.data.id.as_str(), r.at("id"))),
            "terminal",
        )?;
        let leg = unique(
            t.legs.iter().map(|r| (r.data.id.as_str(), r.at("id"))),
            "leg",
        )?;
        let find_leg = |id: &str, at: Location| {
            leg.get(id)
                .copied()
                .ok_or_else(|| Error::table(at, format!("unknown leg \"{id}\"")))
        };
        let find_terminal = |id: &str, at: Location| {
            terminal
                .get(id)
                .copied()
                .ok_or_else(|| Error::table(at, format!("unknown terminal \"{id}\"")))
        };
        for r in &t.legs {
            find_terminal(&r.data.from, r.at("from"))?;
            find_terminal(&r.data.to, r.at("to"))?;
        }
        for r in &t.aliases {
            find_terminal(&r.data.terminal, r.at("terminal"))?;
        }
        for r in &t.terminal_sources {
            find_terminal(&r.data.terminal, r.at("terminal"))?;
        }
        for r in &t.leg_sources {
            find_leg(&r.data.leg, r.at("leg"))?;
        }
        let mut values = HashMap::new();
        for r in &t.leg_values {
            let i = find_leg(&r.data.leg, r.at("leg"))?;
            if r.data.unit.is_some() != (r.data.field == LegField::Capacity) {
                return Err(Error::table(
                    r.at("unit"),
                    "a capacity row needs a unit; other figures have theirs in the field name",
                ));
            }
            if values.insert((i, r.data.field), r).is_some() {
                return Err(Error::table(
                    r.at("field"),
                    format!(
                        "a second {} row for leg \"{}\": one figure per row",
                        r.data.field.as_str(),
                        r.data.leg
                    ),
                ));
            }
        }
        let mut terminal_values = HashMap::new();
        for r in &t.terminal_values {
            let i = find_terminal(&r.data.terminal, r.at("terminal"))?;
            if terminal_values.insert(i, r).is_some() {
                return Err(Error::table(
                    r.at("field"),
                    format!("a second row for terminal \"{}\"", r.data.terminal),
                ));
            }
        }
        let mut measured = HashMap::new();
        for r in &t.measured {
            find_leg(&r.data.leg_id, r.at("leg_id"))?;
            if measured.insert(r.data.leg_id.as_str(), r).is_some() {
                return Err(Error::table(
                    r.at("leg_id"),
                    format!("leg \"{}\" is measured twice", r.data.leg_id),
                ));
            }
        }
        Ok(Index {
            t,
            terminal,
            leg,
            values,
            terminal_values,
            measured,
        })
    }

    /// The leg_values.csv row of a figure of leg `i`.
    pub fn value(&self, i: usize, field: LegField) -> Option<&'a Row<LegValueRow>> {
        self.values.get(&(i, field)).copied()
    }
}

/// The distances of every leg, in legs.csv order, unrounded.
pub(crate) struct Distances {
    pub km: Vec<f64>,
    pub prov: Vec<Provenance>,
}

/// No distances: the scope of formulas that need none.
static NO_DISTANCES: Distances = Distances {
    km: Vec::new(),
    prov: Vec::new(),
};

/// The text of a provenance method, as written in the tables.
pub(crate) fn method_str(m: Method) -> &'static str {
    match m {
        Method::Published => "published",
        Method::Derived => "derived",
        Method::Network => "network",
        Method::Estimate => "estimate",
        _ => "unknown",
    }
}

/// Rounds to one decimal like the figures of the network (round half to
/// even on the exact binary value).
pub(crate) fn r1(x: f64) -> f64 {
    format!("{x:.1}").parse().unwrap_or(x)
}

/// A provenance entry; ranges are rounded to one decimal.
pub(crate) fn provenance(
    method: Method,
    source: &str,
    note: Option<String>,
    range: Option<[f64; 2]>,
) -> Provenance {
    let mut p = Provenance::new(method, Some(SourceId::new(source)));
    p.note = note.filter(|n| !n.is_empty());
    p.range = range.map(|[a, b]| [r1(a), r1(b)]);
    p
}

/// What the formulas see once every distance is known.
pub(crate) struct Scope<'s, 'a> {
    pub ix: &'s Index<'a>,
    pub dist: &'s Distances,
    pub rates: Option<&'s BTreeMap<String, Rate>>,
    pub rail: Option<&'s crate::costs::RailGraph>,
    pub vars: Vec<(&'static str, Value)>,
}

impl<'s, 'a> Scope<'s, 'a> {
    pub fn new(ix: &'s Index<'a>, dist: &'s Distances) -> Self {
        Scope {
            ix,
            dist,
            rates: None,
            rail: None,
            vars: Vec::new(),
        }
    }

    /// A scope without distances, rates or rail paths.
    pub fn pure(ix: &'s Index<'a>) -> Self {
        Scope::new(ix, &NO_DISTANCES)
    }

    /// Sets a numeric variable.
    pub fn set(&mut self, name: &'static str, x: f64) -> &mut Self {
        self.vars.retain(|(n, _)| *n != name);
        self.vars.push((name, Value::Num(x)));
        self
    }

    /// Sets a text variable.
    pub fn set_text(&mut self, name: &'static str, s: impl Into<String>) -> &mut Self {
        self.vars.retain(|(n, _)| *n != name);
        self.vars.push((name, Value::Text(s.into())));
        self
    }

    fn leg(&self, id: &str) -> Result<usize, String> {
        self.ix
            .leg
            .get(id)
            .copied()
            .ok_or_else(|| format!("unknown leg \"{id}\""))
    }
}

impl Env for Scope<'_, '_> {
    fn var(&mut self, name: &str) -> Option<Value> {
        self.vars
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
    }

    fn distance(&mut self, leg: &str) -> Result<f64, String> {
        Ok(self.dist.km[self.leg(leg)?])
    }

    fn method(&mut self, leg: &str, field: &str) -> Result<String, String> {
        if field != "distance_km" {
            return Err(format!("method(leg, {field}): only distance_km is known"));
        }
        Ok(method_str(self.dist.prov[self.leg(leg)?].method).to_string())
    }

    fn rate(&mut self, id: &str) -> Result<Rate, String> {
        let rates = self.rates.ok_or("rates cannot be used here")?;
        rates.get(id).copied().ok_or_else(|| {
            format!(
                "unknown rate \"{id}\": the rates of costs.toml are {}",
                rates.keys().cloned().collect::<Vec<_>>().join(", ")
            )
        })
    }

    fn rail_km(&mut self, from: &str, to: &str) -> Result<f64, String> {
        self.rail
            .ok_or("rail paths cannot be used here")?
            .km(from, to)
    }
}
