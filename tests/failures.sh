#!/bin/sh
# The failure corpus (captures/failures/, recorded by tests/make_failures.sh
# from real OpenSSL and GnuTLS peers): every case read with and without the
# client's key log, its outcome, failing step, side, alert and reason
# checked against captures/failures/expected.tsv.
#
#   tests/failures.sh ./tlstrace [-v]
set -u
if [ $# -lt 1 ]; then
	echo "usage: $0 TLSTRACE [-v]" >&2
	exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
command -v python3 >/dev/null 2>&1 || { echo "$0: python3 is missing" >&2; exit 2; }
tlstrace=$1
shift
exec python3 "$here/check_failures.py" "$tlstrace" "${FAILURES_DIR:-$here/../captures/failures}" "$@"
