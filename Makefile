# tlstrace - build, run, test, install.
#
#   make run     install what is missing, build, open tlstrace
#   make check   install what is missing, run every test (plain and ASan+UBSan)
#   make bench   speed and memory against ssldump and tshark
#   make fuzz    install clang if missing, run each fuzz target FUZZ_SECONDS (tests/fuzz)

PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= cc
PKG_CONFIG ?= pkg-config

PKGS      = gnutls nettle hogweed ncursesw libpcap zlib libzstd
TEST_PKGS = cunit

# Debian packages: what building and running needs, and what the tests use
# as independent peers and oracles.
RUN_DEBS  = gcc make pkg-config libgnutls28-dev nettle-dev libncurses-dev libpcap-dev zlib1g-dev libzstd-dev
TEST_DEBS = $(RUN_DEBS) clang libclang-rt-dev libcunit1-dev tmux tshark gnutls-bin openssl tcpdump valgrind python3 man-db groff-base time python3-scapy python3-cryptography curl

WARN     = -Wall -Wextra -Wshadow -Wformat=2 -Wstrict-prototypes -Wmissing-prototypes
CFLAGS  ?= -O2 -g
CSTD     = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -pthread
TEST_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(TEST_PKGS) 2>/dev/null)
TEST_LIBS   = $(shell $(PKG_CONFIG) --libs $(TEST_PKGS) 2>/dev/null)
INCLUDES = -Isrc -I.
ALL_CFLAGS = $(CSTD) $(INCLUDES) $(CPPFLAGS) $(WARN) $(CFLAGS) -pthread $(PKG_CFLAGS) -MMD -MP

