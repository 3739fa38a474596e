//! The map's title and subtitle: what is drawn, under which options, and
//! the route's totals.

use super::MapArgs;
use crate::output::fig;
use silkroute_core::Network;
use silkroute_routing::Route;

fn objective_word(objective: &str) -> &'static str {
    match objective {
        "time" => "fastest",
        "distance" => "shortest",
        "co2e" => "lowest-CO2e",
        "generalized" => "best generalized-cost",
        _ => "cheapest",
    }
}

/// The title when `--title` is not given: the route's endpoints, or the
/// network's name.
pub(super) fn default_title(net: &Network, route: Option<&Route>, args: &MapArgs) -> String {
    match route {
        Some(r) => format!(
            "{} → {}: the {} route",
            r.origin.name,
            r.destination.name,
            objective_word(args.options.objective.as_str())
        ),
        None => match &net.meta().name {
            Some(name) => {
                let mut c = name.chars();
                let first: String = c
                    .next()
                    .map(|f| f.to_uppercase().collect())
                    .unwrap_or_default();
                format!("{first}{} freight network", c.as_str())
            }
            None => "Freight network".to_string(),
        },
    }
}

/// Items as "a, b, c".
fn join<T: std::fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The line under the title: the route's totals and the options that
/// limited it, or the size of the network.
pub(super) fn subtitle(net: &Network, route: Option<&Route>, args: &MapArgs) -> String {
    let o = &args.options;
    let mut limits = Vec::new();
    for avoided in [
        join(&o.avoid_country),
        join(&o.avoid_passage),
        join(&o.avoid_terminal),
    ] {
        if !avoided.is_empty() {
            limits.push(format!("avoiding {avoided}"));
        }
    }
    if !o.modes.is_empty() {
        limits.push(format!("by {} only", join(&o.modes)));
    }
    let limits = if limits.is_empty() {
        String::new()
    } else {
        format!("   ({})", limits.join("; "))
    };
    match route {
        Some(r) => {
            let t = &r.totals;
            format!(
                "{} days · {} USD · {} t CO2e · {} km · {} transfers · {}{limits}",
                fig(t.time.get() / 24.0, 1),
                thousands(t.cost.get()),
                fig(t.co2e.get() / 1000.0, 2),
                thousands(t.distance.get()),
                t.transfers,
                r.corridor_name.as_deref().unwrap_or("no named corridor"),
            )
        }
        None => format!(
            "{} terminals, {} legs{}",
            net.terminals().len(),
            net.legs().len(),
            net.meta()
                .dataset_version
                .as_ref()
                .map(|v| format!(" · dataset {v}"))
                .unwrap_or_default()
        ),
    }
}

/// Formats a number rounded to units with thousands separators.
fn thousands(v: f64) -> String {
    let s = fig(v.abs(), 0);
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if v < -0.5 { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(1234567.4), "1,234,567");
        assert_eq!(thousands(999.0), "999");
        assert_eq!(thousands(-1234.0), "-1,234");
    }

    #[test]
    fn objectives_have_words() {
        assert_eq!(objective_word("time"), "fastest");
        assert_eq!(objective_word("cost"), "cheapest");
    }
}
