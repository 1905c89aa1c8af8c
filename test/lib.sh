# test/lib.sh: what `make test`, `make bench` and `make demo` share.
#
# Sourced, not run.  Provides:
#   cx_ensure_dependencies   install (as root) or name (otherwise) what is missing
#   cx_build                 build the extension (warnings as errors under CI)
#   cx_stage_install         install into a private copy of PostgreSQL
#   cx_system_install        make install into the real PostgreSQL (root)
#   cx_start_cluster NAME    a throwaway cluster on a free loopback port
#   cx_stop_clusters         stop every cluster this script started
#   cx_psql ARGS...          psql against the last cluster started
#
# Servers never run as root: as root, they run as the postgres user.  All
# clusters, sockets and outputs live under $CX_WORK, removed on exit.

set -euo pipefail

CX_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CX_PGVERSION=15
CX_PGBIN_SYSTEM=/usr/lib/postgresql/$CX_PGVERSION/bin
CX_WORK=$(mktemp -d /tmp/cxvalue.XXXXXX)
chmod 755 "$CX_WORK"
CX_CLUSTERS=()

cx_say() { printf '%s\n' "== $*" >&2; }

# The repository may sit where the postgres user cannot read (root's home,
# say), so whatever runs as that user starts in $CX_WORK and reads copies.
cx_as_server_user() {
	if [ "$(id -u)" = 0 ]; then
		(cd "${CX_RUN_DIR:-$CX_WORK}" && runuser -u postgres -- "$@")
	else
		(cd "${CX_RUN_DIR:-$CX_WORK}" && "$@")
	fi
}

cx_missing_dependencies() {
	local missing=()
	[ -x "$CX_PGBIN_SYSTEM/postgres" ] || missing+=(postgresql-$CX_PGVERSION)
	[ -x "$CX_PGBIN_SYSTEM/pg_config" ] && [ -f "/usr/include/postgresql/$CX_PGVERSION/server/postgres.h" ] \
		|| missing+=(postgresql-server-dev-$CX_PGVERSION)
	[ -f "/usr/share/postgresql/$CX_PGVERSION/extension/pgtap.control" ] || missing+=(postgresql-$CX_PGVERSION-pgtap)
	command -v pg_prove >/dev/null || missing+=(libtap-parser-sourcehandler-pgtap-perl)
	command -v gcc >/dev/null || missing+=(gcc)
	command -v make >/dev/null || missing+=(make)
	command -v python3 >/dev/null || missing+=(python3)
	# Debian's python3 with statsmodels: the independent check of cx.drivers
	/usr/bin/python3 -c 'import statsmodels.api, scipy.stats' 2>/dev/null || missing+=(python3-statsmodels python3-scipy)
	[ -f /usr/include/postgresql/libpq-fe.h ] || missing+=(libpq-dev)
	# the HTML report: Graphviz lays out its process maps, Chromium renders it in its test
	command -v dot >/dev/null || missing+=(graphviz)
	command -v chromium >/dev/null || missing+=(chromium)
	# test/scripts/debian_package.sh builds the Debian package
	command -v dpkg-buildpackage >/dev/null || missing+=(dpkg-dev)
	command -v dh >/dev/null || missing+=(debhelper)
	command -v fakeroot >/dev/null || missing+=(fakeroot)
	[ -f /usr/share/perl5/Debian/Debhelper/Buildsystem/pgxs.pm ] || missing+=(postgresql-server-dev-all)
	printf '%s\n' "${missing[@]}"
}

cx_ensure_dependencies() {
	local missing
	missing=$(cx_missing_dependencies | xargs)
	[ -z "$missing" ] && return 0
	if [ "$(id -u)" != 0 ]; then
		echo "cxvalue needs these Debian packages, which are not installed:" >&2
		echo "  $missing" >&2
		echo "Install them as root:  apt-get update && apt-get install -y $missing" >&2
		exit 1
	fi
	cx_say "installing $missing"
	# Debian would create and start a cluster of its own; we want none.
	mkdir -p /etc/postgresql-common
	[ -f /etc/postgresql-common/createcluster.conf ] \
		|| echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.conf
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends -o Dpkg::Options::=--force-confold \
		$missing >/dev/null
	missing=$(cx_missing_dependencies | xargs)
	if [ -n "$missing" ]; then
		echo "still missing after apt-get: $missing" >&2
		exit 1
	fi
}

