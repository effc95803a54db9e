//! Search (SPEC 9.5): the index of every story the site publishes, in files the page's script
//! (`search.js`) fetches as a query needs them, so that no reader downloads the whole index.
//!
//! The index is made from the model's own words (`Article::words`), never from the HTML:
//!
//! - `search/meta.json`: the number of stories, the first key of each shard of terms, the
//!   files of the stories' cards, and the names each place goes by.
//! - `search/t/<digest>.bin`: the shards. Keys are sorted (by their UTF-16 code units, as the
//!   script compares strings) and cut into shards of about [`SHARD_BYTES`], where the keys
//!   themselves say (see [`ends_shard`]), so that a new key changes only its own shard. A key is a folded
//!   stem, a folded word whose stem is another key (`elections` -> `elect`), or a filter
//!   (`#s:world`, `#t:energy`, `#p:azerbaijan` with the stories of the places inside it,
//!   `#a:leyla-mammadova`, `#y:2025`). Each stem and filter lists its stories, each with a
//!   byte that says where the story holds the word (`site::words`).
//! - `search/d/<number>-<digest>.json`: the stories' cards, [`CHUNK`] to a file, by number;
//!   `meta.json` lists each file's digest, from which the script names it.
//!
//! Stories are numbered oldest first, so a story published since the last build takes the
//! next number and only the files it is in change; a shard's or a chunk's name holds the
//! digest of its bytes, so an unchanged file keeps its name (and the browser's copy of it),
//! and a changed one is never read from a stale copy.

use std::cmp::Ordering;
use std::collections::HashMap;

use ahash::AHashMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::site::article::{Article, Kind};
use crate::site::dates;
use crate::site::index::TermKind;
use crate::site::words::{each_word, fold};
use crate::site::{Site, photos::Format};

/// The script of the search page, published as `search/search.js`.
pub const SCRIPT: &str = include_str!("search.js");

/// The folder of the search page and its index, which the site owns.
pub const FOLDER: &str = "search";

/// About how many bytes a shard of terms holds (one term's list may make it more): at least
/// half of it, then about as much again, at most twice it.
pub const SHARD_BYTES: usize = 16 * 1024;

/// Whether the shard ends after `key`, now that it holds `len` bytes, the key's `entry`
/// bytes the last of them. Past half of [`SHARD_BYTES`] each byte has the same chance of
/// ending it, decided by the key's digest, not by where the shard began: a key added or a
/// list grown moves no other shard's ends, and a cached build rewrites only its shard.
fn ends_shard(key: &str, entry: usize, len: usize) -> bool {
    let half = SHARD_BYTES as u64 / 2;
    len >= 2 * SHARD_BYTES
        || (len as u64 >= half && crate::digest::of_bytes(key.as_bytes()) % half < entry as u64)
}

/// How many stories' cards a file holds. A page of results is ten stories from anywhere in
/// the archive, so each is usually a file of its own: eight cards (about 3.5 KB) keep what a
/// page of results fetches near 35 KB while `meta.json` names the files in 11 bytes each.
pub const CHUNK: usize = 8;

/// The version of the index's files: the script checks it.
pub const VERSION: u32 = 1;

/// One file of the index: its path in the output (`search/meta.json`) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexFile {
    pub file: String,
    pub bytes: Vec<u8>,
}

/// Whether a story is in the index: published, not a draft, not advertising.
pub fn searchable(site: &Site, a: &Article) -> bool {
    !a.draft && a.kind != Kind::Sponsored && a.date.timestamp() <= site.now.timestamp()
}

/// The stories of the index, oldest first: each story's number is its place here.
pub fn stories(site: &Site) -> Vec<usize> {
    (0..site.articles.len())
        .rev()
        .filter(|&i| searchable(site, &site.articles[i]))
        .collect()
}

/// The filters a reader can narrow a search by, with the stories each has: what the search
/// page lists (only those with a story in the index).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Filters {
    pub sections: Vec<Choice>,
    pub tags: Vec<Choice>,
    /// Places, each followed by the places inside it (`depth` says how deep).
    pub places: Vec<Choice>,
    pub authors: Vec<Choice>,
    pub years: Vec<Choice>,
}

/// One value of a filter, as the search page's `<select>` offers it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Choice {
    /// What the address carries (`?tag=energy`): the term's slug, or the year.
    pub value: String,
    pub name: String,
    /// How many stories of the index it has.
    pub count: usize,
    /// For places: how many places it lies inside (0 for a place inside none listed).
    pub depth: usize,
}

