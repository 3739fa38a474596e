//! The distance of every leg: a leg_values.csv row (published, or derived by
//! a formula from other legs), a measured distance, or great circle x
//! circuity.

use crate::error::{Error, Location};
use crate::expr::{self, Env, Rate, Value};
use crate::index::{Distances, Index, method_str, provenance};
use crate::tables::{DistanceRule, LegField, MeasureStatus, TerminalRow, range_pair};
use silkroute_core::{Method, Provenance, great_circle};

/// Great-circle distance between two terminals, km.
pub(crate) fn great_circle_km(a: &TerminalRow, b: &TerminalRow) -> f64 {
    great_circle(a.lat, a.lon, b.lat, b.lon).get()
}

/// Resolves distances on demand, so that a derived distance can use
/// another leg's whatever the row order; cycles are reported.
struct Resolver<'r, 'a> {
    ix: &'r Index<'a>,
    done: Vec<Option<(f64, Provenance)>>,
    active: Vec<bool>,
}

/// The scope of a distance row's formulas: other legs' distances, and
/// `value` (the row's own) in its range and note.
struct RowEnv<'e, 'r, 'a> {
    r: &'e mut Resolver<'r, 'a>,
    value: Option<f64>,
    /// An error met while resolving another leg, reported as it is.
    nested: Option<Error>,
}

impl RowEnv<'_, '_, '_> {
    fn other(&mut self, leg: &str) -> Result<(f64, Method), String> {
        let j = *self
            .r
            .ix
            .leg
            .get(leg)
            .ok_or_else(|| format!("unknown leg \"{leg}\""))?;
        match self.r.resolve(j) {
            Ok(x) => Ok(x),
            Err(e) => {
                let msg = format!("the distance of {leg} cannot be computed");
                self.nested = Some(e);
                Err(msg)
            }
        }
    }
}

impl Env for RowEnv<'_, '_, '_> {
    fn var(&mut self, name: &str) -> Option<Value> {
        (name == "value")
            .then_some(self.value)
            .flatten()
            .map(Value::Num)
    }

    fn distance(&mut self, leg: &str) -> Result<f64, String> {
        self.other(leg).map(|(km, _)| km)
    }

    fn method(&mut self, leg: &str, field: &str) -> Result<String, String> {
        if field != "distance_km" {
            return Err(format!("method(leg, {field}): only distance_km is known"));
        }
        self.other(leg).map(|(_, m)| method_str(m).to_string())
    }

    fn rate(&mut self, id: &str) -> Result<Rate, String> {
        Err(format!("the rate {id} cannot be used in a distance"))
    }
}

impl<'r, 'a> Resolver<'r, 'a> {
    fn resolve(&mut self, i: usize) -> Result<(f64, Method), Error> {
        if let Some((km, p)) = &self.done[i] {
            return Ok((*km, p.method));
        }
        let row = &self.ix.t.legs[i];
        if self.active[i] {
            return Err(Error::table(
                row.at("id"),
                "the distance formulas of this leg and the legs it uses refer to each other",
            ));
        }
        self.active[i] = true;
        let result = self.compute(i);
        self.active[i] = false;
        let (km, p) = result?;
        let method = p.method;
        self.done[i] = Some((km, p));
        Ok((km, method))
    }

