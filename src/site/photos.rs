//! The site's photos (SPEC 9.4): every JPEG, PNG and WebP under static/, and every one beside
//! an article file that the article shows, read at its header; and the one rule for the
//! copies each is published as. The pixels of those copies are made by `crate::darkroom`.
//!
//! A photo at `/images/lachin.jpg` is published as `/images/lachin.<tag>.<width>.<format>`
//! for each width of `[images] widths` up to its own (never enlarged), in its own format and
//! in WebP; as crops around its focus for the article's structured data
//! (`/images/lachin.<tag>.16x9.jpg`); and at its own path as its largest copy: the camera's
//! file, with its metadata, is never published. `<tag>` is a digest of the file's bytes and of
//! the settings that make the copies, so a changed photo gets new addresses.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Cursor;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::site::files::StaticFile;
use crate::site::settings::ImageSettings;

/// Bumped whenever the copies of the same photo and settings would come out differently.
pub const DARKROOM_VERSION: u64 = 1;

/// The width of the crops made for structured data (Google asks for at least 1200).
pub const CROP_WIDTH: u32 = 1200;

/// A photo file's format, read from its bytes.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Format {
    Jpeg,
    Png,
    Webp,
}

impl Format {
    /// The format a file name promises (`.jpg`, `.jpeg`, `.png`, `.webp`, any case).
    pub fn of_name(name: &str) -> Option<Format> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "jpg" | "jpeg" => Some(Format::Jpeg),
            "png" => Some(Format::Png),
            "webp" => Some(Format::Webp),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::Webp => "webp",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
            Format::Webp => "image/webp",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Format::Jpeg => "JPEG",
            Format::Png => "PNG",
            Format::Webp => "WebP",
        }
    }
}

/// The point of a photo that every crop keeps (`image_focus = [x, y]`), in thousandths of its
/// width and height from the top left.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct Focus {
    pub x: u16,
    pub y: u16,
}

impl Focus {
    pub const CENTRE: Focus = Focus { x: 500, y: 500 };

    /// The focus written as `[x, y]` with both from 0 to 1.
    pub fn from_fractions(x: f64, y: f64) -> Option<Focus> {
        let part = |v: f64| {
            (0.0..=1.0)
                .contains(&v)
                .then(|| (v * 1000.0).round() as u16)
        };
        Some(Focus {
            x: part(x)?,
            y: part(y)?,
        })
    }

    /// What a crop's name says of it: nothing for the centre.
    fn suffix(self) -> String {
        if self == Focus::CENTRE {
            String::new()
        } else {
            format!("-f{}x{}", self.x, self.y)
        }
    }
}

/// The shapes of the crops made for structured data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Aspect {
    Wide,
    Standard,
    Square,
}

impl Aspect {
    pub const ALL: [Aspect; 3] = [Aspect::Wide, Aspect::Standard, Aspect::Square];

    /// Width and height of the shape.
    pub fn ratio(self) -> (u32, u32) {
        match self {
            Aspect::Wide => (16, 9),
            Aspect::Standard => (4, 3),
            Aspect::Square => (1, 1),
        }
    }
}

/// Where a photo is named: by which file, in which field, at which line. Its problems are
/// said there.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct PhotoUse {
    /// The photo's path on the site (`/images/map.png`, `/2025/05/28/story/map.png`).
    pub path: String,
    /// Its file, relative to the site (`static/images/map.png`, `content/world/map.png`).
    pub file: PathBuf,
    /// The address as written, and where.
    pub written: String,
    /// The file that names it (an article, `content/_authors.toml`, `site.toml`).
    pub source: PathBuf,
    /// What names it.
    pub field: Field,
    pub line: usize,
    pub column: usize,
}

/// What names a photo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Field {
    /// An article's `image`: its crops are made for the structured data.
    Lead,
    /// A Markdown image of an article's body.
    Body,
    /// A profile's `photo`.
    Profile,
    /// site.toml's `logo`.
    Logo,
}

impl PhotoUse {
    /// Whether the site holds the file.
    pub fn exists(&self, root: &Path) -> bool {
        root.join(&self.file).is_file()
    }

