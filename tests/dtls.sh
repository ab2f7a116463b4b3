#!/bin/sh
# DTLS 1.0 and 1.2 over UDP (captures/dtls/, recorded from OpenSSL peers by
# tests/make_dtls_captures.sh): HelloVerifyRequest, fragments, real
# retransmissions (a server flight, and both final flights with their
# ChangeCipherSpec and encrypted Finished), decryption with the key log
# and with the RSA key, both Finished verified.
#
#   tests/dtls.sh ./tlstrace            (also run with build/asan/tlstrace)
#
# tests/check_dtls.py compares tlstrace's JSON with what tshark, the
# independent oracle, dissects with the client's key log, and with what
# the peers were fed and logged; tests/check_dtls_finished.py recomputes
# both Finished in Python from the client's key log, showing that RFC
# 6347 4.2.6's transcript (12-byte headers, no first ClientHello or
# HelloVerifyRequest) is the one the peers used.  Then broken copies of a capture
# (tests/make_dtls_hostile.py: datagrams cut, lying lengths and offsets,
# wrong epochs, scrambled message_seq, every frame twice, flipped bits)
# must each be read without a crash or a sanitizer report, with the
# annotation that names what was broken.
set -u

here=$(cd "$(dirname "$0")" && pwd)
. "$here/capture_lib.sh"
capture_test_start "${1:-}" tshark
caps=$here/../captures/dtls
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

# --- against tshark and the peers
for name in dtls12-rsa dtls12-ecdhe-gcm dtls10-rsa dtls12-rsa-final-retx dtls12-ipv6-sha384; do
	rsa=
	case $name in *-rsa|*-rsa-*) rsa=$here/../captures/server-rsa.key ;; esac
	if python3 "$here/check_dtls.py" "$tlstrace" "$caps/$name.pcap" "$caps/$name.keys" "$name" $rsa; then ok; else fail=$((fail + 1)); fi
	# the Finished hash rule tlstrace uses, checked without tlstrace
	if python3 "$here/check_dtls_finished.py" "$caps/$name.pcap" "$caps/$name.keys"; then ok; else fail=$((fail + 1)); fi
	for view in "" --summary --stats "--text --fields"; do
		# shellcheck disable=SC2086  # view is words
		"$tlstrace" read "$caps/$name.pcap" --keylog "$caps/$name.keys" $view >"$dir/out" 2>"$dir/err" &&
			! grep -q "Sanitizer\|runtime error" "$dir/err" && ok || bad "read $name $view: $(head -c 300 "$dir/err")"
	done
done
# --stats: DTLS 1.0 (the ServerHello's version 0xfeff, as tshark reads it)
# counted by name and among the weak, apart from TLS 1.1.
v=$(tshark -r "$caps/dtls10-rsa.pcap" -Y "dtls.handshake.type == 2" -T fields -e dtls.handshake.version 2>/dev/null | head -1)
"$tlstrace" read "$caps/dtls10-rsa.pcap" --stats --json >"$dir/stats" 2>&1
[ "$v" = 0xfeff ] && python3 -c 'import json,sys; j=json.load(open(sys.argv[1]));
sys.exit(0 if j["weak"]["dtls10"]["count"] == 1 and j["weak"]["tls11"]["count"] == 0 else 1)' "$dir/stats" && ok ||
	bad "--stats of dtls10-rsa (tshark: version $v): $(head -c 300 "$dir/stats")"
# What each view says of DTLS: the version by name and the transport.
"$tlstrace" read "$caps/dtls10-rsa.pcap" --summary >"$dir/sum" 2>&1
grep -q "DTLS 1.0" "$dir/sum" && grep -q " dd1i" "$dir/sum" && ok || bad "--summary: no DTLS 1.0 or JA4 'd' prefix: $(cat "$dir/sum")"
"$tlstrace" read "$caps/dtls12-ecdhe-gcm.pcap" >"$dir/text" 2>&1
grep -q "over UDP: HelloVerifyRequest cookie exchange, 5 messages retransmitted (client 1, server 4)" "$dir/text" &&
	grep -q "ClientHello again, now with the server's 20-byte cookie" "$dir/text" && ok ||
	bad "text view: no UDP line or no explanation of the second ClientHello"
# tshark counts the retransmissions the text names: one ClientHello and
# the server's four messages (ServerHello .. ServerHelloDone) came again.
n=$(tshark -r "$caps/dtls12-ecdhe-gcm.pcap" -T fields -e udp.srcport -e dtls.handshake.message_seq \
	-e dtls.handshake.type -e dtls.handshake.fragment_offset -E occurrence=a -E aggregator=, 2>/dev/null |
	awk -F'\t' '{ n = split($2, q, ","); split($3, t, ","); split($4, o, ",");
		for (i = 1; i <= n; i++) if (o[i] == 0) print $1, q[i], t[i] }' | sort | uniq -d | wc -l)
