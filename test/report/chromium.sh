# test/report/chromium.sh: headless Chromium with the network off.  Sourced.
#
#   cx_chromium OUTDIR ARGS... URL   runs Debian's chromium headless in a
#                                    network namespace of its own (no
#                                    interface but loopback) where unshare
#                                    can make one, else with every host name
#                                    unresolvable and a dead proxy; a new,
#                                    empty profile each time; stderr (with
#                                    the console log) into OUTDIR/chromium.log
cx_chromium() {
	local out=$1 profile net=()
	shift
	profile=$(mktemp -d "${TMPDIR:-/tmp}/cx-chromium.XXXXXX")
	if unshare --net true 2>/dev/null; then
		net=(unshare --net)
	elif unshare --user --map-root-user --net true 2>/dev/null; then
		net=(unshare --user --map-root-user --net)
	fi
	"${net[@]}" chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --disable-sync --no-first-run --no-default-browser-check \
		--disable-extensions --disable-features=MediaRouter,OptimizationHints,Translate \
		--host-resolver-rules="MAP * ~NOTFOUND" --proxy-server=127.0.0.1:9 \
		--user-data-dir="$profile" --enable-logging=stderr --v=0 --hide-scrollbars "$@" \
		2>>"$out/chromium.log"
	local status=$?
	rm -rf "$profile"
	return $status
}
