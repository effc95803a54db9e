//! Properties of the parsers and the indexes, on generated input: the fuzz targets of
//! `fuzz/run.sh` (which runs them with many more cases). This machine has only the stable
//! toolchain, so cargo-fuzz cannot run; these are the same targets as proptest properties.
//!
//! `PROPTEST_CASES` sets the number of cases; the defaults keep `cargo test` quick.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::LazyLock;

use proptest::prelude::*;
use regex::Regex;

use newsdesk::build::render_in_memory;
use newsdesk::diagnostics::Report;
use newsdesk::editorial::article_file::as_built;
use newsdesk::editorial::import::{ImportOptions, import};
use newsdesk::plan::PageKind;
use newsdesk::site::article::{self, split};
use newsdesk::site::body::smart;
use newsdesk::site::dateline;
use newsdesk::site::gazetteer::Gazetteer;
use newsdesk::site::index::TermKind;
use newsdesk::site::settings::Settings;
use newsdesk::site::slug::slugify;
use newsdesk::site::wire::{WireCopy, read_date};
use newsdesk::site::{LoadOptions, dates};

/// The configuration of a property: `PROPTEST_CASES` when set, else `default` cases.
fn cases(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

/// Text made of pieces that matter to the parsers (fences, keys, datelines, line ends, odd
/// characters) and arbitrary text between them.
fn article_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => prop::sample::select(vec![
            "+++\n", "+++\r\n", "+++", "\n", "\r\n", "\r", "\u{feff}", " ", "\t",
            "title = \"Sharif hails bond\"\n", "title = \"\"\n", "title = 5\n",
            "date = 2025-05-28T18:30:00+04:00\n", "date = 2025-05-28\n", "date = 18:30:00\n",
            "date = 2025-02-30\n", "date = \"yesterday\"\n", "updated = 2025-05-29\n",
            "expires = 1979-05-27T07:32:00Z\n", "byline = \"By Amina Khan\"\n",
            "authors = [\"A\", \"\", \"—\"]\n", "dateline = \"Baku\"\n", "summary = \"\"\n",
            "tags = [\"Energy\", \" energy \", \"!!\"]\n", "locations = [\"Laçın\"]\n",
            "section = \"tags\"\n", "section = \"---\"\n", "slug = \"\"\n", "slug = \"ok\"\n",
            "draft = true\n", "image = \"/x.png\"\n", "image_alt = \"\"\n",
            "image = \"https://e.com/x.png\"\n", "[[corrections]]\n",
            "corrections = [{ date = 2025-01-01, text = \"x\" }]\n", "aliases = [\"/../x\", \"/old\"]\n",
            "subtitle = \"x\"\n", "= \n", "[x\n", "\"\"\"\n",
            "BAKU: ", "RIO DE JANEIRO, Brazil: ", "NOTE:", "# H\n", "![](x.png)", "[a](/b/)",
            "https://news.example.com/x/.", "<b>", "&amp;", "ÿ", "\u{0}", "\u{2028}", "🗞",
        ]).prop_map(str::to_string),
        1 => "\\PC{0,12}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

/// Lines of wire copy: the shapes `import` looks for, and anything else.
fn wire_text() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        2 => prop::sample::select(vec![
            "It went beyond mere symbolism—a powerful reaffirmation", "News Desk",
            "By Amina Khan", "By Amina Khan and Omar Rahman", "BY Ä & —", "by noon, crowds gathered.",
            "Amina Khan, Omar Rahman", "BAKU: In the serene surroundings of Lachin.",
            "NEW DELHI: Talks.", "RIO DE JANEIRO, Brazil: Rain.", "A: not a dateline",
            "28 May 2025", "Published: 2025-05-28T18:30:00+04:00", "2025-05-28 18:30", "2025-02-30",
            "Talks between Islamabad and New Delhi, and in Laçın.", "+++", "title = \"x\"",
            "\"quoted\" \\ backslash", "   ", "", "\u{feff}", "\u{85}", "ǅ", "🗞 News",
        ]).prop_map(str::to_string),
        1 => "\\PC{0,40}",
        1 => "[A-Z][A-Z .'-]{0,12}: \\PC{0,20}",
    ];
    let end = prop::sample::select(vec!["\n", "\r\n", "\r", "\n\n", "  \n"]);
    (
        any::<bool>(),
        prop::collection::vec((line, end), 0..12),
        any::<bool>(),
    )
        .prop_map(|(bom, lines, last_newline)| {
            let mut text = if bom {
                "\u{feff}".to_string()
            } else {
                String::new()
            };
            let count = lines.len();
            for (i, (line, end)) in lines.into_iter().enumerate() {
                text.push_str(&line);
                if i + 1 < count || last_newline {
                    text.push_str(end);
                }
            }
            text
        })
}

