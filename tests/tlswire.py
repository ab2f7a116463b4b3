"""tlswire.py - what the capture generators in tests/ share: TLS wire
encodings (RFC 8446 3.3 numbers and vectors, 5.1 records, 4 handshake
messages) and one TCP connection's packets with sequence numbers kept per
side, for scapy's wrpcap.  Imported by make_export_captures.py and
make_odd_captures.py (Python puts a script's own directory on the path).
"""
import struct

from scapy.all import IP, TCP, Raw

CLI, SRV = "10.0.0.1", "10.0.0.2"
T0 = 1700000000.0


def u8(v): return struct.pack("!B", v)
def u16(v): return struct.pack("!H", v)
def u24(v): return struct.pack("!I", v)[1:]
def u64(v): return struct.pack("!Q", v)
def vec8(b): return u8(len(b)) + b
def vec16(b): return u16(len(b)) + b
def vec24(b): return u24(len(b)) + b


def record(ctype, body, version=0x0303):
    """RFC 8446 5.1 TLSPlaintext: type, legacy_record_version, length, fragment."""
    return u8(ctype) + u16(version) + vec16(body)


def handshake(htype, body):
    """RFC 8446 4: struct { HandshakeType msg_type; uint24 length; ... } Handshake."""
    return u8(htype) + vec24(body)


class Flow:
    """One TCP connection's packets between CLI and SRV, a millisecond
    apart from T0.  syn: start with the client's SYN (then synack() for
    the rest of the three-way handshake); without it the connection is
    picked up mid-stream."""

    def __init__(self, cport, sport=443, syn=True):
        self.cport, self.sport = cport, sport
        self.seq = {0: 1000, 1: 5000}
        self.t = T0
        self.pkts = []
        if syn:
            self.pkt(0, b"", "S")
            self.seq[0] += 1

    def pkt(self, side, payload, flags="PA"):
        src, dst = (CLI, SRV) if side == 0 else (SRV, CLI)
        sp, dp = (self.cport, self.sport) if side == 0 else (self.sport, self.cport)
        p = IP(src=src, dst=dst) / TCP(sport=sp, dport=dp, flags=flags, seq=self.seq[side],
                                       ack=self.seq[1 - side], window=65535)
        if payload:
            p = p / Raw(payload)
        self.t += 0.001
        p.time = self.t
        self.seq[side] += len(payload)
        self.pkts.append(p)

    def synack(self):
        self.pkt(1, b"", "SA")
        self.seq[1] += 1
        self.pkt(0, b"", "A")

    def close(self):
        for side in (0, 1):
            self.pkt(side, b"", "FA")
            self.seq[side] += 1
        self.pkt(0, b"", "A")
