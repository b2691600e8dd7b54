#!/bin/sh
# Runs the scenario-parser fuzzer for TAFEL_FUZZ_SECONDS (default 30) on a copy of its
# corpus, so the checked-in corpus never changes. Crash inputs are kept in the current
# directory. Exits 77 (CTest: skipped) when the fuzz preset was not built.
#   run_fuzz.sh FUZZER CORPUS_DIR
fuzzer="$1"; corpus="$2"
if [ ! -x "$fuzzer" ]; then
  echo "SKIPPED: $fuzzer is not built (cmake --preset fuzz && cmake --build --preset fuzz; ./run test does both)"
  exit 77
fi
artifacts="$(pwd)/"
work="$(mktemp -d "${TMPDIR:-/tmp}/tafel-fuzz.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cp -r "$corpus"/. "$work/"
"$fuzzer" -max_total_time="${TAFEL_FUZZ_SECONDS:-30}" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
  -print_final_stats=1 -artifact_prefix="$artifacts" "$work"
