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

echo "captures: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
