"""Each provider's holdings builder: a bad amount names its field exactly, and the lean path changes no holding.

The builders make an amount's path only when the amount fails, convert ids once, and share equal strings and
date-times between holdings; none of that may show in an error or in a holding's value or repr.
"""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from types import SimpleNamespace as NS
from typing import Any

import attrs
import pytest
from balancekit_bitgo_link.models import V1AccountBalances, V1LegacyAccountBalances
from balancekit_cryptofuse.models import CurrencyBalancesList

from balancekit import assets
from balancekit.errors import ResponseValidationError
from balancekit.holding import AssetViews, Holding, Pool
from balancekit.providers import PROVIDERS, bitgo_link, bitgo_network, byzantine, cryptofuse, ledger
from balancekit.sandbox import Sandbox, SandboxConfig
from balancekit.sandbox.data import bitgo_link_accounts
from balancekit.sandbox.providers.bitgo_link import legacy
from tests.conftest import rows
from tests.providers.test_holdings import module

BAD_AMOUNTS = [
    pytest.param("1e5", id="exponent"),
    pytest.param("NaN", id="nan-text"),
    pytest.param("Infinity", id="infinity-text"),
    pytest.param(0.1, id="float"),
    pytest.param(float("nan"), id="float-nan"),
    pytest.param("9" * 1_001, id="too-many-digits"),  # the limit, written out: 1,000 digits, exponent -1,000
    pytest.param("0." + "0" * 1_000 + "1", id="exponent-too-small"),
    pytest.param("1" * 2_001, id="overlong"),
    pytest.param("1,5", id="comma"),
    pytest.param(None, id="none"),
]


def refused(build: Callable[[], object]) -> str:
    with pytest.raises(ResponseValidationError) as caught:
        build()
    return caught.value.path


# -- bitgo-link: $.accounts[<account id>].balances[<row of its holder, across sub-types>] -------------------------


def link_account() -> dict[str, Any]:
    """An account with two sub-types (4 rows each) and a sub-account with one (4 rows)."""
    config = SandboxConfig(accounts=2, sub_accounts=1, assets=4, seed=7)
    account = next(a for a in bitgo_link_accounts(config) if len(a["accountSubTypes"]) == 2)
    account = copy.deepcopy(account)
    sub = copy.deepcopy(account["subAccounts"][0]) if account["subAccounts"] else None
    if sub is None:
        sub = {"id": "22222222-2222-4222-8222-222222222222", "status": "active", "name": "Sub",
               "accountSubTypes": copy.deepcopy(account["accountSubTypes"][:1])}  # fmt: skip
    account["subAccounts"] = [sub]
    assert [len(st["balances"]) for st in account["accountSubTypes"]] == [4, 4]
    assert [len(st["balances"]) for st in sub["accountSubTypes"]] == [4]
    return account


@pytest.mark.parametrize("bad", BAD_AMOUNTS)
@pytest.mark.parametrize("field", ["available", "total"])
@pytest.mark.parametrize(
    ("where", "index"),
    [(("accountSubTypes", 0, 0), 0), (("accountSubTypes", 1, 2), 6), (("subAccounts", 0, 3), 3)],
    ids=["first-row", "second-sub-type", "sub-account"],
)
def test_bitgo_link_bad_amount_names_its_path(bad: object, field: str, where: tuple[str, int, int], index: int) -> None:
    account = link_account()
    key, n, row = where
    holder = account if key == "accountSubTypes" else account["subAccounts"][0]
    sub_type = holder["accountSubTypes"][n if key == "accountSubTypes" else 0]
    sub_type["balances"][row][field] = bad
    parsed = V1AccountBalances.from_dict(account)
    expected = f"$.accounts[{account['id']}].balances[{index}].{field}"
    assert refused(lambda: bitgo_link.account_holdings(parsed)) == expected
    registry = assets.builtin()
    assert refused(lambda: bitgo_link.account_holdings(parsed, Pool(AssetViews("bitgo-link", registry)))) == expected


@pytest.mark.parametrize("bad", BAD_AMOUNTS[:4])
def test_bitgo_link_legacy_shape_bad_amount_names_its_path(bad: object) -> None:
    account = legacy(link_account())
    account["subAccounts"][0]["balances"][2]["available"] = bad
    parsed = V1LegacyAccountBalances.from_dict(account)
    assert refused(lambda: bitgo_link.account_holdings(parsed)) == f"$.accounts[{account['id']}].balances[2].available"


def test_bitgo_link_available_refused_before_total() -> None:
    account = link_account()
    account["accountSubTypes"][0]["balances"][1].update(available="x", total="y")
    path = refused(lambda: bitgo_link.account_holdings(V1AccountBalances.from_dict(account)))
    assert path == f"$.accounts[{account['id']}].balances[1].available"


