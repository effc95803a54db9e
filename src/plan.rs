//! The plan: every page the site has, what kind it is and which articles it shows.

pub mod front;
mod owners;

use crate::diagnostics::Diagnostic;
use crate::search;
use crate::site::index::TermKind;
use crate::site::{Site, dates};
use owners::{Owner, Owners};

/// Where a term's pages are: the URL rules of the taxonomies.
impl TermKind {
    /// The path of a term's page.
    pub fn url(self, slug: &str) -> String {
        match self {
            TermKind::Section => format!("/{slug}/"),
            TermKind::Tag => format!("/tags/{slug}/"),
            TermKind::Place => format!("/locations/{slug}/"),
            TermKind::Author => format!("/authors/{slug}/"),
            TermKind::Month => format!("/archive/{slug}/"),
        }
    }

    /// The path of a term's Atom feed.
    pub fn feed_url(self, slug: &str) -> String {
        format!("{}feed.xml", self.url(slug))
    }

    /// Whether the terms of this kind have a feed.
    pub fn has_feed(self) -> bool {
        self != TermKind::Month
    }

    /// What the term is called in messages ("tag", "section" ...).
    fn noun(self) -> &'static str {
        match self {
            TermKind::Section => "section",
            TermKind::Tag => "tag",
            TermKind::Place => "place",
            TermKind::Author => "author",
            TermKind::Month => "month",
        }
    }
}

/// What a page is; each kind has its template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Home,
    Article,
    Section,
    Tags,
    Tag,
    Locations,
    Location,
    Authors,
    Author,
    Archive,
    Month,
    Corrections,
    NotFound,
    /// An Atom feed: the site's, or a section's, tag's, place's or author's.
    Feed,
    /// `/sitemap.xml`, or one of its files when the site has more than 50,000 pages.
    Sitemap,
    /// `/sitemap.xml` as an index of sitemap files.
    SitemapIndex,
    NewsSitemap,
    Robots,
    Redirects,
    /// An old address of an article, redirecting to it.
    Alias,
    /// A standing page of `content/_pages/` (about us, a policy).
    Standing,
    /// `/search/`: the search page, whose index the build writes beside it (SPEC 9.5).
    Search,
}

impl PageKind {
    pub fn template(self) -> &'static str {
        match self {
            PageKind::Home => "index.html",
            PageKind::Article => "article.html",
            PageKind::Section => "section.html",
            PageKind::Tags => "tags.html",
            PageKind::Tag => "tag.html",
            PageKind::Locations => "locations.html",
            PageKind::Location => "location.html",
            PageKind::Authors => "authors.html",
            PageKind::Author => "author.html",
            PageKind::Archive => "archive.html",
            PageKind::Month => "month.html",
            PageKind::Corrections => "corrections.html",
            PageKind::NotFound => "404.html",
            PageKind::Feed => "feed.xml",
            PageKind::Sitemap => "sitemap.xml",
            PageKind::SitemapIndex => "sitemap-index.xml",
            PageKind::NewsSitemap => "news-sitemap.xml",
            PageKind::Alias => "redirect.html",
            PageKind::Standing => "page.html",
            PageKind::Search => "search.html",
            // Written by newsdesk itself, not through a template.
            PageKind::Robots | PageKind::Redirects => "",
        }
    }

    /// The name templates see as `page.kind`.
    pub fn name(self) -> &'static str {
        match self {
            PageKind::Home => "home",
            PageKind::Article => "article",
            PageKind::Section => "section",
            PageKind::Tags => "tags",
            PageKind::Tag => "tag",
            PageKind::Locations => "locations",
            PageKind::Location => "location",
            PageKind::Authors => "authors",
            PageKind::Author => "author",
            PageKind::Archive => "archive",
            PageKind::Month => "month",
            PageKind::Corrections => "corrections",
            PageKind::NotFound => "404",
            PageKind::Feed => "feed",
            PageKind::Sitemap => "sitemap",
            PageKind::SitemapIndex => "sitemap-index",
            PageKind::NewsSitemap => "news-sitemap",
            PageKind::Robots => "robots",
            PageKind::Redirects => "redirects",
            PageKind::Alias => "alias",
            PageKind::Standing => "page",
            PageKind::Search => "search",
        }
    }

    /// Whether the page is an HTML page a reader visits (and so is in the sitemap).
    pub fn is_listed(self) -> bool {
        matches!(
            self,
            PageKind::Home
                | PageKind::Article
                | PageKind::Section
                | PageKind::Tags
                | PageKind::Tag
                | PageKind::Locations
                | PageKind::Location
                | PageKind::Authors
                | PageKind::Author
                | PageKind::Archive
                | PageKind::Month
                | PageKind::Corrections
                | PageKind::Standing
        )
    }
}

