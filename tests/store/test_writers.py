"""Whole or absent under a kill, and many writers on one database: tested in real processes on both backends."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from balancekit.store import open_store
from tests.store.helpers import gathered, held, ok

ROOT = Path(__file__).parents[2]


def writer(url: str, tag: str, count: int, pause_at: int | None = None) -> subprocess.Popen[str]:
    cmd = [sys.executable, "-m", "tests.store.writer", url, tag, str(count)]
    if pause_at is not None:
        cmd.append(str(pause_at))
    return subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)


def expect(process: subprocess.Popen[str], line: str) -> str:
    assert process.stdout is not None
    got = process.stdout.readline().strip()
    assert got.startswith(line), f"the writer said {got!r}, expected {line!r}"
    return got


def held_rows(url: str) -> int:
    with open_store(url) as store, store.engine.connect() as conn:
        return int(conn.exec_driver_sql("SELECT count(*) FROM holdings").scalar_one())


def test_a_kill_during_save_leaves_the_previous_snapshots_and_no_partial_one(store_url: str) -> None:
    with open_store(store_url) as store:
        before = store.save(gathered(ok("ledger", held("ledger", "1000", "BTC", "1.5"))))
    process = writer(store_url, "killed", 8_000, pause_at=6_000)  # a batch of 5,000 is in the database
    expect(process, "begin")
    expect(process, "paused")
    process.kill()
    process.wait()
    with open_store(store_url) as store:
        assert [i.id for i in store.snapshots(tenant=None)] == [before.id]
        assert store.load(before.id).holdings[0].total == Decimal("1.5")
        after = store.save(gathered(ok("ledger", held("ledger", "1000", "BTC", "2"))))
        assert [i.id for i in store.snapshots(tenant=None)] == [before.id, after.id]
    assert held_rows(store_url) == 2


def test_two_writers_never_interleave_and_a_reader_sees_only_whole_snapshots(store_url: str) -> None:
    with open_store(store_url) as store:
        first = store.save(gathered(ok("ledger", held("ledger", "1000", "BTC", "1"))))
    a = writer(store_url, "a", 7_000, pause_at=6_000)
    expect(a, "begin")
    expect(a, "paused")  # a is mid-transaction, 5,000 holdings written
    with open_store(store_url) as store:  # a reader now sees the first snapshot only
        assert [i.id for i in store.snapshots(tenant=None)] == [first.id]
        assert len(store.load(first.id).holdings) == 1
    b = writer(store_url, "b", 3_000)
    expect(b, "begin")  # b is saving too: it waits for a's transaction
    assert a.stdin is not None
    a.stdin.write("go\n")
    a.stdin.flush()
    saved_a = int(expect(a, "saved").split()[1])
    saved_b = int(expect(b, "saved").split()[1])
    assert (a.wait(), b.wait()) == (0, 0)
    with open_store(store_url) as store:
        infos = {i.tenant: i for i in store.snapshots(tenant=None)}
        assert sorted(infos) == ["a", "b", "default"]
        for tag, count, sid in (("a", 7_000, saved_a), ("b", 3_000, saved_b)):
            snap = store.load(sid)
            assert (snap.info.tenant, snap.info.holdings, len(snap.holdings)) == (tag, count, count)
            assert {h.account_id[:2] for h in snap.holdings} == {f"{tag}-"}
    assert held_rows(store_url) == 1 + 7_000 + 3_000
