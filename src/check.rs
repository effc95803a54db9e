//! `newsdesk check`: everything the build checks, without writing anything, and what a desk
//! editor would catch besides: links in article bodies to pages the site does not have or to
//! `#anchors` not on their page, images missing from static/ or without alt text, gazetteer
//! places no article is about, and tags used by one article that look like a typo of another.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::LazyLock;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use rayon::prelude::*;
use regex::Regex;

use crate::build::render_in_memory;
use crate::diagnostics::{Diagnostic, Report};
use crate::plan::Page;
use crate::render::body::{bare_urls, markdown_options};
use crate::site::article::{self, Article, BodyFormat};
use crate::site::gazetteer::{self, Gazetteer};
use crate::site::settings::key_offset;
use crate::site::{LoadOptions, Site, closest};

/// What a check looked at.
#[derive(Debug)]
pub struct Checked {
    pub articles: usize,
    pub pages: usize,
}

static ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\sid\s*=\s*"([^"]*)""#).expect("id pattern compiles"));
static HTML_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?is)<(a|img)\b[^>]*>").expect("HTML tag pattern compiles"));
static ATTRIBUTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?is)\s([a-z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))"#)
        .expect("attribute pattern compiles")
});

/// Checks the site in `root`. Every problem is in `report`; `None` means the site would not
/// build (the build's own errors are in `report`) and the further checks did not run.
pub fn check(root: &Path, load: &LoadOptions, report: &mut Report) -> Option<Checked> {
    let rendered = render_in_memory(root, load, report, |page, text| {
        page.file()
            .ends_with(".html")
            .then(|| ID.captures_iter(text).map(|c| c[1].to_string()).collect())
    })?;
    let site = &rendered.site;
    let targets = Targets::new(root, &rendered.pages, rendered.outputs);
    let single_use = tag_typos(site);
    let found: Vec<Diagnostic> = (0..site.articles.len())
        .into_par_iter()
        .flat_map_iter(|i| check_article(site, &targets, &single_use, i))
        .collect();
    report.extend(found);
    report.extend(unused_places(root, site));
    Some(Checked {
        articles: site.articles.len(),
        pages: rendered.pages.len(),
    })
}

/// What a link can point at: the site's pages (with the ids on each) and its static files.
struct Targets {
    pages: HashMap<String, Option<HashSet<String>>>,
    files: HashSet<String>,
    /// Every address, for "did you mean".
    all: Vec<String>,
}

impl Targets {
    fn new(root: &Path, pages: &[Page], ids: Vec<Option<HashSet<String>>>) -> Targets {
        let pages: HashMap<String, Option<HashSet<String>>> =
            pages.iter().map(|p| p.url.clone()).zip(ids).collect();
        // The static files the build copies (links inside the site followed).
        let mut files: HashSet<String> = crate::site::files::static_files(root, &mut Vec::new())
            .into_iter()
            .map(|f| format!("/{}", f.output))
            .collect();
        files.insert("/style.css".to_string());
        let mut all: Vec<String> = pages.keys().chain(&files).cloned().collect();
        all.sort();
        Targets { pages, files, all }
    }

    /// The problem with a link to `path#fragment`, if any.
    fn problem(&self, path: &str, fragment: Option<&str>) -> Option<(String, String)> {
        let page = self.pages.get(path).or_else(|| {
            path.strip_suffix("index.html")
                .and_then(|p| self.pages.get(p))
        });
        match (page, fragment) {
            (Some(Some(ids)), Some(f)) if !f.is_empty() && !ids.contains(f) => Some((
                format!("the page {path} has no anchor #{f}"),
                format!("link to an id that is on that page, or to {path} without #{f}"),
            )),
            (Some(_), _) => None,
            (None, _) if self.files.contains(path) => None,
            (None, _) if self.pages.contains_key(&format!("{path}/")) => Some((
                format!("{path} is not an address of the site; {path}/ is"),
                format!("end the address with /: {path}/"),
            )),
            (None, _) => {
                let known: Vec<&str> = self.all.iter().map(String::as_str).collect();
                let help = match closest(path, &known) {
                    Some(near) => format!("did you mean {near}?"),
                    None => "fix the address, or remove the link (an article that is a draft, scheduled or expired has no page)".to_string(),
                };
                Some((format!("the site has no page {path}"), help))
            }
        }
    }
}

