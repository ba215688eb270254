"""What changed between two snapshots: exact per-asset totals and per-holding moves, unknown never read as zero.

Only providers that answered in both snapshots are compared. A provider that failed (or was not queried) in
either is unknown: its holdings are listed as unknown and every asset's change names it (its part is not
known), never a move to or from zero.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any, Literal

import attrs

from balancekit.holding import Holding
from balancekit.money import exact_sum
from balancekit.store.model import Snapshot, SnapshotInfo, StoreError
from balancekit.store.rows import ASSET, AVAILABLE, KIND, PROVIDER, TOTAL, UNIT, Row, amount, as_row, holdings

Change = Literal["appeared", "disappeared", "changed", "unknown"]
AssetKey = tuple[str, str, str]  # (kind, unit, ASSET)


def asset_key(h: Holding) -> AssetKey:
    return (h.kind, h.unit, h.asset.upper())


def minus(after: Decimal, before: Decimal) -> Decimal:
    """after - before, exactly (unary minus would round in the context: copy_negate does not)."""
    return exact_sum((after, before.copy_negate()))


@attrs.frozen
class AssetChange:
    """One canonical asset's totals over the providers known in both snapshots, and the exact change."""

    asset: str
    unit: str
    kind: str
    before: Decimal
    after: Decimal
    change: Decimal
    unknown: tuple[str, ...] = ()  # providers unknown in either snapshot: their part of this asset is not known


@attrs.frozen
class HoldingChange:
    """One holding that appeared, disappeared, changed (with the exact delta of its total), or is unknown."""

    change: Change
    before: Holding | None
    after: Holding | None

    @property
    def holding(self) -> Holding:
        held = self.after or self.before
        assert held is not None
        return held

    @property
    def delta(self) -> Decimal | None:
        """after.total - before.total (a disappeared holding: -before; appeared: after; unknown: None)."""
        if self.change == "unknown":
            return None
        return minus(self.after.total if self.after else Decimal(0), self.before.total if self.before else Decimal(0))


@attrs.frozen
class Diff:
    """From snapshot `a` to snapshot `b`."""

    a: SnapshotInfo
    b: SnapshotInfo
    known: tuple[str, ...]  # providers that answered in both
    unknown: tuple[str, ...]  # providers failed or missing in either
    assets: list[AssetChange]
    holdings: list[HoldingChange]


def diff(a: Snapshot, b: Snapshot, *, mixed: bool = False) -> Diff:
    """Snapshot a to snapshot b. Sandbox and real snapshots are never compared unless `mixed`."""
    return diff_rows(a.info, b.info, [as_row(h) for h in a.holdings], [as_row(h) for h in b.holdings], mixed=mixed)


def _same(old: Any, new: Any) -> bool:
    """Two stored amounts (or None) are equal: equal text is equal, else compared as Decimals (1.0 == 1.00)."""
    if old == new:
        return True
    return old is not None and new is not None and amount(old) == amount(new)


def diff_rows(a: SnapshotInfo, b: SnapshotInfo, rows_a: list[Row], rows_b: list[Row], *, mixed: bool = False) -> Diff:
    """diff() of two snapshots' stored rows (store.rows): holdings are built only for the rows that moved."""
    if a.sandbox != b.sandbox and not mixed:
        raise StoreError(
            f"snapshot {a.id} is {'sandbox' if a.sandbox else 'real'} and {b.id} is "
            f"{'sandbox' if b.sandbox else 'real'}: not compared (ask for it explicitly)"
        )
    queried = {p.provider for p in a.providers} | {p.provider for p in b.providers}

    def ok(info: SnapshotInfo, provider: str) -> bool:
        status = info.status(provider)
        return status is not None and status.known

    known = tuple(sorted(p for p in queried if ok(a, p) and ok(b, p)))
    unknown = tuple(sorted(queried - set(known)))
    before = {(r[0], r[1], r[3], r[4], r[6] or r[5]): r for r in rows_a}  # rows.key(r), inlined (50,000 a side)
    after = {(r[0], r[1], r[3], r[4], r[6] or r[5]): r for r in rows_b}
    if len(before) != len(rows_a) or len(after) != len(rows_b):
        raise StoreError("a snapshot holds two holdings of one identity: it cannot be compared")

    olds: dict[tuple[str, str, str], list[Decimal]] = defaultdict(list)  # (kind, unit, asset as given)
    news: dict[tuple[str, str, str], list[Decimal]] = defaultdict(list)
    moved: list[tuple[Change, Row | None, Row | None]] = []
    blind = set(unknown)
    for k, old in before.items():
        new = after.get(k)
        if old[PROVIDER] in blind:
            moved.append(("unknown", old, new))
            continue
        olds[(old[KIND], old[UNIT], old[ASSET])].append(amount(old[TOTAL]))
        if new is None:
            moved.append(("disappeared", old, None))
            continue
        news[(new[KIND], new[UNIT], new[ASSET])].append(amount(new[TOTAL]))
        if not _same(old[TOTAL], new[TOTAL]) or not _same(old[AVAILABLE], new[AVAILABLE]) or old[UNIT] != new[UNIT]:
            moved.append(("changed", old, new))
    for k, new in after.items():
        if k in before:
            continue
        if new[PROVIDER] in blind:
            moved.append(("unknown", None, new))
            continue
        news[(new[KIND], new[UNIT], new[ASSET])].append(amount(new[TOTAL]))
        moved.append(("appeared", None, new))
    sums: dict[AssetKey, tuple[list[Decimal], list[Decimal]]] = defaultdict(lambda: ([], []))
    for (kind, unit, asset), values in olds.items():
        sums[(kind, unit, asset.upper())][0].extend(values)
    for (kind, unit, asset), values in news.items():
        sums[(kind, unit, asset.upper())][1].extend(values)
    for r in [*rows_a, *rows_b] if blind else ():  # assets only an unknown provider holds are listed too
        if r[PROVIDER] in blind:
            sums[(r[KIND], r[UNIT], r[ASSET].upper())]
    changes = _changes(moved)
    changes.sort(key=lambda c: tuple(part or "" for part in c.holding.key()))
    assets = []
    for (kind, unit, asset), (old_totals, new_totals) in sorted(
        sums.items(), key=lambda kv: (kv[0][1] != "major", kv[0])
    ):
        total_before, total_after = exact_sum(old_totals), exact_sum(new_totals)
        assets.append(AssetChange(asset, unit, kind, total_before, total_after, minus(total_after, total_before),
                                  unknown))  # fmt: skip
    return Diff(a, b, known, unknown, assets, changes)


def _changes(moved: list[tuple[Change, Row | None, Row | None]]) -> list[HoldingChange]:
    """The HoldingChange of each moved pair of rows (the holdings built in one pass)."""
    built = iter(holdings(r for _, old, new in moved for r in (old, new) if r is not None))
    return [
        HoldingChange(change, None if old is None else next(built), None if new is None else next(built))
        for change, old, new in moved
    ]
