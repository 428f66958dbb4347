#!/usr/bin/env bash
# Installs what the tests need beyond the Swift toolchain, only what is missing, so that it costs nothing
# once done: chromium (renders the policy book and the HTML replay report in headless tests), python3, and
# four Python modules (JSON Schema checks of the policy pack, OpenAPI checks of the service's answers).
#
# Debian packages come from apt-get (as root, or through sudo). The Python modules go into the python3 on
# PATH when its pip may install there; where it may not (Debian's system Python is "externally managed",
# PEP 668), into a virtual environment at .build/test-python, which scripts/test.sh puts first on PATH.
# Says what to install by hand when it cannot.
set -euo pipefail
cd "$(dirname "$0")/.."

modules="jsonschema pyyaml openapi-schema-validator openapi-spec-validator"
venv=.build/test-python
missing=()

apt_install() {
  command -v apt-get >/dev/null 2>&1 || return 1
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing $* (apt-get, once)" >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

has_modules() {
  "$1" -c "import jsonschema, yaml, openapi_schema_validator, openapi_spec_validator" >/dev/null 2>&1
}

command -v chromium >/dev/null 2>&1 || apt_install chromium || missing+=("chromium")
command -v python3 >/dev/null 2>&1 || apt_install python3 python3-venv || missing+=("python3")

if command -v python3 >/dev/null 2>&1 && ! has_modules python3 && ! { [ -x "$venv/bin/python3" ] && has_modules "$venv/bin/python3"; }; then
  echo "installing the Python modules $modules (pip, once)" >&2
  if ! python3 -m pip install -q $modules 2>/dev/null; then
    # The system Python refuses pip (PEP 668) or has none: a virtual environment of the project's own.
    python3 -m venv "$venv" 2>/dev/null || { apt_install python3-venv && python3 -m venv "$venv"; } || true
    if [ -x "$venv/bin/python3" ]; then
      "$venv/bin/python3" -m pip install -q $modules || missing+=("python3 modules: $modules")
    else
      missing+=("python3 venv support (Debian: python3-venv)")
    fi
  fi
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "error: the tests need what could not be installed here: ${missing[*]}" >&2
  echo "       (Debian, as root: apt-get install -y chromium python3 python3-venv; then run scripts/test.sh again)" >&2
  exit 1
fi
