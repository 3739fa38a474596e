//! From tables to a validated [`Network`]: sources, emission factors,
//! corridors, terminals (gauges and handling from the legs that touch them)
//! and legs, through silkroute-core's [`NetworkBuilder`].

use crate::costs::{self, RailGraph};
use crate::distances;
use crate::error::{Error, Location, NetworkIssue};
use crate::index::{Index, Scope, method_str, provenance};
use crate::legs::{self, Frame};
use crate::tables::{Tables, TerminalField, range_pair};
use silkroute_core::{
    Assumptions, EmissionFactor, Gauge, GridIntensity, Handling, Hours, HubFactor, HubFactorId,
    Leg, Mode, Network, NetworkBuilder, PerContainer, Source, SourceId, Terminal, Usd,
};
use std::collections::{BTreeMap, BTreeSet};

/// A built network and how its figures were made.
#[derive(Debug, Clone)]
pub struct Built {
    /// The network.
    pub network: Network,
    /// Provenance entries by method (`published`, `derived`, `network`,
    /// `estimate`), over legs and terminals.
    pub methods: BTreeMap<&'static str, usize>,
}

impl Built {
    /// The network as the bytes of `eurasia.geojson` (silkroute-core's writer).
    ///
    /// # Errors
    /// [`Error::Core`] if writing fails.
    pub fn geojson(&self) -> Result<Vec<u8>, Error> {
        let mut out = Vec::new();
        self.network.write_geojson(&mut out)?;
        Ok(out)
    }
}

/// Builds the network from tables already read.
///
/// # Errors
/// [`Error::Table`] at the first row or rule that cannot be computed, or
/// [`Error::Network`] with every problem silkroute-core's validator finds.
pub fn build_tables(t: &Tables) -> Result<Built, Error> {
    let ix = Index::new(t)?;
    let dist = distances::distances(&ix)?;
    let speeds = legs::speeds(&ix, &dist)?;
    let rail = RailGraph::new(&ix, &dist);
    let rates = costs::rates(&ix, &dist, &rail)?;
    let frame = Frame {
        ix: &ix,
        dist: &dist,
        speeds: &speeds,
        rates: &rates,
        rail: &rail,
    };
    let legs: Vec<Leg> = (0..t.legs.len())
        .map(|i| legs::leg(&frame, i))
        .collect::<Result<_, _>>()?;
    let terminals = terminals(&ix, &legs)?;

    let mut methods: BTreeMap<&'static str, usize> = BTreeMap::new();
    let provenance = legs
        .iter()
        .flat_map(|l| l.provenance.values())
        .chain(terminals.iter().flat_map(|t| t.provenance.values()));
    for p in provenance {
        *methods.entry(method_str(p.method)).or_default() += 1;
    }

    let a = &t.dataset.assumptions;
    let mut assumptions = Assumptions::default();
    assumptions.cargo_tonnes_20ft = a.cargo_tonnes_20ft;
    assumptions.cargo_tonnes_40ft = a.cargo_tonnes_40ft;
    if !t.sources.iter().any(|s| s.data.id == a.source) {
        return Err(Error::table(
            Location::file("dataset.toml").field("assumptions.source"),
            format!("unknown source \"{}\"", a.source),
        ));
    }
    let mut b = NetworkBuilder::new()
        .name(t.dataset.name.as_str())
        .dataset_version(t.dataset.version.as_str())
        .assumptions(assumptions);
    for s in &t.sources {
        let s = &s.data;
        let mut src = Source::new(
            s.id.as_str(),
            s.title.as_str(),
            s.publisher.as_str(),
            s.year,
            s.grade,
        );
        src.url = s.url.clone();
        b = b.source(src);
    }
    for e in &t.emission_factors {
        let e = &e.data;
        let mut f =
            EmissionFactor::new(e.id.as_str(), 0.0, e.unit, e.source.as_str()).split(e.ttw, e.wtt);
        if let (Some(s), Some(k)) = (e.electric_share, e.kwh_per_unit) {
            f = f.electric(s, k);
        } else {
            f.electric_share = e.electric_share.unwrap_or(0.0);
            f.kwh_per_unit = e.kwh_per_unit;
        }
        f.energy = e.energy;
        f.scope = e.scope;
        f.method = Some(e.method);
        f.range = e.low.zip(e.high).map(|(l, h)| [l, h]);
        f.note = e.note.clone();
        b = b.emission_factor(f);
    }
    for g in &t.grid_intensities {
        let g = &g.data;
        let mut row = GridIntensity::new(g.country, g.g_per_kwh, g.year, g.source.as_str());
        row.method = Some(g.method);
        row.note = g.note.clone();
        b = b.grid_intensity(row);
    }
    for h in &t.hub_factors {
        let h = &h.data;
        let mut f = HubFactor::new(
            h.id.as_str(),
            h.ttw_kg_per_teu,
            h.wtt_kg_per_teu,
            h.source.as_str(),
        );
        f.method = Some(h.method);
        f.range = h.low.zip(h.high).map(|(l, h)| [l, h]);
        f.note = h.note.clone();
        b = b.hub_factor(f);
    }
    for c in &t.corridors {
        b = b.corridor(c.clone());
    }
    for term in terminals {
        b = b.terminal(term);
    }
    for l in legs {
        b = b.leg(l);
    }
    let network = b.build().map_err(|e| match e {
        silkroute_core::Error::Invalid { issues } => Error::Network {
            issues: issues
                .into_iter()
                .map(|issue| NetworkIssue {
                    row: row_of(t, &issue.location),
                    issue,
                })
                .collect(),
        },
        other => Error::Core(other),
    })?;
    Ok(Built { network, methods })
}

