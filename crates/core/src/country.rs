//! ISO 3166-1 alpha-2 country codes.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The officially assigned ISO 3166-1 alpha-2 codes.
const ISO_3166_1: &[&str] = &[
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
];

/// An ISO 3166-1 alpha-2 country code such as `AZ` or `KZ`.
///
/// Only officially assigned codes are accepted; parsing is case-insensitive.
///
/// ```
/// use silkroute_core::CountryCode;
/// let az: CountryCode = "az".parse()?;
/// assert_eq!(az.as_str(), "AZ");
/// assert!("XX".parse::<CountryCode>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CountryCode([u8; 2]);

impl CountryCode {
    /// The code as a two-letter upper-case string.
    pub fn as_str(&self) -> &str {
        // invariant: constructed only from ASCII upper-case letters, so this cannot fail
        std::str::from_utf8(&self.0).unwrap_or("??")
    }

    /// All officially assigned codes.
    pub fn all() -> impl Iterator<Item = CountryCode> {
        ISO_3166_1.iter().map(|c| {
            let b = c.as_bytes();
            CountryCode([b[0], b[1]])
        })
    }
}

/// The error returned when a string is not an assigned ISO 3166-1 alpha-2 code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown country code \"{code}\": expected an ISO 3166-1 alpha-2 code such as AZ, KZ or GE"
)]
pub struct UnknownCountry {
    /// The rejected input.
    pub code: String,
}

impl std::str::FromStr for CountryCode {
    type Err = UnknownCountry;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let up = s.trim().to_ascii_uppercase();
        if up.len() == 2 && ISO_3166_1.binary_search(&up.as_str()).is_ok() {
            let b = up.as_bytes();
            Ok(CountryCode([b[0], b[1]]))
        } else {
            Err(UnknownCountry {
                code: s.to_string(),
            })
        }
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CountryCode({})", self.as_str())
    }
}

impl Serialize for CountryCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for CountryCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_unique() {
        assert!(ISO_3166_1.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(ISO_3166_1.len(), 249);
    }

    #[test]
    fn parses_case_insensitively_and_rejects_unassigned() {
        assert_eq!(
            "ge".parse::<CountryCode>().map(|c| c.to_string()),
            Ok("GE".into())
        );
        assert!("UK".parse::<CountryCode>().is_err());
        assert!("AZE".parse::<CountryCode>().is_err());
        assert!("".parse::<CountryCode>().is_err());
    }
}
