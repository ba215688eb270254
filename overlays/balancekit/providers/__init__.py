"""Ready-wired clients, one module per provider: `connect(...)` from arguments or the environment.

Each provider module declares itself (`DECLARATION`); `balancekit.providers.registry` lists them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    PROVIDERS: tuple[str, ...]  # the provider names in order (read from the registry on first use)
else:

    def __getattr__(name: str) -> tuple[str, ...]:
        """PROVIDERS: the provider names in order, from the registry (read on first use)."""
        if name == "PROVIDERS":
            from balancekit.providers.registry import names

            return names()
        raise AttributeError(f"module 'balancekit.providers' has no attribute {name!r}")
