#!/usr/bin/python3
# make_link_captures.py - one plain TLS capture, re-wrapped in every link
# layer and tunnel tlstrace reads, fragmented, compressed.
#
#   /usr/bin/python3 tests/make_link_captures.py [SOURCE.pcap] [OUTDIR]
#
# Reads the IP packets of SOURCE (default captures/openssl-tls12-rsa.pcap)
# with scapy (Debian: python3-scapy) and writes OUTDIR (default
# captures/links/) with one capture per encapsulation, the same packets at
# the same times inside.  tests/links.sh then checks that tlstrace finds
# the same connections, randoms and messages in each as in SOURCE, and that
# tshark, the independent oracle, sees the ClientHello in each.  Headers
# scapy has no layer for (SLL2 is there, ERSPAN II/III and Geneve are
# written by hand here) are packed field by field, with the document that
# defines them named.
import gzip
import os
import struct
import subprocess
import sys

from scapy.all import (IP, IPv6, TCP, UDP, GRE, Ether, Dot1Q, Dot1AD, PPPoE, PPP, CookedLinux,
                       CookedLinuxV2, Loopback, Dot11, Dot11QoS, LLC, SNAP, RadioTap, VXLAN,
                       IPv6ExtHdrFragment, Raw, fragment, fragment6, rdpcap, PcapWriter, conf)
from scapy.contrib.mpls import MPLS
from scapy.contrib.gtp import GTP_U_Header

SRC = sys.argv[1] if len(sys.argv) > 1 else "captures/openssl-tls12-rsa.pcap"
OUT = sys.argv[2] if len(sys.argv) > 2 else "captures/links"

LINKTYPE = {"ether": 1, "null": 0, "loop": 108, "raw": 101, "ipv4": 228, "ppp": 9,
            "sll": 113, "sll2": 276, "wifi": 105, "radiotap": 127}

packets = rdpcap(SRC)
inner4 = [(p.time, bytes(p[IP])) for p in packets if IP in p]
client_port = packets[0][TCP].sport   # the first packet is the client's SYN


def to_v6(b):
    """The same TCP segment between ::1 and ::1 (checksum recomputed)."""
    tcp = IP(b)[TCP]
    del tcp.chksum
    return bytes(IPv6(src="::1", dst="::1", hlim=64) / tcp)


inner6 = [(t, to_v6(b)) for t, b in inner4]


def is_client(b):
    pkt = IP(b) if b[0] >> 4 == 4 else IPv6(b)
    return pkt[TCP].sport == client_port


def outer_ip(b, proto=None):
    """An outer IPv4 header, direction following the inner packet's."""
    src, dst = ("192.0.2.1", "192.0.2.2") if is_client(b) else ("192.0.2.2", "192.0.2.1")
    return IP(src=src, dst=dst, proto=proto) if proto is not None else IP(src=src, dst=dst)


def eth(typ=None):
    return Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02", type=typ) if typ else \
        Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02")


def inner_eth(b):
    return eth(0x0800 if b[0] >> 4 == 4 else 0x86dd) / Raw(b)


# draft-foschiano-erspan-03 4.2: type II: Ver=1, VLAN, COS/En/T/Session ID, Reserved/Index.
def erspan2(session):
    return struct.pack(">HHI", 0x1000 | 0, session & 0x3ff, 0)


# draft-foschiano-erspan-03 4.3: type III: Ver=2, VLAN, COS/BSO/T/Session ID,
# Timestamp, SGT, P/FT/Hw ID/D/Gra/O (FT 0: Ethernet; O 0: no subheader).
def erspan3(session):
    return struct.pack(">HHIHH", 0x2000 | 0, session & 0x3ff, 0, 0, 0)


# RFC 8926 3.4: Geneve: Ver 0, Opt Len 0, O/C 0, Protocol 0x6558, VNI, reserved.
def geneve(vni):
    return struct.pack(">BBHI", 0, 0, 0x6558, vni << 8)


