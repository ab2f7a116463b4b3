#!/usr/bin/python3
# make_export_captures.py - SSL 3.0 and TLS 1.0-1.2 handshakes with export
# cipher suites (RC4_40, RC2_CBC_40, DES40_CBC, and the 56-bit EXPORT1024
# RC4), and two with ciphers nettle lacks (SEED, IDEA), built byte by byte.
#
#   /usr/bin/python3 tests/make_export_captures.py [OUTDIR [SEED]]
#
# Every random value (randoms, premasters, explicit IVs, PKCS #1 padding,
# the RSA primes) comes from Python's random.Random(SEED) (default 1), so
# the same SEED makes the same files byte for byte: tests/export.sh checks
# that the committed captures are what this script makes, then checks a
# set made with a fresh seed.
#
# No OpenSSL or GnuTLS of today negotiates an export suite, so every
# handshake here is computed in this file, independently of tlstrace: the
# SSL 3.0 and TLS PRFs, the key block, the export key expansion (RFC 6101
# 6.2.2: MD5 of the write key and the randoms; RFC 2246 6.3: PRF with
# "client write key", "server write key" and "IV block"), the record MACs,
# the Finished verify_data (RFC 6101 5.6.9, RFC 2246 7.4.9, RFC 5246 7.4.9)
# and the record encryption.  The ciphers come from python3-cryptography
# (RC4, DES, SEED), from OpenSSL's legacy provider through `openssl enc`
# (RC2: cryptography 38 has none), and from a short IDEA below (neither has
# one; its first lines check it against the IDEA paper's test vector).  The
# key exchange is RSA with a 512-bit server certificate, which RFC 2246
# 7.4.3 lets an RSA_EXPORT server use without a ServerKeyExchange; the
# premaster is encrypted to it with PKCS #1 v1.5.  Two cases differ: one
# RSA_EXPORT handshake with a 1024-bit certificate and a temporary 512-bit
# key in a signed ServerKeyExchange, and one DHE_RSA_EXPORT handshake with
# a 512-bit group (its premaster only the key log gives).  scapy (python3-scapy)
# wraps the records in TCP/IP and writes the pcap.
#
# Writes, in OUTDIR (default captures/export/): NAME.pcap and NAME.keys (a
# CLIENT_RANDOM line) for each case, server-512.key (the server's private
# key, PEM) and expected.json: for each case what this script computed
# (master, key block slices before and after the export expansion, IVs,
# both verify_data, the application data), which tests/export.sh compares
# with tshark's decryption and with tlstrace's JSON.
import hashlib
import hmac
import json
import os
import random
import struct
import subprocess
import sys
import warnings

warnings.simplefilter("ignore")   # cryptography's deprecation notes on RC4, 3DES
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.x509.oid import NameOID
from scapy.all import wrpcap

import tlsprf
from tlswire import Flow, handshake, record, u8, u16, u64, vec8, vec16, vec24
import datetime

OUT = sys.argv[1] if len(sys.argv) > 1 else "captures/export"
RND = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)


def randbytes(n):
    return RND.randbytes(n)

