#!/bin/sh
# cli.sh - the command line as a user meets it: help, version, errors with
# exit status 2, and every live configuration checked from the outside
# (JSON parsed by Python, the master secret recomputed with Python's own
# HMAC, the key log compared).  Usage: tests/cli.sh ./tlstrace
set -u
T=${1:-./tlstrace}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
pass=0
fail=0

ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# expect_exit STATUS CMD...: run, compare the exit status
expect_exit() {
	want=$1; shift
	"$@" >"$dir/out" 2>"$dir/err"
	got=$?
	if [ "$got" -eq "$want" ]; then ok; else bad "'$*' exited $got, expected $want"; cat "$dir/err"; fi
}

expect_exit 0 "$T" --help
grep -q '^usage: tlstrace' "$dir/out" && ok || bad "--help shows no usage"
expect_exit 0 "$T" --version
grep -q '^tlstrace [0-9]' "$dir/out" && ok || bad "--version output"

# Bad input: one line saying what is wrong, then the usage, status 2.
for args in "--frobnicate" "live --tls 2.0" "live --kx psk" "live --tls 1.3 --kx rsa" "live --cipher NOPE-128" \
	    "live --tls" "bogus-command" "live --tls 1.0 --cipher TLS_RSA_WITH_AES_128_GCM_SHA256" \
	    "live --kx ecdhe --cipher TLS_RSA_WITH_AES_128_CBC_SHA" "scenarios --summary"; do
	# shellcheck disable=SC2086
	expect_exit 2 "$T" $args
	head -1 "$dir/err" | grep -q '^tlstrace: ' && ok || bad "'$args': first line of stderr is not an error message"
	grep -q '^usage: ' "$dir/err" && ok || bad "'$args': no usage on stderr"
	[ -s "$dir/out" ] && bad "'$args' wrote to stdout" || ok
done

# Help comes from the command table: each command's --help shows its usage
# and every one of its options, and none of another command's; --help
# shows them all.  No line is wider than 79 columns.
live_opts="--tls --kx --cipher --client-auth --ems --resume --hrr --scenario --keylog --write-pcap --force --text --json --summary --fields --html --no-color --autoplay"
read_opts="--keylog --rsa-key --ca --connection --filter --idle-timeout --max-memory --text --json --summary --fields --html --no-color --autoplay"
lesson_opts="--lang --text --answers --capture --keylog --connection --html --no-color --autoplay"
lessons_opts="--lang"
# has_options FILE OPTS...: each option is listed as an option line of FILE
has_options() {
	f=$1; shift
	for o in "$@"; do
		grep -q -- "^  $o\( \|$\)" "$f" && ok || bad "$f: option $o not listed"
		grep -q -- "\[$o\( [^]]*\)\?[]|]\|[|]$o[]|]" "$f" && ok || bad "$f: option $o not in the usage"
	done
}
expect_exit 0 "$T" --help
# shellcheck disable=SC2086
has_options "$dir/out" $live_opts $read_opts $lesson_opts
for c in "\[live\]" "read CAPTURE" scenarios lessons "lesson NAME"; do
	grep -q "^\(usage:\|      \) tlstrace $c" "$dir/out" && ok || bad "--help: no usage line for $c"
done
awk 'length > 79 { exit 1 }' "$dir/out" && ok || bad "--help has lines wider than 79 columns"
for c in live read lesson lessons scenarios; do
	for h in --help -h; do
		expect_exit 0 "$T" "$c" "$h"
		cp "$dir/out" "$dir/help-$c"
		if [ "$c" = live ]; then u='usage: tlstrace \[live\]'; else u="usage: tlstrace $c"; fi
		head -1 "$dir/help-$c" | grep -q "^$u" && ok || bad "$c $h: first line is not its usage"
		awk 'length > 79 { exit 1 }' "$dir/help-$c" && ok || bad "$c $h has lines wider than 79 columns"
	done
done
# shellcheck disable=SC2086
has_options "$dir/help-live" $live_opts
# shellcheck disable=SC2086
has_options "$dir/help-read" $read_opts
# shellcheck disable=SC2086
has_options "$dir/help-lesson" $lesson_opts
# shellcheck disable=SC2086
has_options "$dir/help-lessons" $lessons_opts
for o in --rsa-key --connection --filter --lang --answers; do
	grep -q -- "$o" "$dir/help-live" && bad "live --help shows $o" || ok
done
for o in --tls --kx --cipher --scenario --write-pcap --lang; do
	grep -q -- "$o" "$dir/help-read" && bad "read --help shows $o" || ok
