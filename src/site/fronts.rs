//! `content/_fronts.toml` (SPEC 9.1): the stories editors put on top of the home page and of
//! each section front (a lead, top stories, until when), and the breaking-news strip.
//!
//! The file is read with the site's other sources, and its mistakes (a date that is not a
//! date, an unknown key, a strip without an end) are errors at their line. Which of the
//! stories it names a build can show is decided when the site is assembled, by the rule
//! that decides whether a story is published: a story left out is a warning at its line, and
//! the front fills from the newest stories.

mod read;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime as Zoned};

use crate::diagnostics::Diagnostic;
use crate::site::article::Article;
use crate::site::{LoadOptions, ParsedFile, Standing, closest, dates};

/// Where the file lives, relative to the site folder.
pub const PATH: &str = "content/_fronts.toml";

/// The table of the home page's front; any other table but `[breaking]` is a section's.
pub const HOME: &str = "home";

/// The table of the breaking-news strip.
const BREAKING: &str = "breaking";

/// The keys of a front's table, and of `[breaking]`.
const FRONT_KEYS: &[&str] = &["lead", "top", "until"];
const BREAKING_KEYS: &[&str] = &["text", "url", "until"];

/// What the file says, as written.
#[derive(Debug, Clone, Default)]
pub struct FrontsFile {
    /// Each front's choices, in the order of the file.
    pub fronts: Vec<Choice>,
    pub breaking: Option<Strip>,
}

/// One front's table: `[home]` or `[<section slug>]`.
#[derive(Debug, Clone)]
pub struct Choice {
    /// [`HOME`], or the slug of the section the table names.
    pub front: String,
    /// The table's name as written, and its line.
    pub name: String,
    pub line: usize,
    pub lead: Option<Listed>,
    pub top: Vec<Listed>,
    /// After this moment the front is newest first again.
    pub until: Option<Zoned>,
}

/// A story named in the file: the file under content/ as written, and its line.
#[derive(Debug, Clone)]
pub struct Listed {
    pub written: String,
    pub line: usize,
}

/// The breaking-news strip as written.
#[derive(Debug, Clone)]
pub struct Strip {
    pub text: String,
    /// Where the strip links, when it does.
    pub url: Option<String>,
    /// The moment it ends.
    pub until: Zoned,
}

/// The fronts as one build shows them: the chosen stories it publishes, by article index.
#[derive(Debug, Clone, Default)]
pub struct Fronts {
    pub home: Picks,
    /// Each section's, by the section's slug.
    pub sections: HashMap<String, Picks>,
    /// The strip, while it runs.
    pub breaking: Option<Strip>,
    /// The moments to come when a front's or the strip's `until` passes: the site changes by
    /// itself then.
    pub ends: Vec<Timestamp>,
}

/// The stories editors chose for one front, each published, in the front's list and shown once.
#[derive(Debug, Clone, Default)]
pub struct Picks {
    pub lead: Option<usize>,
    pub top: Vec<usize>,
}

impl FrontsFile {
    /// Reads the file of the site in `root`; a site without one has no choices. Dates without
    /// an offset are read in `tz`.
    pub fn load(root: &Path, tz: &TimeZone, diagnostics: &mut Vec<Diagnostic>) -> Self {
        match crate::site::files::optional_text(root, PATH, diagnostics) {
            Some(text) => FrontsFile::parse(&text, tz, diagnostics),
            None => FrontsFile::default(),
        }
    }

    /// Parses the file's text; problems are reported against [`PATH`].
    pub fn parse(text: &str, tz: &TimeZone, diagnostics: &mut Vec<Diagnostic>) -> Self {
        read::parse(text, tz, diagnostics)
    }

