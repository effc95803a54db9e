//! Each page's context (docs/templates.md): which template values a page gets, and, written
//! down while they are made, what they were made from.
//!
//! That record is the one account of a page's inputs. A page's fingerprint is a digest of
//! its template and its record, so `serve` and the build cache know a page changed exactly
//! when what its template receives changed; and the record names the articles whose values
//! the page shows, so that `serve` knows which pages to look at when an article changes.
//!
//! Values shared by many pages (the site, each article's teaser, each term) are made once,
//! with their digests, and cloned cheaply into every page's context.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use crate::digest::{self, Digest};
use crate::plan::front::Layout;
use crate::plan::{Extra, Page, PageKind};
use crate::render::metadata;
use crate::render::views;
use crate::render::views::{
    FeedLink, FeedView, PageView, PublicationView, SiteView, SitemapView, TreeNode, all_terms,
    archive_years, article_view, breaking_view, menus, news_language, paginator, place_node,
    profile_view, term_view,
};
use crate::site::article::Article;
use crate::site::authors::Profile;
use crate::site::index::{Term, TermKind};
use crate::site::{Site, dates};

/// A template value with the digest of what it holds.
#[derive(Clone)]
struct Digested {
    value: Value,
    digest: u64,
}

impl Digested {
    fn of<T: Serialize>(view: &T) -> Digested {
        Digested {
            value: Value::from_serializable(view),
            digest: digest::of_value(view),
        }
    }
}

/// Article `i`'s JSON-LD, ready to print in its page.
fn json_ld_of(site: &Site, i: usize) -> Digested {
    let text = metadata::news_article(site, i);
    Digested {
        digest: digest::of_bytes(text.as_bytes()),
        value: Value::safe_string(&text),
    }
}

/// An author's profile, with its bio marked safe.
fn profile_of(site: &Site, p: &Profile) -> Digested {
    let view = profile_view(site, p);
    let mut value = Value::from_serializable(&view)
        .into_map()
        .unwrap_or_default();
    let bio = p
        .bio
        .as_deref()
        .map_or_else(Value::none, Value::safe_string);
    value.insert("bio".into(), bio);
    Digested {
        value: Value::from(value),
        digest: digest::of_value(&(&view, &p.bio)),
    }
}

/// What a page's context was made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Covers every value of the context, in the order they were made.
    pub digest: u128,
    /// The articles whose values the context holds, ascending, each once.
    pub articles: Vec<u32>,
}

/// The values every page shares, made once per build.
pub struct Shared {
    /// The site's value; its digest leaves out the build clock (`now`, `now_display`),
    /// which has a digest of its own, recorded only for templates that may read it.
    site: Digested,
    clock: u64,
    /// Each article's teaser, by article index.
    teasers: Vec<Digested>,
    /// Each article's NewsArticle JSON-LD (marked safe), by article index: made once per
    /// article, not for every look at its page's record.
    json_ld: Vec<Digested>,
    terms: HashMap<TermKind, HashMap<String, Digested>>,
    /// The profile of each author who has one, by the author's slug.
    profiles: HashMap<String, Digested>,
    /// The home page's `NewsMediaOrganization` JSON-LD (marked safe).
    organization: Digested,
}

impl Shared {
    pub fn new(site: &Site) -> Shared {
        Shared::new_after(site, None)
    }

