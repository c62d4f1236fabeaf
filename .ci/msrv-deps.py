#!/usr/bin/env python3
"""Fails when a resolved dependency (normal, dev or build) declares a `rust-version` above
the workspace's own, so that a `cargo update` cannot raise the MSRV without a word."""
import json
import subprocess
import sys


def version(text):
    parts = [int(part) for part in text.split(".")]
    return tuple(parts + [0] * (3 - len(parts)))


metadata = json.loads(subprocess.check_output(["cargo", "metadata", "--format-version", "1", "--locked"]))
members = set(metadata["workspace_members"])
own = {p["rust_version"] for p in metadata["packages"] if p["id"] in members}
if len(own) != 1 or None in own:
    sys.exit(f"workspace members must share one rust-version, found {sorted(map(str, own))}")
msrv = own.pop()
too_new = [
    f'{p["name"]} {p["version"]} needs Rust {p["rust_version"]}'
    for p in metadata["packages"]
    if p["id"] not in members and p.get("rust_version") and version(p["rust_version"]) > version(msrv)
]
if too_new:
    sys.exit(f"dependencies above the MSRV {msrv}:\n  " + "\n  ".join(sorted(too_new)))
print(f"MSRV {msrv}: all {len(metadata['packages']) - len(members)} dependencies agree")
