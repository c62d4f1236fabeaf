#!/usr/bin/env bash
# Writes a generated response of about 1 GB session by session, then reads it back session
# by session, and prints each step's peak resident memory (GNU time's "Maximum resident
# set size; Debian package `time`).   scripts/stream-memory.sh [SESSIONS]   (default 210,000 sessions: ~1.03 GB of XML; 2.3 times as many for ~1.03 GB of JSON)
set -euo pipefail
cd "$(dirname "$0")/.."
sessions="${1:-210000}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
cargo build --release --quiet --example stream_large
bin="${CARGO_TARGET_DIR:-target}/release/examples/stream_large"
peak() { grep "Maximum resident set size" | awk '{ printf "%.1f MB\n", $6 / 1024 }'; }
for format in xml json; do
  file="$dir/large.$format"
  count="$sessions"
  # The same sessions take less than half the bytes in JSON: write more of them.
  [ "$format" = json ] && count=$((sessions * 23 / 10))
  echo "$format write: $( { /usr/bin/time -v "$bin" write "$count" "$file" ; } 2>&1 | peak ) peak RSS, $(stat -c %s "$file") bytes"
  out="$( { /usr/bin/time -v "$bin" read "$file" ; } 2>&1 )"
  echo "$format read: $(echo "$out" | peak) peak RSS; $(echo "$out" | head -1)"
  rm -f "$file"
done