    /// The error of a use whose file the site does not hold ([`PhotoUse::exists`]). A body's
    /// image that is not there is none: it is one of the checks of links and images (a
    /// warning of the build, an error of `check`, SPEC 9.7).
    pub fn missing(&self, root: &Path) -> Option<Diagnostic> {
        if self.field == Field::Body {
            return None;
        }
        let PhotoUse {
            path,
            written,
            file,
            ..
        } = self;
        let what = self.what();
        let (message, help) = if written.starts_with('/') {
            (
                format!("{what} {path} is not in static/"),
                format!("put the file at static{path}, or fix the path"),
            )
        } else {
            let static_file = root.join("static").join(written);
            let help = if static_file.is_file() {
                format!(
                    "a path without a leading `/` is a file beside the article; write /{written} for static/{written}"
                )
            } else {
                format!(
                    "a path without a leading `/` is a file beside the article: put it at {}, or write a path under static/ such as \"/images/{}\"",
                    file.display(),
                    written.rsplit('/').next().unwrap_or(written)
                )
            };
            (
                format!(
                    "{what} {written} is not beside the article (read as {})",
                    file.display()
                ),
                help,
            )
        };
        Some(self.error(message).help(help))
    }

    /// How the problems of this use name the photo: `the lead image`, `the body image` ...
    pub fn what(&self) -> &'static str {
        match self.field {
            Field::Lead => "the lead image",
            Field::Body => "the body image",
            Field::Profile => "the photo",
            Field::Logo => "the logo",
        }
    }

    /// An error of this use, at its place.
    pub fn error(&self, message: String) -> Diagnostic {
        Diagnostic::error(&self.source, message).at(self.line, self.column)
    }
}

/// What a photo file's header says: its format and its size as shown (EXIF orientation
/// applied). It depends only on the file's bytes, so a build keeps it by their digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Header {
    pub format: Format,
    pub width: u32,
    pub height: u32,
}

/// A photo the site publishes, as its header says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Photo {
    /// Its file, relative to the site.
    pub file: PathBuf,
    pub format: Format,
    /// Its size as shown: after the EXIF orientation is applied.
    pub width: u32,
    pub height: u32,
    /// A digest of the file's bytes and of the settings that make its copies: the same key,
    /// the same copies, whatever the file is called.
    pub key: u128,
    /// The digest of the file's bytes ([`crate::digest::of_content`]).
    pub digest: u128,
    /// The focus points its crops are made around (a lead photo's `image_focus`).
    pub crops: BTreeSet<Focus>,
    /// Where it is named, for the problems found when it is decoded.
    pub uses: Vec<PhotoUse>,
    /// What it is published as ([`Photo::copies_at`]).
    pub copies: Vec<Copy>,
}

/// One copy of a photo: a resized copy, a crop, or the photo at its own path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copy {
    /// Its path in the output (`images/lachin.1a2b3c4d.800.webp`), without a leading `/`.
    pub file: String,
    /// Its name in the photo's cache folder (`800.webp`, `16x9.jpg`).
    pub name: String,
    pub width: u32,
    pub height: u32,
    pub format: Format,
    pub make: Make,
}

/// How a copy is made from the photo's pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Make {
    /// The whole photo, resized to the copy's width.
    Resized,
    /// The largest part of the given shape around the focus, resized to the copy's width.
    Cropped(Aspect, Focus),
    /// The photo at its own path: its largest copy in its own format, the same file.
    Own,
}

impl Photo {
    /// The format of its copies for browsers without WebP: its own.
    pub fn fallback(&self) -> Format {
        self.format
    }

    /// The formats it is published in: its own, and WebP beside it when `[images]` asks.
    pub fn formats(&self, settings: &ImageSettings) -> Vec<Format> {
        let mut formats = vec![self.fallback()];
        if settings.webp && self.format != Format::Webp {
            formats.insert(0, Format::Webp);
        }
        formats
    }

