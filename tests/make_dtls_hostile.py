#!/usr/bin/env python3
"""make_dtls_hostile.py - broken copies of a DTLS capture, for tests/dtls.sh:
each must be read without a crash, a hang or a sanitizer report, and say
what is wrong where it is wrong.

    make_dtls_hostile.py CAPTURE.pcap OUTDIR

CAPTURE is a little-endian pcap of Ethernet frames with IPv4 and UDP (as
tcpdump writes on Linux's lo); the DTLS bytes start at offset 42 of each
frame.  Writes OUTDIR/NAME.pcap for each case below and prints the names:

  cut        every frame captured only to 60 % of its length (datagrams cut)
  reclen     each datagram's first record claims 65535 bytes
  fragoff    each handshake fragment starts at offset 0xffffff
  msglen     each handshake message claims 16 MiB
  epoch      every protected record says epoch 7 instead of 1
  allepoch   every record says epoch 7 (no ClientHello in epoch 0: not DTLS)
  seq        message_seq scrambled (seeded)
  dup        every frame twice (every flight, CCS and Finished retransmitted)
  flip-N     N = 1..12: eight bytes of the DTLS payloads flipped (seeded)
  short      every datagram cut to its first 14 bytes (IP and UDP lengths
             adjusted: the datagrams themselves are short, not the capture)
"""
import random
import struct
import sys

DTLS_AT = 42


def read_pcap(path):
    data = open(path, "rb").read()
    head, at, frames = data[:24], 24, []
    while at + 16 <= len(data):
        ts, tu, incl, orig = struct.unpack("<IIII", data[at:at + 16])
        frames.append([ts, tu, bytearray(data[at + 16:at + 16 + incl]), orig])
        at += 16 + incl
    return head, frames


def write_pcap(path, head, frames):
    with open(path, "wb") as f:
        f.write(head)
        for ts, tu, b, orig in frames:
            f.write(struct.pack("<IIII", ts, tu, len(b), orig))
            f.write(bytes(b))


def records(b):
    """Offsets of the DTLS record headers in frame b."""
    at = DTLS_AT
    while at + 13 <= len(b):
        yield at
        at += 13 + struct.unpack(">H", b[at + 11:at + 13])[0]


def hs_fragments(b):
    for r in records(b):
        if b[r] == 22 and struct.unpack(">H", b[r + 3:r + 5])[0] == 0:
            yield r + 13


def set_udp_len(b, n):
    """The frame carries n DTLS bytes: IPv4 total length and UDP length."""
    del b[DTLS_AT + n:]
    struct.pack_into(">H", b, 16, 20 + 8 + n)
    struct.pack_into(">H", b, 38, 8 + n)


def main():
    src, out = sys.argv[1], sys.argv[2]
    head, frames = read_pcap(src)
    cases = {}

    def case(name, fn):
        fs = [[ts, tu, bytearray(b), orig] for ts, tu, b, orig in frames]
        fs = fn(fs) or fs
        write_pcap(f"{out}/{name}.pcap", head, fs)
        cases[name] = True

    def cut(fs):
        for f in fs:
            f[2] = f[2][:max(DTLS_AT + 1, len(f[2]) * 6 // 10)]
    case("cut", cut)

    def reclen(fs):
        for f in fs:
            if len(f[2]) >= DTLS_AT + 13:
                struct.pack_into(">H", f[2], DTLS_AT + 11, 0xffff)
    case("reclen", reclen)

    def hsfield(off, size, value):
        def fn(fs):
            for f in fs:
                for h in list(hs_fragments(f[2])):
                    if h + 12 <= len(f[2]):
                        f[2][h + off:h + off + size] = value.to_bytes(size, "big")
        return fn
    case("fragoff", hsfield(6, 3, 0xffffff))
    case("msglen", hsfield(1, 3, 0xffffff))

    def epoch(fs):
        for f in fs:
            for r in list(records(f[2])):
                if struct.unpack(">H", f[2][r + 3:r + 5])[0]:
                    struct.pack_into(">H", f[2], r + 3, 7)
    case("epoch", epoch)

    def allepoch(fs):
        for f in fs:
            for r in list(records(f[2])):
                struct.pack_into(">H", f[2], r + 3, 7)
    case("allepoch", allepoch)

    def seq(fs):
        rnd = random.Random(6347)
        for f in fs:
            for h in list(hs_fragments(f[2])):
                if h + 12 <= len(f[2]):
                    struct.pack_into(">H", f[2], h + 4, rnd.randrange(0, 8))
    case("seq", seq)

    def dup(fs):
        return [g for f in fs for g in (f, [f[0], f[1], bytearray(f[2]), f[3]])]
    case("dup", dup)

    for n in range(1, 13):
        def flip(fs, n=n):
            rnd = random.Random(n)
            for _ in range(8):
                f = fs[rnd.randrange(len(fs))]
                if len(f[2]) > DTLS_AT:
                    i = rnd.randrange(DTLS_AT, len(f[2]))
                    f[2][i] ^= 1 << rnd.randrange(8)
        case(f"flip-{n}", flip)

    def short(fs):
        for f in fs:
            set_udp_len(f[2], min(14, len(f[2]) - DTLS_AT))
            f[3] = len(f[2])
    case("short", short)

    print("\n".join(cases))


if __name__ == "__main__":
    main()
