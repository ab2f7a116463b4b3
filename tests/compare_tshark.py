#!/usr/bin/env python3
"""Compare tlstrace's reading of a capture with Wireshark's.

    tests/compare_tshark.py [options] TLSTRACE CAPTURE KEYLOG

runs
    tshark -r CAPTURE -o tls.keylog_file:KEYLOG -d tcp.port==4430-4499,tls \
           -T json -J "frame ip ipv6 tcp tls"
    TLSTRACE read CAPTURE --keylog KEYLOG [--rsa-key PEM] --json
and compares, for every TCP connection (tlstrace's "connection" is
Wireshark's tcp.stream) and every handshake in it:

  client/server address and port, client_random, server_random, the cipher
  suite id, the negotiated version (TLS 1.3 from supported_versions),
  extended_master_secret, resumed, the whole sequence of (sender, message
  type) in wire order (ChangeCipherSpec and Alerts included), the frame of
  each message, the master secret against the key log's CLIENT_RANDOM line
  (TLS <= 1.2) and the TLS 1.3 traffic secrets against the key log, the
  Finished verdicts ("verified" wherever a Finished was sent and Wireshark
  could decrypt it, "absent" where none was sent) and the outcome.

One line per mismatch, then "N passed, M failed" (N and M count checks).
Exit status: 0 all passed, 1 a check failed, 2 the comparison could not run.

Options:
  --rsa-key PEM         passed to tlstrace (tshark does not need it: the key
                        log has the master secret)
  --tshark PATH         tshark to use (default: tshark)
  --decode-as SPEC      tshark -d value (default tcp.port==4430-4499,tls);
                        "none" for tshark's own port table and heuristics
  --tlstrace-json FILE  compare this saved `tlstrace read --json` output
                        instead of running tlstrace (TLSTRACE is then unused
                        and may be "-")
  --show-tshark         print what tshark saw, one JSON line per handshake in
                        the shape of docs/json.md, and compare nothing
  -q, --quiet           print only mismatches and the final line

docs/json.md (shared/) is the contract for tlstrace's side.  tshark field
names relied on: frame.number, ip.src/ipv6.src, tcp.srcport, tcp.stream,
tcp.flags, tls.record, tls.record.content_type, tls.record.opaque_type,
tls.handshake, tls.handshake.type, tls.handshake.random,
tls.handshake.version, tls.handshake.ciphersuite,
tls.handshake.extensions.supported_version, tls.handshake.extension.type,
tls.alert_message, tls.alert_message.level, tls.alert_message.desc.
"""

import argparse
import json
import os
import subprocess
import sys

HANDSHAKE_TYPES = {
    0: "HelloRequest", 1: "ClientHello", 2: "ServerHello",
    3: "HelloVerifyRequest", 4: "NewSessionTicket", 5: "EndOfEarlyData",
    6: "HelloRetryRequest", 8: "EncryptedExtensions", 11: "Certificate",
    12: "ServerKeyExchange", 13: "CertificateRequest", 14: "ServerHelloDone",
    15: "CertificateVerify", 16: "ClientKeyExchange", 20: "Finished",
    21: "CertificateUrl", 22: "CertificateStatus", 23: "SupplementalData",
    24: "KeyUpdate", 25: "CompressedCertificate", 254: "MessageHash",
}

ALERTS = {
    0: "close_notify", 10: "unexpected_message", 20: "bad_record_mac",
    21: "decryption_failed", 22: "record_overflow",
    30: "decompression_failure", 40: "handshake_failure",
    41: "no_certificate", 42: "bad_certificate",
    43: "unsupported_certificate", 44: "certificate_revoked",
    45: "certificate_expired", 46: "certificate_unknown",
    47: "illegal_parameter", 48: "unknown_ca", 49: "access_denied",
    50: "decode_error", 51: "decrypt_error", 60: "export_restriction",
    70: "protocol_version", 71: "insufficient_security",
    80: "internal_error", 86: "inappropriate_fallback", 90: "user_canceled",
    100: "no_renegotiation", 109: "missing_extension",
    110: "unsupported_extension", 111: "certificate_unobtainable",
    112: "unrecognized_name", 113: "bad_certificate_status_response",
    114: "bad_certificate_hash_value", 115: "unknown_psk_identity",
    116: "certificate_required", 120: "no_application_protocol",
}

VERSIONS = {0x0300: "SSL 3.0", 0x0301: "TLS 1.0", 0x0302: "TLS 1.1",
            0x0303: "TLS 1.2", 0x0304: "TLS 1.3"}

