"""Completeness beyond counts and identity cross-checked, over real HTTP against the sandbox's seeded modes.

Every provider each mode applies to, sync and async, at concurrency 1 and 8: a collection shifting under paging
with a constant total, contradictory page signals, a body naming another owner. None passes as complete.
"""

from __future__ import annotations

import asyncio
import importlib
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from balancekit_bitgo_link.api.link_accounts import v1_get_enterprise_accounts_balances_route as link_route
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from balancekit.errors import ConfigurationError, IncompleteResultError, ResponseValidationError
from balancekit.pagination import apaginate, paginate
from balancekit.providers import bitgo_link, byzantine, cryptofuse, ledger
from balancekit.sandbox import Sandbox, SandboxConfig
from balancekit.sandbox.server import LoopbackServers
from tests.cli.test_cli import run
from tests.conftest import rows
from tests.pagination.test_pagination import ENTERPRISE, account

RUNS = [("sync", 1), ("sync", 8), ("async", 1), ("async", 8)]


def read(provider: str, sandbox: Sandbox, mode: str, concurrency: int) -> list[Any]:
    """Everything the provider's paginated route yields: holdings, or (Cryptofuse) its history."""
    mod = importlib.import_module(f"balancekit.providers.{provider.replace('-', '_')}")
    client = mod.connect(**sandbox.connect_kwargs(provider))
    if provider == "cryptofuse":
        if mode == "sync":
            return list(cryptofuse.history(client, page_size=10, concurrency=concurrency))

        async def ahistory() -> list[Any]:
            return [e async for e in cryptofuse.ahistory(client, page_size=10, concurrency=concurrency)]

        return asyncio.run(ahistory())
    options: dict[str, Any] = {"concurrency": concurrency}
    if provider != "byzantine":
        options["page_size"] = 10
    if mode == "sync":
        return list(mod.holdings(client, **options))

    async def aholdings() -> list[Any]:
        return [h async for h in mod.aholdings(client, **options)]

    return asyncio.run(aholdings())


@pytest.mark.parametrize("provider", ["bitgo-link", "bitgo-network", "ledger", "cryptofuse"])
@pytest.mark.parametrize("change", ["shift", "roll"])
@pytest.mark.parametrize(("mode", "concurrency"), RUNS)
def test_a_collection_shifting_with_a_constant_total_is_never_complete(
    provider: str, change: str, mode: str, concurrency: int, balancekit_sandbox_factory: Callable[..., Sandbox]
) -> None:
    config = SandboxConfig(accounts=50, history=20, page_cap=10, mutate_while_paging=change)
    sandbox = balancekit_sandbox_factory([provider], config=config).start()
    with pytest.raises(IncompleteResultError, match=r"shifted while paging|first page changed"):
        read(provider, sandbox, mode, concurrency)


EMPTY_PAGE = "page 1 is empty where it should start"


@pytest.mark.parametrize(("provider", "message"), [("ledger", "contradictory signals"), ("bitgo-link", EMPTY_PAGE),
                                                   ("cryptofuse", EMPTY_PAGE)])  # fmt: skip
@pytest.mark.parametrize(("mode", "concurrency"), RUNS)
def test_contradictory_page_signals_are_incomplete(
    provider: str, message: str, mode: str, concurrency: int, balancekit_sandbox_factory: Callable[..., Sandbox]
) -> None:
    config = SandboxConfig(accounts=50, history=20, contradictory_pages=True)
    sandbox = balancekit_sandbox_factory([provider], config=config).start()
    with pytest.raises(IncompleteResultError, match=message):
        read(provider, sandbox, mode, concurrency)


@pytest.mark.parametrize(("provider", "path"), [("byzantine", "$.account_id"), ("bitgo-network", "$.clientId")])
@pytest.mark.parametrize(("mode", "concurrency"), RUNS)
def test_a_body_naming_another_owner_is_refused(
    provider: str, path: str, mode: str, concurrency: int, balancekit_sandbox_factory: Callable[..., Sandbox]
) -> None:
    config = SandboxConfig(accounts=50, page_cap=10, foreign_owner=True)
    sandbox = balancekit_sandbox_factory([provider], config=config).start()
    with pytest.raises(ResponseValidationError) as info:
        read(provider, sandbox, mode, concurrency)
    assert info.value.path == path


@pytest.mark.parametrize("provider", ["bitgo-link", "bitgo-network", "ledger", "byzantine"])
def test_the_modes_off_give_the_exact_holdings(
    provider: str, balancekit_sandbox_factory: Callable[..., Sandbox]
) -> None:
    """The same small collections, unchanged, read completely (so the errors above come from the modes)."""
    sandbox = balancekit_sandbox_factory([provider], config=SandboxConfig(accounts=50, page_cap=10)).start()
    for mode, concurrency in RUNS:
        got = read(provider, sandbox, mode, concurrency)
        assert rows(got) == rows(sandbox.truth(provider)), (mode, concurrency)


def test_cryptofuse_history_unchanged_is_every_entry_once(balancekit_sandbox_factory: Callable[..., Sandbox]) -> None:
    sandbox = balancekit_sandbox_factory(
        ["cryptofuse"], config=SandboxConfig(accounts=50, history=20, page_cap=10)
    ).start()
    expected = [h["balance_after"] for h in sandbox.apps["cryptofuse"].extra["history"]]
    assert len(expected) == 40
    for mode, concurrency in RUNS:
        assert [str(e.balance_after) for e in read("cryptofuse", sandbox, mode, concurrency)] == expected