# name, version, suite id, cipher, mac, export key material (bytes cut from
# the key block; 0: not an export suite), final key length, block size.
# EXPORT1024 DES (draft-ietf-tls-56-bit-ciphersuites-01 4: "DES_CBC ... 8
# bytes of key material") cuts all 8 bytes, as OpenSSL's
# SSL_EXPORT_KEYLENGTH did; Wireshark cuts 7 ("until a pcap proves 8"), so
# tshark cannot decrypt that one and only this script's values check it.
CASES = [
    ("ssl30-exp-rc4-40-md5",     0x0300, 0x0003, "rc4",  "md5",  5, 16, 0),
    ("ssl30-exp-rc2-cbc-40-md5", 0x0300, 0x0006, "rc2",  "md5",  5, 16, 8),
    ("ssl30-exp-des40-cbc-sha",  0x0300, 0x0008, "des",  "sha1", 5, 8, 8),
    ("tls10-exp-rc4-40-md5",     0x0301, 0x0003, "rc4",  "md5",  5, 16, 0),
    ("tls10-exp-rc2-cbc-40-md5", 0x0301, 0x0006, "rc2",  "md5",  5, 16, 8),
    ("tls10-exp-des40-cbc-sha",  0x0301, 0x0008, "des",  "sha1", 5, 8, 8),
    ("tls10-exp-rc4-40-md5-tempkey", 0x0301, 0x0003, "rc4", "md5", 5, 16, 0),
    ("tls10-exp-edh-rsa-des40-cbc-sha", 0x0301, 0x0014, "des", "sha1", 5, 8, 8),
    ("tls10-exp1024-rc4-56-sha", 0x0301, 0x0064, "rc4",  "sha1", 7, 16, 0),
    ("tls10-exp1024-des-cbc-sha", 0x0301, 0x0062, "des", "sha1", 8, 8, 8),
    ("tls11-exp-des40-cbc-sha",  0x0302, 0x0008, "des",  "sha1", 5, 8, 8),
    ("tls12-exp-rc2-cbc-40-md5", 0x0303, 0x0006, "rc2",  "md5",  5, 16, 8),
    ("tls10-seed-cbc-sha",       0x0301, 0x0096, "seed", "sha1", 0, 16, 16),
    ("tls12-idea-cbc-sha",       0x0303, 0x0007, "idea", "sha1", 0, 16, 8),
]

CLIENT_DATA = b"GET /export HTTP/1.0\r\nHost: export.example\r\n\r\n"
SERVER_DATA = b"HTTP/1.0 200 OK\r\nContent-Length: 20\r\n\r\nforty bits of secret"


def md5(b): return hashlib.md5(b).digest()
def sha1(b): return hashlib.sha1(b).digest()


# --- PRFs -----------------------------------------------------------------

def ssl3_prf(secret, seed, n):
    """RFC 6101 6.1/6.2.2: MD5(secret + SHA('A' + secret + seed)) +
    MD5(secret + SHA('BB' + secret + seed)) + ..."""
    out, i = b"", 1
    while len(out) < n:
        out += md5(secret + sha1(bytes([0x40 + i]) * i + secret + seed))
        i += 1
    return out[:n]


def prf(version, secret, label, seed, n):
    """TLS 1.0/1.1, or TLS 1.2 with P_SHA256 (these suites' PRF)."""
    return tlsprf.prf(secret, label, seed, n, hashlib.sha256 if version == 0x0303 else None)


# --- ciphers --------------------------------------------------------------

def idea_subkeys(key):
    """The 52 encryption subkeys: the 128-bit key read as 16-bit words,
    then rotated left by 25 bits for each next eight."""
    k, ks = int.from_bytes(key, "big"), []
    while len(ks) < 52:
        ks += [(k >> (112 - 16 * i)) & 0xffff for i in range(8)]
        k = ((k << 25) | (k >> 103)) & ((1 << 128) - 1)
    return ks[:52]


def idea_mul(a, b):
    """Multiplication modulo 2^16 + 1, 0 standing for 2^16."""
    a, b = a or 0x10000, b or 0x10000
    return (a * b % 0x10001) & 0xffff


def idea_block(ks, block):
    x1, x2, x3, x4 = struct.unpack("!4H", block)
    for r in range(8):
        z = ks[6 * r:6 * r + 6]
        x1, x2 = idea_mul(x1, z[0]), (x2 + z[1]) & 0xffff
        x3, x4 = (x3 + z[2]) & 0xffff, idea_mul(x4, z[3])
        t0 = idea_mul(x1 ^ x3, z[4])
        t1 = idea_mul((t0 + (x2 ^ x4)) & 0xffff, z[5])
        t0 = (t0 + t1) & 0xffff
        x1, x4 = x1 ^ t1, x4 ^ t0
        x2, x3 = x3 ^ t1, x2 ^ t0
    z = ks[48:]
    return struct.pack("!4H", idea_mul(x1, z[0]), (x3 + z[1]) & 0xffff, (x2 + z[2]) & 0xffff,
                       idea_mul(x4, z[3]))