# RFC 8446 section 4.1.3: a ServerHello with this random is a HelloRetryRequest.
HRR_RANDOM = "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c"

EXT_EMS = 23
EXT_PRE_SHARED_KEY = 41

KEYLOG_TLS13 = {
    "CLIENT_HANDSHAKE_TRAFFIC_SECRET": "client_handshake_traffic_secret",
    "SERVER_HANDSHAKE_TRAFFIC_SECRET": "server_handshake_traffic_secret",
    "CLIENT_TRAFFIC_SECRET_0": "client_traffic_secret_0",
    "SERVER_TRAFFIC_SECRET_0": "server_traffic_secret_0",
}


# ------------------------------------------------------------------ helpers

def keep_duplicates(pairs):
    """json object_pairs_hook: tshark -T json repeats a key (two records in
    one frame, two handshake messages in one record); keep them all, in
    order, as a list."""
    obj = {}
    for key, value in pairs:
        if key in obj:
            if isinstance(obj[key], DupList):
                obj[key].append(value)
            else:
                obj[key] = DupList([obj[key], value])
        else:
            obj[key] = value
    return obj


class DupList(list):
    pass


def as_list(value):
    if value is None:
        return []
    if isinstance(value, list):
        return list(value)
    return [value]


def walk(node, key):
    """Every value of KEY anywhere under NODE."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k == key:
                for item in as_list(v):
                    yield item
            else:
                yield from walk(v, key)
    elif isinstance(node, list):
        for item in node:
            yield from walk(item, key)


def first(node, key):
    for value in walk(node, key):
        return value
    return None


def to_int(text):
    if text is None or text == "":
        return None
    try:
        return int(text, 0)
    except (TypeError, ValueError):
        return None


def hexbytes(text):
    if not isinstance(text, str):
        return None
    return text.replace(":", "").lower() or None


def read_keylog(path):
    """{(LABEL, client_random_hex): secret_hex}"""
    entries = {}
    with open(path, encoding="ascii", errors="replace") as f:
        for line in f:
            parts = line.split()
            if len(parts) != 3 or parts[0].startswith("#"):
                continue
            entries[(parts[0], parts[1].lower())] = parts[2].lower()
    return entries


# ------------------------------------------------------------------ tshark

class Msg:
    """One message as Wireshark saw it."""

    def __init__(self, sender, mtype, frame, alert_id=None, level=None,
                 wildcard=False, hello=None):
        self.sender = sender        # "client" / "server" / "unknown"
        self.type = mtype           # TRACE-FORMAT name
        self.frame = frame
        self.alert_id = alert_id    # Alerts: id if decrypted
        self.level = level
        self.wildcard = wildcard    # a TLS 1.3 record tshark could not decrypt
        self.hello = hello          # ClientHello/ServerHello/HRR details

    def token(self):
        if self.type == "Alert":
            name = ALERTS.get(self.alert_id, self.alert_id)
            return "%s:Alert(%s)" % (self.sender, "?" if name is None else name)
        return "%s:%s" % (self.sender, self.type)


def run_tshark(tshark, capture, keylog, decode_as):
    cmd = [tshark, "-n", "-r", capture, "-o", "tls.keylog_file:" + keylog]
    if decode_as and decode_as != "none":
        cmd += ["-d", decode_as]
    cmd += ["-T", "json", "-J", "frame ip ipv6 tcp tls"]
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise SystemExit("compare_tshark: cannot run tshark: %s" % e)
    if proc.returncode != 0:
        raise SystemExit("compare_tshark: tshark failed (%d): %s" % (
            proc.returncode, proc.stderr.decode(errors="replace").strip()))
    text = proc.stdout.decode("utf-8", errors="replace").strip()
    if not text:
        return []
    return json.loads(text, object_pairs_hook=keep_duplicates)


def one_layer(layers, name):
    """A layer that appears once (the outer one if it repeats, e.g. IP in IP)."""
    value = layers.get(name)
    if isinstance(value, list):
        return value[0] if value else None
    return value


def tshark_records(packets):
    """[(stream, frame, (ip, port) of the sender, syn_only, [record, ...])]"""
    out = []
    for pkt in packets:
        layers = pkt.get("_source", {}).get("layers", {})
        frame = one_layer(layers, "frame") or {}
        tcp = one_layer(layers, "tcp")
        if not isinstance(tcp, dict):
            continue
        ip = one_layer(layers, "ip") or one_layer(layers, "ipv6") or {}
        src = ip.get("ip.src") or ip.get("ipv6.src")
        dst = ip.get("ip.dst") or ip.get("ipv6.dst")
        sport = to_int(tcp.get("tcp.srcport"))
        dport = to_int(tcp.get("tcp.dstport"))
        flags = to_int(tcp.get("tcp.flags")) or 0
        syn_only = (flags & 0x02) and not (flags & 0x10)
        records = []
        for tls in as_list(layers.get("tls")):
            if isinstance(tls, dict):
                records += [r for r in as_list(tls.get("tls.record"))
                            if isinstance(r, dict)]
        out.append((to_int(tcp.get("tcp.stream")), to_int(frame.get("frame.number")),
                    (src, sport), (dst, dport), bool(syn_only), records))
    return out


def typed_handshakes(record):
    return [h for h in as_list(record.get("tls.handshake"))
            if isinstance(h, dict) and h.get("tls.handshake.type") not in (None, "")]


def hello_details(hs):
    mtype = to_int(hs.get("tls.handshake.type"))
    random = hexbytes(hs.get("tls.handshake.random"))
    details = {"random": random}
    if mtype == 2:
        details["legacy_version"] = to_int(hs.get("tls.handshake.version"))
        details["supported_version"] = to_int(
            first(hs, "tls.handshake.extensions.supported_version"))
        details["suite"] = to_int(hs.get("tls.handshake.ciphersuite"))
        details["extensions"] = [to_int(t) for t in
                                 walk(hs, "tls.handshake.extension.type")]
    return details


class Conn:
    def __init__(self, stream):
        self.stream = stream
        self.client = None      # (ip, port)
        self.server = None
        self.syn_from = None
        self.msgs = []
        self.notes = []


def extract(packets):
    """{tcp.stream: Conn} with every TLS message in wire order."""
    rows = tshark_records(packets)
    conns = {}
    # Who is the client: the sender of the first ClientHello, else of the SYN.
    for stream, frame, src, dst, syn_only, records in rows:
        if stream is None:
            continue
        conn = conns.setdefault(stream, Conn(stream))
        if syn_only and conn.syn_from is None:
            conn.syn_from = (src, dst)
        if conn.client is None:
            for rec in records:
                if any(to_int(h.get("tls.handshake.type")) == 1
                       for h in typed_handshakes(rec)):
                    conn.client, conn.server = src, dst
                    break
    for conn in conns.values():
        if conn.client is None and conn.syn_from is not None:
            conn.client, conn.server = conn.syn_from

    def sender_of(conn, src):
        if conn.client is None:
            return "unknown"
        return "client" if src == conn.client else "server"

    # Pass 1, TLS <= 1.2: after a sender's ChangeCipherSpec its handshake
    # records are encrypted.  Wireshark shows a record it could not decrypt,
    # and a record carrying only a fragment of a message it reassembles
    # later, alike (an empty tls.handshake); a direction is "decrypted" if
    # any of its post-CCS handshake records has a readable message.
    ccs = {}
    decrypted = {}
    for stream, frame, src, dst, syn_only, records in rows:
        for rec in records:
            ct = to_int(rec.get("tls.record.content_type"))
            if "tls.record.opaque_type" in rec:
                continue
            key = (stream, src)
            if ct == 20:
                ccs[key] = True
            elif ct == 22 and ccs.get(key) and typed_handshakes(rec):
                decrypted[key] = True

    # Pass 2: the messages.
    ccs = {}
    for stream, frame, src, dst, syn_only, records in rows:
        if stream is None or not records:
            continue
        conn = conns[stream]
        sender = sender_of(conn, src)
        key = (stream, src)
        for rec in records:
            ct = to_int(rec.get("tls.record.content_type"))
            if "tls.record.opaque_type" in rec and ct is None:
                # TLS 1.3 record Wireshark could not decrypt: handshake,
                # alert or application data, nobody can tell.
                conn.msgs.append(Msg(sender, "Encrypted", frame, wildcard=True))
                continue
            if ct == 20:
                ccs[key] = True
                conn.msgs.append(Msg(sender, "ChangeCipherSpec", frame))
            elif ct == 21:
                for alert in as_list(rec.get("tls.alert_message")) or [""]:
                    if isinstance(alert, dict) and alert.get("tls.alert_message.desc") not in (None, ""):
                        conn.msgs.append(Msg(sender, "Alert", frame,
                                             alert_id=to_int(alert.get("tls.alert_message.desc")),
                                             level=to_int(alert.get("tls.alert_message.level"))))
                    else:
                        conn.msgs.append(Msg(sender, "Alert", frame))
            elif ct == 22:
                typed = typed_handshakes(rec)
                if typed:
                    for hs in typed:
                        mtype = to_int(hs.get("tls.handshake.type"))
                        name = HANDSHAKE_TYPES.get(mtype, "Unknown(%s)" % mtype)
                        details = None
                        if mtype in (1, 2):
                            details = hello_details(hs)
                            if mtype == 2 and details["random"] == HRR_RANDOM:
                                name = "HelloRetryRequest"
                        conn.msgs.append(Msg(sender, name, frame, hello=details))
                elif (ccs.get(key) and "tls.record.opaque_type" not in rec
                      and not decrypted.get(key)):
                    conn.msgs.append(Msg(sender, "EncryptedHandshake", frame))
                # else: a fragment of a message shown in a later record
            # 23 application data, 24 heartbeat: not listed
    return {s: c for s, c in conns.items() if c.msgs}


class Handshake:
    """What tshark says about one handshake: the expected tlstrace line."""

    def __init__(self, conn, index, msgs):
        self.conn = conn
        self.index = index
        self.msgs = msgs
        ch = next((m for m in msgs if m.type == "ClientHello"), None)
        sh = next((m for m in msgs if m.type == "ServerHello"), None)
        self.client_random = ch.hello["random"] if ch else None
        self.server_random = sh.hello["random"] if sh else None
        self.suite = sh.hello["suite"] if sh else None
        self.version = None
        if sh:
            self.version = sh.hello["supported_version"] or sh.hello["legacy_version"]
        exts = sh.hello["extensions"] if sh else []
        self.ems = (EXT_EMS in exts) if sh and self.version != 0x0304 else None
        self.resumed = None
        if sh and self.version == 0x0304:
            self.resumed = EXT_PRE_SHARED_KEY in exts
        elif sh:
            after = [m for m in msgs[msgs.index(sh) + 1:] if m.sender == "server"]
            if after:
                self.resumed = after[0].type in ("ChangeCipherSpec", "NewSessionTicket")
        self.finished = {}
        for side in ("client", "server"):
            mine = [m for m in msgs if m.sender == side]
            if any(m.type == "Finished" for m in mine):
                self.finished[side] = "verified"
            elif not any(m.type == "EncryptedHandshake" or m.wildcard for m in mine):
                self.finished[side] = "absent"
            else:
                self.finished[side] = None      # cannot tell
        fatal_before_end = False
        fin = set()
        for m in msgs:
            if m.type == "Finished":
                fin.add(m.sender)
            if m.type == "Alert" and m.level == 2 and len(fin) < 2:
                fatal_before_end = True
        if fatal_before_end:
            self.outcome = "failed"
        elif len(fin) == 2:
            self.outcome = "complete"
        else:
            self.outcome = None     # incomplete or failed: not asserted

    def as_trace(self):
        """The handshake in docs/json.md's shape (the keys compared)."""
        c = self.conn
        return {
            "format": 1, "connection": c.stream, "handshake": self.index,
            "source": "tshark",
            "client": {"ip": c.client[0], "port": c.client[1]} if c.client else None,
            "server": {"ip": c.server[0], "port": c.server[1]} if c.server else None,
            "version": VERSIONS.get(self.version), "version_id": self.version,
            "cipher_suite": {"id": self.suite},
            "client_random": self.client_random,
            "server_random": self.server_random,
            "resumed": self.resumed, "extended_master_secret": self.ems,
            "finished": self.finished, "outcome": self.outcome,
            "messages": [dict({"sender": m.sender, "type": m.type, "frame": m.frame},
                              **({"alert_id": m.alert_id,
                                  "description": ALERTS.get(m.alert_id)}
                                 if m.type == "Alert" else {}))
                         for m in self.msgs],
        }


