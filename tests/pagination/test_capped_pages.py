"""Servers that cap page sizes silently, or change while paged: complete results, or IncompleteResultError.

Over real HTTP against the sandbox's paging habits (`page_cap`, `mutate_while_paging`) and small fake servers.
"""

from __future__ import annotations

import asyncio
import importlib
import json
import math
from collections.abc import Callable, Iterator
from types import SimpleNamespace
from typing import Any

import attrs
import httpx
import pytest
from balancekit_bitgo_link.api.link_accounts import v1_get_enterprise_accounts_balances_route as link_route
from balancekit_bitgo_link.models import V1GetEnterpriseAccountsBalancesResponse
from balancekit_bitgo_network.api.client_balances import v_1_client_balances_get_route as network_route
from balancekit_bitgo_network.models import V1ClientBalancesGetPayload
from balancekit_cryptofuse.api.balances import get_user_balance_history as history_route
from balancekit_cryptofuse.models import BalanceHistoryResponse
from balancekit_ledger.api.accounts import search_accounts as ledger_route
from balancekit_ledger.models import AccountsPage
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from balancekit.errors import APIConnectionError, IncompleteResultError, PaginationError
from balancekit.pagination import apaginate, paginate
from balancekit.providers import PROVIDERS, bitgo_link, bitgo_network, cryptofuse, ledger
from balancekit.sandbox import Sandbox, SandboxConfig
from balancekit.sandbox.server import LoopbackServers
from tests.cli.test_cli import run
from tests.conftest import rows
from tests.pagination.test_pagination import ENTERPRISE, account

ROUTES = ("bitgo-link", "bitgo-network", "ledger", "cryptofuse")
ACCOUNTS = 237  # accounts, connections and ledger accounts; cryptofuse history: 35 x (237 // 25) = 315 entries
PAGE_SIZE = 100  # what the client asks for: above every cap below


@attrs.frozen
class Route_:
    """One paginated route of a sandbox: how to page it, what it must yield, and its request counter."""

    fetch: Any  # the generated endpoint module (sync_detailed / asyncio_detailed)
    strategy: Any
    kwargs: dict[str, Any]
    key: Callable[[Any], Any]
    expected: list[Any]
    counter: str
    has_total: bool

    def requests(self, sandbox: Sandbox, provider: str) -> int:
        return sandbox.apps[provider].counters[self.counter]


def route(sandbox: Sandbox, provider: str) -> Route_:
    """The paginated route of `provider` in `sandbox`, with fresh clients and the items it serves now."""
    extra = sandbox.apps[provider].extra
    kwargs = sandbox.connect_kwargs(provider)
    if provider == "bitgo-link":
        client = bitgo_link.connect(**kwargs)
        return Route_(link_route, bitgo_link.ACCOUNTS, {"client": client, "enterprise_id": client.enterprise_id},
                      lambda a: str(a.id), [a["id"] for a in extra["accounts"]], "balances", True)  # fmt: skip
    if provider == "bitgo-network":
        network = bitgo_network.connect(**kwargs)
        return Route_(network_route, bitgo_network.CONNECTIONS,
                      {"client": network, "enterprise_id": network.enterprise_id}, lambda c: c[0],
                      list(extra["payload"]["networkBalances"]), "balances", False)  # fmt: skip
    if provider == "ledger":
        return Route_(ledger_route, ledger.ACCOUNTS, {"client": ledger.connect(**kwargs)}, lambda a: a.id,
                      [a["id"] for a in extra["accounts"]], "accounts", True)  # fmt: skip
    return Route_(history_route, cryptofuse.HISTORY, {"client": cryptofuse.connect(**kwargs)},
                  lambda h: (h.timestamp.isoformat(), h.type_, h.amount, h.balance_after),
                  [(h["timestamp"].replace("Z", "+00:00"), h["type"], h["amount"], h["balance_after"])
                   for h in extra["history"]], "history", True)  # fmt: skip


def collect(r: Route_, mode: str, concurrency: int, **options: Any) -> list[Any]:
    """Every item's key, paged sync or async."""
    if mode == "sync":
        pager = paginate(r.fetch.sync_detailed, r.strategy, page_size=PAGE_SIZE, concurrency=concurrency,
                         **options, **r.kwargs)  # fmt: skip
        return [r.key(item) for item in pager]

    async def run_async() -> list[Any]:
        apager = apaginate(r.fetch.asyncio_detailed, r.strategy, page_size=PAGE_SIZE, concurrency=concurrency,
                           **options, **r.kwargs)  # fmt: skip
        return [r.key(item) async for item in apager]

    return asyncio.run(run_async())


