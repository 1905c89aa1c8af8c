#!/usr/bin/env bash
# The PostgreSQL 18 cache of test/lib.sh (cx_ensure_pg18), on a throwaway
# cache directory: a build counts as done only with its stamp, written last
# and naming the recipe, so a half-finished or differently configured build
# is redone; without the vendor sources and without a build, it stops and
# says what is missing.  Builds nothing.  Prints TAP lines.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=$(mktemp -d /tmp/cxvalue-cache.XXXXXX)
trap 'rm -rf "$cache"' EXIT
export CX_CACHE=$cache
source "$here/../lib.sh"
trap 'cx_cleanup; rm -rf "$cache"' EXIT
n=0
check() {
	local what=$1
	shift
	n=$((n + 1))
	if "$@"; then echo "ok $n - $what"; else echo "not ok $n - $what"; fi
}
not() { ! "$@"; }

check "the prefix lies under CX_CACHE" test "$CX_PG18_PREFIX" = "$cache/postgresql-18.6"
check "an empty cache holds no build" not cx_pg18_ready
mkdir -p "$CX_PG18_PREFIX/bin"
printf '#!/bin/sh\necho PostgreSQL 18.6\n' >"$CX_PG18_PREFIX/bin/pg_config"
chmod +x "$CX_PG18_PREFIX/bin/pg_config"
check "a build without its stamp (stopped half-way) does not count" not cx_pg18_ready
echo "postgresql-18.6 --with-something-else" >"$CX_PG18_PREFIX/.cxvalue-built"
check "a build stamped with another recipe does not count" not cx_pg18_ready
cx_pg18_recipe >"$CX_PG18_PREFIX/.cxvalue-built"
check "a build stamped with this recipe counts" cx_pg18_ready
check "and cx_ensure_pg18 then reuses it without building" cx_ensure_pg18
rm "$CX_PG18_PREFIX/.cxvalue-built"
status=0
(CX_VENDOR=$cache/no-vendor cx_ensure_pg18) >"$CX_WORK/out" 2>&1 || status=$?
check "without sources or a build it stops" test "$status" != 0
check "and says which source is missing and how to test another PostgreSQL" \
	grep -q "source is missing: $cache/no-vendor/postgresql-18.6.tar.bz2" "$CX_WORK/out"
check "naming PG_CONFIG" grep -q "PG_CONFIG=" "$CX_WORK/out"
check "and it builds nothing then" test ! -e "$CX_PG18_PREFIX/include"
