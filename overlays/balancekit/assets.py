"""The asset registry: each provider's own asset codes mapped to one canonical asset, network and scale.

The curated registry is specs/assets.yaml, shipped in the package as assets.json
(scripts/generate.py writes that copy). A user file (JSON, TOML, or YAML when
PyYAML is installed) adds or overrides entries. Both are checked here against
the rules of specs/assets.schema.json, with an error that names the bad entry.
"""

from __future__ import annotations

import functools
import json
import re
import tomllib
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from balancekit.errors import ConfigurationError
from balancekit.holding import Holding
from balancekit.money import scale_down
from balancekit.providers import registry as providers

PACKAGED = "assets.json"  # generated from specs/assets.yaml; never edit by hand
ASSET_CODE = re.compile(r"^[A-Z0-9]{2,12}$")
NETWORK = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
PROVIDER_CODE = re.compile(r"^\S{1,64}$")
TYPES = ("crypto", "fiat")
MAX_DECIMALS = 36
ASSET_KEYS = {"name", "type", "source"}
MAPPING_KEYS = {"asset", "network", "decimals", "source", "note"}


@attrs.frozen
class Asset:
    """A canonical asset: its code (BTC, USD), name, type (crypto or fiat) and where the code comes from."""

    code: str
    name: str
    type: str
    source: str


@attrs.frozen
class AssetMapping:
    """One provider code: its canonical asset, the network it implies and the decimals of its base unit."""

    provider: str
    code: str
    asset: str
    network: str | None
    decimals: int | None
    source: str
    note: str | None = None


@attrs.frozen
class Registry:
    """Canonical assets and provider mappings; `canonical()` gives a holding its canonical view."""

    assets: Mapping[str, Asset]
    mappings: Mapping[tuple[str, str], AssetMapping]

    def lookup(self, provider: str, code: str) -> AssetMapping | None:
        """The mapping of a provider's code, matched exactly (never guessed)."""
        return self.mappings.get((provider, code))

    def canonical(self, holding: Holding) -> Holding:
        """The holding with its canonical asset and network, base units scaled to major units where known.

        The provider's code is kept in `provider_asset`. An unmapped code keeps `asset` as it was.
        """
        code = holding.provider_asset or holding.asset
        found = self.lookup(holding.provider, code)
        if found is None:
            return holding if holding.provider_asset == code else attrs.evolve(holding, provider_asset=code)
        if holding.unit == "base" and found.decimals is not None:
            available = None if holding.available is None else scale_down(holding.available, found.decimals)
            return attrs.evolve(
                holding,
                asset=found.asset,
                available=available,
                total=scale_down(holding.total, found.decimals),
                unit="major",
                provider_asset=code,
                network=found.network,
            )
        return attrs.evolve(holding, asset=found.asset, provider_asset=code, network=found.network)

    def apply(self, holdings: Iterable[Holding]) -> list[Holding]:
        return [self.canonical(h) for h in holdings]

    def unmapped(self, holdings: Iterable[Holding]) -> list[tuple[str, str]]:
        """(provider, provider code) of every holding whose code the registry does not map, once, sorted."""
        seen = {(h.provider, h.provider_asset or h.asset) for h in holdings}
        return sorted(key for key in seen if key not in self.mappings)

    def overlay(self, document: object, origin: str) -> Registry:
        """This registry with a user document's assets and mappings added or replacing ours."""
        assets, mappings = parse(document, origin, self.assets, partial=True)
        return Registry({**self.assets, **assets}, {**self.mappings, **mappings})

    def rows(self) -> list[AssetMapping]:
        order = {p: i for i, p in enumerate(providers.names())}
        return sorted(self.mappings.values(), key=lambda m: (order[m.provider], m.asset, m.code))


def parse(
    document: object, origin: str, known: Mapping[str, Asset] | None = None, *, partial: bool = False
) -> tuple[dict[str, Asset], dict[tuple[str, str], AssetMapping]]:
    """Assets and mappings of a registry document, checked; ConfigurationError names the bad entry.

    `partial` (user files): version, assets and providers are optional; mapped assets may be ours (`known`).
    """

    def bad(where: str, why: str) -> ConfigurationError:
        return ConfigurationError(f"asset registry {origin}: {where}: {why}")

    if not isinstance(document, dict):
        raise bad("top level", "must be a table/object with `assets` and `providers`")
    extra = sorted(set(document) - {"version", "assets", "providers"})
    if extra:
        raise bad(extra[0], "unknown key (expected version, assets, providers)")
    if document.get("version", 1 if partial else None) != 1:
        raise bad("version", f"must be 1, got {document.get('version')!r}")
    assets: dict[str, Asset] = {}
    for code, entry in table(document, "assets", partial, bad).items():
        where = f"assets.{code}"
        if not ASSET_CODE.match(code):
            raise bad(where, "asset codes are 2-12 upper-case letters or digits")
        fields = entry_fields(entry, where, ASSET_KEYS, {"name", "type", "source"}, bad)
        if fields["type"] not in TYPES:
            raise bad(where + ".type", f"must be one of {', '.join(TYPES)}, got {fields['type']!r}")
        assets[code] = Asset(code, text(fields, "name", where, bad), fields["type"], text(fields, "source", where, bad))
    everything = {**(known or {}), **assets}
    mappings: dict[tuple[str, str], AssetMapping] = {}
    for provider, codes in table(document, "providers", partial, bad).items():
        if provider not in providers.names():
            raise bad(f"providers.{provider}", f"unknown provider (choose from {', '.join(providers.names())})")
        if not isinstance(codes, dict):
            raise bad(f"providers.{provider}", "must be a table of provider codes")
        for code, entry in codes.items():
            where = f"providers.{provider}.{code}"
            if not PROVIDER_CODE.match(code):
                raise bad(where, "provider codes are 1-64 characters without spaces")
            mappings[(provider, code)] = mapping(provider, code, entry, where, everything, bad)
    return assets, mappings


