#!/usr/bin/env bash
# test/citus_build.sh VERSION PG_CONFIG: build Citus VERSION for the
# PostgreSQL that PG_CONFIG describes, once, and print the directory that
# holds the installed files (a DESTDIR tree: overlay it onto a staged copy of
# that PostgreSQL; nothing goes into the PostgreSQL itself).
#
# The source is the unmodified release in ../shared/vendor/citus-VERSION.tar.gz
# (or $CX_VENDOR); elsewhere, fetch the same tag of citusdata/citus and place
# it there.  Builds are cached under ${CX_CACHE:-$HOME/.cache/cxvalue} as
# citus-VERSION-pgMAJOR, with a stamp file naming the source checksum and the
# PostgreSQL it was built for; a matching stamp means no rebuild.  Apt build
# dependencies are installed when missing (as root) or named (otherwise).
#
# Exit status: 0 built (or cached), 3 cannot be built here (no source, or a
# missing dependency without root), anything else a failed build.  A lock
# keeps two runs from building the same thing at once.
set -euo pipefail

version=${1:?usage: citus_build.sh VERSION PG_CONFIG}
pg_config=${2:?usage: citus_build.sh VERSION PG_CONFIG}
here=$(cd "$(dirname "$0")" && pwd)
vendor=${CX_VENDOR:-$here/../../shared/vendor}
tarball=$vendor/citus-$version.tar.gz
cache=${CX_CACHE:-$HOME/.cache/cxvalue}

say() { printf '%s\n' "== citus_build: $*" >&2; }

if [ ! -r "$tarball" ]; then
	say "no $tarball: place the Citus $version release source there"
	exit 3
fi
if [ ! -x "$pg_config" ]; then
	say "no PostgreSQL at $pg_config"
	exit 3
fi

major=$("$pg_config" --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')
pgversion=$("$pg_config" --version)
dest=$cache/citus-$version-pg$major
sum=$(sha256sum "$tarball" | cut -d' ' -f1)
stamp_text="citus $version sha256 $sum for $pgversion at $("$pg_config" --bindir)"

mkdir -p "$cache"
exec 9>"$cache/citus-$version-pg$major.lock"
flock 9

if [ -f "$dest/.stamp" ] && [ "$(cat "$dest/.stamp")" = "$stamp_text" ]; then
	echo "$dest"
	exit 0
fi

# Debian packages the build needs (SOURCE.md); libcurl is configured out.
deps=(liblz4-dev libzstd-dev libkrb5-dev libssl-dev libselinux1-dev libxslt1-dev
	libpam0g-dev libreadline-dev gcc make)
missing=()
for pkg in "${deps[@]}"; do
	dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
	if [ "$(id -u)" != 0 ]; then
		say "Citus needs these Debian packages: ${missing[*]}"
		say "install them as root: apt-get install -y ${missing[*]}"
		exit 3
	fi
	say "installing ${missing[*]}"
	DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
		--no-install-recommends "${missing[@]}" >/dev/null \
		|| { DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -qq \
			&& DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
				--no-install-recommends "${missing[@]}" >/dev/null; }
fi

build=$(mktemp -d "$cache/build-citus-$version-pg$major.XXXXXX")
trap 'rm -rf "$build"' EXIT
say "building Citus $version for $pgversion in $build"
start=$(date +%s)
tar -xzf "$tarball" -C "$build"
src=$build/citus-$version

# PostgreSQL 15.18 and later export have_createdb_privilege() from
# commands/dbcommands.h, which Citus 13.2.2 still defines as a static inline
# of its own for 15 ("static declaration follows non-static declaration").
# Where the header declares it, drop Citus's copy and use the header's.
# Only this build copy changes; the vendor file stays as released.
includedir=$("$pg_config" --includedir-server)
compat=$src/src/include/pg_version_compat.h
if grep -q 'have_createdb_privilege' "$includedir/commands/dbcommands.h" 2>/dev/null \
	&& grep -q '^have_createdb_privilege(void)' "$compat"; then
	say "using PostgreSQL's have_createdb_privilege() (dropping Citus's static copy)"
	perl -0pi -e 's/static inline bool\nhave_createdb_privilege\(void\)\n\{.*?\n\}\n/#include "commands\/dbcommands.h"\n/s' "$compat"
	! grep -q '^have_createdb_privilege(void)' "$compat"
fi

(
	cd "$src"
	./configure PG_CONFIG="$pg_config" --without-libcurl >"$build/configure.log" 2>&1 \
		|| { tail -n 30 "$build/configure.log" >&2; exit 1; }
	make -j"${CX_BUILD_JOBS:-2}" >"$build/make.log" 2>&1 \
		|| { grep -E 'error|Error' "$build/make.log" | head -n 30 >&2; exit 1; }
	rm -rf "$dest.new"
	make install DESTDIR="$dest.new" >"$build/install.log" 2>&1 \
		|| { tail -n 30 "$build/install.log" >&2; exit 1; }
)
echo "$stamp_text" >"$dest.new/.stamp"
echo "built in $(( $(date +%s) - start )) s" >"$dest.new/.build-time"
rm -rf "$dest"
mv "$dest.new" "$dest"
say "Citus $version for PostgreSQL $major in $dest ($(cat "$dest/.build-time"))"
echo "$dest"
