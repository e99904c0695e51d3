# esxntp-lint: one flat GNU Makefile. Generated sources live only in $(B)/gen.
PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
DOCDIR  ?= $(PREFIX)/share/doc/esxntp-lint
B       ?= build
RE2C    ?= re2c
BISON   ?= bison
CC      ?= cc
CFLAGS  ?= -O2 -g
WERROR  ?=
WARN     = -std=c11 -Wall -Wextra -Wshadow -Wmissing-prototypes -Wstrict-prototypes \
           -Wpointer-arith -Wcast-qual -Wno-unused-parameter $(WERROR)
ALL_CFLAGS = $(WARN) $(CFLAGS) -D_GNU_SOURCE -Isrc -I$(B)/gen $(ARCHIVE_CFLAGS) -MMD -MP
JSON_LIBS ?= -ljansson
# libarchive reads tar archives (vm-support bundles) as host roots
PKG_CONFIG ?= pkg-config
ARCHIVE_CFLAGS ?= $(shell $(PKG_CONFIG) --cflags libarchive 2>/dev/null)
ARCHIVE_LIBS ?= $(shell $(PKG_CONFIG) --libs libarchive 2>/dev/null || echo -larchive)
CMOCKA_LIBS ?= -lcmocka
INI_LIBS ?= -linih
LDLIBS  += $(JSON_LIBS) $(INI_LIBS) $(ARCHIVE_LIBS)

