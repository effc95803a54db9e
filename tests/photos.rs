//! Photos as a newsroom publishes them (SPEC 9.4): resized copies in WebP and the photo's own
//! format, turned upright, with no metadata left in any file; the page asks for the copy that
//! fits; every problem of a photo is said at the article and field that name it.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{TestSite, article, jpeg, png};

const SETTINGS: &str = "title = \"Ledger\"\nbase_url = \"https://news.example.com\"\n";

/// The camera's serial number, as the EXIF of [`camera_photo`] carries it.
const SERIAL: &str = "NDSN-4471-ZX";

/// The photographer's latitude as EXIF writes it: 40 deg 26 min 46.12 s, three rationals.
fn latitude_bytes() -> Vec<u8> {
    [(40u32, 1u32), (26, 1), (4612, 100)]
        .iter()
        .flat_map(|(n, d)| n.to_le_bytes().into_iter().chain(d.to_le_bytes()))
        .collect()
}

/// A JPEG of `width` x `height` as a camera writes it: an EXIF block with the orientation
/// (6: the camera was turned, the picture must be turned a quarter clockwise), the camera's
/// serial number and a GPS position.
fn camera_photo(width: u32, height: u32, orientation: u16) -> Vec<u8> {
    // TIFF, little-endian; offsets count from the TIFF header.
    let entry = |tag: u16, kind: u16, count: u32, value: u32| -> Vec<u8> {
        [
            tag.to_le_bytes().to_vec(),
            kind.to_le_bytes().to_vec(),
            count.to_le_bytes().to_vec(),
            value.to_le_bytes().to_vec(),
        ]
        .concat()
    };
    let (ifd0, exif, gps) = (8u32, 8 + 2 + 3 * 12 + 4, 8 + 42 + 2 + 12 + 4);
    let serial_at = gps + 2 + 2 * 12 + 4;
    let serial = format!("{SERIAL}\0");
    let latitude_at = (serial_at + serial.len() as u32 + 1) & !1;
    let mut tiff = b"II*\0".to_vec();
    tiff.extend(ifd0.to_le_bytes());
    tiff.extend(3u16.to_le_bytes());
    tiff.extend(entry(0x0112, 3, 1, u32::from(orientation)));
    tiff.extend(entry(0x8769, 4, 1, exif));
    tiff.extend(entry(0x8825, 4, 1, gps));
    tiff.extend(0u32.to_le_bytes());
    tiff.extend(1u16.to_le_bytes());
    tiff.extend(entry(0xA431, 2, serial.len() as u32, serial_at));
    tiff.extend(0u32.to_le_bytes());
    tiff.extend(2u16.to_le_bytes());
    tiff.extend(entry(0x0001, 2, 2, u32::from_le_bytes(*b"N\0\0\0")));
    tiff.extend(entry(0x0002, 5, 3, latitude_at));
    tiff.extend(0u32.to_le_bytes());
    tiff.extend(serial.as_bytes());
    tiff.resize(latitude_at as usize, 0);
    tiff.extend(latitude_bytes());
    let mut app1 = vec![0xFF, 0xE1];
    app1.extend(((2 + 6 + tiff.len()) as u16).to_be_bytes());
    app1.extend(b"Exif\0\0");
    app1.extend(tiff);
    let plain = jpeg(width, height);
    [&plain[..2], &app1[..], &plain[2..]].concat()
}

