//! Search (SPEC 9.5): the index the build publishes under `search/`, read as the search
//! page's script reads it, and the search page itself.

mod common;

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;

use common::{Dice, TestSite, article};

const NOW: &str = "2025-06-01T12:00:00Z";

/// A published story, a draft, a scheduled one, an expired one and a sponsored one, each
/// with a word no other has.
fn newsroom() -> TestSite {
    let site = TestSite::new();
    site.write(
        "content/world/2025-05-20-quarry.md",
        article(
            "Quarry workers return to Laçın",
            "2025-05-20T09:00:00Z",
            "tags = [\"Mining\"]\nlocations = [\"Lachin\"]\nbyline = \"Leyla Mammadova\"",
            "LACHIN: The quarry reopened on Monday, and the quillwort on its slopes is back.\n\nThe elections of the workers' council follow.",
        ),
    )
    .write(
        "content/world/2025-05-21-draft.md",
        article(
            "A draft",
            "2025-05-21T09:00:00Z",
            "draft = true",
            "The potholed road is not yet a story.",
        ),
    )
    .write(
        "content/world/2025-07-01-forum.md",
        article(
            "A forum to come",
            "2025-07-01T09:00:00Z",
            "",
            "The bankers meet in July.",
        ),
    )
    .write(
        "content/world/2025-05-10-takedown.md",
        article(
            "A story taken down",
            "2025-05-10T09:00:00Z",
            "expires = 2025-05-30T00:00:00Z",
            "The defamatory allegation about the mayor.",
        ),
    )
    .write(
        "content/business/2025-05-22-advert.md",
        article(
            "Brought to you by a bank",
            "2025-05-22T09:00:00Z",
            "kind = \"sponsored\"",
            "Open a savings account with the marmalade bank.",
        ),
    );
    site
}