    fn eval_row<T>(
        &mut self,
        at: Location,
        value: Option<f64>,
        f: impl FnOnce(&mut RowEnv<'_, 'r, 'a>) -> Result<T, String>,
    ) -> Result<T, Error> {
        let mut env = RowEnv {
            r: self,
            value,
            nested: None,
        };
        let out = f(&mut env);
        if let Some(e) = env.nested {
            return Err(e);
        }
        out.map_err(|m| Error::table(at, m))
    }

    fn compute(&mut self, i: usize) -> Result<(f64, Provenance), Error> {
        let ix = self.ix;
        let row = &ix.t.legs[i];
        let leg = &row.data;
        match (ix.value(i, LegField::DistanceKm), leg.distance) {
            (Some(v), None) => {
                let d = &v.data;
                let km = self.eval_row(v.at("value"), None, |e| d.value.number(e))?;
                let range = match range_pair(v, &d.range_low, &d.range_high)? {
                    Some([lo, hi]) => Some([
                        self.eval_row(v.at("range_low"), Some(km), |e| lo.number(e))?,
                        self.eval_row(v.at("range_high"), Some(km), |e| hi.number(e))?,
                    ]),
                    None => None,
                };
                let note = match &d.note {
                    Some(n) => Some(self.eval_row(v.at("note"), Some(km), |e| expr::render(n, e))?),
                    None => None,
                };
                Ok((km, provenance(d.method, &d.source, note, range)))
            }
            (Some(v), Some(_)) => Err(Error::table(
                row.at("distance"),
                format!(
                    "leg_values.csv line {} gives this leg's distance: leave the rule empty",
                    v.line
                ),
            )),
            (None, None) => Err(Error::table(
                row.at("distance"),
                "no distance: name a rule (circuity, measured-rail, measured-sea) or add a distance_km row to leg_values.csv",
            )),
            (None, Some(rule)) => self.by_rule(i, rule),
        }
    }

    fn by_rule(&self, i: usize, rule: DistanceRule) -> Result<(f64, Provenance), Error> {
        let ix = self.ix;
        let rules = &ix.t.rules.distance;
        let row = &ix.t.legs[i];
        let leg = &row.data;
        let measured_rule = match rule {
            DistanceRule::Circuity => None,
            DistanceRule::MeasuredRail => Some(&rules.measured_rail),
            DistanceRule::MeasuredSea => Some(&rules.measured_sea),
        };
        let measured = ix.measured.get(leg.id.as_str());
        if let (Some(m), Some(r)) = (measured, measured_rule)
            && m.data.status == MeasureStatus::Ok
        {
            let km = m
                .data
                .km
                .ok_or_else(|| Error::table(m.at("km"), "status ok without a distance"))?;
            return Ok((
                km,
                provenance(r.method, &r.source, Some(m.data.note.clone()), None),
            ));
        }
        let c = &rules.circuity;
        let factor = *c.factor.get(&leg.mode).ok_or_else(|| {
            Error::table(
                Location::file("rules.toml").field("distance.circuity.factor"),
                format!("no circuity factor for {}", leg.mode),
            )
        })?;
        let a = &ix.t.terminals[ix.terminal[leg.from.as_str()]].data;
        let b = &ix.t.terminals[ix.terminal[leg.to.as_str()]].data;
        let gc = great_circle_km(a, b);
        let mut env = crate::index::Scope::pure(ix);
        env.set("great_circle_km", gc)
            .set("circuity", factor)
            .set_text("mode", leg.mode.as_str());
        let template = if measured_rule.is_some() {
            let why = measured.map_or("not measured".to_string(), |m| m.data.note.clone());
            env.set_text("why", why);
            (&c.note_unusable, "distance.circuity.note_unusable")
        } else {
            (&c.note, "distance.circuity.note")
        };
        let note = expr::render(template.0, &mut env)
            .map_err(|m| Error::table(Location::file("rules.toml").field(template.1), m))?;
        Ok((
            gc * factor,
            provenance(c.method, &c.source, Some(note), None),
        ))
    }
}

/// Computes every leg's distance.
///
/// # Errors
/// [`Error::Table`] at the row or rule that cannot be computed.
pub(crate) fn distances(ix: &Index<'_>) -> Result<Distances, Error> {
    let n = ix.t.legs.len();
    let mut r = Resolver {
        ix,
        done: vec![None; n],
        active: vec![false; n],
    };
    for i in 0..n {
        r.resolve(i)?;
    }
    let (km, prov) = r.done.into_iter().flatten().unzip();
    Ok(Distances { km, prov })
}

/// Reads the passages recorded in a measured sea distance's note
/// (`...; passages: suez|gibraltar`).
pub(crate) fn measured_passages(note: &str) -> Vec<&str> {
    match note.find("passages: ") {
        Some(i) => note[i + "passages: ".len()..]
            .split('|')
            .filter(|p| !p.is_empty() && *p != "none")
            .collect(),
        None => Vec::new(),
    }
}
