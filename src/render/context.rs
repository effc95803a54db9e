//! What templates receive (docs/templates.md): the model turned into template values.
//!
//! Values shared by many pages (the site, each article's teaser, each term) are made once
//! and cloned cheaply into every page's context.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use crate::plan::{Extra, Page, PageKind, Pagination, TermKind};
use crate::render::metadata;
use crate::site::article::Article;
use crate::site::index::Term;
use crate::site::{Site, dates};

/// A term as templates see it.
#[derive(Serialize, Clone)]
struct TermView<'a> {
    name: &'a str,
    slug: &'a str,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct CorrectionView<'a> {
    date: String,
    date_display: String,
    text: &'a str,
}

#[derive(Serialize)]
struct ArticleView<'a> {
    title: &'a str,
    url: &'a str,
    permalink: String,
    date: String,
    date_display: String,
    date_short: String,
    updated: Option<String>,
    updated_display: Option<String>,
    /// `updated` when later than `date`, else `date`: for feeds and sitemaps.
    modified: String,
    summary: &'a str,
    dateline: Option<&'a str>,
    byline: Option<String>,
    authors: Vec<TermView<'a>>,
    tags: Vec<TermView<'a>>,
    locations: Vec<TermView<'a>>,
    section: TermView<'a>,
    image: Option<&'a str>,
    image_url: Option<String>,
    image_alt: Option<&'a str>,
    image_caption: Option<&'a str>,
    corrections: Vec<CorrectionView<'a>>,
    draft: bool,
    words: usize,
    reading_minutes: usize,
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    language: &'a str,
    timezone: &'a str,
    publisher: &'a str,
    logo: Option<&'a str>,
    now: String,
    now_display: String,
    year: i16,
    per_page: usize,
    feed_items: usize,
    sections: Vec<TermView<'a>>,
}

#[derive(Serialize)]
struct PageView<'a> {
    kind: &'static str,
    title: &'a str,
    url: &'a str,
    permalink: String,
    description: &'a str,
    feeds: Vec<FeedLink>,
}

#[derive(Serialize)]
struct FeedLink {
    title: String,
    url: String,
}

#[derive(Serialize)]
struct FeedView {
    title: String,
    subtitle: String,
    url: String,
    link: String,
    updated: String,
}

#[derive(Serialize)]
struct SitemapView<'a> {
    loc: String,
    lastmod: &'a str,
}

#[derive(Serialize)]
struct PublicationView<'a> {
    name: &'a str,
    language: String,
}

#[derive(Serialize)]
struct YearView<'a> {
    year: i16,
    count: usize,
    months: Vec<TermView<'a>>,
}

#[derive(Serialize)]
struct PageLink {
    number: usize,
    url: String,
}

#[derive(Serialize)]
struct PaginatorView {
    current: usize,
    total: usize,
    per_page: usize,
    total_articles: usize,
    prev_url: Option<String>,
    next_url: Option<String>,
    first_url: String,
    last_url: String,
    pages: Vec<PageLink>,
}

#[derive(Serialize)]
struct TreeNode<'a> {
    #[serde(flatten)]
    term: TermView<'a>,
    children: Vec<TreeNode<'a>>,
}

fn term_view<'a>(kind: TermKind, term: &'a Term) -> TermView<'a> {
    TermView {
        name: &term.name,
        slug: &term.slug,
        url: kind.url(&term.slug),
        count: term.articles.len(),
    }
}

/// The values every page shares, made once per build.
pub struct Shared {
    site: Value,
    /// Each article's teaser, by article index.
    teasers: Vec<Value>,
    terms: HashMap<(TermKind, String), Value>,
    /// Digests of what the values above were made from, so that `serve` can tell which
    /// pages a change touches without rendering them.
    pub site_hash: u64,
    pub teaser_hashes: Vec<u64>,
    term_hashes: HashMap<TermKind, HashMap<String, u64>>,
}

/// A digest of a value as templates would see it.
pub fn digest<T: Serialize + ?Sized>(value: &T) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = ahash::AHasher::default();
    serde_json::to_vec(value)
        .unwrap_or_default()
        .hash(&mut hasher);
    hasher.finish()
}

impl Shared {
    pub fn new(site: &Site) -> Shared {
        Shared::new_after(site, None)
    }

