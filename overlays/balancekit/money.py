"""Exact money: every amount is a Decimal built from the provider's own text, never from a float."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, Inexact, localcontext
from typing import Literal

from balancekit.errors import ResponseValidationError

Unit = Literal["major", "base"]
DECIMAL_TEXT = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
MAX_DIGITS = 10_000  # far beyond any amount; Inexact is trapped, so a sum is exact or raises


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
    """Base units to major units: amount / 10**magnitude, exactly (no context rounding)."""
    if magnitude < 0:
        raise ValueError(f"magnitude must be >= 0, got {magnitude}")
    sign, digits, exponent = amount.as_tuple()
    assert isinstance(exponent, int), "finite amounts only"
    return Decimal((sign, digits, exponent - magnitude))


def exact_sum(values: Iterable[Decimal]) -> Decimal:
    """The exact sum, however many digits it needs (the default context would round at 28)."""
    with localcontext() as ctx:
        ctx.prec = MAX_DIGITS
        ctx.traps[Inexact] = True
        return sum(values, Decimal(0))