RE_SRC  = $(wildcard grammar/*.re)
Y_SRC   = $(wildcard grammar/*.y)
GEN_C   = $(RE_SRC:grammar/%.re=$(B)/gen/%.c) $(Y_SRC:grammar/%.y=$(B)/gen/%.c)
GEN_H   = $(Y_SRC:grammar/%.y=$(B)/gen/%.h)
SRC     = $(filter-out src/main.c,$(wildcard src/*.c))
LIBOBJ  = $(SRC:src/%.c=$(B)/obj/%.o) $(GEN_C:$(B)/gen/%.c=$(B)/obj/gen_%.o)
UNIT    = $(patsubst tests/unit/%.c,$(B)/tests/%,$(wildcard tests/unit/test_*.c))
TESTLIB = $(patsubst tests/unit/%.c,$(B)/obj/tests_%.o,$(filter-out tests/unit/test_%.c,$(wildcard tests/unit/*.c)))
BIN     = $(B)/esxntp-lint
FUZZ    = $(patsubst fuzz/%.c,$(B)/fuzzers/%,$(wildcard fuzz/fuzz_*.c))
FUZZLIB = $(patsubst fuzz/%.c,$(B)/obj/fuzzlib_%.o,$(filter-out fuzz/fuzz_%.c,$(wildcard fuzz/*.c)))
FUZZTIME ?= 60
FUZZ_CFLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined \
              -fno-sanitize-recover=all

all: $(BIN)

# a fresh machine: .ci/deps installs (as root) or names what the build and the tests need
$(B)/.deps-build:
	@CC='$(CC)' RE2C='$(RE2C)' BISON='$(BISON)' sh .ci/deps build
	@mkdir -p $(@D) && touch $@

$(B)/.deps-static:
	@CC='$(CC)' RE2C='$(RE2C)' BISON='$(BISON)' sh .ci/deps static
	@mkdir -p $(@D) && touch $@

$(B)/.deps-check:
	@CC='$(CC)' RE2C='$(RE2C)' BISON='$(BISON)' sh .ci/deps check
	@mkdir -p $(@D) && touch $@

$(B)/gen/%.c: grammar/%.re | $(B)/.deps-build
	@mkdir -p $(@D)
	$(RE2C) -W -Werror --no-generation-date -o $@ $<

$(B)/gen/%.c $(B)/gen/%.h: grammar/%.y | $(B)/.deps-build
	@mkdir -p $(@D)
	$(BISON) -Wall -Werror --defines=$(B)/gen/$*.h -o $(B)/gen/$*.c $<

$(B)/obj/%.o: src/%.c $(GEN_H) | $(B)/.deps-build
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/obj/gen_%.o: $(B)/gen/%.c $(GEN_H)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/obj/tests_%.o: tests/unit/%.c $(GEN_H) | $(B)/.deps-check
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/unit -c -o $@ $<

$(B)/obj/fuzzlib_%.o: fuzz/%.c $(GEN_H)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Ifuzz -c -o $@ $<

$(BIN): $(LIBOBJ) $(B)/obj/main.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# a statically linked binary to carry to another machine (README, "A static binary").
# Only the libraries the code reaches: libarchive's tar reader and its gzip, bzip2 and xz
# filters (zlib, libbz2, liblzma); 'pkg-config --static' would name libacl, liblz4,
# libzstd, libxml2 and nettle too, for parts of libarchive never linked in, and Debian 12
# ships no static libacl, liblz4 or libzstd. glibc warns that getaddrinfo (--resolve) needs
# its NSS modules at run time: see the README.
STATIC_LIBS ?= -ljansson -linih -larchive -lbz2 -llzma -lz
STATIC_BIN = $(B)/esxntp-lint-static
static: $(STATIC_BIN)
$(STATIC_BIN): $(LIBOBJ) $(B)/obj/main.o | $(B)/.deps-static
	$(CC) $(CFLAGS) $(LDFLAGS) -static -o $@ $(LIBOBJ) $(B)/obj/main.o $(STATIC_LIBS) 2>$(B)/static-link.log || \
	    { cat $(B)/static-link.log; exit 1; }
	@grep -v -e 'getaddrinfo' -e 'gai_misc' -e 'in function' $(B)/static-link.log || true
	@echo "$@: statically linked (--resolve needs glibc's NSS modules where it runs; README)"

# the static binary is static (file, ldd) and passes the golden tests
check-static: $(STATIC_BIN)
	@sh tests/static.sh $(abspath $(STATIC_BIN))

$(B)/tests/%: tests/unit/%.c $(LIBOBJ) $(TESTLIB) | $(B)/.deps-check
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/unit $(LDFLAGS) $(WRAP) -o $@ $< $(LIBOBJ) $(TESTLIB) $(CMOCKA_LIBS) $(LDLIBS)

# system calls a test replaces to inject faults (tests only)
$(B)/tests/test_fswrite: WRAP = -Wl,--wrap=write,--wrap=fsync,--wrap=renameat,--wrap=renameat2,--wrap=unlinkat \
    -Wl,--wrap=openat,--wrap=linkat,--wrap=symlinkat,--wrap=fsetxattr,--wrap=fcntl
$(B)/tests/test_fix_mkdir: WRAP = -Wl,--wrap=linkat,--wrap=renameat2

# all tests: cmocka units, then golden CLI cases, then the tests that need ../shared or root
# SH_LINT: the command tests/sh run as the linter; UNIT_RUN, SH_TESTS: the tests run
SH_LINT ?= $(abspath $(BIN))
UNIT_RUN ?= $(UNIT)
SH_TESTS ?= $(wildcard tests/sh/*.sh)
check: $(BIN) $(UNIT) $(B)/gen_scale
	@set -e; for t in $(UNIT_RUN); do $(VALGRIND) $$t; done
	@ESXNTP_LINT=$(abspath $(BIN)) VALGRIND="$(VALGRIND)" sh tests/golden.sh
	@for t in $(SH_TESTS); do [ -f "$$t" ] || continue; \
		ESXNTP_LINT=$(SH_LINT) VALGRIND="$(VALGRIND)" sh "$$t" || exit 1; done

# check under valgrind: any error or leak (definite, indirect, possible) fails with 99.
# valgrind 3.19 (Debian 12) does not know openat2(), which --fix needs to write inside
# the root and the reader uses to resolve paths inside it: test_fswrite, test_fix_mkdir
# (its fixes write) and every run that writes (--fix) or links out of its root (tests/sh,
# see tests/vg-lint.sh) run without valgrind, and make sanitize covers them
VG = valgrind -q --error-exitcode=99 --leak-check=full \
     --errors-for-leak-kinds=definite,indirect,possible --suppressions=$(abspath tests/valgrind.supp) \
     --log-file=$(abspath $(B))/vg/%p.log
# valgrind's reports go to $(B)/vg/ (golden tests want an empty stderr); any line there
# but the warning about openat2 fails the target, even from a run whose status no test reads
# (1777: a test runs the linter as nobody). VG_SH=0: units and golden only
VG_SH ?= 1
valgrind: $(BIN) $(UNIT)
	@rm -rf $(B)/vg && mkdir -p $(B)/vg && chmod 1777 $(B)/vg
	@VG_LINT_BIN=$(abspath $(BIN)) $(MAKE) --no-print-directory check VALGRIND='$(VG)' \
	    UNIT_RUN='$(filter-out $(B)/tests/test_fswrite $(B)/tests/test_fix_mkdir,$(UNIT))' \
	    SH_LINT=$(abspath tests/vg-lint.sh) $(if $(filter 1,$(VG_SH)),,SH_TESTS=)
	@cat $(B)/vg/*.log | grep -v -e 'syscall: 437' -e 'your own handler' -e README_MISSING_SYSCALL \
	    -e 'consider this a bug' -e 'valgrind.org/support' | grep . && \
	    { echo "valgrind: errors, see $(B)/vg/"; exit 1; } || \
	    echo "valgrind: no error, no leak ($$(ls $(B)/vg | wc -l) processes)"

# --fix under faults (read-only directory, full disk, symlinks, hard links, concurrent runs,
# kill -9 at random moments: KILLS=200) and its properties over the whole corpus; slower
# than check, run by .ci/run
check-faults: $(BIN)
	@for t in tests/faults/*.sh; do ESXNTP_LINT=$(abspath $(BIN)) sh "$$t" || exit 1; done

# lints every file of ../shared/realworld (alone, and one machine's files as a host) and
# keeps the reports in $(B)/sweep to read; make check runs it too
sweep: $(BIN)
	@SWEEP_OUT=$(B)/sweep ESXNTP_LINT=$(abspath $(BIN)) sh tests/sh/realworld_sweep.sh

update-golden: $(BIN)
	@ESXNTP_LINT=$(abspath $(BIN)) UPDATE=1 sh tests/golden.sh

run: $(BIN)
	$(BIN) corpus/example-host; status=$$?; echo "exit status $$status"

# SAN_SKIP: names of tests/sh scripts not run under ASan (CI skips those that check
# documents, consumers' formats and real daemons' verdicts: make check runs them)
SAN_SKIP ?=
sanitize:
	$(MAKE) B=build/san CC=clang WERROR=$(WERROR) \
	    CFLAGS='-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all' \
	    LDFLAGS='-fsanitize=address,undefined' \
	    SH_TESTS='$(filter-out $(patsubst %,tests/sh/%.sh,$(SAN_SKIP)),$(SH_TESTS))' check

# libFuzzer targets (clang), built in build/fuzz; each runs FUZZTIME seconds
fuzz-targets: $(FUZZ)
$(B)/fuzzers/%: fuzz/%.c $(LIBOBJ) $(FUZZLIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Ifuzz -fsanitize=fuzzer $(LDFLAGS) -o $@ $< $(LIBOBJ) $(FUZZLIB) $(LDLIBS)

fuzz:
	$(MAKE) B=build/fuzz CC=clang WERROR=$(WERROR) CFLAGS='$(FUZZ_CFLAGS)' \
	    LDFLAGS='-fsanitize=address,undefined' fuzz-targets
	@sh tests/fuzz.sh build/fuzz $(FUZZTIME)

# bench tools: a parse+check timer linked with the library, and an input generator
$(B)/bench_parse: tests/bench/bench_parse.c $(LIBOBJ)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIBOBJ) $(LDLIBS)

$(B)/gen_conf: tests/bench/gen_conf.c
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $<

$(B)/gen_fleet: tests/bench/gen_fleet.c
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $<

# the inputs of tests/unit/scale_cases.c, for the bench and tests/sh/scale_time.sh
$(B)/gen_scale: tests/bench/gen_scale.c tests/unit/scale_cases.c tests/unit/scale_cases.h
	$(CC) $(ALL_CFLAGS) -Itests/unit $(LDFLAGS) -o $@ tests/bench/gen_scale.c tests/unit/scale_cases.c

bench: $(BIN) $(B)/bench_parse $(B)/gen_conf $(B)/gen_fleet $(B)/gen_scale
	@sh tests/bench.sh $(abspath $(BIN)) $(abspath $(B))
	@echo
	@sh tests/bench_large.sh $(abspath $(BIN)) $(abspath $(B))
	@echo
	@sh tests/bench_whole.sh $(abspath $(BIN)) $(abspath $(B))
	@echo
	@sh tests/bench_fleet.sh $(abspath $(BIN)) $(abspath $(B))

# PREFIX, or each of BINDIR, MANDIR, DOCDIR; DESTDIR stages. --help and the man page
# send the reader to the README, so it is installed too (DOCDIR)
install: $(BIN)
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DOCDIR)
	cp $(BIN) $(DESTDIR)$(BINDIR)/esxntp-lint
	cp esxntp-lint.1 $(DESTDIR)$(MANDIR)/man1/esxntp-lint.1
	cp README.md $(DESTDIR)$(DOCDIR)/README.md
	cp docs/esxntp-lint.ini.example $(DESTDIR)$(DOCDIR)/esxntp-lint.ini.example

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/esxntp-lint $(DESTDIR)$(MANDIR)/man1/esxntp-lint.1 \
	    $(DESTDIR)$(DOCDIR)/README.md $(DESTDIR)$(DOCDIR)/esxntp-lint.ini.example
	-rmdir $(DESTDIR)$(DOCDIR) 2>/dev/null

clean:
	rm -rf build

.PHONY: all static check-static check valgrind check-faults sweep update-golden run sanitize fuzz fuzz-targets bench install uninstall clean
.SECONDARY: $(GEN_C) $(GEN_H) $(FUZZLIB)
.DELETE_ON_ERROR:
-include $(wildcard $(B)/obj/*.d $(B)/tests/*.d)
