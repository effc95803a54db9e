//! A new article file: front matter written from values, under a name no other article has.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use jiff::ZonedDateTime as Zoned;

use crate::diagnostics::{Diagnostic, relative};
use crate::plan::SITE_PAGES;
use crate::site::article::{self, Article, BodyFormat};
use crate::site::index::TermKind;
use crate::site::settings::Settings;
use crate::site::{dates, slug::slugify};

/// A headline makes a file name of at most this many characters of slug, cut at a word.
const MAX_SLUG: usize = 60;

/// The section of an article written without `--section`: the one articles directly in
/// content/ have.
pub const DEFAULT_SECTION: &str = "news";

// The placeholders live with the model, which notes them while it reads a file.
pub use crate::site::article::{BODY_PLACEHOLDER, TITLE_PLACEHOLDER, placeholder_slug};

/// Why a section name cannot be a folder under content/.
#[derive(Debug, thiserror::Error)]
pub enum SectionError {
    #[error("the section `{0}` has no letters or digits")]
    Empty(String),
    #[error("the section `{name}` would take the address /{slug}/, which the site's own pages use")]
    Reserved { name: String, slug: String },
}

/// An article to write: its front matter and its body.
#[derive(Debug, Clone)]
pub struct ArticleFile {
    pub title: String,
    /// As written in the front matter: a moment with its offset, a local time or a day.
    pub date: toml::value::Datetime,
    /// One name is written as `byline`, several as `authors`.
    pub authors: Vec<String>,
    pub dateline: Option<String>,
    pub summary: Option<String>,
    pub tags: Vec<String>,
    pub locations: Vec<String>,
    pub draft: bool,
    pub body: String,
    pub format: BodyFormat,
    /// For imported copy: the digest of the copy it came from (`source_digest`), by which
    /// `newsdesk import` knows the same copy when it comes in again.
    pub source_digest: Option<String>,
}

impl ArticleFile {
    /// The file's text: `+++`, the front matter, `+++`, the body.
    pub fn text(&self) -> String {
        let mut out = String::from("+++\n");
        let mut set = |key: &str, value: String| out.push_str(&format!("{key} = {value}\n"));
        let string = |s: &str| toml::Value::from(s).to_string();
        let list = |items: &[String]| {
            toml::Value::Array(
                items
                    .iter()
                    .map(|s| toml::Value::from(s.as_str()))
                    .collect(),
            )
            .to_string()
        };
        set("title", string(&self.title));
        set("date", self.date.to_string());
        match self.authors.as_slice() {
            [] => {}
            [one] => set("byline", string(one)),
            several => set("authors", list(several)),
        }
        if let Some(dateline) = &self.dateline {
            set("dateline", string(dateline));
        }
        if let Some(summary) = &self.summary {
            set("summary", string(summary));
        }
        set("tags", list(&self.tags));
        set("locations", list(&self.locations));
        if self.draft {
            set("draft", "true".to_string());
        }
        if let Some(digest) = &self.source_digest {
            set("source_digest", string(digest));
        }
        out.push_str("+++\n");
        out.push_str(&self.body);
        out
    }

    /// The file name without its extension: `2025-05-28-sharif-hails-bond`, the day in the
    /// site's time zone and the headline's slug (cut at a word; `story` when it has none).
    pub fn stem(&self, settings: &Settings) -> String {
        let day = match dates::from_toml(&self.date, &settings.timezone) {
            Ok(z) => z.strftime("%Y-%m-%d").to_string(),
            Err(_) => self.date.date.map(|d| d.to_string()).unwrap_or_default(),
        };
        let slug = short_slug(&self.title);
        let slug = if slug.is_empty() { "story" } else { &slug };
        format!("{day}-{slug}")
    }

    /// The file's extension: `md` for Markdown, `txt` for wire copy.
    pub fn extension(&self) -> &'static str {
        match self.format {
            BodyFormat::Markdown => "md",
            BodyFormat::Wire => "txt",
        }
    }
}

/// A moment as a front-matter date, to the minute: `2025-05-28T18:30:00+04:00`.
pub fn minute(now: &Zoned) -> toml::value::Datetime {
    now.strftime("%Y-%m-%dT%H:%M:00%:z")
        .to_string()
        .parse()
        .expect("an RFC 3339 time is a TOML datetime")
}

