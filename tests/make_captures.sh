#!/bin/bash
# Regenerate the sample captures in captures/: real OpenSSL and GnuTLS peers
# talking on loopback, recorded with tcpdump, each with the key log the client
# wrote.  Run as root (tcpdump needs it):
#
#   tests/make_captures.sh              # every case
#   tests/make_captures.sh NAME...      # only these cases
#   NEW_KEY=1 tests/make_captures.sh    # also a new server RSA key
#
# Each case is one small capture (one to three TCP connections) on its own
# port in 4430-4499.  A throwaway PKI is generated in a temporary folder on
# every run; the server's RSA key is copied to captures/server-rsa.key so
# that the RSA key exchange captures can be read with --rsa-key.  Everything
# runs under `timeout`, so a peer that misbehaves cannot hang the script.
# captures/README.md describes every file.

set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${CAPTURES_DIR:-$ROOT/captures}
T=$(mktemp -d /tmp/tlstrace-captures.XXXXXX)
PKI=$T/pki
TCPDUMP_PID=
SERVER_PID=

log() { printf '%s\n' "$*" >&2; }
die() { log "make_captures: $*"; exit 1; }

cleanup() {
	# Only the processes this script started, by their id.
	if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; fi
	if [ -n "$TCPDUMP_PID" ]; then kill -INT "$TCPDUMP_PID" 2>/dev/null || true; fi
	wait 2>/dev/null || true
	if [ -n "${KEEP_TMP:-}" ]; then log "kept $T"; else rm -rf "$T"; fi
}
trap cleanup EXIT

# ---------------------------------------------------------------- setup

[ "$(id -u)" = 0 ] || die "run as root (tcpdump needs it)"

need_debs() {
	local missing="" p
	for p in tcpdump openssl gnutls-bin iproute2; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
			missing="$missing $p"
	done
	if [ -n "$missing" ]; then
		log "installing:$missing"
		apt-get update -q >/dev/null
		# shellcheck disable=SC2086  # one word per package
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing >/dev/null
	fi
}
need_debs
mkdir -p "$OUT"

# ---------------------------------------------------------------- PKI
# A demo CA, a server certificate for server.example (RSA 2048 and ECDSA
# P-256), a client certificate, and an unrelated CA for the untrusted case.

make_pki() {
	mkdir -p "$PKI"
	cd "$PKI"
	cat > ext.cnf <<'EOF'
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:server.example
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[client]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF
	local q=(-days 3650 -sha256)
	# CA and the unrelated CA
	for ca in ca other-ca; do
		openssl req -x509 -newkey rsa:2048 -nodes -keyout $ca.key -out $ca.pem \
			-subj "/O=tlstrace demo/CN=tlstrace $ca" "${q[@]}" \
			-addext "basicConstraints=critical,CA:TRUE" \
			-addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
	done
	# server RSA 2048, server ECDSA P-256, client RSA 2048
	# The server's RSA key is kept from one run to the next (captures/
	# server-rsa.key), so that regenerating some cases leaves the others
	# readable with --rsa-key; NEW_KEY=1 makes a new one.
	if [ -z "${NEW_KEY:-}" ] && [ -s "$OUT/server-rsa.key" ] &&
		openssl rsa -in "$OUT/server-rsa.key" -check -noout >/dev/null 2>&1; then
		cp "$OUT/server-rsa.key" server.key
	else
		openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out server.key 2>/dev/null
	fi
	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out server-ec.key 2>/dev/null
	openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out client.key 2>/dev/null
	local name subj ext
	for name in server server-ec client; do
		case $name in
		server|server-ec) subj="/O=tlstrace demo/CN=server.example"; ext=server ;;
		client) subj="/O=tlstrace demo/CN=client.example"; ext=client ;;
		esac
		openssl req -new -key "$name.key" -subj "$subj" -out "$name.csr" 2>/dev/null
		openssl x509 -req -in "$name.csr" -CA ca.pem -CAkey ca.key -CAcreateserial \
			-extfile ext.cnf -extensions "$ext" "${q[@]}" -out "$name.pem" 2>/dev/null
	done
	openssl verify -CAfile ca.pem server.pem server-ec.pem client.pem >/dev/null ||
		die "demo PKI does not verify"
	# OpenSSL config that turns the extended master secret off (OpenSSL 3.0
	# has no command-line switch for it; SSL_OP_NO_EXTENDED_MASTER_SECRET is
	# reachable through the "Options = -ExtendedMasterSecret" config command).
	cat > no-ems.cnf <<'EOF'