done
for o in --tls --json --rsa-key; do
	grep -q -- "$o" "$dir/help-lesson" && bad "lesson --help shows $o" || ok
done
grep -q -- "--" "$dir/help-scenarios" && bad "scenarios --help shows options" || ok
expect_exit 0 "$T" help read
cmp -s "$dir/out" "$dir/help-read" && ok || bad "help read differs from read --help"
"$T" live --tls 1.3 --help >"$dir/out" 2>&1 && cmp -s "$dir/out" "$dir/help-live" && ok || bad "live --tls 1.3 --help is not live's help"

# README's usage block is the head of --help, as printed.
"$T" --help | sed '/^$/q' | sed '$d' >"$dir/help-head"
sed -n '/^## Usage$/,$p' "$(dirname "$0")/../README.md" | awk '/^```/ { n++; next } n == 1' >"$dir/readme-usage"
[ -s "$dir/readme-usage" ] && cmp -s "$dir/help-head" "$dir/readme-usage" && ok || bad "README's usage block is not the head of --help"

# An unknown option names the command, prints its usage and where to read
# more, exit status 2; an option of another command says whose it is.
for c in live read lesson lessons scenarios ""; do
	name=${c:-live}
	case $c in read) args="read x.pcap" ;; lesson) args="lesson classic-rsa" ;; *) args=$c ;; esac
	# shellcheck disable=SC2086
	expect_exit 2 "$T" $args --x
	[ "$(head -1 "$dir/err")" = "tlstrace: unknown option '--x' for $name" ] && ok || bad "'$args --x': $(head -1 "$dir/err")"
	if [ "$name" = live ]; then u='usage: tlstrace \[live\] '; else u="usage: tlstrace $name\( \|$\)"; fi
	sed -n 2p "$dir/err" | grep -q "^$u" && ok || bad "'$args --x': no $name usage: $(sed -n 2p "$dir/err")"
	[ "$(tail -1 "$dir/err")" = "tlstrace $name --help for more" ] && ok || bad "'$args --x': last line $(tail -1 "$dir/err")"
	[ -s "$dir/out" ] && bad "'$args --x' wrote to stdout" || ok
done
expect_exit 2 "$T" read x.pcap --tls 1.3
[ "$(head -1 "$dir/err")" = "tlstrace: --tls is an option of live and connect, not of read" ] && ok || bad "read --tls: $(head -1 "$dir/err")"
expect_exit 2 "$T" scenarios --json
[ "$(head -1 "$dir/err")" = "tlstrace: --json is an option of live, connect, read, sniff and compare, not of scenarios" ] && ok || bad "scenarios --json: $(head -1 "$dir/err")"
# Without a command, options are live's, and tlstrace alone runs live.
"$T" --tls 1.3 --summary >"$dir/sum" 2>"$dir/err" && grep -q '  TLS 1\.3  ' "$dir/sum" && ok || bad "tlstrace --tls 1.3 --summary: $(cat "$dir/sum" "$dir/err")"
"$T" </dev/null >"$dir/text" 2>"$dir/err" && grep -q '^Step 9 ' "$dir/text" && ok || bad "tlstrace alone does not run live: $(cat "$dir/err")"

# One rule, one wording: TLS 1.3 with RSA key exchange is refused in the
# same sentence on the command line and in a lesson's run: line.
rsa13='TLS 1.3 has no RSA key exchange: every TLS 1.3 handshake agrees on keys with (EC)DHE, so choose ecdhe or dhe'
expect_exit 2 "$T" --kx rsa --tls 1.3
[ "$(head -1 "$dir/err")" = "tlstrace: $rsa13" ] && ok || bad "--kx rsa --tls 1.3: $(head -1 "$dir/err")"
mkdir -p "$dir/rsalessons/en"
printf 'name: rsa13\ntitle: R\nrun: kx=rsa tls=1.3\n[intro]\nA\n' >"$dir/rsalessons/en/rsa13.lesson"
expect_exit 1 env TLSTRACE_LESSONS="$dir/rsalessons" "$T" lesson rsa13 --text --lang en
grep -qF "rsa13.lesson:3: run: $rsa13" "$dir/err" && ok || bad "lesson with tls=1.3 kx=rsa: $(cat "$dir/err")"
printf 'name: rsa13\ntitle: R\nrun: tls=1.2 cipher=NOPE-128\n[intro]\nA\n' >"$dir/rsalessons/en/rsa13.lesson"
expect_exit 2 "$T" --cipher NOPE-128
cli_why=$(head -1 "$dir/err" | sed 's/^tlstrace: //')
expect_exit 1 env TLSTRACE_LESSONS="$dir/rsalessons" "$T" lesson rsa13 --text --lang en
grep -qF "rsa13.lesson:3: run: $cli_why" "$dir/err" && ok || bad "lesson cipher=NOPE-128 is not worded as --cipher NOPE-128 ($cli_why): $(cat "$dir/err")"

