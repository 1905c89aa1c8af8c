#!/usr/bin/env bash
# META.json against the PGXN Meta Spec 1.0.0 (https://pgxn.org/meta/spec.txt):
# required keys, the type and form of every key the spec defines (terms,
# SemVer versions, licence keys, version ranges, tags, URIs), no key the
# spec does not know (custom keys start with x_), and agreement with the
# repository: the version is the control file's default_version, the
# provided file exists, the licence is the PostgreSQL License of LICENSE.
# The validator must also reject a few broken copies, or it checks nothing.
# Prints TAP lines.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
python3 - "$root" <<'PY'
import copy, json, re, sys
root = sys.argv[1]

SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$")
TERM = re.compile(r"^[^\s/\\\x00-\x1f\x7f]{2,}$")
TAG = re.compile(r"^[^/\\\x00-\x1f\x7f]{2,255}$")
URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$")
LICENSES = {"agpl_3", "apache_1_1", "apache_2_0", "artistic_1", "artistic_2", "bsd",
            "freebsd", "gfdl_1_2", "gfdl_1_3", "gpl_1", "gpl_2", "gpl_3", "lgpl_2_1",
            "lgpl_3_0", "mit", "mozilla_1_0", "mozilla_1_1", "openssl", "perl_5",
            "postgresql", "qpl_1_0", "ssleay", "sun", "zlib", "open_source",
            "restricted", "unrestricted", "unknown"}
TOP = {"name", "version", "abstract", "maintainer", "license", "provides", "meta-spec",
       "description", "generated_by", "tags", "no_index", "prereqs", "release_status",
       "resources"}
REQUIRED = ["name", "version", "abstract", "maintainer", "license", "provides", "meta-spec"]
PHASES = {"configure", "build", "test", "runtime", "develop"}
RELATIONS = {"requires", "recommends", "suggests", "conflicts"}

def custom(k):
    return re.match(r"^[xX]_.", k) is not None

def nonempty_string(v):
    return isinstance(v, str) and len(v) > 0

def version_range(v):
    if v == 0 and isinstance(v, int) and not isinstance(v, bool):
        return True
    if not isinstance(v, str):
        return False
    return all(re.match(r"^\s*(==|!=|<=|>=|<|>)?\s*(\S+)\s*$", c) and
               SEMVER.match(re.match(r"^\s*(==|!=|<=|>=|<|>)?\s*(\S+)\s*$", c).group(2))
               for c in v.split(","))

def check(meta):
    """Return a list of (rule, problem or None) for one META.json object."""
    out = []
    def rule(name, ok, problem=""):
        out.append((name, None if ok else problem or "invalid"))
    if not isinstance(meta, dict):
        return [("META.json is a JSON object", "not an object")]
    missing = [k for k in REQUIRED if k not in meta]
    rule("has every required key (" + ", ".join(REQUIRED) + ")", not missing, f"missing {missing}")
    unknown = [k for k in meta if k not in TOP and not custom(k)]
    rule("has no key the spec does not define", not unknown, f"unknown {unknown}")
    rule("name is a term", isinstance(meta.get("name"), str) and TERM.match(meta["name"]))
    rule("version is a SemVer", isinstance(meta.get("version"), str) and SEMVER.match(meta["version"]))
    rule("abstract is a non-empty string", nonempty_string(meta.get("abstract")))
    if "description" in meta:
        rule("description is a non-empty string", nonempty_string(meta["description"]))
    if "generated_by" in meta:
        rule("generated_by is a non-empty string", nonempty_string(meta["generated_by"]))
    m = meta.get("maintainer")
    rule("maintainer is a string or a list of strings",
         nonempty_string(m) or (isinstance(m, list) and m and all(nonempty_string(x) for x in m)))
    lic = meta.get("license")
    rule("license is a known licence key, a list of them or an object of URIs",
         (isinstance(lic, str) and lic in LICENSES)
         or (isinstance(lic, list) and lic and all(isinstance(x, str) and x in LICENSES for x in lic))
         or (isinstance(lic, dict) and lic and all(isinstance(u, str) and URI.match(u) for u in lic.values())))
    p = meta.get("provides")
    good = isinstance(p, dict) and len(p) > 0
    if good:
        for ext, e in p.items():
            good = good and TERM.match(ext) is not None and isinstance(e, dict) \
                and "file" in e and "version" in e \
                and all(k in {"file", "version", "abstract", "docfile"} or custom(k) for k in e) \
                and nonempty_string(e["file"]) and not e["file"].startswith("/") \
                and isinstance(e["version"], str) and SEMVER.match(e["version"]) is not None \
                and ("abstract" not in e or nonempty_string(e["abstract"])) \
                and ("docfile" not in e or nonempty_string(e["docfile"]))
    rule("provides maps extension terms to a relative file and a SemVer version", good)
    ms = meta.get("meta-spec")
    rule("meta-spec names version 1.0.x (and a URI)",
         isinstance(ms, dict) and isinstance(ms.get("version"), str)
         and re.match(r"^1\.0\.\d+$", ms["version"]) is not None
         and all(k in {"version", "url"} or custom(k) for k in ms)
         and ("url" not in ms or (isinstance(ms["url"], str) and URI.match(ms["url"]))))
    if "prereqs" in meta:
        pr = meta["prereqs"]
        good = isinstance(pr, dict) and len(pr) > 0
        if good:
            for phase, rels in pr.items():
                if custom(phase):
                    continue
                good = good and phase in PHASES and isinstance(rels, dict) and len(rels) > 0
                if not good:
                    break
                for rel, reqs in rels.items():
                    good = good and (rel in RELATIONS or custom(rel)) and isinstance(reqs, dict) \
                        and all(TERM.match(n) and version_range(v) for n, v in reqs.items())
        rule("prereqs: phases, relationships and version ranges", good)
    if "tags" in meta:
        t = meta["tags"]
        rule("tags are 2 to 255 characters, no slash, backslash or control character",
             isinstance(t, list) and t and all(isinstance(x, str) and TAG.match(x) for x in t))
    if "release_status" in meta:
        rule("release_status is stable, testing or unstable",
             meta["release_status"] in ("stable", "testing", "unstable"))
    if "no_index" in meta:
        ni = meta["no_index"]
        rule("no_index holds file and directory lists",
             isinstance(ni, dict) and all(k in ("file", "directory") or custom(k) for k in ni))
    if "resources" in meta:
        r = meta["resources"]
        good = isinstance(r, dict) and len(r) > 0
        if good:
            for k, v in r.items():
                if custom(k):
                    continue
                if k == "homepage":
                    good = good and isinstance(v, str) and URI.match(v) is not None
                elif k == "bugtracker":
                    good = good and isinstance(v, dict) and v and all(
                        (kk in ("web", "mailto") and isinstance(vv, str) and vv) or custom(kk) for kk, vv in v.items())
                elif k == "repository":
                    good = good and isinstance(v, dict) and v and all(
                        (kk in ("url", "web", "type") and isinstance(vv, str) and vv) or custom(kk) for kk, vv in v.items())
                else:
                    good = False
        rule("resources: homepage, bugtracker and repository in their forms", good)
    return out

