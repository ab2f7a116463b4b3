#!/bin/sh
# docs.sh - the documentation keeps up with the program: (a) every key of a
# --json line (top level and nested objects) of a live TLS 1.2 run, a live
# TLS 1.3 run, a failing scenario and a capture read with its key log is
# documented in docs/json.md; (b) tlstrace.1 renders without a warning;
# (c) `make install DESTDIR=...` puts tlstrace.1 and json.md in place, and
# `make uninstall` takes them away.  (a) and (b) are also run on a broken
# copy, which must fail, so that a check that can no longer fail is noticed.
# Usage: tests/docs.sh ./tlstrace   (from the top of the repository)
set -u
T=${1:-./tlstrace}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
pass=0
fail=0

ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# --- (a) every JSON key is documented ----------------------------------
run() {   # run NAME ARGS...: one JSON output into $dir/NAME.jsonl
	name=$1; shift
	if "$T" "$@" >"$dir/$name.jsonl" 2>"$dir/err" && [ -s "$dir/$name.jsonl" ]; then
		ok
	else
		bad "'$T $*' failed or wrote nothing"; cat "$dir/err"
	fi
}
run tls12    live --json
run tls12f   live --json --fields
run tls13    live --tls 1.3 --json
run ecdhe    live --kx ecdhe --ems --client-auth --json
run scenario live --scenario untrusted-ca --json
run resume   live --resume ticket --json
run hrr      live --tls 1.3 --hrr --json
run capture  read captures/three-connections.pcap --keylog captures/three-connections.keys --json
run resumed  read captures/openssl-tls12-resumed.pcap --keylog captures/openssl-tls12-resumed.keys --json
run compare  compare "live --tls 1.2" "live --tls 1.3 --hrr" --json
run dtls     read captures/dtls/dtls12-ecdhe-gcm.pcap --keylog captures/dtls/dtls12-ecdhe-gcm.keys --json

# The keys, as dotted paths ("secrets.keys.client.iv", "messages[].details.lifetime"),
# and whether each appears in the doc as a heading or as a `key` mention.
# `fields` (the --fields tree) holds the protocol's field names, not keys of
# the format: its contents are not walked.
cat >"$dir/keys.py" <<'EOF'
import json, re, sys

doc_path, outputs = sys.argv[1], sys.argv[2:]
doc = open(doc_path, encoding="utf-8").read()
mentioned = set(re.findall(r"`([^`\s]+)`", doc))
headings = {h.strip().strip("`") for h in re.findall(r"^#+\s*(.+)$", doc, re.M)}

def documented(key, path):
    # `key` alone, or the path's tail (`secrets.keys`, `finished_detail.client`), or a heading
    tails = {".".join(path[i:]) for i in range(len(path))}
    words = tails | {key}
    return bool(words & mentioned) or bool(words & headings)

keys = {}   # path -> the first output it came from
def walk(v, path, src):
    if isinstance(v, dict):
        for k, sub in v.items():
            p = path + [k]
            keys.setdefault(tuple(p), src)
            if k == "fields" and path[-1:] == ["messages[]"]:
                continue
            walk(sub, p, src)
    elif isinstance(v, list):
        for item in v:
            walk(item, path[:-1] + [path[-1] + "[]"] if path else ["[]"], src)

nlines = 0
for out in outputs:
    for line in open(out, encoding="utf-8"):
        nlines += 1
        walk(json.loads(line), [], out.rsplit("/", 1)[-1])
missing = []
for path, src in sorted(keys.items()):
    key = path[-1]
    if not documented(key, [p.replace("[]", "") for p in path]):
        missing.append("%s (seen in %s)" % (".".join(path), src))
tops = sorted(p[0] for p in keys if len(p) == 1)
print("%d lines, %d keys (%d top-level), %d undocumented" % (nlines, len(keys), len(tops), len(missing)))
for m in missing:
    print("undocumented key: " + m)
sys.exit(1 if missing or nlines == 0 or "secrets" not in tops else 0)
EOF

