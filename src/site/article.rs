//! One article: its front matter read and checked, its body rendered.

use std::path::{Path, PathBuf};

use jiff::ZonedDateTime as Zoned;
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::{Diagnostic, line_column};
use crate::site::address::{self, Photo};
use crate::site::body::{self, Body, Reference};
use crate::site::photos::{Field, Focus, PhotoUse};
use crate::site::settings::{Settings, key_offset, toml_error};
use crate::site::words::{self, Words};
use crate::site::{closest, dateline, dates, slug::slugify};

/// The front-matter keys an article understands; others are warnings.
pub const KNOWN_KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "byline",
    "authors",
    "dateline",
    "summary",
    "tags",
    "locations",
    "section",
    "slug",
    "draft",
    "image",
    "image_alt",
    "image_caption",
    "image_credit",
    "image_focus",
    "corrections",
    "expires",
    "aliases",
    "source_digest",
    "kind",
];

/// The body `newsdesk new` writes: one line where the story goes. `newsdesk check` reports
/// every article whose body still holds it, so that no placeholder is published by mistake.
pub const BODY_PLACEHOLDER: &str = "Write the story here, in place of this line, opening with its dateline (BAKU: ...). `newsdesk check` reports this line until it is replaced.";

/// Whether `text` holds [`BODY_PLACEHOLDER`] or [`TITLE_PLACEHOLDER`] (searched for in every
/// article file, so with finders made once).
fn holds_placeholder(text: &str) -> bool {
    use memchr::memmem::Finder;
    use std::sync::LazyLock;
    static BODY: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(BODY_PLACEHOLDER));
    static TITLE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(TITLE_PLACEHOLDER));
    BODY.find(text.as_bytes()).is_some() || TITLE.find(text.as_bytes()).is_some()
}

/// The headline `newsdesk import` gives copy that came without one. `newsdesk check` reports
/// it until the desk writes a headline.
pub const TITLE_PLACEHOLDER: &str = "Headline needed";

/// The file name `newsdesk import` gives copy without a headline, after the date:
/// `2025-05-28-headline-needed.txt`. Its article's address comes from it until the file is
/// named after the headline the desk writes (`editorial::article_file::named_after`).
pub fn placeholder_slug() -> String {
    slugify(TITLE_PLACEHOLDER)
}

/// Which kind of text the body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyFormat {
    /// `.md` (or `.markdown`): CommonMark.
    Markdown,
    /// `.txt`: wire copy, one paragraph a line, never interpreted.
    Wire,
}

impl BodyFormat {
    /// The format of a file by its extension; `None` for files that are not articles.
    pub fn of(path: &Path) -> Option<BodyFormat> {
        match path.extension()?.to_str()? {
            "md" | "markdown" => Some(BodyFormat::Markdown),
            "txt" => Some(BodyFormat::Wire),
            _ => None,
        }
    }
}

/// What kind of work a story is (SPEC 9.2): labelled on its page and its cards (all but
/// news), and the schema.org type of its JSON-LD.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Kind {
    #[default]
    News,
    Analysis,
    Opinion,
    Review,
    Sponsored,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::News,
        Kind::Analysis,
        Kind::Opinion,
        Kind::Review,
        Kind::Sponsored,
    ];

    /// As written in front matter (`kind = "opinion"`), and as templates see it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::News => "news",
            Kind::Analysis => "analysis",
            Kind::Opinion => "opinion",
            Kind::Review => "review",
            Kind::Sponsored => "sponsored",
        }
    }

    /// The label a reader sees on the story and its cards; `None` for news.
    pub fn label(self) -> Option<&'static str> {
        match self {
            Kind::News => None,
            Kind::Analysis => Some("Analysis"),
            Kind::Opinion => Some("Opinion"),
            Kind::Review => Some("Review"),
            Kind::Sponsored => Some("Sponsored"),
        }
    }

    /// The label shown in a section named `section`: none where the section has the label's
    /// name (an opinion piece in a section called Opinion says so once, by its section).
    pub fn label_in(self, section: &str) -> Option<&'static str> {
        self.label()
            .filter(|label| !label.eq_ignore_ascii_case(section))
    }

    /// The schema.org types of the story's JSON-LD: its own, after the type it is a kind of
    /// (`NewsArticle`, or `Article` for sponsored content), which readers of JSON-LD that know
    /// only the common types look for.
    pub fn schema_types(self) -> &'static [&'static str] {
        match self {
            Kind::News => &["NewsArticle"],
            Kind::Analysis => &["NewsArticle", "AnalysisNewsArticle"],
            Kind::Opinion => &["NewsArticle", "OpinionNewsArticle"],
            Kind::Review => &["NewsArticle", "ReviewNewsArticle"],
            Kind::Sponsored => &["Article", "AdvertiserContentArticle"],
        }
    }

    fn of(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name.trim())
    }
}

