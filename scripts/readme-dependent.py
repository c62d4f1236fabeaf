#!/usr/bin/env python3
"""Builds and runs every Rust example of README.md as a dependent crate would.

For each ```rust block, a crate outside the workspace gets the README's Cargo.toml lines
that apply to it: those of the nearest ```toml block before it in the same section, after
those of the first one ("Setting up"), with `evovoice-contracts` pointing at this checkout.
The block becomes `examples/<name>.rs` (wrapped in `fn main`, as rustdoc wraps a doc test)
and runs from the repository root, whose fixtures the examples read.

    python3 scripts/readme-dependent.py [WORK_DIR]   (default: a new temporary directory)

The crates use this repository's Cargo.lock, so the dependencies are the versions the tests
use, and build offline when they are in Cargo's cache. Exit status 0 when every example
builds and runs; 1 otherwise, with each failure printed.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def blocks(text):
    """(language, code, section) for each fenced block, where section is the heading above it."""
    section, out, fence = "", [], None
    for line in text.splitlines():
        if fence is None:
            m = re.match(r"^```(\S*)", line)
            if m:
                fence = (m.group(1), [])
            elif line.startswith("#"):
                section = line.lstrip("#").strip()
        elif line.startswith("```"):
            out.append((fence[0], "\n".join(fence[1]), section))
            fence = None
        else:
            fence[1].append(line)
    return out


def manifest_lines(toml):
    """The table headers and dependency lines of a README ```toml block."""
    lines = []
    for line in toml.splitlines():
        line = line.split("#", 1)[0].rstrip() if not line.startswith("[") else line.strip()
        if line:
            lines.append(line)
    return lines


def merge(*tomls):
    """One manifest's tables from README blocks: {table: {crate: spec}}."""
    tables = {}
    for toml in tomls:
        table = None
        for line in manifest_lines(toml):
            if line.startswith("["):
                table = tables.setdefault(line, {})
            elif table is not None and "=" in line:
                name, spec = (part.strip() for part in line.split("=", 1))
                table[name] = spec
    return tables


def local(spec):
    """A README spec of evovoice-contracts, pointing at this checkout instead."""
    features = re.search(r"features\s*=\s*(\[[^\]]*\])", spec)
    out = '{ path = "%s"' % ROOT
    if features:
        out += ", features = " + features.group(1)
    return out + " }"


def rust_source(code):
    """A doc test's code as a program: hidden lines shown, wrapped in `fn main`."""
    lines = []
    for line in code.splitlines():
        if line.strip() == "#":
            continue
        lines.append(line[2:] if line.startswith("# ") else line)
    body = "\n".join(lines)
    if re.search(r"\bfn main\s*\(", body):
        return body + "\n"
    return "fn main() {\n" + body + "\n}\n"


def main():
    work = sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="readme-dependent-")
    readme = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    found = blocks(readme)
    tomls = [(i, code, section) for i, (lang, code, section) in enumerate(found) if lang == "toml"]
    if not tomls:
        sys.exit("README.md has no ```toml block")
    base = tomls[0][1]
    crates = {}
    for i, (lang, code, section) in enumerate(found):
        if lang.split(",")[0] != "rust" or "ignore" in lang:
            continue
        own = [t for t in tomls if t[0] < i and t[2] == section and t[0] != tomls[0][0]]
        extra = own[-1][1] if own else ""
        crates.setdefault(extra, []).append((i, code, section))
    failures = []
    target = os.path.join(work, "target")
    for n, (extra, examples) in enumerate(crates.items()):
        crate = os.path.join(work, "dependent-%d" % n)
        os.makedirs(os.path.join(crate, "examples"), exist_ok=True)
        tables = merge(base, extra)
        manifest = '[package]\nname = "readme-dependent-%d"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n' % n
        for table, deps in tables.items():
            manifest += table + "\n"
            for name, spec in deps.items():
                manifest += "%s = %s\n" % (name, local(spec) if name == "evovoice-contracts" else spec)
            manifest += "\n"
        manifest += "[workspace]\n"
        with open(os.path.join(crate, "Cargo.toml"), "w") as f:
            f.write(manifest)
        os.makedirs(os.path.join(crate, "src"), exist_ok=True)
        with open(os.path.join(crate, "src", "lib.rs"), "w") as f:
            f.write("")
        shutil.copy(os.path.join(ROOT, "Cargo.lock"), os.path.join(crate, "Cargo.lock"))
        print("== %s (README lines: %s)" % (crate, ", ".join("%s = %s" % kv for t in tables.values() for kv in t.items())))
        for i, code, section in examples:
            name = "block_%03d" % i
            with open(os.path.join(crate, "examples", name + ".rs"), "w") as f:
                f.write(rust_source(code))
            command = ["cargo", "run", "--quiet", "--offline", "--manifest-path", os.path.join(crate, "Cargo.toml"),
                       "--example", name]
            run = subprocess.run(command, cwd=ROOT, env=dict(os.environ, CARGO_TARGET_DIR=target),
                                 capture_output=True, text=True)
            verdict = "ok" if run.returncode == 0 else "FAILED"
            print("   %s (%s): %s" % (name, section, verdict))
            if run.returncode != 0:
                failures.append((section, run.stderr[-4000:]))
    for section, stderr in failures:
        print("\n---- the example of '%s' ----\n%s" % (section, stderr))
    print("\n%d example(s) failed" % len(failures) if failures else "\nevery example builds and runs")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
