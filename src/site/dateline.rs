//! Datelines: where a story was filed from, read from a wire lead such as `BAKU: ...`.

use std::sync::LazyLock;

use regex::Regex;

/// An upper-case place (optionally followed by `, Region` in any case) and a colon at the
/// very start of the lead: `BAKU:`, `NEW DELHI:`, `RIO DE JANEIRO, Brazil:`.
static LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\p{Lu}[\p{Lu}\p{M}'’.\- ]*\p{Lu}\.?)((?:, *[\p{L}\p{M}'’.\- ]+)?):[ \t]")
        .expect("dateline pattern compiles")
});

/// A dateline found at the start of a lead.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LeadDateline {
    /// The lead's text up to and including the colon (`BAKU:`), as written.
    pub marker: String,
    /// The place as the site writes it (`Baku`, `Rio de Janeiro, Brazil`).
    pub place: String,
}

/// The dateline at the start of `lead`, if it opens with one.
pub fn detect(lead: &str) -> Option<LeadDateline> {
    let caps = LEAD.captures(lead)?;
    let city = caps.get(1)?.as_str();
    if city.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return None;
    }
    let region = caps.get(2).map_or("", |m| m.as_str());
    let marker_end = caps.get(2).map_or(caps.get(1)?.end(), |m| m.end()) + 1;
    Some(LeadDateline {
        marker: lead[..marker_end].to_string(),
        place: format!("{}{}", title_case(city), region),
    })
}

/// The place a dateline names, without its region: `Rio de Janeiro, Brazil` -> `Rio de Janeiro`.
pub fn place_of(dateline: &str) -> &str {
    dateline.split(',').next().unwrap_or(dateline).trim()
}

/// `NEW DELHI` -> `New Delhi`, `RIO DE JANEIRO` -> `Rio de Janeiro`, `AL-KHOBAR` -> `Al-Khobar`.
pub fn title_case(upper: &str) -> String {
    const SMALL: &[&str] = &[
        "de", "da", "do", "dos", "das", "del", "di", "du", "des", "la", "le", "of", "on", "upon",
        "and", "y",
    ];
    let mut out = String::with_capacity(upper.len());
    for (i, word) in upper.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let lower = word.to_lowercase();
        if i > 0 && SMALL.contains(&lower.as_str()) {
            out.push_str(&lower);
            continue;
        }
        let mut capital = true;
        for c in lower.chars() {
            if capital {
                out.extend(c.to_uppercase());
            } else {
                out.push(c);
            }
            capital = c == '-';
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_leads_give_datelines() {
        let d = detect("BAKU: In the serene surroundings of Lachin").unwrap();
        assert_eq!(d.marker, "BAKU:");
        assert_eq!(d.place, "Baku");
        assert_eq!(detect("NEW DELHI: Talks").unwrap().place, "New Delhi");
        let rio = detect("RIO DE JANEIRO, Brazil: Rain").unwrap();
        assert_eq!(rio.place, "Rio de Janeiro, Brazil");
        assert_eq!(rio.marker, "RIO DE JANEIRO, Brazil:");
        assert_eq!(place_of(&rio.place), "Rio de Janeiro");
    }

    #[test]
    fn ordinary_openings_are_not_datelines() {
        assert_eq!(detect("Baku: a city"), None);
        assert_eq!(detect("In BAKU: nothing"), None);
        assert_eq!(detect("A: one letter"), None);
        assert_eq!(detect("NOTE:no space"), None);
    }
}
