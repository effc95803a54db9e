//! What a writer may write as an address: the scheme rules for photos (`image`, Markdown and
//! HTML images in bodies) and for links in bodies. An address that would run code or embed a
//! document (`javascript:`, `data:`, `vbscript:` ...) never reaches a page.

/// A photo's address, once accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Photo<'a> {
    /// `/images/x.jpg`: a file under static/.
    Site(&'a str),
    /// `x.jpg`, `images/x.jpg`: read from the page's own address, as a browser reads it.
    Relative(&'a str),
    /// `https://...`: used as it is.
    Web(&'a str),
}

/// Why an address was refused, and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Refused {
    pub message: String,
    pub help: String,
}

/// Schemes that run code or embed a whole document where a link is followed.
const UNSAFE_SCHEMES: &[&str] = &["javascript", "vbscript", "data"];

/// What a photo address may be: a path under static/ (starting with `/`), a path read from the
/// page's address (not starting with `/`), or an `https://` URL. Plain `http://` is refused
/// too: browsers block or rewrite it on an https page, so the photo would break.
pub fn photo(address: &str) -> Result<Photo<'_>, Refused> {
    let address = address.trim();
    let help = "write a path under static/ (\"/images/photo.jpg\") or an https:// address";
    if address.contains(char::is_control) {
        return Err(Refused {
            message: format!("the photo address {address:?} contains a control character"),
            help: help.to_string(),
        });
    }
    match scheme(address).as_deref() {
        Some("https") => Ok(Photo::Web(address)),
        Some("http") => Err(Refused {
            message: format!("the photo {address} is on plain http://"),
            help: format!(
                "browsers block http:// photos on https pages: write https://{}, or copy the photo into static/",
                &address[address.find("//").map_or(0, |i| i + 2)..]
            ),
        }),
        Some(other) => Err(Refused {
            message: format!("a photo cannot be a `{other}:` address"),
            help: help.to_string(),
        }),
        None if address.starts_with("//") => Err(Refused {
            message: format!("the photo address {address} names another site without a scheme"),
            help: format!("write it with https: https:{address}"),
        }),
        None if address.starts_with('/') => Ok(Photo::Site(address)),
        None => Ok(Photo::Relative(address)),
    }
}

/// The reason a link in a body (`[text](href)`, `<a href>`) cannot be published, if any.
pub fn link(href: &str) -> Option<Refused> {
    let scheme = scheme(href)?;
    UNSAFE_SCHEMES.contains(&scheme.as_str()).then(|| Refused {
        message: format!("a link to a `{scheme}:` address would run in the reader's browser"),
        help: "link to a web page (https://...) or a page of this site (/world/...); remove the link if it has none".to_string(),
    })
}

/// The lower-case scheme of an address (`https`, `javascript`), read as a browser reads it:
/// tabs and line breaks inside are ignored, leading spaces and control characters skipped.
/// `None` for a path.
pub fn scheme(address: &str) -> Option<String> {
    let cleaned: String = address
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take_while(|c| !matches!(c, '/' | '?' | '#'))
        .collect();
    let (scheme, _) = cleaned.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// A relative photo path read from a page's address (`/2025/05/28/x/` + `lachin.jpg` ->
/// `/2025/05/28/x/lachin.jpg`); `None` when `..` climbs above the site.
pub fn resolve(page: &str, relative: &str) -> Option<String> {
    let mut segments: Vec<&str> = page.split('/').filter(|s| !s.is_empty()).collect();
    if !page.ends_with('/') {
        segments.pop();
    }
    let path = relative.split(['?', '#']).next().unwrap_or("");
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop()?;
            }
            s => segments.push(s),
        }
    }
    Some(format!("/{}", segments.join("/")))
}

/// The addresses in raw HTML that a browser follows or loads (`href`, `src` ...), with their
/// byte offsets in `html`; character references in them are decoded (`&#106;avascript:`).
pub fn in_html(html: &str) -> Vec<(usize, String)> {
    const ATTRIBUTES: &[&str] = &[
        "href",
        "src",
        "action",
        "formaction",
        "poster",
        "background",
        "xlink:href",
        "data",
    ];
    let lower = html.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(eq) = lower[at..].find('=').map(|i| at + i) {
        at = eq + 1;
        let name_end = lower[..eq].trim_end().len();
        let name_start = lower[..name_end]
            .rfind(|c: char| c.is_whitespace() || c == '<' || c == '"' || c == '\'')
            .map_or(0, |i| i + 1);
        if !ATTRIBUTES.contains(&&lower[name_start..name_end]) {
            continue;
        }
        let mut start = eq + 1;
        while start < bytes.len() && bytes[start].is_ascii_whitespace() {
            start += 1;
        }
        let (start, end) = match bytes.get(start) {
            Some(q @ (b'"' | b'\'')) => {
                let end = lower[start + 1..]
                    .find(*q as char)
                    .map_or(lower.len(), |i| start + 1 + i);
                (start + 1, end)
            }
            _ => {
                let end = lower[start..]
                    .find(|c: char| c.is_whitespace() || c == '>')
                    .map_or(lower.len(), |i| start + i);
                (start, end)
            }
        };
        out.push((start, decode_references(&html[start..end])));
        at = end.max(at);
    }
    out
}

/// `&#106;`, `&#x6A;`, `&colon;`, `&Tab;` and `&NewLine;` decoded: enough to see the scheme
/// an attribute really has.
fn decode_references(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    let mut out = String::new();
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|&e| e <= 12);
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
            } else if let Some(dec) = name.strip_prefix('#') {
                dec.parse().ok().and_then(char::from_u32)
            } else {
                match name {
                    "colon" => Some(':'),
                    "Tab" => Some('\t'),
                    "NewLine" => Some('\n'),
                    _ => None,
                }
            };
            c.map(|c| (c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photos_are_paths_or_https() {
        assert_eq!(photo("/images/x.png"), Ok(Photo::Site("/images/x.png")));
        assert_eq!(photo("x.png"), Ok(Photo::Relative("x.png")));
        assert_eq!(
            photo("https://cdn.example/x.png"),
            Ok(Photo::Web("https://cdn.example/x.png"))
        );
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>",
            "vbscript:x",
            "file:///etc/passwd",
            "http://example.com/x.png",
            "//example.com/x.png",
        ] {
            assert!(photo(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn links_that_run_code_are_refused() {
        assert!(link("javascript:alert(1)").is_some());
        assert!(link("DATA:text/html,x").is_some());
        assert!(link("mailto:desk@example.com").is_none());
        assert!(link("/world/").is_none());
        assert!(link("a:b/c").is_none());
        assert!(link("https://example.com/a:b").is_none());
    }

    #[test]
    fn relative_photos_are_read_from_the_page() {
        assert_eq!(
            resolve("/2025/05/28/x/", "lachin.jpg").as_deref(),
            Some("/2025/05/28/x/lachin.jpg")
        );
        assert_eq!(
            resolve("/2025/05/28/x/", "../../y.jpg").as_deref(),
            Some("/2025/05/y.jpg")
        );
        assert_eq!(resolve("/x/", "../../y.jpg"), None);
    }

    #[test]
    fn html_addresses_are_found_and_decoded() {
        let html = r#"<a title="data: none" href="&#106;avascript:alert(1)">x</a><img src=data:x>"#;
        let found: Vec<String> = in_html(html).into_iter().map(|(_, a)| a).collect();
        assert_eq!(found, ["javascript:alert(1)", "data:x"]);
    }
}
