"""Exact money: every amount is a Decimal built from the provider's own text, never from a float."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, DecimalException, Inexact, localcontext
from typing import Literal

from balancekit.errors import AmountError, ResponseValidationError

Unit = Literal["major", "base"]
DECIMAL_TEXT = re.compile(r"^-?[0-9]+(\.[0-9]+)?\Z")  # \Z: Python's $ would also take a final newline
MAX_DIGITS = 10_000  # working precision of sums; Inexact is trapped, so a sum is exact or raises
MAX_AMOUNT_DIGITS = 1_000  # an amount's digits and exponent stay within this, so sums of them fit MAX_DIGITS
MAX_MAGNITUDE = 100  # powers of ten between a base and a major unit (18 for ETH; far beyond any currency)
# A DECIMAL_TEXT string this short is in range by its length alone: it has at most this many digits and its
# exponent (minus the digits after the point) is within [-MAX_AMOUNT_DIGITS, 0].
SHORT_TEXT = MAX_AMOUNT_DIGITS
_decimal_text = DECIMAL_TEXT.match


def to_decimal(value: object, *, provider: str, path: str) -> Decimal:
    """A Decimal from a decimal string, an int, or a finite Decimal decoded from JSON text.

    Anything else (floats, NaN, Infinity, booleans, exponents, blanks, absurd sizes) raises
    ResponseValidationError at `path`: a float has already lost the provider's exact text.
    """
    if type(value) is str and len(value) <= SHORT_TEXT and _decimal_text(value) is not None:
        return Decimal(value)  # the common case, every check below already met (see SHORT_TEXT)
    whole = isinstance(value, int) and not isinstance(value, bool) and value.bit_length() <= 3 * MAX_AMOUNT_DIGITS
    text = isinstance(value, str) and len(value) <= 2 * MAX_AMOUNT_DIGITS and DECIMAL_TEXT.match(value) is not None
    if isinstance(value, Decimal) and value.is_finite():
        number = value
    elif whole or text:
        number = Decimal(value)  # type: ignore[arg-type]  # an int or a decimal string, checked above
    else:
        kind = "a float (inexact)" if isinstance(value, float) else "not a decimal amount"
        raise ResponseValidationError(f"{str(value)[:40]!r} is {kind}", provider=provider, path=path)
    exponent = number.as_tuple().exponent
    if (
        len(number.as_tuple().digits) > MAX_AMOUNT_DIGITS
        or not -MAX_AMOUNT_DIGITS <= int(exponent) <= MAX_AMOUNT_DIGITS
    ):
        raise ResponseValidationError(f"{str(value)[:40]!r} is out of range", provider=provider, path=path)
    return number


def to_decimal_at(value: object, provider: str, path: str, *path_args: object) -> Decimal:
    """to_decimal(value, provider=provider, path=path.format(*path_args)), the path made only when needed.

    Building the path of every amount costs more than converting it; a short decimal string needs none.
    """
    if type(value) is str and len(value) <= SHORT_TEXT and _decimal_text(value) is not None:
        return Decimal(value)
    return to_decimal(value, provider=provider, path=path.format(*path_args))


def checked_to_decimal_at(value: object, provider: str, path: str, *path_args: object) -> Decimal:
    """to_decimal_at() for an amount the response checker has already matched against DECIMAL_TEXT (a field of
    a checked body whose spec pattern is DECIMAL_TEXT's; tests/providers/test_checked_amounts.py pins that the
    two are one pattern): a short string is converted without matching it again. Only for such amounts."""
    if type(value) is str and len(value) <= SHORT_TEXT:
        return Decimal(value)
    return to_decimal(value, provider=provider, path=path.format(*path_args))


def scale_down(amount: Decimal, magnitude: int) -> Decimal:
    """Base units to major units: amount / 10**magnitude, exactly (no context rounding).

    AmountError for a non-finite amount or a magnitude outside [0, MAX_MAGNITUDE].
    """
    if isinstance(magnitude, bool) or not isinstance(magnitude, int) or not 0 <= magnitude <= MAX_MAGNITUDE:
        raise AmountError(f"magnitude must be an integer in [0, {MAX_MAGNITUDE}], got {str(magnitude)[:40]!r}")
    if not isinstance(amount, Decimal) or not amount.is_finite():
        raise AmountError(f"only finite Decimal amounts scale, got {str(amount)[:40]!r}")
    sign, digits, exponent = amount.as_tuple()
    return Decimal((sign, digits, int(exponent) - magnitude))


def exact_sum(values: Iterable[Decimal]) -> Decimal:
    """The exact sum, however many digits it needs (the default context would round at 28).

    Summed in a local context with Inexact trapped, whatever the caller's context; AmountError for
    a float, a non-finite value or a sum that would need rounding.
    """
    total = Decimal(0)
    with localcontext() as ctx:
        ctx.prec = MAX_DIGITS
        ctx.traps[Inexact] = True
        for value in values:
            if not isinstance(value, Decimal) or not value.is_finite():
                raise AmountError(f"only finite Decimal amounts add up exactly, got {str(value)[:40]!r}")
            try:
                total += value
            except DecimalException as exc:
                raise AmountError(f"the sum would not be exact ({type(exc).__name__})") from None
    return total


def exact_add(a: Decimal, b: Decimal) -> Decimal:
    """a + b, exactly (see exact_sum)."""
    return exact_sum((a, b))