def split_handshakes(conn):
    """A ClientHello after a Finished starts a new handshake (renegotiation)."""
    groups = [[]]
    finished = False
    for m in conn.msgs:
        if m.type == "ClientHello" and finished:
            groups.append([])
            finished = False
        groups[-1].append(m)
        if m.type == "Finished":
            finished = True
    return [Handshake(conn, i, g) for i, g in enumerate(groups)]


# ------------------------------------------------------------------ tlstrace

def run_tlstrace(tlstrace, capture, keylog, rsa_key):
    cmd = [tlstrace, "read", capture, "--keylog", keylog]
    if rsa_key:
        cmd += ["--rsa-key", rsa_key]
    cmd += ["--json"]
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, "cannot run %s: %s" % (" ".join(cmd), e)
    err = proc.stderr.decode(errors="replace").strip()
    note = None
    if proc.returncode != 0:
        note = "%s exited %d%s" % (" ".join(cmd), proc.returncode,
                                   (": " + err.splitlines()[0]) if err else "")
    return proc.stdout.decode("utf-8", errors="replace"), note


def parse_lines(text):
    lines, bad = [], 0
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        try:
            obj = json.loads(line)
        except ValueError:
            bad += 1
            continue
        if isinstance(obj, dict):
            lines.append(obj)
        else:
            bad += 1
    return lines, bad


