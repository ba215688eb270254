"""The store behind one URL: `sqlite:///path` or `postgresql://...`, one transaction per snapshot.

Whole or absent: a snapshot's header, providers, warnings and holdings are written in one transaction, so a
crash or kill leaves the previous snapshots and no partial one. Writers are serialized (SQLite: BEGIN
IMMEDIATE; PostgreSQL: a transaction-level advisory lock), so snapshot ids follow commit order and two saves
never interleave; readers see committed snapshots only (SQLite in WAL mode reads while a write is under way).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from importlib import resources
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from balancekit import __version__
from balancekit.collect import GatherResult
from balancekit.holding import Holding
from balancekit.store import rows, schema
from balancekit.store.diff import Diff, diff_rows
from balancekit.store.model import DEFAULT_TENANT, ProviderStatus, Snapshot, SnapshotInfo, StoreError
from balancekit.store.retention import Retention
from balancekit.store.series import Series, last_per_bucket, points

T = TypeVar("T")
CHUNK = 5000  # holdings per executemany / COPY batch
BUSY_TIMEOUT_MS = 120_000  # a SQLite writer waits this long for another's transaction
WRITE_LOCK = 0x62616C616E6365  # PostgreSQL advisory lock key ("balance"): one snapshot writer at a time
HOLDING_SELECT = ", ".join(rows.ROW_COLUMNS)
if ("snapshot_id", *rows.ROW_COLUMNS) != schema.HOLDING_COLUMNS:
    raise TypeError("the holdings table changed: update balancekit.store.rows.ROW_COLUMNS")
HOLDING_INSERT = ", ".join(schema.HOLDING_COLUMNS)


def default_url() -> str:
    """BALANCEKIT_STORE, else sqlite:///$XDG_DATA_HOME/balancekit/balances.db (XDG default ~/.local/share)."""
    configured = os.environ.get("BALANCEKIT_STORE")
    if configured:
        return configured
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return f"sqlite:///{Path(data) / 'balancekit' / 'balances.db'}"


def engine_url(url: str) -> sa.URL:
    """The SQLAlchemy URL of a store URL (drivers: pysqlite, psycopg 3); StoreError for anything else."""
    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError:
        raise StoreError("the store URL must be sqlite:///PATH or postgresql://... (got something else)") from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            raise StoreError("a SQLite store needs a file: sqlite:///PATH (an in-memory database keeps nothing)")
        return parsed.set(drivername="sqlite+pysqlite")
    if backend in ("postgresql", "postgres"):
        return parsed.set(drivername="postgresql+psycopg")
    raise StoreError(f"unsupported store URL scheme {parsed.drivername!r}: use sqlite:///PATH or postgresql://...")


def _sqlite_engine(url: sa.URL) -> sa.Engine:
    Path(url.database or "").expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)

    @sa.event.listens_for(engine, "connect")
    def connect(dbapi: Any, _record: Any) -> None:
        dbapi.isolation_level = None  # balancekit emits BEGIN itself (below), as SQLAlchemy's docs advise
        for pragma in ("journal_mode=WAL", "foreign_keys=ON", f"busy_timeout={BUSY_TIMEOUT_MS}", "synchronous=FULL"):
            dbapi.execute(f"PRAGMA {pragma}")

    @sa.event.listens_for(engine, "begin")
    def begin(conn: sa.Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")

    return engine


def make_engine(url: sa.URL) -> sa.Engine:
    """The engine of a store's database (an engine_url()); no schema check."""
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    return sa.create_engine(url, isolation_level="REPEATABLE READ", pool_pre_ping=True)


def _migrations() -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files("balancekit.store") / "migrations"))
    return config


def head_revision() -> str:
    """The schema revision this balancekit writes."""
    head = ScriptDirectory.from_config(_migrations()).get_current_head()
    assert head is not None
    return head


