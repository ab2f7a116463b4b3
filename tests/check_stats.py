#!/usr/bin/env python3
"""check_stats.py - `tlstrace read CAPTURE --stats --json` against counts
recomputed here, independently of tlstrace's report, from two sources:
  - `tlstrace read CAPTURE --json`, one line per handshake (versions,
    suites, key exchange, outcomes, failures, JA4s, the weak versions,
    suites and key exchange, RFC 5746 from the hellos' extension lists);
  - Wireshark's tshark and openssl where they can say it: the suites the
    ServerHellos chose, the versions (supported_versions, else the hello's),
    the server names the ClientHellos sent, the server certificates (their
    SHA-256 over the DER tshark extracts; key size, signature algorithm and
    expiry as `openssl x509 -text` prints them) and DH prime sizes.
usage: check_stats.py TLSTRACE CAPTURE [KEYLOG]
Prints one line; exit status 1 on a difference."""
import collections
import datetime
import hashlib
import json
import re
import subprocess
import sys

tlstrace, capture = sys.argv[1], sys.argv[2]
keylog = sys.argv[3] if len(sys.argv) > 3 else None
kl = ["--keylog", keylog] if keylog else []
name = capture.rsplit("/", 1)[-1]
errors = []


def run(args):
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


stats = json.loads(run([tlstrace, "read", capture, "--stats", "--json"] + kl))
lines = [json.loads(l) for l in run([tlstrace, "read", capture, "--json"] + kl).splitlines()]


def table(key):
    t = stats[key]
    return {c["value"]: c["count"] for c in t["counts"]}


def expect(key, counter, top=None):
    got = table(key)
    want = dict(counter)
    if top is not None:   # the top N: counts agree for every value shown
        if len(got) != min(top, len(want)) or any(want.get(k) != v for k, v in got.items()):
            errors.append(f"{key}: {got} is not the top {top} of {want}")
        return
    if got != want:
        errors.append(f"{key}: tlstrace says {got}, recomputed {want}")


C = collections.Counter
if stats["handshakes"] != len(lines):
    errors.append(f"handshakes: {stats['handshakes']} != {len(lines)} lines of --json")
expect("versions", C(h["version"] or "none" for h in lines))
expect("cipher_suites", C((h["cipher_suite"]["name"] or "0x%04x" % h["cipher_suite"]["id"]) if h["cipher_suite"]
                          else "none" for h in lines))
expect("key_exchanges", C(h["key_exchange"] or "none" for h in lines))
expect("outcomes", C(h["outcome"] for h in lines))
fails = [h["failure"] for h in lines if h["failure"]]
expect("failure_steps", C(str(f["step"]) for f in fails))
expect("failure_sides", C(f["sender"] for f in fails))
expect("failure_alerts", C(f["alert"] or ("unknown" if f["alert_id"] is not None else "none") for f in fails))
expect("failure_reasons", C(f["reason"] for f in fails))
expect("ja4", C(h["fingerprints"]["ja4"] for h in lines if h["fingerprints"]["ja4"]), top=10)


def first(h, t):
    return next((m for m in h["messages"] if m["type"] == t and m["details"] is not None), None)


weak = {k: 0 for k in stats["weak"]}
for h in lines:
    v = h["version"]
    weak["ssl3"] += v == "SSL 3.0"
    weak["tls10"] += v == "TLS 1.0"
    weak["tls11"] += v == "TLS 1.1"
    sn = (h["cipher_suite"] or {}).get("name") or ""
    if h["cipher_suite"] and h["cipher_suite"]["id"]:
        weak["rc4"] += "_RC4_" in sn
        weak["3des"] += "3DES" in sn
        weak["export"] += "EXPORT" in sn
        weak["null_cipher"] += "_WITH_NULL_" in sn
        weak["rsa_key_exchange"] += sn.startswith(("TLS_RSA_WITH", "TLS_RSA_EXPORT"))
    ch, sh = first(h, "ClientHello"), first(h, "ServerHello")
    if ch and v != "TLS 1.3" and not (sh and sh["details"]["selected_version"] == 772):
        cd = ch["details"]
        client = 65281 in cd["extensions"] or 255 in cd["cipher_suites"]
        server = sh is None or 65281 in sh["details"]["extensions"]
        weak["no_secure_renegotiation"] += not (client and server)
for k in ("ssl3", "tls10", "tls11", "rc4", "3des", "export", "null_cipher", "rsa_key_exchange",
          "no_secure_renegotiation"):
    if stats["weak"][k]["count"] != weak[k]:
        errors.append(f"weak.{k}: {stats['weak'][k]['count']} != {weak[k]} recomputed from --json")
for k, w in stats["weak"].items():
    if len(w["connections"]) != min(5, len(set(w["connections"]))) or len(w["connections"]) > w["count"]:
        errors.append(f"weak.{k}: connections {w['connections']} do not fit count {w['count']}")

# ---- tshark and openssl ----
ts = ["tshark", "-n", "-r", capture, "-d", "tcp.port==4430-4499,tls"] + (["-o", "tls.keylog_file:" + keylog] if keylog else [])


def fields(filt, *f):
    out = run(ts + ["-Y", filt, "-T", "fields", "-E", "aggregator=|"] + sum((["-e", x] for x in f), []))
    return [l.split("\t") for l in out.splitlines()]


