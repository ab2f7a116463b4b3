#!/usr/bin/env python3
"""check_filters.py - `tlstrace read` with --sni/--outcome/--version/--ja4
reports exactly the handshakes of the unfiltered `read --json` that match,
in every view (--json, --summary, --stats --json).  The match is computed
here: fnmatch for --sni on the ClientHello's server_name, the version name,
the outcome, fingerprints.ja4.
usage: check_filters.py TLSTRACE CAPTURE KEYLOG FILTER-ARGS...
(FILTER-ARGS e.g. "--sni" "other.*" "--outcome" "failed"; a --filter BPF among them
applies to both runs)"""
import fnmatch
import json
import subprocess
import sys

tlstrace, capture, keylog, fargs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
kl = ["--keylog", keylog] if keylog != "-" else []


def run(extra):
    return subprocess.run([tlstrace, "read", capture] + kl + extra, capture_output=True, text=True,
                          check=True).stdout


versions = {"ssl3": "SSL 3.0", "1.0": "TLS 1.0", "1.1": "TLS 1.1", "1.2": "TLS 1.2", "1.3": "TLS 1.3"}
opts = dict(zip(fargs[0::2], fargs[1::2]))


def keep(h):
    ch = next((m for m in h["messages"] if m["type"] == "ClientHello" and m["details"] is not None), None)
    sni = ch["details"]["server_name"] if ch else None
    return (("--sni" not in opts or (sni is not None and fnmatch.fnmatchcase(sni, opts["--sni"])))
            and ("--outcome" not in opts or h["outcome"] == opts["--outcome"])
            and ("--version" not in opts or h["version"] == versions[opts["--version"]])
            and ("--ja4" not in opts or h["fingerprints"]["ja4"] == opts["--ja4"]))


# --filter (BPF, applied while reading) is given to the unfiltered run too
base = ["--filter", opts["--filter"]] if "--filter" in opts else []
everything = [json.loads(l) for l in run(["--json"] + base).splitlines()]
want = sorted((h["connection"], h["handshake"]) for h in everything if keep(h))
got = sorted((h["connection"], h["handshake"]) for h in map(json.loads, run(["--json"] + fargs).splitlines()))
summary = sorted(tuple(map(int, l.split("  ")[0].split("."))) for l in run(["--summary"] + fargs).splitlines())
stats = json.loads(run(["--stats", "--json"] + fargs))
name = capture.rsplit("/", 1)[-1] + " " + " ".join(fargs)
errs = []
if got != want:
    errs.append(f"--json gives {got}, the filter of the whole --json gives {want}")
if summary != want:
    errs.append(f"--summary gives {summary}, want {want}")
if stats["handshakes"] != len(want):
    errs.append(f"--stats counts {stats['handshakes']} handshakes, want {len(want)}")
if errs:
    print("\n".join(f"{name}: {e}" for e in errs))
    sys.exit(1)
print(f"{name}: {len(want)} of {len(everything)} handshakes, in --json, --summary and --stats")
