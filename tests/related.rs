//! Related lists: on random sites whose tags and places are as uneven as a newsroom's (a few
//! tags on thousands of stories, most on a handful), every article's list is the one a plain
//! count of shared tags and places gives: most shared first, then the newer (lower index).

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use proptest::prelude::*;

use newsdesk::diagnostics::Report;
use newsdesk::site::article::{self, Article, Name};
use newsdesk::site::index::PlaceIndex;
use newsdesk::site::related::{self, RELATED};
use newsdesk::site::settings::Settings;
use newsdesk::site::{LoadOptions, Site};

/// The related lists by their definition: count, for every other article, how many of this
/// article's tags and places it also has (a name written twice counts twice on both sides),
/// sort by that count (most first) and then by index (newer first), keep five.
fn reference(articles: &[Arc<Article>], places: &PlaceIndex) -> (Vec<Vec<usize>>, Vec<Vec<u32>>) {
    let keys = |i: usize| -> Vec<(u8, String)> {
        let tags = articles[i].tags.iter().map(|t| (0, t.slug.clone()));
        let places = places.of_article[i].iter().map(|p| (1, p.clone()));
        tags.chain(places).collect()
    };
    let mut postings: std::collections::HashMap<(u8, String), Vec<usize>> = Default::default();
    for i in 0..articles.len() {
        for key in keys(i) {
            postings.entry(key).or_default().push(i);
        }
    }
    let mut lists = Vec::new();
    let mut shared = Vec::new();
    for i in 0..articles.len() {
        let mut counts = vec![0u32; articles.len()];
        for key in keys(i) {
            for &j in &postings[&key] {
                if j != i {
                    counts[j] += 1;
                }
            }
        }
        let mut ranked: Vec<(u32, usize)> = (0..articles.len())
            .filter(|&j| counts[j] > 0)
            .map(|j| (counts[j], j))
            .collect();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked.truncate(RELATED);
        lists.push(ranked.iter().map(|&(_, j)| j).collect());
        shared.push(ranked.iter().map(|&(c, _)| c).collect());
    }
    (lists, shared)
}

/// One parsed article to copy: the ranking reads only tags and places.
fn template() -> Article {
    let settings = Settings::parse("", &mut Vec::new());
    let text = "+++\ntitle = \"Story\"\ndate = 2025-01-01T00:00:00Z\n+++\nText.\n";
    article::parse(
        Path::new("content/news/story.md"),
        Path::new("news/story.md"),
        text.as_bytes(),
        &settings,
        &mut Vec::new(),
        &mut Vec::new(),
    )
    .expect("the template article parses")
}

/// A rank drawn from 0..n with weight 1 / (rank + 1)^s, from a uniform `u` in [0, 1).
fn zipf(weights: &[f64], u: f64) -> usize {
    let total: f64 = weights.iter().sum();
    let mut left = u * total;
    for (r, w) in weights.iter().enumerate() {
        if left < *w {
            return r;
        }
        left -= w;
    }
    weights.len() - 1
}

/// A site's articles (tags only) and places, from uniform draws in [0, 1): per article the
/// number of tags and places, then which ones, Zipf-distributed.
struct Desk {
    tags: usize,
    places: usize,
    skew: f64,
    /// Whether a name may be drawn twice for one article (the model never does this, but
    /// the ranking must count it as before if a caller does).
    repeats: bool,
}

impl Desk {
    fn site(&self, draws: &[f64], articles: usize) -> (Vec<Arc<Article>>, PlaceIndex) {
        let weights = |n: usize| -> Vec<f64> {
            (0..n)
                .map(|r| 1.0 / ((r + 1) as f64).powf(self.skew))
                .collect()
        };
        let (tag_weights, place_weights) = (weights(self.tags), weights(self.places));
        let mut draw = draws.iter().copied().cycle();
        let mut next = move || draw.next().unwrap_or(0.5);
        let template = template();
        let mut out = Vec::new();
        let mut of_article = Vec::new();
        for _ in 0..articles {
            let pick = |weights: &[f64], how_many: usize, next: &mut dyn FnMut() -> f64| {
                let mut picked: Vec<usize> = Vec::new();
                for _ in 0..how_many {
                    let r = zipf(weights, next());
                    if self.repeats || !picked.contains(&r) {
                        picked.push(r);
                    }
                }
                picked
            };
            let tag_count = (next() * 7.0) as usize;
            let place_count = (next() * 4.0) as usize;
            let tags = pick(&tag_weights, tag_count, &mut next);
            let places = pick(&place_weights, place_count, &mut next);
            let mut a = template.clone();
            a.tags = tags
                .iter()
                .map(|t| Name {
                    text: format!("Tag {t}"),
                    slug: format!("tag-{t}"),
                })
                .collect();
            out.push(Arc::new(a));
            // A tag and a place may share a slug: they are still different names.
            of_article.push(places.iter().map(|p| format!("tag-{p}")).collect());
        }
        let places = PlaceIndex {
            of_article,
            ..PlaceIndex::default()
        };
        (out, places)
    }
}

