"""Retries with backoff, as one httpx transport serving sync and async clients.

The transport sits under auth: httpx hands it each request an auth flow
yields. So that every attempt is signed afresh (Byzantine rejects stale
timestamps), it takes a `resign` hook that re-applies the signature before
each retry. Bodies are read inside the retry loop, so a connection dropped
mid-response is retried like a refused one (a body read to its end closes the
response and releases its connection).
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import random
import threading
import time
from collections import Counter
from collections.abc import Callable
from typing import Final

import attrs
import httpx

log = logging.getLogger("balancekit.retry")

RETRY_STATUSES: Final = frozenset({408, 409, 420, 429, 500, 502, 503, 504, *range(520, 530)})
IDEMPOTENT_METHODS: Final = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"})
IDEMPOTENT_EXTENSION: Final = "balancekit.idempotent"
RETRY_EXCEPTIONS: Final = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.ReadTimeout,
    httpx.RemoteProtocolError,  # e.g. a keep-alive connection the server closed before replying
    httpx.ReadError,
    httpx.WriteError,  # a broken keep-alive connection found while sending
    httpx.PoolTimeout,
)


@attrs.frozen
class RetryPolicy:
    """How often and how long to retry. `budget` caps the total time of all attempts."""

    max_retries: int = 3
    backoff_base: float = 0.25
    backoff_max: float = 8.0
    retry_after_max: float = 30.0
    budget: float = 60.0

    def __attrs_post_init__(self) -> None:
        if self.max_retries < 0:
            raise ValueError(f"max_retries must be >= 0, got {self.max_retries}")
        if self.budget <= 0 or self.backoff_base < 0 or self.backoff_max < 0 or self.retry_after_max < 0:
            raise ValueError("retry budget must be > 0 and backoff times >= 0")

    def backoff(self, attempt: int) -> float:
        """Full jitter: uniform in [0, min(max, base * 2**attempt)]."""
        return random.uniform(0, min(self.backoff_max, self.backoff_base * (2**attempt)))


def retry_after(headers: httpx.Headers, now: float | None = None) -> float | None:
    """The server's wait hint in seconds: retry-after-ms, or Retry-After as seconds or an HTTP-date."""
    if "retry-after-ms" in headers:
        try:
            return max(0.0, float(headers["retry-after-ms"]) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def is_idempotent(request: httpx.Request) -> bool:
    return request.method in IDEMPOTENT_METHODS or bool(request.extensions.get(IDEMPOTENT_EXTENSION))


@attrs.define
class RequestStats:
    """Counts of one client and every with_options() or per-call copy of it (they share one RequestStats).

    `requests` sent (each counted once, however often retried), `attempts` (sends, retries included),
    `retries` and their `causes` (a status such as "429", or a transport error such as "ConnectError"), and
    `failures`: requests whose final outcome was an error status or a transport error, by that status or error.
    """

    requests: int = 0
    attempts: int = 0
    retries: int = 0
    causes: Counter[str] = attrs.field(factory=Counter)
    failures: Counter[str] = attrs.field(factory=Counter)
    _lock: threading.Lock = attrs.field(factory=threading.Lock, eq=False, repr=False, alias="_lock")

    def add(
        self, *, requests: int = 0, attempts: int = 0, retry: str | None = None, failure: str | None = None
    ) -> None:
        """Count, under a lock (sync clients may be shared by threads)."""
        with self._lock:
            self.requests += requests
            self.attempts += attempts
            if retry is not None:
                self.retries += 1
                self.causes[retry] += 1
            if failure is not None:
                self.failures[failure] += 1

    def snapshot(self) -> RequestStats:
        """A copy that later requests leave unchanged."""
        with self._lock:
            causes, failures = Counter(self.causes), Counter(self.failures)
            return RequestStats(self.requests, self.attempts, self.retries, causes, failures)


RetryStats = RequestStats  # the former name


class RetryTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Wraps a sync and/or an async transport with the retry policy."""

    def __init__(
        self,
        *,
        provider: str,
        policy: RetryPolicy | None = None,
        sync: httpx.BaseTransport | None = None,
        async_: httpx.AsyncBaseTransport | None = None,
        resign: Callable[[httpx.Request], None] | None = None,
        stats: RequestStats | None = None,
    ) -> None:
        self.provider = provider
        self.policy = policy or RetryPolicy()
        self._sync = sync
        self._async = async_
        self._resign = resign
        self.stats = RequestStats() if stats is None else stats  # shared by a client's copies

    def _decide(
        self,
        request: httpx.Request,
        attempt: int,
        started: float,
        waited: float,
        response: httpx.Response | None,
        error: Exception | None,
    ) -> float | None:
        """Seconds to wait before the next attempt, or None to stop here.

        The budget counts wall time, and at least the waits already taken (so it holds with a fake clock).
        """
        if attempt >= self.policy.max_retries or not is_idempotent(request):
            return None
        if response is not None and response.status_code not in RETRY_STATUSES:
            return None
        hint = retry_after(response.headers) if response is not None else None
        wait = min(hint, self.policy.retry_after_max) if hint is not None else self.policy.backoff(attempt)
        if max(time.monotonic() - started, waited) + wait > self.policy.budget:
            return None
        cause = str(response.status_code) if response is not None else type(error).__name__
        self.stats.add(retry=cause)
        log.info(
            "%s: retrying %s %s after %s in %.3f s (retry %d of %d)",
            self.provider,
            request.method,
            request.url.path,
            cause,
            wait,
            attempt + 1,
            self.policy.max_retries,
        )
        return wait

    def _prepare(self, request: httpx.Request, attempt: int) -> None:
        self.stats.add(attempts=1)
        if attempt and self._resign is not None:
            self._resign(request)

    def _final(self, response: httpx.Response) -> httpx.Response:
        """The response handed up: an error status counts as a failure."""
        if response.status_code >= 400:
            self.stats.add(failure=str(response.status_code))
        return response

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self._sync is None:
            raise RuntimeError("this RetryTransport has no sync transport")
        self.stats.add(requests=1)
        started, attempt, waited = time.monotonic(), 0, 0.0
        while True:
            self._prepare(request, attempt)
            response: httpx.Response | None = None
            try:
                response = self._sync.handle_request(request)
                response.read()
            except RETRY_EXCEPTIONS as exc:
                if (wait := self._decide(request, attempt, started, waited, None, exc)) is None:
                    self.stats.add(failure=type(exc).__name__)
                    raise
            else:
                if (wait := self._decide(request, attempt, started, waited, response, None)) is None:
                    return self._final(response)
            time.sleep(wait)
            attempt, waited = attempt + 1, waited + wait

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self._async is None:
            raise RuntimeError("this RetryTransport has no async transport")
        self.stats.add(requests=1)
        started, attempt, waited = time.monotonic(), 0, 0.0
        while True:
            self._prepare(request, attempt)
            response: httpx.Response | None = None
            try:
                response = await self._async.handle_async_request(request)
                await response.aread()
            except RETRY_EXCEPTIONS as exc:
                if (wait := self._decide(request, attempt, started, waited, None, exc)) is None:
                    self.stats.add(failure=type(exc).__name__)
                    raise
            else:
                if (wait := self._decide(request, attempt, started, waited, response, None)) is None:
                    return self._final(response)
            await asyncio.sleep(wait)
            attempt, waited = attempt + 1, waited + wait

    def close(self) -> None:
        if self._sync is not None:
            self._sync.close()

    async def aclose(self) -> None:
        if self._async is not None:
            await self._async.aclose()
