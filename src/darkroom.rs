//! Photos made into the copies the site publishes (SPEC 9.4; which copies, and their names,
//! are `site::photos`' rule). Each photo is decoded once, turned as its EXIF orientation
//! says, resized (Catmull-Rom, with SIMD) and cropped, and each copy encoded with no metadata
//! at all: no EXIF, no GPS position, no camera serial, no XMP, no ICC profile. Copies are kept
//! in `.newsdesk/photos/<key>/` by the photo's key (a digest of its bytes and of the settings),
//! so a build whose photos did not change decodes none, and the build and `serve` share them.
//!
//! WebP is the modern format: encoding AVIF (rav1e) took 20 to 30 times as long for the same
//! photo and width (bench/PHOTOS.md), which a newsroom's build cannot wait for.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex};

use fast_image_resize as fr;
use image::{DynamicImage, ImageDecoder, ImageReader};
use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::site::photos::{Copy, Format, Make, Photo, Photos};
use crate::site::settings::ImageSettings;

/// Where the copies are kept, beside site.toml.
pub const FOLDER: &str = ".newsdesk/photos";

/// The pixels decoded at once, across the threads: one photo larger than this is decoded
/// alone. 48 megapixels is four 12-megapixel camera photos (about 200 MB as RGB).
const PIXEL_BUDGET: u64 = 48_000_000;

/// libwebp's effort, 0 (fast) to 6: at 6 with sharp colour conversion, an 800-wide copy was
/// smaller than Hugo's WebP at the same quality setting and as close to the photo (SSIM).
const WEBP_METHOD: i32 = 6;

/// libwebp's spatial noise shaping for photographs (its photo preset says 80): at 75 the
/// 800-wide copies of the benchmark's 20 camera photos came out 2.5% smaller than Hugo's in
/// all, 15 of them both smaller and as close to the photo (bench/PHOTOS.md).
const WEBP_PHOTO_SNS: i32 = 75;

/// The photo cache of the site in `root`.
pub struct Darkroom {
    /// The site folder, whose files the photos are.
    root: PathBuf,
    dir: PathBuf,
    /// A cache of this build's own, removed when it is done (`--no-cache`).
    scratch: bool,
}

impl Darkroom {
    pub fn of(root: &Path) -> Darkroom {
        Darkroom {
            root: root.to_path_buf(),
            dir: root.join(FOLDER),
            scratch: false,
        }
    }

    /// A cache that starts empty and is removed when dropped: a build from nothing
    /// (`--no-cache`) develops every photo, trusting no copy made before.
    pub fn scratch(root: &Path) -> Darkroom {
        Darkroom {
            root: root.to_path_buf(),
            dir: root
                .join(crate::cache::FOLDER)
                .join(format!("photos-scratch-{}", std::process::id())),
            scratch: true,
        }
    }

    /// The file that holds `photo`'s copy `copy`, once developed.
    pub fn file(&self, photo: &Photo, copy: &Copy) -> PathBuf {
        self.dir
            .join(format!("{:032x}", photo.key))
            .join(&copy.name)
    }

    /// Makes every copy of every photo of `photos` that the cache does not hold yet, photos
    /// side by side within [`PIXEL_BUDGET`]. A photo that cannot be decoded or written is an
    /// error at every use that names it (at its file when nothing does).
    pub fn develop(&self, photos: &Photos, settings: &ImageSettings) -> Vec<Diagnostic> {
        // One job a key: the same bytes under two names are decoded once, for the copies
        // (crops around other points) both need.
        let mut jobs: BTreeMap<u128, (&Photo, Vec<&Copy>)> = BTreeMap::new();
        for photo in photos.by_path.values() {
            let job = jobs.entry(photo.key).or_insert((photo, Vec::new()));
            for copy in &photo.copies {
                if !job.1.iter().any(|c| c.name == copy.name) {
                    job.1.push(copy);
                }
            }
        }
        // A photo whose mark says every copy asked for was made is not looked at further:
        // one file to look for, not one a copy.
        let missing: Vec<(&Photo, Vec<&Copy>, PathBuf)> = jobs
            .into_values()
            .filter_map(|(photo, copies)| {
                let mark = self.mark(photo, &copies);
                if mark.is_file() {
                    return None;
                }
                let copies: Vec<&Copy> = copies
                    .into_iter()
                    .filter(|c| !self.file(photo, c).is_file())
                    .collect();
                if copies.is_empty() {
                    let _ = std::fs::write(&mark, b"");
                    return None;
                }
                Some((photo, copies, mark))
            })
            .collect();
        let budget = Budget::new(PIXEL_BUDGET);
        let root = &self.root;
        missing
            .par_iter()
            .flat_map_iter(|(photo, copies, mark)| {
                let pixels = u64::from(photo.width) * u64::from(photo.height);
                let _held = budget.take(pixels);
                let made = self.develop_one(root, photo, copies, settings);
                if made.is_ok() {
                    let _ = std::fs::write(mark, b"");
                }
                made.err()
                    .into_iter()
                    .flat_map(move |problem| problems(photo, &problem))
            })
            .collect()
    }

