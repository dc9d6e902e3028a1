# tend — a private, trauma-informed journal for the terminal.
#
#   make          build ./tend (release build)
#   make run      build and open the journal (installs missing packages first)
#   make check    build under AddressSanitizer + UBSan and run every test suite
#   make deps     install the Debian packages tend needs (apt-get, via sudo when not root)
#   make clean    remove build/ and ./tend
#   make fuzz     run every libFuzzer target for FUZZ_SECONDS each (default 60)
#   make valgrind run the unit suite under valgrind memcheck (CI runs it)
#   make bench    time 1,000-100,000-entry journals; writes bench/REPORT.md
#   make install  install tend, its man page and completions (PREFIX, DESTDIR)
#   make uninstall remove exactly what make install put there
#   make screens  regenerate the screens in README.md from the real program
#
# Everything generated lives under $(BUILD); several builds can share a tree by
# giving each its own BUILD=dir.

.DEFAULT_GOAL := all
SHELL := /bin/bash

VERSION := 0.1.0
BUILD   ?= build
REL     := $(BUILD)/release
TST     := $(BUILD)/test
GEN     := $(BUILD)/gen

# pkg-config names of the libraries tend links, and of the test library.
PKGS       := ncursesw sqlite3 libsodium libcmark jansson
TEST_PKGS  := cmocka
# Debian packages that provide them (and what the test suites drive).
DEB_RUN    := make gcc libc6-dev pkg-config libncurses-dev libsqlite3-dev libsodium-dev libcmark-dev libjansson-dev
DEB_CHECK  := $(DEB_RUN) libcmocka-dev tmux ncurses-base ncurses-term sqlite3 clang libclang-rt-dev valgrind mandoc man-db zsh
DEB_BENCH  := $(DEB_RUN) hyperfine

PKG_CFLAGS := $(filter-out -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=%,$(shell pkg-config --cflags $(PKGS) 2>/dev/null))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
TEST_CFLAGS_PKG := $(shell pkg-config --cflags $(TEST_PKGS) 2>/dev/null)
TEST_LIBS_PKG   := $(shell pkg-config --libs $(TEST_PKGS) 2>/dev/null)

WARN     := -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wstrict-prototypes \
            -Wmissing-prototypes -Wold-style-definition -Wvla -Wundef
CPPFLAGS += -Iinclude -I$(GEN) -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 \
            -DTEND_VERSION='"$(VERSION)"' $(PKG_CFLAGS)
CFLAGS   ?= -O2 -g
REL_CFLAGS  := -std=c11 $(WARN) $(CFLAGS) -fstack-protector-strong -D_FORTIFY_SOURCE=2
SAN         := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
TST_CFLAGS  := -std=c11 $(WARN) -O1 -g $(SAN) -DTEND_TEST_BUILD
LDLIBS_ALL  := $(PKG_LIBS) -lm

