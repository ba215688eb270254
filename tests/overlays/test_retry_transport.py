"""The retry transport itself: its counts, re-signing, waits, wait hints, policy checks and the transports it wraps.

Requests go through RetryTransport to scripted httpx.MockTransport replies; waits are recorded, never slept.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from balancekit.retry import RequestStats, RetryPolicy, RetryTransport, retry_after

URL = "http://127.0.0.1:9/balances"
Reply = httpx.Response | Exception


def scripted(*replies: Reply) -> Callable[[httpx.Request], httpx.Response]:
    """Replies in order (an exception is raised), then 200."""
    queue = list(replies)

    def handler(request: httpx.Request) -> httpx.Response:
        reply = queue.pop(0) if queue else httpx.Response(200, json={})
        if isinstance(reply, Exception):
            raise reply
        return reply

    return handler


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Every wait of the transport, sync (time.sleep) or async (asyncio.sleep of this thread), none taken; the
    backoff's full jitter at its top."""
    recorded: list[float] = []
    real_sleep, this_thread = asyncio.sleep, threading.get_ident()

    async def asleep(delay: float, *args: Any) -> Any:
        if threading.get_ident() == this_thread:
            recorded.append(delay)
            delay = 0
        return await real_sleep(delay, *args)

    monkeypatch.setattr("balancekit.retry.time.sleep", recorded.append)
    monkeypatch.setattr(asyncio, "sleep", asleep)
    monkeypatch.setattr("balancekit.retry.random.uniform", lambda low, high: high)
    return recorded


def send(mode: str, transport: RetryTransport, method: str = "GET") -> int:
    """One request through the transport, sync or async: its final status."""
    if mode == "sync":
        with httpx.Client(transport=transport) as client:
            return client.request(method, URL).status_code

    async def run() -> int:
        async with httpx.AsyncClient(transport=transport) as client:
            return (await client.request(method, URL)).status_code

    return asyncio.run(run())


def retrying(mode: str, *replies: Reply, **options: Any) -> RetryTransport:
    mock = httpx.MockTransport(scripted(*replies))
    if mode == "sync":
        return RetryTransport(provider="test", sync=mock, **options)
    return RetryTransport(provider="test", async_=mock, **options)


MODES = ["sync", "async"]


@pytest.mark.parametrize("mode", MODES)
def test_counts_of_a_request_retried_until_it_succeeds(mode: str, waits: list[float]) -> None:
    transport = retrying(mode, httpx.Response(503), httpx.ConnectError("refused"), httpx.Response(429))
    assert send(mode, transport) == 200
    stats = transport.stats
    assert (stats.requests, stats.attempts, stats.retries) == (1, 4, 3)
    assert stats.causes == Counter({"503": 1, "ConnectError": 1, "429": 1})
    assert stats.failures == Counter()
    assert waits == [0.25, 0.5, 1.0]  # base 0.25 doubled each retry, jitter at its top


@pytest.mark.parametrize("mode", MODES)
def test_final_errors_count_as_failures_by_status_or_error(mode: str, waits: list[float]) -> None:
    transport = retrying(mode, httpx.Response(400), httpx.Response(399), policy=RetryPolicy(max_retries=1))
    assert send(mode, transport) == 400
    assert send(mode, transport) == 399
    refused = retrying(mode, *[httpx.ConnectError("refused")] * 2, policy=RetryPolicy(max_retries=1))
    with pytest.raises(httpx.ConnectError):
        send(mode, refused)
    assert transport.stats.failures == Counter({"400": 1})
    assert (refused.stats.requests, refused.stats.attempts, refused.stats.retries) == (1, 2, 1)
    assert refused.stats.failures == Counter({"ConnectError": 1})


@pytest.mark.parametrize("mode", MODES)
def test_every_retry_is_signed_again_the_first_attempt_is_not(mode: str, waits: list[float]) -> None:
    signed: list[str] = []
    transport = retrying(mode, httpx.Response(500), httpx.Response(502), resign=lambda r: signed.append(r.method))
    assert send(mode, transport) == 200
    assert signed == ["GET", "GET"]


@pytest.mark.parametrize("mode", MODES)
def test_the_budget_counts_the_waits_taken(mode: str, waits: list[float]) -> None:
    """Waits of 4 s: two fit in a budget of 10 s, a third would not (time itself does not pass here)."""
    transport = retrying(mode, *[httpx.Response(503, headers={"Retry-After": "4"})] * 5,
                         policy=RetryPolicy(max_retries=5, budget=10))  # fmt: skip
    assert send(mode, transport) == 503
    assert waits == [4.0, 4.0]
    assert transport.stats.attempts == 3


@pytest.mark.parametrize("mode", MODES)
def test_a_post_is_sent_once(mode: str, waits: list[float]) -> None:
    transport = retrying(mode, httpx.Response(503))
    assert send(mode, transport, "POST") == 503
    assert (transport.stats.attempts, waits) == (1, [])


