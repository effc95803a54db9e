//! What a reader sees on a site that `newsdesk build` made.

mod common;

use common::{TestSite, article};

const GAZETTEER: &str = "[Lachin]\nin = \"Azerbaijan\"\naliases = [\"Laçın\"]\n[Baku]\nin = \"Azerbaijan\"\n[Azerbaijan]\nin = \"South Caucasus\"\n[Tbilisi]\nin = \"Georgia\"\n";

#[test]
fn an_article_about_lachin_is_on_the_azerbaijan_page_and_the_way_up_is_shown() {
    let site = TestSite::new();
    site.write("content/_locations.toml", GAZETTEER)
        .write(
            "content/world/2025-05-28-lachin.md",
            article(
                "Leaders meet in Lachin",
                "2025-05-28T18:30:00+04:00",
                "locations = [\"Laçın\"]",
                "Talks went well.",
            ),
        )
        .write(
            "content/world/2025-05-27-tbilisi.md",
            article(
                "Tbilisi rally",
                "2025-05-27T10:00:00+04:00",
                "locations = [\"Tbilisi\"]",
                "A rally.",
            ),
        );
    site.build_ok(&[]);

    let lachin = "/2025/05/28/lachin/";
    assert_eq!(
        site.page("/locations/azerbaijan/").article_links(),
        vec![lachin]
    );
    assert_eq!(
        site.page("/locations/south-caucasus/").article_links(),
        vec![lachin]
    );
    assert_eq!(
        site.page("/locations/lachin/").article_links(),
        vec![lachin]
    );
    assert!(
        !site
            .page("/locations/azerbaijan/")
            .article_links()
            .contains(&"/2025/05/27/tbilisi/".to_string())
    );
    // The alias is the same place, shown with the gazetteer's name, and the way up is linked.
    let lachin_page = site.page("/locations/lachin/");
    assert!(lachin_page.texts("h1").iter().any(|h| h.contains("Lachin")));
    let links = lachin_page.main_links();
    let up = links
        .iter()
        .position(|l| l == "/locations/south-caucasus/")
        .expect("way up links South Caucasus");
    let next = links
        .iter()
        .position(|l| l == "/locations/azerbaijan/")
        .expect("way up links Azerbaijan");
    assert!(up < next, "outermost place first");
    // The Azerbaijan page links the places inside it.
    assert!(
        site.page("/locations/azerbaijan/")
            .main_links()
            .contains(&"/locations/lachin/".to_string())
    );
    // The places index is a tree with counts.
    let tree = site.page("/locations/").main_text();
    assert!(
        tree.contains("South Caucasus") && tree.contains("Lachin") && tree.contains("Georgia"),
        "{tree}"
    );
    assert!(!site.has_page("/locations/lacin/"));
    assert!(
        !site.has_page("/locations/baku/"),
        "a place no article is about has no page"
    );
}

#[test]
fn spellings_of_one_tag_are_one_tag_shown_as_the_most_used_spelling() {
    let site = TestSite::new();
    site.write(
        "content/business/2025-01-01-a.md",
        article("A", "2025-01-01T09:00:00Z", "tags = [\"Energy\"]", "a"),
    )
    .write(
        "content/business/2025-01-02-b.md",
        article("B", "2025-01-02T09:00:00Z", "tags = [\"energy\"]", "b"),
    )
    .write(
        "content/business/2025-01-03-c.md",
        article("C", "2025-01-03T09:00:00Z", "tags = [\" ENERGY \"]", "c"),
    )
    .write(
        "content/business/2025-01-04-d.md",
        article("D", "2025-01-04T09:00:00Z", "tags = [\"energy\"]", "d"),
    );
    site.build_ok(&[]);

    let tag = site.page("/tags/energy/");
    assert_eq!(tag.article_links().len(), 4);
    assert!(
        tag.texts("h1")
            .iter()
            .any(|h| h.contains("energy") && !h.contains("Energy")),
        "{:?}",
        tag.texts("h1")
    );
    let index = site.page("/tags/");
    let energy_links = index
        .main_links()
        .iter()
        .filter(|l| l.starts_with("/tags/energy"))
        .count();
    assert_eq!(energy_links, 1, "one tag on /tags/");
    assert!(
        index.main_text().contains('4'),
        "the count is shown: {}",
        index.main_text()
    );
    let tag_files: Vec<String> = site
        .files()
        .into_iter()
        .filter(|f| f.starts_with("tags/"))
        .collect();
    assert_eq!(
        tag_files,
        vec![
            "tags/energy/feed.xml",
            "tags/energy/index.html",
            "tags/index.html"
        ]
    );
}

