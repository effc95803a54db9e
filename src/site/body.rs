//! Article bodies to HTML: Markdown for `.md` files, wire copy for `.txt` files.

use std::sync::LazyLock;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd, TextMergeStream};
use regex::Regex;

use crate::site::address::{self, Refused};
use crate::site::dateline::{self, LeadDateline};
use crate::site::words::Counter;

/// A body rendered for the page, with what the model needs to know about it.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Body {
    pub html: String,
    /// The first paragraph as plain text, without the dateline marker: the default summary.
    pub lead: String,
    /// The dateline the lead opens with, if any; it is marked up in `html`.
    pub dateline: Option<LeadDateline>,
    pub words: usize,
    /// A digest of `html`, to tell cheaply whether two renderings differ.
    pub digest: u64,
    /// Links and images whose address cannot be published (`javascript:` ...), with their
    /// byte offsets in the body: errors of the article.
    pub refused: Vec<(usize, Refused)>,
    /// The links and images of the body, with their byte offsets in it: what `newsdesk check`
    /// looks up. `article::parse` moves them to the article's marks, placed at their lines.
    pub references: Vec<(usize, Reference)>,
    /// The photos of the site that the body shows (`![alt](/images/x.jpg "caption")`), in
    /// order: `html` holds [`photo_slot`] where each goes, and the page puts the photo's
    /// copies there (`<picture>`), which the body cannot know when it is read.
    pub photos: Vec<BodyPhoto>,
}

/// A photo of the site shown in a body.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BodyPhoto {
    /// The address as written, and its byte offset in the body.
    pub written: String,
    pub at: usize,
    pub alt: String,
    /// The Markdown image's title, shown as its caption.
    pub caption: Option<String>,
    /// Alone in its paragraph: shown as a figure, with its caption.
    pub figure: bool,
    /// Its path on the site, once the article's address is known (`article::parse`).
    pub path: Option<String>,
}

/// What marks the place of the body's photo `n` in its HTML. A NUL never comes out of
/// Markdown (the parser replaces it), so a slot cannot be written by hand.
pub fn photo_slot(n: usize) -> String {
    format!("\u{0}{n}\u{0}")
}

/// `html` with each photo slot replaced by what `photo` makes of the photo at that index.
pub fn fill_photo_slots(html: &str, mut photo: impl FnMut(usize) -> String) -> String {
    let mut out = String::with_capacity(html.len() + 256);
    let mut parts = html.split('\u{0}');
    out.push_str(parts.next().unwrap_or_default());
    while let (Some(n), Some(rest)) = (parts.next(), parts.next()) {
        if let Ok(n) = n.parse() {
            out.push_str(&photo(n));
        }
        out.push_str(rest);
    }
    out
}

/// A link or an image of a body, as written.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Reference {
    /// A link's address: Markdown, an HTML `<a href>`, or a bare address in wire copy.
    Link(String),
    Image {
        src: String,
        /// `None` for an HTML `<img>` without an `alt` attribute.
        alt: Option<String>,
        /// Written `![alt](src)` rather than `<img>`.
        markdown: bool,
    },
}

static HTML_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?is)<(a|img)\b[^>]*>").expect("HTML tag pattern compiles"));
static ATTRIBUTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?is)\s([a-z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))"#)
        .expect("attribute pattern compiles")
});

/// Collects the links and images of a Markdown body (raw HTML `<a>` and `<img>` included)
/// from its events, as the body is rendered.
#[derive(Default)]
struct References {
    found: Vec<(usize, Reference)>,
    /// The image being read: where it starts, its address and its alt text so far.
    image: Option<(usize, String, String)>,
}

