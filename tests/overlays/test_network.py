"""Async connections cache their socket, and still see a server that hung up on an idle connection."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpcore
import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from balancekit.network import SocketCachingBackend, SocketCachingStream, async_transport, readable, tls_context
from balancekit.providers import ledger
from balancekit.sandbox import Sandbox

RESPONSE = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"


@pytest.fixture
def ledger_sandbox(balancekit_sandbox_factory: Callable[..., Sandbox]) -> Sandbox:
    return balancekit_sandbox_factory(["ledger"]).start()


def test_wired_async_transports_use_the_caching_backend(ledger_sandbox: Sandbox) -> None:
    """If an httpx release moves the private attributes the swap relies on, this fails (not silently slower)."""
    client = ledger.connect(**ledger_sandbox.connect_kwargs("ledger"))
    transports = client.wiring.pool.async_(client.wiring)
    pools = [getattr(t, "_pool", None) for t in transports.values() if t is not None]
    assert pools
    assert all(isinstance(getattr(p, "_network_backend", None), SocketCachingBackend) for p in pools)
    assert isinstance(async_transport()._pool._network_backend, SocketCachingBackend)


def test_readable_tells_an_open_idle_socket_from_one_the_peer_closed() -> None:
    left, right = socket.socketpair()
    try:
        assert readable(left) is False
        right.close()
        assert readable(left) is True  # EOF is readable: the server hung up
    finally:
        left.close()
    assert readable(left) is True  # closed (fileno -1)
    assert readable(None) is True


def test_an_idle_connection_the_server_closed_is_not_reused() -> None:
    """The pool polls the cached socket, sees the hang-up and opens a new connection: no failed request."""
    connections = 0

    async def run() -> list[int]:
        hung_up = asyncio.Event()

        async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            nonlocal connections
            connections += 1
            await reader.readuntil(b"\r\n\r\n")
            writer.write(RESPONSE)  # no "Connection: close": the client keeps the connection for reuse
            await writer.drain()
            writer.close()
            await writer.wait_closed()
            hung_up.set()

        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        statuses = []
        async with server, httpx.AsyncClient(transport=async_transport()) as client:
            for _ in range(3):
                hung_up.clear()
                statuses.append((await client.get(f"http://127.0.0.1:{port}/")).status_code)
                await hung_up.wait()  # the server has closed its end: on loopback the FIN is already here
                assert readable(_idle_socket(client))
        return statuses

    assert asyncio.run(run()) == [200, 200, 200]
    assert connections == 3  # a new connection each time, none of the requests failed on a dead one


def _idle_socket(client: httpx.AsyncClient) -> Any:
    pool = client._transport._pool  # type: ignore[attr-defined]
    for connection in pool.connections:
        stream = getattr(getattr(connection, "_connection", None), "_network_stream", None)
        if isinstance(stream, SocketCachingStream):
            return stream.get_extra_info("socket")
    return None


def test_streams_pass_other_information_through(ledger_sandbox: Sandbox) -> None:
    async def run() -> tuple[object, object]:
        backend = SocketCachingBackend(httpcore.AnyIOBackend())
        host, port = httpx.URL(ledger_sandbox.urls["ledger"]).host, httpx.URL(ledger_sandbox.urls["ledger"]).port
        assert port is not None
        stream = await backend.connect_tcp(host, port)
        try:
            return stream.get_extra_info("server_addr"), stream.get_extra_info("socket")
        finally:
            await stream.aclose()

    address, sock = asyncio.run(run())
    assert isinstance(address, tuple)
    assert address[1] == httpx.URL(ledger_sandbox.urls["ledger"]).port
    assert sock is not None
    assert readable(sock) is True  # closed by now


def test_transports_share_one_tls_context_per_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    """Building a TLS context loads the CA bundle (17.7 ms measured): built once, not per transport."""
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    first, second = tls_context(), tls_context()
    assert first is second
    assert tls_context(trust_env=False) is not first
    assert first.verify_mode == ssl.CERT_REQUIRED
    assert first.check_hostname
    monkeypatch.setenv("SSL_CERT_DIR", "/nonexistent-balancekit-ca-dir")
    assert tls_context() is not first  # the CA environment changed: a context for it
    assert tls_context(trust_env=False) is tls_context(trust_env=False)


def _self_signed(directory: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, made here (nothing leaves loopback)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


def test_tls_connections_cache_the_socket_under_tls(tmp_path: Path) -> None:
    """https: httpcore turns the stream TLS through the wrapper, and the TLS stream is wrapped too."""
    cert_path, key_path = _self_signed(tmp_path)
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert_path, key_path)
    client_context = ssl.create_default_context(cafile=str(cert_path))

    async def run() -> tuple[list[int], bool]:
        async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            while not reader.at_eof():
                try:
                    await reader.readuntil(b"\r\n\r\n")
                except asyncio.IncompleteReadError:
                    break
                writer.write(RESPONSE)
                await writer.drain()
            writer.close()

        server = await asyncio.start_server(handle, "127.0.0.1", 0, ssl=server_context)
        port = server.sockets[0].getsockname()[1]
        async with server, httpx.AsyncClient(transport=async_transport(verify=client_context)) as client:
            statuses = [(await client.get(f"https://127.0.0.1:{port}/")).status_code for _ in range(2)]
            sock = _idle_socket(client)
            idle_readable = readable(sock)
        return statuses, idle_readable

    statuses, idle_readable = asyncio.run(run())
    assert statuses == [200, 200]
    assert idle_readable is False  # the kept-alive TLS connection is open and quiet


def test_readable_without_poll_uses_select(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows has no select.poll: the same answers through select.select."""
    monkeypatch.delattr("select.poll")
    left, right = socket.socketpair()
    try:
        assert readable(left) is False
        right.close()
        assert readable(left) is True
    finally:
        left.close()
