#!/usr/bin/env bash
# Runs the same generated response (default 1,000 sessions) through .NET's
# DataContractSerializer under Mono and through this crate, reading and writing, warmed up,
# and prints both throughputs and their ratios.
#   scripts/compare-dotnet.sh [SESSIONS] [SECONDS]
# Needs Mono: apt-get install -y mono-mcs mono-runtime libmono-system-runtime-serialization4.0-cil
set -euo pipefail
cd "$(dirname "$0")/.."
sessions="${1:-1000}"
seconds="${2:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

bash dotnet/build.sh "$work/harness.exe" >/dev/null
cargo build --release --quiet --example generate_large --example throughput
target="${CARGO_TARGET_DIR:-target}/release/examples"
"$target/generate_large" "$sessions" > "$work/large.xml"

dotnet="$(mono "$work/harness.exe" bench "$work/large.xml" "$seconds")"
ours="$("$target/throughput" "$work/large.xml" "$seconds")"
echo "$dotnet"
echo "$ours"
rate() { echo "$1" | awk -v what="$2" '$0 ~ what { print $3 }'; }
awk -v dr="$(rate "$dotnet" "dotnet read")" -v dw="$(rate "$dotnet" "dotnet write")" \
    -v cr="$(rate "$ours" "crate read")" -v cw="$(rate "$ours" "crate write")" \
    'BEGIN { printf "ratio read: %.1fx .NET\nratio write: %.1fx .NET\n", cr / dr, cw / dw }'
