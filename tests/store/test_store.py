"""The store on real databases: exact amounts, whole snapshots, unknown is not zero, schema upgrades."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
import sqlalchemy as sa

from balancekit.schema import Drift
from balancekit.store import StoreError, open_store
from balancekit.store.db import engine_url, make_engine
from tests.store.helpers import AT, failed, gathered, held, ok

EXACT = [
    "1234567890123456789012.345678901234567890",  # 40 significant digits
    "1E-30",
    "-0",
    "-0.00",
    "123456789012345678901.123456789012345678",  # 18 decimals, above 10**20
    "-98765432109876543210.000000000000000001",
    "0.10",
]
FIXED = [
    "1234567890123456789012.345678901234567890",
    "0.000000000000000000000000000001",
    "-0",
    "-0.00",
    "123456789012345678901.123456789012345678",
    "-98765432109876543210.000000000000000001",
    "0.10",
]


def test_amounts_round_trip_exactly_in_value_and_text(store_url: str) -> None:
    holdings = [held("ledger", f"a{i}", "BTC", text, available=text) for i, text in enumerate(EXACT)]
    with open_store(store_url) as store:
        saved = store.save(gathered(ok("ledger", *holdings)))
        loaded = store.load(saved.id).holdings
        with store.engine.connect() as conn:
            stored = conn.exec_driver_sql("SELECT account_id, total FROM holdings ORDER BY account_id").all()
            if store.backend == "postgresql":
                types = conn.exec_driver_sql("SELECT DISTINCT pg_typeof(total)::text FROM holdings").scalars().all()
                texts = conn.exec_driver_sql("SELECT total::text FROM holdings ORDER BY account_id").scalars().all()
            else:
                types = conn.exec_driver_sql("SELECT DISTINCT typeof(total) FROM holdings").scalars().all()
                texts = [row[1] for row in stored]
    assert [h.total.as_tuple() for h in loaded] == [Decimal(t).as_tuple() for t in EXACT]
    assert [h.available.as_tuple() for h in loaded if h.available is not None] == [Decimal(t).as_tuple() for t in EXACT]
    assert [format(h.total, "f") for h in loaded] == FIXED
    assert types == (["numeric"] if store_url.startswith("postgresql") else ["text"])
    # in the database itself: the fixed-point text (NUMERIC has no negative zero: its sign is kept beside it)
    assert texts == ["1234567890123456789012.345678901234567890", "0.000000000000000000000000000001",
                     "0" if store_url.startswith("postgresql") else "-0",
                     "0.00" if store_url.startswith("postgresql") else "-0.00",
                     "123456789012345678901.123456789012345678", "-98765432109876543210.000000000000000001",
                     "0.10"]  # fmt: skip


def test_a_snapshot_keeps_every_field_and_each_provider_status(store_url: str) -> None:
    tokyo = timezone(timedelta(hours=9))
    one = held("ledger", "1000", "BTC", "1.5", "1.25", as_of=datetime(2026, 11, 30, 21, 0, tzinfo=tokyo))
    two = held("ledger", "1000", "ETH", "2", None, sub="s1", wallet="SPOT", as_of=None)
    drift = [Drift("$.accounts[*].extra", "unknown field")]
    result = gathered(ok("ledger", one, two, drift=drift), failed("cryptofuse", "HTTP 503 upstream"))
    with open_store(store_url) as store:
        info = store.save(result, tenant="acme", sandbox=True, started_at=AT, finished_at=AT + timedelta(seconds=3))
        snap = store.load(info.id)
    assert snap.info == info
    assert (info.tenant, info.sandbox, info.holdings, info.version) == ("acme", True, 2, "0.1.0")
    assert (info.started_at, info.finished_at) == (AT, datetime(2026, 11, 30, 12, 0, 3, tzinfo=UTC))
    ledger, fuse = snap.info.status("ledger"), snap.info.status("cryptofuse")
    assert ledger is not None
    assert fuse is not None
    assert (ledger.status, ledger.warnings) == ("ok", (("$.accounts[*].extra", "unknown field"),))
    assert (fuse.status, fuse.error_type, fuse.error_status, fuse.error_message) == (
        "failed",
        "ServerError",
        503,
        "HTTP 503 upstream",
    )
    assert snap.info.failed == ["cryptofuse"]
    assert snap.holdings[0].as_of == datetime(2026, 11, 30, 12, 0, tzinfo=UTC)  # the same instant, in UTC
    assert snap.holdings[1:] == [two]
    assert [h.provider for h in snap.holdings] == ["ledger", "ledger"]  # nothing of the failed provider


def test_sandbox_and_real_snapshots_are_apart_unless_asked(store_url: str) -> None:
    with open_store(store_url) as store:
        real = store.save(gathered(ok("ledger", held("ledger", "1", "BTC", "1"))), finished_at=AT)
        fake = store.save(gathered(ok("ledger", held("ledger", "1", "BTC", "9"))), sandbox=True, finished_at=AT)
        assert [i.id for i in store.snapshots()] == [real.id]
        assert [i.id for i in store.snapshots(sandbox=True)] == [fake.id]
        assert [i.id for i in store.snapshots(sandbox=None)] == [real.id, fake.id]
        with pytest.raises(StoreError, match="not compared"):
            store.diff(real.id, fake.id)
        assert store.diff(real.id, fake.id, mixed=True).assets[0].change == Decimal(8)


def test_a_database_of_the_previous_schema_is_upgraded(store_url: str) -> None:
    from alembic import command

    from balancekit.store.db import _migrations

    engine = make_engine(engine_url(store_url))
    with engine.begin() as conn:
        config = _migrations()
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.exec_driver_sql(
            "INSERT INTO snapshots (tenant, sandbox, started_at, finished_at, saved_at, version, holdings) "
            "VALUES ('default', false, '2026-11-01T00:00:00.000000+00:00', '2026-11-01T00:00:00.000000+00:00', "
            "'2026-11-01T00:00:00.000000+00:00', '0.0.9', 1)"
        )
        conn.exec_driver_sql(
            "INSERT INTO snapshot_providers (snapshot_id, provider, status) VALUES (1, 'ledger', 'ok')"
        )
        conn.exec_driver_sql(
            "INSERT INTO holdings (snapshot_id, provider, account_id, account_name, asset, unit, kind, total) "
            "VALUES (1, 'ledger', '1000', 'vault', 'BTC', 'major', 'holding', '0.00000001')"
        )
    engine.dispose()
    with pytest.raises(StoreError, match=r"schema revision 0001, this balancekit uses 0002: run `balancekit store"):
        open_store(store_url)
    with open_store(store_url, upgrade=True) as store:
        assert store.revision() == "0002"
        old = store.load(1)
        new = store.save(gathered(ok("ledger", held("ledger", "1000", "BTC", "1"))), label="month-end close")
        assert store.info(new.id).label == "month-end close"
        with store.engine.connect() as conn:
            indexes = {i["name"] for i in sa.inspect(conn).get_indexes("snapshots")}
    assert (old.info.version, old.info.label, old.holdings[0].total) == ("0.0.9", None, Decimal("0.00000001"))
    assert "ix_snapshots_tenant_time" in indexes


def test_bad_urls_are_one_line_errors(tmp_path: object) -> None:
    with pytest.raises(StoreError, match=r"^unsupported store URL scheme 'mysql': use sqlite:///PATH or postgres"):
        open_store("mysql://u:hunter2@db/x")
    with pytest.raises(StoreError, match="a SQLite store needs a file"):
        open_store("sqlite://")
    with pytest.raises(StoreError) as caught:
        open_store("postgresql://u:hunter2@127.0.0.1:1/x?connect_timeout=1")
    assert "hunter2" not in str(caught.value)
    assert str(caught.value).startswith("cannot open the store at postgresql://u:***@127.0.0.1:1/x")
