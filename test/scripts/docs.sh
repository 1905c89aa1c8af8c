#!/usr/bin/env bash
# Every SQL example in README.md and doc/*.md runs, and prints what the page
# shows.  Per page, in order, in one fresh database (CREATE EXTENSION
# cxvalue done first, unless the page's first block does it itself) and one
# psql session (psql -X -q, so command tags are not printed; errors and
# notices are, as psql prints them):
#   - each ```sql block runs; the ```text block right after it is its exact
#     output (compared line by line, trailing spaces aside); a sql block
#     with no text block after it must print nothing;
#   - a block that starts with "-- not run: <why>" is exempt, and so is the
#     text block after it; a text block that follows no sql block must be
#     exempt the same way, or it would show output nothing checks;
#   - README.md's reference list (between the doc-index markers) links every
#     doc/*.md page: `make doc-index` rewrites it.
# Settings a page needs are in its own first block (SET ...).  Roles a page
# creates are dropped after it.  One TAP line per block.
#
# CX_DOCS_UPDATE=1 rewrites each text block with the output it got (then
# read the diff before committing it).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
python3 - "$root" <<'PY'
import glob, os, re, subprocess, sys

root = sys.argv[1]
pgbin, host, port = os.environ["CX_PGBIN"], os.environ["CX_HOST"], os.environ["CX_PORT"]
update = os.environ.get("CX_DOCS_UPDATE") == "1"
# The server's defaults and the page's own SETs, nothing from the caller.
env = {k: v for k, v in os.environ.items()
       if k not in ("PGTZ", "PGDATESTYLE", "PGOPTIONS", "PGCLIENTENCODING", "PSQLRC")}
n = 0

def tap(ok, what):
    global n
    n += 1
    print(f"{'ok' if ok else 'not ok'} {n} - {what}")

def psql(db, script, *extra):
    return subprocess.run([f"{pgbin}/psql", "-X", "-q", "-h", host, "-p", port, "-U", "postgres",
                           "-d", db, *extra], input=script, capture_output=True, text=True, env=env)

def admin(sql):
    r = psql("postgres", sql, "-v", "ON_ERROR_STOP=1", "-At")
    if r.returncode:
        raise SystemExit(f"not ok - {sql}: {r.stderr}")
    return r.stdout

FENCE = re.compile(r"^```([A-Za-z]*)[ \t]*\n(.*?)^```[ \t]*$", re.S | re.M)

def blocks(text):
    """Fenced blocks in order: (kind, body, start, end of the body)."""
    return [(m.group(1), m.group(2), m.start(2), m.end(2)) for m in FENCE.finditer(text)]

def norm(s):
    lines = [l.rstrip() for l in s.rstrip("\n").split("\n")]
    while lines and lines[-1] == "":
        lines.pop()
    while lines and lines[0] == "":
        lines.pop(0)
    return "\n".join(lines)

def first_line(body):
    return body.strip().split("\n")[0][:70]

def exempt(body):
    return body.startswith("-- not run")

