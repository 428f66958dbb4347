#!/usr/bin/env python3
"""Checks recorded HTTP exchanges of `rightsgate serve` against docs/openapi.yaml.

Usage: scripts/validate-openapi.py OPENAPI.yaml EXCHANGES.json [--require-all-operations]

EXCHANGES.json is a list of {"method", "path" (the OpenAPI path template), "status", "content_type",
"headers" (lower-case names), "body" (text)} as the server test suite records them. Every exchange must
be documented (path, method and status), its content type must be one the document lists, its body
must validate against the response schema (OpenAPI 3.1 / JSON Schema 2020-12, with
docs/schema/decision.schema.json resolved), and headers the document marks required must be present.
With --require-all-operations, every documented operation must have been exercised at least once.

Exit status: 0 all conform, 1 a mismatch (each printed), 2 missing Python packages or bad input.
"""
import json
import pathlib
import sys

try:
    import yaml
    from jsonschema.exceptions import best_match
    from openapi_schema_validator import OAS31Validator
    from openapi_spec_validator import validate as validate_spec
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012
except ImportError as error:  # pragma: no cover - environment problem, reported clearly
    print(f"validate-openapi: missing Python package ({error.name}); install with: "
          "python3 -m pip install jsonschema openapi-schema-validator openapi-spec-validator PyYAML",
          file=sys.stderr)
    sys.exit(2)


def load_registry(spec_path: pathlib.Path, spec: dict) -> Registry:
    """The OpenAPI document and every JSON file it refers to, under their file URIs (and $id)."""
    resources = [(spec_path.resolve().as_uri(), Resource.from_contents(spec, default_specification=DRAFT202012))]
    for schema_file in (spec_path.parent / "schema").glob("*.json"):
        contents = json.loads(schema_file.read_text())
        resource = Resource.from_contents(contents, default_specification=DRAFT202012)
        resources.append((schema_file.resolve().as_uri(), resource))
        if "$id" in contents:
            resources.append((contents["$id"], resource))
    return Registry().with_resources(resources)


def escape(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")


def resolve(spec: dict, node: dict, pointer: str) -> tuple[dict, str]:
    """Follows local `#/...` references (of responses and headers), keeping the JSON pointer of the target."""
    while isinstance(node, dict) and "$ref" in node and node["$ref"].startswith("#/"):
        pointer = node["$ref"][1:]
        target = spec
        for part in pointer[1:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node, pointer


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    spec_path = pathlib.Path(argv[1])
    exchanges = json.loads(pathlib.Path(argv[2]).read_text())
    require_all = "--require-all-operations" in argv[3:]
    spec = yaml.safe_load(spec_path.read_text())

    problems = []
    try:
        validate_spec(spec, base_uri=spec_path.resolve().as_uri())
    except Exception as error:  # the document itself is not valid OpenAPI 3.1
        problems.append(f"{spec_path}: not a valid OpenAPI document: {error}")

    registry = load_registry(spec_path, spec)
    base = spec_path.resolve().as_uri()
    exercised = set()
    for number, exchange in enumerate(exchanges):
        method, path, status = exchange["method"].lower(), exchange["path"], str(exchange["status"])
        where = f"#{number} {method.upper()} {path} -> {status}"
        operation = spec.get("paths", {}).get(path, {}).get(method)
        if operation is None:
            problems.append(f"{where}: the operation is not documented")
            continue
        exercised.add((path, method))
        responses = operation.get("responses", {})
        key = status if status in responses else "default"
        if key not in responses:
            problems.append(f"{where}: status {status} is not documented")
            continue
        response, pointer = resolve(spec, responses[key], f"/paths/{escape(path)}/{method}/responses/{key}")
        for name, header in (response.get("headers") or {}).items():
            header, _ = resolve(spec, header, "")
            if header.get("required") and name.lower() not in exchange.get("headers", {}):
                problems.append(f"{where}: required header {name} is missing")
        content = response.get("content") or {}
        media = (exchange.get("content_type") or "").split(";")[0].strip().lower()
        if not content:
            continue
        if media not in content:
            problems.append(f"{where}: content type {media!r} is not documented (documented: {', '.join(content)})")
            continue
        if "schema" not in content[media]:
            continue
        body = exchange.get("body", "")
        if media.endswith("json"):
            try:
                instance = json.loads(body)
            except json.JSONDecodeError as error:
                problems.append(f"{where}: the body is not JSON: {error}")
                continue
        else:
            instance = body
        # Validate through an absolute reference into the document, so that the schema's own references
        # (to components and to schema/decision.schema.json) resolve from where it stands.
        schema_pointer = f"{pointer}/content/{escape(media)}/schema"
        validator = OAS31Validator({"$ref": f"{base}#{schema_pointer}"}, registry=registry)
        error = best_match(validator.iter_errors(instance))
        if error is not None:
            location = "/".join(str(part) for part in error.absolute_path) or "(root)"
            problems.append(f"{where}: body does not match {schema_pointer} at {location}: {error.message[:300]}")

    if require_all:
        for path, item in spec.get("paths", {}).items():
            for method in item:
                if method in {"get", "post", "put", "delete", "patch"} and (path, method) not in exercised:
                    problems.append(f"{method.upper()} {path}: documented but never exercised by the tests")

    for problem in problems:
        print(problem)
    print(f"validate-openapi: {len(exchanges)} exchanges, {len(exercised)} operations, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
