#!/bin/sh
# ui_ja.sh - the interface in Japanese, as a person meets it: the real
# program in a tmux pane (a private server per run, never a user's),
# driven with send-keys and read back with capture-pane, with --lang ja
# or a Japanese locale.  Checks that the step titles, the footer, the
# tabs, the help, the connection list and a failure's title and reason
# are Japanese, that none of a list of the interface's English words is
# left, that Japanese columns line up (display width), and that a locale
# whose character set is not UTF-8 gets a clear warning and no '?'.
# What failed, and where, is taken from --json of the same run (English,
# as TRACE-FORMAT.md keeps it).  Usage: tests/ui_ja.sh [./tlstrace]
# Prints "N passed, M failed"; exits non-zero on any failure.
set -u
T=${1:-./tlstrace}
case $T in /*) ;; *) T=$(pwd)/$T ;; esac
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
scr="python3 $here/ui_screen.py"
tmp=$(mktemp -d); [ -n "${KEEP:-}" ] && echo "tests/ui_ja.sh: keeping $tmp"
# tmux itself runs in a UTF-8 locale (C.UTF-8 is always there on Debian),
# so that the panes hold what the program wrote, whatever the test's locale
TM="env LC_ALL=C.UTF-8 LANG=C.UTF-8 tmux -L tlstrace-ja-$$ -f /dev/null"
pass=0
fail=0

# the panes' shells may still be writing their status when the server
# goes: wait a moment before the files go
cleanup() { $TM kill-server >/dev/null 2>&1; sleep 0.3; [ -n "${KEEP:-}" ] || rm -rf "$tmp"; }
trap cleanup EXIT INT TERM
. "$here/check_lib.sh"
. "$here/tmux_lib.sh"


command -v tmux >/dev/null 2>&1 || { echo "tests/ui_ja.sh: tmux is not installed"; exit 1; }
[ -x "$T" ] || { echo "tests/ui_ja.sh: $T is not built"; exit 1; }
$TM new-session -d -s keep -x 80 -y 24 "sleep 100000"

# start NAME WIDTH HEIGHT LOCALE ARGS...: tlstrace ARGS with LC_ALL=LOCALE
# (LANG and LC_MESSAGES unset); its stderr goes to $tmp/NAME.err
start() {
	name=$1 w=$2 h=$3 loc=$4; shift 4
	$TM new-session -d -s "$name" -x "$w" -y "$h" \
		"cd '$root'; env -u LANG -u LC_MESSAGES -u LC_CTYPE LC_ALL=$loc '$T' $* 2>'$tmp/$name.err'; echo EXIT=\$? > '$tmp/$name.status'; sleep 100000"
}
# has FILE TEXT: the saved screen shows TEXT (fixed string)
has() { grep -qF -- "$2" "$1" || { echo "  ('$2' is not on the screen:)"; sed 's/^/  | /' "$1"; return 1; }; }
# english FILE: none of the interface's English words is on the screen
# (protocol names - ClientHello, cipher suites, field names - stay as the
# RFCs spell them, in Japanese books too)
ENGLISH='next|back|select|pane|open|tabs|re-run|help|quit|Steps|Fields|Bytes|Secrets|Explain|Client hello|Server hello|Server certificate|Client key exchange|Application data|client|server|verdict|host name|subject|issuer|skipped|failed|FAILED|done|not yet|detected|possible cause|version at step|suite at step|live|outcome|cipher suite|connection|handshake|flight|About'
english() {
	left=$(python3 - "$1" "$ENGLISH" <<'EOF'
import re, sys
# the panes side by side are read one at a time, their lines joined, so
# that a quotation wrapped over lines is seen whole
panes = {}
for line in open(sys.argv[1], encoding='utf-8'):
    for i, part in enumerate(re.split(r'││|┐┌|┘└', line.rstrip('\n'))):
        panes.setdefault(i, []).append(part.strip('│ '))
text = ' '.join(' '.join(v) for _, v in sorted(panes.items()))
# English quoted in 「」 (GnuTLS's own words, a live configuration) is a
# quotation, not the interface; so are host names and distinguished names
text = re.sub(r'「[^」]*(」|$)', ' ', text)
text = re.sub(r'[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+', ' ', text)
found = sorted(set(re.findall(r'(?<![A-Za-z_])(?:%s)(?![A-Za-z_])' % sys.argv[2], text)))
print(' '.join(found))
EOF
)
	[ -z "$left" ] || { echo "  (English left on the screen: $left)"; sed 's/^/  | /' "$1"; return 1; }
}
# noqmarks FILE: no run of '?' (what a non-UTF-8 locale makes of Japanese)
noqmarks() { ! grep -q '??' "$1" || { echo "  ('??' on the screen)"; sed 's/^/  | /' "$1"; return 1; }; }
# column FILE TEXT: the display column (CJK counts 2) of the first TEXT
column() {
	python3 - "$1" "$2" <<'EOF'
import sys, unicodedata
for line in open(sys.argv[1], encoding='utf-8'):
    if sys.argv[2] in line:
        pre = line[:line.index(sys.argv[2])]
        print(sum(2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in pre))
        break
EOF
}

# ------------------------------------------------------------ live, 80x24
start live 80 24 C.UTF-8 live --lang ja
check "live: step 1's title in Japanese" wait_for live 'ステップ 1: クライアントハロー' 10
screen live > "$tmp/l1"
check "the step list in Japanese" has "$tmp/l1" '3 サーバー証明書'
check "the step list: step 9" has "$tmp/l1" '9 アプリケーションデータ'
check "the tabs in Japanese" has "$tmp/l1" '1 フィールド   2 バイト   3 秘密情報   4 説明'
check "the footer in Japanese" has "$tmp/l1" 'n 次へ'
check "the footer: help and quit" has "$tmp/l1" '? ヘルプ q 終了'
check "80x24: the footer keeps Tab and Enter" grep -qE 'Tab ペイン Enter 開く' "$tmp/l1"
check "80x24: the footer keeps r" has "$tmp/l1" 'r 再実行'
check "the ladder's ends in Japanese" has "$tmp/l1" 'クライアント'
check "no English word of the interface at step 1" english "$tmp/l1"
keys live n n n n
check "step 5 in Japanese" wait_for live 'ステップ 5: クライアントによる証明書' 5
$TM resize-window -t live -x 120 -y 40
keys live 4
check "the Explain tab: what step 5 checks" wait_for live 'ホスト名 +✓ server\.example は証明書の名前（SAN）と一致します' 5
screen live > "$tmp/l5"
check "step 5: the verdict, in Japanese first" has "$tmp/l5" '判定'
flat() { python3 -c "import sys; print(''.join(c for c in open(sys.argv[1], encoding='utf-8').read() if c not in '│ \\n'))" "$1"; }
flat "$tmp/l5" > "$tmp/l5.flat"
check "step 5: GnuTLS's own words quoted" grep -qF '信頼できる。GnuTLSの原文「Thecertificateistrusted' "$tmp/l5.flat"
$TM resize-window -t live -x 80 -y 24
keys live '?'
check "? shows the help in Japanese" wait_for live 'ヘルプ: キー操作（Esc または q で閉じる）' 5
screen live > "$tmp/lh"
check "the help: its first section" has "$tmp/lh" 'ハンドシェイクを 1 ステップずつ見る'
check "the help: the next key's text" has "$tmp/lh" '次のステップへ'
check "the help: the footer closes it" has "$tmp/lh" 'Esc 閉じる'
check "no English word of the interface in the help" english "$tmp/lh"
keys live q
check "q closes the help" wait_for live 'n 次へ' 5
keys live q
check "q quits" wait_for live '' 1
i=0; while [ $i -lt 50 ] && [ ! -s "$tmp/live.status" ]; do sleep 0.1; i=$((i + 1)); done
check "live --lang ja exits 0" grep -qx 'EXIT=0' "$tmp/live.status"
check "a UTF-8 locale: no warning" test ! -s "$tmp/live.err"

# ------------------------------- a failure scenario, wide, then 80x24
"$T" live --scenario untrusted-ca --json > "$tmp/fail.json" 2>/dev/null
fstep=$($scr json "$tmp/fail.json" failure.step)
fside=$($scr json "$tmp/fail.json" failure.sender)
[ "$fstep" = 5 ] && [ "$fside" = client ] && ok || bad "untrusted-ca --json: step '$fstep' side '$fside'"
start fail 130 45 C.UTF-8 live --scenario untrusted-ca --lang ja
wait_for fail 'ステップ 1: クライアントハロー' 10 >/dev/null
keys fail G
check "the title bar: where it failed and who found it (--json: step $fstep, the client)" \
	wait_for fail "✗ ステップ $fstep で失敗（クライアントが検出）" 10
check "the failed step is marked in Japanese" wait_for fail "✗ $fstep クライアントによる証明書の検証 +失敗" 3
check "the alert in Japanese on the ladder" wait_for fail 'アラート bad_certificate（致命的）' 3
check "the failure reason in Japanese (About box)" wait_for fail 'ハンドシェイクはここで失敗しました' 3
# the About box's text, its lines joined (the box is the last pane on a line)
screen fail | python3 -c "
import sys
print(''.join(l.rstrip('\\n').split('││')[-1].strip('│ ') for l in sys.stdin if '││' in l))" > "$tmp/fail.flat"
check "the failure reason: the untrusted CA, in Japanese" \
	grep -qF 'サーバー証明書に署名した認証局（CA）をクライアントが信頼していないため' "$tmp/fail.flat"
check "the alert's meaning in Japanese" grep -qF '証明書が壊れているか、その署名を検証できませんでした' "$tmp/fail.flat"
screen fail > "$tmp/f1"
check "no English word of the interface on the failure screen" english "$tmp/f1"
$TM resize-window -t fail -x 80 -y 24
check "80x24: the title bar still says where it failed" wait_for fail "✗ ステップ $fstep で失敗" 5
check "80x24: the footer keeps Tab and Enter" wait_for fail 'Tab ペイン Enter 開く' 3
$TM resize-window -t fail -x 100 -y 30
check "100x30: no step title cut short" wait_for fail "✗ $fstep クライアントによる証明書の検証 +失敗" 5
screen fail > "$tmp/f2"
check "100x30: the ladder's title whole" has "$tmp/f2" "ステップ $fstep: クライアントによる証明書の検証"
keys fail q

# ------------- a failure read from a capture without keys (TLS 1.3)
# where it failed and who found it: the peer's own output, recorded with
# the capture (captures/failures/expected.tsv), not tlstrace's
row=$(awk -F'\t' '$1 == "gnutls-13-untrusted" && $4 == "without"' "$root/captures/failures/expected.tsv")
cstep=$(printf '%s' "$row" | cut -f6); cside=$(printf '%s' "$row" | cut -f7)
[ "$cstep" = 5 ] && [ "$cside" = client ] && ok || bad "expected.tsv: gnutls-13-untrusted is step '$cstep' side '$cside'"
start cap13 160 45 C.UTF-8 read "$root/captures/failures/gnutls-13-untrusted.pcap" --lang ja
wait_for cap13 'ステップ 1: クライアントハロー' 10 >/dev/null
keys cap13 G
check "capture: the title bar says where it failed (step $cstep, the client)" wait_for cap13 "✗ ステップ $cstep で失敗（クライアントが検出）" 10
keys cap13 p
check "capture: the inferred alert's reason in Japanese" wait_for cap13 '短い暗号化レコードを送ってハン' 5
screen cap13 > "$tmp/k1"
check "capture: the causes in Japanese" has "$tmp/k1" '考えられる原因: クライアントがサーバー証明書を拒否しました'
check "no English word of the interface on the capture's failure" english "$tmp/k1"
keys cap13 q

# -------------------------------- a capture: the connection list
CAP=$root/captures/three-connections.pcap
start conns 120 30 C.UTF-8 read "$CAP" --keylog "$root/captures/three-connections.keys" --lang ja
check "read: the connection list in Japanese" wait_for conns 'TLS 接続 3 件、ハンドシェイク 3 件' 10
screen conns > "$tmp/c1"
check "the list's columns in Japanese" grep -qE 'クライアント +サーバー +バージョン +暗号スイート +結果' "$tmp/c1"
check "the title bar asks to choose" has "$tmp/c1" '接続を選んでください'
check "the outcome in Japanese" has "$tmp/c1" '完了'
suite=$($scr json /dev/stdin cipher_suite.name <<EOF
$("$T" read "$CAP" --keylog "$root/captures/three-connections.keys" --json 2>/dev/null | head -1)
EOF
)
hc=$(column "$tmp/c1" '暗号スイート'); rc=$(column "$tmp/c1" "$suite")
[ -n "$hc" ] && [ "$hc" = "$rc" ] && ok || bad "the suite column ($suite at $rc) is not under its Japanese header (at $hc)"
check "no English word of the interface in the list" english "$tmp/c1"
$TM resize-window -t conns -x 80 -y 24
check "80 columns: the list in Japanese" wait_for conns 'クライアント +サーバー +バージョン' 5
screen conns > "$tmp/c80"
python3 - "$tmp/c80" <<'EOF' && ok || bad "80 columns: a row of the list runs past its frame"
import sys, unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in s)
rows = [l.rstrip('\n') for l in open(sys.argv[1], encoding='utf-8')][2:6]
sys.exit(0 if rows and all(w(l) == 80 and l.endswith('│') for l in rows) else 1)
EOF
$TM resize-window -t conns -x 120 -y 30
keys conns Enter
check "Enter opens a handshake, in Japanese" wait_for conns 'ステップ 1: クライアントハロー' 5
check "a capture's ladder counts frames in Japanese" wait_for conns 'フレーム [0-9]+' 3
keys conns q

# ---------------------------- the locale: Japanese, not UTF-8
start euc 80 24 ja_JP.eucJP live
check "ja_JP.eucJP: the interface is Japanese (the locale says ja)" wait_for euc 'ステップ 1: クライアントハロー' 10
screen euc > "$tmp/e1"
check "ja_JP.eucJP: no '?' in place of Japanese" noqmarks "$tmp/e1"
check "ja_JP.eucJP: the status line says the locale is not UTF-8" has "$tmp/e1" 'the locale is not UTF-8'
keys euc q
i=0; while [ $i -lt 50 ] && [ ! -s "$tmp/euc.status" ]; do sleep 0.1; i=$((i + 1)); done
check "ja_JP.eucJP: a clear warning on stderr" \
	grep -q "warning: the locale 'ja_JP.eucJP' is not UTF-8; tlstrace writes Japanese in UTF-8" "$tmp/euc.err"
check "ja_JP.eucJP: the warning itself is plain ASCII" sh -c "! LC_ALL=C grep -q '[^ -~]' '$tmp/euc.err'"
start cja 80 24 C live --lang ja
check "C with --lang ja: Japanese" wait_for cja 'ステップ 1: クライアントハロー' 10
screen cja > "$tmp/c2"
check "C with --lang ja: no '?' in place of Japanese" noqmarks "$tmp/c2"
keys cja q
i=0; while [ $i -lt 50 ] && [ ! -s "$tmp/cja.status" ]; do sleep 0.1; i=$((i + 1)); done
check "C with --lang ja: a clear warning" grep -q "warning: the locale 'C' is not UTF-8" "$tmp/cja.err"
# English stays English: --lang en under a Japanese locale
start en 80 24 ja_JP.UTF-8 live --lang en
check "--lang en under ja_JP.UTF-8: English" wait_for en 'Step 1: Client hello' 10
keys en q

echo "ui_ja: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
