//! The build cache never gives a stale site: after any sequence of edits, a build that took
//! unchanged pages from the previous output writes, byte for byte, what a build from nothing
//! writes.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{Dice, Run, TestSite, article};

const SECTIONS: [&str; 3] = ["world", "business", "sport"];
const TAGS: [&str; 5] = ["Energy", "Trade", "Diplomacy", "Football", "Climate"];
const PLACES: [&str; 5] = ["Baku", "Lachin", "Tbilisi", "Ganja", "Lahore"];
const AUTHORS: [&str; 3] = ["Amina Khan", "Omar Rahman", "Leyla Mammadova"];

/// Every file of a built site, by path, with its bytes.
fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let name = path.strip_prefix(root).unwrap().display().to_string();
                out.insert(name, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// The files of two sites that differ, and the first line that differs in the first of
/// them, for the failure message.
fn differences(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> String {
    let mut out: Vec<String> = a
        .iter()
        .filter(|(f, bytes)| b.get(*f) != Some(bytes))
        .map(|(f, _)| f.clone())
        .collect();
    out.extend(b.keys().filter(|f| !a.contains_key(*f)).cloned());
    let first = out.first().and_then(|f| {
        let (x, y) = (
            String::from_utf8_lossy(a.get(f)?),
            String::from_utf8_lossy(b.get(f)?),
        );
        let line = x.lines().zip(y.lines()).find(|(p, q)| p != q)?;
        Some(format!(
            "\n{f}:\n  cached: {}\n  clean:  {}",
            line.0, line.1
        ))
    });
    format!("{out:?}{}", first.unwrap_or_default())
}

/// How many pages a build rendered, and how many it had, from its summary line.
fn rendered(run: &Run) -> (usize, usize) {
    let line = run
        .stdout
        .lines()
        .find(|l| l.starts_with("built "))
        .unwrap_or_else(|| panic!("no summary line: {}", run.stdout));
    let number_before = |word: &str| -> usize {
        let at = line.find(word).unwrap();
        line[..at]
            .split_whitespace()
            .last()
            .unwrap()
            .trim_start_matches('(')
            .parse()
            .unwrap()
    };
    let pages = number_before(" pages");
    let rendered = if line.contains(" rendered") {
        number_before(" rendered")
    } else {
        pages
    };
    (rendered, pages)
}

struct Desk {
    site: TestSite,
    dice: Dice,
    /// The dice of the edits of `_fronts.toml`.
    front_dice: Dice,
    /// The dice of the edits of photos.
    photo_dice: Dice,
    /// The article files there are now.
    files: Vec<String>,
    next: usize,
    epoch: i64,
}

impl Desk {
    fn story(&mut self, title: &str) -> String {
        let d = &mut self.dice;
        let tags: Vec<String> = (0..1 + d.roll(3))
            .map(|_| format!("{:?}", TAGS[d.roll(TAGS.len())]))
            .collect();
        let places: Vec<String> = (0..1 + d.roll(2))
            .map(|_| format!("{:?}", PLACES[d.roll(PLACES.len())]))
            .collect();
        let extra = format!(
            "byline = {:?}\ntags = [{}]\nlocations = [{}]",
            AUTHORS[d.roll(AUTHORS.len())],
            tags.join(", "),
            places.join(", ")
        );
        let date = format!(
            "2025-0{}-{:02}T{:02}:00:00+04:00",
            1 + d.roll(5),
            1 + d.roll(28),
            d.roll(24)
        );
        let body = format!(
            "BAKU: {title} opens the story.\n\nA second paragraph, number {}.",
            d.roll(1000)
        );
        article(title, &date, &extra, &body)
    }

    fn add(&mut self) {
        self.next += 1;
        let section = SECTIONS[self.dice.roll(SECTIONS.len())];
        let file = format!("content/{section}/story-{}.md", self.next);
        let text = self.story(&format!("Story number {}", self.next));
        self.site.write(&file, text);
        self.files.push(file);
    }

    fn pick(&mut self) -> String {
        self.files[self.dice.roll(self.files.len())].clone()
    }

    /// Replaces the first `from` in an article file with `to`.
    fn replace(&mut self, file: &str, from: &str, to: &str) {
        let text = self.site.read(file).replacen(from, to, 1);
        self.site.write(file, text);
    }

    /// A moment `hours` from the desk's clock, as TOML writes it.
    fn hours_from_now(&self, hours: i64) -> String {
        jiff::Timestamp::from_second(self.epoch + hours * 3600)
            .unwrap()
            .to_string()
    }

    /// One edit of the kind a desk makes, chosen at random; returns what it was.
    fn edit(&mut self) -> &'static str {
        let file = self.pick();
        match self.dice.roll(23) {
            16 | 17 => "nothing",
            18 => {
                // A story timed around the clock: breaking (in the news sitemap for two
                // days), scheduled (goes live in a few builds) or expiring soon.
                self.next += 1;
                let at = |hours: i64| {
                    jiff::Timestamp::from_second(self.epoch + hours * 3600)
                        .unwrap()
                        .to_string()
                };
                let (date, extra) = match self.dice.roll(3) {
                    0 => (at(-1), String::new()),
                    1 => (at(2), String::new()),
                    _ => (at(-5), format!("expires = {}\n", at(3))),
                };
                let file = format!("content/world/timed-{}.md", self.next);
                self.site.write(
                    &file,
                    article(
                        &format!("Timed story {}", self.next),
                        &date,
                        &format!("{extra}tags = [\"Energy\"]"),
                        "BAKU: News on the hour.",
                    ),
                );
                self.files.push(file);
                "timed story"
            }
            0 | 1 => {
                self.replace(&file, "A second paragraph", "A reworded paragraph");
                "body"
            }
            2 => {
                let n = self.dice.roll(1000);
                self.replace(&file, "title = \"", &format!("title = \"Retitled {n}: "));
                "title"
            }
            3 => {
                let tag = TAGS[self.dice.roll(TAGS.len())];
                self.replace(&file, "tags = [", &format!("tags = [{tag:?}, "));
                "tag"
            }
            4 => {
                let day = 1 + self.dice.roll(28);
                let text = self.site.read(&file);
                let at = text.find("date = 2025-0").unwrap() + "date = 2025-0".len();
                let text = format!(
                    "{}{}-{day:02}{}",
                    &text[..at],
                    1 + self.dice.roll(5),
                    &text[at + 4..]
                );
                self.site.write(&file, text);
                "date"
            }
            5 => {
                self.add();
                "add"
            }
            6 if self.files.len() > 4 => {
                self.site.remove(&file);
                self.files.retain(|f| *f != file);
                "delete"
            }
            7 => {
                let section = SECTIONS[self.dice.roll(SECTIONS.len())];
                let name = file.rsplit('/').next().unwrap();
                let moved = format!("content/{section}/{}", name.replace(".md", "-moved.md"));
                let text = self.site.read(&file);
                self.site.remove(&file);
                self.site.write(&moved, text);
                self.files.retain(|f| *f != file);
                self.files.push(moved);
                "rename"
            }
            8 => {
                let country = ["Azerbaijan", "Caucasus", "Asia"][self.dice.roll(3)];
                self.site.write(
                    "content/_locations.toml",
                    format!(
                        "[Lachin]\nin = {country:?}\n[Baku]\nin = \"Azerbaijan\"\n[Ganja]\nin = {country:?}\n[Tbilisi]\nin = \"Georgia\"\n"
                    ),
                );
                "gazetteer"
            }
            9 => {
                let words = ["Topic", "Subject", "Theme"][self.dice.roll(3)];
                self.site.write(
                    "templates/tag.html",
                    format!("{{% extends \"base.html\" %}}{{% block main %}}<h1>{words}: {{{{ term.name }}}}</h1>{{% for a in articles %}}<p>{{{{ a.title }}}}</p>{{% endfor %}}{{% endblock main %}}"),
                );
                "template"
            }
            10 => {
                // A template that shows the build clock: its pages change as the clock does.
                self.site.write(
                    "templates/404.html",
                    "{% extends \"base.html\" %}{% block main %}<h1>Not found on {{ site.now_display }}</h1>{% endblock main %}",
                );
                "clock template"
            }
            11 => {
                let _ = std::fs::remove_file(self.site.path().join("templates/tag.html"));
                "template removed"
            }
            12 => {
                let n = self.dice.roll(1000);
                self.site.write("static/notes.txt", format!("note {n}\n"));
                "static"
            }
            13 => {
                let per_page = 2 + self.dice.roll(3);
                let title = ["Lachin Ledger", "Caspian Courier"][self.dice.roll(2)];
                // Settings that change how every article file reads, too.
                let permalink =
                    ["/:year/:month/:day/:slug/", "/:section/:slug/"][self.dice.roll(2)];
                let timezone = ["Asia/Baku", "UTC"][self.dice.roll(2)];
                self.site.write(
                    "site.toml",
                    format!("title = {title:?}\nbase_url = \"https://news.example.com\"\nper_page = {per_page}\npermalink = {permalink:?}\ntimezone = {timezone:?}\n"),
                );
                "settings"
            }
            14 => {
                let text = self.site.read(&file);
                let text = if text.contains("draft = true\n") {
                    text.replacen("draft = true\n", "", 1)
                } else {
                    text.replacen("+++\n", "+++\ndraft = true\n", 1)
                };
                self.site.write(&file, text);
                "draft"
            }
            20 | 21 => {
                // A profile's role changed, or an alias that makes one author's stories
                // another's.
                let role = ["Correspondent", "Editor", "Reporter"][self.dice.roll(3)];
                let alias = match self.dice.roll(3) {
                    0 => String::new(),
                    n => format!("aliases = [{:?}]\n", AUTHORS[n]),
                };
                self.site.write(
                    "content/_authors.toml",
                    format!(
                        "[{:?}]\nrole = {role:?}\nbio = \"Writes from *Baku*.\"\n{alias}",
                        AUTHORS[0]
                    ),
                );
                if alias.is_empty() {
                    "profile role"
                } else {
                    "profile alias"
                }
            }
            22 => {
                // A standing page's title or menu.
                let name = ["about", "ethics"][self.dice.roll(2)];
                let title = ["About us", "Who we are", "Our standards"][self.dice.roll(3)];
                let menu = ["header", "footer"][self.dice.roll(2)];
                self.site.write(
                    &format!("content/_pages/{name}.md"),
                    format!(
                        "+++\ntitle = {title:?}\nmenu = {menu:?}\nweight = {}\n+++\nHow we work.\n",
                        self.dice.roll(3)
                    ),
                );
                "standing page"
            }
            _ => {
                let n = self.dice.roll(1000);
                self.replace(
                    &file,
                    "tags = [",
                    &format!(
                        "corrections = [{{ date = 2025-06-20T10:00:00+04:00, text = \"Fixed figure {n}.\" }}]\naliases = [\"/old/{n}/\"]\ntags = ["
                    ),
                );
                "correction and alias"
            }
        }
    }

    /// An edit of `_fronts.toml`, drawn with dice of its own so that the other edits come
    /// as they did before the file existed; returns what it was.
    fn edit_fronts(&mut self) -> &'static str {
        let file = self.pick_with_front_dice();
        match self.front_dice.roll(4) {
            0 | 1 => {
                // What the desk puts on top, of the home page or of the story's section, for a
                // few hours: a lead, or top stories (which may be gone by the next build).
                let story = file.trim_start_matches("content/").to_string();
                let section = story.split('/').next().unwrap().to_string();
                let table = ["home", section.as_str()][self.front_dice.roll(2)].to_string();
                let hours = 1 + self.front_dice.roll(3) as i64;
                let until = self.hours_from_now(hours);
                let choice = if self.front_dice.roll(2) == 0 {
                    format!("lead = {story:?}")
                } else {
                    let other = self.pick_with_front_dice();
                    format!(
                        "top = [{:?}, {story:?}]",
                        other.trim_start_matches("content/")
                    )
                };
                self.site.write(
                    "content/_fronts.toml",
                    format!("[{table}]\n{choice}\nuntil = {until}\n"),
                );
                "fronts"
            }
            2 => {
                // A breaking strip, which ends as the clock moves on.
                let hours = 1 + self.front_dice.roll(2) as i64;
                let until = self.hours_from_now(hours);
                let path = self.site.path().join("content/_fronts.toml");
                let kept = std::fs::read_to_string(&path).unwrap_or_default();
                let kept = kept.split("[breaking]").next().unwrap().to_string();
                self.site.write(
                    "content/_fronts.toml",
                    format!("{kept}[breaking]\ntext = \"Polls close\"\nurl = \"/tags/energy/\"\nuntil = {until}\n"),
                );
                "breaking strip"
            }
            _ => {
                let _ = std::fs::remove_file(self.site.path().join("content/_fronts.toml"));
                "fronts removed"
            }
        }
    }

    /// An edit of a photo, with dice of its own; returns what it was.
    fn edit_photos(&mut self) -> &'static str {
        let file = self.files[self.photo_dice.roll(self.files.len())].clone();
        let n = self.photo_dice.roll(3);
        let photo = format!("static/images/p{n}.jpg");
        let size = |d: &mut Dice| (40 + 20 * d.roll(4) as u32, 30 + 10 * d.roll(3) as u32);
        match self.photo_dice.roll(4) {
            0 | 1 => {
                // A story gets a lead photo, around a point of its own or the centre.
                if !self.site.path().join(&photo).exists() {
                    let (w, h) = size(&mut self.photo_dice);
                    self.site.write(&photo, common::jpeg(w, h));
                }
                let text = self.site.read(&file);
                if !text.contains("image = ") {
                    let focus = ["", "image_focus = [0.2, 0.8]\n"][self.photo_dice.roll(2)];
                    self.replace(
                        &file,
                        "+++\n",
                        &format!(
                            "+++\nimage = \"/images/p{n}.jpg\"\nimage_alt = \"Photo {n}\"\n{focus}"
                        ),
                    );
                }
                "lead photo"
            }
            2 => {
                // The photo is replaced by another of another size, or taken away.
                if self.photo_dice.roll(3) == 0 {
                    let _ = std::fs::remove_file(self.site.path().join(&photo));
                    "photo removed"
                } else {
                    let (w, h) = size(&mut self.photo_dice);
                    self.site.write(&photo, common::jpeg(w, h));
                    "photo replaced"
                }
            }
            _ => {
                // A graphic in the body, alone in its paragraph with a caption.
                self.site
                    .write("static/images/chart.png", common::png(50, 30));
                self.replace(
                    &file,
                    "A second paragraph",
                    "![A chart](/images/chart.png \"The figures\")\n\nA second paragraph",
                );
                "body photo"
            }
        }
    }

    fn pick_with_front_dice(&mut self) -> String {
        self.files[self.front_dice.roll(self.files.len())].clone()
    }

    fn build(&self, args: &[&str]) -> Run {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        let run = self.site.run_at(self.epoch, &all);
        assert!(
            run.code == 0 || run.code == 1,
            "build crashed:\n{}\n{}",
            run.stdout,
            run.stderr
        );
        run
    }
}

