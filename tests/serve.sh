#!/bin/sh
# serve.sh - tlstrace serve against real local clients: openssl s_client
# (TLS 1.2 on 127.0.0.1 and ::1), gnutls-cli (TLS 1.3, and TLS 1.2 with
# RSA key exchange) and curl, each trusting the CA written by --export-ca:
# traced complete, both Finished verified, and the master secret (1.2) or
# the traffic secrets (1.3) equal to the CLIENT's own key log; curl gets
# the page, which lists the suites curl was told to offer.  Then abuse:
# a TLS 1.0-only client (step 2, and the client's own error), two clients
# at once, garbage, a partial ClientHello and a 16 MB message trickled
# (cut off by --timeout, reported incomplete), a flood beyond
# --max-clients (refused and counted as the clients saw it), --count,
# Ctrl-C, --keylog mode 0600 and --write-pcap read back.  Only loopback,
# ports chosen by the kernel (net_lib.sh); servers killed on exit.
# Usage: sh tests/serve.sh ./tlstrace
set -u
TL=${1:-./tlstrace}
case $TL in /*) ;; *) TL=$(pwd)/$TL ;; esac
here=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d)
PIDS=""
cleanup() {
	[ -n "${KEEP:-}" ] && { echo "kept $T"; return; }
	for p in $PIDS; do kill "$p" 2>/dev/null; done
	rm -rf "$T"
}
trap cleanup EXIT INT TERM
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok: $*"; }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() {  # NAME COMMAND...
	name=$1
	shift
	if "$@"; then ok "$name"; else bad "$name"; fi
}

. "$here/net_lib.sh"
# serve NAME ARGS...: tlstrace serve in the background, JSON in NAME.json,
# stderr in NAME.err, its pid in SPID; waits until it listens.  (Its first
# connection is the readiness probe: a client that sends nothing.)
serve() {
	name=$1
	shift
	PORT=$(free_port)
	"$TL" serve --bind 127.0.0.1 --bind ::1 --port "$PORT" --json "$@" >"$name.json" 2>"$name.err" &
	SPID=$!
	PIDS="$PIDS $SPID"
	i=0
	while ! grep -q "serving TLS" "$name.err" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	wait_port 127.0.0.1 "$PORT" 100 || { bad "$name: serve did not start"; cat "$name.err"; }
}
# stop PID NAME: Ctrl-C, and it must end within 5 s with status 0
stop() {
	kill -INT "$1"
	i=0
	while kill -0 "$1" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	if kill -0 "$1" 2>/dev/null; then bad "$2: still running 5 s after Ctrl-C"; kill -9 "$1"; return; fi
	wait "$1"
	rc=$?
	[ $rc -eq 0 ] && ok "$2: Ctrl-C ends it with status 0" || { bad "$2: status $rc after Ctrl-C"; cat "$2.err"; }
}
# traced NAME JSON CLIENT-KEYLOG KIND(12|13) [PYTHON-EXPR]: the line whose
# client_random is the client's is complete, both Finished verified, and
# its secrets are the ones in the client's own key log.
traced() {
	if python3 - "$@" <<'PY'
import json, sys
name, js, kl, kind = sys.argv[1:5]
extra = sys.argv[5] if len(sys.argv) > 5 else "True"
log = {}
for l in open(kl):
    f = l.split()
    if len(f) == 3:
        log.setdefault(f[1].lower(), {})[f[0]] = f[2].lower()
lines = [json.loads(l) for l in open(js) if l.strip()]
d = next((x for x in lines if x.get("client_random") in log), None)
if d is None:
    print("   no line has the client's random; randoms:", [x.get("client_random") for x in lines], list(log))
    sys.exit(1)
k = log[d["client_random"]]
s = d["secrets"]
why = []
import os
if d["source"] != os.environ.get("SRC", "serve"): why.append("source " + d["source"])
if d["outcome"] != "complete": why.append("outcome " + d["outcome"] + " " + str(d["failure"]) + str(d["notes"]))
if d["finished"] != {"client": "verified", "server": "verified"}: why.append("finished " + str(d["finished"]))
if kind == "12":
    if d["version"] != "TLS 1.2": why.append("version " + str(d["version"]))
    if s["master"] != k.get("CLIENT_RANDOM"): why.append("master %s, client's key log %s" % (s["master"], k.get("CLIENT_RANDOM")))
else:
    if d["version"] != "TLS 1.3": why.append("version " + str(d["version"]))
    for lab, key in (("CLIENT_HANDSHAKE_TRAFFIC_SECRET", "client_handshake_traffic_secret"),
                     ("SERVER_HANDSHAKE_TRAFFIC_SECRET", "server_handshake_traffic_secret"),
                     ("CLIENT_TRAFFIC_SECRET_0", "client_traffic_secret_0"),
                     ("SERVER_TRAFFIC_SECRET_0", "server_traffic_secret_0")):
        if s[key] != k.get(lab): why.append("%s %s, client's key log %s" % (key, s[key], k.get(lab)))
if not eval(extra): why.append("not " + extra)
if why:
    print("   " + "; ".join(why)); sys.exit(1)
PY
	then ok "$1: traced complete, both Finished verified, secrets equal to the client's key log"
	else bad "$1"; fi
}
# line JSON PORT PYTHON-EXPR: the line of the client on PORT (d) satisfies it
line() {
	python3 - "$@" <<'PY'
import json, sys
js, port, expr = sys.argv[1:4]
lines = [json.loads(l) for l in open(js) if l.strip()]
d = next((x for x in lines if x["client"]["port"] == int(port)), None)
notes = " ".join((d or {}).get("notes") or [])
if d is None or not eval(expr):
    print("   client port %s: %s" % (port, json.dumps(d)[:1500] if d else "no line; ports: %s" % [x["client"]["port"] for x in lines]))
    sys.exit(1)
PY
}

cd "$T" || exit 1
REQ='GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n'

# ---- the main server: TLS 1.2 and 1.3, a 2 s timeout ----
serve main --tls 1.2 --tls 1.3 --export-ca ca.pem --keylog sk.log --write-pcap serve.pcapng --timeout 2
P=$PORT
check "--export-ca wrote a CA openssl reads" sh -c 'openssl x509 -in ca.pem -noout -subject | grep -q "tlstrace demo CA"'
check "the start line names the demo certificate's names" grep -q "names server.example, localhost" main.err

# the demo certificate's names, as openssl reads them off the wire
openssl s_client -connect "127.0.0.1:$P" -servername localhost </dev/null 2>/dev/null |
	openssl x509 -noout -ext subjectAltName > san.txt 2>&1
check "the demo certificate names server.example, localhost, the host name and both bound addresses" sh -c \
	"grep -q 'DNS:server.example' san.txt && grep -q 'DNS:localhost' san.txt && grep -q 'DNS:$(hostname)' san.txt && grep -q 'IP Address:127.0.0.1' san.txt && grep -q 'IP Address:0:0:0:0:0:0:0:1' san.txt"
# openssl s_client, TLS 1.2 (ECDHE), IPv4 and IPv6, verifying the chain
for h in 127.0.0.1 ::1; do
	case $h in *:*) a="[$h]:$P" ;; *) a="$h:$P" ;; esac
	printf "$REQ" | openssl s_client -connect "$a" -servername localhost -CAfile ca.pem -verify_return_error \
		-verify_hostname localhost -tls1_2 -keylogfile "s12-$h.log" -quiet >"s12-$h.out" 2>"s12-$h.err"
	rc=$?
	[ $rc -eq 0 ] && grep -q "tlstrace serve: your TLS handshake" "s12-$h.out" &&
		ok "s_client $h: verified the demo certificate and got the page" ||
		{ bad "s_client $h: status $rc"; cat "s12-$h.err"; }
done
# gnutls-cli: TLS 1.3, and TLS 1.2 with RSA key exchange (the premaster
# recovered with the server's key, the master derived and checked)
(printf "$REQ"; sleep 0.5) | SSLKEYLOGFILE=$T/g13.log gnutls-cli --x509cafile ca.pem -p "$P" localhost >g13.out 2>&1 ||
	{ bad "gnutls-cli TLS 1.3: status $?"; cat g13.out; }
(printf "$REQ"; sleep 0.5) | SSLKEYLOGFILE=$T/grsa.log gnutls-cli --x509cafile ca.pem -p "$P" \
	--priority 'NORMAL:-VERS-ALL:+VERS-TLS1.2:-KX-ALL:+RSA' localhost >grsa.out 2>&1 ||
	{ bad "gnutls-cli RSA: status $?"; cat grsa.out; }
check "gnutls-cli verified the certificate and got the page" sh -c 'grep -q "Certificate is trusted\|certificate is trusted" g13.out && grep -q "tlstrace serve: your TLS handshake" g13.out'
# curl, told exactly what to offer: its page must list those suites
SSLKEYLOGFILE=$T/c13.log curl -sS --cacert ca.pem --tls13-ciphers TLS_AES_128_GCM_SHA256 "https://localhost:$P/" -o c13.page 2>c13.err ||
	{ bad "curl TLS 1.3: status $?"; cat c13.err; }
SSLKEYLOGFILE=$T/c12.log curl -sS --cacert ca.pem --tls-max 1.2 --ciphers ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-CHACHA20-POLY1305 \
	"https://localhost:$P/" -o c12.page 2>c12.err || { bad "curl TLS 1.2: status $?"; cat c12.err; }
check "curl got the page" grep -q "tlstrace serve: your TLS handshake" c13.page
check "curl's TLS 1.3 page lists the one 1.3 suite it offered, and not the others" sh -c \
	'grep -q "TLS_AES_128_GCM_SHA256" c13.page && ! grep -q "TLS_AES_256_GCM_SHA384" c13.page'
check "curl's TLS 1.2 page lists exactly the two suites it offered (and the SCSV)" sh -c \
	'grep -q "cipher suites (3," c12.page && grep -q TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 c12.page && grep -q TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 c12.page && grep -q TLS_EMPTY_RENEGOTIATION_INFO_SCSV c12.page'
check "the page says both Finished verified" sh -c 'grep -q "your client.s Finished: verified" c12.page && grep -q "the server.s Finished:  verified" c12.page'

# a client offering only TLS 1.0: its own error, and step 2 on the server's side
printf '' | gnutls-cli --x509cafile ca.pem -p "$P" --priority 'NORMAL:-VERS-ALL:+VERS-TLS1.0' localhost >g10.out 2>&1
rc=$?
[ $rc -ne 0 ] && grep -qi "protocol version\|alert" g10.out && ok "TLS 1.0 client: gnutls-cli failed on the server's alert (status $rc)" ||
	{ bad "TLS 1.0 client: gnutls-cli status $rc"; cat g10.out; }

# two clients at once: a silent one holds its connection while two curls run in parallel
python3 -c 'import socket,sys,time; s=socket.create_connection(("127.0.0.1",int(sys.argv[1]))); time.sleep(1.5)' "$P" &
HOLD=$!
SSLKEYLOGFILE=$T/pa.log curl -sS --cacert ca.pem "https://localhost:$P/a" -o pa.page 2>pa.err &
PA=$!
SSLKEYLOGFILE=$T/pb.log curl -sS --cacert ca.pem "https://[::1]:$P/b" --resolve "localhost:$P:[::1]" -o pb.page 2>pb.err &
PB=$!
wait $PA && wait $PB && ok "two curls at once (a third client connected): both got their page" || { bad "parallel curls"; cat pa.err pb.err; }
wait $HOLD

# many clients at once: 24 python TLS clients released together, each with
# a request; all must be traced (checked below against their key log)
python3 - "$P" "$T/many.log" > many.txt 2>&1 <<'PY'
import socket, ssl, sys, threading
port, log = int(sys.argv[1]), sys.argv[2]
ctx = ssl.create_default_context(cafile="ca.pem")
ctx.keylog_filename = log
go = threading.Barrier(24)
got = []
def one(i):
    go.wait()
    with socket.create_connection(("127.0.0.1", port)) as raw:
        with ctx.wrap_socket(raw, server_hostname="localhost") as s:
            s.sendall(b"GET /%d HTTP/1.1\r\nHost: localhost\r\n\r\n" % i)
            data = b""
            while True:
                b = s.recv(4096)
                if not b: break
                data += b
            if b"your TLS handshake" in data: got.append(i)
ts = [threading.Thread(target=one, args=(i,)) for i in range(24)]
for t in ts: t.start()
for t in ts: t.join()
print(len(got))
PY
[ "$(tail -1 many.txt)" = 24 ] && ok "24 clients at once: each got its page" || { bad "24 clients at once"; cat many.txt; }
# abuse, each by a python client that reports its own port and what it saw
python3 - "$P" > abuse.txt <<'PY'
import socket, ssl, sys, time, threading
port = int(sys.argv[1])
def hello():
    ctx = ssl.create_default_context()
    i, o = ssl.MemoryBIO(), ssl.MemoryBIO()
    s = ctx.wrap_bio(i, o, server_hostname="localhost")
    try: s.do_handshake()
    except ssl.SSLWantReadError: pass
    return o.read()
def until_closed(s, limit):
    t0 = time.time()
    s.settimeout(limit)
    try:
        while s.recv(4096): pass
    except (ConnectionResetError, socket.timeout):
        pass
    return time.time() - t0
ch = hello()
out = {}
def garbage():   # garbage that is not TLS
    s = socket.create_connection(("127.0.0.1", port)); s.sendall(b"hello? \x00\x01\x02 garbage\r\n")
    out["garbage"] = (s.getsockname()[1], "%.2f" % until_closed(s, 5))
def badrecord():   # garbage that looks like a record: a handshake record holding nonsense
    s = socket.create_connection(("127.0.0.1", port)); s.sendall(b"\x16\x03\x01\x00\x10" + b"\xee" * 16)
    out["badrecord"] = (s.getsockname()[1], "%.2f" % until_closed(s, 5))
def partial():   # part of a ClientHello, then nothing
    s = socket.create_connection(("127.0.0.1", port)); s.sendall(ch[:60])
    out["partial"] = (s.getsockname()[1], "%.2f" % until_closed(s, 6))
def trickle():   # a record header, a handshake header announcing 16 MB, then a byte every 0.2 s
    s = socket.create_connection(("127.0.0.1", port)); s.sendall(b"\x16\x03\x01\x40\x00" + b"\x01\xff\xff\xff")
    t0 = time.time(); cut = None
    while time.time() - t0 < 6:
        try:
            s.sendall(b"\x00"); time.sleep(0.2)
        except OSError:
            cut = time.time() - t0; break
    if cut is None: cut = until_closed(s, 0.5) + (time.time() - t0)
    out["trickle"] = (s.getsockname()[1], "%.2f" % cut)
def flood():   # endless garbage records, as fast as it goes
    s = socket.create_connection(("127.0.0.1", port)); t0 = time.time(); sent = 0
    try:
        while time.time() - t0 < 6:
            s.sendall(b"\x16\x03\x01\x40\x00" + b"\xaa" * 16384); sent += 16389
    except OSError:
        pass
    out["flood"] = (s.getsockname()[1], "%.2f %d" % (time.time() - t0, sent))
ts = [threading.Thread(target=f) for f in (garbage, badrecord, partial, trickle, flood)]
for t in ts: t.start()
for t in ts: t.join()
for k in ("garbage", "badrecord", "partial", "trickle", "flood"):
    print(k, *out[k])
PY
cat abuse.txt | sed 's/^/   /'
port_of() { awk -v k="$1" '$1 == k { print $2 }' abuse.txt; }
secs_of() { awk -v k="$1" '$1 == k { print $3 }' abuse.txt; }
lt() { python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) < float(sys.argv[2]) else 1)' "$1" "$2"; }
check "garbage: the server closed at once (< 1 s)" lt "$(secs_of garbage)" 1
check "a partial ClientHello: cut off after the 2 s timeout (the client saw it: 1.5-4 s)" sh -c \
	"python3 -c 'import sys; sys.exit(0 if 1.5 <= float(sys.argv[1]) < 4 else 1)' $(secs_of partial)"
check "16 MB announced and trickled: cut off within the timeout (< 4 s)" lt "$(secs_of trickle)" 4
check "endless garbage records: cut off, well before 6 s" lt "$(secs_of flood)" 5
# the server still serves after all that
SSLKEYLOGFILE=$T/after.log curl -sS --cacert ca.pem "https://localhost:$P/" -o after.page 2>after.err &&
	grep -q "your TLS handshake" after.page && ok "after the abuse, a new client is served" || { bad "after the abuse"; cat after.err; }
sleep 0.3
HWM=$(awk '/VmHWM/ { print $2 }' /proc/$SPID/status)
stop "$SPID" main

traced "s_client TLS 1.2 on 127.0.0.1" main.json s12-127.0.0.1.log 12 "d['client']['ip']=='127.0.0.1' and d['key_exchange']=='ECDHE'"
traced "s_client TLS 1.2 on ::1" main.json s12-::1.log 12 "d['client']['ip']=='::1' and d['server']['ip']=='::1'"
traced "gnutls-cli TLS 1.3" main.json g13.log 13 "d['messages'][3]['type']=='EncryptedExtensions' and any(m['type']=='Certificate' and m['encrypted'] for m in d['messages'])"
traced "gnutls-cli TLS 1.2 RSA key exchange" main.json grsa.log 12 \
	"d['key_exchange']=='RSA' and d['secrets']['premaster_from']=='rsa-key' and d['secrets']['master_agrees'] is True"
traced "curl TLS 1.3" main.json c13.log 13 "d['cipher_suite']['name']=='TLS_AES_128_GCM_SHA256' and d['application_data']['server']['bytes']>0"
traced "curl TLS 1.2" main.json c12.log 12 "d['cipher_suite']['name'] in ('TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256','TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256')"
traced "parallel curl a" main.json pa.log 13
traced "parallel curl b (::1)" main.json pb.log 13 "d['client']['ip']=='::1'"
traced "the client after the abuse" main.json after.log 13
check "TLS 1.0 client: failed at step 2, noticed by the server, alert protocol_version, the cause names TLS 1.0" python3 - main.json <<'PY'
import json, sys
ls = [json.loads(l) for l in open(sys.argv[1])]
sys.exit(0 if any(d["failure"] and d["failure"]["step"] == 2 and d["failure"]["sender"] == "server"
                  and d["failure"]["alert"] == "protocol_version"
                  and "only TLS 1.0" in " ".join(d["failure"]["causes"]) for d in ls) else 1)
PY
check "24 clients at once: every one traced complete, secrets equal to their key log" python3 - main.json many.log <<'PY'
import json, sys
lines = {json.loads(l)["client_random"]: json.loads(l) for l in open(sys.argv[1])}
log = {}
for l in open(sys.argv[2]):
    f = l.split()
    if len(f) == 3: log.setdefault(f[1].lower(), {})[f[0]] = f[2].lower()
good = sum(1 for cr, k in log.items() if cr in lines and lines[cr]["outcome"] == "complete"
           and lines[cr]["finished"] == {"client": "verified", "server": "verified"}
           and lines[cr]["secrets"]["client_traffic_secret_0"] == k.get("CLIENT_TRAFFIC_SECRET_0"))
print("   %d of %d" % (good, len(log)))
sys.exit(0 if good == len(log) == 24 else 1)
PY
check "memory stayed bounded: peak RSS ${HWM} kB (< 128 MB, ASan included)" [ "${HWM:-999999}" -lt 131072 ]
check "garbage that is not TLS: one line on stderr quoting it" grep -q "port $(port_of garbage) is not speaking TLS: it sent \"hello? " main.err
check "a record of nonsense: reported (its own line), not complete" line main.json "$(port_of badrecord)" "d['outcome']!='complete'"
check "a partial ClientHello: reported incomplete, cut off by the timeout" line main.json "$(port_of partial)" \
	"d['outcome']=='incomplete' and 'sent nothing' not in notes and 'within 2 s' in notes and 'cut off' in notes"
check "the 16 MB trickle: reported incomplete, cut off" line main.json "$(port_of trickle)" "d['outcome']=='incomplete' and 'cut off' in notes"
check "the flood: reported, not complete" line main.json "$(port_of flood)" "d['outcome']!='complete'"
check "--keylog is mode 0600" sh -c '[ "$(stat -c %a sk.log)" = 600 ]'
check "--keylog holds every client's secrets (curl's 1.3 and 1.2 lines)" sh -c \
	'grep -qxF "$(grep CLIENT_TRAFFIC_SECRET_0 c13.log)" sk.log && grep -qxF "$(grep CLIENT_RANDOM c12.log)" sk.log'
"$TL" read serve.pcapng --keylog sk.log --json > pcap.json 2>pcap.err
SRC=capture traced "--write-pcap read back with --keylog: curl TLS 1.3" pcap.json c13.log 13
check "--write-pcap: tshark reads it and sees the TLS 1.3 handshake" sh -c \
	'tshark -r serve.pcapng -Y "tls.handshake.type == 1" 2>/dev/null | grep -q "Client Hello"'

# ---- --max-clients: a flood beyond the limit is refused and counted ----
serve maxc --max-clients 2 --timeout 2
P=$PORT
sleep 0.3   # the readiness probe's own connection is over
python3 - "$P" > flood.txt <<'PY'
import socket, sys, time
port = int(sys.argv[1])
held = [socket.create_connection(("127.0.0.1", port)) for _ in range(2)]
time.sleep(0.3)
refused = 0
for _ in range(20):
    s = socket.create_connection(("127.0.0.1", port))
    s.settimeout(1)
    try:
        if s.recv(1) == b"": refused += 1
    except ConnectionResetError:
        refused += 1
    except socket.timeout:
        pass
    s.close()
print(refused)
time.sleep(2.6)   # the two held connections are cut off by the timeout meanwhile
PY
REFUSED=$(cat flood.txt)
[ "$REFUSED" = 20 ] && ok "--max-clients 2: the 20 extra connections were closed at once (as the clients saw it)" ||
	bad "--max-clients: the clients saw $REFUSED of 20 refused"
curl -sS --cacert /dev/null -k "https://127.0.0.1:$P/" -o maxc.page 2>maxc.curl && grep -q "your TLS handshake" maxc.page &&
	ok "--max-clients: once the held clients are cut off, a new client is served (never stuck)" || { bad "after the flood"; cat maxc.curl; }
stop "$SPID" maxc
check "--max-clients: the refusals are counted: 20" grep -q "serve: 20 connections refused" maxc.err
check "the two silent clients: each cut off after the 2 s timeout, said on stderr" sh -c \
	'[ "$(grep -c "sent nothing within 2 s (--timeout): cut off" maxc.err)" -eq 2 ]'

# ---- --client-auth require: curl without a certificate, s_client with an untrusted one ----
serve auth --client-auth require --export-ca auth-ca.pem --timeout 2
curl -sS --cacert auth-ca.pem "https://localhost:$PORT/" -o auth.page 2>auth-curl.err
rc=$?
# curl reads the certificate_required alert, or finds the connection gone first
[ $rc -ne 0 ] && ! [ -s auth.page ] && ok "--client-auth require: curl without a certificate gets no page (status $rc)" ||
	{ bad "--client-auth require: curl status $rc"; cat auth-curl.err; }
openssl req -x509 -newkey rsa:2048 -nodes -keyout stranger.key -out stranger.pem -days 2 -subj "/CN=a stranger" 2>/dev/null
printf "$REQ" | openssl s_client -connect "127.0.0.1:$PORT" -CAfile auth-ca.pem -cert stranger.pem -key stranger.key \
	-quiet >auth-s.out 2>&1
grep -q "alert bad certificate" auth-s.out && ok "--client-auth require: s_client's self-signed certificate is refused (its own error)" ||
	{ bad "--client-auth require: s_client said"; cat auth-s.out; }
stop "$SPID" auth
check "--client-auth: both failures at step 5 on the server's side (certificate_required, bad_certificate), the verdict in the notes" \
	python3 - auth.json <<'PY'
import json, sys
ls = [json.loads(l) for l in open(sys.argv[1])]
f = sorted((d["failure"] or {}).get("alert") or "" for d in ls if (d["failure"] or {}).get("step") == 5 and d["failure"]["sender"] == "server")
sys.exit(0 if f == ["bad_certificate", "certificate_required"] and any("NOT trusted" in " ".join(d["notes"]) for d in ls) else 1)
PY

# ---- --count: ends by itself with status 0 ----
PORT=$(free_port)
"$TL" serve --bind 127.0.0.1 --port "$PORT" --count 2 --summary >count.out 2>count.err &
CPID=$!
PIDS="$PIDS $CPID"
sleep 0.1
i=0
while [ $i -lt 2 ]; do
	curl -sS -k --retry 20 --retry-connrefused --retry-delay 0 "https://127.0.0.1:$PORT/" -o /dev/null 2>>count.curl && i=$((i + 1))
done
j=0
while kill -0 $CPID 2>/dev/null && [ $j -lt 50 ]; do sleep 0.1; j=$((j + 1)); done
if kill -0 $CPID 2>/dev/null; then bad "--count 2: still running after two handshakes"; kill $CPID; else
	wait $CPID
	rc=$?
	[ $rc -eq 0 ] && [ "$(wc -l < count.out)" -eq 2 ] && ok "--count 2: two summary lines, then status 0" ||
		{ bad "--count 2: status $rc, $(wc -l < count.out) lines"; cat count.out count.err; }
fi

# ---- Ctrl-C while a client is mid-handshake: it is reported, output flushed ----
serve sigint --timeout 30
P=$PORT
python3 -c 'import socket,sys,time; s=socket.create_connection(("127.0.0.1",int(sys.argv[1]))); s.sendall(b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03"); print(s.getsockname()[1]); sys.stdout.flush(); time.sleep(3)' "$P" > sig.port &
SC=$!
sleep 0.5
stop "$SPID" sigint
check "Ctrl-C: the client mid-handshake is reported incomplete, stopped" line sigint.json "$(cat sig.port)" \
	"d['outcome']=='incomplete' and 'stopped' in notes"
wait $SC 2>/dev/null

# ---- errors ----
PORT=$(free_port)
python3 -c 'import socket,sys,time; s=socket.socket(); s.bind(("127.0.0.1",int(sys.argv[1]))); s.listen(); time.sleep(3)' "$PORT" &
HOLDER=$!
sleep 0.3
"$TL" serve --bind 127.0.0.1 --port "$PORT" --json >/dev/null 2>inuse.err
check "a port in use: one line saying so, status 1" sh -c "[ $? -eq 1 ] && grep -q 'another program uses that port' inuse.err"
kill $HOLDER 2>/dev/null
"$TL" serve --port 99999 >/dev/null 2>bad.err
check "--port 99999: a usage error (status 2)" sh -c "[ $? -eq 2 ] && grep -q 'from 0 to 65535' bad.err"
"$TL" serve --cert ca.pem >/dev/null 2>bad2.err
check "--cert without --key: refused" grep -q "go together" bad2.err
: > exists.pem
"$TL" serve --bind 127.0.0.1 --port "$P" --export-ca exists.pem >/dev/null 2>exist.err
check "--export-ca refuses an existing file without --force" sh -c "[ $? -ne 0 ] && grep -qi 'exists' exist.err"

# ---- connect under abuse: a server that trickles a 16 MB message, one
# that floods records of nonsense (python servers; connect --timeout 1) ----
cat > evil.py <<'PY'
import socket, sys, time
mode, port = sys.argv[1], int(sys.argv[2])
ls = socket.socket(); ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind(("127.0.0.1", port)); ls.listen()
print("ready", flush=True)
c, _ = ls.accept(); c.recv(4096); t0 = time.time()
try:
    if mode == "trickle":
        c.sendall(b"\x16\x03\x03\x40\x00" + b"\x02\xff\xff\xff")
        while time.time() - t0 < 20:
            c.sendall(b"\x00"); time.sleep(0.2)
    else:
        while time.time() - t0 < 20:
            c.sendall(b"\x16\x03\x03\x40\x00" + b"\x0b" * 16384)
except OSError:
    pass
PY
for mode in trickle flood; do
	PORT=$(free_port)
	: > evil-$mode.out
	python3 evil.py $mode "$PORT" > evil-$mode.out 2>&1 &
	EV=$!
	PIDS="$PIDS $EV"
	i=0; while ! grep -q ready evil-$mode.out && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	t0=$(date +%s.%N)
	"$TL" connect "127.0.0.1:$PORT" --timeout 1 --no-probe --json > evil-$mode.json 2>evil-$mode.err
	t1=$(date +%s.%N)
	kill $EV 2>/dev/null
	echo "$t0 $t1" > evil-$mode.time
done
check "connect against a server trickling a 16 MB message: cut off within 3 timeouts (< 5 s)" \
	python3 -c 'import sys; a, b = map(float, open("evil-trickle.time").read().split()); sys.exit(0 if b - a < 5 else 1)'
check "connect, trickle: failed at step 2, the server's doing, cut off in words" python3 - evil-trickle.json <<'PY'
import json, sys
d = json.loads(open(sys.argv[1]).readline())
f = d["failure"] or {}
sys.exit(0 if f.get("step") == 2 and f.get("sender") == "server" and "cut off" in f.get("reason", "") else 1)
PY
check "connect against a flood of nonsense records: at once (< 3 s), step 2, the client's GnuTLS error quoted" python3 - evil-flood.json evil-flood.time <<'PY'
import json, sys
d = json.loads(open(sys.argv[1]).readline())
a, b = map(float, open(sys.argv[2]).read().split())
f = d["failure"] or {}
sys.exit(0 if b - a < 3 and f.get("step") == 2 and f.get("sender") == "client" and "GnuTLS says" in f.get("reason", "") else 1)
PY

# ---- the interface, in tmux: the list fills as two clients connect ----
if [ -z "${SERVE_NO_UI:-}" ]; then
	TM="tmux -L tlstrace-serve-$$ -f /dev/null"
	PORT=$(free_port)
	P=$PORT
	$TM new-session -d -s serve -x 130 -y 30 \
		"env LANG=C.UTF-8 LC_ALL=C.UTF-8 '$TL' serve --bind 127.0.0.1 --port $P --no-color; echo EXIT=\$? > '$T/ui.status'; sleep 30"
	tmp=$T
	. "$here/tmux_lib.sh"
	check "ui: the empty list of serve" wait_for serve "serve on 127\\.0\\.0\\.1 port $P: 0 TLS connections"
	curl -sS -k "https://127.0.0.1:$P/one" -o /dev/null 2>>ui.curl
	check "ui: one connection listed" wait_for serve "port $P: 1 TLS connection,"
	check "ui: its row (TLS 1.3)" wait_for serve "127\\.0\\.0\\.1:[0-9]+ +127\\.0\\.0\\.1:$P +TLS 1\\.3"
	curl -sS -k --tls-max 1.2 "https://127.0.0.1:$P/two" -o /dev/null 2>>ui.curl
	check "ui: two connections listed" wait_for serve "port $P: 2 TLS connections"
	check "ui: the TLS 1.2 row" wait_for serve "127\\.0\\.0\\.1:$P +TLS 1\\.2"
	$TM send-keys -t serve Enter
	check "ui: Enter opens a connection on its steps" wait_for serve "Client hello|ClientHello"
	$TM send-keys -t serve q
	sleep 0.3
	$TM send-keys -t serve q
	i=0; while [ $i -lt 50 ] && [ ! -s "$T/ui.status" ]; do sleep 0.1; i=$((i + 1)); done
	check "ui: q quits with status 0" grep -qx "EXIT=0" "$T/ui.status"
	$TM kill-server >/dev/null 2>&1
fi

echo "serve: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
