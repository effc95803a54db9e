#!/usr/bin/env python3
"""The 800-wide WebP copies of newsdesk and Hugo, side by side: bytes and SSIM.

Reads what `../shared/bench/compare_photos.sh` left in /dev/shm/nd-photos-N (the camera
photos, Hugo's output and newsdesk's) and compares, photo by photo, Hugo's 800-wide WebP at
q80 with newsdesk's 800-wide WebP. Both are measured against the same reference: the camera
photo resized to 800 wide by ImageMagick (its default filter), kept lossless.

    usage: photo_quality.py [N=20]
    needs: ImageMagick's convert; Pillow, numpy and scikit-image (pip install pillow
           scikit-image), e.g. in a venv: python -m venv v && v/bin/pip install scikit-image pillow
"""
import glob
import os
import subprocess
import sys

import numpy as np
from PIL import Image
from skimage.metrics import structural_similarity

n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
base = f"/dev/shm/nd-photos-{n}"


def pixels(path):
    return np.asarray(Image.open(path).convert("RGB"))


def ssim(a, b):
    return structural_similarity(a, b, channel_axis=2, data_range=255)


rows = []
for i in range(1, n + 1):
    source = f"{base}/photos/p{i}.jpg"
    reference = f"{base}/ref-{i}.png"
    if not os.path.exists(reference):
        subprocess.run(["convert", source, "-resize", "800x", reference], check=True)
    hugo = glob.glob(f"{base}/hugo-out/photos/p{i}_*_800x0_*.webp")
    ours = glob.glob(f"{base}/nd-out/images/p{i}.*.800.webp")
    if len(hugo) != 1 or len(ours) != 1:
        sys.exit(f"photo {i}: expected one 800-wide WebP of each, found {hugo} {ours}")
    ref = pixels(reference)
    rows.append(
        (
            i,
            os.path.getsize(hugo[0]),
            ssim(ref, pixels(hugo[0])),
            os.path.getsize(ours[0]),
            ssim(ref, pixels(ours[0])),
        )
    )

print(f"{'photo':>5} {'hugo bytes':>11} {'hugo SSIM':>9} {'newsdesk bytes':>14} {'newsdesk SSIM':>13}")
for i, hb, hs, nb, ns in rows:
    print(f"{i:>5} {hb:>11} {hs:>9.4f} {nb:>14} {ns:>13.4f}")
hb = sum(r[1] for r in rows)
nb = sum(r[3] for r in rows)
hs = sum(r[2] for r in rows) / len(rows)
ns = sum(r[4] for r in rows) / len(rows)
fewer = sum(1 for r in rows if r[3] < r[1])
no_worse = sum(1 for r in rows if r[4] >= r[2])
print(f"total bytes: hugo {hb}, newsdesk {nb} (ratio {nb / hb:.3f}); mean SSIM: hugo {hs:.4f}, newsdesk {ns:.4f}")
both = sum(1 for r in rows if r[3] < r[1] and r[4] >= r[2])
print(f"photos with fewer bytes: {fewer} of {len(rows)}; with no worse SSIM: {no_worse} of {len(rows)}; both: {both} of {len(rows)}")
