//! `site.toml`: the site's settings, with a default for every one of them.

use std::path::Path;

use jiff::tz::TimeZone;
use serde::Deserialize;

use crate::diagnostics::Diagnostic;
use crate::site::closest;

/// The keys `site.toml` understands; anything else is a warning naming the closest of these.
pub const KNOWN_KEYS: &[&str] = &[
    "title",
    "base_url",
    "language",
    "timezone",
    "timezone_label",
    "description",
    "permalink",
    "per_page",
    "feed_items",
    "publisher",
    "logo",
    "sections",
    "full_text_feeds",
    "policies",
    "same_as",
    "images",
    "search",
];

/// The keys of `[images]`.
pub const IMAGE_KEYS: &[&str] = &["widths", "quality", "formats", "max_pixels"];

/// The keys of `[search]`.
pub const SEARCH_KEYS: &[&str] = &["enabled"];

/// The keys of `[policies]`.
pub const POLICY_KEYS: &[&str] = &["ethics", "corrections", "masthead", "contact"];

/// The settings of a site, after defaults.
#[derive(Debug, Clone)]
pub struct Settings {
    pub title: String,
    /// Without a trailing `/`: page URLs are appended to it.
    pub base_url: String,
    pub language: String,
    pub timezone_name: String,
    pub timezone: TimeZone,
    /// What readers see after a time (`Baku time`); `None`: the zone's abbreviation
    /// ([`crate::site::dates::display`]).
    pub timezone_label: Option<String>,
    pub description: String,
    pub permalink: String,
    pub per_page: usize,
    pub feed_items: usize,
    pub publisher: String,
    pub logo: Option<String>,
    /// Section slugs in navigation order; sections not named follow by article count.
    pub sections: Vec<String>,
    /// Which feeds carry each story's whole text (the others carry its standfirst).
    pub full_text_feeds: FullTextFeeds,
    /// The newsroom's policies (`[policies]`): site paths or https:// addresses.
    pub policies: Policies,
    /// The newsroom's own pages elsewhere (`same_as`, https:// addresses), for the
    /// organization's JSON-LD `sameAs`.
    pub same_as: Vec<String>,
    /// How photos are published (`[images]`).
    pub images: ImageSettings,
    /// The site has a search page and its index (`[search] enabled`, SPEC 9.5).
    pub search: bool,
    /// Where `logo` is written in site.toml (line, column), for its errors.
    pub logo_at: Option<(usize, usize)>,
}

/// How photos are published (site.toml `[images]`, SPEC 9.4).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ImageSettings {
    /// The widths of the resized copies, smallest first; a photo is never enlarged.
    pub widths: Vec<u32>,
    /// The encoders' quality, 1 to 100.
    pub quality: u8,
    /// Whether a WebP copy is published beside each copy in the photo's own format.
    pub webp: bool,
    /// The most pixels a photo may have (a larger one is refused before it is decoded).
    pub max_pixels: u64,
}

impl Default for ImageSettings {
    fn default() -> ImageSettings {
        ImageSettings {
            widths: vec![480, 800, 1200, 1600],
            quality: 80,
            webp: true,
            max_pixels: 100_000_000,
        }
    }
}

/// Where the newsroom's policies are published (site.toml `[policies]`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Policies {
    pub ethics: Option<Policy>,
    pub corrections: Option<Policy>,
    pub masthead: Option<Policy>,
    pub contact: Option<Policy>,
}

/// One policy's address, as written: a path of the site (`/ethics/`) or an https:// address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    pub address: String,
    /// Its line in site.toml.
    pub line: usize,
}

impl Policies {
    /// Every policy set, with its key (`ethics`).
    pub fn all(&self) -> impl Iterator<Item = (&'static str, &Policy)> {
        [
            ("ethics", &self.ethics),
            ("corrections", &self.corrections),
            ("masthead", &self.masthead),
            ("contact", &self.contact),
        ]
        .into_iter()
        .filter_map(|(key, p)| Some((key, p.as_ref()?)))
    }
}

