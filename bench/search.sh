#!/usr/bin/env bash
# What search costs a build: one 10,000-article gen_corpus site built with search (the
# default) and the same site with `[search] enabled = false`, side by side in one run
# (hyperfine, medians; GNU time for peaks): a clean build (.newsdesk/ and the output removed
# before each run), then cached builds with nothing changed and with one article's text
# edited. Then the index itself: its files and bytes, and what a reader's browser fetches
# for a two-word query (tests/browser/search.mjs, when playwright-core is at NODE_MODULES).
#   usage: bench/search.sh NEWSDESK_BIN [ARTICLES=10000] [RUNS=5]
# Needs: hyperfine, GNU time (apt-get install -y hyperfine time).
set -euo pipefail
ND=$(realpath "${1:?usage: search.sh NEWSDESK_BIN [ARTICLES] [RUNS]}")
N=${2:-10000}; RUNS=${3:-5}
HERE=$(cd "$(dirname "$0")" && pwd)
SHARED=${SHARED:-$(cd "$HERE/../.." && pwd)/shared}
B=/dev/shm/newsdesk-search-$N
rm -rf "$B"; mkdir -p "$B"
python3 "$SHARED/bench/gen_corpus.py" "$B/with" --articles "$N" >/dev/null
printf 'title = "Bench News"\nbase_url = "https://news.example.org"\n' > "$B/with/site.toml"
cp -r "$B/with" "$B/without"
printf '\n[search]\nenabled = false\n' >> "$B/without/site.toml"

clean() { echo "rm -rf $B/$1/.newsdesk $B/$1-out"; }
hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$B/clean.json" \
  --prepare "$(clean without)" -n "without search, clean" "$ND build --quiet --site $B/without --output $B/without-out" \
  --prepare "$(clean with)" -n "with search, clean" "$ND build --quiet --site $B/with --output $B/with-out"
for s in without with; do
  rm -rf "$B/$s/.newsdesk" "$B/$s-out"
  /usr/bin/time -f "$s search, clean: peak %M KB" "$ND" build --quiet --site "$B/$s" --output "$B/$s-out"
done

WITHOUT_EDIT=$(find "$B/without/content" -name '*.md' | sort | sed -n 2p)
WITH_EDIT=$(find "$B/with/content" -name '*.md' | sort | sed -n 2p)
cp "$WITHOUT_EDIT" "$B/without.orig"; cp "$WITH_EDIT" "$B/with.orig"
edit() { echo "sh -c 'cp $1 $2; echo \"Edited \$(date +%s%N).\" >> $2'"; }
hyperfine -N --warmup 2 --runs $((RUNS * 2)) --export-json "$B/cached.json" \
  --prepare true -n "without search, nothing changed" "$ND build --quiet --site $B/without --output $B/without-out" \
  --prepare true -n "with search, nothing changed" "$ND build --quiet --site $B/with --output $B/with-out" \
  --prepare "$(edit "$B/without.orig" "$WITHOUT_EDIT")" -n "without search, one edit" "$ND build --quiet --site $B/without --output $B/without-out" \
  --prepare "$(edit "$B/with.orig" "$WITH_EDIT")" -n "with search, one edit" "$ND build --quiet --site $B/with --output $B/with-out"
cp "$B/with.orig" "$WITH_EDIT"; "$ND" build --quiet --site "$B/with" --output "$B/with-out"

python3 - "$B" <<'PY'
import json, os, sys
b = sys.argv[1]
med = {r["command"]: sorted(r["times"])[len(r["times"]) // 2]
       for f in ("clean.json", "cached.json") for r in json.load(open(os.path.join(b, f)))["results"]}
for what in ("clean", "nothing changed", "one edit"):
    w, wo = med[f"with search, {what}"], med[f"without search, {what}"]
    print(f"{what:16} with {w:.3f} s, without {wo:.3f} s: +{w - wo:.3f} s ({w / wo:.2f}x)")
files = [os.path.join(d, f) for d, _, fs in os.walk(os.path.join(b, "with-out", "search")) for f in fs]
print(f"index: {len(files)} files, {sum(os.path.getsize(f) for f in files) / 1e6:.1f} MB")
PY
if [ -n "${NODE_MODULES:-}" ]; then
  NODE_MODULES="$NODE_MODULES" node "$HERE/../tests/browser/search.mjs" "$B/with-out" "$B/with/content" | tail -3
fi
