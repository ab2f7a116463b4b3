#!/bin/sh
# ui_compare.sh - the compare view as a person meets it: the real program
# in a tmux pane (a private server, -L tlstrace-cmp-PID), driven with
# send-keys and read back with capture-pane.  Both columns are on screen,
# a difference is marked, stepping moves both sides; the values shown are
# checked against each side's own `live --json` and tshark's dissection of
# the capture.  Usage: tests/ui_compare.sh [./tlstrace]
set -u
T=${1:-./tlstrace}
case $T in /*) ;; *) T=$(pwd)/$T ;; esac
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
C=$root/captures/three-connections.pcap
tmp=$(mktemp -d)
TM="tmux -L tlstrace-cmp-$$ -f /dev/null"
pass=0
fail=0

cleanup() { $TM kill-server >/dev/null 2>&1; rm -rf "$tmp"; }
trap cleanup EXIT INT TERM
. "$here/check_lib.sh"
. "$here/tmux_lib.sh"
WAIT_SECONDS=15

command -v tmux >/dev/null 2>&1 || { echo "tests/ui_compare.sh: tmux is not installed"; exit 1; }
[ -x "$T" ] || { echo "tests/ui_compare.sh: $T is not built"; exit 1; }
$TM new-session -d -s keep -x 80 -y 24 "sleep 100000"

# start NAME WIDTH HEIGHT ARGS...: its exit status goes to $tmp/NAME.status
start() {
	name=$1 w=$2 h=$3; shift 3
	$TM new-session -d -s "$name" -x "$w" -y "$h" \
		"cd '$root'; env LANG=C.UTF-8 LC_ALL=C.UTF-8 '$T' compare $*; echo EXIT=\$? > '$tmp/$name.status'; sleep 100000"
}
wait_exit() { i=0; while [ $i -lt 100 ]; do [ -s "$tmp/$1.status" ] && return 0; sleep 0.1; i=$((i + 1)); done; return 1; }

# -- live 1.2 against live 1.3, 120x36 --
"$T" live --tls 1.2 --json > "$tmp/a.json"
"$T" live --tls 1.3 --json > "$tmp/b.json"
va=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["version"])' "$tmp/a.json")
vb=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["version"])' "$tmp/b.json")
sb=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["cipher_suite"]["name"])' "$tmp/b.json")
start live 120 36 "'live --tls 1.2'" "'live --tls 1.3'"
check "the compare view opens on step 1" wait_for live 'Step 1  Client hello'
check "column A is on screen" grep -q 'A: live --tls 1.2' "$tmp/screen"
check "column B is on screen" grep -q 'B: live --tls 1.3' "$tmp/screen"
check "a difference is marked at step 1 (versions offered)" grep -Eq '│\* up to TLS 1\.2 \(legacy_version\) +\| TLS 1\.3' "$tmp/screen"
check "the step list marks differing steps" grep -Eq '│\* 2 Server hello' "$tmp/screen"
keys live n
check "n: both sides step to step 2" wait_for live 'Step 2  Server hello'
check "step 2: both versions side by side, marked ($va | $vb)" grep -Eq "│\* $va +\| $vb +│" "$tmp/screen"
check "step 2: B's suite is the one its live --json names" grep -q "| $sb (0x" "$tmp/screen"
check "step 2: the step list's cursor is on step 2" grep -q '│\*▶2 Server hello' "$tmp/screen"
keys live n
check "n again: step 3" wait_for live 'Step 3  Server certificate'
check "step 3: B's TLS 1.3 messages next to A's" grep -Eq '│\* +\| server: EncryptedExtensions' "$tmp/screen"
keys live p
check "p: back to step 2 on both sides" wait_for live 'Step 2  Server hello'
keys live G
check "G: the outcome" wait_for live 'Outcome  \(the same\)'
check "outcome: complete on both sides" grep -Eq '│  complete +\| complete +│' "$tmp/screen"
keys live g
check "g: step 1" wait_for live 'Step 1  Client hello'
keys live d
check "d: the next step that differs (2)" wait_for live 'Step 2  Server hello'
keys live '?'
check "?: the help, from the key table" wait_for live 'Help: comparing two handshakes'
keys live Escape
check "Esc closes the help" sh -c "sleep 0.3; ! $TM capture-pane -p -t live | grep -q 'Help: comparing'"
keys live q
check "q quits with status 0" sh -c "i=0; while [ \$i -lt 50 ] && ! [ -s '$tmp/live.status' ]; do sleep 0.1; i=\$((i+1)); done; grep -q EXIT=0 '$tmp/live.status'"

# -- two capture connections at 80x24: tshark names the suites --
s0=$(tshark -r "$C" -V -Y 'tls.handshake.type==2 && tcp.stream==0' 2>/dev/null | sed -n 's/^ *Cipher Suite: \([A-Z0-9_]*\) .*/\1/p' | head -1)
s2=$(tshark -r "$C" -V -Y 'tls.handshake.type==2 && tcp.stream==2' 2>/dev/null | sed -n 's/^ *Cipher Suite: \([A-Z0-9_]*\) .*/\1/p' | head -1)
start small 80 24 "'$C#0'" "'$C#2'"
check "80x24: the compare view opens" wait_for small 'Step 1  Client hello'
check "80x24: the footer keeps next, back, help and quit" \
	sh -c "tail -1 '$tmp/screen' | grep -q 'n next  p back.*? help  q quit'"
keys small q
start cap 110 30 "'$C#0'" "'$C#2'"
check "the capture comparison opens" wait_for cap 'Step 1  Client hello'
check "column A is the capture's connection 0" grep -q 'A: .*three-connections.pcap#0' "$tmp/screen"
keys cap Right
check "Right: step 2 on both sides" wait_for cap 'Step 2  Server hello'
check "step 2: A's suite as tshark names it ($s0)" grep -q "│\* $s0" "$tmp/screen"
check "step 2: B's suite as tshark names it ($s2)" grep -q "| $s2" "$tmp/screen"
keys cap q
wait_exit cap
check "q quits the capture comparison with 0" grep -q EXIT=0 "$tmp/cap.status"

echo "ui_compare: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