/// One page of a paginated list.
#[derive(Debug, Clone)]
pub struct Pagination {
    /// The list's first page (`/tags/energy/`); page N is `<base>page/N/`.
    pub base: String,
    pub current: usize,
    pub total: usize,
    pub total_articles: usize,
}

impl Pagination {
    pub fn url_of(&self, number: usize) -> String {
        page_url(&self.base, number)
    }
}

/// The path of page `number` of a list whose first page is `base`.
pub fn page_url(base: &str, number: usize) -> String {
    if number <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{number}/")
    }
}

/// A page to render, with the inputs it is made from.
#[derive(Debug, Clone)]
pub struct Page {
    pub url: String,
    pub kind: PageKind,
    /// The term a term page is about.
    pub term: Option<(TermKind, String)>,
    /// The articles it shows: the article itself, or this list page's articles (newest first).
    pub articles: Vec<usize>,
    pub pagination: Option<Pagination>,
    /// What only some kinds of page carry.
    pub extra: Extra,
}

/// What only some kinds of page carry.
#[derive(Debug, Clone, Default)]
pub enum Extra {
    #[default]
    None,
    /// An alias page: the path of the article it redirects to.
    Redirect(String),
    /// A sitemap file: its entries.
    Sitemap(Vec<SitemapEntry>),
    /// The sitemap index: the paths of the sitemap files.
    SitemapIndex(Vec<SitemapEntry>),
    /// `/_redirects`: every alias and its article.
    Redirects(Vec<(String, String)>),
    /// `/robots.txt`: the sitemaps to point crawlers at.
    Robots(Vec<String>),
    /// Page 1 of the home page or of a section front: where each of its stories goes.
    Front(front::Layout),
    /// A standing page: its index in the site's standing pages.
    Standing(usize),
}

/// One URL of a sitemap, with when it last changed (RFC 3339).
#[derive(Debug, Clone)]
pub struct SitemapEntry {
    pub url: String,
    pub lastmod: String,
}

/// Sitemap files hold at most this many URLs (sitemaps.org).
pub const SITEMAP_LIMIT: usize = 50_000;

impl Page {
    /// The file the page is written to, relative to the output folder.
    pub fn file(&self) -> String {
        let path = self.url.trim_start_matches('/');
        if self.url.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.to_string()
        }
    }

    fn new(url: impl Into<String>, kind: PageKind) -> Page {
        Page {
            url: url.into(),
            kind,
            term: None,
            articles: Vec::new(),
            pagination: None,
            extra: Extra::None,
        }
    }
}

