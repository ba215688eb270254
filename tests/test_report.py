"""Report totals and amount text: exact beyond 28 digits, units and kinds never mixed, fixed notation."""

from __future__ import annotations

import json
from decimal import Decimal, localcontext

from balancekit.holding import Holding
from balancekit.report import Failure, amount, to_csv, to_json, totals


def held(asset: str, total: str, unit: str = "major", provider: str = "p", account: str = "a", **kw: str) -> Holding:
    return Holding(provider, account, "n", None, asset, None, Decimal(total), unit, **kw)  # type: ignore[arg-type]


def test_totals_are_exact_beyond_the_default_context() -> None:
    big = held("ETH", "12345678901.123456789012345678", account="a")
    small = held("ETH", "1.000000000000000001", account="b")
    with localcontext() as ctx:
        ctx.prec = 28  # the default: 12345678902.123456789012345679 would round
        (total,) = totals([big, small])
    assert amount(total.total) == "12345678902.123456789012345679"
    assert (total.asset, total.unit, total.holdings) == ("ETH", "major", 2)


def test_base_and_major_units_of_one_asset_are_never_added() -> None:
    got = totals([held("BTC", "1.5"), held("BTC", "150000000", "base", account="b"), held("btc", "0.5", account="c")])
    assert [(t.asset, t.unit, amount(t.total), t.holdings) for t in got] == [
        ("BTC", "major", "2.0", 2),
        ("BTC", "base", "150000000", 1),
    ]


def test_valuations_are_never_added_to_holdings() -> None:
    got = totals([held("USD", "10"), held("USD", "5", kind="valuation", account="b")])
    assert [(t.asset, t.kind, amount(t.total)) for t in got] == [("USD", "holding", "10"), ("USD", "valuation", "5")]


def test_unmapped_codes_total_alone_per_provider() -> None:
    a = held("ofcnew", "1", "base", provider="bitgo-network", provider_asset="ofcnew")
    b = held("OFCNEW", "2", "base", provider="other", provider_asset="OFCNEW", account="b")
    got = totals([a, b], unmapped={("bitgo-network", "ofcnew")})
    assert [(t.asset, t.provider, amount(t.total)) for t in got] == [
        ("OFCNEW", None, "2"),
        ("ofcnew", "bitgo-network", "1"),
    ]


def test_an_unmapped_provider_code_totals_alone_whatever_its_asset_says() -> None:
    odd = held("BTC", "1", provider="ledger", provider_asset="xbt-new")
    got = totals([held("BTC", "2", provider="ledger", account="b"), odd], unmapped={("ledger", "xbt-new")})
    assert [(t.asset, t.provider, amount(t.total), t.holdings) for t in got] == [
        ("BTC", None, "2", 1),
        ("xbt-new", "ledger", "1", 1),
    ]


def test_breakdown_per_provider() -> None:
    parts = [
        held("BTC", "1", provider="x"),
        held("BTC", "2", provider="y"),
        held("BTC", "3", provider="x", account="b"),
    ]
    got = totals(parts, breakdown=True)
    assert [(p.provider, amount(p.total), p.holdings) for p in got[0].by_provider] == [("x", "4", 2), ("y", "2", 1)]
    assert totals([held("BTC", "1")])[0].by_provider == ()


def test_amounts_are_fixed_notation_never_exponents() -> None:
    assert amount(Decimal("0E-8")) == "0.00000000"
    assert amount(Decimal("1E+2")) == "100"
    assert amount(Decimal("-1.5E-10")) == "-0.00000000015"
    assert amount(None) is None


def test_json_and_csv_print_amounts_in_fixed_notation() -> None:
    h = Holding("p", "a", "n", None, "BTC", Decimal("0E-8"), Decimal("1E+2"), "major")
    document = json.loads(to_json([h], [Failure("q", "ServerError", 503, "busy")], sandbox=True))
    assert (document["holdings"][0]["available"], document["holdings"][0]["total"]) == ("0.00000000", "100")
    assert document["totals"] == [
        {"asset": "BTC", "unit": "major", "kind": "holding", "total": "100", "holdings": 1, "provider": None}
    ]
    assert document["errors"] == [{"provider": "q", "error": "ServerError", "status": 503, "message": "busy"}]
    assert to_csv([h], sandbox=False).splitlines()[1] == "live,p,a,n,,,BTC,0.00000000,100,major,,BTC,,holding"