#[test]
fn a_cached_build_after_random_edits_equals_a_build_from_nothing() {
    for seed in [0x5eed_0001_u64, 0xdead_beef_cafe] {
        let mut desk = Desk {
            site: TestSite::new(),
            dice: Dice(seed),
            front_dice: Dice(seed ^ 0xf407),
            photo_dice: Dice(seed ^ 0x9407),
            files: Vec::new(),
            next: 0,
            epoch: 1_750_000_000,
        };
        desk.site.write(
            "site.toml",
            "title = \"Lachin Ledger\"\nbase_url = \"https://news.example.com\"\nper_page = 3\n",
        );
        for _ in 0..10 {
            desk.add();
        }
        desk.build(&[]);
        let mut taken = 0;
        let mut untouched = 0;
        let mut history = Vec::new();
        for step in 0..36 {
            history.push(desk.edit());
            if desk.front_dice.roll(4) == 0 {
                history.push(desk.edit_fronts());
            }
            if desk.photo_dice.roll(3) == 0 {
                history.push(desk.edit_photos());
            }
            // The clock moves an hour between builds, or a day and more.
            desk.epoch += if desk.dice.roll(4) == 0 {
                30 * 3600
            } else {
                3600
            };
            let cached = desk.build(&[]);
            let clean = desk.build(&["--no-cache", "--output", "clean"]);
            assert_eq!(
                cached.code, clean.code,
                "seed {seed:x}, step {step} ({history:?}): the cached build and the build from nothing disagree:\n{}\n{}",
                cached.stderr, clean.stderr
            );
            if cached.code != 0 {
                continue;
            }
            let (rendered, pages) = rendered(&cached);
            taken += pages - rendered;
            if cached
                .stdout
                .contains("nothing changed since the last build")
            {
                untouched += 1;
            }
            let (a, b) = (
                tree(&desk.site.public()),
                tree(&desk.site.path().join("clean")),
            );
            assert!(
                a == b,
                "seed {seed:x}, step {step} ({history:?}): the cached build differs from a build from nothing in {}",
                differences(&a, &b)
            );
        }
        assert!(taken > 0, "the cache was never used: {history:?}");
        assert!(
            ["fronts", "breaking strip", "fronts removed"]
                .iter()
                .all(|edit| history.contains(edit)),
            "_fronts.toml was not edited in every way: {history:?}"
        );
        assert!(
            ["lead photo", "photo replaced", "body photo"]
                .iter()
                .all(|edit| history.contains(edit)),
            "the photos were not edited in every way: {history:?}"
        );
        assert!(
            untouched > 0,
            "no build found the site up to date: {history:?}"
        );
    }
}