# Every configuration of the live engine, checked from outside.
check() {
	name=$1; shift
	expects=$1; shift
	rm -f "$dir/keys"
	if "$T" live "$@" --json --keylog "$dir/keys" >"$dir/json" 2>"$dir/err"; then
		# shellcheck disable=SC2086
		if python3 "$(dirname "$0")/check_live_json.py" "$dir/json" "$dir/keys" $expects >"$dir/py" 2>&1; then
			ok
		else
			bad "$name: $(cat "$dir/py")"
		fi
	else
		bad "$name: tlstrace live $* failed: $(cat "$dir/err")"
	fi
}
check default "version=TLS_1.2 kx=RSA ems=false client_cv=false all_done=true"
check "TLS 1.0" "kx=RSA client_cv=false" --tls 1.0
check "TLS 1.1" "kx=RSA client_cv=false" --tls 1.1
check "TLS 1.3" "client_cv=false kx=ECDHE" --tls 1.3
check "TLS 1.3 with finite-field DHE" "kx=DHE" --tls 1.3 --kx dhe
check "ECDHE" "kx=ECDHE" --kx ecdhe
check "DHE" "kx=DHE" --kx dhe
check "client auth" "kx=RSA client_cv=true" --client-auth
check "EMS" "kx=RSA ems=true" --ems
check "TLS 1.3 client auth" "client_cv=true" --tls 1.3 --client-auth
check "AES-256-GCM (SHA-384 PRF)" "kx=RSA" --cipher AES-256-GCM
check "ChaCha20-Poly1305" "kx=ECDHE" --kx ecdhe --cipher CHACHA20-POLY1305
check "IANA suite name" "kx=RSA" --cipher TLS_RSA_WITH_AES_256_CBC_SHA

# Real resumption, live: two connections, the second resumed with both
# Finished verified; its master (TLS 1.2) is the first one's, the one in
# GnuTLS's key log, and the one both GnuTLS sides of the second pair
# report.  TLS 1.3: the second ClientHello offers a PSK and a key share;
# the traffic secrets are GnuTLS's key log lines for its client random.
resumed() {
	kind=$1; shift
	if "$T" live "$@" --json --keylog "$dir/rkeys" >"$dir/rjson" 2>"$dir/err"; then
		python3 - "$dir/rjson" "$dir/rkeys" "$kind" <<'PY' >"$dir/py" 2>&1 && ok || bad "live $* (resumed, $kind): $(cat "$dir/py")"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
keys = {}
for l in open(sys.argv[2]):
    f = l.split()
    if len(f) == 3:
        keys[(f[0], f[1])] = f[2]
kind = sys.argv[3]
assert len(lines) == 2, "%d JSON lines, not 2" % len(lines)
a, b = lines
assert [a["connection"], b["connection"]] == [0, 1], "connections %r" % [a["connection"], b["connection"]]
assert a["resumed"] is False and b["resumed"] is True, "resumed: %r, %r" % (a["resumed"], b["resumed"])
for h in lines:
    assert h["finished"] == {"client": "verified", "server": "verified"}, "finished %r" % h["finished"]
    assert h["outcome"] == "complete", h["outcome"]
types = [m["type"] for m in b["messages"]]
assert "Certificate" not in types and "ClientKeyExchange" not in types, types
skipped = [s["step"] for s in b["steps"] if s["status"] == "skipped"]
assert 5 in skipped and 6 in skipped, "steps skipped: %r" % skipped
if kind == "tls12":
    assert b["resumed_from_connection"] == 0, b["resumed_from_connection"]
    m = b["secrets"]["master"]
    assert m and m == a["secrets"]["master"], "master differs from connection 0's"
    assert keys.get(("CLIENT_RANDOM", a["client_random"])) == m, "master is not GnuTLS's key log line"
    assert b["live"]["client_master"] == m and b["live"]["server_master"] == m, "GnuTLS's second pair reports another master"
else:
    ch = b["messages"][0]["details"]["extensions"]
    assert 41 in ch and 51 in ch, "second ClientHello extensions %r" % ch
    for h in lines:
        for label, key in (("CLIENT_HANDSHAKE_TRAFFIC_SECRET", "client_handshake_traffic_secret"),
                           ("SERVER_HANDSHAKE_TRAFFIC_SECRET", "server_handshake_traffic_secret"),
                           ("CLIENT_TRAFFIC_SECRET_0", "client_traffic_secret_0"),
                           ("SERVER_TRAFFIC_SECRET_0", "server_traffic_secret_0")):
            assert keys.get((label, h["client_random"])) == h["secrets"][key], "%s not GnuTLS's" % key
PY
	else
		bad "live $* failed: $(cat "$dir/err")"
	fi
}
resumed tls12 --resume ticket
resumed tls12 --resume session-id
resumed tls12 --resume session-id --kx ecdhe --ems
resumed tls13 --tls 1.3 --resume ticket
resumed tls13 --tls 1.3 --kx dhe --resume ticket
expect_exit 2 "$T" live --resume session-id --tls 1.3
head -1 "$dir/err" | grep -q '^tlstrace: TLS 1.3 has no session-id resumption: ' && ok \
	|| bad "--resume session-id --tls 1.3: $(head -1 "$dir/err")"
