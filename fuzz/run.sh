#!/usr/bin/env bash
# The fuzz targets, run long. cargo-fuzz needs a nightly toolchain, which this machine does not
# have, so the targets are the proptest properties of tests/properties.rs (front matter, wire
# import, datelines, slugs, and the tag and place pages of generated sites), run in release
# mode in batches of many cases, each batch with a fresh random seed, for MINUTES minutes
# each (default 3). A failure stops the run and prints the smallest failing input; proptest
# keeps its seed in tests/properties.proptest-regressions, which `cargo test` replays from then
# on: commit that file with the fix.
#
#   fuzz/run.sh                      every target, 3 minutes each
#   MINUTES=10 fuzz/run.sh wire      only the targets whose name contains "wire"
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES=${MINUTES:-3}

# Each target with the cases of one batch (about 10-30 seconds on one core).
TARGETS=(
  "front_matter_never_panics 100000"
  "dateline_detection_never_panics 500000"
  "a_slug_of_a_slug_is_the_same_slug 500000"
  "wire_import_keeps_every_line_and_builds 100000"
  "every_article_is_on_exactly_its_tag_and_place_pages 2000"
)

# Built once: the batches run this binary, whatever is edited meanwhile.
bin=$(cargo test --release --quiet --test properties --no-run --message-format=json |
  sed -n 's/.*"executable":"\([^"]*\/properties-[^"]*\)".*/\1/p' | tail -n 1)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for target in "${TARGETS[@]}"; do
  read -r name cases <<<"$target"
  if [[ -n "${1:-}" && "$name" != *"$1"* ]]; then
    continue
  fi
  start=$SECONDS
  end=$((SECONDS + MINUTES * 60))
  batches=0
  while ((SECONDS < end)); do
    if ! PROPTEST_CASES=$cases "$bin" --exact "$name" >"$log" 2>&1; then
      cat "$log"
      echo "$name: FAILED after $((batches * cases)) passing cases"
      exit 1
    fi
    batches=$((batches + 1))
  done
  echo "$name: $((batches * cases)) cases in $((SECONDS - start)) s, no failure"
done
