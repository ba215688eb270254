"""User asset registry documents: each rule of specs/assets.schema.json checked at run time, naming the entry, and
the files they come from (.json, .toml, .yaml in any case of suffix)."""

from __future__ import annotations

import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from balancekit import assets
from balancekit.errors import ConfigurationError
from balancekit.holding import Holding

BTC = {"name": "Bitcoin", "type": "crypto", "source": "s"}


def mapped(**entry: object) -> dict[str, Any]:
    """A user document mapping Ledger's `coin` with these fields (asset BTC and a source unless given)."""
    return {"providers": {"ledger": {"coin": {"asset": "BTC", "source": "s"} | entry}}}


def refused(document: object) -> str:
    with pytest.raises(ConfigurationError) as caught:
        assets.parse(document, "mine.json", assets.builtin().assets, partial=True)
    return str(caught.value)


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([], "top level: must be a table/object with `assets` and `providers`"),
        ({"version": 1, "colour": "red"}, "colour: unknown key (expected version, assets, providers)"),
        ({"version": 2}, "version: must be 1, got 2"),
        ({"assets": []}, "assets: must be a table/object"),
        ({"assets": {"XYZ": "Bitcoin"}}, "assets.XYZ: must be a table/object with name, source, type"),
        ({"assets": {"XYZ": {"name": "x", "type": "crypto"}}}, "assets.XYZ: missing source"),
        ({"assets": {"XYZ": BTC | {"name": " "}}}, "assets.XYZ.name: must be a non-empty string"),
        ({"assets": {"XYZ": BTC | {"source": 7}}}, "assets.XYZ.source: must be a non-empty string"),
        ({"assets": {"X": BTC}}, "assets.X: asset codes are 2-12 upper-case letters or digits"),
        ({"providers": {"ledger": ["coin"]}}, "providers.ledger: must be a table of provider codes"),
        ({"providers": {"ledger": {"a coin": {"asset": "BTC", "source": "s"}}}},
         "providers.ledger.a coin: provider codes are 1-64 characters without spaces"),
        (mapped(asset=7), "providers.ledger.coin.asset: 7 is not a canonical asset (add it under `assets`)"),
        (mapped(network=7), "providers.ledger.coin.network: must be null or a lower-case network name, got 7"),
        (mapped(decimals=True), "providers.ledger.coin.decimals: must be a whole number 0..36, got True"),
        (mapped(decimals=37), "providers.ledger.coin.decimals: must be a whole number 0..36, got 37"),
        (mapped(decimals=1.5), "providers.ledger.coin.decimals: must be a whole number 0..36, got 1.5"),
        (mapped(note=7), "providers.ledger.coin.note: must be a string"),
    ],
    ids=["not-a-table", "unknown-key", "version-2", "assets-not-a-table", "entry-not-a-table", "no-source",
         "blank-name", "source-not-text", "short-code", "codes-not-a-table", "code-with-space", "asset-not-text",
         "network-not-text", "decimals-bool", "decimals-37", "decimals-fraction", "note-not-text"],
)  # fmt: skip
def test_a_bad_document_is_refused_naming_the_entry(document: object, message: str) -> None:
    assert refused(document) == f"asset registry mine.json: {message}"


def test_a_complete_document_needs_its_version_assets_and_providers() -> None:
    """parse() without `partial`, as builtin() reads the packaged registry."""
    with pytest.raises(ConfigurationError, match=r"^asset registry x: version: must be 1, got None$"):
        assets.parse({"assets": {}, "providers": {}}, "x")
    with pytest.raises(ConfigurationError, match=r"^asset registry x: assets: must be a table/object$"):
        assets.parse({"version": 1, "providers": {}}, "x")
    assert assets.parse({"version": 1, "assets": {}, "providers": {}}, "x") == ({}, {})


def test_the_documented_bounds_and_nulls_are_accepted() -> None:
    document = {"version": 1, "assets": {"XYZ": BTC | {"name": "X coin"}}, "providers": {"ledger": {
        "coin": {"asset": "BTC", "decimals": 36, "network": None, "note": "n", "source": "s"},
        "xyz": {"asset": "XYZ", "decimals": None, "network": "x-net_2", "source": "s"}}}}  # fmt: skip
    found, mappings = assets.parse(document, "x", assets.builtin().assets, partial=True)
    assert found == {"XYZ": assets.Asset("XYZ", "X coin", "crypto", "s")}
    assert mappings == {
        ("ledger", "coin"): assets.AssetMapping("ledger", "coin", "BTC", None, 36, "s", "n"),
        ("ledger", "xyz"): assets.AssetMapping("ledger", "xyz", "XYZ", "x-net_2", None, "s"),
    }