openssl_conf = openssl_init
[openssl_init]
ssl_conf = ssl_sect
[ssl_sect]
system_default = system_default_sect
[system_default_sect]
Options = -ExtendedMasterSecret
EOF
	cd "$ROOT"
	cp "$PKI/server.key" "$OUT/server-rsa.key"
	chmod 0644 "$OUT/server-rsa.key"
}

# ---------------------------------------------------------------- helpers

# start_capture NAME PORTS...: tcpdump on lo for these TCP ports, into
# captures/NAME.pcap; returns once tcpdump says it is listening.
CASE=
start_capture() {
	CASE=$1; shift
	local filter="" p
	for p in "$@"; do filter="${filter:+$filter or }tcp port $p"; done
	rm -f "$OUT/$CASE.pcap" "$OUT/$CASE.keys"
	: > "$OUT/$CASE.keys"
	# -Z root: Debian's tcpdump would otherwise drop to the tcpdump user
	# before opening the output file.
	timeout 120 tcpdump -i lo -n -U --immediate-mode -Z root -w "$OUT/$CASE.pcap" "$filter" \
		2> "$T/$CASE.tcpdump.log" &
	TCPDUMP_PID=$!
	local _
	for _ in $(seq 100); do
		grep -q 'listening on' "$T/$CASE.tcpdump.log" 2>/dev/null && return 0
		kill -0 "$TCPDUMP_PID" 2>/dev/null || break
		sleep 0.1
	done
	cat "$T/$CASE.tcpdump.log" >&2
	die "$CASE: tcpdump did not start"
}

stop_capture() {
	sleep 0.3                   # let the last packets reach the file
	kill -INT "$TCPDUMP_PID" 2>/dev/null || true
	wait "$TCPDUMP_PID" 2>/dev/null || true
	TCPDUMP_PID=
	[ -s "$OUT/$CASE.pcap" ] || die "$CASE: no capture written"
}

wait_listen() {
	local port=$1 _
	for _ in $(seq 100); do
		[ -n "$(ss -Hltn "sport = :$port")" ] && return 0
		kill -0 "$SERVER_PID" 2>/dev/null || break
		sleep 0.1
	done
	cat "$T/$CASE.server.log" >&2 || true
	die "$CASE: server on port $port did not start"
}

stop_server() {
	if [ -n "$SERVER_PID" ]; then
		# give a server that exits by itself (-naccept) the time to do so
		local _
		for _ in $(seq 20); do
			kill -0 "$SERVER_PID" 2>/dev/null || break
			sleep 0.1
		done
		kill "$SERVER_PID" 2>/dev/null || true
		wait "$SERVER_PID" 2>/dev/null || true
		SERVER_PID=
	fi
}

# ossl_server PORT NACCEPT [s_server options...]
# OpenSSL s_server in -rev mode: it answers each line with the line reversed.
ossl_server() {
	local port=$1 n=$2; shift 2
	port_free "$port"
	timeout 30 openssl s_server -accept "127.0.0.1:$port" -naccept "$n" -rev \
		-cert "$PKI/server.pem" -key "$PKI/server.key" "$@" \
		> "$T/$CASE.server.log" 2>&1 < /dev/null &
	SERVER_PID=$!
	wait_listen "$port"
}

