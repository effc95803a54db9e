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
    let postings = Postings::build(articles, places);
    let reuse: Vec<Option<Ranked>> = match previous {
        Some(previous) => reusable(articles, places, &previous),
        None => vec![None; articles.len()],
    };
    let ranked: Vec<Ranked> = reuse
        .into_par_iter()
        .enumerate()
        .map_init(Vec::new, |cursors, (i, reused)| {
            reused.unwrap_or_else(|| rank(i, &postings, cursors))
        })
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

/// Every tag's and place's articles, and every article's tags and places, by number.
struct Postings {
    /// Per key: the indexes of the articles that name it, ascending; an article that names
    /// it twice is in it twice.
    lists: Vec<Vec<usize>>,
    /// Per key: the most times one article is in its list (1 unless a name is repeated).
    most: Vec<u32>,
    /// Per article: its keys, each with how many times the article names it.
    keys: Vec<Vec<(usize, u32)>>,
}

impl Postings {
    fn build(articles: &[Arc<Article>], places: &PlaceIndex) -> Postings {
        let mut ids: HashMap<Key, usize> = HashMap::new();
        let mut lists: Vec<Vec<usize>> = Vec::new();
        let keys = articles
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let mut own: Vec<(usize, u32)> = Vec::new();
                for key in keys(a, &places.of_article[i]) {
                    let id = *ids.entry(key).or_insert_with(|| {
                        lists.push(Vec::new());
                        lists.len() - 1
                    });
                    lists[id].push(i);
                    match own.iter_mut().find(|(k, _)| *k == id) {
                        Some((_, times)) => *times += 1,
                        None => own.push((id, 1)),
                    }
                }
                own
            })
            .collect();
        let most = lists
            .iter()
            .map(|list| {
                list.chunk_by(|a, b| a == b)
                    .map(|run| run.len() as u32)
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        Postings { lists, most, keys }
    }
}

/// A place in one key's list of articles, while one article's related list is ranked.
struct Cursor<'a> {
    list: &'a [usize],
    at: usize,
    /// How many times the ranked article names this key: each time the other one does
    /// counts this many.
    weight: u32,
    /// The most this key can add to one article's count.
    bound: u32,
}

impl Cursor<'_> {
    fn current(&self) -> Option<usize> {
        self.list.get(self.at).copied()
    }

    /// What article `j` gets from this key, when the cursor is at or before `j`'s place,
    /// moving past it.
    fn take(&mut self, j: usize) -> u32 {
        let mut times = 0;
        while self.list.get(self.at) == Some(&j) {
            self.at += 1;
            times += 1;
        }
        times * self.weight
    }

    /// Like [`Cursor::take`], from anywhere before `j`: skips ahead in growing steps, then
    /// halves the last step.
    fn seek(&mut self, j: usize) -> u32 {
        let rest = &self.list[self.at..];
        let mut step = 1;
        while step < rest.len() && rest[step] < j {
            step *= 2;
        }
        let from = step / 2;
        let to = rest.len().min(step + 1);
        self.at += from + rest[from..to].partition_point(|&k| k < j);
        self.take(j)
    }
}

/// Article `i`'s related list: the most shared keys first, then the lower index.
///
/// Candidates are visited in index order, merging the lists of its keys, so an article that
/// only ties the fifth best comes after it and never enters. Once five are kept, the longest
/// lists whose bounds add up to no more than the fifth best's count are only looked up for
/// articles found in the others (an article in none of those cannot pass it); their long
/// runs of articles are never walked.
fn rank<'a>(i: usize, postings: &'a Postings, cursors: &mut Vec<Cursor<'a>>) -> Ranked {
    cursors.clear();
    cursors.extend(postings.keys[i].iter().map(|&(id, weight)| Cursor {
        list: &postings.lists[id],
        at: 0,
        weight,
        bound: weight * postings.most[id],
    }));
    cursors.sort_by_key(|c| c.list.len());
    // Lists `walked..` are looked up, not walked; `beyond[s]` is the most lists `s..` add.
    let mut beyond = vec![0u32; cursors.len() + 1];
    for s in (0..cursors.len()).rev() {
        beyond[s] = beyond[s + 1] + cursors[s].bound;
    }
    let mut walked = cursors.len();
    // A newcomer must share more than this.
    let mut bar = 0;
    let mut top: Ranked = Vec::with_capacity(RELATED + 1);
    while let Some(j) = cursors[..walked].iter().filter_map(Cursor::current).min() {
        let mut shared: u32 = cursors[..walked].iter_mut().map(|c| c.take(j)).sum();
        if j == i {
            continue;
        }
        for s in walked..cursors.len() {
            if shared + beyond[s] <= bar {
                break;
            }
            shared += cursors[s].seek(j);
        }
        if shared > bar {
            let at = top.partition_point(|&(c, _)| c >= shared);
            top.insert(at, (shared, j));
            top.truncate(RELATED);
            if top.len() == RELATED {
                bar = top[RELATED - 1].0;
                while walked > 0 && beyond[walked - 1] <= bar {
                    walked -= 1;
                }
            }
        }
    }
    top
}
