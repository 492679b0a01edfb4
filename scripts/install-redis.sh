#!/usr/bin/env bash
# The Redis of the shared rate-limit tests (server/test/redis-server.ts starts private ones):
# Debian's redis-server package. Installs it when missing; the tests never skip for want of it.
# Run by `npm test` (scripts/task.mjs) before the suites; needs root (or sudo) and apt-get.
set -euo pipefail

REDIS=${REDIS_SERVER:-/usr/bin/redis-server}
if [ -x "$REDIS" ]; then
	echo "redis-server: already installed ($REDIS)"
	exit 0
fi

as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

command -v apt-get >/dev/null || {
	echo "redis-server: $REDIS is missing and there is no apt-get here; install Redis 7 and set REDIS_SERVER" >&2
	exit 1
}

echo "redis-server: installing Debian's redis-server package ..."
log=$(mktemp)
# Quiet, but keep apt's output so that a failure can be explained. The package may start its own
# service on 6379: the tests never use it, they start private ones on free ports.
if ! as_root apt-get update -qq >"$log" 2>&1 ||
	! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		redis-server >>"$log" 2>&1; then
	tail -n 40 "$log" >&2
	rm -f "$log"
	echo "redis-server: apt-get failed" >&2
	exit 1
fi
rm -f "$log"
[ -x "$REDIS" ] || {
	echo "redis-server: installed, but $REDIS is still missing" >&2
	exit 1
}
echo "redis-server: installed ($("$REDIS" --version 2>/dev/null || echo "$REDIS"))"
