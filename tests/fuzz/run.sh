#!/bin/sh
# run.sh SECONDS TARGET... - runs each libFuzzer target of build/fuzz/
# for SECONDS (make fuzz; see README.md "Fuzzing").
#
# Seeds are made afresh in build/fuzz/seeds/<target>/ from captures/ and
# lessons/ (links, or small files made from them; nothing big is copied)
# and tests/fuzz/seeds/<target>/; what a run learns stays in
# build/fuzz/corpus/<target>/ for the next run.  A crash, a timeout
# (FUZZ_TIMEOUT seconds per input, default 10) or more than 2 GB of memory
# fails the target: libFuzzer's report is in build/fuzz/logs/<target>.log
# and the input in build/fuzz/findings/<target>/.  Extra libFuzzer options
# go in FUZZ_ARGS ("-max_len=65536", "-only_ascii=1").
set -u
secs=$1
shift
out=build/fuzz
top=$(pwd)
timeout=${FUZZ_TIMEOUT:-10}
failed=""

# The seeds of one target into $out/seeds/$t.
seeds() {
	t=$1
	d=$out/seeds/$t
	rm -rf "$d"
	mkdir -p "$d"
	case $t in
	capture_file|capture_pipe)
		for f in captures/*.pcap; do ln -s "$top/$f" "$d/"; done ;;
	decode)
		# captures/export/: export suites, SEED and IDEA (the RC2, DES40
		# and SSL 3.0 record paths); captures/dtls/: DTLS, in its framing mode
		for f in captures/*.pcap captures/export/*.pcap captures/dtls/*.pcap; do
			build/mkseed_decode "$f" "${f%.pcap}.keys" "$d" || return 1
		done ;;
	keylog)
		for f in captures/*.keys; do ln -s "$top/$f" "$d/"; done ;;
	rsakey)
		ln -s "$top/captures/server-rsa.key" "$d/" ;;
	lesson)
		# the first byte is the language: 0 English, 1 Japanese
		for f in lessons/en/*.lesson; do
			{ printf '\000'; cat "$f"; } >"$d/en-$(basename "$f")"
		done
		for f in lessons/ja/*.lesson; do
			{ printf '\001'; cat "$f"; } >"$d/ja-$(basename "$f")"
		done ;;
	livecfg)
		# the lessons' run: lines, one setting a line
		for f in lessons/en/*.lesson; do
			sed -n 's/^run: *//p' "$f" | tr ' ' '\n' >"$d/run-$(basename "$f" .lesson)"
		done ;;
	esac
}

for t in "$@"; do
	case $t in
	lesson|livecfg) dict=tests/fuzz/lesson.dict ;;
	*) dict=tests/fuzz/tls.dict ;;
	esac
	mkdir -p "$out/corpus/$t" "$out/findings/$t" "$out/logs"
	if ! seeds "$t"; then
		echo "fuzz_$t: could not make its seeds"
		failed="$failed $t"
		continue
	fi
	extra=""
	[ -d "tests/fuzz/seeds/$t" ] && extra="tests/fuzz/seeds/$t"
	log=$out/logs/$t.log
	# shellcheck disable=SC2086
	"$out/fuzz_$t" -max_total_time="$secs" -rss_limit_mb=2048 -timeout="$timeout" \
		-dict="$dict" -artifact_prefix="$out/findings/$t/" -print_final_stats=1 \
		${FUZZ_ARGS:-} "$out/corpus/$t" "$out/seeds/$t" $extra >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
	if [ $rc -eq 0 ]; then
		echo "fuzz_$t: ${secs}s, ${execs:-?} runs, $cov, clean"
	else
		found=$(sed -n 's/^artifact_prefix=.*; Test unit written to //p' "$log" | tail -n 1)
		echo "fuzz_$t: FAILED after ${execs:-?} runs (exit $rc): ${found:-see $log}"
		grep -m 1 -E '^==[0-9]+==ERROR|runtime error|ERROR: libFuzzer' "$log"
		failed="$failed $t"
	fi
done
if [ -n "$failed" ]; then
	echo "fuzzing found problems in:$failed (logs in $out/logs/)"
	exit 1
fi
