"""Build the httpx clients behind a generated client: auth, retries, timeouts, limits, typed errors.

Generated clients create bare httpx clients (no timeout, no retries) on first
use; the provider clients in balancekit.providers override those getters to
build clients from a `Wiring` instead, lazily, so one object serves the sync
and async generated functions alike.
"""

from __future__ import annotations

import asyncio
import ipaddress
import os
from collections.abc import Callable
from typing import Any

import attrs
import httpx

from balancekit.errors import ConfigurationError
from balancekit.http import AsyncBalancekitClient, BalancekitClient
from balancekit.retry import RetryPolicy, RetryTransport
from balancekit.schema import Drift

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
    drift: list[Drift] = attrs.field(factory=list, eq=False)  # spec drift seen by this client's responses

    def _common(self) -> dict[str, Any]:
        headers = {"User-Agent": USER_AGENT, "Accept": "application/json", **self.headers}
        return {
            "provider": self.provider,
            "package": self.package,
            "drift": self.drift,
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


class WiredClientMixin:
    """Overrides a generated Client's httpx getters to build wired clients lazily."""

    wiring: Wiring
    _client: httpx.Client | None
    _async_client: httpx.AsyncClient | None

    def get_httpx_client(self) -> httpx.Client:
        if self._client is None:
            self._client = self.wiring.sync_client()
        return self._client

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """One async client per event loop: pooled connections cannot outlive the loop that opened them."""
        loop = _running_loop()
        if self._async_client is None or getattr(self._async_client, "loop", None) is not loop:
            self._async_client = self.wiring.async_client()
            self._async_client.loop = loop  # type: ignore[attr-defined]
        return self._async_client

    def retry_stats(self) -> list[Any]:
        """RetryStats of the sync and async transports built so far."""
        clients = [c for c in (self._client, self._async_client) if c is not None]
        return [c._transport.stats for c in clients if isinstance(c._transport, RetryTransport)]
