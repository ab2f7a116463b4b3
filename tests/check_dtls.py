#!/usr/bin/env python3
"""check_dtls.py - tlstrace's JSON for a DTLS capture against what tshark
dissects in it (with the client's key log) and what the peers themselves
wrote: used by tests/dtls.sh.

    check_dtls.py TLSTRACE CAPTURE KEYLOG LINE_TAG [RSA_KEY]

From tshark's handshake fragments (dtls.handshake.type, message_seq,
fragment_offset, fragment_length, length) this works out, on its own, the
distinct handshake messages of each side, which came again (a
retransmission: a message_seq seen whole before), which came in several
fragments, the ChangeCipherSpecs, the randoms, the chosen suite and
version, the cookie, and the decrypted Finished verify_data and
application data; tlstrace's JSON must say the same.  The application
data must also be the lines tests/make_dtls_captures.sh fed the peers
("client line over TAG"), and with RSA_KEY (no key log) the master secret
tlstrace derives must be the one in the client's own key log.
Prints one line per failed check; exit status 1 if any failed."""
import json
import subprocess
import sys

FIELDS = ["frame.number", "udp.srcport", "udp.stream", "dtls.record.content_type", "dtls.record.epoch",
          "dtls.record.sequence_number",
          "dtls.handshake.type", "dtls.handshake.message_seq", "dtls.handshake.fragment_offset",
          "dtls.handshake.fragment_length", "dtls.handshake.length", "dtls.handshake.random",
          "dtls.handshake.ciphersuite", "dtls.handshake.version", "dtls.handshake.cookie",
          "data.data"]
TYPES = {1: "ClientHello", 2: "ServerHello", 3: "HelloVerifyRequest", 4: "NewSessionTicket", 11: "Certificate",
         12: "ServerKeyExchange", 13: "CertificateRequest", 14: "ServerHelloDone", 15: "CertificateVerify",
         16: "ClientKeyExchange", 20: "Finished"}

fails = []


def check(what, got, want):
    if got != want:
        fails.append(f"{what}: tlstrace says {got!r}, the oracle {want!r}")