/// Every file of the output, by its path.
fn published(site: &TestSite) -> BTreeMap<String, Vec<u8>> {
    let root = site.public();
    walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let name = e
                .path()
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (name, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The width and height of an image file of the output.
fn size_of(site: &TestSite, url: &str) -> (u32, u32) {
    let path = site.public().join(url.trim_start_matches('/'));
    let image = image::open(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (image.width(), image.height())
}

fn with_photo(site: &TestSite, extra: &str) {
    site.write("site.toml", SETTINGS).write(
        "content/world/2025-05-28-lachin.md",
        article(
            "Leaders meet in Lachin",
            "2025-05-28T18:30:00+04:00",
            &format!("image = \"/images/lachin.jpg\"\nimage_alt = \"The valley\"\nimage_credit = \"Photo: Leyla Aliyeva\"\n{extra}"),
            "LACHIN: The leaders met.",
        ),
    );
}

#[test]
fn a_camera_photo_is_published_upright_without_its_gps_position_or_serial_number() {
    let site = TestSite::new();
    let photo = camera_photo(1600, 1200, 6);
    assert_eq!(
        newsdesk::site::photos::orientation(&photo),
        6,
        "the fixture says it was turned"
    );
    assert!(contains(&photo, SERIAL.as_bytes()) && contains(&photo, &latitude_bytes()));
    site.write("static/images/lachin.jpg", &photo);
    with_photo(&site, "");
    site.build_ok(&[]);

    let files = published(&site);
    let images: Vec<&String> = files.keys().filter(|f| f.starts_with("images/")).collect();
    assert!(images.len() >= 10, "{images:?}");
    for (name, bytes) in &files {
        assert!(
            !contains(bytes, SERIAL.as_bytes()),
            "{name} carries the camera's serial number"
        );
        assert!(
            !contains(bytes, &latitude_bytes()),
            "{name} carries the GPS position"
        );
        assert!(
            !contains(bytes, b"Exif\0\0"),
            "{name} carries an EXIF block"
        );
    }
    // Turned upright: the camera's 1600 x 1200 is a 1200 x 1600 portrait.
    let page = site.page("/2025/05/28/lachin/");
    let img = "figure.story-figure img";
    assert_eq!(page.attrs(img, "width"), ["1200"]);
    assert_eq!(page.attrs(img, "height"), ["1600"]);
    assert_eq!(
        size_of(&site, "/images/lachin.jpg"),
        (1200, 1600),
        "its own path is its largest copy"
    );
    let src = &page.attrs(img, "src")[0];
    assert_eq!(size_of(&site, src), (800, 1067));
}

#[test]
fn the_page_offers_every_copy_and_asks_for_the_one_that_fits() {
    let site = TestSite::new();
    site.write("static/images/lachin.jpg", jpeg(1000, 500));
    with_photo(&site, "");
    site.build_ok(&[]);
    let page = site.page("/2025/05/28/lachin/");
    // Never enlarged: the widths under the photo's own, and its own.
    let fallback = page.attrs("figure.story-figure img", "srcset");
    let webp = page.attrs("figure.story-figure source[type='image/webp']", "srcset");
    assert_eq!(fallback.len(), 1);
    assert_eq!(webp.len(), 1);
    let widths = |srcset: &str| -> Vec<String> {
        srcset
            .split(", ")
            .map(|c| c.rsplit(' ').next().unwrap().to_string())
            .collect()
    };
    assert_eq!(widths(&fallback[0]), ["480w", "800w", "1000w"]);
    assert_eq!(widths(&webp[0]), ["480w", "800w", "1000w"]);
    for candidate in fallback[0].split(", ").chain(webp[0].split(", ")) {
        let (url, width) = candidate.split_once(' ').unwrap();
        let width: u32 = width.trim_end_matches('w').parse().unwrap();
        assert_eq!(size_of(&site, url), (width, width / 2), "{url}");
    }
    assert!(webp[0].contains(".webp"));
    assert_eq!(
        page.attrs("figure.story-figure img", "fetchpriority"),
        ["high"]
    );
    assert!(
        page.attrs("figure.story-figure img", "loading").is_empty(),
        "the lead photo is not lazy"
    );
    assert_eq!(
        page.texts("figure.story-figure .credit"),
        ["Photo: Leyla Aliyeva"]
    );
    // Link previews get the widest copy up to 1200; cards are lazy.
    let og = page.attrs("meta[property='og:image']", "content");
    assert!(
        og[0].starts_with("https://news.example.com/images/lachin.")
            && og[0].ends_with(".1000.jpg"),
        "{og:?}"
    );
    // On the section front the story is the lead: its photo is fetched first there too.
    let front = site.page("/world/");
    assert_eq!(
        front.attrs(".lead-figure img", "fetchpriority"),
        ["high"],
        "{}",
        front.html
    );
    assert!(front.attrs(".lead-figure img", "loading").is_empty());
}

#[test]
fn the_structured_data_gets_crops_around_the_focus() {
    let site = TestSite::new();
    site.write("static/images/lachin.jpg", jpeg(2400, 1600));
    with_photo(&site, "image_focus = [0.25, 0.5]");
    site.build_ok(&[]);
    let page = site.page("/2025/05/28/lachin/");
    let ld: serde_json::Value =
        serde_json::from_str(&page.inner("script[type='application/ld+json']")[0]).unwrap();
    let crops: Vec<String> = ld["image"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            v.as_str()
                .unwrap()
                .trim_start_matches("https://news.example.com")
                .to_string()
        })
        .collect();
    assert_eq!(crops.len(), 3, "{crops:?}");
    assert_eq!(size_of(&site, &crops[0]), (1200, 675));
    assert_eq!(size_of(&site, &crops[1]), (1200, 900));
    assert_eq!(size_of(&site, &crops[2]), (1200, 1200));
    // The square keeps the left quarter: it starts at the photo's left edge.
    let square = image::open(site.public().join(crops[2].trim_start_matches('/')))
        .unwrap()
        .to_rgb8();
    let centre = image::open(site.public().join("images/lachin.jpg"))
        .unwrap()
        .to_rgb8();
    let left_edge = |img: &image::RgbImage| img.get_pixel(2, img.height() / 2)[0];
    assert!(
        left_edge(&square).abs_diff(left_edge(&centre)) < 16,
        "the crop starts where the photo does"
    );
}

#[test]
fn a_photo_beside_the_article_and_a_photo_in_the_body_are_published_with_the_page() {
    let site = TestSite::new();
    site.write("site.toml", SETTINGS)
        .write("content/world/lachin-valley.jpg", jpeg(900, 600))
        .write("static/images/route.png", png(1300, 700))
        .write(
            "content/world/2025-05-28-lachin.md",
            article(
                "Leaders meet in Lachin",
                "2025-05-28T18:30:00+04:00",
                "image = \"lachin-valley.jpg\"\nimage_alt = \"The valley\"",
                "LACHIN: The leaders met.\n\n![The road to Lachin](/images/route.png \"The new road. Graphic: Ledger\")\n\nThey spoke of ![a small map](/images/route.png) roads.",
            ),
        );
    site.build_ok(&[]);
    assert!(site.has_file("2025/05/28/lachin/lachin-valley.jpg"));
    let page = site.page("/2025/05/28/lachin/");
    let src = &page.attrs("figure.story-figure img", "src")[0];
    assert!(
        src.starts_with("/2025/05/28/lachin/lachin-valley."),
        "{src}"
    );
    // Alone in its paragraph, a body photo is a figure with its caption; in a line, a picture.
    assert_eq!(
        page.texts(".story-body figure.body-photo figcaption"),
        ["The new road. Graphic: Ledger"]
    );
    assert_eq!(
        page.attrs(".story-body figure.body-photo img", "alt"),
        ["The road to Lachin"]
    );
    assert_eq!(
        page.attrs(".story-body figure.body-photo img", "loading"),
        ["lazy"]
    );
    assert_eq!(
        page.attrs(".story-body figure.body-photo img", "width"),
        ["1300"]
    );
    assert_eq!(
        page.attrs(".story-body p picture img", "alt"),
        ["a small map"]
    );
    let webp = page.attrs(".story-body figure source", "srcset");
    assert!(
        webp[0].contains("/images/route.") && webp[0].contains(".webp 480w"),
        "{webp:?}"
    );
    // The graphic's own format is kept for browsers without WebP, and its path is its
    // largest copy.
    assert!(page.attrs(".story-body figure img", "srcset")[0].contains(".png 480w"));
    assert_eq!(size_of(&site, "/images/route.png"), (1300, 700));
    // Feeds carry the photo as an image of the copy nearest 800 wide, at its whole address.
    let feed = site.file("feed.xml");
    assert!(
        feed.contains("https://news.example.com/images/route."),
        "{feed}"
    );
}

#[test]
fn every_problem_with_a_photo_is_an_error_at_its_article_and_field_in_one_run() {
    let site = TestSite::new();
    let story = |file: &str, image: &str| {
        site.write(
            &format!("content/world/{file}.md"),
            article(
                file,
                "2025-05-28T18:30:00+04:00",
                &format!("image = {image:?}\nimage_alt = \"A photo\""),
                "Text.",
            ),
        );
    };
    site.write(
        "site.toml",
        format!("{SETTINGS}\n[images]\nmax_pixels = 1_000_000\n"),
    );
    let mut truncated = jpeg(800, 600);
    truncated.truncate(truncated.len() / 3);
    site.write(
        "static/images/broken.jpg",
        b"\xFF\xD8\xFF\xE0 not a photo at all",
    )
    .write("static/images/cut.jpg", truncated)
    .write(
        "static/images/anim.gif",
        b"GIF89a\x10\x00\x10\x00\x00\x00\x00;",
    )
    .write("static/images/huge.jpg", jpeg(1500, 1000));
    story("missing", "/images/missing.jpg");
    story("broken", "/images/broken.jpg");
    story("cut", "/images/cut.jpg");
    story("gif", "/images/anim.gif");
    story("huge", "/images/huge.jpg");
    story("named", "/images/huge.png");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for said in [
        "content/world/missing.md:4:9: error: the lead image /images/missing.jpg is not in static/",
        "content/world/broken.md:4:9: error: the photo /images/broken.jpg cannot be read",
        "content/world/gif.md:4:9: error: the lead image /images/anim.gif is a .gif file, which newsdesk does not publish",
        "content/world/huge.md:4:9: error: the photo /images/huge.jpg has 1.5 megapixels, more than [images] max_pixels (1.0)",
        "content/world/named.md:4:9: error: the lead image /images/huge.png is not in static/",
    ] {
        assert!(run.stderr.contains(said), "no `{said}` in:\n{}", run.stderr);
    }
    assert!(!site.public().exists(), "nothing is published");

    // A file whose header reads but whose pixels do not is found when it is decoded, and
    // said at the article too.
    for file in ["missing", "broken", "gif", "huge", "named"] {
        site.remove(&format!("content/world/{file}.md"));
    }
    // Every photo of static/ is published as a photo, named by a story or not: the others
    // would be errors at their files.
    site.remove("static/images/broken.jpg");
    site.remove("static/images/huge.jpg");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/world/cut.md:4:9: error: the lead image /images/cut.jpg cannot be decoded"
        ),
        "{}",
        run.stderr
    );
    assert!(!site.public().exists(), "nothing is published");
}

