#!/usr/bin/env bash
# Runs every test: the Swift test suites (engine, CLI end to end, decision log, server, replay), which
# include checking the shipped policy pack and running its policy tests.
set -euo pipefail
cd "$(dirname "$0")/.."
swift test "$@"
