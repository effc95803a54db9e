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