n = 0
def tap(ok, what):
    global n
    n += 1
    print(f"{'ok' if ok else 'not ok'} {n} - {what}")

try:
    meta = json.load(open(f"{root}/META.json"))
    tap(True, "META.json parses as JSON")
except Exception as e:
    tap(False, f"META.json parses as JSON: {e}")
    sys.exit(0)

for name, problem in check(meta):
    tap(problem is None, f"META.json {name}" + (f": {problem}" if problem else ""))

control = open(f"{root}/cxvalue.control").read()
default_version = re.search(r"^default_version\s*=\s*'([^']*)'", control, re.M).group(1)
tap(meta.get("version") == default_version,
    f"META.json version {meta.get('version')} is the control file's default_version {default_version}")
ext = meta.get("provides", {}).get("cxvalue", {})
tap(ext.get("version") == default_version, "META.json provides cxvalue at the default_version")
import os
for key in ("file", "docfile"):
    if key in ext:
        tap(os.path.isfile(os.path.join(root, ext[key])), f"META.json provides cxvalue's {key} {ext[key]} exists")
req = meta.get("prereqs", {}).get("runtime", {}).get("requires", {})
tap(req.get("PostgreSQL") == "15.0.0", "META.json requires PostgreSQL 15.0.0 at run time")
lic = open(f"{root}/LICENSE").read()
tap(meta.get("license") == "postgresql" and lic.startswith("PostgreSQL License")
    and "Copyright (c) 2026, The cxvalue developers" in lic,
    "META.json's licence is the PostgreSQL License that LICENSE holds")
readme = open(f"{root}/README.md").read()
tap("PostgreSQL License" in readme and "LICENSE" in readme, "README.md names the licence and LICENSE")

# The validator rejects broken copies.
def broken(what, change):
    m = copy.deepcopy(meta)
    change(m)
    failed = [name for name, problem in check(m) if problem]
    tap(bool(failed), f"the validator rejects a META.json {what}" + (f" ({failed[0]})" if failed else ""))
broken("without a licence", lambda m: m.pop("license"))
broken("with an unknown licence key", lambda m: m.update(license="postgres"))
broken("with version 0.2", lambda m: m.update(version="0.2"))
broken("with a provides entry without a file", lambda m: m["provides"]["cxvalue"].pop("file"))
broken("with an unknown top-level key", lambda m: m.update(homepage="https://example.org/"))
broken("with meta-spec 2.0.0", lambda m: m["meta-spec"].update(version="2.0.0"))
broken("with a tag holding a slash", lambda m: m.update(tags=["a/b"]))
broken("with a version range that is no SemVer", lambda m: m["prereqs"]["runtime"]["requires"].update(PostgreSQL="15"))
PY
