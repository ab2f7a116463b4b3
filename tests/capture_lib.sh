# capture_lib.sh - how the capture tests checked against tshark start
# (dtls.sh, export.sh, links.sh, odd.sh): sourced after `set -u` and
# `here=...`; then `capture_test_start "${1:-}" TOOL...` checks the
# tlstrace given and the tools the test needs (a missing one is a
# failure, never a skip: make check installs them), makes $dir (removed
# on exit) and sets tlstrace, pass and fail.

capture_test_start() {
	if [ -z "$1" ]; then
		echo "usage: $0 TLSTRACE" >&2
		exit 2
	fi
	tlstrace=$1
	shift
	[ -x "$tlstrace" ] || { echo "$0: not an executable: $tlstrace" >&2; exit 2; }
	for tool in "$@"; do
		command -v "$tool" >/dev/null 2>&1 || { echo "$0: $tool is missing (apt-get install $tool)" >&2; exit 2; }
	done
	dir=$(mktemp -d) || exit 2
	trap 'rm -rf "$dir"' EXIT
	pass=0
	fail=0
}
