#!/bin/sh
# html.sh - the --html page checked from the outside, for a live TLS 1.2
# run, a live TLS 1.3 run, a failure scenario, one connection of a capture
# and a Japanese lesson (live, and filled from a recorded run): each page
# parses as XML (XHTML5), has a heading for every message --json lists,
# holds every secret value --json gives (randoms, master or traffic
# secrets, keys, verify_data), fetches nothing (no http:// or https://
# but the namespaces), and is of a sane size.  Also: read refuses a capture
# of several handshakes without --connection, an existing page is refused
# and live --force replaces it, and the checker itself fails on a page
# with a message heading taken out.  Usage: tests/html.sh ./tlstrace
set -u
T=${1:-./tlstrace}
top=$(dirname "$0")/..
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
pass=0
fail=0

ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

cat >"$dir/check.py" <<'EOF'
import collections, json, re, sys
import xml.etree.ElementTree as ET

page_path, json_path, lang = sys.argv[1], sys.argv[2], sys.argv[3]
X = "{http://www.w3.org/1999/xhtml}"
raw = open(page_path, encoding="utf-8").read()
problems = []
try:
    root = ET.fromstring(raw)
except ET.ParseError as e:
    print("not well-formed XML:", e)
    sys.exit(1)
if root.tag != X + "html":
    problems.append("the root is %s, not XHTML's html" % root.tag)
if not raw.startswith("<!DOCTYPE html>"):
    problems.append("no <!DOCTYPE html>")
if root.get("lang") != lang:
    problems.append("lang is %r, not %r" % (root.get("lang"), lang))
text = "".join(root.itertext())
# every message of the handshake has its heading
heads = [s.text for h in root.iter(X + "h3") if h.get("class") == "msg"
         for s in h.iter(X + "span") if s.get("class") == "mt"]
if json_path != "-":
    d = json.loads(open(json_path, encoding="utf-8").readline())
    want = [m["type"] for m in d["messages"]]
    if collections.Counter(heads) != collections.Counter(want):
        problems.append("message headings %s, --json lists %s" % (heads, want))
    # every secret value, every random, every verify_data
    values = [d["client_random"], d["server_random"]]
    def walk(x):
        if isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, str) and len(x) >= 16 and re.fullmatch(r"[0-9a-f]+", x):
            values.append(x)
    walk(d["secrets"])
    for m in d["messages"]:
        vd = (m.get("details") or {}).get("verify_data")
        if vd:
            values.append(vd)
    if not d["secrets"].get("master") and not d["secrets"].get("client_traffic_secret_0") \
            and d["outcome"] == "complete":
        problems.append("--json has neither master nor traffic secrets")
    for v in values:
        if v and v not in text:
            problems.append("value %s... is not on the page" % v[:16])
    if d.get("failure") and d["failure"].get("reason") and d["failure"]["reason"] not in text:
        problems.append("the failure's reason is not on the page")
elif not heads:
    problems.append("no message headings")
# nothing fetched: the only URLs are the namespaces
rest = re.sub(r'xmlns(:\w+)?="[^"]*"', "", raw)
if re.search(r"https?://", rest):
    problems.append("a URL other than a namespace: %s" % re.search(r".{30}https?://.{30}", rest, re.S).group(0))
for tag in ("script", "link", "img", "iframe"):
    if root.find(".//" + X + tag) is not None:
        problems.append("a <%s> element" % tag)
if root.find(".//{http://www.w3.org/2000/svg}svg") is None:
    problems.append("no SVG ladder")
if "@media print" not in raw:
    problems.append("no print style")
if not 5000 < len(raw.encode("utf-8")) < 2000000:
    problems.append("size %d bytes" % len(raw.encode("utf-8")))
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
EOF

# check NAME LANG: $dir/NAME.html against $dir/NAME.json ("-": no JSON)
check() {
	j="$dir/$1.json"
	[ -f "$j" ] || j=-
	if python3 "$dir/check.py" "$dir/$1.html" "$j" "$2" >"$dir/why" 2>&1; then ok; else bad "$1:"; cat "$dir/why"; fi
}
# page NAME ARGS...: tlstrace ARGS --html NAME.html, its stdout to NAME.json
page() {
	name=$1; shift
	if "$T" "$@" --html "$dir/$name.html" >"$dir/$name.out" 2>"$dir/err"; then ok; else bad "'$*' failed"; cat "$dir/err"; fi
	[ -s "$dir/$name.out" ] && mv "$dir/$name.out" "$dir/$name.json"
	[ "$(stat -c %a "$dir/$name.html" 2>/dev/null)" = 600 ] && ok || bad "$name.html is not mode 0600"
}

