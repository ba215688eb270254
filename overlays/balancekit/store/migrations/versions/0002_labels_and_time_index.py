"""Schema 2: a label per snapshot (e.g. "month-end close") and an index for "latest of a tenant at a time".

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("snapshots") as batch:
        batch.add_column(sa.Column("label", sa.Text, nullable=True))
    op.create_index("ix_snapshots_tenant_time", "snapshots", ["tenant", "sandbox", "finished_at"])