def pages_needed(items: int, cap: int, has_total: bool, numbered: bool) -> int:
    """Requests a correct client makes: one per page; without a total, one more when the last page is full.

    Offset pages after the first overlap the previous one by one item (cap - 1 new items each); page-number
    pages cannot, so the first page is read once more at the end.
    """
    if numbered:
        return math.ceil(items / cap) + (0 if has_total or items % cap else 1) + 1
    return 1 + math.ceil((items - cap) / (cap - 1)) + (0 if has_total or (items - cap) % (cap - 1) else 1)


@pytest.fixture(scope="module", params=[40, 79], ids=["cap-40", "cap-79-divides-237"])
def capped(request: pytest.FixtureRequest) -> Iterator[Sandbox]:
    config = SandboxConfig(accounts=ACCOUNTS, history=35, page_cap=request.param)
    with Sandbox(ROUTES, config=config) as sandbox:
        yield sandbox


def test_the_sandbox_caps_each_style_as_its_server_would(balancekit_sandbox_factory: Callable[..., Sandbox]) -> None:
    sandbox = balancekit_sandbox_factory(ROUTES, config=SandboxConfig(page_cap=10)).start()
    link = bitgo_link.connect(**sandbox.connect_kwargs("bitgo-link"))
    page = link_route.sync(link.enterprise_id, client=link, limit=100, offset=20)
    assert isinstance(page, V1GetEnterpriseAccountsBalancesResponse)
    assert (len(page.accounts), page.total) == (5, 25)  # fewer items, the true total
    network = bitgo_network.connect(**sandbox.connect_kwargs("bitgo-network"))
    payload = network_route.sync(network.enterprise_id, client=network, page_number=0, page_size=50)
    assert isinstance(payload, V1ClientBalancesGetPayload)
    assert len(payload.network_balances.additional_properties) == 10
    accounts = ledger_route.sync(client=ledger.connect(**sandbox.connect_kwargs("ledger")), page=1, page_size=100)
    assert isinstance(accounts, AccountsPage)
    assert (len(accounts.edges), accounts.page_info.count, accounts.page_info.has_next_page) == (10, 25, True)
    history = history_route.sync(client=cryptofuse.connect(**sandbox.connect_kwargs("cryptofuse")), limit=100)
    assert isinstance(history, BalanceHistoryResponse)
    assert (len(history.history), history.total, history.limit) == (10, 60, 10)  # the limit applied, echoed


# -- every item exactly once, at most one request more than the pages needed -----


@pytest.mark.parametrize("provider", ROUTES)
@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("concurrency", [1, 8])
def test_capped_pages_deliver_every_item_once(capped: Sandbox, provider: str, mode: str, concurrency: int) -> None:
    r = route(capped, provider)
    cap = capped.config.page_cap
    assert cap is not None
    assert cap < PAGE_SIZE < len(r.expected)
    before = r.requests(capped, provider)
    got = collect(r, mode, concurrency)
    assert got == r.expected  # every item, once, in order
    needed = pages_needed(len(r.expected), cap, r.has_total, r.strategy.numbered)
    assert r.requests(capped, provider) - before == needed
    assert needed <= math.ceil(len(r.expected) / cap) + 2


@pytest.mark.parametrize("provider", ["bitgo-link", "bitgo-network", "ledger"])
def test_capped_holdings_equal_ground_truth(provider: str, balancekit_sandbox_factory: Callable[..., Sandbox]) -> None:
    sandbox = balancekit_sandbox_factory([provider], config=SandboxConfig(accounts=33, page_cap=4)).start()
    mod = importlib.import_module(f"balancekit.providers.{provider.replace('-', '_')}")
    client = mod.connect(**sandbox.connect_kwargs(provider))
    assert rows(mod.holdings(client, page_size=10)) == rows(sandbox.truth(provider))

    async def run_async() -> list[Any]:
        aclient = mod.connect(**sandbox.connect_kwargs(provider))
        return [h async for h in mod.aholdings(aclient, page_size=10, concurrency=8)]

    assert rows(asyncio.run(run_async())) == rows(sandbox.truth(provider))


def test_capped_cryptofuse_history_is_complete(balancekit_sandbox_factory: Callable[..., Sandbox]) -> None:
    sandbox = balancekit_sandbox_factory(["cryptofuse"], config=SandboxConfig(page_cap=7)).start()
    client = cryptofuse.connect(**sandbox.connect_kwargs("cryptofuse"))
    entries = list(cryptofuse.history(client, currency="BTC", page_size=50))
    expected = [h for h in sandbox.apps["cryptofuse"].extra["history"] if h["currency"] == "BTC"]
    assert [str(e.balance_after) for e in entries] == [h["balance_after"] for h in expected]
    assert sandbox.apps["cryptofuse"].counters["history"] == 1 + math.ceil((len(expected) - 7) / 6)  # overlapping


