"""paginate()/apaginate() over real HTTP: completeness and order, guards, resumption, early stop."""

from __future__ import annotations

import asyncio
import copy
import gc
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from balancekit_bitgo_link.api.link_accounts import v1_get_enterprise_accounts_balances_route as link_route
from balancekit_bitgo_network.api.client_balances import v_1_client_balances_get_route as network_route
from balancekit_cryptofuse.api.balances import get_user_balance_history as history_route
from balancekit_ledger.api.accounts import search_accounts as ledger_route
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from balancekit.errors import APIConnectionError, ConfigurationError, IncompleteResultError, PaginationError
from balancekit.pagination import PaginationInterrupted, Position, apaginate, paginate
from balancekit.providers import bitgo_link, bitgo_network, cryptofuse, ledger
from balancekit.sandbox import Sandbox, SandboxConfig
from balancekit.sandbox.server import LoopbackServers

BIG = SandboxConfig(accounts=2_000, history=25)  # 2,000 accounts, connections and history entries: 20 pages of 100
ENTERPRISE = "59cd72485007a239fb00282ed480da1f"


@pytest.fixture(scope="module")
def big() -> Iterator[Sandbox]:
    with Sandbox(config=BIG, isolated=True) as sandbox:
        yield sandbox


@pytest.fixture
def collector_runs(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Paging never disables the garbage collector (a pause there once outlived the I/O it was for).

    gc.disable() still disables (so a disable left on, from Python or from C, shows in gc.isenabled()); the
    collector is on again for the next test whatever happened."""
    disabled: list[bool] = []
    real_disable = gc.disable

    def recorded_disable() -> None:
        disabled.append(True)
        real_disable()

    monkeypatch.setattr(gc, "disable", recorded_disable)
    try:
        yield
        assert disabled == []
        assert gc.isenabled()
    finally:
        gc.enable()


def styles(sandbox: Sandbox) -> dict[str, tuple[Any, Any, dict[str, Any], Callable[[Any], Any], list[Any]]]:
    """style -> (sync fetch, strategy, fixed kwargs, item key, expected keys in order)."""
    truth = Sandbox(config=BIG)  # same seed and sizes: the same data, never served
    link = bitgo_link.connect(**sandbox.connect_kwargs("bitgo-link"))
    network = bitgo_network.connect(**sandbox.connect_kwargs("bitgo-network"))
    led = ledger.connect(**sandbox.connect_kwargs("ledger"))
    fuse = cryptofuse.connect(**sandbox.connect_kwargs("cryptofuse"))
    return {
        "limit-offset-total": (
            link_route,
            bitgo_link.ACCOUNTS,
            {"client": link, "enterprise_id": link.enterprise_id},
            lambda a: str(a.id),
            [a["id"] for a in truth.apps["bitgo-link"].extra["accounts"]],
        ),
        "page-number-no-total": (
            network_route,
            bitgo_network.CONNECTIONS,
            {"client": network, "enterprise_id": network.enterprise_id},
            lambda c: c[0],
            list(truth.apps["bitgo-network"].extra["payload"]["networkBalances"]),
        ),
        "page-info": (
            ledger_route,
            ledger.ACCOUNTS,
            {"client": led},
            lambda a: a.id,
            [a["id"] for a in truth.apps["ledger"].extra["accounts"]],
        ),
        "limit-offset-history": (
            history_route,
            cryptofuse.HISTORY,
            {"client": fuse},
            lambda h: (h.timestamp.isoformat(), h.amount),
            [(h["timestamp"].replace("Z", "+00:00"), h["amount"]) for h in truth.apps["cryptofuse"].extra["history"]],
        ),
    }


@pytest.mark.slow
@pytest.mark.parametrize("style", ["limit-offset-total", "page-number-no-total", "page-info", "limit-offset-history"])
@pytest.mark.parametrize("concurrency", [1, 8])
@pytest.mark.usefixtures("collector_runs")
def test_every_item_once_and_in_order(big: Sandbox, style: str, concurrency: int) -> None:
    route, strategy, kwargs, key, expected = styles(big)[style]
    got = [
        key(item) for item in paginate(route.sync_detailed, strategy, page_size=100, concurrency=concurrency, **kwargs)
    ]
    assert len(expected) == 2_000
    assert got == expected


@pytest.mark.slow
@pytest.mark.parametrize("style", ["limit-offset-total", "page-number-no-total", "page-info", "limit-offset-history"])
@pytest.mark.usefixtures("collector_runs")
def test_every_item_once_and_in_order_async(big: Sandbox, style: str) -> None:
    route, strategy, kwargs, key, expected = styles(big)[style]

    async def run() -> list[Any]:
        pager = apaginate(route.asyncio_detailed, strategy, page_size=100, concurrency=8, **kwargs)
        return [key(item) async for item in pager]

    assert asyncio.run(run()) == expected


def flaky(fetch: Callable[..., Any], fail_at_offset: int) -> Callable[..., Any]:
    """The fetch function, failing once (like a dropped connection past all retries) at one offset."""
    state = {"failed": False}

    def wrapped(**kwargs: Any) -> Any:
        if kwargs.get("offset") == fail_at_offset and not state["failed"]:
            state["failed"] = True
            raise APIConnectionError("injected: connection lost", provider="test")
        return fetch(**kwargs)

    return wrapped


@pytest.mark.slow
@pytest.mark.parametrize("concurrency", [1, 8])
@pytest.mark.usefixtures("collector_runs")
def test_failure_on_page_17_of_40_resumes_without_loss(big: Sandbox, concurrency: int) -> None:
    route, strategy, kwargs, key, expected = styles(big)["limit-offset-total"]
    fetch = flaky(route.sync_detailed, fail_at_offset=16 * 49)  # pages after the first overlap by one item
    got: list[Any] = []
    pager = paginate(fetch, strategy, page_size=50, concurrency=concurrency, **kwargs)
    with pytest.raises(APIConnectionError, match="connection lost") as info:
        got.extend(key(item) for item in pager)
    position = info.value.position
    assert isinstance(position, Position)
    assert (position.next_page, position.yielded) == (16, 50 + 15 * 49)
    got.extend(
        key(item)
        for item in paginate(fetch, strategy, page_size=50, concurrency=concurrency, resume=position, **kwargs)
    )
    assert got == expected


def test_failure_resumes_async(balancekit_sandbox: Sandbox) -> None:
    client = bitgo_link.connect(**balancekit_sandbox.connect_kwargs("bitgo-link"))
    kwargs = {"client": client, "enterprise_id": client.enterprise_id}
    expected = [a["id"] for a in balancekit_sandbox.apps["bitgo-link"].extra["accounts"]]
    state = {"failed": False}

    async def fetch(**kw: Any) -> Any:
        if kw["offset"] == 8 and not state["failed"]:  # the third page: 0-4, 4-8 (overlapping), 8-12
            state["failed"] = True
            raise APIConnectionError("injected", provider="test")
        return await link_route.asyncio_detailed(**kw)

    async def run() -> list[str]:
        got: list[str] = []
        try:
            async for a in apaginate(fetch, bitgo_link.ACCOUNTS, page_size=5, concurrency=3, **kwargs):
                got.append(str(a.id))
        except APIConnectionError as exc:
            async for a in apaginate(fetch, bitgo_link.ACCOUNTS, page_size=5, resume=exc.position, **kwargs):
                got.append(str(a.id))
        return got

    assert asyncio.run(run()) == expected
    assert state["failed"]


def test_other_failures_become_pagination_interrupted() -> None:
    def fetch(**kwargs: Any) -> Any:
        raise KeyError("boom")

    with pytest.raises(PaginationInterrupted, match="before page 0") as info:
        list(paginate(fetch, bitgo_link.ACCOUNTS, page_size=10))
    assert info.value.position == Position(page_size=10)


@pytest.mark.parametrize("concurrency", [1, 4])
def test_max_items_stops_without_extra_requests(
    concurrency: int, balancekit_sandbox_factory: Callable[..., Sandbox]
) -> None:
    sandbox = balancekit_sandbox_factory(["bitgo-link"], config=SandboxConfig(accounts=500)).start()
    client = bitgo_link.connect(**sandbox.connect_kwargs("bitgo-link"))
    got = list(
        paginate(
            link_route.sync_detailed,
            bitgo_link.ACCOUNTS,
            page_size=50,
            max_items=120,
            concurrency=concurrency,
            client=client,
            enterprise_id=client.enterprise_id,
        )
    )
    assert len(got) == 120
    assert sandbox.apps["bitgo-link"].counters["balances"] == 3


def test_max_pages(balancekit_sandbox: Sandbox) -> None:
    client = bitgo_link.connect(**balancekit_sandbox.connect_kwargs("bitgo-link"))
    pages = list(
        paginate(
            link_route.sync_detailed,
            bitgo_link.ACCOUNTS,
            page_size=4,
            max_pages=2,
            client=client,
            enterprise_id=client.enterprise_id,
        ).pages()
    )
    assert [len(p) for p in pages] == [4, 3]  # the second page starts with the first's last item


@pytest.mark.parametrize(
    "bad",
    [{"page_size": 0}, {"page_size": -5}, {"concurrency": 0}, {"max_items": 0}, {"max_pages": -1}, {"page_size": True}],
)
def test_bad_options_are_refused_before_any_request(bad: dict[str, Any]) -> None:
    def fetch(**_: Any) -> Any:
        raise AssertionError("no request may be sent")

    options = {"page_size": 10} | bad
    with pytest.raises(ConfigurationError, match=next(iter(bad))):
        list(paginate(fetch, bitgo_link.ACCOUNTS, **options))


def test_resume_with_another_page_size_is_refused() -> None:
    with pytest.raises(ConfigurationError, match="page_size"):
        paginate(lambda **_: None, bitgo_link.ACCOUNTS, page_size=10, resume=Position(next_page=3, page_size=20))


# -- misbehaving servers -------------------------------------------------------

ACCOUNT = {"venueId": "KRAKEN", "status": "active", "accountSubTypes": [], "subAccounts": []}


def account(n: int) -> dict[str, Any]:
    return {**copy.deepcopy(ACCOUNT), "id": f"00000000-0000-4000-8000-{n:012d}", "name": f"A{n}"}


def misbehaving(kind: str) -> Any:
    calls = {"n": 0}

    async def balances(request: Request) -> JSONResponse:
        calls["n"] += 1
        limit, offset = int(request.query_params["limit"]), int(request.query_params["offset"])
        if kind == "ignores-offset":
            return JSONResponse({"accounts": [account(i) for i in range(limit)], "total": 100})
        if kind == "oversized":
            return JSONResponse({"accounts": [account(offset + i) for i in range(limit + 1)], "total": 100})
        if kind == "total-changes":
            total = 100 if offset == 0 else 140
            return JSONResponse({"accounts": [account(offset + i) for i in range(limit)], "total": total})
        # "overlap": each page repeats the last item of the previous page (an insert shifted the list)
        start = max(0, offset - 1) if offset else 0
        return JSONResponse({"accounts": [account(start + i) for i in range(limit)], "total": 1000})

    return Starlette(routes=[Route("/api/link/v1/enterprises/{e}/balances", balances)]), calls


@pytest.mark.parametrize(
    ("kind", "message"),
    [("ignores-offset", "repeats page"), ("oversized", "were asked for"), ("total-changes", "total changed")],
)
@pytest.mark.parametrize("concurrency", [1, 4])
def test_untrustworthy_servers_are_detected(kind: str, message: str, concurrency: int) -> None:
    app, calls = misbehaving(kind)
    servers = LoopbackServers({"fake": app})
    url = servers.start()["fake"]
    try:
        client = bitgo_link.connect(access_token="tok-abcdef", enterprise_id=ENTERPRISE, base_url=url)
        with pytest.raises(PaginationError, match=message):
            list(
                paginate(
                    link_route.sync_detailed,
                    bitgo_link.ACCOUNTS,
                    page_size=10,
                    concurrency=concurrency,
                    client=client,
                    enterprise_id=ENTERPRISE,
                )
            )
        assert calls["n"] <= 2 + concurrency, "detection must not loop"
    finally:
        servers.stop()


def test_shifted_pages_are_incomplete() -> None:
    app, _ = misbehaving("overlap")
    servers = LoopbackServers({"fake": app})
    url = servers.start()["fake"]
    try:
        client = bitgo_link.connect(access_token="tok-abcdef", enterprise_id=ENTERPRISE, base_url=url)
        ids: list[str] = []
        pager = paginate(link_route.sync_detailed, bitgo_link.ACCOUNTS, page_size=10, max_pages=5, client=client,
                         enterprise_id=ENTERPRISE)  # fmt: skip
        with pytest.raises(IncompleteResultError, match="page 1 does not start with the item page 0 ended with"):
            ids.extend(str(a.id) for a in pager)
        assert len(ids) == 10  # the first page, then the shift is seen
    finally:
        servers.stop()
