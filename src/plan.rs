//! The plan: every page the site has, what kind it is and which articles it shows.

use crate::site::Site;
use crate::site::index::Term;

/// The kinds of taxonomy whose terms have pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TermKind {
    Section,
    Tag,
    Place,
    Author,
}

impl TermKind {
    /// The path of a term's page.
    pub fn url(self, slug: &str) -> String {
        match self {
            TermKind::Section => format!("/{slug}/"),
            TermKind::Tag => format!("/tags/{slug}/"),
            TermKind::Place => format!("/locations/{slug}/"),
            TermKind::Author => format!("/authors/{slug}/"),
        }
    }

    /// The term of this kind with this slug.
    pub fn term<'s>(self, site: &'s Site, slug: &str) -> Option<&'s Term> {
        match self {
            TermKind::Section => site.sections.get(slug),
            TermKind::Tag => site.tags.get(slug),
            TermKind::Place => site.places.places.get(slug),
            TermKind::Author => site.authors.get(slug),
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
    NotFound,
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
            PageKind::NotFound => "404.html",
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
            PageKind::NotFound => "404",
        }
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
}

impl Page {
    /// The file the page is written to, relative to the output folder.
    pub fn file(&self) -> String {
        match self.kind {
            PageKind::NotFound => "404.html".to_string(),
            _ => format!("{}index.html", self.url.trim_start_matches('/')),
        }
    }
}

/// Every page of the site.
pub fn plan(site: &Site) -> Vec<Page> {
    let per_page = site.settings.per_page;
    let mut pages: Vec<Page> = site
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| Page {
            url: a.url.clone(),
            kind: PageKind::Article,
            term: None,
            articles: vec![i],
            pagination: None,
        })
        .collect();
    let all: Vec<usize> = (0..site.articles.len()).collect();
    paginate(&mut pages, PageKind::Home, None, "/", &all, per_page);
    let lists = [
        (TermKind::Section, PageKind::Section, &site.sections.terms),
        (TermKind::Tag, PageKind::Tag, &site.tags.terms),
        (
            TermKind::Place,
            PageKind::Location,
            &site.places.places.terms,
        ),
        (TermKind::Author, PageKind::Author, &site.authors.terms),
    ];
    for (term_kind, page_kind, terms) in lists {
        for term in terms {
            let base = term_kind.url(&term.slug);
            paginate(
                &mut pages,
                page_kind,
                Some((term_kind, term.slug.clone())),
                &base,
                &term.articles,
                per_page,
            );
        }
    }
    for (kind, url) in [
        (PageKind::Tags, "/tags/"),
        (PageKind::Locations, "/locations/"),
        (PageKind::Authors, "/authors/"),
        (PageKind::NotFound, "/404.html"),
    ] {
        pages.push(Page {
            url: url.to_string(),
            kind,
            term: None,
            articles: Vec::new(),
            pagination: None,
        });
    }
    pages
}

/// Adds the pages of one list: `per_page` articles a page, at least one page, no empty page.
fn paginate(
    pages: &mut Vec<Page>,
    kind: PageKind,
    term: Option<(TermKind, String)>,
    base: &str,
    articles: &[usize],
    per_page: usize,
) {
    let total = articles.len().div_ceil(per_page).max(1);
    for current in 1..=total {
        let chunk = &articles[(current - 1) * per_page..(current * per_page).min(articles.len())];
        pages.push(Page {
            url: page_url(base, current),
            kind,
            term: term.clone(),
            articles: chunk.to_vec(),
            pagination: Some(Pagination {
                base: base.to_string(),
                current,
                total,
                total_articles: articles.len(),
            }),
        });
    }
}