# versions and suites of the ServerHellos that are not HelloRetryRequests
HRR = "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c"
ts_suites, ts_versions = C(), C()
for stream, suites, randoms, sv, ver in fields("tls.handshake.type == 2", "tcp.stream", "tls.handshake.ciphersuite",
                                             "tls.handshake.random", "tls.handshake.extensions.supported_version",
                                             "tls.handshake.version"):
    for i, (s, r) in enumerate(zip(suites.split("|"), randoms.split("|"))):
        if r == HRR:
            continue
        ts_suites[int(s, 16)] += 1
        ts_versions[int((sv or ver).split("|")[-1] if sv else ver.split("|")[i], 16)] += 1
ids = {}
for h in lines:
    if h["cipher_suite"]:
        ids[h["cipher_suite"]["name"] or "0x%04x" % h["cipher_suite"]["id"]] = h["cipher_suite"]["id"]
got = C({ids.get(k, k): v for k, v in table("cipher_suites").items() if k != "none"})
if got != ts_suites:
    errors.append(f"cipher suites: tlstrace {dict(got)} != tshark's ServerHellos {dict(ts_suites)}")
vid = {"SSL 3.0": 0x300, "TLS 1.0": 0x301, "TLS 1.1": 0x302, "TLS 1.2": 0x303, "TLS 1.3": 0x304}
got = C({vid[k]: v for k, v in table("versions").items() if k != "none"})
if got != ts_versions:
    errors.append(f"versions: tlstrace {dict(got)} != tshark's {dict(ts_versions)}")

# server names: the first ClientHello of each handshake tshark sees
sni = C()
seen_streams = collections.defaultdict(int)
hrr_streams = {int(r[0]) for r in fields("tls.handshake.random == " + ":".join(HRR[i:i + 2] for i in range(0, 64, 2)),
                                        "tcp.stream")}
for stream, names in fields("tls.handshake.type == 1", "tcp.stream", "tls.handshake.extensions_server_name"):
    for n in names.split("|"):
        seen_streams[int(stream)] += 1
        if int(stream) in hrr_streams and seen_streams[int(stream)] == 2:
            continue      # the second ClientHello after a HelloRetryRequest
        if n:
            sni[n] += 1
expect("server_names", sni, top=10)

# certificates: every one the server sent, by the SHA-256 of its DER
certs = {}
dh_small = 0
# the server is the side that sent the ServerHello (tshark's view)
server_port = {int(st): int(sp) for st, sp in fields("tls.handshake.type == 2", "tcp.stream", "tcp.srcport")}
when = {}   # sha256 -> the capture time of the first frame carrying it
for stream, sport, t, chain in fields("tls.handshake.type == 11", "tcp.stream", "tcp.srcport", "frame.time_epoch",
                                      "tls.handshake.certificate"):
    if server_port.get(int(stream)) != int(sport):
        continue
    for der_hex in chain.split("|"):
        der = bytes.fromhex(der_hex.replace(":", ""))
        certs.setdefault(hashlib.sha256(der).hexdigest(), der)
        when.setdefault(hashlib.sha256(der).hexdigest(), float(t))
for stream, plen in fields("tls.handshake.type == 12", "tcp.stream", "tls.handshake.p_len"):
    dh_small += any(p and int(p) * 8 < 2048 for p in plen.split("|"))
if stats["weak"]["dh_under_2048"]["count"] != dh_small:
    errors.append(f"weak.dh_under_2048: {stats['weak']['dh_under_2048']['count']} != {dh_small} from tshark's p_len")
mine = {c["sha256"]: c for c in stats["certificates"]["list"]}
if set(mine) != set(certs):
    errors.append(f"certificates: tlstrace lists {sorted(mine)}, tshark saw {sorted(certs)}")
for sha, der in certs.items():
    c = mine.get(sha)
    if not c:
        continue
    text = subprocess.run(["openssl", "x509", "-inform", "DER", "-noout", "-text"], input=der,
                          capture_output=True, check=True).stdout.decode()
    bits = re.search(r"Public-Key: \((\d+) bit\)", text)
    if bits and c["key_bits"] != int(bits.group(1)):
        errors.append(f"certificate {sha[:16]}: {c['key_bits']} bits, openssl says {bits.group(1)}")
    sig = re.search(r"Signature Algorithm: (\S+)", text).group(1)
    weak_sig = sig.lower().startswith(("sha1", "md5")) or "-with-sha1" in sig.lower()
    if weak_sig != (("SHA1" in c["signature_algorithm"]) or ("MD5" in c["signature_algorithm"])):
        errors.append(f"certificate {sha[:16]}: signature {c['signature_algorithm']}, openssl says {sig}")
    after = re.search(r"Not After : (.+)", text).group(1).strip()
    na = datetime.datetime.strptime(after, "%b %d %H:%M:%S %Y GMT").strftime("%Y-%m-%dT%H:%M:%SZ")
    if c["not_after"] != na:
        errors.append(f"certificate {sha[:16]}: not_after {c['not_after']}, openssl says {na}")
    end = datetime.datetime.strptime(after, "%b %d %H:%M:%S %Y GMT").replace(tzinfo=datetime.timezone.utc).timestamp()
    expired, soon = end < when[sha], when[sha] <= end < when[sha] + 30 * 86400
    if (c["expired"], c["expires_within_30_days"]) != (expired, soon):
        errors.append(f"certificate {sha[:16]}: expired {c['expired']}, within 30 days {c['expires_within_30_days']}; "
                      f"openssl's Not After {after} at capture time {when[sha]} says {expired}, {soon}")

if errors:
    for e in errors:
        print(f"{name}: {e}")
    sys.exit(1)
print(f"{name}: --stats agrees ({stats['handshakes']} handshakes, {len(certs)} certificates)")
