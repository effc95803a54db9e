//! Reading `_fronts.toml`: each table's keys, with every mistake at its line and what to
//! write instead.

use std::ops::Range;

use jiff::ZonedDateTime as Zoned;
use jiff::tz::TimeZone;
use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

use super::{BREAKING, BREAKING_KEYS, Choice, FRONT_KEYS, FrontsFile, HOME, Listed, PATH, Strip};
use crate::diagnostics::Diagnostic;
use crate::site::settings::toml_error;
use crate::site::slug::slugify;
use crate::site::{address, closest, dates};

/// Reads the file's text; problems are reported against [`PATH`].
pub(super) fn parse(text: &str, tz: &TimeZone, diagnostics: &mut Vec<Diagnostic>) -> FrontsFile {
    let document = match DeTable::parse(text) {
        Ok(t) => t.into_inner(),
        Err(e) => {
            diagnostics.push(toml_error(PATH, text, 0, &e));
            return FrontsFile::default();
        }
    };
    let mut file = FrontsFile::default();
    let mut tables: Vec<_> = document.iter().collect();
    tables.sort_by_key(|(k, _)| k.span().start);
    for (key, value) in tables {
        let name = key.get_ref().as_ref();
        let Some(entries) = value.get_ref().as_table() else {
            diagnostics.push(
                Diagnostic::error(PATH, format!("`{name}` is outside a table"))
                    .at_offset(text, key.span().start)
                    .help(format!("write it under [home], [<section>] or [breaking]: [home] on its own line, then {name} = ...")),
            );
            continue;
        };
        let mut entries: Vec<_> = entries.iter().collect();
        entries.sort_by_key(|(k, _)| k.span().start);
        let mut table = Table {
            text,
            name,
            header: key.span(),
            entries,
            diagnostics,
        };
        if name == BREAKING {
            table.known(BREAKING_KEYS);
            file.breaking = table.strip(tz);
            continue;
        }
        table.known(FRONT_KEYS);
        let front = if name == HOME {
            HOME.to_string()
        } else {
            slugify(name)
        };
        if let Some(first) = file.fronts.iter().find(|c| c.front == front) {
            let message = format!(
                "[{name}] is the same front as [{}] on line {}",
                first.name, first.line
            );
            table.error(key.span(), message, "write each front's table once");
            continue;
        }
        let lead = table.story("lead");
        file.fronts.push(Choice {
            front,
            name: name.to_string(),
            line: table.line(key.span()),
            lead,
            top: table.stories("top"),
            until: table.until(tz),
        });
    }
    file
}

