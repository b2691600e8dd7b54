#!/bin/sh
# Runs `tafel bench sharing --json` and the same agreement rules and requests through
# npm casbin in one go, and prints both medians and their ratio.
#   bench/sharing/compare.sh [TAFEL_BINARY]   (default build/release/tafel; use a release build)
set -eu
root="$(cd "$(dirname "$0")/../.." && pwd)"
tafel="${1:-$root/build/release/tafel}"
work="$(mktemp -d "${TMPDIR:-/tmp}/tafel-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
"$tafel" bench sharing --json --casbin-dir "$work" > "$work/tafel.json"
cat "$work/tafel.json"
node "$root/bench/sharing/casbin-compare.mjs" "$work"
