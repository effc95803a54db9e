#!/usr/bin/env bash
# The engine's cached figures on a site with photos: a 10,000-article gen_corpus site, and the
# same site with 1,000 of its stories given a lead photo (2000 x 1500 camera-like JPEGs, each
# file distinct). Both are built once (the photos are made into .newsdesk/photos then), and
# then timed, side by side (hyperfine, medians): a build with nothing changed, and a build
# after one article's text was edited. The difference is what photos add to a cached build.
#   usage: bench/photos_corpus.sh NEWSDESK_BIN [ARTICLES=10000] [PHOTOS=1000] [RUNS=10]
# Needs: hyperfine, ImageMagick's convert (apt-get install -y hyperfine imagemagick).
set -euo pipefail
ND=$(realpath "${1:?usage: photos_corpus.sh NEWSDESK_BIN [ARTICLES] [PHOTOS] [RUNS]}")
N=${2:-10000}; P=${3:-1000}; RUNS=${4:-10}
HERE=$(cd "$(dirname "$0")" && pwd)
SHARED=${SHARED:-$(cd "$HERE/../.." && pwd)/shared}
B=/dev/shm/newsdesk-photos-corpus-$N-$P
if [ ! -f "$B/.done" ]; then
  rm -rf "$B"; mkdir -p "$B"
  python3 "$SHARED/bench/gen_corpus.py" "$B/plain" --articles "$N" --flavor newsdesk
  printf 'title = "Bench News"\nbase_url = "https://news.example.org"\nper_page = 20\nfeed_items = 20\n' > "$B/plain/site.toml"
  cp -r "$B/plain" "$B/photos"
  mkdir -p "$B/photos/static/images" "$B/base"
  # Ten base photos; every published file differs from every other by a comment segment,
  # so each is its own photo with its own digest (and is decoded and encoded as one).
  for i in $(seq 0 9); do
    convert -size 2000x1500 plasma:fractal -seed "$i" -quality 88 "$B/base/b$i.jpg"
  done
  python3 - "$B" "$P" <<'PY'
import os, sys
base, count = sys.argv[1], int(sys.argv[2])
articles = sorted(
    os.path.join(d, f)
    for d, _, files in os.walk(os.path.join(base, "photos", "content"))
    for f in files
    if f.endswith(".md") and not f.startswith("_")
)
step = max(1, len(articles) // count)
for n, path in enumerate(articles[::step][:count]):
    jpeg = open(os.path.join(base, "base", f"b{n % 10}.jpg"), "rb").read()
    note = f"photo {n}".encode()
    comment = b"\xff\xfe" + (len(note) + 2).to_bytes(2, "big") + note
    with open(os.path.join(base, "photos", "static", "images", f"p{n}.jpg"), "wb") as out:
        out.write(jpeg[:2] + comment + jpeg[2:])
    text = open(path, encoding="utf-8").read()
    front = f'+++\nimage = "/images/p{n}.jpg"\nimage_alt = "Photo {n}"\n'
    open(path, "w", encoding="utf-8").write(text.replace("+++\n", front, 1))
PY
  touch "$B/.done"
fi
for s in plain photos; do
  start=$(date +%s.%N)
  "$ND" build --quiet --site "$B/$s" --output "$B/$s-out" >/dev/null
  echo "$s: first build (photos made) $(echo "$(date +%s.%N) - $start" | bc) s"
done
PLAIN_EDIT=$(find "$B/plain/content" -name '*.md' | sort | sed -n 2p)
PHOTOS_EDIT=$(find "$B/photos/content" -name '*.md' | sort | sed -n 2p)
cp "$PLAIN_EDIT" "$B/plain.orig"; cp "$PHOTOS_EDIT" "$B/photos.orig"
edit() { echo "sh -c 'cp $1 $2; echo \"Edited \$(date +%s%N).\" >> $2'"; }
hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$B/cached.json" \
  --prepare true -n "plain, nothing changed" "$ND build --quiet --site $B/plain --output $B/plain-out" \
  --prepare true -n "photos, nothing changed" "$ND build --quiet --site $B/photos --output $B/photos-out" \
  --prepare "$(edit "$B/plain.orig" "$PLAIN_EDIT")" -n "plain, one edit" "$ND build --quiet --site $B/plain --output $B/plain-out" \
  --prepare "$(edit "$B/photos.orig" "$PHOTOS_EDIT")" -n "photos, one edit" "$ND build --quiet --site $B/photos --output $B/photos-out" >/dev/null
cp "$B/plain.orig" "$PLAIN_EDIT"; cp "$B/photos.orig" "$PHOTOS_EDIT"
python3 - "$B/cached.json" <<'PY'
import json, sys
t = {r["command"]: r["median"] for r in json.load(open(sys.argv[1]))["results"]}
for what in ("nothing changed", "one edit"):
    plain, photos = t[f"plain, {what}"], t[f"photos, {what}"]
    print(f"{what}: without photos {plain:.3f} s, with photos {photos:.3f} s (+{photos - plain:.3f} s, ratio {photos / plain:.2f})")
PY
