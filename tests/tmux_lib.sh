# tmux_lib.sh - what the tests that drive the interface in tmux share
# (ui.sh, ui_ja.sh, ui_compare.sh, sniff.sh, serve.sh): reading a pane,
# sending keys, waiting for text.  Sourced, not run; the caller sets TM
# (its private tmux server command) and tmp (its scratch directory).

screen() { $TM capture-pane -p -t "$1" > "$tmp/screen" 2>/dev/null; cat "$tmp/screen"; }
keys() { n=$1; shift; $TM send-keys -t "$n" "$@"; }

# wait_for NAME REGEX [SECONDS]: until the pane shows REGEX (grep -E);
# WAIT_SECONDS is the default (10)
wait_for() {
	i=0; limit=$(( ${3:-${WAIT_SECONDS:-10}} * 10 ))
	while [ $i -lt $limit ]; do
		if screen "$1" | grep -Eq -- "$2"; then return 0; fi
		sleep 0.1; i=$((i + 1))
	done
	echo "  (timed out waiting for '$2'; the screen was:)"; sed 's/^/  | /' "$tmp/screen"
	return 1
}
