#!/bin/sh
# replay.sh TARGET... - replays every input of tests/fuzz/regressions/<target>/
# and tests/fuzz/seeds/<target>/ through build/fuzz-replay/fuzz_<target>
# (no libFuzzer; gcc's ASan+UBSan), one process per input (make
# fuzz-replay, part of make check).
#
# tests/fuzz/known.txt lists "<target>/<file>" inputs that still crash
# until their fix lands: they must fail (their report is not shown), and
# one that passes is announced so that its line can go.
set -u
known=tests/fuzz/known.txt
n=0
bad=0
for t in "$@"; do
	for f in tests/fuzz/regressions/"$t"/* tests/fuzz/seeds/"$t"/*; do
		[ -f "$f" ] || continue
		n=$((n + 1))
		id="$t/$(basename "$f")"
		if grep -qx "$id" "$known" 2>/dev/null; then
			if ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1 \
			   "build/fuzz-replay/fuzz_$t" "$f" >/dev/null 2>&1; then
				echo "fuzz-replay: $f passes now: remove $id from $known"
			else
				echo "fuzz-replay: $f still fails (known, listed in $known)"
			fi
			continue
		fi
		if ! ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		     "build/fuzz-replay/fuzz_$t" "$f" >build/fuzz-replay/last.log 2>&1; then
			echo "fuzz-replay: $f FAILED:"
			cat build/fuzz-replay/last.log
			bad=$((bad + 1))
		fi
	done
done
echo "fuzz-replay: $n inputs replayed under ASan+UBSan, $bad failed"
[ $bad -eq 0 ]
