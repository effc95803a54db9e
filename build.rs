//! The built-in theme (templates/ and static/style.css) is embedded in the binary: rebuild
//! the binary when those files change.

fn main() {
    println!("cargo:rerun-if-changed=templates");
    println!("cargo:rerun-if-changed=static/style.css");
}
