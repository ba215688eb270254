"""Per-asset totals over time: the last snapshot in each bucket, each provider's part, unknown kept unknown.

A point's `total` is None when a provider of the series (queried in any of its snapshots) did not answer in
that snapshot or was not queried: its part is unknown, not zero; `known` is then the sum over those that did.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from decimal import Decimal

import attrs

from balancekit.money import exact_sum
from balancekit.store.model import SnapshotInfo
from balancekit.store.timespan import bucket


@attrs.frozen
class Point:
    """One asset's total in one snapshot (the last of its bucket)."""

    at: datetime  # the bucket's start (with no bucket: the snapshot's finish)
    snapshot: int
    finished_at: datetime
    total: Decimal | None  # None: some provider's part is unknown
    known: Decimal  # the sum of the parts that are known
    by_provider: dict[str, Decimal | None]  # every provider of the series: its part, None where unknown


@attrs.frozen
class Series:
    """One asset (of one unit and kind) over time."""

    asset: str
    unit: str
    kind: str
    points: list[Point]


def last_per_bucket(infos: Sequence[SnapshotInfo], every: timedelta | None) -> list[tuple[datetime, SnapshotInfo]]:
    """(bucket start, last snapshot finished in it), oldest first; every snapshot when `every` is None."""
    if every is None:
        return [(i.finished_at, i) for i in infos]
    last: dict[datetime, SnapshotInfo] = {}
    for info in infos:  # oldest first: a later one replaces an earlier one of the same bucket
        last[bucket(info.finished_at, every)] = info
    return sorted(last.items(), key=lambda kv: kv[0])


def points(
    chosen: Sequence[tuple[datetime, SnapshotInfo]], parts: Mapping[int, Mapping[str, Sequence[Decimal]]]
) -> list[Point]:
    """Each chosen snapshot's point, from its holdings' totals of the asset per provider (`parts`)."""
    out = []
    every = sorted({p.provider for _, info in chosen for p in info.providers})
    for at, info in chosen:
        held = parts.get(info.id, {})
        answered = {p.provider for p in info.providers if p.known}
        by_provider: dict[str, Decimal | None] = {
            p: exact_sum(held.get(p, ())) if p in answered else None for p in every
        }
        known = exact_sum(v for v in by_provider.values() if v is not None)
        total = None if any(v is None for v in by_provider.values()) else known
        out.append(Point(at, info.id, info.finished_at, total, known, by_provider))
    return out
