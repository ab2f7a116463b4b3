#!/bin/sh
# connect.sh - tlstrace connect against real local peers: openssl s_server
# and gnutls-serv (TLS 1.2 RSA and ECDHE key exchange, TLS 1.3) on
# 127.0.0.1 and ::1 with a test CA made here; each handshake complete,
# both Finished verified and the client's secrets equal to the SERVER's
# own key log.  Then the failures (untrusted CA, missing intermediate,
# expired, wrong name, client certificate required, no common version
# with the probe, refused, silent, plain text), STARTTLS smtp and imap
# against small python3 servers, and the interface in tmux.  Only
# loopback; ports chosen by the kernel per run; every server is killed
# on exit.  Usage: sh tests/connect.sh ./tlstrace
set -u
TL=${1:-./tlstrace}
case $TL in /*) ;; *) TL=$(pwd)/$TL ;; esac
HERE=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d)
PIDS=""
SOCK="tlstrace-connect-$$"
cleanup() {
	for p in $PIDS; do kill "$p" 2>/dev/null; done
	tmux -L "$SOCK" kill-server 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT INT TERM
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok: $*"; }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

. "$HERE/net_lib.sh"
# jcheck NAME FILE PYTHON-EXPRESSION (d: the first JSON line; text: the whole file)
jcheck() {
	if python3 - "$2" "$3" <<'PY'
import json, sys
text = open(sys.argv[1]).read()
try:
    d = json.loads(text.splitlines()[0])
except Exception:
    d = {}
causes = " ".join((d.get("failure") or {}).get("causes") or []) + " " + str((d.get("failure") or {}).get("reason"))
notes = " ".join(d.get("notes") or [])
sys.exit(0 if eval(sys.argv[2]) else 1)
PY
	then ok "$1"; else bad "$1"; echo "   expected: $3"; head -c 1500 "$2" | sed 's/^/   | /'; echo; fi
}
# keys_match NAME CLIENT-KEYLOG SERVER-KEYLOG LABELS...: every such line of
# the client's log is in the server's.
keys_match() {
	name=$1 c=$2 s=$3
	shift 3
	n=0
	for l in "$@"; do
		lines=$(grep "^$l " "$c")
		[ -n "$lines" ] || { bad "$name: no $l in tlstrace's key log"; return; }
		echo "$lines" | while read -r x; do grep -qxF "$x" "$s" || exit 1; done || { bad "$name: $l differs from the server's key log"; return; }
		n=$((n + 1))
	done
	ok "$name: $* equal to the server's own key log"
}

cd "$T" || exit 1
# ---- a test PKI: root CA, intermediate CA, server certificates ----
cat > ca.cnf <<'CNF'
[ca]
default_ca = d
[d]
dir = .
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = p
copy_extensions = copy
unique_subject = no
[p]
commonName = supplied
[v3_ca]
basicConstraints = critical,CA:TRUE
keyUsage = keyCertSign,cRLSign
[srv]
basicConstraints = CA:FALSE
keyUsage = digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth,clientAuth
subjectAltName = DNS:localhost,IP:127.0.0.1,IP:::1
CNF
: > index.txt
echo 1000 > serial
mkcert() {  # NAME CN ISSUER-CERT ISSUER-KEY [openssl ca args...]
	name=$1 cn=$2 ic=$3 ik=$4
	shift 4
	openssl req -newkey rsa:2048 -nodes -keyout "$name.key" -out "$name.csr" -subj "/CN=$cn" 2>/dev/null &&
	openssl ca -batch -config ca.cnf -cert "$ic" -keyfile "$ik" -extensions srv -in "$name.csr" \
		-out "$name.pem" "$@" >/dev/null 2>&1
}
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 30 -subj "/CN=tlstrace test root" \
	-addext basicConstraints=critical,CA:TRUE -addext keyUsage=keyCertSign,cRLSign 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -keyout other.key -out other.pem -days 30 -subj "/CN=some other CA" \
	-addext basicConstraints=critical,CA:TRUE -addext keyUsage=keyCertSign,cRLSign 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout inter.key -out inter.csr -subj "/CN=tlstrace test intermediate" 2>/dev/null
openssl ca -batch -config ca.cnf -cert ca.pem -keyfile ca.key -extensions v3_ca -in inter.csr -out inter.pem -days 20 >/dev/null 2>&1
mkcert srv localhost ca.pem ca.key -days 10
mkcert leaf localhost inter.pem inter.key -days 10
mkcert stranger localhost other.pem other.key -days 10
mkcert old localhost ca.pem ca.key -startdate 20200101000000Z -enddate 20200201000000Z
mkcert client "tlstrace test client" ca.pem ca.key -days 10
cat leaf.pem inter.pem > leafchain.pem
for f in ca srv leaf inter stranger old client; do
	[ -s "$f.pem" ] || { echo "connect: could not make the test PKI ($f.pem)"; exit 1; }
done

# s_server HOST PORT ARGS...: openssl s_server in the background, key log in sk-PORT.log
s_server() {
	h=$1 p=$2
	shift 2
	case $h in *:*) a="[$h]:$p" ;; *) a="$h:$p" ;; esac
	openssl s_server -accept "$a" -keylogfile "sk-$p.log" -quiet "$@" </dev/null >"ss-$p.out" 2>&1 &
	PIDS="$PIDS $!"
	wait_port "$h" "$p" || bad "s_server on $h:$p did not start"
}
g_server() {  # PORT ARGS...: gnutls-serv, key log in sk-PORT.log
	p=$1
	shift
	SSLKEYLOGFILE="$T/sk-$p.log" gnutls-serv -p "$p" --echo --x509certfile srv.pem --x509keyfile srv.key "$@" </dev/null >"gs-$p.out" 2>&1 &
	PIDS="$PIDS $!"
	wait_port 127.0.0.1 "$p" || bad "gnutls-serv on $p did not start"
}
hostport() { case $1 in *:*) echo "[$1]:$2" ;; *) echo "$1:$2" ;; esac; }

# ---- complete handshakes ----
good() {  # NAME KIND(12|13) HOST PORT [connect args]
	name=$1 kind=$2 h=$3 p=$4
	shift 4
	"$TL" connect "$(hostport "$h" "$p")" --ca ca.pem --json --fields --keylog "ck-$p.log" "$@" > "o-$p.json" 2>"e-$p.txt"
	rc=$?
	[ $rc -eq 0 ] && ok "$name: exit 0" || { bad "$name: exit $rc"; cat "e-$p.txt"; }
	jcheck "$name: complete, both Finished verified, real addresses" "o-$p.json" \
		"d['source']=='connect' and d['outcome']=='complete' and d['finished']=={'client':'verified','server':'verified'} and d['server']['ip']=='$h' and d['server']['port']==$p"
	sleep 0.3
	if [ "$kind" = 12 ]; then
		jcheck "$name: TLS 1.2, master secret from the client's key log" "o-$p.json" "d['version']=='TLS 1.2' and d['secrets']['master'] and d['secrets']['master_from']=='live'"
		keys_match "$name" "ck-$p.log" "sk-$p.log" CLIENT_RANDOM
	else
		jcheck "$name: TLS 1.3, the server certificate decoded from the encrypted Certificate" "o-$p.json" \
			"d['version']=='TLS 1.3' and any(m.get('type')=='Certificate' and m.get('encrypted') for m in d['messages']) and 'CN=localhost' in text"
		keys_match "$name" "ck-$p.log" "sk-$p.log" CLIENT_HANDSHAKE_TRAFFIC_SECRET SERVER_HANDSHAKE_TRAFFIC_SECRET CLIENT_TRAFFIC_SECRET_0 SERVER_TRAFFIC_SECRET_0
	fi
}
for h in 127.0.0.1 ::1; do
	[ "$h" = ::1 ] && fam=: || fam=.
	p=$(free_port); s_server "$h" "$p" -cert srv.pem -key srv.key -tls1_2 -cipher AES128-GCM-SHA256
	good "s_server $h TLS 1.2 RSA" 12 "$h" "$p"
	jcheck "s_server $h TLS 1.2 RSA: RSA key exchange" "o-$p.json" "d['key_exchange']=='RSA'"
	p=$(free_port); s_server "$h" "$p" -cert srv.pem -key srv.key -tls1_2 -cipher ECDHE-RSA-AES256-GCM-SHA384
	good "s_server $h TLS 1.2 ECDHE" 12 "$h" "$p"
	jcheck "s_server $h TLS 1.2 ECDHE: ECDHE key exchange" "o-$p.json" "d['key_exchange']=='ECDHE'"
	p=$(free_port); s_server "$h" "$p" -cert srv.pem -key srv.key -tls1_3
	good "s_server $h TLS 1.3" 13 "$h" "$p"
done
for h in 127.0.0.1 ::1; do
	p=$(free_port)
	g_server "$p" --priority "NORMAL:-VERS-ALL:+VERS-TLS1.2:-KX-ALL:+RSA"
	good "gnutls-serv $h TLS 1.2 RSA" 12 "$h" "$p" --send 'hello\n'
	jcheck "gnutls-serv $h TLS 1.2 RSA: RSA, and the echo shown" "o-$p.json" "d['key_exchange']=='RSA' and 'hello' in notes"
	p=$(free_port)
	g_server "$p" --priority "NORMAL:-VERS-ALL:+VERS-TLS1.2:-KX-ALL:+ECDHE-RSA"
	good "gnutls-serv $h TLS 1.2 ECDHE" 12 "$h" "$p"
	p=$(free_port)
	g_server "$p" --priority "NORMAL:-VERS-ALL:+VERS-TLS1.3"
	good "gnutls-serv $h TLS 1.3" 13 "$h" "$p"
done

# ---- the run as a capture: read back with the key log ----
p=$(free_port); s_server 127.0.0.1 "$p" -cert srv.pem -key srv.key -tls1_3
"$TL" connect "127.0.0.1:$p" --ca ca.pem --write-pcap run.pcapng --keylog run.keys --json > o.json 2>/dev/null
"$TL" read run.pcapng --keylog run.keys --json > r.json 2>/dev/null
jcheck "--write-pcap: read back complete, same randoms" r.json \
	"d['outcome']=='complete' and d['finished']=={'client':'verified','server':'verified'} and d['client_random']==json.loads(open('o.json').readline())['client_random']"

# an IPv6 run is saved on its own addresses: tshark reads ::1 both ways
p=$(free_port); s_server ::1 "$p" -cert srv.pem -key srv.key -tls1_3
"$TL" connect "[::1]:$p" --ca ca.pem --write-pcap run6.pcapng --keylog run6.keys --json > o6.json 2>/dev/null
addrs=$(tshark -r run6.pcapng -T fields -e ipv6.src -e ipv6.dst -e tcp.dstport 2>/dev/null | sort -u | head -3)
echo "$addrs" | grep -q "^::1	::1	$p\$" && ok "--write-pcap of an IPv6 run: tshark sees ::1 and the port" \
	|| { bad "--write-pcap of an IPv6 run: tshark sees: $addrs"; }
"$TL" read run6.pcapng --keylog run6.keys --json > r6.json 2>/dev/null
jcheck "--write-pcap of an IPv6 run: read back complete, [::1]" r6.json \
	"d['outcome']=='complete' and d['server']['ip']=='::1' and d['client_random']==json.loads(open('o6.json').readline())['client_random']"

# ---- failures ----
failing() {  # NAME STEP SIDE PYTHON-CHECK CONNECT-ARGS...
	name=$1 step=$2 side=$3 chk=$4
	shift 4
	"$TL" connect "$@" --json > "f.json" 2>"f.err"
	rc=$?
	[ $rc -eq 1 ] && ok "$name: exit 1" || bad "$name: exit $rc"
	jcheck "$name: fails at step $step, $side side, and says why" f.json \
		"d['outcome']=='failed' and d['failure']['step']==$step and d['failure']['sender']=='$side' and ($chk)"
}
p=$(free_port); s_server 127.0.0.1 "$p" -cert stranger.pem -key stranger.key
failing "untrusted CA" 5 client "'does not trust' in causes and 'untrusted ca' in notes.lower()" "127.0.0.1:$p" --ca ca.pem
"$TL" connect "127.0.0.1:$p" --ca ca.pem --proceed --json > f.json 2>/dev/null
jcheck "untrusted CA with --proceed: goes on, and the trace says so" f.json \
	"d['finished']=={'client':'verified','server':'verified'} and '--proceed' in notes"
p=$(free_port); s_server 127.0.0.1 "$p" -cert leaf.pem -key leaf.key
failing "missing intermediate" 5 client "'intermediate' in causes" "127.0.0.1:$p" --ca ca.pem
p=$(free_port); s_server 127.0.0.1 "$p" -cert leaf.pem -key leaf.key -cert_chain inter.pem
"$TL" connect "127.0.0.1:$p" --ca ca.pem --json > f.json 2>/dev/null
jcheck "intermediate sent: complete" f.json "d['outcome']=='complete'"
p=$(free_port); s_server 127.0.0.1 "$p" -cert old.pem -key old.key
failing "expired certificate" 5 client "'expired' in causes" "127.0.0.1:$p" --ca ca.pem
p=$(free_port); s_server 127.0.0.1 "$p" -cert srv.pem -key srv.key
failing "wrong host name" 5 client "'www.example.org' in causes or 'NAME MISMATCH' in causes" "127.0.0.1:$p" --ca ca.pem --sni www.example.org
for v in 1.2 1.3; do
	p=$(free_port); s_server 127.0.0.1 "$p" -cert srv.pem -key srv.key -Verify 1 -CAfile ca.pem
	failing "client certificate required (TLS $v)" 5 server "'certificate' in causes" "127.0.0.1:$p" --ca ca.pem --tls $v
	"$TL" connect "127.0.0.1:$p" --ca ca.pem --tls $v --cert client.pem --key client.key --json > f.json 2>/dev/null
	jcheck "client certificate given (TLS $v): complete" f.json "d['outcome']=='complete'"
done
p=$(free_port); s_server 127.0.0.1 "$p" -cert srv.pem -key srv.key -tls1_3
failing "no common version" 2 server "'accepts TLS 1.3 only; you offered TLS 1.2' in causes and 'probe' in notes" "127.0.0.1:$p" --ca ca.pem --tls 1.2
# The probes are connections of their own, each traced: the server (told
# -tls1_3 here) completes the TLS 1.3 one alone and refuses the others at
# step 2, as the probe lines of connection 0 say.
python3 - f.json <<'PY' && ok "no common version: the probes are traced as connections 1 to 4, only TLS 1.3 completes" || bad "no common version: probe connections"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
main, probes = lines[0], lines[1:]
assert not main['probe'] and [p['connection'] for p in probes] == [1, 2, 3, 4], [p['connection'] for p in lines]
assert all(p['probe'] and p['source'] == 'connect' for p in probes)
done = [p['version'] for p in probes if p['outcome'] == 'complete']
assert done == ['TLS 1.3'], done
assert all(p['outcome'] == 'failed' and p['failure']['step'] == 2 for p in probes if p['outcome'] != 'complete')
assert all(any('probe' in n for n in p['notes']) for p in probes)
PY
# ... and they are in --write-pcap and --keylog: read back, five TCP
# connections (tshark counts them), the TLS 1.3 probe complete and verified
"$TL" connect "127.0.0.1:$p" --ca ca.pem --tls 1.2 --write-pcap probes.pcapng --keylog probes.keys --json > /dev/null 2>&1
streams=$(tshark -r probes.pcapng -T fields -e tcp.stream 2>/dev/null | sort -u | wc -l)
[ "$streams" = 5 ] && ok "probes in --write-pcap: tshark sees 5 TCP connections" || bad "probes in --write-pcap: tshark sees $streams"
"$TL" read probes.pcapng --keylog probes.keys --json > probes.json 2>/dev/null
python3 - probes.json <<'PY' && ok "probes read back with --keylog: the TLS 1.3 one complete, both Finished verified" || bad "probes read back"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
done = [d for d in lines if d['outcome'] == 'complete']
assert len(lines) == 5 and len(done) == 1 and done[0]['version'] == 'TLS 1.3', [(d['version'], d['outcome']) for d in lines]
assert done[0]['finished'] == {'client': 'verified', 'server': 'verified'}, done[0]['finished']
PY
"$TL" connect "127.0.0.1:$p" --ca ca.pem --tls 1.2 --no-probe --json > f.json 2>/dev/null
jcheck "no common version, --no-probe: no probe" f.json "d['outcome']=='failed' and 'probe' not in notes"
p=$(free_port); s_server 127.0.0.1 "$p" -cert srv.pem -key srv.key -tls1_2 -cipher ECDHE-RSA-CHACHA20-POLY1305
failing "no common suite" 2 server "'chose TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256' in causes" "127.0.0.1:$p" --ca ca.pem --cipher AES-128-GCM

p=$(free_port)
"$TL" connect "127.0.0.1:$p" --ca ca.pem --json > f.json 2> f.err
rc=$?
[ $rc -eq 1 ] && grep -q "connection refused by 127.0.0.1 port $p" f.err && ok "connection refused: exit 1, says so" || { bad "connection refused (exit $rc)"; cat f.err; }
"$TL" connect "no-such-host.invalid:443" --json > f.json 2> f.err
rc=$?
[ $rc -eq 1 ] && grep -q "was not found" f.err && ok "name not found: exit 1, says so" || { bad "name not found (exit $rc)"; cat f.err; }

p=$(free_port); python3 "$HERE/connect_peers.py" silent 127.0.0.1 "$p" & PIDS="$PIDS $!"; wait_port 127.0.0.1 "$p"
start=$(date +%s)
failing "silent server" 2 server "'2 s' in str(d['failure']['reason']) or '2 s' in causes" "127.0.0.1:$p" --ca ca.pem --timeout 2
[ $(( $(date +%s) - start )) -le 8 ] && ok "silent server: gave up within the timeout" || bad "silent server: took too long"
p=$(free_port); python3 "$HERE/connect_peers.py" close 127.0.0.1 "$p" & PIDS="$PIDS $!"; wait_port 127.0.0.1 "$p"
failing "server closes after the ClientHello" 2 server "'not one byte' in causes and 'closed' in causes" "127.0.0.1:$p" --ca ca.pem
p=$(free_port); python3 "$HERE/connect_peers.py" http 127.0.0.1 "$p" & PIDS="$PIDS $!"; wait_port 127.0.0.1 "$p"
failing "plain-text server" 2 server "'HTTP/1.1 400 Bad Request' in causes + str(d['failure']['reason'])" "127.0.0.1:$p" --ca ca.pem

# ---- STARTTLS ----
p=$(free_port); python3 "$HERE/connect_peers.py" smtp 127.0.0.1 "$p" srv.pem srv.key & PIDS="$PIDS $!"; wait_port 127.0.0.1 "$p"
"$TL" connect "127.0.0.1:$p" --starttls smtp --ca ca.pem --send 'EHLO x\r\n' --json > f.json 2>f.err
jcheck "STARTTLS smtp: complete, dialogue and answer shown" f.json \
	"d['outcome']=='complete' and d['finished']=={'client':'verified','server':'verified'} and 'STARTTLS smtp C: STARTTLS' in notes and '250 hello over TLS' in notes"
p=$(free_port); python3 "$HERE/connect_peers.py" imap 127.0.0.1 "$p" srv.pem srv.key & PIDS="$PIDS $!"; wait_port 127.0.0.1 "$p"
"$TL" connect "127.0.0.1:$p" --starttls imap --ca ca.pem --json > f.json 2>f.err
jcheck "STARTTLS imap: complete" f.json "d['outcome']=='complete' and 'a1 OK Begin TLS' in notes"
p=$(free_port); python3 "$HERE/connect_peers.py" smtp-refuse 127.0.0.1 "$p" & PIDS="$PIDS $!"; wait_port 127.0.0.1 "$p"
"$TL" connect "127.0.0.1:$p" --starttls smtp --ca ca.pem --json > f.json 2>f.err
rc=$?
[ $rc -eq 1 ] && grep -q "refused STARTTLS" f.err && ok "STARTTLS refused: exit 1, says so" || { bad "STARTTLS refused (exit $rc)"; cat f.err; }

# ---- the interface, in tmux: the recorded handshake, step by step ----
if command -v tmux >/dev/null 2>&1 && [ -z "${CONNECT_NO_UI:-}" ]; then
	p=$(free_port); s_server 127.0.0.1 "$p" -cert srv.pem -key srv.key -tls1_3
	tmux -L "$SOCK" -f /dev/null new-session -d -x 150 -y 100 "TERM=xterm-256color $TL connect 127.0.0.1:$p --ca $T/ca.pem --no-color; sleep 5"
	sleep 2
	seen=""
	i=0
	while [ $i -lt 12 ]; do
		tmux -L "$SOCK" capture-pane -p >> screen.txt 2>/dev/null
		tmux -L "$SOCK" send-keys Right 2>/dev/null
		sleep 0.3
		i=$((i + 1))
	done
	tmux -L "$SOCK" send-keys 3 2>/dev/null   # the Secrets tab: the Finished checks
	sleep 0.5
	tmux -L "$SOCK" capture-pane -p >> screen.txt 2>/dev/null
	for w in "Client hello" "Server hello" "Server certificate" "Server Finished" "✓ verified" "127.0.0.1:$p"; do
		grep -q "$w" screen.txt || seen="$seen [$w]"
	done
	[ -z "$seen" ] && ok "interface: steps through the recorded handshake (titles, Finished verified)" || { bad "interface: missing$seen"; tail -40 screen.txt; }
	tmux -L "$SOCK" send-keys q 2>/dev/null
	tmux -L "$SOCK" kill-server 2>/dev/null

	# --pause holds the real connection between flights.  The oracle is
	# the server's own key log: OpenSSL writes CLIENT_RANDOM once it has
	# the ClientKeyExchange (TLS 1.2), so while the client is held at the
	# first flights it stays empty, and it fills as the interface steps on.
	p=$(free_port); s_server 127.0.0.1 "$p" -cert srv.pem -key srv.key -tls1_2
	: > pause.txt
	tmux -L "$SOCK" -f /dev/null new-session -d -x 150 -y 100 "TERM=xterm-256color $TL connect 127.0.0.1:$p --ca $T/ca.pem --tls 1.2 --pause --no-color; sleep 5"
	sleep 2
	tmux -L "$SOCK" capture-pane -p > pause1.txt 2>/dev/null
	held=0
	grep -q "Client hello" pause1.txt && grep -q -- "--pause holds" pause1.txt && ! grep -q CLIENT_RANDOM "sk-$p.log" && held=1
	i=0
	while [ $i -lt 14 ]; do
		tmux -L "$SOCK" send-keys Right 2>/dev/null
		sleep 0.4
		tmux -L "$SOCK" capture-pane -p >> pause.txt 2>/dev/null
		i=$((i + 1))
	done
	tmux -L "$SOCK" send-keys 3 2>/dev/null   # the Secrets tab: the Finished checks
	sleep 0.5
	tmux -L "$SOCK" capture-pane -p >> pause.txt 2>/dev/null
	[ $held = 1 ] && ok "interface --pause: held at the first flights (the server has no key exchange yet)" \
		|| { bad "interface --pause: not held"; cat pause1.txt; cat "sk-$p.log"; }
	grep -q "CLIENT_RANDOM" "sk-$p.log" 2>/dev/null && grep -q "✓ verified" pause.txt \
		&& ok "interface --pause: stepping on completes the handshake, Finished verified" \
		|| { bad "interface --pause: did not complete"; grep -c "verified" pause.txt; grep -c CLIENT_RANDOM "sk-$p.log"; tail -5 pause.txt; }
	tmux -L "$SOCK" send-keys q 2>/dev/null
	tmux -L "$SOCK" kill-server 2>/dev/null
fi

echo "connect: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
