#!/usr/bin/python3
"""A local SMTP sink for the mail tests, built on aiosmtpd (python3-aiosmtpd).

    smtp_sink.py --port-file FILE --messages DIR [--refuse rcpt|data]

Listens on 127.0.0.1 on a port the kernel picks (so parallel tests never
collide), then writes that port to FILE. Every accepted message becomes a
directory DIR/NNNNNN holding `mail_from`, `rcpt_to` (one address a line) and
`content` (the raw message as received: CRLF line ends, dot-unstuffed, without
the final "."). Both the port file and a message appear at once (written aside,
then renamed), and a message is on disk before the client hears "250", so a
reader never sees half of either.

--refuse rcpt answers every RCPT TO with 550; --refuse data answers the end of
DATA with 550 and stores nothing: the permanent refusals a client must report.

Stops on SIGTERM or SIGINT, and on its own when its parent process goes away,
so a crashed test does not leave a server behind. Test use only: no TLS, no
authentication.
"""

import argparse
import asyncio
import os
import signal
import sys

from aiosmtpd.smtp import SMTP


def write_atomically(path, data):
    temporary = path + ".tmp"
    with open(temporary, "wb") as out:
        out.write(data)
    os.rename(temporary, path)


class Sink:
    """aiosmtpd handler: refuses if told to, otherwise stores each message."""

    def __init__(self, directory, refuse):
        self.directory = directory
        self.refuse = refuse
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse == "rcpt":
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.refuse == "data":
            return "550 5.7.1 Message refused"
        self.count += 1
        name = "%06d" % self.count
        # A dot-prefixed work directory: readers skip names starting with ".".
        work = os.path.join(self.directory, "." + name)
        os.mkdir(work)
        write_atomically(os.path.join(work, "mail_from"), (envelope.mail_from or "").encode())
        write_atomically(os.path.join(work, "rcpt_to"), "".join(r + "\n" for r in envelope.rcpt_tos).encode())
        write_atomically(os.path.join(work, "content"), envelope.original_content)
        os.rename(work, os.path.join(self.directory, name))
        return "250 OK queued as " + name


async def serve(arguments):
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for number in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(number, stop.set)
    handler = Sink(arguments.messages, arguments.refuse)
    # An explicit hostname: aiosmtpd's default asks DNS for the FQDN, which can
    # take seconds on a machine without a resolver.
    server = await loop.create_server(lambda: SMTP(handler, hostname="sink.test", loop=loop),
                                      host="127.0.0.1", port=0)
    port = server.sockets[0].getsockname()[1]
    write_atomically(arguments.port_file, ("%d\n" % port).encode())
    parent = os.getppid()
    while not stop.is_set():
        try:
            await asyncio.wait_for(stop.wait(), timeout=0.5)
        except asyncio.TimeoutError:
            if os.getppid() != parent:
                break
    server.close()


def main():
    parser = argparse.ArgumentParser(description="SMTP sink for tests (aiosmtpd).")
    parser.add_argument("--port-file", required=True, help="where to write the listening port")
    parser.add_argument("--messages", required=True, help="existing directory for received messages")
    parser.add_argument("--refuse", choices=("rcpt", "data"), help="answer RCPT or DATA with 550")
    arguments = parser.parse_args()
    if not os.path.isdir(arguments.messages):
        parser.error("--messages: not a directory: " + arguments.messages)
    asyncio.run(serve(arguments))
    return 0


if __name__ == "__main__":
    sys.exit(main())
