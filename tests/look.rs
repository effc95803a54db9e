//! What a reader sees of times and datelines: times with the zone's name, cards with the
//! time as well as the day, the dateline once.

mod common;

use common::{TestSite, article};

fn desk() -> TestSite {
    let site = TestSite::new();
    site.write(
        "site.toml",
        "title = \"Ledger\"\nbase_url = \"https://news.example.com\"\ntimezone = \"Asia/Baku\"\ntimezone_label = \"Baku time\"\n",
    )
    .write(
        "content/world/2025-06-02-opens.md",
        article("Opens with it", "2025-06-02T10:00:00+04:00", "", "BAKU: Talks resumed."),
    )
    .write(
        "content/world/2025-06-01-set.md",
        article(
            "Set in front matter",
            "2025-06-01T08:05:00+04:00",
            "dateline = \"Ganja\"",
            "Talks resumed in the city.",
        ),
    );
    site
}

#[test]
fn the_dateline_is_shown_once() {
    let site = desk();
    site.build_ok(&[]);
    let opens = site.page("/2025/06/02/opens/");
    assert_eq!(opens.texts(".story-body .dateline"), vec!["BAKU:"]);
    assert!(
        opens.texts(".story-dateline").is_empty(),
        "the text has it already"
    );
    let set = site.page("/2025/06/01/set/");
    assert!(set.texts(".story-body .dateline").is_empty());
    assert_eq!(
        set.texts(".story-dateline"),
        vec!["Ganja"],
        "the text does not open with it"
    );
}

#[test]
fn times_carry_the_zones_name_and_cards_the_time_of_day() {
    let site = desk();
    site.build_ok(&[]);
    let page = site.page("/2025/06/02/opens/");
    assert!(
        page.texts(".story-published")
            .contains(&"Published 2 June 2025, 10:00 Baku time".to_string()),
        "{:?}",
        page.texts(".story-published")
    );
    let front = site.page("/world/");
    let times = front.texts(".card-meta time, .card time");
    assert!(
        times.iter().any(|t| t == "1 June 2025, 08:05"),
        "the card shows the day and the time: {times:?}"
    );
    // Without a label, the zone's offset, never a bare "+04".
    site.write(
        "site.toml",
        "title = \"Ledger\"\nbase_url = \"https://news.example.com\"\ntimezone = \"Asia/Baku\"\n",
    );
    site.build_ok(&[]);
    let page = site.page("/2025/06/02/opens/");
    assert!(
        page.texts(".story-published")
            .contains(&"Published 2 June 2025, 10:00 UTC+4".to_string()),
        "{:?}",
        page.texts(".story-published")
    );
}

#[test]
fn an_authors_page_leaves_out_their_own_byline_but_not_their_co_authors() {
    let site = desk();
    site.write(
        "content/world/2025-06-03-solo.md",
        article(
            "Solo",
            "2025-06-03T09:00:00Z",
            "byline = \"Amina Khan\"",
            "x",
        ),
    )
    .write(
        "content/world/2025-06-04-pair.md",
        article(
            "Pair",
            "2025-06-04T09:00:00Z",
            "authors = [\"Amina Khan\", \"Omar Rahman\"]",
            "x",
        ),
    );
    site.build_ok(&[]);
    let bylines = site.page("/authors/amina-khan/").texts(".card-byline");
    assert_eq!(bylines, vec!["Amina Khan and Omar Rahman"]);
    // Elsewhere every card has its byline.
    let home = site.page("/").texts(".card-byline");
    assert!(home.contains(&"Amina Khan".to_string()), "{home:?}");
}

#[test]
fn a_lead_image_in_static_gets_its_width_and_height_everywhere_it_is_shown() {
    let site = desk();
    site.write("static/images/map.png", common::png(300, 200))
        .write(
            "content/world/2025-06-03-map.md",
            article(
                "Map",
                "2025-06-03T09:00:00Z",
                "image = \"/images/map.png\"\nimage_alt = \"A map\"",
                "x",
            ),
        );
    site.build_ok(&[]);
    for url in ["/2025/06/03/map/", "/", "/world/"] {
        let page = site.page(url);
        let sizes: Vec<(String, String)> = page
            .attrs("img[alt='A map']", "width")
            .into_iter()
            .zip(page.attrs("img[alt='A map']", "height"))
            .collect();
        assert!(!sizes.is_empty(), "{url} shows the image");
        assert!(
            sizes.iter().all(|(w, h)| w == "300" && h == "200"),
            "{url}: {sizes:?}"
        );
    }
}
