#!/bin/sh
# sniff.sh - `tlstrace sniff` on the loopback interface against real
# OpenSSL peers started here (s_server on 127.0.0.1, a random high port;
# s_client), with tcpdump capturing the same run as the oracle:
#  - sniff's JSON has the same client and server randoms, suite and
#    message types in order as `tlstrace read` of tcpdump's capture, and
#    tshark sees the same randoms in that capture (independent decoder);
#  - --keylog follows s_client's key log as it is written (the file is
#    empty when sniff starts): both Finished verified, TLS 1.2 and 1.3;
#    also when the secrets reach the log only after the handshake's
#    packets, in two writes cut in the middle of a line;
#  - the line of a handshake is out within a second or so of its end,
#    also while its connection stays open,
#    --count 1 exits 0 by itself, --write-pcap saves what `read` reads;
#  - Ctrl-C reports a connection still open (a server that never
#    answered: incomplete), everything flushed, status 0;
#  - without permission (as nobody): one line naming root or CAP_NET_RAW
#    and the exact setcap command, status 1; an unknown interface: one
#    line naming it and the interfaces there are, status 1;
#  - the interface in tmux (a private -L socket): the connection list
#    fills as two clients connect.
# Capturing needs root: not root is a failure, never a silent skip.
# Usage: tests/sniff.sh [./tlstrace]; prints "N passed, M failed".
set -u
T=${1:-./tlstrace}
case $T in /*) ;; *) T=$(pwd)/$T ;; esac
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d); [ -n "${KEEP:-}" ] && echo "tests/sniff.sh: keeping $tmp"
TM="tmux -L tlstrace-sniff-$$ -f /dev/null"
pass=0
fail=0
pids=""

# $pids: this shell's children not yet waited for (reap drops one once
# waited: its pid may belong to someone else afterwards).
reap() { wait "$1" 2>/dev/null; rc_reaped=$?; pids=$(echo " $pids " | sed "s/ $1 / /"); return $rc_reaped; }
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	$TM kill-server >/dev/null 2>&1
	[ -n "${KEEP:-}" ] || rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

. "$here/check_lib.sh"
. "$here/tmux_lib.sh"

if [ "$(id -u)" != 0 ]; then
	echo "FAIL: tests/sniff.sh captures on the loopback interface and must run as root (it does in CI)"
	exit 1
fi
for tool in openssl tcpdump tshark tmux python3 setpriv; do
	command -v $tool >/dev/null 2>&1 || { echo "FAIL: tests/sniff.sh needs $tool"; exit 1; }
done
[ -x "$T" ] || { echo "FAIL: $T is not built"; exit 1; }

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/key.pem" -out "$tmp/cert.pem" -days 2 \
	-subj /CN=localhost >/dev/null 2>&1 || { echo "FAIL: openssl cannot make a certificate"; exit 1; }

# a free high port
port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
# wait_listen PORT: until something accepts on 127.0.0.1:PORT (5 s)
wait_listen() {
	python3 - "$1" <<'EOF'
import socket, sys, time
for _ in range(100):
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.05)
sys.exit(1)
EOF
}
# wait_file FILE LINES SECONDS: until FILE has LINES lines
wait_file() {
	i=0; limit=$(( $3 * 10 ))
	while [ $i -lt $limit ]; do
		[ -f "$1" ] && [ "$(wc -l < "$1")" -ge "$2" ] && return 0
		sleep 0.1; i=$((i + 1))
	done
	return 1
}
# wait_pid PID SECONDS: until PID has exited; its status in $waited
wait_pid() {
	i=0; limit=$(( $2 * 10 ))
	while [ $i -lt $limit ]; do
		if ! kill -0 "$1" 2>/dev/null; then reap "$1"; waited=$?; return 0; fi
		sleep 0.1; i=$((i + 1))
	done
	kill "$1" 2>/dev/null; reap "$1"; waited=timeout
	return 1
}
# tcpdump_start FILE FILTER: tcpdump writing FILE, once it listens
tcpdump_start() {
	tcpdump -i lo --immediate-mode -U -w "$1" "$2" 2> "$1.err" &
	tdp=$!; pids="$pids $tdp"
	i=0
	while [ $i -lt 50 ] && ! grep -q listening "$1.err" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
}

# one_run NAME TLSFLAG KEYLOG(yes/no): sniff --count 1 and tcpdump around one
# s_client handshake; leaves $tmp/NAME.json (sniff), NAME.pcap (tcpdump),
# NAME.keys, NAME.w.pcap (--write-pcap), NAME.late (seconds from s_client's
# end to sniff's line).
one_run() {
	n=$1 flag=$2 kl=$3
	p=$(port)
	: > "$tmp/$n.keys"
	set -- -i lo --filter "tcp port $p" --json --count 1 --write-pcap "$tmp/$n.w.pcap"
	[ "$kl" != no ] && set -- "$@" --keylog "$tmp/$n.keys"
	"$T" sniff "$@" > "$tmp/$n.json" 2> "$tmp/$n.err" &
	sp=$!; pids="$pids $sp"
	tcpdump_start "$tmp/$n.pcap" "tcp port $p"
	openssl s_server -accept "127.0.0.1:$p" -cert "$tmp/cert.pem" -key "$tmp/key.pem" -quiet $flag \
		> /dev/null 2>&1 < /dev/null &
	svp=$!; pids="$pids $svp"
	wait_listen "$p" || bad "$n: s_server did not start"
	sleep 0.5   # sniff has had time to open lo (and the probe above is not TLS)
	if [ "$kl" = late ]; then
		# the secrets reach the followed log only after the handshake's
		# packets, and in two writes cut in the middle of a line
		openssl s_client -connect "127.0.0.1:$p" -keylogfile "$tmp/$n.src" $flag < /dev/null > /dev/null 2>&1
		t0=$(date +%s.%N)
		sleep 0.1
		head -c 150 "$tmp/$n.src" >> "$tmp/$n.keys"
		sleep 0.1
		tail -c +151 "$tmp/$n.src" >> "$tmp/$n.keys"
	else
		openssl s_client -connect "127.0.0.1:$p" -keylogfile "$tmp/$n.keys" $flag < /dev/null > /dev/null 2>&1
		t0=$(date +%s.%N)
	fi
	wait_file "$tmp/$n.json" 1 10
	t1=$(date +%s.%N)
	python3 -c "print('%.2f' % ($t1 - $t0))" > "$tmp/$n.late"
	check "$n: sniff --count 1 exits by itself" wait_pid "$sp" 10
	[ "$waited" = 0 ] || bad "$n: sniff's status is $waited: $(cat "$tmp/$n.err")"
	sleep 1      # tcpdump has written the last packets
	kill -INT "$tdp" 2>/dev/null; reap "$tdp"
	kill "$svp" 2>/dev/null; reap "$svp"
}

# compare SNIFF.json READ.json: randoms, suite, message types in order
compare() {
	python3 - "$1" "$2" <<'EOF'
import json, sys
def load(p):
    return [json.loads(l) for l in open(p) if l.strip()]
a, b = load(sys.argv[1]), load(sys.argv[2])
if len(a) != 1 or len(b) != 1:
    sys.exit("sniff gave %d handshakes, read %d" % (len(a), len(b)))
a, b = a[0], b[0]
for k in ("client_random", "server_random", "cipher_suite", "version"):
    if a[k] != b[k]:
        sys.exit("%s differs: sniff %r, read %r" % (k, a[k], b[k]))
# the same packets, numbered the same: sniff and tcpdump both count
# what the filter let through from the moment before the connection
ta = [(m["sender"], m["type"], m["frame"]) for m in a["messages"]]
tb = [(m["sender"], m["type"], m["frame"]) for m in b["messages"]]
if ta != tb:
    sys.exit("messages differ:\n sniff %r\n read  %r" % (ta, tb))
if a["source"] != "sniff":
    sys.exit("source is %r, not sniff" % a["source"])
EOF
}
# tshark_randoms PCAP SNIFF.json: tshark reads the same randoms
tshark_randoms() {
	cr=$(tshark -r "$1" -Y 'tls.handshake.type == 1' -T fields -e tls.handshake.random 2>/dev/null | head -1 | tr -d ':')
	sr=$(tshark -r "$1" -Y 'tls.handshake.type == 2' -T fields -e tls.handshake.random 2>/dev/null | head -1 | tr -d ':')
	python3 - "$2" "$cr" "$sr" <<'EOF'
import json, sys
d = json.loads(open(sys.argv[1]).readline())
if (d["client_random"], d["server_random"]) != (sys.argv[2], sys.argv[3]):
    sys.exit("tshark: %s %s, sniff: %s %s" % (sys.argv[2], sys.argv[3], d["client_random"], d["server_random"]))
EOF
}
verified() {
	python3 - "$1" <<'EOF'
import json, sys
d = json.loads(open(sys.argv[1]).readline())
if d["finished"] != {"client": "verified", "server": "verified"} or d["outcome"] != "complete":
    sys.exit("finished %r, outcome %r" % (d["finished"], d["outcome"]))
EOF
}
prompt() { # the line came within LIMIT seconds of the handshake's end
	python3 -c "import sys; sys.exit(0 if float(open('$1').read()) <= $2 else 'the line came %s s after the end' % open('$1').read().strip())"
}

# ---- sniff vs read of tcpdump's capture; the key log followed ----
for run in "tls13 -tls1_3 no" "tls12kl -tls1_2 yes" "tls13kl -tls1_3 yes" "tls13late -tls1_3 late" \
	   "tls12late -tls1_2 late"; do
	set -- $run
	name=$1 flag=$2 kl=$3
	one_run "$name" "$flag" "$kl"
	[ -s "$tmp/$name.json" ] || { bad "$name: sniff wrote nothing: $(cat "$tmp/$name.err")"; continue; }
	if [ "$kl" != no ]; then
		"$T" read "$tmp/$name.pcap" --json --keylog "$tmp/$name.keys" > "$tmp/$name.read.json" 2>&1
		check "$name: --keylog followed: both Finished verified" verified "$tmp/$name.json"
		check "$name: the line within 1.5 s of the end (hold 0.5 s)" prompt "$tmp/$name.late" 1.5
	else
		"$T" read "$tmp/$name.pcap" --json > "$tmp/$name.read.json" 2>&1
		check "$name: the line within 1 s of the end" prompt "$tmp/$name.late" 1.0
	fi
	check "$name: sniff = read of tcpdump's capture" compare "$tmp/$name.json" "$tmp/$name.read.json"
	check "$name: tshark sees the same randoms" tshark_randoms "$tmp/$name.pcap" "$tmp/$name.json"
	set --
	[ "$kl" != no ] && set -- --keylog "$tmp/$name.keys"
	"$T" read "$tmp/$name.w.pcap" --json "$@" > "$tmp/$name.w.json" 2>&1
	check "$name: --write-pcap is read back the same" compare "$tmp/$name.json" "$tmp/$name.w.json"
done

# ---- a connection that stays open: its line when the handshake ends ----
# s_client keeps the connection open 6 s after its handshake (its stdin
# is a sleep); the line must come within about 2.5 s (the key log's hold
# plus a second of grace for what follows at once), while s_client is
# still connected, with both Finished verified by s_client's own key log.
p=$(port)
: > "$tmp/open.keys"
"$T" sniff -i lo --filter "tcp port $p" --json --count 1 --keylog "$tmp/open.keys" > "$tmp/open.json" 2> "$tmp/open.err" &
sp=$!; pids="$pids $sp"
openssl s_server -accept "127.0.0.1:$p" -cert "$tmp/cert.pem" -key "$tmp/key.pem" -quiet -tls1_2 \
	> /dev/null 2>&1 < /dev/null &
svp=$!; pids="$pids $svp"
wait_listen "$p" || bad "open: s_server did not start"
sleep 0.5
(sleep 6 | openssl s_client -connect "127.0.0.1:$p" -tls1_2 -keylogfile "$tmp/open.keys" > /dev/null 2>&1) &
cp=$!; pids="$pids $cp"
check "open connection: the line comes while the connection is still open" wait_file "$tmp/open.json" 1 3
check "open connection: s_client is still connected when it comes" kill -0 "$cp"
check "open connection: both Finished verified" verified "$tmp/open.json"
check "open connection: sniff --count 1 exits by itself" wait_pid "$sp" 10
check "open connection: one line only" test "$(wc -l < "$tmp/open.json")" = 1
kill "$cp" "$svp" 2>/dev/null; reap "$cp"; reap "$svp"

# ---- Ctrl-C: a connection still open is reported, incomplete ----
p=$(port)
python3 -c '
import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(4)
c, _ = s.accept(); time.sleep(30)' "$p" &
lp=$!; pids="$pids $lp"
"$T" sniff -i lo --filter "tcp port $p" --summary > "$tmp/int.txt" 2> "$tmp/int.err" &
sp=$!; pids="$pids $sp"
sleep 1
(sleep 8 | openssl s_client -connect "127.0.0.1:$p" > /dev/null 2>&1) &
cp=$!; pids="$pids $cp"
sleep 1.5
kill -INT "$sp"
check "Ctrl-C: sniff exits 0" wait_pid "$sp" 10
[ "$waited" = 0 ] || bad "Ctrl-C: status $waited: $(cat "$tmp/int.err")"
check "Ctrl-C: the open connection is reported incomplete" grep -q "incomplete" "$tmp/int.txt"
kill "$lp" "$cp" 2>/dev/null; reap "$lp"; reap "$cp"

# ---- no permission; no such interface ----
cp "$T" "$tmp/tlstrace-nobody" && chmod 755 "$tmp" "$tmp/tlstrace-nobody"
setpriv --reuid=nobody --regid=nogroup --clear-groups "$tmp/tlstrace-nobody" sniff -i lo --json \
	> "$tmp/perm.out" 2> "$tmp/perm.err" < /dev/null
st=$?
check "no permission: status 1 (got $st)" test "$st" = 1
check "no permission: one line" test "$(wc -l < "$tmp/perm.err")" = 1
check "no permission: it names root or CAP_NET_RAW" grep -q "root or the CAP_NET_RAW" "$tmp/perm.err"
check "no permission: the exact setcap command" \
	grep -qF "setcap cap_net_raw,cap_net_admin=eip $tmp/tlstrace-nobody" "$tmp/perm.err"
grep -q setcap "$tmp/perm.err" || sed 's/^/  | /' "$tmp/perm.err"
"$T" sniff -i nosuchif0 --json > /dev/null 2> "$tmp/dev.err" < /dev/null
st=$?
check "unknown interface: status 1 (got $st)" test "$st" = 1
check "unknown interface: one line naming it and listing lo" \
	sh -c "test \"\$(wc -l < '$tmp/dev.err')\" = 1 && grep -q 'nosuchif0' '$tmp/dev.err' && grep -q 'tlstrace sniff -i one of: .*lo' '$tmp/dev.err'"

# ---- the interface in tmux: the list fills live ----
p=$(port)
openssl s_server -accept "127.0.0.1:$p" -cert "$tmp/cert.pem" -key "$tmp/key.pem" -quiet \
	> /dev/null 2>&1 < /dev/null &
svp=$!; pids="$pids $svp"
wait_listen "$p" || bad "ui: s_server did not start"
$TM new-session -d -s sniff -x 130 -y 30 \
	"env LANG=C.UTF-8 LC_ALL=C.UTF-8 '$T' sniff -i lo --filter 'tcp port $p'; echo EXIT=\$? > '$tmp/ui.status'; sleep 30"
check "ui: the empty list of sniff on lo" wait_for sniff "sniff on lo: 0 TLS connections"
sleep 0.5
openssl s_client -connect "127.0.0.1:$p" < /dev/null > /dev/null 2>&1
check "ui: one connection listed" wait_for sniff "sniff on lo: 1 TLS connection,"
check "ui: its row" wait_for sniff "127\\.0\\.0\\.1:[0-9]+ +127\\.0\\.0\\.1:$p +TLS 1\\.3"
openssl s_client -connect "127.0.0.1:$p" -tls1_2 < /dev/null > /dev/null 2>&1
check "ui: two connections listed" wait_for sniff "sniff on lo: 2 TLS connections"
check "ui: the TLS 1.2 row" wait_for sniff "127\\.0\\.0\\.1:$p +TLS 1\\.2"
no_note() { ! screen sniff | grep -Eq "out of memory|stopped|cannot"; }
check "ui: no error note on the screen" no_note
$TM send-keys -t sniff q
i=0; while [ $i -lt 50 ] && [ ! -s "$tmp/ui.status" ]; do sleep 0.1; i=$((i + 1)); done
check "ui: q quits with status 0" grep -qx "EXIT=0" "$tmp/ui.status"
kill "$svp" 2>/dev/null; reap "$svp"

echo "sniff: $pass passed, $fail failed"
[ $fail -eq 0 ]
