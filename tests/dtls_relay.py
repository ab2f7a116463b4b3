#!/usr/bin/env python3
"""dtls_relay.py - a UDP relay between a DTLS client and server that drops
one datagram, so that the peers' own timers make a real retransmission
(RFC 6347 4.2.4): used by tests/make_dtls_captures.sh.

    dtls_relay.py LISTEN_PORT SERVER_PORT DROP SECONDS

Datagrams from the client to 127.0.0.1:LISTEN_PORT go to
127.0.0.1:SERVER_PORT from one socket; the server's answers go back to the
client.  One of the server's datagrams is not passed on: the DROP-th (from
1), or with DROP "ccs" the first that holds a ChangeCipherSpec record (its
last flight: NewSessionTicket, ChangeCipherSpec, Finished).  The client
times out and sends its last flight again, and the server answers with its
whole flight again.  Stops after SECONDS."""
import select
import socket
import sys
import time


def has_ccs(data):
    """RFC 6347 4.1: records of a 13-byte header (type, version, epoch,
    sequence_number, length); change_cipher_spec is type 20."""
    at = 0
    while at + 13 <= len(data):
        if data[at] == 20:
            return True
        at += 13 + int.from_bytes(data[at + 11:at + 13], "big")
    return False


def main():
    listen, server, seconds = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[4])
    drop = sys.argv[3]
    dropped = False
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
                if not dropped and (str(seen) == drop or (drop == "ccs" and has_ccs(data))):
                    dropped = True
                    continue
                front.sendto(data, client)


if __name__ == "__main__":
    main()
