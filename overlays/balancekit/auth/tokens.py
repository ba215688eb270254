"""Single-flight bearer tokens that expire: the shared core of Ledger JWT and Cryptofuse OAuth2.

One renewal at a time for every concurrent caller, threads and asyncio tasks
alike (in any event loop): callers that arrive while a renewal is in flight
wait for it and reuse its result. Lifetimes are measured on a monotonic clock
from the moment a token arrives, for as long as the server says it lives, so a
skewed wall clock (ours or the server's) cannot expire tokens early or late.
Tokens are renewed ahead of expiry; on a 401 the token that failed is
discarded, renewed once and the request replayed once, never more.
The token requests are yielded from the auth flow, so they travel through the
client's own transport (retries, timeouts).

Token replies are read as tolerantly as the documents allow: `expires_in` is
RECOMMENDED, not required (RFC 6749 section 5.1), so an absent one is each
auth's default, and a numeric string is read as its number (spec drift,
reported); anything else that is not a non-negative number of seconds fails.
"""

from __future__ import annotations

import abc
import asyncio
import contextlib
import logging
import re
import threading
import time
from collections.abc import AsyncGenerator, Callable, Generator
from decimal import Decimal
from typing import Any

import attrs
import httpx

from balancekit.errors import APIStatusError, ResponseValidationError, error_for_response
from balancekit.http import decode_json, report_drift
from balancekit.schema import Drift
from balancekit.secrets import Secret

log = logging.getLogger("balancekit.auth")
RENEW_MARGIN_MAX = 30.0  # renew this long before expiry at most...
RENEW_MARGIN_SHARE = 0.1  # ...or this share of the lifetime, whichever is less
MAX_LIFETIME = 366 * 86400.0  # a longer stated lifetime is read as this: renewed at least yearly (and on a 401)
DIGITS = re.compile(r"[0-9]{1,15}")  # expires_in sent as a string: plain decimal digits only

Steps = Generator[httpx.Request, httpx.Response, "Token"]


@attrs.frozen
class Token:
    """An access token, when it expires (on its auth's monotonic clock), its stated lifetime, its refresh token."""

    access: Secret
    expires_at: float
    lifetime: float
    refresh: Secret | None = None

    def expiring(self, now: float) -> bool:
        margin = min(RENEW_MARGIN_MAX, self.lifetime * RENEW_MARGIN_SHARE)
        return now >= self.expires_at - margin


@attrs.define
class TokenStats:
    """How many logins and refreshes this auth has performed."""

    logins: int = 0
    refreshes: int = 0


class _Renewal:
    """One renewal in flight. Threads wait on an event; tasks on a future of their own loop."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.owner = threading.get_ident()
        self._lock = threading.Lock()
        self._futures: list[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]] = []

    async def wait(self) -> None:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()
        with self._lock:
            if self.done.is_set():
                return
            self._futures.append((loop, future))
        await future

    def finish(self) -> None:
        with self._lock:
            self.done.set()
            futures, self._futures = self._futures, []
        for loop, future in futures:
            with contextlib.suppress(RuntimeError):  # a closed loop: nobody is waiting there any more
                loop.call_soon_threadsafe(_resolve, future)


def _seconds(value: object) -> float | None:
    """A non-negative, finite JSON number (never a boolean) as seconds, at most MAX_LIFETIME; else None."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return None
    if (isinstance(value, Decimal) and not value.is_finite()) or value < 0:
        return None
    return float(min(value, MAX_LIFETIME))


