"""Retries: which requests and statuses, backoff, Retry-After, budget, logging."""

from __future__ import annotations

import asyncio
import email.utils
import json
import logging
import socket
import threading
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from balancekit_bitgo_link.api.link_accounts import v1_get_enterprise_accounts_balances_route as link_balances

from balancekit.errors import APIConnectionError, APIStatusError, RateLimitError, ServerError
from balancekit.providers import bitgo_link
from balancekit.retry import RetryPolicy, RetryTransport, retry_after
from balancekit.sandbox import FaultConfig, Sandbox

ENTERPRISE = "59cd72485007a239fb00282ed480da1f"
EMPTY = {"accounts": [], "total": 0}
# written out, not read from balancekit.retry: timeouts, conflicts, rate limits, 5xx but 501/505+, Cloudflare's 52x
RETRIED = [408, 409, 420, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524, 525, 526, 527, 528, 529]
NOT_RETRIED = [400, 401, 403, 404, 405, 410, 422, 499, 501, 505, 507, 511, 519, 530]


def link_client(handler: Callable[[httpx.Request], httpx.Response], **policy: Any) -> bitgo_link.BitGoLinkClient:
    return bitgo_link.connect(
        access_token="tok-abcdef",
        enterprise_id=ENTERPRISE,
        base_url="http://127.0.0.1:9",
        transport=httpx.MockTransport(handler),
        policy=RetryPolicy(**policy),
    )


def scripted(*replies: httpx.Response | Exception) -> tuple[Callable[[httpx.Request], httpx.Response], list[int]]:
    queue, count = list(replies), [0]

    def handler(request: httpx.Request) -> httpx.Response:
        count[0] += 1
        reply = queue.pop(0) if queue else httpx.Response(200, json=EMPTY)
        if isinstance(reply, Exception):
            raise reply
        return reply

    return handler, count


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    recorded: list[float] = []
    monkeypatch.setattr("balancekit.retry.time.sleep", recorded.append)
    return recorded


@pytest.mark.parametrize("status", RETRIED)
def test_retryable_statuses_are_retried(status: int, sleeps: list[float]) -> None:
    handler, count = scripted(httpx.Response(status, json={"errorName": "x", "error": "y"}))
    link_balances.sync_detailed(ENTERPRISE, client=link_client(handler))
    assert count[0] == 2


@pytest.mark.parametrize("status", NOT_RETRIED)
def test_other_statuses_are_not_retried(status: int, sleeps: list[float]) -> None:
    handler, count = scripted(httpx.Response(status, json={"errorName": "x", "error": "y"}))
    with pytest.raises(APIStatusError):
        link_balances.sync_detailed(ENTERPRISE, client=link_client(handler))
    assert count[0] == 1


def test_connect_errors_and_read_timeouts_are_retried(sleeps: list[float]) -> None:
    handler, count = scripted(httpx.ConnectError("refused"), httpx.ReadTimeout("slow"), httpx.RemoteProtocolError("x"))
    link_balances.sync_detailed(ENTERPRISE, client=link_client(handler))
    assert count[0] == 4


def test_exhausted_retries_raise_the_typed_error(sleeps: list[float]) -> None:
    handler, count = scripted(*[httpx.Response(503, json={"errorName": "x", "error": "busy"})] * 5)
    with pytest.raises(ServerError, match="busy"):
        link_balances.sync_detailed(ENTERPRISE, client=link_client(handler, max_retries=2))
    assert count[0] == 3
    handler, count = scripted(*[httpx.ConnectError("refused")] * 5)
    with pytest.raises(APIConnectionError, match="ConnectError"):
        link_balances.sync_detailed(ENTERPRISE, client=link_client(handler, max_retries=2))


def test_retry_after_is_honoured_and_capped(sleeps: list[float]) -> None:
    handler, _ = scripted(
        httpx.Response(429, headers={"Retry-After": "2"}, json={"error": "slow down"}),
        httpx.Response(429, headers={"retry-after-ms": "150"}, json={"error": "slow down"}),
        httpx.Response(429, headers={"Retry-After": "3600"}, json={"error": "slow down"}),
    )
    link_balances.sync_detailed(ENTERPRISE, client=link_client(handler, retry_after_max=5, budget=100))
    assert sleeps == [2.0, 0.15, 5.0]