/// A link of an article's body to the site itself: the path and the `#fragment`. `None` for
/// links that leave the site (another host, `mailto:`), which are not checked.
fn resolve<'a>(href: &'a str, base_url: &str, page: &str) -> Option<(String, Option<&'a str>)> {
    let href = href.trim();
    let href =
        match href.strip_prefix(base_url) {
            Some(rest)
                if !base_url.is_empty()
                    && (rest.is_empty() || rest.starts_with(['/', '#', '?'])) =>
            {
                if rest.is_empty() { "/" } else { rest }
            }
            _ => href,
        };
    let scheme = href
        .split_once(':')
        .is_some_and(|(s, _)| !s.is_empty() && !s.contains(['/', '?', '#']));
    if href.is_empty() || scheme || href.starts_with("//") {
        return None;
    }
    let (rest, fragment) = match href.split_once('#') {
        Some((r, f)) => (r, Some(f)),
        None => (href, None),
    };
    let path = rest.split('?').next().unwrap_or_default();
    let joined = if path.is_empty() {
        page.to_string()
    } else if path.starts_with('/') {
        path.to_string()
    } else {
        format!("{}{path}", &page[..page.rfind('/').map_or(0, |i| i + 1)])
    };
    // `.` and `..` segments, as a browser resolves them.
    let mut segments: Vec<&str> = Vec::new();
    let parts: Vec<&str> = joined.split('/').collect();
    for (i, seg) in parts.iter().enumerate() {
        match *seg {
            "." => {}
            ".." => {
                segments.pop();
            }
            "" if i > 0 && i + 1 < parts.len() => {}
            s => segments.push(s),
        }
    }
    let mut path = segments.join("/");
    if !path.starts_with('/') {
        path.insert(0, '/');
    }
    if (joined.ends_with('/') || joined.ends_with("/.") || joined.ends_with("/.."))
        && !path.ends_with('/')
    {
        path.push('/');
    }
    Some((path, fragment))
}

/// What an article's body links to or shows, with its byte offset in the body.
enum Found {
    Link(usize, String),
    Image {
        at: usize,
        src: String,
        /// `None` for an HTML `<img>` without an `alt` attribute.
        alt: Option<String>,
        /// Written `![alt](src)` rather than `<img>`.
        markdown: bool,
    },
}

