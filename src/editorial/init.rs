//! A new site that builds at once (`newsdesk init`): site.toml with every setting explained,
//! one sample article, a small gazetteer, the stylesheet and a .gitignore. No templates: the built-in theme
//! is in the binary.

use std::path::{Path, PathBuf};

use jiff::ZonedDateTime as Zoned;

use crate::editorial::article_file::{create, minute};
use crate::render::theme::STYLESHEET;

/// Why a new site could not be made.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    #[error("{0} is not empty")]
    NotEmpty(PathBuf),
    #[error("{0} is a file")]
    IsFile(PathBuf),
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Makes a new site in `dir` (created when missing; refused when it has anything in it),
/// with the sample article dated `now`. Returns the files written, relative to `dir`.
pub fn init(dir: &Path, now: &Zoned) -> Result<Vec<PathBuf>, InitError> {
    if dir.is_file() {
        return Err(InitError::IsFile(dir.to_path_buf()));
    }
    let has_files = std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some());
    if has_files {
        return Err(InitError::NotEmpty(dir.to_path_buf()));
    }
    let date = minute(now);
    let day = now.strftime("%Y-%m-%d");
    let files = [
        ("site.toml".to_string(), SITE_TOML.to_string()),
        ("content/_locations.toml".to_string(), GAZETTEER.to_string()),
        (
            format!("content/news/{day}-welcome.md"),
            SAMPLE.replace("{date}", &date.to_string()),
        ),
        ("static/style.css".to_string(), STYLESHEET.to_string()),
        (".gitignore".to_string(), GITIGNORE.to_string()),
    ];
    let mut written = Vec::new();
    for (name, text) in files {
        let path = dir.join(&name);
        create(&path, &text).map_err(|source| InitError::Write {
            path: path.clone(),
            source,
        })?;
        written.push(PathBuf::from(name));
    }
    Ok(written)
}

const SITE_TOML: &str = r#"# The site's settings. Every one is optional: a setting left out (or commented out with #)
# takes the default shown.

# The site's name: the masthead, page titles and feeds.
title = "News"
# A line about the site: the front page's description and the feeds' subtitle.
description = "A new site made with newsdesk."
# Where the site is published, without a trailing /: feeds, sitemaps and metadata link to it.
base_url = "http://localhost:1111"
# The language of the articles, as an IETF tag ("en", "az", "ur").
language = "en"
# The time zone of dates written without an offset, and of the times readers see (IANA name).
timezone = "UTC"
# The zone's name readers see after a time ("18:30 Baku time"); default: its abbreviation
# where it has one in letters (GMT, BST), else its offset (UTC+4).
# timezone_label = "Baku time"
# An article's address; placeholders :year :month :day :section :slug.
permalink = "/:year/:month/:day/:slug/"
# Articles on each list page (front page, sections, tags, places, authors, archive).
per_page = 20
# Articles in each Atom feed.
feed_items = 20
# The publisher in NewsArticle metadata and the Google News sitemap (default: the title).
# publisher = "News"
# The publisher's logo: a path under static/ or a URL.
# logo = "/logo.png"
# The sections in navigation order (folder names under content/); sections not named
# follow by number of articles.
# sections = ["news", "world"]
# Which feeds carry whole stories: "sections" (the site's feed and each section's; tag,
# place and author feeds carry the standfirst and the link), "all" or "none".
# full_text_feeds = "sections"
# The newsroom's own pages elsewhere, for the home page's organization metadata (sameAs).
# same_as = ["https://example.social/@news"]
# images: how photos are published (JPEG, PNG and WebP files of static/, and those beside
# an article that it shows): resized copies at these widths (never enlarged), WebP beside
# each photo's own format, at this quality; a photo of more pixels than max_pixels is
# refused. A table: it goes last.
# [images]
# widths = [480, 800, 1200, 1600]
# quality = 80
# formats = ["webp"]
# max_pixels = 100_000_000
# search: a search page at /search/ and its index, read in the reader's browser (off
# unless turned on). A table: it goes last.
# [search]
# enabled = true
# policies: where the newsroom's policies are published (site paths, such as standing pages
# of content/_pages/, or https:// addresses), for the home page's NewsMediaOrganization
# metadata, which every article names as its publisher. A table: it goes last.
# [policies]
# ethics = "/ethics/"
# corrections = "/corrections-policy/"
# masthead = "/about/"
# contact = "/about/"
"#;

/// What a site's repository leaves out: the built site and the build cache.
const GITIGNORE: &str = "# The built site, and the build cache (made again by the next build).\n/public/\n/.newsdesk/\n";

const GAZETTEER: &str = r#"# The gazetteer: which place lies in which, and other names of the same place.
# A story about Baku is also on the pages of Azerbaijan and the South Caucasus.

[Baku]
in = "Azerbaijan"
aliases = ["Bakı"]

[Azerbaijan]
in = "South Caucasus"
"#;

const SAMPLE: &str = r#"+++
title = "Our news desk is open"
date = {date}
byline = "News Desk"
summary = "A sample article: edit it, or delete it once the first real story is in."
tags = ["Announcements"]
+++
BAKU: This is the first article of a new site. The front matter between the two `+++` lines above gives its headline, date, byline, standfirst and tags; the dateline that opens this paragraph makes it a story from Baku, so it is also listed under [Azerbaijan](/locations/azerbaijan/).

## Next

- `newsdesk new "Headline"` starts a draft in `content/news/`: write the story in place of its placeholder line, then delete its `draft = true` line to publish it.
- `newsdesk import story.txt` turns raw wire copy into an article.
- `newsdesk check` looks for broken links, missing images and likely typos.
- `newsdesk build` writes the site to `public/`.
- `newsdesk theme list` names the templates the site is drawn with; `newsdesk theme eject article.html` copies one into `templates/` to change it.
"#;
