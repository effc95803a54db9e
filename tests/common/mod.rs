//! A fixture site in a temporary folder, built with the real `newsdesk` binary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{Html, Selector};

/// A small deterministic random number generator (xorshift), so that failures repeat.
pub struct Dice(pub u64);

impl Dice {
    /// A number in `0..n`.
    pub fn roll(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// A site in a temporary folder.
pub struct TestSite {
    pub dir: tempfile::TempDir,
}

/// The result of running `newsdesk`.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

/// Front matter and body of a simple article.
pub fn article(title: &str, date: &str, extra: &str, body: &str) -> String {
    format!("+++\ntitle = {title:?}\ndate = {date}\n{extra}\n+++\n{body}\n")
}

impl TestSite {
    pub fn new() -> TestSite {
        let site = TestSite {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        std::fs::create_dir_all(site.path().join("content")).unwrap();
        site
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file of the site (`content/world/x.md`, `site.toml`, ...).
    pub fn write(&self, relative: &str, text: impl AsRef<[u8]>) -> &TestSite {
        let path = self.path().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    pub fn remove(&self, relative: &str) {
        std::fs::remove_file(self.path().join(relative)).unwrap();
    }

    /// Runs `newsdesk ARGS...` in the site folder.
    pub fn run(&self, args: &[&str]) -> Run {
        Command::new(env!("CARGO_BIN_EXE_newsdesk"))
            .args(args)
            .current_dir(self.path())
            .env_remove("SOURCE_DATE_EPOCH")
            .output()
            .expect("newsdesk runs")
            .into()
    }

    /// Runs `newsdesk ARGS...` in the site folder with the clock set to `epoch` (seconds since
    /// 1970, through `SOURCE_DATE_EPOCH`), for commands that date what they write.
    pub fn run_at(&self, epoch: i64, args: &[&str]) -> Run {
        Command::new(env!("CARGO_BIN_EXE_newsdesk"))
            .args(args)
            .current_dir(self.path())
            .env("SOURCE_DATE_EPOCH", epoch.to_string())
            .output()
            .expect("newsdesk runs")
            .into()
    }

    /// A file of the site as text (`content/world/x.txt`).
    pub fn read(&self, relative: &str) -> String {
        let path = self.path().join(relative);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("no file {relative}: {e}"))
    }

    /// `newsdesk build` with extra arguments; panics with its output if it failed.
    pub fn build_ok(&self, args: &[&str]) -> Run {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        let run = self.run(&all);
        assert_eq!(run.code, 0, "build failed:\n{}\n{}", run.stdout, run.stderr);
        run
    }

    pub fn public(&self) -> PathBuf {
        self.path().join("public")
    }

    /// The page at a URL path (`/tags/energy/`) of the built site.
    pub fn page(&self, url: &str) -> Page {
        let file = if url.ends_with('/') {
            format!("{}index.html", url.trim_start_matches('/'))
        } else {
            url.trim_start_matches('/').to_string()
        };
        let path = self.public().join(&file);
        let html = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("no page {url} ({}): {e}", path.display()));
        Page { html }
    }

    pub fn has_page(&self, url: &str) -> bool {
        self.public()
            .join(url.trim_start_matches('/'))
            .join("index.html")
            .is_file()
    }

    /// Every file of the built site, relative paths, sorted.
    pub fn files(&self) -> Vec<String> {
        let mut out: Vec<String> = walkdir(&self.public())
            .into_iter()
            .map(|p| {
                p.strip_prefix(self.public())
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        out.sort();
        out
    }

    /// All text of all files of the built site, for "appears nowhere" checks.
    pub fn all_output(&self) -> String {
        walkdir(&self.public())
            .into_iter()
            .map(|p| std::fs::read_to_string(p).unwrap_or_default())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p)
            } else {
                out.push(p)
            }
        }
    }
    out
}

/// A built page, as a reader's browser would parse it.
pub struct Page {
    pub html: String,
}

impl Page {
    fn doc(&self) -> Html {
        Html::parse_document(&self.html)
    }

    /// The text of the elements matching a CSS selector.
    pub fn texts(&self, selector: &str) -> Vec<String> {
        let sel = Selector::parse(selector).unwrap();
        self.doc()
            .select(&sel)
            .map(|e| {
                e.text()
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    /// The links (`href`) in the page's main content, in order.
    pub fn main_links(&self) -> Vec<String> {
        let sel = Selector::parse("main a[href]").unwrap();
        self.doc()
            .select(&sel)
            .filter_map(|e| e.value().attr("href").map(str::to_string))
            .collect()
    }

    /// The article pages linked from the main content (paths with a date), each once, in order.
    pub fn article_links(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for l in self.main_links() {
            let is_article = l
                .split('/')
                .nth(1)
                .is_some_and(|y| y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()));
            if is_article && !out.contains(&l) {
                out.push(l);
            }
        }
        out
    }

    /// The visible text of the main content.
    pub fn main_text(&self) -> String {
        self.texts("main").join(" ")
    }
}

impl TestSite {
    /// A file of the built site as text (`feed.xml`, `tags/energy/feed.xml`).
    pub fn file(&self, relative: &str) -> String {
        let path = self.public().join(relative.trim_start_matches('/'));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("no file {relative}: {e}"))
    }

    pub fn has_file(&self, relative: &str) -> bool {
        self.public()
            .join(relative.trim_start_matches('/'))
            .is_file()
    }
}

impl Page {
    /// The values of an attribute on the elements matching a CSS selector.
    pub fn attrs(&self, selector: &str, attr: &str) -> Vec<String> {
        let sel = Selector::parse(selector).unwrap();
        self.doc()
            .select(&sel)
            .filter_map(|e| e.value().attr(attr).map(str::to_string))
            .collect()
    }

    /// The raw text inside the elements matching a CSS selector (scripts included).
    pub fn inner(&self, selector: &str) -> Vec<String> {
        let sel = Selector::parse(selector).unwrap();
        self.doc()
            .select(&sel)
            .map(|e| e.text().collect::<String>())
            .collect()
    }
}

/// A real JPEG of `width` x `height`: a gradient with a bright square, at quality 90.
pub fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&picture(width, height))
        .expect("a JPEG is written");
    out
}

/// A real PNG of `width` x `height`, the same picture as [`jpeg`].
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    picture(width, height)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .expect("a PNG is written");
    out
}

