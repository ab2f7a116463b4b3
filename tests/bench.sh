#!/bin/sh
# bench.sh - speed and memory of `tlstrace read` against ssldump and tshark,
# measured in one run on the same large capture (made by bench_gen from the
# sample captures).  Targets (issue "tlstrace read"): at most half of
# ssldump's time, under a twentieth of tshark's, peak RSS under 64 MB, and
# every connection found.   usage: tests/bench.sh ./tlstrace build/bench_gen
# BENCH_CONNECTIONS, BENCH_APPDATA and BENCH_RUNS change the defaults.
set -u
T=$1
GEN=$2
CONNS=${BENCH_CONNECTIONS:-25000}
APP=${BENCH_APPDATA:-2500}
dir=build/bench
mkdir -p "$dir"
big=$dir/big.pcap

samples=""
for f in captures/*.pcap; do
	case "$f" in *fail*) continue ;; esac
	samples="$samples $f"
done
# shellcheck disable=SC2086
"$GEN" "$big" "$CONNS" "$APP" $samples || exit 1
size=$(stat -c %s "$big")
echo "capture: $big, $((size / 1048576)) MB, $CONNS connections"

# The capture was just written: let the kernel write it back now, so that
# its flushing does not land on whichever tool runs first.
sync

# measure NAME RUNS CMD...: each tool runs once unmeasured (a warm-up, as
# hyperfine's --warmup: the file and the tool's libraries in memory), then
# RUNS times on the same file; its time is the median run's wall seconds,
# its memory the largest peak RSS (KB) of any run, from GNU time.  A
# median keeps one run disturbed by the machine from deciding.  tlstrace's
# runs are short (a quarter of a second, on both cores), so a moment of
# noise weighs more on one of them than on a six-second tshark run: it
# gets five runs to the peers' three (BENCH_RUNS overrides both).
measure() {
	name=$1; RUNS=${BENCH_RUNS:-$2}; shift 2
	"$@" >"$dir/$name.out" 2>"$dir/$name.err"
	: >"$dir/$name.runs"
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		/usr/bin/time -f "%e %M" -o "$dir/$name.time" "$@" >"$dir/$name.out" 2>"$dir/$name.err"
		cat "$dir/$name.time" >>"$dir/$name.runs"
		i=$((i + 1))
	done
	secs=$(sort -n "$dir/$name.runs" | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }')
	kb=$(awk 'BEGIN { m = 0 } $2 > m { m = $2 } END { print m }' "$dir/$name.runs")
	echo "$name: ${secs}s (median of $RUNS: $(awk '{ printf "%s%ss", (NR > 1 ? " " : ""), $1 }' "$dir/$name.runs")), peak RSS $((kb / 1024)) MB"
	eval "${name}_s=$secs ${name}_kb=$kb"
}

measure tlstrace 5 "$T" read "$big" --json
measure ssldump 3 ssldump -n -r "$big"
measure tshark 3 tshark -r "$big" -Y tls.handshake

found=$(wc -l <"$dir/tlstrace.out")
fail=0
check() { if [ "$1" = 1 ]; then echo "  ok: $2"; else echo "  MISSED: $2"; fail=$((fail + 1)); fi; }
echo "ratios (tlstrace / peer, lower is better):"
awk -v a="$tlstrace_s" -v b="$ssldump_s" 'BEGIN { printf "  time vs ssldump: %.3f\n", (b > 0 ? a / b : 0) }'
awk -v a="$tlstrace_s" -v b="$tshark_s" 'BEGIN { printf "  time vs tshark:  %.3f\n", (b > 0 ? a / b : 0) }'
awk -v a="$tlstrace_kb" -v b="$tshark_kb" 'BEGIN { printf "  memory vs tshark: %.3f\n", (b > 0 ? a / b : 0) }'
check "$(awk -v a="$tlstrace_s" -v b="$ssldump_s" 'BEGIN { print (a <= b / 2) ? 1 : 0 }')" "at most half of ssldump's time"
check "$(awk -v a="$tlstrace_s" -v b="$tshark_s" 'BEGIN { print (a < b / 20) ? 1 : 0 }')" "under a twentieth of tshark's time"
check "$([ "$tlstrace_kb" -lt 65536 ] && echo 1 || echo 0)" "peak RSS under 64 MB"
check "$([ "$found" -eq "$CONNS" ] && echo 1 || echo 0)" "every connection found ($found of $CONNS)"
[ "$size" -ge 157286400 ] || echo "  note: the capture is under 150 MB; raise BENCH_APPDATA"
echo "bench: $((4 - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
