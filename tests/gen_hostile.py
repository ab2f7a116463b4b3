#!/usr/bin/env python3
"""gen_hostile.py - hostile captures built byte by byte, for tests/memory.sh.

Each is a classic pcap (Ethernet, IPv4, TCP) written directly, with no
capture library, so that the test owns every byte:

  certs N OUT     one TLS 1.2 connection: ClientHello, ServerHello and a
                  Certificate message carrying N one-byte certificates
                  (RFC 5246 7.4.2: opaque ASN.1Cert<1..2^24-1>), then
                  ServerHelloDone and FINs.
  certreq N OUT   the same with a CertificateRequest carrying N malformed
                  (one-byte, not DER) distinguished names instead.
  halfopen N OUT  N connections that each complete the TCP handshake, send
                  the first 100 bytes of a ClientHello (the record announces
                  more) and go silent; one new connection per millisecond
                  of capture time.

Records are at most 2^14 bytes (RFC 5246 6.2.1) and segments at most 1460,
so tshark reads the files as ordinary traffic."""
import struct
import sys

MSS = 1460


class Pcap:
    def __init__(self, path):
        self.f = open(path, "wb")
        # magic, version 2.4, thiszone, sigfigs, snaplen, LINKTYPE_ETHERNET
        self.f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))
        self.usec = 0
        self.out = []

    def packet(self, frame, usec):
        self.out.append(struct.pack("<IIII", usec // 1000000, usec % 1000000, len(frame), len(frame)))
        self.out.append(frame)
        if len(self.out) > 4096:
            self.flush()

    def flush(self):
        self.f.write(b"".join(self.out))
        self.out = []

    def close(self):
        self.flush()
        self.f.close()


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


ETH = b"\x02\x00\x00\x00\x00\x02" + b"\x02\x00\x00\x00\x00\x01" + b"\x08\x00"


class Tcp:
    """One TCP connection; side 0 is the client."""
    SYN, ACK, FIN, PSH = 0x02, 0x10, 0x01, 0x08

    def __init__(self, pcap, cip, cport, sip, sport):
        self.p = pcap
        self.ip = [bytes(cip), bytes(sip)]
        self.port = [cport, sport]
        self.seq = [1000, 5000]

    def seg(self, side, flags, payload=b"", usec=0):
        src, dst = self.ip[side], self.ip[1 - side]
        ack = self.seq[1 - side] if flags & self.ACK else 0
        tcp = struct.pack("!HHIIBBHHH", self.port[side], self.port[1 - side], self.seq[side], ack,
                          5 << 4, flags, 65535, 0, 0)
        ipl = 20 + len(tcp) + len(payload)
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, ipl, 0, 0x4000, 64, 6, 0, src, dst)
        ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
        # the TCP checksum is left 0: tshark does not check it by default
        self.p.packet(ETH + ip + tcp + payload, usec)
        self.seq[side] = (self.seq[side] + len(payload) + (1 if flags & (self.SYN | self.FIN) else 0)) & 0xFFFFFFFF

    def open(self, usec):
        self.seg(0, self.SYN, usec=usec)
        self.seq[1] = 5000
        self.seg(1, self.SYN | self.ACK, usec=usec)
        self.seg(0, self.ACK, usec=usec)

    def send(self, side, data, usec):
        for i in range(0, len(data), MSS):
            self.seg(side, self.ACK | self.PSH, data[i:i + MSS], usec)

    def close(self, usec):
        self.seg(0, self.FIN | self.ACK, usec=usec)
        self.seg(1, self.FIN | self.ACK, usec=usec)
        self.seg(0, self.ACK, usec=usec)


def u16(n):
    return struct.pack("!H", n)


def u24(n):
    return struct.pack("!I", n)[1:]


def hs(t, body):
    return bytes([t]) + u24(len(body)) + body


def records(payload):
    """Handshake bytes cut into records of at most 2^14 bytes."""
    out = b""
    for i in range(0, len(payload), 16384):
        chunk = payload[i:i + 16384]
        out += b"\x16\x03\x03" + u16(len(chunk)) + chunk
    return out


def client_hello():
    body = b"\x03\x03" + bytes(range(32)) + b"\x00" + u16(2) + b"\x00\x2f" + b"\x01\x00"
    return hs(1, body)


def server_hello():
    return hs(2, b"\x03\x03" + bytes(range(32, 64)) + b"\x00" + b"\x00\x2f" + b"\x00")


def one_connection(path, server_flight):
    p = Pcap(path)
    t = Tcp(p, [10, 0, 0, 1], 40000, [10, 0, 0, 2], 443)
    t.open(0)
    t.send(0, records(client_hello()), 1000)
    t.send(1, records(server_flight), 2000)
    t.close(3000)
    p.close()


def certs(n, path):
    # RFC 5246 7.4.2: each ASN.1Cert is a 3-byte length and its bytes
    entries = b"".join(u24(1) + bytes([0x30]) for _ in range(n))
    cert = hs(11, u24(len(entries)) + entries)
    one_connection(path, server_hello() + cert + hs(14, b""))


def certreq(n, path):
    # RFC 5246 7.4.4: DistinguishedName certificate_authorities<0..2^16-1>;
    # each opaque DistinguishedName<1..2^16-1>: a one-byte name, not DER
    names = b"".join(u16(1) + b"\x30" for _ in range(n))
    if len(names) > 0xFFFF:
        sys.exit("certreq: %d names do not fit in 2^16-1 bytes" % n)
    body = b"\x01\x01" + u16(2) + b"\x04\x01" + u16(len(names)) + names
    one_connection(path, server_hello() + hs(13, body) + hs(14, b""))


def halfopen(n, path):
    p = Pcap(path)
    hello = client_hello()
    hello = hello + b"\x00" * 200   # the record announces more than is sent
    rec = (b"\x16\x03\x01" + u16(len(hello)) + hello)[:100]
    for i in range(n):
        usec = i * 1000
        cip = [10, 1 + (i >> 16), (i >> 8) & 0xFF, i & 0xFF]
        t = Tcp(p, cip, 1024 + i % 60000, [10, 0, 0, 2], 443)
        t.open(usec)
        t.seg(0, Tcp.ACK | Tcp.PSH, rec, usec)
    p.close()


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("certs", "certreq", "halfopen"):
        sys.exit(__doc__)
    globals()[sys.argv[1]](int(sys.argv[2]), sys.argv[3])


if __name__ == "__main__":
    main()
