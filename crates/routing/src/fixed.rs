//! Fixed-point sums of the router's criteria.
//!
//! Every quantity the corridor searches add up is held per link as a whole
//! number of thousandths in an `i64`: 0.001 USD, 0.001 h (3.6 s), 1 g of
//! CO2e, 1 m, and the generalized cost in 0.001 USD. A figure of the network
//! is rounded to the nearest unit once, when the router's graph is built
//! ([`to_units`]); from then on routes are sums of integers. Such sums do not
//! depend on the order of their terms, so two routes over the same legs and
//! transfers have exactly the same totals, ties are exact, and A\*, Dijkstra,
//! the Pareto search and the route totals agree to the unit.
//!
//! The figures a route reports (its legs, transfers, totals and objective
//! value) are these sums converted back ([`from_units`]): each is the
//! nearest `f64` to a whole number of units, so a leg's 1,872.4 kg is
//! reported as `1872.4`, and the totals are exactly the sum of the legs and
//! transfers as reported, up to the `f64` rounding of that conversion
//! (relative 1.2e-16).
//!
//! The generalized cost of a link is `USD + value of time × hours + carbon
//! price × tonnes`, computed from the link's rounded figures and rounded to
//! the unit once per link, so a route's generalized value is the sum of its
//! links' weights. It differs from the generalized cost of the route's totals
//! by at most half a unit (0.0005 USD) per link.
//!
//! # Range
//! An `i64` holds 9.2 × 10¹⁵ units of each quantity (9.2 × 10¹² USD, hours,
//! tonnes or km). The largest link a valid network can have weighs about
//! 1.0 × 10¹³ units (a generalized cost with the largest value of time and
//! carbon price a request accepts, on the longest and slowest leg), so a
//! route of up to 900,000 such links cannot overflow; sums saturate at
//! `i64::MAX` rather than wrap should an absurd input go beyond.
//!
//! ```
//! use silkroute_routing::fixed::{from_units, to_units, UNITS_PER_ONE};
//! assert_eq!(UNITS_PER_ONE, 1000);
//! assert_eq!(to_units(1872.4), 1_872_400);
//! assert_eq!(from_units(to_units(1872.4)), 1872.4);
//! // Addition of units is exact and in any order.
//! let legs = [0.1, 0.2, 0.3].map(to_units);
//! assert_eq!(legs[0] + legs[1] + legs[2], legs[2] + legs[1] + legs[0]);
//! assert_eq!(from_units(legs.iter().sum()), 0.6);
//! ```

/// Units per USD, hour, kg or km.
pub const UNITS_PER_ONE: i64 = 1000;

/// [`UNITS_PER_ONE`] as a float.
const SCALE: f64 = UNITS_PER_ONE as f64;

/// A figure in units, rounded to the nearest (halves away from zero).
///
/// Figures of a valid network are finite and within the validator's
/// bounds; a NaN would give 0 and an infinity would saturate, as `as`
/// conversions do.
#[inline]
#[must_use]
pub fn to_units(x: f64) -> i64 {
    (x * SCALE).round() as i64
}

/// A number of units as a figure: the nearest `f64` to `u / 1000`.
#[inline]
#[must_use]
pub fn from_units(u: i64) -> f64 {
    u as f64 / SCALE
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn round_figures_are_exact_and_halves_round_away_from_zero() {
        for (x, u) in [
            (0.0, 0),
            (1950.0, 1_950_000),
            (296.72, 296_720),
            (0.0004, 0),
            (0.0005, 1),
            (0.0015, 2),
            (1_000_000.0, 1_000_000_000),
        ] {
            assert_eq!(to_units(x), u, "{x}");
        }
        assert_eq!(to_units(f64::NAN), 0);
        assert_eq!(to_units(f64::INFINITY), i64::MAX);
    }

    proptest! {
        /// A figure with at most three decimals survives the round trip.
        #[test]
        fn three_decimals_round_trip(u in 0i64..1_000_000_000_000) {
            prop_assert_eq!(to_units(from_units(u)), u);
        }

        /// Rounding moves a figure by at most half a unit.
        #[test]
        fn rounding_is_within_half_a_unit(x in 0.0f64..1e9) {
            prop_assert!((from_units(to_units(x)) - x).abs() <= 0.5 / SCALE + x * 1e-15);
        }
    }
}