/// A published correction.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Correction {
    pub date: Zoned,
    pub text: String,
}

/// A name as written in one article (a tag, place or author), with where it was written.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Name {
    pub text: String,
    pub slug: String,
}

/// An article, read and rendered.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Article {
    /// The file, relative to the site folder (`content/world/x.md`).
    pub source: PathBuf,
    pub title: String,
    pub date: Zoned,
    pub updated: Option<Zoned>,
    pub expires: Option<Zoned>,
    pub authors: Vec<Name>,
    pub dateline: Option<String>,
    pub summary: String,
    pub tags: Vec<Name>,
    /// The places named in `locations`, then the dateline's place when not among them.
    pub locations: Vec<Name>,
    /// The section's slug and the name shown for it.
    pub section: Name,
    pub kind: Kind,
    pub slug: String,
    pub draft: bool,
    pub image: Option<String>,
    pub image_alt: Option<String>,
    pub image_caption: Option<String>,
    /// Who made the lead photo (`image_credit`: "Photo: Leyla Aliyeva").
    pub image_credit: Option<String>,
    /// The point of the lead photo every crop keeps (`image_focus`); `None`: the centre.
    pub image_focus: Option<Focus>,
    pub corrections: Vec<Correction>,
    pub aliases: Vec<String>,
    pub body: Body,
    /// The words search finds it by (SPEC 9.5).
    pub words: Words,
    /// The page's path (`/2025/05/28/slug/`), from the site's permalink pattern.
    pub url: String,
    /// Where the settings that make its addresses are written in the file.
    pub lines: Lines,
    /// Where what `newsdesk check` looks at is written in the file.
    pub marks: Marks,
}

/// Where the things `newsdesk check` reports on are written in an article's file (line and
/// column), noted while the file is read: the check reads no file again.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Marks {
    /// The body's links and images, in the order they are written.
    pub references: Vec<(usize, usize, Reference)>,
    /// Where each of `tags` is written, in the same order; `None` without a `tags` key.
    pub tags: Vec<Option<(usize, usize)>>,
    /// For a file with a placeholder of `newsdesk new` or `newsdesk import` in its text or
    /// its name, where they may be; `None` for all others.
    pub unfinished: Option<Box<Unfinished>>,
}

/// Where the placeholders of a file that has some may be.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Unfinished {
    /// The lines of the body that are [`BODY_PLACEHOLDER`].
    pub body: Vec<(usize, usize)>,
    /// The headline's setting (`title = ...`), or the front matter's first line.
    pub title: (usize, usize),
}

/// The lines of the front-matter settings that make an article's addresses, for errors
/// about an address another page also has.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Lines {
    /// `slug = ...`, when set.
    pub slug: Option<usize>,
    /// `section = ...`, when set.
    pub section: Option<usize>,
    /// Each alias, in the order of `aliases`.
    pub aliases: Vec<usize>,
}

/// An article names at most this many tags, and at most this many places and authors:
/// every name gets pages and a feed, so more would only flood the site.
pub const MAX_NAMES: usize = 100;

#[derive(Deserialize)]
struct FrontMatter {
    title: Option<Spanned<String>>,
    // Dates are read as any value: quoted dates are dates too (see `dates::from_value`).
    date: Option<Spanned<toml::Value>>,
    updated: Option<Spanned<toml::Value>>,
    expires: Option<Spanned<toml::Value>>,
    byline: Option<Spanned<String>>,
    authors: Option<Vec<Spanned<String>>>,
    dateline: Option<Spanned<String>>,
    summary: Option<String>,
    #[serde(default)]
    tags: Vec<Spanned<String>>,
    #[serde(default)]
    locations: Vec<Spanned<String>>,
    section: Option<Spanned<String>>,
    slug: Option<Spanned<String>>,
    #[serde(default)]
    draft: bool,
    image: Option<Spanned<String>>,
    image_alt: Option<String>,
    image_caption: Option<String>,
    image_credit: Option<String>,
    image_focus: Option<Spanned<Vec<f64>>>,
    #[serde(default)]
    corrections: Vec<CorrectionFm>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    kind: Option<Spanned<String>>,
}

