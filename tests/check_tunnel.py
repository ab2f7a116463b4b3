#!/usr/bin/env python3
"""check_tunnel.py TSHARK_FIELDS TLSTRACE_JSON: the `tunnel` list tlstrace
gives a connection against what tshark dissects in its ClientHello frame.

TSHARK_FIELDS holds tshark's `-T fields -e frame.protocols -e vlan.id
-e vxlan.vni -e ieee8021ad.id` line for that frame.  The kinds of encapsulation, in order
(repeats collapsed: tshark names a label stack once), must agree, and so
must the VLAN ids and the VXLAN network identifier."""
import json
import sys

# tshark protocol name -> tlstrace's word for the encapsulation
KIND = {"vlan": "vlan", "ieee8021ad": "vlan", "mpls": "mpls", "pppoes": "pppoe", "gre": "gre",
        "erspan": "erspan", "vxlan": "vxlan", "geneve": "geneve", "gtp": "gtp-u"}


def collapse(seq):
    out = []
    for k in seq:
        if not out or out[-1] != k:
            out.append(k)
    return out


def tshark_kinds(protocols):
    names = protocols.split(":")
    kinds = []
    ip_seen = False
    for i, p in enumerate(names):
        if p in ("ip", "ipv6"):
            if ip_seen and names[i - 1] in ("ip", "ipv6"):
                kinds.append("6in4" if (names[i - 1], p) == ("ip", "ipv6") else "ipip")
            ip_seen = True
        elif p in KIND:
            if p == "erspan" and kinds and kinds[-1] == "gre":
                kinds[-1] = "erspan"      # tlstrace names the ERSPAN, not its GRE carrier
            else:
                kinds.append(KIND[p])
    return collapse(kinds)


def main():
    fields = open(sys.argv[1]).read().strip().split("\t")
    protocols = fields[0]
    vlans = [int(v) for v in fields[1].split(",") if v] if len(fields) > 1 else []
    vni = [int(v) for v in fields[2].split(",") if v] if len(fields) > 2 else []
    if len(fields) > 3:                       # the outer tag of QinQ (802.1ad)
        vlans += [int(v) for v in fields[3].split(",") if v]
    conn = json.loads(open(sys.argv[2]).readline())
    tunnel = conn["tunnel"]
    ours = collapse([t.split()[0] for t in tunnel])
    want = tshark_kinds(protocols)
    ok = True
    if ours != want:
        print(f"kinds: tlstrace {ours}, tshark {want} ({protocols})")
        ok = False
    our_vlans = [int(t.split()[1]) for t in tunnel if t.startswith("vlan ")]
    if sorted(our_vlans) != sorted(vlans):
        print(f"VLAN ids: tlstrace {our_vlans}, tshark {vlans}")
        ok = False
    our_vni = [int(t.split()[1]) for t in tunnel if t.startswith("vxlan ")]
    if our_vni != vni:
        print(f"VXLAN VNI: tlstrace {our_vni}, tshark {vni}")
        ok = False
    return 0 if ok else 1


sys.exit(main())