impl Filters {
    pub fn of(site: &Site) -> Filters {
        let shown: Vec<bool> = site.articles.iter().map(|a| searchable(site, a)).collect();
        let count = |articles: &[usize]| articles.iter().filter(|&&i| shown[i]).count();
        let choices = |kind: TermKind| -> Vec<Choice> {
            kind.terms(site)
                .iter()
                .map(|t| Choice {
                    value: t.slug.clone(),
                    name: t.name.clone(),
                    count: count(&t.articles),
                    depth: 0,
                })
                .filter(|c| c.count > 0)
                .collect()
        };
        let places = (site.places.tree().into_iter())
            .map(|(t, depth)| Choice {
                value: t.slug.clone(),
                name: t.name.clone(),
                count: count(&t.articles),
                depth,
            })
            .filter(|c| c.count > 0)
            .collect();
        let mut years: Vec<(i16, usize)> = Vec::new();
        for a in site.articles.iter().filter(|a| searchable(site, a)) {
            let year = a.date.year();
            match years.iter_mut().find(|(y, _)| *y == year) {
                Some((_, n)) => *n += 1,
                None => years.push((year, 1)),
            }
        }
        years.sort_by_key(|y| std::cmp::Reverse(y.0));
        // A-Z by slug, as the site's lists of tags and authors are.
        Filters {
            sections: choices(TermKind::Section),
            tags: choices(TermKind::Tag),
            places,
            authors: choices(TermKind::Author),
            years: years
                .into_iter()
                .map(|(year, count)| Choice {
                    value: year.to_string(),
                    name: year.to_string(),
                    count,
                    depth: 0,
                })
                .collect(),
        }
    }
}

/// A story's card in the results, as `search/d/` keeps it.
#[derive(Serialize)]
struct Card<'a> {
    url: &'a str,
    title: &'a str,
    standfirst: &'a str,
    kind: &'static str,
    /// The label shown for its kind ("Opinion"), when it has one.
    label: Option<&'static str>,
    section: &'a str,
    date: String,
    day: String,
    /// The smallest copy of its lead photo: address, width, height.
    photo: Option<(String, u32, u32)>,
}

fn card<'a>(site: &'a Site, a: &'a Article) -> Card<'a> {
    let section = site
        .sections
        .get(&a.section.slug)
        .map_or(a.section.text.as_str(), |t| t.name.as_str());
    let photo = a.image.as_deref().and_then(|path| {
        let photo = site.photos.get(path)?;
        let format = photo
            .formats(&site.settings.images)
            .into_iter()
            .find(|&f| f == Format::Webp)
            .unwrap_or(photo.fallback());
        let smallest = photo.resized(format).next()?;
        Some((
            format!("/{}", smallest.file),
            smallest.width,
            smallest.height,
        ))
    });
    Card {
        url: &a.url,
        title: &a.title,
        standfirst: &a.summary,
        kind: a.kind.name(),
        label: a.kind.label_in(section),
        section,
        date: dates::rfc3339(&a.date),
        day: dates::display_day(&a.date),
        photo,
    }
}

/// What a key of the index holds.
#[derive(Default)]
struct Entry<'a> {
    /// The stories holding it: number and where it is in them.
    postings: Vec<(u32, u8)>,
    /// The stem, for a word whose stem is another key.
    stem: Option<&'a str>,
}

#[derive(Serialize)]
struct Meta<'a> {
    version: u32,
    language: &'a str,
    stories: usize,
    chunk: usize,
    /// Each shard: its first key and its file, in the search folder.
    shards: Vec<(String, String)>,
    /// Each chunk's digest: chunk `n` is `d/<n>-<digest>.json`.
    chunks: Vec<String>,
    /// Names that are one word for search: each place's names, folded.
    names: Vec<Vec<String>>,
}

/// Orders keys as the script does: by UTF-16 code units.
fn key_order(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// The keys of some of the index's stories (number, article), in their order.
fn keys_of<'a>(site: &'a Site, stories: &[(u32, usize)]) -> AHashMap<&'a str, Entry<'a>> {
    let mut keys: AHashMap<&str, Entry> = AHashMap::new();
    let mut stems: Vec<&str> = Vec::new();
    for &(n, i) in stories {
        let words = &site.articles[i].words;
        stems.clear();
        for (stem, weight) in words.stems() {
            stems.push(stem);
            keys.entry(stem).or_default().postings.push((n, weight));
        }
        for (form, at) in words.forms() {
            let entry = keys.entry(form).or_default();
            if entry.stem.is_none() {
                entry.stem = Some(stems[at]);
            }
        }
    }
    keys
}