#[test]
fn a_build_whose_photos_did_not_change_decodes_none_and_a_changed_photo_gets_new_addresses() {
    let site = TestSite::new();
    site.write("static/images/lachin.jpg", jpeg(1000, 600));
    with_photo(&site, "");
    site.build_ok(&[]);
    let cache = site.path().join(".newsdesk/photos");
    let stamps = |dir: &Path| -> BTreeMap<String, std::time::SystemTime> {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path().display().to_string(),
                    e.metadata().unwrap().modified().unwrap(),
                )
            })
            .collect()
    };
    let before = stamps(&cache);
    assert!(before.len() >= 9, "{before:?}");
    let first = published(&site);

    // Another story and an edited one: the photo is not decoded again, and is the same.
    std::thread::sleep(std::time::Duration::from_millis(20));
    site.write(
        "content/world/2025-05-29-baku.md",
        article("Baku", "2025-05-29T09:00:00Z", "", "BAKU: News."),
    );
    site.build_ok(&[]);
    assert_eq!(stamps(&cache), before, "no copy was made again");
    let second = published(&site);
    for (name, bytes) in first.iter().filter(|(n, _)| n.starts_with("images/")) {
        assert_eq!(second.get(name), Some(bytes), "{name}");
    }

    // A new photo at the same path: new addresses, and the old copies are gone.
    site.write("static/images/lachin.jpg", jpeg(1200, 600));
    site.build_ok(&[]);
    let third = published(&site);
    let old: Vec<&String> = first
        .keys()
        .filter(|n| n.starts_with("images/lachin.") && n.matches('.').count() > 1)
        .collect();
    assert!(!old.is_empty());
    for name in old {
        assert!(!third.contains_key(name), "{name} outlived its photo");
    }
    let page = site.page("/2025/05/28/lachin/");
    assert_eq!(page.attrs("figure.story-figure img", "width"), ["1200"]);
    let clean = site.run(&["build", "--no-cache", "--output", "clean"]);
    assert_eq!(clean.code, 0, "{}", clean.stderr);
    let from_nothing: BTreeMap<String, Vec<u8>> = {
        let root = site.path().join("clean");
        walkdir::WalkDir::new(&root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path().strip_prefix(&root).unwrap().display().to_string(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect()
    };
    assert!(
        from_nothing == third,
        "the cached build equals a build from nothing"
    );
    // A copy taken out of the photo cache by hand is made again when it is needed.
    let published_copy = third
        .iter()
        .find(|(name, _)| name.starts_with("images/lachin.") && name.ends_with(".800.webp"))
        .map(|(_, bytes)| bytes)
        .unwrap();
    let copy = walkdir::WalkDir::new(&cache)
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.file_type().is_file() && std::fs::read(e.path()).unwrap() == *published_copy)
        .unwrap();
    std::fs::remove_file(copy.path()).unwrap();
    let other = site.run(&["build", "--output", "other"]);
    assert_eq!(other.code, 0, "{}", other.stderr);
    assert!(copy.path().is_file(), "the copy is in the cache again");
    assert!(
        !site.path().join(".newsdesk").read_dir().unwrap().any(|e| e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with("photos-scratch")),
        "a build from nothing leaves no copies behind"
    );
}

