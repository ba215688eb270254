"""Shared fixtures: the session sandbox comes from balancekit's own pytest plugin."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from balancekit.holding import Holding
from balancekit.sandbox import TruthRow

PROVIDER_MODULES = ("bitgo_link", "bitgo_network", "ledger", "cryptofuse", "byzantine")


def rows(items: Iterable[Holding | TruthRow]) -> list[tuple[Any, ...]]:
    """Holdings or truth rows as comparable tuples, sorted (None sorts first, Decimals by value)."""

    def key(item: Holding | TruthRow) -> tuple[Any, ...]:
        return (
            item.provider,
            item.account_id,
            item.account_name,
            item.sub_account_id or "",
            item.asset,
            item.available if item.available is not None else Decimal(-1),
            item.total,
            item.unit,
            item.provider_asset or "",
            item.network or "",
            item.kind,
        )

    return sorted(key(i) for i in items)
