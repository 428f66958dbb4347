#!/usr/bin/env bash
# Installs what the tests need beyond the Swift toolchain, only what is missing, so that it costs nothing
# once done: chromium (renders the policy book and the HTML replay report in headless tests) and four
# Python modules (JSON Schema checks of the policy pack, OpenAPI checks of the service's answers).
# Uses apt-get (as root, or through sudo) and pip; says what to install by hand when it cannot.
set -euo pipefail

missing=()
if ! command -v chromium >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "installing chromium (apt-get; about 300 MB, once)" >&2
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq && $sudo apt-get install -y -qq chromium >/dev/null || missing+=("chromium")
  else
    missing+=("chromium")
  fi
fi

if ! command -v python3 >/dev/null 2>&1; then
  missing+=("python3")
elif ! python3 -c "import jsonschema, yaml, openapi_schema_validator, openapi_spec_validator" >/dev/null 2>&1; then
  echo "installing the Python modules jsonschema, pyyaml, openapi-schema-validator, openapi-spec-validator (pip, once)" >&2
  python3 -m pip install -q jsonschema pyyaml openapi-schema-validator openapi-spec-validator \
    || missing+=("python3 modules: jsonschema pyyaml openapi-schema-validator openapi-spec-validator")
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "error: the tests need what could not be installed here: ${missing[*]}" >&2
  echo "       (Debian: apt-get install -y chromium python3-pip; python3 -m pip install jsonschema pyyaml openapi-schema-validator openapi-spec-validator)" >&2
  exit 1
fi