# ossl_client PORT [s_client options...]: connects, sends one line after the
# handshake, waits for the answer, then closes (stdin EOF: close_notify).
# Exit status of s_client is returned.
ossl_client() {
	local port=$1; shift
	{ sleep 0.5; printf 'hello from %s\n' "$CASE"; sleep 0.7; } |
	timeout 10 openssl s_client -connect "127.0.0.1:$port" \
		-servername server.example -verify_hostname server.example \
		-verify_return_error -keylogfile "$OUT/$CASE.keys" "$@" \
		>> "$T/$CASE.client.log" 2>&1
}

# gnutls_server PORT [gnutls-serv options...]: echo server.
gnutls_server() {
	local port=$1; shift
	port_free "$port"
	timeout 30 gnutls-serv --port "$port" --echo \
		--x509certfile "$PKI/server.pem" --x509keyfile "$PKI/server.key" "$@" \
		> "$T/$CASE.server.log" 2>&1 < /dev/null &
	SERVER_PID=$!
	wait_listen "$port"
}

gnutls_client() {
	local port=$1; shift
	{ sleep 0.5; printf 'hello from %s\n' "$CASE"; sleep 0.7; } |
	SSLKEYLOGFILE="$OUT/$CASE.keys" timeout 10 gnutls-cli --port "$port" \
		--x509cafile "$PKI/ca.pem" --sni-hostname server.example \
		--verify-hostname server.example "$@" 127.0.0.1 \
		>> "$T/$CASE.client.log" 2>&1
}

# expect_ok / expect_fail: check the client's exit status.
expect_ok() {
	if ! "$@"; then
		cat "$T/$CASE.client.log" "$T/$CASE.server.log" >&2 || true
		die "$CASE: client failed"
	fi
}
expect_fail() {
	if "$@"; then
		cat "$T/$CASE.client.log" >&2 || true
		die "$CASE: client succeeded but the handshake should fail"
	fi
}

finish_case() {
	stop_server
	stop_capture
	log "$CASE: $(stat -c %s "$OUT/$CASE.pcap") bytes, $(wc -l < "$OUT/$CASE.keys") key log lines"
}

port_free() {
	[ -z "$(ss -Hltn "sport = :$1")" ] || die "$CASE: port $1 is already in use"
}

# flows NAME: what Wireshark sees in captures/NAME.pcap with its key log, one
# line per handshake, in the short notation of captures/README.md
# (C:/S: sender, CH ClientHello, SH ServerHello, ...).
flows() {
	python3 "$ROOT/tests/compare_tshark.py" --show-tshark - \
		"$OUT/$1.pcap" "$OUT/$1.keys" | python3 -c '
import json, sys
short = {"ClientHello": "CH", "ServerHello": "SH", "HelloRetryRequest": "HRR",
         "Certificate": "Cert", "ServerKeyExchange": "SKE",
         "ServerHelloDone": "SHD", "ClientKeyExchange": "CKE",
         "ChangeCipherSpec": "CCS", "Finished": "Fin", "NewSessionTicket": "NST",
         "EncryptedExtensions": "EE", "CertificateVerify": "CV",
         "CertificateRequest": "CR"}
for line in sys.stdin:
    hs = json.loads(line)
    out = []
    for m in hs["messages"]:
        t = short.get(m["type"], m["type"])
        if m["type"] == "Alert":
            t = "Alert(%s)" % (m.get("description") or "?")
        out.append(m["sender"][0].upper() + ":" + t)
    print(" ".join(out))
'
}

# expect_flows FLOW...: Wireshark must see exactly these handshakes (checked
# only where tshark is installed).
expect_flows() {
	command -v tshark >/dev/null || return 0
	local got want
	got=$(flows "$CASE")
	want=$(printf '%s\n' "$@")
	# shellcheck disable=SC2053
	if [[ $got != $want ]]; then
		log "$CASE: tshark sees:"; log "$got"; log "expected:"; log "$want"
		die "$CASE: unexpected handshake in the capture"
	fi
}

CA=(-CAfile "$PKI/ca.pem")
CLIENT_CERT=(-cert "$PKI/client.pem" -key "$PKI/client.key")
NO_EMS=$PKI/no-ems.cnf

