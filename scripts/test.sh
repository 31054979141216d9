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
npx vitest run "$@"
