"""One normalized view of a balance, whichever provider it came from."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

import attrs

from balancekit.money import Unit

Kind = Literal["holding", "valuation"]


@attrs.frozen(slots=True)
class Holding:
    """An asset balance of one account (or sub-account) at one provider.

    `unit` is "major" (BTC, USD) or "base" (satoshi-like, where the provider
    gives no scale); amounts of different units are never added together.
    `wallet` tells apart balances of one (sub-)account that share an asset:
    BitGo Link's account sub-type (SPOT, MARGIN), Byzantine's vault or idle
    balance per chain; None where the provider has no such split.
    """

    provider: str
    account_id: str
    account_name: str
    sub_account_id: str | None
    asset: str
    available: Decimal | None
    total: Decimal
    unit: Unit
    as_of: datetime | None = None
    wallet: str | None = attrs.field(default=None, kw_only=True)
    # asset registry
    provider_asset: str | None = attrs.field(default=None, kw_only=True)
    network: str | None = attrs.field(default=None, kw_only=True)
    kind: Kind = attrs.field(default="holding", kw_only=True)

    def key(self) -> tuple[str, str, str | None, str | None, str]:
        """The holding's identity, unique within one read of all providers (the provider's own asset code)."""
        return (self.provider, self.account_id, self.sub_account_id, self.wallet, self.provider_asset or self.asset)
