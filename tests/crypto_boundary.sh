#!/bin/sh
# The crypto boundary (issue 9): no object file outside build/src/crypto
# calls a hash, HMAC, PRF or HKDF function - neither our own primitives
# (hash_digest*, hash_hmac*, hash_init/update/final, prf_*, hkdf_*,
# finished_*) nor nettle's (md5, sha*, hmac) nor GnuTLS's (gnutls_hash*,
# gnutls_hmac*, gnutls_prf*).  The trace layer asks src/crypto/derive.h and
# keys.h, which return results with their intermediates; views read the
# model.  hash_len and hash_name are metadata (sizes, names), not hashing,
# and are allowed.  Reads the undefined symbols of each object with nm -u.
#
#   tests/crypto_boundary.sh [BUILD_DIR]     (default: build)
#
# Prints each offending object and symbol; exit status 1 if there is any.

set -u
build=${1:-build}
command -v nm >/dev/null 2>&1 || { echo "$0: nm is missing (apt-get install binutils)" >&2; exit 2; }

forbidden='^(hash_(digest|digestv|hmac|hmac_v|init|update|final)|prf_|hkdf_|finished_|nettle_(md5|sha|hmac)|md5_|sha[0-9]*_|hmac_|gnutls_(hash|hmac|prf))'
# Objects allowed to call one of the above, with the reason.  Empty today:
# the live engine (src/live) runs GnuTLS's handshake but computes nothing.
allowed=''

n=0 bad=0
for o in "$build"/src/*/*.o "$build"/src/*.o "$build"/ui/*.o; do
	[ -f "$o" ] || continue
	case $o in "$build"/src/crypto/*) continue ;; esac
	n=$((n + 1))
	for sym in $(nm -u "$o" | awk '{ print $NF }' | grep -E "$forbidden"); do
		case " $allowed " in *" ${o#"$build"/}:$sym "*) continue ;; esac
		echo "crypto outside src/crypto: ${o#"$build"/} calls $sym"
		bad=$((bad + 1))
	done
done
if [ "$n" -eq 0 ]; then
	echo "$0: no object files under $build (build first)" >&2
	exit 2
fi
if [ "$bad" -ne 0 ]; then
	echo "crypto boundary: $bad call(s) outside src/crypto in $n objects"
	exit 1
fi
echo "crypto boundary: ok ($n objects outside src/crypto call no hash, HMAC, PRF or HKDF)"