ENCAPS = {
    # name: (link type, inner (4 or 6), function inner bytes -> frame bytes)
    "ethernet": ("ether", 4, lambda b: bytes(inner_eth(b))),
    "ipv6": ("ether", 6, lambda b: bytes(inner_eth(b))),
    "vlan": ("ether", 4, lambda b: bytes(eth() / Dot1Q(vlan=100, type=0x0800) / Raw(b))),
    "qinq": ("ether", 4, lambda b: bytes(eth() / Dot1AD(vlan=200) / Dot1Q(vlan=100, type=0x0800) / Raw(b))),
    "mpls": ("ether", 4, lambda b: bytes(eth(0x8847) / MPLS(label=100, s=0) / MPLS(label=16, s=1) / Raw(b))),
    "pppoe": ("ether", 4, lambda b: bytes(eth() / PPPoE(sessionid=0x11) / Raw(b"\x00\x21" + b))),
    "sll": ("sll", 4, lambda b: bytes(CookedLinux(pkttype=0, lladdrtype=772, lladdrlen=6, proto=0x0800) / Raw(b))),
    "sll2": ("sll2", 6, lambda b: bytes(CookedLinuxV2(proto=0x86dd, ifindex=1, lladdrtype=772,
                                                     pkttype=0, lladdrlen=6) / Raw(b))),
    "null": ("null", 4, lambda b: struct.pack("<I", 2) + b),
    "loop": ("loop", 6, lambda b: struct.pack(">I", 30) + b),
    "raw": ("raw", 4, lambda b: b),
    "ppp": ("ppp", 4, lambda b: b"\xff\x03\x21" + b),   # RFC 1661 6.5: a compressed Protocol field
    "wifi": ("wifi", 4, lambda b: bytes(Dot11(type=2, subtype=0, FCfield="to-DS",
                                              addr1="02:00:00:00:00:aa", addr2="02:00:00:00:00:01",
                                              addr3="02:00:00:00:00:02")
                                        / LLC(dsap=0xaa, ssap=0xaa, ctrl=3) / SNAP(OUI=0, code=0x0800) / Raw(b))),
    "radiotap": ("radiotap", 4, lambda b: bytes(RadioTap() / Dot11(type=2, subtype=8, FCfield="from-DS",
                                                                   addr1="02:00:00:00:00:02",
                                                                   addr2="02:00:00:00:00:aa",
                                                                   addr3="02:00:00:00:00:01")
                                                / Dot11QoS() / LLC(dsap=0xaa, ssap=0xaa, ctrl=3)
                                                / SNAP(OUI=0, code=0x0800) / Raw(b))),
    "gre": ("ether", 4, lambda b: bytes(eth() / outer_ip(b) / GRE(proto=0x0800, key_present=1, key=7) / Raw(b))),
    "erspan1": ("ether", 4, lambda b: bytes(eth() / outer_ip(b) / GRE(proto=0x88be) / inner_eth(b))),
    "erspan2": ("ether", 4, lambda b: bytes(eth() / outer_ip(b) / GRE(proto=0x88be, seqnum_present=1, seqence_number=1)
                                            / Raw(erspan2(5)) / inner_eth(b))),
    "erspan3": ("ether", 4, lambda b: bytes(eth() / outer_ip(b) / GRE(proto=0x22eb, seqnum_present=1, seqence_number=1)
                                            / Raw(erspan3(6)) / inner_eth(b))),
    "vxlan": ("ether", 4, lambda b: bytes(eth() / outer_ip(b) / UDP(sport=49152, dport=4789)
                                          / VXLAN(flags=0x08, vni=42) / inner_eth(b))),
    "geneve": ("ether", 6, lambda b: bytes(eth() / outer_ip(b) / UDP(sport=49152, dport=6081)
                                           / Raw(geneve(7)) / inner_eth(b))),
    "gtpu": ("ether", 4, lambda b: bytes(eth() / outer_ip(b) / UDP(sport=2152, dport=2152)
                                         / GTP_U_Header(teid=0x1234, gtp_type=255) / Raw(b))),
    "ipip": ("ether", 4, lambda b: bytes(eth() / outer_ip(b, 4) / Raw(b))),
    "6in4": ("ether", 6, lambda b: bytes(eth() / outer_ip(b, 41) / Raw(b))),
    # three layers nested: a VLAN, VXLAN inside it, GRE inside that
    "nested3": ("ether", 4, lambda b: bytes(eth() / Dot1Q(vlan=100, type=0x0800) / outer_ip(b) / UDP(sport=49152, dport=4789)
                                            / VXLAN(flags=0x08, vni=42) / eth() / IP(src="198.51.100.1", dst="198.51.100.2")
                                            / GRE(proto=0x0800) / Raw(b))),
}


