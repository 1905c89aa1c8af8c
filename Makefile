# cxvalue, built with PGXS.
#
#   make && make install      build and install into the PostgreSQL that
#                             PG_CONFIG names (default: PostgreSQL 15)
#   make test                 every test, in a throwaway cluster
#   make bench                benchmarks against plain SQL
#   make demo                 the main job: real data, scorecards printed
#   make valgrind             the fuzzer and a workload under valgrind (slow)
#
# Warnings: the build adds -Wextra; CI adds -Werror with COPT=-Werror.

EXTENSION = cxvalue
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" cxvalue.control)

PG_CONFIG ?= $(shell test -x /usr/lib/postgresql/15/bin/pg_config && echo /usr/lib/postgresql/15/bin/pg_config || echo pg_config)

MODULE_big = cxvalue
OBJS = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))

# The install script of the current version is generated from the SQL that
# sits beside each C file, in this order.  Scripts of released versions live
# in src/versions/ and are never edited.
SQL_PARTS = $(wildcard src/cxvalue.sql src/quadrant.sql src/scores.sql \
	src/journey.sql src/value.sql src/value_model.sql src/rate.sql src/waits.sql src/drivers.sql \
	src/workspace.sql src/citus.sql)
# The upgrade from the last release: the changes to objects it had
# (src/upgrade/*.sql, in name order), then the parts it recreates or that
# are new in this version, whole, then src/upgrade/after/*.sql (data moved
# into recreated objects).
PREVIOUS_VERSION = 0.1.0
UPGRADE_PARTS = $(sort $(wildcard src/upgrade/*.sql)) \
	src/value_model.sql \
	$(wildcard src/rate.sql src/waits.sql src/drivers.sql src/citus.sql) \
	$(sort $(wildcard src/upgrade/after/*.sql))
UPGRADE_SCRIPT = $(EXTENSION)--$(PREVIOUS_VERSION)--$(EXTVERSION).sql
DATA_built = $(EXTENSION)--$(EXTVERSION).sql $(UPGRADE_SCRIPT)
DATA = $(wildcard src/versions/*.sql src/versions/*.control)

REGRESS = $(basename $(notdir $(sort $(wildcard sql/*.sql))))
REGRESS_OPTS = --load-extension=$(EXTENSION)

PG_CPPFLAGS = -Isrc
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

$(EXTENSION)--$(EXTVERSION).sql: $(SQL_PARTS) cxvalue.control
	cat $(SQL_PARTS) > $@

$(UPGRADE_SCRIPT): $(UPGRADE_PARTS) cxvalue.control
	cat $(UPGRADE_PARTS) > $@

# Every object depends on every header: they are few and small.
$(OBJS): $(wildcard src/*.h)

test/fuzz/fuzz_input: test/fuzz/fuzz_input.c
	$(CC) -O2 -Wall -Wextra -o $@ $< -I$(shell $(PG_CONFIG) --includedir) \
		-L$(shell $(PG_CONFIG) --libdir) -lpq

.PHONY: test bench demo valgrind
test:
	bash test/run

bench:
	bash test/bench/run

demo:
	bash test/demo/run

valgrind:
	bash test/fuzz/valgrind.sh