    /// Like [`Shared::new`], keeping the teasers of a previous build whose article and terms
    /// did not change (`serve`).
    pub fn new_after(site: &Site, previous: Option<(&Site, &Shared)>) -> Shared {
        let s = &site.settings;
        let edition = site.articles.first().map_or(&site.now, |a| &a.date);
        let site_view = SiteView {
            title: &s.title,
            description: &s.description,
            base_url: &s.base_url,
            language: &s.language,
            timezone: &s.timezone_name,
            publisher: &s.publisher,
            logo: s.logo.as_deref(),
            edition: edition.strftime("%Y-%m-%d").to_string(),
            edition_display: dates::display_day(edition),
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
            breaking: breaking_view(site),
            menu: menus(site),
            search: s.search.then_some("/search/"),
        };
        let mut terms: HashMap<TermKind, HashMap<String, Digested>> = HashMap::new();
        for kind in TermKind::ALL {
            let of_kind = terms.entry(kind).or_default();
            for t in kind.terms(site) {
                of_kind.insert(t.slug.clone(), Digested::of(&term_view(kind, t)));
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
        let term_digest =
            |terms: &HashMap<TermKind, HashMap<String, Digested>>, kind: TermKind, slug: &str| {
                terms.get(&kind).and_then(|m| m.get(slug)).map(|d| d.digest)
            };
        let same_terms = |i: usize, old: &Shared| {
            let a = &site.articles[i];
            let same = |kind: TermKind, slug: &str| {
                term_digest(&terms, kind, slug) == term_digest(&old.terms, kind, slug)
            };
            a.tags.iter().all(|t| same(TermKind::Tag, &t.slug))
                && a.authors.iter().all(|t| same(TermKind::Author, &t.slug))
                && site.places.of_article[i]
                    .iter()
                    .all(|p| same(TermKind::Place, p))
                && same(TermKind::Section, &a.section.slug)
        };
        let (teasers, json_ld): (Vec<Digested>, Vec<Digested>) = (0..site.articles.len())
            .into_par_iter()
            .map(|i| {
                if let Some((old_site, old)) = previous
                    && let Some(&j) = old_index.get(site.articles[i].source.as_os_str())
                    && Arc::ptr_eq(&old_site.articles[j], &site.articles[i])
                    && old_site.settings.base_url == s.base_url
                    && old_site.settings.timezone_name == s.timezone_name
                    && same_terms(i, old)
                {
                    return (old.teasers[j].clone(), old.json_ld[j].clone());
                }
                (Digested::of(&article_view(site, i)), json_ld_of(site, i))
            })
            .unzip();
        let clock = digest::of_value(&(&site_view.now, &site_view.now_display));
        let without_clock = SiteView {
            now: String::new(),
            now_display: String::new(),
            ..site_view.clone()
        };
        let profiles = site
            .authors
            .terms
            .iter()
            .filter_map(|t| site.profiles.get(&t.slug))
            .map(|p| (p.slug.clone(), profile_of(site, p)))
            .collect();
        let organization = metadata::organization_json_ld(site);
        Shared {
            json_ld,
            profiles,
            organization: Digested {
                digest: digest::of_bytes(organization.as_bytes()),
                value: Value::safe_string(&organization),
            },
            site: Digested {
                value: Value::from_serializable(&site_view),
                digest: digest::of_value(&without_clock),
            },
            clock,
            teasers,
            terms,
        }
    }

    /// Makes article `i`'s teaser anew after the article changed in place (its indexes did
    /// not).
    pub fn update_article(&mut self, site: &Site, i: usize) {
        self.teasers[i] = Digested::of(&article_view(site, i));
        self.json_ld[i] = json_ld_of(site, i);
    }

    /// The context of one page, and the record of what it was made from. `reads_clock`:
    /// whether the page's templates may read the build clock ([`may_read_clock`]).
    ///
    /// [`may_read_clock`]: crate::render::theme::may_read_clock
    pub fn context(&self, site: &Site, page: &Page, reads_clock: bool) -> (Context, Record) {
        let (context, record) = self.make(site, page, reads_clock, true);
        (context.unwrap_or_default(), record)
    }

    /// The record of what one page's context is made from, without making the context:
    /// the same record [`Shared::context`] gives, at a fraction of the cost.
    pub fn record(&self, site: &Site, page: &Page, reads_clock: bool) -> Record {
        self.make(site, page, reads_clock, false).1
    }

    fn make(
        &self,
        site: &Site,
        page: &Page,
        reads_clock: bool,
        making: bool,
    ) -> (Option<Context>, Record) {
        let mut r = Recorder {
            site,
            shared: self,
            digest: Digest::new(),
            articles: Vec::new(),
            context: making.then(Context::new),
        };
        let site_value = r.site_value(reads_clock);
        r.insert("site", site_value);
        let term = page
            .term
            .as_ref()
            .and_then(|(kind, slug)| kind.term(site, slug));
        let title = page_title(&mut r, page, term);
        let description = match (page.kind, &page.extra) {
            (PageKind::Article, _) => r.article(page.articles[0]).summary.clone(),
            (PageKind::Standing, Extra::Standing(k)) => site.pages[*k].summary.clone(),
            (PageKind::Home, _) => site.settings.description.clone(),
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
        let feeds = feeds(&mut r, page);
        let mut page_view = r.own(&PageView {
            kind: page.kind.name(),
            title: &title,
            url: &page.url,
            permalink: format!("{}{}", site.settings.base_url, page.url),
            description: &description,
            feeds,
        });
        if let Extra::Standing(k) = page.extra {
            // A standing page's `page` also carries its standfirst and its text.
            let standing = &site.pages[k];
            let mut map = page_view.into_map().unwrap_or_default();
            map.insert("summary".into(), r.own(&standing.summary));
            map.insert("content".into(), r.html(&standing.html));
            page_view = Value::from(map);
        }
        r.insert("page", page_view);
        match page.kind {
            PageKind::Article => {
                let article = r.article_page(page.articles[0]);
                r.insert("article", article);
            }
            PageKind::Tags => {
                let terms = r.own(&all_terms(TermKind::Tag, &site.tags.terms));
                r.insert("terms", terms);
            }
            PageKind::Authors => {
                let terms = r.own(&all_terms(TermKind::Author, &site.authors.terms));
                r.insert("terms", terms);
            }
            PageKind::Locations => {
                let tree: Vec<TreeNode> = site
                    .places
                    .roots()
                    .into_iter()
                    .map(|slug| place_node(site, slug))
                    .collect();
                let tree = r.own(&tree);
                r.insert("tree", tree);
            }
            PageKind::Archive => {
                let years = r.own(&archive_years(site));
                r.insert("years", years);
            }
            PageKind::Search => {
                let filters = r.own(&crate::search::Filters::of(site));
                r.insert("filters", filters);
            }
            PageKind::Corrections => {
                let corrections = r.corrections();
                r.insert("corrections", corrections);
            }
            PageKind::Feed => {
                let kind = page.term.as_ref().map(|(kind, _)| *kind);
                let whole = site.settings.full_text_feeds.carries(kind);
                let entries: Vec<Value> = page
                    .articles
                    .iter()
                    .map(|&i| {
                        if whole {
                            r.with_content(i)
                        } else {
                            r.teaser(i)
                        }
                    })
                    .collect();
                let entries = r.list(entries);
                r.insert("entries", entries);
                let link = match &page.term {
                    Some((kind, slug)) => kind.url(slug),
                    None => "/".to_string(),
                };
                let updated = page
                    .articles
                    .iter()
                    .map(|&i| r.article(i).modified())
                    .max_by_key(|z| z.timestamp())
                    .unwrap_or(&site.now);
                let feed = r.own(&FeedView {
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
                });
                r.insert("feed", feed);
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
                let views = r.own(&views);
                let key = if page.kind == PageKind::Sitemap {
                    "entries"
                } else {
                    "sitemaps"
                };
                r.insert(key, views);
            }
            PageKind::NewsSitemap => {
                let articles = r.teasers_of(&page.articles);
                r.insert("articles", articles);
                let publication = r.own(&PublicationView {
                    name: &site.settings.publisher,
                    language: news_language(&site.settings.language),
                });
                r.insert("publication", publication);
            }
            PageKind::Alias => {
                if let Extra::Redirect(target) = &page.extra {
                    let value = r.own(target);
                    r.insert("target", value);
                    let url = r.own(&format!("{}{target}", site.settings.base_url));
                    r.insert("target_url", url);
                }
            }
            PageKind::NotFound | PageKind::Robots | PageKind::Redirects | PageKind::Standing => {}
            PageKind::Home
            | PageKind::Section
            | PageKind::Tag
            | PageKind::Location
            | PageKind::Author
            | PageKind::Month => {
                let articles = r.teasers_of(&page.articles);
                r.insert("articles", articles);
                if let Some(p) = &page.pagination {
                    let value = r.own(&paginator(site, p));
                    r.insert("paginator", value);
                }
                if matches!(page.kind, PageKind::Home | PageKind::Section) {
                    let front = match &page.extra {
                        Extra::Front(layout) => r.front(layout),
                        _ => r.none(),
                    };
                    r.insert("front", front);
                }
                if let Some((kind, slug)) = &page.term {
                    let value = if *kind == TermKind::Place {
                        r.place_term(slug)
                    } else {
                        r.term(*kind, slug)
                    };
                    r.insert("term", value);
                    if *kind == TermKind::Author {
                        let profile = r.profile(slug);
                        r.insert("profile", profile);
                    }
                }
                // The organization is described once, on the front page itself.
                if page.kind == PageKind::Home && page.url == "/" {
                    let organization = r.shared(&self.organization);
                    r.insert("json_ld", organization);
                }
            }
        }
        r.finish()
    }
}

/// Builds one page's context and records what it is made from as it goes. Every value of
/// the context is made here, from the shared values (recorded by their digests) and from
/// values of the page's own (recorded by their serialization), and every article read goes
/// through [`Recorder::article`]: nothing reaches a template unrecorded.
///
/// Without a context to make (`context: None`), only the record is kept: every value is
/// digested exactly as when the context is made, and none is built.
struct Recorder<'s> {
    site: &'s Site,
    shared: &'s Shared,
    digest: Digest,
    articles: Vec<u32>,
    context: Option<Context>,
}

/// What kind of value each digest entry is, so that different shapes never digest alike
/// (an empty `prev` then a teaser, or a teaser then an empty `next`).
#[repr(u64)]
enum Entry {
    Key = 1,
    Own,
    Shared,
    None,
    List,
    Content,
}

impl<'s> Recorder<'s> {
    fn entry(&mut self, entry: Entry) {
        self.digest.u64(entry as u64);
    }

    fn making(&self) -> bool {
        self.context.is_some()
    }

    /// Puts a value made by this recorder into the context.
    fn insert(&mut self, key: &'static str, value: Value) {
        self.entry(Entry::Key);
        self.digest.str(key);
        if let Some(context) = &mut self.context {
            context.insert_value(key, value);
        }
    }

    /// Article `i`, read by this page.
    fn article(&mut self, i: usize) -> &'s Article {
        self.articles.push(i as u32);
        &self.site.articles[i]
    }

    /// A value of this page's own.
    fn own<T: Serialize + ?Sized>(&mut self, view: &T) -> Value {
        self.entry(Entry::Own);
        self.digest.value(view);
        if self.making() {
            Value::from_serializable(view)
        } else {
            Value::none()
        }
    }

    fn shared(&mut self, d: &Digested) -> Value {
        self.entry(Entry::Shared);
        self.digest.u64(d.digest);
        if self.making() {
            d.value.clone()
        } else {
            Value::none()
        }
    }

    fn none(&mut self) -> Value {
        self.entry(Entry::None);
        Value::none()
    }

    /// A list of values made by this recorder.
    fn list(&mut self, values: Vec<Value>) -> Value {
        self.entry(Entry::List);
        self.digest.u64(values.len() as u64);
        Value::from(values)
    }

    fn site_value(&mut self, reads_clock: bool) -> Value {
        let shared = self.shared;
        if reads_clock {
            self.digest.u64(shared.clock);
        }
        self.shared(&shared.site)
    }

    fn teaser(&mut self, i: usize) -> Value {
        self.article(i);
        let shared = self.shared;
        self.shared(&shared.teasers[i])
    }

    /// The profile of the author with this slug; none when there is no profile.
    fn profile(&mut self, slug: &str) -> Value {
        let shared = self.shared;
        match shared.profiles.get(slug) {
            Some(d) => self.shared(d),
            None => self.none(),
        }
    }

    /// HTML of this page's own, marked safe.
    fn html(&mut self, html: &str) -> Value {
        self.entry(Entry::Content);
        self.digest.str(html);
        if self.making() {
            Value::safe_string(html)
        } else {
            Value::none()
        }
    }

    fn term(&mut self, kind: TermKind, slug: &str) -> Value {
        let shared = self.shared;
        match shared.terms.get(&kind).and_then(|m| m.get(slug)) {
            Some(d) => self.shared(d),
            None => self.none(),
        }
    }

    /// An article's body as HTML: marked safe for pages, plain text for feeds (where it is
    /// escaped into `<content type="html">`).
    fn content(&mut self, i: usize, safe: bool) -> Value {
        let article = self.article(i);
        self.entry(Entry::Content);
        self.digest.u64(article.body.digest).u64(u64::from(safe));
        if !article.body.photos.is_empty() {
            self.digest
                .u128(views::body_photos_digest(self.site, article));
        }
        if !self.making() {
            Value::none()
        } else if safe {
            Value::safe_string(&views::body_html(self.site, article, false))
        } else {
            Value::from(views::body_html(self.site, article, true).as_ref())
        }
    }

    /// The teasers of a page's articles, in order.
    fn teasers_of(&mut self, articles: &[usize]) -> Value {
        let list = articles.iter().map(|&i| self.teaser(i)).collect();
        self.list(list)
    }

    /// An article's teaser with its content, for feeds.
    fn with_content(&mut self, i: usize) -> Value {
        let mut map = self.teaser(i).into_map().unwrap_or_default();
        map.insert("content".into(), self.content(i, false));
        Value::from(map)
    }

    /// An article page's `article`: the teaser plus content, neighbours and related articles.
    fn article_page(&mut self, i: usize) -> Value {
        let site = self.site;
        let mut map = self.teaser(i).into_map().unwrap_or_default();
        map.insert("content".into(), self.content(i, true));
        let shared = self.shared;
        map.insert("json_ld".into(), self.shared(&shared.json_ld[i]));
        // Articles are newest first: the older one follows, the newer one precedes.
        let older = (i + 1 < site.articles.len()).then_some(i + 1);
        let prev = match older {
            Some(j) => self.teaser(j),
            None => self.none(),
        };
        map.insert("prev".into(), prev);
        let next = match i.checked_sub(1) {
            Some(j) => self.teaser(j),
            None => self.none(),
        };
        map.insert("next".into(), next);
        let related = site.related[i].iter().map(|&j| self.teaser(j)).collect();
        map.insert("related".into(), self.list(related));
        let profiles: Vec<Value> = site.articles[i]
            .authors
            .iter()
            .filter(|n| shared.profiles.contains_key(&n.slug))
            .map(|n| self.profile(&n.slug))
            .collect();
        map.insert("profiles".into(), self.list(profiles));
        Value::from(map)
    }

    /// Page 1 of a front: its lead, top stories, the rest, the section blocks and the strip.
    fn front(&mut self, layout: &Layout) -> Value {
        let site = self.site;
        let mut map = tera::Map::new();
        map.insert("lead".into(), self.teaser(layout.lead));
        map.insert("top".into(), self.teasers_of(&layout.top));
        map.insert("rest".into(), self.teasers_of(&layout.rest));
        let mut blocks = Vec::new();
        for (slug, stories) in &layout.sections {
            let mut block = tera::Map::new();
            block.insert("section".into(), self.term(TermKind::Section, slug));
            block.insert("articles".into(), self.teasers_of(stories));
            blocks.push(Value::from(block));
        }
        map.insert("sections".into(), self.list(blocks));
        map.insert("breaking".into(), self.own(&breaking_view(site)));
        Value::from(map)
    }

    /// Every correction, newest first, with the article it corrects.
    fn corrections(&mut self) -> Value {
        let site = self.site;
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
                let correction = &self.article(i).corrections[c];
                let mut map = tera::Map::new();
                map.insert("date".into(), self.own(&dates::rfc3339(&correction.date)));
                map.insert(
                    "date_display".into(),
                    self.own(&dates::display(
                        &correction.date,
                        self.site.settings.timezone_label.as_deref(),
                    )),
                );
                map.insert("text".into(), self.own(correction.text.as_str()));
                map.insert("article".into(), self.teaser(i));
                Value::from(map)
            })
            .collect();
        self.list(list)
    }

    /// A place's term with the way up and the places inside it.
    fn place_term(&mut self, slug: &str) -> Value {
        let site = self.site;
        let mut map = self
            .term(TermKind::Place, slug)
            .into_map()
            .unwrap_or_default();
        let ancestors: Vec<Value> = site
            .places
            .ancestors(slug)
            .into_iter()
            .map(|s| self.term(TermKind::Place, s))
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
            .map(|s| self.term(TermKind::Place, s))
            .collect();
        map.insert("ancestors".into(), self.list(ancestors));
        map.insert("children".into(), self.list(children));
        Value::from(map)
    }

    fn finish(mut self) -> (Option<Context>, Record) {
        self.articles.sort_unstable();
        self.articles.dedup();
        let record = Record {
            digest: self.digest.finish(),
            articles: self.articles,
        };
        (self.context, record)
    }
}

