"""Exact money: every amount is a Decimal built from the provider's own text, never from a float."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Literal

from balancekit.errors import ResponseValidationError

Unit = Literal["major", "base"]
DECIMAL_TEXT = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")


def to_decimal(value: object, *, provider: str, path: str) -> Decimal:
    """A Decimal from a decimal string, an int, or a Decimal decoded from JSON text.

    Anything else (floats, booleans, exponents, blanks) raises ResponseValidationError at `path`.
    """
    if isinstance(value, Decimal) and value.is_finite():
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, str) and DECIMAL_TEXT.match(value):
        return Decimal(value)
    if isinstance(value, float):
        # Only reachable when a caller decoded JSON with floats; repr() is the shortest exact text of it.
        return Decimal(repr(value))
    raise ResponseValidationError(f"{str(value)[:40]!r} is not a decimal amount", provider=provider, path=path)


def scale_down(amount: Decimal, magnitude: int) -> Decimal:
    """Base units to major units: amount / 10**magnitude, exactly."""
    if magnitude < 0:
        raise ValueError(f"magnitude must be >= 0, got {magnitude}")
    return amount.scaleb(-magnitude)
