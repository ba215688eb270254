"""Real databases: a SQLite file per test, and a PostgreSQL database per test on one throwaway server."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from balancekit.store import pgserver as postgres

_databases = itertools.count(1)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[postgres.Server | None]:
    """The session's PostgreSQL server (None without the binaries: tests that need it then fail)."""
    with postgres.throwaway() as server:
        yield server


@pytest.fixture
def pg_url(pg_server: postgres.Server | None) -> str:
    """A fresh, empty PostgreSQL database of its own."""
    if pg_server is None:
        pytest.fail(postgres.INSTALL, pytrace=False)
    name = f"t{next(_databases)}"
    pg_server.admin(f"CREATE DATABASE {name}")
    return pg_server.url(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A store URL on each backend: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'balances.db'}"
    url: str = request.getfixturevalue("pg_url")
    return url
