"""The asset registry: its schema, its sources, and canonical holdings over real HTTP against the sandbox."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
import yaml

from balancekit import assets
from balancekit.collect import gather
from balancekit.errors import ConfigurationError
from balancekit.holding import Holding
from balancekit.providers import PROVIDERS, bitgo_network, cryptofuse
from balancekit.providers import registry as provider_registry
from balancekit.report import to_json, totals
from balancekit.sandbox import Sandbox

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "specs" / "assets.yaml"
SCHEMA = json.loads((ROOT / "specs" / "assets.schema.json").read_text())
CREDENTIAL_VARS = ("BITGO_", "LEDGER_", "CRYPTOFUSE_", "BYZANTINE_", "BALANCEKIT_")


def document() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(SOURCE.read_text())
    return loaded


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(CREDENTIAL_VARS)}
    return subprocess.run(
        [sys.executable, "-m", "balancekit.cli", *args],
        capture_output=True,
        text=True,
        env=clean | (env or {}),
        timeout=120,
        check=False,
    )


def collect(sandbox: Sandbox, registry: assets.Registry) -> list[Holding]:
    connected = {p: provider_registry.module(p).connect(**sandbox.connect_kwargs(p)) for p in PROVIDERS}
    result = gather(connected, concurrency=4, assets=registry)
    assert result.errors == {}
    return result.holdings


# -- the registry as data ------------------------------------------------------------


def test_the_registry_matches_its_json_schema_and_every_entry_has_a_source() -> None:
    doc = document()
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.validate(doc, SCHEMA)
    for code, asset in doc["assets"].items():
        assert asset["source"].strip(), code
    for provider, codes in doc["providers"].items():
        for code, entry in codes.items():
            assert entry["asset"] in doc["assets"], (provider, code)
            assert "http" in entry["source"], (provider, code)


def test_the_packaged_copy_is_the_source_rendered() -> None:
    packaged = json.loads((ROOT / "overlays" / "balancekit" / assets.PACKAGED).read_text())
    assert packaged == document()
    registry = assets.builtin()
    assert registry is assets.builtin()  # loaded once
    assert len(registry.mappings) == sum(len(codes) for codes in document()["providers"].values())


def test_ofc_decimals_come_from_bitgo_statics() -> None:
    registry = assets.builtin()
    expected = {"ofcbtc": ("BTC", 8), "ofceth": ("ETH", 18), "ofcsol": ("SOL", 9), "ofcusdc": ("USDC", 6),
                "ofcusdt": ("USDT", 6)}  # fmt: skip
    for code, (asset, decimals) in expected.items():
        found = registry.lookup("bitgo-network", code)
        assert found is not None
        assert (found.asset, found.decimals, found.network) == (asset, decimals, "ofc")
        assert "BitGo/BitGoJS" in found.source
        assert "modules/statics" in found.source
    cryptofuse_usdt = registry.lookup("cryptofuse", "USDTERC20")
    assert cryptofuse_usdt is not None
    assert (cryptofuse_usdt.asset, cryptofuse_usdt.network) == ("USDT", "ethereum")


# (path, bad value, entry the error names); the last one passes the schema: only the cross-check sees it
BAD_ENTRIES = [
    (("providers", "cryptofuse", "USDTERC20", "asset"), "usdt", "providers.cryptofuse.USDTERC20.asset"),
    (("providers", "bitgo-network", "ofcbtc", "decimals"), -1, "providers.bitgo-network.ofcbtc.decimals"),
    (("providers", "bitgo-network", "ofcbtc", "decimals"), "8", "providers.bitgo-network.ofcbtc.decimals"),
    (("providers", "ledger", "bitcoin", "network"), "Bitcoin Mainnet", "providers.ledger.bitcoin.network"),
    (("providers", "ledger", "bitcoin", "colour"), "orange", "providers.ledger.bitcoin.colour"),
    (("providers", "coinbase"), {}, "providers.coinbase"),
    (("assets", "BTC", "type"), "stock", "assets.BTC.type"),
    (("assets", "btc"), {"name": "x", "type": "crypto", "source": "s"}, "assets.btc"),
    (("providers", "cryptofuse", "USDTERC20", "asset"), "NOPE", "providers.cryptofuse.USDTERC20.asset"),
]


@pytest.mark.parametrize(("path", "value", "named"), BAD_ENTRIES)
def test_bad_entries_fail_the_schema_and_the_runtime_check_naming_the_entry(
    path: tuple[str, ...], value: object, named: str
) -> None:
    doc = copy.deepcopy(document())
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    if value != "NOPE":
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(doc, SCHEMA)
    else:
        jsonschema.validate(doc, SCHEMA)  # a well-formed code that names no canonical asset
    with pytest.raises(ConfigurationError, match=named.replace(".", r"\.")):
        assets.parse(doc, "test")


def test_missing_source_is_refused() -> None:
    doc = copy.deepcopy(document())
    del doc["providers"]["ledger"]["bitcoin"]["source"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, SCHEMA)
    with pytest.raises(ConfigurationError, match=r"providers\.ledger\.bitcoin: missing source"):
        assets.parse(doc, "test")


def test_canonical_scales_base_units_exactly_and_keeps_the_provider_code() -> None:
    registry = assets.builtin()
    raw = Holding("bitgo-network", "c", "trading", None, "ofcbtc", Decimal("123456789"), Decimal("100000001"), "base")
    got = registry.canonical(raw)
    assert (got.asset, got.provider_asset, got.network, got.unit) == ("BTC", "ofcbtc", "ofc", "major")
    assert (got.available, got.total) == (Decimal("1.23456789"), Decimal("1.00000001"))
    assert registry.canonical(got) == got  # idempotent
    odd = Holding("bitgo-network", "c", "trading", None, "ofcnewcoin", None, Decimal(5), "base")
    kept = registry.canonical(odd)
    assert (kept.asset, kept.provider_asset, kept.unit, kept.total) == ("ofcnewcoin", "ofcnewcoin", "base", Decimal(5))


# -- over HTTP against the sandbox ---------------------------------------------------


def test_sandbox_collection_is_fully_mapped_with_one_btc_line(balancekit_sandbox: Sandbox) -> None:
    registry = assets.builtin()
    holdings = collect(balancekit_sandbox, registry)
    assert registry.unmapped(holdings) == []
    network = [h for h in holdings if h.provider == "bitgo-network"]
    assert {(h.provider_asset, h.asset, h.unit) for h in network} == {
        ("ofcbtc", "BTC", "major"),
        ("ofceth", "ETH", "major"),
        ("ofcsol", "SOL", "major"),
        ("ofcusdc", "USDC", "major"),
        ("ofcusdt", "USDT", "major"),
    }
    btc = [h for h in holdings if h.asset == "BTC"]
    assert {h.provider for h in btc} == {"bitgo-link", "bitgo-network", "ledger", "cryptofuse"}  # none at Byzantine
    lines = [t for t in totals(holdings, breakdown=True) if t.asset == "BTC"]
    assert len(lines) == 1
    (line,) = lines
    assert (line.unit, line.kind, line.holdings) == ("major", "holding", len(btc))
    assert Fraction(line.total) == sum(Fraction(h.total) for h in btc)
    assert sum(p.holdings for p in line.by_provider) == len(btc)
    assert Fraction(sum(p.total for p in line.by_provider)) == Fraction(line.total)
    usd = [t for t in totals(holdings) if t.asset == "USD"]
    assert [t.kind for t in usd] == ["valuation"]


def test_an_unknown_code_stays_apart_in_its_own_total_line(balancekit_sandbox: Sandbox) -> None:
    """Cryptofuse's BTC unmapped: it keeps the provider's code and totals alone, never merged into BTC."""
    doc = copy.deepcopy(document())
    del doc["providers"]["cryptofuse"]["BTC"]
    trimmed = assets.Registry(*assets.parse(doc, "trimmed"))
    holdings = collect(balancekit_sandbox, trimmed)
    assert trimmed.unmapped(holdings) == [("cryptofuse", "BTC")]
    output = json.loads(to_json(holdings, [], True, unmapped=trimmed.unmapped(holdings)))
    assert output["unmapped"] == [{"provider": "cryptofuse", "provider_asset": "BTC"}]
    btc_lines = [t for t in output["totals"] if t["asset"] == "BTC"]
    assert [t["provider"] for t in btc_lines] == [None, "cryptofuse"]
    apart = [h for h in holdings if h.provider == "cryptofuse" and h.provider_asset == "BTC"]
    merged = [h for h in holdings if h.asset == "BTC" and h not in apart]
    assert (btc_lines[1]["holdings"], Fraction(btc_lines[1]["total"])) == (1, Fraction(apart[0].total))
    assert Fraction(btc_lines[0]["total"]) == sum(Fraction(h.total) for h in merged)
    assert apart[0].network is None


def test_override_file_adds_and_replaces_mappings(balancekit_sandbox: Sandbox, tmp_path: Path) -> None:
    override = tmp_path / "assets.toml"
    override.write_text(
        '[assets.USDX]\nname = "Test dollar"\ntype = "crypto"\nsource = "test"\n'
        '[providers.cryptofuse.USDTERC20]\nasset = "USDX"\nnetwork = "ethereum"\nsource = "test"\n'
    )
    registry = assets.load(override)
    assert registry.lookup("cryptofuse", "USDTERC20") == assets.AssetMapping(
        "cryptofuse", "USDTERC20", "USDX", "ethereum", None, "test"
    )
    client = cryptofuse.connect(**balancekit_sandbox.connect_kwargs("cryptofuse"))
    got = {h.provider_asset: h.asset for h in cryptofuse.holdings(client, assets=registry)}
    assert got["USDTERC20"] == "USDX"
    assert got["USDCERC20"] == "USDC"  # the curated mappings stay
    network = bitgo_network.connect(**balancekit_sandbox.connect_kwargs("bitgo-network"))
    assert all(h.unit == "major" for h in bitgo_network.holdings(network, assets=registry))


@pytest.mark.parametrize(
    ("text", "suffix", "named"),
    [
        ('[providers.cryptofuse.WBTC]\nasset = "WBTC2"\nsource = "x"\n', ".toml", "providers.cryptofuse.WBTC.asset"),
        ('{"providers": {"ledger": {"bitcoin": {"asset": "BTC"}}}}', ".json", "providers.ledger.bitcoin: missing"),
        ("[providers.ledger\n", ".toml", "is not valid TOML"),
        ("{}", ".txt", "use a .json, .toml or .yaml file"),
    ],
)
def test_bad_override_file_exits_1_naming_the_entry(
    balancekit_sandbox: Sandbox, tmp_path: Path, text: str, suffix: str, named: str
) -> None:
    path = tmp_path / f"assets{suffix}"
    path.write_text(text)
    result = run("balances", "--assets", str(path), env=balancekit_sandbox.env())
    assert result.returncode == 1, result.stdout + result.stderr
    assert named in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_config_file_names_an_asset_file(balancekit_sandbox: Sandbox, tmp_path: Path) -> None:
    bad = {"providers": {"ledger": {"bitcoin": {"asset": "NOPE!", "source": "mine"}}}}
    (tmp_path / "mine.json").write_text(json.dumps(bad))
    config = tmp_path / "balancekit.toml"
    config.write_text('assets = "mine.json"\n')
    result = run("assets", "--config", str(config))
    assert result.returncode == 1
    assert "providers.ledger.bitcoin.asset" in result.stderr


def test_assets_command_prints_the_registry_and_checks_a_collection(balancekit_sandbox: Sandbox) -> None:
    listing = run("assets", "--format", "json")
    assert listing.returncode == 0, listing.stderr
    printed = json.loads(listing.stdout)
    listed = [(m["provider"], m["code"]) for m in printed["mappings"]]
    curated = [(provider, code) for provider, codes in document()["providers"].items() for code in codes]
    assert sorted(listed) == sorted(curated)  # every curated code once, read from the YAML source itself
    ofcbtc = next(m for m in printed["mappings"] if m["code"] == "ofcbtc")
    assert (ofcbtc["asset"], ofcbtc["decimals"]) == ("BTC", 8)
    table = run("assets")
    assert table.returncode == 0, table.stderr
    assert "Asset registry (provider code -> canonical asset)" in table.stdout
    assert all(p in table.stdout for p in ("bitgo-link", "bitgo-network", "ledger", "cryptofuse", "byzantine"))
    assert "ofcbtc" in table.stdout
    check = run("assets", "--check", "--format", "json", env=balancekit_sandbox.env())
    assert check.returncode == 0, check.stderr
    report = json.loads(check.stdout)
    assert (report["unmapped"], report["errors"]) == ([], [])
    # the default sandbox's codes: bitgo-link 12, bitgo-network 5 (ofcbtc ... ofcusdt), byzantine 2 (eur, usd),
    # cryptofuse 4 (BTC, ETH, USDCERC20, USDTERC20), ledger 5 (bitcoin, ethereum, USDC's contract, polkadot, solana)
    assert report["seen"] == 28


def test_holding_key_uses_the_provider_code() -> None:
    h = Holding("ledger", "1", "n", None, "BTC", None, Decimal(1), "major", provider_asset="bitcoin")
    assert h.key() == ("ledger", "1", None, None, "bitcoin")
    assert attrs.evolve(h, provider_asset=None).key()[-1] == "BTC"
