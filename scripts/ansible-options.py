#!/usr/bin/env python3
"""Writes modules/ansible-options.json: the options and aliases ansible-core documents for each module that
Spindle has built in (doc fragments merged, as `ansible-doc -j` reports them). Run it where ansible-core is
installed (`python3 scripts/ansible-options.py`); the conformance test reads the committed file, not Ansible."""
import json
import subprocess
import sys

# Spindle's built-in modules and module aliases that ansible-core also ships (keep in step with modules/registry.ts).
NAMES = [
    "apt", "assert", "blockinfile", "command", "copy", "cron", "debug", "fail", "fetch", "file", "find",
    "get_url", "git", "group", "include_vars", "lineinfile", "package", "pause", "ping", "raw", "replace",
    "script", "service", "set_fact", "setup", "shell", "slurp", "stat", "systemd", "systemd_service",
    "template", "unarchive", "uri", "user", "wait_for",
]


def options_of(doc):
    out = {}
    for name, spec in sorted((doc.get("options") or {}).items()):
        entry = {"type": spec.get("type", "str"), "aliases": sorted(spec.get("aliases") or [])}
        if spec.get("required"):
            entry["required"] = True
        if spec.get("choices"):
            entry["choices"] = [str(c) for c in spec["choices"]]
        out[name] = entry
    return out


def main():
    raw = subprocess.run(["ansible-doc", "-t", "module", "-j", *NAMES], check=True, capture_output=True).stdout
    docs = json.loads(raw)
    version = subprocess.run(["ansible", "--version"], check=True, capture_output=True, text=True).stdout
    result = {"ansible": version.splitlines()[0], "modules": {}}
    for name in NAMES:
        doc = docs[name]["doc"]
        result["modules"][name] = options_of(doc)
    path = sys.argv[1] if len(sys.argv) > 1 else "modules/ansible-options.json"
    with open(path, "w") as handle:
        json.dump(result, handle, indent=1, sort_keys=True)
        handle.write("\n")
    # The repository's formatter owns the layout of committed JSON.
    subprocess.run(["npx", "biome", "format", "--write", path], check=True, capture_output=True)


if __name__ == "__main__":
    main()
