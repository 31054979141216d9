#!/usr/bin/env bash
# The one test command (README, .ci/run): makes sure Debian's Chromium is there
# for the browser tests, type-checks, then runs every vitest suite.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "test: installing Debian's chromium for the browser tests" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "test: browser tests need /usr/bin/chromium: run 'sudo apt-get install -y chromium' and try again" >&2
    exit 1
  fi
fi

npx tsc --noEmit -p .

# vitest's own summary is not a format CI reads, so a JSON report is summed into
# the plain closing line "N passed, N failed" after vitest's exit code is kept.
report=$(mktemp --suffix=.json)
trap 'rm -f "$report"' EXIT
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
' "$report" || echo "tests: the vitest report could not be read" >&2
exit "$status"