# Lai and Massey's vector: key 0001 0002 ... 0008, plaintext 0000 0001 0002 0003.
assert idea_block(idea_subkeys(bytes.fromhex("00010002000300040005000600070008")),
                  bytes.fromhex("0000000100020003")) == bytes.fromhex("11fbed2b01986de5")


def cbc_encrypt(kind, key, iv, data):
    """CBC encryption of whole blocks; returns the ciphertext."""
    if kind == "des":
        enc = Cipher(algorithms.TripleDES(key * 3), modes.CBC(iv)).encryptor()
        return enc.update(data) + enc.finalize()
    if kind == "seed":
        enc = Cipher(algorithms.SEED(key), modes.CBC(iv)).encryptor()
        return enc.update(data) + enc.finalize()
    if kind == "rc2":
        # RC2 with a 16-byte key and 128 effective key bits, as OpenSSL's
        # rc2-cbc (and so the export suites of OpenSSL) keys it.
        return subprocess.run(["openssl", "enc", "-rc2-cbc", "-K", key.hex(), "-iv", iv.hex(), "-nopad",
                               "-provider", "legacy", "-provider", "default"],
                              input=data, capture_output=True, check=True).stdout
    if kind == "idea":
        ks, out, prev = idea_subkeys(key), b"", iv
        for i in range(0, len(data), 8):
            prev = idea_block(ks, bytes(a ^ b for a, b in zip(data[i:i + 8], prev)))
            out += prev
        return out
    raise ValueError(kind)


class Direction:
    """One side's record protection after its ChangeCipherSpec."""

    def __init__(self, case, version, mac_key, key, iv):
        _, _, _, self.kind, self.mac, _, _, self.bs = case
        self.version, self.mac_key, self.key, self.iv = version, mac_key, key, iv
        self.seq = 0
        if self.kind == "rc4":
            self.rc4 = Cipher(algorithms.ARC4(key), None).encryptor()

    def record_mac(self, ctype, content):
        h = hashlib.md5 if self.mac == "md5" else hashlib.sha1
        if self.version == 0x0300:
            # RFC 6101 5.2.3.1: hash(MAC_write_secret + pad_2 + hash(MAC_write_secret
            # + pad_1 + seq_num + type + length + content)), pads of 48 (MD5) or 40 (SHA).
            n = 48 if self.mac == "md5" else 40
            inner = h(self.mac_key + b"\x36" * n + u64(self.seq) + u8(ctype) + u16(len(content)) + content).digest()
            return h(self.mac_key + b"\x5c" * n + inner).digest()
        # RFC 2246 6.2.3.1: HMAC_hash(MAC_write_secret, seq_num + type + version + length + content)
        return hmac.new(self.mac_key, u64(self.seq) + u8(ctype) + u16(self.version) + u16(len(content)) + content,
                        h).digest()

    def protect(self, ctype, content):
        mac = self.record_mac(ctype, content)
        self.seq += 1
        if self.kind == "rc4":
            return self.rc4.update(content + mac)
        # RFC 2246 6.2.3.2: padding bytes all equal to the padding length.
        data = content + mac
        pad = self.bs - 1 - len(data) % self.bs
        data += bytes([pad]) * (pad + 1)
        if self.version >= 0x0302:
            # RFC 4346 6.2.3.2: an explicit IV at the head of every record.
            iv = randbytes(self.bs)
            return iv + cbc_encrypt(self.kind, self.key, iv, data)
        ct = cbc_encrypt(self.kind, self.key, self.iv, data)
        self.iv = ct[-self.bs:]   # TLS 1.0 / SSL 3.0: the last block chains on
        return ct


