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
	    "live --kx ecdhe --cipher TLS_RSA_WITH_AES_128_CBC_SHA"; do
	# shellcheck disable=SC2086
	expect_exit 2 "$T" $args
	head -1 "$dir/err" | grep -q '^tlstrace: ' && ok || bad "'$args': first line of stderr is not an error message"
	grep -q '^usage: ' "$dir/err" && ok || bad "'$args': no usage on stderr"
	[ -s "$dir/out" ] && bad "'$args' wrote to stdout" || ok
done

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
check "TLS 1.3" "client_cv=false" --tls 1.3
check "ECDHE" "kx=ECDHE" --kx ecdhe
check "DHE" "kx=DHE" --kx dhe
check "client auth" "kx=RSA client_cv=true" --client-auth
check "EMS" "kx=RSA ems=true" --ems
check "TLS 1.3 client auth" "client_cv=true" --tls 1.3 --client-auth
check "AES-256-GCM (SHA-384 PRF)" "kx=RSA" --cipher AES-256-GCM
check "ChaCha20-Poly1305" "kx=ECDHE" --kx ecdhe --cipher CHACHA20-POLY1305
check "IANA suite name" "kx=RSA" --cipher TLS_RSA_WITH_AES_256_CBC_SHA

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

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