# ---------------------------------------------------------------- cases
# Expected flows (what tshark must see, one argument per handshake), in the
# notation of captures/README.md; a * stands for any messages.
CLOSE="C:Alert(close_notify) S:Alert(close_notify)"
T12_RSA="C:CH S:SH S:Cert S:SHD C:CKE C:CCS C:Fin S:NST S:CCS S:Fin $CLOSE"
T12_SKE="C:CH S:SH S:Cert S:SKE S:SHD C:CKE C:CCS C:Fin S:NST S:CCS S:Fin $CLOSE"
T12_RESUMED="C:CH S:SH S:CCS S:Fin C:CCS C:Fin $CLOSE"
T13="C:CH S:SH S:CCS S:EE S:Cert S:CV S:Fin C:CCS C:Fin S:NST S:NST $CLOSE"
# Each case_NAME function makes captures/NAME.pcap and captures/NAME.keys.
# The commands here are the ones listed in captures/README.md.

case_openssl-tls12-rsa() {
	start_capture openssl-tls12-rsa 4430
	OPENSSL_CONF=$NO_EMS ossl_server 4430 1 -tls1_2 -cipher AES128-GCM-SHA256
	OPENSSL_CONF=$NO_EMS expect_ok ossl_client 4430 "${CA[@]}" -tls1_2 -cipher AES128-GCM-SHA256
	finish_case
	expect_flows "$T12_RSA"
}

case_openssl-tls12-rsa-ems() {
	start_capture openssl-tls12-rsa-ems 4431
	ossl_server 4431 1 -tls1_2 -cipher AES128-GCM-SHA256
	expect_ok ossl_client 4431 "${CA[@]}" -tls1_2 -cipher AES128-GCM-SHA256
	finish_case
	expect_flows "$T12_RSA"
}

case_openssl-tls12-rsa-sha384() {
	start_capture openssl-tls12-rsa-sha384 4432
	ossl_server 4432 1 -tls1_2 -cipher AES256-GCM-SHA384
	expect_ok ossl_client 4432 "${CA[@]}" -tls1_2 -cipher AES256-GCM-SHA384
	finish_case
	expect_flows "$T12_RSA"
}

# GnuTLS: TLS 1.0 / 1.1 with RSA key exchange and AES-128-CBC + HMAC-SHA1.
GT_RSA_CBC="-CIPHER-ALL:+AES-128-CBC:-MAC-ALL:+SHA1:-KX-ALL:+RSA"

case_gnutls-tls10-rsa() {
	start_capture gnutls-tls10-rsa 4433
	gnutls_server 4433 -a --priority "NORMAL:-VERS-ALL:+VERS-TLS1.0:$GT_RSA_CBC:%NO_SESSION_HASH"
	expect_ok gnutls_client 4433 --priority "NORMAL:-VERS-ALL:+VERS-TLS1.0:$GT_RSA_CBC:%NO_SESSION_HASH"
	finish_case
	expect_flows "$T12_RSA"
}

case_gnutls-tls10-rsa-ems() {
	start_capture gnutls-tls10-rsa-ems 4434
	gnutls_server 4434 -a --priority "NORMAL:-VERS-ALL:+VERS-TLS1.0:$GT_RSA_CBC"
	expect_ok gnutls_client 4434 --priority "NORMAL:-VERS-ALL:+VERS-TLS1.0:$GT_RSA_CBC"
	finish_case
	expect_flows "$T12_RSA"
}

# TLS 1.1 without encrypt-then-MAC: the classic MAC-then-encrypt CBC records.
case_gnutls-tls11-rsa() {
	start_capture gnutls-tls11-rsa 4435
	gnutls_server 4435 -a --priority "NORMAL:-VERS-ALL:+VERS-TLS1.1:$GT_RSA_CBC:%NO_ETM"
	expect_ok gnutls_client 4435 --priority "NORMAL:-VERS-ALL:+VERS-TLS1.1:$GT_RSA_CBC:%NO_ETM"
	finish_case
	expect_flows "$T12_RSA"
}

