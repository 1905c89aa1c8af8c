#!/usr/bin/env bash
# Nothing outside the repository changes for good (issue 10, section 7):
#   - installing PostgreSQL's server packages keeps Debian from creating a
#     "main" cluster only for the time of the apt-get install: the
#     createcluster.conf it reads is put back byte for byte (or removed when
#     there was none), checked here with apt-get and dpkg-query stubbed and
#     the file at a temporary path;
#   - `make demo` installs nothing into the system's PostgreSQL (the one
#     PG_CONFIG names, 15 by default) and leaves createcluster.conf alone.
# Prints TAP lines.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../lib.sh"
n=0
check() {
	local what=$1
	shift
	n=$((n + 1))
	if "$@"; then echo "ok $n - $what"; else echo "not ok $n - $what"; fi
}

# cx_apt_install with apt-get and dpkg-query stubbed: what does the install see?
conf=$CX_WORK/createcluster.conf
CX_CREATECLUSTER_CONF=$conf
apt-get() {
	local args=" $* "
	if [[ $args == *" install "* ]]; then
		if [ -e "$conf" ]; then cp "$conf" "$CX_WORK/during"; else rm -f "$CX_WORK/during"; fi
	fi
}
dpkg-query() { echo "install ok installed"; }

printf '# as postgresql-common ships it\n#create_main_cluster = true\n' >"$conf"
touch -d '2020-01-02 03:04:05' "$conf"
cp -p "$conf" "$CX_WORK/original"
cx_apt_install postgresql-18 postgresql-18-pgtap
check "during the install of a server package, createcluster.conf says create_main_cluster = false" \
	grep -qx 'create_main_cluster = false' "$CX_WORK/during"
check "after it, createcluster.conf is as it was, byte for byte" cmp -s "$conf" "$CX_WORK/original"
check "and keeps its modification time" test "$(stat -c %Y "$conf")" = "$(stat -c %Y "$CX_WORK/original")"

rm -f "$conf"
cx_apt_install postgresql-18
check "without a createcluster.conf, one exists for the install only" \
	grep -qx 'create_main_cluster = false' "$CX_WORK/during"
check "and is gone after it" test ! -e "$conf"

printf 'start_conf = manual\n' >"$conf"
cp -p "$conf" "$CX_WORK/original"
cx_apt_install libpq-dev
check "installing no server package leaves createcluster.conf untouched during the install" \
	cmp -s "$CX_WORK/during" "$CX_WORK/original"
unset -f apt-get dpkg-query
unset CX_CREATECLUSTER_CONF

# make demo against the same PostgreSQL as this run
system_state() {
	local sharedir pkglibdir
	sharedir=$("$CX_PG_CONFIG" --sharedir)
	pkglibdir=$("$CX_PG_CONFIG" --pkglibdir)
	ls -l --time-style=+%s.%N "$sharedir/extension" "$pkglibdir" 2>&1 | grep -i cxvalue || true
	sha256sum /etc/postgresql-common/createcluster.conf 2>&1 || true
	ls /etc/postgresql 2>&1 || true
}
before=$(system_state)
status=0
CX_DEMO_JOURNEYS=200 bash "$CX_ROOT/test/demo/run" >"$CX_WORK/demo.log" 2>&1 || status=$?
check "make demo runs (PostgreSQL $CX_PGVERSION_FULL)" test "$status" = 0
[ "$status" = 0 ] || tail -n 20 "$CX_WORK/demo.log"
check "make demo prints the scorecards" grep -q 'scorecards' "$CX_WORK/demo.log"
after=$(system_state)
check "make demo installs nothing into the system's PostgreSQL and leaves /etc/postgresql-common alone" \
	test "$before" = "$after"
[ "$before" = "$after" ] || diff <(echo "$before") <(echo "$after") || true
