"""One normalized view of a balance, whichever provider it came from."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from types import MemberDescriptorType
from typing import TYPE_CHECKING, Literal

import attrs

from balancekit.money import Unit

if TYPE_CHECKING:
    from balancekit.assets import Registry

Kind = Literal["holding", "valuation"]


@attrs.frozen(slots=True, weakref_slot=False)
class Holding:
    """An asset balance of one account (or sub-account) at one provider.

    `unit` is "major" (BTC, USD) or "base" (satoshi-like, where the provider
    gives no scale); amounts of different units are never added together.
    `wallet` tells apart balances of one (sub-)account that share an asset:
    BitGo Link's account sub-type (SPOT, MARGIN), Byzantine's vault or idle
    balance per chain; None where the provider has no such split.

    Holdings are values and are kept by the tens of thousands: no __weakref__ slot (8 bytes each).
    """

    provider: str
    account_id: str
    account_name: str
    sub_account_id: str | None
    asset: str
    available: Decimal | None
    total: Decimal
    unit: Unit
    as_of: datetime | None = None
    wallet: str | None = attrs.field(default=None, kw_only=True)
    # asset registry
    provider_asset: str | None = attrs.field(default=None, kw_only=True)
    network: str | None = attrs.field(default=None, kw_only=True)
    kind: Kind = attrs.field(default="holding", kw_only=True)

    def key(self) -> tuple[str, str, str | None, str | None, str]:
        """The holding's identity, unique within one read of all providers (the provider's own asset code)."""
        return (self.provider, self.account_id, self.sub_account_id, self.wallet, self.provider_asset or self.asset)


# -- building many holdings cheaply ----------------------------------------------

FIELDS = (
    "provider",
    "account_id",
    "account_name",
    "sub_account_id",
    "asset",
    "available",
    "total",
    "unit",
    "as_of",
    "wallet",
    "provider_asset",
    "network",
    "kind",
)


INIT_HOOKS = ("__attrs_pre_init__", "__attrs_post_init__")


def plain_setters(cls: type, names: tuple[str, ...]) -> tuple[Callable[[object, object], None], ...]:
    """The slot setters of attrs class `cls`, whose fields must be `names` in order; TypeError if its __init__
    would do more than set them (a validator, converter or init hook), which new_holding() would silently skip."""
    fields = attrs.fields(cls)
    if tuple(f.name for f in fields) != names or any(hasattr(cls, hook) for hook in INIT_HOOKS):
        raise TypeError(f"{cls.__name__}'s fields or init hooks changed; update balancekit.holding.new_holding")
    setters: list[Callable[[object, object], None]] = []
    for field in fields:
        descriptor = cls.__dict__.get(field.name)
        if (
            field.validator is not None
            or field.converter is not None
            or not isinstance(descriptor, MemberDescriptorType)
        ):
            raise TypeError(f"{cls.__name__}.{field.name} needs attrs' __init__; update balancekit.holding.new_holding")
        setters.append(descriptor.__set__)
    return tuple(setters)


_new = object.__new__
(_provider, _account_id, _account_name, _sub_account_id, _asset, _available, _total, _unit, _as_of, _wallet,
 _provider_asset, _network, _kind) = plain_setters(Holding, FIELDS)  # fmt: skip


def new_holding(
    provider: str,
    account_id: str,
    account_name: str,
    sub_account_id: str | None,
    asset: str,
    available: Decimal | None,
    total: Decimal,
    unit: Unit,
    as_of: datetime | None,
    wallet: str | None,
    provider_asset: str | None,
    network: str | None,
    kind: Kind,
) -> Holding:
    """Holding(...) with every field given in order: the same object, for about two thirds of the CPU.

    attrs' __init__ of a frozen class sets each slot through object.__setattr__; this sets them through
    the slot descriptors. Holding has no validators, converters or post-init (checked at import).
    """
    holding: Holding = _new(Holding)
    _provider(holding, provider)
    _account_id(holding, account_id)
    _account_name(holding, account_name)
    _sub_account_id(holding, sub_account_id)
    _asset(holding, asset)
    _available(holding, available)
    _total(holding, total)
    _unit(holding, unit)
    _as_of(holding, as_of)
    _wallet(holding, wallet)
    _provider_asset(holding, provider_asset)
    _network(holding, network)
    _kind(holding, kind)
    return holding


# (asset, provider_asset, network, unit, magnitude): how holdings show one provider code; amounts in the
# provider's unit are divided by 10**magnitude (0: kept as they are).
AssetView = tuple[str, str | None, str | None, Unit, int]


class AssetViews(dict[str, AssetView]):
    """Each provider code's view, found once: `views[code]`.

    With a registry, the view is what `assets.canonical()` makes of a raw holding of that code (asset
    the code, no provider_asset or network), so holdings built from views equal `assets.apply()` of the
    raw ones; without a registry, the code is kept as it is. Every view keeps the first code object seen,
    so equal codes are one string.
    """

    __slots__ = ("assets", "provider", "unit")

    def __init__(self, provider: str, assets: Registry | None = None, unit: Unit = "major") -> None:
        self.provider, self.assets, self.unit = provider, assets, unit

    def __missing__(self, code: str) -> AssetView:
        view: AssetView = (code, None, None, self.unit, 0)
        if self.assets is not None:
            probe = Holding(self.provider, "", "", None, code, None, Decimal(1), self.unit)
            seen = self.assets.canonical(probe)
            scaled = seen.total is not probe.total  # canonical() divided base units by 10**decimals
            magnitude = -int(seen.total.as_tuple().exponent) if scaled else 0
            view = (seen.asset, seen.provider_asset, seen.network, seen.unit, magnitude)
        self[code] = view
        return view


POOL_SIZE = 4096  # a pool holding this many strings (or date-times) starts afresh: sharing stays a small cache


class Pool:
    """Holdings built together (one call of holdings()): equal strings and date-times kept once, codes seen
    through `views`.

    Every field of a Holding is immutable, so holdings can share equal values. A date-time is shared only
    with one of the same tzinfo object and fold: equal instants in other zones stay apart (their repr differs).
    """

    __slots__ = ("_texts", "_times", "checked", "views")

    def __init__(self, views: AssetViews, *, checked: bool = False) -> None:
        self.views = views
        self.checked = checked  # the models come from bodies checked against the spec (a wired client's)
        self._texts: dict[str, str] = {}
        self._times: dict[datetime, datetime] = {}

    def text(self, value: str) -> str:
        """The pool's string equal to `value` (value itself the first time)."""
        texts = self._texts
        shared = texts.get(value)
        if shared is None:
            if len(texts) >= POOL_SIZE:
                texts.clear()
            shared = texts[value] = value
        return shared

    def time(self, value: datetime | None) -> datetime | None:
        """The pool's date-time identical to `value` (value itself the first time); other values as given."""
        if type(value) is not datetime:
            return value
        times = self._times
        shared = times.get(value)
        if shared is None:
            if len(times) >= POOL_SIZE:
                times.clear()
            times[value] = value
            return value
        return shared if shared.tzinfo is value.tzinfo and shared.fold == value.fold else value
