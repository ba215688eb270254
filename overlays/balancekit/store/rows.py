"""A holding as the store reads it back: the row of `holdings` (without snapshot_id), and the Holding it makes.

Row layout (ROW_COLUMNS): provider, account_id, account_name, sub_account_id, wallet, asset, provider_asset,
network, unit, kind, available, total, neg_zero, as_of. Amounts are the canonical text (SQLite) or Decimal
(PostgreSQL NUMERIC, or a holding in memory); `neg_zero` gives back the sign of a zero (bit 1: total, bit 2:
available); as_of is ISO text (SQLite) or a datetime. No SQLAlchemy here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from balancekit.holding import Holding, new_holding

ROW_COLUMNS = ("provider", "account_id", "account_name", "sub_account_id", "wallet", "asset", "provider_asset",
               "network", "unit", "kind", "available", "total", "neg_zero", "as_of")  # fmt: skip
Row = tuple[Any, ...]
PROVIDER, ACCOUNT, SUB_ACCOUNT, WALLET, ASSET, PROVIDER_ASSET = 0, 1, 3, 4, 5, 6  # positions in a Row
UNIT, KIND, AVAILABLE, TOTAL = 8, 9, 10, 11


def key(row: Row) -> tuple[str, str, str | None, str | None, str]:
    """The row's holding identity, as Holding.key() (diff_rows inlines it)."""
    return (row[PROVIDER], row[ACCOUNT], row[SUB_ACCOUNT], row[WALLET], row[PROVIDER_ASSET] or row[ASSET])


def as_row(h: Holding) -> Row:
    """A holding in memory as a row (Decimal amounts keep their own sign, so neg_zero is 0)."""
    return (h.provider, h.account_id, h.account_name, h.sub_account_id, h.wallet, h.asset, h.provider_asset,
            h.network, h.unit, h.kind, h.available, h.total, 0, h.as_of)  # fmt: skip


def amount(stored: Any) -> Decimal:
    """A stored amount as a Decimal (text parsed exactly; a Decimal as it is)."""
    return stored if type(stored) is Decimal else Decimal(stored)


def _signed(value: Decimal) -> Decimal:
    """-0 (NUMERIC and the fixed-point text keep no sign of zero apart from neg_zero)."""
    _, digits, exponent = value.as_tuple()
    return Decimal((1, digits, int(exponent)))


def holdings(rows: Iterable[Row]) -> list[Holding]:
    """The Holding of each row, in order."""
    out: list[Holding] = []
    append = out.append
    times: dict[Any, datetime] = {}
    for (provider, account_id, account_name, sub_account_id, wallet, asset, provider_asset, network, unit, kind,
         stored_available, stored_total, neg_zero, as_of) in rows:  # fmt: skip
        total: Decimal = stored_total
        available: Decimal | None = stored_available
        if type(stored_total) is not Decimal:  # SQLite: the canonical text (PostgreSQL NUMERIC arrives as Decimal)
            total = Decimal(stored_total)
            if stored_available is not None:
                available = total if stored_available == stored_total else Decimal(stored_available)
        if neg_zero:
            total = _signed(total) if neg_zero & 1 else total
            available = _signed(available) if neg_zero & 2 and available is not None else available
        when = None
        if as_of is not None:
            when = times.get(as_of)
            if when is None:
                parsed = as_of if isinstance(as_of, datetime) else datetime.fromisoformat(as_of)
                when = times[as_of] = parsed.astimezone(UTC)
        append(new_holding(provider, account_id, account_name, sub_account_id, asset, available, total, unit, when,
                           wallet, provider_asset, network, kind))  # fmt: skip
    return out
