#!/usr/bin/python3
# check_odd.py - tlstrace against tshark on the captures of captures/odd/
# (tests/make_odd_captures.py): the connections, and in each the handshake
# messages, versions and records that tshark dissects must be in
# tlstrace's JSON.
#
#   python3 tests/check_odd.py TLSTRACE CAPTURE...
#
# Per capture and TCP stream, from tshark: the handshake types in wire
# order (tls.handshake.type), each hello's version and supported_versions
# (tls.handshake.version, tls.handshake.extensions.supported_version) and
# extensions (tls.handshake.extension.type), the negotiated version, the
# record content types (tls.record.content_type) and versions
# (tls.record.version).  From tlstrace: the readable handshake messages
# and their details, ChangeCipherSpecs and Alerts, the notes for records
# it makes no message of (an unknown content type, a heartbeat), and for
# a connection picked up mid-stream, mid_stream.records and
# record_version_id.  Prints one line per mismatch; exit 1 if any.
import json
import subprocess
import sys

FIELDS = ["frame.number", "tcp.stream", "tcp.srcport", "tls.record.content_type", "tls.record.version",
          "tls.handshake.type", "tls.handshake.version", "tls.handshake.extensions.supported_version",
          "tls.handshake.extension.type"]
HS_NAMES = {1: "ClientHello", 2: "ServerHello"}


def tshark(cap):
    out = subprocess.run(["tshark", "-r", cap, "-Y", "tls", "-T", "fields", "-E", "occurrence=a",
                          "-E", "aggregator=,"] + sum((["-e", f] for f in FIELDS), []),
                         capture_output=True, text=True, check=True).stdout
    streams = {}
    for line in out.splitlines():
        cols = line.split("\t")
        rec = dict(zip(FIELDS, cols))
        ints = {k: [int(x, 0) for x in rec[k].split(",") if x] for k in FIELDS[3:]}
        streams.setdefault(int(rec["tcp.stream"]), []).append((int(rec["tcp.srcport"]), ints))
    return streams


def tlstrace(exe, cap):
    out = subprocess.run([exe, "read", cap, "--json"], capture_output=True, text=True).stdout
    return {h["connection"]: h for h in map(json.loads, out.splitlines())}