case_openssl-tls12-dhe() {
	start_capture openssl-tls12-dhe 4436
	ossl_server 4436 1 -tls1_2 -cipher DHE-RSA-AES128-GCM-SHA256
	expect_ok ossl_client 4436 "${CA[@]}" -tls1_2 -cipher DHE-RSA-AES128-GCM-SHA256
	finish_case
	expect_flows "$T12_SKE"
}

case_openssl-tls12-ecdhe() {
	start_capture openssl-tls12-ecdhe 4437
	ossl_server 4437 1 -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256
	expect_ok ossl_client 4437 "${CA[@]}" -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256
	finish_case
	expect_flows "$T12_SKE"
}

case_gnutls-tls12-ecdhe-chacha() {
	local p="NORMAL:-VERS-ALL:+VERS-TLS1.2:-KX-ALL:+ECDHE-RSA:-CIPHER-ALL:+CHACHA20-POLY1305"
	start_capture gnutls-tls12-ecdhe-chacha 4438
	gnutls_server 4438 -a --priority "$p"
	expect_ok gnutls_client 4438 --priority "$p"
	finish_case
	expect_flows "$T12_SKE"
}

case_openssl-tls13() {
	start_capture openssl-tls13 4439
	ossl_server 4439 1 -tls1_3
	expect_ok ossl_client 4439 "${CA[@]}" -tls1_3
	finish_case
	expect_flows "$T13"
}

# The order varies with timing: gnutls-cli sends its compatibility CCS as soon
# as it has the ServerHello (before or after the server's encrypted flight),
# and gnutls-serv may send its two NewSessionTickets before the client's
# Finished has arrived (it can compute that Finished in advance).
case_gnutls-tls13() {
	local p="NORMAL:-VERS-ALL:+VERS-TLS1.3"
	start_capture gnutls-tls13 4440
	gnutls_server 4440 -a --priority "$p"
	expect_ok gnutls_client 4440 --priority "$p"
	finish_case
	expect_flows "C:CH S:SH S:CCS *S:EE S:Cert S:CV S:Fin *C:Fin* $CLOSE"
}

# The client sends a key share for X25519 only (OpenSSL sends one for the
# first group of its list); the server accepts P-256 only: HelloRetryRequest.
case_openssl-tls13-hrr() {
	start_capture openssl-tls13-hrr 4441
	ossl_server 4441 1 -tls1_3 -groups P-256
	expect_ok ossl_client 4441 "${CA[@]}" -tls1_3 -groups X25519:P-256
	finish_case
	expect_flows "C:CH S:HRR S:CCS C:CCS C:CH S:SH S:EE S:Cert S:CV S:Fin C:Fin S:NST S:NST $CLOSE"
}

case_openssl-tls12-client-auth() {
	start_capture openssl-tls12-client-auth 4442
	ossl_server 4442 1 -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256 -Verify 1 "${CA[@]}"
	expect_ok ossl_client 4442 "${CA[@]}" "${CLIENT_CERT[@]}" -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256
	finish_case
	expect_flows "C:CH S:SH S:Cert S:SKE S:CR S:SHD C:Cert C:CKE C:CV C:CCS C:Fin S:NST S:CCS S:Fin $CLOSE"
}

case_openssl-tls13-client-auth() {
	start_capture openssl-tls13-client-auth 4443
	ossl_server 4443 1 -tls1_3 -Verify 1 "${CA[@]}"
	expect_ok ossl_client 4443 "${CA[@]}" "${CLIENT_CERT[@]}" -tls1_3
	finish_case
	expect_flows "C:CH S:SH S:CCS S:EE S:CR S:Cert S:CV S:Fin C:CCS C:Cert C:CV C:Fin S:NST S:NST $CLOSE"
}

