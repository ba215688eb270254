"""Schema 1: snapshots, their providers' status and drift warnings, and holdings with exact amounts.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from balancekit.store.schema import Amount, Id, Instant

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "snapshots",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("tenant", sa.Text, nullable=False),
        sa.Column("sandbox", sa.Boolean, nullable=False),
        sa.Column("started_at", Instant, nullable=False),
        sa.Column("finished_at", Instant, nullable=False),
        sa.Column("saved_at", Instant, nullable=False),
        sa.Column("version", sa.Text, nullable=False),
        sa.Column("holdings", sa.Integer, nullable=False),
    )
    op.create_table(
        "snapshot_providers",
        sa.Column("snapshot_id", Id, sa.ForeignKey("snapshots.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("provider", sa.Text, primary_key=True),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("error_type", sa.Text, nullable=True),
        sa.Column("error_status", sa.Integer, nullable=True),
        sa.Column("error_message", sa.Text, nullable=True),
        sa.CheckConstraint("status IN ('ok', 'failed', 'partial')", name="ck_provider_status"),
    )
    op.create_table(
        "snapshot_warnings",
        sa.Column("snapshot_id", Id, sa.ForeignKey("snapshots.id", ondelete="CASCADE"), nullable=False),
        sa.Column("provider", sa.Text, nullable=False),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("message", sa.Text, nullable=False),
    )
    op.create_index("ix_snapshot_warnings_snapshot_id", "snapshot_warnings", ["snapshot_id"])
    op.create_table(
        "holdings",
        sa.Column("snapshot_id", Id, sa.ForeignKey("snapshots.id", ondelete="CASCADE"), nullable=False),
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
    op.create_index("ix_holdings_snapshot_id", "holdings", ["snapshot_id"])
