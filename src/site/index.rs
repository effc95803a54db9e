//! The indexes: tags, places, authors and sections, each a list of terms with their articles.

use ahash::AHashMap as HashMap;
use std::sync::Arc;

use crate::site::article::{Article, Name};
use crate::site::gazetteer::Gazetteer;

/// The kinds of taxonomy whose terms have pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TermKind {
    Section,
    Tag,
    Place,
    Author,
    /// A month of the archive (slug `2025/05`).
    Month,
}

impl TermKind {
    /// Every kind, in the order pages list them.
    pub const ALL: [TermKind; 5] = [
        TermKind::Section,
        TermKind::Tag,
        TermKind::Place,
        TermKind::Author,
        TermKind::Month,
    ];

    /// Every term of this kind.
    pub fn terms(self, site: &crate::site::Site) -> &[Term] {
        match self {
            TermKind::Section => &site.sections.terms,
            TermKind::Tag => &site.tags.terms,
            TermKind::Place => &site.places.places.terms,
            TermKind::Author => &site.authors.terms,
            TermKind::Month => &site.months.terms,
        }
    }

    /// The term of this kind with this slug.
    pub fn term<'s>(self, site: &'s crate::site::Site, slug: &str) -> Option<&'s Term> {
        match self {
            TermKind::Section => site.sections.get(slug),
            TermKind::Tag => site.tags.get(slug),
            TermKind::Place => site.places.places.get(slug),
            TermKind::Author => site.authors.get(slug),
            TermKind::Month => site.months.get(slug),
        }
    }
}

/// A tag, place, author or section, and the articles on its page.
#[derive(Debug, Clone)]
pub struct Term {
    /// The spelling shown: the one used most often (ties: the earliest article's).
    pub name: String,
    pub slug: String,
    /// Indexes into the site's articles, newest first.
    pub articles: Vec<usize>,
}

/// The terms of one kind, A-Z by slug.
#[derive(Debug, Clone, Default)]
pub struct Taxonomy {
    pub terms: Vec<Term>,
    by_slug: HashMap<String, usize>,
}

/// Counts the spellings of each slug to pick the one shown.
#[derive(Default)]
struct Spellings {
    /// slug -> spelling -> (uses, rank of the earliest article using it; lower is earlier)
    seen: HashMap<String, HashMap<String, (usize, usize)>>,
}

impl Spellings {
    fn add(&mut self, name: &Name, rank: usize) {
        let entry = self
            .seen
            .entry(name.slug.clone())
            .or_default()
            .entry(name.text.clone())
            .or_insert((0, rank));
        entry.0 += 1;
        entry.1 = entry.1.min(rank);
    }

    fn best(&self, slug: &str) -> Option<String> {
        self.seen
            .get(slug)?
            .iter()
            .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.1.1.cmp(&a.1.1)))
            .map(|(s, _)| s.clone())
    }
}

impl Taxonomy {
    /// Builds a taxonomy from the names each article gives (articles newest first).
    pub fn build(articles: &[Arc<Article>], names: impl Fn(&Article) -> &[Name]) -> Taxonomy {
        Taxonomy::build_with(
            articles,
            |_, a| {
                names(a)
                    .iter()
                    .map(|n| (n.clone(), n.slug.clone()))
                    .collect()
            },
            |_| None,
        )
    }

