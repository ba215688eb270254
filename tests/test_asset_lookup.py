"""Asset lookups are exact (never a case-folded guess), and `decimals: 0` is a scale like any other."""

from __future__ import annotations

from decimal import Decimal

from balancekit import assets
from balancekit.holding import Holding


def test_lookup_matches_the_providers_code_exactly() -> None:
    registry = assets.builtin()
    found = registry.lookup("bitgo-network", "ofcbtc")
    assert found is not None
    assert (found.asset, found.decimals) == ("BTC", 8)
    assert registry.lookup("bitgo-network", "OFCBTC") is None
    assert registry.lookup("bitgo-network", "Ofcbtc") is None
    shouted = Holding("bitgo-network", "c", "trading", None, "OFCBTC", None, Decimal("100000000"), "base")
    kept = registry.canonical(shouted)
    assert (kept.asset, kept.unit, kept.total, kept.provider_asset) == (
        "OFCBTC",
        "base",
        Decimal("100000000"),
        "OFCBTC",
    )
    assert registry.unmapped([kept]) == [("bitgo-network", "OFCBTC")]


def test_decimals_zero_is_accepted_and_scales_by_one() -> None:
    document = {"providers": {"bitgo-network": {"ofcpoints": {"asset": "BTC", "decimals": 0, "source": "test"}}}}
    registry = assets.builtin().overlay(document, "test")
    mapping = registry.lookup("bitgo-network", "ofcpoints")
    assert mapping == assets.AssetMapping("bitgo-network", "ofcpoints", "BTC", None, 0, "test")
    raw = Holding("bitgo-network", "c", "trading", None, "ofcpoints", Decimal("7"), Decimal("12"), "base")
    got = registry.canonical(raw)
    assert (got.asset, got.unit, got.available, got.total) == ("BTC", "major", Decimal("7"), Decimal("12"))
