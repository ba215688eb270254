"""The store's tables (SQLAlchemy Core), and the two column types that keep amounts and instants exact.

Amounts are PostgreSQL NUMERIC (no precision limit) and, on SQLite, the canonical decimal text: the fixed-point
text balancekit prints (`format(d, "f")`). SQLAlchemy's Numeric is never used on SQLite: it goes through float.
NUMERIC has no negative zero, so `neg_zero` keeps that sign (bit 1: total, bit 2: available) on both backends.
Instants are stored in UTC: PostgreSQL `timestamptz`, SQLite ISO text that sorts as time does.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Dialect

metadata = sa.MetaData()


class Amount(sa.types.TypeDecorator[Decimal]):
    """An exact Decimal: NUMERIC on PostgreSQL, its canonical fixed-point text elsewhere (never a float)."""

    impl = sa.Text
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> sa.types.TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(postgresql.NUMERIC(asdecimal=True))
        return dialect.type_descriptor(sa.Text())

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if not isinstance(value, Decimal) or not value.is_finite():
            raise TypeError(f"only finite Decimal amounts are stored, got {str(value)[:40]!r}")
        return value if dialect.name == "postgresql" else format(value, "f")

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if isinstance(value, float):  # never: NUMERIC is read as Decimal, text as text
            raise TypeError("an amount came back as a float")
        return value if isinstance(value, Decimal) else Decimal(value)


class Instant(sa.types.TypeDecorator[datetime]):
    """An aware date-time kept in UTC: timestamptz on PostgreSQL, ISO 8601 text (microseconds, +00:00) elsewhere."""

    impl = sa.Text
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> sa.types.TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(postgresql.TIMESTAMP(timezone=True))
        return dialect.type_descriptor(sa.Text())

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"a stored time needs a timezone, got {value.isoformat()}")
        utc = value.astimezone(UTC)
        return utc if dialect.name == "postgresql" else utc.isoformat(timespec="microseconds")

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        when = value if isinstance(value, datetime) else datetime.fromisoformat(value)
        return when.astimezone(UTC)


def utc_text(value: datetime) -> str:
    """What Instant stores on SQLite (for the bulk insert, which bypasses the type)."""
    return value.astimezone(UTC).isoformat(timespec="microseconds")


Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")  # SQLite's rowid alias must be INTEGER

snapshots = sa.Table(
    "snapshots",
    metadata,
    sa.Column("id", Id, primary_key=True, autoincrement=True),
    sa.Column("tenant", sa.Text, nullable=False),
    sa.Column("sandbox", sa.Boolean, nullable=False),
    sa.Column("started_at", Instant, nullable=False),
    sa.Column("finished_at", Instant, nullable=False),
    sa.Column("saved_at", Instant, nullable=False),
    sa.Column("version", sa.Text, nullable=False),
    sa.Column("holdings", sa.Integer, nullable=False),
    sa.Column("label", sa.Text, nullable=True),  # revision 0002
    sa.Index("ix_snapshots_tenant_time", "tenant", "sandbox", "finished_at"),  # revision 0002
)

providers = sa.Table(
    "snapshot_providers",
    metadata,
    sa.Column("snapshot_id", Id, sa.ForeignKey("snapshots.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("provider", sa.Text, primary_key=True),
    sa.Column("status", sa.Text, nullable=False),  # ok | failed | partial
    sa.Column("error_type", sa.Text, nullable=True),
    sa.Column("error_status", sa.Integer, nullable=True),
    sa.Column("error_message", sa.Text, nullable=True),
    sa.CheckConstraint("status IN ('ok', 'failed', 'partial')", name="ck_provider_status"),
)

warnings = sa.Table(
    "snapshot_warnings",
    metadata,
    sa.Column("snapshot_id", Id, sa.ForeignKey("snapshots.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("provider", sa.Text, nullable=False),
    sa.Column("path", sa.Text, nullable=False),
    sa.Column("message", sa.Text, nullable=False),
)

holdings = sa.Table(
    "holdings",
    metadata,
    sa.Column("snapshot_id", Id, sa.ForeignKey("snapshots.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("provider", sa.Text, nullable=False),
    sa.Column("account_id", sa.Text, nullable=False),
    sa.Column("account_name", sa.Text, nullable=False),
    sa.Column("sub_account_id", sa.Text, nullable=True),
    sa.Column("wallet", sa.Text, nullable=True),
    sa.Column("asset", sa.Text, nullable=False),
    sa.Column("provider_asset", sa.Text, nullable=True),
    sa.Column("network", sa.Text, nullable=True),
    sa.Column("unit", sa.Text, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("available", Amount, nullable=True),
    sa.Column("total", Amount, nullable=False),
    sa.Column("neg_zero", sa.SmallInteger, nullable=False, server_default="0"),
    sa.Column("as_of", Instant, nullable=True),
)

HOLDING_COLUMNS = tuple(c.name for c in holdings.columns)
