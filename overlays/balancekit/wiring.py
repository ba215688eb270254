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
from collections.abc import AsyncGenerator, Callable, Mapping
from typing import Any, Self, TypeVar

import attrs
import httpx

from balancekit.errors import ConfigurationError
from balancekit.http import AsyncBalancekitClient, BalancekitClient
from balancekit.network import async_transport, sync_transport
from balancekit.proxies import DEFAULT_ROUTE, ProxyTypes, proxy_map
from balancekit.retry import RequestStats, RetryPolicy, RetryTransport
from balancekit.schema import Drift
from balancekit.secrets import from_file_variable

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
    """An environment variable, stripped; empty counts as unset. A secret one may come from `<name>_FILE`."""
    from balancekit.settings import SECRET_VARIABLES  # here: settings reads the provider registry

    value = os.environ.get(name, "").strip()
    if name in SECRET_VARIABLES:
        value = from_file_variable(name, os.environ) or value
    return value or default


def as_timeout(value: float | httpx.Timeout) -> httpx.Timeout:
    """A positive number of seconds (for every phase) or an httpx.Timeout, checked."""
    if isinstance(value, httpx.Timeout):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise ConfigurationError(f"timeout must be a positive number of seconds or an httpx.Timeout, got {value!r}")
    return httpx.Timeout(float(value))


def as_max_retries(value: int | None) -> int | None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise ConfigurationError(f"max_retries must be a non-negative integer, got {value!r}")
    return value