# ------------------------------------------------------------------ compare

class Report:
    def __init__(self, label, quiet):
        self.label = label
        self.quiet = quiet
        self.passed = 0
        self.failed = 0

    def check(self, where, what, expected, got, ok=None, source="tshark"):
        if ok is None:
            ok = expected == got
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print("%s: %s: %s: %s %s, tlstrace %s" % (
                self.label, where, what, source, show(expected), show(got)))
        return ok

    def fail(self, where, text):
        self.failed += 1
        print("%s: %s: %s" % (self.label, where, text))

    def note(self, where, text):
        if not self.quiet:
            print("%s: %s: note: %s" % (self.label, where, text))


def show(value):
    if isinstance(value, list):
        return "[" + " ".join(str(v) for v in value) + "]"
    return json.dumps(value) if not isinstance(value, str) else value


def trace_token(msg):
    if msg.get("type") == "Alert":
        aid = msg.get("alert_id")
        name = ALERTS.get(aid, aid)
        return "%s:Alert(%s)" % (msg.get("sender"), "?" if name is None else name)
    return "%s:%s" % (msg.get("sender"), msg.get("type"))


def tokens_match(want, got_msg):
    """tshark message WANT against tlstrace message GOT_MSG."""
    if want.sender != got_msg.get("sender") or want.type != got_msg.get("type"):
        return False
    if want.type == "Alert" and want.alert_id is not None:
        return got_msg.get("alert_id") == want.alert_id
    return True


