"""Connect every configured provider, as the `balancekit` command does: environment, config file, `*_FILE` secrets.

from balancekit import connect_configured, gather

clients = connect_configured()              # every provider whose required settings are present
result = gather(clients)
only = connect_configured(providers=["ledger"], config="/etc/balancekit.toml", max_retries=2)
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeAlias, Unpack

from balancekit.errors import ConfigurationError
from balancekit.providers.names import ProviderName

if TYPE_CHECKING:
    from balancekit.providers.bitgo_link import BitGoLinkClient
    from balancekit.providers.bitgo_network import BitGoNetworkClient
    from balancekit.providers.byzantine import ByzantineClient
    from balancekit.providers.cryptofuse import CryptofuseClient
    from balancekit.providers.ledger import LedgerClient
    from balancekit.providers.options import ClientOptions

Client: TypeAlias = "BitGoLinkClient | BitGoNetworkClient | LedgerClient | CryptofuseClient | ByzantineClient"
"""Any provider's connected client (narrow with isinstance, or call the provider module's functions)."""


def configured_kwargs(
    config: str | None = None, providers: Iterable[str] | None = None, environ: Mapping[str, str] = os.environ
) -> dict[str, dict[str, Any]]:
    """connect() keyword arguments per provider, from settings; every configuration error before any request.

    `providers` None means every provider whose required settings are present (none at all is an error);
    a named provider that is not configured, or any provider configured in part, is a ConfigurationError.
    """
    from balancekit import settings as s

    wanted = s.known_providers(providers or [])
    settings = s.load(config, environ)
    partial = s.partly_configured(settings)
    if partial:
        raise ConfigurationError(s.partial_message(partial))
    ready = s.configured(settings)
    missing = [p for p in wanted if p not in ready]
    if missing:
        needs = "; ".join(f"{p} needs {' and '.join(s.REQUIRED[p])}" for p in missing)
        raise ConfigurationError(f"not configured: {needs}")
    if not ready:
        source = s.explicit_config(config, environ)
        where = f"config file {source} sets" if source else "the environment and config file set"
        raise ConfigurationError(f"no provider is configured: {where} no provider's required variables (see README)")
    return {p: s.connect_kwargs(p, settings) for p in (wanted or ready)}


def connect_configured(
    config: str | None = None, providers: Iterable[ProviderName] | None = None, **options: Unpack[ClientOptions]
) -> dict[ProviderName, Client]:
    """The connected client of every configured provider (or of `providers`), keyed by provider name.

    Settings resolve exactly as for the `balancekit` command: non-empty environment variables win over
    the TOML config file (`config`, else $BALANCEKIT_CONFIG, else $XDG_CONFIG_HOME/balancekit/config.toml),
    and each secret may come from `<NAME>_FILE`. `options` go to every connect() (timeout, max_retries,
    policy, proxy, ...). Raises ConfigurationError, before any request, for anything missing or malformed.
    """
    from balancekit.providers import registry

    kwargs = configured_kwargs(config, providers)
    connected: dict[Any, Any] = {p: registry.module(p).connect(**kw, **options) for p, kw in kwargs.items()}
    return connected
