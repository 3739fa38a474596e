//! Units of measure as newtypes, so a distance cannot be added to a cost.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Mul};

macro_rules! unit {
    ($(#[$doc:meta])* $name:ident, $suffix:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub f64);

        impl $name {
            /// Zero of this unit.
            pub const ZERO: $name = $name(0.0);

            /// The value as a plain number.
            #[inline]
            pub fn get(self) -> f64 {
                self.0
            }
        }

        impl Add for $name {
            type Output = $name;
            #[inline]
            fn add(self, rhs: $name) -> $name {
                $name(self.0 + rhs.0)
            }
        }

        impl AddAssign for $name {
            #[inline]
            fn add_assign(&mut self, rhs: $name) {
                self.0 += rhs.0;
            }
        }

        impl Mul<f64> for $name {
            type Output = $name;
            #[inline]
            fn mul(self, rhs: f64) -> $name {
                $name(self.0 * rhs)
            }
        }

        impl Sum for $name {
            fn sum<I: Iterator<Item = $name>>(iter: I) -> $name {
                $name(iter.map(|v| v.0).sum())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match f.precision() {
                    Some(p) => write!(f, "{:.*} {}", p, self.0, $suffix),
                    None => write!(f, "{} {}", self.0, $suffix),
                }
            }
        }
    };
}

unit!(
    /// A distance in kilometres.
    Km,
    "km"
);
unit!(
    /// A duration in hours.
    Hours,
    "h"
);
unit!(
    /// An amount of money in US dollars.
    Usd,
    "USD"
);
unit!(
    /// A mass of greenhouse gas in kilograms of CO2 equivalent.
    KgCo2e,
    "kg CO2e"
);

/// Mean Earth radius used for great-circle distances, in km (IUGG mean radius,
/// the value `geo`'s haversine uses); the one radius of the workspace.
pub use silkroute_netgraph::sphere::EARTH_RADIUS_KM;

/// Great-circle (haversine) distance between two WGS84 positions given as
/// latitude and longitude in degrees.
///
/// ```
/// use silkroute_core::great_circle;
/// // Aktau to Alat across the Caspian is about 430 km as the crow flies.
/// let d = great_circle(43.65, 51.17, 39.976, 49.441);
/// assert!((d.get() - 430.0).abs() < 30.0);
/// ```
pub fn great_circle(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> Km {
    Km(silkroute_netgraph::sphere::great_circle_km(
        lat1, lon1, lat2, lon2,
    ))
}
