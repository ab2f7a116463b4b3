#!/usr/bin/python3
"""Check tlstrace on the export-suite captures against tshark and against
the values tests/make_export_captures.py computed on its own.

    tests/check_export.py TLSTRACE DIR

DIR holds what make_export_captures.py wrote: NAME.pcap, NAME.keys,
server-512.key and expected.json.  For every case, with the key log and
then with the server's RSA key instead:

  tshark (the oracle) must decrypt both Finished and both application
  data records, and what it shows must be the script's verify_data and
  data (except for EXPORT1024 DES, whose key length tshark takes
  differently from OpenSSL: the script's own values only); tlstrace's received verify_data and decrypted first bytes must be
  the same bytes.  For an export suite, tlstrace must verify both Finished
  and show the key block, the export key material cut from it, the final
  write keys and the IVs the script computed (with the RSA key also the
  premaster and the master it derived; with the RSA_EXPORT case that
  sends a temporary key in its ServerKeyExchange, the temporary key
  decrypts and the certificate's key is refused, in words).  For SEED and IDEA, which nettle
  lacks, both Finished must be "unverified" with the reason
  "cannot decrypt: no implementation of SEED" (or IDEA), the handshake
  still complete and its keys still shown.

One line per failed check, then "export: N passed, M failed"; exit 1 when
a check failed, 2 when the checks could not run.
"""
import json
import os
import subprocess
import sys

MISSING = {0x0096: "SEED", 0x0007: "IDEA"}


class Report:
    def __init__(self):
        self.passed = self.failed = 0

    def eq(self, where, what, got, want):
        if got == want and want is not None:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL %s: %s: got %r, want %r" % (where, what, got, want))