impl References {
    /// Notes what `event`, which starts at byte `start` of the body, links to or shows.
    fn see(&mut self, event: &Event, start: usize) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => self
                .found
                .push((start, Reference::Link(dest_url.to_string()))),
            Event::Start(Tag::Image { dest_url, .. }) => {
                self.image = Some((start, dest_url.to_string(), String::new()))
            }
            Event::Text(t) | Event::Code(t) if self.image.is_some() => {
                if let Some((_, _, alt)) = &mut self.image {
                    alt.push_str(t);
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some((at, src, alt)) = self.image.take() {
                    self.found.push((
                        at,
                        Reference::Image {
                            src,
                            alt: Some(alt),
                            markdown: true,
                        },
                    ));
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                for tag in HTML_TAG.captures_iter(html) {
                    let whole = tag.get(0).expect("a match has a whole");
                    let attr = |name: &str| {
                        ATTRIBUTE.captures_iter(whole.as_str()).find_map(|c| {
                            c[1].eq_ignore_ascii_case(name).then(|| {
                                c.get(2)
                                    .or(c.get(3))
                                    .or(c.get(4))
                                    .map_or(String::new(), |m| m.as_str().to_string())
                            })
                        })
                    };
                    let at = start + whole.start();
                    if tag[1].eq_ignore_ascii_case("img") {
                        if let Some(src) = attr("src") {
                            self.found.push((
                                at,
                                Reference::Image {
                                    src,
                                    alt: attr("alt"),
                                    markdown: false,
                                },
                            ));
                        }
                    } else if let Some(href) = attr("href") {
                        self.found.push((at, Reference::Link(href)));
                    }
                }
            }
            _ => {}
        }
    }
}

/// Why the address of a Markdown link or image, or of an address in raw HTML, cannot be
/// published.
fn refusal(event: &Event) -> Vec<(usize, Refused)> {
    match event {
        Event::Start(Tag::Link { dest_url, .. }) => address::link(dest_url)
            .map(|r| (0, r))
            .into_iter()
            .collect(),
        Event::Start(Tag::Image { dest_url, .. }) => address::photo(dest_url)
            .err()
            .map(|r| (0, r))
            .into_iter()
            .collect(),
        Event::Html(html) | Event::InlineHtml(html) => address::in_html(html)
            .into_iter()
            .filter_map(|(at, a)| address::link(&a).map(|r| (at, r)))
            .collect(),
        _ => Vec::new(),
    }
}

/// Where in `source` the refused addresses are: read again with offsets, which only a body
/// with a refused address pays for.
fn place_refused(source: &str, options: Options) -> Vec<(usize, Refused)> {
    Parser::new_ext(source, options)
        .into_offset_iter()
        .flat_map(|(event, range)| {
            refusal(&event)
                .into_iter()
                .map(move |(at, r)| (range.start + at, r))
        })
        .collect()
}

fn digest(html: &str) -> u64 {
    crate::digest::of_bytes(html.as_bytes())
}

/// How the marker at the start of the lead is shown.
fn dateline_html(marker: &str) -> String {
    let mut out = String::from("<span class=\"dateline\">");
    pulldown_cmark_escape::escape_html(&mut out, marker).expect("writing to a String");
    out.push_str("</span>");
    out
}

/// The Markdown of `.md` bodies: CommonMark with tables, footnotes, strikethrough and smart
/// punctuation. `newsdesk check` reads bodies with the same options as the build.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
}

