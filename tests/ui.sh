#!/bin/sh
# ui.sh - the interface as a person meets it: the real program in a tmux
# pane (a private server, -L tlstrace-test, never a user's), driven with
# send-keys and read back with capture-pane.  Every wait is a bounded
# poll.  What the screen shows is compared with the --json output of the
# same capture (exact values) or the same live configuration (suite,
# step statuses).  Usage: tests/ui.sh [./tlstrace]
# Prints "N passed, M failed"; exits non-zero on any failure.
set -u
T=${1:-./tlstrace}
case $T in /*) ;; *) T=$(pwd)/$T ;; esac
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
scr="python3 $here/ui_screen.py"
tmp=$(mktemp -d); [ -n "${KEEP:-}" ] && echo "tests/ui.sh: keeping $tmp"
TM="tmux -L tlstrace-test-$$ -f /dev/null"
CAP=$root/captures/three-connections.pcap
KEYS=$root/captures/three-connections.keys
pass=0
fail=0

cleanup() { $TM kill-server >/dev/null 2>&1; [ -n "${KEEP:-}" ] || rm -rf "$tmp"; }
trap cleanup EXIT INT TERM
. "$here/check_lib.sh"
. "$here/tmux_lib.sh"


if ! command -v tmux >/dev/null 2>&1; then
	echo "tests/ui.sh: tmux is not installed"; exit 1
fi
[ -x "$T" ] || { echo "tests/ui.sh: $T is not built"; exit 1; }
$TM kill-server >/dev/null 2>&1
# a session that lives as long as the test: killing the last of the
# others must not stop the server while the next one is being started
# ("server exited unexpectedly" under load)
$TM new-session -d -s keep -x 80 -y 24 "sleep 100000"

# start NAME WIDTH HEIGHT ARGS...: tlstrace ARGS in a new session.  When it
# ends, its status goes to $tmp/NAME.status, the terminal's modes to
# $tmp/NAME.stty, and a shell prompt appears in the pane.
start() {
	name=$1 w=$2 h=$3; shift 3
	rm -f "$tmp/$name.status" "$tmp/$name.stty"
	$TM new-session -d -s "$name" -x "$w" -y "$h" \
		"cd '$root'; env LANG=C.UTF-8 LC_ALL=C.UTF-8 ${ENVV:-} '$T' $*; echo EXIT=\$? > '$tmp/$name.status'; stty -a > '$tmp/$name.stty'; PS1='prompt\$ ' exec sh -i"
}
screen_e() { $TM capture-pane -p -e -t "$1" > "$tmp/screen.e" 2>/dev/null; }

# wait_gone NAME REGEX [SECONDS]
wait_gone() {
	i=0; limit=$(( ${3:-10} * 10 ))
	while [ $i -lt $limit ]; do
		if ! screen "$1" | grep -Eq -- "$2"; then return 0; fi
		sleep 0.1; i=$((i + 1))
	done
	echo "  (still showing '$2')"; return 1
}
# wait_exit NAME [SECONDS]: until the program has exited
wait_exit() {
	i=0; limit=$(( ${2:-10} * 10 ))
	while [ $i -lt $limit ]; do
		[ -s "$tmp/$1.status" ] && [ -s "$tmp/$1.stty" ] && return 0
		sleep 0.1; i=$((i + 1))
	done
	return 1
}
status_is() { grep -qx "EXIT=$2" "$tmp/$1.status" 2>/dev/null; }
# the terminal is back in its normal modes: canonical input and echo
tty_sane() { grep -Eq '(^| )icanon( |$)' "$tmp/$1.stty" && grep -Eq '(^| )echo( |$)' "$tmp/$1.stty"; }
step_is() { wait_for "$1" "Step $2: " 5; }
step_ja() { wait_for "$1" "ステップ $2: " 5; }   # --lang ja: the interface speaks Japanese too
kill_session() { $TM kill-session -t "$1" >/dev/null 2>&1; }

# ---------------------------------------------------------------- live
"$T" live --json > "$tmp/live.json" 2>"$tmp/live.err" || bad "tlstrace live --json failed: $(cat "$tmp/live.err")"
start live 120 40
check "opens at step 1" wait_for live 'Step 1: Client hello'
check "step 1 is the current step" wait_for live '▶ ✓ 1 Client hello' 2
check "ClientHello on the ladder" wait_for live '│─ ClientHello ─' 2
check "ClientHello in the detail pane" wait_for live 'ClientHello +client → server' 2
check "the step list shows nine steps" wait_for live '9 Application data' 2
# the classic handshake visits the nine steps in order
for s in 2 3 4 5 6 7 8 9; do
	keys live n
	check "n reaches step $s" step_is live $s
	[ $s = 5 ] && wait_for live 'verdict +' 3 >/dev/null && screen live > "$tmp/s5"
done
# step 5, reached going forward: the verdict, the host name check, the chain
check "step 5: the verdict when first reached" grep -Eq 'verdict +✓ The certificate is trusted\. \(the client.s GnuTLS, status 0x0\)' "$tmp/s5"
check "step 5: the host name check" grep -Eq 'host name +✓ server\.example matches the certificate.s names \(SAN\)' "$tmp/s5"
check "step 5: the server certificate's subject" grep -Eq 'subject +CN=server\.example,O=tlstrace' "$tmp/s5"
check "step 5: its issuer" grep -Eq 'issuer +CN=tlstrace demo CA,O=tlstrace' "$tmp/s5"
check "step 5: its dates, checked" grep -Eq 'valid +20[0-9]{2}-[0-9]{2}-[0-9]{2} [0-9:]{8}Z to 20[0-9]{2}-[0-9]{2}-[0-9]{2} [0-9:]{8}Z: valid then' "$tmp/s5"
screen live > "$tmp/s9"
check "at step 9 the pointer is on step 9" grep -q '▶ ✓ 9 Application data' "$tmp/s9"
want=$($scr statuses "$tmp/live.json"); got=$($scr marks "$tmp/s9")
[ "$got" = "$want" ] && ok || bad "step marks '$got' differ from --json statuses '$want'"
suite=$($scr json "$tmp/live.json" cipher_suite.name)
check "the title bar names the suite of --json ($suite)" grep -q "TLS 1.2 · $suite" "$tmp/s9"
check "the ladder shows ChangeCipherSpec as such" grep -q '┄ ChangeCipherSpec ┄' "$tmp/s9"
cb=$($scr json "$tmp/live.json" application_data.client.bytes)
check "application data records are ladder rows ($cb B)" grep -q "─ application data $cb B ─" "$tmp/s9"
# step 9 opens on the client's request, decrypted, in full: text and hex
check "step 9: the request in the detail pane" grep -q 'Application data  client → server  '"$cb"' bytes' "$tmp/s9"
check "step 9: the request line as text" grep -q '│   GET / HTTP/1.1 ' "$tmp/s9"
check "step 9: the Host line as text" grep -q '│   Host: server.example ' "$tmp/s9"
want=$($scr json "$tmp/live.json" application_data.client.first_bytes)
got=$($scr pane-text "$tmp/s9" | grep -E '^[0-9a-f]{4}  ' | cut -c7-54 | tr -d ' \n')
[ -n "$got" ] && [ "$got" = "$want" ] && [ $((${#got} / 2)) -eq "$cb" ] && ok ||
	bad "step 9: the hex shown ('$got') is not the $cb bytes of --json ('$want')"
keys live n
check "n past the end says so" wait_for live 'this is the last step' 3
keys live p
check "p goes back to step 8" step_is live 8
check "going back hides step 9's lines" wait_gone live 'application data [0-9]+ B' 3
keys live p
check "p again: step 7" step_is live 7
check "step 8 not reached at step 7" wait_for live '· 8 Server Finished' 2
# help, closed by Escape and by q (q in the help does not quit)
keys live '?'
check "? shows the help" wait_for live 'Help: keys' 3
check "the help lists the keys from the table" wait_for live 'next step \(live: the engine runs' 2
keys live Escape
check "Escape closes the help" wait_gone live 'Help: keys' 3
keys live '?'
check "? shows the help again" wait_for live 'Help: keys' 3
keys live q
check "q closes the help" wait_gone live 'Help: keys' 3
check "... and does not quit" wait_for live 'Step 7: Client Finished' 2
[ -e "$tmp/live.status" ] && bad "q in the help quit the program" || ok
# the Bytes tab highlights the selected field's bytes
keys live g
check "g goes to step 1" step_is live 1
keys live Tab 2
# the ClientHello's length: the client offers several suites, so it varies
chlen=$(screen live | sed -n 's/.*ClientHello  client → server  \([0-9]*\) bytes.*/\1/p' | head -1)
[ -n "$chlen" ] && ok || bad "no ClientHello length on the screen"
check "2 opens the Bytes tab" wait_for live "bytes 0-$((chlen - 1)) of $chlen" 3
i=0
while [ $i -lt 12 ] && ! screen live | grep -q '│ random: '; do keys live Down; sleep 0.15; i=$((i + 1)); done
screen_e live
value=$($scr field "$tmp/screen" random); hl=$($scr hl-hex "$tmp/screen.e")
[ ${#value} -eq 64 ] && ok || bad "the Bytes tab shows no 32-byte random field ('$value')"
[ "$hl" = "$value" ] && ok || bad "highlighted bytes '$hl' are not the random field '$value'"
check "the selected field's place in the message" grep -q "bytes 6-37 of $chlen (32 bytes)" "$tmp/screen"
# and the Fields tab marks the server's choice
keys live n 1
check "step 2 in the Fields tab" wait_for live 'Step 2: Server hello' 3
check "the chosen suite is marked" wait_for live "cipher_suite: $suite \(0x[0-9a-f]{4}\)  ◀ chosen" 3
# the Secrets tab shows the client random of the Bytes tab
keys live 3
check "3 opens the Secrets tab" wait_for live '│ client random +[0-9a-f]{64}' 3
screen live > "$tmp/sec1"
cr1=$($scr secret "$tmp/sec1" "client random")
[ "$cr1" = "$value" ] && ok || bad "Secrets client random '$cr1' is not the ClientHello's random '$value'"
check "at step 2 the master secret is not shown yet" grep -Eq 'premaster secret +shown from step 6' "$tmp/sec1"
# resizing
$TM resize-window -t live -x 70 -y 20
check "70x20: the too-small message" wait_for live 'terminal too small \(need 80x24\)' 5
$TM resize-window -t live -x 120 -y 40
check "120x40 again: the view is back where it was" wait_for live 'Step 2: Server hello' 5
check "... with the Secrets tab" wait_for live '│ client random +[0-9a-f]{64}' 2
# r: a new handshake, new randoms
keys live r
check "r: back at step 1" step_is live 1
check "r says so" wait_for live 'a new handshake' 3
keys live n
step_is live 2 >/dev/null
wait_for live '│ client random +[0-9a-f]{64}' 3 >/dev/null
screen live > "$tmp/sec2"
cr2=$($scr secret "$tmp/sec2" "client random")
[ ${#cr2} -eq 64 ] && [ "$cr2" != "$cr1" ] && ok || bad "r did not make a new client random ('$cr1' then '$cr2')"
# mouse (xterm reports, as the terminal sends them): a step, a tab, a message
click() { # click NAME TEXT: a left click on the first TEXT of the screen
	screen "$1" >/dev/null
	set -- "$1" $($scr pos "$tmp/screen" "$2")
	[ $# -eq 3 ] && keys "$1" -l "$($scr click "$2" "$3")"
}
click live "4 Server hello done"
check "a click on step 4 in the list goes there" step_is live 4
click live "4 Explain"
check "a click on the Explain tab opens it" wait_for live 'what it is for +the server' 3
click live "─ ClientHello ─"
check "a click on an arrow selects its message" wait_for live "─ ClientHello  client → server  $chlen bytes" 3
# q quits with status 0, and the terminal is restored
keys live q
check "q exits" wait_exit live 10
check "exit status 0" status_is live 0
check "the terminal is back in canonical mode with echo" tty_sane live
check "the shell prompt is back" wait_for live '^prompt\$' 5
check "the interface is gone from the screen" wait_gone live 'Steps|Client hello' 3
kill_session live

# Ctrl-C also restores the terminal
start intr 120 40
wait_for intr 'Step 1: Client hello' >/dev/null
keys intr C-c
check "Ctrl-C exits" wait_exit intr 10
check "Ctrl-C: exit status 130" status_is intr 130
check "Ctrl-C: the terminal is restored" tty_sane intr
kill_session intr

# TLS 1.3: the server's Finished (8) comes before the client's steps 5-7
"$T" live --tls 1.3 --json > "$tmp/live13.json" 2>/dev/null
start t13 120 40 live --tls 1.3 --write-pcap "$tmp/t13.pcapng"
check "TLS 1.3 opens at step 1" wait_for t13 'Step 1: Client hello'
for s in 2 3 4 8 5 6 7 9; do
	keys t13 n
	check "TLS 1.3: n reaches step $s" step_is t13 $s
done
screen t13 > "$tmp/s13"
want=$($scr statuses "$tmp/live13.json"); got=$($scr marks "$tmp/s13")
[ "$got" = "$want" ] && ok || bad "TLS 1.3 step marks '$got' differ from --json '$want'"
check "TLS 1.3: step 4 skipped" grep -Eq '– 4 Server hello done +skipped' "$tmp/s13"
cb=$($scr json "$tmp/live13.json" application_data.client.bytes)
want=$($scr json "$tmp/live13.json" application_data.client.first_bytes)
got=$($scr pane-text "$tmp/s13" | grep -E '^[0-9a-f]{4}  ' | cut -c7-54 | tr -d ' \n')
check "TLS 1.3: step 9 shows the request line" grep -q '│   GET / HTTP/1.1 ' "$tmp/s13"
[ -n "$got" ] && [ "$got" = "$want" ] && [ $((${#got} / 2)) -eq "$cb" ] && ok ||
	bad "TLS 1.3 step 9: the hex shown ('$got') is not the $cb bytes of --json ('$want')"
# w: the request's record as on the wire; its length is checked against
# tshark's dissection of the run's own --write-pcap (decrypted with the
# key log it embeds)
keys t13 w
check "TLS 1.3: w shows the application data record as on the wire" wait_for t13 'The record as on the wire: [0-9]+ bytes' 3
check "TLS 1.3: its header, type 23 (application_data)" grep -Eq 'says +application_data \(23\), version 0x0303' "$tmp/screen"
check "TLS 1.3: the AEAD tag and the inner type" sh -c "grep -q 'AEAD tag' '$tmp/screen' && grep -q 'inner type' '$tmp/screen'"
wire_len=$(sed -n 's/.*The record as on the wire: \([0-9]*\) bytes.*/\1/p' "$tmp/screen" | head -1)
keys t13 q
check "TLS 1.3: q exits 0" wait_exit t13 && status_is t13 0
ts_len=$(tshark -r "$tmp/t13.pcapng" -Y 'tls.record.content_type == 23 && tcp.srcport == 50000' -T fields -e tls.record.length 2>/dev/null | head -1 | cut -d, -f1)
[ -n "$wire_len" ] && [ "$wire_len" = "$ts_len" ] && ok ||
	bad "TLS 1.3: the record's length on screen ($wire_len) is not tshark's ($ts_len)"
# (t13's session stays until resume's is up: the tmux server does not
# exit in between, which a new session could race with)
# --resume: the connection list shows the two connections; the second
# skips steps 3-6, each with the reason; r runs the pair again.
start resume 120 40 live --resume session-id
check "resume: the list shows 2 connections" wait_for resume '2 TLS connections, 2 handshakes'
check "resume: connection 0 complete" grep -Eq '^│✓ 0 .*complete' "$tmp/screen"
check "resume: connection 1 complete" grep -Eq '^│✓ 1 .*complete' "$tmp/screen"
keys resume Down Enter
check "resume: connection 1 opens at step 1" step_is resume 1
keys resume n n
check "resume: n n reaches step 3" step_is resume 3
check "resume: step 3 skipped, with the reason" wait_for resume 'skipped: resumed session: no certificate' 2
check "resume: step 3 marked skipped" grep -Eq '– 3 Server certificate +skipped' "$tmp/screen"
keys resume r
check "resume: r runs the pair again" wait_for resume 'a new handshake' 3
keys resume c
check "resume: c lists both connections again" wait_for resume '2 TLS connections, 2 handshakes' 3
keys resume q
check "resume: q exits 0" wait_exit resume && status_is resume 0
kill_session resume
kill_session t13

# the smallest size, by eye and by test: everything fits in 80x24
start small 80 24
check "80x24: the step view" wait_for small 'Step 1: Client hello'
check "80x24: the hints include quit" wait_for small 'q quit' 2
check "80x24: the tabs" wait_for small '1 Fields +2 Bytes +3 Secrets +4 Explain' 2
check "80x24: the footer keeps Tab" wait_for small ' Tab pane ' 2
check "80x24: the footer keeps Enter" wait_for small ' Enter open ' 2
check "80x24: the footer keeps r" wait_for small ' r re-run ' 2
keys small q
wait_exit small >/dev/null; kill_session small

# ------------------------------------------------- what each step shows
# the Finished computation is in view at steps 7 and 8 (Secrets tab)
start fin 120 40
check "fin: opens at step 1" step_is fin 1
# an extension's header says what it holds (scrolled into view)
keys fin Tab
i=0
while [ $i -lt 6 ] && ! screen fin | grep -q 'extension: server_name: server\.example'; do
	keys fin NPage; sleep 0.2; i=$((i + 1))
done
check "an extension header shows its summary (server_name: server.example)" \
	wait_for fin '▾ extension: server_name: server\.example' 2
check "... and supported_groups' list" wait_for fin 'extension: (signature_algorithms|supported_groups): [a-z0-9_]+, ' 2 ||
	{ keys fin NPage; wait_for fin 'extension: (signature_algorithms|supported_groups): [a-z0-9_]+, ' 2; }
# E closes every field, e opens them all
keys fin E
check "E closes every field" wait_for fin '▸ cipher_suites: [0-9]+' 2
check "... the extensions too" wait_for fin '▸ extensions' 2
keys fin e
check "e opens every field" wait_for fin '▾ cipher_suites: [0-9]+' 2
i=0   # the client offers several suites: the extensions may be a page further
while [ $i -lt 6 ] && ! screen fin | grep -q '▾ extension_data'; do keys fin NPage; sleep 0.2; i=$((i + 1)); done
check "... down to the extensions' data" wait_for fin '▾ extension_data' 2
# a long value wraps under itself (the encrypted premaster: 256 bytes)
keys fin n n n n n
check "fin: step 6" step_is fin 6
wait_for fin 'encrypted_pre_master_secret:' 3 >/dev/null
screen fin > "$tmp/fin6"
n=$(grep -Ec '│ +[0-9a-f]{60,} +│' "$tmp/fin6")
check "a long value wraps instead of being cut ($n lines of hex)" [ "$n" -ge 5 ]
check "... with no ellipsis in the tree" sh -c "! sed -n '/encrypted_pre_master_secret:/,\$p' '$tmp/fin6' | grep -q '…'"
keys fin 3 n
check "fin: step 7" step_is fin 7
check "step 7: the Secrets tab shows the client's Finished label" wait_for fin 'finished label +"client finished"' 3
check "step 7: ... its transcript hash" wait_for fin 'transcript hash +[0-9a-f]{64}' 2
check "step 7: ... expected" wait_for fin 'expected +[0-9a-f]{24}' 2
check "step 7: ... and received" wait_for fin 'received +[0-9a-f]{24}' 2
keys fin n
check "fin: step 8" step_is fin 8
check "step 8: the Secrets tab shows the server's Finished label" wait_for fin 'finished label +"server finished"' 3
screen fin > "$tmp/fin8"
check "step 8: ... its transcript hash" grep -Eq 'transcript hash +[0-9a-f]{64}' "$tmp/fin8"
check "step 8: ... expected" grep -Eq 'expected +[0-9a-f]{24}' "$tmp/fin8"
keys fin q
wait_exit fin >/dev/null; kill_session fin

# step 5 in a failure: the Alert on top, the verdict and the chain below
start untrusted 120 40 live --scenario untrusted-ca
check "untrusted: opens at step 1" step_is untrusted 1
keys untrusted n n n n
check "untrusted: step 5" step_is untrusted 5
check "untrusted: step 5 opens on the Alert" wait_for untrusted 'Alert  client → server  2 bytes' 3
check "untrusted: the title bar says where it failed" wait_for untrusted '✗ FAILED at step 5, detected by the client' 2
check "untrusted: the step's title in full at 120 columns" wait_for untrusted '✗ 5 Client checks the certificate +FAILED' 2
check "untrusted: the verdict" wait_for untrusted 'verdict +✗ The certificate is NOT trusted\. The certificate issuer is' 3
check "untrusted: the issuer nobody trusts" wait_for untrusted 'issuer +CN=Elsewhere Root CA' 2
check "untrusted: the host name check" wait_for untrusted 'host name +✓ server\.example matches' 2
check "untrusted: the dates" wait_for untrusted 'valid +20[0-9-]{8} [0-9:]{8}Z to 20[0-9-]{8} [0-9:]{8}Z: valid then' 2
check "untrusted: where the chain breaks" wait_for untrusted 'chain +the issuer of certificate 1, CN=Elsewhere Root CA' 2
check "untrusted: ... and that it breaks there" wait_for untrusted 'trusts: the chain breaks there' 2
keys untrusted q
wait_exit untrusted >/dev/null; kill_session untrusted

# step 5 with a client certificate: what the client sent, and the
# server's verdict on it, GnuTLS's own as --json reports it
"$T" live --client-auth --json > "$tmp/ca.json" 2>/dev/null
verdict=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["live"]["client_certificate_verdict"])' "$tmp/ca.json")
start cauth 160 120 live --client-auth
check "client-auth: opens at step 1" step_is cauth 1
keys cauth n n n n
check "client-auth: step 5" step_is cauth 5
check "client-auth: the server's check of the client's certificate" wait_for cauth "The server checks the client.s certificate" 3
check "client-auth: the client's own certificate" wait_for cauth 'certificate 1 of 1 \(the client.s own\)' 2
check "client-auth: its subject" wait_for cauth 'subject +CN=tlstrace demo client' 2
check "client-auth: not checked yet when first reached" wait_for cauth 'verdict +not yet: the server checks it' 2
keys cauth G
check "client-auth: the last step" step_is cauth 9
keys cauth p p p p
check "client-auth: back at step 5" step_is cauth 5
check "client-auth: the server's verdict, as GnuTLS gave it ($verdict)" wait_for cauth "verdict +✓ $verdict \\(the server.s GnuTLS, status 0x0\\)" 3
keys cauth q
wait_exit cauth >/dev/null; kill_session cauth

# an encrypted record as on the wire (Bytes tab, w): the client's
# Finished of TLS_RSA_WITH_AES_128_CBC_SHA256 is a 16-byte IV, then 16
# bytes of message, a 32-byte HMAC-SHA256 and 16 bytes of padding, enciphered
start wire 120 40
check "wire: opens at step 1" step_is wire 1
keys wire G
check "wire: the last step" step_is wire 9
keys wire p p
check "wire: step 7" step_is wire 7
keys wire Down w
check "wire: the Finished selected" wait_for wire 'Finished  client → server  16 bytes, encrypted' 3
check "wire: the record header" wait_for wire 'header +1603030050' 3
check "wire: the explicit IV" wait_for wire 'explicit IV +[0-9a-f]{32} ' 2
check "wire: the ciphertext" wait_for wire 'ciphertext +[0-9a-f]{64}' 2
check "wire: decrypted, 64 bytes" wait_for wire 'The ciphertext, decrypted \(64 bytes\)' 2
check "wire: the message inside" wait_for wire 'content +1400000c[0-9a-f]{24} ' 2
check "wire: the MAC inside" wait_for wire 'MAC +32 bytes' 2
check "wire: the padding inside" wait_for wire 'padding +16 bytes' 2
keys wire w
check "w again: the plaintext's bytes" wait_for wire 'bytes 0-[0-9]+ of 16' 3
keys wire q
wait_exit wire >/dev/null; kill_session wire

# a capture's step 9: each side's data, then the close_notify that closes it
start cn 120 40 read "$root/captures/openssl-tls12-rsa.pcap" --keylog "$root/captures/openssl-tls12-rsa.keys"
check "close_notify: opens at step 1" step_is cn 1
keys cn G
check "close_notify: step 9" step_is cn 9
check "close_notify: the client's data decrypted" wait_for cn '│   hello from openssl-tls12-rsa ' 3
screen cn > "$tmp/cn"
d=$(grep -n '─ application data 29 B ─' "$tmp/cn" | head -1 | cut -d: -f1)
c=$(grep -n 'Alert close_notify' "$tmp/cn" | head -1 | cut -d: -f1)
check "close_notify comes after the data it closes (lines $d, $c)" [ "${d:-99}" -lt "${c:-0}" ]
keys cn q
wait_exit cn >/dev/null; kill_session cn

# a Finished that fails: step 7 opens on the Alert, with the Finished
# computation and the diagnosis under it, and the title bar says so
start tampered 120 40 live --scenario tampered-hello
check "tampered: opens at step 1" step_is tampered 1
keys tampered G
check "tampered: the last step is 7" step_is tampered 7
check "tampered: step 7 opens on the Alert" wait_for tampered 'Alert  server → client  2 bytes' 3
check "tampered: the title bar" wait_for tampered '✗ FAILED at step 7, detected by the server' 2
screen tampered > "$tmp/tamp"
check "tampered: the client's Finished computation in view" grep -Eq 'transcript hash +[0-9a-f]{64}' "$tmp/tamp"
check "tampered: expected and received in view" sh -c "grep -Eq 'expected +[0-9a-f]{24}' '$tmp/tamp' && grep -Eq 'received +[0-9a-f]{24}' '$tmp/tamp'"
check "tampered: the failure's reason in the detail pane" grep -q '│ ✗ The handshake failed here, detected by the server' "$tmp/tamp"
keys tampered q
wait_exit tampered >/dev/null; kill_session tampered

# a capture checked with --ca: a capture made here with a CA that is kept
# (tests/make_ca_capture.sh: OpenSSL on loopback, tcpdump), then read with
# its own CA (trusted) and with another one (not trusted)
sh "$here/make_ca_capture.sh" "$tmp/ca" >/dev/null 2>&1; rc=$?
if [ $rc -eq 77 ]; then
	bad "the --ca checks need root, tcpdump and openssl to record their capture (make check runs as root and installs them)"
elif [ $rc -ne 0 ]; then
	bad "tests/make_ca_capture.sh could not make a capture (status $rc)"
else
	for ca in ca other-ca; do
		start "rca$ca" 120 40 read "$tmp/ca/ca.pcap" --keylog "$tmp/ca/ca.keys" --ca "$tmp/ca/$ca.pem"
		check "--ca $ca: opens at step 1" step_is "rca$ca" 1
		keys "rca$ca" n n n n
		check "--ca $ca: step 5" step_is "rca$ca" 5
		if [ $ca = ca ]; then
			check "--ca: trusted by its own CA, at the capture's time" \
				wait_for "rca$ca" 'verdict +✓ The certificate is trusted\. \(checked here against --ca' 3
		else
			check "--ca: not trusted by another CA" \
				wait_for "rca$ca" 'verdict +✗ The certificate is NOT trusted\. The certificate issuer is' 3
		fi
		check "--ca $ca: the subject" wait_for "rca$ca" 'subject +CN=server\.example,O=tlstrace test' 2
		check "--ca $ca: the host name check" wait_for "rca$ca" 'host name +✓ server\.example matches' 2
		check "--ca $ca: the dates at the capture's time" wait_for "rca$ca" 'valid +20[0-9-]{8} [0-9:]{8}Z to .*: valid then' 2
		keys "rca$ca" q
		wait_exit "rca$ca" >/dev/null; kill_session "rca$ca"
	done
fi

# colours: on by default, off with --no-color and with NO_COLOR
start col 120 40
wait_for col 'Step 1: Client hello' >/dev/null; screen_e col
check "colours by default" [ "$($scr colors "$tmp/screen.e")" = yes ]
keys col q; wait_exit col >/dev/null; kill_session col
start nocol 120 40 live --no-color
wait_for nocol 'Step 1: Client hello' >/dev/null; keys nocol Tab 2; wait_for nocol 'bytes 0-131' 3 >/dev/null; screen_e nocol
check "--no-color: no colour" [ "$($scr colors "$tmp/screen.e")" = no ]
check "--no-color: the highlight is still there (reverse)" [ -n "$($scr hl-hex "$tmp/screen.e")" ]
keys nocol q; wait_exit nocol >/dev/null; kill_session nocol
ENVV="NO_COLOR=1" start envcol 120 40
wait_for envcol 'Step 1: Client hello' >/dev/null; screen_e envcol
check "NO_COLOR: no colour" [ "$($scr colors "$tmp/screen.e")" = no ]
keys envcol q; wait_exit envcol >/dev/null; kill_session envcol

# autoplay advances by itself; any key pauses it
start auto 120 40 live --autoplay 0.3
check "--autoplay reaches step 4 by itself" wait_for auto 'Step 4: ' 8
keys auto x
check "a key pauses autoplay" wait_for auto 'autoplay paused' 3
screen auto | grep -o 'Step [0-9]: ' | head -1 > "$tmp/auto1"
sleep 1.2
screen auto | grep -o 'Step [0-9]: ' | head -1 > "$tmp/auto2"
check "paused: no step taken in 1.2 s" cmp -s "$tmp/auto1" "$tmp/auto2"
keys auto q; wait_exit auto >/dev/null; kill_session auto

# ------------------------------------------------------------- capture
# A capture that cannot be read: one line, status 1, no interface.
start nofile 120 40 read /nonexistent/none.pcap
check "an unreadable capture exits" wait_exit nofile 10
check "an unreadable capture: status 1" status_is nofile 1
screen nofile > "$tmp/nofile"
check "an unreadable capture: one line of error" [ "$(grep -c '^tlstrace: ' "$tmp/nofile")" -eq 1 ]
check "an unreadable capture: the interface never started" sh -c "! grep -q 'Steps' '$tmp/nofile'"
kill_session nofile

# the sample capture is being made by another engineer: wait for it
i=0
while [ ! -s "$CAP" ] && [ $i -lt 20 ]; do
	echo "tests/ui.sh: waiting for $CAP ($i min)"; sleep 60; i=$((i + 1))
done
if [ ! -s "$CAP" ] || ! "$T" read "$CAP" --keylog "$KEYS" --json > "$tmp/cap.json" 2>"$tmp/cap.err"; then
	bad "tlstrace read $CAP --json does not work: $(cat "$tmp/cap.err" 2>/dev/null)"
else
	start cap 120 40 read "$CAP" --keylog "$KEYS"
	check "read: the connection list" wait_for cap '3 TLS connections, 3 handshakes'
	screen cap > "$tmp/list"
	$scr ports "$tmp/cap.json" > "$tmp/ports"
	[ "$(wc -l < "$tmp/ports")" -eq 3 ] && ok || bad "--json has $(wc -l < "$tmp/ports") handshakes, not 3"
	n=0
	while read -r cport sport; do
		check "the list shows connection $n (:$cport -> :$sport)" grep -Eq "^│. $n +[0-9.]+:$cport +[0-9.]+:$sport " "$tmp/list"
		sfx=$($scr json "$tmp/cap.json" cipher_suite.name $n)
		check "connection $n's suite ($sfx)" grep -q "$sfx" "$tmp/list"
		n=$((n + 1))
	done < "$tmp/ports"
	keys cap Enter
	check "Enter opens the first connection at step 1" wait_for cap 'Step 1: Client hello' 5
	check "... its ClientHello" wait_for cap '│─ ClientHello ─' 2
	keys cap 3
	wait_for cap '│ client random +[0-9a-f]' 3 >/dev/null
	screen cap > "$tmp/c1"
	got=$($scr secret "$tmp/c1" "client random"); want=$($scr json "$tmp/cap.json" client_random 0)
	[ -n "$got" ] && [ "$got" = "$want" ] && ok || bad "Secrets client random '$got' is not --json's '$want'"
	for s in 2 3 4 5 6; do keys cap n; step_is cap $s >/dev/null || break; done
	check "capture: n reaches step 6" step_is cap 6
	wait_for cap '│ master secret +[0-9a-f]' 3 >/dev/null
	screen cap > "$tmp/c6"
	got=$($scr secret "$tmp/c6" "master secret"); want=$($scr json "$tmp/cap.json" secrets.master 0)
	[ ${#got} -eq 96 ] && [ "$got" = "$want" ] && ok || bad "Secrets master secret '$got' is not --json's '$want'"
	got=$($scr secret "$tmp/c6" "premaster secret"); want=$($scr json "$tmp/cap.json" secrets.premaster 0)
	[ "$got" = "$want" ] && ok || bad "Secrets premaster '$got' is not --json's '$want'"
	for s in 7 8 9; do keys cap n; step_is cap $s >/dev/null || break; done
	wait_for cap 'Server Finished' 3 >/dev/null
	keys cap PageDown PageDown
	sleep 0.3
	screen cap > "$tmp/c9"
	got=$($scr secret "$tmp/c9" "expected" "│ Server Finished "); want=$($scr json "$tmp/cap.json" finished_detail.server.expected 0)
	[ -n "$got" ] && [ "$got" = "$want" ] && ok || bad "Secrets server Finished expected '$got' is not --json's '$want'"
	keys cap c
	check "c goes back to the list" wait_for cap '3 TLS connections' 3
	keys cap Down Down Enter
	check "Enter on the third connection: step 1" wait_for cap 'Step 1: Client hello' 3
	sfx=$($scr json "$tmp/cap.json" cipher_suite.name 2)
	keys cap n
	check "the title bar names connection 2 and its suite" wait_for cap "connection 2: .* · $sfx" 3
	keys cap q
	check "read: q exits 0" wait_exit cap && status_is cap 0
	check "read: the terminal is restored" tty_sane cap
	kill_session cap
fi

# A Japanese lesson in the interface, in a UTF-8 locale: the lesson's text
# stands beside the step, filled with this run's values, and the wide
# characters keep the layout aligned: every line of the screen is exactly
# as wide as the terminal in display columns, borders included.
start ja 120 40 lesson classic-rsa --lang ja
check "ja lesson: opens at step 1" step_ja ja 1
keys ja n
check "ja lesson: step 2 shows the Japanese lesson text" wait_for ja 'サーバー' 5
screen ja > "$tmp/ja2"
python3 - "$tmp/ja2" <<'PY' && ok || bad "ja lesson: a line of the screen is not 120 columns wide"
import sys, unicodedata
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
boxed = [l for l in lines if l.startswith("│") or l.startswith("┌") or l.startswith("└")]
assert len(boxed) > 30, len(boxed)
width = lambda l: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in l)
bad = [(width(l), l) for l in boxed if width(l) != 120]
assert not bad, bad[:3]
PY
rnd=$(grep -o 'random: [0-9a-f]\{64\}' "$tmp/ja2" | head -1 | cut -c9-)
half=$(printf '%s' "$rnd" | cut -c1-26)
[ -n "$rnd" ] && grep -q "$half" "$tmp/ja2" && ok || bad "ja lesson: the lesson does not show this run's server random ($rnd)"
# The questions come at step 9; A reveals their answers there.
keys ja G
check "ja lesson: G reaches step 9" step_ja ja 9
keys ja 4 NPage NPage NPage NPage NPage NPage
check "ja lesson: the Explain tab has the questions" wait_for ja '理解度チェック' 5
wait_gone ja '^ *│ *答え' 1 >/dev/null && ok || bad "ja lesson: answers shown before A"
keys ja A NPage NPage NPage NPage NPage NPage
check "ja lesson: A reveals the answers" wait_for ja '│ 答え' 5
keys ja q
check "ja lesson: q exits 0" wait_exit ja && status_is ja 0
kill_session ja

# The same Japanese paragraphs wrap at the same places on screen and in
# `lesson --text` (one wrapper, base/wrap.h): the lesson's introduction in
# the Explain tab, compared line by line with the text view at the same
# width (the pane's text columns plus the text view's indent of two), at
# two terminal sizes (the text view is at most 100 columns wide).
start jawrap 120 50 lesson classic-rsa --lang ja
check "ja wrap: opens at step 1" step_ja jawrap 1
keys jawrap 4
for size in 120 100; do
	$TM resize-window -t jawrap -x $size -y 50
	sleep 0.3
	if ! wait_for jawrap '│ ブラウザーと' 5; then bad "ja wrap ($size): the Explain tab shows no introduction"; continue; fi
	screen jawrap > "$tmp/jaw"
	pw=$($scr pane-width "$tmp/jaw")
	$scr pane-text "$tmp/jaw" | sed -n '/^ブラウザーと/,$p' > "$tmp/jaw.ui"
	# the introduction: from its first line to the line before "ステップ 1"
	COLUMNS=$((pw + 2)) LC_ALL=C.UTF-8 "$T" lesson classic-rsa --text --lang ja 2>/dev/null |
		sed 's/^ *//; s/ *$//' | sed -n '/^ブラウザーと/,/^ステップ 1 /p' | sed '$d' |
		sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' > "$tmp/jaw.text"   # trailing blank lines dropped
	n=$(wc -l < "$tmp/jaw.text")
	head -n "$n" "$tmp/jaw.ui" > "$tmp/jaw.ui.intro"
	if [ "$n" -ge 8 ] && [ "$(wc -l < "$tmp/jaw.ui.intro")" -eq "$n" ] && cmp -s "$tmp/jaw.ui.intro" "$tmp/jaw.text"; then
		ok
	else
		bad "ja wrap ($size): the Explain tab ($pw columns) and lesson --text (COLUMNS=$((pw + 2))) break the introduction differently"
		diff "$tmp/jaw.ui.intro" "$tmp/jaw.text" | sed 's/^/  | /' | head -20
	fi
done
keys jawrap q
check "ja wrap: q exits 0" wait_exit jawrap && status_is jawrap 0
kill_session jawrap

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
