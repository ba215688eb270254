"""Paging edge cases over real HTTP: async shortfalls, resumed dedup, shrinking caps, numbered alignment."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from balancekit_bitgo_link.api.link_accounts import v1_get_enterprise_accounts_balances_route as link_route
from balancekit_bitgo_network.api.client_balances import v_1_client_balances_get_route as network_route
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from balancekit.errors import APIConnectionError, IncompleteResultError, ResponseValidationError
from balancekit.pagination import Position, apaginate, paginate
from balancekit.providers import bitgo_link, bitgo_network
from balancekit.sandbox import Sandbox, SandboxConfig
from balancekit.sandbox.server import LoopbackServers
from tests.pagination.test_capped_pages import LedgerIds
from tests.pagination.test_pagination import ENTERPRISE, account


@pytest.fixture
def serve() -> Iterator[Callable[[Starlette], str]]:
    """Serve a Starlette app on loopback for the test; returns its base URL."""
    started: list[LoopbackServers] = []

    def start(app: Starlette) -> str:
        servers = LoopbackServers({"fake": app})
        started.append(servers)
        return servers.start()["fake"]

    yield start
    for servers in started:
        servers.stop()


def link_accounts(exist: int, total: int, cap: Callable[[int], int]) -> Starlette:
    """BitGo Link balances: `exist` accounts, a stated `total`, at most cap(offset) accounts a page."""

    async def balances(request: Request) -> JSONResponse:
        limit, offset = int(request.query_params["limit"]), int(request.query_params["offset"])
        page = [account(i) for i in range(offset, min(offset + min(limit, cap(offset)), exist))]
        return JSONResponse({"accounts": page, "total": total})

    return Starlette(routes=[Route("/api/link/v1/enterprises/{e}/balances", balances)])


def link_ids(url: str, mode: str, concurrency: int) -> list[int]:
    """Every account number paged from the fake BitGo Link server, sync or async."""
    client = bitgo_link.connect(access_token="tok-abcdef", enterprise_id=ENTERPRISE, base_url=url)
    options: dict[str, Any] = {"page_size": 50, "concurrency": concurrency, "client": client,
                               "enterprise_id": ENTERPRISE}  # fmt: skip
    if mode == "sync":
        return [int(a.name[1:]) for a in paginate(link_route.sync_detailed, bitgo_link.ACCOUNTS, **options)]

    async def run() -> list[int]:
        pager = apaginate(link_route.asyncio_detailed, bitgo_link.ACCOUNTS, **options)
        return [int(a.name[1:]) async for a in pager]

    return asyncio.run(run())


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_fewer_items_than_the_total_raise_at_the_end_sync_and_async(
    mode: str, serve: Callable[[Starlette], str]
) -> None:
    url = serve(link_accounts(exist=23, total=30, cap=lambda offset: 10))
    with pytest.raises(IncompleteResultError, match="23 items, but the server's total is 30") as info:
        link_ids(url, mode, concurrency=1)
    assert (info.value.delivered, info.value.expected) == (23, 30)


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("concurrency", [1, 8])
def test_a_cap_that_shrinks_while_pages_are_in_flight_loses_nothing(
    mode: str, concurrency: int, serve: Callable[[Starlette], str]
) -> None:
    """10 a page at first, then 4: pages asked for ahead at the old size are dropped and asked for again."""
    url = serve(link_accounts(exist=60, total=60, cap=lambda offset: 10 if offset < 20 else 4))
    assert link_ids(url, mode, concurrency) == list(range(60))


def numbered(items: int, cap: Callable[[int], int]) -> Starlette:
    """Ledger-style numbered pages (1-based page, page_size) over `items` ids, at most cap(page) a page."""

    async def accounts(request: Request) -> JSONResponse:
        page, size = int(request.query_params["page"]), int(request.query_params["page_size"])
        start = (page - 1) * size
        ids = list(range(start, min(start + min(size, cap(page)), items)))
        return JSONResponse(
            {"edges": [{"cursor": i, "node": {"id": i}} for i in ids],
             "page_info": {"count": items, "has_next_page": start + len(ids) < items}}
        )  # fmt: skip

    return Starlette(routes=[Route("/accounts", accounts)])


def test_numbered_pages_are_asked_for_with_a_size_that_numbers_the_offset(serve: Callable[[Starlette], str]) -> None:
    """40 on page 1, then at most 30: offset 70 is asked as page 6 of 14, never page 3 of 30 (which starts at 60)."""
    url = serve(numbered(100, cap=lambda page: 40 if page == 1 else 30))
    starts: list[tuple[int, int]] = []  # (where the page asked for starts, items received before it)
    received = [0]
    with httpx.Client(base_url=url) as http:

        def fetch(**arguments: Any) -> Any:
            starts.append(((arguments["page"] - 1) * arguments["page_size"], received[0]))
            body = http.get("/accounts", params=arguments).json()
            received[0] += len(body["edges"])
            return SimpleNamespace(parsed=body)

        got = list(paginate(fetch, LedgerIds(), page_size=50, concurrency=1))
    assert got == list(range(100))
    assert starts[:3] == [(0, 0), (40, 40), (70, 70)]
    *pages, reread = starts
    assert all(start == before for start, before in pages)  # every page starts where the items received end
    assert reread == (0, 100)  # then the first page once more: page-number APIs prove it did not change


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_resumed_pagination_still_knows_the_items_seen_before_the_failure(
    mode: str, balancekit_sandbox_factory: Callable[..., Sandbox]
) -> None:
    """A connection added while paged shifts the next page by one: its first item was seen before the failure, so
    the resumed paging refuses the repeat (a shifted collection is never complete) instead of yielding it twice."""
    config = SandboxConfig(accounts=30, page_cap=10, mutate_while_paging="add")
    sandbox = balancekit_sandbox_factory(["bitgo-network"], config=config).start()
    expected = list(sandbox.apps["bitgo-network"].extra["payload"]["networkBalances"])
    client = bitgo_network.connect(**sandbox.connect_kwargs("bitgo-network"))
    kwargs: dict[str, Any] = {"client": client, "enterprise_id": client.enterprise_id}
    failed: list[int] = []

    def fails_once(page_number: int) -> None:
        if page_number == 1 and not failed:
            failed.append(page_number)
            raise APIConnectionError("injected: connection lost", provider="test")

    got: list[str] = []
    if mode == "sync":

        def fetch(**arguments: Any) -> Any:
            fails_once(arguments["page_number"])
            return network_route.sync_detailed(**arguments)

        with pytest.raises(APIConnectionError) as info:
            got.extend(c[0] for c in paginate(fetch, bitgo_network.CONNECTIONS, page_size=100, concurrency=1, **kwargs))
        position: Position = info.value.position
        with pytest.raises(ResponseValidationError, match="appears twice"):
            got.extend(c[0] for c in paginate(fetch, bitgo_network.CONNECTIONS, page_size=100, resume=position,
                                              **kwargs))  # fmt: skip
    else:

        async def afetch(**arguments: Any) -> Any:
            fails_once(arguments["page_number"])
            return await network_route.asyncio_detailed(**arguments)

        async def run() -> None:
            pager = apaginate(afetch, bitgo_network.CONNECTIONS, page_size=100, concurrency=1, **kwargs)
            with pytest.raises(APIConnectionError) as info:  # noqa: PT012 (kept as they arrive, up to the failure)
                async for connection in pager:
                    got.append(connection[0])
            resumed = apaginate(afetch, bitgo_network.CONNECTIONS, page_size=100, resume=info.value.position, **kwargs)
            with pytest.raises(ResponseValidationError, match="appears twice"):
                got.extend([c[0] async for c in resumed])

        asyncio.run(run())
    assert failed == [1]
    assert got == expected[:10]  # the first page (10, capped) before the failure; nothing of the shifted page
