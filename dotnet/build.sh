#!/usr/bin/env bash
# Build the .NET reference harness with Mono: dotnet/build.sh OUT_EXE
set -euo pipefail
if [ $# -ne 1 ]; then echo "usage: $0 OUT_EXE" >&2; exit 2; fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$(dirname "$1")"
mcs -nologo -optimize+ -r:System.Runtime.Serialization -r:System.Xml -out:"$1" "$here/Harness.cs"
