//! The built-in theme (templates/ and static/style.css) is embedded in the binary: rebuild
//! the binary when those files change. The build cache is only read by the newsdesk that
//! wrote it: `NEWSDESK_SOURCES_DIGEST` is a digest of everything the binary is made from.

use std::path::{Path, PathBuf};

const SOURCES: [&str; 5] = [
    "src",
    "templates",
    "static/style.css",
    "Cargo.toml",
    "Cargo.lock",
];

fn main() {
    let mut files = Vec::new();
    for source in SOURCES {
        println!("cargo:rerun-if-changed={source}");
        collect(Path::new(source), &mut files);
    }
    files.sort();
    // FNV-1a over each file's path and bytes: stable, and enough to tell two builds apart.
    let mut digest: u64 = 0xcbf2_9ce4_8422_2325;
    for file in files {
        let bytes = std::fs::read(&file).unwrap_or_default();
        let path = file.to_string_lossy().into_owned();
        for b in path.bytes().chain([0]).chain(bytes) {
            digest ^= u64::from(b);
            digest = digest.wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=NEWSDESK_SOURCES_DIGEST={digest:016x}");
}

fn collect(path: &Path, files: &mut Vec<PathBuf>) {
    match std::fs::read_dir(path) {
        Ok(entries) => {
            for entry in entries.flatten() {
                collect(&entry.path(), files);
            }
        }
        Err(_) if path.is_file() => files.push(path.to_path_buf()),
        Err(_) => {}
    }
}
