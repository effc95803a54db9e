//! `newsdesk check`: everything the build checks, without writing anything, and what a desk
//! editor would catch besides: links in article bodies and standing pages (and the policies of
//! site.toml) to pages the site does not have or to `#anchors` not on their page, images
//! missing from static/ or without alt text, gazetteer places no article is about (a note), tags used by one article that look like a typo of
//! another, and placeholders written by `newsdesk new` and `newsdesk import` that nobody replaced.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::LazyLock;

use rayon::prelude::*;
use regex::Regex;

use crate::build::{prepare, render_pages};
use crate::diagnostics::{Diagnostic, Report, relative};
use crate::editorial::article_file::{TITLE_PLACEHOLDER, named_after, placeholder_slug};
use crate::plan::Page;
use crate::site::article::Article;
use crate::site::body::Reference;
use crate::site::gazetteer::{self, Gazetteer};
use crate::site::{LoadOptions, Site, closest};

/// What a check looked at.
#[derive(Debug)]
pub struct Checked {
    pub articles: usize,
    pub pages: usize,
    /// Things worth knowing that are not problems (gazetteer places no article is about):
    /// `check --verbose` shows them.
    pub notes: Vec<Diagnostic>,
}

static ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\sid\s*=\s*"([^"]*)""#).expect("id pattern compiles"));

/// Checks the site in `root`. Every problem is in `report`; `None` means the site would not
/// build (the build's own errors are in `report`) and the further checks did not run.
pub fn check(root: &Path, load: &LoadOptions, report: &mut Report) -> Option<Checked> {
    let (site, theme, pages) = prepare(root, load, report)?;
    let links = BodyLinks::read(&site);
    let anchors = render_pages(&site, &theme, &pages, report, |page, text| {
        Ok(links.anchors_on(page, text))
    })?;
    report.extend(links.problems(&site, &pages, anchors));
    report.extend(placeholders(&site));
    Some(Checked {
        articles: site.articles.len(),
        pages: pages.len(),
        notes: unused_places(root, &site),
    })
}

/// The links and images of every article's body, read before the pages are rendered and
/// checked against them after: the checks that `build` and `check` share (SPEC 9.7; the
/// build prints what they find as warnings, `check` counts them as errors).
pub struct BodyLinks {
    /// The problems found in the bodies alone (alt text, tag typos), and every link and
    /// image to look up once the site's pages are known, by article.
    articles: Vec<ArticleLinks>,
    /// The same for each standing page, by its index in the site.
    standing: Vec<ArticleLinks>,
    /// The pages linked with a `#fragment`: the only ones whose ids are collected.
    anchored: HashSet<String>,
}

/// One article's body (or a standing page's), as the checks need it.
#[derive(Default)]
struct ArticleLinks {
    found: Vec<Diagnostic>,
    targets: Vec<Target>,
}

/// A link or an image of a body, placed at its line, resolved to a path of the site.
struct Target {
    line: usize,
    column: usize,
    written: String,
    path: String,
    fragment: Option<String>,
    image: bool,
}

impl BodyLinks {
    /// Takes the links and images of every published article's body from the model, where
    /// they were noted when the article was read.
    pub fn read(site: &Site) -> BodyLinks {
        let single_use = tag_typos(site);
        let articles: Vec<ArticleLinks> = (0..site.articles.len())
            .into_par_iter()
            .map(|i| read_article(site, &single_use, i))
            .collect();
        let standing: Vec<ArticleLinks> = site
            .pages
            .iter()
            .map(|p| body_links(&p.source, &p.references, &site.settings.base_url, &p.url))
            .collect();
        let mut anchored = HashSet::new();
        for t in articles.iter().chain(&standing).flat_map(|a| &a.targets) {
            if t.fragment.as_ref().is_some_and(|f| !f.is_empty()) {
                anchored.insert(t.path.clone());
                if let Some(dir) = t.path.strip_suffix("index.html") {
                    anchored.insert(dir.to_string());
                }
            }
        }
        BodyLinks {
            articles,
            standing,
            anchored,
        }
    }

    /// The ids on `page`, rendered as `text`, when a body links to one of them; `None` for
    /// pages no link looks into, which saves reading every page of a large site.
    pub fn anchors_on(&self, page: &Page, text: &str) -> Option<HashSet<String>> {
        self.looks_into(page)
            .then(|| ID.captures_iter(text).map(|c| c[1].to_string()).collect())
    }

    /// Whether a body links into `page` with a `#fragment`: the page's text is then needed,
    /// to read its ids.
    pub fn looks_into(&self, page: &Page) -> bool {
        self.anchored.contains(&page.url) && page.file().ends_with(".html")
    }

