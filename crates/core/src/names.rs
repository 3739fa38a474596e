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

/// Longest query (normalised, in bytes) for which suggestions are computed.
pub(crate) const MAX_SUGGEST_QUERY: usize = 256;

/// An index from normalised names to terminal positions.
#[derive(Debug, Clone, Default)]
pub(crate) struct NameIndex {
    map: HashMap<String, usize>,
    /// (normalised key, display string, terminal index), for suggestions.
    entries: Vec<(String, String, usize)>,
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
        self.entries.push((key, display.to_string(), terminal));
        None
    }

    pub(crate) fn get(&self, query: &str) -> Option<usize> {
        self.map.get(&normalize_name(query)).copied()
    }

    /// Up to `n` display names closest to the query, one per terminal, best
    /// first; names that start with or contain the query rank first.
    pub(crate) fn suggest(
        &self,
        query: &str,
        n: usize,
        display_of: impl Fn(usize) -> String,
    ) -> Vec<String> {
        let q = normalize_name(query);
        // Similarity costs O(query × name) per name: a query far longer than
        // any name (a hostile megabyte of text) gets no suggestions.
        if q.is_empty() || q.len() > MAX_SUGGEST_QUERY {
            return Vec::new();
        }
        let mut scored: Vec<(f64, usize)> = Vec::new();
        for (key, _display, t) in &self.entries {
            let mut score = strsim::jaro_winkler(&q, key);
            if key.starts_with(&q) || q.starts_with(key.as_str()) {
                score += 0.5;
            } else if key.contains(&q) {
                score += 0.3;
            }
            scored.push((score, *t));
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut out: Vec<String> = Vec::new();
        let mut seen = Vec::new();
        for (score, t) in scored {
            if score < 0.75 || out.len() >= n {
                break;
            }
            if !seen.contains(&t) {
                seen.push(t);
                out.push(display_of(t));
            }
        }
        out
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
}