/// A small deterministic random number generator (xorshift), so that failures repeat.
fn uniform(seed: u64, n: usize) -> Vec<f64> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 11) as f64 / (1u64 << 53) as f64
        })
        .collect()
}

#[test]
fn related_lists_of_a_large_uneven_desk_are_those_of_a_plain_count() {
    let desks = [
        // A newsroom: a few tags on most stories, a long tail.
        Desk {
            tags: 600,
            places: 80,
            skew: 1.1,
            repeats: false,
        },
        // Very few tags: long runs of equal counts, decided by date alone.
        Desk {
            tags: 4,
            places: 2,
            skew: 0.5,
            repeats: false,
        },
        // Steep skew, and names written twice.
        Desk {
            tags: 50,
            places: 10,
            skew: 1.6,
            repeats: true,
        },
    ];
    for (d, desk) in desks.iter().enumerate() {
        for seed in 1..=2u64 {
            let (articles, places) = desk.site(&uniform(seed + 10 * d as u64, 100_000), 2_000);
            assert_eq!(
                related::related(&articles, &places, None),
                reference(&articles, &places),
                "desk {d}, seed {seed}"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any small site, uneven or not, with or without names written twice.
    #[test]
    fn related_lists_are_those_of_a_plain_count(
        draws in prop::collection::vec(0.0..1.0f64, 1..400),
        articles in 0..300usize,
        tags in 1..40usize,
        places in 1..10usize,
        skew in 0.0..2.0f64,
        repeats in any::<bool>(),
    ) {
        let desk = Desk { tags, places, skew, repeats };
        let (articles, places) = desk.site(&draws, articles);
        prop_assert_eq!(related::related(&articles, &places, None), reference(&articles, &places));
    }
}

/// CPU seconds this process has used (user + system), all threads.
fn cpu_seconds() -> f64 {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage writes into the struct it is given.
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let s = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    s(usage.ru_utime) + s(usage.ru_stime)
}

/// Times the related lists of a real site: `NEWSDESK_RELATED_SITE=/dev/shm/c10k-rel`,
/// optionally `NEWSDESK_RELATED_NOW=2030-01-01T00:00:00Z`, `NEWSDESK_RELATED_RUNS=5` and
/// `NEWSDESK_RELATED_CHECK=1` (compare with the plain count too).
/// `cargo test --release --test related -- --ignored --nocapture`.
#[test]
#[ignore]
fn time_related_lists_of_a_real_site() {
    let Ok(root) = std::env::var("NEWSDESK_RELATED_SITE") else {
        eprintln!("set NEWSDESK_RELATED_SITE to a site folder");
        return;
    };
    let env = |name: &str| std::env::var(name).ok();
    let options = LoadOptions {
        now: env("NEWSDESK_RELATED_NOW").map(|t| t.parse().expect("a timestamp")),
        ..LoadOptions::default()
    };
    let site = Site::load(Path::new(&root), &options, &mut Report::default()).expect("site loads");
    let runs: usize = env("NEWSDESK_RELATED_RUNS").map_or(5, |r| r.parse().expect("a number"));
    let mut times = Vec::new();
    for _ in 0..runs {
        let (wall, cpu) = (Instant::now(), cpu_seconds());
        let lists = related::related(&site.articles, &site.places, None);
        times.push((wall.elapsed().as_secs_f64(), cpu_seconds() - cpu));
        assert_eq!(lists.0, site.related);
    }
    times.sort_by(|a, b| a.1.total_cmp(&b.1));
    let (wall, cpu) = times[times.len() / 2];
    println!(
        "{} articles: related lists {wall:.3} s wall, {cpu:.3} CPU-s (median of {runs}; all CPU-s: {:?})",
        site.articles.len(),
        times
            .iter()
            .map(|t| (t.1 * 1000.0).round() / 1000.0)
            .collect::<Vec<_>>()
    );
    if env("NEWSDESK_RELATED_CHECK").is_some() {
        assert_eq!(
            related::related(&site.articles, &site.places, None),
            reference(&site.articles, &site.places)
        );
        println!("equal to the plain count");
    }
}
