#!/bin/sh
# compare.sh - tlstrace compare A B, against oracles that are not the
# comparison: tshark's dissection of the same capture connections, each
# side's own `tlstrace live --json` of the same configuration, the key log
# file itself; identical sides show no difference; bad sides are one line
# on stderr and a non-zero exit.  Usage: tests/compare.sh [./tlstrace]
# Prints "N passed, M failed"; exits non-zero on any failure.
set -u
T=${1:-./tlstrace}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
C=$root/captures/three-connections.pcap
K=$root/captures/three-connections.keys
R=$root/captures/openssl-tls12-resumed.pcap
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0

ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { d=$1; shift; if "$@"; then ok; else bad "$d"; fi }
# py JSON EXPR: the Python expression over the comparison c (rows: row(field)) is true
py() {
	python3 - "$1" "$2" <<'EOF'
import json, sys
c = json.load(open(sys.argv[1]))
def row(f, n=0):
    return [r for s in c["steps"] for r in s["rows"] if r["field"] == f][n]
def col(f, side, n=0):
    return [l[side] for l in row(f, n)["lines"] if l[side] is not None]
def step(s):
    return [x for x in c["steps"] if x["step"] == s][0]
sys.exit(0 if eval(sys.argv[2]) else 1)
EOF
}
# the oracle checker's verdict, its failures shown
oracle() { if python3 "$here/check_compare.py" "$@" > "$tmp/oracle" 2>&1; then ok; else bad "check_compare.py $*"; cat "$tmp/oracle"; fi }

# -- live --tls 1.2 against live --tls 1.3: each side's own live --json --
"$T" live --tls 1.2 --json > "$tmp/l12.json" || bad "live --tls 1.2 --json"
"$T" live --tls 1.3 --json > "$tmp/l13.json" || bad "live --tls 1.3 --json"
"$T" compare "live --tls 1.2" "live --tls 1.3" --json > "$tmp/live.json"; check "compare live --json exits 0" [ $? -eq 0 ]
oracle live "$tmp/live.json" "$tmp/l12.json" "$tmp/l13.json"
"$T" compare "live --tls 1.2" "live --tls 1.3" --text > "$tmp/live.txt"; check "compare live --text exits 0" [ $? -eq 0 ]
check "text: the version line is marked and names both versions" \
	grep -Eq '^\* version chosen +TLS 1\.2 +\| TLS 1\.3$' "$tmp/live.txt"
suite12=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["cipher_suite"]["name"])' "$tmp/l12.json")
suite13=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["cipher_suite"]["name"])' "$tmp/l13.json")
check "text: the suite line is marked and names both suites" \
	grep -Eq "^\* suite chosen +$suite12 .*\| $suite13 " "$tmp/live.txt"
check "text: the difference list names version and suite" \
	sh -c "grep -q '^  step 2 (Server hello): version chosen$' '$tmp/live.txt' && grep -q '^  step 2 (Server hello): suite chosen$' '$tmp/live.txt'"
check "text: TLS 1.3's step 4 is skipped against 1.2's done, marked" \
	grep -Eq '^\* status +done +\| skipped: TLS 1\.3 has no' "$tmp/live.txt"
check "text: no line is wider than --width 100" awk 'length($0) > 100 { exit 1 }' "$tmp/live.txt"
"$T" compare "live --tls 1.2" "live --tls 1.3" --text --width 80 > "$tmp/live80.txt"
check "text: --width 80 keeps lines within 80 columns" awk 'length($0) > 80 { exit 1 }' "$tmp/live80.txt"

# -- two connections of one capture: tshark's dissection --
for pair in "0 1" "1 2" "0 2"; do
	set -- $pair
	"$T" compare "$C#$1" "$C#$2" --json > "$tmp/c$1$2.json"; check "compare #$1 #$2 exits 0" [ $? -eq 0 ]
	oracle capture "$tmp/c$1$2.json" "$C" "$1" "$2"
done
# FILE alone is its first TLS connection (connection 0)
"$T" compare "$C" "$C#1" --json > "$tmp/c_1.json"
check "FILE alone: its first connection" py "$tmp/c_1.json" 'c["a"]["connection"] == 0'
oracle capture "$tmp/c_1.json" "$C" 0 1

# -- secrets' provenance: the key log holds this connection's master --
rnd=$(tshark -r "$C" -Y 'tls.handshake.type==1 && tcp.stream==1' -T fields -e tls.handshake.random 2>/dev/null | tr -d ':\n')
check "oracle: the key log has CLIENT_RANDOM for connection 1" grep -qi "^CLIENT_RANDOM $rnd " "$K"
"$T" compare "read $C#1 --keylog $K" "$C#1" --json > "$tmp/prov.json"
check "master: from the key log on A, unknown on B, marked" \
	py "$tmp/prov.json" 'col("master","a")[0].startswith("from the key log") and col("master","b")[0].startswith("unknown: ") and row("master")["differs"]'
check "client Finished: verified with the key log, unverified without" \
	py "$tmp/prov.json" 'col("finished_client","a")[0] == "verified" and col("finished_client","b")[0].startswith("unverified")'
