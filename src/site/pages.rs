//! Standing pages (`content/_pages/NAME.md`): the newsroom's pages that are not stories (about
//! us, the ethics policy, corrections policy), each at `/NAME/`, some in the header or
//! footer menu.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::Diagnostic;
use crate::diagnostics::line_column;
use crate::site::article::split;
use crate::site::body::Reference;
use crate::site::settings::{key_offset, toml_error};
use crate::site::{body, closest, slug::slugify};

/// Where standing pages live, relative to the site folder.
pub const FOLDER: &str = "content/_pages";

/// The front-matter keys of a standing page.
const KNOWN_KEYS: &[&str] = &["title", "summary", "menu", "weight"];

/// The menus a standing page can be listed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Menu {
    Header,
    Footer,
}

/// A standing page, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StandingPage {
    /// The file, relative to the site folder (`content/_pages/about.md`).
    pub source: PathBuf,
    /// The page's path (`/about/`).
    pub url: String,
    pub title: String,
    /// The standfirst, plain text; the first paragraph when the front matter has none.
    pub summary: String,
    /// The body as HTML.
    pub html: String,
    pub menu: Option<Menu>,
    /// The page's place in its menu: lower first, then by title.
    pub weight: i64,
    /// The body's links and images, at their lines and columns of the file: what
    /// `newsdesk check` looks up.
    pub references: Vec<(usize, usize, Reference)>,
}

#[derive(Deserialize)]
struct FrontMatter {
    title: Option<Spanned<String>>,
    summary: Option<String>,
    menu: Option<Spanned<String>>,
    #[serde(default)]
    weight: i64,
}

/// Reads every standing page of the site in `root`, by address; problems go to `diagnostics`.
pub fn load(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<StandingPage> {
    let Ok(entries) = std::fs::read_dir(root.join(FOLDER)) else {
        return Vec::new();
    };
    let mut sources: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .map(|e| Path::new(FOLDER).join(e.file_name()))
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    sources.sort();
    let mut pages = Vec::new();
    for source in sources {
        if source.extension().is_none_or(|e| e != "md") {
            if root.join(&source).is_file() {
                diagnostics.push(
                    Diagnostic::warning(&source, "not a standing page: it is left out")
                        .help("a standing page is a Markdown file, content/_pages/NAME.md"),
                );
            }
            continue;
        }
        match std::fs::read(root.join(&source)) {
            Ok(bytes) => match parse(&source, &bytes, diagnostics) {
                Ok(page) => pages.push(page),
                Err(errors) => diagnostics.extend(errors),
            },
            Err(e) => diagnostics.push(Diagnostic::error(&source, format!("cannot read: {e}"))),
        }
    }
    pages.sort_by(|a, b| a.url.cmp(&b.url));
    pages
}

/// Reads one standing page (`source` relative to the site); warnings go to `warnings`.
pub fn parse(
    source: &Path,
    bytes: &[u8],
    warnings: &mut Vec<Diagnostic>,
) -> Result<StandingPage, Vec<Diagnostic>> {
    let at = |d: Diagnostic| Diagnostic {
        path: source.to_path_buf(),
        ..d
    };
    let text = std::str::from_utf8(bytes).map_err(|_| {
        vec![at(Diagnostic::error("", "the file is not UTF-8 text")
            .help("save the file as UTF-8 in your editor"))]
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let parts = split(text).map_err(|d| vec![at(d)])?;
    let offset = |o: usize| parts.front_offset + o;
    let table: toml::Table = toml::from_str(parts.front)
        .map_err(|e| vec![at(toml_error("", text, parts.front_offset, &e))])?;
    for key in table.keys().filter(|k| !KNOWN_KEYS.contains(&k.as_str())) {
        let mut d = Diagnostic::warning("", format!("unknown front-matter key `{key}`"));
        if let Some(o) = key_offset(parts.front, key) {
            d = d.at_offset(text, offset(o));
        }
        d = match closest(key, KNOWN_KEYS) {
            Some(known) => d.help(format!("did you mean `{known}`?")),
            None => d.help(format!("a standing page takes {}", KNOWN_KEYS.join(", "))),
        };
        warnings.push(at(d));
    }
    let fm: FrontMatter = toml::from_str(parts.front)
        .map_err(|e| vec![at(toml_error("", text, parts.front_offset, &e))])?;
    let mut errors = Vec::new();
    let stem = source
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = slugify(&stem);
    if name.is_empty() {
        errors.push(at(Diagnostic::error(
            "",
            "the file's name has no letters or digits",
        )
        .help(
            "name it for its address: content/_pages/about.md is the page /about/",
        )));
    }
    let title = match &fm.title {
        Some(t) if !t.get_ref().trim().is_empty() => body::smart(t.get_ref().trim()),
        _ => {
            errors.push(at(Diagnostic::error("", "the page has no title")
                .at(1, 1)
                .help("add title = \"...\" to its front matter")));
            String::new()
        }
    };
    let menu = match &fm.menu {
        None => None,
        Some(m) => match m.get_ref().trim() {
            "header" => Some(Menu::Header),
            "footer" => Some(Menu::Footer),
            other => {
                errors.push(at(Diagnostic::error(
                    "",
                    format!("menu cannot be `{other}`"),
                )
                .at_offset(text, offset(m.span().start))
                .help("write menu = \"header\" or menu = \"footer\", or leave it out")));
                None
            }
        },
    };
    let rendered = body::markdown(parts.body, None);
    for (o, refused) in &rendered.refused {
        errors.push(at(Diagnostic::error("", refused.message.clone())
            .help(refused.help.clone())
            .at_offset(text, parts.body_offset + o)));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let summary = match fm.summary.as_deref().map(str::trim) {
        Some(s) if !s.is_empty() => body::smart(s),
        _ => rendered.lead.clone(),
    };
    let references = rendered
        .references
        .into_iter()
        .map(|(o, reference)| {
            let (line, column) = line_column(text, parts.body_offset + o);
            (line, column, reference)
        })
        .collect();
    Ok(StandingPage {
        source: source.to_path_buf(),
        url: format!("/{name}/"),
        title,
        summary,
        html: rendered.html,
        menu,
        weight: fm.weight,
        references,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_without_a_title_is_an_error_at_its_first_line() {
        let errors = parse(
            Path::new("content/_pages/about.md"),
            b"+++\nmenu = \"header\"\n+++\nWho we are.\n",
            &mut Vec::new(),
        )
        .unwrap_err();
        assert_eq!(errors[0].message, "the page has no title");
        assert_eq!(errors[0].line, Some(1));
    }

    #[test]
    fn a_page_is_at_its_name() {
        let page = parse(
            Path::new("content/_pages/ethics.md"),
            b"+++\ntitle = \"Ethics\"\nmenu = \"footer\"\nweight = 2\n+++\nWe check.\n",
            &mut Vec::new(),
        )
        .unwrap();
        assert_eq!(page.url, "/ethics/");
        assert_eq!(page.menu, Some(Menu::Footer));
        assert_eq!(page.summary, "We check.");
    }
}