/// The files of the site's index.
pub fn index(site: &Site) -> Vec<IndexFile> {
    let stories = stories(site);
    let mut number = vec![u32::MAX; site.articles.len()];
    for (n, &i) in stories.iter().enumerate() {
        number[i] = n as u32;
    }
    // The keys of runs of stories, on every core, then each run's joined to the one before
    // (whose stories come first, so each list stays in order).
    let run = stories
        .len()
        .div_ceil(rayon::current_num_threads() * 4)
        .max(256);
    let numbered: Vec<(u32, usize)> = (0u32..).zip(stories.iter().copied()).collect();
    let keys = numbered
        .par_chunks(run)
        .map(|part| keys_of(site, part))
        .reduce(AHashMap::new, |mut before, after| {
            if before.is_empty() {
                return after;
            }
            for (key, entry) in after {
                let kept = before.entry(key).or_default();
                kept.postings.extend(entry.postings);
                if kept.stem.is_none() {
                    kept.stem = entry.stem;
                }
            }
            before
        });
    let mut filters: HashMap<String, Vec<(u32, u8)>> = HashMap::new();
    let mut file = |key: String, articles: &[usize]| {
        let mut postings: Vec<(u32, u8)> = articles
            .iter()
            .map(|&i| number[i])
            .filter(|&n| n != u32::MAX)
            .map(|n| (n, 0))
            .collect();
        if postings.is_empty() {
            return;
        }
        postings.sort_unstable();
        postings.dedup();
        filters.insert(key, postings);
    };
    for (kind, prefix) in [
        (TermKind::Section, "#s:"),
        (TermKind::Tag, "#t:"),
        (TermKind::Place, "#p:"),
        (TermKind::Author, "#a:"),
    ] {
        for term in kind.terms(site) {
            file(format!("{prefix}{}", term.slug), &term.articles);
        }
    }
    let mut years: HashMap<i16, Vec<usize>> = HashMap::new();
    for &i in &stories {
        years
            .entry(site.articles[i].date.year())
            .or_default()
            .push(i);
    }
    for (year, articles) in years {
        file(format!("#y:{year}"), &articles);
    }
    let mut sorted: Vec<(&str, &Entry)> = keys.iter().map(|(k, e)| (*k, e)).collect();
    let filter_entries: Vec<(String, Entry)> = filters
        .into_iter()
        .map(|(k, postings)| {
            (
                k,
                Entry {
                    postings,
                    stem: None,
                },
            )
        })
        .collect();
    sorted.extend(filter_entries.iter().map(|(k, e)| (k.as_str(), e)));
    sorted.sort_unstable_by(|a, b| key_order(a.0, b.0));

    let mut files = Vec::new();
    let mut shards = Vec::new();
    let mut shard: Vec<u8> = Vec::new();
    let mut first: Option<&str> = None;
    let mut close = |first: &str, shard: &mut Vec<u8>, files: &mut Vec<IndexFile>| {
        let name = format!("t/{:016x}.bin", crate::digest::of_bytes(shard));
        files.push(IndexFile {
            file: format!("{FOLDER}/{name}"),
            bytes: std::mem::take(shard),
        });
        shards.push((first.to_string(), name));
    };
    for (key, entry) in &sorted {
        if first.is_none() {
            first = Some(key);
        }
        let before = shard.len();
        encode(&mut shard, key, entry);
        if ends_shard(key, shard.len() - before, shard.len()) {
            close(
                first.take().expect("a shard has a first key"),
                &mut shard,
                &mut files,
            );
        }
    }
    if let Some(first) = first {
        close(first, &mut shard, &mut files);
    }

    let cards: Vec<(String, Vec<u8>)> = stories
        .par_chunks(CHUNK)
        .map(|part| {
            let cards: Vec<Card> = part
                .iter()
                .map(|&i| card(site, &site.articles[i]))
                .collect();
            let bytes = serde_json::to_vec(&cards).expect("cards serialize");
            let digest = format!("{:08x}", crate::digest::of_bytes(&bytes) as u32);
            (digest, bytes)
        })
        .collect();
    let mut chunks = Vec::with_capacity(cards.len());
    for (n, (digest, bytes)) in cards.into_iter().enumerate() {
        files.push(IndexFile {
            file: format!("{FOLDER}/d/{n}-{digest}.json"),
            bytes,
        });
        chunks.push(digest);
    }

    let names = site
        .place_names
        .iter()
        .map(|names| {
            let mut folded: Vec<String> = names
                .iter()
                .filter_map(|name| {
                    let mut words = Vec::new();
                    each_word(name, |w| words.push(fold(w)));
                    (words.len() == 1).then(|| words.remove(0))
                })
                .collect();
            folded.sort();
            folded.dedup();
            folded
        })
        .filter(|names| names.len() > 1)
        .collect();
    let meta = Meta {
        version: VERSION,
        language: &site.settings.language,
        stories: stories.len(),
        chunk: CHUNK,
        shards,
        chunks,
        names,
    };
    files.push(IndexFile {
        file: format!("{FOLDER}/meta.json"),
        bytes: serde_json::to_vec(&meta).expect("the index's meta serializes"),
    });
    files.push(IndexFile {
        file: format!("{FOLDER}/search.js"),
        bytes: SCRIPT.as_bytes().to_vec(),
    });
    files
}

/// One key of a shard: its length and UTF-8 bytes, a byte of flags (1: stories follow,
/// 2: a stem follows), the stem (length, bytes), then the number of stories and each story
/// as the difference from the one before and its byte. Lengths and numbers are LEB128.
fn encode(out: &mut Vec<u8>, key: &str, entry: &Entry) {
    leb128(out, key.len() as u64);
    out.extend_from_slice(key.as_bytes());
    let flags = u8::from(!entry.postings.is_empty()) | if entry.stem.is_some() { 2 } else { 0 };
    out.push(flags);
    if let Some(stem) = &entry.stem {
        leb128(out, stem.len() as u64);
        out.extend_from_slice(stem.as_bytes());
    }
    if !entry.postings.is_empty() {
        leb128(out, entry.postings.len() as u64);
        let mut previous = 0;
        for &(n, weight) in &entry.postings {
            leb128(out, u64::from(n - previous));
            out.push(weight);
            previous = n;
        }
    }
}

fn leb128(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}
