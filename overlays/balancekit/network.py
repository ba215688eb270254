"""httpx transports that are cheap to build and to run: one shared TLS context, and async connections that
answer httpcore's "is this idle socket readable?" without anyio's per-call cost.

httpx builds a TLS context (loading the CA bundle) for every transport it creates: 17.7 ms each, measured,
for every client and every proxy route, even to plain-http hosts. Here one context per trust_env setting and
CA environment (SSL_CERT_FILE, SSL_CERT_DIR) is built once, as httpx would build it, and shared; a TLS context
is safe to share between connections and threads.

Before every request, httpcore's connection pool asks each pooled connection whether it has expired, which
for an idle HTTP/1.1 connection means polling its socket. Through anyio, getting that socket builds a dict of
typed attributes on every call: about 13 us each, asked several times a connection per request (measured
with cProfile: 0.47 s of a 3.6 s Byzantine collection of 1,000 accounts). These streams look the socket up
once, when the connection opens or turns TLS, and poll it directly; everything else goes to the wrapped
stream unchanged. The sync transports need none of this: httpcore's sync streams poll their socket directly.
"""

# ruff: noqa: ASYNC109 (httpcore's stream and backend interfaces take per-call timeouts)
from __future__ import annotations

import functools
import logging
import os
import select
import socket
import ssl
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

log = logging.getLogger("balancekit.http")
SocketOption = (
    tuple[int, int, int] | tuple[int, int, bytes | bytearray] | tuple[int, int, None, int]
)  # as httpcore types it


def readable(sock: socket.socket | Any) -> bool:
    """True if the socket is gone, closed or has data (on an idle connection: the server hung up)."""
    if sock is None or sock.fileno() < 0:
        return True
    if not hasattr(select, "poll"):  # Windows (as httpcore does it there)
        ready, _, _ = select.select([sock], [], [], 0)
        return bool(ready)
    poller = select.poll()
    poller.register(sock, select.POLLIN)
    return bool(poller.poll(0))


class SocketCachingStream(httpcore.AsyncNetworkStream):
    """A network stream whose raw socket is looked up once."""

    def __init__(self, inner: httpcore.AsyncNetworkStream) -> None:
        self._inner = inner
        self._socket: Any = inner.get_extra_info("socket")  # a socket, or asyncio's TransportSocket wrapper

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return await self._inner.read(max_bytes, timeout)

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        await self._inner.write(buffer, timeout)

    async def aclose(self) -> None:
        await self._inner.aclose()

    async def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.AsyncNetworkStream:
        return SocketCachingStream(await self._inner.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> Any:
        if info == "is_readable":
            return readable(self._socket)
        if info == "socket":
            return self._socket
        return self._inner.get_extra_info(info)


class SocketCachingBackend(httpcore.AsyncNetworkBackend):
    """Wraps a network backend (httpcore's automatic anyio/trio choice) so its streams cache their socket."""

    def __init__(self, inner: httpcore.AsyncNetworkBackend) -> None:
        self._inner = inner

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        stream = await self._inner.connect_tcp(host, port, timeout, local_address, socket_options)
        return SocketCachingStream(stream)

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[SocketOption] | None = None
    ) -> httpcore.AsyncNetworkStream:
        return SocketCachingStream(await self._inner.connect_unix_socket(path, timeout, socket_options))

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


@functools.cache
def _tls_context(trust_env: bool, cert_file: str | None, cert_dir: str | None) -> ssl.SSLContext:
    return httpx.create_ssl_context(trust_env=trust_env)


def tls_context(trust_env: bool = True) -> ssl.SSLContext:
    """The TLS context httpx would build by default (certifi's CA bundle, or SSL_CERT_FILE/DIR when trusting
    the environment), built once per setting and shared."""
    if not trust_env:
        return _tls_context(False, None, None)
    return _tls_context(True, os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR"))


def sync_transport(*, trust_env: bool = True, **kwargs: Any) -> httpx.HTTPTransport:
    """httpx.HTTPTransport(**kwargs) with the shared TLS context (unless `verify` is given)."""
    kwargs.setdefault("verify", tls_context(trust_env))
    return httpx.HTTPTransport(trust_env=trust_env, **kwargs)


def async_transport(*, trust_env: bool = True, **kwargs: Any) -> httpx.AsyncHTTPTransport:
    """httpx.AsyncHTTPTransport(**kwargs) with the shared TLS context (unless `verify` is given), whose
    connections cache their socket.

    httpx gives no public way to choose httpcore's network backend, so it is swapped on the pool httpx built
    (private attributes, stable since httpx 0.18); if a release moves them, the plain transport is used and
    that is logged. tests/overlays/test_network.py fails if the swap stops happening.
    """
    kwargs.setdefault("verify", tls_context(trust_env))
    transport = httpx.AsyncHTTPTransport(trust_env=trust_env, **kwargs)
    pool = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if isinstance(backend, httpcore.AsyncNetworkBackend):
        pool._network_backend = SocketCachingBackend(backend)  # type: ignore[union-attr]
    else:
        log.debug("httpx's async transport has no pool backend to wrap; using it as it is")
    return transport
