#!/bin/sh
# stats.sh - `read --stats` and the filters --sni, --outcome, --version,
# --ja4, checked against values computed apart:
#  (a) --stats --json on every capture of captures/ and captures/failures/
#      and on all of them merged into one (mergecap), against counts
#      recomputed from `read --json` and from tshark/openssl
#      (tests/check_stats.py);
#  (b) each filter, and combinations (with --filter too), on the merged
#      capture: --json, --summary and --stats report exactly the handshakes
#      of the whole --json that match (tests/check_filters.py);
#  (c) --outcome failed on each captures/failures/*.pcap, read with its
#      key log, gives exactly the handshakes captures/failures/expected.tsv
#      (written from the peers' own logs; rows for reading with keys) says
#      failed;
#  (d) bad values are usage errors (exit 2).
# Usage: tests/stats.sh ./tlstrace   (from the top of the repository)
set -u
T=${1:-./tlstrace}
here=$(dirname "$0")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
pass=0
fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
for tool in python3 tshark mergecap openssl; do
	command -v $tool >/dev/null 2>&1 || { echo "stats.sh: $tool is missing"; exit 1; }
done

# (a)
for cap in captures/*.pcap captures/failures/*.pcap; do
	keys=${cap%.pcap}.keys
	[ -f "$keys" ] || keys=
	out=$(python3 "$here/check_stats.py" "$T" "$cap" $keys 2>&1) && ok || bad "$out"
done
mergecap -F pcap -w "$dir/all.pcap" captures/*.pcap captures/failures/*.pcap
cat captures/*.keys captures/failures/*.keys >"$dir/all.keys"
out=$(python3 "$here/check_stats.py" "$T" "$dir/all.pcap" "$dir/all.keys" 2>&1) && { ok; echo "stats.sh: $out"; } || bad "$out"

# (b)
ja4=$("$T" read "$dir/all.pcap" --keylog "$dir/all.keys" --stats --json 2>/dev/null |
	python3 -c 'import json,sys; print(json.load(sys.stdin)["ja4"]["counts"][0]["value"])')
for f in "--sni other.*" "--sni *.example" "--sni nothing.matches" "--outcome complete" "--outcome failed" \
	 "--outcome incomplete" "--version ssl3" "--version 1.0" "--version 1.1" "--version 1.2" "--version 1.3" \
	 "--ja4 $ja4" "--ja4 t13d000000_000000000000_000000000000" "--version 1.2 --outcome failed" \
	 "--sni server.* --version 1.3 --outcome complete" "--filter tcp --outcome failed --ja4 $ja4"; do
	# shellcheck disable=SC2086 # the filter words are split on purpose (no word has a space)
	out=$(set -f; python3 "$here/check_filters.py" "$T" "$dir/all.pcap" "$dir/all.keys" $f 2>&1) && ok || bad "$out"
done

# (c)
for cap in captures/failures/*.pcap; do
	case=$(basename "$cap" .pcap)
	want=$(awk -F '\t' -v c="$case" '$1 == c && $4 != "without" && $5 == "failed" { print $2 }' captures/failures/expected.tsv | sort | tr '\n' ' ')
	got=$("$T" read "$cap" --keylog "${cap%.pcap}.keys" --outcome failed --summary 2>/dev/null |
		cut -d' ' -f1 | cut -d. -f2 | sort | tr '\n' ' ')
	[ "$got" = "$want" ] && ok || bad "$case --outcome failed: handshakes '$got', expected.tsv says '$want'"
done

# (d)
for args in "--outcome bogus" "--version 2.0" "--stats --summary"; do
	# shellcheck disable=SC2086
	"$T" read captures/openssl-tls13.pcap $args >/dev/null 2>"$dir/err"
	[ $? -eq 2 ] && ok || bad "read $args: not a usage error: $(cat "$dir/err")"
done

echo "stats.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
