//! The files newsdesk writes itself rather than through a template.

/// `/robots.txt`: every crawler welcome, pointed at the sitemaps.
pub fn robots(base_url: &str, sitemaps: &[String]) -> String {
    let mut out = String::from("User-agent: *\nAllow: /\n\n");
    for s in sitemaps {
        out.push_str(&format!("Sitemap: {base_url}{s}\n"));
    }
    out
}

/// `/_redirects`, read by static hosts: one `old new 301` line per alias.
pub fn redirects(aliases: &[(String, String)]) -> String {
    aliases
        .iter()
        .map(|(from, to)| format!("{from} {to} 301\n"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn robots_points_at_the_sitemaps() {
        let r = robots(
            "https://news.example.com",
            &["/sitemap.xml".into(), "/news-sitemap.xml".into()],
        );
        assert!(r.ends_with("Sitemap: https://news.example.com/sitemap.xml\nSitemap: https://news.example.com/news-sitemap.xml\n"));
    }

    #[test]
    fn redirects_are_one_line_each() {
        let r = redirects(&[("/old/".into(), "/2025/05/28/new/".into())]);
        assert_eq!(r, "/old/ /2025/05/28/new/ 301\n");
    }
}
