"""Shared fixtures: the session sandbox comes from balancekit's own pytest plugin."""

from __future__ import annotations

from collections.abc import Iterable

from balancekit.holding import Holding
from balancekit.providers import registry
from balancekit.sandbox import TruthRow

PROVIDER_MODULES = tuple(d.module.rpartition(".")[2] for d in registry.declarations())  # in registry order


def rows(items: Iterable[Holding | TruthRow]) -> list[Holding]:
    """Whole Holdings (every field, as_of and wallet included), sorted by their unique key."""
    return sorted(items, key=lambda h: repr(h.key()))


def unique_keys(items: Iterable[Holding]) -> bool:
    """True when no two holdings share a key()."""
    listed = list(items)
    return len({h.key() for h in listed}) == len(listed)
