# test/lib.sh: what `make test`, `make bench` and `make demo` share.
#
# Sourced, not run.  Provides:
#   cx_use_pg_config PATH    test against the PostgreSQL whose pg_config this is
#   cx_ensure_dependencies   install (as root) or name (otherwise) what is missing
#   cx_ensure_pg18           build PostgreSQL 18 and pgTAP once into $CX_CACHE
#   cx_build                 build the extension in a copy of the sources
#                            (warnings as errors under CI)
#   cx_build_fuzzer          build test/fuzz/fuzz_input there too
#   cx_stage_install         install into a private copy of PostgreSQL
#   cx_start_cluster NAME    a throwaway cluster on a free loopback port
#   cx_stop_clusters         stop every cluster this script started
#   cx_psql ARGS...          psql against the last cluster started
#
# Which PostgreSQL: the one whose pg_config $PG_CONFIG names, else Debian 12's
# PostgreSQL 15 (/usr/lib/postgresql/15/bin/pg_config).  A Debian-layout
# pg_config (/usr/lib/postgresql/N/bin, Debian's or PGDG's packages) gets its
# packages installed by name; any other prefix must bring its own pgTAP.
#
# Nothing outside the repository and $CX_WORK changes, except what the user
# asked for by running as root: missing Debian packages are installed.
# Installing postgresql-N would make Debian create and start a "main"
# cluster; to prevent that, /etc/postgresql-common/createcluster.conf says
# create_main_cluster = false for the duration of the apt-get install only,
# and is then restored byte for byte (or removed, if it did not exist).  The
# extension is never installed into the system's PostgreSQL: tests, benchmarks
# and the demo run on a private copy of it under $CX_WORK (cx_stage_install).
# A DBA installs with `make install` or the package.
#
# Servers never run as root: as root, they run as the postgres user.  All
# clusters, sockets and outputs live under $CX_WORK, removed on exit.
# PostgreSQL 18's build is kept under $CX_CACHE (default ~/.cache/cxvalue);
# remove that directory to rebuild it or to reclaim its space.

set -euo pipefail

CX_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CX_SYSTEM_PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config
CX_WORK=$(mktemp -d /tmp/cxvalue.XXXXXX)
chmod 755 "$CX_WORK"
CX_CLUSTERS=()
CX_RESTORE=()			# files to put back on exit: "saved-copy original"

cx_say() { printf '%s\n' "== ${CX_LABEL:+[$CX_LABEL] }$*" >&2; }

# cx_use_pg_config PATH: sets CX_PG_CONFIG, CX_PGVERSION (major),
# CX_PGVERSION_FULL ("15.18") and CX_PG_DEBIAN (Debian's layout or not).
cx_use_pg_config() {
	CX_PG_CONFIG=$1
	CX_PG_DEBIAN=
	if [[ $CX_PG_CONFIG =~ ^/usr/lib/postgresql/([0-9]+)/bin/pg_config$ ]]; then
		CX_PG_DEBIAN=${BASH_REMATCH[1]}
	fi
	CX_PGVERSION=
	CX_PGVERSION_FULL=
	if [ -x "$CX_PG_CONFIG" ]; then
		CX_PGVERSION_FULL=$("$CX_PG_CONFIG" --version | sed 's/^PostgreSQL //; s/ .*//')
		CX_PGVERSION=${CX_PGVERSION_FULL%%.*}
	else
		CX_PGVERSION=$CX_PG_DEBIAN
	fi
}
cx_use_pg_config "${PG_CONFIG:-$CX_SYSTEM_PG_CONFIG}"

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
	local missing=() v=$CX_PG_DEBIAN
	if [ -n "$v" ]; then
		[ -x "/usr/lib/postgresql/$v/bin/postgres" ] || missing+=(postgresql-$v)
		[ -x "/usr/lib/postgresql/$v/bin/pg_config" ] && [ -f "/usr/include/postgresql/$v/server/postgres.h" ] \
			|| missing+=(postgresql-server-dev-$v)
		[ -f "/usr/share/postgresql/$v/extension/pgtap.control" ] || missing+=(postgresql-$v-pgtap)
	fi
	command -v pg_prove >/dev/null || missing+=(libtap-parser-sourcehandler-pgtap-perl)
	command -v gcc >/dev/null || missing+=(gcc)
	command -v make >/dev/null || missing+=(make)
	command -v python3 >/dev/null || missing+=(python3)
	# Debian's python3 with statsmodels and scipy: the independent references of
	# test/scripts/drivers_statsmodels.sh and test/scripts/rates_reference.sh
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