class TransportPool:
    """The innermost transports (the connection pools), built on first use and shared by with_options() copies.

    Keyed by route: DEFAULT_ROUTE for direct connections, else an httpx mount pattern ("http://",
    "all://*example.com") whose value is a proxy transport, or None for "no proxy" (NO_PROXY).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sync: dict[str, httpx.BaseTransport | None] | None = None
        self._async: dict[str, httpx.AsyncBaseTransport | None] | None = None
        self._async_loop: asyncio.AbstractEventLoop | None = None

    def sync(self, wiring: Wiring) -> dict[str, httpx.BaseTransport | None]:
        with self._lock:
            if self._sync is None:
                proxies = proxy_map(wiring.proxy, trust_env=wiring.trust_env and wiring.transport is None)
                self._sync = {
                    DEFAULT_ROUTE: wiring.transport or sync_transport(limits=wiring.limits, trust_env=wiring.trust_env)
                }
                for route, proxy in proxies.items():
                    self._sync[route] = (
                        None
                        if proxy is None
                        else sync_transport(limits=wiring.limits, proxy=proxy, trust_env=wiring.trust_env)
                    )
            return self._sync

    def async_(self, wiring: Wiring) -> dict[str, httpx.AsyncBaseTransport | None]:
        """Per event loop: pooled connections cannot outlive the loop that opened them."""
        loop = _running_loop()
        with self._lock:
            if self._async is None or self._async_loop is not loop:
                trust = wiring.trust_env and wiring.async_transport is None
                proxies = proxy_map(wiring.proxy, trust_env=trust)
                default = wiring.async_transport or async_transport(limits=wiring.limits, trust_env=wiring.trust_env)
                self._async = {DEFAULT_ROUTE: default}
                for route, proxy in proxies.items():
                    self._async[route] = (
                        None
                        if proxy is None
                        else async_transport(limits=wiring.limits, proxy=proxy, trust_env=wiring.trust_env)
                    )
                self._async_loop = loop
            return self._async


@attrs.frozen
class Wiring:
    """Everything needed to build a provider's httpx clients.

    Proxies work as in httpx: `proxy` for every request, else (with `trust_env`) HTTP_PROXY, HTTPS_PROXY,
    ALL_PROXY and NO_PROXY from the environment, read when the first client is built. An explicit test
    `transport` turns environment proxies off, as it does in httpx.
    """

    provider: str
    package: str
    base_url: str
    auth: httpx.Auth
    policy: RetryPolicy = attrs.field(factory=RetryPolicy)
    timeout: httpx.Timeout = attrs.field(default=DEFAULT_TIMEOUT, converter=as_timeout)
    limits: httpx.Limits = DEFAULT_LIMITS
    headers: dict[str, str] = attrs.field(factory=dict)
    resign: Callable[[httpx.Request], None] | None = None
    transport: httpx.BaseTransport | None = None
    async_transport: httpx.AsyncBaseTransport | None = None
    drift: list[Drift] = attrs.field(factory=list, eq=False)  # spec drift seen by this client's responses
    max_retries: int | None = attrs.field(default=None, converter=as_max_retries)
    proxy: ProxyTypes | None = None
    trust_env: bool = True
    cookies: dict[str, str] = attrs.field(factory=dict)
    pool: TransportPool = attrs.field(factory=TransportPool, eq=False, repr=False)
    stats: RequestStats = attrs.field(factory=RequestStats, eq=False, repr=False)  # shared by with_options() copies

    @property
    def retry_policy(self) -> RetryPolicy:
        """The policy, with max_retries applied when given."""
        if self.max_retries is None:
            return self.policy
        return attrs.evolve(self.policy, max_retries=self.max_retries)

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
            "cookies": self.cookies,
            "follow_redirects": False,
        }

    def _retry(self, sync: httpx.BaseTransport | None = None, async_: httpx.AsyncBaseTransport | None = None) -> Any:
        return RetryTransport(
            provider=self.provider,
            policy=self.retry_policy,
            sync=sync,
            async_=async_,
            resign=self.resign,
            stats=self.stats,
        )

    def sync_client(self) -> BalancekitClient:
        routes = self.pool.sync(self)
        mounts = {r: None if t is None else self._retry(sync=t) for r, t in routes.items() if r != DEFAULT_ROUTE}
        return BalancekitClient(transport=self._retry(sync=routes[DEFAULT_ROUTE]), mounts=mounts, **self._common())

    def async_client(self) -> AsyncBalancekitClient:
        routes = self.pool.async_(self)
        mounts = {r: None if t is None else self._retry(async_=t) for r, t in routes.items() if r != DEFAULT_ROUTE}
        default = self._retry(async_=routes[DEFAULT_ROUTE])
        return AsyncBalancekitClient(transport=default, mounts=mounts, **self._common())

    def with_options(
        self,
        *,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        headers: Mapping[str, str] | None = None,
        cookies: Mapping[str, str] | None = None,
    ) -> Wiring:
        """A copy with these options changed; it shares this wiring's connection pools."""
        changes: dict[str, Any] = {}
        if timeout is not None:
            changes["timeout"] = as_timeout(timeout)
        if max_retries is not None:
            changes["max_retries"] = as_max_retries(max_retries)
        if headers:
            changes["headers"] = {**self.headers, **headers}
        if cookies:
            changes["cookies"] = {**self.cookies, **cookies}
        return attrs.evolve(self, **changes)


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
    """A generated Client's httpx getters, built lazily from the wiring (thread-safe), and its with_* methods."""

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

    def with_options(
        self,
        *,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Self:
        """A configured copy (timeout in seconds or an httpx.Timeout, retries, extra headers).

        The copy shares this client's connection pools, auth and token cache; this client is unchanged.
        """
        wiring = self.wiring.with_options(timeout=timeout, max_retries=max_retries, headers=headers)
        return attrs.evolve(self, wiring=wiring)  # type: ignore[misc]

    def with_timeout(self, timeout: httpx.Timeout) -> Self:
        """The generated with_timeout(), applied to the wired clients: same as with_options(timeout=...)."""
        return self.with_options(timeout=timeout)

    def with_headers(self, headers: dict[str, str]) -> Self:
        """The generated with_headers(), applied to the wired clients: same as with_options(headers=...)."""
        return self.with_options(headers=headers)

    def with_cookies(self, cookies: dict[str, str]) -> Self:
        """The generated with_cookies(), applied to the wired clients; a copy sharing the connection pools."""
        return attrs.evolve(self, wiring=self.wiring.with_options(cookies=cookies))  # type: ignore[misc]

    def request_stats(self) -> RequestStats:
        """A snapshot of the requests, attempts, retries (by cause) and failures (by status) of this client and
        of every copy made from it or from the client it copies (with_options(), per-call options)."""
        return self.wiring.stats.snapshot()

    def retry_stats(self) -> list[RequestStats]:
        """[request_stats()]: the former interface (one entry per transport, now one for the whole client)."""
        return [self.request_stats()]


WiredClient = TypeVar("WiredClient", bound=WiredClientMixin)


def per_call(client: WiredClient, timeout: float | httpx.Timeout | None, max_retries: int | None) -> WiredClient:
    """The client itself, or a with_options() copy when a call passes its own timeout or max_retries."""
    if timeout is None and max_retries is None:
        return client
    return client.with_options(timeout=timeout, max_retries=max_retries)
