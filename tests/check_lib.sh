# check_lib.sh - a test's pass and fail counts: ok, bad, and check
# DESCRIPTION COMMAND... (the command's status decides).  Sourced; the
# caller sets pass=0 and fail=0.

ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { # check DESCRIPTION COMMAND...
	d=$1; shift
	if "$@"; then ok; else bad "$d"; fi
}
