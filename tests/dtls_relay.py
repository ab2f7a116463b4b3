#!/usr/bin/env python3
"""dtls_relay.py - a UDP relay between a DTLS client and server that drops
one datagram, so that the peers' own timers make a real retransmission
(RFC 6347 4.2.4): used by tests/make_dtls_captures.sh.

    dtls_relay.py LISTEN_PORT SERVER_PORT DROP_INDEX SECONDS

Datagrams from the client to 127.0.0.1:LISTEN_PORT go to
127.0.0.1:SERVER_PORT from one socket; the server's answers go back to the
client.  The server's DROP_INDEX-th datagram (from 1) is not passed on:
the client times out and sends its last flight again, and the server
answers with its whole flight again.  Stops after SECONDS."""
import select
import socket
import sys
import time


def main():
    listen, server, drop, seconds = (int(sys.argv[1]), int(sys.argv[2]),
                                     int(sys.argv[3]), float(sys.argv[4]))
    front = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    front.bind(("127.0.0.1", listen))
    back = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    back.bind(("127.0.0.1", 0))
    client = None
    seen = 0
    end = time.time() + seconds
    while time.time() < end:
        ready, _, _ = select.select([front, back], [], [], 0.1)
        for s in ready:
            data, addr = s.recvfrom(65535)
            if s is front:
                client = addr
                back.sendto(data, ("127.0.0.1", server))
            elif client is not None:
                seen += 1
                if seen == drop:
                    continue
                front.sendto(data, client)


if __name__ == "__main__":
    main()
