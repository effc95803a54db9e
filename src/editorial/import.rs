//! Wire copy to an article (`newsdesk import`): the front matter filled in from the copy and
//! the site's gazetteer, the story kept word for word.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use jiff::ZonedDateTime as Zoned;

use crate::diagnostics::Diagnostic;
use crate::editorial::article_file::{ArticleFile, TITLE_PLACEHOLDER, minute};
use crate::site::Sources;
use crate::site::article::{self, BodyFormat};
use crate::site::dateline::place_of;
use crate::site::gazetteer::Gazetteer;
use crate::site::slug::slugify;
use crate::site::wire::WireCopy;

/// What the desk tells `import` besides the copy.
pub struct ImportOptions<'a> {
    /// The headline to use (`--title`).
    pub title: Option<&'a str>,
    /// The date when the copy has none: the time of the import.
    pub now: &'a Zoned,
    /// The site's gazetteer: the places to look for in the copy.
    pub gazetteer: &'a Gazetteer,
}

/// An imported article, with what the desk should look at before publishing it.
#[derive(Debug)]
pub struct Imported {
    pub file: ArticleFile,
    pub warnings: Vec<Diagnostic>,
}

/// Reads the wire copy `text` (from `source`, named in diagnostics) as a `.txt` article.
/// Fails only when the copy holds no text at all.
pub fn import(source: &Path, text: &str, options: &ImportOptions) -> Result<Imported, Diagnostic> {
    let copy = WireCopy::parse(text);
    if copy.paragraphs.is_empty() && copy.standfirst.is_none() {
        return Err(Diagnostic::error(source, "the wire copy has no text")
            .help("import a file with the story's text in it"));
    }
    let mut warnings = Vec::new();
    let given = options.title.map(str::trim).filter(|t| !t.is_empty());
    // Copy without a headline is a draft under a placeholder headline: a standfirst or a
    // first paragraph makes a poor headline and, worse, a poor address.
    let (title, draft) = match (given, &copy.headline) {
        (Some(t), _) => (t.to_string(), false),
        (None, Some(headline)) => (headline.clone(), false),
        (None, None) => {
            warnings.push(
                Diagnostic::warning(
                    source,
                    format!("the copy has no headline line: imported as a draft titled \"{TITLE_PLACEHOLDER}\""),
                )
                .help("write the headline in `title` and delete `draft = true` to publish it (`newsdesk check` says how to name the file after it); or import it with --title \"...\""),
            );
            (TITLE_PLACEHOLDER.to_string(), true)
        }
    };
    let date = copy.date.unwrap_or_else(|| minute(options.now));
    let body: String = copy.paragraphs.iter().map(|p| format!("{p}\n")).collect();
    Ok(Imported {
        file: ArticleFile {
            title,
            date,
            authors: copy.authors(),
            dateline: copy.dateline.as_ref().map(|d| d.place.clone()),
            summary: copy.standfirst.clone(),
            tags: Vec::new(),
            locations: places(&copy, options.gazetteer),
            draft,
            body,
            format: BodyFormat::Wire,
            source_digest: Some(copy_digest(text)),
        },
        warnings,
    })
}