/// Which feeds carry each story's whole text; the others carry the standfirst and the link.
/// A tag's, place's or author's feed repeats stories the site's feed already carries, and
/// with the whole text those feeds would be most of a site's bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FullTextFeeds {
    /// Every feed.
    All,
    /// The site's feed and the sections' (the default).
    Sections,
    /// No feed: every feed carries standfirsts.
    None,
}

impl FullTextFeeds {
    const NAMES: [(&str, FullTextFeeds); 3] = [
        ("all", FullTextFeeds::All),
        ("sections", FullTextFeeds::Sections),
        ("none", FullTextFeeds::None),
    ];

    /// Whether the feed of a term of `kind` (`None`: the site's own feed) carries whole texts.
    pub fn carries(self, kind: Option<crate::site::index::TermKind>) -> bool {
        use crate::site::index::TermKind;
        match self {
            FullTextFeeds::All => true,
            FullTextFeeds::None => false,
            FullTextFeeds::Sections => matches!(kind, None | Some(TermKind::Section)),
        }
    }
}

#[derive(Deserialize, Default)]
struct RawSettings {
    title: Option<String>,
    base_url: Option<String>,
    language: Option<String>,
    timezone: Option<toml::Spanned<String>>,
    timezone_label: Option<String>,
    description: Option<String>,
    permalink: Option<toml::Spanned<String>>,
    per_page: Option<toml::Spanned<i64>>,
    feed_items: Option<toml::Spanned<i64>>,
    publisher: Option<String>,
    logo: Option<toml::Spanned<String>>,
    #[serde(default)]
    sections: Vec<String>,
    full_text_feeds: Option<toml::Spanned<String>>,
    policies: Option<RawPolicies>,
    #[serde(default)]
    same_as: Vec<toml::Spanned<String>>,
    images: Option<RawImages>,
    search: Option<RawSearch>,
}

#[derive(Deserialize, Default)]
struct RawSearch {
    enabled: Option<bool>,
}

#[derive(Deserialize, Default)]
struct RawImages {
    widths: Option<toml::Spanned<Vec<i64>>>,
    quality: Option<toml::Spanned<i64>>,
    formats: Option<toml::Spanned<Vec<String>>>,
    max_pixels: Option<toml::Spanned<i64>>,
}

#[derive(Deserialize, Default)]
struct RawPolicies {
    ethics: Option<toml::Spanned<String>>,
    corrections: Option<toml::Spanned<String>>,
    masthead: Option<toml::Spanned<String>>,
    contact: Option<toml::Spanned<String>>,
}

const PERMALINK_PLACEHOLDERS: &[&str] = &[":year", ":month", ":day", ":section", ":slug"];

impl Settings {
    /// Reads `site.toml` in `root`; a site without one gets the defaults.
    pub fn load(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Settings {
        let path = root.join("site.toml");
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => {
                diagnostics.push(Diagnostic::error("site.toml", format!("cannot read: {e}")));
                String::new()
            }
        };
        Settings::parse(&text, diagnostics)
    }