def test_async_retries_wait_as_long_as_sync_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    """The async path honours Retry-After (capped) and backs off: it waits, it does not spin."""
    waits: list[float] = []
    real_sleep = asyncio.sleep
    this_thread = threading.get_ident()

    async def recorded(delay: float, *args: Any) -> Any:
        # Sandbox servers of other tests run their own event loops in threads and sleep too.
        if threading.get_ident() == this_thread:
            waits.append(delay)
            delay = 0
        return await real_sleep(delay, *args)

    monkeypatch.setattr(asyncio, "sleep", recorded)
    handler, count = scripted(
        httpx.Response(429, headers={"Retry-After": "2"}, json={"error": "slow down"}),
        httpx.Response(429, headers={"retry-after-ms": "150"}, json={"error": "slow down"}),
        httpx.Response(429, headers={"Retry-After": "3600"}, json={"error": "slow down"}),
        httpx.Response(503, json={"error": "busy"}),
    )
    client = bitgo_link.connect(
        access_token="tok-abcdef",
        enterprise_id=ENTERPRISE,
        base_url="http://127.0.0.1:9",
        async_transport=httpx.MockTransport(handler),
        policy=RetryPolicy(retry_after_max=5, budget=100, max_retries=4, backoff_base=1, backoff_max=1),
    )
    monkeypatch.setattr("random.uniform", lambda low, high: high)  # full jitter at its top: min(1, 1 * 2**3) = 1
    asyncio.run(link_balances.asyncio_detailed(ENTERPRISE, client=client))
    assert count[0] == 5
    assert [w for w in waits if w] == [2.0, 0.15, 5.0, 1.0]


class SteadyClock:
    """A monotonic clock moved by sleeps and by the server's own slowness; the wall clock frozen apart."""

    def __init__(self) -> None:
        self.now = 5000.0

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


@pytest.mark.parametrize("wall", [0.0, 1e12], ids=["wall-clock-frozen", "wall-clock-far-ahead"])
def test_the_budget_counts_time_spent_in_attempts_on_the_monotonic_clock(
    monkeypatch: pytest.MonkeyPatch, wall: float
) -> None:
    clock = SteadyClock()
    monkeypatch.setattr(time, "monotonic", clock.monotonic)
    monkeypatch.setattr(time, "sleep", clock.sleep)
    monkeypatch.setattr(time, "time", lambda: wall)
    count = [0]

    def slow(request: httpx.Request) -> httpx.Response:
        count[0] += 1
        clock.now += 5  # each attempt takes 5 s before the server says 503
        return httpx.Response(503, headers={"Retry-After": "1"}, json={"error": "busy"})

    with pytest.raises(ServerError):
        link_balances.sync_detailed(ENTERPRISE, client=link_client(slow, max_retries=10, budget=12))
    # 5 s + 1 s wait = 6 s; + 5 s + 1 s = 12 s fits; a third wait (18 s) would not: 3 attempts, not 11
    assert count[0] == 3


def test_retry_after_http_date() -> None:
    now = time.time()
    headers = httpx.Headers({"Retry-After": email.utils.formatdate(now + 30, usegmt=True)})
    assert retry_after(headers, now=now) == pytest.approx(30, abs=1)
    assert retry_after(httpx.Headers({"Retry-After": "soon"})) is None


def test_rate_limit_error_carries_retry_after(sleeps: list[float]) -> None:
    handler, _ = scripted(*[httpx.Response(429, headers={"Retry-After": "7"}, json={"error": "slow"})] * 3)
    with pytest.raises(RateLimitError) as info:
        link_balances.sync_detailed(ENTERPRISE, client=link_client(handler, max_retries=1, budget=100))
    assert info.value.retry_after == 7.0


def test_budget_stops_retries_early(sleeps: list[float]) -> None:
    handler, count = scripted(*[httpx.Response(503, headers={"Retry-After": "4"}, json={"error": "x"})] * 5)
    with pytest.raises(ServerError):
        link_balances.sync_detailed(ENTERPRISE, client=link_client(handler, max_retries=5, budget=10))
    assert count[0] == 3  # 4 s + 4 s fit in 10 s, a third wait would not


def test_backoff_is_full_jitter_within_bounds() -> None:
    policy = RetryPolicy(backoff_base=0.5, backoff_max=3)
    for attempt in range(8):
        waits = [policy.backoff(attempt) for _ in range(200)]
        assert all(0 <= w <= min(3, 0.5 * 2**attempt) for w in waits)
        assert max(waits) > 0.5 * min(3, 0.5 * 2**attempt)


