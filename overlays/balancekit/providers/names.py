"""`ProviderName`: the provider names as a `Literal`, for type checkers (a test keeps it equal to the registry)."""

from __future__ import annotations

from typing import Literal, TypeAlias

ProviderName: TypeAlias = Literal["bitgo-link", "bitgo-network", "ledger", "cryptofuse", "byzantine"]