# TLS 1.2 session-ID resumption (no tickets), RSA key exchange.
case_openssl-tls12-resumed() {
	start_capture openssl-tls12-resumed 4444
	ossl_server 4444 2 -tls1_2 -cipher AES128-GCM-SHA256 -no_ticket
	expect_ok ossl_client 4444 "${CA[@]}" -tls1_2 -cipher AES128-GCM-SHA256 -no_ticket -sess_out "$T/sess12"
	expect_ok ossl_client 4444 "${CA[@]}" -tls1_2 -cipher AES128-GCM-SHA256 -no_ticket -sess_in "$T/sess12"
	grep -q '^Reused' "$T/$CASE.client.log" || die "$CASE: second connection not resumed"
	finish_case
	expect_flows "C:CH S:SH S:Cert S:SHD C:CKE C:CCS C:Fin S:CCS S:Fin $CLOSE" "$T12_RESUMED"
}

# TLS 1.2 session-ticket resumption (RFC 5077), ECDHE.
case_openssl-tls12-resumed-ticket() {
	start_capture openssl-tls12-resumed-ticket 4445
	ossl_server 4445 2 -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256
	expect_ok ossl_client 4445 "${CA[@]}" -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256 -sess_out "$T/sess12t"
	expect_ok ossl_client 4445 "${CA[@]}" -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256 -sess_in "$T/sess12t"
	grep -q '^Reused' "$T/$CASE.client.log" || die "$CASE: second connection not resumed"
	finish_case
	expect_flows "$T12_SKE" "$T12_RESUMED"
}

# TLS 1.3 PSK resumption (psk_dhe_ke) with a ticket from the first connection.
case_openssl-tls13-resumed() {
	start_capture openssl-tls13-resumed 4446
	ossl_server 4446 2 -tls1_3 -num_tickets 1
	expect_ok ossl_client 4446 "${CA[@]}" -tls1_3 -sess_out "$T/sess13"
	expect_ok ossl_client 4446 "${CA[@]}" -tls1_3 -sess_in "$T/sess13"
	grep -q '^Reused' "$T/$CASE.client.log" || die "$CASE: second connection not resumed"
	finish_case
	expect_flows "C:CH S:SH S:CCS S:EE S:Cert S:CV S:Fin C:CCS C:Fin S:NST $CLOSE" "C:CH S:SH S:CCS S:EE S:Fin C:CCS C:Fin S:NST $CLOSE"
}

# Failures.  The server has no suite in common with the client.
case_openssl-fail-no-shared-cipher() {
	start_capture openssl-fail-no-shared-cipher 4447
	ossl_server 4447 1 -tls1_2 -cipher AES256-GCM-SHA384
	expect_fail ossl_client 4447 "${CA[@]}" -tls1_2 -cipher AES128-GCM-SHA256
	finish_case
	expect_flows "C:CH S:Alert(handshake_failure)"
}

# The client trusts another CA only: it rejects the server's certificate
# (TLS 1.2: a plaintext unknown_ca alert after the server's flight).
case_openssl-fail-untrusted() {
	start_capture openssl-fail-untrusted 4448
	ossl_server 4448 1 -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256
	expect_fail ossl_client 4448 -CAfile "$PKI/other-ca.pem" -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256
	finish_case
	expect_flows "C:CH S:SH S:Cert S:SKE S:SHD C:Alert(unknown_ca)"
}

# The same in TLS 1.3: the client's alert is encrypted with the handshake keys.
case_openssl-fail-untrusted-tls13() {
	start_capture openssl-fail-untrusted-tls13 4449
	ossl_server 4449 1 -tls1_3
	expect_fail ossl_client 4449 -CAfile "$PKI/other-ca.pem" -tls1_3
	finish_case
	expect_flows "C:CH S:SH S:CCS S:EE S:Cert S:CV S:Fin C:Alert(unknown_ca)"
}

