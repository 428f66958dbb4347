#!/usr/bin/env bash
# Writes a JSON Lines replay corpus of N records by cycling the proposed-action fixtures
# (fixtures/actions/*.json), each with a new id and a date spread over 2026, every other record wrapped in
# an envelope that carries what happened (`acted` or `not_acted`). Used to measure `rightsgate replay`
# (docs/performance.md, "Replay"); the corpus is never committed.
#
#   scripts/make-replay-corpus.sh 1000000 /tmp/replay-1m.jsonl
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:?usage: scripts/make-replay-corpus.sh COUNT OUTPUT.jsonl}
output=${2:?usage: scripts/make-replay-corpus.sh COUNT OUTPUT.jsonl}

python3 - "$count" "$output" <<'PY'
import datetime, glob, json, sys

count, output = int(sys.argv[1]), sys.argv[2]
fixtures = []
for path in sorted(glob.glob("fixtures/actions/*.json")):
    with open(path, encoding="utf-8") as f:
        fixtures.append(json.load(f))
if not fixtures:
    sys.exit("no fixtures in fixtures/actions/")
start = datetime.date(2026, 1, 1)
outcomes = ["acted", "not_acted"]
with open(output, "w", encoding="utf-8") as out:
    for i in range(count):
        request = dict(fixtures[i % len(fixtures)])
        day = start + datetime.timedelta(days=(i * 7) % 365)
        request["id"] = "replay-%08d" % i
        request["submitted_at"] = day.isoformat() + "T09:00:00Z"
        if i % 2:
            line = {"request": request, "history": {"outcome": outcomes[(i // 2) % 2], "date": day.isoformat(), "id": "case-%08d" % i}}
        else:
            line = request
        out.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")))
        out.write("\n")
print("wrote %d records from %d fixtures to %s" % (count, len(fixtures), output))
PY
