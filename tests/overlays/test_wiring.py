"""Lazy httpx clients in long-running use: one per client across threads, async ones closed with their loop."""

from __future__ import annotations

import asyncio
import sys
import threading
from collections.abc import Callable, Iterator

import httpx
import pytest
from balancekit_ledger.api.accounts import get_account

from balancekit.providers import ledger
from balancekit.sandbox import Sandbox

THREADS = 16


@pytest.fixture
def frequent_switches() -> Iterator[None]:
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(interval)


@pytest.fixture
def ledger_sandbox(balancekit_sandbox_factory: Callable[..., Sandbox]) -> Sandbox:
    return balancekit_sandbox_factory(["ledger"]).start()


@pytest.mark.usefixtures("frequent_switches")
def test_threads_asking_at_once_share_one_lazily_built_client(ledger_sandbox: Sandbox) -> None:
    for _ in range(20):
        client = ledger.connect(**ledger_sandbox.connect_kwargs("ledger"))
        start = threading.Barrier(THREADS)
        built: list[httpx.Client] = []

        def first_use(
            client: ledger.LedgerClient = client, start: threading.Barrier = start, built: list[httpx.Client] = built
        ) -> None:
            start.wait()
            built.append(client.get_httpx_client())

        threads = [threading.Thread(target=first_use) for _ in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len({id(c) for c in built}) == 1, "every thread should get the same httpx client"
        client.get_httpx_client().close()


def test_the_async_client_of_a_finished_loop_is_closed(ledger_sandbox: Sandbox) -> None:
    client = ledger.connect(**ledger_sandbox.connect_kwargs("ledger"))
    seen: list[httpx.AsyncClient] = []

    async def one() -> None:
        assert (await get_account.asyncio_detailed(1000, client=client)).status_code == 200
        seen.append(client.get_async_httpx_client())

    for _ in range(3):
        asyncio.run(one())
    assert len({id(c) for c in seen}) == 3  # one per loop
    assert all(c.is_closed for c in seen), "each loop's client should close when the loop shuts down"


def test_a_replaced_async_client_is_closed_even_if_its_loop_was_not_shut_down(ledger_sandbox: Sandbox) -> None:
    client = ledger.connect(**ledger_sandbox.connect_kwargs("ledger"))
    first_loop, second_loop = asyncio.new_event_loop(), asyncio.new_event_loop()
    try:
        first_loop.run_until_complete(get_account.asyncio_detailed(1000, client=client))
        first = client._async_client
        assert first is not None
        states = [first.is_closed]  # open: its loop was neither shut down nor closed
        second_loop.run_until_complete(get_account.asyncio_detailed(1000, client=client))
        states.append(first.is_closed)
        assert states == [False, True]
        assert client._async_client is not first
    finally:
        for loop in (first_loop, second_loop):
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()