# The server requires a client certificate; the client has none (TLS 1.2:
# it sends an empty Certificate and the server answers with an alert).
case_openssl-fail-no-client-cert() {
	start_capture openssl-fail-no-client-cert 4450
	ossl_server 4450 1 -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256 -Verify 1 "${CA[@]}"
	expect_fail ossl_client 4450 "${CA[@]}" -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256
	finish_case
	expect_flows "C:CH S:SH S:Cert S:SKE S:CR S:SHD C:Cert C:CKE C:CCS C:Fin S:Alert(handshake_failure)"
}

# ECDHE with an ECDSA server certificate.
case_openssl-tls12-ecdhe-ecdsa() {
	start_capture openssl-tls12-ecdhe-ecdsa 4451
	ossl_server 4451 1 -tls1_2 -cipher ECDHE-ECDSA-AES256-GCM-SHA384 \
		-cert "$PKI/server-ec.pem" -key "$PKI/server-ec.key"
	expect_ok ossl_client 4451 "${CA[@]}" -tls1_2 -cipher ECDHE-ECDSA-AES256-GCM-SHA384
	finish_case
	expect_flows "$T12_SKE"
}

# Three sequential connections to one server in one capture: TLS 1.2 RSA,
# TLS 1.2 ECDHE, TLS 1.3 (for the connection list of the interface).
case_three-connections() {
	start_capture three-connections 4452
	ossl_server 4452 3
	expect_ok ossl_client 4452 "${CA[@]}" -tls1_2 -cipher AES128-GCM-SHA256
	expect_ok ossl_client 4452 "${CA[@]}" -tls1_2 -cipher ECDHE-RSA-AES256-GCM-SHA384
	expect_ok ossl_client 4452 "${CA[@]}" -tls1_3
	finish_case
	expect_flows "$T12_RSA" "$T12_SKE" "$T13"
}

# The server cuts its records at 512 bytes: its Certificate spans several
# records (handshake message reassembly across records).
case_openssl-tls12-fragmented() {
	start_capture openssl-tls12-fragmented 4453
	ossl_server 4453 1 -tls1_2 -cipher AES128-GCM-SHA256 -max_send_frag 512
	expect_ok ossl_client 4453 "${CA[@]}" -tls1_2 -cipher AES128-GCM-SHA256
	finish_case
	expect_flows "$T12_RSA"
}

# The same in TLS 1.3, where the fragments are encrypted, and the server pads
# its encrypted records to a multiple of 128 bytes (RFC 8446 section 5.4).
case_openssl-tls13-fragmented() {
	start_capture openssl-tls13-fragmented 4454
	ossl_server 4454 1 -tls1_3 -max_send_frag 512 -record_padding 128
	expect_ok ossl_client 4454 "${CA[@]}" -tls1_3
	finish_case
	expect_flows "$T13"
}

ALL_CASES="openssl-tls12-rsa openssl-tls12-rsa-ems openssl-tls12-rsa-sha384
gnutls-tls10-rsa gnutls-tls10-rsa-ems gnutls-tls11-rsa
openssl-tls12-dhe openssl-tls12-ecdhe gnutls-tls12-ecdhe-chacha
openssl-tls13 gnutls-tls13 openssl-tls13-hrr
openssl-tls12-client-auth openssl-tls13-client-auth
openssl-tls12-resumed openssl-tls12-resumed-ticket openssl-tls13-resumed
openssl-fail-no-shared-cipher openssl-fail-untrusted openssl-fail-untrusted-tls13
openssl-fail-no-client-cert openssl-tls12-ecdhe-ecdsa three-connections
openssl-tls12-fragmented openssl-tls13-fragmented"

# ---------------------------------------------------------------- main

# tests/make_failures.sh sources this file for its helpers and PKI only.
if [ -n "${MAKE_CAPTURES_LIB:-}" ]; then return 0; fi

make_pki
cases=${*:-$ALL_CASES}
for c in $cases; do
	declare -F "case_$c" >/dev/null || die "unknown case: $c"
	: > "$T/$c.client.log"
	"case_$c"
done
chmod 0644 "$OUT"/*.pcap "$OUT"/*.keys
log "done: captures in $OUT"
