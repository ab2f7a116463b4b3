#!/bin/sh
# Export cipher suites (RC4_40, RC2_CBC_40, DES40_CBC in SSL 3.0, TLS 1.0,
# 1.1 and 1.2; the 56-bit EXPORT1024 RC4 and DES) decrypted and both
# Finished verified, and SEED and IDEA, which nettle lacks, reported as
# "cannot decrypt: no implementation of SEED" (IDEA) rather than as a
# failed check.  The captures are built byte by byte by
# tests/make_export_captures.py; tests/check_export.py compares
# tlstrace's JSON with tshark's decryption (the oracle) and with the
# values the script computed itself, with the key log and with the
# server's RSA key.
#
#   tests/export.sh ./tlstrace
#
# Checked: the committed captures (captures/export/), which must be what
# the script makes with its default seed, byte for byte; then a set made
# with a fresh seed (new randoms, premasters and server keys each run);
# then every capture through the text and summary views.
set -u

here=$(cd "$(dirname "$0")" && pwd)
. "$here/capture_lib.sh"
capture_test_start "${1:-}" tshark openssl
committed=$here/../captures/export

/usr/bin/python3 "$here/check_export.py" "$tlstrace" "$committed" || fail=1
# The committed set is what the script makes (seed 1), byte for byte.
if /usr/bin/python3 "$here/make_export_captures.py" "$dir/same" >"$dir/make.out" 2>&1; then
	for f in "$committed"/*.pcap "$committed"/*.keys "$committed"/*.key "$committed"/expected.json; do
		cmp -s "$f" "$dir/same/$(basename "$f")" ||
			{ echo "FAIL: captures/export/$(basename "$f") is not what make_export_captures.py makes"; fail=1; }
	done
else
	echo "FAIL: make_export_captures.py: $(cat "$dir/make.out")"
	fail=1
fi
# A fresh set: new randoms, premasters, IVs and server keys on every run.
seed=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')
if /usr/bin/python3 "$here/make_export_captures.py" "$dir/fresh" "$seed" >"$dir/make.out" 2>&1; then
	/usr/bin/python3 "$here/check_export.py" "$tlstrace" "$dir/fresh" || { echo "(seed $seed)"; fail=1; }
else
	echo "FAIL: make_export_captures.py with seed $seed: $(cat "$dir/make.out")"
	fail=1
fi
n=0
for f in "$committed"/*.pcap; do
	for view in --text --summary; do
		n=$((n + 1))
		"$tlstrace" read "$f" --keylog "${f%.pcap}.keys" $view >"$dir/out" 2>"$dir/err" ||
			{ echo "FAIL: read $(basename "$f") $view: $(cat "$dir/err")"; fail=1; }
	done
done
# The text view shows the export step: the key block's short key, the
# formula, then the final key.
"$tlstrace" read "$committed/tls10-exp-rc2-cbc-40-md5.pcap" --keylog "$committed/tls10-exp-rc2-cbc-40-md5.keys" \
	--text >"$dir/t.txt" 2>&1
want=$(/usr/bin/python3 -c 'import json,sys; e=json.load(open(sys.argv[1]))["tls10-exp-rc2-cbc-40-md5"]; print(e["client_material"], e["client_key"])' \
	"$committed/expected.json")
mat=${want% *} key=${want#* }
grep -q "client export key  *$mat" "$dir/t.txt" || { echo "FAIL: the text view does not show the client export key $mat"; fail=1; }
grep -q "client final write key  *$key" "$dir/t.txt" || { echo "FAIL: the text view does not show the final key $key"; fail=1; }
grep -q 'export expansion: final write keys = PRF(client export key, "client write key"' "$dir/t.txt" ||
	{ echo "FAIL: the text view does not give the export formula"; fail=1; }
"$tlstrace" read "$committed/tls10-seed-cbc-sha.pcap" --keylog "$committed/tls10-seed-cbc-sha.keys" --text >"$dir/s.txt" 2>&1
grep -q "verdict  *unverified: cannot decrypt: no implementation of SEED" "$dir/s.txt" ||
	{ echo "FAIL: the text view of the SEED capture does not say why it cannot decrypt"; fail=1; }
[ $fail -eq 0 ] && echo "export.sh: ok ($n views read, text checks passed)" || echo "export.sh: FAILED"
exit $fail