fn newsroom() -> TestSite {
    let site = TestSite::new();
    site.write(
        "site.toml",
        "title = \"Lachin Ledger\"\nbase_url = \"https://news.example.com\"\n",
    );
    for (i, (section, place)) in [
        ("world", "Baku"),
        ("business", "Lachin"),
        ("sport", "Ganja"),
    ]
    .iter()
    .cycle()
    .take(12)
    .enumerate()
    {
        site.write(
            &format!("content/{section}/story-{i}.md"),
            article(
                &format!("Story {i}"),
                &format!("2025-05-{:02}T09:00:00+04:00", i + 1),
                &format!("tags = [\"Energy\", \"Tag {i}\"]\nlocations = [{place:?}]"),
                &format!("BAKU: The text of story {i}."),
            ),
        );
    }
    site
}

#[test]
fn a_body_edit_renders_only_the_pages_that_show_it() {
    let site = newsroom();
    let (first, pages) = rendered(&site.build_ok(&[]));
    assert_eq!(first, pages, "the first build renders every page");
    let (again, _) = rendered(&site.build_ok(&[]));
    assert_eq!(again, 0, "nothing changed, nothing is rendered");
    site.write(
        "content/sport/story-2.md",
        article(
            "Story 2",
            "2025-05-03T09:00:00+04:00",
            "tags = [\"Energy\", \"Tag 2\"]\nlocations = [\"Ganja\"]",
            "BAKU: The text of story 2, corrected.",
        ),
    );
    let run = site.build_ok(&[]);
    let (after, total) = rendered(&run);
    assert!(
        after > 0 && after * 2 < total,
        "{after} of {total} pages rendered after one body edit: {}",
        run.stdout
    );
    assert!(
        site.page("/2025/05/03/story-2/")
            .main_text()
            .contains("story 2, corrected")
    );
}