# The command line (it prints and exits) links only into the program; the
# library below it is what the tests link too.
CLI_SRC  = $(wildcard src/*.c)
LIB_SRC  = $(wildcard src/*/*.c)
UI_SRC   = $(wildcard ui/*.c)
TEST_SRC = $(filter-out tests/bench_gen.c,$(wildcard tests/*.c))
VERSION  = 0.1.0
DEFS     = -DTLSTRACE_VERSION='"$(VERSION)"' -DTLSTRACE_LESSONS_DIR='"$(PREFIX)/share/tlstrace/lessons"'

# Plain build in build/, sanitizer build in build/asan/.
OBJ      = $(LIB_SRC:%.c=build/%.o)
UI_OBJ   = $(UI_SRC:%.c=build/%.o)
TEST_OBJ = $(TEST_SRC:%.c=build/%.o)
ASAN_FLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
ASAN_OBJ = $(LIB_SRC:%.c=build/asan/%.o) $(TEST_SRC:%.c=build/asan/%.o)

.PHONY: all run check test test-asan test-cli install uninstall clean deps-run deps-test deps-bench bench \
	deps-fuzz fuzz fuzz-build fuzz-replay

all: tlstrace

tlstrace: $(OBJ) $(UI_OBJ) $(CLI_SRC:%.c=build/%.o)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

build/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(DEFS) -c -o $@ $<

build/tests/%.o: tests/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(TEST_CFLAGS) -c -o $@ $<

build/asan/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(INCLUDES) $(CPPFLAGS) $(WARN) $(ASAN_FLAGS) -pthread $(PKG_CFLAGS) $(TEST_CFLAGS) -MMD -MP $(DEFS) -c -o $@ $<

# The test runner links the interface's objects too: test_views.c renders
# the Secrets tab next to the text, JSON and lesson views.
build/test_runner: $(OBJ) $(UI_OBJ) $(TEST_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(TEST_LIBS)

build/asan/test_runner: $(ASAN_OBJ) $(UI_SRC:%.c=build/asan/%.o)
	$(CC) $(ASAN_FLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(TEST_LIBS)

build/asan/tlstrace: $(LIB_SRC:%.c=build/asan/%.o) $(UI_SRC:%.c=build/asan/%.o) $(CLI_SRC:%.c=build/asan/%.o)
	$(CC) $(ASAN_FLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

# Install missing Debian packages: with apt-get when root, otherwise print
# the exact command and stop.
define ensure_debs
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing >/dev/null || exit 1; \
	  else \
	    echo "tlstrace needs these Debian packages. Install them with:"; \
	    echo "  sudo apt-get install$$missing"; exit 1; \
	  fi; \
	fi
endef

deps-run:
	$(call ensure_debs,$(RUN_DEBS))

deps-test:
	$(call ensure_debs,$(TEST_DEBS))

run: deps-run
	@$(MAKE) --no-print-directory all
	./tlstrace

test: build/test_runner tlstrace
	TLSTRACE=./tlstrace build/test_runner

test-asan: build/asan/test_runner build/asan/tlstrace
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  TLSTRACE=./tlstrace build/asan/test_runner
	sh tests/broken.sh ./build/asan/tlstrace
	sh tests/sniff.sh ./build/asan/tlstrace
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 sh tests/compare.sh ./build/asan/tlstrace
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 CONNECT_NO_UI=1 sh tests/connect.sh ./build/asan/tlstrace
	sh tests/export.sh ./build/asan/tlstrace
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 sh tests/serve.sh ./build/asan/tlstrace
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 sh tests/dtls.sh ./build/asan/tlstrace

check: deps-test
	@$(MAKE) --no-print-directory test
	@$(MAKE) --no-print-directory test-asan
	@$(MAKE) --no-print-directory test-cli
	@$(MAKE) --no-print-directory fuzz-replay
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=3

# crypto_boundary.sh: no object outside build/src/crypto calls a hash,
# HMAC, PRF or HKDF (nm -u on the objects tlstrace was linked from).
test-cli: tlstrace
	sh tests/layers.sh
	sh tests/crypto_boundary.sh build
	sh tests/cli.sh ./tlstrace
	sh tests/lesson_capture.sh ./tlstrace
	sh tests/html.sh ./tlstrace
	sh tests/captures.sh ./tlstrace
	sh tests/memory.sh ./tlstrace
	sh tests/failures.sh ./tlstrace
	sh tests/links.sh ./tlstrace
	sh tests/odd.sh ./tlstrace
	sh tests/valgrind.sh ./tlstrace
	sh tests/ui.sh ./tlstrace
	sh tests/connect.sh ./tlstrace
	sh tests/docs.sh ./tlstrace
	sh tests/sniff.sh ./tlstrace
	sh tests/fingerprints.sh ./tlstrace
	sh tests/stats.sh ./tlstrace
	sh tests/compare.sh ./tlstrace
	sh tests/ui_compare.sh ./tlstrace
	sh tests/export.sh ./tlstrace
	sh tests/ui_ja.sh ./tlstrace
	sh tests/serve.sh ./tlstrace
	sh tests/dtls.sh ./tlstrace

BENCH_DEBS = $(TEST_DEBS) ssldump time

build/bench_gen: tests/bench_gen.c $(OBJ)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

deps-bench:
	$(call ensure_debs,$(BENCH_DEBS))

bench: deps-bench
	@$(MAKE) --no-print-directory tlstrace build/bench_gen
	sh tests/bench.sh ./tlstrace build/bench_gen

# Fuzzing (tests/fuzz, README.md "Fuzzing"): libFuzzer targets built with
# clang in build/fuzz/, with the library compiled the same way and with
# TLSTRACE_FUZZ (any MAC or AEAD tag verifies).  Each runs FUZZ_SECONDS on
# its corpus (build/fuzz/corpus/), seeds made from captures/ and lessons/;
# a crash, timeout or memory blow-up fails it and leaves the input in
# build/fuzz/findings/.  fuzz-replay feeds tests/fuzz/regressions/ and the
# checked-in seeds to the same targets built with $(CC) and ASan+UBSan
# (no libFuzzer), one process per input; tests/fuzz/known.txt lists the
# inputs that still crash until their fix lands.
FUZZ_TARGETS = capture_file capture_pipe decode keylog rsakey lesson livecfg
FUZZ_SECONDS ?= 60
FUZZ_CC   ?= clang
FUZZ_DEBS  = $(RUN_DEBS) clang libclang-rt-dev
FUZZ_FLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all -DTLSTRACE_FUZZ
FUZZ_OBJ   = $(LIB_SRC:%.c=build/fuzz/%.o)
# The ASan objects of test-asan, but rcrypt with TLSTRACE_FUZZ.
REPLAY_OBJ = $(filter-out build/asan/src/crypto/rcrypt%,$(LIB_SRC:%.c=build/asan/%.o)) \
	     $(patsubst %.c,build/fuzz-replay/%.o,$(wildcard src/crypto/rcrypt*.c))

build/fuzz/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CSTD) $(INCLUDES) $(CPPFLAGS) $(WARN) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -pthread $(PKG_CFLAGS) -MMD -MP $(DEFS) -c -o $@ $<

build/fuzz/fuzz_%: build/fuzz/tests/fuzz/fuzz_%.o $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer $(LDFLAGS) -pthread -o $@ $^ $(PKG_LIBS)

build/fuzz-replay/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(INCLUDES) $(CPPFLAGS) $(WARN) $(ASAN_FLAGS) -DTLSTRACE_FUZZ -pthread $(PKG_CFLAGS) -MMD -MP $(DEFS) -c -o $@ $<

build/fuzz-replay/fuzz_%: build/fuzz-replay/tests/fuzz/fuzz_%.o build/fuzz-replay/tests/fuzz/replay.o $(REPLAY_OBJ)
	$(CC) $(ASAN_FLAGS) $(LDFLAGS) -pthread -o $@ $^ $(PKG_LIBS)

build/mkseed_decode: tests/fuzz/mkseed_decode.c $(OBJ)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

.PRECIOUS: build/fuzz/%.o build/fuzz-replay/%.o

deps-fuzz:
	$(call ensure_debs,$(FUZZ_DEBS))

fuzz-build: $(FUZZ_TARGETS:%=build/fuzz/fuzz_%) build/mkseed_decode

fuzz: deps-fuzz
	@$(MAKE) --no-print-directory fuzz-build
	sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-replay: $(FUZZ_TARGETS:%=build/fuzz-replay/fuzz_%)
	sh tests/fuzz/replay.sh $(FUZZ_TARGETS)

# The manual page names its files under /usr/local; installed, under PREFIX.
install: tlstrace
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 tlstrace $(DESTDIR)$(PREFIX)/bin/tlstrace
	install -d $(DESTDIR)$(PREFIX)/share/tlstrace/lessons/en $(DESTDIR)$(PREFIX)/share/tlstrace/lessons/ja
	install -m 0644 lessons/README.md $(DESTDIR)$(PREFIX)/share/tlstrace/lessons/
	install -m 0644 lessons/en/*.lesson $(DESTDIR)$(PREFIX)/share/tlstrace/lessons/en/
	install -m 0644 lessons/ja/*.lesson $(DESTDIR)$(PREFIX)/share/tlstrace/lessons/ja/
	install -d $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/doc/tlstrace build
	sed 's|/usr/local/|$(PREFIX)/|g' tlstrace.1 >build/tlstrace.1
	install -m 0644 build/tlstrace.1 $(DESTDIR)$(PREFIX)/share/man/man1/tlstrace.1
	install -m 0644 docs/json.md $(DESTDIR)$(PREFIX)/share/doc/tlstrace/json.md

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/tlstrace
	rm -rf $(DESTDIR)$(PREFIX)/share/tlstrace
	rm -f $(DESTDIR)$(PREFIX)/share/man/man1/tlstrace.1
	rm -rf $(DESTDIR)$(PREFIX)/share/doc/tlstrace

clean:
	rm -rf build tlstrace

-include $(OBJ:.o=.d) $(UI_OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(ASAN_OBJ:.o=.d) $(CLI_SRC:%.c=build/%.d) \
	 $(CLI_SRC:%.c=build/asan/%.d) $(UI_SRC:%.c=build/asan/%.d) \
	 $(wildcard build/fuzz/*/*.d build/fuzz/*/*/*.d build/fuzz-replay/*/*.d build/fuzz-replay/*/*/*.d)