    /// The fronts of a build as of `now`: each chosen story that the build publishes
    /// (`published`, newest first; `files`: every article file read) and that belongs on its
    /// front, once. Every other one is left out with a warning at its line, saying why.
    pub fn resolve(
        &self,
        published: &[Arc<Article>],
        files: &BTreeMap<PathBuf, ParsedFile>,
        options: &LoadOptions,
        now: &Zoned,
        sections: &[&str],
        warnings: &mut Vec<Diagnostic>,
    ) -> Fronts {
        let lookup = Lookup {
            index: published
                .iter()
                .enumerate()
                .map(|(i, a)| (a.source.as_path(), i))
                .collect(),
            published,
            files,
            options,
            now,
        };
        let warn = |line: usize, (message, help): (String, String)| {
            Diagnostic::warning(PATH, message).at(line, 1).help(help)
        };
        let mut fronts = Fronts::default();
        let live = self
            .fronts
            .iter()
            .filter(|c| c.until.as_ref().is_none_or(|u| u > now));
        for choice in live {
            fronts
                .ends
                .extend(choice.until.as_ref().map(Zoned::timestamp));
            let section = (choice.front != HOME).then_some(choice.front.as_str());
            if let Some(slug) = section
                && !sections.contains(&slug)
            {
                let message = format!(
                    "[{}]: the site has no section `{slug}` with published stories",
                    choice.name
                );
                let help = match closest(slug, sections) {
                    Some(near) => format!("did you mean [{near}]? a table is [home], [breaking] or a section's slug"),
                    None => "a table is [home], [breaking] or the slug of a section with published stories".into(),
                };
                warnings.push(warn(choice.line, (message, help)));
                continue;
            }
            let mut picks = Picks::default();
            let mut seen: Vec<(usize, usize)> = Vec::new();
            let lead = choice.lead.iter().map(|l| ("lead", l));
            for (key, listed) in lead.chain(choice.top.iter().map(|l| ("top", l))) {
                let what = format!("[{}] {key}", choice.name);
                let i = match lookup.story(&listed.written, section) {
                    Ok(i) => i,
                    Err((why, help)) => {
                        warnings.push(warn(listed.line, (format!("{what}: {why}"), help)));
                        continue;
                    }
                };
                if let Some(&(_, first)) = seen.iter().find(|(j, _)| *j == i) {
                    let why = format!(
                        "{what}: {} is already on this front (line {first}), so it is shown once",
                        published[i].source.display()
                    );
                    let help = "a story is shown once on a front: remove one of the two".into();
                    warnings.push(warn(listed.line, (why, help)));
                    continue;
                }
                seen.push((i, listed.line));
                match key {
                    "lead" => picks.lead = Some(i),
                    _ => picks.top.push(i),
                }
            }
            match section {
                None => fronts.home = picks,
                Some(slug) => {
                    fronts.sections.insert(slug.to_string(), picks);
                }
            }
        }
        if let Some(strip) = self.breaking.as_ref().filter(|s| s.until > *now) {
            fronts.ends.push(strip.until.timestamp());
            fronts.breaking = Some(strip.clone());
        }
        fronts
    }
}

/// What a build holds, to find the stories `_fronts.toml` names.
struct Lookup<'a> {
    published: &'a [Arc<Article>],
    /// Each published story's index, by its file.
    index: HashMap<&'a Path, usize>,
    files: &'a BTreeMap<PathBuf, ParsedFile>,
    options: &'a LoadOptions,
    now: &'a Zoned,
}

impl Lookup<'_> {
    /// The published story `written` names, fit for the front of `section` (the home page's
    /// when `None`); or why it is left out, and what to do.
    fn story(&self, written: &str, section: Option<&str>) -> Result<usize, (String, String)> {
        let fills = "the front fills from the newest stories";
        let Some(source) = story_file(written, |p| self.files.contains_key(p)) else {
            let known: Vec<String> = self
                .files
                .keys()
                .filter_map(|p| p.strip_prefix("content").ok())
                .map(|p| p.to_string_lossy().into_owned())
                .collect();
            let known: Vec<&str> = known.iter().map(String::as_str).collect();
            let help = match closest(written, &known) {
                Some(near) => format!("did you mean \"{near}\"? {fills}"),
                None => {
                    format!("name a file under content/, as \"world/2025-05-28-story.md\"; {fills}")
                }
            };
            return Err((format!("there is no story content/{written}"), help));
        };
        let shown = source.display();
        let Some(&i) = self.index.get(source.as_path()) else {
            let why = match self.files.get(&source).map(|f| (f, f.result.as_ref())) {
                Some((_, Ok(a))) => match self.options.standing(a, self.now) {
                    Standing::Draft => "is a draft".to_string(),
                    Standing::Scheduled => format!(
                        "is scheduled for {}: it takes its place then",
                        dates::display(&a.date, None)
                    ),
                    Standing::Expired => "has expired".to_string(),
                    Standing::Published => "is not published".to_string(),
                },
                Some((f, Err(_))) if f.draft => "is a draft".to_string(),
                _ => "has errors".to_string(),
            };
            let help = format!("{fills}; name a published story to choose another");
            return Err((format!("{shown} {why}, so it is left out"), help));
        };
        let own = &self.published[i].section.slug;
        match section {
            Some(slug) if own != slug => Err((
                format!("{shown} is in the section `{own}`, not `{slug}`, so it is left out"),
                format!("a section front shows its own stories; put it on [home] or [{own}]"),
            )),
            _ => Ok(i),
        }
    }
}

/// The story file a name in `_fronts.toml` means (`world/x.md` under content/, or written with
/// `content/` before it), if `exists` knows it.
fn story_file(written: &str, exists: impl Fn(&Path) -> bool) -> Option<PathBuf> {
    let under = Path::new("content").join(written);
    if exists(&under) {
        return Some(under);
    }
    let as_written = PathBuf::from(written);
    (written.starts_with("content/") && exists(&as_written)).then_some(as_written)
}
