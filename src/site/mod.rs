//! The model: a site read from disk (settings, articles, gazetteer) and its indexes.

pub mod address;
pub mod article;
pub mod authors;
pub mod body;
pub mod dateline;
pub mod dates;
pub mod files;
pub mod fronts;
pub mod gazetteer;
pub mod index;
pub mod pages;
pub mod photos;
pub mod related;
pub mod settings;
pub mod slug;
pub mod wire;
pub mod words;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::{Timestamp, ZonedDateTime as Zoned};
use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Report, Severity, relative};
use article::{Article, BodyFormat};
use authors::Profiles;
use files::StaticFile;
use fronts::{Fronts, FrontsFile};
use gazetteer::Gazetteer;
use index::{PlaceIndex, Taxonomy};
use pages::StandingPage;
use photos::{Focus, PhotoUse, Photos};
use settings::Settings;

/// What to include and as of when: the build's options that change the model.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    pub drafts: bool,
    pub future: bool,
    /// The build clock (`--now`); `None` reads `SOURCE_DATE_EPOCH`, then the system clock.
    pub now: Option<Timestamp>,
    /// Replaces site.toml's `base_url` (`--base-url`).
    pub base_url: Option<String>,
}

/// Whether an article is in a build, and if not, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Published,
    /// A draft, and drafts are left out.
    Draft,
    /// Its `expires` time has passed.
    Expired,
    /// Dated after the build clock, and future articles are left out.
    Scheduled,
}

impl LoadOptions {
    /// Whether `article` is in a build made with these options as of `now`, and if not,
    /// why: the one rule for the build, `serve` and the build cache.
    pub fn standing(&self, article: &Article, now: &Zoned) -> Standing {
        if article.draft && !self.drafts {
            Standing::Draft
        } else if article.expires.as_ref().is_some_and(|e| e <= now) {
            Standing::Expired
        } else if article.date > *now && !self.future {
            Standing::Scheduled
        } else {
            Standing::Published
        }
    }

    /// Whether `article` is published in a build made with these options as of `now`.
    pub fn publishes(&self, article: &Article, now: &Zoned) -> bool {
        self.standing(article, now) == Standing::Published
    }
}

/// How far back the Google News sitemap reaches from the build clock.
pub const NEWS_WINDOW: jiff::SignedDuration = jiff::SignedDuration::from_hours(48);

/// The most articles a Google News sitemap may hold.
pub const NEWS_LIMIT: usize = 1000;

/// An article left out of this build because its time has not come.
#[derive(Debug, Clone)]
pub struct Scheduled {
    pub title: String,
    pub date: Zoned,
    pub source: PathBuf,
}

/// A site: its published articles (newest first) and everything derived from them.
#[derive(Debug)]
pub struct Site {
    pub root: PathBuf,
    pub settings: Settings,
    /// The build clock.
    pub now: Zoned,
    pub articles: Vec<Arc<Article>>,
    /// Future-dated articles left out, soonest first.
    pub scheduled: Vec<Scheduled>,
    /// Published articles with an `expires` time to come, soonest first: the site must be
    /// rebuilt then to take them down.
    pub expiring: Vec<Scheduled>,
    pub drafts_left_out: usize,
    pub tags: Taxonomy,
    pub authors: Taxonomy,
    pub sections: Taxonomy,
    pub places: PlaceIndex,
    /// The archive: one term a month with articles (slug `2025/05`), newest first.
    pub months: Taxonomy,
    /// For each article, up to five related articles: most shared tags and places, newest first.
    pub related: Vec<Vec<usize>>,
    /// The files of static/, copied to the output as they are (its photos excepted).
    pub static_files: Vec<StaticFile>,
    /// Every photo the site publishes (its JPEG, PNG and WebP files of static/, and those
    /// beside articles that the articles show), with the copies each is published as.
    pub photos: Photos,
    /// What `_fronts.toml` puts on the fronts in this build, and the breaking-news strip.
    pub fronts: Fronts,
    /// How many tags and places each of those shares with the article.
    pub related_shared: Vec<Vec<u32>>,
    /// Every article read, left out or not, whose file may still hold a placeholder of
    /// `newsdesk new` or `newsdesk import` (see [`article::Marks::unfinished`]), by file.
    pub unfinished: Vec<Arc<Article>>,
    /// The authors' profiles (`content/_authors.toml`).
    pub profiles: Profiles,
    /// The standing pages (`content/_pages/`), by address.
    pub pages: Vec<StandingPage>,
    /// The names of each place of the gazetteer that has aliases, its own first, sorted by
    /// place: what search takes as one word (`Laçın` finds Lachin).
    pub place_names: Vec<Vec<String>>,
}

