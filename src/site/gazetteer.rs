//! The gazetteer (`content/_locations.toml`): which place lies in which, and other names
//! for the same place.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::site::settings::toml_error;
use crate::site::slug::slugify;

/// Where the gazetteer lives, relative to the site folder.
pub const PATH: &str = "content/_locations.toml";

/// Places lie at most this many levels deep (world > continent > ... > neighbourhood is
/// about 8): every place's page shows the way up, so a deeper chain would make the pages
/// grow with the square of the gazetteer.
pub const MAX_DEPTH: usize = 20;

/// A place the gazetteer knows.
#[derive(Debug, Clone)]
pub struct KnownPlace {
    pub name: String,
    /// The slug of the place it lies in.
    pub parent: Option<String>,
    /// Other names of the place, as the gazetteer spells them.
    pub aliases: Vec<String>,
    /// The line of the place's `[Name]` table (none for a place named only as another's `in`).
    pub line: Option<usize>,
}

/// Places by slug, with their parents and aliases.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    places: HashMap<String, KnownPlace>,
    aliases: HashMap<String, String>,
}

impl Gazetteer {
    /// Reads the gazetteer of the site in `root`; a site without one has an empty gazetteer.
    pub fn load(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Gazetteer {
        match crate::site::files::optional_text(root, PATH, diagnostics) {
            Some(text) => Gazetteer::parse(&text, diagnostics),
            None => Gazetteer::default(),
        }
    }

    /// Parses a gazetteer's text; problems are reported against [`PATH`].
    pub fn parse(text: &str, diagnostics: &mut Vec<Diagnostic>) -> Gazetteer {
        let table: toml::Table = match toml::from_str(text) {
            Ok(t) => t,
            Err(e) => {
                diagnostics.push(toml_error(PATH, text, 0, &e));
                return Gazetteer::default();
            }
        };
        let mut g = Gazetteer::default();
        let here = |name: &str| {
            let d = Diagnostic::error(PATH, "");
            match header_offset(text, name) {
                Some(o) => d.at_offset(text, o),
                None => d,
            }
        };
        let mut parents: Vec<(String, String)> = Vec::new();
        for (name, value) in &table {
            let slug = slugify(name);
            if slug.is_empty() {
                diagnostics.push(Diagnostic {
                    message: format!("place `{name}` is empty: it has no letters or digits"),
                    ..here(name)
                });
                continue;
            }
            let Some(entry) = value.as_table() else {
                diagnostics.push(Diagnostic {
                    message: format!("`{name}` should be a table of settings"),
                    help: Some(format!(
                        "write [{name}] on its own line, then in = \"...\" and aliases = [...]"
                    )),
                    ..here(name)
                });
                continue;
            };
            let mut parent = None;
            let mut spellings = Vec::new();
            for (key, v) in entry {
                match (key.as_str(), v) {
                    ("in", toml::Value::String(p)) => {
                        let p_slug = slugify(p);
                        if p_slug.is_empty() {
                            diagnostics.push(Diagnostic {
                                message: format!("`{name}` is in an empty place"),
                                ..here(name)
                            });
                        } else {
                            parents.push((p_slug.clone(), p.trim().to_string()));
                            parent = Some(p_slug);
                        }
                    }
                    ("aliases", toml::Value::Array(list)) => {
                        for alias in list {
                            match alias.as_str().map(slugify) {
                                Some(a) if !a.is_empty() => {
                                    spellings.push(
                                        alias.as_str().unwrap_or_default().trim().to_string(),
                                    );
                                    if let Some(other) = g
                                        .aliases
                                        .insert(a.clone(), slug.clone())
                                        .filter(|o| *o != slug)
                                    {
                                        diagnostics.push(Diagnostic {
                                            message: format!("alias `{}` is given to both `{other}` and `{name}`", alias.as_str().unwrap_or_default()),
                                            ..here(name)
                                        });
                                    }
                                }
                                _ => diagnostics.push(Diagnostic {
                                    message: format!("an alias of `{name}` is empty or not text"),
                                    ..here(name)
                                }),
                            }
                        }
                    }
                    _ => diagnostics.push(Diagnostic {
                        severity: crate::diagnostics::Severity::Warning,
                        message: format!("`{name}` has an unknown setting `{key}`"),
                        help: Some(
                            "a place takes in = \"Country\" and aliases = [\"Other name\"]".into(),
                        ),
                        ..here(name)
                    }),
                }
            }
            if g.places
                .insert(
                    slug.clone(),
                    KnownPlace {
                        name: name.trim().to_string(),
                        parent,
                        aliases: spellings,
                        line: here(name).line,
                    },
                )
                .is_some()
            {
                diagnostics.push(Diagnostic {
                    message: format!("place `{name}` is listed twice"),
                    ..here(name)
                });
            }
        }
        // A place named only as the container of others is a place too.
        for (slug, name) in parents {
            g.places.entry(slug).or_insert(KnownPlace {
                name,
                parent: None,
                aliases: Vec::new(),
                line: None,
            });
        }
        for (alias, place) in g.aliases.clone() {
            if g.places.contains_key(&alias) && alias != place {
                diagnostics.push(Diagnostic {
                    message: format!(
                        "alias `{alias}` of `{}` is itself a place",
                        g.places[&place].name
                    ),
                    help: Some("remove the alias, or merge the two places".into()),
                    ..here(&g.places[&place].name)
                });
                g.aliases.remove(&alias);
            }
        }
        g.break_cycles(text, diagnostics);
        g.check_depth(text, diagnostics);
        g
    }

    /// Reports the places that lie more than [`MAX_DEPTH`] levels deep (once a branch, at
    /// the first place too deep). Cycles must be broken first.
    fn check_depth(&self, text: &str, diagnostics: &mut Vec<Diagnostic>) {
        let mut depth: HashMap<&str, usize> = HashMap::new();
        let mut slugs: Vec<&str> = self.places.keys().map(String::as_str).collect();
        slugs.sort();
        for &start in &slugs {
            let mut path = Vec::new();
            let mut base = 0;
            let mut current = Some(start);
            while let Some(slug) = current {
                if let Some(&d) = depth.get(slug) {
                    base = d;
                    break;
                }
                path.push(slug);
                current = self.places.get(slug).and_then(|p| p.parent.as_deref());
            }
            for (k, slug) in path.into_iter().rev().enumerate() {
                depth.insert(slug, base + k + 1);
            }
        }
        for slug in slugs.into_iter().filter(|s| depth[s] == MAX_DEPTH + 1) {
            let name = &self.places[slug].name;
            let mut d = Diagnostic::error(
                PATH,
                format!("`{name}` lies more than {MAX_DEPTH} places deep in the gazetteer"),
            )
            .help("a place's page shows the way up to the outermost place: keep the chain of `in` to the places readers know");
            if let Some(o) = header_offset(text, name) {
                d = d.at_offset(text, o);
            }
            diagnostics.push(d);
        }
    }

    /// Reports every cycle of `in` (naming its places) and cuts it so that later walks end.
    fn break_cycles(&mut self, text: &str, diagnostics: &mut Vec<Diagnostic>) {
        let mut done: HashSet<String> = HashSet::new();
        let mut slugs: Vec<String> = self.places.keys().cloned().collect();
        slugs.sort();
        for start in slugs {
            let mut path: Vec<String> = Vec::new();
            let mut current = Some(start.clone());
            while let Some(slug) = current {
                if done.contains(&slug) {
                    break;
                }
                if let Some(pos) = path.iter().position(|s| *s == slug) {
                    let cycle = &path[pos..];
                    let names: Vec<&str> =
                        cycle.iter().map(|s| self.places[s].name.as_str()).collect();
                    let first = names[0].to_string();
                    let mut d = Diagnostic::error(
                        PATH,
                        format!(
                            "places are inside each other in a circle: {} -> {first}",
                            names.join(" -> ")
                        ),
                    )
                    .help("a place can't lie inside itself; fix the `in` of one of them");
                    if let Some(o) = header_offset(text, &first) {
                        d = d.at_offset(text, o);
                    }
                    diagnostics.push(d);
                    let cut = cycle[0].clone();
                    if let Some(p) = self.places.get_mut(&cut) {
                        p.parent = None;
                    }
                    break;
                }
                path.push(slug.clone());
                current = self.places.get(&slug).and_then(|p| p.parent.clone());
            }
            done.extend(path);
        }
    }

    /// The place's own slug for a slug that may be an alias.
    pub fn canonical<'a>(&'a self, slug: &'a str) -> &'a str {
        self.aliases.get(slug).map_or(slug, String::as_str)
    }

    /// The place the gazetteer knows by this (canonical) slug.
    pub fn get(&self, slug: &str) -> Option<&KnownPlace> {
        self.places.get(slug)
    }

    /// Every place, by slug, in no particular order.
    pub fn places(&self) -> impl Iterator<Item = (&str, &KnownPlace)> {
        self.places.iter().map(|(slug, p)| (slug.as_str(), p))
    }

    /// Every name a place goes by (its own and its aliases, as spelled in the gazetteer), each
    /// with the slug of its place: what `newsdesk import` looks for in wire copy.
    pub fn names(&self) -> impl Iterator<Item = (&str, &str)> {
        self.places.iter().flat_map(|(slug, p)| {
            std::iter::once(p.name.as_str())
                .chain(p.aliases.iter().map(String::as_str))
                .map(move |name| (name, slug.as_str()))
        })
    }

    /// The names of each place that has aliases, its own first, sorted by the place's slug.
    pub fn name_groups(&self) -> Vec<Vec<String>> {
        let mut groups: Vec<(&str, Vec<String>)> = self
            .places
            .iter()
            .filter(|(_, p)| !p.aliases.is_empty())
            .map(|(slug, p)| {
                let names = std::iter::once(&p.name).chain(&p.aliases).cloned();
                (slug.as_str(), names.collect())
            })
            .collect();
        groups.sort_unstable();
        groups.into_iter().map(|(_, names)| names).collect()
    }

    /// The slugs of the places around `slug`, innermost first.
    pub fn ancestors(&self, slug: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut current = self.places.get(slug).and_then(|p| p.parent.clone());
        while let Some(s) = current {
            if out.contains(&s) || s == slug {
                break;
            }
            current = self.places.get(&s).and_then(|p| p.parent.clone());
            out.push(s);
        }
        out
    }
}

/// The byte offset of the `[Name]` header of a place.
pub(crate) fn header_offset(text: &str, name: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if t.starts_with('[')
            && t.trim_start_matches('[')
                .trim_end_matches(']')
                .trim_matches(['"', '\''])
                == name
        {
            return Some(offset + (line.len() - line.trim_start().len()));
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_nest_at_any_depth_and_aliases_resolve() {
        let mut d = Vec::new();
        let g = Gazetteer::parse(
            "[Lachin]\nin = \"Azerbaijan\"\naliases = [\"Laçın\"]\n[Azerbaijan]\nin = \"South Caucasus\"\n",
            &mut d,
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(g.canonical("lacin"), "lachin");
        assert_eq!(g.ancestors("lachin"), vec!["azerbaijan", "south-caucasus"]);
        assert_eq!(g.get("south-caucasus").unwrap().name, "South Caucasus");
        assert_eq!(g.get("lachin").unwrap().line, Some(1));
        assert_eq!(g.get("azerbaijan").unwrap().line, Some(4));
        let mut names: Vec<(&str, &str)> = g.names().collect();
        names.sort();
        assert_eq!(
            names,
            vec![
                ("Azerbaijan", "azerbaijan"),
                ("Lachin", "lachin"),
                ("Laçın", "lachin"),
                ("South Caucasus", "south-caucasus")
            ]
        );
    }

    #[test]
    fn a_cycle_is_an_error_naming_the_places() {
        let mut d = Vec::new();
        let g = Gazetteer::parse(
            "[A1]\nin = \"B2\"\n[B2]\nin = \"C3\"\n[C3]\nin = \"A1\"\n",
            &mut d,
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(
            d[0].message.contains("A1 -> B2 -> C3 -> A1"),
            "{}",
            d[0].message
        );
        assert_eq!(d[0].line, Some(1));
        assert!(g.ancestors("a1").len() < 3);
    }
}
