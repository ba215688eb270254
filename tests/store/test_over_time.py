"""diff, series and retention on hand-written snapshots: exact deltas, unknown never zero, buckets, what prune keeps."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from balancekit.store import open_store
from balancekit.store.model import SnapshotInfo
from balancekit.store.retention import Retention
from balancekit.store.timespan import duration
from tests.store.helpers import AT, failed, gathered, held, ok


def test_diff_lists_exact_moves_and_keeps_a_failed_provider_unknown(store_url: str) -> None:
    first = gathered(
        ok("ledger", held("ledger", "1", "BTC", "1.00000001"), held("ledger", "2", "ETH", "5"),
           held("ledger", "3", "BTC", "0.5", sub="cold")),
        ok("cryptofuse", held("cryptofuse", "main", "BTC", "7")),
    )  # fmt: skip
    second = gathered(
        ok("ledger", held("ledger", "1", "BTC", "0.99999999"), held("ledger", "4", "BTC", "1E-30"),
           held("ledger", "3", "BTC", "0.5", sub="cold")),
        failed("cryptofuse"),
    )  # fmt: skip
    with open_store(store_url) as store:
        a = store.save(first, finished_at=AT)
        b = store.save(second, finished_at=AT + timedelta(hours=1))
        d = store.diff()
    assert (d.a.id, d.b.id, d.known, d.unknown) == (a.id, b.id, ("ledger",), ("cryptofuse",))
    moves = [(c.change, c.holding.account_id, c.delta) for c in d.holdings]
    assert moves == [
        ("unknown", "main", None),
        ("changed", "1", Decimal("-0.00000002")),
        ("disappeared", "2", Decimal("-5")),
        ("appeared", "4", Decimal("1E-30")),
    ]
    totals = [(c.asset, c.before, c.after, c.change, c.unknown) for c in d.assets]
    assert totals == [
        ("BTC", Decimal("1.50000001"), Decimal("1.499999990000000000000000000001"),
         Decimal("-0.000000019999999999999999999999"), ("cryptofuse",)),
        ("ETH", Decimal("5"), Decimal("0"), Decimal("-5"), ("cryptofuse",)),
    ]  # fmt: skip


def test_diff_compares_amounts_by_value_where_their_text_differs(store_url: str) -> None:
    first = gathered(ok("ledger", held("ledger", "1", "BTC", "1.0", "1.0"), held("ledger", "2", "BTC", "2", "2"),
                        held("ledger", "3", "BTC", "3.10", "3")))  # fmt: skip
    second = gathered(ok("ledger", held("ledger", "1", "BTC", "1.00", "1"), held("ledger", "2", "BTC", "2", "1"),
                         held("ledger", "3", "BTC", "3.11", "3")))  # fmt: skip
    with open_store(store_url) as store:
        store.save(first, finished_at=AT)
        store.save(second, finished_at=AT + timedelta(hours=1))
        d = store.diff()
    assert [(c.change, c.holding.account_id, c.delta) for c in d.holdings] == [
        ("changed", "2", Decimal("0")),  # only available moved
        ("changed", "3", Decimal("0.01")),
    ]
    assert [(c.asset, c.before, c.after, c.change) for c in d.assets] == [
        ("BTC", Decimal("6.10"), Decimal("6.11"), Decimal("0.01"))
    ]


def test_series_takes_the_last_snapshot_of_each_bucket(store_url: str) -> None:
    with open_store(store_url) as store:
        for minutes, amount in ((0, "1"), (30, "2"), (70, "3"), (150, "4")):
            store.save(
                gathered(ok("ledger", held("ledger", "1", "BTC", amount))), finished_at=AT + timedelta(minutes=minutes)
            )
        store.save(gathered(failed("ledger")), finished_at=AT + timedelta(minutes=170))
        hourly = store.series("btc", every=duration("1h"))
        everything = store.series("BTC", since=AT + timedelta(minutes=60))
    assert [(p.at, p.total, p.by_provider) for p in hourly.points] == [
        (datetime(2026, 11, 30, 12, 0, tzinfo=UTC), Decimal("2"), {"ledger": Decimal("2")}),
        (datetime(2026, 11, 30, 13, 0, tzinfo=UTC), Decimal("3"), {"ledger": Decimal("3")}),
        (datetime(2026, 11, 30, 14, 0, tzinfo=UTC), None, {"ledger": None}),  # the last of 14:00 failed: unknown
    ]
    assert [p.total for p in everything.points] == [Decimal("3"), Decimal("4"), None]


def info(sid: int, when: datetime) -> SnapshotInfo:
    return SnapshotInfo(sid, "default", False, when, when, when, "0.1.0", 0, ())


def test_retention_keeps_all_then_daily_then_monthly() -> None:
    now = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    infos = [
        info(1, datetime(2026, 6, 3, 8, 0, tzinfo=UTC)),  # June: the last of its month stays
        info(2, datetime(2026, 6, 20, 8, 0, tzinfo=UTC)),
        info(3, datetime(2026, 10, 1, 8, 0, tzinfo=UTC)),  # inside 90 days: daily
        info(4, datetime(2026, 10, 1, 9, 0, tzinfo=UTC)),
        info(5, datetime(2026, 11, 30, 8, 0, tzinfo=UTC)),  # inside 7 days: all
        info(6, datetime(2026, 11, 30, 9, 0, tzinfo=UTC)),
    ]
    assert Retention().doomed(infos, now) == [1, 3]
    assert Retention(monthly_for=timedelta(days=120)).doomed(infos, now) == [1, 2, 3]
    assert Retention(all_for=timedelta(0), daily_for=timedelta(0), monthly_for=timedelta(0)).doomed(infos, now) == [
        1, 2, 3, 4, 5
    ]  # fmt: skip