    /// Parses the text of a `site.toml`, reporting problems as diagnostics about `site.toml`.
    pub fn parse(text: &str, diagnostics: &mut Vec<Diagnostic>) -> Settings {
        let file = "site.toml";
        let raw: RawSettings = match toml::from_str::<toml::Table>(text) {
            Ok(table) => {
                for key in table.keys() {
                    if !KNOWN_KEYS.contains(&key.as_str()) {
                        let mut d = Diagnostic::warning(file, format!("unknown setting `{key}`"));
                        if let Some(offset) = key_offset(text, key) {
                            d = d.at_offset(text, offset);
                        }
                        d = match closest(key, KNOWN_KEYS) {
                            Some(known) => d.help(format!("did you mean `{known}`?")),
                            None => d.help(format!("known settings: {}", KNOWN_KEYS.join(", "))),
                        };
                        diagnostics.push(d);
                    }
                }
                for (table_name, known_keys, what) in [
                    ("policies", POLICY_KEYS, "policy"),
                    ("images", IMAGE_KEYS, "[images] setting"),
                    ("search", SEARCH_KEYS, "[search] setting"),
                ] {
                    let keys = table.get(table_name).and_then(|p| p.as_table());
                    for key in keys.into_iter().flat_map(|p| p.keys()) {
                        if !known_keys.contains(&key.as_str()) {
                            let mut d =
                                Diagnostic::warning(file, format!("unknown {what} `{key}`"));
                            if let Some(offset) = key_offset(text, key) {
                                d = d.at_offset(text, offset);
                            }
                            d = match closest(key, known_keys) {
                                Some(known) => d.help(format!("did you mean `{known}`?")),
                                None => d.help(format!(
                                    "[{table_name}] takes {}",
                                    known_keys.join(", ")
                                )),
                            };
                            diagnostics.push(d);
                        }
                    }
                }
                match toml::from_str(text) {
                    Ok(raw) => raw,
                    Err(e) => {
                        diagnostics.push(toml_error(file, text, 0, &e));
                        RawSettings::default()
                    }
                }
            }
            Err(e) => {
                diagnostics.push(toml_error(file, text, 0, &e));
                RawSettings::default()
            }
        };

        let title = raw.title.unwrap_or_else(|| "News".to_string());
        let timezone_name = raw
            .timezone
            .as_ref()
            .map_or("UTC".to_string(), |t| t.get_ref().clone());
        let timezone = match TimeZone::get(&timezone_name) {
            Ok(tz) => tz,
            Err(_) => {
                let mut d = Diagnostic::error(file, format!("unknown time zone `{timezone_name}`"));
                if let Some(t) = &raw.timezone {
                    d = d.at_offset(text, t.span().start);
                }
                diagnostics.push(d.help("use an IANA name such as \"Asia/Baku\" or \"UTC\""));
                TimeZone::UTC
            }
        };
        let permalink = match raw.permalink {
            Some(p) => {
                let value = p.get_ref();
                if !value.starts_with('/') || !value.ends_with('/') || !value.contains(":slug") {
                    diagnostics.push(
                        Diagnostic::error(file, format!("permalink `{value}` cannot be used"))
                            .at_offset(text, p.span().start)
                            .help(format!(
                                "start and end it with `/` and include `:slug`; placeholders: {}",
                                PERMALINK_PLACEHOLDERS.join(" ")
                            )),
                    );
                    "/:year/:month/:day/:slug/".to_string()
                } else {
                    value.clone()
                }
            }
            None => "/:year/:month/:day/:slug/".to_string(),
        };
        let positive = |value: Option<toml::Spanned<i64>>,
                        key: &str,
                        default: usize,
                        diagnostics: &mut Vec<Diagnostic>| match value {
            Some(v) if *v.get_ref() >= 1 => *v.get_ref() as usize,
            Some(v) => {
                diagnostics.push(
                    Diagnostic::error(file, format!("{key} must be 1 or more"))
                        .at_offset(text, v.span().start)
                        .help(format!("write for example `{key} = {default}`")),
                );
                default
            }
            None => default,
        };
        let full_text_feeds = match &raw.full_text_feeds {
            None => FullTextFeeds::Sections,
            Some(value) => match FullTextFeeds::NAMES
                .iter()
                .find(|(name, _)| name == value.get_ref())
            {
                Some((_, which)) => *which,
                None => {
                    diagnostics.push(
                        Diagnostic::error(
                            file,
                            format!("full_text_feeds cannot be `{}`", value.get_ref()),
                        )
                        .at_offset(text, value.span().start)
                        .help("write \"sections\" (the site's feed and the sections' carry whole stories), \"all\" or \"none\""),
                    );
                    FullTextFeeds::Sections
                }
            },
        };
        // A policy or an organization's page is a link readers and machines follow: a path
        // of this site or an https:// address.
        let mut address = |value: Option<toml::Spanned<String>>, what: &str| {
            let value = value?;
            let written = value.get_ref().trim();
            let path = written.starts_with('/') && !written.starts_with("//");
            let (line, _) = crate::diagnostics::line_column(text, value.span().start);
            if path || crate::site::address::scheme(written).as_deref() == Some("https") {
                return Some(Policy {
                    address: written.to_string(),
                    line,
                });
            }
            diagnostics.push(
                Diagnostic::error(
                    file,
                    format!(
                        "{what} `{written}` is neither a path of the site nor an https:// address"
                    ),
                )
                .at_offset(text, value.span().start)
                .help(
                    "write a path of the site (\"/ethics/\") or a whole address (\"https://...\")",
                ),
            );
            None
        };
        let raw_policies = raw.policies.unwrap_or_default();
        let policies = Policies {
            ethics: address(raw_policies.ethics, "the ethics policy"),
            corrections: address(raw_policies.corrections, "the corrections policy"),
            masthead: address(raw_policies.masthead, "the masthead"),
            contact: address(raw_policies.contact, "the contact page"),
        };
        // The newsroom's pages elsewhere: whole addresses, never a path of this site.
        let same_as = raw
            .same_as
            .into_iter()
            .filter_map(|s| {
                let written = s.get_ref().trim();
                if crate::site::address::scheme(written).as_deref() == Some("https") {
                    return Some(written.to_string());
                }
                diagnostics.push(
                    Diagnostic::error(file, format!("same_as `{written}` is not an https:// address"))
                        .at_offset(text, s.span().start)
                        .help("list the newsroom's pages on other sites: same_as = [\"https://example.social/@news\"]"),
                );
                None
            })
            .collect();
        let images = images(raw.images.unwrap_or_default(), text, diagnostics);
        let logo_at = raw
            .logo
            .as_ref()
            .map(|l| crate::diagnostics::line_column(text, l.span().start));
        let per_page = positive(raw.per_page, "per_page", 20, diagnostics);
        let feed_items = positive(raw.feed_items, "feed_items", 20, diagnostics);
        let base_url = raw
            .base_url
            .unwrap_or_else(|| "http://localhost:1111".to_string())
            .trim_end_matches('/')
            .to_string();
        Settings {
            publisher: raw.publisher.unwrap_or_else(|| title.clone()),
            title,
            base_url,
            language: raw.language.unwrap_or_else(|| "en".to_string()),
            timezone_name,
            timezone,
            timezone_label: raw
                .timezone_label
                .map(|l| l.trim().to_string())
                .filter(|l| !l.is_empty()),
            description: raw.description.unwrap_or_default(),
            permalink,
            per_page,
            feed_items,
            logo: raw.logo.map(toml::Spanned::into_inner),
            logo_at,
            sections: raw
                .sections
                .iter()
                .map(|s| crate::site::slug::slugify(s))
                .collect(),
            full_text_feeds,
            policies,
            same_as,
            images,
            search: raw.search.and_then(|s| s.enabled).unwrap_or(true),
        }
    }
}

