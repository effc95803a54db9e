#!/usr/bin/env bash
# Build a synthetic 10,000-article site with newsdesk and with Hugo, side by side, and print
# both times (median of runs), peak memory and the ratios newsdesk/hugo.
#   usage: bench/compare.sh [ARTICLES=10000] [RUNS=5]
# Installs Hugo, hyperfine and GNU time from Debian's packages when missing.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-$(cd "$ROOT/.." && pwd)/shared}
missing=0
for c in hugo hyperfine /usr/bin/time; do command -v "$c" >/dev/null || missing=1; done
if [ $missing = 1 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo hyperfine time >/dev/null
fi
cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml"
bash "$SHARED/bench/compare_hugo.sh" "$ROOT/target/release/newsdesk" "${1:-10000}" "${2:-5}"
