#!/bin/sh
# fingerprints.sh - JA3 and JA3S of `tlstrace read --json` equal Wireshark's
# tshark's (tls.handshake.ja3*, the oracle) on every capture of captures/
# and captures/failures/, read with its key log when it has one (so that
# tshark sees a renegotiation's hellos too).  The per-capture comparison is
# tests/check_fingerprints.py.  JA4 (which this tshark does not compute)
# is tested in tests/test_fingerprint.c against values worked out by hand.
# Usage: tests/fingerprints.sh ./tlstrace   (from the top of the repository)
set -u
T=${1:-./tlstrace}
here=$(dirname "$0")
pass=0
fail=0
for tool in python3 tshark; do
	command -v $tool >/dev/null 2>&1 || { echo "fingerprints.sh: $tool is missing"; exit 1; }
done
for cap in captures/*.pcap captures/failures/*.pcap; do
	keys=${cap%.pcap}.keys
	[ -f "$keys" ] || keys=
	if out=$(python3 "$here/check_fingerprints.py" "$T" "$cap" $keys 2>&1); then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $out"
	fi
done
echo "fingerprints.sh: JA3/JA3S equal tshark's on $pass captures, $fail differ"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
