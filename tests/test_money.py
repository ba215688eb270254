"""Money is exact: Decimal from the provider's text, sums exact, scaling exact."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from balancekit.errors import ResponseValidationError
from balancekit.holding import Holding
from balancekit.money import exact_sum, scale_down, to_decimal

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
