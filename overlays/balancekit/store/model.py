"""What the store keeps and hands back: snapshots, their providers' status, and the error it raises.

No SQLAlchemy here: these are plain records, importable with the base install.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import attrs

from balancekit.errors import BalancekitError
from balancekit.holding import Holding

Status = Literal["ok", "failed", "partial"]
DEFAULT_TENANT = "default"


class StoreError(BalancekitError):
    """The store could not be opened, read or written (the message says which and why)."""


@attrs.frozen
class ProviderStatus:
    """One queried provider in one snapshot: `ok`, or `failed` (its holdings are unknown, never zero)."""

    provider: str
    status: Status
    error_type: str | None = None
    error_status: int | None = None
    error_message: str | None = None
    warnings: tuple[tuple[str, str], ...] = ()  # (path, message) of each spec drift tolerated

    @property
    def known(self) -> bool:
        """Its holdings in this snapshot are all there (`ok`)."""
        return self.status == "ok"


@attrs.frozen
class SnapshotInfo:
    """A stored snapshot's header: when, by what, for whom, and how each provider fared."""

    id: int
    tenant: str
    sandbox: bool
    started_at: datetime
    finished_at: datetime
    saved_at: datetime
    version: str
    holdings: int
    providers: tuple[ProviderStatus, ...]
    label: str | None = None

    @property
    def failed(self) -> list[str]:
        """Providers whose holdings this snapshot does not know."""
        return [p.provider for p in self.providers if not p.known]

    def status(self, provider: str) -> ProviderStatus | None:
        """The provider's status, None if this snapshot did not query it."""
        return next((p for p in self.providers if p.provider == provider), None)


@attrs.frozen
class Snapshot:
    """A whole stored snapshot: its header and every holding of the providers that answered."""

    info: SnapshotInfo
    holdings: list[Holding] = attrs.field(repr=lambda held: f"<{len(held)} holdings>")