def _resolve(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


class TokenAuth(httpx.Auth, abc.ABC):
    """Base of expiring-token auths. Subclasses build the token requests and parse replies."""

    provider = "unknown"

    def __init__(self) -> None:
        self._token: Token | None = None
        self._state_lock = threading.Lock()  # guards _token and _renewing; never held across I/O
        self._renewing: _Renewal | None = None
        self.clock: Callable[[], float] = time.monotonic  # token lifetimes are measured on this clock
        self.stats = TokenStats()
        self.drift: list[Drift] | None = None  # where tolerated drift in token replies goes (the client's wiring)

    # -- hooks -----------------------------------------------------------
    @abc.abstractmethod
    def login_request(self) -> httpx.Request:
        """The login request."""

    def refresh_request(self, token: Token) -> httpx.Request | None:
        """The refresh request for `token`, or None when the provider has no refresh."""
        return None

    @abc.abstractmethod
    def parse_token(self, response: httpx.Response) -> Token:
        """The token of a successful token reply (its body read)."""

    def decorate(self, request: httpx.Request, token: Token) -> None:
        request.headers["Authorization"] = f"Bearer {token.access.reveal()}"

    def login_error(self, response: httpx.Response) -> APIStatusError:
        """The typed error for a rejected token request (its body read)."""
        return error_for_response(self.provider, response)

    # -- reading token replies ---------------------------------------------
    def reply(self, response: httpx.Response) -> dict[str, Any]:
        """A token reply's JSON object, decoded exactly, or ResponseValidationError."""
        body = decode_json(self.provider, response)
        if not isinstance(body, dict):
            raise ResponseValidationError("the token reply is not a JSON object", provider=self.provider, path="$")
        return body

    def text(self, body: dict[str, Any], name: str) -> str:
        """A required non-empty string field of a token reply."""
        value = body.get(name)
        if not isinstance(value, str) or not value:
            raise ResponseValidationError(
                f"{name} must be a non-empty string", provider=self.provider, path=f"$.{name}"
            )
        return value

    def tolerate(self, path: str, message: str) -> None:
        """Report drift in a token reply, as response checks do (once per path, in the client's warnings)."""
        report_drift(self.provider, [Drift(path, message)], self.drift)

    def stated_lifetime(self, body: dict[str, Any]) -> float | None:
        """`expires_in` in seconds: None when absent or null; a string of digits is read as its number."""
        value = body.get("expires_in")
        if value is None:
            return None
        if type(value) is str and DIGITS.fullmatch(value):
            self.tolerate("$.expires_in", "a numeric string where the spec has an integer; read as its number")
            value = int(value)
        seconds = _seconds(value)
        if seconds is None:
            raise ResponseValidationError(
                f"expires_in must be a non-negative number of seconds, got {str(value)[:20]!r}",
                provider=self.provider,
                path="$.expires_in",
            )
        return seconds

    def token_for(self, access: str, lifetime: float, refresh: str | None = None) -> Token:
        """A token received now that the server says lives `lifetime` seconds."""
        lifetime = max(float(lifetime), 0.0)
        return Token(Secret(access), self.clock() + lifetime, lifetime, Secret(refresh) if refresh else None)

    # -- pure flow -------------------------------------------------------
    def _needs_renewal(self, failed: Token | None) -> bool:
        token = self._token
        return token is None or token is failed or token.expiring(self.clock())

    def _claim(self, failed: Token | None) -> tuple[Token | None, _Renewal | None, bool]:
        """The current token; or else the renewal in flight to wait for; or else a new renewal that is ours."""
        with self._state_lock:
            if not self._needs_renewal(failed):
                return self._token, None, False
            if self._renewing is not None:
                return None, self._renewing, False
            self._renewing = _Renewal()
            return None, self._renewing, True

    def _release(self, renewal: _Renewal, token: Token | None) -> None:
        """End our renewal (with its token, or none when it failed) and wake every waiter."""
        with self._state_lock:
            if token is not None:
                self._token = token
            if self._renewing is renewal:
                self._renewing = None
        renewal.finish()

    def _renew(self) -> Steps:
        """Refresh if possible, else (or when the refresh is rejected) log in."""
        stale = self._token
        request = self.refresh_request(stale) if stale is not None else None
        if request is not None:
            self.stats.refreshes += 1
            log.debug("%s: refreshing the access token", self.provider)
            response = yield request
            if response.is_success:
                return self.parse_token(response)
            if response.status_code not in (400, 401, 403):
                raise self.login_error(response)
            log.info("%s: refresh token rejected (HTTP %d); logging in again", self.provider, response.status_code)
        self.stats.logins += 1
        log.debug("%s: requesting an access token", self.provider)
        response = yield self.login_request()
        if not response.is_success:
            raise self.login_error(response)
        return self.parse_token(response)

    # -- sync and async twins ---------------------------------------------
    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        failed: Token | None = None
        for _ in range(2):  # the request, then at most one replay after a 401
            token, renewal, mine = self._claim(failed)
            while token is None and renewal is not None and not mine:
                if renewal.owner == threading.get_ident():  # a task of this thread's loop renews: waiting would hang
                    renewal, mine = _Renewal(), True  # so renew on our own
                    break
                renewal.done.wait()  # another thread or task renews; then look again
                token, renewal, mine = self._claim(failed)
            if token is None:
                assert renewal is not None
                try:
                    steps = self._renew()
                    step = next(steps)
                    while True:  # relay token requests (twin of the async loop below)
                        response = yield step
                        response.read()
                        try:
                            step = steps.send(response)
                        except StopIteration as done:
                            token = done.value
                            break
                finally:
                    self._release(renewal, token)
            assert token is not None
            self.decorate(request, token)
            response = yield request
            if response.status_code != 401:
                return
            failed = token

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        failed: Token | None = None
        for _ in range(2):  # the request, then at most one replay after a 401
            token, renewal, mine = self._claim(failed)
            while token is None and renewal is not None and not mine:
                await renewal.wait()  # another task or thread renews; then look again
                token, renewal, mine = self._claim(failed)
            if token is None:
                assert renewal is not None
                try:
                    steps = self._renew()
                    step = next(steps)
                    while True:  # relay token requests (twin of the sync loop above)
                        response = yield step
                        await response.aread()
                        try:
                            step = steps.send(response)
                        except StopIteration as done:
                            token = done.value
                            break
                finally:
                    self._release(renewal, token)
            assert token is not None
            self.decorate(request, token)
            response = yield request
            if response.status_code != 401:
                return
            failed = token