def test_a_repeated_configured_account_id_is_a_configuration_error() -> None:
    key = "-----BEGIN EC PRIVATE KEY-----\nnot used\n-----END EC PRIVATE KEY-----"
    account = "04ae6f40-9e55-4a3e-8f0c-1b7d3c2a9e10"
    with pytest.raises(ConfigurationError, match="given twice"):
        byzantine.connect(private_key=key, account_ids=[account, account.upper()], base_url="http://127.0.0.1:9")


def test_cli_repeated_byzantine_account_ids_exit_1_before_any_request(
    balancekit_sandbox_factory: Callable[..., Sandbox],
) -> None:
    sandbox = balancekit_sandbox_factory(["byzantine"]).start()
    account = next(iter(sandbox.apps["byzantine"].extra["balances"]))
    env = sandbox.env() | {"BYZANTINE_ACCOUNT_IDS": f"{account},{account}"}
    result = run("balances", "--provider", "byzantine", "--format", "json", env=env)
    assert result.returncode == 1, result.stderr
    assert "given twice" in result.stderr
    assert "Traceback" not in result.stderr
    assert sandbox.apps["byzantine"].counters["balances"] == 0


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_ledger_history_values_sent_as_numbers_are_refused(
    mode: str, balancekit_sandbox_factory: Callable[..., Sandbox]
) -> None:
    sandbox = balancekit_sandbox_factory(["ledger"], config=SandboxConfig(ledger_history_numbers=True)).start()
    client = ledger.connect(**sandbox.connect_kwargs("ledger"))
    since = datetime(2026, 10, 30, tzinfo=UTC)
    read_history = ledger.history if mode == "sync" else lambda *a, **k: asyncio.run(ledger.ahistory(*a, **k))
    with pytest.raises(ResponseValidationError) as info:
        read_history(client, 1000, start=since)
    assert info.value.path.startswith("$.balances[")
    assert info.value.path.endswith("].value")


def twice(differ: bool, at: int = 15) -> Starlette:
    """A BitGo Link collection of 25 accounts holding account 7 twice (its total counts both), pages of 10."""
    accounts = [account(i) for i in range(24)]
    copy = account(7) | ({"name": "A7 renamed"} if differ else {})
    accounts.insert(at, copy)

    async def balances(request: Request) -> JSONResponse:
        limit, offset = int(request.query_params["limit"]), int(request.query_params["offset"])
        return JSONResponse({"accounts": accounts[offset : offset + min(limit, 10)], "total": len(accounts)})

    return Starlette(routes=[Route("/api/link/v1/enterprises/{e}/balances", balances)])


@pytest.mark.parametrize(("mode", "concurrency"), RUNS)
def test_an_identical_second_copy_is_dropped_and_reported(mode: str, concurrency: int) -> None:
    servers = LoopbackServers({"fake": twice(differ=False)})
    try:
        client = bitgo_link.connect(
            access_token="tok-abcdef", enterprise_id=ENTERPRISE, base_url=servers.start()["fake"]
        )
        pager = paginate(link_route.sync_detailed, bitgo_link.ACCOUNTS, page_size=50, concurrency=concurrency,
                         client=client, enterprise_id=ENTERPRISE)  # fmt: skip
        if mode == "sync":
            ids = [str(a.id) for a in pager]
        else:
            apager = apaginate(link_route.asyncio_detailed, bitgo_link.ACCOUNTS, page_size=50, concurrency=concurrency,
                               client=client, enterprise_id=ENTERPRISE)  # fmt: skip

            async def collect() -> list[str]:
                return [str(a.id) async for a in apager]

            ids = asyncio.run(collect())
        assert ids == [f"00000000-0000-4000-8000-{n:012d}" for n in range(24)]
        assert [w.message for w in client.wiring.drift] == ["a second identical copy of an item was dropped"]
        assert client.wiring.drift[0].path == "$.pages[1][key=00000000-0000-4000-8000-000000000007]"
    finally:
        servers.stop()


@pytest.mark.parametrize("concurrency", [1, 8])
@pytest.mark.parametrize(
    ("differ", "at", "why", "page"),
    [(True, 15, "with different contents", 1), (False, 22, "its first copy is no longer at hand", 2)],
    ids=["differs", "pages-apart"],
)
def test_a_second_copy_that_differs_or_cannot_be_compared_is_refused(
    differ: bool, at: int, why: str, page: int, concurrency: int
) -> None:
    """Pages overlap by one (0-9, 9-18, 18-27): a copy on page 2 of an item of page 0 has no copy at hand."""
    servers = LoopbackServers({"fake": twice(differ=differ, at=at)})
    try:
        client = bitgo_link.connect(
            access_token="tok-abcdef", enterprise_id=ENTERPRISE, base_url=servers.start()["fake"]
        )
        with pytest.raises(ResponseValidationError, match=why) as info:
            list(bitgo_link.holdings(client, page_size=50, concurrency=concurrency))
        assert info.value.path == f"$.pages[{page}][key=00000000-0000-4000-8000-000000000007]"
    finally:
        servers.stop()
