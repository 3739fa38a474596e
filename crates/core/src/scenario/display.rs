//! One line per change, saying what it does (`silkroute scenarios`).

use super::model::Change;
use std::fmt;

/// The items of a list, separated by commas.
fn list<T: fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(|t| t.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::Close(c) => {
                let mut parts = Vec::new();
                for (what, items) in [
                    ("legs", list(&c.legs)),
                    ("terminals", list(&c.terminals)),
                    ("countries", list(&c.countries)),
                    ("passages", list(&c.passages)),
                    ("corridor tags", list(&c.corridors)),
                ] {
                    if !items.is_empty() {
                        parts.push(format!("{what} {items}"));
                    }
                }
                write!(f, "close {}", parts.join("; "))
            }
            Change::Scale(s) => {
                write!(f, "scale {} ×{}", s.what.as_str(), s.factor)?;
                if s.add_h != 0.0 {
                    write!(f, " + {} h", s.add_h)?;
                }
                let sel = &s.select;
                let mut parts = Vec::new();
                if !sel.modes.is_empty() {
                    parts.push(format!("mode {}", list(&sel.modes)));
                }
                if !sel.tags.is_empty() {
                    parts.push(format!("tag {}", list(&sel.tags)));
                }
                if !sel.countries.is_empty() {
                    parts.push(format!("touching {}", list(&sel.countries)));
                }
                if !sel.legs.is_empty() {
                    parts.push(format!("leg {}", list(&sel.legs)));
                }
                write!(f, " on legs with {}", parts.join(" and "))
            }
            Change::AddDwell(d) => {
                write!(
                    f,
                    "add {} h and {}/{} USD (20ft/40ft) of dwell at",
                    d.hours, d.cost.twenty, d.cost.forty
                )?;
                if !d.terminals.is_empty() {
                    write!(f, " terminals {}", list(&d.terminals))?;
                }
                if !d.countries.is_empty() {
                    write!(f, " terminals with handling in {}", list(&d.countries))?;
                }
                Ok(())
            }
            Change::AddTerminal(t) => {
                write!(f, "add terminal {} ({}, {})", t.id, t.name, t.country)
            }
            Change::AddLeg(l) => write!(
                f,
                "add {} leg {} ({} – {}, {} km)",
                l.mode,
                l.id,
                l.from,
                l.to,
                l.distance.get()
            ),
            Change::AddGauges { terminal, gauges } => {
                write!(f, "add gauge {} at terminal {terminal}", list(gauges))
            }
            Change::SetGrid(g) => write!(
                f,
                "set the grid intensity of electric traction in {} to {} g CO2e/kWh ({}, {})",
                list(&g.countries),
                g.g_per_kwh,
                g.source,
                g.year
            ),
        }
    }
}