expect_exit 2 "$T" live --hrr
expect_exit 2 "$T" live --resume
# HelloRetryRequest: step 2 shows it, step 1 the second ClientHello; the
# secrets are GnuTLS's; both Finished verify (the transcript's message_hash).
if "$T" live --tls 1.3 --hrr --json --keylog "$dir/hkeys" >"$dir/hjson" 2>"$dir/err"; then
	python3 - "$dir/hjson" "$dir/hkeys" <<'PY' >"$dir/py" 2>&1 && ok || bad "live --tls 1.3 --hrr: $(cat "$dir/py")"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
keys = {tuple(l.split()[:2]): l.split()[2] for l in open(sys.argv[2]) if len(l.split()) == 3}
assert len(lines) == 1, "%d JSON lines" % len(lines)
h = lines[0]
seq = [(m["type"], m["step"]) for m in h["messages"] if m["type"] in ("ClientHello", "HelloRetryRequest", "ServerHello")]
assert seq == [("ClientHello", 1), ("HelloRetryRequest", 2), ("ClientHello", 1), ("ServerHello", 2)], seq
hrr = [m for m in h["messages"] if m["type"] == "HelloRetryRequest"][0]
assert hrr["details"]["hello_retry_request"] is True, hrr["details"]
assert h["finished"] == {"client": "verified", "server": "verified"}, h["finished"]
assert h["outcome"] == "complete", h["outcome"]
assert keys[("CLIENT_TRAFFIC_SECRET_0", h["client_random"])] == h["secrets"]["client_traffic_secret_0"]
assert keys[("SERVER_TRAFFIC_SECRET_0", h["client_random"])] == h["secrets"]["server_traffic_secret_0"]
PY
else
	bad "live --tls 1.3 --hrr failed: $(cat "$dir/err")"
fi

# The text view names every step and says what it achieves.
if "$T" live --text >"$dir/text" 2>"$dir/err"; then
	for n in 1 2 3 4 5 6 7 8 9; do
		grep -q "^Step $n " "$dir/text" && ok || bad "text view lacks step $n"
	done
	grep -q 'master secret (derived)' "$dir/text" && ok || bad "text view lacks the derived master"
	grep -q 'verdict  *verified' "$dir/text" && ok || bad "text view lacks a verified Finished"
else
	bad "live --text failed"
fi

# Round trip: a live run saved as a capture reads back as the same trace,
# and Wireshark decrypts the file (with the key log file, and with the key
# log embedded in the pcapng alone).
for args in "" "--tls 1.3" "--kx ecdhe --ems" "--resume ticket" "--tls 1.3 --resume ticket" "--tls 1.3 --hrr"; do
	rm -f "$dir/rt.pcapng" "$dir/rt.keys"
	# shellcheck disable=SC2086
	if "$T" live $args --write-pcap "$dir/rt.pcapng" --keylog "$dir/rt.keys" --json >"$dir/rt-live.json" 2>"$dir/err" &&
	   "$T" read "$dir/rt.pcapng" --keylog "$dir/rt.keys" --json >"$dir/rt-read.json" 2>>"$dir/err"; then
		python3 "$(dirname "$0")/check_roundtrip.py" "$dir/rt-live.json" "$dir/rt-read.json" >"$dir/py" 2>&1 \
			&& ok || bad "round trip '$args': $(cat "$dir/py")"
		fins=$((2 * $(wc -l <"$dir/rt-live.json")))   # two Finished a handshake
		n=$(tshark -r "$dir/rt.pcapng" -o "tls.keylog_file:$dir/rt.keys" -Y 'tls.handshake.type == 20' 2>/dev/null | wc -l)
		[ "$n" -eq "$fins" ] && ok || bad "round trip '$args': tshark decrypted $n Finished with the key log, not $fins"
		n=$(tshark -r "$dir/rt.pcapng" -Y 'tls.handshake.type == 20' 2>/dev/null | wc -l)
		[ "$n" -eq "$fins" ] && ok || bad "round trip '$args': tshark decrypted $n Finished with the embedded secrets, not $fins"
	else
		bad "round trip '$args': $(cat "$dir/err")"
	fi