def mapping(provider: str, code: str, entry: object, where: str, assets: Mapping[str, Asset], bad: Any) -> AssetMapping:
    fields = entry_fields(entry, where, MAPPING_KEYS, {"asset", "source"}, bad)
    asset = fields["asset"]
    if not isinstance(asset, str) or asset not in assets:
        raise bad(where + ".asset", f"{asset!r} is not a canonical asset (add it under `assets`)")
    network = fields.get("network")
    if network is not None and not (isinstance(network, str) and NETWORK.match(network)):
        raise bad(where + ".network", f"must be null or a lower-case network name, got {network!r}")
    decimals = fields.get("decimals")
    if decimals is not None and not (
        isinstance(decimals, int) and not isinstance(decimals, bool) and 0 <= decimals <= MAX_DECIMALS
    ):
        raise bad(where + ".decimals", f"must be a whole number 0..{MAX_DECIMALS}, got {decimals!r}")
    note = fields.get("note")
    if note is not None and not isinstance(note, str):
        raise bad(where + ".note", "must be a string")
    return AssetMapping(provider, code, asset, network, decimals, text(fields, "source", where, bad), note)


def table(document: dict[str, Any], key: str, partial: bool, bad: Any) -> dict[str, Any]:
    if key not in document and partial:
        return {}
    value = document.get(key)
    if not isinstance(value, dict):
        raise bad(key, "must be a table/object")
    return value


def entry_fields(entry: object, where: str, allowed: set[str], required: set[str], bad: Any) -> dict[str, Any]:
    if not isinstance(entry, dict):
        raise bad(where, f"must be a table/object with {', '.join(sorted(required))}")
    unknown = sorted(set(entry) - allowed)
    if unknown:
        raise bad(f"{where}.{unknown[0]}", f"unknown field (allowed: {', '.join(sorted(allowed))})")
    missing = sorted(required - set(entry))
    if missing:
        raise bad(where, f"missing {', '.join(missing)}")
    return entry


def text(fields: dict[str, Any], key: str, where: str, bad: Any) -> str:
    value = fields[key]
    if not isinstance(value, str) or not value.strip():
        raise bad(f"{where}.{key}", "must be a non-empty string")
    return value


@functools.cache
def builtin() -> Registry:
    """The curated registry shipped with balancekit, loaded and checked once."""
    document = json.loads(resources.files("balancekit").joinpath(PACKAGED).read_text(encoding="utf-8"))
    assets, mappings = parse(document, f"balancekit/{PACKAGED}")
    return Registry(assets, mappings)


def read_document(path: Path) -> object:
    """A user registry file: .json, .toml, or .yaml/.yml (needs PyYAML)."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigurationError(f"asset registry file {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigurationError(f"asset registry file {path} cannot be read: {exc}") from None
    suffix = path.suffix.lower()
    try:
        if suffix == ".json":
            return json.loads(raw)
        if suffix == ".toml":
            return tomllib.loads(raw)
        if suffix in (".yaml", ".yml"):
            return yaml_document(raw, path)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigurationError(f"asset registry file {path} is not valid {suffix[1:].upper()}: {exc}") from None
    raise ConfigurationError(f"asset registry file {path}: use a .json, .toml or .yaml file")


def yaml_document(raw: str, path: Path) -> object:
    try:
        import yaml
    except ImportError:
        raise ConfigurationError(f"asset registry file {path}: YAML needs PyYAML; use .json or .toml") from None
    try:
        return yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        raise ConfigurationError(f"asset registry file {path} is not valid YAML: {exc}") from None


def load(path: str | Path | None = None) -> Registry:
    """The curated registry, with the user file at `path` (if any) added on top."""
    if not path:
        return builtin()
    return builtin().overlay(read_document(Path(path)), str(path))