/// `[images]`, each value checked at its place, with the default for what is missing or wrong.
fn images(raw: RawImages, text: &str, diagnostics: &mut Vec<Diagnostic>) -> ImageSettings {
    let file = "site.toml";
    let mut settings = ImageSettings::default();
    let mut refuse = |at: usize, message: String, help: &str| {
        diagnostics.push(
            Diagnostic::error(file, message)
                .at_offset(text, at)
                .help(help.to_string()),
        );
    };
    if let Some(widths) = raw.widths {
        let mut valid: Vec<u32> = widths
            .get_ref()
            .iter()
            .filter_map(|&w| u32::try_from(w).ok().filter(|w| (16..=8192).contains(w)))
            .collect();
        if valid.is_empty() || valid.len() != widths.get_ref().len() {
            refuse(
                widths.span().start,
                "[images] widths must be a list of widths in pixels, from 16 to 8192".to_string(),
                "write for example widths = [480, 800, 1200, 1600]",
            );
        } else {
            valid.sort_unstable();
            valid.dedup();
            settings.widths = valid;
        }
    }
    if let Some(quality) = raw.quality {
        match u8::try_from(*quality.get_ref()) {
            Ok(q) if (1..=100).contains(&q) => settings.quality = q,
            _ => refuse(
                quality.span().start,
                format!("[images] quality cannot be {}", quality.get_ref()),
                "write a number from 1 to 100: quality = 80",
            ),
        }
    }
    if let Some(formats) = raw.formats {
        let mut webp = false;
        for format in formats.get_ref() {
            match format.to_ascii_lowercase().as_str() {
                "webp" => webp = true,
                "avif" => refuse(
                    formats.span().start,
                    "[images] formats: AVIF is not offered".to_string(),
                    "write formats = [\"webp\"]: encoding AVIF took 20 to 30 times WebP's time for the same photo, so newsdesk publishes WebP beside each photo's own format",
                ),
                other => refuse(
                    formats.span().start,
                    format!("[images] formats: `{other}` is not a format newsdesk publishes"),
                    "write formats = [\"webp\"] (a WebP copy beside each copy in the photo's own format), or formats = [] for the photo's own format only",
                ),
            }
        }
        settings.webp = webp;
    }
    if let Some(max) = raw.max_pixels {
        match u64::try_from(*max.get_ref()) {
            Ok(m) if m >= 1 => settings.max_pixels = m,
            _ => refuse(
                max.span().start,
                "[images] max_pixels must be 1 or more".to_string(),
                "write for example max_pixels = 100_000_000 (a 100-megapixel photo)",
            ),
        }
    }
    settings
}