done

# Failure scenarios: the listing names every scenario with the step and
# side it fails at; each one, run for real, fails exactly there (JSON
# checked by Python), and reads back from its own capture with the same
# diagnosis; tshark, independently, sees the alert.
expect_exit 0 "$T" scenarios
cp "$dir/out" "$dir/scenarios"
for name in no-common-cipher version-mismatch untrusted-ca expired-cert wrong-hostname client-cert-missing \
	    wrong-server-key tampered-hello; do
	grep -q "^$name  " "$dir/scenarios" && ok || bad "scenarios does not list $name"
done
grep -qv '(fails at step [1-9], detected by the \(client\|server\))$' "$dir/scenarios" \
	&& bad "scenarios: a line does not end with its step and side" || ok
# check_failure JSON STEP SIDE: outcome failed at STEP by SIDE, an alert, a
# reason, causes; steps before done, after not reached (or skipped).
check_failure() {
	python3 - "$@" <<'PY'
import json, sys
path, step, side = sys.argv[1], int(sys.argv[2]), sys.argv[3]
lines = [l for l in open(path) if l.strip()]
assert len(lines) == 1, "%d JSON lines" % len(lines)
d = json.loads(lines[0])
f = d["failure"]
assert d["outcome"] == "failed", d["outcome"]
assert f and f["step"] == step and f["sender"] == side, f
assert isinstance(f["alert_id"], int) and f["alert"], f
assert len(f["reason"]) > 20 and len(f["causes"]) >= 1, f
# TLS 1.3 runs the server's Finished (8) before the client's steps 5-7, and skips 4
order = [1, 2, 3, 4, 8, 5, 6, 7, 9] if d["version"] == "TLS 1.3" else list(range(1, 10))
before = {"done", "skipped"} if d["version"] == "TLS 1.3" else {"done"}
for s in d["steps"]:
    at, fail_at = order.index(s["step"]), order.index(step)
    want = before if at < fail_at else {"failed"} if at == fail_at else {"not-reached", "skipped"}
    assert s["status"] in want, (s, want)
print(f["alert_id"])
PY
}
while read -r name rest; do
	step=$(echo "$rest" | sed -n 's/.*(fails at step \([1-9]\), detected by the \([a-z]*\))$/\1/p')
	side=$(echo "$rest" | sed -n 's/.*(fails at step \([1-9]\), detected by the \([a-z]*\))$/\2/p')
	rm -f "$dir/sc.keys" "$dir/sc.pcapng"
	if ! "$T" live --scenario "$name" --json --keylog "$dir/sc.keys" --write-pcap "$dir/sc.pcapng" \
		>"$dir/sc-live.json" 2>"$dir/err"; then
		bad "live --scenario $name failed: $(cat "$dir/err")"
		continue
	fi
	if alert=$(check_failure "$dir/sc-live.json" "$step" "$side" 2>"$dir/py"); then ok; else
		bad "live --scenario $name: $(tail -1 "$dir/py")"; fi
	if "$T" read "$dir/sc.pcapng" --keylog "$dir/sc.keys" --json >"$dir/sc-read.json" 2>"$dir/err" &&
	   ralert=$(check_failure "$dir/sc-read.json" "$step" "$side" 2>"$dir/py") && [ "$ralert" = "$alert" ]; then
		ok
	else
		bad "scenario $name read back from its capture: $(tail -1 "$dir/py") $(cat "$dir/err")"
	fi
	tshark -r "$dir/sc.pcapng" -o "tls.keylog_file:$dir/sc.keys" -T fields -e tls.alert_message.desc 2>/dev/null \
		| grep -qx "$alert" && ok || bad "scenario $name: tshark does not see alert $alert"