/// The known key nearest to `key`, when it is near enough to be a likely typo (the nearest
/// first, then the first in alphabetical order).
pub fn closest<'a>(key: &str, known: &[&'a str]) -> Option<&'a str> {
    let near_enough = |d: usize, k: &str| d <= 2.max(k.len() / 3);
    // The edit distance is costly: keys are tried from the one whose letters differ least
    // from `key`'s (a bound of the distance that is cheap to count), until no key left can
    // be nearer than the nearest found.
    let letters = Letters::of(key);
    let mut ranked: Vec<(usize, &str)> = known
        .iter()
        .map(|k| (letters.apart(&Letters::of(k)), *k))
        .filter(|(bound, k)| near_enough(*bound, k))
        .collect();
    ranked.sort_unstable();
    let mut nearest: Option<(usize, &str)> = None;
    for (bound, k) in ranked {
        if nearest.is_some_and(|n| (bound, k) > n) {
            break;
        }
        let d = strsim::damerau_levenshtein(key, k);
        if near_enough(d, k) && nearest.is_none_or(|n| (d, k) < n) {
            nearest = Some((d, k));
        }
    }
    nearest.map(|(_, k)| k)
}

/// How many times a word has each character (folded into 128 counts, which saturate).
struct Letters([u8; 128]);

impl Letters {
    fn of(word: &str) -> Letters {
        let mut counts = [0u8; 128];
        for c in word.chars() {
            let n = &mut counts[(c as u32 % 128) as usize];
            *n = n.saturating_add(1);
        }
        Letters(counts)
    }

    /// A lower bound of the edit distance between two words: an insertion, deletion or
    /// substitution adds at most one to the characters one word has more of, and to those it
    /// has fewer of; a transposition changes neither.
    fn apart(&self, other: &Letters) -> usize {
        let (mut more, mut fewer) = (0usize, 0usize);
        for (a, b) in self.0.iter().zip(&other.0) {
            more += a.saturating_sub(*b) as usize;
            fewer += b.saturating_sub(*a) as usize;
        }
        more.max(fewer)
    }
}

/// One article file as read: the article, or the errors that stop it, and its warnings.
/// What reading a file gives depends only on its bytes and the site's settings, so the build
/// cache keeps it ([`ParsedFile::content`]).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ParsedFile {
    pub result: Result<Arc<Article>, Vec<Diagnostic>>,
    pub warnings: Vec<Diagnostic>,
    /// The file says `draft = true` (read leniently, see [`article::says_draft`]).
    pub draft: bool,
    /// The photos of the site it shows (its lead image, its body's images): looked for
    /// when the site is assembled.
    pub photos: Vec<PhotoUse>,
    /// [`crate::digest::of_content`] of the bytes it was made from; `None` when the file
    /// could not be read.
    pub content: Option<u128>,
}

/// Everything a site is made from, read from disk: settings, gazetteer and every article
/// file, parsed. `serve` keeps it and re-reads only the files that change.
#[derive(Debug, Clone)]
pub struct Sources {
    pub root: PathBuf,
    pub settings: Settings,
    pub gazetteer: Gazetteer,
    /// `content/_fronts.toml` as written.
    pub fronts: FrontsFile,
    /// Problems with site.toml, the gazetteer, `_fronts.toml` or the content folder.
    /// The authors' profiles.
    pub profiles: Profiles,
    /// The standing pages, by address.
    pub pages: Vec<StandingPage>,
    /// Problems with site.toml, the gazetteer, the profiles, the standing pages or the
    /// content folder.
    pub diagnostics: Vec<Diagnostic>,
    /// Every article file by its path relative to the site (`content/world/x.md`).
    pub files: BTreeMap<PathBuf, ParsedFile>,
    /// The files of static/.
    pub static_files: Vec<StaticFile>,
    /// The digests of photo files' bytes (by path relative to the site) where the reader of
    /// the sources read them already (the build's digest of its inputs): their photos' headers
    /// are read, not the whole files ([`Photos::read`]). A photo that changes leaves it.
    pub photo_digests: HashMap<PathBuf, u128>,
    /// What photos' headers said, by the digest of their bytes, as an earlier build kept it.
    pub photo_headers: HashMap<u128, photos::Header>,
}