def check(exe, cap, bad):
    ts, tt = tshark(cap), tlstrace(exe, cap)
    if sorted(ts) != sorted(tt):
        bad(f"{cap}: tshark sees TLS in streams {sorted(ts)}, tlstrace reports {sorted(tt)}")
    for stream, frames in ts.items():
        h = tt.get(stream)
        if not h:
            continue
        side = {h["client"]["port"]: "client", h["server"]["port"]: "server"}
        notes = " ".join(h["notes"])
        msgs = h["messages"]
        # Handshake messages tshark types, in order, with their versions.
        want = [(side[port], t) for port, f in frames for t in f["tls.handshake.type"]]
        got = [(m["sender"], t) for m in msgs for t, n in HS_NAMES.items() if m["type"] == n]
        got += [(m["sender"], None) for m in msgs if m["type"] == "UnknownHandshake"]
        if [w for w in want] != [g for g in got if g[1] is not None]:
            bad(f"{cap} stream {stream}: handshake types tshark {want}, tlstrace {got}")
        hellos = [m for m in msgs if m["type"] in HS_NAMES.values()]
        tver = [v for _, f in frames for v in f["tls.handshake.version"]]
        if tver != [m["details"]["legacy_version"] for m in hellos]:
            bad(f"{cap} stream {stream}: hello versions tshark {tver}, tlstrace "
                f"{[m['details']['legacy_version'] for m in hellos]}")
        tsv = [f["tls.handshake.extensions.supported_version"] for _, f in frames if f["tls.handshake.type"]]
        gsv = [m["details"]["supported_versions"] if m["type"] == "ClientHello"
               else ([m["details"]["selected_version"]] if m["details"]["selected_version"] else [])
               for m in hellos]
        if [v for v in tsv] != gsv:
            bad(f"{cap} stream {stream}: supported_versions tshark {tsv}, tlstrace {gsv}")
        # Each hello's extensions, and the version the ServerHello chose
        # (its supported_versions, else its version field: a draft's).
        text = [e for _, f in frames for e in f["tls.handshake.extension.type"]]
        gext = [e for m in hellos for e in m["details"]["extensions"]]
        if text != gext:
            bad(f"{cap} stream {stream}: hello extensions tshark {text}, tlstrace {gext}")
        for port, f in frames:
            if 2 in f["tls.handshake.type"]:
                chosen = (f["tls.handshake.extensions.supported_version"] or f["tls.handshake.version"])[0]
                draft = chosen & 0xff if chosen >> 8 in (0x7f, 0xfb) else 0
                if draft and f"draft {draft})" not in (h["version"] or ""):
                    bad(f"{cap} stream {stream}: draft {draft}, tlstrace names the version {h['version']}")
                if h["version_id"] != chosen:
                    bad(f"{cap} stream {stream}: version tshark {chosen:#06x}, tlstrace {h['version_id']} "
                        f"{h['version']}")
        # Record content types: those tlstrace shows as messages, and the
        # ones it only notes.
        cts = [(side[port], c) for port, f in frames for c in f["tls.record.content_type"]]
        for ct, name in ((20, "ChangeCipherSpec"), (21, "Alert")):
            w = [s for s, c in cts if c == ct]
            g = [m["sender"] for m in msgs if m["type"] == name]
            if w != g:
                bad(f"{cap} stream {stream}: content type {ct}: tshark {w}, tlstrace {name} {g}")
        for s, c in cts:
            if c == 24 and f"the {s} sent a heartbeat record" not in notes:
                bad(f"{cap} stream {stream}: tshark has a heartbeat from the {s}; tlstrace notes: {notes}")
            if c not in (20, 21, 22, 23, 24) and f"the {s} sent a record of content type {c} " not in notes:
                bad(f"{cap} stream {stream}: tshark has content type {c} from the {s}; tlstrace notes: {notes}")
        # A record tshark cannot type as a handshake message (no
        # tls.handshake.type in a handshake record) is no message of a
        # known type in tlstrace either: UnknownHandshake or encrypted.
        for port, f in frames:
            if 22 in f["tls.record.content_type"] and not f["tls.handshake.type"]:
                if not any(m["type"] in ("UnknownHandshake", "EncryptedHandshake") and m["sender"] == side[port]
                           for m in msgs):
                    bad(f"{cap} stream {stream}: tshark shows an untyped handshake record from the "
                        f"{side[port]}, tlstrace has no UnknownHandshake or EncryptedHandshake")
        if h.get("mid_stream") is not None:
            recs = {"client": 0, "server": 0}
            for port, f in frames:
                recs[side[port]] += len(f["tls.record.version"])
            first = frames[0][1]["tls.record.version"][0]
            if h["mid_stream"]["records"] != recs or h["mid_stream"]["record_version_id"] != first:
                bad(f"{cap} stream {stream}: records tshark {recs} version {first:#06x}, tlstrace "
                    f"{h['mid_stream']}")
            if h["outcome"] != "incomplete" or "not captured" not in h["mid_stream"]["reason"]:
                bad(f"{cap} stream {stream}: mid-stream outcome {h['outcome']}: {h['mid_stream']['reason']}")
        elif not any(f["tls.handshake.type"] for _, f in frames):
            bad(f"{cap} stream {stream}: no hello in tshark, and tlstrace does not say mid_stream")


def main():
    exe, caps = sys.argv[1], sys.argv[2:]
    fails = []
    for cap in caps:
        check(exe, cap, fails.append)
    for f in fails:
        print("FAIL:", f)
    print(f"check_odd: {len(caps)} captures, {len(fails)} mismatches")
    return 1 if fails else 0


sys.exit(main())
