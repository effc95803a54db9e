//! The block tags of a template (`{% if %}`, `{% for %}`, `{% block %}`...) and whether
//! each is closed by the right tag: what tera's own "Unknown tag" and "Unexpected end of
//! input" leave out (which tag was left open, and on which line).

/// The tags that open a block, each with the tag that closes it.
const OPENERS: &[(&str, &str)] = &[
    ("if", "endif"),
    ("for", "endfor"),
    ("block", "endblock"),
    ("filter", "endfilter"),
    ("component", "endcomponent"),
    ("set", "endset"),
    ("set_global", "endset"),
];

/// Every tag tera knows, for "did you mean".
pub const TAGS: &[&str] = &[
    "if",
    "elif",
    "else",
    "endif",
    "for",
    "endfor",
    "block",
    "endblock",
    "filter",
    "endfilter",
    "component",
    "endcomponent",
    "set",
    "set_global",
    "endset",
    "include",
    "extends",
    "break",
    "continue",
    "raw",
    "endraw",
];

/// One `{% ... %}` tag as written.
#[derive(Debug, Clone)]
pub struct Tag {
    /// The tag's name (`if`, `endfor`, `<card` for a component call, `</card`).
    pub name: String,
    /// The whole tag as written, for messages.
    pub written: String,
    pub line: usize,
    pub column: usize,
}

impl Tag {
    /// The tag that closes this one, if it opens a block.
    fn closer(&self) -> Option<String> {
        if self.name.starts_with("</") {
            return None;
        }
        if let Some(component) = self.name.strip_prefix('<') {
            return Some(format!("</{component}"));
        }
        OPENERS
            .iter()
            .find(|(open, _)| *open == self.name)
            .map(|(_, close)| close.to_string())
    }

    fn closes_something(&self) -> bool {
        self.name.starts_with("</") || OPENERS.iter().any(|(_, close)| *close == self.name)
    }

    /// The tag that closes this one as written (`{% endif %}`, `{% </card> %}`).
    pub fn written_closer(&self) -> String {
        let closer = self.closer().unwrap_or_default();
        match closer.strip_prefix("</") {
            Some(component) => format!("{{% </{component}> %}}"),
            None => format!("{{% {closer} %}}"),
        }
    }
}

/// What the block scan found wrong.
#[derive(Debug)]
pub enum Imbalance {
    /// A block was still open when a tag closing an outer one, or the end of the file, came.
    Unclosed { open: Tag, found: Option<Tag> },
    /// A closing tag of the wrong kind.
    Mismatch { open: Tag, found: Tag },
    /// A closing tag with nothing open.
    Stray { found: Tag },
    /// An `else` or `elif` outside a block that takes one.
    Misplaced { found: Tag },
    /// A tag tera does not know, with the block open around it.
    Unknown { found: Tag, open: Option<Tag> },
}

/// The first imbalance of a template's block tags, if any.
pub fn balance(text: &str) -> Option<Imbalance> {
    let mut open: Vec<Tag> = Vec::new();
    for tag in tags(text) {
        let name = tag.name.as_str();
        if name == "else" || name == "elif" {
            let fits = open
                .last()
                .is_some_and(|t| t.name == "if" || (t.name == "for" && name == "else"));
            if !fits {
                return Some(Imbalance::Misplaced { found: tag });
            }
        } else if tag.closer().is_some() {
            open.push(tag);
        } else if tag.closes_something() {
            let closer = Some(tag.name.clone());
            match open.last() {
                None => return Some(Imbalance::Stray { found: tag }),
                Some(top) if top.closer() == closer => {
                    open.pop();
                }
                Some(top) => {
                    let top = top.clone();
                    return Some(if open.iter().any(|t| t.closer() == closer) {
                        Imbalance::Unclosed {
                            open: top,
                            found: Some(tag),
                        }
                    } else {
                        Imbalance::Mismatch {
                            open: top,
                            found: tag,
                        }
                    });
                }
            }
        } else if !TAGS.contains(&name) {
            return Some(Imbalance::Unknown {
                found: tag,
                open: open.last().cloned(),
            });
        }
    }
    open.pop()
        .map(|open| Imbalance::Unclosed { open, found: None })
}

