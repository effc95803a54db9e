//! Stable digests: XXH3 over explicit bytes, the same in every process and on every run, so
//! that what one build computed can be compared by the next (the build cache in `.newsdesk/`).
//!
//! Never a process-seeded hasher: a digest that changed from one run to the next would make
//! every cached page look changed, and one that collided by chance would keep a stale page.

use std::io::Write;

use serde::Serialize;
use xxhash_rust::xxh3::Xxh3;

/// Bumped whenever what a digest covers changes meaning, so that digests written by an
/// older newsdesk are never taken for current ones.
pub const VERSION: u32 = 1;

/// A digest being computed: feed it bytes, numbers and serialized values, then finish.
#[derive(Clone)]
pub struct Digest(Xxh3);

impl Default for Digest {
    fn default() -> Self {
        Digest::new()
    }
}

impl Digest {
    pub fn new() -> Digest {
        let mut d = Digest(Xxh3::new());
        d.u64(u64::from(VERSION));
        d
    }

    /// Bytes, with their length first, so that ("ab", "c") and ("a", "bc") differ.
    pub fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    pub fn str(&mut self, text: &str) -> &mut Self {
        self.bytes(text.as_bytes())
    }

    pub fn u64(&mut self, n: u64) -> &mut Self {
        self.0.update(&n.to_le_bytes());
        self
    }

    pub fn u128(&mut self, n: u128) -> &mut Self {
        self.0.update(&n.to_le_bytes());
        self
    }

    /// A value as templates see it: its JSON serialization, streamed into the digest.
    pub fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> &mut Self {
        let mut writer = Writer(&mut self.0, 0);
        // Writing into a hasher cannot fail; a value that cannot serialize has no JSON, and
        // the bytes written before the failure still stand for it.
        let _ = serde_json::to_writer(&mut writer, value);
        let written = writer.1;
        self.u64(written)
    }

    /// The 128-bit digest.
    pub fn finish(&self) -> u128 {
        self.0.digest128()
    }

    /// The 64-bit digest.
    pub fn finish64(&self) -> u64 {
        self.0.digest()
    }
}

/// The digest of some bytes.
pub fn of_bytes(bytes: &[u8]) -> u64 {
    Digest::new().bytes(bytes).finish64()
}

/// The digest of a file's bytes, as the build cache knows a source file by (128 bits: a
/// collision would give one file another's article).
pub fn of_content(bytes: &[u8]) -> u128 {
    Digest::new().bytes(bytes).finish()
}

/// The digest of a value as templates see it.
pub fn of_value<T: Serialize + ?Sized>(value: &T) -> u64 {
    Digest::new().value(value).finish64()
}

struct Writer<'a>(&'a mut Xxh3, u64);

impl Write for Writer<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        self.1 += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_bytes_give_the_same_digest_in_every_process() {
        assert_eq!(of_bytes(b"Lachin"), of_bytes(b"Lachin"));
        assert_ne!(of_bytes(b"Lachin"), of_bytes(b"Lachim"));
        let split = |a: &str, b: &str| Digest::new().str(a).str(b).finish();
        assert_ne!(split("ab", "c"), split("a", "bc"));
    }

    #[test]
    fn a_value_digest_follows_its_serialization() {
        #[derive(Serialize)]
        struct Teaser<'a> {
            title: &'a str,
        }
        assert_eq!(
            of_value(&Teaser { title: "Baku" }),
            of_value(&serde_json::json!({"title": "Baku"}))
        );
        assert_ne!(
            of_value(&Teaser { title: "Baku" }),
            of_value(&Teaser { title: "Shusha" })
        );
    }
}