@pytest.mark.parametrize("concurrency", [1, 8])
def test_max_items_under_a_cap_stops_on_purpose(
    concurrency: int, balancekit_sandbox_factory: Callable[..., Sandbox]
) -> None:
    sandbox = balancekit_sandbox_factory(["ledger"], config=SandboxConfig(accounts=90, page_cap=10)).start()
    r = route(sandbox, "ledger")
    assert collect(r, "sync", concurrency, max_items=35) == r.expected[:35]
    assert r.requests(sandbox, "ledger") == 4


@pytest.mark.parametrize("concurrency", [1, 8])
def test_resume_after_a_cap_keeps_the_learned_size(
    concurrency: int, balancekit_sandbox_factory: Callable[..., Sandbox]
) -> None:
    sandbox = balancekit_sandbox_factory(["ledger"], config=SandboxConfig(accounts=95, page_cap=10)).start()
    r = route(sandbox, "ledger")
    failed: list[int] = []

    def fetch(**kwargs: Any) -> Any:
        if kwargs["page"] == 5 and not failed:  # fifth page of ten: a connection lost past all retries
            failed.append(kwargs["page_size"])
            raise APIConnectionError("injected: connection lost", provider="test")
        return ledger_route.sync_detailed(**kwargs)

    got: list[Any] = []
    with pytest.raises(APIConnectionError) as info:
        got.extend(r.key(a) for a in paginate(fetch, r.strategy, page_size=PAGE_SIZE, concurrency=concurrency,
                                              **r.kwargs))  # fmt: skip
    position = info.value.position
    assert failed == [10]  # asked with the effective size, so page numbers match the server's
    assert (position.next_page, position.offset, position.effective, position.yielded) == (4, 40, 10, 40)
    pager = paginate(fetch, r.strategy, page_size=PAGE_SIZE, concurrency=concurrency, resume=position, **r.kwargs)
    got.extend(r.key(a) for a in pager)
    assert got == r.expected


# -- collections that change while paged ----------------------------------------


@pytest.mark.parametrize("provider", ["bitgo-link", "ledger", "cryptofuse"])
@pytest.mark.parametrize("change", ["add", "remove"])
@pytest.mark.parametrize(("mode", "concurrency"), [("sync", 1), ("sync", 8), ("async", 1), ("async", 8)])
def test_a_collection_changing_while_paged_is_incomplete(
    provider: str, change: str, mode: str, concurrency: int, balancekit_sandbox_factory: Callable[..., Sandbox]
) -> None:
    config = SandboxConfig(accounts=50, history=20, page_cap=10, mutate_while_paging=change)
    sandbox = balancekit_sandbox_factory([provider], config=config).start()
    r = route(sandbox, provider)
    original = len(r.expected)
    with pytest.raises(IncompleteResultError, match="total changed") as info:
        collect(r, mode, concurrency)
    assert isinstance(info.value, PaginationError)
    assert (info.value.delivered, info.value.expected) == (10, original)  # the first page arrived, then the change
    assert info.value.position.yielded == 10


@pytest.mark.parametrize("concurrency", [1, 8])
def test_a_connection_added_while_paged_is_never_reported_complete(
    concurrency: int, balancekit_sandbox_factory: Callable[..., Sandbox]
) -> None:
    """No total and page numbers: the shifted page repeats an item, and the first page, read again, differs."""
    config = SandboxConfig(accounts=50, page_cap=10, mutate_while_paging="add")
    sandbox = balancekit_sandbox_factory(["bitgo-network"], config=config).start()
    r = route(sandbox, "bitgo-network")
    with pytest.raises(IncompleteResultError, match="the first page changed"):
        collect(r, "sync", concurrency)
    assert len(sandbox.apps["bitgo-network"].extra["payload"]["networkBalances"]) == 51


# -- servers whose total disagrees with what they serve ---------------------------


def stale(kind: str) -> Starlette:
    """A BitGo Link route whose total says 100 while 90 accounts exist, or that serves 30 while it says 25."""

    async def balances(request: Request) -> JSONResponse:
        limit, offset = int(request.query_params["limit"]), int(request.query_params["offset"])
        exist, total = (90, 100) if kind == "fewer" else (30, 25)
        page = [account(i) for i in range(offset, min(offset + min(limit, 10), exist))]  # also capped at 10
        return JSONResponse({"accounts": page, "total": total})

    return Starlette(routes=[Route("/api/link/v1/enterprises/{e}/balances", balances)])


