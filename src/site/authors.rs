//! Author profiles (`content/_authors.toml`): who the names in bylines are, and the other
//! spellings bylines use for them.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::{Diagnostic, Severity};
use crate::site::article::{Article, Name};
use crate::site::gazetteer::header_offset;
use crate::site::photos::PhotoUse;
use crate::site::settings::{key_offset, toml_error};
use crate::site::{address, body, closest, slug::slugify};

/// Where the profiles live, relative to the site folder.
pub const PATH: &str = "content/_authors.toml";

/// The keys a profile takes; anything else is a warning naming the closest of these.
const KNOWN_KEYS: &[&str] = &["role", "bio", "photo", "email", "links", "aliases"];

/// What a newsroom says about one of its writers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// The name as the profile spells it: the one shown wherever the author is named.
    pub name: String,
    pub slug: String,
    pub role: Option<String>,
    /// The bio rendered from Markdown to HTML.
    pub bio: Option<String>,
    /// A path under static/ (`/images/authors/x.jpg`) or an https:// address.
    pub photo: Option<String>,
    pub email: Option<String>,
    /// The author's pages elsewhere (https:// addresses).
    pub links: Vec<String>,
    /// Where `photo` is written (line, column), for the error when static/ does not hold it.
    photo_at: Option<(usize, usize)>,
}

/// Every profile, by the slug of its name, and the slugs of the other spellings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profiles {
    by_slug: HashMap<String, Profile>,
    /// Alias slug -> profile slug.
    aliases: HashMap<String, String>,
}

#[derive(Deserialize)]
struct RawProfile {
    role: Option<String>,
    bio: Option<Spanned<String>>,
    photo: Option<Spanned<String>>,
    email: Option<Spanned<String>>,
    #[serde(default)]
    links: Vec<Spanned<String>>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
}

