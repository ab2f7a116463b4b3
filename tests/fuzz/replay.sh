#!/bin/sh
# replay.sh TARGET... - replays every input of tests/fuzz/regressions/<target>/
# and tests/fuzz/seeds/<target>/ through build/fuzz-replay/fuzz_<target>
# (no libFuzzer; gcc's ASan+UBSan), one process per input (make
# fuzz-replay, part of make check).
#
# As under make fuzz, an input fails when it crashes, takes more than
# REPLAY_TIMEOUT seconds (default 60: ASan is slower than the fuzzing
# build's 10) or more than 2 GB of memory.
#
# tests/fuzz/known.txt lists "<target>/<file>" inputs that still crash
# until their fix lands: they must fail (the first line of the report is
# shown), and one that passes is announced so that its line can go.
set -u
known=tests/fuzz/known.txt
limit="timeout ${REPLAY_TIMEOUT:-60}"
asan=hard_rss_limit_mb=2048:detect_leaks=1
n=0
bad=0
for t in "$@"; do
	for f in tests/fuzz/regressions/"$t"/* tests/fuzz/seeds/"$t"/*; do
		[ -f "$f" ] || continue
		n=$((n + 1))
		id="$t/$(basename "$f")"
		if grep -qx "$id" "$known" 2>/dev/null; then
			if ASAN_OPTIONS=$asan UBSAN_OPTIONS=halt_on_error=1 \
			   $limit "build/fuzz-replay/fuzz_$t" "$f" >build/fuzz-replay/last.log 2>&1; then
				echo "fuzz-replay: $f passes now: remove $id from $known"
			else
				why=$(grep -m 1 -E 'ERROR|runtime error|limit' build/fuzz-replay/last.log | sed 's/^==[0-9]*==//')
				echo "fuzz-replay: $f still fails, known (${why:-timeout})"
			fi
			continue
		fi
		ASAN_OPTIONS=$asan:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
			$limit "build/fuzz-replay/fuzz_$t" "$f" >build/fuzz-replay/last.log 2>&1
		rc=$?
		if [ $rc -ne 0 ]; then
			echo "fuzz-replay: $f FAILED (exit $rc; 124: more than ${REPLAY_TIMEOUT:-60} s):"
			cat build/fuzz-replay/last.log
			bad=$((bad + 1))
		fi
	done
done
echo "fuzz-replay: $n inputs replayed under ASan+UBSan, $bad failed"
[ $bad -eq 0 ]
