"""Hostile values fed straight to every conversion function: only balancekit's errors ever escape.

The decoder and the spec check stop most bad bodies earlier; these tests drive the money helpers and each
provider's holding and history conversions themselves, with floats, NaN, Infinity, absurd sizes, blanks,
wrong types, naive and unparseable dates.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC
from decimal import Decimal, localcontext
from fractions import Fraction
from types import SimpleNamespace as NS
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from balancekit.errors import AmountError, BalancekitError, ResponseValidationError
from balancekit.http import decode_json
from balancekit.money import exact_add, exact_sum, scale_down, to_decimal
from balancekit.providers import bitgo_link, bitgo_network, byzantine, cryptofuse, ledger

HOSTILE = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))

hostile_amount = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.sampled_from([Decimal("sNaN"), Decimal("-Infinity"), Decimal("1E+999999"), Decimal("1E-999999")]),
    st.integers(min_value=-(10**1200), max_value=10**1200),
    st.text(max_size=12),
    st.sampled_from(["1e5", "NaN", "Infinity", "", " 1", "1,5", "0x10", "9" * 3000, "0." + "0" * 2000 + "1"]),
    st.none(),
    st.booleans(),
    st.lists(st.integers(), max_size=2),
)
hostile_magnitude = st.one_of(st.integers(min_value=-5, max_value=10**6), st.none(), st.booleans(), st.text(max_size=3))
hostile_date = st.one_of(
    st.datetimes(),  # naive
    st.datetimes(timezones=st.just(UTC)),
    st.text(max_size=30),
    st.sampled_from(["2026-13-01T00:00:00Z", "2026-10-01", "2026-10-01T00:00:00", "yesterday", ""]),
    st.none(),
    st.integers(),
)


def only_balancekit_errors(fn: Callable[[], Any], expected: type[BalancekitError] = ResponseValidationError) -> Any:
    """Run fn; `expected` (the typed error the function documents, naming the bad value's path where it has one)
    is a fine answer to a hostile value, any other exception (another balancekit error too) fails the test."""
    try:
        return fn()
    except expected as exc:
        if isinstance(exc, ResponseValidationError):
            assert exc.path.startswith("$"), exc.path  # noqa: PT017 (a hostile value may also be accepted)
        return None


def exact_amounts(holdings: list[Any] | None) -> None:
    for h in holdings or []:
        for value in (h.total, h.available):
            assert value is None or (isinstance(value, Decimal) and value.is_finite())


def same_amount(got: Decimal | None, given: Any) -> None:
    """An accepted amount is the value it was given, exactly (None stays None)."""
    assert (None if got is None else Fraction(got)) == (None if given is None else Fraction(given))


@HOSTILE
@given(hostile_amount)
def test_to_decimal(value: object) -> None:
    got = only_balancekit_errors(lambda: to_decimal(value, provider="p", path="$.x"))
    if got is not None:
        assert isinstance(got, Decimal)
        assert got.is_finite()
        assert not isinstance(value, float)


@HOSTILE
@given(hostile_amount, hostile_magnitude)
def test_scale_down(amount: Any, magnitude: Any) -> None:
    got = only_balancekit_errors(lambda: scale_down(amount, magnitude), AmountError)
    if got is not None:
        assert Fraction(got) == Fraction(amount) / 10**magnitude


@HOSTILE
@given(st.lists(hostile_amount, max_size=4))
def test_exact_sum(values: list[Any]) -> None:
    got = only_balancekit_errors(lambda: exact_sum(values), AmountError)
    if got is not None:
        assert Fraction(got) == sum((Fraction(v) for v in values), Fraction(0))


@HOSTILE
@given(hostile_amount, hostile_amount, hostile_date)
@example("1.5", "2.25", "2026-10-01T00:00:00Z")  # valid: read as given (random text is seldom a number)
def test_bitgo_link_account_holdings(available: Any, total: Any, as_of: Any) -> None:
    row = NS(display_asset="btc", available=available, total=total, as_of_date=as_of)
    account = NS(id="acct-1", name="Desk", balances=[row], sub_accounts=[])
    got = only_balancekit_errors(lambda: bitgo_link.account_holdings(account))  # type: ignore[arg-type]
    exact_amounts(got)
    if got is not None:
        [holding] = got
        same_amount(holding.available, available)
        same_amount(holding.total, total)


@HOSTILE
@given(hostile_amount, hostile_amount)
def test_bitgo_network_balances(available: Any, held: Any) -> None:
    balances = NS(additional_properties={"ofcbtc": NS(available=available, held=held)})
    got = only_balancekit_errors(lambda: bitgo_network._balances("client", "trading", None, balances))
    exact_amounts(got)
    if got:
        assert got[0].total == Fraction(available) + Fraction(held)


@HOSTILE
@given(hostile_amount, hostile_amount, hostile_magnitude)
def test_ledger_account_holding(total: Any, available: Any, magnitude: Any) -> None:
    account = NS(id=1000, name="BTC vault", currency="bitcoin", type_="Bitcoin", contract_address=None, balance=total,
                 available_balance=available)  # fmt: skip
    body = NS(total=total, available=available)

    def convert() -> Any:
        unit = ledger.major_unit(NS(amount_units=[NS(code="BTC", magnitude=magnitude)]))  # type: ignore[arg-type]
        return [ledger.account_holding(account, body, unit)]  # type: ignore[arg-type]

    exact_amounts(only_balancekit_errors(convert))


def test_ledger_without_amount_units_is_a_response_error() -> None:
    with pytest.raises(ResponseValidationError, match=r"amount_units"):
        ledger.major_unit(NS(amount_units=[]))  # type: ignore[arg-type]


@HOSTILE
@given(hostile_date, hostile_amount, hostile_magnitude)
def test_ledger_history(date: Any, value: Any, magnitude: Any) -> None:
    body = NS(currency=NS(magnitude=magnitude), balances=[NS(date=date, value=value)])
    points = only_balancekit_errors(lambda: ledger._history(body))  # type: ignore[arg-type]
    for point in points or []:
        assert point.date.tzinfo is not None


@HOSTILE
@given(hostile_amount, hostile_amount, hostile_date)
def test_cryptofuse_balances_and_history(total: Any, other: Any, when: Any) -> None:
    maps = NS(account=NS(additional_properties={"BTC": total}), sub_accounts=NS(additional_properties={"ETH": other}))
    exact_amounts(only_balancekit_errors(lambda: cryptofuse.balance_holdings(maps)))
    item = NS(timestamp=when, currency="BTC", type_="deposit", amount=total, balance_after=other)
    got = only_balancekit_errors(lambda: cryptofuse.entry(item, 0))  # type: ignore[arg-type]
    if got is not None:
        assert got.timestamp.tzinfo is not None  # comparable with the CLI's aware --since/--until


@HOSTILE
@given(hostile_amount, hostile_amount)
@example("3.5", "0.25")  # valid: read as given
def test_byzantine_balance_holdings(position: Any, idle: Any) -> None:
    sub = NS(
        wallet_address="0xabc",
        positions=[NS(chain_id=1, vault_address="0xv", currency="usd", balance=position)],
        idle=[NS(chain_id=1, currency="usd", balance=idle)],
    )
    ref = byzantine.AccountRef("acct", "Account")
    got = only_balancekit_errors(lambda: byzantine.balance_holdings(ref, NS(sub_accounts=[sub])))  # type: ignore[arg-type]
    exact_amounts(got)
    if got is not None:
        vault, idle_holding = got
        same_amount(vault.total, position)
        assert vault.available is None  # locked in the vault
        same_amount(idle_holding.total, idle)
        same_amount(idle_holding.available, idle)


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_decoder_refuses_nan_and_infinity(constant: str) -> None:
    response = httpx.Response(200, content=f'{{"balances": [{{"total": {constant}}}]}}'.encode())
    with pytest.raises(ResponseValidationError, match=f"{constant} is not a JSON number"):
        decode_json("ledger", response)


def decoded(text: str | bytes) -> Any:
    content = text.encode() if isinstance(text, str) else text
    return decode_json("ledger", httpx.Response(200, content=content))


def test_decoder_keeps_every_number_exact() -> None:
    body = decoded('{"a": 1e400, "b": 123456789012345678901234567890, "c": 0.1, "d": -0.0, "e": 2.50}')
    assert body == {"a": Decimal("1e400"), "b": 123456789012345678901234567890, "c": Decimal("0.1"),
                    "d": Decimal("-0.0"), "e": Decimal("2.50")}  # fmt: skip
    assert type(body["b"]) is int
    assert str(body["e"]) == "2.50"  # the provider's own text, trailing zero included


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"a": "\\ud800"}', "malformed JSON"),  # a lone surrogate is not Unicode text
        (b'{"a": "\xff"}', "not UTF-8"),
        (b'{"a": 1} trailing', "malformed JSON"),
        (b'{"a": 1' + b"0" * 5000 + b"}", "malformed JSON"),  # beyond Python's integer string limit
    ],
)
def test_decoder_refuses_what_is_not_json(content: bytes, reason: str) -> None:
    with pytest.raises(ResponseValidationError, match=reason) as caught:
        decoded(content)
    assert caught.value.path == "$"


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.decimals(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@HOSTILE
@given(JSON_VALUES)
def test_decoder_agrees_with_the_standard_library_exactly(value: Any) -> None:
    """On valid JSON, the fast decoder and json.loads(parse_float=Decimal) give equal values of equal types."""
    text = _dump(value)
    expected = json.loads(text, parse_float=Decimal)
    assert _typed(decoded(text)) == _typed(expected)


def _dump(value: Any) -> str:
    """JSON text with Decimals written as numbers, in their own text (1E+5, -0.00, ...)."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list):
        return "[" + ",".join(map(_dump, value)) + "]"
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(k, ensure_ascii=False)}:{_dump(v)}" for k, v in value.items()) + "}"
    return json.dumps(value, ensure_ascii=False)