LC_ALL=C page tls12 live --json
check tls12 en
LC_ALL=C page tls13 live --tls 1.3 --json
check tls13 en
LC_ALL=C page ecdhe live --kx ecdhe --ems --client-auth --json
check ecdhe en
LC_ALL=C page untrusted live --scenario untrusted-ca --json
check untrusted en
grep -q 'st-failed' "$dir/untrusted.html" && ok || bad "untrusted-ca: no failed step on the page"
caps="$top/captures"
LC_ALL=C page capture read "$caps/three-connections.pcap" --keylog "$caps/three-connections.keys" --connection 1 --json
check capture en
# alone, --html prints nothing
LC_ALL=C page quiet live
[ -f "$dir/quiet.json" ] && bad "live --html alone printed something" || ok
check quiet en

# a Japanese lesson: live, then filled from a recorded run and compared
# with the capture's own --json (the key log alone gives no RSA premaster)
page lesson-ja lesson classic-rsa --lang ja
check lesson-ja ja
grep -q 'クライアント' "$dir/lesson-ja.html" && grep -q 'class="lesson"' "$dir/lesson-ja.html" && ok ||
	bad "the Japanese lesson page has no Japanese words or no lesson text"
"$T" live --write-pcap "$dir/rec.pcapng" --keylog "$dir/rec.keys" --json >/dev/null 2>"$dir/err" &&
	"$T" read "$dir/rec.pcapng" --keylog "$dir/rec.keys" --json >"$dir/rec.json" 2>"$dir/err" && ok ||
	{ bad "live --write-pcap, then read it, failed"; cat "$dir/err"; }
page rec lesson classic-rsa --lang ja --capture "$dir/rec.pcapng" --keylog "$dir/rec.keys"
[ -f "$dir/rec.json" ] && check rec ja
# a Japanese page of a failure: the diagnosis in Japanese, the JSON's
# English reason kept under it (check compares it with --json)
LC_ALL=C page failja live --scenario untrusted-ca --lang ja --json
check failja ja
grep -q 'ステップ 5: クライアントによる証明書の検証' "$dir/failja.html" &&
	grep -q '認証局（CA）をクライアントが信頼していない' "$dir/failja.html" && ok ||
	bad "the Japanese page of untrusted-ca has no Japanese step title or reason"

# read: a capture of several handshakes needs --connection (status 2, one line)
"$T" read "$caps/three-connections.pcap" --html "$dir/many.html" >"$dir/out" 2>"$dir/err"
[ $? -eq 2 ] && [ "$(wc -l <"$dir/err")" -eq 1 ] && grep -q -- '--connection' "$dir/err" && ok ||
	{ bad "read --html on three handshakes without --connection"; cat "$dir/err"; }
[ -e "$dir/many.html" ] && bad "read wrote a page it refused" || ok

# an existing page is refused (nothing runs); live --force replaces it
echo old >"$dir/old.html"
"$T" live --html "$dir/old.html" >/dev/null 2>"$dir/err"
[ $? -eq 1 ] && [ "$(cat "$dir/old.html")" = old ] && ok || bad "live --html replaced an existing file"
"$T" live --html "$dir/old.html" --force >/dev/null 2>"$dir/err" && [ "$(head -c 15 "$dir/old.html")" = '<!DOCTYPE html>' ] && ok ||
	{ bad "live --html --force did not replace the file"; cat "$dir/err"; }

# negative control: a page without one of its message headings fails
sed '0,/<span class="mt">ClientHello</s//<span class="xx">ClientHello</' "$dir/tls12.html" >"$dir/broken.html"
cp "$dir/tls12.json" "$dir/broken.json"
python3 "$dir/check.py" "$dir/broken.html" "$dir/broken.json" en >/dev/null 2>&1 && bad "the checker passes a page missing a message" || ok

echo "html: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
