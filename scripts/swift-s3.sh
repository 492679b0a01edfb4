#!/usr/bin/env bash
# Local S3-compatible test server: a single-node OpenStack Swift with its s3api
# middleware, from Debian packages (no Docker, no downloads beyond apt).
#
#   scripts/swift-s3.sh install        install the Debian packages if missing
#   scripts/swift-s3.sh start [DIR]    configure + start on 127.0.0.1, create the bucket
#   scripts/swift-s3.sh stop  [DIR]    stop what `start` started
#   scripts/swift-s3.sh env            print `export` lines for a test runner to eval
#
# DIR defaults to <repo>/.tmp/swift (git-ignored); objects persist there across
# stop/start (delete DIR for a clean slate). Swift stores metadata in xattrs:
# DIR must be on a filesystem with user xattrs (ext4/xfs; tmpfs only on new kernels).
# Environment:
#   SWIFT_PORT       proxy (S3 + Swift API) port, default 8080; backends and
#                    memcached use PORT+10..13
#   S3_BUCKET        bucket created by `start`, default dropgate (public-read), with
#                    a private <bucket>-quarantine beside it (S3_QUARANTINE_BUCKET)
#   S3_REGION        s3api `location`, the SigV4 region clients must sign for, default auto
#   S3_CORS_ORIGINS  comma-separated allowed origins, default http://localhost:5173,http://127.0.0.1:5173
# Credentials are fixed: access key "test:tester", secret "testing" (tempauth user).
# Objects are anonymously readable at http://127.0.0.1:PORT/v1/AUTH_test/<bucket>/<key>.
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUCKET=${S3_BUCKET:-dropgate}
QUARANTINE_BUCKET=$BUCKET-quarantine
REGION=${S3_REGION:-auto}
ORIGINS=${S3_CORS_ORIGINS:-http://localhost:5173,http://127.0.0.1:5173}
ACCESS_KEY='test:tester'
SECRET_KEY='testing'
ACCOUNT='AUTH_test' # tempauth's account for user "test:tester" (reseller prefix AUTH_)
# Backend ports sit just above the proxy port so several instances (different
# SWIFT_PORT) can coexist; they are only reachable from 127.0.0.1.
set_ports() {
	PORT=$1
	OBJ_PORT=$((PORT + 10))
	CON_PORT=$((PORT + 11))
	ACC_PORT=$((PORT + 12))
	MEMCACHED_PORT=$((PORT + 13))
}
set_ports "${SWIFT_PORT:-8080}"
SERVERS=(account container object proxy)
# memcached: tempauth refuses to work without a `cache` filter in the pipeline
# (500 "Memcache required"), and the proxy keeps account/container info there.
# The filter alone would do, but without a daemon every request logs memcache
# connection errors (noise in the log tails we print) and re-reads the backends.
# curl: health checks.
PACKAGES=(swift-proxy swift-account swift-container swift-object memcached curl)

die() {
	echo "swift-s3: $*" >&2
	exit 1
}

# Run as root directly, otherwise through sudo (apt needs root).
as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

port_in_use() { (: >"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Is the process recorded in pid file $1 still running *and still ours*? The
# command line must contain marker $2, so a stale pid file whose pid was reused
# by an unrelated process is never mistaken for our server (nor killed).
pid_alive() {
	local pid
	[ -f "$1" ] || return 1
	pid=$(cat "$1")
	[ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
	tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$2"
}

# What each server's command line contains (see pid_alive).
marker() {
	if [ "$2" = memcached ]; then echo "memcached -l 127.0.0.1 -p $MEMCACHED_PORT"; else echo "$1/etc/$2-server.conf"; fi
}

all_alive() {
	local n
	for n in memcached "${SERVERS[@]}"; do pid_alive "$1/run/$n.pid" "$(marker "$1" "$n")" || return 1; done
}

port_of() {
	case $1 in
	memcached) echo "$MEMCACHED_PORT" ;; account) echo "$ACC_PORT" ;; container) echo "$CON_PORT" ;;
	object) echo "$OBJ_PORT" ;; proxy) echo "$PORT" ;;
	esac
}

any_alive() {
	local n
	for n in memcached "${SERVERS[@]}"; do pid_alive "$1/run/$n.pid" "$(marker "$1" "$n")" && return 0; done
	return 1
}

