#!/usr/bin/env python3
"""Draws the example site's pictures: photos-like scenes, maps and a chart.

Run from the repository root:

    python3 tools/example-photos.py            # every picture
    python3 tools/example-photos.py lachin map # only the ones named

Needs Pillow (with FreeType, for ImageFont.load_default(size=...), Pillow >= 10.1) and
numpy: `pip install pillow numpy`. Nothing is downloaded: every picture is drawn here,
with fixed random seeds, so the same versions of Pillow and numpy write the same files.

Writes:
    static/images/lachin-valley-new-homes.jpg       3000x2000  (world, home lead)
    static/images/delhi-heat-haze-skyline.jpg       2400x1600  (world)
    static/images/lahore-schools-cricket-final.jpg  3000x2000  (sport)
    content/culture/shusha-caravanserai-courtyard.jpg 2400x1600 (culture, beside its article)
    static/images/brent-manat-2025.png              2000x1250  (business)
    static/images/lahore-metro-extension-map.png    2000x1250  (politics)
    static/images/tashkent-routes-to-the-sea.png    2000x1250  (business, in a body)
"""

import math
import os
import sys

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
STATIC = os.path.join(ROOT, "static", "images")


# --------------------------------------------------------------------------- helpers


def font(size):
    return ImageFont.load_default(size=size)


def value_noise(rng, w, h, octaves=6, base=4, persistence=0.55):
    """Smooth fractal noise in [0, 1], shape (h, w): random grids upscaled bicubically."""
    out = np.zeros((h, w), np.float32)
    amp, total = 1.0, 0.0
    for o in range(octaves):
        gw, gh = base * 2**o + 1, max(2, int((base * 2**o) * h / w) + 1)
        grid = (rng.random((gh, gw)) * 255).astype(np.uint8)
        layer = Image.fromarray(grid, "L").resize((w, h), Image.BICUBIC)
        out += amp * (np.asarray(layer, np.float32) / 255.0)
        total += amp
        amp *= persistence
    out /= total
    out -= out.min()
    out /= max(out.max(), 1e-6)
    return out


def ridge(rng, w, base, rough, roughness=0.55, anchors=None):
    """A fractal ridge line: y for each x (midpoint displacement)."""
    n = 1
    while n < w:
        n *= 2
    ys = np.zeros(n + 1)
    ys[0], ys[n] = rng.normal(0, rough), rng.normal(0, rough)
    step, scale = n, rough
    while step > 1:
        half = step // 2
        for i in range(half, n, step):
            ys[i] = (ys[i - half] + ys[i + half]) / 2 + rng.normal(0, scale)
        step, scale = half, scale * roughness
    xs = np.linspace(0, n, w)
    return base + np.interp(xs, np.arange(n + 1), ys)


def gradient(w, h, stops):
    """Vertical gradient through (position 0..1, (r, g, b)) stops, as float array."""
    t = np.linspace(0, 1, h)
    pos = [s[0] for s in stops]
    cols = np.array([s[1] for s in stops], np.float32)
    rgb = np.stack([np.interp(t, pos, cols[:, c]) for c in range(3)], -1)
    return np.repeat(rgb[:, None, :], w, 1)


def fill_below(img, ys, color, texture=None, tex_amount=0.0):
    """Paints `color` (float rgb) under the ridge line ys onto float image img."""
    h, w, _ = img.shape
    rows = np.arange(h)[:, None]
    mask = rows >= ys[None, :]
    col = np.array(color, np.float32)[None, None, :]
    if texture is not None:
        col = col * (1 - tex_amount + 2 * tex_amount * texture[..., None])
    img[:] = np.where(mask[..., None], col, img)
    return mask


def blend(img, layer_rgb, alpha):
    """img, layer: float (h, w, 3); alpha: float (h, w) in 0..1."""
    a = alpha[..., None]
    img[:] = img * (1 - a) + layer_rgb * a


def finish_photo(img, rng, grain=3.0, vignette=0.25, blur=0.7):
    """Soft focus, vignette and grain, so the picture compresses like a photograph."""
    h, w, _ = img.shape
    pil = Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB")
    if blur:
        pil = pil.filter(ImageFilter.GaussianBlur(blur))
    a = np.asarray(pil, np.float32)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    r = ((xx / w - 0.5) ** 2 + (yy / h - 0.5) ** 2) / 0.5
    a = a * (1 - vignette * r[..., None] ** 1.5)
    lum = rng.normal(0, grain, (h, w, 1)).astype(np.float32)
    chroma = rng.normal(0, grain * 0.35, (h, w, 3)).astype(np.float32)
    a = a + lum + chroma
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "RGB")