/// The folder of a section under content/ (`Middle East` -> `content/middle-east`). Refused
/// when the name has no letters or digits, or when its address is one of the site's own
/// (`/tags/`, `/archive/` ...), which the build would refuse.
pub fn section_folder(root: &Path, section: &str) -> Result<PathBuf, SectionError> {
    let slug = slugify(section);
    if slug.is_empty() {
        return Err(SectionError::Empty(section.to_string()));
    }
    let url = TermKind::Section.url(&slug);
    if SITE_PAGES.iter().any(|(_, page)| *page == url) {
        return Err(SectionError::Reserved {
            name: section.trim().to_string(),
            slug,
        });
    }
    Ok(root.join("content").join(slug))
}

/// The name a file called after the placeholder headline (`2025-05-28-headline-needed-2.txt`)
/// should have now that its headline is `title`: the same folder, day and extension, the
/// headline's slug, numbered when taken. `None` when its name has no placeholder in it.
pub fn named_after(path: &Path, title: &str) -> Option<PathBuf> {
    let stem = path.file_stem()?.to_str()?;
    let day = &stem[..stem.find(&placeholder_slug())?];
    let slug = short_slug(title);
    let slug = if slug.is_empty() { "story" } else { &slug };
    let ext = path.extension()?.to_str()?;
    Some(numbered(
        path.parent().unwrap_or(Path::new("")),
        &format!("{day}{slug}"),
        ext,
    ))
}

/// The slug of a headline, cut at a word to at most [`MAX_SLUG`] characters.
fn short_slug(title: &str) -> String {
    let slug = slugify(title);
    if slug.len() <= MAX_SLUG {
        return slug;
    }
    let cut = slug[..=MAX_SLUG].rfind('-').unwrap_or(MAX_SLUG);
    slug[..cut].to_string()
}

/// The article file of this stem in `dir`, in either format: both would have one address.
pub fn existing(dir: &Path, stem: &str) -> Option<PathBuf> {
    ["md", "txt"]
        .iter()
        .map(|ext| dir.join(format!("{stem}.{ext}")))
        .find(|p| p.exists())
}

/// A path for a new article `stem.ext` in `dir` that no article has: `stem-2`, `stem-3`, ...
/// when the stem is taken (a second story with the same headline on the same day).
pub fn numbered(dir: &Path, stem: &str, ext: &str) -> PathBuf {
    let free = std::iter::once(stem.to_string())
        .chain((2..).map(|n| format!("{stem}-{n}")))
        .find(|s| existing(dir, s).is_none())
        .expect("some number is free");
    dir.join(format!("{free}.{ext}"))
}

/// Writes a new file, never replacing one (not even one that appeared a moment ago).
pub fn create(path: &Path, text: &str) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(text.as_bytes())
}

/// The article as the build will read it from `path` (which need not exist yet): its address,
/// and any problem the build would have with it.
pub fn as_built(
    root: &Path,
    path: &Path,
    text: &str,
    settings: &Settings,
) -> Result<Article, Vec<Diagnostic>> {
    let content = root.join("content");
    article::parse(
        &relative(root, path),
        &relative(&content, path),
        text.as_bytes(),
        settings,
        &mut Vec::new(),
        &mut Vec::new(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(title: &str) -> ArticleFile {
        ArticleFile {
            title: title.to_string(),
            date: "2025-05-28T18:30:00+04:00".parse().unwrap(),
            authors: vec!["Amina Khan".into(), "Omar \"Om\" Rahman".into()],
            dateline: Some("Baku".into()),
            summary: None,
            tags: vec![],
            locations: vec!["Lachin".into()],
            draft: true,
            body: "BAKU: Text.\n".into(),
            format: BodyFormat::Wire,
            source_digest: None,
        }
    }

    #[test]
    fn front_matter_is_toml_the_build_reads_back() {
        let f = file("'Our hearts beat together': Sharif \\ hails bond");
        let text = f.text();
        let settings = Settings::parse("timezone = \"Asia/Baku\"", &mut Vec::new());
        let a = as_built(
            Path::new("/site"),
            Path::new("/site/content/world/x.txt"),
            &text,
            &settings,
        )
        .unwrap();
        // As written, with a body's punctuation.
        assert_eq!(a.title, crate::site::body::smart(&f.title));
        assert_eq!(a.authors[1].text, "Omar \"Om\" Rahman");
        assert!(a.draft);
        assert_eq!(a.url, "/2025/05/28/x/");
        assert_eq!(
            f.stem(&settings),
            "2025-05-28-our-hearts-beat-together-sharif-hails-bond"
        );
    }

    #[test]
    fn long_headlines_make_short_file_names() {
        let long =
            "A very long headline that goes on and on about the many things that happened today";
        let slug = short_slug(long);
        assert!(slug.len() <= MAX_SLUG && !slug.ends_with('-'), "{slug}");
        assert!(long.to_lowercase().replace(' ', "-").starts_with(&slug));
    }
}
