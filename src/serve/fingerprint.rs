//! What each page of the preview is made from: the inputs `serve` follows to know which
//! pages a change touches, and a fingerprint over them.

use std::hash::{Hash, Hasher};

use crate::plan::{self, Extra, Page, PageKind};
use crate::render::context::Shared;
use crate::render::theme::Theme;
use crate::site::article::Article;
use crate::site::{LoadOptions, Site};

/// Whether a changed article keeps its place in every index, so that only the pages made
/// from it can change.
pub fn same_place(old: &Article, new: &Article) -> bool {
    let names = |n: &[crate::site::article::Name]| {
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

/// Whether the article is still one the site shows.
pub fn published(a: &Article, site: &Site, options: &LoadOptions) -> bool {
    (!a.draft || options.drafts)
        && (a.date <= site.now || options.future)
        && a.expires.as_ref().is_none_or(|e| *e > site.now)
}

pub fn content_hash(a: &Article) -> u64 {
    a.body.digest
}

/// The articles a page is made from.
pub fn inputs(site: &Site, page: &Page) -> Vec<usize> {
    let mut out = page.articles.clone();
    match page.kind {
        PageKind::Article => {
            let i = page.articles[0];
            if i + 1 < site.articles.len() {
                out.push(i + 1);
            }
            if i > 0 {
                out.push(i - 1);
            }
            out.extend(&site.related[i]);
        }
        // The corrections page shows each corrected article's teaser.
        PageKind::Corrections => out
            .extend((0..site.articles.len()).filter(|&i| !site.articles[i].corrections.is_empty())),
        _ => {}
    }
    out
}

/// A digest of everything a page is made from.
pub fn fingerprint(
    site: &Site,
    shared: &Shared,
    theme: &Theme,
    content: &[u64],
    page: &Page,
) -> u64 {
    let mut h = ahash::AHasher::default();
    page.url.hash(&mut h);
    page.kind.name().hash(&mut h);
    theme.digests.get(page.kind.template()).hash(&mut h);
    shared.site_hash.hash(&mut h);
    if let Some(p) = &page.pagination {
        (p.current, p.total, p.total_articles).hash(&mut h);
    }
    if let Some((kind, slug)) = &page.term {
        shared.term_hash(*kind, slug).hash(&mut h);
        if *kind == plan::TermKind::Place {
            for up in site.places.ancestors(slug) {
                shared.term_hash(plan::TermKind::Place, up).hash(&mut h);
            }
            for inside in site.places.children.get(slug).into_iter().flatten() {
                shared.term_hash(plan::TermKind::Place, inside).hash(&mut h);
            }
        }
    }
    for i in inputs(site, page) {
        shared.teaser_hashes[i].hash(&mut h);
    }
    match page.kind {
        PageKind::Article => {
            let i = page.articles[0];
            // Which neighbour is the older and which the newer one.
            let older = (i + 1 < site.articles.len()).then(|| shared.teaser_hashes[i + 1]);
            let newer = i.checked_sub(1).map(|j| shared.teaser_hashes[j]);
            ("older", older, "newer", newer).hash(&mut h);
            let a = &site.articles[i];
            content[page.articles[0]].hash(&mut h);
            shared
                .term_hash(plan::TermKind::Section, &a.section.slug)
                .hash(&mut h);
            // The JSON-LD names the authors' pages and the publisher.
            for author in &a.authors {
                shared
                    .term_hash(plan::TermKind::Author, &author.slug)
                    .hash(&mut h);
            }
        }
        PageKind::Feed => {
            for &i in &page.articles {
                content[i].hash(&mut h);
            }
        }
        PageKind::Tags
        | PageKind::Locations
        | PageKind::Authors
        | PageKind::Archive
        | PageKind::Corrections => {
            shared.all_term_hashes().hash(&mut h);
            if page.kind == PageKind::Locations {
                // The tree: which place lies in which.
                let mut parents: Vec<(&String, &String)> = site.places.parent.iter().collect();
                parents.sort();
                parents.hash(&mut h);
            }
        }
        _ => {}
    }
    match &page.extra {
        Extra::Redirect(target) => target.hash(&mut h),
        Extra::Sitemap(entries) | Extra::SitemapIndex(entries) => {
            for e in entries {
                (&e.url, &e.lastmod).hash(&mut h);
            }
        }
        Extra::Redirects(aliases) => aliases.hash(&mut h),
        Extra::Robots(sitemaps) => sitemaps.hash(&mut h),
        Extra::None => {}
    }
    h.finish()
}

/// The content type a page is served with.
pub fn content_type(page: &Page) -> &'static str {
    match page.kind {
        PageKind::Feed => "application/atom+xml; charset=utf-8",
        PageKind::Sitemap | PageKind::SitemapIndex | PageKind::NewsSitemap => {
            "application/xml; charset=utf-8"
        }
        PageKind::Robots | PageKind::Redirects => "text/plain; charset=utf-8",
        _ => "text/html; charset=utf-8",
    }
}
