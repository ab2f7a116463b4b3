#!/usr/bin/python3
# make_odd_captures.py - handshakes tlstrace must decode although they are
# not the usual kind, built byte by byte.
#
#   /usr/bin/python3 tests/make_odd_captures.py [OUTDIR]
#
# Writes OUTDIR (default captures/odd/): TLS 1.3 draft 18 and draft 23
# ClientHello/ServerHello exchanges (layouts from draft-ietf-tls-tls13-18
# and -23), a client-only capture of a HelloRetryRequest (ClientHello,
# ChangeCipherSpec, second ClientHello; the server's direction not
# captured), a connection picked up mid-stream (no SYN, no hello:
# application data and an alert), with a non-TLS flow beside it whose first
# bytes only look like a record, and odd but valid records (an unknown
# content type 0x19, an unknown handshake type 0x30, a heartbeat).  The
# payloads are written by hand here; scapy (Debian: python3-scapy) only
# wraps them in TCP/IP and writes the pcap.  tests/odd.sh compares what
# tshark dissects in each with tlstrace's JSON.
import os
import struct
import sys

from scapy.all import IP, wrpcap

from tlswire import CLI, Flow, handshake, record, u8, u16, vec8, vec16

OUT = sys.argv[1] if len(sys.argv) > 1 else "captures/odd"


def ext(etype, data):
    return u16(etype) + vec16(data)


def rand(seed):
    return bytes((seed * 7 + i * 13) & 0xff for i in range(32))


def key_share_entry(group, n):
    return u16(group) + vec16(bytes((0x40 + i) & 0xff for i in range(n)))


def client_hello(versions, ks_ext, seed, groups=(0x001d,), session_id=b""):
    """A TLS 1.3 ClientHello: legacy_version 0x0303, supported_versions
    listing `versions`, key_share under extension number ks_ext (40 before
    draft 23, 51 from it on)."""
    exts = ext(0x0000, vec16(u8(0) + vec16(b"odd.example")))
    exts += ext(0x000a, vec16(b"".join(u16(g) for g in (0x001d, 0x0017))))
    exts += ext(0x000d, vec16(u16(0x0403) + u16(0x0804)))
    exts += ext(0x002b, vec8(b"".join(u16(v) for v in versions)))
    exts += ext(ks_ext, vec16(b"".join(key_share_entry(g, 32) for g in groups)))
    body = u16(0x0303) + rand(seed) + vec8(session_id) + vec16(u16(0x1301) + u16(0x1302))
    body += vec8(b"\x00") + vec16(exts)
    return handshake(1, body)


def server_hello_draft18():
    """draft-ietf-tls-tls13-18 4.1.3: struct { ProtocolVersion version;
    Random random; CipherSuite cipher_suite; Extension extensions<0..2^16-1>;
    } ServerHello;  version is the draft's (0x7f12); key_share is 40."""
    body = u16(0x7f12) + rand(2) + u16(0x1301)
    body += vec16(ext(40, key_share_entry(0x001d, 32)))
    return handshake(2, body)


def server_hello_draft23(session_id):
    """draft-ietf-tls-tls13-23 4.1.3: struct { ProtocolVersion
    legacy_version = 0x0303; Random random; opaque
    legacy_session_id_echo<0..32>; CipherSuite cipher_suite; uint8
    legacy_compression_method = 0; Extension extensions<6..2^16-1>; }
    ServerHello;  the version in supported_versions (0x7f17), key_share 51."""
    body = u16(0x0303) + rand(4) + vec8(session_id) + u16(0x1301) + u8(0)
    body += vec16(ext(0x002b, u16(0x7f17)) + ext(51, key_share_entry(0x001d, 32)))
    return handshake(2, body)


def server_hello12(seed):
    body = u16(0x0303) + rand(seed) + vec8(b"") + u16(0xc02f) + u8(0) + vec16(ext(0xff01, b"\x00"))
    return handshake(2, body)