def tshark(pcap, keys):
    out = subprocess.run(["tshark", "-r", pcap, "-o", "tls.keylog_file:" + keys, "-T", "fields",
                          "-E", "separator=\t", "-E", "occurrence=a", "-E", "aggregator=,"]
                         + sum([["-e", f] for f in FIELDS], []),
                         capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines():
        cols = line.split("\t")
        rows.append({f: (cols[i].split(",") if cols[i] else []) for i, f in enumerate(FIELDS)})
    return rows


def tlstrace(binary, pcap, opts):
    out = subprocess.run([binary, "read", pcap, "--json"] + opts, capture_output=True, text=True)
    if out.returncode != 0:
        fails.append(f"tlstrace read {pcap} {' '.join(opts)}: exit {out.returncode}: {out.stderr.strip()}")
        return []
    return [json.loads(l) for l in out.stdout.splitlines()]


def finished_records(pcap, keys):
    """Both Finished, header and body, as tshark decrypts them (client
    first).  tshark shows no bytes for a DTLS Finished's verify_data:
    they are read from its hex dump of the decrypted records (-x,
    "Decrypted DTLS") of the frames holding a Finished; a Finished starts
    with type 20 and its 12-byte header."""
    out = subprocess.run(["tshark", "-r", pcap, "-o", "tls.keylog_file:" + keys, "-x",
                          "-Y", "dtls.handshake.type == 20"], capture_output=True, text=True, check=True).stdout
    found, block = [], None
    for line in out.splitlines() + [""]:
        if line.startswith("Decrypted DTLS"):
            block = bytearray()
        elif block is not None and line[:4].strip() and all(c in "0123456789abcdef" for c in line[:4]):
            block += bytes.fromhex(" ".join(line[6:54].split()))
        elif block is not None:
            if len(block) >= 24 and block[0] == 20:
                found.append(bytes(block[:24]))
            block = None
    return found


def finished_verify_data(pcap, keys):
    """The verify_data of both Finished, hex."""
    return [r[12:24].hex() for r in finished_records(pcap, keys)]


def oracle(rows):
    """What tshark's fragments say, worked out here."""
    client_port = rows[0]["udp.srcport"][0]
    o = {"stream": int(rows[0]["udp.stream"][0]), "messages": [], "retx": [0, 0], "frag": [0, 0],
         "ccs": [set(), set()], "protected_hs": [set(), set()], "dup": [0, 0], "cookie": None, "app": [[], []], "verify": [], "randoms": []}
    have = {}        # (side, seq, type) -> set of bytes covered, None once whole
    used = {}        # (side, seq, type) -> fragments used to make it whole
    records = set()  # (side, epoch, sequence_number) seen
    for r in rows:
        side = 0 if r["udp.srcport"][0] == client_port else 1
        types = [int(t) for t in r["dtls.handshake.type"]]
        for ep, rs in zip(r["dtls.record.epoch"], r["dtls.record.sequence_number"]):
            if (side, ep, rs) in records:
                o["dup"][side] += 1
            records.add((side, ep, rs))
        for ct, ep in zip(r["dtls.record.content_type"], r["dtls.record.epoch"]):
            if ct == "20":
                if ep in o["ccs"][side]:
                    o["retx"][side] += 1        # a ChangeCipherSpec sent again
                o["ccs"][side].add(ep)
            if ct == "22" and ep != "0":
                # the one handshake message of epoch 1 is the Finished:
                # another is the Finished sent again (which tshark may
                # not dissect, so its record is counted)
                if ep in o["protected_hs"][side]:
                    o["retx"][side] += 1
                o["protected_hs"][side].add(ep)
        for i, t in enumerate(types):
            seq = int(r["dtls.handshake.message_seq"][i])
            off = int(r["dtls.handshake.fragment_offset"][i])
            flen = int(r["dtls.handshake.fragment_length"][i])
            length = int(r["dtls.handshake.length"][i])
            key = (side, seq, t)
            if key in have and have[key] is None:
                if off == 0 and t != 20:        # (a Finished: counted by its record above)
                    o["retx"][side] += 1        # the whole message came before
                continue
            got = have.setdefault(key, set())
            got.update(range(off, off + flen))
            used[key] = used.get(key, 0) + 1
            if len(got) == length:
                have[key] = None
                o["messages"].append(key)
                if used[key] > 1:
                    o["frag"][side] += 1
        if 3 in types and r["dtls.handshake.cookie"]:
            o["cookie"] = r["dtls.handshake.cookie"][0]
        if 2 in types:
            o["suite"] = int(r["dtls.handshake.ciphersuite"][0], 16)
            o["version"] = int(r["dtls.handshake.version"][-1], 16)
        if 1 in types or 2 in types:
            o["randoms"].append((1 if 1 in types else 2, r["dtls.handshake.random"][-1]))
        for d in r["data.data"]:
            o["app"][side].append(d)
    return o


def main():
    binary, pcap, keys, tag = sys.argv[1:5]
    rsa = sys.argv[5] if len(sys.argv) > 5 else None
    o = oracle(tshark(pcap, keys))
    o["verify"] = finished_verify_data(pcap, keys)
    lines = tlstrace(binary, pcap, ["--keylog", keys])
    check("handshakes", len(lines), 1)
    if not lines:
        return
    j = lines[0]
    check("transport", j["transport"], "udp")
    check("connection (tshark udp.stream)", j["connection"], o["stream"])
    check("version_id", j["version_id"], o["version"])
    check("version", j["version"], {0xfeff: "DTLS 1.0", 0xfefd: "DTLS 1.2"}.get(o["version"]))
    check("cipher suite", j["cipher_suite"]["id"], o["suite"])
    check("client random", j["client_random"], next(r for t, r in o["randoms"] if t == 1).replace(":", ""))
    check("server random", j["server_random"], next(r for t, r in o["randoms"] if t == 2).replace(":", ""))
    hs = [m for m in j["messages"] if m["details"] and "message_seq" in m["details"]]
    mine = [(0 if m["sender"] == "client" else 1, m["details"]["message_seq"], m["type"]) for m in hs]
    want = [(s, q, TYPES.get(t, str(t))) for s, q, t in o["messages"]]
    check("handshake messages (side, message_seq, type), each once", sorted(mine), sorted(want))
    check("no message listed twice", len(mine), len(set(mine)))
    for side, name in ((0, "client"), (1, "server")):
        check(f"{name} retransmitted", j["dtls"]["retransmitted"][name], o["retx"][side])
        check(f"{name} fragmented", j["dtls"]["fragmented"][name], o["frag"][side])
        check(f"{name} duplicate records", j["dtls"]["duplicates"][name], o["dup"][side])
        ccs = [m for m in j["messages"] if m["type"] == "ChangeCipherSpec" and m["sender"] == name]
        check(f"{name} ChangeCipherSpecs", len(ccs), len(o["ccs"][side]))
    check("hello_verify_request", j["dtls"]["hello_verify_request"], o["cookie"] is not None)
    cookies = [m["details"]["cookie"] for m in hs if m["type"] in ("HelloVerifyRequest", "ClientHello")]
    if o["cookie"] is None:
        check("cookie (one ClientHello, no HelloVerifyRequest)", cookies, [""])
    else:
        check("cookies (first ClientHello, HelloVerifyRequest, second ClientHello)", cookies,
              ["", o["cookie"].replace(":", ""), o["cookie"].replace(":", "")])
    fins = [m["details"]["verify_data"] for m in j["messages"] if m["type"] == "Finished"]
    check("Finished verify_data (decrypted)", fins, [v.replace(":", "") for v in o["verify"]])
    check("Finished verdicts", j["finished"], {"client": "verified", "server": "verified"})
    check("outcome", j["outcome"], "complete")
    for side, name in ((0, "client"), (1, "server")):
        first = j["application_data"][name]["first_bytes"]
        if o["app"][side]:   # (tshark does not always decrypt after a retransmitted final flight)
            check(f"{name} application data (tshark)", first, o["app"][side][0])
        check(f"{name} application data (what the peer was fed)", bytes.fromhex(first or ""),
              f"{name} line over {tag}\n".encode())
    if rsa:
        logged = {}
        for l in open(keys):
            p = l.split()
            if len(p) == 3 and p[0] == "CLIENT_RANDOM":
                logged[p[1].lower()] = p[2].lower()
        r = tlstrace(binary, pcap, ["--rsa-key", rsa])
        if r:
            check("--rsa-key: premaster_from", r[0]["secrets"]["premaster_from"], "rsa-key")
            check("--rsa-key: master (the client's own key log)", r[0]["secrets"]["master"],
                  logged.get(r[0]["client_random"]))
            check("--rsa-key: Finished verdicts", r[0]["finished"], {"client": "verified", "server": "verified"})


if __name__ == "__main__":
    try:
        main()
    except Exception as e:   # a crash of the checker is a failure, said plainly
        fails.append(f"checker error: {type(e).__name__}: {e}")
    for f in fails:
        print("FAIL:", sys.argv[2], f)
    sys.exit(1 if fails else 0)