check "same connection: version, suites and certificates do not differ" \
	py "$tmp/prov.json" 'not row("version")["differs"] and not row("suites_offered")["differs"] and not row("certificates")["differs"]'

# -- a resumed connection against its full handshake (tshark: no Certificate in it) --
certs=$(tshark -r "$R" -Y 'tls.handshake.type==11 && tcp.stream==1' -T fields -e frame.number 2>/dev/null | wc -l)
check "oracle: tshark sees no Certificate in the resumed connection" [ "$certs" -eq 0 ]
"$T" compare "$R#0" "$R#1" --json > "$tmp/res.json"
check "resumed: the row differs, B says yes" py "$tmp/res.json" 'row("resumed")["differs"] and col("resumed","b")[0].startswith("yes")'
check "resumed: B's certificates none sent, steps 3 and 6 skipped" \
	py "$tmp/res.json" 'col("certificates","b") == ["none sent: a resumed session"] and col("status","b",2)[0].startswith("skipped") and col("status","b",5)[0].startswith("skipped")'

# -- a live --resume side is its resumed connection (its own live --json: line 2 resumed) --
"$T" live --tls 1.2 --resume ticket --json > "$tmp/resume.jsonl"
check "oracle: live --resume's second line is resumed" \
	python3 -c 'import json,sys; l=open(sys.argv[1]).read().splitlines(); sys.exit(0 if json.loads(l[1])["resumed"] and not json.loads(l[0])["resumed"] else 1)' "$tmp/resume.jsonl"
"$T" compare "live --tls 1.2" "live --tls 1.2 --resume ticket" --json > "$tmp/lres.json"
check "live --resume: B is connection 1, resumed; premaster none, steps 3-6 skipped" \
	py "$tmp/lres.json" 'c["b"]["connection"] == 1 and col("resumed","b")[0].startswith("yes") and col("premaster","b")[0].startswith("none") and all(col("status","b",i)[0].startswith("skipped") for i in (2,3,4,5))'

# -- a failing scenario: its own live --json says where it fails --
"$T" live --scenario untrusted-ca --json > "$tmp/ua.json"
"$T" compare "live" "live --scenario untrusted-ca" --json > "$tmp/fail.json"; check "compare with a failing scenario exits 0" [ $? -eq 0 ]
fstep=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["failure"]["step"])' "$tmp/ua.json")
fside=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["failure"]["sender"])' "$tmp/ua.json")
check "outcome differs: complete against failed" py "$tmp/fail.json" 'col("outcome","a") == ["complete"] and col("outcome","b") == ["failed"]'
check "failure names the step and side live --json gives ($fstep, $fside)" \
	py "$tmp/fail.json" "col('failure','a') == ['none'] and col('failure','b')[0] == 'step $fstep, $fside side'"
check "the failing step is marked as differing" py "$tmp/fail.json" "step($fstep)['differences'] > 0"
"$T" compare "live --kx rsa" "live --kx ecdhe" --json > "$tmp/kx.json"
check "key exchange: RSA against ECDHE" \
	py "$tmp/kx.json" 'col("key_exchange","a") == ["RSA"] and col("key_exchange","b")[0].startswith("ECDHE") and row("key_exchange")["differs"]'

# -- identical sides: no difference --
"$T" compare "$C#1" "$C#1" --text > "$tmp/same.txt"
check "the same connection twice: no line marked" sh -c "! grep -q '^\*' '$tmp/same.txt'"
check "the same connection twice: says so" grep -q 'no differences' "$tmp/same.txt"
"$T" compare "live --tls 1.3" "live --tls 1.3" --json > "$tmp/same.json"
check "two runs of one live configuration: 0 differences" py "$tmp/same.json" 'c["differences"] == 0'

# -- bad sides: one line, non-zero --
bad_side() { # DESCRIPTION EXPECTED-REGEX A B
	d=$1 re=$2; shift 2
	"$T" compare "$@" --text > "$tmp/out" 2> "$tmp/err"; rc=$?
	check "$d: non-zero exit" [ "$rc" -ne 0 ]
	check "$d: one line on stderr" [ "$(wc -l < "$tmp/err")" -eq 1 ]
	check "$d: says '$re'" grep -Eq "$re" "$tmp/err"
	check "$d: nothing on stdout" [ ! -s "$tmp/out" ]
}
bad_side "FILE#99" "no TLS connection 99|connection 99 is not" "$C#99" "$C#1"
bad_side "unknown live option" "unknown option '--bogus'" "live --bogus" "$C#1"
bad_side "a live value it does not take" "1\.9" "live --tls 1.9" "live"
bad_side "missing file" "cannot read .*no-such\.pcap" "$tmp/no-such.pcap#0" "live"
bad_side "FILE#x" "connection number" "$C#x" "live"
"$T" compare "live" > /dev/null 2> "$tmp/err"; rc=$?
check "one side only: usage error (2)" [ "$rc" -eq 2 ]
check "--help lists compare" sh -c "'$T' --help | grep -q '^  compare A B'"

echo "compare: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
