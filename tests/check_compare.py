#!/usr/bin/env python3
"""check_compare.py - checks `tlstrace compare --json` against oracles
that are not the comparison itself.

  capture JSON PCAP N M     tshark's own dissection of connections N and M
                            (tcp.stream): version and suite chosen, the
                            ClientHello's suites and extensions by name, in
                            order; which rows differ follows from those.
  live JSON A.json B.json   each side's own `tlstrace live --json` line of
                            the same configuration: version, suite, step
                            statuses, outcome, the offered suites.

Prints one line per failed check and "N passed, M failed"; exits 1 on any
failure."""
import json
import re
import subprocess
import sys

passed = 0
failed = 0


def check(what, ok):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)


def rows(cmp):
    out = {}
    for st in cmp["steps"]:
        for r in st["rows"]:
            out.setdefault(r["field"], []).append((st["step"], r))
    return out


def first(cmp, field):
    return rows(cmp)[field][0][1]


def column(row, side):
    return [ln[side] for ln in row["lines"] if ln[side] is not None]


def lcs(a, b):
    n, m = len(a), len(b)
    t = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            t[i][j] = t[i + 1][j + 1] + 1 if a[i] == b[j] else max(t[i + 1][j], t[i][j + 1])
    return t[0][0]


def shared(row):
    return sum(1 for ln in row["lines"] if ln["a"] is not None and ln["b"] is not None and not ln["differs"])


def check_list(name, row, la, lb):
    """An aligned list row against the two sides' lists from an oracle."""
    check(f"{name}: A's items {column(row, 'a')} == {la}", column(row, "a") == la)
    check(f"{name}: B's items {column(row, 'b')} == {lb}", column(row, "b") == lb)
    check(f"{name}: {shared(row)} shared lines == LCS {lcs(la, lb)}", shared(row) == lcs(la, lb))
    check(f"{name}: differs == {la != lb}", row["differs"] == (la != lb))


VERSIONS = {"0x0300": "SSL 3.0", "0x0301": "TLS 1.0", "0x0302": "TLS 1.1", "0x0303": "TLS 1.2", "0x0304": "TLS 1.3"}


def tshark_conn(pcap, stream):
    """Version, suite id and name chosen; offered suite and extension names."""
    f = subprocess.run(["tshark", "-r", pcap, "-Y", f"tls.handshake.type==2 && tcp.stream=={stream}", "-T", "fields",
                        "-e", "tls.handshake.version", "-e", "tls.handshake.ciphersuite",
                        "-e", "tls.handshake.extensions.supported_version"],
                       capture_output=True, text=True, check=True).stdout.split("\n")[0].split("\t")
    version = VERSIONS[f[2].split(",")[0] if len(f) > 2 and f[2] else f[0]]
    suite = int(f[1], 16)
    ch = subprocess.run(["tshark", "-r", pcap, "-V", "-Y", f"tls.handshake.type==1 && tcp.stream=={stream}"],
                        capture_output=True, text=True, check=True).stdout
    suites = [m.group(1) for m in re.finditer(r"^\s+Cipher Suite: (\S+) \(0x[0-9a-f]{4}\)$", ch, re.M)]
    exts = [m.group(1) for m in re.finditer(r"^\s+Type: (\S+) \(\d+\)$", ch, re.M)]
    sh = subprocess.run(["tshark", "-r", pcap, "-V", "-Y", f"tls.handshake.type==2 && tcp.stream=={stream}"],
                        capture_output=True, text=True, check=True).stdout
    name = re.search(r"^\s+Cipher Suite: (\S+) \(0x[0-9a-f]{4}\)$", sh, re.M).group(1)
    return {"version": version, "suite": suite, "suite_name": name, "suites": suites, "exts": exts}


def suite_text(text, sid, name):
    return text == f"{name} (0x{sid:04x})"


