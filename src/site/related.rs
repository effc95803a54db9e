//! Related articles: for each article, the ones that share the most tags and places with it
//! (newest first among equals), at most five.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::site::Site;
use crate::site::article::Article;
use crate::site::index::PlaceIndex;

/// How many related articles an article page shows.
pub const RELATED: usize = 5;

/// A site assembled before, and the article files changed since: the related lists of the
/// articles that share no tag or place with a changed article cannot have changed.
pub struct Previous<'a> {
    pub site: &'a Site,
    pub changed: &'a [PathBuf],
}

/// A tag (0) or a place (1), by slug.
type Key<'a> = (u8, &'a str);

fn keys<'a>(a: &'a Article, places: &'a [String]) -> impl Iterator<Item = Key<'a>> {
    a.tags
        .iter()
        .map(|t| (0, t.slug.as_str()))
        .chain(places.iter().map(|p| (1, p.as_str())))
}

/// Every article's related list (indexes into `articles`, which are newest first).
pub fn related(
    articles: &[Arc<Article>],
    places: &PlaceIndex,
    previous: Option<Previous>,
) -> Vec<Vec<usize>> {
    let mut by_key: HashMap<Key, Vec<usize>> = HashMap::new();
    for (i, a) in articles.iter().enumerate() {
        for key in keys(a, &places.of_article[i]) {
            by_key.entry(key).or_default().push(i);
        }
    }
    let reuse: Vec<Option<Vec<usize>>> = match previous {
        Some(previous) => reusable(articles, places, &previous),
        None => vec![None; articles.len()],
    };
    reuse
        .into_par_iter()
        .enumerate()
        .map_init(
            || (vec![0u32; articles.len()], Vec::new()),
            |(counts, touched), (i, reused)| {
                reused.unwrap_or_else(|| rank(i, articles, places, &by_key, counts, touched))
            },
        )
        .collect()
}

/// The related lists of the previous site that still hold, moved to the new indexes.
fn reusable(
    articles: &[Arc<Article>],
    places: &PlaceIndex,
    previous: &Previous,
) -> Vec<Option<Vec<usize>>> {
    let old = previous.site;
    let changed: HashSet<&PathBuf> = previous.changed.iter().collect();
    let new_index: HashMap<&PathBuf, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (&a.source, i))
        .collect();
    let old_index: HashMap<&PathBuf, usize> = old
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| (&a.source, i))
        .collect();
    // Every tag and place a changed article had or has: lists that count them may move.
    let mut touched: HashSet<Key> = HashSet::new();
    for source in &changed {
        if let Some(&j) = old_index.get(*source) {
            touched.extend(keys(&old.articles[j], &old.places.of_article[j]));
        }
        if let Some(&i) = new_index.get(*source) {
            touched.extend(keys(&articles[i], &places.of_article[i]));
        }
    }
    // Articles that came or went without being among the changed files (a draft published
    // by the clock, say) count as changed too.
    for a in articles
        .iter()
        .filter(|a| !old_index.contains_key(&a.source))
    {
        let i = new_index[&a.source];
        touched.extend(keys(a, &places.of_article[i]));
    }
    for (j, a) in old
        .articles
        .iter()
        .enumerate()
        .filter(|(_, a)| !new_index.contains_key(&a.source))
    {
        touched.extend(keys(a, &old.places.of_article[j]));
    }
    articles
        .iter()
        .enumerate()
        .map(|(i, a)| {
            if changed.contains(&a.source)
                || keys(a, &places.of_article[i]).any(|k| touched.contains(&k))
            {
                return None;
            }
            let &j = old_index.get(&a.source)?;
            old.related[j]
                .iter()
                .map(|&k| new_index.get(&old.articles[k].source).copied())
                .collect()
        })
        .collect()
}

/// Article `i`'s related list: every article sharing a key, ranked by how many it shares.
fn rank(
    i: usize,
    articles: &[Arc<Article>],
    places: &PlaceIndex,
    by_key: &HashMap<Key, Vec<usize>>,
    counts: &mut [u32],
    touched: &mut Vec<usize>,
) -> Vec<usize> {
    for key in keys(&articles[i], &places.of_article[i]) {
        for &j in &by_key[&key] {
            if j != i {
                if counts[j] == 0 {
                    touched.push(j);
                }
                counts[j] += 1;
            }
        }
    }
    // Most shared first; among equals the lower index, which is the newer article.
    let mut ranked: Vec<(u32, usize)> = touched.iter().map(|&j| (counts[j], j)).collect();
    let take = ranked.len().min(RELATED);
    if take > 0 {
        ranked.select_nth_unstable_by(take - 1, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked.truncate(take);
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    }
    for &j in touched.iter() {
        counts[j] = 0;
    }
    touched.clear();
    ranked.iter().map(|&(_, j)| j).collect()
}