    /// The widths and heights of its resized copies, smallest first: each of `[images]
    /// widths` narrower than the photo, and the photo's own width when it is narrower than the
    /// widest. A photo is never enlarged.
    pub fn sizes(&self, settings: &ImageSettings) -> Vec<(u32, u32)> {
        let widest = settings.widths.last().copied().unwrap_or(self.width);
        let mut widths: Vec<u32> = settings
            .widths
            .iter()
            .copied()
            .filter(|&w| w < self.width)
            .collect();
        let top = self.width.min(widest);
        if widths.last() != Some(&top) {
            widths.push(top);
        }
        widths.into_iter().map(|w| (w, self.height_at(w))).collect()
    }

    fn height_at(&self, width: u32) -> u32 {
        ((u64::from(self.height) * u64::from(width) + u64::from(self.width) / 2)
            / u64::from(self.width))
        .max(1) as u32
    }

    /// The part of the photo a crop of `aspect` around `focus` keeps: left, top, width, height.
    pub fn crop_region(&self, aspect: Aspect, focus: Focus) -> (u32, u32, u32, u32) {
        let (rw, rh) = aspect.ratio();
        let (w, h) = (u64::from(self.width), u64::from(self.height));
        let (cw, ch) = if w * u64::from(rh) > h * u64::from(rw) {
            (h * u64::from(rw) / u64::from(rh), h)
        } else {
            (w, w * u64::from(rh) / u64::from(rw))
        };
        let place = |size: u64, part: u64, at: u16| -> u64 {
            let centre = size * u64::from(at) / 1000;
            centre.saturating_sub(part / 2).min(size - part)
        };
        (
            place(w, cw, focus.x) as u32,
            place(h, ch, focus.y) as u32,
            cw.max(1) as u32,
            ch.max(1) as u32,
        )
    }

    /// Every copy of the photo published at `path`: the resized copies in every format, the
    /// crops, and the photo itself at `path` (its largest copy in its own format).
    pub fn copies_at(&self, path: &str, settings: &ImageSettings) -> Vec<Copy> {
        let stem = {
            let path = path.trim_start_matches('/');
            match path.rsplit_once('.') {
                Some((stem, _)) if !stem.ends_with('/') && !stem.is_empty() => stem,
                _ => path,
            }
        };
        let tag = format!("{:08x}", (self.key >> 96) as u32);
        let mut copies = Vec::new();
        let sizes = self.sizes(settings);
        for format in self.formats(settings) {
            for &(width, height) in &sizes {
                let name = format!("{width}.{}", format.extension());
                copies.push(Copy {
                    file: format!("{stem}.{tag}.{name}"),
                    name,
                    width,
                    height,
                    format,
                    make: Make::Resized,
                });
            }
        }
        for &focus in &self.crops {
            for aspect in Aspect::ALL {
                let (_, _, cw, ch) = self.crop_region(aspect, focus);
                let width = cw.min(CROP_WIDTH);
                let height = ((u64::from(ch) * u64::from(width)) / u64::from(cw)).max(1) as u32;
                let (rw, rh) = aspect.ratio();
                let name = format!(
                    "{rw}x{rh}{}.{}",
                    focus.suffix(),
                    self.fallback().extension()
                );
                copies.push(Copy {
                    file: format!("{stem}.{tag}.{name}"),
                    name,
                    width,
                    height,
                    format: self.fallback(),
                    make: Make::Cropped(aspect, focus),
                });
            }
        }
        let (width, height) = *sizes.last().expect("a photo has one size at least");
        copies.push(Copy {
            file: path.trim_start_matches('/').to_string(),
            name: format!("{width}.{}", self.fallback().extension()),
            width,
            height,
            format: self.fallback(),
            make: Make::Own,
        });
        copies
    }

    /// Its resized copies in `format`, smallest first.
    pub fn resized(&self, format: Format) -> impl Iterator<Item = &Copy> {
        self.copies
            .iter()
            .filter(move |c| c.make == Make::Resized && c.format == format)
    }

    /// Its crops around `focus`, in the order of [`Aspect::ALL`].
    pub fn crops_around(&self, focus: Focus) -> impl Iterator<Item = &Copy> {
        self.copies
            .iter()
            .filter(move |c| matches!(c.make, Make::Cropped(_, f) if f == focus))
    }
}