def write(name, link, frames):
    path = os.path.join(OUT, name + ".pcap")
    w = PcapWriter(path, linktype=LINKTYPE[link], sync=True)
    w.write_header(None)
    for t, f in frames:
        w.write_packet(f, sec=int(t), usec=int(round((t - int(t)) * 1e6)))
    w.close()
    return path


def fragments4():
    """Each IPv4 packet in 128-byte fragments, the last first, and the first
    fragment of every large packet sent twice (an overlap: the same bytes)."""
    out = []
    for t, b in inner4:
        frags = fragment(IP(b), fragsize=128)
        if len(frags) == 1:
            out.append((t, bytes(eth() / frags[0])))
            continue
        order = [frags[-1]] + frags[:-1] + [frags[0]]
        out.extend((t, bytes(eth() / f)) for f in order)
    return out


def fragments6():
    out = []
    for i, (t, b) in enumerate(inner6):
        p = IPv6(b)
        if len(b) <= 200:
            out.append((t, bytes(eth() / p)))
            continue
        tcp = p.payload
        frags = fragment6(IPv6(src=p.src, dst=p.dst, hlim=64) / IPv6ExtHdrFragment(id=0x1000 + i) / tcp, 200)
        frags = list(reversed(frags))   # out of order
        out.extend((t, bytes(eth() / f)) for f in frags)
    return out


def pcapng(path, interfaces, frames):
    """A pcapng file (draft-ietf-opsawg-pcapng 4): a Section Header Block,
    then for each (interface id, link type, frame, time): that interface's
    Interface Description Block the first time it is used, and an Enhanced
    Packet Block (timestamps in microseconds, the default if_tsresol)."""
    def block(btype, body):
        body += b"\0" * (-len(body) % 4)
        return struct.pack("<II", btype, len(body) + 12) + body + struct.pack("<I", len(body) + 12)
    out = block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))
    seen = set()
    for ifid, f, t in frames:
        if ifid not in seen:
            seen.add(ifid)
            out += block(1, struct.pack("<HHI", interfaces[ifid], 0, 0))
        us = int(round(t * 1e6))
        out += block(6, struct.pack("<IIIII", ifid, us >> 32, us & 0xffffffff, len(f), len(f)) + f)
    with open(path, "wb") as fp:
        fp.write(out)


def main():
    conf.verb = 0
    os.makedirs(OUT, exist_ok=True)
    for name, (link, v, fn) in ENCAPS.items():
        src = inner4 if v == 4 else inner6
        write(name, link, [(t, fn(b)) for t, b in src])
    write("frag4", "ether", fragments4())
    write("frag6", "ether", fragments6())
    # gzip (RFC 1952) of the Ethernet capture, and zstd of a pcapng version
    # of the VLAN one: named .gz/.zst, but read by their magic bytes
    eth_path = os.path.join(OUT, "ethernet.pcap")
    with open(eth_path, "rb") as f, open(os.path.join(OUT, "ethernet.pcap.gz"), "wb") as raw, \
            gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as g:   # mtime 0: the same bytes each run
        g.write(f.read())
    png = os.path.join(OUT, "vlan.pcapng")
    subprocess.run(["editcap", "-F", "pcapng", os.path.join(OUT, "vlan.pcap"), png], check=True)
    subprocess.run(["zstd", "-q", "-f", "-19", png, "-o", png + ".zst"], check=True)
    os.unlink(png)
    # pcapng with two interfaces: of the same link type (libpcap reads it
    # whole), and of two link types (libpcap 1.10 alone stops at the second
    # interface's description; tlstrace rewrites the blocks to read it all)
    e = [(t, bytes(inner_eth(b))) for t, b in inner4]
    pcapng(os.path.join(OUT, "two-interfaces.pcapng"), [1, 1],
           [(i % 2, f, t) for i, (t, f) in enumerate(e)])
    sll = [(t, ENCAPS["sll"][2](b)) for t, b in inner4]
    pcapng(os.path.join(OUT, "mixed-interfaces.pcapng"), [1, 113],
           [(0, f, t) for t, f in e[:10]] + [(1, f, t) for t, f in sll[10:]])


if __name__ == "__main__":
    main()