class Store:
    """Snapshots in one database. Open with open_store(url); close() (or `with`) when done."""

    def __init__(self, url: str, *, upgrade: bool = False) -> None:
        self.url = sa.make_url(url).render_as_string(hide_password=True) if "://" in url else url
        real = engine_url(url)
        self.backend = real.get_backend_name()
        try:
            self.engine = make_engine(real)
            current = self.revision()
            if current is None or upgrade:
                self.upgrade()
            elif current != head_revision():
                raise StoreError(
                    f"the store at {self.url} has schema revision {current}, this balancekit uses "
                    f"{head_revision()}: run `balancekit store upgrade` (or upgrade balancekit)"
                )
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(f"cannot open the store at {self.url}: {_reason(exc)}") from None

    # -- schema ----------------------------------------------------------------

    def revision(self) -> str | None:
        """The database's schema revision (None: no schema yet)."""
        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def upgrade(self, revision: str = "head") -> tuple[str | None, str]:
        """Apply the migrations the database lacks (up to `revision`); (revision before, revision after)."""
        before = self.revision()
        known = {s.revision for s in ScriptDirectory.from_config(_migrations()).walk_revisions()}
        if before is not None and before not in known:
            raise StoreError(f"the store at {self.url} has schema revision {before}, newer than this balancekit")
        with self._writing() as conn:
            config = _migrations()
            config.attributes["connection"] = conn
            command.upgrade(config, revision)
        return before, head_revision() if revision == "head" else revision

    # -- writing ---------------------------------------------------------------

    @contextlib.contextmanager
    def _writing(self) -> Iterator[sa.Connection]:
        """One write transaction, the only one in the database while it lasts."""
        with self.engine.connect().execution_options(write=True) as conn, conn.begin():
            if self.backend == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})
            yield conn

    def save(
        self,
        result: GatherResult,
        *,
        tenant: str = DEFAULT_TENANT,
        sandbox: bool = False,
        started_at: datetime | None = None,
        finished_at: datetime | None = None,
        label: str | None = None,
    ) -> SnapshotInfo:
        """Write one snapshot of `result` (from gather/agather), whole or not at all; its header.

        `started_at`/`finished_at` bound the collection (default: now for both); a failed provider is stored
        as failed, with its error's type and message, and none of its holdings.
        """
        if not tenant or tenant != tenant.strip():
            raise StoreError(f"a tenant is a non-empty name without surrounding spaces, got {tenant!r}")
        now = datetime.now(UTC)
        finished = finished_at or now
        started = started_at or finished
        statuses = sorted(
            (_status(r.provider, r.error, r.warnings) for r in result.results.values()), key=lambda s: s.provider
        )
        count = sum(len(r.holdings) for r in result.results.values() if r.ok)
        header = {"tenant": tenant, "sandbox": sandbox, "started_at": started, "finished_at": finished,
                  "saved_at": now, "version": __version__, "holdings": count, "label": label}  # fmt: skip
        try:
            with self._writing() as conn:
                sid = conn.execute(sa.insert(schema.snapshots).values(header).returning(schema.snapshots.c.id))
                snapshot_id = int(sid.scalar_one())
                conn.execute(sa.insert(schema.providers), [_provider_row(snapshot_id, s) for s in statuses])
                drift = [{"snapshot_id": snapshot_id, "provider": s.provider, "path": path, "message": message}
                         for s in statuses for path, message in s.warnings]  # fmt: skip
                if drift:
                    conn.execute(sa.insert(schema.warnings), drift)
                held = (h for r in result.results.values() if r.ok for h in r.holdings)
                written = self._insert_holdings(conn, snapshot_id, held)
                if written != count:
                    raise StoreError(f"{written} holdings were written of {count}: the snapshot is not saved")
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(f"cannot save the snapshot to {self.url}: {_reason(exc)}") from None
        return SnapshotInfo(snapshot_id, tenant, sandbox, started.astimezone(UTC), finished.astimezone(UTC),
                            now, __version__, count, tuple(statuses), label)  # fmt: skip

    def _insert_holdings(self, conn: sa.Connection, snapshot_id: int, held: Iterable[Holding]) -> int:
        """Bulk-write holdings (executemany on SQLite, COPY on PostgreSQL) in chunks; how many."""
        prepared = _rows(snapshot_id, held, self.backend)
        written = 0
        if self.backend == "postgresql":
            driver = conn.connection.driver_connection
            assert driver is not None
            with driver.cursor() as cursor, cursor.copy(f"COPY holdings ({HOLDING_INSERT}) FROM STDIN") as copy:
                for row in prepared:
                    copy.write_row(row)
                    written += 1
            return written
        marks = ", ".join("?" * len(schema.HOLDING_COLUMNS))
        insert = f"INSERT INTO holdings ({HOLDING_INSERT}) VALUES ({marks})"  # noqa: S608 (our own column names)
        while chunk := list(islice(prepared, CHUNK)):
            conn.exec_driver_sql(insert, chunk)
            written += len(chunk)
        return written

    def delete(self, ids: Iterable[int]) -> int:
        """Delete these snapshots (with their providers, warnings and holdings); how many were deleted."""
        wanted = sorted(set(ids))
        if not wanted:
            return 0
        with self._writing() as conn:
            for table in (schema.holdings, schema.warnings, schema.providers):
                conn.execute(sa.delete(table).where(table.c.snapshot_id.in_(wanted)))
            gone = conn.execute(sa.delete(schema.snapshots).where(schema.snapshots.c.id.in_(wanted)))
            return int(gone.rowcount)

    # -- reading ---------------------------------------------------------------

    def snapshots(
        self,
        *,
        tenant: str | None = DEFAULT_TENANT,
        sandbox: bool | None = False,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[SnapshotInfo]:
        """Snapshot headers, oldest first: of one tenant (None: all), real ones only unless `sandbox` is True
        (sandbox only) or None (both), finished within [since, until]."""
        s = schema.snapshots
        query = sa.select(s)
        if tenant is not None:
            query = query.where(s.c.tenant == tenant)
        if sandbox is not None:
            query = query.where(s.c.sandbox == sandbox)
        if since is not None:
            query = query.where(s.c.finished_at >= since)
        if until is not None:
            query = query.where(s.c.finished_at <= until)
        with self._reading() as conn:
            return self._infos(conn, query.order_by(s.c.finished_at, s.c.id))

    def info(self, snapshot_id: int) -> SnapshotInfo:
        """One snapshot's header; StoreError if there is none of that id."""
        with self._reading() as conn:
            found = self._infos(conn, sa.select(schema.snapshots).where(schema.snapshots.c.id == snapshot_id))
        if not found:
            raise StoreError(f"no snapshot {snapshot_id} in the store at {self.url}")
        return found[0]

    def latest(
        self, *, tenant: str = DEFAULT_TENANT, sandbox: bool = False, at: datetime | None = None, count: int = 1
    ) -> list[SnapshotInfo]:
        """The last `count` snapshots of a tenant finished at or before `at` (default: now), oldest first."""
        s = schema.snapshots
        query = sa.select(s).where(s.c.tenant == tenant, s.c.sandbox == sandbox)
        if at is not None:
            query = query.where(s.c.finished_at <= at)
        with self._reading() as conn:
            found = self._infos(conn, query.order_by(s.c.finished_at.desc(), s.c.id.desc()).limit(count))
        return found[::-1]

    def load(self, snapshot_id: int) -> Snapshot:
        """A whole snapshot: its header and holdings (in the order they were saved)."""
        with self._reading() as conn:
            found = self._infos(conn, sa.select(schema.snapshots).where(schema.snapshots.c.id == snapshot_id))
            if not found:
                raise StoreError(f"no snapshot {snapshot_id} in the store at {self.url}")
            held = rows.holdings(_stored_rows(conn, snapshot_id))
        return Snapshot(found[0], held)

    @contextlib.contextmanager
    def _reading(self) -> Iterator[sa.Connection]:
        try:
            with self.engine.connect() as conn, conn.begin():
                yield conn
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(f"cannot read the store at {self.url}: {_reason(exc)}") from None

    def _infos(self, conn: sa.Connection, query: sa.Select[Any]) -> list[SnapshotInfo]:
        heads = conn.execute(query).mappings().all()
        ids = [h["id"] for h in heads]
        statuses: dict[int, list[ProviderStatus]] = {i: [] for i in ids}
        drift: dict[tuple[int, str], list[tuple[str, str]]] = {}
        if ids:
            w = schema.warnings
            for row in conn.execute(sa.select(w).where(w.c.snapshot_id.in_(ids))).mappings():
                drift.setdefault((row["snapshot_id"], row["provider"]), []).append((row["path"], row["message"]))
            p = schema.providers
            query = sa.select(p).where(p.c.snapshot_id.in_(ids)).order_by(p.c.snapshot_id, p.c.provider)
            for row in conn.execute(query).mappings():
                found = tuple(drift.get((row["snapshot_id"], row["provider"]), ()))
                statuses[row["snapshot_id"]].append(
                    ProviderStatus(
                        row["provider"],
                        row["status"],
                        row["error_type"],
                        row["error_status"],
                        row["error_message"],
                        found,
                    )
                )
        return [
            SnapshotInfo(
                h["id"],
                h["tenant"],
                h["sandbox"],
                h["started_at"],
                h["finished_at"],
                h["saved_at"],
                h["version"],
                h["holdings"],
                tuple(statuses[h["id"]]),
                h["label"],
            )
            for h in heads
        ]

    # -- over time ---------------------------------------------------------------

    def diff(
        self,
        a: int | None = None,
        b: int | None = None,
        *,
        tenant: str = DEFAULT_TENANT,
        sandbox: bool = False,
        mixed: bool = False,
    ) -> Diff:
        """From snapshot a to b (default: the last two of the tenant; with only `a`: a to the latest)."""
        if a is None or b is None:
            last = [i.id for i in self.latest(tenant=tenant, sandbox=sandbox, count=2 if a is None else 1)]
            if a is None and len(last) < 2:
                kind = "sandbox " if sandbox else ""
                raise StoreError(f"tenant {tenant!r} has {len(last)} {kind}snapshot(s) in {self.url}: a diff needs two")
            if not last:
                raise StoreError(f"tenant {tenant!r} has no snapshot in {self.url}")
            a, b = (last[0], last[1]) if a is None else (a, last[-1])
        with self._reading() as conn:
            s = schema.snapshots
            found = {i.id: i for i in self._infos(conn, sa.select(s).where(s.c.id.in_((a, b))))}
            missing = [i for i in (a, b) if i not in found]
            if missing:
                raise StoreError(f"no snapshot {missing[0]} in the store at {self.url}")
            if found[a].sandbox != found[b].sandbox and not mixed:  # refused before any holding is read
                return diff_rows(found[a], found[b], [], [])
            return diff_rows(found[a], found[b], _stored_rows(conn, a), _stored_rows(conn, b), mixed=mixed)

    def series(
        self,
        asset: str,
        *,
        unit: str = "major",
        kind: str = "holding",
        tenant: str = DEFAULT_TENANT,
        sandbox: bool = False,
        since: datetime | None = None,
        until: datetime | None = None,
        every: timedelta | None = None,
    ) -> Series:
        """`asset`'s total over time (case-insensitive), from the last snapshot of each `every` bucket."""
        chosen = last_per_bucket(self.snapshots(tenant=tenant, sandbox=sandbox, since=since, until=until), every)
        parts: dict[int, dict[str, list[Decimal]]] = {}
        ids = [info.id for _, info in chosen]
        h = schema.holdings
        query = sa.select(h.c.snapshot_id, h.c.provider, h.c.total, h.c.neg_zero).where(
            sa.func.upper(h.c.asset) == asset.upper(), h.c.unit == unit, h.c.kind == kind
        )
        with self._reading() as conn:
            for start in range(0, len(ids), 500):
                for sid, provider, total, _ in conn.execute(query.where(h.c.snapshot_id.in_(ids[start : start + 500]))):
                    parts.setdefault(sid, {}).setdefault(provider, []).append(total)
        return Series(asset.upper(), unit, kind, points(chosen, parts))

    def prune(
        self, rule: Retention, *, now: datetime | None = None, tenant: str | None = None, dry_run: bool = False
    ) -> list[int]:
        """Delete what `rule` does not keep, per tenant and per kind (real, sandbox); the ids deleted."""
        groups: dict[tuple[str, bool], list[SnapshotInfo]] = {}
        for info in self.snapshots(tenant=tenant, sandbox=None):
            groups.setdefault((info.tenant, info.sandbox), []).append(info)
        when = now or datetime.now(UTC)
        doomed = sorted(i for infos in groups.values() for i in rule.doomed(infos, when))
        if not dry_run:
            self.delete(doomed)
        return doomed

    # -- async, for services: the same calls on a worker thread ------------------

    async def asave(self, result: GatherResult, **options: Any) -> SnapshotInfo:
        """save() without blocking the event loop."""
        return await asyncio.to_thread(self.save, result, **options)

    async def asnapshots(self, **options: Any) -> list[SnapshotInfo]:
        """snapshots() without blocking the event loop."""
        return await asyncio.to_thread(lambda: self.snapshots(**options))

    async def aload(self, snapshot_id: int) -> Snapshot:
        """load() without blocking the event loop."""
        return await asyncio.to_thread(self.load, snapshot_id)

    async def adiff(self, a: int | None = None, b: int | None = None, **options: Any) -> Diff:
        """diff() without blocking the event loop."""
        return await asyncio.to_thread(lambda: self.diff(a, b, **options))

    async def aseries(self, asset: str, **options: Any) -> Series:
        """series() without blocking the event loop."""
        return await asyncio.to_thread(lambda: self.series(asset, **options))

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _stored_rows(conn: sa.Connection, snapshot_id: int) -> list[rows.Row]:
    """A snapshot's holdings as stored (rows.ROW_COLUMNS), in the order they were saved."""
    select = f"SELECT {HOLDING_SELECT} FROM holdings WHERE snapshot_id = {int(snapshot_id)}"  # noqa: S608
    driver = conn.connection.driver_connection  # the DBAPI cursor: plain tuples, no Row objects
    assert driver is not None
    cursor = driver.cursor()
    try:
        cursor.execute(select)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _reason(exc: sa.exc.SQLAlchemyError) -> str:
    """The driver's own message, first line only (no SQL, no parameters)."""
    original = getattr(exc, "orig", None) or exc
    return (str(original).strip().splitlines() or [type(original).__name__])[0]


def _status(provider: str, error: Exception | None, drift: Iterable[Any]) -> ProviderStatus:
    found = tuple((d.path, d.message) for d in drift)
    if error is None:
        return ProviderStatus(provider, "ok", warnings=found)
    cause = (
        error.__cause__ if isinstance(error.__cause__, Exception) and hasattr(error.__cause__, "provider") else error
    )
    status = getattr(cause, "status", None)
    message = getattr(cause, "message", None) or str(cause)
    return ProviderStatus(provider, "failed", type(cause).__name__, status if isinstance(status, int) else None,
                          message, found)  # fmt: skip


def _provider_row(snapshot_id: int, s: ProviderStatus) -> dict[str, Any]:
    return {"snapshot_id": snapshot_id, "provider": s.provider, "status": s.status, "error_type": s.error_type,
            "error_status": s.error_status, "error_message": s.error_message}  # fmt: skip


def _rows(snapshot_id: int, held: Iterable[Holding], backend: str) -> Iterator[tuple[Any, ...]]:
    """Each holding as the row the bulk insert writes (amounts and times already in the backend's form)."""
    text = backend != "postgresql"
    times: dict[datetime, Any] = {}
    for h in held:
        total, available, as_of = h.total, h.available, h.as_of
        if (
            type(total) is not Decimal
            or not total.is_finite()
            or (available is not None and (type(available) is not Decimal or not available.is_finite()))
        ):
            raise StoreError(f"{h.provider}: only finite Decimal amounts are stored, got {total!r}, {available!r}")
        flags = 1 if not total and total.is_signed() else 0
        if available is not None and not available and available.is_signed():
            flags |= 2
        when = None
        if as_of is not None:
            when = times.get(as_of)
            if when is None:
                if as_of.tzinfo is None:
                    raise StoreError(f"{h.provider}: a holding's as_of needs a timezone, got {as_of.isoformat()}")
                when = times[as_of] = schema.utc_text(as_of) if text else as_of
        if text:
            shown = format(total, "f")
            free = shown if available is total else None if available is None else format(available, "f")
            yield (snapshot_id, h.provider, h.account_id, h.account_name, h.sub_account_id, h.wallet, h.asset,
                   h.provider_asset, h.network, h.unit, h.kind, free, shown, flags, when)  # fmt: skip
        else:
            yield (snapshot_id, h.provider, h.account_id, h.account_name, h.sub_account_id, h.wallet, h.asset,
                   h.provider_asset, h.network, h.unit, h.kind, available, total, flags, when)  # fmt: skip
