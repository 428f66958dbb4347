#!/usr/bin/env bash
# Writes the policy book of the shipped pack and renders it in headless Chromium: a screenshot of the first
# checks (docs/images/policy-book.png) and a DOM dump checked for the book's content.
# Usage: scripts/policy-book.sh [OUT_DIR]   (default out/policy-book)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-out/policy-book}"
swift run -q rightsgate docs --policies policies --out "$out" >/dev/null
out=$(cd "$out" && pwd)
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  echo "chromium is not installed: apt-get install -y chromium" >&2
  exit 1
fi
flags=(--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars)
mkdir -p docs/images
"$chromium" "${flags[@]}" --window-size=1100,1500 --screenshot="docs/images/policy-book.png" "file://$out/checks/no-cohosted-collateral.html" 2>/dev/null
"$chromium" "${flags[@]}" --window-size=1100,1500 --screenshot="docs/images/policy-book-check.sv.png" "file://$out/checks/tf-ygl-shield.sv.html" 2>/dev/null
dom=$("$chromium" "${flags[@]}" --dump-dom "file://$out/index.html" 2>/dev/null)
grep -q 'id="no-cohosted-collateral"' <<<"$dom" || { echo "the rendered book lacks the check no-cohosted-collateral" >&2; exit 1; }
echo "book: $out/index.html; screenshots: docs/images/policy-book.png, docs/images/policy-book-check.sv.png"