/// `text` (a headline, a standfirst: plain text) with the punctuation a Markdown body gets:
/// curly quotes and apostrophes, en and em dashes, ellipses. Nothing else in it is read as
/// Markdown.
pub fn smart(text: &str) -> String {
    if !text.contains(['\'', '"', '-', '.']) {
        return text.to_string();
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    // Only digits so far: a `.` or `)` now would open a numbered list.
    let mut digits = true;
    for (i, c) in text.char_indices() {
        let list_mark = (i == 0 && c == '-') || (i > 0 && digits && matches!(c, '.' | ')'));
        if list_mark || (c.is_ascii_punctuation() && !matches!(c, '\'' | '"' | '-' | '.')) {
            escaped.push('\\');
        }
        digits &= c.is_ascii_digit();
        escaped.push(c);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for event in Parser::new_ext(&escaped, Options::ENABLE_SMART_PUNCTUATION) {
        match event {
            Event::Text(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out
}

/// CommonMark with tables, footnotes, strikethrough and smart punctuation. The words of the
/// text are counted into `said`, when given (search's `Article::words`).
pub fn markdown(source: &str, mut said: Option<&mut Counter>) -> Body {
    let options = markdown_options();
    let mut body = Body::default();
    let mut depth = 0usize; // paragraph nesting while inside the first paragraph
    let mut state = Lead::Before;
    let mut words = 0usize;
    let mut references = References::default();
    let mut image_starts = Vec::new();
    let parsed: Vec<Event> =
        TextMergeStream::new(Parser::new_ext(source, options).into_offset_iter().map(
            |(event, range)| {
                references.see(&event, range.start);
                if matches!(event, Event::Start(Tag::Image { .. })) {
                    image_starts.push(range.start);
                }
                event
            },
        ))
        .collect();
    body.references = references.found;
    let parsed = photo_slots(parsed, &image_starts, &mut body.photos);
    if parsed.iter().any(|e| !refusal(e).is_empty()) {
        body.refused = place_refused(source, options);
    }
    // The headline is the page's one <h1>: the body's top heading level becomes <h2>.
    let top = parsed
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as usize),
            _ => None,
        })
        .min()
        .unwrap_or(2);
    let shift = |level: HeadingLevel| {
        HeadingLevel::try_from((level as usize + 2 - top).min(6)).unwrap_or(HeadingLevel::H6)
    };
    // Each event becomes itself, changed, or (a dateline) two events.
    let events = parsed.into_iter().flat_map(|event| {
        let mut second = None;
        match &event {
            Event::Start(Tag::Paragraph) if state == Lead::Before && depth == 0 => {
                state = Lead::Inside;
            }
            Event::End(TagEnd::Paragraph) if state == Lead::Inside => state = Lead::After,
            Event::Start(
                Tag::BlockQuote(_) | Tag::List(_) | Tag::Table(_) | Tag::FootnoteDefinition(_),
            ) => depth += 1,
            Event::End(
                TagEnd::BlockQuote(_)
                | TagEnd::List(_)
                | TagEnd::Table
                | TagEnd::FootnoteDefinition,
            ) => depth = depth.saturating_sub(1),
            _ => {}
        }
        let first = match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Event::Start(Tag::Heading {
                level: shift(level),
                id,
                classes,
                attrs,
            }),
            Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(shift(level))),
            Event::Text(text) => {
                words += word_count(&text);
                if let Some(said) = said.as_deref_mut() {
                    said.add(&text);
                }
                let opening =
                    state == Lead::Inside && body.lead.is_empty() && body.dateline.is_none();
                if let Some(found) = opening.then(|| dateline::detect(&text)).flatten() {
                    let rest = &text[found.marker.len()..];
                    second = Some(Event::Text(rest.to_string().into()));
                    body.lead.push_str(rest.trim_start());
                    let marker = Event::InlineHtml(dateline_html(&found.marker).into());
                    body.dateline = Some(found);
                    marker
                } else {
                    if state == Lead::Inside {
                        body.lead.push_str(&text);
                    }
                    Event::Text(text)
                }
            }
            Event::Code(code) => {
                if state == Lead::Inside {
                    body.lead.push_str(&code);
                }
                words += word_count(&code);
                if let Some(said) = said.as_deref_mut() {
                    said.add(&code);
                }
                Event::Code(code)
            }
            Event::SoftBreak | Event::HardBreak if state == Lead::Inside => {
                body.lead.push(' ');
                event
            }
            other => other,
        };
        std::iter::once(first).chain(second)
    });
    pulldown_cmark::html::push_html(&mut body.html, events);
    // Kept for the whole build: at its length, not at the capacity it grew to.
    body.html.shrink_to_fit();
    body.words = words;
    body.lead = body.lead.trim().to_string();
    body.digest = digest(&body.html);
    body
}

/// `events` with each image of a photo of the site (a path, not an https:// address) made a
/// slot ([`photo_slot`]) noted in `photos`: a block of its own when the image is alone in its
/// paragraph (a figure), inline otherwise. `starts` are the byte offsets of the images.
fn photo_slots<'a>(
    events: Vec<Event<'a>>,
    starts: &[usize],
    photos: &mut Vec<BodyPhoto>,
) -> Vec<Event<'a>> {
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut images = starts.iter();
    let mut events = events.into_iter().peekable();
    while let Some(event) = events.next() {
        let Event::Start(Tag::Image {
            dest_url, title, ..
        }) = &event
        else {
            out.push(event);
            continue;
        };
        let at = images.next().copied().unwrap_or(0);
        let local = matches!(
            address::photo(dest_url),
            Ok(address::Photo::Site(_) | address::Photo::Relative(_))
        );
        if !local {
            out.push(event);
            continue;
        }
        let (written, title) = (dest_url.to_string(), title.to_string());
        let mut alt = String::new();
        for inner in events.by_ref() {
            match inner {
                Event::End(TagEnd::Image) => break,
                Event::Text(t) | Event::Code(t) => alt.push_str(&t),
                _ => {}
            }
        }
        let figure = matches!(out.last(), Some(Event::Start(Tag::Paragraph)))
            && matches!(events.peek(), Some(Event::End(TagEnd::Paragraph)));
        let slot = photo_slot(photos.len());
        photos.push(BodyPhoto {
            written,
            at,
            alt,
            caption: Some(title).filter(|t| !t.trim().is_empty()),
            figure,
            path: None,
        });
        if figure {
            out.pop();
            events.next();
            out.push(Event::Html(format!("{slot}\n").into()));
        } else {
            out.push(Event::InlineHtml(slot.into()));
        }
    }
    out
}

