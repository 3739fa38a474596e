//! Random multimodal networks from a seed: small, valid, with ties, one-way
//! legs, gauges, passages, corridor tags and corridor rules.

use silkroute_core::*;

/// A small deterministic generator (SplitMix64), so a failing seed replays.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    /// The next 64 random bits.
    #[allow(clippy::should_implement_trait)] // not an iterator: it never ends
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// A number in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// A number in [lo, hi).
    pub fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }
    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    /// Rounds to whole numbers half the time, so that ties happen.
    pub fn figure(&mut self, lo: f64, hi: f64) -> f64 {
        let v = self.range(lo, hi);
        if self.chance(0.5) {
            v.round().max(lo)
        } else {
            v
        }
    }
}

/// The countries terminals are drawn from.
pub const COUNTRIES: [&str; 5] = ["AZ", "GE", "KZ", "RU", "TR"];
/// The passages legs may pass.
pub const PASSAGES: [Passage; 3] = [Passage::Suez, Passage::Bosporus, Passage::CapeOfGoodHope];
/// The corridor tags legs may carry.
pub const TAGS: [&str; 3] = ["a", "b", "c"];

fn cc(s: &str) -> CountryCode {
    // invariant: the test's country table holds assigned codes only
    s.parse().expect("assigned code")
}