#[test]
fn pagination_has_exactly_per_page_articles_a_last_page_and_no_empty_page() {
    let site = TestSite::new();
    site.write("site.toml", "per_page = 3\n");
    for day in 1..=7 {
        site.write(
            &format!("content/news/2025-03-0{day}-story-{day}.md"),
            article(
                &format!("Story {day}"),
                &format!("2025-03-0{day}T09:00:00Z"),
                "tags = [\"Seven\"]",
                "x",
            ),
        );
    }
    site.build_ok(&[]);

    let first = site.page("/").article_links();
    assert_eq!(
        first,
        vec![
            "/2025/03/07/story-7/",
            "/2025/03/06/story-6/",
            "/2025/03/05/story-5/"
        ]
    );
    assert_eq!(site.page("/page/2/").article_links().len(), 3);
    assert_eq!(
        site.page("/page/3/").article_links(),
        vec!["/2025/03/01/story-1/"]
    );
    assert!(!site.has_page("/page/4/"));
    assert!(
        !site.has_page("/page/1/"),
        "page 1 is the list's own address"
    );
    assert!(
        site.page("/page/2/")
            .main_links()
            .contains(&"/page/3/".to_string())
    );
    assert!(
        site.page("/page/3/")
            .main_links()
            .contains(&"/page/2/".to_string())
    );
    assert_eq!(site.page("/tags/seven/page/3/").article_links().len(), 1);

    // Exactly per_page articles: one full page and nothing more.
    let exact = TestSite::new();
    exact.write("site.toml", "per_page = 3\n");
    for day in 1..=3 {
        exact.write(
            &format!("content/news/2025-03-0{day}-s{day}.md"),
            article(
                &format!("S{day}"),
                &format!("2025-03-0{day}T09:00:00Z"),
                "",
                "x",
            ),
        );
    }
    exact.build_ok(&[]);
    assert_eq!(exact.page("/").article_links().len(), 3);
    assert!(!exact.has_page("/page/2/"));
    assert!(
        !exact
            .page("/")
            .main_links()
            .iter()
            .any(|l| l.contains("/page/"))
    );
}

