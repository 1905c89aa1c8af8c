# test/citus/cluster.sh: sourced by test/scripts/citus.sh and
# test/bench/citus.sh after test/lib.sh.  Builds Citus (cached), stages a
# private PostgreSQL with cxvalue and Citus, and starts a coordinator and
# two workers on loopback ports 30700-30799 (CX_CITUS_PORT_BASE moves the
# range), Citus installed on each and the workers added.  Sets w1, w2,
# coordinator (ports), citus_version, and citus_status: 0 ready, 3 Citus
# cannot be built here, other a failed build (the cluster is then not
# started).  Extra server settings: the array citus_settings.

# Ports from this range only, so that the Citus clusters never race the
# other multi-server tests for one.
cx_free_port() {
	local port base=${CX_CITUS_PORT_BASE:-30700}
	for port in $(seq "$base" $((base + 99))); do
		if ! (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && [ ! -e "$CX_WORK/.s.PGSQL.$port" ]; then
			echo "$port"
			return
		fi
	done
	echo "no free loopback port in $base-$((base + 99))" >&2
	exit 1
}

# Citus 13.2.2 is the last release for PostgreSQL 15; 14.0.1 serves 16-18.
case $CX_PGVERSION in
15) citus_version=13.2.2 ;;
*) citus_version=14.0.1 ;;
esac
citus_status=0
citus_dir=$(bash "$CX_ROOT/test/citus_build.sh" "$citus_version" "$CX_PGBIN_SYSTEM/pg_config") || citus_status=$?

citus_start() {
	local settings
	# A private copy of PostgreSQL with cxvalue, and Citus laid over it.
	cx_stage_install
	(cd "$citus_dir" && find . -mindepth 1 -maxdepth 1 ! -name '.*' -exec cp -a {} "$CX_WORK/install/" \;)
	settings=("shared_preload_libraries = 'citus'" "max_connections = 60" "${citus_settings[@]}")
	cx_start_cluster worker1 "${settings[@]}"
	w1=$CX_PORT
	cx_start_cluster worker2 "${settings[@]}"
	w2=$CX_PORT
	cx_start_cluster coordinator "${settings[@]}"
	coordinator=$CX_PORT
	export CX_PGBIN CX_HOST CX_WORK
	for port in $w1 $w2 $coordinator; do
		on "$port" -c "CREATE EXTENSION citus" >/dev/null
	done
	on "$coordinator" -o /dev/null -c "SELECT citus_set_coordinator_host('127.0.0.1', $coordinator)" \
		-c "SELECT citus_add_node('127.0.0.1', $w1)" -c "SELECT citus_add_node('127.0.0.1', $w2)"
}

on() { local port=$1; shift; CX_PORT=$port cx_psql -q -d postgres "$@"; }
