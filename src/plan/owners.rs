//! Who owns each path of the output. The plan claims every page's, feed's, sitemap's,
//! alias's and static file's path once; a second claim on a path (or a file where another
//! owner needs a folder) is an error naming both, at the file and line that set the address.

use std::collections::HashMap;

use super::{Page, PageKind};
use crate::diagnostics::Diagnostic;
use crate::site::Site;
use crate::site::index::TermKind;

/// What put a file in the output. Every path of the output has one owner: the plan claims
/// each page's, each alias's and each static file's path once, and a second claim is an
/// error naming both (with the file and line that set the address, where there is one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Owner {
    /// An article's page (its index in the site).
    Article(usize),
    /// The `k`-th alias of an article.
    Alias(usize, usize),
    /// A page or feed of a section, tag, place, author or month.
    Term(TermKind, String),
    /// One of the site's own pages: the home page, /tags/, the sitemap ...
    Site(PageKind),
    /// A file of static/ (its index in the site's list).
    Static(usize),
    /// A standing page (its index in the site's standing pages).
    Standing(usize),
    /// A copy of a photo (the photo's path on the site).
    Photo(String),
}

impl Owner {
    /// The owner of a page made by the plan.
    pub(super) fn of(page: &Page) -> Owner {
        match (&page.kind, &page.term) {
            (PageKind::Article, _) => Owner::Article(page.articles[0]),
            (PageKind::Standing, _) => match page.extra {
                super::Extra::Standing(k) => Owner::Standing(k),
                _ => Owner::Site(PageKind::Standing),
            },
            (_, Some((kind, slug))) => Owner::Term(*kind, slug.clone()),
            (kind, None) => Owner::Site(*kind),
        }
    }

    /// Which of two owners the error is about: the one a writer set by hand.
    fn rank(&self) -> u8 {
        match self {
            Owner::Article(_) | Owner::Alias(..) | Owner::Standing(_) => 0,
            Owner::Static(_) | Owner::Photo(_) => 1,
            Owner::Term(..) => 2,
            Owner::Site(_) => 3,
        }
    }

    /// The file and line that set this owner's address, where there is one.
    fn place<'s>(&self, site: &'s Site) -> Option<(&'s std::path::Path, Option<usize>)> {
        match self {
            Owner::Article(i) => {
                let a = &site.articles[*i];
                Some((&a.source, a.lines.slug))
            }
            Owner::Alias(i, k) => {
                let a = &site.articles[*i];
                Some((&a.source, a.lines.aliases.get(*k).copied()))
            }
            Owner::Static(j) => Some((&site.static_files[*j].source, None)),
            Owner::Standing(k) => Some((&site.pages[*k].source, None)),
            Owner::Photo(path) => site.photos.get(path).map(|p| (p.file.as_path(), None)),
            Owner::Term(kind, slug) => {
                let a = &site.articles[*kind.term(site, slug)?.articles.first()?];
                let line = (*kind == TermKind::Section).then_some(a.lines.section);
                Some((&a.source, line.flatten()))
            }
            Owner::Site(_) => None,
        }
    }

    /// An error at this owner's file and line.
    pub(super) fn diagnostic(&self, site: &Site, message: String) -> Diagnostic {
        match self.place(site) {
            Some((source, Some(line))) => Diagnostic::error(source, message).at(line, 1),
            Some((source, None)) => Diagnostic::error(source, message),
            None => Diagnostic::error("site.toml", message),
        }
    }

    /// The owner in a message written at its own file ("this article").
    fn this(&self, site: &Site) -> String {
        match self {
            Owner::Article(_) => "this article".to_string(),
            Owner::Alias(..) => "this alias".to_string(),
            Owner::Static(_) => "this static file".to_string(),
            Owner::Photo(path) => format!("a copy of the photo {path}"),
            Owner::Standing(_) => "this standing page".to_string(),
            Owner::Term(kind, slug) => format!(
                "the {} `{}` of this article",
                kind.noun(),
                kind.term(site, slug).map_or(slug.as_str(), |t| &t.name)
            ),
            Owner::Site(kind) => site_page(*kind).to_string(),
        }
    }

    /// The owner in a message written elsewhere, with its file and line.
    fn describe(&self, site: &Site) -> String {
        let place = match self.place(site) {
            Some((source, Some(line))) => format!("{} (line {line})", source.display()),
            Some((source, None)) => source.display().to_string(),
            None => String::new(),
        };
        match self {
            Owner::Article(_) => format!("the article {place}"),
            Owner::Alias(..) => format!("an alias of {place}"),
            Owner::Static(_) => format!("the static file {place}"),
            Owner::Photo(path) => format!("a copy of the photo {path} ({place})"),
            Owner::Standing(_) => format!("the standing page {place}"),
            Owner::Term(kind, slug) => format!(
                "the pages of the {} `{}` (named in {place})",
                kind.noun(),
                kind.term(site, slug).map_or(slug.as_str(), |t| &t.name)
            ),
            Owner::Site(kind) => site_page(*kind).to_string(),
        }
    }

    /// What to do when this owner's address is taken.
    fn help(&self) -> &'static str {
        match self {
            Owner::Article(_) => {
                "give the article another slug (slug = \"...\" in its front matter), or change `permalink` in site.toml"
            }
            Owner::Alias(..) => "remove the alias: an address can lead to one page only",
            Owner::Standing(_) => {
                "rename the file under content/_pages/: its name is the page's address"
            }
            Owner::Static(_) => {
                "rename or remove the static file: that address belongs to a page newsdesk makes"
            }
            Owner::Photo(_) => {
                "rename the photo: its copies are published beside it, named after it"
            }
            Owner::Term(TermKind::Section, _) => {
                "rename the section (section = \"...\" in the front matter, or the folder under content/)"
            }
            Owner::Term(..) => "rename it in the articles that name it",
            Owner::Site(_) => "this is a page newsdesk makes; rename the other",
        }
    }
}