# pages of 10 overlap by one: 0-9, 9-18, 18-27 reach the total of 25 with 28 items
@pytest.mark.parametrize(("kind", "delivered", "expected"), [("fewer", 90, 100), ("more", 28, 25)])
@pytest.mark.parametrize("concurrency", [1, 8])
def test_items_disagreeing_with_the_total_raise(kind: str, delivered: int, expected: int, concurrency: int) -> None:
    servers = LoopbackServers({"fake": stale(kind)})
    url = servers.start()["fake"]
    try:
        client = bitgo_link.connect(access_token="tok-abcdef", enterprise_id=ENTERPRISE, base_url=url)
        got: list[str] = []
        pager = paginate(link_route.sync_detailed, bitgo_link.ACCOUNTS, page_size=50, concurrency=concurrency,
                         client=client, enterprise_id=ENTERPRISE)  # fmt: skip
        with pytest.raises(IncompleteResultError, match=f"{delivered} items, but the server's total is {expected}"):
            got.extend(str(a.id) for a in pager)
        assert len(got) == delivered  # what arrived was yielded; the error says it is not all
    finally:
        servers.stop()


def ledger_page(edges: int, count: int, more: bool) -> Starlette:
    """Ledger accounts: one page of `edges` with page_info {count, has_next_page: more}, then empty pages."""

    async def accounts(request: Request) -> JSONResponse:
        first = request.query_params.get("page") == "1"
        nodes = [{"cursor": i, "node": {"id": i}} for i in range(edges)] if first else []
        return JSONResponse({"edges": nodes, "page_info": {"count": count, "has_next_page": more}})

    return Starlette(routes=[Route("/accounts", accounts)])


class LedgerIds:
    """Ledger's paging (page/page_size, page_info) over the fake server's bare JSON."""

    numbered = True
    arguments = staticmethod(ledger.ACCOUNTS.arguments)

    def items(self, parsed: Any) -> list[int]:
        return [edge["node"]["id"] for edge in parsed["edges"]]

    def total(self, parsed: Any) -> int:
        return int(parsed["page_info"]["count"])

    def has_next(self, parsed: Any) -> bool:
        return bool(parsed["page_info"]["has_next_page"])

    def page_limit(self, parsed: Any) -> None:
        return None

    def key(self, item: int) -> int:
        return item


@pytest.mark.parametrize(("edges", "count", "more"), [(20, 25, False), (10, 10, True)])
def test_has_next_page_and_count_rule(edges: int, count: int, more: bool) -> None:
    servers = LoopbackServers({"fake": ledger_page(edges, count, more)})
    url = servers.start()["fake"]
    try:
        with httpx.Client(base_url=url) as http:

            def fetch(**arguments: Any) -> Any:
                return SimpleNamespace(parsed=http.get("/accounts", params=arguments).json())

            pager = paginate(fetch, LedgerIds(), page_size=50)
            got: list[int] = []
            if edges == count:  # the count is reached while has_next_page says more: contradictory signals
                with pytest.raises(IncompleteResultError, match="contradictory signals"):
                    got.extend(pager)
            else:  # has_next_page=false before the count: the count rules
                with pytest.raises(IncompleteResultError, match="20 items, but the server's total is 25"):
                    got.extend(pager)
            assert got == (list(range(edges)) if edges < count else [])
    finally:
        servers.stop()


# -- the CLI: an incomplete provider fails alone -----------------------------------


def test_cli_incomplete_provider_fails_alone(balancekit_sandbox_factory: Callable[..., Sandbox]) -> None:
    others = balancekit_sandbox_factory(config=SandboxConfig(page_cap=2)).start()
    changing = SandboxConfig(page_cap=10, mutate_while_paging="remove")
    ledger_box = balancekit_sandbox_factory(["ledger"], config=changing).start()
    result = run("balances", "--format", "json", "--timeout", "20", env=others.env() | ledger_box.env())
    assert result.returncode == 2, result.stderr
    document = json.loads(result.stdout)
    assert [(e["provider"], e["error"]) for e in document["errors"]] == [("ledger", "IncompleteResultError")]
    assert "total changed from 25 to 24" in document["errors"][0]["message"]
    assert not [h for h in document["holdings"] if h["provider"] == "ledger"]
    for provider in set(PROVIDERS) - {"ledger"}:  # the others complete and exact, under a cap of 2 a page
        got = [h for h in document["holdings"] if h["provider"] == provider]
        assert len(got) == len(others.truth(provider)) > 0


def test_cli_capped_pages_exit_0_with_every_holding(balancekit_sandbox_factory: Callable[..., Sandbox]) -> None:
    sandbox = balancekit_sandbox_factory(config=SandboxConfig(accounts=9, page_cap=2)).start()
    result = run("balances", "--format", "json", env=sandbox.env())
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["errors"] == []
    assert len(document["holdings"]) == sum(len(sandbox.truth(p)) for p in PROVIDERS)
