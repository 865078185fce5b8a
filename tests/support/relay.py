"""Stand-ins for the partner's ways in, for the local-mode attack tests: a relay and a proxy.

:func:`relaying` copies bytes between a browser and the server unchanged, but dials the server
from another loopback address (``127.0.0.2`` stands in for a second machine on the home Wi-Fi): the
server sees that peer address, and every header exactly as the browser, or an attacker, wrote it.
With ``forwarded_for`` set it acts as a reverse proxy instead: it dials from ``127.0.0.1`` (as a
proxy on the same machine would) and adds ``X-Forwarded-For`` to every request head, the way nginx
or Caddy do. Both run in a thread with their own event loop and stop when the block ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Iterator
from urllib.parse import urlsplit

HEAD_END = b"\r\n\r\n"


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while chunk := await reader.read(65536):
            writer.write(chunk)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        with contextlib.suppress(Exception):
            writer.close()


async def _proxy_heads(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, forwarded_for: str
) -> None:
    """Copy requests, adding X-Forwarded-For to each head; raw bytes once a connection upgrades."""
    try:
        while True:
            head = await reader.readuntil(HEAD_END)
            lines = head[: -len(HEAD_END)].split(b"\r\n")
            lines.insert(1, b"X-Forwarded-For: " + forwarded_for.encode("ascii"))
            writer.write(b"\r\n".join(lines) + HEAD_END)
            lowered = head.lower()
            length = 0
            for line in lowered.split(b"\r\n"):
                if line.startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            if length:
                writer.write(await reader.readexactly(length))
            await writer.drain()
            if b"upgrade:" in lowered:
                await _pipe(reader, writer)
                return
    except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
        pass
    finally:
        with contextlib.suppress(Exception):
            writer.close()


@contextlib.contextmanager
def relaying(
    target: str, *, source: str = "127.0.0.2", forwarded_for: str | None = None
) -> Iterator[int]:
    """Listen on a free port of 127.0.0.1 and relay to ``target``; yields the port.

    ``source`` is the address the relay dials from. With ``forwarded_for``, the relay is a reverse
    proxy on this machine: it dials from 127.0.0.1 and tells the server who the client was.
    """
    parts = urlsplit(target)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    dial_from = "127.0.0.1" if forwarded_for is not None else source
    loop = asyncio.new_event_loop()
    started = threading.Event()
    box: dict[str, object] = {}

    async def handle(client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        server_r, server_w = await asyncio.open_connection(host, port, local_addr=(dial_from, 0))
        upstream = (
            _proxy_heads(client_r, server_w, forwarded_for)
            if forwarded_for is not None
            else _pipe(client_r, server_w)
        )
        await asyncio.gather(upstream, _pipe(server_r, client_w))

    async def serve() -> None:
        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        box["server"] = server
        box["port"] = server.sockets[0].getsockname()[1]
        started.set()
        async with server:
            await server.serve_forever()

    def run() -> None:
        asyncio.set_event_loop(loop)
        with contextlib.suppress(asyncio.CancelledError):
            loop.run_until_complete(serve())

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    if not started.wait(10):
        raise RuntimeError("the relay did not start")
    try:
        yield int(box["port"])  # type: ignore[call-overload]
    finally:

        def shutdown() -> None:
            for task in asyncio.all_tasks(loop):
                task.cancel()

        loop.call_soon_threadsafe(shutdown)
        thread.join(10)