show_logs() {
	local dir=$1 f
	for f in "$dir"/run/*.log; do
		[ -s "$f" ] || continue
		echo "----- tail of $f -----" >&2
		tail -n 25 "$f" >&2
	done
}

# A failed `start` shows the logs, then stops whatever it did start, so a
# test runner that gives up does not leak servers holding the ports.
fail_start() {
	local dir=$1
	shift
	show_logs "$dir"
	cmd_stop "$dir" >/dev/null 2>&1 || true
	die "$* (logs above; servers stopped)"
}

cmd_install() {
	local missing=() p
	for p in "${PACKAGES[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
	done
	if [ ${#missing[@]} -eq 0 ]; then
		echo "swift-s3: packages already installed"
		return 0
	fi
	echo "swift-s3: installing ${missing[*]} ..."
	local log
	log=$(mktemp)
	# Quiet, but keep the full apt output so a failure can be explained.
	if ! as_root apt-get update -qq >"$log" 2>&1 ||
		! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			"${missing[@]}" >>"$log" 2>&1; then
		tail -n 40 "$log" >&2
		rm -f "$log"
		die "apt-get failed"
	fi
	rm -f "$log"
	# On a machine with an init system the memcached package also starts a
	# system-wide memcached on 11211; we never use it: `start` runs its own
	# (own port, own pid file) so `stop` cleans up everything `start` started.
	echo "swift-s3: installed"
}

write_configs() {
	local dir=$1 etc=$1/etc user n p
	user=$(id -un)
	mkdir -p "$etc" "$dir/srv/node/d1" "$dir/run" "$dir/cache"
	for n in account container object; do
		p=$(port_of "$n")
		cat >"$etc/$n-server.conf" <<EOF
[DEFAULT]
devices = $dir/srv/node
# Not a real mount point: just a directory.
mount_check = false
disable_fallocate = true
bind_ip = 127.0.0.1
bind_port = $p
# workers = 0: serve from the one process we started, so its pid is all there is to kill.
workers = 0
user = $user
swift_dir = $etc
recon_cache_path = $dir/cache
log_level = WARNING

[pipeline:main]
pipeline = $n-server

[app:$n-server]
use = egg:swift#$n
EOF
	done

	cat >"$etc/proxy-server.conf" <<EOF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $PORT
workers = 0
user = $user
swift_dir = $etc
log_level = WARNING

[pipeline:main]
# s3api must sit before tempauth (it turns the S3 signature into auth details
# tempauth checks); slo is needed for S3 multipart uploads, dlo/copy for the
# rest of the S3 API. bucket_cors: see its section.
pipeline = catch_errors bucket_cors gatekeeper healthcheck proxy-logging cache listing_formats s3api tempauth copy slo dlo proxy-logging proxy-server

[app:proxy-server]
use = egg:swift#proxy
# Creates AUTH_test on first use, so no separate account setup.
account_autocreate = true
# CORS for actual (non-preflight) requests, used when the container sets no
# CORS metadata of its own. Swift already exposes etag by default; listed so
# that what the widget relies on (reading ETag after a PUT) is explicit.
cors_allow_origin = $ORIGINS
cors_expose_headers = ETag

[filter:s3api]
use = egg:swift#s3api
# The SigV4 region clients must sign for.
location = $REGION
# Answers S3 CORS preflights (OPTIONS) for these origins.
cors_preflight_allow_origin = $ORIGINS

[filter:tempauth]
use = egg:swift#tempauth
# .admin: owner of the account, may create buckets and set ACLs.
user_test_tester = $SECRET_KEY .admin

[filter:cache]
use = egg:swift#memcache
memcache_servers = 127.0.0.1:$MEMCACHED_PORT

[filter:bucket_cors]
# S3 applies a bucket's CORS rules to every request on it; Swift's proxy adds
# CORS headers only to the object requests its own controllers answer, and
# s3api writes its multipart answers (POST ?uploads, GET/POST/DELETE ?uploadId)
# without them, so a browser could not read them. This adds them where missing
# (our module, written next to this file; the proxy runs with it on PYTHONPATH).
paste.filter_factory = dropgate_bucket_cors:filter_factory
allow_origin = $ORIGINS
expose_headers = ETag

[filter:catch_errors]
use = egg:swift#catch_errors
[filter:gatekeeper]
use = egg:swift#gatekeeper
# Keep a client's X-Timestamp (container sync's header) instead of shunting it aside: tests
# backdate multipart uploads with it on CreateMultipartUpload, so ListMultipartUploads reports an
# Initiated in the past (dropgate storage sweep). Production stores give no such control.
shunt_inbound_x_timestamp = false
[filter:healthcheck]
use = egg:swift#healthcheck
[filter:proxy-logging]
use = egg:swift#proxy_logging
[filter:listing_formats]
use = egg:swift#listing_formats
[filter:copy]
use = egg:swift#copy
[filter:slo]
use = egg:swift#slo
[filter:dlo]
use = egg:swift#dlo
EOF

	cat >"$etc/dropgate_bucket_cors.py" <<'EOF'
# Written by scripts/swift-s3.sh: see [filter:bucket_cors] in proxy-server.conf.


def filter_factory(global_conf, **local_conf):
    origins = [o.strip() for o in local_conf.get('allow_origin', '').split(',') if o.strip()]
    expose = local_conf.get('expose_headers', 'ETag')

    def bucket_cors(app):
        def middleware(environ, start_response):
            origin = environ.get('HTTP_ORIGIN')
            allowed = origin and ('*' in origins or origin in origins)
            if not allowed or environ.get('REQUEST_METHOD') == 'OPTIONS':
                return app(environ, start_response)

            def start(status, headers, exc_info=None):
                if not any(name.lower() == 'access-control-allow-origin' for name, _ in headers):
                    headers = list(headers) + [
                        ('Access-Control-Allow-Origin', origin),
                        ('Access-Control-Expose-Headers', expose),
                        ('Vary', 'Origin'),
                    ]
                return start_response(status, headers, exc_info)

            return app(environ, start)

        return middleware

    return bucket_cors
EOF
}

build_rings() {
	local etc=$1/etc
	# Rings hold the backend ports: rebuild them when SWIFT_PORT changed since
	# they were built. (One device, so the data on disk is still found.)
	if [ "$(cat "$etc/ring-ports" 2>/dev/null)" != "$ACC_PORT $CON_PORT $OBJ_PORT" ]; then
		rm -f "$etc"/*.ring.gz "$etc"/*.builder
		rm -rf "$etc/backups"
	fi
	if [ ! -f "$etc/account.ring.gz" ] || [ ! -f "$etc/container.ring.gz" ] || [ ! -f "$etc/object.ring.gz" ]; then
		# One device, one replica, 2^10 partitions: the smallest useful rings.
		# Built in one Python process with Swift's own RingBuilder (what
		# swift-ring-builder create/add/rebalance does): the CLI pays ~0.8 s of
		# imports per call, ~7 s for the nine calls. /usr/bin/python3 because
		# that is the interpreter the Debian package installs Swift for (a
		# pyenv/venv python3 earlier in PATH would not find it).
		/usr/bin/python3 - "$etc" "$ACC_PORT" "$CON_PORT" "$OBJ_PORT" <<'PY' || die "could not build the rings in $etc"
import sys
from swift.common.ring import RingBuilder

etc = sys.argv[1]
for name, port in zip(("account", "container", "object"), sys.argv[2:]):
    builder = RingBuilder(10, 1, 1)
    builder.add_dev({"region": 1, "zone": 1, "ip": "127.0.0.1", "port": int(port),
                     "replication_ip": "127.0.0.1", "replication_port": int(port),
                     "device": "d1", "weight": 1, "meta": ""})
    builder.rebalance()
    builder.save("%s/%s.builder" % (etc, name))
    builder.get_ring().save("%s/%s.ring.gz" % (etc, name))
PY
	fi
	echo "$ACC_PORT $CON_PORT $OBJ_PORT" >"$etc/ring-ports"
}

s3() {
	S3_ENDPOINT="http://127.0.0.1:$PORT" S3_REGION="$REGION" \
		S3_ACCESS_KEY_ID="$ACCESS_KEY" S3_SECRET_ACCESS_KEY="$SECRET_KEY" \
		node "$REPO_ROOT/scripts/s3-request.mjs" "$@"
}

cmd_start() {
	local dir=${1:-$REPO_ROOT/.tmp/swift}
	local c
	for c in swift-proxy-server memcached curl; do
		command -v "$c" >/dev/null || die "$c not found: run '$0 install' first"
	done
	command -v node >/dev/null || die "node is needed to create the bucket"
	# Swift reads its hash prefix/suffix and storage policies from this fixed
	# path, whatever swift_dir says; the Debian `swift` package ships it.
	[ -r /etc/swift/swift.conf ] || die "/etc/swift/swift.conf is missing (reinstall the 'swift' package)"
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd)

	local n p pidf deadline old
	# One DIR runs one instance: refuse to mix ports with servers still running
	# from a start with another SWIFT_PORT (their configs would be overwritten).
	old=$(cat "$dir/run/port" 2>/dev/null || true)
	if [ -n "$old" ] && [ "$old" != "$PORT" ] && (set_ports "$old" && any_alive "$dir"); then
		die "already running in $dir on port $old; run '$0 stop $dir' first"
	fi
	# Fast path for a second `start`: everything already up. (Servers keep the
	# config they started with: `stop` first to apply changed env settings.)
	if all_alive "$dir" && curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthcheck"; then
		echo "swift-s3: already running on :$PORT ($dir)"
	else
		write_configs "$dir"
		build_rings "$dir"
		echo "$PORT" >"$dir/run/port" # so `stop` finds our ports whatever SWIFT_PORT says then
		for n in memcached "${SERVERS[@]}"; do
			pidf=$dir/run/$n.pid
			# Only (re)start what is not running, e.g. after one server crashed.
			pid_alive "$pidf" "$(marker "$dir" "$n")" && continue
			p=$(port_of "$n")
			port_in_use "$p" &&
				fail_start "$dir" "port $p (for $n) is already taken by another process; set SWIFT_PORT or free it"
			# setsid + redirected stdio: detach from the caller's terminal/process
			# group (a test runner's Ctrl-C or closed pipe must not matter) and keep
			# callers that capture our output from waiting on the servers' stdout.
			if [ "$n" = memcached ]; then
				setsid memcached -l 127.0.0.1 -p "$p" -U 0 -m 32 -u "$(id -un)" \
					>"$dir/run/$n.log" 2>&1 </dev/null &
			else
				# -v: log to the console (our log file); there may be no syslog.
				# PYTHONPATH: the proxy's bucket_cors filter module lives in etc/.
				PYTHONPATH="$dir/etc" setsid "swift-$n-server" "$dir/etc/$n-server.conf" -v \
					>"$dir/run/$n.log" 2>&1 </dev/null &
			fi
			echo $! >"$pidf"
		done

		# Bounded wait: every port must accept connections and the proxy answer
		# its healthcheck; a server that dies is reported at once with its log.
		deadline=$((SECONDS + 30))
		while :; do
			local ok=1
			for n in memcached "${SERVERS[@]}"; do
				pid_alive "$dir/run/$n.pid" "$(marker "$dir" "$n")" ||
					fail_start "$dir" "$n server exited during startup"
			done
			for p in $MEMCACHED_PORT $ACC_PORT $CON_PORT $OBJ_PORT; do
				port_in_use "$p" || ok=0
			done
			[ $ok = 1 ] && curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthcheck" && break
			[ $SECONDS -lt "$deadline" ] || fail_start "$dir" "Swift did not become healthy within 30 s"
			sleep 0.2
		done
		echo "swift-s3: up on http://127.0.0.1:$PORT (region $REGION, dir $dir)"
	fi

	# Bucket: create (an existing one is fine), then (re)apply the canned ACL so
	# objects are anonymously readable at /v1/AUTH_test/<bucket>/<key> even if the
	# bucket was created earlier without it. Without s3_acl, s3api maps
	# public-read onto the container read ACL ".r:*".
	if ! s3 PUT "/$BUCKET" --header x-amz-acl:public-read --ok-exists --quiet ||
		! s3 PUT "/$BUCKET?acl" --header x-amz-acl:public-read --quiet; then
		fail_start "$dir" "could not create bucket '$BUCKET'"
	fi
	echo "swift-s3: bucket '$BUCKET' ready, public at http://127.0.0.1:$PORT/v1/$ACCOUNT/$BUCKET/<key>"
	# The quarantine: a private bucket (no ACL) for uploads not yet checked, as R2 needs one (its
	# public domains serve a whole bucket). S3_QUARANTINE_BUCKET in `env`.
	if ! s3 PUT "/$QUARANTINE_BUCKET" --ok-exists --quiet; then
		fail_start "$dir" "could not create bucket '$QUARANTINE_BUCKET'"
	fi
	echo "swift-s3: bucket '$QUARANTINE_BUCKET' ready, private (the quarantine)"
}

cmd_stop() {
	local dir=${1:-$REPO_ROOT/.tmp/swift} n pidf pid p deadline freed=()
	[ -d "$dir/run" ] || {
		echo "swift-s3: not running (no $dir/run)"
		return 0
	}
	dir=$(cd "$dir" && pwd) # absolute, as `start` recorded it in the command lines
	if [ -f "$dir/run/port" ]; then set_ports "$(cat "$dir/run/port")"; fi
	for n in proxy object container account memcached; do
		pidf=$dir/run/$n.pid
		[ -f "$pidf" ] || continue
		if ! pid_alive "$pidf" "$(marker "$dir" "$n")"; then
			rm -f "$pidf" # already gone (or the pid now belongs to someone else)
			continue
		fi
		pid=$(cat "$pidf")
		kill "$pid" 2>/dev/null || true
		freed+=("$(port_of "$n")")
		# Give it a few seconds to exit cleanly, then insist. (pid_alive, not
		# kill -0: an exited but unreaped process would still pass kill -0.)
		deadline=$((SECONDS + 5))
		while pid_alive "$pidf" "$(marker "$dir" "$n")" && [ $SECONDS -lt $deadline ]; do sleep 0.1; done
		if pid_alive "$pidf" "$(marker "$dir" "$n")"; then kill -9 "$pid" 2>/dev/null || true; fi
		rm -f "$pidf"
	done
	rm -f "$dir/run/port"
	if [ ${#freed[@]} = 0 ]; then
		echo "swift-s3: not running"
		return 0
	fi
	# Wait until the ports we held are really free, so an immediate `start`
	# can bind. (Only ours: after a failed start another process may hold one.)
	deadline=$((SECONDS + 10))
	for p in "${freed[@]}"; do
		while port_in_use "$p"; do
			[ $SECONDS -ge $deadline ] && die "port $p is still in use after stop (another process?)"
			sleep 0.1
		done
	done
	echo "swift-s3: stopped"
}

cmd_env() {
	# %q quoting so `eval "$(scripts/swift-s3.sh env)"` is safe whatever the values.
	printf 'export S3_ENDPOINT=%q\n' "http://127.0.0.1:$PORT"
	printf 'export S3_BUCKET=%q\n' "$BUCKET"
	printf 'export S3_REGION=%q\n' "$REGION"
	printf 'export S3_ACCESS_KEY_ID=%q\n' "$ACCESS_KEY"
	printf 'export S3_SECRET_ACCESS_KEY=%q\n' "$SECRET_KEY"
	printf 'export DROPGATE_PUBLIC_BASE_URL=%q\n' "http://127.0.0.1:$PORT/v1/$ACCOUNT/$BUCKET"
	printf 'export S3_QUARANTINE_BUCKET=%q\n' "$QUARANTINE_BUCKET"
}

usage() {
	# The header comment is the manual.
	awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}" >&2
	exit 2
}

# Without SWIFT_PORT, the default folder's running instance keeps the port it started on (`npm test`
# takes another than 8080 when that is taken), so `start` and `env` find it instead of clashing with it.
if [ -z "${SWIFT_PORT:-}" ] && [ -z "${2:-}" ]; then
	running_port=$(cat "$REPO_ROOT/.tmp/swift/run/port" 2>/dev/null || true)
	if [ -n "$running_port" ] && (set_ports "$running_port" && any_alive "$REPO_ROOT/.tmp/swift"); then
		set_ports "$running_port"
	fi
fi

case ${1:-} in
install) cmd_install ;;
start) cmd_start "${2:-}" ;;
stop) cmd_stop "${2:-}" ;;
env) cmd_env ;;
*) usage ;;
esac
