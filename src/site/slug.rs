//! Slugs: the URL-safe form of a name, and the key that merges spellings of one name.

/// The lower-case ASCII transliteration of `name`, with every run of other characters as
/// one `-` (`Şuşa` -> `susa`, `São Paulo` -> `sao-paulo`). Empty when nothing is left.
pub fn slugify(name: &str) -> String {
    let ascii = deunicode::deunicode(name);
    let mut slug = String::with_capacity(ascii.len());
    let mut dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !slug.is_empty() {
                slug.push('-');
            }
            dash = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn names_become_slugs() {
        assert_eq!(slugify("Şuşa"), "susa");
        assert_eq!(slugify("São Paulo"), "sao-paulo");
        assert_eq!(slugify("Pakistan–Azerbaijan"), "pakistan-azerbaijan");
        assert_eq!(slugify(" ENERGY "), "energy");
        assert_eq!(slugify("Oil & gas"), "oil-gas");
        assert_eq!(slugify("  --  "), "");
    }

    #[test]
    fn a_slug_of_a_slug_is_the_same_slug() {
        for name in ["Laçın", "New Delhi", "women's rights", "Ünïcödé  test"] {
            let once = slugify(name);
            assert_eq!(slugify(&once), once);
        }
    }
}
