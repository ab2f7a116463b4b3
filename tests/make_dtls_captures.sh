#!/bin/bash
# Record the DTLS captures in captures/dtls/: OpenSSL's s_client and
# s_server speaking DTLS 1.0 and 1.2 on loopback, recorded with tcpdump,
# each with the key log the client wrote.  Run as root (tcpdump needs it):
#
#   tests/make_dtls_captures.sh
#
# Every case but the IPv6 one has the server run with -listen, so that
# OpenSSL answers the first ClientHello with a HelloVerifyRequest (RFC 6347 4.2.1), and a small
# -mtu with a three-certificate chain, so that the Certificate message goes
# in fragments (RFC 6347 4.2.3).  The ECDHE-GCM case goes through
# tests/dtls_relay.py, which drops one of the server's datagrams: the
# client's timer runs out, it sends its ClientHello again and the server its
# whole flight (RFC 6347 4.2.4); only the relay-to-server leg is recorded,
# where both copies of the flight are whole.  Cases:
#
#   dtls12-rsa        DTLS 1.2, AES128-SHA (RSA key exchange, CBC)
#   dtls12-ecdhe-gcm  DTLS 1.2, ECDHE-RSA-AES128-GCM-SHA256, a retransmission
#   dtls10-rsa        DTLS 1.0, AES128-SHA (DTLS 1.0 has only CBC suites)
#   dtls12-rsa-final-retx  DTLS 1.2, AES128-SHA, through the relay dropping
#                     the server's last flight: the client sends its
#                     ClientKeyExchange, ChangeCipherSpec and (encrypted)
#                     Finished again, the server its NewSessionTicket,
#                     ChangeCipherSpec and Finished
#   dtls12-ipv6-sha384  DTLS 1.2 over ::1, ECDHE-RSA-AES256-GCM-SHA384 (the
#                     PRF with SHA-384), the server without -listen: no
#                     cookie exchange
#
# The server key is captures/server-rsa.key (for --rsa-key).  Ports
# 21100-21119 on 127.0.0.1 and ::1.  Only the cases named on the command line
# are made again, when any are (tests/make_dtls_captures.sh NAME...).  tests/dtls.sh checks every capture with tshark.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${DTLS_DIR:-$ROOT/captures/dtls}
T=$(mktemp -d /tmp/tlstrace-dtls.XXXXXX)
PIDS=()

cleanup() {
	local p
	# Only the processes this script started, by their id.
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$T"
}
trap cleanup EXIT
die() { echo "make_dtls_captures: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "run as root (tcpdump needs it)"
ONLY=("$@")
mkdir -p "$OUT"

# A root, an intermediate and the server's certificate (the key of
# captures/server-rsa.key): a chain of about 3 KB, far over the MTU.
cd "$T"
openssl req -x509 -newkey rsa:4096 -nodes -keyout root.key -out root.pem -days 3650 \
	-subj "/O=tlstrace demo/CN=tlstrace dtls root" -addext "basicConstraints=critical,CA:TRUE" 2>/dev/null
openssl req -newkey rsa:4096 -nodes -keyout mid.key -out mid.csr -subj "/O=tlstrace demo/CN=tlstrace dtls intermediate" 2>/dev/null
printf 'basicConstraints=critical,CA:TRUE\n' > mid.ext
openssl x509 -req -in mid.csr -CA root.pem -CAkey root.key -CAcreateserial -days 3650 -extfile mid.ext -out mid.pem 2>/dev/null
openssl req -new -key "$ROOT/captures/server-rsa.key" -out srv.csr -subj "/O=tlstrace demo/CN=server.example" 2>/dev/null
printf 'subjectAltName=DNS:server.example\n' > srv.ext
openssl x509 -req -in srv.csr -CA mid.pem -CAkey mid.key -CAcreateserial -days 3650 -extfile srv.ext -out srv.pem 2>/dev/null
cat mid.pem root.pem > chain.pem

# record NAME VERSION CIPHER PORT RELAY [DROP [HOST LISTEN]]: one
# handshake, a line each way, the client's close_notify.  RELAY 0:
# straight; otherwise the client talks to the relay on RELAY, which drops
# the server's DROP-th datagram (default 2) or, with DROP "ccs", its last
# flight.  HOST: 127.0.0.1 (default) or ::1; LISTEN: -listen (default,
# the cookie exchange) or "none".
record() {
	if [ ${#ONLY[@]} -gt 0 ] && [[ " ${ONLY[*]} " != *" $1 "* ]]; then return 0; fi
	local name=$1 ver=$2 cipher=$3 port=$4 relay=$5 drop=${6:-2} host=${7:-127.0.0.1} listen=${8:--listen}
	local cport=$4 td srv addr
	addr=$host
	case $host in *:*) addr="[$host]" ;; esac
	[ "$listen" = none ] && listen=
	rm -f "$T/$name.keys"
	tcpdump -i lo -U -s 0 -w "$T/$name.pcap" "udp port $port" >/dev/null 2>&1 &
	td=$!; PIDS+=("$td")
	sleep 1
	# shellcheck disable=SC2086  # $listen: one word or none
	(sleep 3; echo "server line over $name"; sleep 3) |
		timeout 10 openssl s_server "$ver" $listen -accept "$addr:$port" -cert srv.pem \
			-key "$ROOT/captures/server-rsa.key" -cert_chain chain.pem -mtu 400 \
			-cipher "$cipher:@SECLEVEL=0" -naccept 1 >"$T/$name.srv" 2>&1 &
	srv=$!; PIDS+=("$srv")
	sleep 0.5
	if [ "$relay" != 0 ]; then
		python3 "$ROOT/tests/dtls_relay.py" "$relay" "$port" "$drop" 8 &
		PIDS+=("$!")
		cport=$relay
		sleep 0.3
	fi
	(sleep 2; echo "client line over $name"; sleep 3) |
		timeout 10 openssl s_client "$ver" -connect "$addr:$cport" -mtu 400 \
			-cipher "$cipher:@SECLEVEL=0" -keylogfile "$T/$name.keys" >"$T/$name.cli" 2>&1 || true
	wait "$srv" || true
	sleep 0.5
	kill -INT "$td"; wait "$td" || true
	grep -q "client line over $name" "$T/$name.srv" || die "$name: the server did not get the client's line"
	grep -q "server line over $name" "$T/$name.cli" || die "$name: the client did not get the server's line"
	cp "$T/$name.pcap" "$T/$name.keys" "$OUT/"
	echo "$name: $(tshark -r "$OUT/$name.pcap" 2>/dev/null | wc -l) frames"
}

record dtls12-rsa -dtls1_2 AES128-SHA 21101 0
record dtls12-ecdhe-gcm -dtls1_2 ECDHE-RSA-AES128-GCM-SHA256 21102 21103
record dtls10-rsa -dtls1 AES128-SHA 21104 0
record dtls12-rsa-final-retx -dtls1_2 AES128-SHA 21105 21106 ccs
record dtls12-ipv6-sha384 -dtls1_2 ECDHE-RSA-AES256-GCM-SHA384 21107 0 2 ::1 none