    /// Every problem of the bodies, as errors (and tag typos as warnings), given the site's
    /// pages and what [`BodyLinks::anchors_on`] gave for each of them, in the same order.
    pub fn problems(
        &self,
        site: &Site,
        pages: &[Page],
        anchors: Vec<Option<HashSet<String>>>,
    ) -> Vec<Diagnostic> {
        let targets = Targets::new(site, pages, anchors);
        // In parallel: a site with many broken links looks for many "did you mean"s.
        let by_article: Vec<Vec<Diagnostic>> = site
            .articles
            .par_iter()
            .zip(&self.articles)
            .map(|(a, links)| targets.problems_of(&a.source, links))
            .collect();
        let standing = site
            .pages
            .iter()
            .zip(&self.standing)
            .flat_map(|(p, links)| targets.problems_of(&p.source, links));
        // The policies site.toml names are links too: the organization's metadata gives them.
        let policies = site.settings.policies.all().filter_map(|(key, policy)| {
            let path = policy
                .address
                .strip_prefix(&site.settings.base_url)
                .unwrap_or(&policy.address);
            if !path.starts_with('/') {
                return None;
            }
            let (path, fragment) = match path.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (path, None),
            };
            let (message, help) = targets.problem(path, fragment)?;
            Some(
                Diagnostic::error(
                    "site.toml",
                    format!("the {key} policy {}: {message}", policy.address),
                )
                .help(format!(
                    "{help}; a standing page content/_pages/NAME.md is at /NAME/"
                ))
                .at(policy.line, 1),
            )
        });
        by_article
            .into_iter()
            .flatten()
            .chain(standing)
            .chain(policies)
            .collect()
    }
}

/// What a link can point at: the site's pages (with the ids on each) and its static files.
struct Targets {
    pages: HashMap<String, Option<HashSet<String>>>,
    files: HashSet<String>,
    /// Every address, for "did you mean".
    addresses: Addresses,
}

impl Targets {
    fn new(site: &Site, pages: &[Page], ids: Vec<Option<HashSet<String>>>) -> Targets {
        let pages: HashMap<String, Option<HashSet<String>>> =
            pages.iter().map(|p| p.url.clone()).zip(ids).collect();
        // The static files the build copies (links inside the site followed).
        let mut files: HashSet<String> = site
            .static_files
            .iter()
            .map(|f| format!("/{}", f.output))
            .chain(site.photos.copies.keys().map(|f| format!("/{f}")))
            .collect();
        files.insert("/style.css".to_string());
        let addresses = Addresses::new(pages.keys().chain(&files).cloned().collect());
        Targets {
            pages,
            files,
            addresses,
        }
    }

    /// The problems of one article's body: those found in it alone, then each of its links
    /// and images that leads nowhere.
    fn problems_of(&self, source: &Path, links: &ArticleLinks) -> Vec<Diagnostic> {
        let mut out = links.found.clone();
        for t in &links.targets {
            let problem = if t.image {
                (!self.files.contains(&t.path)).then(|| {
                    (
                        format!("the image {} is not in static/", t.written),
                        format!("put the file at static{}, or fix the path", t.path),
                    )
                })
            } else {
                self.problem(&t.path, t.fragment.as_deref())
                    .map(|(message, help)| {
                        (format!("broken link to {}: {message}", t.written), help)
                    })
            };
            if let Some((message, help)) = problem {
                out.push(
                    Diagnostic::error(source, message)
                        .help(help)
                        .at(t.line, t.column),
                );
            }
        }
        out
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
                let help = match self.addresses.closest(path) {
                    Some(near) => format!("did you mean {near}?"),
                    None => "fix the address, or remove the link (an article that is a draft, scheduled or expired has no page)".to_string(),
                };
                Some((format!("the site has no page {path}"), help))
            }
        }
    }
}

/// Every address of the site (pages and static files), found by the folder it is in, by its
/// last segment, and by the folder above. A mistyped address is compared with the addresses
/// of its folder and those with its last segment (a typo in a slug keeps the folder:
/// `/2025/05/28/lachin-vist/`; a wrong day keeps the slug: `/2025/05/27/lachin-visit/`), and
/// when none is near, with those of the folders beside its own (`/2025/05/*/`); never with
/// every page, which on a site with thousands of broken links took minutes.
struct Addresses {
    all: Vec<String>,
    by_folder: HashMap<String, Vec<usize>>,
    by_name: HashMap<String, Vec<usize>>,
    /// By the folder above the address's folder, for addresses deeper than `/x/`.
    by_parent: HashMap<String, Vec<usize>>,
}

