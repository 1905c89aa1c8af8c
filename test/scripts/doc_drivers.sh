#!/usr/bin/env bash
# Every example of doc/drivers.md is tested: each ```sql block stands
# verbatim in sql/doc_drivers.sql (a pg_regress input, run in order), and
# each ```text block in expected/doc_drivers.out, but for blocks that show
# only a command tag ("SELECT 14"), which pg_regress's quiet psql omits.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
python3 - "$root" <<'PY'
import re, sys
root = sys.argv[1]
doc = open(f"{root}/doc/drivers.md").read()
norm = lambda s: re.sub(r"[ \t]+\n", "\n", s.strip())
inputs = norm(open(f"{root}/sql/doc_drivers.sql").read())
outputs = norm(open(f"{root}/expected/doc_drivers.out").read())
n = 0
for kind, body in re.findall(r"```(sql|text)\n(.*?)```", doc, re.S):
    if kind == "text" and re.fullmatch(r"[A-Z ]+ \d+\n?", body):
        continue
    n += 1
    haystack = inputs if kind == "sql" else outputs
    first = body.strip().splitlines()[0][:60]
    if norm(body) in haystack:
        print(f"ok {n} - doc/drivers.md {kind} block is tested: {first}")
    else:
        print(f"not ok {n} - doc/drivers.md {kind} block not in sql/doc_drivers.sql or expected/doc_drivers.out: {first}")
if n == 0:
    print("not ok 1 - doc/drivers.md has no tested example")
PY
