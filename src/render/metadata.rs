//! Metadata for machines: the schema.org `NewsArticle` JSON-LD of an article page, and the
//! `NewsMediaOrganization` of the home page, which every article names as its publisher.

use serde_json::{Value, json};

use crate::site::article::Article;
use crate::site::index::TermKind;
use crate::site::settings::Policy;
use crate::site::{Site, dates};

/// A site path (`/images/x.jpg`) made absolute with the base URL; full URLs are kept.
pub fn absolute(site: &Site, url: &str) -> String {
    if url.starts_with('/') {
        format!("{}{url}", site.settings.base_url)
    } else {
        url.to_string()
    }
}

/// The newsroom as schema.org sees it: a `NewsMediaOrganization` with its logo, its pages
/// elsewhere (`same_as`) and its policies (`[policies]`), every address absolute.
pub fn organization(site: &Site) -> Value {
    let s = &site.settings;
    let mut o = json!({ "@type": "NewsMediaOrganization", "name": s.publisher, "url": format!("{}/", s.base_url) });
    if let Some(logo) = &s.logo {
        o["logo"] = json!({ "@type": "ImageObject", "url": absolute(site, logo) });
    }
    if !s.same_as.is_empty() {
        o["sameAs"] = s.same_as.iter().map(|u| absolute(site, u)).collect();
    }
    let p = &s.policies;
    let url = |policy: &Option<Policy>| policy.as_ref().map(|p| absolute(site, &p.address));
    if let Some(ethics) = url(&p.ethics) {
        o["publishingPrinciples"] = json!(ethics);
        o["ethicsPolicy"] = json!(ethics);
    }
    if let Some(corrections) = url(&p.corrections) {
        o["correctionsPolicy"] = json!(corrections);
    }
    if let Some(masthead) = url(&p.masthead) {
        o["masthead"] = json!(masthead);
    }
    if let Some(contact) = url(&p.contact) {
        o["contactPoint"] =
            json!({ "@type": "ContactPoint", "contactType": "newsroom", "url": contact });
    }
    o
}

/// The home page's `NewsMediaOrganization` JSON-LD, ready to print like [`news_article`]'s.
pub fn organization_json_ld(site: &Site) -> String {
    let mut ld = json!({ "@context": "https://schema.org" });
    if let (Value::Object(ld), Value::Object(o)) = (&mut ld, organization(site)) {
        ld.extend(o);
    }
    script_safe(&serde_json::to_string_pretty(&ld).expect("JSON values serialize"))
}

/// The `NewsArticle` JSON-LD of article `i`, ready to print inside
/// `<script type="application/ld+json">`: `<`, `>` and `&` are written as `\u003c` etc.,
/// so no string (a headline containing `</script>`, say) can end the script early.
pub fn news_article(site: &Site, i: usize) -> String {
    let a: &Article = &site.articles[i];
    let s = &site.settings;
    let url = format!("{}{}", s.base_url, a.url);
    let publisher = organization(site);
    let authors: Vec<Value> = a
        .authors
        .iter()
        .filter_map(|n| site.authors.get(&n.slug))
        .map(|t| {
            let mut person = json!({ "@type": "Person", "name": t.name, "url": format!("{}{}", s.base_url, TermKind::Author.url(&t.slug)) });
            if let Some(profile) = site.profiles.get(&t.slug) {
                if let Some(role) = &profile.role {
                    person["jobTitle"] = json!(role);
                }
                if let Some(photo) = &profile.photo {
                    person["image"] = json!(absolute(site, &crate::render::views::share_copy(site, photo).0));
                }
                if !profile.links.is_empty() {
                    person["sameAs"] = json!(profile.links);
                }
            }
            person
        })
        .collect();
    let mut ld = json!({
        "@context": "https://schema.org",
        "@type": match a.kind.schema_types() {
            [one] => json!(one),
            many => json!(many),
        },
        "mainEntityOfPage": { "@type": "WebPage", "@id": url },
        "url": url,
        "headline": a.title,
        "description": a.summary,
        "datePublished": dates::rfc3339(&a.date),
        "dateModified": dates::rfc3339(a.updated.as_ref().unwrap_or(&a.date)),
        "author": if authors.is_empty() { publisher.clone() } else { Value::Array(authors) },
        "publisher": publisher,
        "articleSection": site.sections.name_of(&a.section.slug),
        "inLanguage": s.language,
        "wordCount": a.body.words,
    });
    if let Some(image) = &a.image {
        // Crops at 16:9, 4:3 and 1:1 around the photo's focus, as Google asks for; the
        // photo as it is when the site does not publish it as a photo (an https:// address).
        let focus = a.image_focus.unwrap_or(crate::site::photos::Focus::CENTRE);
        let crops: Vec<String> = site
            .photos
            .get(image)
            .map(|p| {
                p.crops_around(focus)
                    .map(|c| absolute(site, &format!("/{}", c.file)))
                    .collect()
            })
            .unwrap_or_default();
        ld["image"] = if crops.is_empty() {
            json!([absolute(site, image)])
        } else {
            json!(crops)
        };
    }
    if let Some(dateline) = &a.dateline {
        ld["locationCreated"] = json!({ "@type": "Place", "name": dateline });
    }
    if !a.tags.is_empty() {
        ld["keywords"] = a.tags.iter().map(|t| site.tags.name_of(&t.slug)).collect();
    }
    if !a.corrections.is_empty() {
        ld["correction"] = a
            .corrections
            .iter()
            .map(|c| json!({ "@type": "CorrectionComment", "text": c.text, "datePublished": dates::rfc3339(&c.date) }))
            .collect();
    }
    script_safe(&serde_json::to_string_pretty(&ld).expect("JSON values serialize"))
}

/// JSON with `<`, `>` and `&` escaped, so that it cannot close or confuse an HTML `<script>`.
fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::script_safe;

    #[test]
    fn nothing_can_close_the_script() {
        let json =
            serde_json::to_string(&serde_json::json!({ "headline": "A </script><b>&" })).unwrap();
        let safe = script_safe(&json);
        assert!(!safe.contains("</script>") && !safe.contains('<') && !safe.contains('&'));
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["headline"], "A </script><b>&");
    }
}