/// The digest of a piece of wire copy, kept in the article's front matter as `source_digest`:
/// the same copy imported again is known by it, whatever its headline or day. Line ends, a
/// byte-order mark, blank lines and spaces around lines make no difference. (FNV-1a, 64 bits:
/// stable across versions and machines, unlike the hashers of the standard library.)
pub fn copy_digest(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let lines = text
        .split(['\n', '\r'])
        .map(str::trim)
        .filter(|l| !l.is_empty());
    for (i, line) in lines.enumerate() {
        let separator: &[u8] = if i == 0 { b"" } else { b"\n" };
        for byte in separator.iter().chain(line.as_bytes()) {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// The articles of the site in `root` that came from wire copy, by the copy's digest (the
/// `source_digest` of their front matter), each with its file relative to the site.
pub fn imported(root: &Path) -> HashMap<String, PathBuf> {
    let mut files: Vec<PathBuf> = Sources::file_list(root).into_iter().collect();
    files.sort();
    let mut out = HashMap::new();
    for file in files {
        let Ok(text) = std::fs::read_to_string(root.join(&file)) else {
            continue;
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let Ok(parts) = article::split(text) else {
            continue;
        };
        if !parts.front.contains("source_digest") {
            continue;
        }
        let digest = toml::from_str::<toml::Table>(parts.front)
            .ok()
            .and_then(|t| t.get("source_digest")?.as_str().map(str::to_string));
        if let Some(digest) = digest {
            out.entry(digest).or_insert(file);
        }
    }
    out
}

/// The places a story is about: the dateline's, then every gazetteer place the copy names
/// (by name or alias, as a whole word, in the order first named), leaving out a place when a
/// place inside it is named too (a story about Lachin is on Azerbaijan's page anyway).
pub fn places(copy: &WireCopy, gazetteer: &Gazetteer) -> Vec<String> {
    let text: Vec<&str> = copy
        .headline
        .iter()
        .chain(&copy.standfirst)
        .chain(&copy.paragraphs)
        .map(String::as_str)
        .collect();
    let text = text.join("\n");
    let mut first_named: HashMap<&str, usize> = HashMap::new();
    for (name, slug) in gazetteer.names() {
        if let Some(at) = whole_word(&text, name) {
            let earliest = first_named.entry(slug).or_insert(at);
            *earliest = (*earliest).min(at);
        }
    }
    let mut found: Vec<(usize, &str)> = first_named.into_iter().map(|(s, at)| (at, s)).collect();
    found.sort();

    // The dateline's place comes first, written as the gazetteer writes it when it knows it.
    let mut names: Vec<String> = Vec::new();
    let mut slugs: Vec<String> = Vec::new();
    if let Some(d) = &copy.dateline {
        let place = place_of(&d.place);
        let slug = slugify(place);
        if !slug.is_empty() {
            let own = gazetteer.canonical(&slug).to_string();
            names.push(
                gazetteer
                    .get(&own)
                    .map_or(place.to_string(), |p| p.name.clone()),
            );
            slugs.push(own);
        }
    }
    let dateline_places = slugs.len();
    for (_, slug) in found {
        if !slugs.iter().any(|s| s == slug) {
            slugs.push(slug.to_string());
        }
    }
    let around: Vec<String> = slugs.iter().flat_map(|s| gazetteer.ancestors(s)).collect();
    names.extend(
        slugs[dateline_places..]
            .iter()
            .filter(|s| !around.contains(s))
            .filter_map(|s| gazetteer.get(s).map(|p| p.name.clone())),
    );
    names
}

/// The first place `word` stands in `text` as a whole word (not inside a longer word:
/// "Azerbaijan" is not found in "Azerbaijani").
fn whole_word(text: &str, word: &str) -> Option<usize> {
    if word.is_empty() {
        return None;
    }
    text.match_indices(word).map(|(i, _)| i).find(|&i| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GAZETTEER: &str = "[Lachin]\nin = \"Azerbaijan\"\naliases = [\"Laçın\"]\n[Baku]\nin = \"Azerbaijan\"\n[Azerbaijan]\nin = \"South Caucasus\"\n[Islamabad]\nin = \"Pakistan\"\n[\"New Delhi\"]\nin = \"India\"\n";

    fn now() -> Zoned {
        "2025-06-01T09:00:00+04:00[Asia/Baku]".parse().unwrap()
    }

    #[test]
    fn places_are_the_dateline_and_the_most_precise_places_named() {
        let g = Gazetteer::parse(GAZETTEER, &mut Vec::new());
        let copy = WireCopy::parse(
            "Standfirst.\nNews Desk\nBAKU: In Laçın, Azerbaijan, and in Azerbaijani eyes.\nTalks between Islamabad and New Delhi. Baku again, and Pakistan.\n",
        );
        assert_eq!(
            places(&copy, &g),
            vec!["Baku", "Lachin", "Islamabad", "New Delhi"]
        );
    }

    #[test]
    fn a_place_around_the_dateline_is_left_out() {
        let g = Gazetteer::parse(GAZETTEER, &mut Vec::new());
        let copy = WireCopy::parse("BAKU: Talks in Azerbaijan's capital.\n");
        assert_eq!(places(&copy, &g), vec!["Baku"]);
        let copy = WireCopy::parse("TIMBUKTU: Talks about Azerbaijan.\n");
        assert_eq!(places(&copy, &g), vec!["Timbuktu", "Azerbaijan"]);
    }

    #[test]
    fn the_title_is_the_flag_then_the_headline_else_a_placeholder_on_a_draft() {
        let g = Gazetteer::default();
        let now = now();
        let options = |title| ImportOptions {
            title,
            now: &now,
            gazetteer: &g,
        };
        let copy = "Standfirst line\nNews Desk\nBAKU: Lead.\n";
        let source = Path::new("wire.txt");
        let i = import(source, copy, &options(None)).unwrap();
        assert_eq!(i.file.title, TITLE_PLACEHOLDER);
        assert!(i.file.draft);
        assert_eq!(i.warnings.len(), 1);
        assert_eq!(i.file.date.to_string(), "2025-06-01T09:00:00+04:00");
        let i = import(source, copy, &options(Some("Given"))).unwrap();
        assert_eq!(i.file.title, "Given");
        assert!(!i.file.draft);
        assert!(i.warnings.is_empty());
        // The digest of the copy is the same whatever its line ends and spaces.
        assert_eq!(
            i.file.source_digest,
            Some(copy_digest(
                "\u{feff}  Standfirst line  \r\n\r\nNews Desk\r\nBAKU: Lead."
            ))
        );
        assert_ne!(i.file.source_digest, Some(copy_digest("Standfirst line\n")));
        let i = import(source, &format!("Headline\n{copy}"), &options(None)).unwrap();
        assert_eq!(i.file.title, "Headline");
        assert_eq!(i.file.summary.as_deref(), Some("Standfirst line"));
        assert!(import(source, " \r\n \t\n", &options(None)).is_err());
        // Found by the wire import property: a headline alone is not an article.
        assert!(import(source, "", &options(Some("!"))).is_err());
    }
}