# Sources: every src/<module>/*.c is library code; src/main.c is the program.
LIB_SRCS  := $(sort $(wildcard src/*/*.c))
MAIN_SRC  := src/main.c
CONTENT   := $(sort $(shell find content -type f -name '*.md' ! -path content/README.md 2>/dev/null))
GEN_SRCS  := $(GEN)/content_data.c

REL_OBJS  := $(patsubst %.c,$(REL)/obj/%.o,$(LIB_SRCS)) $(REL)/obj/gen/content_data.o
TST_OBJS  := $(patsubst %.c,$(TST)/obj/%.o,$(LIB_SRCS)) $(TST)/obj/gen/content_data.o

UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(patsubst tests/unit/%.c,$(TST)/unit/%,$(UNIT_SRCS))
UNIT_SUPPORT := $(wildcard tests/unit/support/*.c)
UNIT_SUPPORT_OBJS := $(patsubst %.c,$(TST)/obj/%.o,$(UNIT_SUPPORT))

# Quiet by default; V=1 shows every command.
ifeq ($(V),1)
Q :=
else
Q := @
endif

.PHONY: all run check check-now test-build deps deps-run deps-check clean help
.SUFFIXES:
.SECONDARY:

all: tend

help:
	@sed -n '/^#   make/p' Makefile | sed 's/^# \{0,1\}//'

tend: $(REL)/tend
	$(Q)cp $< $@

$(REL)/tend: $(REL)/obj/src/main.o $(REL_OBJS)
	@echo "  LD      $@"
	$(Q)$(CC) $(REL_CFLAGS) -o $@ $^ $(LDFLAGS) $(LDLIBS_ALL)

$(TST)/tend: $(TST)/obj/src/main.o $(TST_OBJS)
	@echo "  LD      $@"
	$(Q)$(CC) $(TST_CFLAGS) -o $@ $^ $(LDFLAGS) $(LDLIBS_ALL)

$(REL)/obj/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(CPPFLAGS) $(REL_CFLAGS) -MMD -MP -c -o $@ $<

$(TST)/obj/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(CPPFLAGS) $(TEST_CFLAGS_PKG) $(TST_CFLAGS) -MMD -MP -c -o $@ $<

$(REL)/obj/gen/%.o: $(GEN)/%.c
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(CPPFLAGS) $(REL_CFLAGS) -c -o $@ $<

$(TST)/obj/gen/%.o: $(GEN)/%.c
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(CPPFLAGS) $(TST_CFLAGS) -c -o $@ $<

# content/ is compiled into the binary, so tend finds its pages from any folder.
$(GEN)/embed: build-aux/embed.c
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) -std=c11 $(WARN) -O1 -o $@ $<

$(GEN)/content_data.c: $(GEN)/embed $(CONTENT) Makefile
	@mkdir -p $(@D)
	@echo "  EMBED   $@"
	$(Q)$(GEN)/embed content $(CONTENT) > $@.tmp && mv $@.tmp $@

$(TST)/unit/%: $(TST)/obj/tests/unit/%.o $(UNIT_SUPPORT_OBJS) $(TST_OBJS)
	@mkdir -p $(@D)
	@echo "  LD      $@"
	$(Q)$(CC) $(TST_CFLAGS) -o $@ $^ $(LDFLAGS) $(TEST_LIBS_PKG) $(LDLIBS_ALL)

test-build: $(TST)/tend $(UNIT_BINS)

# Runs every suite; the last line is "N passed, N failed".
check-now: test-build fuzz-build
	@TEND_BIN=$(TST)/tend UNIT_DIR=$(TST)/unit FUZZ_DIR=$(FUZZ) FUZZ_RUNS=$(FUZZ_RUNS) \
	  UPDATE=$(UPDATE) tests/run-all

# The public targets first make sure the libraries are there, then re-enter
# make so pkg-config is asked again after an install.
check:
	@$(MAKE) --no-print-directory deps-check
	@$(MAKE) --no-print-directory check-now

run:
	@$(MAKE) --no-print-directory deps-run
	@$(MAKE) --no-print-directory tend
	./tend $(ARGS)

deps-run:
	@pkg-config --exists $(PKGS) 2>/dev/null || $(MAKE) --no-print-directory deps PKG_SET=run

# make check needs more than libraries (tmux, clang's libFuzzer, valgrind):
# ask dpkg about every package, quietly when all are there.
deps-check:
	@$(MAKE) --no-print-directory deps DEPS_QUIET=1

PKG_SET ?= check
deps:
	@pkgs="$(if $(filter run,$(PKG_SET)),$(DEB_RUN),$(if $(filter bench,$(PKG_SET)),$(DEB_BENCH),$(DEB_CHECK)))"; \
	missing=""; for p in $$pkgs; do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then [ -n "$(DEPS_QUIET)" ] || echo "deps: everything tend needs is installed"; exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi; \
	echo "deps: installing$$missing"; \
	$$sudo apt-get update -q && \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing

# ---- fuzzing: clang + libFuzzer ----------------------------------------------
# Each tests/fuzz/fuzz_NAME.c defines LLVMFuzzerTestOneInput over the real
# library code. Seeds live in tests/fuzz/corpus/NAME/, kept crash inputs in
# tests/fuzz/crashes/NAME/. make check replays both and runs FUZZ_RUNS more
# inputs per target; make fuzz runs FUZZ_SECONDS per target.
FUZZ      := $(BUILD)/fuzz
FUZZ_CC   ?= clang
FUZZ_SAN  := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS := -std=c11 $(WARN) -O1 -g $(FUZZ_SAN) -fsanitize=fuzzer-no-link -DTEND_TEST_BUILD -DTEND_FUZZ
FUZZ_SRCS := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS := $(patsubst tests/fuzz/%.c,$(FUZZ)/%,$(FUZZ_SRCS))
FUZZ_OBJS := $(patsubst %.c,$(FUZZ)/obj/%.o,$(LIB_SRCS)) $(FUZZ)/obj/gen/content_data.o
FUZZ_RUNS ?= 3000
FUZZ_SECONDS ?= 60

.PHONY: fuzz fuzz-build fuzz-now valgrind valgrind-now
fuzz-build: $(FUZZ_BINS)

$(FUZZ)/obj/%.o: %.c
	@mkdir -p $(@D)
	@echo "  FUZZCC  $@"
	$(Q)$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -MMD -MP -c -o $@ $<

$(FUZZ)/obj/gen/%.o: $(GEN)/%.c
	@mkdir -p $(@D)
	$(Q)$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ)/fuzz_%: $(FUZZ)/obj/tests/fuzz/fuzz_%.o $(FUZZ_OBJS)
	@echo "  LD      $@"
	$(Q)$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ $(LDFLAGS) $(LDLIBS_ALL)

fuzz:
	@$(MAKE) --no-print-directory deps-check
	@$(MAKE) --no-print-directory fuzz-now

fuzz-now: fuzz-build
	@FUZZ_DIR=$(FUZZ) FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/long-run

# ---- valgrind: the unit suite without sanitizers, under memcheck ----------
VG        := $(BUILD)/valgrind
VG_CFLAGS := -std=c11 $(WARN) -O1 -g -DTEND_TEST_BUILD
VG_OBJS   := $(patsubst %.c,$(VG)/obj/%.o,$(LIB_SRCS)) $(VG)/obj/gen/content_data.o
VG_BINS   := $(patsubst tests/unit/%.c,$(VG)/unit/%,$(UNIT_SRCS))

$(VG)/obj/%.o: %.c
	@mkdir -p $(@D)
	@echo "  VGCC    $@"
	$(Q)$(CC) $(CPPFLAGS) $(TEST_CFLAGS_PKG) $(VG_CFLAGS) -MMD -MP -c -o $@ $<

$(VG)/obj/gen/%.o: $(GEN)/%.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(CPPFLAGS) $(VG_CFLAGS) -c -o $@ $<

$(VG)/unit/%: $(VG)/obj/tests/unit/%.o $(patsubst %.c,$(VG)/obj/%.o,$(UNIT_SUPPORT)) $(VG_OBJS)
	@mkdir -p $(@D)
	@echo "  LD      $@"
	$(Q)$(CC) $(VG_CFLAGS) -o $@ $^ $(LDFLAGS) $(TEST_LIBS_PKG) $(LDLIBS_ALL)

valgrind:
	@$(MAKE) --no-print-directory deps-check
	@$(MAKE) --no-print-directory valgrind-now

valgrind-now: $(VG_BINS)
	@VG_DIR=$(VG)/unit tests/valgrind-run

# ---- benchmarks: not part of make check or CI ---------------------------------
# bench/bench.c and bench/edit_bench.c linked with the release objects (-O2,
# no sanitizers). bench/README.md says what each number means. BENCH_SIZES
# limits the journals, e.g. make bench BENCH_SIZES=1000,10000.
BENCH       := $(BUILD)/bench
BENCH_SIZES ?= 1000,10000,100000
BENCH_BINS  := $(BENCH)/bench $(BENCH)/edit_bench

.PHONY: bench bench-now
$(BENCH)/obj/%.o: %.c
	@mkdir -p $(@D)
	@echo "  BENCHCC $@"
	$(Q)$(CC) $(CPPFLAGS) $(REL_CFLAGS) -DBENCH_CFLAGS='"$(CFLAGS)"' -MMD -MP -c -o $@ $<

$(BENCH_BINS): $(BENCH)/%: $(BENCH)/obj/bench/%.o $(REL_OBJS)
	@echo "  LD      $@"
	$(Q)$(CC) $(REL_CFLAGS) -o $@ $^ $(LDFLAGS) $(LDLIBS_ALL)

bench:
	@$(MAKE) --no-print-directory deps PKG_SET=bench DEPS_QUIET=1
	@$(MAKE) --no-print-directory bench-now

# A test build (TEND_SCRIPT, TEND_KEYTIME) at -O2 without sanitizers, so the
# scripted UI harness can time keys as a person would feel them.
BENCH_UI      := $(BENCH)/tend-ui
BENCH_UI_OBJS := $(patsubst %.c,$(BENCH)/uiobj/%.o,$(LIB_SRCS) $(MAIN_SRC)) $(BENCH)/uiobj/gen/content_data.o

$(BENCH)/uiobj/%.o: %.c
	@mkdir -p $(@D)
	@echo "  BENCHCC $@"
	$(Q)$(CC) $(CPPFLAGS) $(REL_CFLAGS) -DTEND_TEST_BUILD -MMD -MP -c -o $@ $<

$(BENCH)/uiobj/gen/%.o: $(GEN)/%.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(CPPFLAGS) $(REL_CFLAGS) -DTEND_TEST_BUILD -c -o $@ $<

$(BENCH_UI): $(BENCH_UI_OBJS)
	@echo "  LD      $@"
	$(Q)$(CC) $(REL_CFLAGS) -o $@ $^ $(LDFLAGS) $(LDLIBS_ALL)

bench-now: $(BENCH_BINS) $(REL)/tend $(BENCH_UI)
	@mkdir -p $(BENCH)/work
	$(BENCH)/bench --sizes $(BENCH_SIZES) --work $(BENCH)/work --tend $(REL)/tend \
	  --edit-bench $(BENCH)/edit_bench --report bench/REPORT.md
	bench/ui-keys.sh $(BENCH_UI) $(BENCH)/work bench/REPORT.md

# ---- install: the release binary, the man page and both completions ---------
# make install PREFIX=/usr/local DESTDIR=/stage puts four files under
# $(DESTDIR)$(PREFIX); make uninstall with the same PREFIX and DESTDIR removes
# exactly those four (folders are left, as other programs share them).
PREFIX      ?= /usr/local
BINDIR      ?= $(PREFIX)/bin
MANDIR      ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  ?= $(PREFIX)/share/zsh/site-functions
INSTALL     ?= install
INSTALLED   := "$(DESTDIR)$(BINDIR)/tend" "$(DESTDIR)$(MANDIR)/man1/tend.1" \
               "$(DESTDIR)$(BASHCOMPDIR)/tend" "$(DESTDIR)$(ZSHCOMPDIR)/_tend"

.PHONY: install uninstall screens
install: $(REL)/tend
	$(INSTALL) -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(MANDIR)/man1" \
	  "$(DESTDIR)$(BASHCOMPDIR)" "$(DESTDIR)$(ZSHCOMPDIR)"
	$(INSTALL) -m 0755 $(REL)/tend "$(DESTDIR)$(BINDIR)/tend"
	$(INSTALL) -m 0644 man/tend.1 "$(DESTDIR)$(MANDIR)/man1/tend.1"
	$(INSTALL) -m 0644 completions/tend.bash "$(DESTDIR)$(BASHCOMPDIR)/tend"
	$(INSTALL) -m 0644 completions/_tend "$(DESTDIR)$(ZSHCOMPDIR)/_tend"

uninstall:
	rm -f $(INSTALLED)

# ---- README screens: docs/screens/*.script run headless by the test build ----
# Each ":snapshot NAME" replaces the block between <!-- screen:NAME --> and
# <!-- /screen --> in README.md; tests/cli/test_docs.sh fails when they differ.
screens: $(TST)/tend
	@TEND_BIN=$(TST)/tend docs/screens/run

clean:
	rm -rf $(BUILD) tend

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