done <"$dir/scenarios"
"$T" live --scenario expired-cert --text >"$dir/text" 2>"$dir/err" && grep -q '^Failed at step 5 ' "$dir/text" \
	&& ok || bad "live --scenario expired-cert --text: no 'Failed at step 5'"
# The classic run offers a choice (issue 11): the client lists several
# suites, the server picks the one asked for.  tshark reads the offer.
rm -f "$dir/offer.pcapng"
"$T" live --write-pcap "$dir/offer.pcapng" >/dev/null 2>&1
offer=$(tshark -r "$dir/offer.pcapng" -Y 'tls.handshake.type == 1' -T fields -e tls.handshake.ciphersuite 2>/dev/null)
chosen=$(tshark -r "$dir/offer.pcapng" -Y 'tls.handshake.type == 2' -T fields -e tls.handshake.ciphersuite 2>/dev/null)
n=$(echo "$offer" | tr ',' '\n' | grep -c .)
[ "$n" -gt 1 ] && [ "$chosen" = 0x003c ] && echo "$offer" | grep -q 0x003c && ok ||
	bad "classic run: the client offers $n suite(s) ($offer), the server chose '$chosen'"

# Secrets on disk (issue 14): a key log is created 0600 and appended to; a
# capture is never overwritten without --force; neither is written through
# a symbolic link, and nothing runs when a file is refused.
sd="$dir/secrets"; mkdir -p "$sd"
"$T" live --json --keylog "$sd/k" --write-pcap "$sd/p.pcapng" >/dev/null 2>"$dir/err" && ok || bad "secrets: first run failed: $(cat "$dir/err")"
[ "$(stat -c %a "$sd/k")" = 600 ] && [ "$(stat -c %a "$sd/p.pcapng")" = 600 ] && ok || bad "secrets: files not created 0600"
before=$(stat -c %s "$sd/p.pcapng")
expect_exit 1 "$T" live --json --keylog "$sd/k" --write-pcap "$sd/p.pcapng"
grep -q 'already exists.*--force' "$dir/err" && [ ! -s "$dir/out" ] && [ "$(stat -c %s "$sd/p.pcapng")" = "$before" ] \
	&& ok || bad "secrets: an existing capture was not refused before the run"
[ "$(grep -c '^CLIENT_RANDOM' "$sd/k")" -eq 1 ] && ok || bad "secrets: the refused run wrote to the key log"
"$T" live --json --keylog "$sd/k" --write-pcap "$sd/p.pcapng" --force >/dev/null 2>"$dir/err" && ok || bad "secrets: --force failed"
[ "$(grep -c '^CLIENT_RANDOM' "$sd/k")" -eq 2 ] && ok || bad "secrets: the key log was not appended to"
"$T" read "$sd/p.pcapng" --keylog "$sd/k" --json >"$dir/out" 2>&1 && grep -q '"client":"verified"' "$dir/out" \
	&& ok || bad "secrets: the replaced capture does not read back verified"
chmod 644 "$sd/k"; "$T" live --keylog "$sd/k" >/dev/null 2>&1
[ "$(stat -c %a "$sd/k")" = 600 ] && ok || bad "secrets: a key log readable by others was not made private"
ln -s "$sd/elsewhere" "$sd/link"
expect_exit 1 "$T" live --keylog "$sd/link"
grep -q 'symbolic link' "$dir/err" && [ ! -e "$sd/elsewhere" ] && ok || bad "secrets: a key log was written through a symbolic link"
expect_exit 1 "$T" live --write-pcap "$sd/link" --force
grep -q 'symbolic link' "$dir/err" && [ ! -e "$sd/elsewhere" ] && ok || bad "secrets: a capture was written through a symbolic link"

# The altered hello: both sides' masters are in the key log, for the same random.
rm -f "$dir/sc.keys"
"$T" live --scenario tampered-hello --json --keylog "$dir/sc.keys" >/dev/null 2>&1
[ "$(awk '$1 == "CLIENT_RANDOM" { print $2 }' "$dir/sc.keys" | sort -u | wc -l)" -eq 1 ] &&
[ "$(awk '$1 == "CLIENT_RANDOM" { print $3 }' "$dir/sc.keys" | sort -u | wc -l)" -eq 2 ] \
	&& ok || bad "tampered-hello: the key log does not hold the two sides' different masters"
for args in "live --scenario no-such-thing" "live --scenario untrusted-ca --tls 1.3" "live --scenario" \
	    "scenarios extra" "read x.pcap --scenario untrusted-ca"; do
	# shellcheck disable=SC2086
	expect_exit 2 "$T" $args
	head -1 "$dir/err" | grep -q '^tlstrace: ' && ok || bad "'$args': first line of stderr is not an error message"
	grep -q '^usage: ' "$dir/err" && ok || bad "'$args': no usage on stderr"
	[ -s "$dir/out" ] && bad "'$args' wrote to stdout" || ok