/// Every file of the built search folder with its bytes.
fn index_files(site: &TestSite) -> BTreeMap<String, Vec<u8>> {
    site.files()
        .into_iter()
        .filter(|f| f.starts_with("search/") && f != "search/index.html")
        .map(|f| {
            let bytes = std::fs::read(site.public().join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

#[test]
fn a_story_is_found_by_its_words_and_no_unpublished_or_sponsored_story_is() {
    let site = newsroom();
    site.build_ok(&["--now", NOW]);
    let index = site.search_index();
    let quarry = vec!["/2025/05/20/quarry/".to_string()];
    // Body, headline, tag, place and byline words; accents folded; a form finds its stem's
    // stories.
    assert_eq!(index.find("quillwort"), quarry);
    assert_eq!(index.find("quarry"), quarry);
    assert_eq!(index.find("lacin"), quarry, "Laçın, folded");
    assert_eq!(index.find("elections"), quarry);
    assert_eq!(index.find("#t:mining"), quarry);
    assert_eq!(index.find("#p:lachin"), quarry);
    assert_eq!(index.find("#a:leyla-mammadova"), quarry);
    assert_eq!(index.find("#y:2025"), quarry);
    // What only the unpublished and the sponsored stories say is in no file of the index.
    let files = index_files(&site);
    for word in [
        "potholed",
        "bankers",
        "defamatory",
        "marmalade",
        "draft",
        "forum",
    ] {
        assert!(index.find(word).is_empty(), "{word} is found");
        for (file, bytes) in &files {
            assert!(
                !bytes.windows(word.len()).any(|w| w == word.as_bytes()),
                "{word} is in {file}"
            );
        }
    }
    // The sponsored story is on the site, only not in its search.
    assert!(site.has_page("/2025/05/22/advert/"));
    // The search page, its script and the masthead's box.
    let page = site.page("/search/");
    assert_eq!(
        page.attrs("script[src]", "src"),
        vec!["/search/search.js".to_string()]
    );
    assert_eq!(
        page.attrs("#search-form", "action"),
        vec!["/search/".to_string()]
    );
    assert!(page.inner("noscript").concat().contains("/archive/"));
    let home = site.page("/");
    assert_eq!(
        home.attrs(".masthead-search", "action"),
        vec!["/search/".to_string()]
    );
    assert_eq!(
        home.attrs(".masthead-search input", "name"),
        vec!["q".to_string()]
    );
}

#[test]
fn a_story_that_goes_live_or_expires_joins_or_leaves_the_index_at_the_next_build() {
    let site = newsroom();
    site.build_ok(&["--now", "2025-07-02T00:00:00Z"]);
    let index = site.search_index();
    assert_eq!(
        index.find("bankers"),
        vec!["/2025/07/01/forum/".to_string()]
    );
    assert!(index.find("defamatory").is_empty());
    site.build_ok(&["--now", "2025-05-25T00:00:00Z"]);
    let index = site.search_index();
    assert_eq!(
        index.find("defamatory"),
        vec!["/2025/05/10/takedown/".to_string()]
    );
    assert!(index.find("bankers").is_empty());
    // `--drafts` and `--future` show such stories on the site, never in its search.
    site.build_ok(&["--now", NOW, "--drafts", "--future"]);
    assert!(site.has_page("/2025/05/21/draft/"));
    assert!(site.search_index().find("potholed").is_empty());
    assert!(site.search_index().find("bankers").is_empty());
}

/// Four hundred stories of words from a small vocabulary: an index of many shards.
fn archive() -> TestSite {
    let site = TestSite::new();
    let vocabulary: Vec<String> = (0..6000).map(|n| format!("w{n:04}x")).collect();
    let mut dice = Dice(0x9e37_79b9_7f4a_7c15);
    for n in 0..400 {
        let words: Vec<&str> = (0..120)
            .map(|_| vocabulary[dice.roll(vocabulary.len())].as_str())
            .collect();
        let day = 1 + n % 28;
        let month = 1 + n / 28 % 12;
        let year = 2023 + n / (28 * 12);
        site.write(
            &format!("content/world/{year}-{month:02}-{day:02}-story-{n}.md"),
            article(
                &format!("Story {n}"),
                &format!("{year}-{month:02}-{day:02}T{:02}:00:00Z", n % 24),
                "",
                &words.join(" "),
            ),
        );
    }
    site
}

#[test]
fn a_cached_build_after_one_edit_rewrites_only_the_index_files_the_edit_touches() {
    let site = archive();
    site.build_ok(&["--now", NOW]);
    let before = index_files(&site);
    let inodes = |site: &TestSite| -> BTreeMap<String, u64> {
        index_files(site)
            .into_keys()
            .map(|f| {
                let ino = std::fs::metadata(site.public().join(&f)).unwrap().ino();
                (f, ino)
            })
            .collect()
    };
    let inodes_before = inodes(&site);
    let shards = before.keys().filter(|f| f.starts_with("search/t/")).count();
    assert!(shards >= 8, "{shards} shards: too few for this test");

    let file = "content/world/2023-06-10-story-149.md";
    let text = site.read(file);
    site.write(file, format!("{text}\nThe zeppelin landed.\n"));
    site.build_ok(&["--now", NOW]);
    let index = site.search_index();
    assert_eq!(
        index.find("zeppelin"),
        vec!["/2023/06/10/story-149/".to_string()]
    );
    let after = index_files(&site);
    let inodes_after = inodes(&site);
    let new: Vec<&String> = after.keys().filter(|f| !before.contains_key(*f)).collect();
    let gone: Vec<&String> = before.keys().filter(|f| !after.contains_key(*f)).collect();
    // The new word's shard, the story's cards and the meta that names them: a few files
    // of dozens.
    assert!(
        !new.is_empty() && new.len() <= 4,
        "{} of {} index files are new: {new:?}",
        new.len(),
        after.len()
    );
    assert_eq!(new.len(), gone.len(), "{new:?} {gone:?}");
    assert_ne!(before["search/meta.json"], after["search/meta.json"]);
    // The files whose bytes did not change were not written again.
    for (file, ino) in &inodes_after {
        if file != "search/meta.json" && before.contains_key(file) {
            assert_eq!(before[file], after[file], "{file}");
            assert_eq!(inodes_before[file], *ino, "{file} was written again");
        }
    }
}

#[test]
fn files_of_static_in_the_folders_of_the_index_are_an_error_and_search_can_be_turned_off() {
    let site = newsroom();
    site.write("static/search/t/0000.bin", "not an index");
    let run = site.run(&["build", "--now", NOW]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("static/search/t/0000.bin")
            && run.stderr.contains("search index")
            && run.stderr.contains("[search] enabled = false"),
        "{}",
        run.stderr
    );
    assert!(!site.public().exists(), "a failed build publishes nothing");

    site.write(
        "site.toml",
        "title = \"Desk\"\nbase_url = \"https://news.example.org\"\n\n[search]\nenabled = false\n",
    );
    site.build_ok(&["--now", NOW]);
    // Without search, the folder is the site's like any other: only static/'s file is there.
    let published: Vec<String> = site
        .files()
        .into_iter()
        .filter(|f| f.starts_with("search/"))
        .collect();
    assert_eq!(published, vec!["search/t/0000.bin".to_string()]);
    assert!(
        site.page("/")
            .attrs(".masthead-search", "action")
            .is_empty()
    );
    assert!(
        !site.all_output().contains("/search/"),
        "no page links a search that is not there"
    );
}