def run_page(path):
    rel = os.path.relpath(path, root)
    text = open(path).read()
    bl = blocks(text)
    # Pair each sql block with the text block right after it, if any.
    # (right after: only blank lines and the fences between them; an exempt
    # text block is never an output).
    cases, i = [], 0
    while i < len(bl):
        kind, body, s, e = bl[i]
        nxt = bl[i + 1] if i + 1 < len(bl) else None
        if kind == "sql":
            out = nxt if nxt and nxt[0] == "text" and not exempt(nxt[1]) \
                and re.fullmatch(r"\s*```\s*```text[ \t]*\n", text[e:nxt[2]]) else None
            cases.append(("sql", body, out))
            i += 2 if out else 1
        elif kind == "text":
            cases.append(("text", body, None))
            i += 1
        else:
            i += 1
    sql_cases = [c for c in cases if c[0] == "sql" and not exempt(c[1])]
    if not sql_cases and not any(c[0] == "text" for c in cases):
        return text, []
    db = "cx_doc_" + re.sub(r"[^a-z0-9]+", "_", rel.lower())
    roles_before = set(admin("SELECT rolname FROM pg_roles").split())
    admin(f"DROP DATABASE IF EXISTS {db}")
    admin(f"CREATE DATABASE {db}")
    own_create = bool(sql_cases) and sql_cases[0][1].lstrip().upper().startswith("CREATE EXTENSION CXVALUE")
    script = [] if own_create else ["CREATE EXTENSION cxvalue;\n"]
    for k, (kind, body, out) in enumerate(sql_cases):
        script.append(f"\\echo '<<<cx-doc-block {k}>>>'\n{body}\n")
    script.append("\\echo '<<<cx-doc-block end>>>'\n")
    # stdout and stderr on one pipe, so errors stand where psql printed them
    # (stdin input: no "psql:file:line:" prefix).
    proc = subprocess.run(f'"{pgbin}/psql" -X -q -h {host} -p {port} -U postgres -d {db} -v ON_ERROR_STOP=0 2>&1',
                          shell=True, input="".join(script), capture_output=True, text=True, env=env)
    output = proc.stdout
    for role in sorted(set(admin("SELECT rolname FROM pg_roles").split()) - roles_before):
        psql(db, f'DROP OWNED BY "{role}" CASCADE;')
    admin(f"DROP DATABASE IF EXISTS {db}")
    for role in sorted(set(admin("SELECT rolname FROM pg_roles").split()) - roles_before):
        admin(f'DROP ROLE "{role}"')
    parts = re.split(r"^<<<cx-doc-block (\d+|end)>>>\n", output, flags=re.M)
    before_first = parts[0]
    outputs = {}
    for j in range(1, len(parts) - 1, 2):
        outputs[parts[j]] = parts[j + 1]
    results = []
    if norm(before_first):
        results.append((False, f"{rel}: CREATE EXTENSION cxvalue before the first block printed: {first_line(before_first)}"))
    k = 0
    new_text, last = [], 0
    for kind, body, out in cases:
        if kind == "text":
            results.append((exempt(body), f"{rel}: a text block that follows no sql block starts with \"-- not run\": {first_line(body)}"))
            continue
        if exempt(body):
            why = body.split("\n")[0][len("-- not run"):].lstrip(":").strip()
            results.append((bool(why), f"{rel}: sql block exempt, saying why ({why or 'no reason given'}): {first_line(body)}"))
            continue
        actual = norm(outputs.get(str(k), "<no output: psql stopped before this block>"))
        k += 1
        expected = norm(out[1]) if out else ""
        ok = actual == expected
        what = f"{rel}: {first_line(body)}"
        if not ok:
            exp_l, act_l = expected.split("\n"), actual.split("\n")
            for a, b in zip(exp_l + [""] * len(act_l), act_l + [""] * len(exp_l)):
                if a != b:
                    what += f"\n#   page shows: {a}\n#   psql gives: {b}"
                    break
        results.append((ok, what))
        if update and not ok:
            if out:
                s, e = out[2], out[3]
                new_text.append(text[last:s] + (actual + "\n" if actual else ""))
                last = e
            else:
                # insert a text block after the sql block
                m = text.find(body, last)
                end = text.find("```", m + len(body)) + 3
                new_text.append(text[last:end] + "\n\n```text\n" + actual + "\n```")
                last = end
    new_text.append(text[last:])
    return "".join(new_text), results

pages = [f"{root}/README.md"] + sorted(glob.glob(f"{root}/doc/*.md"))
for page in pages:
    new_text, results = run_page(page)
    for ok, what in results:
        tap(ok, what)
    if update and new_text != open(page).read():
        open(page, "w").write(new_text)
        print(f"# rewrote the output blocks of {os.path.relpath(page, root)}")

# README's reference list links every doc page, and only pages that exist.
readme = open(f"{root}/README.md").read()
m = re.search(r"<!-- doc-index -->\n(.*?)<!-- /doc-index -->", readme, re.S)
tap(m is not None, "README.md has a reference list between <!-- doc-index --> markers")
if m:
    expected = subprocess.run(["bash", f"{root}/test/doc_index.sh"], capture_output=True, text=True).stdout
    tap(m.group(1) == expected, "README.md's reference list links every doc/*.md page (else: make doc-index)")
links = re.findall(r"\]\((doc/[^)#\s]+)", readme)
missing = [l for l in links if not os.path.exists(os.path.join(root, l))]
tap(not missing, "every doc/ page README.md links exists" + (f": missing {missing}" if missing else ""))
if n == 0:
    tap(False, "README.md and doc/ have no tested SQL example")
PY
