#!/bin/sh
# Compare `tlstrace read --json` with Wireshark's tshark on every sample
# capture in captures/ that has a key log (NAME.pcap + NAME.keys), using
# tests/compare_tshark.py.  The server's demo RSA key (captures/server-rsa.key)
# is given to tlstrace too, as a user who has it would.
#
#   tests/captures.sh ./tlstrace [CAPTURE.pcap ...]
#
# Prints the mismatches of each capture, one line per capture, and a final
# "N passed, M failed" (captures).  Exit status 0 only if all passed.

set -u

if [ $# -lt 1 ]; then
	echo "usage: $0 TLSTRACE [CAPTURE.pcap ...]" >&2
	exit 2
fi
tlstrace=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
dir=$(cd "${CAPTURES_DIR:-$here/../captures}" && pwd) || exit 2

for tool in python3 tshark; do
	command -v "$tool" >/dev/null 2>&1 || {
		echo "$0: $tool is missing (apt-get install $tool)" >&2
		exit 2
	}
done
[ -x "$tlstrace" ] || { echo "$0: not an executable: $tlstrace" >&2; exit 2; }

if [ $# -eq 0 ]; then
	set -- "$dir"/*.pcap
fi

rsa=
[ -f "$dir/server-rsa.key" ] && rsa="--rsa-key $dir/server-rsa.key"

passed=0
failed=0
for cap in "$@"; do
	[ -f "$cap" ] || continue
	keys=${cap%.pcap}.keys
	[ -f "$keys" ] || continue
	name=$(basename "$cap" .pcap)
	# shellcheck disable=SC2086
	if out=$(python3 "$here/compare_tshark.py" -q $rsa "$tlstrace" "$cap" "$keys" 2>&1); then
		passed=$((passed + 1))
		echo "ok   $name ($(printf '%s\n' "$out" | tail -n 1))"
	else
		failed=$((failed + 1))
		printf '%s\n' "$out" | sed '$d'
		echo "FAIL $name ($(printf '%s\n' "$out" | tail -n 1))"
	fi
done

# RSA key exchange read with the server's key alone: the premaster is
# decrypted, the master derived (classic or extended) and it must be the
# very master the peer logged; both Finished verify.  TLS 1.0, 1.1 and
# 1.2, EMS and not, SHA-256 and SHA-384 suites.
for name in openssl-tls12-rsa openssl-tls12-rsa-ems openssl-tls12-rsa-sha384 gnutls-tls10-rsa gnutls-tls10-rsa-ems \
	    gnutls-tls11-rsa; do
	cap=$dir/$name.pcap
	[ -f "$cap" ] || { failed=$((failed + 1)); echo "FAIL $name: capture missing"; continue; }
	if "$tlstrace" read "$cap" --rsa-key "$dir/server-rsa.key" --json >"${TMPDIR:-/tmp}/tlstrace-rsa.$$" 2>&1 &&
	   python3 - "${TMPDIR:-/tmp}/tlstrace-rsa.$$" "$dir/$name.keys" <<'PY'
import json, sys
logged = {}
for line in open(sys.argv[2]):
    p = line.split()
    if len(p) == 3 and p[0] == "CLIENT_RANDOM":
        logged[p[1]] = p[2]
lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
assert lines, "no handshake"
for t in lines:
    s = t["secrets"]
    if t["resumed"]:
        continue
    assert s["premaster_from"] == "rsa-key", "premaster_from %r" % s["premaster_from"]
    assert s["master_from"] == "derived", "master_from %r" % s["master_from"]
    assert s["master"] == logged[t["client_random"]], "derived master differs from the key log's"
    assert t["finished"] == {"client": "verified", "server": "verified"}, t["finished"]
print("%s %s ems=%s" % (lines[0]["version"], lines[0]["cipher_suite"]["name"], lines[0]["extended_master_secret"]))
PY
	then
		passed=$((passed + 1))
		echo "ok   $name with --rsa-key alone"
	else
		failed=$((failed + 1))
		echo "FAIL $name with --rsa-key alone"
	fi
	rm -f "${TMPDIR:-/tmp}/tlstrace-rsa.$$"
done

# A resumed session (RFC 5246 7.3) takes its master secret from the
# connection that made it: with --rsa-key alone, the abbreviated handshake
# (no key exchange of its own) still verifies both Finished.
if "$tlstrace" read "$dir/openssl-tls12-resumed.pcap" --rsa-key "$dir/server-rsa.key" --json 2>/dev/null | python3 -c '
import json, sys
t = [json.loads(l) for l in sys.stdin if l.strip()]
r = [x for x in t if x["resumed"]]
assert len(t) == 2 and len(r) == 1, "expected a full and a resumed handshake"
assert r[0]["resumed_from_connection"] == 0, r[0]["resumed_from_connection"]
assert r[0]["finished"] == {"client": "verified", "server": "verified"}, r[0]["finished"]
assert r[0]["secrets"]["master"] == [x for x in t if not x["resumed"]][0]["secrets"]["master"]
assert all(s["status"] == "skipped" for s in r[0]["steps"][2:6]), "steps 3-6 of a resumed handshake are skipped"
'; then
	passed=$((passed + 1))
	echo "ok   openssl-tls12-resumed: the resumed session uses connection 0's master"
else
	failed=$((failed + 1))
	echo "FAIL openssl-tls12-resumed: resumption from an earlier connection"
fi

# --summary: one line per handshake saying what the JSON says.
for pcap in "$dir"/*.pcap; do
	name=$(basename "$pcap" .pcap)
	keys="$dir/$name.keys"
	"$tlstrace" read "$pcap" --keylog "$keys" --summary >"${TMPDIR:-/tmp}/tlstrace-sum.$$" 2>/dev/null
	"$tlstrace" read "$pcap" --keylog "$keys" --json >"${TMPDIR:-/tmp}/tlstrace-json.$$" 2>/dev/null
	if out=$(python3 "$(dirname "$0")/check_summary.py" "${TMPDIR:-/tmp}/tlstrace-sum.$$" "${TMPDIR:-/tmp}/tlstrace-json.$$" 2>&1); then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL $name --summary: $out"
	fi
done
rm -f "${TMPDIR:-/tmp}/tlstrace-sum.$$" "${TMPDIR:-/tmp}/tlstrace-json.$$"
echo "ok   --summary agrees with --json on every capture"

echo "captures: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