/// Every photo the site publishes, by its path on the site.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Photos {
    pub by_path: BTreeMap<String, Photo>,
    /// The copies of every photo, by their path in the output; each names its photo.
    pub copies: BTreeMap<String, (String, Copy)>,
}

impl Photos {
    /// Reads the photos of the site in `root`: every JPEG, PNG and WebP of static/
    /// (`static_files`) and the files `uses` name (lead images with their focus, body images,
    /// profile photos, the logo). Every problem is an error at the use that names the photo
    /// (a photo of static/ that nothing names, at its file): a missing file, a format newsdesk
    /// does not publish, a file that cannot be read, one over `[images] max_pixels`.
    ///
    /// `known` gives the digest of a file's bytes when the caller read them already (by its
    /// path relative to the site), and `headers` what the headers of earlier files said, by
    /// their digests: a photo found in both is not opened. The others are read whole.
    pub fn read(
        root: &Path,
        static_files: &[StaticFile],
        uses: Vec<(PhotoUse, Option<Focus>)>,
        settings: &ImageSettings,
        known: &HashMap<PathBuf, u128>,
        headers: &HashMap<u128, Header>,
    ) -> (Photos, Vec<Diagnostic>) {
        let mut wanted: BTreeMap<String, (PathBuf, Vec<PhotoUse>, BTreeSet<Focus>)> =
            BTreeMap::new();
        for file in static_files {
            if Format::of_name(&file.output).is_some() {
                wanted.insert(
                    format!("/{}", file.output),
                    (file.source.clone(), Vec::new(), BTreeSet::new()),
                );
            }
        }
        let mut problems = Vec::new();
        for (use_, focus) in uses {
            if !use_.exists(root) {
                problems.extend(use_.missing(root));
                continue;
            }
            if Format::of_name(&use_.path).is_none() {
                if !use_.path.to_ascii_lowercase().ends_with(".svg") {
                    problems.push(unsupported(&use_));
                }
                // An SVG is drawn at any size: published as it is, as a file of static/.
                continue;
            }
            let entry = wanted
                .entry(use_.path.clone())
                .or_insert_with(|| (use_.file.clone(), Vec::new(), BTreeSet::new()));
            entry.2.extend(focus);
            entry.1.push(use_);
        }
        let read: Vec<(String, Result<Photo, Vec<Diagnostic>>)> = wanted
            .into_par_iter()
            .map(|(path, (file, uses, crops))| {
                let digest = known.get(&file).copied();
                let earlier = digest.and_then(|d| headers.get(&d).copied());
                let photo =
                    header(root, &file, &path, settings, digest, earlier).map_err(|problem| {
                        if uses.is_empty() {
                            vec![
                                Diagnostic::error(&file, problem.message(&path))
                                    .help(problem.help()),
                            ]
                        } else {
                            uses.iter()
                                .map(|u| u.error(problem.message(&u.written)).help(problem.help()))
                                .collect()
                        }
                    });
                let photo = photo.map(
                    |(
                        Header {
                            format,
                            width,
                            height,
                        },
                        key,
                        digest,
                    )| {
                        let mut photo = Photo {
                            file,
                            format,
                            width,
                            height,
                            key,
                            digest,
                            crops,
                            uses,
                            copies: Vec::new(),
                        };
                        photo.copies = photo.copies_at(&path, settings);
                        photo
                    },
                );
                (path, photo)
            })
            .collect();
        let mut photos = Photos::default();
        for (path, photo) in read {
            match photo {
                Ok(photo) => {
                    for copy in &photo.copies {
                        photos
                            .copies
                            .insert(copy.file.clone(), (path.clone(), copy.clone()));
                    }
                    photos.by_path.insert(path, photo);
                }
                Err(found) => problems.extend(found),
            }
        }
        (photos, problems)
    }

    pub fn get(&self, path: &str) -> Option<&Photo> {
        self.by_path.get(path)
    }
}