/// Every page of the site, or the errors that stop the plan: two pages, aliases or static
/// files at one path of the output (see [`Owners`]).
pub fn plan(site: &Site) -> Result<Vec<Page>, Vec<Diagnostic>> {
    let per_page = site.settings.per_page;
    let mut owners = Owners::default();
    let mut pages: Vec<Page> = site
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| Page {
            articles: vec![i],
            ..Page::new(a.url.clone(), PageKind::Article)
        })
        .collect();
    let all: Vec<usize> = (0..site.articles.len()).collect();
    let home = front::front(site, &site.fronts.home, &all, true);
    paginate(&mut pages, PageKind::Home, None, "/", &all, home, per_page);
    pages.push(Page {
        articles: newest(&all, site.settings.feed_items),
        ..Page::new("/feed.xml", PageKind::Feed)
    });
    let lists = [
        (TermKind::Section, PageKind::Section, &site.sections.terms),
        (TermKind::Tag, PageKind::Tag, &site.tags.terms),
        (
            TermKind::Place,
            PageKind::Location,
            &site.places.places.terms,
        ),
        (TermKind::Author, PageKind::Author, &site.authors.terms),
        (TermKind::Month, PageKind::Month, &site.months.terms),
    ];
    for (term_kind, page_kind, terms) in lists {
        for term in terms {
            let base = term_kind.url(&term.slug);
            let term_ref = Some((term_kind, term.slug.clone()));
            let front = match term_kind {
                TermKind::Section => {
                    let picks = site.fronts.sections.get(&term.slug).cloned();
                    front::front(site, &picks.unwrap_or_default(), &term.articles, false)
                }
                _ => None,
            };
            paginate(
                &mut pages,
                page_kind,
                term_ref.clone(),
                &base,
                &term.articles,
                front,
                per_page,
            );
            if term_kind.has_feed() {
                pages.push(Page {
                    term: term_ref,
                    articles: newest(&term.articles, site.settings.feed_items),
                    ..Page::new(term_kind.feed_url(&term.slug), PageKind::Feed)
                });
            }
        }
    }
    for &(kind, url) in SITE_PAGES {
        pages.push(Page::new(url, kind));
    }
    if site.settings.search {
        pages.push(Page::new("/search/", PageKind::Search));
    }
    for (k, standing) in site.pages.iter().enumerate() {
        pages.push(Page {
            extra: Extra::Standing(k),
            ..Page::new(standing.url.clone(), PageKind::Standing)
        });
    }

    let sitemaps = sitemaps(site, &pages);
    pages.extend(sitemaps);
    let mut sitemap_urls = vec!["/sitemap.xml".to_string()];
    let recent = site.recent_news();
    if !recent.is_empty() {
        pages.push(Page {
            articles: recent,
            ..Page::new("/news-sitemap.xml", PageKind::NewsSitemap)
        });
        sitemap_urls.push("/news-sitemap.xml".to_string());
    }
    // A robots.txt of the site's own, in static/, replaces the built-in one.
    if !site.static_files.iter().any(|f| f.output == "robots.txt") {
        pages.push(Page {
            extra: Extra::Robots(sitemap_urls),
            ..Page::new("/robots.txt", PageKind::Robots)
        });
    }
    for page in &pages {
        owners.claim(site, page.file(), &page.url, Owner::of(page));
    }

    let mut aliases: Vec<(String, String)> = Vec::new();
    for (i, a) in site.articles.iter().enumerate() {
        for (k, alias) in a.aliases.iter().enumerate() {
            if alias.starts_with("/page/") {
                let message = format!("alias {alias} is the address of a page of the site");
                owners.errors.push(
                    Owner::Alias(i, k)
                        .diagnostic(site, message)
                        .help("remove it from aliases: /page/N/ are the pages of the home page"),
                );
                continue;
            }
            let page = Page {
                extra: Extra::Redirect(a.url.clone()),
                ..Page::new(alias.clone(), PageKind::Alias)
            };
            if owners.claim(site, page.file(), alias, Owner::Alias(i, k)) {
                aliases.push((alias.clone(), a.url.clone()));
            }
        }
    }
    aliases.sort();
    for (from, to) in &aliases {
        pages.push(Page {
            extra: Extra::Redirect(to.clone()),
            ..Page::new(from.clone(), PageKind::Alias)
        });
    }
    let redirects = Page {
        extra: Extra::Redirects(aliases),
        ..Page::new("/_redirects", PageKind::Redirects)
    };
    owners.claim(
        site,
        redirects.file(),
        &redirects.url,
        Owner::of(&redirects),
    );
    pages.push(redirects);
    if site.settings.search {
        for name in ["meta.json", "search.js"] {
            let file = format!("{}/{name}", search::FOLDER);
            let url = format!("/{file}");
            owners.claim(site, file, &url, Owner::Site(PageKind::Search));
        }
    }
    for (j, file) in site.static_files.iter().enumerate() {
        let url = format!("/{}", file.output);
        // The index's shards and cards are named by their digests, in folders of their own.
        let in_index = ["t/", "d/"]
            .iter()
            .any(|f| file.output.starts_with(&format!("{}/{f}", search::FOLDER)));
        if site.settings.search && in_index {
            let message = format!("{url} is in the folder of the search index");
            owners.errors.push(Owner::Static(j).diagnostic(site, message).help(
                "move it out of static/search/t/ and static/search/d/, or turn search off with [search] enabled = false",
            ));
            continue;
        }
        owners.claim(site, file.output.clone(), &url, Owner::Static(j));
    }
    for (file, (path, copy)) in &site.photos.copies {
        // A photo of static/ at its own path is that static file's.
        let own_static = copy.make == crate::site::photos::Make::Own
            && path.trim_start_matches('/') == file
            && site
                .photos
                .get(path)
                .is_some_and(|p| p.file.starts_with("static"));
        if !own_static {
            owners.claim(
                site,
                file.clone(),
                &format!("/{file}"),
                Owner::Photo(path.clone()),
            );
        }
    }
    owners.check_folders(site);
    if owners.errors.is_empty() {
        Ok(pages)
    } else {
        owners
            .errors
            .sort_by(|a, b| (&a.path, a.line, &a.message).cmp(&(&b.path, b.line, &b.message)));
        Err(owners.errors)
    }
}

/// The site's own pages at fixed addresses, which no section, article or static file can take.
pub const SITE_PAGES: &[(PageKind, &str)] = &[
    (PageKind::Tags, "/tags/"),
    (PageKind::Locations, "/locations/"),
    (PageKind::Authors, "/authors/"),
    (PageKind::Archive, "/archive/"),
    (PageKind::Corrections, "/corrections/"),
    (PageKind::NotFound, "/404.html"),
];

/// The first `n` of a newest-first list.
fn newest(articles: &[usize], n: usize) -> Vec<usize> {
    articles.iter().copied().take(n).collect()
}