def test_a_retry_is_logged_with_its_number(waits: list[float], caplog: pytest.LogCaptureFixture) -> None:
    transport = retrying("sync", httpx.Response(502), httpx.Response(503), policy=RetryPolicy(max_retries=2))
    with caplog.at_level(logging.INFO, logger="balancekit.retry"):
        assert send("sync", transport) == 200
    assert [r.getMessage() for r in caplog.records if r.name == "balancekit.retry"] == [
        "test: retrying GET /balances after 502 in 0.250 s (retry 1 of 2)",
        "test: retrying GET /balances after 503 in 0.500 s (retry 2 of 2)",
    ]


def test_a_snapshot_keeps_its_counts() -> None:
    stats = RequestStats()
    stats.add(requests=1, attempts=2, retry="503", failure="503")
    snapshot = stats.snapshot()
    stats.add(requests=1, attempts=1, retry="429", failure="404")
    assert snapshot == RequestStats(1, 2, 1, Counter({"503": 1}), Counter({"503": 1}))
    assert stats == RequestStats(2, 3, 2, Counter({"503": 1, "429": 1}), Counter({"503": 1, "404": 1}))


# -- wait hints ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({"retry-after-ms": "2500"}, 2.5),
        ({"retry-after-ms": "-40"}, 0.0),
        ({"retry-after-ms": "soon", "Retry-After": "3"}, 3.0),
        ({"Retry-After": "-3"}, 0.0),
        ({"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}, 0.0),  # long past
        ({"Retry-After": "Wed, 21 Oct 2015 07:28:99 GMT"}, None),
        ({}, None),
    ],
)
def test_wait_hints(headers: dict[str, str], seconds: float | None) -> None:
    assert retry_after(httpx.Headers(headers)) == seconds


def test_an_http_date_hint_counts_from_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("balancekit.retry.time.time", lambda: 1445412480.0)  # Wed, 21 Oct 2015 07:28:00 GMT
    assert retry_after(httpx.Headers({"Retry-After": "Wed, 21 Oct 2015 08:28:00 GMT"})) == 3600.0


# -- the policy and the wrapped transports -------------------------------------------------------


@pytest.mark.parametrize("attempt", range(6))
def test_backoff_is_uniform_up_to_base_doubled_per_attempt_capped(
    attempt: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: list[tuple[float, float]] = []

    def uniform(low: float, high: float) -> float:
        drawn.append((low, high))
        return 0.125

    monkeypatch.setattr("balancekit.retry.random.uniform", uniform)
    assert RetryPolicy(backoff_base=0.5, backoff_max=6).backoff(attempt) == 0.125
    assert drawn == [(0, [0.5, 1.0, 2.0, 4.0, 6.0, 6.0][attempt])]


@pytest.mark.parametrize("field", ["backoff_base", "backoff_max", "retry_after_max"])
def test_negative_times_are_refused(field: str) -> None:
    with pytest.raises(ValueError, match="retry budget must be > 0 and backoff times >= 0"):
        RetryPolicy(**{field: -0.001})  # type: ignore[arg-type]  # a float field, chosen by name


def test_zero_retries_and_zero_waits_are_a_policy() -> None:
    policy = RetryPolicy(max_retries=0, backoff_base=0, backoff_max=0, retry_after_max=0, budget=0.001)
    assert (policy.max_retries, policy.backoff_max) == (0, 0)


def test_a_transport_without_the_sync_or_async_side_says_so() -> None:
    with pytest.raises(RuntimeError, match="this RetryTransport has no sync transport"):
        send("sync", RetryTransport(provider="test", async_=httpx.MockTransport(scripted())))
    with pytest.raises(RuntimeError, match="this RetryTransport has no async transport"):
        send("async", RetryTransport(provider="test", sync=httpx.MockTransport(scripted())))


class Closing(httpx.MockTransport):
    def __init__(self, closed: list[str]) -> None:
        super().__init__(scripted())
        self.closed = closed

    def close(self) -> None:
        self.closed.append("sync")

    async def aclose(self) -> None:
        self.closed.append("async")


def test_closing_closes_the_wrapped_transports() -> None:
    closed: list[str] = []
    both = RetryTransport(provider="test", sync=Closing(closed), async_=Closing(closed))
    both.close()
    asyncio.run(both.aclose())
    RetryTransport(provider="test").close()
    asyncio.run(RetryTransport(provider="test").aclose())
    assert closed == ["sync", "async"]


class Broken(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body whose connection drops after its first bytes."""

    def __iter__(self) -> Any:
        yield b'{"accou'
        raise httpx.ReadError("connection reset mid-body")

    async def __aiter__(self) -> Any:
        yield b'{"accou'
        raise httpx.ReadError("connection reset mid-body")


@pytest.mark.parametrize("mode", MODES)
def test_a_body_dropped_mid_response_is_retried(mode: str, waits: list[float]) -> None:
    transport = retrying(mode, httpx.Response(200, stream=Broken()))
    assert send(mode, transport) == 200
    assert transport.stats.causes == Counter({"ReadError": 1})
    assert transport.stats.attempts == 2


def test_counts_print_without_their_lock() -> None:
    stats = RequestStats()
    stats.add(requests=2, attempts=3, retry="503")
    assert repr(stats.snapshot()) == (
        "RequestStats(requests=2, attempts=3, retries=1, causes=Counter({'503': 1}), failures=Counter())"
    )
