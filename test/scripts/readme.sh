#!/usr/bin/env bash
# Every SQL example in README.md is tested: each ```sql block must stand
# verbatim in a pg_regress input (sql/*.sql) or in the multi-server test's
# SQL (test/scale/*.sql), and each ```text block that shows output must
# stand verbatim in an expected output (expected/*.out).  The only exempt
# blocks start with "-- not run", and say why.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
python3 - "$root" <<'PY'
import glob, re, sys
root = sys.argv[1]
readme = open(f"{root}/README.md").read()
norm = lambda s: re.sub(r"[ \t]+\n", "\n", s.strip())
inputs = norm("\n".join(open(f).read() for f in sorted(glob.glob(f"{root}/sql/*.sql") + glob.glob(f"{root}/test/scale/*.sql"))))
outputs = norm("\n".join(open(f).read() for f in sorted(glob.glob(f"{root}/expected/*.out"))))
n = 0
for kind, body in re.findall(r"```(sql|text)\n(.*?)```", readme, re.S):
    if body.startswith("-- not run"):
        continue
    n += 1
    haystack = inputs if kind == "sql" else outputs
    first = body.strip().splitlines()[0][:60]
    if norm(body) in haystack:
        print(f"ok {n} - README {kind} block is tested: {first}")
    else:
        print(f"not ok {n} - README {kind} block not found in sql/*.sql, test/scale/*.sql or expected/*.out: {first}")
if n == 0:
    print("not ok 1 - README.md has no tested SQL example")
PY