impl Settings {
    /// Where the logo is named, when it is a photo of static/.
    pub fn logo_use(&self) -> Option<crate::site::photos::PhotoUse> {
        let path = self.logo.as_deref()?.trim();
        if !path.starts_with('/') || path.starts_with("//") {
            return None;
        }
        let (line, column) = self.logo_at.unwrap_or((1, 1));
        Some(crate::site::photos::PhotoUse {
            path: path.to_string(),
            file: Path::new("static").join(path.trim_start_matches('/')),
            written: path.to_string(),
            source: "site.toml".into(),
            field: crate::site::photos::Field::Logo,
            line,
            column,
        })
    }
}

/// The byte offset where `key` is set in a TOML text (`key =` at the start of a line).
pub fn key_offset(text: &str, key: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let bare = trimmed.trim_start_matches(['"', '\'']);
        if let Some(rest) = bare.strip_prefix(key) {
            let rest = rest.trim_start_matches(['"', '\'']).trim_start();
            if rest.starts_with('=') {
                return Some(offset + (line.len() - trimmed.len()));
            }
        }
        offset += line.len();
    }
    None
}

/// A TOML syntax or type error as a diagnostic at its place in the file. `base` is the byte
/// offset of the TOML text within the file's `text`. A value of the wrong type is said in
/// plain words with what to write (`tags is a list, not text` / `write tags = ["Budget"]`).
pub fn toml_error(file: &str, text: &str, base: usize, e: &toml::de::Error) -> Diagnostic {
    let message = e.message().trim().to_string();
    let Some(span) = e.span() else {
        return Diagnostic::error(file, format!("invalid TOML: {message}"));
    };
    let toml = text.get(base..).unwrap_or("");
    let d = match wrong_type(&message, toml, span.clone()) {
        Some((said, help)) => Diagnostic::error(file, said).help(help),
        None => Diagnostic::error(file, format!("invalid TOML: {message}")),
    };
    d.at_offset(text, base + span.start)
}