impl Sources {
    /// Reads the site in `root`; `base_url` replaces site.toml's (`--base-url`).
    pub fn read(root: &Path, base_url: Option<&str>) -> Sources {
        Sources::read_reusing(root, base_url, &|_| None)
    }

    /// Like [`Sources::read`], taking an article file as `earlier` gives it instead of
    /// reading and parsing it again: the build cache's copy, when the file's bytes and the
    /// site's settings are those it was made from.
    pub fn read_reusing(
        root: &Path,
        base_url: Option<&str>,
        earlier: &(dyn Fn(&Path) -> Option<ParsedFile> + Sync),
    ) -> Sources {
        let mut diagnostics = Vec::new();
        let mut settings = Settings::load(root, &mut diagnostics);
        if let Some(url) = base_url {
            settings.base_url = url.trim_end_matches('/').to_string();
        }
        let gazetteer = Gazetteer::load(root, &mut diagnostics);
        let fronts = FrontsFile::load(root, &settings.timezone, &mut diagnostics);
        let profiles = Profiles::load(root, &mut diagnostics);
        let pages = pages::load(root, &mut diagnostics);
        let mut sources = Sources {
            root: root.to_path_buf(),
            settings,
            gazetteer,
            fronts,
            profiles,
            pages,
            diagnostics,
            files: BTreeMap::new(),
            static_files: Vec::new(),
            photo_digests: HashMap::new(),
            photo_headers: HashMap::new(),
        };
        sources.static_files = files::static_files(root, &mut sources.diagnostics);
        let content = root.join("content");
        if !content.is_dir() {
            sources.diagnostics.push(
                Diagnostic::error(relative(root, &content), "the site has no content folder")
                    .help("create content/ and put articles (.md or .txt) in it"),
            );
            return sources;
        }
        // A broken link under content/ is kept as a file with an error, so that `serve`
        // forgets the error when the link is mended or removed.
        let mut broken = Vec::new();
        let files = files::article_files(root, &mut broken);
        for problem in broken {
            let parsed = ParsedFile {
                result: Err(vec![problem.clone()]),
                warnings: Vec::new(),
                draft: false,
                photos: Vec::new(),
                content: None,
            };
            sources.files.insert(problem.path, parsed);
        }
        let parsed: Vec<(PathBuf, ParsedFile)> = files
            .into_par_iter()
            .map(|source| {
                let parsed = earlier(&source).unwrap_or_else(|| sources.parse_file(&source));
                (source, parsed)
            })
            .collect();
        sources.files.extend(parsed);
        sources
    }

    /// The article files under content/ now, and the broken links among them, relative to
    /// the site (to find files that came or went when a folder changed).
    pub fn file_list(root: &Path) -> std::collections::HashSet<PathBuf> {
        let mut broken = Vec::new();
        let mut list: std::collections::HashSet<PathBuf> = files::article_files(root, &mut broken)
            .into_iter()
            .collect();
        list.extend(broken.into_iter().map(|d| d.path));
        list
    }

    /// Lists static/ again after a change in it; returns whether the list changed.
    pub fn reread_static(&mut self) -> bool {
        let mut problems = Vec::new();
        let fresh = files::static_files(&self.root, &mut problems);
        let before = self
            .diagnostics
            .iter()
            .filter(|d| d.path.starts_with("static"))
            .count();
        self.diagnostics.retain(|d| !d.path.starts_with("static"));
        let changed = fresh != self.static_files || before > 0 || !problems.is_empty();
        self.diagnostics.extend(problems);
        self.static_files = fresh;
        changed
    }