def tshark(cap, opts):
    out = subprocess.run(["tshark", "-r", cap, "-T", "json", "-x", "-J", "ip tls http"] + opts,
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit("check_export.py: tshark failed on %s: %s" % (cap, out.stderr.strip()))
    return json.loads(out.stdout or "[]")


def walk(node, found):
    """Every (key, value) in tshark's JSON tree, depth first."""
    if isinstance(node, dict):
        for k, v in node.items():
            found.append((k, v))
            walk(v, found)
    elif isinstance(node, list):
        for v in node:
            walk(v, found)


def tshark_view(packets):
    """Per side (0 client, 1 server): the decrypted Finished verify_data
    (SSL 3.0: its MD5 and SHA-1 hashes) and the decrypted application data,
    as tshark shows them (fields' _raw hex)."""
    fin, data = {0: None, 1: None}, {0: None, 1: None}
    for p in packets:
        layers = p["_source"]["layers"]
        side = 0 if layers.get("ip", {}).get("ip.dst") == "10.0.0.2" else 1   # the script's server
        found = []
        walk(layers, found)
        vd = "".join(v[0] for k, v in found if k in ("tls.handshake.verify_data_raw",
                                                      "tls.handshake.md5_hash_raw",
                                                      "tls.handshake.sha_hash_raw"))
        if vd:
            fin[side] = vd
        http = [v[0] for k, v in found if k == "http_raw"]
        if http:
            data[side] = "".join(http)
    return fin, data


def tlstrace(binary, cap, opts):
    out = subprocess.run([binary, "read", cap, "--json"] + opts, capture_output=True, text=True)
    lines = [json.loads(l) for l in out.stdout.splitlines() if l.strip()]
    if out.returncode != 0 or len(lines) != 1:
        raise SystemExit("check_export.py: tlstrace read %s %s: exit %d, %d lines: %s"
                         % (cap, " ".join(opts), out.returncode, len(lines), out.stderr.strip()))
    return lines[0]


def check_case(rep, binary, d, name, exp):
    cap = os.path.join(d, name + ".pcap")
    keylog = os.path.join(d, name + ".keys")
    rsakey = os.path.join(d, "server-512.key")
    runs = [
        ("keylog", ["-o", "tls.keylog_file:" + keylog], ["--keylog", keylog]),
        ("rsa-key", ["-o", 'uat:rsa_keys:"%s",""' % rsakey], ["--rsa-key", rsakey]),
    ]
    if exp.get("dhe"):
        runs = runs[:1]   # the Diffie-Hellman premaster never crosses the wire: the key log only
    sides = (("client", 0), ("server", 1))
    for how, tsopts, ttopts in runs:
        where = "%s (%s)" % (name, how)
        fin, data = tshark_view(tshark(cap, tsopts))
        j = tlstrace(binary, cap, ttopts)
        rep.eq(where, "cipher suite", (j.get("cipher_suite") or {}).get("id"), exp["suite"])
        rep.eq(where, "version", j.get("version_id"), exp["version"])
        rep.eq(where, "client random", j.get("client_random"), exp["client_random"])
        rep.eq(where, "outcome", j.get("outcome"), "complete")
        for side, i in sides:
            want_fin = exp[side + "_finished"]
            want_data = exp[side + "_data"]
            if exp["tshark_decrypts"] and not (how == "rsa-key" and exp["temporary_key"]):
                rep.eq(where, "tshark's decrypted %s Finished against the script's" % side, fin[i], want_fin)
                rep.eq(where, "tshark's decrypted %s data against the script's" % side, data[i], want_data)
            else:
                # EXPORT1024 DES: tshark cuts 7 key bytes, OpenSSL and the draft 8
                # (make_export_captures.py); and tshark looks RSA keys up by the
                # certificate's, so it cannot use RSA_EXPORT's temporary key:
                # there the script's values decide alone.
                fin[i], data[i] = want_fin, want_data
            detail = j["finished_detail"][side]
            app = j["application_data"][side]
            if exp["suite"] in MISSING:
                why = "cannot decrypt: no implementation of " + MISSING[exp["suite"]]
                rep.eq(where, "%s Finished verdict" % side, j["finished"][side], "unverified")
                rep.eq(where, "%s Finished why" % side, detail["why"], why)
                rep.eq(where, "%s data not shown as decrypted" % side, app["first_bytes"] is None, True)
                rep.eq(where, "%s application data records" % side, app["records"], 1)
            else:
                rep.eq(where, "%s Finished verdict" % side, j["finished"][side], "verified")
                rep.eq(where, "%s received verify_data against tshark's" % side, detail["received"], fin[i])
                rep.eq(where, "%s expected verify_data against the script's" % side, detail["expected"], want_fin)
                rep.eq(where, "%s decrypted data against tshark's" % side, app["first_bytes"], data[i])
        sec = j["secrets"]
        rep.eq(where, "master", sec["master"], exp["master"])
        if how == "rsa-key":
            rep.eq(where, "premaster", sec["premaster"], exp["premaster"])
            rep.eq(where, "master derived", sec["master_from"], "derived")
        keys = sec["keys"] or {}
        rep.eq(where, "key block", keys.get("key_block"), exp["key_block"])
        for side, _ in sides:
            k = keys.get(side) or {}
            rep.eq(where, side + " MAC key", k.get("mac_key"), exp[side + "_mac"])
            rep.eq(where, side + " write key", k.get("write_key"), exp[side + "_key"])
            if exp[side + "_iv"] is None:
                rep.eq(where, side + " has no IV", k.get("iv") is None, True)
            else:
                rep.eq(where, side + " IV", k.get("iv"), exp[side + "_iv"])
            if exp["export"]:
                rep.eq(where, side + " export key material", k.get("export_key_material"), exp[side + "_material"])
                rep.eq(where, side + " final key is not the material", k.get("write_key") != exp[side + "_material"],
                       True)
            else:
                rep.eq(where, side + " has no export key material", k.get("export_key_material") is None, True)


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    binary, d = sys.argv[1], sys.argv[2]
    with open(os.path.join(d, "expected.json")) as fh:
        expected = json.load(fh)
    rep = Report()
    for name in sorted(expected):
        check_case(rep, binary, d, name, expected[name])
    # The certificate's key is not the one an RSA_EXPORT ServerKeyExchange's
    # temporary key encrypts to: said so, nothing decrypted.
    for name in sorted(n for n in expected if expected[n].get("temporary_key")):
        cap = os.path.join(d, name + ".pcap")
        j = tlstrace(binary, cap, ["--rsa-key", os.path.join(d, "server-1024.key")])
        where = "%s (certificate's key)" % name
        rep.eq(where, "premaster", j["secrets"]["premaster"] is None, True)
        rep.eq(where, "Finished", j["finished"], {"client": "unverified", "server": "unverified"})
        notes = [n for m in j["messages"] for n in (m.get("notes") or [])]
        rep.eq(where, "note on the ServerKeyExchange",
               any("is not this temporary RSA_EXPORT key" in n for n in notes), True)
    print("export: %d passed, %d failed (%s)" % (rep.passed, rep.failed, d))
    return 1 if rep.failed else 0


sys.exit(main())
