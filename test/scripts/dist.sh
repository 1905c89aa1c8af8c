#!/usr/bin/env bash
# `make dist`: build/cxvalue-<version>.zip, the release PGXN takes, made
# with git archive from HEAD.  It must hold exactly the committed files under
# one cxvalue-<version>/ prefix (META.json, the control file, src/, LICENSE
# among them) and no build artefact.  Prints TAP lines.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
version=$(sed -n "s/^default_version = '\(.*\)'/\1/p" "$root/cxvalue.control")
if ! git -C "$root" rev-parse --verify -q HEAD >/dev/null; then
	echo "ok 1 # skip not a git checkout: make dist archives git HEAD"
	exit 0
fi
status=0
make -C "$root" -s dist >/dev/null 2>&1 || status=$?
zip=$root/build/cxvalue-$version.zip
if [ "$status" = 0 ] && [ -f "$zip" ]; then
	echo "ok 1 - make dist builds build/cxvalue-$version.zip"
else
	echo "not ok 1 - make dist builds build/cxvalue-$version.zip (status $status)"
	exit 0
fi
git -C "$root" ls-tree -r --name-only HEAD >"$root/build/dist-expected.txt"
python3 - "$zip" "$version" "$root/build/dist-expected.txt" <<'PY'
import json, re, sys, zipfile
zip_path, version, expected_list = sys.argv[1:]
prefix = f"cxvalue-{version}/"
z = zipfile.ZipFile(zip_path)
names = [i.filename for i in z.infolist()]
files = {n[len(prefix):] for n in names if n.startswith(prefix) and not n.endswith("/")}
expected = set(open(expected_list).read().split("\n")) - {""}
n = 1
def tap(ok, what):
    global n
    n += 1
    print(f"{'ok' if ok else 'not ok'} {n} - {what}")
tap(z.testzip() is None, "the zip reads back without a CRC error")
tap(all(x.startswith(prefix) for x in names), f"every entry sits under {prefix}")
for f in ("META.json", "cxvalue.control", "LICENSE", "Makefile", "README.md", "CHANGELOG.md",
          "debian/control", "src/versions/cxvalue--0.1.0.sql"):
    tap(f in files, f"the zip holds {f}")
tap(any(f.startswith("src/") and f.endswith(".c") for f in files), "the zip holds the C sources in src/")
meta = json.loads(z.read(prefix + "META.json")) if "META.json" in files else {}
tap(meta.get("version") == version, f"the zip's META.json names version {version}")
artefacts = sorted(f for f in files
                   if re.search(r"\.(o|so|bc|deb|zip)$", f) or re.match(rf"cxvalue--[^/]*\.sql$", f)
                   or re.match(r"(results|build|log|tmp_check)/", f) or f.startswith("regression.")
                   or re.match(r"build-\d+/", f) or f == "test/fuzz/fuzz_input")
tap(not artefacts, "no build artefact in the zip" + (f": {artefacts[:5]}" if artefacts else ""))
tap(files == expected, "the zip holds exactly the files committed at HEAD"
    + (f" (missing {sorted(expected - files)[:3]}, extra {sorted(files - expected)[:3]})" if files != expected else ""))
PY
rm -f "$root/build/dist-expected.txt"
