#!/bin/sh
# memory.sh - hostile captures read in bounded memory and time (issue 14).
# The inputs are built byte by byte by tests/gen_hostile.py into a temporary
# directory: a Certificate with 30,000 one-byte certificates and a
# CertificateRequest with 20,000 malformed names (each read with --json,
# --text and --json --fields: under 64 MB peak RSS and a second), and
# 200,000 connections that each send 100 bytes of a ClientHello and go
# silent (--summary: under 256 MB, every one reported as incomplete; with
# no bounds, under a kilobyte each).
# Peak RSS and elapsed time come from GNU time (/usr/bin/time -f).
# usage: tests/memory.sh ./tlstrace
set -u
T=$1
G="$(dirname "$0")/gen_hostile.py"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
pass=0
fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

if [ ! -x /usr/bin/time ]; then
	echo "memory: /usr/bin/time (Debian package time) is missing"
	exit 1
fi

# measure MAX_KB MAX_SECONDS NAME ARGS...: runs tlstrace, output to $dir/out
measure() {
	max_kb=$1; max_s=$2; name=$3; shift 3
	if /usr/bin/time -f '%M %e' -o "$dir/time" "$T" "$@" >"$dir/out" 2>"$dir/err"; then
		read -r kb secs <"$dir/time"
		echo "     $name: ${kb} KB peak RSS, ${secs} s"
		[ "$kb" -lt "$max_kb" ] && ok || bad "$name: ${kb} KB peak RSS, limit $max_kb KB"
		awk -v s="$secs" -v m="$max_s" 'BEGIN { exit !(s < m) }' && ok || bad "$name: $secs s, limit $max_s s"
	else
		bad "$name: tlstrace $* failed: $(head -3 "$dir/err")"
	fi
}

python3 "$G" certs 30000 "$dir/certs.pcap" || bad "gen_hostile.py certs"
python3 "$G" certreq 20000 "$dir/certreq.pcap" || bad "gen_hostile.py certreq"
for f in certs certreq; do
	for mode in "--json" "--text" "--json --fields"; do
		# shellcheck disable=SC2086
		measure 65536 1 "$f $mode" read "$dir/$f.pcap" $mode
		case "$f $mode" in
		"certs --json")
			grep -q '"certificates":30000' "$dir/out" && ok || bad "certs --json: not 30000 certificates" ;;
		"certs --text")
			n=$(grep -c 'could not be read as X.509' "$dir/out")
			[ "$n" -eq 30000 ] && ok || bad "certs --text: $n notes on certificates, expected 30000" ;;
		"certreq --json")
			grep -q '"type":"ServerHelloDone"' "$dir/out" && ok || bad "certreq --json: no ServerHelloDone after the CertificateRequest" ;;
		"certreq --text")
			n=$(grep -c 'distinguished name in certificate_authorities is not valid DER' "$dir/out")
			[ "$n" -eq 20000 ] && ok || bad "certreq --text: $n notes on names, expected 20000" ;;
		esac
	done
done

python3 "$G" halfopen 200000 "$dir/half.pcap" || bad "gen_hostile.py halfopen"
measure 262144 20 "200,000 half-open connections --summary" read "$dir/half.pcap" --summary
n=$(wc -l <"$dir/out")
[ "$n" -eq 200000 ] && ok || bad "half-open: $n lines, expected 200000"
n=$(grep -c ' incomplete  ja4 [^ ]*$' "$dir/out")
[ "$n" -eq 200000 ] && ok || bad "half-open: $n reported incomplete, expected 200000"

# What one half-open connection costs, with no budget and no idle timeout
# to free any: the peak RSS of all 200,000 at once, less that of 3,000
# (the program itself), per connection.  Each holds its 100 bytes; the
# flow, the connection, its decoder and the buffer must stay under a
# kilobyte with them (about 920 bytes in December 2026, 1,800 before).
python3 "$G" halfopen 3000 "$dir/h3.pcap" || bad "gen_hostile.py halfopen 3000"
/usr/bin/time -f '%M' -o "$dir/t200k" "$T" read "$dir/half.pcap" --summary --max-memory 0 --idle-timeout 0 >/dev/null 2>&1 &&
/usr/bin/time -f '%M' -o "$dir/t3k" "$T" read "$dir/h3.pcap" --summary --max-memory 0 --idle-timeout 0 >/dev/null 2>&1 &&
each=$(( ($(cat "$dir/t200k") - $(cat "$dir/t3k")) * 1024 / 197000 )) || each=999999
echo "     one half-open connection (with its 100 bytes): $each bytes"
[ "$each" -lt 1024 ] && ok || bad "a half-open connection costs $each bytes, limit 1024"

# The same bounds from the command line: 3,000 half-open connections, one
# a millisecond (3 s of capture time).  With --idle-timeout 1 those silent
# for a second are finished early, with the note; with --max-memory 1M the
# budget finishes the quietest; every connection is still reported.
for opt in "--idle-timeout 1:idle timeout" "--max-memory 1M:memory budget"; do
	# shellcheck disable=SC2086
	"$T" read "$dir/h3.pcap" --json ${opt%%:*} >"$dir/out" 2>/dev/null || bad "read ${opt%%:*} failed"
	n=$(wc -l <"$dir/out"); e=$(grep -c "${opt#*:}" "$dir/out")
	[ "$n" -eq 3000 ] && [ "$e" -gt 1000 ] && ok || bad "read ${opt%%:*}: $n lines, $e with '${opt#*:}'"
done
"$T" read "$dir/h3.pcap" --json >"$dir/out" 2>/dev/null
n=$(grep -c 'idle timeout\|memory budget' "$dir/out")
[ "$n" -eq 0 ] && ok || bad "read with the defaults: $n connections finished early"
for bad_opt in "--idle-timeout x" "--idle-timeout -1" "--max-memory 12" "--max-memory 1Q"; do
	# shellcheck disable=SC2086
	"$T" read "$dir/h3.pcap" $bad_opt >/dev/null 2>"$dir/err"; rc=$?
	[ "$rc" -eq 2 ] && grep -q -e "${bad_opt%% *} takes" "$dir/err" && ok || bad "read $bad_opt: status $rc"
done

echo "memory: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
