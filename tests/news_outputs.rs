//! What machines read: feeds, sitemaps, JSON-LD, redirects, and the build clock.

mod common;

use common::{TestSite, article};

const ATOM: &str = "http://www.w3.org/2005/Atom";
const SM: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const NEWS: &str = "http://www.google.com/schemas/sitemap-news/0.9";

/// The text of the children named `name` (in namespace `ns`) of `node`.
fn children<'a>(
    node: roxmltree::Node<'a, 'a>,
    ns: &str,
    name: &str,
) -> Vec<roxmltree::Node<'a, 'a>> {
    node.children()
        .filter(|c| c.has_tag_name((ns, name)))
        .collect()
}

fn text(node: roxmltree::Node, ns: &str, name: &str) -> String {
    children(node, ns, name)
        .first()
        .and_then(|n| n.text())
        .unwrap_or_default()
        .to_string()
}

#[test]
fn feeds_hold_the_newest_articles_in_order_with_everything_a_reader_needs() {
    let site = TestSite::new();
    site.write(
        "site.toml",
        "title = \"Desk\"\nbase_url = \"https://news.example.com\"\nfeed_items = 3\n",
    );
    for day in 1..=5 {
        site.write(
            &format!("content/world/2025-03-0{day}-s{day}.md"),
            article(
                &format!("Story {day} <&\"> "),
                &format!("2025-03-0{day}T09:00:00Z"),
                "byline = \"Amina Khan\"\ntags = [\"Energy\"]",
                "BAKU: A *body* & more.",
            ),
        );
    }
    site.build_ok(&[]);

    let xml = site.file("feed.xml");
    let doc = roxmltree::Document::parse(&xml).expect("the feed is well-formed XML");
    let feed = doc.root_element();
    assert!(feed.has_tag_name((ATOM, "feed")));
    assert_eq!(text(feed, ATOM, "title"), "Desk");
    assert_eq!(text(feed, ATOM, "id"), "https://news.example.com/feed.xml");
    assert_eq!(text(feed, ATOM, "updated"), "2025-03-05T09:00:00+00:00");
    let self_link = children(feed, ATOM, "link")
        .into_iter()
        .find(|l| l.attribute("rel") == Some("self"))
        .unwrap();
    assert_eq!(
        self_link.attribute("href"),
        Some("https://news.example.com/feed.xml")
    );

    let entries = children(feed, ATOM, "entry");
    let titles: Vec<String> = entries.iter().map(|e| text(*e, ATOM, "title")).collect();
    assert_eq!(
        titles,
        // The headline's `"` is a curly quote, as in bodies.
        vec![
            "Story 5 <&\u{201c}>",
            "Story 4 <&\u{201c}>",
            "Story 3 <&\u{201c}>"
        ]
    );
    let first = entries[0];
    assert_eq!(
        text(first, ATOM, "id"),
        "https://news.example.com/2025/03/05/s5/"
    );
    assert_eq!(text(first, ATOM, "published"), "2025-03-05T09:00:00+00:00");
    assert_eq!(text(first, ATOM, "updated"), "2025-03-05T09:00:00+00:00");
    assert_eq!(
        text(children(first, ATOM, "author")[0], ATOM, "name"),
        "Amina Khan"
    );
    assert_eq!(text(first, ATOM, "summary"), "A body & more.");
    let content = text(first, ATOM, "content");
    assert!(
        content.contains("<em>body</em> &amp; more"),
        "the content is the article's HTML: {content}"
    );
    assert_eq!(
        children(first, ATOM, "link")[0].attribute("href"),
        Some("https://news.example.com/2025/03/05/s5/")
    );

    for feed in [
        "tags/energy/feed.xml",
        "authors/amina-khan/feed.xml",
        "world/feed.xml",
        "locations/baku/feed.xml",
    ] {
        let xml = site.file(feed);
        let doc = roxmltree::Document::parse(&xml).unwrap();
        assert_eq!(
            children(doc.root_element(), ATOM, "entry").len(),
            3,
            "{feed}"
        );
    }
    // Every page links its feeds.
    let tag = site.page("/tags/energy/");
    assert_eq!(
        tag.attrs("link[rel=alternate][type='application/atom+xml']", "href"),
        vec!["/tags/energy/feed.xml", "/feed.xml"]
    );
    let story = site.page("/2025/03/05/s5/");
    assert_eq!(
        story.attrs("link[rel=alternate][type='application/atom+xml']", "href"),
        vec!["/world/feed.xml", "/feed.xml"]
    );
    assert_eq!(
        site.page("/tags/")
            .attrs("link[rel=alternate][type='application/atom+xml']", "href"),
        vec!["/feed.xml"]
    );
}

