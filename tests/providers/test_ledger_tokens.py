"""Ledger token accounts (Erc20, Trc20) take their unit from their own currency answer, in either listing order."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from decimal import Decimal
from types import SimpleNamespace as NS

import pytest

from balancekit.assets import builtin
from balancekit.errors import ResponseValidationError
from balancekit.holding import Holding
from balancekit.providers import ledger
from balancekit.sandbox import Sandbox, SandboxConfig

# (account id, asset, network, provider asset, total) exactly as Ledger's documents make them
EXPECTED = [
    ("1000", "ETH", "ethereum", "ethereum", Decimal("2")),
    ("1001", "USDT", "ethereum", "ethereum:0xdAC17F958D2ee523a2206206994597C13D831ec7", Decimal("5000")),
    ("1002", "TRX", "tron", "tron", Decimal("100")),
    ("1003", "USDT", "tron", "tron:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", Decimal("1234.5")),
]


def seen(holdings: list[Holding]) -> list[tuple[str, str, str | None, str | None, Decimal]]:
    return sorted((h.account_id, h.asset, h.network, h.provider_asset, h.total) for h in holdings)


async def collect(client: ledger.LedgerClient, concurrency: int) -> list[Holding]:
    return [h async for h in ledger.aholdings(client, concurrency=concurrency)]


@pytest.mark.parametrize("order", ["parents-first", "tokens-first"])
@pytest.mark.parametrize("concurrency", [1, 8])
@pytest.mark.parametrize("mode", ["sync", "async"])
def test_token_accounts_have_their_own_unit(
    order: str, concurrency: int, mode: str, balancekit_sandbox_factory: Callable[..., Sandbox]
) -> None:
    sandbox = balancekit_sandbox_factory(["ledger"], config=SandboxConfig(ledger_tokens=order)).start()
    client = ledger.connect(**sandbox.connect_kwargs("ledger"))
    if mode == "sync":
        got = list(ledger.holdings(client, concurrency=concurrency))
    else:
        got = asyncio.run(collect(client, concurrency))
    assert seen(got) == EXPECTED
    assert all(h.unit == "major" and h.available == h.total for h in got)
    assert sorted(got, key=lambda h: h.account_id) == sorted(sandbox.truth("ledger"), key=lambda h: h.account_id)


def test_the_default_sandbox_serves_usdc_as_an_erc20_token_of_an_ethereum_parent(balancekit_sandbox: Sandbox) -> None:
    token = next(a for a in balancekit_sandbox.apps["ledger"].extra["accounts"] if a["type"] == "Erc20")
    assert (token["currency"], token["contract_address"], token["parent"]) == (
        "ethereum",
        "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48",
        1001,
    )
    client = ledger.connect(**balancekit_sandbox.connect_kwargs("ledger"))
    usdc = [h for h in ledger.holdings(client) if h.account_id == str(token["id"])]
    assert [(h.asset, h.network) for h in usdc] == [("USDC", "ethereum")]


def test_a_token_answered_with_its_chains_units_is_refused() -> None:
    account = NS(
        id=43, currency="ethereum", type_="Erc20", contract_address="0xdAC17F958D2ee523a2206206994597C13D831ec7"
    )
    with pytest.raises(ResponseValidationError, match="magnitude 18, but the token has 6 decimals") as info:
        ledger.token_unit(account, ledger.MajorUnit("ETH", 18), builtin())  # type: ignore[arg-type]
    assert info.value.path == "$.amount_units"
    assert ledger.token_unit(account, ledger.MajorUnit("USDT", 6), builtin()) == ledger.MajorUnit("USDT", 6)  # type: ignore[arg-type]