#[test]
fn a_page_changed_in_the_output_by_hand_is_written_again() {
    let site = newsroom();
    site.build_ok(&[]);
    let page = site.public().join("tags/energy/index.html");
    let before = std::fs::read(&page).unwrap();
    // Appending changes the file the output holds, in place.
    use std::io::Write;
    std::fs::OpenOptions::new()
        .append(true)
        .open(&page)
        .unwrap()
        .write_all(b"<p>defaced</p>")
        .unwrap();
    site.build_ok(&[]);
    assert_eq!(std::fs::read(&page).unwrap(), before);
}

#[test]
fn a_corrupt_cache_or_one_from_another_output_is_never_trusted() {
    let site = newsroom();
    site.build_ok(&[]);
    let caches = site.path().join(".newsdesk/build");
    let files: Vec<_> = std::fs::read_dir(&caches)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.is_file()
                && p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("pages-")
        })
        .collect();
    assert_eq!(files.len(), 1, "one cache file for the one output");
    std::fs::write(&files[0], b"not a cache").unwrap();
    // The digests of the files as last read, corrupt too.
    std::fs::write(caches.join("contents"), b"\x05 not digests").unwrap();
    // The articles as read, kept in shards: every one of them corrupt, and a story edited.
    for shard in std::fs::read_dir(caches.join("articles")).unwrap() {
        std::fs::write(shard.unwrap().path(), b"\x01\x02 not articles").unwrap();
    }
    edit_story_2(&site, "read again");
    let (rendered_now, pages) = rendered(&site.build_ok(&[]));
    assert_eq!(rendered_now, pages, "a corrupt cache is rebuilt, not read");
    assert!(
        site.page("/2025/05/03/story-2/")
            .main_text()
            .contains("read again")
    );
    let (a, b) = (tree(&site.public()), {
        site.build_ok(&["--no-cache", "--output", "clean"]);
        tree(&site.path().join("clean"))
    });
    assert!(a == b, "{}", differences(&a, &b));
    // A build to another folder keeps its own cache and leaves public/'s alone.
    let (other, _) = rendered(&site.build_ok(&["--output", "preview"]));
    assert_eq!(other, pages);
    let (public_again, _) = rendered(&site.build_ok(&[]));
    assert_eq!(public_again, 0);
    assert_eq!(tree(&site.public()), tree(&site.path().join("preview")));
}

