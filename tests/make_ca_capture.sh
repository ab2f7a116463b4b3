#!/bin/sh
# make_ca_capture.sh DIR - a capture whose CA is kept, for `read --ca`:
# a throwaway CA and a server certificate for server.example (made here),
# OpenSSL's s_server and s_client on loopback (TLS 1.2, one request), the
# connection recorded with tcpdump, the client's key log beside it.
# Writes DIR/ca.pem, DIR/other-ca.pem (an unrelated CA), DIR/ca.pcap and
# DIR/ca.keys.  Needs root (tcpdump) and openssl; exits 77 when it cannot
# record.  Only the processes it started are stopped, by their id.
set -u
d=$1
mkdir -p "$d" || exit 1
[ "$(id -u)" = 0 ] && command -v tcpdump >/dev/null 2>&1 && command -v openssl >/dev/null 2>&1 || exit 77
cd "$d" || exit 1
q() { "$@" >/dev/null 2>&1; }
q openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 30 -subj "/O=tlstrace test/CN=tlstrace test CA" || exit 1
q openssl req -x509 -newkey rsa:2048 -nodes -keyout other-ca.key -out other-ca.pem -days 30 -subj "/O=elsewhere/CN=Other CA" || exit 1
q openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj "/O=tlstrace test/CN=server.example" || exit 1
printf 'subjectAltName=DNS:server.example\nbasicConstraints=CA:FALSE\n' > ext.cnf
q openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 10 -extfile ext.cnf -out server.pem || exit 1
# a free port in 20000-29999
port=$(( 20000 + $$ % 10000 ))
tcpdump -i lo -U -s 0 -w ca.pcap "tcp port $port" >/dev/null 2>&1 &
tp=$!
sleep 1
timeout 20 openssl s_server -accept "$port" -cert server.pem -key server.key -naccept 1 -tls1_2 -www >/dev/null 2>&1 &
sp=$!
sleep 1
printf 'GET / HTTP/1.0\r\nHost: server.example\r\n\r\n' | timeout 10 openssl s_client -connect "127.0.0.1:$port" \
	-servername server.example -CAfile ca.pem -tls1_2 -keylogfile ca.keys -ign_eof >/dev/null 2>&1
sleep 1
kill "$sp" 2>/dev/null
kill -INT "$tp" 2>/dev/null
wait "$tp" 2>/dev/null
[ -s ca.pcap ] && [ -s ca.keys ] || exit 1
exit 0