const GAZETTEER: &str = "[Lachin]\nin = \"Azerbaijan\"\naliases = [\"Laçın\"]\n[Baku]\nin = \"Azerbaijan\"\naliases = [\"Bakı\"]\n[Azerbaijan]\nin = \"South Caucasus\"\n[Tbilisi]\nin = \"Georgia\"\n[Georgia]\nin = \"South Caucasus\"\n[Islamabad]\nin = \"Pakistan\"\n[\"New Delhi\"]\nin = \"India\"\n";

static SETTINGS: LazyLock<Settings> = LazyLock::new(|| {
    Settings::parse(
        "timezone = \"Asia/Baku\"\npermalink = \"/:section/:year/:slug/\"\n",
        &mut Vec::new(),
    )
});

proptest! {
    #![proptest_config(cases(256))]

    /// Front matter splitting and parsing: any bytes give an article or diagnostics, and the
    /// diagnostics name a line inside the file.
    #[test]
    fn front_matter_never_panics(text in article_text(), bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        for (name, input) in [("content/world/2025-05-28-x.md", text.as_bytes()), ("content/x.txt", text.as_bytes()), ("content/world/b.md", &bytes[..])] {
            let source = Path::new(name);
            let content_path = source.strip_prefix("content").unwrap();
            let mut warnings = Vec::new();
            let result = article::parse(source, content_path, input, &SETTINGS, &mut warnings, &mut Vec::new());
            let lines = String::from_utf8_lossy(input).split('\n').count();
            for d in warnings.iter().chain(result.as_ref().err().into_iter().flatten()) {
                prop_assert!(d.line.is_none_or(|l| l >= 1 && l <= lines), "{d} (file has {lines} lines)");
            }
            if let Ok(parts) = split(&text) {
                prop_assert_eq!(&text[parts.body_offset..], parts.body);
                prop_assert_eq!(&text[parts.front_offset..parts.front_offset + parts.front.len()], parts.front);
            }
        }
    }

    /// Dateline detection: never panics; a dateline is a prefix of the lead and names a place.
    #[test]
    fn dateline_detection_never_panics(lead in "\\PC{0,30}", upper in "[A-Z][A-Z .'’-]{0,15}(, [A-Za-z]{1,8})?: \\PC{0,10}") {
        for text in [&lead, &upper] {
            if let Some(d) = dateline::detect(text) {
                prop_assert!(text.starts_with(&d.marker));
                prop_assert!(d.marker.ends_with(':'));
                prop_assert!(!dateline::place_of(&d.place).is_empty());
            }
        }
    }

    /// A slug of a slug is the same slug, made of lower-case letters, digits and single dashes.
    #[test]
    fn a_slug_of_a_slug_is_the_same_slug(name in "\\PC{0,30}") {
        let once = slugify(&name);
        prop_assert_eq!(slugify(&once), once.clone());
        prop_assert!(once.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
        prop_assert!(!once.starts_with('-') && !once.ends_with('-') && !once.contains("--"));
    }

    /// Wire import: never panics, keeps every non-empty line's text (as headline, standfirst,
    /// byline, a paragraph or the date), and writes an article the build reads back as it
    /// was meant. Copy without text is refused.
    #[test]
    fn wire_import_keeps_every_line_and_builds(text in wire_text(), title in prop::option::of("\\PC{0,20}")) {
        let gazetteer = Gazetteer::parse(GAZETTEER, &mut Vec::new());
        let now = dates::build_clock(Some("2025-06-01T09:00:00Z".parse().unwrap()), &SETTINGS.timezone).unwrap();
        let options = ImportOptions { title: title.as_deref(), now: &now, gazetteer: &gazetteer };
        let copy = WireCopy::parse(&text);
        let result = import(Path::new("wire.txt"), &text, &options);
        let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let lines: Vec<&str> = body.split(['\n', '\r']).map(str::trim).filter(|l| !l.is_empty()).collect();
        if lines.is_empty() {
            prop_assert!(result.is_err());
            return Ok(());
        }
        // Copy with no story and no standfirst (a byline alone) is refused, not imported empty.
        let imported = match result {
            Ok(imported) => imported,
            Err(d) => {
                prop_assert!(copy.paragraphs.is_empty() && copy.standfirst.is_none(), "{}", d);
                return Ok(());
            }
        };
        for line in &lines {
            let kept = copy.headline.as_deref() == Some(line)
                || copy.standfirst.as_deref().is_some_and(|s| s.contains(line))
                || copy.byline.as_deref() == Some(line)
                || copy.paragraphs.iter().any(|p| p == line)
                || read_date(line).is_some_and(|d| copy.date == Some(d));
            prop_assert!(kept, "line {:?} is lost: {:?}", line, copy);
        }

        let file = imported.file;
        let text = file.text();
        let root = Path::new("/site");
        let path = root.join("content/world").join(format!("{}.txt", file.stem(&SETTINGS)));
        let article = as_built(root, &path, &text, &SETTINGS)
            .map_err(|e| TestCaseError::fail(format!("{e:?}\n{text}")))?;
        // Headline and standfirst as written, with a body's punctuation.
        prop_assert_eq!(&article.title, &smart(&file.title));
        let wanted = title.as_deref().map(str::trim).filter(|t| !t.is_empty());
        if let Some(t) = wanted.or(copy.headline.as_deref()) {
            prop_assert_eq!(&article.title, &smart(t));
        }
        if let Some(s) = &copy.standfirst {
            prop_assert_eq!(&article.summary, &smart(s));
        }
        let authors: Vec<&str> = article.authors.iter().map(|a| a.text.as_str()).collect();
        prop_assert_eq!(authors, copy.authors());
        let parts = split(&text).unwrap();
        let body_lines: Vec<&str> = parts.body.lines().collect();
        prop_assert_eq!(body_lines, copy.paragraphs.iter().map(String::as_str).collect::<Vec<_>>());
    }
}

/// One article of a generated site.
#[derive(Debug, Clone)]
struct Story {
    tags: Vec<&'static str>,
    locations: Vec<&'static str>,
    dateline: Option<&'static str>,
    draft: bool,
    future: bool,
}

/// Tags in several spellings of the same few slugs.
const TAGS: &[&str] = &[
    "Energy",
    " energy ",
    "ENERGY",
    "Diplomacy",
    "Oil & gas",
    "oil-gas",
    "Rail",
];
/// Places: gazetteer names, an alias, and a place the gazetteer does not know.
const PLACES: &[&str] = &[
    "Lachin",
    "Laçın",
    "Baku",
    "Azerbaijan",
    "Tbilisi",
    "Georgia",
    "Islamabad",
    "Nowhere",
];
/// Datelines as they open a lead.
const DATELINES: &[&str] = &["BAKU", "TBILISI", "ISLAMABAD", "LAÇIN", "TIMBUKTU"];

/// The places an article is on: its own, by the gazetteer's slug, and every place around
/// them (worked out by hand from GAZETTEER, independently of the code under test).
fn expected_places(story: &Story) -> BTreeSet<String> {
    let up = |slug: &str| -> Vec<&str> {
        match slug {
            "lachin" | "baku" => vec!["azerbaijan", "south-caucasus"],
            "azerbaijan" | "georgia" => vec!["south-caucasus"],
            "tbilisi" => vec!["georgia", "south-caucasus"],
            "islamabad" => vec!["pakistan"],
            _ => vec![],
        }
    };
    let mut out = BTreeSet::new();
    for name in story.locations.iter().copied().chain(story.dateline) {
        let slug = match slugify(name).as_str() {
            "lacin" => "lachin".to_string(),
            s => s.to_string(),
        };
        out.extend(up(&slug).into_iter().map(str::to_string));
        out.insert(slug);
    }
    out
}

fn story() -> impl Strategy<Value = Story> {
    (
        prop::sample::subsequence(TAGS, 0..=3),
        prop::sample::subsequence(PLACES, 0..=3),
        prop::option::of(prop::sample::select(DATELINES)),
        prop::bool::weighted(0.15),
        prop::bool::weighted(0.15),
    )
        .prop_map(|(tags, locations, dateline, draft, future)| Story {
            tags,
            locations,
            dateline,
            draft,
            future,
        })
}

static ARTICLE_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"href="(/2025/01/\d\d/a\d+/)""#).unwrap());

proptest! {
    #![proptest_config(cases(12))]

    /// Every published article is on exactly the tag and place pages it names, and the pages
    /// of the places around those places; drafts and scheduled articles are on none.
    #[test]
    fn every_article_is_on_exactly_its_tag_and_place_pages(stories in prop::collection::vec(story(), 1..8)) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let write = |rel: &str, text: &str| {
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write("site.toml", "per_page = 2\ntimezone = \"UTC\"\n");
        write("content/_locations.toml", GAZETTEER);
        for (i, s) in stories.iter().enumerate() {
            let quote = |items: &[&str]| items.iter().map(|t| format!("{t:?}")).collect::<Vec<_>>().join(", ");
            let day = if s.future { 20 } else { 1 + i };
            let lead = s.dateline.map_or(String::new(), |d| format!("{d}: "));
            write(
                &format!("content/world/2025-01-{day:02}-a{i}.md"),
                &format!(
                    "+++\ntitle = \"Story {i}\"\ndate = 2025-01-{day:02}T09:00:00Z\ntags = [{}]\nlocations = [{}]\ndraft = {}\n+++\n{lead}Text of story {i}.\n",
                    quote(&s.tags), quote(&s.locations), s.draft
                ),
            );
        }
        let load = LoadOptions { now: Some("2025-01-15T00:00:00Z".parse().unwrap()), ..LoadOptions::default() };
        let mut report = Report::default();
        let rendered = render_in_memory(root, &load, &mut report, |_page, html| {
            let main = html.split("<main").nth(1).unwrap_or_default();
            ARTICLE_LINK.captures_iter(main).map(|c| c[1].to_string()).collect::<BTreeSet<String>>()
        });
        let Some(rendered) = rendered else {
            return Err(TestCaseError::fail(format!("{:?}", report.sorted())));
        };
        // term page (tag or place, by slug) -> the articles its pages list
        let mut listed: BTreeMap<(bool, String), BTreeSet<String>> = BTreeMap::new();
        for (page, links) in rendered.pages.iter().zip(rendered.outputs) {
            if let (Some((kind, slug)), PageKind::Tag | PageKind::Location) = (&page.term, page.kind) {
                listed.entry((*kind == TermKind::Tag, slug.clone())).or_default().extend(links);
            }
        }
        let mut wanted: BTreeMap<(bool, String), BTreeSet<String>> = BTreeMap::new();
        for (i, s) in stories.iter().enumerate() {
            if s.draft || s.future {
                continue;
            }
            let url = format!("/2025/01/{:02}/a{i}/", 1 + i);
            for tag in &s.tags {
                wanted.entry((true, slugify(tag))).or_default().insert(url.clone());
            }
            for place in expected_places(s) {
                wanted.entry((false, place)).or_default().insert(url.clone());
            }
        }
        prop_assert_eq!(listed, wanted);
    }
}