#[test]
fn files_put_into_or_taken_from_the_output_by_hand_do_not_outlive_the_next_builds() {
    let site = newsroom();
    let public = site.public();
    let clean = |site: &TestSite| {
        site.build_ok(&["--no-cache", "--output", "clean"]);
        tree(&site.path().join("clean"))
    };
    // A build, and one after an edit: from then on a build starts from the previous site.
    site.build_ok(&[]);
    edit_story_2(&site, "first edit");
    site.build_ok(&[]);
    let hands: [(&str, &dyn Fn()); 4] = [
        ("a file added", &|| {
            std::fs::write(public.join("tags/energy/notes.txt"), "by hand").unwrap()
        }),
        ("a page removed", &|| {
            std::fs::remove_file(public.join("tags/energy/index.html")).unwrap()
        }),
        ("a page replaced", &|| {
            let page = public.join("2025/05/03/story-2/index.html");
            std::fs::write(public.join("swap"), "defaced").unwrap();
            std::fs::rename(public.join("swap"), page).unwrap();
        }),
        ("a folder added", &|| {
            std::fs::create_dir_all(public.join("extra/deep")).unwrap();
            std::fs::write(public.join("extra/deep/x.html"), "x").unwrap();
        }),
    ];
    for (i, (what, hand)) in hands.iter().enumerate() {
        hand();
        // A cached build after the hand, then one after an edit: both as a clean build.
        for edit in [false, true] {
            if edit {
                edit_story_2(&site, &format!("edit {i}"));
            }
            site.build_ok(&[]);
            let (a, b) = (tree(&public), clean(&site));
            assert!(
                a == b,
                "after {what} (edit: {edit}): {}",
                differences(&a, &b)
            );
        }
    }
}