# --- the handshake --------------------------------------------------------

def probable_prime(bits):
    """A random odd number of exactly `bits` bits that passes 40 Miller-Rabin
    rounds, and p - 1 prime to 65537."""
    while True:
        p = RND.getrandbits(bits) | (3 << (bits - 2)) | 1
        if (p - 1) % 65537 == 0:
            continue
        d, r = p - 1, 0
        while d % 2 == 0:
            d, r = d // 2, r + 1
        for _ in range(40):
            x = pow(RND.randrange(2, p - 1), d, p)
            if x in (1, p - 1):
                continue
            for _ in range(r - 1):
                x = pow(x, 2, p)
                if x == p - 1:
                    break
            else:
                break
        else:
            return p


def rsa_key(bits):
    """An RSA key from RND (cryptography's generator cannot be seeded, and
    refuses 512 bits anyway); the numbers are checked by cryptography."""
    e = 65537
    p, q = probable_prime(bits // 2), probable_prime(bits // 2)
    d = pow(e, -1, (p - 1) * (q - 1))
    return rsa.RSAPrivateNumbers(p, q, d, d % (p - 1), d % (q - 1), pow(q, -1, p),
                                 rsa.RSAPublicNumbers(e, p * q)).private_key()


def rsa_encrypt(key, data):
    """RFC 8017 7.2.1 RSAES-PKCS1-v1_5: 00 02, nonzero random padding, 00, data."""
    pub = key.public_key().public_numbers()
    size = (pub.n.bit_length() + 7) // 8
    pad = bytes(RND.randrange(1, 256) for _ in range(size - 3 - len(data)))
    m = int.from_bytes(b"\x00\x02" + pad + b"\x00" + data, "big")
    return pow(m, pub.e, pub.n).to_bytes(size, "big")


def make_server_key(bits):
    key = rsa_key(bits)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "export.example")])
    now = datetime.datetime(2023, 11, 1)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(0x512).not_valid_before(now).not_valid_after(now + datetime.timedelta(days=3650))
            .sign(key, hashes.SHA256()))
    return key, cert.public_bytes(serialization.Encoding.DER)


def finished(version, master, msgs, from_client):
    if version == 0x0300:
        # RFC 6101 5.6.9: md5_hash = MD5(master_secret + pad2 + MD5(handshake_messages
        # + Sender + master_secret + pad1)); sha_hash likewise with SHA and 40-byte pads.
        sender = b"CLNT" if from_client else b"SRVR"
        m = md5(master + b"\x5c" * 48 + md5(msgs + sender + master + b"\x36" * 48))
        s = sha1(master + b"\x5c" * 40 + sha1(msgs + sender + master + b"\x36" * 40))
        return m + s
    label = b"client finished" if from_client else b"server finished"
    th = hashlib.sha256(msgs).digest() if version == 0x0303 else md5(msgs) + sha1(msgs)
    return prf(version, master, label, th, 12)


