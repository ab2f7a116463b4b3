#!/usr/bin/env python3
"""check_fingerprints.py - JA3 and JA3S of `tlstrace read --json` against
Wireshark's tshark (tls.handshake.ja3, ja3_full, ja3s, ja3s_full) on one
capture.  tshark is the oracle: nothing here recomputes a fingerprint.

usage: check_fingerprints.py TLSTRACE CAPTURE [KEYLOG]

Per TCP stream (tlstrace's `connection` is Wireshark's tcp.stream):
  - every ClientHello tshark fingerprints is accounted for: one per
    tlstrace handshake, plus the second ClientHello after each
    HelloRetryRequest (tlstrace fingerprints the first one);
  - the first handshake's ja3/ja3_full equal tshark's first ClientHello's;
  - each handshake's ja3/ja3_full is one of tshark's for that stream, in
    order; each ja3s/ja3s_full is one of tshark's ServerHellos';
  - a stream where tshark has a ServerHello fingerprint has one in tlstrace.
Prints one summary line; exit status 1 on any difference."""
import json
import subprocess
import sys
from collections import defaultdict

tlstrace, capture = sys.argv[1], sys.argv[2]
keylog = sys.argv[3] if len(sys.argv) > 3 else None

cmd = ["tshark", "-n", "-r", capture, "-d", "tcp.port==4430-4499,tls", "-Y",
       "tls.handshake.type == 1 or tls.handshake.type == 2", "-T", "fields", "-E", "aggregator=|",
       "-e", "tcp.stream", "-e", "tls.handshake.type", "-e", "tls.handshake.ja3", "-e", "tls.handshake.ja3_full",
       "-e", "tls.handshake.ja3s", "-e", "tls.handshake.ja3s_full"]
if keylog:
    cmd[4:4] = ["-o", "tls.keylog_file:" + keylog]
out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
ts_client = defaultdict(list)   # stream -> [(ja3, ja3_full)] in frame order
ts_server = defaultdict(list)   # stream -> [(ja3s, ja3s_full)]
for line in out.splitlines():
    cols = line.split("\t")
    cols += [""] * (6 - len(cols))
    stream = int(cols[0])
    ja3, ja3f, ja3s, ja3sf = (c.split("|") if c else [] for c in cols[2:6])
    ts_client[stream] += list(zip(ja3, ja3f))
    ts_server[stream] += list(zip(ja3s, ja3sf))

args = [tlstrace, "read", capture, "--json"] + (["--keylog", keylog] if keylog else [])
ours = defaultdict(list)
for line in subprocess.run(args, capture_output=True, text=True, check=True).stdout.splitlines():
    h = json.loads(line)
    ours[h["connection"]].append(h)

errors = []
nja3 = nja3s = 0
for stream in sorted(set(ts_client) | set(ours)):
    hs = sorted(ours.get(stream, []), key=lambda h: h["handshake"])
    fps = [h["fingerprints"] for h in hs]
    hrrs = sum(1 for h in hs for m in h["messages"] if m["type"] == "HelloRetryRequest")
    client = [(f["ja3"], f["ja3_full"]) for f in fps if f["ja3"]]
    server = [(f["ja3s"], f["ja3s_full"]) for f in fps if f["ja3s"]]
    want = ts_client.get(stream, [])
    if len(want) != len(client) + hrrs:
        errors.append(f"stream {stream}: tshark fingerprints {len(want)} ClientHellos, tlstrace {len(client)} "
                      f"(+{hrrs} after a HelloRetryRequest)")
    if want and (not client or client[0] != want[0]):
        errors.append(f"stream {stream}: first JA3 {client[:1]} != tshark's {want[0]}")
    rest = list(want)
    for c in client:
        if c not in rest:
            errors.append(f"stream {stream}: JA3 {c} is not among tshark's {want}")
        else:
            rest = rest[rest.index(c) + 1:]
        nja3 += 1
    for s in server:
        if s not in ts_server.get(stream, []):
            errors.append(f"stream {stream}: JA3S {s} is not among tshark's {ts_server.get(stream)}")
        nja3s += 1
    if ts_server.get(stream) and not server:
        errors.append(f"stream {stream}: tshark has JA3S {ts_server[stream]}, tlstrace none")

name = capture.rsplit("/", 1)[-1]
if errors or nja3 == 0:
    for e in errors or ["no JA3 at all: nothing was compared"]:
        print(f"{name}: {e}")
    sys.exit(1)
print(f"{name}: {nja3} JA3 and {nja3s} JA3S equal tshark's")
