"""A service using balancekit's public API, as a mypy --strict codebase would write it.

Not run by pytest: test_public_api_typechecks feeds it to mypy --strict, and `nox -s smoke` type-checks it
against the installed wheels in a fresh virtual environment.
"""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Literal

import httpx

import balancekit
from balancekit import (
    APIStatusError,
    BalancekitError,
    Client,
    GatherResult,
    Holding,
    IncompleteResultError,
    ProviderName,
    agather,
    connect_configured,
    gather,
)
from balancekit.providers import bitgo_link, cryptofuse, ledger
from balancekit.providers.ledger import LedgerClient


def totals(holdings: list[Holding]) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for h in holdings:
        out[h.asset] = out.get(h.asset, Decimal(0)) + h.total
    return out


def collect() -> GatherResult:
    link = bitgo_link.connect(proxy="http://proxy.internal:3128", max_retries=2, timeout=10.0)
    fast = link.with_options(timeout=httpx.Timeout(2.0), max_retries=0, headers={"X-Team": "treasury"})
    result = gather({"bitgo-link": fast, "ledger": ledger.connect()}, concurrency=4)
    for provider, error in result.errors.items():
        status = error.status if isinstance(error, APIStatusError) else None
        print(provider, type(error).__name__, status)
    return result


def configured() -> int:
    clients = connect_configured(providers=["ledger", "cryptofuse"], max_retries=2)
    typed: dict[ProviderName, Client] = {"ledger": ledger.connect()}
    narrow: dict[Literal["ledger"], LedgerClient] = {"ledger": ledger.connect()}
    results = [gather(clients), gather(typed), gather(narrow, deadline=30.0)]
    for result in results:
        for provider, outcome in result.results.items():
            if isinstance(outcome.error, IncompleteResultError):
                print(provider, outcome.error.delivered, outcome.error.expected)
    return sum(len(r.holdings) for r in results)


def filtered() -> list[Holding]:
    client = bitgo_link.connect()
    return list(bitgo_link.holdings(client, venue="KRAKEN", display_asset=["BTC"], timeout=5, max_retries=1))


async def history() -> int:
    client = cryptofuse.connect()
    entries = [e async for e in cryptofuse.ahistory(client, currency="BTC", max_items=10, timeout=5.0)]
    result = await agather({"cryptofuse": client})
    return len(entries) + len(result.holdings)


def main() -> None:
    balancekit.configure_logging("info")
    try:
        print(totals(collect().holdings), filtered(), configured(), asyncio.run(history()))
    except BalancekitError as exc:
        print(exc)