    /// Reads the profiles again after `content/_authors.toml` changed.
    pub fn reread_profiles(&mut self) {
        let mut problems = Vec::new();
        self.profiles = Profiles::load(&self.root, &mut problems);
        self.diagnostics
            .retain(|d| d.path != Path::new(authors::PATH));
        self.diagnostics.extend(problems);
    }

    /// Reads the standing pages again after a change under `content/_pages/`.
    pub fn reread_pages(&mut self) {
        let mut problems = Vec::new();
        self.pages = pages::load(&self.root, &mut problems);
        self.diagnostics
            .retain(|d| !d.path.starts_with(pages::FOLDER));
        self.diagnostics.extend(problems);
    }

    /// Reads and parses one article file (`source` relative to the site).
    fn parse_file(&self, source: &Path) -> ParsedFile {
        let content = self.root.join("content");
        let path = self.root.join(source);
        let mut warnings = Vec::new();
        let mut draft = false;
        let mut photos = Vec::new();
        let mut content_digest = None;
        let result = match std::fs::read(&path) {
            Ok(bytes) => {
                content_digest = Some(crate::digest::of_content(&bytes));
                article::parse(
                    source,
                    &relative(&content, &path),
                    &bytes,
                    &self.settings,
                    &mut warnings,
                    &mut photos,
                )
                .map(Arc::new)
                .inspect_err(|_| draft = article::says_draft(&bytes))
            }
            Err(e) => Err(vec![Diagnostic::error(source, format!("cannot read: {e}"))]),
        };
        ParsedFile {
            draft: result.as_ref().map_or(draft, |a| a.draft),
            result,
            warnings,
            photos,
            content: content_digest,
        }
    }

    /// Re-reads one file of content/ after a change: parsed again if it is an article file
    /// that exists, forgotten if it is gone, an error if it is a broken link. Returns whether
    /// it is an article file (or was one).
    pub fn refresh(&mut self, source: &Path) -> bool {
        let listed = source.starts_with("content")
            && !source.components().skip(1).any(|c| {
                let name = c.as_os_str().to_string_lossy();
                name.starts_with('_') || name.starts_with('.')
            });
        if !listed {
            return false;
        }
        match files::article_file(&self.root, source) {
            Ok(Some(_)) => {
                let parsed = self.parse_file(source);
                self.files.insert(source.to_path_buf(), parsed);
                true
            }
            Ok(None) => self.files.remove(source).is_some() || BodyFormat::of(source).is_some(),
            Err(broken) => {
                let parsed = ParsedFile {
                    result: Err(vec![broken]),
                    warnings: Vec::new(),
                    draft: false,
                    photos: Vec::new(),
                    content: None,
                };
                self.files.insert(source.to_path_buf(), parsed);
                true
            }
        }
    }
}

impl Site {
    /// Reads the site in `root`. Every problem is added to `report`; the site is returned
    /// only when there was no error.
    pub fn load(root: &Path, options: &LoadOptions, report: &mut Report) -> Option<Site> {
        let sources = Sources::read(root, options.base_url.as_deref());
        Site::assemble(&sources, options, report)
    }

    /// The site made from what was read: published articles, indexes, related lists.
    pub fn assemble(sources: &Sources, options: &LoadOptions, report: &mut Report) -> Option<Site> {
        Site::assemble_after(sources, options, report, None)
    }

