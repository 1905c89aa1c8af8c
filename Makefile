# cxvalue, built with PGXS.
#
#   make && make install      build and install into the PostgreSQL that
#                             PG_CONFIG names (default: PostgreSQL 15)
#   make test                 every test, in a throwaway cluster, on
#                             PostgreSQL 15 and 18 (PG_CONFIG=...: that one
#                             only; doc/versions.md)
#   make bench                benchmarks against plain SQL
#   make demo                 the main job: real data, scorecards printed,
#                             the HTML report written (build/report/index.html)
#   make report WORKSPACE=ws  the HTML report of your own workspace; connection
#                             settings as for psql (PGHOST=... PGDATABASE=...)
#   make valgrind             the fuzzer and a workload under valgrind (slow)
#   make dist                 build/cxvalue-<version>.zip, the PGXN release, from git HEAD
#   make doc-index            README.md's list of the doc/ pages, from doc/*.md
#
# Out-of-tree builds (as Debian's pg_buildext does) work too:
#   make -C build-15 -f $PWD/Makefile VPATH=$PWD
#
# Warnings: the build adds -Wextra; CI adds -Werror with COPT=-Werror.

EXTENSION = cxvalue
# The source tree: this directory, or VPATH in an out-of-tree build.
CX_SRC := $(if $(VPATH),$(VPATH)/,)
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" $(CX_SRC)cxvalue.control)

PG_CONFIG ?= $(shell test -x /usr/lib/postgresql/15/bin/pg_config && echo /usr/lib/postgresql/15/bin/pg_config || echo pg_config)

MODULE_big = cxvalue
OBJS = $(patsubst $(CX_SRC)%.c,%.o,$(sort $(wildcard $(CX_SRC)src/*.c)))
ifneq ($(CX_SRC),)
$(shell mkdir -p src)
endif

# The install script of the current version is generated from the SQL that
# sits beside each C file, in this order.  Scripts of released versions live
# in src/versions/ and are never edited.
SQL_PARTS = $(wildcard $(addprefix $(CX_SRC)src/,cxvalue.sql quadrant.sql scores.sql \
	journey.sql value.sql value_model.sql rate.sql waits.sql deadline.sql drivers.sql \
	workspace.sql citus.sql))
# The upgrade from the last release: the changes to objects it had
# (src/upgrade/*.sql, in name order), then the parts it recreates or that
# are new in this version, whole, then src/upgrade/after/*.sql (data moved
# into recreated objects).
PREVIOUS_VERSION = 0.1.0
UPGRADE_CHANGES = $(sort $(wildcard $(CX_SRC)src/upgrade/*.sql))
UPGRADE_NEW = $(CX_SRC)src/value_model.sql \
	$(wildcard $(addprefix $(CX_SRC)src/,rate.sql waits.sql deadline.sql drivers.sql citus.sql)) \
	$(sort $(wildcard $(CX_SRC)src/upgrade/after/*.sql))
UPGRADE_PARTS = $(UPGRADE_CHANGES) $(UPGRADE_NEW)
# The workspace functions are replaced whole: src/workspace.sql, with
# CREATE OR REPLACE for the two functions 0.1.0 had.
WORKSPACE_PART = $(CX_SRC)src/workspace.sql
upgrade_workspace = sed -e 's/^CREATE FUNCTION cx\.create_workspace\(_views\)\{0,1\}(/CREATE OR REPLACE FUNCTION cx.create_workspace\1(/' $(WORKSPACE_PART)
UPGRADE_SCRIPT = $(EXTENSION)--$(PREVIOUS_VERSION)--$(EXTVERSION).sql
# `=`, `<>` and the btree and hash classes of every summary type come from
# one template, expanded once per type at the end of both scripts (none of
# it existed in 0.1.0).
SUMMARY_TYPES = journey scores customer_value quadrant_profile rate waits drivers
COMPARE_TEMPLATE = $(CX_SRC)src/compare.sql.in
expand_compare = for t in $(SUMMARY_TYPES); do sed "s/@T@/$$t/g" $(COMPARE_TEMPLATE); done
DATA_built = $(EXTENSION)--$(EXTVERSION).sql $(UPGRADE_SCRIPT)
DATA = $(patsubst $(CX_SRC)%,%,$(wildcard $(CX_SRC)src/versions/*.sql $(CX_SRC)src/versions/*.control))

REGRESS = $(basename $(notdir $(sort $(wildcard $(CX_SRC)sql/*.sql))))
REGRESS_OPTS = --load-extension=$(EXTENSION)

PG_CPPFLAGS = -I$(CX_SRC)src
# PostgreSQL's own headers trip -Wunused-parameter, hence the exception.
PG_CFLAGS = -Wextra -Wno-unused-parameter

EXTRA_CLEAN = test/fuzz/fuzz_input

PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)
ifneq ($(PGXS),)
include $(PGXS)
else
# Without PostgreSQL's headers only test, bench and demo work: they install
# what is missing first.
all install installcheck:
	@echo "pg_config of PostgreSQL 15 not found: apt-get install postgresql-server-dev-15" >&2; exit 1
endif

$(EXTENSION)--$(EXTVERSION).sql: $(SQL_PARTS) $(COMPARE_TEMPLATE) $(CX_SRC)cxvalue.control
	{ cat $(SQL_PARTS); $(expand_compare); } > $@

$(UPGRADE_SCRIPT): $(UPGRADE_PARTS) $(WORKSPACE_PART) $(COMPARE_TEMPLATE) $(CX_SRC)cxvalue.control
	{ cat $(UPGRADE_CHANGES); $(upgrade_workspace); cat $(UPGRADE_NEW); $(expand_compare); } > $@

# Every object depends on every header: they are few and small.
$(OBJS): $(wildcard $(CX_SRC)src/*.h)

test/fuzz/fuzz_input: test/fuzz/fuzz_input.c
	$(CC) -O2 -Wall -Wextra -o $@ $< -I$(shell $(PG_CONFIG) --includedir) \
		-L$(shell $(PG_CONFIG) --libdir) -lpq

# The release zip PGXN takes: the committed tree at HEAD, nothing built.
DIST = build/$(EXTENSION)-$(EXTVERSION).zip
dist:
	mkdir -p build
	rm -f $(DIST)
	git archive --format=zip --prefix=$(EXTENSION)-$(EXTVERSION)/ -o $(DIST) HEAD
	@echo $(DIST)

# README.md's list of the doc/ pages, rewritten from doc/*.md.
doc-index:
	bash test/doc_index.sh > build-doc-index.tmp
	python3 -c 'import re, sys; s = open("README.md").read(); i = open("build-doc-index.tmp").read(); open("README.md", "w").write(re.sub(r"(<!-- doc-index -->\n).*?(<!-- /doc-index -->)", lambda m: m.group(1) + i + m.group(2), s, flags=re.S))'
	rm -f build-doc-index.tmp

.PHONY: test bench demo valgrind dist doc-index report
test:
	bash test/run

bench:
	bash test/bench/run

demo:
	bash test/demo/run

valgrind:
	bash test/fuzz/valgrind.sh

# The report of a workspace in a running database: libpq's environment
# (PGHOST, PGPORT, PGDATABASE, PGUSER, ...) says which.
WORKSPACE ?=
REPORT ?= build/report/index.html
report:
	@test -n "$(WORKSPACE)" || { echo "make report WORKSPACE=<schema> [PGHOST=... PGPORT=... PGDATABASE=... PGUSER=...]" >&2; \
		echo "(make demo writes the report of the demo's data)" >&2; exit 2; }
	python3 test/report/cx_report.py --schema '$(WORKSPACE)' --output '$(REPORT)'