    /// Builds a taxonomy from, for each article, the names it gives and the term slug each
    /// counts for; `fixed_name` gives a name that wins over the spellings (the gazetteer's).
    fn build_with(
        articles: &[Arc<Article>],
        entries: impl Fn(usize, &Article) -> Vec<(Name, String)>,
        fixed_name: impl Fn(&str) -> Option<String>,
    ) -> Taxonomy {
        let mut spellings = Spellings::default();
        let mut lists: HashMap<String, Vec<usize>> = HashMap::new();
        let last = articles.len();
        for (i, article) in articles.iter().enumerate() {
            for (name, slug) in entries(i, article) {
                // The oldest article is the last one: it ranks first in ties.
                if name.slug == slug {
                    spellings.add(&name, last - i);
                }
                let list = lists.entry(slug).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        let mut terms: Vec<Term> = lists
            .into_iter()
            .map(|(slug, articles)| Term {
                name: fixed_name(&slug)
                    .or_else(|| spellings.best(&slug))
                    .unwrap_or_else(|| slug.clone()),
                slug,
                articles,
            })
            .collect();
        terms.sort_by(|a, b| a.slug.cmp(&b.slug));
        Taxonomy::from_terms(terms)
    }

    /// A taxonomy of terms made elsewhere (the archive's months), kept in the given order.
    pub fn from_terms(terms: Vec<Term>) -> Taxonomy {
        let by_slug = terms
            .iter()
            .enumerate()
            .map(|(i, t)| (t.slug.clone(), i))
            .collect();
        Taxonomy { terms, by_slug }
    }

    pub fn get(&self, slug: &str) -> Option<&Term> {
        self.by_slug.get(slug).map(|&i| &self.terms[i])
    }

    /// The shown name of a slug (the slug itself when unknown).
    pub fn name_of<'a>(&'a self, slug: &'a str) -> &'a str {
        self.get(slug).map_or(slug, |t| t.name.as_str())
    }
}

/// Places, nested by the gazetteer: a place's articles include those of every place inside it.
#[derive(Debug, Clone, Default)]
pub struct PlaceIndex {
    pub places: Taxonomy,
    /// slug -> the slug of the place it lies in (only places with articles).
    pub parent: HashMap<String, String>,
    /// slug -> the places directly inside it that have articles, by slug.
    pub children: HashMap<String, Vec<String>>,
    /// Each article's own places (canonical slugs), by article index.
    pub of_article: Vec<Vec<String>>,
}

impl PlaceIndex {
    pub fn build(articles: &[Arc<Article>], gazetteer: &Gazetteer) -> PlaceIndex {
        let of_article: Vec<Vec<String>> = articles
            .iter()
            .map(|a| {
                let mut own: Vec<String> = Vec::new();
                for n in &a.locations {
                    let slug = gazetteer.canonical(&n.slug).to_string();
                    if !own.contains(&slug) {
                        own.push(slug);
                    }
                }
                own
            })
            .collect();
        let places = Taxonomy::build_with(
            articles,
            |i, a| {
                let mut out = Vec::new();
                for (n, slug) in a.locations.iter().zip(&of_article[i]) {
                    out.push((
                        Name {
                            text: n.text.clone(),
                            slug: n.slug.clone(),
                        },
                        slug.clone(),
                    ));
                    for up in gazetteer.ancestors(slug) {
                        out.push((
                            Name {
                                text: String::new(),
                                slug: String::new(),
                            },
                            up,
                        ));
                    }
                }
                out
            },
            |slug| gazetteer.get(slug).map(|p| p.name.clone()),
        );
        let mut parent = HashMap::new();
        let mut children: HashMap<String, Vec<String>> = HashMap::new();
        for term in &places.terms {
            if let Some(up) = gazetteer.get(&term.slug).and_then(|p| p.parent.clone()) {
                children
                    .entry(up.clone())
                    .or_default()
                    .push(term.slug.clone());
                parent.insert(term.slug.clone(), up);
            }
        }
        PlaceIndex {
            places,
            parent,
            children,
            of_article,
        }
    }

    /// The way up from a place, outermost first (Asia, South Caucasus, Azerbaijan for Lachin).
    pub fn ancestors(&self, slug: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut current = self.parent.get(slug);
        while let Some(up) = current {
            if out.contains(&up.as_str()) {
                break;
            }
            out.push(up.as_str());
            current = self.parent.get(up);
        }
        out.reverse();
        out
    }

    /// The top-level places (inside no other place with articles), A-Z.
    pub fn roots(&self) -> Vec<&str> {
        self.places
            .terms
            .iter()
            .filter(|t| !self.parent.contains_key(&t.slug))
            .map(|t| t.slug.as_str())
            .collect()
    }

    /// The places directly inside `slug` that have articles, A-Z by name.
    pub fn inside(&self, slug: &str) -> Vec<&Term> {
        let mut inside: Vec<&Term> = (self.children.get(slug).into_iter().flatten())
            .filter_map(|s| self.places.get(s))
            .collect();
        inside.sort_by(|a, b| a.name.cmp(&b.name));
        inside
    }

    /// Every place with articles, each followed by the places inside it, with how many of
    /// them it lies inside (0 for one of [`PlaceIndex::roots`]).
    pub fn tree(&self) -> Vec<(&Term, usize)> {
        fn walk<'a>(
            index: &'a PlaceIndex,
            term: &'a Term,
            depth: usize,
            out: &mut Vec<(&'a Term, usize)>,
        ) {
            out.push((term, depth));
            if depth < crate::site::gazetteer::MAX_DEPTH {
                for child in index.inside(&term.slug) {
                    walk(index, child, depth + 1, out);
                }
            }
        }
        let mut out = Vec::with_capacity(self.places.terms.len());
        for root in self.roots() {
            if let Some(term) = self.places.get(root) {
                walk(self, term, 0, &mut out);
            }
        }
        out
    }
}

/// Whether a changed article keeps its place in every index, so that only the pages made
/// from it can change.
pub fn same_place(old: &Article, new: &Article) -> bool {
    let names = |n: &[Name]| {
        n.iter()
            .map(|n| (n.slug.clone(), n.text.clone()))
            .collect::<Vec<_>>()
    };
    old.url == new.url
        && old.date == new.date
        && old.updated == new.updated
        && old.expires == new.expires
        && old.draft == new.draft
        && names(&old.tags) == names(&new.tags)
        && names(&old.locations) == names(&new.locations)
        && names(&old.authors) == names(&new.authors)
        && old.section.slug == new.section.slug
        && old.section.text == new.section.text
        && old.aliases == new.aliases
        && old.image == new.image
        && old.corrections.len() == new.corrections.len()
        && old
            .corrections
            .iter()
            .zip(&new.corrections)
            .all(|(a, b)| a.date == b.date && a.text == b.text)
}