#[test]
fn a_cached_build_never_writes_into_a_file_the_live_site_is_serving() {
    let site = newsroom();
    site.build_ok(&[]);
    edit_story_2(&site, "first edit");
    site.build_ok(&[]);
    // A reader holding the article page: the same file as the output's, by a second name.
    let page = site.public().join("2025/05/03/story-2/index.html");
    let held = site.path().join("held.html");
    std::fs::hard_link(&page, &held).unwrap();
    let before = std::fs::read(&held).unwrap();
    edit_story_2(&site, "rewritten");
    site.build_ok(&[]);
    assert!(
        site.page("/2025/05/03/story-2/")
            .main_text()
            .contains("rewritten")
    );
    assert_eq!(
        std::fs::read(&held).unwrap(),
        before,
        "the file the old site served was changed in place"
    );
}

/// Rewrites the body of the newsroom's story 2.
fn edit_story_2(site: &TestSite, words: &str) {
    site.write(
        "content/sport/story-2.md",
        article(
            "Story 2",
            "2025-05-03T09:00:00+04:00",
            "tags = [\"Energy\", \"Tag 2\"]\nlocations = [\"Ganja\"]",
            &format!("BAKU: The text of story 2, {words}."),
        ),
    );
}

#[test]
fn a_file_changed_behind_an_unchanged_size_and_time_is_read_again() {
    let site = newsroom();
    site.write("static/images/map.png", common::png(60, 40));
    // Files older than the file system's clock can blur are taken by their stamps.
    std::thread::sleep(std::time::Duration::from_millis(3500));
    site.build_ok(&[]);
    site.build_ok(&["--output", "second"]);
    let file = site.path().join("content/sport/story-2.md");
    let modified = std::fs::metadata(&file).unwrap().modified().unwrap();
    let text = site.read("content/sport/story-2.md");
    let same_size = text.replace("The text of story 2", "The TEXT of story 2");
    assert_eq!(same_size.len(), text.len());
    site.write("content/sport/story-2.md", same_size);
    // Its modification time put back as it was: the change still shows (its inode's change
    // time cannot be put back).
    std::fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    site.build_ok(&[]);
    assert!(
        site.page("/2025/05/03/story-2/")
            .main_text()
            .contains("The TEXT of story 2")
    );
    // A photo made anew, likewise: the site equals one built from nothing.
    site.write("static/images/map.png", common::png(61, 40));
    site.build_ok(&[]);
    let (a, b) = (tree(&site.public()), {
        site.build_ok(&["--no-cache", "--output", "clean"]);
        tree(&site.path().join("clean"))
    });
    assert!(a == b, "{}", differences(&a, &b));
}