#[test]
fn drafts_and_scheduled_articles_appear_nowhere_until_asked_for() {
    let site = TestSite::new();
    site.write("content/politics/2025-01-01-live.md", article("Live story", "2025-01-01T09:00:00Z", "tags = [\"Budget\"]\nlocations = [\"Ganja\"]\nbyline = \"Leyla\"", "x"))
        .write("content/politics/2025-01-02-secret.md", article("Secret draft", "2025-01-02T09:00:00Z", "draft = true\ntags = [\"Budget\", \"Leaks\"]\nlocations = [\"Shusha\"]\nbyline = \"Mole\"", "x"))
        .write("content/politics/2099-01-01-later.md", article("Embargoed story", "2099-01-01T09:00:00Z", "tags = [\"Embargo\"]\nbyline = \"Future Writer\"", "x"));
    let run = site.build_ok(&[]);
    assert!(
        run.stdout
            .contains("next scheduled: Embargoed story at 2099-01-01T09:00:00+00:00"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("built 1 article "), "{}", run.stdout);

    let everything = site.all_output();
    for hidden in [
        "Secret draft",
        "Embargoed story",
        "Leaks",
        "Mole",
        "Future Writer",
        "Shusha",
        "Embargo",
    ] {
        assert!(!everything.contains(hidden), "`{hidden}` is in the output");
    }
    assert!(
        !site.has_page("/tags/leaks/")
            && !site.has_page("/tags/embargo/")
            && !site.has_page("/authors/mole/")
    );
    assert!(site.page("/tags/budget/").main_text().contains('1'));

    site.build_ok(&["--drafts", "--future"]);
    assert!(site.has_page("/2025/01/02/secret/") && site.has_page("/2099/01/01/later/"));
    assert_eq!(site.page("/tags/budget/").article_links().len(), 2);
    // As of a moment after the embargo, the scheduled story is published without --future.
    site.build_ok(&["--now", "2099-01-02T00:00:00Z"]);
    assert!(site.has_page("/2099/01/01/later/"));
}

#[test]
fn markup_characters_in_titles_tags_and_bylines_are_shown_as_written() {
    let site = TestSite::new();
    site.write(
        "content/world/2025-01-01-odd.md",
        article(
            r#"Oil & gas <deal> "signed""#,
            "2025-01-01T09:00:00Z",
            "tags = [\"R&D <labs>\"]\nbyline = \"Amina \\\"AK\\\" <Khan> & co\"",
            "Body & <em>soul</em>",
        ),
    );
    site.build_ok(&[]);

    let page = site.page("/2025/01/01/odd/");
    // As written, with the curly quotes a body gets.
    assert!(
        page.texts("h1")
            .contains(&"Oil & gas <deal> \u{201c}signed\u{201d}".to_string()),
        "{:?}",
        page.texts("h1")
    );
    assert!(page.html.contains("Oil &amp; gas &lt;deal&gt;"));
    assert!(
        !page.html.contains("<deal>")
            && !page.html.contains("<labs>")
            && !page.html.contains("<Khan>")
    );
    assert!(page.main_text().contains("R&D <labs>"));
    assert!(
        page.main_text().contains(r#"Amina "AK" <Khan> & co"#),
        "{}",
        page.main_text()
    );
    let home = site.page("/");
    assert!(
        home.main_text()
            .contains("Oil & gas <deal> \u{201c}signed\u{201d}")
    );
    assert!(!home.html.contains("<deal>"));
    assert!(site.page("/tags/").main_text().contains("R&D <labs>"));
    assert!(
        site.page("/authors/")
            .main_text()
            .contains(r#"Amina "AK" <Khan> & co"#)
    );
}

#[test]
fn wire_copy_is_shown_as_text_one_paragraph_a_line_with_its_dateline() {
    let site = TestSite::new();
    site.write(
        "content/world/2025-01-01-wire.txt",
        article(
            "Wire",
            "2025-01-01T09:00:00Z",
            "",
            "TBILISI: Officials said <b>nothing</b> & left.\n\n*Not emphasis*\nLast line",
        ),
    );
    site.build_ok(&[]);

    let page = site.page("/2025/01/01/wire/");
    let paragraphs = page.texts("main p");
    assert!(
        paragraphs.contains(&"TBILISI: Officials said <b>nothing</b> & left.".to_string()),
        "{paragraphs:?}"
    );
    assert!(paragraphs.contains(&"*Not emphasis*".to_string()));
    assert!(paragraphs.contains(&"Last line".to_string()));
    assert!(page.texts("main b").is_empty() && page.texts("main em").is_empty());
    assert_eq!(page.texts(".dateline"), vec!["TBILISI:"]);
    // The dateline's place is one of the article's places.
    assert!(site.has_page("/locations/tbilisi/"));
}

#[test]
fn markdown_bodies_have_tables_footnotes_and_smart_quotes_and_a_default_summary() {
    let site = TestSite::new();
    site.write("content/world/2025-01-01-md.md", article("Md", "2025-01-01T09:00:00Z", "", "BAKU: \"Quoted\" lead with ~~no~~ word[^1].\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[^1]: The note."));
    site.build_ok(&[]);

    let page = site.page("/2025/01/01/md/");
    assert_eq!(page.texts("main table td"), vec!["1", "2"]);
    assert_eq!(page.texts("main del"), vec!["no"]);
    assert!(page.main_text().contains("“Quoted”"));
    assert!(page.main_text().contains("The note."));
    assert_eq!(page.texts(".dateline"), vec!["BAKU:"]);
    // The summary defaults to the lead without its dateline.
    let description = page
        .html
        .split("name=\"description\" content=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    assert!(
        description.starts_with("&quot;Quoted&quot; lead")
            || description.starts_with("“Quoted” lead"),
        "{description}"
    );
}

#[test]
fn a_rebuild_holds_exactly_the_current_site() {
    let site = TestSite::new();
    site.write(
        "content/world/2025-01-01-a.md",
        article("A", "2025-01-01T09:00:00Z", "tags = [\"Gone soon\"]", "a"),
    )
    .write(
        "content/world/2025-01-02-b.md",
        article("B", "2025-01-02T09:00:00Z", "", "b"),
    );
    site.build_ok(&[]);
    assert!(site.has_page("/2025/01/01/a/") && site.has_page("/tags/gone-soon/"));
    site.remove("content/world/2025-01-01-a.md");
    site.build_ok(&[]);
    assert!(
        !site.has_page("/2025/01/01/a/"),
        "a deleted article's page is gone"
    );
    assert!(
        !site.has_page("/tags/gone-soon/"),
        "a tag no article uses is gone"
    );
    let leftovers: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public") && n != ".public.spare")
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
    // The copy the next build starts from is the current site too: a story taken down is
    // gone from every folder newsdesk keeps.
    let spare = site.path().join(".public.spare");
    assert!(
        !spare.join("2025/01/01/a").exists() && !spare.join("tags/gone-soon").exists(),
        "the spare copy still holds the deleted article"
    );
}

#[test]
fn a_folder_with_only_content_builds_with_the_built_in_theme() {
    let site = TestSite::new();
    site.write(
        "content/2025-01-01-hello.md",
        article("Hello", "2025-01-01", "", "Hi."),
    );
    let run = site.build_ok(&[]);
    assert!(
        run.stdout.contains("built 1 article into"),
        "{}",
        run.stdout
    );
    assert!(
        site.page("/2025/01/01/hello/")
            .texts("h1")
            .contains(&"Hello".to_string())
    );
    assert!(site.public().join("style.css").is_file());
    assert!(site.public().join("404.html").is_file());
}

#[test]
fn a_site_template_replaces_the_built_in_one_and_static_files_are_copied() {
    let site = TestSite::new();
    site.write("content/world/2025-01-01-a.md", article("A story", "2025-01-01T09:00:00Z", "", "a"))
        .write("templates/article.html", "{% extends \"base.html\" %}{% block main %}<p class=\"custom\">{{ article.title }} by the desk</p>{% endblock main %}")
        .write("static/img/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    site.build_ok(&[]);
    assert_eq!(
        site.page("/2025/01/01/a/").texts("p.custom"),
        vec!["A story by the desk"]
    );
    assert!(site.public().join("img/logo.svg").is_file());
    // Other pages still use the built-in templates.
    assert_eq!(site.page("/").article_links(), vec!["/2025/01/01/a/"]);
}

#[test]
fn dates_without_offset_are_read_in_the_site_time_zone() {
    let site = TestSite::new();
    site.write("site.toml", "timezone = \"Asia/Baku\"\n")
        .write(
            "content/world/late.md",
            article("Late", "2025-05-28T23:30:00", "", "x"),
        )
        .write(
            "content/world/utc.md",
            article("Utc", "2025-05-28T22:30:00Z", "", "x"),
        );
    site.build_ok(&[]);
    let late = site.page("/2025/05/28/late/");
    assert!(late.html.contains("2025-05-28T23:30:00+04:00"));
    // 22:30 UTC is already the 29th in Baku.
    assert!(site.has_page("/2025/05/29/utc/"));
}

#[test]
fn sections_come_from_folders_and_have_fronts() {
    let site = TestSite::new();
    site.write(
        "content/sport/2025-01-01-match.md",
        article("Match", "2025-01-01T09:00:00Z", "", "x"),
    )
    .write(
        "content/world/2025-01-02-summit.md",
        article(
            "Summit",
            "2025-01-02T09:00:00Z",
            "section = \"Politics\"",
            "x",
        ),
    );
    site.build_ok(&[]);
    assert_eq!(
        site.page("/sport/").article_links(),
        vec!["/2025/01/01/match/"]
    );
    assert_eq!(
        site.page("/politics/").article_links(),
        vec!["/2025/01/02/summit/"]
    );
    assert!(!site.has_page("/world/"));
    let nav = site.page("/").texts("nav a");
    assert!(
        nav.iter().any(|t| t == "Politics") && nav.iter().any(|t| t.eq_ignore_ascii_case("sport")),
        "{nav:?}"
    );
}

#[test]
fn a_long_list_links_its_first_and_last_pages_and_the_pages_around_the_current_one() {
    let site = TestSite::new();
    site.write(
        "site.toml",
        "title = \"Desk\"\nbase_url = \"https://news.example.com\"\nper_page = 2\n",
    );
    for n in 1..=30 {
        site.write(
            &format!("content/world/s{n}.md"),
            article(
                &format!("Story {n}"),
                &format!("2025-03-{n:02}T09:00:00Z"),
                "",
                "Text.",
            ),
        );
    }
    site.build_ok(&[]);
    let page = site.page("/page/8/");
    assert_eq!(
        page.texts(".pagination-links li"),
        [
            "← Newer",
            "1",
            "…",
            "6",
            "7",
            "8",
            "9",
            "10",
            "…",
            "15",
            "Older →"
        ]
    );
    assert_eq!(
        page.attrs(".pagination-page a[aria-current=page]", "href"),
        ["/page/8/"]
    );
    let first = site.page("/");
    assert_eq!(
        first.texts(".pagination-links li"),
        ["1", "2", "3", "…", "15", "Older →"]
    );
}