impl Addresses {
    fn new(all: Vec<String>) -> Addresses {
        let mut addresses = Addresses {
            all: Vec::new(),
            by_folder: HashMap::new(),
            by_name: HashMap::new(),
            by_parent: HashMap::new(),
        };
        for (i, address) in all.iter().enumerate() {
            let (folder, name) = folder_and_name(address);
            let index = |map: &mut HashMap<String, Vec<usize>>, key: &str| {
                map.entry(key.to_string()).or_default().push(i)
            };
            index(&mut addresses.by_folder, folder);
            index(&mut addresses.by_name, name);
            if let Some(parent) = parent_of(folder) {
                index(&mut addresses.by_parent, parent);
            }
        }
        addresses.all = all;
        addresses
    }

    /// The address nearest to `path` among those in its folder or with its last segment,
    /// else among those in the folders beside its own, when it is near enough to be a
    /// likely typo (see [`closest`]).
    fn closest(&self, path: &str) -> Option<&str> {
        let (folder, name) = folder_and_name(path);
        let nearest = |lists: &[Option<&Vec<usize>>]| {
            let mut near: Vec<usize> = lists.iter().flatten().copied().flatten().copied().collect();
            near.sort_unstable();
            near.dedup();
            let near: Vec<&str> = near.iter().map(|&i| self.all[i].as_str()).collect();
            closest(path, &near)
        };
        nearest(&[self.by_folder.get(folder), self.by_name.get(name)]).or_else(|| {
            let parent = parent_of(folder)?;
            nearest(&[self.by_parent.get(parent)])
        })
    }
}

/// The folder above `folder`, for a folder deeper than `/`: `/2025/05/` for `/2025/05/28/`.
fn parent_of(folder: &str) -> Option<&str> {
    (folder.len() > 1).then(|| folder_and_name(folder).0)
}

