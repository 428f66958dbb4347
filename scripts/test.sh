#!/usr/bin/env bash
# Runs every test: the Swift test suites (engine, CLI end to end, decision log, server, replay), which
# include checking the shipped policy pack and running its policy tests. Installs the few tools the tests
# use beyond the Swift toolchain first, if they are missing (scripts/install-test-deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-test-deps.sh
# Where the system Python refused pip, the modules live in the project's own virtual environment.
if [ -x .build/test-python/bin/python3 ]; then export PATH="$PWD/.build/test-python/bin:$PATH"; fi
# The tests write bundles, logs and reports to temporary directories: keep them all in one scratch
# directory and remove it when the run ends, however it ends.
scratch="$(mktemp -d "${TMPDIR:-/tmp}/rightsgate-tests.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
export TMPDIR="$scratch"
swift test "$@"