def derive(case, version, master, cr, sr):
    """The key block and the keys (RFC 6101 6.2.2, RFC 2246 6.3, RFC 4346
    6.3, RFC 5246 6.3), with the export expansion; returns what was made."""
    _, _, _, kind, mac, material, klen, bs = case
    maclen = 16 if mac == "md5" else 20
    cut = material or klen
    ivlen = bs if (not material and version <= 0x0301) else 0
    n = 2 * (maclen + cut + ivlen)
    block = ssl3_prf(master, sr + cr, n) if version == 0x0300 else prf(version, master, b"key expansion", sr + cr, n)
    p = 0
    out = {"key_block": block}
    for name, size in (("client_mac", maclen), ("server_mac", maclen), ("client_key", cut), ("server_key", cut),
                       ("client_iv", ivlen), ("server_iv", ivlen)):
        out[name] = block[p:p + size]
        p += size
    if material:
        out["client_material"], out["server_material"] = out["client_key"], out["server_key"]
        if version == 0x0300:
            out["client_key"] = md5(out["client_material"] + cr + sr)[:klen]
            out["server_key"] = md5(out["server_material"] + sr + cr)[:klen]
            if bs:
                out["client_iv"], out["server_iv"] = md5(cr + sr)[:bs], md5(sr + cr)[:bs]
        else:
            out["client_key"] = prf(version, out["client_material"], b"client write key", cr + sr, klen)
            out["server_key"] = prf(version, out["server_material"], b"server write key", cr + sr, klen)
            if bs:
                ivb = prf(version, b"", b"IV block", cr + sr, 2 * bs)
                # TLS 1.1 and 1.2 carry each record's IV; the IV block is not used.
                if version <= 0x0301:
                    out["client_iv"], out["server_iv"] = ivb[:bs], ivb[bs:]
    return out


def rsa_sign_raw(key, digest):
    """RFC 2246 4.7: an RSA signature over MD5 + SHA-1 is PKCS #1 block
    type 1 padding around the 36 bytes, without a DigestInfo."""
    n = key.private_numbers().public_numbers.n
    size = (n.bit_length() + 7) // 8
    block = b"\x00\x01" + b"\xff" * (size - 3 - len(digest)) + b"\x00" + digest
    return pow(int.from_bytes(block, "big"), key.private_numbers().d, n).to_bytes(size, "big")


