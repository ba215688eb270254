"""Which providers are configured, from the environment and an optional TOML file (environment wins).

Each secret variable (the access token, API key secret, client secret, private key) may instead name a
file in `<NAME>_FILE`, the Docker and Kubernetes secrets convention: its text, less one trailing newline.
Both set is a configuration error.

The TOML file holds the same variables as the environment, at top level or
under [balancekit]:  BITGO_ACCESS_TOKEN = "...". It may also name an asset
registry file that adds or overrides asset mappings:  assets = "assets.toml"
(relative to the config file).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from balancekit.errors import ConfigurationError
from balancekit.providers import registry
from balancekit.providers.registry import EnvVar
from balancekit.secrets import FILE_SUFFIX, from_file_variable

# Each provider's variables, the required ones and their connect() keywords: from the provider registry.
VARIABLES: dict[str, tuple[str, ...]] = {d.name: d.variables for d in registry.declarations()}
REQUIRED: dict[str, tuple[str, ...]] = {d.name: d.required for d in registry.declarations()}
ENV_VARS: dict[str, EnvVar] = {v.name: v for d in registry.declarations() for v in d.env}
KNOWN = set(ENV_VARS)
SECRET_VARIABLES = frozenset(name for name, var in ENV_VARS.items() if var.secret)  # each also read from NAME_FILE
FILE_ONLY = {"assets"}  # settings only the TOML file holds: the asset registry file
KEYWORDS = {name: var.keyword for name, var in ENV_VARS.items()}  # connect() keyword for each variable


def load(config_path: str | None, environ: Mapping[str, str] = os.environ) -> dict[str, str]:
    """The merged settings: TOML file values, overridden by non-empty environment variables (and `*_FILE` secrets)."""
    settings: dict[str, str] = {}
    path = config_file(config_path, environ)
    if path:
        settings |= read_toml(Path(path))
    settings |= {k: v.strip() for k, v in environ.items() if k in KNOWN and v.strip()}
    settings |= {k: v for k in sorted(SECRET_VARIABLES) if (v := from_file_variable(k, environ)) is not None}
    return settings


def config_file(config_path: str | None, environ: Mapping[str, str] = os.environ) -> str | None:
    """The config file in force: `config_path`, else $BALANCEKIT_CONFIG, else the default one if it exists."""
    return config_path or environ.get("BALANCEKIT_CONFIG") or default_config_path(environ)


def explicit_config(config_path: str | None, environ: Mapping[str, str] = os.environ) -> str | None:
    """The config file named on purpose (`--config` or $BALANCEKIT_CONFIG), not the default location."""
    return config_path or environ.get("BALANCEKIT_CONFIG") or None


def default_config_path(environ: Mapping[str, str] = os.environ) -> str | None:
    """$XDG_CONFIG_HOME/balancekit/config.toml (XDG_CONFIG_HOME defaults to ~/.config), if that file exists."""
    base = environ.get("XDG_CONFIG_HOME") or str(Path(environ.get("HOME") or Path.home()) / ".config")
    path = Path(base) / "balancekit" / "config.toml"
    return str(path) if path.is_file() else None


def read_toml(path: Path) -> dict[str, str]:
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigurationError(f"config file {path} does not exist") from None
    except IsADirectoryError:
        raise ConfigurationError(f"config file {path} is a directory, not a file") from None
    except OSError as exc:
        raise ConfigurationError(f"config file {path} cannot be read: {exc.strerror or type(exc).__name__}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigurationError(f"config file {path} is not valid TOML: {exc}") from None
    table = data.get("balancekit", data)
    if not isinstance(table, dict):
        raise ConfigurationError(f"config file {path}: [balancekit] must be a table")
    files = sorted(k for k in table if k.removesuffix(FILE_SUFFIX) in SECRET_VARIABLES and k.endswith(FILE_SUFFIX))
    if files:
        raise ConfigurationError(f"config file {path}: {', '.join(files)} are read from the environment only")
    unknown = sorted(k for k in table if k not in KNOWN and k not in FILE_ONLY)
    if unknown:
        raise ConfigurationError(f"config file {path}: unknown setting(s) {', '.join(unknown)}")
    bad = sorted(k for k, v in table.items() if not isinstance(v, str))
    if bad:
        raise ConfigurationError(f"config file {path}: {', '.join(bad)} must be strings")
    settings = {k: v.strip() for k, v in table.items() if v.strip()}
    if "assets" in settings:
        settings["assets"] = str(path.parent / settings["assets"])
    return settings


def known_providers(names: Iterable[str]) -> list[str]:
    """`names` as a list, or ConfigurationError naming any that is no provider's (and the ones there are)."""
    wanted = list(names)
    unknown = [n for n in wanted if n not in VARIABLES]
    if unknown:
        names = ", ".join(map(repr, unknown))
        raise ConfigurationError(f"unknown provider(s) {names}; choose from {', '.join(VARIABLES)}")
    return wanted


def configured(settings: Mapping[str, str]) -> list[str]:
    """Providers whose required credentials are present."""
    return [p for p, needed in REQUIRED.items() if all(settings.get(n) for n in needed)]


def partly_configured(settings: Mapping[str, str]) -> dict[str, list[str]]:
    """Providers with some of their variables set but a required one missing: {provider: missing names}."""
    out = {}
    for provider, names in VARIABLES.items():
        missing = [n for n in REQUIRED[provider] if not settings.get(n)]
        if missing and any(settings.get(n) for n in names):
            out[provider] = missing
    return out


def partial_message(partial: Mapping[str, list[str]]) -> str:
    """One line naming each partly configured provider and the variables it lacks (names only, never values)."""
    by_missing: dict[tuple[str, ...], list[str]] = {}
    for provider, missing in partial.items():
        by_missing.setdefault(tuple(missing), []).append(provider)
    parts = [f"{' and '.join(ps)} {'needs' if len(ps) == 1 else 'need'} {' and '.join(m)}"
             for m, ps in by_missing.items()]  # fmt: skip
    return f"partly configured: {'; '.join(parts)} (set them, or unset the others)"


SANDBOX_POLICIES = ("auto", "never")


def sandbox_policy(environ: Mapping[str, str] = os.environ) -> str:
    """BALANCEKIT_SANDBOX: "auto" (default; the sandbox when nothing is configured) or "never"."""
    value = environ.get("BALANCEKIT_SANDBOX", "").strip().lower() or "auto"
    if value not in SANDBOX_POLICIES:
        raise ConfigurationError(f"BALANCEKIT_SANDBOX must be one of {', '.join(SANDBOX_POLICIES)}, got {value!r}")
    return value


def connect_kwargs(provider: str, settings: Mapping[str, str]) -> dict[str, Any]:
    """Keyword arguments of balancekit.providers.<provider>.connect() from settings."""
    out: dict[str, Any] = {}
    for name in VARIABLES[provider]:
        if settings.get(name):
            out[KEYWORDS[name]] = ENV_VARS[name].parse(settings[name])
    return out