    /// The mark that every one of `copies` of `photo` is in the cache: an empty file named
    /// by a digest of their names.
    fn mark(&self, photo: &Photo, copies: &[&Copy]) -> PathBuf {
        let mut names: Vec<&str> = copies.iter().map(|c| c.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        let mut d = crate::digest::Digest::new();
        for name in names {
            d.str(name);
        }
        self.dir
            .join(format!("{:032x}", photo.key))
            .join(format!(".made-{:016x}", d.finish() as u64))
    }

    /// Makes every copy of `photo` again, whatever its mark says (a copy was taken out of
    /// the cache by hand).
    pub fn develop_again(&self, photo: &Photo, settings: &ImageSettings) -> Vec<Diagnostic> {
        let copies: Vec<&Copy> = photo.copies.iter().collect();
        let _ = std::fs::remove_file(self.mark(photo, &copies));
        let single = Photos {
            by_path: std::iter::once((String::new(), photo.clone())).collect(),
            copies: Default::default(),
        };
        self.develop(&single, settings)
    }

    /// Makes `copies` of `photo` (a file of the site in `root`) into the cache.
    fn develop_one(
        &self,
        root: &Path,
        photo: &Photo,
        copies: &[&Copy],
        settings: &ImageSettings,
    ) -> Result<(), String> {
        let bytes =
            std::fs::read(root.join(&photo.file)).map_err(|e| format!("cannot be read: {e}"))?;
        let image = decode(&bytes, settings)?;
        // The header said one size; the pixels decide (crops are placed on them).
        let shown = Photo {
            width: image.width(),
            height: image.height(),
            ..photo.clone()
        };
        let folder = self.dir.join(format!("{:032x}", photo.key));
        std::fs::create_dir_all(&folder)
            .map_err(|e| format!("cannot be kept in {}: {e}", folder.display()))?;
        let alpha = image.color().has_alpha() && photo.format != Format::Jpeg;
        let (pixels, layout) = if alpha {
            (image.into_rgba8().into_raw(), fr::PixelType::U8x4)
        } else {
            (image.into_rgb8().into_raw(), fr::PixelType::U8x3)
        };
        let source = fr::images::Image::from_vec_u8(shown.width, shown.height, pixels, layout)
            .map_err(|e| format!("cannot be resized: {e}"))?;
        let mut resizer = fr::Resizer::new();
        for copy in copies {
            let (left, top, width, height) = match copy.make {
                Make::Resized | Make::Own => (0, 0, shown.width, shown.height),
                Make::Cropped(aspect, focus) => shown.crop_region(aspect, focus),
            };
            let (cw, ch) = (copy.width.min(width), copy.height.min(height));
            let mut resized = fr::images::Image::new(cw, ch, layout);
            let options = fr::ResizeOptions::new()
                .resize_alg(fr::ResizeAlg::Convolution(fr::FilterType::CatmullRom))
                .crop(
                    f64::from(left),
                    f64::from(top),
                    f64::from(width),
                    f64::from(height),
                );
            resizer
                .resize(&source, &mut resized, &options)
                .map_err(|e| format!("cannot be resized: {e}"))?;
            let encoded = encode(
                resized.buffer(),
                cw,
                ch,
                alpha,
                copy.format,
                photo.format,
                settings,
            )?;
            let file = folder.join(&copy.name);
            let partial = folder.join(format!(".{}.{}", copy.name, std::process::id()));
            std::fs::write(&partial, &encoded)
                .and_then(|()| std::fs::rename(&partial, &file))
                .map_err(|e| {
                    let _ = std::fs::remove_file(&partial);
                    format!("cannot be kept in {}: {e}", folder.display())
                })?;
        }
        Ok(())
    }
}

/// The errors of a photo that could not be developed, at the uses that name it.
fn problems(photo: &Photo, problem: &str) -> Vec<Diagnostic> {
    let help = "export the photo again from the photo editor as JPEG, PNG or WebP";
    if photo.uses.is_empty() {
        return vec![Diagnostic::error(&photo.file, format!("the photo {problem}")).help(help)];
    }
    photo
        .uses
        .iter()
        .map(|u| {
            u.error(format!("{} {} {problem}", u.what(), u.written))
                .help(help)
        })
        .collect()
}

/// Whether a JPEG ends as a whole one does: with the end-of-image marker after its last
/// scan. The decoder fills a file cut short with grey rather than failing, and a desk would
/// publish half a photo.
fn whole_jpeg(bytes: &[u8]) -> bool {
    let last_scan = memchr::memmem::rfind(bytes, &[0xFF, 0xDA]).unwrap_or(0);
    memchr::memmem::find(&bytes[last_scan..], &[0xFF, 0xD9]).is_some()
}

/// The pixels of a photo file, turned upright as its EXIF orientation says.
fn decode(bytes: &[u8], settings: &ImageSettings) -> Result<DynamicImage, String> {
    if bytes.starts_with(&[0xFF, 0xD8]) && !whole_jpeg(bytes) {
        return Err("cannot be decoded: the file is cut short (its end is missing)".to_string());
    }
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| format!("cannot be read: {e}"))?;
    let mut limits = image::Limits::default();
    // Four bytes a pixel and the decoder's own buffers: what `max_pixels` lets through.
    limits.max_alloc = Some(settings.max_pixels.saturating_mul(12));
    reader.limits(limits);
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| format!("cannot be decoded: {e}"))?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image =
        DynamicImage::from_decoder(decoder).map_err(|e| format!("cannot be decoded: {e}"))?;
    image.apply_orientation(orientation);
    Ok(image)
}

