#!/usr/bin/env python3
"""Validates policy and source-registry YAML files against docs/schema/*.schema.json.

Usage: scripts/validate-policy-schema.py DIR_OR_FILE...
Files with a top-level `sources:` key are checked against sources.schema.json, others against
policy.schema.json; files under tests/ and replay/ are skipped. Exits 1 on the first invalid file set,
printing every problem with its file and JSON path.
"""
import json
import os
import sys

import jsonschema
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMAS = os.path.join(HERE, "..", "docs", "schema")


class Loader(yaml.SafeLoader):
    """YAML as the policy loader reads it: dates stay text (RightsGate parses them itself)."""


Loader.yaml_implicit_resolvers = {
    k: [(tag, regexp) for tag, regexp in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def files(paths):
    for path in paths:
        if os.path.isfile(path):
            yield path
            continue
        for root, dirs, names in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in ("tests", "replay"))
            for name in sorted(names):
                if name.endswith((".yaml", ".yml")):
                    yield os.path.join(root, name)


def main(argv):
    policy = json.load(open(os.path.join(SCHEMAS, "policy.schema.json")))
    sources = json.load(open(os.path.join(SCHEMAS, "sources.schema.json")))
    checked, problems = 0, 0
    for path in files(argv or ["policies"]):
        document = yaml.load(open(path, encoding="utf-8"), Loader=Loader) or {}
        schema = sources if isinstance(document, dict) and "sources" in document else policy
        validator = jsonschema.Draft202012Validator(schema)
        for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
            where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
            print(f"{path}: {where}: {error.message}")
            problems += 1
        checked += 1
    print(f"{checked} files checked, {problems} problems")
    return 1 if problems or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
