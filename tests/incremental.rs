//! The preview's shortcuts give the same site as a build from scratch: related lists kept
//! or updated in place after one article changes equal the lists computed anew.

mod common;

use std::path::PathBuf;

use common::{Dice, TestSite, article};
use newsdesk::diagnostics::Report;
use newsdesk::site::related::Previous;
use newsdesk::site::{LoadOptions, Site, Sources};

const TAGS: [&str; 6] = [
    "Energy",
    "Trade",
    "Diplomacy",
    "Football",
    "Climate",
    "Courts",
];
const PLACES: [&str; 5] = ["Baku", "Lachin", "Tbilisi", "Ganja", "Lahore"];

fn story(dice: &mut Dice, n: usize) -> String {
    let tags: Vec<String> = (0..1 + dice.roll(3))
        .map(|_| format!("\"{}\"", TAGS[dice.roll(TAGS.len())]))
        .collect();
    let places: Vec<String> = (0..1 + dice.roll(2))
        .map(|_| format!("\"{}\"", PLACES[dice.roll(PLACES.len())]))
        .collect();
    let day = 1 + dice.roll(28);
    let extra = format!(
        "tags = [{}]\nlocations = [{}]",
        tags.join(", "),
        places.join(", ")
    );
    article(
        &format!("Story {n}"),
        &format!("2025-02-{day:02}T{:02}:00:00Z", dice.roll(24)),
        &extra,
        "x",
    )
}

#[test]
fn related_lists_after_one_change_equal_those_computed_from_scratch() {
    let options = LoadOptions {
        now: Some("2025-06-01T00:00:00Z".parse().unwrap()),
        ..LoadOptions::default()
    };
    for seed in 1..=12u64 {
        let mut dice = Dice(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let site = TestSite::new();
        let count = 30;
        for n in 0..count {
            site.write(&format!("content/news/s{n}.md"), story(&mut dice, n));
        }
        let mut sources = Sources::read(site.path(), None);
        let mut report = Report::default();
        let mut before =
            Site::assemble(&sources, &options, &mut report).expect("the site assembles");
        for step in 0..15 {
            let n = dice.roll(count + 5);
            let path = PathBuf::from(format!("content/news/s{n}.md"));
            match dice.roll(6) {
                0 if site.path().join(&path).exists() => {
                    site.remove(&format!("content/news/s{n}.md"))
                }
                _ => {
                    site.write(&format!("content/news/s{n}.md"), story(&mut dice, n));
                }
            }
            if site.path().join(&path).exists() || sources.files.contains_key(&path) {
                sources.refresh(&path);
            }
            let mut report = Report::default();
            let changed = [path.clone()];
            let kept = Site::assemble_after(
                &sources,
                &options,
                &mut report,
                Some(Previous {
                    site: &before,
                    changed: &changed,
                }),
            )
            .expect("the site assembles");
            let fresh = Site::assemble(&sources, &options, &mut Report::default()).unwrap();
            let titles = |s: &Site| -> Vec<Vec<String>> {
                s.related
                    .iter()
                    .map(|r| r.iter().map(|&j| s.articles[j].title.clone()).collect())
                    .collect()
            };
            assert_eq!(
                titles(&kept),
                titles(&fresh),
                "seed {seed}, step {step}: related lists differ after changing {}",
                path.display()
            );
            assert_eq!(
                kept.related_shared, fresh.related_shared,
                "seed {seed}, step {step}"
            );
            before = kept;
        }
    }
}
