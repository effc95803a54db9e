//! The template contract (docs/templates.md): the values templates receive, as Rust types.
//!
//! What each value holds is decided here; which page gets which values, and what each page
//! is made from, is `context`'s business.

use serde::Serialize;

use crate::plan::Pagination;
use crate::render::metadata;
use crate::site::article::Article;
use crate::site::authors::Profile;
use crate::site::index::{Term, TermKind};
use crate::site::pages::{Menu, StandingPage};
use crate::site::{Site, dates};

/// A term as templates see it.
#[derive(Serialize, Clone)]
pub struct TermView<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub url: String,
    pub count: usize,
}

#[derive(Serialize)]
pub struct CorrectionView<'a> {
    pub date: String,
    pub date_display: String,
    pub text: &'a str,
}

#[derive(Serialize)]
pub struct ArticleView<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub permalink: String,
    pub date: String,
    pub date_display: String,
    pub date_short: String,
    /// `18:30 Baku time`: the time of `date` with the zone's name.
    pub time_display: String,
    /// The time of day of `date`: `18:30`.
    pub time: String,
    pub updated: Option<String>,
    pub updated_display: Option<String>,
    /// `updated` when later than `date`, else `date`: for feeds and sitemaps.
    pub modified: String,
    pub summary: &'a str,
    pub dateline: Option<&'a str>,
    /// The text opens with the dateline (marked up in it): the page need not show it twice.
    pub dateline_in_text: bool,
    pub byline: Option<String>,
    pub authors: Vec<TermView<'a>>,
    pub tags: Vec<TermView<'a>>,
    pub locations: Vec<TermView<'a>>,
    pub section: TermView<'a>,
    pub image: Option<&'a str>,
    pub image_url: Option<String>,
    /// The image's size in pixels, when it is a file of static/ whose size could be read.
    pub image_width: Option<u32>,
    pub image_height: Option<u32>,
    pub image_alt: Option<&'a str>,
    pub image_caption: Option<&'a str>,
    pub corrections: Vec<CorrectionView<'a>>,
    /// `news`, `analysis`, `opinion`, `review` or `sponsored` (SPEC 9.2).
    pub kind: &'static str,
    /// The label shown on the story and its cards ("Opinion"); `None` for news, and when the
    /// story's section has the label's name.
    pub kind_label: Option<&'static str>,
    pub draft: bool,
    pub words: usize,
    pub reading_minutes: usize,
}

#[derive(Serialize, Clone)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub base_url: &'a str,
    pub language: &'a str,
    pub timezone: &'a str,
    pub publisher: &'a str,
    pub logo: Option<&'a str>,
    /// The day of the newest story: the masthead's date.
    pub edition: String,
    pub edition_display: String,
    pub now: String,
    pub now_display: String,
    pub year: i16,
    pub per_page: usize,
    pub feed_items: usize,
    pub sections: Vec<TermView<'a>>,
    /// The breaking-news strip of `_fronts.toml`, while it runs.
    pub breaking: Option<BreakingView<'a>>,
    /// The standing pages listed in the header and footer menus.
    pub menu: MenuView<'a>,
}

/// The breaking-news strip, as every page shows it.
#[derive(Serialize, Clone)]
pub struct BreakingView<'a> {
    pub text: &'a str,
    pub url: Option<&'a str>,
    /// When it ends (RFC 3339), and the same for readers.
    pub until: String,
    pub until_display: String,
}

/// The strip while it runs.
pub fn breaking_view(site: &Site) -> Option<BreakingView<'_>> {
    site.fronts.breaking.as_ref().map(|b| BreakingView {
        text: &b.text,
        url: b.url.as_deref(),
        until: dates::rfc3339(&b.until),
        until_display: dates::display(&b.until, site.settings.timezone_label.as_deref()),
    })
}

/// The menus of standing pages, each in weight order, then by title.
#[derive(Serialize, Clone)]
pub struct MenuView<'a> {
    pub header: Vec<MenuLink<'a>>,
    pub footer: Vec<MenuLink<'a>>,
}

#[derive(Serialize, Clone)]
pub struct MenuLink<'a> {
    pub title: &'a str,
    pub url: &'a str,
}

/// An author's profile as templates see it; `bio` (HTML) is added by the context, marked safe.
#[derive(Serialize)]
pub struct ProfileView<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    /// The author page.
    pub url: String,
    pub role: Option<&'a str>,
    /// As written: a site path or an https:// address.
    pub photo: Option<&'a str>,
    /// `photo` as an absolute URL.
    pub photo_url: Option<String>,
    pub email: Option<&'a str>,
    pub links: &'a [String],
}