def test_base_units_are_scaled_only_where_the_mapping_gives_decimals() -> None:
    registry = assets.builtin().overlay(mapped(decimals=8, network="bitcoin"), "mine")
    base = Holding("ledger", "1", "n", None, "coin", None, Decimal("250000000"), "base")
    assert registry.canonical(base) == Holding("ledger", "1", "n", None, "BTC", None, Decimal("2.50000000"), "major",
                                               provider_asset="coin", network="bitcoin")  # fmt: skip
    major = Holding("ledger", "1", "n", None, "coin", Decimal("3"), Decimal("250000000"), "major")
    assert registry.canonical(major) == Holding("ledger", "1", "n", None, "BTC", Decimal("3"), Decimal("250000000"),
                                                "major", provider_asset="coin", network="bitcoin")  # fmt: skip


def test_unmapped_codes_are_listed_once_sorted() -> None:
    def raw(provider: str, code: str) -> Holding:
        return Holding(provider, "1", "n", None, code, None, Decimal(1), "base")

    seen = [raw("ledger", "zz"), raw("cryptofuse", "BTC"), raw("ledger", "zz"), raw("bitgo-network", "ofcnew"),
            raw("bitgo-network", "ofcbtc")]  # fmt: skip
    assert assets.builtin().unmapped(seen) == [("bitgo-network", "ofcnew"), ("ledger", "zz")]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("mine.json", '{"providers": {"ledger": {"coin": {"asset": "BTC", "source": "s"}}}}'),
        ("mine.JSON", '{"providers": {"ledger": {"coin": {"asset": "BTC", "source": "s"}}}}'),
        ("mine.toml", '[providers.ledger.coin]\nasset = "BTC"\nsource = "s"\n'),
        ("mine.yaml", "providers:\n  ledger:\n    coin: {asset: BTC, source: s}\n"),
        ("mine.yml", "providers:\n  ledger:\n    coin: {asset: BTC, source: s}\n"),
    ],
)
def test_user_files_of_each_format_add_their_mappings(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    registry = assets.load(path)
    assert registry.lookup("ledger", "coin") == assets.AssetMapping("ledger", "coin", "BTC", None, None, "s")
    assert registry.lookup("ledger", "bitcoin") == assets.builtin().lookup("ledger", "bitcoin")


def test_no_path_is_the_curated_registry() -> None:
    assert assets.load(None) is assets.builtin()
    assert assets.load("") is assets.builtin()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("mine.json", b'{"providers": ', "is not valid JSON: "),
        ("mine.toml", b"[providers\n", "is not valid TOML: "),
        ("mine.yaml", b"providers: [\n", "is not valid YAML: "),
        ("mine.json", b'{"a": "\xff"}', "cannot be read: "),
        ("mine.ini", b"{}", ": use a .json, .toml or .yaml file"),
    ],
    ids=["json", "toml", "yaml", "not-utf-8", "suffix"],
)
def test_unreadable_user_files_are_refused_naming_the_file(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ConfigurationError) as caught:
        assets.load(path)
    assert str(caught.value).startswith(f"asset registry file {path}")
    assert message in str(caught.value)


def test_missing_file_and_directory_are_refused(tmp_path: Path) -> None:
    missing = tmp_path / "none.json"
    with pytest.raises(ConfigurationError, match=f"^{re.escape(f'asset registry file {missing} does not exist')}$"):
        assets.load(missing)
    with pytest.raises(ConfigurationError, match=f"^{re.escape(f'asset registry file {tmp_path} cannot be read: ')}"):
        assets.load(tmp_path)


def test_yaml_without_pyyaml_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("providers: {}\n", encoding="utf-8")
    monkeypatch.setitem(sys.modules, "yaml", None)  # `import yaml` raises ImportError
    with pytest.raises(ConfigurationError, match=r"YAML needs PyYAML; use \.json or \.toml$"):
        assets.load(path)