def server_key_exchange(temp, signer, cr, sr):
    """RFC 2246 7.4.3, RSA_EXPORT with a certificate key over 512 bits:
    ServerRSAParams { rsa_modulus<1..2^16-1>; rsa_exponent<1..2^16-1>; }
    and the signature over MD5(cr + sr + params) + SHA(cr + sr + params)."""
    pub = temp.public_key().public_numbers()
    params = vec16(pub.n.to_bytes((pub.n.bit_length() + 7) // 8, "big")) + vec16(pub.e.to_bytes(3, "big"))
    signed = md5(cr + sr + params) + sha1(cr + sr + params)
    return handshake(12, params + vec16(rsa_sign_raw(signer, signed)))


def build(case, index, key, cert_der, big):
    """One handshake.  key: the 512-bit key the premaster is encrypted to;
    a "-tempkey" case sends it as RSA_EXPORT's temporary key in a
    ServerKeyExchange signed by big = (1024-bit key, its certificate)."""
    name, version, suite = case[0], case[1], case[2]
    cr, sr = randbytes(32), randbytes(32)
    sid = randbytes(32)
    # RFC 2246 7.4.1.2 / RFC 6101 5.6.1.2: no extensions; the one suite and the null compression.
    ch = handshake(1, u16(version) + cr + vec8(b"") + vec16(u16(suite)) + vec8(b"\x00"))
    sh = handshake(2, u16(version) + sr + vec8(sid) + u16(suite) + u8(0))
    ske = b""
    dhe = "-edh-" in name
    if name.endswith("-tempkey"):
        certs = handshake(11, vec24(vec24(big[1])))
        ske = server_key_exchange(key, big[0], cr, sr)
    else:
        certs = handshake(11, vec24(vec24(cert_der)))
    shd = handshake(14, b"")
    if dhe:
        # RFC 2246 7.4.3: ServerDHParams { dh_p<1..2^16-1>; dh_g<1..2^16-1>;
        # dh_Ys<1..2^16-1>; } signed like the RSA params; DHE_RSA_EXPORT keeps
        # the group at 512 bits.  7.4.7.2: the client's dh_Yc; 8.1.2: the
        # premaster is Z with its leading zero bytes stripped.
        p = probable_prime(512)
        x, y = RND.getrandbits(256) | 1, RND.getrandbits(256) | 1
        ys, yc = pow(2, x, p), pow(2, y, p)
        big_endian = lambda v: v.to_bytes((v.bit_length() + 7) // 8, "big")
        params = vec16(big_endian(p)) + vec16(b"\x02") + vec16(big_endian(ys))
        signed = md5(cr + sr + params) + sha1(cr + sr + params)
        ske = handshake(12, params + vec16(rsa_sign_raw(key, signed)))
        pms = big_endian(pow(yc, x, p))
        cke = handshake(16, vec16(big_endian(yc)))
    else:
        pms = u16(version) + randbytes(46)
        enc = rsa_encrypt(key, pms)
        # RFC 6101 5.6.7.1: SSL 3.0 sends the encrypted premaster bare; TLS as an opaque<0..2^16-1>.
        cke = handshake(16, enc if version == 0x0300 else vec16(enc))
    if version == 0x0300:
        master = ssl3_prf(pms, cr + sr, 48)
    else:
        master = prf(version, pms, b"master secret", cr + sr, 48)
    k = derive(case, version, master, cr, sr)
    cdir = Direction(case, version, k["client_mac"], k["client_key"], k["client_iv"])
    sdir = Direction(case, version, k["server_mac"], k["server_key"], k["server_iv"])

    msgs = ch + sh + certs + ske + shd + cke
    cfin_vd = finished(version, master, msgs, True)
    cfin = handshake(20, cfin_vd)
    sfin_vd = finished(version, master, msgs + cfin, False)
    sfin = handshake(20, sfin_vd)

    def rec(ctype, body):
        return record(ctype, body, version)

    f = Flow(40000 + index)
    f.synack()
    f.pkt(0, rec(22, ch))
    f.pkt(1, rec(22, sh) + rec(22, certs) + (rec(22, ske) if ske else b"")
          + rec(22, shd))
    f.pkt(0, rec(22, cke) + rec(20, b"\x01") + rec(22, cdir.protect(22, cfin)))
    f.pkt(1, rec(20, b"\x01") + rec(22, sdir.protect(22, sfin)))
    f.pkt(0, rec(23, cdir.protect(23, CLIENT_DATA)))
    f.pkt(1, rec(23, sdir.protect(23, SERVER_DATA)))
    f.close()
    wrpcap(os.path.join(OUT, name + ".pcap"), f.pkts)
    with open(os.path.join(OUT, name + ".keys"), "w") as fh:
        fh.write("CLIENT_RANDOM %s %s\n" % (cr.hex(), master.hex()))
    exp = {"version": version, "suite": suite, "export": bool(case[5]), "tshark_decrypts": suite != 0x0062,
           "temporary_key": bool(ske) and not dhe, "dhe": dhe,
           "client_random": cr.hex(),
           "server_random": sr.hex(), "premaster": pms.hex(), "master": master.hex(),
           "client_finished": cfin_vd.hex(), "server_finished": sfin_vd.hex(),
           "client_data": CLIENT_DATA.hex(), "server_data": SERVER_DATA.hex()}
    for part in ("key_block", "client_mac", "server_mac", "client_key", "server_key", "client_iv", "server_iv",
                 "client_material", "server_material"):
        exp[part] = k[part].hex() if k.get(part) else None
    return exp


def main():
    os.makedirs(OUT, exist_ok=True)
    key, cert_der = make_server_key(512)
    big = make_server_key(1024)
    for k, fname in ((key, "server-512.key"), (big[0], "server-1024.key")):
        with open(os.path.join(OUT, fname), "wb") as fh:
            fh.write(k.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                                     serialization.NoEncryption()))
    expected = {}
    for i, case in enumerate(CASES):
        expected[case[0]] = build(case, i, key, cert_der, big)
    with open(os.path.join(OUT, "expected.json"), "w") as fh:
        json.dump(expected, fh, indent=1, sort_keys=True)
        fh.write("\n")


main()