fn picture(width: u32, height: u32) -> image::RgbImage {
    image::RgbImage::from_fn(width, height, |x, y| {
        let inside = x > width / 3 && x < width / 2 && y > height / 3 && y < height / 2;
        if inside {
            image::Rgb([250, 240, 60])
        } else {
            image::Rgb([(x * 255 / width) as u8, (y * 255 / height) as u8, 120])
        }
    })
}

/// The search index a built site publishes under `search/`, read as the search page's
/// script reads it: `meta.json`, then only the shards and cards a word needs.
pub struct SearchIndex<F: Fn(&str) -> Option<Vec<u8>>> {
    fetch: F,
    meta: serde_json::Value,
}

impl<F: Fn(&str) -> Option<Vec<u8>>> SearchIndex<F> {
    /// `fetch` gives the bytes of a file of the search folder (`meta.json`, `t/x.bin`).
    pub fn open(fetch: F) -> Option<SearchIndex<F>> {
        let meta = serde_json::from_slice(&fetch("meta.json")?).ok()?;
        Some(SearchIndex { fetch, meta })
    }

    /// The addresses of the stories a folded word (or a filter key, `#t:energy`) finds:
    /// its own stories and, for a form of a stem, the stem's.
    pub fn find(&self, key: &str) -> Vec<String> {
        let mut numbers = Vec::new();
        if let Some((ids, stem)) = self.entry(key) {
            numbers.extend(ids);
            if let Some((stem_ids, _)) = stem.and_then(|s| self.entry(&s)) {
                numbers.extend(stem_ids);
            }
        }
        numbers.sort_unstable();
        numbers.dedup();
        let chunk = self.meta["chunk"].as_u64().unwrap() as usize;
        numbers
            .into_iter()
            .map(|n| {
                let digest = self.meta["chunks"][n / chunk].as_str().unwrap();
                let bytes = (self.fetch)(&format!("d/{}-{digest}.json", n / chunk))
                    .expect("a chunk of cards the meta names");
                let cards: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
                cards[n % chunk]["url"].as_str().unwrap().to_string()
            })
            .collect()
    }

    /// A key's story numbers and stem, from the shard that holds it.
    fn entry(&self, key: &str) -> Option<(Vec<usize>, Option<String>)> {
        let shards = self.meta["shards"].as_array().unwrap();
        let utf16 = |s: &str| s.encode_utf16().collect::<Vec<u16>>();
        let at = shards
            .iter()
            .rposition(|s| utf16(s[0].as_str().unwrap()) <= utf16(key))?;
        let bytes = (self.fetch)(shards[at][1].as_str().unwrap()).expect("a shard the meta names");
        let mut at = 0;
        let number = |at: &mut usize| {
            let (mut n, mut shift) = (0usize, 0);
            loop {
                let b = bytes[*at];
                *at += 1;
                n |= ((b & 0x7f) as usize) << shift;
                shift += 7;
                if b & 0x80 == 0 {
                    return n;
                }
            }
        };
        let string = |at: &mut usize| {
            let len = number(at);
            let s = String::from_utf8(bytes[*at..*at + len].to_vec()).unwrap();
            *at += len;
            s
        };
        while at < bytes.len() {
            let here = string(&mut at);
            let flags = bytes[at];
            at += 1;
            let stem = (flags & 2 != 0).then(|| string(&mut at));
            let mut ids = Vec::new();
            if flags & 1 != 0 {
                let (count, mut id) = (number(&mut at), 0);
                for _ in 0..count {
                    id += number(&mut at);
                    at += 1;
                    ids.push(id);
                }
            }
            if here == key {
                return Some((ids, stem));
            }
        }
        None
    }
}

impl TestSite {
    /// The search index of the built site.
    pub fn search_index(&self) -> SearchIndex<impl Fn(&str) -> Option<Vec<u8>> + '_> {
        SearchIndex::open(move |name| std::fs::read(self.public().join("search").join(name)).ok())
            .expect("the built site has a search index")
    }
}
