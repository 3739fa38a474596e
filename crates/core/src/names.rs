//! Name matching: case-, accent- and punctuation-insensitive look-up of
//! terminals by name, alias or id, with suggestions on failure.

use std::collections::HashMap;

/// Normalises a name for matching: transliterates to ASCII, lowercases and
/// keeps letters and digits only. `"Böyük Kəsik"`, `"boyuk-kesik"` and
/// `"BOYUK KESIK"` all become `"boyukkesik"`.
///
/// ```
/// use silkroute_core::normalize_name;
/// assert_eq!(normalize_name("Xi'an"), "xian");
/// assert_eq!(normalize_name("Constanța"), normalize_name("constanta"));
/// assert_eq!(normalize_name("Böyük Kəsik"), "boyukkesik");
/// ```
pub fn normalize_name(s: &str) -> String {
    // deunicode maps the Azerbaijani schwa to '@'; it reads as 'e' in every
    // Latin transliteration of place names.
    let s: String = s
        .chars()
        .map(|c| match c {
            'ə' | 'Ə' => 'e',
            other => other,
        })
        .collect();
    deunicode::deunicode(&s)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Longest query (normalised, in bytes) for which suggestions are computed:
/// similarity costs O(query × name) per candidate, so a query far longer
/// than any name (a hostile megabyte of text) gets none.
pub const MAX_SUGGEST_QUERY: usize = 256;

/// The score a candidate must exceed to be suggested.
///
/// The score is the Jaro–Winkler similarity (0 to 1) of the normalised query
/// and the normalised candidate (see [`normalize_name`]), plus 0.5 when one
/// starts with the other, or else plus 0.3 when the candidate contains the
/// query. So a prefix is always suggested, and so is a name one typo away
/// from the query (`Tblisi`, `Aktao`) unless both are only a few letters.
pub const SUGGESTION_THRESHOLD: f64 = 0.75;

/// The most suggestions [`suggest`] returns.
pub const MAX_SUGGESTIONS: usize = 3;

/// The score of a normalised candidate for a normalised query.
fn score(query: &str, key: &str) -> f64 {
    let mut s = strsim::jaro_winkler(query, key);
    if key.starts_with(query) || query.starts_with(key) {
        s += 0.5;
    } else if key.contains(query) {
        s += 0.3;
    }
    s
}

/// The payloads of the entries (`(normalised key, payload)`) that score
/// above [`SUGGESTION_THRESHOLD`] for a normalised query, best first, each
/// payload once; ties go to the smaller payload. Nothing for an empty query
/// or one over [`MAX_SUGGEST_QUERY`] bytes.
fn ranked<'a, T: Ord + Clone>(
    query: &str,
    entries: impl IntoIterator<Item = (&'a str, T)>,
) -> Vec<T> {
    if query.is_empty() || query.len() > MAX_SUGGEST_QUERY {
        return Vec::new();
    }
    let mut scored: Vec<(f64, T)> = entries
        .into_iter()
        .map(|(key, t)| (score(query, key), t))
        .filter(|(s, _)| *s > SUGGESTION_THRESHOLD)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let mut out: Vec<T> = Vec::new();
    for (_, t) in scored {
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// The candidates closest to a query, best first: at most
/// [`MAX_SUGGESTIONS`], each scoring above [`SUGGESTION_THRESHOLD`].
///
/// Query and candidates are compared [normalised](normalize_name), so case,
/// accents and punctuation do not count. Equal scores are ordered by the
/// candidate's text, so the answer does not depend on the candidates' order.
///
/// ```
/// use silkroute_core::{did_you_mean, suggest};
/// let ids = ["aktau-alat-ferry", "kuryk-alat-ferry", "poti-batumi-ferry"];
/// let s = suggest("aktau-alat-fery", ids);
/// assert_eq!(s.first().map(String::as_str), Some("aktau-alat-ferry"));
/// assert!(suggest("zzzz", ids).is_empty());
/// assert_eq!(did_you_mean(&s[..1]), ": did you mean aktau-alat-ferry?");
/// ```
pub fn suggest<S: AsRef<str>>(query: &str, candidates: impl IntoIterator<Item = S>) -> Vec<String> {
    let candidates: Vec<(String, String)> = candidates
        .into_iter()
        .map(|c| (normalize_name(c.as_ref()), c.as_ref().to_string()))
        .collect();
    let mut out = ranked(
        &normalize_name(query),
        candidates.iter().map(|(k, c)| (k.as_str(), c.as_str())),
    );
    out.truncate(MAX_SUGGESTIONS);
    out.into_iter().map(str::to_string).collect()
}

/// The "did you mean" tail of an error message: `": did you mean A?"`,
/// `": did you mean A, B?"`, or nothing when there is no suggestion.
///
/// ```
/// use silkroute_core::did_you_mean;
/// assert_eq!(did_you_mean(&[]), "");
/// assert_eq!(did_you_mean(&["Aktau".into(), "Aktogay".into()]), ": did you mean Aktau, Aktogay?");
/// ```
pub fn did_you_mean(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!(": did you mean {}?", suggestions.join(", "))
    }
}

/// [`did_you_mean`] with the best suggestion only, quoted as an id is in a
/// file: `": did you mean \"alat\"?"`.
pub(crate) fn did_you_mean_id(suggestions: &[String]) -> String {
    let best: Vec<String> = suggestions
        .iter()
        .take(1)
        .map(|s| format!("\"{s}\""))
        .collect();
    did_you_mean(&best)
}

/// An index from normalised names to terminal positions.
#[derive(Debug, Clone, Default)]
pub(crate) struct NameIndex {
    map: HashMap<String, usize>,
    /// (normalised key, terminal index), for suggestions.
    entries: Vec<(String, usize)>,
}

impl NameIndex {
    /// Adds a name; returns the terminal already holding it, if another one does.
    pub(crate) fn insert(&mut self, display: &str, terminal: usize) -> Option<usize> {
        let key = normalize_name(display);
        if key.is_empty() {
            return None;
        }
        match self.map.get(&key) {
            Some(&other) if other != terminal => return Some(other),
            Some(_) => {}
            None => {
                self.map.insert(key.clone(), terminal);
            }
        }
        self.entries.push((key, terminal));
        None
    }

    pub(crate) fn get(&self, query: &str) -> Option<usize> {
        self.map.get(&normalize_name(query)).copied()
    }

    /// Up to `n` terminals whose names are closest to the query (scored as
    /// in [`suggest`]), one entry per terminal, best first, shown by
    /// `display_of`.
    pub(crate) fn suggest(
        &self,
        query: &str,
        n: usize,
        display_of: impl Fn(usize) -> String,
    ) -> Vec<String> {
        let found = ranked(
            &normalize_name(query),
            self.entries.iter().map(|(k, t)| (k.as_str(), *t)),
        );
        found.into_iter().take(n).map(display_of).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalization_folds_case_accents_and_punctuation() {
        assert_eq!(normalize_name("St. Petersburg"), "stpetersburg");
        assert_eq!(normalize_name("Małaszewicze"), "malaszewicze");
        assert_eq!(normalize_name("Ürümqi"), "urumqi");
        assert_eq!(normalize_name("  "), "");
    }

    #[test]
    fn index_detects_clashes_and_suggests() {
        let mut idx = NameIndex::default();
        assert_eq!(idx.insert("Aktau", 0), None);
        assert_eq!(idx.insert("Aqtau", 0), None);
        assert_eq!(idx.insert("Alat", 1), None);
        assert_eq!(idx.insert("AKTAU", 1), Some(0));
        assert_eq!(idx.get("aktau"), Some(0));
        let names = ["Aktau".to_string(), "Alat".to_string()];
        let s = idx.suggest("Aktao", 3, |t| names[t].clone());
        assert_eq!(s.first().map(String::as_str), Some("Aktau"));
        assert!(idx.suggest("zzzzzz", 3, |t| names[t].clone()).is_empty());
    }

    #[test]
    fn suggestions_are_capped_deduplicated_and_order_free() {
        let ids = ["btk-a", "btk-b", "btk-c", "btk-d", "btk-a"];
        let s = suggest("btk", ids);
        assert_eq!(s, ["btk-a", "btk-b", "btk-c"]);
        let mut rev = ids;
        rev.reverse();
        assert_eq!(suggest("btk", rev), s);
        assert!(suggest("", ids).is_empty());
        assert!(suggest(&"b".repeat(MAX_SUGGEST_QUERY + 1), ids).is_empty());
        // Case and punctuation do not count.
        assert_eq!(
            suggest("RED SEA CLOSUR", ["red-sea-closure"]),
            ["red-sea-closure"]
        );
    }

    #[test]
    fn did_you_mean_formats_none_one_and_many() {
        assert_eq!(did_you_mean(&[]), "");
        assert_eq!(did_you_mean(&["a".into()]), ": did you mean a?");
        assert_eq!(
            did_you_mean(&["a".into(), "b".into()]),
            ": did you mean a, b?"
        );
        assert_eq!(
            did_you_mean_id(&["a".into(), "b".into()]),
            ": did you mean \"a\"?"
        );
        assert_eq!(did_you_mean_id(&[]), "");
    }
}