/// When a page last changed: its newest article's change, or for pages without articles
/// `site_newest`, the newest change of the whole site.
fn lastmod(site: &Site, articles: &[usize], site_newest: jiff::Timestamp) -> String {
    let ts = articles
        .iter()
        .map(|&i| site.articles[i].modified().timestamp())
        .max()
        .unwrap_or(site_newest);
    dates::rfc3339(&ts.to_zoned_datetime(site.settings.timezone.clone()))
}

/// The sitemap of every page a reader visits: one file, or an index over files of at most
/// 50,000 URLs.
fn sitemaps(site: &Site, pages: &[Page]) -> Vec<Page> {
    let site_newest = site
        .articles
        .iter()
        .map(|a| a.modified().timestamp())
        .max()
        .unwrap_or_else(|| site.now.timestamp());
    let entries: Vec<SitemapEntry> = pages
        .iter()
        .filter(|p| p.kind.is_listed())
        .map(|p| SitemapEntry {
            url: p.url.clone(),
            lastmod: lastmod(site, &p.articles, site_newest),
        })
        .collect();
    split_sitemap(entries, SITEMAP_LIMIT)
}

/// `/sitemap.xml` with every entry, or, past `limit` entries, an index over `/sitemap-N.xml`
/// files of at most `limit` entries each.
fn split_sitemap(entries: Vec<SitemapEntry>, limit: usize) -> Vec<Page> {
    if entries.len() <= limit {
        return vec![Page {
            extra: Extra::Sitemap(entries),
            ..Page::new("/sitemap.xml", PageKind::Sitemap)
        }];
    }
    let mut out = Vec::new();
    let mut files = Vec::new();
    for (n, chunk) in entries.chunks(limit).enumerate() {
        let url = format!("/sitemap-{}.xml", n + 1);
        let newest = chunk
            .iter()
            .map(|e| e.lastmod.as_str())
            .max()
            .unwrap_or_default()
            .to_string();
        files.push(SitemapEntry {
            url: url.clone(),
            lastmod: newest,
        });
        out.push(Page {
            extra: Extra::Sitemap(chunk.to_vec()),
            ..Page::new(url, PageKind::Sitemap)
        });
    }
    out.push(Page {
        extra: Extra::SitemapIndex(files),
        ..Page::new("/sitemap.xml", PageKind::SitemapIndex)
    });
    out
}

/// Adds the pages of one list: `per_page` articles a page, at least one page, no empty page.
/// A front's first page shows what its layout says, and the later pages list the rest of
/// the list (see [`front`]).
fn paginate(
    pages: &mut Vec<Page>,
    kind: PageKind,
    term: Option<(TermKind, String)>,
    base: &str,
    articles: &[usize],
    front: Option<(front::Layout, Vec<usize>)>,
    per_page: usize,
) {
    let (first, later) = match front {
        Some((layout, later)) => (Some(layout), later),
        None => (None, articles.to_vec()),
    };
    let later_pages = later.len().div_ceil(per_page);
    let total = (usize::from(first.is_some()) + later_pages).max(1);
    let mut chunks = later.chunks(per_page);
    for current in 1..=total {
        let (shown, extra) = match (&first, current) {
            (Some(layout), 1) => (layout.stories(), Extra::Front(layout.clone())),
            _ => (chunks.next().unwrap_or_default().to_vec(), Extra::None),
        };
        pages.push(Page {
            term: term.clone(),
            articles: shown,
            pagination: Some(Pagination {
                base: base.to_string(),
                current,
                total,
                total_articles: articles.len(),
            }),
            extra,
            ..Page::new(page_url(base, current), kind)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(n: usize) -> SitemapEntry {
        SitemapEntry {
            url: format!("/{n}/"),
            lastmod: format!("2025-01-{:02}T00:00:00+00:00", n + 1),
        }
    }

    #[test]
    fn a_large_sitemap_becomes_an_index_over_files_within_the_limit() {
        let pages = split_sitemap((0..5).map(entry).collect(), 2);
        let urls: Vec<&str> = pages.iter().map(|p| p.url.as_str()).collect();
        assert_eq!(
            urls,
            vec![
                "/sitemap-1.xml",
                "/sitemap-2.xml",
                "/sitemap-3.xml",
                "/sitemap.xml"
            ]
        );
        let Extra::SitemapIndex(files) = &pages[3].extra else {
            panic!("the last page is the index")
        };
        assert_eq!(
            files.iter().map(|f| f.lastmod.as_str()).collect::<Vec<_>>(),
            vec![
                "2025-01-02T00:00:00+00:00",
                "2025-01-04T00:00:00+00:00",
                "2025-01-05T00:00:00+00:00"
            ]
        );
        let Extra::Sitemap(last) = &pages[2].extra else {
            panic!("a sitemap file")
        };
        assert_eq!(last.len(), 1);
        assert_eq!(split_sitemap((0..2).map(entry).collect(), 2).len(), 1);
    }
}
