#!/bin/sh
# Handshakes that are not the usual kind (captures/odd/, made byte by byte
# by tests/make_odd_captures.py): TLS 1.3 drafts 18 and 23, a client-only
# HelloRetryRequest, a connection picked up mid-stream beside a flow that
# only looks like TLS, unknown record and handshake types and a heartbeat.
#
#   tests/odd.sh ./tlstrace
#
# The captures are made again and must be the ones committed (when scapy
# is there); then tests/check_odd.py compares tlstrace's JSON with what
# tshark, the independent oracle, dissects in each; and every capture is
# read by the text and summary views too, which must not fail.
set -u

here=$(cd "$(dirname "$0")" && pwd)
. "$here/capture_lib.sh"
capture_test_start "${1:-}" tshark
odd=$here/../captures/odd

if /usr/bin/python3 -c 'import scapy' 2>/dev/null; then
	/usr/bin/python3 "$here/make_odd_captures.py" "$dir" >/dev/null || { echo "FAIL: make_odd_captures.py"; fail=1; }
	for f in "$odd"/*.pcap; do
		cmp -s "$f" "$dir/$(basename "$f")" || { echo "FAIL: $(basename "$f") is not what make_odd_captures.py makes"; fail=1; }
	done
else
	echo "FAIL: python3-scapy is missing (make check installs it): the captures cannot be made again"
	fail=1
fi
for f in "$odd"/*.pcap; do
	for view in "" --summary; do
		"$tlstrace" read "$f" $view >/dev/null 2>"$dir/err" || { echo "FAIL: read $(basename "$f") $view: $(cat "$dir/err")"; fail=1; }
	done
done
python3 "$here/check_odd.py" "$tlstrace" "$odd"/*.pcap || fail=1
[ $fail = 0 ] && echo "odd: all passed"
exit $fail