# apt-get install, as root, without a lasting change besides the packages:
# no "main" cluster is created or started (see the header).
cx_apt_install() {
	local conf=${CX_CREATECLUSTER_CONF:-/etc/postgresql-common/createcluster.conf}
	local saved=$CX_WORK/createcluster.conf.saved
	export DEBIAN_FRONTEND=noninteractive
	apt-get -o DPkg::Lock::Timeout=900 update -qq
	if printf '%s\n' "$@" | grep -qE '^postgresql-[0-9]+$'; then
		# postgresql-common installs the file (through ucf) first, so that
		# what is put back is its own version.
		if ! dpkg-query -W -f='${Status}' postgresql-common 2>/dev/null | grep -q 'ok installed'; then
			apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends \
				postgresql-common >/dev/null
		fi
		if [ -e "$conf" ]; then
			cp -p "$conf" "$saved"
			CX_RESTORE+=("$saved $conf")
		else
			mkdir -p "${conf%/*}"
			CX_RESTORE+=("- $conf")
		fi
		echo "create_main_cluster = false" >>"$conf"
	fi
	apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends \
		-o Dpkg::Options::=--force-confold "$@" >/dev/null
	cx_restore_files
}

# Put back what cx_apt_install changed for the time of the install.
cx_restore_files() {
	local entry saved original
	for entry in "${CX_RESTORE[@]}"; do
		saved=${entry%% *}
		original=${entry#* }
		if [ "$saved" = - ]; then
			rm -f "$original"
		else
			cp -p "$saved" "$original"
		fi
	done
	CX_RESTORE=()
}

cx_ensure_dependencies() {
	local missing
	if [ ! -x "$CX_PG_CONFIG" ] && [ -z "$CX_PG_DEBIAN" ]; then
		echo "PG_CONFIG=$CX_PG_CONFIG is not an executable pg_config" >&2
		exit 1
	fi
	missing=$(cx_missing_dependencies | xargs)
	if [ -n "$missing" ]; then
		if [ "$(id -u)" != 0 ]; then
			echo "cxvalue needs these Debian packages, which are not installed:" >&2
			echo "  $missing" >&2
			echo "Install them as root:  apt-get update && apt-get install -y $missing" >&2
			exit 1
		fi
		cx_say "installing $missing"
		# shellcheck disable=SC2086
		cx_apt_install $missing
		missing=$(cx_missing_dependencies | xargs)
		if [ -n "$missing" ]; then
			echo "still missing after apt-get: $missing" >&2
			exit 1
		fi
	fi
	cx_use_pg_config "$CX_PG_CONFIG"
	if [ ! -f "$("$CX_PG_CONFIG" --sharedir)/extension/pgtap.control" ]; then
		echo "pgTAP is not installed into PostgreSQL $CX_PGVERSION_FULL ($CX_PG_CONFIG):" >&2
		echo "install it (Debian and PGDG: postgresql-$CX_PGVERSION-pgtap; else make install" >&2
		echo "of pgTAP's source with this PG_CONFIG)" >&2
		exit 1
	fi
}

# PostgreSQL 18 is not packaged for Debian 12: it is built once from the
# release sources in ../shared/vendor (see its SOURCE.md) under a fixed
# prefix, $CX_CACHE/postgresql-18.6, with pgTAP installed into it, and reused
# by every later run and every clone on the machine.  The stamp file is
# written last, so a build that stopped half-way is done again from scratch.
CX_CACHE=${CX_CACHE:-${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}/.cache/cxvalue}
CX_VENDOR=$(cd "$CX_ROOT/.." && pwd)/shared/vendor
CX_PG18_VERSION=18.6
CX_PGTAP_VERSION=1.3.4
CX_PG18_PREFIX=$CX_CACHE/postgresql-$CX_PG18_VERSION
CX_PG18_CONFIGURE="--without-icu --without-readline --without-zlib --without-llvm"
CX_PG18_CONTRIB="postgres_fdw"

# What the stamp holds: a change to any input means a rebuild.
cx_pg18_recipe() {
	echo "postgresql-$CX_PG18_VERSION $CX_PG18_CONFIGURE contrib:$CX_PG18_CONTRIB"
	echo "pgtap-$CX_PGTAP_VERSION"
}

cx_pg18_ready() {
	[ -f "$CX_PG18_PREFIX/.cxvalue-built" ] && [ -x "$CX_PG18_PREFIX/bin/pg_config" ] \
		&& [ "$(cat "$CX_PG18_PREFIX/.cxvalue-built")" = "$(cx_pg18_recipe)" ]
}

cx_ensure_pg18() {
	cx_pg18_ready && return 0
	local pgsrc=$CX_VENDOR/postgresql-$CX_PG18_VERSION.tar.bz2
	local tapsrc=$CX_VENDOR/pgtap-$CX_PGTAP_VERSION.tar.gz
	local f
	for f in "$pgsrc" "$tapsrc"; do
		if [ ! -f "$f" ]; then
			echo "PostgreSQL 18 is not built yet and its source is missing: $f" >&2
			echo "Either put the release tarballs postgresql-$CX_PG18_VERSION.tar.bz2 and" >&2
			echo "pgtap-$CX_PGTAP_VERSION.tar.gz in $CX_VENDOR, or test against a PostgreSQL" >&2
			echo "you have:  PG_CONFIG=/usr/lib/postgresql/18/bin/pg_config make test" >&2
			exit 1
		fi
	done
	local missing=()
	command -v bison >/dev/null || missing+=(bison)
	command -v flex >/dev/null || missing+=(flex)
	command -v gcc >/dev/null || missing+=(gcc)
	command -v make >/dev/null || missing+=(make)
	command -v perl >/dev/null || missing+=(perl)
	if [ ${#missing[@]} -gt 0 ]; then
		if [ "$(id -u)" != 0 ]; then
			echo "building PostgreSQL $CX_PG18_VERSION needs: ${missing[*]}" >&2
			echo "Install them as root:  apt-get update && apt-get install -y ${missing[*]}" >&2
			exit 1
		fi
		cx_say "installing ${missing[*]}"
		cx_apt_install "${missing[@]}"
	fi
	mkdir -p "$CX_CACHE"
	# One build at a time: a second run waits for the first and reuses it.
	exec 9>"$CX_CACHE/postgresql-$CX_PG18_VERSION.lock"
	flock 9
	if cx_pg18_ready; then
		exec 9>&-
		return 0
	fi
	local started=$SECONDS build=$CX_WORK/pg18-build log=$CX_CACHE/postgresql-$CX_PG18_VERSION.build.log
	cx_say "building PostgreSQL $CX_PG18_VERSION and pgTAP $CX_PGTAP_VERSION into $CX_PG18_PREFIX (once; about 10 minutes, log in $log)"
	rm -rf "$CX_PG18_PREFIX" "$build"
	mkdir -p "$build"
	if ! (
		set -e
		tar -xjf "$pgsrc" -C "$build"
		tar -xzf "$tapsrc" -C "$build"
		cd "$build/postgresql-$CX_PG18_VERSION"
		# shellcheck disable=SC2086
		./configure --prefix="$CX_PG18_PREFIX" $CX_PG18_CONFIGURE
		make -j2
		make install
		for f in $CX_PG18_CONTRIB; do make -C "contrib/$f" install; done
		cd "$build/pgtap-$CX_PGTAP_VERSION"
		make PG_CONFIG="$CX_PG18_PREFIX/bin/pg_config"
		make PG_CONFIG="$CX_PG18_PREFIX/bin/pg_config" install
	) >"$log" 2>&1; then
		tail -n 30 "$log" >&2
		echo "building PostgreSQL $CX_PG18_VERSION failed; the whole log is $log" >&2
		rm -rf "$build"
		exit 1
	fi
	rm -rf "$build"
	cx_pg18_recipe >"$CX_PG18_PREFIX/.cxvalue-built"
	exec 9>&-
	cx_say "PostgreSQL $CX_PG18_VERSION built in $((SECONDS - started))s"
}

# The extension is built in a copy of the sources, one per run, so that
# builds for different PostgreSQL releases never share object files and the
# developer's tree is left as it was.
cx_build() {
	local copt=${COPT:-}
	[ "${CI:-}" = true ] && copt="$copt -Werror"
	CX_BUILD=$CX_WORK/build
	rm -rf "$CX_BUILD"
	mkdir -p "$CX_BUILD"
	tar -C "$CX_ROOT" --exclude=./.git --exclude=./build -cf - . | tar -C "$CX_BUILD" -xf -
	cx_say "building for PostgreSQL $CX_PGVERSION_FULL"
	make -C "$CX_BUILD" -s PG_CONFIG="$CX_PG_CONFIG" COPT="$copt" clean >/dev/null
	make -C "$CX_BUILD" -s PG_CONFIG="$CX_PG_CONFIG" COPT="$copt" all >/dev/null
}

cx_build_fuzzer() {
	make -C "$CX_BUILD" -s PG_CONFIG="$CX_PG_CONFIG" test/fuzz/fuzz_input >/dev/null
	CX_FUZZER=$CX_BUILD/test/fuzz/fuzz_input
}

# A private copy of PostgreSQL with cxvalue installed into it, so that tests
# need no root and never touch the system's installation.  PostgreSQL's
# programs find their share and lib directories relative to themselves, so
# the copy keeps the installation's directories at the same paths under
# $CX_WORK/install: Debian's /usr/lib/postgresql/N and /usr/share/postgresql/N,
# or a source build's prefix (bin, lib, share).  The copy's libpq comes first
# (LD_LIBRARY_PATH), as the original may be unreadable to the server user.
cx_stage_install() {
	local stage=$CX_WORK/install dir libdir
	local -a dirs=()
	dirs+=("$("$CX_PG_CONFIG" --bindir)" "$("$CX_PG_CONFIG" --pkglibdir)" "$("$CX_PG_CONFIG" --sharedir)")
	[ -n "$CX_PG_DEBIAN" ] && dirs=("/usr/lib/postgresql/$CX_PG_DEBIAN" "/usr/share/postgresql/$CX_PG_DEBIAN")
	for dir in "${dirs[@]}"; do
		[ -e "$stage$dir" ] && continue
		mkdir -p "$stage${dir%/*}"
		cp -a "$dir" "$stage$dir"
	done
	make -C "$CX_BUILD" -s PG_CONFIG="$CX_PG_CONFIG" install DESTDIR="$stage" >/dev/null
	CX_PGBIN=$stage$("$CX_PG_CONFIG" --bindir)
	CX_PGXS_REGRESS=$stage$(dirname "$("$CX_PG_CONFIG" --pgxs)")/../test/regress/pg_regress
	libdir=$("$CX_PG_CONFIG" --libdir)
	if [ -d "$stage$libdir" ]; then
		export LD_LIBRARY_PATH=$stage$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
	fi
	export CX_PGBIN
}

# A port nothing listens on, below Linux's ephemeral range (32768 and up),
# where outgoing connections could already hold it.  A random start keeps
# concurrent runs from racing for the same port.
# CX_PORT_BASE=N keeps a run to ports N..N+99.
cx_free_port() {
	local port offset=$((RANDOM % 4000)) base=26000
	if [ -n "${CX_PORT_BASE:-}" ]; then
		base=$CX_PORT_BASE
		offset=0
	fi
	for port in $(seq $((base + offset)) $((base + 99 + offset))); do
		if ! (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null \
			&& [ ! -e "$CX_WORK/.s.PGSQL.$port" ]; then
			echo "$port"
			return
		fi
	done
	echo "no free loopback port from $((base + offset))" >&2
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
	cx_restore_files
	cx_stop_clusters
	rm -rf "$CX_WORK"
}
trap cx_cleanup EXIT

cx_psql() {
	"$CX_PGBIN/psql" -X -v ON_ERROR_STOP=1 -h "$CX_HOST" -p "$CX_PORT" -U postgres "$@"
}
