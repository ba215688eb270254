"""Balances over time: exact, whole snapshots in SQLite or PostgreSQL, with diffs, as-of views and series.

from balancekit import gather
from balancekit.store import open_store

with open_store("sqlite:///balances.db") as store:
    store.save(gather(clients))
    print(store.diff())

Needs the `balancekit[store]` extra (SQLAlchemy, Alembic, psycopg); the records (model) need nothing more.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from balancekit.errors import ConfigurationError
from balancekit.store.model import DEFAULT_TENANT, ProviderStatus, Snapshot, SnapshotInfo, StoreError

if TYPE_CHECKING:
    from balancekit.store.db import Store

__all__ = ["DEFAULT_TENANT", "ProviderStatus", "Snapshot", "SnapshotInfo", "Store", "StoreError", "open_store"]
MISSING = "the store needs the store extra ({name} is missing): pip install 'balancekit[store]'"


def open_store(url: str | None = None, *, upgrade: bool = False) -> Store:
    """The store at `url` (default: BALANCEKIT_STORE, else $XDG_DATA_HOME/balancekit/balances.db).

    A new database gets the current schema; an older one needs `upgrade=True` (`balancekit store upgrade`).
    StoreError when it cannot be opened; ConfigurationError when the `balancekit[store]` extra is missing.
    """
    try:
        from balancekit.store import db
    except ImportError as exc:
        raise ConfigurationError(MISSING.format(name=exc.name)) from None

    return db.Store(url or db.default_url(), upgrade=upgrade)