/// How many words `text` holds: runs of characters between whitespace, as
/// `text.split_whitespace().count()` counts them, looking at ASCII bytes without decoding.
fn word_count(text: &str) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for c in text.chars() {
        let space = if c.is_ascii() {
            matches!(c, ' ' | '\t' | '\n' | '\x0b' | '\x0c' | '\r')
        } else {
            c.is_whitespace()
        };
        if !space && !in_word {
            words += 1;
        }
        in_word = !space;
    }
    words
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum Lead {
    Before,
    Inside,
    After,
}

/// Wire copy: every non-empty line is a paragraph, escaped and never interpreted;
/// bare `http(s)://` addresses become links. The words are counted into `said`, when given.
pub fn wire(source: &str, mut said: Option<&mut Counter>) -> Body {
    let mut body = Body::default();
    for line in source.lines().map(str::trim).filter(|l| !l.is_empty()) {
        body.words += line.split_whitespace().count();
        if let Some(said) = said.as_deref_mut() {
            said.add(line);
        }
        body.html.push_str("<p>");
        let mut text = line;
        if body.lead.is_empty() {
            if let Some(found) = dateline::detect(line) {
                body.html.push_str(&dateline_html(&found.marker));
                text = &line[found.marker.len()..];
                body.dateline = Some(found);
            }
            body.lead = text.trim().to_string();
        }
        push_linked(&mut body.html, text);
        body.html.push_str("</p>\n");
    }
    // The addresses that become links, placed in the lines as written (before trimming).
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        for url in bare_urls(line) {
            let link = Reference::Link(line[url.clone()].to_string());
            body.references.push((offset + url.start, link));
        }
        offset += line.len();
    }
    body.html.shrink_to_fit();
    body.digest = digest(&body.html);
    body
}

/// Escapes `text` into `out`, turning bare web addresses into links.
fn push_linked(out: &mut String, text: &str) {
    let mut done = 0;
    for url in bare_urls(text) {
        escape(out, &text[done..url.start]);
        let url_text = &text[url.clone()];
        out.push_str("<a href=\"");
        escape(out, url_text);
        out.push_str("\">");
        escape(out, url_text);
        out.push_str("</a>");
        done = url.end;
    }
    escape(out, &text[done..]);
}

/// Where the bare `http://` and `https://` addresses of a line of wire copy are: the ones that
/// become links (sentence punctuation after an address is not part of it).
pub fn bare_urls(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(start) = ["https://", "http://"]
        .iter()
        .filter_map(|p| text[at..].find(p))
        .min()
    {
        let from = &text[at + start..];
        let len = from
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"'))
            .unwrap_or(from.len());
        let url = from[..len].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '\'', '”', '’']);
        // An address keeps at least its scheme (`http://` ends in `/`, which is never trimmed).
        out.push(at + start..at + start + url.len());
        at += start + url.len();
    }
    out
}

fn escape(out: &mut String, text: &str) {
    pulldown_cmark_escape::escape_html(out, text).expect("writing to a String");
}

#[cfg(test)]
mod tests {