def compare_handshake(rep, hs, line, keylog):
    where = "connection %s handshake %s" % (hs.conn.stream, hs.index)
    c = hs.conn

    if c.client:
        rep.check(where, "client", "%s:%s" % c.client,
                  "%s:%s" % ((line.get("client") or {}).get("ip"),
                             (line.get("client") or {}).get("port")))
        rep.check(where, "server", "%s:%s" % c.server,
                  "%s:%s" % ((line.get("server") or {}).get("ip"),
                             (line.get("server") or {}).get("port")))
    rep.check(where, "client_random", hs.client_random, line.get("client_random"))
    rep.check(where, "server_random", hs.server_random, line.get("server_random"))
    rep.check(where, "cipher_suite.id", hs.suite,
              (line.get("cipher_suite") or {}).get("id"))
    rep.check(where, "version_id", hs.version, line.get("version_id"))
    rep.check(where, "version", VERSIONS.get(hs.version), line.get("version"))
    if hs.ems is not None:
        rep.check(where, "extended_master_secret", hs.ems,
                  line.get("extended_master_secret"))
    if hs.resumed is not None:
        rep.check(where, "resumed", hs.resumed, line.get("resumed"))

    # The message sequence.  TLS 1.3 records tshark could not decrypt are
    # left out, and so are the ones tlstrace could not read in that direction.
    want = list(hs.msgs)
    got = [m for m in (line.get("messages") or []) if isinstance(m, dict)]
    blind = {m.sender for m in want if m.wildcard}
    if blind:
        n = sum(1 for m in want if m.wildcard)
        want = [m for m in want if not m.wildcard]
        got = [m for m in got if not (
            m.get("sender") in blind and (
                m.get("type") == "EncryptedHandshake" or
                (m.get("type") == "Alert" and m.get("alert_id") is None)))]
        rep.note(where, "%d TLS 1.3 record(s) tshark could not decrypt left out "
                 "of the sequence" % n)
    diff = next((i for i, (w, g) in enumerate(zip(want, got))
                 if not tokens_match(w, g)), None)
    if diff is None and len(want) != len(got):
        diff = min(len(want), len(got))
    what = "messages" if diff is None else "messages (first difference at #%d)" % (diff + 1)
    if rep.check(where, what, [m.token() for m in want],
                 [trace_token(m) for m in got], ok=diff is None):
        rep.check(where, "message frames", [m.frame for m in want],
                  [m.get("frame") for m in got])
        for w, g in zip(want, got):
            if w.type == "Alert" and w.alert_id in ALERTS:
                rep.check(where, "alert description (frame %s)" % w.frame,
                          ALERTS[w.alert_id], g.get("description"))

    secrets = line.get("secrets") or {}
    if hs.client_random and hs.version is not None:
        cr = hs.client_random
        if hs.version <= 0x0303:
            master = keylog.get(("CLIENT_RANDOM", cr))
            if master:
                rep.check(where, "secrets.master", master,
                          secrets.get("master"), source="key log")
        else:
            for label, field in KEYLOG_TLS13.items():
                value = keylog.get((label, cr))
                if value:
                    rep.check(where, "secrets." + field, value,
                              secrets.get(field), source="key log")

    finished = line.get("finished") or {}
    for side in ("client", "server"):
        if hs.finished.get(side):
            rep.check(where, "finished.%s" % side, hs.finished[side],
                      finished.get(side))
    if hs.outcome:
        rep.check(where, "outcome", hs.outcome, line.get("outcome"))


