#!/bin/sh
# valgrind.sh - every sample capture read under valgrind (memcheck, leaks
# included): no invalid access, no use of uninitialised memory, no leak.
# usage: tests/valgrind.sh ./tlstrace
set -u
T=$1
C=$(dirname "$0")/../captures
pass=0
fail=0
for cap in "$C"/*.pcap; do
	keys=${cap%.pcap}.keys
	name=$(basename "$cap" .pcap)
	if valgrind -q --error-exitcode=3 --leak-check=full --errors-for-leak-kinds=definite,indirect \
		"$T" read "$cap" --keylog "$keys" --rsa-key "$C/server-rsa.key" --json >/dev/null 2>"${TMPDIR:-/tmp}/vg.$$"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $name"
		head -30 "${TMPDIR:-/tmp}/vg.$$"
	fi
done
# and a live run, text view (field trees, certificates) and JSON with every field
for args in "live --text" "live --tls 1.3 --client-auth --json --fields" "live --resume session-id --json" \
	    "live --tls 1.3 --resume ticket --text" "live --tls 1.3 --hrr --json"; do
	# shellcheck disable=SC2086
	if valgrind -q --error-exitcode=3 --leak-check=full --errors-for-leak-kinds=definite,indirect \
		"$T" $args >/dev/null 2>"${TMPDIR:-/tmp}/vg.$$"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $args"
		head -30 "${TMPDIR:-/tmp}/vg.$$"
	fi
done
rm -f "${TMPDIR:-/tmp}/vg.$$"
echo "valgrind: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