#[derive(Serialize)]
pub struct PageView<'a> {
    pub kind: &'static str,
    pub title: &'a str,
    pub url: &'a str,
    pub permalink: String,
    pub description: &'a str,
    pub feeds: Vec<FeedLink>,
}

#[derive(Serialize)]
pub struct FeedLink {
    pub title: String,
    pub url: String,
}

#[derive(Serialize)]
pub struct FeedView {
    pub title: String,
    pub subtitle: String,
    pub url: String,
    pub link: String,
    pub updated: String,
}

#[derive(Serialize)]
pub struct SitemapView<'a> {
    pub loc: String,
    pub lastmod: &'a str,
}

#[derive(Serialize)]
pub struct PublicationView<'a> {
    pub name: &'a str,
    pub language: String,
}

#[derive(Serialize)]
pub struct YearView<'a> {
    pub year: i16,
    pub count: usize,
    pub months: Vec<TermView<'a>>,
}

#[derive(Serialize)]
pub struct PageLink {
    /// The page's number; absent for a gap (pages left out between two links).
    pub number: Option<usize>,
    pub url: Option<String>,
    pub current: bool,
    pub gap: bool,
}

/// How many pages either side of the current one a paginator links, besides the first and
/// the last: a list of 500 pages has at most 7 links on each of them, not 500.
const PAGES_AROUND: usize = 2;

#[derive(Serialize)]
pub struct PaginatorView {
    pub current: usize,
    pub total: usize,
    pub per_page: usize,
    pub total_articles: usize,
    pub prev_url: Option<String>,
    pub next_url: Option<String>,
    pub first_url: String,
    pub last_url: String,
    pub pages: Vec<PageLink>,
}

#[derive(Serialize)]
pub struct TreeNode<'a> {
    #[serde(flatten)]
    pub term: TermView<'a>,
    pub children: Vec<TreeNode<'a>>,
}

/// The header and footer menus of the site's standing pages.
pub fn menus(site: &Site) -> MenuView<'_> {
    let menu = |which: Menu| {
        let mut listed: Vec<&StandingPage> = site
            .pages
            .iter()
            .filter(|p| p.menu == Some(which))
            .collect();
        listed.sort_by(|a, b| (a.weight, &a.title, &a.url).cmp(&(b.weight, &b.title, &b.url)));
        listed
            .into_iter()
            .map(|p| MenuLink {
                title: &p.title,
                url: &p.url,
            })
            .collect()
    };
    MenuView {
        header: menu(Menu::Header),
        footer: menu(Menu::Footer),
    }
}

/// An author's profile.
pub fn profile_view<'a>(site: &Site, profile: &'a Profile) -> ProfileView<'a> {
    ProfileView {
        name: &profile.name,
        slug: &profile.slug,
        url: TermKind::Author.url(&profile.slug),
        role: profile.role.as_deref(),
        photo: profile.photo.as_deref(),
        photo_url: profile
            .photo
            .as_deref()
            .map(|u| metadata::absolute(site, u)),
        email: profile.email.as_deref(),
        links: &profile.links,
    }
}

/// A term's value.
pub fn term_view<'a>(kind: TermKind, term: &'a Term) -> TermView<'a> {
    TermView {
        name: &term.name,
        slug: &term.slug,
        url: kind.url(&term.slug),
        count: term.articles.len(),
    }
}

/// A list page's paginator.
pub fn paginator(site: &Site, p: &Pagination) -> PaginatorView {
    PaginatorView {
        current: p.current,
        total: p.total,
        per_page: site.settings.per_page,
        total_articles: p.total_articles,
        prev_url: (p.current > 1).then(|| p.url_of(p.current - 1)),
        next_url: (p.current < p.total).then(|| p.url_of(p.current + 1)),
        first_url: p.url_of(1),
        last_url: p.url_of(p.total),
        pages: page_links(p),
    }
}

/// The first page, the last, and the pages around the current one, with a gap where pages
/// are left out.
fn page_links(p: &Pagination) -> Vec<PageLink> {
    let shown = |n: usize| n == 1 || n == p.total || n.abs_diff(p.current) <= PAGES_AROUND;
    let mut links = Vec::new();
    let mut last = 0;
    for n in (1..=p.total).filter(|&n| shown(n)) {
        if n > last + 1 {
            links.push(PageLink {
                number: None,
                url: None,
                current: false,
                gap: true,
            });
        }
        links.push(PageLink {
            number: Some(n),
            url: Some(p.url_of(n)),
            current: n == p.current,
            gap: false,
        });
        last = n;
    }
    links
}