/// The table row behind a location of the validator.
fn row_of(t: &Tables, at: &silkroute_core::Location) -> Option<Location> {
    let i = at.index?;
    let (file, line) = match at.table {
        "legs" => ("legs.csv", t.legs.get(i)?.line),
        "terminals" => ("terminals.csv", t.terminals.get(i)?.line),
        "sources" => ("sources.csv", t.sources.get(i)?.line),
        "emission_factors" => ("emission_factors.csv", t.emission_factors.get(i)?.line),
        "grid_intensities" => ("grid_intensities.csv", t.grid_intensities.get(i)?.line),
        "hub_factors" => ("hub_factors.csv", t.hub_factors.get(i)?.line),
        "corridors" => {
            return Some(Location::file("corridors.toml").field(format!("corridor[{i}]")));
        }
        _ => return None,
    };
    Some(Location::line(file, line))
}

/// The terminals, in terminals.csv order, with their gauges (from the rail
/// legs touching them) and, where legs of more than one mode or gauge meet
/// and the row names a handling class, handling.
fn terminals(ix: &Index<'_>, legs: &[Leg]) -> Result<Vec<Terminal>, Error> {
    let t = ix.t;
    let n = t.terminals.len();
    let mut gauges: Vec<BTreeSet<u16>> = vec![BTreeSet::new(); n];
    let mut states: Vec<BTreeSet<(Mode, Option<u16>)>> = vec![BTreeSet::new(); n];
    for l in legs {
        let state = (l.mode, l.gauge.map(|g| g.0));
        for end in [&l.from, &l.to] {
            let k = ix.terminal[end.as_str()];
            states[k].insert(state);
            if let (Mode::Rail, Some(g)) = (l.mode, l.gauge) {
                gauges[k].insert(g.0);
            }
        }
    }
    let mut out = Vec::with_capacity(n);
    for (k, row) in t.terminals.iter().enumerate() {
        let r = &row.data;
        let mut term = Terminal::new(
            r.id.as_str(),
            r.name.as_str(),
            r.country,
            r.kind,
            r.lat,
            r.lon,
        );
        term.aliases = t
            .aliases
            .iter()
            .filter(|a| a.data.terminal == r.id)
            .map(|a| a.data.alias.clone())
            .collect();
        term.gauges = gauges[k].iter().map(|&g| Gauge(g)).collect();
        let override_row = ix.terminal_values.get(&k);
        let mut sources: Vec<String> = Vec::new();
        match (&r.handling, states[k].len() > 1) {
            (Some(class), true) => {
                let h = t.rules.handling.get(class).ok_or_else(|| {
                    Error::table(
                        row.at("handling"),
                        format!(
                            "unknown handling class \"{class}\": the classes of rules.toml are {}",
                            t.rules
                                .handling
                                .keys()
                                .cloned()
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    )
                })?;
                let cost_p = provenance(h.method, &h.source, Some(h.note.clone()), None);
                let mut time_h = h.time_h;
                let mut time_p = cost_p.clone();
                if let Some(v) = override_row {
                    let TerminalField::HandlingTime = v.data.field;
                    let d = &v.data;
                    let fig = legs::eval_figure(
                        &d.value,
                        range_pair(v, &d.range_low, &d.range_high)?,
                        d.note.as_deref(),
                        (d.method, &d.source),
                        Scope::pure(ix),
                        &|c| v.at(c),
                    )?;
                    time_h = fig.value;
                    time_p = fig.provenance;
                }
                term.handling = Some(Handling::new(
                    PerContainer::new(Usd(h.cost_usd_20), Usd(h.cost_usd_40)),
                    Hours(time_h),
                ));
                term.hub_factor = Some(HubFactorId::new(h.hub_factor.as_str()));
                sources.push(h.source.clone());
                if let Some(s) = &time_p.source {
                    sources.push(s.to_string());
                }
                term.provenance.insert("handling.cost_usd".into(), cost_p);
                term.provenance.insert("handling.time_h".into(), time_p);
            }
            _ => {
                if let Some(v) = override_row {
                    return Err(Error::table(
                        v.at("terminal"),
                        "this terminal has no handling (no class, or legs of only one mode and gauge)",
                    ));
                }
            }
        }
        sources.extend(
            t.terminal_sources
                .iter()
                .filter(|s| s.data.terminal == r.id)
                .map(|s| s.data.source.clone()),
        );
        for s in sources {
            if !term.sources.iter().any(|x| x.as_str() == s.as_str()) {
                term.sources.push(SourceId::new(s));
            }
        }
        out.push(term);
    }
    Ok(out)
}
