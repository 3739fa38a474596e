//! The built-in scenarios, and how a scenario named on a command line or in
//! a request is found.

use super::Scenario;
use crate::error::Error;
use crate::names::suggest;
use std::path::Path;

/// Longest scenario name quoted in full in an error.
const MAX_NAME_CHARS: usize = 80;

/// The scenarios shipped with the crate, by id.
const BUILTINS: [(&str, &str); 8] = [
    (
        "red-sea-closure",
        include_str!("../../scenarios/red-sea-closure.json"),
    ),
    (
        "avoid-russia-belarus",
        include_str!("../../scenarios/avoid-russia-belarus.json"),
    ),
    (
        "btk-5mt-upgrade",
        include_str!("../../scenarios/btk-5mt-upgrade.json"),
    ),
    (
        "rasht-astara-rail",
        include_str!("../../scenarios/rasht-astara-rail.json"),
    ),
    (
        "caspian-winter-storms",
        include_str!("../../scenarios/caspian-winter-storms.json"),
    ),
    (
        "malaszewicze-queues-2021",
        include_str!("../../scenarios/malaszewicze-queues-2021.json"),
    ),
    (
        "china-border-congestion-2023",
        include_str!("../../scenarios/china-border-congestion-2023.json"),
    ),
    (
        "green-rail-az-kz",
        include_str!("../../scenarios/green-rail-az-kz.json"),
    ),
];

fn parse_builtin(text: &str) -> Scenario {
    match Scenario::from_json_str(text) {
        Ok(s) => s,
        // invariant: every built-in is parsed and applied by the test suite
        Err(e) => panic!("a built-in scenario is invalid: {e}"),
    }
}

impl Scenario {
    /// A built-in scenario by id, or `None`.
    ///
    /// ```
    /// let s = silkroute_core::Scenario::builtin("avoid-russia-belarus").expect("built in");
    /// assert_eq!(s.id(), "avoid-russia-belarus");
    /// assert!(!s.sources().is_empty());
    /// ```
    pub fn builtin(id: &str) -> Option<Scenario> {
        BUILTINS
            .iter()
            .find(|(k, _)| *k == id)
            .map(|(_, text)| parse_builtin(text))
    }

    /// Every built-in scenario, in a fixed order.
    pub fn builtins() -> Vec<Scenario> {
        BUILTINS
            .iter()
            .map(|(_, text)| parse_builtin(text))
            .collect()
    }

    /// The ids of the built-in scenarios.
    pub fn builtin_ids() -> impl Iterator<Item = &'static str> {
        BUILTINS.iter().map(|(k, _)| *k)
    }

    /// Resolves a scenario as a command line or a request names it: a
    /// built-in id, inline JSON (text starting with `{`), or the path of a
    /// scenario file.
    ///
    /// # Errors
    /// [`Error::UnknownScenario`] with the closest built-in ids when the
    /// name is neither a built-in nor an existing file (a name over 80
    /// characters is quoted shortened, without suggestions); the errors of
    /// [`from_path`](Self::from_path) and [`from_json_str`](Self::from_json_str).
    pub fn resolve(name: &str) -> Result<Scenario, Error> {
        let path = Path::new(name);
        if Self::builtin(name).is_none() && !name.trim_start().starts_with('{') && path.is_file() {
            return Self::from_path(path);
        }
        Self::resolve_inline(name)
    }

    /// Like [`resolve`](Self::resolve) but never touches the file system: a
    /// built-in id or inline JSON only. This is what the API engine uses, so
    /// that a request from an untrusted caller cannot make it read files.
    ///
    /// # Errors
    /// [`Error::UnknownScenario`], or the errors of
    /// [`from_json_str`](Self::from_json_str).
    pub fn resolve_inline(name: &str) -> Result<Scenario, Error> {
        if let Some(s) = Self::builtin(name) {
            return Ok(s);
        }
        if name.trim_start().starts_with('{') {
            return Self::from_json_str(name);
        }
        // A name longer than any id is not a typo: no suggestions, and only
        // its start in the error, so a stray megabyte is not echoed back.
        let long = name.chars().count() > MAX_NAME_CHARS;
        Err(Error::UnknownScenario {
            query: if long {
                format!("{}…", name.chars().take(MAX_NAME_CHARS).collect::<String>())
            } else {
                name.to_string()
            },
            suggestions: if long {
                Vec::new()
            } else {
                suggest(name, Self::builtin_ids())
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_parses_and_has_sources() {
        for s in Scenario::builtins() {
            assert!(!s.sources().is_empty(), "{} has no sources", s.id());
            assert!(Scenario::builtin(s.id()).is_some());
        }
        assert_eq!(Scenario::builtins().len(), BUILTINS.len());
        for (k, text) in BUILTINS {
            assert_eq!(
                Scenario::from_json_str(text).map(|s| s.id).ok().as_deref(),
                Some(k)
            );
        }
    }
}
