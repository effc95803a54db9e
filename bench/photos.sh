#!/usr/bin/env bash
# Photos, measured three ways, in one run:
#  1. ../shared/bench/compare_photos.sh: N camera-sized JPEGs (4000 x 3000) built by newsdesk and
#     by Hugo (4 widths, WebP and JPEG q80): first build (empty caches) and second, with peaks;
#  2. bench/photo_quality.py: Hugo's 800-wide WebP of each photo against newsdesk's, in bytes
#     and in SSIM to the same reference;
#  3. the second build of the same site with and without its photos (hyperfine, medians):
#     nothing changed, and one story's text edited.
#   usage: bench/photos.sh NEWSDESK_BIN [N=20]
# Needs: hugo, hyperfine, ImageMagick, GNU time; Python with pillow, numpy and scikit-image
# (PYTHON=path/to/python, default python3).
set -euo pipefail
ND=$(realpath "${1:?usage: photos.sh NEWSDESK_BIN [N]}"); N=${2:-20}
HERE=$(cd "$(dirname "$0")" && pwd)
SHARED=${SHARED:-$(cd "$HERE/../.." && pwd)/shared}
bash "$SHARED/bench/compare_photos.sh" "$ND" "$N"
"${PYTHON:-python3}" "$HERE/photo_quality.py" "$N"
B=/dev/shm/nd-photos-$N
rm -rf "$B/plain" "$B/plain-out"; cp -r "$B/nd" "$B/plain"; rm -rf "$B/plain/.newsdesk" "$B/plain/static/images"
for f in "$B"/plain/content/news/*.md; do sed -i '/^image/d' "$f"; done
"$ND" build --quiet --site "$B/plain" --output "$B/plain-out"
"$ND" build --quiet --site "$B/nd" --output "$B/nd-out2"
cp "$B/plain/content/news/s1.md" "$B/plain.orig"; cp "$B/nd/content/news/s1.md" "$B/nd.orig"
edit() { echo "sh -c 'cp $1 $2; echo \"Edited \$(date +%s%N).\" >> $2'"; }
hyperfine -N --warmup 2 --runs 20 --export-json "$B/second.json" \
  --prepare true -n "without, nothing changed" "$ND build --quiet --site $B/plain --output $B/plain-out" \
  --prepare true -n "with, nothing changed" "$ND build --quiet --site $B/nd --output $B/nd-out2" \
  --prepare "$(edit "$B/plain.orig" "$B/plain/content/news/s1.md")" -n "without, one edit" "$ND build --quiet --site $B/plain --output $B/plain-out" \
  --prepare "$(edit "$B/nd.orig" "$B/nd/content/news/s1.md")" -n "with, one edit" "$ND build --quiet --site $B/nd --output $B/nd-out2" >/dev/null
cp "$B/plain.orig" "$B/plain/content/news/s1.md"; cp "$B/nd.orig" "$B/nd/content/news/s1.md"
python3 - "$B/second.json" "$N" <<'PY'
import json, sys
t = {r["command"]: r["median"] for r in json.load(open(sys.argv[1]))["results"]}
for what in ("nothing changed", "one edit"):
    a, b = t[f"without, {what}"], t[f"with, {what}"]
    print(f"second build, {what}: without photos {a:.3f} s, with {sys.argv[2]} photos {b:.3f} s (+{b - a:.3f} s)")
PY