/// A page's name (docs/templates.md, `page.title`).
fn page_title(r: &mut Recorder, page: &Page, term: Option<&Term>) -> String {
    let site = r.site;
    let title = match (page.kind, term) {
        (PageKind::Home, _) => site.settings.title.clone(),
        (PageKind::Article, _) => r.article(page.articles[0]).title.clone(),
        (PageKind::Tags, _) => "Tags".to_string(),
        (PageKind::Locations, _) => "Places".to_string(),
        (PageKind::Authors, _) => "Authors".to_string(),
        (PageKind::Archive, _) => "Archive".to_string(),
        (PageKind::Corrections, _) => "Corrections".to_string(),
        (PageKind::Search, _) => "Search".to_string(),
        (PageKind::NotFound, _) => "Page not found".to_string(),
        (PageKind::Alias, _) => "This page has moved".to_string(),
        (PageKind::Standing, _) => match page.extra {
            Extra::Standing(k) => site.pages[k].title.clone(),
            _ => site.settings.title.clone(),
        },
        (_, Some(t)) => t.name.clone(),
        (_, None) => site.settings.title.clone(),
    };
    match &page.pagination {
        Some(p) if p.current > 1 => format!("{title} – page {} of {}", p.current, p.total),
        _ => title,
    }
}

/// The feeds a page links: its own list's first, then the site's.
fn feeds(r: &mut Recorder, page: &Page) -> Vec<FeedLink> {
    let site = r.site;
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
        (PageKind::Article, _) => {
            let section = &r.article(page.articles[0]).section.slug;
            term_feed(TermKind::Section, section)
        }
        (_, Some((kind, slug))) if kind.has_feed() => term_feed(*kind, slug),
        _ => None,
    };
    own.into_iter().chain(std::iter::once(site_feed)).collect()
}