#[test]
fn the_site_and_section_feeds_carry_whole_stories_and_the_others_their_standfirsts() {
    let site = TestSite::new();
    let settings =
        |full: &str| format!("title = \"Desk\"\nbase_url = \"https://news.example.com\"\n{full}");
    site.write("site.toml", settings(""));
    site.write(
        "content/world/s.md",
        article(
            "Story",
            "2025-03-01T09:00:00Z",
            "byline = \"Amina Khan\"\ntags = [\"Energy\"]\nlocations = [\"Baku\"]",
            "BAKU: The standfirst.\n\nThe *second* paragraph.",
        ),
    );
    let whole = |feed: &str| {
        let xml = site.file(feed);
        let doc = roxmltree::Document::parse(&xml).expect("well-formed");
        let entry = children(doc.root_element(), ATOM, "entry")[0];
        assert_eq!(text(entry, ATOM, "summary"), "The standfirst.", "{feed}");
        let content = text(entry, ATOM, "content");
        assert!(
            content.is_empty() || content.contains("<em>second</em>"),
            "{feed}: {content}"
        );
        !content.is_empty()
    };
    let feeds = [
        "feed.xml",
        "world/feed.xml",
        "tags/energy/feed.xml",
        "locations/baku/feed.xml",
        "authors/amina-khan/feed.xml",
    ];
    site.build_ok(&[]);
    let carried: Vec<bool> = feeds.iter().map(|f| whole(f)).collect();
    assert_eq!(carried, [true, true, false, false, false]);
    site.write("site.toml", settings("full_text_feeds = \"all\"\n"));
    site.build_ok(&[]);
    assert!(feeds.iter().all(|f| whole(f)));
    site.write("site.toml", settings("full_text_feeds = \"none\"\n"));
    site.build_ok(&[]);
    assert!(feeds.iter().all(|f| !whole(f)));
    site.write("site.toml", settings("full_text_feeds = \"every\"\n"));
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("site.toml:3:19: error: full_text_feeds cannot be `every`")
            && run.stderr.contains("help: write \"sections\""),
        "{}",
        run.stderr
    );
}