if python3 "$dir/keys.py" docs/json.md "$dir"/*.jsonl >"$dir/keys.out" 2>&1; then
	ok; sed 's/^/docs.sh: /' "$dir/keys.out"
else
	bad "docs/json.md does not document every key of the JSON output:"; cat "$dir/keys.out"
fi
# The nested objects the brief names must have been seen (else the walk
# proves nothing): secrets, finished, failure, messages[], and an Alert.
for path in secrets.premaster finished.client failure.causes 'messages[].type' 'messages[].alert_id' \
	    'messages[].details.verify_data' secrets.client_traffic_secret_0 live.client_config; do
	python3 - "$path" "$dir"/*.jsonl <<'EOF' && ok || bad "no output had the key $path: the runs above do not cover it"
import json, sys
want = sys.argv[1].split(".")
def has(v, p):
    if not p:
        return True
    k = p[0]
    if k.endswith("[]"):
        return isinstance(v, dict) and isinstance(v.get(k[:-2]), list) and any(has(i, p[1:]) for i in v[k[:-2]])
    return isinstance(v, dict) and k in v and (v[k] is not None or len(p) == 1) and has(v[k], p[1:])
sys.exit(0 if any(has(json.loads(l), want) for f in sys.argv[2:] for l in open(f)) else 1)
EOF
done
# Negative control: without one key's mentions, the check must fail.
grep -v 'premaster_unknown_because' docs/json.md >"$dir/json-missing.md"
if python3 "$dir/keys.py" "$dir/json-missing.md" "$dir"/*.jsonl >"$dir/keys.out" 2>&1; then
	bad "the key check passes on a doc without premaster_unknown_because: it checks nothing"
else
	grep -q 'undocumented key: secrets.premaster_unknown_because' "$dir/keys.out" && ok ||
		bad "the key check failed on the broken doc, but not for the missing key"
fi

# --- (b) the manual page renders without warnings ------------------------
manwarn() {   # manwarn FILE: the warnings of rendering FILE, into $dir/man.err
	# (a locale the machine lacks is the machine's warning, not the page's)
	MANWIDTH=80 man --warnings -l "$1" >"$dir/man.out" 2>"$dir/man.raw"
	st=$?
	grep -v "^man: can't set the locale" "$dir/man.raw" >"$dir/man.err"
	return $st
}
if ! command -v man >/dev/null 2>&1; then
	bad "man is not installed (Debian: man-db, groff-base)"
else
	if manwarn ./tlstrace.1 && [ ! -s "$dir/man.err" ] && grep -q 'EXIT STATUS' "$dir/man.out"; then
		ok
	else
		bad "man --warnings -l ./tlstrace.1:"; cat "$dir/man.err"
	fi
	# every command and section the page must have
	for s in NAME SYNOPSIS DESCRIPTION OPTIONS 'EXIT STATUS' ENVIRONMENT FILES EXAMPLES 'SEE ALSO' \
		 'tlstrace scenarios' 'tlstrace lessons' 'lesson NAME' 'read CAPTURE' NO_COLOR TLSTRACE_LESSONS; do
		grep -q "$s" "$dir/man.out" && ok || bad "the manual page has no '$s'"
	done
	# every option --help names is in the page
	for o in $("$T" --help | grep -o -- '--[a-z][a-z-]*' | sort -u) --help --version; do
		grep -q -- "$o" "$dir/man.out" && ok || bad "the manual page does not describe $o"
	done
	# negative control: a page with an undefined macro must warn
	{ cat tlstrace.1; echo '.XQ undefined'; } >"$dir/broken.1"
	manwarn "$dir/broken.1"
	[ -s "$dir/man.err" ] && ok || bad "man --warnings reports nothing on a page with an undefined macro"
fi

# --- (c) make install / uninstall ---------------------------------------
# PREFIX=/usr checks that the page names the installed paths; -o tlstrace
# keeps make from rebuilding the program with that PREFIX compiled in.
inst="$dir/root"
if [ ! -x "$T" ]; then
	bad "$T is not built"
elif make --no-print-directory -o tlstrace install DESTDIR="$inst" PREFIX=/usr >"$dir/make.out" 2>&1; then
	ok
	[ -f "$inst/usr/share/man/man1/tlstrace.1" ] && ok || bad "make install: no share/man/man1/tlstrace.1"
	[ -f "$inst/usr/share/doc/tlstrace/json.md" ] && ok || bad "make install: no share/doc/tlstrace/json.md"
	cmp -s docs/json.md "$inst/usr/share/doc/tlstrace/json.md" && ok || bad "the installed json.md differs from docs/json.md"
	# the installed page names the installed paths, and still renders cleanly
	grep -q '/usr/share/doc/tlstrace/json.md' "$inst/usr/share/man/man1/tlstrace.1" && ok ||
		bad "the installed manual page does not point to PREFIX/share/doc/tlstrace/json.md"
	manwarn "$inst/usr/share/man/man1/tlstrace.1" && [ ! -s "$dir/man.err" ] && ok ||
		{ bad "the installed manual page warns:"; cat "$dir/man.err"; }
	if make --no-print-directory -o tlstrace uninstall DESTDIR="$inst" PREFIX=/usr >"$dir/make.out" 2>&1; then
		[ ! -e "$inst/usr/share/man/man1/tlstrace.1" ] && [ ! -e "$inst/usr/share/doc/tlstrace" ] && ok ||
			bad "make uninstall left the manual page or the doc folder"
	else
		bad "make uninstall failed:"; cat "$dir/make.out"
	fi
else
	bad "make install DESTDIR=$inst failed:"; cat "$dir/make.out"
fi

echo "docs.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