def client_hello12(seed):
    exts = ext(0x0000, vec16(u8(0) + vec16(b"odd.example"))) + ext(0xff01, b"\x00") + ext(0x000f, b"\x01")
    body = u16(0x0303) + rand(seed) + vec8(b"") + vec16(u16(0xc02f) + u16(0x009c)) + vec8(b"\x00") + vec16(exts)
    return handshake(1, body)


def opaque(n, seed):
    return bytes((seed * 31 + i * 97 + 5) & 0xff for i in range(n))


def draft18():
    f = Flow(50018)
    f.synack()
    f.pkt(0, record(22, client_hello([0x7f12], 40, 1), 0x0301))
    f.pkt(1, record(22, server_hello_draft18()) + record(23, opaque(90, 1)))
    f.pkt(0, record(23, opaque(53, 2)))
    f.pkt(1, record(23, opaque(40, 3)))
    return f.pkts


def draft23():
    sid = bytes(range(32))
    f = Flow(50023)
    f.synack()
    f.pkt(0, record(22, client_hello([0x7f17, 0x0303], 51, 3, session_id=sid), 0x0301))
    f.pkt(1, record(22, server_hello_draft23(sid)) + record(20, b"\x01") + record(23, opaque(90, 4)))
    f.pkt(0, record(20, b"\x01") + record(23, opaque(53, 5)))
    f.pkt(1, record(23, opaque(40, 6)))
    return f.pkts


def client_only_hrr():
    """RFC 8446 4.1.4 and D.4: after a HelloRetryRequest the client sends a
    compatibility ChangeCipherSpec and its second ClientHello, in the
    clear.  Only the client's packets are in the capture."""
    sid = bytes(range(32, 64))
    f = Flow(50100)
    f.pkt(0, record(22, client_hello([0x0304, 0x0303], 51, 7, groups=(0x001d,), session_id=sid), 0x0301))
    f.pkt(0, record(20, b"\x01") + record(22, client_hello([0x0304, 0x0303], 51, 7, groups=(0x0017,), session_id=sid)))
    f.pkts = [p for p in f.pkts if p[IP].src == CLI]
    return f.pkts


def mid_stream():
    """A TLS 1.2 connection whose handshake was over before the capture
    started: application data both ways and a (protected) close_notify
    alert, no SYN.  Beside it, a flow whose first five bytes look like a
    record header and whose next do not: not TLS, not reported."""
    f = Flow(50200, 443, syn=False)
    f.pkt(1, record(23, opaque(300, 8)) + record(23, opaque(120, 9)))
    f.pkt(0, record(23, opaque(60, 10)))
    f.pkt(1, record(23, opaque(1000, 11)))
    f.pkt(0, record(21, opaque(26, 12)))
    g = Flow(50300, 8080, syn=False)
    g.t += 0.0005
    g.pkt(0, b"\x17\x03\x03\x00\x05hello, not TLS: just text after five bytes\r\n")
    g.pkt(1, b"OK then\r\n")
    return sorted(f.pkts + g.pkts, key=lambda p: p.time)


def odd_records():
    """A TLS 1.2 hello exchange, then from the server: a record of unknown
    content type 0x19, a handshake record holding a message of unknown type
    0x30, and a heartbeat request (RFC 6520 4: type, payload_length,
    payload, 16 bytes of padding)."""
    f = Flow(50400)
    f.synack()
    f.pkt(0, record(22, client_hello12(20), 0x0301))
    f.pkt(1, record(22, server_hello12(21)))
    f.pkt(1, record(0x19, b"\x00\x01\x02\x03\x04\x05\x06\x07"))
    f.pkt(1, record(22, handshake(0x30, b"\xaa\xbb\xcc\xdd")))
    f.pkt(0, record(24, u8(1) + vec16(b"beat") + bytes(16)))
    return f.pkts


CAPTURES = {
    "tls13-draft18.pcap": draft18,
    "tls13-draft23.pcap": draft23,
    "client-only-hrr.pcap": client_only_hrr,
    "mid-stream.pcap": mid_stream,
    "odd-records.pcap": odd_records,
}

os.makedirs(OUT, exist_ok=True)
for name, make in CAPTURES.items():
    wrpcap(os.path.join(OUT, name), make())
    print(name)