    /// Like [`Shared::new`], keeping the teasers of a previous build whose article and terms
    /// did not change (`serve`).
    pub fn new_after(site: &Site, previous: Option<(&Site, &Shared)>) -> Shared {
        let s = &site.settings;
        let site_view = SiteView {
            title: &s.title,
            description: &s.description,
            base_url: &s.base_url,
            language: &s.language,
            timezone: &s.timezone_name,
            publisher: &s.publisher,
            logo: s.logo.as_deref(),
            now: dates::rfc3339(&site.now),
            now_display: dates::display_day(&site.now),
            year: site.now.year(),
            per_page: s.per_page,
            feed_items: s.feed_items,
            sections: site
                .section_order()
                .into_iter()
                .map(|t| term_view(TermKind::Section, t))
                .collect(),
        };
        let site_hash = digest(&site_view);
        let site_value = Value::from_serializable(&site_view);
        let mut terms = HashMap::new();
        let mut term_hashes: HashMap<TermKind, HashMap<String, u64>> = HashMap::new();
        for (kind, list) in [
            (TermKind::Section, &site.sections.terms),
            (TermKind::Tag, &site.tags.terms),
            (TermKind::Place, &site.places.places.terms),
            (TermKind::Author, &site.authors.terms),
            (TermKind::Month, &site.months.terms),
        ] {
            for t in list {
                let view = term_view(kind, t);
                term_hashes
                    .entry(kind)
                    .or_default()
                    .insert(t.slug.clone(), digest(&view));
                terms.insert((kind, t.slug.clone()), Value::from_serializable(&view));
            }
        }
        let old_index: HashMap<&std::ffi::OsStr, usize> = previous
            .map(|(old, _)| {
                old.articles
                    .iter()
                    .enumerate()
                    .map(|(j, a)| (a.source.as_os_str(), j))
                    .collect()
            })
            .unwrap_or_default();
        let same_terms = |i: usize, old: &Shared| {
            let a = &site.articles[i];
            let same = |kind: TermKind, slug: &str| {
                term_hashes.get(&kind).and_then(|m| m.get(slug))
                    == old.term_hash(kind, slug).as_ref()
            };
            a.tags.iter().all(|t| same(TermKind::Tag, &t.slug))
                && a.authors.iter().all(|t| same(TermKind::Author, &t.slug))
                && site.places.of_article[i]
                    .iter()
                    .all(|p| same(TermKind::Place, p))
                && same(TermKind::Section, &a.section.slug)
        };
        let (teasers, teaser_hashes) = (0..site.articles.len())
            .into_par_iter()
            .map(|i| {
                if let Some((old_site, old)) = previous
                    && let Some(&j) = old_index.get(site.articles[i].source.as_os_str())
                    && Arc::ptr_eq(&old_site.articles[j], &site.articles[i])
                    && old_site.settings.base_url == s.base_url
                    && old_site.settings.timezone_name == s.timezone_name
                    && same_terms(i, old)
                {
                    return (old.teasers[j].clone(), old.teaser_hashes[j]);
                }
                let view = article_view(site, i);
                (Value::from_serializable(&view), digest(&view))
            })
            .unzip();
        Shared {
            site: site_value,
            teasers,
            terms,
            site_hash,
            teaser_hashes,
            term_hashes,
        }
    }

    /// The digest of a term's value.
    pub fn term_hash(&self, kind: TermKind, slug: &str) -> Option<u64> {
        self.term_hashes.get(&kind)?.get(slug).copied()
    }

    /// Every term's digest, in a stable order: for the pages that list all terms.
    pub fn all_term_hashes(&self) -> Vec<(TermKind, &str, u64)> {
        let mut all: Vec<(TermKind, &str, u64)> = self
            .term_hashes
            .iter()
            .flat_map(|(kind, m)| m.iter().map(move |(slug, h)| (*kind, slug.as_str(), *h)))
            .collect();
        all.sort_unstable();
        all
    }

    /// Makes article `i`'s teaser anew after the article changed in place (its indexes did
    /// not). Returns whether the teaser is different.
    pub fn update_article(&mut self, site: &Site, i: usize) -> bool {
        let view = article_view(site, i);
        let hash = digest(&view);
        let changed = hash != self.teaser_hashes[i];
        self.teasers[i] = Value::from_serializable(&view);
        self.teaser_hashes[i] = hash;
        changed
    }

