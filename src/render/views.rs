//! The template contract (docs/templates.md): the values templates receive, as Rust types.
//!
//! What each value holds is decided here; which page gets which values, and what each page
//! is made from, is `context`'s business.

use serde::Serialize;

use crate::plan::Pagination;
use crate::render::metadata;
use crate::site::article::Article;
use crate::site::authors::Profile;
use crate::site::body::{self, BodyPhoto};
use crate::site::index::{Term, TermKind};
use crate::site::pages::{Menu, StandingPage};
use crate::site::photos::{Copy, Format};
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
    /// The lead image: its path on the site (the photo at its own path, its largest copy),
    /// or its https:// address.
    pub image: Option<&'a str>,
    /// The copy of the lead image for link previews (Open Graph, Twitter): 1200 wide where the
    /// photo is that wide, as a whole address.
    pub image_url: Option<String>,
    /// The size of the lead image's largest copy, when it is a photo of the site.
    pub image_width: Option<u32>,
    pub image_height: Option<u32>,
    pub image_alt: Option<&'a str>,
    pub image_caption: Option<&'a str>,
    pub image_credit: Option<&'a str>,
    /// The size of `image_url`'s copy, when the lead image is a photo of the site.
    pub share_width: Option<u32>,
    pub share_height: Option<u32>,
    /// The lead image's copies, when it is a photo of the site (`partials/picture.html`).
    pub photo: Option<PhotoView>,
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

/// A photo of the site as `<picture>` needs it: a `srcset` in each format, smallest copy
/// first, and the size of its largest copy (which every copy shares the shape of).
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct PhotoView {
    /// The copy for browsers that read no `srcset`: the one nearest 800 wide.
    pub src: String,
    /// The copies in the photo's own format (`/images/x.1a2b.480.jpg 480w, ...`).
    pub srcset: String,
    /// The copies in the other formats, each a `<source>`: `type` and `srcset`.
    pub sources: Vec<PhotoSource>,
    pub width: u32,
    pub height: u32,
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct PhotoSource {
    #[serde(rename = "type")]
    pub mime: &'static str,
    pub srcset: String,
}

/// The photo of the site at `path`, as `<picture>` shows it; `None` when the site does not
/// publish it as a photo (an https:// address, an SVG).
pub fn photo_view(site: &Site, path: &str) -> Option<PhotoView> {
    let photo = site.photos.get(path)?;
    let srcset = |format: Format| {
        photo
            .resized(format)
            .map(|c| format!("/{} {}w", c.file, c.width))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let fallback: Vec<&Copy> = photo.resized(photo.fallback()).collect();
    let largest = fallback.last()?;
    let src = fallback.iter().find(|c| c.width >= 800).unwrap_or(largest);
    Some(PhotoView {
        src: format!("/{}", src.file),
        srcset: srcset(photo.fallback()),
        sources: photo
            .formats(&site.settings.images)
            .into_iter()
            .filter(|&f| f != photo.fallback())
            .map(|f| PhotoSource {
                mime: f.mime(),
                srcset: srcset(f),
            })
            .collect(),
        width: largest.width,
        height: largest.height,
    })
}

/// The copy of the photo at `path` that link previews show: 1200 wide, or the widest there
/// is when the photo is narrower; the site path itself when it is not a photo of the site.
pub fn share_copy(site: &Site, path: &str) -> (String, Option<(u32, u32)>) {
    let Some(photo) = site.photos.get(path) else {
        return (path.to_string(), None);
    };
    let copies: Vec<&Copy> = photo.resized(photo.fallback()).collect();
    match copies.iter().find(|c| c.width >= 1200).or(copies.last()) {
        Some(c) => (format!("/{}", c.file), Some((c.width, c.height))),
        None => (path.to_string(), None),
    }
}

/// A body's photo in a page: a figure with its caption when it stands alone, else a picture
/// in the line; the copies fill the body's column (`.story`, 40rem). A photo the site does
/// not publish as one (an SVG) is an `<img>` of its path.
pub fn body_photo_html(site: &Site, photo: &BodyPhoto, absolute: bool) -> String {
    let mut alt = String::new();
    pulldown_cmark_escape::escape_html(&mut alt, &photo.alt).expect("writing to a String");
    let path = photo.path.as_deref().unwrap_or(&photo.written);
    let url = |p: &str| {
        if absolute {
            metadata::absolute(site, p)
        } else {
            p.to_string()
        }
    };
    let view = photo_view(site, path);
    let image = match (&view, absolute) {
        // Feed readers show an <img>: the copy nearest 800 wide.
        (Some(v), true) => format!(
            "<img src=\"{}\" width=\"{}\" height=\"{}\" alt=\"{alt}\">",
            url(&v.src),
            800.min(v.width),
            (u64::from(v.height) * u64::from(800.min(v.width)) / u64::from(v.width.max(1))),
        ),
        (Some(v), false) => {
            let sizes = "(min-width: 42rem) 40rem, calc(100vw - 2rem)";
            let mut html = String::from("<picture>");
            for source in &v.sources {
                html.push_str(&format!(
                    "<source type=\"{}\" srcset=\"{}\" sizes=\"{sizes}\">",
                    source.mime, source.srcset
                ));
            }
            html.push_str(&format!(
                "<img src=\"{}\" srcset=\"{}\" sizes=\"{sizes}\" width=\"{}\" height=\"{}\" alt=\"{alt}\" loading=\"lazy\" decoding=\"async\"></picture>",
                v.src, v.srcset, v.width, v.height
            ));
            html
        }
        (None, _) => format!("<img src=\"{}\" alt=\"{alt}\">", url(path)),
    };
    match (&photo.caption, photo.figure) {
        (caption, true) => {
            let mut html = format!("<figure class=\"body-photo\">{image}");
            if let Some(caption) = caption {
                html.push_str("<figcaption>");
                pulldown_cmark_escape::escape_html(&mut html, caption)
                    .expect("writing to a String");
                html.push_str("</figcaption>");
            }
            html.push_str("</figure>");
            html
        }
        (_, false) => image,
    }
}

/// An article's body with its photos in place: for a page, or (`absolute`) for a feed.
pub fn body_html<'a>(site: &Site, a: &'a Article, absolute: bool) -> std::borrow::Cow<'a, str> {
    if a.body.photos.is_empty() {
        return std::borrow::Cow::Borrowed(&a.body.html);
    }
    std::borrow::Cow::Owned(body::fill_photo_slots(&a.body.html, |n| {
        a.body
            .photos
            .get(n)
            .map_or(String::new(), |p| body_photo_html(site, p, absolute))
    }))
}

