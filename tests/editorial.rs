//! The desk's everyday commands besides build: init, new, import, check and completions, each
//! run with the real binary on a site in a temporary folder.

mod common;

use common::{TestSite, article};
use newsdesk::editorial::article_file::BODY_PLACEHOLDER;

/// The wire copy of the example site's seed story, as it came in.
const SEED: &str = include_str!("fixtures/wire/000_ef0495e77473f4b7.txt");

/// 2025-05-28T14:30:00Z: 18:30 in Baku.
const MAY_28: i64 = 1_748_442_600;

const SITE_TOML: &str =
    "title = \"Ledger\"\nbase_url = \"https://news.example.com\"\ntimezone = \"Asia/Baku\"\n";

const GAZETTEER: &str = "[Lachin]\nin = \"Azerbaijan\"\naliases = [\"Laçın\"]\n[Baku]\nin = \"Azerbaijan\"\n[Azerbaijan]\nin = \"South Caucasus\"\n[Islamabad]\nin = \"Pakistan\"\n[\"New Delhi\"]\nin = \"India\"\n";

fn desk() -> TestSite {
    let site = TestSite::new();
    site.write("site.toml", SITE_TOML)
        .write("content/_locations.toml", GAZETTEER);
    site
}

#[test]
fn init_makes_a_site_that_builds_and_checks_clean_at_once() {
    let site = TestSite::new();
    let run = site.run(&["init", "desk"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("newsdesk new \"Your first headline\" --site desk")
    );
    assert!(run.stdout.contains("newsdesk build --site desk"));
    let toml = std::fs::read_to_string(site.path().join("desk/site.toml")).unwrap();
    for key in newsdesk::site::settings::KNOWN_KEYS {
        assert!(
            toml.lines()
                .any(|l| l.trim_start_matches("# ").starts_with(key)),
            "site.toml sets or shows {key}"
        );
    }
    assert!(!site.path().join("desk/templates").exists());
    let ignored = std::fs::read_to_string(site.path().join("desk/.gitignore")).unwrap();
    assert!(
        ignored.lines().any(|l| l == "/public/") && ignored.lines().any(|l| l == "/.newsdesk/"),
        "the built site and the build cache stay out of the repository: {ignored}"
    );

    let build = site.run(&["build", "--site", "desk"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(
        build
            .stderr
            .contains("warning: the base URL http://localhost:1111"),
        "until base_url is set, the build says its addresses lead nowhere: {}",
        build.stderr
    );
    let build = site.run(&[
        "build",
        "--site",
        "desk",
        "--base-url",
        "https://news.example.com",
    ]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert_eq!(build.stderr, "", "the new site builds without a warning");
    assert!(
        build.stdout.contains("built 1 article "),
        "{}",
        build.stdout
    );
    let check = site.run(&["check", "--site", "desk"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check.stdout.contains("0 errors, 0 warnings"),
        "{}",
        check.stdout
    );
    let public = site.path().join("desk/public");
    assert!(public.join("style.css").is_file());
    assert!(public.join("locations/azerbaijan/index.html").is_file());

    // A second init in the same folder is refused and changes nothing.
    let again = site.run(&["init", "desk"]);
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("not empty"), "{}", again.stderr);
    assert_eq!(
        std::fs::read_to_string(site.path().join("desk/site.toml")).unwrap(),
        toml
    );
}

#[test]
fn the_imported_seed_shows_every_paragraph_word_for_word_from_baku_by_the_news_desk() {
    let site = desk();
    site.write("wire/seed.txt", SEED);
    let headline = "Sharif hails Pakistan-Azerbaijan bond in Lachin";
    let run = site.run_at(
        MAY_28,
        &[
            "import",
            "wire/seed.txt",
            "--section",
            "world",
            "--title",
            headline,
        ],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stderr, "",
        "a headline was given: nothing to warn about"
    );
    let lines: Vec<&str> = SEED.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 7);
    let file = "content/world/2025-05-28-sharif-hails-pakistan-azerbaijan-bond-in-lachin.txt";
    assert!(run.stdout.contains(file), "{}", run.stdout);
    let url = "/2025/05/28/sharif-hails-pakistan-azerbaijan-bond-in-lachin/";
    assert!(
        run.stdout
            .contains(&format!("https://news.example.com{url}")),
        "{}",
        run.stdout
    );
    let text = site.read(file);
    assert!(text.contains("locations = [\"Baku\", \"Lachin\", \"Islamabad\", \"New Delhi\"]"));
    assert!(text.contains("date = 2025-05-28T18:30:00+04:00"), "{text}");
    assert!(!text.contains("draft"), "{text}");

    site.build_ok(&["--now", "2025-06-01T00:00:00Z"]);
    let page = site.page(url);
    assert_eq!(page.texts("h1"), vec![headline]);
    assert_eq!(page.texts(".standfirst"), vec![lines[0]]);
    assert_eq!(page.texts(".byline"), vec!["By News Desk"]);
    // The dateline once: where the text opens with it, not again in the meta line.
    assert!(page.texts(".story-dateline").is_empty());
    assert_eq!(page.texts(".story-body p"), lines[2..]);
    assert_eq!(page.texts(".story-body .dateline"), vec!["BAKU:"]);
    assert!(
        site.page("/locations/south-caucasus/")
            .article_links()
            .contains(&url.to_string())
    );
}

#[test]
fn the_same_copy_imported_again_with_a_title_or_on_another_day_is_left_out_naming_its_file() {
    let site = desk();
    site.write("wire/seed.txt", SEED);
    let title = "Sharif hails Pakistan-Azerbaijan bond in Lachin";
    let first = site.run_at(
        MAY_28,
        &[
            "import",
            "wire/seed.txt",
            "--section",
            "world",
            "--title",
            title,
        ],
    );
    assert_eq!(first.code, 0, "{}", first.stderr);
    let file = "content/world/2025-05-28-sharif-hails-pakistan-azerbaijan-bond-in-lachin.txt";
    let text = site.read(file);
    assert!(text.contains("source_digest = \""), "{text}");

    // Two days later, under another headline, in another section, with Windows line ends:
    // the same copy, left out, with the file it already is.
    site.write("wire/again.txt", SEED.replace('\n', "\r\n"));
    let later = MAY_28 + 2 * 86_400;
    for args in [
        vec!["import", "wire/seed.txt", "--section", "world"],
        vec!["import", "wire/seed.txt", "--title", "Another headline"],
        vec!["import", "wire/again.txt", "--section", "politics"],
        vec!["import", "wire"],
    ] {
        let again = site.run_at(later, &args);
        assert_eq!(again.code, 0, "{args:?}: {}", again.stderr);
        assert!(
            again
                .stdout
                .contains(&format!("already imported as {file}")),
            "{args:?}: {}",
            again.stdout
        );
        assert!(again.stdout.contains("imported 0,"), "{}", again.stdout);
    }
    let articles: Vec<_> = walk(&site.path().join("content"));
    assert_eq!(articles, vec![file.to_string()], "no second article");
    assert_eq!(site.read(file), text, "the article is left as it is");

    // The digest is a key the build knows: no "unknown key" warning.
    let check = site.run(&["check", "--now", "2025-06-01T00:00:00Z"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(!check.stderr.contains("source_digest"), "{}", check.stderr);
    assert!(
        check.stdout.contains("0 errors, 0 warnings"),
        "{}",
        check.stdout
    );
}

/// The article files under a folder, relative to the site, A-Z.
fn walk(content: &std::path::Path) -> Vec<String> {
    let site = content.parent().unwrap();
    let mut out = Vec::new();
    let mut stack = vec![content.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if !path.file_name().unwrap().to_string_lossy().starts_with('_') {
                let rel = path.strip_prefix(site).unwrap();
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn copy_without_a_headline_is_a_draft_whose_placeholder_check_reports_until_the_file_follows_the_headline()
 {
    let site = desk();
    site.write("wire/seed.txt", SEED);
    let run = site.run_at(MAY_28, &["import", "wire/seed.txt", "--section", "world"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("wire/seed.txt: warning: the copy has no headline line"),
        "{}",
        run.stderr
    );
    let file = "content/world/2025-05-28-headline-needed.txt";
    assert!(run.stdout.contains(file), "{}", run.stdout);
    let text = site.read(file);
    assert!(text.contains("title = \"Headline needed\"\n"), "{text}");
    assert!(text.contains("\ndraft = true\n"), "{text}");
    assert!(!text.contains("slug"), "the address is not fixed: {text}");

    // A draft: not published, and its placeholder is a warning in check.
    let now = ["--now", "2025-06-01T00:00:00Z"];
    site.build_ok(&now);
    assert!(!site.all_output().contains("Headline needed"));
    let check = site.run(&["check", now[0], now[1]]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check.stderr.contains(&format!(
            "{file}:2:1: warning: the headline is still the placeholder written by `newsdesk import`"
        )),
        "{}",
        check.stderr
    );

    // Published as it is, the placeholder is an error.
    let published = text.replace("draft = true\n", "");
    site.write(file, &published);
    let check = site.run(&["check", now[0], now[1]]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert!(
        check.stderr.contains(&format!(
            "{file}:2:1: error: the headline is still the placeholder"
        )),
        "{}",
        check.stderr
    );

    // The desk writes the headline (still a draft): check names the file it should have.
    let headline = "Sharif hails Pakistan-Azerbaijan bond in Lachin";
    site.write(file, text.replace("Headline needed", headline));
    let check = site.run(&["check", now[0], now[1]]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let renamed = "content/world/2025-05-28-sharif-hails-pakistan-azerbaijan-bond-in-lachin.txt";
    assert!(
        check.stderr.contains(&format!(
            "help: name the file after the headline, which makes the address: mv {file} {renamed}"
        )),
        "{}",
        check.stderr
    );
    // Following that and publishing: the address is the headline's, and check is clean.
    std::fs::rename(site.path().join(file), site.path().join(renamed)).unwrap();
    site.write(renamed, site.read(renamed).replace("draft = true\n", ""));
    let check = site.run(&["check", now[0], now[1]]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check.stdout.contains("0 errors, 0 warnings"),
        "{}{}",
        check.stdout,
        check.stderr
    );
    site.build_ok(&now);
    assert_eq!(
        site.page("/2025/05/28/sharif-hails-pakistan-azerbaijan-bond-in-lachin/")
            .texts("h1"),
        vec![headline]
    );

    // Other copy without a headline on the same day is a second draft, not "already there".
    site.write(
        "wire/other.txt",
        "News Desk\nBAKU: Other copy, no headline.\n",
    );
    let other = site.run_at(MAY_28, &["import", "wire/other.txt", "--section", "world"]);
    assert_eq!(other.code, 0, "{}", other.stderr);
    assert!(
        other
            .stdout
            .contains("content/world/2025-05-28-headline-needed.txt"),
        "{}",
        other.stdout
    );
    let third = site.run_at(MAY_28, &["import", "wire/other.txt", "wire/seed.txt"]);
    assert!(
        third.stdout.contains("imported 0, already there 2"),
        "{}",
        third.stdout
    );
}

#[test]
fn windows_line_ends_a_byte_order_mark_and_stray_spaces_import_the_same() {
    let site = desk();
    let mangled = format!(
        "\u{feff}{}",
        SEED.lines()
            .map(|l| format!("{l}  "))
            .collect::<Vec<_>>()
            .join("\r\n")
    );
    site.write("wire/clean.txt", SEED)
        .write("wire/mangled.txt", mangled);
    let clean = site.run_at(MAY_28, &["import", "wire/clean.txt", "--dry-run"]);
    let mangled = site.run_at(MAY_28, &["import", "wire/mangled.txt", "--dry-run"]);
    assert_eq!(clean.code, 0, "{}", clean.stderr);
    assert_eq!(mangled.code, 0, "{}", mangled.stderr);
    assert_eq!(clean.stdout, mangled.stdout);
    assert!(
        clean
            .stdout
            .starts_with("would write content/news/2025-05-28-")
    );
    assert!(
        !site.path().join("content/news").exists(),
        "a dry run writes nothing"
    );
}

#[test]
fn a_folder_of_wire_copy_imports_every_file_with_headlines_and_dates_from_the_copy() {
    let site = desk();
    site.write("wire/a.txt", SEED).write(
        "wire/b.txt",
        "Islamabad and Baku sign rail deal\nThe line will carry freight by 2027.\n2025-05-20\nBy Amina Khan and Omar Rahman\nISLAMABAD: The deal was signed on Tuesday.\nIt follows talks in Laçın.",
    );
    site.write("wire/.hidden", "not wire copy");
    let run = site.run_at(MAY_28, &["import", "wire", "--section", "Business News"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("imported 2, already there 0, failed 0"));
    let b = site.read("content/business-news/2025-05-20-islamabad-and-baku-sign-rail-deal.txt");
    assert!(
        b.contains("title = \"Islamabad and Baku sign rail deal\""),
        "{b}"
    );
    assert!(b.contains("summary = \"The line will carry freight by 2027.\""));
    assert!(b.contains("date = 2025-05-20\n"));
    assert!(b.contains("authors = [\"Amina Khan\", \"Omar Rahman\"]"));
    assert!(b.contains("dateline = \"Islamabad\""));
    // The headline names Baku too; Azerbaijan is left out, as Baku and Lachin lie in it.
    assert!(
        b.contains("locations = [\"Islamabad\", \"Baku\", \"Lachin\"]"),
        "{b}"
    );
    assert!(b.ends_with(
        "+++\nISLAMABAD: The deal was signed on Tuesday.\nIt follows talks in Laçın.\n"
    ));
    site.build_ok(&["--now", "2025-06-01T00:00:00Z"]);
    assert!(site.has_page("/business-news/"));

    let title_for_two = site.run(&["import", "wire", "--title", "One headline"]);
    assert_eq!(title_for_two.code, 2, "{}", title_for_two.stderr);
}

#[test]
fn new_twice_with_one_headline_makes_two_articles_with_two_addresses() {
    let site = desk();
    let args = [
        "new",
        "Ganja council passes budget",
        "--section",
        "politics",
        "--tags",
        "Budget, Local government",
        "--locations",
        "Ganja",
        "--byline",
        "Amina Khan",
        "--publish",
    ];
    let first = site.run_at(MAY_28, &args);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(
        first.stdout.starts_with(
            "content/politics/2025-05-28-ganja-council-passes-budget.md\n\
             https://news.example.com/2025/05/28/ganja-council-passes-budget/\n"
        ),
        "{}",
        first.stdout
    );
    let second = site.run_at(MAY_28, &args);
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert!(
        second.stdout.starts_with(
            "content/politics/2025-05-28-ganja-council-passes-budget-2.md\n\
             https://news.example.com/2025/05/28/ganja-council-passes-budget-2/\n"
        ),
        "{}",
        second.stdout
    );
    let text = site.read("content/politics/2025-05-28-ganja-council-passes-budget.md");
    assert_eq!(
        text,
        format!(
            "+++\ntitle = \"Ganja council passes budget\"\ndate = 2025-05-28T18:30:00+04:00\nbyline = \"Amina Khan\"\ntags = [\"Budget\", \"Local government\"]\nlocations = [\"Ganja\"]\n+++\n{BODY_PLACEHOLDER}\n"
        )
    );

    let wire = site.run_at(
        MAY_28,
        &[
            "new",
            "Ganja council passes budget",
            "--section",
            "politics",
            "--wire",
        ],
    );
    assert_eq!(wire.code, 0, "{}", wire.stderr);
    assert!(
        wire.stdout
            .starts_with("content/politics/2025-05-28-ganja-council-passes-budget-3.txt\n")
    );
    assert!(wire.stdout.contains("draft"));

    site.build_ok(&["--now", "2025-05-29T00:00:00Z"]);
    assert!(site.has_page("/2025/05/28/ganja-council-passes-budget/"));
    assert!(site.has_page("/2025/05/28/ganja-council-passes-budget-2/"));
    assert!(!site.has_page("/2025/05/28/ganja-council-passes-budget-3/"));
}

#[test]
fn new_writes_a_draft_with_a_placeholder_that_never_reaches_the_front_or_the_news_sitemap() {
    let site = desk();
    site.write(
        "content/world/2025-05-27-earlier.md",
        article(
            "Earlier story",
            "2025-05-27T09:00:00+04:00",
            "",
            "BAKU: Text.",
        ),
    );
    let run = site.run_at(
        MAY_28,
        &["new", "Polls close in Baku", "--section", "world"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let file = "content/world/2025-05-28-polls-close-in-baku.md";
    assert!(
        run.stdout.starts_with(&format!("{file}\n")),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("draft"), "{}", run.stdout);
    let text = site.read(file);
    assert!(text.contains("\ndraft = true\n+++\n"), "{text}");
    assert!(
        text.ends_with(&format!("+++\n{BODY_PLACEHOLDER}\n")),
        "{text}"
    );

    // The build leaves the draft out: no page, not the front's lead, not in the news sitemap.
    let now = ["--now", "2025-05-28T19:00:00+04:00"];
    let build = site.build_ok(&now);
    assert!(
        build.stdout.contains("(1 draft left out)"),
        "{}",
        build.stdout
    );
    assert!(!site.has_page("/2025/05/28/polls-close-in-baku/"));
    assert_eq!(
        site.page("/").article_links().first().map(String::as_str),
        Some("/2025/05/27/earlier/")
    );
    assert!(!site.all_output().contains("polls-close-in-baku"));

    // check reports the placeholder, at its line, as a warning while it is a draft.
    let check = site.run(&["check", now[0], now[1]]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check.stderr.contains(&format!(
            "{file}:8:1: warning: the body is still the placeholder written by `newsdesk new`\n  help: write the story in place of this line"
        )),
        "{}",
        check.stderr
    );

    // --publish: no draft line, and the placeholder is an error until the story is written.
    let live = site.run_at(
        MAY_28,
        &[
            "new",
            "Results expected after midnight",
            "--section",
            "world",
            "--publish",
        ],
    );
    assert_eq!(live.code, 0, "{}", live.stderr);
    let live_file = "content/world/2025-05-28-results-expected-after-midnight.md";
    assert!(!site.read(live_file).contains("draft"));
    let check = site.run(&["check", now[0], now[1]]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert!(
        check.stderr.contains(&format!(
            "{live_file}:7:1: error: the body is still the placeholder written by `newsdesk new`"
        )),
        "{}",
        check.stderr
    );

    // Written: check is clean, and the published story leads the front and is in the news
    // sitemap, while the draft still is not.
    for f in [file, live_file] {
        site.write(
            f,
            site.read(f).replace(BODY_PLACEHOLDER, "BAKU: The story."),
        );
    }
    let check = site.run(&["check", now[0], now[1]]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check.stdout.contains("0 errors, 0 warnings"),
        "{}{}",
        check.stdout,
        check.stderr
    );
    site.build_ok(&now);
    assert_eq!(
        site.page("/").article_links().first().map(String::as_str),
        Some("/2025/05/28/results-expected-after-midnight/")
    );
    let news = site.file("news-sitemap.xml");
    assert!(
        news.contains("/2025/05/28/results-expected-after-midnight/"),
        "{news}"
    );
    assert!(!news.contains("polls-close-in-baku"), "{news}");
}

#[test]
fn new_and_import_refuse_a_section_whose_address_is_the_sites_own() {
    let site = desk();
    site.write("wire/seed.txt", SEED);
    for section in ["tags", "Locations", "authors", "archive", "corrections"] {
        let run = site.run(&["new", "Headline", "--section", section]);
        assert_eq!(run.code, 2, "{section}: {}", run.stderr);
        let slug = section.to_lowercase();
        assert!(
            run.stderr.contains(&format!(
                "error: the section `{section}` would take the address /{slug}/, which the site's own pages use"
            )),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("help: choose another section"));
        let import = site.run(&["import", "wire/seed.txt", "--section", section]);
        assert_eq!(import.code, 2, "{section}: {}", import.stderr);
    }
    assert_eq!(walk(&site.path().join("content")), Vec::<String>::new());
    site.build_ok(&[]);
}

#[test]
fn init_into_a_file_says_it_is_a_file() {
    let site = TestSite::new();
    site.write("site.toml", "title = \"Mine\"\n");
    let run = site.run(&["init", "site.toml"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with("error: site.toml is a file;"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("not empty"));
    assert_eq!(site.read("site.toml"), "title = \"Mine\"\n");
}

#[test]
fn the_example_site_checks_clean_and_places_nobody_wrote_about_are_notes_for_verbose() {
    // In the repository's folder, which is the example site, as its README says to run it.
    let check = |extra: &[&str]| -> common::Run {
        std::process::Command::new(env!("CARGO_BIN_EXE_newsdesk"))
            .args(["check", "--now", "2025-07-01T00:00:00Z"])
            .args(extra)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env_remove("SOURCE_DATE_EPOCH")
            .output()
            .expect("newsdesk runs")
            .into()
    };
    let run = check(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "", "no warnings to learn to ignore");
    assert!(
        run.stdout.contains(": 0 errors, 0 warnings"),
        "{}",
        run.stdout
    );

    let verbose = check(&["--verbose"]);
    assert_eq!(verbose.code, 0, "{}", verbose.stderr);
    assert!(
        verbose
            .stderr
            .lines()
            .any(|l| l.starts_with("content/_locations.toml:")
                && l.ends_with(": note: no article is about `Astana`, so it has no page")),
        "{}",
        verbose.stderr
    );
    assert!(!verbose.stderr.contains("warning"), "{}", verbose.stderr);
}

#[test]
fn a_template_error_points_at_the_theme_commands_not_at_docs_the_binary_lacks() {
    let site = desk();
    site.write(
        "content/world/2025-05-28-a.md",
        article("A", "2025-05-28T09:00:00Z", "", "Text."),
    )
    .write(
        "templates/article.html",
        "<h1>{{ article.headline_typo }}</h1>\n",
    );
    let run = site.run(&["build", "--now", "2025-06-01T00:00:00Z"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("templates/article.html"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("newsdesk theme eject"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("docs/templates.md"), "{}", run.stderr);
}

#[test]
fn new_and_import_need_a_site() {
    let site = TestSite::new();
    std::fs::remove_dir(site.path().join("content")).unwrap();
    let run = site.run(&["new", "Headline"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("no content folder"), "{}", run.stderr);
    assert!(!site.path().join("content").exists());
}

/// A site with one problem of each kind `check` looks for.
fn site_with_problems() -> TestSite {
    let site = desk();
    site.write("static/images/map.png", common::png(40, 30))
        .write(
            "content/world/2025-01-02-other.md",
            article(
                "Other story",
                "2025-01-02T09:00:00Z",
                "tags = [\"Diplomacy\"]\nlocations = [\"Lachin\"]",
                "Text.",
            ),
        )
        .write(
            "content/world/2025-01-03-third.md",
            article(
                "Third story",
                "2025-01-03T09:00:00Z",
                "tags = [\"Diplomacy\"]\nlocations = [\"Baku\", \"Islamabad\"]",
                "Text.",
            ),
        )
        .write(
            "content/world/2025-01-04-links.md",
            "+++\ntitle = \"Links\"\ndate = 2025-01-04T09:00:00Z\ntags = [\"Diplomcy\"]\nsubtitle = \"x\"\n+++\n\
             See [the other story](/2025/01/02/other/) and [the top](#main).\n\
             \n\
             A [broken link](/2025/01/05/nowhere/) and [a bad anchor](/2025/01/02/other/#nowhere).\n\
             \n\
             ![](/images/map.png)\n\
             \n\
             ![A map of the region](/images/missing.png)\n\
             \n\
             <img src=\"/images/map.png\">\n",
        );
    site
}

#[test]
fn check_finds_broken_links_missing_images_and_alt_text_with_file_and_line() {
    let site = site_with_problems();
    let run = site.run(&["check", "--verbose", "--now", "2025-02-01T00:00:00Z"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let file = "content/world/2025-01-04-links.md";
    for (place, what) in [
        (
            format!("{file}:9:3:"),
            "broken link to /2025/01/05/nowhere/",
        ),
        (format!("{file}:9:43:"), "has no anchor #nowhere"),
        (
            format!("{file}:11:1:"),
            "the image /images/map.png has no alt text",
        ),
        (
            format!("{file}:13:1:"),
            "the image /images/missing.png is not in static/",
        ),
        (
            format!("{file}:15:1:"),
            "the image /images/map.png has no alt text",
        ),
        (
            format!("{file}:5:1:"),
            "unknown front-matter key `subtitle`",
        ),
        (
            format!("{file}:4:10:"),
            "did you mean `Diplomacy` (2 articles)?",
        ),
        (
            "content/_locations.toml:10:1:".to_string(),
            "note: no article is about `New Delhi`",
        ),
    ] {
        assert!(
            run.stderr
                .lines()
                .any(|l| l.starts_with(&place) && l.contains(what)),
            "no `{place} ... {what}` in:\n{}",
            run.stderr
        );
    }
    assert!(
        run.stderr
            .contains("help: did you mean /2025/01/02/other/?")
            || run
                .stderr
                .contains("help: did you mean /2025/01/03/third/?"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("the top"), "#main is on every page");
    assert!(!run.stderr.contains("the other story"));
    assert!(
        run.stdout.contains("5 errors, 2 warnings, 1 note"),
        "{}",
        run.stdout
    );
    assert!(!site.public().exists(), "check writes nothing");
}

#[test]
fn check_speaks_json_for_editors_and_ci() {
    let site = site_with_problems();
    let run = site.run(&["check", "--format", "json", "--now", "2025-02-01T00:00:00Z"]);
    assert_eq!(run.code, 1);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("check prints JSON");
    assert_eq!(json["ok"], false);
    assert_eq!(json["errors"], 5);
    assert_eq!(json["warnings"], 2);
    assert!(json.get("notes").is_none(), "notes only with --verbose");
    let broken = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| {
            d["message"]
                .as_str()
                .unwrap()
                .contains("/2025/01/05/nowhere/")
        })
        .expect("the broken link is reported");
    assert_eq!(broken["file"], "content/world/2025-01-04-links.md");
    assert_eq!(broken["line"], 9);
    assert_eq!(broken["column"], 3);
    assert_eq!(broken["severity"], "error");
    assert!(broken["help"].is_string());

    // A site that would not build is reported the same way, with the build's own errors.
    site.write("content/world/bad.md", "+++\ntitle = \"No date\"\n+++\nx\n");
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["file"] == "content/world/bad.md"
                && d["message"] == "the article has no date")
    );
}

#[test]
fn every_command_has_examples_and_the_shells_get_completions() {
    let site = TestSite::new();
    for command in [
        "build",
        "check",
        "new",
        "import",
        "init",
        "theme",
        "completions",
    ] {
        let run = site.run(&[command, "--help"]);
        assert_eq!(run.code, 0, "{command}");
        assert!(
            run.stdout.contains("Examples:"),
            "{command} --help:\n{}",
            run.stdout
        );
    }
    for shell in ["bash", "zsh", "fish"] {
        let run = site.run(&["completions", shell]);
        assert_eq!(run.code, 0, "{shell}");
        assert!(
            run.stdout.contains("import") && run.stdout.contains("dry-run"),
            "{shell}"
        );
    }
    assert_eq!(site.run(&["completions", "tcsh"]).code, 2);
}

#[test]
fn theme_list_names_the_built_in_templates_and_which_ones_the_site_replaces() {
    let site = desk();
    site.write("templates/article.html", "{% extends \"base.html\" %}\n")
        .write("templates/articel.html", "a typo\n");
    let run = site.run(&["theme", "list"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let line = |name: &str| {
        run.stdout
            .lines()
            .find(|l| l.split_whitespace().next() == Some(name))
            .unwrap_or_else(|| panic!("no {name} in:\n{}", run.stdout))
            .to_string()
    };
    assert!(line("article.html").ends_with("replaced by templates/article.html"));
    assert!(!line("base.html").contains("replaced"));
    assert!(!line("partials/card.html").contains("replaced"));
    for name in ["feed.xml", "news-sitemap.xml", "404.html", "index.html"] {
        line(name);
    }
    assert!(
        line("templates/articel.html").contains("did you mean article.html?"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("newsdesk theme eject"));
}

#[test]
fn theme_eject_copies_the_built_in_templates_which_build_the_same_site() {
    let site = desk();
    site.write(
        "content/world/2025-05-28-a.md",
        article(
            "A",
            "2025-05-28T09:00:00Z",
            "tags = [\"Energy\"]",
            "BAKU: Text.",
        ),
    );
    let now = ["--now", "2025-06-01T00:00:00Z"];
    site.build_ok(&now);
    let before = site.all_output();

    let one = site.run(&["theme", "eject", "article", "card.html"]);
    assert_eq!(one.code, 0, "{}", one.stderr);
    assert!(
        one.stdout.contains("templates/article.html"),
        "{}",
        one.stdout
    );
    assert!(one.stdout.contains("templates/partials/card.html"));
    assert!(!site.path().join("templates/base.html").exists());

    // Every template, without names: refused while some are there, and nothing is written.
    let all = site.run(&["theme", "eject"]);
    assert_eq!(all.code, 1, "{}", all.stdout);
    assert!(
        all.stderr
            .contains("templates/article.html, templates/partials/card.html are already there"),
        "{}",
        all.stderr
    );
    assert!(all.stderr.contains("--force"), "{}", all.stderr);
    assert!(!site.path().join("templates/base.html").exists());

    // Never over a file the desk edited, unless --force.
    site.write("templates/article.html", "edited\n");
    let again = site.run(&["theme", "eject", "article.html"]);
    assert_eq!(again.code, 1);
    assert_eq!(site.read("templates/article.html"), "edited\n");
    let forced = site.run(&["theme", "eject", "--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert_ne!(site.read("templates/article.html"), "edited\n");
    assert!(site.path().join("templates/base.html").is_file());
    assert!(site.path().join("templates/partials/river.html").is_file());

    // The ejected theme is the built-in one: the same site, byte for byte.
    site.build_ok(&now);
    assert_eq!(site.all_output(), before);
    let list = site.run(&["theme", "list"]);
    assert!(
        list.stdout
            .lines()
            .filter(|l| l.starts_with("  ") && !l.contains("style"))
            .all(|l| l.contains("replaced by templates/")),
        "{}",
        list.stdout
    );
}

#[test]
fn theme_eject_of_an_unknown_template_names_the_closest_and_writes_nothing() {
    let site = desk();
    let run = site.run(&["theme", "eject", "article.html", "articel.html"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr
            .contains("error: there is no built-in template `articel.html`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("help: did you mean article.html?"));
    assert!(!site.path().join("templates").exists());

    let nowhere = TestSite::new();
    std::fs::remove_dir(nowhere.path().join("content")).unwrap();
    let run = nowhere.run(&["theme", "eject"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("is not a site"), "{}", run.stderr);
    assert!(!nowhere.path().join("templates").exists());
}