[ "$n" = 5 ] && ok || bad "tshark sees $n messages sent twice in dtls12-ecdhe-gcm, not 5"

# The handout and a lesson read from a DTLS capture.
"$tlstrace" read "$caps/dtls12-ecdhe-gcm.pcap" --keylog "$caps/dtls12-ecdhe-gcm.keys" --html "$dir/d.html" 2>"$dir/err" &&
	python3 -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' "$dir/d.html" &&
	grep -q "DTLS 1.2" "$dir/d.html" && grep -q HelloVerifyRequest "$dir/d.html" && ok ||
	bad "--html of a DTLS capture: $(head -c 300 "$dir/err")"
TLSTRACE_LESSONS=$here/../lessons "$tlstrace" lesson ecdhe --capture "$caps/dtls12-ecdhe-gcm.pcap" \
	--keylog "$caps/dtls12-ecdhe-gcm.keys" --text >"$dir/lesson" 2>&1 &&
	grep -q -- "-> DTLS 1.2, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256; outcome: complete" "$dir/lesson" && ok ||
	bad "lesson --capture of a DTLS capture: $(head -c 300 "$dir/lesson")"

# A capture of TLS and DTLS together: TCP connections keep tshark's
# tcp.stream numbers and the DTLS one has its udp.stream number.
if command -v mergecap >/dev/null 2>&1; then
	mergecap -w "$dir/mix.pcap" "$here/../captures/three-connections.pcap" "$caps/dtls12-rsa.pcap"
	"$tlstrace" read "$dir/mix.pcap" --json 2>&1 |
		python3 -c 'import json,sys; [print(j["transport"], j["connection"], j["client"]["port"]) for j in map(json.loads, sys.stdin)]' |
		sort >"$dir/mine"
	tshark -r "$dir/mix.pcap" -Y "tls.handshake.type == 1 || dtls.handshake.type == 1" -T fields \
		-e tcp.stream -e udp.stream -e tcp.srcport -e udp.srcport 2>/dev/null |
		awk -F'\t' '$1 != "" { print "tcp", $1, $3 } $2 != "" { print "udp", $2, $4 }' | sort -u >"$dir/want"
	cmp -s "$dir/mine" "$dir/want" && ok || bad "TLS and DTLS together: $(tr '\n' ' ' <"$dir/mine") vs tshark $(tr '\n' ' ' <"$dir/want")"
else
	bad "mergecap is missing (Debian package wireshark-common, which tshark brings)"
fi

# Cut after the HelloVerifyRequest (tshark: types 1 and 3 only): step 1
# done, step 2 not reached (a HelloVerifyRequest is no server hello).
editcap -r "$caps/dtls12-rsa.pcap" "$dir/hvr.pcap" 1-2 2>/dev/null
t=$(tshark -r "$dir/hvr.pcap" -T fields -e dtls.handshake.type 2>/dev/null | tr '\n' ' ')
"$tlstrace" read "$dir/hvr.pcap" --json 2>&1 | python3 -c 'import json,sys; j=json.loads(sys.stdin.readline());
print(j["steps"][0]["status"], j["steps"][1]["status"], j["outcome"], j["dtls"]["hello_verify_request"])' >"$dir/hvr"
[ "$t" = "1 3 " ] && [ "$(cat "$dir/hvr")" = "done not-reached incomplete True" ] && ok ||
	bad "cut after the HelloVerifyRequest (tshark types: $t): $(cat "$dir/hvr")"

# sniff on loopback (root, as tests/sniff.sh): a live DTLS 1.2 handshake
# between OpenSSL peers on port 21140, the client's key log followed as
# it is written; the line comes when the handshake ends (--count 1 exits),
# both Finished verified, and the master secret is the key log's.
if [ "$(id -u)" != 0 ]; then
	bad "sniff: capturing on loopback needs root"
else
	port=21140
	openssl req -x509 -newkey rsa:2048 -nodes -keyout "$dir/k.pem" -out "$dir/c.pem" -subj /CN=dtls.test -days 2 2>/dev/null
	: >"$dir/live.keys"
	timeout 20 "$tlstrace" sniff -i lo --filter "udp port $port" --keylog "$dir/live.keys" --count 1 --json \
		>"$dir/live.json" 2>"$dir/live.err" &
	sniffer=$!
	sleep 1.5
	(sleep 3; echo "server line"; sleep 2) | timeout 10 openssl s_server -dtls1_2 -listen -accept 127.0.0.1:$port \
		-cert "$dir/c.pem" -key "$dir/k.pem" -naccept 1 -cipher AES128-SHA >"$dir/live.srv" 2>&1 &
	server=$!
	sleep 0.5
	(sleep 1; echo "client line"; sleep 3) | timeout 10 openssl s_client -dtls1_2 -connect 127.0.0.1:$port \
		-cipher AES128-SHA -keylogfile "$dir/live.keys" >"$dir/live.cli" 2>&1
	wait $server
	wait $sniffer
	rc=$?
	python3 - "$dir/live.json" "$dir/live.keys" <<'PY' && [ $rc = 0 ] && ok || bad "sniff: exit $rc, $(head -c 300 "$dir/live.err")"
