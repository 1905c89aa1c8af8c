#!/usr/bin/env bash
# The Debian package is known to work, not only to build:
#   1. dpkg-buildpackage -us -uc -b in a copy of the tree (the repository
#      stays clean) gives postgresql-<v>-cxvalue_<version>_<arch>.deb for
#      every version `pg_buildext supported-versions` lists;
#   2. each package holds the module, the control file, the current and the
#      released install scripts and the upgrade script;
#   3. unpacked with dpkg-deb -x into a private copy of that PostgreSQL (the
#      system's installation does not change), a throwaway cluster runs
#      CREATE EXTENSION cxvalue, the upgrade from 0.1.0, and the whole
#      pg_regress suite (sql/, expected/) against the installed package.
# Prints TAP lines; stops its cluster and removes its files on exit.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../lib.sh"
# CX_PORT_RANGE=FIRST-LAST keeps the cluster inside a range given to you.
if [ -n "${CX_PORT_RANGE:-}" ]; then
	cx_free_port() {
		local port
		for port in $(seq "${CX_PORT_RANGE%-*}" "${CX_PORT_RANGE#*-}"); do
			if ! (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then echo "$port"; return; fi
		done
		echo "no free port in $CX_PORT_RANGE" >&2
		exit 1
	}
fi

n=0
tap() {			# tap STATUS DESCRIPTION: STATUS 0 is ok
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
check() {		# check DESCRIPTION COMMAND...: ok when the command succeeds
	local what=$1 status=0
	shift
	"$@" >/dev/null 2>&1 || status=$?
	tap "$status" "$what"
}

# The package is built for Debian's PostgreSQL packages: in the run on a
# PostgreSQL of another layout (the source build of 18 that `make test`
# also uses) there is nothing to check that the run on 15 did not.
if [ -z "$CX_PG_DEBIAN" ]; then
	echo "ok 1 # skip the Debian package is checked in the run on Debian's PostgreSQL, not on $CX_PG_CONFIG"
	exit 0
fi

version=$(sed -n "s/^default_version = '\(.*\)'/\1/p" "$CX_ROOT/cxvalue.control")
src=$CX_WORK/pkg/cxvalue-$version
mkdir -p "$src"

# What the system has before: it must have the same after.
system_state() {
	{
		dpkg-query -W -f '${Package} ${Version} ${db:Status-Status}\n' 'postgresql-*-cxvalue' 2>/dev/null || true
		ls -l /usr/lib/postgresql/*/lib/cxvalue* /usr/share/postgresql/*/extension/cxvalue* 2>/dev/null || true
	} | sort
}
before=$(system_state)

# The working tree as git sees it (committed and new files, not ignored
# ones), so uncommitted changes are tested too and no build artefact rides along.
(cd "$CX_ROOT" && git ls-files -z --cached --others --exclude-standard) |
	while IFS= read -r -d '' f; do
		[ -e "$CX_ROOT/$f" ] || continue
		mkdir -p "$src/$(dirname "$f")"
		cp -p "$CX_ROOT/$f" "$src/$f"
	done

status=0
# PG_UPDATECONTROL: where more PostgreSQL versions are installed than the
# committed debian/control names, the copy's control file gets them all.
(cd "$src" && PG_UPDATECONTROL=yes dpkg-buildpackage -us -uc -b) >"$CX_WORK/pkg/build.log" 2>&1 || status=$?
tap "$status" "dpkg-buildpackage -us -uc -b builds cxvalue $version"
if [ "$status" != 0 ]; then
	tail -n 30 "$CX_WORK/pkg/build.log" | sed 's/^/# /'
	exit 0
fi

debversion=$(cd "$src" && dpkg-parsechangelog -S Version)
arch=$(dpkg --print-architecture)
versions=$(cd "$src" && pg_buildext supported-versions)
check "debian/changelog's version $debversion is the release $version" \
	test "${debversion%-*}" = "$version"
check "pg_buildext supported-versions lists PostgreSQL $CX_PGVERSION (it lists: $(echo $versions))" \
	grep -qx "$CX_PGVERSION" <<<"$versions"

for v in $versions; do
	deb=$CX_WORK/pkg/postgresql-$v-cxvalue_${debversion}_$arch.deb
	check "a package for PostgreSQL $v: $(basename "$deb")" test -f "$deb"
	[ -f "$deb" ] || continue
	contents=$(dpkg-deb -c "$deb" | awk '{ print $6 }')
	for f in lib/postgresql/$v/lib/cxvalue.so \
		share/postgresql/$v/extension/cxvalue.control \
		share/postgresql/$v/extension/cxvalue--$version.sql \
		share/postgresql/$v/extension/cxvalue--0.1.0.sql \
		share/postgresql/$v/extension/cxvalue--0.1.0--$version.sql; do
		check "postgresql-$v-cxvalue holds /usr/$f" grep -qx "./usr/$f" <<<"$contents"
	done
	check "postgresql-$v-cxvalue depends on postgresql-$v" \
		grep -q "postgresql-$v" <<<"$(dpkg-deb -f "$deb" Depends)"

	if [ ! -x "/usr/lib/postgresql/$v/bin/postgres" ]; then
		echo "ok $((n += 1)) # skip PostgreSQL $v's server is not installed: the package is not run"
		continue
	fi

	# A private copy of PostgreSQL $v without any cxvalue of its own, then
	# the package's files on top, as dpkg -i would put them.
	stage=$CX_WORK/pg$v
	mkdir -p "$stage/usr/lib/postgresql" "$stage/usr/share/postgresql"
	cp -a "/usr/lib/postgresql/$v" "$stage/usr/lib/postgresql/"
	cp -a "/usr/share/postgresql/$v" "$stage/usr/share/postgresql/"
	rm -rf "$stage/usr/lib/postgresql/$v/lib/cxvalue.so" "$stage/usr/lib/postgresql/$v/lib/bitcode/cxvalue"* \
		"$stage"/usr/share/postgresql/$v/extension/cxvalue[.-]*
	dpkg-deb -x "$deb" "$stage"
	CX_PGBIN=$stage/usr/lib/postgresql/$v/bin
	check "the unpacked PostgreSQL $v finds the package's extension directory" \
		test "$("$CX_PGBIN/pg_config" --sharedir)/extension/cxvalue.control" -ef "$stage/usr/share/postgresql/$v/extension/cxvalue.control"
	cx_start_cluster "deb$v"

	created=$(cx_psql -d postgres -At -c "CREATE EXTENSION cxvalue" \
		-c "SELECT extversion FROM pg_extension WHERE extname = 'cxvalue'" 2>&1 | tail -n 1 || true)
	check "CREATE EXTENSION cxvalue from the package gives version $version (got $created)" \
		test "$created" = "$version"
	check "the package's module answers: cx.label(cx.quadrant(0.8, 0.9))" \
		test "$(cx_psql -d postgres -At -c "SELECT cx.label(cx.quadrant(0.8, 0.9))" 2>&1 || true)" = "IV: Co-design and co-innovation"
	updated=$(cx_psql -d postgres -At -c "CREATE DATABASE cx_deb_upgrade" 2>&1 >/dev/null;
		cx_psql -d cx_deb_upgrade -At -c "CREATE EXTENSION cxvalue VERSION '0.1.0'" \
			-c "ALTER EXTENSION cxvalue UPDATE" \
			-c "SELECT extversion FROM pg_extension WHERE extname = 'cxvalue'" 2>&1 | tail -n 1 || true)
	check "CREATE EXTENSION cxvalue VERSION '0.1.0'; ALTER EXTENSION cxvalue UPDATE gives $version (got $updated)" \
		test "$updated" = "$version"
	cx_psql -q -d postgres -c "DROP DATABASE cx_deb_upgrade" -c "DROP EXTENSION cxvalue"

	# pg_buildext installcheck's job, done against this cluster: the whole
	# pg_regress suite, one TAP line per file.
	inputs=$CX_WORK/inputs$v
	mkdir -p "$inputs" "$CX_WORK/regress$v"
	cp -r "$src/sql" "$src/expected" "$src/test" "$inputs/"
	[ "$(id -u)" = 0 ] && chown -R postgres: "$inputs" "$CX_WORK/regress$v"
	tests=$(cd "$src/sql" && ls *.sql | sed 's/\.sql$//')
	CX_RUN_DIR=$inputs cx_as_server_user \
		"$stage/usr/lib/postgresql/$v/lib/pgxs/src/test/regress/pg_regress" \
		--inputdir="$inputs" --outputdir="$CX_WORK/regress$v" --bindir="$CX_PGBIN" \
		--host="$CX_HOST" --port="$CX_PORT" --user=postgres --dbname=cx_regress \
		--load-extension=cxvalue $tests >"$CX_WORK/regress$v.log" 2>&1 || true
	for t in $tests; do
		# PostgreSQL 15 prints "test name ... ok", 16 and later "ok 1 - name".
		if grep -qE "(^|[[:space:]])$t[[:space:]]+\.\.\. ok|^ok [0-9]+[[:space:]]+[-+][[:space:]]+$t[[:space:]]" "$CX_WORK/regress$v.log"; then
			tap 0 "pg_regress $t against the installed postgresql-$v-cxvalue"
		else
			tap 1 "pg_regress $t against the installed postgresql-$v-cxvalue"
		fi
	done
	if [ -f "$CX_WORK/regress$v/regression.diffs" ]; then
		head -n 60 "$CX_WORK/regress$v/regression.diffs" | sed 's/^/# /'
	fi
	cx_stop_clusters
done

check "the system's PostgreSQL is unchanged: no cxvalue package or file installed by this test" \
	test "$(system_state)" = "$before"
leftovers=$(cd "$CX_ROOT" && ls -d debian/files debian/.debhelper debian/debhelper-build-stamp \
	debian/*.substvars debian/postgresql-*-cxvalue build-[0-9]* 2>/dev/null || true)
check "the repository is unchanged: no package build output in the working tree" test -z "$leftovers"
