"""tlsprf.py - the TLS 1.0-1.2 PRF written from the RFCs with Python's
hmac and hashlib alone: the independent oracle the test scripts check
tlstrace's secrets against (check_live_json.py, check_dtls_finished.py)
and the generator of make_export_captures.py derives its keys with.
Imported from the scripts' own directory (Python puts it on the path).
"""
import hashlib
import hmac


def p_hash(alg, secret, seed, n):
    """RFC 2246 5: P_hash(secret, seed) = HMAC_hash(secret, A(1) + seed) +
    HMAC_hash(secret, A(2) + seed) + ..., A(0) = seed, A(i) = HMAC(A(i-1))."""
    out, a = b"", seed
    while len(out) < n:
        a = hmac.new(secret, a, alg).digest()
        out += hmac.new(secret, a + seed, alg).digest()
    return out[:n]


def prf(secret, label, seed, n, alg=None):
    """RFC 5246 5 (TLS 1.2): P_alg(secret, label + seed).  alg None: RFC
    2246 5 (TLS 1.0 and 1.1), P_MD5 over the first half of the secret XOR
    P_SHA-1 over the second (the halves share a byte when it is odd)."""
    if alg is not None:
        return p_hash(alg, secret, label + seed, n)
    half = (len(secret) + 1) // 2
    md5 = p_hash(hashlib.md5, secret[:half], label + seed, n)
    sha = p_hash(hashlib.sha1, secret[len(secret) - half:], label + seed, n)
    return bytes(x ^ y for x, y in zip(md5, sha))
