#!/usr/bin/env bash
# The browser of the e2e suite: Debian's own Chromium package (Playwright's downloaded builds are
# never used; e2e/playwright.config.ts points at /usr/bin/chromium). Installs it when missing.
# Run by `npm test` (scripts/task.mjs) before the suites; needs root (or sudo) and apt-get.
set -euo pipefail

BROWSER=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ -x "$BROWSER" ]; then
	echo "chromium: already installed ($BROWSER)"
	exit 0
fi

as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

command -v apt-get >/dev/null || {
	echo "chromium: $BROWSER is missing and there is no apt-get here; install Chromium and set CHROMIUM_PATH" >&2
	exit 1
}

echo "chromium: installing Debian's chromium package ..."
log=$(mktemp)
# Quiet, but keep apt's output so that a failure can be explained.
if ! as_root apt-get update -qq >"$log" 2>&1 ||
	! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		chromium fonts-liberation >>"$log" 2>&1; then
	tail -n 40 "$log" >&2
	rm -f "$log"
	echo "chromium: apt-get failed" >&2
	exit 1
fi
rm -f "$log"
[ -x "$BROWSER" ] || {
	echo "chromium: installed, but $BROWSER is still missing" >&2
	exit 1
}
echo "chromium: installed ($("$BROWSER" --version 2>/dev/null || echo "$BROWSER"))"
