#!/usr/bin/env python3
"""check_live_json.py - checks `tlstrace live --json` against an independent
implementation of the TLS PRF (tlsprf.py: Python's hmac/hashlib), and against the key
log tlstrace wrote.  Usage: check_live_json.py JSON_FILE KEYLOG_FILE [expect=value ...]

Expectations: version=TLS 1.2, kx=RSA, ems=false, client_cv=true ..."""
import hashlib
import json
import os
import stat
import sys

import tlsprf


def prf(version_id, hname, secret, label, seed, n):
    """TLS 1.0/1.1 (version 769, 770) or TLS 1.2 with the suite's hash."""
    return tlsprf.prf(secret, label, seed, n, None if version_id in (769, 770) else getattr(hashlib, hname))


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def main():
    json_path, keylog_path = sys.argv[1], sys.argv[2]
    want = dict(a.replace("_", " ").split("=", 1) for a in sys.argv[3:])
    lines = [l for l in open(json_path) if l.strip()]
    if len(lines) != 1:
        fail("expected one JSON line, got %d" % len(lines))
    t = json.loads(lines[0])
    for key in ("format", "connection", "handshake", "source", "client", "server", "version", "version_id",
                "cipher_suite", "key_exchange", "client_random", "server_random", "session_id", "resumed",
                "extended_master_secret", "secrets", "finished", "outcome", "failure", "messages", "steps"):
        if key not in t:
            fail("key %s missing" % key)
    if t["format"] != 1 or t["source"] != "live":
        fail("format/source")
    if "version" in want and t["version"] != want["version"]:
        fail("version %s, expected %s" % (t["version"], want["version"]))
    if "kx" in want and t["key_exchange"] != want["kx"]:
        fail("key_exchange %s, expected %s" % (t["key_exchange"], want["kx"]))
    if "ems" in want and t["extended_master_secret"] != (want["ems"] == "true"):
        fail("extended_master_secret %s" % t["extended_master_secret"])
    if t["outcome"] != "complete" or t["failure"] is not None:
        fail("outcome %s failure %s" % (t["outcome"], t["failure"]))
    if t["finished"] != {"client": "verified", "server": "verified"}:
        fail("finished %s" % t["finished"])
    if len(t["steps"]) != 9 or [s["step"] for s in t["steps"]] != list(range(1, 10)):
        fail("steps are not 1..9")
    for s in t["steps"]:
        ok = s["status"] == "done" or (t["version"] == "TLS 1.3" and s["status"] == "skipped" and s["step"] in (4, 6))
        if not ok:
            fail("step %d is %s" % (s["step"], s["status"]))
    if want.get("all done") == "true" and any(s["status"] != "done" for s in t["steps"]):
        fail("not all nine steps are done")
    senders_types = [(m["sender"], m["type"]) for m in t["messages"]]
    if "client cv" in want and (("client", "CertificateVerify") in senders_types) != (want["client cv"] == "true"):
        fail("client CertificateVerify presence wrong: %s" % senders_types)
    if senders_types[0] != ("client", "ClientHello"):
        fail("first message is %s" % (senders_types[0],))

    keylog = {}
    for line in open(keylog_path):
        parts = line.split()
        if len(parts) == 3:
            keylog[(parts[0], parts[1])] = parts[2]
    mode = stat.S_IMODE(os.stat(keylog_path).st_mode)
    if mode != 0o600:
        fail("key log mode is %o, not 600" % mode)
    cr = t["client_random"]
    sec = t["secrets"]
    if t["version"] == "TLS 1.3":
        for label, key in (("CLIENT_HANDSHAKE_TRAFFIC_SECRET", "client_handshake_traffic_secret"),
                           ("SERVER_HANDSHAKE_TRAFFIC_SECRET", "server_handshake_traffic_secret"),
                           ("CLIENT_TRAFFIC_SECRET_0", "client_traffic_secret_0"),
                           ("SERVER_TRAFFIC_SECRET_0", "server_traffic_secret_0")):
            if keylog.get((label, cr)) != sec[key]:
                fail("%s differs from the key log" % label)
        print("ok: %s %s" % (t["version"], t["cipher_suite"]["name"]))
        return
    master = sec["master"]
    if not master or len(master) != 96:
        fail("master is %r" % master)
    if keylog.get(("CLIENT_RANDOM", cr)) != master:
        fail("the key log's master is not the trace's")
    if t["key_exchange"] == "RSA":
        pms = sec["premaster"]
        if not pms or len(pms) != 96 or sec["premaster_from"] != "rsa-key" or sec["master_from"] != "derived":
            fail("premaster %r from %r, master from %r" % (pms, sec["premaster_from"], sec["master_from"]))
        hname = "sha384" if t["cipher_suite"]["name"].endswith("SHA384") else "sha256"
        if t["extended_master_secret"]:
            seed, label = bytes.fromhex(sec["session_hash"]), b"extended master secret"
        else:
            seed, label = bytes.fromhex(cr + t["server_random"]), b"master secret"
        mine = prf(t["version_id"], hname, bytes.fromhex(pms), label, seed, 48).hex()
        if mine != master:
            fail("master is not PRF(premaster, ...): python gives %s" % mine)
    else:
        if sec["premaster"] is not None or sec["master_from"] != "live":
            fail("an (EC)DHE premaster should be null with master from live")
    print("ok: %s %s master checked" % (t["version"], t["cipher_suite"]["name"]))


main()
