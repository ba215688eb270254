"""A process that saves one snapshot, for the crash and concurrency tests.

python -m tests.store.writer URL TAG COUNT [PAUSE_AT]: prints "begin", then (with PAUSE_AT) "paused" once that
many holdings have been handed to the store mid-transaction, and waits for a line on stdin before going on;
prints "saved ID" at the end.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from balancekit.collect import ProviderResult
from balancekit.holding import Holding
from balancekit.store import open_store
from tests.store.helpers import gathered, held


class Paused(list[Holding]):
    """Holdings whose iteration stops at `at` until stdin has a line (the store is then mid-write)."""

    at: int | None = None

    def __iter__(self) -> Iterator[Holding]:
        for i, holding in enumerate(super().__iter__()):
            if i == self.at:
                print("paused", flush=True)
                sys.stdin.readline()
            yield holding


def main(url: str, tag: str, count: int, pause_at: int | None) -> None:
    holdings = Paused(held("ledger", f"{tag}-{i:06d}", "BTC", f"{i}.01") for i in range(count))
    holdings.at = pause_at
    with open_store(url) as store:
        print("begin", flush=True)
        info = store.save(gathered(ProviderResult("ledger", holdings)), tenant=tag)
        print(f"saved {info.id}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]) if len(sys.argv) > 4 else None)