#[derive(Deserialize)]
struct CorrectionFm {
    date: Spanned<toml::Value>,
    text: String,
}

/// The parts of an article file.
pub struct Parts<'a> {
    /// The TOML between the `+++` lines.
    pub front: &'a str,
    /// The byte offset of the front matter in the file's text.
    pub front_offset: usize,
    pub body: &'a str,
    /// The byte offset of the body in the file's text: `newsdesk check` places what it finds
    /// in a body at a line of the file.
    pub body_offset: usize,
}

/// Splits a file's text (without a byte-order mark) into front matter and body. The file must
/// open with a `+++` line; the diagnostic has no path.
pub fn split(text: &str) -> Result<Parts<'_>, Diagnostic> {
    let is_fence = |line: &str| line.trim_end() == "+++";
    let first = text.split_inclusive('\n').next().unwrap_or("");
    if first.trim_end() == "---" {
        let converted = text
            .lines()
            .skip(1)
            .take_while(|l| l.trim_end() != "---")
            .find_map(yaml_line_as_toml)
            .map(|line| format!(" (`{line}`)"))
            .unwrap_or_default();
        return Err(
            Diagnostic::error("", "the front matter is YAML (between `---` lines)")
                .at(1, 1)
                .help(format!("newsdesk reads TOML between `+++` lines: change both `---` lines to `+++` and write each setting as key = value{converted}")),
        );
    }
    if !is_fence(first) {
        return Err(Diagnostic::error("", "the file does not start with front matter")
            .at(1, 1)
            .help("start the file with a line `+++`, the settings (title = \"...\", date = ...), then another `+++` line; for wire copy as it came from the agency, run `newsdesk import FILE`, which writes them for you"));
    }
    let front_offset = first.len();
    let mut offset = front_offset;
    for line in text[front_offset..].split_inclusive('\n') {
        if is_fence(line) {
            return Ok(Parts {
                front: &text[front_offset..offset],
                front_offset,
                body: &text[offset + line.len()..],
                body_offset: offset + line.len(),
            });
        }
        offset += line.len();
    }
    Err(
        Diagnostic::error("", "the front matter opened on line 1 is never closed")
            .at(1, 1)
            .help(
                "add a line `+++` after the last front-matter setting, before the article's text",
            ),
    )
}

/// A YAML front-matter line (`title: Budget passes`) written as TOML (`title = "Budget passes"`).
fn yaml_line_as_toml(line: &str) -> Option<String> {
    let (key, value) = line.split_once(':')?;
    let key = key.trim();
    if key.is_empty()
        || !key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
    {
        return None;
    }
    let value = value.trim().trim_matches(['"', '\'']);
    let bare = value.parse::<f64>().is_ok()
        || value == "true"
        || value == "false"
        || value.parse::<toml::value::Datetime>().is_ok()
        || (value.starts_with('[') && value.ends_with(']'));
    Some(if bare {
        format!("{key} = {value}")
    } else {
        format!("{key} = {value:?}")
    })
}

/// Whether an article file says `draft = true`, read as leniently as possible: from its first
/// lines between `+++` (or YAML `---`) lines, however broken the rest of its front matter is.
/// A draft never stops a build: its errors are warnings while it is left out.
pub fn says_draft(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    let fence = match lines.next().map(str::trim_end) {
        Some(f @ ("+++" | "---")) => f.to_string(),
        _ => return false,
    };
    lines
        .take_while(|l| l.trim_end() != fence)
        .filter_map(|l| {
            let (key, value) = l.split_once(['=', ':'])?;
            let key = key.trim().trim_matches(['"', '\'']);
            let value = value.split('#').next()?.trim().trim_matches(['"', '\'']);
            Some((key.to_ascii_lowercase(), value.to_ascii_lowercase()))
        })
        .any(|(key, value)| key == "draft" && matches!(value.as_str(), "true" | "yes"))
}