    /// Like [`Site::assemble`], reusing what a previous site of the same sources computed
    /// that the changed files cannot have touched (`serve`).
    pub fn assemble_after(
        sources: &Sources,
        options: &LoadOptions,
        report: &mut Report,
        previous: Option<related::Previous>,
    ) -> Option<Site> {
        let root = &sources.root;
        let settings = sources.settings.clone();
        let gazetteer = &sources.gazetteer;
        report.about_site(root);
        report.extend(sources.diagnostics.iter().cloned());
        let now = match dates::build_clock(options.now, &settings.timezone) {
            Ok(now) => now,
            Err(e) => {
                report.push(
                    Diagnostic::error("SOURCE_DATE_EPOCH", e)
                        .help("set it to a number of seconds since 1970, or unset it"),
                );
                Timestamp::now().to_zoned_datetime(settings.timezone.clone())
            }
        };
        let mut articles: Vec<Arc<Article>> = Vec::new();
        let mut scheduled = Vec::new();
        let mut drafts_left_out = 0;
        // The photos the published stories show: their files are looked at now, not when
        // the article was read, as they may have changed since.
        let mut photo_uses: Vec<(PhotoUse, Option<Focus>)> = Vec::new();
        for parsed in sources.files.values() {
            report.extend(parsed.warnings.iter().cloned());
            match parsed.result.as_ref() {
                Ok(a) => match options.standing(a, &now) {
                    Standing::Draft => drafts_left_out += 1,
                    Standing::Expired => {}
                    Standing::Scheduled => scheduled.push(Scheduled {
                        title: a.title.clone(),
                        date: a.date.clone(),
                        source: a.source.clone(),
                    }),
                    // Bylines are read under the profiles' names here, not when the file
                    // is read: what reading a file gives depends only on its bytes.
                    Standing::Published => {
                        articles.push(sources.profiles.resolve(a));
                        photo_uses.extend(parsed.photos.iter().map(|u| {
                            let crops = (u.field == photos::Field::Lead)
                                .then(|| a.image_focus.unwrap_or(Focus::CENTRE));
                            (u.clone(), crops)
                        }));
                    }
                },
                Err(errors) => {
                    // The photos it names are looked for too, so that one run says all.
                    let missing = parsed
                        .photos
                        .iter()
                        .filter(|u| !u.exists(root))
                        .filter_map(|u| u.missing(root));
                    let errors: Vec<Diagnostic> = errors.iter().cloned().chain(missing).collect();
                    if parsed.draft && !options.drafts {
                        // A draft never stops a build: its errors are warnings, and it is
                        // left out.
                        drafts_left_out += 1;
                        report.extend(errors.into_iter().map(|d| Diagnostic {
                            severity: Severity::Warning,
                            message: format!("{} (in a draft, left out)", d.message),
                            ..d
                        }));
                    } else {
                        report.extend(errors);
                    }
                }
            }
        }
        // Newest first; the file name breaks ties so that builds are reproducible.
        articles.sort_by(|a, b| {
            b.date
                .timestamp()
                .cmp(&a.date.timestamp())
                .then_with(|| a.source.cmp(&b.source))
        });
        scheduled.sort_by_key(|s| s.date.timestamp());
        photo_uses.extend(sources.profiles.photo_uses().into_iter().map(|u| (u, None)));
        photo_uses.extend(settings.logo_use().map(|u| (u, None)));
        let (photos, photo_problems) = Photos::read(
            root,
            &sources.static_files,
            photo_uses,
            &settings.images,
            &sources.photo_digests,
            &sources.photo_headers,
        );
        report.extend(photo_problems);
        if report.has_errors() {
            return None;
        }

        // The indexes do not depend on one another: made side by side.
        let ((tags, authors), ((sections, months), places)) = rayon::join(
            || {
                rayon::join(
                    || Taxonomy::build(&articles, |a| &a.tags),
                    || Taxonomy::build(&articles, |a| &a.authors),
                )
            },
            || {
                rayon::join(
                    || {
                        rayon::join(
                            || Taxonomy::build(&articles, |a| std::slice::from_ref(&a.section)),
                            || months(&articles),
                        )
                    },
                    || PlaceIndex::build(&articles, gazetteer),
                )
            },
        );
        let mut expiring: Vec<Scheduled> = articles
            .iter()
            .filter_map(|a| {
                a.expires.as_ref().map(|e| Scheduled {
                    title: a.title.clone(),
                    date: e.clone(),
                    source: a.source.clone(),
                })
            })
            .collect();
        expiring.sort_by_key(|s| s.date.timestamp());
        let (related, related_shared) = related::related(&articles, &places, previous);
        let section_slugs: Vec<&str> = sections.terms.iter().map(|t| t.slug.as_str()).collect();
        let mut front_warnings = Vec::new();
        let fronts = sources.fronts.resolve(
            &articles,
            &sources.files,
            options,
            &now,
            &section_slugs,
            &mut front_warnings,
        );
        report.extend(front_warnings);
        if report.has_errors() {
            return None;
        }
        let unfinished = sources
            .files
            .values()
            .filter_map(|parsed| parsed.result.as_ref().ok())
            .filter(|a| a.marks.unfinished.is_some())
            .cloned()
            .collect();
        Some(Site {
            root: root.to_path_buf(),
            settings,
            now,
            articles,
            scheduled,
            expiring,
            drafts_left_out,
            tags,
            authors,
            sections,
            places,
            months,
            related,
            related_shared,
            photos,
            static_files: sources.static_files.clone(),
            fronts,
            unfinished,
            profiles: sources.profiles.clone(),
            pages: sources.pages.clone(),
            place_names: gazetteer.name_groups(),
        })
    }