    /// The context of one page.
    pub fn context(&self, site: &Site, page: &Page) -> Context {
        let mut ctx = Context::new();
        ctx.insert_value("site", self.site.clone());
        let term = page
            .term
            .as_ref()
            .and_then(|(kind, slug)| kind.term(site, slug));
        let title = page_title(site, page, term);
        let description = match page.kind {
            PageKind::Article => site.articles[page.articles[0]].summary.clone(),
            PageKind::Home => site.settings.description.clone(),
            _ => match term {
                Some(t) => format!(
                    "{} articles on {} from {}",
                    t.articles.len(),
                    t.name,
                    site.settings.title
                ),
                None => format!("{} – {}", title, site.settings.title),
            },
        };
        let description = if description.is_empty() {
            site.settings.title.clone()
        } else {
            description
        };
        ctx.insert(
            "page",
            &PageView {
                kind: page.kind.name(),
                title: &title,
                url: &page.url,
                permalink: format!("{}{}", site.settings.base_url, page.url),
                description: &description,
                feeds: self.feeds(site, page),
            },
        );
        match page.kind {
            PageKind::Article => {
                ctx.insert_value("article", self.article_page(site, page.articles[0]))
            }
            PageKind::Tags => ctx.insert("terms", &all_terms(TermKind::Tag, &site.tags.terms)),
            PageKind::Authors => {
                ctx.insert("terms", &all_terms(TermKind::Author, &site.authors.terms))
            }
            PageKind::Locations => {
                let tree: Vec<TreeNode> = site
                    .places
                    .roots()
                    .into_iter()
                    .map(|slug| place_node(site, slug))
                    .collect();
                ctx.insert("tree", &tree);
            }
            PageKind::Archive => ctx.insert("years", &archive_years(site)),
            PageKind::Corrections => ctx.insert_value("corrections", self.corrections(site)),
            PageKind::Feed => {
                let entries: Vec<Value> = page
                    .articles
                    .iter()
                    .map(|&i| self.with_content(site, i))
                    .collect();
                ctx.insert_value("entries", Value::from(entries));
                let link = match &page.term {
                    Some((kind, slug)) => kind.url(slug),
                    None => "/".to_string(),
                };
                let updated = page
                    .articles
                    .iter()
                    .map(|&i| site.articles[i].modified())
                    .max_by_key(|z| z.timestamp())
                    .unwrap_or(&site.now);
                ctx.insert(
                    "feed",
                    &FeedView {
                        title: match term {
                            Some(t) => format!("{} – {}", t.name, site.settings.title),
                            None => site.settings.title.clone(),
                        },
                        subtitle: match term {
                            Some(t) => {
                                format!("The latest on {} from {}", t.name, site.settings.title)
                            }
                            None => site.settings.description.clone(),
                        },
                        url: format!("{}{}", site.settings.base_url, page.url),
                        link: format!("{}{link}", site.settings.base_url),
                        updated: dates::rfc3339(updated),
                    },
                );
            }
            PageKind::Sitemap | PageKind::SitemapIndex => {
                let entries = match &page.extra {
                    Extra::Sitemap(e) | Extra::SitemapIndex(e) => e.as_slice(),
                    _ => &[],
                };
                let views: Vec<SitemapView> = entries
                    .iter()
                    .map(|e| SitemapView {
                        loc: format!("{}{}", site.settings.base_url, e.url),
                        lastmod: &e.lastmod,
                    })
                    .collect();
                ctx.insert(
                    if page.kind == PageKind::Sitemap {
                        "entries"
                    } else {
                        "sitemaps"
                    },
                    &views,
                );
            }
            PageKind::NewsSitemap => {
                ctx.insert_value("articles", self.teasers_of(&page.articles));
                ctx.insert(
                    "publication",
                    &PublicationView {
                        name: &site.settings.publisher,
                        language: news_language(&site.settings.language),
                    },
                );
            }
            PageKind::Alias => {
                if let Extra::Redirect(target) = &page.extra {
                    ctx.insert("target", target);
                    ctx.insert("target_url", &format!("{}{target}", site.settings.base_url));
                }
            }
            PageKind::NotFound | PageKind::Robots | PageKind::Redirects => {}
            PageKind::Home
            | PageKind::Section
            | PageKind::Tag
            | PageKind::Location
            | PageKind::Author
            | PageKind::Month => {
                ctx.insert_value("articles", self.teasers_of(&page.articles));
                if let Some(p) = &page.pagination {
                    ctx.insert("paginator", &paginator(site, p));
                }
                if let Some((kind, slug)) = &page.term {
                    let mut value = self.terms[&(*kind, slug.clone())].clone();
                    if *kind == TermKind::Place {
                        value = self.place_term(site, slug, value);
                    }
                    ctx.insert_value("term", value);
                }
            }
        }
        ctx
    }

