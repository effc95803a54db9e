//! Related articles: for each article, the ones that share the most tags and places with it
//! (newest first among equals), at most five.

use ahash::{AHashMap as HashMap, AHashSet as HashSet};
use std::ffi::OsStr;
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

/// A related list: (shared keys, article index), best first.
type Ranked = Vec<(u32, usize)>;

fn keys<'a>(a: &'a Article, places: &'a [String]) -> impl Iterator<Item = Key<'a>> {
    a.tags
        .iter()
        .map(|t| (0, t.slug.as_str()))
        .chain(places.iter().map(|p| (1, p.as_str())))
}

/// Best first: most shared keys, then the lower index (the newer article).
fn order(a: &(u32, usize), b: &(u32, usize)) -> std::cmp::Ordering {
    b.0.cmp(&a.0).then(a.1.cmp(&b.1))
}

/// Every article's related list (indexes into `articles`, which are newest first), and how
/// many tags and places each related article shares with it.
pub fn related(
    articles: &[Arc<Article>],
    places: &PlaceIndex,
    previous: Option<Previous>,
) -> (Vec<Vec<usize>>, Vec<Vec<u32>>) {
    let mut by_key: HashMap<Key, Vec<usize>> = HashMap::new();
    for (i, a) in articles.iter().enumerate() {
        for key in keys(a, &places.of_article[i]) {
            by_key.entry(key).or_default().push(i);
        }
    }
    let reuse: Vec<Option<Ranked>> = match previous {
        Some(previous) => reusable(articles, places, &previous),
        None => vec![None; articles.len()],
    };
    let ranked: Vec<Ranked> = reuse
        .into_par_iter()
        .enumerate()
        .map_init(
            || (vec![0u32; articles.len()], Vec::new()),
            |(counts, touched), (i, reused)| {
                reused.unwrap_or_else(|| rank(i, articles, places, &by_key, counts, touched))
            },
        )
        .collect();
    ranked
        .into_iter()
        .map(|r| r.into_iter().map(|(c, j)| (j, c)).unzip())
        .unzip()
}

/// The related lists of the previous site that still hold, moved to the new indexes. When
/// one article changed, a list it can only enter (or rise in) is updated in place; a list
/// it may have fallen out of is computed anew.
fn reusable(
    articles: &[Arc<Article>],
    places: &PlaceIndex,
    previous: &Previous,
) -> Vec<Option<Ranked>> {
    let old = previous.site;
    let changed: HashSet<&OsStr> = previous.changed.iter().map(|p| p.as_os_str()).collect();
    let new_index: HashMap<&OsStr, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.source.as_os_str(), i))
        .collect();
    let old_index: HashMap<&OsStr, usize> = old
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.source.as_os_str(), i))
        .collect();
    // Every tag and place a changed article had or has: lists that count them may move.
    let mut touched: HashSet<Key> = HashSet::new();
    for source in &changed {
        if let Some(&j) = old_index.get(source) {
            touched.extend(keys(&old.articles[j], &old.places.of_article[j]));
        }
        if let Some(&i) = new_index.get(source) {
            touched.extend(keys(&articles[i], &places.of_article[i]));
        }
    }
    // Articles that came or went without being among the changed files (a scheduled story
    // published by the clock, say) count as changed too, and then nothing is updated in place.
    let mut others_moved = false;
    for (i, a) in articles.iter().enumerate() {
        if !old_index.contains_key(a.source.as_os_str()) && !changed.contains(a.source.as_os_str())
        {
            touched.extend(keys(a, &places.of_article[i]));
            others_moved = true;
        }
    }
    for (j, a) in old.articles.iter().enumerate() {
        if !new_index.contains_key(a.source.as_os_str()) && !changed.contains(a.source.as_os_str())
        {
            touched.extend(keys(a, &old.places.of_article[j]));
            others_moved = true;
        }
    }
    // The one changed article as it was and as it is (index, keys), when only one changed.
    let single = match previous.changed {
        [one] if !others_moved => Some((
            old_index.get(one.as_os_str()).map(|&j| {
                (
                    j,
                    keys(&old.articles[j], &old.places.of_article[j]).collect::<HashSet<Key>>(),
                )
            }),
            new_index.get(one.as_os_str()).map(|&i| {
                (
                    i,
                    keys(&articles[i], &places.of_article[i]).collect::<HashSet<Key>>(),
                )
            }),
        )),
        _ => None,
    };
    let moved = match &single {
        Some((Some((j, _)), Some((i, _)))) => old.articles[*j].date != articles[*i].date,
        _ => false,
    };
    articles
        .iter()
        .enumerate()
        .map(|(i, a)| {
            if changed.contains(a.source.as_os_str()) {
                return None;
            }
            let &j = old_index.get(a.source.as_os_str())?;
            // The old list with new indexes; an article that is gone means computing anew.
            let mut list: Ranked = old.related[j]
                .iter()
                .zip(&old.related_shared[j])
                .map(|(&k, &c)| {
                    new_index
                        .get(old.articles[k].source.as_os_str())
                        .map(|&k| (c, k))
                })
                .collect::<Option<_>>()?;
            let mine: Vec<Key> = keys(a, &places.of_article[i]).collect();
            if !mine.iter().any(|k| touched.contains(k)) {
                return Some(list);
            }
            let (was, is) = single.as_ref()?;
            let shared =
                |theirs: &HashSet<Key>| mine.iter().filter(|k| theirs.contains(k)).count() as u32;
            let before = was.as_ref().map_or(0, |(_, k)| shared(k));
            let now = is.as_ref().map_or(0, |(_, k)| shared(k));
            let was_listed = was
                .as_ref()
                .is_some_and(|(x, _)| old.related[j].contains(x));
            if was_listed && (now < before || moved || is.is_none()) {
                // It may have fallen below an article the old list did not keep.
                return None;
            }
            // Every other article shares as much as before: only the changed one moves.
            if let Some((x, _)) = is {
                list.retain(|(_, k)| k != x);
                if now > 0 {
                    list.push((now, *x));
                }
            }
            list.sort_by(order);
            list.truncate(RELATED);
            Some(list)
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
) -> Ranked {
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
    let mut ranked: Ranked = touched.iter().map(|&j| (counts[j], j)).collect();
    let take = ranked.len().min(RELATED);
    if take > 0 {
        ranked.select_nth_unstable_by(take - 1, order);
        ranked.truncate(take);
        ranked.sort_by(order);
    }
    for &j in touched.iter() {
        counts[j] = 0;
    }
    touched.clear();
    // Ranked held every candidate: keep five, not the room for thousands.
    ranked.shrink_to_fit();
    ranked
}
