"""Money is exact: Decimal from the provider's text, sums exact, scaling exact."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from balancekit.errors import AmountError, ResponseValidationError
from balancekit.holding import Holding
from balancekit.money import (
    DECIMAL_TEXT,
    MAX_AMOUNT_DIGITS,
    SHORT_TEXT,
    checked_to_decimal_at,
    exact_sum,
    scale_down,
    to_decimal,
    to_decimal_at,
)

decimal_text = st.builds(
    lambda sign, whole, frac: f"{sign}{whole}{'.' + frac if frac else ''}",
    st.sampled_from(["", "-"]),
    st.integers(min_value=0, max_value=10**30).map(str),
    st.text(alphabet="0123456789", max_size=24),
)


@given(decimal_text)
def test_decimal_strings_convert_exactly(text: str) -> None:
    value = to_decimal(text, provider="p", path="$.x")
    assert value == Decimal(text)
    assert str(value) == str(Decimal(text))  # same digits, same exponent: nothing rounded


@given(decimal_text)
def test_json_numbers_convert_from_their_exact_text(text: str) -> None:
    parsed = json.loads(f'{{"a": {text}}}', parse_float=Decimal)["a"]
    assert to_decimal(parsed, provider="p", path="$.a") == Decimal(text)


@given(st.lists(decimal_text, min_size=1, max_size=50))
def test_sums_of_holdings_equal_sums_of_source_strings(texts: list[str]) -> None:
    holdings = [
        Holding("p", str(i), "n", None, "BTC", None, to_decimal(t, provider="p", path="$"), "major")
        for i, t in enumerate(texts)
    ]
    total = exact_sum(h.total for h in holdings)
    expected = sum(Fraction(t) for t in texts)
    assert Fraction(total) == expected  # checked in rational arithmetic, independent of Decimal contexts


@given(st.integers(min_value=0, max_value=10**40), st.integers(min_value=0, max_value=30))
def test_scaling_base_units_is_exact(amount: int, magnitude: int) -> None:
    major = scale_down(Decimal(amount), magnitude)
    assert Fraction(major) == Fraction(amount, 10**magnitude)


@pytest.mark.parametrize("bad", ["1e5", "NaN", "Infinity", "", " 1", "1.", ".5", "1,5", True, None, [], Decimal("NaN")])
def test_non_amounts_are_rejected_with_the_path(bad: object) -> None:
    with pytest.raises(ResponseValidationError, match=r"\$\.balances\[0\]\.total"):
        to_decimal(bad, provider="p", path="$.balances[0].total")


def test_holding_is_frozen_and_slotted() -> None:
    h = Holding("p", "a", "n", None, "BTC", Decimal("1"), Decimal("2"), "major")
    with pytest.raises(AttributeError):
        h.total = Decimal(3)  # type: ignore[misc]
    assert not hasattr(h, "__dict__")


# -- the fast path: short decimal strings skip the checks they cannot fail, nothing else does ------------------

LONG = MAX_AMOUNT_DIGITS  # a string this long still takes the fast path
near_limits = st.sampled_from(
    [
        "9" * LONG,  # fast: 1,000 digits, in range
        "-" + "9" * LONG,  # full check (1,001 characters): 1,000 digits, in range
        "9" * (LONG + 1),  # full check: 1,001 digits, out of range
        "0." + "0" * (LONG - 3) + "1",  # fast: exponent -999
        "0." + "0" * (LONG - 1) + "1",  # full check: exponent -1,001, out of range
        "1" * 600 + "." + "1" * 600,  # full check: 1,200 digits, out of range
        "0" * (2 * LONG),  # full check: one digit, in range
        "0" * (2 * LONG + 1),  # too long for any check
        "1.5\n",  # refused: a pattern's `$` means the end of the text (as in JSON Schema), not before a newline
    ]
)
any_amount = st.one_of(
    decimal_text,
    near_limits,
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**3100), max_value=10**3100),
    st.text(alphabet="0123456789.-eE+ ", max_size=12),
    st.sampled_from(
        ["1e5", "1E5", "NaN", "nan", "Infinity", "-Infinity", "sNaN", "", " 1", "1.", ".5", "\u0661"]
    ),  # an Arabic-Indic one: Decimal() reads it, amounts may not
    st.none(),
    st.booleans(),
)


def outcome(convert: Callable[[], Decimal]) -> tuple[str, str]:
    try:
        value = convert()
    except ResponseValidationError as exc:
        return ("error", f"{exc.path} {exc}")
    assert isinstance(value, Decimal)
    assert value.is_finite()
    return ("value", repr(value))


@given(any_amount)
def test_to_decimal_at_is_to_decimal_with_the_path_made_on_failure(value: object) -> None:
    lazy = outcome(lambda: to_decimal_at(value, "p", "$.accounts[{}].balances[{}].available", "acct", 3))
    eager = outcome(lambda: to_decimal(value, provider="p", path="$.accounts[acct].balances[3].available"))
    assert lazy == eager


@pytest.mark.parametrize(
    "bad",
    [0.1, float("nan"), float("inf"), "NaN", "Infinity", "1e5", "1E-5", "9" * (MAX_AMOUNT_DIGITS + 1),
     "0." + "0" * MAX_AMOUNT_DIGITS + "1", "0" * (2 * MAX_AMOUNT_DIGITS + 1), True, Decimal("NaN"),
     Decimal("1E+1001")],
)  # fmt: skip
def test_the_fast_path_refuses_what_to_decimal_refuses(bad: object) -> None:
    with pytest.raises(ResponseValidationError) as caught:
        to_decimal_at(bad, "p", "$.accounts[{}].balances[{}].available", "acct", 3)
    assert caught.value.path == "$.accounts[acct].balances[3].available"


def test_short_text_bounds_digits_and_exponent() -> None:
    """Why the fast path may skip to_decimal's range checks: a short DECIMAL_TEXT string is in range."""
    assert SHORT_TEXT <= MAX_AMOUNT_DIGITS
    for text in ("9" * SHORT_TEXT, "0." + "0" * (SHORT_TEXT - 3) + "1", "-" + "1" * (SHORT_TEXT - 1)):
        assert DECIMAL_TEXT.match(text)
        _, digits, exponent = Decimal(text).as_tuple()
        assert len(digits) <= MAX_AMOUNT_DIGITS
        assert -MAX_AMOUNT_DIGITS <= int(exponent) <= MAX_AMOUNT_DIGITS