def test_bitgo_link_equal_texts_share_one_decimal_and_keep_their_value() -> None:
    account = link_account()
    row = account["accountSubTypes"][0]["balances"][0]
    row["total"] = row["available"] = "1.50"
    [first, *_] = bitgo_link.account_holdings(V1AccountBalances.from_dict(account))
    assert first.available is first.total
    assert repr(first.total) == "Decimal('1.50')"


def test_bitgo_link_as_of_keeps_each_rows_zone() -> None:
    """Equal instants in other zones are not shared: each holding keeps its own row's date-time."""
    account = link_account()
    stamps = ["2026-01-01T00:00:00.000Z", "2026-01-01T01:00:00+01:00", "2026-01-01T00:00:00+00:00",
              "2025-12-31T19:00:00-05:00"]  # fmt: skip
    for row, stamp in zip(account["accountSubTypes"][0]["balances"], stamps, strict=True):
        row["asOfDate"] = stamp
    parsed = V1AccountBalances.from_dict(account)
    got = bitgo_link.account_holdings(parsed, Pool(AssetViews("bitgo-link", assets.builtin())))
    expected = [row.as_of_date for row in parsed.account_sub_types[0].balances]
    assert [repr(h.as_of) for h in got[:4]] == [repr(e) for e in expected]
    assert got[0].as_of is got[2].as_of  # the same instant, zone and repr: one object


def test_bitgo_link_pool_and_registry_equal_apply_of_raw_holdings() -> None:
    registry = assets.builtin()
    accounts = bitgo_link_accounts(SandboxConfig(accounts=30, seed=5))
    shapes: list[list[bitgo_link.LinkAccount]] = [
        [V1AccountBalances.from_dict(a) for a in accounts],
        [V1LegacyAccountBalances.from_dict(legacy(a)) for a in accounts],
    ]
    for parsed in shapes:
        pool = Pool(AssetViews("bitgo-link", registry))
        for account in parsed:
            expected = registry.apply(bitgo_link.account_holdings(account))
            got = bitgo_link.account_holdings(account, pool)
            assert [repr(h) for h in got] == [repr(h) for h in expected]


# -- the other providers -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", BAD_AMOUNTS)
@pytest.mark.parametrize("field", ["available", "held"])
@pytest.mark.parametrize("sub_id", [None, "conn-1"])
def test_bitgo_network_bad_amount_names_its_path(bad: object, field: str, sub_id: str | None) -> None:
    balance = {"available": "100", "held": "5", field: bad}
    balances = NS(additional_properties={"ofcbtc": NS(available="1", held="0"), "ofceth": NS(**balance)})
    expected = "$.balances.ofceth." if sub_id is None else f"$.networkBalances.{sub_id}.balances.ofceth."
    assert refused(lambda: bitgo_network._balances("client", "trading", sub_id, balances)) == expected + field
    pool = Pool(AssetViews("bitgo-network", assets.builtin(), unit="base"))
    assert refused(lambda: bitgo_network._balances("client", "trading", sub_id, balances, pool)) == expected + field


def test_bitgo_network_pool_and_registry_equal_apply_of_raw_holdings() -> None:
    registry = assets.builtin()
    pool = Pool(AssetViews("bitgo-network", registry, unit="base"))
    amounts = [("123456789", "0"), ("5", "0.0"), ("0", "0"), ("-0", "0"), ("7", "3"), ("1E+2", "0"), ("10", "-10")]
    for asset in ("ofcbtc", "ofceth", "ofcusdc", "unknowncoin"):
        for available, held in amounts:
            balances = NS(additional_properties={asset: NS(available=Decimal(available), held=Decimal(held))})
            expected = registry.apply(bitgo_network._balances("c", "trading", None, balances))
            got = bitgo_network._balances("c", "trading", None, balances, pool)
            assert [repr(h) for h in got] == [repr(h) for h in expected], (asset, available, held)


@pytest.mark.parametrize("bad", BAD_AMOUNTS)
@pytest.mark.parametrize("field", ["total", "available"])
def test_ledger_bad_amount_names_its_path(bad: object, field: str) -> None:
    amounts = {"total": "150", "available": "100", field: bad}
    account = NS(id=1042, name="BTC vault", currency="bitcoin", balance="1", available_balance="1")
    unit = ledger.MajorUnit("BTC", 8)
    path = refused(lambda: ledger.account_holding(account, NS(**amounts), unit))  # type: ignore[arg-type]
    assert path == f"$.accounts[1042].{field}"


def test_ledger_equal_texts_share_one_decimal_scaled_once() -> None:
    account = NS(id=1042, name="BTC vault", currency="bitcoin", type_="Bitcoin", contract_address=None)
    for unit in (ledger.MajorUnit("BTC", 8), None):
        h = ledger.account_holding(account, NS(total="150", available="150"), unit)  # type: ignore[arg-type]
        assert h.available is h.total
        assert repr(h.total) == ("Decimal('0.00000150')" if unit else "Decimal('150')")


