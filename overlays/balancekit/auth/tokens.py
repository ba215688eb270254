"""Single-flight bearer tokens that expire: the shared core of Ledger JWT and Cryptofuse OAuth2.

One renewal at a time for every concurrent caller (a thread lock for sync
clients, an asyncio lock for async ones): callers that queue behind a renewal
reuse its result. Tokens are renewed ahead of expiry; on a 401 the token that
failed is discarded, renewed once and the request replayed once, never more.
The token requests are yielded from the auth flow, so they travel through the
client's own transport (retries, timeouts).
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import AsyncGenerator, Generator

import attrs
import httpx

from balancekit.errors import error_for_response
from balancekit.secrets import Secret

log = logging.getLogger("balancekit.auth")
RENEW_MARGIN_MAX = 30.0  # renew this long before expiry at most...
RENEW_MARGIN_SHARE = 0.1  # ...or this share of the lifetime, whichever is less

Steps = Generator[httpx.Request, httpx.Response, "Token"]


@attrs.frozen
class Token:
    """An access token, when it expires (epoch seconds), and its refresh token if any."""

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


class TokenAuth(httpx.Auth):
    """Base of expiring-token auths. Subclasses build the token requests and parse replies."""

    requires_response_body = True
    provider = "unknown"

    def __init__(self) -> None:
        self._token: Token | None = None
        self._thread_lock = threading.Lock()
        self._async_lock: asyncio.Lock | None = None
        self._lock_loop: asyncio.AbstractEventLoop | None = None
        self.stats = TokenStats()

    # -- hooks -----------------------------------------------------------
    def login_request(self) -> httpx.Request:
        raise NotImplementedError

    def refresh_request(self, token: Token) -> httpx.Request | None:
        """The refresh request for `token`, or None when the provider has no refresh."""
        return None

    def parse_token(self, response: httpx.Response) -> Token:
        raise NotImplementedError

    def decorate(self, request: httpx.Request, token: Token) -> None:
        request.headers["Authorization"] = f"Bearer {token.access.reveal()}"

    # -- pure flow -------------------------------------------------------
    def _needs_renewal(self, failed: Token | None) -> bool:
        token = self._token
        return token is None or token is failed or token.expiring(time.time())

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
                raise error_for_response(self.provider, response)
            log.info("%s: refresh token rejected (HTTP %d); logging in again", self.provider, response.status_code)
        self.stats.logins += 1
        log.debug("%s: requesting an access token", self.provider)
        response = yield self.login_request()
        if not response.is_success:
            raise error_for_response(self.provider, response)
        return self.parse_token(response)

    # -- sync and async twins ---------------------------------------------
    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        failed: Token | None = None
        for _ in range(2):  # the request, then at most one replay after a 401
            with self._thread_lock:
                if self._needs_renewal(failed):
                    steps = self._renew()
                    step = next(steps)
                    while True:  # relay token requests (twin of the async loop below)
                        response = yield step
                        response.read()
                        try:
                            step = steps.send(response)
                        except StopIteration as done:
                            self._token = done.value
                            break
                token = self._token
            assert token is not None
            self.decorate(request, token)
            response = yield request
            if response.status_code != 401:
                return
            failed = token

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        failed: Token | None = None
        for _ in range(2):  # the request, then at most one replay after a 401
            async with self._loop_lock():
                if self._needs_renewal(failed):
                    steps = self._renew()
                    step = next(steps)
                    while True:  # relay token requests (twin of the sync loop above)
                        response = yield step
                        await response.aread()
                        try:
                            step = steps.send(response)
                        except StopIteration as done:
                            self._token = done.value
                            break
                token = self._token
            assert token is not None
            self.decorate(request, token)
            response = yield request
            if response.status_code != 401:
                return
            failed = token

    def _loop_lock(self) -> asyncio.Lock:
        """The asyncio lock of the running loop (a client may outlive one loop)."""
        loop = asyncio.get_running_loop()
        if self._async_lock is None or self._lock_loop is not loop:
            self._async_lock, self._lock_loop = asyncio.Lock(), loop
        return self._async_lock

    def __repr__(self) -> str:
        return f"{type(self).__name__}(token={'set' if self._token else 'none'})"