import json, sys
j = json.loads(open(sys.argv[1]).readline())
logged = {l.split()[1].lower(): l.split()[2].lower() for l in open(sys.argv[2]) if l.startswith("CLIENT_RANDOM")}
ok = j["transport"] == "udp" and j["version"] == "DTLS 1.2" and j["dtls"]["hello_verify_request"] \
     and j["finished"] == {"client": "verified", "server": "verified"} \
     and j["secrets"]["master"] == logged.get(j["client_random"])
sys.exit(0 if ok else 1)
PY
fi

# --- broken copies
if python3 "$here/make_dtls_hostile.py" "$caps/dtls12-ecdhe-gcm.pcap" "$dir" >"$dir/cases"; then
	while read -r c; do
		"$tlstrace" read "$dir/$c.pcap" --keylog "$caps/dtls12-ecdhe-gcm.keys" --json >"$dir/$c.json" 2>"$dir/$c.err"
		rc=$?
		if [ $rc -gt 1 ] || grep -q "Sanitizer\|runtime error" "$dir/$c.err"; then
			bad "$c: exit $rc: $(head -c 300 "$dir/$c.err")"
			continue
		fi
		python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$dir/$c.json" || { bad "$c: JSON does not parse"; continue; }
		for view in "" --summary; do
			# shellcheck disable=SC2086
			"$tlstrace" read "$dir/$c.pcap" $view >/dev/null 2>"$dir/err"
			[ $? -le 1 ] && ! grep -q "Sanitizer\|runtime error" "$dir/err" || bad "$c $view: $(head -c 300 "$dir/err")"
		done
		want=
		case $c in
		cut|short) want="the datagram ends inside it" ;;
		reclen) want="not a whole DTLS record" ;;
		fragoff) want="covers bytes 16777215 to" ;;
		msglen) want="claims 16777215 bytes, more than the 1024 KiB" ;;
		epoch) want="its epoch is not the one whose keys" ;;
		seq) want="message_seq went back to" ;;
		esac
		if [ -n "$want" ]; then
			grep -q "$want" "$dir/$c.json" && ok || bad "$c: no note saying \"$want\""
		elif [ "$c" = allepoch ]; then
			[ $rc = 1 ] && grep -q "UDP that looked like DTLS records, none starting with a ClientHello" "$dir/$c.err" && ok ||
				bad "allepoch: exit $rc, $(cat "$dir/$c.err")"
		elif [ "$c" = dup ]; then
			# every frame twice: each record decoded once (the copies are
			# duplicates, not retransmissions), the same messages and verdicts
			python3 - "$dir/$c.json" "$caps/dtls12-ecdhe-gcm.pcap" "$tlstrace" "$caps/dtls12-ecdhe-gcm.keys" <<'PY' && ok || bad "dup: not the same handshake"
import json, subprocess, sys
d = json.loads(open(sys.argv[1]).readline())
o = json.loads(subprocess.run([sys.argv[3], "read", sys.argv[2], "--keylog", sys.argv[4], "--json"],
                              capture_output=True, text=True).stdout.splitlines()[0])
hs = lambda j: [(m["sender"], m["type"]) for m in j["messages"]]
# every record of each side came twice: as many duplicates as tshark sees records
import collections
n = collections.Counter()
out = subprocess.run(["tshark", "-r", sys.argv[2], "-T", "fields", "-e", "udp.srcport", "-e", "dtls.record.sequence_number",
                      "-E", "occurrence=a", "-E", "aggregator=,"], capture_output=True, text=True).stdout
client = out.splitlines()[0].split("\t")[0]
for l in out.splitlines():
    port, seqs = l.split("\t")
    n["client" if port == client else "server"] += len(seqs.split(","))
ok = hs(d) == hs(o) and d["finished"] == o["finished"] == {"client": "verified", "server": "verified"} \
     and d["dtls"]["retransmitted"] == o["dtls"]["retransmitted"] and d["dtls"]["duplicates"] == dict(n)
if not ok:
    print(hs(d) == hs(o), d["finished"], d["dtls"], dict(n))
sys.exit(0 if ok else 1)
PY
		else
			ok
		fi
	done <"$dir/cases"
else
	bad "make_dtls_hostile.py"
fi

echo "dtls: $pass passed, $fail failed"
[ $fail = 0 ]
