"""Which snapshots a retention rule keeps: every one for a while, then one a day, then one a month.

The last snapshot of a day (UTC) or month stands for it; the newest snapshot is always kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

import attrs

from balancekit.store.model import SnapshotInfo


@attrs.frozen
class Retention:
    """Keep all snapshots younger than `all_for`, the last of each day younger than `daily_for`, then the last
    of each month younger than `monthly_for` (None: forever); the rest go."""

    all_for: timedelta = timedelta(days=7)
    daily_for: timedelta = timedelta(days=90)
    monthly_for: timedelta | None = None

    def doomed(self, infos: Sequence[SnapshotInfo], now: datetime) -> list[int]:
        """Ids of the snapshots this rule drops (of one tenant and kind: prune each group on its own)."""
        ordered = sorted(infos, key=lambda i: (i.finished_at, i.id))
        keep: set[int] = {ordered[-1].id} if ordered else set()
        last_of_day: dict[str, int] = {}
        last_of_month: dict[str, int] = {}
        for info in ordered:  # oldest first: the last of a day or month wins
            last_of_day[info.finished_at.strftime("%Y-%m-%d")] = info.id
            last_of_month[info.finished_at.strftime("%Y-%m")] = info.id
        daily, monthly = set(last_of_day.values()), set(last_of_month.values())
        for info in ordered:
            age = now - info.finished_at
            if (
                age <= self.all_for
                or (age <= self.daily_for and info.id in daily)
                or ((self.monthly_for is None or age <= self.monthly_for) and info.id in monthly)
            ):
                keep.add(info.id)
        return [i.id for i in ordered if i.id not in keep]
