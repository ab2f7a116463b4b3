#!/usr/bin/env python3
"""connect_peers.py - small local peers for tests/connect.sh (127.0.0.1 or
::1 only): a silent server, a plain-text (HTTP) server, and SMTP and IMAP
servers that do the STARTTLS dialogue and then wrap the socket with
Python's ssl module.  Usage: connect_peers.py KIND HOST PORT [CERT KEY]
KIND: silent | close | http | smtp | imap | smtp-refuse.  Serves forever (the
test kills it)."""
import socket
import ssl
import sys
import threading


def serve(kind, host, port, cert=None, key=None):
    fam = socket.AF_INET6 if ":" in host else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((host, port))
    s.listen(8)
    ctx = None
    if cert:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(cert, key)
    while True:
        c, _ = s.accept()
        threading.Thread(target=handle, args=(kind, c, ctx), daemon=True).start()


def readline(f):
    return f.readline().decode("latin-1").rstrip("\r\n")


def handle(kind, c, ctx):
    try:
        if kind == "silent":
            c.recv(4096)
            threading.Event().wait(60)
            return
        if kind == "close":
            c.recv(4096)
            c.close()
            return
        if kind == "http":
            c.recv(4096)
            c.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            c.close()
            return
        f = c.makefile("rb")
        if kind in ("smtp", "smtp-refuse"):
            c.sendall(b"220 mail.test ESMTP ready\r\n")
            if not readline(f).upper().startswith("EHLO"):
                return
            c.sendall(b"250-mail.test\r\n250-PIPELINING\r\n" +
                      (b"250 STARTTLS\r\n" if kind == "smtp" else b"250 8BITMIME\r\n"))
            if readline(f).upper() != "STARTTLS":
                return
            if kind == "smtp-refuse":
                c.sendall(b"454 4.7.0 TLS not available\r\n")
                return
            c.sendall(b"220 2.0.0 Ready to start TLS\r\n")
        elif kind == "imap":
            c.sendall(b"* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n")
            line = readline(f)
            tag = line.split(" ")[0]
            c.sendall(b"* CAPABILITY IMAP4rev1 STARTTLS\r\n" + tag.encode() + b" OK Begin TLS negotiation now\r\n")
        t = ctx.wrap_socket(c, server_side=True)
        data = t.recv(4096)
        if data:
            t.sendall(b"250 hello over TLS\r\n")
        t.close()
    except Exception:
        pass


if __name__ == "__main__":
    a = sys.argv[1:]
    serve(a[0], a[1], int(a[2]), *(a[3:5] if len(a) >= 5 else []))