def test_post_is_not_retried_unless_marked_idempotent(sleeps: list[float]) -> None:
    handler, count = scripted(httpx.Response(503), httpx.Response(503))
    transport = RetryTransport(provider="test", sync=httpx.MockTransport(handler))
    with httpx.Client(transport=transport) as client:
        assert client.post("http://127.0.0.1:9/x").status_code == 503
        assert count[0] == 1
        assert client.post("http://127.0.0.1:9/x", extensions={"balancekit.idempotent": True}).status_code == 200


def test_each_retry_is_logged_at_info(sleeps: list[float], caplog: pytest.LogCaptureFixture) -> None:
    handler, _ = scripted(httpx.Response(502, json={"errorName": "x", "error": "y"}))
    with caplog.at_level(logging.INFO, logger="balancekit.retry"):
        link_balances.sync_detailed(ENTERPRISE, client=link_client(handler))
    (record,) = [r for r in caplog.records if r.name == "balancekit.retry"]
    assert record.levelno == logging.INFO
    assert "bitgo-link" in record.getMessage()
    assert "502" in record.getMessage()
    assert " s " in record.getMessage()


def test_policy_rejects_nonsense() -> None:
    with pytest.raises(ValueError, match="max_retries"):
        RetryPolicy(max_retries=-1)
    with pytest.raises(ValueError, match="budget"):
        RetryPolicy(budget=0)


def test_dropped_and_truncated_responses_are_retried_over_http(
    balancekit_sandbox_factory: Callable[..., Sandbox],
) -> None:
    faults = FaultConfig(drop=0.3, truncate=0.3, seed=11)  # ~27 requests: both kinds occur (P(miss) < 1e-4)
    sandbox = balancekit_sandbox_factory(["bitgo-link"], faults=faults).start()
    client = bitgo_link.connect(
        **sandbox.connect_kwargs("bitgo-link"), policy=RetryPolicy(max_retries=30, backoff_base=0)
    )
    got = list(bitgo_link.holdings(client, page_size=1))
    assert len(got) == len(sandbox.truth("bitgo-link"))
    counts = sandbox.apps["bitgo-link"].fault_counts
    assert counts["drop"] > 0
    assert counts["truncate"] > 0
    assert sum(s.retries for s in client.retry_stats()) == counts["drop"] + counts["truncate"]


@pytest.mark.parametrize("error", [httpx.WriteError("broken pipe"), httpx.RemoteProtocolError("closed")])
def test_broken_keep_alive_connections_are_retried_for_idempotent_requests(
    error: httpx.TransportError, sleeps: list[float]
) -> None:
    handler, count = scripted(error)
    link_balances.sync_detailed(ENTERPRISE, client=link_client(handler))
    assert count[0] == 2
    handler, count = scripted(error)
    transport = RetryTransport(provider="test", sync=httpx.MockTransport(handler))
    with httpx.Client(transport=transport) as client, pytest.raises(type(error)):
        client.post("http://127.0.0.1:9/x")  # not idempotent: never replayed
    assert count[0] == 1


def test_a_server_that_closes_the_keep_alive_connection_is_retried() -> None:
    """A loopback server that answers once, then drops the kept-alive connection without replying."""
    served: list[int] = []
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def serve() -> None:
        body = json.dumps(EMPTY).encode()
        reply = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)
        first, _ = listener.accept()
        first.recv(65536)
        first.sendall(reply)
        served.append(1)
        first.recv(65536)  # the second request on the kept-alive connection: closed unanswered
        first.close()
        second, _ = listener.accept()  # the retry opens a fresh connection
        second.recv(65536)
        second.sendall(reply)
        served.append(2)
        second.close()

    server = threading.Thread(target=serve, daemon=True)
    server.start()
    client = bitgo_link.connect(
        access_token="tok-abcdef",
        enterprise_id=ENTERPRISE,
        base_url=f"http://127.0.0.1:{port}",
        policy=RetryPolicy(backoff_base=0),
    )
    for _ in range(2):
        assert link_balances.sync_detailed(ENTERPRISE, client=client).status_code == 200
    server.join()
    listener.close()
    assert served == [1, 2]
    assert client.retry_stats()[0].retries == 1
