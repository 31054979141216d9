#!/usr/bin/env bash
# The one test command (README, .ci/run): makes sure Debian's Chromium (browser
# tests) and PostgreSQL 15 (store tests) are there, type-checks, then runs every
# vitest suite.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests need, installed (one apt-get update for all) when
# missing and we are root: Chromium for the browser tests, PostgreSQL 15 for the
# store and queue tests. Those tests start a throwaway cluster of their own with
# the package's binaries and never use the system's postgresql service.
missing=()
needed_for=()
if [ ! -x /usr/bin/chromium ]; then
  missing+=(chromium)
  needed_for+=("browser tests need /usr/bin/chromium")
fi
if [ ! -x /usr/lib/postgresql/15/bin/initdb ]; then
  missing+=(postgresql-15)
  needed_for+=("store tests need /usr/lib/postgresql/15/bin/initdb")
fi
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    for package in "${missing[@]}"; do
      case "$package" in
        chromium) echo "test: installing Debian's chromium for the browser tests" >&2 ;;
        *) echo "test: installing Debian's $package for the store tests" >&2 ;;
      esac
    done
    # postgresql-15's install would start the system's cluster: a policy-rc.d
    # that says "no" (exit 101) keeps services from starting during the install
    # (Docker images usually have one already; ours is removed afterwards).
    policy=/usr/sbin/policy-rc.d
    own_policy=
    if [ ! -e "$policy" ]; then
      printf '#!/bin/sh\nexit 101\n' >"$policy"
      chmod +x "$policy"
      own_policy=1
      trap 'rm -f "$policy"' EXIT
    fi
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    if [ -n "$own_policy" ]; then
      rm -f "$policy"
      trap - EXIT
    fi
    # In case the service started anyway (a policy-rc.d of ours was not consulted).
    case " ${missing[*]} " in
      *" postgresql-15 "*) service postgresql stop >/dev/null 2>&1 || true ;;
    esac
  else
    for i in "${!missing[@]}"; do
      echo "test: ${needed_for[$i]}: run 'sudo apt-get install -y ${missing[$i]}' and try again" >&2
    done
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