/// Why a photo's header cannot be published.
enum Problem {
    Unreadable(String),
    Unsupported(&'static str),
    Mismatch(Format, Format),
    TooLarge(u64, u64),
}

impl Problem {
    fn message(&self, written: &str) -> String {
        match self {
            Problem::Unreadable(e) => format!("the photo {written} cannot be read: {e}"),
            Problem::Unsupported(kind) => {
                format!("the photo {written} is a {kind} file, which newsdesk does not publish")
            }
            Problem::Mismatch(named, is) => format!(
                "the photo {written} is named as a {} but is a {} file",
                named.name(),
                is.name()
            ),
            Problem::TooLarge(pixels, max) => format!(
                "the photo {written} has {:.1} megapixels, more than [images] max_pixels ({:.1})",
                *pixels as f64 / 1e6,
                *max as f64 / 1e6
            ),
        }
    }

    fn help(&self) -> String {
        match self {
            Problem::Unreadable(_) => {
                "the file is damaged or not a photo: export it again from the photo editor as JPEG, PNG or WebP".to_string()
            }
            Problem::Unsupported(_) => {
                "save it as JPEG (a photograph) or PNG (a graphic or map)".to_string()
            }
            Problem::Mismatch(_, is) => {
                format!("rename the file with .{} at the end", is.extension())
            }
            Problem::TooLarge(..) => "make the photo smaller, or raise max_pixels under [images] in site.toml if it is wanted this large".to_string(),
        }
    }
}

/// The error of a use whose file is not a photo newsdesk publishes.
fn unsupported(use_: &PhotoUse) -> Diagnostic {
    let message = match use_.path.rsplit_once('.') {
        Some((_, kind)) => format!(
            "{} {} is a .{kind} file, which newsdesk does not publish",
            use_.what(),
            use_.written
        ),
        None => format!(
            "{} {} has no photo format in its name",
            use_.what(),
            use_.written
        ),
    };
    use_.error(message).help(format!(
        "{} (or SVG for a drawing, published as it is)",
        Problem::Unsupported("").help()
    ))
}

/// The header, key and digest of the photo file `file` of the site in `root`. With the
/// digest of its bytes `known` (the build read them already), only its header is read, and
/// not even that when an earlier build kept what it says (`earlier`).
fn header(
    root: &Path,
    file: &Path,
    path: &str,
    settings: &ImageSettings,
    known: Option<u128>,
    earlier: Option<Header>,
) -> Result<(Header, u128, u128), Problem> {
    let unreadable = |e: &dyn std::fmt::Display| Problem::Unreadable(e.to_string());
    let (digest, header) = match (known, earlier) {
        (Some(digest), Some(header)) => (digest, header),
        (Some(digest), None) => {
            let file = std::fs::File::open(root.join(file)).map_err(|e| unreadable(&e))?;
            (digest, read_header(std::io::BufReader::new(file))?)
        }
        (None, _) => {
            let bytes = std::fs::read(root.join(file)).map_err(|e| unreadable(&e))?;
            let header = read_header(Cursor::new(&bytes))?;
            (crate::digest::of_content(&bytes), header)
        }
    };
    let named = Format::of_name(path).unwrap_or(header.format);
    if named != header.format {
        return Err(Problem::Mismatch(named, header.format));
    }
    let pixels = u64::from(header.width) * u64::from(header.height);
    if pixels > settings.max_pixels {
        return Err(Problem::TooLarge(pixels, settings.max_pixels));
    }
    let mut key = crate::digest::Digest::new();
    key.u64(DARKROOM_VERSION)
        .u128(digest)
        .u64(u64::from(settings.quality));
    Ok((header, key.finish(), digest))
}

/// What a photo's header gives: its format, and its size as shown (orientation applied).
fn read_header<R: std::io::BufRead + std::io::Seek>(mut reader: R) -> Result<Header, Problem> {
    let unreadable = |e: &dyn std::fmt::Display| Problem::Unreadable(e.to_string());
    let format = match imagesize::reader_type(&mut reader) {
        Ok(imagesize::ImageType::Jpeg) => Format::Jpeg,
        Ok(imagesize::ImageType::Png) => Format::Png,
        Ok(imagesize::ImageType::Webp) => Format::Webp,
        Ok(other) => return Err(Problem::Unsupported(type_name(other))),
        Err(_) => {
            return Err(Problem::Unreadable(
                "it is not a JPEG, PNG or WebP file".to_string(),
            ));
        }
    };
    reader.rewind().map_err(|e| unreadable(&e))?;
    let size = imagesize::reader_size(&mut reader).map_err(|e| unreadable(&e))?;
    let (mut width, mut height) = (size.width as u32, size.height as u32);
    if width == 0 || height == 0 {
        return Err(Problem::Unreadable("its header gives no size".to_string()));
    }
    reader.rewind().map_err(|e| unreadable(&e))?;
    if matches!(orientation_in(&mut reader), 5..=8) {
        std::mem::swap(&mut width, &mut height);
    }
    Ok(Header {
        format,
        width,
        height,
    })
}

/// The EXIF orientation of a photo (1 to 8; 1 when it says none).
pub fn orientation(bytes: &[u8]) -> u32 {
    orientation_in(&mut Cursor::new(bytes))
}

fn orientation_in<R: std::io::BufRead + std::io::Seek>(reader: &mut R) -> u32 {
    exif::Reader::new()
        .read_from_container(reader)
        .ok()
        .and_then(|exif| {
            exif.get_field(exif::Tag::Orientation, exif::In::PRIMARY)?
                .value
                .get_uint(0)
        })
        .filter(|o| (1..=8).contains(o))
        .unwrap_or(1)
}

fn type_name(kind: imagesize::ImageType) -> &'static str {
    use imagesize::ImageType::*;
    match kind {
        Gif => "GIF",
        Tiff => "TIFF",
        Bmp => "BMP",
        Heif(_) => "HEIF or AVIF",
        Ico => "icon",
        Psd => "Photoshop",
        _ => "image",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn photo(width: u32, height: u32) -> Photo {
        Photo {
            file: PathBuf::from("static/x.jpg"),
            format: Format::Jpeg,
            width,
            height,
            key: 0xabcdef01_u128 << 96,
            digest: 0,
            crops: BTreeSet::from([Focus::CENTRE]),
            uses: Vec::new(),
            copies: Vec::new(),
        }
    }

    #[test]
    fn copies_are_never_wider_than_the_photo() {
        let s = ImageSettings::default();
        assert_eq!(
            photo(4000, 3000).sizes(&s),
            [(480, 360), (800, 600), (1200, 900), (1600, 1200)]
        );
        assert_eq!(
            photo(1000, 500).sizes(&s),
            [(480, 240), (800, 400), (1000, 500)]
        );
        assert_eq!(photo(300, 200).sizes(&s), [(300, 200)]);
    }

    #[test]
    fn a_photo_is_published_at_its_own_path_as_its_largest_copy() {
        let copies = photo(4000, 3000).copies_at("/images/x.jpg", &ImageSettings::default());
        let files: Vec<&str> = copies.iter().map(|c| c.file.as_str()).collect();
        assert!(files.contains(&"images/x.abcdef01.800.webp"), "{files:?}");
        assert!(files.contains(&"images/x.abcdef01.1600.jpg"), "{files:?}");
        assert!(files.contains(&"images/x.abcdef01.16x9.jpg"), "{files:?}");
        let own = copies.iter().find(|c| c.file == "images/x.jpg").unwrap();
        assert_eq!((own.width, own.name.as_str()), (1600, "1600.jpg"));
    }

    #[test]
    fn a_crop_keeps_its_focus_inside_the_photo() {
        let p = photo(4000, 3000);
        assert_eq!(
            p.crop_region(Aspect::Square, Focus::CENTRE),
            (500, 0, 3000, 3000)
        );
        assert_eq!(
            p.crop_region(Aspect::Square, Focus { x: 0, y: 500 }),
            (0, 0, 3000, 3000)
        );
        assert_eq!(
            p.crop_region(Aspect::Square, Focus { x: 1000, y: 0 }),
            (1000, 0, 3000, 3000)
        );
        assert_eq!(
            p.crop_region(Aspect::Wide, Focus { x: 500, y: 1000 }),
            (0, 750, 4000, 2250)
        );
    }
}
