#!/usr/bin/env bash
# Builds the release binaries, generates the peer-benchmark corpus if needed, and runs rightsgate-bench.
# Usage: scripts/bench.sh [rightsgate-bench arguments...]   (e.g. scripts/bench.sh engine decode)
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=.build-release
swift build -c release --scratch-path "$scratch" --product rightsgate
swift build -c release --scratch-path "$scratch" --product rightsgate-bench
data=.build/bench-data
# (Re)generate the corpus unless every file the checksums list is there and intact.
if ! (cd "$data" 2>/dev/null && sha256sum --quiet --status -c ../../Benchmarks/workload/SHA256SUMS 2>/dev/null); then
  mkdir -p "$data"
  RIGHTSGATE_BENCH_DATA="$data" python3 Benchmarks/workload/gen.py 10000 100000
fi
(cd "$data" && sha256sum --quiet -c ../../Benchmarks/workload/SHA256SUMS)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -sr)"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
"$scratch/release/rightsgate-bench" --corpus "$data/requests-100000.jsonl" "$@"
