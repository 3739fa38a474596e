//! `check`: the committed `eurasia.geojson` must be, byte for byte, what the
//! tables build. When it is not, the summary names what differs, feature by
//! feature.

use std::collections::BTreeMap;

/// The key of a line of a network file written by silkroute-core: the `id`
/// of its table row or feature, else the line itself.
fn key(line: &str) -> String {
    let t = line.trim().trim_end_matches(',');
    let id = t
        .find("\"id\":\"")
        .map(|i| &t[i + 6..])
        .and_then(|rest| rest.split('"').next());
    let kind = if t.contains("\"kind\":\"terminal\"") {
        "terminal"
    } else if t.contains("\"kind\":\"leg\"") {
        "leg"
    } else {
        "row"
    };
    match id {
        Some(id) if t.starts_with('{') => format!("{kind} {id}"),
        _ => format!("line {t}"),
    }
}

fn keyed(text: &str) -> BTreeMap<String, Vec<&str>> {
    let mut out: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for line in text.lines() {
        out.entry(key(line)).or_default().push(line);
    }
    out
}

/// Most entries listed per kind of difference.
const SHOWN: usize = 12;

/// Summarises how `built` differs from `committed`; `None` when they are
/// the same bytes.
pub fn diff_summary(committed: &[u8], built: &[u8]) -> Option<String> {
    if committed == built {
        return None;
    }
    let committed = String::from_utf8_lossy(committed);
    let built = String::from_utf8_lossy(built);
    let (old, new) = (keyed(&committed), keyed(&built));
    let changed: Vec<&String> = old
        .iter()
        .filter(|(k, v)| new.get(*k).is_some_and(|w| w != *v))
        .map(|(k, _)| k)
        .collect();
    let removed: Vec<&String> = old.keys().filter(|k| !new.contains_key(*k)).collect();
    let added: Vec<&String> = new.keys().filter(|k| !old.contains_key(*k)).collect();
    let mut out = String::new();
    for (what, list) in [
        ("changed", &changed),
        ("only in the committed file", &removed),
        ("only in the build", &added),
    ] {
        if list.is_empty() {
            continue;
        }
        let mut shown: Vec<String> = list.iter().take(SHOWN).map(|k| abbreviate(k)).collect();
        if list.len() > SHOWN {
            shown.push(format!("... and {} more", list.len() - SHOWN));
        }
        out.push_str(&format!(
            "  {what} ({}): {}\n",
            list.len(),
            shown.join("; ")
        ));
    }
    if out.is_empty() {
        out.push_str("  the same rows in another order or layout\n");
    }
    Some(out.trim_end().to_string())
}

fn abbreviate(k: &str) -> String {
    if k.chars().count() > 80 {
        format!("{}...", k.chars().take(77).collect::<String>())
    } else {
        k.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_features_that_differ() {
        let a = b"{\n\"features\": [\n  {\"type\":\"Feature\",\"properties\":{\"kind\":\"leg\",\"id\":\"a-b\",\"x\":1}},\n  {\"type\":\"Feature\",\"properties\":{\"kind\":\"terminal\",\"id\":\"a\"}}\n]\n}\n";
        let b = b"{\n\"features\": [\n  {\"type\":\"Feature\",\"properties\":{\"kind\":\"leg\",\"id\":\"a-b\",\"x\":2}},\n  {\"type\":\"Feature\",\"properties\":{\"kind\":\"terminal\",\"id\":\"c\"}}\n]\n}\n";
        assert_eq!(diff_summary(a, a), None);
        let s = diff_summary(a, b).expect("differs");
        assert!(s.contains("changed (1): leg a-b"), "{s}");
        assert!(
            s.contains("only in the committed file (1): terminal a"),
            "{s}"
        );
        assert!(s.contains("only in the build (1): terminal c"), "{s}");
    }
}