/// `pixels` (RGB, or RGBA with `alpha`) of `width` x `height` as a file of `format`, with
/// nothing in it but the picture. `source` is the photo's own format, which chooses libwebp's
/// tuning (a photograph, or a drawing).
fn encode(
    pixels: &[u8],
    width: u32,
    height: u32,
    alpha: bool,
    format: Format,
    source: Format,
    settings: &ImageSettings,
) -> Result<Vec<u8>, String> {
    let quality = settings.quality;
    let mut out = Vec::new();
    match format {
        Format::Jpeg => {
            let too_wide = |_| format!("is too large for a JPEG ({width} x {height})");
            let (w, h) = (
                u16::try_from(width).map_err(too_wide)?,
                u16::try_from(height).map_err(too_wide)?,
            );
            let mut encoder = jpeg_encoder::Encoder::new(&mut out, quality);
            encoder.set_progressive(true);
            encoder.set_optimized_huffman_tables(true);
            encoder
                .encode(pixels, w, h, jpeg_encoder::ColorType::Rgb)
                .map_err(|e| format!("cannot be written as JPEG: {e}"))?;
        }
        Format::Png => {
            use image::ImageEncoder;
            let encoder = image::codecs::png::PngEncoder::new_with_quality(
                &mut out,
                image::codecs::png::CompressionType::Default,
                image::codecs::png::FilterType::Adaptive,
            );
            let color = if alpha {
                image::ExtendedColorType::Rgba8
            } else {
                image::ExtendedColorType::Rgb8
            };
            encoder
                .write_image(pixels, width, height, color)
                .map_err(|e| format!("cannot be written as PNG: {e}"))?;
        }
        Format::Webp => {
            let preset = match source {
                Format::Jpeg => libwebp_sys::WebPPreset::WEBP_PRESET_PHOTO,
                Format::Png | Format::Webp => libwebp_sys::WebPPreset::WEBP_PRESET_DEFAULT,
            };
            let mut config = webp::WebPConfig::new_with_preset(preset, f32::from(quality))
                .map_err(|()| {
                    "cannot be written as WebP: libwebp refused the settings".to_string()
                })?;
            config.method = WEBP_METHOD;
            config.use_sharp_yuv = 1;
            if source == Format::Jpeg {
                config.sns_strength = WEBP_PHOTO_SNS;
            }
            let encoder = if alpha {
                webp::Encoder::from_rgba(pixels, width, height)
            } else {
                webp::Encoder::from_rgb(pixels, width, height)
            };
            let encoded = encoder
                .encode_advanced(&config)
                .map_err(|e| format!("cannot be written as WebP: {e:?}"))?;
            out.extend_from_slice(&encoded);
        }
    }
    Ok(out)
}

impl Drop for Darkroom {
    fn drop(&mut self) {
        if self.scratch {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Pixels that may be decoded at once, shared by the threads developing photos.
struct Budget {
    used: Mutex<u64>,
    freed: Condvar,
    limit: u64,
}

/// A share of the budget, given back when dropped.
struct Held<'a> {
    budget: &'a Budget,
    pixels: u64,
}

impl Budget {
    fn new(limit: u64) -> Budget {
        Budget {
            used: Mutex::new(0),
            freed: Condvar::new(),
            limit,
        }
    }

    /// Waits until `pixels` fit in what is left (or nothing else is held), and takes them.
    fn take(&self, pixels: u64) -> Held<'_> {
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        while *used > 0 && *used + pixels > self.limit {
            used = self.freed.wait(used).unwrap_or_else(|e| e.into_inner());
        }
        *used += pixels;
        Held {
            budget: self,
            pixels,
        }
    }
}

impl Drop for Held<'_> {
    fn drop(&mut self) {
        let mut used = self.budget.used.lock().unwrap_or_else(|e| e.into_inner());
        *used -= self.pixels;
        self.budget.freed.notify_all();
    }
}
