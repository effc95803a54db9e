//! The built-in theme taken out into a site (`newsdesk theme`): which templates there are,
//! which ones the site replaces, and copies of them in the site's templates/ to edit. A user
//! with only the binary reads the theme this way.

use std::path::{Path, PathBuf};

use crate::editorial::article_file::create;
use crate::render::theme::built_in_templates;
use crate::site::closest;

/// The site's folder of templates, each replacing the built-in one of the same name.
pub const TEMPLATES: &str = "templates";

/// The theme as a site sees it.
#[derive(Debug)]
pub struct Listing {
    /// Every built-in template by name, with the site's file that replaces it, if any
    /// (relative to the site).
    pub built_in: Vec<(String, Option<PathBuf>)>,
    /// The site's templates that replace no built-in one (its own partials, or a misspelled
    /// name), each with the built-in name closest to it.
    pub own: Vec<(PathBuf, Option<String>)>,
    /// Whether the site has its own stylesheet (static/style.css) instead of the built-in one.
    pub own_stylesheet: bool,
}

/// Why templates could not be ejected. Nothing is written when any one is refused.
#[derive(Debug, thiserror::Error)]
pub enum EjectError {
    #[error("there is no built-in template `{name}`")]
    Unknown {
        name: String,
        /// The built-in name nearest to it.
        closest: Option<String>,
    },
    #[error("{} already there", list(.0))]
    Exists(Vec<PathBuf>),
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

fn list(paths: &[PathBuf]) -> String {
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    match names.as_slice() {
        [one] => format!("{one} is"),
        _ => format!("{} are", names.join(", ")),
    }
}

/// The built-in templates and the site's own (in `root`).
pub fn listing(root: &Path) -> Listing {
    let names: Vec<String> = built_in_templates().into_iter().map(|(n, _)| n).collect();
    let own_names = site_templates(root);
    let built_in = names
        .iter()
        .map(|name| {
            let replaced = own_names
                .contains(name)
                .then(|| Path::new(TEMPLATES).join(name));
            (name.clone(), replaced)
        })
        .collect();
    let own = own_names
        .iter()
        .filter(|n| !names.contains(n))
        .map(|n| (Path::new(TEMPLATES).join(n), nearest(n, &names)))
        .collect();
    Listing {
        built_in,
        own,
        own_stylesheet: root.join("static/style.css").is_file(),
    }
}

/// The built-in template whose name a site's template most likely misspells: one in the same
/// folder with a file name close to its own (`articel.html` -> `article.html`).
fn nearest(name: &str, names: &[String]) -> Option<String> {
    let split = |n: &str| -> (String, String) {
        match n.rsplit_once('/') {
            Some((folder, file)) => (folder.to_string(), file.to_string()),
            None => (String::new(), n.to_string()),
        }
    };
    let (folder, file) = split(name);
    let beside: Vec<(String, String)> = names
        .iter()
        .map(|n| split(n))
        .filter(|(f, _)| *f == folder)
        .collect();
    let files: Vec<&str> = beside.iter().map(|(_, f)| f.as_str()).collect();
    let near = closest(&file, &files)?;
    Some(if folder.is_empty() {
        near.to_string()
    } else {
        format!("{folder}/{near}")
    })
}

/// The names of the site's templates (`article.html`, `partials/card.html`), A-Z.
fn site_templates(root: &Path) -> Vec<String> {
    let dir = root.join(TEMPLATES);
    let mut out: Vec<String> = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(|e| {
            let name = e.path().strip_prefix(&dir).ok()?;
            Some(name.to_string_lossy().replace('\\', "/"))
        })
        .collect();
    out.sort();
    out
}

/// The built-in template a name given on the command line means: `article.html`, `article`,
/// `templates/article.html`, `card.html` (for `partials/card.html`).
fn resolve(name: &str, names: &[String]) -> Result<String, EjectError> {
    let bare = name.trim().trim_start_matches("./").replace('\\', "/");
    let bare = bare.strip_prefix("templates/").unwrap_or(&bare);
    let candidates = [
        bare.to_string(),
        format!("{bare}.html"),
        format!("{bare}.xml"),
    ];
    if let Some(found) = candidates.iter().find(|c| names.contains(c)) {
        return Ok(found.clone());
    }
    let by_file_name: Vec<&String> = names
        .iter()
        .filter(|n| {
            let file = n.rsplit('/').next().unwrap_or(n);
            candidates.iter().any(|c| c == file)
        })
        .collect();
    if let [one] = by_file_name.as_slice() {
        return Ok((*one).clone());
    }
    let known: Vec<&str> = names.iter().map(String::as_str).collect();
    let near = closest(bare, &known)
        .or_else(|| closest(&format!("{bare}.html"), &known))
        .map(str::to_string);
    Err(EjectError::Unknown {
        name: name.to_string(),
        closest: near,
    })
}

/// Copies built-in templates into the site's templates/ (in `root`): the ones named, or all of
/// them when `names` is empty. A file that is already there is refused, and then nothing is
/// written, unless `force`. Returns the files written, relative to the site.
pub fn eject(root: &Path, names: &[String], force: bool) -> Result<Vec<PathBuf>, EjectError> {
    let templates = built_in_templates();
    let all: Vec<String> = templates.iter().map(|(n, _)| n.clone()).collect();
    let mut chosen: Vec<String> = if names.is_empty() {
        all.clone()
    } else {
        names
            .iter()
            .map(|n| resolve(n, &all))
            .collect::<Result<_, _>>()?
    };
    chosen.sort();
    chosen.dedup();
    let files: Vec<(PathBuf, &str)> = chosen
        .iter()
        .filter_map(|name| {
            let (_, text) = templates.iter().find(|(n, _)| n == name)?;
            Some((Path::new(TEMPLATES).join(name), *text))
        })
        .collect();
    let there: Vec<PathBuf> = files
        .iter()
        .filter(|(path, _)| root.join(path).exists())
        .map(|(path, _)| path.clone())
        .collect();
    if !force && !there.is_empty() {
        return Err(EjectError::Exists(there));
    }
    let mut written = Vec::new();
    for (path, text) in files {
        let full = root.join(&path);
        let result = if force {
            full.parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|()| std::fs::write(&full, text))
        } else {
            create(&full, text)
        };
        result.map_err(|source| EjectError::Write {
            path: path.clone(),
            source,
        })?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_is_found_by_its_name_with_or_without_folder_and_extension() {
        let names: Vec<String> = ["article.html", "feed.xml", "partials/card.html"]
            .map(String::from)
            .to_vec();
        let r = |n: &str| resolve(n, &names).ok();
        assert_eq!(r("article.html").as_deref(), Some("article.html"));
        assert_eq!(r("article").as_deref(), Some("article.html"));
        assert_eq!(r("templates/article.html").as_deref(), Some("article.html"));
        assert_eq!(r("feed").as_deref(), Some("feed.xml"));
        assert_eq!(r("card.html").as_deref(), Some("partials/card.html"));
        assert_eq!(r("partials/card").as_deref(), Some("partials/card.html"));
        match resolve("articel.html", &names) {
            Err(EjectError::Unknown { closest, .. }) => {
                assert_eq!(closest.as_deref(), Some("article.html"))
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_misspelled_template_is_near_the_built_in_one_beside_it_and_a_new_partial_near_none() {
        let names: Vec<String> = ["article.html", "partials/card.html", "partials/river.html"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            nearest("articel.html", &names).as_deref(),
            Some("article.html")
        );
        assert_eq!(
            nearest("partials/crad.html", &names).as_deref(),
            Some("partials/card.html")
        );
        assert_eq!(nearest("partials/byline.html", &names), None);
        assert_eq!(nearest("card.html", &names), None);
    }
}
