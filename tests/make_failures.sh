#!/bin/bash
# Record the failure corpus in captures/failures/: real OpenSSL 3.0 and
# GnuTLS 3.7 peers (and, for the transport cases, a tiny Python server that
# hangs up or answers in plain text) failing a handshake on loopback, plus
# successes that look like failures.  Run as root (tcpdump needs it):
#
#   tests/make_failures.sh              # every case
#   tests/make_failures.sh NAME...      # only these cases
#   LEARN=1 tests/make_failures.sh NAME # print what tshark sees, check nothing
#
# The helpers and the demo PKI are tests/make_captures.sh's (sourced).  Each
# case makes NAME.pcap, NAME.keys (the client's key log: whatever it had
# derived when it stopped) and NAME.log (what both peers printed, certificates
# left out).  The expectations are in captures/failures/expected.tsv; its
# `oracle` column is a line the peer itself printed, and this script checks
# that the peer did print it, so an expectation never rests on tlstrace's
# word.  tshark checks that each capture shows the intended flow.

set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
export CAPTURES_DIR=${FAILURES_DIR:-$HERE/../captures/failures}
mkdir -p "$CAPTURES_DIR"
# The failure corpus uses the same throwaway server key as captures/.
[ -s "$CAPTURES_DIR/server-rsa.key" ] || cp "$HERE/../captures/server-rsa.key" "$CAPTURES_DIR/" 2>/dev/null || true
MAKE_CAPTURES_LIB=1
# shellcheck source=make_captures.sh
. "$HERE/make_captures.sh"
EXPECTED=$OUT/expected.tsv

# ---------------------------------------------------------------- more PKI
# An expired server certificate, a server certificate with a 1024-bit RSA
# key, 1024-bit DH parameters, and a second certificate for s_server's
# name-based switch (-servername/-cert2).
extra_pki() {
	cd "$PKI"
	cat > ca.cnf <<EOF
[ca]
default_ca = demo
[demo]
database = $PKI/index.txt
new_certs_dir = $PKI/newcerts
serial = $PKI/serial
default_md = sha256
policy = any
[any]
organizationName = optional
commonName = supplied
EOF
	: > index.txt; mkdir -p newcerts; echo 1000 > serial
	openssl ca -batch -config ca.cnf -cert ca.pem -keyfile ca.key -in server.csr \
		-out server-expired.pem -startdate 20240101000000Z -enddate 20250101000000Z \
		-extfile ext.cnf -extensions server -notext 2>/dev/null
	openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out server-1024.key 2>/dev/null
	openssl req -new -key server-1024.key -subj "/O=tlstrace demo/CN=server.example" -out server-1024.csr 2>/dev/null
	openssl x509 -req -in server-1024.csr -CA ca.pem -CAkey ca.key -CAcreateserial \
		-extfile ext.cnf -extensions server -days 3650 -sha256 -out server-1024.pem 2>/dev/null
	openssl dhparam -out dh1024.pem 1024 2>/dev/null
	openssl x509 -in server-expired.pem -noout -checkend 0 >/dev/null && die "the expired certificate is not expired"
	cd "$ROOT"
}

# ---------------------------------------------------------------- peers
# Every peer gets all of its options from the case (no hidden defaults),
# so that the table in captures/failures/README.md is the whole truth.

# A line after 0.5 s, end of input 0.7 s later (the clients then close).
client_input() { sleep 0.5; printf 'hello from %s\n' "$CASE"; sleep 0.7; }

# ossl_s PORT NACCEPT [s_server options...]
ossl_s() {
	local port=$1 n=$2; shift 2
	port_free "$port"
	timeout 30 openssl s_server -accept "127.0.0.1:$port" -naccept "$n" -rev "$@" \
		> "$T/$CASE.server.log" 2>&1 < /dev/null &
	SERVER_PID=$!
	wait_listen "$port"
}

