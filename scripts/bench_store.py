"""The store's bench step (called by scripts/bench.py as step `store`): save and diff 50,000 holdings.

Keys: store_save_us_per_holding_sqlite, store_save_us_per_holding_postgres (one snapshot of 50,000 holdings,
wall time of save() per holding, best of the repeats), store_diff_s_50k (diff() of two stored 50,000-holding
snapshots, loads included), store_bytes_per_holding_sqlite (file growth per holding saved). PostgreSQL runs as
a throwaway server from the installed binaries (balancekit.store.pgserver).
"""

from __future__ import annotations

import tempfile
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from balancekit.collect import GatherResult, ProviderResult
from balancekit.holding import Holding
from balancekit.store import open_store, pgserver

HOLDINGS = 50_000
GOALS = {"store_save_us_per_holding_sqlite": ("<=", 20.0), "store_diff_s_50k": ("<=", 1.0)}
AS_OF = datetime(2026, 12, 1, tzinfo=UTC)


def holdings(moved: int = 0) -> list[Holding]:
    """50,000 holdings shaped like a large BitGo Link read (uuid-long ids, 8 decimals); `moved` of them changed."""
    out = []
    for i in range(HOLDINGS):
        total = Decimal(f"{i * 7919 % 1_000_000}.{i * 104729 % 10**8:08d}") + (Decimal("0.5") if i < moved else 0)
        out.append(Holding("bitgo-link", f"{i // 4:08d}-3577-4904-962f-335af4f2ecab", f"Trading account {i // 4:05d}",
                           None, ("BTC", "ETH", "USDC", "SOL")[i % 4], total, total, "major",
                           AS_OF - timedelta(minutes=i % 60), wallet="SPOT",
                           provider_asset=("btc", "eth", "usdc", "sol")[i % 4]))  # fmt: skip
    return out


def result(held: list[Holding]) -> GatherResult:
    return GatherResult({"bitgo-link": ProviderResult("bitgo-link", held)})


def save_us(url: str, repeats: int) -> float:
    """Best save() time per holding, in µs."""
    batch = result(holdings())
    best = float("inf")
    with open_store(url) as store:
        for _ in range(repeats):
            started = time.perf_counter()
            store.save(batch)
            best = min(best, time.perf_counter() - started)
    return best / HOLDINGS * 1e6


def run(repeats: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        out["store_save_us_per_holding_sqlite"] = save_us(f"sqlite:///{path}", repeats)
        with open_store(f"sqlite:///{path}") as store:
            a = store.save(result(holdings()))
            b = store.save(result(holdings(moved=5_000)))
            best = float("inf")
            for _ in range(repeats):
                started = time.perf_counter()
                changes = store.diff(a.id, b.id)
                best = min(best, time.perf_counter() - started)
            assert len(changes.holdings) == 5_000
            out["store_diff_s_50k"] = best
            with store.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        saved = repeats + 2
        out["store_bytes_per_holding_sqlite"] = path.stat().st_size / (saved * HOLDINGS)
    with pgserver.throwaway() as server:
        if server is None:
            raise SystemExit(pgserver.INSTALL)
        server.admin("CREATE DATABASE bench")
        out["store_save_us_per_holding_postgres"] = save_us(server.url("bench"), repeats)
    return out


if __name__ == "__main__":
    print(run(3))
