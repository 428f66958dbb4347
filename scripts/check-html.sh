#!/usr/bin/env bash
# Checks an HTML report in headless Chromium: it must render (the DOM is dumped and a screenshot taken),
# log no console message at all (the report has no script, so any message is a fault), and reference no
# external resource (every host name resolves to nowhere, and the rendered DOM is searched for remote
# src/href/url()/@import). Used by the replay tests; CI installs chromium (see .ci/run).
#
#   scripts/check-html.sh report.html              # exit 0 ok, 1 problems, 2 usage, 3 no chromium
#   CHECK_HTML_SCREENSHOT=shot.png scripts/check-html.sh report.html   # keep the screenshot
set -euo pipefail

file=${1:-}
if [ -z "$file" ] || [ ! -f "$file" ]; then
  echo "usage: scripts/check-html.sh FILE.html" >&2
  exit 2
fi
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "chromium is not installed (apt-get install -y chromium)" >&2
  exit 3
fi

absolute="$(cd "$(dirname "$file")" && pwd)/$(basename "$file")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
flags=(--headless --no-sandbox --disable-gpu --no-first-run --disable-extensions --disable-sync
       --user-data-dir="$work/profile" --host-resolver-rules="MAP * ~NOTFOUND"
       --enable-logging=stderr --v=0)

if ! "$browser" "${flags[@]}" --dump-dom "file://$absolute" > "$work/dom.html" 2> "$work/dom.log"; then
  echo "chromium failed to render $file:" >&2
  grep -v dbus "$work/dom.log" >&2 || true
  exit 1
fi
"$browser" "${flags[@]}" --window-size=1280,2400 --screenshot="$work/shot.png" "file://$absolute" \
  > /dev/null 2> "$work/shot.log" || true

problems=0
if grep -h ':CONSOLE' "$work/dom.log" "$work/shot.log" >&2; then
  echo "console messages while rendering $file (above)" >&2
  problems=1
fi
if grep -Eio '(src|href)="(https?:)?//[^"]*"|url\((["'"'"'])?(https?:)?//|@import' "$work/dom.html" >&2; then
  echo "external resources referenced by $file (above)" >&2
  problems=1
fi
if ! grep -q '<svg' "$work/dom.html"; then
  echo "no chart (<svg>) in the rendered DOM of $file" >&2
  problems=1
fi
if [ ! -s "$work/shot.png" ]; then
  echo "chromium took no screenshot of $file" >&2
  problems=1
elif [ -n "${CHECK_HTML_SCREENSHOT:-}" ]; then
  cp "$work/shot.png" "$CHECK_HTML_SCREENSHOT"
fi
if [ "$problems" -eq 0 ]; then
  echo "ok: $file renders in $(basename "$browser") with $(grep -o '<svg' "$work/dom.html" | wc -l) charts, no console message, no external resource"
fi
exit "$problems"