/// An article, or the errors that stop it.
pub type Parsed = Result<Article, Vec<Diagnostic>>;

/// Reads one article file. `source` is relative to the site folder (`content/world/x.md`);
/// `content_path` is the path below content/ (`world/x.md`). Returns the article, or the errors
/// that stop it; pushes warnings either way, and names the photos of the site it shows
/// (`photos`: the lead image, the body's images), whose files are looked at when the site is
/// assembled.
pub fn parse(
    source: &Path,
    content_path: &Path,
    bytes: &[u8],
    settings: &Settings,
    warnings: &mut Vec<Diagnostic>,
    photos: &mut Vec<PhotoUse>,
) -> Result<Article, Vec<Diagnostic>> {
    let at = |d: Diagnostic| Diagnostic {
        path: source.to_path_buf(),
        ..d
    };
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            let (line, column) = line_column(valid, valid.len());
            return Err(vec![at(Diagnostic::error(
                "",
                "the file is not UTF-8 text",
            )
            .at(line, column)
            .help(
                "save the file as UTF-8 in your editor (\"Save with encoding\")",
            ))]);
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let parts = split(text).map_err(|d| vec![at(d)])?;
    let place = |d: Diagnostic, span: std::ops::Range<usize>| {
        at(d.at_offset(text, parts.front_offset + span.start))
    };

    let table: toml::Table = toml::from_str(parts.front).map_err(|e| {
        vec![at(toml_error("", text, parts.front_offset, &e)
            .help("front matter is TOML: key = \"text\", dates as date = 2025-05-28T18:30:00+04:00, lists in [ ]"))]
    })?;
    for key in table.keys().filter(|k| !KNOWN_KEYS.contains(&k.as_str())) {
        let mut d = Diagnostic::warning("", format!("unknown front-matter key `{key}`"));
        if let Some(offset) = key_offset(parts.front, key) {
            d = d.at_offset(text, parts.front_offset + offset);
        }
        d = match closest(key, KNOWN_KEYS) {
            Some(known) => d.help(format!("did you mean `{known}`?")),
            None => d.help(format!(
                "it is ignored; the keys are {}",
                KNOWN_KEYS.join(", ")
            )),
        };
        warnings.push(at(d));
    }
    let fm: FrontMatter = toml::from_str(parts.front)
        .map_err(|e| vec![at(toml_error("", text, parts.front_offset, &e))])?;

    let mut errors = Vec::new();
    let tz = &settings.timezone;
    let front_start = |key: &str| key_offset(parts.front, key).map_or(0..0, |o| o..o);
    let date_of = |v: &Spanned<toml::Value>, what: &str, errors: &mut Vec<Diagnostic>| {
        match dates::from_value(v.get_ref(), tz) {
            Ok(z) => Some(z),
            Err(e) => {
                let key = what.rsplit('.').next().unwrap_or(what);
                errors.push(place(
                    Diagnostic::error("", format!("{what}: {e}")).help(format!(
                        "write {key} = 2025-05-28T18:30:00+04:00, or {key} = 2025-05-28 for midnight"
                    )),
                    v.span(),
                ));
                None
            }
        }
    };

    let title = match &fm.title {
        Some(t) if !t.get_ref().trim().is_empty() => body::smart(t.get_ref().trim()),
        Some(t) => {
            errors.push(place(
                Diagnostic::error("", "the title is empty")
                    .help("write the headline: title = \"...\""),
                t.span(),
            ));
            String::new()
        }
        None => {
            errors.push(at(Diagnostic::error("", "the article has no title")
                .at(2, 1)
                .help("add the headline to the front matter: title = \"...\"")));
            String::new()
        }
    };
    let date = match &fm.date {
        Some(d) => date_of(d, "date", &mut errors),
        None => {
            errors.push(at(Diagnostic::error("", "the article has no date")
                .at(2, 1)
                .help("add the publication time to the front matter: date = 2025-05-28T18:30:00+04:00")));
            None
        }
    };
    let updated = fm
        .updated
        .as_ref()
        .and_then(|d| date_of(d, "updated", &mut errors));
    let expires = fm
        .expires
        .as_ref()
        .and_then(|d| date_of(d, "expires", &mut errors));
    let corrections = fm
        .corrections
        .iter()
        .filter_map(|c| {
            Some(Correction {
                date: date_of(&c.date, "corrections.date", &mut errors)?,
                text: c.text.trim().to_string(),
            })
        })
        .collect::<Vec<_>>();

    let names = |list: &[Spanned<String>], what: &str, errors: &mut Vec<Diagnostic>| -> Vec<Name> {
        let mut out: Vec<Name> = Vec::new();
        for item in list {
            let text = item.get_ref().trim();
            let slug = slugify(text);
            if slug.is_empty() {
                errors.push(place(
                    Diagnostic::error(
                        "",
                        format!(
                            "{what} `{}` is empty: it has no letters or digits",
                            item.get_ref()
                        ),
                    )
                    .help(format!("remove it from {what}s or write the name")),
                    item.span(),
                ));
            } else if !out.iter().any(|n| n.slug == slug) {
                out.push(Name {
                    text: text.to_string(),
                    slug,
                });
            }
        }
        out
    };
    for (key, list) in [("tags", &fm.tags), ("locations", &fm.locations)]
        .into_iter()
        .chain(fm.authors.as_ref().map(|a| ("authors", a)))
    {
        if list.len() > MAX_NAMES {
            errors.push(place(
                Diagnostic::error(
                    "",
                    format!("`{key}` names {} entries; at most {MAX_NAMES} are allowed", list.len()),
                )
                .help(format!("keep the {MAX_NAMES} that matter most to readers: each one gets its own pages and feed")),
                front_start(key),
            ));
        }
    }
    let tags = names(&fm.tags, "tag", &mut errors);
    let mut locations = names(&fm.locations, "location", &mut errors);
    let authors = match (&fm.authors, &fm.byline) {
        (Some(list), _) => names(list, "author", &mut errors),
        (None, Some(byline)) => {
            let name = byline.get_ref().trim();
            let name = name
                .strip_prefix("By ")
                .or_else(|| name.strip_prefix("by "))
                .or_else(|| name.strip_prefix("BY "))
                .unwrap_or(name);
            let spanned = Spanned::new(byline.span(), name.to_string());
            names(std::slice::from_ref(&spanned), "byline", &mut errors)
        }
        (None, None) => Vec::new(),
    };

    let format = BodyFormat::of(source).unwrap_or(BodyFormat::Markdown);
    // The words search finds the story by are counted only for a site with search.
    let mut said = words::Counter::for_story();
    let counting = settings.search.then_some(&mut said);
    let mut body = match format {
        BodyFormat::Markdown => body::markdown(parts.body, counting),
        BodyFormat::Wire => body::wire(parts.body, counting),
    };
    for (offset, refused) in &body.refused {
        errors.push(at(Diagnostic::error("", refused.message.clone())
            .help(refused.help.clone())
            .at_offset(text, parts.body_offset + offset)));
    }
    let references = std::mem::take(&mut body.references);
    let dateline = match &fm.dateline {
        Some(d) if !d.get_ref().trim().is_empty() => Some(d.get_ref().trim().to_string()),
        _ => body.dateline.as_ref().map(|d| d.place.clone()),
    };
    if let Some(d) = &dateline {
        let place = dateline::place_of(d);
        let slug = slugify(place);
        if !slug.is_empty() && !locations.iter().any(|n| n.slug == slug) {
            locations.push(Name {
                text: place.to_string(),
                slug,
            });
        }
    }
    let summary = body::smart(&match fm.summary {
        Some(s) if !s.trim().is_empty() => s.trim().to_string(),
        _ => cut_at_word(&body.lead, 200),
    });

    let section_name = match &fm.section {
        Some(s) => s.get_ref().trim().to_string(),
        None => content_path
            .components()
            .next()
            .filter(|_| content_path.components().count() > 1)
            .map(|c| folder_name(&c.as_os_str().to_string_lossy()))
            .unwrap_or_else(|| "News".to_string()),
    };
    let section_slug = slugify(&section_name);
    if section_slug.is_empty() {
        let span = fm
            .section
            .as_ref()
            .map_or(front_start("section"), |s| s.span());
        errors.push(place(
            Diagnostic::error("", format!("section `{section_name}` is empty"))
                .help("write a section name such as \"world\""),
            span,
        ));
    }
    let kind = match &fm.kind {
        None => Kind::News,
        Some(written) => Kind::of(written.get_ref()).unwrap_or_else(|| {
            let names: Vec<String> = Kind::ALL
                .iter()
                .map(|k| format!("\"{}\"", k.name()))
                .collect();
            errors.push(place(
                Diagnostic::error("", format!("unknown kind `{}`", written.get_ref()))
                    .help(format!("write kind = one of {}", names.join(", "))),
                written.span(),
            ));
            Kind::News
        }),
    };
    let slug = match &fm.slug {
        Some(s) => {
            let slug = slugify(s.get_ref());
            if slug.is_empty() {
                errors.push(place(
                    Diagnostic::error("", "the slug is empty")
                        .help("use letters, digits and dashes: slug = \"lachin-visit\""),
                    s.span(),
                ));
            }
            slug
        }
        None => {
            let stem = content_path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            slugify(strip_date_prefix(&stem))
        }
    };
    if slug.is_empty() && fm.slug.is_none() {
        errors.push(at(Diagnostic::error(
            "",
            "the file name gives an empty slug",
        )
        .help("rename the file or set slug = \"...\"")));
    }

    let image = fm.image.as_ref().filter(|i| !i.get_ref().trim().is_empty());
    let image_alt = fm
        .image_alt
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty());
    if let Some(image) = image {
        let path = image.get_ref().trim();
        if image_alt.is_none() {
            errors.push(place(
                Diagnostic::error("", format!("the lead image {path} has no alt text"))
                    .help("add image_alt = \"...\": what the picture shows, for readers who cannot see it"),
                image.span(),
            ));
        }
        if let Err(refused) = address::photo(path) {
            errors.push(place(
                Diagnostic::error("", refused.message).help(refused.help),
                image.span(),
            ));
        }
    }
    let image_focus = fm.image_focus.as_ref().and_then(|focus| {
        let found = match focus.get_ref().as_slice() {
            [x, y] => Focus::from_fractions(*x, *y),
            _ => None,
        };
        if found.is_none() {
            errors.push(place(
                Diagnostic::error("", "image_focus must be two numbers from 0 to 1")
                    .help("write the point every crop keeps, across then down: image_focus = [0.5, 0.3] (the middle, near the top)"),
                focus.span(),
            ));
        }
        found
    });
    let line_of =
        |span: std::ops::Range<usize>| line_column(text, parts.front_offset + span.start).0;
    let mut lines = Lines {
        slug: fm.slug.as_ref().map(|s| line_of(s.span())),
        section: fm.section.as_ref().map(|s| line_of(s.span())),
        aliases: Vec::new(),
    };
    let mut aliases = Vec::new();
    for alias in &fm.aliases {
        if address::scheme(alias.get_ref()).is_some() || alias.get_ref().trim().starts_with("//") {
            errors.push(place(
                Diagnostic::error(
                    "",
                    format!("alias `{}` is an address, not a path of this site", alias.get_ref()),
                )
                .help("an alias is an old address of this article on this site: aliases = [\"/2024/01/05/old-slug/\"]"),
                alias.span(),
            ));
            continue;
        }
        match normalize_alias(alias.get_ref()) {
            Some(path) if aliases.contains(&path) => {}
            Some(path) => {
                aliases.push(path);
                lines.aliases.push(line_of(alias.span()));
            }
            None => errors.push(place(
                Diagnostic::error(
                    "",
                    format!("alias `{}` is not a path of this site", alias.get_ref()),
                )
                .help("write the old address as a path: aliases = [\"/2024/01/05/old-slug/\"]"),
                alias.span(),
            )),
        }
    }

    let Some(date) = date else {
        return Err(errors);
    };
    let mut article = Article {
        source: source.to_path_buf(),
        title,
        updated,
        expires,
        authors,
        dateline,
        summary,
        tags,
        locations,
        section: Name {
            text: section_name,
            slug: section_slug,
        },
        slug,
        kind,
        draft: fm.draft,
        image: None,
        image_alt,
        image_caption: fm.image_caption.filter(|c| !c.trim().is_empty()),
        image_credit: fm
            .image_credit
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty()),
        image_focus,
        corrections,
        aliases,
        body,
        words: Words::default(),
        url: String::new(),
        lines,
        date,
        marks: Marks::default(),
    };
    article.marks = marks(source, text, &parts, &article.tags, references);
    article.words = if !settings.search {
        Words::default()
    } else {
        Words::of(
            words::Parts {
                headline: &article.title,
                standfirst: &article.summary,
                names: (article.tags.iter())
                    .chain(&article.locations)
                    .chain(&article.authors)
                    .map(|n| n.text.as_str())
                    .collect(),
                text: said,
            },
            &settings.language,
        )
    };
    article.url = permalink(&settings.permalink, &article);
    if let Some(image) = image {
        let written = image.get_ref().trim();
        let (line, column) = line_column(text, parts.front_offset + image.span().start);
        match photo_use(source, &article.url, written, Field::Lead, (line, column)) {
            Ok(Some(found)) => {
                article.image = Some(found.path.clone());
                photos.push(found);
            }
            Ok(None) => article.image = Some(written.to_string()),
            Err(e) => errors.push(at(e)),
        }
    }
    for photo in &mut article.body.photos {
        let (line, column) = line_column(text, parts.body_offset + photo.at);
        match photo_use(
            source,
            &article.url,
            &photo.written,
            Field::Body,
            (line, column),
        ) {
            Ok(Some(found)) => {
                photo.path = Some(found.path.clone());
                photos.push(found);
            }
            Ok(None) => {}
            Err(e) => errors.push(at(e)),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(article)
}

/// Where the things `newsdesk check` reports on are in the file `text` of `parts`: the body's
/// `references` (byte offsets in the body), the `tags`, and the placeholders if the file or
/// its name has any.
fn marks(
    source: &Path,
    text: &str,
    parts: &Parts,
    tags: &[Name],
    references: Vec<(usize, Reference)>,
) -> Marks {
    let references = references
        .into_iter()
        .map(|(at, r)| {
            let (line, column) = line_column(text, parts.body_offset + at);
            (line, column, r)
        })
        .collect();
    let tags_key = key_offset(parts.front, "tags");
    let tags = tags
        .iter()
        .map(|tag| {
            let key = tags_key?;
            let at = parts.front[key..].find(&tag.text).map_or(key, |o| key + o);
            Some(line_column(text, parts.front_offset + at))
        })
        .collect();
    let named = source
        .file_name()
        .is_some_and(|n| n.to_string_lossy().contains(&placeholder_slug()));
    let unfinished = (named || holds_placeholder(text)).then(|| {
        let mut body = Vec::new();
        let mut offset = parts.body_offset;
        for line in parts.body.split_inclusive('\n') {
            if line.trim() == BODY_PLACEHOLDER {
                body.push(line_column(text, offset));
            }
            offset += line.len();
        }
        let title = parts.front_offset + key_offset(parts.front, "title").unwrap_or(0);
        Box::new(Unfinished {
            body,
            title: line_column(text, title),
        })
    });
    Marks {
        references,
        tags,
        unfinished,
    }
}

/// The photo of the site that `written` names in the article file `source` (whose page is
/// at `page`), in its `field` at `at` (line, column): under static/ for a path from the
/// site's root, beside the article file for a relative one (published in the article's
/// folder). `None` for an https:// address, used as it is; addresses refused by the scheme
/// rules are reported where they are read.
fn photo_use(
    source: &Path,
    page: &str,
    written: &str,
    field: Field,
    at: (usize, usize),
) -> Result<Option<PhotoUse>, Diagnostic> {
    let (path, file) = match address::photo(written) {
        Err(_) | Ok(Photo::Web(_)) => return Ok(None),
        Ok(Photo::Site(path)) => (
            path.to_string(),
            Path::new("static").join(path.trim_start_matches('/')),
        ),
        Ok(Photo::Relative(relative)) => {
            let relative = relative.split(['?', '#']).next().unwrap_or_default();
            let plain = relative
                .split('/')
                .all(|segment| !segment.is_empty() && segment != "." && segment != "..");
            if !plain {
                let name = relative.rsplit('/').next().unwrap_or(relative);
                return Err(Diagnostic::error(
                    "",
                    format!("the photo {written} is not a file beside the article"),
                )
                .help(format!(
                    "put the photo in the article's folder and write its name (\"{name}\"), or put it in static/ and write its path from there (\"/images/{name}\")"
                ))
                .at(at.0, at.1));
            }
            let folder = source.parent().unwrap_or(Path::new(""));
            (format!("{page}{relative}"), folder.join(relative))
        }
    };
    Ok(Some(PhotoUse {
        path,
        file,
        written: written.to_string(),
        source: source.to_path_buf(),
        field,
        line: at.0,
        column: at.1,
    }))
}

/// An alias as a site path: `/old/story` -> `/old/story/` (a last segment with a `.`, such as
/// `/old/story.html`, is kept as it is). `None` for what is not a path of this site.
fn normalize_alias(alias: &str) -> Option<String> {
    let alias = alias.trim();
    let ok = alias.starts_with('/')
        && !alias.starts_with("//")
        && !alias.split('/').any(|seg| seg == ".." || seg == ".")
        && !alias.contains(['?', '#', ' ', '\\', '"', '<', '>'])
        && !alias.contains(|c: char| c.is_whitespace() || c.is_control());
    if !ok || alias == "/" {
        return None;
    }
    let last = alias.rsplit('/').next().unwrap_or("");
    Some(if alias.ends_with('/') || last.contains('.') {
        alias.to_string()
    } else {
        format!("{alias}/")
    })
}

/// A section's name from its folder: `world` -> `World`, `middle-east` -> `Middle East`.
fn folder_name(folder: &str) -> String {
    folder
        .split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

impl Article {
    /// When the article last changed: its update when later than its publication, else its
    /// publication (feeds, sitemaps and `modified` in templates).
    pub fn modified(&self) -> &Zoned {
        self.updated
            .as_ref()
            .filter(|u| **u > self.date)
            .unwrap_or(&self.date)
    }
}

/// The file name without a leading `YYYY-MM-DD-`.
fn strip_date_prefix(stem: &str) -> &str {
    let b = stem.as_bytes();
    let dated = b.len() > 11
        && b[..10].iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
        && b[10] == b'-';
    if dated { &stem[11..] } else { stem }
}

/// The article's path from the site's permalink pattern.
pub fn permalink(pattern: &str, article: &Article) -> String {
    let d = &article.date;
    pattern
        .replace(":year", &format!("{:04}", d.year()))
        .replace(":month", &format!("{:02}", d.month()))
        .replace(":day", &format!("{:02}", d.day()))
        .replace(":section", &article.section.slug)
        .replace(":slug", &article.slug)
}

/// `text` cut at a word boundary near `max` characters, with an ellipsis when cut.
pub fn cut_at_word(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let end = text.char_indices().nth(max).map_or(text.len(), |(i, _)| i);
    let cut = text[..end].rfind(char::is_whitespace).unwrap_or(end);
    format!(
        "{}…",
        text[..cut].trim_end_matches([',', ';', ':', ' ', '—', '-'])
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_lose_their_date() {
        assert_eq!(strip_date_prefix("2025-05-28-lachin-visit"), "lachin-visit");
        assert_eq!(strip_date_prefix("lachin-visit"), "lachin-visit");
        assert_eq!(strip_date_prefix("2025-05-28"), "2025-05-28");
    }

    #[test]
    fn aliases_are_site_paths() {
        assert_eq!(
            normalize_alias("/old/story").as_deref(),
            Some("/old/story/")
        );
        assert_eq!(
            normalize_alias("/old/story.html").as_deref(),
            Some("/old/story.html")
        );
        assert_eq!(normalize_alias("/old/"), Some("/old/".to_string()));
        assert_eq!(normalize_alias("old/"), None);
        assert_eq!(normalize_alias("/../etc/"), None);
        assert_eq!(normalize_alias("https://example.com/x"), None);
        assert_eq!(normalize_alias("/"), None);
        assert_eq!(normalize_alias("/old\n/new 200"), None);
    }

    #[test]
    fn folders_name_sections() {
        assert_eq!(folder_name("world"), "World");
        assert_eq!(folder_name("middle-east"), "Middle East");
    }

    #[test]
    fn summaries_are_cut_at_a_word() {
        assert_eq!(cut_at_word("one two three", 100), "one two three");
        assert_eq!(cut_at_word("one two three", 9), "one two…");
    }
}
