"""Render holdings as a table, JSON or CSV, with exact per-asset totals."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

import attrs
from rich.console import Console
from rich.table import Table

from balancekit.holding import Holding
from balancekit.money import exact_sum

HOLDING_FIELDS = ("provider", "account_id", "account_name", "sub_account_id", "wallet", "asset", "available", "total",
                  "unit", "as_of")  # fmt: skip
CSV_FIELDS = ("source", *HOLDING_FIELDS)  # source: "sandbox" or "live"
COLUMNS = ("provider", "account", "sub-account", "wallet", "asset", "available", "total", "unit")
SANDBOX_MARK = " [SANDBOX: fake data from the embedded sandbox, not real balances]"
GROUPS: dict[str, Callable[[Holding], tuple[str, ...]]] = {
    "provider": lambda h: (h.provider, h.account_id, h.sub_account_id or "", h.wallet or "", h.asset),
    "account": lambda h: (h.provider, h.account_name, h.account_id, h.sub_account_id or "", h.wallet or "", h.asset),
    "asset": lambda h: (h.unit, h.asset.upper(), h.provider, h.account_id, h.sub_account_id or "", h.wallet or ""),
}


@attrs.frozen
class Failure:
    """One provider that could not be read."""

    provider: str
    error: str
    status: int | None
    message: str


@attrs.frozen
class SpecWarning:
    """Spec drift a provider's responses showed and balancekit tolerated (see specs/README.md)."""

    provider: str
    path: str
    message: str


@attrs.frozen
class Total:
    asset: str
    unit: str
    total: Decimal
    holdings: int


def amount(value: Decimal | None) -> str | None:
    """Exact fixed-point text of a Decimal (never exponent notation, never rounded)."""
    return None if value is None else format(value, "f")


def totals(holdings: Iterable[Holding]) -> list[Total]:
    """Exact totals per (asset, unit); assets compare case-insensitively; units are never mixed."""
    buckets: dict[tuple[str, str], list[Decimal]] = defaultdict(list)
    for h in holdings:
        buckets[(h.asset.upper(), h.unit)].append(h.total)
    return [
        Total(asset, unit, exact_sum(values), len(values))
        for (asset, unit), values in sorted(buckets.items(), key=lambda kv: (kv[0][1] != "major", kv[0]))
    ]


def ordered(holdings: Iterable[Holding], group_by: str) -> list[Holding]:
    return sorted(holdings, key=GROUPS[group_by])


def holding_dict(h: Holding) -> dict[str, Any]:
    return {"provider": h.provider, "account_id": h.account_id, "account_name": h.account_name,
            "sub_account_id": h.sub_account_id, "wallet": h.wallet, "asset": h.asset, "available": amount(h.available),
            "total": amount(h.total), "unit": h.unit, "as_of": h.as_of.isoformat() if h.as_of else None}  # fmt: skip


def to_json(
    holdings: Sequence[Holding], failures: Sequence[Failure], sandbox: bool, warnings: Sequence[SpecWarning] = ()
) -> str:
    document = {
        "holdings": [holding_dict(h) for h in holdings],
        "totals": [{"asset": t.asset, "unit": t.unit, "total": amount(t.total), "holdings": t.holdings}
                   for t in totals(holdings)],
        "errors": [{"provider": f.provider, "error": f.error, "status": f.status, "message": f.message}
                   for f in failures],
        "warnings": [{"provider": w.provider, "path": w.path, "message": w.message} for w in warnings],
        "sandbox": sandbox,
    }  # fmt: skip
    return json.dumps(document, indent=2)


def to_csv(holdings: Sequence[Holding], sandbox: bool) -> str:
    """One row per holding; the first column says whether it came from the sandbox."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    source = "sandbox" if sandbox else "live"
    for h in holdings:
        writer.writerow({"source": source} | {k: ("" if v is None else v) for k, v in holding_dict(h).items()})
    return out.getvalue()


def short(identifier: str, keep: int = 10) -> str:
    """Identifiers shortened for the table (JSON and CSV carry them whole)."""
    return identifier if len(identifier) <= keep + 1 else identifier[:keep] + "…"


def print_table(console: Console, holdings: Sequence[Holding], group_by: str, sandbox: bool) -> None:
    """Holdings and per-asset totals; the title marks sandbox data."""
    mark = SANDBOX_MARK if sandbox else ""
    table = Table(title=f"Holdings by {group_by}{mark}", title_justify="left", show_lines=False)
    for column in COLUMNS:
        folds = column in ("account", "sub-account", "wallet")  # identifiers fold; names, assets and amounts stay whole
        table.add_column(
            column,
            justify="right" if column in ("available", "total") else "left",
            no_wrap=not folds,
            overflow="fold" if folds else "ellipsis",
            ratio=1 if folds else None,
        )
    previous = None
    for h in holdings:
        group = GROUPS[group_by](h)[:2]
        if previous is not None and group != previous:
            table.add_section()
        previous = group
        table.add_row(
            h.provider,
            f"{h.account_name} ({short(h.account_id)})",
            short(h.sub_account_id or ""),
            short(h.wallet or ""),
            h.asset,
            amount(h.available) or "-",
            amount(h.total),
            h.unit,
        )
    console.print(table)
    sums = totals(holdings)
    for unit, title in (
        ("major", "Totals per asset (major units)"),
        ("base", "Base-unit totals (no scale given by the provider; never added to major units)"),
    ):
        rows = [t for t in sums if t.unit == unit]
        if not rows:
            continue
        summary = Table(title=title + mark, title_justify="left")
        summary.add_column("asset")
        summary.add_column("total", justify="right", no_wrap=True)
        summary.add_column("holdings", justify="right")
        for t in rows:
            summary.add_row(t.asset, amount(t.total), str(t.holdings))
        console.print(summary)


def failure_line(f: Failure) -> str:
    """One line per failed provider, for stderr (every output format)."""
    status = f" HTTP {f.status}" if f.status else ""
    return f"balancekit: {f.provider} failed:{status} {f.error}: {f.message}"