    #[test]
    fn headlines_get_the_punctuation_of_bodies_and_nothing_else() {
        assert_eq!(
            smart("'Our hearts beat together'"),
            "\u{2018}Our hearts beat together\u{2019}"
        );
        assert_eq!(
            smart("\"Stone by stone\" -- and the rest..."),
            "\u{201c}Stone by stone\u{201d} \u{2013} and the rest\u{2026}"
        );
        assert_eq!(smart("Baku's mayor"), "Baku\u{2019}s mayor");
        // Markdown's other signs stay as written.
        for plain in [
            "#MeToo in *Lahore* <b> & [1] `x` _y_ 1. 2",
            "- a list? no",
            "> not a quote",
            "2025. A year",
            "3) Three",
        ] {
            // An apostrophe makes it go through the parser.
            let text = format!("{plain}, it's");
            assert_eq!(smart(&text), format!("{plain}, it\u{2019}s"));
        }
    }

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        for text in [
            "",
            "   ",
            "BAKU: the talks resumed",
            "  two\tspaced\nlines\r\n and a\x0bvertical\x0ctab ",
            "Laçın\u{a0}and\u{3000}Şuşa\u{2003}— «quoted»",
            "one",
        ] {
            assert_eq!(
                super::word_count(text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
    }

    use super::*;

    #[test]
    fn markdown_marks_up_the_dateline_and_keeps_the_lead() {
        let b = markdown("BAKU: Talks *began* today.\n\nSecond paragraph.\n", None);
        assert!(
            b.html
                .starts_with("<p><span class=\"dateline\">BAKU:</span> Talks <em>began</em>")
        );
        assert_eq!(b.lead, "Talks began today.");
        assert_eq!(b.dateline.unwrap().place, "Baku");
        assert_eq!(b.words, 6);
    }

    #[test]
    fn markdown_has_tables_footnotes_strikethrough_and_smart_quotes() {
        let b = markdown(
            "He said \"yes\"[^1] ~~no~~.\n\n|a|b|\n|-|-|\n|1|2|\n\n[^1]: A note.\n",
            None,
        );
        assert!(b.html.contains("“yes”"));
        assert!(b.html.contains("<del>no</del>"));
        assert!(b.html.contains("<table>"));
        assert!(b.html.contains("footnote"));
        let h = markdown("# Top\n\n## Next\n", None);
        assert_eq!(h.html, "<h2>Top</h2>\n<h3>Next</h3>\n");
        let h = markdown("## Sub\n\n### Subsub\n", None);
        assert_eq!(h.html, "<h2>Sub</h2>\n<h3>Subsub</h3>\n");
    }

    #[test]
    fn links_that_run_code_are_found_where_they_are() {
        let source = "Fine [link](/world/).\n\nBad [link](javascript:alert(1)) and\n<a href=\"data:text/html,x\">raw</a>\n\n![x](http://example.com/x.png)\n";
        let b = markdown(source, None);
        let at: Vec<usize> = b.refused.iter().map(|(at, _)| *at).collect();
        assert_eq!(at.len(), 3, "{:?}", b.refused);
        assert!(source[at[0]..].starts_with("[link](javascript"));
        assert!(source[at[1]..].starts_with("data:text/html"));
        assert!(source[at[2]..].starts_with("![x]"));
        assert!(
            markdown(
                "[a](https://x.example/) ![b](/i.png) <a href=\"/x/\">c</a>",
                None
            )
            .refused
            .is_empty()
        );
    }

    #[test]
    fn bodies_give_their_links_and_images_with_offsets() {
        let body =
            "See [the map](/locations/baku/#top) and ![](/images/x.png).\n\n<img src=\"/y.png\">\n";
        let summary: Vec<String> = markdown(body, None)
            .references
            .iter()
            .map(|(at, r)| match r {
                Reference::Link(href) => format!("link {at} {href}"),
                Reference::Image { src, alt, .. } => format!("image {at} {src} {alt:?}"),
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                "link 4 /locations/baku/#top",
                "image 40 /images/x.png Some(\"\")",
                "image 61 /y.png None"
            ]
        );
        let wire = wire("One.\nSee https://news.example.com/x/.\n", None).references;
        assert_eq!(
            wire,
            vec![(9, Reference::Link("https://news.example.com/x/".into()))]
        );
    }

    #[test]
    fn wire_copy_is_escaped_line_by_line() {
        let b = wire(
            "ISLAMABAD: A <b>bold</b> claim & more\n\nSee https://example.com/x.\n",
            None,
        );
        assert_eq!(
            b.html,
            "<p><span class=\"dateline\">ISLAMABAD:</span> A &lt;b&gt;bold&lt;/b&gt; claim &amp; more</p>\n\
             <p>See <a href=\"https://example.com/x\">https://example.com/x</a>.</p>\n"
        );
        assert_eq!(b.lead, "A <b>bold</b> claim & more");
    }
}