/// The links and images of a Markdown body (raw HTML `<a>` and `<img>` included).
fn markdown_targets(body: &str) -> Vec<Found> {
    let mut out = Vec::new();
    let mut image: Option<(usize, String, String)> = None;
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                out.push(Found::Link(range.start, dest_url.to_string()))
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                image = Some((range.start, dest_url.to_string(), String::new()))
            }
            Event::Text(t) | Event::Code(t) if image.is_some() => {
                if let Some((_, _, alt)) = &mut image {
                    alt.push_str(&t);
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some((at, src, alt)) = image.take() {
                    out.push(Found::Image {
                        at,
                        src,
                        alt: Some(alt),
                        markdown: true,
                    });
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                for tag in HTML_TAG.captures_iter(&html) {
                    let whole = tag.get(0).expect("a match has a whole");
                    let attr = |name: &str| {
                        ATTRIBUTE.captures_iter(whole.as_str()).find_map(|c| {
                            c[1].eq_ignore_ascii_case(name).then(|| {
                                c.get(2)
                                    .or(c.get(3))
                                    .or(c.get(4))
                                    .map_or(String::new(), |m| m.as_str().to_string())
                            })
                        })
                    };
                    let at = range.start + whole.start();
                    if tag[1].eq_ignore_ascii_case("img") {
                        if let Some(src) = attr("src") {
                            out.push(Found::Image {
                                at,
                                src,
                                alt: attr("alt"),
                                markdown: false,
                            });
                        }
                    } else if let Some(href) = attr("href") {
                        out.push(Found::Link(at, href));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The bare addresses of a wire body (the ones the build turns into links).
fn wire_targets(body: &str) -> Vec<Found> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        for url in bare_urls(line) {
            out.push(Found::Link(offset + url.start, line[url].to_string()));
        }
        offset += line.len();
    }
    out
}

/// The problems of one article's body and tags, placed at their lines of its file.
fn check_article(
    site: &Site,
    targets: &Targets,
    tag_typos: &HashMap<&str, (&str, usize)>,
    i: usize,
) -> Vec<Diagnostic> {
    let a: &Article = &site.articles[i];
    let Ok(text) = std::fs::read_to_string(site.root.join(&a.source)) else {
        return Vec::new();
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let Ok(parts) = article::split(text) else {
        return Vec::new();
    };
    let here = |d: Diagnostic, offset: usize| d.at_offset(text, offset);
    let base = &site.settings.base_url;
    let found = match BodyFormat::of(&a.source) {
        Some(BodyFormat::Wire) => wire_targets(parts.body),
        _ => markdown_targets(parts.body),
    };
    let mut out = Vec::new();
    for f in found {
        match f {
            Found::Link(at, href) => {
                let Some((path, fragment)) = resolve(&href, base, &a.url) else {
                    continue;
                };
                if let Some((message, help)) = targets.problem(&path, fragment) {
                    out.push(here(
                        Diagnostic::error(&a.source, format!("broken link to {href}: {message}"))
                            .help(help),
                        parts.body_offset + at,
                    ));
                }
            }
            Found::Image {
                at,
                src,
                alt,
                markdown,
            } => {
                let at = parts.body_offset + at;
                // `![](x.png)` has no alt text; an HTML `<img alt="">` is decorative on purpose.
                let missing = match &alt {
                    None => true,
                    Some(t) => markdown && t.trim().is_empty(),
                };
                if missing {
                    let help = if markdown {
                        "write what the picture shows between the brackets: ![Crowds on the Baku boulevard](/images/baku.jpg)"
                    } else {
                        "add alt=\"...\": what the picture shows, for readers who cannot see it (alt=\"\" only for a decorative image)"
                    };
                    out.push(here(
                        Diagnostic::error(&a.source, format!("the image {src} has no alt text"))
                            .help(help),
                        at,
                    ));
                }
                let Some((path, _)) = resolve(&src, base, &a.url) else {
                    continue;
                };
                if !targets.files.contains(&path) {
                    out.push(here(
                        Diagnostic::error(&a.source, format!("the image {src} is not in static/"))
                            .help(format!("put the file at static{path}, or fix the path")),
                        at,
                    ));
                }
            }
        }
    }
    for tag in &a.tags {
        if let Some((near, uses)) = tag_typos.get(tag.slug.as_str()) {
            let mut d = Diagnostic::warning(
                &a.source,
                format!("the tag `{}` is used by this article only; did you mean `{near}` ({uses} articles)?", tag.text),
            )
            .help(format!("a tag used once is often a typo: write `{near}` to put the article on that tag's page"));
            if let Some(key) = key_offset(parts.front, "tags") {
                let at = parts.front[key..].find(&tag.text).map_or(key, |o| key + o);
                d = d.at_offset(text, parts.front_offset + at);
            }
            out.push(d);
        }
    }
    out
}

/// Tags used by one article that are near another tag: slug -> (the other tag's name, its
/// number of articles).
fn tag_typos(site: &Site) -> HashMap<&str, (&str, usize)> {
    let terms = &site.tags.terms;
    let slugs: Vec<&str> = terms.iter().map(|t| t.slug.as_str()).collect();
    terms
        .iter()
        .filter(|t| t.articles.len() == 1)
        .filter_map(|t| {
            let others: Vec<&str> = slugs.iter().copied().filter(|s| *s != t.slug).collect();
            let near = site.tags.get(closest(&t.slug, &others)?)?;
            Some((t.slug.as_str(), (near.name.as_str(), near.articles.len())))
        })
        .collect()
}

/// Places in the gazetteer that no published article is about, directly or through a place
/// inside them.
fn unused_places(root: &Path, site: &Site) -> Vec<Diagnostic> {
    let gazetteer = Gazetteer::load(root, &mut Vec::new());
    let mut unused: Vec<(usize, &str)> = gazetteer
        .places()
        .filter(|(slug, _)| site.places.places.get(slug).is_none())
        .filter_map(|(_, p)| Some((p.line?, p.name.as_str())))
        .collect();
    unused.sort();
    unused
        .into_iter()
        .map(|(line, name)| {
            Diagnostic::warning(
                gazetteer::PATH,
                format!("no article is about `{name}`, so it has no page"),
            )
            .at(line, 1)
            .help(format!(
                "name it in an article's locations, or remove it from {}",
                gazetteer::PATH
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_like_a_browser_and_leave_other_sites_alone() {
        let page = "/2025/05/28/story/";
        let base = "https://news.example.com";
        let r = |h: &str| resolve(h, base, page).map(|(p, f)| (p, f.map(str::to_string)));
        assert_eq!(r("/tags/energy/"), Some(("/tags/energy/".into(), None)));
        assert_eq!(
            r("#corrections"),
            Some((page.into(), Some("corrections".into())))
        );
        assert_eq!(r("../other/"), Some(("/2025/05/28/other/".into(), None)));
        assert_eq!(
            r("https://news.example.com/world/?page=2"),
            Some(("/world/".into(), None))
        );
        assert_eq!(r("https://news.example.com"), Some(("/".into(), None)));
        assert_eq!(r("https://example.org/x/"), None);
        assert_eq!(r("mailto:desk@example.com"), None);
        assert_eq!(r("//cdn.example.org/x.js"), None);
        assert_eq!(r("/images/a.png"), Some(("/images/a.png".into(), None)));
    }

    #[test]
    fn bodies_give_their_links_and_images_with_offsets() {
        let body =
            "See [the map](/locations/baku/#top) and ![](/images/x.png).\n\n<img src=\"/y.png\">\n";
        let found = markdown_targets(body);
        let summary: Vec<String> = found
            .iter()
            .map(|f| match f {
                Found::Link(at, href) => format!("link {at} {href}"),
                Found::Image { at, src, alt, .. } => format!("image {at} {src} {alt:?}"),
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                "link 4 /locations/baku/#top",
                "image 40 /images/x.png Some(\"\")",
                "image 61 /y.png None"
            ]
        );
        let wire = wire_targets("One.\nSee https://news.example.com/x/.\n");
        assert!(matches!(&wire[0], Found::Link(9, u) if u == "https://news.example.com/x/"));
    }
}
