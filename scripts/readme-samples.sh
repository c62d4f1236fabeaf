#!/usr/bin/env bash
# Rewrites the sample outputs of README.md and docs/validate.md (each fenced block after a
# `<!-- sample: … -->` line) from what the command line prints now, with the counts quoted
# before them. `cargo test` fails while they are out of date (cli/tests/cli/readme.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
EVOVOICE_UPDATE_SAMPLES=1 cargo test -p evovoice-contracts-cli --test cli readme:: -- --test-threads 1
