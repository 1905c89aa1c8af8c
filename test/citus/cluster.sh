# test/citus/cluster.sh: sourced by test/scripts/citus.sh and
# test/bench/citus.sh after test/lib.sh (set citus_parent_pgbin to the
# CX_PGBIN they were given before sourcing lib.sh).  Builds Citus (cached), stages a
# private PostgreSQL with cxvalue and Citus, and starts a coordinator and
# two workers on loopback ports 30700-30799 (CX_CITUS_PORT_BASE moves the
# range), Citus installed on each and the workers added.  Sets w1, w2,
# coordinator (ports), citus_version, and citus_status: 0 ready, 3 Citus
# cannot be built here, other a failed build (the cluster is then not
# started).  Extra server settings: the array citus_settings.

# Ports from this range only, so that the Citus clusters never race the
# other multi-server tests for one.
CX_PORT_BASE=${CX_CITUS_PORT_BASE:-30700}

# Citus 13.2.2 is the last release for PostgreSQL 15; 14.0.1 serves 16-18.
case $CX_PGVERSION in
15) citus_version=13.2.2 ;;
*) citus_version=14.0.1 ;;
esac
citus_status=0
citus_dir=$(bash "$CX_ROOT/test/citus_build.sh" "$citus_version" "$CX_PG_CONFIG") || citus_status=$?

citus_start() {
	local settings stage=$CX_WORK/install
	# A private copy of PostgreSQL with cxvalue (the one test/run or
	# test/bench/run staged, when they pass CX_PGBIN, else built here), and
	# Citus laid over it: both are trees of absolute paths under $stage.
	if [ -n "${citus_parent_pgbin:-}" ] && [ -x "$citus_parent_pgbin/postgres" ]; then
		cp -a "${citus_parent_pgbin%"$("$CX_PG_CONFIG" --bindir)"}/." "$stage/"
		CX_PGBIN=$stage$("$CX_PG_CONFIG" --bindir)
		if [ -d "$stage$("$CX_PG_CONFIG" --libdir)" ]; then
			export LD_LIBRARY_PATH=$stage$("$CX_PG_CONFIG" --libdir)${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
		fi
	else
		cx_build
		cx_stage_install
	fi
	(cd "$citus_dir" && find . -mindepth 1 -maxdepth 1 ! -name '.*' -exec cp -a {} "$stage/" \;)
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
