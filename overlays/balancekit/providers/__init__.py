"""Ready-wired clients, one module per provider: `connect(...)` from arguments or the environment.

Each provider module declares itself (`DECLARATION`); `balancekit.providers.registry` lists them.
"""

from __future__ import annotations


def __getattr__(name: str) -> tuple[str, ...]:
    """PROVIDERS: the provider names in order, from the registry (read on first use)."""
    if name == "PROVIDERS":
        from balancekit.providers.registry import names

        return names()
    raise AttributeError(f"module 'balancekit.providers' has no attribute {name!r}")