#[test]
fn a_place_feed_holds_the_articles_of_the_places_inside_it() {
    let site = TestSite::new();
    site.write(
        "content/_locations.toml",
        "[Lachin]\nin = \"Azerbaijan\"\n[Baku]\nin = \"Azerbaijan\"\n",
    )
    .write(
        "content/world/2025-01-01-a.md",
        article(
            "In Lachin",
            "2025-01-01T09:00:00Z",
            "locations = [\"Lachin\"]",
            "x",
        ),
    )
    .write(
        "content/world/2025-01-02-b.md",
        article(
            "In Baku",
            "2025-01-02T09:00:00Z",
            "locations = [\"Baku\"]",
            "x",
        ),
    )
    .write(
        "content/world/2025-01-03-c.md",
        article(
            "Elsewhere",
            "2025-01-03T09:00:00Z",
            "locations = [\"Tbilisi\"]",
            "x",
        ),
    );
    site.build_ok(&[]);
    let xml = site.file("locations/azerbaijan/feed.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let titles: Vec<String> = children(doc.root_element(), ATOM, "entry")
        .iter()
        .map(|e| text(*e, ATOM, "title"))
        .collect();
    assert_eq!(titles, vec!["In Baku", "In Lachin"]);
}

#[test]
fn the_sitemap_lists_every_page_with_its_last_change() {
    let site = TestSite::new();
    site.write(
        "site.toml",
        "base_url = \"https://news.example.com\"\nper_page = 1\n",
    )
    .write(
        "content/world/2025-01-01-a.md",
        article(
            "A",
            "2025-01-01T09:00:00Z",
            "tags = [\"T\"]\nupdated = 2025-02-01T09:00:00Z\naliases = [\"/old-a/\"]",
            "x",
        ),
    )
    .write(
        "content/world/2025-01-02-b.md",
        article("B", "2025-01-02T09:00:00Z", "tags = [\"T\"]", "x"),
    );
    site.build_ok(&[]);
    let xml = site.file("sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let root = doc.root_element();
    assert!(root.has_tag_name((SM, "urlset")));
    let entries: Vec<(String, String)> = children(root, SM, "url")
        .iter()
        .map(|u| (text(*u, SM, "loc"), text(*u, SM, "lastmod")))
        .collect();
    let locs: Vec<&str> = entries.iter().map(|(l, _)| l.as_str()).collect();
    for url in [
        "/",
        "/page/2/",
        "/2025/01/01/a/",
        "/2025/01/02/b/",
        "/tags/",
        "/tags/t/",
        "/tags/t/page/2/",
        "/world/",
        "/archive/",
        "/archive/2025/01/",
        "/corrections/",
        "/authors/",
        "/locations/",
    ] {
        assert!(
            locs.contains(&format!("https://news.example.com{url}").as_str()),
            "{url} is missing from {locs:?}"
        );
    }
    for absent in ["404.html", "old-a", "feed.xml"] {
        assert!(
            !locs.iter().any(|l| l.contains(absent)),
            "{absent} is in the sitemap"
        );
    }
    // Every listed page exists, and an updated article's lastmod is its update.
    for (loc, _) in &entries {
        let path = loc.trim_start_matches("https://news.example.com");
        assert!(site.has_page(path), "{path} has no page");
    }
    let a = entries
        .iter()
        .find(|(l, _)| l.ends_with("/2025/01/01/a/"))
        .unwrap();
    assert_eq!(a.1, "2025-02-01T09:00:00+00:00");
    let robots = site.file("robots.txt");
    assert!(
        robots.contains("Sitemap: https://news.example.com/sitemap.xml"),
        "{robots}"
    );
}

#[test]
fn the_news_sitemap_holds_the_two_days_before_the_build_clock() {
    let site = TestSite::new();
    site.write("site.toml", "title = \"Ledger\"\npublisher = \"Ledger Media\"\nlanguage = \"en-GB\"\nbase_url = \"https://news.example.com\"\n")
        .write("content/world/old.md", article("Exactly two days old", "2025-06-01T12:00:00Z", "", "x"))
        .write("content/world/edge.md", article("Just inside", "2025-06-01T12:00:01Z", "", "x"))
        .write("content/world/new.md", article("Fresh <&>", "2025-06-03T11:00:00Z", "", "x"))
        .write("content/world/later.md", article("Not yet", "2025-06-03T12:00:01Z", "", "x"));
    site.build_ok(&["--now", "2025-06-03T12:00:00Z"]);
    let xml = site.file("news-sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let urls = children(doc.root_element(), SM, "url");
    let titles: Vec<String> = urls
        .iter()
        .map(|u| text(children(*u, NEWS, "news")[0], NEWS, "title"))
        .collect();
    assert_eq!(titles, vec!["Fresh <&>", "Just inside"]);
    let news = children(urls[0], NEWS, "news")[0];
    let publication = children(news, NEWS, "publication")[0];
    assert_eq!(text(publication, NEWS, "name"), "Ledger Media");
    assert_eq!(text(publication, NEWS, "language"), "en");
    assert_eq!(
        text(news, NEWS, "publication_date"),
        "2025-06-03T11:00:00+00:00"
    );
    assert_eq!(
        text(urls[0], SM, "loc"),
        "https://news.example.com/2025/06/03/new/"
    );
    assert!(
        site.file("robots.txt")
            .contains("Sitemap: https://news.example.com/news-sitemap.xml")
    );

    // A week later nothing is recent: no news sitemap, and robots.txt does not name one.
    site.build_ok(&["--now", "2025-06-10T12:00:00Z"]);
    assert!(!site.has_file("news-sitemap.xml"));
    assert!(!site.file("robots.txt").contains("news-sitemap"));
}

#[test]
fn json_ld_describes_the_article_and_no_headline_can_leave_its_script() {
    let site = TestSite::new();
    site.write("site.toml", "base_url = \"https://news.example.com\"\ntimezone = \"Asia/Baku\"\npublisher = \"Ledger\"\nlogo = \"/logo.png\"\n")
        .write("static/img/map.png", common::png(40, 30))
        .write("static/logo.png", common::png(60, 60))
        .write("content/world/2025-05-28-x.md", article(
            "Talks end </script><script>alert(1)</script> & \"more\"",
            "2025-05-28T18:30:00+04:00",
            "authors = [\"Amina Khan\", \"Omar Rahman\"]\ndateline = \"Baku\"\ntags = [\"Diplomacy\", \"Energy\"]\nupdated = 2025-05-29T10:00:00+04:00\nimage = \"/img/map.png\"\nimage_alt = \"A map\"\n[[corrections]]\ndate = 2025-05-29T10:00:00+04:00\ntext = \"We misspelt a name.\"",
            "Text.",
        ));
    site.build_ok(&[]);
    let page = site.page("/2025/05/28/x/");
    let scripts = page.inner("script[type='application/ld+json']");
    assert_eq!(scripts.len(), 1, "one JSON-LD block, not broken in two");
    assert!(
        page.inner("script").len() == 1,
        "the title did not make a second script"
    );
    let ld: serde_json::Value = serde_json::from_str(&scripts[0]).expect("valid JSON");
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(
        ld["headline"],
        "Talks end </script><script>alert(1)</script> & \u{201c}more\u{201d}"
    );
    assert_eq!(ld["datePublished"], "2025-05-28T18:30:00+04:00");
    assert_eq!(ld["dateModified"], "2025-05-29T10:00:00+04:00");
    assert_eq!(ld["author"][0]["@type"], "Person");
    assert_eq!(
        ld["author"][1]["url"],
        "https://news.example.com/authors/omar-rahman/"
    );
    assert_eq!(ld["publisher"]["name"], "Ledger");
    assert_eq!(
        ld["publisher"]["logo"]["url"],
        "https://news.example.com/logo.png"
    );
    // The photo's crops at 16:9, 4:3 and 1:1 (never larger than the photo itself).
    let crops: Vec<&str> = ld["image"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(crops.len(), 3, "{crops:?}");
    for (crop, shape) in crops.iter().zip(["16x9", "4x3", "1x1"]) {
        assert!(
            crop.starts_with("https://news.example.com/img/map.")
                && crop.ends_with(&format!(".{shape}.png")),
            "{crop}"
        );
        assert!(
            site.has_file(crop.trim_start_matches("https://news.example.com/")),
            "{crop} is published"
        );
    }
    assert_eq!(ld["locationCreated"]["name"], "Baku");
    assert_eq!(ld["keywords"], serde_json::json!(["Diplomacy", "Energy"]));
    assert_eq!(ld["correction"][0]["text"], "We misspelt a name.");
    // Open Graph and the visible page agree with it.
    assert_eq!(
        page.attrs("meta[property='og:type']", "content"),
        vec!["article"]
    );
    assert_eq!(
        page.attrs("meta[property='og:image:alt']", "content"),
        vec!["A map"]
    );
    assert_eq!(
        page.attrs("meta[property='article:modified_time']", "content"),
        vec!["2025-05-29T10:00:00+04:00"]
    );
    assert_eq!(
        page.attrs("meta[property='article:tag']", "content"),
        vec!["Diplomacy", "Energy"]
    );
    assert_eq!(
        page.attrs("meta[name='twitter:card']", "content"),
        vec!["summary_large_image"]
    );
    assert_eq!(
        page.attrs("link[rel=canonical]", "href"),
        vec!["https://news.example.com/2025/05/28/x/"]
    );
    assert!(
        page.attrs("time", "datetime")
            .contains(&"2025-05-29T10:00:00+04:00".to_string()),
        "a visible Updated time"
    );
    assert!(page.main_text().contains("We misspelt a name."));
    assert!(
        site.page("/corrections/")
            .article_links()
            .contains(&"/2025/05/28/x/".to_string())
    );
}

#[test]
fn scheduled_and_expired_articles_are_in_no_feed_sitemap_index_or_related_list() {
    let site = TestSite::new();
    site.write("content/world/2025-01-01-live.md", article("Live", "2025-01-01T09:00:00Z", "tags = [\"Shared\"]", "x"))
        .write("content/world/2025-01-02-gone.md", article("Taken down", "2025-01-02T09:00:00Z", "tags = [\"Shared\", \"Legal\"]\nexpires = 2025-02-01T00:00:00Z\naliases = [\"/gone-old/\"]", "x"))
        .write("content/world/2025-01-03-soon.md", article("Coming soon", "2025-07-01T09:00:00Z", "tags = [\"Shared\"]", "x"))
        .write("content/world/2025-01-04-later.md", article("Expires later", "2025-01-04T09:00:00Z", "expires = 2025-12-01T00:00:00Z", "x"));
    let run = site.build_ok(&["--now", "2025-03-01T00:00:00Z"]);
    assert!(
        run.stdout
            .contains("next scheduled: Coming soon at 2025-07-01T09:00:00+00:00; rebuild then"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("next expiry: Expires later at 2025-12-01T00:00:00+00:00; rebuild then"),
        "{}",
        run.stdout
    );
    let everything = site.all_output();
    for hidden in [
        "Taken down",
        "Coming soon",
        "Legal",
        "gone-old",
        "/2025/01/02/gone/",
    ] {
        assert!(!everything.contains(hidden), "`{hidden}` is in the output");
    }
    assert!(!site.has_page("/2025/01/02/gone/"));
    // Before it expires, the article is everywhere.
    site.build_ok(&["--now", "2025-01-20T00:00:00Z"]);
    assert!(site.has_page("/2025/01/02/gone/"));
    assert!(site.file("feed.xml").contains("Taken down"));
}

#[test]
fn aliases_redirect_to_the_article_and_are_listed_for_static_hosts() {
    let site = TestSite::new();
    site.write("site.toml", "base_url = \"https://news.example.com\"\n")
        .write(
            "content/world/2025-01-01-new.md",
            article(
                "New home",
                "2025-01-01T09:00:00Z",
                "aliases = [\"/news/old-story\", \"/old.html\"]",
                "x",
            ),
        );
    site.build_ok(&[]);
    let old = site.page("/news/old-story/");
    assert_eq!(
        old.attrs("meta[http-equiv=refresh]", "content"),
        vec!["0; url=/2025/01/01/new/"]
    );
    assert_eq!(
        old.attrs("link[rel=canonical]", "href"),
        vec!["https://news.example.com/2025/01/01/new/"]
    );
    assert_eq!(old.attrs("meta[name=robots]", "content"), vec!["noindex"]);
    assert!(site.has_file("old.html"));
    assert_eq!(
        site.file("_redirects"),
        "/news/old-story/ /2025/01/01/new/ 301\n/old.html /2025/01/01/new/ 301\n"
    );

    site.write(
        "content/world/2025-01-02-clash.md",
        article(
            "Clash",
            "2025-01-02T09:00:00Z",
            "aliases = [\"/tags/\"]",
            "x",
        ),
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "content/world/2025-01-02-clash.md:4:1: error: alias /tags/ is the address of a page"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_lead_image_needs_alt_text_and_a_file_in_static() {
    let site = TestSite::new();
    site.write(
        "content/world/a.md",
        "+++\ntitle = \"A\"\ndate = 2025-01-01\nimage = \"/images/missing.jpg\"\n+++\nx\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "content/world/a.md:4:9: error: the lead image /images/missing.jpg has no alt text"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "content/world/a.md:4:9: error: the lead image /images/missing.jpg is not in static/"
        ),
        "{}",
        run.stderr
    );
    site.write("static/images/missing.jpg", common::jpeg(40, 30)).write("content/world/a.md", "+++\ntitle = \"A\"\ndate = 2025-01-01\nimage = \"/images/missing.jpg\"\nimage_alt = \"Crowds\"\nimage_caption = \"Photo: Desk\"\n+++\nx\n");
    site.build_ok(&[]);
    let page = site.page("/2025/01/01/a/");
    assert_eq!(page.attrs("main img", "alt"), vec!["Crowds"]);
    assert_eq!(page.texts("figcaption"), vec!["Photo: Desk"]);
}

#[test]
fn the_archive_lists_every_month_newest_first() {
    let site = TestSite::new();
    site.write(
        "content/world/a.md",
        article("A", "2025-01-05T09:00:00Z", "", "x"),
    )
    .write(
        "content/world/b.md",
        article("B", "2025-01-20T09:00:00Z", "", "x"),
    )
    .write(
        "content/world/c.md",
        article("C", "2025-03-02T09:00:00Z", "", "x"),
    );
    site.build_ok(&[]);
    let links: Vec<String> = site
        .page("/archive/")
        .main_links()
        .into_iter()
        .filter(|l| l.starts_with("/archive/"))
        .collect();
    assert_eq!(links, vec!["/archive/2025/03/", "/archive/2025/01/"]);
    assert!(
        site.page("/archive/")
            .main_text()
            .contains("January 2025 2")
    );
    assert_eq!(
        site.page("/archive/2025/01/").article_links(),
        vec!["/2025/01/20/b/", "/2025/01/05/a/"]
    );
}

#[test]
fn two_builds_with_the_same_source_date_epoch_are_identical() {
    let site = TestSite::new();
    site.write("content/_locations.toml", "[Lachin]\nin = \"Azerbaijan\"\n");
    for i in 0..12 {
        site.write(&format!("content/s{}/2025-01-{:02}-a{i}.md", i % 3, i + 1), article(&format!("A{i}"), &format!("2025-01-{:02}T09:00:00Z", i + 1), &format!("tags = [\"T{}\", \"U{}\"]\nlocations = [\"Lachin\", \"Baku\"]\nbyline = \"W{}\"", i % 4, i % 2, i % 3), "BAKU: x"));
    }
    // Dated after SOURCE_DATE_EPOCH (28 May 2025), before the real clock: scheduled only if
    // the build clock comes from SOURCE_DATE_EPOCH.
    site.write(
        "content/s0/later.md",
        article("Filed in June", "2025-06-10T09:00:00Z", "", "BAKU: x"),
    );
    let build = |out: &str| {
        let run: common::Run = std::process::Command::new(env!("CARGO_BIN_EXE_newsdesk"))
            .args(["build", "--output", out])
            .current_dir(site.path())
            .env("SOURCE_DATE_EPOCH", "1748400000")
            .output()
            .unwrap()
            .into();
        assert_eq!(run.code, 0, "{}", run.stderr);
    };
    build("one");
    build("two");
    let files = |dir: &str| -> Vec<(String, Vec<u8>)> {
        let root = site.path().join(dir);
        let mut out = Vec::new();
        let mut stack = vec![root.clone()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p)
                } else {
                    out.push((
                        p.strip_prefix(&root).unwrap().display().to_string(),
                        std::fs::read(&p).unwrap(),
                    ))
                }
            }
        }
        out.sort();
        out
    };
    let (one, two) = (files("one"), files("two"));
    assert!(one.len() > 40);
    assert!(one == two, "the two builds differ");
    assert!(
        String::from_utf8_lossy(&one.iter().find(|(f, _)| f == "index.html").unwrap().1)
            .contains("A11")
            && !one
                .iter()
                .any(|(_, bytes)| String::from_utf8_lossy(bytes).contains("Filed in June")),
        "site.now comes from SOURCE_DATE_EPOCH"
    );
}