done
# Captures of real OpenSSL failures give the same diagnosis as the live scenarios.
for c in "openssl-fail-no-shared-cipher 2 server" "openssl-fail-untrusted 5 client" \
	 "openssl-fail-untrusted-tls13 5 client" "openssl-fail-no-client-cert 5 server"; do
	set -- $c
	cap="$(dirname "$0")/../captures/$1"
	if "$T" read "$cap.pcap" --keylog "$cap.keys" --json >"$dir/cap.json" 2>"$dir/err" &&
	   check_failure "$dir/cap.json" "$2" "$3" >/dev/null 2>"$dir/py"; then
		ok
	else
		bad "read $1: $(tail -1 "$dir/py") $(cat "$dir/err")"
	fi
done

# live --summary: one line saying what the handshake was and how it ended.
"$T" live --tls 1.3 --summary >"$dir/sum" 2>"$dir/err"
[ "$(wc -l <"$dir/sum")" -eq 1 ] && grep -q '^0\.0  TLS 1\.3  TLS_AES_.*  ECDHE  full  Finished: client verified, server verified  complete  ja4 t13d[0-9]\{4\}[0-9a-z]\{2\}_[0-9a-f]\{12\}_[0-9a-f]\{12\}$' "$dir/sum" \
	&& ok || bad "live --tls 1.3 --summary: $(cat "$dir/sum" "$dir/err")"
"$T" live --scenario untrusted-ca --summary >"$dir/sum" 2>"$dir/err"
grep -q 'failed at step 5 (client), alert bad_certificate: ' "$dir/sum" && ok || bad "live untrusted-ca --summary: $(cat "$dir/sum" "$dir/err")"

# A capture through a pipe (not mapped: libpcap reads it on the read-ahead
# thread) says the same as the file, with a filter applied there too.
cap="$(dirname "$0")/../captures/three-connections"
for filt in "" "tcp port 56760"; do
	"$T" read "$cap.pcap" --keylog "$cap.keys" --json ${filt:+--filter "$filt"} >"$dir/file.json" 2>"$dir/err"
	cat "$cap.pcap" | "$T" read /dev/stdin --keylog "$cap.keys" --json ${filt:+--filter "$filt"} >"$dir/pipe.json" 2>>"$dir/err"
	if [ -s "$dir/file.json" ] && cmp -s "$dir/file.json" "$dir/pipe.json"; then ok; else bad "read from a pipe ($filt) differs from the file: $(cat "$dir/err")"; fi
done

# Lessons: at least eight in each language; each printed with its own live
# run's values filled in (a 64-digit hex value, no placeholder left), the
# Japanese ones in Japanese (UTF-8), the English ones in ASCII.
high=$(printf '[\200-\377]')
for lang in en ja; do
	if "$T" lessons --lang "$lang" >"$dir/lessons-$lang" 2>"$dir/err"; then
		[ "$(wc -l <"$dir/lessons-$lang")" -ge 8 ] && ok || bad "lessons --lang $lang lists fewer than 8 lessons"
	else
		bad "lessons --lang $lang failed: $(cat "$dir/err")"
	fi
done
LC_ALL=C grep -q "$high" "$dir/lessons-ja" && ok || bad "lessons --lang ja: no Japanese titles"
LC_ALL=C grep -q "$high" "$dir/lessons-en" && bad "lessons --lang en: non-ASCII titles" || ok
cut -d' ' -f1 "$dir/lessons-ja" | sort >"$dir/names-ja"
cut -d' ' -f1 "$dir/lessons-en" | sort | cmp -s - "$dir/names-ja" && ok || bad "lessons: en and ja list different names"
env -u LC_ALL -u LC_MESSAGES LANG=ja_JP.UTF-8 "$T" lessons >"$dir/out" 2>&1 && cmp -s "$dir/out" "$dir/lessons-ja" \
	&& ok || bad "lessons: LANG=ja_JP.UTF-8 does not give the Japanese list"
LC_ALL=C LANG=ja_JP.UTF-8 "$T" lessons >"$dir/out" 2>&1 && cmp -s "$dir/out" "$dir/lessons-en" \
	&& ok || bad "lessons: LC_ALL=C does not win over LANG"