def save_jpeg(pil, path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    pil.save(path, "JPEG", quality=88, optimize=True, progressive=True, subsampling="4:2:0")
    print(f"{os.path.relpath(path, ROOT)}  {pil.size[0]}x{pil.size[1]}  {os.path.getsize(path)} bytes")


def save_png(pil, path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    pil = pil.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    pil.save(path, "PNG", optimize=True)
    print(f"{os.path.relpath(path, ROOT)}  {pil.size[0]}x{pil.size[1]}  {os.path.getsize(path)} bytes")


def to_array(pil):
    return np.asarray(pil.convert("RGB"), np.float32).copy()


def glow(img, cx, cy, radius, color, strength):
    h, w, _ = img.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    d2 = ((xx - cx) ** 2 + (yy - cy) ** 2) / (radius**2)
    g = np.exp(-d2)[..., None] * strength
    img += g * np.array(color, np.float32)[None, None, :]


def perspective_coeffs(dst, src):
    """Coefficients for Image.transform(PERSPECTIVE): maps output points dst to input src."""
    m = []
    for (x, y), (u, v) in zip(dst, src):
        m.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        m.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    a = np.array(m, np.float64)
    b = np.array(src, np.float64).reshape(8)
    return np.linalg.solve(a, b).tolist()


def warp_onto(canvas, tile, quad):
    """Pastes the RGBA `tile` onto `canvas` so that its corners land on quad (tl, tr, br, bl)."""
    tw, th = tile.size
    coeffs = perspective_coeffs(quad, [(0, 0), (tw, 0), (tw, th), (0, th)])
    warped = tile.transform(canvas.size, Image.PERSPECTIVE, coeffs, Image.BICUBIC)
    canvas.alpha_composite(warped)


# --------------------------------------------------------------------------- Lachin valley


def lachin():
    rng = np.random.default_rng(2025_05_28)
    W, H = 3000, 2000
    img = gradient(W, H, [(0, (62, 108, 172)), (0.33, (150, 182, 214)), (0.45, (214, 222, 226)), (1, (214, 222, 226))])
    # clouds
    cl = value_noise(rng, W, H, octaves=6, base=3)
    cl = np.clip((cl - 0.55) * 3.2, 0, 1) * np.clip(1 - np.arange(H)[:, None] / (0.42 * H), 0, 1)
    blend(img, np.full_like(img, 246), cl * 0.85)

    tex = value_noise(rng, W, H, octaves=7, base=8, persistence=0.6)
    # far ridges to near: higher and paler far away
    layers = [
        (0.34, 260, (138, 154, 176), 0.10),
        (0.42, 200, (108, 128, 136), 0.16),
        (0.52, 140, (84, 108, 80), 0.22),
        (0.60, 80, (96, 116, 62), 0.25),
    ]
    masks = []
    for base, rough, color, tx in layers:
        ys = ridge(rng, W, base * H, rough)
        # a valley opening in the middle-left where the town sits
        valley = np.exp(-((np.arange(W) - 0.33 * W) / (0.16 * W)) ** 2)
        ys = ys + valley * (0.05 * H if base > 0.45 else 0.015 * H)
        m = fill_below(img, ys, color, tex, tx)
        masks.append((m, ys))
        # a sunlit flank: brighten where the ridge slopes down to the right
        slope = np.convolve(np.gradient(ys), np.ones(41) / 41, mode="same")
        lit = np.clip(slope / 3.0, -1, 1)
        below = np.arange(H)[:, None] - ys[None, :]
        shade = (lit[None, :] * 0.16) * np.exp(-np.clip(below, 0, None) / 220.0) * m
        img *= (1 + shade[..., None])
    # gullies on the near slopes
    gul = value_noise(rng, W, H, octaves=5, base=40, persistence=0.5)
    img *= (0.9 + 0.2 * gul[..., None]) * masks[2][0][..., None] + (1 - masks[2][0][..., None])

    # valley floor: fields
    floor_y = (0.66 * H + 18 * np.sin(np.arange(W) / 400.0)).astype(np.float32)
    fields = value_noise(rng, W, H, octaves=4, base=6)
    fcol = np.stack([118 + 50 * fields, 132 + 30 * fields, 66 + 10 * fields], -1)
    mask = np.arange(H)[:, None] >= floor_y[None, :]
    img[:] = np.where(mask[..., None], fcol, img)
    # darker foreground grass, lit edge
    fg = np.clip((np.arange(H)[:, None] - 0.8 * H) / (0.2 * H), 0, 1) * np.ones((1, W))
    img *= 1 - 0.35 * fg[..., None]

    pil = Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB")
    d = ImageDraw.Draw(pil)

    # the river (Hakari): a pale band winding across the valley floor
    t = np.linspace(0, 1, 400)
    rx = -50 + t * (W + 100)
    ry = 0.715 * H + 55 * np.sin(t * 7.0 + 0.6) + 30 * np.sin(t * 17.0)
    rw = 14 + 20 * t
    top = list(zip(rx, ry - rw))
    bot = list(zip(rx[::-1], (ry + rw)[::-1]))
    d.polygon(top + bot, fill=(150, 170, 170))
    d.line(list(zip(rx, ry - rw * 0.4)), fill=(190, 204, 200), width=4)

    # the road: from the bottom right up to the town
    t = np.linspace(0, 1, 300)
    cx = (0.80 - 0.46 * t + 0.07 * np.sin(t * 5.5)) * W
    cy = (1.02 - 0.40 * t**0.8) * H
    width = 330 * (1 - t) ** 1.6 + 10
    nx, ny = np.gradient(cy), -np.gradient(cx)
    nl = np.hypot(nx, ny)
    nx, ny = nx / nl, ny / nl
    left = list(zip(cx + nx * width / 2, cy + ny * width / 2))
    right = list(zip(cx - nx * width / 2, cy - ny * width / 2))
    d.polygon(left + right[::-1], fill=(150, 145, 138))
    d.line(left, fill=(196, 190, 176), width=5)
    d.line(right, fill=(196, 190, 176), width=5)
    for i in range(0, 290, 14):
        j = i + 6
        d.line([(cx[i], cy[i]), (cx[j], cy[j])], fill=(232, 226, 200), width=max(2, int(12 * (1 - t[i]) ** 1.5)))
    # power poles along the road
    for k, i in enumerate(range(66, 280, 30)):
        px, py = cx[i] + nx[i] * width[i] * 0.9, cy[i] + ny[i] * width[i] * 0.9
        ph = 260 * (1 - t[i]) ** 1.3 + 20
        d.line([(px, py), (px, py - ph)], fill=(60, 56, 50), width=max(2, int(10 * (1 - t[i]))))
        d.line([(px - ph * 0.12, py - ph * 0.93), (px + ph * 0.12, py - ph * 0.93)], fill=(60, 56, 50), width=max(2, int(6 * (1 - t[i]))))

    # the town: new houses with red roofs in the valley, left of centre
    houses = []
    for _ in range(46):
        hx = rng.normal(0.30, 0.07) * W
        hy = rng.normal(0.64, 0.018) * H
        houses.append((hy, hx))
    houses.sort()
    for hy, hx in houses:
        s = 0.6 + (hy / H - 0.6) * 9
        bw, bh = rng.uniform(60, 110) * s, rng.uniform(36, 60) * s
        wall = tuple(int(v) for v in rng.uniform(0.92, 1.0) * np.array([236, 228, 212]))
        side = tuple(int(v * 0.78) for v in wall)
        d.rectangle([hx, hy - bh, hx + bw, hy], fill=wall)
        d.rectangle([hx + bw, hy - bh + 3 * s, hx + bw * 1.25, hy], fill=side)
        roof = tuple(int(v) for v in np.array([168, 62, 44]) * rng.uniform(0.85, 1.1))
        d.polygon([(hx - 6 * s, hy - bh), (hx + bw * 0.55, hy - bh - 26 * s), (hx + bw * 1.28, hy - bh + 2 * s), (hx + bw + 6 * s, hy - bh)], fill=roof)
        for wx in range(3):
            x0 = hx + bw * (0.15 + 0.28 * wx)
            d.rectangle([x0, hy - bh * 0.7, x0 + bw * 0.14, hy - bh * 0.35], fill=(70, 84, 100))
    # poplars
    for _ in range(30):
        tx = rng.normal(0.31, 0.12) * W
        ty = rng.normal(0.665, 0.02) * H
        th = rng.uniform(70, 150) * (0.6 + (ty / H - 0.6) * 9)
        g = tuple(int(v) for v in np.array([52, 78, 40]) * rng.uniform(0.8, 1.2))
        d.ellipse([tx - th * 0.13, ty - th, tx + th * 0.13, ty], fill=g)

    img = to_array(pil)
    # aerial haze toward the horizon
    haze = np.clip(1 - np.abs(np.arange(H) - 0.5 * H) / (0.2 * H), 0, 1)[:, None] * np.ones((1, W))
    blend(img, np.full_like(img, 215), haze * 0.18)
    # warm late-afternoon grade
    img *= np.array([1.04, 1.0, 0.95], np.float32)
    out = finish_photo(img, rng, grain=2.6, vignette=0.22)
    save_jpeg(out, os.path.join(STATIC, "lachin-valley-new-homes.jpg"))


# --------------------------------------------------------------------------- Delhi skyline


def delhi():
    rng = np.random.default_rng(2025_06_12)
    W, H = 2400, 1600
    img = gradient(W, H, [(0, (168, 150, 140)), (0.45, (226, 190, 146)), (0.62, (236, 206, 160)), (1, (150, 120, 96))])
    glow(img, 0.70 * W, 0.26 * H, 420, (255, 236, 190), 0.35)
    glow(img, 0.70 * W, 0.26 * H, 70, (255, 250, 230), 0.9)
    pil = Image.fromarray(np.clip(img, 0, 255).astype(np.uint8)).convert("RGBA")

    def skyline(layer_y, color, hmin, hmax, seed, domes=False, windows=False):
        r = np.random.default_rng(seed)
        lay = Image.new("RGBA", (W, H), (0, 0, 0, 0))
        d = ImageDraw.Draw(lay)
        x = -20
        while x < W:
            bw = r.uniform(50, 170)
            bh = r.uniform(hmin, hmax) * (1.6 if r.random() < 0.08 else 1)
            d.rectangle([x, layer_y - bh, x + bw, H], fill=color)
            if r.random() < 0.35:  # water tank on the roof
                tw = bw * 0.25
                d.rectangle([x + bw * 0.5, layer_y - bh - tw * 0.8, x + bw * 0.5 + tw, layer_y - bh], fill=color)
            if windows:
                dark = tuple(max(0, c - 18) for c in color[:3]) + (255,)
                for wy in np.arange(layer_y - bh + 18, layer_y - 10, 26):
                    for wx in np.arange(x + 10, x + bw - 16, 22):
                        if r.random() < 0.8:
                            d.rectangle([wx, wy, wx + 10, wy + 12], fill=dark)
            x += bw + r.uniform(-10, 14)
        if domes:
            for cx in (0.22 * W, 0.29 * W):
                d.ellipse([cx - 70, layer_y - hmax - 130, cx + 70, layer_y - hmax + 10], fill=color)
                d.rectangle([cx - 85, layer_y - hmax - 50, cx + 85, H], fill=color)
                d.polygon([(cx - 6, layer_y - hmax - 130), (cx, layer_y - hmax - 175), (cx + 6, layer_y - hmax - 130)], fill=color)
            for mx in (0.18 * W, 0.335 * W):
                d.rectangle([mx - 10, layer_y - hmax - 240, mx + 10, H], fill=color)
                d.polygon([(mx - 14, layer_y - hmax - 240), (mx, layer_y - hmax - 280), (mx + 14, layer_y - hmax - 240)], fill=color)
        return lay

    pil.alpha_composite(skyline(0.62 * H, (196, 166, 136, 255), 60, 200, 1, domes=True))
    pil.alpha_composite(skyline(0.68 * H, (160, 132, 110, 255), 80, 260, 2))
    pil.alpha_composite(skyline(0.76 * H, (110, 88, 74, 255), 60, 300, 3, windows=True))

    d = ImageDraw.Draw(pil)
    # road and dust
    d.rectangle([0, 0.80 * H, W, H], fill=(148, 122, 98, 255))
    # pylons and sagging cables
    def pylon(x, base, h, wdt, col=(48, 40, 36, 255)):
        top = base - h
        d.line([(x - wdt, base), (x - wdt * 0.15, top)], fill=col, width=7)
        d.line([(x + wdt, base), (x + wdt * 0.15, top)], fill=col, width=7)
        n = 9
        for i in range(n):
            y0 = base - h * i / n
            y1 = base - h * (i + 1) / n
            w0 = wdt - (wdt * 0.85) * i / n
            w1 = wdt - (wdt * 0.85) * (i + 1) / n
            d.line([(x - w0, y0), (x + w1, y1)], fill=col, width=3)
            d.line([(x + w0, y0), (x - w1, y1)], fill=col, width=3)
            d.line([(x - w1, y1), (x + w1, y1)], fill=col, width=3)
        arms = []
        for k, ay in enumerate((0.05, 0.17, 0.29)):
            yy = top + h * ay
            aw = wdt * (1.3 - 0.2 * k)
            d.line([(x - aw, yy), (x + aw, yy)], fill=col, width=6)
            arms += [(x - aw, yy + 20), (x + aw, yy + 20)]
        return arms

    a1 = pylon(0.16 * W, 0.86 * H, 1150, 95)
    a2 = pylon(0.83 * W, 0.84 * H, 900, 75)
    for (x0, y0), (x1, y1) in zip(a1, a2):
        xs = np.linspace(x0, x1, 60)
        ys = np.linspace(y0, y1, 60) + 120 * np.sin(np.linspace(0, math.pi, 60))
        d.line(list(zip(xs, ys)), fill=(40, 34, 30, 255), width=3)
    for (x0, y0) in a1:
        xs = np.linspace(-40, x0, 30)
        ys = np.linspace(y0 + 40, y0, 30) + 60 * np.sin(np.linspace(0, math.pi, 30))
        d.line(list(zip(xs, ys)), fill=(40, 34, 30, 255), width=3)

    # a water tanker and a queue with buckets
    tx, ty = 0.44 * W, 0.88 * H
    d.rounded_rectangle([tx, ty - 210, tx + 430, ty - 50], 70, fill=(52, 86, 132, 255))
    d.rectangle([tx + 430, ty - 190, tx + 560, ty - 50], fill=(200, 190, 170, 255))
    d.rectangle([tx + 455, ty - 170, tx + 540, ty - 115], fill=(70, 90, 110, 255))
    d.rectangle([tx - 10, ty - 60, tx + 570, ty - 40], fill=(40, 40, 40, 255))
    for wx in (tx + 60, tx + 140, tx + 480):
        d.ellipse([wx - 42, ty - 80, wx + 42, ty + 4], fill=(25, 22, 20, 255))
        d.ellipse([wx - 15, ty - 53, wx + 15, ty - 23], fill=(110, 104, 96, 255))
    d.text((tx + 120, ty - 160), "WATER TANKER", font=font(34), fill=(230, 230, 225, 255))
    clothes = [(190, 60, 60), (230, 200, 60), (60, 120, 170), (240, 240, 235), (120, 60, 140), (200, 120, 50), (70, 140, 90)]
    for i in range(16):
        px = tx - 60 - i * 62 + rng.uniform(-10, 10)
        py = ty + 40 + rng.uniform(-10, 10) + i * 4
        s = 1.0 + i * 0.02
        c = clothes[int(rng.integers(len(clothes)))]
        d.ellipse([px - 60 * s, py - 6, px + 50 * s, py + 14], fill=(118, 96, 78, 255))  # shadow
        d.rounded_rectangle([px - 20 * s, py - 150 * s, px + 20 * s, py - 60 * s], 12, fill=c + (255,))
        d.rectangle([px - 16 * s, py - 62 * s, px + 16 * s, py], fill=(60, 50, 46, 255))
        d.ellipse([px - 15 * s, py - 185 * s, px + 15 * s, py - 152 * s], fill=(96, 66, 48, 255))
        if i % 3 == 0:
            d.rectangle([px + 18 * s, py - 55 * s, px + 44 * s, py - 20 * s], fill=(60, 140, 200, 255))
    img = to_array(pil)
    # heat haze: a warm veil strongest near the horizon
    haze = np.exp(-((np.arange(H) - 0.62 * H) / (0.22 * H)) ** 2)[:, None] * np.ones((1, W))
    wobble = value_noise(rng, W, H, octaves=4, base=10)
    blend(img, np.full_like(img, 1) * np.array([238, 208, 168], np.float32), haze * (0.32 + 0.12 * wobble))
    out = finish_photo(img, rng, grain=3.0, vignette=0.18, blur=1.0)
    save_jpeg(out, os.path.join(STATIC, "delhi-heat-haze-skyline.jpg"))


# --------------------------------------------------------------------------- Lahore cricket


def cricket():
    rng = np.random.default_rng(2025_06_08)
    W, H = 3000, 2000
    img = gradient(W, H, [(0, (14, 22, 58)), (0.22, (46, 52, 104)), (0.33, (150, 96, 110)), (0.38, (232, 150, 86)), (1, (232, 150, 86))])
    # rooftops with watchers behind the stand, left
    pil = Image.fromarray(np.clip(img, 0, 255).astype(np.uint8)).convert("RGBA")
    d = ImageDraw.Draw(pil)
    x = -10
    while x < W:
        bw, bh = rng.uniform(90, 220), rng.uniform(40, 160)
        d.rectangle([x, 0.37 * H - bh, x + bw, 0.45 * H], fill=(34, 30, 40, 255))
        if rng.random() < 0.5:
            d.rectangle([x + 10, 0.37 * H - bh - 8, x + bw - 10, 0.37 * H - bh], fill=(28, 24, 34, 255))
            for k in range(int(bw // 26)):
                hx = x + 16 + k * 26 + rng.uniform(-4, 4)
                d.ellipse([hx - 7, 0.37 * H - bh - 38, hx + 7, 0.37 * H - bh - 24], fill=(24, 20, 28, 255))
                d.rectangle([hx - 8, 0.37 * H - bh - 24, hx + 8, 0.37 * H - bh - 6], fill=(24, 20, 28, 255))
        if rng.random() < 0.4:
            wx = x + bw * 0.3
            d.rectangle([wx, 0.37 * H - bh + 20, wx + 18, 0.37 * H - bh + 40], fill=(240, 200, 120, 255))
        x += bw
    img = to_array(pil)

    # the stand: tiers of crowd (random colours, scaled up without smoothing)
    y0, y1 = int(0.40 * H), int(0.53 * H)
    cw, ch = W // 9, (y1 - y0) // 9
    palette = np.array([(235, 232, 225), (40, 110, 70), (30, 60, 130), (200, 60, 50), (230, 190, 60), (90, 60, 45),
                        (150, 110, 80), (60, 60, 70), (240, 140, 60), (120, 160, 200), (180, 180, 170), (110, 80, 60)], np.float32)
    crowd = palette[rng.integers(0, len(palette), (ch, cw))] * rng.uniform(0.55, 1.0, (ch, cw, 1))
    crowd = np.clip(crowd * 0.85, 0, 255).astype(np.uint8)
    crowd_img = Image.fromarray(crowd).resize((W, y1 - y0), Image.NEAREST).filter(ImageFilter.GaussianBlur(2.0))
    c = np.asarray(crowd_img, np.float32)
    tiers = 0.55 + 0.45 * (np.arange(y1 - y0) % 42 > 6)[:, None, None]
    light = 0.55 + 0.5 * (np.arange(y1 - y0) / (y1 - y0))[:, None, None]
    img[y0:y1] = c * tiers * light * 0.8
    # roof of the stand
    img[int(0.385 * H):y0] = np.array([58, 58, 66], np.float32)
    # advertising boards
    img[y1:y1 + 34] = np.array([20, 90, 60], np.float32)

    # the outfield: mown stripes in perspective
    yy = np.arange(H)[:, None].astype(np.float32)
    xx = np.arange(W)[None, :].astype(np.float32)
    field = yy >= y1 + 34
    depth = np.clip((yy - y1) / (H - y1), 0.01, 1)
    stripe = ((xx - W / 2) / (depth * 0.6 + 0.15) / 260).astype(np.int32) % 2
    grass = np.stack([
        52 + 14 * stripe + 0 * xx,
        118 + 22 * stripe + 0 * xx,
        58 + 10 * stripe + 0 * xx,
    ], -1).astype(np.float32)
    gtex = value_noise(rng, W, H, octaves=5, base=20)
    grass *= (0.9 + 0.2 * gtex)[..., None]
    img[:] = np.where(field[..., None], grass, img)

    pil = Image.fromarray(np.clip(img, 0, 255).astype(np.uint8)).convert("RGBA")
    d = ImageDraw.Draw(pil)
    # boundary rope
    d.arc([-0.25 * W, 0.57 * H, 1.25 * W, 1.9 * H], 180, 360, fill=(235, 235, 230, 255), width=6)
    # the pitch strip, in perspective
    px = 0.5 * W
    d.polygon([(px - 70, 0.60 * H), (px + 70, 0.60 * H), (px + 190, 0.93 * H), (px - 190, 0.93 * H)], fill=(196, 170, 120, 255))
    for cy, hw in ((0.625 * H, 92), (0.895 * H, 220)):
        d.line([(px - hw, cy), (px + hw, cy)], fill=(250, 250, 245, 255), width=5)
    # stumps
    for cy, hh, sp in ((0.615 * H, 34, 9), (0.905 * H, 80, 18)):
        for k in (-1, 0, 1):
            d.rectangle([px + k * sp - 3, cy - hh, px + k * sp + 3, cy], fill=(238, 220, 180, 255))
    # players: fielders in green, batters in blue
    def player(x, y, s, kit, bat=False):
        for dx in (-60, 45):
            d.ellipse([x - 8 * s + dx * s * 0.5, y - 4 * s, x + 24 * s + dx * s * 0.5, y + 4 * s], fill=(30, 70, 36, 150))
        d.rectangle([x - 7 * s, y - 40 * s, x + 7 * s, y], fill=(235, 235, 230, 255) if bat else kit)
        d.rounded_rectangle([x - 10 * s, y - 80 * s, x + 10 * s, y - 38 * s], int(4 * s), fill=kit)
        d.ellipse([x - 7 * s, y - 97 * s, x + 7 * s, y - 81 * s], fill=(90, 60, 44, 255))
        if bat:
            d.ellipse([x - 8 * s, y - 100 * s, x + 8 * s, y - 86 * s], fill=(20, 40, 120, 255))
            d.line([(x + 8 * s, y - 50 * s), (x + 30 * s, y - 10 * s)], fill=(226, 200, 150, 255), width=int(6 * s))
    blue, green = (30, 70, 170, 255), (20, 120, 60, 255)
    player(px + 40, 0.905 * H, 2.1, blue, bat=True)
    player(px - 20, 0.615 * H, 0.9, blue, bat=True)
    player(px + 110, 0.66 * H, 1.0, green)  # bowler at the far end
    player(px - 40, 0.965 * H, 2.5, green)  # wicketkeeper
    for fx, fy in ((0.18, 0.66), (0.30, 0.78), (0.72, 0.70), (0.86, 0.84), (0.62, 0.6), (0.1, 0.9), (0.38, 0.62), (0.9, 0.64)):
        player(fx * W, fy * H, 0.8 + (fy - 0.6) * 4, green)
    # floodlight towers
    towers = [(0.08, 0.06), (0.36, 0.11), (0.64, 0.11), (0.93, 0.06)]
    for tx, ty in towers:
        x, top = tx * W, ty * H
        d.polygon([(x - 14, 0.40 * H), (x + 14, 0.40 * H), (x + 5, top + 90), (x - 5, top + 90)], fill=(30, 30, 40, 255))
        d.rectangle([x - 110, top, x + 110, top + 90], fill=(40, 40, 50, 255))
        for r in range(3):
            for k in range(7):
                lx, ly = x - 96 + k * 30, top + 8 + r * 28
                d.rectangle([lx, ly, lx + 22, ly + 20], fill=(255, 252, 235, 255))
    img = to_array(pil)
    for tx, ty in towers:
        glow(img, tx * W, ty * H + 45, 260, (255, 240, 200), 0.55)
        glow(img, tx * W, ty * H + 45, 90, (255, 250, 235), 0.8)
    # light falling on the field
    glow(img, 0.5 * W, 0.72 * H, 1100, (255, 250, 230), 0.10)
    out = finish_photo(img, rng, grain=3.4, vignette=0.3, blur=0.8)
    save_jpeg(out, os.path.join(STATIC, "lahore-schools-cricket-final.jpg"))


# --------------------------------------------------------------------------- Shusha courtyard


def stone_wall(rng, w, h, tone=(214, 200, 172), block=(120, 60)):
    """A limestone wall of coursed blocks, each a slightly different tone."""
    tex = value_noise(rng, w, h, octaves=6, base=12)
    a = np.zeros((h, w, 3), np.float32)
    bw, bh = block
    for row in range(0, h, bh):
        off = (row // bh) % 2 * bw // 2
        for col in range(-bw, w, bw):
            j = rng.uniform(0.86, 1.06)
            tint = np.array(tone) * j * np.array([1, rng.uniform(0.98, 1.01), rng.uniform(0.94, 1.0)])
            x0, x1 = max(0, col + off), min(w, col + off + bw)
            a[row:row + bh, x0:x1] = tint
            a[row:row + 3, x0:x1] *= 0.75
            a[row:row + bh, x0:x0 + 3] *= 0.78
    a *= (0.85 + 0.25 * tex)[..., None]
    return a


def arcade(rng, w, h, n_low, n_up):
    """The two-storey arcade, drawn flat: an RGBA tile of the wall with its arches."""
    wall = Image.fromarray(np.clip(stone_wall(rng, w, h), 0, 255).astype(np.uint8)).convert("RGBA")
    d = ImageDraw.Draw(wall)

    def arch(x0, x1, ybase, ytop, inside, door=None):
        cx, span = (x0 + x1) / 2, x1 - x0
        spring = ytop + span * 0.55
        pts = [(x0, ybase), (x0, spring)]
        for t in np.linspace(0, 1, 30):  # left half of a pointed arch
            pts.append((x0 + span * 0.5 * (1 - math.cos(t * math.pi / 2)) ** 0.8,
                        spring - (spring - ytop) * math.sin(t * math.pi / 2)))
        right = [(2 * cx - x, y) for x, y in reversed(pts)]
        poly = pts + right
        d.polygon(poly, fill=inside)
        d.line(poly, fill=(170, 152, 124, 255), width=8)
        if door == "carpet":
            d.rectangle([x0 + span * 0.2, spring, x1 - span * 0.2, ybase - 30], fill=(150, 36, 40, 255))
            d.rectangle([x0 + span * 0.26, spring + 30, x1 - span * 0.26, ybase - 60], outline=(220, 180, 90, 255), width=10)
            for k in range(4):
                yy = spring + 80 + k * (ybase - spring - 170) / 3
                d.regular_polygon((cx, yy, 34), 4, fill=(30, 50, 110, 255))
        elif door == "wood":
            d.rectangle([x0 + span * 0.12, spring - 10, x1 - span * 0.12, ybase], fill=(96, 62, 38, 255))
            d.line([(cx, spring - 10), (cx, ybase)], fill=(60, 38, 24, 255), width=6)
            for k in range(1, 5):
                yy = spring + k * (ybase - spring) / 5
                d.line([(x0 + span * 0.12, yy), (x1 - span * 0.12, yy)], fill=(74, 48, 30, 255), width=4)

    gap = w / n_low
    for i in range(n_low):
        kind = "carpet" if i == 2 else ("wood" if i % 2 == 0 else None)
        arch(i * gap + gap * 0.14, (i + 1) * gap - gap * 0.14, h, h * 0.56, (58, 46, 40, 255), kind)
    # the gallery floor band
    d.rectangle([0, h * 0.47, w, h * 0.5], fill=(188, 172, 144, 255))
    gap = w / n_up
    for i in range(n_up):
        arch(i * gap + gap * 0.16, (i + 1) * gap - gap * 0.16, h * 0.47, h * 0.12, (70, 56, 48, 255))
        # balustrade
        d.rectangle([i * gap + gap * 0.16, h * 0.40, (i + 1) * gap - gap * 0.16, h * 0.41], fill=(120, 84, 52, 255))
    d.rectangle([0, 0, w, h * 0.05], fill=(180, 164, 136, 255))  # cornice
    return wall


def shusha():
    rng = np.random.default_rng(2025_06_05)
    W, H = 2400, 1600
    sky = gradient(W, H, [(0, (74, 128, 196)), (0.3, (150, 190, 226)), (1, (170, 200, 230))])
    canvas = Image.fromarray(sky.astype(np.uint8)).convert("RGBA")
    # back wall, frontal
    back = arcade(rng, 2000, 1100, 5, 7)
    bx0, by0, bx1, by1 = 780, 200, 2480, 1135
    canvas.alpha_composite(back.resize((bx1 - bx0, by1 - by0), Image.LANCZOS), (bx0, by0))
    # left wall, receding toward the back wall
    side = arcade(rng, 2400, 1100, 6, 8)
    warp_onto(canvas, side, [(-260, -40), (bx0, by0), (bx0, by1), (-260, 1640)])
    # courtyard floor: flagstones
    fw, fh = 2400, 1600
    fl = np.zeros((fh, fw, 3), np.float32)
    for row in range(0, fh, 120):
        off = rng.integers(0, 160)
        for col in range(-200, fw, 200):
            x0, x1 = max(0, col + off), min(fw, col + off + 200)
            fl[row:row + 120, x0:x1] = np.array([184, 172, 150]) * rng.uniform(0.8, 1.05)
            fl[row:row + 6, x0:x1] *= 0.6
            fl[row:row + 120, x0:x0 + 6] *= 0.6
    fl *= (0.85 + 0.25 * value_noise(rng, fw, fh, octaves=5, base=10))[..., None]
    floor = Image.fromarray(np.clip(fl, 0, 255).astype(np.uint8)).convert("RGBA")
    warp_onto(canvas, floor, [(bx0, by1), (2600, by1), (2600, 1900), (-260, 1640)])
    d = ImageDraw.Draw(canvas)
    # the old fig tree, still in its corner
    d.polygon([(520, 1500), (560, 1500), (600, 900), (575, 880)], fill=(92, 78, 62, 255))
    d.line([(590, 1000), (700, 820)], fill=(92, 78, 62, 255), width=26)
    d.line([(585, 1050), (470, 900)], fill=(92, 78, 62, 255), width=22)
    for _ in range(1400):
        lx, ly = rng.normal(600, 150), rng.normal(800, 105)
        r = rng.uniform(9, 26)
        # darker underneath and away from the sun (upper right)
        light = 0.75 + 0.5 * np.clip((lx - 450) / 400 - (ly - 700) / 400, -0.6, 0.8)
        g = tuple(int(min(255, v)) for v in np.array([52, 92, 40]) * light * rng.uniform(0.8, 1.15)) + (255,)
        a = rng.uniform(0, math.pi)
        d.ellipse([lx - r, ly - r * 0.6, lx + r, ly + r * 0.6], fill=g)
    img = to_array(canvas)
    # afternoon shadow across the lower floor and the back wall
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    shadow = (yy > 0.55 * H + (xx - 0.5 * W) * -0.35) & (yy < by1 + 40) & (xx > bx0)
    floor_shadow = (yy > by1 + 20) & (yy > 1.2 * H - xx * 0.35)
    sh = Image.fromarray(((shadow | floor_shadow) * 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(14))
    s = np.asarray(sh, np.float32) / 255
    img *= (1 - 0.32 * s)[..., None] * np.array([1, 1, 1.04], np.float32)
    out = finish_photo(img, rng, grain=3.0, vignette=0.22, blur=0.8)
    save_jpeg(out, os.path.join(ROOT, "content", "culture", "shusha-caravanserai-courtyard.jpg"))


# --------------------------------------------------------------------------- graphics

INK = (34, 36, 40)
GREY = (120, 122, 126)
PAPER = (250, 248, 243)
RED = (196, 48, 42)


def chart():
    S = 2  # drawn at twice the size, then scaled down for smooth lines
    W, H = 2000 * S, 1250 * S
    im = Image.new("RGB", (W, H), PAPER)
    d = ImageDraw.Draw(im)
    d.rectangle([0, 0, W, 10 * S], fill=RED)
    d.text((90 * S, 60 * S), "Oil is down a fifth; the manat has not moved", font=font(64 * S), fill=INK)
    d.text((90 * S, 150 * S), "Brent crude, dollars a barrel, and the manat's rate to the dollar, weekly, January to June 2025", font=font(34 * S), fill=GREY)
    weeks = 25
    rng = np.random.default_rng(18)
    trend = np.interp(np.arange(weeks), [0, 3, 8, 13, 15, 19, 24], [76, 80, 73, 66, 61, 64, 62])
    brent = trend + rng.normal(0, 1.1, weeks)
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun"]

    def panel(top, bottom, lo, hi, step, values, color, label, fmt, area):
        left, right = 190 * S, W - 110 * S
        def px(i):
            return left + (right - left) * i / (weeks - 1)
        def py(v):
            return bottom - (bottom - top) * (v - lo) / (hi - lo)
        v = lo
        while v <= hi + 1e-9:
            y = py(v)
            d.line([(left, y), (right, y)], fill=(214, 212, 206) if v != lo else INK, width=2 * S)
            t = fmt(v)
            tw = d.textlength(t, font=font(30 * S))
            d.text((left - 20 * S - tw, y - 18 * S), t, font=font(30 * S), fill=GREY)
            v += step
        pts = [(px(i), py(x)) for i, x in enumerate(values)]
        if area:
            d.polygon(pts + [(px(weeks - 1), bottom), (px(0), bottom)], fill=(241, 216, 196))
        d.line(pts, fill=color, width=7 * S, joint="curve")
        d.ellipse([pts[-1][0] - 11 * S, pts[-1][1] - 11 * S, pts[-1][0] + 11 * S, pts[-1][1] + 11 * S], fill=color)
        d.text((left + 10 * S, top - 62 * S), label, font=font(36 * S), fill=INK)
        for m, name in enumerate(months):
            x = px(m * (weeks - 1) / 5.6)
            d.line([(x, bottom), (x, bottom + 12 * S)], fill=INK, width=2 * S)
            d.text((x - 22 * S, bottom + 18 * S), name, font=font(30 * S), fill=GREY)
        return pts

    pts = panel(330 * S, 760 * S, 55, 85, 5, brent, RED, "Brent crude ($ a barrel)", lambda v: f"{v:.0f}", True)
    d.text((pts[0][0] + 20 * S, pts[0][1] - 70 * S), f"${brent[0]:.0f}", font=font(32 * S), fill=RED)
    d.text((pts[-1][0] - 120 * S, pts[-1][1] + 26 * S), f"${brent[-1]:.0f}", font=font(32 * S), fill=RED)
    manat = np.full(weeks, 1.70)
    pts = panel(930 * S, 1110 * S, 1.6, 1.8, 0.1, manat, (28, 84, 150), "Manats per dollar", lambda v: f"{v:.2f}", False)
    d.text((pts[8][0], pts[8][1] - 56 * S), "pegged at 1.70 all year", font=font(32 * S), fill=(28, 84, 150))
    d.text((90 * S, 1190 * S), "Illustrative figures drawn for the example site.  Graphic: Lachin Ledger", font=font(26 * S), fill=GREY)
    save_png(im.resize((W // S, H // S), Image.LANCZOS), os.path.join(STATIC, "brent-manat-2025.png"))


class Map:
    """An equirectangular map drawn at twice its size."""

    def __init__(self, w, h, lon0, lon1, lat0, lat1, S=2, land=(236, 230, 214), sea=(176, 204, 222)):
        self.S, self.W, self.H = S, w * S, h * S
        self.lon0, self.lon1, self.lat0, self.lat1 = lon0, lon1, lat0, lat1
        self.im = Image.new("RGB", (self.W, self.H), land)
        self.d = ImageDraw.Draw(self.im)
        self.sea = sea

    def xy(self, lon, lat):
        return ((lon - self.lon0) / (self.lon1 - self.lon0) * self.W, (self.lat1 - lat) / (self.lat1 - self.lat0) * self.H)

    def wiggle(self, pts, seed, amount=0.25, depth=4):
        """Makes a hand-drawn coastline or river from a few points (midpoint displacement)."""
        rng = np.random.default_rng(seed)
        pts = [tuple(p) for p in pts]
        for k in range(depth):
            out = []
            for a, b in zip(pts, pts[1:]):
                mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
                dx, dy = b[0] - a[0], b[1] - a[1]
                o = rng.normal(0, amount / (1.7**k))
                out += [a, (mx - dy * o, my + dx * o)]
            out.append(pts[-1])
            pts = out
        return pts

    def water(self, lonlats, seed, closed=True):
        pts = [self.xy(*p) for p in lonlats]
        if closed:
            pts = pts + [pts[0]]
        pts = self.wiggle(pts, seed, 0.12)
        self.d.polygon(pts, fill=self.sea, outline=(120, 160, 190))
        self.d.line(pts, fill=(120, 160, 190), width=3 * self.S)

    def river(self, lonlats, seed, width=4):
        pts = self.wiggle([self.xy(*p) for p in lonlats], seed, 0.18, 5)
        self.d.line(pts, fill=(120, 160, 200), width=width * self.S, joint="curve")

    def route(self, lonlats, color, width=9, dash=None, seed=1):
        pts = self.wiggle([self.xy(*p) for p in lonlats], seed, 0.04, 3)
        if not dash:
            self.d.line(pts, fill=(255, 255, 255), width=(width + 6) * self.S, joint="curve")
            self.d.line(pts, fill=color, width=width * self.S, joint="curve")
            return
        on, off = dash[0] * self.S, dash[1] * self.S
        # walk the polyline and draw dashes
        acc, drawing = 0.0, True
        for a, b in zip(pts, pts[1:]):
            seg = math.dist(a, b)
            pos = 0.0
            while pos < seg:
                left = (on if drawing else off) - acc
                stepl = min(left, seg - pos)
                p0 = (a[0] + (b[0] - a[0]) * pos / seg, a[1] + (b[1] - a[1]) * pos / seg)
                p1 = (a[0] + (b[0] - a[0]) * (pos + stepl) / seg, a[1] + (b[1] - a[1]) * (pos + stepl) / seg)
                if drawing:
                    self.d.line([p0, p1], fill=color, width=width * self.S)
                pos += stepl
                acc += stepl
                if acc >= (on if drawing else off) - 1e-6:
                    acc, drawing = 0.0, not drawing

    def town(self, lon, lat, name, dx=14, dy=-20, size=30, capital=False, anchor="l"):
        x, y = self.xy(lon, lat)
        S = self.S
        r = (11 if capital else 8) * S
        self.d.ellipse([x - r, y - r, x + r, y + r], fill=INK if capital else PAPER, outline=INK, width=3 * S)
        f = font(size * S)
        tw = self.d.textlength(name, font=f)
        tx = x + dx * S if anchor == "l" else x - dx * S - tw
        for ox in (-3, 0, 3):
            for oy in (-3, 0, 3):
                self.d.text((tx + ox * S, y + dy * S + oy * S), name, font=f, fill=(250, 248, 240))
        self.d.text((tx, y + dy * S), name, font=f, fill=INK)

    def label(self, lon, lat, text, size=28, color=(150, 140, 120), spacing=6):
        x, y = self.xy(lon, lat)
        f = font(size * self.S)
        text = " ".join(text)  # letter-spaced, as maps label countries
        tw = self.d.textlength(text, font=f)
        self.d.text((x - tw / 2, y), text, font=f, fill=color)

    def relief(self, seed, boxes):
        """Soft hill shading inside lon/lat boxes, for the mountain ranges."""
        rng = np.random.default_rng(seed)
        a = np.asarray(self.im, np.float32).copy()
        n = value_noise(rng, self.W // 4, self.H // 4, octaves=6, base=16, persistence=0.6)
        hs = np.gradient(n, axis=1) - np.gradient(n, axis=0)
        hs = np.asarray(Image.fromarray(((hs - hs.min()) / (np.ptp(hs) + 1e-6) * 255).astype(np.uint8)).resize((self.W, self.H), Image.BICUBIC), np.float32) / 255
        mask = Image.new("L", (self.W, self.H), 0)
        md = ImageDraw.Draw(mask)
        for box in boxes:
            md.polygon([self.xy(*p) for p in box], fill=255)
        m = np.asarray(mask.filter(ImageFilter.GaussianBlur(40 * self.S)), np.float32) / 255
        a *= (1 + (hs - 0.5) * 0.5 * m)[..., None]
        a -= (m * 14)[..., None]
        self.im = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
        self.d = ImageDraw.Draw(self.im)

    def title(self, title, sub, credit):
        S, d = self.S, self.d
        d.rectangle([0, 0, self.W, 200 * S], fill=PAPER)
        d.rectangle([0, 0, self.W, 10 * S], fill=RED)
        d.text((70 * S, 42 * S), title, font=font(58 * S), fill=INK)
        d.text((70 * S, 120 * S), sub, font=font(32 * S), fill=GREY)
        d.rectangle([0, self.H - 64 * S, self.W, self.H], fill=PAPER)
        d.text((70 * S, self.H - 50 * S), credit, font=font(26 * S), fill=GREY)

    def legend(self, x, y, items):
        S, d = self.S, self.d
        d.rectangle([x * S, y * S, (x + 560) * S, (y + 40 + 56 * len(items)) * S], fill=PAPER, outline=(200, 196, 186), width=2 * S)
        for i, (color, dash, text) in enumerate(items):
            yy = (y + 40 + 56 * i) * S
            if dash:
                for k in range(3):
                    d.line([((x + 30 + k * 28) * S, yy), ((x + 46 + k * 28) * S, yy)], fill=color, width=9 * S)
            else:
                d.line([((x + 30) * S, yy), ((x + 110) * S, yy)], fill=color, width=9 * S)
            d.text(((x + 130) * S, yy - 18 * S), text, font=font(30 * S), fill=INK)

    def save(self, path):
        save_png(self.im.resize((self.W // self.S, self.H // self.S), Image.LANCZOS), path)


def routes_map():
    m = Map(2000, 1250, 37.0, 77.5, 20.9, 52.6)
    # the seas, roughly
    m.water([(46.7, 44.6), (47.6, 45.7), (49.2, 46.5), (51.2, 47.1), (53.1, 46.8), (53.2, 45.4), (51.3, 44.6), (50.3, 44.3),
             (51.3, 43.1), (52.7, 42.0), (52.8, 41.1), (53.0, 40.1), (53.9, 39.5), (53.6, 38.4), (54.0, 37.3), (53.8, 36.9),
             (51.8, 36.6), (50.3, 37.1), (49.0, 37.7), (48.8, 38.5), (49.2, 39.3), (49.4, 40.2), (50.3, 40.4), (49.6, 40.7),
             (48.6, 41.8), (47.5, 42.9), (47.4, 43.7)], 11)
    m.water([(34.0, 46.0), (36.5, 45.3), (37.5, 44.7), (38.8, 44.3), (39.9, 43.5), (40.9, 43.0), (41.6, 42.3), (41.7, 41.6),
             (41.0, 41.1), (39.5, 41.0), (38.0, 41.0), (34.0, 41.6)], 12)
    m.water([(47.9, 30.0), (48.7, 29.9), (50.3, 29.3), (51.4, 27.9), (53.5, 26.8), (54.8, 26.5), (56.3, 27.1), (57.3, 25.8),
             (59.0, 25.4), (61.6, 25.2), (64.0, 25.3), (66.6, 25.4), (67.0, 24.8), (67.5, 24.0), (68.3, 23.5), (70.3, 22.4),
             (72.8, 21.0), (73.0, 19.0), (59.0, 19.0), (59.8, 22.5), (58.8, 23.5), (57.5, 23.8), (56.5, 24.6), (56.35, 26.2),
             (55.6, 25.4), (54.5, 24.2), (52.5, 24.1), (51.6, 24.5), (51.6, 25.3), (51.2, 26.1), (50.8, 25.6), (50.8, 24.8),
             (50.2, 25.7), (50.0, 26.5), (49.5, 27.1), (48.5, 28.3), (48.0, 29.4)], 13)
    m.water([(58.8, 45.9), (59.6, 46.4), (61.0, 46.6), (61.6, 45.6), (61.0, 44.6), (59.9, 44.6), (59.1, 45.0)], 14)  # Aral
    m.relief(5, [
        [(40, 43.5), (44, 43.6), (49.5, 41.5), (48.5, 40.5), (44, 41.5), (40, 42.5)],  # Caucasus
        [(44, 38.5), (47, 33), (52, 28.5), (57, 27), (56, 29.5), (51, 32), (47, 36.5), (45, 39.5)],  # Zagros
        [(66, 34.5), (70, 36.5), (75, 37.5), (75, 34), (71, 33.5), (67, 33.5)],  # Hindu Kush
        [(68.5, 39.5), (75, 41.5), (75, 38.5), (70, 38.0)],  # Pamir and Alay
        [(55, 37.5), (59, 37.5), (61, 36), (55, 36.5)],  # Kopet Dag
    ])
    m.river([(74.5, 35.8), (73.2, 34.6), (72.3, 33.6), (71.5, 31.5), (70.6, 29.0), (68.8, 26.9), (68.2, 25.2), (67.6, 24.1)], 21, 5)
    m.river([(73.0, 37.2), (70.5, 37.4), (68.0, 37.1), (66.0, 37.6), (64.5, 38.7), (62.4, 40.2), (61.0, 41.6), (60.0, 43.3), (59.6, 44.2)], 22, 4)
    m.river([(72.5, 40.9), (70.8, 40.5), (69.2, 41.1), (68.0, 42.6), (66.2, 44.1), (64.0, 45.0), (62.3, 45.9), (61.4, 46.1)], 23, 4)
    m.river([(43.8, 41.8), (45.5, 41.3), (46.8, 40.9), (48.0, 40.0), (48.7, 39.6), (49.3, 39.3)], 24, 3)
    for name, lon, lat in [("KAZAKHSTAN", 70.2, 46.3), ("UZBEKISTAN", 62.0, 42.1), ("TURKMENISTAN", 58.5, 39.6),
                           ("AFGHANISTAN", 65.5, 33.5), ("PAKISTAN", 68.0, 28.6), ("IRAN", 54.5, 32.0),
                           ("AZERBAIJAN", 47.6, 39.2), ("GEORGIA", 44.2, 42.95), ("TURKEY", 39.0, 39.5)]:
        m.label(lon, lat, name, size=26)
    m.label(51.6, 38.7, "Caspian", size=26, color=(90, 130, 160))
    m.label(62.0, 23.7, "Arabian Sea", size=26, color=(90, 130, 160))
    # the three routes
    m.route([(69.24, 41.3), (67.8, 39.7), (67.3, 37.3), (67.1, 36.7), (69.2, 34.55), (71.1, 34.15), (71.5, 34.0), (73.0, 33.6),
             (72.8, 31.7), (71.5, 30.2), (68.9, 27.0), (67.0, 24.9)], RED, 9, seed=31)
    m.route([(69.24, 41.3), (66.9, 39.65), (64.4, 39.8), (63.6, 39.1), (61.8, 37.6), (61.2, 36.5), (59.6, 36.3), (58.2, 32.5),
             (57.3, 29.8), (56.27, 27.18)], (214, 140, 30), 8, seed=32)
    m.route([(69.24, 41.3), (69.6, 42.3), (65.5, 44.8), (62.0, 47.3), (58.5, 46.9), (55.2, 45.3), (53.2, 44.0), (51.2, 43.65)], (40, 96, 160), 8, seed=33)
    m.route([(51.2, 43.65), (50.6, 42.3), (49.87, 40.4)], (40, 96, 160), 7, dash=(22, 14), seed=34)
    m.route([(49.87, 40.4), (47.2, 40.8), (46.36, 40.68), (44.8, 41.7), (42.7, 42.1), (41.67, 42.15)], (40, 96, 160), 8, seed=35)
    for name, lon, lat, cap, anchor, dy in [
        ("Tashkent", 69.24, 41.3, True, "l", -22), ("Karachi", 67.0, 24.86, False, "r", -20), ("Torkham", 71.1, 34.15, False, "r", 8),
        ("Kabul", 69.2, 34.55, True, "r", -14), ("Termez", 67.3, 37.2, False, "l", -12), ("Bandar Abbas", 56.27, 27.18, False, "r", -26),
        ("Mashhad", 59.6, 36.3, False, "l", -12), ("Aktau", 51.2, 43.65, False, "l", -26), ("Baku", 49.87, 40.4, True, "l", -8),
        ("Tbilisi", 44.8, 41.7, True, "l", -34), ("Poti", 41.67, 42.15, False, "r", -30), ("Islamabad", 73.05, 33.7, True, "l", -6),
        ("Ashgabat", 58.4, 37.95, True, "r", -30), ("Bukhara", 64.4, 39.8, False, "r", 6)]:
        m.town(lon, lat, name, capital=cap, anchor=anchor, dy=dy)
    m.title("Three ways from Tashkent to the sea",
            "The routes freight forwarders compare for Uzbek exports; lines show the way goods travel, not exact roads",
            "Coastlines and rivers simplified.  Graphic: Lachin Ledger")
    m.legend(60, 880, [(RED, False, "Karachi: road, 2,800 km"), ((214, 140, 30), False, "Bandar Abbas: 3,000 km"),
                         ((40, 96, 160), False, "Poti: rail and ferry, 3,500 km"), ((40, 96, 160), True, "Caspian ferry")])
    m.save(os.path.join(STATIC, "tashkent-routes-to-the-sea.png"))


def metro_map():
    # a schematic plan of Lahore: lon/lat used loosely, as a local grid
    m = Map(2000, 1250, 74.12, 74.52, 31.36, 31.66, land=(240, 236, 226), sea=(176, 204, 222))
    S, d = m.S, m.d
    rng = np.random.default_rng(7)
    # the built-up area and the street grid, faint
    for _ in range(160):
        lon, lat = rng.uniform(74.15, 74.5), rng.uniform(31.38, 31.64)
        x, y = m.xy(lon, lat)
        r = rng.uniform(30, 90) * S
        d.ellipse([x - r, y - r, x + r, y + r], fill=(232, 226, 212))
    for k in range(40):
        x = rng.uniform(0, m.W)
        d.line([(x, 0), (x + rng.uniform(-300, 300) * S, m.H)], fill=(222, 216, 204), width=3 * S)
        y = rng.uniform(0, m.H)
        d.line([(0, y), (m.W, y + rng.uniform(-200, 200) * S)], fill=(222, 216, 204), width=3 * S)
    # parks
    for lon, lat, r in [(74.32, 31.555, 38), (74.38, 31.587, 30), (74.33, 31.52, 46)]:
        x, y = m.xy(lon, lat)
        d.ellipse([x - r * S, y - r * 0.7 * S, x + r * S, y + r * 0.7 * S], fill=(200, 222, 190))
    # the Ravi and the canal
    m.river([(74.14, 31.66), (74.22, 31.62), (74.27, 31.61), (74.30, 31.595), (74.29, 31.57), (74.24, 31.53), (74.18, 31.48), (74.12, 31.43)], 41, 26)
    m.river([(74.46, 31.66), (74.41, 31.6), (74.36, 31.55), (74.33, 31.50), (74.30, 31.45), (74.27, 31.39), (74.25, 31.36)], 42, 6)
    orange = (236, 118, 30)
    green = (34, 140, 80)
    orange_line = [(74.265, 31.42), (74.28, 31.47), (74.30, 31.51), (74.31, 31.55), (74.325, 31.575), (74.345, 31.58), (74.38, 31.59), (74.41, 31.59), (74.445, 31.595)]
    metro_bus = [(74.29, 31.625), (74.31, 31.59), (74.325, 31.565), (74.33, 31.53), (74.345, 31.5), (74.36, 31.47), (74.375, 31.44)]
    m.route(metro_bus, green, 9, seed=51)
    m.route(orange_line, orange, 12, seed=52)
    m.route([(74.445, 31.595), (74.47, 31.56), (74.48, 31.52), (74.49, 31.48)], orange, 10, dash=(26, 16), seed=53)
    m.route([(74.375, 31.44), (74.40, 31.42), (74.44, 31.41), (74.48, 31.40)], orange, 10, dash=(26, 16), seed=54)
    for route_pts in (orange_line[::2], metro_bus[::2]):
        for lon, lat in route_pts:
            x, y = m.xy(lon, lat)
            d.ellipse([x - 10 * S, y - 10 * S, x + 10 * S, y + 10 * S], fill=(255, 255, 255), outline=INK, width=3 * S)
    # feeder bus routes, dotted
    for pts in ([(74.49, 31.48), (74.46, 31.45), (74.44, 31.41)], [(74.48, 31.52), (74.51, 31.545)], [(74.265, 31.42), (74.22, 31.40)]):
        m.route(pts, (110, 110, 120), 4, dash=(8, 10), seed=60)
    for name, lon, lat, anchor, dy in [("Ali Town", 74.265, 31.42, "l", -4), ("Dera Gujran", 74.445, 31.595, "l", -36),
                                       ("Shahdara", 74.29, 31.625, "r", -20), ("Gajju Matah", 74.375, 31.44, "r", 6),
                                       ("Walled City", 74.315, 31.582, "r", -44), ("Railway Station", 74.335, 31.577, "l", 4)]:
        m.town(lon, lat, name, anchor=anchor, dy=dy)
    for name, lon, lat in [("DHA", 74.43, 31.47), ("Model Town", 74.33, 31.485), ("Johar Town", 74.27, 31.465), ("Cantonment", 74.39, 31.53)]:
        x, y = m.xy(lon, lat)
        d.text((x, y), name, font=font(28 * S), fill=(150, 140, 120))
    m.label(74.205, 31.59, "River Ravi", size=24, color=(90, 130, 160))
    d.text((m.xy(74.455, 31.5)[0], m.xy(74.455, 31.5)[1]), "Eastern suburbs:\nstudy area", font=font(30 * S), fill=orange, spacing=8 * S)
    d.text((m.xy(74.42, 31.395)[0], m.xy(74.42, 31.395)[1] + 16 * S), "Southern suburbs: study area", font=font(30 * S), fill=orange)
    m.title("Where Lahore's metro could go next",
            "The Orange Line and the Metrobus today, and the suburbs the feasibility study will look at",
            "Schematic: routes of the extension are indicative, not decided.  Graphic: Lachin Ledger")
    m.legend(60, 860, [(orange, False, "Orange Line metro"), (green, False, "Metrobus"),
                       (orange, True, "Extension under study"), ((110, 110, 120), True, "Feeder buses (proposed)")])
    m.save(os.path.join(STATIC, "lahore-metro-extension-map.png"))


ALL = {"lachin": lachin, "delhi": delhi, "cricket": cricket, "shusha": shusha,
       "chart": chart, "map": routes_map, "metro": metro_map}

if __name__ == "__main__":
    names = sys.argv[1:] or list(ALL)
    for n in names:
        ALL[n]()