@pytest.mark.parametrize("bad", BAD_AMOUNTS[:8])
@pytest.mark.parametrize("field", ["available_balance", "total_balance"])
def test_cryptofuse_list_bad_amount_names_its_path(bad: object, field: str) -> None:
    balances = [
        {"currency": c, "total_balance": "2.5", "available_balance": "2.0", "pending_balance": "0.5"}
        for c in ("BTC", "ETH")
    ]
    balances[1][field] = bad  # type: ignore[assignment]
    body = CurrencyBalancesList.from_dict({"balances": balances})
    assert refused(lambda: cryptofuse.balance_holdings(body)) == f"$.balances[1].{field}"


@pytest.mark.parametrize("bad", BAD_AMOUNTS)
@pytest.mark.parametrize("where", ["account", "sub_accounts"])
def test_cryptofuse_maps_bad_amount_names_its_path(bad: object, where: str) -> None:
    good = NS(additional_properties={"BTC": "1", "USDTERC20": "2"})
    bad_map = NS(additional_properties={"BTC": "1", "USDTERC20": bad})
    body = NS(account=bad_map if where == "account" else good, sub_accounts=bad_map if where != "account" else good)
    assert refused(lambda: cryptofuse.balance_holdings(body)) == f"$.{where}.USDTERC20"


@pytest.mark.parametrize("bad", BAD_AMOUNTS)
@pytest.mark.parametrize(("kind", "path"), [("positions", "$.sub_accounts[1].positions[1].balance"),
                                            ("idle", "$.sub_accounts[1].idle[0].balance")])  # fmt: skip
def test_byzantine_bad_amount_names_its_path(bad: object, kind: str, path: str) -> None:
    def sub(bad_in: str | None) -> NS:
        positions = [NS(chain_id=1, vault_address=f"0xv{i}", currency="usd", balance="1.5") for i in range(2)]
        idle = [NS(chain_id=1, currency="usd", balance="2")]
        if bad_in == "positions":
            positions[1].balance = bad
        if bad_in == "idle":
            idle[0].balance = bad
        return NS(wallet_address="0xabc", positions=positions, idle=idle)

    body = NS(sub_accounts=[sub(None), sub(kind)])
    ref = byzantine.AccountRef("acct", "Account")
    assert refused(lambda: byzantine.balance_holdings(ref, body)) == path  # type: ignore[arg-type]


# -- over HTTP: whole holdings, repr for repr, equal the sandbox's truth --------------------------------------------


def reprs(items: list[Holding], provider: str) -> list[str]:
    """Each holding's repr; Ledger's amounts by value (the sandbox's truth drops trailing zeros of scaled amounts)."""
    if provider == "ledger":
        shown = [(attrs.evolve(h, available=None, total=Decimal(0)), h.available, h.total) for h in rows(items)]
        return [f"{h!r} {Fraction(available or 0)} {Fraction(total)}" for h, available, total in shown]
    return [repr(h) for h in rows(items)]


async def collect(mod: Any, client: Any) -> list[Holding]:
    return [h async for h in mod.aholdings(client)]


@pytest.mark.parametrize(
    "config",
    [
        SandboxConfig(accounts=60),
        SandboxConfig(accounts=30, bitgo_link_legacy=True, cryptofuse_shape="maps", ledger_numeric_share=1.0),
    ],
    ids=["published", "alternative-shapes"],
)
def test_holdings_repr_equal_truth(config: SandboxConfig, balancekit_sandbox_factory: Callable[..., Sandbox]) -> None:
    """Shared strings, date-times and decimals change no holding: every field and its repr is the truth's."""
    sandbox = balancekit_sandbox_factory(config=config).start()
    for provider in PROVIDERS:
        mod = module(provider)
        client = mod.connect(**sandbox.connect_kwargs(provider))
        truth = reprs(sandbox.truth(provider), provider)
        assert reprs(list(mod.holdings(client)), provider) == truth, provider
        assert reprs(asyncio.run(collect(mod, client)), provider) == truth, provider


def test_bitgo_link_holdings_share_what_they_keep(balancekit_sandbox: Sandbox) -> None:
    """Kept holdings stay lean: one object per account id, sub-type, code and date-time, not one per row."""
    client = bitgo_link.connect(**balancekit_sandbox.connect_kwargs("bitgo-link"))
    got = list(bitgo_link.holdings(client))
    accounts = {h.account_id for h in got}
    assert len({id(h.account_id) for h in got}) == len(accounts)
    assert len({id(h.wallet) for h in got}) == len({h.wallet for h in got}) == 2
    assert len({id(h.provider_asset) for h in got}) == len({h.provider_asset for h in got})
    assert len({id(h.asset) for h in got}) == len({h.asset for h in got})
    assert len({id(h.as_of) for h in got}) == len({h.as_of for h in got})