/// The `{% ... %}` tags of a template, in order; comments, `{{ ... }}` and `{% raw %}`
/// blocks skipped. A capture `{% set x %}` is an opening tag; `{% set x = 1 %}` is not.
fn tags(text: &str) -> Vec<Tag> {
    let mut out = Vec::new();
    let mut at = 0;
    let mut in_raw = false;
    while let Some(found) = text[at..].find('{') {
        let start = at + found;
        let rest = &text[start..];
        let end = if rest.starts_with("{#") {
            rest.find("#}").map(|e| e + 2)
        } else if rest.starts_with("{{") {
            closing(rest, "}}")
        } else if rest.starts_with("{%") {
            closing(rest, "%}")
        } else {
            at = start + 1;
            continue;
        };
        let Some(end) = end else { break };
        if rest.starts_with("{%") {
            let inner = rest[2..end - 2]
                .trim_start_matches('-')
                .trim_end_matches('-')
                .trim();
            let word_end = inner
                .char_indices()
                .skip(1)
                .find(|(_, c)| !(c.is_alphanumeric() || *c == '_'))
                .map_or(inner.len(), |(i, _)| i);
            let mut name = inner[..word_end].to_string();
            if name == "<" && inner.starts_with("</") {
                name = "</".to_string();
            }
            if name.starts_with('<') {
                // A component call: `{% <card ...> %}` opens, `{% </card> %}` closes,
                // `{% <card/> %}` opens nothing.
                let closing_tag = inner.starts_with("</");
                let component: String = inner
                    .trim_start_matches("</")
                    .trim_start_matches('<')
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if inner.ends_with("/>") && !closing_tag {
                    at = start + end;
                    continue;
                }
                name = if closing_tag {
                    format!("</{component}")
                } else {
                    format!("<{component}")
                };
            }
            if name == "raw" {
                in_raw = true;
            } else if name == "endraw" {
                in_raw = false;
            } else if !in_raw {
                let capture = (name == "set" || name == "set_global") && {
                    // `{% set x = 1 %}` assigns; `{% set x %}...{% endset %}` captures.
                    let after = inner[name.len()..].trim_start();
                    let after = after.trim_start_matches(|c: char| c.is_alphanumeric() || c == '_');
                    !after.trim_start().starts_with('=')
                };
                if (name != "set" && name != "set_global") || capture {
                    let (line, column) = crate::diagnostics::line_column(text, start);
                    out.push(Tag {
                        name,
                        written: collapse(&rest[..end]),
                        line,
                        column,
                    });
                }
            }
        }
        at = start + end;
    }
    out
}

/// Where the delimiter `end` closes a tag that starts `rest` (past strings), as an offset
/// just after it.
fn closing(rest: &str, end: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in rest.char_indices().skip(2) {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' || c == '`' => quote = Some(c),
            None if rest[i..].starts_with(end) => return Some(i + end.len()),
            None => {}
        }
    }
    None
}

/// A tag on one line with single spaces, for messages.
fn collapse(tag: &str) -> String {
    tag.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str) -> String {
        format!("{:?}", balance(text))
    }

    #[test]
    fn balanced_templates_have_no_imbalance() {
        let text = "{% extends \"base.html\" %}{% block main %}{# {% if %} #}{% if a %}x{% elif b %}{% else %}{% endif %}\
            {% for x in y %}{{ \"%}\" }}{% else %}{% endfor %}{% set n = 1 %}{% set c %}x{% endset %}\
            {% raw %}{% if %}{% endraw %}{% <card a=1/> %}{% <box> %}x{% </box> %}{% endblock main %}";
        assert_eq!(scan(text), "None");
    }

    #[test]
    fn an_if_left_open_is_named_with_its_line() {
        let text = "{% block main %}\n{% if a %}\nx\n{% endblock main %}\n";
        let found = balance(text).unwrap();
        match found {
            Imbalance::Unclosed {
                open,
                found: Some(found),
            } => {
                assert_eq!((open.name.as_str(), open.line), ("if", 2));
                assert_eq!((found.name.as_str(), found.line), ("endblock", 4));
            }
            other => panic!("{other:?}"),
        }
        assert!(scan("{% for a in b %}\n").contains("Unclosed"));
        assert!(scan("{% if a %}{% endfor %}").contains("Mismatch"));
        assert!(scan("{% endif %}").contains("Stray"));
        assert!(scan("{% if a %}{% endfi %}").contains("Unknown"));
        assert!(scan("{% else %}").contains("Misplaced"));
    }
}