    /// The feeds a page links: its own list's first, then the site's.
    fn feeds(&self, site: &Site, page: &Page) -> Vec<FeedLink> {
        let site_feed = FeedLink {
            title: site.settings.title.clone(),
            url: "/feed.xml".to_string(),
        };
        let term_feed = |kind: TermKind, slug: &str| {
            kind.term(site, slug).map(|t| FeedLink {
                title: format!("{} – {}", t.name, site.settings.title),
                url: kind.feed_url(slug),
            })
        };
        let own = match (page.kind, &page.term) {
            (PageKind::Article, _) => term_feed(
                TermKind::Section,
                &site.articles[page.articles[0]].section.slug,
            ),
            (_, Some((kind, slug))) if kind.has_feed() => term_feed(*kind, slug),
            _ => None,
        };
        own.into_iter().chain(std::iter::once(site_feed)).collect()
    }

    /// An article's teaser with its content, for feeds.
    fn with_content(&self, site: &Site, i: usize) -> Value {
        let mut map = self.teasers[i].clone().into_map().unwrap_or_default();
        // Not marked safe: in a feed the HTML is text, escaped into <content type="html">.
        map.insert(
            "content".into(),
            Value::from(site.articles[i].body.html.as_str()),
        );
        Value::from(map)
    }

    /// The teasers of a page's articles, in order.
    fn teasers_of(&self, articles: &[usize]) -> Value {
        Value::from(
            articles
                .iter()
                .map(|&i| self.teasers[i].clone())
                .collect::<Vec<Value>>(),
        )
    }

    /// Every correction, newest first, with the article it corrects.
    fn corrections(&self, site: &Site) -> Value {
        let mut all: Vec<(usize, usize)> = site
            .articles
            .iter()
            .enumerate()
            .flat_map(|(i, a)| (0..a.corrections.len()).map(move |c| (i, c)))
            .collect();
        all.sort_by(|a, b| {
            let date = |(i, c): &(usize, usize)| site.articles[*i].corrections[*c].date.timestamp();
            date(b).cmp(&date(a)).then(a.cmp(b))
        });
        let list: Vec<Value> = all
            .into_iter()
            .map(|(i, c)| {
                let correction = &site.articles[i].corrections[c];
                let mut map = tera::Map::new();
                map.insert("date".into(), Value::from(dates::rfc3339(&correction.date)));
                map.insert(
                    "date_display".into(),
                    Value::from(dates::display(&correction.date)),
                );
                map.insert("text".into(), Value::from(correction.text.as_str()));
                map.insert("article".into(), self.teasers[i].clone());
                Value::from(map)
            })
            .collect();
        Value::from(list)
    }

    /// A place's term with the way up and the places inside it.
    fn place_term(&self, site: &Site, slug: &str, value: Value) -> Value {
        let mut map = value.into_map().unwrap_or_default();
        let ancestors: Vec<Value> = site
            .places
            .ancestors(slug)
            .into_iter()
            .map(|s| self.terms[&(TermKind::Place, s.to_string())].clone())
            .collect();
        let mut inside: Vec<&String> = site
            .places
            .children
            .get(slug)
            .map(|c| c.iter().collect())
            .unwrap_or_default();
        inside.sort();
        let children: Vec<Value> = inside
            .into_iter()
            .map(|s| self.terms[&(TermKind::Place, s.clone())].clone())
            .collect();
        map.insert("ancestors".into(), Value::from(ancestors));
        map.insert("children".into(), Value::from(children));
        Value::from(map)
    }