/// The archive's years, newest first, each with its months.
pub fn archive_years(site: &Site) -> Vec<YearView<'_>> {
    let mut years: Vec<YearView> = Vec::new();
    for t in &site.months.terms {
        let year: i16 = t.slug[..4].parse().unwrap_or_default();
        if years.last().is_none_or(|y| y.year != year) {
            years.push(YearView {
                year,
                count: 0,
                months: Vec::new(),
            });
        }
        let y = years.last_mut().expect("pushed above");
        y.count += t.articles.len();
        y.months.push(term_view(TermKind::Month, t));
    }
    years
}

/// The language code Google News accepts: ISO 639 (`en`, `az`), or `zh-cn` / `zh-tw`.
pub fn news_language(language: &str) -> String {
    let lower = language.trim().to_lowercase().replace('_', "-");
    if lower == "zh-cn" || lower == "zh-tw" {
        lower
    } else {
        lower.split('-').next().unwrap_or("en").to_string()
    }
}

/// Every term of a kind, A-Z.
pub fn all_terms(kind: TermKind, terms: &[Term]) -> Vec<TermView<'_>> {
    let mut views: Vec<TermView> = terms.iter().map(|t| term_view(kind, t)).collect();
    views.sort_by(|a, b| {
        a.name
            .to_lowercase()
            .cmp(&b.name.to_lowercase())
            .then(a.slug.cmp(b.slug))
    });
    views
}

/// A place and, under it, the places inside it, A-Z.
pub fn place_node<'a>(site: &'a Site, slug: &str) -> TreeNode<'a> {
    let term = site
        .places
        .places
        .get(slug)
        .expect("places in the tree have terms");
    let mut children: Vec<TreeNode> = site
        .places
        .children
        .get(slug)
        .map(|c| c.iter().map(|s| place_node(site, s)).collect())
        .unwrap_or_default();
    children.sort_by(|a, b| a.term.name.cmp(b.term.name));
    TreeNode {
        term: term_view(TermKind::Place, term),
        children,
    }
}

/// Article `i` as lists show it: its teaser.
pub fn article_view(site: &Site, i: usize) -> ArticleView<'_> {
    let a: &Article = &site.articles[i];
    let terms = |kind: TermKind, slugs: Vec<&str>| -> Vec<TermView> {
        slugs
            .into_iter()
            .filter_map(|s| kind.term(site, s))
            .map(|t| term_view(kind, t))
            .collect()
    };
    let authors = terms(
        TermKind::Author,
        a.authors.iter().map(|n| n.slug.as_str()).collect(),
    );
    let byline = match authors.len() {
        0 => None,
        1 => Some(authors[0].name.to_string()),
        n => Some(format!(
            "{} and {}",
            authors[..n - 1]
                .iter()
                .map(|t| t.name)
                .collect::<Vec<_>>()
                .join(", "),
            authors[n - 1].name
        )),
    };
    let section = site
        .sections
        .get(&a.section.slug)
        .expect("every article's section has a term");
    let label = site.settings.timezone_label.as_deref();
    let image_size = a.image.as_ref().and_then(|i| site.image_sizes.get(i));
    ArticleView {
        title: &a.title,
        url: &a.url,
        permalink: format!("{}{}", site.settings.base_url, a.url),
        date: dates::rfc3339(&a.date),
        date_display: dates::display(&a.date, label),
        date_short: dates::display_day(&a.date),
        time_display: dates::time(&a.date, label),
        time: dates::clock(&a.date),
        updated: a.updated.as_ref().map(dates::rfc3339),
        updated_display: a.updated.as_ref().map(|u| dates::display(u, label)),
        modified: dates::rfc3339(a.modified()),
        summary: &a.summary,
        dateline: a.dateline.as_deref(),
        dateline_in_text: a.body.dateline.is_some(),
        byline,
        authors,
        tags: terms(
            TermKind::Tag,
            a.tags.iter().map(|n| n.slug.as_str()).collect(),
        ),
        locations: terms(
            TermKind::Place,
            site.places.of_article[i]
                .iter()
                .map(String::as_str)
                .collect(),
        ),
        section: term_view(TermKind::Section, section),
        image: a.image.as_deref(),
        image_url: a.image.as_deref().map(|u| metadata::absolute(site, u)),
        image_width: image_size.map(|s| s.0),
        image_height: image_size.map(|s| s.1),
        image_alt: a.image_alt.as_deref(),
        image_caption: a.image_caption.as_deref(),
        corrections: a
            .corrections
            .iter()
            .map(|c| CorrectionView {
                date: dates::rfc3339(&c.date),
                date_display: dates::display(&c.date, label),
                text: &c.text,
            })
            .collect(),
        kind: a.kind.name(),
        // An opinion piece in a section called Opinion says so once, by its section.
        kind_label: a
            .kind
            .label()
            .filter(|label| !label.eq_ignore_ascii_case(&section.name)),
        draft: a.draft,
        words: a.body.words,
        reading_minutes: a.body.words.div_ceil(230).max(1),
    }
}
