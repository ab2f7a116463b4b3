#!/usr/bin/env python3
"""check_dtls_finished.py - RFC 6347 4.2.6's rule for the Finished hash,
checked in Python alone, apart from tlstrace: used by tests/dtls.sh.

    check_dtls_finished.py CAPTURE KEYLOG

Reads the capture's datagrams itself (Ethernet, IPv4 or IPv6, UDP, DTLS
records of epoch 0), puts each side's handshake messages together from their
fragments (first copy of each message_seq, as if sent in one fragment:
the 12-byte header with fragment_offset 0 and fragment_length = length),
takes the master secret from the client's own key log and the received
verify_data from tshark's decryption, and computes both Finished with the
PRF of the version (RFC 5246 5 for DTLS 1.2, RFC 4346 5 for DTLS 1.0).
It must match when the first ClientHello and the HelloVerifyRequest are
left out (RFC 6347 4.2.6), and must not when they are kept (where there
was a cookie exchange) or when the messages are hashed with TLS's 4-byte
header - so the rule tlstrace
follows is the one the peers used.  Exit status 1 otherwise."""
import hashlib
import struct
import subprocess
import sys

import check_dtls
import tlsprf


def datagrams(path):
    data = open(path, "rb").read()
    at = 24
    while at + 16 <= len(data):
        incl = struct.unpack("<I", data[at + 8:at + 12])[0]
        frame = data[at + 16:at + 16 + incl]
        at += 16 + incl
        udp = 14 + (40 if frame[12:14] == b"\x86\xdd" else 20)   # IPv6 or IPv4 (no options)
        sport = struct.unpack(">H", frame[udp:udp + 2])[0]
        yield sport, frame[udp + 8:]


def messages(path):
    """Each side's whole handshake messages of epoch 0, in order, and the
    client's port."""
    out, parts, done, client = [], {}, set(), None
    for sport, d in datagrams(path):
        client = client or sport
        side = 0 if sport == client else 1
        at = 0
        while at + 13 <= len(d):
            ctype, epoch, length = d[at], struct.unpack(">H", d[at + 3:at + 5])[0], \
                struct.unpack(">H", d[at + 11:at + 13])[0]
            body = d[at + 13:at + 13 + length]
            at += 13 + length
            if ctype != 22 or epoch != 0:
                continue
            h = 0
            while h + 12 <= len(body):
                t = body[h]
                mlen = int.from_bytes(body[h + 1:h + 4], "big")
                seq = int.from_bytes(body[h + 4:h + 6], "big")
                off = int.from_bytes(body[h + 6:h + 9], "big")
                flen = int.from_bytes(body[h + 9:h + 12], "big")
                frag = body[h + 12:h + 12 + flen]
                h += 12 + flen
                key = (side, seq, t)
                if key in done:
                    continue        # a retransmission
                buf = parts.setdefault(key, {})
                for i, b in enumerate(frag):
                    buf.setdefault(off + i, b)
                if len(buf) == mlen:
                    done.add(key)
                    hdr = bytes([t]) + mlen.to_bytes(3, "big") + seq.to_bytes(2, "big") + b"\0\0\0" \
                        + mlen.to_bytes(3, "big")
                    out.append((side, t, hdr + bytes(buf[i] for i in range(mlen))))
    return out


def prf(version, secret, label, seed, n, alg=hashlib.sha256):
    """DTLS 1.2 (0xfefd) is TLS 1.2's PRF with the suite's hash; DTLS 1.0
    is TLS 1.1's."""
    return tlsprf.prf(secret, label, seed, n, alg if version == 0xfefd else None)


def transcript_hash(version, msgs, alg=hashlib.sha256):
    data = b"".join(msgs)
    if version == 0xfefd:
        return alg(data).digest()
    return hashlib.md5(data).digest() + hashlib.sha1(data).digest()


# Both Finished as tshark decrypts them (client first): check_dtls.py's reader.
received_verify_data = check_dtls.finished_records


def main():
    pcap, keys = sys.argv[1:3]
    msgs = messages(pcap)
    ch = [m for s, t, m in msgs if t == 1]
    sh = next(m for s, t, m in msgs if t == 2)
    version = int.from_bytes(sh[12:14], "big")
    suite = int.from_bytes(sh[12 + 2 + 32 + 1 + sh[12 + 34]:12 + 2 + 32 + 1 + sh[12 + 34] + 2], "big")
    # RFC 5289 3.2: the *_SHA384 GCM suites use the PRF with SHA-384
    alg = hashlib.sha384 if suite in (0xc02c, 0xc030, 0x009d, 0x009f) else hashlib.sha256
    client_random = ch[-1][14:46].hex()
    master = None
    for line in open(keys):
        p = line.split()
        if len(p) == 3 and p[0] == "CLIENT_RANDOM" and p[1].lower() == client_random:
            master = bytes.fromhex(p[2])
    fins = received_verify_data(pcap, keys)
    if not master or len(fins) != 2 or len(ch) not in (1, 2):
        print(f"FAIL: {pcap}: master {master is not None}, {len(fins)} Finished, {len(ch)} ClientHellos")
        return 1
    fails = 0
    tls_form = lambda m: m[:4] + m[12:]          # TLS's 4-byte header instead of DTLS's 12
    for rule, keep_first, form in (("RFC 6347 4.2.6 (first ClientHello and HelloVerifyRequest left out)", False, None),
                                   ("every message kept", True, None),
                                   ("TLS's 4-byte headers", False, tls_form)):
        f = form or (lambda m: m)
        if keep_first and len(ch) == 1:
            continue                            # no cookie exchange: nothing to leave out
        hs = [f(m) for s, t, m in msgs if t != 4 and (keep_first or len(ch) == 1 or not (t == 3 or m is ch[0]))]
        nst = [f(m) for s, t, m in msgs if t == 4]   # the server's, after the client's Finished
        want_c = prf(version, master, b"client finished", transcript_hash(version, hs, alg), 12, alg)
        want_s = prf(version, master, b"server finished", transcript_hash(version, hs + [f(fins[0])] + nst, alg),
                     12, alg)
        match = want_c == fins[0][12:] and want_s == fins[1][12:]
        if match != (rule.startswith("RFC")):
            print(f"FAIL: {pcap}: with {rule}, the Finished {'match' if match else 'do not match'}")
            fails += 1
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
