#!/bin/sh
# lesson_capture.sh - `lesson NAME --capture FILE --keylog K` fills the
# lesson from a recorded handshake: a run written with live --write-pcap
# gives, in English and in Japanese, the same client random, server
# random, master secret and both verify_data as `read FILE --keylog K
# --json` (Python extracts both sides); a lesson whose run: line the
# capture does not match (TLS 1.3 on TLS 1.2) warns in one line and goes
# on; a capture of several handshakes needs --connection; the resumption
# lesson shows a capture's next, resumed connection as its second
# handshake (OpenSSL's key log says its master); a capture that
# is not there is exit 1 and one line; --keylog without --capture is a
# usage error.  Usage: tests/lesson_capture.sh ./tlstrace
set -u
T=${1:-./tlstrace}
top=$(dirname "$0")/..
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
pass=0
fail=0

ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

cat >"$dir/same.py" <<'EOF'
import json, re, sys

text_path, json_path = sys.argv[1], sys.argv[2]
d = json.loads(open(json_path, encoding="utf-8").readline())
# the lesson wraps long hex over lines: compare without white space
flat = re.sub(r"\s+", "", open(text_path, encoding="utf-8").read())
want = {"client random": d["client_random"], "server random": d["server_random"],
        "master secret": d["secrets"]["master"]}
vds = [(m.get("details") or {}).get("verify_data") for m in d["messages"] if m["type"] == "Finished"]
for i, v in enumerate(vds):
    want["verify_data %d" % (i + 1)] = v
problems = []
if len(vds) != 2:
    problems.append("--json has %d Finished verify_data, not 2" % len(vds))
for name, v in want.items():
    if not v:
        problems.append("--json gives no %s" % name)
    elif v not in flat:
        problems.append("the lesson does not show the capture's %s %s" % (name, v))
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
EOF

"$T" live --write-pcap "$dir/x.pcapng" --keylog "$dir/k.keys" --text >/dev/null 2>"$dir/err" && ok ||
	{ bad "live --write-pcap failed"; cat "$dir/err"; }
"$T" read "$dir/x.pcapng" --keylog "$dir/k.keys" --json >"$dir/x.json" 2>"$dir/err" && ok ||
	{ bad "read of the recorded run failed"; cat "$dir/err"; }
for lang in en ja; do
	if "$T" lesson classic-rsa --lang "$lang" --capture "$dir/x.pcapng" --keylog "$dir/k.keys" --text \
		>"$dir/l-$lang.txt" 2>"$dir/err"; then ok; else bad "lesson --capture ($lang) failed"; cat "$dir/err"; fi
	[ -s "$dir/err" ] && { bad "lesson --capture ($lang) warned on a matching capture"; cat "$dir/err"; } || ok
	if python3 "$dir/same.py" "$dir/l-$lang.txt" "$dir/x.json" >"$dir/why"; then ok; else bad "$lang:"; cat "$dir/why"; fi
	grep -q 'x.pcapng' "$dir/l-$lang.txt" && ok || bad "$lang: the lesson does not say it is the recorded handshake"
done
grep -q '記録したハンドシェイク' "$dir/l-ja.txt" && ok || bad "ja: no Japanese header for the recorded handshake"

# a lesson asking for what the capture has not: one warning line, goes on
if "$T" lesson tls13 --capture "$dir/x.pcapng" --keylog "$dir/k.keys" --text >"$dir/out" 2>"$dir/err"; then ok
else bad "the TLS 1.3 lesson on a TLS 1.2 capture stopped"; cat "$dir/err"; fi
[ "$(wc -l <"$dir/err")" -eq 1 ] && grep -q '^tlstrace: warning: .*TLS 1.3.*TLS 1.2' "$dir/err" && ok ||
	{ bad "the TLS 1.3 lesson on a TLS 1.2 capture: not one warning line"; cat "$dir/err"; }
[ -s "$dir/out" ] && ok || bad "the TLS 1.3 lesson on a TLS 1.2 capture printed no lesson"

# several handshakes: --connection picks one, without it a refusal
caps="$top/captures"
"$T" lesson ecdhe --capture "$caps/three-connections.pcap" --keylog "$caps/three-connections.keys" --text \
	>/dev/null 2>"$dir/err"
[ $? -eq 2 ] && grep -q -- '--connection' "$dir/err" && ok || { bad "several handshakes without --connection"; cat "$dir/err"; }
"$T" lesson ecdhe --capture "$caps/three-connections.pcap" --keylog "$caps/three-connections.keys" --connection 1 \
	--text >"$dir/out" 2>"$dir/err" && grep -q 'Step 9' "$dir/out" && ok ||
	{ bad "lesson --capture --connection 1"; cat "$dir/err"; }

# the resumption lesson on OpenSSL's resumed captures (session id, ticket):
# its second-handshake values are connection 1's, as `read --json` gives
# its randoms and OpenSSL's own key log gives its master secret, which is
# connection 0's (RFC 5246 7.3, RFC 5077 3.1)
cat >"$dir/second.py" <<'EOF'
import json, re, sys

text_path, json_path, keys_path = sys.argv[1], sys.argv[2], sys.argv[3]
d = json.loads(open(json_path, encoding="utf-8").readline())
logged = dict(l.split()[1:3] for l in open(keys_path) if l.startswith("CLIENT_RANDOM "))
flat = re.sub(r"\s+", "", open(text_path, encoding="utf-8").read())
problems = []
if not d["resumed"]:
    problems.append("connection 1 is not resumed")
master = logged.get(d["client_random"])
if master is None or list(logged.values()).count(master) < 2:
    problems.append("the key log does not give connection 1 the master secret of another")
for name, v in (("client random", d["client_random"]), ("server random", d["server_random"]),
                ("master secret", master), ("session id", d["session_id"])):
    if not v or v not in flat:
        problems.append("the lesson does not show the resumed connection's %s %s" % (name, v))
if "comparedwiththefirst'sthesame" not in flat:
    problems.append("the lesson does not say the master secret is the first's")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
EOF
for c in openssl-tls12-resumed openssl-tls12-resumed-ticket; do
	"$T" read "$caps/$c.pcap" --keylog "$caps/$c.keys" --connection 1 --json >"$dir/r1.json" 2>"$dir/err" &&
	"$T" lesson resumption --capture "$caps/$c.pcap" --keylog "$caps/$c.keys" --connection 0 --text \
		>"$dir/res.txt" 2>"$dir/err" && python3 "$dir/second.py" "$dir/res.txt" "$dir/r1.json" "$caps/$c.keys" &&
		ok || { bad "lesson resumption --capture $c: the second handshake's values"; cat "$dir/err"; }
done

# a capture that is not there: status 1, one line
"$T" lesson classic-rsa --capture "$dir/not-there.pcap" --text >"$dir/out" 2>"$dir/err"
[ $? -eq 1 ] && [ "$(wc -l <"$dir/err")" -eq 1 ] && [ ! -s "$dir/out" ] && ok ||
	{ bad "a missing capture: not status 1 and one line"; cat "$dir/err"; }
# --keylog without --capture: a usage error
"$T" lesson classic-rsa --keylog "$dir/k.keys" --text >/dev/null 2>"$dir/err"
[ $? -eq 2 ] && ok || bad "lesson --keylog without --capture is not a usage error"

echo "lesson_capture: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