    /// The articles of the Google News sitemap: those of the [`NEWS_WINDOW`] before the build
    /// clock, newest first, at most [`NEWS_LIMIT`], sponsored stories left out.
    pub fn recent_news(&self) -> Vec<usize> {
        let cutoff = self.now.timestamp() - NEWS_WINDOW;
        // Sponsored stories are advertising: never in the news sitemap (SPEC 9.2).
        (0..self.articles.len())
            .filter(|&i| self.articles[i].date.timestamp() > cutoff)
            .filter(|&i| self.articles[i].kind != article::Kind::Sponsored)
            .take(NEWS_LIMIT)
            .collect()
    }

    /// The next moment this site changes by itself, with no file edited: a scheduled story
    /// goes live (unless the build shows future stories already), one expires, a story
    /// leaves the news sitemap's window, a front's or the breaking strip's `until` passes
    /// (`_fronts.toml`), or the year (the footer's) turns. `serve` moves its
    /// clock then, and the build cache's "up to date" holds until then.
    pub fn next_change(&self, options: &LoadOptions) -> Timestamp {
        let scheduled = self
            .scheduled
            .first()
            .map(|s| s.date.timestamp())
            .filter(|_| !options.future);
        let expiring = self.expiring.first().map(|s| s.date.timestamp());
        let leaves_news = self
            .recent_news()
            .last()
            .map(|&i| self.articles[i].date.timestamp() + NEWS_WINDOW);
        let new_year = jiff::civil::date(self.now.year().saturating_add(1), 1, 1)
            .to_zoned_datetime(self.now.time_zone().clone())
            .map(|z| z.timestamp())
            .unwrap_or(Timestamp::MAX);
        // With no story, the masthead's edition is the build's own day.
        let next_day = self
            .articles
            .is_empty()
            .then(|| self.now.tomorrow().and_then(|d| d.start_of_day()).ok())
            .flatten()
            .map(|z| z.timestamp());
        let front_ends = self.fronts.ends.iter().copied().min();
        [scheduled, expiring, leaves_news, next_day, front_ends]
            .into_iter()
            .flatten()
            .fold(new_year, Timestamp::min)
    }

    /// Sections in navigation order: site.toml's `sections` first, then by article count.
    pub fn section_order(&self) -> Vec<&index::Term> {
        let mut terms: Vec<&index::Term> = self.sections.terms.iter().collect();
        let rank = |slug: &str| {
            self.settings
                .sections
                .iter()
                .position(|s| s == slug)
                .unwrap_or(usize::MAX)
        };
        terms.sort_by(|a, b| {
            rank(&a.slug)
                .cmp(&rank(&b.slug))
                .then(b.articles.len().cmp(&a.articles.len()))
                .then(a.slug.cmp(&b.slug))
        });
        terms
    }
}

/// The archive's months, newest first, each with its articles (newest first).
fn months(articles: &[Arc<Article>]) -> Taxonomy {
    let mut terms: Vec<index::Term> = Vec::new();
    for (i, a) in articles.iter().enumerate() {
        let slug = format!("{:04}/{:02}", a.date.year(), a.date.month());
        match terms.last_mut() {
            Some(t) if t.slug == slug => t.articles.push(i),
            _ => terms.push(index::Term {
                name: a.date.strftime("%B %Y").to_string(),
                slug,
                articles: vec![i],
            }),
        }
    }
    Taxonomy::from_terms(terms)
}
