#!/usr/bin/env bash
# The second browser of the e2e suite: Debian's own firefox-esr package, driven over WebDriver BiDi
# by puppeteer-core (e2e/firefox/harness.ts points at /usr/bin/firefox-esr; no browser is ever
# downloaded). Installs it when missing. Run by `npm test` (scripts/task.mjs) before the suites;
# needs root (or sudo) and apt-get.
set -euo pipefail

BROWSER=${FIREFOX_PATH:-/usr/bin/firefox-esr}
if [ -x "$BROWSER" ]; then
	echo "firefox-esr: already installed ($BROWSER)"
	exit 0
fi

as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

command -v apt-get >/dev/null || {
	echo "firefox-esr: $BROWSER is missing and there is no apt-get here; install Firefox ESR and set FIREFOX_PATH" >&2
	exit 1
}

echo "firefox-esr: installing Debian's firefox-esr package ..."
log=$(mktemp)
# apt-get update first: on a fresh machine the package lists may be empty or stale.
if ! as_root apt-get update -qq >"$log" 2>&1 ||
	! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		firefox-esr fonts-liberation >>"$log" 2>&1; then
	tail -n 40 "$log" >&2
	rm -f "$log"
	echo "firefox-esr: apt-get failed" >&2
	exit 1
fi
rm -f "$log"
[ -x "$BROWSER" ] || {
	echo "firefox-esr: installed, but $BROWSER is still missing" >&2
	exit 1
}
echo "firefox-esr: installed ($("$BROWSER" --version 2>/dev/null || echo "$BROWSER"))"
