"""Gather results written out by hand, for the store's tests."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from balancekit.collect import GatherResult, ProviderResult
from balancekit.errors import ServerError
from balancekit.holding import Holding
from balancekit.schema import Drift

AT = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def held(
    provider: str,
    account: str,
    asset: str,
    total: str,
    available: str | None = None,
    *,
    sub: str | None = None,
    wallet: str | None = None,
    as_of: datetime | None = AT,
) -> Holding:
    """A holding of `provider`/`account` with exact amounts from text."""
    amount = None if available is None else Decimal(available)
    return Holding(provider, account, f"{account} name", sub, asset, amount, Decimal(total), "major", as_of,
                   wallet=wallet, provider_asset=asset.lower())  # fmt: skip


def gathered(*providers: ProviderResult) -> GatherResult:
    return GatherResult({p.provider: p for p in providers})


def ok(provider: str, *holdings: Holding, drift: list[Drift] | None = None) -> ProviderResult:
    return ProviderResult(provider, list(holdings), drift or [])


def failed(provider: str, message: str = "upstream is down") -> ProviderResult:
    return ProviderResult(provider, [], [], ServerError(message, provider=provider, status=503))
