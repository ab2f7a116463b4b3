#!/bin/sh
# layers.sh - the interface reaches the engine only through the source
# interface (src/source/source.h), the trace model, the step table and the
# registries: no file of ui/ may include a capture/, live/ or crypto/
# header, and no ui/ file may call the capture reader or the live engine
# by name.  Run from the top of the tree: sh tests/layers.sh [DIR]
set -u
ui=${1:-ui}
fail=0

bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

ls "$ui"/*.c "$ui"/*.h >/dev/null 2>&1 || { echo "layers: no $ui/*.c or $ui/*.h here"; exit 1; }
for f in "$ui"/*.c "$ui"/*.h; do
	if grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](\.\./)*(src/)?(capture|live|crypto)/' "$f"; then
		bad "$f includes a capture/, live/ or crypto/ header: go through source/source.h"
	fi
	if grep -nE '\b(analyze_capture|capture_open|liverun_[a-z]+|live_(new|step|free|shutdown|evidence|error_text))[[:space:]]*\(' "$f"; then
		bad "$f calls the capture reader or the live engine: go through source/source.h"
	fi
done
if [ "$fail" -eq 0 ]; then
	echo "layers: ui/ reaches the engine only through the source interface"
	exit 0
fi
echo "layers: $fail failed"
exit 1