/// The owner of every path of the output, and the collisions found.
#[derive(Default)]
pub(super) struct Owners {
    by_file: HashMap<String, (String, Owner)>,
    pub(super) errors: Vec<Diagnostic>,
}

impl Owners {
    /// Claims the output `file` (at `url`) for `owner`; on a collision records an error
    /// naming both and returns false.
    pub(super) fn claim(&mut self, site: &Site, file: String, url: &str, owner: Owner) -> bool {
        match self.by_file.get(&file) {
            None => {
                self.by_file.insert(file, (url.to_string(), owner));
                true
            }
            Some((_, first)) if *first == owner => true,
            Some((_, first)) => {
                let first = first.clone();
                let error = collision(site, &first, &owner, url);
                self.errors.push(error);
                false
            }
        }
    }

    /// A file where another owner needs a folder (`static/tags` and the page `/tags/`).
    pub(super) fn check_folders(&mut self, site: &Site) {
        let mut found = Vec::new();
        for (file, (url, owner)) in &self.by_file {
            for (at, _) in file.match_indices('/') {
                if let Some((_, other)) = self.by_file.get(&file[..at]) {
                    let (here, _) = at_fault(site, other, owner);
                    let message = format!(
                        "{} is a file at /{}, where {} needs a folder (for {url})",
                        other.describe(site),
                        &file[..at],
                        owner.describe(site)
                    );
                    found.push(here.diagnostic(site, message).help(here.help()));
                }
            }
        }
        self.errors.extend(found);
    }
}

/// The site's own pages as messages name them.
fn site_page(kind: PageKind) -> &'static str {
    match kind {
        PageKind::Home => "the home page",
        PageKind::Tags => "the site's list of tags",
        PageKind::Locations => "the site's list of places",
        PageKind::Authors => "the site's list of authors",
        PageKind::Archive => "the site's archive",
        PageKind::Corrections => "the site's corrections page",
        PageKind::NotFound => "the site's page for addresses not found",
        PageKind::Feed => "the site's feed",
        PageKind::Sitemap | PageKind::SitemapIndex => "the site's sitemap",
        PageKind::NewsSitemap => "the site's news sitemap",
        PageKind::Robots => "the built-in robots.txt",
        PageKind::Search => "the site's search page",
        PageKind::Redirects => "the site's list of redirects",
        _ => "a page of the site",
    }
}

/// Which of two owners an error is placed at: the one a writer set by hand; of two such,
/// the later file (so that the message does not depend on which was claimed first).
fn at_fault<'o>(site: &Site, first: &'o Owner, second: &'o Owner) -> (&'o Owner, &'o Owner) {
    let key = |o: &Owner| (std::cmp::Reverse(o.rank()), o.place(site));
    if key(second) >= key(first) {
        (second, first)
    } else {
        (first, second)
    }
}

/// The error about two owners of one address, placed at the one a writer set by hand and
/// naming the other.
fn collision(site: &Site, first: &Owner, second: &Owner, url: &str) -> Diagnostic {
    let (here, other) = at_fault(site, first, second);
    let message = match (here, other) {
        (Owner::Alias(..), Owner::Alias(..)) => {
            format!("alias {url} is also {}", other.describe(site))
        }
        (Owner::Alias(..), _) => format!(
            "alias {url} is the address of a page of the site: {}",
            other.describe(site)
        ),
        _ => format!(
            "{} and {} both have the address {url}",
            here.this(site),
            other.describe(site)
        ),
    };
    here.diagnostic(site, message).help(here.help())
}