    /// An article page's `article`: the teaser plus content, neighbours and related articles.
    fn article_page(&self, site: &Site, i: usize) -> Value {
        let mut map = self.teasers[i].clone().into_map().unwrap_or_default();
        map.insert(
            "content".into(),
            Value::safe_string(&site.articles[i].body.html),
        );
        map.insert(
            "json_ld".into(),
            Value::safe_string(&metadata::news_article(site, i)),
        );
        let neighbour = |j: Option<usize>| j.map_or(Value::none(), |j| self.teasers[j].clone());
        // Articles are newest first: the older one follows, the newer one precedes.
        map.insert(
            "prev".into(),
            neighbour((i + 1 < site.articles.len()).then_some(i + 1)),
        );
        map.insert("next".into(), neighbour(i.checked_sub(1)));
        let related: Vec<Value> = site.related[i]
            .iter()
            .map(|&j| self.teasers[j].clone())
            .collect();
        map.insert("related".into(), Value::from(related));
        Value::from(map)
    }
}

/// A page's name (docs/templates.md, `page.title`).
fn page_title(site: &Site, page: &Page, term: Option<&Term>) -> String {
    let title = match (page.kind, term) {
        (PageKind::Home, _) => site.settings.title.clone(),
        (PageKind::Article, _) => site.articles[page.articles[0]].title.clone(),
        (PageKind::Tags, _) => "Tags".to_string(),
        (PageKind::Locations, _) => "Places".to_string(),
        (PageKind::Authors, _) => "Authors".to_string(),
        (PageKind::Archive, _) => "Archive".to_string(),
        (PageKind::Corrections, _) => "Corrections".to_string(),
        (PageKind::NotFound, _) => "Page not found".to_string(),
        (PageKind::Alias, _) => "This page has moved".to_string(),
        (_, Some(t)) => t.name.clone(),
        (_, None) => site.settings.title.clone(),
    };
    match &page.pagination {
        Some(p) if p.current > 1 => format!("{title} – page {} of {}", p.current, p.total),
        _ => title,
    }
}

fn paginator(site: &Site, p: &Pagination) -> PaginatorView {
    PaginatorView {
        current: p.current,
        total: p.total,
        per_page: site.settings.per_page,
        total_articles: p.total_articles,
        prev_url: (p.current > 1).then(|| p.url_of(p.current - 1)),
        next_url: (p.current < p.total).then(|| p.url_of(p.current + 1)),
        first_url: p.url_of(1),
        last_url: p.url_of(p.total),
        pages: (1..=p.total)
            .map(|n| PageLink {
                number: n,
                url: p.url_of(n),
            })
            .collect(),
    }
}

/// The archive's years, newest first, each with its months.
fn archive_years(site: &Site) -> Vec<YearView<'_>> {
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
fn news_language(language: &str) -> String {
    let lower = language.trim().to_lowercase().replace('_', "-");
    if lower == "zh-cn" || lower == "zh-tw" {
        lower
    } else {
        lower.split('-').next().unwrap_or("en").to_string()
    }
}

fn all_terms(kind: TermKind, terms: &[Term]) -> Vec<TermView<'_>> {
    let mut views: Vec<TermView> = terms.iter().map(|t| term_view(kind, t)).collect();
    views.sort_by(|a, b| {
        a.name
            .to_lowercase()
            .cmp(&b.name.to_lowercase())
            .then(a.slug.cmp(b.slug))
    });
    views
}

fn place_node<'a>(site: &'a Site, slug: &str) -> TreeNode<'a> {
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

fn article_view(site: &Site, i: usize) -> ArticleView<'_> {
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
    ArticleView {
        title: &a.title,
        url: &a.url,
        permalink: format!("{}{}", site.settings.base_url, a.url),
        date: dates::rfc3339(&a.date),
        date_display: dates::display(&a.date),
        date_short: dates::display_day(&a.date),
        updated: a.updated.as_ref().map(dates::rfc3339),
        updated_display: a.updated.as_ref().map(dates::display),
        modified: dates::rfc3339(a.modified()),
        summary: &a.summary,
        dateline: a.dateline.as_deref(),
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
        image_alt: a.image_alt.as_deref(),
        image_caption: a.image_caption.as_deref(),
        corrections: a
            .corrections
            .iter()
            .map(|c| CorrectionView {
                date: dates::rfc3339(&c.date),
                date_display: dates::display(&c.date),
                text: &c.text,
            })
            .collect(),
        draft: a.draft,
        words: a.body.words,
        reading_minutes: a.body.words.div_ceil(230).max(1),
    }
}