#[test]
fn the_images_settings_choose_the_widths_and_formats() {
    let site = TestSite::new();
    site.write("static/images/lachin.jpg", jpeg(1000, 600));
    with_photo(&site, "");
    site.write(
        "site.toml",
        format!("{SETTINGS}\n[images]\nwidths = [300, 600]\nformats = []\nquality = 60\n"),
    );
    site.build_ok(&[]);
    let page = site.page("/2025/05/28/lachin/");
    let srcset = &page.attrs("figure.story-figure img", "srcset")[0];
    assert!(
        srcset.starts_with("/images/lachin.")
            && srcset.contains(".300.jpg 300w, /images/lachin.")
            && srcset.ends_with(".600.jpg 600w"),
        "{srcset}"
    );
    assert!(
        page.attrs("figure.story-figure source", "srcset")
            .is_empty(),
        "no WebP"
    );
    assert!(!published(&site).keys().any(|f| f.ends_with(".webp")));
    assert_eq!(size_of(&site, "/images/lachin.jpg"), (600, 360));

    site.write(
        "site.toml",
        format!("{SETTINGS}\n[images]\nwidths = [0]\nformats = [\"avif\"]\nqualty = 3\n"),
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    for said in [
        "site.toml:5:10: error: [images] widths must be a list of widths in pixels",
        "site.toml:6:11: error: [images] formats: AVIF is not offered",
        "site.toml:7:1: warning: unknown [images] setting `qualty`",
    ] {
        assert!(run.stderr.contains(said), "no `{said}` in:\n{}", run.stderr);
    }
}
