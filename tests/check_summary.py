#!/usr/bin/env python3
"""check_summary.py - `read --summary` says what `read --json` says, one line
per handshake.  usage: check_summary.py SUMMARY_FILE JSON_FILE"""
import json
import sys

summary = [l.rstrip("\n") for l in open(sys.argv[1]) if l.strip()]
trace = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
assert len(summary) == len(trace), f"{len(summary)} summary lines for {len(trace)} handshakes"
by_id = {f'{t["connection"]}.{t["handshake"]}': t for t in trace}
for line in summary:
    key = line.split("  ")[0]
    assert key in by_id, f"line for unknown handshake {key}: {line}"
    t = by_id[key]
    want = [
        f'{t["client"]["ip"]}:{t["client"]["port"]} -> {t["server"]["ip"]}:{t["server"]["port"]}',
        t["version"] or "no version agreed",
        (t["cipher_suite"] or {}).get("name") or "no cipher suite chosen",
        ("resumed" if t["resumed"] else "full") + ("+EMS" if t["extended_master_secret"] else ""),
        f'Finished: client {t["finished"]["client"]}, server {t["finished"]["server"]}',
        t["outcome"],
    ]
    if t["key_exchange"]:
        want.append(f'  {t["key_exchange"]}  ')
    if t["secrets"]["master_from"]:
        want.append(f'master: {t["secrets"]["master_from"]}')
    if t["failure"]:
        f = t["failure"]
        want.append(f'at step {f["step"]} ({f["sender"]})')
        if f["alert"]:
            want.append(f'alert {f["alert"]}')
        want.append(f["reason"])
    # the line ends with the client's JA4 ("-" without a ClientHello)
    ja4 = t["fingerprints"]["ja4"] or "-"
    assert line.endswith("  ja4 " + ja4), f"{key}: the line does not end with 'ja4 {ja4}': {line}"
    for w in want:
        assert w in line, f"{key}: '{w}' missing from: {line}"
print(f"{len(summary)} summary lines agree with the JSON")