/// A random valid network of `n` terminals (ids `t0`…) and `m` legs (`l0`…).
///
/// # Panics
/// If the generator builds an invalid network: a bug of this generator.
///
/// The emission side (the factors' well-to-tank / tank-to-wheel split, an
/// electric factor, grid intensities, hub factors) is drawn from a second
/// stream, so that it varies without changing the rest of the network a
/// seed gives.
pub fn network(seed: u64, n: usize, m: usize) -> Network {
    let mut r = Rng::new(seed);
    let mut e = Rng::new(seed ^ 0x9e37_79b9_7f4a_7c15);
    let (v_t, v_teu) = (r.range(5.0, 150.0), r.range(20.0, 200.0));
    let split = |v: f64, e: &mut Rng| {
        let ttw = v * e.range(0.5, 0.95);
        (ttw, v - ttw)
    };
    let (t_ttw, t_wtt) = split(v_t, &mut e);
    let (u_ttw, u_wtt) = split(v_teu, &mut e);
    let mut b = NetworkBuilder::new()
        .source(Source::new("src", "Test source", "tests", 2024, Grade::A))
        .emission_factor(
            EmissionFactor::new("ef-t", v_t, EmissionUnit::GPerTkm, "src").split(t_ttw, t_wtt),
        )
        .emission_factor(
            EmissionFactor::new("ef-teu", v_teu, EmissionUnit::GPerTeuKm, "src")
                .split(u_ttw, u_wtt),
        );
    let mut terminals = Vec::new();
    for i in 0..n {
        let country = COUNTRIES[r.below(COUNTRIES.len())];
        let lat = r.range(35.0, 50.0);
        let lon = r.range(20.0, 80.0);
        terminals.push((
            format!("t{i}"),
            country,
            lat,
            lon,
            Vec::<Gauge>::new(),
            r.chance(0.7),
        ));
    }
    let mut legs = Vec::new();
    for j in 0..m {
        let a = r.below(n);
        let mut z = r.below(n);
        if z == a {
            z = (a + 1) % n;
        }
        let mode = Mode::ALL[r.below(4)];
        let gauge = if mode == Mode::Rail {
            let g = if r.chance(0.5) {
                Gauge::RUSSIAN
            } else {
                Gauge::STANDARD
            };
            for t in [a, z] {
                if !terminals[t].4.contains(&g) {
                    terminals[t].4.push(g);
                }
            }
            Some(g)
        } else {
            None
        };
        let (ta, tz) = (&terminals[a], &terminals[z]);
        let gc = great_circle(ta.2, ta.3, tz.2, tz.3).get();
        let distance = (gc * r.range(1.0, 1.6)).ceil() + 1.0;
        let speed = r.range(10.0, mode.max_speed_kmh() * 0.95);
        let time = (distance / speed).max(0.1);
        let mut leg = Leg::new(
            format!("l{j}"),
            ta.0.clone(),
            tz.0.clone(),
            mode,
            Km(distance),
            Hours(time),
        )
        .wait(Hours(r.figure(0.0, 48.0)))
        .cost(Usd(r.figure(0.0, 2000.0)), Usd(r.figure(0.0, 3000.0)))
        .emission_factor(if r.chance(0.5) { "ef-t" } else { "ef-teu" })
        .source("src");
        if let Some(g) = gauge {
            leg = leg.gauge(g);
        }
        if r.chance(0.3) {
            leg = leg.one_way();
        }
        for p in PASSAGES {
            if r.chance(0.25) {
                leg = leg.passage(p);
            }
        }
        for t in TAGS {
            if r.chance(0.3) {
                leg = leg.corridor(t);
            }
        }
        if ta.1 != tz.1 {
            leg = leg.border(cc(ta.1), cc(tz.1));
        }
        legs.push(leg);
    }
    // The emission side, from the second stream.
    b = b.emission_factor(
        EmissionFactor::new("ef-mix", 0.0, EmissionUnit::GPerTkm, "src")
            .split(e.range(10.0, 40.0), e.range(2.0, 9.0))
            .electric(e.range(0.0, 1.0), e.range(0.01, 0.05)),
    );
    for c in COUNTRIES {
        b = b.grid_intensity(GridIntensity::new(
            cc(c),
            e.range(20.0, 1300.0),
            2024,
            "src",
        ));
    }
    b = b.hub_factor(HubFactor::new(
        "hub",
        e.range(1.0, 10.0),
        e.range(1.0, 8.0),
        "src",
    ));
    for l in legs.iter_mut() {
        if l.mode == Mode::Rail && e.chance(0.5) {
            l.emission_factor = EmissionFactorId::new("ef-mix");
        }
    }
    let hub: Vec<bool> = terminals.iter().map(|_| e.chance(0.8)).collect();
    for (k, (id, country, lat, lon, gauges, handling)) in terminals.iter().enumerate() {
        let mut t = Terminal::new(
            id.clone(),
            id.to_uppercase(),
            cc(country),
            TerminalKind::RailTerminal,
            *lat,
            *lon,
        )
        .source("src");
        for g in gauges {
            t = t.gauge(*g);
        }
        if *handling {
            t = t.handling(Handling::new(
                PerContainer::new(Usd(r.figure(0.0, 300.0)), Usd(r.figure(0.0, 400.0))),
                Hours(r.figure(0.0, 24.0)),
            ));
            if hub[k] {
                t = t.hub_factor("hub");
            }
        }
        b = b.terminal(t);
    }
    let mut used_tags: Vec<&str> = Vec::new();
    for l in legs {
        for t in TAGS {
            if l.has_tag(t) && !used_tags.contains(&t) {
                used_tags.push(t);
            }
        }
        b = b.leg(l);
    }
    // Random corridor rules over the tags, passages and countries used.
    let present: Vec<&str> = TAGS
        .iter()
        .copied()
        .filter(|t| used_tags.contains(t))
        .collect();
    for k in 0..3 {
        let mut rule = CorridorRule::default();
        if r.chance(0.4) {
            rule.modes = Mode::ALL
                .iter()
                .copied()
                .filter(|_| r.chance(0.6))
                .collect();
        }
        if r.chance(0.4) {
            rule.avoid_countries = vec![cc(COUNTRIES[r.below(COUNTRIES.len())])];
        }
        if r.chance(0.3) {
            rule.require_passages = vec![PASSAGES[r.below(PASSAGES.len())]];
        }
        if r.chance(0.3) {
            let c = cc(COUNTRIES[r.below(COUNTRIES.len())]);
            if !rule.avoid_countries.contains(&c) {
                rule.require_countries = vec![c];
            }
        }
        if !present.is_empty() && r.chance(0.4) {
            rule.require_tags = vec![present[r.below(present.len())].to_string()];
        }
        b = b.corridor(Corridor::new(
            format!("c{k}"),
            format!("Corridor {k}"),
            rule,
        ));
    }
    match b.build() {
        Ok(net) => net,
        Err(e) => panic!("generator produced an invalid network (seed {seed}): {e}"),
    }
}