def capture(cmp, pcap, n, m):
    a, b = tshark_conn(pcap, n), tshark_conn(pcap, m)
    v = first(cmp, "version")
    check(f"version: {v['lines'][0]} against tshark {a['version']} / {b['version']}",
          v["lines"][0]["a"] == a["version"] and v["lines"][0]["b"] == b["version"])
    check("version: differs as tshark says", v["differs"] == (a["version"] != b["version"]))
    s = first(cmp, "cipher_suite")
    check(f"suite chosen: {s['lines'][0]} against tshark {a['suite_name']} / {b['suite_name']}",
          suite_text(s["lines"][0]["a"], a["suite"], a["suite_name"]) and
          suite_text(s["lines"][0]["b"], b["suite"], b["suite_name"]))
    check("suite chosen: differs as tshark says", s["differs"] == (a["suite"] != b["suite"]))
    check_list("suites offered", first(cmp, "suites_offered"), a["suites"], b["suites"])
    check_list("extensions offered", first(cmp, "extensions_offered"), a["exts"], b["exts"])
    check("the sides are the connections asked for", cmp["a"]["connection"] == n and cmp["b"]["connection"] == m)


def step_text(st):
    return st["status"] + (": " + st["reason"] if st.get("reason") else "")


def live(cmp, ja, jb):
    v = first(cmp, "version")
    check("version against each side's live --json",
          v["lines"][0]["a"] == ja["version"] and v["lines"][0]["b"] == jb["version"])
    check("version differs as the live runs say", v["differs"] == (ja["version"] != jb["version"]))
    s = first(cmp, "cipher_suite")
    check("suite chosen against each side's live --json",
          suite_text(s["lines"][0]["a"], ja["cipher_suite"]["id"], ja["cipher_suite"]["name"]) and
          suite_text(s["lines"][0]["b"], jb["cipher_suite"]["id"], jb["cipher_suite"]["name"]))
    check("suite differs as the live runs say", s["differs"] == (ja["cipher_suite"] != jb["cipher_suite"]))
    status = [r for st, r in rows(cmp)["status"]]
    check("nine status rows", len(status) == 9)
    for i, r in enumerate(status):
        ta, tb = step_text(ja["steps"][i]), step_text(jb["steps"][i])
        check(f"step {i + 1} status {r['lines']} against {ta!r} / {tb!r}",
              "\n".join(column(r, "a")) == ta and "\n".join(column(r, "b")) == tb and r["differs"] == (ta != tb))
    # where each step's first message comes on the wire, from the side's own message list
    order = [r for st, r in rows(cmp)["order"]]
    for step in range(1, 9):
        for side, j in (("a", ja), ("b", jb)):
            steps = [m["step"] for m in j["messages"]]
            if step not in steps:
                want = "no messages"
            else:
                i = steps.index(step)
                want = "first" if i == 0 else f"after step {steps[i - 1]}"
            got = column(order[step - 1], side)[0]
            check(f"step {step} side {side}: on the wire {got!r} starts with {want!r}", got.startswith(want))
    oc = first(cmp, "outcome")
    check("outcome against each side's live --json",
          oc["lines"][0]["a"] == ja["outcome"] and oc["lines"][0]["b"] == jb["outcome"])
    ids_a = ja["messages"][0]["details"]["cipher_suites"]
    ids_b = jb["messages"][0]["details"]["cipher_suites"]
    so = first(cmp, "suites_offered")
    check("suites offered: one line per offered suite of A",
          len(column(so, "a")) == len(ids_a) and len(column(so, "b")) == len(ids_b))
    check("suites offered: shared lines == LCS of the offered ids", shared(so) == lcs(ids_a, ids_b))
    check("differences counts the rows that differ",
          cmp["differences"] == sum(1 for st in cmp["steps"] for r in st["rows"] if r["differs"]))


def main():
    cmp = json.load(open(sys.argv[2]))
    if sys.argv[1] == "capture":
        capture(cmp, sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    else:
        live(cmp, json.loads(open(sys.argv[3]).readline()), json.loads(open(sys.argv[4]).readline()))
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


main()