impl Profiles {
    /// Reads the profiles of the site in `root`; a site without the file has none.
    pub fn load(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Profiles {
        match crate::site::files::optional_text(root, PATH, diagnostics) {
            Some(text) => Profiles::parse(&text, diagnostics),
            None => Profiles::default(),
        }
    }

    /// Parses the text of `_authors.toml`; problems are reported against [`PATH`].
    pub fn parse(text: &str, diagnostics: &mut Vec<Diagnostic>) -> Profiles {
        let table: toml::Table = match toml::from_str(text) {
            Ok(t) => t,
            Err(e) => {
                diagnostics.push(toml_error(PATH, text, 0, &e));
                return Profiles::default();
            }
        };
        let at = |offset: usize, message: String| {
            Diagnostic::error(PATH, message).at_offset(text, offset)
        };
        let header = |name: &str| header_offset(text, name).unwrap_or(0);
        for (name, value) in &table {
            let Some(entry) = value.as_table() else {
                diagnostics.push(
                    at(
                        header(name),
                        format!("`{name}` should be a table of settings"),
                    )
                    .help(format!(
                        "write [\"{name}\"] on its own line, then role = \"...\", bio = \"...\""
                    )),
                );
                continue;
            };
            let start = header(name);
            for key in entry.keys().filter(|k| !KNOWN_KEYS.contains(&k.as_str())) {
                let offset = key_offset(&text[start..], key).map_or(start, |o| start + o);
                let help = match closest(key, KNOWN_KEYS) {
                    Some(known) => format!("did you mean `{known}`?"),
                    None => format!("a profile takes {}", KNOWN_KEYS.join(", ")),
                };
                diagnostics.push(Diagnostic {
                    severity: Severity::Warning,
                    ..at(
                        offset,
                        format!("the profile of `{name}` has an unknown setting `{key}`"),
                    )
                    .help(help)
                });
            }
        }
        let raw: BTreeMap<String, RawProfile> = match toml::from_str(text) {
            Ok(raw) => raw,
            Err(e) => {
                diagnostics.push(toml_error(PATH, text, 0, &e));
                return Profiles::default();
            }
        };
        let mut profiles = Profiles::default();
        for (written, raw) in raw {
            let name = written.trim().to_string();
            let slug = slugify(&name);
            if slug.is_empty() {
                diagnostics.push(at(
                    header(&written),
                    format!("author `{written}` is empty: it has no letters or digits"),
                ));
                continue;
            }
            let bio = raw.bio.map(|bio| {
                let rendered = body::markdown(bio.get_ref(), None);
                for (offset, refused) in &rendered.refused {
                    // The bio's text starts one character into its quoted value.
                    diagnostics.push(
                        at(bio.span().start + 1 + offset, refused.message.clone())
                            .help(refused.help.clone()),
                    );
                }
                rendered.html
            });
            let mut photo_at = None;
            let photo = raw.photo.and_then(|p| {
                let refused = match address::photo(p.get_ref()) {
                    Ok(address::Photo::Site(path) | address::Photo::Web(path)) => {
                        photo_at = Some(crate::diagnostics::line_column(text, p.span().start));
                        return Some(path.to_string());
                    }
                    Ok(address::Photo::Relative(path)) => address::Refused {
                        message: format!("the photo {path} of `{name}` is not a path of the site"),
                        help: format!(
                            "write it from the site's root: photo = \"/{path}\" for static/{path}"
                        ),
                    },
                    Err(refused) => refused,
                };
                diagnostics.push(at(p.span().start, refused.message).help(refused.help));
                None
            });
            let email = raw.email.and_then(|e| {
                let address = e.get_ref().trim();
                let plausible = address.split_once('@').is_some_and(|(user, host)| {
                    !user.is_empty() && host.contains('.') && !address.contains(char::is_whitespace)
                });
                if plausible {
                    Some(address.to_string())
                } else {
                    diagnostics.push(
                        at(
                            e.span().start,
                            format!("`{address}` is not an email address"),
                        )
                        .help("write it as email = \"name@example.com\""),
                    );
                    None
                }
            });
            let links = raw
                .links
                .iter()
                .filter_map(|l| {
                    let link = l.get_ref().trim();
                    if address::scheme(link).as_deref() == Some("https") {
                        Some(link.to_string())
                    } else {
                        diagnostics.push(
                            at(l.span().start, format!("the link {link} of `{name}` is not an https:// address"))
                                .help("write each link as a whole address: links = [\"https://example.social/@name\"]"),
                        );
                        None
                    }
                })
                .collect();
            for alias in &raw.aliases {
                let alias_slug = slugify(alias.get_ref());
                let here = |message: String| at(alias.span().start, message);
                if alias_slug.is_empty() {
                    diagnostics.push(here(format!("an alias of `{name}` is empty")));
                } else if let Some(other) = profiles
                    .aliases
                    .insert(alias_slug.clone(), slug.clone())
                    .filter(|o| *o != slug)
                {
                    diagnostics.push(here(format!(
                        "alias `{}` is given to both `{}` and `{name}`",
                        alias.get_ref(),
                        profiles
                            .by_slug
                            .get(&other)
                            .map_or(other.as_str(), |p| &p.name)
                    )));
                }
            }
            let profile = Profile {
                name,
                slug: slug.clone(),
                role: raw
                    .role
                    .map(|r| r.trim().to_string())
                    .filter(|r| !r.is_empty()),
                bio,
                photo,
                email,
                links,
                photo_at,
            };
            if profiles.by_slug.insert(slug, profile).is_some() {
                diagnostics.push(at(
                    header(&written),
                    format!("author `{written}` has two profiles"),
                ));
            }
        }
        let names_taken: Vec<(String, String)> = profiles
            .aliases
            .iter()
            .filter(|(alias, owner)| profiles.by_slug.contains_key(*alias) && alias != owner)
            .map(|(alias, owner)| (alias.clone(), owner.clone()))
            .collect();
        for (alias, owner) in names_taken {
            let (name, other) = (
                &profiles.by_slug[&owner].name,
                &profiles.by_slug[&alias].name,
            );
            diagnostics.push(
                at(
                    header(name),
                    format!("an alias of `{name}` is the name of `{other}`, who has a profile"),
                )
                .help("remove the alias, or merge the two profiles"),
            );
            profiles.aliases.remove(&alias);
        }
        profiles
    }

    /// The profile of the author with this slug (the profile's own name's slug).
    pub fn get(&self, slug: &str) -> Option<&Profile> {
        self.by_slug.get(slug)
    }

    /// The profile a byline's name (by its slug) stands for: by the profile's name or an alias.
    fn of(&self, slug: &str) -> Option<&Profile> {
        self.by_slug
            .get(slug)
            .or_else(|| self.by_slug.get(self.aliases.get(slug)?))
    }

    /// The article with each author that has a profile named as the profile names them: an
    /// alias becomes the profile's name, so the article counts for that author. The article
    /// itself when nothing changes.
    pub fn resolve(&self, article: &Arc<Article>) -> Arc<Article> {
        let named = |n: &Name| match self.of(&n.slug) {
            Some(p) => Name {
                text: p.name.clone(),
                slug: p.slug.clone(),
            },
            None => n.clone(),
        };
        let same = article.authors.iter().all(|n| {
            self.of(&n.slug)
                .is_none_or(|p| p.slug == n.slug && p.name == n.text)
        });
        if same {
            return article.clone();
        }
        let mut authors: Vec<Name> = Vec::new();
        for name in article.authors.iter().map(named) {
            if !authors.iter().any(|n| n.slug == name.slug) {
                authors.push(name);
            }
        }
        Arc::new(Article {
            authors,
            ..Article::clone(article)
        })
    }

    /// Where the profiles name photos of the site.
    pub fn photo_uses(&self) -> Vec<PhotoUse> {
        let mut uses: Vec<PhotoUse> = self
            .by_slug
            .values()
            .filter_map(|p| {
                let path = p.photo.as_deref().filter(|p| p.starts_with('/'))?;
                let (line, column) = p.photo_at?;
                Some(PhotoUse {
                    path: path.to_string(),
                    file: Path::new("static").join(path.trim_start_matches('/')),
                    written: path.to_string(),
                    source: PATH.into(),
                    field: crate::site::photos::Field::Profile,
                    line,
                    column,
                })
            })
            .collect();
        uses.sort_by_key(|u| u.line);
        uses
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_alias_names_the_profile_and_unknown_keys_are_warned() {
        let mut d = Vec::new();
        let p = Profiles::parse(
            "[\"Amina Khan\"]\nrole = \"Correspondent\"\naliases = [\"A. Khan\"]\nbios = \"x\"\n",
            &mut d,
        );
        assert_eq!(p.of("a-khan").map(|p| p.name.as_str()), Some("Amina Khan"));
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].line, Some(4));
        assert_eq!(d[0].help.as_deref(), Some("did you mean `bio`?"));
    }

    #[test]
    fn a_link_that_is_not_https_is_an_error_at_its_line() {
        let mut d = Vec::new();
        Profiles::parse(
            "[\"Omar Rahman\"]\n\nlinks = [\"http://x.example\"]\n",
            &mut d,
        );
        assert_eq!(d.len(), 1);
        assert!(d[0].is_error());
        assert_eq!(d[0].line, Some(3));
    }
}
