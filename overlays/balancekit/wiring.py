"""Build the httpx clients behind a generated client: auth, retries, timeouts, limits, typed errors.

Generated clients create bare httpx clients (no timeout, no retries) on first
use; the provider clients in balancekit.providers override those getters to
build clients from a `Wiring` instead, lazily, so one object serves the sync
and async generated functions alike.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import os
import threading
from collections.abc import AsyncGenerator, Callable
from typing import Any

import attrs
import httpx

from balancekit.errors import ConfigurationError
from balancekit.http import AsyncBalancekitClient, BalancekitClient
from balancekit.retry import RetryPolicy, RetryTransport

DEFAULT_TIMEOUT = httpx.Timeout(connect=5.0, read=30.0, write=30.0, pool=10.0)
DEFAULT_LIMITS = httpx.Limits(max_connections=32, max_keepalive_connections=16, keepalive_expiry=30.0)
USER_AGENT = "balancekit/0.1.0"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_base_url(provider: str, url: str) -> str:
    """The URL without a trailing slash; https required except to loopback hosts."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise ConfigurationError(f"{provider}: base URL {url!r} is not a valid URL ({exc})") from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise ConfigurationError(f"{provider}: base URL {url!r} must be http(s)://host[:port][/prefix]")
    if parsed.scheme == "http" and not is_loopback(parsed.host):
        raise ConfigurationError(f"{provider}: refusing plain http to {parsed.host}; use https (http is for loopback)")
    if parsed.query or parsed.fragment:
        raise ConfigurationError(f"{provider}: base URL {url!r} must not carry a query or fragment")
    return str(parsed).rstrip("/")


def env(name: str, default: str | None = None) -> str | None:
    """An environment variable, stripped; empty counts as unset."""
    value = os.environ.get(name, "").strip()
    return value or default


@attrs.frozen
class Wiring:
    """Everything needed to build a provider's httpx clients."""

    provider: str
    package: str
    base_url: str
    auth: httpx.Auth
    policy: RetryPolicy = attrs.field(factory=RetryPolicy)
    timeout: httpx.Timeout = DEFAULT_TIMEOUT
    limits: httpx.Limits = DEFAULT_LIMITS
    headers: dict[str, str] = attrs.field(factory=dict)
    resign: Callable[[httpx.Request], None] | None = None
    transport: httpx.BaseTransport | None = None
    async_transport: httpx.AsyncBaseTransport | None = None

    def _common(self) -> dict[str, Any]:
        headers = {"User-Agent": USER_AGENT, "Accept": "application/json", **self.headers}
        return {
            "provider": self.provider,
            "package": self.package,
            "base_url": self.base_url,
            "auth": self.auth,
            "timeout": self.timeout,
            "headers": headers,
            "follow_redirects": False,
        }

    def sync_client(self) -> BalancekitClient:
        inner = self.transport or httpx.HTTPTransport(limits=self.limits)
        retry = RetryTransport(provider=self.provider, policy=self.policy, sync=inner, resign=self.resign)
        return BalancekitClient(transport=retry, **self._common())

    def async_client(self) -> AsyncBalancekitClient:
        inner = self.async_transport or httpx.AsyncHTTPTransport(limits=self.limits)
        retry = RetryTransport(provider=self.provider, policy=self.policy, async_=inner, resign=self.resign)
        return AsyncBalancekitClient(transport=retry, **self._common())


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


_CREATE_LOCK = threading.Lock()  # lazy client creation: one builder at a time, every thread gets that client


async def _closed_at_loop_shutdown(client: httpx.AsyncClient) -> AsyncGenerator[None, None]:
    """An async generator the loop finalises at shutdown (asyncio.run does): the client closes in its own loop."""
    try:
        yield
    finally:
        await client.aclose()


async def _start(closer: AsyncGenerator[None, None]) -> None:
    await anext(closer)


def _close_replaced(client: httpx.AsyncClient) -> None:
    """Close an async client replaced by another loop's: in its own loop if that still runs, else mark it closed."""
    if client.is_closed:
        return
    loop: asyncio.AbstractEventLoop | None = getattr(client, "loop", None)
    if loop is not None and loop.is_running() and not loop.is_closed():
        asyncio.run_coroutine_threadsafe(client.aclose(), loop)
        return
    with contextlib.suppress(RuntimeError):  # its loop is closed: nothing left to await there
        close = client.aclose()
        with contextlib.suppress(StopIteration):
            close.send(None)
        close.close()


class WiredClientMixin:
    """Overrides a generated Client's httpx getters to build wired clients lazily (thread-safe)."""

    wiring: Wiring
    _client: httpx.Client | None
    _async_client: httpx.AsyncClient | None

    def get_httpx_client(self) -> httpx.Client:
        if self._client is None:
            with _CREATE_LOCK:
                if self._client is None:
                    self._client = self.wiring.sync_client()
        return self._client

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """One async client per event loop: pooled connections cannot outlive the loop that opened them.

        Each is closed when its loop shuts down (asyncio.run finalises async generators), or when replaced.
        """
        loop = _running_loop()
        client = self._async_client
        if client is None or getattr(client, "loop", None) is not loop:
            with _CREATE_LOCK:
                client = self._async_client
                if client is None or getattr(client, "loop", None) is not loop:
                    replaced, client = client, self.wiring.async_client()
                    client.loop = loop  # type: ignore[attr-defined]
                    if loop is not None:
                        client.closer = _closed_at_loop_shutdown(client)  # type: ignore[attr-defined]
                        client.starter = loop.create_task(_start(client.closer))  # type: ignore[attr-defined]
                    self._async_client = client
                    if replaced is not None:
                        _close_replaced(replaced)
        return client

    def retry_stats(self) -> list[Any]:
        """RetryStats of the sync and async transports built so far."""
        clients = [c for c in (self._client, self._async_client) if c is not None]
        return [c._transport.stats for c in clients if isinstance(c._transport, RetryTransport)]
