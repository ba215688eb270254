"""What changed between two snapshots: exact per-asset totals and per-holding moves, unknown never read as zero.

Only providers that answered in both snapshots are compared. A provider that failed (or was not queried) in
either is unknown: its holdings are listed as unknown and every asset's change names it (its part is not
known), never a move to or from zero.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Literal

import attrs

from balancekit.holding import Holding
from balancekit.money import exact_sum
from balancekit.store.model import Snapshot, SnapshotInfo, StoreError

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
    if a.info.sandbox != b.info.sandbox and not mixed:
        raise StoreError(
            f"snapshot {a.info.id} is {'sandbox' if a.info.sandbox else 'real'} and {b.info.id} is "
            f"{'sandbox' if b.info.sandbox else 'real'}: not compared (ask for it explicitly)"
        )
    queried = {p.provider for p in a.info.providers} | {p.provider for p in b.info.providers}

    def ok(info: SnapshotInfo, provider: str) -> bool:
        status = info.status(provider)
        return status is not None and status.known

    known = tuple(sorted(p for p in queried if ok(a.info, p) and ok(b.info, p)))
    unknown = tuple(sorted(queried - set(known)))
    before = {h.key(): h for h in a.holdings}
    after = {h.key(): h for h in b.holdings}
    if len(before) != len(a.holdings) or len(after) != len(b.holdings):
        raise StoreError("a snapshot holds two holdings of one identity: it cannot be compared")

    olds: dict[tuple[str, str, str], list[Decimal]] = defaultdict(list)  # (kind, unit, asset as given)
    news: dict[tuple[str, str, str], list[Decimal]] = defaultdict(list)
    changes: list[HoldingChange] = []
    blind = set(unknown)
    for key, old in before.items():
        new = after.get(key)
        if old.provider in blind:
            changes.append(HoldingChange("unknown", old, new))
            continue
        olds[(old.kind, old.unit, old.asset)].append(old.total)
        if new is None:
            changes.append(HoldingChange("disappeared", old, None))
            continue
        news[(new.kind, new.unit, new.asset)].append(new.total)
        if old.total != new.total or old.available != new.available or old.unit != new.unit:
            changes.append(HoldingChange("changed", old, new))
    for key, new in after.items():
        if key in before:
            continue
        if new.provider in blind:
            changes.append(HoldingChange("unknown", None, new))
            continue
        news[(new.kind, new.unit, new.asset)].append(new.total)
        changes.append(HoldingChange("appeared", None, new))
    sums: dict[AssetKey, tuple[list[Decimal], list[Decimal]]] = defaultdict(lambda: ([], []))
    for (kind, unit, asset), values in olds.items():
        sums[(kind, unit, asset.upper())][0].extend(values)
    for (kind, unit, asset), values in news.items():
        sums[(kind, unit, asset.upper())][1].extend(values)
    for h in [*a.holdings, *b.holdings] if blind else ():  # assets only an unknown provider holds are listed too
        if h.provider in blind:
            sums[asset_key(h)]
    changes.sort(key=lambda c: tuple(part or "" for part in c.holding.key()))
    assets = []
    for (kind, unit, asset), (old_totals, new_totals) in sorted(
        sums.items(), key=lambda kv: (kv[0][1] != "major", kv[0])
    ):
        total_before, total_after = exact_sum(old_totals), exact_sum(new_totals)
        assets.append(AssetChange(asset, unit, kind, total_before, total_after, minus(total_after, total_before),
                                  unknown))  # fmt: skip
    return Diff(a.info, b.info, known, unknown, assets, changes)