def _typed(value: Any) -> Any:
    """Values with their types and exact text, so 1 == Decimal(1) or 2.5 == 2.50 cannot pass for equal."""
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return (type(value).__name__, str(value))


def test_floats_are_refused_naming_the_path() -> None:
    with pytest.raises(ResponseValidationError, match=r"\$\.balances\[0\]\.total: '0\.1' is a float"):
        to_decimal(0.1, provider="p", path="$.balances[0].total")


def test_sums_are_exact_whatever_the_callers_context() -> None:
    """30-digit base-unit amounts: under a 28-digit (or 5-digit) context `+` rounds; balancekit's sums do not."""
    available, held = Decimal("123456789012345678901234567890"), Decimal("987654321098765432109876543210")
    balances = NS(additional_properties={"ofcbtc": NS(available=str(available), held=str(held))})
    for precision in (5, 28):
        with localcontext() as ctx:
            ctx.prec = precision
            [holding] = bitgo_network._balances("client", "trading", None, balances)
            assert format(holding.total, "f") == "1111111110111111111011111111100"
            assert exact_add(available, held) == holding.total
            assert exact_sum([available, held, held.copy_negate()]) == available


def test_a_sum_that_would_round_raises() -> None:
    with pytest.raises(AmountError):
        exact_sum([Decimal("1E+999999"), Decimal("1E-999999")])
