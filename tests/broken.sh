#!/bin/sh
# broken.sh - bad input to `tlstrace read`: every case must end with a
# clear message (or a note on the message it spoils), the right exit
# status, and never a crash.  Run against the ASan+UBSan build, so a memory
# error anywhere fails the case (sanitizer reports exit with status 99).
# usage: tests/broken.sh ./build/asan/tlstrace
set -u
T=$1
C=$(dirname "$0")/../captures
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export ASAN_OPTIONS=exitcode=99:detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:exitcode=99
pass=0
fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# run WANT_STATUS PATTERN_IN_STDERR ARGS...: exit status, one clear stderr line
run() {
	want=$1; pattern=$2; shift 2
	"$T" "$@" >"$dir/out" 2>"$dir/err"
	got=$?
	[ "$got" -eq 99 ] && { bad "$*: sanitizer report"; head -20 "$dir/err"; return; }
	[ "$got" -eq "$want" ] && ok || bad "$*: exit $got, expected $want ($(head -2 "$dir/err"))"
	if [ -n "$pattern" ]; then
		grep -q "^tlstrace: .*$pattern" "$dir/err" && ok || bad "$*: stderr lacks '$pattern': $(cat "$dir/err")"
	fi
}

src=$C/openssl-tls12-rsa.pcap
keys=$C/openssl-tls12-rsa.keys

# Not a capture at all, an empty file, a missing file.
head -c 3000 /dev/urandom >"$dir/random.bin"
run 1 "not a pcap" read "$dir/random.bin"
: >"$dir/empty.pcap"
run 1 "" read "$dir/empty.pcap"
run 1 "" read "$dir/missing.pcap"

# A file cut in the middle of a packet: what came before is decoded.
size=$(stat -c %s "$src")
head -c $((size - 100)) "$src" >"$dir/cut.pcap"
run 0 "ends in the middle of a packet" read "$dir/cut.pcap" --keylog "$keys" --json
python3 -c "import json,sys; t=json.loads(open(sys.argv[1]).readline()); sys.exit(0 if t['client_random'] and t['messages'][0]['type']=='ClientHello' else 1)" "$dir/out" \
	&& ok || bad "cut file: the handshake before the cut was not reported"

# The same cut file through a pipe: read ahead on a thread (not mapped),
# the cut still reported and what came before still decoded.
mkfifo "$dir/cut.fifo"
cat "$dir/cut.pcap" >"$dir/cut.fifo" &
run 0 "ends in the middle of a packet" read "$dir/cut.fifo" --keylog "$keys" --json
wait
grep -q '"type":"ClientHello"' "$dir/out" && ok || bad "cut file through a pipe: nothing decoded"

# A capture whose TLS stream ends inside a record (packets after 6 dropped).
editcap -r "$src" "$dir/midrecord.pcap" 1-6 >/dev/null 2>&1
run 0 "" read "$dir/midrecord.pcap" --keylog "$keys" --json
grep -q '"outcome":"incomplete"' "$dir/out" && ok || bad "capture cut mid-handshake is not incomplete"

# Lying lengths: a record length over the RFC ceiling, a handshake length
# larger than its record.  Found by content: the ClientHello record header.
python3 - "$src" "$dir" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
i = data.find(bytes([0x16, 0x03, 0x01]))
assert i > 0 and data[i + 5] == 1
rec = bytearray(data); rec[i + 3:i + 5] = b"\x48\x00"          # 18432: the ceiling, far past the data
open(sys.argv[2] + "/reclen.pcap", "wb").write(rec)
hs = bytearray(data); hs[i + 6:i + 9] = b"\x00\xff\xff"         # ClientHello length 65535
open(sys.argv[2] + "/hslen.pcap", "wb").write(hs)
PY
run 0 "" read "$dir/reclen.pcap" --json
grep -q 'incomplete record' "$dir/out" && ok || bad "record length lie not annotated"
run 0 "" read "$dir/hslen.pcap" --json
grep -q 'incomplete message' "$dir/out" && ok || bad "handshake length lie not annotated"

# A key log with garbage lines: a warning naming the first bad line, the
# good lines still used.
{ echo "garbage line"; cat "$keys"; echo "CLIENT_RANDOM zz 00"; } >"$dir/garbage.keys"
run 0 "not key log lines (first at line 1" read "$src" --keylog "$dir/garbage.keys" --json
grep -q '"finished":{"client":"verified","server":"verified"}' "$dir/out" && ok || bad "garbage key log: good lines not used"

# A key log whose secret does not fit: the connection says so.
awk '{ if ($1 == "CLIENT_RANDOM") $3 = "00" substr($3, 3); print }' "$keys" >"$dir/wrong.keys"
run 0 "" read "$src" --keylog "$dir/wrong.keys" --json
grep -q 'does not fit this connection' "$dir/out" && ok || bad "a wrong key log secret is not reported on the connection"
grep -q '"client":"verified"' "$dir/out" && bad "a wrong key log secret verified a Finished" || ok

# The wrong RSA key: a clear message naming the connection.
openssl genrsa -out "$dir/other.key" 2048 2>/dev/null
run 0 "connection 0: the --rsa-key does not belong" read "$src" --rsa-key "$dir/other.key" --json
grep -q '"premaster":null' "$dir/out" && ok || bad "wrong RSA key gave a premaster"
run 1 "cannot use" read "$src" --rsa-key "$dir/random.bin"
run 1 "cannot read the key log" read "$src" --keylog "$dir/missing.keys"

# Options: unknown, misplaced, bad values.
run 2 "unknown option" read "$src" --bogus
run 2 "--tls is an option of live, connect and serve, not of read" read "$src" --tls 1.2
run 2 "--connection takes" read "$src" --connection -3
run 2 "read needs a capture" read
run 1 "does not compile" read "$src" --filter "port port"
run 1 "connection 7 is not" read "$src" --connection 7

echo "broken: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