for name in $(cut -d' ' -f1 "$dir/lessons-en"); do
	for lang in en ja; do
		if "$T" lesson "$name" --text --lang "$lang" >"$dir/lesson" 2>"$dir/err"; then ok; else
			bad "lesson $name --text --lang $lang exited $?: $(cat "$dir/err")"; continue; fi
		grep -q '[{}]' "$dir/lesson" && bad "lesson $name ($lang): placeholder left: $(grep -m1 '[{}]' "$dir/lesson")" || ok
		grep -Eq '[0-9a-f]{64}' "$dir/lesson" && ok || bad "lesson $name ($lang): no value of the run (64 hex digits)"
		if [ "$lang" = ja ]; then
			LC_ALL=C grep -q "$high" "$dir/lesson" && grep -q '^ステップ 1 ' "$dir/lesson" \
				&& ok || bad "lesson $name (ja): not in Japanese"
		else
			LC_ALL=C grep -q "$high" "$dir/lesson" && bad "lesson $name (en): non-ASCII text" || ok
			grep -q '^Step 9 ' "$dir/lesson" && ok || bad "lesson $name (en): no step 9"
		fi
		grep -q 'lesson '"$name"' --lang '"$lang"' --text --answers' "$dir/lesson" \
			&& ok || bad "lesson $name ($lang): no hint for the answers"
	done
done
# Wrapping (base/wrap.h) follows COLUMNS, not the locale: the Japanese text
# breaks the same under LC_ALL=C as under C.UTF-8 (the run's values
# aside), and the wrapped lines fill 60 columns without passing them.
for loc in C C.UTF-8; do
	COLUMNS=60 LC_ALL=$loc "$T" lesson classic-rsa --text --lang ja 2>"$dir/err" >"$dir/wrap-$loc" \
		|| bad "lesson --text --lang ja under LC_ALL=$loc: $(cat "$dir/err")"
	sed -E 's/[0-9a-f]{8,}/HEX/g' "$dir/wrap-$loc" >"$dir/wrap-$loc.masked"
done
[ -s "$dir/wrap-C.masked" ] && cmp -s "$dir/wrap-C.masked" "$dir/wrap-C.UTF-8.masked" \
	&& ok || bad "lesson --text --lang ja wraps differently under LC_ALL=C and C.UTF-8"
python3 - "$dir/wrap-C.UTF-8" <<'PY' && ok || bad "lesson --text with COLUMNS=60: lines wider than 60 columns, or none near it"
import sys, unicodedata
width = lambda l: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in l)
# the two header lines, the message lines (->) and the hint are not wrapped
lines = [l for l in open(sys.argv[1], encoding="utf-8").read().split("\n")[2:]
         if "->" not in l and "tlstrace lesson" not in l]
wide = [l for l in lines if width(l) > 60]
assert not wide, wide[:3]
assert max(map(width, lines)) >= 57
PY
"$T" lesson classic-rsa --text --answers --lang en >"$dir/lesson" 2>&1 && grep -q '^     Answer: ' "$dir/lesson" \
	&& ok || bad "lesson --answers shows no answer"
# The live values are this run's: the lesson's master secret is the one the key exchange produced.
"$T" lesson master-secret --text --lang en 2>&1 | tr -s ' \n' '  ' >"$dir/lesson"
grep -q 'is exactly the master secret' "$dir/lesson" && grep -q 'the derivation is confirmed' "$dir/lesson" \
	&& ok || bad "lesson master-secret: the worked PRF does not check"
for args in "lesson no-such-lesson --text" "lesson classic-rsa --lang fr" "lesson" "lesson classic-rsa --lang" \
	    "lesson classic-rsa --frobnicate" "lesson a b" "lessons extra" "lessons --lang de" "lesson ../en/classic-rsa"; do
	# shellcheck disable=SC2086
	expect_exit 2 "$T" $args
	head -1 "$dir/err" | grep -q '^tlstrace: ' && ok || bad "'$args': first line of stderr is not an error message"
	grep -q '^usage: ' "$dir/err" && ok || bad "'$args': no usage on stderr"
	[ -s "$dir/out" ] && bad "'$args' wrote to stdout" || ok
done
mkdir -p "$dir/badlessons/en"
printf 'name: broken\ntitle: B\nrun: tls=1.2\n[intro]\nA {nope} here\n' >"$dir/badlessons/en/broken.lesson"
expect_exit 1 env TLSTRACE_LESSONS="$dir/badlessons" "$T" lesson broken --text --lang en
grep -q 'broken.lesson:5: unknown placeholder {nope}' "$dir/err" && ok || bad "a broken lesson is not reported with its line"

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