# -- the limits themselves, each side (literal: 1,000 digits, exponents within +-1,000, magnitudes up to 100) -------

IN_RANGE = [
    ("a 2,000-character decimal string (leading zeros)", "0" * 1999 + "7", Decimal(7)),
    ("an int of 3,000 bits", 2**2999, Decimal(2**2999)),
    ("a Decimal of 1,000 digits", Decimal("1" * 1000), Decimal("1" * 1000)),
    ("exponent +1,000", Decimal("1E+1000"), Decimal("1E+1000")),
    ("exponent -1,000", Decimal("1E-1000"), Decimal("1E-1000")),
]
OUT_OF_RANGE = [
    ("a 2,001-character decimal string", "0" * 2000 + "7"),
    ("an int of 3,001 bits", 2**3000),
    ("a Decimal of 1,001 digits", Decimal("1" * 1001)),
    ("exponent +1,001", Decimal("1E+1001")),
    ("exponent -1,001", Decimal("1E-1001")),
]


@pytest.mark.parametrize(("what", "value", "expected"), IN_RANGE, ids=[c[0] for c in IN_RANGE])
def test_amounts_at_the_limits_are_accepted(what: str, value: object, expected: Decimal) -> None:
    got = to_decimal(value, provider="p", path="$.x")
    assert (got, str(got)) == (expected, str(expected))


@pytest.mark.parametrize(("what", "value"), OUT_OF_RANGE, ids=[c[0] for c in OUT_OF_RANGE])
def test_amounts_past_the_limits_are_refused(what: str, value: object) -> None:
    with pytest.raises(ResponseValidationError, match=r"is (out of range|not a decimal amount)") as caught:
        to_decimal(value, provider="p", path="$.x")
    assert caught.value.path == "$.x"


def test_checked_amounts_still_refuse_absurd_sizes() -> None:
    """The checker matched the pattern, not the size: a long checked amount still gets the range check."""
    assert checked_to_decimal_at("12.50", "p", "$.a[{}]", 0) == Decimal("12.50")
    with pytest.raises(ResponseValidationError, match="out of range") as caught:
        checked_to_decimal_at("9" * 1500, "p", "$.a[{}].total", 3)
    assert caught.value.path == "$.a[3].total"
    assert checked_to_decimal_at("0" * 1500 + "3", "p", "$.a[{}]", 0) == Decimal(3)


@pytest.mark.parametrize(("magnitude", "expected"), [(0, "123"), (8, "0.00000123"), (100, "1.23E-98")])
def test_scale_down_up_to_magnitude_100(magnitude: int, expected: str) -> None:
    assert str(scale_down(Decimal(123), magnitude)) == expected


@pytest.mark.parametrize("magnitude", [-1, 101, True, 8.0])
def test_scale_down_refuses_other_magnitudes(magnitude: object) -> None:
    with pytest.raises(AmountError, match=r"magnitude must be an integer in \[0, 100\]"):
        scale_down(Decimal(1), magnitude)  # type: ignore[arg-type]
