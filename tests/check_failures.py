#!/usr/bin/env python3
"""Check tlstrace's diagnosis of every case of the failure corpus.

    tests/check_failures.py TLSTRACE [DIR] [-v]

DIR (default captures/failures) holds NAME.pcap, NAME.keys and
expected.tsv, one row per case and key mode: `keys` is "with" (read with
the client's key log), "without", or "both".  `handshake` is "0" (the
first handshake of the capture) or "*" (every handshake).  For a failure
the row gives the step, the side that detected it (failure.sender), the
alert ("-": none, JSON null) and a word or phrase the reason must contain
(case-insensitive); "-" means not checked.  The oracle column is the
peer's own words (tests/make_failures.sh checks that the peer said them);
it is shown when a case fails, to say what the truth is.

Prints one line per case and key mode, then "N passed, M failed"; exit
status 0 only if every case passed."""
import csv
import json
import os
import subprocess
import sys


def run(tlstrace, pcap, keys):
    cmd = [tlstrace, "read", pcap, "--json"]
    if keys:
        cmd += ["--keylog", keys]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    out = []
    for line in p.stdout.splitlines():
        line = line.strip()
        if line:
            out.append(json.loads(line))
    return out, p.stderr.strip()


# The alert the RFC prescribes for each kind of failure, read from the
# RFCs (not from tlstrace): the cause word of expected.tsv -> (TLS 1.2
# and earlier, TLS 1.3).  None: the RFCs leave it open.
RFC_ALERT = {
    "version": ("protocol_version", "protocol_version"),            # 5246 E.1, 8446 4.2.1
    "cipher suite": ("handshake_failure", "handshake_failure"),     # 5246 7.4.1.3, 8446 4.1.1
    "group": ("handshake_failure", "handshake_failure"),            # 8422 5.4, 8446 4.1.1
    "signature": ("handshake_failure", "handshake_failure"),        # 5246 7.4.1.3, 8446 4.1.1
    "application protocol": ("no_application_protocol",) * 2,     # 7301 3.2
    "server name": ("unrecognized_name",) * 2,                      # 6066 3
    "trust": ("unknown_ca", "unknown_ca"),                          # 5246 7.2.2, 8446 6.2
    "expired": ("certificate_expired", "certificate_expired"),      # 5246 7.2.2, 8446 6.2
    "certificate from the client": ("handshake_failure", "certificate_required"),  # 5246 7.4.6, 8446 4.4.2.4
    "name": (None, None),
}


def check_one(t, row, keys):
    """The mismatches of one handshake against one row, as strings."""
    bad = []

    def want(name, got, exp):
        if exp != "-" and got != exp:
            bad.append("%s %r, expected %r" % (name, got, exp))

    want("outcome", t.get("outcome"), row["outcome"])
    if row["version"] != "-":
        want("version", t.get("version"), row["version"])
    f = t.get("failure")
    if row["outcome"] != "failed":
        if f is not None:
            bad.append("failure %r, expected none" % (f.get("reason"),))
        if (row["outcome"] == "complete" and not keys and t.get("version") == "TLS 1.3"
                and t.get("finished") != {"client": "unverified", "server": "unverified"}):
            bad.append("finished %r, expected both unverified (inferred)" % (t.get("finished"),))
        return bad
    if f is None:
        return bad + ["no failure reported"]
    want("step", str(f.get("step")), row["step"])
    want("sender", f.get("sender"), row["side"])
    alert = f.get("alert") if f.get("alert") is not None else "-"
    if row["alert"] != "-" or alert != "-":
        if alert != row["alert"]:
            bad.append("alert %r, expected %r" % (alert, row["alert"]))
    if row["cause"] != "-" and row["cause"].lower() not in (f.get("reason") or "").lower():
        bad.append("reason %r does not say %r" % (f.get("reason"), row["cause"]))
    rfc = RFC_ALERT.get(row["cause"])
    if rfc is not None and keys:
        exp = rfc[1] if row["version"] == "TLS 1.3" or (row["version"] == "-" and "13" in row["case"]) else rfc[0]
        if f.get("rfc_alert") != exp or (exp and not f.get("rfc_says")):
            bad.append("rfc_alert %r (%r), the RFC prescribes %r" % (f.get("rfc_alert"), f.get("rfc_says"), exp))
    return bad


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    verbose = "-v" in sys.argv
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    tlstrace = args[0]
    here = os.path.dirname(os.path.abspath(__file__))
    d = args[1] if len(args) > 1 else os.path.join(here, "..", "captures", "failures")
    with open(os.path.join(d, "expected.tsv"), newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    passed = failed = 0
    for row in rows:
        modes = {"with": [True], "without": [False], "both": [True, False]}[row["keys"]]
        for keys in modes:
            pcap = os.path.join(d, row["case"] + ".pcap")
            kf = os.path.join(d, row["case"] + ".keys") if keys else None
            label = "%s (%s keys)" % (row["case"], "with" if keys else "without")
            try:
                hs, err = run(tlstrace, pcap, kf)
            except (subprocess.SubprocessError, ValueError) as e:
                hs, err = [], str(e)
            if not hs:
                bad = ["no handshake read: %s" % err]
            else:
                pick = hs if row["handshake"] == "*" else [hs[int(row["handshake"])]] \
                    if int(row["handshake"]) < len(hs) else []
                bad = [] if pick else ["handshake %s not found" % row["handshake"]]
                for i, t in enumerate(pick):
                    bad += ["#%d: %s" % (i, b) if len(pick) > 1 else b for b in check_one(t, row, keys)]
            if bad:
                failed += 1
                print("FAIL %s: %s  [the peer: %s]" % (label, "; ".join(bad), row["oracle"]))
            else:
                passed += 1
                if verbose:
                    f = hs[0].get("failure") if hs else None
                    print("ok   %s%s" % (label, ": " + f["reason"] if f else ""))
                else:
                    print("ok   %s" % label)
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