# ossl_c PORT [s_client options...]; returns s_client's exit status.
ossl_c() {
	local port=$1; shift
	client_input | timeout 10 openssl s_client -connect "127.0.0.1:$port" \
		-keylogfile "$OUT/$CASE.keys" "$@" >> "$T/$CASE.client.log" 2>&1
}

# gt_s PORT [gnutls-serv options...]
gt_s() {
	local port=$1; shift
	port_free "$port"
	timeout 30 gnutls-serv --port "$port" --echo "$@" \
		> "$T/$CASE.server.log" 2>&1 < /dev/null &
	SERVER_PID=$!
	wait_listen "$port"
}

# gt_c PORT [gnutls-cli options...]
gt_c() {
	local port=$1; shift
	client_input | SSLKEYLOGFILE="$OUT/$CASE.keys" timeout 10 gnutls-cli --port "$port" "$@" 127.0.0.1 \
		>> "$T/$CASE.client.log" 2>&1
}

# py_s PORT MODE: a one-connection server that is not a TLS server.
#   close  reads the ClientHello, closes (FIN) without a word
#   rst    reads the ClientHello, resets the connection (SO_LINGER 0)
#   http   reads the ClientHello, answers like a plain-HTTP server
#   smtp   greets with an SMTP banner on accept, answers the ClientHello
#          with an SMTP syntax error
py_s() {
	local port=$1 mode=$2
	port_free "$port"
	timeout 30 python3 - "$port" "$mode" > "$T/$CASE.server.log" 2>&1 <<'PY' &
import socket, struct, sys, time
port, mode = int(sys.argv[1]), sys.argv[2]
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", port))
s.listen(1)
c, _ = s.accept()
if mode == "smtp":
    c.sendall(b"220 mail.example ESMTP Postfix (Debian/GNU)\r\n")
data = c.recv(4096)
print("%s: received %d bytes, first %s" % (mode, len(data), data[:6].hex()), flush=True)
if mode == "http":
    body = (b"<html>\r\n<head><title>400 The plain HTTP request was sent to HTTPS port</title></head>\r\n"
            b"<body>\r\n<center><h1>400 Bad Request</h1></center>\r\n</body>\r\n</html>\r\n")
    c.sendall(b"HTTP/1.1 400 Bad Request\r\nServer: nginx\r\nContent-Type: text/html\r\n"
              b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(body) + body)
elif mode == "smtp":
    c.sendall(b"500 5.5.2 Error: bad syntax\r\n")
if mode == "rst":
    c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
else:
    time.sleep(0.2)
c.close()
print("%s: closed" % mode, flush=True)
PY
	SERVER_PID=$!
	wait_listen "$port"
}

# expect_run CMD...: run the client, whatever its exit status (a TLS 1.3
# client may finish its side before the server rejects it).
expect_run() { "$@" || true; }

# ---------------------------------------------------------------- checks