def compare(rep, handshakes, lines, keylog):
    by_key = {}
    for line in lines:
        key = (line.get("connection"), line.get("handshake"))
        if key in by_key:
            rep.fail("connection %s handshake %s" % key, "tlstrace wrote it twice")
        by_key[key] = line
    for line in lines:
        if line.get("format") != 1:
            rep.fail("connection %s" % line.get("connection"),
                     "format is %s, not 1" % show(line.get("format")))
            break
    for line in lines:
        if line.get("source") != "capture":
            rep.fail("connection %s" % line.get("connection"),
                     "source is %s, not \"capture\"" % show(line.get("source")))
            break
    seen = set()
    for hs in handshakes:
        key = (hs.conn.stream, hs.index)
        seen.add(key)
        line = by_key.get(key)
        if line is None:
            rep.fail("connection %s handshake %s" % key,
                     "tshark sees %s, tlstrace wrote no line for it"
                     % " ".join(m.token() for m in hs.msgs[:6]))
            continue
        compare_handshake(rep, hs, line, keylog)
    for key, line in sorted(by_key.items(), key=lambda kv: str(kv[0])):
        if key not in seen and line.get("messages"):
            rep.fail("connection %s handshake %s" % key,
                     "tlstrace reports %d message(s), tshark sees no such handshake"
                     % len(line["messages"]))


def main():
    ap = argparse.ArgumentParser(
        description="Compare `tlstrace read --json` with tshark on a capture.")
    ap.add_argument("tlstrace")
    ap.add_argument("capture")
    ap.add_argument("keylog")
    ap.add_argument("--rsa-key")
    ap.add_argument("--tshark", default="tshark")
    ap.add_argument("--decode-as", default="tcp.port==4430-4499,tls")
    ap.add_argument("--tlstrace-json")
    ap.add_argument("--show-tshark", action="store_true")
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args()

    for path in (args.capture, args.keylog):
        if not os.path.isfile(path):
            print("compare_tshark: no such file: %s" % path, file=sys.stderr)
            return 2
    label = os.path.basename(args.capture)
    conns = extract(run_tshark(args.tshark, args.capture, args.keylog, args.decode_as))
    handshakes = [h for s in sorted(conns) for h in split_handshakes(conns[s])]

    if args.show_tshark:
        for hs in handshakes:
            print(json.dumps(hs.as_trace()))
        return 0

    rep = Report(label, args.quiet)
    if not handshakes:
        rep.fail("capture", "tshark sees no TLS at all")
    keylog = read_keylog(args.keylog)
    if args.tlstrace_json:
        with open(args.tlstrace_json, encoding="utf-8", errors="replace") as f:
            text, run_note = f.read(), None
    else:
        text, run_note = run_tlstrace(args.tlstrace, args.capture, args.keylog,
                                      args.rsa_key)
    if text is None:
        rep.fail("tlstrace", run_note)
    else:
        lines, bad = parse_lines(text)
        if bad:
            rep.fail("tlstrace", "%d output line(s) are not JSON objects" % bad)
        if run_note:
            (rep.note if lines else rep.fail)("tlstrace", run_note)
        compare(rep, handshakes, lines, keylog)
    print("%d passed, %d failed" % (rep.passed, rep.failed))
    return 1 if rep.failed else 0


if __name__ == "__main__":
    sys.exit(main())
