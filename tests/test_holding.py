"""The cheap ways to build many holdings are the same holdings: new_holding(), AssetViews, Pool."""

from __future__ import annotations

import pickle
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import attrs
import pytest

from balancekit import assets
from balancekit.holding import FIELDS, AssetViews, Holding, Pool, new_holding, plain_setters
from balancekit.money import scale_down
from balancekit.providers import PROVIDERS

WHEN = datetime(2026, 1, 1, tzinfo=UTC)


FULL = Holding("p", "a", "n", "s", "BTC", Decimal("1.50"), Decimal("2"), "major", WHEN, wallet="SPOT",
               provider_asset="btc", network="bitcoin", kind="valuation")  # fmt: skip
SPARSE = Holding("p", "a", "n", None, "BTC", None, Decimal("-0E-3"), "base")


@pytest.mark.parametrize(
    ("h", "key"),
    [(FULL, ("p", "a", "s", "SPOT", "btc")), (SPARSE, ("p", "a", None, None, "BTC"))],
    ids=["every-field", "defaults"],
)
def test_new_holding_is_the_same_holding(h: Holding, key: tuple[str | None, ...]) -> None:
    built = new_holding(*(getattr(h, name) for name in FIELDS))
    assert type(built) is Holding
    assert built == h
    assert repr(built) == repr(h)
    assert hash(built) == hash(h)
    assert built.key() == h.key() == key
    assert pickle.loads(pickle.dumps(built)) == h  # noqa: S301 (our own bytes)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        built.total = Decimal(3)  # type: ignore[misc]
    assert not hasattr(built, "__dict__")


def test_holding_fields_and_defaults_are_unchanged() -> None:
    assert tuple(f.name for f in attrs.fields(Holding)) == FIELDS
    assert Holding.__slots__ == FIELDS  # one slot a field, nothing else (no __dict__, no __weakref__)
    h = Holding("p", "a", "n", None, "BTC", None, Decimal(1), "major")
    assert (h.as_of, h.wallet, h.provider_asset, h.network, h.kind) == (None, None, None, None, "holding")


def raw_holdings() -> list[Holding]:
    """A raw holding of every code the registry maps, plus an unknown one, in both units."""
    codes = sorted({(m.provider, m.code) for m in assets.builtin().mappings.values()})
    codes += [(p, "NOT-MAPPED") for p in PROVIDERS]
    return [
        Holding(provider, "a", "n", None, code, available, Decimal("12345678901"), unit)
        for provider, code in codes
        for unit in ("major", "base")
        for available in (None, Decimal("-0.000100"))
    ]


@pytest.mark.parametrize(
    "registry",
    [
        assets.builtin(),
        assets.builtin().overlay(
            {"providers": {"bitgo-network": {"ofcbtc": {"asset": "BTC", "network": "ofc", "source": "t"}}}}, "t"
        ),  # a base-unit code without decimals stays in base units
    ],
    ids=["builtin", "no-decimals"],
)
def test_asset_views_give_what_canonical_gives(registry: assets.Registry) -> None:
    for raw in raw_holdings():
        views = AssetViews(raw.provider, registry, raw.unit)
        asset, code, network, unit, magnitude = views[raw.asset]
        available, total = raw.available, raw.total
        if magnitude:
            available = None if available is None else scale_down(available, magnitude)
            total = scale_down(total, magnitude)
        built = attrs.evolve(raw, asset=asset, provider_asset=code, network=network, unit=unit, available=available,
                             total=total)  # fmt: skip
        expected = registry.canonical(raw)
        assert repr(built) == repr(expected), raw


def test_asset_views_without_a_registry_keep_the_code_and_share_it() -> None:
    views = AssetViews("bitgo-link")
    first, second = "".join(["b", "tc"]), "".join(["bt", "c"])
    assert first is not second
    assert views[first] == ("btc", None, None, "major", 0)
    assert views[second][0] is first


def test_pool_shares_equal_strings() -> None:
    pool = Pool(AssetViews("p"))
    first, second = "".join(["SP", "OT"]), "".join(["S", "POT"])
    assert pool.text(first) is first
    assert pool.text(second) is first


