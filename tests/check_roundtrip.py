#!/usr/bin/env python3
"""check_roundtrip.py LIVE_JSON READ_JSON - a live run exported with
--write-pcap and read back must give the same trace, handshake by
handshake (two with --resume): randoms, suite,
version, the (sender, type, step) sequence, the master secret or TLS 1.3
traffic secrets, the Finished verdicts and the outcome."""
import json
import sys

live = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
read = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
bad = []
if len(live) != len(read) or not live:
    bad.append("expected as many handshakes read as run, got %d live and %d read" % (len(live), len(read)))
for a, b in zip(live, read) if len(live) == len(read) else []:
    for key in ("connection", "version", "version_id", "cipher_suite", "key_exchange", "client_random",
                "server_random", "session_id", "resumed", "resumed_from_connection", "extended_master_secret",
                "finished", "outcome"):
        if a[key] != b[key]:
            bad.append("%s: live %r, read %r" % (key, a[key], b[key]))
    for key in ("master", "client_handshake_traffic_secret", "server_handshake_traffic_secret",
                "client_traffic_secret_0", "server_traffic_secret_0"):
        if a["secrets"][key] != b["secrets"][key]:
            bad.append("secrets.%s differs" % key)
    seq = lambda t: [(m["sender"], m["type"], m["step"]) for m in t["messages"]]
    if seq(a) != seq(b):
        bad.append("messages: live %s, read %s" % (seq(a), seq(b)))
    if [s["status"] for s in a["steps"]] != [s["status"] for s in b["steps"]]:
        bad.append("step statuses differ")
    if b["source"] != "capture" or b["client"]["port"] is None:
        bad.append("the read trace does not say it came from a capture with addresses")
for line in bad:
    print("FAIL: " + line)
sys.exit(1 if bad else 0)