/// The folder of an address and its last segment: `/2025/05/28/` and `story` for
/// `/2025/05/28/story/`, `/images/` and `a.png` for `/images/a.png`.
fn folder_and_name(address: &str) -> (&str, &str) {
    let trimmed = address.strip_suffix('/').unwrap_or(address);
    match trimmed.rfind('/') {
        Some(i) => (&trimmed[..=i], &trimmed[i + 1..]),
        None => ("", trimmed),
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

/// The links and images of one body (of the file `source`, at the page `page`), each placed
/// at its line, and the images without alt text.
fn body_links(
    source: &Path,
    references: &[(usize, usize, Reference)],
    base: &str,
    page: &str,
) -> ArticleLinks {
    let mut out = ArticleLinks::default();
    let mut target = |line: usize, column: usize, written: &str, image: bool| {
        if let Some((path, fragment)) = resolve(written, base, page) {
            out.targets.push(Target {
                line,
                column,
                path,
                fragment: fragment.map(str::to_string),
                written: written.to_string(),
                image,
            });
        }
    };
    let mut alt_problems = Vec::new();
    for (line, column, reference) in references {
        match reference {
            Reference::Link(href) => target(*line, *column, href, false),
            Reference::Image { src, alt, markdown } => {
                // `![](x.png)` has no alt text; an HTML `<img alt="">` is decorative on purpose.
                let missing = match alt {
                    None => true,
                    Some(t) => *markdown && t.trim().is_empty(),
                };
                if missing {
                    let help = if *markdown {
                        "write what the picture shows between the brackets: ![Crowds on the Baku boulevard](/images/baku.jpg)"
                    } else {
                        "add alt=\"...\": what the picture shows, for readers who cannot see it (alt=\"\" only for a decorative image)"
                    };
                    alt_problems.push(
                        Diagnostic::error(source, format!("the image {src} has no alt text"))
                            .help(help)
                            .at(*line, *column),
                    );
                }
                target(*line, *column, src, true);
            }
        }
    }
    out.found = alt_problems;
    out
}

/// One article's body: the problems it shows by itself and the links and images to look up.
fn read_article(site: &Site, tag_typos: &HashMap<&str, (&str, usize)>, i: usize) -> ArticleLinks {
    let a: &Article = &site.articles[i];
    let mut out = body_links(
        &a.source,
        &a.marks.references,
        &site.settings.base_url,
        &a.url,
    );
    for (tag, at) in a.tags.iter().zip(&a.marks.tags) {
        if let Some((near, uses)) = tag_typos.get(tag.slug.as_str()) {
            let mut d = Diagnostic::warning(
                &a.source,
                format!("the tag `{}` is used by this article only; did you mean `{near}` ({uses} articles)?", tag.text),
            )
            .help(format!("a tag used once is often a typo: write `{near}` to put the article on that tag's page"));
            if let Some((line, column)) = at {
                d = d.at(*line, *column);
            }
            out.found.push(d);
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

/// The placeholders `newsdesk new` (the body) and `newsdesk import` (the headline, and the file
/// name made from it) write, in every article file, drafts and scheduled stories included: an
/// error in a story that would be published, a warning in a draft (a draft is unfinished work,
/// and never stops anything).
pub fn placeholders(site: &Site) -> Vec<Diagnostic> {
    site.unfinished
        .iter()
        .flat_map(|a| placeholders_in(&site.root, a))
        .collect()
}

/// The placeholders of one article file (see [`placeholders`]).
fn placeholders_in(root: &Path, a: &Article) -> Vec<Diagnostic> {
    let Some(unfinished) = &a.marks.unfinished else {
        return Vec::new();
    };
    let source = &a.source;
    // A draft is unfinished work: its placeholders are warnings. Anywhere else they would be
    // published.
    let problem = |message: String| match a.draft {
        true => Diagnostic::warning(source, message),
        false => Diagnostic::error(source, message),
    };
    let then = match a.draft {
        true => "; then delete `draft = true` to publish it",
        false => ": as it is, the placeholder would be published",
    };
    let mut out = Vec::new();
    for &(line, column) in &unfinished.body {
        out.push(
            problem("the body is still the placeholder written by `newsdesk new`".to_string())
                .at(line, column)
                .help(format!("write the story in place of this line{then}")),
        );
    }
    let (line, column) = unfinished.title;
    if a.title == TITLE_PLACEHOLDER {
        out.push(
            problem(
                "the headline is still the placeholder written by `newsdesk import`".to_string(),
            )
            .at(line, column)
            .help(format!("write the headline: title = \"...\"{then}")),
        );
    } else if a.slug == placeholder_slug()
        || a.slug
            .strip_prefix(&format!("{}-", placeholder_slug()))
            .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
    {
        let help = match named_after(&root.join(source), &a.title) {
            Some(path) => format!(
                "name the file after the headline, which makes the address: mv {} {}",
                relative(Path::new("."), &root.join(source)).display(),
                relative(Path::new("."), &path).display()
            ),
            None => format!(
                "set slug = \"{}\" (the headline's), or another that says what the story is",
                crate::site::slug::slugify(&a.title)
            ),
        };
        out.push(
            problem(format!(
                "the address {} still comes from the placeholder headline, not from \"{}\"",
                a.url, a.title
            ))
            .at(line, column)
            .help(help),
        );
    }
    out
}

/// Places in the gazetteer that no published article is about, directly or through a place
/// inside them: notes, as a gazetteer may well know more places than the desk has covered.
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
    fn mistyped_addresses_are_near_the_pages_of_their_folder_or_their_slug() {
        let all = [
            "/",
            "/world/",
            "/tags/energy/",
            "/tags/elections/",
            "/2025/05/28/lachin-visit/",
            "/2025/05/28/budget-passes/",
            "/2025/05/27/ceasefire-talks/",
            "/images/baku.jpg",
        ];
        let addresses = Addresses::new(all.iter().map(|s| s.to_string()).collect());
        let near = |p: &str| addresses.closest(p);
        assert_eq!(
            near("/2025/05/28/lachin-vist/"),
            Some("/2025/05/28/lachin-visit/")
        );
        assert_eq!(
            near("/2025/05/29/lachin-visit/"),
            Some("/2025/05/28/lachin-visit/")
        );
        assert_eq!(
            near("/2025/5/27/ceasefire-talks/"),
            Some("/2025/05/27/ceasefire-talks/")
        );
        assert_eq!(near("/tags/enrgy/"), Some("/tags/energy/"));
        assert_eq!(near("/wrold/"), Some("/world/"));
        assert_eq!(near("/images/bak.jpg"), Some("/images/baku.jpg"));
        assert_eq!(
            near("/2025/05/30/budget-pases/"),
            Some("/2025/05/28/budget-passes/")
        );
        assert_eq!(near("/sport/cricket-final/"), None);
        assert_eq!(folder_and_name("/"), ("", ""));
        assert_eq!(folder_and_name("/world/"), ("/", "world"));
        assert_eq!(folder_and_name("/archive/story"), ("/archive/", "story"));
        assert_eq!(parent_of("/2025/05/28/"), Some("/2025/05/"));
        assert_eq!(parent_of("/"), None);
    }
}