/// One table of the file as it is read, placing its problems at their lines.
struct Table<'a, 'i> {
    text: &'a str,
    name: &'a str,
    /// Where the table's name is, in its `[name]` header.
    header: Range<usize>,
    entries: Vec<(&'a Spanned<DeString<'i>>, &'a Spanned<DeValue<'i>>)>,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl<'a, 'i> Table<'a, 'i> {
    fn line(&self, span: Range<usize>) -> usize {
        crate::diagnostics::line_column(self.text, span.start).0
    }

    fn error(&mut self, span: Range<usize>, message: String, help: &str) {
        let d = Diagnostic::error(PATH, message).at_offset(self.text, span.start);
        self.diagnostics.push(d.help(help));
    }

    fn get(&self, key: &str) -> Option<&'a Spanned<DeValue<'i>>> {
        let found = self.entries.iter().find(|(k, _)| k.get_ref() == key);
        found.map(|(_, v)| *v)
    }

    /// Reports the keys that are not `known`, with the closest known one.
    fn known(&mut self, known: &[&str]) {
        let unknown: Vec<(String, Range<usize>)> = self
            .entries
            .iter()
            .filter(|(k, _)| !known.contains(&k.get_ref().as_ref()))
            .map(|(k, _)| (k.get_ref().to_string(), k.span()))
            .collect();
        for (key, span) in unknown {
            let takes = format!("[{}] takes {}", self.name, known.join(", "));
            let help = match closest(&key, known) {
                Some(near) => format!("did you mean `{near}`? {takes}"),
                None => takes,
            };
            self.error(
                span,
                format!("[{}] has no setting `{key}`", self.name),
                &help,
            );
        }
    }

    /// A key's text, or an error saying what to write (`example`).
    fn text(&mut self, key: &str, example: &str) -> Option<(String, usize)> {
        let value = self.get(key)?;
        let span = value.span();
        match value.get_ref().as_str().map(str::trim) {
            Some(t) if !t.is_empty() => Some((t.to_string(), self.line(span))),
            found => {
                let said = match found {
                    Some(_) => "empty".to_string(),
                    None => format!("a {}, not text", value.get_ref().type_str()),
                };
                let message = format!("[{}] {key} is {said}", self.name);
                self.error(span, message, &format!("write {key} = {example}"));
                None
            }
        }
    }

    /// The story a key names (`lead`).
    fn story(&mut self, key: &str) -> Option<Listed> {
        let example = "\"world/2025-05-28-sharif-aliyev-lachin.txt\", a file under content/";
        let (written, line) = self.text(key, example)?;
        Some(Listed { written, line })
    }

    /// The stories a key lists (`top`).
    fn stories(&mut self, key: &str) -> Vec<Listed> {
        let Some(value) = self.get(key) else {
            return Vec::new();
        };
        let list = value.get_ref().as_array();
        let names: Option<Vec<Listed>> = list.and_then(|items| {
            items
                .iter()
                .map(|item| {
                    let written = item.get_ref().as_str()?.trim().to_string();
                    Some(Listed {
                        written,
                        line: self.line(item.span()),
                    })
                })
                .collect()
        });
        names.unwrap_or_else(|| {
            let message = format!("[{}] {key} is a list of story files", self.name);
            let help = format!("write {key} = [\"business/2025-06-02-trans-caspian-pipeline-survey.md\", \"sport/2025-05-31-qarabag-aghdam-stadium.md\"]");
            self.error(value.span(), message, &help);
            Vec::new()
        })
    }

    /// The moment `until` names, read as front matter's dates are.
    fn until(&mut self, tz: &TimeZone) -> Option<Zoned> {
        let value = self.get("until")?;
        let span = value.span();
        let read = match value.get_ref() {
            DeValue::Datetime(d) => dates::from_toml(d, tz),
            DeValue::String(s) => dates::from_value(&toml::Value::String(s.to_string()), tz),
            other => Err(format!("a {} is not a date", other.type_str())),
        };
        let name = self.name;
        let message = |e: String| format!("[{name}] until: {e}");
        read.map_err(|e| {
            let help =
                "write until = 2025-06-13T02:00:00+04:00 (without an offset, the site's time zone)";
            self.error(span, message(e), help)
        })
        .ok()
    }

    /// `[breaking]`: its text, link and end, which it must have.
    fn strip(&mut self, tz: &TimeZone) -> Option<Strip> {
        let words = "\"Polls close in Baku; results expected after midnight\"";
        let text = self.text("text", words);
        if self.get("text").is_none() {
            let help = format!("add the strip's words under [breaking]: text = {words}");
            self.error(self.header.clone(), "[breaking] has no text".into(), &help);
        }
        let url = self.text("url", "\"/2025/06/12/polls-close/\"");
        let url = url.and_then(|(url, _)| match address::link(&url) {
            Some(refused) => {
                let span = self.get("url").map_or(self.header.clone(), Spanned::span);
                self.error(
                    span,
                    format!("[breaking] url: {}", refused.message),
                    &refused.help,
                );
                None
            }
            None => Some(url),
        });
        let until = if self.get("until").is_some() {
            self.until(tz)
        } else {
            let message = "[breaking] has no until: a strip runs until a set moment".to_string();
            let help = "add under [breaking] the moment it ends: until = 2025-06-13T02:00:00+04:00";
            self.error(self.header.clone(), message, help);
            None
        };
        Some(Strip {
            text: text?.0,
            url,
            until: until?,
        })
    }
}