/// serde's `invalid type: string "Budget", expected a sequence` about the value at `span` of
/// `toml`, in the writer's words: what the key holds, and the line to write instead.
fn wrong_type(message: &str, toml: &str, span: std::ops::Range<usize>) -> Option<(String, String)> {
    let (found, expected) = message
        .strip_prefix("invalid type: ")?
        .rsplit_once(", expected ")?;
    let before = toml.get(..span.start)?;
    let raw = toml.get(span)?.trim();
    let header = raw.starts_with('[') && (before.is_empty() || before.ends_with('\n'));
    let (key, depth) = if header {
        // A `[table]` header where a value was expected.
        let name = raw.lines().next()?.trim_matches(['[', ']', ' ']);
        (name.trim_matches(['"', '\'']), 0)
    } else {
        let eq = before.rfind('=')?;
        let key = before[..eq]
            .trim_end()
            .rsplit(|c: char| c.is_whitespace() || matches!(c, '{' | ',' | '[' | '\n'))
            .next()?
            .trim_matches(['"', '\'']);
        // Inside `[ ... ]` after the `=`: the value is one item of a list.
        let open = before[eq..].matches('[').count();
        (key, open.saturating_sub(before[eq..].matches(']').count()))
    };
    if key.is_empty() {
        return None;
    }
    let value = toml::from_str::<toml::Table>(&format!("v = {raw}"))
        .ok()
        .and_then(|mut t| t.remove("v"));
    let found = match found.split(' ').next().unwrap_or(found) {
        "string" => "text",
        "integer" | "floating" => "a number",
        "boolean" => "true or false",
        "sequence" => "a list",
        "map" => "a table",
        _ => found,
    };
    let text_of = |v: &Option<toml::Value>| match v {
        Some(toml::Value::String(s)) => s.clone(),
        Some(toml::Value::Array(items)) => items
            .iter()
            .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_string))
            .collect::<Vec<_>>()
            .join(", "),
        Some(other) => other.to_string(),
        None => "...".to_string(),
    };
    let (kind, example) = match expected {
        "a sequence" => {
            let items: Vec<String> = text_of(&value)
                .split(',')
                .map(str::trim)
                .filter(|i| !i.is_empty())
                .map(|i| format!("{i:?}"))
                .collect();
            ("a list", format!("[{}]", items.join(", ")))
        }
        "a boolean" => {
            let yes = matches!(
                text_of(&value).trim().to_lowercase().as_str(),
                "true" | "yes" | "1"
            );
            (
                "true or false",
                if yes { "true" } else { "false" }.to_string(),
            )
        }
        "a string" | "a borrowed string" | "a character" => {
            ("text", format!("{:?}", text_of(&value)))
        }
        "a TOML datetime" => ("a date", "2025-05-28T18:30:00+04:00".to_string()),
        e if e.starts_with('i')
            || e.starts_with('u')
            || e.starts_with('f')
            || e.contains("integer")
            || e.contains("float") =>
        {
            let number = text_of(&value)
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite())
                .map_or("10".to_string(), |n| n.to_string());
            ("a number", number)
        }
        e if e.starts_with("struct") || e.contains("map") || e.contains("table") => {
            ("a table", "{ ... }".to_string())
        }
        _ => return None,
    };
    Some(if depth > 0 {
        (
            format!("each item of {key} is {kind}, not {found}"),
            format!("write it as {example}"),
        )
    } else {
        (
            format!("{key} is {kind}, not {found}"),
            format!("write {key} = {example}"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_site_toml_gets_defaults() {
        let mut d = Vec::new();
        let s = Settings::parse("", &mut d);
        assert!(d.is_empty());
        assert_eq!(s.per_page, 20);
        assert_eq!(s.permalink, "/:year/:month/:day/:slug/");
        assert_eq!(s.publisher, s.title);
    }

    #[test]
    fn type_errors_say_what_to_write() {
        let cases = [
            (
                "per_page = \"20\"\n",
                "per_page is a number, not text",
                "write per_page = 20",
            ),
            (
                "sections = \"world, sport\"\n",
                "sections is a list, not text",
                "write sections = [\"world\", \"sport\"]",
            ),
            (
                "title = 2025\n",
                "title is text, not a number",
                "write title = \"2025\"",
            ),
            (
                "sections = [\"a\", 2]\n",
                "each item of sections is text, not a number",
                "write it as \"2\"",
            ),
            (
                "title = \"x\"\n[publisher]\nname = \"y\"\n",
                "publisher is text, not a table",
                "write publisher = \"...\"",
            ),
        ];
        for (text, message, help) in cases {
            let mut d = Vec::new();
            Settings::parse(text, &mut d);
            assert_eq!(d.len(), 1, "{text}: {d:?}");
            assert_eq!(d[0].message, message);
            assert_eq!(d[0].help.as_deref(), Some(help));
            let line = if text.contains("[publisher]") { 2 } else { 1 };
            assert_eq!(d[0].line, Some(line));
        }
    }

    #[test]
    fn unknown_keys_and_zones_are_reported_where_they_are() {
        let mut d = Vec::new();
        Settings::parse(
            "title = \"X\"\ntimezon = \"UTC\"\ntimezone = \"Mars/Olympus\"\n",
            &mut d,
        );
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].line, Some(2));
        assert!(d[0].help.as_deref().unwrap().contains("`timezone`"));
        assert!(d[1].is_error() && d[1].line == Some(3));
    }
}
