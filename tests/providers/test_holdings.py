"""Each provider's holdings() and aholdings() equal the sandbox's ground truth exactly."""

from __future__ import annotations

import asyncio
import importlib
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest

from balancekit.holding import Holding
from balancekit.providers import PROVIDERS
from balancekit.sandbox import Sandbox, SandboxConfig
from tests.conftest import rows, unique_keys


def module(provider: str) -> ModuleType:
    return importlib.import_module(f"balancekit.providers.{provider.replace('-', '_')}")


async def collect(mod: ModuleType, client: Any) -> list[Holding]:
    return [h async for h in mod.aholdings(client)]


@pytest.mark.parametrize("provider", PROVIDERS)
def test_sync_holdings_equal_ground_truth(provider: str, balancekit_sandbox: Sandbox) -> None:
    mod = module(provider)
    client = mod.connect(**balancekit_sandbox.connect_kwargs(provider))
    got = list(mod.holdings(client))
    assert got
    assert all(isinstance(h, Holding) and h.provider == provider for h in got)
    assert rows(got) == rows(balancekit_sandbox.truth(provider))
    assert unique_keys(got)


@pytest.mark.parametrize("provider", PROVIDERS)
def test_async_holdings_equal_ground_truth(provider: str, balancekit_sandbox: Sandbox) -> None:
    mod = module(provider)
    client = mod.connect(**balancekit_sandbox.connect_kwargs(provider))
    assert rows(asyncio.run(collect(mod, client))) == rows(balancekit_sandbox.truth(provider))


@pytest.mark.parametrize(
    "config",
    [
        SandboxConfig(bitgo_link_legacy=True),
        SandboxConfig(cryptofuse_shape="maps"),
        SandboxConfig(ledger_numeric_share=1.0),
        SandboxConfig(seed=99, accounts=7, sub_accounts=0, assets=1),
    ],
    ids=["bitgo-link-legacy-shape", "cryptofuse-maps-shape", "ledger-json-numbers", "tiny"],
)
def test_alternative_shapes_equal_ground_truth(
    config: SandboxConfig, balancekit_sandbox_factory: Callable[..., Sandbox]
) -> None:
    sandbox = balancekit_sandbox_factory(config=config).start()
    for provider in PROVIDERS:
        mod = module(provider)
        client = mod.connect(**sandbox.connect_kwargs(provider))
        got = list(mod.holdings(client))
        assert rows(got) == rows(sandbox.truth(provider)), provider
        assert unique_keys(got), provider


# 2,000 accounts: 20 pages of 100 (Go Network 40 of 50), more than the 8 fetched at once. Byzantine has no pages:
# its 200 accounts are 25 rounds of 8 concurrent signed requests, as its 2,000 were 250 (each round alike)
MANY = {"bitgo-link": 2_000, "bitgo-network": 2_000, "ledger": 2_000, "cryptofuse": 2_000, "byzantine": 200}


@pytest.mark.slow
@pytest.mark.parametrize("provider", PROVIDERS)
def test_many_accounts_equal_ground_truth(provider: str) -> None:
    """Every account of a large sandbox (served from its own process, many pages), exactly."""
    config = SandboxConfig(accounts=MANY[provider])
    with Sandbox([provider], config=config, isolated=True) as sandbox:
        mod = module(provider)
        client = mod.connect(**sandbox.connect_kwargs(provider))
        got = list(mod.holdings(client, concurrency=8) if provider != "cryptofuse" else mod.holdings(client))
        truth = sandbox.truth(provider)
        assert len(got) == len(truth)
        assert unique_keys(got)
        assert rows(got) == rows(truth)


def test_keys_unique_across_all_providers(balancekit_sandbox: Sandbox) -> None:
    """One read of every provider: no two holdings share (provider, account, sub-account, wallet, asset)."""
    got = [h for p in PROVIDERS for h in module(p).holdings(module(p).connect(**balancekit_sandbox.connect_kwargs(p)))]
    assert {h.provider for h in got} == set(PROVIDERS)
    assert unique_keys(got)


def test_wallet_tells_bitgo_link_sub_types_apart(balancekit_sandbox: Sandbox) -> None:
    mod = module("bitgo-link")
    got = list(mod.holdings(mod.connect(**balancekit_sandbox.connect_kwargs("bitgo-link"))))
    assert {h.wallet for h in got} == {"SPOT", "MARGIN"}
    assert all(h.account_name.endswith(f" / {h.wallet}") for h in got)


def test_filters_pass_through(balancekit_sandbox: Sandbox) -> None:
    mod = module("bitgo-link")
    client = mod.connect(**balancekit_sandbox.connect_kwargs("bitgo-link"))
    got = list(mod.holdings(client, venue="KRAKEN", generic_asset=["btc", "eth"]))
    assert got
    truth_ids = {a["id"] for a in balancekit_sandbox.apps["bitgo-link"].extra["accounts"] if a["venueId"] == "KRAKEN"}
    expected = [t for t in balancekit_sandbox.truth("bitgo-link")
                if t.account_id in truth_ids and t.provider_asset in ("btc", "eth")]  # fmt: skip
    assert rows(got) == rows(expected)  # exactly the Kraken accounts' BTC and ETH holdings, none other
    assert {h.asset for h in got} == {"BTC", "ETH"}
