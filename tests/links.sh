#!/bin/sh
# Every link layer and tunnel, fragments, compression and standard input:
# the captures in captures/links/ (made by tests/make_link_captures.py from
# captures/openssl-tls12-rsa.pcap) must give what the plain capture gives.
#
#   tests/links.sh ./tlstrace
#
# For each capture: tshark (the independent oracle that the file is valid)
# finds the ClientHello; `tlstrace read X --keylog K --json` gives the same
# connections, client and server randoms, message types in order and
# Finished verdicts as the plain capture; `cat X | tlstrace read - --json`
# gives exactly what reading the file gives.  Then a gzip cut short: one
# line on stderr, a non-zero exit, and what came before the cut decoded;
# a pcapng whose second interface has another link type: read whole
# (libpcap alone stops there; with a filter tlstrace says so).
set -u

here=$(cd "$(dirname "$0")" && pwd)
. "$here/capture_lib.sh"
capture_test_start "${1:-}" tshark
caps=$here/../captures
links=$caps/links
plain=$caps/openssl-tls12-rsa.pcap
keys=$caps/openssl-tls12-rsa.keys
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# What must not change from one encapsulation to another: per connection,
# the randoms, the message types in order, the Finished verdicts, the
# outcome.  Addresses are left out (the IPv6 variants use ::1).
digest() {
	python3 -c '
import json, sys
for line in sys.stdin:
    c = json.loads(line)
    print(c.get("client_random"), c.get("server_random"), c.get("outcome"),
          json.dumps(c.get("finished"), sort_keys=True),
          " ".join(str(m.get("type")) for m in c.get("messages", [])))
'
}

"$tlstrace" read "$plain" --keylog "$keys" --json | digest >"$dir/want"
[ -s "$dir/want" ] || { echo "$0: the plain capture gives nothing" >&2; exit 1; }

for cap in "$links"/*.pcap "$links"/*.pcap.gz "$links"/*.pcapng "$links"/*.zst; do
	[ -f "$cap" ] || continue
	name=$(basename "$cap")
	n=$(tshark -r "$cap" -Y 'tls.handshake.type==1' 2>/dev/null | wc -l)
	[ "$n" -ge 1 ] && ok || bad "$name: tshark does not see the ClientHello (the file is not valid)"
	if "$tlstrace" read "$cap" --keylog "$keys" --json >"$dir/got.json" 2>"$dir/err"; then
		digest <"$dir/got.json" >"$dir/got"
		if cmp -s "$dir/want" "$dir/got"; then
			ok
		else
			bad "$name: not what the plain capture gives:"
			diff "$dir/want" "$dir/got" | head -5
		fi
	else
		bad "$name: tlstrace failed: $(head -1 "$dir/err")"
	fi
	# the encapsulations, against tshark's dissection of the ClientHello frame
	tshark -r "$cap" -Y 'tls.handshake.type==1' -T fields -e frame.protocols -e vlan.id -e vxlan.vni \
		-e ieee8021ad.id 2>/dev/null | head -1 >"$dir/tshark.fields"
	if out=$(python3 "$here/check_tunnel.py" "$dir/tshark.fields" "$dir/got.json" 2>&1); then ok; else
		bad "$name: tunnel: $out"; fi
	# standard input, streamed: the same bytes out
	"$tlstrace" read "$cap" --json >"$dir/file.json" 2>/dev/null
	cat "$cap" | "$tlstrace" read - --json >"$dir/stdin.json" 2>/dev/null
	cmp -s "$dir/file.json" "$dir/stdin.json" && [ -s "$dir/stdin.json" ] && ok ||
		bad "$name: read - differs from reading the file"
done

# A gzip cut short: one clear line, non-zero exit, the ClientHello kept.
gz=$links/ethernet.pcap.gz
size=$(wc -c <"$gz")
head -c $((size * 2 / 3)) "$gz" >"$dir/cut.pcap.gz"
for how in file pipe; do
	if [ $how = file ]; then
		"$tlstrace" read "$dir/cut.pcap.gz" --keylog "$keys" --json >"$dir/out" 2>"$dir/err"
	else
		cat "$dir/cut.pcap.gz" | "$tlstrace" read - --keylog "$keys" --json >"$dir/out" 2>"$dir/err"
	fi
	rc=$?
	[ $rc -ne 0 ] && ok || bad "cut gzip ($how): exit status 0"
	[ "$(wc -l <"$dir/err")" -eq 1 ] && ok || bad "cut gzip ($how): not one line on stderr: $(cat "$dir/err")"
	grep -q '"type":"ClientHello"' "$dir/out" && ok || bad "cut gzip ($how): what came before the cut was lost"
done
# Not a capture inside the gzip: said in one line.
printf 'hello, not a capture\n' | gzip >"$dir/junk.gz"
"$tlstrace" read "$dir/junk.gz" >/dev/null 2>"$dir/err" && bad "gzip of junk: exit 0" || ok
grep -q "gzip-compressed but what it holds is not a pcap" "$dir/err" && ok || bad "gzip of junk: $(cat "$dir/err")"

# Two interfaces of different link types in one pcapng: libpcap 1.10
# refuses the second interface's description (sf-pcapng.c: "an interface
# has a type N different from the type of the first interface"); without
# a filter tlstrace rewrites the blocks on the way and reads it all (the
# loop above).  A BPF filter is compiled for one link type: with one, the
# file is read as libpcap reads it, what came before is decoded and the
# stop is named.
"$tlstrace" read "$links/mixed-interfaces.pcapng" --keylog "$keys" --json --filter tcp >"$dir/out" 2>"$dir/err"
grep -q "interface unlike the first" "$dir/err" && ok || bad "mixed interfaces, filtered: the stop is not named: $(cat "$dir/err")"
grep -q '"type":"ServerHello"' "$dir/out" && ok || bad "mixed interfaces, filtered: the packets before the second interface were lost"
# the same file gzip-compressed through a pipe: decompressed, then rewritten
gzip -c "$links/mixed-interfaces.pcapng" | "$tlstrace" read - --keylog "$keys" --json | digest >"$dir/got"
cmp -s "$dir/want" "$dir/got" && ok || bad "mixed interfaces, gzip through a pipe: not what the plain capture gives"

echo "links: $pass passed, $fail failed"
[ $fail -eq 0 ]