def test_pool_shares_only_identical_date_times() -> None:
    pool = Pool(AssetViews("p"))
    utc = datetime.fromisoformat("2026-01-01T00:00:00.000Z")
    assert pool.time(utc) is utc
    assert pool.time(datetime.fromisoformat("2026-01-01T00:00:00+00:00")) is utc  # the same instant, zone and repr
    paris = datetime.fromisoformat("2026-01-01T01:00:00+01:00")  # equal to utc, but shown in another zone
    assert paris == utc
    assert pool.time(paris) is paris
    assert repr(pool.time(paris)) == repr(paris)
    named = datetime(2026, 1, 1, tzinfo=timezone(timedelta(0), "Z"))  # equal, same offset, another tzinfo
    assert pool.time(named) is named
    folded = utc.replace(fold=1)
    assert pool.time(folded) is folded
    naive = datetime(2026, 1, 1)
    assert pool.time(naive) is naive
    assert pool.time(None) is None
    odd: object = "2026-01-01"
    assert pool.time(odd) is odd  # type: ignore[arg-type]


def test_pool_starts_afresh_at_4096_strings() -> None:
    pool = Pool(AssetViews("p"))
    first = [pool.text("".join(["s", str(i)])) for i in range(4096)]
    assert pool.text("".join(["s", "0"])) is first[0]  # 4096 kept
    newest = "".join(["s", "new"])
    assert pool.text(newest) is newest  # the 4097th: the pool starts afresh with it
    again = "".join(["s", "0"])
    assert pool.text(again) is again  # forgotten
    assert pool.text("".join(["s", "new"])) is newest


def test_pool_starts_afresh_at_4096_date_times() -> None:
    pool = Pool(AssetViews("p"))
    first = [pool.time(WHEN + timedelta(seconds=i)) for i in range(4096)]
    assert pool.time(WHEN + timedelta(seconds=0)) is first[0]  # 4096 kept
    newest = WHEN - timedelta(days=1)
    assert pool.time(newest) is newest  # the 4097th: the pool starts afresh with it
    again = WHEN + timedelta(seconds=0)
    assert pool.time(again) is again  # forgotten
    assert pool.time(WHEN - timedelta(days=1)) is newest


def test_fields_after_as_of_are_keyword_only() -> None:
    with pytest.raises(TypeError, match="positional argument"):
        Holding("p", "a", "n", None, "BTC", None, Decimal(1), "major", WHEN, "SPOT")  # type: ignore[call-arg]
    h = Holding("p", "a", "n", None, "BTC", None, Decimal(1), "major", WHEN, wallet="SPOT", provider_asset="btc",
                network="bitcoin", kind="valuation")  # fmt: skip
    assert (h.wallet, h.provider_asset, h.network, h.kind) == ("SPOT", "btc", "bitcoin", "valuation")


@attrs.frozen(slots=True)
class Plain:
    a: int
    b: int = 0


@attrs.frozen(slots=True)
class Validated:
    a: int = attrs.field(validator=attrs.validators.instance_of(int))
    b: int = 0


@attrs.frozen(slots=True)
class Converted:
    a: int
    b: int = attrs.field(default=0, converter=int)


@attrs.frozen(slots=True)
class PostInit:
    a: int
    b: int = 0

    def __attrs_post_init__(self) -> None:
        pass


@attrs.frozen(slots=True)
class PreInit:
    a: int
    b: int = 0

    def __attrs_pre_init__(self) -> None:
        pass


@attrs.frozen(slots=False)
class Unslotted:
    a: int
    b: int = 0


def test_plain_setters_set_each_slot_in_order() -> None:
    a, b = plain_setters(Plain, ("a", "b"))
    built = object.__new__(Plain)
    a(built, 1)
    b(built, 2)
    assert built == Plain(1, 2)


@pytest.mark.parametrize(
    ("cls", "names", "message"),
    [
        (Plain, ("b", "a"), "Plain's fields or init hooks changed"),
        (Plain, ("a",), "Plain's fields or init hooks changed"),
        (PostInit, ("a", "b"), "PostInit's fields or init hooks changed"),
        (PreInit, ("a", "b"), "PreInit's fields or init hooks changed"),
        (Validated, ("a", "b"), r"Validated\.a needs attrs' __init__"),
        (Converted, ("a", "b"), r"Converted\.b needs attrs' __init__"),
        (Unslotted, ("a", "b"), r"Unslotted\.a needs attrs' __init__"),
    ],
    ids=["reordered", "missing", "post-init", "pre-init", "validator", "converter", "no-slots"],
)
def test_plain_setters_refuse_what_new_holding_would_skip(cls: type, names: tuple[str, ...], message: str) -> None:
    with pytest.raises(TypeError, match=message):
        plain_setters(cls, names)