/// What a body's photos add to what the page is made of: each photo's key and size.
pub fn body_photos_digest(site: &Site, a: &Article) -> u128 {
    let mut d = crate::digest::Digest::new();
    for photo in &a.body.photos {
        match photo.path.as_deref().and_then(|p| site.photos.get(p)) {
            Some(p) => d
                .u128(p.key)
                .u64(u64::from(p.width))
                .u64(u64::from(p.height)),
            None => d.u64(0),
        };
    }
    d.str(&site.settings.base_url).finish()
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
    /// The search page's address, when the site has one (`[search] enabled`).
    pub search: Option<&'static str>,
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
    /// `photo` as an absolute URL (its 1200-wide copy where there is one).
    pub photo_url: Option<String>,
    /// The photo's copies, when it is a photo of the site (`partials/picture.html`).
    pub picture: Option<PhotoView>,
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
            .map(|u| metadata::absolute(site, &share_copy(site, u).0)),
        picture: profile.photo.as_deref().and_then(|p| photo_view(site, p)),
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
    let children: Vec<TreeNode> = (site.places.inside(slug).into_iter())
        .map(|t| place_node(site, &t.slug))
        .collect();
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
    let photo = a.image.as_deref().and_then(|i| photo_view(site, i));
    let share = a.image.as_deref().map(|i| share_copy(site, i));
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
        image_url: share.as_ref().map(|(u, _)| metadata::absolute(site, u)),
        share_width: share.as_ref().and_then(|(_, size)| *size).map(|s| s.0),
        share_height: share.as_ref().and_then(|(_, size)| *size).map(|s| s.1),
        image_width: photo.as_ref().map(|p| p.width),
        image_height: photo.as_ref().map(|p| p.height),
        image_alt: a.image_alt.as_deref(),
        image_caption: a.image_caption.as_deref(),
        image_credit: a.image_credit.as_deref(),
        photo,
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
        kind_label: a.kind.label_in(&section.name),
        draft: a.draft,
        words: a.body.words,
        reading_minutes: a.body.words.div_ceil(230).max(1),
    }
}