# The oracle: the peer's own words, as expected.tsv's oracle column gives
# them ("client: text" or "server: text"), must be in what it printed.
check_oracle() {
	local line peer text log
	line=
	[ -f "$EXPECTED" ] && line=$(awk -F'\t' -v c="$CASE" '$1 == c { print $NF; exit }' "$EXPECTED")
	if [ -z "$line" ]; then
		log "$CASE: not in expected.tsv yet; the peers said:"
		grep -v -e '^ ' -e '^-----' "$T/$CASE.client.log" | tail -n 8 >&2 || true
		tail -n 5 "$T/$CASE.server.log" >&2 || true
		return 0
	fi
	peer=${line%%: *}
	text=${line#*: }
	log=$T/$CASE.$peer.log
	grep -q -i -F -- "$text" "$log" || {
		cat "$log" >&2
		die "$CASE: the $peer did not say \"$text\""
	}
}

# What both peers printed, without the certificates s_client shows.
keep_logs() {
	{
		echo "# client"
		sed '/-----BEGIN/,/-----END/d' "$T/$CASE.client.log"
		echo "# server"
		sed '/-----BEGIN/,/-----END/d' "$T/$CASE.server.log"
	} > "$OUT/$CASE.log"
}

done_case() {
	finish_case
	keep_logs
	check_oracle
	if [ -n "${LEARN:-}" ]; then
		log "$CASE: tshark sees:"; flows "$CASE" >&2 || true
		return 0
	fi
	expect_flows "$@"
}

CA=(-CAfile "$PKI/ca.pem")
OTHER_CA=(-CAfile "$PKI/other-ca.pem")
SRV=(-cert "$PKI/server.pem" -key "$PKI/server.key")
CLI=(-servername server.example -verify_hostname server.example -verify_return_error)
CCERT=(-cert "$PKI/client.pem" -key "$PKI/client.key")
GSRV=(--x509certfile "$PKI/server.pem" --x509keyfile "$PKI/server.key")
GCLI=(--sni-hostname server.example --verify-hostname server.example)
GCA=(--x509cafile "$PKI/ca.pem")
# s_server switches certificates on the name asked for: server.pem for
# other.example only, else a mismatch (warning or fatal unrecognized_name).
SNI_SRV=(-servername other.example -cert2 "$PKI/server.pem" -key2 "$PKI/server.key")
T12=(-tls1_2)
T13=(-tls1_3)
G12="NORMAL:-VERS-ALL:+VERS-TLS1.2"
G13="NORMAL:-VERS-ALL:+VERS-TLS1.3"
ECDHE=(-cipher ECDHE-RSA-AES128-GCM-SHA256)
CLOSE="C:Alert(close_notify) S:Alert(close_notify)"

# ---------------------------------------------------------------- cases
# No common version.
case_ossl-version-c12-s13() {
	start_capture ossl-version-c12-s13 4500
	ossl_s 4500 1 "${SRV[@]}" -tls1_3
	expect_fail ossl_c 4500 "${CA[@]}" "${CLI[@]}" -tls1_2
	done_case "C:CH S:Alert(protocol_version)"
}
case_ossl-version-c13-s12() {
	start_capture ossl-version-c13-s12 4501
	ossl_s 4501 1 "${SRV[@]}" -tls1_2
	expect_fail ossl_c 4501 "${CA[@]}" "${CLI[@]}" -tls1_3
	done_case "C:CH S:Alert(protocol_version)"
}
case_gnutls-version-c10-s12() {
	start_capture gnutls-version-c10-s12 4502
	gt_s 4502 "${GSRV[@]}" -a --priority "NORMAL:-VERS-ALL:+VERS-TLS1.2:+VERS-TLS1.3"
	expect_fail gt_c 4502 "${GCA[@]}" "${GCLI[@]}" --priority "NORMAL:-VERS-ALL:+VERS-TLS1.0"
	done_case "C:CH S:Alert(protocol_version)"
}
# No common cipher suite.
case_gnutls-12-no-suite() {
	start_capture gnutls-12-no-suite 4503
	gt_s 4503 "${GSRV[@]}" -a --priority "$G12:-CIPHER-ALL:+CHACHA20-POLY1305"
	expect_fail gt_c 4503 "${GCA[@]}" "${GCLI[@]}" --priority "$G12:-CIPHER-ALL:+AES-128-GCM"
	done_case "C:CH S:Alert(handshake_failure)"
}
case_ossl-13-no-suite() {
	start_capture ossl-13-no-suite 4504
	ossl_s 4504 1 "${SRV[@]}" -tls1_3 -ciphersuites TLS_AES_256_GCM_SHA384
	expect_fail ossl_c 4504 "${CA[@]}" "${CLI[@]}" -tls1_3 -ciphersuites TLS_CHACHA20_POLY1305_SHA256
	done_case "C:CH S:Alert(handshake_failure)"
}
# No common group.
case_ossl-12-no-group() {
	start_capture ossl-12-no-group 4505
	ossl_s 4505 1 "${SRV[@]}" -tls1_2 "${ECDHE[@]}" -groups P-384
	expect_fail ossl_c 4505 "${CA[@]}" "${CLI[@]}" -tls1_2 "${ECDHE[@]}" -groups X25519
	done_case "C:CH S:Alert(handshake_failure)"
}
case_ossl-13-no-group() {
	start_capture ossl-13-no-group 4506
	ossl_s 4506 1 "${SRV[@]}" -tls1_3 -groups P-384
	expect_fail ossl_c 4506 "${CA[@]}" "${CLI[@]}" -tls1_3 -groups X25519
	done_case "C:CH S:Alert(handshake_failure)"
}
# A HelloRetryRequest (the client's key share is X25519, the server wants
# P-256), then a failure: the client does not trust the server's CA.
case_ossl-13-hrr-untrusted() {
	start_capture ossl-13-hrr-untrusted 4507
	ossl_s 4507 1 "${SRV[@]}" -tls1_3 -groups P-256
	expect_fail ossl_c 4507 "${OTHER_CA[@]}" "${CLI[@]}" -tls1_3 -groups X25519:P-256
	done_case "C:CH S:HRR S:CCS C:CCS C:CH S:SH S:EE S:Cert S:CV S:Fin C:Alert(unknown_ca)"
}
# No common signature algorithm: the client accepts ECDSA signatures only,
# the server has an RSA certificate.
case_ossl-12-no-sigalg() {
	start_capture ossl-12-no-sigalg 4508
	ossl_s 4508 1 "${SRV[@]}" -tls1_2
	expect_fail ossl_c 4508 "${CA[@]}" "${CLI[@]}" -tls1_2 -sigalgs ECDSA+SHA256:ECDSA+SHA384
	done_case "C:CH S:Alert(handshake_failure)"
}
case_ossl-13-no-sigalg() {
	start_capture ossl-13-no-sigalg 4509
	ossl_s 4509 1 "${SRV[@]}" -tls1_3
	expect_fail ossl_c 4509 "${CA[@]}" "${CLI[@]}" -tls1_3 -sigalgs ECDSA+SHA256:ECDSA+SHA384
	done_case "C:CH S:Alert(handshake_failure)"
}
# ALPN: the server speaks h2 only and says so with a fatal alert.
case_gnutls-12-alpn() {
	start_capture gnutls-12-alpn 4510
	gt_s 4510 "${GSRV[@]}" -a --priority "$G12" --alpn h2 --alpn-fatal
	expect_fail gt_c 4510 "${GCA[@]}" "${GCLI[@]}" --priority "$G12" --alpn http/1.1
	done_case "C:CH S:Alert(no_application_protocol)"
}
case_gnutls-13-alpn-osslc() {
	start_capture gnutls-13-alpn-osslc 4511
	gt_s 4511 "${GSRV[@]}" -a --priority "$G13" --alpn h2 --alpn-fatal
	expect_fail ossl_c 4511 "${CA[@]}" "${CLI[@]}" -tls1_3 -alpn http/1.1
	done_case "C:CH S:Alert(no_application_protocol)"
}
# SNI: the server knows other.example only and says so with a fatal alert.
case_ossl-12-sni-fatal() {
	start_capture ossl-12-sni-fatal 4512
	ossl_s 4512 1 "${SRV[@]}" -tls1_2 "${SNI_SRV[@]}" -servername_fatal
	expect_fail ossl_c 4512 "${CA[@]}" "${CLI[@]}" -tls1_2
	done_case "C:CH S:Alert(unrecognized_name)"
}
case_gnutls-13-sni-fatal() {
	start_capture gnutls-13-sni-fatal 4513
	gt_s 4513 "${GSRV[@]}" -a --priority "$G13" --sni-hostname other.example --sni-hostname-fatal
	expect_fail gt_c 4513 "${GCA[@]}" "${GCLI[@]}" --priority "$G13"
	done_case "C:CH S:Alert(unrecognized_name)"
}
# Parameters the client refuses: 1024-bit DH (the client wants 2048 bits,
# security level 2), a 1024-bit RSA server key.
case_ossl-12-dh-small() {
	start_capture ossl-12-dh-small 4514
	ossl_s 4514 1 "${SRV[@]}" -tls1_2 -cipher DHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0 -dhparam "$PKI/dh1024.pem"
	expect_fail ossl_c 4514 "${CA[@]}" "${CLI[@]}" -tls1_2 -cipher DHE-RSA-AES128-GCM-SHA256:@SECLEVEL=2
	done_case "C:CH S:SH S:Cert S:SKE S:SHD C:Alert(*)"
}
case_ossl-12-rsa-small() {
	start_capture ossl-12-rsa-small 4515
	ossl_s 4515 1 -cert "$PKI/server-1024.pem" -key "$PKI/server-1024.key" -tls1_2 -cipher 'ECDHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0'
	expect_fail ossl_c 4515 "${CA[@]}" "${CLI[@]}" -tls1_2 -cipher 'ECDHE-RSA-AES128-GCM-SHA256:@SECLEVEL=2'
	done_case "C:CH S:SH S:Cert S:SKE S:SHD C:Alert(*)"
}
case_ossl-13-rsa-small() {
	start_capture ossl-13-rsa-small 4516
	ossl_s 4516 1 -cert "$PKI/server-1024.pem" -key "$PKI/server-1024.key" -tls1_3 -cipher 'DEFAULT:@SECLEVEL=0'
	expect_fail ossl_c 4516 "${CA[@]}" "${CLI[@]}" -tls1_3 -cipher 'DEFAULT:@SECLEVEL=2'
	done_case "C:CH S:SH S:CCS S:EE S:Cert S:CV S:Fin C:Alert(*)"
}
# Certificates the client refuses.
case_gnutls-13-untrusted() {
	start_capture gnutls-13-untrusted 4517
	gt_s 4517 "${GSRV[@]}" -a --priority "$G13"
	expect_fail gt_c 4517 --x509cafile "$PKI/other-ca.pem" "${GCLI[@]}" --priority "$G13"
	done_case "C:CH S:SH S:CCS *S:Fin*C:Alert(*)*"
}
case_gnutls-12-untrusted-ossls() {
	start_capture gnutls-12-untrusted-ossls 4518
	ossl_s 4518 1 "${SRV[@]}" -tls1_2
	expect_fail gt_c 4518 --x509cafile "$PKI/other-ca.pem" "${GCLI[@]}" --priority "$G12"
	done_case "C:CH S:SH S:Cert S:SKE S:SHD C:Alert(*)"
}
case_ossl-12-expired() {
	start_capture ossl-12-expired 4519
	ossl_s 4519 1 -cert "$PKI/server-expired.pem" -key "$PKI/server.key" -tls1_2
	expect_fail ossl_c 4519 "${CA[@]}" "${CLI[@]}" -tls1_2
	done_case "C:CH S:SH S:Cert S:SKE S:SHD C:Alert(certificate_expired)"
}
case_gnutls-13-expired() {
	start_capture gnutls-13-expired 4520
	gt_s 4520 --x509certfile "$PKI/server-expired.pem" --x509keyfile "$PKI/server.key" -a --priority "$G13"
	expect_fail gt_c 4520 "${GCA[@]}" "${GCLI[@]}" --priority "$G13"
	done_case "C:CH S:SH S:CCS *S:Fin*C:Alert(*)*"
}
case_gnutls-12-wrong-name() {
	start_capture gnutls-12-wrong-name 4521
	gt_s 4521 "${GSRV[@]}" -a --priority "$G12"
	expect_fail gt_c 4521 "${GCA[@]}" --sni-hostname other.example --verify-hostname other.example --priority "$G12"
	done_case "C:CH S:SH S:Cert S:SKE S:SHD C:Alert(*)"
}
case_ossl-13-wrong-name() {
	start_capture ossl-13-wrong-name 4522
	ossl_s 4522 1 "${SRV[@]}" -tls1_3
	expect_fail ossl_c 4522 "${CA[@]}" -servername other.example -verify_hostname other.example -verify_return_error -tls1_3
	done_case "C:CH S:SH S:CCS S:EE S:Cert S:CV S:Fin C:Alert(*)"
}
# Client certificates.
case_gnutls-12-no-client-cert() {
	start_capture gnutls-12-no-client-cert 4523
	gt_s 4523 "${GSRV[@]}" -r --x509cafile "$PKI/ca.pem" --priority "$G12"
	expect_fail gt_c 4523 "${GCA[@]}" "${GCLI[@]}" --priority "$G12"
	done_case "C:CH S:SH S:Cert S:SKE S:CR S:SHD C:Cert C:CKE C:CCS C:Fin S:Alert(*)"
}
case_ossl-13-no-client-cert() {
	start_capture ossl-13-no-client-cert 4524
	ossl_s 4524 1 "${SRV[@]}" -tls1_3 -Verify 1 "${CA[@]}"
	expect_run ossl_c 4524 "${CA[@]}" "${CLI[@]}" -tls1_3
	done_case "C:CH S:SH S:CCS S:EE S:CR S:Cert S:CV S:Fin C:CCS C:Cert C:Fin S:Alert(certificate_required)"
}
case_ossl-13-client-cert-rejected() {
	start_capture ossl-13-client-cert-rejected 4525
	ossl_s 4525 1 "${SRV[@]}" -tls1_3 -Verify 1 "${OTHER_CA[@]}" -verify_return_error
	expect_run ossl_c 4525 "${CA[@]}" "${CLI[@]}" "${CCERT[@]}" -tls1_3
	done_case "C:CH S:SH S:CCS S:EE S:CR S:Cert S:CV S:Fin C:CCS C:Cert C:CV C:Fin S:Alert(unknown_ca)"
}
case_gnutls-13-no-client-cert() {
	start_capture gnutls-13-no-client-cert 4526
	gt_s 4526 "${GSRV[@]}" -r --x509cafile "$PKI/ca.pem" --priority "$G13"
	expect_run gt_c 4526 "${GCA[@]}" "${GCLI[@]}" --priority "$G13"
	done_case "C:CH S:SH S:CCS *C:Cert C:Fin*S:Alert(*)*"
}
# Transport and protocol: a server that hangs up, one that is not TLS.
case_py-close-after-hello-12() {
	start_capture py-close-after-hello-12 4527
	py_s 4527 close
	expect_fail ossl_c 4527 "${CA[@]}" "${CLI[@]}" -tls1_2
	done_case "C:CH C:Alert(decode_error)"
}
case_py-reset-after-hello-13() {
	start_capture py-reset-after-hello-13 4528
	py_s 4528 rst
	expect_fail gt_c 4528 "${GCA[@]}" "${GCLI[@]}" --priority "$G13"
	done_case "C:CH"
}
case_py-http-answer() {
	start_capture py-http-answer 4529
	py_s 4529 http
	expect_fail ossl_c 4529 "${CA[@]}" "${CLI[@]}"
	done_case "C:CH"
}
case_py-smtp-banner() {
	start_capture py-smtp-banner 4530
	py_s 4530 smtp
	expect_fail gt_c 4530 "${GCA[@]}" "${GCLI[@]}"
	done_case "C:CH C:Alert(unexpected_message)"
}
# Several alerts: a warning unrecognized_name first (the server does not
# know the name, goes on), then the client's fatal unknown_ca.
case_ossl-12-sni-warning-untrusted() {
	start_capture ossl-12-sni-warning-untrusted 4531
	ossl_s 4531 1 "${SRV[@]}" -tls1_2 "${SNI_SRV[@]}"
	expect_fail ossl_c 4531 "${OTHER_CA[@]}" "${CLI[@]}" -tls1_2
	done_case "C:CH *S:Alert(unrecognized_name)*C:Alert(unknown_ca)"
}
# Successes that look like failures.
case_ossl-12-sni-warning() {
	start_capture ossl-12-sni-warning 4532
	ossl_s 4532 1 "${SRV[@]}" -tls1_2 "${SNI_SRV[@]}"
	expect_ok ossl_c 4532 "${CA[@]}" "${CLI[@]}" -tls1_2
	done_case "C:CH *S:Alert(unrecognized_name)*$CLOSE"
}
case_gnutls-12-renegotiation() {
	start_capture gnutls-12-renegotiation 4533
	gt_s 4533 "${GSRV[@]}" -a --priority "$G12"
	expect_ok gt_c 4533 "${GCA[@]}" "${GCLI[@]}" --priority "$G12" --rehandshake
	done_case "${T12_SKE% $CLOSE}" "$T12_SKE"
}
case_gnutls-13-hrr-ossls() {
	start_capture gnutls-13-hrr-ossls 4534
	ossl_s 4534 1 "${SRV[@]}" -tls1_3 -groups P-384
	expect_ok gt_c 4534 "${GCA[@]}" "${GCLI[@]}" --priority "$G13"
	done_case "C:CH S:HRR *S:SH*$CLOSE"
}
case_ossl-13-psk-resumption() {
	start_capture ossl-13-psk-resumption 4535
	ossl_s 4535 2 "${SRV[@]}" -tls1_3 -num_tickets 1
	expect_ok ossl_c 4535 "${CA[@]}" "${CLI[@]}" -tls1_3 -sess_out "$T/sess13"
	expect_ok ossl_c 4535 "${CA[@]}" "${CLI[@]}" -tls1_3 -sess_in "$T/sess13"
	grep -q '^Reused' "$T/$CASE.client.log" || die "$CASE: second connection not resumed"
	done_case "C:CH S:SH S:CCS S:EE S:Cert S:CV S:Fin C:CCS C:Fin S:NST $CLOSE" "C:CH S:SH S:CCS S:EE S:Fin C:CCS C:Fin S:NST $CLOSE"
}
case_ossl-12-optional-cert() {
	start_capture ossl-12-optional-cert 4536
	ossl_s 4536 1 "${SRV[@]}" -tls1_2 "${ECDHE[@]}" -verify 1 "${CA[@]}"
	expect_ok ossl_c 4536 "${CA[@]}" "${CLI[@]}" -tls1_2 "${ECDHE[@]}"
	done_case "C:CH S:SH S:Cert S:SKE S:CR S:SHD C:Cert C:CKE C:CCS C:Fin S:NST S:CCS S:Fin $CLOSE"
}
case_ossl-13-optional-cert() {
	start_capture ossl-13-optional-cert 4537
	ossl_s 4537 1 "${SRV[@]}" -tls1_3 -verify 1 "${CA[@]}"
	expect_ok ossl_c 4537 "${CA[@]}" "${CLI[@]}" -tls1_3
	done_case "C:CH S:SH S:CCS S:EE S:CR S:Cert S:CV S:Fin C:CCS C:Cert C:Fin S:NST S:NST $CLOSE"
}

# Every case_ function defined here (make_captures.sh's are in ALL_CASES).
ALL_FAILURES=$(declare -F | awk -v skip=" $(echo $ALL_CASES) " '$3 ~ /^case_/ {
	sub(/^case_/, "", $3); if (index(skip, " " $3 " ") == 0) print $3 }')

# ---------------------------------------------------------------- main
make_pki
extra_pki
cases=${*:-$ALL_FAILURES}
for c in $cases; do
	declare -F "case_$c" >/dev/null || die "unknown case: $c"
	: > "$T/$c.client.log"
	"case_$c"
done
chmod 0644 "$OUT"/*.pcap "$OUT"/*.keys "$OUT"/*.log
log "done: captures in $OUT"
