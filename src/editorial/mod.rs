//! The desk's side of the library: new article files (`newsdesk new`), wire copy turned into
//! articles (`newsdesk import`), new sites (`newsdesk init`) and the built-in theme copied
//! into a site (`newsdesk theme`). The commands in src/cmd/ print; this code only reads and
//! writes files.

pub mod article_file;
pub mod import;
pub mod init;
pub mod theme;