cx_build() {
	local copt=${COPT:-}
	[ "${CI:-}" = true ] && copt="$copt -Werror"
	cx_say "building"
	make -C "$CX_ROOT" -s COPT="$copt" all >/dev/null
}

# A private copy of PostgreSQL with cxvalue installed into it, so that tests
# need no root and never touch the system's installation.  Debian's binaries
# find their share and lib directories relative to themselves.
cx_stage_install() {
	local stage=$CX_WORK/install
	mkdir -p "$stage/usr/lib/postgresql" "$stage/usr/share/postgresql"
	cp -a "/usr/lib/postgresql/$CX_PGVERSION" "$stage/usr/lib/postgresql/"
	cp -a "/usr/share/postgresql/$CX_PGVERSION" "$stage/usr/share/postgresql/"
	make -C "$CX_ROOT" -s install DESTDIR="$stage" >/dev/null
	CX_PGBIN=$stage/usr/lib/postgresql/$CX_PGVERSION/bin
}

cx_system_install() {
	cx_say "installing cxvalue into PostgreSQL $CX_PGVERSION"
	make -C "$CX_ROOT" -s install >/dev/null
	CX_PGBIN=$CX_PGBIN_SYSTEM
}

# A port nothing listens on, below Linux's ephemeral range (32768 and up),
# where outgoing connections could already hold it.  A random start keeps
# concurrent runs from racing for the same port.
cx_free_port() {
	local port offset=$((RANDOM % 4000))
	for port in $(seq $((26000 + offset)) $((26099 + offset))); do
		if ! (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null \
			&& [ ! -e "$CX_WORK/.s.PGSQL.$port" ]; then
			echo "$port"
			return
		fi
	done
	echo "no free loopback port from $((26000 + offset))" >&2
	exit 1
}

# cx_start_cluster NAME [SETTING...]: sets CX_PORT and CX_HOST.
cx_start_cluster() {
	local name=$1 data=$CX_WORK/$1
	shift
	CX_PORT=$(cx_free_port)
	CX_HOST=127.0.0.1
	[ "$(id -u)" = 0 ] && chown postgres: "$CX_WORK"
	cx_as_server_user "$CX_PGBIN/initdb" -D "$data" -U postgres -A trust -E UTF8 \
		--locale=C --no-sync >/dev/null
	{
		echo "listen_addresses = '127.0.0.1'"
		echo "port = $CX_PORT"
		echo "unix_socket_directories = '$CX_WORK'"
		echo "fsync = off"
		echo "synchronous_commit = off"
		echo "shared_buffers = 256MB"
		echo "max_parallel_workers_per_gather = 2"
		echo "jit = off"
		for setting in "$@"; do echo "$setting"; done
	} | cx_as_server_user tee -a "$data/postgresql.conf" >/dev/null
	if ! cx_as_server_user "$CX_PGBIN/pg_ctl" -D "$data" -l "$CX_WORK/$name.log" -w start >/dev/null; then
		tail -n 20 "$CX_WORK/$name.log" >&2
		exit 1
	fi
	CX_CLUSTERS+=("$data")
	cx_say "cluster $name on 127.0.0.1:$CX_PORT"
}

cx_stop_clusters() {
	local data
	for data in "${CX_CLUSTERS[@]}"; do
		cx_as_server_user "$CX_PGBIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
	done
	CX_CLUSTERS=()
}

cx_cleanup() {
	cx_stop_clusters
	rm -rf "$CX_WORK"
}
trap cx_cleanup EXIT

cx_psql() {
	"$CX_PGBIN/psql" -X -v ON_ERROR_STOP=1 -h "$CX_HOST" -p "$CX_PORT" -U postgres "$@"
}
